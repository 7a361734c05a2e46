/* test_platform_fonts.c: fonts found through fontconfig and measured with
 * SDL_ttf, without a window. */
#include <stdio.h>
#include <string.h>
#include "check.h"
#include "fonts.h"

int main(void)
{
    fonts *f = NULL;
    as_err err = {{0}};
    as_status st = fonts_new(&f, &err);
    CHECK_MSG(st == AS_OK, "fonts_new: %s", err.msg);
    if (st != AS_OK)
        return check_done();
    CHECK(strcmp(fonts_family(f), "Noto Sans") == 0 ||
          strcmp(fonts_family(f), "DejaVu Sans") == 0);

    const char *s = "Hola ñandú";
    int w = fonts_text_width(f, s, strlen(s), 24, 0);
    int wb = fonts_text_width(f, s, strlen(s), 24, 1);
    CHECK(w > 0);
    CHECK(wb >= w);
    /* About half an em per character; "Hola ñandú" is 10 characters. */
    CHECK_MSG(w > 24 * 10 / 4 && w < 24 * 10, "width %d", w);
    /* Twice the size, about twice the width. */
    int w2 = fonts_text_width(f, s, strlen(s), 48, 0);
    CHECK_MSG(w2 > w * 17 / 10 && w2 < w * 23 / 10, "w=%d w2=%d", w, w2);
    /* The first n bytes only: "Hola" is narrower than the whole. */
    int w4 = fonts_text_width(f, s, 4, 24, 0);
    CHECK(w4 > 0 && w4 < w);
    CHECK_INT(fonts_text_width(f, s, 4, 24, 0), fonts_text_width(f, "Hola", 4, 24, 0));
    CHECK_INT(fonts_text_width(f, "", 0, 24, 0), 0);
    CHECK_INT(fonts_text_width(f, s, strlen(s), 0, 0), 0);
    /* Accented capitals and inverted punctuation have real glyphs, so they
     * are as wide as their plain cousins, not a missing-glyph box. */
    int wa = fonts_text_width(f, "¿Á?", strlen("¿Á?"), 40, 0);
    int wp = fonts_text_width(f, "?A?", 3, 40, 0);
    CHECK_MSG(wa > wp * 8 / 10 && wa < wp * 12 / 10, "wa=%d wp=%d", wa, wp);
    /* A long string (beyond any small stack buffer). */
    char longs[2000];
    memset(longs, 'n', sizeof longs - 1);
    longs[sizeof longs - 1] = '\0';
    int wl = fonts_text_width(f, longs, strlen(longs), 12, 0);
    int wn = fonts_text_width(f, longs, 100, 12, 0); /* 100 n's */
    CHECK_MSG(wl > wn * 19 && wl < wn * 21, "wl=%d wn=%d", wl, wn);

    int lh = fonts_line_height(f, 20);
    CHECK_MSG(lh >= 20 && lh <= 40, "line height %d", lh);
    CHECK(fonts_line_height(f, 40) > lh);

    double cap = fonts_cap_height_ratio(f);
    CHECK_MSG(cap > 0.6 && cap < 0.8, "cap height ratio %f", cap);
    fonts_free(f);
    fonts_free(NULL);
    return check_done();
}
