/* store_sqlite.h: the SQLite store (src/store), one implementation of
 * the store interface (store.h): how to open one, and what only it does.
 *
 * Files in the data directory:
 *   meeting.db   proposals' states, check-in flags (attended, present,
 *                by a facilitator) and "badge voted on proposal" flags,
 *                all keyed by keyed hashes of tokens, in rows made ahead
 *                and changed in place
 *   ballots.db   ATTACHed; ballot slots (id BLOB(16) PRIMARY KEY,
 *                proposal, filled, slot: the canonical ballot text padded
 *                with zero bytes) WITHOUT ROWID, made empty when a
 *                proposal opens and filled at random: no badge, no time,
 *                no order
 *   secret.key   32 random bytes (mode 0600) keying the token hashes
 *
 * meeting.db also holds the event log, events(seq, text, hash): the
 * hash-chained aggregate events of docs/export-format.md §5 (meeting,
 * started, opened, closed, exported).  An event never says anything about
 * one voter.
 *
 * Rules (docs/storage.md): rollback journal (never WAL, whose frames
 * would hold a voted flag next to a ballot), overwritten with zeros
 * before it is truncated, synchronous=FULL, secure_delete=ON.  store_cast
 * writes the ballot and the voted flag in one transaction: after a crash
 * at any instant both exist or neither. */
#ifndef AS_STORE_SQLITE_H
#define AS_STORE_SQLITE_H

#include "store.h"

/* The SQLite store's operations table. */
extern const store_ops store_sqlite_ops;

/* store_open: opens (creating if needed) the data directory dir for the
 * meeting whose file hashes to meeting_sha256.  Fails with
 *   AS_ENOENT    dir does not exist and cannot be created;
 *   AS_EREADONLY dir or a file in it is not writable;
 *   AS_EMISMATCH dir holds another meeting's data (err says to use a new
 *                --data directory or the meeting file that made it);
 *   AS_ECORRUPT  a database fails its integrity check or is not a
 *                database (the file is left untouched);
 *   AS_EFULL / AS_EIO as the OS reports.
 * err always names the file and what to do.  On AS_OK the caller owns
 * *out and must store_free it. */
as_status store_open(const char *dir, const uint8_t meeting_sha256[32],
                     store **out, as_err *err);

/* store_open_readonly: opens an existing data directory for reading only,
 * for the tools that read it (attendance, export of a read-only folder):
 * the SD card mounted read-only, ext4 after errors=remount-ro, a folder
 * made read-only on purpose.  Never creates, writes, renames or removes
 * anything, so every byte and mtime in dir stays as it was; every write
 * through the returned store fails with AS_EREADONLY.  Checks as
 * store_open (symbolic links, quick_check of both files, schema, meeting
 * hash, secret.key present).  Fails with
 *   AS_ENOENT    dir, meeting.db or ballots.db is missing, or meeting.db
 *                holds no meeting yet (never creates them);
 *   AS_EREADONLY a crash left a hot journal that must be rolled back
 *                before the data can be read, which is a write (err names
 *                the -journal file and says to run a writing command on
 *                the folder, or on a writable copy of it, first); or the
 *                data predates the event log; or a file cannot be read;
 *   AS_EMISMATCH / AS_ECORRUPT / AS_EIO as store_open.
 * err always names the file and what to do.  On AS_OK the caller owns
 * *out and must store_free it. */
as_status store_open_readonly(const char *dir, const uint8_t meeting_sha256[32],
                              store **out, as_err *err);


/* store_lock_voting: (SQLite store only; AS_EINVAL for another) claims the data directory for one voting kiosk
 * (an exclusive flock on DIR/voting-kiosk.lock, held until store_free or
 * the process ends, however it ends).  AS_ESTATE, with a message saying
 * to run one voting kiosk per folder, if another process holds it;
 * AS_EIO / AS_EREADONLY as the OS reports.  Check-in desks and the
 * command-line tools do not call it and keep working beside the kiosk. */
as_status store_lock_voting(store *s, as_err *err);

/* store_test_set_max_pages: FOR TESTS ONLY.  Caps meeting.db and/or
 * ballots.db at that many pages for this connection (<= 0 leaves a file
 * alone; a cap below the current size means "no growth"), so tests can
 * make the disk "full" and check that nothing is half-written. */
as_status store_test_set_max_pages(store *s, int64_t meeting_pages,
                                   int64_t ballots_pages, as_err *err);

/* store_test_journal_full: FOR TESTS ONLY.  While on is non-zero, every
 * write to a rollback journal, in every store of this process, fails as
 * a full disk does (SQLITE_FULL).  A cast changes its rows in place, so
 * a database size cap (store_test_set_max_pages) no longer stops it; a
 * full disk does, because the journal cannot be written: this is how
 * tests make one.  Nothing is written while it is on. */
void store_test_journal_full(int on);

/* A kiosk on a hub (src/hub, docs/several-kiosks.md) casts in two
 * databases: the hub's voted mark in a PostgreSQL transaction it
 * PREPAREs, then the ballot here, then COMMIT PREPARED.  The name of the
 * prepared transaction (STORE_PENDING_SIZE bytes of [a-z0-9-]) is written
 * with the ballot, in the same SQLite transaction, into one fixed-width
 * cell of meeting.db (the meta row hub_pending, changed in place), so
 * that recovery after a crash knows whether the ballot exists: pending
 * equal to a transaction the hub still holds prepared means commit it,
 * anything else means roll it back.  The cell is cleared (zeros) as soon
 * as the hub has committed, so nothing names the transaction after the
 * cast completes. */
#define STORE_PENDING_SIZE 40

/* store_sqlite_cast_pending: store_cast_text, and in the same
 * transaction hub_pending := gid (exactly STORE_PENDING_SIZE bytes).
 * Failures as store_cast_text; AS_EINVAL for another store or a gid of
 * another length.  After a failure nothing is written, the pending cell
 * included. */
as_status store_sqlite_cast_pending(store *s, const char *proposal,
                                    const uint8_t badge[TOKEN_HASH_SIZE],
                                    const char *choice, const char *gid,
                                    as_err *err);

/* store_sqlite_pending: the pending transaction's name into
 * gid[STORE_PENDING_SIZE + 1] and *has = 1, or *has = 0 when the cell is
 * empty or absent.  AS_ECORRUPT if the cell holds anything but zeros or
 * a name. */
as_status store_sqlite_pending(store *s, char gid[STORE_PENDING_SIZE + 1],
                               int *has, as_err *err);

/* store_sqlite_mark_hub_member: records in meeting.db (once, durably)
 * that this data folder is one kiosk of several on a hub: its ballots are
 * only this kiosk's share of each proposal, so the tools that read a data
 * folder on its own (export, attendance, cards) must refuse it.
 * store_sqlite_is_hub_member: 1 if so, 0 otherwise (also for another
 * store or on a read error). */
as_status store_sqlite_mark_hub_member(store *s, as_err *err);
int store_sqlite_is_hub_member(store *s);

/* store_sqlite_clear_pending: zeros the cell, durably (synchronous
 * FULL).  AS_OK also when it was empty. */
as_status store_sqlite_clear_pending(store *s, as_err *err);

#endif
