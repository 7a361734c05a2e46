/* verify_report.c: how every check reports (vr_*: a check begins, fails
 * or is skipped with a reason, ends; at most VR_SHOW_MAX lines each).  Its
 * own file because every check calls it and it calls none of them. */
#include <stdarg.h>
#include <stdio.h>
#include "verify_bundle.h"

#define VR_SHOW_MAX 20

void vr_begin(vreport *r, const char *check)
{
    r->check = check;
    r->check_fails = 0;
}

static void vr_emit(vreport *r, int ok, const char *fmt, va_list ap)
{
    char line[1024];
    vsnprintf(line, sizeof line, fmt, ap);
    r->nfail++;
    if (++r->check_fails <= VR_SHOW_MAX)
        r->fn(r->ud, ok, r->check, line);
}

void vr_fail(vreport *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vr_emit(r, 0, fmt, ap);
    va_end(ap);
}

void vr_skip(vreport *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vr_emit(r, -1, fmt, ap);
    va_end(ap);
}

int vr_begin_need(vreport *r, const char *check, int ready, const char *why)
{
    vr_begin(r, check);
    if (!ready) {
        vr_skip(r, "%s", why);
        vr_end(r);
    }
    return ready;
}

void vr_end(vreport *r)
{
    if (r->check_fails == 0) {
        r->fn(r->ud, 1, r->check, "");
    } else if (r->check_fails > VR_SHOW_MAX) {
        char line[128];
        snprintf(line, sizeof line, "... and %d more problems",
                 r->check_fails - VR_SHOW_MAX);
        r->fn(r->ud, 0, r->check, line);
    }
}
