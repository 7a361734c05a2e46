/* store_keyfile.c: secret.key, the 32 random bytes that key the badge
 * token hashes.  Written once, atomically: a crash leaves either no key
 * or the whole key, never a short one. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sodium.h>
#include "store_priv.h"

as_status store_fsync_dir(const char *dir, as_err *err)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return store_errno_error(dir, errno, dir, "opening the directory", err);
    if (fsync(fd) != 0 && errno != EINVAL) {
        int e = errno;
        close(fd);
        return store_errno_error(dir, e, dir, "syncing the directory", err);
    }
    close(fd);
    return AS_OK;
}

as_status store_key_read(const char *dir, const char *path,
                         uint8_t key[TOKEN_KEY_SIZE], int *missing,
                         as_err *err)
{
    struct stat sb;
    size_t got = 0;
    as_status st = AS_OK;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

    *missing = 0;
    if (fd < 0) {
        if (errno == ENOENT) {
            *missing = 1;
            return AS_OK;
        }
        return store_errno_error(dir, errno, path, "reading the secret key", err);
    }
    if (fstat(fd, &sb) != 0) {
        st = store_errno_error(dir, errno, path, "reading the secret key", err);
        goto done;
    }
    if (!S_ISREG(sb.st_mode) || sb.st_size != TOKEN_KEY_SIZE) {
        st = store_errf(err, AS_ECORRUPT,
                        "%s: the secret key is damaged (it must be exactly "
                        "%d bytes); keep this directory for inspection and "
                        "start with a new --data directory", path,
                        TOKEN_KEY_SIZE);
        goto done;
    }
    while (got < TOKEN_KEY_SIZE) {
        ssize_t n = read(fd, key + got, TOKEN_KEY_SIZE - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            st = n < 0 ? store_errno_error(dir, errno, path,
                                           "reading the secret key", err)
                       : store_errf(err, AS_ECORRUPT,
                                    "%s: the secret key is damaged (short "
                                    "read); keep this directory for "
                                    "inspection and start with a new --data "
                                    "directory", path);
            goto done;
        }
        got += (size_t)n;
    }
done:
    close(fd);
    if (st != AS_OK)
        sodium_memzero(key, TOKEN_KEY_SIZE);
    return st;
}

as_status store_key_create(const char *dir, const char *path,
                           uint8_t key[TOKEN_KEY_SIZE], as_err *err)
{
    as_status st = AS_OK;
    size_t tlen = strlen(path) + sizeof ".tmp";
    char *tmp = malloc(tlen);
    size_t off = 0;
    int fd = -1;

    if (!tmp)
        return store_errf(err, AS_ENOMEM, "%s: out of memory", path);
    snprintf(tmp, tlen, "%s.tmp", path);

    /* A leftover from a crash mid-creation holds an unused key. */
    if (unlink(tmp) != 0 && errno != ENOENT) {
        st = store_errno_error(dir, errno, tmp, "creating the secret key", err);
        goto fail;
    }
    fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0 || fchmod(fd, 0600) != 0) {
        st = store_errno_error(dir, errno, tmp, "creating the secret key", err);
        goto fail;
    }
    randombytes_buf(key, TOKEN_KEY_SIZE);
    while (off < TOKEN_KEY_SIZE) {
        ssize_t n = write(fd, key + off, TOKEN_KEY_SIZE - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            st = store_errno_error(dir, n < 0 ? errno : EIO, tmp,
                                   "writing the secret key", err);
            goto fail;
        }
        off += (size_t)n;
    }
    if (fsync(fd) != 0) {
        st = store_errno_error(dir, errno, tmp, "writing the secret key", err);
        goto fail;
    }
    if (close(fd) != 0) {
        fd = -1;
        st = store_errno_error(dir, errno, tmp, "writing the secret key", err);
        goto fail;
    }
    fd = -1;
    if (rename(tmp, path) != 0) {
        st = store_errno_error(dir, errno, path, "creating the secret key", err);
        goto fail;
    }
    free(tmp);
    return store_fsync_dir(dir, err);

fail:
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    free(tmp);
    sodium_memzero(key, TOKEN_KEY_SIZE);
    return st;
}
