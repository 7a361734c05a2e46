/* file_read.c: the checks before reading an input file (file_read.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "file_read.h"

as_status file_open_regular(const char *path, int flags, uint64_t max,
                            const char *what, int *fd, uint64_t *size, as_err *err)
{
    struct stat sb;
    as_status st;
    *fd = -1;
    *size = 0;
    if (!what)
        what = "file";
    /* O_NONBLOCK: opening a FIFO with no writer would otherwise wait for
     * ever; the type is then checked on what was actually opened. */
    int f = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK |
                           (flags & FILE_NOFOLLOW ? O_NOFOLLOW : 0));
    if (f < 0) {
        int e = errno;
        if (e == ENOENT || e == ENOTDIR)
            return as_err_set(err, AS_ENOENT, "%s not found; check the file name and "
                              "folder", what);
        if (e == ELOOP && (flags & FILE_NOFOLLOW))
            return as_err_set(err, AS_EINVAL, "is a symbolic link, not a %s; replace "
                              "it by the file itself", what);
        if (e == EACCES || e == EPERM)
            return as_err_set(err, AS_EREADONLY, "cannot open the %s: %s; check its "
                              "permissions", what, strerror(e));
        return as_err_set(err, AS_EIO, "cannot open the %s: %s", what, strerror(e));
    }
    if (fstat(f, &sb) != 0) {
        st = as_err_set(err, AS_EIO, "cannot read the %s: %s", what, strerror(errno));
        goto fail;
    }
    if (!S_ISREG(sb.st_mode)) {
        st = as_err_set(err, AS_EINVAL, "is not a regular file (%s); give the path of "
                        "the %s itself",
                        S_ISFIFO(sb.st_mode) ? "a FIFO"
                        : S_ISCHR(sb.st_mode) || S_ISBLK(sb.st_mode) ? "a device"
                        : S_ISDIR(sb.st_mode) ? "a folder" : "a special file",
                        what);
        goto fail;
    }
    if (sb.st_size < 0 || (uint64_t)sb.st_size > max) {
        st = as_err_set(err, AS_EINVAL, "is %lld bytes, more than the %llu a %s may "
                        "have; is this the right file?", (long long)sb.st_size,
                        (unsigned long long)max, what);
        goto fail;
    }
    /* Reads block again: a regular file never waits, and a short read
     * must not be mistaken for the end. */
    int fl = fcntl(f, F_GETFL);
    if (fl >= 0)
        (void)fcntl(f, F_SETFL, fl & ~O_NONBLOCK);
    *fd = f;
    *size = (uint64_t)sb.st_size;
    return AS_OK;
fail:
    close(f);
    return st;
}

as_status file_read_regular(const char *path, int flags, size_t max,
                            const char *what, char **buf, size_t *len, as_err *err)
{
    int fd;
    uint64_t size;
    char *b = NULL;
    *buf = NULL;
    *len = 0;
    as_status st = file_open_regular(path, flags, max, what, &fd, &size, err);
    if (st != AS_OK)
        return st;
    if (!what)
        what = "file";
    size_t cap = (size_t)size;
    b = malloc(cap + 1);
    if (!b) {
        st = as_err_set(err, AS_ENOMEM, "out of memory reading the %s", what);
        goto done;
    }
    size_t got = 0;
    for (;;) {
        /* one byte past the size seen by fstat, to notice a file that
         * grew meanwhile rather than read it without end */
        size_t want = cap + 1 - got;
        if (want == 0) {
            st = as_err_set(err, AS_EIO, "the %s changed while being read; read it "
                            "again when nothing writes to it", what);
            goto done;
        }
        ssize_t r = read(fd, b + got, want);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            st = as_err_set(err, AS_EIO, "cannot read the %s: %s", what, strerror(errno));
            goto done;
        }
        if (r == 0)
            break; /* or it shrank meanwhile: use what is there */
        got += (size_t)r;
    }
    b[got] = '\0';
    *buf = b;
    *len = got;
    b = NULL;
done:
    free(b);
    close(fd);
    return st;
}
