/* app_internal.h: the kiosk loop's state, shared by app.c (start-up and
 * the loop), app_input.c (events and timers), app_frame.c (drawing and
 * waiting out an export) and replay.c (scripted input).  Calls run one
 * way: app.c and replay.c use app_input.c and app_frame.c, never each
 * other except app.c starting replay_run.  Not a public interface. */
#ifndef AS_APP_INTERNAL_H
#define AS_APP_INTERNAL_H

#include "app.h"
#include "displaylist.h"
#include "event.h"
#include "session.h"
#include "scan.h"
#include "ui.h"
#include "ui_fault.h"
#include "notify.h"
#include "room.h"
#include "app_export.h"

#define APP_SCAN_MAX 4096
/* Scanner bursts vs typing: characters of one scan arrive at most this
 * far apart, and its Enter too (USB scanners: 1-10 ms per character;
 * people: 100 ms and more). */
#define APP_SCAN_GAP_MS 50

typedef struct {
    const meeting *m;
    store *st;
    uint64_t hub_last; /* a kiosk on a hub: when it last looked (app.c) */
    int hub_paused;    /* the hub could not be reached at the last look */
    const app_config *cfg;
    platform *pf;
    session *se;
    ui *ui;
    dl_list dl;
    int w, h;
    /* scanner: keyboard-wedge text collected until Enter */
    char scan[APP_SCAN_MAX];
    size_t scan_len;
    int scan_overflow;
    size_t burst_start;  /* where the current fast run of text starts */
    uint64_t scan_last;  /* when the last text arrived */
    /* the element under a finger that is down */
    int pressing;
    dl_item pressed;
    int last_y;
    scan_camera *cam; /* --camera, or NULL */
    int running;
    int shutdown; /* the facilitator's "Shut down" ended the loop */
    int dirty;
    /* the fault screen instead of voting (no session, no store) */
    const ui_fault_info *fault;
    ui_metrics mx;
    double dpi;
    app_notify nt;
    /* the facilitator's export on its worker thread (app_export.h) */
    app_export exp;
    unsigned exp_seen;             /* progress already drawn */
    int status_done, status_total; /* progress already in STATUS= */
    /* the room display (room.h): its window, or NULL (platform_room);
     * its view, also drawn on the kiosk's screen while the snapshot's
     * room.here is set ("Room view here") */
    platform *room_pf;
    room *room;
    dl_list room_dl;   /* what the room window shows */
    int rw, rh;        /* the room window's size */
    int room_here;     /* the kiosk's own screen shows the room view */
    int room_press;    /* a press began on it: its release ends it */
} app;

/* app_stopping: 1 when the loop should end (shut down, SIGTERM). */
int app_stopping(const app *a);

/* app_ready: tells systemd the first frame is on screen (once). */
void app_ready(app *a);

/* app_event: one input event at time now. */
void app_event(app *a, const as_event *ev, uint64_t now);

/* app_tick: session timers and requests at time now. */
void app_tick(app *a, uint64_t now);

/* app_hub_tick: a kiosk on a hub (several kiosks, one meeting) looks at
 * the hub about once a second (app.c's loop; replay's `wait`): it
 * reconnects after a lost connection and says "paused" while it cannot,
 * hands in its ballots for a proposal being closed, and re-reads what
 * other kiosks changed.  Returns the longest the loop may sleep
 * (timeout, capped at a second); does nothing for a kiosk alone. */
int app_hub_tick(app *a, uint64_t now, int timeout);

/* app_render: rebuilds and draws the display list if anything changed
 * (force: regardless). */
void app_render(app *a, int force);

/* app_frame_fn: told after each frame drawn while an export runs. */
typedef void (*app_frame_fn)(void *ud, int done, int total);

/* app_export_wait: while an export runs, draws its progress as it
 * changes, feeds the watchdog and sleeps in between; when the worker has
 * finished, the session gets the result at time now (session_report) and
 * the frame after it is drawn.  frame (may be NULL) is called after each
 * progress frame.  Returns at once when no export runs. */
void app_export_wait(app *a, uint64_t now, app_frame_fn frame, void *ud);

/* replay_run: runs the script; 0 when it ran to its end or the kiosk
 * stopped (a->shutdown tells a "Shut down" apart), 1 or 2 as app_run. */
int replay_run(app *a, const char *path, const char *shots);

#endif
