/* store_read.c: a proposal's state, counts, the ballot walk, integrity
 * checks, and the test-only size cap.  Each read is one SQL statement, so
 * it sees one consistent state of both files even while another process
 * writes. */
#include <stdio.h>
#include <string.h>
#include "record.h"
#include "store_priv.h"

as_status sq_proposal_state(store *b, const char *proposal,
                               prop_state *out, as_err *err)
{
    sqlstore *s = sq_of(b);
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc;

    *out = PROP_DRAFT;
    if (!proposal)
        return store_errf(err, AS_EINVAL, "store_proposal_state: no proposal");
    if ((st = store_prepare(s, "SELECT state FROM main.proposals WHERE id = ?1",
                            &q, s->meeting_path, err)) != AS_OK)
        return st;
    sqlite3_bind_text(q, 1, proposal, -1, SQLITE_STATIC);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        int v = sqlite3_column_int(q, 0);
        if (v < PROP_DRAFT || v > PROP_CLOSED)
            st = store_errf(err, AS_ECORRUPT,
                            "%s: the database is damaged (proposal %s has "
                            "state %d); keep this file for inspection and "
                            "start with a new --data directory",
                            s->meeting_path, proposal, v);
        else
            *out = (prop_state)v;
    } else if (rc != SQLITE_DONE) {
        st = store_sql_error(s, rc, s->meeting_path, "reading the proposals", err);
    }
    sqlite3_finalize(q);
    return st;
}

as_status sq_checked_in_count(store *b, int64_t *n, as_err *err)
{
    sqlstore *s = sq_of(b);
    return store_count(s, "SELECT count(*) FROM main.checkins WHERE present = 1",
                  NULL, s->meeting_path, n, err);
}

as_status sq_attended_count(store *b, int64_t *n, as_err *err)
{
    sqlstore *s = sq_of(b);
    /* attended is never cleared: everyone who ever checked in. */
    return store_count(s, "SELECT count(*) FROM main.checkins WHERE attended = 1",
                  NULL, s->meeting_path, n, err);
}

as_status sq_voted_count(store *b, const char *proposal, int64_t *n,
                            as_err *err)
{
    sqlstore *s = sq_of(b);
    if (!proposal)
        return store_errf(err, AS_EINVAL, "store_voted_count: no proposal");
    return store_count(s, "SELECT count(*) FROM main.voted WHERE proposal = ?1"
                  " AND voted = 1",
                  proposal, s->meeting_path, n, err);
}

as_status sq_ballot_count(store *b, const char *proposal, int64_t *n,
                             as_err *err)
{
    sqlstore *s = sq_of(b);
    if (!proposal)
        return store_errf(err, AS_EINVAL, "store_ballot_count: no proposal");
    return store_count(s, "SELECT count(*) FROM ballots.ballots WHERE proposal = ?1"
                  " AND filled = 1",
                  proposal, s->ballots_path, n, err);
}

typedef struct {
    int64_t *counts;
    int nchoices;
    int bad;
} count_walk;

static as_status count_one(void *ud, const uint8_t id[BALLOT_ID_SIZE],
                           const char *choice, size_t n)
{
    count_walk *w = ud;
    int c = record_choice_parse(choice, n);
    (void)id;
    if (c < 0 || c >= w->nchoices) {
        w->bad = 1;
        return AS_ECORRUPT;
    }
    w->counts[c]++;
    return AS_OK;
}

as_status sq_counts(store *b, const char *proposal, int64_t *counts,
                       int nchoices, as_err *err)
{
    sqlstore *s = sq_of(b);
    count_walk w = {counts, nchoices, 0};
    as_status st;

    if (!proposal || !counts || nchoices <= 0)
        return store_errf(err, AS_EINVAL, "store_counts: bad arguments");
    memset(counts, 0, sizeof *counts * (size_t)nchoices);
    st = sq_each_ballot_text(&s->base, proposal, count_one, &w, err);
    if (w.bad)
        /* Which ballot, or which choice, is not said: that is secret. */
        st = store_errf(err, AS_ECORRUPT,
                        "%s: proposal %s has a ballot with a choice this "
                        "meeting file does not offer; the ballot file "
                        "does not match the meeting file, keep this "
                        "--data directory for inspection",
                        s->ballots_path, proposal);
    if (st != AS_OK)
        memset(counts, 0, sizeof *counts * (size_t)nchoices);
    return st;
}

/* A filled slot holds the ballot text, then zero bytes to its width:
 * *n is the text's length, or -1 if the bytes after it are not all zero
 * (or there is no text). */
static void slot_text(const unsigned char *slot, int width, size_t *n, int *ok)
{
    size_t len = 0;
    *ok = 0;
    *n = 0;
    if (!slot || width <= 0)
        return;
    while (len < (size_t)width && slot[len])
        len++;
    for (size_t i = len; i < (size_t)width; i++)
        if (slot[i])
            return;
    *n = len;
    *ok = len > 0;
}

as_status sq_each_ballot_text(store *b, const char *proposal,
                                 store_ballot_text_fn fn, void *ud, as_err *err)
{
    sqlstore *s = sq_of(b);
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc;

    if (!proposal || !fn)
        return store_errf(err, AS_EINVAL, "store_each_ballot_text: bad arguments");
    if ((st = store_prepare(s, "SELECT id, slot FROM ballots.ballots"
                            " WHERE proposal = ?1 AND filled = 1 ORDER BY id",
                            &q, s->ballots_path, err)) != AS_OK)
        return st;
    sqlite3_bind_text(q, 1, proposal, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const void *id = sqlite3_column_blob(q, 0);
        const unsigned char *slot = NULL;
        char choice[RECORD_TEXT_MAX + 1];
        size_t n = 0;
        int ok = 0;
        if (sqlite3_column_type(q, 1) == SQLITE_BLOB) {
            slot = sqlite3_column_blob(q, 1);
            slot_text(slot, sqlite3_column_bytes(q, 1), &n, &ok);
        }
        if (ok && n <= RECORD_TEXT_MAX) {
            memcpy(choice, slot, n);
            choice[n] = '\0';
        }
        if (!id || sqlite3_column_bytes(q, 0) != BALLOT_ID_SIZE || !ok ||
            !store_choice_ok(choice, n)) {
            st = store_errf(err, AS_ECORRUPT,
                            "%s: the database is damaged (a ballot of "
                            "proposal %s is malformed); keep this file for "
                            "inspection and start with a new --data directory",
                            s->ballots_path, proposal);
            goto done;
        }
        if ((st = fn(ud, id, choice, n)) != AS_OK)
            goto done;
    }
    if (rc != SQLITE_DONE)
        st = store_sql_error(s, rc, s->ballots_path, "reading the ballots", err);
done:
    sqlite3_finalize(q);
    return st;
}

typedef struct {
    store_ballot_fn fn;
    void *ud;
    int bad_word;
} word_walk;

static as_status to_word(void *ud, const uint8_t id[BALLOT_ID_SIZE],
                         const char *choice, size_t n)
{
    word_walk *w = ud;
    int c = record_choice_parse(choice, n);
    if (c < 0) {
        w->bad_word = 1;
        return AS_ECORRUPT;
    }
    return w->fn(w->ud, id, c);
}

as_status sq_each_ballot(store *b, const char *proposal, store_ballot_fn fn,
                            void *ud, as_err *err)
{
    sqlstore *s = sq_of(b);
    word_walk w = {fn, ud, 0};
    if (!proposal || !fn)
        return store_errf(err, AS_EINVAL, "store_each_ballot: bad arguments");
    as_status st = sq_each_ballot_text(&s->base, proposal, to_word, &w, err);
    if (w.bad_word)
        st = store_errf(err, AS_ECORRUPT,
                        "%s: proposal %s has a ballot that is not yes, no or "
                        "abstain; read it with store_each_ballot_text, or keep "
                        "this --data directory for inspection",
                        s->ballots_path, proposal);
    return st;
}

as_status store_check_file(sqlstore *s, const char *pragma, const char *schema,
                           const char *path, as_err *err)
{
    char sql[64];
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc;

    snprintf(sql, sizeof sql, "PRAGMA %s.%s(1)", schema, pragma);
    if ((st = store_prepare(s, sql, &q, path, err)) != AS_OK)
        return st;
    rc = sqlite3_step(q);
    if (rc != SQLITE_ROW) {
        st = store_sql_error(s, rc, path, "checking the database", err);
    } else {
        const char *res = (const char *)sqlite3_column_text(q, 0);
        if (!res || strcmp(res, "ok") != 0)
            st = store_errf(err, AS_ECORRUPT,
                            "%s: the database is damaged (%s); keep this file "
                            "for inspection and start with a new --data "
                            "directory", path, res ? res : "no answer");
    }
    sqlite3_finalize(q);
    return st;
}

as_status sq_integrity(store *b, as_err *err)
{
    sqlstore *s = sq_of(b);
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc;

    if ((st = store_check_file(s, "integrity_check", "main", s->meeting_path, err)) != AS_OK ||
        (st = store_check_file(s, "integrity_check", "ballots", s->ballots_path, err)) != AS_OK)
        return st;
    /* One statement, so both files are read at the same instant. */
    if ((st = store_prepare(s,
            "SELECT p FROM (SELECT proposal AS p FROM main.voted"
            " UNION SELECT proposal FROM ballots.ballots)"
            " WHERE (SELECT count(*) FROM main.voted WHERE proposal = p"
            " AND voted = 1)"
            " != (SELECT count(*) FROM ballots.ballots WHERE proposal = p"
            " AND filled = 1)"
            " LIMIT 1", &q, s->dir, err)) != AS_OK)
        return st;
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        st = store_errf(err, AS_ECORRUPT,
                        "%s: ballots.db and meeting.db disagree on how many "
                        "votes proposal %s received; keep this directory for "
                        "inspection and report it", s->dir,
                        (const char *)sqlite3_column_text(q, 0));
    else if (rc != SQLITE_DONE)
        st = store_sql_error(s, rc, s->dir, "checking the databases", err);
    sqlite3_finalize(q);
    return st;
}

as_status store_test_set_max_pages(store *b, int64_t meeting_pages,
                                   int64_t ballots_pages, as_err *err)
{
    sqlstore *s = sq_of(b);
    char sql[96];
    as_status st;

    if (!s)
        return store_errf(err, AS_EINVAL, "store_test_set_max_pages: no SQLite store");
    if (meeting_pages > 0) {
        snprintf(sql, sizeof sql, "PRAGMA main.max_page_count=%lld",
                 (long long)meeting_pages);
        if ((st = store_exec(s, sql, s->meeting_path, err)) != AS_OK)
            return st;
    }
    if (ballots_pages > 0) {
        snprintf(sql, sizeof sql, "PRAGMA ballots.max_page_count=%lld",
                 (long long)ballots_pages);
        if ((st = store_exec(s, sql, s->ballots_path, err)) != AS_OK)
            return st;
    }
    return AS_OK;
}
