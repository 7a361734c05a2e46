/* bench_hub_report.c: bench_hub's measured runs as table rows
 * (bench_hub.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench_hub.h"
#include "bench_util.h"

/* The targets ("Speed": 8 kiosk processes on loopback). */
#define TARGET_CASTS_PER_S 50.0
#define TARGET_P99_MS 100.0

int bench_hub_run_init(bench_hub_run *r, int kiosks, int per)
{
    size_t n = (size_t)kiosks * (size_t)per;
    memset(r, 0, sizeof *r);
    r->kiosks = kiosks;
    r->per = per;
    r->scan_ms = calloc(n, sizeof *r->scan_ms);
    r->cast_ms = calloc(n, sizeof *r->cast_ms);
    if (r->scan_ms && r->cast_ms)
        return 0;
    fputs("bench_hub: out of memory\n", stderr);
    bench_hub_run_free(r);
    return -1;
}

void bench_hub_run_free(bench_hub_run *r)
{
    free(r->scan_ms);
    free(r->cast_ms);
    r->scan_ms = r->cast_ms = NULL;
}

/* Percentiles of one sample array. */
typedef struct {
    double p50, p99, max;
} pcts;

static pcts pcts_of(double *v, size_t n)
{
    pcts p = {bench_pct(v, n, 50), bench_pct(v, n, 99), 0};
    p.max = v[n - 1]; /* sorted by bench_pct */
    return p;
}

/* run_row: "X casts/s (...); cast p50/p99; scan check p50/p99" */
static void run_row(const char *name, bench_hub_run *r, const char *target,
                    int verdict)
{
    size_t n = r->filled;
    pcts c = pcts_of(r->cast_ms, n), s = pcts_of(r->scan_ms, n);
    char fig[320];
    snprintf(fig, sizeof fig, "%.1f casts/s (%zu casts in %.2f s); cast p50 %.2f, "
             "p99 %.2f ms; scan check p50 %.2f, p99 %.2f ms", r->casts_per_s, n,
             r->wall_s, c.p50, c.p99, s.p50, s.p99);
    bench_row(name, fig, target, verdict);
}

/* latency_row: p50, p99 and max of one kind of call, against p99 < 100 ms. */
static void latency_row(const char *name, double *v, size_t n)
{
    pcts p = pcts_of(v, n);
    char fig[200];
    snprintf(fig, sizeof fig, "p50 %.2f ms, p99 %.2f ms, max %.2f ms (%zu calls)",
             p.p50, p.p99, p.max, n);
    bench_row(name, fig, "p99 < 100 ms", p.p99 < TARGET_P99_MS ? BENCH_OK : BENCH_MISSED);
}

void bench_hub_rows(bench_hub_run *single, bench_hub_run *hub, int per,
                    const char *settings, const char *fs)
{
    bench_hub_run *eight = &hub[BENCH_HUB_ROWS - 1];
    size_t n8 = eight->filled;
    char fig[400], name[96];

    snprintf(fig, sizeof fig, "PostgreSQL 15 cluster on %s, kiosks over TCP on "
             "127.0.0.1; server reports %s; %d rounds, interleaved, of %d casts "
             "per kiosk process, each after a scan check; badges checked in "
             "beforehand", fs, settings, BENCH_HUB_ROUNDS, per);
    bench_row("hub: set-up", fig, "fsync on, synchronous_commit on",
              strstr(settings, "fsync=on") && strstr(settings, "synchronous_commit=on")
                  ? BENCH_OK : BENCH_MISSED);
    run_row("single kiosk: SQLite store, 1 process (the same loop, no hub)",
            single, "report (beside the hub)", BENCH_INFO);
    for (int i = 0; i < BENCH_HUB_ROWS - 1; i++) {
        snprintf(name, sizeof name, "hub: %d kiosk process%s casting at once",
                 hub[i].kiosks, hub[i].kiosks == 1 ? "" : "es");
        run_row(name, &hub[i], "report (scaling)", BENCH_INFO);
    }
    run_row("hub: 8 kiosk processes casting at once", eight, ">= 50 casts/s",
            eight->casts_per_s >= TARGET_CASTS_PER_S ? BENCH_OK : BENCH_MISSED);
    latency_row("hub, 8 kiosks: tap to \"recorded\" (store_cast_text, two-phase)",
                eight->cast_ms, n8);
    latency_row("hub, 8 kiosks: scan check (store_is_checked_in + store_has_voted)",
                eight->scan_ms, n8);
}
