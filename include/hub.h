/* hub.h: the hub, the PostgreSQL side of a meeting served by several kiosks
 * (issue 11).  One machine in the room runs Debian's PostgreSQL 15; kiosks
 * and check-in desks reach it with libpq and keep there the meeting's state,
 * the check-ins and the "this badge has voted on this proposal" marks, never
 * a ballot while a proposal is open.  How a room is set up, the casting
 * protocol and what each crash leaves are in docs/several-kiosks.md. */
#ifndef AS_HUB_H
#define AS_HUB_H

#include <stdint.h>
#include "status.h"

/* ------------------------------------------------------------------------
 * The cluster (hub_cluster.c): makes, starts and stops the PostgreSQL
 * cluster of a hub data directory DIR:
 *   DIR/pg          the cluster (initdb's data directory; its settings in
 *                   DIR/pg/conf.d/asamblea.conf, its log in
 *                   DIR/pg/log/server.log)
 *   DIR/run         the server's unix socket (0700: only the hub's own OS
 *                   user reaches it, and trusts it without a password)
 *   DIR/tls         the certificates (hub_tls_create), when it listens on
 *                   an address
 *   DIR/initdb.log  initdb's output; DIR/pg_ctl.log pg_ctl's;
 *                   DIR/openssl.log openssl's.
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
 * port, over TLS only (hub_tls_create's certificates in DIR/tls, ssl=on,
 * TLS 1.2 at least, pg_hba "hostssl" lines: a plain TCP connection is
 * refused), where kiosk and pairing roles log in with a SCRAM password.  fsync, synchronous_commit and full_page_writes on; two-phase
 * commit enabled (max_prepared_transactions=64); wal_level=replica; no
 * statement text, parameter or error detail in the log (a ballot or badge
 * hash must never be logged).  The server is started once to create the
 * database and stopped again: DIR is left stopped.
 * Fails, with err naming DIR and what to do: AS_EINVAL (bad listen_addr or
 * port, or DIR too long for a unix socket path), AS_ENOENT (no PostgreSQL
 * binaries, or no user $ASAMBLEA_PG_USER), AS_ESTATE (DIR/pg already
 * exists), AS_EIO (initdb or openssl failed: see DIR/initdb.log or
 * DIR/openssl.log; the server did not
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

/* ------------------------------------------------------------------------
 * TLS (hub_tls.c): the hub's own small certificate authority, made by the
 * openssl program (run with an argv array, never a shell), and the
 * SHA-256 fingerprints kiosks pin (libsodium's, over the DER bytes).
 * ------------------------------------------------------------------------ */

/* hub_tls_create: makes DIR/tls (0700, DIR must exist) holding
 *   ca.pem      the CA's certificate (what kiosks pin: sslrootcert)
 *   server.key  the server's P-256 key (0600)
 *   server.pem  the server's certificate (CN and subjectAltName IP =
 *               listen_addr, plus IP 127.0.0.1 and DNS localhost), then
 *               the CA's: the chain the server sends
 * both valid from 2020 to 2099 (a kiosk without a battery clock may lag).
 * The CA's private key is deleted once it has signed: nothing else can
 * ever chain to this CA.  hub_cluster_create calls it (with the files
 * given to the cluster's user); tests call it for a second, foreign CA.
 * Fails: AS_EINVAL (listen_addr not IPv4), AS_ESTATE (DIR/tls exists),
 * AS_ENOENT (no openssl on PATH: install Debian's package openssl),
 * AS_EIO (openssl failed: see DIR/openssl.log), or a file's status. */
as_status hub_tls_create(const char *dir, const char *listen_addr, as_err *err);

/* hub_tls_fingerprint: the SHA-256 of the DER bytes of the first
 * certificate in the PEM file pem_path (e.g. DIR/tls/ca.pem).  AS_ENOENT
 * and the like when it cannot be read, AS_ECORRUPT when it holds no
 * certificate; err names the file. */
as_status hub_tls_fingerprint(const char *pem_path, uint8_t sha[32], as_err *err);

/* hub_login_load: a kiosk's login file (hub add-kiosk -o FILE, or the
 * data folder's hub.conninfo a --join wrote; at most 4 KB, no symbolic
 * link) as a libpq conninfo in *conninfo (malloc'd; secret: the caller
 * wipes and frees it).  sslmode defaults to verify-full, sslrootcert to
 * hub-ca.pem, and a relative sslrootcert is taken beside FILE (the two
 * files travel together to the kiosk).  AS_EINVAL when the file is not a
 * connection string or turns TLS off (sslmode other than verify-full),
 * AS_ENOENT/... when it cannot be read; err names FILE and what to do. */
as_status hub_login_load(const char *path, char **conninfo, as_err *err);

/* The name of the login file and CA file a kiosk keeps in its data folder
 * after --join (found there by itself on later starts). */
#define HUB_LOGIN_FILE "hub.conninfo"
#define HUB_CA_FILE "hub-ca.pem"

/* ------------------------------------------------------------------------
 * Pairing (hub_pair.c): a kiosk joins a hub by one code, shown by the hub
 * as text and as a QR code:
 *   ASAMBLEA-HUB:1:<IPv4>:<port>:<CA SHA-256, 64 hex>:<secret, 48 hex>
 * (uppercase hex, so the whole code is QR alphanumeric mode).  The secret
 * is the login of a one-time pairing role: its first 16 hex digits name
 * the role (pair_<16 hex, lowercase>), the other 32 are its password.
 * That role may only EXECUTE hub.pair, expires after HUB_PAIR_MINUTES,
 * may hold one connection, and can no longer log in once it has paired.
 * ------------------------------------------------------------------------ */

#define HUB_PAIR_PREFIX "ASAMBLEA-HUB:1:"
#define HUB_PAIR_CODE_MAX 160
#define HUB_PAIR_MINUTES 15

typedef struct hub_pair_code {
    char host[16];      /* dotted IPv4 */
    int port;
    uint8_t ca_sha256[32];
    char role[24];      /* pair_<16 hex> */
    char password[33];  /* 32 hex */
} hub_pair_code;

/* hub_pair_parse: code (surrounding spaces and a final newline, as a
 * scanner types it, are allowed; hex in either case) into *out.
 * AS_EINVAL with err saying which part is wrong and to scan the code
 * again or make a new one (asamblea hub pair). */
as_status hub_pair_parse(const char *code, hub_pair_code *out, as_err *err);

/* hub_pair_new: as the hub's owner (owner_conninfo, the unix socket),
 * makes a one-time pairing role for one kiosk and writes its code into
 * code.  host: the address kiosks reach the hub at (NULL: the server's own
 * listen_addresses); port: the server's port; ca_pem: DIR/tls/ca.pem.
 * number (0: the kiosk gets the lowest free one) and name (NULL: the name
 * the kiosk gives, else "Kiosk N") are what the kiosk is registered as.
 * Pairing roles used or expired are dropped first.  Fails: AS_EINVAL (no
 * network address, a bad number or name), AS_ESTATE (number taken),
 * AS_EIO (the hub refused), or hub_tls_fingerprint's. */
as_status hub_pair_new(const char *owner_conninfo, const char *host, int port,
                       const char *ca_pem, int number, const char *name,
                       char code[HUB_PAIR_CODE_MAX], as_err *err);

/* hub_pair_join: a kiosk joins the hub code names, into its data folder
 * data_dir (made 0700 if missing).  First, without sending anything
 * secret, it fetches the server's certificate chain (openssl s_client
 * -starttls postgres, at most 15 s) and keeps the certificate whose
 * SHA-256 is the code's as data_dir/hub-ca.pem; then, over TLS verified
 * against that file alone (sslmode=verify-full), it logs in as the
 * pairing role, writes data_dir/hub.conninfo (0600: host, port, its own
 * role kiosk_N and a fresh random password, sslmode=verify-full,
 * sslrootcert=hub-ca.pem) and calls hub.pair, which makes that role.
 * name: how the hub lists this kiosk (1-60 characters; NULL: "Kiosk N").
 * *number gets the kiosk's number.  Fails, nothing left behind but
 * hub-ca.pem: AS_EINVAL (malformed code), AS_ESTATE (data_dir has joined a
 * hub already), AS_EMISMATCH ("this is not the hub the code was made
 * for": no certificate with the code's fingerprint came back), AS_EIO
 * (the hub cannot be reached, or refused the code: used, expired), or a
 * file's status. */
as_status hub_pair_join(const char *data_dir, const char *code, const char *name,
                        int *number, as_err *err);

#endif
