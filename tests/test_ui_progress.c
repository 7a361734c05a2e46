/* test_ui_progress.c: the export's progress screen (src/ui/ui_progress.c)
 * as a display list, from plain numbers: its words in English and
 * Spanish (the real catalogs), the bar's fill, the clamping of odd
 * counts, the UI's minimum text size, and nothing to tap.  The screen as
 * SDL draws it is in test_app_export (a screenshot mid-export). */
#include <string.h>
#include "check.h"
#include "i18n.h"
#include "ui_progress.h"

#define DPI 133.0
#define W 800
#define H 480

/* Stand-in font: every character 0.5 em wide, lines 1.2 em. */
static int width(void *ud, const char *s, size_t n, int px, int bold)
{
    (void)ud; (void)s; (void)bold;
    return (int)n * px / 2;
}

static int height(void *ud, int px)
{
    (void)ud;
    return px * 6 / 5;
}

/* bar_fill: the width of the bar's filled part (the rect of C_BAR's
 * colour, 0x083070), or 0 if none; *full gets the bar's whole width. */
static int bar_fill(const dl_list *l, int *full)
{
    int fill = 0;
    *full = 0;
    for (int i = 0; i < l->n; i++) {
        const dl_item *it = &l->items[i];
        if (it->kind != DL_RECT)
            continue;
        if (it->border_px > 0)
            *full = it->r.w;
        else if (it->color == 0x083070u)
            fill = it->r.w;
    }
    return fill;
}

static void check_common(const dl_list *l, const ui_metrics *mx)
{
    for (int i = 0; i < l->n; i++) {
        const dl_item *it = &l->items[i];
        CHECK(it->role == DL_ROLE_NONE); /* nothing to tap while exporting */
        if (it->kind == DL_TEXT)
            CHECK_MSG(it->font_px * mx->cap_ratio / DPI * 25.4 >= UI_MIN_CAP_MM - 0.01,
                      "\"%s\" at %d px is below the minimum cap height", it->text,
                      it->font_px);
    }
}

int main(void)
{
    ui_metrics mx = {NULL, width, height, 0.714};
    dl_list l;
    ui *u = NULL;
    int full;

    CHECK_INT(i18n_init(), 0);
    i18n_set_lang("en");
    CHECK_INT(ui_new(&mx, DPI, &u), AS_OK);
    if (!u)
        return check_done();
    dl_init(&l);

    ui_progress_build(u, 3, 9, W, H, &l);
    CHECK(dl_has_text(&l, "Exporting…"));
    CHECK(dl_has_text(&l, "3 of 9 files written"));
    CHECK(dl_has_text(&l, "Do not remove the USB stick until the export is done."));
    int fill = bar_fill(&l, &full);
    CHECK(full > W / 2);
    CHECK_INT(fill, full * 3 / 9);
    check_common(&l, &mx);

    /* Before the first file the total is not known yet. */
    ui_progress_build(u, 0, 0, W, H, &l);
    CHECK(dl_has_text(&l, "Preparing the files…"));
    CHECK(!dl_has_text(&l, "files written"));
    CHECK_INT(bar_fill(&l, &full), 0);

    /* Odd counts are clamped, never drawn past the bar. */
    ui_progress_build(u, 12, 9, W, H, &l);
    CHECK(dl_has_text(&l, "9 of 9 files written"));
    CHECK_INT(bar_fill(&l, &full), full);
    ui_progress_build(u, -2, 9, W, H, &l);
    CHECK(dl_has_text(&l, "0 of 9 files written"));

    /* Through gettext, like every screen. */
    i18n_set_lang("es");
    ui_progress_build(u, 3, 9, W, H, &l);
    CHECK(dl_has_text(&l, "Exportando…"));
    CHECK(dl_has_text(&l, "3 de 9 archivos escritos"));
    CHECK(dl_has_text(&l, "No retire la memoria USB"));
    check_common(&l, &mx);
    i18n_set_lang("en");

    CHECK(!l.oom);
    dl_free(&l);
    ui_free(u);
    return check_done();
}
