/* hub_util.c: the hub tests' throwaway PostgreSQL cluster (hub_util.h). */
#define _GNU_SOURCE /* nftw */
#include <arpa/inet.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "hub_util.h"

int hub_test_free_port(void)
{
    struct sockaddr_in sa;
    socklen_t len = sizeof sa;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), port = -1;

    if (fd < 0)
        return -1;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0 &&
        getsockname(fd, (struct sockaddr *)&sa, &len) == 0)
        port = ntohs(sa.sin_port);
    close(fd);
    return port;
}

static int rm_one(const char *p, const struct stat *sb, int flag, struct FTW *f)
{
    (void)sb;
    (void)f;
    return (flag == FTW_DP ? rmdir(p) : unlink(p)) == 0 || errno == ENOENT ? 0 : -1;
}

int hub_test_rm_rf(const char *dir)
{
    return nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : -1;
}

int hub_test_cluster(hub_cluster **out)
{
    char dir[] = "/tmp/asamblea-hub-XXXXXX";
    as_err err;
    int port;

    *out = NULL;
    if (!hub_cluster_bindir()) {
        printf("%s\n", HUB_TEST_SKIP_LINE);
        fflush(stdout);
        return 0;
    }
    if (!mkdtemp(dir)) {
        perror("hub_test_cluster: mkdtemp");
        return -1;
    }
    port = hub_test_free_port();
    if (port < 0) {
        perror("hub_test_cluster: no free loopback port");
    } else if (hub_cluster_create(dir, "127.0.0.1", port, &err) != AS_OK ||
               hub_cluster_start(dir, out, &err) != AS_OK) {
        fprintf(stderr, "hub_test_cluster: %s\n", err.msg);
        *out = NULL;
    }
    if (*out)
        return 1;
    hub_test_rm_rf(dir);
    return -1;
}

/* kill_postmaster: SIGKILL the postmaster DIR/pg/postmaster.pid names (a
 * stopped one gets SIGCONT too), and wait up to 5 s for it to be gone. */
static void kill_postmaster(const char *dir)
{
    char path[PATH_MAX + 32];
    long pid = 0;
    FILE *f;
    struct timespec pause = {0, 20 * 1000 * 1000};

    snprintf(path, sizeof path, "%s/pg/postmaster.pid", dir);
    f = fopen(path, "r");
    if (!f)
        return;
    if (fscanf(f, "%ld", &pid) != 1)
        pid = 0;
    fclose(f);
    /* only a postgres process: the file may be stale, the pid reused */
    snprintf(path, sizeof path, "/proc/%ld/comm", pid);
    f = pid > 0 ? fopen(path, "r") : NULL;
    if (!f)
        return;
    char comm[64] = "";
    if (!fgets(comm, sizeof comm, f))
        comm[0] = '\0';
    fclose(f);
    if (strncmp(comm, "postgres", 8) != 0 || kill((pid_t)pid, SIGKILL) != 0)
        return;
    kill((pid_t)pid, SIGCONT);
    for (int i = 0; i < 250; i++) {
        snprintf(path, sizeof path, "/proc/%ld/status", pid);
        f = fopen(path, "r");
        if (!f)
            return;
        char line[128];
        int zombie = 0;
        while (fgets(line, sizeof line, f))
            if (strncmp(line, "State:", 6) == 0)
                zombie = strchr(line, 'Z') != NULL;
        fclose(f);
        if (zombie)
            return;
        nanosleep(&pause, NULL);
    }
}

int hub_test_cluster_done(hub_cluster *c)
{
    char dir[PATH_MAX];
    as_err err;

    if (!c)
        return 0;
    snprintf(dir, sizeof dir, "%s", hub_cluster_dir(c));
    if (hub_cluster_stop(c, &err) != AS_OK)
        kill_postmaster(dir);
    if (hub_test_rm_rf(dir) != 0) {
        fprintf(stderr, "hub_test_cluster_done: cannot remove %s: %s\n", dir,
                strerror(errno));
        return -1;
    }
    return 0;
}
