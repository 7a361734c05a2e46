/* store_events.c: the hash-chained log of aggregate events
 * (docs/export-format.md §5) in meeting.db's events table.
 *
 * Unlike every other table this one has a rowid (seq): the order of
 * events is the point of the log, and an event never says anything about
 * one voter: a meeting hash, "started", a proposal opened or closed with
 * aggregate counts, an export.  State changes and their events are written
 * in the same transaction, so after a crash both exist or neither. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "record.h"
#include "store_priv.h"

#define EVENT_TEXT_MAX 256

static const char events_sql[] =
    "CREATE TABLE main.events(seq INTEGER PRIMARY KEY,"
    " text TEXT NOT NULL, hash BLOB NOT NULL CHECK (length(hash) = 32))";

/* Proposal ids become words of an event line: nothing that could split
 * or forge a line (the meeting file allows [a-z0-9-] only). */
int store_event_word_ok(const char *w)
{
    size_t n = 0;
    for (; w && w[n]; n++) {
        char c = w[n];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return 0;
    }
    return n > 0 && n < 64;
}

as_status store_event_append(sqlstore *s, const char *event, as_err *err)
{
    sqlite3_stmt *q = NULL;
    uint8_t prev[RECORD_HASH_SIZE] = {0}, h[RECORD_HASH_SIZE];
    char text[EVENT_TEXT_MAX];
    int64_t seq = 0;
    as_status st;
    int rc, n;

    if ((st = store_prepare(s, "SELECT seq, hash FROM main.events"
                            " ORDER BY seq DESC LIMIT 1", &q, s->meeting_path,
                            err)) != AS_OK)
        return st;
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        const void *ph = sqlite3_column_blob(q, 1);
        seq = sqlite3_column_int64(q, 0);
        if (!ph || sqlite3_column_bytes(q, 1) != RECORD_HASH_SIZE || seq < 1) {
            sqlite3_finalize(q);
            return as_err_set(err, AS_ECORRUPT,
                              "%s: the database is damaged (the event log's last "
                              "line is malformed); keep this file for inspection "
                              "and start with a new --data directory",
                              s->meeting_path);
        }
        memcpy(prev, ph, RECORD_HASH_SIZE);
    } else if (rc != SQLITE_DONE) {
        sqlite3_finalize(q);
        return store_sql_error(s, rc, s->meeting_path, "reading the event log", err);
    }
    sqlite3_finalize(q);

    n = snprintf(text, sizeof text, "%" PRId64 " %s", seq + 1, event);
    if (n < 0 || (size_t)n >= sizeof text)
        return as_err_set(err, AS_EINVAL, "%s: event line too long", s->meeting_path);
    record_event_hash(prev, text, (size_t)n, h);
    if ((st = store_prepare(s, "INSERT INTO main.events(seq, text, hash)"
                            " VALUES (?1, ?2, ?3)", &q, s->meeting_path, err)) != AS_OK)
        return st;
    sqlite3_bind_int64(q, 1, seq + 1);
    sqlite3_bind_text(q, 2, text, n, SQLITE_STATIC);
    sqlite3_bind_blob(q, 3, h, RECORD_HASH_SIZE, SQLITE_STATIC);
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return store_sql_error(s, rc, s->meeting_path, "writing the event log", err);
    return AS_OK;
}

as_status store_events_create(sqlstore *s, const uint8_t meeting_sha256[32],
                              as_err *err)
{
    char ev[16 + 2 * RECORD_HASH_SIZE];
    as_status st;

    if ((st = store_exec(s, events_sql, s->meeting_path, err)) != AS_OK)
        return st;
    memcpy(ev, "meeting ", 8);
    record_hex(meeting_sha256, RECORD_HASH_SIZE, ev + 8);
    return store_event_append(s, ev, err);
}

as_status store_events_ensure(sqlstore *s, const uint8_t meeting_sha256[32],
                              as_err *err)
{
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc, have;

    if ((st = store_prepare(s, "SELECT count(*) FROM main.sqlite_schema"
                            " WHERE type = 'table' AND name = 'events'", &q,
                            s->meeting_path, err)) != AS_OK)
        return st;
    rc = sqlite3_step(q);
    have = rc == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW)
        return store_sql_error(s, rc, s->meeting_path, "reading the tables", err);
    if (have)
        return AS_OK;
    /* A data directory made before the event log existed: start it now. */
    if ((st = store_exec(s, "BEGIN IMMEDIATE", s->meeting_path, err)) != AS_OK)
        return st;
    if ((st = store_events_create(s, meeting_sha256, err)) != AS_OK ||
        (st = store_exec(s, "COMMIT", s->meeting_path, err)) != AS_OK) {
        store_rollback(s);
        return st;
    }
    return AS_OK;
}

/* One event in its own transaction. */
static as_status append_alone(sqlstore *s, const char *event, as_err *err)
{
    as_status st;
    if ((st = store_exec(s, "BEGIN IMMEDIATE", s->meeting_path, err)) != AS_OK)
        return st;
    if ((st = store_event_append(s, event, err)) != AS_OK ||
        (st = store_exec(s, "COMMIT", s->meeting_path, err)) != AS_OK) {
        store_rollback(s);
        return st;
    }
    return AS_OK;
}

as_status sq_event_started(store *b, as_err *err)
{
    sqlstore *s = sq_of(b);
    if (!s)
        return as_err_set(err, AS_EINVAL, "store_event_started: no store");
    return append_alone(s, "started", err);
}

as_status sq_event_exported(store *b, int nclosed, as_err *err)
{
    sqlstore *s = sq_of(b);
    char ev[32];
    if (!s || nclosed < 0)
        return as_err_set(err, AS_EINVAL, "store_event_exported: bad arguments");
    snprintf(ev, sizeof ev, "exported %d", nclosed);
    return append_alone(s, ev, err);
}

/* The opened/closed event of a state change, inside its transaction. */
as_status sq_ballot_root(store *b, const char *proposal, int64_t *nballots,
                            uint8_t root[RECORD_HASH_SIZE], as_err *err)
{
    sqlstore *s = sq_of(b);
    as_status st = store_root_walk(&s->base, proposal, nballots, root, err);
    if (st == AS_ECORRUPT)
        st = as_err_set(err, AS_ECORRUPT,
                        "%s: the database is damaged (a ballot of proposal %s is "
                        "malformed); keep this file for inspection and "
                        "start with a new --data directory", s->ballots_path, proposal);
    else if (st == AS_ENOMEM)
        st = as_err_set(err, AS_ENOMEM, "%s: out of memory reading the ballots",
                        s->ballots_path);
    return st;
}

as_status store_event_transition(sqlstore *s, const char *proposal, prop_state to,
                                 as_err *err)
{
    char ev[EVENT_TEXT_MAX - 24], hex[2 * RECORD_HASH_SIZE + 1];
    uint8_t root[RECORD_HASH_SIZE];
    int64_t ci = 0, nb = 0;
    as_status st;

    if (!store_event_word_ok(proposal))
        return as_err_set(err, AS_EINVAL,
                          "proposal id '%s' cannot be written to the event log; "
                          "use lower-case letters, digits and '-' only (at most 63)",
                          proposal);
    if ((st = sq_checked_in_count(&s->base, &ci, err)) != AS_OK)
        return st;
    if (to == PROP_OPEN) {
        snprintf(ev, sizeof ev, "opened %s %" PRId64, proposal, ci);
    } else {
        if ((st = sq_ballot_root(&s->base, proposal, &nb, root, err)) != AS_OK)
            return st;
        record_hex(root, RECORD_HASH_SIZE, hex);
        snprintf(ev, sizeof ev, "closed %s %" PRId64 " %" PRId64 " %s", proposal, ci,
                 nb, hex);
    }
    return store_event_append(s, ev, err);
}

as_status sq_each_event(store *b, store_event_fn fn, void *ud, as_err *err)
{
    sqlstore *s = sq_of(b);
    sqlite3_stmt *q = NULL;
    uint8_t prev[RECORD_HASH_SIZE] = {0}, h[RECORD_HASH_SIZE];
    int64_t expect = 1;
    as_status st;
    int rc;

    if (!s || !fn)
        return as_err_set(err, AS_EINVAL, "store_each_event: bad arguments");
    if ((st = store_prepare(s, "SELECT seq, text, hash FROM main.events ORDER BY seq",
                            &q, s->meeting_path, err)) != AS_OK)
        return st;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *text = (const char *)sqlite3_column_text(q, 1);
        int n = sqlite3_column_bytes(q, 1);
        const void *stored = sqlite3_column_blob(q, 2);
        char prefix[24];
        int pn = snprintf(prefix, sizeof prefix, "%" PRId64 " ", expect);
        /* The chain is checked as it is read: a damaged log is never
         * handed on as if it were whole. */
        if (sqlite3_column_int64(q, 0) != expect || !text || !stored ||
            sqlite3_column_bytes(q, 2) != RECORD_HASH_SIZE || n <= pn ||
            memcmp(text, prefix, (size_t)pn) != 0 || memchr(text, '\n', (size_t)n)) {
            st = AS_ECORRUPT;
        } else {
            record_event_hash(prev, text, (size_t)n, h);
            if (memcmp(h, stored, RECORD_HASH_SIZE) != 0)
                st = AS_ECORRUPT;
        }
        if (st != AS_OK) {
            st = as_err_set(err, AS_ECORRUPT,
                            "%s: the database is damaged (event log line %" PRId64
                            " does not follow the chain); keep this file for "
                            "inspection and start with a new --data directory",
                            s->meeting_path, expect);
            goto done;
        }
        if ((st = fn(ud, text, (size_t)n, h)) != AS_OK)
            goto done;
        memcpy(prev, h, sizeof prev);
        expect++;
    }
    if (rc != SQLITE_DONE)
        st = store_sql_error(s, rc, s->meeting_path, "reading the event log", err);
done:
    sqlite3_finalize(q);
    return st;
}

as_status sq_closed_info(store *b, const char *proposal,
                            int64_t *checked_in_at_close,
                            uint8_t root[RECORD_HASH_SIZE], as_err *err)
{
    sqlstore *s = sq_of(b);
    prop_state ps;
    int found = 0, bad = 0;
    as_status st;

    if (!s || !proposal || !checked_in_at_close || !root)
        return as_err_set(err, AS_EINVAL, "store_closed_info: bad arguments");
    if ((st = sq_proposal_state(&s->base, proposal, &ps, err)) != AS_OK)
        return st;
    if (ps != PROP_CLOSED)
        return as_err_set(err, AS_ESTATE, "proposal %s is not closed", proposal);
    if ((st = store_closed_walk(&s->base, proposal, &found, &bad,
                                checked_in_at_close, root, err)) != AS_OK)
        return st;
    if (found != 1 || bad)
        return as_err_set(err, AS_ECORRUPT,
                          "%s: the event log has %s closed event for proposal %s; "
                          "keep this file for inspection and report it",
                          s->meeting_path, found ? (bad ? "a malformed" : "more than one") : "no",
                          proposal);
    return AS_OK;
}
