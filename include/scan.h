/* scan.h: QR codes read from images and from a camera (libzbar), as an
 * alternative to a USB keyboard-wedge scanner.
 *
 * Only QR codes are decoded: every other symbology (EAN, UPC, Code 128...)
 * is disabled in the scanner, so a product barcode held up by mistake is
 * never reported.  Whatever is decoded is handed over as-is: deciding
 * whether it is a badge (token_normalize) is the caller's job, exactly as
 * for a keyboard-wedge scan.
 *
 * The camera is a V4L2 device (/dev/video0) read by zbar in a worker
 * thread that owns the device; decoded texts reach the caller's thread
 * through a pipe, so the caller's loop can sleep on scan_camera_fd() and
 * never blocks on the camera.  A badge held in front of the camera is
 * reported once (see SCAN_DEBOUNCE_MS).
 *
 * Decoded texts are badge tokens: nothing here logs or prints them, and
 * buffers that held them are wiped (sodium_memzero) before being freed.
 * No SDL here. */
#ifndef AS_SCAN_H
#define AS_SCAN_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"

/* A text seen again within this many milliseconds of the last time it
 * was seen is not reported again: holding a badge still in front of the
 * camera gives one scan; taking it away for two seconds and showing it
 * again gives a second one (checking out at the desk). */
#define SCAN_DEBOUNCE_MS 2000

/* Longest text handed over from the camera; longer codes are cut to this
 * (they are not badges anyway, and the caller refuses them calmly). */
#define SCAN_TEXT_MAX 2048

/* Called once per decoded QR code with its bytes (not NUL-terminated; may
 * contain any byte).  text is only valid during the call. */
typedef void (*scan_result_fn)(void *ud, const char *text, size_t len);

/* scan_image_rgba: decodes the QR codes in an image of w x h pixels, each
 * a uint32_t 0xAARRGGBB value (cairo's ARGB32 / SDL's ARGB8888, alpha
 * premultiplied; transparent counts as white), rows stride BYTES apart.
 * The image is turned into 8-bit grey and read by zbar's image scanner
 * with QR codes only enabled; fn is called for every symbol found, in
 * zbar's order.  When nothing is found in a large image it is averaged
 * down to half size and read again (noise in a photo), down to about
 * 240 pixels; a code is never reported twice.  Returns AS_OK whether or
 * not anything was found;
 * AS_EINVAL (w, h <= 0, stride < 4 * w, pixels or fn NULL); AS_ENOMEM. */
as_status scan_image_rgba(const uint32_t *pixels, int w, int h, int stride,
                          scan_result_fn fn, void *ud, as_err *err);

/* scan_png_file: loads the PNG file path with cairo and decodes it as
 * scan_image_rgba does.  Fails with err naming the file:
 *   AS_ENOENT  no such file;
 *   AS_EIO     it cannot be read (permissions);
 *   AS_EINVAL  it is not a PNG image or is damaged or truncated;
 *   AS_ENOMEM. */
as_status scan_png_file(const char *path, scan_result_fn fn, void *ud,
                        as_err *err);

typedef struct scan_camera scan_camera;

/* scan_camera_open: opens the V4L2 camera device (e.g. "/dev/video0"),
 * starts capturing and starts the worker thread that decodes frames.
 * Fails with err naming the device and what to do:
 *   AS_ENOENT  no such device (plug in the camera, check ls /dev/video*);
 *   AS_EREADONLY permission denied (add the kiosk's user to the "video"
 *              group);
 *   AS_EINVAL  the path is not a camera (/dev/null, a file, a device with
 *              no usable video format);
 *   AS_EIO     the camera refused to start capturing, or no thread;
 *   AS_ENOMEM. */
as_status scan_camera_open(const char *device, scan_camera **out, as_err *err);

/* scan_camera_fd: a file descriptor that becomes readable (poll/select
 * POLLIN) when scan_camera_poll has something to hand over: a decoded
 * text, or the news that the camera stopped.  Owned by the camera; do not
 * read or close it. */
int scan_camera_fd(const scan_camera *c);

/* scan_camera_set_wake: fn(ud) will be called FROM THE WORKER THREAD each
 * time something is queued for scan_camera_poll, for event loops that
 * cannot sleep on a file descriptor (SDL_WaitEvent: push an SDL user
 * event, which is thread-safe).  fn must be quick and thread-safe.  NULL
 * fn turns it off.  May be called at any time. */
void scan_camera_set_wake(scan_camera *c, void (*fn)(void *ud), void *ud);

/* scan_camera_poll: never blocks.  Calls fn for every debounced text the
 * worker has decoded since the last call, in order, and returns AS_OK
 * (also when there was nothing).  Returns AS_EIO, after handing over
 * what came before, once the camera has stopped (unplugged, driver
 * error), with err naming the device and saying what to do; every later
 * call returns the same.  The caller should then fall back to the USB
 * scanner; the camera can be freed and opened again. */
as_status scan_camera_poll(scan_camera *c, scan_result_fn fn, void *ud,
                           as_err *err);

/* scan_camera_free: stops the worker thread, closes the device and the
 * pipe and wipes the debounce memory.  NULL allowed.  The worker waits
 * for frames with poll() and a SCAN_STOP_MS timeout, so this returns
 * within about SCAN_STOP_MS even if the camera has hung (a driver that
 * gives zbar no descriptor to poll, none known, makes it wait for the
 * next frame instead). */
void scan_camera_free(scan_camera *c);

/* How long the worker waits for a frame before checking whether it
 * should stop, in milliseconds. */
#define SCAN_STOP_MS 100

#endif
