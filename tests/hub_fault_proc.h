/* hub_fault_proc.h: a hub_caster process as the fault tests drive it
 * (test_hub_faults): started with its stdout on a pipe, its lines read
 * back as they come (hub_caster.c says what they mean), killed or waited
 * for. */
#ifndef AS_TEST_HUB_FAULT_PROC_H
#define AS_TEST_HUB_FAULT_PROC_H

#include <stdint.h>
#include <sys/types.h>
#include "hub_fault_util.h"

typedef struct hf_line {
    int recorded; /* 1 "recorded", 0 "refused" */
    int badge;
    int status;   /* refused: the as_status */
    int64_t t0, t1; /* CLOCK_MONOTONIC ms around the cast */
    int paused;
} hf_line;

typedef struct hf_caster {
    pid_t pid;
    int fd;
    int kiosk; /* index into the meeting's kiosks */
    int ready, eof, bad; /* bad: a line that is neither of the above */
    char buf[512];
    size_t len;
    hf_line *lines;
    int n, cap;
} hf_caster;

/* hf_caster_start: runs the hub_caster program (path) for kiosk index k
 * of m, casting choice for badges from..to on proposal (retry_ms 0: no
 * --retry-ms; idle_ms 0: no --idle-ms).  1, or 0 after printing why. */
int hf_caster_start(hf_caster *c, const char *path, hf_meeting *m, int k,
                    int from, int to, const char *proposal,
                    const char *choice, int retry_ms, int idle_ms);

/* hf_caster_read: reads what the caster has written, waiting at most
 * timeout_ms for something.  1 something read, 0 nothing, -1 end of
 * output (the caster is gone). */
int hf_caster_read(hf_caster *c, int timeout_ms);

/* hf_caster_wait_ready: reads until "ready" or timeout_ms.  1 ready. */
int hf_caster_wait_ready(hf_caster *c, int timeout_ms);

/* hf_caster_kill: SIGKILL, then reads to the end and reaps it. */
void hf_caster_kill(hf_caster *c);

/* hf_caster_finish: reads to the end and reaps it; killed when it takes
 * longer than timeout_ms.  Its exit status, or -1 when it did not exit
 * by itself. */
int hf_caster_finish(hf_caster *c, int timeout_ms);

/* hf_caster_free: frees the lines (the process must be reaped). */
void hf_caster_free(hf_caster *c);

/* hf_caster_read_for: reads c's lines for ms milliseconds. */
void hf_caster_read_for(hf_caster *c, int64_t ms);

/* hf_proc_state: the state letter of process pid (/proc/PID/stat: 'R',
 * 'S', 'T', 'Z' ...), or 0 when it is gone. */
char hf_proc_state(long pid);

/* hf_freeze: freezes m's server (SIGSTOP to the postmaster, then to each
 * of its children) for ms while reading c, then thaws it (SIGCONT): *f0
 * before the first SIGSTOP, *f1 after the last, *thaw before the first
 * SIGCONT.  How many children were stopped. */
int hf_freeze(hf_meeting *m, hf_caster *c, int64_t ms, int64_t *f0,
              int64_t *f1, int64_t *thaw);

/* hf_stop_at_prepare: waits up to ms until the server process serving
 * kiosk index k is running a cast's PREPARE TRANSACTION, or holds the
 * cast's transaction open after the mark with the PREPARE on its way, and
 * stops it there (SIGSTOP): a connection whose packets are held up in the
 * network.  owner: the owner's connection (pg_stat_activity).  Its pid,
 * for SIGCONT, or 0 when the moment did not come. */
typedef struct pg_conn PGconn;
long hf_stop_at_prepare(PGconn *owner, const hf_meeting *m, int k, int ms);

#endif
