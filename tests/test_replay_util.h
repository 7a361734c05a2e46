/* test_replay_util.h: what the replay-harness tests (test_flows,
 * test_method_flows, test_desk_flows) share: running the built asamblea,
 * running one kiosk replay script or a meeting's scripts in order,
 * finding an export's folder, and removing the temporary folder.  Link
 * test_replay_util.c; it needs the test compile definitions AS_BINARY and
 * AS_TEST_DATA. */
#ifndef AS_TEST_REPLAY_UTIL_H
#define AS_TEST_REPLAY_UTIL_H

#include <stddef.h>

/* The kiosk a replay drives. */
typedef struct {
    const char *meeting;    /* the meeting file */
    const char *data;       /* the data directory */
    const char *mode;       /* --mode, or NULL for the vote kiosk */
    const char *shots;      /* --shots: where screenshots go */
    const char *export_dir; /* --export-dir, or NULL for the default */
    const char *hub;        /* --hub FILE (one of several kiosks), or NULL */
} rp_kiosk;

/* One script of a meeting and the exit status it must end with. */
typedef struct {
    const char *script; /* tests/replay/<script>.replay */
    int rc;
} rp_step;

/* rp_run: runs the built asamblea (AS_BINARY) with argv and waits for it.
 * Returns its exit status, 128 + the signal if a signal ended it, 127 if
 * it could not be started, -1 if it could not be forked or waited for. */
int rp_run(char *const argv[]);

/* rp_replay: `asamblea kiosk` on k in an 800x480 window at 133 dpi with
 * the script tests/replay/<script>.replay; returns as rp_run. */
int rp_replay(const rp_kiosk *k, const char *script);

/* rp_replay_steps: runs the n steps in order on k, stopping at the first
 * whose exit status is not the one expected (later scripts depend on the
 * earlier ones).  Returns that step's index, with its status in *rc, or n
 * when every step ended as expected. */
size_t rp_replay_steps(const rp_kiosk *k, const rp_step *steps, size_t n,
                       int *rc);

/* rp_export_dir: the path of the asamblea-* folder an export wrote under
 * out into buf (the last one read if there are several), or "" if there
 * is none or out cannot be read. */
void rp_export_dir(const char *out, char *buf, size_t size);

/* rp_rm_rf: removes dir and everything in it (rm -rf); failures are
 * ignored, as a leftover temporary folder fails no test. */
void rp_rm_rf(const char *dir);

#endif
