/* test_session_desk.c: the check-in desk (`asamblea kiosk --mode desk`)
 * and card mode (`credentials: cards`) in the session state machine, over
 * a real store (SQLite files in a fresh /tmp directory) with the meetings
 * and roster in tests/data/desk, on a simulated clock.  Every figure is
 * read back from the store: "checked in" means a row on disk. */
#include <sodium.h>
#include "check.h"
#include "test_store_util.h"
#include "meeting.h"
#include "session.h"
#include "store_sqlite.h"

#define DESK AS_TEST_DATA "/desk"

/* tests/data/desk/roster.csv, in order. */
enum { ROSA = 0, ANA, BEN, JOSE, MARIA1, MARIA2, ZOE, TOM };

typedef struct {
    char *dir;
    meeting *m;
    store *st;
    session *s;      /* the desk, or the vote kiosk (desk = 0) */
    session *vote;   /* a vote kiosk on the same store, or NULL */
    uint64_t now;
} fixture;

static int setup(fixture *fx, const char *yaml, int desk, int with_vote)
{
    diag_list d;
    as_err err = {{0}};
    session_config c;

    memset(fx, 0, sizeof *fx);
    fx->now = 5000;
    fx->dir = tu_mkdtemp();
    diag_init(&d);
    as_status st = meeting_load(yaml, &fx->m, &d);
    CHECK_MSG(st == AS_OK, "%s: %s", yaml, d.n ? d.lines[0] : "?");
    diag_free(&d);
    if (st != AS_OK)
        return 0;
    st = store_open(fx->dir, fx->m->sha256, &fx->st, &err);
    CHECK_MSG(st == AS_OK, "store_open: %s", err.msg);
    if (st != AS_OK)
        return 0;
    session_config_default(&c, fx->m);
    c.desk = desk;
    CHECK_INT(session_new(fx->m, fx->st, &c, &fx->s), AS_OK);
    if (with_vote) {
        session_config_default(&c, fx->m);
        CHECK_INT(session_new(fx->m, fx->st, &c, &fx->vote), AS_OK);
    }
    return fx->s != NULL && (!with_vote || fx->vote);
}

static void teardown(fixture *fx)
{
    session_free(fx->s);
    session_free(fx->vote);
    store_free(fx->st);
    meeting_free(fx->m);
    if (fx->dir) {
        tu_rm_rf(fx->dir);
        free(fx->dir);
    }
}

static session_view view_of(session *s)
{
    session_view v;
    session_view_get(s, &v);
    return v;
}

static int screen(const fixture *fx)
{
    return (int)view_of(fx->s).screen;
}

static const char *token_of(const fixture *fx, int who)
{
    return roster_get(fx->m->roster, who)->token;
}

static void scan_on(fixture *fx, session *s, const char *text)
{
    session_scan(s, text, strlen(text), fx->now += 1000);
}

static void scan_member(fixture *fx, int who)
{
    scan_on(fx, fx->s, token_of(fx, who));
}

static void act(fixture *fx, int action, int arg)
{
    session_action(fx->s, action, arg, fx->now += 1000);
}

static void key(fixture *fx, const char *letters)
{
    for (const char *p = letters; *p; p++)
        act(fx, ACT_KEY, *p);
}

static int64_t checked_in(fixture *fx)
{
    int64_t n = -1;
    as_err err;
    CHECK_INT(store_checked_in_count(fx->st, &n, &err), AS_OK);
    return n;
}

static int is_in(fixture *fx, int who)
{
    uint8_t h[TOKEN_HASH_SIZE];
    int yes = -1;
    as_err err;
    token_hash(store_key(fx->st), token_of(fx, who), h);
    CHECK_INT(store_is_checked_in(fx->st, h, &yes, &err), AS_OK);
    return yes;
}

static int64_t ballots(fixture *fx, int prop)
{
    int64_t n = -1;
    as_err err;
    CHECK_INT(store_ballot_count(fx->st, fx->m->props[prop].id, &n, &err), AS_OK);
    return n;
}

static void open_prop(fixture *fx, int prop)
{
    as_err err;
    CHECK_INT(store_set_proposal_state(fx->st, fx->m->props[prop].id, PROP_OPEN,
                                       &err), AS_OK);
}

/* vote_on: casts choice on prop through the vote kiosk s with the
 * credential text (a badge or a card), English. */
static void vote_on(fixture *fx, session *s, const char *cred, int prop,
                    int choice)
{
    scan_on(fx, s, cred);
    if (view_of(s).screen == SCR_LANGUAGE)
        session_action(s, ACT_LANG, 0, fx->now += 1000);
    CHECK_INT(view_of(s).screen, SCR_LIST);
    session_action(s, ACT_PROPOSAL, prop, fx->now += 1000);
    session_action(s, ACT_CHOOSE, choice, fx->now += 1000);
    session_action(s, ACT_CAST, 0, fx->now += 1000);
    CHECK_INT(view_of(s).screen, SCR_RECORDED);
    session_action(s, ACT_FINISH, 0, fx->now += 1000);
}

/* A desk screen is never one of the vote's screens. */
static int is_vote_screen(int sc)
{
    return sc == SCR_LANGUAGE || sc == SCR_LIST || sc == SCR_PROPOSAL ||
           sc == SCR_REVIEW || sc == SCR_RECORDED || sc == SCR_FAC_HOME ||
           sc == SCR_FAC_PROPOSAL || sc == SCR_FAC_CONFIRM;
}

/* ---------------------------------------------------------------- */

static void test_checkin_again_and_out(void)
{
    fixture fx;
    if (!setup(&fx, DESK "/meeting.yaml", 1, 0))
        goto out;
    session_view v = view_of(fx.s);
    CHECK(v.desk);
    CHECK(!v.cards);
    CHECK_INT(screen(&fx), SCR_IDLE);

    /* First scan: welcome, counted. */
    scan_member(&fx, ANA);
    v = view_of(fx.s);
    CHECK_INT(v.screen, SCR_DESK_WELCOME);
    CHECK_INT(v.person, ANA);
    CHECK_INT(v.by_facilitator, 0);
    CHECK_INT(checked_in(&fx), 1);
    CHECK_INT(is_in(&fx, ANA), 1);
    CHECK_INT((int)session_fac_checked_in(fx.s), 0);
    act(&fx, ACT_DISMISS, 0);
    CHECK_INT(screen(&fx), SCR_IDLE);
    CHECK_INT(view_of(fx.s).person, -1);

    /* The welcome goes away by itself, nothing else happens. */
    scan_member(&fx, BEN);
    CHECK_INT(screen(&fx), SCR_DESK_WELCOME);
    CHECK(session_tick(fx.s, view_of(fx.s).deadline));
    CHECK_INT(screen(&fx), SCR_IDLE);
    CHECK_INT(checked_in(&fx), 2);

    /* Second scan: already checked in, not counted twice; OK goes back. */
    scan_member(&fx, ANA);
    v = view_of(fx.s);
    CHECK_INT(v.screen, SCR_DESK_ALREADY);
    CHECK_INT(v.person, ANA);
    CHECK_INT(checked_in(&fx), 2);
    act(&fx, ACT_DISMISS, 0);
    CHECK_INT(screen(&fx), SCR_IDLE);
    CHECK_INT(checked_in(&fx), 2);

    /* Check out asks first; Cancel keeps them in. */
    scan_member(&fx, ANA);
    act(&fx, ACT_DESK_CHECKOUT, 0);
    CHECK_INT(screen(&fx), SCR_DESK_CHECKOUT);
    CHECK_INT(view_of(fx.s).person, ANA);
    act(&fx, ACT_CANCEL, 0);
    CHECK_INT(screen(&fx), SCR_DESK_ALREADY);
    CHECK_INT(checked_in(&fx), 2);
    CHECK_INT(is_in(&fx, ANA), 1);
    /* Confirmed: out, count drops, Ben stays. */
    act(&fx, ACT_DESK_CHECKOUT, 0);
    act(&fx, ACT_CONFIRM, 0);
    v = view_of(fx.s);
    CHECK_INT(v.screen, SCR_DESK_LEFT);
    CHECK_INT(v.person, ANA);
    CHECK_INT(checked_in(&fx), 1);
    CHECK_INT(is_in(&fx, ANA), 0);
    CHECK_INT(is_in(&fx, BEN), 1);
    act(&fx, ACT_DISMISS, 0);
    CHECK_INT(screen(&fx), SCR_IDLE);

    /* Coming back works as the first time. */
    scan_member(&fx, ANA);
    CHECK_INT(screen(&fx), SCR_DESK_WELCOME);
    CHECK_INT(checked_in(&fx), 2);
    act(&fx, ACT_DISMISS, 0);

    /* Actions of other screens do nothing at the desk. */
    scan_member(&fx, ANA);
    act(&fx, ACT_DESK_BY_NAME, 0);
    act(&fx, ACT_KEY, 'A');
    act(&fx, ACT_DESK_PICK, BEN);
    act(&fx, ACT_PROPOSAL, 0);
    CHECK_INT(screen(&fx), SCR_DESK_ALREADY);
    act(&fx, ACT_DISMISS, 0);

    /* Garbage and unknown badges get their calm messages. */
    scan_on(&fx, fx.s, "hello");
    CHECK_INT(screen(&fx), SCR_MESSAGE);
    CHECK_INT(view_of(fx.s).msg, MSG_NOT_A_BADGE);
    act(&fx, ACT_DISMISS, 0);
    {
        char t[TOKEN_TEXT_SIZE];
        token_new(t);
        scan_on(&fx, fx.s, t);
        CHECK_INT(view_of(fx.s).msg, MSG_NOT_ON_ROSTER);
        act(&fx, ACT_DISMISS, 0);
    }
    CHECK_INT(checked_in(&fx), 2);
out:
    teardown(&fx);
}

/* Checking out never touches ballots or voted flags. */
static void test_checkout_keeps_votes(void)
{
    fixture fx;
    if (!setup(&fx, DESK "/meeting.yaml", 1, 1))
        goto out;
    open_prop(&fx, 0);
    scan_member(&fx, BEN);
    act(&fx, ACT_DISMISS, 0);
    vote_on(&fx, fx.vote, token_of(&fx, BEN), 0, CHOICE_YES);
    CHECK_INT(ballots(&fx, 0), 1);
    {
        as_err err;
        int64_t voted = -1;
        CHECK_INT(store_voted_count(fx.st, fx.m->props[0].id, &voted, &err), AS_OK);
        CHECK_INT(voted, 1);
    }
    scan_member(&fx, BEN);
    act(&fx, ACT_DESK_CHECKOUT, 0);
    act(&fx, ACT_CONFIRM, 0);
    CHECK_INT(screen(&fx), SCR_DESK_LEFT);
    CHECK_INT(checked_in(&fx), 0);
    CHECK_INT(ballots(&fx, 0), 1);
    {
        as_err err;
        int64_t voted = -1;
        CHECK_INT(store_voted_count(fx.st, fx.m->props[0].id, &voted, &err), AS_OK);
        CHECK_INT(voted, 1);
    }
    /* Still voted: back at the vote kiosk, nothing to vote on. */
    scan_on(&fx, fx.vote, token_of(&fx, BEN));
    if (view_of(fx.vote).screen == SCR_LANGUAGE)
        session_action(fx.vote, ACT_LANG, 0, fx.now += 1000);
    CHECK_INT(view_of(fx.vote).screen, SCR_LIST);
    CHECK_INT(view_of(fx.vote).nvotable, 0);
    CHECK_INT(ballots(&fx, 0), 1);
    /* The store refuses to check out someone who is not in. */
    {
        uint8_t h[TOKEN_HASH_SIZE];
        as_err err;
        token_hash(store_key(fx.st), token_of(&fx, ANA), h);
        CHECK_INT(store_checkout(fx.st, h, &err), AS_ESTATE);
    }
out:
    teardown(&fx);
}

static void test_fold_and_match(void)
{
    char b[128];
    session_fold("José Luis Ramírez", b, sizeof b);
    CHECK_STR(b, "jose luis ramirez");
    session_fold("MARÍA NÚÑEZ", b, sizeof b);
    CHECK_STR(b, "maria nunez");
    session_fold("Zoë Łukasiewicz", b, sizeof b);
    CHECK_STR(b, "zoe lukasiewicz");
    session_fold("Tom O'Brien", b, sizeof b);
    CHECK_STR(b, "tom obrien");
    session_fold("Tom O\xE2\x80\x99" "Brien-Smith", b, sizeof b);
    CHECK_STR(b, "tom obrien smith");
    session_fold("Çağla Øster", b, sizeof b);
    CHECK_STR(b, "cagla oster");
    /* Cut at the size, always terminated. */
    session_fold("José", b, 3);
    CHECK_STR(b, "jo");

    CHECK_INT(session_name_matches("jose luis ramirez", "jose"), 1);
    CHECK_INT(session_name_matches("jose luis ramirez", "jo ram"), 1);
    CHECK_INT(session_name_matches("jose luis ramirez", "ram jo"), 1);
    CHECK_INT(session_name_matches("jose luis ramirez", "luis  "), 1);
    CHECK_INT(session_name_matches("jose luis ramirez", "uis"), 0);
    CHECK_INT(session_name_matches("jose luis ramirez", "jo x"), 0);
    CHECK_INT(session_name_matches("jose luis ramirez", ""), 0);
    CHECK_INT(session_name_matches("jose luis ramirez", "   "), 0);
}

/* matched: 1 if roster row is among the listed matches. */
static int matched(const fixture *fx, int row)
{
    session_view v = view_of(fx->s);
    for (int i = 0; i < v.nmatches; i++)
        if (v.matches[i] == row)
            return 1;
    return 0;
}

static void test_check_in_by_name(void)
{
    fixture fx;
    if (!setup(&fx, DESK "/meeting.yaml", 1, 0))
        goto out;

    /* An attendee's badge never opens the search. */
    scan_member(&fx, ANA);
    act(&fx, ACT_DISMISS, 0);
    CHECK_INT(checked_in(&fx), 1);

    /* A facilitator at the desk is checked in too, and gets the tools. */
    scan_member(&fx, ROSA);
    session_view v = view_of(fx.s);
    CHECK_INT(v.screen, SCR_DESK_FAC);
    CHECK(v.fac_at_desk);
    CHECK_INT(checked_in(&fx), 2);
    act(&fx, ACT_DESK_BY_NAME, 0);
    v = view_of(fx.s);
    CHECK_INT(v.screen, SCR_DESK_SEARCH);
    CHECK_STR(v.query, "");
    CHECK_INT(v.nmatches, 0);

    /* "jose" finds José Luis Ramírez, accents and case ignored. */
    key(&fx, "JOSE");
    v = view_of(fx.s);
    CHECK_STR(v.query, "JOSE");
    CHECK_INT(v.nmatches, 1);
    CHECK(matched(&fx, JOSE));
    /* Backspace, a space (never two), another word's start. */
    act(&fx, ACT_KEY_BACKSPACE, 0);
    act(&fx, ACT_KEY_BACKSPACE, 0);
    key(&fx, "  RAM");
    CHECK_STR(view_of(fx.s).query, "JO RAM");
    CHECK_INT(view_of(fx.s).nmatches, 1);
    CHECK(matched(&fx, JOSE));
    /* Keys that are not A-Z or space are ignored. */
    act(&fx, ACT_KEY, '%');
    act(&fx, ACT_KEY, 'a');
    CHECK_STR(view_of(fx.s).query, "JO RAM");
    act(&fx, ACT_KEY_CLEAR, 0);
    CHECK_STR(view_of(fx.s).query, "");
    CHECK_INT(view_of(fx.s).nmatches, 0);
    /* A leading space is not typed. */
    act(&fx, ACT_KEY, ' ');
    CHECK_STR(view_of(fx.s).query, "");

    /* Two people with one name both show, in roster order. */
    key(&fx, "MARIA");
    v = view_of(fx.s);
    CHECK_INT(v.nmatches, 2);
    CHECK_INT(v.matches[0], MARIA1);
    CHECK_INT(v.matches[1], MARIA2);
    act(&fx, ACT_KEY_CLEAR, 0);
    key(&fx, "LUK");
    CHECK_INT(view_of(fx.s).nmatches, 1);
    CHECK(matched(&fx, ZOE));
    act(&fx, ACT_KEY_CLEAR, 0);
    key(&fx, "OBRIEN");
    CHECK(matched(&fx, TOM));
    act(&fx, ACT_KEY_CLEAR, 0);
    key(&fx, "QQQ");
    CHECK_INT(view_of(fx.s).nmatches, 0);
    act(&fx, ACT_KEY_CLEAR, 0);

    /* Who is in already says so. */
    key(&fx, "A");
    v = view_of(fx.s);
    for (int i = 0; i < v.nmatches; i++)
        CHECK_INT(v.match_in[i], v.matches[i] == ANA || v.matches[i] == ROSA);
    CHECK(matched(&fx, ANA));
    act(&fx, ACT_KEY_CLEAR, 0);

    /* A row that is not listed cannot be picked. */
    key(&fx, "JOSE");
    act(&fx, ACT_DESK_PICK, BEN);
    CHECK_INT(screen(&fx), SCR_DESK_SEARCH);
    act(&fx, ACT_DESK_PICK, 999);
    act(&fx, ACT_DESK_PICK, -1);
    CHECK_INT(screen(&fx), SCR_DESK_SEARCH);

    /* Pick -> confirm; Cancel goes back to the same search. */
    act(&fx, ACT_DESK_PICK, JOSE);
    v = view_of(fx.s);
    CHECK_INT(v.screen, SCR_DESK_NAME_CONFIRM);
    CHECK_INT(v.person, JOSE);
    CHECK_INT(is_in(&fx, JOSE), 0);
    act(&fx, ACT_CANCEL, 0);
    v = view_of(fx.s);
    CHECK_INT(v.screen, SCR_DESK_SEARCH);
    CHECK_STR(v.query, "JOSE");
    CHECK_INT(is_in(&fx, JOSE), 0);
    CHECK_INT(checked_in(&fx), 2);
    act(&fx, ACT_DESK_PICK, JOSE);
    act(&fx, ACT_CONFIRM, 0);
    v = view_of(fx.s);
    CHECK_INT(v.screen, SCR_DESK_WELCOME);
    CHECK_INT(v.person, JOSE);
    CHECK_INT(v.by_facilitator, 1);
    CHECK_INT(is_in(&fx, JOSE), 1);
    CHECK_INT(checked_in(&fx), 3);
    CHECK_INT((int)session_fac_checked_in(fx.s), 1);
    /* Back to the facilitator's tools, not to idle. */
    act(&fx, ACT_DISMISS, 0);
    v = view_of(fx.s);
    CHECK_INT(v.screen, SCR_DESK_FAC);
    CHECK_INT(v.person, -1);

    /* Picking someone already in shows them as such (check-out offered),
     * with no facilitator mark. */
    act(&fx, ACT_DESK_BY_NAME, 0);
    key(&fx, "ANA");
    act(&fx, ACT_DESK_PICK, ANA);
    CHECK_INT(screen(&fx), SCR_DESK_ALREADY);
    CHECK_INT((int)session_fac_checked_in(fx.s), 1);
    act(&fx, ACT_DISMISS, 0);
    CHECK_INT(screen(&fx), SCR_DESK_FAC);

    /* Later José scans his badge: already in.  Checking him out also
     * drops the facilitator figure. */
    act(&fx, ACT_FAC_LEAVE, 0);
    CHECK_INT(screen(&fx), SCR_IDLE);
    scan_member(&fx, JOSE);
    CHECK_INT(screen(&fx), SCR_DESK_ALREADY);
    act(&fx, ACT_DESK_CHECKOUT, 0);
    act(&fx, ACT_CONFIRM, 0);
    CHECK_INT(is_in(&fx, JOSE), 0);
    CHECK_INT((int)session_fac_checked_in(fx.s), 0);
    act(&fx, ACT_DISMISS, 0);
    /* The desk forgot the facilitator: no search without a new scan. */
    act(&fx, ACT_DESK_BY_NAME, 0);
    CHECK_INT(screen(&fx), SCR_IDLE);

    /* The tools time out to idle. */
    scan_member(&fx, ROSA);
    CHECK_INT(screen(&fx), SCR_DESK_FAC); /* already in: the tools anyway */
    act(&fx, ACT_DESK_BY_NAME, 0);
    CHECK_INT(screen(&fx), SCR_DESK_SEARCH);
    CHECK(!session_tick(fx.s, fx.now + 1000));
    CHECK(session_tick(fx.s, view_of(fx.s).deadline));
    CHECK_INT(screen(&fx), SCR_IDLE);
    CHECK_STR(view_of(fx.s).query, "");
out:
    teardown(&fx);
}

/* The desk never shows a proposal, a vote or a facilitator's vote
 * screen, whatever is tapped. */
static void test_desk_never_votes(void)
{
    fixture fx;
    if (!setup(&fx, DESK "/meeting.yaml", 1, 0))
        goto out;
    open_prop(&fx, 0);
    int acts[] = {ACT_LANG, ACT_PROPOSAL, ACT_CHOOSE, ACT_CAST, ACT_NEXT,
                  ACT_FAC_PROPOSAL, ACT_FAC_OPEN, ACT_FAC_CLOSE, ACT_FAC_VOTE,
                  ACT_FAC_EXPORT, ACT_FAC_SHUTDOWN, ACT_CONFIRM, ACT_CONTINUE};
    for (int who = 0; who < 3; who++) {
        scan_member(&fx, who == 2 ? ROSA : ANA);
        for (size_t i = 0; i < sizeof acts / sizeof acts[0]; i++) {
            act(&fx, acts[i], 0);
            CHECK_MSG(!is_vote_screen(screen(&fx)), "action %d led to screen %d",
                      acts[i], screen(&fx));
        }
        CHECK_INT(session_take_request(fx.s), REQ_NONE);
        act(&fx, ACT_DISMISS, 0);
        act(&fx, ACT_FAC_LEAVE, 0);
    }
    CHECK_INT(ballots(&fx, 0), 0);
out:
    teardown(&fx);
}

static void add_cards(fixture *fx, char tokens[][TOKEN_TEXT_SIZE], int n)
{
    uint8_t h[4][TOKEN_HASH_SIZE];
    as_err err;
    for (int i = 0; i < n; i++) {
        token_new(tokens[i]);
        token_hash(store_key(fx->st), tokens[i], h[i]);
    }
    CHECK_INT(store_add_cards(fx->st, (const uint8_t(*)[TOKEN_HASH_SIZE])h, n,
                              &err), AS_OK);
}

static void test_card_mode(void)
{
    fixture fx;
    char cards[2][TOKEN_TEXT_SIZE];
    if (!setup(&fx, DESK "/meeting-cards.yaml", 1, 1))
        goto out;
    CHECK_INT(fx.m->credentials, CRED_CARDS);
    add_cards(&fx, cards, 2);
    open_prop(&fx, 0);
    CHECK(view_of(fx.s).cards);

    /* At the vote kiosk an attendee's badge is sent to the desk. */
    scan_on(&fx, fx.vote, token_of(&fx, ANA));
    CHECK_INT(view_of(fx.vote).screen, SCR_MESSAGE);
    CHECK_INT(view_of(fx.vote).msg, MSG_USE_CARD);
    CHECK_INT(checked_in(&fx), 0);
    session_action(fx.vote, ACT_DISMISS, 0, fx.now += 1000);

    /* The desk checks the badge in; a card there is not a check-in. */
    scan_member(&fx, ANA);
    session_view v = view_of(fx.s);
    CHECK_INT(v.screen, SCR_DESK_WELCOME);
    CHECK(v.cards);
    CHECK_INT(checked_in(&fx), 1);
    act(&fx, ACT_DISMISS, 0);
    scan_on(&fx, fx.s, cards[0]);
    CHECK_INT(screen(&fx), SCR_MESSAGE);
    CHECK_INT(view_of(fx.s).msg, MSG_CARD_AT_DESK);
    CHECK_INT(checked_in(&fx), 1);
    act(&fx, ACT_DISMISS, 0);

    /* A card votes at once, without checking anyone in; once. */
    vote_on(&fx, fx.vote, cards[0], 0, CHOICE_YES);
    CHECK_INT(ballots(&fx, 0), 1);
    CHECK_INT(checked_in(&fx), 1);
    scan_on(&fx, fx.vote, cards[0]);
    if (view_of(fx.vote).screen == SCR_LANGUAGE)
        session_action(fx.vote, ACT_LANG, 0, fx.now += 1000);
    CHECK_INT(view_of(fx.vote).screen, SCR_LIST);
    CHECK_INT(view_of(fx.vote).nvotable, 0);
    session_action(fx.vote, ACT_FINISH, 0, fx.now += 1000);
    vote_on(&fx, fx.vote, cards[1], 0, CHOICE_NO);
    CHECK_INT(ballots(&fx, 0), 2);
    CHECK_INT(checked_in(&fx), 1);

    /* A facilitator's badge opens the facilitator screens; "Vote" does
     * nothing (facilitators vote with a card too). */
    scan_on(&fx, fx.vote, token_of(&fx, ROSA));
    CHECK_INT(view_of(fx.vote).screen, SCR_FAC_HOME);
    CHECK(view_of(fx.vote).cards);
    session_action(fx.vote, ACT_FAC_VOTE, 0, fx.now += 1000);
    CHECK_INT(view_of(fx.vote).screen, SCR_FAC_HOME);
    CHECK_INT(checked_in(&fx), 1);
    session_action(fx.vote, ACT_FAC_LEAVE, 0, fx.now += 1000);

    /* An unknown token is still "not on today's list". */
    {
        char t[TOKEN_TEXT_SIZE];
        token_new(t);
        scan_on(&fx, fx.vote, t);
        CHECK_INT(view_of(fx.vote).msg, MSG_NOT_ON_ROSTER);
    }
out:
    teardown(&fx);
}

/* With badges (the default) a registered card is not a credential, and
 * the badge votes as before. */
static void test_badges_mode_ignores_cards(void)
{
    fixture fx;
    char cards[1][TOKEN_TEXT_SIZE];
    if (!setup(&fx, DESK "/meeting.yaml", 0, 0))
        goto out;
    CHECK_INT(fx.m->credentials, CRED_BADGES);
    add_cards(&fx, cards, 1);
    open_prop(&fx, 0);
    scan_on(&fx, fx.s, cards[0]);
    CHECK_INT(view_of(fx.s).msg, MSG_NOT_ON_ROSTER);
    act(&fx, ACT_DISMISS, 0);
    vote_on(&fx, fx.s, token_of(&fx, ANA), 0, CHOICE_ABSTAIN);
    CHECK_INT(ballots(&fx, 0), 1);
    CHECK_INT(checked_in(&fx), 1);
out:
    teardown(&fx);
}

static void test_credentials_key(void)
{
    static const char csv[] = "name,role,token\nAna,attendee,2HS2G2-5FS3RT-267VBC\n";
    static const char head[] =
        "meeting:\n  title: T\n  date: 2026-12-05\n  languages: [en]\n"
        "  roster: r.csv\n";
    static const char tail[] =
        "proposals:\n  - id: p\n    title: {en: P}\n    text: {en: Q}\n"
        "    method: yes-no-abstain\n    threshold: majority\n";
    const char *values[] = {"", "  credentials: badges\n",
                            "  credentials: cards\n", "  credentials: tokens\n"};
    int want[] = {CRED_BADGES, CRED_BADGES, CRED_CARDS, -1};
    for (int i = 0; i < 4; i++) {
        char y[1024];
        meeting *m = NULL;
        diag_list d;
        diag_init(&d);
        snprintf(y, sizeof y, "%s%s%s", head, values[i], tail);
        as_status st = meeting_from_memory("m.yaml", y, strlen(y), csv, &m, &d);
        if (want[i] < 0) {
            CHECK_INT(st, AS_EINVAL);
            CHECK(m == NULL);
            CHECK_MSG(d.n > 0 && strstr(d.lines[0], "m.yaml:6:") &&
                          strstr(d.lines[0], "credentials: cards"),
                      "diag: %s", d.n ? d.lines[0] : "(none)");
        } else {
            CHECK_MSG(st == AS_OK, "%s", d.n ? d.lines[0] : "?");
            if (m)
                CHECK_INT(m->credentials, want[i]);
        }
        meeting_free(m);
        diag_free(&d);
    }
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    test_checkin_again_and_out();
    test_checkout_keeps_votes();
    test_fold_and_match();
    test_check_in_by_name();
    test_desk_never_votes();
    test_card_mode();
    test_badges_mode_ignores_cards();
    test_credentials_key();
    return check_done();
}
