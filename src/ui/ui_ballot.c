/* ui_ballot.c: the ballot screens that have a screen of their own (three
 * explained choices, or options in a paged grid; the method's data in
 * include/method.h says which and with what words) and what their review
 * screen lists.  Made for someone who has never seen the method:
 * one line says what to do, every mark is shown in words (the rank
 * "1st", "Chosen"), never by colour alone, and a tap that cannot be taken
 * says why in a kind sentence. */
#include <stdio.h>
#include <string.h>
#include "i18n.h"
#include "method.h"
#include "ui_internal.h"

const char *ui_ordinal(int k)
{
    static const char *const ord[] = {
        N_("1st"),  N_("2nd"),  N_("3rd"),  N_("4th"),  N_("5th"),
        N_("6th"),  N_("7th"),  N_("8th"),  N_("9th"),  N_("10th"),
        N_("11th"), N_("12th"), N_("13th"), N_("14th"), N_("15th"),
        N_("16th"), N_("17th"), N_("18th"), N_("19th"), N_("20th"),
        N_("21st"), N_("22nd"), N_("23rd"), N_("24th"),
    };
    if (k < 1 || k > (int)(sizeof ord / sizeof ord[0]))
        return "";
    return _(ord[k - 1]);
}

static const char *opt_name(const meeting *m, const proposal *p, int i, int lang)
{
    return meeting_text(m, &p->opts[i].name, lang);
}

static int mark_of(const ballot_choice *c, int opt)
{
    for (int k = 0; k < c->n; k++)
        if (c->opt[k] == opt)
            return k;
    return -1;
}

/* instruction: the line that says what to do on this ballot. */
static void instruction(const proposal *p, const session_view *v, char *buf,
                        size_t n)
{
    const method_def *md = method_of(p->method);
    char more[160] = "";
    if (md->kind == BALLOT_APPROVAL) {
        snprintf(buf, n, _("Choose up to %d. Tap a name again to remove it."),
                 v->max_marks);
        return;
    }
    if (v->max_marks < p->nopts)
        snprintf(more, sizeof more, _(" You can rank up to %d."), v->max_marks);
    if (md->ui_seats_line)
        snprintf(buf, n, _("%d delegates will be elected. Tap your favourite "
                           "first, then your next choice, and so on.%s"),
                 p->seats, more);
    else
        snprintf(buf, n, _("Tap your favourite first, then your next choice, "
                           "and so on.%s"), more);
}

void ui_fill(char *buf, size_t n, const char *text, const char *who)
{
    const char *at = strstr(text, "%s");
    if (!at) {
        snprintf(buf, n, "%s", text);
        return;
    }
    snprintf(buf, n, "%.*s%s%s", (int)(at - text), text, who, at + 2);
}

/* status_line: where the voter is, in words ("2 of 3 chosen"). */
static void status_line(const proposal *p, const session_view *v, char *buf,
                        size_t n)
{
    const ballot_choice *c = v->ballot;
    int approval = method_of(p->method)->kind == BALLOT_APPROVAL;
    if (approval)
        snprintf(buf, n, _("%d of %d chosen"), c->n, v->max_marks);
    else if (c->n == 0)
        snprintf(buf, n, "%s", _("Nobody ranked yet"));
    else
        snprintf(buf, n, _("%d ranked. Next tap: %s choice"), c->n,
                 c->n < v->max_marks ? ui_ordinal(c->n + 1) : "-");
    if (!approval && c->n >= v->max_marks)
        snprintf(buf, n, _("%d ranked: every rank is filled"), c->n);
}

static const char *hint_text(int hint)
{
    switch (hint) {
    case HINT_APPROVE_LIMIT:
        return _("You have chosen as many as you can. To choose another, "
                 "first tap one of your choices to remove it.");
    case HINT_RANK_LIMIT:
        return _("Every rank is filled. Tap Undo to change your last choice.");
    case HINT_ALREADY_RANKED:
        return _("That one already has a rank. To change your order, tap "
                 "Undo or Start over.");
    default:
        return NULL;
    }
}

/* choice_button: a choice and its meaning (in smaller type below it). */
static void choice_button(ui *u, box b, const char *label, const char *expl,
                          int arg, int dry, int *h)
{
    int w = b.w - u->pad;
    int lh = ui_text_height(u, w, label, u->px_button, 1);
    int eh = ui_text_height(u, w, expl, u->px_body, 0);
    *h = lh + eh + 2 * u->pad;
    if (*h < u->target)
        *h = u->target;
    if (dry)
        return;
    dl_item it = {0};
    it.kind = DL_RECT;
    it.r = (dl_rect){b.x, b.y, b.w, b.h};
    it.color = C_BG;
    it.role = DL_ROLE_BUTTON;
    it.label = label;
    it.action = ACT_CHOOSE;
    it.arg = arg;
    dl_push(u->dl, &it);
    ui_rect(u, b, C_BORDER, u->pad / 4 > 2 ? u->pad / 4 : 2);
    int y = b.y + (b.h - lh - eh) / 2;
    ui_text(u, (box){b.x + u->pad / 2, y, w, lh}, label, u->px_button, 1, C_TEXT,
            C_BG, ALIGN_CENTER, NULL, 0);
    ui_text(u, (box){b.x + u->pad / 2, y + lh, w, eh}, expl, u->px_body, 0, C_TEXT,
            C_BG, ALIGN_CENTER, NULL, 0);
}

/* single_ballot: three choices (consensus, recall), each with its
 * meaning in one line; side by side on a landscape screen so all three
 * are seen together (and none is favoured: all look the same). */
static void single_ballot(ui *u, const snapshot *s, const session_view *v, box a)
{
    const meeting *m = s->meeting;
    const proposal *p = &m->props[v->proposal];
    char head[512], e[3][300];
    const char *labels[3];

    const method_def *md = method_of(p->method);
    const char *who = meeting_text(m, &p->delegate, v->lang);
    ui_fill(head, sizeof head, _(md->ui_question), who);
    for (int k = 0; k < 3; k++) {
        labels[k] = _(md->ui_label[k]);
        ui_fill(e[k], sizeof e[k], _(md->ui_meaning[k]), who);
    }
    btn_spec back = {_("Back"), ACT_BACK, 0, BTN_SECONDARY};
    ui_footer(u, &a, &back, 1);
    int bottom = a.y + a.h;
    a.y += ui_text(u, a, head, u->px_title, 1, C_TEXT, C_BG, ALIGN_LEFT, NULL,
                       0) + u->gap;
    int across = a.w > bottom - a.y;
    int cw = across ? (a.w - 2 * u->gap) / 3 : a.w, h = 0, hk;
    for (int k = 0; k < 3; k++) {
        choice_button(u, (box){0, 0, cw, 0}, labels[k], e[k], k, 1, &hk);
        if (hk > h)
            h = hk;
    }
    /* Stacked on a small portrait screen: close up the gaps to the
     * minimum before anything could reach the footer. */
    int g = u->gap;
    if (!across && 3 * h + 2 * g > bottom - a.y) {
        g = (bottom - a.y - 3 * h) / 2;
        if (g < ui_mm(u, UI_MIN_GAP_MM + 0.2))
            g = ui_mm(u, UI_MIN_GAP_MM + 0.2);
    }
    for (int k = 0; k < 3; k++) {
        box b = across ? (box){a.x + k * (cw + u->gap), a.y, cw, h}
                       : (box){a.x, a.y + k * (h + g), cw, h};
        choice_button(u, b, labels[k], e[k], k, 0, &hk);
    }
}

/* option_button: one option of an approval or ranked ballot: the name,
 * and when marked, the mark in words in large type at the left ("1st",
 * or "Chosen"), on a dark fill. */
static void option_button(ui *u, box b, const char *name, const char *mark,
                          int action, int arg)
{
    dl_item it = {0};
    int on = mark != NULL;
    uint32_t fill = on ? C_PRIMARY : C_BG;
    uint32_t fg = on ? C_ON_PRIMARY : C_TEXT;

    it.kind = DL_RECT;
    it.r = (dl_rect){b.x, b.y, b.w, b.h};
    it.color = fill;
    it.role = DL_ROLE_BUTTON;
    it.label = name;
    it.action = action;
    it.arg = arg;
    dl_push(u->dl, &it);
    if (!on)
        ui_rect(u, b, C_BORDER, u->pad / 4 > 2 ? u->pad / 4 : 2);
    int x = b.x + u->pad / 2, w = b.w - u->pad;
    if (on) {
        int px = action == ACT_RANK ? u->px_big : u->px_button;
        int mw = u->mx.text_width(u->mx.ud, mark, strlen(mark), px, 1);
        int lh = u->mx.line_height(u->mx.ud, px);
        ui_text(u, (box){x, b.y + (b.h - lh) / 2, mw, lh}, mark, px, 1, fg,
                fill, ALIGN_LEFT, NULL, 0);
        x += mw + u->pad;
        w -= mw + u->pad;
    }
    box tb = {x, 0, w, 0};
    int th = ui_text(u, tb, name, u->px_button, 1, 0, 0, ALIGN_LEFT, NULL, 1);
    tb.y = b.y + (b.h - th) / 2;
    ui_text(u, tb, name, u->px_button, 1, fg, fill, ALIGN_LEFT, NULL, 0);
}

/* page_button_w: the width of the Previous / Next buttons. */
static int page_button_w(ui *u)
{
    const char *pl = _("Previous"), *nl = _("Next");
    int bw = u->mx.text_width(u->mx.ud, pl, strlen(pl), u->px_button, 1);
    int bw2 = u->mx.text_width(u->mx.ud, nl, strlen(nl), u->px_button, 1);
    bw = (bw > bw2 ? bw : bw2) + 2 * u->pad;
    return bw < u->target ? u->target : bw;
}

/* row_height: a ballot row as high as the longest option name needs at
 * text width w (whole, never cut; at least a target). */
static int row_height(ui *u, const meeting *m, const proposal *p,
                      const session_view *v, int w)
{
    int rowh = u->target;
    for (int i = 0; i < p->nopts; i++) {
        int h = ui_button_h(u, w, opt_name(m, p, i, v->lang));
        if (h > rowh)
            rowh = h;
    }
    return rowh;
}

/* paged_rows: the rows a page holds once the page buttons narrow the
 * columns, as high as the names need at that width (*rowh), counted
 * before "Page 1 of N" is. */
static int paged_rows(ui *u, const meeting *m, const proposal *p,
                      const session_view *v, box a, int rank_w, int *rowh,
                      int *cols)
{
    int gw = a.w - page_button_w(u) - u->gap;
    int pc = gw / ui_mm(u, 50);
    pc = pc < 1 ? 1 : pc > 3 ? 3 : pc;
    int cwp = (gw - (pc - 1) * u->gap) / pc;
    *rowh = row_height(u, m, p, v, cwp - rank_w - u->pad);
    /* Fewer, wider columns while one row would not fit the height. */
    while (pc > 1 && *rowh > a.h) {
        pc--;
        cwp = (gw - (pc - 1) * u->gap) / pc;
        *rowh = row_height(u, m, p, v, cwp - rank_w - u->pad);
    }
    *cols = pc;
    int rows = (a.h + u->gap) / (*rowh + u->gap);
    return rows < 1 ? 1 : rows;
}

/* refit_rows: page buttons set beside the grid another way than
 * paged_rows foresaw (side by side) narrowed its columns further: rows
 * as high as the names need at text width w, fewer a page. */
static void refit_rows(ui *u, const meeting *m, const proposal *p,
                       const session_view *v, box grid, int w, int cols,
                       int *rowh, int *per)
{
    int h = row_height(u, m, p, v, w);
    if (h <= *rowh)
        return;
    *rowh = h;
    int rows = (grid.h + u->gap) / (h + u->gap);
    *per = (rows < 1 ? 1 : rows) * cols;
    u->pages = (p->nopts + *per - 1) / *per;
    if (u->page >= u->pages)
        u->page = u->pages - 1;
}

/* page_buttons: when the options do not fit one page: Previous / Next at
 * the right of the grid (which gets narrower, so fewer go on a page:
 * *cols, *per; *cols comes in as the most paged_rows allows), and "Page 1 of 4" beside the status line at status_y
 * (beside) or above the buttons. */
static void page_buttons(ui *u, box a, box *grid_out, int status_y, int beside,
                         int rows, int *cols_out, int *per_out, int nopts)
{
    box grid = *grid_out;
    int cols, per;
    /* Not all fit: Previous / Next at the right, then fewer per page. */
    const char *pl = _("Previous"), *nl = _("Next");
    int bw = page_button_w(u);
    grid.w -= bw + u->gap;
    cols = grid.w / ui_mm(u, 50);
    cols = cols < 1 ? 1 : cols > 3 ? 3 : cols;
    if (cols > *cols_out) /* paged_rows narrowed them for tall names */
        cols = *cols_out;
    per = rows * cols;
    u->pages = (nopts + per - 1) / per;
    if (u->page >= u->pages)
        u->page = u->pages - 1;
    char pg[64];
    snprintf(pg, sizeof pg, _("Page %d of %d"), u->page + 1, u->pages);
    int top = a.y;
    if (beside) {
        int pw = u->mx.text_width(u->mx.ud, pg, strlen(pg), u->px_body, 1);
        ui_text(u, (box){a.x + a.w - pw, status_y, pw, 0}, pg, u->px_body, 1,
                C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
    } else {
        top += ui_text(u, (box){grid.x + grid.w + u->gap, a.y, bw, 0}, pg,
                       u->px_body, 1, C_TEXT, C_BG, ALIGN_CENTER, NULL, 0);
        top += u->gap / 2;
    }
    int hb = (a.y + a.h - top - u->gap) / 2;
    int side = hb < u->target;
    if (side) /* too low to stack two: the grid gives up a column */
        hb = a.y + a.h - top;
    box pb = {grid.x + grid.w + u->gap, top, bw, hb};
    if (side) { /* Previous left of Next */
        grid.w -= bw + u->gap;
        pb.x -= bw + u->gap;
    }
    ui_button_text(u, pb, _("Previous page"), pl, ACT_PAGE, -1, BTN_SECONDARY);
    if (side)
        pb.x += bw + u->gap;
    else
        pb.y += hb + u->gap;
    ui_button_text(u, pb, _("Next page"), nl, ACT_PAGE, +1, BTN_SECONDARY);
    *grid_out = grid;
    *cols_out = cols;
    *per_out = per;
}

/* list_ballot: approval and ranked ballots: the instruction, where the
 * voter is, the options in a paged grid (pages by buttons at the right),
 * and Undo / Start over / Review below. */
/* mark_width: the widest mark a row shows beside its name ("24th",
 * "Chosen"). */
static int mark_width(ui *u, const session_view *v, int ranked)
{
    int rank_w = 0;
    for (int k = 0; k < v->max_marks && ranked; k++) {
        const char *o = ui_ordinal(k + 1);
        int w = u->mx.text_width(u->mx.ud, o, strlen(o), u->px_big, 1);
        if (w > rank_w)
            rank_w = w;
    }
    if (!ranked) {
        const char *o = _("Chosen");
        rank_w = u->mx.text_width(u->mx.ud, o, strlen(o), u->px_button, 1);
    }
    return rank_w;
}

static void list_ballot(ui *u, const snapshot *s, const session_view *v, box a)
{
    const meeting *m = s->meeting;
    const proposal *p = &m->props[v->proposal];
    const ballot_choice *c = v->ballot;
    int ranked = method_of(p->method)->kind == BALLOT_RANKED;
    char line[600], st[200];
    btn_spec b[5];
    int nb = 0;

    /* One row of buttons on every screen: Undo and Start over only once
     * there is something to undo (the row keeps its height). */
    b[nb++] = (btn_spec){_("Back"), ACT_BACK, 0, BTN_SECONDARY};
    if (ranked && c->n > 0) {
        b[nb++] = (btn_spec){_("Undo"), ACT_RANK_UNDO, 0, BTN_SECONDARY};
        b[nb++] = (btn_spec){_("Start over"), ACT_RANK_CLEAR, 0, BTN_SECONDARY};
    }
    if (c->n > 0)
        b[nb++] = (btn_spec){_("Review"), ACT_BALLOT_REVIEW, 0, BTN_PRIMARY};
    else
        b[nb++] = (btn_spec){_("Leave blank"), ACT_BALLOT_BLANK, 0, BTN_SECONDARY};
    ui_footer(u, &a, b, nb);

    instruction(p, v, line, sizeof line);
    status_line(p, v, st, sizeof st);
    const char *hint = hint_text(v->hint);
    /* The hint replaces the instruction while it matters: the short
     * screens have no third line to spare. */
    a.y += ui_text(u, a, hint ? hint : line, u->px_body, hint != NULL,
                       C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
    int status_y = a.y;
    /* "Page 1 of 4" goes at the right of the status when both fit (the
     * widest it can be: as many pages as options), else above the page
     * buttons. */
    char pgw[64];
    snprintf(pgw, sizeof pgw, _("Page %d of %d"), p->nopts, p->nopts);
    int beside = u->mx.text_width(u->mx.ud, st, strlen(st), u->px_body, 1) +
                 u->mx.text_width(u->mx.ud, pgw, strlen(pgw), u->px_body, 1) +
                 u->gap <= a.w;
    box sb = {a.x, a.y, a.w, 0};
    a.y += ui_text(u, sb, st, u->px_body, 1, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0) +
           u->gap / 2;
    a.h -= a.y - u->margin;

    /* Columns of at least 50 mm, at most three. */
    int cols = a.w / ui_mm(u, 50);
    if (cols < 1)
        cols = 1;
    if (cols > 3)
        cols = 3;
    /* Rows as high as the longest name needs (whole, never cut), so
     * short names fit more a page; fewer, wider columns when even one
     * row of them would not fit the screen's height. */
    int rank_w = mark_width(u, v, ranked);
    int cw0 = (a.w - (cols - 1) * u->gap) / cols;
    int rowh = row_height(u, m, p, v, cw0 - rank_w - u->pad);
    while (cols > 1 && rowh > a.h) {
        cols--;
        cw0 = (a.w - (cols - 1) * u->gap) / cols;
        rowh = row_height(u, m, p, v, cw0 - rank_w - u->pad);
    }
    int rows = (a.h + u->gap) / (rowh + u->gap);
    if (rows < 1)
        rows = 1;
    int per = rows * cols;
    box grid = a;
    u->pages = (p->nopts + per - 1) / per;
    if (u->pages > 1)
        rows = paged_rows(u, m, p, v, a, rank_w, &rowh, &cols);
    if (u->pages > 1)
        page_buttons(u, a, &grid, status_y, beside, rows, &cols, &per, p->nopts);
    if (u->page < 0)
        u->page = 0;
    int cw = (grid.w - (cols - 1) * u->gap) / cols;
    /* Rows as high as the names need at the width they finally got. */
    refit_rows(u, m, p, v, grid, cw - rank_w - u->pad, cols, &rowh, &per);
    int first = u->page * per;
    for (int k = 0; k < per && first + k < p->nopts; k++) {
        int i = first + k;
        int r = k / cols, col = k % cols;
        box bb = {grid.x + col * (cw + u->gap), grid.y + r * (rowh + u->gap), cw,
                  rowh};
        int mk = mark_of(c, i);
        const char *mark = NULL;
        if (mk >= 0)
            mark = ranked ? ui_ordinal(mk + 1) : _("Chosen");
        option_button(u, bb, opt_name(m, p, i, v->lang), mark,
                      ranked ? ACT_RANK : ACT_APPROVE, i);
    }
}

void ui_ballot_screen(ui *u, const snapshot *s, const session_view *v, box a)
{
    const meeting *m = s->meeting;
    const proposal *p = &m->props[v->proposal];
    if (method_of(p->method)->layout == UI_BALLOT_CHOICES)
        single_ballot(u, s, v, a);
    else
        list_ballot(u, s, v, a);
}

const char *ui_choice_meaning(const snapshot *s, const session_view *v)
{
    const proposal *p = &s->meeting->props[v->proposal];
    const method_def *md = method_of(p->method);
    if (!md->ui_review_meaning || v->choice < 0 || v->choice > 2)
        return NULL;
    return _(md->ui_meaning[v->choice]);
}

void ui_review_words(const snapshot *s, const session_view *v, char *buf, size_t n)
{
    const meeting *m = s->meeting;
    const proposal *p = &m->props[v->proposal];
    const ballot_choice *c = v->ballot;
    size_t len;

    buf[0] = '\0';
    const method_def *md = method_of(p->method);
    if (md->kind == BALLOT_WORDS) {
        char w[300];
        int k = c->choice >= 0 && c->choice <= 2 ? c->choice : 2;
        ui_fill(w, sizeof w, _(md->ui_review[k]), meeting_text(m, &p->delegate, v->lang));
        snprintf(buf, n, _("Your choice: %s"), w);
        return;
    }
    if (md->kind == BALLOT_APPROVAL) {
        if (c->n == 0) {
            snprintf(buf, n, "%s", _("You chose none (a blank ballot)."));
            return;
        }
        snprintf(buf, n, _("You chose %d:"), c->n);
        for (int k = 0; k < c->n; k++) {
            len = strlen(buf);
            snprintf(buf + len, n - len, "\n%s", opt_name(m, p, c->opt[k], v->lang));
        }
        return;
    }
    if (c->n == 0) { /* ranked */
        snprintf(buf, n, "%s", _("You ranked no one (a blank ballot)."));
        return;
    }
    snprintf(buf, n, "%s", _("Your order of preference:"));
    for (int k = 0; k < c->n; k++) {
        len = strlen(buf);
        snprintf(buf + len, n - len, "\n%s  %s", ui_ordinal(k + 1),
                 opt_name(m, p, c->opt[k], v->lang));
    }
}
