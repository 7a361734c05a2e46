/* status.c: names and formatting for as_status / as_err. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include "status.h"

const char *as_status_name(as_status st)
{
    switch (st) {
    case AS_OK: return "ok";
    case AS_EINVAL: return "invalid input";
    case AS_ENOENT: return "not found";
    case AS_EIO: return "input/output error";
    case AS_EFULL: return "disk full";
    case AS_EREADONLY: return "not writable";
    case AS_ECORRUPT: return "damaged";
    case AS_EMISMATCH: return "belongs to another meeting";
    case AS_ESTATE: return "not allowed now";
    case AS_ENOMEM: return "out of memory";
    }
    return "unknown error";
}

as_status as_err_set(as_err *err, as_status st, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return st;
}

void as_err_clear(as_err *err)
{
    if (err)
        err->msg[0] = '\0';
}

as_status as_status_from_errno(int e)
{
    switch (e) {
    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
    case EFBIG:
        return AS_EFULL;
    case EACCES:
    case EPERM:
    case EROFS:
        return AS_EREADONLY;
    case ENOENT:
    case ENOTDIR:
        return AS_ENOENT;
    case ENOMEM:
        return AS_ENOMEM;
    default:
        return AS_EIO;
    }
}

int as_write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n > 0) {
        ssize_t w = write(fd, c, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        c += w;
        n -= (size_t)w;
    }
    return 0;
}
