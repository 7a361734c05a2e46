/* print_internal.h: what the print module's files share. */
#ifndef AS_PRINT_INTERNAL_H
#define AS_PRINT_INTERNAL_H

#include <stdio.h>
#include <cairo.h>
#include "file_write.h"
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

/* An output file: the crash-safe writer (file_write.h), mode 0644. */
typedef file_writer print_file;

/* print_file_open: starts path through the writer; AS_EINVAL for an
 * empty path ("pass -o FILE"). */
as_status print_file_open(print_file *pf, const char *path, as_err *err);

/* print_file_write: a cairo write function; closure is a print_file.
 * The first failed write is kept in pf->err_no and reported at finish. */
cairo_status_t print_file_write(void *closure, const unsigned char *data,
                                unsigned int len);

/* print_file_finish: file_writer_commit with commit (may be NULL) run
 * once the file is safely on disk, before it takes its name.  Always
 * releases pf. */
as_status print_file_finish(print_file *pf, print_commit_fn commit, void *ud,
                            as_err *err);

/* print_file_abort: removes the temporary file and releases pf. */
void print_file_abort(print_file *pf);

#endif
