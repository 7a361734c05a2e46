/* screenshot.c: the last frame as a PNG, written by cairo (SDL2 has no
 * PNG writer).
 *
 * Reading pixels back on every frame would cost milliseconds at 1080p, and
 * after a present the back buffer's contents are undefined on accelerated
 * renderers.  So the last display list is redrawn into the back buffer
 * (not presented; the next frame clears it) and read from there. */
#include <cairo.h>
#include <errno.h>
#include <string.h>
#include "platform_internal.h"

as_status platform_screenshot(platform *p, const char *png_path, as_err *err)
{
    as_status st = AS_OK;
    cairo_surface_t *s = NULL;
    int w = 0, h = 0;

    if (!p->have_last)
        return as_err_set(err, AS_EIO, "%s: no frame has been drawn yet", png_path);
    if (SDL_GetRendererOutputSize(p->ren, &w, &h) != 0 || w <= 0 || h <= 0)
        return as_err_set(err, AS_EIO, "%s: cannot read the screen: %s",
                          png_path, SDL_GetError());
    draw_list(p, &p->last);
    s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        st = as_err_set(err, AS_ENOMEM, "%s: out of memory for a %dx%d image",
                        png_path, w, h);
        goto done;
    }
    cairo_surface_flush(s);
    unsigned char *data = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    /* Cairo's ARGB32 and SDL's ARGB8888 are both a native-endian uint32
     * 0xAARRGGBB, so the bytes can be read straight in. */
    if (SDL_RenderReadPixels(p->ren, NULL, SDL_PIXELFORMAT_ARGB8888, data,
                             stride) != 0) {
        st = as_err_set(err, AS_EIO, "%s: cannot read the screen back: %s",
                        png_path, SDL_GetError());
        goto done;
    }
    /* The screen is opaque, but a back buffer may carry any alpha; cairo
     * expects premultiplied alpha, which for opaque pixels is the colour. */
    for (int y = 0; y < h; y++) {
        uint32_t *row = (uint32_t *)(void *)(data + (size_t)y * (size_t)stride);
        for (int x = 0; x < w; x++)
            row[x] |= 0xff000000u;
    }
    cairo_surface_mark_dirty(s);
    errno = 0;
    cairo_status_t cs = cairo_surface_write_to_png(s, png_path);
    if (cs != CAIRO_STATUS_SUCCESS)
        st = as_err_set(err, AS_EIO, "%s: cannot write the screenshot: %s; "
                        "check that the directory exists and is writable",
                        png_path, errno ? strerror(errno) : cairo_status_to_string(cs));
done:
    cairo_surface_destroy(s);
    return st;
}
