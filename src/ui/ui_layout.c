/* ui_layout.c: the UI's measuring and emitting helpers: millimetres to
 * pixels, word wrapping, buttons and button rows, WCAG contrast. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ui_internal.h"

int ui_mm(const ui *u, double mm)
{
    return (int)ceil(mm * u->dpi / 25.4);
}

int ui_text_px(const ui *u, double cap_mm)
{
    return (int)ceil(cap_mm * u->dpi / 25.4 / u->mx.cap_ratio);
}

static double channel(uint32_t c)
{
    double v = (double)(c & 0xFF) / 255.0;
    return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double luminance(uint32_t rgb)
{
    return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) +
           0.0722 * channel(rgb);
}

double ui_contrast(uint32_t a, uint32_t b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* utf8_next: length of the UTF-8 sequence starting at s (1 for bytes
 * that are not a valid lead, so broken input still advances). */
static size_t utf8_next(const char *s)
{
    unsigned char c = (unsigned char)*s;
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3
             : (c >> 3) == 30 ? 4 : 1;
    for (size_t i = 1; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            return 1;
    return n;
}

static int width(ui *u, const char *s, size_t n, int px, int bold)
{
    return n ? u->mx.text_width(u->mx.ud, s, n, px, bold) : 0;
}

/* char_start: i moved back to the start of the UTF-8 character it is in. */
static size_t char_start(const char *s, size_t i)
{
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

/* hyphen_break: a line may end at byte k of s, just after a hyphen that
 * joins two non-space characters ("Ibáñez-|Castillo", "JSBV-|H6PP"). */
static int hyphen_break(const char *s, size_t k)
{
    return k >= 2 && s[k - 1] == '-' && s[k - 2] != ' ' && s[k - 2] != '-' &&
           s[k] && s[k] != ' ' && s[k] != '\n';
}

/* next_line: how many bytes of s (up to a newline) fit in w, breaking at
 * the last space; a single word wider than w is broken between
 * characters.  *skip gets the separator bytes to drop after the line.
 *
 * The cost must not grow with what is left of the paragraph: a title of
 * 20,000 characters without a space took 12 s when each line measured
 * the rest of it.  So a measured prefix doubles from 64 bytes until it no
 * longer fits (the paragraph's end is looked for only that far); the
 * words between the longest prefix that fit and the one that did not
 * are then tried one by one, as a reader would, and only a word wider
 * than the line is cut where a halving search says.  A line of L bytes
 * costs O(log L + words in it) measurements of at most 2L bytes, so a
 * whole text costs about its length times that.  Like any greedy
 * wrapping this assumes a longer prefix is never narrower. */
static size_t next_line(ui *u, const char *s, int w, int px, int bold,
                        size_t *skip)
{
    size_t lo = 0;    /* a prefix that fits (the empty one at first) */
    size_t hi;        /* a longer prefix that does not */
    size_t end = 0;   /* bytes known to hold no newline and no NUL */
    size_t probe = 64, fit = 0, k;

    for (;;) {
        while (end < probe && s[end] && s[end] != '\n')
            end++;
        if (end < probe) { /* the paragraph ends within the probe */
            if (width(u, s, end, px, bold) <= w) {
                *skip = s[end] == '\n' ? 1 : 0;
                return end;
            }
            hi = end;
            break;
        }
        size_t p = char_start(s, probe);
        if (width(u, s, p, px, bold) > w) {
            hi = p;
            break;
        }
        lo = p;
        probe *= 2;
    }
    /* The last word that ends within lo fits; try the ones after it.  A
     * word ends at a space or just after a hyphen inside it, so
     * "Ibáñez-Castillo" or a ballot-list code wraps at its dashes, never
     * mid-letter. */
    for (k = lo; k > 0 && !fit; k--)
        if ((s[k] == ' ' && s[k - 1] != ' ') || hyphen_break(s, k))
            fit = k;
    for (k = lo; k < hi;) {
        size_t j = k;
        while (j < hi && s[j] == ' ')
            j++;
        if (j < hi)
            j++; /* a hyphen break at k itself ends the previous word */
        while (j < hi && s[j] != ' ' && !hyphen_break(s, j))
            j++;
        if (j >= hi || width(u, s, j, px, bold) > w)
            break; /* a prefix as long as hi never fits */
        fit = k = j;
    }
    if (fit > 0) {
        *skip = 0;
        while (s[fit + *skip] == ' ')
            (*skip)++;
        if (s[fit + *skip] == '\n')
            (*skip)++;
        return fit;
    }
    /* A single word wider than the line: cut it at the longest prefix
     * that fits, between lo and hi. */
    for (;;) {
        size_t step = lo + utf8_next(s + lo), mid;
        if (step >= hi)
            break;
        mid = char_start(s, lo + (hi - lo) / 2);
        if (mid <= lo)
            mid = step;
        if (width(u, s, mid, px, bold) <= w)
            lo = mid;
        else
            hi = mid;
    }
    *skip = 0;
    return lo ? lo : utf8_next(s); /* always make progress */
}

/* word_fit_px: px, or smaller when one word of s (between spaces and
 * hyphen breaks) is wider than w: a long name shrinks to fit its line
 * rather than break between letters.  Never below the smallest legible
 * size (UI_MIN_CAP_MM); a word too wide even then (no real name is) is
 * cut by next_line.  Words over 200 bytes are not words: left to the
 * cut, without measuring them. */
static int word_fit_px(ui *u, const char *s, int w, int px, int bold)
{
    int widest = 0, floor_px = ui_text_px(u, UI_MIN_CAP_MM);
    size_t wi = 0, wn = 0; /* the widest word */

    for (size_t i = 0; s[i];) {
        size_t j = i;
        while (s[j] == ' ' || s[j] == '\n')
            j++;
        i = j;
        if (s[j])
            j++;
        while (s[j] && s[j] != ' ' && s[j] != '\n' && !hyphen_break(s, j))
            j++;
        if (j > i && j - i <= 200) {
            int ww = width(u, s + i, j - i, px, bold);
            if (ww > widest) {
                widest = ww;
                wi = i;
                wn = j - i;
            }
        }
        i = j;
    }
    if (widest <= w || w <= 0 || floor_px >= px)
        return px;
    int fit = (int)((int64_t)px * w / widest);
    if (fit < floor_px)
        return floor_px;
    while (fit > floor_px && width(u, s + wi, wn, fit, bold) > w)
        fit--; /* hinting may round a size's widths up */
    return fit;
}

int ui_text(ui *u, box b, const char *s, int px, int bold, uint32_t fg,
            uint32_t bg, text_align al, const dl_rect *clip, int dry)
{
    int lh, y = b.y;
    char line[1024];

    if (!s)
        return 0;
    px = word_fit_px(u, s, b.w, px, bold);
    lh = u->mx.line_height(u->mx.ud, px);
    while (*s) {
        size_t skip, n = next_line(u, s, b.w, px, bold, &skip);
        int visible = !clip || (y + lh > clip->y && y < clip->y + clip->h);
        if (!dry && visible && n > 0) {
            dl_item it = {0};
            size_t m = n < sizeof line - 1 ? n : sizeof line - 1;
            memcpy(line, s, m);
            line[m] = '\0';
            it.kind = DL_TEXT;
            it.r.w = width(u, line, m, px, bold);
            it.r.x = al == ALIGN_CENTER ? b.x + (b.w - it.r.w) / 2 : b.x;
            it.r.y = y;
            it.r.h = lh;
            if (clip)
                it.clip = *clip;
            it.color = fg;
            it.bg = bg;
            it.font_px = px;
            it.bold = bold;
            it.text = line;
            dl_push(u->dl, &it);
        }
        y += lh;
        s += n + skip;
        /* A paragraph break ("\n\n") leaves a blank line, as written. */
    }
    return y - b.y;
}

int ui_text_height(ui *u, int w, const char *s, int px, int bold)
{
    box b = {0, 0, w, 0};
    return ui_text(u, b, s, px, bold, 0, 0, ALIGN_LEFT, NULL, 1);
}

void ui_rect(ui *u, box b, uint32_t color, int border)
{
    dl_item it = {0};
    it.kind = DL_RECT;
    it.r = (dl_rect){b.x, b.y, b.w, b.h};
    it.color = color;
    it.border_px = border;
    dl_push(u->dl, &it);
}

int ui_button_h(ui *u, int w, const char *label)
{
    int h = ui_text_height(u, w - u->pad, label, u->px_button, 1) + 2 * u->pad;
    return h < u->target ? u->target : h;
}

void ui_button(ui *u, box b, const char *label, int action, int arg,
               btn_style style)
{
    ui_button_text(u, b, label, label, action, arg, style);
}

void ui_button_text(ui *u, box b, const char *label, const char *text,
                    int action, int arg, btn_style style)
{
    dl_item it = {0};
    uint32_t fill = style == BTN_PRIMARY ? C_PRIMARY : C_BG;
    uint32_t fg = style == BTN_PRIMARY ? C_ON_PRIMARY : C_TEXT;

    it.kind = DL_RECT;
    it.r = (dl_rect){b.x, b.y, b.w, b.h};
    it.color = fill;
    it.role = DL_ROLE_BUTTON;
    it.label = label;
    it.action = action;
    it.arg = arg;
    dl_push(u->dl, &it);
    if (style == BTN_SECONDARY)
        ui_rect(u, b, C_BORDER, u->pad / 4 > 2 ? u->pad / 4 : 2);
    /* Half a pad each side: the border already keeps text off the edge. */
    box tb = {b.x + u->pad / 2, 0, b.w - u->pad, 0};
    int th = ui_text_height(u, tb.w, text, u->px_button, 1);
    tb.y = b.y + (b.h - th) / 2;
    ui_text(u, tb, text, u->px_button, 1, fg, fill, ALIGN_CENTER, NULL, 0);
}

/* per_row: how many buttons of b[from..] fit side by side in w with
 * their labels unbroken (at least one). */
static int per_row(ui *u, int w, const btn_spec *b, int from, int n)
{
    for (int k = n - from; k > 1; k--) {
        int bw = (w - (k - 1) * u->gap) / k;
        int ok = bw >= u->target;
        for (int i = from; ok && i < from + k; i++) {
            const char *l = b[i].label;
            ok = width(u, l, strlen(l), u->px_button, 1) <= bw - u->pad;
        }
        if (ok)
            return k;
    }
    return 1;
}

int ui_button_rows(ui *u, box area, const btn_spec *b, int n, int dry)
{
    int rows_h = 0;
    int starts[16], counts[16], heights[16], nrows = 0;

    for (int i = 0; i < n && nrows < 16;) {
        int k = per_row(u, area.w, b, i, n);
        int bw = (area.w - (k - 1) * u->gap) / k, h = u->target;
        for (int j = i; j < i + k; j++) {
            int bh = ui_button_h(u, bw, b[j].label);
            if (bh > h)
                h = bh;
        }
        starts[nrows] = i;
        counts[nrows] = k;
        heights[nrows] = h;
        rows_h += h + (nrows ? u->gap : 0);
        nrows++;
        i += k;
    }
    if (dry)
        return rows_h;
    int y = area.y + area.h - rows_h;
    for (int r = 0; r < nrows; r++) {
        int k = counts[r];
        int bw = (area.w - (k - 1) * u->gap) / k;
        for (int j = 0; j < k; j++) {
            const btn_spec *s = &b[starts[r] + j];
            ui_button(u, (box){area.x + j * (bw + u->gap), y, bw, heights[r]},
                      s->label, s->action, s->arg, s->style);
        }
        y += heights[r] + u->gap;
    }
    return rows_h;
}
