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
#include "print.h"
#include "roster.h"

#define MAX_LINES_SHOWN 10

static void usage(FILE *f)
{
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

/* One PNG per person; equal names get "-2", "-3", ... so no file is
 * overwritten by another person's badge. */
static int write_pngs(const char *dir, const roster *r, const char *title)
{
    int n = roster_count(r), rc = 2;
    char (*names)[PRINT_NAME_MAX] = calloc((size_t)n, sizeof *names);
    size_t plen = strlen(dir) + PRINT_NAME_MAX + 16;
    char *path = malloc(plen);
    as_err err = {{0}};

    if (!names || !path) {
        fprintf(stderr, "%s: out of memory\n", dir);
        goto done;
    }
    for (int i = 0; i < n; i++) {
        const roster_entry *e = roster_get(r, i);
        char stem[PRINT_NAME_MAX], try[PRINT_NAME_MAX];
        print_file_name(e->name, stem);
        memcpy(try, stem, sizeof try);
        for (int k = 2, clash = 1; clash; k++) {
            clash = 0;
            for (int j = 0; j < i && !clash; j++)
                clash = !strcmp(names[j], try);
            if (clash) {
                char suffix[16];
                int sl = snprintf(suffix, sizeof suffix, "-%d", k);
                size_t keep = strlen(stem);
                if (keep + (size_t)sl >= sizeof try)
                    keep = sizeof try - 1 - (size_t)sl;
                memcpy(try, stem, keep);
                memcpy(try + keep, suffix, (size_t)sl + 1);
            }
        }
        memcpy(names[i], try, sizeof try);
        snprintf(path, plen, "%s/%s.png", dir, names[i]);
        print_item it = {e->name, title, e->token};
        if (print_png(path, &it, &err) != AS_OK) {
            fprintf(stderr, "%s\n", err.msg);
            goto done;
        }
    }
    printf("%s: %d badge image%s\n", dir, n, n == 1 ? "" : "s");
    rc = 0;
done:
    free(names);
    free(path);
    return rc;
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

    for (int i = 1; i < argc; i++) {
        const char **slot = NULL;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(argv[i], "-o") || !strcmp(argv[i], "--out")) {
            slot = &out;
        } else if (!strcmp(argv[i], "--paper")) {
            slot = &paper_s;
        } else if (!strcmp(argv[i], "--title")) {
            slot = &title;
        } else if (!strcmp(argv[i], "--png")) {
            slot = &png;
        } else if (argv[i][0] == '-' || in) {
            fprintf(stderr, "asamblea badges: unexpected argument '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        } else {
            in = argv[i];
            continue;
        }
        if (i + 1 >= argc || !argv[i + 1][0]) {
            fprintf(stderr, "asamblea badges: %s needs a value\n", argv[i]);
            return 2;
        }
        *slot = argv[++i];
    }
    if (!in || !out) {
        fputs("asamblea badges: give the roster and -o BADGES.pdf\n", stderr);
        usage(stderr);
        return 2;
    }
    if (print_paper_parse(paper_s, &paper) != AS_OK) {
        fprintf(stderr, "asamblea badges: unknown paper '%s'; use --paper letter "
                "or --paper a4\n", paper_s);
        return 2;
    }

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
    if (png && cli_mkdirs(png) != 0) {
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
    rc = png ? write_pngs(png, r, title) : 0;
done:
    free(items);
    roster_free(r);
    diag_free(&d);
    return rc;
}
