/* hub.h: the hub, the PostgreSQL side of a meeting served by several kiosks
 * (issue 11).  One machine in the room runs Debian's PostgreSQL 15; kiosks
 * and check-in desks reach it with libpq and keep there the meeting's state,
 * the check-ins and the "this badge has voted on this proposal" marks, never
 * a ballot while a proposal is open.  How a room is set up, the casting
 * protocol and what each crash leaves are in docs/several-kiosks.md. */
#ifndef AS_HUB_H
#define AS_HUB_H

#include "status.h"

/* ------------------------------------------------------------------------
 * The cluster (hub_cluster.c): makes, starts and stops the PostgreSQL
 * cluster of a hub data directory DIR:
 *   DIR/pg          the cluster (initdb's data directory; its settings in
 *                   DIR/pg/conf.d/asamblea.conf, its log in
 *                   DIR/pg/log/server.log)
 *   DIR/run         the server's unix socket (0700: only the hub's own OS
 *                   user reaches it, and trusts it without a password)
 *   DIR/initdb.log  initdb's output; DIR/pg_ctl.log pg_ctl's.
 * Run as root (CI runs the tests as root, and initdb refuses root), the
 * cluster belongs to and runs as an unprivileged user: "nobody", or the
 * one $ASAMBLEA_PG_USER names (create); start and stop run the tools as
 * whoever owns DIR/pg.  The programs run with an argv array, never a shell.
 * Not thread-safe (hub_cluster_bindir uses a static buffer).
 * ------------------------------------------------------------------------ */

typedef struct hub_cluster hub_cluster;

/* hub_cluster_bindir: the folder holding PostgreSQL's initdb, pg_ctl and
 * postgres (and pg_waldump), or NULL when none is found.  Looks in
 * $ASAMBLEA_PG_BINDIR when it is set (and only there: a wrong value is an
 * error, not a fallback), else /usr/lib/postgresql/15/bin (Debian 12, not
 * on PATH), else each folder of $PATH.  The string stays valid until the
 * next call. */
const char *hub_cluster_bindir(void);

/* hub_cluster_create: a new cluster in DIR/pg, its database "asamblea"
 * owned by the superuser "asamblea".  DIR is created (0700) if missing.
 * The server listens on the unix socket in DIR/run and, when listen_addr
 * is an IPv4 address (not "" or NULL: sockets only), on that address and
 * port, where kiosk roles log in with a SCRAM password (TLS comes with the
 * pairing).  fsync, synchronous_commit and full_page_writes on; two-phase
 * commit enabled (max_prepared_transactions=64); wal_level=replica; no
 * statement text, parameter or error detail in the log (a ballot or badge
 * hash must never be logged).  The server is started once to create the
 * database and stopped again: DIR is left stopped.
 * Fails, with err naming DIR and what to do: AS_EINVAL (bad listen_addr or
 * port, or DIR too long for a unix socket path), AS_ENOENT (no PostgreSQL
 * binaries, or no user $ASAMBLEA_PG_USER), AS_ESTATE (DIR/pg already
 * exists), AS_EIO (initdb failed: see DIR/initdb.log; the server did not
 * start or the database could not be made: see the log named), or the
 * status of a failed mkdir/write.  After a failure DIR may hold a partial
 * cluster: remove DIR before trying again. */
as_status hub_cluster_create(const char *dir, const char *listen_addr, int port,
                             as_err *err);

/* hub_cluster_start: starts the cluster of DIR (pg_ctl start -w, waiting up
 * to 60 s until it accepts connections) and gives a handle to it in *out
 * (free with hub_cluster_stop or hub_cluster_free).  A server killed
 * (SIGKILL) before is started anew: lock files left by a dead postmaster
 * are removed (even when it lingers as a zombie nobody reaps), and start
 * waits up to 15 s for that postmaster's children to let go of its shared
 * memory; PostgreSQL then recovers from its WAL.  Fails: AS_ENOENT (no
 * binaries, or DIR/pg holds no cluster), AS_ESTATE (a server is already
 * running there, or DIR/pg belongs to another user), AS_EIO (the server
 * did not start: err names DIR/pg/log/server.log), AS_ENOMEM. */
as_status hub_cluster_start(const char *dir, hub_cluster **out, as_err *err);

/* hub_cluster_attach: a handle to the server already running in DIR
 * (started by hub init or hub start), without starting anything.
 * AS_ESTATE when none runs there (err says to run hub start). */
as_status hub_cluster_attach(const char *dir, hub_cluster **out, as_err *err);

/* hub_cluster_stop: stops the server (pg_ctl stop -m fast -w: open
 * transactions are rolled back, prepared ones stay) and frees c, also when
 * stopping fails (AS_EIO, err names the log: the server may still run).
 * NULL is allowed (AS_OK). */
as_status hub_cluster_stop(hub_cluster *c, as_err *err);

/* hub_cluster_free: frees c without stopping anything (for a server a test
 * killed, or one left running on purpose).  NULL is allowed. */
void hub_cluster_free(hub_cluster *c);

/* hub_cluster_conninfo: the libpq connection string of the superuser over
 * the unix socket, "host=DIR/run port=P user=asamblea dbname=asamblea"
 * (values quoted as libpq wants when DIR needs it).  Valid while c is. */
const char *hub_cluster_conninfo(const hub_cluster *c);

/* hub_cluster_port: the server's port (TCP and the socket's name). */
int hub_cluster_port(const hub_cluster *c);

/* hub_cluster_pid: the postmaster's process id as it was at start (for the
 * fault tests' SIGKILL and SIGSTOP). */
long hub_cluster_pid(const hub_cluster *c);

/* hub_cluster_dir: DIR as an absolute path (hub_cluster_start resolves
 * the one it was given). */
const char *hub_cluster_dir(const hub_cluster *c);

#endif
