/* app_frame.c: what the loop and the replay harness share besides input:
 * drawing a frame (the session's screen, the fault screen, or the
 * export's progress), the service notifications, and waiting out an
 * export while frames keep coming and the watchdog keeps being fed. */
#include <stdio.h>
#include "app_internal.h"
#include "ui_progress.h"

/* export_status: the progress as the service's STATUS line, sent when it
 * changes (`systemctl status asamblea` shows it; counts only). */
static void export_status(app *a, int done, int total)
{
    char line[96];
    if (done == a->status_done && total == a->status_total)
        return;
    a->status_done = done;
    a->status_total = total;
    snprintf(line, sizeof line, "Exporting: %d of %d files written", done, total);
    notify_status(line);
}

/* render_room: the room window's frame.  It is built from the snapshot
 * the kiosk's screen was built from, so both show the same moment.
 * During an export (sn NULL: the worker holds the store, and a stale
 * snapshot would read it) the room keeps its last picture; the fault
 * screen's room window stays blank (no meeting to show). */
static void render_room(app *a, const snapshot *sn)
{
    if (!a->room_pf)
        return;
    platform_size(a->room_pf, &a->rw, &a->rh);
    if (sn)
        room_build(a->room, sn, a->rw, a->rh, &a->room_dl);
    else if (a->fault || a->room_dl.w != a->rw || a->room_dl.h != a->rh)
        dl_reset(&a->room_dl, a->rw, a->rh, 0x000000);
    platform_draw(a->room_pf, &a->room_dl);
}

void app_render(app *a, int force)
{
    int done, total;
    const snapshot *sn = NULL;

    if (!a->dirty && !force)
        return;
    a->room_here = 0;
    if (a->fault) {
        ui_fault_build(&a->mx, a->dpi, a->fault, a->w, a->h, &a->dl);
    } else if (a->exp.running) {
        app_export_progress(&a->exp, &done, &total, NULL);
        ui_progress_build(a->ui, done, total, a->w, a->h, &a->dl);
        export_status(a, done, total);
    } else {
        sn = session_snapshot(a->se);
        /* "Room view here": the facilitator's own screen is the room's
         * until a tap (app_input.c) or a scan ends it. */
        a->room_here = sn->room.here;
        if (a->room_here)
            room_build(a->room, sn, a->w, a->h, &a->dl);
        else
            ui_build(a->ui, sn, a->w, a->h, &a->dl);
    }
    platform_draw(a->pf, &a->dl);
    render_room(a, sn);
    a->dirty = 0;
}

void app_export_wait(app *a, uint64_t now, app_frame_fn frame, void *ud)
{
    while (a->exp.running) {
        unsigned seq;
        int done, total;
        app_export_progress(&a->exp, &done, &total, &seq);
        app_tick(a, now); /* joins the worker once it has finished */
        app_render(a, 0);
        if (frame && a->exp.running)
            frame(ud, done, total);
        notify_watchdog(&a->nt, platform_now_ms(a->pf));
        if (a->exp.running)
            app_export_sleep(&a->exp, seq,
                             (unsigned)notify_wait_ms(&a->nt, platform_now_ms(a->pf), 100));
    }
}

int app_stopping(const app *a)
{
    return !a->running || platform_stop_requested();
}

void app_ready(app *a)
{
    notify_ready(&a->nt, a->fault ? "Data damaged or unusable: showing the "
                                    "fault screen; voting is off"
                         : a->cfg->desk ? "Check-in desk running"
                                        : "Voting kiosk running",
                 platform_now_ms(a->pf));
}
