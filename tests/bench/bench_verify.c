/* bench_verify.c: `asamblea verify` on a bundle of a million ballots,
 * side by side with sha256sum over the same files.
 *
 * Store_cast is far too slow to make a million ballots (an fsync'ed
 * transaction each), so the bundle is made here, the way
 * tests/test_verify_util.c makes its bundles: random ballot ids sorted,
 * the RFC 6962 root from record.h, results.txt/.csv/.json and
 * attendance.txt from the export's own render functions, a hash-chained
 * events.log, the manifest and an Ed25519 signature from libsodium.  One
 * untimed `asamblea verify` must pass before anything is timed, so the
 * figures are those of a verifier that accepted the bundle.
 *
 * Then RUNS rounds, each running once, in this order so all see the same
 * machine: `asamblea verify BUNDLE`, `sha256sum -c manifest.txt` (in the
 * bundle), `sha256sum FILE...` over every file, and `cat FILE... >
 * /dev/null` (reading alone).  An untimed round first warms the page
 * cache.  Medians of wall-clock time (and of the children's CPU time) are
 * reported; the ratio is median verify / median `sha256sum -c`.
 *
 * For context, the SHA-256 work the format demands, done in this process
 * with libsodium: every file hashed once, plus a leaf hash per ballot and
 * a node hash per inner node of the Merkle tree (RFC 6962).
 *
 * usage: bench_verify ASAMBLEA SCRATCH_DIR [BALLOTS [RUNS]]
 * With AS_BENCH_KEEP set in the environment the bundle is left in
 * SCRATCH_DIR (for profiling the verifier on it).
 * Prints table rows; exit 0, or 1 on an error. */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "bench_util.h"
#include "export.h"
#include "meeting.h"
#include "record.h"

#define TARGET_RATIO 2.0
#define NFILES 16
#define PROP "big-vote"

static const char yaml[] =
    "meeting:\n"
    "  title: \"Verify benchmark\"\n"
    "  date: 2026-12-05\n"
    "  languages: [en]\n"
    "  roster: roster.csv\n"
    "  quorum: 3\n"
    "proposals:\n"
    "  - id: " PROP "\n"
    "    title:\n"
    "      en: A very large vote\n"
    "    text:\n"
    "      en: One million ballots.\n"
    "    method: yes-no-abstain\n"
    "    threshold: majority\n";

typedef struct {
    const char *path; /* relative to the bundle */
    char *buf;
    size_t len;
} bfile;

static bfile files[NFILES];
static int nfiles;

static int add(const char *path, char *buf, size_t len)
{
    if (!buf || nfiles >= NFILES) {
        free(buf);
        return -1;
    }
    files[nfiles++] = (bfile){path, buf, len};
    return 0;
}

static char *dup_str(const char *s, size_t *len)
{
    *len = strlen(s);
    char *p = malloc(*len + 1);
    if (p)
        memcpy(p, s, *len + 1);
    return p;
}

static int cmp_id(const void *a, const void *b)
{
    return memcmp(a, b, RECORD_ID_SIZE);
}

static int cmp_file(const void *a, const void *b)
{
    return strcmp(((const bfile *)a)->path, ((const bfile *)b)->path);
}

/* ballots: n random ids, sorted, each with a random choice; the list,
 * its root and the counts. */
static char *ballots(size_t n, export_figures *f, size_t *len)
{
    uint8_t(*ids)[RECORD_ID_SIZE] = malloc(n * RECORD_ID_SIZE);
    char *out = malloc(n * RECORD_LINE_MAX);
    uint8_t(*leaves)[RECORD_HASH_SIZE] = malloc(n * RECORD_HASH_SIZE);
    size_t o = 0;
    if (!ids || !out || !leaves)
        goto fail;
    randombytes_buf(ids, n * RECORD_ID_SIZE);
    qsort(ids, n, RECORD_ID_SIZE, cmp_id);
    for (size_t i = 1; i < n; i++)
        if (!memcmp(ids[i - 1], ids[i], RECORD_ID_SIZE)) {
            fputs("bench_verify: two random ids collided; run again\n", stderr);
            goto fail;
        }
    for (size_t i = 0; i < n; i++) {
        int ch = (int)randombytes_uniform(3);
        size_t ln = record_ballot_line(ids[i], ch, out + o);
        record_leaf_hash(out + o, ln, leaves[i]);
        o += ln;
        out[o++] = '\n';
        if (ch == CHOICE_YES)
            f->yes++;
        else if (ch == CHOICE_NO)
            f->no++;
        else
            f->abstain++;
    }
    record_merkle_root(leaves, n, f->root);
    f->ballots = (int64_t)n;
    free(ids);
    free(leaves);
    *len = o;
    return out;
fail:
    free(ids);
    free(out);
    free(leaves);
    return NULL;
}

static void add_event(char *log, size_t cap, size_t *len, uint8_t prev[32],
                      int *seq, const char *text)
{
    char line[512], hex[65];
    int tn = snprintf(line, sizeof line, "%d %s", ++*seq, text);
    record_event_hash(prev, line, (size_t)tn, prev);
    record_hex(prev, 32, hex);
    *len += (size_t)snprintf(log + *len, cap - *len, "%s %s\n", line, hex);
}

/* make_bundle: every file of a valid bundle with n ballots, in files[]
 * sorted by path, manifest.txt and manifest.sig last. */
static int make_bundle(size_t n)
{
    meeting *m = NULL;
    diag_list d;
    as_err err;
    export_figures f;
    export_attendance a;
    char *out, hex[65], text[256];
    size_t len;
    int rc = -1;

    diag_init(&d);
    if (meeting_from_memory("meeting.yaml", yaml, sizeof yaml - 1,
                            "name,role,token\n", &m, &d) != AS_OK) {
        for (int i = 0; i < d.n; i++)
            fprintf(stderr, "bench_verify: meeting: %s\n", d.lines[i]);
        goto out;
    }
    memset(&f, 0, sizeof f);
    f.state = PROP_CLOSED;
    f.checked_in = (int64_t)(n + n / 20);
    f.quorum = 3;
    a = (export_attendance){.roster = (int64_t)(n + n / 5), .checked_in = f.checked_in,
                            .quorum = 3, .attended = f.checked_in};

    /* (Each buffer is made before add() reads its length.) */
    out = dup_str(yaml, &len);
    if (add("meeting.yaml", out, len) != 0)
        goto out;
    out = dup_str("A bundle made by bench_verify.\n", &len);
    if (add("README.txt", out, len) != 0)
        goto out;
    out = ballots(n, &f, &len);
    if (add("ballots/" PROP ".txt", out, len) != 0)
        goto out;
    if (export_render_results_txt(m, &f, &out, &len, &err) != AS_OK ||
        add("results.txt", out, len) != 0 ||
        export_render_attendance_txt(&a, &out, &len, &err) != AS_OK ||
        add("attendance.txt", out, len) != 0 ||
        export_render_results_csv(m, &f, &a, &out, &len, &err) != AS_OK ||
        add("results.csv", out, len) != 0 ||
        export_render_results_json(m, &f, &a, &out, &len, &err) != AS_OK ||
        add("results.json", out, len) != 0) {
        fprintf(stderr, "bench_verify: rendering: %s\n", err.msg);
        goto out;
    }

    size_t lcap = 4096, ll = 0;
    char *log = malloc(lcap);
    uint8_t prev[32] = {0};
    int seq = 0;
    if (!log)
        goto out;
    record_hex(m->sha256, 32, hex);
    snprintf(text, sizeof text, "meeting %s", hex);
    add_event(log, lcap, &ll, prev, &seq, text);
    add_event(log, lcap, &ll, prev, &seq, "started");
    snprintf(text, sizeof text, "opened " PROP " %lld", (long long)f.checked_in);
    add_event(log, lcap, &ll, prev, &seq, text);
    record_hex(f.root, 32, hex);
    snprintf(text, sizeof text, "closed " PROP " %lld %lld %s",
             (long long)f.checked_in, (long long)f.ballots, hex);
    add_event(log, lcap, &ll, prev, &seq, text);
    add_event(log, lcap, &ll, prev, &seq, "exported 1");
    if (add("events.log", log, ll) != 0)
        goto out;

    /* The kiosk's key: device.pub (hex) and device.pem (SPKI). */
    uint8_t pk[32], sk[64], sig[64];
    crypto_sign_keypair(pk, sk);
    char *pub = malloc(66);
    if (!pub)
        goto out;
    record_hex(pk, 32, pub);
    pub[64] = '\n';
    pub[65] = '\0';
    if (add("device.pub", pub, 65) != 0)
        goto out;
    uint8_t der[44] = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
                       0x03, 0x21, 0x00};
    memcpy(der + 12, pk, 32);
    char b64[128], *pem = malloc(256);
    if (!pem)
        goto out;
    sodium_bin2base64(b64, sizeof b64, der, sizeof der, sodium_base64_VARIANT_ORIGINAL);
    len = (size_t)snprintf(pem, 256, "-----BEGIN PUBLIC KEY-----\n%s\n"
                           "-----END PUBLIC KEY-----\n", b64);
    if (add("device.pem", pem, len) != 0)
        goto out;

    qsort(files, (size_t)nfiles, sizeof files[0], cmp_file);
    size_t dn = sizeof RECORD_SIG_DOMAIN - 1, mcap = dn + (size_t)nfiles * 200, ml = dn;
    char *man = malloc(mcap);
    if (!man)
        goto out;
    memcpy(man, RECORD_SIG_DOMAIN, dn);
    for (int i = 0; i < nfiles; i++) {
        uint8_t h[32];
        crypto_hash_sha256(h, (const unsigned char *)files[i].buf, files[i].len);
        record_hex(h, 32, hex);
        ml += (size_t)snprintf(man + ml, mcap - ml, "%s  %s\n", hex, files[i].path);
    }
    crypto_sign_detached(sig, NULL, (const unsigned char *)man, ml, sk);
    sodium_memzero(sk, sizeof sk);
    memmove(man, man + dn, ml - dn);
    if (add("manifest.txt", man, ml - dn) != 0)
        goto out;
    char *s = malloc(64);
    if (!s)
        goto out;
    memcpy(s, sig, 64);
    if (add("manifest.sig", s, 64) != 0)
        goto out;
    rc = 0;
out:
    meeting_free(m);
    diag_free(&d);
    return rc;
}

static int write_bundle(const char *dir)
{
    char p[4400];
    snprintf(p, sizeof p, "%s/ballots", dir);
    if (mkdir(p, 0755) != 0) {
        fprintf(stderr, "bench_verify: %s: %s\n", p, strerror(errno));
        return -1;
    }
    for (int i = 0; i < nfiles; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, files[i].path);
        if (bench_write_file(p, files[i].buf, files[i].len) != 0)
            return -1;
    }
    return 0;
}

/* run: forks argv (stdout to out_path or /dev/null, stderr kept), in dir
 * cwd (NULL: unchanged); wall-clock and CPU seconds; the exit status, or
 * -1 if it did not run. */
static int run(char *const argv[], const char *cwd, const char *out_path,
               double *wall, double *cpu)
{
    uint64_t t0 = bench_now_ns();
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int fd = open(out_path ? out_path : "/dev/null",
                      O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || dup2(fd, 1) < 0 || (cwd && chdir(cwd) != 0))
            _exit(126);
        execvp(argv[0], argv);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) != pid)
        return -1;
    *wall = (double)(bench_now_ns() - t0) / 1e9;
    *cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* hash_floor: the SHA-256 work of a verification with libsodium, in
 * seconds: each file once, and the Merkle tree of the ballot list. */
static double hash_floor(void)
{
    uint64_t t0 = bench_now_ns();
    uint8_t h[32];
    for (int i = 0; i < nfiles; i++) {
        crypto_hash_sha256(h, (const unsigned char *)files[i].buf, files[i].len);
        if (strncmp(files[i].path, "ballots/", 8) != 0)
            continue;
        size_t n = 0, start = 0;
        const char *b = files[i].buf;
        uint8_t(*leaves)[32] = malloc((files[i].len / 35 + 1) * 32);
        if (!leaves)
            return -1;
        for (size_t j = 0; j < files[i].len; j++)
            if (b[j] == '\n') {
                record_leaf_hash(b + start, j - start, leaves[n++]);
                start = j + 1;
            }
        record_merkle_root(leaves, n, h);
        free(leaves);
    }
    return (double)(bench_now_ns() - t0) / 1e9;
}

enum { T_VERIFY, T_SHAC, T_SHA, T_CAT, T_N };

int main(int argc, char **argv)
{
    size_t n = 800000; /* 30 MB of ballots: under verify's 32 MiB per file */
    int runs = 5, rc = 1;
    char *dir = NULL, fs[32], fig[400], name[200], out_path[4400];
    double wall[T_N][64], cpu[T_N][64], floor_s[64];
    const char *asamblea;

    if (argc < 3 || argc > 5) {
        fputs("usage: bench_verify ASAMBLEA SCRATCH_DIR [BALLOTS [RUNS]]\n", stderr);
        return 2;
    }
    asamblea = argv[1];
    if (argc >= 4)
        n = (size_t)strtoul(argv[3], NULL, 10);
    if (argc == 5)
        runs = atoi(argv[4]);
    if (n < 1 || n > 20000000 || runs < 1 || runs > 64) {
        fputs("bench_verify: BALLOTS must be 1..20000000, RUNS 1..64\n", stderr);
        return 2;
    }
    if (sodium_init() < 0) {
        fputs("bench_verify: cannot initialise libsodium\n", stderr);
        return 1;
    }
    if (!(dir = bench_mkdtemp(argv[2], "verify")))
        goto out;
    bench_fs_name(dir, fs, sizeof fs);
    uint64_t g0 = bench_now_ns();
    if (make_bundle(n) != 0 || write_bundle(dir) != 0)
        goto out;
    double gen_s = (double)(bench_now_ns() - g0) / 1e9;
    size_t total = 0;
    for (int i = 0; i < nfiles; i++)
        total += files[i].len;
    fprintf(stderr, "bench_verify: bundle of %zu ballots, %.1f MB in %d files, "
            "made in %.1f s\n", n, (double)total / 1e6, nfiles, gen_s);

    /* argv of each command. */
    char *verify_argv[] = {(char *)asamblea, "verify", dir, NULL};
    char *shac_argv[] = {"sha256sum", "--quiet", "-c", "manifest.txt", NULL};
    char *sha_argv[NFILES + 2], *cat_argv[NFILES + 2];
    char paths[NFILES][4400];
    sha_argv[0] = "sha256sum";
    cat_argv[0] = "cat";
    for (int i = 0; i < nfiles; i++) {
        snprintf(paths[i], sizeof paths[i], "%s/%s", dir, files[i].path);
        sha_argv[i + 1] = cat_argv[i + 1] = paths[i];
    }
    sha_argv[nfiles + 1] = cat_argv[nfiles + 1] = NULL;

    /* The verifier must accept the bundle before its time means anything. */
    double w, c;
    snprintf(out_path, sizeof out_path, "%s/verify-out.txt", argv[2]);
    int st = run(verify_argv, NULL, out_path, &w, &c);
    if (st != 0) {
        fprintf(stderr, "bench_verify: `asamblea verify` exited with %d on the "
                "generated bundle (its report: %s); fix the bundle or the "
                "verifier\n", st, out_path);
        goto out;
    }
    unlink(out_path);
    if (run(shac_argv, dir, NULL, &w, &c) != 0 || run(sha_argv, NULL, NULL, &w, &c) != 0 ||
        run(cat_argv, NULL, NULL, &w, &c) != 0) {
        fputs("bench_verify: sha256sum or cat failed on the bundle\n", stderr);
        goto out;
    }

    for (int r = 0; r < runs; r++) {
        char *const *cmds[T_N] = {verify_argv, shac_argv, sha_argv, cat_argv};
        for (int t = 0; t < T_N; t++) {
            st = run(cmds[t], t == T_SHAC ? dir : NULL, NULL, &wall[t][r], &cpu[t][r]);
            if (st != 0) {
                fprintf(stderr, "bench_verify: %s exited with %d in run %d\n",
                        cmds[t][0], st, r + 1);
                goto out;
            }
        }
        floor_s[r] = hash_floor();
    }

    double mw[T_N], mc[T_N], mn[T_N], mx[T_N];
    for (int t = 0; t < T_N; t++) {
        double v[64];
        memcpy(v, wall[t], sizeof(double) * (size_t)runs);
        mw[t] = bench_pct(v, (size_t)runs, 50);
        mn[t] = v[0];
        mx[t] = v[runs - 1];
        memcpy(v, cpu[t], sizeof(double) * (size_t)runs);
        mc[t] = bench_pct(v, (size_t)runs, 50);
    }
    /* Each round's verify over the `sha256sum -c` right after it: a burst
     * of load from another program spoils one round, not the median. */
    double per_round[64];
    for (int r = 0; r < runs; r++)
        per_round[r] = wall[T_VERIFY][r] / wall[T_SHAC][r];
    double ratio_round = bench_pct(per_round, (size_t)runs, 50);
    double fl = bench_pct(floor_s, (size_t)runs, 50);
    double ratio = mw[T_VERIFY] / mw[T_SHAC];
    double ratio_plain = mw[T_VERIFY] / mw[T_SHA];

    snprintf(name, sizeof name, "verify: `asamblea verify`, %zu ballots (%.1f MB)", n,
             (double)total / 1e6);
    snprintf(fig, sizeof fig, "median %.3f s (min %.3f, max %.3f; CPU %.3f s; %d runs, "
             "%s, files in the page cache)", mw[T_VERIFY], mn[T_VERIFY], mx[T_VERIFY],
             mc[T_VERIFY], runs, fs);
    bench_row(name, fig, "report", BENCH_INFO);
    snprintf(fig, sizeof fig, "median %.3f s (min %.3f, max %.3f; CPU %.3f s)",
             mw[T_SHAC], mn[T_SHAC], mx[T_SHAC], mc[T_SHAC]);
    bench_row("verify: `sha256sum -c manifest.txt` on the same bundle", fig, "report",
              BENCH_INFO);
    snprintf(fig, sizeof fig, "median %.3f s (min %.3f, max %.3f; CPU %.3f s)",
             mw[T_SHA], mn[T_SHA], mx[T_SHA], mc[T_SHA]);
    bench_row("verify: `sha256sum` over all its files (manifest and signature too)",
              fig, "report", BENCH_INFO);
    snprintf(fig, sizeof fig, "median %.3f s (min %.3f, max %.3f)", mw[T_CAT],
             mn[T_CAT], mx[T_CAT]);
    bench_row("verify: `cat` of all its files > /dev/null (reading alone)", fig,
              "report", BENCH_INFO);
    snprintf(fig, sizeof fig, "median %.3f s in-process, %.2fx `sha256sum -c` "
             "(every file once + a leaf and a node hash per ballot)", fl,
             fl / mw[T_SHAC]);
    bench_row("verify: SHA-256 work the format demands (libsodium)", fig,
              "report", BENCH_INFO);
    snprintf(fig, sizeof fig, "%.2fx (median/median, same runs; median of "
             "per-round ratios %.2fx; CPU time %.2fx; %.2fx plain `sha256sum` "
             "of all files)", ratio, ratio_round, mc[T_VERIFY] / mc[T_SHAC],
             ratio_plain);
    bench_row("verify: `asamblea verify` / `sha256sum -c`", fig, "< 2x",
              ratio < TARGET_RATIO ? BENCH_OK : BENCH_MISSED);
    rc = 0;
out:
    if (rc)
        fputs("bench_verify: failed\n", stderr);
    for (int i = 0; i < nfiles; i++)
        free(files[i].buf);
    if (dir) {
        if (getenv("AS_BENCH_KEEP"))
            fprintf(stderr, "bench_verify: bundle kept in %s\n", dir);
        else
            bench_rmtree(dir);
        free(dir);
    }
    return rc;
}
