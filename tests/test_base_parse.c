/* test_base_parse.c: the whole-number parser (whole.h) and the option
 * parser (opts.h) in process: values, limits, and the one-line refusals
 * (captured from stderr); and array growth (grow.h). */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <limits.h>
#include "check.h"
#include "grow.h"
#include "opts.h"
#include "whole.h"

static void test_whole(void)
{
    int64_t v = -5;
    int i = -5;

    CHECK(whole_parse("0", 10, &v) && v == 0);
    CHECK(whole_parse("007", 10, &v) && v == 7);
    CHECK(whole_parse("5000", 5000, &v) && v == 5000);
    CHECK(!whole_parse("5001", 5000, &v) && v == 5000); /* untouched */
    CHECK(whole_parse("9223372036854775807", INT64_MAX, &v) && v == INT64_MAX);
    CHECK(!whole_parse("9223372036854775808", INT64_MAX, &v));
    CHECK(!whole_parse("99999999999999999999999", INT64_MAX, &v));
    /* a digit alone above a small max (the overflow test must not let
     * it through) */
    CHECK(!whole_parse("7", 5, &v));
    CHECK(whole_parse("5", 5, &v) && v == 5);
    static const char *const bad[] = {"", " 1", "1 ", "+1", "-1", "1x", "0x10",
                                      "1.0", "1e3", "١", "\t2", NULL};
    for (int k = 0; bad[k]; k++)
        CHECK_MSG(!whole_parse(bad[k], INT64_MAX, &v), "'%s' accepted", bad[k]);
    CHECK(!whole_parse(NULL, 10, &v));
    CHECK(!whole_parse("1", -1, &v));
    CHECK(whole_parse_n("12abc", 2, 100, &v) && v == 12);
    CHECK(!whole_parse_n("12", 0, 100, &v));
    CHECK(whole_parse_int("90", 1, 3600, &i) && i == 90);
    CHECK(!whole_parse_int("0", 1, 3600, &i) && i == 90);
    CHECK(!whole_parse_int("3601", 1, 3600, &i));
    CHECK(!whole_parse_int("2147483648", 0, 2147483647, &i));
}

/* ---- opts ---- */

static char errbuf[4096];

/* parse: opts_parse with stderr captured into errbuf. */
static int parse(const opts_spec *s, const char *const *args)
{
    char *argv[32];
    int argc = 0, rc, saved;
    char path[] = "/tmp/as-opts-XXXXXX";
    int fd = mkstemp(path);

    while (args[argc])
        argv[argc] = (char *)args[argc], argc++;
    argv[argc] = NULL;
    fflush(stderr);
    saved = dup(2);
    dup2(fd, 2);
    rc = opts_parse(s, argc, argv);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    lseek(fd, 0, SEEK_SET);
    ssize_t n = read(fd, errbuf, sizeof errbuf - 1);
    errbuf[n > 0 ? n : 0] = '\0';
    close(fd);
    unlink(path);
    return rc;
}

typedef struct {
    const char *data, *out;
    int force, nargs, seconds, roots;
    const char *args[4];
} got;

enum { K_DATA = OPTS_LONG, K_FORCE, K_SECONDS, K_ROOT };

static int on_opt(void *ud, int key, const char *v)
{
    got *g = ud;
    if (key == OPTS_ARG) {
        if (g->nargs == 2) {
            fprintf(stderr, "t: one file at a time\n");
            return 2;
        }
        g->args[g->nargs++] = v;
        return 0;
    }
    if (key == K_ROOT) {
        g->roots++;
        return 0;
    }
    if (!whole_parse_int(v, 1, 3600, &g->seconds)) {
        fprintf(stderr, "t: --seconds '%s' is not a whole number from 1 to 3600\n", v);
        return 2;
    }
    return 0;
}

static int helped;
static void usage(FILE *f, int help)
{
    helped = help;
    fputs("usage: t [options]\n", f);
}

static void test_opts(void)
{
    got g;
    const opts_def defs[] = {
        {"data", K_DATA, OPTS_VALUE, &g.data, NULL, 0},
        {"out", 'o', OPTS_VALUE, &g.out, NULL, 0},
        {"output", 'o', OPTS_VALUE, &g.out, NULL, 0},
        {"force", K_FORCE, OPTS_FLAG, NULL, &g.force, 0},
        {"seconds", K_SECONDS, OPTS_VALUE, NULL, NULL, 0},
        {"root", K_ROOT, OPTS_VALUE, NULL, NULL, 1},
        {NULL, 0, 0, NULL, NULL, 0}};
    opts_spec s = {"t", defs, usage, on_opt, &g};

#define RESET() memset(&g, 0, sizeof g)
    RESET();
    CHECK_INT(parse(&s, (const char *[]){"t", "a.csv", "--data", "D", "-o", "O",
                                         "--force", "--seconds=30", "--root", "x=1",
                                         "--root", "y=2", NULL}), 0);
    CHECK_STR(g.data, "D");
    CHECK_STR(g.out, "O");
    CHECK_INT(g.force, 1);
    CHECK_INT(g.seconds, 30);
    CHECK_INT(g.roots, 2);
    CHECK_INT(g.nargs, 1);
    CHECK_STR(g.args[0], "a.csv");
    CHECK_STR(errbuf, "");
    /* arguments in any place, "--data=V", "--output" as an alias of -o,
     * "-oV", and "--" before an argument that looks like an option */
    RESET();
    CHECK_INT(parse(&s, (const char *[]){"t", "--data=D2", "-oX", "--", "-dash", NULL}), 0);
    CHECK_STR(g.data, "D2");
    CHECK_STR(g.out, "X");
    CHECK_INT(g.nargs, 1);
    CHECK_STR(g.args[0], "-dash");
    RESET();
    CHECK_INT(parse(&s, (const char *[]){"t", "--output", "Y", NULL}), 0);
    CHECK_STR(g.out, "Y");

    /* help */
    RESET();
    helped = 0;
    CHECK_INT(parse(&s, (const char *[]){"t", "--data", "D", "--help", NULL}), OPTS_HELP);
    CHECK_INT(helped, 1);
    CHECK_INT(parse(&s, (const char *[]){"t", "-h", NULL}), OPTS_HELP);

    /* refusals: one line each, naming the option, exit status 2 */
    static const struct {
        const char *args[6];
        const char *msg;
    } bad[] = {
        {{"t", "--frob", NULL}, "t: unknown option '--frob'; see t --help\n"},
        {{"t", "--frob=1", NULL}, "t: unknown option '--frob=1'; see t --help\n"},
        {{"t", "-x", NULL}, "t: unknown option '-x'; see t --help\n"},
        {{"t", "--data", NULL}, "t: --data needs a value; see t --help\n"},
        {{"t", "-o", NULL}, "t: -o needs a value; see t --help\n"},
        {{"t", "--data", "", NULL}, "t: --data needs a value; see t --help\n"},
        {{"t", "--data=", NULL}, "t: --data needs a value; see t --help\n"},
        {{"t", "--force=yes", NULL}, "t: --force takes no value; see t --help\n"},
        {{"t", "--data", "a", "--data", "b", NULL}, "t: --data given twice; give it once\n"},
        {{"t", "-o", "a", "--out", "b", NULL}, "t: --out given twice; give it once\n"},
        {{"t", "--seconds", "", NULL},
         "t: --seconds '' is not a whole number from 1 to 3600\n"},
        {{"t", "--seconds", "0", NULL},
         "t: --seconds '0' is not a whole number from 1 to 3600\n"},
        {{"t", "a", "b", "c", NULL}, "t: one file at a time\n"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        RESET();
        int rc = parse(&s, bad[k].args);
        CHECK_MSG(rc == 2, "case %zu: status %d", k, rc);
        CHECK_STR(errbuf, bad[k].msg);
    }
    /* without on_opt, an argument is refused by the parser itself */
    opts_spec none = {"t", defs, usage, NULL, NULL};
    RESET();
    CHECK_INT(parse(&none, (const char *[]){"t", "stray", NULL}), 2);
    CHECK_STR(errbuf, "t: unexpected argument 'stray'; see t --help\n");

    /* opts_collect: counted, or refused past max */
    opts_args a = {"t", "roster", 1, 0, {0}};
    opts_spec one = {"t", defs, usage, opts_collect, &a};
    RESET();
    CHECK_INT(parse(&one, (const char *[]){"t", "r.csv", "--data", "D", NULL}), 0);
    CHECK_INT(a.n, 1);
    CHECK_STR(a.v[0], "r.csv");
    a.n = 0;
    CHECK_INT(parse(&one, (const char *[]){"t", "r.csv", "s.csv", NULL}), 2);
    CHECK_STR(errbuf, "t: unexpected argument 's.csv'; give one roster\n");
    opts_args many = {"t", "file", 0, 0, {0}};
    one.ud = &many;
    CHECK_INT(parse(&one, (const char *[]){"t", "1", "2", "3", "4", "5", "6", NULL}), 0);
    CHECK_INT(many.n, 6);
    CHECK_STR(many.v[3], "4");

    /* opts_word */
    static const char *const words[] = {"text", "json", "csv", NULL};
    fflush(stderr);
    CHECK_INT(opts_word("t", "--format", "json", words), 1);
}

/* as_grow: untouched while there is room, doubles from `first`, keeps the
 * elements, and refuses an overflowing size leaving the array as it was. */
static void test_grow(void)
{
    int *v = NULL, cap = 0;
    for (int n = 0; n < 100; n++) {
        int *nv = as_grow(v, n, &cap, sizeof *v, 4);
        CHECK(nv != NULL);
        if (!nv)
            break;
        v = nv;
        v[n] = n * 3;
    }
    CHECK_INT(cap, 128); /* 4, 8, ..., 128 */
    int same = cap;
    CHECK(as_grow(v, 5, &cap, sizeof *v, 4) == v);
    CHECK_INT(cap, same);
    int ok = 1;
    for (int n = 0; n < 100; n++)
        ok &= v[n] == n * 3;
    CHECK(ok);
    int big = INT_MAX / 2 + 1;
    CHECK(as_grow(v, big, &big, sizeof *v, 4) == NULL);
    CHECK_INT(big, INT_MAX / 2 + 1);
    int huge = 1 << 20;
    CHECK(as_grow(v, huge, &huge, SIZE_MAX / 4, 4) == NULL);
    CHECK_INT(huge, 1 << 20);
    CHECK_INT(v[99], 297); /* still valid after the refusals */
    free(v);
}

int main(void)
{
    test_whole();
    test_opts();
    test_grow();
    return check_done();
}
