/* file_read.h: opening and reading an input file that may be hostile or
 * simply wrong (a FIFO, a device, a symlink to /dev/zero, a sparse file of
 * gigabytes): the one place that checks it before a byte is read.  Used by
 * the ballot-file readers (src/count/bfile_read.c), the verifier
 * (src/verify) and `asamblea tally BUNDLE`. */
#ifndef AS_FILE_READ_H
#define AS_FILE_READ_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"

enum {
    FILE_FOLLOW = 0,   /* a symlink to a regular file is read */
    FILE_NOFOLLOW = 1  /* a symlink (as the last component) is refused */
};

/* file_open_regular: opens path read-only without blocking on a FIFO or a
 * device (O_NONBLOCK; the regular-file check is made on the open
 * descriptor, so a file swapped after a stat cannot slip through), with
 * FILE_NOFOLLOW also refusing a symbolic link, and refuses a file larger
 * than max bytes (the size the file system reports, holes included: a
 * sparse file counts at its full size).  what names the kind of file in
 * the messages ("ballot file").  On success *fd is open (blocking again),
 * *size its size.  Failures, with err->msg saying what is wrong and what
 * to do, WITHOUT the path (the caller prefixes it): AS_ENOENT (missing),
 * AS_EINVAL (a symbolic link, not a regular file, larger than max),
 * AS_EREADONLY (no permission), AS_EIO. */
as_status file_open_regular(const char *path, int flags, uint64_t max,
                            const char *what, int *fd, uint64_t *size, as_err *err);

/* file_read_regular: file_open_regular, then the whole file into a
 * malloc'd buffer (NUL added, not counted in *len).  A file that grows
 * past the size seen while it is read is refused (AS_EIO), so at most
 * max + 1 bytes are ever held.  The same failures, and AS_ENOMEM; then
 * *buf is NULL. */
as_status file_read_regular(const char *path, int flags, size_t max,
                            const char *what, char **buf, size_t *len, as_err *err);

#endif
