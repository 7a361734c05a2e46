/* print_file.c: badge sheets, card decks and badge images appear whole or
 * not at all: they go through the crash-safe writer (file_write.h). */
#include <string.h>
#include "print_internal.h"

as_status print_file_open(print_file *pf, const char *path, as_err *err)
{
    /* A badge sheet is an ordinary document, readable like one. */
    static const file_write_opts o = {0644, 0};

    if (!path || !path[0]) {
        memset(pf, 0, sizeof *pf);
        return as_err_set(err, AS_EINVAL, "no output file given; pass -o FILE");
    }
    return file_writer_open(pf, path, &o, err);
}

cairo_status_t print_file_write(void *closure, const unsigned char *data,
                                unsigned int len)
{
    return file_writer_write(closure, data, len) == 0 ? CAIRO_STATUS_SUCCESS
                                                      : CAIRO_STATUS_WRITE_ERROR;
}

void print_file_abort(print_file *pf)
{
    file_writer_abort(pf);
}

as_status print_file_finish(print_file *pf, print_commit_fn commit, void *ud,
                            as_err *err)
{
    return file_writer_commit(pf, commit, ud, err);
}
