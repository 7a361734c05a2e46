/* store_query.c: what every other store file leans on: one query that
 * answers with one whole number (a count, a state, "is there such a row"),
 * and whether a text may be stored as a ballot (casting and the ballot
 * walk).  They are here, not
 * in one of their users, so the store's files call each other one way. */
#include "record.h"
#include "store_priv.h"

as_status store_query_int(sqlstore *s, const char *sql, const char *text,
                          const void *blob, int blob_len, const char *path,
                          const char *what, int64_t *val, int *found, as_err *err)
{
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc;

    *val = 0;
    if (found)
        *found = 0;
    if ((st = store_prepare(s, sql, &q, path, err)) != AS_OK)
        return st;
    if (text)
        sqlite3_bind_text(q, 1, text, -1, SQLITE_STATIC);
    if (blob)
        sqlite3_bind_blob(q, text ? 2 : 1, blob, blob_len, SQLITE_STATIC);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        *val = sqlite3_column_int64(q, 0);
        if (found)
            *found = 1;
    } else if (rc != SQLITE_DONE || !found) {
        /* no row is an answer for a lookup, never for a count */
        st = store_sql_error(s, rc, path, what, err);
    }
    sqlite3_finalize(q);
    return st;
}

as_status store_count(sqlstore *s, const char *sql, const char *arg,
                      const char *path, int64_t *n, as_err *err)
{
    return store_query_int(s, sql, arg, NULL, 0, path, "counting", n, NULL, err);
}

int store_choice_ok(const char *choice, size_t n)
{
    if (!choice || n == 0 || n > RECORD_TEXT_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = choice[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ',' ||
              c == '>' || c == '-'))
            return 0;
    }
    return 1;
}
