/* status.h: the one status convention used by every fallible function.
 *
 * Every function that can fail returns an as_status.  AS_OK is zero so that
 * `if ((st = f()) != AS_OK) goto fail;` reads naturally.  Where a human
 * needs to know more, the function also fills an as_err with one line that
 * names the file (and line, when there is one) and says what to do. */
#ifndef AS_STATUS_H
#define AS_STATUS_H

#include <stdarg.h>
#include <stddef.h>

typedef enum {
    AS_OK = 0,
    AS_EINVAL,    /* bad input: a file, a scan, a tap or an argument */
    AS_ENOENT,    /* a file or directory that must exist does not */
    AS_EIO,       /* the operating system refused a read or write */
    AS_EFULL,     /* the disk (or the database's size cap) is full */
    AS_EREADONLY, /* the data directory or a file is not writable */
    AS_ECORRUPT,  /* a database or file is damaged */
    AS_EMISMATCH, /* a data directory that belongs to another meeting */
    AS_ESTATE,    /* not allowed now: already voted, proposal not open... */
    AS_ENOMEM     /* out of memory */
} as_status;

/* One human-readable error line, e.g.
 * "roster.csv:12: duplicate token ...; remove one of the two rows". */
typedef struct {
    char msg[768];
} as_err;

/* as_status_name: a short stable English name for a status ("invalid
 * input", "disk full", ...).  Never returns NULL. */
const char *as_status_name(as_status st);

/* as_status_from_errno: the status for an errno from a file operation:
 * disk full (ENOSPC, EDQUOT, EFBIG), not writable (EACCES, EPERM, EROFS),
 * not found (ENOENT, ENOTDIR), out of memory, else an I/O error. */
as_status as_status_from_errno(int e);

/* as_write_all: writes all n bytes of p to fd, retrying short writes and
 * EINTR.  Returns 0, or the errno of the failed write. */
int as_write_all(int fd, const void *p, size_t n);

/* as_err_set: formats msg into err (if err is non-NULL) and returns st, so
 * that `return as_err_set(err, AS_EINVAL, "%s:%d: ...", ...)` is one line.
 * Messages longer than the buffer are truncated, never overflowed. */
as_status as_err_set(as_err *err, as_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* as_err_clear: empties err (NULL allowed). */
void as_err_clear(as_err *err);

#endif
