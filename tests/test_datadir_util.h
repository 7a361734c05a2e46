/* test_datadir_util.h: for the data-folder tests: a snapshot of a folder
 * (every entry's name, type, size, mtime and bytes) to show that a
 * command changed nothing, and a read-only view of a folder on a real
 * read-only mount (a bind mount remounted ro in a private mount
 * namespace), since the tests run as root here and root ignores mode
 * bits. */
#ifndef AS_TEST_DATADIR_UTIL_H
#define AS_TEST_DATADIR_UTIL_H

#define _GNU_SOURCE 1
#include <dirent.h>
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sodium.h>

typedef struct {
    char name[256];
    mode_t mode;
    off_t size;
    struct timespec mtime;
    uint8_t sha[32];
} td_entry;

typedef struct {
    td_entry e[64];
    int n;
} td_snap;

static inline int td_name_cmp(const void *a, const void *b)
{
    return strcmp(((const td_entry *)a)->name, ((const td_entry *)b)->name);
}

/* td_snapshot: the entries of dir (not recursive: a data folder is flat),
 * sorted by name; the folder itself as ".".  0 on success. */
static inline int td_snapshot(const char *dir, td_snap *s)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    memset(s, 0, sizeof *s);
    if (!d)
        return -1;
    while ((de = readdir(d)) != NULL && s->n < 64) {
        td_entry *e = &s->e[s->n];
        char p[1024];
        struct stat sb;
        if (!strcmp(de->d_name, ".."))
            continue;
        snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
        if (lstat(p, &sb) != 0)
            continue;
        snprintf(e->name, sizeof e->name, "%s", de->d_name);
        e->mode = sb.st_mode;
        e->size = sb.st_size;
        e->mtime = sb.st_mtim;
        if (S_ISREG(sb.st_mode)) {
            FILE *f = fopen(p, "rb");
            crypto_hash_sha256_state st;
            unsigned char buf[4096];
            size_t k;
            crypto_hash_sha256_init(&st);
            while (f && (k = fread(buf, 1, sizeof buf, f)) > 0)
                crypto_hash_sha256_update(&st, buf, k);
            if (f)
                fclose(f);
            crypto_hash_sha256_final(&st, e->sha);
        }
        s->n++;
    }
    closedir(d);
    qsort(s->e, (size_t)s->n, sizeof s->e[0], td_name_cmp);
    return 0;
}

/* td_same: "" if a and b are equal, else the first difference. */
static inline const char *td_diff(const td_snap *a, const td_snap *b)
{
    static char why[1200];
    if (a->n != b->n) {
        snprintf(why, sizeof why, "%d entries before, %d after", a->n, b->n);
        return why;
    }
    for (int i = 0; i < a->n; i++) {
        const td_entry *x = &a->e[i], *y = &b->e[i];
        if (strcmp(x->name, y->name))
            snprintf(why, sizeof why, "%s became %s", x->name, y->name);
        else if (x->mode != y->mode)
            snprintf(why, sizeof why, "%s: mode changed", x->name);
        else if (S_ISREG(x->mode) && x->size != y->size)
            snprintf(why, sizeof why, "%s: size %lld became %lld", x->name,
                     (long long)x->size, (long long)y->size);
        else if (x->mtime.tv_sec != y->mtime.tv_sec || x->mtime.tv_nsec != y->mtime.tv_nsec)
            snprintf(why, sizeof why, "%s: mtime changed", x->name);
        else if (memcmp(x->sha, y->sha, 32))
            snprintf(why, sizeof why, "%s: bytes changed", x->name);
        else
            continue;
        return why;
    }
    return "";
}

/* td_chmod_ro: chmod a-w on dir and every entry in it (not following
 * links); td_chmod_rw undoes it (0700 / 0600). */
static inline void td_chmod(const char *dir, int writable)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    while (d && (de = readdir(d)) != NULL) {
        char p[1024];
        struct stat sb;
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
        if (lstat(p, &sb) == 0 && S_ISREG(sb.st_mode))
            chmod(p, writable ? (sb.st_mode | 0200) : (sb.st_mode & ~0222u));
    }
    if (d)
        closedir(d);
    chmod(dir, writable ? 0700 : 0500);
}

/* td_in_mounts: runs fn(ud) in a child with a private mount namespace (so
 * nothing leaks to the rest of the machine, and its mounts go away with
 * it) after setup(dir, arg) made its mounts there.  Returns fn's result
 * (0 ok, else a failure count), or -77 when this machine cannot do it (not
 * root, no namespaces, setup failed: it says why on stderr): the caller
 * says SKIP. */
static inline int td_in_mounts(const char *dir, int (*setup)(const char *, const char *),
                               const char *arg, int (*fn)(void *), void *ud)
{
    int pipefd[2], status = 0;
    pid_t pid;
    if (pipe(pipefd) != 0)
        return -77;
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid < 0)
        return -77;
    if (pid == 0) {
        char ok = 0;
        close(pipefd[0]);
        if (unshare(CLONE_NEWNS) != 0 ||
            mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) {
            fprintf(stderr, "private mount namespace for %s: %s\n", dir, strerror(errno));
            (void)!write(pipefd[1], &ok, 1);
            _exit(0);
        }
        if (setup(dir, arg) != 0) {
            (void)!write(pipefd[1], &ok, 1);
            _exit(0);
        }
        ok = 1;
        (void)!write(pipefd[1], &ok, 1);
        close(pipefd[1]);
        int rc = fn(ud);
        fflush(stdout);
        fflush(stderr);
        _exit(rc & 0x7f);
    }
    close(pipefd[1]);
    char ok = 0;
    ssize_t got = read(pipefd[0], &ok, 1);
    close(pipefd[0]);
    if (waitpid(pid, &status, 0) != pid || got != 1 || !ok)
        return -77;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 99;
}

/* td_ro_setup: dir bind-mounted on itself and remounted read-only. */
static inline int td_ro_setup(const char *dir, const char *arg)
{
    (void)arg;
    if (mount(dir, dir, NULL, MS_BIND, NULL) != 0 ||
        mount(NULL, dir, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL) != 0) {
        fprintf(stderr, "read-only mount of %s: %s\n", dir, strerror(errno));
        return -1;
    }
    return 0;
}

/* td_in_ro_mount: runs fn(ud) in a child that sees dir read-only (see
 * td_in_mounts for the result). */
static inline int td_in_ro_mount(const char *dir, int (*fn)(void *), void *ud)
{
    return td_in_mounts(dir, td_ro_setup, NULL, fn, ud);
}

/* td_tmpfs_setup: a tmpfs of size (mount's size= option) on dir. */
static inline int td_tmpfs_setup(const char *dir, const char *size)
{
    char opts[64];
    snprintf(opts, sizeof opts, "size=%s,mode=0700", size);
    if (mount("tmpfs", dir, "tmpfs", 0, opts) != 0) {
        fprintf(stderr, "tmpfs on %s: %s\n", dir, strerror(errno));
        return -1;
    }
    return 0;
}

/* td_in_tmpfs: runs fn(ud) in a child that has a small tmpfs (size as
 * mount's size= option) mounted on the empty folder dir: a real disk that
 * really fills up, gone when the child exits (see td_in_mounts for the
 * result). */
static inline int td_in_tmpfs(const char *dir, const char *size, int (*fn)(void *),
                              void *ud)
{
    return td_in_mounts(dir, td_tmpfs_setup, size, fn, ud);
}

/* td_fill: fills the file system holding dir with dir/filler until it is
 * full, then gives back `pages` 4 KiB pages.  0 on success. */
static inline int td_fill(const char *dir, int pages)
{
    static const char zero[4096];
    char path[1024];
    long total = 0;
    FILE *f;
    snprintf(path, sizeof path, "%s/filler", dir);
    if (!(f = fopen(path, "wb")))
        return -1;
    while (fwrite(zero, 1, sizeof zero, f) == sizeof zero && fflush(f) == 0)
        total += (long)sizeof zero;
    fclose(f);
    return truncate(path, total > pages * 4096L ? total - pages * 4096L : 0);
}

#endif
