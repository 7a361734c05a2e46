/* test_condorcet_flow.c: a condorcet proposal end to end on real files:
 * a meeting file with `method: condorcet`, its voting opened by the
 * facilitator, nine attendees ranking the options on the kiosk's ranked
 * ballot through the session (badge scan, proposal, ballot, review,
 * cast), voting closed by the facilitator, the closed proposal's result
 * (the session's count), the export bundle (results.txt's block with the
 * pairwise counts, results.json) and `asamblea verify`'s checks, which
 * recount it.  Then a changed pairwise count is caught by the verifier.
 *
 * The ballots are docs/voting-methods.md's condorcet example: A>B x4,
 * B>C x2, C>B x3: B is preferred to A by 5 ballots to 4 and to C by 6 to
 * 3, and wins (instant runoff would elect C). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "check.h"
#include "test_file_util.h"
#include "test_store_util.h"
#include "export.h"
#include "meeting.h"
#include "session.h"
#include "store.h"
#include "token.h"
#include "verify.h"

static const char yaml[] =
    "meeting:\n"
    "  title: Condorcet\n"
    "  date: 2027-05-01\n"
    "  quorum: 3\n"
    "proposals:\n"
    "  - id: chair\n"
    "    title: Chair\n"
    "    text: Rank the candidates.\n"
    "    method: condorcet\n"
    "    options:\n"
    "      - {id: a, name: Ana}\n"
    "      - {id: b, name: Beto}\n"
    "      - {id: c, name: Carla}\n";

/* roster: nine attendees and a facilitator (line 10), fresh tokens. */
static void make_roster(char *buf, size_t size)
{
    size_t used = (size_t)snprintf(buf, size, "name,role,token\n");
    for (int i = 0; i < 10 && used < size; i++) {
        char t[TOKEN_TEXT_SIZE];
        token_new(t);
        used += (size_t)snprintf(buf + used, size - used, "%s%d,%s,%s\n",
                                 i < 9 ? "V" : "Rosa", i + 1,
                                 i < 9 ? "attendee" : "facilitator", t);
    }
}

/* failures: the verifier's failed checks, one a line (for the message). */
static char failures[8192];

static void on_check(void *ud, int ok, const char *check, const char *detail)
{
    size_t len = strlen(failures);
    (void)ud;
    if (!ok)
        snprintf(failures + len, sizeof failures - len, "%s: %s\n", check, detail);
}

/* verify: how many of `asamblea verify`'s checks fail on the bundle. */
static int verify(const char *bundle)
{
    verify_opts o = {bundle, NULL, NULL, NULL, 0};
    int nfail = -1;
    as_err err;
    failures[0] = '\0';
    if (verify_bundle(&o, on_check, NULL, &nfail, &err) != AS_OK)
        snprintf(failures, sizeof failures, "%s", err.msg);
    return nfail;
}

typedef struct {
    const meeting *m;
    session *s;
    uint64_t now;
} kiosk;

static void act(kiosk *k, int action, int arg)
{
    session_action(k->s, action, arg, k->now += 1000);
}

static int screen(const kiosk *k)
{
    session_view v;
    session_view_get(k->s, &v);
    return (int)v.screen;
}

static void scan(kiosk *k, int who)
{
    const char *t = roster_get(k->m->roster, who)->token;
    session_scan(k->s, t, strlen(t), k->now += 1000);
}

/* vote: attendee who ranks the options ranks[0..n) on the kiosk. */
static void vote(kiosk *k, int who, const int *ranks, int n)
{
    scan(k, who);
    act(k, ACT_LANG, 0);
    act(k, ACT_PROPOSAL, 0);
    act(k, ACT_GO_BALLOT, 0);
    CHECK_INT(screen(k), SCR_BALLOT);
    for (int i = 0; i < n; i++)
        act(k, ACT_RANK, ranks[i]);
    act(k, ACT_BALLOT_REVIEW, 0);
    CHECK_INT(screen(k), SCR_REVIEW);
    act(k, ACT_CAST, 0);
    CHECK_INT(screen(k), SCR_RECORDED);
    act(k, ACT_FINISH, 0);
}

/* facilitator: Rosa (roster line 10) opens or closes proposal 0. */
static void facilitator(kiosk *k, int action)
{
    scan(k, 9);
    CHECK_INT(screen(k), SCR_FAC_HOME);
    act(k, action, 0);
    CHECK_INT(screen(k), SCR_FAC_CONFIRM);
    act(k, ACT_CONFIRM, 0);
    act(k, ACT_FAC_LEAVE, 0);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    char *dir = tu_mkdtemp();
    meeting *m = NULL;
    store *st = NULL;
    session *s = NULL;
    session_config cfg;
    diag_list d;
    as_err err = {{0}};
    char data[600], usb[600];
    char roster_csv[2048];
    make_roster(roster_csv, sizeof roster_csv);
    diag_init(&d);
    CHECK_INT(meeting_from_memory("meeting.yaml", yaml, strlen(yaml), roster_csv, &m, &d),
              AS_OK);
    for (int i = 0; i < d.n; i++)
        fprintf(stderr, "diag: %s\n", d.lines[i]);
    diag_free(&d);
    if (!m)
        return check_done();
    snprintf(data, sizeof data, "%s/data", dir);
    snprintf(usb, sizeof usb, "%s/usb", dir);
    CHECK_INT(store_open(data, m->sha256, &st, &err), AS_OK);
    session_config_default(&cfg, m);
    CHECK_INT(session_new(m, st, &cfg, &s), AS_OK);
    if (!s)
        goto out;
    kiosk k = {m, s, 5000};

    /* Everyone checks in first (quorum 3), then the vote opens. */
    for (int who = 0; who < 9; who++) {
        scan(&k, who);
        act(&k, ACT_FINISH, 0);
    }
    facilitator(&k, ACT_FAC_OPEN);
    prop_state ps = PROP_DRAFT;
    CHECK_INT(store_proposal_state(st, "chair", &ps, &err), AS_OK);
    CHECK_INT(ps, PROP_OPEN);
    static const int ab[] = {0, 1}, bc[] = {1, 2}, cb[] = {2, 1};
    for (int who = 0; who < 9; who++)
        vote(&k, who, who < 4 ? ab : who < 6 ? bc : cb, 2);
    int64_t n = -1;
    CHECK_INT(store_ballot_count(st, "chair", &n, &err), AS_OK);
    CHECK_INT(n, 9);
    facilitator(&k, ACT_FAC_CLOSE);
    CHECK_INT(store_proposal_state(st, "chair", &ps, &err), AS_OK);
    CHECK_INT(ps, PROP_CLOSED);

    /* The session's count, as the results screen shows it. */
    const tally_result *r = NULL;
    CHECK_INT(session_result_get(s, 0, &r, &err), AS_OK);
    CHECK(r && r->verdict == TALLY_ELECTED && r->nwinners == 1 && r->winners[0] == 1);

    export_summary sum;
    as_status est = export_write(m, yaml, strlen(yaml), meeting_quorum(m), 10, st, data,
                                 usb, &sum, &err);
    CHECK_MSG(est == AS_OK, "export: %s", err.msg);
    if (est != AS_OK)
        goto out;
    char path[2 * EXPORT_PATH_MAX + 400];
    snprintf(path, sizeof path, "%s/results.txt", sum.path);
    char *res = tf_slurp(path, NULL);
    CHECK_MSG(res && strstr(res, "proposal chair\nmethod condorcet\nrule schulze\n"
                                 "options a b c\nstate closed\n"),
              "results.txt:\n%s", res ? res : "(none)");
    CHECK(res && strstr(res, "ballots 9\nblank 0\nfirst a 4\nfirst b 2\nfirst c 3\n"
                             "pairwise a b=4 c=4\npairwise b a=5 c=6\n"
                             "pairwise c a=5 b=3\nwinners b\ntie-break none\n"
                             "outcome elected\n"));
    free(res);
    snprintf(path, sizeof path, "%s/results.json", sum.path);
    char *json = tf_slurp(path, NULL);
    CHECK(json && strstr(json, "\"pairwise\": {\n        \"a\": {\"b\": 4, \"c\": 4},"));
    free(json);

    int nfail = verify(sum.path);
    CHECK_MSG(nfail == 0, "verify: %d failed:\n%s", nfail, failures);

    /* A pairwise count changed by hand: the recount disagrees. */
    snprintf(path, sizeof path, "%s/results.txt", sum.path);
    res = tf_slurp(path, NULL);
    char *at = res ? strstr(res, "pairwise b a=5") : NULL;
    if (at) {
        at[strlen("pairwise b a=")] = '7';
        FILE *f = fopen(path, "w");
        CHECK(f && fputs(res, f) >= 0 && fclose(f) == 0);
        nfail = verify(sum.path);
        CHECK_MSG(nfail > 0, "a changed pairwise count verified");
    }
    free(res);
out:
    session_free(s);
    store_free(st);
    meeting_free(m);
    tu_rm_rf(dir);
    free(dir);
    return check_done();
}
