/* roster_import_internal.h: what the parts of `roster import` share: the
 * text helpers and output buffer (roster_import_text.c), the column
 * finding (roster_import_columns.c), used by the conversion
 * (roster_import_convert.c); roster_import.c writes the file.  Internal to
 * its folder. */
#ifndef AS_ROSTER_IMPORT_INTERNAL_H
#define AS_ROSTER_IMPORT_INTERNAL_H

#include <stddef.h>
#include "diag.h"
#include "roster.h"
#include "roster_csv.h"

/* Spreadsheets of a few thousand members are well under a megabyte. */
#define IMPORT_MAX_BYTES (64u * 1024 * 1024)
#define IMPORT_UTF8_BOM "\xEF\xBB\xBF"

/* obuf: the roster being written, NUL-terminated; oom set once memory
 * ran out (every later append does nothing). */
typedef struct {
    char *s;
    size_t n, cap;
    int oom;
} obuf;

void obuf_put(obuf *b, const char *p, size_t n);
void obuf_str(obuf *b, const char *s);
/* obuf_cell: one CSV cell, quoted only where RFC 4180 needs it. */
void obuf_cell(obuf *b, const char *v);

/* import_squeezed: a malloc'd copy of s, trimmed, each run of blanks and
 * line breaks inside it one space; NULL when memory ran out. */
char *import_squeezed(const char *s);
/* import_same_word: s and word, both trimmed, equal ignoring ASCII case. */
int import_same_word(const char *s, const char *word);
int import_is_blank(const char *s);
/* import_check_utf8: 1 (one diagnostic for the whole file) when buf is
 * UTF-16 or not UTF-8, else 0. */
int import_check_utf8(const char *name, const char *buf, size_t len, diag_list *diag);

/* import_cell: the record's cell in column col, or NULL when it has none. */
const csv_field *import_cell(const csv_record *rec, int col);
/* import_find_named: the first column whose header is want (-1 if none);
 * *count gets how many columns have that header. */
int import_find_named(const csv_record *h, const char *want, int *count);

/* import_cols: the columns the conversion reads (-1: none). */
typedef struct {
    int name, role, token;
} import_cols;

/* import_columns: picks the name, role and token columns of header h
 * from the options (or the usual headers).  Returns how many problems it
 * reported (0: all of *c is set). */
int import_columns(const char *name, const csv_record *h, const roster_import_opts *o,
                   import_cols *c, diag_list *diag);

#endif
