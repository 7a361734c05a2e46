/* roster.h: the meeting's roster, a CSV file (RFC 4180, UTF-8, header row)
 * with at least the columns name, role, token.  role is "attendee" or
 * "facilitator"; token may be empty until `asamblea roster issue` fills
 * it.  Unknown columns are kept (and written back unchanged by
 * roster_issue) but otherwise ignored.  A UTF-8 byte-order mark, CRLF line
 * ends, quoted commas, quotes and newlines are accepted. */
#ifndef AS_ROSTER_H
#define AS_ROSTER_H

#include "diag.h"
#include "status.h"
#include "token.h"

typedef enum { MEMBER_ATTENDEE = 0, MEMBER_FACILITATOR = 1 } member_role;

typedef struct {
    char *name;
    member_role role;
    char token[TOKEN_TEXT_SIZE]; /* canonical, or "" when not issued yet */
    int line;                    /* 1-based line in the file where the row starts */
} roster_entry;

typedef struct roster roster; /* opaque: also keeps the raw rows */

/* roster_load: parses path.  Every problem (missing column, unknown role,
 * malformed or duplicate token, bad quoting, empty name) is added to diag
 * as "path:line:col: ..." and the function returns AS_EINVAL with *out
 * NULL; a missing file gives AS_ENOENT with one diag line.  Rows that are
 * entirely empty are skipped.  On AS_OK the caller owns *out. */
as_status roster_load(const char *path, roster **out, diag_list *diag);

/* roster_parse: the same from a buffer; name is used in diagnostics. */
as_status roster_parse(const char *name, const char *buf, size_t len,
                       roster **out, diag_list *diag);

/* roster_free: NULL allowed. */
void roster_free(roster *r);

/* roster_count / roster_get: the parsed rows, in file order. */
int roster_count(const roster *r);
const roster_entry *roster_get(const roster *r, int i);

/* roster_facilitators: how many rows have role facilitator. */
int roster_facilitators(const roster *r);

/* roster_issue: gives every row of the file at path that has no token a
 * fresh one and rewrites the file atomically (temporary file in the same
 * directory, fsync, rename, fsync of the directory).  Existing tokens and
 * every other cell, column and row are written back unchanged.  *issued
 * receives how many tokens were added (0 leaves the file untouched).
 * Fails like roster_load, or with AS_EIO/AS_EREADONLY/AS_EFULL (err says
 * which file and what to do) in which case the original is untouched. */
as_status roster_issue(const char *path, int *issued, diag_list *diag);

#endif
