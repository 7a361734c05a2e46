/* export_render.c: the derived text files of the bundle (results.txt,
 * attendance.txt, results.csv, results.json) as pure functions of the
 * meeting and the figures, so the kiosk writes them and the verifier
 * regenerates them from recounted figures with the very same code.
 * Everything is integers: no floating point, no time, no locale. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "export_internal.h"
#include "method.h"
#include "record.h"
#include "tally.h"

const char *export_state_name(prop_state st)
{
    switch (st) {
    case PROP_DRAFT: return "draft";
    case PROP_OPEN: return "open";
    case PROP_CLOSED: return "closed";
    }
    return NULL;
}

const char *export_method_name(vote_method m)
{
    return method_of(m)->word;
}

static tally_outcome outcome_of(const proposal *p, const export_figures *f)
{
    tally_yna c = {f->yes, f->no, f->abstain};
    int ci = f->checked_in > INT32_MAX ? INT32_MAX
             : f->checked_in < 0       ? -1
                                       : (int)f->checked_in;
    return tally_decide(&p->th, c, ci, f->quorum);
}

/* finish: hands the buffer over, or reports the one OOM. */
static as_status finish(xbuf *b, char **out, size_t *len, as_err *err)
{
    *out = NULL;
    *len = 0;
    xbuf_add(b, "", 1); /* NUL, not counted */
    if (b->oom) {
        xbuf_free(b);
        return as_err_set(err, AS_ENOMEM, "export: out of memory writing the results");
    }
    *out = b->p;
    *len = b->len - 1;
    return AS_OK;
}

static as_status check_args(const meeting *m, const export_figures *f,
                            char **out, size_t *len, as_err *err)
{
    if (out)
        *out = NULL;
    if (len)
        *len = 0;
    if (!m || !out || !len || (m->nprops > 0 && !f))
        return as_err_set(err, AS_EINVAL, "export: missing meeting or figures");
    for (int i = 0; i < m->nprops; i++)
        if (!export_state_name(f[i].state))
            return as_err_set(err, AS_EINVAL, "export: proposal '%s' has no valid state",
                              m->props[i].id);
    return AS_OK;
}

as_status export_render_results_txt(const meeting *m, const export_figures *f,
                                    char **out, size_t *len, as_err *err)
{
    as_status st;
    xbuf b;
    if ((st = check_args(m, f, out, len, err)) != AS_OK)
        return st;
    xbuf_init(&b);
    for (int i = 0; i < m->nprops; i++) {
        const proposal *p = &m->props[i];
        if (!export_is_v1_block(p)) {
            if (i)
                xbuf_puts(&b, "\n");
            if (export_put_block(&b, p, &f[i]) != 0) {
                xbuf_free(&b);
                return as_err_set(err, AS_EINVAL, "export: proposal '%s' is "
                                  "closed but was not counted", p->id);
            }
            continue;
        }
        xbuf_printf(&b, "%sproposal %s\nmethod %s\nthreshold %d/%d %s\nstate %s\n",
                    i ? "\n" : "", p->id, export_method_name(p->method), p->th.num, p->th.den,
                    p->th.strict ? "more-than" : "at-least", export_state_name(f[i].state));
        if (f[i].state != PROP_CLOSED)
            continue;
        tally_outcome o = outcome_of(p, &f[i]);
        char root[2 * RECORD_HASH_SIZE + 1];
        record_hex(f[i].root, RECORD_HASH_SIZE, root);
        xbuf_printf(&b,
                    "checked-in %" PRId64 "\nquorum %d\nballots %" PRId64 "\nyes %" PRId64
                    "\nno %" PRId64 "\nabstain %" PRId64 "\noutcome %s\nroot %s\n",
                    f[i].checked_in, f[i].quorum, f[i].ballots, f[i].yes, f[i].no,
                    f[i].abstain, o.passed ? "passed" : "not-passed", root);
    }
    return finish(&b, out, len, err);
}

as_status export_render_attendance_txt(const export_attendance *a, char **out,
                                       size_t *len, as_err *err)
{
    xbuf b;
    if (out)
        *out = NULL;
    if (!a || !out || !len)
        return as_err_set(err, AS_EINVAL, "export: missing attendance");
    xbuf_init(&b);
    xbuf_printf(&b, "roster %" PRId64 "\nchecked-in %" PRId64 "\nattended %" PRId64
                "\nquorum %d\n", a->roster, a->checked_in, a->attended, a->quorum);
    return finish(&b, out, len, err);
}

as_status export_render_results_csv(const meeting *m, const export_figures *f,
                                    const export_attendance *a, char **out,
                                    size_t *len, as_err *err)
{
    as_status st;
    xbuf b;
    if ((st = check_args(m, f, out, len, err)) != AS_OK)
        return st;
    if (!a)
        return as_err_set(err, AS_EINVAL, "export: missing attendance");
    xbuf_init(&b);
    /* A meeting of version-1 proposals only keeps version 1's columns. */
    int extended = 0;
    for (int i = 0; i < m->nprops; i++)
        extended |= !export_is_v1_block(&m->props[i]);
    xbuf_puts(&b, "id,title,method,state,threshold,yes,no,abstain,ballots,"
                  "outcome,checked_in,quorum_needed,quorum_met,root");
    xbuf_puts(&b, extended ? ",counts,winners,tied\n" : "\n");
    for (int i = 0; i < m->nprops; i++) {
        const proposal *p = &m->props[i];
        if (!export_is_v1_block(p)) {
            if (export_put_csv_row(&b, m, p, &f[i], a) != 0) {
                xbuf_free(&b);
                return as_err_set(err, AS_EINVAL, "export: proposal '%s' is "
                                  "closed but was not counted", p->id);
            }
            continue;
        }
        if (extended && f[i].state == PROP_CLOSED) {
            /* the version-1 row, then the three new columns */
            tally_outcome o = outcome_of(p, &f[i]);
            char root[2 * RECORD_HASH_SIZE + 1];
            record_hex(f[i].root, RECORD_HASH_SIZE, root);
            xbuf_csv(&b, p->id);
            xbuf_puts(&b, ",");
            xbuf_csv(&b, meeting_text(m, &p->title, 0));
            xbuf_printf(&b, ",%s,%s,", export_method_name(p->method),
                        export_state_name(f[i].state));
            xbuf_csv(&b, p->th.name);
            xbuf_printf(&b,
                        ",%" PRId64 ",%" PRId64 ",%" PRId64 ",%" PRId64 ",%s,%" PRId64
                        ",%d,%s,%s,yes=%" PRId64 " no=%" PRId64 " abstain=%" PRId64
                        ",,\n",
                        f[i].yes, f[i].no, f[i].abstain, f[i].ballots,
                        o.passed ? "passed" : "not passed", f[i].checked_in, f[i].quorum,
                        o.quorum_met ? "yes" : "no", root, f[i].yes, f[i].no,
                        f[i].abstain);
            continue;
        }
        xbuf_csv(&b, p->id);
        xbuf_puts(&b, ",");
        xbuf_csv(&b, meeting_text(m, &p->title, 0));
        xbuf_printf(&b, ",%s,%s,", export_method_name(p->method), export_state_name(f[i].state));
        xbuf_csv(&b, p->th.name);
        if (f[i].state == PROP_CLOSED) {
            /* A closed proposal's row uses the figures at its close only,
             * so it never changes between exports. */
            tally_outcome o = outcome_of(p, &f[i]);
            char root[2 * RECORD_HASH_SIZE + 1];
            record_hex(f[i].root, RECORD_HASH_SIZE, root);
            xbuf_printf(&b,
                        ",%" PRId64 ",%" PRId64 ",%" PRId64 ",%" PRId64 ",%s,%" PRId64
                        ",%d,%s,%s\n",
                        f[i].yes, f[i].no, f[i].abstain, f[i].ballots,
                        o.passed ? "passed" : "not passed", f[i].checked_in, f[i].quorum,
                        o.quorum_met ? "yes" : "no", root);
        } else {
            /* never interim results; attendance as it is now */
            int q = p->quorum < 0 ? a->quorum : f[i].quorum;
            int met = q <= 0 || a->checked_in >= q;
            xbuf_printf(&b, ",,,,,,%" PRId64 ",%d,%s,%s\n", a->checked_in, q,
                        met ? "yes" : "no", extended ? ",,," : "");
        }
    }
    return finish(&b, out, len, err);
}

as_status export_render_results_json(const meeting *m, const export_figures *f,
                                     const export_attendance *a, char **out,
                                     size_t *len, as_err *err)
{
    as_status st;
    char hex[2 * RECORD_HASH_SIZE + 1];
    xbuf b;
    if ((st = check_args(m, f, out, len, err)) != AS_OK)
        return st;
    if (!a)
        return as_err_set(err, AS_EINVAL, "export: missing attendance");
    xbuf_init(&b);
    xbuf_puts(&b, "{\n  \"format\": \"asamblea-export\",\n  \"version\": 1,\n");
    xbuf_puts(&b, "  \"meeting\": {\n    \"title\": ");
    xbuf_json(&b, m->title ? m->title : "");
    xbuf_puts(&b, ",\n    \"date\": ");
    xbuf_json(&b, m->date);
    record_hex(m->sha256, 32, hex);
    xbuf_printf(&b, ",\n    \"sha256\": \"%s\",\n    \"languages\": [", hex);
    for (int k = 0; k < m->nlangs; k++) {
        xbuf_puts(&b, k ? ", " : "");
        xbuf_json(&b, m->langs[k]);
    }
    int met = a->quorum <= 0 || a->checked_in >= a->quorum;
    xbuf_printf(&b, "]\n  },\n  \"attendance\": {\n    \"roster\": %" PRId64
                    ",\n    \"checked_in\": %" PRId64 ",\n    \"quorum_needed\": %d"
                    ",\n    \"quorum_met\": %s\n  },\n  \"proposals\": [",
                a->roster, a->checked_in, a->quorum, met ? "true" : "false");
    for (int i = 0; i < m->nprops; i++) {
        const proposal *p = &m->props[i];
        xbuf_puts(&b, i ? ",\n    {\n      \"id\": " : "\n    {\n      \"id\": ");
        xbuf_json(&b, p->id);
        xbuf_puts(&b, ",\n      \"title\": ");
        xbuf_json(&b, meeting_text(m, &p->title, 0));
        xbuf_printf(&b, ",\n      \"method\": \"%s\",\n      \"state\": \"%s\",\n"
                        "      \"threshold\": {\"name\": ",
                    export_method_name(p->method), export_state_name(f[i].state));
        if (!export_is_v1_block(p)) {
            xbuf_json(&b, p->th.name);
            xbuf_printf(&b, ", \"num\": %d, \"den\": %d, \"strict\": %s}", p->th.num,
                        p->th.den, p->th.strict ? "true" : "false");
            if (export_put_json_method(&b, m, p, &f[i]) != 0) {
                xbuf_free(&b);
                return as_err_set(err, AS_EINVAL, "export: proposal '%s' is "
                                  "closed but was not counted", p->id);
            }
            xbuf_puts(&b, "\n    }");
            continue;
        }
        xbuf_json(&b, p->th.name);
        xbuf_printf(&b, ", \"num\": %d, \"den\": %d, \"strict\": %s}", p->th.num,
                    p->th.den, p->th.strict ? "true" : "false");
        if (f[i].state == PROP_CLOSED) {
            tally_outcome o = outcome_of(p, &f[i]);
            record_hex(f[i].root, RECORD_HASH_SIZE, hex);
            xbuf_printf(&b,
                        ",\n      \"counts\": {\"yes\": %" PRId64 ", \"no\": %" PRId64
                        ", \"abstain\": %" PRId64 "},\n      \"ballots\": %" PRId64
                        ",\n      \"checked_in\": %" PRId64 ",\n      \"quorum_needed\": %d"
                        ",\n      \"threshold_met\": %s,\n      \"quorum_met\": %s"
                        ",\n      \"outcome\": \"%s\",\n      \"root\": \"%s\"",
                        f[i].yes, f[i].no, f[i].abstain, f[i].ballots, f[i].checked_in,
                        f[i].quorum, o.threshold_met ? "true" : "false",
                        o.quorum_met ? "true" : "false",
                        o.passed ? "passed" : "not passed", hex);
        }
        xbuf_puts(&b, "\n    }");
    }
    xbuf_puts(&b, m->nprops ? "\n  ]\n}\n" : "]\n}\n");
    return finish(&b, out, len, err);
}
