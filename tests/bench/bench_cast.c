/* bench_cast.c: what a vote costs on disk.
 *
 * Times store_cast (the whole "Cast my vote" -> "recorded" step of the
 * store: one transaction over meeting.db and ballots.db, committed with
 * synchronous=FULL through a super-journal) on real files, and next to it,
 * in the same loop so both see the same disk and the same neighbours, a
 * raw 4 KiB pwrite + fsync on the same file system: over the same block
 * of a file (the least a durable write can cost), and appended to a
 * growing file (which also changes the file's size, as a new journal
 * does).  Reports p50/p99 of each and the ratios.
 *
 * Counts syncs per cast two ways:
 *   - xSync calls, through a thin wrapper around SQLite's default VFS
 *     (registered as the default before store_open);
 *   - fsync/fdatasync system calls, by interposing those two functions
 *     in this program (SQLite's unix VFS also syncs the directory when a
 *     journal is created or the super-journal deleted, which xSync does
 *     not see).
 *
 * Then the same step as the kiosk does it when "Cast my vote" is tapped:
 * session_action(ACT_CAST) on the review screen until the session shows
 * "recorded" (store_cast plus re-reading what is left to vote on), with
 * a generated one-proposal meeting and roster of CASTS people.
 *
 * usage: bench_cast SCRATCH_DIR [CASTS]
 * SCRATCH_DIR should be on the disk the kiosk would use (not tmpfs).
 * Prints table rows; exit 0, or 1 on an error. */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "bench_util.h"
#include "meeting.h"
#include "session.h"
#include "store_sqlite.h"

/* ---- fsync/fdatasync interposed: counted, then done by the kernel ---- */

static long n_fsync_calls;

int fsync(int fd)
{
    n_fsync_calls++;
    return (int)syscall(SYS_fsync, fd);
}

int fdatasync(int fd)
{
    n_fsync_calls++;
    return (int)syscall(SYS_fdatasync, fd);
}

/* ---- a VFS wrapper that counts xSync ---- */

typedef struct {
    sqlite3_file base;
    sqlite3_file *real;
} shim_file;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs shim_vfs;
static sqlite3_io_methods shim_io;
static long n_xsync;

static sqlite3_file *R(sqlite3_file *f) { return ((shim_file *)f)->real; }

static int s_close(sqlite3_file *f) { return R(f)->pMethods->xClose(R(f)); }
static int s_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o)
{ return R(f)->pMethods->xRead(R(f), b, n, o); }
static int s_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 o)
{ return R(f)->pMethods->xWrite(R(f), b, n, o); }
static int s_truncate(sqlite3_file *f, sqlite3_int64 n)
{ return R(f)->pMethods->xTruncate(R(f), n); }
static int s_sync(sqlite3_file *f, int flags)
{ n_xsync++; return R(f)->pMethods->xSync(R(f), flags); }
static int s_size(sqlite3_file *f, sqlite3_int64 *n)
{ return R(f)->pMethods->xFileSize(R(f), n); }
static int s_lock(sqlite3_file *f, int l) { return R(f)->pMethods->xLock(R(f), l); }
static int s_unlock(sqlite3_file *f, int l) { return R(f)->pMethods->xUnlock(R(f), l); }
static int s_reserved(sqlite3_file *f, int *o)
{ return R(f)->pMethods->xCheckReservedLock(R(f), o); }
static int s_fcntl(sqlite3_file *f, int op, void *a)
{ return R(f)->pMethods->xFileControl(R(f), op, a); }
static int s_sector(sqlite3_file *f) { return R(f)->pMethods->xSectorSize(R(f)); }
static int s_devchar(sqlite3_file *f)
{ return R(f)->pMethods->xDeviceCharacteristics(R(f)); }
static int s_shmmap(sqlite3_file *f, int i, int sz, int ext, void volatile **pp)
{ return R(f)->pMethods->xShmMap(R(f), i, sz, ext, pp); }
static int s_shmlock(sqlite3_file *f, int o, int n, int fl)
{ return R(f)->pMethods->xShmLock(R(f), o, n, fl); }
static void s_shmbarrier(sqlite3_file *f) { R(f)->pMethods->xShmBarrier(R(f)); }
static int s_shmunmap(sqlite3_file *f, int del)
{ return R(f)->pMethods->xShmUnmap(R(f), del); }
static int s_fetch(sqlite3_file *f, sqlite3_int64 o, int n, void **pp)
{ return R(f)->pMethods->xFetch(R(f), o, n, pp); }
static int s_unfetch(sqlite3_file *f, sqlite3_int64 o, void *p)
{ return R(f)->pMethods->xUnfetch(R(f), o, p); }

static int s_open(sqlite3_vfs *v, const char *name, sqlite3_file *f, int flags,
                  int *out)
{
    shim_file *sf = (shim_file *)f;
    int rc;
    (void)v;
    sf->real = (sqlite3_file *)(sf + 1);
    rc = real_vfs->xOpen(real_vfs, name, sf->real, flags, out);
    sf->base.pMethods = sf->real->pMethods ? &shim_io : NULL;
    return rc;
}

static int shim_install(void)
{
    real_vfs = sqlite3_vfs_find(NULL);
    if (!real_vfs)
        return -1;
    shim_vfs = *real_vfs;
    shim_vfs.zName = "asamblea-bench-shim";
    shim_vfs.szOsFile = (int)sizeof(shim_file) + real_vfs->szOsFile;
    shim_vfs.xOpen = s_open;
    shim_io = (sqlite3_io_methods){
        3, s_close, s_read, s_write, s_truncate, s_sync, s_size, s_lock,
        s_unlock, s_reserved, s_fcntl, s_sector, s_devchar, s_shmmap,
        s_shmlock, s_shmbarrier, s_shmunmap, s_fetch, s_unfetch};
    return sqlite3_vfs_register(&shim_vfs, 1) == SQLITE_OK ? 0 : -1;
}

/* ---- tap to "recorded", through the session ---- */

/* bench_session_cast: CASTS people each scan, open the proposal, choose
 * and tap "Cast my vote"; the tap is timed.  Prints one row; 0 or -1. */
static int bench_session_cast(const char *base, int n, double store_p50)
{
    static const char yaml[] =
        "meeting:\n  title: Cast benchmark\n  date: 2026-12-05\n"
        "  roster: roster.csv\nproposals:\n  - id: p\n"
        "    title: The proposal\n    text: The text.\n";
    size_t cap = 32 + (size_t)n * 48, len;
    char *csv = malloc(cap), *dir = NULL, tok[TOKEN_TEXT_SIZE], fig[200];
    double *ms = calloc((size_t)n, sizeof *ms);
    meeting *m = NULL;
    store *st = NULL;
    session *se = NULL;
    session_config sc;
    session_view v;
    diag_list diag;
    as_err err;
    uint64_t now = 1000;
    int rc = -1;

    diag_init(&diag);
    if (!csv || !ms)
        goto out;
    len = (size_t)snprintf(csv, cap, "name,role,token\n");
    for (int i = 0; i < n; i++) {
        token_new(tok);
        len += (size_t)snprintf(csv + len, cap - len, "Voter %d,attendee,%s\n", i, tok);
    }
    if (meeting_from_memory("bench-cast.yaml", yaml, sizeof yaml - 1, csv, &m,
                            &diag) != AS_OK) {
        fputs("bench_cast: the generated meeting does not load\n", stderr);
        goto out;
    }
    if (!(dir = bench_mkdtemp(base, "session-cast")))
        goto out;
    if (store_open(dir, m->sha256, &st, &err) != AS_OK ||
        store_set_proposal_state(st, "p", PROP_OPEN, &err) != AS_OK) {
        fprintf(stderr, "bench_cast: %s\n", err.msg);
        goto out;
    }
    session_config_default(&sc, m);
    if (session_new(m, st, &sc, &se) != AS_OK)
        goto out;
    for (int i = 0; i < n; i++) {
        const char *t = roster_get(m->roster, i)->token;
        uint64_t t0;
        session_scan(se, t, strlen(t), now += 1000);
        session_action(se, ACT_PROPOSAL, 0, now += 500);
        session_action(se, ACT_CHOOSE, i % 3, now += 500);
        session_view_get(se, &v);
        if (v.screen != SCR_REVIEW) {
            fprintf(stderr, "bench_cast: voter %d is on screen %d, not the review "
                    "screen; the session's flow changed, fix the bench\n", i,
                    (int)v.screen);
            goto out;
        }
        t0 = bench_now_ns();
        session_action(se, ACT_CAST, 0, now += 500);
        ms[i] = (double)(bench_now_ns() - t0) / 1e6;
        session_view_get(se, &v);
        if (v.screen != SCR_RECORDED) {
            fprintf(stderr, "bench_cast: after Cast, screen %d, not recorded\n",
                    (int)v.screen);
            goto out;
        }
        session_action(se, ACT_FINISH, 0, now += 500);
    }
    double p50 = bench_pct(ms, (size_t)n, 50), p99 = bench_pct(ms, (size_t)n, 99);
    snprintf(fig, sizeof fig, "p50 %.2f ms, p99 %.2f ms (%.2fx store_cast p50; "
             "drawing the screen adds about one frame)", p50, p99,
             store_p50 > 0 ? p50 / store_p50 : 0);
    bench_row("cast: tap \"Cast my vote\" to RECORDED (session)", fig, "report",
              BENCH_INFO);
    rc = 0;
out:
    session_free(se);
    store_free(st);
    meeting_free(m);
    diag_free(&diag);
    sodium_memzero(tok, sizeof tok);
    if (csv)
        sodium_memzero(csv, cap);
    free(csv);
    free(ms);
    if (dir) {
        bench_rmtree(dir);
        free(dir);
    }
    return rc;
}

/* ---- the benchmark ---- */

/* raw_write_fsync: 4 KiB at offset off, then fsync. */
static int raw_write_fsync(int fd, const char *block, off_t off)
{
    if (pwrite(fd, block, 4096, off) != 4096 || fsync(fd) != 0)
        return -1;
    return 0;
}

int main(int argc, char **argv)
{
    int n = 500, rc = 1, fd = -1, afd = -1, tmpfs;
    char *dir = NULL, raw_path[4200], app_path[4200], fs[32], fig[200], block[4096];
    double *cast_ms = NULL, *raw_ms = NULL, *ratio = NULL, *app_ms = NULL;
    long *xs = NULL, *fs_calls = NULL;
    uint8_t sha[32], badge[TOKEN_HASH_SIZE];
    store *st = NULL;
    as_err err;

    if (argc < 2 || argc > 3) {
        fputs("usage: bench_cast SCRATCH_DIR [CASTS]\n", stderr);
        return 2;
    }
    if (argc == 3)
        n = atoi(argv[2]);
    if (n < 10 || n > 1000000) {
        fputs("bench_cast: CASTS must be 10..1000000\n", stderr);
        return 2;
    }
    if (sodium_init() < 0 || shim_install() != 0) {
        fputs("bench_cast: cannot initialise libsodium or the VFS shim\n", stderr);
        return 1;
    }
    cast_ms = calloc((size_t)n, sizeof *cast_ms);
    raw_ms = calloc((size_t)n, sizeof *raw_ms);
    ratio = calloc((size_t)n, sizeof *ratio);
    app_ms = calloc((size_t)n, sizeof *app_ms);
    xs = calloc((size_t)n, sizeof *xs);
    fs_calls = calloc((size_t)n, sizeof *fs_calls);
    if (!cast_ms || !raw_ms || !ratio || !app_ms || !xs || !fs_calls)
        goto out;
    if (!(dir = bench_mkdtemp(argv[1], "cast")))
        goto out;
    tmpfs = bench_fs_name(dir, fs, sizeof fs);
    if (tmpfs == 1)
        fprintf(stderr, "bench_cast: %s is on %s, where fsync costs nothing; "
                "the figures say nothing about a real disk\n", dir, fs);

    crypto_hash_sha256(sha, (const unsigned char *)"bench_cast", 10);
    if (store_open(dir, sha, &st, &err) != AS_OK ||
        store_set_proposal_state(st, "p", PROP_OPEN, &err) != AS_OK) {
        fprintf(stderr, "bench_cast: %s\n", err.msg);
        goto out;
    }
    snprintf(raw_path, sizeof raw_path, "%s/raw-4k.bin", dir);
    snprintf(app_path, sizeof app_path, "%s/raw-append.bin", dir);
    fd = open(raw_path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    afd = open(app_path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    randombytes_buf(block, sizeof block);
    if (fd < 0 || afd < 0 || raw_write_fsync(fd, block, 0) != 0) {
        fprintf(stderr, "bench_cast: %s: %s\n", raw_path, strerror(errno));
        goto out;
    }

    for (int i = 0; i < n; i++) {
        uint64_t t0, t1, t2, t3;
        long x0, f0;
        randombytes_buf(badge, sizeof badge); /* a fresh badge hash */
        /* In the kiosk the check-in happened at the scan, long before. */
        if (store_checkin(st, badge, NULL, &err) != AS_OK) {
            fprintf(stderr, "bench_cast: %s\n", err.msg);
            goto out;
        }
        x0 = n_xsync;
        f0 = n_fsync_calls;
        t0 = bench_now_ns();
        if (store_cast(st, "p", badge, i % 3, &err) != AS_OK) {
            fprintf(stderr, "bench_cast: %s\n", err.msg);
            goto out;
        }
        t1 = bench_now_ns();
        xs[i] = n_xsync - x0;
        fs_calls[i] = n_fsync_calls - f0;
        if (raw_write_fsync(fd, block, 0) != 0) {
            fprintf(stderr, "bench_cast: %s: %s\n", raw_path, strerror(errno));
            goto out;
        }
        t2 = bench_now_ns();
        if (raw_write_fsync(afd, block, (off_t)i * 4096) != 0) {
            fprintf(stderr, "bench_cast: %s: %s\n", app_path, strerror(errno));
            goto out;
        }
        t3 = bench_now_ns();
        app_ms[i] = (double)(t3 - t2) / 1e6;
        cast_ms[i] = (double)(t1 - t0) / 1e6;
        raw_ms[i] = (double)(t2 - t1) / 1e6;
        ratio[i] = raw_ms[i] > 0 ? cast_ms[i] / raw_ms[i] : 0;
    }
    {
        int64_t voted = 0, ballots = 0;
        if (store_voted_count(st, "p", &voted, &err) != AS_OK ||
            store_ballot_count(st, "p", &ballots, &err) != AS_OK ||
            voted != n || ballots != n) {
            fprintf(stderr, "bench_cast: expected %d ballots and voted flags, "
                    "found %lld and %lld\n", n, (long long)ballots, (long long)voted);
            goto out;
        }
    }

    long xmin = xs[0], xmax = xs[0], fmin = fs_calls[0], fmax = fs_calls[0];
    for (int i = 1; i < n; i++) {
        xmin = xs[i] < xmin ? xs[i] : xmin;
        xmax = xs[i] > xmax ? xs[i] : xmax;
        fmin = fs_calls[i] < fmin ? fs_calls[i] : fmin;
        fmax = fs_calls[i] > fmax ? fs_calls[i] : fmax;
    }
    double c50 = bench_pct(cast_ms, (size_t)n, 50), c99 = bench_pct(cast_ms, (size_t)n, 99);
    double r50 = bench_pct(raw_ms, (size_t)n, 50), r99 = bench_pct(raw_ms, (size_t)n, 99);
    double q50 = bench_pct(ratio, (size_t)n, 50);
    double a50 = bench_pct(app_ms, (size_t)n, 50), a99 = bench_pct(app_ms, (size_t)n, 99);

    snprintf(fig, sizeof fig, "p50 %.2f ms, p99 %.2f ms (%d casts, %s%s)", c50,
             c99, n, fs, tmpfs == 1 ? ": NOT A REAL DISK" : "");
    bench_row("cast: store_cast", fig, "report", BENCH_INFO);
    snprintf(fig, sizeof fig, "p50 %.2f ms, p99 %.2f ms (same file system, "
             "interleaved with the casts)", r50, r99);
    bench_row("cast: raw 4 KiB pwrite+fsync, same block", fig, "report", BENCH_INFO);
    snprintf(fig, sizeof fig, "p50 %.2f ms, p99 %.2f ms (store_cast p50 is %.1fx)",
             a50, a99, a50 > 0 ? c50 / a50 : 0);
    bench_row("cast: raw 4 KiB pwrite+fsync, appended", fig, "report", BENCH_INFO);
    snprintf(fig, sizeof fig, "%.1fx (median of per-pair ratios; p50/p50 %.1fx, "
             "p99/p99 %.1fx)", q50, r50 > 0 ? c50 / r50 : 0, r99 > 0 ? c99 / r99 : 0);
    bench_row("cast: store_cast / raw write+fsync (same block)", fig, "report", BENCH_INFO);
    if (xmin == xmax)
        snprintf(fig, sizeof fig, "%ld xSync", xmin);
    else
        snprintf(fig, sizeof fig, "%ld..%ld xSync", xmin, xmax);
    bench_row("cast: syncs per cast (SQLite VFS xSync)", fig, "report", BENCH_INFO);
    if (fmin == fmax)
        snprintf(fig, sizeof fig, "%ld (files and directories)", fmin);
    else
        snprintf(fig, sizeof fig, "%ld..%ld (files and directories)", fmin, fmax);
    bench_row("cast: fsync+fdatasync calls per cast", fig, "report", BENCH_INFO);
    store_free(st);
    st = NULL;
    if (bench_session_cast(argv[1], n, c50) != 0)
        goto out;
    rc = 0;
out:
    if (rc)
        fputs("bench_cast: failed\n", stderr);
    if (fd >= 0)
        close(fd);
    if (afd >= 0)
        close(afd);
    store_free(st);
    if (dir) {
        bench_rmtree(dir);
        free(dir);
    }
    free(cast_ms);
    free(raw_ms);
    free(ratio);
    free(app_ms);
    free(xs);
    free(fs_calls);
    return rc;
}
