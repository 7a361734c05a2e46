/* store_state.c: changing a proposal's state (with its event) and
 * check-ins (reading the state is in store_read.c). */
#include "store_priv.h"

static const char *state_name(prop_state st)
{
    switch (st) {
    case PROP_DRAFT: return "not yet open";
    case PROP_OPEN: return "open";
    case PROP_CLOSED: return "closed";
    }
    return "unknown";
}

/* The transition, with the slot width used when it opens the proposal. */
static as_status transition(sqlstore *s, const char *proposal, prop_state to,
                            int width, as_err *err)
{
    sqlite3_stmt *q = NULL;
    prop_state from;
    as_status st;
    int rc;

    if (!proposal || !proposal[0])
        return store_errf(err, AS_EINVAL, "store_set_proposal_state: no proposal");
    if (!store_event_word_ok(proposal))
        return store_errf(err, AS_EINVAL,
                          "proposal id '%s' cannot be written to the event log; use "
                          "lower-case letters, digits and '-' only (at most 63)",
                          proposal);
    if ((st = store_exec(s, "BEGIN IMMEDIATE", s->meeting_path, err)) != AS_OK)
        return st;
    if ((st = sq_proposal_state(&s->base, proposal, &from, err)) != AS_OK)
        goto fail;
    if (!((from == PROP_DRAFT && to == PROP_OPEN) ||
          (from == PROP_OPEN && to == PROP_CLOSED))) {
        st = store_errf(err, AS_ESTATE, "proposal %s is %s and cannot become %s",
                        proposal, state_name(from), state_name(to));
        goto fail;
    }
    if ((st = store_prepare(s, "INSERT INTO main.proposals(id, state,"
                            " slot_width) VALUES (?1, ?2, ?3) ON CONFLICT(id)"
                            " DO UPDATE SET state = excluded.state", &q,
                            s->meeting_path, err)) != AS_OK)
        goto fail;
    sqlite3_bind_text(q, 1, proposal, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 2, (int)to);
    sqlite3_bind_int(q, 3, width);
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        st = store_sql_error(s, rc, s->meeting_path, "changing the proposal", err);
        goto fail;
    }
    /* Opening makes every enrolled badge's voted row and the empty
     * ballot slots, before anyone can vote. */
    if (to == PROP_OPEN &&
        (st = store_prepare_proposal_in_txn(s, proposal, width, err)) != AS_OK)
        goto fail;
    /* Same transaction: the state and its event are one commit. */
    if ((st = store_event_transition(s, proposal, to, err)) != AS_OK)
        goto fail;
    if ((st = store_exec(s, "COMMIT", s->meeting_path, err)) != AS_OK)
        goto fail;
    return AS_OK;
fail:
    store_rollback(s);
    return st;
}

as_status sq_set_proposal_state(store *b, const char *proposal,
                                   prop_state to, as_err *err)
{
    sqlstore *s = sq_of(b);
    return transition(s, proposal, to, STORE_SLOT_DEFAULT, err);
}

as_status sq_open_proposal(store *b, const char *proposal, int slot_width,
                              as_err *err)
{
    sqlstore *s = sq_of(b);
    if (slot_width < 1 || slot_width > RECORD_TEXT_MAX)
        return store_errf(err, AS_EINVAL, "store_open_proposal: a ballot slot "
                          "must hold 1 to %d bytes", RECORD_TEXT_MAX);
    return transition(s, proposal, PROP_OPEN, slot_width, err);
}

as_status sq_checkin(store *b, const uint8_t badge[TOKEN_HASH_SIZE],
                        int *was_new, as_err *err)
{
    sqlstore *s = sq_of(b);
    as_status st;
    int now_in = 0;

    if (was_new)
        *was_new = 0;
    if (!badge)
        return store_errf(err, AS_EINVAL, "store_checkin: no badge");
    /* One transaction: a person coming back is never seen half way.
     * Deferred, and its first statement writes meeting.db: only that file
     * joins the transaction, so the commit needs no super-journal (BEGIN
     * IMMEDIATE would lock ballots.db too). */
    if ((st = store_exec(s, "BEGIN", s->meeting_path, err)) != AS_OK)
        return st;
    if ((st = store_checkin_write(s, badge, &now_in, err)) != AS_OK ||
        (st = store_exec(s, "COMMIT", s->meeting_path, err)) != AS_OK) {
        store_rollback(s);
        return st;
    }
    if (was_new)
        *was_new = now_in;
    return AS_OK;
}

as_status sq_is_checked_in(store *b, const uint8_t badge[TOKEN_HASH_SIZE],
                              int *yes, as_err *err)
{
    sqlstore *s = sq_of(b);
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc;

    *yes = 0;
    if (!badge)
        return store_errf(err, AS_EINVAL, "store_is_checked_in: no badge");
    if ((st = store_prepare(s, "SELECT 1 FROM main.checkins WHERE badge = ?1"
                            " AND present = 1", &q, s->meeting_path,
                            err)) != AS_OK)
        return st;
    sqlite3_bind_blob(q, 1, badge, TOKEN_HASH_SIZE, SQLITE_STATIC);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        *yes = 1;
    else if (rc != SQLITE_DONE)
        st = store_sql_error(s, rc, s->meeting_path, "reading the check-ins", err);
    sqlite3_finalize(q);
    return st;
}
