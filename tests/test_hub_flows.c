/* test_hub_flows.c: two real kiosk processes on one hub (issue 11),
 * driven by replay scripts (tests/replay/hub-*.replay) against a real
 * PostgreSQL 15: a vote opened at kiosk 1 is open at kiosk 2; a badge that
 * voted at one kiosk cannot vote at the other; the facilitator's console
 * shows each kiosk's share; a close while kiosk 2 is off waits for it by
 * name and publishes nothing; with kiosk 2 running (its own event loop,
 * no script) the close ends with one result that both kiosks show; the
 * export made at kiosk 1 passes `asamblea verify`.  SKIP (77) without
 * PostgreSQL. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"
#include "diag.h"
#include "hub_store.h"
#include "hub_util.h"
#include "meeting.h"
#include "test_replay_util.h"

#define FLOW AS_TEST_DATA "/flow"

static int write_login(const char *path, const char *conninfo)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return 0;
    fprintf(f, "%s\n", conninfo);
    return fclose(f) == 0;
}

/* The kiosk with its own event loop (no script), as in the room. */
static pid_t start_kiosk(const rp_kiosk *k)
{
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = {"asamblea", "kiosk", "--meeting", (char *)k->meeting,
                        "--data", (char *)k->data, "--hub", (char *)k->hub,
                        "--window", "800x480", NULL};
        int devnull = open("/dev/null", 1);
        if (devnull >= 0)
            dup2(devnull, 1);
        execv(AS_BINARY, argv);
        _exit(127);
    }
    return pid;
}

int main(void)
{
    hub_cluster *c = NULL;
    meeting *m = NULL;
    diag_list diag;
    as_err err = {{0}};
    char tmp[] = "/tmp/asamblea-hubflow-XXXXXX";
    char d1[128], d2[128], l1[128], l2[128], shots[128], out[128], bundle[512];
    char *ci1 = NULL, *ci2 = NULL;
    int up = hub_test_cluster(&c), status = 0;

    if (up == 0) {
        CHECK_SKIP(HUB_TEST_SKIP_LINE);
        return check_done();
    }
    CHECK(up == 1);
    if (up != 1)
        return check_done();
    diag_init(&diag);
    CHECK_INT(meeting_load(FLOW "/meeting.yaml", &m, &diag), AS_OK);
    CHECK(mkdtemp(tmp) != NULL);
    snprintf(d1, sizeof d1, "%s/k1", tmp);
    snprintf(d2, sizeof d2, "%s/k2", tmp);
    snprintf(l1, sizeof l1, "%s/k1.hub", tmp);
    snprintf(l2, sizeof l2, "%s/k2.hub", tmp);
    snprintf(shots, sizeof shots, "%s/shots", tmp);
    snprintf(out, sizeof out, "%s/out", tmp);
    CHECK(mkdir(out, 0700) == 0);
    CHECK_INT(hub_install(hub_cluster_conninfo(c), m->sha256, &err), AS_OK);
    CHECK_INT(hub_add_kiosk(hub_cluster_conninfo(c), 1, "Door", NULL, 0, &ci1, &err), AS_OK);
    CHECK_INT(hub_add_kiosk(hub_cluster_conninfo(c), 2, "Stage", NULL, 0, &ci2, &err), AS_OK);
    CHECK(ci1 && ci2 && write_login(l1, ci1) && write_login(l2, ci2));
    {
        rp_kiosk k1 = {FLOW "/meeting.yaml", d1, NULL, shots, out, l1};
        rp_kiosk k2 = {FLOW "/meeting.yaml", d2, NULL, shots, NULL, l2};
        pid_t bg;
        char *verify[] = {"asamblea", "verify", bundle, NULL};

        CHECK_INT(rp_replay(&k1, "hub-01-open"), 0);
        CHECK_INT(rp_replay(&k2, "hub-02-ana"), 0);
        CHECK_INT(rp_replay(&k1, "hub-03-again"), 0);
        sleep(6); /* kiosk 2 is off: it has not looked at the hub for 5 s */
        CHECK_INT(rp_replay(&k1, "hub-04-close-waits"), 0);
        bg = start_kiosk(&k2);
        CHECK(bg > 0);
        sleep(2); /* its first look at the hub */
        CHECK_INT(rp_replay(&k1, "hub-04-close"), 0);
        CHECK(kill(bg, SIGTERM) == 0);
        CHECK(waitpid(bg, &status, 0) == bg);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        CHECK_INT(rp_replay(&k2, "hub-06-stage-closed"), 0);
        CHECK_INT(rp_replay(&k1, "hub-05-export"), 0);
        rp_export_dir(out, bundle, sizeof bundle);
        CHECK(bundle[0] != '\0');
        CHECK_INT(rp_run(verify), 0);
    }
    free(ci1);
    free(ci2);
    meeting_free(m);
    diag_free(&diag);
    rp_rm_rf(tmp);
    hub_test_cluster_done(c);
    return check_done();
}
