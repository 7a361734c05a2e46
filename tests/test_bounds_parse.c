/* test_bounds_parse.c: hostile meeting files, rosters and names, as an
 * outside audit (issue 15) built them: each must be refused or handled
 * within 256 MB of peak memory and 10 s, with a message that names the
 * file, the line and column, and what to do.
 *
 * The inputs are generated here into a temporary folder.  Memory and
 * time are measured on a child process (the real `asamblea`, or a fork
 * that calls the parser) with wait4's rusage.  The build under test has
 * AddressSanitizer, whose own overhead is included in the figures: the
 * blow-ups these cases once caused were gigabytes, far past the limit.
 * Under qemu (the arm64 build, CMAKE_CROSSCOMPILING) everything runs
 * 10-30 times slower and qemu's own memory is counted too, so the limits
 * are widened there (AS_EMULATED); the layout case counts measurements
 * instead of timing them, so it holds everywhere. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "../src/ui/ui_internal.h"
#include "check.h"
#include "diag.h"
#include "meeting.h"
#include "test_file_util.h"

#ifdef AS_EMULATED
#define LIMIT_KB (512L * 1024) /* qemu's own code cache and heap count too */
#define LIMIT_S 300.0
#else
#define LIMIT_KB (256L * 1024)
#define LIMIT_S 10.0
#endif

static char tmpdir[64];
static char err[1 << 16], out[1 << 16];

typedef struct {
    int status;   /* exit status, or -1 after a signal */
    long peak_kb; /* peak resident memory of the child */
    double secs;
} run_info;

static void read_into(const char *path, char *buf, size_t size)
{
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(buf, 1, size - 1, f) : 0;
    buf[n] = '\0';
    if (f)
        fclose(f);
}

/* finish: waits for pid and fills the figures. */
static run_info finish(pid_t pid, struct timespec t0)
{
    run_info ri = {-1, 0, 0};
    struct rusage ru;
    struct timespec t1;
    int status = 0;
    while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR)
        ;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    ri.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    ri.peak_kb = ru.ru_maxrss;
    ri.secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    return ri;
}

/* run: asamblea with up to three arguments; stdout and stderr into out
 * and err. */
static run_info run(const char *a1, const char *a2, const char *a3)
{
    char op[128], ep[128];
    struct timespec t0;
    snprintf(op, sizeof op, "%s/stdout", tmpdir);
    snprintf(ep, sizeof ep, "%s/stderr", tmpdir);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid == 0) {
        int o = open(op, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int e = open(ep, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(o, 1);
        dup2(e, 2);
        execl(AS_BINARY, "asamblea", a1, a2, a3, (char *)NULL);
        _exit(127);
    }
    run_info ri = finish(pid, t0);
    read_into(op, out, sizeof out);
    read_into(ep, err, sizeof err);
    return ri;
}

/* WITHIN: the figures of one run against the limits, printed so the log
 * shows how far below them each case stays. */
#define WITHIN(what, ri)                                                    \
    do {                                                                    \
        printf("%-44s %7ld KB peak %6.2f s exit %d\n", what, (ri).peak_kb,  \
               (ri).secs, (ri).status);                                     \
        CHECK_MSG((ri).peak_kb <= LIMIT_KB, "%s: %ld KB", what, (ri).peak_kb); \
        CHECK_MSG((ri).secs <= LIMIT_S, "%s: %.2f s", what, (ri).secs);     \
        CHECK_MSG((ri).status >= 0, "%s crashed", what);                    \
    } while (0)

/* located: err starts "<path>:L:C: ..." with L, C >= 1, mentions
 * want, and has no raw control byte; line and col (if not NULL) get L, C. */
static int located(const char *path, const char *want, int *line, int *col)
{
    size_t n = strlen(path);
    int l = 0, c = 0, k = 0;
    if (strncmp(err, path, n) || sscanf(err + n, ":%d:%d: %n", &l, &c, &k) != 2 ||
        k == 0 || l < 1 || c < 1)
        return 0;
    if (!strstr(err, want))
        return 0;
    for (const char *p = err; *p; p++)
        if ((unsigned char)*p < 0x20 && *p != '\n')
            return 0;
    if (line)
        *line = l;
    if (col)
        *col = c;
    return 1;
}

static FILE *create(const char *name, char *path, size_t size)
{
    snprintf(path, size, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    return f;
}

/* meeting_head: the meeting: section, naming roster.csv (which
 * write_roster makes). */
static void meeting_head(FILE *f)
{
    fputs("meeting:\n  title: Hostile files\n  date: 2026-12-05\n"
          "  roster: roster.csv\n", f);
}

static void write_roster(void)
{
    char path[128];
    FILE *f = create("roster.csv", path, sizeof path);
    fputs("name,role,token\nAna,facilitator,\n", f);
    fclose(f);
}

/* 1. Aliases: one 2 MB text, used 1,000 times (2.1 MB of file). */
static void test_alias_bomb(void)
{
    char path[128];
    FILE *f = create("alias.yaml", path, sizeof path);
    meeting_head(f);
    fputs("  export_dir: &big \"", f);
    for (int i = 0; i < 2000000; i++)
        fputc('a' + i % 26, f);
    fputs("\"\nproposals:\n", f);
    for (int i = 0; i < 1000; i++)
        fprintf(f, "  - {id: p%d, title: t, text: *big}\n", i);
    fclose(f);
    run_info ri = run("check", path, NULL);
    WITHIN("check: 1,000 aliases of a 2 MB text", ri);
    CHECK_INT(ri.status, 2);
    int line = 0, col = 0;
    CHECK_MSG(located(path, "alias", &line, &col), "%.300s", err);
    /* 8 aliases of 2 MB pass 16 MB: the 8th proposal, line 6 + 8. */
    CHECK_INT(line, 6 + 8);
    CHECK_INT(col, (int)strlen("  - {id: p7, title: t, text: ") + 1);

    /* The same bytes reach `verify` and `tally` through
     * meeting_from_memory: measured in a fork that calls it. */
    size_t len;
    char *yaml = tf_slurp(path, &len);
    CHECK(yaml != NULL);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid == 0) {
        diag_list d;
        meeting *m = NULL;
        diag_init(&d);
        as_status st = meeting_from_memory("meeting.yaml", yaml, len,
                                           "name,role,token\n", &m, &d);
        _exit(st == AS_EINVAL && diag_count(&d) == 1 ? 3 : 4);
    }
    ri = finish(pid, t0);
    WITHIN("meeting_from_memory: the same file", ri);
    CHECK_INT(ri.status, 3);
    free(yaml);

    /* Too many anchors: refused at the first one past the cap. */
    f = create("anchors.yaml", path, sizeof path);
    meeting_head(f);
    fputs("proposals: [", f);
    int at = (int)strlen("proposals: ["), want_col = 0;
    for (int i = 0; i <= MEETING_MAX_ANCHORS; i++) {
        if (i == MEETING_MAX_ANCHORS)
            want_col = at + 3; /* the & after ", ", 1-based */
        at += fprintf(f, "%s&a%d x", i ? ", " : "", i);
    }
    fputs("]\n", f);
    fclose(f);
    ri = run("check", path, NULL);
    CHECK_INT(ri.status, 2);
    CHECK_MSG(located(path, "anchors", &line, &col), "%.300s", err);
    CHECK_INT(line, 5);
    CHECK_INT(col, want_col);

    /* An alias inside what it stands for. */
    f = create("loop.yaml", path, sizeof path);
    meeting_head(f);
    fputs("proposals: &l [*l]\n", f);
    fclose(f);
    ri = run("check", path, NULL);
    CHECK_INT(ri.status, 2);
    CHECK_MSG(located(path, "inside", &line, &col), "%.300s", err);
    CHECK_INT(line, 5);
    CHECK_INT(col, 16);
}

/* 2. Nesting: 100,000 [ (200 KB), and as many block levels. */
static void test_nesting(void)
{
    char path[128];
    FILE *f = create("nest.yaml", path, sizeof path);
    meeting_head(f);
    fputs("proposals: ", f);
    for (int i = 0; i < 100000; i++)
        fputc('[', f);
    fclose(f);
    run_info ri = run("check", path, NULL);
    WITHIN("check: 100,000 nested [", ri);
    CHECK_INT(ri.status, 2);
    int line = 0, col = 0;
    CHECK_MSG(located(path, "nested more than", &line, &col), "%.300s", err);
    /* The root mapping is level 1, so the bracket that makes level
     * MEETING_MAX_DEPTH + 1 is the MEETING_MAX_DEPTH-th. */
    CHECK_INT(line, 5);
    CHECK_INT(col, (int)strlen("proposals: ") + MEETING_MAX_DEPTH);

    f = create("nest-block.yaml", path, sizeof path);
    meeting_head(f);
    fputs("proposals:\n", f);
    for (int i = 0; i < 100000; i++)
        fputs("- ", f);
    fputs("x\n", f);
    fclose(f);
    ri = run("check", path, NULL);
    WITHIN("check: 100,000 nested '- '", ri);
    CHECK_INT(ri.status, 2);
    CHECK_MSG(located(path, "nested more than", &line, NULL), "%.300s", err);
    CHECK_INT(line, 6);
}

/* 3. Proposals: the cap, and 100,000 of them. */
static void test_proposals(void)
{
    char path[128];
    FILE *f = create("cap.yaml", path, sizeof path);
    meeting_head(f);
    fputs("proposals:\n", f);
    for (int i = 0; i < MEETING_MAX_PROPOSALS; i++)
        fprintf(f, "  - {id: p%d, title: t, text: x}\n", i);
    fclose(f);
    run_info ri = run("check", path, NULL);
    CHECK_INT(ri.status, 0); /* exactly the cap is fine */

    f = fopen(path, "ab");
    fputs("  - {id: one-more, title: t, text: x}\n", f);
    fclose(f);
    ri = run("check", path, NULL);
    CHECK_INT(ri.status, 2);
    int line = 0;
    CHECK_MSG(located(path, "at most", &line, NULL), "%.300s", err);
    CHECK_INT(line, 6 + MEETING_MAX_PROPOSALS);

    f = create("many.yaml", path, sizeof path);
    meeting_head(f);
    fputs("proposals:\n", f);
    for (int i = 0; i < 100000; i++)
        fprintf(f, "  - {id: p%d, title: t, text: x}\n", i);
    fclose(f);
    ri = run("check", path, NULL);
    WITHIN("check: 100,000 proposals", ri);
    CHECK_INT(ri.status, 2);
    CHECK_MSG(located(path, "right file", NULL, NULL), "%.300s", err);

    /* Just under the caps, the costliest shapes for libyaml's tree and
     * for the messages: as many values as allowed, each a 70-byte text,
     * in one list, and as unknown keys (one message each). */
    static const char *const shapes[] = {"check: 100,000 values in one list",
                                         "check: 50,000 unknown keys"};
    for (int k = 0; k < 2; k++) {
        f = create("values.yaml", path, sizeof path);
        meeting_head(f);
        int n = MEETING_MAX_NODES - 20;
        if (k == 1)
            for (int i = 0; i < n / 2; i++)
                fprintf(f, "  k%d: %070d\n", i, i);
        fputs("proposals:\n  - {id: a, title: t, text: x}\n", f);
        if (k == 0) {
            fputs("  - [", f);
            for (int i = 0; i < n; i++)
                fprintf(f, "%s%070d", i ? ", " : "", i);
            fputs("]\n", f);
        }
        fclose(f);
        ri = run("check", path, NULL);
        WITHIN(shapes[k], ri);
        CHECK_INT(ri.status, 2);
        CHECK_MSG(located(path, k ? "unknown key" : "each proposal", NULL, NULL),
                  "%.300s", err);
        if (k == 1) { /* 200 are worded, the rest counted in one line */
            int lines = 0;
            for (const char *p = err; (p = strchr(p, '\n')); p++)
                lines++;
            CHECK_INT(lines, 201);
            char more[256];
            snprintf(more, sizeof more, "%s: %d more problems not shown", path,
                     n / 2 - 200);
            CHECK_MSG(strstr(err, more) != NULL, "%.200s", strrchr(err, '\n') - 150);
        }
    }

    /* The biggest real-looking file under the caps: 200 proposals, each
     * with a 10,000-character text in 8 languages (16 MB).  Accepted. */
    f = create("full.yaml", path, sizeof path);
    fputs("meeting:\n  title: Full\n  date: 2026-12-05\n  roster: roster.csv\n"
          "  languages: [en, es, fr, de, it, pt, zh, ar]\nproposals:\n", f);
    static const char *const lang[] = {"en", "es", "fr", "de", "it", "pt", "zh", "ar"};
    for (int i = 0; i < MEETING_MAX_PROPOSALS; i++) {
        fprintf(f, "  - id: p%d\n    title: Proposal %d\n    text:\n", i, i);
        for (int l = 0; l < 8; l++) {
            fprintf(f, "      %s: \"", lang[l]);
            for (int c = 0; c < 10000; c++)
                fputc(c % 7 == 6 ? ' ' : 'a' + (i + l + c) % 26, f);
            fputs("\"\n", f);
        }
    }
    long size = ftell(f);
    fclose(f);
    CHECK(size <= (long)MEETING_MAX_BYTES); /* 16.06 MB of 16.78 */
    ri = run("check", path, NULL);
    WITHIN("check: 200 proposals x 8 languages x 10 KB", ri);
    CHECK_INT(ri.status, 0);

    /* Duplicates are still found (by sorting now), each at its id. */
    f = create("dup.yaml", path, sizeof path);
    meeting_head(f);
    fputs("proposals:\n", f);
    for (int i = 0; i < MEETING_MAX_PROPOSALS; i++)
        fprintf(f, "  - {id: p%d, title: t, text: x}\n", i % 100);
    fclose(f);
    ri = run("check", path, NULL);
    CHECK_INT(ri.status, 2);
    int dups = 0;
    for (const char *p = err; (p = strstr(p, "duplicate proposal id")); p++)
        dups++;
    CHECK_INT(dups, MEETING_MAX_PROPOSALS - 100);
    CHECK_MSG(located(path, "also on line 6", &line, NULL), "%.300s", err);
    CHECK_INT(line, 6 + 100);
}

/* 4. An escaped NUL, in both spellings. */
static void test_nul(void)
{
    static const char *const spell[] = {"\\0", "\\x00"};
    for (int k = 0; k < 2; k++) {
        char path[128];
        FILE *f = create("nul.yaml", path, sizeof path);
        meeting_head(f);
        fprintf(f, "proposals:\n  - id: a\n    title: \"A%sB\"\n    text: x\n",
                spell[k]);
        fclose(f);
        run_info ri = run("check", path, NULL);
        CHECK_INT(ri.status, 2);
        int line = 0, col = 0;
        CHECK_MSG(located(path, "NUL", &line, &col), "%.300s", err);
        CHECK_INT(line, 7);
        CHECK_INT(col, 12);
    }
}

/* roster_meeting: a meeting file naming roster file name. */
static void roster_meeting(const char *name, char *path, size_t size)
{
    FILE *f = create("r.yaml", path, size);
    fprintf(f, "meeting:\n  title: T\n  date: 2026-12-05\n  roster: %s\n"
               "proposals:\n  - {id: a, title: t, text: x}\n", name);
    fclose(f);
}

/* fill: n copies of the bytes s into path (written in big blocks). */
static void fill(const char *path, const char *head, const char *s, long n,
                 const char *tail)
{
    static char block[1 << 16];
    size_t k = strlen(s), per = sizeof block / k;
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (!f)
        return;
    for (size_t i = 0; i < per; i++)
        memcpy(block + i * k, s, k);
    fputs(head, f);
    while (n > 0) {
        size_t now = (size_t)n < per ? (size_t)n : per;
        fwrite(block, k, now, f);
        n -= (long)now;
    }
    fputs(tail, f);
    fclose(f);
}

/* 5. Roster memory: blank lines (10 MB and 60 MB, under the 64 MB cap),
 * a row of commas, too many rows, one huge cell. */
static void test_roster(void)
{
    char yaml[128], csv[128];
    struct {
        const char *what, *row;
        long n;
        const char *tail;
        int status;
        const char *want;
    } cases[] = {
        {"check: roster of 10 MB blank lines", "\n", 10L << 20, "", 0, NULL},
        {"check: roster of 60 MB blank lines", "\r\n", 30L << 20, "", 0, NULL},
        {"check: roster row of 60 MB commas", ",", 60L << 20, "\n", 2, "cells"},
        {"check: roster of 3,000,000 rows", "Ana Ruiz,attendee,\n", 3000000, "",
         2, "rows"},
        {"check: roster cell of 60 MB", "x", 60L << 20, ",attendee,\n", 2,
         "bytes a cell"},
    };
    snprintf(csv, sizeof csv, "%s/big.csv", tmpdir);
    roster_meeting("big.csv", yaml, sizeof yaml);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fill(csv, "name,role,token\n", cases[i].row, cases[i].n, cases[i].tail);
        run_info ri = run("check", yaml, NULL);
        WITHIN(cases[i].what, ri);
        CHECK_INT(ri.status, cases[i].status);
        if (cases[i].want) {
            int line = 0;
            CHECK_MSG(located(csv, cases[i].want, &line, NULL), "%.300s", err);
            CHECK(line >= 2);
        }
    }
    unlink(csv);
}

/* 6. Long titles and texts: refused past their caps, at the value. */
static void test_long_text(void)
{
    char path[128];
    FILE *f = create("long.yaml", path, sizeof path);
    meeting_head(f);
    fputs("proposals:\n  - id: a\n    title: ", f);
    for (int i = 0; i < 20000; i++)
        fputc('x', f);
    fputs("\n    text: x\n  - id: b\n    title: {en: ", f);
    for (int i = 0; i < MEETING_MAX_TITLE_CHARS; i++)
        fputs("\xC3\xA9", f); /* é: the cap counts characters, not bytes */
    fputs("}\n    text: ", f);
    for (int i = 0; i <= MEETING_MAX_TEXT_CHARS; i++)
        fputc('y', f);
    fputs("\n", f);
    fclose(f);
    run_info ri = run("check", path, NULL);
    WITHIN("check: 20,000-character title", ri);
    CHECK_INT(ri.status, 2);
    int line = 0, col = 0;
    CHECK_MSG(located(path, "characters long", &line, &col), "%.300s", err);
    CHECK_INT(line, 7);
    CHECK_INT(col, 12);
    /* b's title is exactly at the cap (fine); its text is one over. */
    char want[64];
    snprintf(want, sizeof want, "'b' is %d characters", MEETING_MAX_TEXT_CHARS + 1);
    CHECK_MSG(strstr(err, want) != NULL, "%.600s", err);
    CHECK(!strstr(err, "title of proposal 'b'"));
    CHECK(strstr(err, "text of proposal 'b'") != NULL);
}

/* Layout cost, counted through the core's measuring callback. */
static long measured_calls, measured_bytes;

static int fixed_width(void *ud, const char *s, size_t n, int px, int bold)
{
    (void)ud;
    (void)bold;
    measured_calls++;
    measured_bytes += (long)n;
    int w = 0;
    for (size_t i = 0; i < n; i++)
        w += ((unsigned char)s[i] & 0xC0) != 0x80 ? px / 2 : 0;
    return w;
}

static int line_h(void *ud, int px)
{
    (void)ud;
    return px;
}

/* layout_cost: lays s out w wide; returns the lines and counts. */
static int layout_cost(ui *u, const char *s, int w)
{
    measured_calls = measured_bytes = 0;
    return ui_text_height(u, w, s, 20, 0) / 20;
}

static void test_layout(void)
{
    ui_metrics mx = {NULL, fixed_width, line_h, 0.7};
    ui *u = NULL;
    CHECK_INT(ui_new(&mx, 160, &u), AS_OK);
    if (!u)
        return;
    enum { N = 20000 };
    char *word = malloc(2 * N + 1), *words = malloc(2 * N + 1);
    memset(word, 'x', 2 * N);
    word[2 * N] = '\0';
    for (int i = 0; i < 2 * N; i++)
        words[i] = i % 8 == 7 ? ' ' : 'a' + i % 26;
    words[2 * N] = '\0';
    const int w = 500, per_line = w / 10; /* 10 px a character */

    /* An unbroken word of N characters: N / per_line full lines. */
    word[N] = '\0';
    int lines = layout_cost(u, word, w);
    long calls1 = measured_calls, bytes1 = measured_bytes;
    CHECK_INT(lines, (N + per_line - 1) / per_line);
    word[N] = 'x';
    layout_cost(u, word, w); /* twice as long */
    long calls2 = measured_calls, bytes2 = measured_bytes;
    printf("layout of %d unbroken characters: %ld measurements, %ld bytes "
           "measured; of %d: %ld, %ld\n", N, calls1, bytes1, 2 * N, calls2,
           bytes2);
    /* Linear: about the text's length in bytes measured a few times over
     * (it was quadratic: 225 times the length at N, 450 at 2N), and
     * doubling the text about doubles the work. */
    CHECK_MSG(bytes1 <= 16L * N, "%ld bytes measured for %d", bytes1, N);
    CHECK_MSG(bytes2 <= 2 * bytes1 + 2 * N, "%ld vs %ld", bytes2, bytes1);
    CHECK_MSG(calls2 <= 2 * calls1 + 16, "%ld vs %ld", calls2, calls1);

    /* Words of 7 letters: every line breaks at a space and fits. */
    words[N] = '\0';
    lines = layout_cost(u, words, w);
    bytes1 = measured_bytes;
    CHECK_INT(lines, (N + 8 * (per_line / 8) - 1) / (8 * (per_line / 8)));
    words[N] = 'x';
    layout_cost(u, words, w);
    CHECK_MSG(measured_bytes <= 2 * bytes1 + 2 * N, "%ld vs %ld",
              measured_bytes, bytes1);
    CHECK_MSG(bytes1 <= 16L * N, "%ld bytes measured for %d", bytes1, N);
    free(word);
    free(words);
    ui_free(u);
}

/* 7. Terminal escapes: in check's messages and tally's report. */
static void test_escapes(void)
{
    char buf[64];
    /* ESC, a C1 CSI written as UTF-8, a byte that is not UTF-8, a bidi
     * override; letters stay. */
    CHECK_INT(diag_escape(buf, sizeof buf, "a\x1b[2J\xC2\x9B\xFF\xE2\x80\xAE\xC3\xA9"),
              strlen("a\\x1B[2J\\u009B\\xFF\\u202E\xC3\xA9"));
    CHECK_STR(buf, "a\\x1B[2J\\u009B\\xFF\\u202E\xC3\xA9");
    /* Cut short at a whole escape, never inside one. */
    CHECK_INT(diag_escape(buf, 6, "ab\x1b"), 6);
    CHECK_STR(buf, "ab");

    char path[128], csv[128];
    FILE *f = create("esc.yaml", path, sizeof path);
    fputs("meeting:\n  title: T\n  date: 2026-12-05\n  roster: esc.csv\n"
          "  \"\\e[2Jwipe\": 1\nproposals:\n  - {id: a, title: t, text: x}\n", f);
    fclose(f);
    f = create("esc.csv", csv, sizeof csv);
    fputs("name,role,token\nAna,\x1b]0;owned\x07,\n", f);
    fclose(f);
    run_info ri = run("check", path, NULL);
    CHECK_INT(ri.status, 2);
    CHECK_MSG(!strchr(err, '\x1b') && !strchr(err, '\x07'), "%.300s", err);
    CHECK(strstr(err, "'\\x1B[2Jwipe'") != NULL);
    CHECK(strstr(err, "'\\x1B]0;owned\\x07'") != NULL);
    CHECK(located(path, "unknown key", NULL, NULL));

    f = create("esc.blt", path, sizeof path);
    fputs("2 1\n1 1 0\n1 2 1 0\n0\n\"Ana\x1b[31m\"\n\"Luis\"\n"
          "\"Board\x1b[2J\"\n", f);
    fclose(f);
    ri = run("tally", path, NULL);
    CHECK_INT(ri.status, 0);
    CHECK_MSG(!strchr(out, '\x1b'), "%.300s", out);
    CHECK(strstr(out, "Contest:  Board\\x1B[2J") != NULL);
    CHECK(strstr(out, "Ana\\x1B[31m") != NULL);
}

/* 8. roster issue writes the tokens into a file only its owner reads. */
static void test_issue_mode(void)
{
    char path[128];
    FILE *f = create("issue.csv", path, sizeof path);
    fputs("name,role,token\nAna,facilitator,\nLuis,attendee,\n", f);
    fclose(f);
    chmod(path, 0644);
    run_info ri = run("roster", "issue", path);
    CHECK_INT(ri.status, 0);
    struct stat st;
    CHECK(stat(path, &st) == 0 && (st.st_mode & 07777) == 0600);
}

int main(void)
{
    strcpy(tmpdir, "/tmp/as-bounds-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    write_roster();
    test_alias_bomb();
    test_nesting();
    test_proposals();
    test_nul();
    test_roster();
    test_long_text();
    test_layout();
    test_escapes();
    test_issue_mode();

    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
    return check_done();
}
