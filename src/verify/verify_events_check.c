/* verify_events_check.c: the events check: the log's hash chain, its
 * first line naming this meeting file, every proposal opened before it
 * closed, each close matching results.txt, and this export's own
 * "exported" line (or unrecorded.txt, docs/export-format.md §5). */
#include <stdlib.h>
#include <string.h>
#include "verify_bundle.h"

/* parse_unrecorded: unrecorded.txt is exactly "exported <n>\n" (n as
 * events.log writes numbers: no sign, no leading zero). */
static int parse_unrecorded(const char *buf, size_t len, int64_t *n)
{
    static const char pre[] = "exported ";
    size_t k = sizeof pre - 1;
    if (len < k + 2 || memcmp(buf, pre, k) != 0 || buf[len - 1] != '\n')
        return -1;
    return vnum(buf + k, len - 1 - k, VERIFY_PROPS_MAX, n);
}

/* this_export: the bundle's own export is the log's last line, or (from a
 * read-only data folder) unrecorded.txt, each with nclosed proposals. */
static void this_export(const verify_events *ev, const vfile *u, int nclosed,
                        vreport *r)
{
    const verify_event *last = &ev->e[ev->n - 1];
    if (u) {
        /* Made from a read-only data folder: this export's line is here,
         * not in the log, which ends wherever the kiosk's log ended. */
        int64_t un = -1;
        if (parse_unrecorded(u->buf, u->len, &un) != 0)
            vr_fail(r, UNRECORDED ":1: not \"exported <closed proposals>\" and a "
                    "line end");
        else if (un != nclosed)
            vr_fail(r, UNRECORDED ":1: exported says %lld closed proposals, the "
                    "log closed %d", (long long)un, nclosed);
    } else if (last->kind != VERIFY_EV_EXPORTED) {
        vr_fail(r, "events.log:%d: last event is not this export's "
                "\"exported\" (and there is no " UNRECORDED " saying it could "
                "not be recorded)", last->line);
    } else if (last->nclosed != nclosed) {
        vr_fail(r, "events.log:%d: exported says %lld closed proposals, the log "
                "closed %d", last->line, (long long)last->nclosed, nclosed);
    }
}

void verify_check_events(const vbundle *b, vparsed *p, vreport *r)
{
    const vfile *u = vbundle_get(b, UNRECORDED);
    if (!vr_begin_need(r, "events", p->have_events && p->have_results,
                       "events.log, results.txt: not readable (see syntax)"))
        return;
    const verify_events *ev = &p->events;
    const verify_results *res = &p->results;
    if (ev->bad_chain_line)
        vr_fail(r, "events.log:%d: hash does not recompute; the log was changed "
                "at or before this line", ev->bad_chain_line);
    const vfile *meet = vbundle_get(b, "meeting.yaml");
    if (ev->e[0].kind != VERIFY_EV_MEETING)
        vr_fail(r, "events.log:1: first event is not \"meeting <sha256>\"");
    else if (meet && memcmp(ev->e[0].hash, meet->hash, RECORD_HASH_SIZE) != 0)
        vr_fail(r, "events.log:1: meeting hash is not the SHA-256 of meeting.yaml");
    int n = res->n;
    int *opened = calloc((size_t)n + 1, sizeof *opened);
    int *closed = calloc((size_t)n + 1, sizeof *closed);
    if (!opened || !closed) {
        vr_fail(r, "events.log: out of memory");
        goto done;
    }
    int nclosed = 0;
    for (int i = 0; i < ev->n; i++) {
        const verify_event *e = &ev->e[i];
        if (e->kind == VERIFY_EV_MEETING && i > 0)
            vr_fail(r, "events.log:%d: a second meeting event", e->line);
        if (e->kind == VERIFY_EV_EXPORTED && i + 1 < ev->n)
            continue; /* earlier exports */
        if (e->kind != VERIFY_EV_OPENED && e->kind != VERIFY_EV_CLOSED)
            continue;
        int k = verify_results_find(res, e->id);
        if (k < 0) {
            vr_fail(r, "events.log:%d: proposal %s is not in results.txt", e->line,
                    e->id);
            continue;
        }
        const verify_result *x = &res->r[k];
        if (e->kind == VERIFY_EV_OPENED) {
            if (opened[k]++)
                vr_fail(r, "events.log:%d: %s opened a second time", e->line, e->id);
            continue;
        }
        if (!opened[k] || closed[k]++) {
            vr_fail(r, "events.log:%d: %s closed %s", e->line, e->id,
                    !opened[k] ? "before it was opened" : "a second time");
            continue;
        }
        nclosed++;
        if (x->state != VERIFY_CLOSED) {
            vr_fail(r, "events.log:%d: %s closed, but results.txt:%d says %s",
                    e->line, e->id, x->line, x->state == VERIFY_OPEN ? "open" : "draft");
            continue;
        }
        if (e->checked_in != x->checked_in || e->ballots != x->ballots ||
            memcmp(e->hash, x->root, RECORD_HASH_SIZE) != 0)
            vr_fail(r, "events.log:%d: closed %s does not match results.txt:%d "
                    "(checked-in, ballots or root)", e->line, e->id, x->line);
    }
    for (int k = 0; k < n; k++) {
        const verify_result *x = &res->r[k];
        verify_state want = closed[k] ? VERIFY_CLOSED : opened[k] ? VERIFY_OPEN
                                                                  : VERIFY_DRAFT;
        if (x->state == VERIFY_CLOSED && want != VERIFY_CLOSED)
            vr_fail(r, "results.txt:%d: %s is closed but events.log has no "
                    "closed event for it", x->line, x->id);
        else if (x->state != want && x->state != VERIFY_CLOSED)
            vr_fail(r, "results.txt:%d: %s is %s but events.log says %s", x->line,
                    x->id, x->state == VERIFY_OPEN ? "open" : "draft",
                    want == VERIFY_OPEN ? "opened" : "never opened");
    }
    this_export(ev, u, nclosed, r);
done:
    free(opened);
    free(closed);
    if (u && r->check_fails == 0)
        r->fn(r->ud, 1, r->check,
              "this export is not in events.log: it was made from a read-only "
              "data folder (" UNRECORDED ")");
    else
        vr_end(r);
}
