/* roster_import_text.c: the text side of importing a membership list:
 * the output buffer the roster is written into, the blank and case rules
 * names and headers are compared by, and the whole-file UTF-8 check.
 * Shared by the column finding and the conversion (roster_import_*.c). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "roster_import_internal.h"

/* obuf_put: appends n bytes (kept NUL-terminated); on no memory sets
 * b->oom and appends nothing more. */
void obuf_put(obuf *b, const char *p, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (b->n + n + 1 > cap)
            cap *= 2;
        char *s = realloc(b->s, cap);
        if (!s) {
            b->oom = 1;
            return;
        }
        b->s = s;
        b->cap = cap;
    }
    memcpy(b->s + b->n, p, n);
    b->n += n;
    b->s[b->n] = '\0';
}

/* obuf_str: appends the string s. */
void obuf_str(obuf *b, const char *s)
{
    obuf_put(b, s, strlen(s));
}

/* obuf_cell: one CSV cell, quoted only where RFC 4180 needs it. */
void obuf_cell(obuf *b, const char *v)
{
    if (!strpbrk(v, ",\"\r\n")) {
        obuf_str(b, v);
        return;
    }
    obuf_put(b, "\"", 1);
    for (const char *p = v; *p; p++) {
        if (*p == '"')
            obuf_put(b, "\"", 1);
        obuf_put(b, p, 1);
    }
    obuf_put(b, "\"", 1);
}

static int blank_char(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* import_squeezed: a malloc'd copy of s, trimmed, with every run of blanks and
 * line breaks inside it made one space (a name goes on one badge line). */
char *import_squeezed(const char *s)
{
    char *t = malloc(strlen(s) + 1), *o = t;
    if (!t)
        return NULL;
    while (blank_char(*s))
        s++;
    while (*s) {
        if (blank_char(*s)) {
            while (blank_char(*s))
                s++;
            if (*s)
                *o++ = ' ';
        } else {
            *o++ = *s++;
        }
    }
    *o = '\0';
    return t;
}

/* trim: s without blanks around it, as a pointer and a length. */
static const char *trim(const char *s, size_t *n)
{
    while (blank_char(*s))
        s++;
    *n = strlen(s);
    while (*n && blank_char(s[*n - 1]))
        (*n)--;
    return s;
}

/* import_same_word: s and word, both trimmed, are equal ignoring ASCII case (a
 * header typed on the command line need not match its spaces). */
int import_same_word(const char *s, const char *word)
{
    size_t n, wl;
    s = trim(s, &n);
    word = trim(word, &wl);
    return n == wl && !strncasecmp(s, word, wl);
}

int import_is_blank(const char *s)
{
    for (; *s; s++)
        if (!blank_char(*s))
            return 0;
    return 1;
}

/* import_check_utf8: one diagnostic, at the first byte that is not UTF-8, for the
 * whole file: a Latin-1 list would otherwise give one line per accent. */
int import_check_utf8(const char *name, const char *buf, size_t len,
                      diag_list *diag)
{
    const unsigned char *b = (const unsigned char *)buf;
    int line = 1, col = 1, bad_line = 0, bad_col = 0, more = 0;
    unsigned first = 0;

    if (len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) ||
                     (b[0] == 0xFE && b[1] == 0xFF))) {
        diag_add(diag, name, 1, 1,
                 "this file is UTF-16 (\"Unicode text\"), not a CSV file; "
                 "save the list again as \"CSV UTF-8\" and import that file");
        return 1;
    }
    for (size_t i = 0; i < len;) {
        size_t k = csv_utf8_len(b + i, len - i);
        if (k == 0) {
            if (!bad_line) {
                bad_line = line;
                bad_col = col;
                first = b[i];
            } else {
                more++;
            }
            k = 1;
        } else if (b[i] == '\n' || (b[i] == '\r' && (i + 1 == len || b[i + 1] != '\n'))) {
            line++;
            col = 0;
        }
        col++;
        i += k;
    }
    if (!bad_line)
        return 0;
    diag_add(diag, name, bad_line, bad_col,
             "this file is not UTF-8 (byte 0x%02X here%s is probably a letter "
             "like é or ñ saved as Latin-1 or Windows-1252); open the list in "
             "your spreadsheet program, save it as \"CSV UTF-8\" and import "
             "that file",
             first, more ? " (and others further on)" : "");
    return 1;
}
