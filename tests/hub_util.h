/* hub_util.h: a throwaway PostgreSQL cluster for the hub tests (issue 11):
 * a fresh folder under /tmp, a free loopback port, the real initdb and
 * pg_ctl (hub_cluster.c), removed again afterwards.  Each test makes its
 * own, so hub tests run side by side (ctest -j). */
#ifndef AS_TEST_HUB_UTIL_H
#define AS_TEST_HUB_UTIL_H

#include "hub.h"

/* The line a test prints when it cannot run for want of PostgreSQL. */
#define HUB_TEST_SKIP_LINE \
    "SKIP: PostgreSQL 15 server binaries not found (install postgresql)"

/* hub_test_free_port: a TCP port on 127.0.0.1 that was free a moment ago
 * (the kernel's pick for a socket bound to port 0), or -1. */
int hub_test_free_port(void);

/* hub_test_cluster: makes and starts a cluster in a new mkdtemp folder
 * /tmp/asamblea-hub-XXXXXX listening on 127.0.0.1 at a free port; *out is
 * the running cluster (hub_cluster_dir names the folder).  Returns 1;
 * 0 after printing HUB_TEST_SKIP_LINE when the PostgreSQL binaries are
 * not installed (the test then ends with check.h's skip: CHECK_SKIP and
 * check_done give 77, CTest's SKIP_RETURN_CODE); -1 after printing why
 * when making or starting it failed (a failure, not a skip; the folder is
 * removed).  Registers nothing global. */
int hub_test_cluster(hub_cluster **out);

/* hub_test_cluster_done: stops c (or, when that fails, e.g. after a test
 * killed or stopped the server, kills whatever postmaster DIR/pg names),
 * frees it and removes its folder tree.  NULL is allowed.  Returns 0, or -1
 * (said on stderr) when the folder could not be removed entirely. */
int hub_test_cluster_done(hub_cluster *c);

/* hub_test_rm_rf: removes the folder tree dir (no symbolic link is
 * followed).  0, or -1. */
int hub_test_rm_rf(const char *dir);

#endif
