/* test_hub_store.c: several kiosks, one meeting, against a real
 * PostgreSQL 15 (issue 11): the hub store's cast is exactly-once across
 * the hub's mark and the kiosk's ballot; recovery resolves every crash
 * point of the two-phase protocol (docs/several-kiosks.md) as the
 * document says; the close waits for every kiosk's signed list, merges
 * them and records one root that both kiosks read back; a kiosk's login
 * can reach no table; the hub holds no ballot while voting is open; and
 * the same badge cast at two kiosks at once (two processes, 1,000
 * badges) gives exactly one ballot each.  SKIP (77) without PostgreSQL. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <libpq-fe.h>
#include <sodium.h>
#include "check.h"
#include "hub_store.h"
#include "hub_util.h"
#include "record.h"
#include "store_sqlite.h"

static uint8_t sha[32];

typedef struct {
    char dir[64];
    char *conninfo;
    uint8_t pk[32], sk[64];
    store *s;
} kiosk;

static void badge(int i, uint8_t out[32])
{
    memset(out, 0, 32);
    out[0] = (uint8_t)(i & 0xff);
    out[1] = (uint8_t)(i >> 8);
    out[31] = 0xab;
}

static int kiosk_open(kiosk *k)
{
    as_err err = {{0}};
    as_status st = hub_store_open(k->dir, k->conninfo, sha, k->pk, k->sk, &k->s, &err);
    if (st != AS_OK)
        fprintf(stderr, "hub_store_open %s: %s\n", k->dir, err.msg);
    return st == AS_OK;
}

static void kiosk_close(kiosk *k)
{
    store_free(k->s);
    k->s = NULL;
}

static as_status cast(kiosk *k, int b, const char *choice)
{
    uint8_t h[32];
    as_err err = {{0}};
    badge(b, h);
    return store_cast_text(k->s, "p1", h, choice, &err);
}

static int voted(kiosk *k, int b)
{
    uint8_t h[32];
    int yes = -1;
    as_err err = {{0}};
    badge(b, h);
    if (store_has_voted(k->s, "p1", h, &yes, &err) != AS_OK)
        return -1;
    return yes;
}

/* One value from the owner's connection. */
static long long owner_int(const char *ci, const char *sql)
{
    PGconn *c = PQconnectdb(ci);
    PGresult *r = PQexec(c, sql);
    long long v = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1
                      ? atoll(PQgetvalue(r, 0, 0)) : -1;
    PQclear(r);
    PQfinish(c);
    return v;
}

/* As kiosk k, on the hub only: BEGIN, mark badge b, PREPARE gid (the
 * first step of a cast, then a "crash"). */
static int prepare_only(kiosk *k, int b, const char *gid)
{
    PGconn *c = PQconnectdb(k->conninfo);
    uint8_t h[32];
    const char *vals[2] = {"p1", (const char *)h};
    int lens[2] = {0, 32}, fmts[2] = {0, 1}, ok;
    char sql[96];
    PGresult *r;

    badge(b, h);
    PQclear(PQexec(c, "BEGIN"));
    r = PQexecParams(c, "SELECT hub.mark($1, $2)", 2, NULL, vals, lens, fmts, 0);
    ok = PQresultStatus(r) == PGRES_TUPLES_OK && !strcmp(PQgetvalue(r, 0, 0), "0");
    PQclear(r);
    snprintf(sql, sizeof sql, "PREPARE TRANSACTION '%s'", gid);
    r = PQexec(c, sql);
    ok = ok && PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    PQfinish(c);
    return ok;
}

static void gid_for(int kiosk_id, char gid[STORE_PENDING_SIZE + 1], int salt)
{
    snprintf(gid, STORE_PENDING_SIZE + 1, "as-k%03d-%032x", kiosk_id, salt);
}

/* The local half of a cast with its pending cell, straight into the
 * kiosk's SQLite store (the kiosk "crashed" after step 2). */
static int local_only(kiosk *k, int b, const char *choice, const char *gid)
{
    store *l = NULL;
    uint8_t h[32];
    as_err err = {{0}};
    as_status st;
    badge(b, h);
    if (store_open(k->dir, sha, &l, &err) != AS_OK)
        return 0;
    st = store_sqlite_cast_pending(l, "p1", h, choice, gid, &err);
    store_free(l);
    return st == AS_OK;
}

static int pending_of(kiosk *k)
{
    store *l = NULL;
    char gid[STORE_PENDING_SIZE + 1];
    int has = -1;
    as_err err = {{0}};
    if (store_open(k->dir, sha, &l, &err) != AS_OK)
        return -1;
    if (store_sqlite_pending(l, gid, &has, &err) != AS_OK)
        has = -1;
    store_free(l);
    return has;
}

static int64_t local_ballots(kiosk *k)
{
    store *l = NULL;
    int64_t n = -1;
    as_err err = {{0}};
    if (store_open(k->dir, sha, &l, &err) != AS_OK)
        return -1;
    if (store_ballot_count(l, "p1", &n, &err) != AS_OK)
        n = -1;
    /* marked as one kiosk of several: the tools refuse it alone */
    if (!store_sqlite_is_hub_member(l))
        n = -2;
    store_free(l);
    return n;
}

static void crash_points(const char *owner, kiosk *k1)
{
    char gid[STORE_PENDING_SIZE + 1];
    long long marks0 = owner_int(owner, "SELECT count(*) FROM hub.marks");
    int64_t local0;

    kiosk_close(k1);
    local0 = local_ballots(k1);
    /* (a) prepared on the hub, nothing here: recovery rolls it back. */
    gid_for(1, gid, 0xa);
    CHECK(prepare_only(k1, 100, gid));
    CHECK_INT(owner_int(owner, "SELECT count(*) FROM pg_prepared_xacts"), 1);
    CHECK(kiosk_open(k1));
    CHECK_INT(owner_int(owner, "SELECT count(*) FROM pg_prepared_xacts"), 0);
    CHECK_INT(voted(k1, 100), 0);
    CHECK_INT(owner_int(owner, "SELECT count(*) FROM hub.marks"), marks0);
    CHECK_INT(cast(k1, 100, "yes"), AS_OK); /* the badge can vote after all */
    kiosk_close(k1);
    /* (b) prepared there, ballot and pending cell here: committed. */
    gid_for(1, gid, 0xb);
    CHECK(prepare_only(k1, 101, gid));
    CHECK(local_only(k1, 101, "no", gid));
    CHECK_INT(pending_of(k1), 1);
    CHECK(kiosk_open(k1));
    CHECK_INT(owner_int(owner, "SELECT count(*) FROM pg_prepared_xacts"), 0);
    CHECK_INT(voted(k1, 101), 1);
    kiosk_close(k1);
    CHECK_INT(pending_of(k1), 0); /* nothing names the transaction now */
    /* (c) committed there too, only the cell left: cleared. */
    gid_for(1, gid, 0xc);
    CHECK(prepare_only(k1, 102, gid));
    CHECK(local_only(k1, 102, "abstain", gid));
    {
        PGconn *c = PQconnectdb(k1->conninfo);
        char sql[96];
        snprintf(sql, sizeof sql, "COMMIT PREPARED '%s'", gid);
        PGresult *r = PQexec(c, sql);
        CHECK(PQresultStatus(r) == PGRES_COMMAND_OK);
        PQclear(r);
        PQfinish(c);
    }
    CHECK(kiosk_open(k1));
    kiosk_close(k1);
    CHECK_INT(pending_of(k1), 0);
    CHECK_INT(local_ballots(k1), local0 + 3);
    CHECK_INT(owner_int(owner, "SELECT count(*) FROM hub.marks"), marks0 + 3);
    CHECK(kiosk_open(k1));
}

typedef struct {
    int lists;
    int64_t ballots;
    int verified;
} list_walk;

static as_status on_list(void *ud, int kiosk_no, const uint8_t pk[32],
                         const char *list, size_t len, int64_t count,
                         const uint8_t sig[64])
{
    list_walk *w = ud;
    char head[96];
    int h = snprintf(head, sizeof head, "asamblea-kiosk-list/v1\np1\n%lld\n",
                     (long long)count);
    unsigned char *msg = malloc((size_t)h + len);
    (void)kiosk_no;
    if (!msg)
        return AS_ENOMEM;
    memcpy(msg, head, (size_t)h);
    memcpy(msg + h, list, len);
    w->verified += crypto_sign_verify_detached(sig, msg, (size_t)h + len, pk) == 0;
    free(msg);
    w->lists++;
    w->ballots += count;
    return AS_OK;
}

/* Two processes cast the same n badges at once, one kiosk each. */
static void race(kiosk *k1, kiosk *k2, int first, int n)
{
    pid_t pid;
    int status = 0, ok1 = 0;
    kiosk_close(k2);
    fflush(NULL);
    pid = fork();
    if (pid == 0) {
        int ok = 0;
        if (!kiosk_open(k2))
            _exit(90);
        for (int i = 0; i < n; i++)
            ok += cast(k2, first + i, "no") == AS_OK;
        kiosk_close(k2);
        _exit(ok > 250 ? 251 : ok); /* a count, capped into a status */
    }
    for (int i = 0; i < n; i++)
        ok1 += cast(k1, first + i, "yes") == AS_OK;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) != 90);
    CHECK(kiosk_open(k2));
    printf("race: kiosk 1 recorded %d of %d, kiosk 2 the rest\n", ok1, n);
}

int main(void)
{
    hub_cluster *c = NULL;
    kiosk k1 = {.dir = "/tmp/asamblea-hubk1-XXXXXX"}, k2 = {.dir = "/tmp/asamblea-hubk2-XXXXXX"};
    as_err err = {{0}};
    const char *owner;
    int up = hub_test_cluster(&c);
    enum { RACE = 1000 };

    if (up == 0) {
        CHECK_SKIP(HUB_TEST_SKIP_LINE);
        return check_done();
    }
    CHECK(up == 1);
    if (up != 1)
        return check_done();
    CHECK(sodium_init() >= 0);
    owner = hub_cluster_conninfo(c);
    randombytes_buf(sha, sizeof sha);
    CHECK(mkdtemp(k1.dir) && mkdtemp(k2.dir));
    crypto_sign_keypair(k1.pk, k1.sk);
    crypto_sign_keypair(k2.pk, k2.sk);
    CHECK_INT(hub_install(owner, sha, &err), AS_OK);
    if (err.msg[0]) fprintf(stderr, "%s\n", err.msg);
    CHECK_INT(hub_install(owner, sha, &err), AS_ESTATE); /* once only */
    CHECK_INT(hub_add_kiosk(owner, 1, "Kiosk by the door", NULL, 0, &k1.conninfo, &err), AS_OK);
    CHECK_INT(hub_add_kiosk(owner, 2, "Kiosk by the stage", NULL, 0, &k2.conninfo, &err), AS_OK);
    CHECK_INT(hub_add_kiosk(owner, 2, "again", NULL, 0, &(char *){NULL}, &err), AS_ESTATE);
    CHECK(kiosk_open(&k1) && kiosk_open(&k2));
    CHECK_INT(hub_store_kiosk(k1.s), 1);
    CHECK_INT(hub_store_kiosk(k2.s), 2);
    /* the same token key on both: a badge hashes alike everywhere */
    CHECK(!memcmp(store_key(k1.s), store_key(k2.s), 32));

    /* check-in at one kiosk is seen at the other */
    {
        uint8_t h[32];
        int was = -1, yes = 0;
        int64_t n = 0;
        badge(1, h);
        CHECK_INT(store_checkin(k1.s, h, &was, &err), AS_OK);
        CHECK_INT(was, 1);
        CHECK_INT(store_is_checked_in(k2.s, h, &yes, &err), AS_OK);
        CHECK_INT(yes, 1);
        CHECK_INT(store_checked_in_count(k2.s, &n, &err), AS_OK);
        CHECK_INT(n, 1);
    }
    CHECK_INT(store_open_proposal(k1.s, "p1", 8, &err), AS_OK);
    CHECK_INT(cast(&k1, 1, "yes"), AS_OK);
    CHECK_INT(cast(&k2, 1, "no"), AS_ESTATE);  /* voted already, elsewhere */
    CHECK_INT(cast(&k2, 2, "no"), AS_OK);
    CHECK_INT(cast(&k1, 3, "abstain"), AS_OK);
    {
        int64_t n = 0;
        CHECK_INT(store_voted_count(k2.s, "p1", &n, &err), AS_OK);
        CHECK_INT(n, 3);
    }
    /* the hub holds marks and no ballot; a kiosk reads no table */
    CHECK_INT(owner_int(owner, "SELECT count(*) FROM hub.deliveries"), 0);
    {
        PGconn *kc = PQconnectdb(k1.conninfo);
        PGresult *r = PQexec(kc, "SELECT count(*) FROM hub.marks");
        CHECK(PQresultStatus(r) == PGRES_FATAL_ERROR);
        CHECK(strstr(PQresultErrorField(r, PG_DIAG_SQLSTATE), "42501") != NULL);
        PQclear(r);
        r = PQexec(kc, "INSERT INTO hub.marks VALUES ('p1', '\\x00')");
        CHECK(PQresultStatus(r) == PGRES_FATAL_ERROR);
        PQclear(r);
        PQfinish(kc);
    }
    crash_points(owner, &k1);
    race(&k1, &k2, 1000, RACE);
    {
        int64_t n1 = 0, n2 = 0;
        long long marks = owner_int(owner, "SELECT count(*) FROM hub.marks");
        kiosk_close(&k1);
        kiosk_close(&k2);
        n1 = local_ballots(&k1);
        n2 = local_ballots(&k2);
        CHECK_INT(n1 + n2, marks);
        CHECK_INT(owner_int(owner, "SELECT count(*) FROM hub.marks WHERE badge::text LIKE '%ab'"), marks);
        CHECK_INT(marks, 3 + 3 + RACE);
        CHECK_INT(owner_int(owner, "SELECT count(*) FROM pg_prepared_xacts"), 0);
        CHECK(kiosk_open(&k1) && kiosk_open(&k2));
    }
    /* The close: kiosk 2 has not handed in its list, so kiosk 1 waits and
     * names it; after kiosk 2's tick it closes, with one root. */
    {
        const char *ids[1] = {"p1"};
        prop_state ps = PROP_DRAFT;
        int64_t n1 = 0, n2 = 0, ci = 0, counts[3] = {0};
        uint8_t r1[32], r2[32], rc[32];
        CHECK_INT(store_set_proposal_state(k1.s, "p1", PROP_CLOSED, &err), AS_ESTATE);
        CHECK_MSG(strstr(err.msg, "kiosk 2 (Kiosk by the stage)") != NULL, "%s", err.msg);
        CHECK_INT(cast(&k2, 5000, "yes"), AS_ESTATE); /* closing: no new vote */
        CHECK_INT(hub_store_tick(k2.s, ids, 1, &err), AS_OK);
        CHECK_INT(store_set_proposal_state(k1.s, "p1", PROP_CLOSED, &err), AS_OK);
        CHECK_INT(store_proposal_state(k2.s, "p1", &ps, &err), AS_OK);
        CHECK_INT(ps, PROP_CLOSED);
        CHECK_INT(store_ballot_root(k1.s, "p1", &n1, r1, &err), AS_OK);
        CHECK_INT(store_ballot_root(k2.s, "p1", &n2, r2, &err), AS_OK);
        CHECK_INT(n1, 3 + 3 + RACE);
        CHECK_INT(n2, n1);
        CHECK(!memcmp(r1, r2, 32));
        CHECK_INT(store_closed_info(k2.s, "p1", &ci, rc, &err), AS_OK);
        CHECK(!memcmp(r1, rc, 32));
        CHECK_INT(store_counts(k1.s, "p1", counts, 3, &err), AS_OK);
        {
            list_walk w = {0};
            CHECK_INT(store_each_kiosk_list(k2.s, "p1", on_list, &w, &err), AS_OK);
            CHECK_INT(w.lists, 2);
            CHECK_INT(w.verified, 2);
            CHECK_INT(w.ballots, n1);
        }
        CHECK_INT(counts[0] + counts[1] + counts[2], n1);
    }
    kiosk_close(&k1);
    kiosk_close(&k2);
    free(k1.conninfo);
    free(k2.conninfo);
    hub_test_rm_rf(k1.dir);
    hub_test_rm_rf(k2.dir);
    hub_test_cluster_done(c);
    return check_done();
}
