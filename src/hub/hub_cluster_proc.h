/* hub_cluster_proc.h: running PostgreSQL's programs for hub_cluster.c (as
 * which user, without a shell) and the lock files a killed postmaster
 * leaves behind.  Private to src/hub. */
#ifndef AS_HUB_CLUSTER_PROC_H
#define AS_HUB_CLUSTER_PROC_H

#include <sys/types.h>
#include "status.h"

/* Who runs the programs: the caller itself (drop == 0), or, when the
 * caller is root, the unprivileged uid/gid it switches to in the child. */
typedef struct {
    int drop;
    uid_t uid;
    gid_t gid;
} hub_runas;

/* hub_cluster_runas_new_owner: for a new cluster: nobody to switch to
 * unless running as root, then "nobody" or $ASAMBLEA_PG_USER.  AS_ENOENT
 * (no such user) or AS_EINVAL (that user is root), err saying what to do. */
as_status hub_cluster_runas_new_owner(hub_runas *u, as_err *err);

/* hub_cluster_runas_of: for an existing cluster: the owner of pgdir when
 * running as root.  AS_ESTATE when pgdir belongs to another user than a
 * caller who is not root (or to root), AS_ENOENT when it cannot be read;
 * err names pgdir and what to do. */
as_status hub_cluster_runas_of(const char *pgdir, hub_runas *u, as_err *err);

/* hub_cluster_give: chown path to the user u switches to (nothing when u
 * does not switch).  0, or -1 with errno. */
int hub_cluster_give(const hub_runas *u, const char *path);

/* hub_cluster_run: runs the program bindir/prog with argv (argv[0] is
 * prog, NULL-terminated) as u, in folder cwd, stdin from /dev/null,
 * stdout and stderr appended to the file log (created 0600 and given to
 * u), no other file descriptor inherited; waits for it.  Returns its exit
 * status (0-255, 128+N when killed by signal N), or -1 with errno when it
 * could not be started. */
int hub_cluster_run(const hub_runas *u, const char *cwd, const char *log,
                    const char *bindir, const char *prog, char *const argv[]);

/* hub_cluster_alive: 1 when process pid exists and is not a zombie (a
 * killed postmaster nobody reaps stays a zombie, which kill(pid, 0) would
 * call alive), else 0. */
int hub_cluster_alive(long pid);

/* hub_cluster_clear_stale: readies pgdir (with its sockets in rundir) for
 * a start after a postmaster died without cleaning up: when
 * pgdir/postmaster.pid names a process that is gone or a zombie, waits up
 * to 15 s for the dead server's children to detach from its shared memory,
 * then removes that file and the dead server's socket lock files in rundir.
 * Returns 0 (nothing in the way), or the pid of a live postmaster. */
long hub_cluster_clear_stale(const char *pgdir, const char *rundir);

/* hub_cluster_pidfile: from pgdir/postmaster.pid, the postmaster's pid and
 * its port.  0, or -1 when the file is missing or malformed. */
int hub_cluster_pidfile(const char *pgdir, long *pid, int *port);

#endif
