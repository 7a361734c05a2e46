/* store_rebuild.c: rewriting ballots.db so that nothing in it reflects
 * the order ballots were cast.
 *
 * Why: even in a WITHOUT ROWID table, a b-tree page keeps the cells in the
 * order they were inserted (the cell content area grows downward as rows
 * arrive) and pages are allocated as splits happen.  VACUUM INTO copies the
 * rows in key (ballot id) order into a fresh file, so its layout depends on
 * the random ids only.
 *
 * How, and why it is crash safe:
 *   1. overwrite the live file's "sorted_digest" with zeros in an ordinary
 *      transaction (the live file is not known to be sorted; this also
 *      flushes a cold journal a crash may have left), then read every
 *      ballot row and hash them: the "row digest";
 *   2. VACUUM ballots INTO ballots.db.rebuild (a new file; never live);
 *   3. write the row digest into the copy's meta as "sorted_digest" and
 *      fsync the copy;
 *   4. DETACH ballots.db; its journal must now be empty (TRUNCATE mode
 *      leaves 0 bytes after a committed transaction): remove an empty one,
 *      refuse to go on if it is not empty (it could be a hot journal, which
 *      must never be applied to the new file);
 *   5. rename the copy over ballots.db and fsync the directory: the commit
 *      point.  Before it the old file is in place, after it the new one;
 *      both are whole and hold the same rows, so ballots == voted flags
 *      holds at every instant (meeting.db is never touched);
 *   6. zero the old file's blocks through a descriptor kept open (best
 *      effort on disks that overwrite in place), re-attach, re-apply the
 *      pragmas, quick-check and compare the row digest.
 *
 * store_rebuild_if_needed rebuilds when a closed proposal has ballots and
 * the row digest differs from the "sorted_digest" stored by the last
 * rebuild (or ballots.db-journal still holds bytes).  Ballots are only ever inserted, so an equal digest means no
 * ballot arrived since the file was written in key order.  The digest is
 * written only into the new copy, never into the live file, so a crash
 * before the rename can never mark a cast-ordered file as sorted. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sodium.h>
#include "store_priv.h"

#define DIGEST_KEY "sorted_digest"

typedef struct {
    char *tmp;         /* dir/ballots.db.rebuild */
    char *tmp_journal; /* its journal, should SQLite ever make one */
    char *journal;     /* dir/ballots.db-journal */
} rebuild_paths;

static void paths_free(rebuild_paths *p)
{
    free(p->tmp);
    free(p->tmp_journal);
    free(p->journal);
}

static as_status paths_make(store *s, rebuild_paths *p, as_err *err)
{
    memset(p, 0, sizeof *p);
    p->tmp = store_join(s->dir, "ballots.db.rebuild");
    p->tmp_journal = store_join(s->dir, "ballots.db.rebuild-journal");
    p->journal = store_join(s->dir, "ballots.db-journal");
    if (!p->tmp || !p->tmp_journal || !p->journal) {
        paths_free(p);
        return store_errf(err, AS_ENOMEM, "%s: out of memory", s->ballots_path);
    }
    return AS_OK;
}

/* A copy left by an interrupted rebuild was never live: remove it. */
static as_status remove_if_present(store *s, const char *path, as_err *err)
{
    if (unlink(path) != 0 && errno != ENOENT)
        return store_errno_error(s->dir, errno, path,
                                 "removing a leftover copy of the ballots", err);
    return AS_OK;
}

/* The row digest: BLAKE2b over every ballot in id order. */
static as_status row_digest(store *s, uint8_t out[32], as_err *err)
{
    crypto_generichash_state h;
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc;

    if ((st = store_prepare(s, "SELECT id, proposal, choice FROM"
                            " ballots.ballots ORDER BY id", &q,
                            s->ballots_path, err)) != AS_OK)
        return st;
    crypto_generichash_init(&h, NULL, 0, 32);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        uint8_t len[4], num[8];
        const void *id = sqlite3_column_blob(q, 0);
        int idn = sqlite3_column_bytes(q, 0);
        const unsigned char *prop = sqlite3_column_text(q, 1);
        int pn = sqlite3_column_bytes(q, 1);
        const unsigned char *choice = sqlite3_column_text(q, 2);
        int cn = sqlite3_column_bytes(q, 2);

        if (!id || idn != BALLOT_ID_SIZE || !prop || !choice) {
            sqlite3_finalize(q);
            return store_errf(err, AS_ECORRUPT,
                              "%s: the database is damaged (a ballot is "
                              "malformed); keep this file for inspection and "
                              "start with a new --data directory",
                              s->ballots_path);
        }
        for (int i = 0; i < 4; i++)
            len[i] = (uint8_t)((uint32_t)pn >> (24 - 8 * i));
        for (int i = 0; i < 4; i++)
            num[i] = (uint8_t)((uint32_t)cn >> (24 - 8 * i));
        crypto_generichash_update(&h, id, BALLOT_ID_SIZE);
        crypto_generichash_update(&h, len, sizeof len);
        crypto_generichash_update(&h, prop, (size_t)pn);
        crypto_generichash_update(&h, num, 4);
        crypto_generichash_update(&h, choice, (size_t)cn);
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return store_sql_error(s, rc, s->ballots_path, "reading the ballots", err);
    crypto_generichash_final(&h, out, 32);
    return AS_OK;
}

/* *have = 0 if the file was never rebuilt. */
static as_status stored_digest(store *s, uint8_t out[32], int *have,
                               as_err *err)
{
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc;

    *have = 0;
    if ((st = store_prepare(s, "SELECT value FROM ballots.meta WHERE key = '"
                            DIGEST_KEY "'", &q, s->ballots_path, err)) != AS_OK)
        return st;
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW && sqlite3_column_bytes(q, 0) == 32 &&
        sqlite3_column_type(q, 0) == SQLITE_BLOB) {
        memcpy(out, sqlite3_column_blob(q, 0), 32);
        *have = 1;
    } else if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        st = store_sql_error(s, rc, s->ballots_path, "reading the ballots", err);
    }
    sqlite3_finalize(q);
    return st;
}

/* Overwrites the live file's mark with zeros, in an ordinary transaction.
 * Two reasons: until the swap the live file is not known to be sorted;
 * and the transaction overwrites and truncates a "cold" ballots.db-journal
 * that a crash can leave behind (a journal whose header was never synced
 * starts with a zero byte: SQLite never plays it back, but leaves it on
 * disk, with old ballot pages in it). */
static as_status mark_live_unsorted(store *s, as_err *err)
{
    static const uint8_t zero[32];
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc;

    if ((st = store_prepare(s, "INSERT OR REPLACE INTO ballots.meta(key, value)"
                            " VALUES ('" DIGEST_KEY "', ?1)", &q,
                            s->ballots_path, err)) != AS_OK)
        return st;
    sqlite3_bind_blob(q, 1, zero, sizeof zero, SQLITE_STATIC);
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return store_sql_error(s, rc, s->ballots_path,
                               "preparing to rewrite the ballots", err);
    return AS_OK;
}

static as_status data_version(store *s, int64_t *v, as_err *err)
{
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc;

    if ((st = store_prepare(s, "PRAGMA ballots.data_version", &q,
                            s->ballots_path, err)) != AS_OK)
        return st;
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        *v = sqlite3_column_int64(q, 0);
    else
        st = store_sql_error(s, rc, s->ballots_path, "reading the ballots", err);
    sqlite3_finalize(q);
    return st;
}

static as_status vacuum_into(store *s, const char *tmp, as_err *err)
{
    sqlite3_stmt *q = NULL;
    char *name = store_sqlite_name(tmp);
    as_status st;
    int rc;

    if (!name)
        return store_errf(err, AS_ENOMEM, "%s: out of memory", tmp);
    st = store_prepare(s, "VACUUM ballots INTO ?1", &q, s->ballots_path, err);
    if (st == AS_OK) {
        sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
        rc = sqlite3_step(q);
        if (rc != SQLITE_DONE)
            st = store_sql_error(s, rc, tmp, "rewriting the ballots in id order",
                                 err);
    }
    sqlite3_finalize(q);
    free(name);
    return st;
}

/* Marks the copy as sorted.  A connection of its own with no journal:
 * the copy is not live, and a crash here only leaves a copy that the next
 * rebuild removes. */
static as_status mark_copy(const char *tmp, const uint8_t digest[32],
                           as_err *err)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *q = NULL;
    char *name = store_sqlite_name(tmp);
    as_status st = AS_OK;
    int rc;

    if (!name)
        return store_errf(err, AS_ENOMEM, "%s: out of memory", tmp);
    rc = sqlite3_open_v2(name, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW,
                         NULL);
    free(name);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                          " PRAGMA secure_delete=ON", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO meta(key, value)"
                                " VALUES ('" DIGEST_KEY "', ?1)", -1, &q, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_blob(q, 1, digest, 32, SQLITE_STATIC);
        rc = sqlite3_step(q);
        if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
    }
    if (rc != SQLITE_OK)
        st = store_errf(err, (rc & 0xff) == SQLITE_FULL ? AS_EFULL : AS_EIO,
                        "%s: cannot write the rewritten ballot file (%s); "
                        "check the disk; the ballots themselves are unchanged",
                        tmp, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_finalize(q);
    sqlite3_close_v2(db);
    return st;
}

static as_status fsync_file(store *s, const char *path, as_err *err)
{
    int fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW);

    if (fd < 0)
        return store_errno_error(s->dir, errno, path, "syncing the ballots", err);
    if (fsync(fd) != 0) {
        int e = errno;
        close(fd);
        return store_errno_error(s->dir, e, path, "syncing the ballots", err);
    }
    close(fd);
    return AS_OK;
}

static as_status set_pragma(store *s, const char *sql, const char *want,
                            as_err *err)
{
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc;

    if ((st = store_prepare(s, sql, &q, s->ballots_path, err)) != AS_OK)
        return st;
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        const char *got = (const char *)sqlite3_column_text(q, 0);
        if (!got || strcmp(got, want) != 0)
            st = store_errf(err, AS_EIO, "%s: cannot set up the ballot file "
                            "again after rewriting it (%s); restart the kiosk",
                            s->ballots_path, sql);
    } else if (rc != SQLITE_DONE) {
        st = store_sql_error(s, rc, s->ballots_path, "setting up the database",
                             err);
    }
    sqlite3_finalize(q);
    return st;
}

/* Attaches ballots.db again with the settings store_open gives it. */
static as_status reattach(store *s, as_err *err)
{
    as_status st = store_attach_ballots(s, err);

    if (st != AS_OK)
        return st;
    if ((st = set_pragma(s, "PRAGMA ballots.quick_check(1)", "ok", err)) != AS_OK)
        return st == AS_EIO ? store_errf(err, AS_ECORRUPT,
                                         "%s: the database is damaged after "
                                         "rewriting it; keep this directory "
                                         "for inspection and start with a "
                                         "new --data directory",
                                         s->ballots_path)
                            : st;
    if ((st = set_pragma(s, "PRAGMA ballots.journal_mode=TRUNCATE", "truncate",
                         err)) != AS_OK ||
        (st = set_pragma(s, "PRAGMA ballots.synchronous=FULL", "", err)) != AS_OK ||
        (st = set_pragma(s, "PRAGMA ballots.secure_delete=ON", "1", err)) != AS_OK ||
        (st = set_pragma(s, "PRAGMA ballots.synchronous", "2", err)) != AS_OK)
        return st;
    return AS_OK;
}

/* The journal of the detached file: gone, or empty and then removed.  A
 * non-empty one might be hot and belong to the old file: never touch it. */
static as_status clear_empty_journal(store *s, const char *journal, as_err *err)
{
    struct stat sb;

    if (lstat(journal, &sb) != 0) {
        if (errno == ENOENT)
            return AS_OK;
        return store_errno_error(s->dir, errno, journal, "checking the journal",
                                 err);
    }
    if (!S_ISREG(sb.st_mode) || sb.st_size != 0)
        return store_errf(err, AS_EIO,
                          "%s: the journal is not empty, so the ballots were "
                          "not rewritten; restart the kiosk (it finishes the "
                          "interrupted write) and close again",
                          journal);
    if (unlink(journal) != 0)
        return store_errno_error(s->dir, errno, journal, "removing the journal",
                                 err);
    return AS_OK;
}

/* Overwrites the unlinked old file with zeros.  Only secrecy depends on
 * it, never the data: errors are ignored. */
static void scrub(int fd)
{
    static const uint8_t zero[4096];
    struct stat sb;

    if (fd < 0)
        return;
    if (fstat(fd, &sb) == 0) {
        for (off_t off = 0; off < sb.st_size; off += (off_t)sizeof zero) {
            size_t n = sizeof zero;
            if ((off_t)n > sb.st_size - off)
                n = (size_t)(sb.st_size - off);
            if (pwrite(fd, zero, n, off) != (ssize_t)n)
                break;
        }
        (void)fdatasync(fd);
    }
    close(fd);
}

as_status store_rebuild_ballots(store *s, as_err *err)
{
    rebuild_paths p;
    uint8_t before[32], after[32];
    int64_t v0 = 0, v1 = 0;
    int attached = 1, old_fd = -1;
    as_status st, st2;

    if (err)
        err->msg[0] = '\0';
    if (!s)
        return store_errf(err, AS_EINVAL, "store_rebuild_ballots: no store");
    if (!sqlite3_get_autocommit(s->db))
        return store_errf(err, AS_ESTATE, "%s: cannot rewrite the ballots "
                          "inside a transaction; report this", s->ballots_path);
    if ((st = paths_make(s, &p, err)) != AS_OK)
        return st;
    if ((st = remove_if_present(s, p.tmp, err)) != AS_OK ||
        (st = remove_if_present(s, p.tmp_journal, err)) != AS_OK ||
        (st = mark_live_unsorted(s, err)) != AS_OK ||
        (st = data_version(s, &v0, err)) != AS_OK ||
        (st = row_digest(s, before, err)) != AS_OK ||
        (st = vacuum_into(s, p.tmp, err)) != AS_OK ||
        (st = mark_copy(p.tmp, before, err)) != AS_OK ||
        (st = fsync_file(s, p.tmp, err)) != AS_OK ||
        (st = data_version(s, &v1, err)) != AS_OK)
        goto fail;
    if (v0 != v1) {
        st = store_errf(err, AS_EIO, "%s: another program wrote the ballots "
                        "while they were being rewritten; close the other "
                        "asamblea using this --data directory and try again",
                        s->ballots_path);
        goto fail;
    }
    if ((st = store_exec(s, "DETACH DATABASE ballots", s->ballots_path, err)) != AS_OK)
        goto fail;
    attached = 0;
    if ((st = clear_empty_journal(s, p.journal, err)) != AS_OK)
        goto fail;
    old_fd = open(s->ballots_path, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
    if (rename(p.tmp, s->ballots_path) != 0) {
        st = store_errno_error(s->dir, errno, s->ballots_path,
                               "replacing the ballot file", err);
        goto fail;
    }
    /* Commit point passed: from here on the new file is the ballot file. */
    st = store_fsync_dir(s->dir, err);
    if (st == AS_OK)
        scrub(old_fd);
    else if (old_fd >= 0)
        close(old_fd);
    old_fd = -1;
    st2 = reattach(s, st == AS_OK ? err : NULL);
    if (st == AS_OK)
        st = st2;
    if (st == AS_OK && (st = row_digest(s, after, err)) == AS_OK &&
        sodium_memcmp(before, after, 32) != 0)
        st = store_errf(err, AS_ECORRUPT, "%s: the rewritten ballot file does "
                        "not hold the same ballots; keep this directory for "
                        "inspection and report it", s->ballots_path);
    paths_free(&p);
    return st;
fail:
    if (old_fd >= 0)
        close(old_fd);
    if (!attached)
        (void)reattach(s, NULL);
    (void)unlink(p.tmp);
    (void)unlink(p.tmp_journal);
    paths_free(&p);
    return st;
}

/* Does any closed proposal have a ballot? */
static as_status closed_with_ballots(store *s, int *yes, as_err *err)
{
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc;

    *yes = 0;
    if ((st = store_prepare(s, "SELECT 1 FROM ballots.ballots WHERE proposal IN"
                            " (SELECT id FROM main.proposals WHERE state = 2)"
                            " LIMIT 1", &q, s->ballots_path, err)) != AS_OK)
        return st;
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        *yes = 1;
    else if (rc != SQLITE_DONE)
        st = store_sql_error(s, rc, s->ballots_path, "reading the ballots", err);
    sqlite3_finalize(q);
    return st;
}

as_status store_rebuild_if_needed(store *s, as_err *err)
{
    rebuild_paths p;
    uint8_t now[32], then[32];
    int closed = 0, have = 0, cold_journal = 0;
    struct stat sb;
    as_status st;

    if (err)
        err->msg[0] = '\0';
    if (!s)
        return store_errf(err, AS_EINVAL, "store_rebuild_if_needed: no store");
    if ((st = paths_make(s, &p, err)) != AS_OK)
        return st;
    /* A copy left by a rebuild that was interrupted before its rename. */
    st = remove_if_present(s, p.tmp, err);
    if (st == AS_OK)
        st = remove_if_present(s, p.tmp_journal, err);
    /* store_open has rolled back any hot journal; one still holding bytes
     * is cold (see mark_live_unsorted) and holds old ballot pages. */
    cold_journal = lstat(p.journal, &sb) == 0 && sb.st_size > 0;
    paths_free(&p);
    if (st != AS_OK || (st = closed_with_ballots(s, &closed, err)) != AS_OK)
        return st;
    if (!closed) {
        /* Nothing to rewrite, but a cold journal still holds old ballot
         * pages: one ordinary write to ballots.db truncates it at commit
         * (journal_mode=TRUNCATE).  The "unsorted" mark it writes is what
         * the file is anyway until the first close. */
        return cold_journal ? mark_live_unsorted(s, err) : AS_OK;
    }
    if ((st = stored_digest(s, then, &have, err)) != AS_OK ||
        (st = row_digest(s, now, err)) != AS_OK)
        return st;
    if (have && sodium_memcmp(now, then, 32) == 0 && !cold_journal)
        return AS_OK;
    return store_rebuild_ballots(s, err);
}
