/* bench_hub.c: several kiosks on one PostgreSQL hub (issue 11, "Speed").
 *
 * Throughput: a real PostgreSQL 15 cluster (hub_cluster_create: fsync,
 * synchronous_commit and full_page_writes on, read back from the running
 * server) in the scratch folder, reached over TCP on 127.0.0.1.  After the
 * setup the program forks N kiosk processes (N = 1, 2, 4, 8); each opens
 * its own hub store with its own data folder, login and signing key,
 * checks in its own fresh badges (the desk's work, before the clock
 * starts), waits at a barrier, and then as fast as it can, per badge:
 *   - the scan's check: store_is_checked_in + store_has_voted through the
 *     hub (the part of scan-to-feedback that touches the store), timed;
 *   - the cast: store_cast_text (two-phase commit over the hub's mark and
 *     the local ballot), timed: tap-to-"recorded" as far as the store goes.
 * casts/s = all casts / (last kiosk's end - first kiosk's start).  In the
 * same run, the single kiosk: the SQLite store (store_open) in one
 * process, the same loop.  Afterwards the hub's marks and the kiosks'
 * local ballots are counted: each must equal the casts made.  After each
 * round, 25 raw 4 KiB write+fsync on the same disk show what a durable
 * write cost at the time (this machine is shared and its disk busy).
 *
 * Room simulation (bench_hub_room.c): 200 voters, one proposal, K kiosks,
 * from the latencies measured here.
 *
 * Every configuration runs BENCH_HUB_ROUNDS rounds, interleaved (see
 * measure).
 *
 * usage: bench_hub SCRATCH_DIR [CASTS_PER_KIOSK_PER_ROUND]
 * Prints table rows; exit 0 (also when PostgreSQL is not installed: a row
 * says so), 1 on an error. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "bench_hub.h"
#include "bench_util.h"
#include "hub.h"
#include "hub_store.h"
#include "hub_util.h"
#include "store_sqlite.h"

enum { MAX_KIOSKS = 8, RAW_PER_ROUND = 25 };

typedef struct {
    char *dir;      /* the kiosk's own data folder */
    char *conninfo; /* its own login (NULL: the single kiosk, SQLite) */
    uint8_t pk[32], sk[64];
} kiosk_cfg;

/* What a kiosk process hands back, in memory shared across the fork. */
typedef struct {
    uint64_t t0, t1;  /* after the barrier, after the last cast */
    int64_t ballots;  /* its local ballots on the proposal afterwards */
    int ok;           /* 1: every check and cast went as expected */
} kiosk_out;

static uint8_t meeting_sha[32];
static const char *const choices[3] = {"yes", "no", "abstain"};
/* One proposal per row, so each row's badges vote on a fresh one: k1 for
 * one kiosk process (and the single kiosk's own store), k2, k4, k8. */
static const char *const props[BENCH_HUB_ROWS] = {"k1", "k2", "k4", "k8"};

/* kiosk_open: the kiosk's store, on the hub or (conninfo NULL) alone. */
static store *kiosk_open(const kiosk_cfg *k)
{
    store *s = NULL;
    as_err err = {{0}};
    as_status st = k->conninfo
        ? hub_store_open(k->dir, k->conninfo, meeting_sha, k->pk, k->sk, &s, &err)
        : store_open(k->dir, meeting_sha, &s, &err);
    if (st != AS_OK)
        fprintf(stderr, "bench_hub: opening the store in %s: %s\n", k->dir, err.msg);
    return st == AS_OK ? s : NULL;
}

/* kiosk_loop: the timed part of one kiosk process.  badges[0..n) are
 * checked in already; each is checked as a scan would, then cast. */
static int kiosk_loop(store *s, const char *prop, uint8_t (*badges)[32], int n,
                      double *scan_ms, double *cast_ms, as_err *err)
{
    for (int i = 0; i < n; i++) {
        int in = 0, voted = 1;
        uint64_t t0 = bench_now_ns(), t1, t2;
        if (store_is_checked_in(s, badges[i], &in, err) != AS_OK ||
            store_has_voted(s, prop, badges[i], &voted, err) != AS_OK)
            return -1;
        t1 = bench_now_ns();
        if (!in || voted) {
            snprintf(err->msg, sizeof err->msg, "badge %d: checked in %d, voted "
                     "%d; expected 1 and 0", i, in, voted);
            return -1;
        }
        if (store_cast_text(s, prop, badges[i], choices[i % 3], err) != AS_OK)
            return -1;
        t2 = bench_now_ns();
        scan_ms[i] = (double)(t1 - t0) / 1e6;
        cast_ms[i] = (double)(t2 - t1) / 1e6;
    }
    return 0;
}

/* kiosk_child: one kiosk process: open, check in n fresh badges, say
 * ready (a byte on ready_fd), wait until go_fd reads end-of-file, cast. */
static int kiosk_child(const kiosk_cfg *k, const char *prop, int n, int ready_fd,
                       int go_fd, kiosk_out *out, double *scan_ms, double *cast_ms)
{
    uint8_t (*badges)[32] = calloc((size_t)n, 32);
    store *s = kiosk_open(k);
    as_err err = {{0}};
    char c = 'r';
    int rc = -1;

    if (!badges || !s)
        goto cleanup;
    randombytes_buf(badges, (size_t)n * 32);
    for (int i = 0; i < n; i++)
        if (store_checkin(s, badges[i], NULL, &err) != AS_OK)
            goto cleanup;
    if (write(ready_fd, &c, 1) != 1 || read(go_fd, &c, 1) != 0)
        goto cleanup;
    out->t0 = bench_now_ns();
    if (kiosk_loop(s, prop, badges, n, scan_ms, cast_ms, &err) != 0)
        goto cleanup;
    out->t1 = bench_now_ns();
    if (store_ballot_count(k->conninfo ? hub_store_local(s) : s, prop,
                           &out->ballots, &err) != AS_OK)
        goto cleanup;
    out->ok = 1;
    rc = 0;
cleanup:
    if (rc != 0 && err.msg[0])
        fprintf(stderr, "bench_hub: kiosk %s: %s\n", k->dir, err.msg);
    store_free(s);
    free(badges);
    return rc;
}

/* run_kiosks: forks nk kiosk processes casting n fresh badges each on
 * prop, and adds their samples and wall time to r (made by
 * bench_hub_run_init for nk kiosks; one round of several).  0, or -1 after
 * saying why. */
static int run_kiosks(const kiosk_cfg *ks, int nk, const char *prop, int n,
                      bench_hub_run *r)
{
    size_t per = (size_t)n * sizeof(double), size = MAX_KIOSKS * sizeof(kiosk_out) +
                                                    2 * (size_t)nk * per;
    void *shm = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    kiosk_out *outs = shm;
    double *lat = (double *)(outs + MAX_KIOSKS);
    int ready[2] = {-1, -1}, go[2] = {-1, -1}, started = 0, rc = -1;
    pid_t pids[MAX_KIOSKS];
    uint64_t first = UINT64_MAX, last = 0;
    char c;

    if (shm == MAP_FAILED || pipe(ready) != 0 || pipe(go) != 0) {
        fprintf(stderr, "bench_hub: %s\n", strerror(errno));
        goto cleanup;
    }
    memset(shm, 0, size);
    fflush(NULL);
    for (; started < nk; started++) {
        pids[started] = fork();
        if (pids[started] < 0)
            break;
        if (pids[started] == 0) {
            close(ready[0]);
            close(go[1]);
            _exit(kiosk_child(&ks[started], prop, n, ready[1], go[0], &outs[started],
                              lat + (size_t)started * 2 * n,
                              lat + (size_t)started * 2 * n + n) == 0 ? 0 : 1);
        }
    }
    close(ready[1]);
    ready[1] = -1;
    /* every kiosk ready (a dead one closes its end: fewer bytes), then go */
    for (int i = 0; i < started; i++)
        if (read(ready[0], &c, 1) != 1)
            break;
    close(go[1]);
    go[1] = -1;
    rc = started == nk ? 0 : -1;
    for (int i = 0; i < started; i++) {
        int status = 0;
        if (waitpid(pids[i], &status, 0) < 0 || !WIFEXITED(status) ||
            WEXITSTATUS(status) != 0 || !outs[i].ok)
            rc = -1;
    }
    if (rc != 0) {
        fprintf(stderr, "bench_hub: a kiosk process failed (see above)\n");
        goto cleanup;
    }
    r->ballots = 0; /* the kiosks' totals on prop, all rounds so far */
    for (int i = 0; i < nk; i++) {
        first = outs[i].t0 < first ? outs[i].t0 : first;
        last = outs[i].t1 > last ? outs[i].t1 : last;
        r->ballots += outs[i].ballots;
        memcpy(r->scan_ms + r->filled, lat + (size_t)i * 2 * n, per);
        memcpy(r->cast_ms + r->filled, lat + (size_t)i * 2 * n + n, per);
        r->filled += (size_t)n;
    }
    r->wall_s += (double)(last - first) / 1e9;
    r->casts_per_s = r->wall_s > 0 ? (double)r->filled / r->wall_s : 0;
cleanup:
    for (int i = 0; i < 2; i++) {
        if (ready[i] >= 0)
            close(ready[i]);
        if (go[i] >= 0)
            close(go[i]);
    }
    if (shm != MAP_FAILED)
        munmap(shm, size);
    return rc;
}

/* server_settings: "fsync=on, synchronous_commit=on, ..." as the running
 * server reports them, into buf.  0, or -1. */
static int server_settings(const char *owner, char *buf, size_t size)
{
    PGconn *c = PQconnectdb(owner);
    PGresult *r = PQexec(c, "SELECT string_agg(name || '=' || setting, ', ' "
                         "ORDER BY name) FROM pg_settings WHERE name IN ('fsync', "
                         "'synchronous_commit', 'full_page_writes', 'wal_sync_method')");
    int ok = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1;
    if (ok)
        snprintf(buf, size, "%s", PQgetvalue(r, 0, 0));
    else
        fprintf(stderr, "bench_hub: reading the server's settings: %s", PQerrorMessage(c));
    PQclear(r);
    PQfinish(c);
    return ok ? 0 : -1;
}

/* traversable: adds search permission for everyone to the folder dir. */
static int traversable(const char *dir)
{
    struct stat sb;
    if (stat(dir, &sb) == 0 && chmod(dir, (sb.st_mode & 07777) | 0111) == 0)
        return 0;
    fprintf(stderr, "bench_hub: %s: %s\n", dir, strerror(errno));
    return -1;
}

/* hub_setup: the cluster in base/hub-XXXXXX, the hub's schema, kiosks
 * 1..MAX_KIOSKS (logins over TCP on 127.0.0.1) and a facilitator's kiosk
 * MAX_KIOSKS + 1 that opens the proposals ids[0..nprops).  0 or -1. */
static int hub_setup(const char *base, hub_cluster **c, kiosk_cfg *ks,
                     const char *const *ids, int nprops)
{
    char *dir = bench_mkdtemp(base, "hub"), fac_dir[4200], *fac_ci = NULL;
    kiosk_cfg fac = {.dir = fac_dir};
    store *s = NULL;
    as_err err = {{0}};
    int port = hub_test_free_port(), rc = -1;

    if (!dir || port < 0)
        goto cleanup;
    if (hub_cluster_create(dir, "127.0.0.1", port, &err) != AS_OK ||
        hub_cluster_start(dir, c, &err) != AS_OK ||
        hub_install(hub_cluster_conninfo(*c), meeting_sha, &err) != AS_OK)
        goto cleanup;
    for (int i = 0; i <= MAX_KIOSKS; i++) {
        char name[32], **ci = i < MAX_KIOSKS ? &ks[i].conninfo : &fac_ci;
        snprintf(name, sizeof name, "Bench kiosk %d", i + 1);
        if (hub_add_kiosk(hub_cluster_conninfo(*c), i + 1, name, "127.0.0.1", port,
                          ci, &err) != AS_OK)
            goto cleanup;
    }
    snprintf(fac_dir, sizeof fac_dir, "%s/facilitator", base);
    fac.conninfo = fac_ci;
    crypto_sign_keypair(fac.pk, fac.sk);
    if (mkdir(fac_dir, 0700) != 0 || !(s = kiosk_open(&fac)))
        goto cleanup;
    for (int i = 0; i < nprops; i++)
        if (store_open_proposal(s, ids[i], 8, &err) != AS_OK)
            goto cleanup;
    rc = 0;
cleanup:
    if (rc != 0)
        fprintf(stderr, "bench_hub: setting up the hub in %s: %s\n",
                dir ? dir : base, err.msg[0] ? err.msg : strerror(errno));
    store_free(s);
    free(fac_ci);
    free(dir);
    return rc;
}

/* hub_marks: the marks the hub holds on prop (its voted count). */
static int64_t hub_marks(const kiosk_cfg *k, const char *prop)
{
    store *s = kiosk_open(k);
    int64_t n = -1;
    as_err err = {{0}};
    if (s && store_voted_count(s, prop, &n, &err) != AS_OK)
        n = -1;
    store_free(s);
    return n;
}

/* disk_probe: RAW_PER_ROUND 4 KiB writes over one block of a file in
 * base, each followed by fsync, timed into ms: what a durable write
 * costs on this disk at the moment, beside the rounds.  0 or -1. */
static int disk_probe(const char *base, double *ms)
{
    char path[4200], block[4096];
    int fd, rc = 0;
    snprintf(path, sizeof path, "%s/disk-probe.bin", base);
    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    randombytes_buf(block, sizeof block);
    for (int i = 0; fd >= 0 && rc == 0 && i < RAW_PER_ROUND; i++) {
        uint64_t t0 = bench_now_ns();
        if (pwrite(fd, block, sizeof block, 0) != (ssize_t)sizeof block || fsync(fd) != 0)
            rc = -1;
        ms[i] = (double)(bench_now_ns() - t0) / 1e6;
    }
    if (fd < 0 || rc != 0)
        fprintf(stderr, "bench_hub: %s: %s\n", path, strerror(errno));
    if (fd >= 0)
        close(fd);
    return fd >= 0 ? rc : -1;
}

/* measure_round: one round: the single kiosk, then 1, 2, 4 and 8 kiosk
 * processes on the hub, n casts per process; afterwards the hub's marks
 * and the kiosks' ballots must both equal the casts made so far. */
static int measure_round(kiosk_cfg *ks, kiosk_cfg *alone, int n,
                         bench_hub_run *single, bench_hub_run *hub)
{
    if (run_kiosks(alone, 1, props[0], n, single) != 0)
        return -1;
    for (int i = 0; i < BENCH_HUB_ROWS; i++) {
        int64_t marks;
        if (run_kiosks(ks, hub[i].kiosks, props[i], n, &hub[i]) != 0)
            return -1;
        marks = hub_marks(&ks[0], props[i]);
        if (marks != (int64_t)hub[i].filled || hub[i].ballots != marks) {
            fprintf(stderr, "bench_hub: %zu casts made on %s, but the hub holds %lld "
                    "marks and the kiosks %lld ballots\n", hub[i].filled, props[i],
                    (long long)marks, (long long)hub[i].ballots);
            return -1;
        }
    }
    if (single->ballots != (int64_t)single->filled) {
        fprintf(stderr, "bench_hub: the single kiosk made %zu casts and holds %lld "
                "ballots\n", single->filled, (long long)single->ballots);
        return -1;
    }
    return 0;
}

/* measure: BENCH_HUB_ROUNDS rounds of every configuration, interleaved so
 * that a burst of load from another program on this shared machine falls
 * on all of them alike rather than on one. */
static int measure(const char *base, kiosk_cfg *ks, kiosk_cfg *alone, int n,
                   bench_hub_run *single, bench_hub_run *hub, double *raw_ms)
{
    as_err err = {{0}};
    store *s = kiosk_open(alone);

    if (!s || store_open_proposal(s, props[0], 8, &err) != AS_OK) {
        fprintf(stderr, "bench_hub: the single kiosk: %s\n", err.msg);
        store_free(s);
        return -1;
    }
    store_free(s);
    if (bench_hub_run_init(single, 1, n * BENCH_HUB_ROUNDS) != 0)
        return -1;
    for (int i = 0; i < BENCH_HUB_ROWS; i++)
        if (bench_hub_run_init(&hub[i], 1 << i, n * BENCH_HUB_ROUNDS) != 0)
            return -1;
    for (int r = 0; r < BENCH_HUB_ROUNDS; r++) {
        fprintf(stderr, "bench_hub: round %d of %d: the single kiosk, then 1, 2, 4 "
                "and 8 kiosk processes on the hub, %d casts each\n", r + 1,
                BENCH_HUB_ROUNDS, n);
        if (measure_round(ks, alone, n, single, hub) != 0 ||
            disk_probe(base, raw_ms + r * RAW_PER_ROUND) != 0)
            return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    int n = 50, rc = 1;
    hub_cluster *c = NULL;
    kiosk_cfg ks[MAX_KIOSKS] = {{0}}, alone = {0};
    bench_hub_run single = {0}, hub[BENCH_HUB_ROWS] = {{0}};
    char settings[256] = "", fs[32], fig[200], *base = NULL;
    double raw_ms[RAW_PER_ROUND * BENCH_HUB_ROUNDS];

    if (argc < 2 || argc > 3) {
        fputs("usage: bench_hub SCRATCH_DIR [CASTS_PER_KIOSK_PER_ROUND]\n", stderr);
        return 2;
    }
    if (argc == 3)
        n = atoi(argv[2]);
    if (n < 10 || n > 100000) {
        fputs("bench_hub: CASTS_PER_KIOSK_PER_ROUND must be 10..100000\n", stderr);
        return 2;
    }
    if (!hub_cluster_bindir()) {
        bench_row("hub", "not measured: PostgreSQL 15 server binaries not found "
                  "(install postgresql)", "-", BENCH_INFO);
        return 0;
    }
    if (sodium_init() < 0 || !(base = bench_mkdtemp(argv[1], "bench-hub")))
        return 1;
    /* Run as root, the server runs as "nobody" (hub_cluster_create), who
     * must pass through the scratch folders to reach its own: both are
     * 0700 (mktemp), so others get search (x) permission, not read. */
    if (geteuid() == 0 && (traversable(argv[1]) != 0 || traversable(base) != 0))
        goto cleanup;
    randombytes_buf(meeting_sha, sizeof meeting_sha);
    if (!(alone.dir = bench_mkdtemp(base, "single")))
        goto cleanup;
    for (int i = 0; i < MAX_KIOSKS; i++) {
        char name[16];
        snprintf(name, sizeof name, "kiosk%d", i + 1);
        if (!(ks[i].dir = bench_mkdtemp(base, name)))
            goto cleanup;
        crypto_sign_keypair(ks[i].pk, ks[i].sk);
    }
    if (hub_setup(base, &c, ks, props, BENCH_HUB_ROWS) != 0 ||
        server_settings(hub_cluster_conninfo(c), settings, sizeof settings) != 0)
        goto cleanup;
    if (measure(base, ks, &alone, n, &single, hub, raw_ms) != 0)
        goto cleanup;
    bench_fs_name(base, fs, sizeof fs);
    bench_hub_rows(&single, hub, n, settings, fs);
    snprintf(fig, sizeof fig, "p50 %.2f ms, p99 %.2f ms (%d, after each round; "
             "the disk's state during this run)",
             bench_pct(raw_ms, RAW_PER_ROUND * BENCH_HUB_ROUNDS, 50),
             bench_pct(raw_ms, RAW_PER_ROUND * BENCH_HUB_ROUNDS, 99),
             RAW_PER_ROUND * BENCH_HUB_ROUNDS);
    bench_row("hub: raw 4 KiB pwrite+fsync on the same disk", fig, "report", BENCH_INFO);
    bench_hub_room_rows(&single, hub);
    rc = 0;
cleanup:
    if (rc != 0)
        fputs("bench_hub: failed\n", stderr);
    hub_test_cluster_done(c);
    for (int i = 0; i < MAX_KIOSKS; i++) {
        free(ks[i].dir);
        if (ks[i].conninfo)
            sodium_memzero(ks[i].conninfo, strlen(ks[i].conninfo));
        free(ks[i].conninfo);
        sodium_memzero(ks[i].sk, sizeof ks[i].sk);
    }
    free(alone.dir);
    bench_hub_run_free(&single);
    for (int i = 0; i < BENCH_HUB_ROWS; i++)
        bench_hub_run_free(&hub[i]);
    if (base) {
        bench_rmtree(base);
        free(base);
    }
    return rc;
}
