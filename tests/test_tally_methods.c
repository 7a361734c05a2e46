/* test_tally_methods.c: tally_counter for every method, at the exact
 * edges: consensus at exactly a third standing aside and an override at
 * exactly 90 %, approval ties listed and drawn reproducibly, recall at
 * exactly two-thirds, base all-ballots, min_ballots and a proposal's own
 * quorum, the worked examples of docs/voting-methods.md for ranked-choice
 * and stv, and texts that are not canonical. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "check.h"
#include "tally.h"

static option opts[MEETING_MAX_OPTIONS];
static const uint8_t root0[32] = {1, 2, 3};

static proposal make(vote_method m, const char *const *ids, int nopts)
{
    proposal p;
    memset(&p, 0, sizeof p);
    memset(opts, 0, sizeof opts);
    snprintf(p.id, sizeof p.id, "p");
    p.method = m;
    p.th = (threshold){1, 2, 1, "majority"};
    p.quorum = -1;
    p.seats = 1;
    p.cons = (consensus_rule){1, 0, 0, 0, 0, "no-blocks"};
    for (int i = 0; i < nopts; i++)
        snprintf(opts[i].id, sizeof opts[i].id, "%s", ids[i]);
    p.opts = nopts ? opts : NULL;
    p.nopts = nopts;
    p.choose = 1;
    return p;
}

/* count: adds `times` copies of each text (NULL-terminated pairs) and
 * finishes with no quorum. */
static tally_result *count_root(const proposal *p, const uint8_t root[32],
                                int checked_in, int quorum, ...)
{
    tally_counter *t = NULL;
    tally_result *r = NULL;
    as_err err = {{0}};
    va_list ap;
    CHECK_INT(tally_counter_new(p, &t), AS_OK);
    va_start(ap, quorum);
    for (;;) {
        const char *text = va_arg(ap, const char *);
        if (!text)
            break;
        int times = va_arg(ap, int);
        for (int i = 0; i < times; i++)
            CHECK_INT(tally_counter_add(t, text, strlen(text)), AS_OK);
    }
    va_end(ap);
    CHECK_INT(tally_counter_finish(t, checked_in, quorum, root, &r, &err), AS_OK);
    tally_counter_free(t);
    if (!r) {
        fprintf(stderr, "finish: %s\n", err.msg);
        exit(1);
    }
    return r;
}
#define count(p, ...) count_root(p, root0, 0, 0, __VA_ARGS__)

static tally_verdict verdict_of(tally_result *r)
{
    tally_verdict v = r->verdict;
    tally_result_free(r);
    return v;
}

static void test_consensus(void)
{
    proposal p = make(METHOD_CONSENSUS, NULL, 0);
    /* no-blocks: one block stops it */
    CHECK_INT(verdict_of(count(&p, "agree", 10, "block", 1, NULL)), TALLY_BLOCKED);
    CHECK_INT(verdict_of(count(&p, "agree", 10, "stand-aside", 9, NULL)),
              TALLY_PASSED);
    CHECK_INT(verdict_of(count(&p, "stand-aside", 3, NULL)), TALLY_NOT_PASSED);
    CHECK_INT(verdict_of(count(&p, NULL)), TALLY_NO_RESULT);

    /* two-blocks */
    p.cons = (consensus_rule){2, 0, 0, 0, 0, "two-blocks"};
    CHECK_INT(verdict_of(count(&p, "agree", 5, "block", 1, NULL)), TALLY_PASSED);
    CHECK_INT(verdict_of(count(&p, "agree", 5, "block", 2, NULL)), TALLY_BLOCKED);

    /* no-blocks-third-aside: exactly a third stands aside: tabled */
    p.cons = (consensus_rule){1, 1, 3, 0, 0, "no-blocks-third-aside"};
    tally_result *r = count(&p, "agree", 8, "stand-aside", 4, NULL);
    CHECK_INT(r->verdict, TALLY_TABLED);
    CHECK_INT(r->ballots, 12);
    CHECK_INT(r->counts[CONSENSUS_AGREE], 8);
    CHECK_INT(r->counts[CONSENSUS_STAND_ASIDE], 4);
    CHECK_INT(r->counts[CONSENSUS_BLOCK], 0);
    tally_result_free(r);
    CHECK_INT(verdict_of(count(&p, "agree", 9, "stand-aside", 3, NULL)),
              TALLY_PASSED); /* 3 of 12: a quarter */
    /* a block is checked before the stand-asides */
    CHECK_INT(verdict_of(count(&p, "agree", 1, "stand-aside", 4, "block", 1,
                               NULL)), TALLY_BLOCKED);
    /* 33 %: 33 of 100 tables, 32 of 100 does not */
    p.cons = (consensus_rule){1, 33, 100, 0, 0, ""};
    CHECK_INT(verdict_of(count(&p, "agree", 67, "stand-aside", 33, NULL)),
              TALLY_TABLED);
    CHECK_INT(verdict_of(count(&p, "agree", 68, "stand-aside", 32, NULL)),
              TALLY_PASSED);

    /* override-90: 18 of 20 not blocking is exactly 90 %: overridden */
    p.cons = (consensus_rule){1, 0, 0, 9, 10, "override-90"};
    CHECK_INT(verdict_of(count(&p, "agree", 17, "stand-aside", 1, "block", 2,
                               NULL)), TALLY_PASSED);
    CHECK_INT(verdict_of(count(&p, "agree", 17, "block", 3, NULL)),
              TALLY_BLOCKED); /* 85 % */
    CHECK_INT(verdict_of(count(&p, "agree", 19, "block", 1, NULL)),
              TALLY_PASSED); /* 95 % */
    /* 9 of 10 at exactly 90 % with 1 block; 8 of 9 (88.9 %) is not */
    CHECK_INT(verdict_of(count(&p, "agree", 9, "block", 1, NULL)), TALLY_PASSED);
    CHECK_INT(verdict_of(count(&p, "agree", 8, "block", 1, NULL)), TALLY_BLOCKED);
    /* overridden, then still tabled when the stand-aside rule says so */
    p.cons = (consensus_rule){1, 1, 3, 9, 10, ""};
    CHECK_INT(verdict_of(count(&p, "agree", 6, "stand-aside", 4, "block", 0,
                               NULL)), TALLY_TABLED);
    CHECK_INT(verdict_of(count(&p, "agree", 60, "stand-aside", 35, "block", 5,
                               NULL)), TALLY_TABLED);
}

static void test_yes_no_and_recall(void)
{
    proposal p = make(METHOD_RECALL, NULL, 0);
    p.th = (threshold){2, 3, 0, "two-thirds"};
    /* recall at exactly two-thirds: recalled */
    tally_result *r = count(&p, "yes", 20, "no", 10, "abstain", 5, NULL);
    CHECK_INT(r->verdict, TALLY_PASSED);
    CHECK_INT(r->yna.base, 30);
    CHECK_INT(r->counts[CHOICE_ABSTAIN], 5);
    tally_result_free(r);
    CHECK_INT(verdict_of(count(&p, "yes", 19, "no", 10, NULL)), TALLY_NOT_PASSED);
    CHECK_INT(verdict_of(count(&p, "abstain", 4, NULL)), TALLY_NO_RESULT);

    /* base all-ballots: the worked example, 19 yes, 8 no, 3 abstain */
    p = make(METHOD_YES_NO_ABSTAIN, NULL, 0);
    p.th = (threshold){2, 3, 0, "two-thirds"};
    CHECK_INT(verdict_of(count(&p, "yes", 19, "no", 8, "abstain", 3, NULL)),
              TALLY_PASSED); /* 19 of 27 */
    p.base = BASE_ALL_BALLOTS;
    r = count(&p, "yes", 19, "no", 8, "abstain", 3, NULL);
    CHECK_INT(r->verdict, TALLY_NOT_PASSED); /* 19 of 30 */
    CHECK_INT(r->yna.base, 30);
    tally_result_free(r);
    CHECK_INT(verdict_of(count(&p, "yes", 20, "no", 7, "abstain", 3, NULL)),
              TALLY_PASSED); /* exactly 20 of 30 */
    /* all-ballots: everybody abstaining is a count, and it fails */
    CHECK_INT(verdict_of(count(&p, "abstain", 3, NULL)), TALLY_NOT_PASSED);
    /* majority of all ballots is strict */
    p.th = (threshold){1, 2, 1, "majority"};
    CHECK_INT(verdict_of(count(&p, "yes", 5, "no", 3, "abstain", 2, NULL)),
              TALLY_NOT_PASSED);
    CHECK_INT(verdict_of(count(&p, "yes", 6, "no", 3, "abstain", 2, NULL)),
              TALLY_PASSED);

    /* tally_decide_base agrees with tally_decide for base yes-no */
    threshold th = {3, 5, 0, "3/5"};
    int mism = 0;
    for (int y = 0; y < 12; y++)
        for (int n = 0; n < 12; n++)
            for (int a = 0; a < 4; a++) {
                tally_yna c = {y, n, a};
                tally_outcome o1 = tally_decide(&th, c, 5, 3);
                tally_outcome o2 = tally_decide_base(&th, BASE_YES_NO, c, 5, 3);
                tally_outcome o3 = tally_decide_base(&th, BASE_ALL_BALLOTS, c, 5, 3);
                mism += o1.passed != o2.passed || o1.base != o2.base ||
                        o1.quorum_needed != o2.quorum_needed ||
                        o1.quorum_met != o2.quorum_met ||
                        o1.no_votes != o2.no_votes ||
                        o1.threshold_met != o2.threshold_met ||
                        o1.valid != o2.valid;
                mism += o3.threshold_met != (y + n + a > 0 && y * 5 >= 3 * (y + n + a));
            }
    CHECK_INT(mism, 0);
    tally_yna big = {INT64_MAX - 1, 1, 1};
    CHECK_INT(tally_decide_base(&th, BASE_ALL_BALLOTS, big, 0, 0).valid, 0);
}

static void test_quorum_min_ballots(void)
{
    proposal p = make(METHOD_YES_NO_ABSTAIN, NULL, 0);
    p.min_ballots = 5;
    tally_result *r = count_root(&p, root0, 10, 8, "yes", 4, NULL);
    CHECK_INT(r->verdict, TALLY_NO_RESULT);
    CHECK_INT(r->min_ballots_met, 0);
    CHECK_INT(r->quorum_met, 1);
    CHECK_INT(r->yna.threshold_met, 1); /* what the ballots said */
    tally_result_free(r);
    r = count_root(&p, root0, 10, 8, "yes", 5, NULL);
    CHECK_INT(r->verdict, TALLY_PASSED);
    CHECK_INT(r->min_ballots_met, 1);
    tally_result_free(r);
    r = count_root(&p, root0, 7, 8, "yes", 5, NULL);
    CHECK_INT(r->verdict, TALLY_NO_RESULT);
    CHECK_INT(r->quorum_met, 0);
    CHECK_INT(r->quorum_needed, 8);
    CHECK_INT(r->checked_in, 7);
    tally_result_free(r);

    static const char *const ids[] = {"a", "b", "c"};
    p = make(METHOD_IRV, ids, 3);
    r = count_root(&p, root0, 3, 4, "a>b", 2, "b", 1, NULL);
    CHECK_INT(r->verdict, TALLY_NO_RESULT); /* winners are still counted */
    CHECK_INT(r->nwinners, 1);
    CHECK_INT(r->winners[0], 0);
    tally_result_free(r);
}

static int is_tied(const tally_result *r, int o)
{
    for (int i = 0; i < r->ntied; i++)
        if (r->tied[i] == o)
            return 1;
    return 0;
}

static void test_approval(void)
{
    static const char *const ids[] = {"park", "library", "bike-lane", "pool"};
    proposal p = make(METHOD_APPROVAL, ids, 4);
    p.seats = 2;
    p.choose = 2;
    /* the worked example: library 7, park 7, bike-lane 3 */
    tally_result *r = count(&p, "park,library", 4, "library", 3,
                            "park,bike-lane", 3, NULL);
    CHECK_INT(r->verdict, TALLY_ELECTED);
    CHECK_INT(r->counts[0], 7);
    CHECK_INT(r->counts[1], 7);
    CHECK_INT(r->counts[2], 3);
    CHECK_INT(r->counts[3], 0);
    CHECK_INT(r->nwinners, 2);
    CHECK(is_tied(r, 0) == 0 && r->ntied == 0); /* both seats, no tie */
    CHECK((r->winners[0] == 0 && r->winners[1] == 1) ||
          (r->winners[0] == 1 && r->winners[1] == 0));
    tally_result_free(r);

    /* three tied for the second seat: all listed, draw by SHA-256 keys */
    r = count(&p, "park", 5, "library", 3, "bike-lane", 3, "pool", 3, "none", 2,
              NULL);
    CHECK_INT(r->ballots, 16);
    CHECK_INT(r->blank, 2);
    CHECK_INT(r->nwinners, 2);
    CHECK_INT(r->winners[0], 0);
    CHECK_INT(r->ntied, 3);
    uint8_t k[4][32];
    for (int i = 1; i < 4; i++) {
        /* the key recomputed by hand: SHA-256(domain || root || id) */
        crypto_hash_sha256_state h;
        crypto_hash_sha256_init(&h);
        crypto_hash_sha256_update(&h, (const unsigned char *)"asamblea-draw/v1", 16);
        crypto_hash_sha256_update(&h, root0, 32);
        crypto_hash_sha256_update(&h, (const unsigned char *)ids[i], strlen(ids[i]));
        crypto_hash_sha256_final(&h, k[i]);
        uint8_t t[32];
        tally_draw_key(root0, ids[i], t);
        CHECK(memcmp(t, k[i], 32) == 0);
    }
    int first = 1;
    for (int i = 2; i < 4; i++)
        if (memcmp(k[i], k[first], 32) < 0)
            first = i;
    CHECK_INT(r->winners[1], first);
    CHECK_INT(r->tied[0], first);
    for (int i = 1; i < r->ntied; i++)
        CHECK(memcmp(k[r->tied[i - 1]], k[r->tied[i]], 32) < 0);
    tally_result_free(r);

    /* another root may draw another winner, the same root always the same */
    int seen[4] = {0};
    for (int s = 0; s < 40; s++) {
        uint8_t root[32] = {0};
        root[0] = (uint8_t)s;
        for (int rep = 0; rep < 2; rep++) {
            tally_result *x = count_root(&p, root, 0, 0, "park", 5, "library", 3,
                                         "bike-lane", 3, "pool", 3, NULL);
            if (rep == 0)
                seen[x->winners[1]]++;
            else
                CHECK(seen[x->winners[1]] > 0);
            tally_result_free(x);
        }
    }
    CHECK(seen[1] > 0 && seen[2] > 0 && seen[3] > 0 && seen[0] == 0);

    /* a tie wholly inside the seats is no tie */
    r = count(&p, "park,library", 3, "bike-lane", 1, NULL);
    CHECK_INT(r->ntied, 0);
    CHECK_INT(r->nwinners, 2);
    tally_result_free(r);
    /* an option nobody approved never wins */
    r = count(&p, "pool", 2, NULL);
    CHECK_INT(r->nwinners, 1);
    CHECK_INT(r->winners[0], 3);
    CHECK_INT(r->ntied, 0);
    tally_result_free(r);
    CHECK_INT(verdict_of(count(&p, "none", 4, NULL)), TALLY_NO_RESULT);
}

static void test_ranked(void)
{
    /* IRV worked example: A>B x4, B>C x2, C>B x3: C wins */
    static const char *const abc[] = {"a", "b", "c"};
    proposal p = make(METHOD_IRV, abc, 3);
    tally_result *r = count(&p, "a>b", 4, "b>c", 2, "c>b", 3, "none", 1, NULL);
    CHECK_INT(r->verdict, TALLY_ELECTED);
    CHECK_INT(r->nwinners, 1);
    CHECK_INT(r->winners[0], 2);
    CHECK_INT(r->ballots, 10);
    CHECK_INT(r->blank, 1);
    CHECK_INT(r->counts[0], 4); /* first preferences */
    CHECK_INT(r->counts[1], 2);
    CHECK_INT(r->counts[2], 3);
    CHECK(r->rcv != NULL);
    if (r->rcv) {
        CHECK_INT(r->rcv->nrounds, 2);
        CHECK_INT(r->rcv->undervotes, 1);
        int64_t one = 1;
        for (int i = 0; i < r->rcv->decimals; i++)
            one *= 10;
        CHECK(r->rcv->rounds[1].votes[2] == 5 * one);
    }
    tally_result_free(r);

    /* STV worked example (Scottish): Ana and Carla */
    static const char *const people[] = {"ana", "beto", "carla", "dora"};
    p = make(METHOD_STV, people, 4);
    p.seats = 2;
    r = count(&p, "ana>beto", 14, "ana>carla", 2, "carla", 7, "dora>carla", 4,
              "beto", 3, NULL);
    CHECK_INT(r->verdict, TALLY_ELECTED);
    CHECK_INT(r->nwinners, 2);
    CHECK_INT(r->winners[0], 0);
    CHECK_INT(r->winners[1], 2);
    if (r->rcv) {
        CHECK_INT(r->rcv->decimals, 5);
        CHECK(r->rcv->rounds[0].threshold == 1100000); /* quota 11 */
    }
    tally_result_free(r);
    p.stv_rule = 1; /* rctab: the same winners here */
    r = count(&p, "ana>beto", 14, "ana>carla", 2, "carla", 7, "dora>carla", 4,
              "beto", 3, NULL);
    CHECK_INT(r->nwinners, 2);
    CHECK(r->rcv && r->rcv->decimals == 4);
    tally_result_free(r);

    /* only blank ballots: nothing to count */
    p = make(METHOD_IRV, abc, 3);
    r = count(&p, "none", 3, NULL);
    CHECK_INT(r->verdict, TALLY_NO_RESULT);
    CHECK(r->rcv == NULL);
    tally_result_free(r);

    /* a dead heat is decided by the draw: the same root, the same winner */
    int winner = -1, same = 1, tie = 0;
    for (int rep = 0; rep < 3; rep++) {
        r = count(&p, "a", 3, "b", 3, NULL);
        if (winner < 0)
            winner = r->winners[0];
        same &= r->winners[0] == winner;
        tie = r->rcv && r->rcv->tie_note;
        tally_result_free(r);
    }
    CHECK(same);
    CHECK(tie);
    CHECK(winner == 0 || winner == 1);
    CHECK(tally_draw_seed(root0) != 0);
}

/* Known answers computed independently (Python hashlib) from the
 * formulas of docs/export-format.md §3.2. */
static void test_draw_kat(void)
{
    uint8_t root[32], key[32];
    char hex[65];
    for (int i = 0; i < 32; i++)
        root[i] = (uint8_t)i;
    CHECK(tally_draw_seed(root) == 0x8067a1cd1526107eULL);
    tally_draw_key(root, "park", key);
    for (int i = 0; i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", key[i]);
    CHECK_STR(hex, "127c2bd32ea8c30fac5b7bbd6e3db5d86b7ca79874111949f2d054cfbd63dac3");
}

static void test_not_canonical(void)
{
    static const char *const abc[] = {"a", "b", "c"};
    struct {
        vote_method m;
        const char *bad;
    } cases[] = {
        {METHOD_YES_NO_ABSTAIN, "agree"}, {METHOD_CONSENSUS, "yes"},
        {METHOD_APPROVAL, "b,a"},        {METHOD_APPROVAL, "a,b"},
        {METHOD_IRV, "a>a"},             {METHOD_STV, "d"},
        {METHOD_RECALL, ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        proposal p = make(cases[i].m, abc, 3);
        p.seats = 1;
        p.choose = 1;
        tally_counter *t = NULL;
        tally_result *r = NULL;
        as_err err;
        CHECK_INT(tally_counter_new(&p, &t), AS_OK);
        CHECK_INT(tally_counter_add(t, cases[i].bad, strlen(cases[i].bad)),
                  AS_ECORRUPT);
        CHECK_INT(tally_counter_finish(t, 0, 0, root0, &r, &err), AS_OK);
        CHECK_INT(r->ballots, 0); /* nothing was added */
        tally_result_free(r);
        CHECK_INT(tally_counter_finish(t, 0, 0, NULL, &r, &err), AS_EINVAL);
        tally_counter_free(t);
    }
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    test_consensus();
    test_yes_no_and_recall();
    test_quorum_min_ballots();
    test_approval();
    test_ranked();
    test_not_canonical();
    test_draw_kat();
    return check_done();
}
