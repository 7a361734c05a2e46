/* bench_tally.c: `asamblea tally` on a generated election of 1,000,000
 * ranked ballots and 10 candidates (issue 3), measured on the real
 * program from outside (fork to exit, wait4 for CPU time and peak RSS).
 *
 * The .blt file is generated from a fixed seed with a realistic shape:
 * candidates of unequal popularity in three loose slates, voters who
 * mostly rank within their first choice's slate, and ballots of every
 * length (many rank one or two, few rank all ten).  One ballot per line,
 * weight 1, as a scanner's export would write them.
 *
 * Then RUNS times each: `--parse-only` (read and check the file, build
 * the ballot set, no count: the floor under the count), IRV, and 3-seat
 * Scottish STV (`--method stv --seats 3`).  Medians with min and max;
 * peak RSS of the child against the file's size.  The program's own
 * baseline (its code and shared libraries: SDL, cairo, fontconfig...,
 * resident whatever the input) is measured on a 3-ballot file and shown;
 * the verdict is on the raw peak (baseline included), and the memory
 * above the baseline, the part that grows with the input, is printed
 * next to it.
 *
 * The same again on a worst-case file of as many ballots that do not
 * merge: each a full random ranking of all ten candidates (write_unique_blt),
 * so the ballot set holds about as many records as the file has lines.
 *
 * usage: bench_tally ASAMBLEA SCRATCH_DIR BALLOTS RUNS
 * Prints table rows; exit 0, or 1 if a run failed or printed no winner. */
#define _GNU_SOURCE /* wait4 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "bench_util.h"

#define NCAND 10
#define IRV_TARGET_S 1.0
#define STV_TARGET_S 3.0
#define MAX_RUNS 25

static uint64_t rng_state = 20260303; /* fixed: every run, the same file */

static uint64_t rng(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* pick: an index drawn with the given integer weights. */
static int pick(const unsigned *w, int n, const unsigned char *used)
{
    unsigned total = 0;
    for (int i = 0; i < n; i++)
        total += used[i] ? 0 : w[i];
    if (!total)
        return -1;
    unsigned x = (unsigned)(rng() % total);
    for (int i = 0; i < n; i++) {
        if (used[i])
            continue;
        if (x < w[i])
            return i;
        x -= w[i];
    }
    return -1;
}

static int write_blt(const char *path, long ballots)
{
    /* popularity (first preferences) and slates */
    static const unsigned pop[NCAND] = {220, 190, 160, 120, 90, 70, 60, 45, 30, 15};
    static const int slate[NCAND] = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0};
    /* how many ranks a ballot fills: 1..10 */
    static const unsigned len_w[NCAND] = {300, 220, 160, 110, 70, 50, 35, 25, 15, 15};
    FILE *f = fopen(path, "w");
    if (!f) {
        perror("bench_tally: writing the ballots");
        return -1;
    }
    setvbuf(f, NULL, _IOFBF, 1 << 20);
    fprintf(f, "%d 1\n", NCAND);
    for (long i = 0; i < ballots; i++) {
        unsigned char used[NCAND] = {0};
        unsigned char none[NCAND] = {0};
        int len = pick(len_w, NCAND, none) + 1;
        int first = pick(pop, NCAND, used);
        fputs("1", f);
        for (int r = 0, c = first; r < len && c >= 0; r++) {
            fprintf(f, " %d", c + 1);
            used[c] = 1;
            /* next: same slate four times as likely, then popularity */
            unsigned w[NCAND];
            for (int k = 0; k < NCAND; k++)
                w[k] = pop[k] * (slate[k] == slate[first] ? 4u : 1u);
            c = pick(w, NCAND, used);
        }
        fputs(" 0\n", f);
    }
    fputs("0\n", f);
    for (int c = 0; c < NCAND; c++)
        fprintf(f, "\"Candidate %c\"\n", 'A' + c);
    fputs("\"Generated election (bench_tally)\"\n", f);
    if (fclose(f) != 0) {
        perror("bench_tally: writing the ballots");
        return -1;
    }
    return 0;
}

/* run: one `asamblea tally` child; wall and CPU seconds, peak RSS in KiB.
 * Its stdout goes to out_path.  Returns the exit status or -1. */
static int run(char *const argv[], const char *out_path, double *wall, double *cpu,
               long *rss_kb)
{
    struct rusage ru;
    int status = 0;
    uint64_t t0 = bench_now_ns();
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd >= 0)
            dup2(fd, 1);
        execv(argv[0], argv);
        _exit(127);
    }
    if (wait4(pid, &status, 0, &ru) != pid)
        return -1;
    *wall = (double)(bench_now_ns() - t0) / 1e9;
    *cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    *rss_kb = ru.ru_maxrss;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int contains(const char *path, const char *what)
{
    char buf[1 << 16];
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f)
        fclose(f);
    buf[n] = '\0';
    return strstr(buf, what) != NULL;
}

/* write_unique_blt: the worst case for the readers' merging: every
 * ballot a full ranking of all NCAND candidates in a uniformly random
 * order (Fisher-Yates), so of 10! = 3,628,800 orders a million ballots
 * repeat only about one in eight and almost nothing merges. */
static int write_unique_blt(const char *path, long ballots)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror("bench_tally: writing the ballots");
        return -1;
    }
    setvbuf(f, NULL, _IOFBF, 1 << 20);
    fprintf(f, "%d 3\n", NCAND);
    for (long i = 0; i < ballots; i++) {
        int order[NCAND];
        for (int k = 0; k < NCAND; k++)
            order[k] = k + 1;
        for (int k = NCAND - 1; k > 0; k--) {
            int j = (int)(rng() % (uint64_t)(k + 1));
            int t = order[k];
            order[k] = order[j];
            order[j] = t;
        }
        fputs("1", f);
        for (int k = 0; k < NCAND; k++)
            fprintf(f, " %d", order[k]);
        fputs(" 0\n", f);
    }
    fputs("0\n", f);
    for (int c = 0; c < NCAND; c++)
        fprintf(f, "\"Candidate %c\"\n", 'A' + c);
    fputs("\"Generated election, every ballot a full random ranking (bench_tally)\"\n", f);
    if (fclose(f) != 0) {
        perror("bench_tally: writing the ballots");
        return -1;
    }
    return 0;
}

/* records_of: the "N records" figure --parse-only printed, or -1. */
static long records_of(const char *path)
{
    char buf[4096];
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f)
        fclose(f);
    buf[n] = '\0';
    const char *p = strstr(buf, " ballots in ");
    return p ? atol(p + strlen(" ballots in ")) : -1;
}

/* bench_file: parse only, IRV and 3-seat Scottish STV on blt, RUNS times
 * each, interleaved so drift in the machine's load touches all three;
 * prints the four rows labelled with what.  0, or 1 if a run failed. */
static int bench_file(const char *asamblea, const char *blt, const char *out,
                      const char *what_file, long ballots, int runs, long base_kb)
{
    enum { PARSE, IRV, STV, NKIND };
    static const char *const what[NKIND] = {"parse only", "IRV", "3-seat Scottish STV"};
    char *args[NKIND][8] = {
        {(char *)asamblea, "tally", (char *)blt, "--parse-only", NULL},
        {(char *)asamblea, "tally", (char *)blt, "--method", "irv", NULL},
        {(char *)asamblea, "tally", (char *)blt, "--method", "stv", "--seats", "3", NULL}};
    double wall[NKIND][MAX_RUNS], cpu[NKIND][MAX_RUNS];
    long rss[NKIND] = {0}, records = -1;
    struct stat sb;
    if (stat(blt, &sb) != 0)
        return 1;
    double mb = (double)sb.st_size / 1048576.0;

    for (int i = 0; i < runs; i++) {
        for (int k = 0; k < NKIND; k++) {
            long kb = 0;
            int rc = run(args[k], out, &wall[k][i], &cpu[k][i], &kb);
            if (rc != 0 || (k != PARSE && !contains(out, k == IRV ? "Winner: " : "Winners: "))) {
                fprintf(stderr, "bench_tally: %s, %s failed (exit %d)\n", what_file,
                        what[k], rc);
                return 1;
            }
            if (k == PARSE)
                records = records_of(out);
            if (kb > rss[k])
                rss[k] = kb;
        }
    }
    char name[300], fig[500];
    for (int k = 0; k < NKIND; k++) {
        double c[MAX_RUNS];
        memcpy(c, cpu[k], sizeof c);
        double med = bench_pct(wall[k], (size_t)runs, 50);
        double mn = bench_pct(wall[k], (size_t)runs, 0.0001);
        double mx = bench_pct(wall[k], (size_t)runs, 100);
        double mc = bench_pct(c, (size_t)runs, 50);
        snprintf(name, sizeof name, "tally%s: %s, %ld ballots x %d candidates (%.1f MB .blt)",
                 what_file, what[k], ballots, NCAND, mb);
        if (k == PARSE)
            snprintf(fig, sizeof fig, "median %.3f s (min %.3f, max %.3f; CPU %.3f s; "
                     "%d runs; %ld distinct records)", med, mn, mx, mc, runs, records);
        else
            snprintf(fig, sizeof fig, "median %.3f s (min %.3f, max %.3f; CPU %.3f s; "
                     "%d runs)", med, mn, mx, mc, runs);
        if (k == PARSE)
            bench_row(name, fig, "report", BENCH_INFO);
        else
            bench_row(name, fig, k == IRV ? "< 1 s" : "< 3 s",
                      med < (k == IRV ? IRV_TARGET_S : STV_TARGET_S) ? BENCH_OK
                                                                     : BENCH_MISSED);
    }
    long worst = rss[IRV] > rss[STV] ? rss[IRV] : rss[STV];
    if (rss[PARSE] > worst)
        worst = rss[PARSE];
    double raw = (double)worst * 1024.0 / (double)sb.st_size;
    double above = (double)(worst - base_kb) * 1024.0 / (double)sb.st_size;
    snprintf(fig, sizeof fig, "raw %.2fx the %.1f MB file (peak RSS %.1f MB parse, %.1f MB "
             "IRV, %.1f MB STV); %.2fx above the program's %.1f MB baseline",
             raw, mb, (double)rss[PARSE] / 1024.0, (double)rss[IRV] / 1024.0,
             (double)rss[STV] / 1024.0, above, (double)base_kb / 1024.0);
    snprintf(name, sizeof name, "tally%s: memory (raw peak RSS of the child) vs input file",
             what_file);
    bench_row(name, fig, "< 2x", raw < 2.0 ? BENCH_OK : BENCH_MISSED);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fputs("usage: bench_tally ASAMBLEA SCRATCH_DIR BALLOTS RUNS\n", stderr);
        return 2;
    }
    const char *asamblea = argv[1];
    long ballots = atol(argv[3]);
    int runs = atoi(argv[4]);
    if (ballots < 1 || runs < 1 || runs > MAX_RUNS) {
        fputs("bench_tally: BALLOTS >= 1, RUNS 1..25\n", stderr);
        return 2;
    }
    char *dir = bench_mkdtemp(argv[2], "tally");
    if (!dir)
        return 1;
    char blt[4200], uniq[4200], out[4200], tiny[4200];
    int failed = 1;
    snprintf(blt, sizeof blt, "%s/ballots.blt", dir);
    snprintf(uniq, sizeof uniq, "%s/unique.blt", dir);
    snprintf(out, sizeof out, "%s/out.txt", dir);
    snprintf(tiny, sizeof tiny, "%s/tiny.blt", dir);
    if (write_blt(blt, ballots) != 0 || write_unique_blt(uniq, ballots) != 0)
        goto done;

    /* the program's baseline: a 3-ballot file, parsed */
    long base_kb = 0;
    static const char tiny_blt[] = "2 1\n1 1 0\n1 2 0\n1 1 2 0\n0\n\"A\"\n\"B\"\n";
    if (bench_write_file(tiny, tiny_blt, sizeof tiny_blt - 1) != 0)
        goto done;
    {
        char *targs[] = {(char *)asamblea, "tally", tiny, "--parse-only", NULL};
        double w, c;
        for (int i = 0; i < 3; i++) {
            long kb = 0;
            if (run(targs, out, &w, &c, &kb) != 0) {
                fputs("bench_tally: the 3-ballot baseline run failed\n", stderr);
                goto done;
            }
            if (kb > base_kb)
                base_kb = kb;
        }
    }
    failed = bench_file(asamblea, blt, out, "", ballots, runs, base_kb);
    if (!failed)
        failed = bench_file(asamblea, uniq, out, " worst case (no two ballots alike)",
                            ballots, runs, base_kb);
done:
    bench_rmtree(dir);
    free(dir);
    return failed;
}
