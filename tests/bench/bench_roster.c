/* bench_roster.c: preparing a meeting's credentials, measured on the real
 * program from outside (issue 5).
 *
 * import: writes a realistic 10,000-row membership list, as a spreadsheet
 *   saves it as "CSV UTF-8": a byte-order mark, CRLF line ends, the
 *   names in a "Full Name" column, quoted cells with commas, doubled
 *   quotes and line breaks, eight columns more than a roster needs,
 *   accented names, names shared by several people and a few empty rows.
 *   RUNS times, each from scratch: `asamblea roster import MEMBERS -o OUT
 *   --name-column "Full Name" --role-column Role --facilitator-value
 *   Facilitator` (timed, fork to exit), then `asamblea roster issue OUT`
 *   (timed: every row gets a new token, atomic rewrite with fsyncs).
 *   After each, OUT is read back with roster_load and must hold every
 *   person (and after issue, a token for each).
 * badges: a 2,000-person roster (tokens from token_new), then RUNS times
 *   `asamblea badges ROSTER -o badges.pdf --title ...` (letter, the
 *   default), fork to exit; the file must be a complete PDF.
 *
 * Medians of the wall-clock times are reported with the minimum and
 * maximum, and the child's CPU time (user + system, from wait4).
 *
 * usage: bench_roster import|badges ASAMBLEA SCRATCH_DIR ROWS RUNS
 * Prints table rows; exit 0, or 1 if a command failed or its output was
 * wrong. */
#define _GNU_SOURCE /* wait4 */
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "bench_util.h"
#include "roster.h"
#include "token.h"

#define IMPORT_TARGET_S 1.0
#define BADGES_TARGET_S 5.0
#define MAX_RUNS 50

static const char *asamblea;
static char log_path[4200];

static const char *const firsts[] = {
    "José", "María", "Ramón", "Inés", "Jesús", "Lucía", "Óscar", "Begoña",
    "Nuria", "Iñaki", "Zoë", "François", "Chloé", "Søren", "Dmitri", "Aoife",
    "Mohammed", "Nguyễn Văn", "Ana Belén", "Juan Carlos"};
static const char *const lasts[] = {
    "Ramírez", "Muñoz", "Peña", "Gómez de la Torre", "Núñez", "Ibáñez",
    "O'Connor", "Dubois-Lefèvre", "Álvarez", "Castaño", "Schröder", "Łukasz",
    "Smith", "García López", "Fernández", "Díaz", "Mbeki", "Kowalczyk",
    "Pérez", "Suárez"};

/* run_cmd: runs argv (output to log_path), returns its exit status (-1 if
 * it did not exit normally); wall and CPU seconds in *wall and *cpu. */
static int run_cmd(char *const argv[], double *wall, double *cpu)
{
    struct rusage ru;
    int status = 0;
    uint64_t t0 = bench_now_ns();
    pid_t pid = fork();

    if (pid < 0) {
        perror("bench_roster: fork");
        return -1;
    }
    if (pid == 0) {
        int fd = open(log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
        }
        execv(argv[0], argv);
        _exit(127);
    }
    if (wait4(pid, &status, 0, &ru) != pid)
        return -1;
    *wall = (double)(bench_now_ns() - t0) / 1e9;
    *cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void show_log(const char *what)
{
    char line[512];
    FILE *f = fopen(log_path, "r");
    fprintf(stderr, "bench_roster: %s failed; it said:\n", what);
    if (!f)
        return;
    for (int i = 0; i < 20 && fgets(line, sizeof line, f); i++)
        fprintf(stderr, "  %s", line);
    fclose(f);
}

/* check_roster: path must load with rows rows, facs facilitators, and
 * (if tokens) a token on every row, or (if not) none. */
static int check_roster(const char *path, int rows, int facs, int tokens)
{
    roster *r = NULL;
    diag_list d;
    int ok = 0, with = 0;

    diag_init(&d);
    if (roster_load(path, &r, &d) != AS_OK) {
        for (int i = 0; i < d.n && i < 5; i++)
            fprintf(stderr, "bench_roster: %s\n", d.lines[i]);
        goto out;
    }
    for (int i = 0; i < roster_count(r); i++)
        with += roster_get(r, i)->token[0] != '\0';
    ok = roster_count(r) == rows && roster_facilitators(r) == facs &&
         with == (tokens ? rows : 0);
    if (!ok)
        fprintf(stderr, "bench_roster: %s has %d rows, %d facilitators, %d "
                "tokens; expected %d, %d, %d\n", path, roster_count(r),
                roster_facilitators(r), with, rows, facs, tokens ? rows : 0);
out:
    roster_free(r);
    diag_free(&d);
    return ok;
}

static FILE *create(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        perror(path);
    return f;
}

/* write_members: the membership list; returns the number of
 * facilitators, or -1. */
static int write_members(const char *path, int rows)
{
    static const char *const roles[] = {"Member", "Member", "Member", "Board",
                                        "Member", "Youth", "Member", "Member"};
    FILE *f = create(path);
    int facs = 0;

    if (!f)
        return -1;
    fputs("\xEF\xBB\xBF" "Member No.,Full Name,Role,E-mail,Phone,Street Address,"
          "Joined,Dues paid,Household,Notes\r\n", f);
    for (int i = 0; i < rows; i++) {
        /* 8,000 different names for 10,000 people: some are shared */
        const char *fi = firsts[i % 20], *l1 = lasts[(i / 20) % 20],
                   *l2 = lasts[(i / 400) % 20];
        int fac = i % 500 == 7;
        const char *notes;

        facs += fac;
        switch (i % 10) {
        case 0: notes = "\"Prefers Spanish, needs child care\""; break;
        case 3: notes = "\"Volunteers at the \"\"Winter coat drive\"\"\""; break;
        case 6: notes = "\"Moved in 2021;\r\nnew address pending\""; break;
        default: notes = ""; break;
        }
        fprintf(f, "%05d,\"%s %s, %s\",%s,%s.%d@example.org,555-%04d,"
                "\"%d W %dth St, Apt %d\",2019-%02d-%02d,%s,%d,%s\r\n",
                i + 1, l1, l2, fi, fac ? "Facilitator" : roles[i % 8],
                "member", i + 1, i % 10000, 100 + i % 900, 10 + i % 20,
                1 + i % 12, 1 + i % 12, 1 + i % 28, i % 4 ? "yes" : "no",
                1 + i % 5, notes);
        if (i % 2000 == 1999)
            fputs(",,,,,,,,,\r\n", f); /* an empty row, as spreadsheets save them */
    }
    if (fclose(f) != 0) {
        perror(path);
        return -1;
    }
    return facs;
}

static int bench_import(const char *work, int rows, int runs)
{
    char members[4200], out[4200], fig[256], fs[32], name[96];
    char *import_argv[] = {(char *)asamblea, "roster", "import", members, "-o",
                           out, "--name-column", "Full Name", "--role-column",
                           "Role", "--facilitator-value", "Facilitator", NULL};
    char *issue_argv[] = {(char *)asamblea, "roster", "issue", out, NULL};
    double iw[MAX_RUNS], ic[MAX_RUNS], sw[MAX_RUNS], scpu[MAX_RUNS], unused;
    struct stat sb;
    int facs;

    snprintf(members, sizeof members, "%s/members.csv", work);
    snprintf(out, sizeof out, "%s/roster.csv", work);
    if ((facs = write_members(members, rows)) < 0)
        return 1;
    /* untimed: puts the program and the list in the page cache */
    unlink(out);
    if (run_cmd(import_argv, &unused, &unused) != 0) {
        show_log("roster import");
        return 1;
    }
    for (int r = 0; r < runs; r++) {
        unlink(out);
        if (run_cmd(import_argv, &iw[r], &ic[r]) != 0) {
            show_log("roster import");
            return 1;
        }
        if (!check_roster(out, rows, facs, 0))
            return 1;
        if (run_cmd(issue_argv, &sw[r], &scpu[r]) != 0) {
            show_log("roster issue");
            return 1;
        }
        if (!check_roster(out, rows, facs, 1))
            return 1;
    }
    stat(members, &sb);
    bench_fs_name(work, fs, sizeof fs);
    {
        double med = bench_pct(iw, (size_t)runs, 50);
        snprintf(fig, sizeof fig, "median %.3f s (min %.3f, max %.3f; CPU %.3f s; "
                 "%d rows, %.1f MB, %d runs)", med, bench_pct(iw, (size_t)runs, 1),
                 bench_pct(iw, (size_t)runs, 100), bench_pct(ic, (size_t)runs, 50),
                 rows, (double)sb.st_size / 1e6, runs);
        snprintf(name, sizeof name, "roster import: a %d-row membership list "
                 "(fork to exit)", rows);
        bench_row(name, fig,
                  "< 1 s", med < IMPORT_TARGET_S ? BENCH_OK : BENCH_MISSED);
    }
    snprintf(fig, sizeof fig, "median %.3f s (min %.3f, max %.3f; CPU %.3f s; "
             "%d new tokens, atomic rewrite on %s)", bench_pct(sw, (size_t)runs, 50),
             bench_pct(sw, (size_t)runs, 1), bench_pct(sw, (size_t)runs, 100),
             bench_pct(scpu, (size_t)runs, 50), rows, fs);
    snprintf(name, sizeof name, "roster issue: tokens for the %d imported rows", rows);
    bench_row(name, fig, "report",
              BENCH_INFO);
    return 0;
}

/* pdf_ok: the file starts as a PDF and ends with its trailer. */
static int pdf_ok(const char *path, long *size)
{
    char head[8] = {0}, tail[64] = {0};
    FILE *f = fopen(path, "rb");
    int ok = 0;

    if (!f)
        return 0;
    if (fread(head, 1, 5, f) == 5 && fseek(f, -32, SEEK_END) == 0 &&
        fread(tail, 1, 32, f) > 0) {
        ok = memcmp(head, "%PDF-", 5) == 0 && strstr(tail, "%%EOF") != NULL;
        fseek(f, 0, SEEK_END);
        *size = ftell(f);
    }
    fclose(f);
    return ok;
}

static int bench_badges(const char *work, int people, int runs)
{
    char rpath[4200], pdf[4200], fig[256], name[96], tok[TOKEN_TEXT_SIZE];
    char *argv[] = {(char *)asamblea, "badges", rpath, "-o", pdf, "--title",
                    "Asamblea del barrio de San José, diciembre 2026", NULL};
    double w[MAX_RUNS], c[MAX_RUNS], unused;
    long size = 0;
    FILE *f;

    snprintf(rpath, sizeof rpath, "%s/badge-roster.csv", work);
    snprintf(pdf, sizeof pdf, "%s/badges.pdf", work);
    if (!(f = create(rpath)))
        return 1;
    fputs("name,role,token\n", f);
    for (int i = 0; i < people; i++) {
        token_new(tok);
        fprintf(f, "\"%s %s %s\",%s,%s\n", firsts[i % 20], lasts[(i / 20) % 20],
                lasts[(i * 7) % 20], i < 10 ? "facilitator" : "attendee", tok);
    }
    sodium_memzero(tok, sizeof tok);
    if (fclose(f) != 0)
        return 1;
    if (run_cmd(argv, &unused, &unused) != 0) { /* untimed warm-up */
        show_log("badges");
        return 1;
    }
    for (int r = 0; r < runs; r++) {
        unlink(pdf);
        if (run_cmd(argv, &w[r], &c[r]) != 0) {
            show_log("badges");
            return 1;
        }
        if (!pdf_ok(pdf, &size)) {
            fprintf(stderr, "bench_roster: %s is not a complete PDF\n", pdf);
            return 1;
        }
    }
    {
        double med = bench_pct(w, (size_t)runs, 50);
        snprintf(fig, sizeof fig, "median %.2f s (min %.2f, max %.2f; CPU %.2f s; "
                 "letter, %d badges, PDF %.1f MB; %d runs)", med,
                 bench_pct(w, (size_t)runs, 1), bench_pct(w, (size_t)runs, 100),
                 bench_pct(c, (size_t)runs, 50), people, (double)size / 1e6, runs);
        snprintf(name, sizeof name, "badges: PDF for %d people (fork to exit)", people);
        bench_row(name, fig, "< 5 s",
                  med < BADGES_TARGET_S ? BENCH_OK : BENCH_MISSED);
    }
    return 0;
}

int main(int argc, char **argv)
{
    char *work;
    int rows, runs, rc;

    if (argc != 6 || (strcmp(argv[1], "import") && strcmp(argv[1], "badges"))) {
        fputs("usage: bench_roster import|badges ASAMBLEA SCRATCH_DIR ROWS RUNS\n",
              stderr);
        return 2;
    }
    asamblea = argv[2];
    rows = atoi(argv[4]);
    runs = atoi(argv[5]);
    if (rows < 1 || rows > 1000000 || runs < 1 || runs > MAX_RUNS) {
        fprintf(stderr, "bench_roster: ROWS must be 1..1000000, RUNS 1..%d\n",
                MAX_RUNS);
        return 2;
    }
    if (sodium_init() < 0 || !(work = bench_mkdtemp(argv[3], argv[1])))
        return 1;
    snprintf(log_path, sizeof log_path, "%s/asamblea.log", work);
    rc = strcmp(argv[1], "import") == 0 ? bench_import(work, rows, runs)
                                        : bench_badges(work, rows, runs);
    bench_rmtree(work);
    free(work);
    return rc;
}
