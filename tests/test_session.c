/* test_session.c: the kiosk's state machine over a real store (SQLite
 * files in a fresh /tmp directory) and the built-in demo meeting, on a
 * simulated clock.  Every figure is read back from the store, so "cast"
 * means durably written and "nothing cast" means nothing on disk. */
#include <sodium.h>
#include "check.h"
#include "test_store_util.h"
#include "test_demo_util.h"
#include "meeting.h"
#include "method.h"
#include "session.h"
#include "store_sqlite.h"
#include "tally.h"

enum { ANA = 0, MARCUS = 1, LUCIA = 2, TOM = 3, ROSA = 4 };

typedef struct {
    char *dir;
    meeting *m;
    store *st;
    session *s;
    session_config cfg;
    uint64_t now;
} fixture;

static int setup(fixture *fx)
{
    diag_list d;
    as_err err = {{0}};

    memset(fx, 0, sizeof *fx);
    fx->now = 5000;
    fx->dir = tu_mkdtemp();
    diag_init(&d);
    as_status st = meeting_from_memory("demo.yaml", demo_yaml(),
                                       strlen(demo_yaml()), demo_roster(),
                                       &fx->m, &d);
    CHECK_MSG(st == AS_OK, "demo meeting: %s", d.n ? d.lines[0] : "?");
    diag_free(&d);
    if (st != AS_OK)
        return 0;
    st = store_open(fx->dir, fx->m->sha256, &fx->st, &err);
    CHECK_MSG(st == AS_OK, "store_open: %s", err.msg);
    if (st != AS_OK)
        return 0;
    session_config_default(&fx->cfg, fx->m);
    CHECK_INT(session_new(fx->m, fx->st, &fx->cfg, &fx->s), AS_OK);
    return fx->s != NULL;
}

static void teardown(fixture *fx)
{
    session_free(fx->s);
    store_free(fx->st);
    meeting_free(fx->m);
    if (fx->dir) {
        tu_rm_rf(fx->dir);
        free(fx->dir);
    }
}

static session_view view(const fixture *fx)
{
    session_view v;
    session_view_get(fx->s, &v);
    return v;
}

static int screen(const fixture *fx)
{
    return (int)view(fx).screen;
}

static const char *token_of(const fixture *fx, int who)
{
    return roster_get(fx->m->roster, who)->token;
}

static void scan(fixture *fx, const char *text)
{
    session_scan(fx->s, text, strlen(text), fx->now += 1000);
}

static void scan_member(fixture *fx, int who)
{
    scan(fx, token_of(fx, who));
}

static void act(fixture *fx, int action, int arg)
{
    session_action(fx->s, action, arg, fx->now += 1000);
}

static int64_t checked_in(fixture *fx)
{
    int64_t n = -1;
    as_err err;
    CHECK_INT(store_checked_in_count(fx->st, &n, &err), AS_OK);
    return n;
}

static int64_t ballots(fixture *fx, int prop)
{
    int64_t n = -1;
    as_err err;
    CHECK_INT(store_ballot_count(fx->st, fx->m->props[prop].id, &n, &err), AS_OK);
    return n;
}

static int has_voted(fixture *fx, int who, int prop)
{
    uint8_t h[TOKEN_HASH_SIZE];
    int yes = -1;
    as_err err;
    token_hash(store_key(fx->st), token_of(fx, who), h);
    CHECK_INT(store_has_voted(fx->st, fx->m->props[prop].id, h, &yes, &err), AS_OK);
    return yes;
}

static prop_state state_of(fixture *fx, int prop)
{
    prop_state ps = PROP_CLOSED;
    as_err err;
    CHECK_INT(store_proposal_state(fx->st, fx->m->props[prop].id, &ps, &err), AS_OK);
    return ps;
}

static void set_state(fixture *fx, int prop, prop_state ps)
{
    as_err err;
    CHECK_INT(store_set_proposal_state(fx->st, fx->m->props[prop].id, ps, &err),
              AS_OK);
}

static int listed(const fixture *fx, int prop)
{
    session_view v = view(fx);
    for (int i = 0; i < v.nvotable; i++)
        if (v.votable[i] == prop)
            return 1;
    return 0;
}

/* ---------------------------------------------------------------- */

static void test_checkin_and_language(void)
{
    fixture fx;
    if (!setup(&fx))
        goto out;
    CHECK_INT(screen(&fx), SCR_IDLE);
    CHECK_INT(session_deadline(fx.s), 0); /* idle: nothing to wait for */
    CHECK_INT(checked_in(&fx), 0);
    scan_member(&fx, ANA);
    CHECK_INT(checked_in(&fx), 1);
    CHECK_INT(screen(&fx), SCR_LANGUAGE); /* the demo has en and es */
    CHECK_INT(session_checked_in(fx.s), 1);
    /* Scanning again does not check in twice. */
    scan_member(&fx, ANA);
    CHECK_INT(checked_in(&fx), 1);
    /* A language that does not exist is ignored. */
    act(&fx, ACT_LANG, 7);
    CHECK_INT(screen(&fx), SCR_LANGUAGE);
    act(&fx, ACT_LANG, -1);
    CHECK_INT(screen(&fx), SCR_LANGUAGE);
    act(&fx, ACT_LANG, 1);
    CHECK_INT(screen(&fx), SCR_LIST);
    CHECK_INT(view(&fx).lang, 1);
    CHECK_INT(view(&fx).nvotable, 0); /* nothing open yet */
    CHECK_INT(view(&fx).open_count, 0);
    /* Back from the list asks for the language again. */
    act(&fx, ACT_BACK, 0);
    CHECK_INT(screen(&fx), SCR_LANGUAGE);
    act(&fx, ACT_LANG, 0);
    CHECK_INT(view(&fx).lang, 0);
    act(&fx, ACT_FINISH, 0);
    CHECK_INT(screen(&fx), SCR_IDLE);
    /* The next person starts in the default language, not the last one's. */
    scan_member(&fx, MARCUS);
    CHECK_INT(view(&fx).lang, 0);
    CHECK_INT(checked_in(&fx), 2);
    /* A token as a person might type it: lower case, spaces, no dashes. */
    char typed[64];
    const char *t = token_of(&fx, LUCIA);
    size_t k = 0;
    for (const char *p = t; *p; p++)
        if (*p != '-')
            typed[k++] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
    typed[k] = '\0';
    scan(&fx, typed);
    CHECK_INT(screen(&fx), SCR_LANGUAGE);
    CHECK_INT(checked_in(&fx), 3);
out:
    teardown(&fx);
}

static void test_cast_and_double_vote(void)
{
    fixture fx;
    as_err err;
    int64_t counts[3] = {-1, -1, -1};
    if (!setup(&fx))
        goto out;
    set_state(&fx, 0, PROP_OPEN);
    set_state(&fx, 1, PROP_OPEN);
    scan_member(&fx, ANA);
    act(&fx, ACT_LANG, 0);
    CHECK_INT(screen(&fx), SCR_LIST);
    CHECK_INT(view(&fx).nvotable, 2);
    CHECK(listed(&fx, 0) && listed(&fx, 1) && !listed(&fx, 2));
    /* A draft proposal cannot be chosen, whatever the tap says. */
    act(&fx, ACT_PROPOSAL, 2);
    CHECK_INT(screen(&fx), SCR_LIST);
    act(&fx, ACT_PROPOSAL, 0);
    CHECK_INT(screen(&fx), SCR_PROPOSAL);
    CHECK_INT(view(&fx).proposal, 0);
    /* Casting before choosing does nothing. */
    act(&fx, ACT_CAST, 0);
    CHECK_INT(screen(&fx), SCR_PROPOSAL);
    CHECK_INT(ballots(&fx, 0), 0);
    act(&fx, ACT_CHOOSE, 9); /* not a choice */
    CHECK_INT(screen(&fx), SCR_PROPOSAL);
    act(&fx, ACT_CHOOSE, CHOICE_NO);
    CHECK_INT(screen(&fx), SCR_REVIEW);
    CHECK_INT(view(&fx).choice, CHOICE_NO);
    CHECK_INT(ballots(&fx, 0), 0); /* nothing until "Cast my vote" */
    act(&fx, ACT_CHANGE, 0);
    CHECK_INT(screen(&fx), SCR_PROPOSAL);
    CHECK_INT(view(&fx).choice, -1);
    act(&fx, ACT_CHOOSE, CHOICE_YES);
    act(&fx, ACT_CAST, 0);
    CHECK_INT(screen(&fx), SCR_RECORDED);
    CHECK_INT(view(&fx).choice, -1); /* the choice is not kept around */
    CHECK_INT(ballots(&fx, 0), 1);
    CHECK_INT(has_voted(&fx, ANA, 0), 1);
    CHECK_INT(store_counts(fx.st, fx.m->props[0].id, counts, 3, &err), AS_OK);
    CHECK_INT(counts[CHOICE_YES], 1);
    CHECK_INT(counts[CHOICE_NO], 0);
    CHECK_INT(counts[CHOICE_ABSTAIN], 0);
    /* A second tap on the stale "Cast my vote" cannot cast again. */
    act(&fx, ACT_CAST, 0);
    CHECK_INT(ballots(&fx, 0), 1);
    /* One left: "next" goes to the list with only proposal 1. */
    CHECK_INT(view(&fx).nvotable, 1);
    act(&fx, ACT_NEXT, 0);
    CHECK_INT(screen(&fx), SCR_LIST);
    CHECK(!listed(&fx, 0) && listed(&fx, 1));
    CHECK_INT(view(&fx).voted_any, 1);
    /* A direct tap on the proposal already voted is ignored. */
    act(&fx, ACT_PROPOSAL, 0);
    CHECK_INT(screen(&fx), SCR_LIST);
    act(&fx, ACT_PROPOSAL, 1);
    act(&fx, ACT_CHOOSE, CHOICE_ABSTAIN);
    act(&fx, ACT_CAST, 0);
    CHECK_INT(screen(&fx), SCR_RECORDED);
    CHECK_INT(view(&fx).nvotable, 0);
    act(&fx, ACT_NEXT, 0); /* nothing left: no "next" */
    CHECK_INT(screen(&fx), SCR_RECORDED);
    act(&fx, ACT_FINISH, 0);
    CHECK_INT(screen(&fx), SCR_IDLE);
    CHECK_INT(view(&fx).proposal, -1);

    /* Ana comes back: nothing left for her, and across a restart too. */
    scan_member(&fx, ANA);
    act(&fx, ACT_LANG, 0);
    CHECK_INT(view(&fx).nvotable, 0);
    CHECK_INT(view(&fx).open_count, 2);
    act(&fx, ACT_PROPOSAL, 0);
    act(&fx, ACT_CHOOSE, CHOICE_NO);
    act(&fx, ACT_CAST, 0);
    CHECK_INT(screen(&fx), SCR_LIST);
    CHECK_INT(ballots(&fx, 0), 1);
    session_free(fx.s);
    store_free(fx.st);
    fx.s = NULL;
    CHECK_INT(store_open(fx.dir, fx.m->sha256, &fx.st, &err), AS_OK);
    CHECK_INT(session_new(fx.m, fx.st, &fx.cfg, &fx.s), AS_OK);
    scan_member(&fx, ANA);
    act(&fx, ACT_LANG, 0);
    CHECK_INT(view(&fx).nvotable, 0);
    CHECK_INT(checked_in(&fx), 1);
    CHECK_INT(ballots(&fx, 0), 1);
    CHECK_INT(ballots(&fx, 1), 1);
out:
    teardown(&fx);
}

static void test_timeouts(void)
{
    fixture fx;
    if (!setup(&fx))
        goto out;
    set_state(&fx, 0, PROP_OPEN);
    scan_member(&fx, MARCUS);
    act(&fx, ACT_LANG, 0);
    act(&fx, ACT_PROPOSAL, 0);
    act(&fx, ACT_CHOOSE, CHOICE_YES);
    CHECK_INT(screen(&fx), SCR_REVIEW);
    uint64_t dl = session_deadline(fx.s);
    CHECK_INT(dl, fx.now + (uint64_t)fx.cfg.idle_ms);
    CHECK_INT(session_tick(fx.s, dl - 1), 0);
    CHECK_INT(screen(&fx), SCR_REVIEW);
    /* Any input keeps the kiosk awake. */
    session_touch(fx.s, dl - 1);
    CHECK_INT(session_tick(fx.s, dl), 0);
    dl = session_deadline(fx.s);
    CHECK_INT(session_tick(fx.s, dl), 1);
    CHECK_INT(screen(&fx), SCR_STILL);
    CHECK_INT(view(&fx).under, SCR_REVIEW);
    /* "Continue voting" returns to the same review, choice intact. */
    act(&fx, ACT_CONTINUE, 0);
    CHECK_INT(screen(&fx), SCR_REVIEW);
    CHECK_INT(view(&fx).choice, CHOICE_YES);
    /* Abandoned: STILL, then idle, with nothing cast. */
    fx.now = session_deadline(fx.s);
    CHECK_INT(session_tick(fx.s, fx.now), 1);
    CHECK_INT(screen(&fx), SCR_STILL);
    CHECK_INT(session_deadline(fx.s), fx.now + (uint64_t)fx.cfg.still_ms);
    /* A stale "Cast my vote" tap on the STILL screen casts nothing. */
    act(&fx, ACT_CAST, 0);
    CHECK_INT(screen(&fx), SCR_STILL);
    fx.now = session_deadline(fx.s);
    CHECK_INT(session_tick(fx.s, fx.now), 1);
    CHECK_INT(screen(&fx), SCR_IDLE);
    CHECK_INT(view(&fx).choice, -1);
    CHECK_INT(ballots(&fx, 0), 0);
    CHECK_INT(has_voted(&fx, MARCUS, 0), 0);
    /* That badge can still vote. */
    scan_member(&fx, MARCUS);
    act(&fx, ACT_LANG, 0);
    CHECK(listed(&fx, 0));
    act(&fx, ACT_PROPOSAL, 0);
    act(&fx, ACT_CHOOSE, CHOICE_NO);
    act(&fx, ACT_CAST, 0);
    CHECK_INT(screen(&fx), SCR_RECORDED);
    CHECK_INT(ballots(&fx, 0), 1);
    /* RECORDED goes back to idle by itself. */
    CHECK_INT(session_deadline(fx.s), fx.now + (uint64_t)fx.cfg.recorded_ms);
    CHECK_INT(session_tick(fx.s, fx.now + (uint64_t)fx.cfg.recorded_ms), 1);
    CHECK_INT(screen(&fx), SCR_IDLE);
    CHECK_INT(session_deadline(fx.s), 0);
    /* A message goes away by itself too. */
    scan(&fx, "hello");
    CHECK_INT(screen(&fx), SCR_MESSAGE);
    CHECK_INT(session_tick(fx.s, fx.now + (uint64_t)fx.cfg.message_ms), 1);
    CHECK_INT(screen(&fx), SCR_IDLE);
    /* "Finish" on STILL also ends the session. */
    scan_member(&fx, LUCIA);
    CHECK_INT(session_tick(fx.s, session_deadline(fx.s)), 1);
    CHECK_INT(screen(&fx), SCR_STILL);
    CHECK_INT(view(&fx).under, SCR_LANGUAGE);
    act(&fx, ACT_FINISH, 0);
    CHECK_INT(screen(&fx), SCR_IDLE);
    /* Facilitator screens lock after their own timeout. */
    scan_member(&fx, ROSA);
    CHECK_INT(screen(&fx), SCR_FAC_HOME);
    CHECK_INT(session_deadline(fx.s), fx.now + (uint64_t)fx.cfg.facilitator_ms);
    CHECK_INT(session_tick(fx.s, session_deadline(fx.s)), 1);
    CHECK_INT(screen(&fx), SCR_IDLE);
out:
    teardown(&fx);
}

static void test_scan_interrupts(void)
{
    fixture fx;
    if (!setup(&fx))
        goto out;
    set_state(&fx, 0, PROP_OPEN);
    scan_member(&fx, MARCUS);
    act(&fx, ACT_LANG, 1);
    act(&fx, ACT_PROPOSAL, 0);
    act(&fx, ACT_CHOOSE, CHOICE_ABSTAIN);
    CHECK_INT(screen(&fx), SCR_REVIEW);
    /* Lucía scans while Marcus is reviewing: his session ends, nothing
     * is cast, and she starts fresh. */
    scan_member(&fx, LUCIA);
    CHECK_INT(screen(&fx), SCR_LANGUAGE);
    CHECK_INT(view(&fx).choice, -1);
    CHECK_INT(view(&fx).proposal, -1);
    CHECK_INT(view(&fx).lang, 0);
    CHECK_INT(ballots(&fx, 0), 0);
    CHECK_INT(has_voted(&fx, MARCUS, 0), 0);
    /* The stale cast tap for Marcus's review does nothing now. */
    act(&fx, ACT_CAST, 0);
    CHECK_INT(ballots(&fx, 0), 0);
    act(&fx, ACT_LANG, 0);
    act(&fx, ACT_PROPOSAL, 0);
    act(&fx, ACT_CHOOSE, CHOICE_YES);
    act(&fx, ACT_CAST, 0);
    CHECK_INT(has_voted(&fx, LUCIA, 0), 1);
    CHECK_INT(has_voted(&fx, MARCUS, 0), 0);
    /* A bad scan in the middle of a session ends it as well. */
    scan_member(&fx, TOM);
    act(&fx, ACT_LANG, 0);
    act(&fx, ACT_PROPOSAL, 0);
    act(&fx, ACT_CHOOSE, CHOICE_NO);
    scan(&fx, "4006381333931");
    CHECK_INT(screen(&fx), SCR_MESSAGE);
    CHECK_INT(view(&fx).msg, MSG_NOT_A_BADGE);
    act(&fx, ACT_CAST, 0);
    CHECK_INT(ballots(&fx, 0), 1);
    act(&fx, ACT_DISMISS, 0);
    CHECK_INT(screen(&fx), SCR_IDLE);
    /* A facilitator scan interrupts an attendee too. */
    scan_member(&fx, TOM);
    act(&fx, ACT_LANG, 0);
    scan_member(&fx, ROSA);
    CHECK_INT(screen(&fx), SCR_FAC_HOME);
    CHECK_INT(view(&fx).member_is_fac, 1);
    /* ... and an attendee scan ends a facilitator's screen. */
    scan_member(&fx, TOM);
    CHECK_INT(screen(&fx), SCR_LANGUAGE);
    CHECK_INT(view(&fx).member_is_fac, 0);
out:
    teardown(&fx);
}

static void test_facilitator(void)
{
    fixture fx;
    as_err err;
    session_figures f;
    if (!setup(&fx))
        goto out;
    scan_member(&fx, ROSA);
    CHECK_INT(screen(&fx), SCR_FAC_HOME);
    act(&fx, ACT_FAC_OPEN, 1);
    CHECK_INT(screen(&fx), SCR_FAC_CONFIRM);
    CHECK_INT(view(&fx).confirm_action, ACT_FAC_OPEN);
    CHECK_INT(view(&fx).confirm_arg, 1);
    act(&fx, ACT_CANCEL, 0);
    CHECK_INT(screen(&fx), SCR_FAC_HOME);
    CHECK_INT(state_of(&fx, 1), PROP_DRAFT);
    /* Confirm with nobody checked in: opened, flagged without quorum. */
    act(&fx, ACT_FAC_PROPOSAL, 1);
    CHECK_INT(screen(&fx), SCR_FAC_PROPOSAL);
    act(&fx, ACT_FAC_OPEN, 1);
    act(&fx, ACT_CONFIRM, 0);
    CHECK_INT(state_of(&fx, 1), PROP_OPEN);
    CHECK_INT(screen(&fx), SCR_FAC_PROPOSAL);
    CHECK_INT(view(&fx).msg, MSG_OPENED_NO_QUORUM);
    /* A second confirm (a double tap) changes nothing more. */
    act(&fx, ACT_CONFIRM, 0);
    CHECK_INT(state_of(&fx, 1), PROP_OPEN);
    /* Out-of-range proposals are ignored. */
    act(&fx, ACT_FAC_OPEN, 99);
    CHECK_INT(screen(&fx), SCR_FAC_PROPOSAL);
    act(&fx, ACT_FAC_PROPOSAL, -1);
    CHECK_INT(screen(&fx), SCR_FAC_PROPOSAL);
    act(&fx, ACT_FAC_LEAVE, 0);
    CHECK_INT(screen(&fx), SCR_IDLE);

    /* Three vote; while open only turnout is available. */
    int who[3] = {ANA, MARCUS, LUCIA}, ch[3] = {CHOICE_YES, CHOICE_YES, CHOICE_NO};
    for (int i = 0; i < 3; i++) {
        scan_member(&fx, who[i]);
        act(&fx, ACT_LANG, 0);
        act(&fx, ACT_PROPOSAL, 1);
        act(&fx, ACT_CHOOSE, ch[i]);
        act(&fx, ACT_CAST, 0);
        CHECK_INT(screen(&fx), SCR_RECORDED);
        act(&fx, ACT_FINISH, 0);
    }
    CHECK_INT(session_figures_get(fx.s, 1, &f, &err), AS_OK);
    CHECK_INT(f.state, PROP_OPEN);
    CHECK_INT(f.voted, 3);
    CHECK_INT(f.checked_in, 3);
    CHECK_INT(f.quorum, 3);
    CHECK(f.counts[0] == 0 && f.counts[1] == 0 && f.counts[2] == 0);
    CHECK(session_figures_get(fx.s, 17, &f, &err) != AS_OK);

    scan_member(&fx, ROSA);
    act(&fx, ACT_FAC_PROPOSAL, 1);
    act(&fx, ACT_FAC_CLOSE, 1);
    CHECK_INT(view(&fx).confirm_action, ACT_FAC_CLOSE);
    act(&fx, ACT_CANCEL, 0);
    CHECK_INT(screen(&fx), SCR_FAC_PROPOSAL); /* back where it was asked */
    CHECK_INT(state_of(&fx, 1), PROP_OPEN);
    act(&fx, ACT_FAC_CLOSE, 1);
    act(&fx, ACT_CONFIRM, 0);
    CHECK_INT(state_of(&fx, 1), PROP_CLOSED);
    CHECK_INT(view(&fx).msg, MSG_NONE);
    CHECK_INT(session_figures_get(fx.s, 1, &f, &err), AS_OK);
    CHECK_INT(f.counts[CHOICE_YES], 2);
    CHECK_INT(f.counts[CHOICE_NO], 1);
    CHECK_INT(f.counts[CHOICE_ABSTAIN], 0);
    /* Closed stays closed: opening again is refused by the store. */
    act(&fx, ACT_FAC_OPEN, 1);
    act(&fx, ACT_CONFIRM, 0);
    CHECK_INT(state_of(&fx, 1), PROP_CLOSED);
    act(&fx, ACT_BACK, 0);
    CHECK_INT(screen(&fx), SCR_FAC_HOME);

    /* Export and shut down are requests for the app. */
    CHECK_INT(session_take_request(fx.s), REQ_NONE);
    act(&fx, ACT_FAC_EXPORT, 0);
    CHECK_INT(session_take_request(fx.s), REQ_EXPORT);
    CHECK_INT(session_take_request(fx.s), REQ_NONE);
    session_report(fx.s, 1, "/media/usb/export", fx.now += 1000);
    CHECK_INT(view(&fx).msg, MSG_EXPORTED);
    CHECK_STR(view(&fx).detail, "/media/usb/export");
    session_report(fx.s, 0, "", fx.now += 1000);
    CHECK_INT(view(&fx).msg, MSG_NO_EXPORT_DIR);
    act(&fx, ACT_FAC_SHUTDOWN, 0);
    CHECK_INT(screen(&fx), SCR_FAC_CONFIRM);
    act(&fx, ACT_CANCEL, 0);
    CHECK_INT(session_take_request(fx.s), REQ_NONE);
    act(&fx, ACT_FAC_SHUTDOWN, 0);
    act(&fx, ACT_CONFIRM, 0);
    CHECK_INT(session_take_request(fx.s), REQ_SHUTDOWN);

    /* A facilitator votes as a member through the attendee screens. */
    act(&fx, ACT_FAC_VOTE, 0);
    CHECK_INT(screen(&fx), SCR_LANGUAGE);
    CHECK_INT(view(&fx).member_is_fac, 0);
    CHECK_INT(checked_in(&fx), 4);
out:
    teardown(&fx);
}

static void test_attendee_cannot_facilitate(void)
{
    fixture fx;
    if (!setup(&fx))
        goto out;
    set_state(&fx, 0, PROP_OPEN);
    scan_member(&fx, TOM);
    act(&fx, ACT_LANG, 0);
    CHECK_INT(screen(&fx), SCR_LIST);
    int acts[] = {ACT_FAC_OPEN, ACT_FAC_CLOSE, ACT_FAC_PROPOSAL, ACT_FAC_SHUTDOWN,
                  ACT_FAC_EXPORT, ACT_CONFIRM, ACT_FAC_LEAVE, ACT_FAC_VOTE,
                  ACT_DEMO_BADGE, ACT_CONTINUE, ACT_DISMISS, ACT_NEXT, ACT_CAST};
    for (size_t i = 0; i < sizeof acts / sizeof acts[0]; i++) {
        act(&fx, acts[i], 0);
        act(&fx, acts[i], 2);
        CHECK_MSG(screen(&fx) == SCR_LIST, "action %d moved an attendee to screen %d",
                  acts[i], screen(&fx));
    }
    CHECK_INT(state_of(&fx, 0), PROP_OPEN);
    CHECK_INT(state_of(&fx, 2), PROP_DRAFT);
    CHECK_INT(session_take_request(fx.s), REQ_NONE);
    CHECK_INT(ballots(&fx, 0), 0);
    /* Nor from idle, with nobody there. */
    act(&fx, ACT_FINISH, 0);
    act(&fx, ACT_FAC_OPEN, 2);
    act(&fx, ACT_CONFIRM, 0);
    act(&fx, ACT_DEMO_BADGE, ROSA); /* demo badges are off */
    CHECK_INT(screen(&fx), SCR_IDLE);
    CHECK_INT(state_of(&fx, 2), PROP_DRAFT);
out:
    teardown(&fx);
}

static void test_demo_badges(void)
{
    fixture fx;
    if (!setup(&fx))
        goto out;
    session_free(fx.s);
    fx.s = NULL;
    fx.cfg.demo = 1;
    CHECK_INT(session_new(fx.m, fx.st, &fx.cfg, &fx.s), AS_OK);
    CHECK_INT(view(&fx).demo, 1);
    act(&fx, ACT_DEMO_BADGE, 99);
    CHECK_INT(screen(&fx), SCR_IDLE);
    act(&fx, ACT_DEMO_BADGE, ANA);
    CHECK_INT(screen(&fx), SCR_LANGUAGE);
    CHECK_INT(checked_in(&fx), 1);
    act(&fx, ACT_FINISH, 0);
    act(&fx, ACT_DEMO_BADGE, ROSA);
    CHECK_INT(screen(&fx), SCR_FAC_HOME);
out:
    teardown(&fx);
}

static void test_bad_scans(void)
{
    fixture fx;
    char t[TOKEN_TEXT_SIZE];
    if (!setup(&fx))
        goto out;
    scan(&fx, "https://example.org/");
    CHECK_INT(screen(&fx), SCR_MESSAGE);
    CHECK_INT(view(&fx).msg, MSG_NOT_A_BADGE);
    scan(&fx, "");
    CHECK_INT(view(&fx).msg, MSG_NOT_A_BADGE);
    /* One wrong symbol in a real badge: a misread. */
    snprintf(t, sizeof t, "%s", token_of(&fx, ANA));
    t[0] = t[0] == 'Z' ? 'Y' : 'Z';
    scan(&fx, t);
    CHECK_INT(view(&fx).msg, MSG_MISREAD);
    /* Two neighbours swapped: also a misread. */
    snprintf(t, sizeof t, "%s", token_of(&fx, MARCUS));
    if (t[1] != t[2]) {
        char c = t[1];
        t[1] = t[2];
        t[2] = c;
        scan(&fx, t);
        CHECK_INT(view(&fx).msg, MSG_MISREAD);
    }
    /* A well-formed badge from somewhere else. */
    token_new(t);
    scan(&fx, t);
    CHECK_INT(screen(&fx), SCR_MESSAGE);
    CHECK_INT(view(&fx).msg, MSG_NOT_ON_ROSTER);
    CHECK_INT(checked_in(&fx), 0);
    /* Garbage of every length, binary included, never crashes. */
    char *big = malloc(10240);
    if (big) {
        for (int i = 0; i < 10240; i++)
            big[i] = (char)(i * 7 + 3);
        session_scan(fx.s, big, 10240, fx.now += 1000);
        CHECK_INT(view(&fx).msg, MSG_NOT_A_BADGE);
        memset(big, 'A', 10240);
        session_scan(fx.s, big, 10240, fx.now += 1000);
        CHECK_INT(view(&fx).msg, MSG_NOT_A_BADGE);
        /* a real token followed by 10 kB more: not a badge either */
        memcpy(big, token_of(&fx, ANA), strlen(token_of(&fx, ANA)));
        session_scan(fx.s, big, 10240, fx.now += 1000);
        CHECK_INT(view(&fx).msg, MSG_NOT_A_BADGE);
        free(big);
    }
    /* Only the given length is read: a token cut short is not a badge. */
    const char *ana = token_of(&fx, ANA);
    session_scan(fx.s, ana, strlen(ana) - 1, fx.now += 1000);
    CHECK(view(&fx).msg == MSG_NOT_A_BADGE || view(&fx).msg == MSG_MISREAD);
    CHECK_INT(checked_in(&fx), 0);
    /* After all that, a good scan still works. */
    scan_member(&fx, ANA);
    CHECK_INT(screen(&fx), SCR_LANGUAGE);
    CHECK_INT(view(&fx).msg, MSG_NONE);
    CHECK_INT(checked_in(&fx), 1);
out:
    teardown(&fx);
}

/* One of several kiosks that cannot reach its hub (docs/several-kiosks.md):
 * the snapshot says paused, any scan is answered "paused" and checks
 * nobody in; once the hub is back a scan works again. */
static void test_paused(void)
{
    fixture fx;
    if (!setup(&fx))
        goto out;
    session_set_paused(fx.s, 1, fx.now);
    CHECK_INT(session_snapshot(fx.s)->paused, 1);
    scan_member(&fx, ANA);
    CHECK_INT(screen(&fx), SCR_MESSAGE);
    CHECK_INT(view(&fx).msg, MSG_PAUSED);
    CHECK_INT(checked_in(&fx), 0);
    act(&fx, ACT_DISMISS, 0);
    session_set_paused(fx.s, 0, fx.now);
    CHECK_INT(session_snapshot(fx.s)->paused, 0);
    scan_member(&fx, ANA);
    CHECK_INT(screen(&fx), SCR_LANGUAGE);
    CHECK_INT(checked_in(&fx), 1);
out:
    teardown(&fx);
}

/* The store refuses the ballot (ballots.db may not grow): the voter sees
 * that the vote was NOT recorded, and nothing half-written remains. */
static void test_vote_error(void)
{
    fixture fx;
    as_err err;
    uint8_t b[TOKEN_HASH_SIZE];
    as_status st = AS_OK;
    if (!setup(&fx))
        goto out;
    set_state(&fx, 0, PROP_OPEN);
    /* Some ballots already in; then the disk fills up: no journal can be
     * written (a cast changes its rows in place, so a database size cap
     * would not stop it; a full disk does). */
    int64_t filled = 0;
    for (int i = 0; i < 20 && st == AS_OK; i++) {
        randombytes_buf(b, sizeof b);
        st = store_cast(fx.st, fx.m->props[0].id, b, CHOICE_ABSTAIN, &err);
        filled += st == AS_OK;
    }
    CHECK_INT(st, AS_OK);
    store_test_journal_full(1);
    randombytes_buf(b, sizeof b);
    CHECK_INT(store_cast(fx.st, fx.m->props[0].id, b, CHOICE_ABSTAIN, &err),
              AS_EFULL);
    store_test_journal_full(0);
    scan_member(&fx, ANA);
    act(&fx, ACT_LANG, 0);
    act(&fx, ACT_PROPOSAL, 0);
    act(&fx, ACT_CHOOSE, CHOICE_YES);
    store_test_journal_full(1); /* full while Ana casts */
    act(&fx, ACT_CAST, 0);
    CHECK_INT(screen(&fx), SCR_VOTE_ERROR);
    CHECK_INT(view(&fx).msg, MSG_STORE_ERROR);
    CHECK_MSG(strstr(view(&fx).detail, "ballots.db") != NULL, "detail: %s", view(&fx).detail);
    CHECK_INT(view(&fx).choice, -1);
    CHECK_INT(session_deadline(fx.s), 0); /* waits for a person */
    CHECK_INT(ballots(&fx, 0), filled);
    CHECK_INT(has_voted(&fx, ANA, 0), 0);
    act(&fx, ACT_CAST, 0);
    CHECK_INT(screen(&fx), SCR_VOTE_ERROR);
    store_test_journal_full(0);
    act(&fx, ACT_DISMISS, 0);
    CHECK_INT(screen(&fx), SCR_IDLE);
    /* Once there is room again, the same badge votes normally. */
    scan_member(&fx, ANA);
    act(&fx, ACT_LANG, 0);
    act(&fx, ACT_PROPOSAL, 0);
    act(&fx, ACT_CHOOSE, CHOICE_YES);
    act(&fx, ACT_CAST, 0);
    CHECK_INT(screen(&fx), SCR_RECORDED);
    CHECK_INT(ballots(&fx, 0), filled + 1);
    CHECK_INT(store_integrity(fx.st, &err), AS_OK);
out:
    teardown(&fx);
}


/* ---------------------------------------------------------------- */
/* every voting method (the demo's proposals 3..7) */

enum { P_GARDEN = 3, P_BANNER = 4, P_CHAIR = 5, P_COUNCIL = 6, P_RECALL = 7 };

typedef struct {
    char text[8][BALLOT_TEXT_MAX + 1];
    int n;
} texts;

static as_status collect(void *ud, const uint8_t id[BALLOT_ID_SIZE],
                         const char *choice, size_t n)
{
    texts *t = ud;
    (void)id;
    if (t->n < 8)
        snprintf(t->text[t->n++], sizeof t->text[0], "%.*s", (int)n, choice);
    return AS_OK;
}

/* stored: the one ballot text of prop, or "" (and a failure) if not one. */
static const char *stored(fixture *fx, int prop)
{
    static texts t;
    as_err err;
    memset(&t, 0, sizeof t);
    CHECK_INT(store_each_ballot_text(fx->st, fx->m->props[prop].id, collect, &t,
                                     &err), AS_OK);
    CHECK_MSG(t.n == 1, "%d ballots stored for %s", t.n, fx->m->props[prop].id);
    return t.n == 1 ? t.text[0] : "";
}

/* to_ballot: Ana at the ballot screen of prop. */
static void to_ballot(fixture *fx, int who, int prop)
{
    scan_member(fx, who);
    act(fx, ACT_LANG, 0);
    act(fx, ACT_PROPOSAL, prop);
    CHECK_INT(screen(fx), SCR_PROPOSAL);
    /* Not a yes/no proposal: Yes / No / Abstain taps are stale here. */
    act(fx, ACT_CHOOSE, CHOICE_YES);
    CHECK_INT(screen(fx), SCR_PROPOSAL);
    act(fx, ACT_GO_BALLOT, 0);
    CHECK_INT(screen(fx), SCR_BALLOT);
}

static void test_ranked_ballot(void)
{
    fixture fx;
    if (!setup(&fx))
        goto out;
    set_state(&fx, P_CHAIR, PROP_OPEN);
    to_ballot(&fx, ANA, P_CHAIR);
    session_view v = view(&fx);
    CHECK_INT(v.max_marks, 3);
    CHECK_INT(v.ballot->n, 0);
    /* Nothing can be cast or reviewed before a rank or "Leave blank". */
    act(&fx, ACT_CAST, 0);
    act(&fx, ACT_BALLOT_REVIEW, 0);
    CHECK_INT(screen(&fx), SCR_BALLOT);
    CHECK_INT(ballots(&fx, P_CHAIR), 0);
    act(&fx, ACT_RANK, 1);
    act(&fx, ACT_RANK, 1); /* twice: no repeated rank, a kind word */
    v = view(&fx);
    CHECK_INT(v.ballot->n, 1);
    CHECK_INT(v.hint, HINT_ALREADY_RANKED);
    act(&fx, ACT_RANK, 3);  /* no such option */
    act(&fx, ACT_RANK, -1);
    act(&fx, ACT_APPROVE, 0); /* another method's tap */
    v = view(&fx);
    CHECK_INT(v.ballot->n, 1);
    CHECK_INT(v.hint, HINT_NONE);
    act(&fx, ACT_RANK, 0);
    v = view(&fx);
    CHECK_INT(v.ballot->n, 2);
    CHECK_INT(v.ballot->opt[0], 1);
    CHECK_INT(v.ballot->opt[1], 0);
    act(&fx, ACT_RANK_UNDO, 0);
    v = view(&fx);
    CHECK_INT(v.ballot->n, 1);
    CHECK_INT(v.ballot->opt[0], 1);
    act(&fx, ACT_RANK_CLEAR, 0);
    CHECK_INT(view(&fx).ballot->n, 0);
    act(&fx, ACT_RANK_UNDO, 0); /* undo on nothing: still nothing */
    CHECK_INT(view(&fx).ballot->n, 0);
    act(&fx, ACT_RANK, 2);
    act(&fx, ACT_RANK, 0);
    act(&fx, ACT_RANK, 1);
    CHECK_INT(view(&fx).ballot->n, 3);
    act(&fx, ACT_RANK, 1); /* all ranked */
    CHECK_INT(view(&fx).ballot->n, 3);
    act(&fx, ACT_BALLOT_BLANK, 0); /* not blank: ignored */
    CHECK_INT(screen(&fx), SCR_BALLOT);
    act(&fx, ACT_BALLOT_REVIEW, 0);
    CHECK_INT(screen(&fx), SCR_REVIEW);
    CHECK_INT(ballots(&fx, P_CHAIR), 0); /* review records nothing */
    /* Stale ranking taps on the review change nothing. */
    act(&fx, ACT_RANK_CLEAR, 0);
    act(&fx, ACT_RANK_UNDO, 0);
    CHECK_INT(view(&fx).ballot->n, 3);
    /* Change keeps the order to adjust it. */
    act(&fx, ACT_CHANGE, 0);
    CHECK_INT(screen(&fx), SCR_BALLOT);
    CHECK_INT(view(&fx).ballot->n, 3);
    act(&fx, ACT_BALLOT_REVIEW, 0);
    act(&fx, ACT_CAST, 0);
    CHECK_INT(screen(&fx), SCR_RECORDED);
    /* The pending choice is wiped once cast. */
    CHECK_INT(view(&fx).ballot->n, 0);
    CHECK_INT(ballots(&fx, P_CHAIR), 1);
    CHECK(has_voted(&fx, ANA, P_CHAIR) == 1);
    CHECK_STR(stored(&fx, P_CHAIR), "marcus>ana>lucia");
    /* A second cast from the same screen is stale. */
    act(&fx, ACT_CAST, 0);
    CHECK_INT(ballots(&fx, P_CHAIR), 1);
out:
    teardown(&fx);
}

static void test_ranked_blank_and_stv(void)
{
    fixture fx;
    if (!setup(&fx))
        goto out;
    set_state(&fx, P_CHAIR, PROP_OPEN);
    set_state(&fx, P_COUNCIL, PROP_OPEN);
    /* A blank ranked ballot only through "Leave blank". */
    to_ballot(&fx, MARCUS, P_CHAIR);
    act(&fx, ACT_BALLOT_BLANK, 0);
    CHECK_INT(screen(&fx), SCR_REVIEW);
    CHECK_INT(view(&fx).ballot->n, 0);
    act(&fx, ACT_CAST, 0);
    CHECK_INT(screen(&fx), SCR_RECORDED);
    CHECK_STR(stored(&fx, P_CHAIR), "none");
    act(&fx, ACT_FINISH, 0);
    /* STV: the ranks one taps, in order. */
    to_ballot(&fx, MARCUS, P_COUNCIL);
    CHECK_INT(view(&fx).max_marks, 4);
    act(&fx, ACT_RANK, 3);
    act(&fx, ACT_RANK, 2);
    act(&fx, ACT_BALLOT_REVIEW, 0);
    act(&fx, ACT_CAST, 0);
    CHECK_STR(stored(&fx, P_COUNCIL), "tom>lucia");
out:
    teardown(&fx);
}

static void test_approval_limit(void)
{
    fixture fx;
    if (!setup(&fx))
        goto out;
    set_state(&fx, P_BANNER, PROP_OPEN);
    to_ballot(&fx, LUCIA, P_BANNER);
    CHECK_INT(view(&fx).max_marks, 2);
    act(&fx, ACT_APPROVE, 3);
    act(&fx, ACT_APPROVE, 0);
    session_view v = view(&fx);
    CHECK_INT(v.ballot->n, 2);
    CHECK_INT(v.ballot->opt[0], 0); /* kept in meeting order */
    CHECK_INT(v.ballot->opt[1], 3);
    /* At the limit another tap is refused kindly, nothing changes. */
    act(&fx, ACT_APPROVE, 1);
    v = view(&fx);
    CHECK_INT(v.ballot->n, 2);
    CHECK_INT(v.hint, HINT_APPROVE_LIMIT);
    act(&fx, ACT_APPROVE, 0); /* tap again: removed */
    v = view(&fx);
    CHECK_INT(v.ballot->n, 1);
    CHECK_INT(v.hint, HINT_NONE);
    act(&fx, ACT_APPROVE, 1);
    act(&fx, ACT_APPROVE, 4); /* no such option */
    act(&fx, ACT_RANK, 2);    /* another method's tap */
    v = view(&fx);
    CHECK_INT(v.ballot->n, 2);
    act(&fx, ACT_BALLOT_REVIEW, 0);
    CHECK_INT(screen(&fx), SCR_REVIEW);
    CHECK_INT(ballots(&fx, P_BANNER), 0);
    act(&fx, ACT_CAST, 0);
    CHECK_INT(screen(&fx), SCR_RECORDED);
    CHECK_STR(stored(&fx, P_BANNER), "green,gold");
out:
    teardown(&fx);
}

static void test_consensus_and_recall(void)
{
    fixture fx;
    if (!setup(&fx))
        goto out;
    set_state(&fx, P_GARDEN, PROP_OPEN);
    set_state(&fx, P_RECALL, PROP_OPEN);
    to_ballot(&fx, TOM, P_GARDEN);
    act(&fx, ACT_CHOOSE, 3); /* out of range */
    CHECK_INT(screen(&fx), SCR_BALLOT);
    act(&fx, ACT_CHOOSE, CONSENSUS_BLOCK);
    CHECK_INT(screen(&fx), SCR_REVIEW);
    CHECK_INT(view(&fx).choice, CONSENSUS_BLOCK);
    act(&fx, ACT_CHANGE, 0); /* asked again */
    CHECK_INT(screen(&fx), SCR_BALLOT);
    CHECK_INT(view(&fx).choice, -1);
    act(&fx, ACT_CAST, 0); /* stale */
    CHECK_INT(ballots(&fx, P_GARDEN), 0);
    act(&fx, ACT_CHOOSE, CONSENSUS_STAND_ASIDE);
    act(&fx, ACT_CAST, 0);
    CHECK_INT(screen(&fx), SCR_RECORDED);
    CHECK_STR(stored(&fx, P_GARDEN), "stand-aside");
    act(&fx, ACT_NEXT, 0);
    CHECK_INT(screen(&fx), SCR_LIST);
    act(&fx, ACT_PROPOSAL, P_RECALL);
    act(&fx, ACT_GO_BALLOT, 0);
    act(&fx, ACT_CHOOSE, CHOICE_NO);
    act(&fx, ACT_CAST, 0);
    CHECK_STR(stored(&fx, P_RECALL), "no");
out:
    teardown(&fx);
}

/* Timeouts and scans in the middle of a ballot: nothing is cast, the
 * marks are wiped, and the badge can still vote. */
static void test_ballot_interrupted(void)
{
    fixture fx;
    if (!setup(&fx))
        goto out;
    set_state(&fx, P_CHAIR, PROP_OPEN);
    to_ballot(&fx, ANA, P_CHAIR);
    act(&fx, ACT_RANK, 0);
    session_tick(fx.s, fx.now += (uint64_t)fx.cfg.idle_ms);
    CHECK_INT(screen(&fx), SCR_STILL);
    act(&fx, ACT_RANK, 1); /* under the "Still voting?" screen: stale */
    act(&fx, ACT_CONTINUE, 0);
    CHECK_INT(screen(&fx), SCR_BALLOT);
    CHECK_INT(view(&fx).ballot->n, 1);
    session_tick(fx.s, fx.now += (uint64_t)fx.cfg.idle_ms);
    session_tick(fx.s, fx.now += (uint64_t)fx.cfg.still_ms);
    CHECK_INT(screen(&fx), SCR_IDLE);
    CHECK_INT(view(&fx).ballot->n, 0);
    CHECK_INT(ballots(&fx, P_CHAIR), 0);
    /* Marcus scans in the middle of Ana's ranking: her marks are gone. */
    to_ballot(&fx, ANA, P_CHAIR);
    act(&fx, ACT_RANK, 2);
    scan_member(&fx, MARCUS);
    CHECK_INT(view(&fx).ballot->n, 0);
    act(&fx, ACT_RANK, 1); /* Ana's tap arriving late: stale */
    act(&fx, ACT_CAST, 0);
    CHECK_INT(ballots(&fx, P_CHAIR), 0);
    CHECK(has_voted(&fx, ANA, P_CHAIR) == 0);
out:
    teardown(&fx);
}

/* Results through tally_counter: the same count as the export's. */
static void test_method_results(void)
{
    fixture fx;
    const tally_result *r = NULL;
    as_err err = {{0}};
    if (!setup(&fx))
        goto out;
    set_state(&fx, P_GARDEN, PROP_OPEN);
    const int who[] = {ANA, MARCUS, LUCIA, TOM};
    const int pick[] = {CONSENSUS_AGREE, CONSENSUS_AGREE, CONSENSUS_STAND_ASIDE,
                        CONSENSUS_STAND_ASIDE};
    for (int k = 0; k < 4; k++) {
        to_ballot(&fx, who[k], P_GARDEN);
        act(&fx, ACT_CHOOSE, pick[k]);
        act(&fx, ACT_CAST, 0);
        CHECK_INT(screen(&fx), SCR_RECORDED);
        act(&fx, ACT_FINISH, 0);
    }
    CHECK_INT(session_result_get(fx.s, P_GARDEN, &r, &err), AS_ESTATE);
    set_state(&fx, P_GARDEN, PROP_CLOSED);
    as_status st = session_result_get(fx.s, P_GARDEN, &r, &err);
    CHECK_MSG(st == AS_OK, "session_result_get: %s", err.msg);
    if (st == AS_OK) {
        CHECK_INT(r->ballots, 4);
        CHECK_INT(r->counts[CONSENSUS_STAND_ASIDE], 2);
        /* no-blocks-third-aside: 2 of 4 stood aside, a third or more */
        CHECK_INT(r->verdict, TALLY_TABLED);
        /* Counted once: the session keeps it for the screen's frames. */
        const tally_result *again = NULL;
        CHECK_INT(session_result_get(fx.s, P_GARDEN, &again, &err), AS_OK);
        CHECK(again == r);
    }
out:
    teardown(&fx);
}

/* The room display's state (snapshot.room): the console chooses it,
 * opening and closing a vote move it, rounds stay within the result. */
static void test_room(void)
{
    fixture fx;
    const room_show *r;
    if (!setup(&fx))
        goto out;
    r = &session_snapshot(fx.s)->room;
    CHECK_INT(r->mode, ROOM_AGENDA);
    CHECK_INT(r->proposal, -1);
    /* An attendee's screens ignore the console's actions. */
    scan_member(&fx, ANA);
    act(&fx, ACT_ROOM_SHOW, ROOM_BLANK);
    act(&fx, ACT_ROOM_HERE, 1);
    CHECK_INT(r->mode, ROOM_AGENDA);
    CHECK_INT(r->here, 0);
    act(&fx, ACT_FINISH, 0);
    scan_member(&fx, ROSA);
    CHECK_INT(screen(&fx), SCR_FAC_HOME);
    act(&fx, ACT_ROOM_SHOW, ROOM_BLANK);
    CHECK_INT(r->mode, ROOM_BLANK);
    /* A proposal's view needs the console on a proposal. */
    act(&fx, ACT_ROOM_SHOW, ROOM_PROPOSAL);
    CHECK_INT(r->mode, ROOM_BLANK);
    act(&fx, ACT_FAC_PROPOSAL, P_CHAIR);
    act(&fx, ACT_ROOM_SHOW, ROOM_PROPOSAL);
    CHECK_INT(r->mode, ROOM_PROPOSAL);
    CHECK_INT(r->proposal, P_CHAIR);
    act(&fx, ACT_ROOM_SHOW, 99);
    CHECK_INT(r->mode, ROOM_PROPOSAL);
    /* Opening moves the room to turnout, closing to the result. */
    act(&fx, ACT_FAC_OPEN, P_CHAIR);
    act(&fx, ACT_CONFIRM, 0);
    CHECK_INT(state_of(&fx, P_CHAIR), PROP_OPEN);
    CHECK_INT(r->mode, ROOM_TURNOUT);
    CHECK_INT(r->proposal, P_CHAIR);
    act(&fx, ACT_FAC_LEAVE, 0);
    const int who[] = {ANA, MARCUS, LUCIA, TOM};
    for (int k = 0; k < 4; k++) {
        to_ballot(&fx, who[k], P_CHAIR);
        act(&fx, ACT_RANK, k % 3);
        act(&fx, ACT_RANK, (k + 1) % 3);
        act(&fx, ACT_BALLOT_REVIEW, 0);
        act(&fx, ACT_CAST, 0);
        CHECK_INT(screen(&fx), SCR_RECORDED);
        act(&fx, ACT_FINISH, 0);
    }
    scan_member(&fx, ROSA);
    act(&fx, ACT_FAC_CLOSE, P_CHAIR);
    act(&fx, ACT_CONFIRM, 0);
    CHECK_INT(state_of(&fx, P_CHAIR), PROP_CLOSED);
    CHECK_INT(r->mode, ROOM_RESULT);
    CHECK_INT(r->round, 0);
    const snapshot *sn = session_snapshot(fx.s);
    const tally_result *res = sn->props[P_CHAIR].result;
    CHECK(res && res->rcv);
    int steps = method_result_steps(&fx.m->props[P_CHAIR], res);
    CHECK(steps >= 1);
    act(&fx, ACT_ROOM_ROUND, -1);
    CHECK_INT(r->round, 0);
    for (int k = 0; k < steps + 3; k++)
        act(&fx, ACT_ROOM_ROUND, 1);
    CHECK_INT(r->round, steps);
    /* The room view on this screen: in from the console, out by a tap;
     * a scan takes the screen back for whoever scanned. */
    act(&fx, ACT_ROOM_HERE, 1);
    CHECK_INT(session_snapshot(fx.s)->room.here, 1);
    act(&fx, ACT_ROOM_HERE, 0);
    CHECK_INT(r->here, 0);
    act(&fx, ACT_ROOM_HERE, 1);
    scan_member(&fx, ANA);
    CHECK_INT(r->here, 0);
out:
    teardown(&fx);
}

/* The snapshot (snapshot.h): figures read when something changes, never
 * per frame; a closed proposal counted once, at close, and at start for
 * one closed before. */
static void test_snapshot(void)
{
    fixture fx;
    session *again = NULL;
    as_err err = {{0}};
    if (!setup(&fx))
        goto out;
    set_state(&fx, 1, PROP_OPEN);
    const int who[2] = {ANA, MARCUS}, ch[2] = {CHOICE_YES, CHOICE_NO};
    for (int i = 0; i < 2; i++) {
        scan_member(&fx, who[i]);
        act(&fx, ACT_LANG, 0);
        act(&fx, ACT_PROPOSAL, 1);
        act(&fx, ACT_CHOOSE, ch[i]);
        act(&fx, ACT_CAST, 0);
        act(&fx, ACT_FINISH, 0);
    }
    scan_member(&fx, ROSA);
    const snapshot *sn = session_snapshot(fx.s);
    CHECK(sn->meeting == fx.m);
    CHECK_INT(sn->nprops, fx.m->nprops);
    CHECK_INT(sn->view.screen, SCR_FAC_HOME);
    CHECK_INT(sn->checked_in, 2); /* the facilitator does not check in here */
    CHECK_INT(sn->props[1].have_fig, 1);
    CHECK_INT(sn->props[1].fig.state, PROP_OPEN);
    CHECK_INT(sn->props[1].fig.voted, 2);
    CHECK(sn->props[1].result == NULL);
    /* Nothing changed in the session: drawing again reads no store, so a
     * check-in made behind its back shows only after the next change. */
    uint8_t h[TOKEN_HASH_SIZE];
    token_hash(store_key(fx.st), token_of(&fx, TOM), h);
    CHECK_INT(store_checkin(fx.st, h, NULL, &err), AS_OK);
    CHECK_INT(session_snapshot(fx.s)->checked_in, 2);
    act(&fx, ACT_FAC_PROPOSAL, 1);
    CHECK_INT(session_snapshot(fx.s)->checked_in, 3);
    /* Closing counts the result at once, before anything draws it. */
    act(&fx, ACT_FAC_CLOSE, 1);
    act(&fx, ACT_CONFIRM, 0);
    const tally_result *r = NULL;
    CHECK_INT(session_result_get(fx.s, 1, &r, &err), AS_OK);
    sn = session_snapshot(fx.s);
    CHECK(r != NULL && sn->props[1].result == r);
    CHECK_INT(sn->props[1].status, AS_OK);
    CHECK_INT(sn->props[1].fig.state, PROP_CLOSED);
    CHECK_INT(sn->props[1].fig.counts[CHOICE_YES], 1);
    CHECK_INT(sn->props[1].fig.counts[CHOICE_NO], 1);
    if (r)
        CHECK_INT(r->ballots, 2);
    /* A new session (the kiosk restarted) counts it when it starts. */
    CHECK_INT(session_new(fx.m, fx.st, &fx.cfg, &again), AS_OK);
    if (again) {
        /* On IDLE the snapshot reads no figures: the result is there
         * because session_new counted it. */
        const tally_result *r2 = session_snapshot(again)->props[1].result;
        const tally_result *r3 = NULL;
        CHECK(r2 != NULL);
        CHECK_INT(session_result_get(again, 1, &r3, &err), AS_OK);
        CHECK(r3 == r2);
        if (r2)
            CHECK_INT(r2->ballots, 2);
    }
    session_free(again);
out:
    teardown(&fx);
}

int main(void)
{
    if (sodium_init() < 0) {
        CHECK_MSG(0, "sodium_init failed");
        return check_done();
    }
    test_checkin_and_language();
    test_cast_and_double_vote();
    test_timeouts();
    test_scan_interrupts();
    test_facilitator();
    test_room();
    test_snapshot();
    test_attendee_cannot_facilitate();
    test_demo_badges();
    test_bad_scans();
    test_paused();
    test_vote_error();
    test_ranked_ballot();
    test_ranked_blank_and_stv();
    test_approval_limit();
    test_consensus_and_recall();
    test_ballot_interrupted();
    test_method_results();
    return check_done();
}
