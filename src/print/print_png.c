/* print_png.c: one card as an image for a phone screen. */
#include "print_internal.h"

as_status print_png(const char *path, const print_item *item, as_err *err)
{
    const int w = (int)(PRINT_CARD_W * PRINT_PNG_PX_PER_MM);
    const int h = (int)(PRINT_CARD_H * PRINT_PNG_PX_PER_MM);
    print_layout l;
    print_file pf;
    cairo_surface_t *sf;
    cairo_t *cr;
    as_status st;
    cairo_status_t cs;

    if ((st = print_card_check(item, 0, err)) != AS_OK)
        return st;
    print_layout_get(PRINT_A4, &l); /* the card is the same on every paper */
    sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cr = cairo_create(sf);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
        cairo_destroy(cr);
        cairo_surface_destroy(sf);
        return as_err_set(err, AS_ENOMEM, "%s: out of memory", path);
    }
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, PRINT_PNG_PX_PER_MM, PRINT_PNG_PX_PER_MM);
    if (print_card_draw(cr, &l, item, 0, 0) != AS_OK) {
        cairo_destroy(cr);
        cairo_surface_destroy(sf);
        return as_err_set(err, AS_ENOMEM, "%s: out of memory", path);
    }
    cairo_destroy(cr);
    cairo_surface_flush(sf);
    if ((st = print_file_open(&pf, path, err)) != AS_OK) {
        cairo_surface_destroy(sf);
        return st;
    }
    cs = cairo_surface_write_to_png_stream(sf, print_file_write, &pf);
    cairo_surface_destroy(sf);
    if (cs != CAIRO_STATUS_SUCCESS && !pf.err_no) {
        print_file_abort(&pf);
        return as_err_set(err, AS_EIO, "%s: cairo could not write the PNG (%s)",
                          path, cairo_status_to_string(cs));
    }
    return print_file_finish(&pf, NULL, NULL, err);
}
