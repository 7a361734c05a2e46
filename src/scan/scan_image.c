/* scan_image.c: QR codes from pixels in memory and from PNG files.
 *
 * zbar reads 8-bit grey ("Y800"); pixels are converted with the Rec. 601
 * luma weights, composited over white, so a transparent background reads
 * as paper.  PNG files are loaded with cairo through a stream we open
 * ourselves, so "no such file", "not allowed" and "not a PNG" get
 * different answers. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cairo.h>
#include "scan_internal.h"

#define FOURCC_Y800 0x30303859UL /* 'Y','8','0','0' little-endian */

/* Halving stops before an image gets smaller than this: a badge's code
 * (21 modules plus quiet zone) no longer fits in fewer pixels. */
#define SCAN_MIN_SIDE 120

zbar_image_scanner_t *scan_scanner_new(int qr_only)
{
    zbar_image_scanner_t *sc = zbar_image_scanner_create();

    if (!sc)
        return NULL;
    if (qr_only) {
        /* ZBAR_NONE addresses every symbology at once. */
        zbar_image_scanner_set_config(sc, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
        zbar_image_scanner_set_config(sc, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    }
    return sc;
}

int scan_run(zbar_image_scanner_t *sc, zbar_image_t *img, scan_result_fn fn,
             void *ud)
{
    int n = 0;
    const zbar_symbol_t *sym;

    if (zbar_scan_image(sc, img) <= 0)
        return 0;
    for (sym = zbar_image_first_symbol(img); sym; sym = zbar_symbol_next(sym)) {
        fn(ud, zbar_symbol_get_data(sym), zbar_symbol_get_data_length(sym));
        n++;
    }
    return n;
}

as_status scan_grey(const uint8_t *grey, int w, int h, int qr_only,
                    scan_result_fn fn, void *ud, int *found, as_err *err)
{
    zbar_image_scanner_t *sc = scan_scanner_new(qr_only);
    zbar_image_t *img = zbar_image_create();
    as_status st = AS_OK;
    int n = 0;

    if (!sc || !img) {
        st = as_err_set(err, AS_ENOMEM, "out of memory while reading a QR code");
        goto done;
    }
    zbar_image_set_format(img, FOURCC_Y800);
    zbar_image_set_size(img, (unsigned)w, (unsigned)h);
    /* No cleanup handler: the pixels stay the caller's. */
    zbar_image_set_data(img, grey, (unsigned long)w * (unsigned long)h, NULL);
    n = scan_run(sc, img, fn, ud);
done:
    if (found)
        *found = n;
    if (img)
        zbar_image_destroy(img);
    if (sc)
        zbar_image_scanner_destroy(sc);
    return st;
}

/* Halves a grey image in place (2 x 2 averages); *w, *h become the new
 * size. */
static void halve(uint8_t *g, int *w, int *h)
{
    int nw = *w / 2, nh = *h / 2;

    for (int y = 0; y < nh; y++)
        for (int x = 0; x < nw; x++) {
            const uint8_t *a = g + (size_t)(2 * y) * (size_t)*w + 2 * x;
            const uint8_t *b = a + *w;
            g[(size_t)y * (size_t)nw + x] = (uint8_t)((a[0] + a[1] + b[0] + b[1] + 2) / 4);
        }
    *w = nw;
    *h = nh;
}

as_status scan_image_rgba(const uint32_t *pixels, int w, int h, int stride,
                          scan_result_fn fn, void *ud, as_err *err)
{
    uint8_t *grey;
    as_status st;
    int found = 0;

    if (!pixels || !fn || w <= 0 || h <= 0 || stride / 4 < w)
        return as_err_set(err, AS_EINVAL,
                          "scan_image_rgba: bad image (%d x %d, stride %d)", w,
                          h, stride);
    grey = malloc((size_t)w * (size_t)h);
    if (!grey)
        return as_err_set(err, AS_ENOMEM, "out of memory for a %d x %d image",
                          w, h);
    for (int y = 0; y < h; y++) {
        const uint32_t *row =
            (const uint32_t *)((const uint8_t *)pixels + (size_t)y * (size_t)stride);
        uint8_t *out = grey + (size_t)y * (size_t)w;
        for (int x = 0; x < w; x++) {
            uint32_t p = row[x];
            unsigned a = p >> 24, r = (p >> 16) & 0xff, g = (p >> 8) & 0xff,
                     b = p & 0xff;
            /* Premultiplied: colour + (1 - alpha) * white. */
            unsigned yv = (77 * r + 150 * g + 29 * b + 128) >> 8;
            yv += 255 - a;
            out[x] = (uint8_t)(yv > 255 ? 255 : yv);
        }
    }
    st = scan_grey(grey, w, h, 1, fn, ud, &found, err);
    /* zbar finds a code's edges along scan lines, and pixel noise on
     * large modules (a phone photo of a badge) breaks them; averaging
     * down smooths the noise away.  Only when nothing was found, so no
     * code is reported twice. */
    while (st == AS_OK && !found && w >= 2 * SCAN_MIN_SIDE && h >= 2 * SCAN_MIN_SIDE) {
        halve(grey, &w, &h);
        st = scan_grey(grey, w, h, 1, fn, ud, &found, err);
    }
    free(grey);
    return st;
}

static cairo_status_t read_stream(void *closure, unsigned char *data,
                                  unsigned int length)
{
    FILE *f = closure;
    return fread(data, 1, length, f) == length ? CAIRO_STATUS_SUCCESS
                                               : CAIRO_STATUS_READ_ERROR;
}

as_status scan_png_file(const char *path, scan_result_fn fn, void *ud,
                        as_err *err)
{
    FILE *f = NULL;
    struct stat sb;
    cairo_surface_t *png = NULL, *flat = NULL;
    cairo_t *cr = NULL;
    as_status st = AS_OK;
    int w, h;

    if (!path || !fn)
        return as_err_set(err, AS_EINVAL, "scan_png_file: no file given");
    f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT || errno == ENOTDIR)
            return as_err_set(err, AS_ENOENT,
                              "%s: no such file; check the name and folder",
                              path);
        return as_err_set(err, AS_EIO, "%s: cannot open (%s); check its permissions",
                          path, strerror(errno));
    }
    if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
        st = as_err_set(err, AS_EINVAL, "%s: not a regular file; give a PNG image",
                        path);
        goto done;
    }
    png = cairo_image_surface_create_from_png_stream(read_stream, f);
    switch (cairo_surface_status(png)) {
    case CAIRO_STATUS_SUCCESS:
        break;
    case CAIRO_STATUS_READ_ERROR:
        if (ferror(f)) {
            st = as_err_set(err, AS_EIO, "%s: read error (%s); copy the file again",
                            path, strerror(errno));
            goto done;
        }
        /* A short file: "damaged". */
        /* fallthrough */
    default:
        /* Including CAIRO_STATUS_NO_MEMORY: cairo 1.16 (Debian 12) reports
         * every libpng error, a bad signature or checksum too, as "out of
         * memory", and a real shortage loading one badge is unlikely. */
        st = as_err_set(err, AS_EINVAL,
                        "%s: not a PNG image, or damaged or cut short; export "
                        "the badge again (asamblea badges --png)",
                        path);
        goto done;
    }
    /* Whatever cairo made of it (RGB24, ARGB32, A8...), paint it on white
     * so there is one pixel format to convert. */
    w = cairo_image_surface_get_width(png);
    h = cairo_image_surface_get_height(png);
    flat = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    cr = cairo_create(flat);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_surface(cr, png, 0, 0);
    cairo_paint(cr);
    cairo_surface_flush(flat);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
        st = as_err_set(err, AS_ENOMEM, "%s: out of memory converting the image",
                        path);
        goto done;
    }
    st = scan_image_rgba((const uint32_t *)cairo_image_surface_get_data(flat), w, h,
                         cairo_image_surface_get_stride(flat), fn, ud, err);
done:
    if (cr)
        cairo_destroy(cr);
    if (flat)
        cairo_surface_destroy(flat);
    if (png)
        cairo_surface_destroy(png);
    if (f)
        fclose(f);
    return st;
}
