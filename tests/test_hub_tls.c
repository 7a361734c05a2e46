/* test_hub_tls.c: the hub's network side against a real PostgreSQL 15
 * (issue 11, "the network is hostile"): every TCP login is TLS checked
 * with verify-full against the hub's own CA; plain TCP, a foreign root
 * certificate, a missing or wrong password and the superuser are refused;
 * a kiosk role and a pairing role reach no table (42501); pairing: a good
 * code gives a working kiosk login, a code works once, expires, and a
 * code whose fingerprint is not the server's is refused before its secret
 * is used (the pairing role is untouched and works afterwards); malformed
 * codes get a clear message, and exit 2 from the command line; hub pair's
 * PNG decodes (zbar) to the code it printed.  SKIP (77) without
 * PostgreSQL. */
#define _GNU_SOURCE
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libpq-fe.h>
#include "check.h"
#include "hub_store.h"
#include "hub_util.h"
#include "meeting.h"
#include "scan.h"
#include "test_cli_util.h"

static char work[] = "/tmp/asamblea-tls-XXXXXX";
static const char *hubdir, *owner_ci;
static int port;

/* try: a connection to the hub over TCP as user with extra settings (a
 * password, sslmode ...); NULL when it was refused, its reason in why. */
static PGconn *try(const char *user, const char *extra, char *why, size_t n)
{
    char info[2048];
    PGconn *conn;

    snprintf(info, sizeof info, "host=127.0.0.1 port=%d dbname=asamblea user=%s "
             "connect_timeout=10 %s", port, user, extra);
    conn = PQconnectdb(info);
    snprintf(why, n, "%s", PQerrorMessage(conn));
    if (PQstatus(conn) == CONNECTION_OK)
        return conn;
    PQfinish(conn);
    return NULL;
}

/* value: the one value sql answers, or "(error SQLSTATE)". */
static const char *value(PGconn *conn, const char *sql, int nparams, const char *const *v)
{
    static char buf[512];
    PGresult *r = PQexecParams(conn, sql, nparams, NULL, v, NULL, NULL, 0);

    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
        snprintf(buf, sizeof buf, "%s", PQgetvalue(r, 0, 0));
    else if (PQresultStatus(r) == PGRES_COMMAND_OK)
        snprintf(buf, sizeof buf, "(ok)");
    else
        snprintf(buf, sizeof buf, "(error %s)",
                 PQresultErrorField(r, PG_DIAG_SQLSTATE) ? PQresultErrorField(r, PG_DIAG_SQLSTATE)
                                                         : "?");
    PQclear(r);
    return buf;
}

static const char *q(PGconn *conn, const char *sql)
{
    return value(conn, sql, 0, NULL);
}

/* The server runs TLS on, 1.2 at least; its key is 0600 and the
 * server's; the CA's private key is nowhere. */
static void check_server(PGconn *owner)
{
    char path[PATH_MAX + 32];
    struct stat st, dst;

    CHECK_STR(q(owner, "SHOW ssl"), "on");
    CHECK_STR(q(owner, "SHOW ssl_min_protocol_version"), "TLSv1.2");
    snprintf(path, sizeof path, "%s/tls/server.key", hubdir);
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600);
    snprintf(path, sizeof path, "%s/pg", hubdir);
    CHECK(stat(path, &dst) == 0 && st.st_uid == dst.st_uid);
    snprintf(path, sizeof path, "%s/tls/ca.key", hubdir);
    CHECK(access(path, F_OK) != 0);
    snprintf(path, sizeof path, "%s/tls/make", hubdir);
    CHECK(access(path, F_OK) != 0);
}

/* A kiosk made with hub add-kiosk (the command) logs in with its file:
 * TLS in use, verify-full against hub-ca.pem beside the file. */
static void check_add_kiosk(void)
{
    char dir[PATH_MAX], file[PATH_MAX + 16], out[4096], err[4096], *ci = NULL;
    const char *argv[] = {"asamblea", "hub", "add-kiosk", "--data", hubdir, "--number",
                          "1", "--name", "Kiosk one", "-o", file, NULL};
    struct stat st;
    as_err e;
    PGconn *conn;

    snprintf(dir, sizeof dir, "%s/k1", work);
    CHECK(mkdir(dir, 0700) == 0);
    snprintf(file, sizeof file, "%s/login", dir);
    CHECK_INT(tc_run(argv, work, out, sizeof out, err, sizeof err), 0);
    CHECK(stat(file, &st) == 0 && (st.st_mode & 0777) == 0600);
    snprintf(file, sizeof file, "%s/hub-ca.pem", dir);
    CHECK(access(file, R_OK) == 0);
    snprintf(file, sizeof file, "%s/login", dir);
    CHECK_INT(hub_login_load(file, &ci, &e), AS_OK);
    CHECK_MSG(ci && strstr(ci, "sslmode=verify-full"), "%s", ci ? ci : e.msg);
    conn = ci ? PQconnectdb(ci) : NULL;
    CHECK_MSG(PQstatus(conn) == CONNECTION_OK, "%s", PQerrorMessage(conn));
    CHECK(PQsslInUse(conn));
    CHECK_STR(q(conn, "SELECT hub.me()"), "1");
    PQfinish(conn);
    free(ci);
}

/* Plain TCP, a foreign CA, no or a wrong password, the superuser: all
 * refused.  The right password over TLS gets in (so each refusal is its
 * own cause).  pw: kiosk_1's password, read from its login file. */
static void check_strangers(const char *pw)
{
    char good[1024], why[1024], other[PATH_MAX], extra[PATH_MAX + 200];
    PGconn *conn;
    as_err e;

    snprintf(good, sizeof good, "password=%s sslmode=verify-full "
             "sslrootcert=%s/tls/ca.pem", pw, hubdir);
    conn = try("kiosk_1", good, why, sizeof why);
    CHECK_MSG(conn != NULL, "%s", why);
    CHECK(conn && PQsslInUse(conn));
    PQfinish(conn);
    /* plain TCP: no hostssl line matches */
    snprintf(extra, sizeof extra, "password=%s sslmode=disable", pw);
    CHECK(try("kiosk_1", extra, why, sizeof why) == NULL);
    CHECK_MSG(strstr(why, "no encryption") != NULL, "%s", why);
    /* a second CA, made the same way: the hub's certificate does not chain */
    snprintf(other, sizeof other, "%s/other", work);
    CHECK(mkdir(other, 0700) == 0);
    CHECK_INT(hub_tls_create(other, "127.0.0.1", &e), AS_OK);
    snprintf(extra, sizeof extra, "password=%s sslmode=verify-full "
             "sslrootcert=%s/tls/ca.pem", pw, other);
    CHECK(try("kiosk_1", extra, why, sizeof why) == NULL);
    CHECK_MSG(strstr(why, "certificate verify failed") != NULL, "%s", why);
    snprintf(extra, sizeof extra, "sslmode=verify-full sslrootcert=%s/tls/ca.pem", hubdir);
    CHECK(try("kiosk_1", extra, why, sizeof why) == NULL);
    CHECK(try("kiosk_1", "password=", why, sizeof why) == NULL);
    CHECK(try("kiosk_1", "password=0123456789abcdef sslmode=require", why,
              sizeof why) == NULL);
    CHECK_MSG(strstr(why, "password authentication failed") != NULL, "%s", why);
    CHECK(try("asamblea", "sslmode=require", why, sizeof why) == NULL);
    CHECK(try("asamblea", "password=asamblea sslmode=require", why, sizeof why) == NULL);
    /* a login file may not turn the check off */
    snprintf(extra, sizeof extra, "%s/k1/bad-login", work);
    FILE *f = fopen(extra, "w");
    CHECK(f != NULL);
    if (f) {
        fprintf(f, "host=127.0.0.1 port=%d user=kiosk_1 password=%s sslmode=disable\n",
                port, pw);
        fclose(f);
    }
    char *ci = NULL;
    CHECK_INT(hub_login_load(extra, &ci, &e), AS_EINVAL);
    CHECK_MSG(strstr(e.msg, "sslmode=disable") != NULL, "%s", e.msg);
    CHECK(ci == NULL);
}

/* A kiosk role reaches no table: every read and write is 42501. */
static void check_no_tables(PGconn *conn, const char *who)
{
    static const char *const sql[] = {
        "SELECT count(*) FROM hub.marks", "SELECT count(*) FROM hub.checkins",
        "SELECT count(*) FROM hub.kiosks", "SELECT count(*) FROM hub.pairings",
        "SELECT count(*) FROM hub.meeting",
        "INSERT INTO hub.marks VALUES ('p', '\\x00'::bytea)",
        "INSERT INTO hub.checkins VALUES ('\\x00'::bytea, true, false)",
        "UPDATE hub.proposals SET state = 3", "DELETE FROM hub.events"};

    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++)
        CHECK_MSG(!strcmp(q(conn, sql[i]), "(error 42501)"), "%s: %s: %s", who, sql[i],
                  q(conn, sql[i]));
}

/* read_pw: the password= value of the login file path. */
static void read_pw(const char *path, char *pw, size_t n)
{
    char buf[1024];
    const char *p;

    tc_read_into(path, buf, sizeof buf);
    p = strstr(buf, "password=");
    snprintf(pw, n, "%.*s", p ? (int)strcspn(p + 9, " \n") : 0, p ? p + 9 : "");
}

/* conn_of: a connection with the login file path (hub_login_load). */
static PGconn *conn_of(const char *path)
{
    char *ci = NULL;
    as_err e;
    PGconn *conn;

    if (hub_login_load(path, &ci, &e) != AS_OK) {
        fprintf(stderr, "%s\n", e.msg);
        return NULL;
    }
    conn = PQconnectdb(ci);
    free(ci);
    if (PQstatus(conn) != CONNECTION_OK) {
        fprintf(stderr, "%s: %s", path, PQerrorMessage(conn));
        PQfinish(conn);
        return NULL;
    }
    return conn;
}

/* new_code: a pairing code from the hub (number 0: the lowest free). */
static as_status new_code(int number, const char *name, char *code, as_err *e)
{
    char ca[PATH_MAX + 32];

    snprintf(ca, sizeof ca, "%s/tls/ca.pem", hubdir);
    return hub_pair_new(owner_ci, NULL, port, ca, number, name, code, e);
}

/* role_state: "used canlogin" of the pairing role of code, as the owner
 * sees them ("f t" for a fresh one). */
static const char *role_state(PGconn *owner, const char *code)
{
    static char buf[64];
    hub_pair_code pc;
    as_err e;
    const char *v[1] = {pc.role};

    if (hub_pair_parse(code, &pc, &e) != AS_OK)
        return "(bad code)";
    snprintf(buf, sizeof buf, "%s",
             value(owner, "SELECT p.used::text || ' ' || r.rolcanlogin::text FROM "
                          "hub.pairings p JOIN pg_roles r ON r.rolname = p.role "
                          "WHERE p.role = $1", 1, v));
    return buf;
}

/* The pairing role itself reaches nothing but hub.pair. */
static void check_pair_role(const char *code)
{
    hub_pair_code pc;
    char extra[PATH_MAX + 200], why[1024];
    as_err e;
    PGconn *conn;

    CHECK_INT(hub_pair_parse(code, &pc, &e), AS_OK);
    snprintf(extra, sizeof extra, "password=%s sslmode=verify-full "
             "sslrootcert=%s/tls/ca.pem", pc.password, hubdir);
    conn = try(pc.role, extra, why, sizeof why);
    CHECK_MSG(conn != NULL, "%s", why);
    if (!conn)
        return;
    check_no_tables(conn, "pairing role");
    CHECK_STR(q(conn, "SELECT hub.checkin('\\x00'::bytea, false)"), "(error 42501)");
    CHECK_STR(q(conn, "SELECT hub.token_key()"), "(error 42501)");
    PQfinish(conn);
}

/* log_has: the server log names needle (a role's login attempt, while
 * log_connections is on). */
static int log_has(const char *needle)
{
    char path[PATH_MAX + 32], *buf = malloc(1 << 20);
    int yes;

    snprintf(path, sizeof path, "%s/pg/log/server.log", hubdir);
    if (!buf)
        return 0;
    tc_read_into(path, buf, 1 << 20);
    yes = strstr(buf, needle) != NULL;
    free(buf);
    return yes;
}

/* Pairing: a wrong fingerprint first (refused, nothing written, the
 * role untouched), then the right code (a working login), then the same
 * code again (refused). */
static void check_pairing(PGconn *owner)
{
    char code[HUB_PAIR_CODE_MAX], bad[HUB_PAIR_CODE_MAX], dir[PATH_MAX], path[PATH_MAX + 32];
    uint8_t sha[32];
    struct stat st;
    hub_pair_code pc;
    as_err e;
    PGconn *conn;
    int n = 0;
    char *fp;

    CHECK_INT(new_code(0, NULL, code, &e), AS_OK);
    CHECK_MSG(strncmp(code, HUB_PAIR_PREFIX "127.0.0.1:", 25) == 0, "%s", code);
    CHECK_STR(role_state(owner, code), "false true");
    check_pair_role(code);
    /* one hex digit of the fingerprint changed */
    snprintf(bad, sizeof bad, "%s", code);
    fp = strchr(strchr(bad + strlen(HUB_PAIR_PREFIX), ':') + 1, ':') + 1;
    fp[10] = fp[10] == 'A' ? 'B' : 'A';
    snprintf(dir, sizeof dir, "%s/wrong", work);
    /* the server logs every login attempt while this runs */
    CHECK_STR(q(owner, "ALTER SYSTEM SET log_connections = on"), "(ok)");
    CHECK_STR(q(owner, "SELECT pg_reload_conf()"), "t");
    usleep(300 * 1000);
    CHECK_INT(hub_pair_join(dir, bad, "Impostor", &n, &e), AS_EMISMATCH);
    CHECK_MSG(strstr(e.msg, "is not the hub the code was made for") != NULL, "%s", e.msg);
    snprintf(path, sizeof path, "%s/hub-ca.pem", dir);
    CHECK(access(path, F_OK) != 0);
    snprintf(path, sizeof path, "%s/hub.conninfo", dir);
    CHECK(access(path, F_OK) != 0);
    CHECK_STR(role_state(owner, code), "false true");
    CHECK_INT(hub_pair_parse(code, &pc, &e), AS_OK);
    CHECK(!log_has(pc.role));
    /* the right code, in the same folder: a kiosk */
    CHECK_INT(hub_pair_join(dir, code, "Kiosk by the stage", &n, &e), AS_OK);
    CHECK(log_has(pc.role)); /* so the check above could see one */
    CHECK_STR(q(owner, "ALTER SYSTEM RESET log_connections"), "(ok)");
    CHECK_STR(q(owner, "SELECT pg_reload_conf()"), "t");
    CHECK_MSG(n == 2, "%d %s", n, e.msg);
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600);
    snprintf(path, sizeof path, "%s/hub-ca.pem", dir);
    CHECK_INT(hub_tls_fingerprint(path, sha, &e), AS_OK);
    CHECK(memcmp(sha, pc.ca_sha256, 32) == 0);
    snprintf(path, sizeof path, "%s/hub.conninfo", dir);
    conn = conn_of(path);
    CHECK(conn != NULL && PQsslInUse(conn));
    if (conn) {
        CHECK_STR(q(conn, "SELECT hub.me()"), "2");
        check_no_tables(conn, "paired kiosk");
        PQfinish(conn);
    }
    CHECK_STR(q(owner, "SELECT name FROM hub.kiosks WHERE id = 2"), "Kiosk by the stage");
    CHECK_STR(role_state(owner, code), "true false");
    /* the same code again, from another folder: refused */
    snprintf(dir, sizeof dir, "%s/again", work);
    CHECK_INT(hub_pair_join(dir, code, NULL, &n, &e), AS_EIO);
    CHECK_MSG(strstr(e.msg, "refused this pairing code") != NULL, "%s", e.msg);
    snprintf(path, sizeof path, "%s/hub.conninfo", dir);
    CHECK(access(path, F_OK) != 0);
    CHECK_STR(q(owner, "SELECT count(*) FROM hub.kiosks"), "2");
    /* a folder that joined once does not join again */
    CHECK_INT(new_code(0, NULL, code, &e), AS_OK);
    snprintf(dir, sizeof dir, "%s/wrong", work);
    CHECK_INT(hub_pair_join(dir, code, NULL, &n, &e), AS_ESTATE);
    CHECK_STR(role_state(owner, code), "false true");
}

/* A chosen number and name; a taken number; an expired code; a port
 * where no hub listens. */
static void check_pairing_more(PGconn *owner)
{
    char code[HUB_PAIR_CODE_MAX], dir[PATH_MAX], path[PATH_MAX + 32], none[HUB_PAIR_CODE_MAX];
    hub_pair_code pc;
    as_err e;
    int n = 0;

    CHECK_INT(new_code(7, "Desk at the door", code, &e), AS_OK);
    snprintf(dir, sizeof dir, "%s/seven", work);
    CHECK_INT(hub_pair_join(dir, code, "ignored", &n, &e), AS_OK);
    CHECK_INT(n, 7);
    CHECK_STR(q(owner, "SELECT name FROM hub.kiosks WHERE id = 7"), "Desk at the door");
    CHECK_INT(new_code(7, NULL, code, &e), AS_ESTATE);
    CHECK_INT(new_code(0, "Bad\nname", code, &e), AS_EINVAL);
    /* an expired code (its row says so; the role's own VALID UNTIL is a
     * minute later) */
    CHECK_INT(new_code(0, NULL, code, &e), AS_OK);
    CHECK_INT(hub_pair_parse(code, &pc, &e), AS_OK);
    {
        const char *v[1] = {pc.role};
        CHECK_STR(value(owner, "UPDATE hub.pairings SET expires = now() - interval "
                               "'1 second' WHERE role = $1", 1, v), "(ok)");
    }
    snprintf(dir, sizeof dir, "%s/late", work);
    CHECK_INT(hub_pair_join(dir, code, NULL, &n, &e), AS_EIO);
    CHECK_MSG(strstr(e.msg, "expired") != NULL, "%s", e.msg);
    snprintf(path, sizeof path, "%s/hub.conninfo", dir);
    CHECK(access(path, F_OK) != 0);
    /* the next hub pair drops it */
    CHECK_INT(new_code(0, NULL, code, &e), AS_OK);
    {
        const char *v[1] = {pc.role};
        CHECK_STR(value(owner, "SELECT count(*) FROM pg_roles WHERE rolname = $1", 1, v),
                  "0");
    }
    /* nobody at that port */
    snprintf(none, sizeof none, HUB_PAIR_PREFIX "127.0.0.1:%d:%s", hub_test_free_port(),
             strchr(strchr(code + strlen(HUB_PAIR_PREFIX), ':') + 1, ':') + 1);
    snprintf(dir, sizeof dir, "%s/nobody", work);
    CHECK_INT(hub_pair_join(dir, none, NULL, &n, &e), AS_EIO);
    CHECK_MSG(strstr(e.msg, "no hub answered") != NULL, "%s", e.msg);
}

/* Malformed codes: each refused with what is wrong. */
static void check_parse(void)
{
    static const char *const bad[] = {
        "", "hello", "ASAMBLEA-HUB:1:", "ASAMBLEA-HUB:2:10.0.0.1:5432:",
        "ASAMBLEA-HUB:1:10.0.0.300:5432:"
        "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF:"
        "00112233445566778899AABBCCDDEEFF0011223344556677",
        "ASAMBLEA-HUB:1:10.0.0.1:0:"
        "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF:"
        "00112233445566778899AABBCCDDEEFF0011223344556677",
        "ASAMBLEA-HUB:1:10.0.0.1:5432:"
        "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEF:"
        "00112233445566778899AABBCCDDEEFF0011223344556677",
        "ASAMBLEA-HUB:1:10.0.0.1:5432:"
        "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF:"
        "00112233445566778899AABBCCDDEEFF001122334455667G",
        "ASAMBLEA-HUB:1:10.0.0.1:5432:"
        "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF:"
        "00112233445566778899AABBCCDDEEFF0011223344556677:extra"};
    hub_pair_code pc;
    as_err e;

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK_MSG(hub_pair_parse(bad[i], &pc, &e) == AS_EINVAL, "%s", bad[i]);
        CHECK(strstr(e.msg, "not a hub pairing code") != NULL);
    }
    /* as a scanner may type it: lowercase, a newline */
    CHECK_INT(hub_pair_parse("asamblea-hub:1:10.0.0.1:5432:"
                             "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff:"
                             "00112233445566778899AABBCCDDEEFF0011223344556677\n", &pc, &e),
              AS_OK);
    CHECK_STR(pc.host, "10.0.0.1");
    CHECK_INT(pc.port, 5432);
    CHECK_STR(pc.role, "pair_0011223344556677");
    CHECK_STR(pc.password, "8899aabbccddeeff0011223344556677");
    CHECK_INT(pc.ca_sha256[31], 0xff);
}

#define FLOW_MEETING AS_TEST_DATA "/flow/meeting.yaml"

/* A real kiosk joins by the command line and runs on the hub (a replay
 * that waits for the idle screen), then starts again with neither --join
 * nor --hub: its data folder's login is found by itself.  The hub then
 * knows it with its signing key (the store opened on the hub), as number
 * 3, the lowest free one (1, 2 and 7 are taken). */
static void check_kiosk_join(PGconn *owner)
{
    char code[HUB_PAIR_CODE_MAX], data[PATH_MAX], replay[PATH_MAX], out[8192], err[8192];
    const char *join[] = {"asamblea", "kiosk", "--meeting", FLOW_MEETING, "--data", data,
                          "--window", "800x480", "--join", code, "--replay", replay, NULL};
    const char *again[] = {"asamblea", "kiosk", "--meeting", FLOW_MEETING, "--data", data,
                           "--window", "800x480", "--replay", replay, NULL};
    as_err e;
    FILE *f;

    snprintf(data, sizeof data, "%s/gui-kiosk", work);
    snprintf(replay, sizeof replay, "%s/idle.replay", work);
    f = fopen(replay, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("expect \"Scan your badge to vote\"\n", f);
    fclose(f);
    CHECK_INT(new_code(0, "By the window", code, &e), AS_OK);
    int rc = tc_run(join, work, out, sizeof out, err, sizeof err);
    if (rc == 2 && strstr(err, "no kiosk screen")) {
        CHECK_SKIP("built without the screen: no kiosk to join");
        return;
    }
    CHECK_MSG(rc == 0, "%d %s", rc, err);
    CHECK_MSG(strstr(out, "joined the hub as kiosk 3") != NULL, "%s", out);
    CHECK_MSG(tc_run(again, work, out, sizeof out, err, sizeof err) == 0, "%s", err);
    CHECK_STR(q(owner, "SELECT name || ' ' || (public_key IS NOT NULL)::text FROM "
                       "hub.kiosks WHERE id = 3"), "By the window true");
    /* --join on a folder that joined already: refused, nothing changed */
    CHECK_INT(new_code(0, NULL, code, &e), AS_OK);
    CHECK_INT(tc_run(join, work, out, sizeof out, err, sizeof err), 2);
    CHECK_MSG(strstr(err, "has joined a hub already") != NULL, "%s", err);
}

static void on_scan(void *ud, const char *text, size_t len)
{
    snprintf(ud, HUB_PAIR_CODE_MAX, "%.*s", (int)len, text);
}

/* The commands: kiosk --join with a malformed code exits 2 with the
 * message; hub pair prints a code and writes a PNG that decodes to it. */
static void check_cli(void)
{
    char out[8192], err[4096], png[PATH_MAX], data[PATH_MAX], got[HUB_PAIR_CODE_MAX] = "";
    const char *kiosk[] = {"asamblea", "kiosk", "--meeting", "/nonexistent.yaml", "--data",
                           data, "--join", "ASAMBLEA-HUB:1:10.0.0.1:99999:XYZ", NULL};
    const char *pair[] = {"asamblea", "hub", "pair", "--data", hubdir, "--png", png, NULL};
    const char *taken[] = {"asamblea", "hub", "pair", "--data", hubdir, "--number", "7",
                           NULL};
    struct stat st;
    as_err e;
    char *code;

    snprintf(data, sizeof data, "%s/cli-kiosk", work);
    snprintf(png, sizeof png, "%s/pair.png", work);
    CHECK_INT(tc_run(kiosk, work, out, sizeof out, err, sizeof err), 2);
    CHECK_MSG(strstr(err, "--join: this is not a hub pairing code") != NULL, "%s", err);
    CHECK(access(data, F_OK) != 0);
    CHECK_INT(tc_run(pair, work, out, sizeof out, err, sizeof err), 0);
    code = strstr(out, HUB_PAIR_PREFIX);
    CHECK_MSG(code != NULL, "%s%s", out, err);
    CHECK(stat(png, &st) == 0 && (st.st_mode & 0777) == 0600);
    CHECK_INT(scan_png_file(png, on_scan, got, &e), AS_OK);
    if (code) {
        code[strcspn(code, "\n")] = '\0';
        CHECK_STR(got, code);
    }
    CHECK_INT(tc_run(taken, work, out, sizeof out, err, sizeof err), 2);
    CHECK_MSG(strstr(err, "kiosk number 7 is taken") != NULL, "%s", err);
}

int main(void)
{
    hub_cluster *c = NULL;
    meeting *m = NULL;
    diag_list diag;
    char pw[128], path[PATH_MAX + 32];
    as_err e;
    PGconn *owner;
    int got = hub_test_cluster(&c);

    if (got == 0) {
        CHECK_SKIP(HUB_TEST_SKIP_LINE);
        return check_done();
    }
    if (got < 0 || !mkdtemp(work)) {
        CHECK(0);
        return check_done();
    }
    hubdir = hub_cluster_dir(c);
    owner_ci = hub_cluster_conninfo(c);
    port = hub_cluster_port(c);
    diag_init(&diag);
    CHECK_INT(meeting_load(FLOW_MEETING, &m, &diag), AS_OK);
    diag_free(&diag);
    if (!m)
        return check_done();
    CHECK_MSG(hub_install(owner_ci, m->sha256, &e) == AS_OK, "%s", e.msg);
    meeting_free(m);
    owner = PQconnectdb(owner_ci);
    CHECK(PQstatus(owner) == CONNECTION_OK);
    check_server(owner);
    check_add_kiosk();
    snprintf(path, sizeof path, "%s/k1/login", work);
    read_pw(path, pw, sizeof pw);
    CHECK(strlen(pw) > 20);
    check_strangers(pw);
    check_pairing(owner); /* makes hub.pairings too */
    {
        PGconn *k = conn_of(path);
        CHECK(k != NULL);
        if (k)
            check_no_tables(k, "kiosk_1");
        PQfinish(k);
    }
    check_pairing_more(owner);
    check_parse();
    check_cli();
    check_kiosk_join(owner);
    PQfinish(owner);
    CHECK_INT(hub_test_cluster_done(c), 0);
    hub_test_rm_rf(work);
    return check_done();
}
