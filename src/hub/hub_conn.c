/* hub_conn.c: one libpq connection to the hub, with a deadline on every
 * call.  A kiosk must notice within about two seconds that the hub is
 * gone (a cable pulled, the server frozen) and say "paused"; a blocking
 * PQexec would wait for TCP's own timeouts, minutes.  So every call goes
 * through the asynchronous API and poll(), and a call that misses its
 * deadline drops the connection: whatever was in flight is then either
 * never done or left prepared for recovery (hub_cast.c), never half
 * done. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sodium.h>
#include "hub_internal.h"

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Names the hub for messages from its conninfo (host and port only). */
static void name_hub(hub_conn *c)
{
    const char *host = c->pg ? PQhost(c->pg) : NULL;
    const char *port = c->pg ? PQport(c->pg) : NULL;
    if (host && host[0] == '/')
        snprintf(c->where, sizeof c->where, "the hub (on this machine)");
    else if (host && host[0])
        snprintf(c->where, sizeof c->where, "the hub at %s:%s", host,
                 port ? port : "5432");
}

static as_status lost(hub_conn *c, const char *why, as_err *err)
{
    if (c->pg)
        PQfinish(c->pg);
    c->pg = NULL;
    c->broken = 1;
    return as_err_set(err, AS_EIO, "%s cannot be reached (%s); voting here is "
                      "paused and the kiosk reconnects by itself: check the "
                      "network cable and that the hub is on", c->where, why);
}

/* Connects (again).  libpq's own message says why it failed. */
static as_status connect_now(hub_conn *c, as_err *err)
{
    char why[200];
    if (c->pg)
        PQfinish(c->pg);
    c->pg = PQconnectdb(c->conninfo);
    if (!c->pg)
        return as_err_set(err, AS_ENOMEM, "connecting to the hub: out of memory");
    name_hub(c);
    if (PQstatus(c->pg) != CONNECTION_OK) {
        snprintf(why, sizeof why, "%s", PQerrorMessage(c->pg));
        why[strcspn(why, "\n")] = '\0';
        return lost(c, why, err);
    }
    c->broken = 0;
    return AS_OK;
}

as_status hub_conn_open(const char *conninfo, hub_conn **out, as_err *err)
{
    hub_conn *c;
    size_t n;
    as_status st;

    *out = NULL;
    if (!conninfo || !conninfo[0])
        return as_err_set(err, AS_EINVAL, "no hub address given");
    if (!(c = calloc(1, sizeof *c)))
        return as_err_set(err, AS_ENOMEM, "connecting to the hub: out of memory");
    /* Our own settings first: a value in the caller's conninfo wins. */
    n = strlen(conninfo) + 256;
    if (!(c->conninfo = malloc(n))) {
        free(c);
        return as_err_set(err, AS_ENOMEM, "connecting to the hub: out of memory");
    }
    snprintf(c->conninfo, n, "connect_timeout=2 keepalives=1 "
             "keepalives_idle=2 keepalives_interval=1 keepalives_count=2 "
             "application_name=asamblea options='-c lock_timeout=1000' %s",
             conninfo);
    snprintf(c->where, sizeof c->where, "the hub");
    c->timeout_ms = HUB_CALL_MS;
    if ((st = connect_now(c, err)) != AS_OK) {
        hub_conn_free(c);
        return st;
    }
    *out = c;
    return AS_OK;
}

void hub_conn_free(hub_conn *c)
{
    if (!c)
        return;
    if (c->pg)
        PQfinish(c->pg);
    if (c->conninfo) {
        sodium_memzero(c->conninfo, strlen(c->conninfo));
        free(c->conninfo);
    }
    free(c);
}

/* Waits for the result of the query just sent, until the deadline. */
static as_status wait_result(hub_conn *c, int64_t deadline, PGresult **res,
                             as_err *err)
{
    PGresult *last = NULL, *r;
    for (;;) {
        while (!PQisBusy(c->pg)) {
            if (!(r = PQgetResult(c->pg))) {
                *res = last;
                return AS_OK;
            }
            PQclear(last);
            last = r;
        }
        int64_t left = deadline - now_ms();
        struct pollfd pfd = {.fd = PQsocket(c->pg), .events = POLLIN};
        int rc = left > 0 ? poll(&pfd, 1, (int)left) : 0;
        if (rc < 0 && errno == EINTR)
            continue;
        if (rc <= 0) {
            PQclear(last);
            return lost(c, "no answer in time", err);
        }
        if (!PQconsumeInput(c->pg)) {
            PQclear(last);
            return lost(c, "the connection dropped", err);
        }
    }
}

as_status hub_call(hub_conn *c, const char *sql, int nparams,
                   const char *const *vals, const int *lens, const int *fmts,
                   PGresult **res, as_err *err)
{
    PGresult *r = NULL;
    as_status st;
    int64_t deadline = now_ms() + c->timeout_ms;

    if (res)
        *res = NULL;
    if ((!c->pg || c->broken || PQstatus(c->pg) != CONNECTION_OK) &&
        (st = connect_now(c, err)) != AS_OK)
        return st;
    /* No parameters: the simple protocol, which also runs a script of
     * several statements (hub_install's schema). */
    if (!(nparams == 0 && !vals ? PQsendQuery(c->pg, sql)
                                : PQsendQueryParams(c->pg, sql, nparams, NULL,
                                                    vals, lens, fmts, 0)))
        return lost(c, "the connection dropped", err);
    while (PQflush(c->pg) == 1) {
        struct pollfd pfd = {.fd = PQsocket(c->pg), .events = POLLOUT};
        int64_t left = deadline - now_ms();
        if (left <= 0 || poll(&pfd, 1, (int)left) <= 0)
            return lost(c, "no answer in time", err);
    }
    if ((st = wait_result(c, deadline, &r, err)) != AS_OK)
        return st;
    if (!r)
        return lost(c, "the connection dropped", err);
    switch (PQresultStatus(r)) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
        break;
    default:
        if (PQstatus(c->pg) != CONNECTION_OK) {
            PQclear(r);
            return lost(c, "the connection dropped", err);
        }
        {
            const char *m = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
            const char *code = PQresultErrorField(r, PG_DIAG_SQLSTATE);
            st = as_err_set(err, AS_EIO, "%s refused a request (%s%s%s); "
                            "try again, and if it repeats tell the "
                            "facilitator", c->where,
                            m ? m : "no reason given", code ? ", " : "",
                            code ? code : "");
        }
        PQclear(r);
        return st;
    }
    if (res)
        *res = r;
    else
        PQclear(r);
    return AS_OK;
}

as_status hub_call_int(hub_conn *c, const char *sql, int nparams,
                       const char *const *vals, const int *lens,
                       const int *fmts, int64_t *v, as_err *err)
{
    PGresult *r = NULL;
    as_status st = hub_call(c, sql, nparams, vals, lens, fmts, &r, err);
    const char *t;
    char *end;

    if (st != AS_OK)
        return st;
    if (PQntuples(r) != 1 || PQnfields(r) < 1 || PQgetisnull(r, 0, 0)) {
        PQclear(r);
        return as_err_set(err, AS_ECORRUPT, "%s gave an answer of the wrong "
                          "shape; is it the same asamblea version?", c->where);
    }
    t = PQgetvalue(r, 0, 0);
    if (!strcmp(t, "t") || !strcmp(t, "f")) {
        *v = t[0] == 't';
    } else {
        errno = 0;
        long long x = strtoll(t, &end, 10);
        if (errno || *end || end == t) {
            PQclear(r);
            return as_err_set(err, AS_ECORRUPT, "%s gave a number that is "
                              "not one", c->where);
        }
        *v = x;
    }
    PQclear(r);
    return AS_OK;
}

as_status hub_exec(hub_conn *c, const char *sql, as_err *err)
{
    return hub_call(c, sql, 0, NULL, NULL, NULL, NULL, err);
}

void hub_gid_prefix(int kiosk, char out[16])
{
    snprintf(out, 16, "as-k%03u-", (unsigned)kiosk % 1000u);
}

void hub_gid_new(int kiosk, char gid[STORE_PENDING_SIZE + 1])
{
    uint8_t r[16];
    char hex[33];
    randombytes_buf(r, sizeof r);
    for (int i = 0; i < 16; i++)
        snprintf(hex + 2 * i, 3, "%02x", r[i]);
    snprintf(gid, STORE_PENDING_SIZE + 1, "as-k%03u-%.32s", (unsigned)kiosk % 1000u, hex);
    sodium_memzero(r, sizeof r);
}
