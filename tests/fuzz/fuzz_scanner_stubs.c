/* fuzz_scanner_stubs.c: the rest of the kiosk, stubbed out, so that the
 * scanner harness can compile src/app/app.c itself (its keyboard-wedge
 * collector is static there) without SDL, a store or a screen.
 *
 * Only session_scan does something: it is where the collector hands a
 * scan over, so it runs the first thing the real session does with it
 * (token_normalize) and counts it for the harness (fuzz_scanner.c).  If
 * app.c starts calling something new, the fuzz build fails to link: add
 * the stub here. */
#include <stdlib.h>
#include <string.h>
#include "app_internal.h"
#include "export.h"
#include "fuzz_scanner.h"
#include "token.h"

size_t fuzz_scans; /* how many scans the collector handed over */

/* check_token: the text as session_scan would normalize it, from an
 * exact-size copy so that ASan sees any read past its end.  A token it
 * accepts is canonical and normalizes to itself. */
void fuzz_check_token(const char *text, size_t len)
{
    char tok[TOKEN_TEXT_SIZE], again[TOKEN_TEXT_SIZE];
    char *copy = malloc(len ? len : 1);
    if (!copy)
        abort();
    memcpy(copy, text, len);
    as_status st = token_normalize(copy, len, tok);
    if (st == AS_OK) {
        if (strlen(tok) != TOKEN_TEXT_LEN ||
            token_normalize(tok, strlen(tok), again) != AS_OK || strcmp(tok, again))
            abort();
    } else if ((st != AS_EINVAL && st != AS_ECORRUPT) || tok[0] != '\0') {
        abort(); /* token.h: out is left empty on failure */
    }
    free(copy);
}

void session_scan(session *s, const char *text, size_t len, uint64_t now)
{
    (void)s;
    (void)now;
    if (len >= APP_SCAN_MAX)
        abort(); /* more than the collector can hold */
    fuzz_check_token(text, len);
    fuzz_scans++;
}

void session_touch(session *s, uint64_t now) { (void)s; (void)now; }
int session_tick(session *s, uint64_t now) { (void)s; (void)now; return 0; }
uint64_t session_deadline(const session *s) { (void)s; return 0; }
session_request session_take_request(session *s) { (void)s; return REQ_NONE; }
void session_action(session *s, int action, int arg, uint64_t now)
{
    (void)s; (void)action; (void)arg; (void)now;
}
void session_report(session *s, int ok, const char *detail, uint64_t now)
{
    (void)s; (void)ok; (void)detail; (void)now;
}
void session_config_default(session_config *c, const meeting *m)
{
    (void)m;
    memset(c, 0, sizeof *c);
}
as_status session_new(const meeting *m, store *st, const session_config *cfg,
                      session **out)
{
    (void)m; (void)st; (void)cfg;
    *out = NULL;
    return AS_ENOMEM;
}
void session_free(session *s) { (void)s; }
const snapshot *session_snapshot(session *s)
{
    static snapshot sn;
    (void)s;
    return &sn;
}

as_status ui_new(const ui_metrics *mx, double dpi, ui **out)
{
    (void)mx; (void)dpi;
    *out = NULL;
    return AS_ENOMEM;
}
void ui_free(ui *u) { (void)u; }
void ui_build(ui *u, const snapshot *s, int w, int h, dl_list *out)
{
    (void)u; (void)s; (void)w; (void)h; (void)out;
}
int ui_handle_action(ui *u, int action, int arg) { (void)u; (void)action; (void)arg; return 1; }
void ui_drag(ui *u, int dy) { (void)u; (void)dy; }
void ui_fault_build(const ui_metrics *mx, double dpi, const ui_fault_info *f,
                    int w, int h, dl_list *out)
{
    (void)mx; (void)dpi; (void)f; (void)w; (void)h; (void)out;
}

as_status platform_new(const platform_config *cfg, platform **out, as_err *err)
{
    (void)cfg; (void)err;
    *out = NULL;
    return AS_EIO;
}
void platform_free(platform *p) { (void)p; }
platform *platform_room(platform *p) { (void)p; return NULL; } /* no room window */
void platform_size(const platform *p, int *w, int *h) { (void)p; *w = 800; *h = 480; }
double platform_dpi(const platform *p) { (void)p; return 96; }
uint64_t platform_now_ms(const platform *p) { (void)p; return 0; }
int platform_wait(platform *p, int timeout_ms, as_event *ev)
{
    (void)p; (void)timeout_ms; (void)ev;
    return 0;
}
int platform_stop_requested(void) { return 0; }
void platform_draw(platform *p, const dl_list *l) { (void)p; (void)l; }
int platform_text_width(void *p, const char *s, size_t n, int font_px, int bold)
{
    (void)p; (void)s; (void)bold;
    return (int)n * font_px / 2;
}
int platform_line_height(void *p, int font_px) { (void)p; return font_px; }
double platform_cap_ratio(const platform *p) { (void)p; return 0.7; }
void platform_wake(void *p) { (void)p; }

void notify_init(app_notify *n, uint64_t now_ms) { (void)now_ms; memset(n, 0, sizeof *n); }
void notify_ready(app_notify *n, const char *status, uint64_t now_ms)
{
    (void)n; (void)status; (void)now_ms;
}
void notify_watchdog(app_notify *n, uint64_t now_ms) { (void)n; (void)now_ms; }
int notify_wait_ms(const app_notify *n, uint64_t now_ms, int timeout)
{
    (void)n; (void)now_ms;
    return timeout;
}
void notify_stopping(const char *status) { (void)status; }
/* A kiosk alone: no hub to look at (app_hub.c needs libpq). */
int app_hub_tick(app *a, uint64_t now, int timeout)
{
    (void)a;
    (void)now;
    return timeout;
}
void notify_status(const char *status) { (void)status; }

int replay_run(app *a, const char *path, const char *shots)
{
    (void)a; (void)path; (void)shots;
    return 2;
}

as_status export_write(const meeting *m, const char *meeting_bytes,
                       size_t meeting_len, int quorum_needed, int roster_size,
                       store *s, const char *data_dir, const char *out_dir,
                       export_summary *sum, as_err *err)
{
    (void)m; (void)meeting_bytes; (void)meeting_len; (void)quorum_needed;
    (void)roster_size; (void)s; (void)data_dir; (void)out_dir; (void)sum;
    (void)err;
    return AS_EIO;
}

as_status export_write_progress(const meeting *m, const char *meeting_bytes,
                                size_t meeting_len, int quorum_needed,
                                int roster_size, store *s, const char *data_dir,
                                const char *out_dir, export_summary *sum,
                                export_progress_fn progress, void *ud, as_err *err)
{
    (void)progress; (void)ud;
    return export_write(m, meeting_bytes, meeting_len, quorum_needed, roster_size, s,
                        data_dir, out_dir, sum, err);
}
