/* ui_voter.c: the attendee's screens: idle (the invitation), messages,
 * language, the list of open proposals, a proposal's text, the review,
 * "recorded", "still voting?" and the vote error.  Each lays out a
 * header, a body and a footer in the space it has; lists page and long
 * texts scroll (by drag or by buttons, never by swipe alone). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "i18n.h"
#include "record.h"
#include "tally.h"
#include "method.h"
#include "ui_internal.h"

/* idle_header: the meeting's title and the invitation in every language
 * at y; returns the height used.  compact: smaller (still >= 3.5 mm cap)
 * type, for short screens that also show demo badges. */
static int idle_header(ui *u, const meeting *m, box a, int compact, int paused,
                       int dry)
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
        snprintf(line, sizeof line, "%s", paused ? _("Voting is paused at this kiosk")
                                                 : _("Scan your badge to vote"));
        y += ui_text(u, (box){a.x, y, a.w, 0}, line, l ? px_head : px_first,
                     1, C_TEXT, C_BG, ALIGN_LEFT, NULL, dry);
    }
    i18n_set_lang(m->langs[0]);
    return y - a.y + u->gap;
}

void ui_scr_idle(ui *u, const snapshot *s, const session_view *v, box a)
{
    const meeting *m = s->meeting;
    int demo = v->demo && m->roster;
    const char *intro = _("Demo: no scanner needed. Touch a badge to try it.");
    int compact = 0;

    if (demo) {
        /* Room for one badge and the page buttons below the header. */
        int need = ui_text_height(u, a.w, intro, u->px_body, 0) + u->gap / 2 +
                   2 * u->target + 2 * u->gap;
        compact = a.h - idle_header(u, m, a, 0, s->paused, 1) < need;
    }
    int y = a.y + idle_header(u, m, a, compact, s->paused, 0);
    if (s->paused)
        y += ui_text(u, (box){a.x, y, a.w, 0},
                     _("This kiosk cannot reach the facilitator's station. It "
                       "reconnects by itself; please wait a moment or use "
                       "another kiosk. No vote is lost."),
                     u->px_body, 0, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0) + u->gap;
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

void ui_scr_message(ui *u, const session_view *v, box a)
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
    case MSG_PAUSED:
        head = _("Voting is paused at this kiosk");
        body = _("This kiosk cannot reach the facilitator's station. It "
                 "reconnects by itself; please wait a moment or use another "
                 "kiosk. No vote is lost.");
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

void ui_scr_language(ui *u, const snapshot *s, box a)
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

void ui_scr_list(ui *u, const snapshot *s, const session_view *v, box a)
{
    const meeting *m = s->meeting;
    const char *labels[256];
    int n = v->nvotable < 256 ? v->nvotable : 256;
    const char *head;

    for (int i = 0; i < n; i++)
        labels[i] = ui_ptitle(m, v->votable[i], v->lang);
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

void ui_scr_proposal(ui *u, const snapshot *s, const session_view *v, box a)
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
    text = ui_reflow(u, text);
    /* The title above the panel when that leaves the text its room (and
     * its scroll buttons their size); a longer title is shown whole at
     * the top of the scrolled text instead. */
    const char *title = ui_ptitle(m, v->proposal, v->lang);
    int th = ui_text_height(u, a.w, title, u->px_title, 1);
    int inside = a.h - th - u->gap / 2 < 2 * u->target + u->gap;
    if (!inside) {
        ui_text(u, a, title, u->px_title, 1, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
        a.y += th + u->gap / 2;
        a.h -= th + u->gap / 2;
    }
    ui_text_panel(u, a, inside ? title : NULL, text, u->px_body,
                  "Proposal text");
}

typedef struct {
    const snapshot *s;
    const session_view *v;
    const char *note;
} review_arg;

/* review_body: the check of a one-choice vote in a (ui_scrolled's fn). */
static void review_body(ui *u, box a, const void *arg)
{
    const review_arg *ra = arg;
    const snapshot *s = ra->s;
    const session_view *v = ra->v;
    const meeting *m = s->meeting;
    const char *note = ra->note;
    char line[256];
    int bottom = a.y + a.h;
    const char *head = _("Please check your vote");
    const char *title = ui_ptitle(m, v->proposal, v->lang);
    ui_review_words(s, v, line, sizeof line);
    /* The choice in large type; a long one (a recall names the
     * delegate) in title size, so it stays on one line where it can. */
    int cpx = u->px_big;
    if (ui_text_height(u, a.w - 2 * u->pad, line, cpx, 1) >
        u->mx.line_height(u->mx.ud, cpx))
        cpx = u->px_title;
    int h = ui_text_height(u, a.w - 2 * u->pad, line, cpx, 1) + 2 * u->pad;
    int fixed = 2 * u->gap + h + ui_text_height(u, a.w, note, u->px_body, 0);
    /* The whole title, never cut: in title size where it fits, else in
     * body size under a smaller heading (it was read whole on the
     * proposal screen; here it names what the choice is for). */
    int hpx = u->px_big, tpx = u->px_title;
    int avail = bottom - a.y - fixed;
    if (ui_text_height(u, a.w, head, hpx, 1) + u->gap +
        ui_text_height(u, a.w, title, tpx, 0) > avail)
        tpx = u->px_body;
    if (ui_text_height(u, a.w, head, hpx, 1) + u->gap +
        ui_text_height(u, a.w, title, tpx, 0) > avail)
        hpx = u->px_title;
    if (ui_text_height(u, a.w, head, hpx, 1) + u->gap +
        ui_text_height(u, a.w, title, tpx, 0) > avail)
        hpx = u->px_body;
    a.y += ui_heading(u, a, head, hpx);
    int room = bottom - a.y - fixed - ui_text_height(u, a.w, title, tpx, 0);
    /* Consensus and recall: what the choice means, said again, where the
     * screen has the room for it. */
    const char *meaning = ui_choice_meaning(s, v);
    int mh = meaning ? ui_text_height(u, a.w, meaning, u->px_body, 0) + u->gap / 2
                     : 0;
    if (meaning && room < mh)
        meaning = NULL;
    a.y += ui_text(u, a, title, tpx, 0, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0) +
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

void ui_scr_review(ui *u, const snapshot *s, const session_view *v, box a)
{
    const meeting *m = s->meeting;
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
        a.y += ui_text(u, a, _("Please check your vote"), u->px_title, 1,
                           C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
        a.y += ui_text(u, a, ui_ptitle(m, v->proposal, v->lang), u->px_body, 0,
                           C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
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
    review_arg ra = {s, v, note};
    /* A long title on a 7-inch screen: the whole check scrolls above
     * the buttons rather than run under them. */
    ui_scrolled(u, (box){a.x, a.y, a.w, bottom - a.y}, review_body, &ra,
                _("Your vote"));
}

void ui_scr_recorded(ui *u, const session_view *v, box a)
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

void ui_scr_still(ui *u, box a)
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

void ui_scr_vote_error(ui *u, const session_view *v, box a)
{
    btn_spec ok = {_("OK"), ACT_DISMISS, 0, BTN_PRIMARY};
    ui_footer(u, &a, &ok, 1);
    a.y += ui_heading(u, a, _("Your vote was NOT recorded"), u->px_big);
    a.y += ui_text(u, a, _("Please tell a facilitator. You can vote again once "
                           "the problem is fixed."),
                   u->px_title, 0, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0) + u->gap;
    ui_text(u, a, v->detail, u->px_body, 0, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
}
