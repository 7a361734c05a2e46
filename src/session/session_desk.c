/* session_desk.c: the check-in desk (`asamblea kiosk --mode desk`).
 *
 * The desk checks people in and out; it never shows a proposal or a vote.
 * A badge scan checks its holder in (or, if already in, offers to check
 * them out after a confirmation).  A facilitator's badge opens the desk's
 * tools: checking in by name, with an A-Z on-screen keyboard, for someone
 * who forgot their badge.  Such check-ins are marked as made by a
 * facilitator (store_checkin_by_facilitator); only their number is ever
 * shown.  The person on screen is kept as a roster row and their badge
 * hash, both forgotten (session.c's forget_person) on the way back to
 * idle. */
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "session_internal.h"

#define FOLD_MAX 256

int session_is_desk_screen(screen_id sc)
{
    return sc >= SCR_DESK_WELCOME && sc <= SCR_DESK_NAME_CONFIRM;
}

as_status session_desk_setup(session *s)
{
    int n = s->m->roster ? roster_count(s->m->roster) : 0;

    s->folded = calloc((size_t)(n > 0 ? n : 1), sizeof *s->folded);
    if (!s->folded)
        return AS_ENOMEM;
    for (int i = 0; i < n; i++) {
        char buf[FOLD_MAX];
        session_fold(roster_get(s->m->roster, i)->name, buf, sizeof buf);
        if (!(s->folded[i] = strdup(buf)))
            return AS_ENOMEM;
    }
    return AS_OK;
}

void session_desk_free(session *s)
{
    int n = s->m && s->m->roster ? roster_count(s->m->roster) : 0;
    if (!s->folded)
        return;
    for (int i = 0; i < n; i++)
        free(s->folded[i]);
    free(s->folded);
    s->folded = NULL;
}

/* welcome: the person on screen is checked in now (or already was). */
static void show_person(session *s, int row, int was_new, int by_fac,
                        uint64_t now)
{
    s->person = row;
    s->by_facilitator = by_fac && was_new;
    session_set_screen(s, was_new ? SCR_DESK_WELCOME : SCR_DESK_ALREADY, now);
}

void session_desk_scan(session *s, int row, uint64_t now)
{
    as_err err;
    int was_new = 0;

    if (store_checkin(s->st, s->badge, &was_new, &err) != AS_OK) {
        session_store_failed(s, &err, now);
        return;
    }
    if (roster_get(s->m->roster, row)->role == MEMBER_FACILITATOR) {
        /* The facilitator is counted like anyone, and may now check in
         * people by name until they leave or the screen times out. */
        s->member_is_fac = 1;
        s->fac_at_desk = 1;
        s->person = row;
        session_set_screen(s, SCR_DESK_FAC, now);
        return;
    }
    show_person(s, row, was_new, 0, now);
}

/* refresh_matches: the roster rows matching the query, and which of them
 * are checked in now. */
static void refresh_matches(session *s)
{
    char q[FOLD_MAX];
    int n = roster_count(s->m->roster);

    s->nmatches = 0;
    s->more_matches = 0;
    session_fold(s->query, q, sizeof q);
    for (int i = 0; i < n; i++) {
        int yes = 0;
        if (s->row_badge[i] < 0 || !session_name_matches(s->folded[i], q))
            continue;
        if (s->nmatches == SESSION_MAX_MATCHES) {
            s->more_matches = 1;
            break;
        }
        if (store_is_checked_in(s->st, s->badges[s->row_badge[i]].hash, &yes,
                                NULL) != AS_OK)
            yes = 0;
        s->match_in[s->nmatches] = (unsigned char)yes;
        s->matches[s->nmatches++] = i;
    }
}

static int is_match(const session *s, int row)
{
    for (int k = 0; k < s->nmatches; k++)
        if (s->matches[k] == row)
            return 1;
    return 0;
}

/* done: back to the facilitator's tools if a facilitator is at the desk,
 * else to idle. */
static void done(session *s, uint64_t now)
{
    if (s->fac_at_desk) {
        sodium_memzero(s->badge, sizeof s->badge);
        s->have_badge = 0;
        s->person = -1;
        s->by_facilitator = 0;
        session_set_screen(s, SCR_DESK_FAC, now);
    } else {
        session_go_idle(s, now);
    }
}

static void search_key(session *s, int action, int arg, uint64_t now)
{
    size_t n = strlen(s->query);

    if (action == ACT_KEY && ((arg >= 'A' && arg <= 'Z') || arg == ' ')) {
        if (n < SESSION_QUERY_MAX && !(arg == ' ' && (n == 0 || s->query[n - 1] == ' '))) {
            s->query[n] = (char)arg;
            s->query[n + 1] = '\0';
        }
    } else if (action == ACT_KEY_BACKSPACE) {
        if (n)
            s->query[n - 1] = '\0';
    } else if (action == ACT_KEY_CLEAR) {
        s->query[0] = '\0';
    } else {
        return;
    }
    refresh_matches(s);
    session_set_screen(s, SCR_DESK_SEARCH, now);
}

void session_desk_action(session *s, int action, int arg, uint64_t now)
{
    as_err err;
    int was_new = 0;

    switch (s->screen) {
    case SCR_DESK_WELCOME:
    case SCR_DESK_LEFT:
        if (action == ACT_DISMISS)
            done(s, now);
        break;
    case SCR_DESK_ALREADY:
        if (action == ACT_DESK_CHECKOUT && s->have_badge)
            session_set_screen(s, SCR_DESK_CHECKOUT, now);
        else if (action == ACT_DISMISS)
            done(s, now);
        break;
    case SCR_DESK_CHECKOUT:
        if (action == ACT_CANCEL) {
            session_set_screen(s, SCR_DESK_ALREADY, now);
        } else if (action == ACT_CONFIRM && s->have_badge) {
            as_status st = store_checkout(s->st, s->badge, &err);
            /* Already out (another desk): the result is the same. */
            if (st != AS_OK && st != AS_ESTATE) {
                session_store_failed(s, &err, now);
                return;
            }
            session_set_screen(s, SCR_DESK_LEFT, now);
        }
        break;
    case SCR_DESK_FAC:
        if (s->fac_at_desk && session_fac_lang_action(s, action, arg))
            break;
        if (action == ACT_DESK_BY_NAME && s->fac_at_desk) {
            sodium_memzero(s->badge, sizeof s->badge);
            s->have_badge = 0;
            s->person = -1;
            s->query[0] = '\0';
            refresh_matches(s);
            session_set_screen(s, SCR_DESK_SEARCH, now);
        } else if (action == ACT_FAC_LEAVE) {
            session_go_idle(s, now);
        }
        break;
    case SCR_DESK_SEARCH:
        if (!s->fac_at_desk)
            break;
        if (action == ACT_DESK_PICK && is_match(s, arg)) {
            const badge_entry *b = &s->badges[s->row_badge[arg]];
            int yes = 0;
            memcpy(s->badge, b->hash, sizeof s->badge);
            s->have_badge = 1;
            s->person = arg;
            if (store_is_checked_in(s->st, s->badge, &yes, &err) != AS_OK) {
                session_store_failed(s, &err, now);
                return;
            }
            session_set_screen(s, yes ? SCR_DESK_ALREADY : SCR_DESK_NAME_CONFIRM,
                               now);
        } else if (action == ACT_BACK) {
            done(s, now);
        } else {
            search_key(s, action, arg, now);
        }
        break;
    case SCR_DESK_NAME_CONFIRM:
        if (action == ACT_CANCEL) {
            sodium_memzero(s->badge, sizeof s->badge);
            s->have_badge = 0;
            s->person = -1;
            session_set_screen(s, SCR_DESK_SEARCH, now);
        } else if (action == ACT_CONFIRM && s->have_badge && s->fac_at_desk) {
            if (store_checkin_by_facilitator(s->st, s->badge, &was_new, &err) !=
                AS_OK) {
                session_store_failed(s, &err, now);
                return;
            }
            s->query[0] = '\0';
            s->nmatches = 0;
            show_person(s, s->person, was_new, 1, now);
        }
        break;
    default:
        break;
    }
}

/* Voting cards (card mode).  The card store API comes with `asamblea
 * cards`; until a data directory has cards, nothing is a card. */
int session_is_card(session *s, const uint8_t hash[TOKEN_HASH_SIZE])
{
    int yes = 0;
    if (store_is_card(s->st, hash, &yes, NULL) != AS_OK)
        return 0;
    return yes;
}
