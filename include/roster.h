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

/* Importing a membership list (roster_import.c): a spreadsheet's CSV
 * export turned into a roster.  See docs/roster.md, "Importing a
 * membership list". */

typedef struct {
    const char *name_column;       /* header of the names; NULL tries
                                    * "name", "full name", "nombre" */
    const char *role_column;       /* NULL: everybody is an attendee */
    const char *facilitator_value; /* with role_column: the cell value that
                                    * means facilitator (NULL: "facilitator") */
    const char *token_column;      /* NULL: a column named "token", if any */
} roster_import_opts;

typedef struct {
    int people;       /* rows imported */
    int facilitators; /* of which facilitators */
    int shared_names; /* distinct names carried by more than one row */
    int max_shared;   /* the most rows sharing one name (1 when none) */
    int tokens;       /* rows whose token was copied from the input */
    int kept_columns; /* other columns carried over after name,role,token */
} roster_import_summary;

/* roster_import_convert: turns the membership list buf (len bytes; name is
 * used in diagnostics) into the bytes of a roster: a UTF-8 byte-order mark,
 * the header "name,role,token" followed by every other input column (a
 * kept column whose header would read as name, role or token gets
 * " (imported)" appended), then one LF-terminated row per non-blank input
 * row.  Names are trimmed and line breaks or tabs inside them become
 * single spaces; roles are attendee unless o->role_column's cell equals
 * o->facilitator_value (ASCII case-insensitive, trimmed); tokens are
 * normalized with token_normalize, or left empty when there is no token
 * column.  Column headers match ASCII case-insensitively, trimmed.
 *
 * Every problem is added to diag as "name:line:col: what is wrong and how
 * to fix it" and the result is AS_EINVAL: a file that is not UTF-8 (one
 * line for the first bad byte, saying to save as "CSV UTF-8"; encodings
 * are never guessed), CSV quoting errors, no or an ambiguous name column,
 * an unknown --role-column/--token-column, a row with no name, a row with
 * more cells than the header, a malformed token or one with a wrong check
 * character, a token used twice (naming both lines), no people at all.
 * AS_ENOMEM when memory runs out.  On AS_OK *out is malloc'd (NUL
 * terminated, *outlen without the NUL; it may hold tokens: the caller
 * should sodium_memzero it before freeing) and sum (may be NULL) is
 * filled; on failure *out is NULL.  Never prints and never touches the
 * disk. */
as_status roster_import_convert(const char *name, const char *buf, size_t len,
                                const roster_import_opts *o, char **out,
                                size_t *outlen, roster_import_summary *sum,
                                diag_list *diag);

/* roster_import: reads in_path, converts it as above and writes the roster
 * to out_path: a temporary file (mode 0600) in out_path's folder, fsync,
 * then moved into place, so out_path appears whole or not at all.  Nothing
 * is written unless the whole input converted cleanly.  Refused with
 * AS_EINVAL (one diag line, nothing written) when out_path exists and
 * force is 0, when out_path is in_path itself (even with force), or when
 * out_path is a folder.  AS_ENOENT for a missing input; AS_EREADONLY /
 * AS_EFULL / AS_EIO when the output cannot be written (any existing
 * out_path is left as it was).  sum (may be NULL) is filled on AS_OK. */
as_status roster_import(const char *in_path, const char *out_path,
                        const roster_import_opts *o, int force,
                        roster_import_summary *sum, diag_list *diag);

#endif
