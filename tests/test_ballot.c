/* test_ballot.c: canonical ballot texts (include/ballot.h): every word of
 * the fixed-choice methods, every approval subset and every ranking of a
 * small proposal, the limits (choose, MEETING_MAX_RANKS, 24 long ids,
 * buffer sizes), and an exhaustive property over short strings: whatever
 * ballot_parse accepts, ballot_format writes back byte for byte. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ballot.h"
#include "check.h"

static option opts[MEETING_MAX_OPTIONS];

static proposal make(vote_method m, int nopts, int choose)
{
    proposal p;
    memset(&p, 0, sizeof p);
    p.method = m;
    p.nopts = nopts;
    p.opts = opts;
    p.choose = choose;
    p.seats = 1;
    return p;
}

static void set_ids(const char *const *ids, int n)
{
    memset(opts, 0, sizeof opts);
    for (int i = 0; i < n; i++)
        snprintf(opts[i].id, sizeof opts[i].id, "%s", ids[i]);
}

static int roundtrip(const proposal *p, const ballot_choice *c, const char *want)
{
    char buf[BALLOT_TEXT_MAX + 1];
    ballot_choice back;
    if (ballot_format(p, c, buf, sizeof buf) != AS_OK)
        return 0;
    if (want && strcmp(buf, want))
        return 0;
    if (ballot_parse(p, buf, strlen(buf), &back) != AS_OK)
        return 0;
    if (back.n != c->n)
        return 0;
    if (c->n == 0 && back.choice != c->choice &&
        !(back.choice == -1 && (p->method == METHOD_APPROVAL ||
                                p->method == METHOD_IRV || p->method == METHOD_STV)))
        return 0;
    for (int i = 0; i < c->n; i++)
        if (back.opt[i] != c->opt[i])
            return 0;
    return 1;
}

static int parses(const proposal *p, const char *s)
{
    ballot_choice c;
    return ballot_parse(p, s, strlen(s), &c) == AS_OK;
}

static void test_words(void)
{
    static const struct {
        vote_method m;
        const char *w[3];
    } cases[] = {
        {METHOD_YES_NO_ABSTAIN, {"yes", "no", "abstain"}},
        {METHOD_RECALL, {"yes", "no", "abstain"}},
        {METHOD_CONSENSUS, {"agree", "stand-aside", "block"}},
    };
    for (size_t k = 0; k < 3; k++) {
        proposal p = make(cases[k].m, 0, 0);
        for (int i = 0; i < 3; i++) {
            ballot_choice c = {.choice = i};
            ballot_choice back;
            char buf[16];
            CHECK(roundtrip(&p, &c, cases[k].w[i]));
            CHECK_INT(ballot_parse(&p, cases[k].w[i], strlen(cases[k].w[i]),
                                   &back), AS_OK);
            CHECK_INT(back.choice, i);
            /* exactly sized buffer works, one byte less does not */
            size_t len = strlen(cases[k].w[i]);
            CHECK_INT(ballot_format(&p, &c, buf, len + 1), AS_OK);
            CHECK_INT(ballot_format(&p, &c, buf, len), AS_EINVAL);
        }
        ballot_choice bad = {.choice = 3};
        char buf[32];
        CHECK_INT(ballot_format(&p, &bad, buf, sizeof buf), AS_EINVAL);
        bad.choice = -1;
        CHECK_INT(ballot_format(&p, &bad, buf, sizeof buf), AS_EINVAL);
        CHECK(!parses(&p, "none"));
        CHECK(!parses(&p, ""));
        CHECK(!parses(&p, "YES"));
        CHECK(!parses(&p, "yes "));
        CHECK(!parses(&p, "agre"));
        CHECK(!parses(&p, "blockx"));
        /* a NUL inside the counted bytes is never a word */
        ballot_choice c;
        CHECK_INT(ballot_parse(&p, cases[k].w[0], strlen(cases[k].w[0]) + 1, &c),
                  AS_EINVAL);
    }
    /* the words of one method are not the other's */
    proposal yna = make(METHOD_YES_NO_ABSTAIN, 0, 0);
    proposal cons = make(METHOD_CONSENSUS, 0, 0);
    CHECK(!parses(&yna, "agree"));
    CHECK(!parses(&cons, "yes"));
}

static void test_approval(void)
{
    static const char *const ids[] = {"ana", "luis", "marta", "bo"};
    set_ids(ids, 4);
    proposal p = make(METHOD_APPROVAL, 4, 2);
    int ok = 0, refused = 0;
    /* every subset: up to choose (2) are texts, more are refused */
    for (int mask = 0; mask < 16; mask++) {
        ballot_choice c = {.choice = -1};
        for (int i = 0; i < 4; i++)
            if (mask & (1 << i))
                c.opt[c.n++] = i;
        char buf[BALLOT_TEXT_MAX + 1];
        if (c.n <= 2) {
            ok += roundtrip(&p, &c, NULL);
        } else {
            refused += ballot_format(&p, &c, buf, sizeof buf) == AS_EINVAL;
        }
    }
    CHECK_INT(ok, 1 + 4 + 6);
    CHECK_INT(refused, 4 + 1);

    ballot_choice c = {.choice = -1, .n = 2, .opt = {0, 2}};
    CHECK(roundtrip(&p, &c, "ana,marta"));
    ballot_choice none = {.choice = -1};
    CHECK(roundtrip(&p, &none, "none"));
    char buf[BALLOT_TEXT_MAX + 1];
    ballot_choice rev = {.choice = -1, .n = 2, .opt = {2, 0}};
    CHECK_INT(ballot_format(&p, &rev, buf, sizeof buf), AS_EINVAL);
    ballot_choice rep = {.choice = -1, .n = 2, .opt = {1, 1}};
    CHECK_INT(ballot_format(&p, &rep, buf, sizeof buf), AS_EINVAL);
    ballot_choice out = {.choice = -1, .n = 1, .opt = {4}};
    CHECK_INT(ballot_format(&p, &out, buf, sizeof buf), AS_EINVAL);
    ballot_choice neg = {.choice = -1, .n = 1, .opt = {-1}};
    CHECK_INT(ballot_format(&p, &neg, buf, sizeof buf), AS_EINVAL);
    ballot_choice negn = {.choice = -1, .n = -1};
    CHECK_INT(ballot_format(&p, &negn, buf, sizeof buf), AS_EINVAL);
    /* too small a buffer: refused, never overrun, left empty */
    CHECK_INT(ballot_format(&p, &c, buf, 9), AS_EINVAL);
    CHECK_STR(buf, "");
    CHECK_INT(ballot_format(&p, &c, buf, 10), AS_OK);
    CHECK_INT(ballot_format(&p, &none, buf, 4), AS_EINVAL);

    CHECK(parses(&p, "ana,bo"));
    CHECK(!parses(&p, "bo,ana"));     /* meeting order only */
    CHECK(!parses(&p, "ana,ana"));
    CHECK(!parses(&p, "ana,luis,bo")); /* more than choose */
    CHECK(!parses(&p, "ana>luis"));   /* ranked separator */
    CHECK(!parses(&p, "ana,"));
    CHECK(!parses(&p, ",ana"));
    CHECK(!parses(&p, "ana,,bo"));
    CHECK(!parses(&p, "an"));
    CHECK(!parses(&p, "Ana"));
    CHECK(!parses(&p, ""));
    CHECK(!parses(&p, "none,ana"));
    CHECK(!parses(&p, "yes"));
    ballot_choice back;
    CHECK_INT(ballot_parse(&p, "luis,marta", 10, &back), AS_OK);
    CHECK_INT(back.choice, -1);
    CHECK_INT(back.n, 2);
    CHECK_INT(back.opt[0], 1);
    CHECK_INT(back.opt[1], 2);
    /* a refused text leaves an empty choice behind */
    CHECK_INT(ballot_parse(&p, "luis,zed", 8, &back), AS_EINVAL);
    CHECK_INT(back.n, 0);
    /* choose above the options is capped by the options */
    proposal all = make(METHOD_APPROVAL, 4, 9);
    CHECK(parses(&all, "ana,luis,marta,bo"));
}

/* perms: every ranking without repeats of up to k of n options. */
static int count_rankings(const proposal *p, ballot_choice *c, int n, int k,
                          int *ok)
{
    int total = 1;
    *ok += roundtrip(p, c, NULL);
    if (c->n == k)
        return total;
    for (int o = 0; o < n; o++) {
        int used = 0;
        for (int j = 0; j < c->n; j++)
            used |= c->opt[j] == o;
        if (used)
            continue;
        c->opt[c->n++] = o;
        total += count_rankings(p, c, n, k, ok);
        c->n--;
    }
    return total;
}

static void test_ranked(void)
{
    static const char *const ids[] = {"ana", "luis", "marta", "bo"};
    set_ids(ids, 4);
    for (int m = 0; m < 2; m++) {
        proposal p = make(m ? METHOD_STV : METHOD_IRV, 4, 0);
        ballot_choice c = {.choice = -1};
        int ok = 0;
        int total = count_rankings(&p, &c, 4, 4, &ok);
        CHECK_INT(total, 1 + 4 + 12 + 24 + 24);
        CHECK_INT(ok, total);
        ballot_choice r = {.choice = -1, .n = 3, .opt = {2, 0, 3}};
        CHECK(roundtrip(&p, &r, "marta>ana>bo"));
        char buf[BALLOT_TEXT_MAX + 1];
        ballot_choice rep = {.choice = -1, .n = 3, .opt = {2, 0, 2}};
        CHECK_INT(ballot_format(&p, &rep, buf, sizeof buf), AS_EINVAL);
        ballot_choice five = {.choice = -1, .n = 5, .opt = {0, 1, 2, 3, 0}};
        CHECK_INT(ballot_format(&p, &five, buf, sizeof buf), AS_EINVAL);
        CHECK(parses(&p, "bo>ana"));
        CHECK(parses(&p, "none"));
        CHECK(!parses(&p, "bo,ana"));
        CHECK(!parses(&p, "bo>bo"));
        CHECK(!parses(&p, "bo>"));
        CHECK(!parses(&p, ">bo"));
        CHECK(!parses(&p, "bo>>ana"));
        CHECK(!parses(&p, "bo>none"));
        CHECK(!parses(&p, "bo>ana>luis>marta>bo"));
    }
    /* a ballot ranks at most MEETING_MAX_RANKS of many options */
    static char names[MEETING_MAX_OPTIONS][8];
    const char *many[MEETING_MAX_OPTIONS];
    for (int i = 0; i < 14; i++) {
        snprintf(names[i], sizeof names[i], "c%d", i);
        many[i] = names[i];
    }
    set_ids(many, 14);
    proposal p = make(METHOD_IRV, 14, 0);
    ballot_choice c = {.choice = -1};
    for (int i = 0; i < MEETING_MAX_RANKS; i++)
        c.opt[c.n++] = 13 - i;
    CHECK(roundtrip(&p, &c, "c13>c12>c11>c10>c9>c8>c7>c6>c5>c4>c3>c2"));
    c.opt[c.n++] = 0;
    char buf[BALLOT_TEXT_MAX + 1];
    CHECK_INT(ballot_format(&p, &c, buf, sizeof buf), AS_EINVAL);
    CHECK(!parses(&p, "c13>c12>c11>c10>c9>c8>c7>c6>c5>c4>c3>c2>c0"));
}

/* 24 options with 63-byte ids: the longest text fits BALLOT_TEXT_MAX. */
static void test_longest(void)
{
    static char names[MEETING_MAX_OPTIONS][MEETING_ID_MAX];
    const char *ids[MEETING_MAX_OPTIONS];
    for (int i = 0; i < MEETING_MAX_OPTIONS; i++) {
        memset(names[i], 'a' + i, MEETING_ID_MAX - 1);
        names[i][MEETING_ID_MAX - 1] = '\0';
        ids[i] = names[i];
    }
    set_ids(ids, MEETING_MAX_OPTIONS);
    proposal p = make(METHOD_APPROVAL, MEETING_MAX_OPTIONS, MEETING_MAX_OPTIONS);
    ballot_choice c = {.choice = -1};
    for (int i = 0; i < MEETING_MAX_OPTIONS; i++)
        c.opt[c.n++] = i;
    char buf[BALLOT_TEXT_MAX + 1];
    CHECK_INT(ballot_format(&p, &c, buf, sizeof buf), AS_OK);
    CHECK_INT(strlen(buf), MEETING_MAX_OPTIONS * MEETING_ID_MAX - 1);
    CHECK(strlen(buf) <= BALLOT_TEXT_MAX);
    CHECK(roundtrip(&p, &c, buf));
    CHECK_INT(ballot_format(&p, &c, buf, MEETING_MAX_OPTIONS * MEETING_ID_MAX - 1),
              AS_EINVAL);
    /* a text longer than BALLOT_TEXT_MAX is refused before any reading */
    char *big = malloc(BALLOT_TEXT_MAX + 2);
    memset(big, 'a', BALLOT_TEXT_MAX + 1);
    ballot_choice back;
    CHECK_INT(ballot_parse(&p, big, BALLOT_TEXT_MAX + 1, &back), AS_EINVAL);
    free(big);
}

/* Every string of length 0..7 over "ab,>on" against options a, b, ab,
 * none-like words: parse OK exactly when format gives the same bytes. */
static void test_exhaustive(void)
{
    static const char *const ids[] = {"a", "b", "ab"};
    static const char alpha[] = "ab,>ne";
    set_ids(ids, 3);
    for (int m = 0; m < 2; m++) {
        proposal p = make(m ? METHOD_IRV : METHOD_APPROVAL, 3, 3);
        long tried = 0, accepted = 0, mismatched = 0;
        for (int len = 0; len <= 7; len++) {
            long combos = 1;
            for (int i = 0; i < len; i++)
                combos *= 6;
            for (long x = 0; x < combos; x++) {
                char s[8];
                long y = x;
                for (int i = 0; i < len; i++) {
                    s[i] = alpha[y % 6];
                    y /= 6;
                }
                s[len] = '\0';
                ballot_choice c;
                tried++;
                if (ballot_parse(&p, s, (size_t)len, &c) != AS_OK)
                    continue;
                accepted++;
                char buf[BALLOT_TEXT_MAX + 1];
                if (ballot_format(&p, &c, buf, sizeof buf) != AS_OK ||
                    strcmp(buf, s))
                    mismatched++;
            }
        }
        CHECK(tried > 300000);
        CHECK_INT(mismatched, 0);
        /* approval: 1 + a, b, ab, a,b, a,ab, b,ab, a,b,ab = 7 (none has no
         * 'o' in this alphabet); ranked: all orders of 1..3 of 3 = 15 */
        CHECK_INT(accepted, m ? 15 : 7);
    }
}

int main(void)
{
    test_words();
    test_approval();
    test_ranked();
    test_longest();
    test_exhaustive();
    return check_done();
}
