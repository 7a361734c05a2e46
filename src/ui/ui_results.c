/* ui_results.c: the result of a closed vote of every method but
 * yes-no-abstain, shown to the room, in the layout the method names
 * (method_def.ui_result): consensus, recall and approval here, the rounds
 * in ui_result_rounds.c, a table in ui_result_table.c.  Every figure comes from
 * tally_counter's result (the export's count); nothing is recounted here.
 * The outcome is always said in words together with the rule that gave
 * it ("Tabled: 4 of 11 stood aside (rule: ...)"); colour and bars only
 * help the eye. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "i18n.h"
#include "method.h"
#include "rcv.h"
#include "record.h"
#include "ui_internal.h"

const char *ui_opt_name(const meeting *m, const proposal *p, int i)
{
    return meeting_text(m, &p->opts[i].name, 0);
}

/* banner: the outcome word on its colour at the left, the sentence (the
 * outcome and the rule in words) beside it, so a 7-inch screen keeps its
 * lines for the counts.  Returns the height used. */
/* banner_scroll: a sentence too long for a (24 tied names on a 7-inch
 * screen): the word on its band, the sentence whole in a panel that
 * scrolls below it; the banner takes all of a. */
static int banner_scroll(ui *u, box a, const char *word, uint32_t col,
                         const char *sentence)
{
    int wh = ui_text_height(u, a.w - 2 * u->pad, word, u->px_title, 1) + u->pad;
    ui_rect(u, (box){a.x, a.y, a.w, wh}, col, 0);
    ui_text(u, (box){a.x + u->pad, a.y + u->pad / 2, a.w - 2 * u->pad, wh},
            word, u->px_title, 1, C_ON_PRIMARY, col, ALIGN_LEFT, NULL, 0);
    ui_text_panel(u, (box){a.x, a.y + wh + u->gap / 3, a.w, a.h - wh - u->gap / 3},
                  NULL, sentence, u->px_body, _("The result"));
    return a.h;
}

int ui_banner(ui *u, box a, const char *word, int good, const char *sentence)
{
    uint32_t col = good ? C_PASS : C_FAIL;
    int narrow = a.w < ui_mm(u, 100);
    int ww0 = u->mx.text_width(u->mx.ud, word, strlen(word), u->px_title, 1) +
              2 * u->pad;
    ww0 = ww0 > a.w / 2 ? a.w / 2 : ww0;
    int need = narrow
        ? ui_text_height(u, a.w - 2 * u->pad, word, u->px_title, 1) + u->pad +
              u->gap / 3 + ui_text_height(u, a.w, sentence, u->px_body, 1)
        : ui_text_height(u, a.w - ww0 - u->gap / 2, sentence, u->px_body, 1);
    int wline = u->mx.line_height(u->mx.ud, u->px_title) + u->pad;
    if (need > a.h && a.h - wline - u->gap / 3 >= 2 * u->target + u->gap)
        return banner_scroll(u, a, word, col, sentence);
    if (narrow) {
        /* A narrow column: the word on its own line, the sentence below. */
        int wh = ui_text_height(u, a.w - 2 * u->pad, word, u->px_title, 1) + u->pad;
        ui_rect(u, (box){a.x, a.y, a.w, wh}, col, 0);
        ui_text(u, (box){a.x + u->pad, a.y + u->pad / 2, a.w - 2 * u->pad, wh},
                word, u->px_title, 1, C_ON_PRIMARY, col, ALIGN_LEFT, NULL, 0);
        int sh = ui_text(u, (box){a.x, a.y + wh + u->gap / 3, a.w, 0},
                         sentence, u->px_body, 1, C_TEXT, C_BG, ALIGN_LEFT,
                         NULL, 0);
        return wh + u->gap / 3 + sh + u->gap / 2;
    }
    int ww = u->mx.text_width(u->mx.ud, word, strlen(word), u->px_title, 1) +
             2 * u->pad;
    int lh = u->mx.line_height(u->mx.ud, u->px_title);
    if (ww > a.w / 2)
        ww = a.w / 2;
    int wh = ui_text_height(u, ww - 2 * u->pad, word, u->px_title, 1) + u->pad;
    box sb = {a.x + ww + u->gap / 2, a.y, a.w - ww - u->gap / 2, 0};
    int sh = ui_text(u, sb, sentence, u->px_body, 1, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
    ui_rect(u, (box){a.x, a.y, ww, wh}, col, 0);
    ui_text(u, (box){a.x + u->pad, a.y + u->pad / 2, ww - 2 * u->pad, lh}, word,
            u->px_title, 1, C_ON_PRIMARY, col, ALIGN_LEFT, NULL, 0);
    return (sh > wh ? sh : wh) + u->gap / 2;
}

/* bars: one line of words per row and a thin bar below it, in columns
 * when the screen is wide.  Returns the height used. */
/* bars_size: the columns, their width and the row height (as many lines
 * as the longest name wraps to, whole); returns the height of them all. */
static int bars_size(ui *u, int w, char (*rows)[256], int n, int *cols_out,
                     int *cw_out, int *th_out)
{
    int lh = u->mx.line_height(u->mx.ud, u->px_body);
    int cols = w / ui_mm(u, 60);
    cols = cols < 1 ? 1 : cols > 3 ? 3 : cols;
    if (n < cols)
        cols = n;
    if (cols < 1)
        cols = 1;
    int cw = (w - (cols - 1) * u->gap) / cols, th = lh;
    for (int k = 0; k < n; k++) {
        int h = ui_text_height(u, cw, rows[k], u->px_body, 1);
        th = h > th ? h : th;
    }
    *cols_out = cols;
    *cw_out = cw;
    *th_out = th;
    return (n + cols - 1) / cols * (th + lh / 4 + u->gap / 4);
}

static int bars(ui *u, box a, char (*rows)[256], const int64_t *val, int n,
                int64_t whole)
{
    int lh = u->mx.line_height(u->mx.ud, u->px_body), cols, cw, th;
    int used = bars_size(u, a.w, rows, n, &cols, &cw, &th);
    int rowh = th + lh / 4 + u->gap / 4;
    int per_col = (n + cols - 1) / cols;
    for (int k = 0; k < n; k++) {
        int c = k / per_col, r = k % per_col;
        box b = {a.x + c * (cw + u->gap), a.y + r * rowh, cw, th};
        ui_text(u, b, rows[k], u->px_body, 1, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
        int bw = whole > 0 ? (int)((int64_t)cw * val[k] / whole) : 0;
        ui_rect(u, (box){b.x, b.y + th, cw, lh / 4}, C_BORDER, 2);
        if (bw > 0)
            ui_rect(u, (box){b.x, b.y + th, bw, lh / 4}, C_BAR, 0);
    }
    return used;
}

static int bars_height(ui *u, int w, int n)
{
    int lh = u->mx.line_height(u->mx.ud, u->px_body);
    int cols = w / ui_mm(u, 60);
    cols = cols < 1 ? 1 : cols > 3 ? 3 : cols;
    if (n < cols)
        cols = n;
    return (n + cols - 1) / cols * (lh + lh / 4 + u->gap / 4);
}


/* split: on a landscape screen the outcome takes the left half and the
 * counts the right (a 7-inch screen has no lines to spare); otherwise
 * both get the whole width, one below the other.  Returns 1 when split. */
static int split(ui *u, box a, box *left, box *right)
{
    *left = *right = a;
    if (a.w * 10 <= a.h * 13 || a.w < ui_mm(u, 120))
        return 0;
    left->w = (a.w - u->gap) * 11 / 20; /* the words need more than the bars */
    right->x = a.x + left->w + u->gap;
    right->w = a.w - left->w - u->gap;
    return 1;
}

/* outcome_then_counts: the banner, then where the counts go. */
static int bars_height(ui *u, int w, int n);

/* outcome_then_counts: ... reserve: the height the counts below need at
 * least when stacked (the sentence gets the rest). */
static box outcome_then_counts(ui *u, box a, const char *word, int good,
                               const char *sentence, int reserve)
{
    box left, right;
    int used;
    if (split(u, a, &left, &right)) {
        /* Side by side when the sentence fits the column below the word;
         * a long rule gets the whole width instead (never cut). */
        int wh = u->mx.line_height(u->mx.ud, u->px_title) + u->pad + u->gap / 3;
        if (ui_text_height(u, left.w, sentence, u->px_body, 1) <= left.h - wh) {
            ui_banner(u, left, word, good, sentence);
            return right;
        }
    }
    (void)reserve; /* the sentence is whole; the counts below scroll */
    used = ui_banner(u, a, word, good, sentence);
    a.y += used;
    a.h -= used;
    return a;
}

static void three_counts(ui *u, const tally_result *r, const char *const *w,
                         box a)
{
    char rows[3][256], pct[TALLY_PERCENT_SIZE];
    for (int k = 0; k < 3; k++) {
        tally_format_percent(r->counts[k], r->ballots, pct, sizeof pct);
        snprintf(rows[k], sizeof rows[k], "%s: %lld (%s)", w[k],
                 (long long)r->counts[k], pct);
    }
    if (bars_height(u, a.w, 3) <= a.h) {
        bars(u, a, rows, r->counts, 3, r->ballots);
        return;
    }
    /* No room for bars (a long rule on a 7-inch screen): the counts in
     * words on as few lines as they take. */
    char line[800];
    snprintf(line, sizeof line, "%s   %s   %s", rows[0], rows[1], rows[2]);
    ui_text(u, a, line, u->px_body, 1, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
}

static void consensus_result(ui *u, const meeting *m, const proposal *p,
                             const tally_result *r, box a)
{
    char rule[400], s1[300], sent[800];
    int64_t A = r->counts[CONSENSUS_AGREE], S = r->counts[CONSENSUS_STAND_ASIDE];
    int64_t B = r->counts[CONSENSUS_BLOCK];
    const char *word;
    (void)m;

    ui_consensus_rule_words(&p->cons, rule, sizeof rule);
    ui_no_result_words(r, p, s1, sizeof s1);
    switch (r->verdict) {
    case TALLY_PASSED:
        word = _("PASSED");
        if (B == 0)
            snprintf(s1, sizeof s1, "%s", _("Passed: no blocks"));
        else if (B < p->cons.blocks_to_stop)
            snprintf(s1, sizeof s1, _("Passed: %lld blocked, fewer than %d"),
                     (long long)B, p->cons.blocks_to_stop);
        else
            snprintf(s1, sizeof s1, _("Passed: %lld blocked, overridden by %lld "
                                      "of %lld not blocking"),
                     (long long)B, (long long)(A + S), (long long)r->ballots);
        break;
    case TALLY_BLOCKED:
        word = _("BLOCKED");
        snprintf(s1, sizeof s1, _("Blocked: %lld blocked"), (long long)B);
        break;
    case TALLY_TABLED:
        word = _("TABLED");
        snprintf(s1, sizeof s1, _("Tabled: %lld of %lld stood aside"),
                 (long long)S, (long long)r->ballots);
        break;
    default:
        word = _("NO RESULT");
        break;
    }
    /* With no result the rule decided nothing: the reason is enough. */
    if (r->verdict == TALLY_NO_RESULT && s1[0])
        snprintf(sent, sizeof sent, "%s", s1);
    else
        snprintf(sent, sizeof sent, _("%s (rule: %s)"), s1, rule);
    a = outcome_then_counts(u, a, word, r->verdict == TALLY_PASSED, sent,
                            2 * u->mx.line_height(u->mx.ud, u->px_body));
    const char *w[] = {_("Agree"), _("Stand aside"), _("Block")};
    three_counts(u, r, w, a);
}

static void recall_result(ui *u, const meeting *m, const proposal *p,
                          const tally_result *r, box a)
{
    char th[300], s1[300], sent[800];
    const char *who = meeting_text(m, &p->delegate, 0);
    const char *word;

    ui_threshold_words(p, th, sizeof th);
    ui_no_result_words(r, p, s1, sizeof s1);
    if (r->verdict == TALLY_PASSED) {
        word = _("RECALLED");
        snprintf(s1, sizeof s1, _("Recalled: %s"), who);
    } else if (r->verdict == TALLY_NOT_PASSED) {
        word = _("NOT RECALLED");
        snprintf(s1, sizeof s1, _("Not recalled: %s stays"), who);
    } else {
        word = _("NO RESULT");
    }
    if (r->verdict == TALLY_NO_RESULT && s1[0])
        snprintf(sent, sizeof sent, "%s", s1);
    else
        snprintf(sent, sizeof sent, _("%s (needs %s)"), s1, th);
    a = outcome_then_counts(u, a, word, r->verdict == TALLY_PASSED, sent,
                            2 * u->mx.line_height(u->mx.ud, u->px_body));
    const char *w[] = {_("Yes"), _("No"), _("Abstain")};
    three_counts(u, r, w, a);
}

int ui_is_in(const int *v, int n, int x)
{
    for (int k = 0; k < n; k++)
        if (v[k] == x)
            return 1;
    return 0;
}

/* elected_sentence: "Elected: Ana, Luis" (or why nobody), and the tie. */
void ui_elected_sentence(const meeting *m, const proposal *p,
                         const tally_result *r, char *buf, size_t n)
{
    char names[1200];
    ui_no_result_words(r, p, buf, n);
    if (buf[0])
        return;
    ui_names_list(m, p, r->winners, r->nwinners, names, sizeof names);
    snprintf(buf, n, _("Elected: %s"), names);
}

/* run_on: the counts one after another ("Gold: 2   Blue: 1"), for a
 * short screen where a line each does not fit (a static buffer, valid
 * until the next call). */
static const char *run_on(const char *text)
{
    static char buf[MEETING_MAX_OPTIONS * 300 + 2 * MEETING_MAX_OPTIONS];
    size_t k = 0;
    for (const char *p = text; *p && k + 4 < sizeof buf; p++) {
        if (*p == '\n') {
            memcpy(buf + k, "   ", 3);
            k += 3;
        } else {
            buf[k++] = *p;
        }
    }
    buf[k] = '\0';
    return buf;
}

static void approval_result(ui *u, const meeting *m, const proposal *p,
                            const tally_result *r, box a)
{
    static char rows[MEETING_MAX_OPTIONS][256], text[MEETING_MAX_OPTIONS * 300];
    int64_t val[MEETING_MAX_OPTIONS];
    int order[MEETING_MAX_OPTIONS];
    char sent[2900], s1[1300], tie[1300];

    ui_elected_sentence(m, p, r, s1, sizeof s1);
    snprintf(sent, sizeof sent, _("%s (rule: the %d most approved win)"), s1,
             p->seats);
    if (r->ntied > 0) {
        /* Said with the outcome: the draw is part of how it was decided. */
        size_t len = strlen(sent);
        ui_names_list(m, p, r->tied, r->ntied, tie, sizeof tie);
        snprintf(sent + len, sizeof sent - len,
                 _(". Tie for the last seat: %s; decided by the documented draw."),
                 tie);
    }
    a = outcome_then_counts(u, a, r->verdict == TALLY_ELECTED ? _("ELECTED")
                                                              : _("NO RESULT"),
                            r->verdict == TALLY_ELECTED, sent, u->target);
    /* Most approved first (stable: meeting order among equals). */
    int n = p->nopts;
    for (int k = 0; k < n; k++)
        order[k] = k;
    for (int k = 1; k < n; k++)
        for (int j = k; j > 0 && r->counts[order[j]] > r->counts[order[j - 1]]; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    int64_t top = 0;
    text[0] = '\0';
    for (int k = 0; k < n; k++) {
        int o = order[k];
        val[k] = r->counts[o];
        if (val[k] > top)
            top = val[k];
        snprintf(rows[k], sizeof rows[k], "%s: %lld%s", ui_opt_name(m, p, o),
                 (long long)r->counts[o],
                 ui_is_in(r->winners, r->nwinners, o) ? _(" (elected)") : "");
        size_t len = strlen(text);
        snprintf(text + len, sizeof text - len, "%s%s", k ? "\n" : "", rows[k]);
    }
    /* Bars against the most approved when every option fits; a long list
     * goes in a panel that scrolls by buttons instead. */
    int cols, cw, th;
    if (bars_size(u, a.w, rows, n, &cols, &cw, &th) <= a.h)
        bars(u, a, rows, val, n, top);
    else if (ui_text_height(u, a.w, text, u->px_body, 1) <= a.h)
        ui_text(u, a, text, u->px_body, 1, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
    else if (ui_text_height(u, a.w, run_on(text), u->px_body, 1) <= a.h)
        ui_text(u, a, run_on(text), u->px_body, 1, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
    else if (a.h >= u->target)
        ui_text_panel(u, a, NULL, text, u->px_body, _("Totals"));
}

void ui_result_block(ui *u, const meeting *m, int i, const tally_result *r,
                     const session_figures *f, box a)
{
    const proposal *p = &m->props[i];
    char line[300], code[RECORD_ROOM_CODE_SIZE];

    /* The commitment the room photographs, at the bottom: the exported
     * ballot list must hash to it (docs/verify.md).  A round's page
     * leaves it out: it is on the summary. */
    int round_page = method_of(p->method)->ui_result == UI_RESULT_ROUNDS &&
                     u->round > 0;
    record_room_code(f->root, code);
    /* Spelt with its dashes, as everywhere; ui_text breaks after one. */
    snprintf(line, sizeof line, _("Ballot-list code: %s"), code);
    int h = round_page ? 0 : ui_text_height(u, a.w, line, u->px_body, 0);
    int code_y = a.h >= UI_FLOW_H ? a.y : a.y + a.h - h;
    if (!round_page)
        a.h -= h + u->gap / 3;
    int n0 = u->dl->n;
    static void (*const layout[])(ui *, const meeting *, const proposal *,
                                  const tally_result *, box) = {
        [UI_RESULT_CONSENSUS] = consensus_result,
        [UI_RESULT_RECALL] = recall_result,
        [UI_RESULT_APPROVAL] = approval_result,
        [UI_RESULT_ROUNDS] = ui_result_rounds,
        [UI_RESULT_TABLE] = ui_result_table,
    };
    ui_result_layout k = method_of(p->method)->ui_result;
    if ((size_t)k < sizeof layout / sizeof layout[0] && layout[k])
        layout[k](u, m, p, r, a);
    if (round_page)
        return;
    /* At the bottom, or below a result that ran longer than the screen
     * (the console then scrolls it: ui_scrolled), never over it. */
    for (int j = n0; j < u->dl->n; j++) {
        const dl_item *it = &u->dl->items[j];
        int b = it->r.y + it->r.h;
        if (it->clip.w > 0 && b > it->clip.y + it->clip.h) /* in a scrolled panel */
            b = it->clip.y + it->clip.h;
        if (it->role == DL_ROLE_NONE && b + u->gap / 3 > code_y)
            code_y = b + u->gap / 3;
    }
    ui_text(u, (box){a.x, code_y, a.w, h}, line, u->px_body, 0, C_TEXT, C_BG,
            ALIGN_LEFT, NULL, 0);
}
