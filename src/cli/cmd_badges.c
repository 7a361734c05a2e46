/* cmd_badges.c: `asamblea badges ROSTER.csv -o badges.pdf [--paper
 * letter|a4] [--title TEXT] [--png DIR]`: a print-ready sheet of every
 * person's badge, and optionally one PNG per person to send to phones.
 * Prints counts only, never a token. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli_util.h"
#include "commands.h"
#include "file_write.h"
#include "opts.h"
#include "print.h"
#include "roster.h"

#define MAX_LINES_SHOWN 10

static void usage(FILE *f, int help)
{
    (void)help;
    fputs("usage: asamblea badges ROSTER.csv -o BADGES.pdf [--paper letter|a4]\n"
          "                       [--title TEXT] [--png DIR]\n"
          "  Prints a badge (name, title, QR code, token) for every person on the\n"
          "  roster, 8 per page with cut marks.  Print at actual size (100%).\n"
          "  -o FILE        the PDF to write (its folder must exist)\n"
          "  --paper P      letter (default) or a4\n"
          "  --title TEXT   meeting or organization name on every badge\n"
          "                 (default: asamblea)\n"
          "  --png DIR      also write one PNG per person into DIR, to send to phones\n",
          f);
}

/* Every row without a token, as one line: the whole list is refused. */
static int refuse_untokened(const char *path, const roster *r)
{
    int missing = 0, shown = 0;
    char buf[512];
    size_t n = 0;

    buf[0] = '\0';
    for (int i = 0; i < roster_count(r); i++) {
        const roster_entry *e = roster_get(r, i);
        if (e->token[0])
            continue;
        missing++;
        if (shown < MAX_LINES_SHOWN && n < sizeof buf) {
            int k = snprintf(buf + n, sizeof buf - n, "%s%d", shown ? ", " : "",
                             e->line);
            if (k > 0)
                n += (size_t)k;
            shown++;
        }
    }
    if (!missing)
        return 0;
    fprintf(stderr,
            "%s: %d %s no token (line%s %s%s); run `asamblea roster issue %s` "
            "first, then print the badges\n",
            path, missing, missing == 1 ? "person has" : "people have",
            missing == 1 ? "" : "s", buf, missing > shown ? ", ..." : "", path);
    return 1;
}

int cmd_badges(int argc, char **argv)
{
    const char *in = NULL, *out = NULL, *paper_s = "letter", *title = "asamblea",
               *png = NULL;
    print_paper paper;
    print_item *items = NULL;
    roster *r = NULL;
    diag_list d;
    as_err err = {{0}};
    print_layout l;
    int rc = 2, n, pages;
    const opts_def defs[] = {{"out", 'o', OPTS_VALUE, &out, NULL, 0},
                             {"paper", OPTS_LONG, OPTS_VALUE, &paper_s, NULL, 0},
                             {"title", OPTS_LONG + 1, OPTS_VALUE, &title, NULL, 0},
                             {"png", OPTS_LONG + 2, OPTS_VALUE, &png, NULL, 0},
                             {0}};
    opts_args args = {"asamblea badges", "roster", 1, 0, {0}};
    const opts_spec spec = {"asamblea badges", defs, usage, opts_collect, &args};

    if ((rc = opts_parse(&spec, argc, argv)) != 0)
        return rc < 0 ? 0 : rc;
    rc = 2;
    in = args.v[0];
    if (!in || !out) {
        fputs("asamblea badges: give the roster and -o BADGES.pdf\n", stderr);
        usage(stderr, 0);
        return 2;
    }
    if (cli_paper("asamblea badges", paper_s, &paper) != 0)
        return 2;

    diag_init(&d);
    if (roster_load(in, &r, &d) != AS_OK) {
        cli_print_diags(&d);
        goto done;
    }
    if (refuse_untokened(in, r))
        goto done;
    if ((n = roster_count(r)) == 0) {
        fprintf(stderr, "%s: the roster has no people; add one row per person "
                "and run `asamblea roster issue %s`\n", in, in);
        goto done;
    }
    if (!(items = calloc((size_t)n, sizeof *items))) {
        fprintf(stderr, "%s: out of memory\n", in);
        goto done;
    }
    for (int i = 0; i < n; i++) {
        const roster_entry *e = roster_get(r, i);
        items[i] = (print_item){e->name, title, e->token};
    }
    /* The PNG folder first: a folder that cannot be made fails before
     * anything is written. */
    if (png && file_mkdirs(png) != 0) {
        fprintf(stderr, "%s: cannot create the folder (%s); choose another "
                "--png folder\n", png, strerror(errno));
        goto done;
    }
    if (print_pdf(out, paper, items, n, NULL, NULL, &err) != AS_OK) {
        fprintf(stderr, "%s\n", err.msg);
        goto done;
    }
    print_layout_get(paper, &l);
    pages = (n + l.cols * l.rows - 1) / (l.cols * l.rows);
    printf("%s: %d badge%s on %d page%s (%s)\n", out, n, n == 1 ? "" : "s",
           pages, pages == 1 ? "" : "s", paper == PRINT_A4 ? "A4" : "letter");
    if (png) {
        if (print_png_each(png, items, n, &err) != AS_OK) {
            fprintf(stderr, "%s\n", err.msg);
            goto done;
        }
        printf("%s: %d badge image%s\n", png, n, n == 1 ? "" : "s");
    }
    rc = 0;
done:
    free(items);
    roster_free(r);
    diag_free(&d);
    return rc;
}
