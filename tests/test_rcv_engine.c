/* test_rcv_engine.c: the counting engine's pieces on small hand-counted
 * elections: java.util.Random in integers, scaled formatting, the BLT
 * reader (good files and every kind of error), RCTab ballot rules
 * (overvotes, skipped ranks, duplicates), batch elimination, tie-breaks,
 * Scottish STV by hand, approval and plurality, option errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../src/count/rcv_internal.h"
#include "ballot_file.h"
#include "check.h"
#include "rcv.h"

static rcv_ballots *make(int nc)
{
    static const char *nm[] = {"A", "B", "C", "D", "E", "F", "G", "H"};
    rcv_ballots *b = NULL;
    as_err err;
    CHECK(rcv_ballots_new(&b) == AS_OK);
    for (int i = 0; i < nc; i++)
        CHECK(rcv_ballots_add_candidate(b, nm[i], NULL, &err) == AS_OK);
    return b;
}

/* adds w ballots written like "A B=C - D" ('=' same rank, '-' skipped
 * rank, '!' explicit overvote) */
static void add(rcv_ballots *b, int64_t w, const char *s)
{
    rcv_mark m[32];
    size_t n = 0;
    int same = 0;
    as_err err;
    for (; *s; s++) {
        if (*s == ' ')
            continue;
        if (*s == '=') {
            same = 1;
            continue;
        }
        rcv_mark v = *s == '-' ? RCV_SKIP : *s == '!' ? RCV_OVERVOTE : (rcv_mark)(*s - 'A');
        m[n++] = (rcv_mark)(v | (same ? RCV_SAME_RANK : 0));
        same = 0;
    }
    CHECK_MSG(rcv_ballots_add(b, w, m, n, &err) == AS_OK, "%s", err.msg);
}

static rcv_result *count(const rcv_ballots *b, const rcv_options *o)
{
    rcv_result *r = NULL;
    as_err err;
    as_status st = rcv_count(b, o, &r, &err);
    CHECK_MSG(st == AS_OK, "%s", err.msg);
    return r;
}

static void test_java_random(void)
{
    /* java.util.Random(seed).nextDouble(): 12345 -> 0.3618031071604718
     * (the tabulation README), 0 -> 0.730967787376657,
     * 42 -> 0.7275636800328681 */
    rcv_jrandom r;
    rcv_jrandom_init(&r, 12345);
    CHECK_INT(rcv_jrandom_index(&r, 100000), 36180);
    rcv_jrandom_init(&r, 0);
    CHECK_INT(rcv_jrandom_index(&r, 1000000), 730967);
    rcv_jrandom_init(&r, 42);
    CHECK_INT(rcv_jrandom_index(&r, 1000000), 727563);
    rcv_jrandom_init(&r, 12345);
    CHECK_INT(rcv_jrandom_index(&r, 2), 0);
    /* always within range */
    rcv_jrandom_init(&r, 7);
    int ok = 1;
    for (int i = 0; i < 10000; i++) {
        int k = rcv_jrandom_index(&r, 1 + i % 9);
        ok &= k >= 0 && k < 1 + i % 9;
    }
    CHECK(ok);
}

static void test_format(void)
{
    char buf[40];
    CHECK_STR(rcv_format_scaled(120000, 4, buf, sizeof buf), "12");
    CHECK_STR(rcv_format_scaled(6559, 4, buf, sizeof buf), "0.6559");
    CHECK_STR(rcv_format_scaled(-35, 1, buf, sizeof buf), "-3.5");
    CHECK_STR(rcv_format_scaled(141245570, 5, buf, sizeof buf), "1412.4557");
    CHECK_STR(rcv_format_scaled(0, 5, buf, sizeof buf), "0");
    CHECK_STR(rcv_format_scaled(7, 0, buf, sizeof buf), "7");
    CHECK_STR(rcv_format_scaled(INT64_MIN, 0, buf, sizeof buf), "-9223372036854775808");
}

static rcv_ballots *parse(const char *text, diag_list *d)
{
    rcv_ballots *b = NULL;
    diag_init(d);
    bfile_parse_blt("t.blt", text, strlen(text), &b, d);
    return b;
}

static void expect_error(const char *text, const char *want)
{
    diag_list d;
    rcv_ballots *b = parse(text, &d);
    CHECK_MSG(b == NULL, "accepted a bad file: %s", want);
    int found = 0;
    for (int i = 0; i < d.n; i++)
        found |= strstr(d.lines[i], want) != NULL;
    CHECK_MSG(found, "no diagnostic containing \"%s\" (first: %s)", want,
              d.n ? d.lines[0] : "none");
    rcv_ballots_free(b);
    diag_free(&d);
}

static void test_blt(void)
{
    diag_list d;
    rcv_ballots *b = parse("4 2\n-3\n3 1 2 0\n1 2=4 - 1 0\n(id7) 2 4 0\n1 0\n3 1 2 0\n0\n"
                           "\"Ann\"\n\"Bob Smith\"\n\"Cy\"\n\"Di\"\n\"A title\"\n",
                           &d);
    CHECK_MSG(b != NULL, "%s", d.n ? d.lines[0] : "?");
    if (b) {
        CHECK_INT(b->ncand, 4);
        CHECK_INT(b->seats, 2);
        CHECK_STR(b->cand[1], "Bob Smith");
        CHECK_STR(b->title, "A title");
        CHECK_INT(b->withdrawn[2], 1);
        CHECK_INT(b->withdrawn[0], 0);
        CHECK_INT(rcv_ballots_total(b), 10);
        CHECK_INT(b->n, 4); /* the two "1 2" lines merged */
        CHECK_INT(b->weight[0], 6);
        /* "2=4 - 1": B, D at the same rank, a skipped rank, A */
        CHECK_INT(b->off[2] - b->off[1], 4);
        CHECK_INT(b->mark[b->off[1]], 1);
        CHECK_INT(b->mark[b->off[1] + 1], 3 | RCV_SAME_RANK);
        CHECK_INT(b->mark[b->off[1] + 2], RCV_SKIP);
        CHECK_INT(b->off[4] - b->off[3], 0); /* the blank ballot */
    }
    rcv_ballots_free(b);
    diag_free(&d);

    expect_error("3 1\n1 1 5 0\n0\n\"a\"\n\"b\"\n\"c\"\n",
                 "t.blt:2: unknown candidate number 5; the file lists 3 candidates");
    expect_error("3 1\n1 1 2\n0\n\"a\"\n\"b\"\n\"c\"\n", "t.blt:2: the ballot line does not end in 0");
    expect_error("3 1\n1 1 2 0\n0\n\"a\"\n\"b\"\n", "t.blt:5: the file lists 3 candidates but names only 2");
    expect_error("3 1\n1 1 2 0\n\"a\"\n", "do not end with a line \"0\"");
    expect_error("x y\n", "t.blt:1: the first line must be two whole numbers");
    expect_error("", "the file is empty");
    expect_error("3 1\n0 1 2 0\n0\n\"a\"\n\"b\"\n\"c\"\n", "t.blt:2: a ballot weight of 0");
    expect_error("3 1\n1 1 2 0 3\n0\n\"a\"\n\"b\"\n\"c\"\n", "t.blt:2: something follows the 0");
    expect_error("3 1\n1 1 x 0\n0\n\"a\"\n\"b\"\n\"c\"\n", "t.blt:2: unexpected text");
    expect_error("3 1\n-4\n1 1 0\n0\n\"a\"\n\"b\"\n\"c\"\n", "t.blt:2: withdrawn candidate -4");
    expect_error("3 1\n1 1 0\n0\n\"a\"\n\"a\"\n\"c\"\n", "t.blt:5: the name \"a\" is given to candidates 1 and 2");
    expect_error("2 1\n1 1 0\n0\n\"a\"\n\"b\"\n\"t\"\n\"x\"\n", "t.blt:7: more names than");
    expect_error("3 4\n1 1 0\n0\n\"a\"\n\"b\"\n\"c\"\n", "t.blt:1: 4 seats for 3 candidates");
    expect_error("3 1\n1 1= 2 0\n0\n\"a\"\n\"b\"\n\"c\"\n", "t.blt:2:");
    /* every bad line is reported, not only the first */
    diag_list d2;
    rcv_ballots *b2 = parse("3 1\n1 9 0\n1 1 2\n1 1 0\n0\n\"a\"\n\"b\"\n\"c\"\n", &d2);
    CHECK(b2 == NULL);
    CHECK_INT(d2.n, 2);
    rcv_ballots_free(b2);
    diag_free(&d2);
}

/* RCTab's ballot rules, each on a ballot built to hit it */
static void test_walk(void)
{
    uint8_t cont[4] = {1, 1, 1, 1};
    rcv_options o;
    rcv_options_default(&o);
    uint32_t stamp[4] = {0};
    rcv_seen seen = {stamp, 0};
    rcv_mark over[] = {0, 1 | RCV_SAME_RANK, 2};
    CHECK_INT(rcv_walk_rctab(over, 3, cont, &o, &seen), RCV_ST_INACTIVE(RCV_INACTIVE_OVERVOTE));
    o.overvote = RCV_OVER_SKIP;
    CHECK_INT(rcv_walk_rctab(over, 3, cont, &o, &seen), 2);
    o.overvote = RCV_OVER_EXHAUST_IF_MULTIPLE;
    CHECK_INT(rcv_walk_rctab(over, 3, cont, &o, &seen), RCV_ST_INACTIVE(RCV_INACTIVE_OVERVOTE));
    cont[1] = 0;
    CHECK_INT(rcv_walk_rctab(over, 3, cont, &o, &seen), 0);
    cont[0] = 0;
    CHECK_INT(rcv_walk_rctab(over, 3, cont, &o, &seen), 2);
    cont[0] = cont[1] = 1;
    /* an overvote skipped at the last rank: exhausted, not overvote */
    rcv_mark lastover[] = {3, 0, 1 | RCV_SAME_RANK};
    o.overvote = RCV_OVER_SKIP;
    cont[3] = 0;
    CHECK_INT(rcv_walk_rctab(lastover, 3, cont, &o, &seen), RCV_ST_INACTIVE(RCV_INACTIVE_EXHAUSTED));
    cont[3] = 1;
    /* skipped ranks: "A - - B" allows 2 skipped, not 1 */
    rcv_mark gap[] = {0, RCV_SKIP, RCV_SKIP, 1};
    cont[0] = 0;
    o.max_skipped = 1;
    CHECK_INT(rcv_walk_rctab(gap, 4, cont, &o, &seen), RCV_ST_INACTIVE(RCV_INACTIVE_SKIPPED));
    o.max_skipped = 2;
    CHECK_INT(rcv_walk_rctab(gap, 4, cont, &o, &seen), 1);
    o.max_skipped = -1;
    CHECK_INT(rcv_walk_rctab(gap, 4, cont, &o, &seen), 1);
    /* counted from rank 1: "- B" with max 0 is inactive */
    rcv_mark first[] = {RCV_SKIP, 1};
    o.max_skipped = 0;
    CHECK_INT(rcv_walk_rctab(first, 2, cont, &o, &seen), RCV_ST_INACTIVE(RCV_INACTIVE_SKIPPED));
    o.max_skipped = -1;
    cont[0] = 1;
    /* duplicates: "D D A" with D out */
    rcv_mark dup[] = {3, 3, 0};
    cont[3] = 0;
    CHECK_INT(rcv_walk_rctab(dup, 3, cont, &o, &seen), 0);
    o.duplicates = RCV_DUP_EXHAUST;
    CHECK_INT(rcv_walk_rctab(dup, 3, cont, &o, &seen), RCV_ST_INACTIVE(RCV_INACTIVE_REPEATED));
    /* a blank ballot, and one with only skipped ranks */
    rcv_mark skips[] = {RCV_SKIP, RCV_SKIP};
    CHECK_INT(rcv_walk_rctab(skips, 0, cont, &o, &seen), RCV_ST_NONE);
    CHECK_INT(rcv_walk_rctab(skips, 2, cont, &o, &seen), RCV_ST_NONE);
    /* max_rankings: ranks past it are not read */
    rcv_mark three[] = {3, 2, 1};
    o.duplicates = RCV_DUP_SKIP;
    o.max_rankings = 2;
    CHECK_INT(rcv_walk_rctab(three, 3, cont, &o, &seen), 2);
    cont[2] = 0;
    CHECK_INT(rcv_walk_rctab(three, 3, cont, &o, &seen), RCV_ST_INACTIVE(RCV_INACTIVE_EXHAUSTED));
}

static void test_irv_batch_and_ties(void)
{
    /* 10 10 30 40 400 600 800 (open-rcv-tests' rules.md example, which
     * says four go; by its own definition and RCTab's, 10+10+30+40+400 =
     * 490 < 600, so five go) */
    rcv_ballots *b = make(7);
    add(b, 10, "A");
    add(b, 10, "B");
    add(b, 30, "C");
    add(b, 40, "D");
    add(b, 400, "E");
    add(b, 600, "F");
    add(b, 800, "G");
    rcv_options o;
    rcv_options_default(&o);
    o.elimination = RCV_ELIM_BATCH;
    rcv_result *r = count(b, &o);
    if (r) {
        CHECK_INT(r->rounds[0].nactions, 5);
        CHECK_INT(r->rounds[0].threshold, 946);
        CHECK_INT(r->nrounds, 2);
        if (r->nrounds == 2) {
            CHECK_INT(r->rounds[1].continuing[4], 0);
            CHECK_INT(r->rounds[1].continuing[5], 1);
            CHECK_INT(r->rounds[1].threshold, 701);
            CHECK_INT(r->rounds[1].inactive[RCV_INACTIVE_EXHAUSTED], 490);
        }
        CHECK_INT(r->winners[0], 6);
    }
    rcv_result_free(r);
    /* single elimination: one a round */
    o.elimination = RCV_ELIM_SINGLE;
    r = count(b, &o);
    if (r) {
        CHECK_INT(r->rounds[0].nactions, 1);
        CHECK(r->rounds[0].tie); /* A and B both 10 */
        CHECK_INT(r->rounds[0].actions[0].cand, 1); /* previous round: none; draw */
    }
    rcv_result_free(r);
    o.tiebreak = RCV_TIE_LIST_ORDER;
    r = count(b, &o);
    if (r)
        CHECK_INT(r->rounds[0].actions[0].cand, 1); /* listed last loses */
    rcv_result_free(r);
    rcv_ballots_free(b);

    /* a tie decided by the previous round: D out, then B and C tie at 3
     * but B had more in round 1, so C goes, even though a draw or list
     * order could have picked B */
    b = make(4);
    add(b, 5, "A");
    add(b, 3, "B");
    add(b, 2, "C");
    add(b, 1, "D C");
    rcv_options_default(&o);
    r = count(b, &o);
    if (r) {
        CHECK_INT(r->nrounds, 3);
        if (r->nrounds == 3) {
            CHECK_INT(r->rounds[1].votes[1], 3);
            CHECK_INT(r->rounds[1].votes[2], 3);
            CHECK(r->rounds[1].tie);
            CHECK_INT(r->rounds[1].actions[0].cand, 2);
            CHECK_INT(r->rounds[2].threshold, 5);
            CHECK_INT(r->rounds[2].inactive[RCV_INACTIVE_EXHAUSTED], 3);
        }
        CHECK_INT(r->winners[0], 0);
    }
    rcv_result_free(r);
    rcv_ballots_free(b);

    b = make(3);
    add(b, 3, "A");
    add(b, 2, "B C");
    add(b, 1, "C B");
    add(b, 1, "C A");
    add(b, 2, "");
    rcv_options_default(&o);
    o.tiebreak = RCV_TIE_PREVIOUS_ROUND;
    r = count(b, &o);
    if (r) {
        CHECK_INT(r->undervotes, 2);
        CHECK_INT(r->total, 9);
        /* round 1: A 3 B 2 C 2, threshold 4; B and C tie, no earlier
         * round: the draw with seed 0 over {B, C} */
        CHECK_INT(r->rounds[0].threshold, 4);
        CHECK(r->rounds[0].tie);
        CHECK(r->tie_note);
        int out = r->rounds[0].actions[0].cand;
        CHECK(out == 1 || out == 2);
        /* where its ballots went */
        int64_t moved = 0;
        for (int c = 0; c < 3; c++)
            moved += r->rounds[0].actions[0].to[c];
        CHECK_INT(moved + r->rounds[0].actions[0].exhausted, 2);
    }
    rcv_result_free(r);
    rcv_ballots_free(b);
}

static void test_continue_until_two(void)
{
    rcv_ballots *b = make(4);
    add(b, 6, "A");
    add(b, 2, "B");
    add(b, 1, "C B");
    add(b, 1, "D");
    rcv_options o;
    rcv_options_default(&o);
    o.continue_until_two = 1;
    rcv_result *r = count(b, &o);
    if (r) {
        CHECK_INT(r->nwinners, 1);
        CHECK_INT(r->winners[0], 0);
        rcv_round *last = &r->rounds[r->nrounds - 1];
        int ncont = 0;
        for (int c = 0; c < 4; c++)
            ncont += last->continuing[c] != 0;
        CHECK_INT(ncont, 2);
        CHECK_INT(last->votes[1], 3);
        CHECK_INT(last->threshold, 6); /* round 1's, kept after the winner */
    }
    rcv_result_free(r);
    rcv_ballots_free(b);
}

/* Scottish STV on a small election counted by hand:
 * 3 candidates A B C, 1 seat... use 2 seats, 4 candidates. */
static void test_scottish_by_hand(void)
{
    rcv_ballots *b = make(4);
    add(b, 12, "A B");
    add(b, 3, "A C");
    add(b, 4, "B");
    add(b, 5, "C");
    add(b, 2, "D C");
    rcv_options o;
    rcv_options_default(&o);
    o.method = RCV_STV;
    o.seats = 2;
    rcv_result *r = count(b, &o);
    if (r) {
        /* 26 valid, quota floor(26/3)+1 = 9; A 15 elected, surplus 6,
         * transfer value 6/15 = 0.4: B +4.8, C +1.2 */
        CHECK_INT(r->rounds[0].threshold, 900000);
        CHECK_INT(r->rounds[0].actions[0].cand, 0);
        CHECK_INT(r->rounds[0].actions[0].elected, 1);
        CHECK_INT(r->rounds[0].actions[0].to[1], 480000);
        CHECK_INT(r->rounds[0].actions[0].to[2], 120000);
        CHECK_INT(r->rounds[1].votes[0], 900000);
        CHECK_INT(r->rounds[1].votes[1], 880000);
        CHECK_INT(r->rounds[1].votes[2], 620000);
        /* D (2) out, to C: C 8.2; then B 8.8 vs C 8.2 with one seat
         * and two hopefuls: C out... no: hopefuls 2 > seats left 1, so
         * the lowest (C) goes and B is elected */
        CHECK_INT(r->nwinners, 2);
        CHECK_INT(r->winners[0], 0);
        CHECK_INT(r->winners[1], 1);
    }
    rcv_result_free(r);
    /* a transfer value truncated at 5 decimals leaves residual */
    rcv_ballots_free(b);
    b = make(3);
    add(b, 7, "A B");
    add(b, 2, "B");
    add(b, 2, "C");
    rcv_options_default(&o);
    o.method = RCV_STV;
    o.seats = 2;
    r = count(b, &o);
    if (r) {
        /* quota floor(11/3)+1 = 4; A surplus 3 of 7: 0.42857 each, 7 x
         * 0.42857 = 2.99999, residual 0.00001 */
        CHECK_INT(r->rounds[0].actions[0].to[1], 299999);
        CHECK_INT(r->rounds[0].actions[0].residual, 1);
        CHECK_INT(r->rounds[1].residual, 1);
        int64_t sum = r->rounds[1].residual;
        for (int c = 0; c < 3; c++)
            sum += r->rounds[1].votes[c];
        for (int k = 0; k < RCV_INACTIVE_N; k++)
            sum += r->rounds[1].inactive[k];
        CHECK_INT(sum, 1100000);
    }
    rcv_result_free(r);
    rcv_ballots_free(b);
}

static void test_rctab_stv(void)
{
    rcv_ballots *b = make(4);
    add(b, 5, "A B");
    add(b, 1, "A C");
    add(b, 2, "B");
    add(b, 2, "C");
    add(b, 1, "D");
    rcv_options o;
    rcv_options_default(&o);
    o.method = RCV_STV;
    o.rule = RCV_RULE_RCTAB;
    o.seats = 2;
    o.decimals = 4;
    rcv_result *r = count(b, &o);
    if (r) {
        /* 11 votes, droop whole: floor(11/3)+1 = 4; A 6: fraction
         * 2/6 = 0.3333; each ballot moves 0.3333 */
        CHECK_INT(r->decimals, 4);
        CHECK_INT(r->rounds[0].threshold, 40000);
        CHECK_INT(r->rounds[0].actions[0].cand, 0);
        CHECK_INT(r->rounds[1].votes[1], 20000 + 5 * 3333);
        CHECK_INT(r->rounds[1].votes[0], 40000);
        CHECK_INT(r->rounds[1].residual, 60000 - 6 * 3333 - 40000);
    }
    rcv_result_free(r);
    o.quota = RCV_QUOTA_DROOP_FRACTIONAL;
    r = count(b, &o);
    if (r)
        CHECK_INT(r->rounds[0].threshold, 36667); /* 3.6666 + 0.0001 */
    rcv_result_free(r);
    o.quota = RCV_QUOTA_HARE;
    r = count(b, &o);
    if (r)
        CHECK_INT(r->rounds[0].threshold, 60000); /* 11/2 rounded up */
    rcv_result_free(r);
    rcv_ballots_free(b);
}

static void test_approval_plurality(void)
{
    rcv_ballots *b = make(4);
    add(b, 3, "A B");
    add(b, 2, "B=C");
    add(b, 1, "C A A");
    add(b, 1, "D");
    add(b, 1, "");
    rcv_options o;
    rcv_options_default(&o);
    o.method = RCV_APPROVAL;
    o.seats = 2;
    rcv_result *r = count(b, &o);
    if (r) {
        CHECK_INT(r->rounds[0].votes[0], 4);
        CHECK_INT(r->rounds[0].votes[1], 5);
        CHECK_INT(r->rounds[0].votes[2], 3);
        CHECK_INT(r->undervotes, 1);
        CHECK_INT(r->nwinners, 2);
        CHECK_INT(r->winners[0], 1);
        CHECK_INT(r->winners[1], 0);
        CHECK(!r->tie_note);
    }
    rcv_result_free(r);
    /* a tie across the cut: A and C both 3, list order picks A */
    rcv_ballots_free(b);
    b = make(3);
    add(b, 4, "B");
    add(b, 3, "A");
    add(b, 3, "C");
    o.seats = 2;
    o.tiebreak = RCV_TIE_LIST_ORDER;
    r = count(b, &o);
    if (r) {
        CHECK(r->tie_note);
        CHECK_INT(r->winners[0], 1);
        CHECK_INT(r->winners[1], 0);
    }
    rcv_result_free(r);
    rcv_ballots_free(b);

    b = make(3);
    add(b, 2, "A B");
    add(b, 3, "B=C A");
    add(b, 1, "- C");
    add(b, 1, "C");
    o.method = RCV_PLURALITY;
    o.seats = 0;
    r = count(b, &o);
    if (r) {
        CHECK_INT(r->rounds[0].votes[0], 2);
        CHECK_INT(r->rounds[0].votes[2], 2);
        CHECK_INT(r->rounds[0].inactive[RCV_INACTIVE_OVERVOTE], 3);
        CHECK(r->tie_note);
        CHECK_INT(r->winners[0], 0);
    }
    rcv_result_free(r);
    rcv_ballots_free(b);
}

static void test_option_errors(void)
{
    rcv_ballots *b = make(3);
    add(b, 1, "A");
    rcv_options o;
    rcv_options_default(&o);
    rcv_result *r = NULL;
    as_err err;
    o.method = RCV_STV;
    o.seats = 3;
    CHECK_INT(rcv_count(b, &o, &r, &err), AS_EINVAL);
    CHECK(strstr(err.msg, "3 seats") != NULL);
    CHECK(r == NULL);
    o.seats = 1;
    o.decimals = 12;
    o.rule = RCV_RULE_RCTAB;
    CHECK_INT(rcv_count(b, &o, &r, &err), AS_EINVAL);
    rcv_options_default(&o);
    o.seats = 2;
    CHECK_INT(rcv_count(b, &o, &r, &err), AS_EINVAL);
    /* the ballot set refuses bad marks and weights */
    rcv_mark bad = 7;
    CHECK_INT(rcv_ballots_add(b, 1, &bad, 1, &err), AS_EINVAL);
    CHECK_INT(rcv_ballots_add(b, 0, NULL, 0, &err), AS_EINVAL);
    CHECK_INT(rcv_ballots_add_candidate(b, "A", NULL, &err), AS_EINVAL);
    CHECK_INT(rcv_ballots_add_candidate(b, "", NULL, &err), AS_EINVAL);
    CHECK_INT(rcv_ballots_total(b), 1);
    rcv_ballots_free(b);
    b = make(2);
    b->withdrawn[0] = b->withdrawn[1] = 1;
    add(b, 1, "A");
    CHECK_INT(rcv_count(b, &o, &r, &err), AS_EINVAL);
    rcv_ballots_free(b);
}

static void test_merge(void)
{
    rcv_ballots *b = make(3);
    CHECK(rcv_ballots_merge_identical(b, 1) == AS_OK);
    for (int i = 0; i < 3000; i++)
        add(b, 1 + i % 2, i % 3 == 0 ? "A B" : i % 3 == 1 ? "B" : "");
    CHECK_INT(b->n, 3);
    CHECK_INT(rcv_ballots_total(b), 4500);
    rcv_ballots_free(b);
}

/* nothing to count, one candidate, only blank ballots: a result, never
 * a crash */
static void test_edges(void)
{
    for (int nc = 1; nc <= 3; nc++) {
        for (int blanks = 0; blanks <= 1; blanks++) {
            rcv_ballots *b = make(nc);
            if (blanks)
                add(b, 4, "");
            for (int m = 0; m < 5; m++) {
                rcv_options o;
                rcv_options_default(&o);
                o.method = m == 4 ? RCV_STV : (rcv_method)(m == 3 ? RCV_IRV : m);
                if (m == 1) {
                    o.method = RCV_STV;
                    o.rule = RCV_RULE_RCTAB;
                }
                if (m == 3)
                    o.elimination = RCV_ELIM_BATCH;
                rcv_result *r = NULL;
                as_err err;
                as_status st = rcv_count(b, &o, &r, &err);
                if (o.method == RCV_STV && nc < 2) {
                    CHECK_INT(st, AS_EINVAL);
                } else {
                    CHECK_MSG(st == AS_OK, "nc %d method %d: %s", nc, m, err.msg);
                    if (r) {
                        CHECK_INT(r->undervotes, blanks ? 4 : 0);
                        CHECK(r->nrounds >= 1);
                        CHECK_INT(r->nwinners, 1);
                    }
                }
                rcv_result_free(r);
            }
            rcv_ballots_free(b);
        }
    }
}

int main(void)
{
    test_edges();
    test_java_random();
    test_format();
    test_blt();
    test_walk();
    test_irv_batch_and_ties();
    test_continue_until_two();
    test_scottish_by_hand();
    test_rctab_stv();
    test_approval_plurality();
    test_option_errors();
    test_merge();
    return check_done();
}
