/* store_checkout.c: the check-in desk's writes: checking out, and
 * check-ins a facilitator makes by name for a forgotten badge.
 *
 * Facilitator check-ins are marked in their own table, fac_checkins,
 * keyed like checkins by the badge's keyed hash and WITHOUT ROWID (no
 * order of arrival).  It says "a facilitator checked this badge in" and
 * nothing else; the kiosk only ever shows how many.  The table is made
 * on first use, so data directories made before the desk existed keep
 * working unchanged (store_check_schema ignores tables it does not
 * know).  Nothing here touches ballots or voted flags. */
#include "store_priv.h"

static const char fac_table_sql[] =
    "CREATE TABLE IF NOT EXISTS main.fac_checkins(badge BLOB PRIMARY KEY"
    " NOT NULL CHECK (length(badge) = 32)) WITHOUT ROWID";

/* fac_table_exists: *yes = 1 once fac_checkins has been made. */
static as_status fac_table_exists(store *s, int *yes, as_err *err)
{
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc;

    *yes = 0;
    if ((st = store_prepare(s, "SELECT 1 FROM main.sqlite_schema WHERE"
                            " type = 'table' AND name = 'fac_checkins'", &q,
                            s->meeting_path, err)) != AS_OK)
        return st;
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        *yes = 1;
    else if (rc != SQLITE_DONE)
        st = store_sql_error(s, rc, s->meeting_path, "reading the tables", err);
    sqlite3_finalize(q);
    return st;
}

/* badge_stmt: runs sql with the badge bound as ?1; *changes gets the
 * number of rows changed (may be NULL). */
static as_status badge_stmt(store *s, const char *sql,
                            const uint8_t badge[TOKEN_HASH_SIZE], int *changes,
                            const char *doing, as_err *err)
{
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc;

    if ((st = store_prepare(s, sql, &q, s->meeting_path, err)) != AS_OK)
        return st;
    sqlite3_bind_blob(q, 1, badge, TOKEN_HASH_SIZE, SQLITE_STATIC);
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return store_sql_error(s, rc, s->meeting_path, doing, err);
    if (changes)
        *changes = sqlite3_changes(s->db);
    return AS_OK;
}

as_status store_checkout(store *s, const uint8_t badge[TOKEN_HASH_SIZE],
                         as_err *err)
{
    as_status st;
    int fac = 0, n = 0;

    if (!s || !badge)
        return store_errf(err, AS_EINVAL, "store_checkout: no badge");
    if ((st = store_exec(s, "BEGIN IMMEDIATE", s->meeting_path, err)) != AS_OK)
        return st;
    if ((st = badge_stmt(s, "DELETE FROM main.checkins WHERE badge = ?1",
                         badge, &n, "recording the check-out", err)) != AS_OK ||
        (st = fac_table_exists(s, &fac, err)) != AS_OK)
        goto fail;
    if (n == 0) {
        st = store_errf(err, AS_ESTATE, "that badge is not checked in");
        goto fail;
    }
    if (fac && (st = badge_stmt(s, "DELETE FROM main.fac_checkins WHERE"
                                " badge = ?1", badge, NULL,
                                "recording the check-out", err)) != AS_OK)
        goto fail;
    if ((st = store_exec(s, "COMMIT", s->meeting_path, err)) != AS_OK)
        goto fail;
    return AS_OK;
fail:
    store_rollback(s);
    return st;
}

as_status store_checkin_by_facilitator(store *s,
                                       const uint8_t badge[TOKEN_HASH_SIZE],
                                       int *was_new, as_err *err)
{
    as_status st;
    int n = 0;

    if (was_new)
        *was_new = 0;
    if (!s || !badge)
        return store_errf(err, AS_EINVAL, "store_checkin_by_facilitator: no badge");
    if ((st = store_exec(s, "BEGIN IMMEDIATE", s->meeting_path, err)) != AS_OK)
        return st;
    if ((st = store_exec(s, fac_table_sql, s->meeting_path, err)) != AS_OK ||
        (st = badge_stmt(s, "INSERT OR IGNORE INTO main.checkins(badge)"
                         " VALUES (?1)", badge, &n, "recording the check-in",
                         err)) != AS_OK)
        goto fail;
    /* Only a check-in the facilitator actually made is marked. */
    if (n == 1 && (st = badge_stmt(s, "INSERT OR IGNORE INTO"
                                   " main.fac_checkins(badge) VALUES (?1)",
                                   badge, NULL, "recording the check-in",
                                   err)) != AS_OK)
        goto fail;
    if ((st = store_exec(s, "COMMIT", s->meeting_path, err)) != AS_OK)
        goto fail;
    if (was_new)
        *was_new = n == 1;
    return AS_OK;
fail:
    store_rollback(s);
    return st;
}

as_status store_facilitator_checkin_count(store *s, int64_t *n, as_err *err)
{
    sqlite3_stmt *q = NULL;
    as_status st;
    int fac = 0, rc;

    *n = 0;
    if ((st = fac_table_exists(s, &fac, err)) != AS_OK || !fac)
        return st;
    if ((st = store_prepare(s, "SELECT count(*) FROM main.fac_checkins f JOIN"
                            " main.checkins c ON c.badge = f.badge", &q,
                            s->meeting_path, err)) != AS_OK)
        return st;
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        *n = sqlite3_column_int64(q, 0);
    else
        st = store_sql_error(s, rc, s->meeting_path, "counting", err);
    sqlite3_finalize(q);
    return st;
}
