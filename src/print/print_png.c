/* print_png.c: one card as an image for a phone screen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* unique_name: names[i] = stem of item i, with "-2", "-3", ... until it
 * differs from names[0..i-1]. */
static void unique_name(char (*names)[PRINT_NAME_MAX], int i, const char *person)
{
    char stem[PRINT_NAME_MAX], try[PRINT_NAME_MAX];

    print_file_name(person, stem);
    memcpy(try, stem, sizeof try);
    for (int k = 2, clash = 1; clash; k++) {
        clash = 0;
        for (int j = 0; j < i && !clash; j++)
            clash = !strcmp(names[j], try);
        if (clash) {
            char suffix[16];
            int sl = snprintf(suffix, sizeof suffix, "-%d", k);
            size_t keep = strlen(stem);
            if (keep + (size_t)sl >= sizeof try)
                keep = sizeof try - 1 - (size_t)sl;
            memcpy(try, stem, keep);
            memcpy(try + keep, suffix, (size_t)sl + 1);
        }
    }
    memcpy(names[i], try, sizeof try);
}

as_status print_png_each(const char *dir, const print_item *items, int n,
                         as_err *err)
{
    char (*names)[PRINT_NAME_MAX] = calloc((size_t)(n > 0 ? n : 1), sizeof *names);
    size_t plen = strlen(dir) + PRINT_NAME_MAX + 16;
    char *path = malloc(plen);
    as_status st = AS_OK;

    if (!names || !path)
        st = as_err_set(err, AS_ENOMEM, "%s: out of memory", dir);
    for (int i = 0; st == AS_OK && i < n; i++) {
        unique_name(names, i, items[i].heading);
        snprintf(path, plen, "%s/%s.png", dir, names[i]);
        st = print_png(path, &items[i], err);
    }
    free(names);
    free(path);
    return st;
}
