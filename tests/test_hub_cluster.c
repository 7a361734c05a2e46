/* test_hub_cluster.c: the hub's PostgreSQL cluster (hub_cluster.c) against
 * the real initdb, pg_ctl and postgres: the settings the guarantees need,
 * a two-phase commit round trip, a password-less TCP login refused, no
 * statement text or value in the server log, SIGKILL of the postmaster and
 * a restart that keeps committed and prepared transactions, and the
 * errors: a folder that already holds a cluster, missing programs, bad
 * arguments, a second start.  SKIP (77) without PostgreSQL installed. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <libpq-fe.h>
#include "check.h"
#include "hub_util.h"

/* value: the first field of the one-row result of sql, or "(error: ...)"
 * (a static buffer, valid until the next call). */
static const char *value(PGconn *conn, const char *sql)
{
    static char buf[512];
    PGresult *r = PQexec(conn, sql);

    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
        snprintf(buf, sizeof buf, "%s", PQgetvalue(r, 0, 0));
    else
        snprintf(buf, sizeof buf, "(error: %s)", PQerrorMessage(conn));
    PQclear(r);
    return buf;
}

/* run: sql is a command that succeeds (1) or not (0, said on stderr when
 * it was expected to). */
static int run(PGconn *conn, const char *sql, int quiet)
{
    PGresult *r = PQexec(conn, sql);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;

    if (!ok && !quiet)
        fprintf(stderr, "%s: %s", sql, PQerrorMessage(conn));
    PQclear(r);
    return ok;
}

static PGconn *connect_to(const char *info)
{
    PGconn *conn = PQconnectdb(info);

    if (PQstatus(conn) != CONNECTION_OK)
        fprintf(stderr, "connect %s: %s", info, PQerrorMessage(conn));
    return conn;
}

/* file_has: the file path contains needle. */
static int file_has(const char *path, const char *needle)
{
    char buf[1 << 16];
    FILE *f = fopen(path, "r");
    size_t n;

    if (!f)
        return 0;
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return strstr(buf, needle) != NULL;
}

/* gone: waits up to 10 s until process pid has exited (a zombie counts:
 * nobody may reap it here). */
static int gone(long pid)
{
    char path[64], line[128];
    struct timespec pause = {0, 20 * 1000 * 1000};

    for (int i = 0; i < 500; i++) {
        snprintf(path, sizeof path, "/proc/%ld/status", pid);
        FILE *f = fopen(path, "r");
        int zombie = 0;
        if (!f)
            return 1;
        while (fgets(line, sizeof line, f))
            if (strncmp(line, "State:", 6) == 0)
                zombie = strchr(line, 'Z') != NULL;
        fclose(f);
        if (zombie)
            return 1;
        nanosleep(&pause, NULL);
    }
    return 0;
}

/* The settings the guarantees rest on, as the server reports them. */
static void check_settings(PGconn *conn)
{
    CHECK_STR(value(conn, "SHOW fsync"), "on");
    CHECK_STR(value(conn, "SHOW synchronous_commit"), "on");
    CHECK_STR(value(conn, "SHOW full_page_writes"), "on");
    CHECK_STR(value(conn, "SHOW max_prepared_transactions"), "64");
    CHECK_STR(value(conn, "SHOW max_connections"), "64");
    CHECK_STR(value(conn, "SHOW wal_level"), "replica");
    CHECK_STR(value(conn, "SHOW data_checksums"), "on");
    CHECK_STR(value(conn, "SHOW log_statement"), "none");
    CHECK_STR(value(conn, "SHOW log_min_error_statement"), "panic");
    CHECK_STR(value(conn, "SHOW log_error_verbosity"), "terse");
    CHECK_STR(value(conn, "SHOW log_min_messages"), "log");
    CHECK_STR(value(conn, "SHOW log_connections"), "off");
    CHECK_STR(value(conn, "SHOW password_encryption"), "scram-sha-256");
    CHECK_STR(value(conn, "SHOW unix_socket_permissions"), "0700");
    CHECK_STR(value(conn, "SHOW listen_addresses"), "127.0.0.1");
    CHECK_STR(value(conn, "SELECT current_database()"), "asamblea");
    CHECK_STR(value(conn, "SELECT current_user"), "asamblea");
    CHECK_STR(value(conn, "SELECT pg_encoding_to_char(encoding) FROM pg_database "
                          "WHERE datname = 'asamblea'"), "UTF8");
}

/* The folder's layout and owners: DIR and DIR/run 0700, the cluster run by
 * an unprivileged user (nobody, when the test runs as root). */
static void check_layout(const char *dir, long pid)
{
    char path[PATH_MAX + 32];
    struct stat st, pst;

    CHECK(stat(dir, &st) == 0 && (st.st_mode & 0777) == 0700);
    snprintf(path, sizeof path, "%s/run", dir);
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0700);
    snprintf(path, sizeof path, "/proc/%ld", pid);
    CHECK(stat(path, &pst) == 0 && pst.st_uid != 0);
    CHECK_INT(pst.st_uid, st.st_uid);
    snprintf(path, sizeof path, "%s/initdb.log", dir);
    CHECK(access(path, F_OK) == 0);
}

/* PREPARE TRANSACTION / COMMIT PREPARED: the cast's two-phase commit. */
static void check_two_phase(PGconn *conn)
{
    CHECK(run(conn, "CREATE TABLE mark (badge text PRIMARY KEY)", 0));
    CHECK(run(conn, "BEGIN", 0));
    CHECK(run(conn, "INSERT INTO mark VALUES ('b1')", 0));
    CHECK(run(conn, "PREPARE TRANSACTION 'cast-1'", 0));
    CHECK_STR(value(conn, "SELECT count(*) FROM pg_prepared_xacts"), "1");
    CHECK_STR(value(conn, "SELECT count(*) FROM mark"), "0");
    CHECK(run(conn, "COMMIT PREPARED 'cast-1'", 0));
    CHECK_STR(value(conn, "SELECT count(*) FROM pg_prepared_xacts"), "0");
    CHECK_STR(value(conn, "SELECT count(*) FROM mark"), "1");
}

/* Over TCP a login needs a password: none is refused; a role with one gets
 * in (so the refusal is the password's, not a closed port). */
static void check_tcp(int port)
{
    char info[256];
    PGconn *conn;

    snprintf(info, sizeof info, "host=127.0.0.1 port=%d user=asamblea dbname=asamblea "
                                "connect_timeout=10", port);
    conn = PQconnectdb(info);
    CHECK(PQstatus(conn) != CONNECTION_OK);
    CHECK_MSG(strstr(PQerrorMessage(conn), "password") != NULL, "%s",
              PQerrorMessage(conn));
    PQfinish(conn);
    snprintf(info, sizeof info, "host=127.0.0.1 port=%d user=kiosk1 password=wrong "
                                "dbname=asamblea connect_timeout=10", port);
    conn = PQconnectdb(info);
    CHECK(PQstatus(conn) != CONNECTION_OK);
    PQfinish(conn);
    snprintf(info, sizeof info, "host=127.0.0.1 port=%d user=kiosk1 password=k1-secret "
                                "dbname=asamblea connect_timeout=10", port);
    conn = PQconnectdb(info);
    CHECK_MSG(PQstatus(conn) == CONNECTION_OK, "%s", PQerrorMessage(conn));
    PQfinish(conn);
}

/* Failing statements leave neither their text nor the values in them in
 * the server log (a badge hash in a unique violation's DETAIL). */
static void check_log_quiet(PGconn *conn, const char *dir)
{
    char log[PATH_MAX + 32];

    CHECK(!run(conn, "INSERT INTO mark VALUES ('BADGE-HASH-7f3a')", 1) ||
          !run(conn, "INSERT INTO mark VALUES ('BADGE-HASH-7f3a')", 1));
    CHECK(!run(conn, "SELECT 'BALLOT-YES-91'::int", 1));
    CHECK(run(conn, "DELETE FROM mark WHERE badge = 'BADGE-HASH-7f3a'", 0));
    snprintf(log, sizeof log, "%s/pg/log/server.log", dir);
    CHECK(access(log, R_OK) == 0);
    CHECK(file_has(log, "ready to accept connections")); /* the log works ... */
    CHECK(!file_has(log, "duplicate key")); /* ... but holds no client error */
    CHECK(!file_has(log, "BADGE-HASH-7f3a"));
    CHECK(!file_has(log, "BALLOT-YES-91"));
    CHECK(!file_has(log, "INSERT"));
}

/* SIGKILL of the postmaster with a committed row and a prepared
 * transaction: hub_cluster_start recovers both.  Returns the new handle. */
static hub_cluster *check_kill_restart(hub_cluster *c, PGconn **connp)
{
    char dir[PATH_MAX];
    long pid = hub_cluster_pid(c);
    hub_cluster *c2 = NULL;
    as_err err;
    PGconn *conn = *connp;

    snprintf(dir, sizeof dir, "%s", hub_cluster_dir(c));
    CHECK(run(conn, "BEGIN", 0));
    CHECK(run(conn, "INSERT INTO mark VALUES ('b2')", 0));
    CHECK(run(conn, "PREPARE TRANSACTION 'cast-2'", 0));
    CHECK(pid > 1 && kill((pid_t)pid, SIGKILL) == 0);
    CHECK(gone(pid));
    PQfinish(conn);
    hub_cluster_free(c);
    CHECK_MSG(hub_cluster_start(dir, &c2, &err) == AS_OK, "%s", err.msg);
    *connp = NULL;
    if (!c2)
        return NULL;
    CHECK(hub_cluster_pid(c2) != pid);
    conn = connect_to(hub_cluster_conninfo(c2));
    CHECK_STR(value(conn, "SELECT count(*) FROM mark"), "1");
    CHECK_STR(value(conn, "SELECT gid FROM pg_prepared_xacts"), "cast-2");
    CHECK(run(conn, "COMMIT PREPARED 'cast-2'", 0));
    CHECK_STR(value(conn, "SELECT string_agg(badge, ',' ORDER BY badge) FROM mark"),
              "b1,b2");
    *connp = conn;
    return c2;
}

/* What create and start refuse, with a message that names the folder. */
static void check_refusals(hub_cluster *c)
{
    const char *dir = hub_cluster_dir(c);
    char tmp[] = "/tmp/asamblea-hub-bad-XXXXXX", longdir[200];
    hub_cluster *c2 = NULL;
    as_err err;

    CHECK_INT(hub_cluster_create(dir, "127.0.0.1", hub_cluster_port(c), &err), AS_ESTATE);
    CHECK(strstr(err.msg, dir) && strstr(err.msg, "already holds"));
    CHECK_INT(hub_cluster_start(dir, &c2, &err), AS_ESTATE);
    CHECK(c2 == NULL && strstr(err.msg, "already running"));
    CHECK(mkdtemp(tmp) != NULL);
    CHECK_INT(hub_cluster_start(tmp, &c2, &err), AS_ENOENT);
    CHECK(strstr(err.msg, "holds no PostgreSQL cluster") != NULL);
    CHECK_INT(hub_cluster_create(tmp, "not-an-address", 5432, &err), AS_EINVAL);
    CHECK(strstr(err.msg, "not-an-address") != NULL);
    CHECK_INT(hub_cluster_create(tmp, "", 0, &err), AS_EINVAL);
    snprintf(longdir, sizeof longdir, "%s/%0100d", tmp, 0);
    CHECK_INT(hub_cluster_create(longdir, "", 5432, &err), AS_EINVAL);
    CHECK(strstr(err.msg, "too long") != NULL);
    if (geteuid() == 0) { /* the user root hands the cluster to */
        CHECK(setenv("ASAMBLEA_PG_USER", "no-such-user-asamblea", 1) == 0);
        CHECK_INT(hub_cluster_create(tmp, "", 5432, &err), AS_ENOENT);
        CHECK(strstr(err.msg, "no-such-user-asamblea") != NULL);
        CHECK(setenv("ASAMBLEA_PG_USER", "root", 1) == 0);
        CHECK_INT(hub_cluster_create(tmp, "", 5432, &err), AS_EINVAL);
        CHECK(unsetenv("ASAMBLEA_PG_USER") == 0);
    }
    CHECK(setenv("ASAMBLEA_PG_BINDIR", "/nonexistent", 1) == 0);
    CHECK(hub_cluster_bindir() == NULL);
    CHECK_INT(hub_cluster_create(tmp, "", 5432, &err), AS_ENOENT);
    CHECK(strstr(err.msg, "/nonexistent") && strstr(err.msg, "ASAMBLEA_PG_BINDIR"));
    CHECK_INT(hub_cluster_start(dir, &c2, &err), AS_ENOENT);
    CHECK(unsetenv("ASAMBLEA_PG_BINDIR") == 0);
    CHECK(hub_cluster_bindir() != NULL);
    CHECK(hub_test_rm_rf(tmp) == 0);
}

int main(void)
{
    hub_cluster *c = NULL;
    PGconn *conn;
    char dir[PATH_MAX], pidfile[PATH_MAX + 32];
    as_err err;
    int r = hub_test_cluster(&c);

    if (r == 0) {
        CHECK_SKIP("PostgreSQL 15 server binaries not found");
        return check_done();
    }
    CHECK_INT(r, 1);
    if (r != 1)
        return check_done();
    snprintf(dir, sizeof dir, "%s", hub_cluster_dir(c));
    check_layout(dir, hub_cluster_pid(c));
    conn = connect_to(hub_cluster_conninfo(c));
    CHECK(PQstatus(conn) == CONNECTION_OK);
    check_settings(conn);
    check_two_phase(conn);
    CHECK(run(conn, "CREATE ROLE kiosk1 LOGIN PASSWORD 'k1-secret'", 0));
    check_tcp(hub_cluster_port(c));
    check_log_quiet(conn, dir);
    check_refusals(c);
    c = check_kill_restart(c, &conn);
    PQfinish(conn);
    if (c) {
        CHECK_MSG(hub_cluster_stop(c, &err) == AS_OK, "%s", err.msg);
        snprintf(pidfile, sizeof pidfile, "%s/pg/postmaster.pid", dir);
        CHECK(access(pidfile, F_OK) != 0); /* stopped cleanly */
        /* a stopped cluster starts again; done stops it and removes it all */
        CHECK_MSG(hub_cluster_start(dir, &c, &err) == AS_OK, "%s", err.msg);
    }
    CHECK(hub_test_cluster_done(c) == 0);
    CHECK(access(dir, F_OK) != 0 && errno == ENOENT);
    return check_done();
}
