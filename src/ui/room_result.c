/* room_result.c: a closed vote's result for the room (round 0): the
 * outcome in words as large as the screen allows, in every language;
 * the counts as bars on ONE stated base with percentages from
 * tally_shares (they add up to 100.0% of that base); ballots, blank
 * ballots and abstentions; the rule and quorum in words; approval's
 * winners and tie; and the ballot-list code with its QR code
 * (room_code.c).  Every method's result layout (method_def.ui_result) is
 * one case here. */
#include <stdio.h>
#include <string.h>
#include "i18n.h"
#include "method.h"
#include "room_internal.h"

#define MAXBARS (MEETING_MAX_OPTIONS + 3)

/* What the bars show, language-free: which parts, on which base. */
typedef struct {
    int i;
    const proposal *p;
    const tally_result *r;
    ui_result_layout lay;
    int n;                 /* bars */
    int opt[MAXBARS];      /* option index (or CHOICE_* / CONSENSUS_*) */
    int64_t val[MAXBARS];
    int64_t base;
    int tenths[MAXBARS];
    int pct;               /* tally_shares succeeded */
} bars_t;

const char *room_outcome_word(const room_ctx *c, int i, int *good)
{
    const snapshot_proposal *sp = &c->sn->props[i];
    const tally_result *r = sp->result;
    int recall = method_of(c->m->props[i].method)->ui_result == UI_RESULT_RECALL;
    *good = 0;
    if (sp->status != AS_OK || !r)
        return _("no result could be counted");
    *good = r->verdict == TALLY_PASSED || r->verdict == TALLY_ELECTED;
    switch (r->verdict) {
    case TALLY_PASSED:
        return recall ? _("RECALLED") : _("PASSED");
    case TALLY_NOT_PASSED:
        return recall ? _("NOT RECALLED") : _("NOT PASSED");
    case TALLY_BLOCKED:
        return _("BLOCKED");
    case TALLY_TABLED:
        return _("TABLED");
    case TALLY_ELECTED:
        return _("ELECTED");
    default:
        return _("NO RESULT");
    }
}

static void three_words(const bars_t *b, int k, char *buf, size_t n)
{
    if (b->lay == UI_RESULT_CONSENSUS) {
        const char *w[] = {_("Agree"), _("Stand aside"), _("Block")};
        snprintf(buf, n, "%s", w[b->opt[k]]);
    } else {
        snprintf(buf, n, "%s", ui_choice_word(b->opt[k]));
    }
}

typedef struct {
    const bars_t *b;
    int k;
} bar_ref;

static void bar_word(const room_ctx *c, int lang, char *buf, size_t n,
                     const void *arg)
{
    const bar_ref *br = arg;
    if (br->b->lay <= UI_RESULT_RECALL)
        three_words(br->b, br->k, buf, n);
    else
        snprintf(buf, n, "%s",
                 room_opt_name(c->m, br->b->p, br->b->opt[br->k], lang));
}

/* make_bars: the parts and their base, by the method's layout. */
static void make_bars(const room_ctx *c, int i, bars_t *b)
{
    memset(b, 0, sizeof *b);
    b->i = i;
    b->p = &c->m->props[i];
    b->r = c->sn->props[i].result;
    b->lay = method_of(b->p->method)->ui_result;
    if (b->lay == UI_RESULT_YES_NO || b->lay == UI_RESULT_RECALL) {
        b->n = b->p->base == BASE_ALL_BALLOTS ? 3 : 2;
        for (int k = 0; k < b->n; k++)
            b->opt[k] = k;
    } else if (b->lay == UI_RESULT_CONSENSUS) {
        b->n = 3;
        for (int k = 0; k < 3; k++)
            b->opt[k] = k;
    } else {
        /* Options, most first (stable: meeting order among equals). */
        b->n = b->p->nopts < MEETING_MAX_OPTIONS ? b->p->nopts : MEETING_MAX_OPTIONS;
        for (int k = 0; k < b->n; k++)
            b->opt[k] = k;
        for (int a = 1; a < b->n; a++)
            for (int j = a; j > 0 && b->r->counts[b->opt[j]] >
                                         b->r->counts[b->opt[j - 1]]; j--) {
                int t = b->opt[j];
                b->opt[j] = b->opt[j - 1];
                b->opt[j - 1] = t;
            }
    }
    for (int k = 0; k < b->n; k++) {
        b->val[k] = b->r->counts[b->opt[k]];
        b->base += b->val[k];
    }
    b->pct = tally_shares(b->val, b->n, b->base, b->tenths) == 0;
}

/* draw_bars: one row per part, in up to cols columns: the words, then the
 * bar.  Returns the height used. */
static int draw_bars(room_ctx *c, box a, const void *arg, int px, int cols,
                     int dry)
{
    const bars_t *b = arg;
    char name[600], row[800];
    int per = (b->n + cols - 1) / cols, maxh = 0;
    int cw = (a.w - (cols - 1) * c->gap) / cols, bh = room_lh(c, px) / 4;
    int64_t top = 0;
    for (int k = 0; k < b->n; k++)
        top = b->val[k] > top ? b->val[k] : top;
    for (int col = 0; col < cols; col++) {
        int y = a.y;
        for (int k = col * per; k < (col + 1) * per && k < b->n; k++) {
            bar_ref br = {b, k};
            room_all_langs(c, bar_word, &br, name, sizeof name);
            if (b->pct)
                snprintf(row, sizeof row, "%s: %lld (%d.%d%%)", name,
                         (long long)b->val[k], b->tenths[k] / 10,
                         b->tenths[k] % 10);
            else
                snprintf(row, sizeof row, "%s: %lld", name, (long long)b->val[k]);
            box cb = {a.x + col * (cw + c->gap), y, cw, 0};
            y += room_text(c, cb, row, px, 1, ROOM_TEXT, ROOM_BG, 0, dry);
            cb.y = y;
            y += room_bar(c, cb, bh, b->val[k], 0, top, dry) + bh;
        }
        maxh = y - a.y > maxh ? y - a.y : maxh;
    }
    return maxh;
}

/* outcome_sentence: the outcome in a sentence, in the current language. */
static void outcome_sentence(const room_ctx *c, int lang, const bars_t *b,
                             char *buf, size_t n)
{
    const proposal *p = b->p;
    const tally_result *r = b->r;
    char names[1200];
    ui_no_result_words(r, p, buf, n);
    if (buf[0])
        return;
    if (b->lay == UI_RESULT_RECALL) {
        const char *who = meeting_text(c->m, &p->delegate, lang);
        if (r->verdict == TALLY_PASSED)
            snprintf(buf, n, _("Recalled: %s"), who);
        else
            snprintf(buf, n, _("Not recalled: %s stays"), who);
    } else if (b->lay >= UI_RESULT_APPROVAL) {
        room_names(c->m, p, r->winners, r->nwinners, lang, names, sizeof names);
        snprintf(buf, n, _("Elected: %s"), names);
    }
}

/* rule_sentence: the threshold or rule in words. */
static void rule_sentence(const room_ctx *c, const bars_t *b, char *buf,
                          size_t n)
{
    char w[600];
    const method_def *md = method_of(b->p->method);
    (void)c;
    switch (b->lay) {
    case UI_RESULT_YES_NO:
    case UI_RESULT_RECALL:
        ui_threshold_words(b->p, w, sizeof w);
        snprintf(buf, n, _("Rule: %s."), w);
        break;
    case UI_RESULT_CONSENSUS:
        ui_consensus_rule_words(&b->p->cons, w, sizeof w);
        snprintf(buf, n, _("Rule: %s."), w);
        break;
    case UI_RESULT_APPROVAL:
        snprintf(buf, n, _("Rule: the %d most approved win."), b->p->seats);
        break;
    case UI_RESULT_ROUNDS:
        if (md->ui_seats_line)
            snprintf(buf, n, _("Rule: single transferable vote, %d seats."),
                     b->p->seats);
        else
            snprintf(buf, n, "%s", _("Rule: instant runoff: the lowest is out "
                                     "each round until one has more than "
                                     "half."));
        break;
    default:
        ui_fill(buf, n, md->ui_rule ? _(md->ui_rule) : "%s", _("Result"));
        break;
    }
}

static void base_sentence(const room_ctx *c, const bars_t *b, char *buf,
                          size_t n)
{
    long long v = (long long)b->base;
    if (b->lay == UI_RESULT_APPROVAL && c->compact >= 4) {
        /* the same base in fewer words, when nothing else is left */
        snprintf(buf, n, _("Share of %lld approvals"), v);
        return;
    }
    if (b->lay == UI_RESULT_YES_NO || b->lay == UI_RESULT_RECALL)
        snprintf(buf, n, b->n == 2 ? _("Share of yes + no (%lld votes)")
                                   : _("Share of all ballots (%lld ballots)"),
                 v);
    else if (b->lay == UI_RESULT_CONSENSUS)
        snprintf(buf, n, _("Share of all ballots (%lld ballots)"), v);
    else if (b->lay == UI_RESULT_APPROVAL)
        snprintf(buf, n, _("Share of all approvals (%lld approvals)"), v);
    else
        snprintf(buf, n, _("Share of first preferences (%lld ballots)"), v);
}

/* words_block: everything said in sentences, for one language. */
static int words_block(room_ctx *c, int lang, box a, int px, int dry,
                       const void *arg)
{
    const bars_t *b = arg;
    const tally_result *r = b->r;
    char text[6000], s[2000];
    size_t len;
    outcome_sentence(c, lang, b, text, sizeof text);
    len = strlen(text);
    if (b->lay == UI_RESULT_APPROVAL && r->ntied > 0 && c->compact < 3) {
        room_names(c->m, b->p, r->tied, r->ntied, lang, s, sizeof s);
        snprintf(text + len, sizeof text - len, _("%sTie for the last seat: %s; "
                                                  "decided by the documented "
                                                  "draw."),
                 len ? "\n" : "", s);
        len = strlen(text);
    } else if (b->lay == UI_RESULT_APPROVAL && r->ntied > 0) {
        /* Short of room: the tied who won are named just above, so the
         * sentence names those the draw left out. */
        int lost[MEETING_MAX_OPTIONS], nlost = 0;
        for (int k = 0; k < r->ntied; k++)
            if (!ui_is_in(r->winners, r->nwinners, r->tied[k]))
                lost[nlost++] = r->tied[k];
        room_names(c->m, b->p, lost, nlost, lang, s, sizeof s);
        snprintf(text + len, sizeof text - len,
                 _("%sTied for the last seat and left out by the documented "
                   "draw: %s."), len ? "\n" : "", s);
        len = strlen(text);
    }
    /* Said less when the screen is small: the rule first, then the
     * quorum, then the ballots (the minutes and every kiosk have them). */
    if (c->compact < 1) {
        rule_sentence(c, b, s, sizeof s);
        snprintf(text + len, sizeof text - len, "%s%s", len ? "\n" : "", s);
        len = strlen(text);
    }
    base_sentence(c, b, s, sizeof s);
    snprintf(text + len, sizeof text - len, "%s%s", len ? "\n" : "", s);
    len = strlen(text);
    if (c->compact >= 3)
        return room_text(c, a, text, px, 0, ROOM_TEXT, ROOM_BG, 0, dry);
    if (b->lay == UI_RESULT_YES_NO || b->lay == UI_RESULT_RECALL)
        snprintf(s, sizeof s, _("Ballots: %lld. Abstentions: %lld. Blank "
                                "ballots: %lld."),
                 (long long)r->ballots, (long long)r->counts[CHOICE_ABSTAIN],
                 (long long)r->blank);
    else
        snprintf(s, sizeof s, _("Ballots: %lld. Blank ballots: %lld."),
                 (long long)r->ballots, (long long)r->blank);
    snprintf(text + len, sizeof text - len, "\n%s", s);
    len = strlen(text);
    if (c->compact >= 2)
        return room_text(c, a, text, px, 0, ROOM_TEXT, ROOM_BG, 0, dry);
    if (r->quorum_needed > 0)
        snprintf(s, sizeof s, r->quorum_met
                                  ? _("Quorum: %d needed, %d present: met.")
                                  : _("Quorum: %d needed, %d present: NOT met."),
                 r->quorum_needed, r->checked_in);
    else
        snprintf(s, sizeof s, _("No quorum was required; %d present."),
                 r->checked_in);
    snprintf(text + len, sizeof text - len, "\n%s", s);
    int steps = method_result_steps(b->p, r);
    if (steps > 0 && c->compact < 1) {
        len = strlen(text);
        snprintf(text + len, sizeof text - len, "\n");
        snprintf(text + len + 1, sizeof text - len - 1,
                 ngettext("Counted in %d step: the facilitator shows it next.",
                          "Counted in %d steps: the facilitator shows each one "
                          "next.", steps),
                 steps);
    }
    return room_text(c, a, text, px, 0, ROOM_TEXT, ROOM_BG, 0, dry);
}

static void outcome_words(const room_ctx *c, int lang, char *buf, size_t n,
                          const void *arg)
{
    int good;
    (void)lang;
    snprintf(buf, n, "%s", room_outcome_word(c, *(const int *)arg, &good));
}

/* room_outcome_band: the outcome in every language on its colour, at the
 * largest size that keeps each word whole (ROOM_OUTCOME_CAP_FRAC unless a
 * word is wider than the screen).  Returns the height used. */
static int outcome_band(room_ctx *c, box a, int i)
{
    char w[400];
    int good;
    room_outcome_word(c, i, &good);
    room_all_langs(c, outcome_words, &i, w, sizeof w);
    /* A portrait screen is narrow: "APROBADA" at h / 12 would not fit
     * its width, and the bars and the QR code need the height. */
    int px = c->w < c->h ? room_px_for_cap(c, c->w * ROOM_OUTCOME_CAP_FRAC)
                         : c->px_big;
    int pad = c->gap / 2;
    box t = {a.x + pad, a.y + pad, a.w - 2 * pad, 0};
    for (;; px -= px / 20 > 1 ? px / 20 : 1) {
        c->ok = 1;
        room_text(c, t, w, px, 1, C_ON_PRIMARY, 0, 1, 1);
        if (c->ok || px <= c->px_min)
            break;
    }
    int th = room_text(c, t, w, px, 1, C_ON_PRIMARY, 0, 1, 1);
    dl_item it = {0};
    it.kind = DL_RECT;
    it.r = (dl_rect){a.x, a.y, a.w, th + 2 * pad};
    it.color = good ? C_PASS : C_FAIL;
    dl_push(c->dl, &it);
    c->ok = 1;
    room_text(c, t, w, px, 1, C_ON_PRIMARY, it.color, 1, 0);
    return th + 2 * pad;
}

/* rows_fit: whether the bars and sentences fit a at some compact level
 * (measured only). */
static int rows_fit(room_ctx *c, box a, const bars_t *b)
{
    int ok = 0;
    for (c->compact = 0; c->compact < 5 && !ok; c->compact++)
        ok = room_rows_words(c, a, draw_bars, b->n, words_block, b, 1);
    c->compact = 0;
    return ok;
}

void room_result(room_ctx *c, box a, int i)
{
    bars_t b;
    make_bars(c, i, &b);
    int band = outcome_band(c, a, i);
    a.y += band + c->gap;
    a.h -= band + c->gap;
    int q = room_qr_side(c);
    if (a.w > a.h) {
        /* Landscape: the code and its QR code in a column at the right,
         * the QR code half the screen's height; when that leaves the
         * bars and sentences too little width to say everything, the
         * QR code shrinks to a third and the column narrows with it,
         * before any sentence is dropped. */
        int pw = 0, qs[2] = {q, (int)(c->h * ROOM_QR_FRAC) + 1};
        box left = a;
        for (int k = 0; k < 2; k++) {
            q = qs[k];
            /* As narrow as the code panel's words allow. */
            for (pw = c->w / 5; pw < a.w / 2; pw += c->w / 40)
                if (room_code_panel(c, (box){a.x, a.y, pw, a.h}, i, q, 1) <= a.h)
                    break;
            left = (box){a.x, a.y, a.w - pw - c->gap * 2, a.h};
            c->compact = 0;
            if (room_rows_words(c, left, draw_bars, b.n, words_block, &b, 1))
                break;
        }
        box right = {a.x + a.w - pw, a.y, pw, a.h};
        room_code_panel(c, right, i, q, 0);
        room_rows_compact(c, left, draw_bars, b.n, words_block, &b, 5);
    } else {
        int ph = room_code_panel(c, a, i, q, 1);
        ph = ph > a.h ? a.h : ph;
        if (!rows_fit(c, (box){a.x, a.y, a.w, a.h - ph - c->gap * 2}, &b)) {
            /* A heavy result (long names, a tie) on a portrait screen:
             * the QR code gives way to the words, down to a third of the
             * screen's width (a phone still reads it from the back), so
             * no sentence is laid over it. */
            c->qr_floor = c->w / 3;
            q = c->qr_floor;
            ph = room_code_panel(c, a, i, q, 1);
            ph = ph > a.h ? a.h : ph;
        }
        box bottom = {a.x, a.y + a.h - ph, a.w, ph};
        room_code_panel(c, bottom, i, q, 0);
        room_rows_compact(c, (box){a.x, a.y, a.w, a.h - ph - c->gap * 2},
                          draw_bars, b.n, words_block, &b, 5);
    }
}
