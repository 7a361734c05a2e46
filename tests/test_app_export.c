/* test_app_export.c: the facilitator's Export through the kiosk's worker
 * thread (src/app/app_export.c), with the real program (SDL offscreen,
 * real SQLite files) and this test in systemd's place on the notify
 * socket:
 *  - a slow export (tests/replay/export-01-slow.replay: 300 ms after each
 *    file) shows its progress screen (a real SDL screenshot), draws a
 *    frame for every file written (each sends a STATUS line), keeps
 *    sending WATCHDOG=1 all along, drops the badge scanned and the touch
 *    made while it writes (the script checks nobody got checked in), and
 *    ends with a bundle that `asamblea verify` accepts;
 *  - SIGTERM in the middle of a slow export: the export finishes first,
 *    the kiosk then stops with status 0, and the bundle verifies;
 *  - an export into a folder that cannot be made
 *    (export-02-failed.replay) ends on the failure message, and the
 *    kiosk (and its store) go on working. */
#include "test_appliance_util.h"
#include "check.h"

#define FLOW AS_TEST_DATA "/flow"
#define REPLAY AS_TEST_DATA "/../replay"

static char *tmp;
static char sock_path[256], errp[256];

typedef struct {
    int watchdogs_during; /* WATCHDOG=1 between the first and last progress */
    int statuses;         /* "Exporting: " STATUS lines */
    int seen[64];         /* done counts seen in them */
    int total;            /* files in the bundle, as the lines say */
    int stopping, other;
} notes;

/* note: one datagram from the kiosk. */
static void note(notes *n, const char *msg, int *in_export)
{
    const char *s = strstr(msg, "STATUS=Exporting: ");
    int done, total;
    if (s && sscanf(s, "STATUS=Exporting: %d of %d files written", &done, &total) == 2) {
        n->statuses++;
        n->total = total;
        if (done >= 0 && done < 64)
            n->seen[done] = 1;
        *in_export = done < total;
        return;
    }
    if (strstr(msg, "WATCHDOG=1") && *in_export)
        n->watchdogs_during++;
    if (strstr(msg, "STOPPING=1"))
        n->stopping++;
}

/* run: the kiosk on the flow meeting with tests/replay/SCRIPT.replay,
 * exporting into out, shots into TMP/shots-TAG, a fresh data folder
 * TMP/data-TAG and a 100 ms watchdog (pings every 50 ms); reads its
 * notifications into n until STOPPING=1.  With term_at > 0, SIGTERM goes
 * to the kiosk once a frame shows term_at files written (*sent says it
 * did).  Returns the exit status. */
static int run(int fd, const char *script, const char *tag, const char *out,
               int term_at, notes *n, int *sent)
{
    char path[512], data[300], shots[300], buf[4096];
    int in_export = 0;
    snprintf(path, sizeof path, REPLAY "/%s.replay", script);
    snprintf(data, sizeof data, "%s/data-%s", tmp, tag);
    snprintf(shots, sizeof shots, "%s/shots-%s", tmp, tag);
    mkdir(shots, 0700);
    char *argv[] = {"asamblea", "kiosk", "--meeting", FLOW "/meeting.yaml",
                    "--data", data, "--export-dir", (char *)out,
                    "--window", "800x480", "--dpi", "133", "--replay", path,
                    "--shots", shots, NULL};
    memset(n, 0, sizeof *n);
    pid_t pid = ap_spawn(argv, errp, sock_path, "100000", 0);
    while (!n->stopping && ap_notify_recv(fd, buf, sizeof buf, 60000) > 0) {
        note(n, buf, &in_export);
        if (term_at > 0 && !*sent && n->seen[term_at]) {
            CHECK_INT(kill(pid, SIGTERM), 0);
            *sent = 1;
        }
    }
    int rc = ap_wait(pid);
    char *err = rc ? ap_slurp(errp, NULL) : NULL;
    if (err)
        fprintf(stderr, "%s: exit status %d:\n%s\n", script, rc, err);
    free(err);
    return rc;
}

/* verify_bundle: `asamblea verify` on the one export under out. */
static void verify_bundle(const char *out)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "set -e; b=$(ls -d '%s'/asamblea-*); "
             "'" AS_BINARY "' verify \"$b\" >'%s/verify.out' 2>&1", out, tmp);
    CHECK_MSG(system(cmd) == 0, "asamblea verify failed; see %s/verify.out", tmp);
}

static void test_slow_export(int fd)
{
    char out[300], png[400];
    notes n;

    snprintf(out, sizeof out, "%s/usb-slow", tmp);
    CHECK_INT(run(fd, "export-01-slow", "slow", out, 0, &n, NULL), 0);
    /* A frame for every file written: 1 of N ... N of N. */
    CHECK(n.total >= 9 && n.total < 64);
    for (int k = 1; k <= n.total && k < 64; k++)
        CHECK_MSG(n.seen[k], "no progress frame for %d of %d files", k, n.total);
    /* The export took at least total x 300 ms; the loop pings every 50
     * ms.  A third of that is plenty of margin for a loaded machine, and
     * far from 0, which is what an export on the loop's thread gives. */
    int want = n.total * 300 / 50 / 3;
    CHECK_MSG(n.watchdogs_during >= want, "%d watchdog pings during the export, "
              "want at least %d", n.watchdogs_during, want);
    printf("slow export: %d files, %d progress frames, %d pings during it\n", n.total,
           n.statuses, n.watchdogs_during);
    /* The progress screen, drawn by SDL: a PNG to look at. */
    snprintf(png, sizeof png, "%s/shots-slow/exporting.png", tmp);
    long len = 0;
    char *p = ap_slurp(png, &len);
    CHECK_MSG(p && len > 1000 && !memcmp(p, "\x89PNG", 4), "%s", png);
    free(p);
    verify_bundle(out);
}

/* SIGTERM while the worker writes: the export completes, then the stop. */
static void test_sigterm_during_export(int fd)
{
    char out[300];
    notes n;
    int sent = 0;

    snprintf(out, sizeof out, "%s/usb-term", tmp);
    CHECK_INT(run(fd, "export-01-slow", "term", out, 2, &n, &sent), 0);
    CHECK(sent);
    CHECK(n.total > 2 && n.seen[n.total]); /* it went on to the last file */
    CHECK_INT(n.stopping, 1);
    verify_bundle(out);
}

/* An export folder that cannot be made: the failure message (the script
 * expects it), and the kiosk goes on to open a vote. */
static void test_failed_export(int fd)
{
    char out[400], file[300];
    notes n;

    snprintf(file, sizeof file, "%s/not-a-folder", tmp);
    snprintf(out, sizeof out, "%s/usb", file);
    ap_write(file, "a file where the USB stick's folder should be\n");
    CHECK_INT(run(fd, "export-02-failed", "fail", out, 0, &n, NULL), 0);
    CHECK_INT(n.stopping, 1);
}

int main(void)
{
    tmp = ap_mkdtemp();
    snprintf(errp, sizeof errp, "%s/stderr", tmp);
    int fd = ap_notify_open(tmp, sock_path, sizeof sock_path);
    test_slow_export(fd);
    test_sigterm_during_export(fd);
    test_failed_export(fd);
    close(fd);
    ap_rm_rf(tmp);
    free(tmp);
    return check_done();
}
