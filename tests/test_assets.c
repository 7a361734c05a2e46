/* test_assets.c: the files asamblea ships that are not code (assets/),
 * as a person meets them: `asamblea demo` from the build tree reads the
 * demo meeting there (README's quick start), the demo and example
 * meetings are plain files `asamblea check` accepts, and a missing or
 * damaged asset gets a clear message naming the file and what to do,
 * exit status 2, never a crash.  The real program, run through sh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"
#include "test_file_util.h"

static char tmp[] = "/tmp/asamblea-assets-XXXXXX";
static char out[1 << 16], err[1 << 16];

/* run: sh -c "ENV asamblea ARGS" with stdout and stderr kept in out and
 * err; returns the exit status (-1 for a crash or a signal). */
static int run(const char *env, const char *args)
{
    char cmd[8192], op[256], ep[256];
    snprintf(op, sizeof op, "%s/stdout", tmp);
    snprintf(ep, sizeof ep, "%s/stderr", tmp);
    snprintf(cmd, sizeof cmd, "%s '%s' %s >'%s' 2>'%s'", env ? env : "", AS_BINARY,
             args, op, ep);
    int status = system(cmd);
    char *o = tf_slurp(op, NULL), *e = tf_slurp(ep, NULL);
    snprintf(out, sizeof out, "%s", o ? o : "");
    snprintf(err, sizeof err, "%s", e ? e : "");
    free(o);
    free(e);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void sh(const char *cmd)
{
    CHECK_MSG(system(cmd) == 0, "%s", cmd);
}

/* The demo from the build tree, as README's quick start runs it: the
 * badges print, and the kiosk opens on the demo meeting. */
static void test_demo_from_build_tree(void)
{
    char args[1024], script[300], data[300];
    CHECK_INT(run("unset ASAMBLEA_ASSETSDIR;", "demo --tokens"), 0);
    CHECK(strstr(out, "Ana García\tattendee\t1RAXXY-1828D9-P3DMJ1\n") != NULL);
    CHECK(strstr(out, "Rosa Delgado\tfacilitator\tBGYWYV-0E4AK5-073N5H\n") != NULL);
    CHECK_STR(err, "");

#ifndef AS_TEST_GUI
    CHECK_SKIP("the demo's kiosk (built with -DASAMBLEA_GUI=OFF)");
    return;
#endif
    snprintf(script, sizeof script, "%s/demo.replay", tmp);
    snprintf(data, sizeof data, "%s/demo-data", tmp);
    FILE *f = fopen(script, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("expect \"Demo assembly / Asamblea de demostración\"\n"
          "tap \"Rosa Delgado (facilitator)\"\n"
          "expect \"Fund the winter coat drive with $400\"\n", f);
    fclose(f);
    snprintf(args, sizeof args, "demo --data '%s' --replay '%s'", data, script);
    CHECK_MSG(run("unset ASAMBLEA_ASSETSDIR;", args) == 0, "%s", err);
}

/* The shipped meetings are ordinary meeting files. */
static void test_shipped_meetings_check(void)
{
    CHECK_MSG(run(NULL, "check '" AS_ASSETS "/demo/demo-meeting.yaml'") == 0, "%s", err);
    CHECK(strstr(out, "ok: 8 proposals, 5 on the roster, 1 facilitator") == out);
    CHECK_MSG(run(NULL, "check '" AS_ASSETS "/examples/meeting.yaml'") == 0, "%s", err);
    CHECK(strstr(out, "ok: ") == out);
}

/* demo_broken: `asamblea demo --tokens` on a copy of the assets that
 * sed_expr (applied to file) damages: status 2, and stderr holds want
 * and says what to do. */
static void demo_broken(const char *file, const char *sed_expr, const char *want)
{
    char env[600], copy[300], cmd[1024];
    snprintf(copy, sizeof copy, "%s/copy", tmp);
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && cp -r '" AS_ASSETS "' '%s'", copy, copy);
    sh(cmd);
    snprintf(cmd, sizeof cmd, "sed -i '%s' '%s/%s'", sed_expr, copy, file);
    sh(cmd);
    snprintf(env, sizeof env, "ASAMBLEA_ASSETSDIR='%s'", copy);
    CHECK_INT(run(env, "demo --tokens"), 2);
    CHECK_STR(out, "");
    CHECK_MSG(strstr(err, want) != NULL, "want \"%s\" in: %s", want, err);
    CHECK_MSG(strstr(err, "reinstall the asamblea package") != NULL, "%s", err);
}

static void test_demo_missing_or_damaged(void)
{
    char env[600], empty[300];
    snprintf(empty, sizeof empty, "%s/empty", tmp);
    CHECK(mkdir(empty, 0700) == 0);
    snprintf(env, sizeof env, "ASAMBLEA_ASSETSDIR='%s'", empty);
    CHECK_INT(run(env, "demo --tokens"), 2);
    CHECK_STR(out, "");
    CHECK_MSG(strstr(err, "demo/demo-meeting.yaml: not found (looked in ") &&
              strstr(err, empty) && strstr(err, "reinstall the asamblea package"),
              "%s", err);

    /* A damaged meeting file and roster: file:line:col, then what to do. */
    demo_broken("demo/demo-meeting.yaml", "s/  quorum: 3/  quorum: three/",
                "demo/demo-meeting.yaml:6:11: quorum 'three'");
    demo_broken("demo/demo-roster.csv", "3s/,attendee,/,boss,/",
                "demo/demo-roster.csv:3:");
    demo_broken("demo/demo-roster.csv", "1d", "demo/demo-roster.csv");
    demo_broken("demo/demo-meeting.yaml", "s/^proposals:/proposals: [/",
                "demo/demo-meeting.yaml:");

    /* Not a file at all: refused before reading, never a hang. */
    char copy[300], cmd[1024];
    snprintf(copy, sizeof copy, "%s/copy", tmp);
    snprintf(cmd, sizeof cmd, "rm -f '%s/demo/demo-meeting.yaml' && "
             "mkfifo '%s/demo/demo-meeting.yaml'", copy, copy);
    sh(cmd);
    snprintf(env, sizeof env, "ASAMBLEA_ASSETSDIR='%s'", copy);
    CHECK_INT(run(env, "demo --tokens"), 2);
    CHECK_MSG(strstr(err, "demo-meeting.yaml: is not a regular file") != NULL, "%s", err);
}

int main(void)
{
    if (!mkdtemp(tmp)) {
        perror("mkdtemp");
        return 1;
    }
    test_demo_from_build_tree();
    test_shipped_meetings_check();
    test_demo_missing_or_damaged();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    sh(cmd);
    return check_done();
}
