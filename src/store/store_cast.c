/* store_cast.c: recording a vote.
 *
 * One transaction over both files: the ballot fills an empty slot of
 * ballots.db chosen uniformly at random, and the badge's "voted on this
 * proposal" flag in meeting.db goes from 0 to 1; both rows were made
 * ahead (store_slots.c), and both change in place, so neither file's
 * bytes follow the order of casting.  Because two database files take
 * part, SQLite commits through a super-journal: after a crash at any
 * instant, the hot journals are rolled back together unless the
 * super-journal was already deleted (the commit point), so both records
 * exist or neither does. */
#include <string.h>
#include <sodium.h>
#include "record.h"
#include "store_priv.h"

as_status sq_has_voted(store *b, const char *proposal,
                          const uint8_t badge[TOKEN_HASH_SIZE], int *yes,
                          as_err *err)
{
    sqlstore *s = sq_of(b);
    int64_t one;

    *yes = 0;
    if (!proposal || !badge)
        return as_err_set(err, AS_EINVAL, "store_has_voted: missing argument");
    return store_query_int(s, "SELECT 1 FROM main.voted WHERE proposal = ?1"
                           " AND badge = ?2 AND voted = 1", proposal, badge,
                           TOKEN_HASH_SIZE, s->meeting_path, "reading the votes",
                           &one, yes, err);
}

/* The proposal's state inside the open transaction. */
static as_status state_in_txn(sqlstore *s, const char *proposal, int *state,
                              as_err *err)
{
    int64_t v;
    int found;
    as_status st = store_query_int(s, "SELECT state FROM main.proposals WHERE id = ?1",
                                   proposal, NULL, 0, s->meeting_path,
                                   "reading the proposals", &v, &found, err);
    *state = found && v >= INT32_MIN && v <= INT32_MAX ? (int)v : PROP_DRAFT;
    return st;
}

/* Picks an empty slot of proposal uniformly at random (making more if
 * there is none: a badge that was not enrolled) and writes choice into
 * it, padded with zeros to the slot's width, inside the transaction. */
static as_status fill_slot(sqlstore *s, const char *proposal, const char *choice,
                           as_err *err)
{
    sqlite3_stmt *q = NULL;
    uint8_t id[BALLOT_ID_SIZE];
    unsigned char *slot = NULL;
    size_t n = strlen(choice);
    int64_t nfree = 0;
    int width = 0, rc;
    as_status st;

    if ((st = store_count(s, "SELECT count(*) FROM ballots.ballots WHERE"
                          " proposal = ?1 AND filled = 0", proposal,
                          s->ballots_path, &nfree, err)) != AS_OK)
        return st;
    if (nfree == 0) {
        /* Eight at a time, so the slot filled is not simply the one
         * made for it. */
        if ((st = store_top_up_slots_in_txn(s, proposal, 8, err)) != AS_OK)
            return st;
        nfree = 8;
    }
    if ((st = store_prepare(s, "SELECT id, length(slot) FROM ballots.ballots"
                            " WHERE proposal = ?1 AND filled = 0 ORDER BY id"
                            " LIMIT 1 OFFSET ?2", &q, s->ballots_path,
                            err)) != AS_OK)
        return st;
    sqlite3_bind_text(q, 1, proposal, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, (int64_t)randombytes_uniform(
                                 nfree > UINT32_MAX ? UINT32_MAX : (uint32_t)nfree));
    rc = sqlite3_step(q);
    if (rc != SQLITE_ROW || sqlite3_column_bytes(q, 0) != BALLOT_ID_SIZE) {
        st = rc == SQLITE_ROW || rc == SQLITE_DONE
                 ? as_err_set(err, AS_ECORRUPT, "%s: the ballot slots of "
                              "proposal %s are damaged; keep this --data "
                              "directory for inspection and report it",
                              s->ballots_path, proposal)
                 : store_sql_error(s, rc, s->ballots_path, "recording the ballot",
                                   err);
        sqlite3_finalize(q);
        return st;
    }
    memcpy(id, sqlite3_column_blob(q, 0), sizeof id);
    width = sqlite3_column_int(q, 1);
    sqlite3_finalize(q);
    q = NULL;
    if ((size_t)width < n) {
        st = as_err_set(err, AS_EINVAL, "proposal %s: this ballot is longer "
                        "than the proposal's slots (%d bytes); the proposal "
                        "was opened for a shorter ballot, report this",
                        proposal, width);
        goto done;
    }
    if (!(slot = calloc(1, (size_t)width))) {
        st = as_err_set(err, AS_ENOMEM, "%s: out of memory", s->ballots_path);
        goto done;
    }
    memcpy(slot, choice, n);
    if ((st = store_prepare(s, "UPDATE ballots.ballots SET filled = 1, slot = ?2"
                            " WHERE id = ?1 AND filled = 0", &q,
                            s->ballots_path, err)) != AS_OK)
        goto done;
    sqlite3_bind_blob(q, 1, id, sizeof id, SQLITE_STATIC);
    sqlite3_bind_blob(q, 2, slot, width, SQLITE_STATIC);
    rc = sqlite3_step(q);
    if (rc != SQLITE_DONE)
        st = store_sql_error(s, rc, s->ballots_path, "recording the ballot", err);
    else if (sqlite3_changes(s->db) != 1)
        st = as_err_set(err, AS_ECORRUPT, "%s: a ballot slot of proposal %s "
                        "could not be filled; keep this --data directory for "
                        "inspection and report it", s->ballots_path, proposal);
done:
    sqlite3_finalize(q);
    sodium_memzero(id, sizeof id);
    if (slot)
        sodium_memzero(slot, (size_t)width);
    free(slot);
    return st;
}

/* Runs sql with the proposal as ?1 and the badge as ?2; *changes gets
 * the rows changed. */
static as_status voted_stmt(sqlstore *s, const char *sql, const char *proposal,
                            const uint8_t badge[TOKEN_HASH_SIZE], int *changes,
                            as_err *err)
{
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc;

    if ((st = store_prepare(s, sql, &q, s->meeting_path, err)) != AS_OK)
        return st;
    sqlite3_bind_text(q, 1, proposal, -1, SQLITE_STATIC);
    sqlite3_bind_blob(q, 2, badge, TOKEN_HASH_SIZE, SQLITE_STATIC);
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return store_sql_error(s, rc, s->meeting_path, "recording the vote", err);
    *changes = sqlite3_changes(s->db);
    return AS_OK;
}

/* Sets the badge's voted flag: in place when its row was made ahead, as
 * a new row otherwise (a badge that was not enrolled). */
static as_status mark_voted(sqlstore *s, const char *proposal,
                            const uint8_t badge[TOKEN_HASH_SIZE], as_err *err)
{
    int changed = 0;
    as_status st = voted_stmt(s, "UPDATE main.voted SET voted = 1 WHERE"
                              " proposal = ?1 AND badge = ?2 AND voted = 0",
                              proposal, badge, &changed, err);
    if (st != AS_OK || changed == 1)
        return st;
    return voted_stmt(s, "INSERT INTO main.voted(proposal, badge, voted)"
                      " VALUES (?1, ?2, 1)", proposal, badge, &changed, err);
}

/* The cast itself, inside no transaction yet; gid (NULL: none) is also
 * written as the pending hub transaction in the same transaction. */
static as_status cast(sqlstore *s, const char *proposal,
                      const uint8_t badge[TOKEN_HASH_SIZE], const char *choice,
                      const char *gid, as_err *err)
{
    as_status st;
    int state, voted;

    if (!proposal || !proposal[0] || !badge || !choice ||
        !store_choice_ok(choice, strlen(choice)))
        return as_err_set(err, AS_EINVAL, "store_cast_text: missing proposal "
                          "or badge, or a choice that is not a ballot text");
    /* IMMEDIATE takes the write lock on both files before reading, so the
     * checks below still hold when the rows are written. */
    if ((st = store_exec(s, "BEGIN IMMEDIATE", s->meeting_path, err)) != AS_OK)
        return st;
    if ((st = state_in_txn(s, proposal, &state, err)) != AS_OK)
        goto fail;
    if (state != PROP_OPEN) {
        st = as_err_set(err, AS_ESTATE, "proposal %s is not open for voting",
                        proposal);
        goto fail;
    }
    if ((st = sq_has_voted(&s->base, proposal, badge, &voted, err)) != AS_OK)
        goto fail;
    if (voted) {
        st = as_err_set(err, AS_ESTATE,
                        "this badge has already voted on proposal %s", proposal);
        goto fail;
    }
    if ((st = fill_slot(s, proposal, choice, err)) != AS_OK ||
        (st = mark_voted(s, proposal, badge, err)) != AS_OK)
        goto fail;
    if (gid && (st = store_pending_put_in_txn(s, gid, err)) != AS_OK)
        goto fail;
    if ((st = store_exec(s, "COMMIT", s->dir, err)) != AS_OK)
        goto fail;
    return AS_OK;
fail:
    store_rollback(s);
    return st;
}

as_status sq_cast_text(store *b, const char *proposal,
                          const uint8_t badge[TOKEN_HASH_SIZE],
                          const char *choice, as_err *err)
{
    return cast(sq_of(b), proposal, badge, choice, NULL, err);
}

as_status store_sqlite_cast_pending(store *b, const char *proposal,
                                    const uint8_t badge[TOKEN_HASH_SIZE],
                                    const char *choice, const char *gid,
                                    as_err *err)
{
    if (!b || b->ops != &store_sqlite_ops || !gid ||
        strlen(gid) != STORE_PENDING_SIZE)
        return as_err_set(err, AS_EINVAL, "store_sqlite_cast_pending: not a "
                          "SQLite store, or no transaction name");
    return cast(sq_of(b), proposal, badge, choice, gid, err);
}
