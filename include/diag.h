/* diag.h: a list of diagnostics for parsers that report every error they
 * find rather than stopping at the first, in the compiler format
 * "file:line:column: what is wrong and how to fix it". */
#ifndef AS_DIAG_H
#define AS_DIAG_H

#include <stddef.h>
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
 * out ("file:line: msg", "file: msg").  The whole line goes through
 * diag_escape, so a message that quotes the file cannot drive the
 * terminal it is printed on.  Never fails visibly: on OOM it bumps
 * d->oom and counts the error anyway so a parse can't "succeed". */
void diag_add(diag_list *d, const char *file, int line, int col,
              const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* diag_add_err: appends err's line, which names a file itself when it
 * starts with "file: " (file_write.h's messages do), else "file: msg";
 * then suffix (NULL: none), e.g. "; the roster is unchanged". */
void diag_add_err(diag_list *d, const char *file, const as_err *err,
                  const char *suffix);

/* diag_count: how many errors were added. */
int diag_count(const diag_list *d);

/* diag_escape: the one way text taken from a file (a YAML key, a roster
 * cell, a candidate or contest name) is made safe to print on a terminal:
 * copies the NUL-terminated src into dst with every byte that a terminal
 * could act on written visibly instead -- C0 controls and DEL as \xNN
 * (so ESC is \x1B), C1 controls and the bidirectional overrides as
 * \uNNNN, and bytes that are not UTF-8 as \xNN.  Everything else,
 * including non-ASCII letters, is copied as it is.
 * Like snprintf: writes at most cap - 1 bytes and a NUL (nothing when cap
 * is 0), never cutting an escape or a character in half, and returns the
 * length the whole escaped text needs, so a caller can size a buffer.
 * Cannot fail. */
size_t diag_escape(char *dst, size_t cap, const char *src);

/* diag_escape_dup: diag_escape into a new malloc'd string (free it), or
 * NULL when memory runs out.  src NULL gives NULL. */
char *diag_escape_dup(const char *src);

#endif
