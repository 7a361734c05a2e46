/* snapshot.h: everything a screen draws, as plain const data.
 *
 * The session (session.h) computes a snapshot when something changes (a
 * scan, a tap, a timer, an export's report) and keeps it until the next
 * change; the UI (ui_build) and, later, a room display in a second window
 * draw from it and never ask the store anything.  A closed proposal's
 * result is counted once, when it closes (or when the session starts,
 * for proposals closed before), and kept: its ballots never change.
 *
 * This header is the whole contract between the session and whatever
 * draws it: the screens, the actions a tapped element asks for, the
 * messages, the view and the figures.  It includes no store or SQL. */
#ifndef AS_SNAPSHOT_H
#define AS_SNAPSHOT_H

#include <stdint.h>
#include "ballot.h"
#include "domain.h"
#include "meeting.h"
#include "status.h"
#include "tally.h"

typedef enum {
    SCR_IDLE = 0,
    SCR_MESSAGE,      /* a calm message after a scan we can't use */
    SCR_LANGUAGE,
    SCR_LIST,         /* open proposals this badge has not voted on */
    SCR_PROPOSAL,     /* read, then Yes / No / Abstain (or "Go to the
                         ballot" for the other methods) */
    SCR_BALLOT,       /* mark the ballot (every method but yes-no-abstain) */
    SCR_REVIEW,       /* "You chose ..." Cast my vote / Change */
    SCR_RECORDED,     /* shown only after the vote is durable */
    SCR_STILL,        /* "Still voting?" */
    SCR_VOTE_ERROR,   /* the vote could NOT be recorded */
    SCR_FAC_HOME,
    SCR_FAC_PROPOSAL, /* one proposal: open/close, turnout or result */
    SCR_FAC_CONFIRM,
    /* the check-in desk (default language, like facilitator screens) */
    SCR_DESK_WELCOME,      /* "Welcome, <name>": checked in just now */
    SCR_DESK_ALREADY,      /* "<name> is already checked in" */
    SCR_DESK_CHECKOUT,     /* "Check out <name>?" */
    SCR_DESK_LEFT,         /* "<name> is checked out" */
    SCR_DESK_FAC,          /* a facilitator at the desk */
    SCR_DESK_SEARCH,       /* on-screen keyboard and matching names */
    SCR_DESK_NAME_CONFIRM  /* "Check in <name>?" */
} screen_id;

/* What a tapped element asks for (dl_item.action, with dl_item.arg). */
typedef enum {
    ACT_NONE = 0,
    ACT_LANG,          /* arg: language index */
    ACT_PROPOSAL,      /* arg: proposal index */
    ACT_CHOOSE,        /* arg: CHOICE_* */
    ACT_CAST,
    ACT_CHANGE,
    ACT_BACK,          /* one screen back */
    ACT_FINISH,        /* attendee done: back to idle */
    ACT_CONTINUE,      /* "Still voting?" yes */
    ACT_DISMISS,       /* close a message */
    ACT_NEXT,          /* after casting: next proposal */
    ACT_DEMO_BADGE,    /* arg: roster index (demo mode only) */
    ACT_FAC_PROPOSAL,  /* arg: proposal index */
    ACT_FAC_OPEN,      /* arg: proposal index (asks to confirm) */
    ACT_FAC_CLOSE,     /* arg: proposal index (asks to confirm) */
    ACT_FAC_EXPORT,
    ACT_FAC_SHUTDOWN,  /* asks to confirm */
    ACT_FAC_VOTE,      /* the facilitator votes as a member */
    ACT_FAC_LEAVE,
    ACT_CONFIRM,
    ACT_CANCEL,
    ACT_PAGE,          /* arg: +1 / -1, handled by the UI (list paging) */
    ACT_SCROLL,        /* arg: +1 / -1, handled by the UI (text scrolling) */
    ACT_QR,            /* arg: 1 show / 0 hide the result's QR code (UI) */
    ACT_DESK_CHECKOUT, /* DESK_ALREADY: check this person out (confirms) */
    ACT_DESK_BY_NAME,  /* DESK_FAC: the on-screen keyboard */
    ACT_KEY,           /* arg: 'A'..'Z' or ' ' typed on the keyboard */
    ACT_KEY_BACKSPACE,
    ACT_KEY_CLEAR,
    ACT_DESK_PICK,     /* arg: roster index of a listed name */
    ACT_DESK_LIST,     /* arg: 1 show / 0 hide all matches full screen (UI) */
    ACT_GO_BALLOT,     /* PROPOSAL -> BALLOT (not yes-no-abstain) */
    ACT_RANK,          /* ranked: arg option index, ranked next */
    ACT_RANK_UNDO,     /* ranked: remove the last rank */
    ACT_RANK_CLEAR,    /* ranked: "Start over" */
    ACT_APPROVE,       /* approval: arg option index, toggled */
    ACT_BALLOT_REVIEW, /* BALLOT -> REVIEW with at least one mark */
    ACT_BALLOT_BLANK,  /* BALLOT -> REVIEW with nothing marked ("Leave blank") */
    ACT_ROUND,         /* arg: +1 / -1 round of a ranked result (UI) */
    /* the facilitator's console drives the room display (room.h) */
    ACT_ROOM_SHOW,     /* arg: room_mode; PROPOSAL, TURNOUT and RESULT show
                          the proposal the console has open (view.proposal) */
    ACT_ROOM_ROUND,    /* arg: +1 / -1: the room's result steps a round */
    ACT_ROOM_HERE,     /* arg: 1 the room view fills this screen (no second
                          display), 0 back to the console */
    ACT_FAC_ROOM_PANEL /* arg: 1 show / 0 hide the console's room buttons on
                          a panel of their own (UI; small screens) */
} ui_action;

/* What the room display (room.h) shows; the facilitator's console
 * chooses it, and opening or closing a vote moves it to that proposal's
 * turnout or result by itself. */
typedef enum {
    ROOM_AGENDA = 0, /* between votes: the meeting, the agenda with each
                        proposal's state, attendance against quorum, how
                        to vote */
    ROOM_PROPOSAL,   /* one proposal's title and text */
    ROOM_TURNOUT,    /* an open proposal: title, summary, live turnout
                        ("37 of 52 present have voted"); never a count */
    ROOM_RESULT,     /* a closed proposal: the outcome, counts, rounds,
                        the ballot-list code and its QR code */
    ROOM_BLANK       /* nothing (between agenda items, a break) */
} room_mode;

typedef struct {
    room_mode mode;
    int proposal;    /* PROPOSAL, TURNOUT, RESULT: the proposal; else -1 */
    int round;       /* RESULT: 0 the outcome; 1..n round n of a ranked,
                        stv or condorcet result (the console's "Next
                        round"; the session keeps it in range) */
    int here;        /* the facilitator asked for the room view on this
                        kiosk's own screen (ACT_ROOM_HERE) */
} room_show;

/* Why the last tap on a ballot did nothing (the UI says it kindly). */
typedef enum {
    HINT_NONE = 0,
    HINT_APPROVE_LIMIT, /* approval: already `choose` chosen */
    HINT_RANK_LIMIT,    /* ranked: every rank is filled */
    HINT_ALREADY_RANKED /* ranked: that option has a rank already */
} ballot_hint;

/* Messages the MESSAGE and FAC screens show; the UI translates them. */
typedef enum {
    MSG_NONE = 0,
    MSG_NOT_A_BADGE,      /* garbage: a URL, a product barcode */
    MSG_MISREAD,          /* right shape, wrong check symbol */
    MSG_NOT_ON_ROSTER,
    MSG_STORE_ERROR,      /* the store failed (detail in session_detail) */
    MSG_EXPORTED,         /* detail: where */
    MSG_EXPORT_FAILED,    /* detail: why */
    MSG_NO_EXPORT_DIR,
    MSG_OPENED_NO_QUORUM, /* a vote was opened without quorum */
    MSG_USE_CARD,         /* card mode: an attendee's badge at a vote kiosk */
    MSG_CARD_AT_DESK,     /* a voting card scanned at the desk */
    MSG_PAUSED            /* a kiosk on a hub that cannot reach it */
} msg_id;

/* Where the session is: the screen and what is on it (no store figures;
 * those are in snapshot below).  Pointers point into the session. */
typedef struct {
    screen_id screen;
    screen_id under;        /* for SCR_STILL: the screen it covers */
    int lang;               /* index into meeting langs */
    int member_is_fac;      /* the current badge is a facilitator's */
    int proposal;           /* current proposal index, or -1 */
    int choice;             /* chosen CHOICE_* / CONSENSUS_*, or -1 */
    const ballot_choice *ballot; /* BALLOT, REVIEW: the marks so far */
    int max_marks;          /* BALLOT: approval: `choose`; ranked: ranks */
    int hint;               /* BALLOT: ballot_hint of the last tap */
    int nvotable;           /* LIST: how many are listed */
    const int *votable;     /* LIST: proposal indices, in meeting order */
    int voted_any;          /* LIST: this badge voted on something open */
    int open_count;         /* proposals open right now */
    msg_id msg;
    const char *detail;     /* extra text for msg (a path, an error) */
    int confirm_action;     /* FAC_CONFIRM: ACT_FAC_OPEN/CLOSE/SHUTDOWN */
    int confirm_arg;
    uint64_t deadline;      /* when the current screen times out (0 none) */
    int demo;
    const char *key_fingerprint; /* or NULL */
    /* the check-in desk */
    int desk;               /* desk mode */
    int cards;              /* the meeting votes with cards */
    int person;             /* DESK_*: roster index shown, or -1 */
    int by_facilitator;     /* DESK_WELCOME: checked in by name */
    int fac_at_desk;        /* a facilitator badge opened the desk's tools */
    const char *query;      /* DESK_SEARCH: what was typed (A-Z, space) */
    int nmatches;           /* DESK_SEARCH: matching roster rows ... */
    const int *matches;     /* ... in roster order (at most SESSION_MAX_MATCHES) */
    const unsigned char *match_in; /* ... 1 where already checked in */
    int more_matches;       /* more matched than are listed */
} session_view;

#define SESSION_MAX_MATCHES 48
#define SESSION_QUERY_MAX 40

/* One proposal's figures, read from the store.  Counts are only
 * available for CLOSED proposals (never interim). */
typedef struct {
    prop_state state;
    int64_t checked_in;     /* now; for CLOSED: when voting closed, as
                               recorded in the event log (and the export) */
    int64_t voted;          /* turnout */
    int64_t counts[3];      /* CLOSED yes-no-abstain and recall only, else
                               zeros; results are in snapshot_proposal */
    int quorum;             /* needed for this proposal
                               (meeting_proposal_quorum), 0 = none */
    uint8_t root[32];       /* CLOSED only: Merkle root of the ballot list */
} session_figures;

/* What the snapshot knows of one proposal. */
typedef struct {
    as_status status;       /* AS_OK, or why fig (or, for a CLOSED
                               proposal, result) could not be had */
    as_err err;             /* ... in words, when status != AS_OK */
    int have_fig;           /* fig was read (counting may still have
                               failed: then status says why) */
    session_figures fig;    /* valid when have_fig */
    const tally_result *result; /* CLOSED and counted: the result (the
                               same count as the export's); else NULL */
} snapshot_proposal;

/* A snapshot.  Valid until the next call into the session that made it.
 * Store figures (checked_in, fac_checked_in, props[].fig) are fresh on
 * the screens that show them (facilitator screens, and every screen of
 * the check-in desk); elsewhere they are the last ones read. */
/* One of several kiosks sharing the meeting through a hub, as the
 * facilitator's proposal screen lists it: never a count, only each
 * kiosk's share of the proposal's votes. */
#define SNAPSHOT_MAX_KIOSKS 16
typedef struct {
    int id;
    char name[64];
    int online;      /* it looked at the hub in the last few seconds */
    int share;       /* tenths of a percent of the proposal's votes cast
                      * there (the shares add up to 1000); -1 none yet */
    int awaited;     /* closing: its ballots are not handed in yet */
} snapshot_kiosk;

typedef struct {
    const meeting *meeting;
    session_view view;
    int64_t checked_in;     /* present now (-1: the store failed) */
    int64_t fac_checked_in; /* of those, checked in by a facilitator (-1:
                               the store failed); an aggregate, never who */
    int nprops;             /* meeting->nprops */
    const snapshot_proposal *props; /* [nprops], in meeting order */
    room_show room;         /* what the room display shows */
    int paused;             /* one of several kiosks that cannot reach the
                             * hub: it takes no vote until it can */
    int nkiosks;            /* FAC_PROPOSAL on a hub: the kiosks, else 0 */
    int kiosks_closing;     /* ... and the proposal is being closed */
    snapshot_kiosk kiosks[SNAPSHOT_MAX_KIOSKS];
} snapshot;

#endif
