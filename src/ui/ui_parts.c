/* ui_parts.c: the pieces every screen file lays out with: a heading, the
 * footer of buttons, a paged list, a scrollable text panel, a proposal's
 * title and text in the voter's language, the words of a choice.  The
 * screens (ui_voter.c, ui_fac.c, ui_desk.c, ui_ballot.c, ui_results.c)
 * call down into these; nothing here calls a screen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "i18n.h"
#include "record.h"
#include "tally.h"
#include "ui_internal.h"

/* heading: a bold title at the top of area; returns the height used
 * including the gap below it. */
int ui_heading(ui *u, box area, const char *s, int px)
{
    return ui_text(u, area, s, px, 1, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0) +
           u->gap;
}

box ui_inset(ui *u, int w, int h)
{
    return (box){u->margin, u->margin, w - 2 * u->margin, h - 2 * u->margin};
}

/* footer: buttons at the bottom of area; shrinks area to what is above. */
void ui_footer(ui *u, box *area, const btn_spec *b, int n)
{
    int h = ui_button_rows(u, *area, b, n, 0);
    area->h -= h + u->gap;
}

const char *ui_ptitle(const meeting *m, int i, int lang)
{
    return meeting_text(m, &m->props[i].title, lang);
}

/* reflow: proposal texts come from YAML block scalars, where organizers
 * break lines wherever their editor did.  Single line breaks become
 * spaces; a blank line stays a paragraph break. */
const char *ui_reflow(ui *u, const char *in)
{
    size_t n = 0;
    for (; *in && n + 2 < sizeof u->reflow; in++) {
        if (*in == '\n' && in[1] == '\n') {
            u->reflow[n++] = '\n';
            u->reflow[n++] = '\n';
            while (in[1] == '\n')
                in++;
        } else {
            u->reflow[n++] = *in == '\n' ? ' ' : *in;
        }
    }
    while (n > 0 && (u->reflow[n - 1] == ' ' || u->reflow[n - 1] == '\n'))
        n--;
    u->reflow[n] = '\0';
    return u->reflow;
}

const char *ui_choice_word(int c)
{
    switch (c) {
    case CHOICE_YES: return _("Yes");
    case CHOICE_NO: return _("No");
    default: return _("Abstain");
    }
}

/* page_breaks: greedy pages over entries of varying height (a long
 * title takes more lines): page p holds entries [start[p], start[p+1]),
 * so no page is fuller than area.  Returns the page count (>= 1). */
static int page_breaks(ui *u, box area, const char *const *texts, int n,
                       int *start)
{
    int pages = 0, used = 0;
    start[0] = 0;
    for (int i = 0; i < n; i++) {
        int h = ui_button_h(u, area.w, texts[i]);
        if (i > start[pages] && used + h > area.h) {
            start[++pages] = i;
            used = 0;
        }
        used += h + u->gap;
    }
    start[++pages] = n;
    return pages;
}

/* list_body: a paged list of full-width buttons in area (labels[i] names
 * entry i, texts[i], when given, is shown), with the screen's own footer
 * buttons (extra) below it; "Previous page" / "Next page" join the
 * footer only when the list needs more than one page.  At most 256
 * entries. */
void ui_list_body(ui *u, box area, const char *const *labels,
                      const char *const *texts, const int *args, int n,
                      int action, const btn_spec *extra, int nextra)
{
    static int start[258];
    btn_spec b[16];
    int nb = 0;
    box list = area;

    if (!texts)
        texts = labels;
    if (n > 256)
        n = 256;
    if (nextra)
        list.h -= ui_button_rows(u, area, extra, nextra, 1) + u->gap;
    u->pages = page_breaks(u, list, texts, n, start);
    if (u->pages > 1) {
        b[nb++] = (btn_spec){_("Previous page"), ACT_PAGE, -1, BTN_SECONDARY};
        b[nb++] = (btn_spec){_("Next page"), ACT_PAGE, +1, BTN_SECONDARY};
    }
    for (int i = 0; i < nextra && nb < 16; i++)
        b[nb++] = extra[i];
    list = area;
    if (nb)
        ui_footer(u, &list, b, nb);
    /* The page buttons may have taken another footer row.  Every entry
     * shows its whole text: pages hold fewer entries rather than cut one. */
    if (u->pages > 1)
        u->pages = page_breaks(u, list, texts, n, start);
    if (u->page >= u->pages)
        u->page = u->pages - 1;
    if (u->page < 0)
        u->page = 0;
    int y = list.y;
    for (int i = start[u->page]; i < start[u->page + 1]; i++) {
        int h = ui_button_h(u, list.w, texts[i]), keep = u->px_button;
        /* An entry alone on its page and still too tall (a long title
         * under a message on a 7-inch screen): its words at the legible
         * minimum, whole, rather than under the footer. */
        if (h > list.y + list.h - y) {
            u->px_button = ui_text_px(u, UI_MIN_CAP_MM);
            h = ui_button_h(u, list.w, texts[i]);
        }
        ui_button_text(u, (box){list.x, y, list.w, h}, labels[i], texts[i],
                       action, args[i], BTN_SECONDARY);
        u->px_button = keep;
        y += h + u->gap;
    }
}

/* scroll_buttons: Scroll up / Scroll down at the right of a (stacked,
 * or side by side when a is too low for two full-size buttons: a 7-inch
 * screen with a two-row footer); returns their width, drawing nothing
 * when dry. */
static int scroll_buttons(ui *u, box a, int dry)
{
    const char *up = _("Up"), *down = _("Down");
    int bw = u->mx.text_width(u->mx.ud, down, strlen(down), u->px_button, 1);
    int bw2 = u->mx.text_width(u->mx.ud, up, strlen(up), u->px_button, 1);
    bw = (bw > bw2 ? bw : bw2) + 2 * u->pad;
    if (bw < u->target)
        bw = u->target;
    int side = (a.h - u->gap) / 2 < u->target;
    int wide = side ? 2 * bw + u->gap : bw;
    if (dry)
        return wide;
    int hb = side ? a.h : (a.h - u->gap) / 2;
    int x = a.x + a.w - wide;
    ui_button_text(u, (box){x, a.y, bw, hb}, _("Scroll up"), up, ACT_SCROLL, -1,
                   BTN_SECONDARY);
    ui_button_text(u, (box){side ? x + bw + u->gap : x, side ? a.y : a.y + hb + u->gap,
                            bw, hb},
                   _("Scroll down"), down, ACT_SCROLL, +1, BTN_SECONDARY);
    return wide;
}

/* ui_text_panel: a scrollable panel over a holding head (bold, title
 * size; may be NULL) and then text, with Scroll up / Scroll down buttons
 * at its right when the text overflows.  Scrolled by u->scroll. */
void ui_text_panel(ui *u, box a, const char *head, const char *text, int px,
                   const char *region_label)
{
    box panel = {a.x, a.y, a.w - scroll_buttons(u, a, 1) - u->gap, a.h};
    box tb = {panel.x + u->pad, panel.y + u->pad, panel.w - 2 * u->pad,
              panel.h - 2 * u->pad};
    int tth = head ? ui_text_height(u, tb.w, head, u->px_title, 1) + u->gap / 2
                   : 0;
    int th = tth + ui_text_height(u, tb.w, text, px, 0);
    u->scroll_max = th > tb.h ? th - tb.h : 0;
    u->scroll_step = tb.h * 3 / 4;
    if (u->scroll > u->scroll_max)
        u->scroll = u->scroll_max;
    if (u->scroll_max == 0) /* it fits: the panel takes the whole width */
        panel.w = a.w, tb.w = panel.w - 2 * u->pad;
    dl_item region = {0};
    region.kind = DL_RECT;
    region.r = (dl_rect){panel.x, panel.y, panel.w, panel.h};
    region.color = C_PANEL;
    region.role = DL_ROLE_SCROLL;
    region.label = region_label;
    dl_push(u->dl, &region);
    dl_rect clip = {tb.x, tb.y, tb.w, tb.h};
    if (head)
        ui_text(u, (box){tb.x, tb.y - u->scroll, tb.w, tth}, head, u->px_title,
                1, C_TEXT, C_PANEL, ALIGN_LEFT, &clip, 0);
    ui_text(u, (box){tb.x, tb.y - u->scroll + tth, tb.w, th - tth}, text,
            px, 0, C_TEXT, C_PANEL, ALIGN_LEFT, &clip, 0);
    if (u->scroll_max > 0)
        scroll_buttons(u, a, 0);
}

static int items_bottom(const dl_list *l, int from)
{
    int b = 0;
    for (int k = from; k < l->n; k++)
        if (l->items[k].r.y + l->items[k].r.h > b)
            b = l->items[k].r.y + l->items[k].r.h;
    return b;
}

void ui_scrolled(ui *u, box a, ui_draw_fn fn, const void *arg,
                 const char *region_label)
{
    int n0 = u->dl->n, own = 0;
    fn(u, a, arg);
    for (int k = n0; k < u->dl->n; k++)
        own |= u->dl->items[k].role == DL_ROLE_SCROLL;
    /* A layout that scrolls a part of its own (a round's page) keeps it. */
    if (u->dl->oom || own || items_bottom(u->dl, n0) <= a.y + a.h) {
        u->scroll_max = 0;
        return;
    }
    /* Too tall for a: drawn again beside the scroll buttons, inside a
     * region the finger drags, shifted by the scroll offset and clipped
     * to a, so nothing runs under the footer. */
    u->dl->n = n0;
    box c = {a.x, a.y, a.w - scroll_buttons(u, a, 1) - u->gap, a.h};
    dl_item region = {0};
    region.kind = DL_RECT;
    region.r = (dl_rect){c.x, c.y, c.w, c.h};
    region.color = C_BG;
    region.role = DL_ROLE_SCROLL;
    region.label = region_label;
    dl_push(u->dl, &region);
    int n1 = u->dl->n;
    fn(u, c, arg);
    u->scroll_max = items_bottom(u->dl, n1) - (c.y + c.h) + u->pad;
    if (u->scroll_max < 0)
        u->scroll_max = 0;
    u->scroll_step = c.h * 3 / 4;
    if (u->scroll > u->scroll_max)
        u->scroll = u->scroll_max;
    for (int k = n1; k < u->dl->n; k++) {
        dl_item *it = &u->dl->items[k];
        it->r.y -= u->scroll;
        dl_rect cl = {c.x, c.y, c.w, c.h};
        if (it->clip.w > 0) { /* the intersection with its own clip */
            int x0 = it->clip.x > cl.x ? it->clip.x : cl.x;
            int y0 = it->clip.y - u->scroll > cl.y ? it->clip.y - u->scroll : cl.y;
            int x1 = it->clip.x + it->clip.w < cl.x + cl.w ? it->clip.x + it->clip.w
                                                           : cl.x + cl.w;
            int y1 = it->clip.y - u->scroll + it->clip.h < cl.y + cl.h
                         ? it->clip.y - u->scroll + it->clip.h
                         : cl.y + cl.h;
            cl = (dl_rect){x0, y0, x1 > x0 ? x1 - x0 : 1, y1 > y0 ? y1 - y0 : 1};
        }
        it->clip = cl;
    }
    scroll_buttons(u, a, 0);
}
