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

/* utf8_bad: offset of the first byte that breaks UTF-8 in s, or -1. */
static long utf8_bad(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t k;
        unsigned cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            k = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            k = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            k = 3;
            cp = c & 0x07;
        } else {
            return (long)i;
        }
        if (i + k >= n) /* cut off by the end of the cell */
            return (long)i;
        for (size_t j = 1; j <= k; j++) {
            if ((s[i + j] & 0xC0) != 0x80)
                return (long)i;
            cp = (cp << 6) | (s[i + j] & 0x3F);
        }
        if ((k == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
            return (long)i;
        i += k + 1;
    }
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

as_status csv_parse(const char *name, const char *buf, size_t len,
                    csv_doc *doc, diag_list *diag)
{
    cursor c = {buf, len, 0, 1, 1};
    int errors = 0, oom = 0, rows = 0;
    textbuf t = {NULL, 0};
    size_t at = 0;                /* where the current cell's text starts */
    int cell_line = 0, cell_col = 0;
    as_status st;

    size_t seps = 1;
    for (size_t i = 0; i < len && seps <= CSV_MAX_CELLS; i++)
        seps += buf[i] == ',' || buf[i] == '\n' || buf[i] == '\r';
    doc->cap_cells = seps < CSV_MAX_CELLS ? seps : CSV_MAX_CELLS;
    doc->cap = seps < CSV_MAX_ROWS + 1 ? (int)seps : CSV_MAX_ROWS + 1;
    doc->cells = malloc(doc->cap_cells * sizeof *doc->cells);
    doc->r = malloc((size_t)doc->cap * sizeof *doc->r);
    if (len > (SIZE_MAX - 2) / 2 || !(t.s = malloc(2 * len + 2)) ||
        !doc->cells || !doc->r) {
        free(t.s);
        diag_add(diag, name, 0, 0, "out of memory reading the roster");
        return AS_ENOMEM;
    }
    doc->text = t.s;
    if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
        c.i = 3;
    while (c.i < c.len && !oom) {
        /* A blank line costs nothing but its line number: skipped here,
         * before any cell is made for it. */
        size_t j = c.i;
        while (j < c.len && (buf[j] == ' ' || buf[j] == '\t'))
            j++;
        if (j < c.len && (buf[j] == '\r' || buf[j] == '\n')) {
            c.i = j + (buf[j] == '\r' && j + 1 < c.len && buf[j + 1] == '\n' ? 2 : 1);
            c.line++;
            c.col = 1;
            continue;
        }
        csv_record rec = {0};
        size_t text_at = t.n;
        int blank = 1;
        rec.line = c.line;
        rec.first = doc->ncells;
        for (;;) {
            csv_field f = {0};
            f.line = c.line;
            f.col = c.col;
            f.raw_start = c.i;
            cell_line = f.line;
            cell_col = f.col;
            at = t.n;
            if (peek(&c) == '"') {
                f.quoted = 1;
                int ended = read_quoted(&c, &t);
                if (ended == 2)
                    goto too_long;
                if (!ended) {
                    diag_add(diag, name, f.line, f.col,
                             "this quoted cell never ends; add the closing "
                             "double quote (\") or remove the opening one");
                    goto refused;
                }
                while (peek(&c) == ' ' || peek(&c) == '\t')
                    advance(&c);
                int ch = peek(&c);
                if (ch >= 0 && ch != ',' && ch != '\r' && ch != '\n') {
                    diag_add(diag, name, c.line, c.col,
                             "text after the closing quote of a cell; put the "
                             "whole cell in quotes and write each \" inside "
                             "it as \"\"");
                    errors++;
                    while ((ch = peek(&c)) >= 0 && ch != ',' && ch != '\r' &&
                           ch != '\n')
                        advance(&c);
                }
            } else {
                int ch;
                while ((ch = peek(&c)) >= 0 && ch != ',' && ch != '\r' &&
                       ch != '\n') {
                    if (t.n - at > CSV_MAX_CELL_BYTES)
                        goto too_long;
                    put(&t, (char)ch);
                    advance(&c);
                }
            }
            size_t n = t.n - at;
            put(&t, '\0');
            f.raw_end = c.i;
            f.value = t.s + at;
            if (strlen(f.value) != n) {
                diag_add(diag, name, f.line, f.col,
                         "this cell contains a NUL byte; save the roster as "
                         "a plain-text CSV file");
                errors++;
            } else if (utf8_bad((const unsigned char *)f.value, n) >= 0) {
                diag_add(diag, name, f.line, f.col,
                         "this cell is not valid UTF-8; save the roster "
                         "as \"CSV UTF-8\" in your spreadsheet program");
                errors++;
            }
            blank = blank && blank_value(f.value);
            if (doc->ncells >= CSV_MAX_CELLS) {
                diag_add(diag, name, f.line, f.col,
                         "more than %d cells in the file; a roster holds far "
                         "fewer: is this the right file?", CSV_MAX_CELLS);
                goto refused;
            }
            if (push_cell(doc, &f) != 0) {
                oom = 1;
                break;
            }
            rec.nf++;
            if (peek(&c) == ',') {
                advance(&c);
                continue;
            }
            rec.end = c.i;
            if (peek(&c) == '\r')
                advance(&c);
            if (peek(&c) == '\n')
                advance(&c);
            break;
        }
        if (oom)
            break;
        if (blank) { /* kept as nothing but the line numbers it took */
            doc->ncells = rec.first;
            t.n = text_at;
            continue;
        }
        if (++rows > CSV_MAX_ROWS + 1) { /* the header is one of them */
            diag_add(diag, name, rec.line, 1,
                     "more than %d rows after the header; a roster holds far "
                     "fewer: is this the right file?", CSV_MAX_ROWS);
            goto refused;
        }
        if (push_record(doc, &rec) != 0)
            oom = 1;
    }
    if (oom) {
        diag_add(diag, name, 0, 0, "out of memory reading the roster");
        st = AS_ENOMEM;
    } else {
        st = errors ? AS_EINVAL : AS_OK;
    }
    goto done;
too_long:
    diag_add(diag, name, cell_line, cell_col,
             "this cell is longer than the %d bytes a cell may have; is "
             "this the right file?", CSV_MAX_CELL_BYTES);
refused: /* a cap crossed or a quote never closed: the rows before stay */
    st = AS_EINVAL;
done:
    /* The cells array has stopped moving: point the records into it. */
    for (int i = 0; i < doc->nr; i++)
        doc->r[i].f = doc->cells + doc->r[i].first;
    doc->text_len = t.n;
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
