/* test_file_write.c: the crash-safe file writer (include/file_write.h) on
 * real files: new and replaced files, modes, the streamed writer, the
 * no-replace mode, and every failure path leaving the old file exactly as
 * it was and no temporary file behind: a missing folder, a folder in the
 * way, a refused commit step, a write cut short (the file-size limit, as
 * root too), a real full disk (a small tmpfs) and a real read-only mount
 * (both in a private mount namespace; SKIP where the machine cannot). */
#include "test_datadir_util.h"
#include <signal.h>
#include <sys/resource.h>
#include "check.h"
#include "file_write.h"
#include "test_file_util.h"

static char tmpdir[64];

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    CHECK(f && fputs(text, f) >= 0);
    if (f)
        fclose(f);
}

/* holds: path's bytes are exactly text. */
static int holds(const char *path, const char *text)
{
    size_t n = 0;
    char *b = tf_slurp(path, &n);
    int ok = b && n == strlen(text) && !memcmp(b, text, n);
    free(b);
    return ok;
}

/* entries: the names in dir, other than . and .. */
static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int n = 0;
    while (d && (de = readdir(d)) != NULL)
        if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
            n++;
    if (d)
        closedir(d);
    return n;
}

static void test_new_and_replace(void)
{
    char path[128];
    struct stat sb;
    as_err err = {{0}};
    file_write_opts doc = {0644, 0}, secret = {0600, 0};

    snprintf(path, sizeof path, "%s/a.txt", tmpdir);
    CHECK_INT(file_write_atomic(path, "one\n", 4, &doc, &err), AS_OK);
    CHECK(holds(path, "one\n"));
    CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0644);
    CHECK_INT(entries(tmpdir), 1);

    /* Replacing takes the new mode too: a roster that now holds tokens
     * becomes 0600 whatever the spreadsheet's copy had. */
    CHECK_INT(file_write_atomic(path, "two, longer\n", 12, &secret, &err), AS_OK);
    CHECK(holds(path, "two, longer\n"));
    CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600);
    /* An empty file is a file. */
    CHECK_INT(file_write_atomic(path, "", 0, NULL, &err), AS_OK);
    CHECK(holds(path, ""));
    CHECK_INT(entries(tmpdir), 1);
    /* A bare name lands in the working folder. */
    char cwd[256];
    CHECK(getcwd(cwd, sizeof cwd) != NULL);
    CHECK(chdir(tmpdir) == 0);
    CHECK_INT(file_write_atomic("bare.txt", "b", 1, &doc, &err), AS_OK);
    CHECK(chdir(cwd) == 0);
    snprintf(path, sizeof path, "%s/bare.txt", tmpdir);
    CHECK(holds(path, "b"));
    unlink(path);
    snprintf(path, sizeof path, "%s/a.txt", tmpdir);
    unlink(path);
}

static void test_streamed(void)
{
    char path[128];
    static char want[100000];
    file_writer w;
    as_err err = {{0}};
    size_t n = 0;

    snprintf(path, sizeof path, "%s/big.bin", tmpdir);
    for (size_t i = 0; i < sizeof want; i++)
        want[i] = (char)('a' + i % 26);
    CHECK_INT(file_writer_open(&w, path, NULL, &err), AS_OK);
    /* small pieces, one larger than the buffer, and small ones again */
    while (n < 30000) {
        CHECK_INT(file_writer_write(&w, want + n, 7), 0);
        n += 7;
    }
    CHECK_INT(file_writer_write(&w, want + n, 40000), 0);
    n += 40000;
    CHECK_INT(file_writer_write(&w, want + n, sizeof want - n), 0);
    /* Nothing at the name until the commit. */
    CHECK(access(path, F_OK) != 0);
    CHECK_INT(file_writer_commit(&w, NULL, NULL, &err), AS_OK);
    size_t len = 0;
    char *got = tf_slurp(path, &len);
    CHECK(got && len == sizeof want && !memcmp(got, want, len));
    free(got);
    CHECK_INT(entries(tmpdir), 1);
    /* An aborted writer leaves nothing. */
    CHECK_INT(file_writer_open(&w, path, NULL, &err), AS_OK);
    file_writer_write(&w, "xyz", 3);
    file_writer_abort(&w);
    file_writer_abort(&w); /* twice is harmless */
    CHECK_INT(entries(tmpdir), 1);
    unlink(path);
}

static void test_no_replace(void)
{
    char path[128];
    file_write_opts o = {0600, FILE_WRITE_NO_REPLACE};
    as_err err = {{0}};

    snprintf(path, sizeof path, "%s/key", tmpdir);
    CHECK_INT(file_write_atomic(path, "first", 5, &o, &err), AS_OK);
    CHECK_INT(file_write_atomic(path, "second", 6, &o, &err), AS_ESTATE);
    CHECK(strstr(err.msg, path) == err.msg && strstr(err.msg, "already exists"));
    CHECK(holds(path, "first"));
    CHECK_INT(entries(tmpdir), 1);
    /* A symbolic link at the name counts as taken, and is not followed. */
    char link_path[128];
    snprintf(link_path, sizeof link_path, "%s/link", tmpdir);
    CHECK(symlink(path, link_path) == 0);
    CHECK_INT(file_write_atomic(link_path, "third", 5, &o, &err), AS_ESTATE);
    CHECK(holds(path, "first"));
    unlink(link_path);
    unlink(path);
}

typedef struct {
    const char *path, *old;
    int calls, saw_old;
} hook_ctx;

static as_status refusing_hook(void *ud, as_err *err)
{
    hook_ctx *h = ud;
    h->calls++;
    /* It runs with the bytes on disk but the old file still in place. */
    h->saw_old = holds(h->path, h->old);
    return as_err_set(err, AS_EFULL, "the database refused");
}

static void test_hook(void)
{
    char path[128];
    file_writer w;
    as_err err = {{0}};
    hook_ctx h = {path, "old deck\n", 0, 0};

    snprintf(path, sizeof path, "%s/cards.pdf", tmpdir);
    put(path, h.old);
    CHECK_INT(file_writer_open(&w, path, NULL, &err), AS_OK);
    file_writer_write(&w, "new deck\n", 9);
    CHECK_INT(file_writer_commit(&w, refusing_hook, &h, &err), AS_EFULL);
    CHECK_INT(h.calls, 1);
    CHECK(h.saw_old);
    CHECK(strstr(err.msg, "the database refused") == err.msg);
    CHECK(strstr(err.msg, "nothing was changed") != NULL);
    CHECK(holds(path, h.old));
    CHECK_INT(entries(tmpdir), 1);
    unlink(path);
}

static void test_bad_paths(void)
{
    char path[160], sub[128];
    as_err err = {{0}};
    file_writer w;

    /* The folder does not exist. */
    snprintf(path, sizeof path, "%s/no/such/folder/x.pdf", tmpdir);
    CHECK_INT(file_write_atomic(path, "x", 1, NULL, &err), AS_ENOENT);
    CHECK(strstr(err.msg, path) == err.msg && strstr(err.msg, "does not exist"));
    /* Not a file name. */
    CHECK_INT(file_write_atomic("", "x", 1, NULL, &err), AS_EINVAL);
    snprintf(path, sizeof path, "%s/", tmpdir);
    CHECK_INT(file_writer_open(&w, path, NULL, &err), AS_EINVAL);
    CHECK(strstr(err.msg, "not a file name") != NULL);
    /* A folder where the file should go: refused at the rename, the
     * folder and what it holds untouched, no temporary file left. */
    snprintf(sub, sizeof sub, "%s/taken", tmpdir);
    CHECK(mkdir(sub, 0700) == 0);
    snprintf(path, sizeof path, "%s/inside", sub);
    put(path, "kept");
    CHECK(file_write_atomic(sub, "x", 1, NULL, &err) != AS_OK);
    CHECK(strstr(err.msg, sub) == err.msg && strstr(err.msg, "nothing was changed"));
    CHECK(holds(path, "kept"));
    CHECK_INT(entries(tmpdir), 1);
    CHECK_INT(entries(sub), 1);
    unlink(path);
    rmdir(sub);
    /* The folder is a file. */
    snprintf(sub, sizeof sub, "%s/plain", tmpdir);
    put(sub, "p");
    snprintf(path, sizeof path, "%s/x", sub);
    CHECK_INT(file_write_atomic(path, "x", 1, NULL, &err), AS_ENOENT);
    unlink(sub);
}

/* A write cut short by the file-size limit (EFBIG, which counts as a
 * full disk, and works as root): the old file stays. */
static void test_cut_short(void)
{
    char path[128];
    static char big[64 * 1024];
    struct rlimit lim, small = {4096, 4096};
    as_err err = {{0}};
    file_writer w;

    snprintf(path, sizeof path, "%s/roster.csv", tmpdir);
    put(path, "name,role,token\n");
    memset(big, 'x', sizeof big);
    void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
    CHECK(getrlimit(RLIMIT_FSIZE, &lim) == 0);
    small.rlim_max = lim.rlim_max;
    CHECK(setrlimit(RLIMIT_FSIZE, &small) == 0);
    as_status one = file_write_atomic(path, big, sizeof big, NULL, &err);
    char msg1[sizeof err.msg];
    memcpy(msg1, err.msg, sizeof msg1);
    /* the streamed writer: the failure is kept and told at the commit */
    as_status two = file_writer_open(&w, path, NULL, &err);
    int wrote = 0;
    for (int i = 0; two == AS_OK && i < 8; i++)
        wrote += file_writer_write(&w, big, 8192) == 0;
    if (two == AS_OK)
        two = file_writer_commit(&w, NULL, NULL, &err);
    CHECK(setrlimit(RLIMIT_FSIZE, &lim) == 0);
    signal(SIGXFSZ, old_handler);
    CHECK_MSG(one == AS_EFULL, "status %d: %s", (int)one, msg1);
    CHECK(strstr(msg1, path) == msg1 && strstr(msg1, "free some space"));
    CHECK_INT(two, AS_EFULL);
    CHECK(wrote < 8); /* later writes say so at once */
    CHECK(holds(path, "name,role,token\n"));
    CHECK_INT(entries(tmpdir), 1);
    unlink(path);
}

static char fs_dir[160];

static int full_disk(void *ud)
{
    static char big[256 * 1024];
    char path[200];
    as_err err = {{0}};
    int fails = 0;
    (void)ud;
    snprintf(path, sizeof path, "%s/results.csv", fs_dir);
    put(path, "old results\n");
    if (td_fill(fs_dir, 0) != 0)
        return 1;
    memset(big, 'r', sizeof big);
    as_status st = file_write_atomic(path, big, sizeof big, NULL, &err);
    fails += st != AS_EFULL;
    fails += !strstr(err.msg, "free some space");
    fails += !holds(path, "old results\n");
    fails += entries(fs_dir) != 2; /* results.csv and the filler */
    if (fails)
        fprintf(stderr, "full disk: status %d: %s\n", (int)st, err.msg);
    return fails;
}

static int read_only(void *ud)
{
    char path[200];
    as_err err = {{0}};
    int fails = 0;
    (void)ud;
    snprintf(path, sizeof path, "%s/roster.csv", fs_dir);
    as_status st = file_write_atomic(path, "new", 3, NULL, &err);
    fails += st != AS_EREADONLY;
    fails += !strstr(err.msg, path) || !strstr(err.msg, "writable");
    fails += !holds(path, "old roster\n");
    fails += entries(fs_dir) != 1;
    if (fails)
        fprintf(stderr, "read-only: status %d: %s\n", (int)st, err.msg);
    return fails;
}

static void test_real_disks(void)
{
    int rc;

    snprintf(fs_dir, sizeof fs_dir, "%s/fs", tmpdir);
    CHECK(mkdir(fs_dir, 0700) == 0);
    rc = td_in_tmpfs(fs_dir, "128k", full_disk, NULL);
    if (rc == -77)
        CHECK_SKIP("cannot mount a small tmpfs here (not root, or no namespaces)");
    else
        CHECK_INT(rc, 0);
    char path[200];
    snprintf(path, sizeof path, "%s/roster.csv", fs_dir);
    put(path, "old roster\n");
    rc = td_in_ro_mount(fs_dir, read_only, NULL);
    if (rc == -77)
        CHECK_SKIP("cannot make a read-only mount here (not root, or no namespaces)");
    else
        CHECK_INT(rc, 0);
    CHECK(holds(path, "old roster\n"));
    unlink(path);
    rmdir(fs_dir);
}

static void test_sync_dir(void)
{
    as_err err = {{0}};
    char path[128];
    CHECK_INT(file_sync_dir(tmpdir, &err), AS_OK);
    snprintf(path, sizeof path, "%s/gone", tmpdir);
    CHECK_INT(file_sync_dir(path, &err), AS_ENOENT);
    CHECK(strstr(err.msg, path) == err.msg);
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/as-fw-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        CHECK_MSG(0, "mkdtemp: %s", strerror(errno));
        return check_done();
    }
    test_new_and_replace();
    test_streamed();
    test_no_replace();
    test_hook();
    test_bad_paths();
    test_cut_short();
    test_real_disks();
    test_sync_dir();
    CHECK_INT(entries(tmpdir), 0);
    rmdir(tmpdir);
    return check_done();
}
