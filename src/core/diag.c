/* diag.c: collected "file:line:col: message" diagnostics. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "diag.h"

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

    if (d->n == d->cap) {
        int cap = d->cap ? d->cap * 2 : 8;
        char **lines = realloc(d->lines, (size_t)cap * sizeof *lines);
        if (!lines) {
            d->oom++; /* counted, so the caller still fails */
            return;
        }
        d->lines = lines;
        d->cap = cap;
    }
    size_t len = strlen(where) + 2 + strlen(what) + 1;
    char *s = malloc(len);
    if (!s) {
        d->oom++;
        return;
    }
    snprintf(s, len, "%s: %s", where, what);
    d->lines[d->n++] = s;
}

int diag_count(const diag_list *d)
{
    return d->n + d->oom;
}
