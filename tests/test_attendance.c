/* test_attendance.c: `asamblea attendance` on a real data directory
 * (store_open + store_checkin of keyed token hashes): counts and quorum
 * from the kept meeting copy or the meeting file, --names sorted as a
 * reader expects and only with --meeting, bad input refused, and never a
 * token or a hash in anything it prints. */
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sodium.h>
#include "check.h"
#include "test_cli_util.h"
#include "test_file_util.h"
#include "export.h"
#include "meeting.h"
#include "store_sqlite.h"

enum { NPEOPLE = 7 };
/* Byte order would put "Álvaro" after "Zoe"; a reader expects it first. */
static const char *const people[NPEOPLE] = {
    "Zoe Adams", "Álvaro Núñez", "Ana Ruiz", "bea soto", "Carla Méndez",
    "Dario Nowak", "Rosa Delgado"};
static const int checked_in[] = {0, 1, 2, 3}; /* Zoe, Álvaro, Ana, bea */
static char tokens[NPEOPLE][TOKEN_TEXT_SIZE];
static uint8_t hashes[NPEOPLE][TOKEN_HASH_SIZE];

static char tmpdir[64], data[128], mpath[128], other[128];
static char out_txt[128], err_txt[128];

static void spit(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static int run(const char *const *args)
{
    return tc_spawn(args, out_txt, err_txt);
}

/* secret_free: no token (in any spelling a scanner or a person would
 * write it), no token hash and no long hex run in s. */
static int secret_free(const char *s)
{
    char hex[TOKEN_HASH_SIZE * 2 + 1], bare[TOKEN_SYMBOLS + 1];
    if (!s)
        return 0;
    for (int i = 0; i < NPEOPLE - 1; i++) { /* the last has no token */
        int k = 0;
        for (const char *p = tokens[i]; *p; p++)
            if (*p != '-')
                bare[k++] = *p;
        bare[k] = '\0';
        sodium_bin2hex(hex, sizeof hex, hashes[i], TOKEN_HASH_SIZE);
        if (strstr(s, tokens[i]) || strstr(s, bare) || strstr(s, hex))
            return 0;
        hex[16] = '\0'; /* a shortened hash is just as identifying */
        if (strstr(s, hex))
            return 0;
    }
    int run_len = 0;
    for (const char *p = s; *p; p++) {
        run_len = isxdigit((unsigned char)*p) ? run_len + 1 : 0;
        if (run_len >= 16)
            return 0;
    }
    return 1;
}

/* check_run: runs args, wants exit status rc, stdout exactly want_out
 * (NULL: anything), and stderr containing want_err (NULL: empty). */
static void check_run(const char *const *args, int rc, const char *want_out,
                      const char *want_err)
{
    CHECK_INT(run(args), rc);
    char *o = tf_slurp(out_txt, NULL), *e = tf_slurp(err_txt, NULL);
    if (want_out)
        CHECK_STR(o, want_out);
    if (want_err)
        CHECK_MSG(e && strstr(e, want_err), "stderr \"%s\" lacks \"%s\"", e ? e : "",
                  want_err);
    else
        CHECK_STR(e, "");
    CHECK_MSG(secret_free(o) && secret_free(e), "a token or hash was printed: %s / %s",
              o ? o : "", e ? e : "");
    free(o);
    free(e);
}

/* setup: a meeting (quorum 3) whose roster has NPEOPLE people, the last
 * one without a token, and a data directory like the kiosk leaves it. */
static int setup(void)
{
    char path[256], roster_csv[2048], *bytes = NULL;
    size_t len = 0, n = 0;
    meeting *m = NULL;
    store *s = NULL;
    diag_list d;
    as_err err = {{0}};
    int ok = 0;

    n += (size_t)snprintf(roster_csv, sizeof roster_csv, "name,role,token\n");
    for (int i = 0; i < NPEOPLE; i++) {
        if (i < NPEOPLE - 1)
            token_new(tokens[i]);
        n += (size_t)snprintf(roster_csv + n, sizeof roster_csv - n, "%s,%s,%s\n",
                              people[i], i == 4 ? "facilitator" : "attendee", tokens[i]);
    }
    snprintf(path, sizeof path, "%s/roster.csv", tmpdir);
    spit(path, roster_csv);
    snprintf(mpath, sizeof mpath, "%s/meeting.yaml", tmpdir);
    spit(mpath, "meeting:\n  title: Attendance test\n  date: 2026-12-05\n"
                "  languages: [en]\n  roster: roster.csv\n  quorum: 3\n"
                "proposals:\n  - id: budget\n    title: {en: Budget}\n"
                "    text: {en: Approve the budget.}\n    method: yes-no-abstain\n"
                "    threshold: majority\n");
    snprintf(other, sizeof other, "%s/other.yaml", tmpdir);
    spit(other, "meeting:\n  title: Another meeting\n  date: 2026-12-06\n"
                "  languages: [en]\n  roster: roster.csv\n  quorum: 3\n"
                "proposals:\n  - id: budget\n    title: {en: Budget}\n"
                "    text: {en: Approve the budget.}\n    method: yes-no-abstain\n"
                "    threshold: majority\n");
    snprintf(data, sizeof data, "%s/data", tmpdir);

    diag_init(&d);
    if (meeting_load(mpath, &m, &d) != AS_OK) {
        for (int i = 0; i < d.n; i++)
            fprintf(stderr, "%s\n", d.lines[i]);
        goto done;
    }
    if (store_open(data, m->sha256, &s, &err) != AS_OK ||
        export_meeting_bytes(m, &bytes, &len, &err) != AS_OK ||
        export_save_meeting_copy(data, bytes, len, roster_count(m->roster), &err) != AS_OK) {
        fprintf(stderr, "%s\n", err.msg);
        goto done;
    }
    for (int i = 0; i < NPEOPLE - 1; i++)
        token_hash(store_key(s), tokens[i], hashes[i]);
    ok = 1;
done:
    free(bytes);
    store_free(s);
    meeting_free(m);
    diag_free(&d);
    return ok;
}

/* checkin: checks in people[who] through a store of its own, closed
 * again before the program under test opens the directory. */
static void checkin(int who)
{
    meeting *m = NULL;
    store *s = NULL;
    diag_list d;
    as_err err = {{0}};
    int was_new = 0;
    diag_init(&d);
    CHECK_INT(meeting_load(mpath, &m, &d), AS_OK);
    if (m) {
        CHECK_INT(store_open(data, m->sha256, &s, &err), AS_OK);
        if (s)
            CHECK_INT(store_checkin(s, hashes[who], &was_new, &err), AS_OK);
        CHECK_INT(was_new, 1);
    }
    store_free(s);
    meeting_free(m);
    diag_free(&d);
}

static void test_counts(void)
{
    const char *counts[] = {"attendance", "--data", data, NULL};
    const char *with_meeting[] = {"attendance", "--data", data, "--meeting", mpath, NULL};

    check_run(counts, 0, "0 checked in of 7 on the roster; quorum 3: not met (3 more needed)\n",
              NULL);
    checkin(checked_in[0]);
    checkin(checked_in[1]);
    check_run(counts, 0, "2 checked in of 7 on the roster; quorum 3: not met (1 more needed)\n",
              NULL);
    checkin(checked_in[2]);
    checkin(checked_in[3]);
    check_run(counts, 0, "4 checked in of 7 on the roster; quorum 3: met\n", NULL);
    check_run(with_meeting, 0, "4 checked in of 7 on the roster; quorum 3: met\n", NULL);
}

static void test_names(void)
{
    const char *names[] = {"attendance", "--data", data, "--meeting", mpath, "--names",
                           NULL};
    check_run(names, 0,
              "4 checked in of 7 on the roster; quorum 3: met\n"
              "Álvaro Núñez\n"
              "Ana Ruiz\n"
              "bea soto\n"
              "Zoe Adams\n",
              "keep it with the minutes only");
    char *o = tf_slurp(out_txt, NULL);
    CHECK(o && !strstr(o, "Carla") && !strstr(o, "Rosa") && !strstr(o, "Dario"));
    free(o);
}

static void test_bad_input(void)
{
    char nodata[160];
    snprintf(nodata, sizeof nodata, "%s/no-such-dir", tmpdir);
    const char *names_no_meeting[] = {"attendance", "--data", data, "--names", NULL};
    const char *no_data[] = {"attendance", NULL};
    const char *missing[] = {"attendance", "--data", nodata, NULL};
    const char *wrong_meeting[] = {"attendance", "--data", data, "--meeting", other, NULL};
    const char *unknown[] = {"attendance", "--data", data, "--tokens", NULL};
    const char *empty_value[] = {"attendance", "--data", "", NULL};

    check_run(names_no_meeting, 2, "", "--names needs --meeting");
    check_run(no_data, 2, "", "--data DIR is required");
    check_run(missing, 2, "", "no kiosk data here");
    struct stat sb;
    CHECK(stat(nodata, &sb) != 0); /* not created by asking */
    check_run(wrong_meeting, 2, "", "belongs to another meeting");
    check_run(unknown, 2, "", "unknown option '--tokens'");
    check_run(empty_value, 2, "", "--data needs a value");

    /* A data directory without the kept meeting copy needs --meeting. */
    char copy[200];
    snprintf(copy, sizeof copy, "%s/meeting.yaml", data);
    CHECK(unlink(copy) == 0);
    const char *counts[] = {"attendance", "--data", data, NULL};
    check_run(counts, 2, "", "--meeting");
}

static void rm_rf(const char *path)
{
    DIR *dir = opendir(path);
    struct dirent *e;
    char p[512];
    struct stat sb;
    while (dir && (e = readdir(dir))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        snprintf(p, sizeof p, "%s/%s", path, e->d_name);
        if (lstat(p, &sb) == 0 && S_ISDIR(sb.st_mode))
            rm_rf(p);
        else
            unlink(p);
    }
    if (dir)
        closedir(dir);
    rmdir(path);
}

int main(void)
{
    if (sodium_init() < 0) {
        fprintf(stderr, "libsodium failed\n");
        return 1;
    }
    strcpy(tmpdir, "/tmp/as-attend-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(out_txt, sizeof out_txt, "%s/run-stdout.txt", tmpdir);
    snprintf(err_txt, sizeof err_txt, "%s/run-stderr.txt", tmpdir);
    CHECK(setup());
    if (check_failed == 0) {
        test_counts();
        test_names();
        test_bad_input();
    }
    rm_rf(tmpdir);
    return check_done();
}
