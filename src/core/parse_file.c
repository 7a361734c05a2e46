/* parse_file.c: whole-file reads for the meeting and roster parsers. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "parse_file.h"

as_status parse_read_file(const char *path, const char *what, size_t max,
                          char **buf, size_t *len, diag_list *diag)
{
    struct stat sb;
    char *b = NULL;
    size_t n = 0;
    as_status st = AS_EIO;
    int fd;

    *buf = NULL;
    *len = 0;
    /* Refuse a FIFO or device before open() could block on it. */
    if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
        diag_add(diag, path, 0, 0, "is not a regular file; give the path of the %s itself",
                 what ? what : "file");
        return AS_EINVAL;
    }
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        if (errno == ENOENT || errno == ENOTDIR) {
            if (what)
                diag_add(diag, path, 0, 0,
                         "%s not found; check the file name and folder",
                         what);
            return AS_ENOENT;
        }
        diag_add(diag, path, 0, 0, "cannot open the %s: %s; check its permissions",
                 what ? what : "file", strerror(errno));
        return errno == EACCES ? AS_EREADONLY : AS_EIO;
    }
    if (fstat(fd, &sb) != 0) {
        diag_add(diag, path, 0, 0, "cannot read the %s: %s",
                 what ? what : "file", strerror(errno));
        goto fail;
    }
    if (!S_ISREG(sb.st_mode)) {
        diag_add(diag, path, 0, 0, "is not a regular file; give the path of the %s itself",
                 what ? what : "file");
        st = AS_EINVAL;
        goto fail;
    }
    if ((unsigned long long)sb.st_size > max) {
        diag_add(diag, path, 0, 0,
                 "is %lld bytes, more than the %zu a %s may have; is this the right file?",
                 (long long)sb.st_size, max, what ? what : "file");
        st = AS_EINVAL;
        goto fail;
    }
    b = malloc((size_t)sb.st_size + 1);
    if (!b) {
        diag_add(diag, path, 0, 0, "out of memory reading the %s", what ? what : "file");
        st = AS_ENOMEM;
        goto fail;
    }
    while (n < (size_t)sb.st_size) {
        ssize_t r = read(fd, b + n, (size_t)sb.st_size - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            diag_add(diag, path, 0, 0, "cannot read the %s: %s",
                     what ? what : "file", strerror(errno));
            goto fail;
        }
        if (r == 0)
            break; /* shrank while we read: use what is there */
        n += (size_t)r;
    }
    b[n] = '\0';
    close(fd);
    *buf = b;
    *len = n;
    return AS_OK;
fail:
    free(b);
    close(fd);
    return st;
}
