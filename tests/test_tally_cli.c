/* test_tally_cli.c: the real `asamblea tally` program.  Good files count
 * and print in every format; every kind of bad input or option gives one
 * line on stderr naming the file (and line) and what to do, exit status 2
 * and nothing at all on stdout. */
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"
#include "test_cli_util.h"
#include "test_verify_util.h"

static char dir[64];
static char out[1 << 16], err[1 << 14];
static int bare; /* tally(): run `asamblea ARGS`, not `asamblea tally ARGS` */

static void put(const char *name, const char *text)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* tally: runs asamblea tally with the NULL-terminated arguments (a
 * leading "@" means a file in dir); out/err get its output. */
static int tally(const char *first, ...)
{
    const char *argv[40];
    char paths[40][256];
    int n = 0;
    va_list ap;
    argv[n++] = AS_BINARY;
    if (!bare)
        argv[n++] = "tally";
    va_start(ap, first);
    for (const char *a = first; a && n < 38; a = va_arg(ap, const char *)) {
        if (a[0] == '@') {
            snprintf(paths[n], sizeof paths[n], "%s/%s", dir, a + 1);
            argv[n] = paths[n];
            n++;
        } else {
            argv[n++] = a;
        }
    }
    va_end(ap);
    argv[n] = NULL;
    return tc_run(argv, dir, out, sizeof out, err, sizeof err);
}

static int lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* refused: exit 2, nothing on stdout, one line on stderr starting with
 * prefix (a leading "@" stands for dir/). */
#define REFUSED(prefix, ...)                                                  \
    do {                                                                      \
        char want_[512];                                                      \
        const char *p_ = (prefix);                                            \
        if (p_[0] == '@')                                                     \
            snprintf(want_, sizeof want_, "%s/%s", dir, p_ + 1);              \
        else                                                                  \
            snprintf(want_, sizeof want_, "%s", p_);                          \
        int rc_ = tally(__VA_ARGS__, NULL);                                   \
        CHECK_INT(rc_, 2);                                                    \
        CHECK_MSG(out[0] == '\0', "stdout not empty: %.200s", out);          \
        CHECK_MSG(lines(err) == 1, "stderr has %d lines: %s", lines(err), err); \
        CHECK_MSG(!strncmp(err, want_, strlen(want_)), "stderr '%s' does not "  \
                  "start '%s'", err, want_);                                  \
    } while (0)

static const char *blt_good =
    "4 2\n"
    "3 1 2 0\n"
    "2 2 1 0\n"
    "4 3 0\n"
    "1 4 3 0\n"
    "2 1 0\n"
    "0\n"
    "\"Ana\"\n\"Luis\"\n\"Marta\"\n\"Pepe\"\n"
    "\"Test board\"\n";

static void good_files(void)
{
    put("small.csv", "count,rank1,rank2,rank3\n"
                     "5,Ana,Luis,\n4,Luis,Marta,\n3,Marta,Luis,Ana\n1,Pepe|Ana,,Luis\n");
    CHECK_INT(tally("@small.csv", NULL), 0);
    CHECK_MSG(strstr(out, "Winner: Luis") != NULL, "text: %s", out);
    CHECK(strstr(out, "Round 1") && strstr(out, "Threshold"));
    CHECK_STR(err, "");
    CHECK_INT(tally("@small.csv", "--format", "json", NULL), 0);
    CHECK(strstr(out, "\"results\"") && strstr(out, "\"elected\" : \"Luis\""));
    CHECK_INT(tally("@small.csv", "--format=csv", NULL), 0);
    CHECK(!strncmp(out, "Contest Information\n", 20) && strstr(out, "Winner(s),Luis"));
    /* --candidates: the list order, a candidate nobody ranked, and an
     * unknown name is refused at its line. */
    CHECK_INT(tally("@small.csv", "--candidates", "Marta, Luis,Ana,Pepe,Zoe", NULL), 0);
    CHECK(strstr(out, "Zoe") != NULL);
    REFUSED("@small.csv:5: unknown candidate 'Pepe'", "@small.csv", "--candidates",
            "Ana,Luis,Marta");

    put("board.blt", blt_good);
    /* STV with the file's own 2 seats, Scottish rule by default. */
    CHECK_INT(tally("@board.blt", "--method", "stv", NULL), 0);
    CHECK_MSG(strstr(out, "Contest:  Test board") && strstr(out, "Winners:"), "%s", out);
    CHECK(strstr(out, "2 seats") != NULL);
    /* Without --method, the file's 2 seats mean STV, not a 1-seat IRV;
     * --method irv still counts one winner. */
    CHECK_INT(tally("@board.blt", NULL), 0);
    CHECK_MSG(strstr(out, "single transferable vote") && strstr(out, "2 seats"), "%s", out);
    CHECK_INT(tally("@board.blt", "--method", "irv", NULL), 0);
    CHECK_MSG(strstr(out, "instant runoff") && strstr(out, "Winner:"), "%s", out);
    CHECK_INT(tally("@small.csv", "--seats", "2", NULL), 0);
    CHECK_MSG(strstr(out, "single transferable vote") != NULL, "%s", out);
    CHECK_INT(tally("@board.blt", "--method", "stv", "--rule", "rctab", "--quota",
                    "droop-fractional", "--decimals", "4", NULL), 0);
    CHECK_INT(tally("@board.blt", "--method", "approval", "--seats", "1", NULL), 0);
    CHECK_INT(tally("@board.blt", "--method", "plurality", NULL), 0);
    CHECK_INT(tally("@board.blt", "--parse-only", NULL), 0);
    CHECK(strstr(out, "12 ballots") != NULL);

    CHECK_INT(tally("--help", NULL), 0);
    static const char *const opts[] = {"--method", "--seats", "--rule", "--quota",
                                       "--decimals", "--elimination",
                                       "--continue-until-two", "--tiebreak", "--seed",
                                       "--overvote", "--max-skipped", "--duplicates",
                                       "--format", "--candidates"};
    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
        CHECK_MSG(strstr(out, opts[i]) != NULL, "--help lacks %s", opts[i]);

    const char *burl = AS_TABULATION_DATA "/preflib-burlington-2009/00005-00000002.toi";
    if (access(burl, R_OK) == 0) {
        CHECK_INT(tally(burl, "--elimination", "batch", "--overvote",
                        "exhaust-if-multiple-continuing", NULL), 0);
        CHECK_MSG(strstr(out, "Winner: Bob Kiss") != NULL, "%s", out);
    } else {
        CHECK_SKIP("tabulation-data/preflib-burlington-2009 not found");
    }
}

static void bad_input(void)
{
    put("cand.blt", "3 1\n1 1 2 0\n2 1 4 0\n0\n\"A\"\n\"B\"\n\"C\"\n");
    REFUSED("@cand.blt:3:", "@cand.blt");
    put("zero.blt", "3 1\n1 1 2 0\n2 1 3\n0\n\"A\"\n\"B\"\n\"C\"\n");
    REFUSED("@zero.blt:3:", "@zero.blt");
    put("wide.csv", "rank1,rank2\nA,B\nA,B,C\n");
    REFUSED("@wide.csv:3: this row has 3 cells", "@wide.csv");
    put("count.csv", "count,rank1\n2,A\nmany,B\n");
    REFUSED("@count.csv:3: the count 'many'", "@count.csv");
    put("sum.toi", "# NUMBER ALTERNATIVES: 2\n# NUMBER VOTERS: 5\n"
                   "# ALTERNATIVE NAME 1: A\n# ALTERNATIVE NAME 2: B\n2: 1,2\n2: 2\n");
    REFUSED("@sum.toi:2: the rankings' counts add up to 4", "@sum.toi");
    put("num.soi", "# ALTERNATIVE NAME 1: A\n# ALTERNATIVE NAME 2: B\n2: 1,3\n");
    REFUSED("@num.soi:3: unknown candidate number 3", "@num.soi");
    put("ballots.txt", "A,B\n");
    REFUSED("@ballots.txt: not a ballot file format", "@ballots.txt");
    REFUSED("@missing.csv: ballot file not found", "@missing.csv");
}

static void bad_options(void)
{
    put("ok.csv", "rank1,rank2\nA,B\nB,A\nA,\n");
    REFUSED("asamblea tally: --method 'borda'", "@ok.csv", "--method", "borda");
    REFUSED("asamblea tally: --seats '0'", "@ok.csv", "--seats", "0");
    REFUSED("asamblea tally: --seats 'two'", "@ok.csv", "--seats=two");
    REFUSED("asamblea tally: --decimals '12'", "@ok.csv", "--method", "stv", "--rule",
            "rctab", "--decimals", "12");
    REFUSED("asamblea tally: --max-skipped '-1'", "@ok.csv", "--max-skipped", "-1");
    REFUSED("asamblea tally: --format 'xml'", "@ok.csv", "--format", "xml");
    REFUSED("asamblea tally: --tiebreak 'coin'", "@ok.csv", "--tiebreak", "coin");
    REFUSED("asamblea tally: --overvote 'ignore'", "@ok.csv", "--overvote", "ignore");
    REFUSED("asamblea tally: --duplicates 'count'", "@ok.csv", "--duplicates", "count");
    REFUSED("asamblea tally: --elimination 'all'", "@ok.csv", "--elimination", "all");
    REFUSED("asamblea tally: --seed 'x'", "@ok.csv", "--seed", "x");
    REFUSED("asamblea tally: --rule applies to --method stv only", "@ok.csv", "--rule",
            "rctab");
    REFUSED("asamblea tally: --quota applies to", "@ok.csv", "--method", "stv",
            "--quota", "hare");
    REFUSED("asamblea tally: unknown option '--frobnicate'", "@ok.csv", "--frobnicate");
    REFUSED("asamblea tally: --seats needs a value", "@ok.csv", "--seats");
    REFUSED("asamblea tally: --candidates has an empty name", "@ok.csv", "--candidates",
            "A,,B");
    REFUSED("asamblea tally: one ballot file at a time", "@ok.csv", "@ok.csv");
    /* STV needs fewer seats than candidates: the engine's refusal names the file. */
    REFUSED("@ok.csv: ", "@ok.csv", "--method", "stv", "--seats", "2");
    /* no file at all: usage on stderr, exit 2 */
    CHECK_INT(tally(NULL), 2);
    CHECK_STR(out, "");
    CHECK(strstr(err, "usage: asamblea tally FILE") != NULL);
}

/* A kiosk export bundle (made by hand with test_verify_util, stage 2:
 * two proposals closed) is recounted proposal by proposal. */
static void bundle(void)
{
    tbundle b;
    if (tb_make(&b, 2, 7) != 0) {
        CHECK_MSG(0, "tb_make failed");
        return;
    }
    char *path = tb_write(&b, dir);
    CHECK(path != NULL);
    if (!path) {
        tb_free(&b);
        return;
    }
    CHECK_INT(tally(path, NULL), 0);
    CHECK_MSG(strstr(out, "== coat-drive:") && strstr(out, "== bylaws-recall:"), "%s", out);
    CHECK(strstr(out, "== meeting-time: not closed") != NULL);
    /* the recount agrees with the bundle's own results, proposal by proposal */
    int agreed = 0;
    for (const char *s = out; (s = strstr(s, "Recounted outcome: ")); s++) {
        char a[32] = "", c[32] = "";
        CHECK_INT(sscanf(s, "Recounted outcome: %31s (results.txt says: %31[a-z-])", a, c), 2);
        CHECK_STR(a, c);
        agreed++;
    }
    CHECK_INT(agreed, 2);
    CHECK_STR(err, "");
    /* counting options do not apply to a bundle */
    REFUSED("asamblea tally: ", path, "--method", "stv");
    /* a damaged ballot list: one line naming the file, exit 2 */
    CHECK_INT(tb_replace_in_line(&b, "ballots/coat-drive.txt", 1, " yes", " maybe") == 0 ||
                  tb_replace_in_line(&b, "ballots/coat-drive.txt", 1, " no", " maybe") == 0 ||
                  tb_replace_in_line(&b, "ballots/coat-drive.txt", 1, " abstain",
                                     " maybe") == 0,
              1);
    char *bad = tb_write(&b, dir);
    if (bad) {
        char want[512];
        snprintf(want, sizeof want, "%s/ballots/coat-drive.txt", bad);
        int rc = tally(bad, NULL);
        CHECK_INT(rc, 2);
        CHECK_STR(out, "");
        CHECK_MSG(strstr(err, want) != NULL && lines(err) == 1, "%s", err);
        tb_rm_rf(bad);
        free(bad);
    }
    tb_rm_rf(path);
    free(path);
    tb_free(&b);
}

/* asamblea's own usage lists tally like every other command, one line. */
static void program_usage(void)
{
    bare = 1;
    CHECK_INT(tally("--help", NULL), 0);
    const char *l = strstr(out, "\n  tally FILE");
    CHECK_MSG(l != NULL, "asamblea --help lacks tally:\n%s", out);
    if (l) {
        const char *e = strchr(l + 1, '\n');
        CHECK_MSG(e && e[1] != ' ' && strstr(l, "count") && strstr(l, "count") < e,
                  "the tally line is not one line with what it does:\n%s", out);
    }
    CHECK_INT(tally(NULL), 2);
    CHECK(strstr(err, "\n  tally FILE") != NULL);
    bare = 0;
}

/* A file of several 64 KiB chunks is read in pieces: an error far into
 * it still names its exact line, and the good file counts. */
static void big_file(void)
{
    char path[128], want[300];
    snprintf(path, sizeof path, "%s/big.blt", dir);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("3 1\n", f);
    for (int i = 0; i < 30000; i++)
        fputs(i % 3 ? "1 2 1 3 0\n" : "1 1 3 0\n", f);
    fputs("0\n\"A\"\n\"B\"\n\"C\"\n", f);
    fclose(f);
    CHECK_INT(tally("@big.blt", NULL), 0);
    CHECK_MSG(strstr(out, "Winner: B") != NULL, "%s", out);
    f = fopen(path, "w");
    if (!f)
        return;
    fputs("3 1\n", f);
    for (int i = 0; i < 30000; i++)
        fputs(i == 25000 ? "1 2 4 0\n" : "1 2 1 3 0\n", f);
    fputs("0\n\"A\"\n\"B\"\n\"C\"\n", f);
    fclose(f);
    CHECK_INT(tally("@big.blt", NULL), 2);
    snprintf(want, sizeof want, "%s:25002: unknown candidate number 4", path);
    CHECK_MSG(!strncmp(err, want, strlen(want)), "got '%s'", err);
    CHECK_INT(lines(err), 1);
    CHECK_INT((int)strlen(out), 0);
}

/* Names and the title with terminal escapes and other control
 * characters: counted, but no control byte reaches stdout in any format
 * (text and CSV through diag_escape, JSON through its \u escapes). */
static void control_characters(void)
{
    static const char *const formats[] = {"text", "csv", "json"};
    put("esc.blt", "2 1\n"
                   "3 1 2 0\n"
                   "1 2 1 0\n"
                   "0\n"
                   "\"Ana\x1b[2J\"\n\"Luis\x07\x9b\"\n"
                   "\"Board\x1b]0;pwned\x07\"\n");
    for (int i = 0; i < 3; i++) {
        int ctl = 0;
        CHECK_INT(tally("@esc.blt", "--format", formats[i], NULL), 0);
        for (const unsigned char *c = (const unsigned char *)out; *c; c++)
            ctl += (*c < 0x20 && *c != '\n' && *c != '\r') || *c == 0x7f;
        CHECK_MSG(ctl == 0, "%s: %d control bytes on stdout", formats[i], ctl);
        CHECK_MSG(strstr(out, "Ana") != NULL, "%s: the winner is not shown",
                  formats[i]);
    }
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/as-tally-cli-XXXXXX");
    if (!mkdtemp(dir)) {
        CHECK(0);
        return check_done();
    }
    good_files();
    bad_input();
    bad_options();
    bundle();
    program_usage();
    big_file();
    control_characters();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK_INT(system(cmd), 0);
    return check_done();
}
