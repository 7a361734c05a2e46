/* hub_qr.h: the hub's pairing code as a QR code for `asamblea hub init`
 * and `asamblea hub pair`: in the terminal, and as a PNG file. */
#ifndef AS_CLI_HUB_QR_H
#define AS_CLI_HUB_QR_H

#include <stdio.h>
#include "status.h"

/* hub_qr_print: text as a QR code (error correction M, 4 modules of quiet
 * zone) on f, two modules per character cell with the half-block
 * characters; color says whether to paint it black on white with ANSI
 * codes (a terminal: its own colours may be light on dark) or to leave
 * the colours alone (a file: the blocks are the dark modules).  0, or -1
 * when the text cannot be encoded. */
int hub_qr_print(FILE *f, const char *text, int color);

/* hub_qr_png: text as a QR code in the PNG file path (8 pixels a module,
 * black on white), written 0600 and atomically (the code holds a secret).
 * AS_EINVAL when the text cannot be encoded, else a file's status. */
as_status hub_qr_png(const char *path, const char *text, as_err *err);

#endif
