/* hub_people.c: check-ins, check-outs, cards and their aggregates, all
 * kept on the hub so that every kiosk and desk sees one room.  Badges
 * travel as keyed hashes (the meeting's token key, the same on every
 * kiosk), in binary parameters, never in a statement's text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hub_internal.h"
#include "hub_ops.h"

/* One call taking a badge hash: *v gets its integer answer. */
static as_status badge_call(store *b, const char *sql,
                            const uint8_t badge[TOKEN_HASH_SIZE], int64_t *v,
                            as_err *err)
{
    const char *vals[1] = {(const char *)badge};
    int lens[1] = {TOKEN_HASH_SIZE}, fmts[1] = {1};
    if (!badge)
        return as_err_set(err, AS_EINVAL, "no badge");
    return hub_call_int(hs_of(b)->hub, sql, 1, vals, lens, fmts, v, err);
}

as_status hubop_checkin(store *b, const uint8_t badge[TOKEN_HASH_SIZE],
                        int *was_new, as_err *err)
{
    int64_t v = 0;
    as_status st = badge_call(b, "SELECT hub.checkin($1, false)", badge, &v, err);
    if (st == AS_OK && was_new)
        *was_new = (int)v;
    return st;
}

as_status hubop_checkin_by_facilitator(store *b,
                                       const uint8_t badge[TOKEN_HASH_SIZE],
                                       int *was_new, as_err *err)
{
    int64_t v = 0;
    as_status st = badge_call(b, "SELECT hub.checkin($1, true)", badge, &v, err);
    if (st == AS_OK && was_new)
        *was_new = (int)v;
    return st;
}

as_status hubop_checkout(store *b, const uint8_t badge[TOKEN_HASH_SIZE],
                         as_err *err)
{
    int64_t v = 0;
    as_status st = badge_call(b, "SELECT hub.checkout($1)", badge, &v, err);
    if (st == AS_OK && v != 0)
        return as_err_set(err, AS_ESTATE, "this badge is not checked in");
    return st;
}

as_status hubop_is_checked_in(store *b, const uint8_t badge[TOKEN_HASH_SIZE],
                              int *yes, as_err *err)
{
    int64_t v = 0;
    as_status st = badge_call(b, "SELECT hub.is_present($1)", badge, &v, err);
    *yes = st == AS_OK && v;
    return st;
}

as_status hubop_is_card(store *b, const uint8_t hash[TOKEN_HASH_SIZE], int *yes,
                        as_err *err)
{
    int64_t v = 0;
    as_status st = badge_call(b, "SELECT hub.is_card($1)", hash, &v, err);
    *yes = st == AS_OK && v;
    return st;
}

/* column col of hub.people(): present, attended, by_fac, cards */
static as_status people(store *b, const char *col, int64_t *n, as_err *err)
{
    char sql[64];
    snprintf(sql, sizeof sql, "SELECT %s FROM hub.people()", col);
    return hub_call_int(hs_of(b)->hub, sql, 0, NULL, NULL, NULL, n, err);
}

as_status hubop_checked_in_count(store *b, int64_t *n, as_err *err)
{
    return people(b, "present", n, err);
}

as_status hubop_attended_count(store *b, int64_t *n, as_err *err)
{
    return people(b, "attended", n, err);
}

as_status hubop_facilitator_checkin_count(store *b, int64_t *n, as_err *err)
{
    return people(b, "by_fac", n, err);
}

as_status hubop_card_count(store *b, int64_t *n, as_err *err)
{
    return people(b, "cards", n, err);
}

as_status hubop_add_cards(store *b, const uint8_t (*hashes)[TOKEN_HASH_SIZE],
                          int n, as_err *err)
{
    hubstore *s = hs_of(b);
    char *hex = NULL;
    int64_t v = 0;
    as_status st;

    if (n < 0 || (n > 0 && !hashes))
        return as_err_set(err, AS_EINVAL, "store_add_cards: bad arguments");
    if (!(hex = malloc((size_t)n * (2 * TOKEN_HASH_SIZE + 1) + 1)))
        return as_err_set(err, AS_ENOMEM, "out of memory");
    hex[0] = '\0';
    for (int i = 0; i < n; i++) {
        char *p = hex + (size_t)i * (2 * TOKEN_HASH_SIZE + 1);
        for (int k = 0; k < TOKEN_HASH_SIZE; k++)
            snprintf(p + 2 * k, 3, "%02x", hashes[i][k]);
        p[2 * TOKEN_HASH_SIZE] = i + 1 < n ? ',' : '\0';
    }
    {
        const char *vals[1] = {hex};
        st = hub_call_int(s->hub, "SELECT hub.add_cards($1)", 1, vals, NULL,
                          NULL, &v, err);
    }
    free(hex);
    if (st == AS_OK && v != 0)
        return as_err_set(err, AS_EINVAL, "a card in this deck is registered "
                          "already; nothing was added");
    /* Ballot slots here for the new cards, as for the roster. */
    if (st == AS_OK)
        st = store_enroll(s->local, hashes, n, err);
    return st;
}
