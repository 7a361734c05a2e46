/* cmd_roster.c: `asamblea roster issue ROSTER.csv` gives every person on
 * the roster who has no badge token a new one; `asamblea roster import
 * MEMBERS.csv -o ROSTER.csv` makes a roster from a spreadsheet's
 * membership list.  Tokens are never printed: the organizer prints badges
 * from the CSV file itself. */
#include <stdio.h>
#include <string.h>
#include "commands.h"
#include "opts.h"
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

/* roster_help: -h and --help of both subcommands (opts.h calls it with
 * help = 1 only). */
static void roster_help(FILE *f, int help)
{
    (void)f;
    (void)help;
    print_help();
}

/* on_input: the membership list, the one argument. */
static int on_input(void *ud, int key, const char *v)
{
    const char **in = ud;
    (void)key;
    if (*in || !v[0]) {
        fprintf(stderr, "asamblea roster import: unexpected '%s'; give one "
                "membership list\n", v);
        fputs(import_usage, stderr);
        return 2;
    }
    *in = v;
    return 0;
}

static int roster_import_cmd(int argc, char **argv)
{
    roster_import_opts o = {0};
    roster_import_summary s = {0};
    const char *in = NULL, *out = NULL;
    int force = 0, rc;
    diag_list diag;
    const opts_def defs[] = {
        {"output", 'o', OPTS_VALUE, &out, NULL, 0},
        {"force", OPTS_LONG, OPTS_FLAG, NULL, &force, 0},
        {"name-column", OPTS_LONG + 1, OPTS_VALUE, &o.name_column, NULL, 0},
        {"role-column", OPTS_LONG + 2, OPTS_VALUE, &o.role_column, NULL, 0},
        {"facilitator-value", OPTS_LONG + 3, OPTS_VALUE, &o.facilitator_value, NULL, 0},
        {"token-column", OPTS_LONG + 4, OPTS_VALUE, &o.token_column, NULL, 0},
        {0}};
    const opts_spec spec = {"asamblea roster import", defs, roster_help, on_input, &in};

    if ((rc = opts_parse(&spec, argc, argv)) != 0)
        return rc < 0 ? 0 : rc;
    rc = 2;
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
    opts_args args = {"asamblea roster issue", "file", 0, 0, {0}};
    const opts_def none[] = {{0}};
    const opts_spec spec = {"asamblea roster issue", none, roster_help, opts_collect,
                            &args};
    int rc;

    if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        print_help();
        return 0;
    }
    if (argc >= 2 && !strcmp(argv[1], "import"))
        return roster_import_cmd(argc - 1, argv + 1);
    if (argc < 2 || strcmp(argv[1], "issue")) {
        fputs(usage, stderr);
        return 2;
    }
    if ((rc = opts_parse(&spec, argc - 1, argv + 1)) != 0)
        return rc < 0 ? 0 : rc;
    if (args.n != 1 || !args.v[0][0]) {
        fputs(usage, stderr);
        return 2;
    }
    return roster_issue_cmd(args.v[0]);
}
