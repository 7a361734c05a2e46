/* session.h: the kiosk's state machine, in plain C.
 *
 * One session object lives as long as the kiosk.  It receives scans
 * (already-assembled scanner text), actions (from tapped display-list
 * elements) and clock ticks, talks to the store, and exposes what the UI
 * needs to draw the current screen.  It never draws and never logs a
 * choice.  Time is passed in by the caller (milliseconds from any
 * monotonic origin), so tests and the replay harness run on a simulated
 * clock.
 *
 * Attendee flow: IDLE -scan-> (LANGUAGE) -> LIST -> PROPOSAL -> REVIEW
 * -cast-> RECORDED -> IDLE (or LIST for the next proposal).  Every method
 * but yes-no-abstain has a ballot screen between the text and the review:
 * PROPOSAL -"Go to the ballot"-> BALLOT (consensus and recall: three
 * choices; approval: toggle options, at most `choose`; ranked-choice and
 * stv: tap options in order of preference, Undo, Start over) -> REVIEW.
 * The choice is a ballot_choice (ballot.h); casting writes its canonical
 * text (ballot_format) with store_cast_text.  Nothing reaches the store
 * before "Cast my vote" on REVIEW, and an approval or ranked ballot that
 * marks nothing reaches REVIEW only through an explicit "Leave blank".  Inactivity on
 * an attendee screen -> STILL ("Still voting?") -> IDLE with nothing cast.
 * A facilitator badge -> FAC_HOME -> FAC_PROPOSAL -> FAC_CONFIRM.
 *
 * Desk mode (session_config.desk, `asamblea kiosk --mode desk`) never
 * shows a proposal or a vote.  IDLE -scan-> DESK_WELCOME (checked in now)
 * or DESK_ALREADY ("already checked in": Check out -> DESK_CHECKOUT ->
 * DESK_LEFT, or OK) -> IDLE.  A facilitator badge -> DESK_FAC -> "Check in
 * by name" -> DESK_SEARCH (on-screen keyboard, matching names) -> a name
 * -> DESK_NAME_CONFIRM -> DESK_WELCOME (marked as checked in by a
 * facilitator) -> DESK_FAC.
 *
 * Card mode (meeting credentials: cards), vote kiosk: a voting card
 * starts a voting session at once (cards are anonymous and never check
 * in); an attendee's badge gets MSG_USE_CARD; a facilitator's badge opens
 * the facilitator screens as before (without "Vote"). */
#ifndef AS_SESSION_H
#define AS_SESSION_H

#include <stdint.h>
#include "ballot.h"
#include "meeting.h"
#include "status.h"
#include "store.h"
#include "tally.h"
#include "token.h"

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
    ACT_ROUND          /* arg: +1 / -1 round of a ranked result (UI) */
} ui_action;

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
    MSG_CARD_AT_DESK      /* a voting card scanned at the desk */
} msg_id;

/* Requests the session cannot carry out itself (the core does not know
 * the export module or the process); the app polls and reports back. */
typedef enum { REQ_NONE = 0, REQ_EXPORT, REQ_SHUTDOWN } session_request;

typedef struct {
    int idle_ms;         /* attendee inactivity before "Still voting?" */
    int still_ms;        /* then this long before giving up */
    int recorded_ms;     /* how long "recorded" stays (default 6000) */
    int message_ms;      /* how long a scan message stays (default 8000) */
    int facilitator_ms;  /* facilitator screens lock after this (300000) */
    int demo;            /* offer on-screen demo badges on IDLE */
    int desk;            /* the check-in desk (--mode desk), not a vote kiosk */
    const char *key_fingerprint; /* the kiosk's signing key, shown to
                                    facilitators (NULL: none) */
} session_config;

typedef struct session session;

/* session_config_default: fills c from the meeting's timeouts. */
void session_config_default(session_config *c, const meeting *m);

/* session_new: a session over meeting m and store st (both must outlive
 * it).  Hashes every roster token with the store's key so scans can be
 * matched without keeping tokens around.  AS_ENOMEM on failure. */
as_status session_new(const meeting *m, store *st, const session_config *cfg,
                      session **out);

/* session_free: wipes the badge and choice from memory.  NULL allowed. */
void session_free(session *s);

/* session_scan: a complete scan (the scanner's text up to Enter), in any
 * state.  Interrupts whatever is on screen; nothing half-done is cast.
 * Never fails: problems become a message screen. */
void session_scan(session *s, const char *text, size_t len, uint64_t now);

/* session_action: a tapped element's action.  Actions that do not fit
 * the current screen are ignored (a stale tap can never cast). */
void session_action(session *s, int action, int arg, uint64_t now);

/* session_touch: any input at all (keeps the inactivity timer fresh). */
void session_touch(session *s, uint64_t now);

/* session_tick: advances timers.  Returns 1 if the screen changed. */
int session_tick(session *s, uint64_t now);

/* session_deadline: the next time session_tick has something to do, or 0
 * if nothing is pending (the kiosk may sleep until input). */
uint64_t session_deadline(const session *s);

/* session_take_request / session_report: see session_request.  The app
 * calls session_report(s, ok, detail) after an export. */
session_request session_take_request(session *s);
void session_report(session *s, int ok, const char *detail, uint64_t now);

/* What the UI reads.  All pointers stay valid until the next call into
 * the session. */
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

/* session_view_get: fills v for the current screen. */
void session_view_get(const session *s, session_view *v);

/* Figures for facilitator screens, read from the store on demand.
 * Counts are only available for CLOSED proposals (never interim). */
typedef struct {
    prop_state state;
    int64_t checked_in;     /* now; for CLOSED: when voting closed, as
                               recorded in the event log (and the export) */
    int64_t voted;          /* turnout */
    int64_t counts[3];      /* CLOSED yes-no-abstain and recall only, else
                               zeros; results use session_result_get */
    int quorum;             /* needed for this proposal
                               (meeting_proposal_quorum), 0 = none */
    uint8_t root[32];       /* CLOSED only: Merkle root of the ballot list */
} session_figures;

/* session_figures_get: AS_OK, or the store's error (err filled). */
as_status session_figures_get(session *s, int index, session_figures *f,
                              as_err *err);

/* session_result_get: the result of CLOSED proposal index, counted by
 * tally_counter from the stored ballot texts with the people checked in
 * at the close, the proposal's quorum and the ballot list's Merkle root
 * (the same count as the export's).  Counted once, on the first call: a
 * closed proposal's ballots never change, so the session keeps *out
 * (the caller must not free it) until session_free; the results screen
 * asks on every frame.  AS_ESTATE if the proposal is not closed; the
 * store's or the counter's error otherwise (err filled, nothing kept). */
as_status session_result_get(session *s, int index, const tally_result **out,
                             as_err *err);

/* session_ballot_max: how many options a ballot of p may mark: approval
 * `choose`, ranked-choice and stv min(options, MEETING_MAX_RANKS), 0 for
 * the other methods. */
int session_ballot_max(const proposal *p);

/* session_checked_in: how many have checked in (-1 on a store error). */
int64_t session_checked_in(session *s);

/* session_fac_checked_in: how many of those checked in were checked in
 * by a facilitator (-1 on a store error).  An aggregate, never who. */
int64_t session_fac_checked_in(session *s);

/* session_fold: for name search: s (UTF-8) in lower case without accents
 * (Latin-1 and Latin Extended-A letters to their base letter: "José
 * Ramírez" -> "jose ramirez"), apostrophes dropped, other punctuation as
 * spaces, into out (always NUL-terminated, cut at size).  Other characters
 * are copied as they are. */
void session_fold(const char *s, char *out, size_t size);

/* session_name_matches: 1 if every word of folded query is the start of
 * some word of folded name ("jo ram" matches "jose luis ramirez"); 0 for
 * an empty query. */
int session_name_matches(const char *folded_name, const char *folded_query);

/* session_meeting: the meeting this session runs. */
const meeting *session_meeting(const session *s);

#endif
