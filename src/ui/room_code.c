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
    int qmin = (int)(c->h * ROOM_QR_FRAC) + 1;
    if (c->w < c->h) /* portrait: the words need a column beside it */
        return qmin > c->w / 2 ? qmin : c->w / 2;
    return c->h / 2;
}

static void code_label(const room_ctx *c, int lang, char *buf, size_t n,
                       const void *arg)
{
    (void)c;
    (void)lang;
    (void)arg;
    snprintf(buf, n, "%s", _("Ballot-list code"));
}

static void key_label(const room_ctx *c, int lang, char *buf, size_t n,
                      const void *arg)
{
    (void)c;
    (void)lang;
    (void)arg;
    snprintf(buf, n, "%s", _("Kiosk key fingerprint"));
}

static void no_code_words(const room_ctx *c, int lang, char *buf, size_t n,
                          const void *arg)
{
    (void)c;
    (void)lang;
    (void)arg;
    snprintf(buf, n, "%s", _("The ballot-list code cannot be read right now."));
}

/* words: the label, the code (bigger) and the key, in width w from y. */
static int words(room_ctx *c, box a, const char *code, int px, int dry)
{
    char lab[400], key[480];
    const char *fp = c->sn->view.key_fingerprint;
    int y = a.y;
    room_all_langs(c, code_label, NULL, lab, sizeof lab);
    y += room_text(c, (box){a.x, y, a.w, 0}, lab, px, 0, ROOM_TEXT, ROOM_BG, 0,
                   dry);
    y += room_text(c, (box){a.x, y, a.w, 0}, code, px * 3 / 2, 1, ROOM_TEXT,
                   ROOM_BG, 0, dry);
    if (fp && *fp) {
        room_all_langs(c, key_label, NULL, lab, sizeof lab);
        snprintf(key, sizeof key, "%s\n%.60s", lab, fp);
        y += c->gap / 2;
        y += room_text(c, (box){a.x, y, a.w, 0}, key, px, 0, ROOM_TEXT,
                       ROOM_BG, 0, dry);
    }
    return y - a.y;
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

/* room_code_panel: portrait screens put the words beside the QR code,
 * landscape ones above it; the QR code shrinks toward h / 3 before the
 * words shrink toward the minimum size. */
int room_code_panel(room_ctx *c, box a, int i, int q, int dry)
{
    const snapshot_proposal *sp = &c->sn->props[i];
    char code[RECORD_ROOM_CODE_SIZE], qr[RECORD_QR_TEXT_SIZE];
    int side = c->w < c->h, qmin = (int)(c->h * ROOM_QR_FRAC) + 1;
    if (!sp->have_fig) {
        if (!dry)
            room_message(c, a, no_code_words, NULL);
        return a.h;
    }
    record_room_code(sp->fig.root, code);
    record_qr_text(c->m->props[i].id, sp->fig.root, qr);
    int px = c->px_min * 5 / 4, used = 0;
    for (;;) {
        c->ok = 1;
        if (side) {
            int tw = a.w - q - c->gap;
            used = words(c, (box){a.x, a.y, tw, 0}, code, px, 1);
            used = used > q ? used : q;
        } else {
            used = words(c, a, code, px, 1) + c->gap + q;
        }
        if (dry || (c->ok && used <= a.h))
            break;
        if (q > qmin)
            q = q - c->h / 40 > qmin ? q - c->h / 40 : qmin;
        else if (px > c->px_min)
            px = px - 2 > c->px_min ? px - 2 : c->px_min;
        else
            break; /* drawn anyway; the tests measure it */
    }
    if (dry)
        return used;
    if (ui_qr_set(&c->r->qr, qr, q) != 0)
        c->r->qr.img.rgba = NULL;
    if (side) {
        words(c, (box){a.x, a.y, a.w - q - c->gap, 0}, code, px, 0);
        qr_image(c, a.x + a.w - q, a.y, q);
    } else {
        int y = a.y + words(c, a, code, px, 0) + c->gap;
        qr_image(c, a.x + (a.w - q) / 2, y, q);
    }
    return used;
}
