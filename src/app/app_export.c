/* app_export.c: the export worker thread (app_export.h). */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include "app_export.h"
#include "platform.h"

/* progress: export_write_progress's callback, on the worker thread. */
static void progress(void *ud, int done, int total)
{
    app_export *x = ud;
    pthread_mutex_lock(&x->mu);
    x->done = done;
    x->total = total;
    x->seq++;
    pthread_cond_broadcast(&x->cv);
    pthread_mutex_unlock(&x->mu);
    platform_wake(x->wake);
    if (x->delay_ms && done > 0) {
        struct timespec ts = {x->delay_ms / 1000, (long)(x->delay_ms % 1000) * 1000000L};
        while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
            ;
    }
}

static void *worker(void *arg)
{
    app_export *x = arg;
    as_status st = export_write_progress(x->m, x->bytes, x->len, meeting_quorum(x->m),
                                         roster_count(x->m->roster), x->st, x->data_dir,
                                         x->out_dir, &x->sum, progress, x, &x->err);
    pthread_mutex_lock(&x->mu);
    x->status = st;
    x->finished = 1;
    x->seq++;
    pthread_cond_broadcast(&x->cv);
    pthread_mutex_unlock(&x->mu);
    platform_wake(x->wake);
    return NULL;
}

int app_export_start(app_export *x, const meeting *m, store *st, const char *data_dir,
                     const char *bytes, size_t len, const char *out_dir, void *wake,
                     as_err *err)
{
    sigset_t stop, old;
    unsigned delay = x->delay_ms;
    int rc;

    memset(x, 0, sizeof *x);
    x->m = m;
    x->st = st;
    x->data_dir = data_dir;
    x->bytes = bytes;
    x->len = len;
    x->out_dir = out_dir;
    x->wake = wake;
    x->delay_ms = delay;
    x->status = AS_EIO;
    if (pthread_mutex_init(&x->mu, NULL) != 0)
        goto fail;
    if (pthread_cond_init(&x->cv, NULL) != 0) {
        pthread_mutex_destroy(&x->mu);
        goto fail;
    }
    /* SIGTERM and SIGINT stay with the main thread, whose loop turns
     * them into a clean stop (it then waits for the export to end). */
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, &old);
    rc = pthread_create(&x->thread, NULL, worker, x);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0) {
        pthread_cond_destroy(&x->cv);
        pthread_mutex_destroy(&x->mu);
        goto fail;
    }
    x->running = 1;
    return 0;
fail:
    as_err_set(err, AS_EIO, "the kiosk cannot start the export (out of threads or "
               "memory); try again, or shut down and export with `asamblea export`");
    return -1;
}

void app_export_progress(app_export *x, int *done, int *total, unsigned *seq)
{
    pthread_mutex_lock(&x->mu);
    *done = x->done;
    *total = x->total;
    if (seq)
        *seq = x->seq;
    pthread_mutex_unlock(&x->mu);
}

int app_export_poll(app_export *x)
{
    int finished;
    if (!x->running)
        return 0;
    pthread_mutex_lock(&x->mu);
    finished = x->finished;
    pthread_mutex_unlock(&x->mu);
    if (!finished)
        return 0;
    pthread_join(x->thread, NULL);
    pthread_cond_destroy(&x->cv);
    pthread_mutex_destroy(&x->mu);
    x->running = 0;
    return 1;
}

void app_export_sleep(app_export *x, unsigned seq, unsigned ms)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += ms / 1000;
    until.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&x->mu);
    while (x->seq == seq && !x->finished)
        if (pthread_cond_timedwait(&x->cv, &x->mu, &until) != 0)
            break;
    pthread_mutex_unlock(&x->mu);
}
