/* ui.h: the immediate-mode kiosk UI.
 *
 * ui_build lays out the session's current screen into a display list,
 * from scratch, every time something changed.  All sizes are computed in
 * millimetres at the display's physical density, so buttons are at least
 * 12.7 mm with 2.5 mm gaps and body text has a cap height of at least
 * 3.5 mm on any screen; text colours keep at least 10:1 contrast.  Text is
 * measured through ui_metrics (the platform's fonts, or a stand-in in
 * tests).  The UI itself keeps only view state: scroll offset and page. */
#ifndef AS_UI_H
#define AS_UI_H

#include <stddef.h>
#include "displaylist.h"
#include "snapshot.h"
#include "status.h"

typedef struct {
    void *ud;
    int (*text_width)(void *ud, const char *s, size_t n, int font_px, int bold);
    int (*line_height)(void *ud, int font_px);
    double cap_ratio; /* cap height / em of the font (Noto Sans: ~0.714) */
} ui_metrics;

/* Minimums the layout guarantees (and the tests check). */
#define UI_MIN_TARGET_MM 12.7
#define UI_MIN_GAP_MM 2.5
#define UI_MIN_CAP_MM 3.5
#define UI_MIN_CONTRAST 10.0

typedef struct ui ui;

/* ui_new: dpi is the display's pixels per inch (> 0).  AS_ENOMEM. */
as_status ui_new(const ui_metrics *mx, double dpi, ui **out);

/* ui_free: NULL allowed. */
void ui_free(ui *u);

/* ui_build: resets out to w x h and fills it with the screen snapshot sn
 * describes (session_snapshot).  Reads nothing but sn: no store, no
 * file, no clock.  Switches the gettext language to the voter's.  A store
 * error the snapshot carries is shown on screen (never crashes). */
void ui_build(ui *u, const snapshot *sn, int w, int h, dl_list *out);

/* ui_handle_action: handles UI-only actions (ACT_PAGE, ACT_SCROLL); returns 1
 * if it did, 0 if the action is for the session. */
int ui_handle_action(ui *u, int action, int arg);

/* ui_drag: scrolls the scrollable region by dy pixels (finger moved
 * down: dy > 0 shows earlier text). */
void ui_drag(ui *u, int dy);

/* ui_mm: millimetres to pixels at this ui's dpi. */
int ui_mm(const ui *u, double mm);

/* ui_contrast: WCAG 2 contrast ratio of two 0xRRGGBB colours (1..21). */
double ui_contrast(uint32_t a, uint32_t b);

#endif
