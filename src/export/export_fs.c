/* export_fs.c: every file-system write of the export module: the export
 * tree, its safe removal, and the atomically replaced meeting copy. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "export_internal.h"

#define BALLOTS_DIR "ballots"

as_status export_fs_fail(as_err *err, int e, const char *what, const char *path)
{
    as_status st = as_status_from_errno(e);
    const char *todo;
    switch (st) {
    case AS_EFULL: todo = "free some space or use another disk or USB stick"; break;
    case AS_EREADONLY:
        todo = "make it writable (mount the USB stick read-write) or choose another folder";
        break;
    case AS_ENOENT: todo = "check that the folder exists and is a folder"; break;
    default: todo = "check the disk or USB stick and try again"; break;
    }
    return as_err_set(err, st, "%s: cannot %s (%s); %s", path, what, strerror(e), todo);
}

as_status export_fs_sync_dir(const char *path, as_err *err)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return export_fs_fail(err, errno, "open the folder", path);
    /* Some filesystems (vfat on old kernels) refuse fsync on a directory
     * with EINVAL: nothing more can be done there, and it is not an error
     * of the data. */
    if (fsync(fd) != 0 && errno != EINVAL) {
        int e = errno;
        close(fd);
        return export_fs_fail(err, e, "sync the folder", path);
    }
    close(fd);
    return AS_OK;
}

/* write_all_fd: writes and fsyncs len bytes to fd; errno on failure. */
static int write_all_fd(int fd, const char *data, size_t len)
{
    int e = as_write_all(fd, data, len);
    if (e)
        return e;
    return fsync(fd) != 0 ? errno : 0;
}

static as_status write_new_file(const char *path, const char *data, size_t len,
                                as_err *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        if (errno == EEXIST)
            return as_err_set(err, AS_EINVAL,
                              "%s: two export files get the same name (proposal ids "
                              "differing only in letter case?); rename one proposal id",
                              path);
        return export_fs_fail(err, errno, "create the file", path);
    }
    int e = write_all_fd(fd, data, len);
    if (close(fd) != 0 && e == 0)
        e = errno;
    if (e)
        return export_fs_fail(err, e, "write the file", path);
    return AS_OK;
}

as_status export_fs_write_tree(const char *dir, const xfiles *f,
                               export_progress_fn progress, void *ud, as_err *err)
{
    char path[EXPORT_PATH_MAX + 300];
    as_status st = AS_OK;
    int have_ballots = 0;

    for (int i = 0; i < f->n; i++) {
        if (!strncmp(f->v[i].name, BALLOTS_DIR "/", sizeof BALLOTS_DIR) && !have_ballots) {
            snprintf(path, sizeof path, "%s/%s", dir, BALLOTS_DIR);
            if (mkdir(path, 0755) != 0)
                return export_fs_fail(err, errno, "create the folder", path);
            have_ballots = 1;
        }
        snprintf(path, sizeof path, "%s/%s", dir, f->v[i].name);
        st = write_new_file(path, f->v[i].data.p ? f->v[i].data.p : "",
                            f->v[i].data.len, err);
        if (st != AS_OK)
            return st;
        if (progress)
            progress(ud, i + 1, f->n);
    }
    if (have_ballots) {
        snprintf(path, sizeof path, "%s/%s", dir, BALLOTS_DIR);
        if ((st = export_fs_sync_dir(path, err)) != AS_OK)
            return st;
    }
    return export_fs_sync_dir(dir, err);
}

/* The only names an export folder holds. */
static int is_export_file(const char *name)
{
    static const char *const names[] = {
        "meeting.yaml", "results.txt", "attendance.txt", "events.log",
        "results.csv",  "results.json", "README.txt",    "device.pub",
        "device.pem",   "manifest.txt", "manifest.sig", "unrecorded.txt"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(name, names[i]))
            return 1;
    return 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !strcmp(s + n - k, suffix);
}

/* walk_export: checks (doit = 0) or deletes (doit = 1) the export folder. */
static as_status walk_export(const char *path, int doit, as_err *err)
{
    char sub[EXPORT_PATH_MAX + 300], bpath[EXPORT_PATH_MAX + 600];
    struct stat sb;
    as_status st = AS_OK;
    DIR *d = opendir(path), *bd = NULL;
    struct dirent *e;

    if (!d)
        return export_fs_fail(err, errno, "read the folder", path);
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
        if (lstat(sub, &sb) != 0) {
            st = export_fs_fail(err, errno, "inspect", sub);
            goto done;
        }
        if (S_ISREG(sb.st_mode) && is_export_file(e->d_name)) {
            if (doit && unlink(sub) != 0) {
                st = export_fs_fail(err, errno, "remove the old export file", sub);
                goto done;
            }
            continue;
        }
        if (S_ISDIR(sb.st_mode) && !strcmp(e->d_name, BALLOTS_DIR)) {
            struct dirent *be;
            if (!(bd = opendir(sub))) {
                st = export_fs_fail(err, errno, "read the folder", sub);
                goto done;
            }
            while ((be = readdir(bd)) != NULL) {
                if (!strcmp(be->d_name, ".") || !strcmp(be->d_name, ".."))
                    continue;
                snprintf(bpath, sizeof bpath, "%s/%s", sub, be->d_name);
                if (lstat(bpath, &sb) != 0) {
                    st = export_fs_fail(err, errno, "inspect", bpath);
                    goto done;
                }
                if (!S_ISREG(sb.st_mode) || (!ends_with(be->d_name, ".txt") &&
                                              !ends_with(be->d_name, ".csv"))) {
                    st = as_err_set(err, AS_EINVAL,
                                    "%s: not part of an asamblea export; move it "
                                    "elsewhere or choose another export folder", bpath);
                    goto done;
                }
                if (doit && unlink(bpath) != 0) {
                    st = export_fs_fail(err, errno, "remove the old export file", bpath);
                    goto done;
                }
            }
            closedir(bd);
            bd = NULL;
            if (doit && rmdir(sub) != 0) {
                st = export_fs_fail(err, errno, "remove the old export folder", sub);
                goto done;
            }
            continue;
        }
        st = as_err_set(err, AS_EINVAL,
                        "%s: not part of an asamblea export; move it elsewhere or "
                        "choose another export folder", sub);
        goto done;
    }
done:
    if (bd)
        closedir(bd);
    closedir(d);
    return st;
}

as_status export_fs_check_export(const char *path, as_err *err)
{
    return walk_export(path, 0, err);
}

as_status export_fs_remove_export(const char *path, as_err *err)
{
    struct stat sb;
    as_status st;

    if (lstat(path, &sb) != 0)
        return errno == ENOENT ? AS_OK : export_fs_fail(err, errno, "inspect", path);
    if (!S_ISDIR(sb.st_mode))
        return as_err_set(err, AS_EINVAL,
                          "%s: not an asamblea export folder; move it elsewhere or "
                          "choose another export folder", path);
    /* Check everything first so a foreign file stops us before anything
     * is deleted. */
    if ((st = walk_export(path, 0, err)) != AS_OK)
        return st;
    if ((st = walk_export(path, 1, err)) != AS_OK)
        return st;
    if (rmdir(path) != 0)
        return export_fs_fail(err, errno, "remove the old export folder", path);
    return AS_OK;
}

as_status export_fs_read(const char *path, char **bytes, size_t *len, as_err *err)
{
    xbuf b;
    char chunk[8192];
    as_status st = AS_OK;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    *bytes = NULL;
    *len = 0;
    if (fd < 0)
        return export_fs_fail(err, errno, "read", path);
    xbuf_init(&b);
    xbuf_add(&b, "", 0); /* an empty file is still a valid "" */
    for (;;) {
        ssize_t r = read(fd, chunk, sizeof chunk);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            st = export_fs_fail(err, errno, "read", path);
            goto done;
        }
        if (r == 0)
            break;
        xbuf_add(&b, chunk, (size_t)r);
    }
    if (b.oom) {
        st = as_err_set(err, AS_ENOMEM, "%s: out of memory reading it", path);
        goto done;
    }
    *bytes = b.p;
    *len = b.len;
    b.p = NULL;
done:
    close(fd);
    xbuf_free(&b);
    return st;
}

as_status export_fs_replace(const char *dir, const char *name, const char *data,
                            size_t len, as_err *err)
{
    char path[EXPORT_PATH_MAX + 300], tmp[EXPORT_PATH_MAX + 300];
    char *old = NULL;
    size_t oldlen = 0;
    as_status st;
    int fd, e;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (export_fs_read(path, &old, &oldlen, NULL) == AS_OK) {
        int same = oldlen == len && !memcmp(old, data, len);
        free(old);
        if (same)
            return AS_OK; /* nothing to do: spare the stick a write */
    }
    snprintf(tmp, sizeof tmp, "%s/.%s.tmp-XXXXXX", dir, name);
    if ((fd = mkstemp(tmp)) < 0)
        return export_fs_fail(err, errno, "create a file in", dir);
    e = fchmod(fd, 0644) != 0 ? errno : write_all_fd(fd, data, len);
    if (close(fd) != 0 && e == 0)
        e = errno;
    if (e) {
        unlink(tmp);
        return export_fs_fail(err, e, "write", path);
    }
    if (rename(tmp, path) != 0) {
        e = errno;
        unlink(tmp);
        return export_fs_fail(err, e, "replace", path);
    }
    st = export_fs_sync_dir(dir, err);
    return st;
}
