/* store_errors.c: the store's error lines and small SQLite helpers.
 *
 * Every line names the file and says what to do.  Nothing here ever
 * formats a value from a row: SQLite's own messages name tables and
 * columns ("UNIQUE constraint failed: voted.proposal, voted.badge"), never
 * the values, so they are safe to pass on. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store_priv.h"

char *store_join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + 1 + strlen(name) + 1;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

char *store_sqlite_name(const char *path)
{
    const char *prefix = path[0] == '/' ? "" : "./";
    size_t n = strlen(prefix) + strlen(path) + 1;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s%s", prefix, path);
    return p;
}

as_status store_errf(as_err *err, as_status st, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return st;
}

static as_status from_errno(const char *dir, int e, const char *path,
                            const char *doing, const char *why, as_err *err)
{
    switch (e) {
    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
        return store_errf(err, AS_EFULL,
                          "%s: the disk is full while %s (%s); nothing more "
                          "was written; free space on the disk or choose "
                          "a --data directory on a larger one", path, doing, why);
    case EACCES:
    case EPERM:
    case EROFS:
        return store_errf(err, AS_EREADONLY,
                          "%s: not writable while %s (%s); make %s and its "
                          "files writable or choose another --data directory",
                          path, doing, why, dir);
    case ENOMEM:
        return store_errf(err, AS_ENOMEM,
                          "%s: out of memory while %s; close other programs "
                          "and start again", path, doing);
    case ENOENT:
    case ENOTDIR:
        return store_errf(err, AS_ENOENT,
                          "%s: not found while %s (%s); check the --data "
                          "directory", path, doing, why);
    default:
        return store_errf(err, AS_EIO,
                          "%s: input/output error while %s (%s); check the "
                          "disk, or choose another --data directory and keep "
                          "this one for inspection", path, doing, why);
    }
}

as_status store_errno_error(const char *dir, int e, const char *path,
                            const char *doing, as_err *err)
{
    return from_errno(dir, e, path, doing, strerror(e), err);
}

as_status store_sql_error(const sqlstore *s, int rc, const char *path,
                          const char *doing, as_err *err)
{
    const char *why = s && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
    const char *dir = s ? s->dir : path;

    switch (rc & 0xff) {
    case SQLITE_FULL:
        return from_errno(dir, ENOSPC, path, doing, why, err);
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return from_errno(dir, EACCES, path, doing, why, err);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return store_errf(err, AS_ECORRUPT,
                          "%s: the database is damaged (%s); keep this file "
                          "for inspection and start with a new --data "
                          "directory", path, why);
    case SQLITE_NOMEM:
        return from_errno(dir, ENOMEM, path, doing, why, err);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return store_errf(err, AS_EIO,
                          "%s: in use by another program while %s (%s); "
                          "close the other asamblea using this --data "
                          "directory and try again", path, doing, why);
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR: {
        /* The OS error says whether it was space, permission or the disk. */
        int e = s && s->db ? sqlite3_system_errno(s->db) : 0;
        if (rc == SQLITE_IOERR_NOMEM)
            e = ENOMEM;
        return from_errno(dir, e ? e : EIO, path, doing, why, err);
    }
    default:
        return store_errf(err, AS_EIO,
                          "%s: database error while %s (%s); keep this "
                          "--data directory for inspection and report it",
                          path, doing, why);
    }
}

as_status store_prepare(sqlstore *s, const char *sql, sqlite3_stmt **out,
                        const char *path, as_err *err)
{
    int rc = sqlite3_prepare_v2(s->db, sql, -1, out, NULL);
    if (rc != SQLITE_OK) {
        *out = NULL;
        return store_sql_error(s, rc, path, "reading the database", err);
    }
    return AS_OK;
}

as_status store_exec(sqlstore *s, const char *sql, const char *path, as_err *err)
{
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return store_sql_error(s, rc, path, "writing the database", err);
    return AS_OK;
}

void store_rollback(sqlstore *s)
{
    /* After some errors SQLite has already rolled back by itself. */
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}
