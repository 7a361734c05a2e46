/* hub_ballots.c: reading ballots and the event log through the hub.
 * A closed proposal's ballots are the merged list of every kiosk's
 * signed list (hub_lists.c), checked again at every read; an open one's
 * are this kiosk's own (the session never shows them while voting is
 * open).  The event log lives on the hub; its chain is checked here as
 * it is read, so a log altered on the hub is caught. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hub_lists.h"
#include "hub_ops.h"
#include "record.h"

/* *closed = 1 when the hub has proposal closed. */
static as_status is_closed(hubstore *s, const char *proposal, int *closed,
                           as_err *err)
{
    int state = 0;
    as_status st = hub_sync_proposal(s, proposal, &state, err);
    *closed = state == 3;
    return st;
}

typedef struct {
    store_ballot_fn fn;
    void *ud;
} word_walk;

static as_status as_word(void *ud, const uint8_t id[BALLOT_ID_SIZE],
                         const char *choice, size_t n)
{
    word_walk *w = ud;
    int c = record_choice_parse(choice, n);
    if (c < 0)
        return AS_ECORRUPT;
    return w->fn(w->ud, id, c);
}

as_status hubop_each_ballot_text(store *b, const char *proposal,
                                 store_ballot_text_fn fn, void *ud, as_err *err)
{
    hubstore *s = hs_of(b);
    hub_merged m;
    int closed = 0;
    as_status st;

    if ((st = is_closed(s, proposal, &closed, err)) != AS_OK)
        return st;
    if (!closed)
        return store_each_ballot_text(s->local, proposal, fn, ud, err);
    if ((st = hub_merge(s, proposal, &m, err)) != AS_OK)
        return st;
    for (size_t i = 0; i < m.n && st == AS_OK; i++) {
        uint8_t id[BALLOT_ID_SIZE];
        const char *l = m.lines[i];
        if (record_unhex(l, id, BALLOT_ID_SIZE) != 0) {
            st = as_err_set(err, AS_ECORRUPT, "a merged ballot line is malformed");
            break;
        }
        if ((st = fn(ud, id, l + 33, strlen(l + 33))) != AS_OK)
            as_err_set(err, st, "proposal %s: a ballot the kiosks handed in is "
                       "not one this proposal allows", proposal);
    }
    hub_merged_free(&m);
    return st;
}

as_status hubop_each_ballot(store *b, const char *proposal, store_ballot_fn fn,
                            void *ud, as_err *err)
{
    word_walk w = {fn, ud};
    return hubop_each_ballot_text(b, proposal, as_word, &w, err);
}

static as_status count_one(void *ud, const uint8_t id[BALLOT_ID_SIZE],
                           const char *choice, size_t n)
{
    (void)id;
    (void)choice;
    (void)n;
    ++*(int64_t *)ud;
    return AS_OK;
}

as_status hubop_ballot_count(store *b, const char *proposal, int64_t *n,
                             as_err *err)
{
    *n = 0;
    return hubop_each_ballot_text(b, proposal, count_one, n, err);
}

typedef struct {
    int64_t *counts;
    int nchoices;
} tally_walk;

static as_status count_choice(void *ud, const uint8_t id[BALLOT_ID_SIZE],
                              int choice)
{
    tally_walk *t = ud;
    (void)id;
    if (choice < 0 || choice >= t->nchoices)
        return AS_ECORRUPT;
    t->counts[choice]++;
    return AS_OK;
}

as_status hubop_counts(store *b, const char *proposal, int64_t *counts,
                       int nchoices, as_err *err)
{
    tally_walk t = {counts, nchoices};
    if (!counts || nchoices <= 0)
        return as_err_set(err, AS_EINVAL, "store_counts: bad arguments");
    memset(counts, 0, (size_t)nchoices * sizeof *counts);
    return hubop_each_ballot(b, proposal, count_choice, &t, err);
}

as_status hubop_ballot_root(store *b, const char *proposal, int64_t *nballots,
                            uint8_t root[32], as_err *err)
{
    as_status st = store_root_walk(b, proposal, nballots, root, err);
    if (st == AS_ENOMEM)
        return as_err_set(err, st, "out of memory reading the ballots");
    if (st == AS_ECORRUPT)
        return as_err_set(err, st, "proposal %s: a ballot is not a ballot text",
                          proposal);
    return st;
}

as_status hubop_event_started(store *b, as_err *err)
{
    return hub_exec(hs_of(b)->hub, "SELECT hub.log_event('started')", err);
}

as_status hubop_event_exported(store *b, int nclosed, as_err *err)
{
    char body[32];
    const char *vals[1] = {body};
    if (nclosed < 0)
        return as_err_set(err, AS_EINVAL, "store_event_exported: bad count");
    snprintf(body, sizeof body, "exported %d", nclosed);
    return hub_call(hs_of(b)->hub, "SELECT hub.log_event($1)", 1, vals, NULL,
                    NULL, NULL, err);
}

as_status hubop_each_event(store *b, store_event_fn fn, void *ud, as_err *err)
{
    hubstore *s = hs_of(b);
    PGresult *r = NULL;
    uint8_t prev[RECORD_HASH_SIZE] = {0}, h[RECORD_HASH_SIZE];
    as_status st;

    if ((st = hub_call(s->hub, "SELECT seq, text, hash FROM hub.events()", 0,
                       (const char *const[]){NULL}, NULL, NULL, &r, err)) != AS_OK)
        return st;
    for (int i = 0; i < PQntuples(r) && st == AS_OK; i++) {
        const char *text = PQgetvalue(r, i, 1);
        size_t n = (size_t)PQgetlength(r, i, 1), hl = 0;
        unsigned char *stored = PQunescapeBytea(
            (const unsigned char *)PQgetvalue(r, i, 2), &hl);
        record_event_hash(prev, text, n, h);
        if (atoll(PQgetvalue(r, i, 0)) != i + 1 || !stored || hl != sizeof h ||
            memcmp(stored, h, sizeof h) != 0)
            st = as_err_set(err, AS_ECORRUPT, "%s: the event log's line %d "
                            "does not follow the chain; do not publish, and "
                            "tell the organizers", s->hub->where, i + 1);
        PQfreemem(stored);
        if (st == AS_OK)
            st = fn(ud, text, n, h);
        memcpy(prev, h, sizeof prev);
    }
    PQclear(r);
    return st;
}

as_status hubop_closed_info(store *b, const char *proposal,
                            int64_t *checked_in_at_close, uint8_t root[32],
                            as_err *err)
{
    int closed = 0, found = 0, bad = 0;
    as_status st;

    if ((st = is_closed(hs_of(b), proposal, &closed, err)) != AS_OK)
        return st;
    if (!closed)
        return as_err_set(err, AS_ESTATE, "proposal %s is not closed", proposal);
    if ((st = store_closed_walk(b, proposal, &found, &bad, checked_in_at_close,
                                root, err)) != AS_OK)
        return st;
    if (found != 1 || bad)
        return as_err_set(err, AS_ECORRUPT, "the hub's event log has no single "
                          "well-formed closed event for proposal %s", proposal);
    return AS_OK;
}
