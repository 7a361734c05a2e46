/* test_room_rules.c: the room display's legibility rules, measured from
 * its display list (test_room.c builds the states):
 *   - nothing tappable; the list complete (no out-of-memory);
 *   - every text's cap height >= ROOM_MIN_CAP_FRAC of the screen's short
 *     side (its height in landscape; room.h), contrast >= 10:1
 *     against the colour really under it (rects drawn before it, no image);
 *   - every item inside the screen; no two text runs overlapping, no text
 *     over the QR code;
 *   - no ellipsis ("…" or "...") anywhere;
 *   - results: the largest text's cap >= ROOM_OUTCOME_CAP_FRAC of the
 *     short side, the
 *     percentages shown add up to exactly 100.0%, the QR code is >= h/3
 *     tall and decodes (zbar, on the frame rasterised here: rects and
 *     images, as the backend draws them) to the proposal's record_qr_text,
 *     also after the frame is shrunk to about 480x270 (a phone at the
 *     back of the room). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "scan.h"
#include "ui.h"
#include "test_room.h"

static int g_printed;

double room_short_side(const dl_list *l)
{
    return l->w < l->h ? l->w : l->h;
}

void room_violation(const char *ctx, const char *fmt, ...)
{
    va_list ap;
    check_failed++;
    if (g_printed++ > 300)
        return;
    fprintf(stderr, "VIOLATION [%s] ", ctx);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static int inside(dl_rect r, int x, int y)
{
    return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

static int overlap(dl_rect a, dl_rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h &&
           b.y < a.y + a.h;
}

/* under: the colour below item k at (x, y); 0 when an image is there. */
static int under(const dl_list *l, int k, int x, int y, uint32_t *c)
{
    for (int i = k - 1; i >= 0; i--) {
        const dl_item *it = &l->items[i];
        if (it->kind == DL_TEXT || !inside(it->r, x, y))
            continue;
        if (it->kind == DL_IMAGE)
            return 0;
        if (it->border_px > 0) {
            int b = it->border_px;
            dl_rect in = {it->r.x + b, it->r.y + b, it->r.w - 2 * b, it->r.h - 2 * b};
            if (inside(in, x, y))
                continue;
        }
        *c = it->color;
        return 1;
    }
    *c = l->clear;
    return 1;
}

static void check_text(const dl_list *l, int k, const char *ctx)
{
    const dl_item *t = &l->items[k];
    double cap = t->font_px * g_room_mx.cap_ratio;
    if (cap + 1e-9 < room_short_side(l) * ROOM_MIN_CAP_FRAC)
        room_violation(ctx, "\"%.40s\" cap height %.1f px < short side/40 = %.1f", t->text,
                       cap, room_short_side(l) * ROOM_MIN_CAP_FRAC);
    if (strstr(t->text, "...") || strstr(t->text, "\xE2\x80\xA6"))
        room_violation(ctx, "\"%.60s\" has an ellipsis", t->text);
    int xs[3] = {t->r.x + 1, t->r.x + t->r.w / 2, t->r.x + t->r.w - 2};
    int ys[3] = {t->r.y + 1, t->r.y + t->r.h / 2, t->r.y + t->r.h - 2};
    for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++) {
            uint32_t c;
            if (!under(l, k, xs[a], ys[b], &c)) {
                room_violation(ctx, "\"%.40s\" lies over an image", t->text);
                return;
            }
            double cr = ui_contrast(t->color, c);
            if (cr < UI_MIN_CONTRAST) {
                room_violation(ctx, "\"%.40s\" contrast %.1f:1 on %06X", t->text,
                               cr, (unsigned)c);
                return;
            }
        }
}

/* room_check_rules: the rules every room list obeys. */
void room_check_rules(const dl_list *l, const char *ctx)
{
    if (l->oom)
        room_violation(ctx, "the display list ran out of memory");
    for (int i = 0; i < l->n; i++) {
        const dl_item *it = &l->items[i];
        if (it->role != DL_ROLE_NONE)
            room_violation(ctx, "item %d is tappable: nobody touches the room", i);
        if (it->r.x < 0 || it->r.y < 0 || it->r.x + it->r.w > l->w ||
            it->r.y + it->r.h > l->h)
            room_violation(ctx, "item %d \"%.40s\" at %d,%d %dx%d is outside %dx%d",
                           i, it->kind == DL_TEXT ? it->text : "", it->r.x, it->r.y,
                           it->r.w, it->r.h, l->w, l->h);
        if (it->kind != DL_TEXT)
            continue;
        check_text(l, i, ctx);
        for (int j = i + 1; j < l->n; j++) {
            const dl_item *o = &l->items[j];
            if ((o->kind == DL_TEXT || o->kind == DL_IMAGE) && overlap(it->r, o->r))
                room_violation(ctx, "\"%.30s\" overlaps \"%.30s\"", it->text,
                               o->kind == DL_TEXT ? o->text : "(QR code)");
        }
    }
}

/* room_percent_sum: the tenths of every "(d.d%)" shown; -1 if none. */
int room_percent_sum(const dl_list *l)
{
    int sum = 0, any = 0;
    for (int i = 0; i < l->n; i++) {
        const char *s = l->items[i].kind == DL_TEXT ? l->items[i].text : NULL;
        for (; s && (s = strchr(s, '(')) != NULL; s++) {
            int a, b;
            char pc;
            if (sscanf(s, "(%d.%1d%c", &a, &b, &pc) == 3 && pc == '%') {
                sum += a * 10 + b;
                any = 1;
            }
        }
    }
    return any ? sum : -1;
}

/* room_max_cap: the largest cap height of any text. */
double room_max_cap(const dl_list *l)
{
    double m = 0;
    for (int i = 0; i < l->n; i++)
        if (l->items[i].kind == DL_TEXT && l->items[i].font_px * g_room_mx.cap_ratio > m)
            m = l->items[i].font_px * g_room_mx.cap_ratio;
    return m;
}

typedef struct {
    char text[300];
    int n;
} found_t;

static void on_code(void *ud, const char *text, size_t len)
{
    found_t *f = ud;
    if (len < sizeof f->text) {
        memcpy(f->text, text, len);
        f->text[len] = '\0';
    }
    f->n++;
}

/* raster: the frame's rects and images in 0xAARRGGBB (text left out: it
 * is not what zbar reads), shrunk by an integer factor by averaging. */
static uint32_t *raster(const dl_list *l, int shrink, int *w, int *h)
{
    int W = l->w, H = l->h;
    uint32_t *px = malloc((size_t)W * H * 4);
    if (!px)
        return NULL;
    for (int i = 0; i < W * H; i++)
        px[i] = 0xFF000000u | l->clear;
    for (int k = 0; k < l->n; k++) {
        const dl_item *it = &l->items[k];
        for (int y = it->r.y; it->kind != DL_TEXT && y < it->r.y + it->r.h; y++)
            for (int x = it->r.x; x < it->r.x + it->r.w; x++) {
                if (x < 0 || y < 0 || x >= W || y >= H)
                    continue;
                if (it->kind == DL_RECT)
                    px[y * W + x] = 0xFF000000u | it->color;
                else if (it->image && it->image->rgba) {
                    uint32_t v = it->image->rgba[(y - it->r.y) * it->image->w + (x - it->r.x)];
                    px[y * W + x] = 0xFF000000u | (v >> 8);
                }
            }
    }
    *w = W / shrink;
    *h = H / shrink;
    uint32_t *out = malloc((size_t)*w * *h * 4);
    for (int y = 0; out && y < *h; y++)
        for (int x = 0; x < *w; x++) {
            unsigned s = 0;
            for (int dy = 0; dy < shrink; dy++)
                for (int dx = 0; dx < shrink; dx++)
                    s += px[(y * shrink + dy) * W + x * shrink + dx] & 0xFF;
            s /= (unsigned)(shrink * shrink);
            out[y * *w + x] = 0xFF000000u | s << 16 | s << 8 | s;
        }
    free(px);
    return out;
}

/* room_check_qr: one QR image whose modules span >= h/3 and that decodes to want, at full
 * size and shrunk so its short side is about 270 pixels. */
void room_check_qr(const dl_list *l, const char *want, const char *ctx)
{
    int nimg = 0;
    for (int i = 0; i < l->n; i++)
        if (l->items[i].kind == DL_IMAGE) {
            nimg++;
            /* The modules' span: the dark pixels' rows, the quiet zone
             * left out (what a camera must resolve). */
            const dl_image *im = l->items[i].image;
            int top = -1, bottom = -1;
            for (int y = 0; im && y < im->h; y++)
                for (int x = 0; x < im->w; x++)
                    if ((im->rgba[(size_t)y * (size_t)im->w + (size_t)x] >> 8) == 0) {
                        if (top < 0)
                            top = y;
                        bottom = y;
                        break;
                    }
            int span = top < 0 ? 0 : bottom - top + 1;
            if (span * 3 < l->h)
                room_violation(ctx, "QR code's modules span %d px, under h/3 = %d",
                               span, l->h / 3);
        }
    CHECK_MSG(nimg == 1, "[%s] %d QR images", ctx, nimg);
    /* Full size, and as a phone at the back sees it: about 480x270. */
    int far = (l->w < l->h ? l->w : l->h) / 270;
    for (int shrink = 1; shrink <= far; shrink = shrink == far ? far + 1 : far) {
        int w, h;
        found_t f = {{0}, 0};
        as_err err = {{0}};
        uint32_t *px = raster(l, shrink, &w, &h);
        CHECK(px != NULL);
        if (!px)
            return;
        CHECK_INT(scan_image_rgba(px, w, h, w * 4, on_code, &f, &err), AS_OK);
        free(px);
        CHECK_MSG(f.n == 1 && !strcmp(f.text, want),
                  "[%s] shrunk to 1/%d: QR decoded %d time(s) as \"%s\", want \"%s\"",
                  ctx, shrink, f.n, f.text, want);
    }
}

/* room_same_list: two lists are byte-identical (items and texts). */
int room_same_list(const dl_list *a, const dl_list *b)
{
    if (a->n != b->n || a->w != b->w || a->h != b->h || a->clear != b->clear)
        return 0;
    for (int i = 0; i < a->n; i++) {
        const dl_item *x = &a->items[i], *y = &b->items[i];
        if ((x->text == NULL) != (y->text == NULL) ||
            (x->text && strcmp(x->text, y->text)))
            return 0;
        if (x->kind != y->kind || memcmp(&x->r, &y->r, sizeof x->r) ||
            x->color != y->color || x->bg != y->bg || x->font_px != y->font_px ||
            x->bold != y->bold || x->border_px != y->border_px ||
            x->role != y->role || (x->image == NULL) != (y->image == NULL))
            return 0;
    }
    return 1;
}

/* check.h's counters are per file: test_room.c reads and resets ours. */
int room_rules_failed(void)
{
    return check_failed;
}

int room_rules_passed(void)
{
    return check_passed;
}

void room_rules_set_failed(int n)
{
    check_failed = n;
}
