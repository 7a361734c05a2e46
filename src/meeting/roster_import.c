/* roster_import.c: a spreadsheet's membership list turned into a roster
 * (see roster.h and docs/roster.md, "Importing a membership list").
 *
 * The input is whatever a spreadsheet program saved, so the checks aim at
 * what goes wrong there: another encoding (refused, never guessed: a wrong
 * guess prints wrong names on badges), semicolons instead of commas, a
 * name column with another header, a hand-typed token.  Every problem is
 * reported in one run, and the roster file appears only once the whole
 * list converted cleanly.  This file reads the list and writes the
 * roster file; roster_import_convert.c turns one into the other. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sodium.h>
#include "parse_file.h"
#include "roster.h"
#include "roster_import_internal.h"

/* ---- writing the file ---- */

static const char *errno_advice(int e)
{
    if (e == ENOSPC || e == EDQUOT)
        return "free some space on that disk and run it again";
    if (e == EROFS || e == EACCES || e == EPERM)
        return "choose a writable folder with -o";
    if (e == ENOENT || e == ENOTDIR)
        return "create the folder first or choose another one with -o";
    return "check the disk and run it again";
}

/* place: moves the finished temporary file to path.  Without force, a
 * hard link refuses atomically to replace a file made meanwhile; on file
 * systems without hard links (FAT USB sticks) a check then a rename. */
static int place(const char *tmp, const char *path, int force, int *exists)
{
    *exists = 0;
    if (force)
        return rename(tmp, path);
    if (link(tmp, path) == 0) {
        unlink(tmp);
        return 0;
    }
    if (errno == EEXIST) {
        *exists = 1;
        return -1;
    }
    struct stat sb;
    if (lstat(path, &sb) == 0) {
        *exists = 1;
        errno = EEXIST;
        return -1;
    }
    return rename(tmp, path);
}

static as_status write_new(const char *path, const char *data, size_t len,
                           int force, diag_list *diag)
{
    char dir[PATH_MAX], tmp[PATH_MAX + 32];
    const char *slash = strrchr(path, '/');
    int fd, e = 0, exists = 0;

    if (slash) {
        size_t n = (size_t)(slash - path);
        if (n >= sizeof dir || strlen(slash + 1) + n + 32 > sizeof tmp) {
            diag_add(diag, path, 0, 0, "path too long; choose a shorter -o path");
            return AS_EINVAL;
        }
        memcpy(dir, path, n ? n : 1);
        dir[n ? n : 1] = '\0';
        snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", dir, slash + 1);
    } else {
        if (strlen(path) + 32 > sizeof tmp) {
            diag_add(diag, path, 0, 0, "path too long; choose a shorter -o path");
            return AS_EINVAL;
        }
        strcpy(dir, ".");
        snprintf(tmp, sizeof tmp, ".%s.XXXXXX", path);
    }
    fd = mkstemp(tmp); /* mode 0600: the roster will hold badge tokens */
    if (fd < 0) {
        e = errno;
        diag_add(diag, path, 0, 0, "cannot create a file in that folder: %s; %s",
                 strerror(e), errno_advice(e));
        return as_status_from_errno(e);
    }
    if (as_write_all(fd, data, len) != 0 || fsync(fd) != 0) {
        e = errno;
        close(fd);
        goto fail;
    }
    if (close(fd) != 0) {
        e = errno;
        goto fail;
    }
    if (place(tmp, path, force, &exists) != 0) {
        e = errno;
        if (exists) {
            unlink(tmp);
            diag_add(diag, path, 0, 0,
                     "this file appeared while importing; nothing was written; "
                     "choose another name with -o, or pass --force to replace it");
            return AS_EINVAL;
        }
        goto fail;
    }
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        /* The file is in place; a failing folder fsync only weakens the
         * guarantee across a power cut, so it is not reported. */
        (void)fsync(dfd);
        close(dfd);
    }
    return AS_OK;
fail:
    unlink(tmp);
    diag_add(diag, path, 0, 0, "cannot write the roster: %s; nothing was "
             "written; %s", strerror(e), errno_advice(e));
    return as_status_from_errno(e);
}

as_status roster_import(const char *in_path, const char *out_path,
                        const roster_import_opts *o, int force,
                        roster_import_summary *sum, diag_list *diag)
{
    struct stat in_sb, out_sb;
    char *buf = NULL, *out = NULL;
    size_t len = 0, outlen = 0;
    as_status st;

    if (!in_path || !in_path[0] || !out_path || !out_path[0]) {
        diag_add(diag, "asamblea", 0, 0,
                 "roster import needs the membership list and -o ROSTER.csv");
        return AS_EINVAL;
    }
    if (stat(out_path, &out_sb) == 0) {
        if (S_ISDIR(out_sb.st_mode)) {
            diag_add(diag, out_path, 0, 0,
                     "this is a folder; give -o the name of the roster file "
                     "to write, like %s/roster.csv", out_path);
            return AS_EINVAL;
        }
        if (stat(in_path, &in_sb) == 0 && in_sb.st_dev == out_sb.st_dev &&
            in_sb.st_ino == out_sb.st_ino) {
            diag_add(diag, out_path, 0, 0,
                     "this is the membership list itself; write the roster to "
                     "another file with -o, like roster.csv");
            return AS_EINVAL;
        }
        if (!force) {
            diag_add(diag, out_path, 0, 0,
                     "already exists; nothing was written; choose another name "
                     "with -o, or pass --force to replace it");
            return AS_EINVAL;
        }
    }
    st = parse_read_file(in_path, "membership list", IMPORT_MAX_BYTES, &buf, &len,
                         diag);
    if (st != AS_OK)
        return st;
    st = roster_import_convert(in_path, buf, len, o, &out, &outlen, sum, diag);
    if (st == AS_OK)
        st = write_new(out_path, out, outlen, force, diag);
    if (out) {
        sodium_memzero(out, outlen);
        free(out);
    }
    sodium_memzero(buf, len);
    free(buf);
    return st;
}
