/* store_cards.c: the anonymous voting cards of a data directory.
 *
 * A card is known only by the keyed hash of its token (token_hash with
 * store_key), in cards(hash) WITHOUT ROWID: rows are ordered by hash, so
 * nothing records which card was printed first or on which sheet, and
 * nothing ties a card to a roster row.  The table is created on first
 * use (a data directory made before cards existed simply has none), not
 * with the other tables: a directory that never prints cards keeps the
 * original schema. */
#include "store_priv.h"

static const char cards_sql[] =
    "CREATE TABLE IF NOT EXISTS main.cards(hash BLOB PRIMARY KEY NOT NULL"
    " CHECK (length(hash) = 32)) WITHOUT ROWID";

/* *have = 1 if the cards table exists.  Readers use this instead of
 * creating the table, so that looking never writes. */
static as_status cards_exist(sqlstore *s, int *have, as_err *err)
{
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc;

    *have = 0;
    if ((st = store_prepare(s, "SELECT count(*) FROM main.sqlite_schema"
                            " WHERE type = 'table' AND name = 'cards'", &q,
                            s->meeting_path, err)) != AS_OK)
        return st;
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        *have = sqlite3_column_int(q, 0) > 0;
    else
        st = store_sql_error(s, rc, s->meeting_path, "reading the tables", err);
    sqlite3_finalize(q);
    return st;
}

as_status sq_add_cards(store *b, const uint8_t (*hashes)[TOKEN_HASH_SIZE],
                          int n, as_err *err)
{
    sqlstore *s = sq_of(b);
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc;

    if (!s || n < 0 || (n > 0 && !hashes))
        return store_errf(err, AS_EINVAL, "store_add_cards: bad arguments");
    if (n == 0)
        return AS_OK;
    if ((st = store_exec(s, "BEGIN IMMEDIATE", s->meeting_path, err)) != AS_OK)
        return st;
    if ((st = store_exec(s, cards_sql, s->meeting_path, err)) != AS_OK)
        goto fail;
    if ((st = store_prepare(s, "INSERT INTO main.cards(hash) VALUES (?1)", &q,
                            s->meeting_path, err)) != AS_OK)
        goto fail;
    for (int i = 0; i < n; i++) {
        sqlite3_bind_blob(q, 1, hashes[i], TOKEN_HASH_SIZE, SQLITE_STATIC);
        rc = sqlite3_step(q);
        sqlite3_reset(q);
        if ((rc & 0xff) == SQLITE_CONSTRAINT) {
            /* Two equal 85-bit random tokens: a broken random source, or
             * the same deck registered twice. */
            st = store_errf(err, AS_EINVAL,
                            "%s: a voting card is already registered; nothing "
                            "was added, print a new deck", s->meeting_path);
            goto fail;
        }
        if (rc != SQLITE_DONE) {
            st = store_sql_error(s, rc, s->meeting_path,
                                 "registering the voting cards", err);
            goto fail;
        }
    }
    sqlite3_finalize(q);
    q = NULL;
    /* A card votes like a badge: its check-in and voted rows (and open
     * proposals' slots) are made now, not when it is first used. */
    if ((st = store_enroll_in_txn(s, hashes, n, err)) != AS_OK ||
        (st = store_exec(s, "COMMIT", s->dir, err)) != AS_OK)
        goto fail;
    return AS_OK;
fail:
    sqlite3_finalize(q);
    store_rollback(s);
    return st;
}

as_status sq_is_card(store *b, const uint8_t hash[TOKEN_HASH_SIZE], int *yes,
                        as_err *err)
{
    sqlstore *s = sq_of(b);
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc, have;

    *yes = 0;
    if (!hash)
        return store_errf(err, AS_EINVAL, "store_is_card: no hash");
    if ((st = cards_exist(s, &have, err)) != AS_OK || !have)
        return st;
    if ((st = store_prepare(s, "SELECT 1 FROM main.cards WHERE hash = ?1", &q,
                            s->meeting_path, err)) != AS_OK)
        return st;
    sqlite3_bind_blob(q, 1, hash, TOKEN_HASH_SIZE, SQLITE_STATIC);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        *yes = 1;
    else if (rc != SQLITE_DONE)
        st = store_sql_error(s, rc, s->meeting_path, "reading the voting cards", err);
    sqlite3_finalize(q);
    return st;
}

as_status sq_card_count(store *b, int64_t *n, as_err *err)
{
    sqlstore *s = sq_of(b);
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc, have;

    *n = 0;
    if ((st = cards_exist(s, &have, err)) != AS_OK || !have)
        return st;
    if ((st = store_prepare(s, "SELECT count(*) FROM main.cards", &q,
                            s->meeting_path, err)) != AS_OK)
        return st;
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        *n = sqlite3_column_int64(q, 0);
    else
        st = store_sql_error(s, rc, s->meeting_path, "counting the voting cards", err);
    sqlite3_finalize(q);
    return st;
}
