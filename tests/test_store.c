/* test_store.c: the store on real SQLite files: persistence, proposal
 * states, check-ins and check-outs, casting, counts, ballot order, and the shape of the
 * files (no badge next to a ballot, no rowid, no WAL, key mode 0600). */
#include "test_store_util.h"
#include <sqlite3.h>
#include "check.h"

static uint8_t sha_a[32];

static void test_open_and_key(void)
{
    char *dir = tu_mkdtemp();
    char *sub = tu_path(dir, "data");
    char *key = tu_path(sub, "secret.key");
    char *mdb = tu_path(sub, "meeting.db");
    char *bdb = tu_path(sub, "ballots.db");
    uint8_t k1[TOKEN_KEY_SIZE];
    struct stat sb;
    long len;
    uint8_t *raw;

    /* The data directory is created when missing. */
    store *s = tu_open_ok(sub, sha_a);
    memcpy(k1, store_key(s), sizeof k1);
    store_free(s);
    CHECK(tu_exists(mdb));
    CHECK(tu_exists(bdb));
    CHECK(stat(key, &sb) == 0);
    CHECK_INT(sb.st_mode & 0777, 0600);
    CHECK_INT(sb.st_size, TOKEN_KEY_SIZE);
    raw = tu_read(key, &len);
    CHECK(len == TOKEN_KEY_SIZE && memcmp(raw, k1, sizeof k1) == 0);
    free(raw);
    {
        uint8_t zero[TOKEN_KEY_SIZE] = {0};
        CHECK(memcmp(k1, zero, sizeof zero) != 0);
    }

    /* Reopening keeps the key. */
    s = tu_open_ok(sub, sha_a);
    CHECK(memcmp(store_key(s), k1, sizeof k1) == 0);
    store_free(s);
    {
        char *tmp = tu_path(sub, "secret.key.tmp");
        CHECK(!tu_exists(tmp));
        free(tmp);
    }

    /* A parent that does not exist. */
    {
        char *deep = tu_path(dir, "no/such/dir");
        store *t = NULL;
        as_err err = {{0}};
        CHECK_INT(store_open(deep, sha_a, &t, &err), AS_ENOENT);
        CHECK(t == NULL);
        CHECK(strstr(err.msg, "no/such/dir") != NULL);
        free(deep);
    }
    /* --data naming a file. */
    {
        store *t = NULL;
        as_err err = {{0}};
        CHECK_INT(store_open(key, sha_a, &t, &err), AS_ENOENT);
        CHECK(strstr(err.msg, "not a directory") != NULL);
    }
    tu_rm_rf(dir);
    free(key); free(mdb); free(bdb); free(sub); free(dir);
}

static void test_states(void)
{
    char *dir = tu_mkdtemp();
    as_err err = {{0}};
    prop_state ps;
    store *s = tu_open_ok(dir, sha_a);

    CHECK_INT(store_proposal_state(s, "p1", &ps, &err), AS_OK);
    CHECK_INT(ps, PROP_DRAFT);
    CHECK_INT(store_set_proposal_state(s, "p1", PROP_CLOSED, &err), AS_ESTATE);
    CHECK(strstr(err.msg, "p1") != NULL);
    CHECK_INT(store_set_proposal_state(s, "p1", PROP_DRAFT, &err), AS_ESTATE);
    CHECK_INT(store_set_proposal_state(s, "p1", PROP_OPEN, &err), AS_OK);
    CHECK_INT(store_set_proposal_state(s, "p1", PROP_OPEN, &err), AS_ESTATE);
    CHECK_INT(store_set_proposal_state(s, "p1", PROP_DRAFT, &err), AS_ESTATE);
    CHECK_INT(store_proposal_state(s, "p1", &ps, &err), AS_OK);
    CHECK_INT(ps, PROP_OPEN);
    CHECK_INT(store_set_proposal_state(s, "p2", PROP_OPEN, &err), AS_OK);
    CHECK_INT(store_set_proposal_state(s, "p2", PROP_CLOSED, &err), AS_OK);
    CHECK_INT(store_set_proposal_state(s, "p2", PROP_OPEN, &err), AS_ESTATE);
    CHECK_INT(store_set_proposal_state(s, "p2", PROP_CLOSED, &err), AS_ESTATE);
    store_free(s);

    s = tu_open_ok(dir, sha_a);
    CHECK_INT(store_proposal_state(s, "p1", &ps, &err), AS_OK);
    CHECK_INT(ps, PROP_OPEN);
    CHECK_INT(store_proposal_state(s, "p2", &ps, &err), AS_OK);
    CHECK_INT(ps, PROP_CLOSED);
    CHECK_INT(store_proposal_state(s, "p3", &ps, &err), AS_OK);
    CHECK_INT(ps, PROP_DRAFT);
    store_free(s);
    tu_rm_rf(dir);
    free(dir);
}

static void test_checkins(void)
{
    char *dir = tu_mkdtemp();
    as_err err = {{0}};
    uint8_t b[3][TOKEN_HASH_SIZE];
    int was_new = -1, yes = -1;
    int64_t n = -1;
    store *s = tu_open_ok(dir, sha_a);

    for (int i = 0; i < 3; i++)
        tu_badge(i, b[i]);
    CHECK_INT(store_checked_in_count(s, &n, &err), AS_OK);
    CHECK_INT(n, 0);
    CHECK_INT(store_checkin(s, b[0], &was_new, &err), AS_OK);
    CHECK_INT(was_new, 1);
    CHECK_INT(store_checkin(s, b[0], &was_new, &err), AS_OK);
    CHECK_INT(was_new, 0);
    CHECK_INT(store_checkin(s, b[1], NULL, &err), AS_OK);
    CHECK_INT(store_is_checked_in(s, b[1], &yes, &err), AS_OK);
    CHECK_INT(yes, 1);
    CHECK_INT(store_is_checked_in(s, b[2], &yes, &err), AS_OK);
    CHECK_INT(yes, 0);
    CHECK_INT(store_checked_in_count(s, &n, &err), AS_OK);
    CHECK_INT(n, 2);
    store_free(s);

    s = tu_open_ok(dir, sha_a);
    CHECK_INT(store_checked_in_count(s, &n, &err), AS_OK);
    CHECK_INT(n, 2);
    CHECK_INT(store_checkin(s, b[1], &was_new, &err), AS_OK);
    CHECK_INT(was_new, 0);
    store_free(s);
    tu_rm_rf(dir);
    free(dir);
}

static int64_t count_of(store *s, as_status (*fn)(store *, int64_t *, as_err *))
{
    int64_t n = -1;
    as_err err = {{0}};
    CHECK_INT(fn(s, &n, &err), AS_OK);
    return n;
}

static int in_now(store *s, const uint8_t b[TOKEN_HASH_SIZE])
{
    int yes = -1;
    as_err err = {{0}};
    CHECK_INT(store_is_checked_in(s, b, &yes, &err), AS_OK);
    return yes;
}

/* Checking out keeps the check-in: present now drops, attended does not;
 * checking in again makes the person present again. */
static void test_checkouts(void)
{
    char *dir = tu_mkdtemp();
    char *mdb = tu_path(dir, "meeting.db");
    as_err err = {{0}};
    uint8_t b[4][TOKEN_HASH_SIZE], root[32];
    int was_new = -1;
    int64_t ci = -1;
    store *s = tu_open_ok(dir, sha_a);
    sqlite3 *db = NULL;
    sqlite3_stmt *q;

    for (int i = 0; i < 4; i++)
        tu_badge(40 + i, b[i]);
    for (int i = 0; i < 3; i++)
        CHECK_INT(store_checkin(s, b[i], NULL, &err), AS_OK);
    /* No check-out yet: as a data directory made before check-outs. */
    CHECK_INT(count_of(s, store_checked_in_count), 3);
    CHECK_INT(count_of(s, store_attended_count), 3);
    CHECK_INT(count_of(s, store_facilitator_checkin_count), 0);

    CHECK_INT(store_checkout(s, b[1], &err), AS_OK);
    CHECK_INT(count_of(s, store_checked_in_count), 2);
    CHECK_INT(count_of(s, store_attended_count), 3);
    CHECK_INT(in_now(s, b[1]), 0);
    CHECK_INT(in_now(s, b[0]), 1);
    /* Already out, or never in: refused, nothing changes. */
    CHECK_INT(store_checkout(s, b[1], &err), AS_ESTATE);
    CHECK_INT(store_checkout(s, b[3], &err), AS_ESTATE);
    CHECK_INT(count_of(s, store_checked_in_count), 2);
    CHECK_INT(count_of(s, store_attended_count), 3);
    store_free(s);

    /* Durable; then back in. */
    s = tu_open_ok(dir, sha_a);
    CHECK_INT(count_of(s, store_checked_in_count), 2);
    CHECK_INT(count_of(s, store_attended_count), 3);
    CHECK_INT(store_checkin(s, b[1], &was_new, &err), AS_OK);
    CHECK_INT(was_new, 1);
    CHECK_INT(in_now(s, b[1]), 1);
    CHECK_INT(store_checkin(s, b[1], &was_new, &err), AS_OK);
    CHECK_INT(was_new, 0);
    CHECK_INT(count_of(s, store_checked_in_count), 3);
    CHECK_INT(count_of(s, store_attended_count), 3);

    /* A facilitator checks a departed person back in: marked; someone
     * present is left alone. */
    CHECK_INT(store_checkout(s, b[2], &err), AS_OK);
    CHECK_INT(store_checkin_by_facilitator(s, b[2], &was_new, &err), AS_OK);
    CHECK_INT(was_new, 1);
    CHECK_INT(store_checkin_by_facilitator(s, b[0], &was_new, &err), AS_OK);
    CHECK_INT(was_new, 0);
    CHECK_INT(count_of(s, store_facilitator_checkin_count), 1);
    CHECK_INT(count_of(s, store_checked_in_count), 3);
    /* Leaving takes the mark; coming back by badge is their own. */
    CHECK_INT(store_checkout(s, b[2], &err), AS_OK);
    CHECK_INT(count_of(s, store_facilitator_checkin_count), 0);
    CHECK_INT(store_checkin(s, b[2], &was_new, &err), AS_OK);
    CHECK_INT(was_new, 1);
    CHECK_INT(count_of(s, store_facilitator_checkin_count), 0);

    /* Vote, one leaves, close: the close records who is present. */
    CHECK_INT(store_set_proposal_state(s, "p", PROP_OPEN, &err), AS_OK);
    for (int i = 0; i < 3; i++)
        CHECK_INT(store_cast(s, "p", b[i], 0, &err), AS_OK); /* yes */
    CHECK_INT(store_checkout(s, b[0], &err), AS_OK);
    CHECK_INT(store_set_proposal_state(s, "p", PROP_CLOSED, &err), AS_OK);
    CHECK_INT(store_closed_info(s, "p", &ci, root, &err), AS_OK);
    CHECK_INT(ci, 2);
    CHECK_INT(count_of(s, store_attended_count), 3);
    CHECK_INT(store_has_voted(s, "p", b[0], &was_new, &err), AS_OK);
    CHECK_INT(was_new, 1);
    store_free(s);

    /* The files: check-ins kept (attended), one out (not present), in
     * one WITHOUT ROWID table of flags keyed by badge. */
    CHECK_INT(sqlite3_open_v2(mdb, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    CHECK_INT(sqlite3_prepare_v2(db, "SELECT (SELECT sum(attended) FROM checkins),"
                                 " (SELECT count(*) FROM checkins WHERE"
                                 " attended = 1 AND present = 0),"
                                 " (SELECT sql FROM sqlite_schema WHERE"
                                 " name = 'checkins'),"
                                 " (SELECT group_concat(name, ',') FROM"
                                 " pragma_table_info('checkins'))",
                                 -1, &q, NULL), SQLITE_OK);
    CHECK_INT(sqlite3_step(q), SQLITE_ROW);
    CHECK_INT(sqlite3_column_int(q, 0), 3);
    CHECK_INT(sqlite3_column_int(q, 1), 1);
    CHECK(sqlite3_column_text(q, 2) &&
          strstr((const char *)sqlite3_column_text(q, 2), "WITHOUT ROWID"));
    CHECK_STR((const char *)sqlite3_column_text(q, 3),
              "badge,attended,present,by_facilitator");
    sqlite3_finalize(q);
    sqlite3_close(db);
    tu_rm_rf(dir);
    free(mdb);
    free(dir);
}

static void test_cast(void)
{
    char *dir = tu_mkdtemp();
    as_err err = {{0}};
    uint8_t b[4][TOKEN_HASH_SIZE];
    int64_t counts[3], n;
    int yes;
    store *s = tu_open_ok(dir, sha_a);

    for (int i = 0; i < 4; i++)
        tu_badge(i, b[i]);
    CHECK_INT(store_cast(s, "p", b[0], 0, &err), AS_ESTATE);  /* draft */
    CHECK(strstr(err.msg, "not open") != NULL);
    CHECK_INT(store_set_proposal_state(s, "p", PROP_OPEN, &err), AS_OK);
    CHECK_INT(store_cast(s, "p", b[0], 0, &err), AS_OK);
    CHECK_INT(store_cast(s, "p", b[0], 1, &err), AS_ESTATE);  /* again */
    CHECK(strstr(err.msg, "already voted") != NULL);
    CHECK_INT(store_cast(s, "p", b[1], 1, &err), AS_OK);
    CHECK_INT(store_cast(s, "p", b[2], 2, &err), AS_OK);
    CHECK_INT(store_cast(s, "p", b[3], -1, &err), AS_EINVAL);
    CHECK_INT(store_cast(s, "", b[3], 0, &err), AS_EINVAL);
    CHECK_INT(store_voted_count(s, "p", &n, &err), AS_OK);
    CHECK_INT(n, 3);
    CHECK_INT(store_ballot_count(s, "p", &n, &err), AS_OK);
    CHECK_INT(n, 3);
    CHECK_INT(store_counts(s, "p", counts, 3, &err), AS_OK);
    CHECK(counts[0] == 1 && counts[1] == 1 && counts[2] == 1);
    /* A ballot outside the offered choices is reported, not dropped. */
    CHECK_INT(store_counts(s, "p", counts, 2, &err), AS_ECORRUPT);
    CHECK(strstr(err.msg, "ballots.db") != NULL);
    CHECK_INT(store_has_voted(s, "p", b[2], &yes, &err), AS_OK);
    CHECK_INT(yes, 1);
    CHECK_INT(store_has_voted(s, "p", b[3], &yes, &err), AS_OK);
    CHECK_INT(yes, 0);
    CHECK_INT(store_has_voted(s, "q", b[0], &yes, &err), AS_OK);
    CHECK_INT(yes, 0);
    store_free(s);

    /* Across a restart: still refused, nothing lost. */
    s = tu_open_ok(dir, sha_a);
    CHECK_INT(store_cast(s, "p", b[1], 0, &err), AS_ESTATE);
    CHECK_INT(store_counts(s, "p", counts, 3, &err), AS_OK);
    CHECK(counts[0] == 1 && counts[1] == 1 && counts[2] == 1);
    CHECK_INT(store_set_proposal_state(s, "p", PROP_CLOSED, &err), AS_OK);
    CHECK_INT(store_cast(s, "p", b[3], 0, &err), AS_ESTATE);  /* closed */
    CHECK_INT(store_voted_count(s, "p", &n, &err), AS_OK);
    CHECK_INT(n, 3);
    CHECK_INT(store_integrity(s, &err), AS_OK);
    store_free(s);
    tu_rm_rf(dir);
    free(dir);
}

typedef struct {
    uint8_t prev[BALLOT_ID_SIZE];
    int n, ordered, stop_at;
    int64_t per_choice[2];
} walk;

static as_status walk_fn(void *ud, const uint8_t id[BALLOT_ID_SIZE], int choice)
{
    walk *w = ud;
    if (w->n > 0 && memcmp(w->prev, id, BALLOT_ID_SIZE) >= 0)
        w->ordered = 0;
    memcpy(w->prev, id, BALLOT_ID_SIZE);
    if (choice >= 0 && choice < 2)
        w->per_choice[choice]++;
    w->n++;
    return w->n == w->stop_at ? AS_EINVAL : AS_OK;
}

static void test_each_ballot(void)
{
    char *dir = tu_mkdtemp();
    as_err err = {{0}};
    uint8_t b[TOKEN_HASH_SIZE];
    int64_t counts[2];
    walk w;
    store *s = tu_open_ok(dir, sha_a);

    CHECK_INT(store_set_proposal_state(s, "a", PROP_OPEN, &err), AS_OK);
    CHECK_INT(store_set_proposal_state(s, "b", PROP_OPEN, &err), AS_OK);
    for (int i = 0; i < 60; i++) {
        tu_badge(i, b);
        CHECK_INT(store_cast(s, "a", b, i % 2, &err), AS_OK);
        if (i < 7)
            CHECK_INT(store_cast(s, "b", b, 1, &err), AS_OK);
    }
    memset(&w, 0, sizeof w);
    w.ordered = 1;
    CHECK_INT(store_each_ballot(s, "a", walk_fn, &w, &err), AS_OK);
    CHECK_INT(w.n, 60);
    CHECK(w.ordered);
    CHECK_INT(store_counts(s, "a", counts, 2, &err), AS_OK);
    CHECK(w.per_choice[0] == counts[0] && w.per_choice[1] == counts[1]);
    CHECK_INT(counts[0], 30);

    memset(&w, 0, sizeof w);
    w.ordered = 1;
    CHECK_INT(store_each_ballot(s, "b", walk_fn, &w, &err), AS_OK);
    CHECK_INT(w.n, 7);
    CHECK(w.ordered);

    /* fn's failure stops the walk and comes back. */
    memset(&w, 0, sizeof w);
    w.stop_at = 5;
    CHECK_INT(store_each_ballot(s, "a", walk_fn, &w, &err), AS_EINVAL);
    CHECK_INT(w.n, 5);
    store_free(s);
    tu_rm_rf(dir);
    free(dir);
}

/* Every table in the file is WITHOUT ROWID, except the aggregate event
 * log (whose order is its content, and which holds nothing about any one
 * voter: test_store_events.c); returns how many tables. */
static int check_tables(sqlite3 *db, const char *schema)
{
    char sql[128];
    sqlite3_stmt *q;
    int n = 0;
    snprintf(sql, sizeof sql,
             "SELECT name, sql FROM %s.sqlite_schema WHERE type = 'table'",
             schema);
    CHECK_INT(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
    while (sqlite3_step(q) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(q, 0);
        const char *def = (const char *)sqlite3_column_text(q, 1);
        if (!strcmp(schema, "main") && name && !strcmp(name, "events"))
            CHECK(def && strstr(def, "seq INTEGER PRIMARY KEY"));
        else
            CHECK_MSG(def && strstr(def, "WITHOUT ROWID"), "%s.%s has a rowid",
                      schema, name);
        n++;
    }
    sqlite3_finalize(q);
    return n;
}

static void test_file_shape(void)
{
    char *dir = tu_mkdtemp();
    char *mdb = tu_path(dir, "meeting.db"), *bdb = tu_path(dir, "ballots.db");
    char *wal = tu_path(dir, "meeting.db-wal"), *bwal = tu_path(dir, "ballots.db-wal");
    as_err err = {{0}};
    uint8_t b[20][TOKEN_HASH_SIZE];
    store *s = tu_open_ok(dir, sha_a);
    sqlite3 *db = NULL;
    sqlite3_stmt *q;
    long len;
    uint8_t *raw;

    CHECK_INT(store_set_proposal_state(s, "p", PROP_OPEN, &err), AS_OK);
    for (int i = 0; i < 20; i++) {
        tu_badge(i, b[i]);
        CHECK_INT(store_checkin(s, b[i], NULL, &err), AS_OK);
        CHECK_INT(store_cast(s, "p", b[i], i % 3, &err), AS_OK);
    }
    CHECK(!tu_exists(wal));
    CHECK(!tu_exists(bwal));
    store_free(s);

    /* Header bytes 18 and 19 are 1 for a rollback-journal file, 2 for WAL. */
    raw = tu_read(mdb, &len);
    CHECK(len > 100 && raw[18] == 1 && raw[19] == 1);
    free(raw);
    raw = tu_read(bdb, &len);
    CHECK(len > 100 && raw[18] == 1 && raw[19] == 1);
    /* The ballot file holds no badge hash, not even as a byte pattern. */
    for (int i = 0; i < 20; i++)
        CHECK(!tu_find(raw, len, b[i], TOKEN_HASH_SIZE));
    free(raw);

    CHECK_INT(sqlite3_open_v2(mdb, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    {
        char *sql = sqlite3_mprintf("ATTACH %Q AS ballots", bdb);
        CHECK_INT(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
        sqlite3_free(sql);
    }
    CHECK_INT(check_tables(db, "main"), 5);
    CHECK_INT(check_tables(db, "ballots"), 2);

    /* The ballots table has exactly: id, proposal, filled, slot. */
    CHECK_INT(sqlite3_prepare_v2(db, "SELECT group_concat(name, ',') FROM"
                                 " pragma_table_info('ballots', 'ballots')",
                                 -1, &q, NULL), SQLITE_OK);
    CHECK_INT(sqlite3_step(q), SQLITE_ROW);
    CHECK_STR((const char *)sqlite3_column_text(q, 0), "id,proposal,filled,slot");
    sqlite3_finalize(q);

    /* Ids are 16 random bytes; 20 ballots are there (filled slots; the
     * badges were not enrolled, so slots were made eight at a time). */
    CHECK_INT(sqlite3_prepare_v2(db, "SELECT sum(filled), min(length(id)),"
                                 " max(length(id)) FROM ballots.ballots",
                                 -1, &q, NULL), SQLITE_OK);
    CHECK_INT(sqlite3_step(q), SQLITE_ROW);
    CHECK_INT(sqlite3_column_int(q, 0), 20);
    CHECK_INT(sqlite3_column_int(q, 1), 16);
    CHECK_INT(sqlite3_column_int(q, 2), 16);
    sqlite3_finalize(q);

    CHECK_INT(sqlite3_prepare_v2(db, "PRAGMA main.journal_mode", -1, &q, NULL),
              SQLITE_OK);
    CHECK_INT(sqlite3_step(q), SQLITE_ROW);
    CHECK(strcmp((const char *)sqlite3_column_text(q, 0), "wal") != 0);
    sqlite3_finalize(q);
    sqlite3_close(db);

    tu_rm_rf(dir);
    free(mdb); free(bdb); free(wal); free(bwal); free(dir);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    tu_sha("meeting A", sha_a);
    test_open_and_key();
    test_states();
    test_checkins();
    test_checkouts();
    test_cast();
    test_each_ballot();
    test_file_shape();
    return check_done();
}
