/* print_pdf.c: pages of cards with cut marks, as a PDF through cairo. */
#include <cairo-pdf.h>
#include "print_internal.h"

#define MARK_GAP 2.0  /* from the grid's edge to the start of a cut mark */
#define MARK_LEN 6.0
#define FOOT_SIZE 2.6

static void cut_marks(cairo_t *cr, const print_layout *l)
{
    double right = l->left + l->cols * l->card_w;
    double bottom = l->top + l->rows * l->card_h;

    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 0.2);
    for (int c = 0; c <= l->cols; c++) {
        double x = l->left + c * l->card_w;
        cairo_move_to(cr, x, l->top - MARK_GAP);
        cairo_line_to(cr, x, l->top - MARK_GAP - MARK_LEN);
        cairo_move_to(cr, x, bottom + MARK_GAP);
        cairo_line_to(cr, x, bottom + MARK_GAP + MARK_LEN);
    }
    for (int r = 0; r <= l->rows; r++) {
        double y = l->top + r * l->card_h;
        cairo_move_to(cr, l->left - MARK_GAP, y);
        cairo_line_to(cr, l->left - MARK_GAP - MARK_LEN, y);
        cairo_move_to(cr, right + MARK_GAP, y);
        cairo_line_to(cr, right + MARK_GAP + MARK_LEN, y);
    }
    cairo_stroke(cr);
}

static void footer(cairo_t *cr, const print_layout *l, int page, int pages)
{
    char buf[160];

    snprintf(buf, sizeof buf,
             "Print at actual size (100%%, no \"fit to page\"); cut along the "
             "marks.   Page %d of %d", page, pages);
    cairo_select_font_face(cr, "Noto Sans", CAIRO_FONT_SLANT_NORMAL,
                           CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, FOOT_SIZE);
    cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
    cairo_move_to(cr, l->left, l->page_h - 10.0 - 1.0);
    cairo_show_text(cr, buf);
}

as_status print_pdf(const char *path, print_paper paper, const print_item *items,
                    int n, print_commit_fn commit, void *ud, as_err *err)
{
    print_layout l;
    print_file pf;
    cairo_surface_t *sf = NULL;
    cairo_t *cr = NULL;
    as_status st;
    int per_page, pages;

    if (n < 1 || !items)
        return as_err_set(err, AS_EINVAL, "%s: nothing to print", path);
    for (int i = 0; i < n; i++)
        if ((st = print_card_check(&items[i], i, err)) != AS_OK)
            return st;
    print_layout_get(paper, &l);
    per_page = l.cols * l.rows;
    pages = (n + per_page - 1) / per_page;
    if ((st = print_file_open(&pf, path, err)) != AS_OK)
        return st;

    sf = cairo_pdf_surface_create_for_stream(print_file_write, &pf,
                                             l.page_w * PRINT_PT_PER_MM,
                                             l.page_h * PRINT_PT_PER_MM);
    cr = cairo_create(sf);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
        st = as_err_set(err, AS_ENOMEM, "%s: out of memory starting the PDF", path);
        goto fail;
    }
    cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR, "asamblea");
    cairo_scale(cr, PRINT_PT_PER_MM, PRINT_PT_PER_MM);
    for (int p = 0; p < pages; p++) {
        for (int k = 0; k < per_page && p * per_page + k < n; k++) {
            double x = l.left + (k % l.cols) * l.card_w;
            double y = l.top + (k / l.cols) * l.card_h;
            if (print_card_draw(cr, &l, &items[p * per_page + k], x, y) != AS_OK) {
                st = as_err_set(err, AS_ENOMEM, "%s: out of memory drawing a "
                                "QR code", path);
                goto fail;
            }
        }
        cut_marks(cr, &l);
        footer(cr, &l, p + 1, pages);
        cairo_show_page(cr);
        if (pf.err_no || cairo_status(cr) != CAIRO_STATUS_SUCCESS)
            break;
    }
    cairo_destroy(cr);
    cr = NULL;
    cairo_surface_finish(sf);
    if (!pf.err_no && cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS) {
        st = as_err_set(err, AS_EIO, "%s: cairo could not write the PDF (%s)",
                        path, cairo_status_to_string(cairo_surface_status(sf)));
        goto fail;
    }
    cairo_surface_destroy(sf);
    return print_file_finish(&pf, commit, ud, err);
fail:
    if (cr)
        cairo_destroy(cr);
    if (sf)
        cairo_surface_destroy(sf);
    print_file_abort(&pf);
    return st;
}
