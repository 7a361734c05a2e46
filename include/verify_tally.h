/* verify_tally.h: `asamblea tally BUNDLE`: every closed proposal of a
 * kiosk export bundle recounted from its ballot list with the meeting
 * file's own method and rules, printed as text beside the outcome
 * results.txt states.  A reading aid for people, not a check: `asamblea
 * verify` is the check (verify.h). */
#ifndef AS_VERIFY_TALLY_H
#define AS_VERIFY_TALLY_H

#include <stdio.h>
#include "meeting.h"
#include "status.h"
#include "tally.h"
#include "verify.h"

/* verify_tally_bundle: recounts the bundle in folder dir into f (an
 * in-memory stream, so nothing is shown when it fails).  Reads the files
 * as `asamblea verify` does (regular files only, capped per file and per
 * bundle: file_read_regular).  Failures, err naming the file and what to
 * do: a missing or unreadable file, a meeting file, results.txt or ballot
 * list that does not parse, a ballot the proposal does not allow
 * (AS_ENOENT, AS_EINVAL...); AS_ENOMEM. */
as_status verify_tally_bundle(const char *dir, FILE *f, as_err *err);

/* A bundle's meeting file, results.txt and every closed proposal
 * recounted from its ballot list, as verify_tally_bundle counts them (the
 * minutes, asamblea report, draw the same results). */
typedef struct {
    meeting *m;          /* meeting.yaml (an empty roster) */
    verify_results vr;   /* results.txt */
    tally_result **res;  /* [m->nprops]: closed and counted, else NULL */
} verify_counted;

/* verify_tally_count: reads and recounts the bundle in dir into *out
 * (verify_counted_free it, also after a failure).  Same reading rules and
 * failures as verify_tally_bundle. */
as_status verify_tally_count(const char *dir, verify_counted *out, as_err *err);
void verify_counted_free(verify_counted *c);

#endif
