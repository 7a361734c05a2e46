/* hub_setup.c: making a hub for a meeting, registering kiosks, and a
 * kiosk opening its store on the hub. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "hub_internal.h"
#include "hub_schema.h"
#include "record.h"
#include "store_sqlite.h"

as_status hub_install(const char *owner_conninfo,
                      const uint8_t meeting_sha256[32], as_err *err)
{
    hub_conn *c = NULL;
    uint8_t key[32];
    char hex[65], ev[80];
    int64_t have = 0;
    as_status st;

    if (!meeting_sha256)
        return as_err_set(err, AS_EINVAL, "hub_install: no meeting");
    if ((st = hub_conn_open(owner_conninfo, &c, err)) != AS_OK)
        return st;
    c->timeout_ms = 30000; /* the script, and a slow card */
    if ((st = hub_call_int(c, "SELECT count(*) FROM pg_namespace WHERE nspname"
                           " = 'hub'", 0, (const char *const[]){NULL}, NULL,
                           NULL, &have, err)) != AS_OK)
        goto done;
    if (have) {
        st = as_err_set(err, AS_ESTATE, "%s already holds a meeting; make a "
                        "new hub (hub init with a new --data folder) for "
                        "another meeting", c->where);
        goto done;
    }
    randombytes_buf(key, sizeof key);
    record_hex(meeting_sha256, 32, hex);
    snprintf(ev, sizeof ev, "meeting %s", hex);
    {
        const char *vals[3] = {(const char *)meeting_sha256, (const char *)key, ev};
        int lens[3] = {32, 32, 0}, fmts[3] = {1, 1, 0};
        if ((st = hub_exec(c, "BEGIN", err)) != AS_OK ||
            (st = hub_exec(c, hub_schema_sql, err)) != AS_OK ||
            (st = hub_call(c, "INSERT INTO hub.meeting VALUES (1, $1, $2)", 2,
                           vals, lens, fmts, NULL, err)) != AS_OK ||
            (st = hub_call(c, "SELECT hub.append_event($1)", 1, vals + 2, NULL,
                           NULL, NULL, err)) != AS_OK ||
            (st = hub_exec(c, "COMMIT", err)) != AS_OK) {
            if (!c->broken)
                hub_exec(c, "ROLLBACK", NULL);
        }
    }
done:
    sodium_memzero(key, sizeof key);
    hub_conn_free(c);
    return st;
}

static int name_ok(const char *n)
{
    size_t len = n ? strlen(n) : 0;
    if (len == 0 || len > 60)
        return 0;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)n[i] < 0x20 || n[i] == 0x7f)
            return 0;
    return 1;
}

as_status hub_add_kiosk(const char *owner_conninfo, int id, const char *name,
                        const char *host, int port, char **conninfo,
                        as_err *err)
{
    hub_conn *c = NULL;
    uint8_t pw[18];
    char pwhex[37], role[16], idbuf[8], *sql = NULL;
    int64_t taken = 0;
    as_status st;

    *conninfo = NULL;
    if (id < 1 || id > 999 || !name_ok(name))
        return as_err_set(err, AS_EINVAL, "a kiosk needs a number from 1 to "
                          "999 and a name of 1 to 60 characters");
    if ((st = hub_conn_open(owner_conninfo, &c, err)) != AS_OK)
        return st;
    snprintf(role, sizeof role, "kiosk_%d", id);
    snprintf(idbuf, sizeof idbuf, "%d", id);
    {
        const char *vals[1] = {idbuf};
        if ((st = hub_call_int(c, "SELECT count(*) FROM hub.kiosks WHERE id = "
                               "$1::int", 1, vals, NULL, NULL, &taken, err)) != AS_OK)
            goto done;
    }
    if (taken) {
        st = as_err_set(err, AS_ESTATE, "kiosk number %d is taken on this hub; "
                        "choose another number", id);
        goto done;
    }
    randombytes_buf(pw, sizeof pw);
    record_hex(pw, sizeof pw, pwhex);
    if (!(sql = malloc(256))) {
        st = as_err_set(err, AS_ENOMEM, "out of memory");
        goto done;
    }
    /* role and password are ours ([a-z0-9_] and hex): safe in the text. */
    snprintf(sql, 256, "CREATE ROLE %s LOGIN PASSWORD '%s' IN ROLE "
             "asamblea_kiosk", role, pwhex);
    {
        const char *vals[3] = {idbuf, role, name};
        if ((st = hub_exec(c, "BEGIN", err)) != AS_OK ||
            (st = hub_exec(c, sql, err)) != AS_OK ||
            (st = hub_call(c, "INSERT INTO hub.kiosks(id, role, name) VALUES "
                           "($1::int, $2, $3)", 3, vals, NULL, NULL, NULL,
                           err)) != AS_OK ||
            (st = hub_exec(c, "COMMIT", err)) != AS_OK) {
            if (!c->broken)
                hub_exec(c, "ROLLBACK", NULL);
            goto done;
        }
    }
    {
        const char *h = host ? host : PQhost(c->pg);
        char pbuf[16];
        size_t n;
        snprintf(pbuf, sizeof pbuf, "%d", host ? port : atoi(PQport(c->pg)));
        n = strlen(h) + 160;
        if (!(*conninfo = malloc(n))) {
            st = as_err_set(err, AS_ENOMEM, "out of memory");
            goto done;
        }
        snprintf(*conninfo, n, "host=%s port=%s dbname=%s user=%s password=%s",
                 h, pbuf, PQdb(c->pg), role, pwhex);
    }
done:
    if (sql) {
        sodium_memzero(sql, 256);
        free(sql);
    }
    sodium_memzero(pwhex, sizeof pwhex);
    sodium_memzero(pw, sizeof pw);
    hub_conn_free(c);
    return st;
}

/* Reads a bytea of exactly n bytes answered by sql into out. */
static as_status read_bytes(hub_conn *c, const char *sql, uint8_t *out,
                            size_t n, int *isnull, as_err *err)
{
    PGresult *r = NULL;
    unsigned char *b = NULL;
    size_t len = 0;
    as_status st = hub_call(c, sql, 0, (const char *const[]){NULL}, NULL, NULL,
                            &r, err);
    if (st != AS_OK)
        return st;
    *isnull = PQntuples(r) != 1 || PQgetisnull(r, 0, 0);
    if (!*isnull) {
        b = PQunescapeBytea((const unsigned char *)PQgetvalue(r, 0, 0), &len);
        if (!b || len != n)
            st = as_err_set(err, AS_ECORRUPT, "%s gave a value of the wrong "
                            "size", c->where);
        else
            memcpy(out, b, n);
    }
    if (b) {
        sodium_memzero(b, len);
        PQfreemem(b);
    }
    PQclear(r);
    return st;
}

/* The hub's meeting, this kiosk's number, the token key, the signing
 * key registered (or checked). */
static as_status join(hubstore *s, const uint8_t meeting_sha256[32],
                      as_err *err)
{
    uint8_t sha[32], pk[32];
    int64_t id = 0;
    int isnull = 0;
    as_status st;

    if ((st = read_bytes(s->hub, "SELECT hub.meeting_sha256()", sha, 32,
                         &isnull, err)) != AS_OK)
        return st;
    if (isnull || memcmp(sha, meeting_sha256, 32) != 0)
        return as_err_set(err, AS_EMISMATCH, "%s serves another meeting; use "
                          "the meeting file the hub was made with", s->hub->where);
    if ((st = hub_call_int(s->hub, "SELECT coalesce(hub.me(), 0)", 0,
                           (const char *const[]){NULL}, NULL, NULL, &id,
                           err)) != AS_OK)
        return st;
    if (id < 1 || id > 999)
        return as_err_set(err, AS_EINVAL, "%s does not know this login as a "
                          "kiosk; join the kiosk to the hub again", s->hub->where);
    s->kiosk = (int)id;
    if ((st = read_bytes(s->hub, "SELECT hub.token_key()", s->key, 32, &isnull,
                         err)) != AS_OK)
        return st;
    if (isnull)
        return as_err_set(err, AS_ECORRUPT, "%s holds no token key", s->hub->where);
    if ((st = read_bytes(s->hub, "SELECT public_key FROM hub.kiosk_key()", pk,
                         32, &isnull, err)) != AS_OK)
        return st;
    if (!isnull && memcmp(pk, s->sign_pk, 32) != 0)
        return as_err_set(err, AS_EMISMATCH, "%s knows another signing key for "
                          "kiosk %d: this is not the kiosk that joined as "
                          "number %d (or its data folder was replaced); join "
                          "it to the hub under a new number", s->hub->where,
                          s->kiosk, s->kiosk);
    if ((st = hub_exec(s->hub, "SELECT hub.heartbeat()", err)) != AS_OK)
        return st;
    if (isnull) {
        const char *vals[1] = {(const char *)s->sign_pk};
        int lens[1] = {32}, fmts[1] = {1};
        st = hub_call(s->hub, "SELECT hub.set_public_key($1)", 1, vals, lens,
                      fmts, NULL, err);
    }
    return st;
}

as_status hub_store_open(const char *data_dir, const char *conninfo,
                         const uint8_t meeting_sha256[32],
                         const uint8_t sign_pk[32], const uint8_t sign_sk[64],
                         store **out, as_err *err)
{
    hubstore *s;
    as_status st;

    *out = NULL;
    if (!data_dir || !conninfo || !meeting_sha256 || !sign_pk || !sign_sk)
        return as_err_set(err, AS_EINVAL, "hub_store_open: missing argument");
    if (sodium_init() < 0)
        return as_err_set(err, AS_EIO, "libsodium could not start");
    if (!(s = calloc(1, sizeof *s)))
        return as_err_set(err, AS_ENOMEM, "out of memory");
    s->base.ops = &hub_store_ops;
    memcpy(s->sign_pk, sign_pk, 32);
    memcpy(s->sign_sk, sign_sk, 64);
    if ((st = hub_conn_open(conninfo, &s->hub, err)) != AS_OK ||
        (st = join(s, meeting_sha256, err)) != AS_OK ||
        (st = store_open(data_dir, meeting_sha256, &s->local, err)) != AS_OK ||
        (st = store_sqlite_mark_hub_member(s->local, err)) != AS_OK ||
        (st = hub_recover(s, err)) != AS_OK) {
        store_free(&s->base);
        return st;
    }
    *out = &s->base;
    return AS_OK;
}
