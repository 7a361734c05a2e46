/* verify_file.c: reading one file of a bundle without trusting it: no
 * symlink followed, no FIFO or device opened for reading (O_NONBLOCK and a
 * regular-file check on the open descriptor), a size cap. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "verify_internal.h"

as_status verify_read_file(const char *path, size_t max, char **buf,
                           size_t *len, as_err *err)
{
    as_status st = AS_OK;
    char *b = NULL;
    *buf = NULL;
    *len = 0;
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            return as_err_set(err, AS_ENOENT, "%s: missing", path);
        if (errno == ELOOP)
            return as_err_set(err, AS_EINVAL, "%s: is a symbolic link; a bundle "
                              "holds regular files only", path);
        return as_err_set(err, AS_EIO, "%s: cannot open: %s", path, strerror(errno));
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        st = as_err_set(err, AS_EIO, "%s: cannot stat: %s", path, strerror(errno));
        goto done;
    }
    if (!S_ISREG(sb.st_mode)) {
        st = as_err_set(err, AS_EINVAL, "%s: not a regular file", path);
        goto done;
    }
    if (sb.st_size < 0 || (uint64_t)sb.st_size > max) {
        st = as_err_set(err, AS_EINVAL, "%s: larger than the %zu-byte limit",
                        path, max);
        goto done;
    }
    size_t cap = (size_t)sb.st_size;
    b = malloc(cap + 1);
    if (!b) {
        st = as_err_set(err, AS_ENOMEM, "%s: out of memory reading it", path);
        goto done;
    }
    size_t got = 0;
    for (;;) {
        /* Read one byte past the size seen by fstat to notice a file that
         * grew meanwhile. */
        size_t want = cap + 1 - got;
        if (want == 0) {
            st = as_err_set(err, AS_EIO, "%s: changed while being read", path);
            goto done;
        }
        ssize_t r = read(fd, b + got, want);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            st = as_err_set(err, AS_EIO, "%s: cannot read: %s", path, strerror(errno));
            goto done;
        }
        if (r == 0)
            break;
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
