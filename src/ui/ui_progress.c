/* ui_progress.c: the export's progress screen (ui_progress.h). */
#include <stdio.h>
#include "i18n.h"
#include "ui_internal.h"
#include "ui_progress.h"

void ui_progress_build(ui *u, int done, int total, int w, int h, dl_list *out)
{
    char line[256];
    box a = {u->margin, u->margin, w - 2 * u->margin, h - 2 * u->margin};
    int bar_h = ui_mm(u, 6);
    int border = u->pad / 4 > 2 ? u->pad / 4 : 2;

    if (total < 0)
        total = 0;
    if (done < 0)
        done = 0;
    if (done > total)
        done = total;
    u->dl = out;
    dl_reset(out, w, h, C_BG);
    a.y += ui_text(u, a, _("Exporting…"), u->px_title, 1, C_TEXT, C_BG, ALIGN_LEFT,
                   NULL, 0) + u->gap;
    if (total > 0)
        /* TRANSLATORS: export progress, e.g. "3 of 9 files written". */
        snprintf(line, sizeof line, _("%d of %d files written"), done, total);
    else
        snprintf(line, sizeof line, "%s", _("Preparing the files…"));
    a.y += ui_text(u, a, line, u->px_body, 1, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0) +
           u->gap;
    /* The bar says the same as the words above it, for a glance. */
    int fill = total > 0 ? (int)((long long)a.w * done / total) : 0;
    ui_rect(u, (box){a.x, a.y, a.w, bar_h}, C_PANEL, 0);
    if (fill > 0)
        ui_rect(u, (box){a.x, a.y, fill, bar_h}, C_BAR, 0);
    ui_rect(u, (box){a.x, a.y, a.w, bar_h}, C_BORDER, border);
    a.y += bar_h + 2 * u->gap;
    ui_text(u, a, _("Do not remove the USB stick until the export is done."),
            u->px_body, 0, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
}
