/* test_bounds_count.c: hostile inputs to `asamblea tally` and `asamblea
 * verify` stay within 256 MB of peak RSS and 10 seconds (issue 15), run
 * through the real program in a child whose peak RSS comes from wait4:
 *   - a bundle whose results.txt or ballot list is a symlink to /dev/zero,
 *     a FIFO, or a sparse file of 1,000 MB (tally);
 *   - six sparse 1,000 MB files, and files each under the per-file cap but
 *     together over the bundle's (verify);
 *   - every candidate tied in every round (tally's tie-break), and the
 *     tie-break's fast pick against the plain statement of it on random
 *     histories.
 * Inputs are generated in a mkdtemp directory; nothing big is committed
 * (sparse files take no disk).
 *
 * Bounds: 256 MB and 10 s, as the issue states them for this machine.
 * ASan's own overhead (shadow memory, quarantine) is inside the 256 MB;
 * the blow-ups this guards against were gigabytes or unbounded.  Under
 * qemu (the arm64 cross build, AS_TIME_SCALE from CMake) the time bound is
 * multiplied by the emulation's slowdown. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "../src/core/rcv_internal.h"
#include "check.h"
#include "rcv.h"
#include "test_verify_util.h"
#include "verify.h"

#ifndef AS_TIME_SCALE
#define AS_TIME_SCALE 1
#endif
#define MAX_RSS_KB (256L * 1024)
#define MAX_SECONDS (10.0 * AS_TIME_SCALE)

static char dir[64];
static char out[1 << 16], err[1 << 14];

typedef struct {
    int status;   /* exit status, 128 + signal, or -1 when killed at the deadline */
    long rss_kb;  /* peak RSS of the child */
    double secs;  /* wall time */
} run_info;

static void slurp(const char *path, char *buf, size_t size)
{
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(buf, 1, size - 1, f) : 0;
    buf[n] = '\0';
    if (f)
        fclose(f);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* run: AS_BINARY with argv (NULL-terminated, argv[0] excluded); stdout
 * into out (the first 64 KB; all of it to dir/stdout), stderr into err.
 * A child still running at three times the time bound is killed, so a
 * hang fails the test instead of stalling the suite. */
static run_info run(const char *const *args)
{
    const char *argv[16];
    int n = 0;
    argv[n++] = AS_BINARY;
    for (; *args && n < 15; args++)
        argv[n++] = *args;
    argv[n] = NULL;
    char po[128], pe[128];
    snprintf(po, sizeof po, "%s/stdout", dir);
    snprintf(pe, sizeof pe, "%s/stderr", dir);
    run_info ri = {-1, 0, 0};
    double t0 = now();
    pid_t pid = fork();
    if (pid == 0) {
        int fo = open(po, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int fe = open(pe, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(fo, 1);
        dup2(fe, 2);
        execv(AS_BINARY, (char *const *)argv);
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    for (;;) {
        pid_t w = wait4(pid, &status, WNOHANG, &ru);
        if (w == pid)
            break;
        if (now() - t0 > 3 * MAX_SECONDS) {
            kill(pid, SIGKILL);
            wait4(pid, &status, 0, &ru);
            ri.secs = now() - t0;
            ri.rss_kb = ru.ru_maxrss;
            slurp(po, out, sizeof out);
            slurp(pe, err, sizeof err);
            return ri; /* status -1 */
        }
        usleep(2000);
    }
    ri.secs = now() - t0;
    ri.rss_kb = ru.ru_maxrss;
    ri.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    slurp(po, out, sizeof out);
    slurp(pe, err, sizeof err);
    return ri;
}

#define WITHIN_LIMITS(ri, what)                                                    \
    do {                                                                           \
        CHECK_MSG((ri).rss_kb <= MAX_RSS_KB, "%s: peak RSS %ld KB > %ld KB", what, \
                  (ri).rss_kb, MAX_RSS_KB);                                        \
        CHECK_MSG((ri).secs <= MAX_SECONDS, "%s: %.2f s > %.0f s", what, (ri).secs, \
                  MAX_SECONDS);                                                    \
        printf("  %-58s %7ld KB %6.2f s\n", what, (ri).rss_kb, (ri).secs);         \
    } while (0)

static int lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* sparse: a file of `mb` megabytes that takes no disk (ftruncate). */
static int sparse(const char *path, long mb)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return -1;
    int rc = ftruncate(fd, (off_t)mb * 1000 * 1000);
    close(fd);
    return rc;
}

/* ---- tally BUNDLE: every file it reads is checked before it is read ---- */

static char *make_bundle(tbundle *b)
{
    if (tb_make(b, 2, 7) != 0)
        return NULL;
    return tb_write(b, dir);
}

/* replace: path inside bundle bdir becomes a symlink to /dev/zero (kind
 * 's'), a FIFO ('f') or a sparse 1,000 MB file ('z'). */
static int replace(const char *bdir, const char *rel, char kind)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", bdir, rel);
    unlink(p);
    switch (kind) {
    case 's':
        return symlink("/dev/zero", p);
    case 'f':
        return mkfifo(p, 0600);
    default:
        return sparse(p, 1000);
    }
}

static void tally_bundle_hostile(void)
{
    static const char *const files[] = {"results.txt", "meeting.yaml",
                                        "ballots/coat-drive.txt"};
    static const char kinds[] = {'s', 'f', 'z'};
    static const char *const want[] = {"is a symbolic link", "is not a regular file (a FIFO)",
                                       "more than the"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        for (size_t k = 0; k < sizeof kinds; k++) {
            tbundle b;
            char *bdir = make_bundle(&b);
            CHECK(bdir != NULL);
            if (!bdir) {
                tb_free(&b);
                return;
            }
            CHECK_INT(replace(bdir, files[i], kinds[k]), 0);
            const char *args[] = {"tally", bdir, NULL};
            run_info ri = run(args);
            char what[128], prefix[600];
            snprintf(what, sizeof what, "tally BUNDLE, %s %s", files[i],
                     kinds[k] == 's' ? "-> /dev/zero" : kinds[k] == 'f' ? "a FIFO"
                                                                        : "sparse 1,000 MB");
            /* refused: exit 2, nothing on stdout, one line naming the file
             * and what is wrong */
            CHECK_MSG(ri.status == 2, "%s: exit %d", what, ri.status);
            CHECK_MSG(out[0] == '\0', "%s: stdout %.200s", what, out);
            CHECK_MSG(lines(err) == 1, "%s: stderr %s", what, err);
            snprintf(prefix, sizeof prefix, "%s/%s: ", bdir, files[i]);
            CHECK_MSG(!strncmp(err, prefix, strlen(prefix)) && strstr(err, want[k]),
                      "%s: stderr '%s'", what, err);
            WITHIN_LIMITS(ri, what);
            tb_rm_rf(bdir);
            free(bdir);
            tb_free(&b);
        }
    }
}

/* ---- verify: the bytes of a bundle are capped, holes included ---------- */

static void verify_sparse(void)
{
    tbundle b;
    char *bdir = make_bundle(&b);
    CHECK(bdir != NULL);
    if (!bdir) {
        tb_free(&b);
        return;
    }
    /* the audit's case: six sparse 1,000 MB files */
    for (int i = 0; i < 6; i++) {
        char p[512];
        snprintf(p, sizeof p, "%s/ballots/extra-%d.txt", bdir, i);
        CHECK_INT(sparse(p, 1000), 0);
    }
    const char *args[] = {"verify", bdir, NULL};
    run_info ri = run(args);
    CHECK_MSG(ri.status == 1, "verify exit %d: %s", ri.status, err);
    CHECK_MSG(strstr(out, "ballots/extra-0.txt: cannot be read (invalid input)") &&
                  strstr(out, "more than the 33554432 a bundle file may have"),
              "%s", out);
    CHECK(strstr(out, "verification FAILED") != NULL);
    WITHIN_LIMITS(ri, "verify, six sparse 1,000 MB files");
    tb_rm_rf(bdir);
    free(bdir);

    /* under the per-file cap each, over the bundle's together: the file
     * that passes the total says so */
    bdir = tb_write(&b, dir);
    CHECK(bdir != NULL);
    if (!bdir) {
        tb_free(&b);
        return;
    }
    size_t each = VERIFY_FILE_MAX - 1;
    int nfiles = (int)(VERIFY_BUNDLE_MAX / each) + 2;
    for (int i = 0; i < nfiles; i++) {
        char p[512];
        snprintf(p, sizeof p, "%s/ballots/big-%d.txt", bdir, i);
        int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        CHECK(fd >= 0 && ftruncate(fd, (off_t)each) == 0);
        if (fd >= 0)
            close(fd);
    }
    const char *args2[] = {"verify", bdir, NULL};
    ri = run(args2);
    CHECK_MSG(ri.status == 1, "verify exit %d: %s", ri.status, err);
    CHECK_MSG(strstr(out, "pass the 64 MiB a bundle may hold") != NULL, "%s", out);
    WITHIN_LIMITS(ri, "verify, files under 32 MiB each, over 64 MiB in all");
    tb_rm_rf(bdir);
    free(bdir);

    /* the same through tally: a ballot list of 31 MiB is read, the
     * bundle's other files with it stay under the total */
    bdir = tb_write(&b, dir);
    if (bdir) {
        CHECK_INT(replace(bdir, "ballots/coat-drive.txt", 'z'), 0);
        const char *targs[] = {"tally", bdir, NULL};
        ri = run(targs);
        CHECK_MSG(ri.status == 2 && strstr(err, "more than the 33554432"), "%d %s",
                  ri.status, err);
        tb_rm_rf(bdir);
        free(bdir);
    }
    tb_free(&b);
}

/* ---- the tie-break ------------------------------------------------------ */

/* write_tied: an election of n candidates, one ballot each, so every
 * candidate is tied with every other in every round of the count. */
static int write_tied(const char *path, int n)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fprintf(f, "%d 1\n", n);
    for (int i = 1; i <= n; i++)
        fprintf(f, "1 %d 0\n", i);
    fputs("0\n", f);
    for (int i = 1; i <= n; i++)
        fprintf(f, "\"Candidate %d\"\n", i);
    fputs("\"Every candidate tied\"\n", f);
    return fclose(f);
}

/* tally_tied: n candidates all tied, through the real program: counted
 * within the bounds up to RCV_MAX_CAND, refused at once above it. */
static void tally_tied(int n)
{
    char p[128], what[128];
    snprintf(p, sizeof p, "%s/tied-%d.blt", dir, n);
    CHECK_INT(write_tied(p, n), 0);
    const char *args[] = {"tally", p, NULL};
    run_info ri = run(args);
    snprintf(what, sizeof what, "tally, %d candidates all tied", n);
    if (n <= RCV_MAX_CAND) {
        CHECK_MSG(ri.status == 0, "%s: exit %d: %s", what, ri.status, err);
        /* one elimination per round, each decided by the tie-break, the
         * last two by a draw */
        char want[64];
        snprintf(want, sizeof want, "Round %d ", n - 1);
        CHECK_MSG(strstr(out, "Winner: Candidate ") || strstr(out, want), "%s", what);
        CHECK(strstr(out, "Contest:  Every candidate tied") != NULL);
    } else {
        char want[600];
        snprintf(want, sizeof want, "%s:1: %d candidates is more than the %d", p, n,
                 RCV_MAX_CAND);
        CHECK_MSG(ri.status == 2 && !strncmp(err, want, strlen(want)) && lines(err) == 1,
                  "%s: exit %d: %s", what, ri.status, err);
        CHECK_MSG(out[0] == '\0', "%s: %.200s", what, out);
    }
    WITHIN_LIMITS(ri, what);
}

/* The count's tie-break itself at 4,096 candidates, every one tied in
 * every round, as instant runoff makes it (one loser per round, looking
 * back over every earlier round): the plain pick took more than ten
 * minutes here.  Above RCV_MAX_CAND a file is refused, so the candidates
 * are set up directly. */
static void tie_pick_4096(void)
{
    enum { N = 4096 };
    rcv_ballots b;
    memset(&b, 0, sizeof b);
    char **names = calloc(N, sizeof *names);
    char *store = malloc((size_t)N * 16);
    rcv_result *r = rcv_result_alloc(N, 0, 1);
    int *tied = malloc(N * sizeof *tied);
    uint8_t *out_ = calloc(N, 1);
    if (!names || !store || !r || !tied || !out_) {
        CHECK_MSG(0, "out of memory");
        goto done;
    }
    for (int c = 0; c < N; c++) {
        names[c] = store + 16 * c;
        snprintf(names[c], 16, "Candidate %d", c + 1);
    }
    b.cand = names;
    b.ncand = N;
    rcv_options o;
    rcv_options_default(&o);
    rcv_tie t;
    rcv_tie_init(&t, &b, &o);
    double t0 = now();
    int draws = 0, ok = 1;
    for (int k = 0; k < N - 1; k++) {
        rcv_round *rd = rcv_result_round(r);
        if (!rd) {
            ok = 0;
            break;
        }
        int n = 0;
        for (int c = 0; c < N; c++) {
            rd->votes[c] = out_[c] ? 0 : 1;
            if (!out_[c])
                tied[n++] = c;
        }
        int drawn = 0;
        int loser = rcv_tie_pick(&t, r, k, tied, n, 0, &drawn);
        if (loser < 0 || out_[loser])
            ok = 0;
        else
            out_[loser] = 1;
        draws += drawn;
    }
    double secs = now() - t0;
    rcv_tie_free(&t);
    CHECK(ok);
    /* every round after the first looks back and finds nothing, so a
     * draw decides every one */
    CHECK_INT(draws, N - 1);
    CHECK_MSG(secs <= MAX_SECONDS, "4,096 tied picks: %.2f s", secs);
    printf("  %-58s %18.2f s\n", "tie-break, 4,096 candidates tied in 4,095 rounds", secs);
done:
    rcv_result_free(r);
    free(names);
    free(store);
    free(tied);
    free(out_);
}

/* The fast pick agrees with the plain one (rcv_tie_pick_scan, the old
 * code) on random histories with many ties, for every rule the pick
 * distinguishes (RCTab's HashSet order, the Scottish rule, a draw),
 * winners and losers, including sets whose vote vectors differ only far
 * back. */
static void tie_pick_matches_scan(void)
{
    srand(15);
    int agree = 0, total = 0;
    for (int trial = 0; trial < 300; trial++) {
        int nc = 2 + rand() % 60, nr = 1 + rand() % 40;
        rcv_ballots *b = NULL;
        as_err e;
        if (rcv_ballots_new(&b) != AS_OK)
            break;
        for (int c = 0; c < nc; c++) {
            char nm[32];
            snprintf(nm, sizeof nm, "%c%d", 'A' + rand() % 26, c);
            rcv_ballots_add_candidate(b, nm, NULL, &e);
        }
        rcv_result *r = rcv_result_alloc(nc, 0, 1);
        for (int k = 0; r && k < nr; k++) {
            rcv_round *rd = rcv_result_round(r);
            if (!rd)
                break;
            for (int c = 0; c < nc; c++) {
                /* few distinct values, often unchanged from the round
                 * before: long runs of equal history */
                int64_t prev = k ? r->rounds[k - 1].votes[c] : rand() % 3;
                rd->votes[c] = rand() % 5 == 0 ? prev + rand() % 2 : prev;
            }
        }
        for (int variant = 0; r && variant < 4; variant++) {
            rcv_options o;
            rcv_options_default(&o);
            o.seed = (uint64_t)trial;
            if (variant == 1) {
                o.method = RCV_STV;
                o.rule = RCV_RULE_SCOTTISH;
            } else if (variant == 2) {
                o.tiebreak = RCV_TIE_RANDOM;
            }
            rcv_tie fast, plain;
            rcv_tie_init(&fast, b, &o);
            rcv_tie_init(&plain, b, &o);
            /* several picks on one t, upto never decreasing, as a count
             * makes them */
            for (int upto = 0; upto <= r->nrounds; upto += 1 + rand() % 3) {
                int tied[64], n = 0;
                for (int c = 0; c < nc; c++)
                    if (rand() % 3)
                        tied[n++] = c;
                if (n == 0)
                    continue;
                int want_high = variant == 3 || rand() % 2;
                int d1 = 0, d2 = 0;
                int p1 = rcv_tie_pick(&fast, r, upto, tied, n, want_high, &d1);
                int p2 = rcv_tie_pick_scan(&plain, r, upto, tied, n, want_high, &d2);
                total++;
                if (p1 == p2 && d1 == d2)
                    agree++;
                else
                    fprintf(stderr, "trial %d variant %d upto %d n %d: fast %d "
                                    "(drawn %d), plain %d (drawn %d)\n",
                            trial, variant, upto, n, p1, d1, p2, d2);
            }
            rcv_tie_free(&fast);
            rcv_tie_free(&plain);
        }
        rcv_result_free(r);
        rcv_ballots_free(b);
    }
    CHECK_MSG(total > 1000 && agree == total, "%d of %d picks agree", agree, total);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/as-bounds-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    tie_pick_matches_scan();
    tally_bundle_hostile();
    verify_sparse();
    tie_pick_4096();
    tally_tied(RCV_MAX_CAND);
    tally_tied(4096);
    tb_rm_rf(dir);
    return check_done();
}
