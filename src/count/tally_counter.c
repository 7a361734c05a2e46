/* tally_counter.c: counting a proposal of any method from its canonical
 * ballot texts (include/tally.h).  The fixed-choice methods are three
 * counters; approval is a count per option and a top-`seats` cut with a
 * reproducible draw for a tie at the last seat; ranked-choice and stv go
 * to the counting engine (rcv_count) with the options as candidates in
 * meeting-file order.  Exact integers only; no clock, no randomness but
 * the draw seeded from the ballot list's Merkle root. */
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "tally.h"

struct tally_counter {
    const proposal *p;
    int64_t ballots, blank;
    int64_t counts[MEETING_MAX_OPTIONS];
    rcv_ballots *rb; /* ranked-choice, stv */
};

static int is_ranked(const proposal *p)
{
    return p->method == METHOD_IRV || p->method == METHOD_STV;
}

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
    if (!p)
        return AS_EINVAL;
    t = calloc(1, sizeof *t);
    if (!t)
        return AS_ENOMEM;
    t->p = p;
    if (is_ranked(p)) {
        as_err err;
        if (rcv_ballots_new(&t->rb) != AS_OK)
            goto nomem;
        for (int i = 0; i < p->nopts; i++)
            if (rcv_ballots_add_candidate(t->rb, p->opts[i].id, NULL, &err) !=
                AS_OK)
                goto nomem; /* ids are unique and non-empty: only memory */
        if (rcv_ballots_merge_identical(t->rb, 1) != AS_OK)
            goto nomem;
    }
    *out = t;
    return AS_OK;
nomem:
    tally_counter_free(t);
    return AS_ENOMEM;
}

void tally_counter_free(tally_counter *t)
{
    if (!t)
        return;
    rcv_ballots_free(t->rb);
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
    if (is_ranked(p)) {
        rcv_mark marks[MEETING_MAX_OPTIONS];
        as_err err;
        for (int i = 0; i < c.n; i++)
            marks[i] = (rcv_mark)c.opt[i];
        as_status st = rcv_ballots_add(t->rb, 1, marks, (size_t)c.n, &err);
        if (st != AS_OK)
            return st == AS_ENOMEM ? AS_ENOMEM : AS_ECORRUPT;
        if (c.n > 0)
            t->counts[c.opt[0]]++;
    } else if (p->method == METHOD_APPROVAL) {
        for (int i = 0; i < c.n; i++)
            t->counts[c.opt[i]]++;
    } else {
        t->counts[c.choice]++;
    }
    if (c.choice < 0 && c.n == 0)
        t->blank++;
    t->ballots++;
    return AS_OK;
}

/* consensus_verdict: the rule of meeting.h's consensus_rule. */
static tally_verdict consensus_verdict(const consensus_rule *r,
                                       const int64_t *c)
{
    int64_t a = c[CONSENSUS_AGREE], s = c[CONSENSUS_STAND_ASIDE],
            b = c[CONSENSUS_BLOCK], n = a + s + b;
    if (n == 0)
        return TALLY_NO_RESULT;
    int stop = r->blocks_to_stop >= 1 ? r->blocks_to_stop : 1;
    if (b >= stop) {
        int overridden = r->override_den > 0 &&
                         (a + s) * r->override_den >= r->override_num * n;
        if (!overridden)
            return TALLY_BLOCKED;
    }
    if (r->table_den > 0 && s * r->table_den >= r->table_num * n)
        return TALLY_TABLED;
    return a >= 1 ? TALLY_PASSED : TALLY_NOT_PASSED;
}

/* approval_winners: the `seats` most approved options (never one with no
 * approval), in order of approvals; options tied across the last seat
 * are all listed in r->tied in draw order and the first of them fill the
 * seats left. */
static void approval_winners(const proposal *p, const int64_t *counts,
                             const uint8_t root[32], tally_result *r)
{
    int order[MEETING_MAX_OPTIONS];
    uint8_t keys[MEETING_MAX_OPTIONS][32];
    int n = p->nopts;

    for (int i = 0; i < n; i++) {
        order[i] = i;
        tally_draw_key(root, p->opts[i].id, keys[i]);
    }
    /* insertion sort: most approvals first, then by draw key */
    for (int i = 1; i < n; i++) {
        int x = order[i], j = i;
        while (j > 0) {
            int y = order[j - 1];
            int before = counts[x] > counts[y] ||
                         (counts[x] == counts[y] &&
                          memcmp(keys[x], keys[y], 32) < 0);
            if (!before)
                break;
            order[j] = y;
            j--;
        }
        order[j] = x;
    }
    int seats = p->seats < n ? p->seats : n;
    int take = 0;
    while (take < seats && counts[order[take]] > 0)
        take++;
    r->nwinners = take;
    for (int i = 0; i < take; i++)
        r->winners[i] = order[i];
    r->ntied = 0;
    if (take == 0 || take == n)
        return;
    int64_t last = counts[order[take - 1]];
    if (counts[order[take]] != last)
        return; /* the first loser has fewer: no tie at the last seat */
    for (int i = 0; i < n; i++)
        if (counts[order[i]] == last)
            r->tied[r->ntied++] = order[i];
}

static as_status count_ranked(tally_counter *t, const uint8_t root[32],
                              tally_result *r, as_err *err)
{
    const proposal *p = t->p;
    rcv_options o;
    rcv_options_default(&o);
    o.method = p->method == METHOD_STV ? RCV_STV : RCV_IRV;
    o.seats = p->method == METHOD_STV ? p->seats : 1;
    o.rule = p->stv_rule == 1 ? RCV_RULE_RCTAB : RCV_RULE_SCOTTISH;
    o.tiebreak = RCV_TIE_PREVIOUS_ROUND;
    o.seed = tally_draw_seed(root);
    as_status st = rcv_count(t->rb, &o, &r->rcv, err);
    if (st != AS_OK)
        return st;
    for (int i = 0; i < r->rcv->nwinners && i < MEETING_MAX_OPTIONS; i++)
        r->winners[r->nwinners++] = r->rcv->winners[i];
    return AS_OK;
}

as_status tally_counter_finish(tally_counter *t, int checked_in,
                               int quorum_needed, const uint8_t root[32],
                               tally_result **out, as_err *err)
{
    const proposal *p;
    tally_result *r;
    as_status st = AS_OK;

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

    switch (p->method) {
    case METHOD_YES_NO_ABSTAIN:
    case METHOD_RECALL: {
        tally_yna c = {t->counts[CHOICE_YES], t->counts[CHOICE_NO],
                       t->counts[CHOICE_ABSTAIN]};
        r->yna = tally_decide_base(&p->th, p->base, c, checked_in,
                                   quorum_needed);
        if (!r->yna.valid || r->yna.no_votes)
            r->verdict = TALLY_NO_RESULT;
        else
            r->verdict = r->yna.threshold_met ? TALLY_PASSED : TALLY_NOT_PASSED;
        break;
    }
    case METHOD_CONSENSUS:
        r->verdict = consensus_verdict(&p->cons, t->counts);
        break;
    case METHOD_APPROVAL:
        approval_winners(p, t->counts, root, r);
        r->verdict = r->nwinners > 0 ? TALLY_ELECTED : TALLY_NO_RESULT;
        break;
    case METHOD_IRV:
    case METHOD_STV:
        if (t->ballots > t->blank) {
            st = count_ranked(t, root, r, err);
            if (st != AS_OK) {
                tally_result_free(r);
                return st;
            }
        }
        r->verdict = r->nwinners > 0 ? TALLY_ELECTED : TALLY_NO_RESULT;
        break;
    default:
        tally_result_free(r);
        return as_err_set(err, AS_EINVAL, "proposal %s: unknown method %d",
                          p->id, (int)p->method);
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
    free(r);
}
