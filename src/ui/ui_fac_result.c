/* ui_fac_result.c: a closed yes-no-abstain vote on the facilitator's
 * console (the counts on one stated base, the outcome and the rule in
 * words, the ballot-list code) and the QR view of any closed vote, which
 * holds record_qr_text like the room display and the minutes. */
#include <stdio.h>
#include <string.h>
#include "i18n.h"
#include "method.h"
#include "record.h"
#include "tally.h"
#include "ui_internal.h"

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

/* count_rows: "Yes: 29 (82.9%)" and friends on the threshold's base, so
 * the shown percentages add up to exactly 100.0% (tally_shares): of
 * yes + no, with abstentions a count beside them, or of all ballots.
 * base_line says which. */
static void count_rows(const proposal *p, const tally_result *r,
                       char rows[3][128], char *base_line, size_t n)
{
    int64_t all = r->counts[0] + r->counts[1] + r->counts[2];
    int whole = p->base == BASE_ALL_BALLOTS;
    int64_t base = whole ? all : r->counts[0] + r->counts[1];
    int tenths[3] = {0, 0, 0};
    int have = tally_shares(r->counts, whole ? 3 : 2, base, tenths) == 0;

    for (int k = 0; k < 3; k++) {
        if (have && (k < 2 || whole))
            snprintf(rows[k], sizeof rows[k], "%s: %lld (%d.%d%%)",
                     ui_choice_word(k), (long long)r->counts[k], tenths[k] / 10,
                     tenths[k] % 10);
        else
            snprintf(rows[k], sizeof rows[k], "%s: %lld", ui_choice_word(k),
                     (long long)r->counts[k]);
    }
    if (whole)
        snprintf(base_line, n, _("%lld ballots cast; percentages of all %lld ballots."),
                 (long long)r->ballots, (long long)all);
    else
        snprintf(base_line, n, _("%lld ballots cast; percentages of the %lld yes + no votes."),
                 (long long)r->ballots, (long long)base);
}

/* count_bars: each count in words with a bar that only helps the eye:
 * below the words in the landscape column, beside them on a narrow
 * portrait screen where every line counts (and left out if too narrow).
 * Returns the new top of left. */
static int count_bars(ui *u, box left, int wide, char rows[3][128],
                      const int64_t *counts, int64_t total)
{
    int row_px = u->px_body, label_w = 0;
    int bar_h = u->mx.line_height(u->mx.ud, row_px);

    for (int k = 0; k < 3; k++) {
        int w = u->mx.text_width(u->mx.ud, rows[k], strlen(rows[k]), row_px, 1);
        if (w > label_w)
            label_w = w;
    }
    for (int k = 0; k < 3; k++) {
        int beside = !wide && label_w + u->gap < left.w * 4 / 5;
        int bx = left.x, bwmax = left.w, by;
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
            int bw = total > 0 ? (int)((int64_t)bwmax * counts[k] / total) : 0;
            ui_rect(u, (box){bx, by, bwmax, bar_h / 3}, C_BORDER, 2);
            if (bw > 0)
                ui_rect(u, (box){bx, by, bw, bar_h / 3}, C_BAR, 0);
        }
        left.y += beside ? th + u->gap / 4 : th + bar_h / 3 + u->gap / 2;
    }
    return left.y;
}

void ui_fac_yna_result(ui *u, const meeting *m, int i, const session_figures *f,
                       const tally_result *r, box a)
{
    const proposal *p = &m->props[i];
    tally_outcome o = r->yna;
    int64_t total = r->counts[0] + r->counts[1] + r->counts[2];
    char line[320], rows[3][128], base_line[200];
    int wide = a.w * 10 > a.h * 13;
    box left = a, right = a;

    if (wide) { /* the words on the right need the wider column */
        left.w = (a.w - u->gap) * 9 / 20;
        right.x = a.x + left.w + u->gap;
        right.w = a.w - left.w - u->gap;
    }
    count_rows(p, r, rows, base_line, sizeof base_line);
    left.y = count_bars(u, left, wide, rows, r->counts, total);
    if (!wide)
        left.y += ui_text(u, left, base_line, u->px_body, 0, C_TEXT, C_BG,
                          ALIGN_LEFT, NULL, 0);
    if (!wide)
        right.y = left.y + u->gap / 2;
    int passed = r->verdict == TALLY_PASSED;
    const char *word = passed ? _("PASSED") : _("NOT PASSED");
    uint32_t col = passed ? C_PASS : C_FAIL;
    /* Portrait screens stack everything in one column: the outcome in
     * title size there leaves room for the ballot-list code. */
    /* A short screen (7-inch) keeps the word in title size on a thinner
     * band: every line below it is needed. */
    int short_scr = a.h < ui_mm(u, 75);
    int word_px = wide && !short_scr ? u->px_big : u->px_title;
    int pad = short_scr ? u->pad / 2 : u->pad;
    int h = ui_text_height(u, right.w - 2 * u->pad, word, word_px, 1) + 2 * pad;
    ui_rect(u, (box){right.x, right.y, right.w, h}, col, 0);
    ui_text(u, (box){right.x + u->pad, right.y + pad, right.w - 2 * u->pad, h},
            word, word_px, 1, C_ON_PRIMARY, col, ALIGN_CENTER, NULL, 0);
    right.y += h + u->gap / 2;
    char rule[200];
    ui_threshold_words(p, rule, sizeof rule);
    snprintf(line, sizeof line, _("Needs %s."), rule);
    right.y += ui_text(u, right, line, u->px_body, 0, C_TEXT, C_BG, ALIGN_LEFT,
                       NULL, 0);
    closed_attendance_line(f, line, sizeof line);
    right.y += ui_text(u, right, line, u->px_body, 0, C_TEXT, C_BG, ALIGN_LEFT,
                       NULL, 0);
    /* The base of the percentages and the code across the whole width
     * below both columns on a landscape screen. */
    box *q = &right;
    if (wide) {
        a.y = left.y > right.y ? left.y : right.y;
        q = &a;
        q->y += ui_text(u, *q, base_line, u->px_body, 0, C_TEXT, C_BG,
                        ALIGN_LEFT, NULL, 0);
    }
    /* The commitment the room photographs: the exported ballot list must
     * hash to this (docs/verify.md).  Spelt as everywhere, with its
     * dashes; the line breaks after one when it must. */
    char code[RECORD_ROOM_CODE_SIZE];
    record_room_code(f->root, code);
    snprintf(line, sizeof line, _("Ballot-list code: %s"), code);
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

void ui_fac_qr_view(ui *u, const meeting *m, int i, const session_figures *f,
                    const tally_result *r, const session_view *v, box a)
{
    char text[RECORD_QR_TEXT_SIZE], line[256], code[RECORD_ROOM_CODE_SIZE];
    btn_spec back = {_("Back to the result"), ACT_QR, 0, BTN_SECONDARY};
    int wide = a.w * 10 > a.h * 13;

    ui_footer(u, &a, &back, 1);
    /* The same payload as the room display's and the minutes' QR code,
     * so a phone reads one thing wherever it photographs it. */
    record_qr_text(m->props[i].id, f->root, text);
    record_room_code(f->root, code);
    int yna = method_of(m->props[i].method)->ui_result == UI_RESULT_YES_NO;
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
    info.y += ui_text(u, info, ui_ptitle(m, i, v->lang), u->px_body, 1, C_TEXT,
                      C_BG, ALIGN_LEFT, NULL, 0);
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
    info.y += ui_text(u, info, _("Ballot-list code:"), u->px_body, 0, C_TEXT,
                      C_BG, ALIGN_LEFT, NULL, 0);
    info.y += ui_text(u, info, code, u->px_title, 1, C_TEXT, C_BG, ALIGN_LEFT,
                      NULL, 0) + u->gap / 2;
    if (v->key_fingerprint) {
        snprintf(line, sizeof line, _("Kiosk key: %s"), v->key_fingerprint);
        ui_text(u, info, line, u->px_body, 0, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
    }
}
