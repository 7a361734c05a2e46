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

/* The real folder a path names, for the message of a refusal: realpath of
 * dir, or of its parent joined with the last component when dir does not
 * exist yet.  Empty when neither resolves. */
static void real_folder(const char *dir, char *out, size_t outsz)
{
    char *r = realpath(dir, NULL), *copy, *slash;

    out[0] = '\0';
    if (r) {
        snprintf(out, outsz, "%s", r);
        free(r);
        return;
    }
    if (!(copy = strdup(dir)))
        return;
    slash = strrchr(copy, '/');
    if (slash && slash[1]) {
        *slash = '\0';
        r = realpath(copy[0] ? copy : "/", NULL);
        if (r)
            snprintf(out, outsz, "%s/%s", strcmp(r, "/") ? r : "", slash + 1);
        free(r);
    }
    free(copy);
}

/* Refusing rather than following a link (the choice is in docs/storage.md,
 * "Other refusals"): SQLite opens the databases with SQLITE_OPEN_NOFOLLOW
 * and would refuse anyway, with only "unable to open database file"; and
 * the store's own file work (secret.key, the voting kiosk's lock, fsync of
 * the folder) goes by the path too.  A link can be re-pointed during a
 * meeting (a remounted stick, an edited kiosk.env), which would put a
 * journal in another folder than its database, where recovery after a
 * crash never finds it.  One path naming one real folder rules that out. */
as_status store_check_no_link(const char *dir, as_err *err)
{
    size_t n = strlen(dir);
    char *prefix = malloc(n + 1);
    as_status st = AS_OK;

    if (!prefix)
        return store_errf(err, AS_ENOMEM, "%s: out of memory", dir);
    for (size_t i = 1; i <= n; i++) {
        struct stat sb;
        char target[512], real[1024];
        ssize_t t;

        /* Each prefix that ends a component: "a", "a/b", ... ("/" itself
         * cannot be a link). */
        if (i < n && dir[i] != '/')
            continue;
        if (dir[i - 1] == '/')
            continue;
        memcpy(prefix, dir, i);
        prefix[i] = '\0';
        if (lstat(prefix, &sb) != 0)
            break; /* the rest does not exist yet: no link in it */
        if (!S_ISLNK(sb.st_mode))
            continue;
        t = readlink(prefix, target, sizeof target - 1);
        target[t > 0 ? t : 0] = '\0';
        real_folder(dir, real, sizeof real);
        if (i == n)
            st = store_errf(err, AS_ENOENT,
                            "%s: is a symbolic link (to %s), and asamblea does "
                            "not follow links to its data; give --data the "
                            "real folder%s%s", dir, target[0] ? target : "?",
                            real[0] ? " " : "", real[0] ? real : "");
        else
            st = store_errf(err, AS_ENOENT,
                            "%s: the folder %s on its path is a symbolic link "
                            "(to %s), and asamblea does not follow links to its "
                            "data; give --data the real path%s%s", dir, prefix,
                            target[0] ? target : "?", real[0] ? " " : "",
                            real[0] ? real : "");
        break;
    }
    free(prefix);
    return st;
}

/* prepare_dir: the data folder exists (made here, mode 0700, if missing;
 * *created says so, for store_open to remove it again on a refusal), is
 * reached without a symbolic link and is writable.  The link check comes
 * before mkdir, so a refused path never leaves a new folder behind. */
static as_status prepare_dir(const char *dir, int *created, as_err *err)
{
    struct stat sb;
    as_status st;

    *created = 0;
    if ((st = store_check_no_link(dir, err)) != AS_OK)
        return st;
    if (mkdir(dir, 0700) == 0) {
        *created = 1;
    } else if (errno != EEXIST) {
        int e = errno;
        if (e == ENOENT)
            return store_errf(err, AS_ENOENT,
                              "%s: cannot create the data directory (its "
                              "parent does not exist); create the parent or "
                              "choose another --data", dir);
        return store_errno_error(dir, e, dir, "creating the data directory", err);
    }
    if (lstat(dir, &sb) != 0)
        return store_errno_error(dir, errno, dir, "opening the data directory", err);
    if (S_ISLNK(sb.st_mode)) /* made between the check and here */
        return store_check_no_link(dir, err);
    if (!S_ISDIR(sb.st_mode))
        return store_errf(err, AS_ENOENT,
                          "%s: not a directory; give --data a directory", dir);
    if (faccessat(AT_FDCWD, dir, W_OK | X_OK, AT_EACCESS) != 0)
        return store_errf(err, AS_EREADONLY,
                          "%s: the data directory is not writable (%s); make "
                          "it writable or choose another --data", dir,
                          strerror(errno));
    return AS_OK;
}

/* is_super_journal: name is one SQLite gives meeting.db's super-journal:
 * "meeting.db-mj" then "%06X9%02X" (vdbeaux.c, vdbeCommit; the '9' keeps
 * 8.3 names apart).  Nothing else in the folder is ever removed here. */
static int is_super_journal(const char *name)
{
    static const char pre[] = "meeting.db-mj";
    size_t k = sizeof pre - 1;

    if (strncmp(name, pre, k) != 0 || strlen(name) != k + 9 || name[k + 6] != '9')
        return 0;
    for (size_t i = k; i < k + 9; i++)
        if (!((name[i] >= '0' && name[i] <= '9') || (name[i] >= 'A' && name[i] <= 'F')))
            return 0;
    return 1;
}

/* sweep_super_journals: removes meeting.db-mj* files no journal names.
 *
 * A super-journal lists the journals of a two-file commit (store_cast
 * writes meeting.db and ballots.db together); SQLite deletes it once the
 * commit is done, or when rolling back the last hot journal that names
 * it.  A full disk at the wrong moment leaves it behind for good.  By
 * SQLite's own rule it is stale once no journal names it, and then
 * removing it is what SQLite would have done.  Here:
 *   - both quick_checks have run, so any hot journal was rolled back;
 *   - BEGIN IMMEDIATE holds a RESERVED lock on both files until the scan
 *     ends, so no other process (the desk beside the kiosk) can be inside
 *     a commit, whose super-journal is live until it releases its locks;
 *   - and if any *-journal in the folder still has bytes, nothing is
 *     removed (a journal only names a super-journal in its bytes; an
 *     empty or absent one names none).
 * Housekeeping only: a stale super-journal harms nothing but the file
 * list, so a busy folder or an unlink that fails leaves it for the next
 * start instead of refusing to open. */
static as_status sweep_super_journals(sqlstore *s, as_err *err)
{
    DIR *d;
    struct dirent *e;
    int removed = 0, journal_bytes = 0;
    char *names[16];
    int nnames = 0;

    if (store_exec(s, "BEGIN IMMEDIATE", s->meeting_path, err) != AS_OK) {
        if (err)
            err->msg[0] = '\0';
        return AS_OK; /* busy: another writer; try at the next start */
    }
    if (!(d = opendir(s->dir))) {
        store_rollback(s);
        return AS_OK;
    }
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        struct stat sb;
        char *p;

        if (!(n > 8 && !strcmp(e->d_name + n - 8, "-journal")) &&
            !is_super_journal(e->d_name))
            continue;
        if (!(p = store_join(s->dir, e->d_name)))
            break;
        if (lstat(p, &sb) != 0 || !S_ISREG(sb.st_mode)) {
            free(p);
            continue;
        }
        if (!is_super_journal(e->d_name)) {
            journal_bytes |= sb.st_size > 0;
            free(p);
        } else if (nnames < (int)(sizeof names / sizeof names[0])) {
            names[nnames++] = p;
        } else {
            free(p);
        }
    }
    closedir(d);
    for (int i = 0; i < nnames; i++) {
        if (!journal_bytes && unlink(names[i]) == 0)
            removed = 1;
        free(names[i]);
    }
    store_rollback(s); /* nothing was written: ends the read lock */
    if (removed)
        (void)store_fsync_dir(s->dir, NULL); /* durable at the next fsync anyway */
    return AS_OK;
}

/* -1 if path does not exist, else its size.  Also refuses files we could
 * open but not write, which SQLite would silently open read-only. */
static as_status file_size(const char *dir, const char *path, off_t *size,
                           as_err *err)
{
    struct stat sb;

    if (lstat(path, &sb) != 0) {
        if (errno == ENOENT) {
            *size = -1;
            return AS_OK;
        }
        return store_errno_error(dir, errno, path, "opening the data directory", err);
    }
    if (!S_ISREG(sb.st_mode))
        return store_errf(err, AS_ECORRUPT,
                          "%s: not a regular file; keep it for inspection and "
                          "start with a new --data directory", path);
    if (faccessat(AT_FDCWD, path, R_OK | W_OK, AT_EACCESS) != 0)
        return store_errf(err, AS_EREADONLY,
                          "%s: not writable (%s); make %s and its files "
                          "writable or choose another --data", path,
                          strerror(errno), dir);
    *size = sb.st_size;
    return AS_OK;
}

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

/* A journal that is not empty once store_open's quick checks have rolled
 * back any hot one is cold: left by a crash before its header was synced,
 * never played back and never removed by SQLite, and holding old pages
 * (a ballots page without its newest ballot, a voted page without its
 * newest flag).  One ordinary write transaction on both files makes
 * SQLite rewrite each journal from its start and truncate it at the
 * commit, which the zeroing VFS (store_vfs.c) precedes with zeros over
 * the whole old length. */
static as_status scrub_cold_journals(sqlstore *s, as_err *err)
{
    static const char *const names[] = {"meeting.db-journal", "ballots.db-journal"};
    int cold = 0;
    as_status st;

    for (int i = 0; i < 2; i++) {
        char *p = store_join(s->dir, names[i]);
        struct stat sb;
        if (!p)
            return store_errf(err, AS_ENOMEM, "%s: out of memory", s->dir);
        cold |= lstat(p, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0;
        free(p);
    }
    if (!cold)
        return AS_OK;
    if ((st = store_exec(s, "BEGIN IMMEDIATE", s->meeting_path, err)) != AS_OK)
        return st;
    /* A real change (SQLite skips writing a page whose bytes would not
     * change): a count of scrubs, which says nothing about anyone. */
    if ((st = store_exec(s, "INSERT INTO main.meta(key, value) VALUES"
                         " ('journal_scrubs', 1) ON CONFLICT(key) DO UPDATE"
                         " SET value = value + 1; INSERT INTO ballots.meta(key,"
                         " value) VALUES ('journal_scrubs', 1) ON CONFLICT(key)"
                         " DO UPDATE SET value = value + 1", s->dir,
                         err)) != AS_OK ||
        (st = store_exec(s, "COMMIT", s->dir, err)) != AS_OK) {
        store_rollback(s);
        return st;
    }
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

as_status store_new_handle(const char *dir, const uint8_t meeting_sha256[32],
                           store **out, sqlstore **s_out, as_err *err)
{
    sqlstore *s;

    if (err)
        err->msg[0] = '\0';
    *s_out = NULL;
    if (!out)
        return store_errf(err, AS_EINVAL, "store_open: no output pointer");
    *out = NULL;
    if (!dir || !dir[0] || !meeting_sha256)
        return store_errf(err, AS_EINVAL, "no --data directory given; "
                          "give --data a directory");
    if (sodium_init() < 0)
        return store_errf(err, AS_EIO, "%s: libsodium could not start; "
                          "check the system's random number source", dir);
    s = calloc(1, sizeof *s);
    if (!s)
        return store_errf(err, AS_ENOMEM, "%s: out of memory", dir);
    s->base.ops = &store_sqlite_ops;
    s->dir = strdup(dir);
    s->meeting_path = store_join(dir, "meeting.db");
    s->ballots_path = store_join(dir, "ballots.db");
    s->key_path = store_join(dir, "secret.key");
    if (!s->dir || !s->meeting_path || !s->ballots_path || !s->key_path) {
        sq_free(&s->base);
        return store_errf(err, AS_ENOMEM, "%s: out of memory", dir);
    }
    *s_out = s;
    return AS_OK;
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
    if ((st = prepare_dir(dir, &created, err)) != AS_OK ||
        (st = file_size(dir, s->meeting_path, &msize, err)) != AS_OK ||
        (st = file_size(dir, s->ballots_path, &bsize, err)) != AS_OK)
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
        (st = sweep_super_journals(s, err)) != AS_OK ||
        (st = load_key(s, fresh, err)) != AS_OK)
        goto fail;
    if (fresh && (st = store_create_schema(s, meeting_sha256, err)) != AS_OK)
        goto fail;
    if (!fresh && ((st = store_events_ensure(s, meeting_sha256, err)) != AS_OK ||
                   (st = scrub_cold_journals(s, err)) != AS_OK))
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

void sq_free(store *b)
{
    sqlstore *s = sq_of(b);
    if (!s)
        return;
    if (s->db)
        sqlite3_close_v2(s->db);
    if (s->lock_fd > 0)
        close(s->lock_fd); /* drops the voting kiosk's lock */
    sodium_memzero(s->key, sizeof s->key);
    free(s->dir);
    free(s->meeting_path);
    free(s->ballots_path);
    free(s->key_path);
    free(s);
}

const uint8_t *sq_key(const store *b)
{
    return sq_cof(b)->key;
}
