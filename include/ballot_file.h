/* ballot_file.h: reading ballot files into a ballot set (rcv.h) for
 * `asamblea tally`.  Plain C, core.
 *
 * Every reader checks the whole file and reports every problem as
 * "file:line: what is wrong and how to fix it" in diag; on any error the
 * result is AS_EINVAL with *out NULL: never a partial ballot set. */
#ifndef AS_BALLOT_FILE_H
#define AS_BALLOT_FILE_H

#include <stddef.h>
#include "diag.h"
#include "rcv.h"
#include "status.h"

typedef enum {
    BFILE_AUTO = 0, /* by extension: .blt, .soi/.toi/.toc, .csv */
    BFILE_BLT,      /* ERS / OpenSTV / Droop ballot format */
    BFILE_PREFLIB,  /* PrefLib .soi/.toi/.toc (and .soc/.toc orders) */
    BFILE_CSV       /* one ballot per row, ranks in columns */
} bfile_format;

/* bfile_read: reads path in format fmt (BFILE_AUTO: by its extension; an
 * unknown extension is AS_EINVAL naming the formats known).  AS_ENOENT /
 * AS_EIO when the file cannot be read (diag says so), AS_EINVAL for bad
 * content, AS_ENOMEM.  On AS_OK the caller owns *out. */
as_status bfile_read(const char *path, bfile_format fmt, rcv_ballots **out,
                     diag_list *diag);

/* bfile_parse_blt / bfile_parse_preflib / bfile_parse_csv: the same from
 * a buffer of len bytes; name is used in diagnostics. */
as_status bfile_parse_blt(const char *name, const char *buf, size_t len,
                          rcv_ballots **out, diag_list *diag);
as_status bfile_parse_preflib(const char *name, const char *buf, size_t len,
                              rcv_ballots **out, diag_list *diag);
as_status bfile_parse_csv(const char *name, const char *buf, size_t len,
                          rcv_ballots **out, diag_list *diag);

/* bfile_read_list / bfile_parse_csv_list: the same, but when names is
 * non-NULL the candidates are exactly names[0..n) in that order (the list
 * order the list-order tie-break uses), even those nobody marked; a ballot
 * marking any other name is an error at its line.  Only CSV files take a
 * list (another format with names non-NULL is AS_EINVAL).  A duplicate or
 * empty name in the list is AS_EINVAL.  (The ES&S label `UWI` still adds
 * the candidate "Undeclared Write-ins" after the list.) */
as_status bfile_read_list(const char *path, bfile_format fmt,
                          const char *const *names, int n, rcv_ballots **out,
                          diag_list *diag);
as_status bfile_parse_csv_list(const char *name, const char *buf, size_t len,
                               const char *const *names, int n,
                               rcv_ballots **out, diag_list *diag);

#endif
