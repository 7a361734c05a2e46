/* demo_meeting.c: locating and loading the demo meeting's files (the
 * meeting itself is data: assets/demo/). */
#include <stdlib.h>
#include "assets.h"
#include "demo_meeting.h"

as_status demo_meeting_load(meeting **m, char **yaml, size_t *len, diag_list *diag)
{
    char path[4096];
    as_err err;
    as_status st;

    *m = NULL;
    st = assets_read(DEMO_MEETING_ASSET, MEETING_MAX_BYTES, path, sizeof path, yaml,
                     len, &err);
    if (st != AS_OK) {
        diag_add(diag, "asamblea demo", 0, 0, "%s", err.msg);
        return st;
    }
    /* The roster is read from disk, next to the meeting file, so its
     * problems are reported at its own file and line. */
    st = meeting_from_memory(path, *yaml, *len, NULL, m, diag);
    if (st != AS_OK) {
        diag_add(diag, "asamblea demo", 0, 0,
                 "the demo meeting's files are damaged; reinstall the asamblea "
                 "package (or restore assets/demo from the source tree)");
        free(*yaml);
        *yaml = NULL;
        *len = 0;
    }
    return st;
}
