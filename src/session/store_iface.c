/* store_iface.c: the store interface's entry points (store.h).  Each
 * hands the call to the store's operations table; the core links no
 * store implementation, so the session, the export and the tools run
 * over whichever store they were given (SQLite in the kiosk, memory in
 * a test).  store_cast is the one entry point made of another. */
#include <stdlib.h>
#include <string.h>
#include "record.h"
#include "store.h"

/* cannot: the answer of an operation this store leaves out. */
static as_status cannot(const store *s, as_err *err, const char *what)
{
    if (!s)
        return as_err_set(err, AS_EINVAL, "store_%s: no store", what);
    return as_err_set(err, AS_ESTATE, "the %s store cannot do %s",
                      s->ops->name ? s->ops->name : "this", what);
}

/* CALL: ops->op(s, ...) when the store has it, else cannot(). */
#define CALL(s, op, err, ...)                                                  \
    ((s) && (s)->ops->op ? (s)->ops->op((s), __VA_ARGS__)                      \
                         : cannot((s), (err), #op))

void store_free(store *s)
{
    if (s && s->ops->free)
        s->ops->free(s);
}

const uint8_t *store_key(const store *s)
{
    return s && s->ops->key ? s->ops->key(s) : NULL;
}

int store_is_readonly(const store *s)
{
    return s && s->ops->is_readonly ? s->ops->is_readonly(s) : 0;
}

as_status store_cast(store *s, const char *proposal,
                     const uint8_t badge[TOKEN_HASH_SIZE], int choice,
                     as_err *err)
{
    const char *word = record_choice_word(choice);
    if (!proposal || !proposal[0] || !badge || !word)
        return as_err_set(err, AS_EINVAL, "store_cast: missing proposal, "
                          "badge or choice");
    return store_cast_text(s, proposal, badge, word, err);
}

as_status store_integrity(store *s, as_err *err)
{
    return CALL(s, integrity, err, err);
}

as_status store_enroll(store *s, const uint8_t (*hashes)[TOKEN_HASH_SIZE],
                       int n, as_err *err)
{
    return CALL(s, enroll, err, hashes, n, err);
}

as_status store_checkin(store *s, const uint8_t badge[TOKEN_HASH_SIZE],
                        int *was_new, as_err *err)
{
    return CALL(s, checkin, err, badge, was_new, err);
}

as_status store_checkin_by_facilitator(store *s,
                                       const uint8_t badge[TOKEN_HASH_SIZE],
                                       int *was_new, as_err *err)
{
    return CALL(s, checkin_by_facilitator, err, badge, was_new, err);
}

as_status store_checkout(store *s, const uint8_t badge[TOKEN_HASH_SIZE],
                         as_err *err)
{
    return CALL(s, checkout, err, badge, err);
}

as_status store_is_checked_in(store *s, const uint8_t badge[TOKEN_HASH_SIZE],
                              int *yes, as_err *err)
{
    return CALL(s, is_checked_in, err, badge, yes, err);
}

as_status store_checked_in_count(store *s, int64_t *n, as_err *err)
{
    return CALL(s, checked_in_count, err, n, err);
}

as_status store_attended_count(store *s, int64_t *n, as_err *err)
{
    return CALL(s, attended_count, err, n, err);
}

as_status store_facilitator_checkin_count(store *s, int64_t *n, as_err *err)
{
    return CALL(s, facilitator_checkin_count, err, n, err);
}

as_status store_add_cards(store *s, const uint8_t (*hashes)[TOKEN_HASH_SIZE],
                          int n, as_err *err)
{
    return CALL(s, add_cards, err, hashes, n, err);
}

as_status store_is_card(store *s, const uint8_t hash[TOKEN_HASH_SIZE],
                        int *yes, as_err *err)
{
    return CALL(s, is_card, err, hash, yes, err);
}

as_status store_card_count(store *s, int64_t *n, as_err *err)
{
    return CALL(s, card_count, err, n, err);
}

as_status store_proposal_state(store *s, const char *proposal, prop_state *st,
                               as_err *err)
{
    return CALL(s, proposal_state, err, proposal, st, err);
}

as_status store_set_proposal_state(store *s, const char *proposal,
                                   prop_state st, as_err *err)
{
    return CALL(s, set_proposal_state, err, proposal, st, err);
}

as_status store_open_proposal(store *s, const char *proposal, int slot_width,
                              as_err *err)
{
    return CALL(s, open_proposal, err, proposal, slot_width, err);
}

as_status store_has_voted(store *s, const char *proposal,
                          const uint8_t badge[TOKEN_HASH_SIZE], int *yes, as_err *err)
{
    return CALL(s, has_voted, err, proposal, badge, yes, err);
}

as_status store_cast_text(store *s, const char *proposal,
                          const uint8_t badge[TOKEN_HASH_SIZE], const char *choice, as_err *err)
{
    return CALL(s, cast_text, err, proposal, badge, choice, err);
}

as_status store_voted_count(store *s, const char *proposal, int64_t *n,
                            as_err *err)
{
    return CALL(s, voted_count, err, proposal, n, err);
}

as_status store_ballot_count(store *s, const char *proposal, int64_t *n,
                             as_err *err)
{
    return CALL(s, ballot_count, err, proposal, n, err);
}

as_status store_counts(store *s, const char *proposal, int64_t *counts,
                       int nchoices, as_err *err)
{
    return CALL(s, counts, err, proposal, counts, nchoices, err);
}

as_status store_each_ballot(store *s, const char *proposal, store_ballot_fn fn,
                            void *ud, as_err *err)
{
    return CALL(s, each_ballot, err, proposal, fn, ud, err);
}

as_status store_each_ballot_text(store *s, const char *proposal,
                                 store_ballot_text_fn fn, void *ud, as_err *err)
{
    return CALL(s, each_ballot_text, err, proposal, fn, ud, err);
}

as_status store_ballot_root(store *s, const char *proposal, int64_t *nballots,
                            uint8_t root[32], as_err *err)
{
    return CALL(s, ballot_root, err, proposal, nballots, root, err);
}

as_status store_event_started(store *s, as_err *err)
{
    return CALL(s, event_started, err, err);
}

as_status store_event_exported(store *s, int nclosed, as_err *err)
{
    return CALL(s, event_exported, err, nclosed, err);
}

as_status store_each_event(store *s, store_event_fn fn, void *ud, as_err *err)
{
    return CALL(s, each_event, err, fn, ud, err);
}

as_status store_closed_info(store *s, const char *proposal,
                            int64_t *checked_in_at_close, uint8_t root[32], as_err *err)
{
    return CALL(s, closed_info, err, proposal, checked_in_at_close, root, err);
}

as_status store_each_kiosk_list(store *s, const char *proposal,
                                store_list_fn fn, void *ud, as_err *err)
{
    if (!s || !proposal || !fn)
        return as_err_set(err, AS_EINVAL, "store_each_kiosk_list: bad arguments");
    /* A store of one kiosk: its own list is the proposal's list. */
    if (!s->ops->each_kiosk_list)
        return AS_OK;
    return s->ops->each_kiosk_list(s, proposal, fn, ud, err);
}

as_status store_kiosks(store *s, const char *proposal, store_kiosk *rows,
                       int cap, int *n, as_err *err)
{
    if (!n)
        return as_err_set(err, AS_EINVAL, "store_kiosks: bad arguments");
    *n = 0;
    if (!s || !proposal || !rows || cap < 0)
        return as_err_set(err, AS_EINVAL, "store_kiosks: bad arguments");
    if (!s->ops->kiosks)
        return AS_OK; /* one kiosk */
    return s->ops->kiosks(s, proposal, rows, cap, n, err);
}

typedef struct {
    uint8_t (*leaves)[RECORD_HASH_SIZE];
    size_t n, cap;
} leaf_walk;

static as_status add_leaf(void *ud, const uint8_t id[BALLOT_ID_SIZE],
                          const char *choice, size_t cn)
{
    leaf_walk *l = ud;
    char line[RECORD_TEXT_LINE_MAX];
    size_t n = record_ballot_text_line(id, choice, cn, line, sizeof line);
    if (n == 0)
        return AS_ECORRUPT;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        void *v = realloc(l->leaves, cap * sizeof *l->leaves);
        if (!v)
            return AS_ENOMEM;
        l->leaves = v;
        l->cap = cap;
    }
    record_leaf_hash(line, n, l->leaves[l->n++]);
    return AS_OK;
}

as_status store_root_walk(store *s, const char *proposal, int64_t *nballots,
                          uint8_t root[32], as_err *err)
{
    leaf_walk l = {0};
    as_status st = store_each_ballot_text(s, proposal, add_leaf, &l, err);
    if (st == AS_OK) {
        record_merkle_root(l.leaves, l.n, root);
        *nballots = (int64_t)l.n;
    }
    free(l.leaves);
    return st;
}

typedef struct {
    const char *proposal;
    int found, bad;
    int64_t ci;
    uint8_t root[RECORD_HASH_SIZE];
} closed_find;

static as_status find_closed(void *ud, const char *text, size_t n,
                             const uint8_t hash[RECORD_HASH_SIZE])
{
    closed_find *c = ud;
    int got = record_closed_event(text, n, c->proposal, &c->ci, NULL, c->root);
    (void)hash;
    c->found += got != 0;
    c->bad |= got == 2;
    return AS_OK;
}

as_status store_closed_walk(store *s, const char *proposal, int *found,
                            int *bad, int64_t *checked_in_at_close,
                            uint8_t root[32], as_err *err)
{
    closed_find c = {proposal, 0, 0, 0, {0}};
    as_status st = store_each_event(s, find_closed, &c, err);
    *found = c.found;
    *bad = c.bad;
    *checked_in_at_close = c.ci;
    memcpy(root, c.root, RECORD_HASH_SIZE);
    return st;
}
