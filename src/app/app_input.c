/* app_input.c: the kiosk's input handling and timers: what an event or
 * the passing of time does to the session (the loop is app.c).
 *
 * Input rules: a tappable element activates on release inside it (as
 * VVSG 7.2 asks), so a finger that slides off cancels; pressing on the
 * text panel and moving scrolls it.  Escape does nothing: there is no
 * way out of the kiosk but the facilitator's "Shut down".
 *
 * Scanner input: a keyboard-wedge scanner types a whole code in a burst
 * and ends it with Enter; a person at a USB keyboard types slowly.  Text
 * is collected until Enter.  A scan is the fast run of text just before
 * the Enter: every character within APP_SCAN_GAP_MS of the one before,
 * and the Enter within APP_SCAN_GAP_MS of the last one.  It goes to the
 * session whatever it is (a misread or garbage gets its calm message).
 * Slowly typed text is not a scan: it is handed over only if it is a
 * valid badge token (a person typing the token printed under the QR
 * code), and otherwise dropped without a message (someone leaning on
 * the keyboard is not a misread badge).  Slow text before a burst is
 * dropped with it, so stray keys never spoil the next scan.
 *
 * While the facilitator's export runs (app_export.h), the worker thread
 * alone uses the store: touches, keys and scans are dropped (the screen
 * says to wait), and the session's timers wait too. */
#include <stdio.h>
#include <string.h>
#include <sodium.h>
#include "app_internal.h"
#include "token.h"

static int inside(const dl_rect *r, int x, int y)
{
    return x >= r->x && y >= r->y && x < r->x + r->w && y < r->y + r->h;
}

/* start_export: the facilitator's Export, handed to a worker thread; its
 * result reaches the session in export_ended. */
static void start_export(app *a, uint64_t now)
{
    const char *dir = a->cfg->export_dir ? a->cfg->export_dir : a->m->export_dir;
    as_err err;

    if (!dir) {
        session_report(a->se, 0, "", now);
        return;
    }
    if (app_export_start(&a->exp, a->m, a->st, a->cfg->data_dir, a->cfg->meeting_bytes,
                         a->cfg->meeting_len, dir, a->pf, &err) != 0)
        session_report(a->se, 0, err.msg, now);
}

/* export_ended: the worker is joined; the store is the main thread's
 * again and the session hears how it went. */
static void export_ended(app *a, uint64_t now)
{
    if (a->exp.status == AS_OK)
        session_report(a->se, 1, a->exp.sum.path, now);
    else
        session_report(a->se, 0, a->exp.err.msg, now);
}

/* shut_down: the facilitator's "Shut down" (the session's, confirmed, or
 * the fault screen's): the loop ends and the kiosk exits with
 * APP_EXIT_SHUTDOWN, the only status the appliance powers off on. */
static void shut_down(app *a)
{
    a->running = 0;
    a->shutdown = 1;
}

static void dispatch(app *a, int action, int arg, uint64_t now)
{
    if (a->fault) {
        if (action == UI_FAULT_ACT_SHUTDOWN)
            shut_down(a);
        return;
    }
    if (!ui_handle_action(a->ui, action, arg))
        session_action(a->se, action, arg, now);
    a->dirty = 1;
}

static void scan_reset(app *a)
{
    sodium_memzero(a->scan, sizeof a->scan);
    a->scan_len = 0;
    a->scan_overflow = 0;
    a->burst_start = 0;
}

static void scan_done(app *a, uint64_t now)
{
    int fast = a->scan_len > a->burst_start &&
               now - a->scan_last <= APP_SCAN_GAP_MS;

    if (a->scan_overflow) {
        /* An overflowed burst is garbage by definition: hand over all of
         * it so the session says "not a badge" instead of guessing. */
        session_scan(a->se, a->scan, a->scan_len, now);
        a->dirty = 1;
    } else if (fast) {
        session_scan(a->se, a->scan + a->burst_start,
                     a->scan_len - a->burst_start, now);
        a->dirty = 1;
    } else if (a->scan_len) {
        char tok[TOKEN_TEXT_SIZE];
        if (token_normalize(a->scan, a->scan_len, tok) == AS_OK) {
            session_scan(a->se, tok, strlen(tok), now);
            a->dirty = 1;
        }
        sodium_memzero(tok, sizeof tok);
    }
    scan_reset(a);
}

static void scan_text(app *a, const char *text, uint64_t now)
{
    size_t n = strlen(text);

    if (a->scan_len && now - a->scan_last > APP_SCAN_GAP_MS)
        a->burst_start = a->scan_len; /* a new fast run may start here */
    if (a->scan_len + n >= sizeof a->scan) {
        a->scan_overflow = 1;
    } else {
        memcpy(a->scan + a->scan_len, text, n);
        a->scan_len += n;
    }
    a->scan_last = now;
}

/* common_event: presses, button releases, resizes, exposes and quits,
 * which every screen takes alike, the fault screen included; other
 * events do nothing here. */
static void common_event(app *a, const as_event *ev, uint64_t now)
{
    const dl_item *hit;
    switch (ev->type) {
    case EV_PRESS:
        hit = dl_find_tap(&a->dl, ev->x, ev->y);
        a->pressing = hit != NULL;
        if (hit)
            a->pressed = *hit;
        a->last_y = ev->y;
        a->room_press = a->room_here;
        break;
    case EV_RELEASE:
        if (a->room_press && a->room_here) {
            /* The room view on this screen has nothing to tap: any tap
             * takes the facilitator back to the console. */
            a->room_press = a->pressing = 0;
            dispatch(a, ACT_ROOM_HERE, 0, now);
            break;
        }
        a->room_press = 0;
        if (a->pressing && a->pressed.role == DL_ROLE_BUTTON &&
            inside(&a->pressed.r, ev->x, ev->y))
            dispatch(a, a->pressed.action, a->pressed.arg, now);
        a->pressing = 0;
        break;
    case EV_RESIZE:
        a->w = ev->x;
        a->h = ev->y;
        a->dirty = 1;
        break;
    case EV_EXPOSE:
        a->dirty = 1;
        break;
    case EV_QUIT:
        a->running = 0;
        break;
    default:
        break;
    }
}

/* fault_event: the fault screen takes only its button, Escape and the
 * stop request; scans, drags and other keys do nothing there.  Escape
 * ends the program with status 0, not APP_EXIT_SHUTDOWN: a keyboard is
 * not the facilitator, so it may close the screen (systemd shows it
 * again) but never power the appliance off. */
static void fault_event(app *a, const as_event *ev, uint64_t now)
{
    if (ev->type == EV_KEY) {
        if (ev->key == KEY_ESCAPE)
            a->running = 0;
    } else if (ev->type != EV_TEXT && ev->type != EV_MOVE) {
        common_event(a, ev, now);
    }
}

void app_event(app *a, const as_event *ev, uint64_t now)
{
    if (a->fault) {
        fault_event(a, ev, now);
        return;
    }
    if (a->exp.running) {
        /* Only what touches neither the session nor the store; half a
         * scan is dropped too, so it cannot join the next one. */
        a->pressing = 0;
        if (ev->type == EV_TEXT || ev->type == EV_KEY)
            scan_reset(a);
        if (ev->type == EV_RESIZE || ev->type == EV_EXPOSE || ev->type == EV_QUIT)
            common_event(a, ev, now);
        app_tick(a, now);
        return;
    }

    switch (ev->type) {
    case EV_TEXT:
        scan_text(a, ev->text, now);
        session_touch(a->se, now);
        break;
    case EV_KEY:
        session_touch(a->se, now);
        if (ev->key == KEY_ENTER)
            scan_done(a, now);
        else if (ev->key == KEY_BACKSPACE && a->scan_len > a->burst_start)
            a->scan[--a->scan_len] = '\0';
        else if (ev->key == KEY_PAGEDOWN || ev->key == KEY_DOWN)
            dispatch(a, ACT_SCROLL, +1, now);
        else if (ev->key == KEY_PAGEUP || ev->key == KEY_UP)
            dispatch(a, ACT_SCROLL, -1, now);
        break;
    case EV_MOVE:
        if (a->pressing && a->pressed.role == DL_ROLE_SCROLL) {
            ui_drag(a->ui, ev->y - a->last_y);
            a->last_y = ev->y;
            a->dirty = 1;
        }
        break;
    case EV_PRESS:
    case EV_RELEASE:
        session_touch(a->se, now);
        common_event(a, ev, now);
        break;
    default:
        common_event(a, ev, now);
        break;
    }
    app_tick(a, now);
}

void app_tick(app *a, uint64_t now)
{
    if (!a->se)
        return;
    if (a->exp.running) {
        unsigned seq;
        int done, total;
        if (!app_export_poll(&a->exp)) {
            app_export_progress(&a->exp, &done, &total, &seq);
            if (seq != a->exp_seen) { /* redraw the progress */
                a->exp_seen = seq;
                a->dirty = 1;
            }
            return;
        }
        export_ended(a, now);
        a->dirty = 1;
    }
    if (session_tick(a->se, now))
        a->dirty = 1;
    switch (session_take_request(a->se)) {
    case REQ_EXPORT:
        start_export(a, now);
        a->dirty = 1;
        break;
    case REQ_SHUTDOWN:
        shut_down(a);
        break;
    default:
        break;
    }
}
