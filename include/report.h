/* report.h: the meeting's minutes as a PDF (`asamblea report`,
 * docs/minutes.md), made from an export bundle alone so anyone can make
 * them again and get the same bytes.
 *
 * The bundle is verified first (verify.h): a bundle that does not verify
 * gets no minutes.  Then every closed proposal is recounted from its
 * ballot list as `asamblea tally` does (verify_tally.h) and the charts are
 * drawn by the room display's own code (room.h) from a snapshot built
 * from the bundle, so the minutes show what the room saw.  The PDF holds
 * no creation date: the same bundle gives the same bytes, and its
 * SHA-256 can be read out or published. */
#ifndef AS_REPORT_H
#define AS_REPORT_H

#include "status.h"

typedef struct {
    const char *bundle; /* the export folder */
    const char *out;    /* the PDF to write (replaced atomically) */
    const char *lang;   /* one meeting language's code, or NULL: all */
} report_opts;

/* One failed check of the verifier (check, "FILE:LINE: what"). */
typedef void (*report_fail_fn)(void *ud, const char *check, const char *detail);

/* report_make: verifies o->bundle, then writes the minutes to o->out and
 * their SHA-256 as 64 lowercase hex digits into sha_hex.
 *
 * Failures, nothing written to o->out:
 *   - the bundle does not verify: AS_ECORRUPT; fail is called for each
 *     failed check (at most 20 a check, as the verifier reports them) and
 *     err says how many and what to do;
 *   - o->lang is not a language of the meeting: AS_EINVAL, err naming the
 *     codes the meeting has;
 *   - o->bundle missing or not a folder: AS_ENOENT / AS_EINVAL;
 *   - o->out cannot be written: AS_ENOENT, AS_EREADONLY, AS_EIO, AS_EFULL;
 *   - AS_ENOMEM.
 * err always names the path and what to do. */
as_status report_make(const report_opts *o, report_fail_fn fail, void *ud,
                      char sha_hex[65], as_err *err);

#endif
