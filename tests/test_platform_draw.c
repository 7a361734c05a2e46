/* test_platform_draw.c: a display list drawn with SDL's offscreen driver
 * and software renderer, written as a PNG and read back with cairo. */
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check.h"
#include "displaylist.h"
#include "platform.h"

static char dir[64];

static uint32_t pixel(cairo_surface_t *s, int x, int y)
{
    unsigned char *d = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    uint32_t v;
    memcpy(&v, d + (size_t)y * (size_t)stride + (size_t)x * 4, 4);
    return v & 0xffffff;
}

/* dark_pixels: how many pixels in the box are darker than mid grey. */
static int dark_pixels(cairo_surface_t *s, int x0, int y0, int w, int h)
{
    int n = 0;
    for (int y = y0; y < y0 + h; y++)
        for (int x = x0; x < x0 + w; x++) {
            uint32_t v = pixel(s, x, y);
            if (((v >> 16) & 0xff) + ((v >> 8) & 0xff) + (v & 0xff) < 3 * 128)
                n++;
        }
    return n;
}

static void push_rect(dl_list *l, int x, int y, int w, int h, uint32_t c, int border)
{
    dl_item it = {0};
    it.kind = DL_RECT;
    it.r = (dl_rect){x, y, w, h};
    it.color = c;
    it.border_px = border;
    CHECK(dl_push(l, &it) != NULL);
}

static void push_text(dl_list *l, const char *s, int x, int y, int px, uint32_t c)
{
    dl_item it = {0};
    it.kind = DL_TEXT;
    it.r = (dl_rect){x, y, 360, px * 3 / 2};
    it.text = s;
    it.font_px = px;
    it.color = c;
    it.bg = 0xffffff;
    CHECK(dl_push(l, &it) != NULL);
}

static uint32_t green_px[4 * 4];
static dl_image green = {42, 4, 4, green_px};

static void build(dl_list *l, uint32_t text_color)
{
    dl_reset(l, 800, 480, 0xffffff);
    push_rect(l, 100, 100, 200, 100, 0xff0000, 0);
    push_text(l, "Hola ñandú ¿sí?", 400, 100, 32, text_color);
    push_text(l, "¡Vota!", 400, 160, 32, 0x000000);
    push_rect(l, 50, 300, 200, 100, 0x0000ff, 4); /* an outline */
    dl_item im = {0};
    im.kind = DL_IMAGE;
    im.r = (dl_rect){600, 300, 80, 80};
    im.image = &green;
    CHECK(dl_push(l, &im) != NULL);
    /* A full-width bar clipped to its first 100 pixels. */
    dl_item bar = {0};
    bar.kind = DL_RECT;
    bar.r = (dl_rect){0, 420, 800, 40};
    bar.color = 0x00aa00;
    bar.clip = (dl_rect){0, 400, 100, 80};
    CHECK(dl_push(l, &bar) != NULL);
}

static cairo_surface_t *shoot(platform *p, const char *name)
{
    char path[128];
    as_err err = {{0}};
    snprintf(path, sizeof path, "%s/%s", dir, name);
    as_status st = platform_screenshot(p, path, &err);
    CHECK_MSG(st == AS_OK, "screenshot: %s", err.msg);
    if (st != AS_OK)
        return NULL;
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    unlink(path);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        CHECK_MSG(0, "cannot read back %s", path);
        cairo_surface_destroy(s);
        return NULL;
    }
    return s;
}

static void test_pixels(platform *p, dl_list *l)
{
    build(l, 0x000000);
    platform_draw(p, l);
    cairo_surface_t *s = shoot(p, "frame.png");
    if (!s)
        return;
    CHECK_INT(cairo_image_surface_get_width(s), 800);
    CHECK_INT(cairo_image_surface_get_height(s), 480);
    CHECK_INT(pixel(s, 150, 150), 0xff0000);  /* inside the red rect */
    CHECK_INT(pixel(s, 100, 100), 0xff0000);  /* its top-left pixel */
    CHECK_INT(pixel(s, 300, 150), 0xffffff);  /* just right of it */
    CHECK_INT(pixel(s, 10, 10), 0xffffff);    /* background */
    CHECK_INT(pixel(s, 51, 301), 0x0000ff);   /* outline */
    CHECK_INT(pixel(s, 246, 396), 0x0000ff);
    CHECK_INT(pixel(s, 150, 350), 0xffffff);  /* inside the outline */
    CHECK_INT(pixel(s, 640, 340), 0x00ff00);  /* the image, scaled */
    CHECK_INT(pixel(s, 50, 440), 0x00aa00);   /* bar inside its clip */
    CHECK_INT(pixel(s, 200, 440), 0xffffff);  /* bar clipped away */
    int dark = dark_pixels(s, 400, 100, 360, 48);
    CHECK_MSG(dark > 200, "%d dark pixels in the text box", dark);
    CHECK_INT(dark_pixels(s, 400, 220, 360, 60), 0); /* below the text */
    cairo_surface_destroy(s);
}

static void test_text_cache(platform *p, dl_list *l)
{
    build(l, 0x000000);
    platform_draw(p, l);
    unsigned long n = platform_text_renders(p);
    CHECK(n >= 2);
    platform_draw(p, l);
    platform_draw(p, l);
    CHECK_INT(platform_text_renders(p), n);
    /* The screenshot redraws from the cache too. */
    cairo_surface_t *s = shoot(p, "again.png");
    cairo_surface_destroy(s);
    CHECK_INT(platform_text_renders(p), n);
    /* A new colour is new text; the other line is still cached. */
    build(l, 0x333333);
    platform_draw(p, l);
    CHECK_INT(platform_text_renders(p), n + 1);
    /* Many frames later, with other text, old entries are evicted and
     * come back rendered anew. */
    for (int i = 0; i < 300; i++) {
        char line[32];
        dl_reset(l, 800, 480, 0xffffff);
        snprintf(line, sizeof line, "frame %d", i % 3);
        push_text(l, line, 10, 10, 20, 0);
        platform_draw(p, l);
    }
    unsigned long m = platform_text_renders(p);
    CHECK_INT(m, n + 1 + 3);
    build(l, 0x000000);
    platform_draw(p, l);
    CHECK_INT(platform_text_renders(p), m + 2);
}

/* The screenshot shows what was drawn even after the list changed. */
static void test_screenshot_after_change(platform *p, dl_list *l)
{
    build(l, 0x000000);
    platform_draw(p, l);
    dl_reset(l, 800, 480, 0x000000);
    push_rect(l, 0, 0, 10, 10, 0x123456, 0);
    memset(green_px, 0, sizeof green_px); /* the UI's pixels changed */
    cairo_surface_t *s = shoot(p, "changed.png");
    if (s) {
        CHECK_INT(pixel(s, 150, 150), 0xff0000);
        CHECK_INT(pixel(s, 640, 340), 0x00ff00);
        CHECK_INT(pixel(s, 5, 5), 0xffffff);
        cairo_surface_destroy(s);
    }
    for (int i = 0; i < 16; i++)
        green_px[i] = 0x00ff00ffu;
}

static void test_screenshot_errors(platform *p)
{
    as_err err = {{0}};
    char path[128];
    snprintf(path, sizeof path, "%s/no/such/dir/x.png", dir);
    CHECK_INT(platform_screenshot(p, path, &err), AS_EIO);
    CHECK(strstr(err.msg, path) != NULL);
}

int main(void)
{
    platform_config cfg = {800, 480, 0, 0.0, 1, 0, 0, 0, 0};
    platform *p = NULL;
    as_err err = {{0}};
    dl_list l;

    for (int i = 0; i < 16; i++)
        green_px[i] = 0x00ff00ffu; /* RGBA8888: opaque green */
    snprintf(dir, sizeof dir, "/tmp/as_platform_XXXXXX");
    if (!mkdtemp(dir)) {
        CHECK_MSG(0, "mkdtemp failed");
        return check_done();
    }
    as_status st = platform_new(&cfg, &p, &err);
    CHECK_MSG(st == AS_OK, "platform_new: %s", err.msg);
    if (st != AS_OK) {
        rmdir(dir);
        return check_done();
    }
    dl_init(&l);
    /* Nothing drawn yet: a screenshot has nothing to show. */
    char path[128];
    snprintf(path, sizeof path, "%s/none.png", dir);
    CHECK_INT(platform_screenshot(p, path, &err), AS_EIO);
    CHECK(access(path, F_OK) != 0);

    const char *s = "Hola ñandú";
    CHECK(platform_text_width(p, s, strlen(s), 24, 0) > 0);
    CHECK(platform_line_height(p, 24) >= 24);
    CHECK(platform_cap_ratio(p) > 0.6 && platform_cap_ratio(p) < 0.8);

    test_pixels(p, &l);
    test_text_cache(p, &l);
    test_screenshot_after_change(p, &l);
    test_screenshot_errors(p);

    dl_free(&l);
    platform_free(p);
    CHECK_INT(rmdir(dir), 0);
    return check_done();
}
