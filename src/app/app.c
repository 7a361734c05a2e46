/* app.c: the kiosk's event loop and input handling.
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
 * dropped with it, so stray keys never spoil the next scan. */
#include <stdio.h>
#include <string.h>
#include <sodium.h>
#include "app_internal.h"
#include "export.h"
#include "i18n.h"
#include "scan.h"
#include "token.h"

static int inside(const dl_rect *r, int x, int y)
{
    return x >= r->x && y >= r->y && x < r->x + r->w && y < r->y + r->h;
}

static void do_export(app *a, uint64_t now)
{
    const char *dir = a->cfg->export_dir ? a->cfg->export_dir : a->m->export_dir;
    export_summary sum;
    as_err err;

    if (!dir) {
        session_report(a->se, 0, "", now);
        return;
    }
    if (export_write(a->m, a->cfg->meeting_bytes, a->cfg->meeting_len,
                     meeting_quorum(a->m), roster_count(a->m->roster), a->st,
                     a->cfg->data_dir, dir, &sum, &err) == AS_OK)
        session_report(a->se, 1, sum.path, now);
    else
        session_report(a->se, 0, err.msg, now);
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
        break;
    case EV_RELEASE:
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
    if (session_tick(a->se, now))
        a->dirty = 1;
    switch (session_take_request(a->se)) {
    case REQ_EXPORT:
        do_export(a, now);
        a->dirty = 1;
        break;
    case REQ_SHUTDOWN:
        shut_down(a);
        break;
    default:
        break;
    }
}

void app_render(app *a, int force)
{
    if (!a->dirty && !force)
        return;
    if (a->fault)
        ui_fault_build(&a->mx, a->dpi, a->fault, a->w, a->h, &a->dl);
    else
        ui_build(a->ui, session_snapshot(a->se), a->w, a->h, &a->dl);
    platform_draw(a->pf, &a->dl);
    a->dirty = 0;
}

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
    if (!a->cam)
        return;
    if (scan_camera_poll(a->cam, camera_scan, a, &err) != AS_OK) {
        fprintf(stderr, "asamblea: %s\n", err.msg);
        scan_camera_free(a->cam);
        a->cam = NULL;
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

static void loop(app *a)
{
    as_event ev;
    while (!app_stopping(a)) {
        uint64_t now = platform_now_ms(a->pf);
        uint64_t dl = a->se ? session_deadline(a->se) : 0;
        int timeout = -1;
        if (dl)
            timeout = dl > now ? (int)(dl - now < 3600000 ? dl - now : 3600000) : 0;
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
    if (start(&a, cfg) == 0)
        rc = run(&a, cfg);
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
    if (start(&a, cfg) != 0)
        goto out;
    session_config sc;
    session_config_default(&sc, m);
    sc.demo = cfg->demo;
    sc.desk = cfg->desk;
    sc.key_fingerprint = cfg->key_fingerprint;
    if (session_new(m, st, &sc, &a.se) != AS_OK ||
        ui_new(&a.mx, a.dpi, &a.ui) != AS_OK) {
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
    ui_free(a.ui);
    session_free(a.se);
    dl_free(&a.dl);
    platform_free(a.pf);
    return rc;
}
