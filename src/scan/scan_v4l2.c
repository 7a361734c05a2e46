/* scan_v4l2.c: the V4L2 camera as a frame source for the worker.
 *
 * The device is checked by hand before zbar sees it, because zbar's own
 * errors are multi-line debugging text and do not say what to do.  The
 * worker waits for a frame with poll() on the device's descriptor and a
 * timeout, so scan_camera_free never waits on a blocked
 * zbar_video_next_image for longer than SCAN_STOP_MS. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/videodev2.h>
#include "scan_internal.h"

#define FOURCC_Y800 0x30303859UL

typedef struct {
    zbar_video_t *vid;
    int fd; /* -1: the driver gives none; next_image then blocks */
    char device[256];
} v4l2_src;

static int v4l2_next(void *ud, int timeout_ms, zbar_image_t **img, char *msg,
                     size_t msgsize)
{
    v4l2_src *s = ud;
    zbar_image_t *raw;

    if (s->fd >= 0) {
        struct pollfd p = {.fd = s->fd, .events = POLLIN};
        int n = poll(&p, 1, timeout_ms);
        if (n == 0 || (n < 0 && errno == EINTR))
            return 0;
        if (n < 0) {
            snprintf(msg, msgsize, "camera %s: stopped (%s); check its cable, "
                     "then restart the kiosk or use the USB scanner",
                     s->device, strerror(errno));
            return -1;
        }
    }
    raw = zbar_video_next_image(s->vid);
    if (!raw) {
        snprintf(msg, msgsize, "camera %s: stopped sending pictures (unplugged?); "
                 "check its cable, then restart the kiosk or use the USB scanner",
                 s->device);
        return -1;
    }
    *img = zbar_image_convert(raw, FOURCC_Y800);
    zbar_image_destroy(raw); /* gives the buffer back to the driver */
    return *img ? 1 : 0;
}

static uint64_t v4l2_now(void *ud)
{
    (void)ud;
    return scan_monotonic_ms();
}

static void v4l2_close(void *ud)
{
    v4l2_src *s = ud;

    if (s->vid) {
        zbar_video_enable(s->vid, 0);
        zbar_video_destroy(s->vid);
    }
    free(s);
}

/* Why the device cannot be a camera, before zbar tries. */
static as_status check_device(const char *device, as_err *err)
{
    struct stat sb;
    int fd;

    if (stat(device, &sb) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return as_err_set(err, AS_ENOENT,
                              "camera %s: no such device; plug the camera in and "
                              "check `ls /dev/video*`, or use the USB scanner",
                              device);
        if (errno == EACCES)
            goto denied;
        return as_err_set(err, AS_EIO, "camera %s: %s; use the USB scanner", device,
                          strerror(errno));
    }
    if (!S_ISCHR(sb.st_mode))
        return as_err_set(err, AS_EINVAL,
                          "camera %s: not a device; give the camera's device, "
                          "e.g. /dev/video0 (v4l2-ctl --list-devices lists them)",
                          device);
    fd = open(device, O_RDWR | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == EACCES || errno == EPERM)
            goto denied;
        if (errno == EBUSY)
            return as_err_set(err, AS_EIO,
                              "camera %s: busy; close the other program using "
                              "it and try again",
                              device);
        return as_err_set(err, AS_EIO, "camera %s: cannot open (%s); use the USB "
                          "scanner", device, strerror(errno));
    }
    /* Asked here rather than by zbar: libv4l2 prints its own complaints
     * about a device that is not a camera. */
    struct v4l2_capability cap;
    memset(&cap, 0, sizeof cap);
    int is_dev = ioctl(fd, VIDIOC_QUERYCAP, &cap) == 0;
    close(fd);
    uint32_t caps = cap.capabilities & V4L2_CAP_DEVICE_CAPS ? cap.device_caps
                                                          : cap.capabilities;
    if (!is_dev)
        return as_err_set(err, AS_EINVAL,
                          "camera %s: not a video device; give the camera's "
                          "device, e.g. /dev/video0 (v4l2-ctl --list-devices "
                          "lists them)",
                          device);
    if (!(caps & V4L2_CAP_VIDEO_CAPTURE))
        return as_err_set(err, AS_EINVAL,
                          "camera %s: a video device that captures no pictures "
                          "(a camera's second node, e.g. /dev/video1, is often "
                          "metadata only); v4l2-ctl --list-devices shows which "
                          "one to use",
                          device);
    return AS_OK;
denied:
    return as_err_set(err, AS_EREADONLY,
                      "camera %s: permission denied; add the kiosk's user to the "
                      "video group (sudo adduser USER video) and log in again",
                      device);
}

as_status scan_camera_open(const char *device, scan_camera **out, as_err *err)
{
    v4l2_src *s;
    scan_source src;
    as_status st;

    *out = NULL;
    if (!device || !*device)
        return as_err_set(err, AS_EINVAL,
                          "no camera device given; use e.g. /dev/video0");
    if ((st = check_device(device, err)) != AS_OK)
        return st;
    s = calloc(1, sizeof *s);
    if (!s)
        return as_err_set(err, AS_ENOMEM, "camera %s: out of memory", device);
    snprintf(s->device, sizeof s->device, "%s", device);
    s->vid = zbar_video_create();
    if (!s->vid) {
        st = as_err_set(err, AS_ENOMEM, "camera %s: out of memory", device);
        goto fail;
    }
    /* 640 x 480 is plenty for a 25 mm badge code at arm's length and
     * keeps a Raspberry Pi's CPU free for the screen. */
    zbar_video_request_size(s->vid, 640, 480);
    if (zbar_video_open(s->vid, device) != 0) {
        st = as_err_set(err, AS_EINVAL,
                        "camera %s: zbar cannot use this camera; try another "
                        "one, or use the USB scanner",
                        device);
        goto fail;
    }
    /* NULL window: the format best for scanning. */
    if (zbar_negotiate_format(s->vid, NULL) != 0) {
        st = as_err_set(err, AS_EINVAL,
                        "camera %s: offers no picture format zbar can read; try "
                        "another camera",
                        device);
        goto fail;
    }
    if (zbar_video_enable(s->vid, 1) != 0) {
        st = as_err_set(err, AS_EIO,
                        "camera %s: could not start capturing (in use by another "
                        "program?); close it and try again",
                        device);
        goto fail;
    }
    s->fd = zbar_video_get_fd(s->vid);
    src.next = v4l2_next;
    src.now_ms = v4l2_now;
    src.close = v4l2_close;
    src.ud = s;
    return scan_camera_start(device, &src, out, err);
fail:
    v4l2_close(s);
    return st;
}
