/* store_open.c: opening a data directory.
 *
 * Order matters, so that a damaged or foreign file is never written to:
 *   1. the directory exists, is reached without a symbolic link (checked
 *      before anything is created) and is writable;
 *   2. meeting.db is opened and quick-checked before anything else (a
 *      hot journal left by a crash is rolled back here, which is SQLite's
 *      normal recovery; nothing else is written);
 *   3. ballots.db is attached (created only if meeting.db is still empty)
 *      and quick-checked;
 *   4. only then the journal pragmas, which are checked back: the
 *      two-file commit of store_cast is atomic only with a rollback journal
 *      on disk for both files (SQLite's super-journal), never with
 *      journal_mode MEMORY/OFF/WAL or an in-memory main database;
 *   5. stale super-journals (meeting.db-mj*, left by a full disk
 *      mid-commit) that no journal names are removed;
 *   6. tables are created (new directory) or checked (meeting hash,
 *      version), and the secret key is read or made.
 * A folder this call created is removed again if it refuses. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <fcntl.h>
#include <sodium.h>
#include "store_priv.h"

static as_status count_tables(sqlstore *s, const char *schema, const char *path,
                              int *n, as_err *err)
{
    char sql[96];
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc;

    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s.sqlite_schema", schema);
    if ((st = store_prepare(s, sql, &q, path, err)) != AS_OK)
        return st;
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        *n = sqlite3_column_int(q, 0);
    else
        st = store_sql_error(s, rc, path, "reading the database", err);
    sqlite3_finalize(q);
    return st;
}

as_status store_attach_ballots(sqlstore *s, as_err *err)
{
    sqlite3_stmt *q = NULL;
    char *name = store_sqlite_name(s->ballots_path);
    as_status st;
    int rc;

    if (!name)
        return store_errf(err, AS_ENOMEM, "%s: out of memory", s->ballots_path);
    st = store_prepare(s, "ATTACH DATABASE ?1 AS ballots", &q, s->ballots_path, err);
    if (st == AS_OK) {
        sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
        rc = sqlite3_step(q);
        if (rc != SQLITE_DONE)
            st = store_sql_error(s, rc, s->ballots_path, "opening the ballot file", err);
    }
    sqlite3_finalize(q);
    free(name);
    return st;
}

/* Runs "PRAGMA schema.name=value" (value NULL: just reads it) and returns
 * the answer's first column as text in out. */
static as_status pragma(sqlstore *s, const char *schema, const char *name,
                        const char *value, char *out, size_t outsz,
                        const char *path, as_err *err)
{
    char sql[128];
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc;

    if (value)
        snprintf(sql, sizeof sql, "PRAGMA %s.%s=%s", schema, name, value);
    else
        snprintf(sql, sizeof sql, "PRAGMA %s.%s", schema, name);
    if ((st = store_prepare(s, sql, &q, path, err)) != AS_OK)
        return st;
    out[0] = '\0';
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(q, 0);
        if (t && !out[0])
            snprintf(out, outsz, "%s", t);
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return store_sql_error(s, rc, path, "setting up the database", err);
    return AS_OK;
}

static as_status set_pragmas(sqlstore *s, as_err *err)
{
    static const char *const schemas[] = {"main", "ballots"};
    char got[32];
    as_status st;

    for (int i = 0; i < 2; i++) {
        const char *path = i ? s->ballots_path : s->meeting_path;
        /* TRUNCATE, not DELETE: with synchronous=FULL SQLite fsyncs the
         * truncated journal, so a committed vote cannot be rolled back by
         * a journal that "comes back" after a power cut.  Never WAL. */
        if ((st = pragma(s, schemas[i], "journal_mode", "TRUNCATE", got,
                         sizeof got, path, err)) != AS_OK)
            return st;
        if (strcmp(got, "truncate") != 0)
            return store_errf(err, AS_EIO,
                              "%s: cannot use a rollback journal (journal mode "
                              "is %s); choose a --data directory on an "
                              "ordinary local disk", path, got);
        if ((st = pragma(s, schemas[i], "synchronous", "FULL", got, sizeof got,
                         path, err)) != AS_OK ||
            (st = pragma(s, schemas[i], "secure_delete", "ON", got, sizeof got,
                         path, err)) != AS_OK)
            return st;
        if ((st = pragma(s, schemas[i], "synchronous", NULL, got, sizeof got,
                         path, err)) != AS_OK)
            return st;
        if (strcmp(got, "2") != 0)
            return store_errf(err, AS_EIO, "%s: cannot set synchronous=FULL; "
                              "report this", path);
        if ((st = pragma(s, schemas[i], "secure_delete", NULL, got, sizeof got,
                         path, err)) != AS_OK)
            return st;
        if (strcmp(got, "1") != 0)
            return store_errf(err, AS_EIO, "%s: cannot set secure_delete; "
                              "report this", path);
    }
    /* Temporary tables and sort files would hold rows outside the two
     * files; keep them in memory. */
    if ((st = pragma(s, "main", "cell_size_check", "ON", got, sizeof got,
                     s->meeting_path, err)) != AS_OK)
        return st;
    if ((st = store_exec(s, "PRAGMA temp_store=MEMORY", s->meeting_path, err)) != AS_OK)
        return st;
    /* A super-journal is only used when main is a real file. */
    {
        const char *f = sqlite3_db_filename(s->db, "main");
        if (!f || !f[0])
            return store_errf(err, AS_EIO, "%s: the meeting database is not "
                              "a file on disk; report this", s->meeting_path);
    }
    return AS_OK;
}

as_status store_connect(sqlstore *s, int flags, const char *vfs, as_err *err)
{
    char *name = store_sqlite_name(s->meeting_path);
    int rc;

    if (!name)
        return store_errf(err, AS_ENOMEM, "%s: out of memory", s->meeting_path);
    rc = sqlite3_open_v2(name, &s->db,
                         flags | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE, vfs);
    free(name);
    if (rc != SQLITE_OK) {
        as_status st = store_sql_error(s, rc, s->meeting_path,
                                       "opening the database", err);
        sqlite3_close(s->db);
        s->db = NULL;
        return st;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, 5000);
    /* Refuse SQL that could corrupt the file on purpose or by accident. */
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);
    return AS_OK;
}

static as_status open_db(sqlstore *s, as_err *err)
{
    as_status st = store_connect(s, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                 STORE_VFS_NAME, err);
    if (st != AS_OK)
        return st;
    if (sqlite3_db_readonly(s->db, "main") == 1)
        return store_errf(err, AS_EREADONLY,
                          "%s: opened read-only; make %s and its files "
                          "writable or choose another --data", s->meeting_path,
                          s->dir);
    return AS_OK;
}

static as_status load_key(sqlstore *s, int fresh, as_err *err)
{
    int missing = 0;
    as_status st = store_key_read(s->dir, s->key_path, s->key, &missing, err);

    if (st != AS_OK || !missing)
        return st;
    if (!fresh)
        return store_errf(err, AS_ECORRUPT,
                          "%s: the secret key is missing, so badges can no "
                          "longer be matched to their check-ins and votes; "
                          "put the key back or start with a new --data "
                          "directory", s->key_path);
    return store_key_create(s->dir, s->key_path, s->key, err);
}

as_status store_open(const char *dir, const uint8_t meeting_sha256[32],
                     store **out, as_err *err)
{
    sqlstore *s = NULL;
    off_t msize, bsize;
    int mtables = 0, btables = 0, fresh, created = 0;
    as_status st;

    if ((st = store_new_handle(dir, meeting_sha256, out, &s, err)) != AS_OK)
        return st;
    if ((st = store_vfs_register(err)) != AS_OK)
        goto fail;
    if ((st = store_prepare_dir(dir, &created, err)) != AS_OK ||
        (st = store_file_size(dir, s->meeting_path, &msize, err)) != AS_OK ||
        (st = store_file_size(dir, s->ballots_path, &bsize, err)) != AS_OK)
        goto fail;
    if (msize < 0 && bsize > 0) {
        st = store_errf(err, AS_ECORRUPT,
                        "%s: missing, but ballots.db holds data; put "
                        "meeting.db back or start with a new --data "
                        "directory (keep this one for inspection)",
                        s->meeting_path);
        goto fail;
    }
    if ((st = open_db(s, err)) != AS_OK ||
        (st = store_check_file(s, "quick_check", "main", s->meeting_path, err)) != AS_OK ||
        (st = count_tables(s, "main", s->meeting_path, &mtables, err)) != AS_OK)
        goto fail;
    if (mtables > 0 && bsize < 0) {
        st = store_errf(err, AS_ECORRUPT,
                        "%s: missing, but meeting.db holds data; put "
                        "ballots.db back or start with a new --data "
                        "directory (keep this one for inspection)",
                        s->ballots_path);
        goto fail;
    }
    if ((st = store_attach_ballots(s, err)) != AS_OK ||
        (st = store_check_file(s, "quick_check", "ballots", s->ballots_path, err)) != AS_OK ||
        (st = count_tables(s, "ballots", s->ballots_path, &btables, err)) != AS_OK)
        goto fail;
    fresh = mtables == 0 && btables == 0;
    if (!fresh && (st = store_check_schema(s, meeting_sha256, err)) != AS_OK)
        goto fail;
    if ((st = set_pragmas(s, err)) != AS_OK ||
        (st = store_sweep_super_journals(s, err)) != AS_OK ||
        (st = load_key(s, fresh, err)) != AS_OK)
        goto fail;
    if (fresh && (st = store_create_schema(s, meeting_sha256, err)) != AS_OK)
        goto fail;
    if (!fresh && ((st = store_events_ensure(s, meeting_sha256, err)) != AS_OK ||
                   (st = store_scrub_cold_journals(s, err)) != AS_OK))
        goto fail;
    *out = &s->base;
    return AS_OK;
fail:
    sq_free(&s->base);
    /* A folder made by this call is removed again on a refusal (rmdir
     * removes only an empty one: never a file SQLite already made). */
    if (created)
        (void)rmdir(dir);
    return st;
}
