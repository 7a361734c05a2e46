/* room_code.c: the ballot-list code of a closed proposal, in large type
 * and always with its dashes ("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX",
 * record_room_code), beside its QR code (record_qr_text) at least
 * ROOM_QR_FRAC of the screen's height, so a phone at the back of the room
 * can photograph it, and the kiosk key's fingerprint.  One name for the
 * code everywhere: "Ballot-list code". */
#include <stdio.h>
#include <string.h>
#include "i18n.h"
#include "record.h"
#include "room_internal.h"

int room_qr_side(const room_ctx *c)
{
    if (c->w < c->h) /* portrait: the words need a column beside it */
        return (int)(c->h * ROOM_QR_FRAC) + 1;
    return c->h / 2;
}

/* top_words: the name and the code (large), in a.w from a.y. */
static int top_words(room_ctx *c, box a, const char *code, int px, int code_px,
                     int dry)
{
    char lab[400];
    int y = a.y;
    room_all_langs(c, room_msgid_words, N_("Ballot-list code"), lab, sizeof lab);
    y += room_text(c, (box){a.x, y, a.w, 0}, lab, px, 0, ROOM_TEXT, ROOM_BG, 0,
                   dry);
    y += room_text(c, (box){a.x, y, a.w, 0}, code, code_px, 1, ROOM_TEXT,
                   ROOM_BG, 0, dry);
    return y - a.y;
}

/* key_words: "Kiosk key fingerprint: 7Q3K-..." (nothing without a key). */
static int key_words(room_ctx *c, box a, int px, int dry)
{
    char lab[400], key[480];
    const char *fp = c->sn->view.key_fingerprint;
    if (!fp || !*fp)
        return 0;
    room_all_langs(c, room_msgid_words, N_("Kiosk key"), lab, sizeof lab);
    snprintf(key, sizeof key, "%s: %.60s", lab, fp);
    return room_text(c, a, key, px, 0, ROOM_TEXT, ROOM_BG, 0, dry);
}

static void qr_image(room_ctx *c, int x, int y, int side)
{
    dl_item it = {0};
    if (!c->r->qr.img.rgba)
        return;
    it.kind = DL_IMAGE;
    it.image = &c->r->qr.img;
    it.r = (dl_rect){x + (side - c->r->qr.img.w) / 2, y, c->r->qr.img.w,
                     c->r->qr.img.h};
    dl_push(c->dl, &it);
}

/* qr_min: the smallest side asked of ui_qr_set whose modules (whole
 * pixels each, the quiet zone left out) span at least h * ROOM_QR_FRAC
 * (or c->qr_floor). */
static int qr_min(room_ctx *c, const char *qr)
{
    double floor = c->qr_floor > 0 ? c->qr_floor : c->h * ROOM_QR_FRAC;
    int q = (int)floor + 1;
    while (ui_qr_set(&c->r->qr, qr, q) == 0 && c->r->qr.span < floor &&
           q < c->h)
        q += 2;
    return q;
}

/* panel: the height the panel takes with a QR code of side q. */
static int panel(room_ctx *c, box a, const char *code, int q, int px, int big,
                 int dry)
{
    int side = c->w < c->h, y;
    if (side) {
        /* Portrait: the words in a column beside the QR code. */
        box t = {a.x, a.y, a.w - q - c->gap, 0};
        int th = top_words(c, t, code, px, px, dry);
        if (!dry)
            qr_image(c, a.x + a.w - q, a.y, q);
        y = a.y + (th > q ? th : q) + c->gap / 2;
    } else {
        y = a.y + top_words(c, a, code, px, big ? px * 3 / 2 : px, dry) + c->gap / 2;
        if (!dry)
            qr_image(c, a.x + (a.w - q) / 2, y, q);
        y += q + c->gap / 2;
    }
    y += key_words(c, (box){a.x, y, a.w, 0}, px, dry);
    return y - a.y;
}

/* room_code_panel: the words shrink toward the minimum size before the
 * QR code shrinks toward h / 3.  dry: the height it needs (more than
 * a.h when it cannot fit). */
int room_code_panel(room_ctx *c, box a, int i, int q, int dry)
{
    const snapshot_proposal *sp = &c->sn->props[i];
    char code[RECORD_ROOM_CODE_SIZE], qr[RECORD_QR_TEXT_SIZE];
    if (!sp->have_fig) {
        if (!dry)
            room_message(c, a, room_msgid_words,
                         N_("The ballot-list code cannot be read right now."));
        return a.h;
    }
    record_room_code(sp->fig.root, code);
    record_qr_text(c->m->props[i].id, sp->fig.root, qr);
    int qmin = qr_min(c, qr);
    int px = c->w < c->h ? c->px_min : c->px_min * 5 / 4, used;
    int big = 1; /* the code half as large again as the words */
    q = q < qmin ? qmin : q;
    for (;;) {
        c->ok = 1;
        used = panel(c, a, code, q, px, big, 1);
        if (c->ok && used <= a.h)
            break;
        /* The words give way before the QR code: it is what the back
         * of the room photographs. */
        if (px > c->px_min)
            px = px - 2 > c->px_min ? px - 2 : c->px_min;
        else if (q > qmin)
            q = q - c->h / 40 > qmin ? q - c->h / 40 : qmin;
        else if (big)
            big = 0;
        else
            break; /* drawn anyway; the tests measure it */
    }
    if (dry)
        return c->ok ? used : a.h + 1;
    if (ui_qr_set(&c->r->qr, qr, q) != 0)
        c->r->qr.img.rgba = NULL;
    return panel(c, a, code, q, px, big, 0);
}
