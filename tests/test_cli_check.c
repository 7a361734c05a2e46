/* test_cli_check.c: `asamblea check` and `asamblea roster issue` as an
 * organizer runs them: the real program, its exit status, its stdout and
 * stderr. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"
#include "test_cli_util.h"
#include "roster.h"

#define MEETINGS AS_TEST_DATA "/meetings/"
#define ROSTERS AS_TEST_DATA "/rosters/"

static char tmpdir[64];
static char out[65536], err[65536];

static void read_into(const char *path, char *buf, size_t size)
{
    tc_read_into(path, buf, size);
}

/* run: runs asamblea with args (NULL-terminated); fills out and err;
 * returns the exit status, or -1 if it did not exit normally (a crash). */
static int run(const char *a1, const char *a2, const char *a3, const char *a4)
{
    const char *argv[] = {"asamblea", a1, a2, a3, a4, NULL};
    return tc_run(argv, tmpdir, out, sizeof out, err, sizeof err);
}

static void copy_file(const char *from, const char *to)
{
    char buf[65536];
    FILE *f = fopen(from, "rb"), *t = fopen(to, "wb");
    size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
    CHECK(f && t && fwrite(buf, 1, n, t) == n);
    if (f)
        fclose(f);
    if (t)
        fclose(t);
}

/* every_line_located: each line of s starts "file:line:col: " with a file
 * name ending in suffix. */
static int every_line_located(const char *s, const char *suffix)
{
    int lines = 0;
    while (*s) {
        const char *nl = strchr(s, '\n');
        if (!nl)
            return 0;
        const char *at = strstr(s, suffix);
        int l, c, n = 0;
        if (!at || at > nl ||
            sscanf(at + strlen(suffix), ":%d:%d: %n", &l, &c, &n) != 2 || n == 0 ||
            l < 1 || c < 1)
            return 0;
        lines++;
        s = nl + 1;
    }
    return lines;
}

static void test_check_ok(void)
{
    CHECK_INT(run("check", AS_EXAMPLES "/meeting.yaml", NULL, NULL), 0);
    CHECK_STR(out, "ok: 3 proposals, 41 on the roster, 2 facilitators\n");
    CHECK_STR(err, "");

    CHECK_INT(run("check", MEETINGS "plain.yaml", NULL, NULL), 0);
    CHECK_STR(out, "ok: 1 proposal, 3 on the roster, 1 facilitator\n");

    /* Missing translations warn but do not fail. */
    CHECK_INT(run("check", MEETINGS "warn-missing-es.yaml", NULL, NULL), 0);
    CHECK_STR(out, "ok: 2 proposals, 3 on the roster, 1 facilitator\n");
    CHECK(strstr(err, MEETINGS "warn-missing-es.yaml:8: warning: proposal "
                      "'coat-drive' has no es text") != NULL);
}

static void test_check_bad(void)
{
    CHECK_INT(run("check", MEETINGS "dup-ids.yaml", NULL, NULL), 2);
    CHECK_STR(out, "");
    CHECK(strstr(err, MEETINGS "dup-ids.yaml:12:9: duplicate proposal id "
                      "'coat-drive' (also on line 6)") == err);
    CHECK_INT(every_line_located(err, "dup-ids.yaml"), 1);

    CHECK_INT(run("check", MEETINGS "many-mistakes.yaml", NULL, NULL), 2);
    CHECK_STR(out, "");
    CHECK_INT(every_line_located(err, "many-mistakes.yaml"), 9);
    /* in file order */
    CHECK(strstr(err, ":2:3: ") < strstr(err, ":7:3: "));
    CHECK(strstr(err, ":7:3: ") < strstr(err, ":13:5: "));

    CHECK_INT(run("check", MEETINGS "bad-roster.yaml", NULL, NULL), 2);
    CHECK(strstr(err, "unknown-role.csv:3:18: unknown role 'organizer'") != NULL);

    CHECK_INT(run("check", MEETINGS "bad-yaml.yaml", NULL, NULL), 2);
    CHECK(strstr(err, "bad-yaml.yaml:8:11: YAML syntax error") != NULL);

    CHECK_INT(run("check", MEETINGS "missing-roster.yaml", NULL, NULL), 2);
    CHECK(strstr(err, "missing-roster.yaml:4:11: roster file") != NULL);

    CHECK_INT(run("check", MEETINGS "nope.yaml", NULL, NULL), 2);
    CHECK(strstr(err, "nope.yaml: meeting file not found") != NULL);

    /* A directory, and a binary file, are answered, not crashed on. */
    CHECK_INT(run("check", MEETINGS, NULL, NULL), 2);
    CHECK(strstr(err, "not a regular file") != NULL);
    CHECK_INT(run("check", AS_BINARY, NULL, NULL), 2);
    CHECK(err[0] != '\0');
}

static void test_check_usage(void)
{
    CHECK_INT(run("check", NULL, NULL, NULL), 2);
    CHECK_STR(err, "usage: asamblea check MEETING.yaml\n");
    CHECK_INT(run("check", "a.yaml", "b.yaml", NULL), 2);
    CHECK_STR(err, "usage: asamblea check MEETING.yaml\n");
    CHECK_INT(run("check", "--frob", NULL, NULL), 2);
    CHECK_INT(run("check", "--help", NULL, NULL), 0);
    CHECK(strstr(out, "usage: asamblea check") == out);
}

static void test_roster_issue(void)
{
    char path[128], msg[256];
    roster *r = NULL;
    diag_list d;

    snprintf(path, sizeof path, "%s/roster.csv", tmpdir);
    copy_file(AS_EXAMPLES "/roster.csv", path);
    CHECK_INT(run("roster", "issue", path, NULL), 0);
    snprintf(msg, sizeof msg, "%s: issued 12 new tokens (29 already had one)\n",
             path);
    CHECK_STR(out, msg);
    CHECK_STR(err, "");

    /* The program never prints a badge token. */
    diag_init(&d);
    CHECK_INT(roster_load(path, &r, &d), AS_OK);
    int leaked = 0;
    for (int i = 0; r && i < roster_count(r); i++) {
        const char *t = roster_get(r, i)->token;
        CHECK(t[0] != '\0');
        if (strstr(out, t) || strstr(err, t))
            leaked++;
    }
    CHECK_INT(leaked, 0);
    roster_free(r);
    diag_free(&d);

    CHECK_INT(run("roster", "issue", path, NULL), 0);
    snprintf(msg, sizeof msg, "%s: issued 0 new tokens (41 already had one)\n",
             path);
    CHECK_STR(out, msg);
    unlink(path);

    /* Singular. */
    FILE *f = fopen(path, "w");
    fputs("name,role,token\nAna,attendee,\n", f);
    fclose(f);
    CHECK_INT(run("roster", "issue", path, NULL), 0);
    snprintf(msg, sizeof msg, "%s: issued 1 new token (0 already had one)\n",
             path);
    CHECK_STR(out, msg);
    unlink(path);

    /* A bad roster: exit 2, every problem located, file untouched. */
    snprintf(path, sizeof path, "%s/dup.csv", tmpdir);
    copy_file(ROSTERS "dup-tokens.csv", path);
    CHECK_INT(run("roster", "issue", path, NULL), 2);
    CHECK_STR(out, "");
    snprintf(msg, sizeof msg, "%s:4:28: the same token as line 2", path);
    CHECK(strstr(err, msg) == err);
    char a[4096], b[4096];
    read_into(ROSTERS "dup-tokens.csv", a, sizeof a);
    read_into(path, b, sizeof b);
    CHECK_STR(b, a);
    unlink(path);

    CHECK_INT(run("roster", "issue", ROSTERS "missing.csv", NULL), 2);
    CHECK(strstr(err, "missing.csv: roster not found") != NULL);
}

static void test_roster_usage(void)
{
    CHECK_INT(run("roster", NULL, NULL, NULL), 2);
    CHECK_STR(err, "usage: asamblea roster issue ROSTER.csv\n");
    CHECK_INT(run("roster", "print", "x.csv", NULL), 2);
    CHECK_STR(err, "usage: asamblea roster issue ROSTER.csv\n");
    CHECK_INT(run("roster", "issue", NULL, NULL), 2);
    CHECK_INT(run("roster", "issue", "a.csv", "b.csv"), 2);
    CHECK_INT(run("roster", "--help", NULL, NULL), 0);
    CHECK(strstr(out, "usage: asamblea roster issue") == out);
}

int main(void)
{
    if (access(AS_BINARY, X_OK) != 0) {
        CHECK_MSG(0, "%s is not built", AS_BINARY);
        return check_done();
    }
    strcpy(tmpdir, "/tmp/as-cli-check-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    test_check_ok();
    test_check_bad();
    test_check_usage();
    test_roster_issue();
    test_roster_usage();
    rmdir(tmpdir);
    return check_done();
}
