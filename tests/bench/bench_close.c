/* bench_close.c: closing a proposal of 2,000 ballots, on a real disk.
 *
 * Each run makes a fresh data directory (on SCRATCH_DIR, which should be
 * the disk the kiosk would use, not tmpfs), opens the store as the kiosk
 * does at start (the "started" event, the device key), opens a one-
 * proposal meeting's proposal, and casts BALLOTS votes with store_cast,
 * each from a freshly checked-in badge (untimed: a few seconds).  Then it
 * times, one after the other:
 *   1. store_set_proposal_state(CLOSED): the state change and its
 *      `closed` event, with the Merkle root of the canonical ballot list,
 *      in one transaction;
 *   2. (before the casts) store_open_proposal with every badge enrolled:
 *      the voted rows and the empty ballot slots made in one transaction;
 *   3. export_write: the signed bundle (ballot list, results, manifest,
 *      Ed25519 signature), every file fsync'ed, into a folder on the same
 *      disk.
 * 1 + 2 is what the facilitator's "Close" does in the kiosk
 * (session.c); 3 is the export that publishes it.  The target
 * ("root + signature" under 1 s) is judged on the close and the export.  Medians over RUNS fresh runs.
 *
 * usage: bench_close SCRATCH_DIR [BALLOTS [RUNS]]
 * Prints table rows; exit 0, or 1 on an error. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench_util.h"
#include "export.h"
#include "meeting.h"
#include "store_sqlite.h"

#define TARGET_S 1.0
#define MAX_RUNS 32

static const char yaml[] =
    "meeting:\n"
    "  title: \"Close benchmark\"\n"
    "  date: 2026-12-05\n"
    "  languages: [en]\n"
    "  roster: roster.csv\n"
    "  quorum: 3\n"
    "proposals:\n"
    "  - id: p\n"
    "    title:\n"
    "      en: The proposal\n"
    "    text:\n"
    "      en: The text.\n"
    "    method: yes-no-abstain\n"
    "    threshold: majority\n";

enum { T_CLOSE, T_OPEN, T_EXPORT, T_KIOSK, T_TOTAL, T_N };

/* one_run: a fresh data directory with n ballots, then the timed close;
 * seconds of each part into t[]. */
static int one_run(const char *base, const meeting *m, int n, int roster_size,
                   double t[T_N])
{
    char *dir = NULL, data[4200], out[4200];
    uint8_t badge[TOKEN_HASH_SIZE], pk[32], sk[64];
    uint8_t (*badges)[TOKEN_HASH_SIZE] = NULL;
    store *st = NULL;
    export_summary sum;
    as_err err;
    int rc = -1;

    as_err_clear(&err);
    if (!(dir = bench_mkdtemp(base, "close")))
        return -1;
    snprintf(data, sizeof data, "%s/data", dir);
    snprintf(out, sizeof out, "%s/usb", dir);
    if (store_open(data, m->sha256, &st, &err) != AS_OK ||
        store_event_started(st, &err) != AS_OK ||
        export_device_key(data, pk, sk, &err) != AS_OK ||
        !(badges = malloc((size_t)n * sizeof *badges)))
        goto out;
    sodium_memzero(sk, sizeof sk);
    randombytes_buf(badges, (size_t)n * sizeof *badges);
    if (store_enroll(st, (const uint8_t(*)[32])badges, n, &err) != AS_OK)
        goto out;
    uint64_t to0 = bench_now_ns();
    if (store_open_proposal(st, "p", 7, &err) != AS_OK)
        goto out;
    uint64_t to1 = bench_now_ns();
    for (int i = 0; i < n; i++) {
        memcpy(badge, badges[i], sizeof badge);
        if (store_checkin(st, badge, NULL, &err) != AS_OK ||
            store_cast(st, "p", badge, (int)randombytes_uniform(3), &err) != AS_OK)
            goto out;
    }

    uint64_t t0 = bench_now_ns();
    if (store_set_proposal_state(st, "p", PROP_CLOSED, &err) != AS_OK)
        goto out;
    uint64_t t1 = bench_now_ns(), t2 = t1;
    if (export_write(m, yaml, sizeof yaml - 1, meeting_quorum(m), roster_size, st, data,
                     out, &sum, &err) != AS_OK)
        goto out;
    uint64_t t3 = bench_now_ns();
    if (sum.nclosed != 1) {
        fprintf(stderr, "bench_close: the export holds %d closed proposals, not 1\n",
                sum.nclosed);
        goto out;
    }
    int64_t ballots = 0;
    if (store_ballot_count(st, "p", &ballots, &err) != AS_OK)
        goto out;
    if (ballots != n) {
        fprintf(stderr, "bench_close: %lld ballots after the close, not %d\n",
                (long long)ballots, n);
        goto out;
    }
    t[T_CLOSE] = (double)(t1 - t0) / 1e9;
    t[T_OPEN] = (double)(to1 - to0) / 1e9;
    t[T_EXPORT] = (double)(t3 - t2) / 1e9;
    t[T_KIOSK] = (double)(t2 - t0) / 1e9;
    t[T_TOTAL] = (double)(t3 - t0) / 1e9;
    rc = 0;
out:
    if (rc && err.msg[0])
        fprintf(stderr, "bench_close: %s\n", err.msg);
    store_free(st);
    free(badges);
    bench_rmtree(dir);
    free(dir);
    return rc;
}

int main(int argc, char **argv)
{
    int n = 2000, runs = 5, rc = 1;
    double t[T_N][MAX_RUNS], med[T_N], lo[T_N], hi[T_N];
    char fs[32], fig[300], name[200];
    meeting *m = NULL;
    diag_list d;

    if (argc < 2 || argc > 4) {
        fputs("usage: bench_close SCRATCH_DIR [BALLOTS [RUNS]]\n", stderr);
        return 2;
    }
    if (argc >= 3)
        n = atoi(argv[2]);
    if (argc == 4)
        runs = atoi(argv[3]);
    if (n < 1 || n > 1000000 || runs < 1 || runs > MAX_RUNS) {
        fprintf(stderr, "bench_close: BALLOTS must be 1..1000000, RUNS 1..%d\n",
                MAX_RUNS);
        return 2;
    }
    if (sodium_init() < 0) {
        fputs("bench_close: cannot initialise libsodium\n", stderr);
        return 1;
    }
    diag_init(&d);
    if (meeting_from_memory("close.yaml", yaml, sizeof yaml - 1, "name,role,token\n",
                            &m, &d) != AS_OK) {
        for (int i = 0; i < d.n; i++)
            fprintf(stderr, "bench_close: meeting: %s\n", d.lines[i]);
        goto out;
    }
    int tmpfs = bench_fs_name(argv[1], fs, sizeof fs);
    if (tmpfs == 1)
        fprintf(stderr, "bench_close: %s is on %s, where fsync costs nothing; the "
                "figures say nothing about a real disk\n", argv[1], fs);
    for (int r = 0; r < runs; r++) {
        double one[T_N];
        if (one_run(argv[1], m, n, n + n / 10, one) != 0)
            goto out;
        for (int k = 0; k < T_N; k++)
            t[k][r] = one[k];
    }
    for (int k = 0; k < T_N; k++) {
        med[k] = bench_pct(t[k], (size_t)runs, 50); /* sorts t[k] */
        lo[k] = t[k][0];
        hi[k] = t[k][runs - 1];
    }
    static const char *const what[T_N] = {
        "close: state change + `closed` event with the Merkle root",
        "open: voted rows + empty slots for every enrolled badge",
        "close: export_write (signed bundle, every file fsync'ed)",
        "close: as the kiosk's Close does it (state change + root)",
        NULL};
    for (int k = 0; k < T_TOTAL; k++) {
        snprintf(fig, sizeof fig, "median %.1f ms (min %.1f, max %.1f)", med[k] * 1e3,
                 lo[k] * 1e3, hi[k] * 1e3);
        bench_row(what[k], fig, "report", BENCH_INFO);
    }
    snprintf(name, sizeof name, "close: %d ballots, root + signed export",
             n);
    snprintf(fig, sizeof fig, "median %.1f ms (min %.1f, max %.1f; %d fresh runs, "
             "%s%s)", med[T_TOTAL] * 1e3, lo[T_TOTAL] * 1e3, hi[T_TOTAL] * 1e3, runs,
             fs, tmpfs == 1 ? ": NOT A REAL DISK" : "");
    bench_row(name, fig, "< 1 s", med[T_TOTAL] < TARGET_S ? BENCH_OK : BENCH_MISSED);
    rc = 0;
out:
    if (rc)
        fputs("bench_close: failed\n", stderr);
    meeting_free(m);
    diag_free(&d);
    return rc;
}
