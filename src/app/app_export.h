/* app_export.h: the facilitator's Export, run on a worker thread so a
 * slow USB stick never stalls the loop (systemd's watchdog is 10 s).
 * Internal to src/app.
 *
 * An exclusive hand-off: from app_export_start until app_export_poll (or
 * app_export_wait) has joined the worker, the worker alone uses the
 * store (its SQLite connections and statements); the main thread only
 * draws the progress screen (ui_progress.h) from the counts below and
 * feeds the watchdog, and takes no input that could reach the session or
 * the store (app_input.c drops it).  The meeting and the configuration
 * are read by both, and written by neither. */
#ifndef AS_APP_EXPORT_H
#define AS_APP_EXPORT_H

#include <pthread.h>
#include <stdint.h>
#include "export.h"
#include "meeting.h"
#include "store.h"

typedef struct {
    int running;        /* main thread only: a worker holds the store */
    pthread_t thread;
    pthread_mutex_t mu; /* guards the four fields below */
    pthread_cond_t cv;  /* signalled on progress and at the end */
    int done, total;    /* files written, of total (0: not known yet) */
    int finished;       /* the worker's export_write has returned */
    unsigned seq;       /* bumped at every change */
    /* What the worker was given (copied in at the start) ... */
    const meeting *m;
    store *st;
    const char *data_dir, *out_dir, *bytes;
    size_t len;
    void *wake;         /* the platform, woken on every change */
    unsigned delay_ms;  /* test hook: pause after each file (replay only) */
    /* ... and what it found: read by the main thread after the join. */
    as_status status;
    export_summary sum;
    as_err err;
} app_export;

/* app_export_start: starts exporting m (its exact bytes/len) from st,
 * whose data folder is data_dir, into out_dir, on a new thread; wake
 * (the platform, may be NULL) is woken after each file and at the end.
 * 0 when the worker runs (x->running is 1), -1 when no thread could be
 * started: err then says so and nothing was written. */
int app_export_start(app_export *x, const meeting *m, store *st, const char *data_dir,
                     const char *bytes, size_t len, const char *out_dir, void *wake,
                     as_err *err);

/* app_export_progress: the counts for the progress screen, and seq (may
 * be NULL), which changes whenever they do. */
void app_export_progress(app_export *x, int *done, int *total, unsigned *seq);

/* app_export_poll: when the worker has finished, joins it and returns 1
 * (x->running is then 0 and x->status, sum and err hold the result);
 * otherwise 0 at once. */
int app_export_poll(app_export *x);

/* app_export_sleep: waits up to ms for the worker's next change (progress
 * or the end); returns at once if there was one since seq. */
void app_export_sleep(app_export *x, unsigned seq, unsigned ms);

#endif
