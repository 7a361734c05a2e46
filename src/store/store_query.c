/* store_query.c: the two checks every other store file leans on: one
 * count(*) query (readers, casting and slot top-ups) and whether a text may
 * be stored as a ballot (casting and the ballot walk).  They are here, not
 * in one of their users, so the store's files call each other one way. */
#include "record.h"
#include "store_priv.h"

as_status store_count(sqlstore *s, const char *sql, const char *arg,
                      const char *path, int64_t *n, as_err *err)
{
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc;

    *n = 0;
    if ((st = store_prepare(s, sql, &q, path, err)) != AS_OK)
        return st;
    if (arg)
        sqlite3_bind_text(q, 1, arg, -1, SQLITE_STATIC);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        *n = sqlite3_column_int64(q, 0);
    else
        st = store_sql_error(s, rc, path, "counting", err);
    sqlite3_finalize(q);
    return st;
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
