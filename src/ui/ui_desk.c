/* ui_desk.c: the check-in desk's screens and the quorum meter.
 *
 * The desk is run by a volunteer with a line of people in front of it:
 * every screen says in one big line what just happened ("Welcome, Ana
 * Ruiz", "Ana Ruiz is already checked in"), then the count and quorum in
 * words with a bar beside them, then at most two buttons.  Nothing here
 * is red or alarming: a second scan is normal at a door.  Desk screens
 * stay in the meeting's default language, like the facilitator's. */
#include <stdio.h>
#include <string.h>
#include "i18n.h"
#include "ui_internal.h"

void ui_attendance_words(int64_t checked_in, int quorum, char *buf, size_t n)
{
    if (quorum <= 0)
        snprintf(buf, n, _("%lld checked in. No quorum is required."),
                 (long long)checked_in);
    else if (checked_in >= quorum)
        snprintf(buf, n, _("%lld checked in of %d needed: quorum met"),
                 (long long)checked_in, quorum);
    else
        snprintf(buf, n, _("%lld checked in of %d needed: quorum NOT met"),
                 (long long)checked_in, quorum);
}

int ui_quorum_bar(ui *u, box a, int64_t checked_in, int quorum)
{
    int h = ui_mm(u, 3);
    int border = u->pad / 4 > 2 ? u->pad / 4 : 2;

    if (quorum <= 0)
        return 0;
    if (checked_in < 0)
        checked_in = 0;
    /* The scale runs to the quorum, or further once more have come, so
     * the quorum mark is always on the bar. */
    int64_t full = checked_in > quorum ? checked_in : quorum;
    int fill = (int)((int64_t)a.w * checked_in / full);
    int mark = (int)((int64_t)a.w * quorum / full);
    ui_rect(u, (box){a.x, a.y, a.w, h}, C_PANEL, 0);
    if (fill > 0)
        ui_rect(u, (box){a.x, a.y, fill, h}, C_BAR, 0);
    ui_rect(u, (box){a.x, a.y, a.w, h}, C_BORDER, border);
    /* The quorum mark: a tick that stands out above and below the bar. */
    int tw = border * 2;
    int tx = mark - tw < 0 ? 0 : mark - tw;
    ui_rect(u, (box){a.x + tx, a.y - h / 3, tw, h + 2 * (h / 3)}, C_TEXT, 0);
    return h + h / 3;
}

int ui_quorum_meter(ui *u, box a, int64_t checked_in, int quorum)
{
    char line[256];
    int y = a.y;

    ui_attendance_words(checked_in, quorum, line, sizeof line);
    y += ui_text(u, (box){a.x, y, a.w, 0}, line, u->px_title, 1, C_TEXT, C_BG,
                 ALIGN_LEFT, NULL, 0);
    y += u->gap / 2;
    /* The bar only where it fits above what follows: the words carry the
     * meaning, the bar is a picture of them. */
    int need = ui_mm(u, 1) + ui_mm(u, 3) + ui_mm(u, 3) / 3;
    if (y + need > a.y + a.h)
        return y - a.y;
    int bh = ui_quorum_bar(u, (box){a.x, y + ui_mm(u, 1), a.w, 0}, checked_in,
                           quorum);
    if (bh)
        y += bh + ui_mm(u, 1);
    return y - a.y;
}

/* meter: the quorum meter at a.y, above bottom. */
static int meter(ui *u, const snapshot *s, box a, int bottom)
{
    a.h = bottom - a.y;
    return ui_quorum_meter(u, a, s->checked_in,
                           meeting_quorum(s->meeting));
}

static const char *person_name(const snapshot *s, const session_view *v)
{
    const meeting *m = s->meeting;
    if (v->person < 0 || !m->roster || v->person >= roster_count(m->roster))
        return "";
    return roster_get(m->roster, v->person)->name;
}

void ui_desk_idle(ui *u, const snapshot *s, const session_view *v, box a)
{
    const meeting *m = s->meeting;
    int bottom = a.y + a.h;
    (void)v;
    a.y += ui_text(u, a, m->title, u->px_title, 1, C_TEXT, C_BG,
                       ALIGN_LEFT, NULL, 0) + u->gap;
    a.y += ui_text(u, a, _("Check-in desk"), u->px_title, 0, C_TEXT, C_BG,
                   ALIGN_LEFT, NULL, 0);
    /* The invitation in every language: people read it before anyone
     * knows theirs. */
    for (int l = 0; l < m->nlangs; l++) {
        i18n_set_lang(m->langs[l]);
        a.y += ui_text(u, a, _("Scan your badge to check in"),
                       l ? u->px_title : u->px_big, 1, C_TEXT, C_BG,
                       ALIGN_LEFT, NULL, 0);
    }
    i18n_set_lang(m->langs[0]);
    a.y += u->gap;
    meter(u, s, a, bottom);
}

/* big_then: a big heading, then body text; returns the y below them. */
static int big_then(ui *u, box a, const char *head, const char *body)
{
    int y = a.y + ui_heading(u, a, head, u->px_big);
    if (body && *body)
        y += ui_text(u, (box){a.x, y, a.w, 0}, body, u->px_title, 0, C_TEXT,
                     C_BG, ALIGN_LEFT, NULL, 0) + u->gap;
    return y;
}

/* reminder: card mode's one instruction to the volunteer, in a panel. */
static int reminder(ui *u, box a)
{
    const char *t = _("Let them draw a voting card from the deck.");
    int th = ui_text_height(u, a.w - 2 * u->pad, t, u->px_title, 1);
    int h = th + 2 * u->pad;
    ui_rect(u, (box){a.x, a.y, a.w, h}, C_PANEL, 0);
    ui_rect(u, (box){a.x, a.y, a.w, h}, C_BORDER, u->pad / 3 > 2 ? u->pad / 3 : 2);
    ui_text(u, (box){a.x + u->pad, a.y + u->pad, a.w - 2 * u->pad, th}, t,
            u->px_title, 1, C_TEXT, C_PANEL, ALIGN_LEFT, NULL, 0);
    return h + u->gap;
}

static void scr_welcome(ui *u, const snapshot *s, const session_view *v, box a)
{
    char head[256];
    btn_spec ok = {_("OK"), ACT_DISMISS, 0, BTN_PRIMARY};

    ui_footer(u, &a, &ok, 1);
    int bottom = a.y + a.h;
    snprintf(head, sizeof head, _("Welcome, %s"), person_name(s, v));
    /* With cards the reminder is what matters: "checked in" is already
     * in the welcome, so a 7-inch screen keeps room for the meter. */
    const char *body = v->cards          ? NULL
                       : v->by_facilitator ? _("Checked in by a facilitator.")
                                           : _("You are checked in.");
    a.y = big_then(u, a, head, body);
    if (v->cards)
        a.y += reminder(u, a);
    meter(u, s, a, bottom);
}

static void scr_already(ui *u, const snapshot *s, const session_view *v, box a)
{
    char head[256];
    btn_spec b[] = {
        {_("Check out"), ACT_DESK_CHECKOUT, 0, BTN_SECONDARY},
        {_("OK"), ACT_DISMISS, 0, BTN_PRIMARY},
    };
    ui_footer(u, &a, b, 2);
    int bottom = a.y + a.h;
    snprintf(head, sizeof head, _("%s is already checked in"), person_name(s, v));
    a.y = big_then(u, a, head,
                   _("Nothing more to do. If they are leaving the meeting, "
                     "touch \"Check out\"."));
    meter(u, s, a, bottom);
}

static void scr_checkout(ui *u, const snapshot *s, const session_view *v, box a)
{
    char head[256];
    btn_spec b[] = {
        {_("Yes, check out"), ACT_CONFIRM, 0, BTN_PRIMARY},
        {_("Cancel"), ACT_CANCEL, 0, BTN_SECONDARY},
    };
    ui_footer(u, &a, b, 2);
    snprintf(head, sizeof head, _("Check out %s?"), person_name(s, v));
    big_then(u, a, head,
             _("They will no longer count toward quorum. A vote they already "
               "cast is kept."));
}

static void scr_left(ui *u, const snapshot *s, const session_view *v, box a)
{
    char head[256];
    btn_spec ok = {_("OK"), ACT_DISMISS, 0, BTN_PRIMARY};
    ui_footer(u, &a, &ok, 1);
    int bottom = a.y + a.h;
    snprintf(head, sizeof head, _("%s is checked out"), person_name(s, v));
    a.y = big_then(u, a, head,
                   _("If they come back, scan their badge again."));
    meter(u, s, a, bottom);
}

static void scr_fac(ui *u, const snapshot *s, const session_view *v, box a)
{
    char line[256];
    btn_spec b[8] = {
        {_("Check in by name"), ACT_DESK_BY_NAME, 0, BTN_PRIMARY},
        {_("Leave"), ACT_FAC_LEAVE, 0, BTN_SECONDARY},
    };
    int nb = 2;
    int64_t nf = s->fac_checked_in;

    /* The facilitators' language, as on the console: every other
     * meeting language named in itself. */
    for (int l = 0; l < s->meeting->nlangs && nb < 8; l++)
        if (l != v->lang)
            b[nb++] = (btn_spec){i18n_lang_name(s->meeting->langs[l]), ACT_LANG,
                                 l, BTN_SECONDARY};
    ui_footer(u, &a, b, nb);
    int bottom = a.y + a.h;
    snprintf(line, sizeof line, _("Facilitator at the desk: %s"),
             person_name(s, v));
    a.y += ui_text(u, a, line, u->px_title, 1, C_TEXT, C_BG, ALIGN_LEFT, NULL,
                       0) + u->gap;
    a.y += meter(u, s, a, bottom) + u->gap / 2;
    if (nf > 0) {
        snprintf(line, sizeof line, _("Checked in by a facilitator: %lld"),
                 (long long)nf);
        a.y += ui_text(u, a, line, u->px_body, 0, C_TEXT, C_BG, ALIGN_LEFT,
                       NULL, 0) + u->gap / 2;
    }
    ui_text(u, a, _("Someone forgot their badge? Touch \"Check in by name\" "
                    "and type the first letters of their name."),
            u->px_body, 0, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
}

static void scr_name_confirm(ui *u, const snapshot *s, const session_view *v, box a)
{
    char head[256];
    btn_spec b[] = {
        {_("Yes, check in"), ACT_CONFIRM, 0, BTN_PRIMARY},
        {_("Cancel"), ACT_CANCEL, 0, BTN_SECONDARY},
    };
    ui_footer(u, &a, b, 2);
    snprintf(head, sizeof head, _("Check in %s?"), person_name(s, v));
    big_then(u, a, head,
             _("Only if this is really the person in front of you. It is "
               "marked as checked in by a facilitator."));
}

/* One key of the on-screen keyboard: span columns wide. */
typedef struct {
    const char *label;
    int action, arg, span;
} key_spec;

/* keyboard: lays out keys in cols columns of key x key pixels with gap
 * between, from (x, y); an item that would not fit the rest of a row
 * starts the next, and the last item of each row stretches to its end.
 * Returns the height used.  dry: measure only. */
static int keyboard(ui *u, int x, int y, int cols, int key, int gap,
                    const key_spec *k, int n, int dry)
{
    int row = 0, col = 0;
    for (int i = 0; i < n; i++) {
        int span = k[i].span > cols ? cols : k[i].span;
        if (col + span > cols) {
            row++;
            col = 0;
        }
        int end = col + span;
        if (i + 1 == n || end + (k[i + 1].span > cols ? cols : k[i + 1].span) > cols)
            end = cols; /* last of its row: fill it */
        if (!dry) {
            box b = {x + col * (key + gap), y + row * (key + gap),
                     (end - col) * key + (end - col - 1) * gap, key};
            ui_button(u, b, k[i].label, k[i].action, k[i].arg, BTN_SECONDARY);
        }
        col = end;
        if (col >= cols && i + 1 < n) {
            row++;
            col = 0;
        }
    }
    return (row + 1) * key + row * gap;
}

/* match_texts: one label per match of the name search.  People who
 * share a name are numbered in roster order (and a facilitator among them
 * says so) so every button has its own label; who is already in says so. */
static void match_texts(const meeting *m, const session_view *v,
                        char texts[][320], const char **tx, int *args)
{
    int nm = v->nmatches;
    for (int i = 0; i < nm; i++) {
        const roster_entry *e = roster_get(m->roster, v->matches[i]);
        int twins = 0, nth = 0;
        for (int j = 0; j < nm; j++)
            if (!strcmp(roster_get(m->roster, v->matches[j])->name, e->name)) {
                twins++;
                if (j <= i)
                    nth++;
            }
        size_t l = (size_t)snprintf(texts[i], 320, "%s", e->name);
        if (twins > 1 && l < 320)
            l += (size_t)snprintf(texts[i] + l, 320 - l, " (%d)", nth);
        if (twins > 1 && e->role == MEMBER_FACILITATOR && l < 320)
            l += (size_t)snprintf(texts[i] + l, 320 - l, " %s", _("(facilitator)"));
        if (v->match_in[i] && l < 320)
            snprintf(texts[i] + l, 320 - l, " %s", _("(already checked in)"));
        tx[i] = texts[i];
        args[i] = v->matches[i];
    }
}

static void scr_search(ui *u, const snapshot *s, const session_view *v, box a)
{
    static const char *const letters[26] = {
        "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M",
        "N", "O", "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z"};
    key_spec k[30];
    int n = 0;
    const meeting *m = s->meeting;

    for (int i = 0; i < 26; i++)
        k[n++] = (key_spec){letters[i], ACT_KEY, 'A' + i, 1};
    k[n++] = (key_spec){_("Space"), ACT_KEY, ' ', 2};
    k[n++] = (key_spec){_("Delete"), ACT_KEY_BACKSPACE, 0, 2};
    k[n++] = (key_spec){_("Clear"), ACT_KEY_CLEAR, 0, 2};
    k[n++] = (key_spec){_("Back"), ACT_BACK, 0, 3};

    /* Keys at the kiosk's usual size where they fit, else at the
     * minimums (a 7-inch 800x480 screen). */
    int wide = a.w * 10 > a.h * 13;
    int key = u->target, gap = u->gap, cols;
    for (int pass = 0; pass < 2; pass++) {
        if (wide)
            cols = 7;
        else
            cols = (a.w + gap) / (key + gap);
        if (cols < 5)
            cols = 5;
        int kw = cols * key + (cols - 1) * gap;
        int kh = keyboard(u, 0, 0, cols, key, gap, k, n, 1);
        int fits = wide ? kh <= a.h && a.w - kw - gap >= ui_mm(u, 34)
                        : kw <= a.w && a.h - kh - gap >= ui_mm(u, 36);
        if (fits || pass == 1)
            break;
        key = ui_mm(u, 12.9);
        gap = ui_mm(u, 2.6);
    }
    int kw = cols * key + (cols - 1) * gap;
    int kh = keyboard(u, 0, 0, cols, key, gap, k, n, 1);
    box rest = a;
    if (wide) {
        keyboard(u, a.x + a.w - kw, a.y, cols, key, gap, k, n, 0);
        rest.w = a.w - kw - gap;
    } else {
        keyboard(u, a.x + (a.w - kw) / 2, a.y + a.h - kh, cols, key, gap, k, n, 0);
        rest.h = a.h - kh - gap;
    }

    /* What was typed, in a panel, or what to do. */
    char line[256];
    if (v->query && v->query[0])
        snprintf(line, sizeof line, _("Name: %s"), v->query);
    else
        snprintf(line, sizeof line, "%s", _("Type the first letters of the name"));
    int th = ui_text_height(u, rest.w - 2 * u->pad, line, u->px_title, 1);
    ui_rect(u, (box){rest.x, rest.y, rest.w, th + 2 * u->pad}, C_PANEL, 0);
    ui_text(u, (box){rest.x + u->pad, rest.y + u->pad, rest.w - 2 * u->pad, th},
            line, u->px_title, 1, C_TEXT, C_PANEL, ALIGN_LEFT, NULL, 0);
    rest.y += th + 2 * u->pad + u->gap / 2;
    rest.h = a.y + (wide ? a.h : a.h - kh - gap) - rest.y;

    if (!v->query || !v->query[0])
        return;
    if (v->nmatches == 0) {
        ui_text(u, rest, _("No name on the roster starts with that."),
                u->px_body, 0, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
        return;
    }
    static char texts[SESSION_MAX_MATCHES][320];
    const char *tx[SESSION_MAX_MATCHES];
    int args[SESSION_MAX_MATCHES];
    int nm = v->nmatches;
    match_texts(m, v, texts, tx, args);
    /* Beside the keyboard only as many matches as fit; when that is not
     * all of them (a 7-inch screen, a common first letter), one button
     * opens them all on a screen of their own, paged, with the keyboard a
     * tap away. */
    int used = 0, fit = 0;
    for (int i = 0; i < nm; i++) {
        used += ui_button_h(u, rest.w, tx[i]) + (i ? u->gap : 0);
        if (used > rest.h)
            break;
        fit++;
    }
    if (fit < nm) {
        char all[128];
        snprintf(all, sizeof all, _("Show all %d names"), nm);
        ui_button(u, (box){rest.x, rest.y, rest.w, ui_button_h(u, rest.w, all)},
                  all, ACT_DESK_LIST, 1, BTN_PRIMARY);
        return;
    }
    for (int i = 0, y = rest.y; i < nm; i++) {
        int h = ui_button_h(u, rest.w, tx[i]);
        ui_button_text(u, (box){rest.x, y, rest.w, h}, tx[i], tx[i],
                       ACT_DESK_PICK, args[i], BTN_SECONDARY);
        y += h + u->gap;
    }
    if (v->more_matches)
        ui_text(u, (box){rest.x, used + rest.y + u->gap, rest.w, 0},
                _("More names: type more letters."), u->px_body, 0, C_TEXT,
                C_BG, ALIGN_LEFT, NULL, 0);
}

/* search_list: every match of the name search, full screen and paged. */
static void search_list(ui *u, const snapshot *s, const session_view *v, box a)
{
    const meeting *m = s->meeting;
    static char texts[SESSION_MAX_MATCHES][320];
    const char *tx[SESSION_MAX_MATCHES];
    int args[SESSION_MAX_MATCHES];
    char head[160];
    int nm = v->nmatches, bottom = a.y + a.h;

    match_texts(m, v, texts, tx, args);
    snprintf(head, sizeof head, _("Names starting with %s"), v->query);
    a.y += ui_text(u, a, head, u->px_title, 1, C_TEXT, C_BG, ALIGN_LEFT, NULL,
                       0) + u->gap / 2;
    if (v->more_matches)
        a.y += ui_text(u, a, _("More names: type more letters."), u->px_body,
                       0, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
    a.h = bottom - a.y;
    btn_spec back = {_("Back to the keyboard"), ACT_DESK_LIST, 0, BTN_SECONDARY};
    ui_list_body(u, a, tx, tx, args, nm, ACT_DESK_PICK, &back, 1);
}

void ui_desk_screen(ui *u, const snapshot *s, const session_view *v, box a)
{
    switch (v->screen) {
    case SCR_DESK_WELCOME: scr_welcome(u, s, v, a); break;
    case SCR_DESK_ALREADY: scr_already(u, s, v, a); break;
    case SCR_DESK_CHECKOUT: scr_checkout(u, s, v, a); break;
    case SCR_DESK_LEFT: scr_left(u, s, v, a); break;
    case SCR_DESK_FAC: scr_fac(u, s, v, a); break;
    case SCR_DESK_SEARCH:
        if (u->desk_list && v->nmatches > 0)
            search_list(u, s, v, a);
        else
            scr_search(u, s, v, a);
        break;
    case SCR_DESK_NAME_CONFIRM: scr_name_confirm(u, s, v, a); break;
    default: break;
    }
}
