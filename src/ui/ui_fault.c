/* ui_fault.c: the "do not vote on this kiosk" screen (see ui_fault.h).
 *
 * Laid out on its own, without ui.c's helpers, so it depends on nothing
 * that a damaged store could break.  Text sizes are chosen from the
 * largest at which the essential paragraphs fit, down to the UI's minimum
 * cap height; a later paragraph is shown whole or not at all (on a 7-inch
 * panel the store's own message, last, does not fit).  Paragraphs wrap
 * at spaces, and a word wider than the screen (a long file path) breaks
 * between characters. */
#include <stdio.h>
#include <string.h>
#include "i18n.h"
#include "ui_fault.h"

#define F_BG 0xFFFFFFu
#define F_TEXT 0x111111u
#define F_ALERT 0x700000u  /* 12:1 on white */
#define F_BUTTON 0x111111u
#define F_ON_BUTTON 0xFFFFFFu

typedef struct {
    const ui_metrics *mx;
    double dpi;
    dl_list *out;
    int x, w;      /* text column */
    int y, bottom; /* next line's top; no text below bottom */
} layout;

int ui_fault_is_fault(as_status st)
{
    return st == AS_ECORRUPT || st == AS_EMISMATCH || st == AS_EREADONLY;
}

static int mm_px(double dpi, double mm)
{
    return (int)(mm * dpi / 25.4 + 0.5);
}

/* em_px: the font size whose capitals are cap_mm tall. */
static int em_px(const ui_metrics *mx, double dpi, double cap_mm)
{
    double ratio = mx->cap_ratio > 0.3 ? mx->cap_ratio : 0.7;
    return (int)(cap_mm * dpi / 25.4 / ratio + 0.999);
}

/* utf8_next: length of the character at s (at least 1). */
static size_t utf8_next(const char *s, size_t left)
{
    size_t n = 1;
    while (n < left && ((unsigned char)s[n] & 0xC0) == 0x80)
        n++;
    return n;
}

/* line_len: how many bytes of s (len) fit in width at font px, breaking
 * at the last space that fits, or between characters if none does.
 * *skip: bytes to skip after the line (the space). */
static size_t line_len(const layout *L, const char *s, size_t len, int px,
                       int bold, size_t *skip)
{
    size_t fit = 0, last_space = 0;
    *skip = 0;
    if (L->mx->text_width(L->mx->ud, s, len, px, bold) <= L->w)
        return len;
    for (size_t i = 0; i < len;) {
        size_t n = utf8_next(s + i, len - i);
        if (L->mx->text_width(L->mx->ud, s, i + n, px, bold) > L->w)
            break;
        i += n;
        fit = i;
        if (i < len && s[i] == ' ')
            last_space = i;
    }
    if (last_space > 0) {
        *skip = 1;
        return last_space;
    }
    return fit > 0 ? fit : utf8_next(s, len);
}

/* para: wraps text into lines; returns how many lines (counting only,
 * with draw == 0). */
static int para(layout *L, const char *text, int px, int bold, uint32_t color,
                int draw)
{

    int lh = L->mx->line_height(L->mx->ud, px);
    size_t len = strlen(text);
    int lines = 0;
    while (len > 0) {
        size_t skip, n = line_len(L, text, len, px, bold, &skip);
        if (draw && L->y + lh <= L->bottom) {
            char buf[512];
            dl_item it;
            snprintf(buf, sizeof buf, "%.*s", (int)n, text);
            memset(&it, 0, sizeof it);
            it.kind = DL_TEXT;
            it.r = (dl_rect){L->x, L->y, L->w, lh};
            it.color = color;
            it.bg = F_BG;
            it.font_px = px;
            it.bold = bold;
            it.text = buf;
            dl_push(L->out, &it);
        }
        L->y += lh;
        lines++;
        text += n + skip;
        len -= n + skip;
    }
    return lines;
}

/* what_text: what is wrong, as the label before the file's name. */
static const char *what_text(as_status why)
{
    switch (why) {
    case AS_EMISMATCH:
        return _("Data of a different meeting:");
    case AS_EREADONLY:
        return _("Cannot write to:");
    default:
        return _("Damaged file:");
    }
}

/* The screen's paragraphs in order of importance; the first NEED must
 * fit, the rest are shown when there is room. */
#define NEED 4
typedef struct {
    const char *text;
    int big, bold;
    uint32_t color;
} fpara;

static int build_paras(const ui_fault_info *f, char *file, size_t fsize,
                       char *detail, size_t dsize, fpara *p)
{
    const char *msg = f->message ? f->message : "";
    const char *colon = strstr(msg, ": ");
    int n = 0;

    if (colon) {
        snprintf(file, fsize, "%s %.*s", what_text(f->why), (int)(colon - msg), msg);
        snprintf(detail, dsize, "%s", colon + 2);
    } else {
        snprintf(file, fsize, "%s %s", what_text(f->why),
                 f->data_dir ? f->data_dir : "");
        snprintf(detail, dsize, "%s", msg);
    }
    /* A text run is one line: SQLite's reports may hold line breaks. */
    for (char *c = detail; *c; c++)
        if ((unsigned char)*c < 0x20)
            *c = ' ';
    for (char *c = file; *c; c++)
        if ((unsigned char)*c < 0x20)
            *c = ' ';
    p[n++] = (fpara){_("Do not vote on this kiosk."), 1, 1, F_ALERT};
    p[n++] = (fpara){_("Call an organizer: voting is off."), 0, 1, F_TEXT};
    p[n++] = (fpara){file, 0, 0, F_TEXT};
    p[n++] = (fpara){_("Organizer: check the last export with `asamblea "
                       "verify FOLDER`, then start the kiosk with a new "
                       "--data folder."), 0, 0, F_TEXT};
    p[n++] = (fpara){_("The kiosk has not changed the file; keep it for "
                       "inspection."), 0, 0, F_TEXT};
    p[n++] = (fpara){detail, 0, 0, F_TEXT};
    return n;
}

void ui_fault_build(const ui_metrics *mx, double dpi, const ui_fault_info *f,
                    int w, int h, dl_list *out)
{
    static const double caps[] = {5.0, 4.5, 4.0, UI_MIN_CAP_MM};
    char file[1200], detail[1200];
    fpara p[8];
    /* Headings at 1.4 times the body: big, and still room for the rest
     * on a 7-inch 800x480 panel. */
    layout L;
    int np, margin = mm_px(dpi, 4), gap = mm_px(dpi, UI_MIN_GAP_MM);
    int btn_h = mm_px(dpi, 13.5), btn_px = em_px(mx, dpi, 5.0);
    int pgap = mm_px(dpi, 1.5);
    int body = 0, big = 0;

    dl_reset(out, w, h, F_BG);
    np = build_paras(f, file, sizeof file, detail, sizeof detail, p);
    L.mx = mx;
    L.dpi = dpi;
    L.out = out;
    L.x = margin;
    L.w = w - 2 * margin;
    L.bottom = h - margin - btn_h - gap;
    /* The largest text size at which everything fits. */
    for (size_t c = 0; c < sizeof caps / sizeof caps[0]; c++) {
        body = em_px(mx, dpi, caps[c]);
        big = em_px(mx, dpi, caps[c] * 1.4);
        L.y = margin;
        for (int i = 0; i < NEED && i < np; i++) {
            para(&L, p[i].text, p[i].big ? big : body, p[i].bold, p[i].color, 0);
            L.y += pgap;
        }
        if (L.y - pgap <= L.bottom)
            break;
    }
    L.y = margin;
    for (int i = 0; i < np; i++) {
        int px = p[i].big ? big : body;
        layout m = L;
        para(&m, p[i].text, px, p[i].bold, p[i].color, 0);
        if (i >= 2 && m.y > L.bottom)
            continue; /* whole or not at all */
        para(&L, p[i].text, px, p[i].bold, p[i].color, 1);
        L.y += pgap;
    }

    /* "Shut down": full width at the bottom, easy to find. */
    dl_item b;
    memset(&b, 0, sizeof b);
    b.kind = DL_RECT;
    b.r = (dl_rect){margin, h - margin - btn_h, w - 2 * margin, btn_h};
    b.color = F_BUTTON;
    b.role = DL_ROLE_BUTTON;
    b.label = _("Shut down");
    b.action = UI_FAULT_ACT_SHUTDOWN;
    dl_push(out, &b);
    dl_item t;
    memset(&t, 0, sizeof t);
    t.kind = DL_TEXT;
    int tw = mx->text_width(mx->ud, b.label, strlen(b.label), btn_px, 1);
    int lh = mx->line_height(mx->ud, btn_px);
    t.r = (dl_rect){margin + (b.r.w - tw) / 2 > margin ? margin + (b.r.w - tw) / 2
                                                     : margin,
                    b.r.y + (btn_h - lh) / 2, tw, lh};
    t.color = F_ON_BUTTON;
    t.bg = F_BUTTON;
    t.font_px = btn_px;
    t.bold = 1;
    t.text = b.label;
    dl_push(out, &t);
}
