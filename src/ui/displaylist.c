/* displaylist.c: the frame as data (see displaylist.h).
 *
 * Items point at strings in one arena.  When the arena has to grow we
 * allocate a new block, copy, re-point every item while the old block is
 * still alive, and only then free it: realloc would leave us comparing
 * against a freed pointer. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "displaylist.h"
#include "grow.h"

void dl_init(dl_list *l)
{
    memset(l, 0, sizeof *l);
}

void dl_free(dl_list *l)
{
    free(l->items);
    free(l->arena);
    memset(l, 0, sizeof *l);
}

void dl_reset(dl_list *l, int w, int h, uint32_t clear)
{
    l->w = w;
    l->h = h;
    l->clear = clear;
    l->n = 0;
    l->arena_len = 0;
    l->oom = 0;
}

/* in_block: whether p points into [base, base+len); compared as integers
 * because p may belong to another allocation. */
static int in_block(const char *p, const char *base, size_t len)
{
    uintptr_t a = (uintptr_t)p, b = (uintptr_t)base;
    return p && base && a >= b && a < b + len;
}

static const char *rebase(const char *p, const char *from, size_t len,
                          char *to)
{
    if (!in_block(p, from, len))
        return p;
    return to + ((uintptr_t)p - (uintptr_t)from);
}

/* grow_arena: makes room for need more bytes.  *a and *b are the strings
 * about to be copied; they are re-pointed too if they live in the arena. */
static int grow_arena(dl_list *l, size_t need, const char **a, const char **b)
{
    if (l->arena_cap - l->arena_len >= need)
        return 1;
    size_t cap = l->arena_cap ? l->arena_cap : 4096;
    while (cap - l->arena_len < need) {
        if (cap > SIZE_MAX / 2)
            return 0;
        cap *= 2;
    }
    char *na = malloc(cap);
    if (!na)
        return 0;
    char *old = l->arena;
    size_t used = l->arena_len;
    if (used)
        memcpy(na, old, used);
    for (int i = 0; i < l->n; i++) {
        l->items[i].text = rebase(l->items[i].text, old, used, na);
        l->items[i].label = rebase(l->items[i].label, old, used, na);
    }
    *a = rebase(*a, old, used, na);
    *b = rebase(*b, old, used, na);
    free(old);
    l->arena = na;
    l->arena_cap = cap;
    return 1;
}

static const char *arena_copy(dl_list *l, const char *s)
{
    if (!s)
        return NULL;
    size_t len = strlen(s) + 1;
    char *dst = l->arena + l->arena_len;
    memcpy(dst, s, len);
    l->arena_len += len;
    return dst;
}

dl_item *dl_push(dl_list *l, const dl_item *it)
{
    dl_item copy = *it; /* it may point into l->items, which may move */
    const char *text = copy.text, *label = copy.label;

    dl_item *items = as_grow(l->items, l->n, &l->cap, sizeof *l->items, 64);
    if (!items)
        goto oom;
    l->items = items;
    size_t need = (text ? strlen(text) + 1 : 0) + (label ? strlen(label) + 1 : 0);
    if (need && !grow_arena(l, need, &text, &label))
        goto oom;
    copy.text = arena_copy(l, text);
    copy.label = arena_copy(l, label);
    l->items[l->n] = copy;
    return &l->items[l->n++];
oom:
    l->oom = 1;
    return NULL;
}

static int contains(const dl_rect *r, int x, int y)
{
    return x >= r->x && y >= r->y && x - r->x < r->w && y - r->y < r->h;
}

const dl_item *dl_find_tap(const dl_list *l, int x, int y)
{
    for (int i = l->n - 1; i >= 0; i--) {
        const dl_item *it = &l->items[i];
        if (it->kind != DL_RECT || it->role == DL_ROLE_NONE)
            continue;
        if (!contains(&it->r, x, y))
            continue;
        if (it->clip.w > 0 && !contains(&it->clip, x, y))
            continue;
        return it;
    }
    return NULL;
}

int dl_find_label(const dl_list *l, const char *label, const dl_item **first)
{
    int count = 0;
    if (first)
        *first = NULL;
    for (int i = 0; i < l->n; i++) {
        const dl_item *it = &l->items[i];
        if (it->kind != DL_RECT || it->role == DL_ROLE_NONE || !it->label)
            continue;
        if (strcmp(it->label, label) != 0)
            continue;
        if (count++ == 0 && first)
            *first = it;
    }
    return count;
}

/* A paragraph is a run of consecutive text items in the same font, each
 * line below the previous one.  Between two lines sits a virtual break
 * that matches one space of the needle, or nothing (a line may have been
 * broken inside a word, or kept its trailing space). */
static int continues(const dl_item *prev, const dl_item *next)
{
    return next->kind == DL_TEXT && next->text && prev->font_px == next->font_px &&
           prev->bold == next->bold && next->r.y > prev->r.y &&
           next->r.y - prev->r.y <= 2 * (prev->r.h > 0 ? prev->r.h : prev->font_px);
}

#define DL_BREAK '\x1f' /* never part of a needle */

typedef struct {
    const dl_item *items;
    int i, last; /* current item, last item of the paragraph */
    size_t off;
} para_cur;

static char cur_char(const para_cur *c)
{
    const char *t = c->items[c->i].text;
    if (t[c->off])
        return t[c->off];
    return c->i < c->last ? DL_BREAK : '\0';
}

static void cur_next(para_cur *c)
{
    if (c->items[c->i].text[c->off])
        c->off++;
    else {
        c->i++;
        c->off = 0;
    }
}

static int match_at(para_cur c, const char *needle)
{
    while (*needle) {
        char ch = cur_char(&c);
        if (ch == '\0')
            return 0;
        if (ch == DL_BREAK) {
            if (*needle == ' ')
                needle++;
            cur_next(&c);
            continue;
        }
        if (ch != *needle)
            return 0;
        needle++;
        cur_next(&c);
    }
    return 1;
}

static int para_has(const dl_list *l, int first, int last, const char *needle)
{
    para_cur c = {l->items, first, last, 0};
    for (;;) {
        char ch = cur_char(&c);
        if (ch == '\0')
            return 0;
        if (ch != DL_BREAK && match_at(c, needle))
            return 1;
        cur_next(&c);
    }
}

int dl_has_text(const dl_list *l, const char *needle)
{
    if (!needle || !*needle)
        return 1;
    for (int i = 0; i < l->n; i++) {
        const dl_item *it = &l->items[i];
        if (it->label && it->role != DL_ROLE_NONE && strstr(it->label, needle))
            return 1;
    }
    int i = 0;
    while (i < l->n) {
        const dl_item *it = &l->items[i];
        if (it->kind != DL_TEXT || !it->text) {
            i++;
            continue;
        }
        int last = i;
        while (last + 1 < l->n && continues(&l->items[last], &l->items[last + 1]))
            last++;
        if (para_has(l, i, last, needle))
            return 1;
        i = last + 1;
    }
    return 0;
}

/* appendf: adds to buf at *len, never past size-1; keeps the NUL. */
__attribute__((format(printf, 4, 5)))
static void appendf(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
    if (*len + 1 >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + *len, size - *len, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    *len += (size_t)n;
    if (*len >= size)
        *len = size - 1;
}

static const char *role_name(dl_role r)
{
    return r == DL_ROLE_BUTTON ? "button" : r == DL_ROLE_SCROLL ? "scroll" : "rect";
}

void dl_dump(const dl_list *l, char *buf, size_t size)
{
    size_t len = 0;
    if (!buf || size == 0)
        return;
    buf[0] = '\0';
    appendf(buf, size, &len, "screen %dx%d, %d items%s\n", l->w, l->h, l->n,
            l->oom ? " (incomplete: out of memory)" : "");
    for (int i = 0; i < l->n; i++) {
        const dl_item *it = &l->items[i];
        if (it->kind == DL_TEXT && it->text)
            appendf(buf, size, &len, "  text \"%s\" at %d,%d %dpx%s\n", it->text,
                    it->r.x, it->r.y, it->font_px, it->bold ? " bold" : "");
        else if (it->kind == DL_RECT && it->role != DL_ROLE_NONE)
            appendf(buf, size, &len, "  %s \"%s\" at %d,%d %dx%d\n",
                    role_name(it->role), it->label ? it->label : "", it->r.x,
                    it->r.y, it->r.w, it->r.h);
        else if (it->kind == DL_IMAGE)
            appendf(buf, size, &len, "  image at %d,%d %dx%d\n", it->r.x, it->r.y,
                    it->r.w, it->r.h);
    }
}
