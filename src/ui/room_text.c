/* room_text.c: text and layout helpers of the room view: wrapping that
 * never cuts a word, bars, and fitting one block per meeting language
 * into the screen at the largest size that holds it all. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "i18n.h"
#include "room_internal.h"

int room_px_for_cap(const room_ctx *c, double cap)
{
    double ratio = c->r->mx.cap_ratio > 0.1 ? c->r->mx.cap_ratio : 0.714;
    return (int)ceil(cap / ratio);
}

int room_lh(const room_ctx *c, int px)
{
    return c->r->mx.line_height(c->r->mx.ud, px);
}

int room_width(const room_ctx *c, const char *s, int px, int bold)
{
    return c->r->mx.text_width(c->r->mx.ud, s, strlen(s), px, bold);
}

static int span_w(const room_ctx *c, const char *s, size_t n, int px, int bold)
{
    return c->r->mx.text_width(c->r->mx.ud, s, n, px, bold);
}

/* next_break: the end of the first piece of [p, end) after which a line
 * may break: before a space, after a hyphen, or at end. */
static const char *next_break(const char *p, const char *end)
{
    for (const char *q = p + 1; q < end; q++) {
        if (*q == ' ')
            return q;
        if (q[-1] == '-' && q - 1 > p)
            return q;
    }
    return end;
}

static void emit(room_ctx *c, box b, int y, const char *s, size_t n, int px,
                 int bold, uint32_t fg, uint32_t bg, int center)
{
    char line[2048];
    dl_item it = {0};
    if (n >= sizeof line)
        n = sizeof line - 1;
    memcpy(line, s, n);
    line[n] = '\0';
    int lw = span_w(c, s, n, px, bold);
    it.kind = DL_TEXT;
    it.r = (dl_rect){center && lw < b.w ? b.x + (b.w - lw) / 2 : b.x, y,
                     lw, room_lh(c, px)};
    it.color = fg;
    it.bg = bg;
    it.font_px = px;
    it.bold = bold;
    it.text = line;
    dl_push(c->dl, &it);
}

/* wrap_para: one paragraph [p, end); returns the lines it took. */
static int wrap_para(room_ctx *c, box b, int y, const char *p, const char *end,
                     int px, int bold, uint32_t fg, uint32_t bg, int center,
                     int dry)
{
    int lines = 0, lh = room_lh(c, px);
    while (p < end) {
        while (p < end && *p == ' ')
            p++;
        if (p >= end)
            break;
        const char *best = NULL;
        for (const char *q = next_break(p, end);; q = next_break(q, end)) {
            if (span_w(c, p, (size_t)(q - p), px, bold) > b.w)
                break;
            best = q;
            if (q >= end)
                break;
        }
        if (!best) { /* one word wider than the line: never cut it */
            best = next_break(p, end);
            c->ok = 0;
        }
        const char *e = best;
        while (e > p && e[-1] == ' ')
            e--;
        if (!dry)
            emit(c, b, y + lines * lh, p, (size_t)(e - p), px, bold, fg, bg,
                 center);
        lines++;
        p = best;
    }
    return lines;
}

int room_text(room_ctx *c, box b, const char *s, int px, int bold,
              uint32_t fg, uint32_t bg, int center, int dry)
{
    int lh = room_lh(c, px), y = b.y;
    const char *p = s;
    for (;;) {
        const char *end = strchr(p, '\n');
        if (!end)
            end = p + strlen(p);
        if (end == p && *p == '\n')
            y += lh / 3; /* a blank line: a paragraph break */
        else
            y += lh * wrap_para(c, b, y, p, end, px, bold, fg, bg, center, dry);
        if (!*end)
            break;
        p = end + 1;
    }
    return y - b.y;
}

int room_bar(room_ctx *c, box a, int bh, int64_t have, int64_t extra,
             int64_t whole, int dry)
{
    dl_item it = {0};
    if (dry)
        return bh;
    it.kind = DL_RECT;
    it.r = (dl_rect){a.x, a.y, a.w, bh};
    it.color = ROOM_TRACK;
    dl_push(c->dl, &it);
    if (whole <= 0)
        return bh;
    int w1 = (int)((double)a.w * (double)(have < 0 ? 0 : have) / (double)whole);
    int w2 = (int)((double)a.w * (double)(have + extra) / (double)whole) - w1;
    if (w1 > 0) {
        it.r = (dl_rect){a.x, a.y, w1, bh};
        it.color = ROOM_BAR;
        dl_push(c->dl, &it);
    }
    if (extra > 0 && w2 > 0) {
        it.r = (dl_rect){a.x + w1, a.y, w2, bh};
        it.color = ROOM_BAR_NEW;
        dl_push(c->dl, &it);
    }
    return bh;
}

void room_lang(const room_ctx *c, int k)
{
    i18n_set_lang(c->m->langs[k < c->m->nlangs ? k : 0]);
}

/* arrange: every language's block at px, in columns or stacked; returns
 * 1 when it fits area (and c->ok stayed set). */
static int arrange(room_ctx *c, box area, room_block_fn fn, const void *arg,
                   int px, int cols, int dry)
{
    int nl = c->m->nlangs, y = area.y, ok = 1;
    int cw = cols ? (area.w - (nl - 1) * c->gap) / nl : area.w;
    int gap = cols ? c->gap : c->gap * 2;
    for (int k = 0; k < nl; k++) {
        box b = {cols ? area.x + k * (cw + c->gap) : area.x, y, cw,
                 cols ? area.h : area.y + area.h - y};
        if (!dry && !cols && k > 0) {
            dl_item it = {0};
            it.kind = DL_RECT;
            it.r = (dl_rect){area.x, y - gap / 2 - 1, area.w, 3};
            it.color = ROOM_TRACK;
            dl_push(c->dl, &it);
        }
        room_lang(c, k);
        int used = fn(c, k, b, px, dry, arg);
        if (used > b.h)
            ok = 0;
        if (!cols)
            y += used + gap;
    }
    room_lang(c, 0);
    return ok && c->ok;
}

int room_langs_fit(room_ctx *c, box area, room_block_fn fn, const void *arg,
                   int px_pref, int dry)
{
    int wide = area.w > area.h && c->m->nlangs > 1;
    int start = px_pref < c->px_min ? c->px_min : px_pref;
    /* The arrangement that suits the screen first (side by side on a
     * landscape one), at every size, before the other. */
    for (int t = 0; t < 2; t++) {
        int cols = (t == 0) == wide;
        if (cols && c->m->nlangs < 2)
            continue;
        for (int px = start;; px -= px / 16 > 1 ? px / 16 : 1) {
            if (px < c->px_min)
                px = c->px_min;
            c->ok = 1;
            if (arrange(c, area, fn, arg, px, cols, 1)) {
                if (!dry)
                    arrange(c, area, fn, arg, px, cols, 0);
                return px;
            }
            if (px == c->px_min)
                break;
        }
    }
    c->ok = 0;
    if (!dry)
        arrange(c, area, fn, arg, c->px_min, c->m->nlangs > 1 && wide, 0);
    c->ok = 0;
    return 0;
}

const char *room_opt_name(const meeting *m, const proposal *p, int i, int lang)
{
    if (i < 0 || i >= p->nopts)
        return "?";
    return meeting_text(m, &p->opts[i].name, lang);
}

void room_names(const meeting *m, const proposal *p, const int *idx, int k,
                int lang, char *buf, size_t n)
{
    size_t len;
    buf[0] = '\0';
    for (int j = 0; j < k; j++) {
        len = strlen(buf);
        snprintf(buf + len, n - len, "%s%s", j ? ", " : "",
                 room_opt_name(m, p, idx[j], lang));
    }
}

/* room_reflow: YAML block scalars break lines wherever an editor did;
 * the room reads paragraphs. */
const char *room_reflow(room *r, const char *in)
{
    char *o = r->reflow, *lim = r->reflow + sizeof r->reflow - 3;
    while (*in && o < lim) {
        size_t nl = strspn(in, "\n");
        if (nl == 0) {
            *o++ = *in++;
            continue;
        }
        in += nl;
        if (nl > 1) {
            *o++ = '\n';
            *o++ = '\n';
        } else {
            *o++ = ' ';
        }
    }
    while (o > r->reflow && (o[-1] == ' ' || o[-1] == '\n'))
        o--;
    *o = '\0';
    return r->reflow;
}

void room_all_langs(const room_ctx *c, room_words_fn fn, const void *arg,
                    char *buf, size_t n)
{
    char seen[MEETING_MAX_LANGS][512];
    int ns = 0;
    size_t len;
    buf[0] = '\0';
    for (int k = 0; k < c->m->nlangs && k < MEETING_MAX_LANGS; k++) {
        room_lang(c, k);
        fn(c, k, seen[ns], sizeof seen[ns], arg);
        int dup = 0;
        for (int j = 0; j < ns; j++)
            dup |= !strcmp(seen[j], seen[ns]);
        if (dup || !seen[ns][0])
            continue;
        len = strlen(buf);
        snprintf(buf + len, n - len, "%s%s", ns ? " / " : "", seen[ns]);
        ns++;
    }
    room_lang(c, 0);
}

/* try_rows: rows in cols columns, then the words below; 1 if it fits. */
static int try_rows(room_ctx *c, box a, room_rows_fn rows, room_block_fn words,
                    const void *arg, int px, int cols, int dry)
{
    c->ok = 1;
    int bh = rows(c, a, arg, px, cols, 1);
    if (!c->ok || bh > a.h * 2 / 3)
        return 0;
    box rest = {a.x, a.y + bh + c->gap, a.w, a.h - bh - c->gap};
    if (rest.h <= 0 || !room_langs_fit(c, rest, words, arg, px, 1))
        return 0;
    if (!dry) {
        rows(c, a, arg, px, cols, 0);
        room_langs_fit(c, rest, words, arg, px, 0);
    }
    return 1;
}

int room_rows_words(room_ctx *c, box a, room_rows_fn rows, int nrows,
                    room_block_fn words, const void *arg, int dry)
{
    for (int px = c->px_min * 3 / 2;; px -= px / 16 > 1 ? px / 16 : 1) {
        if (px < c->px_min)
            px = c->px_min;
        for (int cols = 1; cols <= 3 && (cols == 1 || nrows >= 4); cols++) {
            /* A column count that leaves a column empty is not tried. */
            if (cols > 1 && (nrows + cols - 2) / (cols - 1) == (nrows + cols - 1) / cols)
                continue;
            if (try_rows(c, a, rows, words, arg, px, cols, 1)) {
                if (!dry)
                    try_rows(c, a, rows, words, arg, px, cols, 0);
                return 1;
            }
        }
        if (px == c->px_min)
            break;
    }
    c->ok = 0;
    if (dry)
        return 0;
    /* It does not fit: drawn at the minimum (the tests say so). */
    int bh = rows(c, a, arg, c->px_min, nrows >= 4 ? 2 : 1, 0);
    room_langs_fit(c, (box){a.x, a.y + bh + c->gap, a.w, a.h - bh - c->gap},
                   words, arg, c->px_min, 0);
    c->ok = 0;
    return 0;
}

int room_rows_compact(room_ctx *c, box a, room_rows_fn rows, int nrows,
                      room_block_fn words, const void *arg, int levels)
{
    int ok = 0;
    for (c->compact = 0; c->compact < levels; c->compact++)
        if ((ok = room_rows_words(c, a, rows, nrows, words, arg, 1)) != 0)
            break;
    if (c->compact >= levels)
        c->compact = levels - 1;
    room_rows_words(c, a, rows, nrows, words, arg, 0);
    c->compact = 0;
    return ok;
}

void room_msgid_words(const room_ctx *c, int lang, char *buf, size_t n,
                      const void *arg)
{
    (void)c;
    (void)lang;
    snprintf(buf, n, "%s", _((const char *)arg));
}
