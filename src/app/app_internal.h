/* app_internal.h: the kiosk loop's state, shared by app.c (the loop and
 * input handling) and replay.c (scripted input).  Not a public interface. */
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

#define APP_SCAN_MAX 4096
/* Scanner bursts vs typing: characters of one scan arrive at most this
 * far apart, and its Enter too (USB scanners: 1-10 ms per character;
 * people: 100 ms and more). */
#define APP_SCAN_GAP_MS 50

typedef struct {
    const meeting *m;
    store *st;
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
} app;

/* app_stopping: 1 when the loop should end (shut down, SIGTERM). */
int app_stopping(const app *a);

/* app_ready: tells systemd the first frame is on screen (once). */
void app_ready(app *a);

/* app_event: one input event at time now. */
void app_event(app *a, const as_event *ev, uint64_t now);

/* app_tick: session timers and requests at time now. */
void app_tick(app *a, uint64_t now);

/* app_render: rebuilds and draws the display list if anything changed
 * (force: regardless). */
void app_render(app *a, int force);

/* replay_run: runs the script; 0 when it ran to its end or the kiosk
 * stopped (a->shutdown tells a "Shut down" apart), 1 or 2 as app_run. */
int replay_run(app *a, const char *path, const char *shots);

#endif
