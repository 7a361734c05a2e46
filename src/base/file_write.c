/* file_write.c: temporary file beside the target, fsync, rename, fsync of
 * the folder (file_write.h).  Every writer of a whole file goes through
 * here, so the crash-safety argument is made once. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "file_write.h"

as_status file_write_error(as_err *err, int e, const char *doing, const char *path)
{
    as_status st = as_status_from_errno(e);
    const char *todo;

    switch (st) {
    case AS_EFULL:
        todo = "free some space on that disk or write to another one";
        break;
    case AS_EREADONLY:
        todo = "make the folder writable (a USB stick mounted read-write) or "
               "choose another folder";
        break;
    case AS_ENOENT:
        todo = "the folder does not exist: create it or choose another path";
        break;
    default:
        todo = "check the disk and try again";
        break;
    }
    return as_err_set(err, st, "%s: cannot %s (%s); %s", path, doing, strerror(e),
                      todo);
}

as_status file_sync_dir(const char *dir, as_err *err)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

    if (fd < 0)
        return file_write_error(err, errno, "open the folder", dir);
    /* vfat on older kernels refuses fsync on a folder with EINVAL:
     * nothing more can be done there, and the data are not at fault. */
    if (fsync(fd) != 0 && errno != EINVAL) {
        int e = errno;
        close(fd);
        return file_write_error(err, e, "sync the folder", dir);
    }
    close(fd);
    return AS_OK;
}

int file_mkdirs(const char *path)
{
    char buf[4096];
    size_t n = strlen(path);

    if (n == 0 || n >= sizeof buf) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(buf, path, n + 1);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0700) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(buf, 0700) != 0 && errno != EEXIST)
        return -1;
    return 0;
}

/* split: the folder of path ("." for a bare name) and the temporary
 * file's template in it, both malloc'd.  0, or -1 (out of memory). */
static int split(const char *path, char **dir, char **tmp)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    size_t dn = slash ? (size_t)(slash - path) : 1;
    size_t tn;

    if (slash && dn == 0)
        dn = 1; /* "/name": the root folder */
    *dir = malloc(dn + 1);
    tn = dn + strlen(base) + sizeof "/..XXXXXX";
    *tmp = malloc(tn);
    if (!*dir || !*tmp) {
        free(*dir);
        free(*tmp);
        *dir = *tmp = NULL;
        return -1;
    }
    memcpy(*dir, slash ? path : ".", dn);
    (*dir)[dn] = '\0';
    /* A leading dot hides it from a file manager while it is written. */
    snprintf(*tmp, tn, "%s/.%s.XXXXXX", *dir, base);
    return 0;
}

static void release(file_writer *w)
{
    if (w->live && w->fd >= 0)
        close(w->fd);
    free(w->path);
    free(w->tmp);
    free(w->dir);
    /* The buffer may have held a badge token or a key. */
    explicit_bzero(w, sizeof *w);
}

as_status file_writer_open(file_writer *w, const char *path,
                           const file_write_opts *o, as_err *err)
{
    unsigned mode = o && o->mode ? o->mode : 0600;
    size_t n = path ? strlen(path) : 0;
    int e;

    memset(w, 0, sizeof *w);
    if (n == 0 || path[n - 1] == '/')
        return as_err_set(err, AS_EINVAL, "%s: not a file name; give the name of "
                          "the file to write", n ? path : "(empty)");
    w->flags = o ? o->flags : 0;
    if (!(w->path = strdup(path)) || split(path, &w->dir, &w->tmp) != 0) {
        release(w);
        return as_err_set(err, AS_ENOMEM, "%s: out of memory", path);
    }
    /* mkstemp opens with O_EXCL: the temporary name is never a link an
     * attacker placed, and two writers never share one. */
    if ((w->fd = mkstemp(w->tmp)) < 0) {
        e = errno;
        release(w);
        return file_write_error(err, e, "create a file in its folder", path);
    }
    w->live = 1;
    if (fchmod(w->fd, mode & 07777) != 0) {
        e = errno;
        file_writer_abort(w);
        return file_write_error(err, e, "set the new file's permissions", path);
    }
    return AS_OK;
}

static int flush(file_writer *w)
{
    if (w->err_no == 0 && w->used) {
        w->err_no = as_write_all(w->fd, w->buf, w->used);
        explicit_bzero(w->buf, w->used);
        w->used = 0;
    }
    return w->err_no ? -1 : 0;
}

int file_writer_write(file_writer *w, const void *p, size_t n)
{
    if (w->err_no || !w->live)
        return -1;
    if (w->used + n > sizeof w->buf && flush(w) != 0)
        return -1;
    if (n >= sizeof w->buf) {
        w->err_no = as_write_all(w->fd, p, n);
        return w->err_no ? -1 : 0;
    }
    memcpy(w->buf + w->used, p, n);
    w->used += n;
    return 0;
}

/* unchanged: says so in err, for a failure before the rename. */
static as_status unchanged(as_err *err, as_status st)
{
    if (err) {
        size_t n = strlen(err->msg);
        snprintf(err->msg + n, sizeof err->msg - n, "; nothing was changed");
    }
    return st;
}

void file_writer_abort(file_writer *w)
{
    if (w->live)
        unlink(w->tmp);
    release(w);
}

/* place: moves the finished temporary file to its name.  Returns 0, or
 * an errno (EEXIST: refused, the name is taken). */
static int place(const file_writer *w)
{
    struct stat sb;

    if (!(w->flags & FILE_WRITE_NO_REPLACE))
        return rename(w->tmp, w->path) != 0 ? errno : 0;
    if (link(w->tmp, w->path) == 0) {
        unlink(w->tmp);
        return 0;
    }
    if (errno == EEXIST)
        return EEXIST;
    /* No hard links here (vfat): a check, then a rename.  The window
     * between them is what such a file system allows. */
    if (lstat(w->path, &sb) == 0)
        return EEXIST;
    return rename(w->tmp, w->path) != 0 ? errno : 0;
}

as_status file_writer_commit(file_writer *w, as_status (*before)(void *ud, as_err *err),
                             void *ud, as_err *err)
{
    as_status st;
    int e;

    if (!w->live)
        return as_err_set(err, AS_EINVAL, "file_writer_commit: the file is not open");
    if (flush(w) != 0 || fsync(w->fd) != 0) {
        st = file_write_error(err, w->err_no ? w->err_no : errno, "write it", w->path);
        goto fail;
    }
    e = close(w->fd) != 0 ? errno : 0;
    w->fd = -1; /* closed; the temporary file is still there */
    if (e) {
        st = file_write_error(err, e, "write it", w->path);
        goto fail;
    }
    if (before && (st = before(ud, err)) != AS_OK)
        goto fail;
    if ((e = place(w)) == EEXIST) {
        st = as_err_set(err, AS_ESTATE, "%s: already exists; nothing was written",
                        w->path);
        goto fail;
    }
    if (e) {
        st = file_write_error(err, e, "put the new file in place", w->path);
        goto fail;
    }
    w->live = 0; /* in place: nothing to remove any more */
    st = file_sync_dir(w->dir, err);
    release(w);
    return st;
fail:
    file_writer_abort(w);
    return st == AS_ESTATE ? st : unchanged(err, st);
}

as_status file_write_atomic(const char *path, const void *data, size_t len,
                            const file_write_opts *o, as_err *err)
{
    file_writer w;
    as_status st = file_writer_open(&w, path, o, err);

    if (st != AS_OK)
        return st;
    /* Straight to the file: a large buffer gains nothing from a copy. */
    w.err_no = as_write_all(w.fd, data, len);
    return file_writer_commit(&w, NULL, NULL, err);
}
