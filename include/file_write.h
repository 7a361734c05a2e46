/* file_write.h: the one crash-safe way to put a file on disk.
 *
 * The bytes go to a temporary file beside the target (same folder, so the
 * rename cannot cross file systems), which is fsynced and closed, then
 * renamed over the target, then the folder is fsynced so the new name
 * survives a power cut too.  At every instant the target is either the
 * old file (or absent) or the complete new one; on any failure the
 * temporary file is removed and the target is left exactly as it was.
 * Used for rosters, secret keys, badge sheets, voting cards and the
 * kiosk's copy of the meeting file. */
#ifndef AS_FILE_WRITE_H
#define AS_FILE_WRITE_H

#include <stddef.h>
#include "status.h"

enum {
    /* Refuse to replace an existing file: the new one is hard-linked into
     * place, which fails atomically when a file (or a symbolic link) with
     * that name appeared meanwhile; where the file system has no hard
     * links (FAT USB sticks) a check, then a rename.  The refusal is
     * AS_ESTATE, with err saying the file exists. */
    FILE_WRITE_NO_REPLACE = 1
};

typedef struct {
    unsigned mode; /* permission bits of the new file (0600 for secrets,
                    * 0644 for documents); 0 means 0600 */
    int flags;     /* FILE_WRITE_* */
} file_write_opts;

/* A file being written.  Treat as opaque; zeroed means "not open". */
typedef struct {
    int live;          /* the temporary file exists (and fd is open until commit) */
    int fd;
    char *path, *tmp, *dir;
    int flags;
    int err_no;        /* the first failed write's errno, reported at commit */
    size_t used;       /* bytes waiting in buf */
    unsigned char buf[16384];
} file_writer;

/* file_writer_open: creates the temporary file beside path (mode o->mode;
 * NULL o: 0600, replacing).  Failures, err naming path and what to do:
 * AS_EINVAL (empty path, a path naming a folder), AS_ENOENT (the folder
 * does not exist), AS_EREADONLY (not writable), AS_EFULL, AS_EIO,
 * AS_ENOMEM.  On failure w is zeroed and nothing is left on disk. */
as_status file_writer_open(file_writer *w, const char *path,
                           const file_write_opts *o, as_err *err);

/* file_writer_write: appends n bytes.  Never fails by itself: the first
 * failure is remembered and reported by file_writer_commit, so a writer
 * callback (cairo's) can stay simple.  Returns 0, or -1 once a write has
 * failed (every later call is a no-op). */
int file_writer_write(file_writer *w, const void *p, size_t n);

/* file_writer_commit: flushes and fsyncs the temporary file, runs before
 * (may be NULL: e.g. registering voting cards in a database once their
 * PDF is safely on disk; its failure aborts with its status and err),
 * then renames it over the path (or, with FILE_WRITE_NO_REPLACE, links
 * it, refusing an existing file with AS_ESTATE) and fsyncs the folder.
 * Always closes w (zeroed after).  On failure nothing new is left: the
 * target is exactly as it was before file_writer_open.  The one
 * exception is a failed fsync of the folder after the rename (reported,
 * AS_EIO): the new file is then in place but may not survive a power
 * cut.  Buffered bytes are wiped from memory. */
as_status file_writer_commit(file_writer *w, as_status (*before)(void *ud, as_err *err),
                             void *ud, as_err *err);

/* file_writer_abort: removes the temporary file and closes w (zeroed
 * after).  Safe on a zeroed or already closed w. */
void file_writer_abort(file_writer *w);

/* file_write_atomic: the whole file in one call: open, write len bytes,
 * commit.  Same options, failures and guarantees. */
as_status file_write_atomic(const char *path, const void *data, size_t len,
                            const file_write_opts *o, as_err *err);

/* file_sync_dir: fsyncs the folder dir so the names in it (a rename, a
 * new file) survive a power cut.  A file system that cannot sync a folder
 * (EINVAL, vfat on some kernels) is not an error.  AS_ENOENT, AS_EIO...
 * with err naming dir. */
as_status file_sync_dir(const char *dir, as_err *err);

/* file_mkdirs: mkdir -p path, new folders mode 0700 (a screenshot or
 * badge-image folder holds what only its owner should see).  0, or -1
 * with errno set (ENAMETOOLONG past 4095 bytes). */
int file_mkdirs(const char *path);

/* file_write_error: the one message for operation doing ("create a file
 * in that folder", "write it") failing on path with errno e: "PATH:
 * cannot DOING (REASON); WHAT TO DO".  Returns as_status_from_errno(e). */
as_status file_write_error(as_err *err, int e, const char *doing, const char *path);

#endif
