/* test_ui_a11y.c: every kiosk screen, at every supported display, obeys
 * the accessibility and layout rules of the kiosk issue, measured from
 * the display list at the display's physical size with the real fonts:
 *   - tappables >= 12.7 mm on their short side, >= 2.5 mm apart, on screen,
 *     each naming itself in words (a text run inside it);
 *   - text cap height >= 3.5 mm and contrast >= 10:1 against the colour
 *     really under it (not just the bg field the UI claims);
 *   - text inside the screen (horizontally always, vertically unless
 *     clipped), no two runs overlapping, no run half under a button;
 *   - a text region whose content overflows has Scroll up / Scroll down
 *     buttons that reach its end; a long list pages to every entry.
 * The session is driven through every screen with a real store and the
 * built-in demo meeting, plus a meeting with a very long proposal and one
 * with 100 proposals, in English and Spanish.  Spanish strings come from
 * the catalog when it is built; the checks never depend on it (key words
 * are translated here the same way the UI translates them). */
#include <math.h>
#include <stdarg.h>
#include <sodium.h>
#include "check.h"
#include "test_store_util.h"
#include "test_demo_util.h"
#include "fonts.h"
#include "i18n.h"
#include "meeting.h"
#include "session.h"
#include "store_sqlite.h"
#include "tally.h"
#include "token.h"
#include "ui.h"
#include "test_ui_a11y.h"

/* The displays the issue names, at their physical densities, plus a
 * desktop window at 96 dpi. */
const res_t RES[] = {
    {800, 480, 133, "7\" 800x480"},
    {1280, 800, 149, "10.1\" 1280x800"},
    {1920, 1080, 141, "15.6\" 1920x1080"},
    {720, 1280, 210, "7\" portrait 720x1280"},
    {1280, 800, 96, "desktop 1280x800 at 96 dpi"},
    {1920, 1080, 96, "desktop 1920x1080 at 96 dpi"},
};

static fonts *g_fonts;
ui_metrics g_mx;
static double g_cap_ratio;
static int g_printed;
int g_screens; /* screen x resolution layouts checked */

/* ---------------------------------------------------------------- */
/* reporting */

static void violation(const char *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void violation(const char *ctx, const char *fmt, ...)
{
    va_list ap;
    check_failed++;
    if (g_printed++ > 100000)
        return;
    fprintf(stderr, "VIOLATION [%s] ", ctx);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

/* what: a short quotable name for an item (its text or label). */
static const char *what(const dl_item *it, char *buf, size_t n)
{
    const char *s = it->kind == DL_TEXT ? it->text : it->label;
    snprintf(buf, n, "\"%.48s%s\"", s ? s : "(unnamed)",
             s && strlen(s) > 48 ? "..." : "");
    return buf;
}

static double mm(double px, double dpi)
{
    return px * 25.4 / dpi;
}

/* tr: msgid in language lang, as the UI would show it (a copy). */
const char *tr(const char *lang, const char *msgid)
{
    static char ring[16][512];
    static int k;
    char *b = ring[k++ % 16];
    i18n_set_lang(lang);
    snprintf(b, 512, "%s", gettext(msgid));
    return b;
}

/* ---------------------------------------------------------------- */
/* geometry */

static int inside(dl_rect r, int x, int y)
{
    return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

static dl_rect intersect(dl_rect a, dl_rect b)
{
    int x0 = a.x > b.x ? a.x : b.x, y0 = a.y > b.y ? a.y : b.y;
    int x1 = a.x + a.w < b.x + b.w ? a.x + a.w : b.x + b.w;
    int y1 = a.y + a.h < b.y + b.h ? a.y + a.h : b.y + b.h;
    dl_rect r = {x0, y0, x1 - x0, y1 - y0};
    if (r.w <= 0 || r.h <= 0)
        r.w = r.h = 0;
    return r;
}

static int contains(dl_rect outer, dl_rect in)
{
    return in.x >= outer.x && in.y >= outer.y &&
           in.x + in.w <= outer.x + outer.w && in.y + in.h <= outer.y + outer.h;
}

/* gap: edge-to-edge distance of two rects in pixels (0 if they touch or
 * overlap). */
static double gap(dl_rect a, dl_rect b)
{
    int dx = b.x - (a.x + a.w) > a.x - (b.x + b.w) ? b.x - (a.x + a.w)
                                                    : a.x - (b.x + b.w);
    int dy = b.y - (a.y + a.h) > a.y - (b.y + b.h) ? b.y - (a.y + a.h)
                                                    : a.y - (b.y + b.h);
    if (dx < 0)
        dx = 0;
    if (dy < 0)
        dy = 0;
    return sqrt((double)dx * dx + (double)dy * dy);
}

/* visible: the part of a text run that is drawn (clip applied). */
static dl_rect visible(const dl_item *it)
{
    return it->clip.w > 0 ? intersect(it->r, it->clip) : it->r;
}

/* colour_at: the colour a person sees at (x, y) under item `below`,
 * drawn the way the SDL backend draws (outlines inside the rect, later
 * items on top).  Returns 0 if an image is there (unknown colour). */
static int colour_at(const dl_list *l, int below, int x, int y, uint32_t *c)
{
    for (int i = below - 1; i >= 0; i--) {
        const dl_item *it = &l->items[i];
        if (it->kind == DL_TEXT || it->r.w <= 0 || it->r.h <= 0)
            continue;
        if (!inside(it->r, x, y) || (it->clip.w > 0 && !inside(it->clip, x, y)))
            continue;
        if (it->kind == DL_IMAGE)
            return 0;
        int b = it->border_px;
        if (b > 0 && 2 * b < it->r.w && 2 * b < it->r.h) {
            dl_rect in = {it->r.x + b, it->r.y + b, it->r.w - 2 * b,
                          it->r.h - 2 * b};
            if (inside(in, x, y))
                continue;
        }
        *c = it->color;
        return 1;
    }
    *c = l->clear;
    return 1;
}

static int tappable(const dl_item *it)
{
    return it->kind == DL_RECT && it->role != DL_ROLE_NONE;
}

/* ---------------------------------------------------------------- */
/* the rules */

static void check_rules(const dl_list *l, const char *ctx, double dpi)
{
    int before = check_failed;
    char b1[80], b2[80];

    if (l->oom)
        violation(ctx, "the display list ran out of memory");
    for (int i = 0; i < l->n; i++) {
        const dl_item *a = &l->items[i];
        if (!tappable(a))
            continue;
        double shortside = mm(a->r.w < a->r.h ? a->r.w : a->r.h, dpi);
        if (shortside < UI_MIN_TARGET_MM)
            violation(ctx, "tappable %s is %.1f mm on its short side (%dx%d px), "
                      "needs %.1f mm", what(a, b1, sizeof b1), shortside,
                      a->r.w, a->r.h, UI_MIN_TARGET_MM);
        if (a->r.x < 0 || a->r.y < 0 || a->r.x + a->r.w > l->w ||
            a->r.y + a->r.h > l->h)
            violation(ctx, "tappable %s at %d,%d %dx%d is not inside the %dx%d "
                      "screen", what(a, b1, sizeof b1), a->r.x, a->r.y, a->r.w,
                      a->r.h, l->w, l->h);
        if (!a->label || !*a->label)
            violation(ctx, "a tappable at %d,%d has no label", a->r.x, a->r.y);
        for (int j = i + 1; j < l->n; j++) {
            const dl_item *b = &l->items[j];
            if (!tappable(b))
                continue;
            double g = mm(gap(a->r, b->r), dpi);
            if (g < UI_MIN_GAP_MM)
                violation(ctx, "tappables %s and %s are %.2f mm apart, need %.1f mm",
                          what(a, b1, sizeof b1), what(b, b2, sizeof b2), g,
                          UI_MIN_GAP_MM);
        }
        /* No meaning in colour or shape alone: a button says what it does
         * in words drawn on it. */
        if (a->role == DL_ROLE_BUTTON) {
            int words = 0;
            for (int j = i + 1; j < l->n && !words; j++)
                words = l->items[j].kind == DL_TEXT && l->items[j].text[0] &&
                        contains(a->r, visible(&l->items[j]));
            if (!words)
                violation(ctx, "button %s shows no words", what(a, b1, sizeof b1));
        }
    }

    for (int i = 0; i < l->n; i++) {
        const dl_item *t = &l->items[i];
        if (t->kind != DL_TEXT)
            continue;
        dl_rect v = visible(t);
        double cap = mm(t->font_px * g_cap_ratio, dpi);
        if (cap < UI_MIN_CAP_MM)
            violation(ctx, "text %s has a cap height of %.2f mm (%d px font), "
                      "needs %.1f mm", what(t, b1, sizeof b1), cap, t->font_px,
                      UI_MIN_CAP_MM);
        double cr = ui_contrast(t->color, t->bg);
        if (cr < UI_MIN_CONTRAST)
            violation(ctx, "text %s has contrast %.1f:1 (%06X on %06X), needs %.0f:1",
                      what(t, b1, sizeof b1), cr, (unsigned)t->color,
                      (unsigned)t->bg, UI_MIN_CONTRAST);
        /* The colour really under the text, at both ends and the middle
         * of its line, must be the bg it claims. */
        if (v.w > 0) {
            int ym = v.y + v.h / 2;
            int xs[3] = {v.x + 1, v.x + v.w / 2, v.x + v.w - 2};
            for (int k = 0; k < 3; k++) {
                uint32_t under = t->bg;
                if (!colour_at(l, i, xs[k], ym, &under)) {
                    violation(ctx, "text %s lies over an image",
                              what(t, b1, sizeof b1));
                    break;
                }
                if (under != t->bg) {
                    violation(ctx, "text %s claims background %06X but %06X is "
                              "under it at %d,%d (contrast %.1f:1)",
                              what(t, b1, sizeof b1), (unsigned)t->bg,
                              (unsigned)under, xs[k], ym,
                              ui_contrast(t->color, under));
                    break;
                }
            }
        }
        /* Nothing is cut short: no ellipsis on any screen (a text that
         * does not fit wraps, pages or scrolls instead). */
        if (t->text && (strstr(t->text, "\xE2\x80\xA6") || strstr(t->text, "...")))
            violation(ctx, "text %s is cut short with an ellipsis",
                      what(t, b1, sizeof b1));
        if (t->r.x < 0 || t->r.x + t->r.w > l->w)
            violation(ctx, "text %s (x %d..%d) runs off the %d px wide screen",
                      what(t, b1, sizeof b1), t->r.x, t->r.x + t->r.w, l->w);
        if (t->clip.w > 0) {
            if (t->r.x < t->clip.x || t->r.x + t->r.w > t->clip.x + t->clip.w)
                violation(ctx, "text %s is wider than its clip (cut at the side)",
                          what(t, b1, sizeof b1));
        } else if (t->r.y < 0 || t->r.y + t->r.h > l->h) {
            violation(ctx, "text %s (y %d..%d) is cut by the edge of the %d px "
                      "high screen", what(t, b1, sizeof b1), t->r.y,
                      t->r.y + t->r.h, l->h);
        }
        if (v.w == 0)
            continue;
        for (int j = i + 1; j < l->n; j++) {
            const dl_item *o = &l->items[j];
            if (o->kind != DL_TEXT)
                continue;
            dl_rect x = intersect(v, visible(o));
            if (x.w > 0)
                violation(ctx, "texts %s and %s overlap (%dx%d px)",
                          what(t, b1, sizeof b1), what(o, b2, sizeof b2), x.w, x.h);
        }
        /* A run is either on a tappable or clear of all of them, never
         * half under a button. */
        for (int j = 0; j < l->n; j++) {
            const dl_item *a = &l->items[j];
            if (!tappable(a))
                continue;
            dl_rect x = intersect(v, a->r);
            if (x.w > 0 && !contains(a->r, v))
                violation(ctx, "text %s is partly under tappable %s",
                          what(t, b1, sizeof b1), what(a, b2, sizeof b2));
        }
    }
    if (check_failed == before)
        check_passed++;
}

/* has_word: w appears as a whole word (not inside a longer word) in a
 * text run or a tappable's label. */
static int is_wordchar(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static int str_has_word(const char *s, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = s; s && (p = strstr(p, w)) != NULL; p++) {
        if ((p == s || !is_wordchar((unsigned char)p[-1])) &&
            !is_wordchar((unsigned char)p[n]))
            return 1;
    }
    return 0;
}

static int has_word(const dl_list *l, const char *w)
{
    for (int i = 0; i < l->n; i++) {
        const dl_item *it = &l->items[i];
        if (it->kind == DL_TEXT && str_has_word(it->text, w))
            return 1;
        if (tappable(it) && it->label && str_has_word(it->label, w))
            return 1;
    }
    return 0;
}

static const dl_item *find_action(const dl_list *l, int action, int arg)
{
    for (int i = 0; i < l->n; i++)
        if (tappable(&l->items[i]) && l->items[i].role == DL_ROLE_BUTTON &&
            l->items[i].action == action && l->items[i].arg == arg)
            return &l->items[i];
    return NULL;
}

/* scroll_sig: where the scrolled text stands (first clipped run). */
static void scroll_sig(const dl_list *l, char *buf, size_t n)
{
    snprintf(buf, n, "none");
    for (int i = 0; i < l->n; i++) {
        const dl_item *it = &l->items[i];
        if (it->kind == DL_TEXT && it->clip.w > 0) {
            snprintf(buf, n, "%d:%.200s", it->r.y, it->text);
            return;
        }
    }
}

static int has_scroll_region(const dl_list *l)
{
    for (int i = 0; i < l->n; i++)
        if (l->items[i].kind == DL_RECT && l->items[i].role == DL_ROLE_SCROLL)
            return 1;
    return 0;
}

/* check_scrolling: if the scroll region's content overflows, the
 * Scroll up / Scroll down buttons exist, the end is reachable with them
 * alone (no swipe), and the end shows its last line whole. */
static void check_scrolling(fixture *fx, int r, const char *ctx)
{
    ui *u = fx->u[r];
    const res_t *R = &RES[r];
    char top[256], bottom[256], cur[256], c2[400];

    ui_build(u, session_snapshot(fx->s), R->w, R->h, &fx->dl);
    if (!has_scroll_region(&fx->dl))
        return;
    scroll_sig(&fx->dl, top, sizeof top);
    int has_up = find_action(&fx->dl, ACT_SCROLL, -1) != NULL;
    int has_down = find_action(&fx->dl, ACT_SCROLL, +1) != NULL;
    ui_drag(u, -100000000);
    ui_build(u, session_snapshot(fx->s), R->w, R->h, &fx->dl);
    scroll_sig(&fx->dl, bottom, sizeof bottom);
    if (!strcmp(top, bottom)) {
        check_passed++; /* fits: nothing to scroll */
        return;
    }
    CHECK_MSG(has_up && has_down, "[%s] the text overflows but there are no "
              "Scroll up / Scroll down buttons", ctx);
    snprintf(c2, sizeof c2, "%s, scrolled to the end", ctx);
    check_rules(&fx->dl, c2, R->dpi);
    int last = -1;
    for (int i = 0; i < fx->dl.n; i++) {
        const dl_item *it = &fx->dl.items[i];
        if (it->kind == DL_TEXT && it->clip.w > 0 &&
            (last < 0 || it->r.y >= fx->dl.items[last].r.y))
            last = i;
    }
    if (last >= 0) {
        const dl_item *it = &fx->dl.items[last];
        CHECK_MSG(it->r.y + it->r.h <= it->clip.y + it->clip.h,
                  "[%s] scrolled to the end, the last line is still cut", ctx);
    }
    /* Back to the top, then down with the buttons only. */
    ui_drag(u, 100000000);
    int steps = 0, reached = 0;
    for (; steps < 2000 && !reached; steps++) {
        ui_handle_action(u, ACT_SCROLL, +1);
        ui_build(u, session_snapshot(fx->s), R->w, R->h, &fx->dl);
        scroll_sig(&fx->dl, cur, sizeof cur);
        reached = !strcmp(cur, bottom);
    }
    CHECK_MSG(reached, "[%s] Scroll down never reaches the end of the text", ctx);
    ui_handle_action(u, ACT_SCROLL, -1);
    ui_build(u, session_snapshot(fx->s), R->w, R->h, &fx->dl);
    scroll_sig(&fx->dl, cur, sizeof cur);
    CHECK_MSG(strcmp(cur, bottom) != 0, "[%s] Scroll up does nothing", ctx);
    ui_drag(u, 100000000);
}

/* check_paging: every entry of a list (tappables with list_action) is
 * reachable with the page buttons; each page obeys the rules. */
static void check_paging(fixture *fx, int r, const char *ctx, int list_action,
                         int list_n)
{
    ui *u = fx->u[r];
    const res_t *R = &RES[r];
    static unsigned char seen[4096];
    int distinct = 0, prev_first = -2;
    char c2[400];

    memset(seen, 0, sizeof seen);
    for (int page = 0; page < 1000; page++) {
        ui_build(u, session_snapshot(fx->s), R->w, R->h, &fx->dl);
        int first = -1;
        for (int i = 0; i < fx->dl.n; i++) {
            const dl_item *it = &fx->dl.items[i];
            if (!tappable(it) || it->action != list_action)
                continue;
            if (first < 0)
                first = it->arg;
            if (it->arg >= 0 && it->arg < (int)sizeof seen && !seen[it->arg]++)
                distinct++;
        }
        if (first == prev_first)
            break;
        prev_first = first;
        if (page > 0) {
            snprintf(c2, sizeof c2, "%s, page %d", ctx, page + 1);
            check_rules(&fx->dl, c2, R->dpi);
        }
        if (!find_action(&fx->dl, ACT_PAGE, +1))
            break;
        ui_handle_action(u, ACT_PAGE, +1);
    }
    CHECK_MSG(distinct == list_n, "[%s] %d of %d list entries reachable by paging",
              ctx, distinct, list_n);
    ui_handle_action(u, ACT_PAGE, -100000);
}

/* behind_panel: a 7-inch console's home keeps some buttons on a panel
 * behind its "More" button: want is there, one tap away. */
static int behind_panel(fixture *fx, int r, const char *want)
{
    const dl_item *more = find_action(&fx->dl, ACT_FAC_ROOM_PANEL, 1);
    if (!more || (strcmp(more->label, tr("en", "More")) &&
                  strcmp(more->label, tr("es", "More"))))
        return 0;
    ui_handle_action(fx->u[r], ACT_FAC_ROOM_PANEL, 1);
    ui_build(fx->u[r], session_snapshot(fx->s), RES[r].w, RES[r].h, &fx->dl);
    int found = dl_has_text(&fx->dl, want);
    ui_handle_action(fx->u[r], ACT_FAC_ROOM_PANEL, 0);
    ui_build(fx->u[r], session_snapshot(fx->s), RES[r].w, RES[r].h, &fx->dl);
    return found;
}

/* visit: lays out the current screen at every resolution and checks the
 * rules; want[] must be on screen (or, on a 7-inch console's home, one
 * tap away behind "More"), absent[] (whole words) must not. */
void visit(fixture *fx, const char *name, const char *const *want,
                  const char *const *absent, int list_action, int list_n)
{
    char ctx[400];
    for (int r = 0; r < NRES; r++) {
        const res_t *R = &RES[r];
        snprintf(ctx, sizeof ctx, "%s | %s", name, R->name);
        ui_build(fx->u[r], session_snapshot(fx->s), R->w, R->h, &fx->dl);
        g_screens++;
        check_rules(&fx->dl, ctx, R->dpi);
        if (getenv("A11Y_DUMP") && strstr(ctx, getenv("A11Y_DUMP"))) {
            static char dump[16384];
            dl_dump(&fx->dl, dump, sizeof dump);
            fprintf(stderr, "DUMP [%s]\n%s\n", ctx, dump);
        }
        for (int k = 0; want && want[k]; k++)
            if (!dl_has_text(&fx->dl, want[k]) && !behind_panel(fx, r, want[k])) {
                static char dump[16384];
                dl_dump(&fx->dl, dump, sizeof dump);
                CHECK_MSG(0, "[%s] \"%s\" is not on screen; the screen shows:\n%s",
                          ctx, want[k], dump);
            } else {
                check_passed++;
            }
        for (int k = 0; absent && absent[k]; k++)
            CHECK_MSG(!has_word(&fx->dl, absent[k]),
                      "[%s] \"%s\" must not be on screen", ctx, absent[k]);
        check_scrolling(fx, r, ctx);
        if (list_action)
            check_paging(fx, r, ctx, list_action, list_n);
    }
}

void screen_is(fixture *fx, screen_id want, const char *where)
{
    session_view v;
    session_view_get(fx->s, &v);
    CHECK_MSG(v.screen == want, "%s: on screen %d, expected %d", where,
              (int)v.screen, (int)want);
}

/* ---------------------------------------------------------------- */
/* fixtures */

int fixture_open_with(fixture *fx, const char *yaml, const char *csv,
                             int demo, int desk);

int fixture_open(fixture *fx, const char *yaml, int demo)
{
    return fixture_open_with(fx, yaml, demo_roster(), demo, 0);
}

/* fixture_open_with: the meeting yaml with roster csv; desk: the session
 * is a check-in desk. */
int fixture_open_with(fixture *fx, const char *yaml, const char *csv,
                             int demo, int desk)
{
    diag_list d;
    as_err err = {{0}};
    session_config cfg;

    memset(fx, 0, sizeof *fx);
    dl_init(&fx->dl);
    fx->now = 1000;
    fx->dir = tu_mkdtemp();
    diag_init(&d);
    as_status st = meeting_from_memory("test-meeting.yaml", yaml, strlen(yaml),
                                       csv, &fx->m, &d);
    CHECK_MSG(st == AS_OK, "meeting: %s", d.n ? d.lines[0] : "?");
    diag_free(&d);
    if (st != AS_OK)
        return 0;
    st = store_open(fx->dir, fx->m->sha256, &fx->st, &err);
    CHECK_MSG(st == AS_OK, "store_open: %s", err.msg);
    if (st != AS_OK)
        return 0;
    session_config_default(&cfg, fx->m);
    cfg.demo = demo;
    cfg.desk = desk;
    CHECK_INT(session_new(fx->m, fx->st, &cfg, &fx->s), AS_OK);
    for (int r = 0; r < NRES; r++)
        CHECK_INT(ui_new(&g_mx, RES[r].dpi, &fx->u[r]), AS_OK);
    return fx->s != NULL;
}

void fixture_close(fixture *fx)
{
    for (int r = 0; r < NRES; r++)
        ui_free(fx->u[r]);
    session_free(fx->s);
    store_free(fx->st);
    meeting_free(fx->m);
    dl_free(&fx->dl);
    if (fx->dir) {
        tu_rm_rf(fx->dir);
        free(fx->dir);
    }
}

void set_state(fixture *fx, int prop, prop_state ps)
{
    as_err err = {{0}};
    CHECK_MSG(store_set_proposal_state(fx->st, fx->m->props[prop].id, ps, &err) ==
                  AS_OK, "set state: %s", err.msg);
}


void scan_member(fixture *fx, int who)
{
    const char *t = roster_get(fx->m->roster, who)->token;
    session_scan(fx->s, t, strlen(t), fx->now += 1000);
}

void act(fixture *fx, int action, int arg)
{
    session_action(fx->s, action, arg, fx->now += 1000);
}

/* vote: a whole attendee pass: scan, language, proposal, choice, cast. */
static void vote(fixture *fx, int who, int lang, int prop, int choice)
{
    scan_member(fx, who);
    if (fx->m->nlangs > 1)
        act(fx, ACT_LANG, lang);
    act(fx, ACT_PROPOSAL, prop);
    act(fx, ACT_CHOOSE, choice);
    act(fx, ACT_CAST, 0);
    screen_is(fx, SCR_RECORDED, "vote");
    act(fx, ACT_FINISH, 0);
}

/* ---------------------------------------------------------------- */
/* the walk through every screen */

static void walk_demo(int li)
{
    fixture fx;
    char name[200], buf[3][512];
    const char *A; /* attendee language */
    const char *E = "en";

    if (!fixture_open(&fx, demo_yaml(), 1))
        goto out;
    A = fx.m->langs[li];
#define NAME(s) (snprintf(name, sizeof name, "%s [%s]", s, A), name)

    /* IDLE, with the demo badges and without. */
    {
        const char *w[] = {fx.m->title, tr(E, "Scan your badge to vote"),
                           tr(E, "Demo: no scanner needed. Touch a badge to try it."),
                           NULL};
        visit(&fx, NAME("IDLE with demo badges"), w, NULL, ACT_DEMO_BADGE, 5);
    }
    {
        fixture plain;
        if (fixture_open(&plain, demo_yaml(), 0)) {
            const char *w[] = {plain.m->title, tr(E, "Scan your badge to vote"), NULL};
            visit(&plain, NAME("IDLE"), w, NULL, 0, 0);
            for (int r = 0; r < NRES; r++) {
                ui_build(plain.u[r], session_snapshot(plain.s), RES[r].w, RES[r].h, &plain.dl);
                CHECK(!dl_has_text(&plain.dl, tr(E, "Demo: no scanner needed. Touch a badge to try it.")));
            }
        }
        fixture_close(&plain);
    }

    /* MESSAGE for each kind of unusable scan. */
    {
        const char *g = "https://example.org/products/4006381333931";
        session_scan(fx.s, g, strlen(g), fx.now += 1000);
        screen_is(&fx, SCR_MESSAGE, "garbage scan");
        const char *w[] = {tr(E, "That is not a voting badge"), tr(E, "OK"), NULL};
        visit(&fx, NAME("MESSAGE not a badge"), w, NULL, 0, 0);
        act(&fx, ACT_DISMISS, 0);
    }
    {
        char t[TOKEN_TEXT_SIZE];
        snprintf(t, sizeof t, "%s", roster_get(fx.m->roster, ANA)->token);
        t[3] = t[3] == '7' ? '8' : '7'; /* one wrong symbol */
        session_scan(fx.s, t, strlen(t), fx.now += 1000);
        screen_is(&fx, SCR_MESSAGE, "misread scan");
        const char *w[] = {tr(E, "Could not read the badge"), NULL};
        visit(&fx, NAME("MESSAGE misread"), w, NULL, 0, 0);
    }
    {
        char t[TOKEN_TEXT_SIZE];
        token_new(t);
        session_scan(fx.s, t, strlen(t), fx.now += 1000);
        screen_is(&fx, SCR_MESSAGE, "unknown badge");
        const char *w[] = {tr(E, "This badge is not on today's list"), NULL};
        visit(&fx, NAME("MESSAGE not on roster"), w, NULL, 0, 0);
        act(&fx, ACT_DISMISS, 0);
    }

    /* LANGUAGE, then LIST while nothing is open. */
    scan_member(&fx, ANA);
    screen_is(&fx, SCR_LANGUAGE, "first scan");
    {
        const char *w[] = {tr(E, "Choose your language"), "English", "Español", NULL};
        visit(&fx, NAME("LANGUAGE"), w, NULL, ACT_LANG, 2);
    }
    act(&fx, ACT_LANG, li);
    {
        const char *w[] = {tr(A, "No vote is open right now"), tr(A, "Finish"), NULL};
        visit(&fx, NAME("LIST nothing open"), w, NULL, ACT_PROPOSAL, 0);
    }
    act(&fx, ACT_FINISH, 0);

    /* Two proposals open: LIST, PROPOSAL, REVIEW, RECORDED. */
    set_state(&fx, 0, PROP_OPEN);
    set_state(&fx, 1, PROP_OPEN);
    scan_member(&fx, ANA);
    act(&fx, ACT_LANG, li);
    {
        const char *w[] = {tr(A, "Choose a proposal to vote on"),
                           meeting_text(fx.m, &fx.m->props[0].title, li),
                           meeting_text(fx.m, &fx.m->props[1].title, li), NULL};
        visit(&fx, NAME("LIST two open"), w, NULL, ACT_PROPOSAL, 2);
    }
    act(&fx, ACT_PROPOSAL, 0);
    screen_is(&fx, SCR_PROPOSAL, "proposal");
    {
        const char *w[] = {meeting_text(fx.m, &fx.m->props[0].title, li),
                           tr(A, "Yes"), tr(A, "No"), tr(A, "Abstain"), tr(A, "Back"),
                           NULL};
        visit(&fx, NAME("PROPOSAL"), w, NULL, 0, 0);
    }
    act(&fx, ACT_CHOOSE, CHOICE_YES);
    {
        i18n_set_lang(A);
        snprintf(buf[0], sizeof buf[0], _("Your choice: %s"), _("Yes"));
        const char *w[] = {tr(A, "Cast my vote"), tr(A, "Change"), buf[0], NULL};
        visit(&fx, NAME("REVIEW"), w, NULL, 0, 0);
    }
    act(&fx, ACT_CAST, 0);
    screen_is(&fx, SCR_RECORDED, "cast");
    {
        i18n_set_lang(A);
        snprintf(buf[1], sizeof buf[1], _("Vote on the next proposal (%d left)"), 1);
        const char *w[] = {tr(A, "Your vote is recorded"), buf[1], NULL};
        const char *no[] = {tr(A, "Yes"), tr(A, "No"), tr(A, "Abstain"), NULL};
        visit(&fx, NAME("RECORDED with a next proposal"), w, no, 0, 0);
    }
    act(&fx, ACT_NEXT, 0);
    act(&fx, ACT_PROPOSAL, 1);
    act(&fx, ACT_CHOOSE, CHOICE_NO);
    act(&fx, ACT_CAST, 0);
    screen_is(&fx, SCR_RECORDED, "second cast");
    {
        const char *w[] = {tr(A, "Your vote is recorded"), tr(A, "Finish"), NULL};
        const char *no[] = {tr(A, "Yes"), tr(A, "No"), tr(A, "Abstain"), NULL};
        visit(&fx, NAME("RECORDED, nothing left"), w, no, 0, 0);
    }
    act(&fx, ACT_FINISH, 0);

    /* Back again: everything open is voted.  Then "Still voting?". */
    scan_member(&fx, ANA);
    act(&fx, ACT_LANG, li);
    {
        const char *w[] = {tr(A, "You have voted on every open proposal. Thank you!"),
                           NULL};
        visit(&fx, NAME("LIST all voted"), w, NULL, ACT_PROPOSAL, 0);
    }
    session_tick(fx.s, fx.now + (uint64_t)(fx.m->idle_seconds > 0 ? fx.m->idle_seconds : 90) * 1000);
    screen_is(&fx, SCR_STILL, "inactivity");
    {
        const char *w[] = {tr(A, "Still voting?"), tr(A, "Continue voting"),
                           tr(A, "Finish"), NULL};
        visit(&fx, NAME("STILL"), w, NULL, 0, 0);
    }
    act(&fx, ACT_FINISH, 0);

    /* Two more voters so quorum (3) is met and both outcomes show. */
    vote(&fx, MARCUS, li, 0, CHOICE_YES);
    vote(&fx, LUCIA, li, 1, CHOICE_NO);

    /* Facilitator screens (always in the meeting's first language). */
    scan_member(&fx, ROSA);
    screen_is(&fx, SCR_FAC_HOME, "facilitator scan");
    {
        const char *w[] = {tr(E, "Facilitator"), tr(E, "Export"),
                           tr(E, "Shut down"), tr(E, "Leave"), NULL};
        visit(&fx, NAME("FAC_HOME"), w, NULL, ACT_FAC_PROPOSAL, fx.m->nprops);
    }
    session_report(fx.s, 1, "/media/asamblea-usb/asamblea-export-2026-12-05", fx.now += 1000);
    {
        const char *w[] = {"/media/asamblea-usb/asamblea-export-2026-12-05", NULL};
        visit(&fx, NAME("FAC_HOME exported"), w, NULL, ACT_FAC_PROPOSAL, fx.m->nprops);
    }
    session_report(fx.s, 0,
                   "/media/asamblea-usb/a-very-long-folder-name-that-a-person-"
                   "might-have-chosen-for-the-export-of-this-assembly/results.csv: "
                   "No space left on device; free some space on the stick or use "
                   "another one", fx.now += 1000);
    visit(&fx, NAME("FAC_HOME export failed"), NULL, NULL, ACT_FAC_PROPOSAL,
          fx.m->nprops);
    act(&fx, ACT_FAC_PROPOSAL, 2);
    {
        const char *w[] = {tr(E, "Not open yet"), tr(E, "Open voting"), tr(E, "Back"),
                           NULL};
        const char *no[] = {tr(E, "PASSED"), NULL};
        visit(&fx, NAME("FAC_PROPOSAL draft"), w, no, 0, 0);
    }
    act(&fx, ACT_FAC_OPEN, 2);
    screen_is(&fx, SCR_FAC_CONFIRM, "open asks to confirm");
    {
        const char *w[] = {tr(E, "Yes, open voting"), tr(E, "Cancel"), NULL};
        visit(&fx, NAME("FAC_CONFIRM open"), w, NULL, 0, 0);
    }
    act(&fx, ACT_CONFIRM, 0);
    act(&fx, ACT_BACK, 0);
    act(&fx, ACT_FAC_PROPOSAL, 0);
    {
        i18n_set_lang(E);
        snprintf(buf[2], sizeof buf[2],
                 _("Voting open: %lld of %lld checked in have voted"), 2LL, 3LL);
        const char *w[] = {buf[2], tr(E, "Close voting"), NULL};
        const char *no[] = {tr(E, "Yes"), tr(E, "No"), tr(E, "Abstain"),
                            tr(E, "PASSED"), NULL};
        visit(&fx, NAME("FAC_PROPOSAL open (turnout only)"), w, no, 0, 0);
    }
    act(&fx, ACT_FAC_CLOSE, 0);
    {
        const char *w[] = {tr(E, "Yes, close voting"), tr(E, "Cancel"), NULL};
        visit(&fx, NAME("FAC_CONFIRM close"), w, NULL, 0, 0);
    }
    act(&fx, ACT_CANCEL, 0);
    screen_is(&fx, SCR_FAC_PROPOSAL, "cancel");
    act(&fx, ACT_FAC_CLOSE, 0);
    act(&fx, ACT_CONFIRM, 0);
    {
        /* 2 yes, 0 no, quorum 3 of 3 met: passes, said in words. */
        const char *w[] = {tr(E, "PASSED"), tr(E, "Yes"), NULL};
        const char *no[] = {"NOT", NULL};
        visit(&fx, NAME("FAC_PROPOSAL closed, passed"), w, no, 0, 0);
    }
    {
        /* The room witness: the QR view of the same result, on every
         * display (the QR image itself is not text; its words are). */
        for (int r = 0; r < NRES; r++)
            ui_handle_action(fx.u[r], ACT_QR, 1);
        const char *w[] = {tr(E, "Ballot-list code:"), tr(E, "Back to the result"),
                           NULL};
        visit(&fx, NAME("FAC_PROPOSAL closed, QR code"), w, NULL, 0, 0);
        for (int r = 0; r < NRES; r++) {
            int images = 0;
            ui_build(fx.u[r], session_snapshot(fx.s), RES[r].w, RES[r].h, &fx.dl);
            for (int k = 0; k < fx.dl.n; k++)
                if (fx.dl.items[k].kind == DL_IMAGE) {
                    images++;
                    /* big enough to photograph: at least 40 mm wide */
                    CHECK_MSG(fx.dl.items[k].r.w * 25.4 / RES[r].dpi >= 40.0,
                              "[%s] QR code only %.1f mm wide", RES[r].name,
                              fx.dl.items[k].r.w * 25.4 / RES[r].dpi);
                }
            CHECK_MSG(images == 1, "[%s] %d QR images", RES[r].name, images);
            ui_handle_action(fx.u[r], ACT_QR, 0);
        }
    }
    act(&fx, ACT_BACK, 0);
    act(&fx, ACT_FAC_PROPOSAL, 1);
    act(&fx, ACT_FAC_CLOSE, 1);
    act(&fx, ACT_CONFIRM, 0);
    {
        const char *w[] = {tr(E, "NOT PASSED"), NULL};
        visit(&fx, NAME("FAC_PROPOSAL closed, not passed"), w, NULL, 0, 0);
    }
    act(&fx, ACT_FAC_SHUTDOWN, 0);
    {
        const char *w[] = {tr(E, "Shut down the kiosk?"), tr(E, "Yes, shut down"),
                           tr(E, "Cancel"), NULL};
        visit(&fx, NAME("FAC_CONFIRM shut down"), w, NULL, 0, 0);
    }
    act(&fx, ACT_CANCEL, 0);
    act(&fx, ACT_FAC_LEAVE, 0);
    screen_is(&fx, SCR_IDLE, "leave");

    /* VOTE_ERROR: the disk is full (no journal can be written), so
     * Tom's cast cannot be recorded. */
    {
        scan_member(&fx, TOM);
        act(&fx, ACT_LANG, li);
        act(&fx, ACT_PROPOSAL, 2);
        act(&fx, ACT_CHOOSE, CHOICE_YES);
        store_test_journal_full(1);
        act(&fx, ACT_CAST, 0);
        store_test_journal_full(0);
        screen_is(&fx, SCR_VOTE_ERROR, "cast on a full disk");
        const char *w[] = {tr(E, "Your vote was NOT recorded"), tr(E, "OK"), NULL};
        const char *no[] = {tr(E, "Yes"), NULL};
        visit(&fx, NAME("VOTE_ERROR"), w, no, 0, 0);
    }
#undef NAME
out:
    fixture_close(&fx);
}

/* A meeting whose one proposal has a very long title and text (with an
 * unbreakable URL), to test wrapping and scrolling. */
static char *long_meeting(void)
{
    size_t cap = 200000, n = 0;
    char *y = malloc(cap);
    const char *para =
        "The assembly agrees to rent the community room at the library on "
        "every second Tuesday, to pay the deposit from the general fund, "
        "and to ask the working group on spaces to report back in March. ";
    n += (size_t)snprintf(y + n, cap - n,
        "meeting:\n  title: Long proposal test\n  date: 2026-12-05\n"
        "  languages: [en, es]\n  roster: r.csv\n  quorum: 1\nproposals:\n"
        "  - id: long\n    title:\n"
        "      en: \"Rent the community room at the public library on every "
        "second Tuesday of the month for the whole of next year, pay the deposit "
        "from the general fund, and ask the spaces working group to report\"\n"
        "      es: \"Alquilar la sala comunitaria de la biblioteca pública cada "
        "segundo martes del mes durante todo el año próximo, pagar el depósito "
        "del fondo general y pedir al grupo de trabajo de espacios un informe\"\n"
        "    text:\n");
    for (int l = 0; l < 2; l++) {
        n += (size_t)snprintf(y + n, cap - n, "      %s: |\n", l ? "es" : "en");
        for (int p = 0; p < 12; p++) {
            n += (size_t)snprintf(y + n, cap - n, "        %d. ", p + 1);
            for (int k = 0; k < 3; k++)
                n += (size_t)snprintf(y + n, cap - n, "%s\n        ", para);
            if (p == 3)
                n += (size_t)snprintf(y + n, cap - n,
                    "https://example.org/assembly/minutes/2026/december/"
                    "community-room-rental-agreement-draft-version-7-final.pdf\n        ");
            n += (size_t)snprintf(y + n, cap - n, "end of paragraph %d.\n\n", p + 1);
        }
    }
    n += (size_t)snprintf(y + n, cap - n,
                          "    method: yes-no-abstain\n    threshold: majority\n");
    return y;
}

/* A meeting with 100 proposals, titles of varied lengths. */
static char *hundred_meeting(void)
{
    size_t cap = 200000, n = 0;
    char *y = malloc(cap);
    n += (size_t)snprintf(y + n, cap - n,
        "meeting:\n  title: One hundred proposals\n  date: 2026-12-05\n"
        "  languages: [en, es]\n  roster: r.csv\n  quorum: 10%%\nproposals:\n");
    for (int i = 0; i < 100; i++) {
        const char *extra = i % 3 == 0 ? "" : i % 3 == 1
            ? " and ask the treasurer to publish the receipts"
            : " and ask the treasurer to publish the receipts at the next "
              "assembly, with a summary in both languages on the notice board";
        n += (size_t)snprintf(y + n, cap - n,
            "  - id: p%d\n    title:\n      en: \"Proposal %d: fund item %d%s\"\n"
            "      es: \"Propuesta %d: financiar el punto %d\"\n"
            "    text:\n      en: Text of proposal %d.\n"
            "    method: yes-no-abstain\n    threshold: %s\n",
            i, i + 1, i + 1, extra, i + 1, i + 1, i + 1,
            i % 2 ? "two-thirds" : "majority");
    }
    return y;
}

static void walk_long(int li)
{
    fixture fx;
    char name[200];
    char *yaml = long_meeting();
    if (!fixture_open(&fx, yaml, 0))
        goto out;
    const char *A = fx.m->langs[li];
    set_state(&fx, 0, PROP_OPEN);
    scan_member(&fx, ANA);
    act(&fx, ACT_LANG, li);
    snprintf(name, sizeof name, "LIST long title [%s]", A);
    visit(&fx, name, NULL, NULL, ACT_PROPOSAL, 1);
    act(&fx, ACT_PROPOSAL, 0);
    snprintf(name, sizeof name, "PROPOSAL long text [%s]", A);
    {
        const char *w[] = {tr(A, "Yes"), tr(A, "Abstain"), NULL};
        visit(&fx, name, w, NULL, 0, 0);
    }
    act(&fx, ACT_CHOOSE, CHOICE_ABSTAIN);
    snprintf(name, sizeof name, "REVIEW long title [%s]", A);
    {
        const char *w[] = {tr(A, "Cast my vote"), NULL};
        visit(&fx, name, w, NULL, 0, 0);
    }
    act(&fx, ACT_CAST, 0);
    act(&fx, ACT_FINISH, 0);
    scan_member(&fx, ROSA);
    act(&fx, ACT_FAC_PROPOSAL, 0);
    snprintf(name, sizeof name, "FAC_PROPOSAL long title open [%s]", A);
    visit(&fx, name, NULL, NULL, 0, 0);
    act(&fx, ACT_FAC_CLOSE, 0);
    snprintf(name, sizeof name, "FAC_CONFIRM long title [%s]", A);
    visit(&fx, name, NULL, NULL, 0, 0);
    act(&fx, ACT_CONFIRM, 0);
    snprintf(name, sizeof name, "FAC_PROPOSAL long title closed [%s]", A);
    visit(&fx, name, NULL, NULL, 0, 0);
out:
    fixture_close(&fx);
    free(yaml);
}

static void walk_hundred(int li)
{
    fixture fx;
    char name[200];
    char *yaml = hundred_meeting();
    if (!fixture_open(&fx, yaml, 0))
        goto out;
    const char *A = fx.m->langs[li];
    for (int i = 0; i < fx.m->nprops; i++)
        set_state(&fx, i, PROP_OPEN);
    scan_member(&fx, MARCUS);
    act(&fx, ACT_LANG, li);
    snprintf(name, sizeof name, "LIST 100 open [%s]", A);
    visit(&fx, name, NULL, NULL, ACT_PROPOSAL, 100);
    act(&fx, ACT_PROPOSAL, 99);
    act(&fx, ACT_CHOOSE, CHOICE_NO);
    act(&fx, ACT_CAST, 0);
    snprintf(name, sizeof name, "RECORDED 99 left [%s]", A);
    visit(&fx, name, NULL, NULL, 0, 0);
    act(&fx, ACT_FINISH, 0);
    scan_member(&fx, ROSA);
    snprintf(name, sizeof name, "FAC_HOME 100 proposals [%s]", A);
    visit(&fx, name, NULL, NULL, ACT_FAC_PROPOSAL, 100);
out:
    fixture_close(&fx);
    free(yaml);
}

/* The check-in desk and card mode, with tests/data/desk/roster.csv (names
 * with accents, two people sharing a name).  Desk and facilitator screens
 * are in the meeting's first language, so the walk in language li puts
 * that language first. */
enum { D_ROSA = 0, D_ANA, D_BEN, D_JOSE };

static char *desk_roster(void)
{
    static char csv[4096];
    FILE *f = fopen(AS_TEST_DATA "/desk/roster.csv", "r");
    size_t n = f ? fread(csv, 1, sizeof csv - 1, f) : 0;
    CHECK_MSG(f != NULL, "tests/data/desk/roster.csv missing");
    if (f)
        fclose(f);
    csv[n] = '\0';
    return csv;
}

static void walk_desk(int li)
{
    fixture fx;
    session *kiosk = NULL;
    char name[200], yaml[1024];
    const char *L = li ? "es" : "en";
    const char *A = L;
#define NAME(s) (snprintf(name, sizeof name, "%s [%s]", s, A), name)

    snprintf(yaml, sizeof yaml,
             "meeting:\n  title: Asamblea de vecinas y vecinos del barrio, "
             "diciembre\n  date: 2026-12-05\n  languages: [%s]\n"
             "  roster: r.csv\n  quorum: 3\n  credentials: cards\n"
             "proposals:\n  - id: garden\n"
             "    title: {en: Plant a community garden, es: Plantar un huerto}\n"
             "    text: {en: A garden., es: Un huerto.}\n"
             "    method: yes-no-abstain\n    threshold: majority\n",
             li ? "es, en" : "en, es");
    if (!fixture_open_with(&fx, yaml, desk_roster(), 0, 1))
        goto out;
    {
        const char *w[] = {tr(L, "Check-in desk"), NULL};
        visit(&fx, NAME("DESK idle"), w, NULL, 0, 0);
    }
    scan_member(&fx, D_ANA);
    screen_is(&fx, SCR_DESK_WELCOME, "desk scan");
    {
        const char *w[] = {tr(L, "OK"), NULL};
        const char *no[] = {tr(L, "Yes"), tr(L, "Vote"), NULL};
        visit(&fx, NAME("DESK_WELCOME cards"), w, no, 0, 0);
    }
    act(&fx, ACT_DISMISS, 0);
    scan_member(&fx, D_ANA);
    screen_is(&fx, SCR_DESK_ALREADY, "desk second scan");
    {
        const char *w[] = {tr(L, "Check out"), tr(L, "OK"), NULL};
        visit(&fx, NAME("DESK_ALREADY"), w, NULL, 0, 0);
    }
    act(&fx, ACT_DESK_CHECKOUT, 0);
    {
        const char *w[] = {tr(L, "Yes, check out"), tr(L, "Cancel"), NULL};
        visit(&fx, NAME("DESK_CHECKOUT"), w, NULL, 0, 0);
    }
    act(&fx, ACT_CONFIRM, 0);
    screen_is(&fx, SCR_DESK_LEFT, "check out");
    visit(&fx, NAME("DESK_LEFT"), NULL, NULL, 0, 0);
    act(&fx, ACT_DISMISS, 0);

    /* A voting card at the desk. */
    {
        char tok[TOKEN_TEXT_SIZE];
        uint8_t h[1][TOKEN_HASH_SIZE];
        as_err err;
        token_new(tok);
        token_hash(store_key(fx.st), tok, h[0]);
        CHECK_INT(store_add_cards(fx.st, (const uint8_t(*)[TOKEN_HASH_SIZE])h, 1,
                                  &err), AS_OK);
        session_scan(fx.s, tok, strlen(tok), fx.now += 1000);
        screen_is(&fx, SCR_MESSAGE, "card at the desk");
        visit(&fx, NAME("MESSAGE card at the desk"), NULL, NULL, 0, 0);
        act(&fx, ACT_DISMISS, 0);
    }

    /* A facilitator checks people in by name. */
    scan_member(&fx, D_ROSA);
    screen_is(&fx, SCR_DESK_FAC, "facilitator at the desk");
    {
        const char *w[] = {tr(L, "Check in by name"), tr(L, "Leave"), NULL};
        visit(&fx, NAME("DESK_FAC"), w, NULL, 0, 0);
    }
    act(&fx, ACT_DESK_BY_NAME, 0);
    {
        const char *w[] = {"A", "Z", tr(L, "Delete"), tr(L, "Clear"),
                           tr(L, "Back"), NULL};
        visit(&fx, NAME("DESK_SEARCH empty"), w, NULL, 0, 0);
    }
    act(&fx, ACT_KEY, 'Q');
    act(&fx, ACT_KEY, 'Q');
    visit(&fx, NAME("DESK_SEARCH no match"), NULL, NULL, 0, 0);
    act(&fx, ACT_KEY_CLEAR, 0);
    for (const char *p = "ANA"; *p; p++)
        act(&fx, ACT_KEY, *p);
    visit(&fx, NAME("DESK_SEARCH one match"), NULL, NULL, ACT_DESK_PICK, 1);
    act(&fx, ACT_KEY_CLEAR, 0);
    /* Several matches: beside the keyboard as many as fit; when that is
     * not all (7" screens), "Show all N names" opens them all, paged, and
     * paging must reach every one. */
    act(&fx, ACT_KEY, 'R');
    for (int round = 0; round < 2; round++) {
        session_view v;
        session_view_get(fx.s, &v);
        CHECK(round == 1 || v.nmatches >= 3);
        visit(&fx, round ? NAME("DESK_SEARCH twins") : NAME("DESK_SEARCH R"),
              NULL, NULL, 0, 0);
        for (int r = 0; r < NRES; r++) {
            int shown = 0, show_all = 0;
            ui_build(fx.u[r], session_snapshot(fx.s), RES[r].w, RES[r].h, &fx.dl);
            for (int k = 0; k < fx.dl.n; k++) {
                shown += fx.dl.items[k].role == DL_ROLE_BUTTON &&
                         fx.dl.items[k].action == ACT_DESK_PICK;
                show_all += fx.dl.items[k].role == DL_ROLE_BUTTON &&
                            fx.dl.items[k].action == ACT_DESK_LIST;
            }
            CHECK_MSG(shown == v.nmatches || (shown == 0 && show_all == 1),
                      "[%s] %d of %d matches shown, %d show-all buttons",
                      RES[r].name, shown, v.nmatches, show_all);
            ui_handle_action(fx.u[r], ACT_DESK_LIST, 1);
        }
        visit(&fx, round ? NAME("DESK_SEARCH twins, all") : NAME("DESK_SEARCH R, all"),
              NULL, NULL, ACT_DESK_PICK, v.nmatches);
        for (int r = 0; r < NRES; r++)
            ui_handle_action(fx.u[r], ACT_DESK_LIST, 0);
        act(&fx, ACT_KEY_CLEAR, 0);
        for (const char *p = "MARIA NU"; round == 0 && *p; p++)
            act(&fx, ACT_KEY, *p);
    }
    act(&fx, ACT_KEY_CLEAR, 0);
    for (const char *p = "JOSE"; *p; p++)
        act(&fx, ACT_KEY, *p);
    act(&fx, ACT_DESK_PICK, D_JOSE);
    screen_is(&fx, SCR_DESK_NAME_CONFIRM, "pick by name");
    {
        const char *w[] = {tr(L, "Yes, check in"), tr(L, "Cancel"), NULL};
        visit(&fx, NAME("DESK_NAME_CONFIRM"), w, NULL, 0, 0);
    }
    act(&fx, ACT_CONFIRM, 0);
    screen_is(&fx, SCR_DESK_WELCOME, "checked in by name");
    visit(&fx, NAME("DESK_WELCOME by a facilitator"), NULL, NULL, 0, 0);
    act(&fx, ACT_DISMISS, 0);
    screen_is(&fx, SCR_DESK_FAC, "back to the tools");
    visit(&fx, NAME("DESK_FAC with a count"), NULL, NULL, 0, 0);
    act(&fx, ACT_FAC_LEAVE, 0);

    /* The vote kiosk of the same meeting: a badge is sent to the desk, and
     * the facilitator home has no Vote. */
    {
        session_config c;
        session *desk = fx.s;
        session_config_default(&c, fx.m);
        CHECK_INT(session_new(fx.m, fx.st, &c, &kiosk), AS_OK);
        if (!kiosk)
            goto out;
        fx.s = kiosk;
        scan_member(&fx, D_BEN);
        screen_is(&fx, SCR_MESSAGE, "badge at a card-mode kiosk");
        visit(&fx, NAME("MESSAGE use your card"), NULL, NULL, 0, 0);
        act(&fx, ACT_DISMISS, 0);
        scan_member(&fx, D_ROSA);
        screen_is(&fx, SCR_FAC_HOME, "facilitator, card mode");
        {
            const char *w[] = {tr(L, "Facilitator"), tr(L, "Export"), NULL};
            const char *no[] = {tr(L, "Vote"), NULL};
            visit(&fx, NAME("FAC_HOME cards"), w, no, ACT_FAC_PROPOSAL, 1);
        }
        fx.s = desk;
    }
out:
    session_free(kiosk);
    fixture_close(&fx);
#undef NAME
}

int main(void)
{
    as_err err = {{0}};

    if (sodium_init() < 0) {
        CHECK_MSG(0, "sodium_init failed");
        return check_done();
    }
    i18n_init();
    as_status st = fonts_new(&g_fonts, &err);
    CHECK_MSG(st == AS_OK, "fonts_new: %s", err.msg);
    if (st != AS_OK)
        return check_done();
    g_cap_ratio = fonts_cap_height_ratio(g_fonts);
    g_mx.ud = g_fonts;
    g_mx.text_width = fonts_text_width;
    g_mx.line_height = fonts_line_height;
    g_mx.cap_ratio = g_cap_ratio;

    /* The rule checker itself: a layout with known faults is caught. */
    {
        dl_list l;
        dl_init(&l);
        dl_reset(&l, 800, 480, 0xFFFFFF);
        dl_item b = {0};
        b.kind = DL_RECT;
        b.r = (dl_rect){10, 10, 60, 60}; /* 11.5 mm at 133 dpi */
        b.color = 0x083070;
        b.role = DL_ROLE_BUTTON;
        b.label = "Small";
        dl_push(&l, &b);
        b.r = (dl_rect){72, 10, 100, 100}; /* 2 px from the first */
        b.label = "Close";
        dl_push(&l, &b);
        dl_item t = {0};
        t.kind = DL_TEXT;
        t.r = (dl_rect){20, 200, 100, 20};
        t.font_px = 12;
        t.color = 0x777777; /* grey on white: 4.5:1 */
        t.bg = 0x000000;    /* and it lies about its background */
        t.text = "faint";
        dl_push(&l, &t);
        t.r = (dl_rect){20, 300, 300, 40};
        t.font_px = 40;
        t.color = 0x111111;
        t.bg = 0xFFFFFF;
        t.text = "Begoña Ibáñez-Castillo: 16\xE2\x80\xA6"; /* cut short */
        dl_push(&l, &t);
        int before = check_failed;
        check_rules(&l, "self-test (violations expected)", 133);
        int found = check_failed - before;
        check_failed = before;
        /* small, too close, 2 buttons without words, tiny cap, lied bg,
         * an ellipsis */
        CHECK_MSG(found >= 7, "the checker found %d of 7 planted faults", found);
        dl_free(&l);
    }

    for (int li = 0; li < 2; li++) {
        walk_demo(li);
        walk_long(li);
        walk_hundred(li);
        walk_desk(li);
        walk_methods(li);
    }
    walk_fac_lang(&check_passed, &check_failed);
    printf("%d screen layouts checked at %d resolutions\n", g_screens, NRES);
    fonts_free(g_fonts);
    return check_done();
}
