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
#include "file_write.h"

#define BALLOTS_DIR "ballots"
#define KIOSKS_DIR "kiosks"

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
    return file_sync_dir(path, err);
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

/* The sub-folders a bundle may have, and the files each holds: ballots/
 * always (when a proposal closed), kiosks/ only when several kiosks voted
 * (docs/export-format.md §9). */
static const struct {
    const char *dir;
    const char *ends[3];
} subdirs[] = {{BALLOTS_DIR, {".txt", ".csv", NULL}},
               {KIOSKS_DIR, {".list", ".sig", ".txt"}}};
#define NSUBDIRS (int)(sizeof subdirs / sizeof subdirs[0])

/* subdir_of: which of subdirs the path "DIR/NAME" is in, or -1. */
static int subdir_of(const char *path)
{
    for (int k = 0; k < NSUBDIRS; k++) {
        size_t n = strlen(subdirs[k].dir);
        if (!strncmp(path, subdirs[k].dir, n) && path[n] == '/')
            return k;
    }
    return -1;
}

as_status export_fs_write_tree(const char *dir, const xfiles *f,
                               export_progress_fn progress, void *ud, as_err *err)
{
    char path[EXPORT_PATH_MAX + 300];
    as_status st = AS_OK;
    int made[NSUBDIRS] = {0};

    for (int i = 0; i < f->n; i++) {
        int k = subdir_of(f->v[i].name);
        if (k >= 0 && !made[k]) {
            snprintf(path, sizeof path, "%s/%s", dir, subdirs[k].dir);
            if (mkdir(path, 0755) != 0)
                return export_fs_fail(err, errno, "create the folder", path);
            made[k] = 1;
        }
        snprintf(path, sizeof path, "%s/%s", dir, f->v[i].name);
        st = write_new_file(path, f->v[i].data.p ? f->v[i].data.p : "",
                            f->v[i].data.len, err);
        if (st != AS_OK)
            return st;
        if (progress)
            progress(ud, i + 1, f->n);
    }
    for (int k = 0; k < NSUBDIRS; k++) {
        if (!made[k])
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, subdirs[k].dir);
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

/* next_entry: the next entry of the folder dir (open as d), skipping "."
 * and "..": its path in buf and its lstat in sb.  1, 0 at the end, or -1
 * with *st and err set. */
static int next_entry(DIR *d, const char *dir, char *buf, size_t size,
                      const char **name, struct stat *sb, as_status *st, as_err *err)
{
    struct dirent *e;

    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        snprintf(buf, size, "%s/%s", dir, e->d_name);
        *name = e->d_name;
        if (lstat(buf, sb) == 0)
            return 1;
        *st = export_fs_fail(err, errno, "inspect", buf);
        return -1;
    }
    return 0;
}

static as_status foreign(const char *path, as_err *err)
{
    return as_err_set(err, AS_EINVAL, "%s: not part of an asamblea export; move it "
                      "elsewhere or choose another export folder", path);
}

/* in_subdir: 1 when name is a file sub-folder k holds. */
static int in_subdir(int k, const char *name)
{
    for (int j = 0; j < 3 && subdirs[k].ends[j]; j++)
        if (ends_with(name, subdirs[k].ends[j]))
            return 1;
    return 0;
}

/* walk_export: checks (doit = 0) or deletes (doit = 1) the export folder
 * at path (sub = -1), or its sub-folder subdirs[sub] (only the files that
 * one holds, and the folder itself goes too). */
static as_status walk_export(const char *path, int doit, int sub, as_err *err)
{
    char sub_path[EXPORT_PATH_MAX + 600];
    const char *name;
    struct stat sb;
    as_status st = AS_OK;
    DIR *d = opendir(path);

    if (!d)
        return export_fs_fail(err, errno, "read the folder", path);
    while (next_entry(d, path, sub_path, sizeof sub_path, &name, &sb, &st, err) > 0) {
        int ours = S_ISREG(sb.st_mode) &&
                   (sub >= 0 ? in_subdir(sub, name) : is_export_file(name));
        int k = -1;
        for (int j = 0; !ours && sub < 0 && j < NSUBDIRS; j++)
            if (S_ISDIR(sb.st_mode) && !strcmp(name, subdirs[j].dir))
                k = j;
        if (ours && doit && unlink(sub_path) != 0)
            st = export_fs_fail(err, errno, "remove the old export file", sub_path);
        else if (k >= 0)
            st = walk_export(sub_path, doit, k, err);
        else if (!ours)
            st = foreign(sub_path, err);
        if (st != AS_OK)
            break;
    }
    closedir(d);
    if (st == AS_OK && doit && sub >= 0 && rmdir(path) != 0)
        st = export_fs_fail(err, errno, "remove the old export folder", path);
    return st;
}

as_status export_fs_check_export(const char *path, as_err *err)
{
    return walk_export(path, 0, -1, err);
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
    if ((st = walk_export(path, 0, -1, err)) != AS_OK)
        return st;
    if ((st = walk_export(path, 1, -1, err)) != AS_OK)
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
    static const file_write_opts o = {0644, 0};
    char path[EXPORT_PATH_MAX + 300];
    char *old = NULL;
    size_t oldlen = 0;

    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path)
        return as_err_set(err, AS_EINVAL, "%s: path too long", dir);
    if (export_fs_read(path, &old, &oldlen, NULL) == AS_OK) {
        int same = oldlen == len && !memcmp(old, data, len);
        free(old);
        if (same)
            return AS_OK; /* nothing to do: spare the stick a write */
    }
    return file_write_atomic(path, data, len, &o, err);
}
