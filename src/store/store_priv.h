/* store_priv.h: what the store's source files share; nothing outside
 * src/store includes this (or sqlite3.h). */
#ifndef AS_STORE_PRIV_H
#define AS_STORE_PRIV_H

#include <sys/types.h>
#include <sqlite3.h>
#include "record.h"
#include "store_sqlite.h"

/* Bumped when the tables change; a data directory made by a newer
 * version is refused rather than misread. */
#define STORE_SCHEMA_VERSION 3 /* 3: pre-made rows filled in place */

/* The zeroing VFS (store_vfs.c) every connection opens through. */
#define STORE_VFS_NAME "asamblea-zero-journal"

/* store_vfs_register: registers the zeroing VFS once per process, over
 * whatever VFS is the default at the first call.  AS_EIO if SQLite has no
 * usable default VFS. */
as_status store_vfs_register(as_err *err);

/* The width of a proposal's ballot slots when the caller gives none
 * (store_set_proposal_state): the longest ballot text there is. */
#define STORE_SLOT_DEFAULT RECORD_TEXT_MAX

/* store_choice_ok: 1 if choice[0..n) may be stored: 1..BALLOT_TEXT_MAX
 * bytes of [a-z0-9,>-], BALLOT_TEXT_MAX being record.h's RECORD_TEXT_MAX (the store interprets nothing more). */
int store_choice_ok(const char *choice, size_t n);

/* The SQLite store: the interface's object (base, first) and what this
 * implementation keeps behind it. */
typedef struct sqlstore sqlstore;
struct sqlstore {
    store base;            /* base.ops == &store_sqlite_ops */
    sqlite3 *db;           /* meeting.db as "main", ballots.db as "ballots" */
    char *dir;             /* as the caller gave it, for messages */
    char *meeting_path;    /* "dir/meeting.db", for messages */
    char *ballots_path;
    char *key_path;
    uint8_t key[TOKEN_KEY_SIZE];
    int lock_fd;           /* store_lock_voting's descriptor; 0: none */
};

/* store_new_handle: the checks and the allocation store_open and
 * store_open_readonly share: *out = NULL, arguments present, libsodium
 * up, *s_out a new store with its paths (the caller store_frees it on
 * failure).  AS_EINVAL, AS_EIO or AS_ENOMEM with err filled. */
as_status store_new_handle(const char *dir, const uint8_t meeting_sha256[32],
                           store **out, sqlstore **s_out, as_err *err);

/* store_connect: opens s->meeting_path as s->db with the given
 * SQLITE_OPEN_ flags (NOFOLLOW and extended codes always added) through
 * vfs (NULL: SQLite's default), with the busy timeout and the defensive
 * settings every connection uses.  On failure s->db is NULL and err names
 * the file. */
as_status store_connect(sqlstore *s, int flags, const char *vfs, as_err *err);

/* store_prepare_dir (store_folder.c): the data folder exists (made here,
 * mode 0700, if missing; *created says so, for store_open to remove it
 * again on a refusal), is reached without a symbolic link and is
 * writable. */
as_status store_prepare_dir(const char *dir, int *created, as_err *err);

/* store_file_size (store_folder.c): *size = -1 if path does not exist,
 * else its size; refuses a file we could open but not write. */
as_status store_file_size(const char *dir, const char *path, off_t *size,
                          as_err *err);

/* store_sweep_super_journals / store_scrub_cold_journals
 * (store_journal.c): after the quick checks, removes meeting.db-mj*
 * files no journal names, and rewrites (zeroing) any cold journal. */
as_status store_sweep_super_journals(sqlstore *s, as_err *err);
as_status store_scrub_cold_journals(sqlstore *s, as_err *err);

/* store_pending_put_in_txn (store_pending.c): hub_pending := gid inside
 * the caller's open transaction. */
as_status store_pending_put_in_txn(sqlstore *s, const char *gid, as_err *err);

/* store_join: malloc'd "dir/name"; NULL on OOM. */
char *store_join(const char *dir, const char *name);

/* store_sqlite_name: malloc'd path as handed to SQLite.  Relative paths
 * get a "./" so that a directory named "file:..." is never read as a URI
 * (Debian's SQLite is built with SQLITE_USE_URI). */
char *store_sqlite_name(const char *path);

/* store_check_no_link: AS_OK if no component of the path dir (the
 * directory itself or any folder above it) is a symbolic link; else
 * AS_ENOENT with err naming the link, where it points and the real folder
 * to give --data instead.  Components that do not exist yet are fine
 * (store_open creates the last one).  Creates nothing. */
as_status store_check_no_link(const char *dir, as_err *err);

/* store_attach_ballots: ATTACHes ballots.db as schema "ballots" (the
 * path is never read as a URI). */
as_status store_attach_ballots(sqlstore *s, as_err *err);

/* store_check_file: runs "PRAGMA schema.pragma(1)" (quick_check, which
 * reads every page's structure without writing, or integrity_check);
 * AS_ECORRUPT naming path unless the answer is "ok".  A file that is not
 * a database fails already when the schema is read. */
as_status store_check_file(sqlstore *s, const char *pragma, const char *schema,
                           const char *path, as_err *err);

/* store_sql_error: turns SQLite result rc into a status and a line naming
 * path, saying what failed (doing) and what to do. */
as_status store_sql_error(const sqlstore *s, int rc, const char *path,
                          const char *doing, as_err *err);

/* store_errno_error: the same for an errno from a file operation. */
as_status store_errno_error(const char *dir, int e, const char *path,
                            const char *doing, as_err *err);

/* store_prepare: prepares sql; on failure fills err naming path. */
as_status store_prepare(sqlstore *s, const char *sql, sqlite3_stmt **out,
                        const char *path, as_err *err);

/* store_query_int: runs sql with text (NULL: none) bound to ?1 and
 * blob[0..blob_len) (NULL: none) to the next parameter, and reads the
 * first column of its first row into *val.  With found, no row is an
 * answer (*found = 0, *val = 0); without it, no row is an error.  A
 * failure names path and what was being read ("reading the votes"). */
as_status store_query_int(sqlstore *s, const char *sql, const char *text,
                          const void *blob, int blob_len, const char *path,
                          const char *what, int64_t *val, int *found, as_err *err);

/* store_count: runs sql, a count(*) with an optional text parameter ?1
 * (arg, NULL for none), into *n; failures name path. */
as_status store_count(sqlstore *s, const char *sql, const char *arg,
                      const char *path, int64_t *n, as_err *err);

/* store_exec: runs sql (no rows expected). */
as_status store_exec(sqlstore *s, const char *sql, const char *path, as_err *err);

/* store_rollback: ends any open transaction, discarding it. */
void store_rollback(sqlstore *s);

/* store_key_read: reads the 32-byte key at path.  *missing = 1 (and AS_OK)
 * if there is no such file; AS_ECORRUPT if it is not exactly 32 bytes. */
as_status store_key_read(const char *dir, const char *path,
                         uint8_t key[TOKEN_KEY_SIZE], int *missing,
                         as_err *err);

/* store_key_create: writes a fresh random key atomically (temp file,
 * fsync, rename, fsync of dir), mode 0600. */
as_status store_key_create(const char *dir, const char *path,
                           uint8_t key[TOKEN_KEY_SIZE], as_err *err);

/* store_fsync_dir: makes the directory's entries durable. */
as_status store_fsync_dir(const char *dir, as_err *err);

/* store_create_schema: creates every table in both files in one
 * transaction and records the meeting hash and schema version. */
as_status store_create_schema(sqlstore *s, const uint8_t meeting_sha256[32],
                              as_err *err);

/* store_check_schema: for an existing directory: the tables are ours,
 * the version is known and the meeting hash matches. */
as_status store_check_schema(sqlstore *s, const uint8_t meeting_sha256[32],
                             as_err *err);

/* Event log (store_events.c). */

/* store_events_create: creates the events table and writes its first
 * line, "meeting <sha256 hex>"; inside the caller's transaction. */
as_status store_events_create(sqlstore *s, const uint8_t meeting_sha256[32],
                              as_err *err);

/* store_events_ensure: for an existing directory made before the event
 * log existed: creates it (own transaction) if missing. */
as_status store_events_ensure(sqlstore *s, const uint8_t meeting_sha256[32],
                              as_err *err);

/* store_event_append: appends "<seq> <event>" with its chained hash;
 * inside the caller's transaction. */
as_status store_event_append(sqlstore *s, const char *event, as_err *err);

/* store_event_transition: appends the opened/closed event of proposal
 * moving to state to (counts read inside the caller's transaction). */
as_status store_event_transition(sqlstore *s, const char *proposal, prop_state to,
                                 as_err *err);

/* store_event_word_ok: 1 if w is a proposal id the log can hold
 * ([a-z0-9-]{1,63}, as the meeting file requires). */
int store_event_word_ok(const char *w);

/* Pre-made rows (store_slots.c).  Nothing is ever inserted at the moment
 * a person checks in or votes, where a row's place in its page would
 * record when: rows for every known badge, and empty ballot slots, are
 * made ahead and then changed in place (docs/storage.md). */

/* store_enroll_in_txn: inside the caller's write transaction: a
 * check-in row (absent) for each of the n hashes that has none, and for
 * every open proposal a voted row (not voted) for each, with ballot
 * slots topped up to the number of badges that have not voted. */
as_status store_enroll_in_txn(sqlstore *s, const uint8_t (*hashes)[TOKEN_HASH_SIZE],
                              int n, as_err *err);

/* store_prepare_proposal_in_txn: inside the caller's transaction, as
 * proposal opens: a voted row for every known badge and as many empty
 * slots of width bytes as there are badges. */
as_status store_prepare_proposal_in_txn(sqlstore *s, const char *proposal,
                                        int width, as_err *err);

/* store_top_up_slots_in_txn: makes sure proposal has at least `want`
 * empty slots (adding them in random-id order), within the transaction. */
as_status store_top_up_slots_in_txn(sqlstore *s, const char *proposal,
                                    int64_t want, as_err *err);

/* Check-ins (store_checkout.c). */

/* store_checkin_write: inside the caller's transaction, makes the badge
 * present: adds its check-in if new and removes any check-out.  *now_in
 * = 1 if it was not present before. */
as_status store_checkin_write(sqlstore *s, const uint8_t badge[TOKEN_HASH_SIZE],
                              int *now_in, as_err *err);

/* sq_of / sq_cof: the SQLite store behind b (base is its first member);
 * NULL for NULL or for another implementation's store. */
static inline sqlstore *sq_of(store *b)
{
    return b && b->ops == &store_sqlite_ops ? (sqlstore *)b : NULL;
}
static inline const sqlstore *sq_cof(const store *b)
{
    return b && b->ops == &store_sqlite_ops ? (const sqlstore *)b : NULL;
}

/* The operations (store.h's store_ops, in store_sqlite.c's table): each
 * is the store_X entry point's contract, in the file that does it. */
void sq_free(store *b);
const uint8_t *sq_key(const store *b);
int sq_is_readonly(const store *b);
as_status sq_integrity(store *b, as_err *err);
as_status sq_enroll(store *b, const uint8_t (*hashes)[TOKEN_HASH_SIZE], int n,
                    as_err *err);
as_status sq_checkin(store *b, const uint8_t badge[TOKEN_HASH_SIZE],
                     int *was_new, as_err *err);
as_status sq_checkin_by_facilitator(store *b, const uint8_t badge[TOKEN_HASH_SIZE],
                                    int *was_new, as_err *err);
as_status sq_checkout(store *b, const uint8_t badge[TOKEN_HASH_SIZE],
                      as_err *err);
as_status sq_is_checked_in(store *b, const uint8_t badge[TOKEN_HASH_SIZE],
                           int *yes, as_err *err);
as_status sq_checked_in_count(store *b, int64_t *n, as_err *err);
as_status sq_attended_count(store *b, int64_t *n, as_err *err);
as_status sq_facilitator_checkin_count(store *b, int64_t *n, as_err *err);
as_status sq_add_cards(store *b, const uint8_t (*hashes)[TOKEN_HASH_SIZE],
                       int n, as_err *err);
as_status sq_is_card(store *b, const uint8_t hash[TOKEN_HASH_SIZE], int *yes,
                     as_err *err);
as_status sq_card_count(store *b, int64_t *n, as_err *err);
as_status sq_proposal_state(store *b, const char *proposal, prop_state *st,
                            as_err *err);
as_status sq_set_proposal_state(store *b, const char *proposal, prop_state st,
                                as_err *err);
as_status sq_open_proposal(store *b, const char *proposal, int slot_width,
                           as_err *err);
as_status sq_has_voted(store *b, const char *proposal,
                       const uint8_t badge[TOKEN_HASH_SIZE], int *yes,
                       as_err *err);
as_status sq_cast_text(store *b, const char *proposal,
                       const uint8_t badge[TOKEN_HASH_SIZE], const char *choice,
                       as_err *err);
as_status sq_voted_count(store *b, const char *proposal, int64_t *n,
                         as_err *err);
as_status sq_ballot_count(store *b, const char *proposal, int64_t *n,
                          as_err *err);
as_status sq_counts(store *b, const char *proposal, int64_t *counts,
                    int nchoices, as_err *err);
as_status sq_each_ballot(store *b, const char *proposal, store_ballot_fn fn,
                         void *ud, as_err *err);
as_status sq_each_ballot_text(store *b, const char *proposal,
                              store_ballot_text_fn fn, void *ud, as_err *err);
as_status sq_ballot_root(store *b, const char *proposal, int64_t *nballots,
                         uint8_t root[32], as_err *err);
as_status sq_event_started(store *b, as_err *err);
as_status sq_event_exported(store *b, int nclosed, as_err *err);
as_status sq_each_event(store *b, store_event_fn fn, void *ud, as_err *err);
as_status sq_closed_info(store *b, const char *proposal,
                         int64_t *checked_in_at_close, uint8_t root[32],
                         as_err *err);

#endif
