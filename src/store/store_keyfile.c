/* store_keyfile.c: secret.key, the 32 random bytes that key the badge
 * token hashes.  Written once, through the crash-safe writer
 * (file_write.h): a crash leaves either no key or the whole key. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sodium.h>
#include "file_write.h"
#include "store_priv.h"

as_status store_fsync_dir(const char *dir, as_err *err)
{
    return file_sync_dir(dir, err);
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
    /* 0600: the key turns any badge token into its check-in and vote
     * hashes.  The writer leaves no key or the whole key, never a short
     * one, and wipes its buffer. */
    static const file_write_opts o = {0600, 0};
    file_writer w;
    as_status st;

    (void)dir;
    if ((st = file_writer_open(&w, path, &o, err)) != AS_OK)
        return st;
    randombytes_buf(key, TOKEN_KEY_SIZE);
    file_writer_write(&w, key, TOKEN_KEY_SIZE);
    if ((st = file_writer_commit(&w, NULL, NULL, err)) != AS_OK)
        sodium_memzero(key, TOKEN_KEY_SIZE);
    return st;
}
