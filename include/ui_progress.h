/* ui_progress.h: the screen shown while the facilitator's export is
 * being written (by a worker thread: src/app/app_export.c).  Drawn from
 * plain numbers, with no session and no store behind it: while the
 * export runs, the worker alone uses the store. */
#ifndef AS_UI_PROGRESS_H
#define AS_UI_PROGRESS_H

#include "displaylist.h"
#include "ui.h"

/* ui_progress_build: resets out to w x h and lays out the export's
 * progress: the heading "Exporting…", "done of total files written" (or
 * "Preparing the files…" while total is 0, before the first file), a bar
 * filled done/total of its width, and "Do not remove the USB stick.".
 * Text keeps the UI's minimums (ui.h); the screen has nothing to tap.
 * Texts go through gettext in the current language.  done is clamped to
 * 0..total.  Never fails (out of memory: an incomplete list, out->oom). */
void ui_progress_build(ui *u, int done, int total, int w, int h, dl_list *out);

#endif
