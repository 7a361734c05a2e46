/* store.h: the store interface: the kiosk's durable state behind an
 * operations table, as Redis's ae hides its event backends behind
 * aeApi*.  The core (session, export, the tools) calls the store_*
 * entry points below; each goes through the store's table (store_ops),
 * which one implementation fills:
 *   - SQLite (src/store, store_sqlite.h): a data directory holding
 *     meeting.db (proposals' states, check-in flags, "badge voted on
 *     proposal" flags keyed by keyed hashes of tokens, the event log) and
 *     ballots.db (ballot slots: no badge, no time, no order), in rows made
 *     ahead and changed in place; every SQL statement lives there and
 *     nothing else includes sqlite3.h;
 *   - an in-memory one in tests (tests/test_store_mem.c), which proves
 *     that the core runs with no SQLite at all.
 * The table says what a meeting needs (check-ins, voted marks, casting,
 * proposal states, counts, the event log, cards), not how one backend
 * keeps it, so that another (PostgreSQL, next) is one more table.
 *
 * What every implementation must keep (docs/storage.md): a cast writes
 * the ballot and the voted mark together (after a crash at any instant
 * both exist or neither), durably before it returns AS_OK; no record
 * links a badge to a ballot or keeps an order or a time; the event log
 * (docs/export-format.md §5: meeting, started, opened, closed, exported)
 * is hash-chained and never says anything about one voter.  Nothing
 * here logs a choice, a ballot id, a token or a hash. */
#ifndef AS_STORE_H
#define AS_STORE_H

#include <stddef.h>
#include <stdint.h>
#include "domain.h"
#include "status.h"
#include "token.h"

typedef struct store store;
typedef struct store_ops store_ops;

/* Every store object begins with this: an implementation's own struct
 * has it as its first member, and its constructor hands out a pointer
 * to it. */
struct store {
    const store_ops *ops;
};

/* store_free: closes the store (the SQLite one: its databases).  NULL
 * allowed. */
void store_free(store *s);

/* store_is_readonly: 1 if nothing can be written through s (the SQLite
 * store: opened with store_open_readonly), 0 otherwise or for NULL. */
int store_is_readonly(const store *s);

/* store_key: the data directory's secret key for token_hash. */
const uint8_t *store_key(const store *s);

/* store_checkin: marks the badge with this hash as checked in (present
 * now), also when it was checked out before: that check-out is removed in
 * the same transaction.  *was_new (may be NULL) is 1 if it was not
 * present already.  Durable on AS_OK; AS_EFULL / AS_EIO / AS_EREADONLY
 * leave everything as it was. */
as_status store_checkin(store *s, const uint8_t badge[TOKEN_HASH_SIZE],
                        int *was_new, as_err *err);

/* store_is_checked_in: *yes = 1 if that badge is present now: checked
 * in and not checked out since. */
as_status store_is_checked_in(store *s, const uint8_t badge[TOKEN_HASH_SIZE],
                              int *yes, as_err *err);

/* store_checked_in_count: how many people are present now (checked in
 * and not checked out since): the figure for quorum, turnout and the
 * opened/closed events. */
as_status store_checked_in_count(store *s, int64_t *n, as_err *err);

/* store_attended_count: how many people checked in at any time during
 * the meeting, whether or not they checked out since (attendance.txt's
 * `attended`, the bound on every proposal's ballots).  Never less than
 * store_checked_in_count.  Never writes. */
as_status store_attended_count(store *s, int64_t *n, as_err *err);

/* store_has_voted: *yes = 1 if that badge has voted on proposal. */
as_status store_has_voted(store *s, const char *proposal,
                          const uint8_t badge[TOKEN_HASH_SIZE], int *yes,
                          as_err *err);

/* store_cast: in one transaction, checks the proposal is open and the
 * badge has not voted on it, inserts a ballot with a fresh random id and
 * the choice, and sets the voted flag; commits with synchronous=FULL.
 * Returns AS_OK only once both are durably on disk.  AS_ESTATE if the
 * proposal is not open or the badge already voted (nothing written).
 * AS_EFULL / AS_EIO / AS_EREADONLY roll back: nothing is written.  (One
 * exception SQLite cannot rule out: an I/O error reported by COMMIT after
 * its commit point.  The vote is then kept although an error is returned;
 * a retry gets AS_ESTATE, never a second ballot.) */
as_status store_cast(store *s, const char *proposal,
                     const uint8_t badge[TOKEN_HASH_SIZE], int choice,
                     as_err *err);

/* store_cast_text: store_cast for any voting method: the ballot's choice
 * is its canonical text (include/ballot.h, made by ballot_format), stored
 * byte for byte.  choice must be 1..BALLOT_TEXT_MAX bytes of
 * [a-z0-9,>-] (AS_EINVAL otherwise, nothing written); the store checks
 * nothing else about it, so the caller formats it for the proposal's
 * method.  Transaction, durability and failures exactly as store_cast,
 * which is this function with the words yes, no and abstain. */
as_status store_cast_text(store *s, const char *proposal,
                          const uint8_t badge[TOKEN_HASH_SIZE],
                          const char *choice, as_err *err);

/* store_proposal_state / store_set_proposal_state: a proposal's state.
 * Unknown proposals are PROP_DRAFT.  Allowed transitions are
 * DRAFT->OPEN, OPEN->CLOSED; anything else is AS_ESTATE.  The transition
 * appends its event in the same transaction ("opened <id> <checked-in>",
 * or "closed <id> <checked-in> <ballots> <Merkle root hex>" with the root
 * of the proposal's canonical ballot list), so after a crash or a full
 * disk both exist or neither.  AS_EINVAL for an id outside
 * [a-z0-9-]{1,63} (the meeting file allows no other). */
as_status store_proposal_state(store *s, const char *proposal,
                               prop_state *st, as_err *err);
as_status store_set_proposal_state(store *s, const char *proposal,
                                   prop_state st, as_err *err);

/* store_voted_count: how many badges have voted on proposal (turnout; the
 * only figure shown while a vote is open). */
as_status store_voted_count(store *s, const char *proposal, int64_t *n,
                            as_err *err);

/* store_ballot_count: how many ballots proposal has (any choice).  After
 * any crash this equals store_voted_count for every proposal. */
as_status store_ballot_count(store *s, const char *proposal, int64_t *n,
                             as_err *err);

/* store_counts: ballots per choice of a yes/no/abstain proposal; counts[c]
 * for choice c (CHOICE_*) in [0, nchoices).  A ballot with a choice
 * outside that range, or a text other than yes, no or abstain, is
 * AS_ECORRUPT. */
as_status store_counts(store *s, const char *proposal, int64_t *counts,
                       int nchoices, as_err *err);

/* store_each_ballot: calls fn once per ballot of proposal in ascending
 * ballot-id order (never cast order).  A non-AS_OK return from fn stops
 * the walk and is returned.  fn may read through s but must not write. */
typedef as_status (*store_ballot_fn)(void *ud, const uint8_t id[BALLOT_ID_SIZE],
                                     int choice);
as_status store_each_ballot(store *s, const char *proposal, store_ballot_fn fn,
                            void *ud, as_err *err);

/* store_each_ballot_text: the same walk for every voting method: fn gets
 * each ballot's stored choice, its canonical text (include/ballot.h), as
 * choice[0..n) (NUL terminated; valid only during the call).  The store
 * interprets nothing: what is stored is exactly what is exported.  A row
 * that is not 1..BALLOT_TEXT_MAX bytes of [a-z0-9,>-] is AS_ECORRUPT
 * (err names ballots.db).  store_each_ballot above is this walk for
 * yes/no/abstain proposals: a stored text other than yes, no or abstain
 * is AS_ECORRUPT there. */
typedef as_status (*store_ballot_text_fn)(void *ud,
                                          const uint8_t id[BALLOT_ID_SIZE],
                                          const char *choice, size_t n);
as_status store_each_ballot_text(store *s, const char *proposal,
                                 store_ballot_text_fn fn, void *ud,
                                 as_err *err);

/* store_event_started: appends "started" to the event log (the kiosk,
 * or a tool that writes, calls it once after store_open).  Durable on
 * AS_OK; AS_EFULL / AS_EIO / AS_EREADONLY leave the log as it was. */
as_status store_event_started(store *s, as_err *err);

/* store_event_exported: appends "exported <nclosed>" (nclosed >= 0, the
 * number of closed proposals in the export being made).  As above. */
as_status store_event_exported(store *s, int nclosed, as_err *err);

/* store_each_event: calls fn once per event line in order (seq 1, 2, ...)
 * with the line's text (text_i of §5: "<seq> <event> [args]", not NUL
 * terminated, n bytes, no LF) and its chained hash.  The chain is checked
 * while walking: a line that does not follow it stops the walk with
 * AS_ECORRUPT (err names meeting.db) before fn sees it.  A non-AS_OK
 * return from fn stops the walk and is returned.  fn must not write. */
typedef as_status (*store_event_fn)(void *ud, const char *text, size_t n,
                                    const uint8_t hash[32]);
as_status store_each_event(store *s, store_event_fn fn, void *ud, as_err *err);

/* store_closed_info: the figures recorded by proposal's `closed` event:
 * people checked in when voting closed, and the Merkle root of its ballot
 * list at close.  AS_ESTATE if the proposal is not closed; AS_ECORRUPT if
 * the log lacks exactly one well-formed closed event for it. */
as_status store_closed_info(store *s, const char *proposal,
                            int64_t *checked_in_at_close, uint8_t root[32],
                            as_err *err);

/* store_ballot_root: the number of ballots of proposal and the Merkle
 * root (docs/export-format.md §2) of its canonical ballot list (lines
 * "<id hex> <stored text>"), computed from the ballots now in the store,
 * for any method.  AS_ECORRUPT for a malformed ballot row, AS_ENOMEM. */
as_status store_ballot_root(store *s, const char *proposal, int64_t *nballots,
                            uint8_t root[32], as_err *err);

/* store_integrity: checks that the store is whole (the SQLite store:
 * PRAGMA integrity_check on both databases) and that every proposal has
 * as many ballots as badges marked voted; AS_OK or AS_ECORRUPT with err
 * naming what is damaged. */
as_status store_integrity(store *s, as_err *err);


/* store_enroll: makes, in one transaction, the rows n badges will use
 * (their keyed hashes; duplicates and badges already known are
 * ignored): a check-in row (absent), and for every open proposal a voted
 * row (not voted) and an empty ballot slot each.  Checking in and voting
 * then change those rows in place, so no file records the order of
 * arrivals or votes (docs/storage.md).  The kiosk enrolls its roster at
 * start; store_add_cards enrolls cards.  A badge never enrolled still
 * works, its rows made at first use.  AS_EINVAL for bad arguments;
 * AS_EFULL / AS_EIO / AS_EREADONLY leave everything as it was. */
as_status store_enroll(store *s, const uint8_t (*hashes)[TOKEN_HASH_SIZE], int n,
                       as_err *err);

/* store_open_proposal: store_set_proposal_state(proposal, PROP_OPEN)
 * with ballot slots of slot_width bytes (1..BALLOT_TEXT_MAX): the longest
 * ballot text the proposal's method can make.  Every enrolled badge gets
 * its voted row and the proposal one empty slot per badge in the same
 * transaction.  store_set_proposal_state opens with slots of
 * BALLOT_TEXT_MAX bytes.  A cast whose text is longer than the slots is
 * AS_EINVAL. */
as_status store_open_proposal(store *s, const char *proposal, int slot_width,
                              as_err *err);

/* The check-in desk (store_checkout.c). */

/* store_checkout: the person with this badge leaves: records the
 * check-out (and removes any facilitator mark) in one transaction, so the
 * checked-in count (present now) drops by one.  The check-in itself is
 * kept: they still count in store_attended_count.  Never touches ballots
 * or voted flags: a vote already cast stays.  Checking in again later
 * makes them present again (was_new = 1).  AS_ESTATE if the badge never
 * checked in or is already checked out (nothing written); AS_EFULL /
 * AS_EIO / AS_EREADONLY leave everything as it was. */
as_status store_checkout(store *s, const uint8_t badge[TOKEN_HASH_SIZE],
                         as_err *err);

/* store_checkin_by_facilitator: as store_checkin, for a person whose
 * badge was forgotten and whom a facilitator found by name; a check-in
 * made this way (also of someone checked out before) is also marked as
 * made by a facilitator (one transaction).  A badge present already is
 * left as it is (*was_new = 0, no mark). */
as_status store_checkin_by_facilitator(store *s,
                                       const uint8_t badge[TOKEN_HASH_SIZE],
                                       int *was_new, as_err *err);

/* store_facilitator_checkin_count: how many of those present now were
 * checked in by a facilitator (an aggregate: never who). */
as_status store_facilitator_checkin_count(store *s, int64_t *n, as_err *err);

/* Anonymous voting cards (store_cards.c).  A card is registered by the
 * keyed hash of its token (token_hash with store_key) only, in a table
 * of meeting.db made on first use; nothing links a card to a roster row
 * or records the order cards were added. */

/* store_add_cards: registers n card hashes (n >= 0) in one transaction:
 * all or none.  AS_EINVAL if one is already registered (nothing added);
 * AS_EFULL / AS_EIO / AS_EREADONLY as the disk reports, nothing added.
 * Durable on AS_OK. */
as_status store_add_cards(store *s, const uint8_t (*hashes)[TOKEN_HASH_SIZE],
                          int n, as_err *err);

/* store_is_card: *yes = 1 if a card with this token hash is registered
 * (0 when no card was ever registered).  Never writes. */
as_status store_is_card(store *s, const uint8_t hash[TOKEN_HASH_SIZE], int *yes,
                        as_err *err);

/* store_card_count: how many cards are registered (0 if none ever were).
 * Never writes. */
as_status store_card_count(store *s, int64_t *n, as_err *err);

/* Several kiosks, one meeting (hub_store.h): each kiosk hands in its
 * ballot list of a closed proposal signed with its own Ed25519 key; the
 * bundle carries those lists so that anyone can check the merged list is
 * exactly their union (docs/export-format.md). */

/* store_each_kiosk_list: calls fn once per kiosk that handed in a list
 * for the closed proposal, in kiosk-number order: its number, its public
 * key, the list (lines "<id hex> <text>\n" in id order, list[0..len)),
 * how many ballots it holds, and the signature over
 * "asamblea-kiosk-list/v1\n" <proposal> "\n" <count> "\n" <list>.  A
 * store of one kiosk (SQLite, memory) has no such lists: AS_OK and fn is
 * never called.  AS_ESTATE if the proposal is not closed.  A non-AS_OK
 * return from fn stops the walk and is returned. */
typedef as_status (*store_list_fn)(void *ud, int kiosk, const uint8_t pk[32],
                                   const char *list, size_t len, int64_t count,
                                   const uint8_t sig[64]);
as_status store_each_kiosk_list(store *s, const char *proposal,
                                store_list_fn fn, void *ud, as_err *err);

/* One kiosk of several, as the facilitator sees it for a proposal. */
typedef struct store_kiosk {
    int id;             /* its number on the hub, 1.. */
    char name[64];      /* "Kiosk by the door" */
    int online;         /* it looked at the hub in the last few seconds */
    int64_t marks;      /* votes cast there on the proposal */
    int64_t delivered;  /* ballots it handed in at close; -1: not yet */
    int closing;        /* the proposal is being closed: lists come in */
} store_kiosk;

/* store_kiosks: the kiosks sharing this meeting and each one's votes on
 * proposal, into rows[0..*n) (at most cap), in number order.  A store of
 * one kiosk: *n = 0, AS_OK.  AS_EIO when the hub cannot be reached. */
as_status store_kiosks(store *s, const char *proposal, store_kiosk *rows,
                       int cap, int *n, as_err *err);

/* Helpers every implementation may use (store_iface.c). */

/* store_root_walk: the number of ballots of proposal and the Merkle root
 * of its canonical ballot list, by walking store_each_ballot_text (ids
 * ascending): what every store's ballot_root computes.  AS_ECORRUPT when
 * a stored text is not a ballot text, AS_ENOMEM; the caller says which
 * file or server (err holds what the walk said, if anything). */
as_status store_root_walk(store *s, const char *proposal, int64_t *nballots,
                          uint8_t root[32], as_err *err);

/* store_closed_walk: reads proposal's closed event from the event log
 * (store_each_event): *found gets how many closed events name it, *bad 1
 * if one of them is malformed, and the figures of the last one.  The
 * caller turns found != 1 or bad into its own AS_ECORRUPT message. */
as_status store_closed_walk(store *s, const char *proposal, int *found,
                            int *bad, int64_t *checked_in_at_close,
                            uint8_t root[32], as_err *err);

/* The operations table.  Each member is the implementation of the entry
 * point of the same name above (store_X is ops->X), with the same
 * contract.  A member may be NULL when the implementation cannot do it;
 * the entry point then fails with AS_ESTATE ("this store cannot ..."). */
struct store_ops {
    const char *name; /* "sqlite", "memory": for messages */
    /* the store itself */
    void (*free)(store *s);
    const uint8_t *(*key)(const store *s);
    int (*is_readonly)(const store *s);
    as_status (*integrity)(store *s, as_err *err);
    /* people: enrolment, check-in and check-out, aggregates */
    as_status (*enroll)(store *s, const uint8_t (*hashes)[TOKEN_HASH_SIZE],
                        int n, as_err *err);
    as_status (*checkin)(store *s, const uint8_t badge[TOKEN_HASH_SIZE],
                         int *was_new, as_err *err);
    as_status (*checkin_by_facilitator)(store *s,
                                        const uint8_t badge[TOKEN_HASH_SIZE],
                                        int *was_new, as_err *err);
    as_status (*checkout)(store *s, const uint8_t badge[TOKEN_HASH_SIZE],
                          as_err *err);
    as_status (*is_checked_in)(store *s, const uint8_t badge[TOKEN_HASH_SIZE],
                               int *yes, as_err *err);
    as_status (*checked_in_count)(store *s, int64_t *n, as_err *err);
    as_status (*attended_count)(store *s, int64_t *n, as_err *err);
    as_status (*facilitator_checkin_count)(store *s, int64_t *n, as_err *err);
    /* anonymous voting cards */
    as_status (*add_cards)(store *s, const uint8_t (*hashes)[TOKEN_HASH_SIZE],
                           int n, as_err *err);
    as_status (*is_card)(store *s, const uint8_t hash[TOKEN_HASH_SIZE],
                         int *yes, as_err *err);
    as_status (*card_count)(store *s, int64_t *n, as_err *err);
    /* proposals: state (with its event) */
    as_status (*proposal_state)(store *s, const char *proposal, prop_state *st,
                                as_err *err);
    as_status (*set_proposal_state)(store *s, const char *proposal,
                                    prop_state st, as_err *err);
    as_status (*open_proposal)(store *s, const char *proposal, int slot_width,
                               as_err *err);
    /* voting: the voted mark and the ballot, together */
    as_status (*has_voted)(store *s, const char *proposal,
                           const uint8_t badge[TOKEN_HASH_SIZE], int *yes,
                           as_err *err);
    as_status (*cast_text)(store *s, const char *proposal,
                           const uint8_t badge[TOKEN_HASH_SIZE],
                           const char *choice, as_err *err);
    as_status (*voted_count)(store *s, const char *proposal, int64_t *n,
                             as_err *err);
    /* ballots: counts and walks, never in cast order */
    as_status (*ballot_count)(store *s, const char *proposal, int64_t *n,
                              as_err *err);
    as_status (*counts)(store *s, const char *proposal, int64_t *counts,
                        int nchoices, as_err *err);
    as_status (*each_ballot)(store *s, const char *proposal, store_ballot_fn fn,
                             void *ud, as_err *err);
    as_status (*each_ballot_text)(store *s, const char *proposal,
                                  store_ballot_text_fn fn, void *ud,
                                  as_err *err);
    as_status (*ballot_root)(store *s, const char *proposal, int64_t *nballots,
                             uint8_t root[32], as_err *err);
    /* the event log */
    as_status (*event_started)(store *s, as_err *err);
    as_status (*event_exported)(store *s, int nclosed, as_err *err);
    as_status (*each_event)(store *s, store_event_fn fn, void *ud, as_err *err);
    as_status (*closed_info)(store *s, const char *proposal,
                             int64_t *checked_in_at_close, uint8_t root[32],
                             as_err *err);
    /* several kiosks: each one's signed list (NULL: one kiosk) */
    as_status (*each_kiosk_list)(store *s, const char *proposal,
                                 store_list_fn fn, void *ud, as_err *err);
    as_status (*kiosks)(store *s, const char *proposal, store_kiosk *rows,
                        int cap, int *n, as_err *err);
};

#endif
