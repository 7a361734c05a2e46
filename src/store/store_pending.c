/* store_pending.c: the one cell naming a kiosk's prepared hub
 * transaction (store_sqlite.h, docs/several-kiosks.md).  It lives in
 * main.meta under the key hub_pending as a blob of STORE_PENDING_SIZE
 * bytes, zeros when nothing is pending; every write is the same length,
 * so SQLite rewrites the cell where it is and secure_delete leaves no old
 * name behind in a free block. */
#include <string.h>
#include "store_priv.h"

static const char key_sql[] = "hub_pending";

static int gid_ok(const char *g, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!((g[i] >= 'a' && g[i] <= 'z') || (g[i] >= '0' && g[i] <= '9') ||
              g[i] == '-'))
            return 0;
    return n == STORE_PENDING_SIZE;
}

/* Writes the cell (gid NULL: zeros) inside the open transaction. */
static as_status put(sqlstore *s, const char *gid, as_err *err)
{
    unsigned char cell[STORE_PENDING_SIZE] = {0};
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc;

    if (gid)
        memcpy(cell, gid, STORE_PENDING_SIZE);
    if ((st = store_prepare(s, "INSERT INTO main.meta(key, value) VALUES (?1, ?2)"
                            " ON CONFLICT(key) DO UPDATE SET value = ?2", &q,
                            s->meeting_path, err)) != AS_OK)
        return st;
    sqlite3_bind_text(q, 1, key_sql, -1, SQLITE_STATIC);
    sqlite3_bind_blob(q, 2, cell, sizeof cell, SQLITE_STATIC);
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return store_sql_error(s, rc, s->meeting_path,
                               "recording the hub transaction", err);
    return AS_OK;
}

as_status store_pending_put_in_txn(sqlstore *s, const char *gid, as_err *err)
{
    if (!gid || !gid_ok(gid, strlen(gid)))
        return as_err_set(err, AS_EINVAL, "store: a hub transaction name must "
                          "be %d bytes of [a-z0-9-]", STORE_PENDING_SIZE);
    return put(s, gid, err);
}

as_status store_sqlite_pending(store *b, char gid[STORE_PENDING_SIZE + 1],
                               int *has, as_err *err)
{
    sqlite3_stmt *q = NULL;
    sqlstore *s;
    as_status st = AS_OK;
    int rc;

    if (has)
        *has = 0;
    if (!b || b->ops != &store_sqlite_ops || !gid || !has)
        return as_err_set(err, AS_EINVAL, "store_sqlite_pending: not a SQLite "
                          "store");
    s = sq_of(b);
    gid[0] = '\0';
    if ((st = store_prepare(s, "SELECT value FROM main.meta WHERE key = ?1", &q,
                            s->meeting_path, err)) != AS_OK)
        return st;
    sqlite3_bind_text(q, 1, key_sql, -1, SQLITE_STATIC);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        const unsigned char *v = sqlite3_column_blob(q, 0);
        int n = sqlite3_column_bytes(q, 0);
        static const unsigned char zeros[STORE_PENDING_SIZE];
        if (n == STORE_PENDING_SIZE && v && !memcmp(v, zeros, sizeof zeros)) {
            /* nothing pending */
        } else if (n == STORE_PENDING_SIZE && v && gid_ok((const char *)v, (size_t)n)) {
            memcpy(gid, v, STORE_PENDING_SIZE);
            gid[STORE_PENDING_SIZE] = '\0';
            *has = 1;
        } else {
            st = as_err_set(err, AS_ECORRUPT, "%s: the record of the hub "
                            "transaction in progress is damaged; keep this "
                            "--data directory for inspection and report it",
                            s->meeting_path);
        }
    } else if (rc != SQLITE_DONE) {
        st = store_sql_error(s, rc, s->meeting_path,
                             "reading the hub transaction", err);
    }
    sqlite3_finalize(q);
    return st;
}

as_status store_sqlite_clear_pending(store *b, as_err *err)
{
    sqlstore *s;
    as_status st;

    if (!b || b->ops != &store_sqlite_ops)
        return as_err_set(err, AS_EINVAL, "store_sqlite_clear_pending: not a "
                          "SQLite store");
    s = sq_of(b);
    if ((st = store_exec(s, "BEGIN IMMEDIATE", s->meeting_path, err)) != AS_OK)
        return st;
    if ((st = put(s, NULL, err)) != AS_OK ||
        (st = store_exec(s, "COMMIT", s->dir, err)) != AS_OK) {
        store_rollback(s);
        return st;
    }
    return AS_OK;
}

as_status store_sqlite_mark_hub_member(store *b, as_err *err)
{
    sqlstore *s;

    if (!b || b->ops != &store_sqlite_ops)
        return as_err_set(err, AS_EINVAL, "store_sqlite_mark_hub_member: not a "
                          "SQLite store");
    if (store_sqlite_is_hub_member(b))
        return AS_OK;
    s = sq_of(b);
    return store_exec(s, "INSERT INTO main.meta(key, value) VALUES"
                      " ('hub_member', 1) ON CONFLICT(key) DO NOTHING",
                      s->meeting_path, err);
}

int store_sqlite_is_hub_member(store *b)
{
    int64_t v = 0;
    int found = 0;

    if (!b || b->ops != &store_sqlite_ops)
        return 0;
    if (store_query_int(sq_of(b), "SELECT value FROM main.meta WHERE key = ?1",
                        "hub_member", NULL, 0, sq_of(b)->meeting_path,
                        "reading the tables", &v, &found, NULL) != AS_OK)
        return 0;
    return found && v == 1;
}
