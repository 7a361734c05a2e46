/* hub_pair_join.c: a kiosk joins a hub by its pairing code (hub.h).
 *
 * The order is the point.  The code pins the hub's CA by its SHA-256, so
 * the kiosk first asks the server for its certificate chain, sending
 * nothing secret (openssl s_client; a laptop posing as the hub learns
 * nothing), and goes on only when one certificate in the chain is the
 * pinned one.  It then logs in with the code's one-time secret over TLS
 * checked against that certificate alone (verify-full: the server must
 * prove it holds the key of a certificate the CA signed for this
 * address), and writes its login file before the pairing commits, so a
 * registered kiosk always has its password on disk. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libpq-fe.h>
#include <sodium.h>
#include "file_read.h"
#include "file_write.h"
#include "hub.h"
#include "hub_tls.h"

/* How long fetching the chain may take before the hub counts as
 * unreachable (s_client has no connect timeout of its own). */
#define FETCH_SECONDS "15"

/* fetch_chain: the server's certificates as s_client printed them (with
 * its other output), malloc'd into *out. */
static as_status fetch_chain(const char *dir, const hub_pair_code *pc, char **out,
                             as_err *err)
{
    char tmp[PATH_MAX + 32], target[40], bindir[PATH_MAX];
    char *argv[] = {"timeout", FETCH_SECONDS, "openssl", "s_client", "-starttls",
                    "postgres", "-connect", target, "-showcerts", NULL};
    hub_runas me = {0, 0, 0};
    size_t len = 0;
    as_status st;
    int fd, rc;

    *out = NULL;
    if (hub_tls_tool("openssl", bindir, sizeof bindir) != 0 ||
        hub_tls_tool("timeout", bindir, sizeof bindir) != 0)
        return as_err_set(err, AS_ENOENT, "the programs openssl and timeout are needed "
                          "to pair; install Debian's packages openssl and coreutils");
    snprintf(target, sizeof target, "%s:%d", pc->host, pc->port);
    snprintf(tmp, sizeof tmp, "%s/.hub-chain-XXXXXX", dir);
    if ((fd = mkstemp(tmp)) < 0)
        return file_write_error(err, errno, "create a file in the data folder", dir);
    close(fd);
    rc = hub_cluster_run(&me, dir, tmp, bindir, "timeout", argv);
    if (rc < 0)
        st = as_err_set(err, AS_EIO, "cannot run %s/timeout (%s)", bindir,
                        strerror(errno));
    else
        st = file_read_regular(tmp, FILE_NOFOLLOW, 1 << 20, "certificate chain", out,
                               &len, err);
    unlink(tmp);
    return st;
}

/* pin: the certificate of text whose SHA-256 is the code's, written to
 * dir/hub-ca.pem.  AS_EIO when no certificate came back at all (nothing
 * answered), AS_EMISMATCH when none is the pinned one. */
static as_status pin(const char *dir, const hub_pair_code *pc, const char *text,
                     as_err *err)
{
    char path[PATH_MAX + 32], *pem;
    size_t pos = 0, s, n;
    uint8_t sha[32];
    int seen = 0;
    file_write_opts wo = {0644, 0};
    as_status st;

    while (hub_tls_next_cert(text, &pos, &s, &n, sha)) {
        seen++;
        if (sodium_memcmp(sha, pc->ca_sha256, 32) != 0)
            continue;
        if (!(pem = malloc(n + 1)))
            return as_err_set(err, AS_ENOMEM, "out of memory");
        memcpy(pem, text + s, n);
        pem[n] = '\n';
        snprintf(path, sizeof path, "%s/" HUB_CA_FILE, dir);
        st = file_write_atomic(path, pem, n + 1, &wo, err);
        free(pem);
        return st;
    }
    if (!seen)
        return as_err_set(err, AS_EIO, "no hub answered at %s:%d (no certificate came "
                          "back); check that this kiosk is on the hub's network and the "
                          "hub is running, then scan the code again", pc->host, pc->port);
    return as_err_set(err, AS_EMISMATCH, "the server at %s:%d is not the hub the code was "
                      "made for (its certificate is not the one the code names); nothing "
                      "was sent to it.  Check the network: another machine may be posing "
                      "as the hub", pc->host, pc->port);
}

/* login_text: the kiosk's login file: its own role and password, TLS
 * pinned to hub-ca.pem beside it. */
static void login_text(char *out, size_t n, const hub_pair_code *pc, int number,
                       const char *pw)
{
    snprintf(out, n, "host=%s port=%d dbname=asamblea user=kiosk_%d password=%s "
             "sslmode=verify-full sslrootcert=" HUB_CA_FILE "\n", pc->host, pc->port,
             number, pw);
}

/* exec1: one statement on conn, its single value (if any) into v. */
static int exec1(PGconn *conn, const char *sql, int nparams, const char *const *vals,
                 char *v, size_t n)
{
    PGresult *r = PQexecParams(conn, sql, nparams, NULL, vals, NULL, NULL, 0);
    ExecStatusType t = PQresultStatus(r);
    int ok = t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK;

    if (ok && v)
        snprintf(v, n, "%s", PQntuples(r) == 1 ? PQgetvalue(r, 0, 0) : "");
    PQclear(r);
    return ok;
}

/* refused: the message for a server that would not let the code in, or
 * failed mid-way. */
static as_status refused(PGconn *conn, const hub_pair_code *pc, as_err *err)
{
    char why[200];

    snprintf(why, sizeof why, "%s", PQerrorMessage(conn));
    why[strcspn(why, "\n")] = '\0';
    return as_err_set(err, AS_EIO, "the hub at %s:%d refused this pairing code (%s); a "
                      "code works once and for %d minutes: make a new one on the hub "
                      "(asamblea hub pair --data DIR) and scan it", pc->host, pc->port,
                      why, HUB_PAIR_MINUTES);
}

/* pair: logs in as the pairing role, calls hub.pair with a fresh password
 * and, before committing, writes the login file. */
static as_status pair(const char *dir, const hub_pair_code *pc, const char *name,
                      int *number, as_err *err)
{
    char ca[PATH_MAX + 32], qca[2 * PATH_MAX + 80], info[3 * PATH_MAX], got[32];
    char login[512], path[PATH_MAX + 32], pwhex[65];
    uint8_t pw[32];
    file_write_opts wo = {0600, FILE_WRITE_NO_REPLACE};
    PGconn *conn;
    as_status st = AS_OK;
    int k = 0;

    snprintf(ca, sizeof ca, "%s/" HUB_CA_FILE, dir);
    hub_conninfo_value(qca, sizeof qca, ca);
    snprintf(info, sizeof info, "host=%s port=%d dbname=asamblea user=%s password=%s "
             "sslmode=verify-full sslrootcert=%s connect_timeout=10 "
             "application_name=asamblea-pair options='-c statement_timeout=20000'",
             pc->host, pc->port, pc->role, pc->password, qca);
    conn = PQconnectdb(info);
    sodium_memzero(info, sizeof info);
    if (!conn)
        return as_err_set(err, AS_ENOMEM, "out of memory");
    if (PQstatus(conn) != CONNECTION_OK) {
        st = refused(conn, pc, err);
        goto done;
    }
    randombytes_buf(pw, sizeof pw);
    sodium_bin2hex(pwhex, sizeof pwhex, pw, sizeof pw);
    {
        const char *vals[2] = {name ? name : "", pwhex};
        if (!exec1(conn, "BEGIN", 0, NULL, NULL, 0) ||
            !exec1(conn, "SELECT hub.pair($1, $2)", 2, vals, got, sizeof got)) {
            st = refused(conn, pc, err);
            goto done;
        }
    }
    k = atoi(got);
    if (k < 1 || k > 999) {
        st = as_err_set(err, k == 0 ? AS_EIO : AS_ESTATE, "the hub at %s:%d %s; make a "
                        "new code on the hub (asamblea hub pair --data DIR)", pc->host,
                        pc->port, k == 0 ? "says this pairing code was used already or "
                        "has expired" : "has no free kiosk number for this code (the "
                        "number it names is taken)");
        goto done;
    }
    login_text(login, sizeof login, pc, k, pwhex);
    snprintf(path, sizeof path, "%s/" HUB_LOGIN_FILE, dir);
    if ((st = file_write_atomic(path, login, strlen(login), &wo, err)) != AS_OK)
        goto done;
    if (!exec1(conn, "COMMIT", 0, NULL, NULL, 0)) {
        unlink(path);
        st = refused(conn, pc, err);
        goto done;
    }
    *number = k;
done:
    sodium_memzero(pw, sizeof pw);
    sodium_memzero(pwhex, sizeof pwhex);
    sodium_memzero(login, sizeof login);
    PQfinish(conn);
    return st;
}

as_status hub_pair_join(const char *data_dir, const char *code, const char *name,
                        int *number, as_err *err)
{
    hub_pair_code pc;
    char path[PATH_MAX + 32], *chain = NULL;
    struct stat sb;
    as_status st;

    *number = 0;
    if ((st = hub_pair_parse(code, &pc, err)) != AS_OK)
        return st;
    if (!data_dir || !*data_dir || strlen(data_dir) > PATH_MAX - 40)
        return as_err_set(err, AS_EINVAL, "no usable data folder given for the kiosk");
    if (file_mkdirs(data_dir) != 0)
        return file_write_error(err, errno, "create the data folder", data_dir);
    snprintf(path, sizeof path, "%s/" HUB_LOGIN_FILE, data_dir);
    if (lstat(path, &sb) == 0) {
        st = as_err_set(err, AS_ESTATE, "%s: this kiosk has joined a hub already; start "
                        "it without --join, or give a new data folder to join again",
                        path);
        goto done;
    }
    if ((st = fetch_chain(data_dir, &pc, &chain, err)) != AS_OK ||
        (st = pin(data_dir, &pc, chain, err)) != AS_OK)
        goto done;
    st = pair(data_dir, &pc, name, number, err);
done:
    free(chain);
    sodium_memzero(&pc, sizeof pc);
    return st;
}
