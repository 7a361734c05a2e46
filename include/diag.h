/* diag.h: a list of diagnostics for parsers that report every error they
 * find rather than stopping at the first, in the compiler format
 * "file:line:column: what is wrong and how to fix it". */
#ifndef AS_DIAG_H
#define AS_DIAG_H

#include "status.h"

typedef struct {
    char **lines; /* each a malloc'd NUL-terminated line, no trailing '\n' */
    int n;
    int cap;
    int oom;      /* lines that could not be stored; diag_count counts them */
} diag_list;

/* diag_init / diag_free: a diag_list lives on the caller's stack;
 * diag_free releases the lines and leaves it empty and reusable. */
void diag_init(diag_list *d);
void diag_free(diag_list *d);

/* diag_add: appends "file:line:col: message".  line or col <= 0 are left
 * out ("file:line: msg", "file: msg").  Never fails visibly: on OOM it bumps
 * d->oom and counts the error anyway so a parse can't "succeed". */
void diag_add(diag_list *d, const char *file, int line, int col,
              const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* diag_count: how many errors were added. */
int diag_count(const diag_list *d);

#endif
