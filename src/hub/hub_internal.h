/* hub_internal.h: what src/hub's files share.  Nothing outside src/hub
 * includes this or libpq-fe.h: every PostgreSQL statement lives here, as
 * every SQLite statement lives in src/store. */
#ifndef AS_HUB_INTERNAL_H
#define AS_HUB_INTERNAL_H

#include <stdint.h>
#include <libpq-fe.h>
#include "hub_store.h"
#include "store_sqlite.h"

/* How long one call to the hub may take before the kiosk gives up on the
 * connection and says it is paused (the issue: within 2 s). */
#define HUB_CALL_MS 1500

/* How long a facilitator's close waits for the other kiosks' lists
 * before it says which kiosks it is waiting for (they hand them in on
 * their next tick, about a second). */
#define HUB_CLOSE_WAIT_MS 3000

/* One connection to the hub.  `where` names it in messages without the
 * password ("the hub at 10.0.0.1:5432"). */
typedef struct hub_conn {
    PGconn *pg;
    char *conninfo;
    char where[160];
    int broken; /* the last call lost the connection: reconnect first */
    int timeout_ms; /* per call; HUB_CALL_MS unless a caller widens it */
} hub_conn;

/* hub_conn_open: connects (connect_timeout 2 s).  AS_EIO with the
 * server's or libpq's reason and what to do when it cannot; AS_ENOMEM.
 * On AS_OK the caller owns *out (hub_conn_free). */
as_status hub_conn_open(const char *conninfo, hub_conn **out, as_err *err);
void hub_conn_free(hub_conn *c);

/* hub_call: runs sql with nparams parameters, each text (fmt 0) or
 * binary (fmt 1, with its length), waiting at most HUB_CALL_MS.  On AS_OK
 * *res (may be NULL when no rows are wanted) holds the result, which the
 * caller PQclears.  A lost or silent connection is closed, marked broken
 * (the next call reconnects first) and answered AS_EIO "the hub cannot
 * be reached"; an error the server reports is AS_EIO with its message
 * (never the parameters: they may be badge hashes). */
as_status hub_call(hub_conn *c, const char *sql, int nparams,
                   const char *const *vals, const int *lens, const int *fmts,
                   PGresult **res, as_err *err);

/* hub_call_int: hub_call for a statement returning one row with one
 * integer (or boolean: 1/0) column into *v.  AS_ECORRUPT for another
 * shape. */
as_status hub_call_int(hub_conn *c, const char *sql, int nparams,
                       const char *const *vals, const int *lens,
                       const int *fmts, int64_t *v, as_err *err);

/* hub_exec: hub_call for a statement with no parameters whose rows are
 * not wanted. */
as_status hub_exec(hub_conn *c, const char *sql, as_err *err);

/* hub_gid_new: a fresh prepared-transaction name for kiosk id:
 * "as-k<3 digits>-" then random hex, exactly STORE_PENDING_SIZE bytes. */
void hub_gid_new(int kiosk, char gid[STORE_PENDING_SIZE + 1]);

/* hub_gid_prefix: "as-k<3 digits>-", the part a kiosk's names share. */
void hub_gid_prefix(int kiosk, char out[16]);

/* The kiosk's store on a hub (hub_store.c). */
typedef struct hubstore {
    store base;         /* base.ops == &hub_store_ops */
    store *local;       /* the SQLite store in the data folder: ballots */
    hub_conn *hub;
    int kiosk;          /* this kiosk's id on the hub */
    uint8_t key[32];    /* the meeting's token key, from the hub */
    uint8_t sign_pk[32], sign_sk[64]; /* the kiosk's list-signing key */
    int recovered;      /* recovery ran since the last reconnect */
} hubstore;

extern const store_ops hub_store_ops;

static inline hubstore *hs_of(store *b) { return (hubstore *)b; }

/* hubop_kiosks (hub_kiosks.c): the store's kiosks operation. */
as_status hubop_kiosks(store *b, const char *proposal, store_kiosk *rows,
                           int cap, int *n, as_err *err);

/* hub_recover (hub_cast.c): resolves every prepared transaction of this
 * kiosk against the local pending cell (docs/several-kiosks.md): commit
 * when the local store holds the ballot, roll back otherwise, then
 * clears the cell.  AS_EIO when the hub cannot be reached. */
as_status hub_recover(hubstore *s, as_err *err);

/* hub_cast_text (hub_cast.c): the store's cast_text: mark prepared on the
 * hub, ballot and pending cell committed here, COMMIT PREPARED, cell
 * cleared. */
as_status hub_cast_text(store *b, const char *proposal,
                        const uint8_t badge[TOKEN_HASH_SIZE], const char *choice,
                        as_err *err);

/* hub_sync_proposal (hub_close.c): brings the local store's state of
 * proposal up to the hub's: opens it locally when the hub has it open,
 * and when the hub is closing it closes it locally and delivers this
 * kiosk's signed ballot list.  *hub_state gets the hub's state (0 draft,
 * 1 open, 2 closing, 3 closed). */
as_status hub_sync_proposal(hubstore *s, const char *proposal, int *hub_state,
                            as_err *err);

/* hub_close (hub_close.c): the facilitator's close: stops new marks,
 * delivers this kiosk's list, waits (up to wait_ms) for every kiosk
 * holding marks to deliver, merges and records the closed event.
 * AS_ESTATE naming the kiosks still awaited when they do not deliver in
 * time (the proposal stays closing; calling again goes on). */
as_status hub_close(hubstore *s, const char *proposal, int wait_ms,
                    as_err *err);

#endif
