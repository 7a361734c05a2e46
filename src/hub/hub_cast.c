/* hub_cast.c: casting exactly once across two databases, and recovery.
 *
 * The protocol (docs/several-kiosks.md has every crash point):
 *   1. on the hub: BEGIN; hub.mark(proposal, badge);
 *      PREPARE TRANSACTION 'as-kNNN-<random>'   the mark is durable on
 *      the hub, holds the badge against every other kiosk, and is not
 *      yet visible;
 *   2. here: one SQLite transaction writes the ballot, the local voted
 *      flag and the transaction's name in the pending cell
 *      (store_sqlite_cast_pending): the decision to commit;
 *   3. on the hub: COMMIT PREPARED;
 *   4. here: the pending cell is zeroed.
 * Recovery (at start and after every reconnect, before any cast): first
 * this kiosk's older sessions still inside a transaction are ended (a
 * connection given up on may yet run the PREPARE it was sent, after
 * recovery looked: hub.end_old_sessions); then each transaction the hub
 * holds prepared under this kiosk's prefix is committed if it is the one
 * in the pending cell and rolled back otherwise; then the cell is
 * zeroed.  A cast refuses to start until
 * recovery has finished, because the cell holds one name. */
#include <string.h>
#include "hub_internal.h"

/* Runs a statement naming gid (which is ours: [a-z0-9-] only). */
static as_status gid_stmt(hubstore *s, const char *verb, const char *gid,
                          as_err *err)
{
    char sql[96];
    snprintf(sql, sizeof sql, "%s '%s'", verb, gid);
    return hub_exec(s->hub, sql, err);
}

as_status hub_recover(hubstore *s, as_err *err)
{
    char prefix[16], pattern[24], local[STORE_PENDING_SIZE + 1];
    const char *vals[1];
    PGresult *r = NULL;
    as_status st;
    int64_t old = 0;
    int has = 0;

    s->recovered = 0;
    if ((st = hub_call_int(s->hub, "SELECT hub.end_old_sessions()", 0, NULL,
                           NULL, NULL, &old, err)) != AS_OK)
        return st;
    if (old != 0)
        return as_err_set(err, AS_EIO, "%s is still finishing an earlier "
                          "connection of this kiosk; voting here is paused and "
                          "the kiosk tries again by itself", s->hub->where);
    if ((st = store_sqlite_pending(s->local, local, &has, err)) != AS_OK)
        return st;
    hub_gid_prefix(s->kiosk, prefix);
    snprintf(pattern, sizeof pattern, "%s%%", prefix);
    vals[0] = pattern;
    if ((st = hub_call(s->hub, "SELECT gid FROM pg_prepared_xacts WHERE gid "
                       "LIKE $1 AND database = current_database()", 1, vals,
                       NULL, NULL, &r, err)) != AS_OK)
        return st;
    for (int i = 0; i < PQntuples(r) && st == AS_OK; i++) {
        const char *g = PQgetvalue(r, i, 0);
        if (strlen(g) != STORE_PENDING_SIZE || strspn(g, "abcdefghijklmnopqrstuvwxyz0123456789-") != STORE_PENDING_SIZE)
            continue; /* not one of ours */
        st = gid_stmt(s, has && !strcmp(g, local) ? "COMMIT PREPARED"
                                                  : "ROLLBACK PREPARED", g, err);
    }
    PQclear(r);
    /* Not prepared any more and named here: it was committed (only this
     * kiosk rolls its transactions back, and never the one named here). */
    if (st == AS_OK && has)
        st = store_sqlite_clear_pending(s->local, err);
    if (st == AS_OK)
        s->recovered = 1;
    return st;
}

/* Step 1: the mark, prepared.  *refused gets hub.mark's refusal (1 not
 * open, 2 voted already) with nothing left on the hub. */
static as_status prepare_mark(hubstore *s, const char *proposal,
                              const uint8_t badge[TOKEN_HASH_SIZE],
                              const char *gid, int64_t *refused, as_err *err)
{
    const char *vals[2] = {proposal, (const char *)badge};
    int lens[2] = {0, TOKEN_HASH_SIZE}, fmts[2] = {0, 1};
    as_status st;

    *refused = 0;
    if ((st = hub_exec(s->hub, "BEGIN", err)) != AS_OK)
        return st;
    if ((st = hub_call_int(s->hub, "SELECT hub.mark($1, $2)", 2, vals, lens,
                           fmts, refused, err)) != AS_OK)
        goto fail;
    if (*refused != 0) {
        st = hub_exec(s->hub, "ROLLBACK", err);
        return st;
    }
    return gid_stmt(s, "PREPARE TRANSACTION", gid, err);
fail:
    if (!s->hub->broken)
        hub_exec(s->hub, "ROLLBACK", NULL);
    return st;
}

as_status hub_cast_text(store *b, const char *proposal,
                        const uint8_t badge[TOKEN_HASH_SIZE], const char *choice,
                        as_err *err)
{
    hubstore *s = hs_of(b);
    char gid[STORE_PENDING_SIZE + 1], now[STORE_PENDING_SIZE + 1];
    int64_t refused = 0;
    as_status st;
    int state = 0, has = 0;

    if (!proposal || !badge || !choice)
        return as_err_set(err, AS_EINVAL, "store_cast_text: missing argument");
    if ((s->hub->broken || !s->recovered) && (st = hub_recover(s, err)) != AS_OK)
        return st;
    if ((st = hub_sync_proposal(s, proposal, &state, err)) != AS_OK)
        return st;
    if (state != 1)
        return as_err_set(err, AS_ESTATE, "proposal %s is not open for voting",
                          proposal);
    hub_gid_new(s->kiosk, gid);
    if ((st = prepare_mark(s, proposal, badge, gid, &refused, err)) != AS_OK) {
        s->recovered = 0; /* the prepare may have happened: recover first */
        return st;
    }
    if (refused == 1)
        return as_err_set(err, AS_ESTATE, "proposal %s is not open for voting",
                          proposal);
    if (refused == 2)
        return as_err_set(err, AS_ESTATE, "this badge has already voted on "
                          "proposal %s", proposal);
    if (refused != 0)
        return as_err_set(err, AS_EINVAL, "the hub does not know this kiosk; "
                          "join it to the hub again");
    /* Step 2: the decision, here. */
    if ((st = store_sqlite_cast_pending(s->local, proposal, badge, choice, gid,
                                        err)) != AS_OK) {
        /* SQLite may report an error after its commit point: the cell
         * then says so, and the vote stands. */
        if (store_sqlite_pending(s->local, now, &has, NULL) != AS_OK ||
            !has || strcmp(now, gid)) {
            if (gid_stmt(s, "ROLLBACK PREPARED", gid, NULL) != AS_OK)
                s->recovered = 0;
            return st;
        }
    }
    /* Step 3.  If the hub is lost now the vote still counts: the mark is
     * prepared there and the decision is on this disk; recovery commits
     * it before this kiosk takes another vote. */
    if (gid_stmt(s, "COMMIT PREPARED", gid, NULL) != AS_OK ||
        store_sqlite_clear_pending(s->local, NULL) != AS_OK)
        s->recovered = 0;
    return AS_OK;
}
