/* store_slots.c: rows made ahead of use, so that using them records no
 * order.
 *
 * SQLite keeps a b-tree page's cells in the order they were written into
 * the page, whatever their keys: a row inserted at the moment someone
 * checks in or votes would sit in its page after the rows of everyone
 * before them, and a copy of the card would give the order of arrivals,
 * of voted flags and of ballots, which pair up (issue 15's audit: 30 of
 * 30 ballots attributed).  So:
 *   - a check-in row (all flags 0) exists for every badge on the roster
 *     and every card before anyone arrives (store_enroll, at kiosk start
 *     and when cards are added);
 *   - when a proposal opens, a voted row (0) for every one of those
 *     badges, and as many empty ballot slots, each of a fixed width and
 *     a random id;
 *   - checking in flips 0/1 flags; a cast flips the badge's voted flag
 *     and fills one slot chosen uniformly at random among the empty ones
 *     with its ballot text padded with zero bytes to the slot's width.
 * A 0/1 integer takes no bytes in a record and the padded slot keeps its
 * length, so the record keeps its size and SQLite overwrites the cell
 * where it is (btreeOverwriteCell): nothing moves, nothing is appended.
 * Rows are made in key order (hashes and random ids), which says nothing
 * about anyone.
 *
 * A badge that was not enrolled (not in the roster the kiosk loaded) still
 * works: its rows are made when first needed, and those late rows do sit
 * in arrival order among themselves (docs/storage.md says so). */
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "store_priv.h"

/* Sorting the hashes first makes the insertion order a function of the
 * keys alone. */
static int cmp_hash(const void *a, const void *b)
{
    return memcmp(a, b, TOKEN_HASH_SIZE);
}

static as_status step_done(sqlstore *s, sqlite3_stmt *q, const char *path,
                           const char *doing, as_err *err)
{
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc != SQLITE_DONE)
        return store_sql_error(s, rc, path, doing, err);
    return AS_OK;
}

static int cmp_id(const void *a, const void *b)
{
    return memcmp(a, b, BALLOT_ID_SIZE);
}

as_status store_top_up_slots_in_txn(sqlstore *s, const char *proposal,
                                    int64_t want, as_err *err)
{
    sqlite3_stmt *q = NULL, *wq = NULL;
    uint8_t (*ids)[BALLOT_ID_SIZE] = NULL;
    unsigned char *zeros = NULL;
    int64_t have = 0, add;
    int width = 0, rc;
    as_status st;

    if ((st = store_count(s, "SELECT count(*) FROM ballots.ballots WHERE"
                           " proposal = ?1 AND filled = 0", proposal,
                           s->ballots_path, &have, err)) != AS_OK)
        return st;
    if (have >= want)
        return AS_OK;
    add = want - have;
    if ((st = store_prepare(s, "SELECT slot_width FROM main.proposals WHERE"
                            " id = ?1", &wq, s->meeting_path, err)) != AS_OK)
        return st;
    sqlite3_bind_text(wq, 1, proposal, -1, SQLITE_STATIC);
    rc = sqlite3_step(wq);
    if (rc == SQLITE_ROW)
        width = sqlite3_column_int(wq, 0);
    sqlite3_finalize(wq);
    if (rc != SQLITE_ROW || width < 1 || width > RECORD_TEXT_MAX)
        return store_errf(err, AS_ECORRUPT, "%s: proposal %s has no slot width; "
                          "keep this --data directory for inspection and "
                          "report it", s->meeting_path, proposal);
    ids = malloc((size_t)add * sizeof *ids);
    zeros = calloc(1, (size_t)width);
    if (!ids || !zeros) {
        st = store_errf(err, AS_ENOMEM, "%s: out of memory", s->ballots_path);
        goto done;
    }
    randombytes_buf(ids, (size_t)add * sizeof *ids);
    qsort(ids, (size_t)add, sizeof *ids, cmp_id);
    if ((st = store_prepare(s, "INSERT OR IGNORE INTO ballots.ballots(id,"
                            " proposal, filled, slot) VALUES (?1, ?2, 0, ?3)",
                            &q, s->ballots_path, err)) != AS_OK)
        goto done;
    sqlite3_bind_text(q, 2, proposal, -1, SQLITE_STATIC);
    sqlite3_bind_blob(q, 3, zeros, width, SQLITE_STATIC);
    for (int64_t i = 0; i < add; i++) {
        sqlite3_bind_blob(q, 1, ids[i], BALLOT_ID_SIZE, SQLITE_STATIC);
        if ((st = step_done(s, q, s->ballots_path, "preparing ballot slots",
                            err)) != AS_OK)
            goto done;
    }
done:
    sqlite3_finalize(q);
    if (ids)
        sodium_memzero(ids, (size_t)add * sizeof *ids);
    free(ids);
    free(zeros);
    return st;
}

/* Voted rows (0) for proposal, for every enrolled badge or (hashes
 * given) for those; then slots for everyone who has not voted. */
static as_status voted_rows(sqlstore *s, const char *proposal,
                            const uint8_t (*hashes)[TOKEN_HASH_SIZE], int n,
                            as_err *err)
{
    sqlite3_stmt *q = NULL;
    int64_t open_rows = 0;
    as_status st;

    if (hashes) {
        if ((st = store_prepare(s, "INSERT OR IGNORE INTO main.voted(proposal,"
                                " badge, voted) VALUES (?1, ?2, 0)", &q,
                                s->meeting_path, err)) != AS_OK)
            return st;
        sqlite3_bind_text(q, 1, proposal, -1, SQLITE_STATIC);
        for (int i = 0; i < n; i++) {
            sqlite3_bind_blob(q, 2, hashes[i], TOKEN_HASH_SIZE, SQLITE_STATIC);
            if ((st = step_done(s, q, s->meeting_path, "preparing the voted "
                                "flags", err)) != AS_OK)
                break;
        }
        sqlite3_finalize(q);
        if (st != AS_OK)
            return st;
    } else {
        if ((st = store_prepare(s, "INSERT OR IGNORE INTO main.voted(proposal,"
                                " badge, voted) SELECT ?1, badge, 0 FROM"
                                " main.checkins ORDER BY badge", &q,
                                s->meeting_path, err)) != AS_OK)
            return st;
        sqlite3_bind_text(q, 1, proposal, -1, SQLITE_STATIC);
        st = step_done(s, q, s->meeting_path, "preparing the voted flags", err);
        sqlite3_finalize(q);
        if (st != AS_OK)
            return st;
    }
    if ((st = store_count(s, "SELECT count(*) FROM main.voted WHERE"
                           " proposal = ?1 AND voted = 0", proposal,
                           s->meeting_path, &open_rows, err)) != AS_OK)
        return st;
    return store_top_up_slots_in_txn(s, proposal, open_rows, err);
}

as_status store_prepare_proposal_in_txn(sqlstore *s, const char *proposal,
                                        int width, as_err *err)
{
    sqlite3_stmt *q = NULL;
    as_status st;

    if (width < 1 || width > RECORD_TEXT_MAX)
        return store_errf(err, AS_EINVAL, "proposal %s: a ballot slot must "
                          "hold 1 to %d bytes, not %d", proposal,
                          RECORD_TEXT_MAX, width);
    if ((st = store_prepare(s, "UPDATE main.proposals SET slot_width = ?2"
                            " WHERE id = ?1", &q, s->meeting_path, err)) != AS_OK)
        return st;
    sqlite3_bind_text(q, 1, proposal, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 2, width);
    st = step_done(s, q, s->meeting_path, "opening the proposal", err);
    sqlite3_finalize(q);
    if (st != AS_OK)
        return st;
    return voted_rows(s, proposal, NULL, 0, err);
}

as_status store_enroll_in_txn(sqlstore *s, const uint8_t (*hashes)[TOKEN_HASH_SIZE],
                              int n, as_err *err)
{
    sqlite3_stmt *q = NULL;
    uint8_t (*sorted)[TOKEN_HASH_SIZE] = NULL;
    char **open_ids = NULL;
    int nopen = 0, cap = 0, rc;
    as_status st;

    if (n <= 0)
        return AS_OK;
    sorted = malloc((size_t)n * sizeof *sorted);
    if (!sorted)
        return store_errf(err, AS_ENOMEM, "%s: out of memory", s->meeting_path);
    memcpy(sorted, hashes, (size_t)n * sizeof *sorted);
    qsort(sorted, (size_t)n, sizeof *sorted, cmp_hash);
    if ((st = store_prepare(s, "INSERT OR IGNORE INTO main.checkins(badge,"
                            " attended, present, by_facilitator) VALUES"
                            " (?1, 0, 0, 0)", &q, s->meeting_path, err)) != AS_OK)
        goto done;
    for (int i = 0; i < n && st == AS_OK; i++) {
        sqlite3_bind_blob(q, 1, sorted[i], TOKEN_HASH_SIZE, SQLITE_STATIC);
        st = step_done(s, q, s->meeting_path, "preparing the check-ins", err);
    }
    sqlite3_finalize(q);
    q = NULL;
    if (st != AS_OK)
        goto done;
    /* Proposals open now get rows for the newcomers too. */
    if ((st = store_prepare(s, "SELECT id FROM main.proposals WHERE state = 1"
                            " ORDER BY id", &q, s->meeting_path, err)) != AS_OK)
        goto done;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(q, 0);
        if (nopen == cap) {
            int ncap = cap ? 2 * cap : 8;
            char **g = realloc(open_ids, (size_t)ncap * sizeof *g);
            if (!g) {
                st = store_errf(err, AS_ENOMEM, "%s: out of memory",
                                s->meeting_path);
                goto done;
            }
            open_ids = g;
            cap = ncap;
        }
        if (!id || !(open_ids[nopen] = strdup(id))) {
            st = store_errf(err, AS_ENOMEM, "%s: out of memory", s->meeting_path);
            goto done;
        }
        nopen++;
    }
    if (rc != SQLITE_DONE) {
        st = store_sql_error(s, rc, s->meeting_path, "reading the proposals", err);
        goto done;
    }
    sqlite3_finalize(q);
    q = NULL;
    for (int i = 0; i < nopen && st == AS_OK; i++)
        st = voted_rows(s, open_ids[i], (const uint8_t(*)[TOKEN_HASH_SIZE])sorted,
                        n, err);
done:
    sqlite3_finalize(q);
    for (int i = 0; i < nopen; i++)
        free(open_ids[i]);
    free(open_ids);
    if (sorted)
        sodium_memzero(sorted, (size_t)n * sizeof *sorted);
    free(sorted);
    return st;
}

as_status sq_enroll(store *b, const uint8_t (*hashes)[TOKEN_HASH_SIZE], int n,
                       as_err *err)
{
    sqlstore *s = sq_of(b);
    as_status st;

    if (!s || n < 0 || (n > 0 && !hashes))
        return store_errf(err, AS_EINVAL, "store_enroll: bad arguments");
    if (n == 0)
        return AS_OK;
    if ((st = store_exec(s, "BEGIN IMMEDIATE", s->meeting_path, err)) != AS_OK)
        return st;
    if ((st = store_enroll_in_txn(s, hashes, n, err)) != AS_OK ||
        (st = store_exec(s, "COMMIT", s->dir, err)) != AS_OK) {
        store_rollback(s);
        return st;
    }
    return AS_OK;
}
