/* bench_hub.h: what bench_hub.c (the measurements), bench_hub_report.c
 * (their table rows) and bench_hub_room.c (the room simulation) share.
 * Benchmarks only. */
#ifndef AS_BENCH_HUB_H
#define AS_BENCH_HUB_H

#include <stdint.h>

/* The hub rows: 1, 2, 4 and 8 kiosk processes (index i: 1 << i). */
enum { BENCH_HUB_ROWS = 4 };

/* Rounds of every configuration, interleaved (bench_hub.c: measure). */
enum { BENCH_HUB_ROUNDS = 4 };

/* One measured configuration: `kiosks` processes casting at once, in
 * rounds, up to `per` badges each in all.  scan_ms/cast_ms have room for
 * kiosks * per samples and hold `filled` (any order: the percentiles sort
 * them in place). */
typedef struct bench_hub_run {
    int kiosks, per;
    double *scan_ms;    /* store_is_checked_in + store_has_voted */
    double *cast_ms;    /* store_cast_text */
    size_t filled;      /* samples so far: casts made */
    double wall_s;      /* sum over rounds: first kiosk's start to last end */
    double casts_per_s; /* filled / wall_s */
    int64_t ballots;    /* local ballots the kiosks hold afterwards */
} bench_hub_run;

/* bench_hub_run_init: zeroes r and allocates its sample arrays for
 * kiosks * per samples.  0, or -1 (out of memory, said on stderr). */
int bench_hub_run_init(bench_hub_run *r, int kiosks, int per);

/* bench_hub_run_free: frees r's arrays (r itself is the caller's). */
void bench_hub_run_free(bench_hub_run *r);

/* bench_hub_rows: the throughput and latency rows: the single kiosk
 * (SQLite) beside hub[0..BENCH_HUB_ROWS) (1, 2, 4, 8 kiosk processes),
 * with the targets on the 8-process row.  per: casts per kiosk
 * process and round; settings: the server's durability settings as it
 * reported them; fs: the scratch file system. */
void bench_hub_rows(bench_hub_run *single, bench_hub_run *hub, int per,
                    const char *settings, const char *fs);

/* bench_hub_room_rows: the room simulation's rows (bench_hub_room.c):
 * 200 voters at one kiosk (the single kiosk's latencies) and at 4 (the
 * 4-process hub run's), and the fewest hub kiosks (up to 8) under 10
 * minutes. */
void bench_hub_room_rows(const bench_hub_run *single, const bench_hub_run *hub);

#endif
