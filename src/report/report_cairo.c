/* report_cairo.c: drawing on the minutes' pages with cairo: wrapped text
 * that continues on new pages, a display list (the room display's charts)
 * scaled into a box, and a QR code as vector squares. */
#include <stdlib.h>
#include <string.h>
#include <qrencode.h>
#include "report_internal.h"

#define LINE 1.3  /* line height / font size */
#define FOOT 8.0  /* footer size, points */

void rp_font(cairo_t *cr, double size, int bold)
{
    cairo_select_font_face(cr, "Noto Sans", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

static void set_rgb(cairo_t *cr, uint32_t c)
{
    cairo_set_source_rgb(cr, ((c >> 16) & 255) / 255.0, ((c >> 8) & 255) / 255.0,
                         (c & 255) / 255.0);
}

/* width: the advance of s[0..n) in the current font. */
static double width(cairo_t *cr, const char *s, size_t n)
{
    char small[256], *buf = n < sizeof small ? small : malloc(n + 1);
    cairo_text_extents_t e;
    if (!buf)
        return 0;
    memcpy(buf, s, n);
    buf[n] = '\0';
    cairo_text_extents(cr, buf, &e);
    if (buf != small)
        free(buf);
    return e.x_advance;
}

static int mx_width(void *ud, const char *s, size_t n, int font_px, int bold)
{
    cairo_t *cr = ud;
    rp_font(cr, font_px, bold);
    return (int)(width(cr, s, n) + 0.999);
}

static int mx_line(void *ud, int font_px)
{
    cairo_font_extents_t fe;
    rp_font(ud, font_px, 0);
    cairo_font_extents(ud, &fe);
    return (int)(fe.height + 0.999);
}

void rp_metrics(cairo_t *cr, ui_metrics *mx)
{
    cairo_text_extents_t e;
    rp_font(cr, 100, 0);
    cairo_text_extents(cr, "H", &e);
    mx->ud = cr;
    mx->text_width = mx_width;
    mx->line_height = mx_line;
    mx->cap_ratio = e.y_bearing < 0 ? -e.y_bearing / 100.0 : 0.714;
}

/* line_end: how much of s (up to its line end) fits in w: the longest
 * run ending at a space, or, for one word wider than w, the most whole
 * UTF-8 characters (at least one), so nothing is ever cut off. */
static size_t line_end(cairo_t *cr, const char *s, double w)
{
    size_t end = strcspn(s, "\n"), best = 0;
    for (size_t k = 0; k <= end; k++) {
        if (k < end && s[k] != ' ')
            continue;
        if (width(cr, s, k) > w)
            break;
        best = k;
    }
    if (best > 0 || end == 0)
        return best;
    for (size_t k = 1; k <= end; k++) {
        if (k < end && (s[k] & 0xC0) == 0x80)
            continue;
        if (best > 0 && width(cr, s, k) > w)
            break;
        best = k;
    }
    return best;
}

/* next_line: past the line just drawn and the spaces after it. */
static const char *next_line(const char *s, size_t n)
{
    s += n;
    while (*s == ' ')
        s++;
    if (*s == '\n')
        s++;
    return s;
}

double rp_text_at(cairo_t *cr, const char *text, double x, double y, double w,
                  double size, int bold, uint32_t rgb)
{
    cairo_font_extents_t fe;
    double y0 = y;
    rp_font(cr, size, bold);
    cairo_font_extents(cr, &fe);
    set_rgb(cr, rgb);
    for (const char *s = text; *s;) {
        size_t n = line_end(cr, s, w);
        char *line = strndup(s, n);
        if (line) {
            cairo_move_to(cr, x, y + fe.ascent);
            cairo_show_text(cr, line);
            free(line);
        }
        y += size * LINE;
        s = next_line(s, n);
    }
    return y - y0;
}

static void footer(rpage *p)
{
    char num[16];
    snprintf(num, sizeof num, "%d", p->page);
    rp_font(p->cr, FOOT, 0);
    set_rgb(p->cr, 0x333333);
    cairo_move_to(p->cr, p->left, RP_A4_H - 28);
    cairo_show_text(p->cr, p->foot);
    cairo_move_to(p->cr, p->right - width(p->cr, num, strlen(num)), RP_A4_H - 28);
    cairo_show_text(p->cr, num);
}

void rp_begin(rpage *p, cairo_t *cr, const char *foot)
{
    p->cr = cr;
    p->left = 56;
    p->right = RP_A4_W - 56;
    p->top = 56;
    p->bottom = RP_A4_H - 48;
    p->y = p->top;
    p->page = 1;
    p->foot = foot;
}

void rp_end_page(rpage *p)
{
    footer(p);
    cairo_show_page(p->cr);
    p->page++;
    p->y = p->top;
}

void rp_need(rpage *p, double h)
{
    if (p->y + h > p->bottom && p->y > p->top)
        rp_end_page(p);
}

void rp_text(rpage *p, const char *text, double size, int bold, uint32_t rgb)
{
    double w = p->right - p->left;
    rp_font(p->cr, size, bold);
    for (const char *s = text; *s;) {
        size_t n = line_end(p->cr, s, w);
        char *line = strndup(s, n);
        rp_need(p, size * LINE);
        if (line)
            rp_text_at(p->cr, line, p->left, p->y, w + 1, size, bold, rgb);
        free(line);
        rp_font(p->cr, size, bold);
        p->y += size * LINE;
        s = next_line(s, n);
    }
}

/* draw_image: an RGBA8888 (0xRRGGBBAA) image into r, pixels kept sharp
 * (a QR code must stay a QR code). */
static void draw_image(cairo_t *cr, const dl_item *it)
{
    const dl_image *im = it->image;
    if (!im || im->w <= 0 || im->h <= 0 || !im->rgba)
        return;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, im->w, im->h);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return;
    }
    cairo_surface_flush(s);
    unsigned char *px = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    for (int y = 0; y < im->h; y++)
        for (int x = 0; x < im->w; x++) {
            uint32_t c = im->rgba[(size_t)y * (size_t)im->w + (size_t)x];
            uint32_t a = c & 255, r = (c >> 24) * a / 255, g = ((c >> 16) & 255) * a / 255;
            uint32_t b = ((c >> 8) & 255) * a / 255;
            *(uint32_t *)(px + (size_t)y * (size_t)stride + 4 * (size_t)x) =
                a << 24 | r << 16 | g << 8 | b;
        }
    cairo_surface_mark_dirty(s);
    cairo_save(cr);
    cairo_translate(cr, it->r.x, it->r.y);
    cairo_scale(cr, (double)it->r.w / im->w, (double)it->r.h / im->h);
    cairo_set_source_surface(cr, s, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST);
    cairo_paint(cr);
    cairo_restore(cr);
    cairo_surface_destroy(s);
}

static void draw_item(cairo_t *cr, const dl_item *it)
{
    if (it->clip.w > 0) {
        cairo_rectangle(cr, it->clip.x, it->clip.y, it->clip.w, it->clip.h);
        cairo_clip(cr);
    }
    if (it->kind == DL_RECT) {
        set_rgb(cr, it->color);
        if (it->border_px > 0) {
            double b = it->border_px;
            cairo_set_line_width(cr, b);
            cairo_rectangle(cr, it->r.x + b / 2, it->r.y + b / 2, it->r.w - b, it->r.h - b);
            cairo_stroke(cr);
        } else {
            cairo_rectangle(cr, it->r.x, it->r.y, it->r.w, it->r.h);
            cairo_fill(cr);
        }
    } else if (it->kind == DL_TEXT && it->text && it->text[0]) {
        cairo_font_extents_t fe;
        rp_font(cr, it->font_px, it->bold);
        cairo_font_extents(cr, &fe);
        set_rgb(cr, it->color);
        /* as the platform draws it: the line centred in the run's box */
        double th = fe.ascent + fe.descent, top = it->r.y;
        if (it->r.h > th)
            top += (it->r.h - th) / 2;
        cairo_move_to(cr, it->r.x, top + fe.ascent);
        cairo_show_text(cr, it->text);
    } else if (it->kind == DL_IMAGE) {
        draw_image(cr, it);
    }
}

void rp_draw_list(cairo_t *cr, const dl_list *l, double x, double y, double w)
{
    if (l->w <= 0 || l->h <= 0)
        return;
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_scale(cr, w / l->w, w / l->w);
    cairo_rectangle(cr, 0, 0, l->w, l->h);
    cairo_clip(cr);
    set_rgb(cr, l->clear);
    cairo_paint(cr);
    for (int i = 0; i < l->n; i++) {
        cairo_save(cr);
        draw_item(cr, &l->items[i]);
        cairo_restore(cr);
    }
    cairo_restore(cr);
    /* a thin frame: where the screen's edge was */
    cairo_set_line_width(cr, 0.5);
    set_rgb(cr, 0x555555);
    cairo_rectangle(cr, x, y, w, w * l->h / l->w);
    cairo_stroke(cr);
}

int rp_qr(cairo_t *cr, const char *text, double x, double y, double side)
{
    QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!q)
        return -1;
    double mod = side / (q->width + 8);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, x, y, side, side);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (int r = 0; r < q->width; r++)
        for (int c = 0; c < q->width; c++)
            if (q->data[r * q->width + c] & 1)
                cairo_rectangle(cr, x + (c + 4) * mod, y + (r + 4) * mod, mod, mod);
    cairo_fill(cr);
    QRcode_free(q);
    return 0;
}
