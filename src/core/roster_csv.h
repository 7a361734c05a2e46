/* roster_csv.h: an RFC 4180 reader that remembers where every cell came
 * from, so roster_issue can rewrite one cell and leave every other byte of
 * the file as it was.  Internal to src/core. */
#ifndef AS_ROSTER_CSV_H
#define AS_ROSTER_CSV_H

#include <stddef.h>
#include "diag.h"
#include "status.h"

typedef struct {
    char *value;      /* unquoted, NUL-terminated */
    size_t raw_start; /* the cell's bytes in the buffer, quotes included */
    size_t raw_end;
    int line, col;    /* where the cell starts (1-based; col in characters) */
    int quoted;
} csv_field;

typedef struct {
    csv_field *f;
    int nf, cap;
    int line;         /* where the record starts */
    size_t end;       /* offset just before its line end (or EOF) */
} csv_record;

typedef struct {
    csv_record *r;
    int nr, cap;
} csv_doc;

/* csv_parse: splits buf into records and cells.  A UTF-8 byte-order mark
 * is skipped; CRLF, LF and lone CR all end a record outside quotes.
 * Problems (an unterminated quote, text after a closing quote, a NUL byte,
 * invalid UTF-8) are added to diag as "name:line:col: ..." and give
 * AS_EINVAL; AS_ENOMEM when memory runs out.  doc must be zeroed before
 * the call and csv_doc_free'd after it, whatever the result. */
as_status csv_parse(const char *name, const char *buf, size_t len,
                    csv_doc *doc, diag_list *diag);

/* csv_doc_free: releases everything doc holds and zeroes it. */
void csv_doc_free(csv_doc *doc);

/* csv_record_blank: 1 when every cell of the record is empty or blanks. */
int csv_record_blank(const csv_record *rec);

#endif
