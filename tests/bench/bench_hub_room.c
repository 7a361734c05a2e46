/* bench_hub_room.c: how long a room of 200 takes to vote on one proposal
 * with K kiosks (issue 11: "under 10 minutes" with 4), simulated from the
 * latencies bench_hub measured (bench_hub.h).
 *
 * The model (also in the table and docs/benchmarks.md):
 *   - every voter is in one queue when the vote opens (t = 0: the text
 *     was read aloud first) and steps up to the first kiosk that is free;
 *   - at the kiosk a voter takes 5 actions (the badge scan, then the taps
 *     for a yes/no vote: language, proposal, choice, "Cast my vote") at
 *     2.5 s each, plus the store's part of the scan (a sample of the
 *     measured scan check) and of the cast (a sample of the measured
 *     store_cast_text), drawn at random from this run's samples;
 *   - the ballot is in when the cast returns; the next voter steps up at
 *     that instant (no hand-over time: the "recorded" screen is read while
 *     they walk off).
 * A discrete-event loop (no sleeping): the next event is always the
 * kiosk that frees first. */
#include <stdint.h>
#include <stdio.h>
#include "bench_hub.h"
#include "bench_util.h"

enum { ROOM_VOTERS = 200, ROOM_ACTIONS = 5, ROOM_MAX_KIOSKS = 8 };
#define ROOM_ACTION_S 2.5
#define ROOM_TARGET_S 600.0

/* splitmix64: a fixed-seed generator, so a run's samples give one answer. */
static uint64_t next_rand(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static double draw_s(const double *ms, size_t n, uint64_t *seed)
{
    return ms[next_rand(seed) % n] / 1000.0;
}

/* room_time: seconds from the vote's opening until the last of `voters`
 * ballots is in, at k kiosks, with store latencies drawn from r. */
static double room_time(int voters, int k, const bench_hub_run *r)
{
    double free_at[ROOM_MAX_KIOSKS] = {0}, last = 0;
    size_t n = r->filled;
    uint64_t seed = 0x617361626c6561u; /* "asablea" */

    for (int v = 0; v < voters; v++) {
        int first = 0;
        /* the event: the kiosk that frees first takes the queue's head */
        for (int i = 1; i < k; i++)
            if (free_at[i] < free_at[first])
                first = i;
        double t = free_at[first] + draw_s(r->scan_ms, n, &seed) +
                   ROOM_ACTIONS * ROOM_ACTION_S + draw_s(r->cast_ms, n, &seed);
        free_at[first] = t;
        last = t > last ? t : last;
    }
    return last;
}

/* The hub run measured with at least k processes casting at once (1, 2,
 * 4, 8): its latencies are the pessimistic ones for k kiosks. */
static const bench_hub_run *run_for(const bench_hub_run *hub, int k)
{
    int i = 0;
    while (i < BENCH_HUB_ROWS - 1 && hub[i].kiosks < k)
        i++;
    return &hub[i];
}

static void time_row(const char *name, double s, const char *target, int verdict)
{
    char fig[160];
    snprintf(fig, sizeof fig, "%.1f min (%.0f s) until the last ballot is in",
             s / 60.0, s);
    bench_row(name, fig, target, verdict);
}

void bench_hub_room_rows(const bench_hub_run *single, const bench_hub_run *hub)
{
    double one = room_time(ROOM_VOTERS, 1, single);
    double four = room_time(ROOM_VOTERS, 4, run_for(hub, 4));
    double t = 0;
    int k = 1;
    char fig[200];

    bench_row("room: the model", "200 voters in one queue at t = 0, each to the "
              "first free kiosk; per voter 5 actions (scan, language, proposal, "
              "choice, Cast) x 2.5 s + a scan check + a cast drawn from this run's "
              "samples; no hand-over time; discrete events, no sleeping", "-",
              BENCH_INFO);
    time_row("room: 200 voters, 1 kiosk (single kiosk, SQLite store)", one,
             "report", BENCH_INFO);
    time_row("room: 200 voters, 4 kiosks on the hub (4-process latencies)", four,
             "< 10 min", four < ROOM_TARGET_S ? BENCH_OK : BENCH_MISSED);
    for (; k <= ROOM_MAX_KIOSKS; k++)
        if ((t = room_time(ROOM_VOTERS, k, run_for(hub, k))) < ROOM_TARGET_S)
            break;
    if (k <= ROOM_MAX_KIOSKS)
        snprintf(fig, sizeof fig, "%d kiosks: %.1f min (%.0f s)", k, t / 60.0, t);
    else
        snprintf(fig, sizeof fig, "none up to %d kiosks", ROOM_MAX_KIOSKS);
    bench_row("room: fewest hub kiosks for 200 voters in < 10 min", fig, "report",
              BENCH_INFO);
}
