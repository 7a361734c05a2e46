/* platform.h: the only module that calls SDL (video, input, clock, fonts).
 *
 * It opens a fullscreen window (or one of --window WxH) with whatever
 * driver SDL picks (KMSDRM on the Pi without X or Wayland, X11/Wayland on
 * a desktop, "offscreen" in tests), turns SDL events into as_event, draws
 * display lists with cached text textures, and measures text for the UI.
 * Fonts are found through fontconfig (Noto Sans, then DejaVu Sans). */
#ifndef AS_PLATFORM_H
#define AS_PLATFORM_H

#include <stdint.h>
#include "displaylist.h"
#include "event.h"
#include "status.h"

typedef struct platform platform;

typedef struct {
    int width, height; /* 0,0: fullscreen at the display's size */
    int fullscreen;    /* 1 unless --window was given */
    double dpi;        /* 0: ask SDL, falling back to 96 */
    int hidden;        /* do not show a window (offscreen tests, benches) */
} platform_config;

/* platform_new: initialises SDL video, SDL_ttf and fonts and opens the
 * window and a renderer (accelerated if available, else software).
 * Fails with AS_EIO and err saying what is missing (no display, no font:
 * install fonts-noto-core).  Startup only: may be followed by exit. */
as_status platform_new(const platform_config *cfg, platform **out, as_err *err);

/* platform_free: closes everything.  NULL allowed. */
void platform_free(platform *p);

/* platform_size: the logical screen size in pixels. */
void platform_size(const platform *p, int *w, int *h);

/* platform_dpi: pixels per inch used for layout (config, SDL, or 96). */
double platform_dpi(const platform *p);

/* platform_now_ms: a monotonic clock in milliseconds. */
uint64_t platform_now_ms(const platform *p);

/* platform_wait: waits up to timeout_ms (-1: forever) for input and
 * returns 1 with *ev filled, or 0 on timeout.  Sleeps in the OS while
 * idle, so an idle kiosk costs no CPU.  SIGTERM/SIGINT arrive as EV_QUIT. */
int platform_wait(platform *p, int timeout_ms, as_event *ev);

/* platform_draw: draws l and presents it.  Text textures are cached
 * between frames and evicted when unused for a while. */
void platform_draw(platform *p, const dl_list *l);

/* platform_screenshot: writes what was last drawn to a PNG file.  AS_EIO
 * with err naming the file on failure. */
as_status platform_screenshot(platform *p, const char *png_path, as_err *err);

/* platform_text_width: width in pixels of the first n bytes of s at
 * font_px (bold or not).  platform_line_height: recommended line
 * advance.  Used through ui_metrics. */
int platform_text_width(void *p, const char *s, size_t n, int font_px, int bold);
int platform_line_height(void *p, int font_px);

/* platform_text_renders: how many text runs have been rasterized since
 * platform_new (cache misses).  Drawing an unchanged list again adds
 * nothing; tests use it to check that text is cached. */
unsigned long platform_text_renders(const platform *p);

/* platform_cap_ratio: cap height / em of the UI font, so the UI can size
 * text by its physical cap height. */
double platform_cap_ratio(const platform *p);

/* platform_wake: makes a platform_wait in progress (or the next one)
 * return at once with EV_EXPOSE.  Safe to call from any thread; p may be
 * NULL.  For input that arrives outside SDL (a camera's worker thread). */
void platform_wake(void *p);

#endif
