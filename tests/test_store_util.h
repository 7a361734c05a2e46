/* test_store_util.h: helpers shared by the store tests (temporary
 * directories, files, fake badge hashes). */
#ifndef AS_TEST_STORE_UTIL_H
#define AS_TEST_STORE_UTIL_H

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sodium.h>
#include "check.h"
#include "store_sqlite.h"

static inline char *tu_mkdtemp(void)
{
    char *d = strdup("/tmp/asamblea-store-XXXXXX");
    if (!d || !mkdtemp(d)) {
        perror("mkdtemp");
        exit(1);
    }
    return d;
}

static inline void tu_rm_rf(const char *dir)
{
    DIR *d;
    struct dirent *e;
    chmod(dir, 0700);
    d = opendir(dir);
    if (!d) {
        remove(dir);
        return;
    }
    while ((e = readdir(d)) != NULL) {
        char p[4096];
        struct stat sb;
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        if (lstat(p, &sb) == 0 && S_ISDIR(sb.st_mode))
            tu_rm_rf(p);
        else
            remove(p);
    }
    closedir(d);
    rmdir(dir);
}

static inline char *tu_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* tu_read: whole file, malloc'd; *len = -1 and NULL if missing. */
static inline uint8_t *tu_read(const char *path, long *len)
{
    struct stat sb;
    FILE *f;
    uint8_t *buf;
    *len = -1;
    if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
        return NULL;
    f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    *len = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)*len + 1);
    if (fread(buf, 1, (size_t)*len, f) != (size_t)*len)
        *len = -2;
    fclose(f);
    return buf;
}

static inline void tu_write(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len) {
        perror(path);
        exit(1);
    }
    fclose(f);
}

static inline int tu_exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

/* A stand-in for a keyed token hash: distinct per i. */
static inline void tu_badge(int i, uint8_t out[TOKEN_HASH_SIZE])
{
    char txt[32];
    snprintf(txt, sizeof txt, "badge-%d", i);
    crypto_generichash(out, TOKEN_HASH_SIZE, (const uint8_t *)txt, strlen(txt),
                       NULL, 0);
}

/* tu_find: memmem without _GNU_SOURCE. */
static inline int tu_find(const uint8_t *hay, long len, const uint8_t *needle,
                          long nlen)
{
    for (long i = 0; i + nlen <= len; i++)
        if (memcmp(hay + i, needle, (size_t)nlen) == 0)
            return 1;
    return 0;
}

static inline void tu_sha(const char *text, uint8_t out[32])
{
    crypto_hash_sha256(out, (const uint8_t *)text, strlen(text));
}

/* tu_open_ok: store_open of dir for the meeting whose YAML hashes to sha;
 * a failure is a failed check and ends the test binary at once (exit 1,
 * after the closing count line), since nothing after it could run. */
static inline store *tu_open_ok(const char *dir, const uint8_t sha[32])
{
    store *s = NULL;
    as_err err = {{0}};
    as_status st = store_open(dir, sha, &s, &err);
    CHECK_MSG(st == AS_OK, "store_open: %s", err.msg);
    if (st != AS_OK) {
        printf("%d passed, %d failed\n", check_passed, check_failed);
        exit(1);
    }
    return s;
}

#endif
