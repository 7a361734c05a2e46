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
#include "snapshot.h"
#include "store.h"
#include "tally.h"
#include "token.h"


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
    int room_live;       /* a room display is attached (room.h): the
                            figures it shows (attendance, every proposal's
                            state and turnout) are read after every change,
                            not only on the facilitator's screens */
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

/* session_invalidate: the meeting may have changed elsewhere (another
 * kiosk on the same hub opened or closed a proposal, checked someone in):
 * re-reads every proposal's state and figures now, and everything else
 * at the next snapshot.  Reads the store; never writes. */
void session_invalidate(session *s);

/* session_set_paused: 1 while this kiosk (one of several on a hub)
 * cannot reach the hub: scans are answered "paused" and the idle screen
 * says so; 0 when it can again.  The store refuses every vote it could
 * not make exactly once anyway; this tells people why, before they try. */
void session_set_paused(session *s, int paused, uint64_t now);

/* session_tick: advances timers.  Returns 1 if the screen changed. */
int session_tick(session *s, uint64_t now);

/* session_deadline: the next time session_tick has something to do, or 0
 * if nothing is pending (the kiosk may sleep until input). */
uint64_t session_deadline(const session *s);

/* session_take_request / session_report: see session_request.  The app
 * calls session_report(s, ok, detail) after an export. */
session_request session_take_request(session *s);
void session_report(session *s, int ok, const char *detail, uint64_t now);

/* session_snapshot: what the screens draw (snapshot.h).  Made again only
 * when something changed since the last call (a scan, an action, a
 * timer that changed the screen, an export's report); reading the store
 * happens here, never while drawing, and only for the figures the
 * current screen shows.  Never fails: a store error is kept in the
 * snapshot (snapshot.checked_in -1, props[i].status) for the screen to
 * show.  Valid until the next call into the session. */
const snapshot *session_snapshot(session *s);

/* session_view_get: fills v for the current screen. */
void session_view_get(const session *s, session_view *v);

/* session_figures_get: proposal index's figures read from the store now
 * (the snapshot keeps the ones its screens show).  AS_OK, or the store's
 * error (err filled). */
as_status session_figures_get(session *s, int index, session_figures *f,
                              as_err *err);

/* session_result_get: the result of CLOSED proposal index, counted by
 * tally_counter from the stored ballot texts with the people checked in
 * at the close, the proposal's quorum and the ballot list's Merkle root
 * (the same count as the export's).  Counted once, when the session
 * closes it or when the session starts (or on the first call, for one
 * closed elsewhere): a closed proposal's ballots never change, so the
 * session keeps *out (the caller must not free it) until session_free,
 * and the snapshot shows the same pointer.  AS_ESTATE if the proposal is not closed; the
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
