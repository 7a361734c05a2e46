/* verify_render.c: results.txt, attendance.txt, results.csv and
 * results.json regenerated from the recount (with the export's own render
 * functions, so the bytes are those the kiosk must have written) and
 * compared byte for byte.  The meeting file is loaded from the bundle with
 * an empty roster: the render needs titles and thresholds, never names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "export.h"
#include "meeting.h"
#include "verify_bundle.h"

static const char empty_roster[] = "name,role,token\n";

meeting *vparsed_meeting(const vbundle *b, vparsed *p)
{
    if (p->meeting_state)
        return p->m;
    p->meeting_state = -1;
    const vfile *f = vbundle_get(b, "meeting.yaml");
    if (!f)
        return NULL;
    diag_list d;
    diag_init(&d);
    if (meeting_from_memory("meeting.yaml", f->buf, f->len, empty_roster, &p->m,
                            &d) == AS_OK)
        p->meeting_state = 1;
    else
        p->m = NULL;
    diag_free(&d);
    return p->m;
}

static const meeting *load_meeting(const vbundle *b, vparsed *p, vreport *r)
{
    const meeting *m = vparsed_meeting(b, p);
    if (!m) {
        if (!vbundle_get(b, "meeting.yaml"))
            vr_skip(r, "meeting.yaml: missing or unreadable (see files)");
        else
            vr_fail(r, "meeting.yaml: is not a valid meeting file (`asamblea "
                    "check` says why)");
    }
    return m;
}

typedef as_status (*render_fn)(const meeting *, const export_figures *,
                               const export_attendance *, char **, size_t *,
                               as_err *);

static as_status render_txt(const meeting *m, const export_figures *f,
                            const export_attendance *a, char **out, size_t *len,
                            as_err *err)
{
    (void)a;
    return export_render_results_txt(m, f, out, len, err);
}

static as_status render_att(const meeting *m, const export_figures *f,
                            const export_attendance *a, char **out, size_t *len,
                            as_err *err)
{
    (void)m;
    (void)f;
    return export_render_attendance_txt(a, out, len, err);
}

/* First differing line, for the message. */
static int first_diff_line(const char *a, size_t an, const char *b, size_t bn)
{
    int line = 1;
    for (size_t i = 0; i < an && i < bn; i++) {
        if (a[i] != b[i])
            return line;
        if (a[i] == '\n')
            line++;
    }
    return line;
}

static void compare(const vbundle *b, const char *path, render_fn fn,
                    const meeting *m, const export_figures *f,
                    const export_attendance *a, vreport *r)
{
    char *want = NULL;
    size_t wn = 0;
    as_err e;
    const vfile *have = vbundle_get(b, path);
    if (!have) {
        vr_skip(r, "%s: missing or unreadable (see files)", path);
        return;
    }
    if (fn(m, f, a, &want, &wn, &e) != AS_OK) {
        vr_fail(r, "%s: cannot be regenerated: %s", path, e.msg);
        return;
    }
    if (wn != have->len || memcmp(want, have->buf, wn) != 0)
        vr_fail(r, "%s:%d: differs from the file regenerated from the recount",
                path, first_diff_line(want, wn, have->buf, have->len));
    free(want);
}

void verify_check_rendered(const vbundle *b, vparsed *p, vreport *r)
{
    static const char *const checks[] = {"results.txt", "attendance.txt",
                                         "results.csv", "results.json"};
    static const render_fn fns[] = {render_txt, render_att,
                                    export_render_results_csv,
                                    export_render_results_json};
    export_figures *f = NULL;
    const meeting *m = NULL;
    vr_begin(r, "regenerate");
    if (!p->have_results || !p->have_attendance) {
        vr_skip(r, "results.txt, attendance.txt: not readable (see syntax)");
        goto done;
    }
    if ((m = load_meeting(b, p, r)) == NULL)
        goto done;
    if (m->nprops != p->results.n) {
        vr_fail(r, "results.txt: has %d proposals, meeting.yaml %d", p->results.n,
                m->nprops);
        goto done;
    }
    f = calloc((size_t)m->nprops + 1, sizeof *f);
    if (!f) {
        vr_fail(r, "results.txt: out of memory");
        goto done;
    }
    for (int i = 0; i < m->nprops; i++) {
        const verify_result *x = &p->results.r[i];
        if (strcmp(x->id, m->props[i].id) != 0) {
            vr_fail(r, "results.txt:%d: proposal %s, but meeting.yaml has %s "
                    "in that place", x->line, x->id, m->props[i].id);
            goto done;
        }
        f[i].state = x->state == VERIFY_CLOSED ? PROP_CLOSED
                     : x->state == VERIFY_OPEN ? PROP_OPEN
                                               : PROP_DRAFT;
        f[i].quorum = export_proposal_quorum(m, i, (int)p->attendance.quorum,
                                             p->attendance.roster);
        if (x->state != VERIFY_CLOSED)
            continue;
        if (!export_is_v1_block(&m->props[i])) {
            if (!p->res || !p->res[i]) {
                vr_skip(r, "ballots/%s.txt: not recounted (see recount)", x->id);
                goto done;
            }
            f[i].res = p->res[i];
        }
        if (!p->have_ballots[i]) {
            vr_skip(r, "ballots/%s.txt: not readable (see syntax)", x->id);
            goto done;
        }
        /* Stated: attendance at close.  Recounted: everything else. */
        f[i].checked_in = x->checked_in;
        f[i].quorum = x->quorum > INT32_MAX ? INT32_MAX : (int)x->quorum;
        f[i].ballots = p->ballots[i].n;
        f[i].yes = p->ballots[i].yes;
        f[i].no = p->ballots[i].no;
        f[i].abstain = p->ballots[i].abstain;
        memcpy(f[i].root, p->ballots[i].root, RECORD_HASH_SIZE);
    }
    export_attendance a = {
        .roster = p->attendance.roster,
        .checked_in = p->attendance.checked_in,
        .quorum = p->attendance.quorum > INT32_MAX ? INT32_MAX : (int)p->attendance.quorum,
        .attended = p->attendance.attended,
    };
    vr_end(r);
    for (int k = 0; k < 4; k++) {
        vr_begin(r, checks[k]);
        compare(b, checks[k], fns[k], m, f, &a, r);
        vr_end(r);
    }
    free(f);
    return;
done:
    vr_end(r);
    free(f);
}
