/* parse_file.h: reading a whole input file (meeting file or roster) for
 * the parsers, with a size cap so a wrong path to a huge file cannot
 * exhaust memory.  Internal to its folder. */
#ifndef AS_PARSE_FILE_H
#define AS_PARSE_FILE_H

#include <stddef.h>
#include "diag.h"
#include "status.h"

/* parse_read_file: reads path into a malloc'd, NUL-terminated buffer
 * (*buf, *len without the NUL).  Files larger than max bytes are refused.
 * Reads through file_read_regular (file_read.h): fails with AS_ENOENT
 * (no such file), AS_EINVAL (not a regular file, or too big),
 * AS_EREADONLY (no permission), AS_EIO or AS_ENOMEM; then one line naming path and what to do is
 * added to diag (unless what is NULL: the caller words AS_ENOENT itself)
 * and *buf is NULL.  what names the kind of file ("meeting file",
 * "roster") in the messages. */
as_status parse_read_file(const char *path, const char *what, size_t max,
                          char **buf, size_t *len, diag_list *diag);

#endif
