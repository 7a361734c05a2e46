/* verify_bundle.c: loading a bundle directory (no symlink, FIFO or device
 * followed; size caps).  The checks read the loaded files; verify_run.c
 * runs them. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sodium.h>
#include "file_read.h"
#include "verify_bundle.h"

/* Entry names come from a hostile medium: print them safely. */
static void printable(char *dst, size_t size, const char *src)
{
    size_t i = 0;
    for (; src[i] && i + 1 < size; i++) {
        unsigned char ch = (unsigned char)src[i];
        dst[i] = (ch < 0x20 || ch > 0x7e) ? '?' : (char)ch;
    }
    dst[i] = '\0';
}

static as_status add_file(vbundle *b, const char *rel, const char *full,
                          as_err *err)
{
    if (b->nf >= VERIFY_FILES_MAX)
        return as_err_set(err, AS_EINVAL, "%s: more than %d files; this is not "
                          "an asamblea bundle", b->dir, VERIFY_FILES_MAX);
    if (b->nf % 64 == 0) {
        vfile *nfp = realloc(b->f, (size_t)(b->nf + 64) * sizeof *nfp);
        if (!nfp)
            return as_err_set(err, AS_ENOMEM, "%s: out of memory", b->dir);
        b->f = nfp;
    }
    vfile *f = &b->f[b->nf];
    memset(f, 0, sizeof *f);
    size_t rl = strlen(rel);
    f->path = malloc(rl + 1);
    if (!f->path)
        return as_err_set(err, AS_ENOMEM, "%s: out of memory", b->dir);
    printable(f->path, rl + 1, rel);
    b->nf++;
    as_err e;
    as_err_clear(&e);
    /* what is left of the bundle's budget caps this file too */
    size_t left = VERIFY_BUNDLE_MAX - b->bytes;
    size_t max = left < VERIFY_FILE_MAX ? left : VERIFY_FILE_MAX;
    as_status st = file_read_regular(full, FILE_NOFOLLOW, max, "bundle file", &f->buf,
                                     &f->len, &e);
    if (st == AS_ENOMEM)
        return as_err_set(err, AS_ENOMEM, "%s: %s", f->path, e.msg);
    if (st != AS_OK) {
        if (st == AS_EINVAL && max < VERIFY_FILE_MAX && !b->over_budget) {
            /* the file may be fine alone: say it is the total */
            b->over_budget = 1;
            if (snprintf(f->problem, sizeof f->problem, "%.300s: cannot be read: the "
                         "bundle's files pass the %zu MiB a bundle may hold; this is "
                         "not an asamblea bundle", f->path,
                         (size_t)(VERIFY_BUNDLE_MAX >> 20)) < 0)
                f->problem[0] = '\0';
        } else {
            /* a long path or message is cut, never overflowed */
            if (snprintf(f->problem, sizeof f->problem, "%s: cannot be read (%s): %.300s",
                         f->path, as_status_name(st), e.msg) < 0)
                f->problem[0] = '\0';
        }
        f->buf = NULL;
        return AS_OK;
    }
    b->bytes += f->len;
    crypto_hash_sha256(f->hash, (const unsigned char *)f->buf, f->len);
    return AS_OK;
}

static void walk_problem(vbundle *b, const char *rel, const char *what)
{
    if (b->nwalk_problems >= 16)
        return;
    char name[200];
    printable(name, sizeof name, rel);
    char *line = b->walk_problem[b->nwalk_problems++];
    /* A long name is cut, never overflowed; the result is used so gcc
     * knows the truncation is intended. */
    if (snprintf(line, sizeof b->walk_problem[0],
                 "%s: %s; a bundle holds regular files, ballots/ and kiosks/ only", name,
                 what) < 0)
        line[0] = '\0';
}

static as_status walk(vbundle *b, const char *sub, as_err *err)
{
    as_status st = AS_OK;
    char dpath[4096];
    if (snprintf(dpath, sizeof dpath, "%s%s%s", b->dir, sub ? "/" : "",
                 sub ? sub : "") >= (int)sizeof dpath)
        return as_err_set(err, AS_EINVAL, "%s: path too long", b->dir);
    int dfd = open(dpath, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dfd < 0) {
        int e = errno;
        if (sub) {
            walk_problem(b, sub, "cannot be opened as a directory");
            return AS_OK;
        }
        return as_err_set(err, e == ENOENT ? AS_ENOENT : e == ENOTDIR ? AS_EINVAL : AS_EIO,
                          "%s: %s; give the bundle folder (asamblea-DATE-XXXXXXXX)",
                          dpath, e == ENOTDIR ? "not a folder" : strerror(e));
    }
    DIR *d = fdopendir(dfd);
    if (!d) {
        close(dfd);
        return as_err_set(err, AS_EIO, "%s: cannot list: %s", dpath, strerror(errno));
    }
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        const char *nm = de->d_name;
        if (!strcmp(nm, ".") || !strcmp(nm, ".."))
            continue;
        char rel[600], full[4096 + 600];
        if (snprintf(rel, sizeof rel, "%s%s%s", sub ? sub : "", sub ? "/" : "",
                     nm) >= (int)sizeof rel) {
            walk_problem(b, nm, "name too long");
            continue;
        }
        snprintf(full, sizeof full, "%s/%s", dpath, nm);
        struct stat sb;
        if (fstatat(dfd, nm, &sb, AT_SYMLINK_NOFOLLOW) != 0) {
            walk_problem(b, rel, "cannot be examined");
            continue;
        }
        if (S_ISREG(sb.st_mode)) {
            if ((st = add_file(b, rel, full, err)) != AS_OK)
                break;
        } else if (S_ISDIR(sb.st_mode) && !sub &&
                   (!strcmp(nm, "ballots") || !strcmp(nm, "kiosks"))) {
            /* kiosks/: only in a bundle of several kiosks (§9) */
            if ((st = walk(b, nm, err)) != AS_OK)
                break;
        } else {
            walk_problem(b, rel, S_ISLNK(sb.st_mode)  ? "is a symbolic link"
                                 : S_ISDIR(sb.st_mode) ? "is an unexpected folder"
                                                       : "is not a regular file");
        }
    }
    closedir(d);
    return st;
}

as_status vbundle_load(const char *dir, vbundle *b, as_err *err)
{
    memset(b, 0, sizeof *b);
    b->dir = dir;
    as_status st = walk(b, NULL, err);
    if (st != AS_OK)
        vbundle_free(b);
    return st;
}

void vbundle_free(vbundle *b)
{
    for (int i = 0; i < b->nf; i++) {
        free(b->f[i].path);
        free(b->f[i].buf);
    }
    free(b->f);
    b->f = NULL;
    b->nf = 0;
}

const vfile *vbundle_find(const vbundle *b, const char *path)
{
    for (int i = 0; i < b->nf; i++)
        if (!strcmp(b->f[i].path, path))
            return &b->f[i];
    return NULL;
}

const vfile *vbundle_get(const vbundle *b, const char *path)
{
    const vfile *f = vbundle_find(b, path);
    return f && f->buf ? f : NULL;
}
