/* print_internal.h: what the print module's files share. */
#ifndef AS_PRINT_INTERNAL_H
#define AS_PRINT_INTERNAL_H

#include <stdio.h>
#include <cairo.h>
#include "print.h"

#define PRINT_PT_PER_MM (72.0 / 25.4)

/* print_card_check: AS_EINVAL (err naming item i) if the item cannot be
 * printed: no heading, or a token that is not a version-1 symbol. */
as_status print_card_check(const print_item *it, int i, as_err *err);

/* print_card_draw: draws one card with its top-left corner at (x, y) on
 * cr, whose user unit is one millimetre.  The item has passed
 * print_card_check.  AS_ENOMEM if the QR code cannot be made. */
as_status print_card_draw(cairo_t *cr, const print_layout *l,
                          const print_item *it, double x, double y);

/* An output file written through a temporary file in its directory. */
typedef struct {
    char *path;
    char *tmp;
    FILE *f;
    int err_no; /* first write error seen by print_file_write */
} print_file;

/* print_file_open: creates the temporary file next to path. */
as_status print_file_open(print_file *pf, const char *path, as_err *err);

/* print_file_write: a cairo write function; closure is a print_file. */
cairo_status_t print_file_write(void *closure, const unsigned char *data,
                                unsigned int len);

/* print_file_finish: flushes and fsyncs the temporary file, runs commit
 * (may be NULL), renames it over path and fsyncs the directory.  On any
 * failure removes the temporary file.  Always releases pf. */
as_status print_file_finish(print_file *pf, print_commit_fn commit, void *ud,
                            as_err *err);

/* print_file_abort: removes the temporary file and releases pf. */
void print_file_abort(print_file *pf);


#endif
