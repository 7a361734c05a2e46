/* status.c: names and formatting for as_status / as_err. */
#include <stdio.h>
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
