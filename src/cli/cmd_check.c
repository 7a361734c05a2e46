/* cmd_check.c: `asamblea check MEETING.yaml`, the organizer's dry run:
 * loads the meeting file and its roster exactly as the kiosk would and
 * prints either a one-line summary or every problem found. */
#include <stdio.h>
#include <string.h>
#include "cli_util.h"
#include "commands.h"
#include "meeting.h"

static const char usage[] = "usage: asamblea check MEETING.yaml\n";

int cmd_check(int argc, char **argv)
{
    diag_list diag, warn;
    meeting *m = NULL;
    int rc = 2;

    if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        fputs(usage, stdout);
        fputs("Checks the meeting file and its roster; prints a summary, or "
              "every problem as file:line:column: message.\n", stdout);
        return 0;
    }
    if (argc != 2 || argv[1][0] == '-' || !argv[1][0]) {
        fputs(usage, stderr);
        return 2;
    }
    diag_init(&diag);
    diag_init(&warn);
    if (meeting_load(argv[1], &m, &diag) != AS_OK) {
        cli_print_diags(&diag);
        if (diag_count(&diag) == 0)
            fprintf(stderr, "%s: cannot be loaded\n", argv[1]);
        goto done;
    }
    meeting_warnings(m, &warn);
    cli_print_diags(&warn);
    int people = roster_count(m->roster), fac = roster_facilitators(m->roster);
    printf("ok: %d proposal%s, %d on the roster, %d facilitator%s\n", m->nprops,
           m->nprops == 1 ? "" : "s", people, fac, fac == 1 ? "" : "s");
    rc = 0;
done:
    meeting_free(m);
    diag_free(&diag);
    diag_free(&warn);
    return rc;
}
