/* test_kiosk_lock.c: one voting kiosk per data folder, desks beside it
 * (issue 15, "Two kiosks on one data folder").
 *   - a second claim on a folder a voting kiosk holds is refused with
 *     AS_ESTATE and a message that says what to do;
 *   - the real kiosk in vote mode on a held folder exits 2 with that
 *     message on stderr and writes nothing;
 *   - the real check-in desk on the same held folder works: a scan checks
 *     a member in;
 *   - once the holder is gone (store_free, or a kiosk killed with
 *     SIGKILL mid-run) the folder can be claimed again, and a vote kiosk
 *     casts a vote there. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sodium.h>
#include "check.h"
#include "test_kiosk_util.h"

#define NB 3

static char dir[64], mpath[128], data[128], script[128], errp[128];
static char tokens[NB][TOKEN_TEXT_SIZE];

/* Runs the kiosk on data with the given mode and replay script text
 * (NULL: live, no replay); stderr to errp; kill_after_ms > 0 kills it
 * with SIGKILL that long after the start.  Returns the exit status, or
 * 128 + the signal. */
static int kiosk(const char *mode, const char *text, int kill_after_ms)
{
    int status = 0;
    if (text) {
        FILE *f = fopen(script, "w");
        if (!f)
            return -1;
        fputs(text, f);
        fclose(f);
    }
    pid_t pid = fork();
    if (pid == 0) {
        int e = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(e, 2);
        if (text)
            execl(AS_BINARY, "asamblea", "kiosk", "--meeting", mpath, "--data",
                  data, "--mode", mode, "--window", "800x480", "--dpi", "133",
                  "--replay", script, (char *)NULL);
        else /* live, until killed (the data folder may be on tmpfs here) */
            execl(AS_BINARY, "asamblea", "kiosk", "--meeting", mpath, "--data",
                  data, "--mode", mode, "--window", "800x480", "--dpi", "133",
                  "--volatile-data-ok", (char *)NULL);
        _exit(127);
    }
    if (kill_after_ms > 0) {
        usleep((useconds_t)kill_after_ms * 1000);
        kill(pid, SIGKILL);
    }
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static int err_has(const char *needle)
{
    char buf[8192];
    FILE *f = fopen(errp, "r");
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f)
        fclose(f);
    buf[n] = '\0';
    return strstr(buf, needle) != NULL;
}

int main(void)
{
    meeting *m;
    store *holder = NULL, *second = NULL;
    as_err err;
    uint8_t b[32];
    int yes = 0;
    char text[512];

    if (sodium_init() < 0)
        return 1;
    snprintf(dir, sizeof dir, "/tmp/asamblea-lock-XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    snprintf(mpath, sizeof mpath, "%s/meeting.yaml", dir);
    snprintf(data, sizeof data, "%s/data", dir);
    snprintf(script, sizeof script, "%s/s.replay", dir);
    snprintf(errp, sizeof errp, "%s/stderr", dir);
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    m = ku_meeting_new(dir, mpath, "Lock test", tokens, NB, 2);
    if (!m)
        return 1;
    CHECK_INT(ku_check_store(data, m, 2, 1), 0);

    /* A holder, and a second claim. */
    CHECK_INT(store_open(data, m->sha256, &holder, &err), AS_OK);
    CHECK_INT(store_lock_voting(holder, &err), AS_OK);
    CHECK_INT(store_lock_voting(holder, &err), AS_OK); /* idempotent */
    CHECK_INT(store_open(data, m->sha256, &second, &err), AS_OK);
    CHECK_INT(store_lock_voting(second, &err), AS_ESTATE);
    CHECK(strstr(err.msg, "another voting kiosk") != NULL);
    CHECK(strstr(err.msg, "one voting kiosk per data folder") != NULL);
    CHECK(strstr(err.msg, data) != NULL);
    store_free(second);

    /* The real vote kiosk is refused, and records nothing. */
    snprintf(text, sizeof text, "scan %s\n", tokens[0]);
    CHECK_INT(kiosk("vote", text, 0), 2);
    CHECK(err_has("another voting kiosk is using this data folder"));
    token_hash(store_key(holder), tokens[0], b);
    CHECK_INT(store_is_checked_in(holder, b, &yes, &err), AS_OK);
    CHECK_INT(yes, 0);

    /* The desk beside it works: a scan checks the member in. */
    snprintf(text, sizeof text, "scan %s\nexpect \"You are checked in.\"\n",
             tokens[1]);
    CHECK_INT(kiosk("desk", text, 0), 0);
    token_hash(store_key(holder), tokens[1], b);
    CHECK_INT(store_is_checked_in(holder, b, &yes, &err), AS_OK);
    CHECK_INT(yes, 1);
    store_free(holder);

    /* Free again: a vote kiosk votes. */
    snprintf(text, sizeof text,
             "scan %s\ntap \"Proposal number 0\"\ntap \"Yes\"\n"
             "tap \"Cast my vote\"\ntap \"Finish\"\n", tokens[2]);
    CHECK_INT(kiosk("vote", text, 0), 0);
    CHECK_INT(ku_check_store(data, m, 2, 0), 1);

    /* A kiosk killed mid-run leaves the folder free. */
    CHECK_INT(kiosk("vote", NULL, 1500), 128 + SIGKILL);
    CHECK_INT(store_open(data, m->sha256, &holder, &err), AS_OK);
    CHECK_INT(store_lock_voting(holder, &err), AS_OK);
    store_free(holder);

    meeting_free(m);
    snprintf(text, sizeof text, "rm -rf '%s'", dir);
    if (system(text) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return check_done();
}
