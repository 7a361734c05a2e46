/* tally_counter.c: counting a proposal of any method from its canonical
 * ballot texts (include/tally.h).  What is common to every method is
 * here: parsing each text, the ballots and blank ballots, quorum and
 * min_ballots; the count itself is the method's (include/method.h:
 * count_new/add/finish, in src/count/method_<name>.c).  Exact integers
 * only; no clock, no randomness but the draws seeded from the ballot
 * list's Merkle root. */
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "method.h"
#include "tally.h"

struct tally_counter {
    const proposal *p;
    const method_def *m;
    int64_t ballots, blank;
    int64_t counts[MEETING_MAX_OPTIONS];
    void *state; /* the method's (count_new) */
};

void tally_draw_key(const uint8_t root[32], const char *id, uint8_t out[32])
{
    crypto_hash_sha256_state h;
    crypto_hash_sha256_init(&h);
    crypto_hash_sha256_update(&h, (const unsigned char *)TALLY_DRAW_DOMAIN,
                              strlen(TALLY_DRAW_DOMAIN));
    crypto_hash_sha256_update(&h, root, 32);
    if (id)
        crypto_hash_sha256_update(&h, (const unsigned char *)id, strlen(id));
    crypto_hash_sha256_final(&h, out);
}

uint64_t tally_draw_seed(const uint8_t root[32])
{
    uint8_t k[32];
    uint64_t seed = 0;
    tally_draw_key(root, NULL, k);
    for (int i = 0; i < 8; i++)
        seed = seed << 8 | k[i];
    return seed;
}

as_status tally_counter_new(const proposal *p, tally_counter **out)
{
    tally_counter *t;
    *out = NULL;
    if (!p || (int)p->method < 0 || (int)p->method >= METHOD_COUNT)
        return AS_EINVAL;
    t = calloc(1, sizeof *t);
    if (!t)
        return AS_ENOMEM;
    t->p = p;
    t->m = method_of(p->method);
    if (t->m->count_new && t->m->count_new(p, &t->state) != AS_OK) {
        free(t);
        return AS_ENOMEM;
    }
    *out = t;
    return AS_OK;
}

void tally_counter_free(tally_counter *t)
{
    if (!t)
        return;
    if (t->m->count_free)
        t->m->count_free(t->state);
    free(t);
}

as_status tally_counter_add(tally_counter *t, const char *text, size_t n)
{
    ballot_choice c;
    const proposal *p = t->p;

    if (ballot_parse(p, text, n, &c) != AS_OK)
        return AS_ECORRUPT;
    if (t->ballots == INT64_MAX)
        return AS_ECORRUPT;
    as_status st = t->m->count_add(t->state, p, &c, t->counts);
    if (st != AS_OK)
        return st;
    if (c.choice < 0 && c.n == 0)
        t->blank++;
    t->ballots++;
    return AS_OK;
}

as_status tally_counter_finish(tally_counter *t, int checked_in,
                               int quorum_needed, const uint8_t root[32],
                               tally_result **out, as_err *err)
{
    const proposal *p;
    tally_result *r;

    *out = NULL;
    if (!t || !root)
        return as_err_set(err, AS_EINVAL, "tally_counter_finish: no counter "
                          "or no Merkle root");
    p = t->p;
    if (t->ballots > INT64_MAX / 1000)
        return as_err_set(err, AS_EINVAL, "proposal %s: too many ballots to "
                          "count exactly", p->id);
    r = calloc(1, sizeof *r);
    if (!r)
        return as_err_set(err, AS_ENOMEM, "out of memory counting proposal %s",
                          p->id);
    r->p = p;
    r->ballots = t->ballots;
    r->blank = t->blank;
    memcpy(r->counts, t->counts, sizeof r->counts);
    r->checked_in = checked_in;
    r->quorum_needed = quorum_needed > 0 ? quorum_needed : 0;
    r->quorum_met = quorum_needed <= 0 || checked_in >= quorum_needed;
    r->min_ballots_met = t->ballots >= p->min_ballots;
    as_status st = t->m->count_finish(t->state, p, root, r, err);
    if (st != AS_OK) {
        tally_result_free(r);
        return st;
    }
    if (!r->quorum_met || !r->min_ballots_met)
        r->verdict = TALLY_NO_RESULT;
    *out = r;
    return AS_OK;
}

void tally_result_free(tally_result *r)
{
    if (!r)
        return;
    rcv_result_free(r->rcv);
    if (r->extra && r->extra_free)
        r->extra_free(r->extra);
    free(r);
}
