/* hub_fault_proc.c: driving hub_caster processes (hub_fault_proc.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <dirent.h>
#include <unistd.h>
#include "hub_fault_proc.h"

int hf_caster_start(hf_caster *c, const char *path, hf_meeting *m, int k,
                    int from, int to, const char *proposal,
                    const char *choice, int retry_ms, int idle_ms)
{
    char range[32], retry[16], idle[16];
    const char *argv[14];
    int p[2], a = 0;

    memset(c, 0, sizeof *c);
    c->fd = -1;
    c->kiosk = k;
    snprintf(range, sizeof range, "%d..%d", from, to);
    snprintf(retry, sizeof retry, "%d", retry_ms);
    snprintf(idle, sizeof idle, "%d", idle_ms);
    argv[a++] = path;
    if (retry_ms > 0) {
        argv[a++] = "--retry-ms";
        argv[a++] = retry;
    }
    if (idle_ms > 0) {
        argv[a++] = "--idle-ms";
        argv[a++] = idle;
    }
    argv[a++] = m->k[k].data;
    argv[a++] = m->k[k].conninfo;
    argv[a++] = m->sha_hex;
    argv[a++] = m->k[k].keyfile;
    argv[a++] = range;
    argv[a++] = proposal;
    argv[a++] = choice;
    argv[a] = NULL;
    if (pipe2(p, O_CLOEXEC) != 0) {
        perror("hf_caster_start: pipe");
        return 0;
    }
    fflush(NULL);
    c->pid = fork();
    if (c->pid == 0) {
        dup2(p[1], STDOUT_FILENO);
        execv(path, (char *const *)argv);
        _exit(127);
    }
    close(p[1]);
    if (c->pid < 0) {
        perror("hf_caster_start: fork");
        close(p[0]);
        return 0;
    }
    c->fd = p[0];
    return 1;
}

static void add_line(hf_caster *c, const char *s)
{
    hf_line l = {0};
    long long t0 = 0, t1 = 0;
    char tail[16] = "";

    if (!strcmp(s, "ready")) {
        c->ready = 1;
        return;
    }
    if (sscanf(s, "recorded %d %lld %lld %15s", &l.badge, &t0, &t1, tail) >= 3)
        l.recorded = 1;
    else if (sscanf(s, "refused %d %d %lld %lld %15s", &l.badge, &l.status,
                    &t0, &t1, tail) < 4) {
        fprintf(stderr, "hub_caster said: %s\n", s);
        c->bad++;
        return;
    }
    l.t0 = t0;
    l.t1 = t1;
    l.paused = !strcmp(tail, "paused");
    if (c->n == c->cap) {
        int cap = c->cap ? c->cap * 2 : 64;
        hf_line *nl = realloc(c->lines, (size_t)cap * sizeof *nl);
        if (!nl) {
            c->bad++;
            return;
        }
        c->lines = nl;
        c->cap = cap;
    }
    c->lines[c->n++] = l;
}

int hf_caster_read(hf_caster *c, int timeout_ms)
{
    struct pollfd pfd = {.fd = c->fd, .events = POLLIN};
    ssize_t got;
    char *nl;

    if (c->eof)
        return -1;
    if (poll(&pfd, 1, timeout_ms) <= 0)
        return 0;
    got = read(c->fd, c->buf + c->len, sizeof c->buf - 1 - c->len);
    if (got < 0 && errno == EINTR)
        return 0;
    if (got <= 0) {
        c->eof = 1;
        return -1;
    }
    c->len += (size_t)got;
    c->buf[c->len] = '\0';
    while ((nl = strchr(c->buf, '\n'))) {
        *nl = '\0';
        add_line(c, c->buf);
        c->len -= (size_t)(nl + 1 - c->buf);
        memmove(c->buf, nl + 1, c->len + 1);
    }
    if (c->len == sizeof c->buf - 1) { /* a line too long: not ours */
        c->bad++;
        c->len = 0;
    }
    return 1;
}

int hf_caster_wait_ready(hf_caster *c, int timeout_ms)
{
    int64_t end = hf_now_ms() + timeout_ms;
    while (!c->ready && hf_now_ms() < end)
        if (hf_caster_read(c, (int)(end - hf_now_ms())) < 0)
            break;
    return c->ready;
}

static int reap(hf_caster *c)
{
    int status = 0;
    while (c->fd >= 0 && hf_caster_read(c, 1000) >= 0)
        ;
    if (c->fd >= 0)
        close(c->fd);
    c->fd = -1;
    while (waitpid(c->pid, &status, 0) < 0 && errno == EINTR)
        ;
    return status;
}

void hf_caster_kill(hf_caster *c)
{
    kill(c->pid, SIGKILL);
    reap(c);
}

int hf_caster_finish(hf_caster *c, int timeout_ms)
{
    int64_t end = hf_now_ms() + timeout_ms;
    int status;
    while (!c->eof && hf_now_ms() < end)
        hf_caster_read(c, 200);
    if (!c->eof) {
        fprintf(stderr, "hub_caster for kiosk index %d took over %d ms: "
                "killed\n", c->kiosk, timeout_ms);
        hf_caster_kill(c);
        return -1;
    }
    status = reap(c);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void hf_caster_free(hf_caster *c)
{
    if (c->fd >= 0)
        close(c->fd);
    free(c->lines);
    c->lines = NULL;
    c->n = c->cap = 0;
    c->fd = -1;
}

char hf_proc_state(long pid)
{
    char path[64], line[512], *rp, state = 0;
    FILE *f;
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    if (!(f = fopen(path, "r")))
        return 0;
    if (fgets(line, sizeof line, f) && (rp = strrchr(line, ')')))
        sscanf(rp + 1, " %c", &state);
    fclose(f);
    return state;
}

/* The postmaster's children (from /proc/PID/stat's ppid), into out. */
static int children_of(long pm, pid_t *out, int cap)
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    int n = 0;
    while (d && (e = readdir(d)) && n < cap) {
        char path[300], line[512], *rp;
        long ppid = 0;
        FILE *f;
        if (e->d_name[0] < '1' || e->d_name[0] > '9')
            continue;
        snprintf(path, sizeof path, "/proc/%s/stat", e->d_name);
        if (!(f = fopen(path, "r")))
            continue;
        /* pid (comm) state ppid ...: comm may hold spaces and ')' */
        if (fgets(line, sizeof line, f) && (rp = strrchr(line, ')')) &&
            sscanf(rp + 1, " %*c %ld", &ppid) == 1 && ppid == pm)
            out[n++] = (pid_t)atol(e->d_name);
        fclose(f);
    }
    if (d)
        closedir(d);
    return n;
}

void hf_caster_read_for(hf_caster *c, int64_t ms)
{
    int64_t until = hf_now_ms() + ms;
    while (hf_now_ms() < until)
        hf_caster_read(c, (int)(until - hf_now_ms()));
}

int hf_freeze(hf_meeting *m, hf_caster *c, int64_t ms, int64_t *f0,
              int64_t *f1, int64_t *thaw)
{
    pid_t kids[64];
    long pm = hub_cluster_pid(m->c);
    int n;
    *f0 = hf_now_ms();
    kill((pid_t)pm, SIGSTOP);
    n = children_of(pm, kids, 64);
    for (int i = 0; i < n; i++)
        kill(kids[i], SIGSTOP);
    *f1 = hf_now_ms();
    hf_caster_read_for(c, ms);
    *thaw = hf_now_ms();
    for (int i = 0; i < n; i++)
        kill(kids[i], SIGCONT);
    kill((pid_t)pm, SIGCONT);
    return n;
}

long hf_stop_at_prepare(PGconn *owner, const hf_meeting *m, int k, int ms)
{
    char sql[400];
    int64_t until = hf_now_ms() + ms;
    snprintf(sql, sizeof sql, "SELECT a.pid FROM pg_stat_activity a JOIN "
             "hub.kiosks k ON k.role = a.usename WHERE k.id = %d AND "
             "((a.state = 'active' AND a.query LIKE 'PREPARE TRANSACTION%%') OR "
             "(a.state = 'idle in transaction' AND a.query LIKE '%%hub.mark%%'))",
             m->k[k].id);
    while (hf_now_ms() < until) {
        PGresult *r = PQexec(owner, sql);
        long pid = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1
                       ? atol(PQgetvalue(r, 0, 0)) : 0;
        PQclear(r);
        if (pid > 0 && kill((pid_t)pid, SIGSTOP) == 0)
            return pid;
    }
    return 0;
}
