/* roster_csv.c: RFC 4180 reading with source positions.
 *
 * Lenient where spreadsheets differ (line ends, a BOM, a stray quote in
 * the middle of an unquoted cell is kept as a character) and strict where
 * guessing would silently shift columns (an unterminated quote, text after
 * a closing quote). */
#include <stdlib.h>
#include <string.h>
#include "roster_csv.h"

typedef struct {
    const char *b;
    size_t len, i;
    int line, col;
} cursor;

typedef struct {
    char *s;
    size_t n, cap;
} strbuf;

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

static int sb_reserve(strbuf *sb)
{
    if (sb->n + 1 >= sb->cap) {
        size_t cap = sb->cap ? sb->cap * 2 : 32;
        char *s = realloc(sb->s, cap);
        if (!s)
            return -1;
        sb->s = s;
        sb->cap = cap;
    }
    sb->s[sb->n] = '\0';
    return 0;
}

static int sb_put(strbuf *sb, char ch)
{
    if (sb_reserve(sb) != 0)
        return -1;
    sb->s[sb->n++] = ch;
    sb->s[sb->n] = '\0';
    return 0;
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

static int push_field(csv_record *rec, const csv_field *f)
{
    if (rec->nf == rec->cap) {
        int cap = rec->cap ? rec->cap * 2 : 8;
        csv_field *nf = realloc(rec->f, (size_t)cap * sizeof *nf);
        if (!nf)
            return -1;
        rec->f = nf;
        rec->cap = cap;
    }
    rec->f[rec->nf++] = *f;
    return 0;
}

static int push_record(csv_doc *doc, const csv_record *rec)
{
    if (doc->nr == doc->cap) {
        int cap = doc->cap ? doc->cap * 2 : 64;
        csv_record *nr = realloc(doc->r, (size_t)cap * sizeof *nr);
        if (!nr)
            return -1;
        doc->r = nr;
        doc->cap = cap;
    }
    doc->r[doc->nr++] = *rec;
    return 0;
}

static void free_record(csv_record *rec)
{
    for (int i = 0; i < rec->nf; i++)
        free(rec->f[i].value);
    free(rec->f);
    memset(rec, 0, sizeof *rec);
}

/* read_quoted: the cell at c starts with '"'.  Returns 1 when it ended
 * properly, 0 when the file ended inside it. */
static int read_quoted(cursor *c, strbuf *sb, int *oom)
{
    advance(c); /* the opening quote */
    for (;;) {
        int ch = peek(c);
        if (ch < 0)
            return 0;
        if (ch == '"') {
            advance(c);
            if (peek(c) != '"')
                return 1;
        }
        if (sb_put(sb, (char)ch) != 0)
            *oom = 1;
        advance(c);
    }
}

as_status csv_parse(const char *name, const char *buf, size_t len,
                    csv_doc *doc, diag_list *diag)
{
    cursor c = {buf, len, 0, 1, 1};
    int errors = 0, oom = 0;

    if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
        c.i = 3;
    while (c.i < c.len && !oom) {
        csv_record rec = {0};
        rec.line = c.line;
        for (;;) {
            csv_field f = {0};
            strbuf sb = {0};
            f.line = c.line;
            f.col = c.col;
            f.raw_start = c.i;
            if (sb_reserve(&sb) != 0) /* empty cells get "" too */
                oom = 1;
            if (peek(&c) == '"') {
                f.quoted = 1;
                if (!read_quoted(&c, &sb, &oom)) {
                    diag_add(diag, name, f.line, f.col,
                             "this quoted cell never ends; add the closing "
                             "double quote (\") or remove the opening one");
                    free(sb.s);
                    free_record(&rec);
                    return AS_EINVAL;
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
                    if (sb_put(&sb, (char)ch) != 0)
                        oom = 1;
                    advance(&c);
                }
            }
            f.raw_end = c.i;
            f.value = sb.s;
            if (f.value && strlen(f.value) != sb.n) {
                diag_add(diag, name, f.line, f.col,
                         "this cell contains a NUL byte; save the roster as "
                         "a plain-text CSV file");
                errors++;
            } else if (f.value) {
                long bad = utf8_bad((const unsigned char *)f.value, sb.n);
                if (bad >= 0) {
                    diag_add(diag, name, f.line, f.col,
                             "this cell is not valid UTF-8; save the roster "
                             "as \"CSV UTF-8\" in your spreadsheet program");
                    errors++;
                }
            }
            if (oom || push_field(&rec, &f) != 0) {
                free(f.value);
                oom = 1;
                break;
            }
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
        if (oom || push_record(doc, &rec) != 0) {
            free_record(&rec);
            oom = 1;
        }
    }
    if (oom) {
        diag_add(diag, name, 0, 0, "out of memory reading the roster");
        return AS_ENOMEM;
    }
    return errors ? AS_EINVAL : AS_OK;
}

void csv_doc_free(csv_doc *doc)
{
    for (int i = 0; i < doc->nr; i++)
        free_record(&doc->r[i]);
    free(doc->r);
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
