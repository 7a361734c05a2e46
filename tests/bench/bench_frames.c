/* bench_frames.c: frame time of every kiosk screen at 1920x1080 with
 * SDL's software renderer (offscreen driver, hidden window).
 *
 * A frame is what the kiosk does after anything changed: ui_build (lay
 * the screen out into a display list, reading figures from the store)
 * and platform_draw (render it and present).  The session is driven
 * through the demo meeting, with a real store on disk, to each screen in
 * turn; on each, the first frame is timed on its own (text not yet in the
 * texture cache) and then 3 rounds of FRAMES more, back to back.
 *
 * usage: bench_frames SCRATCH_DIR [FRAMES]
 * Prints table rows (see bench_util.h); exit 0, or 1 if the kiosk could
 * not be driven to a screen (the figures would be meaningless). */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "app.h"
#include "bench_util.h"
#include "test_demo_util.h"
#include "i18n.h"
#include "platform.h"
#include "session.h"
#include "store_sqlite.h"
#include "ui.h"

#define TARGET_P99_MS 8.0
#define ROUNDS 3

typedef struct {
    platform *pf;
    session *se;
    ui *ui;
    dl_list dl;
    int w, h;
    int frames;
    uint64_t now;
    double worst_p99, worst_cpu99;
    const char *worst_name, *worst_cpu_name;
    double *wall, *build, *cpu; /* per frame of one round */
    int failed;
} bench;

static double cpu_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* frame: one frame; wall time in *wall, of which *build in ui_build, and
 * the process's CPU time in *cpu (what preemption by other load on a
 * shared machine does not inflate). */
static void frame(bench *b, double *wall, double *build, double *cpu)
{
    double c0 = cpu_now_ms();
    uint64_t t0 = bench_now_ns(), t1;
    ui_build(b->ui, session_snapshot(b->se), b->w, b->h, &b->dl);
    t1 = bench_now_ns();
    platform_draw(b->pf, &b->dl);
    *wall = (double)(bench_now_ns() - t0) / 1e6;
    *build = (double)(t1 - t0) / 1e6;
    *cpu = cpu_now_ms() - c0;
}

/* measure: times the current screen, which must be want: the first
 * frame alone, then ROUNDS rounds of b->frames frames.  The p99 reported
 * is the median of the rounds' p99s, so one burst of load from another
 * process on a shared machine does not decide it alone. */
static void measure(bench *b, const char *name, screen_id want)
{
    session_view v;
    char fig[256], row[96];
    double first, unused, p50s[ROUNDS], p99s[ROUNDS], cpu99s[ROUNDS];
    double build50s[ROUNDS], p50, p99, cpu99, build50;
    size_t n = (size_t)b->frames;

    session_view_get(b->se, &v);
    if (v.screen != want) {
        fprintf(stderr, "bench_frames: expected screen %d for \"%s\" but the "
                "session is on %d; the session's flow changed, fix the bench\n",
                (int)want, name, (int)v.screen);
        b->failed = 1;
        return;
    }
    frame(b, &first, &unused, &unused);
    for (int r = 0; r < ROUNDS; r++) {
        for (size_t i = 0; i < n; i++)
            frame(b, &b->wall[i], &b->build[i], &b->cpu[i]);
        p50s[r] = bench_pct(b->wall, n, 50);
        p99s[r] = bench_pct(b->wall, n, 99);
        cpu99s[r] = bench_pct(b->cpu, n, 99);
        build50s[r] = bench_pct(b->build, n, 50);
    }
    p50 = bench_pct(p50s, ROUNDS, 50);
    p99 = bench_pct(p99s, ROUNDS, 50);
    cpu99 = bench_pct(cpu99s, ROUNDS, 50);
    build50 = bench_pct(build50s, ROUNDS, 50);
    if (p99 > b->worst_p99) {
        b->worst_p99 = p99;
        b->worst_name = name;
    }
    if (cpu99 > b->worst_cpu99) {
        b->worst_cpu99 = cpu99;
        b->worst_cpu_name = name;
    }
    snprintf(row, sizeof row, "frame 1920x1080: %s", name);
    snprintf(fig, sizeof fig, "p50 %.2f ms, p99 %.2f ms (CPU p99 %.2f ms; "
             "ui_build p50 %.2f ms; first frame %.1f ms; %d items)",
             p50, p99, cpu99, build50, first, b->dl.n);
    bench_row(row, fig, "p99 < 8 ms", p99 < TARGET_P99_MS ? BENCH_OK : BENCH_MISSED);
}

static void scan(bench *b, const meeting *m, int roster_index)
{
    const char *t = roster_get(m->roster, roster_index)->token;
    b->now += 1000;
    session_scan(b->se, t, strlen(t), b->now);
}

static void act(bench *b, int action, int arg)
{
    b->now += 500;
    session_action(b->se, action, arg, b->now);
}

static int find_role(const meeting *m, member_role role, int nth)
{
    for (int i = 0; i < roster_count(m->roster); i++)
        if (roster_get(m->roster, i)->role == role && nth-- == 0)
            return i;
    return -1;
}

/* fac_set: the facilitator opens or closes proposal i through the
 * screens, as at a meeting. */
static void fac_set(bench *b, int fac, const meeting *m, int i, int open)
{
    scan(b, m, fac);
    act(b, ACT_FAC_PROPOSAL, i);
    act(b, open ? ACT_FAC_OPEN : ACT_FAC_CLOSE, i);
    act(b, ACT_CONFIRM, 0);
    act(b, ACT_FAC_LEAVE, 0);
}

static void vote(bench *b, const meeting *m, int who, int prop, int choice)
{
    scan(b, m, who);
    act(b, ACT_LANG, 0);
    act(b, ACT_PROPOSAL, prop);
    act(b, ACT_CHOOSE, choice);
    act(b, ACT_CAST, 0);
    act(b, ACT_FINISH, 0);
}

static void run_screens(bench *b, const meeting *m)
{
    int fac = find_role(m, MEMBER_FACILITATOR, 0);
    int a0 = find_role(m, MEMBER_ATTENDEE, 0);
    session_view v;

    if (fac < 0 || a0 < 0 || find_role(m, MEMBER_ATTENDEE, 3) < 0) {
        fprintf(stderr, "bench_frames: the demo roster lacks a facilitator or "
                "four attendees\n");
        b->failed = 1;
        return;
    }
    measure(b, "idle", SCR_IDLE);
    b->now += 1000;
    session_scan(b->se, "https://example.org/", 20, b->now);
    measure(b, "message (not a badge)", SCR_MESSAGE);
    act(b, ACT_DISMISS, 0);

    scan(b, m, fac);
    measure(b, "facilitator home", SCR_FAC_HOME);
    act(b, ACT_FAC_LEAVE, 0);
    for (int i = 0; i < m->nprops; i++)
        fac_set(b, fac, m, i, 1);

    scan(b, m, a0);
    measure(b, "language", SCR_LANGUAGE);
    act(b, ACT_LANG, 0);
    measure(b, "list", SCR_LIST);
    act(b, ACT_PROPOSAL, 0);
    measure(b, "proposal", SCR_PROPOSAL);
    /* "Still voting?" covers the proposal after the idle timeout. */
    session_view_get(b->se, &v);
    if (v.deadline) {
        b->now = v.deadline + 1;
        session_tick(b->se, b->now);
        measure(b, "still voting?", SCR_STILL);
        act(b, ACT_CONTINUE, 0);
    }
    act(b, ACT_CHOOSE, CHOICE_YES);
    measure(b, "review", SCR_REVIEW);
    act(b, ACT_CAST, 0);
    measure(b, "recorded", SCR_RECORDED);
    act(b, ACT_FINISH, 0);

    for (int k = 1; k <= 3; k++)
        vote(b, m, find_role(m, MEMBER_ATTENDEE, k), 0, k % 3);

    scan(b, m, fac);
    act(b, ACT_FAC_PROPOSAL, 0);
    measure(b, "facilitator proposal (open, turnout)", SCR_FAC_PROPOSAL);
    act(b, ACT_FAC_CLOSE, 0);
    measure(b, "facilitator confirm", SCR_FAC_CONFIRM);
    act(b, ACT_CONFIRM, 0);
    measure(b, "facilitator proposal (closed, results)", SCR_FAC_PROPOSAL);
    act(b, ACT_FAC_LEAVE, 0);
}

int main(int argc, char **argv)
{
    bench b;
    meeting *m = NULL;
    store *st = NULL;
    char *dir = NULL;
    diag_list diag;
    as_err err;
    ui_metrics mx;
    session_config sc;
    platform_config pc = {1920, 1080, 0, 141.0, 1, 0, 0, 0, 0};
    int rc = 1;

    memset(&b, 0, sizeof b);
    dl_init(&b.dl);
    diag_init(&diag);
    if (argc < 2 || argc > 3) {
        fputs("usage: bench_frames SCRATCH_DIR [FRAMES]\n", stderr);
        return 2;
    }
    b.frames = argc == 3 ? atoi(argv[2]) : 200;
    if (b.frames < 10 || b.frames > 100000) {
        fputs("bench_frames: FRAMES must be 10..100000\n", stderr);
        return 2;
    }
    /* The configuration the target is stated for. */
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    setenv("SDL_RENDER_DRIVER", "software", 1);
    b.wall = calloc((size_t)b.frames, sizeof *b.wall);
    b.build = calloc((size_t)b.frames, sizeof *b.build);
    b.cpu = calloc((size_t)b.frames, sizeof *b.cpu);
    if (sodium_init() < 0 || !b.wall || !b.build || !b.cpu)
        goto out;
    if (i18n_init() != 0)
        fputs("bench_frames: translations not found; screens in English\n", stderr);
    if (meeting_from_memory("demo-meeting.yaml", demo_yaml(),
                            strlen(demo_yaml()), demo_roster(), &m,
                            &diag) != AS_OK) {
        fputs("bench_frames: the demo meeting (assets/demo) does not load\n", stderr);
        goto out;
    }
    if (!(dir = bench_mkdtemp(argv[1], "frames")))
        goto out;
    if (store_open(dir, m->sha256, &st, &err) != AS_OK) {
        fprintf(stderr, "bench_frames: %s\n", err.msg);
        goto out;
    }
    if (platform_new(&pc, &b.pf, &err) != AS_OK) {
        fprintf(stderr, "bench_frames: %s\n", err.msg);
        goto out;
    }
    platform_size(b.pf, &b.w, &b.h);
    if (b.w != 1920 || b.h != 1080)
        fprintf(stderr, "bench_frames: the window is %dx%d, not 1920x1080\n",
                b.w, b.h);
    mx.ud = b.pf;
    mx.text_width = platform_text_width;
    mx.line_height = platform_line_height;
    mx.cap_ratio = platform_cap_ratio(b.pf);
    session_config_default(&sc, m);
    if (session_new(m, st, &sc, &b.se) != AS_OK ||
        ui_new(&mx, platform_dpi(b.pf), &b.ui) != AS_OK) {
        fputs("bench_frames: out of memory\n", stderr);
        goto out;
    }
    b.now = 1000;
    b.worst_name = b.worst_cpu_name = "none";
    run_screens(&b, m);
    if (!b.failed) {
        char fig[160];
        snprintf(fig, sizeof fig, "%.2f ms (%s)", b.worst_p99, b.worst_name);
        bench_row("frame 1920x1080: worst p99 of all screens", fig, "< 8 ms",
                  b.worst_p99 < TARGET_P99_MS ? BENCH_OK : BENCH_MISSED);
        /* The same frames in CPU time: if this is under the target and the
         * wall-clock p99 is not, other load on the machine made the
         * difference. */
        snprintf(fig, sizeof fig, "%.2f ms (%s)", b.worst_cpu99, b.worst_cpu_name);
        bench_row("frame 1920x1080: worst CPU-time p99 of all screens", fig,
                  "< 8 ms (context for the row above)",
                  b.worst_cpu99 < TARGET_P99_MS ? BENCH_OK : BENCH_MISSED);
        rc = 0;
    }
out:
    ui_free(b.ui);
    session_free(b.se);
    dl_free(&b.dl);
    platform_free(b.pf);
    store_free(st);
    meeting_free(m);
    diag_free(&diag);
    if (dir) {
        bench_rmtree(dir);
        free(dir);
    }
    free(b.wall);
    free(b.build);
    free(b.cpu);
    return rc;
}
