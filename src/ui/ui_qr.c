/* ui_qr.c: QR code pixels for the display list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <qrencode.h>
#include "ui_qr.h"

#define QUIET 4 /* modules of white border a phone camera needs */

int ui_qr_set(ui_qr *q, const char *text, int size)
{
    static uint32_t next_id = 0x51520000u;
    QRcode *code;
    int modules, scale, side;

    if (q->pixels && q->size == size && !strcmp(q->text, text))
        return 0;
    ui_qr_free(q);
    code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!code)
        return -1;
    modules = code->width + 2 * QUIET;
    scale = size / modules;
    if (scale < 1) {
        QRcode_free(code);
        return -1;
    }
    side = modules * scale;
    q->pixels = malloc((size_t)side * (size_t)side * sizeof *q->pixels);
    if (!q->pixels) {
        QRcode_free(code);
        return -1;
    }
    for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
            int mx = x / scale - QUIET, my = y / scale - QUIET;
            int dark = mx >= 0 && my >= 0 && mx < code->width &&
                       my < code->width &&
                       (code->data[my * code->width + mx] & 1);
            /* RGBA8888 as the display list wants: opaque black or white */
            q->pixels[(size_t)y * (size_t)side + (size_t)x] =
                dark ? 0x000000FFu : 0xFFFFFFFFu;
        }
    }
    QRcode_free(code);
    snprintf(q->text, sizeof q->text, "%s", text);
    q->size = size;
    q->span = (modules - 2 * QUIET) * scale;
    q->img.id = ++next_id;
    q->img.w = side;
    q->img.h = side;
    q->img.rgba = q->pixels;
    return 0;
}

void ui_qr_free(ui_qr *q)
{
    free(q->pixels);
    memset(q, 0, sizeof *q);
}
