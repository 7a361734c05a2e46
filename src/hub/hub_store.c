/* hub_store.c: the store of a kiosk on a hub (hub_store.h): the
 * operations table, proposals and voting.  Which half answers what:
 *   hub:   people, cards, proposal states, voted marks, the event log,
 *          a closed proposal's merged ballots;
 *   local: ballot slots and this kiosk's ballots (SQLite, data folder).
 * The local store follows the hub's proposal states (hub_sync_proposal):
 * it opens a proposal when the hub has it open and closes it when the
 * hub closes it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "hub_internal.h"
#include "hub_lists.h"
#include "hub_ops.h"
#include "record.h"

static void hub_store_free_op(store *b)
{
    hubstore *s = hs_of(b);
    hub_conn_free(s->hub);
    store_free(s->local);
    sodium_memzero(s->key, sizeof s->key);
    sodium_memzero(s->sign_sk, sizeof s->sign_sk);
    free(s);
}

static const uint8_t *hub_key_op(const store *b)
{
    return ((const hubstore *)b)->key;
}

static as_status hub_integrity(store *b, as_err *err)
{
    return store_integrity(hs_of(b)->local, err);
}

static as_status hub_enroll(store *b, const uint8_t (*hashes)[TOKEN_HASH_SIZE],
                            int n, as_err *err)
{
    return store_enroll(hs_of(b)->local, hashes, n, err);
}

static as_status hub_proposal_state(store *b, const char *proposal,
                                    prop_state *st_out, as_err *err)
{
    int state = 0;
    as_status st;

    if (!proposal || !st_out)
        return as_err_set(err, AS_EINVAL, "store_proposal_state: bad arguments");
    st = hub_sync_proposal(hs_of(b), proposal, &state, err);
    /* Closing is still "open" to the screens: no new vote is taken (the
     * hub refuses the mark), and it reads closed once every list is in. */
    *st_out = state == 3 ? PROP_CLOSED : state >= 1 ? PROP_OPEN : PROP_DRAFT;
    /* A list that could not be handed in yet is the close's business
     * (it names the kiosk); the state read here is still right. */
    if (st != AS_OK && state != 0)
        return AS_OK;
    return st;
}

static as_status hub_open_proposal(store *b, const char *proposal,
                                   int slot_width, as_err *err)
{
    hubstore *s = hs_of(b);
    char wbuf[16];
    const char *vals[2] = {proposal, wbuf};
    int64_t res = 0;
    int state = 0;
    as_status st;

    if (!proposal || slot_width < 1 || slot_width > RECORD_TEXT_MAX)
        return as_err_set(err, AS_EINVAL, "store_open_proposal: bad arguments");
    snprintf(wbuf, sizeof wbuf, "%d", slot_width);
    if ((st = hub_call_int(s->hub, "SELECT hub.open($1, $2::int)", 2, vals,
                           NULL, NULL, &res, err)) != AS_OK)
        return st;
    if (res != 0)
        return as_err_set(err, AS_ESTATE, "proposal %s cannot be opened: it "
                          "is open or closed already", proposal);
    return hub_sync_proposal(s, proposal, &state, err);
}

static as_status hub_set_proposal_state(store *b, const char *proposal,
                                        prop_state st, as_err *err)
{
    if (st == PROP_OPEN)
        return hub_open_proposal(b, proposal, RECORD_TEXT_MAX, err);
    if (st == PROP_CLOSED)
        return hub_close(hs_of(b), proposal, HUB_CLOSE_WAIT_MS, err);
    return as_err_set(err, AS_ESTATE, "a proposal cannot go back to draft");
}

static as_status hub_has_voted(store *b, const char *proposal,
                               const uint8_t badge[TOKEN_HASH_SIZE], int *yes,
                               as_err *err)
{
    const char *vals[2] = {proposal, (const char *)badge};
    int lens[2] = {0, TOKEN_HASH_SIZE}, fmts[2] = {0, 1};
    int64_t v = 0;
    as_status st;

    *yes = 0;
    if (!proposal || !badge)
        return as_err_set(err, AS_EINVAL, "store_has_voted: missing argument");
    st = hub_call_int(hs_of(b)->hub, "SELECT hub.has_voted($1, $2)", 2, vals,
                      lens, fmts, &v, err);
    *yes = st == AS_OK && v;
    return st;
}

static as_status hub_voted_count(store *b, const char *proposal, int64_t *n,
                                 as_err *err)
{
    const char *vals[1] = {proposal};
    return hub_call_int(hs_of(b)->hub, "SELECT hub.voted_count($1)", 1, vals,
                        NULL, NULL, n, err);
}

const store_ops hub_store_ops = {
    .name = "hub",
    .free = hub_store_free_op,
    .key = hub_key_op,
    .integrity = hub_integrity,
    .enroll = hub_enroll,
    .checkin = hubop_checkin,
    .checkin_by_facilitator = hubop_checkin_by_facilitator,
    .checkout = hubop_checkout,
    .is_checked_in = hubop_is_checked_in,
    .checked_in_count = hubop_checked_in_count,
    .attended_count = hubop_attended_count,
    .facilitator_checkin_count = hubop_facilitator_checkin_count,
    .add_cards = hubop_add_cards,
    .is_card = hubop_is_card,
    .card_count = hubop_card_count,
    .proposal_state = hub_proposal_state,
    .set_proposal_state = hub_set_proposal_state,
    .open_proposal = hub_open_proposal,
    .has_voted = hub_has_voted,
    .cast_text = hub_cast_text,
    .voted_count = hub_voted_count,
    .ballot_count = hubop_ballot_count,
    .counts = hubop_counts,
    .each_ballot = hubop_each_ballot,
    .each_ballot_text = hubop_each_ballot_text,
    .ballot_root = hubop_ballot_root,
    .event_started = hubop_event_started,
    .event_exported = hubop_event_exported,
    .each_event = hubop_each_event,
    .closed_info = hubop_closed_info,
    .each_kiosk_list = hub_each_kiosk_list,
    .kiosks = hubop_kiosks,
};

int hub_store_kiosk(const store *s)
{
    return s && s->ops == &hub_store_ops ? ((const hubstore *)s)->kiosk : 0;
}

store *hub_store_local(store *s)
{
    return s && s->ops == &hub_store_ops ? hs_of(s)->local : NULL;
}

int hub_store_paused(const store *s)
{
    return s && s->ops == &hub_store_ops && ((const hubstore *)s)->hub->broken;
}

as_status hub_store_reconnect(store *b, as_err *err)
{
    if (!b || b->ops != &hub_store_ops)
        return as_err_set(err, AS_EINVAL, "not a hub store");
    return hub_recover(hs_of(b), err);
}

as_status hub_store_tick(store *b, const char *const *ids, int n, as_err *err)
{
    hubstore *s;
    as_status st = AS_OK;
    int state;

    if (!b || b->ops != &hub_store_ops || n < 0 || (n > 0 && !ids))
        return as_err_set(err, AS_EINVAL, "hub_store_tick: bad arguments");
    s = hs_of(b);
    if ((s->hub->broken || !s->recovered) && (st = hub_recover(s, err)) != AS_OK)
        return st;
    if ((st = hub_exec(s->hub, "SELECT hub.heartbeat()", err)) != AS_OK)
        return st;
    for (int i = 0; i < n && st == AS_OK; i++)
        st = hub_sync_proposal(s, ids[i], &state, err);
    return st;
}
