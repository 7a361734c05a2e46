/* hub_pair.c: the pairing code (hub.h) and the hub's side of pairing: a
 * one-time login role per code, allowed only to call hub.pair, which
 * registers the kiosk under its own new role and then disables itself.
 * The kiosk's side is hub_pair_join.c.
 *
 * Why a login role and not a secret checked by a function: the secret
 * then never leaves the SCRAM exchange (PostgreSQL stores only its
 * verifier, and a stranger who guesses wrong gets no further than the
 * login), and expiry (VALID UNTIL), one connection at a time (CONNECTION
 * LIMIT 1) and "nothing but hub.pair" (EXECUTE on one function) are the
 * server's own checks. */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "hub.h"
#include "hub_internal.h"

/* The pairing table and function, added to a hub made by hub_install
 * (idempotent: run by every hub_pair_new).  Only the owner reaches
 * hub.pairings; asamblea_pair may EXECUTE hub.pair and nothing else.
 * hub.pair: the kiosk's number (1-999), 0 when this code is used or
 * expired, -1 when the number is taken (or none is free). */
static const char pair_sql[] =
    "SET client_min_messages = warning;\n"
    "CREATE TABLE IF NOT EXISTS hub.pairings(role name PRIMARY KEY, kiosk int,\n"
    "    name text, expires timestamptz NOT NULL, used boolean NOT NULL DEFAULT false);\n"
    "REVOKE ALL ON hub.pairings FROM PUBLIC;\n"
    "CREATE OR REPLACE FUNCTION hub.pair(nm text, pw text) RETURNS int LANGUAGE plpgsql\n"
    "SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$\n"
    "DECLARE p hub.pairings; k int; r text;\n"
    "BEGIN\n"
    "    IF pw IS NULL OR pw !~ '^[0-9a-f]{64}$' THEN\n"
    "        RAISE EXCEPTION 'a kiosk password is 64 hex digits'; END IF;\n"
    "    SELECT * INTO p FROM hub.pairings WHERE role = session_user FOR UPDATE;\n"
    "    IF NOT FOUND OR p.used OR p.expires < now() THEN RETURN 0; END IF;\n"
    "    k := coalesce(p.kiosk, (SELECT min(g) FROM generate_series(1, 999) g\n"
    "                            WHERE NOT EXISTS (SELECT 1 FROM hub.kiosks WHERE id = g)));\n"
    "    IF k IS NULL OR EXISTS (SELECT 1 FROM hub.kiosks WHERE id = k) THEN RETURN -1; END IF;\n"
    "    r := 'kiosk_' || k;\n"
    "    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE asamblea_kiosk', r, pw);\n"
    "    INSERT INTO hub.kiosks(id, role, name) VALUES (k, r, coalesce(p.name,\n"
    "        CASE WHEN nm ~ '^[^[:cntrl:]]{1,60}$' THEN nm END, 'Kiosk ' || k));\n"
    "    UPDATE hub.pairings SET used = true WHERE role = session_user;\n"
    "    EXECUTE format('ALTER ROLE %I NOLOGIN PASSWORD NULL', session_user);\n"
    "    RETURN k;\n"
    "END $$;\n"
    "REVOKE ALL ON FUNCTION hub.pair(text, text) FROM PUBLIC;\n"
    "DO $$ BEGIN\n"
    "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'asamblea_pair') THEN\n"
    "    CREATE ROLE asamblea_pair NOLOGIN; END IF; END $$;\n"
    "GRANT USAGE ON SCHEMA hub TO asamblea_pair;\n"
    "GRANT EXECUTE ON FUNCTION hub.pair(text, text) TO asamblea_pair;\n"
    "-- Pairing roles used or expired are of no more use: dropped.\n"
    "DO $$ DECLARE r record; BEGIN\n"
    "  FOR r IN SELECT role FROM hub.pairings WHERE used OR expires < now() LOOP\n"
    "    EXECUTE format('DROP ROLE IF EXISTS %I', r.role);\n"
    "    DELETE FROM hub.pairings WHERE role = r.role;\n"
    "  END LOOP; END $$;\n";

/* hex_field: exactly n hex digits (either case) at s, into bytes; the
 * character after them must be end. */
static int hex_field(const char *s, size_t n, char end, uint8_t *bytes)
{
    size_t got = 0;

    for (size_t i = 0; i < n; i++)
        if (!isxdigit((unsigned char)s[i]))
            return 0;
    if (s[n] != end)
        return 0;
    return sodium_hex2bin(bytes, n / 2, s, n, NULL, &got, NULL) == 0 && got == n / 2;
}

/* bad_code: the one message for a code that is not one. */
static as_status bad_code(as_err *err, const char *what)
{
    return as_err_set(err, AS_EINVAL, "this is not a hub pairing code (%s); a code "
                      "looks like " HUB_PAIR_PREFIX "<address>:<port>:<64 hex>:<48 hex>: "
                      "scan it again, or make a new one on the hub with asamblea hub "
                      "pair --data DIR", what);
}

as_status hub_pair_parse(const char *code, hub_pair_code *out, as_err *err)
{
    char buf[HUB_PAIR_CODE_MAX + 2], *p, *colon, *end;
    size_t n;
    long port;
    uint8_t id[8], pw[16];
    struct in_addr a;

    memset(out, 0, sizeof *out);
    if (!code)
        return bad_code(err, "no code given");
    while (isspace((unsigned char)*code))
        code++;
    n = strlen(code);
    while (n > 0 && isspace((unsigned char)code[n - 1]))
        n--;
    if (n >= sizeof buf - 1)
        return bad_code(err, "far too long");
    memcpy(buf, code, n);
    buf[n] = '\0';
    for (p = buf; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    if (strncmp(buf, HUB_PAIR_PREFIX, sizeof HUB_PAIR_PREFIX - 1) != 0)
        return bad_code(err, "it does not begin with " HUB_PAIR_PREFIX);
    p = buf + sizeof HUB_PAIR_PREFIX - 1;
    colon = strchr(p, ':');
    if (!colon || colon - p >= (long)sizeof out->host)
        return bad_code(err, "no hub address");
    *colon = '\0';
    if (inet_pton(AF_INET, p, &a) != 1)
        return bad_code(err, "the hub address is not an IPv4 address");
    memcpy(out->host, p, (size_t)(colon - p) + 1); /* shorter than host: checked */
    port = strtol(colon + 1, &end, 10);
    if (end == colon + 1 || *end != ':' || port < 1 || port > 65535)
        return bad_code(err, "no port from 1 to 65535");
    out->port = (int)port;
    p = end + 1;
    if (!hex_field(p, 64, ':', out->ca_sha256))
        return bad_code(err, "the certificate fingerprint is not 64 hex digits");
    p += 65;
    if (!hex_field(p, 16, p[16], id) || !hex_field(p + 16, 32, '\0', pw))
        return bad_code(err, "the secret is not 48 hex digits");
    strcpy(out->role, "pair_");
    sodium_bin2hex(out->role + 5, sizeof out->role - 5, id, sizeof id);
    sodium_bin2hex(out->password, sizeof out->password, pw, sizeof pw);
    sodium_memzero(pw, sizeof pw);
    sodium_memzero(buf, sizeof buf);
    return AS_OK;
}

/* listen_host: the server's own listen_addresses, when it is one IPv4
 * address (what hub init --listen set). */
static as_status listen_host(hub_conn *c, char host[16], as_err *err)
{
    PGresult *r = NULL;
    struct in_addr a;
    as_status st = hub_call(c, "SHOW listen_addresses", 0, (const char *const[]){NULL},
                            NULL, NULL, &r, err);

    if (st != AS_OK)
        return st;
    if (PQntuples(r) != 1 || strlen(PQgetvalue(r, 0, 0)) >= 16 ||
        inet_pton(AF_INET, PQgetvalue(r, 0, 0), &a) != 1)
        st = as_err_set(err, AS_EINVAL, "the hub listens on \"%s\", not one network "
                        "address kiosks can reach; give the address with --host",
                        PQntuples(r) == 1 ? PQgetvalue(r, 0, 0) : "");
    else
        snprintf(host, 16, "%s", PQgetvalue(r, 0, 0));
    PQclear(r);
    return st;
}

/* make_role: the pairing role and its row, in one transaction. */
static as_status make_role(hub_conn *c, const char *role, const char *pw, int number,
                           const char *name, as_err *err)
{
    char sql[512], num[16], mins[16];
    const char *vals[4] = {role, number ? num : NULL, name, mins};
    as_status st;

    snprintf(num, sizeof num, "%d", number);
    snprintf(mins, sizeof mins, "%d", HUB_PAIR_MINUTES);
    /* role and password are ours (hex): safe inside the statement text */
    snprintf(sql, sizeof sql, "DO $$ BEGIN EXECUTE format('CREATE ROLE %%I LOGIN "
             "PASSWORD %%L VALID UNTIL %%L CONNECTION LIMIT 1 IN ROLE asamblea_pair', "
             "'%s', '%s', (now() + interval '%d minutes')::text); END $$", role, pw,
             HUB_PAIR_MINUTES + 1);
    if ((st = hub_exec(c, "BEGIN", err)) != AS_OK)
        goto done;
    if ((st = hub_exec(c, sql, err)) != AS_OK ||
        (st = hub_call(c, "INSERT INTO hub.pairings(role, kiosk, name, expires) VALUES "
                       "($1, $2::int, $3, now() + $4::int * interval '1 minute')", 4, vals, NULL, NULL, NULL, err)) != AS_OK ||
        (st = hub_exec(c, "COMMIT", err)) != AS_OK) {
        if (!c->broken)
            hub_exec(c, "ROLLBACK", NULL);
    }
done:
    sodium_memzero(sql, sizeof sql);
    return st;
}

/* check_number: number (when not 0) is free on the hub. */
static as_status check_number(hub_conn *c, int number, as_err *err)
{
    char num[16];
    const char *vals[1] = {num};
    int64_t taken = 0;
    as_status st;

    if (number == 0)
        return AS_OK;
    snprintf(num, sizeof num, "%d", number);
    if ((st = hub_call_int(c, "SELECT count(*) FROM hub.kiosks WHERE id = $1::int", 1,
                           vals, NULL, NULL, &taken, err)) != AS_OK)
        return st;
    if (taken)
        return as_err_set(err, AS_ESTATE, "kiosk number %d is taken on this hub; choose "
                          "another number, or leave --number out", number);
    return AS_OK;
}

as_status hub_pair_new(const char *owner_conninfo, const char *host, int port,
                       const char *ca_pem, int number, const char *name,
                       char code[HUB_PAIR_CODE_MAX], as_err *err)
{
    hub_conn *c = NULL;
    uint8_t sha[32], id[8], pw[16];
    char shahex[65], idhex[17], pwhex[33], role[24], addr[16];
    as_status st;

    code[0] = '\0';
    if (number < 0 || number > 999)
        return as_err_set(err, AS_EINVAL, "a kiosk number is from 1 to 999");
    if (name && (!*name || strlen(name) > 60 || strpbrk(name, "\t\r\n")))
        return as_err_set(err, AS_EINVAL, "a kiosk name has 1 to 60 characters on one "
                          "line");
    if ((st = hub_tls_fingerprint(ca_pem, sha, err)) != AS_OK)
        return st;
    if ((st = hub_conn_open(owner_conninfo, &c, err)) != AS_OK)
        return st;
    c->timeout_ms = 30000;
    if (host)
        snprintf(addr, sizeof addr, "%s", host);
    else if ((st = listen_host(c, addr, err)) != AS_OK)
        goto done;
    if ((st = hub_exec(c, pair_sql, err)) != AS_OK ||
        (st = check_number(c, number, err)) != AS_OK)
        goto done;
    randombytes_buf(id, sizeof id);
    randombytes_buf(pw, sizeof pw);
    sodium_bin2hex(idhex, sizeof idhex, id, sizeof id);
    sodium_bin2hex(pwhex, sizeof pwhex, pw, sizeof pw);
    sodium_bin2hex(shahex, sizeof shahex, sha, sizeof sha);
    snprintf(role, sizeof role, "pair_%s", idhex);
    if ((st = make_role(c, role, pwhex, number, name, err)) != AS_OK)
        goto done;
    snprintf(code, HUB_PAIR_CODE_MAX, HUB_PAIR_PREFIX "%s:%d:%s:%s%s", addr, port, shahex,
             idhex, pwhex);
    for (char *p = code; *p; p++)
        *p = (char)toupper((unsigned char)*p);
done:
    sodium_memzero(pw, sizeof pw);
    sodium_memzero(pwhex, sizeof pwhex);
    hub_conn_free(c);
    return st;
}
