/* bench_room.c: the room display's frames (room_build + platform_draw on
 * a hidden window with SDL's software renderer) at 1920x1080 and
 * 3840x2160, and what attaching a room display costs the kiosk: the
 * snapshot after a change, read with session_config.room_live on and off,
 * side by side on one store.
 *
 * The session is driven through the demo meeting with a real store on
 * disk: the facilitator opens a yes/no and a ranked-choice proposal,
 * the four attendees vote on both, and the facilitator closes them; each
 * room state is then timed FRAMES times, in 3 rounds, and the median of
 * the rounds' p50 and p99 is reported (one burst of load from another
 * process does not decide a figure alone).
 *
 * usage: bench_room SCRATCH_DIR [FRAMES]
 * Prints table rows (see bench_util.h); exit 0, or 1 if the kiosk could
 * not be driven (the figures would be meaningless). */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench_util.h"
#include "i18n.h"
#include "platform.h"
#include "room.h"
#include "session.h"
#include "store_sqlite.h"
#include "test_demo_util.h"

#define ROUNDS 3
enum { P_YES_NO = 0, P_OPEN = 1, P_RANKED = 5, FAC = 4 };

typedef struct {
    const meeting *m;
    session *se;
    uint64_t now;
    int frames;
    double *t;
    int failed;
} bench;

static void act(bench *b, int action, int arg)
{
    b->now += 500;
    session_action(b->se, action, arg, b->now);
}

static void scan(bench *b, int who)
{
    const char *t = roster_get(b->m->roster, who)->token;
    b->now += 1000;
    session_scan(b->se, t, strlen(t), b->now);
}

/* fac_set: the facilitator opens or closes proposal i on the console. */
static void fac_set(bench *b, int i, int open)
{
    scan(b, FAC);
    act(b, ACT_FAC_PROPOSAL, i);
    act(b, open ? ACT_FAC_OPEN : ACT_FAC_CLOSE, i);
    act(b, ACT_CONFIRM, 0);
    act(b, ACT_FAC_LEAVE, 0);
}

static void vote(bench *b, int who, int prop, int yes_no_choice)
{
    scan(b, who);
    act(b, ACT_LANG, 0);
    act(b, ACT_PROPOSAL, prop);
    if (prop != P_RANKED) {
        act(b, ACT_CHOOSE, yes_no_choice);
    } else {
        act(b, ACT_GO_BALLOT, 0);
        act(b, ACT_RANK, who % 3);
        act(b, ACT_RANK, (who + 1) % 3);
        act(b, ACT_BALLOT_REVIEW, 0);
    }
    act(b, ACT_CAST, 0);
    act(b, ACT_FINISH, 0);
}

/* frames: times room_build + platform_draw of what the session's room
 * shows, at the window's size; one table row. */
static void frames(bench *b, platform *pf, room *r, dl_list *dl,
                   const char *name)
{
    double p50s[ROUNDS], p99s[ROUNDS], b50s[ROUNDS], *bt;
    int w, h;
    char row[128], fig[192];
    size_t n = (size_t)b->frames;

    bt = calloc(n, sizeof *bt);
    if (!bt) {
        b->failed = 1;
        return;
    }
    platform_size(pf, &w, &h);
    const snapshot *sn = session_snapshot(b->se);
    room_build(r, sn, w, h, dl);
    platform_draw(pf, dl); /* the first frame fills the text cache */
    for (int k = 0; k < ROUNDS; k++) {
        for (size_t i = 0; i < n; i++) {
            uint64_t t0 = bench_now_ns();
            room_build(r, sn, w, h, dl);
            uint64_t t1 = bench_now_ns();
            platform_draw(pf, dl);
            b->t[i] = (double)(bench_now_ns() - t0) / 1e6;
            bt[i] = (double)(t1 - t0) / 1e6;
        }
        p50s[k] = bench_pct(b->t, n, 50);
        p99s[k] = bench_pct(b->t, n, 99);
        b50s[k] = bench_pct(bt, n, 50);
    }
    snprintf(row, sizeof row, "room frame %dx%d: %s", w, h, name);
    snprintf(fig, sizeof fig, "p50 %.2f ms, p99 %.2f ms (room_build p50 %.3f ms; "
             "%d items)", bench_pct(p50s, ROUNDS, 50), bench_pct(p99s, ROUNDS, 50),
             bench_pct(b50s, ROUNDS, 50), dl->n);
    bench_row(row, fig, "- (context; drawn only after a change)", BENCH_OK);
    free(bt);
}

/* size_rows: every room state at w x h. */
static void size_rows(bench *b, int w, int h, int all)
{
    platform_config pc = {w, h, 0, 96.0, 1, 0, 0, 0, 0};
    platform *pf = NULL;
    room *r = NULL;
    dl_list dl;
    as_err err;
    ui_metrics mx;

    dl_init(&dl);
    if (platform_new(&pc, &pf, &err) != AS_OK) {
        fprintf(stderr, "bench_room: %s\n", err.msg);
        b->failed = 1;
        return;
    }
    mx.ud = pf;
    mx.text_width = platform_text_width;
    mx.line_height = platform_line_height;
    mx.cap_ratio = platform_cap_ratio(pf);
    if (room_new(&mx, &r) != AS_OK) {
        b->failed = 1;
        goto out;
    }
    scan(b, FAC);
    if (all) {
        act(b, ACT_ROOM_SHOW, ROOM_AGENDA);
        frames(b, pf, r, &dl, "agenda");
        act(b, ACT_FAC_PROPOSAL, P_OPEN);
        act(b, ACT_ROOM_SHOW, ROOM_TURNOUT);
        frames(b, pf, r, &dl, "turnout (3 of 4 voted)");
    }
    act(b, ACT_FAC_PROPOSAL, P_YES_NO);
    act(b, ACT_ROOM_SHOW, ROOM_RESULT);
    frames(b, pf, r, &dl, "yes/no result with its QR code");
    act(b, ACT_FAC_PROPOSAL, P_RANKED);
    act(b, ACT_ROOM_SHOW, ROOM_RESULT);
    act(b, ACT_ROOM_ROUND, 1);
    if (all)
        frames(b, pf, r, &dl, "ranked-choice round 1");
    act(b, ACT_FAC_LEAVE, 0);
out:
    room_free(r);
    dl_free(&dl);
    platform_free(pf);
}

/* live_rows: the snapshot after a change (an ignored tap on an
 * attendee's list marks it stale), with and without a room display
 * attached, alternating between two sessions on one store. */
static void live_rows(bench *b, store *st)
{
    session *ss[2] = {NULL, NULL};
    session_config sc;
    double p50[2][ROUNDS];
    size_t n = (size_t)b->frames;
    char fig[192];

    for (int k = 0; k < 2; k++) {
        session_config_default(&sc, b->m);
        sc.room_live = k;
        if (session_new(b->m, st, &sc, &ss[k]) != AS_OK) {
            b->failed = 1;
            goto out;
        }
        const char *t = roster_get(b->m->roster, 0)->token;
        session_scan(ss[k], t, strlen(t), b->now);
        session_action(ss[k], ACT_LANG, 0, b->now);
    }
    for (int r = 0; r < ROUNDS; r++)
        for (int k = 0; k < 2; k++) {
            for (size_t i = 0; i < n; i++) {
                uint64_t t0 = bench_now_ns();
                session_action(ss[k], ACT_NONE, 0, b->now);
                (void)session_snapshot(ss[k]);
                b->t[i] = (double)(bench_now_ns() - t0) / 1e6;
            }
            p50[k][r] = bench_pct(b->t, n, 50);
        }
    double off = bench_pct(p50[0], ROUNDS, 50), on = bench_pct(p50[1], ROUNDS, 50);
    snprintf(fig, sizeof fig, "p50 %.3f ms with a room display, %.4f ms without "
             "(the figures of %d proposals re-read from the store)", on, off,
             b->m->nprops);
    bench_row("snapshot after a change: room display attached vs not", fig,
              "- (context: per tap or scan, not per frame)", BENCH_OK);
out:
    session_free(ss[0]);
    session_free(ss[1]);
}

int main(int argc, char **argv)
{
    bench b;
    meeting *m = NULL;
    store *st = NULL;
    char *dir = NULL;
    diag_list diag;
    as_err err;
    int rc = 1;

    memset(&b, 0, sizeof b);
    diag_init(&diag);
    if (argc < 2 || argc > 3) {
        fputs("usage: bench_room SCRATCH_DIR [FRAMES]\n", stderr);
        return 2;
    }
    b.frames = argc == 3 ? atoi(argv[2]) : 100;
    if (b.frames < 10 || b.frames > 100000) {
        fputs("bench_room: FRAMES must be 10..100000\n", stderr);
        return 2;
    }
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    setenv("SDL_RENDER_DRIVER", "software", 1);
    b.t = calloc((size_t)b.frames, sizeof *b.t);
    if (sodium_init() < 0 || !b.t)
        goto out;
    if (i18n_init() != 0)
        fputs("bench_room: translations not found; English only\n", stderr);
    if (meeting_from_memory("demo-meeting.yaml", demo_yaml(), strlen(demo_yaml()),
                            demo_roster(), &m, &diag) != AS_OK) {
        fputs("bench_room: the demo meeting (assets/demo) does not load\n", stderr);
        goto out;
    }
    if (!(dir = bench_mkdtemp(argv[1], "room")))
        goto out;
    if (store_open(dir, m->sha256, &st, &err) != AS_OK) {
        fprintf(stderr, "bench_room: %s\n", err.msg);
        goto out;
    }
    session_config sc;
    session_config_default(&sc, m);
    sc.room_live = 1;
    if (session_new(m, st, &sc, &b.se) != AS_OK)
        goto out;
    b.m = m;
    b.now = 1000;
    fac_set(&b, P_YES_NO, 1);
    fac_set(&b, P_RANKED, 1);
    fac_set(&b, P_OPEN, 1);
    for (int who = 0; who < 4; who++) {
        vote(&b, who, P_YES_NO, who % 3);
        vote(&b, who, P_RANKED, 0);
        if (who < 3)
            vote(&b, who, P_OPEN, CHOICE_YES);
    }
    fac_set(&b, P_YES_NO, 0);
    fac_set(&b, P_RANKED, 0);
    const snapshot *sn = session_snapshot(b.se);
    if (!sn->props[P_YES_NO].result || !sn->props[P_RANKED].result ||
        sn->props[P_YES_NO].result->ballots != 4) {
        fputs("bench_room: the demo votes were not counted as expected; the "
              "session's flow changed, fix the bench\n", stderr);
        goto out;
    }
    size_rows(&b, 1920, 1080, 1);
    size_rows(&b, 3840, 2160, 0);
    live_rows(&b, st);
    rc = b.failed;
out:
    session_free(b.se);
    store_free(st);
    meeting_free(m);
    diag_free(&diag);
    if (dir) {
        bench_rmtree(dir);
        free(dir);
    }
    free(b.t);
    return rc;
}
