/* cmd_roster.c: `asamblea roster issue ROSTER.csv` gives every person on
 * the roster who has no badge token a new one; `asamblea roster import
 * MEMBERS.csv -o ROSTER.csv` makes a roster from a spreadsheet's
 * membership list.  Tokens are never printed: the organizer prints badges
 * from the CSV file itself. */
#include <stdio.h>
#include <string.h>
#include "commands.h"
#include "roster.h"

/* A list full of mistakes should not scroll the first ones away. */
#define MAX_SHOWN_DIAGS 30

static const char usage[] = "usage: asamblea roster issue ROSTER.csv\n";
static const char import_usage[] =
    "usage: asamblea roster import MEMBERS.csv -o ROSTER.csv [--force]\n"
    "              [--name-column HEADER] [--role-column HEADER\n"
    "              [--facilitator-value VALUE]] [--token-column HEADER]\n";

static void print_diags(const diag_list *d, const char *path, const char *what)
{
    int shown = d->n < MAX_SHOWN_DIAGS ? d->n : MAX_SHOWN_DIAGS;
    for (int i = 0; i < shown; i++)
        fprintf(stderr, "%s\n", d->lines[i]);
    if (diag_count(d) > shown)
        fprintf(stderr, "%s: %d more problems not shown; fix these and run it again\n",
                path, diag_count(d) - shown);
    if (diag_count(d) == 0)
        fprintf(stderr, "%s: could not %s\n", path, what);
}

static void print_help(void)
{
    fputs(usage, stdout);
    fputs(import_usage, stdout);
    fputs("issue   fills every empty token cell with a new badge token; "
          "existing tokens and all other cells stay as they are.\n"
          "import  makes a roster from a spreadsheet's membership list saved "
          "as \"CSV UTF-8\": name,role,token then the list's other columns.\n"
          "  -o ROSTER.csv          the roster to write (never over an existing "
          "file without --force)\n"
          "  --name-column H        the column with the names (default: name, "
          "full name or nombre)\n"
          "  --role-column H        the column that says who facilitates\n"
          "  --facilitator-value V  the value there that means facilitator "
          "(default: facilitator)\n"
          "  --token-column H       copy badge tokens from this column "
          "(default: a column named token)\n"
          "  --force                replace ROSTER.csv if it exists\n",
          stdout);
}

static int roster_issue_cmd(const char *path)
{
    diag_list diag;
    roster *r = NULL;
    int issued = 0, rc = 2;

    diag_init(&diag);
    if (roster_issue(path, &issued, &diag) != AS_OK)
        goto fail;
    /* Read back what is on disk now: the count comes from the real file. */
    if (roster_load(path, &r, &diag) != AS_OK)
        goto fail;
    int had = roster_count(r) - issued;
    printf("%s: issued %d new token%s (%d already had one)\n", path, issued,
           issued == 1 ? "" : "s", had);
    rc = 0;
    goto done;
fail:
    print_diags(&diag, path, "issue tokens");
done:
    roster_free(r);
    diag_free(&diag);
    return rc;
}

static int roster_import_cmd(int argc, char **argv)
{
    roster_import_opts o = {0};
    roster_import_summary s = {0};
    const char *in = NULL, *out = NULL;
    int force = 0, rc = 2;
    diag_list diag;

    for (int i = 2; i < argc; i++) {
        const char **slot = NULL;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            print_help();
            return 0;
        } else if (!strcmp(argv[i], "--force")) {
            force = 1;
            continue;
        } else if (!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) {
            slot = &out;
        } else if (!strcmp(argv[i], "--name-column")) {
            slot = &o.name_column;
        } else if (!strcmp(argv[i], "--role-column")) {
            slot = &o.role_column;
        } else if (!strcmp(argv[i], "--facilitator-value")) {
            slot = &o.facilitator_value;
        } else if (!strcmp(argv[i], "--token-column")) {
            slot = &o.token_column;
        } else if (argv[i][0] == '-' || !argv[i][0] || in) {
            fprintf(stderr, "asamblea roster import: unexpected '%s'\n", argv[i]);
            fputs(import_usage, stderr);
            return 2;
        } else {
            in = argv[i];
            continue;
        }
        if (i + 1 >= argc || !argv[i + 1][0]) {
            fprintf(stderr, "asamblea roster import: %s needs a value\n", argv[i]);
            return 2;
        }
        if (*slot) {
            fprintf(stderr, "asamblea roster import: %s given twice\n", argv[i]);
            return 2;
        }
        *slot = argv[++i];
    }
    if (!in || !out) {
        fputs("asamblea roster import: give the membership list and -o ROSTER.csv\n",
              stderr);
        fputs(import_usage, stderr);
        return 2;
    }
    if (o.facilitator_value && !o.role_column) {
        fputs("asamblea roster import: --facilitator-value needs --role-column "
              "(the column it is looked for in)\n", stderr);
        return 2;
    }
    diag_init(&diag);
    if (roster_import(in, out, &o, force, &s, &diag) != AS_OK) {
        print_diags(&diag, in, "import the list");
        goto done;
    }
    printf("%s: imported %d %s (", out, s.people, s.people == 1 ? "person" : "people");
    if (s.shared_names == 0)
        printf("no shared names");
    else
        printf("%d name%s appear%s %s", s.shared_names,
               s.shared_names == 1 ? "" : "s", s.shared_names == 1 ? "s" : "",
               s.max_shared == 2 ? "twice" : "more than once");
    printf(", %d facilitator%s, %d with a token); next: ", s.facilitators,
           s.facilitators == 1 ? "" : "s", s.tokens);
    if (s.tokens < s.people)
        printf("asamblea roster issue %s\n", out);
    else
        printf("asamblea badges %s -o badges.pdf\n", out);
    rc = 0;
done:
    diag_free(&diag);
    return rc;
}

int cmd_roster(int argc, char **argv)
{
    if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        print_help();
        return 0;
    }
    if (argc >= 2 && !strcmp(argv[1], "import"))
        return roster_import_cmd(argc, argv);
    if (argc != 3 || strcmp(argv[1], "issue") || argv[2][0] == '-' ||
        !argv[2][0]) {
        fputs(usage, stderr);
        return 2;
    }
    return roster_issue_cmd(argv[2]);
}
