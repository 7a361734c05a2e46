/* app.c: the kiosk program: starts the platform, the session and the UI,
 * and runs the event loop or a replay script (app.h).  What an event does
 * is in app_input.c, drawing in app_frame.c, the export's worker thread
 * in app_export.c, scripted input in replay.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app_internal.h"
#include "i18n.h"
#include "scan.h"

/* camera_scan: a QR code the camera read.  It is a whole scan already,
 * so it goes straight to the session, not through the burst detector. */
static void camera_scan(void *ud, const char *text, size_t len)
{
    app *a = ud;
    uint64_t now = platform_now_ms(a->pf);
    session_touch(a->se, now);
    session_scan(a->se, text, len, now);
    a->dirty = 1;
}

/* poll_camera: hands over what the camera's worker thread decoded.  A
 * camera that stopped (unplugged) is dropped with one message; the USB
 * scanner keeps working. */
static void poll_camera(app *a)
{
    as_err err;
    if (!a->cam || a->exp.running) /* scans wait in the camera's queue */
        return;
    if (scan_camera_poll(a->cam, camera_scan, a, &err) != AS_OK) {
        fprintf(stderr, "asamblea: %s\n", err.msg);
        scan_camera_free(a->cam);
        a->cam = NULL;
    }
}

static void loop(app *a)
{
    as_event ev;
    while (!app_stopping(a)) {
        uint64_t now = platform_now_ms(a->pf);
        /* While exporting, the session's timers wait; the worker wakes
         * the loop at every file. */
        uint64_t dl = a->se && !a->exp.running ? session_deadline(a->se) : 0;
        int timeout = -1;
        if (dl)
            timeout = dl > now ? (int)(dl - now < 3600000 ? dl - now : 3600000) : 0;
        timeout = app_hub_tick(a, now, timeout);
        /* Wake for the watchdog's ping. */
        timeout = notify_wait_ms(&a->nt, now, timeout);
        notify_watchdog(&a->nt, now);
        if (platform_wait(a->pf, timeout, &ev))
            app_event(a, &ev, platform_now_ms(a->pf));
        else
            app_tick(a, platform_now_ms(a->pf));
        poll_camera(a);
        app_render(a, 0);
        notify_watchdog(&a->nt, platform_now_ms(a->pf));
    }
}

/* start: the platform and the metrics both kinds of run share. */
static int start(app *a, const app_config *cfg)
{
    as_err err;
    if (i18n_init() != 0)
        fputs("asamblea: translations not found; the screens will be in "
              "English (set ASAMBLEA_LOCALEDIR)\n", stderr);
    if (platform_new(&cfg->pc, &a->pf, &err) != AS_OK) {
        fprintf(stderr, "asamblea: %s\n", err.msg);
        return -1;
    }
    notify_init(&a->nt, platform_now_ms(a->pf));
    platform_size(a->pf, &a->w, &a->h);
    a->mx.ud = a->pf;
    a->mx.text_width = platform_text_width;
    a->mx.line_height = platform_line_height;
    a->mx.cap_ratio = platform_cap_ratio(a->pf);
    a->dpi = platform_dpi(a->pf);
    if ((a->room_pf = platform_room(a->pf)) != NULL)
        platform_size(a->room_pf, &a->rw, &a->rh);
    return 0;
}

/* run: the replay or the interactive loop; the exit status (app_run's
 * contract: APP_EXIT_SHUTDOWN only when the facilitator shut down). */
static int run(app *a, const app_config *cfg)
{
    int rc;
    a->running = 1;
    a->shutdown = 0;
    a->dirty = 1;
    if (cfg->replay_path) {
        rc = replay_run(a, cfg->replay_path, cfg->shots_dir);
    } else {
        app_render(a, 1);
        app_ready(a);
        loop(a);
        rc = 0;
    }
    /* Stopping (a signal, the end of a script) during an export: it
     * finishes first, as a cast would, before the store is closed. */
    app_export_wait(a, platform_now_ms(a->pf), NULL, NULL);
    if (rc == 0 && a->shutdown)
        rc = APP_EXIT_SHUTDOWN;
    notify_stopping(a->shutdown ? "Shut down by the facilitator"
                    : platform_stop_requested()
                        ? "Stopping on a signal: closing the data"
                        : "Stopping");
    return rc;
}

int app_run_fault(const ui_fault_info *f, const app_config *cfg)
{
    app a;
    int rc = 2;

    memset(&a, 0, sizeof a);
    a.cfg = cfg;
    a.fault = f;
    dl_init(&a.dl);
    dl_init(&a.room_dl);
    if (start(&a, cfg) == 0)
        rc = run(&a, cfg);
    dl_free(&a.room_dl);
    dl_free(&a.dl);
    platform_free(a.pf);
    return rc;
}

int app_run(const meeting *m, store *st, const app_config *cfg)
{
    app a;
    as_err err;
    int rc = 2;

    memset(&a, 0, sizeof a);
    a.m = m;
    a.st = st;
    a.cfg = cfg;
    dl_init(&a.dl);
    dl_init(&a.room_dl);
    if (start(&a, cfg) != 0)
        goto out;
    session_config sc;
    session_config_default(&sc, m);
    sc.demo = cfg->demo;
    sc.desk = cfg->desk;
    sc.key_fingerprint = cfg->key_fingerprint;
    /* A room window shows turnout as people vote: the snapshot reads the
     * figures after every change, not only on the screens that show them. */
    sc.room_live = a.room_pf != NULL;
    if (session_new(m, st, &sc, &a.se) != AS_OK ||
        ui_new(&a.mx, a.dpi, &a.ui) != AS_OK ||
        room_new(&a.mx, &a.room) != AS_OK) {
        fputs("asamblea: out of memory starting the kiosk\n", stderr);
        goto out;
    }
    if (cfg->camera && !cfg->replay_path) {
        /* A camera that cannot start is reported, not fatal: the USB
         * scanner and the on-screen flows still work. */
        if (scan_camera_open(cfg->camera, &a.cam, &err) != AS_OK)
            fprintf(stderr, "asamblea: %s; going on without the camera\n",
                    err.msg);
        else
            scan_camera_set_wake(a.cam, platform_wake, a.pf);
    }
    rc = run(&a, cfg);
out:
    scan_camera_free(a.cam);
    room_free(a.room);
    ui_free(a.ui);
    session_free(a.se);
    dl_free(&a.room_dl);
    dl_free(&a.dl);
    platform_free(a.pf);
    return rc;
}
