/* verify_events.c: events.log (§5): "<i> <event> [<arg>]... <hash>" lines
 * and their hash chain (record_event_hash). */
#include <stdlib.h>
#include <string.h>
#include "verify_internal.h"

void verify_events_free(verify_events *ev)
{
    if (!ev)
        return;
    free(ev->e);
    ev->e = NULL;
    ev->n = 0;
}

/* The arguments of one event, after its name; s/n is what follows. */
static int event_args(verify_event *e, const char *ev, size_t evn, const char *s,
                      size_t n)
{
    const char *f;
    size_t fn;
    if (vword(ev, evn, "meeting")) {
        e->kind = VERIFY_EV_MEETING;
        return vfield(&s, &n, &f, &fn) || n || vhex(f, fn, e->hash, 32) ? -1 : 0;
    }
    if (vword(ev, evn, "started")) {
        e->kind = VERIFY_EV_STARTED;
        return n ? -1 : 0;
    }
    if (vword(ev, evn, "exported")) {
        e->kind = VERIFY_EV_EXPORTED;
        return vfield(&s, &n, &f, &fn) || n ||
                       vnum(f, fn, VERIFY_PROPS_MAX, &e->nclosed)
                   ? -1 : 0;
    }
    int closed = vword(ev, evn, "closed");
    if (!closed && !vword(ev, evn, "opened"))
        return -1;
    e->kind = closed ? VERIFY_EV_CLOSED : VERIFY_EV_OPENED;
    if (vfield(&s, &n, &f, &fn) || !vid(f, fn))
        return -1;
    memcpy(e->id, f, fn);
    e->id[fn] = '\0';
    if (vfield(&s, &n, &f, &fn) || vnum(f, fn, VERIFY_COUNT_MAX, &e->checked_in))
        return -1;
    if (!closed)
        return n ? -1 : 0;
    if (vfield(&s, &n, &f, &fn) || vnum(f, fn, VERIFY_COUNT_MAX, &e->ballots))
        return -1;
    return vfield(&s, &n, &f, &fn) || n || vhex(f, fn, e->hash, 32) ? -1 : 0;
}

as_status verify_events_parse(const char *buf, size_t len, const char *name,
                              verify_events *out, as_err *err)
{
    as_status st = AS_OK;
    uint8_t prev[RECORD_HASH_SIZE] = {0};
    int cap = 0;
    vline c;
    const char *s;
    size_t n;
    int r;
    out->n = 0;
    out->e = NULL;
    out->bad_chain_line = 0;
    vline_init(&c, buf, len, name);
    while ((r = vline_next(&c, &s, &n, err)) == 1) {
        verify_event e;
        memset(&e, 0, sizeof e);
        e.line = c.line;
        uint8_t stated[RECORD_HASH_SIZE];
        if (n < 66 || s[n - 65] != ' ' ||
            vhex(s + n - 64, 64, stated, sizeof stated) != 0) {
            st = as_err_set(err, AS_EINVAL, "%s:%d: line does not end with a "
                            "space and a 64-hex hash", name, c.line);
            goto fail;
        }
        const char *t = s, *f, *ev;
        size_t tn = n - 65, rest = tn, fn, evn;
        int64_t seq;
        if (vfield(&t, &rest, &f, &fn) || vnum(f, fn, INT32_MAX, &seq) ||
            seq != (int64_t)c.line) {
            st = as_err_set(err, AS_EINVAL, "%s:%d: does not start with its "
                            "sequence number %d", name, c.line, c.line);
            goto fail;
        }
        if (vfield(&t, &rest, &ev, &evn) || event_args(&e, ev, evn, t, rest)) {
            st = as_err_set(err, AS_EINVAL, "%s:%d: not a known event with its "
                            "arguments (meeting, started, opened, closed, "
                            "exported)", name, c.line);
            goto fail;
        }
        uint8_t h[RECORD_HASH_SIZE];
        record_event_hash(prev, s, tn, h);
        if (out->bad_chain_line == 0 && memcmp(h, stated, sizeof h) != 0)
            out->bad_chain_line = c.line;
        memcpy(prev, stated, sizeof prev);
        verify_event *ne = out->n == cap ? vgrow(out->e, &cap, sizeof *ne, 32) : out->e;
        if (!ne) {
            st = as_err_set(err, AS_ENOMEM, "%s: out of memory", name);
            goto fail;
        }
        out->e = ne;
        out->e[out->n++] = e;
    }
    if (r < 0) {
        st = AS_EINVAL;
        goto fail;
    }
    if (out->n == 0) {
        st = as_err_set(err, AS_EINVAL, "%s:1: empty event log", name);
        goto fail;
    }
    return AS_OK;
fail:
    verify_events_free(out);
    return st;
}
