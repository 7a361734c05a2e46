/* hub_cluster_proc.c: where PostgreSQL's programs are, running them as the
 * cluster's user with fork + execv (never a shell: a folder name is never
 * parsed by anything), and the lock files a killed postmaster leaves. */
#define _GNU_SOURCE /* close_range, setgroups */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "hub.h"
#include "hub_cluster_proc.h"

/* Debian installs the server outside PATH; pg_config (libpq-dev) would
 * name this same folder, so it is not asked. */
#define DEBIAN_BINDIR "/usr/lib/postgresql/15/bin"

static char bindir_buf[4096];

/* has_tools: dir holds the programs the cluster needs, executable. */
static int has_tools(const char *dir)
{
    static const char *const tools[] = {"initdb", "pg_ctl", "postgres"};
    char path[4200];

    if (!dir || !*dir || strlen(dir) >= sizeof bindir_buf)
        return 0;
    for (size_t i = 0; i < sizeof tools / sizeof tools[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, tools[i]);
        if (access(path, X_OK) != 0)
            return 0;
    }
    return 1;
}

const char *hub_cluster_bindir(void)
{
    const char *env = getenv("ASAMBLEA_PG_BINDIR");
    const char *path = getenv("PATH");

    if (env && *env)
        return has_tools(env) ? strcpy(bindir_buf, env) : NULL;
    if (has_tools(DEBIAN_BINDIR))
        return strcpy(bindir_buf, DEBIAN_BINDIR);
    while (path && *path) {
        size_t n = strcspn(path, ":");
        if (n > 0 && n < sizeof bindir_buf) {
            memcpy(bindir_buf, path, n);
            bindir_buf[n] = '\0';
            if (has_tools(bindir_buf))
                return bindir_buf;
        }
        path += n + (path[n] == ':');
    }
    return NULL;
}

as_status hub_cluster_runas_new_owner(hub_runas *u, as_err *err)
{
    const char *name = getenv("ASAMBLEA_PG_USER");
    struct passwd *pw;

    memset(u, 0, sizeof *u);
    if (geteuid() != 0)
        return AS_OK;
    if (!name || !*name)
        name = "nobody";
    errno = 0;
    pw = getpwnam(name);
    if (!pw)
        return as_err_set(err, AS_ENOENT,
                          "no user \"%s\" to run PostgreSQL as (initdb refuses root); "
                          "create it or name another in ASAMBLEA_PG_USER", name);
    if (pw->pw_uid == 0)
        return as_err_set(err, AS_EINVAL,
                          "ASAMBLEA_PG_USER names \"%s\", which is root; PostgreSQL "
                          "refuses to run as root: name an unprivileged user", name);
    u->drop = 1;
    u->uid = pw->pw_uid;
    u->gid = pw->pw_gid;
    return AS_OK;
}

as_status hub_cluster_runas_of(const char *pgdir, hub_runas *u, as_err *err)
{
    struct stat st;

    memset(u, 0, sizeof *u);
    if (stat(pgdir, &st) != 0)
        return as_err_set(err, as_status_from_errno(errno), "%s: cannot read it (%s); "
                          "is this a hub data folder?", pgdir, strerror(errno));
    if (geteuid() != 0) {
        if (st.st_uid == geteuid())
            return AS_OK;
        return as_err_set(err, AS_ESTATE, "%s belongs to user id %ld; run this as that "
                          "user (or as root)", pgdir, (long)st.st_uid);
    }
    if (st.st_uid == 0)
        return as_err_set(err, AS_ESTATE, "%s belongs to root, and PostgreSQL refuses to "
                          "run as root; give it to an unprivileged user (chown -R)", pgdir);
    u->drop = 1;
    u->uid = st.st_uid;
    u->gid = st.st_gid;
    return AS_OK;
}

int hub_cluster_give(const hub_runas *u, const char *path)
{
    return u->drop ? chown(path, u->uid, u->gid) : 0;
}

/* child_fail: the child's last words into the log, then out (async-signal
 * safe: only write and _exit after fork). */
static void child_fail(const char *what)
{
    static const char pre[] = "asamblea: cannot ";
    (void)!write(2, pre, sizeof pre - 1);
    (void)!write(2, what, strlen(what));
    (void)!write(2, "\n", 1);
    _exit(127);
}

int hub_cluster_run(const hub_runas *u, const char *cwd, const char *log,
                    const char *bindir, const char *prog, char *const argv[])
{
    char path[4200];
    int fd, nul, status, e;
    pid_t pid;

    snprintf(path, sizeof path, "%s/%s", bindir, prog);
    fd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    nul = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (nul < 0 || hub_cluster_give(u, log) != 0) {
        e = errno;
        close(fd);
        if (nul >= 0)
            close(nul);
        errno = e;
        return -1;
    }
    pid = fork();
    if (pid == 0) {
        if (dup2(nul, 0) < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
            _exit(127);
        close_range(3, ~0U, 0); /* no libpq socket or database of ours leaks in */
        if (u->drop && (setgroups(1, &u->gid) != 0 || setgid(u->gid) != 0 ||
                        setuid(u->uid) != 0))
            child_fail("switch to the cluster's user");
        if (chdir(cwd) != 0)
            child_fail("enter the hub folder");
        execv(path, argv);
        child_fail(path);
    }
    e = errno;
    close(fd);
    close(nul);
    if (pid < 0) {
        errno = e;
        return -1;
    }
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}

int hub_cluster_alive(long pid)
{
    char path[64], buf[512];
    FILE *f;
    size_t n;
    char *close_paren;

    if (pid <= 0)
        return 0;
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    f = fopen(path, "r");
    if (!f) {
        if (errno == ENOENT && access("/proc/self/stat", R_OK) == 0)
            return 0; /* /proc is there and the process is not */
        /* no /proc: kill, which calls a zombie alive */
        return kill((pid_t)pid, 0) == 0 || errno == EPERM;
    }
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    /* "pid (comm) S ...": the state follows the last ')' (comm may hold one) */
    close_paren = strrchr(buf, ')');
    if (!close_paren || close_paren[1] != ' ')
        return 1;
    return close_paren[2] != 'Z' && close_paren[2] != 'X';
}

/* read_lines: the first n lines of path into line[] (each at most 255
 * bytes; missing lines are empty).  0, or -1 when it cannot be read. */
static int read_lines(const char *path, char line[][256], int n)
{
    FILE *f = fopen(path, "r");

    if (!f)
        return -1;
    for (int i = 0; i < n; i++) {
        if (!fgets(line[i], 256, f))
            line[i][0] = '\0';
        line[i][strcspn(line[i], "\n")] = '\0';
    }
    fclose(f);
    return 0;
}

int hub_cluster_pidfile(const char *pgdir, long *pid, int *port)
{
    char path[4200], line[4][256], *end;
    long p, q;

    snprintf(path, sizeof path, "%s/postmaster.pid", pgdir);
    if (read_lines(path, line, 4) != 0)
        return -1;
    /* postmaster.pid: pid, data directory, start time, port, ... */
    p = strtol(line[0], &end, 10);
    if (end == line[0] || p <= 0)
        return -1;
    q = strtol(line[3], &end, 10);
    if (end == line[3] || q <= 0 || q > 65535)
        return -1;
    *pid = p;
    *port = (int)q;
    return 0;
}

/* wait_shm_free: waits up to 15 s until nothing is attached to the dead
 * server's System V shared memory segment shmid (its children notice the
 * postmaster's death and exit within moments).  PostgreSQL refuses to
 * start while one is attached, so this only saves a failed start. */
static void wait_shm_free(long shmid)
{
    struct shmid_ds ds;
    struct timespec pause = {0, 50 * 1000 * 1000};

    for (int i = 0; i < 300 && shmid >= 0; i++) {
        if (shmctl((int)shmid, IPC_STAT, &ds) != 0 || ds.shm_nattch == 0)
            return;
        nanosleep(&pause, NULL);
    }
}

/* clear_socket_locks: removes rundir/.s.PGSQL.*.lock files whose
 * postmaster is dead (PostgreSQL would take a zombie's for a live one). */
static void clear_socket_locks(const char *rundir)
{
    DIR *d = opendir(rundir);
    struct dirent *de;
    char path[4200], line[1][256];

    if (!d)
        return;
    while ((de = readdir(d)) != NULL) {
        size_t n = strlen(de->d_name);
        if (strncmp(de->d_name, ".s.PGSQL.", 9) != 0 || n < 5 ||
            strcmp(de->d_name + n - 5, ".lock") != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", rundir, de->d_name);
        if (read_lines(path, line, 1) == 0 && !hub_cluster_alive(atol(line[0])))
            unlink(path);
    }
    closedir(d);
}

long hub_cluster_clear_stale(const char *pgdir, const char *rundir)
{
    char path[4200], line[7][256];
    long pid, key, shmid = -1;

    snprintf(path, sizeof path, "%s/postmaster.pid", pgdir);
    if (read_lines(path, line, 7) == 0) {
        pid = atol(line[0]);
        if (hub_cluster_alive(pid))
            return pid;
        /* line 7: the shared memory key and id ("  5432001     32769") */
        if (sscanf(line[6], "%ld %ld", &key, &shmid) != 2)
            shmid = -1;
        wait_shm_free(shmid);
        unlink(path);
    }
    clear_socket_locks(rundir);
    return 0;
}
