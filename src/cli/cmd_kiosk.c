/* cmd_kiosk.c: `asamblea kiosk --meeting F --data DIR`: the kiosk.
 * Exit status: 0 stopped (SIGTERM/SIGINT, window closed, replay done),
 * KIOSK_EXIT_SHUTDOWN (10) the facilitator's "Shut down", the only status
 * the appliance powers off on; 1 a replay expectation failed; 2 cannot
 * start (options, meeting file, a data folder in RAM: one line on
 * stderr). */
#include <stdio.h>
#include <stdlib.h>
#include "cli_util.h"
#include "commands.h"
#include "export.h"
#include "kiosk_opts.h"

int cmd_kiosk(int argc, char **argv)
{
    kiosk_opts o;
    diag_list diag;
    meeting *m = NULL;
    char *bytes = NULL;
    size_t len = 0;
    as_err err;
    int rc;

    if ((rc = kiosk_parse_opts(argc, argv, 0, &o)) != 0)
        return rc < 0 ? 0 : rc;
    if (o.list_displays)
        return kiosk_list_displays();
    rc = 2;
    diag_init(&diag);
    if (meeting_load(o.meeting_path, &m, &diag) != AS_OK) {
        cli_print_diags(&diag);
        fprintf(stderr, "asamblea: fix the meeting file (try `asamblea check "
                "%s`) and start again\n", o.meeting_path);
        goto out;
    }
    if (export_meeting_bytes(m, &bytes, &len, &err) != AS_OK) {
        fprintf(stderr, "%s\n", err.msg);
        goto out;
    }
    rc = kiosk_run(m, bytes, len, &o);
out:
    free(bytes);
    meeting_free(m);
    diag_free(&diag);
    return rc;
}
