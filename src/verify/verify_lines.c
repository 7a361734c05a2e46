/* verify_lines.c: the strict line and token reading every parser of the
 * verifier shares.  Every loop is bounded by the buffer length. */
#include <stdlib.h>
#include <string.h>
#include "verify_internal.h"

void vline_init(vline *c, const char *buf, size_t len, const char *name)
{
    c->buf = buf;
    c->len = buf ? len : 0;
    c->pos = 0;
    c->line = 0;
    c->name = name;
}

int vline_next(vline *c, const char **s, size_t *n, as_err *err)
{
    if (c->pos >= c->len)
        return 0;
    c->line++;
    size_t start = c->pos, i = start;
    while (i < c->len && c->buf[i] != '\n') {
        unsigned char ch = (unsigned char)c->buf[i];
        if (ch == '\r') {
            as_err_set(err, AS_EINVAL, "%s:%d: carriage return (CR) in a line; "
                       "the record uses LF line ends only", c->name, c->line);
            return -1;
        }
        if (ch < 0x20 || ch > 0x7e) {
            as_err_set(err, AS_EINVAL, "%s:%d: byte 0x%02x is not allowed "
                       "(printable ASCII only)", c->name, c->line, ch);
            return -1;
        }
        if (i - start >= VERIFY_LINE_MAX) {
            as_err_set(err, AS_EINVAL, "%s:%d: line longer than %d bytes",
                       c->name, c->line, VERIFY_LINE_MAX);
            return -1;
        }
        i++;
    }
    if (i >= c->len) {
        as_err_set(err, AS_EINVAL, "%s:%d: last line has no LF at its end",
                   c->name, c->line);
        return -1;
    }
    *s = c->buf + start;
    *n = i - start;
    c->pos = i + 1;
    return 1;
}

int vfield(const char **s, size_t *n, const char **f, size_t *fn)
{
    const char *p = *s;
    size_t len = *n, i = 0;
    while (i < len && p[i] != ' ')
        i++;
    if (i == 0)
        return -1;
    *f = p;
    *fn = i;
    if (i < len) {
        if (i + 1 == len) /* trailing space */
            return -1;
        *s = p + i + 1;
        *n = len - i - 1;
    } else {
        *s = p + len;
        *n = 0;
    }
    return 0;
}

int vnum(const char *s, size_t n, int64_t max, int64_t *out)
{
    if (n == 0 || n > 18 || (n > 1 && s[0] == '0'))
        return -1;
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    if (v > max)
        return -1;
    *out = v;
    return 0;
}

int vword(const char *s, size_t n, const char *w)
{
    size_t wl = strlen(w);
    return n == wl && memcmp(s, w, n) == 0;
}

int vid(const char *s, size_t n)
{
    if (n == 0 || n >= VERIFY_ID_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-'))
            return 0;
    }
    return 1;
}

/* Lowercase hex digit values (hexok: which bytes are one).  A table and one
 * check per id rather than a branch per digit: ballot ids are random, so
 * per-digit branches mispredict (a million-ballot list spent 9% of the
 * verifier's time here). */
static const unsigned char hexval[256] = {
    ['0'] = 0,  ['1'] = 1,  ['2'] = 2,  ['3'] = 3,  ['4'] = 4,  ['5'] = 5,
    ['6'] = 6,  ['7'] = 7,  ['8'] = 8,  ['9'] = 9,  ['a'] = 10, ['b'] = 11,
    ['c'] = 12, ['d'] = 13, ['e'] = 14, ['f'] = 15};
static const unsigned char hexok[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
    ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, ['a'] = 1, ['b'] = 1,
    ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1};

int vhex(const char *s, size_t n, uint8_t *out, size_t nbytes)
{
    if (n != 2 * nbytes)
        return -1;
    const unsigned char *u = (const unsigned char *)s;
    unsigned ok = 1;
    for (size_t i = 0; i < nbytes; i++) {
        unsigned char hi = u[2 * i], lo = u[2 * i + 1];
        ok &= (unsigned)(hexok[hi] & hexok[lo]);
        out[i] = (uint8_t)(hexval[hi] << 4 | hexval[lo]);
    }
    return ok ? 0 : -1;
}

int vkey(const char *s, size_t n, const char *key, const char **v, size_t *vn)
{
    size_t kl = strlen(key);
    if (n < kl + 2 || memcmp(s, key, kl) != 0 || s[kl] != ' ')
        return -1;
    *v = s + kl + 1;
    *vn = n - kl - 1;
    return 0;
}

void *vgrow(void *arr, int *cap, size_t size, int first)
{
    int ncap = *cap ? *cap * 2 : first;
    void *p = realloc(arr, (size_t)ncap * size);
    if (p)
        *cap = ncap;
    return p;
}
