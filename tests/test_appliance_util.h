/* Include first in a test (it sets _GNU_SOURCE for nftw and friends). */
/* test_appliance_util.h: what the appliance tests (test_appliance_*.c)
 * share: temporary folders, running the real kiosk with a service
 * manager's environment, and a notification socket in place of systemd's
 * (AF_UNIX datagrams, the protocol libsystemd's sd_notify speaks). */
#ifndef TEST_APPLIANCE_UTIL_H
#define TEST_APPLIANCE_UTIL_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

static inline char *ap_mkdtemp(void)
{
    char *d = strdup("/tmp/asamblea-appl-XXXXXX");
    if (!d || !mkdtemp(d)) {
        perror("mkdtemp");
        exit(1);
    }
    return d;
}

static inline int ap_rm_one(const char *p, const struct stat *sb, int flag, struct FTW *f)
{
    (void)sb; (void)flag; (void)f;
    return remove(p);
}

static inline void ap_rm_rf(const char *dir)
{
    nftw(dir, ap_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* ap_notify_open: a datagram socket bound at dir/notify; the path goes to
 * out (for NOTIFY_SOCKET). */
static inline int ap_notify_open(const char *dir, char *out, size_t size)
{
    struct sockaddr_un sa;
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    snprintf(out, size, "%s/notify", dir);
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    if (strlen(out) >= sizeof sa.sun_path) {
        fprintf(stderr, "%s: too long for a socket path\n", out);
        exit(1);
    }
    memcpy(sa.sun_path, out, strlen(out) + 1);
    if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
        perror("notify socket");
        exit(1);
    }
    return fd;
}

/* ap_notify_recv: the next datagram (NUL-terminated) within timeout_ms;
 * its length, or 0 on timeout. */
static inline int ap_notify_recv(int fd, char *buf, size_t size, int timeout_ms)
{
    struct pollfd p = {fd, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) != 1)
        return 0;
    ssize_t n = recv(fd, buf, size - 1, 0);
    if (n < 0)
        return 0;
    buf[n] = '\0';
    return (int)n;
}

/* ap_spawn: runs the kiosk with argv; stderr to err_path (NULL: kept).
 * notify: NOTIFY_SOCKET or NULL; wd_usec: WATCHDOG_USEC or NULL;
 * wd_pid_other: set WATCHDOG_PID to another process's id. */
static inline pid_t ap_spawn(char *const argv[], const char *err_path, const char *notify,
                      const char *wd_usec, int wd_pid_other)
{
    pid_t pid = fork();
    if (pid == 0) {
        char pidbuf[32];
        if (err_path) {
            int fd = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
            if (fd >= 0)
                dup2(fd, 2);
        }
        unsetenv("NOTIFY_SOCKET");
        unsetenv("WATCHDOG_USEC");
        unsetenv("WATCHDOG_PID");
        if (notify)
            setenv("NOTIFY_SOCKET", notify, 1);
        if (wd_usec) {
            setenv("WATCHDOG_USEC", wd_usec, 1);
            snprintf(pidbuf, sizeof pidbuf, "%ld",
                     (long)(wd_pid_other ? getppid() : getpid()));
            setenv("WATCHDOG_PID", pidbuf, 1);
        }
        setenv("SDL_VIDEODRIVER", "offscreen", 1);
        execv(AS_BINARY, argv);
        _exit(127);
    }
    return pid;
}

/* ap_wait: the exit status, or 128 + signal. */
static inline int ap_wait(pid_t pid)
{
    int status;
    if (pid < 0 || waitpid(pid, &status, 0) < 0)
        return -1;
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}

static inline int ap_run(char *const argv[], const char *err_path)
{
    return ap_wait(ap_spawn(argv, err_path, NULL, NULL, 0));
}

/* ap_slurp: a whole file, NUL-terminated (free it); NULL if unreadable. */
static inline char *ap_slurp(const char *path, long *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n = 0;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
        fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) != NULL) {
        if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
            free(buf);
            buf = NULL;
        } else {
            buf[n] = '\0';
        }
    }
    fclose(f);
    if (len)
        *len = n;
    return buf;
}

static inline void ap_write(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(1);
    }
    fputs(text, f);
    fclose(f);
}

#endif
