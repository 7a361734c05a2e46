/* ui_screens.c: one function per kiosk screen.  Each lays out a header,
 * a body and a footer of buttons in the space it has; lists page and
 * long texts scroll (by drag or by buttons, never by swipe alone). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "i18n.h"
#include "record.h"
#include "tally.h"
#include "method.h"
#include "ui_internal.h"

as_status ui_new(const ui_metrics *mx, double dpi, ui **out)
{
    ui *u = calloc(1, sizeof *u);
    *out = NULL;
    if (!u)
        return AS_ENOMEM;
    u->mx = *mx;
    if (u->mx.cap_ratio <= 0.3 || u->mx.cap_ratio > 1.0)
        u->mx.cap_ratio = 0.714;
    u->dpi = dpi > 0 ? dpi : 96;
    u->last_screen = -1;
    u->last_proposal = -1;
    /* Generous margins over the minimums (12.7 mm, 2.5 mm, 3.5 mm): a
     * trembling finger or tired eyes should not need the last 0.1 mm. */
    u->margin = ui_mm(u, 4);
    u->gap = ui_mm(u, 3.5);
    u->target = ui_mm(u, 14);
    u->pad = ui_mm(u, 2.5);
    u->px_body = ui_text_px(u, 3.7);
    u->px_button = ui_text_px(u, 3.9);
    u->px_title = ui_text_px(u, 4.6);
    u->px_big = ui_text_px(u, 6.4);
    *out = u;
    return AS_OK;
}

void ui_free(ui *u)
{
    if (u)
        ui_qr_free(&u->qr);
    free(u);
}

int ui_handle_action(ui *u, int action, int arg)
{
    if (action == ACT_PAGE) {
        u->page += arg;
        if (u->page >= u->pages)
            u->page = u->pages - 1;
        if (u->page < 0)
            u->page = 0;
        return 1;
    }
    if (action == ACT_QR) {
        u->qr_view = arg != 0;
        return 1;
    }
    if (action == ACT_ROUND) {
        u->round += arg;
        if (u->round > u->rounds)
            u->round = u->rounds;
        if (u->round < 0)
            u->round = 0;
        u->scroll = 0;
        return 1;
    }
    if (action == ACT_DESK_LIST) {
        u->desk_list = arg != 0;
        u->page = 0;
        return 1;
    }
    if (action == ACT_SCROLL) {
        ui_drag(u, -arg * u->scroll_step);
        return 1;
    }
    return 0;
}

void ui_drag(ui *u, int dy)
{
    u->scroll -= dy;
    if (u->scroll > u->scroll_max)
        u->scroll = u->scroll_max;
    if (u->scroll < 0)
        u->scroll = 0;
}

/* heading: a bold title at the top of area; returns the height used
 * including the gap below it. */
int ui_heading(ui *u, box area, const char *s, int px)
{
    return ui_text(u, area, s, px, 1, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0) +
           u->gap;
}

static box inset(ui *u, int w, int h)
{
    return (box){u->margin, u->margin, w - 2 * u->margin, h - 2 * u->margin};
}

/* footer: buttons at the bottom of area; shrinks area to what is above. */
void ui_footer(ui *u, box *area, const btn_spec *b, int n)
{
    int h = ui_button_rows(u, *area, b, n, 0);
    area->h -= h + u->gap;
}

static const char *ptitle(const meeting *m, int i, int lang)
{
    return meeting_text(m, &m->props[i].title, lang);
}

/* reflow: proposal texts come from YAML block scalars, where organizers
 * break lines wherever their editor did.  Single line breaks become
 * spaces; a blank line stays a paragraph break. */
static const char *reflow(ui *u, const char *in)
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

static const char *choice_word(int c)
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
                       int max_lines, int *start)
{
    int pages = 0, used = 0;
    start[0] = 0;
    for (int i = 0; i < n; i++) {
        int h = ui_button_h_max(u, area.w, texts[i], max_lines);
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
    btn_spec b[8];
    int nb = 0;
    box list = area;

    if (!texts)
        texts = labels;
    if (n > 256)
        n = 256;
    if (nextra)
        list.h -= ui_button_rows(u, area, extra, nextra, 1) + u->gap;
    u->pages = page_breaks(u, list, texts, n, UI_ALL_LINES, start);
    if (u->pages > 1) {
        b[nb++] = (btn_spec){_("Previous page"), ACT_PAGE, -1, BTN_SECONDARY};
        b[nb++] = (btn_spec){_("Next page"), ACT_PAGE, +1, BTN_SECONDARY};
    }
    for (int i = 0; i < nextra && nb < 8; i++)
        b[nb++] = extra[i];
    list = area;
    if (nb)
        ui_footer(u, &list, b, nb);
    /* The page buttons may have taken another footer row.  An entry is
     * cut short (with an ellipsis) rather than pushed under the footer. */
    int lh = u->mx.line_height(u->mx.ud, u->px_button);
    int max_lines = (list.h - 2 * u->pad) / (lh > 0 ? lh : 1);
    if (max_lines < 1)
        max_lines = 1;
    if (u->pages > 1 || max_lines < UI_ALL_LINES)
        u->pages = page_breaks(u, list, texts, n, max_lines, start);
    if (u->page >= u->pages)
        u->page = u->pages - 1;
    if (u->page < 0)
        u->page = 0;
    int y = list.y;
    for (int i = start[u->page]; i < start[u->page + 1]; i++) {
        int h = ui_button_h_max(u, list.w, texts[i], max_lines);
        ui_button_text_max(u, (box){list.x, y, list.w, h}, labels[i], texts[i],
                           action, args[i], BTN_SECONDARY, max_lines);
        y += h + u->gap;
    }
}

/* idle_header: the meeting's title and the invitation in every language
 * at y; returns the height used.  compact: smaller (still >= 3.5 mm cap)
 * type, for short screens that also show demo badges. */
static int idle_header(ui *u, const meeting *m, box a, int compact, int dry)
{
    char line[256];
    int y = a.y;
    int px_head = compact ? u->px_body : u->px_title;
    int px_first = compact ? u->px_title : u->px_big;

    y += ui_text(u, (box){a.x, y, a.w, 0}, m->title, px_head, 1, C_TEXT, C_BG,
                 ALIGN_LEFT, NULL, dry) + u->gap;
    /* The invitation in every language of the meeting, so nobody has to
     * guess before they are greeted in their own. */
    for (int l = 0; l < m->nlangs; l++) {
        i18n_set_lang(m->langs[l]);
        snprintf(line, sizeof line, "%s", _("Scan your badge to vote"));
        y += ui_text(u, (box){a.x, y, a.w, 0}, line, l ? px_head : px_first,
                     1, C_TEXT, C_BG, ALIGN_LEFT, NULL, dry);
    }
    i18n_set_lang(m->langs[0]);
    return y - a.y + u->gap;
}

static void scr_idle(ui *u, const snapshot *s, const session_view *v, box a)
{
    const meeting *m = s->meeting;
    int demo = v->demo && m->roster;
    const char *intro = _("Demo: no scanner needed. Touch a badge to try it.");
    int compact = 0;

    if (demo) {
        /* Room for one badge and the page buttons below the header. */
        int need = ui_text_height(u, a.w, intro, u->px_body, 0) + u->gap / 2 +
                   2 * u->target + 2 * u->gap;
        compact = a.h - idle_header(u, m, a, 0, 1) < need;
    }
    int y = a.y + idle_header(u, m, a, compact, 0);
    if (demo) {
        int n = roster_count(m->roster);
        const char *labels[64];
        int args[64];
        char names[64][128];
        if (n > 64)
            n = 64;
        y += ui_text(u, (box){a.x, y, a.w, 0}, intro, u->px_body, 0, C_MUTED,
                     C_BG, ALIGN_LEFT, NULL, 0);
        y += u->gap / 2;
        for (int i = 0; i < n; i++) {
            const roster_entry *e = roster_get(m->roster, i);
            snprintf(names[i], sizeof names[i], "%s (%s)", e->name,
                     e->role == MEMBER_FACILITATOR ? _("facilitator")
                                                   : _("attendee"));
            labels[i] = names[i];
            args[i] = i;
        }
        box area = {a.x, y, a.w, a.y + a.h - y};
        ui_list_body(u, area, labels, NULL, args, n, ACT_DEMO_BADGE, NULL, 0);
    }
}

static void scr_message(ui *u, const session_view *v, box a)
{
    const char *head = "", *body = "";
    switch (v->msg) {
    case MSG_MISREAD:
        head = _("Could not read the badge");
        body = _("Please scan it again, holding it still and flat.");
        break;
    case MSG_NOT_A_BADGE:
        head = _("That is not a voting badge");
        body = _("Please scan the QR code on your assembly badge.");
        break;
    case MSG_NOT_ON_ROSTER:
        head = _("This badge is not on today's list");
        body = _("Please see a facilitator. They can help you.");
        break;
    case MSG_USE_CARD:
        head = _("Please check in at the desk; vote with your voting card");
        body = _("At this meeting your badge is for the check-in desk. Scan "
                 "the voting card you drew there to vote.");
        break;
    case MSG_CARD_AT_DESK:
        head = _("This is a voting card");
        body = _("Keep it for voting. To check in here, scan the badge with "
                 "your name.");
        break;
    default:
        head = _("Something went wrong");
        body = v->detail;
        break;
    }
    btn_spec ok = {_("OK"), ACT_DISMISS, 0, BTN_PRIMARY};
    ui_footer(u, &a, &ok, 1);
    a.y += ui_heading(u, a, head, u->px_big);
    ui_text(u, a, body, u->px_title, 0, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
}

static void scr_language(ui *u, const snapshot *s, box a)
{
    const meeting *m = s->meeting;
    const char *labels[MEETING_MAX_LANGS];
    int args[MEETING_MAX_LANGS];
    char head[256] = "", ask[512] = "";

    /* "Welcome / Bienvenidos" and "Choose your language / Elija su
     * idioma" in every language of the meeting: nobody has chosen yet. */
    for (int l = 0; l < m->nlangs; l++) {
        labels[l] = i18n_lang_name(m->langs[l]);
        args[l] = l;
        i18n_set_lang(m->langs[l]);
        snprintf(head + strlen(head), sizeof head - strlen(head), "%s%s",
                 l ? " / " : "", _("Welcome"));
        snprintf(ask + strlen(ask), sizeof ask - strlen(ask), "%s%s",
                 l ? " / " : "", _("Choose your language"));
    }
    i18n_set_lang(m->langs[0]);
    a.y += ui_heading(u, a, head, u->px_big);
    a.y += ui_text(u, a, ask, u->px_title, 0, C_TEXT, C_BG, ALIGN_LEFT, NULL,
                   0) + u->gap;
    box area = {a.x, a.y, a.w, a.h - (a.y - u->margin)};
    ui_list_body(u, area, labels, NULL, args, m->nlangs, ACT_LANG, NULL, 0);
}

static void scr_list(ui *u, const snapshot *s, const session_view *v, box a)
{
    const meeting *m = s->meeting;
    const char *labels[256];
    int n = v->nvotable < 256 ? v->nvotable : 256;
    const char *head;

    for (int i = 0; i < n; i++)
        labels[i] = ptitle(m, v->votable[i], v->lang);
    if (n > 0)
        head = _("Choose a proposal to vote on");
    else if (v->open_count == 0)
        head = _("No vote is open right now");
    else
        head = _("You have voted on every open proposal. Thank you!");
    box top = a;
    top.y += ui_heading(u, top, head, u->px_title);
    if (n == 0 && v->open_count == 0)
        top.y += ui_text(u, top, _("Please wait until a facilitator opens a vote."),
                         u->px_body, 0, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
    box area = {a.x, top.y, a.w, a.y + a.h - top.y};
    btn_spec fin = {_("Finish"), ACT_FINISH, 0, n ? BTN_SECONDARY : BTN_PRIMARY};
    ui_list_body(u, area, labels, NULL, v->votable, n, ACT_PROPOSAL, &fin, 1);
}

/* ui_text_panel: a scrollable panel over a holding head (bold, title
 * size; may be NULL) and then text, with Scroll up / Scroll down buttons
 * at its right when the text overflows.  Scrolled by u->scroll. */
void ui_text_panel(ui *u, box a, const char *head, const char *text, int px,
                   const char *region_label)
{
    const char *up = _("Up"), *down = _("Down");
    int bw = u->mx.text_width(u->mx.ud, down, strlen(down), u->px_button, 1);
    int bw2 = u->mx.text_width(u->mx.ud, up, strlen(up), u->px_button, 1);
    bw = (bw > bw2 ? bw : bw2) + 2 * u->pad;
    if (bw < u->target)
        bw = u->target;
    /* Stacked, unless the panel is too low for two full-size buttons
     * (a 7-inch screen with a two-row footer): then side by side. */
    int side = (a.h - u->gap) / 2 < u->target;
    box panel = {a.x, a.y, a.w - (side ? 2 : 1) * (bw + u->gap), a.h};
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
    if (u->scroll_max > 0) {
        int hb = side ? panel.h : (panel.h - u->gap) / 2;
        int x2 = panel.x + panel.w + u->gap + (side ? bw + u->gap : 0);
        ui_button_text(u, (box){panel.x + panel.w + u->gap, panel.y, bw, hb},
                       _("Scroll up"), up, ACT_SCROLL, -1, BTN_SECONDARY);
        ui_button_text(u, (box){x2, side ? panel.y : panel.y + hb + u->gap, bw, hb},
                       _("Scroll down"), down, ACT_SCROLL, +1, BTN_SECONDARY);
    }
}

static void scr_proposal(ui *u, const snapshot *s, const session_view *v, box a)
{
    const meeting *m = s->meeting;
    const proposal *p = &m->props[v->proposal];
    const char *text = meeting_text(m, &p->text, v->lang);
    btn_spec b[] = {
        {_("Yes"), ACT_CHOOSE, CHOICE_YES, BTN_PRIMARY},
        {_("No"), ACT_CHOOSE, CHOICE_NO, BTN_PRIMARY},
        {_("Abstain"), ACT_CHOOSE, CHOICE_ABSTAIN, BTN_PRIMARY},
        {_("Back"), ACT_BACK, 0, BTN_SECONDARY},
    };
    int nb = 4;

    if (method_of(p->method)->layout != UI_BALLOT_QUESTION) {
        /* The other methods are marked on their own screen, after the
         * text has been read. */
        b[0] = (btn_spec){_("Go to the ballot"), ACT_GO_BALLOT, 0, BTN_PRIMARY};
        b[1] = b[3];
        nb = 2;
    }
    ui_footer(u, &a, b, nb);
    text = reflow(u, text);
    /* At most two lines of title above the panel, so the text keeps its
     * room (and its scroll buttons their size); a longer title is shown
     * whole at the top of the scrolled text. */
    const char *title = ptitle(m, v->proposal, v->lang);
    int title_h = ui_text_max(u, a, title, u->px_title, 1, C_TEXT, C_BG,
                              ALIGN_LEFT, 2, 0);
    int title_cut = ui_text_height(u, a.w, title, u->px_title, 1) > title_h;
    a.y += title_h + u->gap / 2;
    a.h -= a.y - u->margin;
    ui_text_panel(u, a, title_cut ? title : NULL, text, u->px_body,
                  "Proposal text");
}

static void scr_review(ui *u, const snapshot *s, const session_view *v, box a)
{
    const meeting *m = s->meeting;
    char line[256];
    btn_spec b[] = {
        {_("Cast my vote"), ACT_CAST, 0, BTN_PRIMARY},
        {_("Change"), ACT_CHANGE, 0, BTN_SECONDARY},
    };
    ui_footer(u, &a, b, 2);
    int bottom = a.y + a.h;
    const char *note = _("Nothing is recorded until you touch \"Cast my vote\".");
    const proposal *p = &m->props[v->proposal];
    if (method_of(p->method)->layout == UI_BALLOT_LIST) {
        /* A list of names: a panel that scrolls when it is long. */
        static char words[8192];
        ui_review_words(s, v, words, sizeof words);
        a.y += ui_text_max(u, a, _("Please check your vote"), u->px_title, 1,
                           C_TEXT, C_BG, ALIGN_LEFT, 1, 0);
        a.y += ui_text_max(u, a, ptitle(m, v->proposal, v->lang), u->px_body, 0,
                           C_TEXT, C_BG, ALIGN_LEFT, 1, 0);
        int nh = ui_text_height(u, a.w, note, u->px_body, 0);
        a.y += u->gap / 2;
        a.h = bottom - nh - u->gap / 2 - a.y;
        /* The names in title size; the panel hugs them when they fit, and
         * the note follows it. */
        /* (Measured leaving room for a column of scroll buttons, and
         * never so low that they would have to go side by side.) */
        int need = ui_text_height(u, a.w - 2 * u->pad - ui_mm(u, 30) - u->gap,
                                  words, u->px_title, 0) + 2 * u->pad;
        if (need < 2 * u->target + u->gap)
            need = 2 * u->target + u->gap;
        if (need < a.h)
            a.h = need;
        ui_text(u, (box){a.x, a.y + a.h + u->gap / 2, a.w, nh}, note, u->px_body,
                0, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
        ui_text_panel(u, a, NULL, words, u->px_title, "Your vote");
        /* The choice stays nowhere once laid out (the session wipes its
         * own copy when the vote is cast or abandoned). */
        memset(words, 0, sizeof words);
        return;
    }
    a.y += ui_heading(u, a, _("Please check your vote"), u->px_big);
    ui_review_words(s, v, line, sizeof line);
    /* The choice in large type; a long one (a recall names the
     * delegate) in title size, so it stays on one line where it can. */
    int cpx = u->px_big;
    if (ui_text_height(u, a.w - 2 * u->pad, line, cpx, 1) >
        u->mx.line_height(u->mx.ud, cpx))
        cpx = u->px_title;
    int h = ui_text_height(u, a.w - 2 * u->pad, line, cpx, 1) + 2 * u->pad;
    /* The title gets the lines the choice and the note leave (it was
     * read whole on the proposal screen). */
    int room = bottom - a.y - 2 * u->gap - h -
               ui_text_height(u, a.w, note, u->px_body, 0);
    /* Consensus and recall: what the choice means, said again, where the
     * screen has the room for it and a line of title. */
    const char *meaning = ui_choice_meaning(s, v);
    int mh = meaning ? ui_text_height(u, a.w, meaning, u->px_body, 0) + u->gap / 2
                     : 0;
    if (meaning && room - mh < u->mx.line_height(u->mx.ud, u->px_title))
        meaning = NULL;
    else
        room -= mh;
    a.y += ui_text_max(u, a, ptitle(m, v->proposal, v->lang), u->px_title, 0,
                       C_TEXT, C_BG, ALIGN_LEFT,
                       room / u->mx.line_height(u->mx.ud, u->px_title), 0) +
           u->gap;
    ui_rect(u, (box){a.x, a.y, a.w, h}, C_PANEL, 0);
    ui_rect(u, (box){a.x, a.y, a.w, h}, C_BORDER, u->pad / 3 > 2 ? u->pad / 3 : 2);
    ui_text(u, (box){a.x + u->pad, a.y + u->pad, a.w - 2 * u->pad, h}, line,
            cpx, 1, C_TEXT, C_PANEL, ALIGN_LEFT, NULL, 0);
    a.y += h + u->gap / 2;
    if (meaning)
        a.y += ui_text(u, a, meaning, u->px_body, 0, C_TEXT, C_BG, ALIGN_LEFT,
                       NULL, 0) + u->gap / 2;
    ui_text(u, a, note, u->px_body, 0, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
}

static void scr_recorded(ui *u, const session_view *v, box a)
{
    char next[128];
    btn_spec b[2];
    int nb = 0;
    if (v->nvotable > 0) {
        snprintf(next, sizeof next, _("Vote on the next proposal (%d left)"),
                 v->nvotable);
        b[nb++] = (btn_spec){next, ACT_NEXT, 0, BTN_PRIMARY};
    }
    btn_style finish = nb ? BTN_SECONDARY : BTN_PRIMARY;
    b[nb++] = (btn_spec){_("Finish"), ACT_FINISH, 0, finish};
    ui_footer(u, &a, b, nb);
    /* Deliberately no choice here: the next person in line can see it. */
    a.y += ui_heading(u, a, _("Your vote is recorded"), u->px_big);
    ui_text(u, a, _("Thank you for voting."), u->px_title, 0, C_TEXT, C_BG,
            ALIGN_LEFT, NULL, 0);
}

static void scr_still(ui *u, box a)
{
    btn_spec b[] = {
        {_("Continue voting"), ACT_CONTINUE, 0, BTN_PRIMARY},
        {_("Finish"), ACT_FINISH, 0, BTN_SECONDARY},
    };
    ui_footer(u, &a, b, 2);
    a.y += ui_heading(u, a, _("Still voting?"), u->px_big);
    ui_text(u, a, _("Touch \"Continue voting\" to go on. Otherwise the kiosk "
                    "returns to the start soon. Nothing has been cast."),
            u->px_title, 0, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
}

static void scr_vote_error(ui *u, const session_view *v, box a)
{
    btn_spec ok = {_("OK"), ACT_DISMISS, 0, BTN_PRIMARY};
    ui_footer(u, &a, &ok, 1);
    a.y += ui_heading(u, a, _("Your vote was NOT recorded"), u->px_big);
    a.y += ui_text(u, a, _("Please tell a facilitator. You can vote again once "
                           "the problem is fixed."),
                   u->px_title, 0, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0) + u->gap;
    ui_text(u, a, v->detail, u->px_body, 0, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
}

/* turnout_line: "17 of 23 checked in have voted" and friends. */
static void state_line(const meeting *m, const session_figures *f, int i,
                       char *buf, size_t n)
{
    (void)m;
    (void)i;
    switch (f->state) {
    case PROP_DRAFT:
        snprintf(buf, n, "%s", _("Not open yet"));
        break;
    case PROP_OPEN:
        snprintf(buf, n, _("Voting open: %lld of %lld checked in have voted"),
                 (long long)f->voted, (long long)f->checked_in);
        break;
    case PROP_CLOSED:
        snprintf(buf, n, "%s", _("Voting closed"));
        break;
    }
}

static void attendance_line(const session_figures *f, char *buf, size_t n)
{
    ui_attendance_words(f->checked_in, f->quorum, buf, n);
}

/* closed_attendance_line: the shorter form under a result, where a
 * narrow screen has no line to spare (the figure is from the close). */
static void closed_attendance_line(const session_figures *f, char *buf,
                                   size_t n)
{
    if (f->quorum > 0)
        snprintf(buf, n, _("%lld checked in. Quorum %d: %s"),
                 (long long)f->checked_in, f->quorum,
                 f->checked_in >= f->quorum ? _("met") : _("NOT met"));
    else
        snprintf(buf, n, _("%lld checked in. No quorum is required."),
                 (long long)f->checked_in);
}

static const char *fac_message(const session_view *v, char *buf, size_t n)
{
    switch (v->msg) {
    case MSG_EXPORTED: snprintf(buf, n, _("Exported to %s"), v->detail); break;
    case MSG_EXPORT_FAILED: snprintf(buf, n, _("Export failed: %s"), v->detail); break;
    case MSG_NO_EXPORT_DIR:
        snprintf(buf, n, "%s", _("No export folder is set in the meeting file."));
        break;
    case MSG_OPENED_NO_QUORUM:
        snprintf(buf, n, "%s", _("Voting was opened without quorum."));
        break;
    case MSG_STORE_ERROR: snprintf(buf, n, "%s", v->detail); break;
    default: return NULL;
    }
    return buf;
}

static void scr_fac_home(ui *u, const snapshot *s, const session_view *v, box a)
{
    const meeting *m = s->meeting;
    int n = m->nprops < 256 ? m->nprops : 256;
    static char rows[256][400];
    const char *labels[256], *texts[256];
    int args[256];
    char line[256], msg[640];
    session_figures f;

    for (int i = 0; i < n; i++) {
        char st[160] = "";
        if (s->props[i].have_fig)
            state_line(m, &s->props[i].fig, i, st, sizeof st);
        snprintf(rows[i], sizeof rows[i], "%s\n%s", ptitle(m, i, 0), st);
        labels[i] = ptitle(m, i, 0);
        texts[i] = rows[i];
        args[i] = i;
    }
    /* Who this screen is for with the quorum bar beside it, then the
     * words the bar stands for (the meaning is in the words, never in the
     * bar alone).  Two short lines and half a gap: a 7-inch screen keeps
     * room for two proposals in the list. */
    f.checked_in = s->checked_in;
    f.quorum = meeting_quorum(m);
    attendance_line(&f, line, sizeof line);
    const char *who = _("Facilitator");
    int ww = u->mx.text_width(u->mx.ud, who, strlen(who), u->px_title, 1);
    int lh = u->mx.line_height(u->mx.ud, u->px_title);
    ui_text(u, a, who, u->px_title, 1, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
    if (f.quorum > 0 && a.w - ww - 2 * u->gap >= a.w / 4)
        ui_quorum_bar(u, (box){a.x + ww + 2 * u->gap, a.y + lh / 2 - ui_mm(u, 1.5),
                               a.w - ww - 2 * u->gap, 0}, f.checked_in, f.quorum);
    a.y += lh;
    a.y += ui_text(u, a, line, u->px_body, 1, C_TEXT, C_BG, ALIGN_LEFT, NULL,
                   0);
    btn_spec b[] = {
        {_("Previous page"), ACT_PAGE, -1, BTN_SECONDARY},
        {_("Next page"), ACT_PAGE, +1, BTN_SECONDARY},
        {_("Export"), ACT_FAC_EXPORT, 0, BTN_SECONDARY},
        {_("Vote"), ACT_FAC_VOTE, 0, BTN_SECONDARY},
        {_("Shut down"), ACT_FAC_SHUTDOWN, 0, BTN_SECONDARY},
        {_("Leave"), ACT_FAC_LEAVE, 0, BTN_PRIMARY},
    };
    int nb = 6;
    if (v->cards) {
        /* With voting cards a facilitator votes with a card too. */
        b[3] = b[4];
        b[4] = b[5];
        nb = 5;
    }
    if (fac_message(v, msg, sizeof msg)) {
        /* The message gets the lines the list leaves: a page of at least
         * one one-line entry, above a footer with the page buttons. */
        int room = u->margin + a.h - a.y - u->gap / 2 - u->gap -
                   ui_button_rows(u, a, b, nb, 1);
        room -= u->target; /* entries shrink to one line if they must */
        a.y += ui_text_max(u, a, msg, u->px_body, 0, C_TEXT, C_BG, ALIGN_LEFT,
                           room / u->mx.line_height(u->mx.ud, u->px_body), 0);
    }
    a.y += u->gap / 2;
    box area = {a.x, a.y, a.w, a.h - (a.y - u->margin)};
    ui_list_body(u, area, labels, texts, args, n, ACT_FAC_PROPOSAL, b + 2,
                 nb - 2);
}

/* result_block: counts with bars, threshold, outcome and quorum.  On a
 * landscape screen the bars take the left half and the outcome the
 * right, so even 800x480 shows all of it above the footer. */
static void result_block(ui *u, const meeting *m, int i,
                         const session_figures *f, const tally_result *r, box a)
{
    const proposal *p = &m->props[i];
    tally_yna c = {r->counts[0], r->counts[1], r->counts[2]};
    tally_outcome o = r->yna;
    int64_t total = c.yes + c.no + c.abstain;
    char line[256], pct[TALLY_PERCENT_SIZE];
    int wide = a.w * 10 > a.h * 13;
    box left = a, right = a;
    int row_px = u->px_body;
    int bar_h = u->mx.line_height(u->mx.ud, row_px);

    if (wide) {
        left.w = (a.w - u->gap) / 2;
        right.x = a.x + left.w + u->gap;
        right.w = a.w - left.w - u->gap;
    }
    /* Each count in words, with a bar that only helps the eye: below the
     * words in the landscape column, beside them on a narrow portrait
     * screen where every line counts (and left out if too narrow). */
    char rows[3][128];
    int label_w = 0;
    for (int k = 0; k < 3; k++) {
        tally_format_percent(r->counts[k], k < 2 ? o.base : total, pct, sizeof pct);
        snprintf(rows[k], sizeof rows[k], "%s: %lld (%s)", choice_word(k),
                 (long long)r->counts[k], pct);
        int w = u->mx.text_width(u->mx.ud, rows[k], strlen(rows[k]), row_px, 1);
        if (w > label_w)
            label_w = w;
    }
    for (int k = 0; k < 3; k++) {
        int beside = !wide, bx = left.x, bwmax = left.w, by;
        if (beside) {
            bx = left.x + label_w + u->gap;
            bwmax = left.x + left.w - bx;
        }
        by = left.y + (beside ? bar_h / 3 : 0);
        int th = ui_text(u, left, rows[k], row_px, 1, C_TEXT, C_BG, ALIGN_LEFT,
                         NULL, 0);
        if (!beside)
            by = left.y + th;
        if (bwmax >= left.w / 5) {
            int bw = total > 0 ? (int)((int64_t)bwmax * r->counts[k] / total) : 0;
            ui_rect(u, (box){bx, by, bwmax, bar_h / 3}, C_BORDER, 2);
            if (bw > 0)
                ui_rect(u, (box){bx, by, bw, bar_h / 3}, C_BAR, 0);
        }
        left.y += beside ? th + u->gap / 4 : th + bar_h / 3 + u->gap / 2;
    }
    if (!wide)
        right.y = left.y;
    int passed = r->verdict == TALLY_PASSED;
    const char *word = passed ? _("PASSED") : _("NOT PASSED");
    uint32_t col = passed ? C_PASS : C_FAIL;
    /* Portrait screens stack everything in one column: the outcome in
     * title size there leaves room for the ballot list code. */
    int word_px = wide ? u->px_big : u->px_title;
    int h = ui_text_height(u, right.w - 2 * u->pad, word, word_px, 1) + 2 * u->pad;
    ui_rect(u, (box){right.x, right.y, right.w, h}, col, 0);
    ui_text(u, (box){right.x + u->pad, right.y + u->pad, right.w - 2 * u->pad, h},
            word, word_px, 1, C_ON_PRIMARY, col, ALIGN_CENTER, NULL, 0);
    right.y += h + u->gap / 2;
    if (p->base == BASE_ALL_BALLOTS)
        snprintf(line, sizeof line,
                 p->th.strict ? _("Needs more than %d/%d of all ballots (%s).")
                              : _("Needs at least %d/%d of all ballots (%s)."),
                 p->th.num, p->th.den, p->th.name);
    else
        snprintf(line, sizeof line,
                 p->th.strict ? _("Needs more than %d/%d of yes + no (%s). Abstentions do not count.")
                              : _("Needs at least %d/%d of yes + no (%s). Abstentions do not count."),
                 p->th.num, p->th.den, p->th.name);
    right.y += ui_text(u, right, line, u->px_body, 0, C_TEXT, C_BG, ALIGN_LEFT,
                       NULL, 0);
    /* Attendance and quorum across the whole width below both columns
     * on a landscape screen (800x480 has no line to spare). */
    box *q = &right;
    if (wide) {
        a.y = left.y > right.y ? left.y : right.y;
        q = &a;
    }
    closed_attendance_line(f, line, sizeof line);
    q->y += ui_text(u, *q, line, u->px_body, 0, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
    /* The commitment the room photographs: the exported ballot list must
     * hash to this (docs/verify.md). */
    char code[RECORD_ROOM_CODE_SIZE];
    record_room_code(f->root, code);
    code[14] = ' '; /* XXXX-XXXX-XXXX XXXX-XXXX-XXXX: wraps between halves */
    snprintf(line, sizeof line, _("Ballot list code: %s"), code);
    q->y += ui_text(u, *q, line, u->px_body, 1, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
    if (!r->quorum_met && o.threshold_met)
        ui_text(u, *q, _("The threshold was reached, but quorum was not met."),
                u->px_body, 0, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
    else if (!r->min_ballots_met) {
        snprintf(line, sizeof line, _("No result: only %lld ballots, %d needed."),
                 (long long)r->ballots, p->min_ballots);
        ui_text(u, *q, line, u->px_body, 1, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
    }
}

/* qr_view: the result as the room photographs it: the proposal, the
 * counts, the ballot list code and a QR code of all of it, as large as
 * the screen allows, with the kiosk's key fingerprint. */
static void qr_view(ui *u, const meeting *m, int i, const session_figures *f,
                    const tally_result *r, const session_view *v, box a)
{
    char root[65], text[512], line[256], code[RECORD_ROOM_CODE_SIZE];
    btn_spec back = {_("Back to the result"), ACT_QR, 0, BTN_SECONDARY};
    int wide = a.w * 10 > a.h * 13;

    ui_footer(u, &a, &back, 1);
    record_hex(f->root, 32, root);
    record_room_code(f->root, code);
    int yna = method_of(m->props[i].method)->ui_result == UI_RESULT_YES_NO;
    if (yna)
        snprintf(text, sizeof text, "asamblea:v1:%s:yes=%lld:no=%lld:abstain=%lld:root=%s",
                 m->props[i].id, (long long)r->counts[0], (long long)r->counts[1],
                 (long long)r->counts[2], root);
    else /* the other methods: the ballot count and the root */
        snprintf(text, sizeof text, "asamblea:v1:%s:ballots=%lld:root=%s",
                 m->props[i].id, (long long)r->ballots, root);
    int side = wide ? (a.h < a.w / 2 ? a.h : a.w / 2) : (a.w < a.h / 2 ? a.w : a.h / 2);
    box info = a;
    if (ui_qr_set(&u->qr, text, side) == 0) {
        dl_item it = {0};
        it.kind = DL_IMAGE;
        it.r = (dl_rect){a.x, a.y, u->qr.img.w, u->qr.img.h};
        it.image = &u->qr.img;
        dl_push(u->dl, &it);
        if (wide) {
            info.x += u->qr.img.w + u->gap;
            info.w -= u->qr.img.w + u->gap;
        } else {
            info.y += u->qr.img.h + u->gap;
        }
    }
    info.y += ui_text_max(u, info, ptitle(m, i, 0), u->px_body, 1, C_TEXT, C_BG,
                          ALIGN_LEFT, 1, 0);
    if (yna) {
        snprintf(line, sizeof line, "%s %lld  %s %lld  %s %lld", choice_word(0),
                 (long long)r->counts[0], choice_word(1), (long long)r->counts[1],
                 choice_word(2), (long long)r->counts[2]);
        info.y += ui_text(u, info, line, u->px_title, 1, C_TEXT, C_BG, ALIGN_LEFT,
                          NULL, 0);
        info.y += ui_text(u, info, r->verdict == TALLY_PASSED ? _("PASSED")
                                                               : _("NOT PASSED"),
                          u->px_body, 1, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
    } else {
        snprintf(line, sizeof line, _("%lld ballots"), (long long)r->ballots);
        info.y += ui_text(u, info, line, u->px_title, 1, C_TEXT, C_BG, ALIGN_LEFT,
                          NULL, 0);
    }
    info.y += ui_text(u, info, _("Ballot list code:"), u->px_body, 0, C_TEXT,
                      C_BG, ALIGN_LEFT, NULL, 0);
    info.y += ui_text(u, info, code, u->px_title, 1, C_TEXT, C_BG, ALIGN_LEFT,
                      NULL, 0) + u->gap / 2;
    if (v->key_fingerprint) {
        snprintf(line, sizeof line, _("Kiosk key: %s"), v->key_fingerprint);
        ui_text(u, info, line, u->px_body, 0, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
    }
}

static void scr_fac_proposal(ui *u, const snapshot *s, const session_view *v, box a)
{
    const meeting *m = s->meeting;
    int i = v->proposal;
    const snapshot_proposal *sp = &s->props[i];
    session_figures f = sp->fig;
    const tally_result *r = sp->result;
    char line[256], msg[640];
    btn_spec b[6];
    int nb = 0;
    int yes_no = method_of(m->props[i].method)->ui_result == UI_RESULT_YES_NO;

    /* The figures could not be read, or the closed proposal not counted:
     * the store's words instead. */
    if (!sp->have_fig || (f.state == PROP_CLOSED && !r)) {
        btn_spec back = {_("Back"), ACT_BACK, 0, BTN_SECONDARY};
        ui_footer(u, &a, &back, 1);
        ui_text(u, a, sp->err.msg, u->px_body, 0, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
        return;
    }
    if (f.state == PROP_CLOSED && u->qr_view) {
        qr_view(u, m, i, &f, r, v, a);
        return;
    }
    int ranked = method_of(m->props[i].method)->ui_result == UI_RESULT_ROUNDS;
    if (f.state == PROP_DRAFT)
        b[nb++] = (btn_spec){_("Open voting"), ACT_FAC_OPEN, i, BTN_PRIMARY};
    else if (f.state == PROP_OPEN)
        b[nb++] = (btn_spec){_("Close voting"), ACT_FAC_CLOSE, i, BTN_PRIMARY};
    else if (!ranked || u->round == 0) /* the rounds have the screen */
        b[nb++] = (btn_spec){_("Show QR code"), ACT_QR, 1,
                             ranked ? BTN_SECONDARY : BTN_PRIMARY};
    if (f.state == PROP_CLOSED && ranked && r && r->rcv && r->rcv->nrounds > 0) {
        /* One round per page: the summary is page 0. */
        u->rounds = r->rcv->nrounds;
        if (u->round > 0) /* round 1 goes back to the outcome */
            b[nb++] = (btn_spec){u->round == 1 ? _("Summary") : _("Previous round"),
                                 ACT_ROUND, -1, BTN_SECONDARY};
        if (u->round < u->rounds)
            b[nb++] = (btn_spec){_("Next round"), ACT_ROUND, +1, BTN_PRIMARY};
    }
    b[nb++] = (btn_spec){_("Back"), ACT_BACK, 0, BTN_SECONDARY};
    ui_footer(u, &a, b, nb);
    int bottom = a.y + a.h; /* the footer's top */
    /* Results on a landscape screen need every line below the title: one
     * line of title there (it is whole on the facilitator's list). */
    int title_lines = f.state == PROP_CLOSED &&
                      (a.w * 10 > a.h * 13 ||
                       !yes_no) ? 1 : 2;
    a.y += ui_text_max(u, a, ptitle(m, i, 0), u->px_title, 1, C_TEXT, C_BG,
                       ALIGN_LEFT, title_lines, 0) + u->gap;
    /* Export results are reported on the screen with the Export button. */
    if ((v->msg == MSG_OPENED_NO_QUORUM || v->msg == MSG_STORE_ERROR) &&
        fac_message(v, msg, sizeof msg))
        a.y += ui_text(u, a, msg, u->px_body, 1, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
    if (f.state != PROP_CLOSED) {
        state_line(m, &f, i, line, sizeof line);
        a.y += ui_text(u, a, line, u->px_title, 1, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
        attendance_line(&f, line, sizeof line);
        ui_text(u, a, line, u->px_body, 0, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
        return;
    }
    if (yes_no)
        result_block(u, m, i, &f, r, a);
    else
        ui_result_block(u, m, i, r, &f, (box){a.x, a.y, a.w, bottom - a.y});
}

static void scr_fac_confirm(ui *u, const snapshot *s, const session_view *v, box a)
{
    const meeting *m = s->meeting;
    char q[512];
    const char *yes = _("Yes");
    const char *why = "";

    if (v->confirm_action == ACT_FAC_OPEN) {
        snprintf(q, sizeof q, _("Open voting on \"%s\"?"), ptitle(m, v->confirm_arg, 0));
        yes = _("Yes, open voting");
        int pq = meeting_proposal_quorum(m, v->confirm_arg);
        if (pq > 0 && s->checked_in < pq)
            why = _("Quorum is NOT met. The vote will be marked as opened without quorum.");
    } else if (v->confirm_action == ACT_FAC_CLOSE) {
        snprintf(q, sizeof q, _("Close voting on \"%s\"?"), ptitle(m, v->confirm_arg, 0));
        yes = _("Yes, close voting");
        why = _("Nobody can vote on it after this, and the result will be shown.");
    } else {
        snprintf(q, sizeof q, "%s", _("Shut down the kiosk?"));
        yes = _("Yes, shut down");
        why = _("All recorded votes are kept.");
    }
    btn_spec b[] = {{yes, ACT_CONFIRM, 0, BTN_PRIMARY},
                    {_("Cancel"), ACT_CANCEL, 0, BTN_SECONDARY}};
    ui_footer(u, &a, b, 2);
    int room = a.h - u->gap - ui_text_height(u, a.w, why, u->px_body, 0);
    a.y += ui_text_max(u, a, q, u->px_title, 1, C_TEXT, C_BG, ALIGN_LEFT,
                       room / u->mx.line_height(u->mx.ud, u->px_title), 0) +
           u->gap;
    ui_text(u, a, why, u->px_body, 0, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
}

void ui_build(ui *u, const snapshot *s, int w, int h, dl_list *out)
{
    const meeting *m = s->meeting;
    session_view v = s->view;
    screen_id scr;
    int lang;

    scr = v.screen == SCR_STILL ? SCR_STILL : v.screen;
    if ((int)scr != u->last_screen || v.proposal != u->last_proposal) {
        u->scroll = 0;
        u->page = 0;
        u->qr_view = 0;
        u->desk_list = 0;
        u->round = 0;
        u->last_screen = (int)scr;
        u->last_proposal = v.proposal;
    }
    /* Facilitator screens stay in the meeting's default language. */
    lang = (scr >= SCR_FAC_HOME || scr == SCR_IDLE) ? 0 : v.lang;
    if (lang < 0 || lang >= m->nlangs)
        lang = 0;
    i18n_set_lang(m->langs[lang]);
    v.lang = lang;

    u->dl = out;
    dl_reset(out, w, h, C_BG);
    box a = inset(u, w, h);
    switch (scr) {
    case SCR_IDLE:
        if (v.desk)
            ui_desk_idle(u, s, &v, a);
        else
            scr_idle(u, s, &v, a);
        break;
    case SCR_MESSAGE: scr_message(u, &v, a); break;
    case SCR_LANGUAGE: scr_language(u, s, a); break;
    case SCR_LIST: scr_list(u, s, &v, a); break;
    case SCR_PROPOSAL: scr_proposal(u, s, &v, a); break;
    case SCR_BALLOT: ui_ballot_screen(u, s, &v, a); break;
    case SCR_REVIEW: scr_review(u, s, &v, a); break;
    case SCR_RECORDED: scr_recorded(u, &v, a); break;
    case SCR_STILL: scr_still(u, a); break;
    case SCR_VOTE_ERROR: scr_vote_error(u, &v, a); break;
    case SCR_FAC_HOME: scr_fac_home(u, s, &v, a); break;
    case SCR_FAC_PROPOSAL: scr_fac_proposal(u, s, &v, a); break;
    case SCR_FAC_CONFIRM: scr_fac_confirm(u, s, &v, a); break;
    case SCR_DESK_WELCOME:
    case SCR_DESK_ALREADY:
    case SCR_DESK_CHECKOUT:
    case SCR_DESK_LEFT:
    case SCR_DESK_FAC:
    case SCR_DESK_SEARCH:
    case SCR_DESK_NAME_CONFIRM: ui_desk_screen(u, s, &v, a); break;
    }
    u->dl = NULL;
}
