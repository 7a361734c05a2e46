/* session_screen.c: moving between screens, shared by the session's
 * files (session.c, session_ballot.c, session_desk.c): every screen
 * change goes through session_set_screen, so deadlines follow one set of
 * rules, and every way back to idle forgets the person and the choice
 * (sodium_memzero), so an abandoned kiosk holds nothing about the last
 * person. */
#include <stdio.h>
#include <string.h>
#include <sodium.h>
#include "session_internal.h"

/* clear_choice: wipes the pending choice (whatever the method). */
void session_clear_choice(session *s)
{
    sodium_memzero(&s->bc, sizeof s->bc);
    s->bc.choice = -1;
    s->hint = HINT_NONE;
    s->reviewed = 0;
}

void session_forget_person(session *s)
{
    sodium_memzero(s->badge, sizeof s->badge);
    s->have_badge = 0;
    s->is_card = 0;
    s->member_is_fac = 0;
    s->person = -1;
    s->by_facilitator = 0;
    s->fac_at_desk = 0;
    sodium_memzero(s->query, sizeof s->query);
    s->nmatches = 0;
    s->more_matches = 0;
    session_clear_choice(s);
    s->proposal = -1;
    s->nvotable = 0;
    s->lang = 0;
}

int session_is_attendee_screen(screen_id sc)
{
    return sc == SCR_LANGUAGE || sc == SCR_LIST || sc == SCR_PROPOSAL ||
           sc == SCR_BALLOT || sc == SCR_REVIEW;
}

int session_is_fac_screen(screen_id sc)
{
    return sc == SCR_FAC_HOME || sc == SCR_FAC_PROPOSAL || sc == SCR_FAC_CONFIRM;
}

int session_fac_lang_action(session *s, int action, int arg)
{
    if (action != ACT_LANG)
        return 0;
    if (arg >= 0 && arg < s->m->nlangs)
        s->fac_lang = arg;
    return 1;
}

/* set_screen: every screen change goes through here so deadlines are
 * always recomputed from the same rules. */
void session_set_screen(session *s, screen_id sc, uint64_t now)
{
    s->screen = sc;
    s->last_input = now;
    switch (sc) {
    case SCR_MESSAGE: s->deadline = now + (uint64_t)s->cfg.message_ms; break;
    case SCR_RECORDED: s->deadline = now + (uint64_t)s->cfg.recorded_ms; break;
    case SCR_STILL: s->deadline = now + (uint64_t)s->cfg.still_ms; break;
    case SCR_IDLE: s->deadline = 0; break;
    case SCR_DESK_WELCOME:
    case SCR_DESK_LEFT: s->deadline = now + (uint64_t)s->cfg.message_ms; break;
    case SCR_DESK_ALREADY:
    case SCR_DESK_CHECKOUT: s->deadline = now + (uint64_t)s->cfg.idle_ms; break;
    case SCR_DESK_FAC:
    case SCR_DESK_SEARCH:
    case SCR_DESK_NAME_CONFIRM:
        s->deadline = now + (uint64_t)s->cfg.facilitator_ms;
        break;
    default:
        if (session_is_attendee_screen(sc))
            s->deadline = now + (uint64_t)s->cfg.idle_ms;
        else if (session_is_fac_screen(sc))
            s->deadline = now + (uint64_t)s->cfg.facilitator_ms;
        else
            s->deadline = 0; /* SCR_VOTE_ERROR waits for a person */
    }
}

void session_go_idle(session *s, uint64_t now)
{
    session_forget_person(s);
    s->msg = MSG_NONE;
    s->detail[0] = '\0';
    session_set_screen(s, SCR_IDLE, now);
}

void session_show_message(session *s, msg_id msg, const char *detail,
                          uint64_t now)
{
    session_forget_person(s);
    s->msg = msg;
    snprintf(s->detail, sizeof s->detail, "%s", detail ? detail : "");
    session_set_screen(s, SCR_MESSAGE, now);
}

void session_store_failed(session *s, const as_err *err, uint64_t now)
{
    session_forget_person(s);
    s->msg = MSG_STORE_ERROR;
    snprintf(s->detail, sizeof s->detail, "%s", err->msg);
    session_set_screen(s, SCR_VOTE_ERROR, now);
}

void session_to_review(session *s, uint64_t now)
{
    s->reviewed = 1;
    s->hint = HINT_NONE;
    session_set_screen(s, SCR_REVIEW, now);
}

int session_valid_prop(const session *s, int i)
{
    return i >= 0 && i < s->m->nprops;
}
