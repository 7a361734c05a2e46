/* test_appliance_notify.c: the kiosk speaks systemd's notify protocol.
 *
 * The test plays the service manager: it binds its own AF_UNIX datagram
 * socket, sets NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID, and runs
 * the real program (SDL offscreen, real SQLite files).  It checks that
 * READY=1 comes first (after the first frame), then WATCHDOG=1 again and
 * again from the loop, and STOPPING=1 last; that SIGTERM ends the kiosk
 * with status 0; that a WATCHDOG_PID naming another process gets no
 * pings; that nothing sent carries a badge or a choice; that the
 * facilitator's "Shut down" ends the kiosk with status 10 (the only one
 * the appliance powers off on) and a STATUS saying so, while SIGTERM
 * gives 0; and that without NOTIFY_SOCKET the kiosk runs as before. */
#include "test_appliance_util.h"
#include "check.h"

#define FLOW AS_TEST_DATA "/flow"

static char *tmp;
static char sock_path[256], data[256], script[256], errp[256];

typedef struct {
    int ready, watchdogs, stopping, order_ok, leaks, total;
} notes;

/* note: one datagram; READY must come before any WATCHDOG, and nothing
 * may follow STOPPING.  No token or choice may appear in any of them. */
static void note(notes *n, const char *msg)
{
    static const char *secret[] = {"KTQQYK", "R9ZZAT", "16YVND", "Yes", "Abstain"};
    n->total++;
    if (n->stopping)
        n->order_ok = 0;
    if (strstr(msg, "READY=1")) {
        if (n->watchdogs)
            n->order_ok = 0;
        n->ready++;
    }
    if (strstr(msg, "WATCHDOG=1")) {
        if (!n->ready)
            n->order_ok = 0;
        n->watchdogs++;
    }
    if (strstr(msg, "STOPPING=1"))
        n->stopping++;
    for (size_t i = 0; i < sizeof secret / sizeof secret[0]; i++)
        if (strstr(msg, secret[i])) {
            fprintf(stderr, "notification carries \"%s\": %s\n", secret[i], msg);
            n->leaks++;
        }
}

/* drain: reads notifications until STOPPING=1 or a quiet timeout. */
static void drain(int fd, notes *n, int timeout_ms)
{
    char buf[4096];
    while (!n->stopping && ap_notify_recv(fd, buf, sizeof buf, timeout_ms) > 0)
        note(n, buf);
}

/* A live kiosk (no replay): READY, pings while idle, SIGTERM, STOPPING. */
static void test_live(int fd)
{
    /* --volatile-data-ok: the test's folder may be on a tmpfs /tmp. */
    char *argv[] = {"asamblea", "kiosk", "--meeting", FLOW "/meeting.yaml",
                    "--data", data, "--window", "800x480", "--dpi", "133",
                    "--volatile-data-ok", NULL};
    notes n = {0, 0, 0, 1, 0, 0};
    char buf[4096];
    /* 50 ms pings: a few arrive within a second of idling. */
    pid_t pid = ap_spawn(argv, errp, sock_path, "100000", 0);
    CHECK(pid > 0);
    while (n.watchdogs < 3 && ap_notify_recv(fd, buf, sizeof buf, 60000) > 0)
        note(&n, buf);
    CHECK_INT(n.ready, 1);
    CHECK(n.watchdogs >= 3);
    CHECK_INT(kill(pid, SIGTERM), 0);
    drain(fd, &n, 60000);
    CHECK_INT(ap_wait(pid), 0);
    CHECK_INT(n.stopping, 1);
    CHECK(n.order_ok);
    CHECK_INT(n.leaks, 0);
    printf("live: %d notifications, %d pings before SIGTERM\n", n.total, n.watchdogs);
}

/* A replay that votes and takes screenshots: the pings come from the
 * replay's loop too (real time passes while it draws). */
static void test_replay(int fd, int other_pid)
{
    char shots[300];
    snprintf(shots, sizeof shots, "%s/shots", tmp);
    /* A fresh data folder: the script opens the vote and votes. */
    snprintf(data, sizeof data, "%s/data-%d", tmp, other_pid);
    char *argv[] = {"asamblea", "kiosk", "--meeting", FLOW "/meeting.yaml",
                    "--data", data, "--window", "800x480", "--dpi", "133",
                    "--replay", script, "--shots", shots, NULL};
    notes n = {0, 0, 0, 1, 0, 0};
    /* 1 ms watchdog: every screenshot takes longer than the 0.5 ms ping
     * interval, so pings must come between the script's lines. */
    pid_t pid = ap_spawn(argv, errp, sock_path, "1000", other_pid);
    drain(fd, &n, 60000);
    CHECK_INT(ap_wait(pid), 0);
    CHECK_INT(n.ready, 1);
    CHECK_INT(n.stopping, 1);
    CHECK(n.order_ok);
    CHECK_INT(n.leaks, 0);
    if (other_pid)
        CHECK_INT(n.watchdogs, 0); /* WATCHDOG_PID is not us: no watchdog */
    else
        CHECK(n.watchdogs >= 2);
    printf("replay%s: %d notifications, %d pings\n",
           other_pid ? " (WATCHDOG_PID of another process)" : "", n.total,
           n.watchdogs);
}

/* The facilitator's "Shut down", confirmed: status 10, STOPPING=1 with a
 * STATUS naming the facilitator, and the script ends there. */
static void test_shutdown(int fd)
{
    char sd[300], buf[4096];
    int status_said = 0;
    notes n = {0, 0, 0, 1, 0, 0};
    snprintf(sd, sizeof sd, "%s/shutdown.replay", tmp);
    snprintf(data, sizeof data, "%s/data-shutdown", tmp);
    ap_write(sd, "scan R9ZZAT-W42RED-Z3Y67R\ntap \"Shut down\"\n"
                 "expect \"Shut down the kiosk?\"\ntap \"Yes, shut down\"\n"
                 "expect \"this line runs only if the kiosk did not stop\"\n");
    char *argv[] = {"asamblea", "kiosk", "--meeting", FLOW "/meeting.yaml",
                    "--data", data, "--window", "800x480", "--dpi", "133",
                    "--replay", sd, NULL};
    pid_t pid = ap_spawn(argv, errp, sock_path, NULL, 0);
    while (!n.stopping && ap_notify_recv(fd, buf, sizeof buf, 60000) > 0) {
        note(&n, buf);
        if (n.stopping && strstr(buf, "STATUS=Shut down by the facilitator"))
            status_said = 1;
    }
    CHECK_INT(ap_wait(pid), 10);
    CHECK_INT(n.stopping, 1);
    CHECK_MSG(status_said, "STOPPING=1 without STATUS=Shut down by the facilitator");
    CHECK_INT(n.leaks, 0);
}

int main(void)
{
    tmp = ap_mkdtemp();
    snprintf(data, sizeof data, "%s/data", tmp);
    snprintf(script, sizeof script, "%s/vote.replay", tmp);
    snprintf(errp, sizeof errp, "%s/stderr", tmp);
    int fd = ap_notify_open(tmp, sock_path, sizeof sock_path);

    /* The facilitator opens the vote, Ana votes; shots in between. */
    ap_write(script,
             "shot a\nscan R9ZZAT-W42RED-Z3Y67R\nshot b\n"
             "tap \"Fund the winter coat drive with $400\"\nshot c\n"
             "tap \"Open voting\"\nshot d\ntap \"Yes, open voting\"\nshot e\n"
             "tap \"Back\"\nshot f\ntap \"Leave\"\nshot g\n"
             "scan KTQQYK-VN7BTZ-XGPSKT\nshot h\ntap \"English\"\nshot i\n"
             "tap \"Fund the winter coat drive with $400\"\nshot j\n"
             "tap \"Yes\"\nshot k\ntap \"Cast my vote\"\n"
             "expect \"Your vote is recorded\"\nshot l\ntap \"Finish\"\nshot m\n"
             "shot n\nshot o\nshot p\n");
    test_replay(fd, 0);
    test_replay(fd, 1);
    test_live(fd);
    test_shutdown(fd);

    /* Outside systemd nothing changes: no socket, same run, status 0. */
    {
        snprintf(data, sizeof data, "%s/data-plain", tmp);
        char *argv[] = {"asamblea", "kiosk", "--meeting", FLOW "/meeting.yaml",
                        "--data", data, "--window", "800x480", "--dpi", "133",
                        "--replay", script, NULL};
        char buf[256];
        CHECK_INT(ap_run(argv, errp), 0);
        CHECK_INT(ap_notify_recv(fd, buf, sizeof buf, 0), 0);
    }
    close(fd);
    ap_rm_rf(tmp);
    free(tmp);
    return check_done();
}
