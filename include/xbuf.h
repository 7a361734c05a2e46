/* xbuf.h: a growable byte buffer with CSV and JSON quoting, the one the
 * export files, the voting methods' result blocks and the reports are
 * built in.  Plain C, core. */
#ifndef AS_XBUF_H
#define AS_XBUF_H

#include <stddef.h>

/* A growable byte buffer.  Appends never fail visibly: on OOM they set
 * oom and the writer reports AS_ENOMEM once at the end. */
typedef struct {
    char *p;
    size_t len, cap;
    int oom;
} xbuf;

void xbuf_init(xbuf *b);
void xbuf_free(xbuf *b);
void xbuf_add(xbuf *b, const char *s, size_t n);
void xbuf_puts(xbuf *b, const char *s);
void xbuf_printf(xbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* xbuf_csv: one RFC 4180 field, quoted when it holds a comma, quote, CR,
 * LF or leading/trailing space. */
void xbuf_csv(xbuf *b, const char *s);
/* xbuf_json: a JSON string literal with its quotes; s must be UTF-8. */
void xbuf_json(xbuf *b, const char *s);

#endif
