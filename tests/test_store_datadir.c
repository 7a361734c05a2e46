/* test_store_datadir.c: the data folder itself, through the store API.
 *   - store_open_readonly reads a folder with votes and changes no byte
 *     and no mtime: with the mode bits off (chmod a-w), and on a real
 *     read-only mount (root ignores mode bits; SKIP when this machine
 *     cannot mount);
 *   - every write through it fails with AS_EREADONLY;
 *   - a hot journal is refused with its name and what to do, and the
 *     folder is left as it was; store_open then rolls it back;
 *   - missing folders and files are refused, and nothing is created;
 *   - a symbolic link as the folder, or on its path, is refused naming
 *     the link and the real folder, and leaves no new folder behind;
 *   - a stale super-journal (meeting.db-mj*) left by a full disk is gone
 *     after the next store_open, with the data intact; one that a journal
 *     may still name is kept. */
#include "test_datadir_util.h"
#include "test_store_util.h"
#include <fcntl.h>
#include <sqlite3.h>
#include "check.h"

static uint8_t sha_a[32], sha_b[32];

/* A folder with proposal "p" closed (6 ballots) and "q" open (3). */
static char *make_votes(void)
{
    char *dir = tu_mkdtemp();
    store *s = tu_open_ok(dir, sha_a);
    as_err err = {{0}};
    uint8_t b[TOKEN_HASH_SIZE];

    for (int i = 0; i < 8; i++) {
        tu_badge(i, b);
        CHECK_INT(store_checkin(s, b, NULL, &err), AS_OK);
    }
    CHECK_INT(store_set_proposal_state(s, "p", PROP_OPEN, &err), AS_OK);
    for (int i = 0; i < 6; i++) {
        tu_badge(i, b);
        CHECK_INT(store_cast(s, "p", b, i % 3, &err), AS_OK);
    }
    CHECK_INT(store_set_proposal_state(s, "p", PROP_CLOSED, &err), AS_OK);
    CHECK_INT(store_set_proposal_state(s, "q", PROP_OPEN, &err), AS_OK);
    for (int i = 0; i < 3; i++) {
        tu_badge(i, b);
        CHECK_INT(store_cast(s, "q", b, 0, &err), AS_OK);
    }
    store_free(s);
    return dir;
}

/* reads: everything a reading tool asks, with the figures make_votes
 * made; returns the number of failed checks. */
static int reads(const char *dir)
{
    int before = check_failed;
    store *s = NULL;
    as_err err = {{0}};
    int64_t n = -1, counts[3] = {0};
    uint8_t b[TOKEN_HASH_SIZE];
    prop_state ps = PROP_DRAFT;
    int yes = 0;
    as_status st = store_open_readonly(dir, sha_a, &s, &err);

    CHECK_MSG(st == AS_OK, "store_open_readonly: %s", err.msg);
    if (st != AS_OK)
        return check_failed - before;
    CHECK_INT(store_is_readonly(s), 1);
    CHECK_INT(store_checked_in_count(s, &n, &err), AS_OK);
    CHECK_INT(n, 8);
    CHECK_INT(store_attended_count(s, &n, &err), AS_OK);
    CHECK_INT(n, 8);
    CHECK_INT(store_proposal_state(s, "p", &ps, &err), AS_OK);
    CHECK_INT(ps, PROP_CLOSED);
    CHECK_INT(store_counts(s, "p", counts, 3, &err), AS_OK);
    CHECK_INT(counts[0] + counts[1] + counts[2], 6);
    CHECK_INT(store_ballot_count(s, "q", &n, &err), AS_OK);
    CHECK_INT(n, 3);
    CHECK_INT(store_integrity(s, &err), AS_OK);
    tu_badge(1, b);
    CHECK_INT(store_is_checked_in(s, b, &yes, &err), AS_OK);
    CHECK_INT(yes, 1);

    /* Every kind of write is refused, and says so. */
    tu_badge(50, b);
    CHECK_INT(store_checkin(s, b, NULL, &err), AS_EREADONLY);
    CHECK_MSG(strstr(err.msg, "meeting.db") != NULL, "%s", err.msg);
    tu_badge(7, b);
    CHECK_INT(store_cast(s, "q", b, 0, &err), AS_EREADONLY);
    CHECK_INT(store_event_exported(s, 1, &err), AS_EREADONLY);
    CHECK_INT(store_set_proposal_state(s, "q", PROP_CLOSED, &err), AS_EREADONLY);
    CHECK_INT(store_ballot_count(s, "q", &n, &err), AS_OK);
    CHECK_INT(n, 3);
    store_free(s);
    return check_failed - before;
}

static int reads_cb(void *ud)
{
    int bad = reads(ud);
    /* On a read-only mount even store_open (which would write) fails,
     * and creates nothing. */
    store *s = NULL;
    as_err err = {{0}};
    as_status st = store_open(ud, sha_a, &s, &err);
    if (st != AS_EREADONLY) {
        fprintf(stderr, "store_open on a read-only mount: status %d (%s)\n", (int)st,
                err.msg);
        bad++;
    }
    store_free(s);
    return bad;
}

static void test_readonly(void)
{
    char *dir = make_votes();
    td_snap before, after;
    store *s;

    s = tu_open_ok(dir, sha_a);
    CHECK_INT(store_is_readonly(s), 0);
    CHECK_INT(store_is_readonly(NULL), 0);
    store_free(s);

    /* Mode bits off.  As root this also shows that nothing is even
     * tried: root could write, and no byte or mtime changes. */
    td_chmod(dir, 0);
    CHECK_INT(td_snapshot(dir, &before), 0);
    CHECK_INT(reads(dir), 0);
    CHECK_INT(td_snapshot(dir, &after), 0);
    CHECK_MSG(!*td_diff(&before, &after), "chmod a-w: %s", td_diff(&before, &after));

    /* A real read-only mount. */
    int r = td_in_ro_mount(dir, reads_cb, dir);
    if (r == -77) {
        CHECK_SKIP("read-only mount: cannot make a private bind mount here "
                   "(needs root and mount namespaces)");
    } else {
        CHECK_MSG(r == 0, "on a read-only mount: %d failed checks", r);
        CHECK_INT(td_snapshot(dir, &after), 0);
        CHECK_MSG(!*td_diff(&before, &after), "ro mount: %s", td_diff(&before, &after));
    }
    td_chmod(dir, 1);

    /* Another meeting's file is refused as by store_open. */
    as_err err = {{0}};
    s = NULL;
    CHECK_INT(store_open_readonly(dir, sha_b, &s, &err), AS_EMISMATCH);
    CHECK(s == NULL);
    tu_rm_rf(dir);
    free(dir);
}

/* A child leaves a real hot journal in meeting.db: a transaction whose
 * pages spilled into the file, then death without commit or rollback. */
static void make_hot_journal(const char *dir)
{
    pid_t pid = fork();
    int status = 0;
    if (pid == 0) {
        char *path = tu_path(dir, "meeting.db");
        sqlite3 *db = NULL;
        if (sqlite3_open(path, &db) != SQLITE_OK ||
            sqlite3_exec(db, "PRAGMA cache_size=2; BEGIN; CREATE TABLE junk(x);"
                         "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c"
                         " WHERE i < 400) INSERT INTO junk SELECT randomblob(900) FROM c;"
                         "UPDATE checkins SET badge = badge;", NULL, NULL, NULL) != SQLITE_OK)
            _exit(3);
        _exit(0); /* no COMMIT: the journal stays hot */
    }
    CHECK(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
          WEXITSTATUS(status) == 0);
}

static void test_hot_journal(void)
{
    char *dir = make_votes();
    char *journal = tu_path(dir, "meeting.db-journal");
    td_snap before, after;
    store *s = NULL;
    as_err err = {{0}};
    long len = 0;
    uint8_t *j;

    make_hot_journal(dir);
    j = tu_read(journal, &len);
    CHECK_MSG(len > 512, "no hot journal made (%ld bytes)", len);
    free(j);
    CHECK_INT(td_snapshot(dir, &before), 0);
    CHECK_INT(store_open_readonly(dir, sha_a, &s, &err), AS_EREADONLY);
    CHECK(s == NULL);
    CHECK_MSG(strstr(err.msg, journal) && strstr(err.msg, "rolled back") &&
                  strstr(err.msg, "never delete the journal"),
              "%s", err.msg);
    /* Writable here: the advice is to open it once with a writing tool. */
    CHECK_MSG(strstr(err.msg, "asamblea export"), "%s", err.msg);
    CHECK_INT(td_snapshot(dir, &after), 0);
    CHECK_MSG(!*td_diff(&before, &after), "%s", td_diff(&before, &after));

    /* Read-only folder: the advice is a writable copy. */
    td_chmod(dir, 0);
    if (geteuid() != 0) {
        CHECK_INT(store_open_readonly(dir, sha_a, &s, &err), AS_EREADONLY);
        CHECK_MSG(strstr(err.msg, "copy the whole folder"), "%s", err.msg);
    }
    td_chmod(dir, 1);

    /* store_open rolls it back; the votes are all there. */
    s = tu_open_ok(dir, sha_a);
    int64_t n = -1;
    CHECK_INT(store_ballot_count(s, "q", &n, &err), AS_OK);
    CHECK_INT(n, 3);
    CHECK_INT(store_integrity(s, &err), AS_OK);
    store_free(s);
    CHECK_INT(reads(dir), 0);
    free(journal);
    tu_rm_rf(dir);
    free(dir);
}

static void test_missing(void)
{
    char *dir = tu_mkdtemp();
    char *sub = tu_path(dir, "nothing-here");
    char *mdb = tu_path(dir, "meeting.db");
    store *s = NULL;
    as_err err = {{0}};

    CHECK_INT(store_open_readonly(sub, sha_a, &s, &err), AS_ENOENT);
    CHECK_MSG(strstr(err.msg, sub) != NULL, "%s", err.msg);
    CHECK(!tu_exists(sub));
    CHECK_INT(store_open_readonly(dir, sha_a, &s, &err), AS_ENOENT);
    CHECK_MSG(strstr(err.msg, "meeting.db") && strstr(err.msg, "missing"), "%s",
              err.msg);
    CHECK(!tu_exists(mdb));
    /* An empty meeting.db (a kiosk killed on its first start) holds no
     * meeting: nothing to read, nothing made. */
    tu_write(mdb, "", 0);
    char *bdb = tu_path(dir, "ballots.db");
    tu_write(bdb, "", 0);
    CHECK_INT(store_open_readonly(dir, sha_a, &s, &err), AS_ENOENT);
    CHECK_MSG(strstr(err.msg, "no meeting"), "%s", err.msg);
    long len = -1;
    free(tu_read(mdb, &len));
    CHECK_INT(len, 0);
    CHECK_INT(store_open_readonly(NULL, sha_a, &s, &err), AS_EINVAL);
    CHECK_INT(store_open_readonly(dir, sha_a, NULL, &err), AS_EINVAL);
    free(bdb);
    free(mdb);
    free(sub);
    tu_rm_rf(dir);
    free(dir);
}

static void test_symlinks(void)
{
    char *top = tu_mkdtemp();
    char *real = tu_path(top, "real");
    char *link = tu_path(top, "link");
    char *parent_link = tu_path(top, "plink");
    char *through = tu_path(top, "plink/new-data");
    char *through_real = tu_path(top, "real/new-data");
    char *existing = tu_path(top, "plink/data");
    store *s = NULL;
    as_err err = {{0}};
    char *resolved = realpath(top, NULL);
    char want[1024];

    CHECK_INT(mkdir(real, 0700), 0);
    CHECK_INT(symlink("real", link), 0);
    CHECK_INT(symlink(real, parent_link), 0);

    /* The folder itself is a link. */
    CHECK_INT(store_open(link, sha_a, &s, &err), AS_ENOENT);
    snprintf(want, sizeof want, "give --data the real folder %s/real", resolved);
    CHECK_MSG(strstr(err.msg, "symbolic link (to real)") && strstr(err.msg, want),
              "%s", err.msg);
    char *real_db = tu_path(real, "meeting.db");
    CHECK(!tu_exists(real_db));
    free(real_db);
    CHECK_INT(store_open_readonly(link, sha_a, &s, &err), AS_ENOENT);
    CHECK_MSG(strstr(err.msg, "symbolic link"), "%s", err.msg);

    /* A new folder under a linked parent: refused, and not created. */
    CHECK_INT(store_open(through, sha_a, &s, &err), AS_ENOENT);
    snprintf(want, sizeof want, "the folder %s on its path is a symbolic link", parent_link);
    CHECK_MSG(strstr(err.msg, want), "%s", err.msg);
    snprintf(want, sizeof want, "give --data the real path %s/real/new-data", resolved);
    CHECK_MSG(strstr(err.msg, want), "%s", err.msg);
    CHECK(!tu_exists(through_real));

    /* An existing data folder under a linked parent: the same. */
    char *real_data = tu_path(real, "data");
    store *ok = tu_open_ok(real_data, sha_a);
    store_free(ok);
    CHECK_INT(store_open(existing, sha_a, &s, &err), AS_ENOENT);
    CHECK_MSG(strstr(err.msg, "symbolic link"), "%s", err.msg);
    CHECK_INT(store_open_readonly(existing, sha_a, &s, &err), AS_ENOENT);
    CHECK_MSG(strstr(err.msg, "symbolic link"), "%s", err.msg);
    /* ...and the real path works. */
    CHECK_INT(store_open_readonly(real_data, sha_a, &s, &err), AS_OK);
    store_free(s);
    free(real_data);

    free(resolved);
    free(real); free(link); free(parent_link); free(through); free(through_real);
    free(existing);
    tu_rm_rf(top);
    free(top);
}

static int count_super(const char *dir, int *foreign)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    *foreign = 0;
    while (d && (e = readdir(d)) != NULL) {
        if (!strncmp(e->d_name, "meeting.db-mj", 13)) {
            if (strlen(e->d_name) == 22)
                n++;
            else
                (*foreign)++;
        }
    }
    if (d)
        closedir(d);
    return n;
}

/* Fills the disk (store_test_set_max_pages) while casting, as the audit
 * did; returns whether a super-journal was left. */
static int fill_disk(const char *dir, int *ncast)
{
    store *s = tu_open_ok(dir, sha_a);
    as_err err = {{0}};
    uint8_t b[TOKEN_HASH_SIZE];
    as_status st = AS_OK;
    int foreign, i;

    CHECK_INT(store_test_set_max_pages(s, 0, 1, &err), AS_OK);
    for (i = 100; i < 3000 && st == AS_OK; i++) {
        tu_badge(i, b);
        st = store_cast(s, "q", b, i % 3, &err);
    }
    CHECK_INT(st, AS_EFULL);
    *ncast = i - 100 - 1;
    store_free(s);
    return count_super(dir, &foreign);
}

/* In a child with a 1 MiB tmpfs on dir: for a few amounts of free space,
 * a fresh data folder, then casts until the disk is full.  Where that
 * leaves a super-journal (as the audit found), the next store_open, with
 * room again, must remove it and keep every acknowledged vote.  Returns
 * failed checks, or 76 when no amount left one (SQLite cleaned up every
 * time: nothing to test on this machine). */
static int full_disk_child(void *ud)
{
    const char *top = ud;
    int found = 0, bad = 0;
    for (int pages = 3; pages <= 12 && !found; pages++) {
        char data[512], filler[512];
        as_err err = {{0}};
        uint8_t b[TOKEN_HASH_SIZE];
        as_status st = AS_OK;
        int foreign = 0, ok_casts = 0;
        int64_t nb = -1, nv = -1;
        store *s;

        snprintf(data, sizeof data, "%s/data-%d", top, pages);
        snprintf(filler, sizeof filler, "%s/filler", top);
        s = tu_open_ok(data, sha_a);
        if (store_set_proposal_state(s, "q", PROP_OPEN, &err) != AS_OK ||
            td_fill(top, pages) != 0) {
            fprintf(stderr, "full disk setup: %s\n", err.msg);
            return 1;
        }
        for (int i = 0; i < 5000 && st == AS_OK; i++) {
            tu_badge(i, b);
            if ((st = store_cast(s, "q", b, i % 3, &err)) == AS_OK)
                ok_casts++;
        }
        store_free(s);
        if (st != AS_EFULL) {
            fprintf(stderr, "full disk (%d pages): status %d: %s\n", pages, (int)st,
                    err.msg);
            bad++;
        }
        found = count_super(data, &foreign) > 0;
        unlink(filler);
        if (found) {
            printf("a full disk with %d pages free left a super-journal\n", pages);
            s = tu_open_ok(data, sha_a);
            if (count_super(data, &foreign) != 0) {
                fprintf(stderr, "the stale super-journal is still there\n");
                bad++;
            }
            if (store_ballot_count(s, "q", &nb, &err) != AS_OK ||
                store_voted_count(s, "q", &nv, &err) != AS_OK ||
                nb != ok_casts || nv != ok_casts || store_integrity(s, &err) != AS_OK) {
                fprintf(stderr, "after the sweep: %lld ballots, %lld voted, %d "
                        "acknowledged: %s\n", (long long)nb, (long long)nv,
                        ok_casts, err.msg);
                bad++;
            }
            store_free(s);
        }
        tu_rm_rf(data);
    }
    return found ? bad : 76;
}

static void test_full_disk_super_journal(void)
{
    char *top = tu_mkdtemp();
    int r = td_in_tmpfs(top, "1m", full_disk_child, top);
    if (r == -77)
        CHECK_SKIP("real full disk: cannot mount a private tmpfs here (needs "
                   "root and mount namespaces); the hand-made super-journal "
                   "test still runs");
    else if (r == 76)
        CHECK_SKIP("real full disk: SQLite left no super-journal at any fill "
                   "level; the hand-made super-journal test still runs");
    else
        CHECK_MSG(r == 0, "full disk on tmpfs: %d failed checks", r);
    tu_rm_rf(top);
    free(top);
}

static void test_stale_super_journal(void)
{
    char *dir = make_votes();
    char *mine = tu_path(dir, "meeting.db-mj0A1B2C9D3");
    char *lookalike = tu_path(dir, "meeting.db-mjnotours");
    char *bj = tu_path(dir, "ballots.db-journal");
    int ncast = 0, foreign = 0;
    int64_t n = -1;
    as_err err = {{0}};
    store *s;

    int left = fill_disk(dir, &ncast);
    if (left == 0) {
        /* This SQLite cleaned up after the full disk: leave one as the
         * audit found it, 84 bytes naming both journals. */
        static const char body[] = "/data/meeting.db-journal\0/data/ballots.db-journal\0";
        tu_write(mine, body, sizeof body - 1);
        printf("note: store_test_set_max_pages's full disk left no "
               "super-journal (the real one on tmpfs does); testing the keep "
               "and remove rules with one written by hand\n");
    }
    tu_write(lookalike, "not SQLite's", 12);
    CHECK(count_super(dir, &foreign) >= 1);

    /* A journal with bytes may name it: kept.  (A zeroed header is not
     * hot, so SQLite leaves the journal alone too.) */
    static const char zeros[512] = {0};
    tu_write(bj, zeros, sizeof zeros);
    s = tu_open_ok(dir, sha_a);
    store_free(s);
    CHECK(count_super(dir, &foreign) >= 1);

    /* Empty journals name nothing: the next start removes it. */
    tu_write(bj, "", 0);
    s = tu_open_ok(dir, sha_a);
    CHECK_INT(count_super(dir, &foreign), 0);
    CHECK_INT(foreign, 1); /* the look-alike is not ours to remove */
    CHECK(tu_exists(lookalike));
    CHECK_INT(store_ballot_count(s, "q", &n, &err), AS_OK);
    CHECK_INT(n, 3 + ncast);
    CHECK_INT(store_voted_count(s, "q", &n, &err), AS_OK);
    CHECK_INT(n, 3 + ncast);
    CHECK_INT(store_integrity(s, &err), AS_OK);
    store_free(s);
    free(mine);
    free(lookalike);
    free(bj);
    tu_rm_rf(dir);
    free(dir);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    tu_sha("meeting a", sha_a);
    tu_sha("meeting b", sha_b);
    test_readonly();
    test_hot_journal();
    test_missing();
    test_symlinks();
    test_full_disk_super_journal();
    test_stale_super_journal();
    return check_done();
}
