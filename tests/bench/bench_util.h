/* bench_util.h: small helpers shared by the benchmark programs: a
 * monotonic clock, percentiles, scratch directories and the table rows
 * that run_bench.sh collects into one table.  Benchmarks only, never
 * linked into the kiosk or the tests. */
#ifndef AS_BENCH_UTIL_H
#define AS_BENCH_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Verdicts for bench_row. */
enum { BENCH_MISSED = 0, BENCH_OK = 1, BENCH_INFO = 2 };

/* bench_now_ns: CLOCK_MONOTONIC in nanoseconds. */
uint64_t bench_now_ns(void);

/* bench_pct: the nearest-rank p-th percentile (0 < p <= 100) of n > 0
 * samples.  Sorts v in place. */
double bench_pct(double *v, size_t n, double p);

/* bench_row: prints one table row "| name | figure | target | verdict |"
 * on stdout (verdict: BENCH_OK "ok", BENCH_MISSED "MISSED", BENCH_INFO
 * "-", for figures the issue asks to report without a target). */
void bench_row(const char *name, const char *figure, const char *target,
               int verdict);

/* bench_mkdtemp: a fresh directory base/prefix-XXXXXX; returns its
 * malloc'd path, or NULL with a message on stderr. */
char *bench_mkdtemp(const char *base, const char *prefix);

/* bench_rmtree: removes path and everything under it (no symlinks are
 * followed).  0 or -1. */
int bench_rmtree(const char *path);

/* bench_fs_name: a short name of the file system holding path ("tmpfs",
 * "ext2/3/4", "xfs", "btrfs", "overlay" or the magic number in hex) into
 * buf; returns 1 if it is tmpfs or ramfs (no real fsync), 0 if not, -1
 * if statfs failed. */
int bench_fs_name(const char *path, char *buf, size_t size);

/* bench_write_file: writes len bytes to path (created 0644).  0 or -1
 * with a message on stderr. */
int bench_write_file(const char *path, const char *data, size_t len);

#endif
