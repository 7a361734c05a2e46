/* print_card.c: one badge or voting card: title, heading (the name),
 * QR code and token text, in millimetre user units.
 *
 *   +--------------------------------------------+
 *   | Title (small, grey)          +-----------+ |
 *   |                              |           | |
 *   | Heading (large, bold;        |    QR     | |
 *   |  shrunk or split in two      |           | |
 *   |  lines, never past the QR)   +-----------+ |
 *   |                                            |
 *   |          K3M9TB-ZQ4W7N-H2X8RJ              |
 *   +--------------------------------------------+ */
#include <stdlib.h>
#include <string.h>
#include <qrencode.h>
#include "print_internal.h"

#define PAD 4.0             /* text inset from the card's left edge */
#define GAP 2.0             /* between the text column and the QR box */
#define TITLE_BASE 8.0      /* baselines, from the card's top */
#define TITLE_SIZE 3.4      /* font sizes (em) in mm */
#define HEAD_SIZE 7.5
#define HEAD_MIN_ONE_LINE 5.0 /* below this a two-word name goes on 2 lines */
#define HEAD_TOP 11.0       /* the heading's band */
#define HEAD_BOTTOM 36.0
#define TOKEN_BASE 47.5
#define TOKEN_SIZE 6.0

/* The token as one alphanumeric-mode segment, error correction M, the
 * smallest version that holds it.  (QRcode_encodeString takes only
 * QR_MODE_8 or QR_MODE_KANJI as its hint and picks modes itself; an
 * explicit segment guarantees alphanumeric mode, and anything outside
 * that alphabet is refused rather than silently sent as bytes.) */
static QRcode *encode(const char *token)
{
    QRinput *in = QRinput_new2(0, QR_ECLEVEL_M);
    QRcode *q = NULL;

    if (!in)
        return NULL;
    if (QRinput_append(in, QR_MODE_AN, (int)strlen(token),
                       (const unsigned char *)token) == 0)
        q = QRcode_encodeInput(in);
    QRinput_free(in);
    return q;
}

as_status print_card_check(const print_item *it, int i, as_err *err)
{
    QRcode *q;
    int w;

    if (!it->heading || !it->heading[0])
        return as_err_set(err, AS_EINVAL, "card %d has no name or heading", i + 1);
    if (!it->token || !it->token[0])
        return as_err_set(err, AS_EINVAL, "card %d (%s) has no token", i + 1,
                          it->heading);
    if (!(q = encode(it->token)))
        return as_err_set(err, AS_EINVAL,
                          "card %d (%s): the token cannot be made into a QR "
                          "code; run `asamblea roster issue` to give it a "
                          "valid one", i + 1, it->heading);
    w = q->width;
    QRcode_free(q);
    if (w != PRINT_QR_MODULES)
        return as_err_set(err, AS_EINVAL,
                          "card %d (%s): the token is not a badge token (too "
                          "long for a version-1 QR code)", i + 1, it->heading);
    return AS_OK;
}

/* The font size (at most max) at which text is at most width wide. */
static double fit(cairo_t *cr, const char *text, double max, double width)
{
    cairo_text_extents_t e;

    cairo_set_font_size(cr, max);
    cairo_text_extents(cr, text, &e);
    if (e.x_advance <= width || e.x_advance <= 0)
        return max;
    return max * width / e.x_advance * 0.999;
}

static void show_at(cairo_t *cr, const char *text, double size, double x,
                    double y, int centred)
{
    cairo_text_extents_t e;

    cairo_set_font_size(cr, size);
    if (centred) {
        cairo_text_extents(cr, text, &e);
        x -= e.x_advance / 2;
    }
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, text);
}

/* The heading on one line, or split at the space nearest its middle when
 * that lets it be noticeably larger. */
static void draw_heading(cairo_t *cr, const char *s, double x, double width)
{
    double one = fit(cr, s, HEAD_SIZE, width), mid = (HEAD_TOP + HEAD_BOTTOM) / 2;
    size_t n = strlen(s), best = 0;
    char *a;

    if (one < HEAD_MIN_ONE_LINE) {
        for (size_t i = 1; i + 1 < n; i++)
            if (s[i] == ' ' && (best == 0 || labs((long)(2 * i) - (long)n) <
                                                 labs((long)(2 * best) - (long)n)))
                best = i;
    }
    if (best && (a = malloc(n + 1)) != NULL) {
        memcpy(a, s, n + 1);
        a[best] = '\0';
        const char *b = a + best + 1;
        double two = fit(cr, a, HEAD_SIZE * 0.85, width);
        double t2 = fit(cr, b, HEAD_SIZE * 0.85, width);
        if (t2 < two)
            two = t2;
        if (two > one * 1.15) {
            show_at(cr, a, two, x, mid - 0.15 * two, 0);
            show_at(cr, b, two, x, mid + 1.05 * two, 0);
            free(a);
            return;
        }
        free(a);
    }
    show_at(cr, s, one, x, mid + 0.35 * one, 0);
}

static void draw_qr(cairo_t *cr, const QRcode *q, double x, double y, double m)
{
    /* White box with the quiet zone, so nothing printed nearby intrudes. */
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, x - 4 * m, y - 4 * m, (q->width + 8) * m,
                    (q->width + 8) * m);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    /* Horizontal runs of dark modules as single rectangles, one fill for
     * the whole symbol: no hairline seams between neighbours. */
    for (int r = 0; r < q->width; r++) {
        for (int c = 0; c < q->width;) {
            if (!(q->data[r * q->width + c] & 1)) {
                c++;
                continue;
            }
            int c0 = c;
            while (c < q->width && (q->data[r * q->width + c] & 1))
                c++;
            cairo_rectangle(cr, x + c0 * m, y + r * m, (c - c0) * m, m);
        }
    }
    cairo_fill(cr);
}

as_status print_card_draw(cairo_t *cr, const print_layout *l,
                          const print_item *it, double x, double y)
{
    QRcode *q = encode(it->token);
    double text_w = l->qr_x - 4 * l->module - GAP - PAD;

    if (!q)
        return AS_ENOMEM;
    cairo_save(cr);
    cairo_translate(cr, x, y);
    draw_qr(cr, q, l->qr_x, l->qr_y, l->module);
    QRcode_free(q);

    if (it->title && it->title[0]) {
        cairo_select_font_face(cr, "Noto Sans", CAIRO_FONT_SLANT_NORMAL,
                               CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        show_at(cr, it->title, fit(cr, it->title, TITLE_SIZE, text_w), PAD,
                TITLE_BASE, 0);
    }
    cairo_select_font_face(cr, "Noto Sans", CAIRO_FONT_SLANT_NORMAL,
                           CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_source_rgb(cr, 0, 0, 0);
    draw_heading(cr, it->heading, PAD, text_w);

    cairo_select_font_face(cr, "Noto Sans Mono", CAIRO_FONT_SLANT_NORMAL,
                           CAIRO_FONT_WEIGHT_BOLD);
    show_at(cr, it->token, fit(cr, it->token, TOKEN_SIZE, l->card_w - 2 * PAD),
            l->card_w / 2, TOKEN_BASE, 1);
    cairo_restore(cr);
    return AS_OK;
}
