/* store_cast.c: recording a vote.
 *
 * One transaction over both files: the ballot goes into ballots.db, the
 * "this badge voted on this proposal" flag into meeting.db.  Because two
 * database files take part, SQLite commits through a super-journal: after
 * a crash at any instant, the hot journals are rolled back together
 * unless the super-journal was already deleted (the commit point), so both
 * records exist or neither does. */
#include <string.h>
#include <sodium.h>
#include "record.h"
#include "store_priv.h"

as_status store_has_voted(store *s, const char *proposal,
                          const uint8_t badge[TOKEN_HASH_SIZE], int *yes,
                          as_err *err)
{
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc;

    *yes = 0;
    if (!proposal || !badge)
        return store_errf(err, AS_EINVAL, "store_has_voted: missing argument");
    if ((st = store_prepare(s, "SELECT 1 FROM main.voted WHERE proposal = ?1"
                            " AND badge = ?2", &q, s->meeting_path, err)) != AS_OK)
        return st;
    sqlite3_bind_text(q, 1, proposal, -1, SQLITE_STATIC);
    sqlite3_bind_blob(q, 2, badge, TOKEN_HASH_SIZE, SQLITE_STATIC);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        *yes = 1;
    else if (rc != SQLITE_DONE)
        st = store_sql_error(s, rc, s->meeting_path, "reading the votes", err);
    sqlite3_finalize(q);
    return st;
}

/* The proposal's state inside the open transaction. */
static as_status state_in_txn(store *s, const char *proposal, int *state,
                              as_err *err)
{
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc;

    *state = PROP_DRAFT;
    if ((st = store_prepare(s, "SELECT state FROM main.proposals WHERE id = ?1",
                            &q, s->meeting_path, err)) != AS_OK)
        return st;
    sqlite3_bind_text(q, 1, proposal, -1, SQLITE_STATIC);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        *state = sqlite3_column_int(q, 0);
    else if (rc != SQLITE_DONE)
        st = store_sql_error(s, rc, s->meeting_path, "reading the proposals", err);
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

static as_status insert_ballot(store *s, const char *proposal,
                               const char *choice, as_err *err)
{
    uint8_t id[BALLOT_ID_SIZE];
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc = SQLITE_OK;

    if ((st = store_prepare(s, "INSERT INTO ballots.ballots(id, proposal, choice)"
                            " VALUES (?1, ?2, ?3)", &q, s->ballots_path, err)) != AS_OK)
        return st;
    /* A repeated 128-bit random id is practically impossible; retrying
     * costs nothing and keeps the vote if it ever happens. */
    for (int attempt = 0; attempt < 4; attempt++) {
        randombytes_buf(id, sizeof id);
        sqlite3_reset(q);
        sqlite3_bind_blob(q, 1, id, sizeof id, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 2, proposal, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 3, choice, -1, SQLITE_STATIC);
        rc = sqlite3_step(q);
        if (rc != SQLITE_CONSTRAINT_PRIMARYKEY)
            break;
    }
    sodium_memzero(id, sizeof id);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return store_sql_error(s, rc, s->ballots_path, "recording the ballot", err);
    return AS_OK;
}

static as_status insert_voted(store *s, const char *proposal,
                              const uint8_t badge[TOKEN_HASH_SIZE], as_err *err)
{
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc;

    if ((st = store_prepare(s, "INSERT INTO main.voted(proposal, badge)"
                            " VALUES (?1, ?2)", &q, s->meeting_path, err)) != AS_OK)
        return st;
    sqlite3_bind_text(q, 1, proposal, -1, SQLITE_STATIC);
    sqlite3_bind_blob(q, 2, badge, TOKEN_HASH_SIZE, SQLITE_STATIC);
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return store_sql_error(s, rc, s->meeting_path, "recording the vote", err);
    return AS_OK;
}

as_status store_cast_text(store *s, const char *proposal,
                          const uint8_t badge[TOKEN_HASH_SIZE],
                          const char *choice, as_err *err)
{
    as_status st;
    int state, voted;

    if (!proposal || !proposal[0] || !badge || !choice ||
        !store_choice_ok(choice, strlen(choice)))
        return store_errf(err, AS_EINVAL, "store_cast_text: missing proposal "
                          "or badge, or a choice that is not a ballot text");
    /* IMMEDIATE takes the write lock on both files before reading, so the
     * checks below still hold when the rows are written. */
    if ((st = store_exec(s, "BEGIN IMMEDIATE", s->meeting_path, err)) != AS_OK)
        return st;
    if ((st = state_in_txn(s, proposal, &state, err)) != AS_OK)
        goto fail;
    if (state != PROP_OPEN) {
        st = store_errf(err, AS_ESTATE, "proposal %s is not open for voting",
                        proposal);
        goto fail;
    }
    if ((st = store_has_voted(s, proposal, badge, &voted, err)) != AS_OK)
        goto fail;
    if (voted) {
        st = store_errf(err, AS_ESTATE,
                        "this badge has already voted on proposal %s", proposal);
        goto fail;
    }
    if ((st = insert_ballot(s, proposal, choice, err)) != AS_OK ||
        (st = insert_voted(s, proposal, badge, err)) != AS_OK)
        goto fail;
    if ((st = store_exec(s, "COMMIT", s->dir, err)) != AS_OK)
        goto fail;
    return AS_OK;
fail:
    store_rollback(s);
    return st;
}

as_status store_cast(store *s, const char *proposal,
                     const uint8_t badge[TOKEN_HASH_SIZE], int choice,
                     as_err *err)
{
    const char *word = record_choice_word(choice);
    if (!proposal || !proposal[0] || !badge || !word)
        return store_errf(err, AS_EINVAL, "store_cast: missing proposal, "
                          "badge or choice");
    return store_cast_text(s, proposal, badge, word, err);
}
