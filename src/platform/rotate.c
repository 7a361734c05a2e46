/* rotate.c: panel <-> logical coordinates for --rotate.
 *
 * KMSDRM ignores the kernel's rotation settings, so the kiosk turns the
 * picture itself: the UI lays out an unrotated logical screen, draw.c
 * turns it clockwise onto the panel, and touches come back through
 * platform_panel_to_logical.  With the picture turned 90 degrees
 * clockwise, the logical top-left corner is at the panel's top-right. */
#include "platform.h"

static int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

int platform_rotation_ok(int degrees)
{
    return degrees == 0 || degrees == 90 || degrees == 180 || degrees == 270;
}

void platform_panel_to_logical(int rotate, int pw, int ph, int px, int py,
                               int *lx, int *ly)
{
    px = clampi(px, 0, pw > 0 ? pw - 1 : 0);
    py = clampi(py, 0, ph > 0 ? ph - 1 : 0);
    switch (rotate) {
    case 90:
        *lx = py;
        *ly = pw - 1 - px;
        break;
    case 180:
        *lx = pw - 1 - px;
        *ly = ph - 1 - py;
        break;
    case 270:
        *lx = ph - 1 - py;
        *ly = px;
        break;
    default:
        *lx = px;
        *ly = py;
        break;
    }
}

/* Turning the picture back onto the panel is the opposite turn of the
 * logical screen, so one mapping serves both directions; a rotation that
 * is not 0/90/180/270 stays the identity, as it is in the other one. */
void platform_logical_to_panel(int rotate, int lw, int lh, int lx, int ly,
                               int *px, int *py)
{
    int back = platform_rotation_ok(rotate) ? (360 - rotate) % 360 : 0;
    platform_panel_to_logical(back, lw, lh, lx, ly, px, py);
}
