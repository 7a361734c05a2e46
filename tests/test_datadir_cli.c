/* test_datadir_cli.c: the real `asamblea` binary on a read-only data
 * folder, the recovery path of issue 15 (a card mounted read-only, ext4
 * after errors=remount-ro):
 *   - `attendance` and `export` succeed and leave every byte and mtime of
 *     the folder unchanged, with chmod a-w (which root, running the tests
 *     here, could ignore: the tools must not even try) and on a real
 *     read-only bind mount (SKIP when this machine cannot make one);
 *   - export says on stderr that the export could not be recorded; the
 *     bundle has unrecorded.txt, its events.log ends before it, and
 *     `asamblea verify` accepts it with a note; without unrecorded.txt it
 *     does not;
 *   - a later export from the writable folder extends it (--previous);
 *   - a read-only folder without device.key is refused by name;
 *   - a symbolic link as --data is refused by name. */
#include "test_datadir_util.h"
#include <fcntl.h>
#include "check.h"
#include "test_cli_util.h"
#include "test_file_util.h"
#include "export.h"
#include "meeting.h"
#include "store_sqlite.h"

static char tmpdir[64], data[128], mpath[128], out_txt[128], err_txt[128];
static char usb_ro[128], usb_rw[128], usb_mnt[128];

static int run(const char *const *args)
{
    return tc_spawn(args, out_txt, err_txt);
}

/* run_check: runs args, wants exit status rc, stdout containing want_out
 * and stderr containing want_err (NULL: empty). */
static void run_check(const char *const *args, int rc, const char *want_out,
                      const char *want_err)
{
    int got = run(args);
    char *o = tf_slurp(out_txt, NULL), *e = tf_slurp(err_txt, NULL);
    CHECK_MSG(got == rc, "%s %s: exit %d, expected %d; stdout: %s; stderr: %s", args[0],
              args[1] ? args[1] : "", got, rc, o ? o : "", e ? e : "");
    if (want_out)
        CHECK_MSG(o && strstr(o, want_out), "stdout \"%s\" lacks \"%s\"", o ? o : "",
                  want_out);
    if (want_err)
        CHECK_MSG(e && strstr(e, want_err), "stderr \"%s\" lacks \"%s\"", e ? e : "",
                  want_err);
    else
        CHECK_MSG(e && !e[0], "stderr not empty: %s", e ? e : "");
    free(o);
    free(e);
}

static void spit(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* setup: a meeting with two proposals, five people checked in, "budget"
 * closed with four ballots and "hall" open with two; the kept meeting
 * copy and device.key, as the kiosk leaves a data folder. */
static int setup(void)
{
    char path[256], roster_csv[1024], *bytes = NULL;
    size_t len = 0, n = 0;
    meeting *m = NULL;
    store *s = NULL;
    diag_list d;
    as_err err = {{0}};
    uint8_t pk[32], sk[64], h[TOKEN_HASH_SIZE];
    char tokens[5][TOKEN_TEXT_SIZE];
    int ok = 0;

    n += (size_t)snprintf(roster_csv, sizeof roster_csv, "name,role,token\n");
    for (int i = 0; i < 5; i++) {
        token_new(tokens[i]);
        n += (size_t)snprintf(roster_csv + n, sizeof roster_csv - n, "Person %d,%s,%s\n", i,
                              i == 0 ? "facilitator" : "attendee", tokens[i]);
    }
    snprintf(path, sizeof path, "%s/roster.csv", tmpdir);
    spit(path, roster_csv);
    snprintf(mpath, sizeof mpath, "%s/meeting.yaml", tmpdir);
    spit(mpath, "meeting:\n  title: Read-only test\n  date: 2026-12-05\n"
                "  languages: [en]\n  roster: roster.csv\n  quorum: 3\n"
                "proposals:\n  - id: budget\n    title: {en: Budget}\n"
                "    text: {en: Approve the budget.}\n    method: yes-no-abstain\n"
                "    threshold: majority\n"
                "  - id: hall\n    title: {en: Hall}\n"
                "    text: {en: Rent the hall.}\n    method: yes-no-abstain\n"
                "    threshold: majority\n");
    diag_init(&d);
    if (meeting_load(mpath, &m, &d) != AS_OK) {
        for (int i = 0; i < d.n; i++)
            fprintf(stderr, "%s\n", d.lines[i]);
        goto done;
    }
    if (store_open(data, m->sha256, &s, &err) != AS_OK ||
        export_meeting_bytes(m, &bytes, &len, &err) != AS_OK ||
        export_save_meeting_copy(data, bytes, len, roster_count(m->roster), &err) != AS_OK ||
        export_device_key(data, pk, sk, &err) != AS_OK)
        goto fail;
    for (int i = 0; i < 5; i++) {
        token_hash(store_key(s), tokens[i], h);
        if (store_checkin(s, h, NULL, &err) != AS_OK)
            goto fail;
    }
    if (store_set_proposal_state(s, "budget", PROP_OPEN, &err) != AS_OK)
        goto fail;
    for (int i = 0; i < 4; i++) {
        token_hash(store_key(s), tokens[i], h);
        if (store_cast(s, "budget", h, i % 3, &err) != AS_OK)
            goto fail;
    }
    if (store_set_proposal_state(s, "budget", PROP_CLOSED, &err) != AS_OK ||
        store_set_proposal_state(s, "hall", PROP_OPEN, &err) != AS_OK)
        goto fail;
    for (int i = 0; i < 2; i++) {
        token_hash(store_key(s), tokens[i], h);
        if (store_cast(s, "hall", h, 0, &err) != AS_OK)
            goto fail;
    }
    ok = 1;
    goto done;
fail:
    fprintf(stderr, "setup: %s\n", err.msg);
done:
    sodium_memzero(sk, sizeof sk);
    free(bytes);
    store_free(s);
    meeting_free(m);
    diag_free(&d);
    return ok;
}

/* The bundle folder export wrote into usb (its only asamblea-* entry). */
static int bundle_in(const char *usb, char *out, size_t outsz)
{
    DIR *d = opendir(usb);
    struct dirent *e;
    int n = 0;
    while (d && (e = readdir(d)) != NULL)
        if (!strncmp(e->d_name, "asamblea-", 9) && n++ == 0)
            snprintf(out, outsz, "%s/%s", usb, e->d_name);
    if (d)
        closedir(d);
    return n == 1 ? 0 : -1;
}

/* ro_commands: attendance, export and verify on the read-only data
 * folder, exporting to usb; returns the number of failed checks. */
static int ro_commands(const char *usb)
{
    int before = check_failed;
    char bundle[512], path[600];
    const char *att[] = {"attendance", "--data", data, NULL};
    const char *exp[] = {"export", "--data", data, "--out", usb, NULL};

    run_check(att, 0, "5 checked in of 5 on the roster; quorum 3: met\n", NULL);
    run_check(exp, 0, "exported 2 proposals (1 closed)",
              "could not be recorded in its event log");
    if (bundle_in(usb, bundle, sizeof bundle) != 0) {
        CHECK_MSG(0, "no bundle in %s", usb);
        return check_failed - before;
    }
    snprintf(path, sizeof path, "%s/unrecorded.txt", bundle);
    char *u = tf_slurp(path, NULL);
    CHECK_STR(u, "exported 1\n");
    free(u);
    snprintf(path, sizeof path, "%s/events.log", bundle);
    char *log = tf_slurp(path, NULL);
    CHECK_MSG(log && !strstr(log, " exported "), "events.log: %s", log ? log : "");
    free(log);
    snprintf(path, sizeof path, "%s/README.txt", bundle);
    char *readme = tf_slurp(path, NULL);
    CHECK(readme && strstr(readme, "NOT IN ITS OWN EVENTS.LOG"));
    free(readme);
    const char *ver[] = {"verify", bundle, NULL};
    run_check(ver, 0, "ok: events (note: this export is not in events.log", NULL);
    return check_failed - before;
}

static int ro_commands_cb(void *ud)
{
    return ro_commands(ud);
}

static void test_chmod(void)
{
    td_snap before, after;
    char bundle[512], path[600];

    td_chmod(data, 0);
    CHECK_INT(td_snapshot(data, &before), 0);
    CHECK_INT(ro_commands(usb_ro), 0);
    CHECK_INT(td_snapshot(data, &after), 0);
    CHECK_MSG(!*td_diff(&before, &after), "chmod a-w: %s", td_diff(&before, &after));
    td_chmod(data, 1);

    /* The bundle's claims hang on unrecorded.txt: without it (and its
     * manifest line), verify refuses the log that lacks the export. */
    if (bundle_in(usb_ro, bundle, sizeof bundle) == 0) {
        char copy[256];
        snprintf(copy, sizeof copy, "%s/tampered", tmpdir);
        char cmd[1400];
        snprintf(cmd, sizeof cmd, "cp -r '%s' '%s' && rm '%s/unrecorded.txt'", bundle,
                 copy, copy);
        CHECK_INT(system(cmd), 0);
        const char *ver[] = {"verify", copy, NULL};
        CHECK_INT(run(ver), 1);
        char *o = tf_slurp(out_txt, NULL);
        CHECK_MSG(o && strstr(o, "no unrecorded.txt saying it could not be recorded"),
                  "%s", o ? o : "");
        free(o);

        /* A later export from the writable folder records itself and
         * extends the read-only one: its log is a prefix. */
        const char *exp[] = {"export", "--data", data, "--out", usb_rw, NULL};
        run_check(exp, 0, "exported 2 proposals (1 closed)", NULL);
        char later[512];
        if (bundle_in(usb_rw, later, sizeof later) == 0) {
            snprintf(path, sizeof path, "%s/unrecorded.txt", later);
            struct stat sb;
            CHECK(stat(path, &sb) != 0);
            const char *prev[] = {"verify", later, "--previous", bundle, NULL};
            run_check(prev, 0, "ok: previous", NULL);
            char *o2 = tf_slurp(out_txt, NULL);
            CHECK_MSG(o2 && strstr(o2, "ok: events\n"), "%s", o2 ? o2 : "");
            free(o2);
        } else {
            CHECK_MSG(0, "no bundle in %s", usb_rw);
        }
    }
}

static void test_ro_mount(void)
{
    td_snap before, after;
    CHECK_INT(td_snapshot(data, &before), 0);
    int r = td_in_ro_mount(data, ro_commands_cb, usb_mnt);
    if (r == -77) {
        CHECK_SKIP("read-only mount: cannot make a private bind mount here "
                   "(needs root and mount namespaces); chmod a-w was tested");
        return;
    }
    CHECK_MSG(r == 0, "on a read-only mount: %d failed checks", r);
    CHECK_INT(td_snapshot(data, &after), 0);
    CHECK_MSG(!*td_diff(&before, &after), "ro mount: %s", td_diff(&before, &after));
}

static void test_refusals(void)
{
    char key[200], moved[200], link[200], usb[200];
    td_snap before, after;

    /* No device.key, read-only: no key can be made, and it says so. */
    snprintf(key, sizeof key, "%s/device.key", data);
    snprintf(moved, sizeof moved, "%s/device.key.saved", tmpdir);
    snprintf(usb, sizeof usb, "%s/usb-nokey", tmpdir);
    CHECK_INT(rename(key, moved), 0);
    td_chmod(data, 0);
    CHECK_INT(td_snapshot(data, &before), 0);
    const char *exp[] = {"export", "--data", data, "--out", usb, NULL};
    run_check(exp, 2, NULL, "device.key: missing, and");
    CHECK_INT(td_snapshot(data, &after), 0);
    CHECK_MSG(!*td_diff(&before, &after), "no key: %s", td_diff(&before, &after));
    td_chmod(data, 1);
    CHECK_INT(rename(moved, key), 0);

    /* A link as --data: refused by name, for reading tools too. */
    snprintf(link, sizeof link, "%s/data-link", tmpdir);
    CHECK_INT(symlink(data, link), 0);
    const char *att[] = {"attendance", "--data", link, NULL};
    run_check(att, 2, NULL, "is a symbolic link");
    const char *exp2[] = {"export", "--data", link, "--out", usb, NULL};
    run_check(exp2, 2, NULL, "give --data the real folder");
}

static void rm_rf(const char *path)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "chmod -R u+w '%s' 2>/dev/null; rm -rf '%s'", path, path);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", path);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    strcpy(tmpdir, "/tmp/as-datadir-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(data, sizeof data, "%s/data", tmpdir);
    snprintf(usb_ro, sizeof usb_ro, "%s/usb-ro", tmpdir);
    snprintf(usb_rw, sizeof usb_rw, "%s/usb-rw", tmpdir);
    snprintf(usb_mnt, sizeof usb_mnt, "%s/usb-mount", tmpdir);
    snprintf(out_txt, sizeof out_txt, "%s/run-stdout.txt", tmpdir);
    snprintf(err_txt, sizeof err_txt, "%s/run-stderr.txt", tmpdir);
    CHECK(setup());
    if (check_failed == 0) {
        test_ro_mount();
        test_chmod();
        test_refusals();
    }
    rm_rf(tmpdir);
    return check_done();
}
