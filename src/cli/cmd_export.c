/* cmd_export.c: `asamblea export --data DIR --out DIR2 [--meeting F]`.
 * Without --meeting the meeting file is the copy the kiosk keeps in the
 * data directory (export_save_meeting_copy).  A data directory that is
 * not writable (read-only mount, or no write bit: cli_data_writable) is
 * opened read-only and exported without recording the export in its log
 * (export_write; a notice on stderr says so).  Prints only the summary
 * line: never a choice or a ballot id. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli_util.h"
#include "commands.h"
#include "diag.h"
#include "export.h"
#include "meeting.h"
#include "opts.h"
#include "store.h"

static void usage(FILE *f, int help)
{
    (void)help;
    fputs("usage: asamblea export --data DIR --out DIR2 [--meeting MEETING.yaml]\n"
          "  Writes DIR2/asamblea-DATE-XXXXXXXX/ with the meeting file, the results\n"
          "  (results.csv, results.json) and the anonymous ballots of closed votes.\n"
          "  --data DIR       the kiosk's data directory (may be read-only: the\n"
          "                   export is then not recorded in its event log)\n"
          "  --out DIR2       where to write (created if missing; must be empty or\n"
          "                   hold only earlier exports)\n"
          "  --meeting FILE   the meeting file (default: the copy the kiosk kept in DIR)\n",
          f);
}

int cmd_export(int argc, char **argv)
{
    const char *data = NULL, *out = NULL, *mpath = NULL;
    int rc = 2;
    cli_data d;
    as_err err = {{0}};
    export_summary sum;
    const opts_def defs[] = {{"data", OPTS_LONG, OPTS_VALUE, &data, NULL, 0},
                             {"out", OPTS_LONG + 1, OPTS_VALUE, &out, NULL, 0},
                             {"meeting", OPTS_LONG + 2, OPTS_VALUE, &mpath, NULL, 0},
                             {0}};
    const opts_spec spec = {"asamblea export", defs, usage, NULL, NULL};

    if ((rc = opts_parse(&spec, argc, argv)) != 0)
        return rc < 0 ? 0 : rc;
    rc = 2;

    if (!data || !out) {
        fputs("asamblea export: --data DIR and --out DIR2 are required\n", stderr);
        usage(stderr, 0);
        return 2;
    }
    if (cli_open_data_mode(data, mpath, CLI_DATA_READ_IF_RO, &d) != 0)
        goto done;
    if (export_write(d.m, d.bytes, d.len, d.quorum, d.roster_size, d.s, data, out,
                     &sum, &err) != AS_OK) {
        fprintf(stderr, "%s\n", err.msg);
        goto done;
    }
    printf("exported %d proposal%s (%d closed) to %s\n", sum.nprops,
           sum.nprops == 1 ? "" : "s", sum.nclosed, sum.path);
    if (sum.unrecorded)
        fprintf(stderr,
                "asamblea export: %s is read-only, so this export could not be "
                "recorded in its event log: the bundle's events.log ends before "
                "it, and its unrecorded.txt and README.txt say so (asamblea "
                "verify accepts it); later exports will not show this one\n",
                data);
    rc = 0;
done:
    cli_data_free(&d);
    return rc;
}
