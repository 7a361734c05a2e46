/* roster_csv.c: RFC 4180 reading with source positions.
 *
 * Lenient where spreadsheets differ (line ends, a BOM, a stray quote in
 * the middle of an unquoted cell is kept as a character) and strict where
 * guessing would silently shift columns (an unterminated quote, text after
 * a closing quote). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "roster_csv.h"

typedef struct {
    const char *b;
    size_t len, i;
    int line, col;
} cursor;

static int peek(const cursor *c)
{
    return c->i < c->len ? (unsigned char)c->b[c->i] : -1;
}

/* advance: one byte forward, keeping line and character column. */
static void advance(cursor *c)
{
    unsigned char ch = (unsigned char)c->b[c->i++];
    if (ch == '\n' || (ch == '\r' && peek(c) != '\n')) {
        c->line++;
        c->col = 1;
    } else if ((ch & 0xC0) != 0x80) {
        c->col++;
    }
}

size_t csv_utf8_len(const unsigned char *s, size_t n)
{
    size_t k;
    unsigned cp;
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        k = 1, cp = s[0] & 0x1Fu;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        k = 2, cp = s[0] & 0x0Fu;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        k = 3, cp = s[0] & 0x07u;
    else
        return 0;
    if (k >= n) /* cut off by the end */
        return 0;
    for (size_t j = 1; j <= k; j++) {
        if ((s[j] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[j] & 0x3Fu);
    }
    if ((k == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    return k + 1;
}

/* utf8_bad: offset of the first byte that breaks UTF-8 in s, or -1. */
static long utf8_bad(const unsigned char *s, size_t n)
{
    for (size_t i = 0, k; i < n; i += k)
        if ((k = csv_utf8_len(s + i, n - i)) == 0)
            return (long)i;
    return -1;
}

/* text: where the cell values go.  Allocated once for the worst case
 * (every input byte a value byte, plus a NUL per cell, and cells are at
 * most one more than the bytes), so pointers into it stay valid; only
 * the bytes written are ever touched, so memory follows what is kept. */
typedef struct {
    char *s;
    size_t n;
} textbuf;

static void put(textbuf *t, char ch)
{
    t->s[t->n++] = ch;
}

/* The cells and records arrays are allocated once, before reading, at
 * a bound counted from the separators (every cell ends at a comma, a
 * line end or the end of the file) and the caps: growing them by
 * doubling kept the old copies around too.  Unused room is never
 * touched, so it costs address space, not memory. */
static int push_cell(csv_doc *doc, const csv_field *f)
{
    if (doc->ncells == doc->cap_cells)
        return -1; /* cannot happen: the bound is counted */
    doc->cells[doc->ncells++] = *f;
    return 0;
}

static int push_record(csv_doc *doc, const csv_record *rec)
{
    if (doc->nr == doc->cap)
        return -1; /* cannot happen: the bound is counted */
    doc->r[doc->nr++] = *rec;
    return 0;
}

/* read_quoted: the cell at c starts with '"'.  Returns 1 when it ended
 * properly, 0 when the file ended inside it, 2 when it grew past
 * CSV_MAX_CELL_BYTES (read no further: the rest may be the whole file). */
static int read_quoted(cursor *c, textbuf *t)
{
    size_t at = t->n;
    advance(c); /* the opening quote */
    for (;;) {
        int ch = peek(c);
        if (ch < 0)
            return 0;
        if (t->n - at > CSV_MAX_CELL_BYTES)
            return 2;
        if (ch == '"') {
            advance(c);
            if (peek(c) != '"')
                return 1;
        }
        put(t, (char)ch);
        advance(c);
    }
}

static int blank_value(const char *p)
{
    for (; *p; p++)
        if (*p != ' ' && *p != '\t')
            return 0;
    return 1;
}

/* csv_reader: the state one csv_parse shares between its steps. */
typedef struct {
    const char *name;
    diag_list *diag;
    cursor c;
    textbuf t;
    int errors;              /* problems reported that let reading go on */
    int cell_line, cell_col; /* where the cell being read starts */
} csv_reader;

/* What a step says: go on, or why the reading stops. */
enum { CSV_GO = 0, CSV_TOO_LONG, CSV_REFUSED, CSV_OOM };

/* csv_alloc: the cells, records and text arrays, each allocated once at
 * its bound (see push_cell).  AS_ENOMEM (reported) or AS_OK. */
static as_status csv_alloc(csv_reader *R, csv_doc *doc)
{
    const char *buf = R->c.b;
    size_t len = R->c.len, seps = 1;
    for (size_t i = 0; i < len && seps <= CSV_MAX_CELLS; i++)
        seps += buf[i] == ',' || buf[i] == '\n' || buf[i] == '\r';
    doc->cap_cells = seps < CSV_MAX_CELLS ? seps : CSV_MAX_CELLS;
    doc->cap = seps < CSV_MAX_ROWS + 1 ? (int)seps : CSV_MAX_ROWS + 1;
    doc->cells = malloc(doc->cap_cells * sizeof *doc->cells);
    doc->r = malloc((size_t)doc->cap * sizeof *doc->r);
    if (len > (SIZE_MAX - 2) / 2 || !(R->t.s = malloc(2 * len + 2)) ||
        !doc->cells || !doc->r) {
        free(R->t.s);
        diag_add(R->diag, R->name, 0, 0, "out of memory reading the roster");
        return AS_ENOMEM;
    }
    doc->text = R->t.s;
    return AS_OK;
}

/* skip_blank_line: a line of nothing but blanks costs nothing but its
 * line number: skipped here, before any cell is made for it.  1 when
 * one was skipped. */
static int skip_blank_line(cursor *c)
{
    size_t j = c->i;
    while (j < c->len && (c->b[j] == ' ' || c->b[j] == '\t'))
        j++;
    if (j >= c->len || (c->b[j] != '\r' && c->b[j] != '\n'))
        return 0;
    c->i = j + (c->b[j] == '\r' && j + 1 < c->len && c->b[j + 1] == '\n' ? 2 : 1);
    c->line++;
    c->col = 1;
    return 1;
}

/* quoted_cell: the quoted cell at the cursor, then what follows its
 * closing quote (blanks are allowed; text is reported and skipped). */
static int quoted_cell(csv_reader *R, const csv_field *f)
{
    cursor *c = &R->c;
    int ended = read_quoted(c, &R->t);
    if (ended == 2)
        return CSV_TOO_LONG;
    if (!ended) {
        diag_add(R->diag, R->name, f->line, f->col,
                 "this quoted cell never ends; add the closing "
                 "double quote (\") or remove the opening one");
        return CSV_REFUSED;
    }
    while (peek(c) == ' ' || peek(c) == '\t')
        advance(c);
    int ch = peek(c);
    if (ch >= 0 && ch != ',' && ch != '\r' && ch != '\n') {
        diag_add(R->diag, R->name, c->line, c->col,
                 "text after the closing quote of a cell; put the "
                 "whole cell in quotes and write each \" inside "
                 "it as \"\"");
        R->errors++;
        while ((ch = peek(c)) >= 0 && ch != ',' && ch != '\r' && ch != '\n')
            advance(c);
    }
    return CSV_GO;
}

/* read_cell: the cell at the cursor into f, its value checked (no NUL
 * byte, valid UTF-8).  Separate from the record so that the cell's own
 * rules (quoting, the byte cap) read on their own. */
static int read_cell(csv_reader *R, csv_field *f)
{
    cursor *c = &R->c;
    f->line = c->line;
    f->col = c->col;
    f->raw_start = c->i;
    R->cell_line = f->line;
    R->cell_col = f->col;
    size_t at = R->t.n; /* where the cell's text starts */
    if (peek(c) == '"') {
        f->quoted = 1;
        int rc = quoted_cell(R, f);
        if (rc != CSV_GO)
            return rc;
    } else {
        int ch;
        while ((ch = peek(c)) >= 0 && ch != ',' && ch != '\r' && ch != '\n') {
            if (R->t.n - at > CSV_MAX_CELL_BYTES)
                return CSV_TOO_LONG;
            put(&R->t, (char)ch);
            advance(c);
        }
    }
    size_t n = R->t.n - at;
    put(&R->t, '\0');
    f->raw_end = c->i;
    f->value = R->t.s + at;
    if (strlen(f->value) != n) {
        diag_add(R->diag, R->name, f->line, f->col,
                 "this cell contains a NUL byte; save the roster as "
                 "a plain-text CSV file");
        R->errors++;
    } else if (utf8_bad((const unsigned char *)f->value, n) >= 0) {
        diag_add(R->diag, R->name, f->line, f->col,
                 "this cell is not valid UTF-8; save the roster "
                 "as \"CSV UTF-8\" in your spreadsheet program");
        R->errors++;
    }
    return CSV_GO;
}

/* read_record: the record at the cursor, its cells pushed onto doc's;
 * *blank says whether every cell was blank.  CSV_GO or why to stop. */
static int read_record(csv_reader *R, csv_doc *doc, csv_record *rec, int *blank)
{
    cursor *c = &R->c;
    *blank = 1;
    rec->line = c->line;
    rec->first = doc->ncells;
    for (;;) {
        csv_field f = {0};
        int rc = read_cell(R, &f);
        if (rc != CSV_GO)
            return rc;
        *blank = *blank && blank_value(f.value);
        if (doc->ncells >= CSV_MAX_CELLS) {
            diag_add(R->diag, R->name, f.line, f.col,
                     "more than %d cells in the file; a roster holds far "
                     "fewer: is this the right file?", CSV_MAX_CELLS);
            return CSV_REFUSED;
        }
        if (push_cell(doc, &f) != 0)
            return CSV_OOM;
        rec->nf++;
        if (peek(c) == ',') {
            advance(c);
            continue;
        }
        rec->end = c->i;
        if (peek(c) == '\r')
            advance(c);
        if (peek(c) == '\n')
            advance(c);
        return CSV_GO;
    }
}

as_status csv_parse(const char *name, const char *buf, size_t len,
                    csv_doc *doc, diag_list *diag)
{
    csv_reader R = {.name = name, .diag = diag, .c = {buf, len, 0, 1, 1}};
    int rows = 0, rc = CSV_GO;
    as_status st;

    if (csv_alloc(&R, doc) != AS_OK)
        return AS_ENOMEM;
    if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
        R.c.i = 3;
    while (R.c.i < R.c.len) {
        if (skip_blank_line(&R.c))
            continue;
        csv_record rec = {0};
        size_t text_at = R.t.n;
        int blank;
        if ((rc = read_record(&R, doc, &rec, &blank)) != CSV_GO)
            break;
        if (blank) { /* kept as nothing but the line numbers it took */
            doc->ncells = rec.first;
            R.t.n = text_at;
            continue;
        }
        if (++rows > CSV_MAX_ROWS + 1) { /* the header is one of them */
            diag_add(diag, name, rec.line, 1,
                     "more than %d rows after the header; a roster holds far "
                     "fewer: is this the right file?", CSV_MAX_ROWS);
            rc = CSV_REFUSED;
            break;
        }
        if (push_record(doc, &rec) != 0) {
            rc = CSV_OOM;
            break;
        }
    }
    if (rc == CSV_OOM) {
        diag_add(diag, name, 0, 0, "out of memory reading the roster");
        st = AS_ENOMEM;
    } else if (rc == CSV_TOO_LONG) {
        diag_add(diag, name, R.cell_line, R.cell_col,
                 "this cell is longer than the %d bytes a cell may have; is "
                 "this the right file?", CSV_MAX_CELL_BYTES);
        st = AS_EINVAL;
    } else if (rc == CSV_REFUSED) {
        st = AS_EINVAL; /* a cap crossed or a quote never closed: the rows before stay */
    } else {
        st = R.errors ? AS_EINVAL : AS_OK;
    }
    /* The cells array has stopped moving: point the records into it. */
    for (int i = 0; i < doc->nr; i++)
        doc->r[i].f = doc->cells + doc->r[i].first;
    doc->text_len = R.t.n;
    return st;
}

void csv_doc_free(csv_doc *doc)
{
    free(doc->r);
    free(doc->cells);
    free(doc->text);
    memset(doc, 0, sizeof *doc);
}

int csv_record_blank(const csv_record *rec)
{
    for (int i = 0; i < rec->nf; i++)
        for (const char *p = rec->f[i].value; p && *p; p++)
            if (*p != ' ' && *p != '\t')
                return 0;
    return 1;
}
