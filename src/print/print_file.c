/* print_file.c: output files appear whole or not at all: written to a
 * temporary file in the same directory, fsynced, then renamed. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "print_internal.h"

/* The directory part of path, malloc'd ("." for a bare name). */
static char *dir_of(const char *path)
{
    char *copy = strdup(path), *d, *out;

    if (!copy)
        return NULL;
    d = dirname(copy);
    out = strdup(d);
    free(copy);
    return out;
}

static as_status file_error(const char *path, int e, const char *doing,
                            as_err *err)
{
    as_status st = as_status_from_errno(e);
    char *dir = dir_of(path);
    const char *d = dir ? dir : path;

    switch (st) {
    case AS_ENOENT:
        as_err_set(err, st, "%s: the folder %s does not exist; create it or "
                   "choose another output path", path, d);
        break;
    case AS_EREADONLY:
        as_err_set(err, st, "%s: cannot %s (%s); choose a folder you can "
                   "write to", path, doing, strerror(e));
        break;
    case AS_EFULL:
        as_err_set(err, st, "%s: the disk is full while %s; free some space "
                   "or write to another disk", path, doing);
        break;
    default:
        as_err_set(err, st, "%s: cannot %s (%s); check the disk and try again",
                   path, doing, strerror(e));
    }
    free(dir);
    return st;
}

as_status print_file_open(print_file *pf, const char *path, as_err *err)
{
    char *dir = NULL, *base = NULL, *copy = NULL;
    size_t n;
    int fd;

    memset(pf, 0, sizeof *pf);
    if (!path || !path[0])
        return as_err_set(err, AS_EINVAL, "no output file given; pass -o FILE");
    dir = dir_of(path);
    copy = strdup(path);
    if (!dir || !copy)
        goto oom;
    base = basename(copy);
    n = strlen(dir) + strlen(base) + 16;
    if (!(pf->tmp = malloc(n)) || !(pf->path = strdup(path)))
        goto oom;
    snprintf(pf->tmp, n, "%s/.%s.XXXXXX", dir, base);
    fd = mkstemp(pf->tmp);
    if (fd < 0) {
        as_status st = file_error(path, errno, "create a file there", err);
        free(pf->tmp);
        free(pf->path);
        memset(pf, 0, sizeof *pf);
        free(dir);
        free(copy);
        return st;
    }
    /* mkstemp makes 0600; a badge sheet is an ordinary document. */
    (void)fchmod(fd, 0644);
    if (!(pf->f = fdopen(fd, "wb"))) {
        close(fd);
        unlink(pf->tmp);
        goto oom;
    }
    free(dir);
    free(copy);
    return AS_OK;
oom:
    free(dir);
    free(copy);
    free(pf->tmp);
    free(pf->path);
    memset(pf, 0, sizeof *pf);
    return as_err_set(err, AS_ENOMEM, "%s: out of memory", path ? path : "output");
}

cairo_status_t print_file_write(void *closure, const unsigned char *data,
                                unsigned int len)
{
    print_file *pf = closure;

    if (pf->err_no)
        return CAIRO_STATUS_WRITE_ERROR;
    if (fwrite(data, 1, len, pf->f) != len) {
        pf->err_no = errno ? errno : EIO;
        return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
}

void print_file_abort(print_file *pf)
{
    if (pf->f)
        fclose(pf->f);
    if (pf->tmp)
        unlink(pf->tmp);
    free(pf->tmp);
    free(pf->path);
    memset(pf, 0, sizeof *pf);
}

as_status print_file_finish(print_file *pf, print_commit_fn commit, void *ud,
                            as_err *err)
{
    as_status st = AS_OK;
    char *dir = NULL;
    int fd, e = pf->err_no;

    if (!e && (fflush(pf->f) != 0 || fsync(fileno(pf->f)) != 0))
        e = errno;
    if (fclose(pf->f) != 0 && !e)
        e = errno;
    pf->f = NULL;
    if (e) {
        st = file_error(pf->path, e, "write it", err);
        goto fail;
    }
    if (commit && (st = commit(ud, err)) != AS_OK)
        goto fail;
    if (rename(pf->tmp, pf->path) != 0) {
        st = file_error(pf->path, errno, "put the file in place", err);
        goto fail;
    }
    /* The new name must survive a power cut like the bytes do. */
    if ((dir = dir_of(pf->path)) != NULL &&
        (fd = open(dir, O_RDONLY | O_DIRECTORY)) >= 0) {
        (void)fsync(fd);
        close(fd);
    }
    free(dir);
    free(pf->tmp);
    free(pf->path);
    memset(pf, 0, sizeof *pf);
    return AS_OK;
fail:
    print_file_abort(pf);
    return st;
}
