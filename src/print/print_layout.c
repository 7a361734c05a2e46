/* print_layout.c: paper sizes and where the cards go.
 *
 * Cards are 85 x 54 mm in a 2 x 4 grid with no gap: one guillotine cut
 * per grid line separates two cards, and the cut marks in the margin show
 * where.  The grid is 170 x 216 mm: on US letter (215.9 x 279.4) that
 * leaves 22.9 mm left and right and 31.7 mm top and bottom; on A4 (210 x
 * 297) 20 and 40.5 mm.  A fifth row would leave letter 4.7 mm margins,
 * below what office printers reliably print. */
#include <strings.h>
#include "print_internal.h"

/* The QR box (symbol plus its quiet zone of 4 modules each side) sits in
 * the card's top-right corner.  36.25 mm gives a version-1 symbol (21
 * modules + 8) modules of 1.25 mm, a 26.25 mm symbol: above the 25 mm
 * minimum, and a whole 15 px per module in the PNGs. */
#define QR_BOX_MM 36.25
#define QR_BOX_RIGHT 0.5 /* gap to the card's right edge */
#define QR_BOX_TOP 0.75

as_status print_paper_parse(const char *s, print_paper *out)
{
    if (s && !strcasecmp(s, "letter")) {
        *out = PRINT_LETTER;
        return AS_OK;
    }
    if (s && !strcasecmp(s, "a4")) {
        *out = PRINT_A4;
        return AS_OK;
    }
    return AS_EINVAL;
}

void print_layout_get(print_paper paper, print_layout *l)
{
    l->page_w = paper == PRINT_A4 ? 210.0 : 215.9;
    l->page_h = paper == PRINT_A4 ? 297.0 : 279.4;
    l->cols = 2;
    l->rows = 4;
    l->card_w = PRINT_CARD_W;
    l->card_h = PRINT_CARD_H;
    l->left = (l->page_w - l->cols * l->card_w) / 2;
    l->top = (l->page_h - l->rows * l->card_h) / 2;
    l->module = QR_BOX_MM / (PRINT_QR_MODULES + 8);
    l->qr_mm = l->module * PRINT_QR_MODULES;
    l->qr_x = l->card_w - QR_BOX_RIGHT - QR_BOX_MM + 4 * l->module;
    l->qr_y = QR_BOX_TOP + 4 * l->module;
}
