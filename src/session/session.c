/* session.c: the kiosk's state machine (see session.h for the flow).
 *
 * The session holds at most one badge at a time, as its keyed hash, and
 * at most one pending choice.  Both are wiped (sodium_memzero) whenever
 * the kiosk returns to idle, so an abandoned kiosk holds nothing about
 * the last person.  Nothing here prints or logs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "session_internal.h"
#include "method.h"

static int badge_cmp(const void *a, const void *b)
{
    return memcmp(((const badge_entry *)a)->hash, ((const badge_entry *)b)->hash,
                  TOKEN_HASH_SIZE);
}

void session_config_default(session_config *c, const meeting *m)
{
    memset(c, 0, sizeof *c);
    c->idle_ms = (m && m->idle_seconds > 0 ? m->idle_seconds : 90) * 1000;
    c->still_ms = (m && m->still_seconds > 0 ? m->still_seconds : 30) * 1000;
    c->recorded_ms = 6000;
    c->message_ms = 8000;
    c->facilitator_ms = 300000;
}

as_status session_new(const meeting *m, store *st, const session_config *cfg,
                      session **out)
{
    session *s = calloc(1, sizeof *s);
    int n = m->roster ? roster_count(m->roster) : 0;

    *out = NULL;
    if (!s)
        return AS_ENOMEM;
    s->m = m;
    s->st = st;
    s->snap.room.mode = ROOM_AGENDA; /* the room sees the agenda first */
    s->snap.room.proposal = -1;
    if (cfg)
        s->cfg = *cfg;
    else
        session_config_default(&s->cfg, m);
    s->votable = calloc((size_t)(m->nprops > 0 ? m->nprops : 1), sizeof(int));
    s->results = calloc((size_t)(m->nprops > 0 ? m->nprops : 1), sizeof *s->results);
    s->sprops = calloc((size_t)(m->nprops > 0 ? m->nprops : 1), sizeof *s->sprops);
    s->badges = calloc((size_t)(n > 0 ? n : 1), sizeof *s->badges);
    s->row_badge = calloc((size_t)(n > 0 ? n : 1), sizeof *s->row_badge);
    if (!s->votable || !s->results || !s->sprops || !s->badges || !s->row_badge)
        goto fail;
    for (int i = 0; i < n; i++) {
        const roster_entry *e = roster_get(m->roster, i);
        if (!e->token[0])
            continue; /* not issued yet: cannot be scanned */
        token_hash(store_key(st), e->token, s->badges[s->nbadges].hash);
        s->badges[s->nbadges++].index = i;
    }
    qsort(s->badges, (size_t)s->nbadges, sizeof *s->badges, badge_cmp);
    /* Every badge's rows are made now, before anyone checks in or votes,
     * so that using them records no order (docs/storage.md). */
    if (s->nbadges > 0) {
        uint8_t (*h)[TOKEN_HASH_SIZE] = malloc((size_t)s->nbadges * sizeof *h);
        as_err err;
        as_status est;
        if (!h)
            goto fail;
        for (int k = 0; k < s->nbadges; k++)
            memcpy(h[k], s->badges[k].hash, TOKEN_HASH_SIZE);
        est = store_enroll(st, (const uint8_t(*)[TOKEN_HASH_SIZE])h, s->nbadges,
                           &err);
        sodium_memzero(h, (size_t)s->nbadges * sizeof *h);
        free(h);
        if (est != AS_OK) {
            session_free(s);
            return est;
        }
    }
    for (int i = 0; i < n; i++)
        s->row_badge[i] = -1;
    for (int k = 0; k < s->nbadges; k++)
        s->row_badge[s->badges[k].index] = k;
    if (s->cfg.desk && session_desk_setup(s) != AS_OK)
        goto fail;
    s->screen = SCR_IDLE;
    s->person = -1;
    s->proposal = -1;
    s->bc.choice = -1;
    s->stale = 1;
    /* Proposals closed before this start are counted now, once; the
     * desk never shows a result. */
    for (int i = 0; i < m->nprops && !s->cfg.desk; i++)
        session_refresh_proposal(s, i);
    *out = s;
    return AS_OK;
fail:
    session_free(s);
    return AS_ENOMEM;
}

void session_free(session *s)
{
    if (!s)
        return;
    session_forget_person(s);
    if (s->badges)
        sodium_memzero(s->badges, (size_t)s->nbadges * sizeof *s->badges);
    free(s->badges);
    free(s->row_badge);
    session_desk_free(s);
    free(s->votable);
    if (s->results)
        for (int i = 0; i < s->m->nprops; i++)
            tally_result_free(s->results[i]);
    free(s->results);
    free(s->sprops);
    free(s);
}

/* refresh_votable: the open proposals this badge has not voted on. */
static as_status refresh_votable(session *s, as_err *err)
{
    as_status st;
    s->nvotable = 0;
    s->voted_any = 0;
    s->open_count = 0;
    for (int i = 0; i < s->m->nprops; i++) {
        prop_state ps;
        int voted = 0;
        if ((st = store_proposal_state(s->st, s->m->props[i].id, &ps, err)))
            return st;
        if (ps != PROP_OPEN)
            continue;
        s->open_count++;
        if (s->have_badge &&
            (st = store_has_voted(s->st, s->m->props[i].id, s->badge, &voted, err)))
            return st;
        if (voted)
            s->voted_any = 1;
        else
            s->votable[s->nvotable++] = i;
    }
    return AS_OK;
}

static void show_list(session *s, uint64_t now)
{
    as_err err;
    if (refresh_votable(s, &err) != AS_OK) {
        session_store_failed(s, &err, now);
        return;
    }
    s->proposal = -1;
    session_clear_choice(s);
    session_set_screen(s, SCR_LIST, now);
}

static void start_voter(session *s, uint64_t now)
{
    as_err err;
    /* A voting card is anonymous: it never checks anyone in (the desk
     * does that with badges). */
    if (!s->is_card && store_checkin(s->st, s->badge, NULL, &err) != AS_OK) {
        session_store_failed(s, &err, now);
        return;
    }
    s->lang = 0;
    if (s->m->nlangs > 1)
        session_set_screen(s, SCR_LANGUAGE, now);
    else
        show_list(s, now);
}

void session_set_paused(session *s, int paused, uint64_t now)
{
    (void)now;
    if (s)
        s->snap.paused = paused != 0;
}

void session_scan(session *s, const char *text, size_t len, uint64_t now)
{
    char tok[TOKEN_TEXT_SIZE];
    badge_entry key, *hit;
    as_status st = token_normalize(text, len, tok);

    s->stale = 1;
    s->snap.room.here = 0; /* whoever scanned needs the kiosk's screen */
    if (s->snap.paused) {
        sodium_memzero(tok, sizeof tok);
        session_show_message(s, MSG_PAUSED, NULL, now);
        return;
    }
    if (st == AS_ECORRUPT) {
        session_show_message(s, MSG_MISREAD, NULL, now);
        return;
    }
    if (st != AS_OK) {
        session_show_message(s, MSG_NOT_A_BADGE, NULL, now);
        return;
    }
    token_hash(store_key(s->st), tok, key.hash);
    sodium_memzero(tok, sizeof tok);
    hit = bsearch(&key, s->badges, (size_t)s->nbadges, sizeof *s->badges,
                  badge_cmp);
    if (!hit) {
        int card = s->m->credentials == CRED_CARDS &&
                   session_is_card(s, key.hash);
        if (card && !s->cfg.desk) {
            session_forget_person(s);
            memcpy(s->badge, key.hash, sizeof s->badge);
            sodium_memzero(key.hash, sizeof key.hash);
            s->have_badge = 1;
            s->is_card = 1;
            s->msg = MSG_NONE;
            s->detail[0] = '\0';
            start_voter(s, now);
            return;
        }
        sodium_memzero(key.hash, sizeof key.hash);
        session_show_message(s, card ? MSG_CARD_AT_DESK : MSG_NOT_ON_ROSTER,
                             NULL, now);
        return;
    }
    if (!s->cfg.desk && s->m->credentials == CRED_CARDS &&
        roster_get(s->m->roster, hit->index)->role != MEMBER_FACILITATOR) {
        /* Card mode: badges check in at the desk; only cards vote. */
        sodium_memzero(key.hash, sizeof key.hash);
        session_show_message(s, MSG_USE_CARD, NULL, now);
        return;
    }
    session_forget_person(s); /* a new scan interrupts whoever was here */
    memcpy(s->badge, key.hash, sizeof s->badge);
    sodium_memzero(key.hash, sizeof key.hash);
    s->have_badge = 1;
    s->msg = MSG_NONE;
    s->detail[0] = '\0';
    if (s->cfg.desk) {
        session_desk_scan(s, hit->index, now);
        return;
    }
    if (roster_get(s->m->roster, hit->index)->role == MEMBER_FACILITATOR) {
        s->member_is_fac = 1;
        session_set_screen(s, SCR_FAC_HOME, now);
        return;
    }
    start_voter(s, now);
}

static int is_votable(const session *s, int i)
{
    for (int k = 0; k < s->nvotable; k++)
        if (s->votable[k] == i)
            return 1;
    return 0;
}

static void do_cast(session *s, uint64_t now)
{
    as_err err;
    as_status st;
    const proposal *p = &s->m->props[s->proposal];
    char text[BALLOT_TEXT_MAX + 1];

    /* A choice that does not fit the proposal cannot come from the
     * screens; refuse it rather than store something uncountable. */
    st = ballot_format(p, &s->bc, text, sizeof text);
    if (st != AS_OK)
        as_err_set(&err, st, "the choice does not fit proposal %s; please "
                   "tell a facilitator", p->id);
    else
        st = store_cast_text(s->st, p->id, s->badge, text, &err);
    sodium_memzero(text, sizeof text);
    session_clear_choice(s);
    if (st == AS_OK) {
        /* Recompute what is left so RECORDED can offer "next". */
        if (refresh_votable(s, &err) != AS_OK)
            s->nvotable = 0;
        session_set_screen(s, SCR_RECORDED, now);
        return;
    }
    if (st == AS_ESTATE) {
        /* Closed meanwhile, or this badge already voted (another kiosk
         * session): not a storage failure, just back to the list. */
        show_list(s, now);
        return;
    }
    session_store_failed(s, &err, now);
}

static void attendee_action(session *s, int action, int arg, uint64_t now)
{
    /* the three answers on the proposal screen, or a ballot screen */
    int on_proposal = session_valid_prop(s, s->proposal) &&
                      method_of(s->m->props[s->proposal].method)->layout ==
                          UI_BALLOT_QUESTION;
    switch (s->screen) {
    case SCR_LANGUAGE:
        if (action == ACT_LANG && arg >= 0 && arg < s->m->nlangs) {
            s->lang = arg;
            show_list(s, now);
        } else if (action == ACT_FINISH) {
            session_go_idle(s, now);
        }
        break;
    case SCR_LIST:
        if (action == ACT_PROPOSAL && is_votable(s, arg)) {
            s->proposal = arg;
            session_clear_choice(s);
            session_set_screen(s, SCR_PROPOSAL, now);
        } else if (action == ACT_FINISH) {
            session_go_idle(s, now);
        } else if (action == ACT_BACK && s->m->nlangs > 1) {
            session_set_screen(s, SCR_LANGUAGE, now);
        }
        break;
    case SCR_PROPOSAL:
        if (action == ACT_CHOOSE && arg >= 0 && arg <= CHOICE_ABSTAIN &&
            on_proposal) {
            s->bc.choice = arg;
            session_to_review(s, now);
        } else if (action == ACT_GO_BALLOT && !on_proposal) {
            s->hint = HINT_NONE;
            session_set_screen(s, SCR_BALLOT, now);
        } else if (action == ACT_BACK) {
            show_list(s, now);
        }
        break;
    case SCR_BALLOT:
        session_ballot_action(s, action, arg, now);
        break;
    case SCR_REVIEW:
        if (action == ACT_CAST && s->reviewed && session_valid_prop(s, s->proposal))
            do_cast(s, now);
        else if (action == ACT_CHANGE) {
            s->reviewed = 0;
            if (on_proposal) {
                session_clear_choice(s);
                session_set_screen(s, SCR_PROPOSAL, now);
            } else {
                /* Ranked and approval marks stay, to be adjusted; a
                 * single choice is asked again. */
                s->bc.choice = -1;
                s->hint = HINT_NONE;
                session_set_screen(s, SCR_BALLOT, now);
            }
        }
        break;
    default:
        break;
    }
}

static void fac_action(session *s, int action, int arg, uint64_t now)
{
    as_err err;
    as_status st = AS_OK;

    if (session_room_action(s, action, arg) ||
        session_fac_lang_action(s, action, arg))
        return;
    switch (action) {
    case ACT_FAC_PROPOSAL:
        if (session_valid_prop(s, arg)) {
            s->proposal = arg;
            session_set_screen(s, SCR_FAC_PROPOSAL, now);
        }
        return;
    case ACT_FAC_OPEN:
    case ACT_FAC_CLOSE:
        if (!session_valid_prop(s, arg))
            return;
        /* fall through */
    case ACT_FAC_SHUTDOWN:
        s->confirm_action = action;
        s->confirm_arg = arg;
        s->under = s->screen;
        session_set_screen(s, SCR_FAC_CONFIRM, now);
        return;
    case ACT_CANCEL:
        if (s->screen == SCR_FAC_CONFIRM)
            session_set_screen(s, s->under, now);
        return;
    case ACT_CONFIRM:
        if (s->screen != SCR_FAC_CONFIRM)
            return;
        s->msg = MSG_NONE;
        if (s->confirm_action == ACT_FAC_SHUTDOWN) {
            s->request = REQ_SHUTDOWN;
            session_set_screen(s, SCR_FAC_HOME, now);
            return;
        }
        s->proposal = s->confirm_arg;
        if (s->confirm_action == ACT_FAC_OPEN)
            st = store_open_proposal(
                s->st, s->m->props[s->proposal].id,
                (int)ballot_text_max(&s->m->props[s->proposal]), &err);
        else
            st = store_set_proposal_state(s->st, s->m->props[s->proposal].id,
                                          PROP_CLOSED, &err);
        if (st == AS_OK && s->confirm_action == ACT_FAC_OPEN) {
            int64_t n = 0;
            int q = meeting_proposal_quorum(s->m, s->proposal);
            if (store_checked_in_count(s->st, &n, &err) == AS_OK && q > 0 &&
                n < q)
                s->msg = MSG_OPENED_NO_QUORUM;
        }
        if (st == AS_OK && s->confirm_action == ACT_FAC_CLOSE)
            session_refresh_proposal(s, s->proposal); /* counted now, once */
        if (st == AS_OK)
            session_room_follow(s, s->proposal,
                                s->confirm_action == ACT_FAC_OPEN);
        break;
    case ACT_FAC_EXPORT:
        s->request = REQ_EXPORT;
        return;
    case ACT_FAC_VOTE:
        if (s->m->credentials == CRED_CARDS)
            return; /* facilitators vote with a card too */
        s->member_is_fac = 0;
        start_voter(s, now);
        return;
    case ACT_FAC_LEAVE:
        session_go_idle(s, now);
        return;
    case ACT_BACK:
        if (s->screen == SCR_FAC_PROPOSAL) {
            s->msg = MSG_NONE;
            session_set_screen(s, SCR_FAC_HOME, now);
        }
        return;
    default:
        return;
    }
    /* Also "not now" (AS_ESTATE): with several kiosks another console may
     * have opened or closed it, or a close is waiting for a kiosk's
     * ballots; the facilitator reads which. */
    if (st != AS_OK) {
        s->msg = MSG_STORE_ERROR;
        snprintf(s->detail, sizeof s->detail, "%s", err.msg);
    }
    session_set_screen(s, SCR_FAC_PROPOSAL, now);
}

void session_action(session *s, int action, int arg, uint64_t now)
{
    s->last_input = now;
    s->stale = 1;
    if (action == ACT_ROOM_HERE) {
        /* Into the room view only from the console; out of it from
         * wherever the session is (a locked console went idle meanwhile:
         * the tap that ends the room view shows the idle screen). */
        if (!arg || s->screen == SCR_FAC_HOME || s->screen == SCR_FAC_PROPOSAL)
            s->snap.room.here = arg != 0;
        return;
    }
    switch (s->screen) {
    case SCR_IDLE:
        if (action == ACT_DEMO_BADGE && s->cfg.demo && s->m->roster &&
            arg >= 0 && arg < roster_count(s->m->roster)) {
            const char *t = roster_get(s->m->roster, arg)->token;
            session_scan(s, t, strlen(t), now);
        }
        return;
    case SCR_MESSAGE:
        if (action == ACT_DISMISS)
            session_go_idle(s, now);
        return;
    case SCR_VOTE_ERROR:
        if (action == ACT_DISMISS)
            session_go_idle(s, now);
        return;
    case SCR_RECORDED:
        if (action == ACT_NEXT && s->nvotable > 0)
            show_list(s, now);
        else if (action == ACT_FINISH)
            session_go_idle(s, now);
        return;
    case SCR_STILL:
        if (action == ACT_CONTINUE)
            session_set_screen(s, s->under, now);
        else if (action == ACT_FINISH)
            session_go_idle(s, now);
        return;
    default:
        break;
    }
    if (session_is_desk_screen(s->screen)) {
        session_desk_action(s, action, arg, now);
    } else if (session_is_attendee_screen(s->screen)) {
        attendee_action(s, action, arg, now);
        if (session_is_attendee_screen(s->screen))
            s->deadline = now + (uint64_t)s->cfg.idle_ms;
    } else if (session_is_fac_screen(s->screen) && s->member_is_fac) {
        fac_action(s, action, arg, now);
    }
}

void session_touch(session *s, uint64_t now)
{
    s->last_input = now;
    if (session_is_attendee_screen(s->screen))
        s->deadline = now + (uint64_t)s->cfg.idle_ms;
    else if (session_is_fac_screen(s->screen) || s->screen == SCR_DESK_FAC ||
             s->screen == SCR_DESK_SEARCH || s->screen == SCR_DESK_NAME_CONFIRM)
        s->deadline = now + (uint64_t)s->cfg.facilitator_ms;
}

int session_tick(session *s, uint64_t now)
{
    if (!s->deadline || now < s->deadline)
        return 0;
    s->stale = 1;
    if (session_is_attendee_screen(s->screen)) {
        s->under = s->screen;
        session_set_screen(s, SCR_STILL, now);
    } else {
        /* STILL, RECORDED, MESSAGE and facilitator screens all time out
         * to idle; nothing unconfirmed is ever cast. */
        session_go_idle(s, now);
    }
    return 1;
}

uint64_t session_deadline(const session *s)
{
    return s->deadline;
}

session_request session_take_request(session *s)
{
    session_request r = s->request;
    s->request = REQ_NONE;
    return r;
}

void session_report(session *s, int ok, const char *detail, uint64_t now)
{
    s->stale = 1;
    s->msg = ok ? MSG_EXPORTED : MSG_EXPORT_FAILED;
    if (!ok && (!detail || !*detail))
        s->msg = MSG_NO_EXPORT_DIR;
    snprintf(s->detail, sizeof s->detail, "%s", detail ? detail : "");
    if (session_is_fac_screen(s->screen))
        session_touch(s, now);
}
