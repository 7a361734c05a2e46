/* test_hub_flows.c: four real kiosk processes and a check-in desk on one
 * hub (issue 11), driven by replay scripts (tests/replay/hub-*.replay)
 * against a real PostgreSQL 15: the desk's check-ins count at every
 * kiosk; a vote opened at kiosk 1 is open at the others; a badge that
 * voted at one kiosk cannot vote at another; the facilitator's console
 * shows each kiosk's share; a close while kiosks 2-4 are off waits for
 * them by name and publishes nothing; with them running (their own event
 * loops, no script) the close ends with one result that kiosks 1 and 2
 * both show; the export made at kiosk 1 passes `asamblea verify`.  SKIP
 * (77) without PostgreSQL. */
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

enum { NK = 5 }; /* kiosks 1-4 and the desk (5) */
static const char *const names[NK] = {"Door", "Stage", "Hall", "Kitchen", "Desk"};

int main(void)
{
    hub_cluster *c = NULL;
    meeting *m = NULL;
    diag_list diag;
    as_err err = {{0}};
    char tmp[] = "/tmp/asamblea-hubflow-XXXXXX";
    char data[NK][128], login[NK][128], shots[128], out[128], bundle[512];
    rp_kiosk k[NK];
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
    snprintf(shots, sizeof shots, "%s/shots", tmp);
    snprintf(out, sizeof out, "%s/out", tmp);
    CHECK(mkdir(out, 0700) == 0);
    CHECK_INT(hub_install(hub_cluster_conninfo(c), m->sha256, &err), AS_OK);
    for (int i = 0; i < NK; i++) {
        char *ci = NULL;
        snprintf(data[i], sizeof data[i], "%s/k%d", tmp, i + 1);
        snprintf(login[i], sizeof login[i], "%s/k%d.hub", tmp, i + 1);
        CHECK_INT(hub_add_kiosk(hub_cluster_conninfo(c), i + 1, names[i], NULL,
                                0, &ci, &err), AS_OK);
        CHECK(ci && write_login(login[i], ci));
        free(ci);
        k[i] = (rp_kiosk){FLOW "/meeting.yaml", data[i], i == NK - 1 ? "desk" : NULL,
                          shots, i == 0 ? out : NULL, login[i]};
    }
    {
        pid_t bg[3];
        char *verify[] = {"asamblea", "verify", bundle, NULL};

        CHECK_INT(rp_replay(&k[4], "hub-00-desk"), 0);
        CHECK_INT(rp_replay(&k[0], "hub-01-open"), 0);
        CHECK_INT(rp_replay(&k[1], "hub-02-ana"), 0);
        CHECK_INT(rp_replay(&k[2], "hub-02-carla"), 0);
        CHECK_INT(rp_replay(&k[3], "hub-02-dario"), 0);
        CHECK_INT(rp_replay(&k[0], "hub-03-again"), 0);
        sleep(6); /* kiosks 2-5 are off: none has looked at the hub for 5 s */
        CHECK_INT(rp_replay(&k[0], "hub-04-close-waits"), 0);
        for (int i = 0; i < 3; i++)
            CHECK((bg[i] = start_kiosk(&k[i + 1])) > 0);
        sleep(3); /* their first looks at the hub */
        CHECK_INT(rp_replay(&k[0], "hub-04-close"), 0);
        for (int i = 0; i < 3; i++) {
            CHECK(kill(bg[i], SIGTERM) == 0);
            CHECK(waitpid(bg[i], &status, 0) == bg[i]);
            CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        }
        CHECK_INT(rp_replay(&k[1], "hub-06-stage-closed"), 0);
        CHECK_INT(rp_replay(&k[0], "hub-05-export"), 0);
        rp_export_dir(out, bundle, sizeof bundle);
        CHECK(bundle[0] != '\0');
        CHECK_INT(rp_run(verify), 0);
    }
    meeting_free(m);
    diag_free(&diag);
    if (getenv("HUB_KEEP")) /* to look at the screenshots */
        printf("kept %s\n", tmp);
    else
        rp_rm_rf(tmp);
    hub_test_cluster_done(c);
    return check_done();
}
