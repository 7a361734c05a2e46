/* verify_tally.h: `asamblea tally BUNDLE`: every closed proposal of a
 * kiosk export bundle recounted from its ballot list with the meeting
 * file's own method and rules, printed as text beside the outcome
 * results.txt states.  A reading aid for people, not a check: `asamblea
 * verify` is the check (verify.h). */
#ifndef AS_VERIFY_TALLY_H
#define AS_VERIFY_TALLY_H

#include <stdio.h>
#include "status.h"

/* verify_tally_bundle: recounts the bundle in folder dir into f (an
 * in-memory stream, so nothing is shown when it fails).  Reads the files
 * as `asamblea verify` does (regular files only, capped per file and per
 * bundle: file_read_regular).  Failures, err naming the file and what to
 * do: a missing or unreadable file, a meeting file, results.txt or ballot
 * list that does not parse, a ballot the proposal does not allow
 * (AS_ENOENT, AS_EINVAL...); AS_ENOMEM. */
as_status verify_tally_bundle(const char *dir, FILE *f, as_err *err);

#endif
