/* test_store_damage.c: bad data directories get a clear answer and are
 * never written to: another meeting's directory, a file that is not a
 * database, a damaged or truncated database, missing files, a read-only
 * directory, and a full disk (via PRAGMA max_page_count) in the middle
 * of voting, which must leave every vote whole or absent. */
#include "test_store_util.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include "check.h"

static uint8_t sha_a[32], sha_b[32];

/* A directory with nvotes ballots on "p" (and as many voted flags). */
static char *make_store(int nvotes)
{
    char *dir = tu_mkdtemp();
    as_err err = {{0}};
    uint8_t b[TOKEN_HASH_SIZE];
    store *s = tu_open_ok(dir, sha_a);
    CHECK_INT(store_set_proposal_state(s, "p", PROP_OPEN, &err), AS_OK);
    for (int i = 0; i < nvotes; i++) {
        tu_badge(i, b);
        CHECK_INT(store_checkin(s, b, NULL, &err), AS_OK);
        CHECK_INT(store_cast(s, "p", b, i % 3, &err), AS_OK);
    }
    store_free(s);
    return dir;
}

/* Opening dir must fail with want, naming file (or the directory when
 * file is "") and saying must_say and --data; and no file in dir may be
 * changed or created by the attempt. */
static void expect_refused(const char *dir, const uint8_t *sha, as_status want,
                           const char *file, const char *must_say)
{
    static const char *const files[] = {"meeting.db", "ballots.db", "secret.key",
                                        "meeting.db-journal", "ballots.db-journal"};
    enum { NF = sizeof files / sizeof files[0] };
    uint8_t *before[NF];
    long before_len[NF];
    store *s = NULL;
    as_err err = {{0}};
    as_status st;

    for (int i = 0; i < NF; i++) {
        char *p = tu_path(dir, files[i]);
        before[i] = tu_read(p, &before_len[i]);
        free(p);
    }
    st = store_open(dir, sha, &s, &err);
    CHECK_MSG(st == want, "%s: got status %d (%s), expected %d", file,
              (int)st, err.msg, (int)want);
    CHECK(s == NULL);
    CHECK_MSG(strstr(err.msg, dir) != NULL && strstr(err.msg, file) != NULL,
              "message does not name %s/%s: %s", dir, file, err.msg);
    CHECK_MSG(strstr(err.msg, must_say) != NULL, "message lacks \"%s\": %s",
              must_say, err.msg);
    CHECK_MSG(strstr(err.msg, "--data") != NULL, "message lacks --data: %s",
              err.msg);
    for (int i = 0; i < NF; i++) {
        char *p = tu_path(dir, files[i]);
        long after_len;
        uint8_t *after = tu_read(p, &after_len);
        CHECK_MSG(after_len == before_len[i] &&
                  (after_len <= 0 || memcmp(before[i], after, (size_t)after_len) == 0),
                  "%s changed", p);
        free(after);
        free(before[i]);
        free(p);
    }
    store_free(s);
}

static void test_mismatch(void)
{
    char *dir = make_store(5);
    char *mdb = tu_path(dir, "meeting.db");
    int64_t n;
    as_err err = {{0}};
    store *s;

    expect_refused(dir, sha_b, AS_EMISMATCH, "", "another meeting");
    s = tu_open_ok(dir, sha_a);
    CHECK_INT(store_voted_count(s, "p", &n, &err), AS_OK);
    CHECK_INT(n, 5);
    store_free(s);
    tu_rm_rf(dir);
    free(mdb);
    free(dir);
}

static void test_not_a_database(void)
{
    char *dir = tu_mkdtemp();
    char *mdb = tu_path(dir, "meeting.db");
    char *bdb = tu_path(dir, "ballots.db");
    char *key = tu_path(dir, "secret.key");
    char text[4096];

    for (size_t i = 0; i < sizeof text; i++)
        text[i] = "minutes of the assembly\n"[i % 24];
    tu_write(mdb, text, sizeof text);
    expect_refused(dir, sha_a, AS_ECORRUPT, "meeting.db", "damaged");
    /* Nothing was created next to it. */
    CHECK(!tu_exists(bdb));
    CHECK(!tu_exists(key));

    /* A short file too. */
    tu_write(mdb, "hello\n", 6);
    expect_refused(dir, sha_a, AS_ECORRUPT, "meeting.db", "damaged");
    CHECK(!tu_exists(bdb));
    tu_rm_rf(dir);

    /* A healthy meeting.db next to a garbage ballots.db. */
    free(dir);
    dir = make_store(3);
    free(bdb);
    bdb = tu_path(dir, "ballots.db");
    tu_write(bdb, text, sizeof text);
    expect_refused(dir, sha_a, AS_ECORRUPT, "ballots.db", "damaged");
    tu_rm_rf(dir);
    free(dir); free(mdb); free(bdb); free(key);
}

static void flip_page(const char *path, long page, long size)
{
    long len;
    uint8_t *raw = tu_read(path, &len);
    CHECK(len >= (page + 1) * size);
    if (len >= (page + 1) * size) {
        /* A b-tree page's first byte is its type; 0x00 is not one.  The
         * next bytes (free block, cell count) are scrambled too. */
        for (int i = 0; i < 8; i++)
            raw[page * size + i] ^= 0x5a;
        raw[page * size] = 0;
        tu_write(path, raw, (size_t)len);
    }
    free(raw);
}

static void test_damaged_pages(void)
{
    /* Enough ballots that each file has several pages. */
    char *dir = make_store(200);
    char *mdb = tu_path(dir, "meeting.db");
    char *bdb = tu_path(dir, "ballots.db");
    long len;
    uint8_t *raw;

    flip_page(mdb, 3, 4096);
    expect_refused(dir, sha_a, AS_ECORRUPT, "meeting.db", "damaged");
    tu_rm_rf(dir);
    free(dir); free(mdb); free(bdb);

    dir = make_store(200);
    mdb = tu_path(dir, "meeting.db");
    bdb = tu_path(dir, "ballots.db");
    flip_page(bdb, 2, 4096);
    expect_refused(dir, sha_a, AS_ECORRUPT, "ballots.db", "damaged");
    tu_rm_rf(dir);
    free(dir); free(mdb); free(bdb);

    /* Truncated: the second half of the file is gone. */
    dir = make_store(200);
    mdb = tu_path(dir, "meeting.db");
    raw = tu_read(mdb, &len);
    CHECK(len >= 4 * 4096);
    tu_write(mdb, raw, (size_t)(len / 4096 / 2 * 4096));
    free(raw);
    expect_refused(dir, sha_a, AS_ECORRUPT, "meeting.db", "damaged");
    tu_rm_rf(dir);
    free(dir); free(mdb);
}

static void test_missing_files(void)
{
    char *dir = make_store(2);
    char *bdb = tu_path(dir, "ballots.db");
    char *mdb = tu_path(dir, "meeting.db");
    char *key = tu_path(dir, "secret.key");
    char *keep = tu_path(dir, "keep");

    CHECK(rename(bdb, keep) == 0);
    expect_refused(dir, sha_a, AS_ECORRUPT, "ballots.db", "missing");
    CHECK(!tu_exists(bdb));
    CHECK(rename(keep, bdb) == 0);

    CHECK(rename(mdb, keep) == 0);
    expect_refused(dir, sha_a, AS_ECORRUPT, "meeting.db", "missing");
    CHECK(!tu_exists(mdb));
    CHECK(rename(keep, mdb) == 0);

    CHECK(rename(key, keep) == 0);
    expect_refused(dir, sha_a, AS_ECORRUPT, "secret.key", "missing");
    CHECK(!tu_exists(key));
    tu_write(key, "short", 5);
    expect_refused(dir, sha_a, AS_ECORRUPT, "secret.key", "damaged");
    CHECK(rename(keep, key) == 0);

    /* Put back, everything is there again. */
    {
        store *s = tu_open_ok(dir, sha_a);
        as_err err = {{0}};
        CHECK_INT(store_integrity(s, &err), AS_OK);
        store_free(s);
    }
    tu_rm_rf(dir);
    free(dir); free(bdb); free(mdb); free(key); free(keep);
}

/* In a child that cannot write dir, store_open must say AS_EREADONLY.
 * Root ignores permission bits, so when run as root the child first
 * becomes "nobody" (65534); the directory stays owned by root. */
static int readonly_child(const char *dir, int drop_root)
{
    store *s = NULL;
    as_err err = {{0}};
    as_status st;

    if (drop_root && (setgid(65534) != 0 || setuid(65534) != 0))
        return 77;  /* no CAP_SETUID here: reported as skipped */
    st = store_open(dir, sha_a, &s, &err);
    if (st != AS_EREADONLY) {
        fprintf(stderr, "readonly child: got status %d: %s\n", (int)st, err.msg);
        return 11;
    }
    if (!strstr(err.msg, dir) || !strstr(err.msg, "writable") ||
        !strstr(err.msg, "--data")) {
        fprintf(stderr, "readonly child: unclear message: %s\n", err.msg);
        return 12;
    }
    return 0;
}

static void test_readonly(void)
{
    int root = geteuid() == 0;
    char *dir = make_store(3);
    char *empty = tu_path(dir, "empty");
    char *mdb = tu_path(dir, "meeting.db");
    long len_before, len_after;
    uint8_t *before = tu_read(mdb, &len_before), *after;
    const char *dirs[2] = {dir, empty};

    CHECK(mkdir(empty, 0700) == 0);
    /* Searchable by the child, writable by nobody but root. */
    CHECK(chmod(dir, 0555) == 0);
    CHECK(chmod(empty, 0555) == 0);
    for (int i = 0; i < 2; i++) {
        int status = -1;
        pid_t pid = fork();
        if (pid == 0)
            _exit(readonly_child(dirs[i], root));
        CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
        if (WIFEXITED(status) && WEXITSTATUS(status) == 77) {
            CHECK_SKIP("read-only directory: running as root and cannot "
                       "drop to uid 65534, so permission bits are ignored");
            continue;
        }
        CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                  "read-only child %d failed with status %d", i, status);
    }
    after = tu_read(mdb, &len_after);
    CHECK_INT(len_after, len_before);
    CHECK(after && memcmp(before, after, (size_t)len_before) == 0);
    free(before);
    free(after);
    chmod(dir, 0700);
    chmod(empty, 0700);
    tu_rm_rf(dir);
    free(dir); free(empty); free(mdb);
}

/* Caps one file at its current size, then votes until the disk is
 * "full": every vote is whole or absent, earlier votes intact. */
static void test_full(int cap_meeting)
{
    char *dir = make_store(10);
    store *s = tu_open_ok(dir, sha_a);
    as_err err = {{0}};
    uint8_t b[TOKEN_HASH_SIZE];
    int64_t nb, nv, counts[3];
    as_status st = AS_OK;
    int i, yes = -1;

    CHECK_INT(store_test_set_max_pages(s, cap_meeting ? 1 : 0,
                                       cap_meeting ? 0 : 1, &err), AS_OK);
    for (i = 10; i < 5000; i++) {
        tu_badge(i, b);
        st = store_cast(s, "p", b, i % 3, &err);
        if (st != AS_OK)
            break;
    }
    CHECK_MSG(st == AS_EFULL, "expected disk full, got status %d: %s",
              (int)st, err.msg);
    CHECK(strstr(err.msg, cap_meeting ? "meeting.db" : "ballots.db") != NULL);
    CHECK(strstr(err.msg, "full") != NULL);
    CHECK_INT(store_has_voted(s, "p", b, &yes, &err), AS_OK);
    CHECK_INT(yes, 0);
    CHECK_INT(store_ballot_count(s, "p", &nb, &err), AS_OK);
    CHECK_INT(store_voted_count(s, "p", &nv, &err), AS_OK);
    CHECK_INT(nb, i);
    CHECK_INT(nv, i);
    CHECK_INT(store_counts(s, "p", counts, 3, &err), AS_OK);
    CHECK_INT(counts[0] + counts[1] + counts[2], i);
    CHECK_INT(store_integrity(s, &err), AS_OK);
    if (cap_meeting) {
        uint8_t fresh[TOKEN_HASH_SIZE];
        int k;
        /* Check-ins fill meeting.db too, and say so. */
        for (k = 0; k < 5000; k++) {
            tu_badge(100000 + k, fresh);
            if ((st = store_checkin(s, fresh, NULL, &err)) != AS_OK)
                break;
        }
        CHECK_INT(st, AS_EFULL);
    }

    /* Room again: the refused badge can vote, nothing was lost. */
    CHECK_INT(store_test_set_max_pages(s, 100000, 100000, &err), AS_OK);
    CHECK_INT(store_cast(s, "p", b, 0, &err), AS_OK);
    store_free(s);
    s = tu_open_ok(dir, sha_a);
    CHECK_INT(store_ballot_count(s, "p", &nb, &err), AS_OK);
    CHECK_INT(store_voted_count(s, "p", &nv, &err), AS_OK);
    CHECK_INT(nb, i + 1);
    CHECK_INT(nv, i + 1);
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
    tu_sha("meeting B", sha_b);
    test_mismatch();
    test_not_a_database();
    test_damaged_pages();
    test_missing_files();
    test_readonly();
    test_full(0);
    test_full(1);
    return check_done();
}
