/* cmd_roster.c: `asamblea roster issue ROSTER.csv`: gives every person on
 * the roster who has no badge token a new one.  Tokens are never printed:
 * the organizer prints badges from the CSV file itself. */
#include <stdio.h>
#include <string.h>
#include "commands.h"
#include "roster.h"

static const char usage[] = "usage: asamblea roster issue ROSTER.csv\n";

int cmd_roster(int argc, char **argv)
{
    diag_list diag;
    roster *r = NULL;
    int issued = 0, rc = 2;

    if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        fputs(usage, stdout);
        fputs("Fills every empty token cell with a new badge token; existing "
              "tokens and all other cells stay as they are.\n", stdout);
        return 0;
    }
    if (argc != 3 || strcmp(argv[1], "issue") || argv[2][0] == '-' ||
        !argv[2][0]) {
        fputs(usage, stderr);
        return 2;
    }
    diag_init(&diag);
    if (roster_issue(argv[2], &issued, &diag) != AS_OK)
        goto fail;
    /* Read back what is on disk now: the count comes from the real file. */
    if (roster_load(argv[2], &r, &diag) != AS_OK)
        goto fail;
    int had = roster_count(r) - issued;
    printf("%s: issued %d new token%s (%d already had one)\n", argv[2], issued,
           issued == 1 ? "" : "s", had);
    rc = 0;
    goto done;
fail:
    for (int i = 0; i < diag.n; i++)
        fprintf(stderr, "%s\n", diag.lines[i]);
    if (diag.n == 0)
        fprintf(stderr, "%s: could not issue tokens\n", argv[2]);
done:
    roster_free(r);
    diag_free(&diag);
    return rc;
}
