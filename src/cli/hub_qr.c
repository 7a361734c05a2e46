/* hub_qr.c: the pairing code as a QR code (hub_qr.h), by libqrencode. */
#include <stdlib.h>
#include <string.h>
#include <cairo.h>
#include <qrencode.h>
#include "file_write.h"
#include "hub_qr.h"

#define QUIET 4 /* modules of white border a scanner needs */
#define SCALE 8 /* pixels a module in the PNG */

/* dark: module (x, y) of q, counted from the quiet zone's corner. */
static int dark(const QRcode *q, int x, int y)
{
    x -= QUIET;
    y -= QUIET;
    return x >= 0 && y >= 0 && x < q->width && y < q->width &&
           (q->data[y * q->width + x] & 1);
}

int hub_qr_print(FILE *f, const char *text, int color)
{
    /* indexed by top * 2 + bottom, dark = 1 */
    static const char *const cell[4] = {" ", "\u2584", "\u2580", "\u2588"};
    QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    int side;

    if (!q)
        return -1;
    side = q->width + 2 * QUIET;
    for (int y = 0; y < side; y += 2) {
        if (color)
            fputs("\033[30;47m", f); /* black on white */
        for (int x = 0; x < side; x++)
            fputs(cell[dark(q, x, y) * 2 + (y + 1 < side && dark(q, x, y + 1))], f);
        fputs(color ? "\033[0m\n" : "\n", f);
    }
    QRcode_free(q);
    return 0;
}

/* png_write: cairo's PNG writer into a file_writer. */
static cairo_status_t png_write(void *ud, const unsigned char *data, unsigned int n)
{
    return file_writer_write(ud, data, n) == 0 ? CAIRO_STATUS_SUCCESS
                                               : CAIRO_STATUS_WRITE_ERROR;
}

as_status hub_qr_png(const char *path, const char *text, as_err *err)
{
    QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    file_write_opts wo = {0600, 0};
    file_writer w;
    cairo_surface_t *s;
    cairo_t *cr;
    as_status st;
    int side;

    if (!q)
        return as_err_set(err, AS_EINVAL, "the pairing code cannot be made into a QR "
                          "code");
    side = q->width + 2 * QUIET;
    s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, side * SCALE, side * SCALE);
    cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (int y = 0; y < side; y++)
        for (int x = 0; x < side; x++)
            if (dark(q, x, y))
                cairo_rectangle(cr, x * SCALE, y * SCALE, SCALE, SCALE);
    cairo_fill(cr);
    cairo_destroy(cr);
    QRcode_free(q);
    if ((st = file_writer_open(&w, path, &wo, err)) == AS_OK) {
        if (cairo_surface_write_to_png_stream(s, png_write, &w) != CAIRO_STATUS_SUCCESS) {
            file_writer_abort(&w);
            st = as_err_set(err, AS_EIO, "%s: cannot write the QR code's picture", path);
        } else {
            st = file_writer_commit(&w, NULL, NULL, err);
        }
    }
    cairo_surface_destroy(s);
    return st;
}
