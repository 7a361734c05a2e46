/* ui_qr.h: QR codes as display-list images (libqrencode), so the room
 * can photograph a result's commitment from the back of the hall. */
#ifndef AS_UI_QR_H
#define AS_UI_QR_H

#include <stddef.h>
#include <stdint.h>
#include "displaylist.h"

typedef struct {
    dl_image img;      /* what the display list points at */
    uint32_t *pixels;  /* owned */
    char text[512];    /* what it encodes (to skip re-encoding) */
    int size;          /* requested side in pixels */
    int span;          /* pixels the symbol's modules span, quiet zone
                          left out (what a camera has to resolve) */
} ui_qr;

/* ui_qr_set: makes q show text as a QR code (error correction M, 4-module
 * quiet zone) at most size pixels square, whole pixels per module.
 * Re-encodes only when text or size changed (then img.id changes, so the
 * backend uploads it once).  Returns 0, or -1 if the text cannot be
 * encoded or memory runs out (q then holds no image: img.rgba NULL). */
int ui_qr_set(ui_qr *q, const char *text, int size);

/* ui_qr_free: releases the pixels; q can be reused. */
void ui_qr_free(ui_qr *q);

#endif
