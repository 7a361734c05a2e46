/* bench_kiosk.c: the real program, measured from outside.
 *
 * 1. Idle: `asamblea kiosk` in a 1280x800 window (offscreen driver) with
 *    no input.  After 2 s of start-up, the child's utime+stime from
 *    /proc/PID/stat over a 10 s window, as % of one core.  Also the
 *    nanosecond run time of all its threads (schedstat of every
 *    task under /proc/PID/task)
 *    and how often they woke up (context switches), then SIGTERM and its
 *    exit status.
 * 2. Start-up with a 100-proposal meeting and a 2,000-person roster
 *    (generated here, tokens from token_new): `asamblea kiosk ... --replay
 *    S` where S is the single line `shot first`, at 1920x1080, RUNS times
 *    each way, interleaved:
 *      a. with --shots: fork to first.png written (inotify), and to exit;
 *      b. without --shots: fork to exit (includes teardown);
 *      c. as b, on a data directory that already exists (a restart).
 *    Medians are reported.  a. and b. use a fresh data directory each run
 *    (the first start at a meeting creates the databases and the key).
 *
 * usage: bench_kiosk idle|start ASAMBLEA SCRATCH_DIR [RUNS]
 * Prints table rows; exit 0, or 1 if the kiosk did not run as expected. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "bench_util.h"
#include "token.h"

#define NPROPS 100
#define NPEOPLE 2000
#define NFACS 10
#define IDLE_WARMUP_S 2
#define IDLE_WINDOW_S 10
#define START_TARGET_MS 300.0
#define IDLE_TARGET_PCT 1.0

static const char *asamblea;
static const char *work;
static char meeting_path[4200], log_path[4200];

/* ---- generated meeting and roster ---- */

typedef struct {
    char *p;
    size_t n, cap;
    int oom;
} buf;

__attribute__((format(printf, 2, 3)))
static void bprintf(buf *b, const char *fmt, ...)
{
    va_list ap;
    int k;
    for (;;) {
        va_start(ap, fmt);
        k = vsnprintf(b->p ? b->p + b->n : NULL, b->p ? b->cap - b->n : 0, fmt, ap);
        va_end(ap);
        if (k < 0) {
            b->oom = 1;
            return;
        }
        if (b->p && b->n + (size_t)k < b->cap) {
            b->n += (size_t)k;
            return;
        }
        size_t cap = (b->cap + (size_t)k + 1) * 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->oom = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
}

static int write_meeting(void)
{
    buf m = {0}, r = {0};
    char path[4200], tok[TOKEN_TEXT_SIZE];
    int rc = -1;

    bprintf(&m, "meeting:\n  title: Benchmark assembly with %d proposals\n"
            "  date: 2026-12-05\n  languages: [en, es]\n"
            "  roster: roster.csv\n  quorum: \"10%%\"\nproposals:\n", NPROPS);
    for (int i = 0; i < NPROPS; i++) {
        bprintf(&m, "  - id: proposal-%03d\n    title:\n"
                "      en: Proposal %d, about the neighborhood's budget line %d\n"
                "      es: Propuesta %d, sobre la partida %d del presupuesto del barrio\n"
                "    text:\n      en: |\n", i, i + 1, i + 1, i + 1, i + 1);
        for (int k = 0; k < 3; k++)
            bprintf(&m, "        Paragraph %d of proposal %d. The assembly spends part of\n"
                    "        its general fund on this item, and the working group reports\n"
                    "        back at the next meeting with receipts and what was learned.\n\n",
                    k + 1, i + 1);
        bprintf(&m, "      es: |\n");
        for (int k = 0; k < 3; k++)
            bprintf(&m, "        Párrafo %d de la propuesta %d. La asamblea destina parte de\n"
                    "        su fondo general a este punto, y el grupo de trabajo informa\n"
                    "        en la próxima reunión con los recibos y lo aprendido.\n\n",
                    k + 1, i + 1);
        bprintf(&m, "    method: yes-no-abstain\n    threshold: %s\n",
                i % 3 == 0 ? "majority" : i % 3 == 1 ? "two-thirds" : "\"3/5\"");
    }
    bprintf(&r, "name,role,token,block\n");
    for (int i = 0; i < NPEOPLE; i++) {
        token_new(tok);
        bprintf(&r, "\"Neighbor %04d, Example\",%s,%s,W %dth St\n", i + 1,
                i < NFACS ? "facilitator" : "attendee", tok, 10 + i % 20);
    }
    sodium_memzero(tok, sizeof tok);
    if (m.oom || r.oom) {
        fputs("bench_kiosk: out of memory\n", stderr);
        goto out;
    }
    snprintf(meeting_path, sizeof meeting_path, "%s/meeting.yaml", work);
    snprintf(path, sizeof path, "%s/roster.csv", work);
    if (bench_write_file(meeting_path, m.p, m.n) == 0 &&
        bench_write_file(path, r.p, r.n) == 0)
        rc = 0;
out:
    free(m.p);
    if (r.p)
        sodium_memzero(r.p, r.cap);
    free(r.p);
    return rc;
}

/* ---- running the kiosk ---- */

static pid_t spawn(char *const argv[])
{
    pid_t pid = fork();
    if (pid == 0) {
        int fd = open(log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
        }
        setenv("SDL_VIDEODRIVER", "offscreen", 1);
        setenv("SDL_AUDIODRIVER", "dummy", 1);
        execv(argv[0], argv);
        _exit(127);
    }
    return pid;
}

static void show_log(void)
{
    char line[512];
    FILE *f = fopen(log_path, "r");
    if (!f)
        return;
    fputs("bench_kiosk: the kiosk said:\n", stderr);
    for (int i = 0; i < 20 && fgets(line, sizeof line, f); i++)
        fprintf(stderr, "  %s", line);
    fclose(f);
}

static void sleep_s(double s)
{
    struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

/* cpu_ticks: utime + stime of pid in clock ticks, or -1. */
static long long cpu_ticks(pid_t pid)
{
    char path[64], text[1024], *p;
    unsigned long long ut, st;
    FILE *f;
    size_t n;

    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    if (!(f = fopen(path, "r")))
        return -1;
    n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    /* the command name may hold spaces: fields count from the last ')' */
    if (!(p = strrchr(text, ')')))
        return -1;
    /* after ')': state(3) ppid pgrp session tty tpgid flags minflt cminflt
     * majflt cmajflt utime(14) stime(15) */
    if (sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
               &ut, &st) != 2)
        return -1;
    return (long long)(ut + st);
}

/* threads_stat: run time (ns) and context switches summed over all of
 * pid's threads; -1 where the kernel does not say. */
static void threads_stat(pid_t pid, long long *run_ns, long long *switches)
{
    char path[300], line[256];
    DIR *d;
    struct dirent *e;

    *run_ns = 0;
    *switches = 0;
    snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
    if (!(d = opendir(path))) {
        *run_ns = *switches = -1;
        return;
    }
    while ((e = readdir(d))) {
        FILE *f;
        unsigned long long a;
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "/proc/%d/task/%.20s/schedstat", (int)pid, e->d_name);
        if ((f = fopen(path, "r"))) {
            if (fscanf(f, "%llu", &a) == 1 && *run_ns >= 0)
                *run_ns += (long long)a;
            else
                *run_ns = -1;
            fclose(f);
        } else {
            *run_ns = -1;
        }
        snprintf(path, sizeof path, "/proc/%d/task/%.20s/status", (int)pid, e->d_name);
        if ((f = fopen(path, "r"))) {
            while (fgets(line, sizeof line, f))
                if (sscanf(line, "voluntary_ctxt_switches: %llu", &a) == 1 ||
                    sscanf(line, "nonvoluntary_ctxt_switches: %llu", &a) == 1)
                    *switches += (long long)a;
            fclose(f);
        }
    }
    closedir(d);
}

/* wait_exit: waits up to timeout_s for pid; its wait status, or -1 if it
 * is still running. */
static int wait_exit(pid_t pid, double timeout_s)
{
    int status;
    uint64_t end = bench_now_ns() + (uint64_t)(timeout_s * 1e9);
    do {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid)
            return status;
        if (r < 0)
            return -1;
        sleep_s(0.005);
    } while (bench_now_ns() < end);
    return -1;
}

static int bench_idle(void)
{
    char data[4300], fig[256];
    long long t0, t1, run0, run1, sw0, sw1;
    uint64_t w0, w1;
    pid_t pid;
    int status, ok = 0;
    long hz = sysconf(_SC_CLK_TCK);

    snprintf(data, sizeof data, "%s/idle-data", work);
    char *argv[] = {(char *)asamblea, "kiosk", "--meeting", meeting_path, "--data",
                    data, "--window", "1280x800", NULL};
    fprintf(stderr, "bench_kiosk: idle kiosk, %d s + %d s...\n", IDLE_WARMUP_S,
            IDLE_WINDOW_S);
    if ((pid = spawn(argv)) < 0)
        return -1;
    sleep_s(IDLE_WARMUP_S);
    if (waitpid(pid, &status, WNOHANG) == pid) {
        fprintf(stderr, "bench_kiosk: the kiosk exited during start-up (status %d)\n",
                WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        show_log();
        return -1;
    }
    t0 = cpu_ticks(pid);
    threads_stat(pid, &run0, &sw0);
    w0 = bench_now_ns();
    sleep_s(IDLE_WINDOW_S);
    t1 = cpu_ticks(pid);
    threads_stat(pid, &run1, &sw1);
    w1 = bench_now_ns();
    kill(pid, SIGTERM);
    status = wait_exit(pid, 10);
    if (status == -1) {
        fputs("bench_kiosk: the kiosk did not exit within 10 s of SIGTERM\n", stderr);
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        status = -1;
    }
    if (t0 < 0 || t1 < 0) {
        fputs("bench_kiosk: cannot read /proc/PID/stat of the kiosk\n", stderr);
        return -1;
    }
    double wall = (double)(w1 - w0) / 1e9;
    double pct = (double)(t1 - t0) / (double)hz / wall * 100.0;
    if (run0 >= 0 && run1 >= 0)
        snprintf(fig, sizeof fig, "%.2f%% of one core (utime+stime %lld ticks of "
                 "1/%ld s in %.1f s; run time %.1f ms, %lld context switches)",
                 pct, t1 - t0, hz, wall, (double)(run1 - run0) / 1e6, sw1 - sw0);
    else
        snprintf(fig, sizeof fig, "%.2f%% of one core (utime+stime %lld ticks of "
                 "1/%ld s in %.1f s)", pct, t1 - t0, hz, wall);
    /* Ticks are coarse: also hold the precise run time to the target. */
    ok = pct < IDLE_TARGET_PCT &&
         (run0 < 0 || run1 < 0 || (double)(run1 - run0) / 1e9 / wall * 100.0 < IDLE_TARGET_PCT);
    bench_row("idle kiosk 1280x800, no input, 10 s", fig, "< 1% of one core",
              ok ? BENCH_OK : BENCH_MISSED);
    if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "bench_kiosk: after SIGTERM the kiosk did not exit with "
                "status 0 (wait status %d)\n", status);
        show_log();
        return -1;
    }
    return 0;
}

/* ---- start-up ---- */

static int pidfd_for(pid_t pid)
{
#ifdef SYS_pidfd_open
    return (int)syscall(SYS_pidfd_open, pid, 0);
#else
    (void)pid;
    return -1;
#endif
}

/* run_once: one start; *to_shot_ms (if shots) and *to_exit_ms.  0 ok. */
static int run_once(const char *data, const char *shots, double *to_shot_ms,
                    double *to_exit_ms)
{
    char script[4300];
    int ino = -1, pfd = -1, status = 0, exited = 0, rc = -1;
    uint64_t t0, t_shot = 0, t_exit = 0;
    pid_t pid;

    snprintf(script, sizeof script, "%s/first.replay", work);
    char *argv_shots[] = {(char *)asamblea, "kiosk", "--meeting", meeting_path,
                          "--data", (char *)data, "--window", "1920x1080",
                          "--replay", script, "--shots", (char *)shots, NULL};
    char *argv_plain[] = {(char *)asamblea, "kiosk", "--meeting", meeting_path,
                          "--data", (char *)data, "--window", "1920x1080",
                          "--replay", script, NULL};
    if (shots) {
        if (mkdir(shots, 0755) != 0 && errno != EEXIST)
            return -1;
        ino = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
        if (ino < 0 || inotify_add_watch(ino, shots, IN_CLOSE_WRITE | IN_MOVED_TO) < 0) {
            fprintf(stderr, "bench_kiosk: inotify: %s\n", strerror(errno));
            goto out;
        }
    }
    t0 = bench_now_ns();
    pid = spawn(shots ? argv_shots : argv_plain);
    if (pid < 0)
        goto out;
    pfd = pidfd_for(pid);
    while (!exited) {
        struct pollfd pf[2];
        int np = 0, timeout = 1;
        if (pfd >= 0) {
            pf[np++] = (struct pollfd){pfd, POLLIN, 0};
            timeout = 30000;
        }
        if (ino >= 0 && !t_shot)
            pf[np++] = (struct pollfd){ino, POLLIN, 0};
        if (poll(pf, (nfds_t)np, timeout) < 0 && errno != EINTR)
            break;
        uint64_t now = bench_now_ns();
        if (ino >= 0 && !t_shot) {
            char ev[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
            ssize_t n = read(ino, ev, sizeof ev);
            for (ssize_t off = 0; n > 0 && off < n;) {
                const struct inotify_event *ie = (const struct inotify_event *)(ev + off);
                if (ie->len && !strcmp(ie->name, "first.png"))
                    t_shot = now;
                off += (ssize_t)(sizeof *ie + ie->len);
            }
        }
        if (waitpid(pid, &status, WNOHANG) == pid) {
            t_exit = now;
            exited = 1;
        } else if (now - t0 > 30000000000ULL) {
            fputs("bench_kiosk: the kiosk ran for 30 s on a one-line script\n", stderr);
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            goto out;
        }
    }
    if (!exited)
        goto out;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "bench_kiosk: the kiosk failed to start (wait status %d)\n",
                status);
        show_log();
        goto out;
    }
    if (shots && !t_shot) {
        fputs("bench_kiosk: the kiosk exited without writing first.png\n", stderr);
        show_log();
        goto out;
    }
    *to_exit_ms = (double)(t_exit - t0) / 1e6;
    if (shots)
        *to_shot_ms = (double)(t_shot - t0) / 1e6;
    rc = 0;
out:
    if (ino >= 0)
        close(ino);
    if (pfd >= 0)
        close(pfd);
    return rc;
}

static int bench_start(int runs)
{
    char script[4300], data[4300], shots[4300], fig[256];
    double *a_shot = calloc((size_t)runs, sizeof(double));
    double *a_exit = calloc((size_t)runs, sizeof(double));
    double *b_exit = calloc((size_t)runs, sizeof(double));
    double *c_exit = calloc((size_t)runs, sizeof(double));
    double unused;
    char warm[4300];
    int rc = -1;

    if (!a_shot || !a_exit || !b_exit || !c_exit)
        goto out;
    snprintf(script, sizeof script, "%s/first.replay", work);
    if (bench_write_file(script, "shot first\n", 11) != 0)
        goto out;
    snprintf(shots, sizeof shots, "%s/shots", work);
    snprintf(warm, sizeof warm, "%s/warm-data", work);
    fprintf(stderr, "bench_kiosk: start-up with %d proposals and %d people, %d runs "
            "x 3 ways...\n", NPROPS, NPEOPLE, runs);
    /* the restart case needs a data directory made by an earlier start */
    if (run_once(warm, NULL, &unused, &unused) != 0)
        goto out;
    for (int i = 0; i < runs; i++) {
        snprintf(data, sizeof data, "%s/start-a-%d", work, i);
        if (run_once(data, shots, &a_shot[i], &a_exit[i]) != 0)
            goto out;
        snprintf(data, sizeof data, "%s/start-b-%d", work, i);
        if (run_once(data, NULL, &unused, &b_exit[i]) != 0)
            goto out;
        if (run_once(warm, NULL, &unused, &c_exit[i]) != 0)
            goto out;
    }
    double m_shot = bench_pct(a_shot, (size_t)runs, 50);
    double m_a = bench_pct(a_exit, (size_t)runs, 50);
    double m_b = bench_pct(b_exit, (size_t)runs, 50);
    double m_c = bench_pct(c_exit, (size_t)runs, 50);
    snprintf(fig, sizeof fig, "median %.0f ms (min %.0f, max %.0f; %d runs)", m_shot,
             a_shot[0], a_shot[runs - 1], runs);
    bench_row("start to first frame: fork to first.png written (--shots, fresh data dir)",
              fig, "< 300 ms", m_shot < START_TARGET_MS ? BENCH_OK : BENCH_MISSED);
    snprintf(fig, sizeof fig, "median %.0f ms (min %.0f, max %.0f)", m_a,
             a_exit[0], a_exit[runs - 1]);
    bench_row("start: fork to exit, --shots, fresh data dir (incl. teardown)", fig,
              "< 300 ms", m_a < START_TARGET_MS ? BENCH_OK : BENCH_MISSED);
    snprintf(fig, sizeof fig, "median %.0f ms (min %.0f, max %.0f)", m_b,
             b_exit[0], b_exit[runs - 1]);
    bench_row("start: fork to exit, no --shots, fresh data dir (incl. teardown)", fig,
              "< 300 ms", m_b < START_TARGET_MS ? BENCH_OK : BENCH_MISSED);
    snprintf(fig, sizeof fig, "median %.0f ms (min %.0f, max %.0f)", m_c,
             c_exit[0], c_exit[runs - 1]);
    bench_row("start: fork to exit, no --shots, existing data dir (restart)", fig,
              "< 300 ms", m_c < START_TARGET_MS ? BENCH_OK : BENCH_MISSED);
    rc = 0;
out:
    free(a_shot);
    free(a_exit);
    free(b_exit);
    free(c_exit);
    return rc;
}

int main(int argc, char **argv)
{
    int runs = 11, rc = 1, idle;
    char *dir = NULL;

    if (argc < 4 || argc > 5 || (strcmp(argv[1], "idle") && strcmp(argv[1], "start"))) {
        fputs("usage: bench_kiosk idle|start ASAMBLEA SCRATCH_DIR [RUNS]\n", stderr);
        return 2;
    }
    idle = !strcmp(argv[1], "idle");
    asamblea = argv[2];
    if (argc == 5)
        runs = atoi(argv[4]);
    if (runs < 1 || runs > 1000) {
        fputs("bench_kiosk: RUNS must be 1..1000\n", stderr);
        return 2;
    }
    if (access(asamblea, X_OK) != 0) {
        fprintf(stderr, "bench_kiosk: %s: not an executable program\n", asamblea);
        return 2;
    }
    if (sodium_init() < 0)
        return 1;
    if (!(dir = bench_mkdtemp(argv[3], "kiosk")))
        return 1;
    work = dir;
    snprintf(log_path, sizeof log_path, "%s/kiosk.log", work);
    if (write_meeting() != 0)
        goto out;
    if ((idle ? bench_idle() : bench_start(runs)) != 0)
        goto out;
    rc = 0;
out:
    if (rc)
        fputs("bench_kiosk: failed\n", stderr);
    bench_rmtree(dir);
    free(dir);
    return rc;
}
