/* hub_sync.c: a kiosk's local store follows the hub's proposal states.
 * It opens a proposal when the hub has it open (ballot slots of the
 * hub's width), and when the hub is closing it, every mark of this kiosk
 * is committed, so every ballot is here: it closes the proposal locally
 * and hands in its list, signed with its own key. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "hub_internal.h"
#include "hub_lists.h"
#include "record.h"

/* The local list as text, one "<id hex> <text>\n" per ballot in id
 * order (the order store_each_ballot_text walks). */
typedef struct {
    char *buf;
    size_t len, cap;
    int64_t n;
} listbuf;

static as_status add_line(void *ud, const uint8_t id[BALLOT_ID_SIZE],
                          const char *choice, size_t n)
{
    listbuf *l = ud;
    char line[RECORD_TEXT_LINE_MAX];
    size_t k = record_ballot_text_line(id, choice, n, line, sizeof line);
    if (!k)
        return AS_ECORRUPT;
    if (l->len + k + 2 > l->cap) {
        size_t cap = (l->cap ? l->cap * 2 : 4096) + k;
        char *p = realloc(l->buf, cap);
        if (!p)
            return AS_ENOMEM;
        l->buf = p;
        l->cap = cap;
    }
    memcpy(l->buf + l->len, line, k);
    l->len += k;
    l->buf[l->len++] = '\n';
    l->buf[l->len] = '\0';
    l->n++;
    return AS_OK;
}

/* Hands in this kiosk's list of proposal (the hub takes the same list
 * again without complaint, so a retry after a lost answer is harmless). */
static as_status deliver(hubstore *s, const char *proposal, as_err *err)
{
    listbuf l = {0};
    uint8_t sig[64];
    char nbuf[24], *msg = NULL;
    size_t mlen;
    int64_t res = 0;
    as_status st;

    if ((st = store_each_ballot_text(s->local, proposal, add_line, &l, err)) != AS_OK)
        goto done;
    if (!l.buf && !(l.buf = calloc(1, 1))) {
        st = as_err_set(err, AS_ENOMEM, "out of memory");
        goto done;
    }
    if ((st = hub_list_message(proposal, l.n, l.buf, l.len, &msg, &mlen, err)) != AS_OK)
        goto done;
    crypto_sign_detached(sig, NULL, (const unsigned char *)msg, mlen, s->sign_sk);
    snprintf(nbuf, sizeof nbuf, "%lld", (long long)l.n);
    {
        const char *vals[4] = {proposal, nbuf, l.buf, (const char *)sig};
        int lens[4] = {0, 0, 0, 64}, fmts[4] = {0, 0, 0, 1};
        st = hub_call_int(s->hub, "SELECT hub.deliver($1, $2::bigint, $3, $4)",
                          4, vals, lens, fmts, &res, err);
    }
    if (st == AS_OK && res == 2)
        st = as_err_set(err, AS_ECORRUPT, "this kiosk holds %lld ballots for "
                        "proposal %s but the hub has a different number of "
                        "votes from it; keep this kiosk's --data folder and "
                        "tell the organizers", (long long)l.n, proposal);
    else if (st == AS_OK && res != 0)
        st = as_err_set(err, AS_ESTATE, "the hub did not take this kiosk's "
                        "ballots for proposal %s (answer %lld)", proposal,
                        (long long)res);
done:
    if (l.buf)
        sodium_memzero(l.buf, l.cap ? l.cap : 1);
    free(l.buf);
    if (msg)
        sodium_memzero(msg, mlen);
    free(msg);
    return st;
}

as_status hub_sync_proposal(hubstore *s, const char *proposal, int *hub_state,
                            as_err *err)
{
    const char *vals[1] = {proposal};
    PGresult *r = NULL;
    prop_state local;
    int width;
    as_status st;

    *hub_state = 0;
    if ((st = hub_call(s->hub, "SELECT state, slot_width FROM hub.proposal($1)",
                       1, vals, NULL, NULL, &r, err)) != AS_OK)
        return st;
    if (PQntuples(r) != 1) {
        PQclear(r);
        return as_err_set(err, AS_ECORRUPT, "%s gave an answer of the wrong "
                          "shape", s->hub->where);
    }
    *hub_state = atoi(PQgetvalue(r, 0, 0));
    width = atoi(PQgetvalue(r, 0, 1));
    PQclear(r);
    if ((st = store_proposal_state(s->local, proposal, &local, err)) != AS_OK)
        return st;
    if (*hub_state >= 1 && local == PROP_DRAFT &&
        (st = store_open_proposal(s->local, proposal,
                                  width > 0 ? width : RECORD_TEXT_MAX, err)) != AS_OK)
        return st;
    if (*hub_state == 2) {
        /* Every mark of this kiosk is committed (close_begin waited for
         * them), so every ballot is here: close locally, then hand in. */
        if (local != PROP_CLOSED &&
            (st = store_set_proposal_state(s->local, proposal, PROP_CLOSED,
                                           err)) != AS_OK)
            return st;
        return deliver(s, proposal, err);
    }
    if (*hub_state == 3 && local == PROP_OPEN)
        return store_set_proposal_state(s->local, proposal, PROP_CLOSED, err);
    return AS_OK;
}

