/* ui_result_table.c: the result of a vote whose method shows a table of
 * numbers (method_def.ui_result UI_RESULT_TABLE, e.g. condorcet's
 * pairwise preferences): the outcome and the method's rule in words, the
 * table's caption, then the table with the options numbered down the
 * side ("1 Ana") and by number across the top, so it fits a 7-inch
 * screen.  When it cannot be read at that size it becomes one line per
 * option ("Ana: Beto 5, Carla 6") in a panel that scrolls.  Every figure
 * comes from the method (method_def.ui_table); nothing is counted here. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "i18n.h"
#include "method.h"
#include "ui_internal.h"

static int text_w(ui *u, const char *s, int px, int bold)
{
    return u->mx.text_width(u->mx.ud, s, strlen(s), px, bold);
}

/* grid: the table in a (rows and columns numbered); 0 when it does not
 * fit there legibly (nothing drawn). */
static int grid(ui *u, const meeting *m, const proposal *p, const method_table *t,
                box a)
{
    char cell[32], label[300];
    int px = u->px_body, lh = u->mx.line_height(u->mx.ud, px);
    int n = t->n, num_w = 0, name_w = 0;
    for (int x = 0; x < n; x++)
        for (int y = 0; y < n; y++) {
            snprintf(cell, sizeof cell, "%" PRId64, t->cell[x][y]);
            int w = text_w(u, cell, px, 0);
            num_w = w > num_w ? w : num_w;
        }
    for (int x = 0; x < n; x++) {
        snprintf(label, sizeof label, "%d  %s", x + 1, ui_opt_name(m, p, x));
        int w = text_w(u, label, px, 1);
        name_w = w > name_w ? w : name_w;
    }
    int cw = num_w + u->pad;
    if (cw < text_w(u, "24", px, 1) + u->pad)
        cw = text_w(u, "24", px, 1) + u->pad;
    int lw = a.w - n * cw;
    if (lw > name_w + u->pad)
        lw = name_w + u->pad;
    if (lw < ui_mm(u, 25) || (n + 1) * (lh + u->gap / 4) > a.h)
        return 0;
    /* Room to spare: wider columns (up to 20 mm), so the eye finds a
     * column under its number. */
    int spare = (a.w - lw) / n;
    if (spare > cw)
        cw = spare < ui_mm(u, 20) ? spare : (cw > ui_mm(u, 20) ? cw : ui_mm(u, 20));
    int row_h = lh + u->gap / 4;
    for (int y = 0; y < n; y++) { /* the column heads: the options' numbers */
        snprintf(cell, sizeof cell, "%d", y + 1);
        ui_text(u, (box){a.x + lw + y * cw, a.y, cw, lh}, cell, px, 1, C_TEXT,
                C_BG, ALIGN_CENTER, NULL, 0);
    }
    for (int x = 0; x < n; x++) {
        int ry = a.y + (x + 1) * row_h;
        snprintf(label, sizeof label, "%d  %s", x + 1, ui_opt_name(m, p, x));
        ui_text(u, (box){a.x, ry, lw - u->pad / 2, lh}, label, px, 1, C_TEXT,
                C_BG, ALIGN_LEFT, NULL, 0);
        for (int y = 0; y < n; y++) {
            if (t->cell[x][y] < 0)
                snprintf(cell, sizeof cell, "-");
            else
                snprintf(cell, sizeof cell, "%" PRId64, t->cell[x][y]);
            ui_text(u, (box){a.x + lw + y * cw, ry, cw, lh}, cell, px, 0, C_TEXT,
                    C_BG, ALIGN_CENTER, NULL, 0);
        }
    }
    return 1;
}

/* lines: the table as one line per option, in a scrolling panel. */
static void lines(ui *u, const meeting *m, const proposal *p, const method_table *t,
                  box a)
{
    static char text[MEETING_MAX_OPTIONS * 1200];
    size_t len = 0;
    text[0] = '\0';
    for (int x = 0; x < t->n && len < sizeof text; x++) {
        len += (size_t)snprintf(text + len, sizeof text - len, "%s%s:", x ? "\n" : "",
                                ui_opt_name(m, p, x));
        for (int y = 0, k = 0; y < t->n && len < sizeof text; y++)
            if (t->cell[x][y] >= 0)
                len += (size_t)snprintf(text + len, sizeof text - len, "%s %s %" PRId64,
                                        k++ ? "," : "", ui_opt_name(m, p, y),
                                        t->cell[x][y]);
    }
    if (a.h >= u->target)
        ui_text_panel(u, a, NULL, text, u->px_body, "Table");
}

void ui_result_table(ui *u, const meeting *m, const proposal *p,
                     const tally_result *r, box a)
{
    static method_table t;
    const method_def *md = method_of(p->method);
    char sent[1600], s1[1300];
    int bottom = a.y + a.h;

    ui_elected_sentence(m, p, r, s1, sizeof s1);
    ui_fill(sent, sizeof sent, md->ui_rule ? _(md->ui_rule) : "%s", s1);
    a.y += ui_banner(u, a, r->verdict == TALLY_ELECTED ? _("ELECTED") : _("NO RESULT"),
                     r->verdict == TALLY_ELECTED, sent);
    memset(&t, 0, sizeof t);
    if (!md->ui_table || !md->ui_table(p, r, &t) || t.n < 1)
        return;
    if (t.note) {
        int nh = ui_text_height(u, a.w, _(t.note), u->px_body, 0);
        ui_text(u, (box){a.x, bottom - nh, a.w, nh}, _(t.note), u->px_body, 0,
                C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
        bottom -= nh + u->gap / 3;
    }
    a.y += ui_text(u, a, _(t.caption), u->px_body, 0, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0) + u->gap / 3;
    a.h = bottom - a.y;
    if (!grid(u, m, p, &t, a))
        lines(u, m, p, &t, a);
}
