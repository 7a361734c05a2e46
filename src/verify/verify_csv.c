/* verify_csv.c: results.csv read strictly in the dialect docs/export.md
 * states (header row, comma separated, "..." quoting with "" for a quote,
 * LF line ends).  One pass, no recursion, every loop bounded by the
 * input; the unquoted fields are copied into one block no larger than
 * the input plus a NUL for each of at most 1001 x 65 fields. */
#include <stdlib.h>
#include <string.h>
#include "verify_internal.h"

void verify_csv_free(verify_csv *c)
{
    if (!c)
        return;
    free(c->field);
    free(c->line);
    free(c->store);
    memset(c, 0, sizeof *c);
}

typedef struct {
    const char *buf;
    size_t len, pos;
    int line;
    char *w;     /* where the next field's bytes go */
} csv_cur;

/* one_field: the field at c->pos, copied unquoted to c->w; returns the
 * byte that ends it (',' or '\n') or -1 with err set. */
static int one_field(csv_cur *c, const char *name, as_err *err)
{
    const char *b = c->buf;
    if (c->pos < c->len && b[c->pos] == '"') {
        int first = c->line;
        for (c->pos++;; c->pos++) {
            if (c->pos >= c->len) {
                as_err_set(err, AS_EINVAL, "%s:%d: a quoted field starts here and is "
                           "not closed", name, first);
                return -1;
            }
            char ch = b[c->pos];
            if (ch == '"' && c->pos + 1 < c->len && b[c->pos + 1] == '"') {
                *c->w++ = '"';
                c->pos++;
            } else if (ch == '"') {
                c->pos++;
                break;
            } else if (ch == '\0') {
                break;
            } else {
                c->line += ch == '\n';
                *c->w++ = ch;
            }
        }
    } else {
        while (c->pos < c->len && b[c->pos] != ',' && b[c->pos] != '\n' &&
               b[c->pos] != '"' && b[c->pos] != '\r' && b[c->pos] != '\0')
            *c->w++ = b[c->pos++];
    }
    *c->w++ = '\0';
    if (c->pos < c->len && (b[c->pos] == ',' || b[c->pos] == '\n'))
        return b[c->pos++];
    if (c->pos >= c->len)
        as_err_set(err, AS_EINVAL, "%s:%d: last line has no LF at its end", name, c->line);
    else
        as_err_set(err, AS_EINVAL, "%s:%d: %s", name, c->line,
                   b[c->pos] == '"' ? "a quote inside a field that is not quoted, or "
                                      "text after a closing quote"
                   : b[c->pos] == '\r' ? "carriage return (CR); the record uses LF line "
                                         "ends only"
                                       : "NUL byte");
    return -1;
}

/* grow: room for one more field (and its row's line number). */
static int grow(verify_csv *o, int nfields, int *cap)
{
    if (nfields < *cap)
        return 0;
    int ncap = *cap ? *cap * 2 : 64;
    char **f = realloc(o->field, (size_t)ncap * sizeof *f);
    if (!f)
        return -1;
    o->field = f;
    *cap = ncap;
    return 0;
}

as_status verify_csv_parse(const char *buf, size_t len, const char *name,
                           verify_csv *out, as_err *err)
{
    memset(out, 0, sizeof *out);
    csv_cur c = {buf, buf ? len : 0, 0, 1, NULL};
    int cap = 0, nf = 0, col = 0;
    as_status st = AS_EINVAL;
    if (c.len == 0)
        return as_err_set(err, AS_EINVAL, "%s:1: empty file; expected the header row",
                          name);
    /* the fields' bytes, and a NUL for each of the fields read before a
     * row or a column too many stops the parse */
    out->store = malloc(c.len + (size_t)(VERIFY_PROPS_MAX + 1) *
                                    (VERIFY_CSV_COLS_MAX + 1) + 2);
    out->line = malloc((VERIFY_PROPS_MAX + 2) * sizeof *out->line);
    if (!out->store || !out->line)
        goto oom;
    c.w = out->store;
    while (c.pos < c.len) {
        if (col == 0) {
            if (out->nrows > VERIFY_PROPS_MAX) {
                as_err_set(err, AS_EINVAL, "%s:%d: more than %d rows", name, c.line,
                           VERIFY_PROPS_MAX + 1);
                goto fail;
            }
            out->line[out->nrows++] = c.line;
        }
        if (grow(out, nf, &cap) != 0)
            goto oom;
        out->field[nf++] = c.w;
        int end = one_field(&c, name, err);
        if (end < 0)
            goto fail;
        col++;
        if (col > VERIFY_CSV_COLS_MAX || (out->nrows > 1 && col > out->ncols)) {
            as_err_set(err, AS_EINVAL, "%s:%d: more fields than the header's %d", name,
                       c.line, out->nrows > 1 ? out->ncols : VERIFY_CSV_COLS_MAX);
            goto fail;
        }
        if (end == '\n') {
            if (out->nrows == 1)
                out->ncols = col;
            else if (col != out->ncols) {
                as_err_set(err, AS_EINVAL, "%s:%d: %d fields, the header has %d", name,
                           c.line, col, out->ncols);
                goto fail;
            }
            col = 0;
            c.line++;
        }
    }
    if (col != 0) {
        as_err_set(err, AS_EINVAL, "%s:%d: last line has no LF at its end", name, c.line);
        goto fail;
    }
    return AS_OK;
oom:
    st = as_err_set(err, AS_ENOMEM, "%s: out of memory", name);
fail:
    verify_csv_free(out);
    return st;
}
