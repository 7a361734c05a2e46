/* cmd_check.c: `asamblea check MEETING.yaml`, the organizer's dry run:
 * loads the meeting file and its roster exactly as the kiosk would and
 * prints either a one-line summary or every problem found. */
#include <stdio.h>
#include <string.h>
#include "cli_util.h"
#include "commands.h"
#include "meeting.h"
#include "opts.h"

static void usage(FILE *f, int help)
{
    fputs("usage: asamblea check MEETING.yaml\n", f);
    if (help)
        fputs("Checks the meeting file and its roster; prints a summary, or "
              "every problem as file:line:column: message.\n", f);
}

int cmd_check(int argc, char **argv)
{
    diag_list diag, warn;
    meeting *m = NULL;
    opts_args args = {"asamblea check", "file", 0, 0, {0}};
    const opts_def defs[] = {{0}};
    const opts_spec spec = {"asamblea check", defs, usage, opts_collect, &args};
    int rc = opts_parse(&spec, argc, argv);

    if (rc != 0)
        return rc < 0 ? 0 : rc;
    if (args.n != 1 || !args.v[0][0]) {
        usage(stderr, 0);
        return 2;
    }
    rc = 2;
    diag_init(&diag);
    diag_init(&warn);
    if (meeting_load(args.v[0], &m, &diag) != AS_OK) {
        cli_print_diags(&diag);
        if (diag_count(&diag) == 0)
            fprintf(stderr, "%s: cannot be loaded\n", args.v[0]);
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
