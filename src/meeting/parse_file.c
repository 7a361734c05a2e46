/* parse_file.c: whole-file reads for the meeting and roster parsers,
 * through the one hostile-file check (file_read.h: regular files only,
 * opened without blocking, the size capped before a byte is read), with
 * its message as a diagnostic naming the file. */
#include "file_read.h"
#include "parse_file.h"

as_status parse_read_file(const char *path, const char *what, size_t max,
                          char **buf, size_t *len, diag_list *diag)
{
    as_err err = {{0}};
    as_status st = file_read_regular(path, FILE_FOLLOW, max, what, buf, len, &err);

    if (st != AS_OK && !(st == AS_ENOENT && !what))
        diag_add(diag, path, 0, 0, "%s", err.msg);
    return st;
}
