/* hub_cluster.c: the hub's PostgreSQL cluster (hub.h): initdb with the
 * settings the guarantees need (fsync, synchronous commit, two-phase
 * commit, nothing of a statement in the log), the database "asamblea",
 * and pg_ctl start/stop.  The programs run through hub_cluster_proc.c. */
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libpq-fe.h>
#include "file_write.h"
#include "hub.h"
#include "hub_cluster_proc.h"

struct hub_cluster {
    char dir[PATH_MAX];
    char conninfo[2 * PATH_MAX];
    int port;
    long pid;
};

/* The longest DIR whose socket path "DIR/run/.s.PGSQL.65535" still fits a
 * sockaddr_un (107 bytes and the NUL). */
#define DIR_MAX (107 - (int)sizeof "/run/.s.PGSQL.65535" + 1)

/* conninfo_for: "host=DIR/run port=P user=asamblea dbname=DB" into out,
 * the host quoted (libpq's '...' with \' and \\) when it needs it. */
static void conninfo_for(char *out, size_t n, const char *dir, int port, const char *db)
{
    char host[2 * PATH_MAX];
    size_t k = 0;

    if (strpbrk(dir, " \t'\\") == NULL) {
        snprintf(host, sizeof host, "%s/run", dir);
    } else {
        host[k++] = '\'';
        for (const char *p = dir; *p && k + 8 < sizeof host; p++) {
            if (*p == '\'' || *p == '\\')
                host[k++] = '\\';
            host[k++] = *p;
        }
        snprintf(host + k, sizeof host - k, "/run'");
    }
    snprintf(out, n, "host=%s port=%d user=asamblea dbname=%s", host, port, db);
}

/* conf_quote: v as a postgresql.conf string ('...' with ' doubled). */
static void conf_quote(char *out, size_t n, const char *v)
{
    size_t k = 0;

    out[k++] = '\'';
    for (; *v && k + 3 < n; v++) {
        if (*v == '\'')
            out[k++] = '\'';
        out[k++] = *v;
    }
    out[k++] = '\'';
    out[k] = '\0';
}

/* check_args: what create can refuse before touching the disk. */
static as_status check_args(const char *dir, const char *listen, int port, as_err *err)
{
    struct in_addr a;

    if (!dir || !*dir)
        return as_err_set(err, AS_EINVAL, "no hub data folder given; name one");
    for (const char *p = dir; *p; p++)
        if ((unsigned char)*p < 0x20)
            return as_err_set(err, AS_EINVAL, "%s: a hub data folder name may not hold "
                              "control characters; choose another", dir);
    if (*listen && inet_pton(AF_INET, listen, &a) != 1)
        return as_err_set(err, AS_EINVAL, "\"%s\": not an IPv4 address for the hub to "
                          "listen on; give one like 192.168.4.1, or none for the local "
                          "socket only", listen);
    if (port < 1 || port > 65535)
        return as_err_set(err, AS_EINVAL, "%d: not a TCP port; give one from 1024 to "
                          "65535 (PostgreSQL's usual one is 5432)", port);
    return AS_OK;
}

/* absolute: DIR made absolute into out (DIR must exist); checks that its
 * socket path fits. */
static as_status absolute(const char *dir, char out[PATH_MAX], as_err *err)
{
    if (!realpath(dir, out))
        return as_err_set(err, as_status_from_errno(errno), "%s: cannot find the hub data "
                          "folder (%s)", dir, strerror(errno));
    if ((int)strlen(out) > DIR_MAX)
        return as_err_set(err, AS_EINVAL, "%s: the hub data folder's path is longer than "
                          "%d bytes, too long for the server's socket; choose a shorter "
                          "one", out, DIR_MAX);
    return AS_OK;
}

/* make_dir: path as a 0700 folder of u's (it may exist already). */
static as_status make_dir(const char *path, const hub_runas *u, as_err *err)
{
    if (mkdir(path, 0700) != 0 && errno != EEXIST)
        return file_write_error(err, errno, "create the folder", path);
    if (hub_cluster_give(u, path) != 0)
        return file_write_error(err, errno, "give the folder to the cluster's user", path);
    return AS_OK;
}

/* put_file: text as the file path (crash-safe, 0600), given to u. */
static as_status put_file(const char *path, const char *text, const hub_runas *u,
                          as_err *err)
{
    as_status st = file_write_atomic(path, text, strlen(text), NULL, err);

    if (st == AS_OK && hub_cluster_give(u, path) != 0)
        st = file_write_error(err, errno, "give the file to the cluster's user", path);
    return st;
}

/* settings: the server's settings file.  Why each matters:
 * fsync/synchronous_commit/full_page_writes: "recorded" means on disk;
 * max_prepared_transactions: the cast's two-phase commit; wal_level:
 * pg_waldump reads the WAL in the secrecy test; the log_* lines: no
 * statement, parameter, DETAIL or connection in the log, where a badge
 * hash or a ballot could appear.  log_min_messages = 'log' keeps the
 * server's own life (start, checkpoints, recovery, FATAL and PANIC) but
 * not a client's ERROR or WARNING: their message itself may quote a value
 * ("invalid input syntax for type integer: \"...\""); the client gets it. */
static void settings(char *out, size_t n, const char *dir, const char *listen, int port)
{
    char sock[PATH_MAX + 16], qsock[2 * PATH_MAX + 40], qlisten[64];

    snprintf(sock, sizeof sock, "%s/run", dir);
    conf_quote(qsock, sizeof qsock, sock);
    conf_quote(qlisten, sizeof qlisten, listen);
    snprintf(out, n,
             "# Written by asamblea when it made this hub (src/hub/hub_cluster.c).\n"
             "fsync = on\nsynchronous_commit = on\nfull_page_writes = on\n"
             "wal_level = replica\nmax_prepared_transactions = 64\n"
             "max_connections = 64\nlisten_addresses = %s\nport = %d\n"
             "unix_socket_directories = %s\nunix_socket_permissions = 0700\n"
             "password_encryption = 'scram-sha-256'\n"
             "logging_collector = off\n"
             "log_min_messages = 'log'\n"
             "log_statement = 'none'\nlog_min_error_statement = 'panic'\n"
             "log_error_verbosity = 'terse'\nlog_parameter_max_length = 0\n"
             "log_parameter_max_length_on_error = 0\n"
             "log_min_duration_statement = -1\nlog_connections = off\n"
             "log_disconnections = off\nlog_line_prefix = '%%m [%%p] '\n",
             qlisten, port, qsock);
}

/* write_config: conf.d/asamblea.conf (included from postgresql.conf) and
 * pg_hba.conf. */
static as_status write_config(const char *dir, const char *listen, int port,
                              const hub_runas *u, as_err *err)
{
    char path[PATH_MAX + 64], text[8192];
    as_status st;
    FILE *f;

    snprintf(path, sizeof path, "%s/pg/conf.d", dir);
    if ((st = make_dir(path, u, err)) != AS_OK)
        return st;
    snprintf(path, sizeof path, "%s/pg/conf.d/asamblea.conf", dir);
    settings(text, sizeof text, dir, listen, port);
    if ((st = put_file(path, text, u, err)) != AS_OK)
        return st;
    snprintf(path, sizeof path, "%s/pg/postgresql.conf", dir);
    f = fopen(path, "a");
    if (!f || fputs("\n# asamblea's settings (read last, so they win)\n"
                    "include_dir = 'conf.d'\n", f) < 0 ||
        fflush(f) != 0 || fsync(fileno(f)) != 0) {
        int e = errno;
        if (f)
            fclose(f);
        return file_write_error(err, e, "add the settings to it", path);
    }
    fclose(f);
    /* Local connections trust the OS user: DIR/run is 0700, so only the
     * hub's own user (and root) reach the socket.  Over TCP, a kiosk role
     * logs in with a SCRAM password.  A loopback address admits itself;
     * any other admits the hub's own subnets (samenet), where the kiosks
     * are.  TLS (hostssl, pinned certificate) comes with the pairing. */
    snprintf(text, sizeof text,
             "# Written by asamblea (src/hub/hub_cluster.c).\n"
             "# TYPE  DATABASE  USER  ADDRESS  METHOD\n"
             "local   all       all            trust\n%s%s%s%s",
             *listen ? "host    all       all   " : "",
             *listen ? (strncmp(listen, "127.", 4) == 0 ? listen : "samenet") : "",
             *listen && strncmp(listen, "127.", 4) == 0 ? "/32" : "",
             *listen ? "  scram-sha-256\n" : "");
    snprintf(path, sizeof path, "%s/pg/pg_hba.conf", dir);
    return put_file(path, text, u, err);
}

/* run_initdb: the cluster in DIR/pg, its superuser "asamblea", checksums
 * on; initdb's output in DIR/initdb.log. */
static as_status run_initdb(const char *dir, const char *bindir, const hub_runas *u,
                            as_err *err)
{
    char pg[PATH_MAX + 8], log[PATH_MAX + 16];
    char *argv[] = {"initdb", "-D", pg, "-U", "asamblea", "--auth-local=trust",
                    "--auth-host=scram-sha-256", "--encoding=UTF8", "--locale=C",
                    "--data-checksums", "--no-instructions", NULL};
    int rc;

    snprintf(pg, sizeof pg, "%s/pg", dir);
    snprintf(log, sizeof log, "%s/initdb.log", dir);
    rc = hub_cluster_run(u, dir, log, bindir, "initdb", argv);
    if (rc < 0)
        return as_err_set(err, AS_EIO, "%s: cannot run %s/initdb (%s); check the "
                          "PostgreSQL installation", dir, bindir, strerror(errno));
    if (rc != 0)
        return as_err_set(err, AS_EIO, "%s: initdb failed (exit status %d); see %s, "
                          "then remove %s and try again", pg, rc, log, dir);
    snprintf(pg, sizeof pg, "%s/pg/log", dir);
    return make_dir(pg, u, err);
}

/* make_database: starts the new cluster, creates the database "asamblea"
 * and stops it again. */
static as_status make_database(const char *dir, as_err *err)
{
    hub_cluster *c = NULL;
    char info[2 * PATH_MAX + 64];
    as_status st, st2;
    PGconn *conn;
    PGresult *r;

    if ((st = hub_cluster_start(dir, &c, err)) != AS_OK)
        return st;
    conninfo_for(info, sizeof info, c->dir, c->port, "postgres");
    conn = PQconnectdb(info);
    r = PQstatus(conn) == CONNECTION_OK ? PQexec(conn, "CREATE DATABASE asamblea") : NULL;
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        st = as_err_set(err, AS_EIO, "%s: cannot create the database \"asamblea\" in the "
                        "new cluster (%s); remove %s and try again", dir,
                        PQerrorMessage(conn), dir);
    PQclear(r);
    PQfinish(conn);
    st2 = hub_cluster_stop(c, st == AS_OK ? err : NULL);
    return st != AS_OK ? st : st2;
}

/* no_bindir: the error when hub_cluster_bindir finds nothing. */
static as_status no_bindir(const char *dir, as_err *err)
{
    const char *env = getenv("ASAMBLEA_PG_BINDIR");

    if (env && *env)
        return as_err_set(err, AS_ENOENT, "%s: ASAMBLEA_PG_BINDIR names %s, which does "
                          "not hold PostgreSQL's initdb, pg_ctl and postgres; set it to "
                          "the folder that does, or unset it", dir, env);
    return as_err_set(err, AS_ENOENT, "%s: PostgreSQL 15's server programs (initdb, pg_ctl, "
                      "postgres) are neither in /usr/lib/postgresql/15/bin nor on PATH; "
                      "install Debian's package postgresql", dir);
}

as_status hub_cluster_create(const char *dir, const char *listen_addr, int port,
                             as_err *err)
{
    const char *bindir = hub_cluster_bindir();
    char abs[PATH_MAX], pg[PATH_MAX + 8];
    hub_runas u;
    as_status st;
    struct stat sb;

    if (!listen_addr)
        listen_addr = "";
    if ((st = check_args(dir, listen_addr, port, err)) != AS_OK)
        return st;
    if (!bindir)
        return no_bindir(dir, err);
    if ((st = hub_cluster_runas_new_owner(&u, err)) != AS_OK)
        return st;
    if (file_mkdirs(dir) != 0)
        return file_write_error(err, errno, "create the hub data folder", dir);
    if ((st = absolute(dir, abs, err)) != AS_OK)
        return st;
    snprintf(pg, sizeof pg, "%s/pg", abs);
    if (lstat(pg, &sb) == 0)
        return as_err_set(err, AS_ESTATE, "%s already holds a PostgreSQL cluster; start "
                          "it instead, or choose an empty folder (or remove %s)", abs, pg);
    if (chmod(abs, 0700) != 0 || hub_cluster_give(&u, abs) != 0)
        return file_write_error(err, errno, "give the hub data folder to the cluster's "
                                "user", abs);
    snprintf(pg, sizeof pg, "%s/run", abs);
    if ((st = make_dir(pg, &u, err)) != AS_OK ||
        (st = run_initdb(abs, bindir, &u, err)) != AS_OK ||
        (st = write_config(abs, listen_addr, port, &u, err)) != AS_OK)
        return st;
    return make_database(abs, err);
}

/* last_line: the last non-empty line of the file path (at most n-1 bytes)
 * into out; "" when there is none.  For error messages: the server log
 * holds no statement text. */
static void last_line(const char *path, char *out, size_t n)
{
    char buf[2048];
    FILE *f = fopen(path, "r");
    size_t k = 0;
    char *end, *start;

    out[0] = '\0';
    if (!f)
        return;
    if (fseek(f, -(long)(sizeof buf - 1), SEEK_END) != 0)
        rewind(f);
    k = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[k] = '\0';
    end = buf + k;
    while (end > buf && (end[-1] == '\n' || end[-1] == '\r'))
        *--end = '\0';
    start = strrchr(buf, '\n');
    {
        const char *from = start ? start + 1 : buf;
        size_t len = strlen(from);
        if (n == 0)
            return;
        if (len >= n)
            len = n - 1;
        memcpy(out, from, len);
        out[len] = '\0';
    }
}

/* start_server: pg_ctl start -w for the cluster in abs/pg. */
static as_status start_server(const char *abs, const char *bindir, as_err *err)
{
    char pg[PATH_MAX + 8], run[PATH_MAX + 8], log[PATH_MAX + 32], ctl[PATH_MAX + 16];
    char tail[300];
    char *argv[] = {"pg_ctl", "start", "-D", pg, "-w", "-t", "60", "-s", "-l", log, NULL};
    hub_runas u;
    as_status st;
    long live;
    int rc;

    snprintf(pg, sizeof pg, "%s/pg", abs);
    snprintf(run, sizeof run, "%s/run", abs);
    snprintf(log, sizeof log, "%s/pg/log/server.log", abs);
    snprintf(ctl, sizeof ctl, "%s/pg/PG_VERSION", abs);
    if (access(ctl, F_OK) != 0)
        return as_err_set(err, AS_ENOENT, "%s holds no PostgreSQL cluster; make one first "
                          "(asamblea hub init)", abs);
    snprintf(ctl, sizeof ctl, "%s/pg_ctl.log", abs);
    if ((st = hub_cluster_runas_of(pg, &u, err)) != AS_OK)
        return st;
    if ((live = hub_cluster_clear_stale(pg, run)) != 0)
        return as_err_set(err, AS_ESTATE, "%s: its server is already running (process "
                          "%ld); use it, or stop it first", abs, live);
    rc = hub_cluster_run(&u, abs, ctl, bindir, "pg_ctl", argv);
    if (rc < 0)
        return as_err_set(err, AS_EIO, "%s: cannot run %s/pg_ctl (%s); check the "
                          "PostgreSQL installation", abs, bindir, strerror(errno));
    if (rc != 0) {
        last_line(log, tail, sizeof tail);
        return as_err_set(err, AS_EIO, "%s: the PostgreSQL server did not start (\"%s\"); "
                          "see %s and %s", abs, tail, log, ctl);
    }
    return AS_OK;
}

as_status hub_cluster_start(const char *dir, hub_cluster **out, as_err *err)
{
    const char *bindir = hub_cluster_bindir();
    char pg[PATH_MAX + 8];
    hub_cluster *c;
    as_status st;

    *out = NULL;
    if (!bindir)
        return no_bindir(dir ? dir : "(no folder)", err);
    c = calloc(1, sizeof *c);
    if (!c)
        return as_err_set(err, AS_ENOMEM, "out of memory starting the hub's server");
    if ((st = absolute(dir ? dir : "", c->dir, err)) != AS_OK ||
        (st = start_server(c->dir, bindir, err)) != AS_OK) {
        free(c);
        return st;
    }
    snprintf(pg, sizeof pg, "%s/pg", c->dir);
    if (hub_cluster_pidfile(pg, &c->pid, &c->port) != 0) {
        st = as_err_set(err, AS_EIO, "%s: the server started but its postmaster.pid "
                        "cannot be read; see %s/log/server.log", c->dir, pg);
        free(c);
        return st;
    }
    conninfo_for(c->conninfo, sizeof c->conninfo, c->dir, c->port, "asamblea");
    *out = c;
    return AS_OK;
}

as_status hub_cluster_attach(const char *dir, hub_cluster **out, as_err *err)
{
    char pg[PATH_MAX + 8];
    hub_cluster *c;
    as_status st;

    *out = NULL;
    if (!(c = calloc(1, sizeof *c)))
        return as_err_set(err, AS_ENOMEM, "out of memory");
    if ((st = absolute(dir ? dir : "", c->dir, err)) != AS_OK) {
        free(c);
        return st;
    }
    snprintf(pg, sizeof pg, "%s/pg", c->dir);
    if (hub_cluster_pidfile(pg, &c->pid, &c->port) != 0 || kill((pid_t)c->pid, 0) != 0) {
        st = as_err_set(err, AS_ESTATE, "%s: the hub is not running; start it "
                        "with asamblea hub start --data %s", c->dir, dir);
        free(c);
        return st;
    }
    conninfo_for(c->conninfo, sizeof c->conninfo, c->dir, c->port, "asamblea");
    *out = c;
    return AS_OK;
}

as_status hub_cluster_stop(hub_cluster *c, as_err *err)
{
    const char *bindir = hub_cluster_bindir();
    char pg[PATH_MAX + 8], ctl[PATH_MAX + 16];
    char *argv[] = {"pg_ctl", "stop", "-D", pg, "-m", "fast", "-w", "-t", "60", "-s", NULL};
    hub_runas u;
    as_status st = AS_OK;
    int rc;

    if (!c)
        return AS_OK;
    snprintf(pg, sizeof pg, "%s/pg", c->dir);
    snprintf(ctl, sizeof ctl, "%s/pg_ctl.log", c->dir);
    if (!bindir)
        st = as_err_set(err, AS_ENOENT, "%s: cannot stop its server: PostgreSQL's programs "
                        "are no longer found", c->dir);
    else if ((st = hub_cluster_runas_of(pg, &u, err)) == AS_OK &&
             (rc = hub_cluster_run(&u, c->dir, ctl, bindir, "pg_ctl", argv)) != 0)
        st = as_err_set(err, AS_EIO, "%s: the PostgreSQL server did not stop (pg_ctl: %s); "
                        "see %s and %s/log/server.log", c->dir,
                        rc < 0 ? strerror(errno) : "failed", ctl, pg);
    free(c);
    return st;
}

void hub_cluster_free(hub_cluster *c)
{
    free(c);
}

const char *hub_cluster_conninfo(const hub_cluster *c)
{
    return c->conninfo;
}

int hub_cluster_port(const hub_cluster *c)
{
    return c->port;
}

long hub_cluster_pid(const hub_cluster *c)
{
    return c->pid;
}

const char *hub_cluster_dir(const hub_cluster *c)
{
    return c->dir;
}
