/* test_roster.c: reading rosters (good and each kind of bad one, with the
 * exact file:line:col of every message) and `roster issue` rewriting. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sodium.h>
#include "check.h"
#include "test_file_util.h"
#include "roster.h"

#define ROSTERS AS_TEST_DATA "/rosters/"

static char tmpdir[64];

static void spit(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        CHECK(fwrite(data, 1, len, f) == len);
        fclose(f);
    }
}

/* copy_in: copies a test roster into the temp dir; returns its path. */
static const char *copy_in(const char *name, char *path, size_t size)
{
    char src[512];
    size_t len = 0;
    snprintf(src, sizeof src, ROSTERS "%s", name);
    snprintf(path, size, "%s/%s", tmpdir, name);
    char *b = tf_slurp(src, &len);
    CHECK(b != NULL);
    if (b)
        spit(path, b, len);
    free(b);
    return path;
}

/* has_diag: some line is exactly "where: ..." and contains what. */
static int has_diag(const diag_list *d, const char *where, const char *what)
{
    size_t wl = strlen(where);
    for (int i = 0; i < d->n; i++)
        if (!strncmp(d->lines[i], where, wl) && d->lines[i][wl] == ':' &&
            d->lines[i][wl + 1] == ' ' && strstr(d->lines[i] + wl, what))
            return 1;
    return 0;
}

static void dump(const diag_list *d)
{
    for (int i = 0; i < d->n; i++)
        fprintf(stderr, "  diag: %s\n", d->lines[i]);
}

/* expect_bad: loading tests/data/rosters/name fails with one message at
 * line:col containing what. */
static void expect_bad(const char *name, int line, int col, const char *what)
{
    char path[512], where[600];
    diag_list d;
    roster *r = (roster *)1;
    diag_init(&d);
    snprintf(path, sizeof path, ROSTERS "%s", name);
    snprintf(where, sizeof where, "%s:%d:%d", path, line, col);
    CHECK_INT(roster_load(path, &r, &d), AS_EINVAL);
    CHECK(r == NULL);
    CHECK_MSG(has_diag(&d, where, what), "%s: no '%s' at %s", name, what, where);
    if (!has_diag(&d, where, what))
        dump(&d);
    diag_free(&d);
}

static void test_good(void)
{
    diag_list d;
    roster *r = NULL;
    diag_init(&d);
    CHECK_INT(roster_load(ROSTERS "good.csv", &r, &d), AS_OK);
    CHECK_INT(diag_count(&d), 0);
    dump(&d);
    if (!r)
        return;
    CHECK_INT(roster_count(r), 6);
    CHECK_INT(roster_facilitators(r), 2);
    CHECK_STR(roster_get(r, 0)->name, "María Hernández");
    CHECK_INT(roster_get(r, 0)->role, MEMBER_FACILITATOR);
    CHECK_STR(roster_get(r, 0)->token, "YQW9BS-3DKD3Y-8MPT6R");
    CHECK_INT(roster_get(r, 0)->line, 2);
    CHECK_STR(roster_get(r, 1)->name, "Medina, Ana Sofía");
    CHECK_STR(roster_get(r, 1)->token, "");
    CHECK_STR(roster_get(r, 2)->name, "José Ramírez");
    CHECK_INT(roster_get(r, 2)->role, MEMBER_ATTENDEE);
    /* written in lower case: stored canonical */
    CHECK_STR(roster_get(r, 2)->token, "VYX7R4-PY04K1-7AFK0M");
    CHECK_INT(roster_get(r, 2)->line, 5);
    CHECK_STR(roster_get(r, 3)->name, "Tomás Novak");
    CHECK_INT(roster_get(r, 3)->line, 8);
    CHECK_STR(roster_get(r, 4)->name, "Lucía Morales");
    CHECK_STR(roster_get(r, 5)->name, "Kevin O'Brien");
    CHECK_INT(roster_get(r, 5)->line, 10);
    CHECK(roster_get(r, 6) == NULL);
    CHECK(roster_get(r, -1) == NULL);
    roster_free(r);
    diag_free(&d);
}

static void test_bad(void)
{
    expect_bad("unterminated.csv", 3, 1, "quoted cell never ends");
    expect_bad("missing-column.csv", 1, 1, "no 'token' column");
    expect_bad("unknown-role.csv", 3, 18, "unknown role 'organizer'");
    expect_bad("dup-tokens.csv", 4, 28, "same token as line 2");
    expect_bad("bad-check.csv", 2, 21, "wrong check character");
    expect_bad("bad-check.csv", 3, 27, "not a badge token");
    expect_bad("problems.csv", 2, 23, "has 5 cells but the header has 4");
    expect_bad("problems.csv", 2, 8, "unknown role 'Ana'");
    expect_bad("problems.csv", 3, 1, "no name");
    expect_bad("problems.csv", 4, 16, "no role");
    expect_bad("problems.csv", 5, 8, "text after the closing quote");

    /* Tokens are secrets: no message may repeat one. */
    diag_list d;
    roster *r;
    diag_init(&d);
    roster_load(ROSTERS "dup-tokens.csv", &r, &d);
    roster_load(ROSTERS "bad-check.csv", &r, &d);
    int leaked = 0;
    for (int i = 0; i < d.n; i++)
        if (strstr(d.lines[i], "W6V24Y") || strstr(d.lines[i], "w6v24y") ||
            strstr(d.lines[i], "PQ-RN0") || strstr(d.lines[i], "RN079P"))
            leaked++;
    CHECK_INT(leaked, 0);
    diag_free(&d);

    /* Missing file, empty buffer, header only. */
    diag_init(&d);
    CHECK_INT(roster_load(ROSTERS "no-such-file.csv", &r, &d), AS_ENOENT);
    CHECK(r == NULL);
    CHECK_INT(diag_count(&d), 1);
    CHECK(d.n == 1 && strstr(d.lines[0], "no-such-file.csv: roster not found"));
    diag_free(&d);
    diag_init(&d);
    CHECK_INT(roster_parse("mem.csv", "", 0, &r, &d), AS_EINVAL);
    CHECK(has_diag(&d, "mem.csv:1:1", "roster is empty"));
    diag_free(&d);
    diag_init(&d);
    CHECK_INT(roster_parse("mem.csv", "\r\n\n", 3, &r, &d), AS_EINVAL);
    CHECK(has_diag(&d, "mem.csv:1:1", "roster is empty"));
    diag_free(&d);
    diag_init(&d);
    CHECK_INT(roster_parse("mem.csv", "Name,Role,Token\n", 16, &r, &d), AS_OK);
    CHECK_INT(roster_count(r), 0);
    roster_free(r);
    diag_free(&d);
    /* Empty cells past the header's last column are harmless. */
    diag_init(&d);
    CHECK_INT(roster_parse("mem.csv", "name,role,token\nAna,attendee,, ,\n",
                           32, &r, &d), AS_OK);
    CHECK_INT(roster_count(r), 1);
    roster_free(r);
    diag_free(&d);
    /* A FIFO is refused at once instead of blocking the program. */
    char fifo[128];
    snprintf(fifo, sizeof fifo, "%s/fifo.csv", tmpdir);
    CHECK(mkfifo(fifo, 0600) == 0);
    diag_init(&d);
    CHECK_INT(roster_load(fifo, &r, &d), AS_EINVAL);
    CHECK(d.n == 1 && strstr(d.lines[0], "not a regular file"));
    diag_free(&d);
    unlink(fifo);
    /* Invalid UTF-8 (a Latin-1 export) and a NUL byte. */
    diag_init(&d);
    CHECK_INT(roster_parse("mem.csv", "name,role,token\nJos\xe9,attendee,\n",
                           31, &r, &d), AS_EINVAL);
    CHECK(has_diag(&d, "mem.csv:2:1", "not valid UTF-8"));
    diag_free(&d);
    diag_init(&d);
    CHECK_INT(roster_parse("mem.csv", "name,role,token\nA\0B,attendee,\n", 29,
                           &r, &d), AS_EINVAL);
    CHECK(has_diag(&d, "mem.csv:2:1", "NUL byte"));
    diag_free(&d);
}

static void test_large(void)
{
    size_t cap = 2001 * 64, n = 0;
    char *b = malloc(cap), t[TOKEN_TEXT_SIZE];
    n += (size_t)snprintf(b, cap, "name,role,token\n");
    for (int i = 0; i < 2000; i++) {
        token_new(t);
        n += (size_t)snprintf(b + n, cap - n, "Person %d,%s,%s\n", i,
                              i % 100 ? "attendee" : "facilitator",
                              i % 3 ? t : "");
    }
    diag_list d;
    roster *r = NULL;
    diag_init(&d);
    CHECK_INT(roster_parse("big.csv", b, n, &r, &d), AS_OK);
    CHECK_INT(roster_count(r), 2000);
    CHECK_INT(roster_facilitators(r), 20);
    roster_free(r);
    diag_free(&d);
    free(b);
}

/* replace_all: a new string: s with every from replaced by to. */
static char *replace_all(char *s, const char *from, const char *to)
{
    size_t fl = strlen(from), tl = strlen(to), n = 0;
    char *out = malloc(strlen(s) * (tl > fl ? tl : 1) + 1), *p = s;
    for (char *q; (q = strstr(p, from)); p = q + fl) {
        memcpy(out + n, p, (size_t)(q - p));
        n += (size_t)(q - p);
        memcpy(out + n, to, tl);
        n += tl;
    }
    strcpy(out + n, p);
    free(s);
    return out;
}

static int count_files(const char *dir)
{
    DIR *dp = opendir(dir);
    struct dirent *e;
    int n = 0;
    while (dp && (e = readdir(dp)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    if (dp)
        closedir(dp);
    return n;
}

static void test_issue(void)
{
    char path[512];
    diag_list d;
    roster *before = NULL, *after = NULL;
    int issued = -1;
    size_t len0, len1;
    struct stat st0, st1;

    copy_in("good.csv", path, sizeof path);
    chmod(path, 0644); /* as a spreadsheet saves it: readable by all */
    char *orig = tf_slurp(path, &len0);
    diag_init(&d);
    CHECK_INT(roster_load(path, &before, &d), AS_OK);
    CHECK_INT(roster_issue(path, &issued, &d), AS_OK);
    CHECK_INT(issued, 3);
    dump(&d);
    CHECK_INT(roster_load(path, &after, &d), AS_OK);
    CHECK_INT(count_files(tmpdir), 1); /* no temporary file left behind */
    /* It holds tokens now: owner only, like `roster import`'s output. */
    CHECK(stat(path, &st0) == 0 && (st0.st_mode & 07777) == 0600);
    if (!before || !after)
        goto out;
    CHECK_INT(roster_count(after), roster_count(before));
    char *now = tf_slurp(path, &len1);
    int kept = 0, filled = 0;
    for (int i = 0; i < roster_count(after); i++) {
        const roster_entry *a = roster_get(before, i), *b = roster_get(after, i);
        CHECK_STR(a->name, b->name);
        CHECK_INT(a->line, b->line);
        if (a->token[0]) {
            kept += !strcmp(a->token, b->token);
        } else {
            char tmp[TOKEN_TEXT_SIZE];
            filled += b->token[0] && token_normalize(b->token, strlen(b->token),
                                                     tmp) == AS_OK;
            now = replace_all(now, b->token, "@");
        }
    }
    CHECK_INT(kept, 3);
    CHECK_INT(filled, 3);
    /* Every byte but the three new cells is as it was: BOM, CRLF, quotes,
     * the lower-case token, the blank rows, the extra columns. */
    orig = replace_all(orig, "Sofía\",attendee,,773", "Sofía\",attendee,@,773");
    orig = replace_all(orig, "Tomás Novak,attendee\r\n", "Tomás Novak,attendee,@\r\n");
    orig = replace_all(orig, " attendee ,\"\",773", " attendee ,@,773");
    CHECK_STR(now, orig);
    free(now);

    /* Idempotent: nothing to issue leaves the very same file. */
    CHECK(stat(path, &st0) == 0);
    now = tf_slurp(path, &len0);
    CHECK_INT(roster_issue(path, &issued, &d), AS_OK);
    CHECK_INT(issued, 0);
    char *again = tf_slurp(path, &len1);
    CHECK(stat(path, &st1) == 0 && st1.st_ino == st0.st_ino);
    CHECK(len0 == len1 && !memcmp(now, again, len0));
    free(now);
    free(again);
out:
    CHECK_INT(diag_count(&d), 0);
    roster_free(before);
    roster_free(after);
    free(orig);
    diag_free(&d);
    unlink(path);
}

static void test_issue_refuses(void)
{
    char path[512];
    diag_list d;
    int issued = -1;
    size_t l0, l1;

    /* A roster with errors is never rewritten. */
    copy_in("dup-tokens.csv", path, sizeof path);
    char *b0 = tf_slurp(path, &l0);
    diag_init(&d);
    CHECK_INT(roster_issue(path, &issued, &d), AS_EINVAL);
    CHECK_INT(issued, 0);
    CHECK(d.n >= 1 && strstr(d.lines[0], "same token as line 2"));
    char *b1 = tf_slurp(path, &l1);
    CHECK(b0 && b1 && l0 == l1 && !memcmp(b0, b1, l0));
    free(b0);
    free(b1);
    diag_free(&d);
    unlink(path);

    /* Missing file. */
    snprintf(path, sizeof path, "%s/none.csv", tmpdir);
    diag_init(&d);
    CHECK_INT(roster_issue(path, &issued, &d), AS_ENOENT);
    CHECK_INT(count_files(tmpdir), 0);
    diag_free(&d);

    /* A folder that cannot be written: root ignores permissions. */
    if (geteuid() == 0) {
        CHECK_SKIP("running as root: a read-only folder is still writable");
        return;
    }
    char sub[128];
    snprintf(sub, sizeof sub, "%s/ro", tmpdir);
    mkdir(sub, 0700);
    snprintf(path, sizeof path, "%s/small.csv", sub);
    b0 = tf_slurp(ROSTERS "small.csv", &l0);
    spit(path, b0, l0);
    chmod(sub, 0500);
    diag_init(&d);
    CHECK_INT(roster_issue(path, &issued, &d), AS_EREADONLY);
    CHECK(d.n == 1 && strstr(d.lines[0], "writable"));
    b1 = tf_slurp(path, &l1);
    CHECK(b1 && l0 == l1 && !memcmp(b0, b1, l0));
    chmod(sub, 0700);
    free(b0);
    free(b1);
    diag_free(&d);
    unlink(path);
    rmdir(sub);
}

static void test_issue_symlink(void)
{
    char path[512], link[512];
    diag_list d;
    int issued = -1;
    struct stat st;

    copy_in("small.csv", path, sizeof path);
    snprintf(link, sizeof link, "%s/link.csv", tmpdir);
    CHECK(symlink("small.csv", link) == 0);
    diag_init(&d);
    CHECK_INT(roster_issue(link, &issued, &d), AS_OK);
    CHECK_INT(issued, 2);
    CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
    roster *r = NULL;
    CHECK_INT(roster_load(path, &r, &d), AS_OK);
    for (int i = 0; r && i < roster_count(r); i++)
        CHECK(roster_get(r, i)->token[0] != '\0');
    roster_free(r);
    diag_free(&d);
    unlink(link);
    unlink(path);
}

/* The docs example: 41 people, 29 with badges. */
static void test_example(void)
{
    char path[512];
    diag_list d;
    int issued = -1;
    size_t len;
    snprintf(path, sizeof path, "%s/roster.csv", tmpdir);
    char *b = tf_slurp(AS_EXAMPLES "/roster.csv", &len);
    CHECK(b != NULL);
    if (!b)
        return;
    spit(path, b, len);
    diag_init(&d);
    CHECK_INT(roster_issue(path, &issued, &d), AS_OK);
    CHECK_INT(issued, 12);
    roster *r = NULL;
    CHECK_INT(roster_load(path, &r, &d), AS_OK);
    CHECK_INT(roster_count(r), 41);
    CHECK_INT(roster_facilitators(r), 2);
    roster_free(r);
    diag_free(&d);
    free(b);
    unlink(path);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    strcpy(tmpdir, "/tmp/as-roster-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    test_good();
    test_bad();
    test_large();
    test_issue();
    test_issue_refuses();
    test_issue_symlink();
    test_example();
    rmdir(tmpdir);
    return check_done();
}
