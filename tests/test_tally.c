/* test_tally.c: thresholds, quorum and percentages, exhaustively for small
 * counts and at the int64 limits. */
#include <stdint.h>
#include <string.h>
#include "check.h"
#include "tally.h"

static threshold th(int num, int den, int strict, const char *name)
{
    threshold t;
    memset(&t, 0, sizeof t);
    t.num = num;
    t.den = den;
    t.strict = strict;
    snprintf(t.name, sizeof t.name, "%s", name);
    return t;
}

static int passes(const threshold *t, int64_t yes, int64_t no, int64_t abstain)
{
    tally_yna c = {yes, no, abstain};
    return tally_decide(t, c, 0, 0).passed;
}

static void test_majority(void)
{
    threshold m = th(1, 2, 1, "majority");
    CHECK(!passes(&m, 5, 5, 0));
    CHECK(passes(&m, 6, 5, 0));
    CHECK(!passes(&m, 5, 6, 0));
    CHECK(passes(&m, 1, 0, 0));
    CHECK(!passes(&m, 0, 1, 0));
    /* abstentions never count */
    CHECK(passes(&m, 6, 5, 100));
    CHECK(!passes(&m, 5, 5, 1));
    CHECK(!passes(&m, 0, 0, 40));
    tally_yna c = {6, 5, 3};
    tally_outcome o = tally_decide(&m, c, 14, 10);
    CHECK_INT(o.base, 11);
    CHECK_INT(o.passed, 1);
    CHECK_INT(o.threshold_met, 1);
    CHECK_INT(o.quorum_met, 1);
    CHECK_INT(o.quorum_needed, 10);
    CHECK_INT(o.no_votes, 0);
    CHECK_INT(o.valid, 1);
}

static void test_two_thirds(void)
{
    threshold t = th(2, 3, 0, "two-thirds");
    CHECK(passes(&t, 2, 1, 0));   /* exactly 2/3 */
    CHECK(!passes(&t, 65, 35, 0));
    CHECK(passes(&t, 67, 33, 0));
    CHECK(!passes(&t, 1, 1, 5));
    CHECK(passes(&t, 200, 100, 9));
    CHECK(!passes(&t, 199, 100, 0));
    threshold s = th(2, 3, 1, "more than two-thirds");
    CHECK(!passes(&s, 2, 1, 0)); /* strict: exactly 2/3 is not enough */
    CHECK(passes(&s, 3, 1, 0));
}

static void test_three_quarters_and_fraction(void)
{
    threshold q = th(3, 4, 0, "three-quarters");
    CHECK(passes(&q, 3, 1, 0));
    CHECK(!passes(&q, 74, 26, 0));
    CHECK(passes(&q, 75, 25, 0));
    CHECK(!passes(&q, 2, 1, 0));
    threshold f = th(3, 5, 0, "3/5");
    CHECK(passes(&f, 3, 2, 0));
    CHECK(!passes(&f, 59, 41, 0));
    CHECK(passes(&f, 60, 40, 7));
    threshold one = th(1, 1, 0, "unanimous");
    CHECK(passes(&one, 9, 0, 3));
    CHECK(!passes(&one, 9, 1, 0));
    threshold zero = th(0, 1, 0, "0/1");
    CHECK(passes(&zero, 0, 5, 0)); /* any participation passes 0/1 ... */
    CHECK(!passes(&zero, 0, 0, 5)); /* ... but not no votes at all */
}

/* Every threshold n/d with d <= 6 against every count up to 20/20, compared
 * with the textbook rule evaluated in plain (small, safe) integers. */
static void test_exhaustive_small(void)
{
    int mismatches = 0, cases = 0;
    for (int d = 1; d <= 6; d++)
        for (int n = 0; n <= d; n++)
            for (int strict = 0; strict <= 1; strict++) {
                threshold t = th(n, d, strict, "x");
                for (int y = 0; y <= 20; y++)
                    for (int no = 0; no <= 20; no++) {
                        long lhs = (long)y * d, rhs = (long)n * (y + no);
                        int want = y + no > 0 && (strict ? lhs > rhs : lhs >= rhs);
                        cases++;
                        if (passes(&t, y, no, (y * 7 + no) % 5) != want)
                            mismatches++;
                    }
            }
    CHECK_INT(mismatches, 0);
    CHECK(cases > 5000);
}

static void test_zero_votes(void)
{
    threshold m = th(1, 2, 1, "majority");
    tally_yna c = {0, 0, 0};
    tally_outcome o = tally_decide(&m, c, 30, 0);
    CHECK_INT(o.no_votes, 1);
    CHECK_INT(o.passed, 0);
    CHECK_INT(o.threshold_met, 0);
    CHECK_INT(o.base, 0);
    CHECK_INT(o.quorum_met, 1);
}

static void test_quorum(void)
{
    threshold m = th(1, 2, 1, "majority");
    tally_yna c = {10, 2, 0};
    tally_outcome o = tally_decide(&m, c, 14, 15);
    CHECK_INT(o.quorum_met, 0);
    CHECK_INT(o.threshold_met, 1);
    CHECK_INT(o.passed, 0); /* no quorum: the vote is not valid */
    o = tally_decide(&m, c, 15, 15);
    CHECK_INT(o.quorum_met, 1);
    CHECK_INT(o.passed, 1);
    o = tally_decide(&m, c, 0, 0); /* quorum 0: always met */
    CHECK_INT(o.quorum_met, 1);
    CHECK_INT(o.passed, 1);
    tally_yna lose = {2, 10, 0};
    o = tally_decide(&m, lose, 99, 15);
    CHECK_INT(o.quorum_met, 1);
    CHECK_INT(o.passed, 0);
}

static void test_large(void)
{
    threshold m = th(1, 2, 1, "majority");
    threshold t = th(2, 3, 0, "two-thirds");
    threshold big = th(2147483646, 2147483647, 0, "almost all");
    int64_t k = INT64_MAX / 3;
    CHECK(passes(&t, 2 * k, k, INT64_MAX)); /* exactly 2/3 of ~9.2e18 */
    CHECK(!passes(&t, 2 * k - 1, k + 1, 0));
    CHECK(!passes(&m, INT64_MAX / 2, INT64_MAX / 2, 0)); /* a tie */
    CHECK(passes(&m, INT64_MAX / 2 + 1, INT64_MAX / 2, 0));
    CHECK(passes(&m, INT64_MAX, 0, 0));
    CHECK(!passes(&m, 0, INT64_MAX, 0));
    /* (2^31-2)/(2^31-1): one no in 2^31-1 votes is just allowed */
    CHECK(passes(&big, 2147483646, 1, 0));
    CHECK(!passes(&big, 2147483645, 2, 0));
    CHECK(passes(&big, INT64_MAX - INT64_MAX / 2147483647, INT64_MAX / 2147483647, 0));

    /* beyond the documented limits: not valid, never passed */
    tally_yna over = {INT64_MAX, 1, 0};
    tally_outcome o = tally_decide(&m, over, 0, 0);
    CHECK_INT(o.valid, 0);
    CHECK_INT(o.passed, 0);
    tally_yna neg = {-1, 0, 0};
    CHECK_INT(tally_decide(&m, neg, 0, 0).valid, 0);
    threshold bad = th(3, 2, 0, "3/2");
    tally_yna ok = {5, 0, 0};
    CHECK_INT(tally_decide(&bad, ok, 0, 0).valid, 0);
    threshold den0 = th(0, 0, 0, "0/0");
    CHECK_INT(tally_decide(&den0, ok, 0, 0).passed, 0);
    CHECK_INT(tally_decide(NULL, ok, 0, 0).passed, 0);
}

static void test_percent(void)
{
    char buf[TALLY_PERCENT_SIZE];
    CHECK_INT(tally_percent_tenths(5, 8), 625);
    CHECK_STR(tally_format_percent(5, 8, buf, sizeof buf), "62.5%");
    CHECK_INT(tally_percent_tenths(2, 3), 667);
    CHECK_INT(tally_percent_tenths(1, 3), 333);
    CHECK_INT(tally_percent_tenths(1, 16), 63);   /* 6.25 -> 6.3: half up */
    CHECK_INT(tally_percent_tenths(1, 2000), 1);  /* 0.05 -> 0.1 */
    CHECK_INT(tally_percent_tenths(1, 2001), 0);  /* 0.04998 -> 0.0 */
    CHECK_INT(tally_percent_tenths(0, 7), 0);
    CHECK_INT(tally_percent_tenths(7, 7), 1000);
    CHECK_STR(tally_format_percent(7, 7, buf, sizeof buf), "100.0%");
    CHECK_STR(tally_format_percent(0, 7, buf, sizeof buf), "0.0%");
    CHECK_INT(tally_percent_tenths(1, 0), -1);
    CHECK_INT(tally_percent_tenths(8, 5), -1);
    CHECK_INT(tally_percent_tenths(-1, 5), -1);
    CHECK_STR(tally_format_percent(0, 0, buf, sizeof buf), "-");
    CHECK_INT(tally_percent_tenths(INT64_MAX / 2, INT64_MAX), 500);
    CHECK_INT(tally_percent_tenths(INT64_MAX - 1, INT64_MAX), 1000);
    CHECK_INT(tally_percent_tenths(INT64_MAX / 3, INT64_MAX), 333);
    /* exhaustive against the plain formula for small values */
    int mismatches = 0;
    for (int w = 1; w <= 300; w++)
        for (int p = 0; p <= w; p++)
            if (tally_percent_tenths(p, w) != (2000 * p + w) / (2 * w))
                mismatches++;
    CHECK_INT(mismatches, 0);
}

/* Shares on one base add up to 100.0% exactly (the kiosk once showed
 * 82.8 + 17.2 + 9.4 = 109.4%: abstentions on a yes + no base). */
static void test_shares(void)
{
    int t[4];
    int64_t thirds[3] = {1, 1, 1};
    CHECK(tally_shares(thirds, 3, 3, t) == 0);
    CHECK(t[0] == 334 && t[1] == 333 && t[2] == 333);
    int64_t yna[3] = {53, 11, 6}; /* 75.71.., 15.71.., 8.57.. */
    CHECK(tally_shares(yna, 3, 70, t) == 0);
    CHECK_MSG(t[0] + t[1] + t[2] == 1000, "%d+%d+%d", t[0], t[1], t[2]);
    CHECK(t[0] == 757 && t[1] == 157 && t[2] == 86);
    /* every split of 7 ballots into 4 parts adds up to 1000 */
    for (int a = 0; a <= 7; a++)
        for (int b = 0; a + b <= 7; b++)
            for (int c = 0; a + b + c <= 7; c++) {
                int64_t v[4] = {a, b, c, 7 - a - b - c};
                CHECK(tally_shares(v, 4, 7, t) == 0);
                CHECK(t[0] + t[1] + t[2] + t[3] == 1000);
                for (int i = 0; i < 4; i++)
                    CHECK(t[i] >= 1000 * v[i] / 7 && t[i] <= 1000 * v[i] / 7 + 1);
            }
    /* parts short of the base: each rounded on its own */
    int64_t part[2] = {1, 1};
    CHECK(tally_shares(part, 2, 3, t) == 0 && t[0] == 333 && t[1] == 333);
    /* huge counts stay exact */
    int64_t big[2] = {INT64_MAX / 3, INT64_MAX - INT64_MAX / 3};
    CHECK(tally_shares(big, 2, INT64_MAX, t) == 0 && t[0] + t[1] == 1000);
    /* refused: no base, a negative part, parts above the base */
    int64_t bad[2] = {-1, 2};
    CHECK(tally_shares(part, 2, 0, t) == -1);
    CHECK(tally_shares(bad, 2, 3, t) == -1);
    CHECK(tally_shares(thirds, 3, 2, t) == -1);
}

int main(void)
{
    test_majority();
    test_two_thirds();
    test_three_quarters_and_fraction();
    test_exhaustive_small();
    test_zero_votes();
    test_quorum();
    test_large();
    test_percent();
    test_shares();
    return check_done();
}
