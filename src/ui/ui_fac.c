/* ui_fac.c: the facilitator's screens: the home list with every
 * proposal's state and the quorum bar, one proposal (open, close,
 * turnout, or the result with its ballot list code and QR view) and the
 * confirmations.  Figures and results come from the snapshot, counted
 * when they changed; nothing here reads the store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "i18n.h"
#include "record.h"
#include "tally.h"
#include "method.h"
#include "ui_internal.h"

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

/* title_with_panel_button: head in title size at the left of a, the
 * panel's button (rl: "Room display", or "More" when the panel holds
 * Export and Shut down too) at its right; returns the height used. */
static int title_with_panel_button(ui *u, box a, const char *head,
                                   const char *rl)
{
    int bw = u->mx.text_width(u->mx.ud, rl, strlen(rl), u->px_button, 1) +
             2 * u->pad;
    /* A hair over the 12.7 mm minimum, not the usual 14 mm: on 800x480
     * those 7 px are what keeps two proposals on the home screen. */
    int bh = ui_mm(u, 13);
    if (bw < bh)
        bw = bh;
    box tb = {a.x, a.y, a.w - bw - u->gap, 0};
    int th = ui_text_height(u, tb.w, head, u->px_title, 1);
    int h = th > bh ? th : bh;
    tb.y = a.y + (h - th) / 2;
    ui_button(u, (box){a.x + a.w - bw, a.y + (h - bh) / 2, bw, bh},
              rl, ACT_FAC_ROOM_PANEL, 1, BTN_SECONDARY);
    ui_text(u, tb, head, u->px_title, 1, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
    return h;
}

/* panel_words: the panel's heading and what the room shows now. */
static void panel_words(ui *u, box a, const void *arg)
{
    a.y += ui_heading(u, a, _("Room display"), u->px_title);
    ui_text(u, a, arg, u->px_body, 1, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
}

/* room_panel: the room's buttons and the language on a screen of their
 * own, for a console too small to hold them beside the proposals. */
static void room_panel(ui *u, const snapshot *s, const session_view *v, box a,
                       const btn_spec *more, int nmore)
{
    btn_spec b[16];
    int nb = 0;
    char line[400];

    for (int k = 0; k < nmore; k++) /* the tools the home had no room for */
        b[nb++] = more[k];
    ui_room_home_buttons(s, v->lang, b, &nb);
    b[nb++] = (btn_spec){_("Back to the proposals"), ACT_FAC_ROOM_PANEL, 0,
                         BTN_PRIMARY};
    ui_footer(u, &a, b, nb);
    ui_room_words(s, v->lang, v->proposal, line, sizeof line);
    /* The heading and what the room shows, when they fit whole; a 7-inch
     * console in a long language keeps the line alone, or, with no room
     * at all, only the buttons (whose words say what they show). */
    int lh = ui_text_height(u, a.w, line, u->px_body, 1);
    if (lh + ui_text_height(u, a.w, _("Room display"), u->px_title, 1) +
            u->gap <= a.h)
        panel_words(u, a, line);
    else if (lh <= a.h)
        ui_text(u, a, line, u->px_body, 1, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
}

void ui_scr_fac_home(ui *u, const snapshot *s, const session_view *v, box a)
{
    const meeting *m = s->meeting;
    int n = m->nprops < 256 ? m->nprops : 256;
    static char rows[256][400];
    const char *labels[256], *texts[256];
    int args[256];
    char line[256], msg[640], room[400];
    session_figures f;
    btn_spec b[18];
    int nb = 0;

    for (int i = 0; i < n; i++) {
        char st[160] = "";
        if (s->props[i].have_fig)
            state_line(m, &s->props[i].fig, i, st, sizeof st);
        snprintf(rows[i], sizeof rows[i], "%s\n%s", ui_ptitle(m, i, v->lang), st);
        labels[i] = ui_ptitle(m, i, 0); /* tapped by its first title */
        texts[i] = rows[i];
        args[i] = i;
    }
    f.checked_in = s->checked_in;
    f.quorum = meeting_quorum(m);
    attendance_line(&f, line, sizeof line);
    ui_room_words(s, v->lang, -1, room, sizeof room);
    const char *mp = fac_message(v, msg, sizeof msg);
    b[nb++] = (btn_spec){_("Previous page"), ACT_PAGE, -1, BTN_SECONDARY};
    b[nb++] = (btn_spec){_("Next page"), ACT_PAGE, +1, BTN_SECONDARY};
    b[nb++] = (btn_spec){_("Export"), ACT_FAC_EXPORT, 0, BTN_SECONDARY};
    if (!v->cards) /* with voting cards a facilitator votes with a card too */
        b[nb++] = (btn_spec){_("Vote"), ACT_FAC_VOTE, 0, BTN_SECONDARY};
    b[nb++] = (btn_spec){_("Shut down"), ACT_FAC_SHUTDOWN, 0, BTN_SECONDARY};
    b[nb++] = (btn_spec){_("Leave"), ACT_FAC_LEAVE, 0, BTN_PRIMARY};
    int own = nb;
    ui_room_home_buttons(s, v->lang, b, &nb);
    /* Everything on one screen when that leaves a page of at least one
     * proposal; a 7-inch console instead gets a "Room display" button
     * at the top that opens the room's buttons on a panel of their own. */
    const char *who = _("Facilitator");
    int lh = u->mx.line_height(u->mx.ud, u->px_title);
    int head = lh + ui_text_height(u, a.w, line, u->px_body, 1) +
               ui_text_height(u, a.w, room, u->px_body, 0) + u->gap / 2 +
               (mp ? ui_text_height(u, a.w, msg, u->px_body, 0) : 0);
    int entry = u->target; /* the tallest entry must fit a page */
    for (int i = 0; i < n; i++) {
        int h = ui_button_h(u, a.w, rows[i]);
        entry = h > entry ? h : entry;
    }
    int whole = head + ui_button_rows(u, a, b, nb, 1) + u->gap + entry <= a.h;
    /* Smaller still (long titles on 800x480): Export, Vote and Shut down
     * join the panel too, and the home keeps the list and Leave. */
    int short_head = ui_mm(u, 13) + ui_text_height(u, a.w, line, u->px_body, 1) +
                     (mp ? ui_text_height(u, a.w, msg, u->px_body, 0) : 0);
    int tight = !whole &&
                short_head + ui_button_rows(u, a, b, own, 1) + u->gap + entry > a.h;
    if (!whole && u->room_panel) {
        room_panel(u, s, v, a, b + 2, tight ? own - 3 : 0);
        return;
    }
    if (tight) { /* Leave stays; Export, Vote and Shut down are on the panel */
        b[2] = b[own - 1];
        own = 3;
        /* A long message too: the entries name their proposals only
         * (each one's state is on its own screen). */
        if (short_head + ui_button_rows(u, a, b, own, 1) + u->gap + entry > a.h)
            for (int i = 0; i < n; i++)
                texts[i] = ui_ptitle(m, i, v->lang);
    }
    int ww = u->mx.text_width(u->mx.ud, who, strlen(who), u->px_title, 1);
    int top = a.y;
    if (!whole) {
        a.y += title_with_panel_button(u, a, who,
                                       tight ? _("More") : _("Room display"));
    } else {
        /* Who this screen is for with the quorum bar beside it; the
         * words the bar stands for below (the meaning is in the words,
         * never in the bar alone). */
        ui_text(u, a, who, u->px_title, 1, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
        if (f.quorum > 0 && a.w - ww - 2 * u->gap >= a.w / 4)
            ui_quorum_bar(u, (box){a.x + ww + 2 * u->gap, a.y + lh / 2 - ui_mm(u, 1.5),
                                   a.w - ww - 2 * u->gap, 0}, f.checked_in, f.quorum);
        a.y += lh;
    }
    a.y += ui_text(u, a, line, u->px_body, 1, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
    if (whole)
        a.y += ui_text(u, a, room, u->px_body, 0, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
    if (mp)
        a.y += ui_text(u, a, msg, u->px_body, 0, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
    if (whole) /* a small console has no pixel to spare */
        a.y += u->gap / 2;
    box area = {a.x, a.y, a.w, a.h - (a.y - top)};
    ui_list_body(u, area, labels, texts, args, n, ACT_FAC_PROPOSAL, b + 2,
                 (whole ? nb : own) - 2);
}

/* round_buttons: a result with rounds steps through them.  While the
 * room shows this result, "Previous round" and "Next round" step the
 * room (the session keeps the round) and this screen follows it;
 * otherwise they page this screen's rounds only. */
static void round_buttons(ui *u, const snapshot *s, int i, int ranked,
                          btn_spec *b, int *nb)
{
    const tally_result *r = s->props[i].result;
    int steps = method_result_steps(&s->meeting->props[i], r);
    int room = s->room.mode == ROOM_RESULT && s->room.proposal == i;

    if (ranked && r->rcv)
        u->rounds = r->rcv->nrounds;
    if (room && steps > 0) {
        if (ranked)
            u->round = s->room.round < u->rounds ? s->room.round : u->rounds;
        if (s->room.round > 0)
            b[(*nb)++] = (btn_spec){_("Previous round"), ACT_ROOM_ROUND, -1,
                                    BTN_SECONDARY};
        if (s->room.round < steps)
            b[(*nb)++] = (btn_spec){_("Next round"), ACT_ROOM_ROUND, +1,
                                    BTN_PRIMARY};
    } else if (ranked && r->rcv && r->rcv->nrounds > 0) {
        /* One round per page: the summary is page 0. */
        if (u->round > 0) /* round 1 goes back to the outcome */
            b[(*nb)++] = (btn_spec){u->round == 1 ? _("Summary") : _("Previous round"),
                                    ACT_ROUND, -1, BTN_SECONDARY};
        if (u->round < u->rounds)
            b[(*nb)++] = (btn_spec){_("Next round"), ACT_ROUND, +1, BTN_PRIMARY};
    }
}

/* prop_room_panel: a small console's room buttons for proposal v->proposal:
 * show its text, turnout or result, and step the room's rounds of a
 * result without pages of its own here (condorcet). */
static void prop_room_panel(ui *u, const snapshot *s, const session_view *v,
                            int ranked, box a)
{
    int i = v->proposal;
    btn_spec b[12];
    int nb = 0;
    char line[400];

    ui_room_prop_buttons(s, i, b, &nb);
    if (!ranked && s->props[i].result && s->props[i].fig.state == PROP_CLOSED)
        round_buttons(u, s, i, 0, b, &nb);
    b[nb++] = (btn_spec){_("Back to the proposal"), ACT_FAC_ROOM_PANEL, 0,
                         BTN_PRIMARY};
    ui_footer(u, &a, b, nb);
    a.y += ui_heading(u, a, ui_ptitle(s->meeting, i, v->lang), u->px_title);
    ui_room_words(s, v->lang, v->proposal, line, sizeof line);
    ui_text(u, a, line, u->px_body, 1, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
}

typedef struct {
    const snapshot *s;
    const session_view *v;
    const session_figures *f;
    const tally_result *r;
    int yes_no, small, in_title;
} fac_body_arg;

/* fac_body: a proposal's title, what the room shows, a message, and its
 * state or result, in a (ui_scrolled's fn: on a small console a long
 * title and a long result scroll together above the buttons). */
static void fac_body(ui *u, box a, const void *arg)
{
    const fac_body_arg *ba = arg;
    const meeting *m = ba->s->meeting;
    const session_view *v = ba->v;
    int i = v->proposal;
    char line[400], msg[640];
    int bottom = a.y + a.h;

    if (ba->in_title) {
        /* drawn above, outside the scrolled part */
    } else {
        a.y += ui_text(u, a, ui_ptitle(m, i, v->lang), u->px_title, 1, C_TEXT,
                       C_BG, ALIGN_LEFT, NULL, 0) + u->gap / 2;
    }
    if (!ba->small) {
        ui_room_words(ba->s, v->lang, v->proposal, line, sizeof line);
        a.y += ui_text(u, a, line, u->px_body, 0, C_TEXT, C_BG, ALIGN_LEFT,
                       NULL, 0) + u->gap / 2;
    }
    /* Export results are reported on the screen with the Export button. */
    if ((v->msg == MSG_OPENED_NO_QUORUM || v->msg == MSG_STORE_ERROR) &&
        fac_message(v, msg, sizeof msg))
        a.y += ui_text(u, a, msg, u->px_body, 1, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
    if (ba->f->state != PROP_CLOSED) {
        /* Several kiosks: between the first tap on Close and the last
         * kiosk's ballots the vote is neither open nor closed. */
        if (ba->s->kiosks_closing)
            snprintf(line, sizeof line, "%s",
                     _("Closing: no new votes are taken. The result appears "
                       "once every kiosk has handed in its ballots."));
        else
            state_line(m, ba->f, i, line, sizeof line);
        a.y += ui_text(u, a, line, u->px_title, 1, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
        attendance_line(ba->f, line, sizeof line);
        a.y += ui_text(u, a, line, u->px_body, 0, C_TEXT, C_BG, ALIGN_LEFT,
                       NULL, 0) + u->gap / 2;
        ui_fac_kiosks(u, ba->s, a);
        return;
    }
    box rb = {a.x, a.y, a.w, bottom - a.y};
    /* A 7-inch console lays an approval result (a tie sentence of long
     * names, every option's count) out in full, one flow that
     * ui_scrolled scrolls, rather than in panels of its own. */
    if (ba->small &&
        method_of(m->props[i].method)->ui_result == UI_RESULT_APPROVAL)
        rb.h = UI_FLOW_H;
    if (ba->yes_no)
        ui_fac_yna_result(u, m, i, ba->f, ba->r, rb);
    else
        ui_result_block(u, m, i, ba->r, ba->f, rb);
}

void ui_scr_fac_proposal(ui *u, const snapshot *s, const session_view *v, box a)
{
    const meeting *m = s->meeting;
    int i = v->proposal;
    const snapshot_proposal *sp = &s->props[i];
    session_figures f = sp->fig;
    const tally_result *r = sp->result;
    btn_spec b[12];
    int nb = 0;

    /* The figures could not be read, or the closed proposal not counted:
     * the store's words instead. */
    if (!sp->have_fig || (f.state == PROP_CLOSED && !r)) {
        btn_spec back = {_("Back"), ACT_BACK, 0, BTN_SECONDARY};
        ui_footer(u, &a, &back, 1);
        ui_text(u, a, sp->err.msg, u->px_body, 0, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
        return;
    }
    if (f.state == PROP_CLOSED && u->qr_view) {
        ui_fac_qr_view(u, m, i, &f, r, v, a);
        return;
    }
    int ranked = method_of(m->props[i].method)->ui_result == UI_RESULT_ROUNDS;
    int yes_no = method_of(m->props[i].method)->ui_result == UI_RESULT_YES_NO;
    btn_spec qr = {_("Show QR code"), ACT_QR, 1, ranked ? BTN_SECONDARY : BTN_PRIMARY};
    /* A 7-inch console keeps its lines for the result: the room's
     * buttons go on a panel of their own behind "Room display". */
    int small = a.h < ui_mm(u, 100) || a.w < ui_mm(u, 100); /* 7" either way */
    if (small && u->room_panel) {
        prop_room_panel(u, s, v, ranked, a);
        return;
    }
    if (f.state == PROP_DRAFT)
        b[nb++] = (btn_spec){_("Open voting"), ACT_FAC_OPEN, i, BTN_PRIMARY};
    else if (f.state == PROP_OPEN)
        b[nb++] = (btn_spec){s->kiosks_closing ? _("Finish closing")
                                               : _("Close voting"),
                             ACT_FAC_CLOSE, i, BTN_PRIMARY};
    if (!small)
        ui_room_prop_buttons(s, i, b, &nb);
    if (f.state == PROP_CLOSED && (ranked || !small))
        round_buttons(u, s, i, ranked, b, &nb);
    if (f.state == PROP_CLOSED && (!ranked || u->round == 0))
        b[nb++] = qr; /* the rounds have the screen */
    b[nb++] = (btn_spec){_("Back"), ACT_BACK, 0, BTN_SECONDARY};
    /* The panel's button joins the footer when that takes no more rows;
     * else it goes beside the title. */
    /* The panel's button joins the footer when that takes no more rows;
     * else it goes beside the title, which then stays put while the rest
     * scrolls (ui_scrolled). */
    int in_title = small;
    if (small) {
        int rows = ui_button_rows(u, a, b, nb, 1);
        b[nb] = b[nb - 1];
        b[nb - 1] = (btn_spec){_("Room display"), ACT_FAC_ROOM_PANEL, 1,
                               BTN_SECONDARY};
        /* A title too long to leave the rest its scrolling room keeps
         * the button in the footer and scrolls with the rest. */
        int th = ui_text_height(u, a.w - ui_mm(u, 40), ui_ptitle(m, i, v->lang),
                                u->px_title, 1);
        int left = a.h - ui_button_rows(u, a, b, nb, 1) - u->gap - th;
        if (ui_button_rows(u, a, b, nb + 1, 1) <= rows ||
            left < 2 * u->target + 2 * u->gap) {
            nb++;
            in_title = 0;
        } else {
            b[nb - 1] = b[nb];
        }
    }
    ui_footer(u, &a, b, nb);
    if (in_title) {
        int th = title_with_panel_button(u, a, ui_ptitle(m, i, v->lang),
                                         _("Room display")) + u->gap;
        a.y += th;
        a.h -= th;
    }
    fac_body_arg ba = {s, v, &f, r, yes_no, small, in_title};
    ui_scrolled(u, a, fac_body, &ba, _("The result"));
}

/* confirm_body: the question and why (ui_scrolled's fn). */
static void confirm_body(ui *u, box a, const void *arg)
{
    const char *const *w = arg;
    a.y += ui_text(u, a, w[0], u->px_title, 1, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0) +
           u->gap;
    ui_text(u, a, w[1], u->px_body, 0, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
}

void ui_scr_fac_confirm(ui *u, const snapshot *s, const session_view *v, box a)
{
    const meeting *m = s->meeting;
    char q[512];
    const char *yes = _("Yes");
    const char *why = "";

    if (v->confirm_action == ACT_FAC_OPEN) {
        snprintf(q, sizeof q, _("Open voting on \"%s\"?"), ui_ptitle(m, v->confirm_arg, v->lang));
        yes = _("Yes, open voting");
        int pq = meeting_proposal_quorum(m, v->confirm_arg);
        if (pq > 0 && s->checked_in < pq)
            why = _("Quorum is NOT met. The vote will be marked as opened without quorum.");
    } else if (v->confirm_action == ACT_FAC_CLOSE) {
        snprintf(q, sizeof q, _("Close voting on \"%s\"?"), ui_ptitle(m, v->confirm_arg, v->lang));
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
    const char *words[2] = {q, why};
    ui_scrolled(u, a, confirm_body, words, _("The question"));
}
