/* roster_csv.h: an RFC 4180 reader that remembers where every cell came
 * from, so roster_issue can rewrite one cell and leave every other byte of
 * the file as it was.  Internal to its folder. */
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

/* What a roster or membership list may hold (docs/roster.md, "Limits"),
 * so that memory follows the rows a file really has: a 10 MB file of
 * blank lines once took 4 GB.  Far beyond any real assembly. */
#define CSV_MAX_ROWS 100000       /* rows with content after the header */
#define CSV_MAX_CELLS 1000000     /* cells in those rows */
#define CSV_MAX_CELL_BYTES 4096   /* one cell, quotes left out */

typedef struct {
    csv_field *f;     /* nf cells, inside the doc's one array */
    int nf;
    int line;         /* where the record starts */
    size_t end;       /* offset just before its line end (or EOF) */
    size_t first;     /* index of f[0] in the doc's cells (internal) */
} csv_record;

typedef struct {
    csv_record *r;
    int nr, cap;
    csv_field *cells; /* every record's cells, one after another */
    size_t ncells, cap_cells;
    char *text;       /* every cell's value, NUL-terminated, one after
                         another: one allocation, not one per cell */
    size_t text_len;
} csv_doc;

/* csv_parse: splits buf into records and cells.  A UTF-8 byte-order mark
 * is skipped; CRLF, LF and lone CR all end a record outside quotes.
 * Blank records (every cell empty or blanks, csv_record_blank) are not
 * kept: they only advance the line numbers.
 * Problems (an unterminated quote, text after a closing quote, a NUL byte,
 * invalid UTF-8) are added to diag as "name:line:col: ..." and give
 * AS_EINVAL; so does crossing CSV_MAX_ROWS, CSV_MAX_CELLS or
 * CSV_MAX_CELL_BYTES, which stops the reading there.  Memory is about the
 * kept cells' bytes plus 40 bytes a cell.  AS_ENOMEM when memory runs
 * out.  doc must be zeroed before the call and csv_doc_free'd after it,
 * whatever the result. */
as_status csv_parse(const char *name, const char *buf, size_t len,
                    csv_doc *doc, diag_list *diag);

/* csv_utf8_len: the length of the valid UTF-8 sequence at s[0..n) (no
 * overlong form, surrogate or code point past U+10FFFF), or 0 when s
 * does not start one.  n >= 1. */
size_t csv_utf8_len(const unsigned char *s, size_t n);

/* csv_doc_free: releases everything doc holds and zeroes it. */
void csv_doc_free(csv_doc *doc);

/* csv_record_blank: 1 when every cell of the record is empty or blanks. */
int csv_record_blank(const csv_record *rec);

#endif
