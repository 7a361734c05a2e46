/* store_checkout.c: the check-in desk's writes: checking out, and
 * check-ins a facilitator makes by name for a forgotten badge.
 *
 * A check-in is never forgotten: main.checkins keeps every badge that
 * ever checked in, because the record bounds each proposal's ballots by
 * the people who attended (docs/export-format.md §3), and someone who
 * votes and then leaves early still attended.  Departures go in their own
 * table, checkouts: a badge in it is out now; checking in again removes
 * it.  Present now = checkins minus checkouts.
 *
 * Facilitator check-ins are marked in fac_checkins.  Both tables are
 * keyed like checkins by the badge's keyed hash and WITHOUT ROWID (no
 * order of arrival or departure, no time).  fac_checkins says "a
 * facilitator checked this badge in" and nothing else; the kiosk only
 * ever shows how many.  Both are made on first use, so data directories
 * made before the desk existed keep working unchanged (store_check_schema
 * ignores tables it does not know; no checkouts table means nobody
 * checked out).  Nothing here touches ballots or voted flags. */
#include "store_priv.h"

static const char fac_table_sql[] =
    "CREATE TABLE IF NOT EXISTS main.fac_checkins(badge BLOB PRIMARY KEY"
    " NOT NULL CHECK (length(badge) = 32)) WITHOUT ROWID";

static const char out_table_sql[] =
    "CREATE TABLE IF NOT EXISTS main.checkouts(badge BLOB PRIMARY KEY"
    " NOT NULL CHECK (length(badge) = 32)) WITHOUT ROWID";

as_status store_table_exists(store *s, const char *name, int *yes, as_err *err)
{
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc;

    *yes = 0;
    if ((st = store_prepare(s, "SELECT 1 FROM main.sqlite_schema WHERE"
                            " type = 'table' AND name = ?1", &q,
                            s->meeting_path, err)) != AS_OK)
        return st;
    sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        *yes = 1;
    else if (rc != SQLITE_DONE)
        st = store_sql_error(s, rc, s->meeting_path, "reading the tables", err);
    sqlite3_finalize(q);
    return st;
}

/* badge_stmt: runs sql with the badge bound as ?1; *changes gets the
 * number of rows changed (may be NULL), *row = 1 if it returned a row
 * (may be NULL). */
static as_status badge_stmt(store *s, const char *sql,
                            const uint8_t badge[TOKEN_HASH_SIZE], int *changes,
                            int *row, const char *doing, as_err *err)
{
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc;

    if ((st = store_prepare(s, sql, &q, s->meeting_path, err)) != AS_OK)
        return st;
    sqlite3_bind_blob(q, 1, badge, TOKEN_HASH_SIZE, SQLITE_STATIC);
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (row)
        *row = rc == SQLITE_ROW;
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return store_sql_error(s, rc, s->meeting_path, doing, err);
    if (changes)
        *changes = sqlite3_changes(s->db);
    return AS_OK;
}

as_status store_checkin_write(store *s, const uint8_t badge[TOKEN_HASH_SIZE],
                              int *now_in, as_err *err)
{
    as_status st;
    int out = 0, added = 0, back = 0;

    *now_in = 0;
    if ((st = badge_stmt(s, "INSERT OR IGNORE INTO main.checkins(badge)"
                         " VALUES (?1)", badge, &added, NULL,
                         "recording the check-in", err)) != AS_OK ||
        (st = store_table_exists(s, "checkouts", &out, err)) != AS_OK)
        return st;
    if (out && (st = badge_stmt(s, "DELETE FROM main.checkouts WHERE badge = ?1",
                                badge, &back, NULL, "recording the check-in",
                                err)) != AS_OK)
        return st;
    *now_in = added == 1 || back == 1;
    return AS_OK;
}

as_status store_checkout(store *s, const uint8_t badge[TOKEN_HASH_SIZE],
                         as_err *err)
{
    as_status st;
    int fac = 0, in = 0, n = 0;

    if (!s || !badge)
        return store_errf(err, AS_EINVAL, "store_checkout: no badge");
    if ((st = store_exec(s, "BEGIN IMMEDIATE", s->meeting_path, err)) != AS_OK)
        return st;
    if ((st = badge_stmt(s, "SELECT 1 FROM main.checkins WHERE badge = ?1",
                         badge, NULL, &in, "reading the check-ins",
                         err)) != AS_OK)
        goto fail;
    if (!in) {
        st = store_errf(err, AS_ESTATE, "that badge is not checked in");
        goto fail;
    }
    if ((st = store_exec(s, out_table_sql, s->meeting_path, err)) != AS_OK ||
        (st = badge_stmt(s, "INSERT OR IGNORE INTO main.checkouts(badge)"
                         " VALUES (?1)", badge, &n, NULL,
                         "recording the check-out", err)) != AS_OK ||
        (st = store_table_exists(s, "fac_checkins", &fac, err)) != AS_OK)
        goto fail;
    if (n == 0) {
        st = store_errf(err, AS_ESTATE, "that badge is already checked out");
        goto fail;
    }
    /* The mark means "checked in by a facilitator now"; a later check-in
     * by badge is the person's own. */
    if (fac && (st = badge_stmt(s, "DELETE FROM main.fac_checkins WHERE"
                                " badge = ?1", badge, NULL, NULL,
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
    int now_in = 0;

    if (was_new)
        *was_new = 0;
    if (!s || !badge)
        return store_errf(err, AS_EINVAL, "store_checkin_by_facilitator: no badge");
    if ((st = store_exec(s, "BEGIN IMMEDIATE", s->meeting_path, err)) != AS_OK)
        return st;
    if ((st = store_exec(s, fac_table_sql, s->meeting_path, err)) != AS_OK ||
        (st = store_checkin_write(s, badge, &now_in, err)) != AS_OK)
        goto fail;
    /* Only a check-in the facilitator actually made is marked. */
    if (now_in && (st = badge_stmt(s, "INSERT OR IGNORE INTO"
                                   " main.fac_checkins(badge) VALUES (?1)",
                                   badge, NULL, NULL, "recording the check-in",
                                   err)) != AS_OK)
        goto fail;
    if ((st = store_exec(s, "COMMIT", s->meeting_path, err)) != AS_OK)
        goto fail;
    if (was_new)
        *was_new = now_in;
    return AS_OK;
fail:
    store_rollback(s);
    return st;
}

as_status store_facilitator_checkin_count(store *s, int64_t *n, as_err *err)
{
    sqlite3_stmt *q = NULL;
    as_status st;
    int fac = 0, out = 0, rc;

    *n = 0;
    if ((st = store_table_exists(s, "fac_checkins", &fac, err)) != AS_OK || !fac)
        return st;
    if ((st = store_table_exists(s, "checkouts", &out, err)) != AS_OK)
        return st;
    if ((st = store_prepare(s, out ? "SELECT count(*) FROM main.fac_checkins f"
                                     " JOIN main.checkins c ON c.badge = f.badge"
                                     " WHERE NOT EXISTS (SELECT 1 FROM"
                                     " main.checkouts o WHERE o.badge = f.badge)"
                                   : "SELECT count(*) FROM main.fac_checkins f"
                                     " JOIN main.checkins c ON c.badge = f.badge",
                            &q, s->meeting_path, err)) != AS_OK)
        return st;
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        *n = sqlite3_column_int64(q, 0);
    else
        st = store_sql_error(s, rc, s->meeting_path, "counting", err);
    sqlite3_finalize(q);
    return st;
}
