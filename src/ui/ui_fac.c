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

void ui_scr_fac_home(ui *u, const snapshot *s, const session_view *v, box a)
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
        snprintf(rows[i], sizeof rows[i], "%s\n%s", ui_ptitle(m, i, 0), st);
        labels[i] = ui_ptitle(m, i, 0);
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
        a.y += ui_text(u, a, msg, u->px_body, 0, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
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
        snprintf(rows[k], sizeof rows[k], "%s: %lld (%s)", ui_choice_word(k),
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
    info.y += ui_text(u, info, ui_ptitle(m, i, 0), u->px_body, 1, C_TEXT, C_BG,
                          ALIGN_LEFT, NULL, 0);
    if (yna) {
        snprintf(line, sizeof line, "%s %lld  %s %lld  %s %lld", ui_choice_word(0),
                 (long long)r->counts[0], ui_choice_word(1), (long long)r->counts[1],
                 ui_choice_word(2), (long long)r->counts[2]);
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

void ui_scr_fac_proposal(ui *u, const snapshot *s, const session_view *v, box a)
{
    const meeting *m = s->meeting;
    int i = v->proposal;
    const snapshot_proposal *sp = &s->props[i];
    session_figures f = sp->fig;
    const tally_result *r = sp->result;
    char line[256], msg[640];
    btn_spec b[6];
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
        qr_view(u, m, i, &f, r, v, a);
        return;
    }
    int ranked = method_of(m->props[i].method)->ui_result == UI_RESULT_ROUNDS;
    int yes_no = method_of(m->props[i].method)->ui_result == UI_RESULT_YES_NO;
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
    a.y += ui_text(u, a, ui_ptitle(m, i, 0), u->px_title, 1, C_TEXT, C_BG,
                       ALIGN_LEFT, NULL, 0) + u->gap;
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

void ui_scr_fac_confirm(ui *u, const snapshot *s, const session_view *v, box a)
{
    const meeting *m = s->meeting;
    char q[512];
    const char *yes = _("Yes");
    const char *why = "";

    if (v->confirm_action == ACT_FAC_OPEN) {
        snprintf(q, sizeof q, _("Open voting on \"%s\"?"), ui_ptitle(m, v->confirm_arg, 0));
        yes = _("Yes, open voting");
        int pq = meeting_proposal_quorum(m, v->confirm_arg);
        if (pq > 0 && s->checked_in < pq)
            why = _("Quorum is NOT met. The vote will be marked as opened without quorum.");
    } else if (v->confirm_action == ACT_FAC_CLOSE) {
        snprintf(q, sizeof q, _("Close voting on \"%s\"?"), ui_ptitle(m, v->confirm_arg, 0));
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
    a.y += ui_text(u, a, q, u->px_title, 1, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0) +
           u->gap;
    ui_text(u, a, why, u->px_body, 0, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
}
