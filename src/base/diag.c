/* diag.c: collected "file:line:col: message" diagnostics. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "diag.h"
#include "grow.h"

void diag_init(diag_list *d)
{
    memset(d, 0, sizeof *d);
}

void diag_free(diag_list *d)
{
    for (int i = 0; i < d->n; i++)
        free(d->lines[i]);
    free(d->lines);
    memset(d, 0, sizeof *d);
}

void diag_add(diag_list *d, const char *file, int line, int col,
              const char *fmt, ...)
{
    char where[600], what[1024];
    va_list ap;

    if (line > 0 && col > 0)
        snprintf(where, sizeof where, "%s:%d:%d", file, line, col);
    else if (line > 0)
        snprintf(where, sizeof where, "%s:%d", file, line);
    else
        snprintf(where, sizeof where, "%s", file);
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);

    char **lines = as_grow(d->lines, d->n, &d->cap, sizeof *d->lines, 8);
    if (!lines) {
        d->oom++; /* counted, so the caller still fails */
        return;
    }
    d->lines = lines;
    /* Escape the whole line: both the file name and the message may
     * quote bytes that came from a file or the command line. */
    char raw[sizeof where + 2 + sizeof what];
    snprintf(raw, sizeof raw, "%s: %s", where, what);
    char *s = diag_escape_dup(raw);
    if (!s) {
        d->oom++;
        return;
    }
    d->lines[d->n++] = s;
}

void diag_add_err(diag_list *d, const char *file, const as_err *err,
                  const char *suffix)
{
    size_t n = strlen(file);
    const char *msg = err->msg;

    if (!strncmp(msg, file, n) && msg[n] == ':' && msg[n + 1] == ' ')
        msg += n + 2;
    diag_add(d, file, 0, 0, "%s%s", msg, suffix ? suffix : "");
}

int diag_count(const diag_list *d)
{
    return d->n + d->oom;
}

/* utf8_len: the length of the valid UTF-8 character at s (1 to 4), or 0
 * when the bytes there are not one (a stray continuation byte, an
 * overlong form, a surrogate, a sequence cut short by the NUL). */
static size_t utf8_len(const unsigned char *s, uint32_t *cp)
{
    unsigned char c = s[0];
    size_t k;
    uint32_t v;

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF)
        k = 1, v = c & 0x1Fu;
    else if (c >= 0xE0 && c <= 0xEF)
        k = 2, v = c & 0x0Fu;
    else if (c >= 0xF0 && c <= 0xF4)
        k = 3, v = c & 0x07u;
    else
        return 0;
    for (size_t j = 1; j <= k; j++) {
        if ((s[j] & 0xC0) != 0x80) /* also stops at the NUL */
            return 0;
        v = (v << 6) | (s[j] & 0x3Fu);
    }
    if ((k == 2 && (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))) ||
        (k == 3 && (v < 0x10000 || v > 0x10FFFF)))
        return 0;
    *cp = v;
    return k + 1;
}

/* needs_escape: code points a terminal acts on rather than shows: C0,
 * DEL, C1 (0x9B is a one-byte CSI to some terminals) and the bidi
 * embeddings, overrides and isolates, which reorder what is shown. */
static int needs_escape(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

size_t diag_escape(char *dst, size_t cap, const char *src)
{
    const unsigned char *s = (const unsigned char *)src;
    size_t need = 0, used = 0;
    int full = cap == 0;

    while (*s) {
        char esc[8];
        const char *piece;
        size_t n;
        uint32_t cp;
        size_t k = utf8_len(s, &cp);
        if (k == 0) { /* not UTF-8: show the byte */
            snprintf(esc, sizeof esc, "\\x%02X", *s);
            piece = esc;
            n = 4;
            k = 1;
        } else if (needs_escape(cp)) {
            if (cp < 0x80)
                snprintf(esc, sizeof esc, "\\x%02X", (unsigned)cp);
            else
                snprintf(esc, sizeof esc, "\\u%04X", (unsigned)cp);
            piece = esc;
            n = strlen(esc);
        } else {
            piece = (const char *)s;
            n = k;
        }
        /* Once one piece does not fit, nothing after it is written: the
         * text stops at a whole character or escape. */
        if (!full && used + n < cap) {
            memcpy(dst + used, piece, n);
            used += n;
        } else {
            full = 1;
        }
        need += n;
        s += k;
    }
    if (cap)
        dst[used] = '\0';
    return need;
}

char *diag_escape_dup(const char *src)
{
    if (!src)
        return NULL;
    size_t n = diag_escape(NULL, 0, src);
    char *d = malloc(n + 1);
    if (d)
        diag_escape(d, n + 1, src);
    return d;
}
