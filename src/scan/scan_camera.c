/* scan_camera.c: the camera's worker thread and the pipe to the caller.
 *
 * zbar_video_next_image blocks, and an event loop must never block on a
 * camera, so a worker thread owns the frame source: it decodes each
 * frame, debounces, and writes every accepted text as one record to a
 * pipe whose read end is scan_camera_fd().  A record is one write() of
 * at most PIPE_BUF bytes, so it arrives whole.  Records:
 *   'T', length (2 bytes, little-endian), the text;
 *   'E', length, a message: the source stopped; the worker has ended. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sodium.h>
#include "scan_internal.h"

#define REC_HEAD 3
#define REC_MAX (REC_HEAD + SCAN_TEXT_MAX)
_Static_assert(REC_MAX <= PIPE_BUF, "a record must be written atomically");

struct scan_camera {
    char device[256];
    scan_source src;
    zbar_image_scanner_t *sc;
    int rd, wr;                /* the pipe */
    pthread_t thread;
    int running;               /* the thread was started */
    atomic_int stop;
    pthread_mutex_t wake_mu;
    void (*wake)(void *);
    void *wake_ud;
    scan_debounce deb;         /* the worker's only */
    int ended;                 /* caller's side: an 'E' or EOF was read */
    char end_msg[512];
};

uint64_t scan_monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void post(scan_camera *c, char type, const char *data, size_t len)
{
    uint8_t rec[REC_MAX];

    if (len > SCAN_TEXT_MAX)
        len = SCAN_TEXT_MAX;
    rec[0] = (uint8_t)type;
    rec[1] = (uint8_t)(len & 0xff);
    rec[2] = (uint8_t)(len >> 8);
    memcpy(rec + REC_HEAD, data, len);
    /* Non-blocking: if nobody has read 64 kB of scans, dropping one is
     * better than freezing the camera. */
    if (write(c->wr, rec, REC_HEAD + len) < 0) {
        /* EAGAIN: dropped; the person scans again. */
    }
    sodium_memzero(rec, sizeof rec);
    pthread_mutex_lock(&c->wake_mu);
    if (c->wake)
        c->wake(c->wake_ud);
    pthread_mutex_unlock(&c->wake_mu);
}

static void on_symbol(void *ud, const char *text, size_t len)
{
    scan_camera *c = ud;

    if (scan_debounce_accept(&c->deb, text, len, c->src.now_ms(c->src.ud)))
        post(c, 'T', text, len);
}

static void *worker(void *arg)
{
    scan_camera *c = arg;
    char msg[sizeof c->end_msg];

    while (!atomic_load(&c->stop)) {
        zbar_image_t *img = NULL;
        int got = c->src.next(c->src.ud, SCAN_STOP_MS, &img, msg, sizeof msg);
        if (got < 0) {
            post(c, 'E', msg, strlen(msg));
            break;
        }
        if (got > 0) {
            scan_run(c->sc, img, on_symbol, c);
            zbar_image_destroy(img);
        }
    }
    return NULL;
}

as_status scan_camera_start(const char *device, const scan_source *src,
                            scan_camera **out, as_err *err)
{
    scan_camera *c = calloc(1, sizeof *c);
    int fds[2];
    as_status st;

    *out = NULL;
    if (!c) {
        if (src->close)
            src->close(src->ud);
        return as_err_set(err, AS_ENOMEM, "camera %s: out of memory", device);
    }
    snprintf(c->device, sizeof c->device, "%s", device);
    c->src = *src;
    c->rd = c->wr = -1;
    atomic_init(&c->stop, 0);
    pthread_mutex_init(&c->wake_mu, NULL);
    c->sc = scan_scanner_new(1);
    if (!c->sc) {
        st = as_err_set(err, AS_ENOMEM, "camera %s: out of memory", device);
        goto fail;
    }
    if (pipe(fds) != 0) {
        st = as_err_set(err, AS_EIO, "camera %s: cannot make a pipe (%s)", device,
                        strerror(errno));
        goto fail;
    }
    c->rd = fds[0];
    c->wr = fds[1];
    for (int i = 0; i < 2; i++) {
        fcntl(fds[i], F_SETFD, FD_CLOEXEC);
        fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
    }
    if (pthread_create(&c->thread, NULL, worker, c) != 0) {
        st = as_err_set(err, AS_EIO,
                        "camera %s: cannot start the camera thread; use the USB "
                        "scanner",
                        device);
        goto fail;
    }
    c->running = 1;
    *out = c;
    return AS_OK;
fail:
    scan_camera_free(c);
    return st;
}

int scan_camera_fd(const scan_camera *c)
{
    return c->rd;
}

void scan_camera_set_wake(scan_camera *c, void (*fn)(void *ud), void *ud)
{
    pthread_mutex_lock(&c->wake_mu);
    c->wake = fn;
    c->wake_ud = fn ? ud : NULL;
    pthread_mutex_unlock(&c->wake_mu);
}

as_status scan_camera_poll(scan_camera *c, scan_result_fn fn, void *ud,
                           as_err *err)
{
    uint8_t rec[REC_MAX];
    as_status st = AS_OK;

    while (!c->ended) {
        ssize_t n = read(c->rd, rec, REC_HEAD);
        size_t len;
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN)
            break;
        if (n != REC_HEAD) {
            /* EOF or a read error: the worker is gone without a word. */
            c->ended = 1;
            snprintf(c->end_msg, sizeof c->end_msg,
                     "camera %s: stopped; check its cable, or use the USB "
                     "scanner",
                     c->device);
            break;
        }
        len = (size_t)rec[1] | (size_t)rec[2] << 8;
        /* The rest was written in the same write(): it is there. */
        if (len && read(c->rd, rec + REC_HEAD, len) != (ssize_t)len) {
            c->ended = 1;
            snprintf(c->end_msg, sizeof c->end_msg,
                     "camera %s: lost data from the camera thread; open it "
                     "again",
                     c->device);
            break;
        }
        if (rec[0] == 'T') {
            fn(ud, (const char *)rec + REC_HEAD, len);
        } else {
            c->ended = 1;
            snprintf(c->end_msg, sizeof c->end_msg, "%.*s", (int)len,
                     (const char *)rec + REC_HEAD);
        }
    }
    sodium_memzero(rec, sizeof rec);
    if (c->ended)
        st = as_err_set(err, AS_EIO, "%s", c->end_msg);
    return st;
}

void scan_camera_free(scan_camera *c)
{
    if (!c)
        return;
    if (c->running) {
        atomic_store(&c->stop, 1);
        pthread_join(c->thread, NULL);
    }
    if (c->src.close)
        c->src.close(c->src.ud);
    if (c->sc)
        zbar_image_scanner_destroy(c->sc);
    if (c->rd >= 0)
        close(c->rd);
    if (c->wr >= 0)
        close(c->wr);
    pthread_mutex_destroy(&c->wake_mu);
    scan_debounce_wipe(&c->deb);
    free(c);
}
