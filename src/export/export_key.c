/* export_key.c: the kiosk's Ed25519 signing key, DATA/device.key: the 64
 * bytes of a libsodium secret key (seed then public key), mode 0600, made
 * on first use and reused after.  The key never leaves this file and the
 * process; only its public half goes into a bundle. */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "export_internal.h"
#include "file_write.h"

#define KEY_NAME "device.key"

/* load_key: AS_OK with the key, or AS_OK and *missing = 1 when there is
 * no key file yet; AS_ECORRUPT for a damaged one.  fix_mode: narrow a
 * widened mode back to 0600 (never for a read-only data folder, whose
 * files must stay exactly as they are). */
static as_status load_key(const char *path, uint8_t pk[32], uint8_t sk[64],
                          int *missing, int fix_mode, as_err *err)
{
    uint8_t buf[65], check[32];
    struct stat sb;
    ssize_t n;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

    *missing = 0;
    if (fd < 0) {
        if (errno == ENOENT) {
            *missing = 1;
            return AS_OK;
        }
        return export_fs_fail(err, errno, "read the kiosk's signing key", path);
    }
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return as_err_set(err, AS_ECORRUPT,
                          "%s: not a key file; move it away (a new key will be made, "
                          "with a new fingerprint)", path);
    }
    /* Whoever copied it may have widened its mode; a secret stays 0600. */
    if (fix_mode && (sb.st_mode & 077) != 0)
        (void)fchmod(fd, 0600);
    n = read(fd, buf, sizeof buf);
    close(fd);
    if (n != 64) {
        sodium_memzero(buf, sizeof buf);
        return as_err_set(err, AS_ECORRUPT,
                          "%s: damaged (not a 64-byte key); restore it from a backup, or "
                          "move it away to make a new key (its fingerprint changes)",
                          path);
    }
    crypto_sign_ed25519_sk_to_pk(check, buf);
    {
        /* The public half stored in the key must be the seed's. */
        uint8_t seed_pk[32], seed_sk[64];
        crypto_sign_seed_keypair(seed_pk, seed_sk, buf);
        int ok = sodium_memcmp(seed_pk, check, 32) == 0;
        sodium_memzero(seed_sk, sizeof seed_sk);
        if (!ok) {
            sodium_memzero(buf, sizeof buf);
            return as_err_set(err, AS_ECORRUPT,
                              "%s: damaged (its two halves disagree); restore it from a "
                              "backup, or move it away to make a new key", path);
        }
    }
    memcpy(sk, buf, 64);
    memcpy(pk, check, 32);
    sodium_memzero(buf, sizeof buf);
    return AS_OK;
}

/* create_key: writes a fresh key (mode 0600) through the crash-safe
 * writer, which refuses to replace a key another process made first
 * (then that one is used: one kiosk, one key). */
static as_status create_key(const char *path, as_err *err)
{
    static const file_write_opts o = {0600, FILE_WRITE_NO_REPLACE};
    uint8_t pk[32], sk[64];
    file_writer w;
    as_status st;

    if ((st = file_writer_open(&w, path, &o, err)) != AS_OK)
        return st;
    crypto_sign_keypair(pk, sk);
    file_writer_write(&w, sk, sizeof sk);
    sodium_memzero(sk, sizeof sk);
    st = file_writer_commit(&w, NULL, NULL, err);
    return st == AS_ESTATE ? AS_OK : st;
}

/* key_path: DATA/device.key into path, once the arguments are there
 * (args) and libsodium has started. */
static as_status key_path(const char *data_dir, int args, const char *fn,
                          char path[EXPORT_PATH_MAX + 32], as_err *err)
{
    if (!data_dir || !*data_dir || !args)
        return as_err_set(err, AS_EINVAL, "%s: missing argument", fn);
    if (sodium_init() < 0)
        return as_err_set(err, AS_EIO, "%s: libsodium could not start", data_dir);
    if ((size_t)snprintf(path, EXPORT_PATH_MAX + 32, "%s/" KEY_NAME, data_dir) >=
        EXPORT_PATH_MAX + 32)
        return as_err_set(err, AS_EINVAL, "%s: path too long", data_dir);
    return AS_OK;
}

as_status export_device_key(const char *data_dir, uint8_t pk[32], uint8_t sk[64],
                            as_err *err)
{
    char path[EXPORT_PATH_MAX + 32];
    as_status st;
    int missing;

    if ((st = key_path(data_dir, pk && sk, "export_device_key", path, err)) != AS_OK)
        return st;
    if ((st = load_key(path, pk, sk, &missing, 1, err)) != AS_OK || !missing)
        return st;
    if ((st = create_key(path, err)) != AS_OK)
        return st;
    if ((st = load_key(path, pk, sk, &missing, 1, err)) != AS_OK)
        return st;
    if (missing)
        return as_err_set(err, AS_EIO, "%s: vanished right after it was made; check "
                          "the data directory", path);
    return AS_OK;
}

as_status export_device_key_load(const char *data_dir, uint8_t pk[32], uint8_t sk[64],
                                 as_err *err)
{
    char path[EXPORT_PATH_MAX + 32];
    as_status st;
    int missing;

    if ((st = key_path(data_dir, pk && sk, "export_device_key_load", path, err)) !=
        AS_OK)
        return st;
    if ((st = load_key(path, pk, sk, &missing, 0, err)) != AS_OK)
        return st;
    if (missing)
        return as_err_set(err, AS_EREADONLY,
                          "%s: missing, and %s is read-only, so no signing key can "
                          "be made; copy the whole folder to a writable disk and "
                          "export from the copy (a new key is made there, with a "
                          "fingerprint other than any shown before)", path, data_dir);
    return AS_OK;
}
