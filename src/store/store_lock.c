/* store_lock.c: one voting kiosk per data folder.
 *
 * Two voting kiosks on one folder would each keep their own idea of which
 * proposals are open and what the room was shown (a close on one is not
 * on the other's screen until it reads the store again), and the advice
 * a confused kiosk gives ("start with a new --data directory") would
 * split the meeting.  So a voting kiosk holds an exclusive flock(2) on
 * DIR/voting-kiosk.lock for as long as it runs; a second one is refused
 * with a clear message, while check-in desks (--mode desk) and the
 * command-line tools take no lock and keep working beside it.  The kernel
 * drops the lock when the process ends, however it ends, so a crash never
 * leaves the folder locked.  The file holds nothing. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>
#include "store_priv.h"

as_status store_lock_voting(store *b, as_err *err)
{
    sqlstore *s = sq_of(b);
    char *path;
    int fd;

    if (!s)
        return store_errf(err, AS_EINVAL, "store_lock_voting: no SQLite store");
    if (s->lock_fd > 0)
        return AS_OK;
    if (!(path = store_join(s->dir, "voting-kiosk.lock")))
        return store_errf(err, AS_ENOMEM, "%s: out of memory", s->dir);
    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        as_status st = store_errno_error(s->dir, errno, path,
                                         "locking the data directory", err);
        free(path);
        return st;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int e = errno;
        close(fd);
        if (e == EWOULDBLOCK) {
            as_status st = store_errf(err, AS_ESTATE,
                "%s: another voting kiosk is using this data folder; run one "
                "voting kiosk per data folder (a check-in desk, --mode desk, "
                "may share it), or stop the other one first", s->dir);
            free(path);
            return st;
        }
        as_status st = store_errno_error(s->dir, e, path,
                                         "locking the data directory", err);
        free(path);
        return st;
    }
    free(path);
    s->lock_fd = fd;
    return AS_OK;
}
