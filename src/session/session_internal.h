/* session_internal.h: the session's state, shared by its files:
 * session.c (scans, the vote flow, facilitator actions), session_screen.c
 * (moving between screens), session_ballot.c (marking a ballot),
 * session_desk.c (the check-in desk), session_search.c (name folding and
 * matching) and session_snapshot.c (what the screens draw).
 * Not a public interface. */
#ifndef AS_SESSION_INTERNAL_H
#define AS_SESSION_INTERNAL_H

#include "session.h"
#include "tally.h"

typedef struct {
    uint8_t hash[TOKEN_HASH_SIZE];
    int index; /* roster row */
} badge_entry;

struct session {
    const meeting *m;
    store *st;
    session_config cfg;
    badge_entry *badges; /* sorted by hash for bsearch */
    int nbadges;
    int *row_badge;      /* roster row -> index in badges, or -1 */
    char **folded;       /* roster row -> folded name (desk mode only) */

    screen_id screen, under;
    int lang;
    int fac_lang;        /* the language facilitators chose for their
                            screens (and the desk's tools): kept for the
                            session's life, never per person */
    int have_badge;
    uint8_t badge[TOKEN_HASH_SIZE];
    int is_card;         /* the credential is an anonymous voting card */
    int member_is_fac;
    int proposal;
    ballot_choice bc;    /* the pending choice (bc.choice for the
                            one-choice methods), wiped with the badge */
    int hint;            /* ballot_hint of the last ballot tap */
    int reviewed;        /* REVIEW was reached through a finished ballot */
    int *votable;
    int nvotable;
    tally_result **results; /* per proposal: the count of a closed one,
                               made at close (or start) and kept (a
                               closed proposal's ballots never change) */
    snapshot snap;          /* what session_snapshot returns */
    snapshot_proposal *sprops; /* snap.props */
    int stale;              /* something changed since snap's figures */
    int voted_any;
    int open_count;
    msg_id msg;
    char detail[800];
    int confirm_action, confirm_arg;
    session_request request;
    uint64_t last_input;
    uint64_t deadline;

    /* the desk */
    int person;
    int by_facilitator;
    int fac_at_desk;
    char query[SESSION_QUERY_MAX + 1];
    int matches[SESSION_MAX_MATCHES];
    unsigned char match_in[SESSION_MAX_MATCHES];
    int nmatches, more_matches;
};

/* session_valid_prop (session_screen.c): i is a proposal index of the
 * meeting. */
int session_valid_prop(const session *s, int i);

/* The room display's state, snapshot.room (session_room.c).
 * session_room_action: handles the console's ACT_ROOM_SHOW and
 * ACT_ROOM_ROUND (facilitator screens only); returns 1 if action was one
 * of them.  session_room_follow: a vote on proposal i was just opened
 * (opened = 1) or closed: the room moves to its turnout or its result. */
int session_room_action(session *s, int action, int arg);
void session_room_follow(session *s, int i, int opened);

/* session_refresh_proposal (session_snapshot.c): reads proposal index's
 * figures into the snapshot and, once it is closed, counts its result
 * (once: kept in s->results).  Errors stay in sprops[index]. */
void session_refresh_proposal(session *s, int index);

/* Moving between screens (session_screen.c), shared by every file. */
/* session_set_screen: shows sc from now, with that screen's deadline. */
void session_set_screen(session *s, screen_id sc, uint64_t now);
/* session_go_idle: forgets the person and any message, shows IDLE. */
void session_go_idle(session *s, uint64_t now);
/* session_show_message: forgets the person, shows msg (detail may be
 * NULL) on SCR_MESSAGE. */
void session_show_message(session *s, msg_id msg, const char *detail,
                          uint64_t now);
/* session_store_failed: forgets the person, shows the store's error on
 * SCR_VOTE_ERROR (nothing was cast). */
void session_store_failed(session *s, const as_err *err, uint64_t now);
/* session_clear_choice: wipes the pending choice (whatever the method). */
void session_clear_choice(session *s);
/* session_forget_person: wipes the badge, the choice and the person. */
void session_forget_person(session *s);
/* session_to_review: a finished ballot goes to REVIEW. */
void session_to_review(session *s, uint64_t now);
/* The kinds of screen: an attendee's (times out to STILL), or a
 * facilitator's (times out to IDLE, longer). */
int session_is_attendee_screen(screen_id sc);
int session_is_fac_screen(screen_id sc);
/* session_fac_lang_action: ACT_LANG on a facilitator's screen (the
 * console or the desk's tools) sets the facilitators' language; returns
 * 1 if action was that. */
int session_fac_lang_action(session *s, int action, int arg);

/* session_ballot_action (session_ballot.c): a tap on SCR_BALLOT. */
void session_ballot_action(session *s, int action, int arg, uint64_t now);

/* session_desk.c */
int session_is_desk_screen(screen_id sc);
/* session_desk_scan: a badge (roster row, hash in s->badge) at the desk. */
void session_desk_scan(session *s, int row, uint64_t now);
void session_desk_action(session *s, int action, int arg, uint64_t now);
/* session_desk_setup: desk-only tables (folded names); AS_ENOMEM. */
as_status session_desk_setup(session *s);
void session_desk_free(session *s);

/* session_is_card: 1 if hash is one of the meeting's voting cards. */
int session_is_card(session *s, const uint8_t hash[TOKEN_HASH_SIZE]);

#endif
