/* test_displaylist.c: the display list's arena, hit testing, label and
 * text search, and dump. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "displaylist.h"

static dl_item text_item(const char *s, int x, int y, int px)
{
    dl_item it = {0};
    it.kind = DL_TEXT;
    it.r = (dl_rect){x, y, 400, px * 3 / 2};
    it.font_px = px;
    it.text = s;
    return it;
}

static dl_item button(const char *label, int x, int y, int w, int h)
{
    dl_item it = {0};
    it.kind = DL_RECT;
    it.r = (dl_rect){x, y, w, h};
    it.role = DL_ROLE_BUTTON;
    it.label = label;
    it.action = 1;
    return it;
}

/* make_str: a distinct string of 20..519 bytes for item i. */
static void make_str(int i, char *buf)
{
    int len = 20 + i % 500;
    int k = snprintf(buf, 16, "%d:", i);
    for (; k < len; k++)
        buf[k] = (char)('a' + (i + k) % 26);
    buf[len] = '\0';
}

/* Many items with long strings force the arena and the item array to
 * grow several times; every string must survive each move. */
static void test_arena_growth(void)
{
    dl_list l;
    char buf[600];
    enum { N = 2000 };
    dl_init(&l);
    dl_reset(&l, 800, 480, 0xffffff);
    for (int i = 0; i < N; i++) {
        make_str(i, buf);
        dl_item it = i % 3 ? text_item(buf, 0, i, 20) : button(buf, 0, i, 10, 10);
        if (i % 3 == 0)
            it.text = "ñandú ¿sí?";
        CHECK(dl_push(&l, &it) != NULL);
    }
    CHECK_INT(l.n, N);
    CHECK_INT(l.oom, 0);
    int bad = 0;
    for (int i = 0; i < N; i++) {
        make_str(i, buf);
        const dl_item *it = &l.items[i];
        const char *s = i % 3 ? it->text : it->label;
        if (!s || strcmp(s, buf) != 0)
            bad++;
        if (i % 3 == 0 && (!it->text || strcmp(it->text, "ñandú ¿sí?") != 0))
            bad++;
    }
    CHECK_INT(bad, 0);

    /* Pushing a copy of an item already in the list (its strings live in
     * the arena that is about to move) must copy the right bytes. */
    size_t before = l.arena_cap;
    int pushed = 0;
    while (l.arena_cap == before && pushed < 100000) {
        CHECK(dl_push(&l, &l.items[1]) != NULL);
        pushed++;
    }
    CHECK(l.arena_cap > before);
    CHECK_STR(l.items[l.n - 1].text, l.items[1].text);

    /* Reset keeps the memory and empties the list. */
    size_t cap = l.arena_cap;
    dl_reset(&l, 1280, 800, 0);
    CHECK_INT(l.n, 0);
    CHECK_INT(l.arena_len, 0);
    CHECK_INT(l.arena_cap, cap);
    CHECK_INT(l.w, 1280);
    dl_free(&l);
    CHECK(l.items == NULL && l.arena == NULL);
}

static void test_find_tap(void)
{
    dl_list l;
    dl_init(&l);
    dl_reset(&l, 800, 480, 0xffffff);
    dl_item bg = {0};
    bg.kind = DL_RECT;
    bg.r = (dl_rect){0, 0, 800, 480};
    dl_push(&l, &bg); /* not tappable */
    dl_item a = button("Yes", 100, 100, 200, 100);
    dl_item b = button("Overlay", 150, 150, 200, 100); /* on top of a */
    dl_push(&l, &a);
    dl_push(&l, &b);
    dl_item s = button("Clipped", 500, 0, 200, 400);
    s.role = DL_ROLE_BUTTON;
    s.clip = (dl_rect){500, 100, 200, 100}; /* visible 100..199 */
    dl_push(&l, &s);

    CHECK(dl_find_tap(&l, 10, 10) == NULL);
    const dl_item *t = dl_find_tap(&l, 120, 120);
    CHECK(t && strcmp(t->label, "Yes") == 0);
    t = dl_find_tap(&l, 160, 160);
    CHECK(t && strcmp(t->label, "Overlay") == 0);
    t = dl_find_tap(&l, 299, 199);
    CHECK(t && strcmp(t->label, "Overlay") == 0);
    /* Right and bottom edges are outside. */
    CHECK(dl_find_tap(&l, 350, 200) == NULL);
    CHECK(dl_find_tap(&l, 300, 250) == NULL);
    t = dl_find_tap(&l, 600, 150);
    CHECK(t && strcmp(t->label, "Clipped") == 0);
    CHECK(dl_find_tap(&l, 600, 50) == NULL);  /* inside r, outside clip */
    CHECK(dl_find_tap(&l, 600, 250) == NULL);
    dl_free(&l);
}

static void test_find_label(void)
{
    dl_list l;
    const dl_item *first = (const dl_item *)&l;
    dl_init(&l);
    dl_reset(&l, 800, 480, 0xffffff);
    dl_item a = button("Yes", 0, 0, 10, 10);
    a.arg = 1;
    dl_item b = button("Yes", 0, 20, 10, 10);
    b.arg = 2;
    dl_item c = button("No", 0, 40, 10, 10);
    dl_item d = text_item("Maybe", 0, 60, 20); /* text, not tappable */
    dl_item e = button("Maybe", 0, 80, 10, 10);
    e.role = DL_ROLE_NONE; /* a labelled but inert rect */
    dl_push(&l, &a);
    dl_push(&l, &b);
    dl_push(&l, &c);
    dl_push(&l, &d);
    dl_push(&l, &e);
    CHECK_INT(dl_find_label(&l, "Yes", &first), 2);
    CHECK(first && first->arg == 1);
    CHECK_INT(dl_find_label(&l, "No", &first), 1);
    CHECK(first && first->r.y == 40);
    CHECK_INT(dl_find_label(&l, "Maybe", &first), 0);
    CHECK(first == NULL);
    CHECK_INT(dl_find_label(&l, "Ye", NULL), 0);
    dl_free(&l);
}

static void test_has_text(void)
{
    dl_list l;
    dl_init(&l);
    dl_reset(&l, 800, 480, 0xffffff);
    /* A paragraph wrapped over three lines, then an unrelated heading. */
    dl_item p1 = text_item("Financiar la colecta de", 10, 100, 20);
    dl_item p2 = text_item("abrigos con $400 para el", 10, 130, 20);
    dl_item p3 = text_item("invierno", 10, 160, 20);
    dl_item h = text_item("Resultado", 10, 300, 40);
    h.bold = 1;
    dl_item word1 = text_item("extraordi", 10, 400, 20); /* broken word */
    dl_item word2 = text_item("nario", 10, 430, 20);
    dl_item btn = button("Emitir mi voto", 500, 400, 200, 60);
    dl_push(&l, &p1);
    dl_push(&l, &p2);
    dl_push(&l, &p3);
    dl_push(&l, &h);
    dl_push(&l, &word1);
    dl_push(&l, &word2);
    dl_push(&l, &btn);
    CHECK(dl_has_text(&l, "colecta"));
    CHECK(dl_has_text(&l, "colecta de abrigos"));
    CHECK(dl_has_text(&l, "la colecta de abrigos con $400 para el invierno"));
    CHECK(dl_has_text(&l, "extraordinario"));
    CHECK(dl_has_text(&l, "Emitir mi voto"));
    CHECK(dl_has_text(&l, "Resultado"));
    CHECK(!dl_has_text(&l, "invierno Resultado")); /* different paragraphs */
    CHECK(!dl_has_text(&l, "colectade"));
    CHECK(!dl_has_text(&l, "abrigos con $500"));
    CHECK(!dl_has_text(&l, "invierno."));
    dl_free(&l);
}

static void test_dump(void)
{
    dl_list l;
    char big[2048], tiny[16];
    dl_init(&l);
    dl_reset(&l, 800, 480, 0xffffff);
    dl_item t = text_item("¿Listo para votar?", 10, 10, 24);
    dl_item b = button("Sí", 100, 200, 150, 80);
    dl_push(&l, &t);
    dl_push(&l, &b);
    dl_dump(&l, big, sizeof big);
    CHECK(strstr(big, "800x480") != NULL);
    CHECK(strstr(big, "\"¿Listo para votar?\"") != NULL);
    CHECK(strstr(big, "button \"Sí\" at 100,200 150x80") != NULL);
    memset(tiny, 'x', sizeof tiny);
    dl_dump(&l, tiny, sizeof tiny);
    CHECK_INT(strlen(tiny), sizeof tiny - 1);
    CHECK(memcmp(tiny, big, sizeof tiny - 1) == 0);
    dl_free(&l);
}

int main(void)
{
    test_arena_growth();
    test_find_tap();
    test_find_label();
    test_has_text();
    test_dump();
    return check_done();
}
