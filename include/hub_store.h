/* hub_store.h: a meeting served by several kiosks through one hub
 * (issue 11, docs/several-kiosks.md).  The hub is a PostgreSQL 15
 * database on the facilitator's station; it holds the meeting, each
 * proposal's state, check-ins and the "this badge voted on this proposal"
 * marks, and never a ballot while its proposal is open.  Ballots stay in
 * the SQLite store of the kiosk where they were cast until the close,
 * when each kiosk hands in its signed list and the hub merges them.
 *
 * A kiosk on a hub uses the store interface (store.h) like any other
 * kiosk: hub_store_open returns a store whose operations go to the hub
 * (people, proposals, marks, the event log) or to the local SQLite store
 * (ballots), and whose cast is exactly-once across both through
 * PostgreSQL's two-phase commit.  Nothing here logs a badge hash, a
 * choice, a ballot id or a transaction name. */
#ifndef AS_HUB_STORE_H
#define AS_HUB_STORE_H

#include <stdint.h>
#include "store.h"

/* hub_install: makes the hub's schema, functions and kiosk group role in
 * the database owner_conninfo reaches (as its owner), for the meeting
 * whose file hashes to meeting_sha256, with a fresh random token key and
 * the event log's first line ("meeting <sha256 hex>").  AS_ESTATE when
 * the database already holds a hub (for this meeting or another: err
 * says which, and to use a new data folder); AS_EIO when the hub cannot
 * be reached or refuses. */
as_status hub_install(const char *owner_conninfo,
                      const uint8_t meeting_sha256[32], as_err *err);

/* hub_add_kiosk: registers kiosk number id (1..999) named name ("Kiosk
 * by the door") with its own login role and a fresh random password, and
 * writes into *conninfo (malloc'd; the caller frees it, and keeps it
 * secret: it holds the password) what that kiosk passes to
 * hub_store_open.  host/port: how kiosks reach the hub (host NULL: the
 * owner's own host and port, e.g. a socket folder in tests).  AS_ESTATE
 * when the number is taken; AS_EINVAL for a bad id or name. */
as_status hub_add_kiosk(const char *owner_conninfo, int id, const char *name,
                        const char *host, int port, char **conninfo,
                        as_err *err);

/* hub_store_open: the store of a kiosk on a hub: the local SQLite store
 * in data_dir (created if needed, as store_open) for its ballots, and the
 * hub conninfo reaches, which must hold this meeting (AS_EMISMATCH
 * otherwise) and know this login as a kiosk (AS_EINVAL otherwise).
 * sign_pk/sign_sk: the kiosk's Ed25519 key (export_device_key), which
 * signs the ballot lists it hands in; registered with the hub on first
 * use, and refused (AS_EMISMATCH) if the hub knows another key for this
 * kiosk.  Before returning it recovers: every two-phase transaction this
 * kiosk left prepared is committed or rolled back against the local
 * record (docs/several-kiosks.md).  AS_EIO when the hub cannot be
 * reached (nothing is opened).  On AS_OK the caller owns *out
 * (store_free). */
as_status hub_store_open(const char *data_dir, const char *conninfo,
                         const uint8_t meeting_sha256[32],
                         const uint8_t sign_pk[32], const uint8_t sign_sk[64],
                         store **out, as_err *err);

/* hub_store_kiosk: the kiosk's number on its hub, or 0 when s is not a
 * hub store. */
int hub_store_kiosk(const store *s);

/* hub_store_local: the kiosk's own SQLite store inside a hub store (its
 * ballots; store_lock_voting goes there), or NULL when s is not one. */
store *hub_store_local(store *s);

/* hub_store_paused: 1 when the last call to the hub failed to reach it
 * (the kiosk says "paused, reconnecting" and takes no vote), 0 when it
 * is connected or s is not a hub store.  hub_store_reconnect tries once
 * (about 2 s at most) and, once connected, runs recovery; AS_OK when the
 * kiosk can take votes again. */
int hub_store_paused(const store *s);
as_status hub_store_reconnect(store *s, as_err *err);

/* hub_store_tick: what a kiosk on a hub does about once a second while
 * it runs (the app's loop calls it; desks and tools need not): after a
 * lost connection it reconnects and recovers, and for each proposal in
 * ids[0..n) the hub is closing it hands in this kiosk's ballot list.
 * Returns AS_OK when connected, else the reason (the kiosk then shows
 * "paused"). */
as_status hub_store_tick(store *s, const char *const *ids, int n, as_err *err);

#endif
