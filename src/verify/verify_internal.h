/* verify_internal.h: pieces shared by the verifier's parsers and checks. */
#ifndef AS_VERIFY_INTERNAL_H
#define AS_VERIFY_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"
#include "verify.h"

/* A cursor over the lines of one text file of the record. */
typedef struct {
    const char *buf;
    size_t len, pos;
    int line;          /* number of the line last returned (1-based) */
    const char *name;  /* file name for messages */
} vline;

void vline_init(vline *c, const char *buf, size_t len, const char *name);

/* vline_next: the next line (without its LF) in *s, *n.  Returns 1 for a
 * line, 0 at the end of the file, -1 on a syntax error (err filled): a
 * last line without LF, a line longer than VERIFY_LINE_MAX, or any byte
 * outside printable ASCII (so no CR, tab, NUL or UTF-8: none of the
 * canonical files needs them). */
int vline_next(vline *c, const char **s, size_t *n, as_err *err);

/* vfield: splits the first space-separated field off *s, *n into f/fn.
 * Returns 0, or -1 when there is no field or it is empty (two spaces, a
 * leading or trailing space). */
int vfield(const char **s, size_t *n, const char **f, size_t *fn);

/* vnum: a decimal without sign or leading zeros, at most max.  0 or -1. */
int vnum(const char *s, size_t n, int64_t max, int64_t *out);

/* vword: 1 if s/n is exactly the NUL-terminated word w. */
int vword(const char *s, size_t n, const char *w);

/* vid: 1 if s/n matches [a-z0-9-]{1,63}. */
int vid(const char *s, size_t n);

/* vhex: exactly 2*nbytes lowercase hex digits into out; 0 or -1. */
int vhex(const char *s, size_t n, uint8_t *out, size_t nbytes);

/* vkey: "key value" with the expected key: value in *v, *vn; 0 or -1. */
int vkey(const char *s, size_t n, const char *key, const char **v, size_t *vn);

/* vgrow: arr (of *cap elements of size bytes) reallocated to twice as
 * many (first when it holds none), *cap updated.  NULL when out of
 * memory, arr then untouched: `ne = vgrow(...); if (!ne) ...; arr = ne;`. */
void *vgrow(void *arr, int *cap, size_t size, int first);

/* A growing text buffer (verify_buf.c).  An allocation failure sets oom
 * and turns later appends into no-ops; vbuf_str is then "". */
typedef struct {
    char *p;
    size_t len, cap;
    int oom;
} vbuf;

void vbuf_init(vbuf *b);
void vbuf_free(vbuf *b);
void vbuf_printf(vbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* vbuf_str: the text so far, NUL-terminated ("" when empty or oom). */
const char *vbuf_str(const vbuf *b);

#endif
