/* hub_fault_util.c: the fault and secrecy tests' meeting (hub_fault_util.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <libpq-fe.h>
#include <sodium.h>
#include "hub_fault_util.h"
#include "hub_store.h"
#include "hub_util.h"
#include "store_sqlite.h"

void hf_badge(int i, uint8_t out[32])
{
    memset(out, 0x5a, 32);
    out[0] = (uint8_t)(i & 0xff);
    out[1] = (uint8_t)((i >> 8) & 0xff);
    out[2] = (uint8_t)((i >> 16) & 0xff);
}

void hf_sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

int64_t hf_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

const char *hf_owner(const hf_meeting *m)
{
    return hub_cluster_conninfo(m->c);
}

/* Writes pk||sk to k->keyfile (0600). */
static int write_key(hf_kiosk *k)
{
    uint8_t both[96];
    int fd = open(k->keyfile, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    int ok;
    memcpy(both, k->pk, 32);
    memcpy(both + 32, k->sk, 64);
    ok = fd >= 0 && write(fd, both, sizeof both) == (ssize_t)sizeof both;
    if (fd >= 0)
        close(fd);
    sodium_memzero(both, sizeof both);
    return ok;
}

static int add_kiosk(hf_meeting *m, int i)
{
    hf_kiosk *k = &m->k[i];
    as_err err = {{0}};
    char name[32], base[sizeof k->base];

    k->id = i + 1;
    snprintf(k->base, sizeof k->base, "/tmp/asamblea-hfk%d-XXXXXX", k->id);
    if (!mkdtemp(k->base)) {
        perror("hf_setup: mkdtemp");
        return 0;
    }
    snprintf(base, sizeof base, "%s", k->base);
    snprintf(k->data, sizeof k->data, "%s/data", base);
    snprintf(k->keyfile, sizeof k->keyfile, "%s/key", base);
    crypto_sign_keypair(k->pk, k->sk);
    if (!write_key(k)) {
        perror("hf_setup: key file");
        return 0;
    }
    snprintf(name, sizeof name, "Kiosk %d", k->id);
    if (hub_add_kiosk(hf_owner(m), k->id, name, NULL, 0, &k->conninfo, &err) != AS_OK) {
        fprintf(stderr, "hf_setup: hub_add_kiosk: %s\n", err.msg);
        return 0;
    }
    return 1;
}

int hf_setup(hf_meeting *m, int nk)
{
    as_err err = {{0}};
    int up;

    memset(m, 0, sizeof *m);
    up = hub_test_cluster(&m->c);
    if (up != 1)
        return up;
    snprintf(m->dir, sizeof m->dir, "%s", hub_cluster_dir(m->c));
    if (sodium_init() < 0 || nk < 1 || nk > HF_MAX_KIOSKS)
        return -1;
    randombytes_buf(m->sha, sizeof m->sha);
    sodium_bin2hex(m->sha_hex, sizeof m->sha_hex, m->sha, sizeof m->sha);
    if (hub_install(hf_owner(m), m->sha, &err) != AS_OK) {
        fprintf(stderr, "hf_setup: hub_install: %s\n", err.msg);
        return -1;
    }
    for (int i = 0; i < nk; i++) {
        m->nk = i + 1;
        if (!add_kiosk(m, i))
            return -1;
    }
    return 1;
}

void hf_teardown(hf_meeting *m)
{
    for (int i = 0; i < m->nk; i++) {
        if (m->k[i].conninfo) {
            sodium_memzero(m->k[i].conninfo, strlen(m->k[i].conninfo));
            free(m->k[i].conninfo);
        }
        if (m->k[i].base[0])
            hub_test_rm_rf(m->k[i].base);
    }
    if (m->c)
        hub_test_cluster_done(m->c);
    else if (m->dir[0]) /* a test lost its server: it is dead by now */
        hub_test_rm_rf(m->dir);
    memset(m, 0, sizeof *m);
}

store *hf_open(hf_meeting *m, int i)
{
    store *s = NULL;
    as_err err = {{0}};
    if (hub_store_open(m->k[i].data, m->k[i].conninfo, m->sha, m->k[i].pk,
                       m->k[i].sk, &s, &err) != AS_OK) {
        fprintf(stderr, "hub_store_open kiosk %d: %s\n", m->k[i].id, err.msg);
        return NULL;
    }
    return s;
}

/* One integer from the owner's query with n text parameters, or -1. */
static long long owner_query(const hf_meeting *m, const char *sql, int n,
                             const char *const *vals)
{
    PGconn *c = PQconnectdb(hf_owner(m));
    PGresult *r = PQexecParams(c, sql, n, NULL, vals, NULL, NULL, 0);
    long long v = -1;
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
        v = atoll(PQgetvalue(r, 0, 0));
    else
        fprintf(stderr, "owner query failed: %s", PQerrorMessage(c));
    PQclear(r);
    PQfinish(c);
    return v;
}

long long hf_owner_int(const hf_meeting *m, const char *sql, const char *param)
{
    const char *vals[1] = {param};
    return owner_query(m, sql, param ? 1 : 0, vals);
}

long long hf_marked(const hf_meeting *m, const char *proposal,
                    const int *badges, int n)
{
    /* '{"\\x<64 hex>",...}': a bytea[] literal */
    size_t cap = 16 + (size_t)n * 72;
    char *arr = malloc(cap), *p = arr;
    const char *vals[2] = {proposal, arr};
    long long v;

    if (!arr)
        return -1;
    *p++ = '{';
    for (int j = 0; j < n; j++) {
        uint8_t h[32];
        hf_badge(badges[j], h);
        p += sprintf(p, "%s\"\\\\x", j ? "," : "");
        sodium_bin2hex(p, 65, h, sizeof h);
        p += 64;
        *p++ = '"';
    }
    *p++ = '}';
    *p = '\0';
    v = owner_query(m, "SELECT count(*) FROM hub.marks WHERE proposal = $1 "
                    "AND badge = ANY($2::bytea[])", 2, vals);
    free(arr);
    return v;
}

static store *open_ro(hf_meeting *m, int i)
{
    store *l = NULL;
    as_err err = {{0}};
    if (store_open_readonly(m->k[i].data, m->sha, &l, &err) != AS_OK) {
        fprintf(stderr, "store_open_readonly kiosk %d: %s\n", m->k[i].id, err.msg);
        return NULL;
    }
    return l;
}

int hf_local(hf_meeting *m, int i, const char *proposal, int64_t *ballots,
             int64_t *voted, int *pending)
{
    store *l = open_ro(m, i);
    char gid[STORE_PENDING_SIZE + 1];
    as_err err = {{0}};
    int rc = 0;
    if (!l)
        return -1;
    if (store_ballot_count(l, proposal, ballots, &err) != AS_OK ||
        store_voted_count(l, proposal, voted, &err) != AS_OK ||
        store_sqlite_pending(l, gid, pending, &err) != AS_OK) {
        fprintf(stderr, "kiosk %d's folder: %s\n", m->k[i].id, err.msg);
        rc = -1;
    }
    store_free(l);
    return rc;
}

int hf_local_voted(hf_meeting *m, int i, const char *proposal,
                   const int *badges, int n)
{
    store *l = open_ro(m, i);
    int found = 0;
    if (!l)
        return -1;
    for (int j = 0; j < n && found >= 0; j++) {
        uint8_t h[32];
        as_err err = {{0}};
        int yes = 0;
        hf_badge(badges[j], h);
        if (store_has_voted(l, proposal, h, &yes, &err) != AS_OK)
            found = -1;
        else
            found += yes;
    }
    store_free(l);
    return found;
}
