/* test_store_text.c: ballots of every voting method stored as their
 * canonical text (store_cast_text, store_each_ballot_text): stored bytes
 * come back exactly, the Merkle root is over the stored lines, bad texts
 * are refused with nothing written, the yes/no/abstain wrappers refuse
 * other texts, a reopen keeps them, the table itself refuses a bad text,
 * and a data directory of the previous storage version is refused with a
 * message naming the file. */
#include "test_store_util.h"
#include <sqlite3.h>
#include "check.h"
#include "record.h"

static uint8_t sha_a[32];

typedef struct {
    int n;
    char texts[64][128];
    uint8_t ids[64][BALLOT_ID_SIZE];
    int stop_at;
} text_walk;

static as_status collect(void *ud, const uint8_t id[BALLOT_ID_SIZE],
                         const char *choice, size_t n)
{
    text_walk *w = ud;
    if (w->n >= 64 || n >= sizeof w->texts[0] || strlen(choice) != n)
        return AS_EINVAL;
    memcpy(w->texts[w->n], choice, n + 1);
    memcpy(w->ids[w->n], id, BALLOT_ID_SIZE);
    w->n++;
    return w->n == w->stop_at ? AS_ESTATE : AS_OK;
}

static int count_text(const text_walk *w, const char *t)
{
    int n = 0;
    for (int i = 0; i < w->n; i++)
        n += !strcmp(w->texts[i], t);
    return n;
}

static as_status word_fn(void *ud, const uint8_t id[BALLOT_ID_SIZE], int choice)
{
    (void)id;
    (void)choice;
    (*(int *)ud)++;
    return AS_OK;
}

static void test_cast_text(void)
{
    char *dir = tu_mkdtemp();
    as_err err = {{0}};
    uint8_t b[TOKEN_HASH_SIZE];
    static const char *const ranked[] = {"luis>ana>marta", "ana", "none",
                                         "marta>luis"};
    store *s = tu_open_ok(dir, sha_a);

    CHECK_INT(store_set_proposal_state(s, "chair", PROP_OPEN, &err), AS_OK);
    CHECK_INT(store_set_proposal_state(s, "paint", PROP_OPEN, &err), AS_OK);
    for (int i = 0; i < 20; i++) {
        tu_badge(i, b);
        CHECK_INT(store_cast_text(s, "chair", b, ranked[i % 4], &err), AS_OK);
        CHECK_INT(store_cast_text(s, "paint", b, i % 2 ? "red,blue" : "sky-2",
                                  &err), AS_OK);
    }
    /* a second ballot of the same badge is refused, whatever the text */
    tu_badge(3, b);
    CHECK_INT(store_cast_text(s, "chair", b, "ana", &err), AS_ESTATE);
    CHECK(strstr(err.msg, "already voted") != NULL);

    /* texts the store may not hold: refused, nothing written */
    tu_badge(50, b);
    char big[RECORD_TEXT_MAX + 2];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    const char *bad[] = {"", "Ana", "ana ana", "ana\n", "ana;drop", "ana|luis",
                         "é", big};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK_INT(store_cast_text(s, "chair", b, bad[i], &err), AS_EINVAL);
    }
    CHECK_INT(store_cast_text(s, "chair", b, NULL, &err), AS_EINVAL);
    big[RECORD_TEXT_MAX] = '\0'; /* exactly the longest text: accepted */
    CHECK_INT(store_cast_text(s, "chair", b, big, &err), AS_OK);
    int64_t n = 0;
    CHECK_INT(store_ballot_count(s, "chair", &n, &err), AS_OK);
    CHECK_INT(n, 21);
    CHECK_INT(store_voted_count(s, "chair", &n, &err), AS_OK);
    CHECK_INT(n, 21);

    /* the walk gives back exactly the stored bytes, in id order */
    text_walk *w = calloc(1, sizeof *w);
    CHECK_INT(store_each_ballot_text(s, "paint", collect, w, &err), AS_OK);
    CHECK_INT(w->n, 20);
    CHECK_INT(count_text(w, "red,blue"), 10);
    CHECK_INT(count_text(w, "sky-2"), 10);
    int ordered = 1;
    for (int i = 1; i < w->n; i++)
        ordered &= memcmp(w->ids[i - 1], w->ids[i], BALLOT_ID_SIZE) < 0;
    CHECK(ordered);

    /* fn's failure stops the walk and comes back */
    memset(w, 0, sizeof *w);
    w->stop_at = 3;
    CHECK_INT(store_each_ballot_text(s, "paint", collect, w, &err), AS_ESTATE);
    CHECK_INT(w->n, 3);

    /* the yes/no/abstain wrappers do not misread other texts */
    int64_t counts[3];
    int words = 0;
    CHECK_INT(store_counts(s, "paint", counts, 3, &err), AS_ECORRUPT);
    CHECK(strstr(err.msg, "ballots.db") != NULL);
    CHECK_INT(store_each_ballot(s, "paint", word_fn, &words, &err), AS_ECORRUPT);
    CHECK(strstr(err.msg, "store_each_ballot_text") != NULL);

    /* store_cast is the text walk with the words */
    CHECK_INT(store_set_proposal_state(s, "yna", PROP_OPEN, &err), AS_OK);
    for (int i = 0; i < 9; i++) {
        tu_badge(i, b);
        CHECK_INT(store_cast(s, "yna", b, i % 3, &err), AS_OK);
    }
    tu_badge(9, b);
    CHECK_INT(store_cast(s, "yna", b, 3, &err), AS_EINVAL);
    CHECK_INT(store_cast_text(s, "yna", b, "abstain", &err), AS_OK);
    CHECK_INT(store_counts(s, "yna", counts, 3, &err), AS_OK);
    CHECK(counts[0] == 3 && counts[1] == 3 && counts[2] == 4);
    memset(w, 0, sizeof *w);
    CHECK_INT(store_each_ballot_text(s, "yna", collect, w, &err), AS_OK);
    CHECK_INT(count_text(w, "yes"), 3);
    CHECK_INT(count_text(w, "abstain"), 4);
    words = 0;
    CHECK_INT(store_each_ballot(s, "yna", word_fn, &words, &err), AS_OK);
    CHECK_INT(words, 10);

    /* the root is over "<id hex> <stored text>" lines in id order */
    memset(w, 0, sizeof *w);
    CHECK_INT(store_each_ballot_text(s, "paint", collect, w, &err), AS_OK);
    uint8_t leaves[64][RECORD_HASH_SIZE], want[RECORD_HASH_SIZE],
        got[RECORD_HASH_SIZE];
    for (int i = 0; i < w->n; i++) {
        char line[RECORD_TEXT_LINE_MAX];
        size_t len = record_ballot_text_line(w->ids[i], w->texts[i],
                                             strlen(w->texts[i]), line,
                                             sizeof line);
        CHECK(len == 33 + strlen(w->texts[i]));
        record_leaf_hash(line, len, leaves[i]);
    }
    record_merkle_root(leaves, (size_t)w->n, want);
    CHECK_INT(store_ballot_root(s, "paint", &n, got, &err), AS_OK);
    CHECK_INT(n, 20);
    CHECK(memcmp(want, got, sizeof want) == 0);

    /* closing writes that root into the event and keeps every text */
    CHECK_INT(store_set_proposal_state(s, "paint", PROP_CLOSED, &err), AS_OK);
    CHECK_INT(store_ballot_root(s, "paint", &n, got, &err), AS_OK);
    CHECK(memcmp(want, got, sizeof want) == 0);
    store_free(s);

    s = tu_open_ok(dir, sha_a);
    memset(w, 0, sizeof *w);
    CHECK_INT(store_each_ballot_text(s, "paint", collect, w, &err), AS_OK);
    CHECK_INT(count_text(w, "red,blue"), 10);
    CHECK_INT(store_integrity(s, &err), AS_OK);
    store_free(s);
    free(w);
    tu_rm_rf(dir);
    free(dir);
}

/* The table refuses a malformed slot even from raw SQL: a filled flag
 * other than 0/1, a slot that is not 1..1536 bytes, a missing proposal. */
static void test_table_check(void)
{
    char *dir = tu_mkdtemp();
    store *s = tu_open_ok(dir, sha_a);
    store_free(s);
    char *path = tu_path(dir, "ballots.db");
    sqlite3 *db = NULL;
    CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
    CHECK(sqlite3_exec(db, "INSERT INTO ballots VALUES (zeroblob(16), 'p', 2,"
                       " X'616e61')", NULL, NULL, NULL) != SQLITE_OK);
    CHECK(sqlite3_exec(db, "INSERT INTO ballots VALUES (zeroblob(16), 'p', 1,"
                       " X'')", NULL, NULL, NULL) != SQLITE_OK);
    CHECK(sqlite3_exec(db, "INSERT INTO ballots VALUES (zeroblob(16), 'p', 1,"
                       " zeroblob(1537))", NULL, NULL, NULL) != SQLITE_OK);
    CHECK(sqlite3_exec(db, "INSERT INTO ballots VALUES (zeroblob(15), 'p', 1,"
                       " X'616e61')", NULL, NULL, NULL) != SQLITE_OK);
    CHECK(sqlite3_exec(db, "INSERT INTO ballots VALUES (zeroblob(16), NULL, 1,"
                       " X'616e61')", NULL, NULL, NULL) != SQLITE_OK);
    CHECK_INT(sqlite3_exec(db, "INSERT INTO ballots VALUES (zeroblob(16), 'p', 1,"
                           " X'613e6200')", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    free(path);
    tu_rm_rf(dir);
    free(dir);
}

/* A directory written by storage version 1 (choices as numbers). */
static void test_old_version(void)
{
    char *dir = tu_mkdtemp();
    store *s = tu_open_ok(dir, sha_a);
    as_err err = {{0}};
    store_free(s);
    char *mdb = tu_path(dir, "meeting.db"), *bdb = tu_path(dir, "ballots.db");
    long before_len, after_len;
    uint8_t *before = tu_read(bdb, &before_len);
    for (int i = 0; i < 2; i++) {
        sqlite3 *db = NULL;
        CHECK_INT(sqlite3_open(i ? bdb : mdb, &db), SQLITE_OK);
        CHECK_INT(sqlite3_exec(db, "UPDATE meta SET value = 1 WHERE key ="
                               " 'schema_version'", NULL, NULL, NULL), SQLITE_OK);
        sqlite3_close(db);
    }
    free(before);
    before = tu_read(bdb, &before_len);
    s = NULL;
    CHECK_INT(store_open(dir, sha_a, &s, &err), AS_EMISMATCH);
    CHECK(s == NULL);
    CHECK(strstr(err.msg, mdb) != NULL);
    CHECK(strstr(err.msg, "storage version 1") != NULL);
    CHECK(strstr(err.msg, "new --data directory") != NULL);
    /* refused without touching the files */
    uint8_t *after = tu_read(bdb, &after_len);
    CHECK(before_len == after_len && before && after &&
          memcmp(before, after, (size_t)before_len) == 0);
    free(before);
    free(after);
    free(mdb);
    free(bdb);
    tu_rm_rf(dir);
    free(dir);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    memset(sha_a, 0xa5, sizeof sha_a);
    test_cast_text();
    test_table_check();
    test_old_version();
    return check_done();
}
