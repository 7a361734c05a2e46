/* scan_internal.h: what the scan module's files share, and the seams the
 * tests use (the debounce with a fake clock, the scanner with every
 * symbology enabled to prove a test barcode is real). */
#ifndef AS_SCAN_INTERNAL_H
#define AS_SCAN_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <zbar.h>
#include "scan.h"

/* How many different texts the debounce remembers at once (several
 * badges in view at the same time). */
#define SCAN_DEBOUNCE_SLOTS 8

typedef struct {
    struct {
        char text[SCAN_TEXT_MAX];
        size_t len;
        int used;
        uint64_t seen;  /* last time this text was in a frame */
    } slot[SCAN_DEBOUNCE_SLOTS];
} scan_debounce;

/* scan_debounce_accept: 1 if text (len <= SCAN_TEXT_MAX bytes, longer is
 * compared on its first SCAN_TEXT_MAX) should be reported at now_ms: it
 * was not seen in the last SCAN_DEBOUNCE_MS.  Every call counts as a
 * sighting, so a text seen continuously is reported once.  When every
 * slot is taken the one seen longest ago is reused.  now_ms must not go
 * backwards (a monotonic clock). */
int scan_debounce_accept(scan_debounce *d, const char *text, size_t len,
                         uint64_t now_ms);

/* scan_debounce_wipe: forgets everything (wiping the texts). */
void scan_debounce_wipe(scan_debounce *d);

/* scan_scanner_new: a zbar image scanner reading QR codes only
 * (qr_only 1, what the public API uses) or zbar's default symbologies
 * (0: tests only, to prove a test barcode is a real one).  NULL when out
 * of memory. */
zbar_image_scanner_t *scan_scanner_new(int qr_only);

/* scan_run: scans a Y800 image with sc and calls fn for every QR code
 * found (every symbol when sc is not QR-only).  Returns how many. */
int scan_run(zbar_image_scanner_t *sc, zbar_image_t *img, scan_result_fn fn,
             void *ud);

/* scan_grey: decodes an 8-bit grey image (w x h, rows w bytes apart, not
 * copied, not modified) in one pass.  qr_only 1 is what the public API
 * uses; 0 enables zbar's default symbologies (tests only).  AS_ENOMEM, or
 * AS_OK with fn called per symbol and *found (if non-NULL) the count. */
as_status scan_grey(const uint8_t *grey, int w, int h, int qr_only,
                    scan_result_fn fn, void *ud, int *found, as_err *err);

/* Where the camera worker gets its frames: the V4L2 device in
 * scan_v4l2.c, or a fake in the tests. */
typedef struct {
    /* next: waits at most timeout_ms for a frame.  Returns 1 with *img a
     * Y800 image the caller destroys, 0 if none came (the worker then
     * checks whether it must stop), -1 if the source has stopped for good
     * with msg (msgsize bytes) saying why and what to do. */
    int (*next)(void *ud, int timeout_ms, zbar_image_t **img, char *msg,
                size_t msgsize);
    /* now_ms: a monotonic clock for the debounce. */
    uint64_t (*now_ms)(void *ud);
    /* close: releases the source; called on the worker's thread's owner
     * after the worker has ended.  May be NULL. */
    void (*close)(void *ud);
    void *ud;
} scan_source;

/* scan_camera_start: a camera reading from src (taken over: closed by
 * scan_camera_free, or here on failure).  device names it in messages.
 * AS_EIO (no pipe, no thread) or AS_ENOMEM with err filled. */
as_status scan_camera_start(const char *device, const scan_source *src,
                            scan_camera **out, as_err *err);

/* scan_monotonic_ms: CLOCK_MONOTONIC in milliseconds. */
uint64_t scan_monotonic_ms(void);

#endif
