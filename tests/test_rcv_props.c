/* test_rcv_props.c: invariants of the count on random elections.
 *
 * Seeded (the seed is printed; RCV_PROPS_SEED in the environment replays
 * one).  For each election and each rule (IRV single and batch, RCTab STV,
 * Scottish STV, approval):
 *   - votes are conserved every round: candidates' votes + inactive
 *     ballots + residual surplus (+ RCTab's final-round surplus) = every
 *     non-blank ballot, exactly (approval: no candidate gets more votes
 *     than there are ballots);
 *   - a candidate with a majority of first preferences wins IRV;
 *   - shuffling the ballot records never changes the result;
 *   - reversing the candidate list changes nothing (by name) unless the
 *     list-order tie-break decided something. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "rcv.h"

static uint64_t rng_state;

static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static int rndn(int n)
{
    return (int)(rnd() % (uint64_t)n);
}

typedef struct {
    int nc;
    int nrec;
    int64_t w[400];
    int len[400];
    rcv_mark m[400][12];
} election;

static const char *names[] = {"Ada", "Bo", "Cyd", "Dee", "Eli", "Fay", "Gus", "Hal"};

static void gen(election *e, int messy)
{
    e->nc = 3 + rndn(6);
    e->nrec = 20 + rndn(300);
    /* popularity skews first choices so that some elections have a
     * majority winner and some are close */
    for (int i = 0; i < e->nrec; i++) {
        e->w[i] = 1 + rndn(rndn(4) == 0 ? 40 : 3);
        int used[8] = {0}, n = 0, want = rndn(e->nc + 1);
        while (n < want) {
            int c = rndn(3) == 0 ? 0 : rndn(e->nc);
            if (used[c] && !(messy && rndn(6) == 0))
                continue;
            used[c] = 1;
            if (messy && rndn(12) == 0)
                e->m[i][n++] = RCV_SKIP;
            if (messy && n > 0 && rndn(15) == 0 && e->m[i][n - 1] != RCV_SKIP)
                e->m[i][n++] = (rcv_mark)(c | RCV_SAME_RANK);
            else
                e->m[i][n++] = (rcv_mark)c;
            if (n >= 11)
                break;
        }
        e->len[i] = n;
    }
}

/* builds the set with records in order[] and candidate k listed at
 * pos[k] */
static rcv_ballots *build(const election *e, const int *order, const int *pos)
{
    rcv_ballots *b = NULL;
    as_err err;
    rcv_ballots_new(&b);
    const char *listed[8];
    for (int k = 0; k < e->nc; k++)
        listed[pos[k]] = names[k];
    for (int k = 0; k < e->nc; k++)
        rcv_ballots_add_candidate(b, listed[k], NULL, &err);
    for (int j = 0; j < e->nrec; j++) {
        int i = order[j];
        rcv_mark m[12];
        for (int k = 0; k < e->len[i]; k++) {
            rcv_mark v = e->m[i][k], c = v & ~RCV_SAME_RANK;
            m[k] = c == RCV_SKIP ? v : (rcv_mark)(pos[c] | (v & RCV_SAME_RANK));
        }
        if (rcv_ballots_add(b, e->w[i], m, (size_t)e->len[i], &err) != AS_OK)
            fprintf(stderr, "add: %s\n", err.msg);
    }
    return b;
}

static int conserved(const rcv_ballots *b, const rcv_result *r)
{
    int64_t unit = 1;
    for (int i = 0; i < r->decimals; i++)
        unit *= 10;
    int64_t want = (r->total - r->undervotes) * unit;
    for (int i = 0; i < r->nrounds; i++) {
        const rcv_round *rd = &r->rounds[i];
        int64_t sum = rd->residual + rd->final_surplus;
        for (int c = 0; c < b->ncand; c++)
            if (rd->continuing[c])
                sum += rd->votes[c];
        for (int k = 0; k < RCV_INACTIVE_N; k++)
            sum += rd->inactive[k];
        if (sum != want) {
            fprintf(stderr, "round %d: %lld counted, %lld ballots\n", i + 1, (long long)sum,
                    (long long)want);
            return 0;
        }
    }
    return 1;
}

/* Same result, candidates matched by name. */
static int same_result(const rcv_ballots *ba, const rcv_result *a, const rcv_ballots *bb,
                       const rcv_result *b)
{
    int map[8];
    for (int c = 0; c < ba->ncand; c++)
        map[c] = rcv_ballots_find(bb, ba->cand[c], strlen(ba->cand[c]));
    if (a->nrounds != b->nrounds || a->nwinners != b->nwinners || a->undervotes != b->undervotes)
        return 0;
    for (int i = 0; i < a->nwinners; i++)
        if (map[a->winners[i]] != b->winners[i])
            return 0;
    for (int i = 0; i < a->nrounds; i++) {
        const rcv_round *x = &a->rounds[i], *y = &b->rounds[i];
        if (x->threshold != y->threshold || x->residual != y->residual ||
            x->nactions != y->nactions || memcmp(x->inactive, y->inactive, sizeof x->inactive))
            return 0;
        for (int c = 0; c < ba->ncand; c++)
            if (x->votes[c] != y->votes[map[c]] || x->continuing[c] != y->continuing[map[c]])
                return 0;
        for (int k = 0; k < x->nactions; k++) {
            const rcv_action *p = &x->actions[k];
            const rcv_action *q = NULL;
            for (int j = 0; j < y->nactions; j++)
                if (y->actions[j].cand == map[p->cand])
                    q = &y->actions[j];
            if (!q || q->elected != p->elected || q->exhausted != p->exhausted ||
                q->residual != p->residual)
                return 0;
            for (int c = 0; c < ba->ncand; c++)
                if (p->to[c] != q->to[map[c]])
                    return 0;
        }
    }
    return 1;
}

static int any_tie(const rcv_result *r)
{
    return r->tie_note;
}

int main(void)
{
    uint64_t seed = 20261127;
    const char *env = getenv("RCV_PROPS_SEED");
    if (env)
        seed = strtoull(env, NULL, 10);
    printf("seed %llu (RCV_PROPS_SEED=%llu replays it)\n", (unsigned long long)seed,
           (unsigned long long)seed);
    rng_state = seed ? seed : 1;
    static election e;
    int majority_cases = 0, list_cases = 0;
    for (int iter = 0; iter < 160; iter++) {
        int messy = iter % 2;
        gen(&e, messy);
        int order[400], pos[8], ident[8];
        for (int i = 0; i < e.nrec; i++)
            order[i] = i;
        for (int k = 0; k < e.nc; k++)
            ident[k] = k, pos[k] = e.nc - 1 - k;
        rcv_ballots *b = build(&e, order, ident);
        for (int i = e.nrec - 1; i > 0; i--) {
            int j = rndn(i + 1), t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        rcv_ballots *shuffled = build(&e, order, ident);
        for (int i = 0; i < e.nrec; i++)
            order[i] = i;
        rcv_ballots *reversed = build(&e, order, pos);

        for (int rule = 0; rule < 6; rule++) {
            rcv_options o;
            rcv_options_default(&o);
            o.seed = (uint64_t)iter;
            o.tiebreak = rule % 3 == 0 ? RCV_TIE_RANDOM : RCV_TIE_PREVIOUS_ROUND;
            if (messy) {
                o.overvote = (rcv_overvote)(iter / 2 % 3);
                o.max_skipped = iter % 3 - 1;
                o.duplicates = iter % 4 < 2 ? RCV_DUP_SKIP : RCV_DUP_EXHAUST;
            }
            switch (rule) {
            case 0: o.method = RCV_IRV; break;
            case 1: o.method = RCV_IRV; o.elimination = RCV_ELIM_BATCH; break;
            case 2: o.method = RCV_IRV; o.continue_until_two = 1; break;
            case 3: o.method = RCV_STV; o.rule = RCV_RULE_RCTAB; o.seats = 2;
                    o.quota = (rcv_quota)(iter % 3); break;
            case 4: o.method = RCV_STV; o.rule = RCV_RULE_SCOTTISH; o.seats = 2; break;
            case 5: o.method = RCV_APPROVAL; o.seats = 2; break;
            }
            if (o.method == RCV_STV && e.nc <= 2)
                continue;
            rcv_result *r = NULL, *rs = NULL, *rr = NULL;
            as_err err;
            if (rcv_count(b, &o, &r, &err) != AS_OK) {
                CHECK_MSG(0, "seed %llu iter %d rule %d: %s", (unsigned long long)seed, iter,
                          rule, err.msg);
                continue;
            }
            if (o.method != RCV_APPROVAL) {
                CHECK_MSG(conserved(b, r), "seed %llu iter %d rule %d: votes not conserved",
                          (unsigned long long)seed, iter, rule);
            } else {
                /* approval: a ballot gives each candidate at most one vote */
                int ok = 1;
                for (int c = 0; c < e.nc; c++)
                    ok &= r->rounds[0].votes[c] <= r->total - r->undervotes;
                CHECK_MSG(ok, "seed %llu iter %d: approval counted a ballot twice",
                          (unsigned long long)seed, iter);
            }
            CHECK_MSG(r->nwinners == r->seats, "seed %llu iter %d rule %d: %d winners",
                      (unsigned long long)seed, iter, rule, r->nwinners);
            CHECK(rcv_count(shuffled, &o, &rs, &err) == AS_OK);
            CHECK_MSG(rs && same_result(b, r, shuffled, rs),
                      "seed %llu iter %d rule %d: shuffling the ballots changed the result",
                      (unsigned long long)seed, iter, rule);
            CHECK(rcv_count(reversed, &o, &rr, &err) == AS_OK);
            CHECK_MSG(rr && same_result(b, r, reversed, rr),
                      "seed %llu iter %d rule %d: reversing the candidate list changed the result",
                      (unsigned long long)seed, iter, rule);
            rcv_result_free(rr);
            rr = NULL;
            /* list order: it may matter only through a tie */
            o.tiebreak = RCV_TIE_LIST_ORDER;
            rcv_result *rl = NULL, *rlr = NULL;
            CHECK(rcv_count(b, &o, &rl, &err) == AS_OK);
            CHECK(rcv_count(reversed, &o, &rlr, &err) == AS_OK);
            if (rl && rlr && !any_tie(rl) && !any_tie(rlr)) {
                list_cases++;
                CHECK_MSG(same_result(b, rl, reversed, rlr),
                          "seed %llu iter %d rule %d: list order mattered without a tie",
                          (unsigned long long)seed, iter, rule);
            }
            rcv_result_free(rl);
            rcv_result_free(rlr);

            if (o.method == RCV_IRV) {
                /* a majority of first preferences wins */
                int64_t first[8] = {0}, valid = 0;
                for (int i = 0; i < e.nrec; i++) {
                    if (e.len[i] == 0)
                        continue;
                    valid += e.w[i];
                    int single = e.len[i] < 2 || !(e.m[i][1] & RCV_SAME_RANK);
                    if (e.m[i][0] != RCV_SKIP && single)
                        first[e.m[i][0]] += e.w[i];
                }
                for (int c = 0; c < e.nc; c++)
                    if (2 * first[c] > valid) {
                        majority_cases++;
                        CHECK_MSG(r->winners[0] == c && r->rounds[0].actions[0].elected == 1,
                                  "seed %llu iter %d: %s has a first-preference majority but "
                                  "did not win in round 1", (unsigned long long)seed, iter,
                                  names[c]);
                    }
            }
            rcv_result_free(r);
            rcv_result_free(rs);
        }
        rcv_ballots_free(b);
        rcv_ballots_free(shuffled);
        rcv_ballots_free(reversed);
    }
    CHECK_MSG(majority_cases > 10, "only %d elections had a majority winner", majority_cases);
    CHECK_MSG(list_cases > 50, "only %d tie-free list-order comparisons", list_cases);
    printf("%d majority-winner checks, %d list-order comparisons\n", majority_cases, list_cases);
    return check_done();
}
