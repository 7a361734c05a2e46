/* tally_run.h: `asamblea tally FILE`'s work, as a library call: read a
 * ballot file (the reader chosen by its name), count it round by round
 * and write the report, all in memory, so a failure never leaves a
 * partial result (docs/tally.md).  The command line only parses its
 * options into a tally_run_opts. */
#ifndef AS_TALLY_RUN_H
#define AS_TALLY_RUN_H

#include <stddef.h>
#include "diag.h"
#include "method.h"
#include "rcv.h"

typedef enum { TALLY_TEXT = 0, TALLY_JSON, TALLY_CSV } tally_format;

typedef struct {
    rcv_options o;      /* rcv_options_default, then what was asked */
    int method_set;     /* o.method was asked for */
    int seats_set;      /* o.seats was asked for */
    tally_format format;
    const char *const *names; /* .csv only: the candidates in list order */
    int nnames;               /* (NULL, 0: as they first appear) */
    int parse_only;     /* read only, and report the counts of what was read */
    const method_def *by; /* NULL, or a method of the registry that counts
                             ballot files (method_def.tally_file) instead
                             of o.method: text only, o.seed for its draw */
} tally_run_opts;

/* tally_run_file: reads the ballot file path (.blt, PrefLib, .csv:
 * bfile_read_list) and counts it with r->by's tally_file, or r->o, settled as the command
 * documents it: without a method, more than one seat (asked for, or the
 * .blt file's own) means STV; IRV and plurality fill one seat unless
 * asked; the Scottish STV rule counts to 5 decimals.  The report (text,
 * RCTab JSON or CSV) goes into *out (malloc'd, *len bytes; the caller
 * frees it).  Failures: the file cannot be read or holds a mistake
 * (AS_ENOENT, AS_EINVAL...: the problems are in d, each "file:line:
 * what to do"); it cannot be counted, or memory runs out (err "PATH:
 * why"). */
as_status tally_run_file(const char *path, const tally_run_opts *r, char **out,
                         size_t *len, diag_list *d, as_err *err);

#endif
