/* store_folder.c: the data folder and its files as the OS sees them,
 * before SQLite opens anything (store_open's step 1): reached without a
 * symbolic link, made (mode 0700) if missing, writable, and the size of
 * a file we could open but not write refused before SQLite would quietly
 * open it read-only. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <fcntl.h>
#include <sodium.h>
#include "store_priv.h"

/* The real folder a path names, for the message of a refusal: realpath of
 * dir, or of its parent joined with the last component when dir does not
 * exist yet.  Empty when neither resolves. */
static void real_folder(const char *dir, char *out, size_t outsz)
{
    char *r = realpath(dir, NULL), *copy, *slash;

    out[0] = '\0';
    if (r) {
        snprintf(out, outsz, "%s", r);
        free(r);
        return;
    }
    if (!(copy = strdup(dir)))
        return;
    slash = strrchr(copy, '/');
    if (slash && slash[1]) {
        *slash = '\0';
        r = realpath(copy[0] ? copy : "/", NULL);
        if (r)
            snprintf(out, outsz, "%s/%s", strcmp(r, "/") ? r : "", slash + 1);
        free(r);
    }
    free(copy);
}

/* Refusing rather than following a link (the choice is in docs/storage.md,
 * "Other refusals"): SQLite opens the databases with SQLITE_OPEN_NOFOLLOW
 * and would refuse anyway, with only "unable to open database file"; and
 * the store's own file work (secret.key, the voting kiosk's lock, fsync of
 * the folder) goes by the path too.  A link can be re-pointed during a
 * meeting (a remounted stick, an edited kiosk.env), which would put a
 * journal in another folder than its database, where recovery after a
 * crash never finds it.  One path naming one real folder rules that out. */
as_status store_check_no_link(const char *dir, as_err *err)
{
    size_t n = strlen(dir);
    char *prefix = malloc(n + 1);
    as_status st = AS_OK;

    if (!prefix)
        return store_errf(err, AS_ENOMEM, "%s: out of memory", dir);
    for (size_t i = 1; i <= n; i++) {
        struct stat sb;
        char target[512], real[1024];
        ssize_t t;

        /* Each prefix that ends a component: "a", "a/b", ... ("/" itself
         * cannot be a link). */
        if (i < n && dir[i] != '/')
            continue;
        if (dir[i - 1] == '/')
            continue;
        memcpy(prefix, dir, i);
        prefix[i] = '\0';
        if (lstat(prefix, &sb) != 0)
            break; /* the rest does not exist yet: no link in it */
        if (!S_ISLNK(sb.st_mode))
            continue;
        t = readlink(prefix, target, sizeof target - 1);
        target[t > 0 ? t : 0] = '\0';
        real_folder(dir, real, sizeof real);
        if (i == n)
            st = store_errf(err, AS_ENOENT,
                            "%s: is a symbolic link (to %s), and asamblea does "
                            "not follow links to its data; give --data the "
                            "real folder%s%s", dir, target[0] ? target : "?",
                            real[0] ? " " : "", real[0] ? real : "");
        else
            st = store_errf(err, AS_ENOENT,
                            "%s: the folder %s on its path is a symbolic link "
                            "(to %s), and asamblea does not follow links to its "
                            "data; give --data the real path%s%s", dir, prefix,
                            target[0] ? target : "?", real[0] ? " " : "",
                            real[0] ? real : "");
        break;
    }
    free(prefix);
    return st;
}

/* prepare_dir: the data folder exists (made here, mode 0700, if missing;
 * *created says so, for store_open to remove it again on a refusal), is
 * reached without a symbolic link and is writable.  The link check comes
 * before mkdir, so a refused path never leaves a new folder behind. */
as_status store_prepare_dir(const char *dir, int *created, as_err *err)
{
    struct stat sb;
    as_status st;

    *created = 0;
    if ((st = store_check_no_link(dir, err)) != AS_OK)
        return st;
    if (mkdir(dir, 0700) == 0) {
        *created = 1;
    } else if (errno != EEXIST) {
        int e = errno;
        if (e == ENOENT)
            return store_errf(err, AS_ENOENT,
                              "%s: cannot create the data directory (its "
                              "parent does not exist); create the parent or "
                              "choose another --data", dir);
        return store_errno_error(dir, e, dir, "creating the data directory", err);
    }
    if (lstat(dir, &sb) != 0)
        return store_errno_error(dir, errno, dir, "opening the data directory", err);
    if (S_ISLNK(sb.st_mode)) /* made between the check and here */
        return store_check_no_link(dir, err);
    if (!S_ISDIR(sb.st_mode))
        return store_errf(err, AS_ENOENT,
                          "%s: not a directory; give --data a directory", dir);
    if (faccessat(AT_FDCWD, dir, W_OK | X_OK, AT_EACCESS) != 0)
        return store_errf(err, AS_EREADONLY,
                          "%s: the data directory is not writable (%s); make "
                          "it writable or choose another --data", dir,
                          strerror(errno));
    return AS_OK;
}

/* -1 if path does not exist, else its size.  Also refuses files we could
 * open but not write, which SQLite would silently open read-only. */
as_status store_file_size(const char *dir, const char *path, off_t *size,
                           as_err *err)
{
    struct stat sb;

    if (lstat(path, &sb) != 0) {
        if (errno == ENOENT) {
            *size = -1;
            return AS_OK;
        }
        return store_errno_error(dir, errno, path, "opening the data directory", err);
    }
    if (!S_ISREG(sb.st_mode))
        return store_errf(err, AS_ECORRUPT,
                          "%s: not a regular file; keep it for inspection and "
                          "start with a new --data directory", path);
    if (faccessat(AT_FDCWD, path, R_OK | W_OK, AT_EACCESS) != 0)
        return store_errf(err, AS_EREADONLY,
                          "%s: not writable (%s); make %s and its files "
                          "writable or choose another --data", path,
                          strerror(errno), dir);
    *size = sb.st_size;
    return AS_OK;
}
