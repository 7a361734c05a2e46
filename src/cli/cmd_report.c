/* cmd_report.c: `asamblea report BUNDLE -o MINUTES.pdf [--lang CODE]`
 * (docs/minutes.md).  On success one line on stdout, as sha256sum writes
 * it: the PDF's SHA-256 and its path.  Exit 1: the bundle does not
 * verify (its first failures on stderr); 2: bad arguments, a missing
 * bundle, an output that cannot be written. */
#include <stdio.h>
#include <string.h>
#include "commands.h"
#include "i18n.h"
#include "opts.h"
#include "report.h"

#define FAILS_SHOWN 5

static void usage(FILE *f, int help)
{
    (void)help;
    fputs("usage: asamblea report BUNDLE -o MINUTES.pdf [--lang CODE]\n"
          "  The meeting's minutes as a PDF, made from an export bundle alone\n"
          "  (verified first): the meeting, attendance and quorum, every\n"
          "  proposal's rule, counts, rounds and outcome with the room display's\n"
          "  charts, each ballot-list code and its QR code, how to check them.\n"
          "  The same bundle always gives the same bytes; prints their SHA-256.\n"
          "  -o FILE      the PDF to write (its folder must exist)\n"
          "  --lang CODE  one of the meeting's languages only (default: all)\n",
          f);
}

typedef struct {
    int n;
} fails;

static void on_fail(void *ud, const char *check, const char *detail)
{
    fails *f = ud;
    if (f->n++ < FAILS_SHOWN)
        fprintf(stderr, "FAIL: %s: %s\n", check, detail);
    else if (f->n == FAILS_SHOWN + 1)
        fputs("... (asamblea verify BUNDLE lists them all)\n", stderr);
}

int cmd_report(int argc, char **argv)
{
    report_opts o = {NULL, NULL, NULL};
    const opts_def defs[] = {{"out", 'o', OPTS_VALUE, &o.out, NULL, 0},
                             {"lang", OPTS_LONG, OPTS_VALUE, &o.lang, NULL, 0},
                             {0}};
    opts_args args = {"asamblea report", "bundle", 1, 0, {0}};
    const opts_spec spec = {"asamblea report", defs, usage, opts_collect, &args};
    fails f = {0};
    char sha[65];
    as_err err;
    int rc;

    if ((rc = opts_parse(&spec, argc, argv)) != 0)
        return rc < 0 ? 0 : rc;
    o.bundle = args.v[0];
    if (!o.bundle || !o.out) {
        fputs("asamblea report: give the bundle and -o MINUTES.pdf, e.g. "
              "asamblea report asamblea-2026-12-05-XXXXXXXX -o minutes.pdf\n", stderr);
        return 2;
    }
    if (i18n_init() != 0)
        fputs("asamblea report: the translations are not installed; the "
              "minutes will be in English\n", stderr);
    as_err_clear(&err);
    as_status st = report_make(&o, on_fail, &f, sha, &err);
    if (st != AS_OK) {
        fprintf(stderr, "asamblea report: %s\n", err.msg);
        return st == AS_ECORRUPT ? 1 : 2;
    }
    printf("%s  %s\n", sha, o.out);
    return 0;
}
