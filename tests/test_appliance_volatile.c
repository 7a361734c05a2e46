/* test_appliance_volatile.c: the kiosk refuses a data folder kept in RAM.
 *
 * Votes in a tmpfs or ramfs folder vanish at the next power cut, so
 * `asamblea kiosk` (no replay) refuses such a --data folder, existing or
 * still to be made, with one line naming the file system and the way out,
 * exit status 2, before it makes anything; --volatile-data-ok (demos and
 * tests) lets it start there.  Through the real binary (SDL offscreen),
 * on a tmpfs this test mounts when it runs as root, else /dev/shm when
 * that is a tmpfs, else SKIP; ramfs likewise only when a mount works.
 * A folder on a disk is still accepted without the flag (the check does
 * not refuse everything), and a replay (scripted input, never a meeting)
 * runs on tmpfs without it, as the rest of the suite relies on. */
#include "test_appliance_util.h"
#include <sys/mount.h>
#include <sys/vfs.h>
#include "check.h"

#define FLOW AS_TEST_DATA "/flow"
#define TMPFS_MAGIC_ 0x01021994UL

static char *tmp;
static char sock_path[256], errp[300];
static int notify_fd;

/* on_tmpfs: 1 if path is on a tmpfs. */
static int on_tmpfs(const char *path)
{
    struct statfs sf;
    return statfs(path, &sf) == 0 &&
           ((unsigned long)sf.f_type & 0xffffffffUL) == TMPFS_MAGIC_;
}

/* run_kiosk: the live kiosk (no replay) on data; waits for READY=1 (then
 * sends SIGTERM) or for the exit, at most 60 s.  Returns the exit status
 * (-1 if it had to be killed: neither ready nor exited in time); *ready:
 * whether it got as far as its first frame. */
static int run_kiosk(const char *data, int volatile_ok, int *ready)
{
    char *argv[] = {"asamblea", "kiosk", "--meeting", FLOW "/meeting.yaml",
                    "--data", (char *)data, "--window", "800x480", "--dpi",
                    "133", volatile_ok ? "--volatile-data-ok" : NULL, NULL};
    char buf[1024];
    int status;
    pid_t pid = ap_spawn(argv, errp, sock_path, NULL, 0);

    *ready = 0;
    for (int t = 0; t < 600; t++) {
        if (ap_notify_recv(notify_fd, buf, sizeof buf, 100) > 0 &&
            strstr(buf, "READY=1")) {
            *ready = 1;
            kill(pid, SIGTERM);
            break;
        }
        if (waitpid(pid, &status, WNOHANG) == pid) {
            while (ap_notify_recv(notify_fd, buf, sizeof buf, 0) > 0)
                ;
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
    }
    if (!*ready) {
        kill(pid, SIGKILL);
        ap_wait(pid);
        return -1;
    }
    int rc = ap_wait(pid);
    while (ap_notify_recv(notify_fd, buf, sizeof buf, 0) > 0)
        ;
    return rc;
}

/* refused: data (on a fs named fs) is refused: status 2 before the first
 * frame, one stderr line naming the folder, the file system and the
 * flag, and no folder made. */
static void refused(const char *data, const char *fs, int existed)
{
    int ready;
    struct stat sb;
    int rc = run_kiosk(data, 0, &ready);
    CHECK_MSG(rc == 2, "%s (%s): exit status %d, expected 2", data, fs, rc);
    CHECK_MSG(!ready, "%s (%s): the kiosk started on a volatile folder", data, fs);
    long len = 0;
    char *e = ap_slurp(errp, &len);
    CHECK_MSG(e && strstr(e, data) && strstr(e, fs) &&
              strstr(e, "--volatile-data-ok") && strstr(e, "power cut"),
              "%s: stderr should name the folder, %s and the flag: %s", data, fs,
              e ? e : "");
    CHECK_MSG(e && len > 0 && strchr(e, '\n') == e + len - 1,
              "%s: stderr should be one line: %s", data, e ? e : "");
    free(e);
    if (!existed)
        CHECK_MSG(stat(data, &sb) != 0, "%s: refused, yet the folder was made", data);
    else {
        char db[700];
        snprintf(db, sizeof db, "%s/meeting.db", data);
        CHECK_MSG(stat(db, &sb) != 0, "%s: refused, yet a store was made", data);
    }
}

/* accepted: data is used: the kiosk gets to its first frame, stops on
 * SIGTERM with status 0 and leaves its stores there. */
static void accepted(const char *data, int volatile_ok, const char *what)
{
    int ready;
    char db[700];
    struct stat sb;
    int rc = run_kiosk(data, volatile_ok, &ready);
    CHECK_MSG(rc == 0 && ready, "%s: exit status %d, ready %d", what, rc, ready);
    snprintf(db, sizeof db, "%s/ballots.db", data);
    CHECK_MSG(stat(db, &sb) == 0, "%s: no ballots.db in %s", what, data);
}

/* on_volatile: all the cases on one volatile folder root (fs: its name). */
static void on_volatile(const char *root, const char *fs)
{
    char data[400], deep[400], replay[400], script[400];

    printf("%s folder: %s\n", fs, root);
    snprintf(data, sizeof data, "%s/data", root);
    refused(data, fs, 0);
    /* Not there yet, two levels down: the nearest folder that is. */
    snprintf(deep, sizeof deep, "%s/a/b/data", root);
    refused(deep, fs, 0);
    /* An existing, empty folder. */
    CHECK_INT(mkdir(data, 0700), 0);
    refused(data, fs, 1);
    /* Demos and tests: allowed with the flag... */
    accepted(data, 1, "--volatile-data-ok");
    /* ...and for a replay, which is never a meeting. */
    snprintf(replay, sizeof replay, "%s/replayed", root);
    snprintf(script, sizeof script, "%s/empty.replay", tmp);
    ap_write(script, "# nothing: start, draw, stop\n");
    char *argv[] = {"asamblea", "kiosk", "--meeting", FLOW "/meeting.yaml",
                    "--data", replay, "--window", "800x480", "--replay", script, NULL};
    CHECK_INT(ap_run(argv, errp), 0);
}

/* try_mount: a fresh fs of type type at dir (root only).  1 if mounted. */
static int try_mount(const char *dir, const char *type)
{
    if (geteuid() != 0 || mkdir(dir, 0700) != 0)
        return 0;
    if (mount(type, dir, type, MS_NOSUID | MS_NODEV, "size=16m,mode=0700") != 0) {
        printf("cannot mount a %s at %s (%s)\n", type, dir, strerror(errno));
        rmdir(dir);
        return 0;
    }
    return 1;
}

int main(void)
{
    char mnt[300], shm[300], disk[400];
    int any = 0;

    tmp = ap_mkdtemp();
    snprintf(errp, sizeof errp, "%s/stderr", tmp);
    notify_fd = ap_notify_open(tmp, sock_path, sizeof sock_path);

    /* A disk folder without the flag: the build directory if /tmp itself
     * is a tmpfs here. */
    snprintf(disk, sizeof disk, "%s/data-disk", on_tmpfs(tmp) ? AS_BUILD_DIR : tmp);
    if (on_tmpfs(on_tmpfs(tmp) ? AS_BUILD_DIR : tmp)) {
        CHECK_SKIP("no folder on a disk to show that one is accepted");
    } else {
        ap_rm_rf(disk);
        accepted(disk, 0, "a folder on a disk");
        ap_rm_rf(disk);
    }

    snprintf(mnt, sizeof mnt, "%s/tmpfs", tmp);
    if (try_mount(mnt, "tmpfs")) {
        on_volatile(mnt, "tmpfs");
        umount2(mnt, MNT_DETACH);
        any = 1;
    } else if (on_tmpfs("/dev/shm")) {
        snprintf(shm, sizeof shm, "/dev/shm/asamblea-volatile-XXXXXX");
        if (mkdtemp(shm)) {
            on_volatile(shm, "tmpfs");
            ap_rm_rf(shm);
            any = 1;
        }
    }
    if (!any)
        CHECK_SKIP("no tmpfs: not root (or no mount) and /dev/shm is not a tmpfs");

    snprintf(mnt, sizeof mnt, "%s/ramfs", tmp);
    if (try_mount(mnt, "ramfs")) {
        on_volatile(mnt, "ramfs");
        umount2(mnt, MNT_DETACH);
    } else {
        CHECK_SKIP("no ramfs: needs root and a mount that works here");
    }

    close(notify_fd);
    ap_rm_rf(tmp);
    free(tmp);
    if (!any) {
        printf("SKIP: no tmpfs to test on\n");
        return 77;
    }
    return check_done();
}
