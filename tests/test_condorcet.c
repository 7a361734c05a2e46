/* test_condorcet.c: `method: condorcet` (the Schulze method,
 * src/count/method_condorcet.c) against published worked examples, real
 * ranked ballots, the documented draw, and the method's place in the
 * meeting file, the ballot text and the results.txt block.
 *
 * Published examples:
 *   - the 45-voter, 5-candidate example (5 ACBED, 5 ADECB, 8 BEDAC,
 *     3 CABED, 7 CAEBD, 2 CBADE, 7 DCEBA, 8 EBADC) of M. Schulze, "The
 *     Schulze Method of Voting", arXiv:1804.02973, section 3 (example 1),
 *     and of Wikipedia's "Schulze method" article: its matrix of pairwise
 *     preferences d[X,Y], its strongest paths p[X,Y] and the winner E;
 *   - Wikipedia's "Condorcet method" example, the capital of Tennessee
 *     (42 % Memphis > Nashville > Chattanooga > Knoxville, 26 % Nashville
 *     > Chattanooga > Knoxville > Memphis, 15 % Chattanooga > Knoxville >
 *     Nashville > Memphis, 17 % Knoxville > Chattanooga > Nashville >
 *     Memphis): Nashville beats every other city (58, 68, 68 of 100);
 *   - the 2009 Burlington, Vermont mayoral election (PrefLib ED-00005,
 *     read in place from ../shared/tabulation-data): Andy Montroll is the
 *     Condorcet winner, preferred to Bob Kiss on 4,067 ballots against
 *     3,477 and to Kurt Wright on 4,597 against 3,668 (the pairwise table
 *     of Wikipedia's "2009 Burlington mayoral election"), although instant
 *     runoff elected Kiss (test_burlington.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sodium.h>
#include "ballot_file.h"
#include "check.h"
#include "method.h"
#include "tally.h"

#define TOI AS_TABULATION_DATA "/preflib-burlington-2009/00005-00000002.toi"

static option opts[MEETING_MAX_OPTIONS];
static const uint8_t root0[32] = {7, 7, 7};

static proposal make(const char *const *ids, int nopts)
{
    proposal p;
    memset(&p, 0, sizeof p);
    memset(opts, 0, sizeof opts);
    snprintf(p.id, sizeof p.id, "vote");
    p.method = METHOD_CONDORCET;
    p.quorum = -1;
    p.seats = 1;
    for (int i = 0; i < nopts; i++)
        snprintf(opts[i].id, sizeof opts[i].id, "%s", ids[i]);
    p.opts = opts;
    p.nopts = nopts;
    return p;
}

/* count: each texts[k] cast times[k] times, finished with checked_in
 * present and quorum needed. */
static tally_result *count(const proposal *p, const char *const *texts,
                           const int *times, int n, int checked_in, int quorum)
{
    tally_counter *t = NULL;
    tally_result *r = NULL;
    as_err err = {{0}};
    CHECK_INT(tally_counter_new(p, &t), AS_OK);
    if (!t)
        return NULL;
    for (int k = 0; k < n; k++)
        for (int i = 0; i < times[k]; i++)
            CHECK_MSG(tally_counter_add(t, texts[k], strlen(texts[k])) == AS_OK,
                      "ballot %s", texts[k]);
    CHECK_MSG(tally_counter_finish(t, checked_in, quorum, root0, &r, &err) == AS_OK,
              "finish: %s", err.msg);
    tally_counter_free(t);
    return r;
}

/* block: the method's results.txt lines after `ballots` (NUL ended). */
static char *block(const proposal *p, const tally_result *r)
{
    xbuf b;
    xbuf_init(&b);
    method_of(METHOD_CONDORCET)->txt_counts(&b, p, r);
    xbuf_add(&b, "", 1);
    CHECK(!b.oom);
    return b.p;
}

/* report: `asamblea tally --method condorcet`'s text for b (NUL ended). */
static char *report(const rcv_ballots *b, uint64_t seed)
{
    xbuf out;
    as_err err = {{0}};
    xbuf_init(&out);
    CHECK_MSG(method_of(METHOD_CONDORCET)->tally_file(b, seed, &out, &err) == AS_OK,
              "tally_file: %s", err.msg);
    xbuf_add(&out, "", 1);
    return out.p;
}

/* row: the report's line for candidate x (1-based) of n with values v
 * (-1 for "-"), as report() lays it out. */
static void row(char *buf, size_t size, int x, const char *name, const int64_t *v,
                int n)
{
    size_t used = (size_t)snprintf(buf, size, "%3d %-24.24s", x, name);
    for (int y = 0; y < n && used < size; y++)
        used += v[y] < 0 ? (size_t)snprintf(buf + used, size - used, " %7s", "-")
                         : (size_t)snprintf(buf + used, size - used, " %7lld",
                                            (long long)v[y]);
}

static const char *const abcde[] = {"a", "b", "c", "d", "e"};
static const char *const ballots45[] = {"a>c>b>e>d", "a>d>e>c>b", "b>e>d>a>c",
                                        "c>a>b>e>d", "c>a>e>b>d", "c>b>a>d>e",
                                        "d>c>e>b>a", "e>b>a>d>c"};
static const int times45[] = {5, 5, 8, 3, 7, 2, 7, 8};

/* The published d[X,Y] and p[X,Y] of the 45-voter example (-1: the
 * diagonal). */
static const int64_t d45[5][5] = {{-1, 20, 26, 30, 22},
                                  {25, -1, 16, 33, 18},
                                  {19, 29, -1, 17, 24},
                                  {15, 12, 28, -1, 14},
                                  {23, 27, 21, 31, -1}};
static const int64_t p45[5][5] = {{-1, 28, 28, 30, 24},
                                  {25, -1, 28, 33, 24},
                                  {25, 29, -1, 29, 24},
                                  {25, 28, 28, -1, 24},
                                  {25, 28, 28, 31, -1}};

static void test_schulze_45_voters(void)
{
    proposal p = make(abcde, 5);
    tally_result *r = count(&p, ballots45, times45, 8, 0, 0);
    if (!r)
        return;
    CHECK_INT(r->verdict, TALLY_ELECTED);
    CHECK_INT(r->ballots, 45);
    CHECK_INT(r->nwinners, 1);
    CHECK_INT(r->winners[0], 4); /* E */
    CHECK_INT(r->ntied, 0);
    /* first preferences: A 10, B 8, C 12, D 7, E 8 */
    CHECK_INT(r->counts[0], 10);
    CHECK_INT(r->counts[2], 12);
    method_table t;
    CHECK_INT(method_of(METHOD_CONDORCET)->ui_table(&p, r, &t), 1);
    CHECK_INT(t.n, 5);
    for (int x = 0; x < 5; x++)
        for (int y = 0; y < 5; y++)
            CHECK_MSG(t.cell[x][y] == d45[x][y], "d[%d,%d] = %lld, published %lld", x,
                      y, (long long)t.cell[x][y], (long long)d45[x][y]);
    char *txt = block(&p, r);
    CHECK(txt && strstr(txt, "pairwise a b=20 c=26 d=30 e=22\n"));
    CHECK(txt && strstr(txt, "pairwise e a=23 b=27 c=21 d=31\n"));
    CHECK(txt && strstr(txt, "winners e\ntie-break none\n"));
    CHECK(txt && !strstr(txt, "tied"));
    free(txt);
    tally_result_free(r);

    /* The same ballots as a ballot file: the strongest paths. */
    rcv_ballots *b = NULL;
    as_err err;
    CHECK_INT(rcv_ballots_new(&b), AS_OK);
    for (int i = 0; i < 5; i++) {
        char name[2] = {(char)('A' + i), 0};
        CHECK_INT(rcv_ballots_add_candidate(b, name, NULL, &err), AS_OK);
    }
    for (int k = 0; k < 8; k++) {
        rcv_mark m[5];
        for (int i = 0; i < 5; i++)
            m[i] = (rcv_mark)(ballots45[k][2 * i] - 'a');
        CHECK_INT(rcv_ballots_add(b, times45[k], m, 5, &err), AS_OK);
    }
    char *rep = report(b, 0);
    char want[256];
    for (int x = 0; x < 5; x++) {
        char name[2] = {(char)('A' + x), 0};
        row(want, sizeof want, x + 1, name, p45[x], 5);
        const char *paths = rep ? strstr(rep, "Strongest paths") : NULL;
        CHECK_MSG(paths && strstr(paths, want), "strongest paths row %s missing:\n%s",
                  name, rep ? rep : "");
        row(want, sizeof want, x + 1, name, d45[x], 5);
        CHECK_MSG(rep && strstr(rep, want), "pairwise row %s missing", name);
    }
    CHECK(rep && strstr(rep, "Winner: E\n"));
    free(rep);
    rcv_ballots_free(b);
}

static void test_tennessee(void)
{
    static const char *const ids[] = {"memphis", "nashville", "chattanooga",
                                      "knoxville"};
    static const char *const texts[] = {
        "memphis>nashville>chattanooga>knoxville",
        "nashville>chattanooga>knoxville>memphis",
        "chattanooga>knoxville>nashville>memphis",
        "knoxville>chattanooga>nashville>memphis"};
    static const int times[] = {42, 26, 15, 17};
    proposal p = make(ids, 4);
    tally_result *r = count(&p, texts, times, 4, 0, 0);
    if (!r)
        return;
    CHECK_INT(r->winners[0], 1); /* Nashville */
    char *txt = block(&p, r);
    CHECK(txt && strstr(txt, "pairwise nashville memphis=58 chattanooga=68 "
                             "knoxville=68\n"));
    CHECK(txt && strstr(txt, "pairwise chattanooga memphis=58 nashville=32 "
                             "knoxville=83\n"));
    free(txt);
    tally_result_free(r);
}

/* A three-way cycle: every option a potential winner; the documented
 * draw (SHA-256 of the domain, root and id, smallest first) orders them
 * and the first wins. */
static void test_cycle_draw(void)
{
    static const char *const ids[] = {"ana", "beto", "carla"};
    static const char *const texts[] = {"ana>beto>carla", "beto>carla>ana",
                                        "carla>ana>beto"};
    static const int times[] = {1, 1, 1};
    proposal p = make(ids, 3);
    tally_result *r = count(&p, texts, times, 3, 0, 0);
    if (!r)
        return;
    uint8_t k[3][32];
    int order[3] = {0, 1, 2};
    for (int i = 0; i < 3; i++)
        tally_draw_key(root0, ids[i], k[i]);
    for (int i = 1; i < 3; i++)
        for (int j = i; j > 0 && memcmp(k[order[j]], k[order[j - 1]], 32) < 0; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    CHECK_INT(r->ntied, 3);
    for (int i = 0; i < 3; i++)
        CHECK_INT(r->tied[i], order[i]);
    CHECK_INT(r->winners[0], order[0]);
    CHECK_INT(r->verdict, TALLY_ELECTED);
    char *txt = block(&p, r);
    char want[128];
    snprintf(want, sizeof want, "tied %s %s %s\nwinners %s\ntie-break used\n",
             ids[order[0]], ids[order[1]], ids[order[2]], ids[order[0]]);
    CHECK_MSG(txt && strstr(txt, want), "block:\n%s", txt ? txt : "");
    free(txt);
    tally_result_free(r);
}

/* Ballot files may rank several candidates at one rank and leave some
 * out: those are equal on that ballot. */
static void test_equal_and_unranked(void)
{
    rcv_ballots *b = NULL;
    as_err err;
    CHECK_INT(rcv_ballots_new(&b), AS_OK);
    const char *names[] = {"A", "B", "C"};
    for (int i = 0; i < 3; i++)
        CHECK_INT(rcv_ballots_add_candidate(b, names[i], NULL, &err), AS_OK);
    rcv_mark b1[] = {0, 1 | RCV_SAME_RANK}; /* A = B, both above C */
    rcv_mark b2[] = {2, RCV_SKIP, 2};       /* C, a skipped rank, C again */
    CHECK_INT(rcv_ballots_add(b, 3, b1, 2, &err), AS_OK);
    CHECK_INT(rcv_ballots_add(b, 2, b2, 3, &err), AS_OK);
    CHECK_INT(rcv_ballots_add(b, 1, NULL, 0, &err), AS_OK); /* blank */
    char *rep = report(b, 0);
    char want[256];
    const int64_t ra[] = {-1, 0, 3}, rb[] = {0, -1, 3}, rc[] = {2, 2, -1};
    row(want, sizeof want, 1, "A", ra, 3);
    CHECK_MSG(rep && strstr(rep, want), "%s", rep ? rep : "");
    row(want, sizeof want, 2, "B", rb, 3);
    CHECK(rep && strstr(rep, want));
    row(want, sizeof want, 3, "C", rc, 3);
    CHECK(rep && strstr(rep, want));
    CHECK(rep && strstr(rep, "Ballots: 6 (1 blank)\n"));
    /* A and B tie (3 > 2 over C each, 0 between them): the draw picks. */
    CHECK(rep && strstr(rep, "Tied by the Schulze method (2)"));
    free(rep);
    rcv_ballots_free(b);
}

static void test_no_result(void)
{
    static const char *const ids[] = {"x", "y"};
    static const char *const blank[] = {"none"};
    static const int three[] = {3};
    proposal p = make(ids, 2);
    tally_result *r = count(&p, blank, three, 1, 0, 0);
    if (r) {
        CHECK_INT(r->verdict, TALLY_NO_RESULT);
        CHECK_INT(r->nwinners, 0);
        CHECK_INT(r->blank, 3);
        CHECK(r->extra == NULL);
        tally_result_free(r);
    }
    /* Short of quorum: counted in full, but no result. */
    static const char *const xy[] = {"x>y"};
    r = count(&p, xy, three, 1, 2, 5);
    if (r) {
        CHECK_INT(r->verdict, TALLY_NO_RESULT);
        CHECK_INT(r->winners[0], 0);
        tally_result_free(r);
    }
}

/* The ballot text is ranked-choice's: ids joined by '>', or none. */
static void test_ballot_text(void)
{
    static const char *const ids[] = {"luis", "ana", "marta"};
    proposal p = make(ids, 3);
    ballot_choice c = {-1, 2, {1, 0}};
    char buf[BALLOT_TEXT_MAX + 1];
    CHECK_INT(ballot_format(&p, &c, buf, sizeof buf), AS_OK);
    CHECK_STR(buf, "ana>luis");
    ballot_choice back;
    CHECK_INT(ballot_parse(&p, "ana>luis", 8, &back), AS_OK);
    CHECK_INT(back.n, 2);
    CHECK_INT(back.opt[0], 1);
    CHECK_INT(ballot_parse(&p, "ana,luis", 8, &back), AS_EINVAL);
    CHECK_INT(ballot_parse(&p, "ana>ana", 7, &back), AS_EINVAL);
    CHECK_INT(ballot_parse(&p, "yes", 3, &back), AS_EINVAL);
}

/* The meeting file: method: condorcet takes options and nothing of the
 * other methods. */
static void test_meeting_file(void)
{
    static const char roster_csv[] = "name,role,token\nA,facilitator,\n";
    static const char good[] =
        "meeting: {title: M, date: 2027-01-01}\n"
        "proposals:\n"
        "  - id: chair\n    title: Chair\n    text: Elect.\n    method: condorcet\n"
        "    options: [{id: a, name: Ana}, {id: b, name: Beto}]\n";
    static const char seats[] =
        "meeting: {title: M, date: 2027-01-01}\n"
        "proposals:\n"
        "  - id: chair\n    title: Chair\n    text: Elect.\n    method: condorcet\n"
        "    seats: 2\n"
        "    options: [{id: a, name: Ana}, {id: b, name: Beto}, {id: c, name: C}]\n";
    static const char none[] =
        "meeting: {title: M, date: 2027-01-01}\n"
        "proposals:\n"
        "  - id: chair\n    title: Chair\n    text: Elect.\n    method: condorcet\n";
    meeting *m = NULL;
    diag_list d;
    diag_init(&d);
    CHECK_INT(meeting_from_memory("m.yaml", good, strlen(good), roster_csv, &m, &d), AS_OK);
    CHECK(m && m->props[0].method == METHOD_CONDORCET && m->props[0].nopts == 2);
    meeting_free(m);
    diag_free(&d);
    diag_init(&d);
    CHECK_INT(meeting_from_memory("m.yaml", seats, strlen(seats), roster_csv, &m, &d),
              AS_EINVAL);
    CHECK(d.n > 0 && strstr(d.lines[0], "'seats' is only for approval and stv; "
                                        "proposal 'chair' uses method condorcet"));
    diag_free(&d);
    diag_init(&d);
    CHECK_INT(meeting_from_memory("m.yaml", none, strlen(none), roster_csv, &m, &d),
              AS_EINVAL);
    CHECK(d.n > 0 && strstr(d.lines[0], "proposal 'chair' uses condorcet but has "
                                        "no options"));
    diag_free(&d);
}

static void test_burlington(void)
{
    rcv_ballots *b = NULL;
    diag_list d;
    if (access(TOI, R_OK) != 0) {
        printf("SKIP: %s not found: the Burlington 2009 check did not run\n", TOI);
        return;
    }
    diag_init(&d);
    CHECK_INT(bfile_read(TOI, BFILE_AUTO, &b, &d), AS_OK);
    diag_free(&d);
    if (!b)
        return;
    int kiss = rcv_ballots_find(b, "Bob Kiss", 8);
    int montroll = rcv_ballots_find(b, "Andy Montroll", 13);
    int wright = rcv_ballots_find(b, "Kurt Wright", 11);
    CHECK(kiss >= 0 && montroll >= 0 && wright >= 0);
    char *rep = report(b, 0);
    CHECK_MSG(rep && strstr(rep, "Winner: Andy Montroll\n"), "%s", rep ? rep : "");
    CHECK(rep && !strstr(rep, "Tied"));
    /* the published pairwise figures, from the matrix's rows */
    const char *pw = rep ? strstr(rep, "Pairwise preferences") : NULL;
    const char *sp = rep ? strstr(rep, "Strongest paths") : NULL;
    int64_t got[RCV_MAX_CAND];
    for (int who = 0; pw && sp && who < 3; who++) {
        int x = who == 0 ? montroll : who == 1 ? kiss : wright;
        char head[64];
        snprintf(head, sizeof head, "\n%3d ", x + 1);
        const char *at = strstr(pw, head);
        CHECK(at && at < sp);
        if (!at)
            break;
        at += 1 + 4 + 24;
        for (int y = 0; y < b->ncand; y++) {
            char *end;
            while (*at == ' ')
                at++;
            got[y] = *at == '-' ? -1 : strtoll(at, &end, 10);
            at = *at == '-' ? at + 1 : end;
        }
        if (who == 0) {
            CHECK_INT(got[kiss], 4067);
            CHECK_INT(got[wright], 4597);
        } else if (who == 1) {
            CHECK_INT(got[montroll], 3477);
            CHECK_INT(got[wright], 4314);
        } else {
            CHECK_INT(got[montroll], 3668);
            CHECK_INT(got[kiss], 4064);
        }
    }
    free(rep);
    rcv_ballots_free(b);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    test_schulze_45_voters();
    test_tennessee();
    test_cycle_draw();
    test_equal_and_unranked();
    test_no_result();
    test_ballot_text();
    test_meeting_file();
    test_burlington();
    return check_done();
}
