/* meeting_internal.h: the YAML walk behind meeting_load and
 * meeting_from_memory.  Internal to src/core. */
#ifndef AS_MEETING_INTERNAL_H
#define AS_MEETING_INTERNAL_H

#include <stddef.h>
#include "meeting.h"

/* Where the roster key was, so a missing roster file can be reported at
 * the line that names it. */
typedef struct {
    int line, col;      /* 0 when the key is absent */
    char *as_written;   /* the value as in the file (malloc'd) or NULL */
} meeting_roster_ref;

/* meeting_yaml_parse: fills m (zeroed by the caller; m->path set) from the
 * YAML text, everything except sha256 and the roster itself.  Every
 * problem is added to diag as "name:line:col: ..."; returns how many.
 * Whatever was filled in must be released with meeting_free even on
 * errors. */
int meeting_yaml_parse(const char *name, const char *buf, size_t len,
                       meeting *m, meeting_roster_ref *ref, diag_list *diag);

#endif
