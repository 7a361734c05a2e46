/* cmd_demo.c: `asamblea demo`: the kiosk on the demo meeting (shipped
 * with the program: demo_meeting.h), in a window, with on-screen demo
 * badges; no files of the user's needed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "commands.h"
#include "cli_util.h"
#include "demo_meeting.h"
#include "kiosk_opts.h"

int cmd_demo(int argc, char **argv)
{
    kiosk_opts o;
    diag_list diag;
    meeting *m = NULL;
    char *yaml = NULL;
    size_t ylen = 0;
    char tmp[] = "/tmp/asamblea-demo-XXXXXX";
    int rc;

    if ((rc = kiosk_parse_opts(argc, argv, 1, &o)) != 0)
        return rc < 0 ? 0 : rc;
    if (o.list_displays)
        return kiosk_list_displays();
    rc = 2;
    diag_init(&diag);
    if (demo_meeting_load(&m, &yaml, &ylen, &diag) != AS_OK) {
        cli_print_diags(&diag); /* which file, and what to do */
        goto out;
    }
    if (o.tokens) {
        for (int i = 0; i < roster_count(m->roster); i++) {
            const roster_entry *e = roster_get(m->roster, i);
            printf("%s\t%s\t%s\n", e->name,
                   e->role == MEMBER_FACILITATOR ? "facilitator" : "attendee",
                   e->token);
        }
        rc = 0;
        goto out;
    }
    if (!o.ac.data_dir) {
        if (!mkdtemp(tmp)) {
            fprintf(stderr, "/tmp: cannot create a demo data folder (%s); "
                    "pass --data DIR\n", strerror(errno));
            goto out;
        }
        o.ac.data_dir = tmp;
        fprintf(stderr, "asamblea demo: data in %s\n", tmp);
    }
    if (!o.ac.pc.width) {
        o.ac.pc.width = 1280; /* a window, not the whole desktop */
        o.ac.pc.height = 800;
    }
    if (!o.ac.export_dir) {
        static char exp[4200];
        snprintf(exp, sizeof exp, "%s/export", o.ac.data_dir);
        o.ac.export_dir = exp;
    }
    rc = kiosk_run(m, yaml, ylen, &o);
    /* Nothing powers off after a demo: its "Shut down" just ends it. */
    if (rc == KIOSK_EXIT_SHUTDOWN)
        rc = 0;
out:
    meeting_free(m);
    free(yaml);
    diag_free(&diag);
    return rc;
}
