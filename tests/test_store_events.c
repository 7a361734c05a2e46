/* test_store_events.c: the store's hash-chained event log: written with
 * the data directory, chained as docs/export-format.md §5 says (checked
 * here independently of the store), atomic with each state change (a full
 * disk leaves neither), the closed event's root equal to the ballots'
 * Merkle root, and nothing about any one voter in it. */
#include <inttypes.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "check.h"
#include "record.h"
#include "store_sqlite.h"
#include "test_store_util.h"

static uint8_t sha_a[32];

static store *open_ok(const char *dir)
{
    store *s = NULL;
    as_err err = {{0}};
    as_status st = store_open(dir, sha_a, &s, &err);
    CHECK_MSG(st == AS_OK, "store_open: %s", err.msg);
    return s;
}

/* Keeps the first 16 lines, the last line and the count, and checks the
 * chain from the texts alone with libsodium directly (not record.h). */
typedef struct {
    char text[16][200];
    char last[200];
    int n, chain_ok;
    uint8_t prev[32];
} event_copy;

static as_status copy_event(void *ud, const char *text, size_t n, const uint8_t hash[32])
{
    event_copy *c = ud;
    crypto_hash_sha256_state h;
    uint8_t out[32];
    char seq[16];
    if (n >= sizeof c->last)
        return AS_EINVAL;
    snprintf(seq, sizeof seq, "%d ", c->n + 1);
    crypto_hash_sha256_init(&h);
    crypto_hash_sha256_update(&h, (const unsigned char *)"asamblea-event/v1\n", 18);
    crypto_hash_sha256_update(&h, c->prev, 32);
    crypto_hash_sha256_update(&h, (const unsigned char *)text, n);
    crypto_hash_sha256_final(&h, out);
    if (memcmp(out, hash, 32) != 0 || n < strlen(seq) || memcmp(text, seq, strlen(seq)))
        c->chain_ok = 0;
    memcpy(c->prev, out, 32);
    memcpy(c->last, text, n);
    c->last[n] = '\0';
    if (c->n < 16)
        memcpy(c->text[c->n], c->last, n + 1);
    c->n++;
    return AS_OK;
}

static int chain_ok(const event_copy *c)
{
    return c->chain_ok;
}

static void read_events(store *s, event_copy *c)
{
    as_err err = {{0}};
    memset(c, 0, sizeof *c);
    c->chain_ok = 1;
    CHECK_INT(store_each_event(s, copy_event, c, &err), AS_OK);
}

static void test_chain(void)
{
    char *dir = tu_mkdtemp();
    as_err err = {{0}};
    event_copy c;
    uint8_t b[TOKEN_HASH_SIZE], root[32], root2[32];
    char expect[200], hex[65];
    int64_t ci = -1, nb = -1;
    store *s = open_ok(dir);

    read_events(s, &c);
    CHECK_INT(c.n, 1);
    record_hex(sha_a, 32, hex);
    snprintf(expect, sizeof expect, "1 meeting %s", hex);
    CHECK_STR(c.text[0], expect);

    CHECK_INT(store_event_started(s, &err), AS_OK);
    for (int i = 0; i < 7; i++) {
        tu_badge(i, b);
        CHECK_INT(store_checkin(s, b, NULL, &err), AS_OK);
    }
    CHECK_INT(store_set_proposal_state(s, "budget-2027", PROP_OPEN, &err), AS_OK);
    CHECK_INT(store_closed_info(s, "budget-2027", &ci, root, &err), AS_ESTATE);
    for (int i = 0; i < 5; i++) {
        tu_badge(i, b);
        CHECK_INT(store_cast(s, "budget-2027", b, i % 3, &err), AS_OK);
    }
    tu_badge(7, b);
    CHECK_INT(store_checkin(s, b, NULL, &err), AS_OK); /* 8 at close */
    CHECK_INT(store_set_proposal_state(s, "budget-2027", PROP_CLOSED, &err), AS_OK);
    CHECK_INT(store_event_exported(s, 1, &err), AS_OK);
    CHECK_INT(store_event_exported(s, -1, &err), AS_EINVAL);
    store_free(s);

    /* Reopening keeps the log and continues it. */
    s = open_ok(dir);
    CHECK_INT(store_event_started(s, &err), AS_OK);
    read_events(s, &c);
    CHECK_INT(c.n, 6);
    CHECK_STR(c.text[1], "2 started");
    CHECK_STR(c.text[2], "3 opened budget-2027 7");
    CHECK_INT(store_ballot_root(s, "budget-2027", &nb, root2, &err), AS_OK);
    CHECK_INT(nb, 5);
    record_hex(root2, 32, hex);
    snprintf(expect, sizeof expect, "4 closed budget-2027 8 5 %s", hex);
    CHECK_STR(c.text[3], expect);
    CHECK_STR(c.text[4], "5 exported 1");
    CHECK_STR(c.text[5], "6 started");
    CHECK(chain_ok(&c));
    CHECK_INT(store_closed_info(s, "budget-2027", &ci, root, &err), AS_OK);
    CHECK_INT(ci, 8);
    CHECK(memcmp(root, root2, 32) == 0);
    CHECK_INT(store_closed_info(s, "other", &ci, root, &err), AS_ESTATE);
    /* Ids the log could not hold are refused before anything changes. */
    CHECK_INT(store_set_proposal_state(s, "two words", PROP_OPEN, &err), AS_EINVAL);
    CHECK_INT(store_set_proposal_state(s, "x\n5 forged", PROP_OPEN, &err), AS_EINVAL);
    store_free(s);

    /* A log edited on disk is caught by the walk. */
    {
        sqlite3 *db = NULL;
        char *mdb = tu_path(dir, "meeting.db");
        CHECK_INT(sqlite3_open(mdb, &db), SQLITE_OK);
        CHECK_INT(sqlite3_exec(db, "UPDATE events SET text = '3 opened budget-2027 9'"
                               " WHERE seq = 3", NULL, NULL, NULL), SQLITE_OK);
        sqlite3_close(db);
        free(mdb);
        s = open_ok(dir);
        memset(&c, 0, sizeof c);
        c.chain_ok = 1;
        CHECK_INT(store_each_event(s, copy_event, &c, &err), AS_ECORRUPT);
        CHECK_INT(c.n, 2);
        CHECK(strstr(err.msg, "meeting.db") != NULL);
        CHECK_INT(store_closed_info(s, "budget-2027", &ci, root, &err), AS_ECORRUPT);
        store_free(s);
    }
    tu_rm_rf(dir);
    free(dir);
}

/* The closed event's root is the Merkle root of the canonical list. */
static as_status collect_line(void *ud, const uint8_t id[BALLOT_ID_SIZE], int choice)
{
    char (*lines)[RECORD_LINE_MAX] = ((void **)ud)[0];
    size_t *n = ((void **)ud)[1];
    record_ballot_line(id, choice, lines[(*n)++]);
    return AS_OK;
}

/* The 32-hex id at the start of a ballot line, as its own string. */
static const char *strndup_hex(const char *line)
{
    static char id[33];
    memcpy(id, line, 32);
    id[32] = '\0';
    return id;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(a, b);
}

static void test_root_matches_list(void)
{
    char *dir = tu_mkdtemp();
    as_err err = {{0}};
    static char lines[40][RECORD_LINE_MAX];
    uint8_t leaves[40][32], want[32], root[32], b[TOKEN_HASH_SIZE];
    size_t n = 0;
    void *ud[2] = {lines, &n};
    int64_t ci;
    store *s = open_ok(dir);

    CHECK_INT(store_set_proposal_state(s, "p", PROP_OPEN, &err), AS_OK);
    for (int i = 0; i < 40; i++) {
        tu_badge(100 + i, b);
        CHECK_INT(store_cast(s, "p", b, (i * 7) % 3, &err), AS_OK);
    }
    CHECK_INT(store_set_proposal_state(s, "p", PROP_CLOSED, &err), AS_OK);
    CHECK_INT(store_each_ballot(s, "p", collect_line, ud, &err), AS_OK);
    CHECK_INT(n, 40);
    qsort(lines, n, sizeof lines[0], cmp_str);
    for (size_t i = 0; i < n; i++)
        record_leaf_hash(lines[i], strlen(lines[i]), leaves[i]);
    record_merkle_root(leaves, n, want);
    CHECK_INT(store_closed_info(s, "p", &ci, root, &err), AS_OK);
    CHECK(memcmp(root, want, 32) == 0);
    CHECK_INT(ci, 0);
    /* Nothing about one voter: no ballot id, no badge hash in the log. */
    {
        event_copy c;
        char badge_hex[2 * TOKEN_HASH_SIZE + 1];
        read_events(s, &c);
        CHECK_INT(c.n, 3);
        for (int e = 0; e < c.n; e++) {
            for (size_t i = 0; i < n; i++)
                CHECK(!strstr(c.text[e], strndup_hex(lines[i])));
            for (int i = 0; i < 40; i++) {
                tu_badge(100 + i, b);
                record_hex(b, TOKEN_HASH_SIZE, badge_hex);
                CHECK(!strstr(c.text[e], badge_hex));
            }
        }
    }
    store_free(s);
    tu_rm_rf(dir);
    free(dir);
}

/* With meeting.db unable to grow, every transition either happens with
 * its event or not at all. */
static void test_atomic_full_disk(void)
{
    char *dir = tu_mkdtemp();
    as_err err = {{0}};
    event_copy c;
    store *s = open_ok(dir);
    int ok = 0, failed = 0;
    as_status st = AS_OK;

    CHECK_INT(store_test_set_max_pages(s, 1, 0, &err), AS_OK);
    for (int i = 0; i < 5000 && !failed; i++) {
        char id[24], expect[64];
        prop_state ps;
        snprintf(id, sizeof id, "proposal-%04d", i);
        st = store_set_proposal_state(s, id, PROP_OPEN, &err);
        CHECK_INT(store_proposal_state(s, id, &ps, &err), AS_OK);
        read_events(s, &c);
        snprintf(expect, sizeof expect, "%d opened %s 0", c.n, id);
        if (st == AS_OK) {
            ok++;
            CHECK_INT(ps, PROP_OPEN);
            CHECK_STR(c.last, expect);
        } else {
            failed = 1;
            CHECK_INT(st, AS_EFULL);
            CHECK_INT(ps, PROP_DRAFT);
            CHECK(strstr(c.last, id) == NULL);
            CHECK_INT(c.n, ok + 1);
        }
    }
    CHECK(chain_ok(&c));
    CHECK_MSG(failed, "the disk never filled (%d transitions)", ok);
    CHECK_INT(store_event_started(s, &err), AS_EFULL);
    read_events(s, &c);
    CHECK_INT(c.n, ok + 1);
    CHECK_INT(store_integrity(s, &err), AS_OK);
    store_free(s);
    tu_rm_rf(dir);
    free(dir);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    tu_sha("meeting A", sha_a);
    test_chain();
    test_root_matches_list();
    test_atomic_full_disk();
    return check_done();
}
