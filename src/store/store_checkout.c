/* store_checkout.c: check-ins, check-outs, and check-ins a facilitator
 * makes by name for a forgotten badge.
 *
 * Every badge has one row in main.checkins, made ahead by store_enroll
 * (store_slots.c) with three 0/1 flags:
 *   attended        checked in at some time (never cleared: the record
 *                   bounds each proposal's ballots by the people who
 *                   attended, docs/export-format.md §3, and someone who
 *                   votes and then leaves early still attended);
 *   present         here now (check-in sets it, check-out clears it);
 *   by_facilitator  present now, checked in by a facilitator by name.
 * Flipping a flag rewrites the row where it is, so the file does not
 * record who arrived or left when.  A badge with no row (not enrolled)
 * gets one at its first check-in. */
#include "store_priv.h"

static as_status badge_stmt(sqlstore *s, const char *sql,
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
    if (row)
        *row = rc == SQLITE_ROW ? sqlite3_column_int(q, 0) : -1;
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return store_sql_error(s, rc, s->meeting_path, doing, err);
    if (changes)
        *changes = sqlite3_changes(s->db);
    return AS_OK;
}

as_status store_checkin_write(sqlstore *s, const uint8_t badge[TOKEN_HASH_SIZE],
                              int *now_in, as_err *err)
{
    as_status st;
    int changed = 0;

    *now_in = 0;
    if ((st = badge_stmt(s, "UPDATE main.checkins SET attended = 1, present = 1"
                         " WHERE badge = ?1 AND present = 0", badge, &changed,
                         NULL, "recording the check-in", err)) != AS_OK)
        return st;
    if (changed == 0 &&
        (st = badge_stmt(s, "INSERT OR IGNORE INTO main.checkins(badge,"
                         " attended, present, by_facilitator) VALUES"
                         " (?1, 1, 1, 0)", badge, &changed, NULL,
                         "recording the check-in", err)) != AS_OK)
        return st;
    *now_in = changed == 1;
    return AS_OK;
}

as_status sq_checkout(store *b, const uint8_t badge[TOKEN_HASH_SIZE],
                         as_err *err)
{
    sqlstore *s = sq_of(b);
    as_status st;
    int present = -1;

    if (!s || !badge)
        return store_errf(err, AS_EINVAL, "store_checkout: no badge");
    if ((st = store_exec(s, "BEGIN", s->meeting_path, err)) != AS_OK)
        return st;
    if ((st = badge_stmt(s, "SELECT present + 2 * attended FROM main.checkins"
                         " WHERE badge = ?1", badge, NULL, &present,
                         "reading the check-ins", err)) != AS_OK)
        goto fail;
    if (present <= 0) {
        st = store_errf(err, AS_ESTATE, "that badge is not checked in");
        goto fail;
    }
    if (present == 2) {
        st = store_errf(err, AS_ESTATE, "that badge is already checked out");
        goto fail;
    }
    /* The facilitator mark means "checked in by a facilitator now"; a
     * later check-in by badge is the person's own. */
    if ((st = badge_stmt(s, "UPDATE main.checkins SET present = 0,"
                         " by_facilitator = 0 WHERE badge = ?1", badge, NULL,
                         NULL, "recording the check-out", err)) != AS_OK ||
        (st = store_exec(s, "COMMIT", s->meeting_path, err)) != AS_OK)
        goto fail;
    return AS_OK;
fail:
    store_rollback(s);
    return st;
}

as_status sq_checkin_by_facilitator(store *b,
                                       const uint8_t badge[TOKEN_HASH_SIZE],
                                       int *was_new, as_err *err)
{
    sqlstore *s = sq_of(b);
    as_status st;
    int now_in = 0;

    if (was_new)
        *was_new = 0;
    if (!s || !badge)
        return store_errf(err, AS_EINVAL, "store_checkin_by_facilitator: no badge");
    if ((st = store_exec(s, "BEGIN", s->meeting_path, err)) != AS_OK)
        return st;
    if ((st = store_checkin_write(s, badge, &now_in, err)) != AS_OK)
        goto fail;
    /* Only a check-in the facilitator actually made is marked. */
    if (now_in && (st = badge_stmt(s, "UPDATE main.checkins SET"
                                   " by_facilitator = 1 WHERE badge = ?1",
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

as_status sq_facilitator_checkin_count(store *b, int64_t *n, as_err *err)
{
    sqlstore *s = sq_of(b);
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc;

    *n = 0;
    if ((st = store_prepare(s, "SELECT count(*) FROM main.checkins WHERE"
                            " by_facilitator = 1 AND present = 1", &q,
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
