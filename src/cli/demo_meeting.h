/* demo_meeting.h: the demo meeting behind `asamblea demo`: a small
 * bilingual assembly with three yes/no proposals and one of every other
 * voting method.  Its files are assets (assets/demo/demo-meeting.yaml and
 * demo-roster.csv, installed to share/asamblea/demo): plain YAML and CSV
 * that `asamblea check` reads too.  The roster's tokens are fixed so the
 * demo badges in docs and scripts stay valid; they guard nothing. */
#ifndef AS_DEMO_MEETING_H
#define AS_DEMO_MEETING_H

#include <stddef.h>
#include "diag.h"
#include "meeting.h"

/* The demo meeting file, relative to the assets folder (assets.h). */
#define DEMO_MEETING_ASSET "demo/demo-meeting.yaml"

/* demo_meeting_load: finds the demo meeting file among the assets, reads
 * it and loads it with its roster (the file next to it).  On AS_OK *m is
 * the meeting and *yaml (malloc'd, NUL terminated, *len without the NUL)
 * its exact bytes, for exports; the caller frees both.  On failure
 * (AS_ENOENT: not installed; AS_EINVAL: a damaged file; AS_EIO,
 * AS_ENOMEM) diag holds every problem as "file:line:col: ..." naming the
 * file, and a last line saying what to do; *m and *yaml are NULL. */
as_status demo_meeting_load(meeting **m, char **yaml, size_t *len, diag_list *diag);

#endif
