/* xbuf.c: the in-memory buffers the export files and the methods' result
 * blocks are built in, with CSV and JSON quoting (include/xbuf.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "xbuf.h"

void xbuf_init(xbuf *b)
{
    memset(b, 0, sizeof *b);
}

void xbuf_free(xbuf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

static int xbuf_reserve(xbuf *b, size_t extra)
{
    if (b->oom)
        return 0;
    if (extra > ((size_t)-1) / 2 - b->len) {
        b->oom = 1;
        return 0;
    }
    if (b->len + extra + 1 <= b->cap)
        return 1;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        b->oom = 1;
        return 0;
    }
    b->p = p;
    b->cap = cap;
    return 1;
}

void xbuf_add(xbuf *b, const char *s, size_t n)
{
    if (!xbuf_reserve(b, n))
        return;
    if (n)
        memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void xbuf_puts(xbuf *b, const char *s)
{
    xbuf_add(b, s, strlen(s));
}

void xbuf_printf(xbuf *b, const char *fmt, ...)
{
    va_list ap;
    char small[256];

    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->oom = 1;
        return;
    }
    if ((size_t)n < sizeof small) {
        xbuf_add(b, small, (size_t)n);
        return;
    }
    if (!xbuf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void xbuf_csv(xbuf *b, const char *s)
{
    size_t n = strlen(s);
    int quote = n > 0 && (s[0] == ' ' || s[n - 1] == ' ');
    if (strpbrk(s, ",\"\r\n"))
        quote = 1;
    if (!quote) {
        xbuf_add(b, s, n);
        return;
    }
    xbuf_add(b, "\"", 1);
    for (const char *q; (q = strchr(s, '"')) != NULL; s = q + 1) {
        xbuf_add(b, s, (size_t)(q - s));
        xbuf_add(b, "\"\"", 2);
    }
    xbuf_puts(b, s);
    xbuf_add(b, "\"", 1);
}

void xbuf_json(xbuf *b, const char *s)
{
    xbuf_add(b, "\"", 1);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '"': xbuf_add(b, "\\\"", 2); break;
        case '\\': xbuf_add(b, "\\\\", 2); break;
        case '\n': xbuf_add(b, "\\n", 2); break;
        case '\r': xbuf_add(b, "\\r", 2); break;
        case '\t': xbuf_add(b, "\\t", 2); break;
        case '\b': xbuf_add(b, "\\b", 2); break;
        case '\f': xbuf_add(b, "\\f", 2); break;
        default:
            if (c < 0x20 || c == 0x7f)
                xbuf_printf(b, "\\u%04x", c);
            else
                xbuf_add(b, (const char *)&c, 1);
        }
    }
    xbuf_add(b, "\"", 1);
}
