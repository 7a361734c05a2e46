/* store_open_ro.c: opening a data directory for reading only.
 *
 * The recovery path: the SD card mounted read-only, ext4 after
 * errors=remount-ro, or a folder someone made read-only to keep it safe.
 * Nothing here creates, writes, renames or removes a file, and nothing
 * changes a file's bytes or mtime:
 *   - no mkdir (a missing folder is an error, never a new empty one);
 *   - SQLITE_OPEN_READONLY for meeting.db, and so for the ATTACHed
 *     ballots.db too (an attached file gets its connection's flags), plus
 *     PRAGMA query_only as a second lock on the door;
 *   - no journal_mode/synchronous pragmas (those are for writers), no
 *     event-log upgrade, no key creation, no sweep of stale files.
 *
 * Not `immutable=1`: that would also skip SQLite's hot-journal check and
 * read a half-committed transaction as if it were whole.  A hot journal
 * (left by a crash mid-commit) must be rolled back before the files say
 * anything true, and rolling back writes; so it is refused here with the
 * journal's name and what to do (store_open, on a writable copy, rolls it
 * back).  Locks are still taken (POSIX advisory locks change no file), so
 * reading beside a running kiosk is safe. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <fcntl.h>
#include <sodium.h>
#include "store_priv.h"

/* One of the two database files: it must exist, be a regular file (not a
 * link) and be readable. */
static as_status ro_file(const char *dir, const char *path, as_err *err)
{
    struct stat sb;

    if (lstat(path, &sb) != 0) {
        if (errno == ENOENT)
            return store_errf(err, AS_ENOENT,
                              "%s: missing, so %s holds no complete kiosk data; "
                              "pass the --data folder the kiosk used", path, dir);
        return store_errno_error(dir, errno, path, "opening the data directory", err);
    }
    if (!S_ISREG(sb.st_mode))
        return store_errf(err, AS_ECORRUPT,
                          "%s: not a regular file; keep it for inspection and "
                          "pass the --data folder the kiosk used", path);
    if (faccessat(AT_FDCWD, path, R_OK, AT_EACCESS) != 0)
        return store_errf(err, AS_EREADONLY,
                          "%s: cannot be read (%s); run as a user who may read "
                          "%s", path, strerror(errno), dir);
    return AS_OK;
}

/* The quick_check of schema failed: a hot journal SQLite may not roll back
 * on a read-only connection gets its own message; anything else is passed
 * on as store_check_file reported it. */
static as_status check_ro(sqlstore *s, const char *schema, const char *path,
                          as_err *err)
{
    as_status st = store_check_file(s, "quick_check", schema, path, err);
    char *journal;
    int writable;

    if (st == AS_OK || sqlite3_extended_errcode(s->db) != SQLITE_READONLY_ROLLBACK)
        return st;
    journal = store_join(s->dir, strcmp(schema, "main") ? "ballots.db-journal"
                                                        : "meeting.db-journal");
    writable = faccessat(AT_FDCWD, s->dir, W_OK | X_OK, AT_EACCESS) == 0;
    if (!journal)
        return store_errf(err, AS_ENOMEM, "%s: out of memory", path);
    if (writable)
        st = store_errf(err, AS_EREADONLY,
                        "%s: a transaction interrupted by a crash must be rolled "
                        "back before %s can be read, and this command only reads; "
                        "start the kiosk or run `asamblea export` on %s once, "
                        "which rolls it back (never delete the journal: that "
                        "would damage the data)", journal, path, s->dir);
    else
        st = store_errf(err, AS_EREADONLY,
                        "%s: a transaction interrupted by a crash must be rolled "
                        "back before %s can be read, and %s is read-only; copy "
                        "the whole folder, journal included, to a writable disk "
                        "and run the command on the copy, or make the folder "
                        "writable (never delete the journal: that would damage "
                        "the data)", journal, path, s->dir);
    free(journal);
    return st;
}

static as_status open_ro_db(sqlstore *s, as_err *err)
{
    as_status st = store_connect(s, SQLITE_OPEN_READONLY, NULL, err);
    if (st != AS_OK)
        return st;
    /* Rows stay in memory, never in a temporary file beside the data. */
    return store_exec(s, "PRAGMA query_only=1; PRAGMA temp_store=MEMORY;",
                      s->meeting_path, err);
}

/* *n = number of tables in schema (and matching extra, an SQL
 * condition after AND, or ""). */
static as_status table_count(sqlstore *s, const char *schema, const char *extra,
                             const char *path, int *n, as_err *err)
{
    char sql[160];
    int64_t c = 0;
    as_status st;

    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s.sqlite_schema"
             " WHERE type = 'table'%s", schema, extra);
    st = store_count(s, sql, NULL, path, &c, err);
    *n = (int)c;
    return st;
}

as_status store_open_readonly(const char *dir, const uint8_t meeting_sha256[32],
                              store **out, as_err *err)
{
    sqlstore *s = NULL;
    struct stat sb;
    int n = 0, missing = 0;
    as_status st;

    if ((st = store_new_handle(dir, meeting_sha256, out, &s, err)) != AS_OK)
        return st;
    if ((st = store_check_no_link(dir, err)) != AS_OK)
        goto fail;
    if (stat(dir, &sb) != 0) {
        st = errno == ENOENT
                 ? store_errf(err, AS_ENOENT, "%s: no such folder; pass the "
                              "--data folder the kiosk used", dir)
                 : store_errno_error(dir, errno, dir, "opening the data directory", err);
        goto fail;
    }
    if (!S_ISDIR(sb.st_mode)) {
        st = store_errf(err, AS_ENOENT,
                        "%s: not a directory; give --data a directory", dir);
        goto fail;
    }
    if ((st = ro_file(dir, s->meeting_path, err)) != AS_OK ||
        (st = ro_file(dir, s->ballots_path, err)) != AS_OK ||
        (st = open_ro_db(s, err)) != AS_OK ||
        (st = check_ro(s, "main", s->meeting_path, err)) != AS_OK ||
        (st = store_attach_ballots(s, err)) != AS_OK ||
        (st = check_ro(s, "ballots", s->ballots_path, err)) != AS_OK ||
        (st = table_count(s, "main", "", s->meeting_path, &n, err)) != AS_OK)
        goto fail;
    if (n == 0) {
        st = store_errf(err, AS_ENOENT,
                        "%s: holds no meeting yet (no tables), so there is "
                        "nothing to read; pass the --data folder the kiosk used",
                        s->meeting_path);
        goto fail;
    }
    if ((st = store_check_schema(s, meeting_sha256, err)) != AS_OK ||
        (st = table_count(s, "main", " AND name = 'events'", s->meeting_path,
                          &n, err)) != AS_OK)
        goto fail;
    if (n != 1) {
        /* store_open adds it; here nothing may be written. */
        st = store_errf(err, AS_EREADONLY,
                        "%s: made before the event log existed, and adding it "
                        "needs a write; copy %s to a writable disk and run the "
                        "command on the copy", s->meeting_path, dir);
        goto fail;
    }
    if ((st = store_key_read(dir, s->key_path, s->key, &missing, err)) != AS_OK)
        goto fail;
    if (missing) {
        st = store_errf(err, AS_ECORRUPT,
                        "%s: the secret key is missing, so badges can no longer "
                        "be matched to their check-ins and votes; put the key "
                        "back or start with a new --data directory", s->key_path);
        goto fail;
    }
    *out = &s->base;
    return AS_OK;
fail:
    sq_free(&s->base);
    return st;
}

int sq_is_readonly(const store *b)
{
    const sqlstore *s = sq_cof(b);
    return s && s->db && sqlite3_db_readonly(s->db, "main") == 1;
}
