/* bench_util.c: see bench_util.h. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "bench_util.h"
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statfs.h>
#include <time.h>
#include <unistd.h>

uint64_t bench_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double bench_pct(double *v, size_t n, double p)
{
    size_t rank;
    qsort(v, n, sizeof *v, cmp_double);
    /* nearest rank: the smallest sample with at least p% at or below it */
    rank = (size_t)((p / 100.0) * (double)n + 0.999999);
    if (rank < 1)
        rank = 1;
    if (rank > n)
        rank = n;
    return v[rank - 1];
}

void bench_row(const char *name, const char *figure, const char *target,
               int verdict)
{
    const char *v = verdict == BENCH_OK ? "ok" : verdict == BENCH_MISSED ? "MISSED" : "-";
    printf("| %s | %s | %s | %s |\n", name, figure, target, v);
    fflush(stdout);
}

char *bench_mkdtemp(const char *base, const char *prefix)
{
    size_t n = strlen(base) + strlen(prefix) + 16;
    char *p = malloc(n);
    if (!p)
        return NULL;
    snprintf(p, n, "%s/%s-XXXXXX", base, prefix);
    if (!mkdtemp(p)) {
        fprintf(stderr, "bench: cannot create a scratch directory in %s (%s)\n",
                base, strerror(errno));
        free(p);
        return NULL;
    }
    return p;
}

static int rm_one(const char *path, const struct stat *sb, int type,
                  struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    return type == FTW_DP ? rmdir(path) : unlink(path);
}

int bench_rmtree(const char *path)
{
    return nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : -1;
}

int bench_fs_name(const char *path, char *buf, size_t size)
{
    struct statfs sf;
    if (statfs(path, &sf) != 0) {
        snprintf(buf, size, "unknown");
        return -1;
    }
    switch ((unsigned long)sf.f_type) {
    case 0x01021994UL: snprintf(buf, size, "tmpfs"); return 1;
    case 0x858458f6UL: snprintf(buf, size, "ramfs"); return 1;
    case 0xEF53UL: snprintf(buf, size, "ext2/3/4"); return 0;
    case 0x58465342UL: snprintf(buf, size, "xfs"); return 0;
    case 0x9123683EUL: snprintf(buf, size, "btrfs"); return 0;
    case 0x794c7630UL: snprintf(buf, size, "overlay"); return 0;
    default:
        snprintf(buf, size, "fs 0x%lx", (unsigned long)sf.f_type);
        return 0;
    }
}

int bench_write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    int bad;
    if (!f) {
        fprintf(stderr, "bench: cannot write %s (%s)\n", path, strerror(errno));
        return -1;
    }
    bad = fwrite(data, 1, len, f) != len;
    bad |= fclose(f) != 0;
    if (bad) {
        fprintf(stderr, "bench: cannot write %s (%s)\n", path, strerror(errno));
        return -1;
    }
    return 0;
}
