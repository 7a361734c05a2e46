/* platform.h: the only module that calls SDL (video, input, clock, fonts).
 *
 * It opens a fullscreen window (or one of --window WxH) with whatever
 * driver SDL picks (KMSDRM on the Pi without X or Wayland, X11/Wayland on
 * a desktop, "offscreen" in tests), turns SDL events into as_event, draws
 * display lists with cached text textures, and measures text for the UI.
 * Fonts are found through fontconfig (Noto Sans, then DejaVu Sans).
 *
 * It can open a second window for the room display (room.h): full screen
 * on another display (--room-display N, SDL's multi-display support on
 * X11 and KMSDRM; see docs/room-display.md) or a plain window
 * (--room-window WxH).  That window has its own renderer and text cache,
 * is drawn through platform_room(), and takes no input: touches and
 * clicks on it are dropped, and the kiosk's window is made last so it
 * keeps the keyboard (the badge scanner) and the mouse. */
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
    int rotate;        /* 0, 90, 180 or 270: the picture is turned this many
                          degrees clockwise on the panel (--rotate); the
                          layout then uses the rotated logical size */
    int room_display;  /* 0: no room window; N: full screen on display N,
                          counted from 1 as people count (--room-display) */
    int room_width, room_height; /* > 0: a plain room window of this size
                          instead (--room-window WxH) */
} platform_config;

/* The displays SDL's video driver sees (platform_displays). */
#define PLATFORM_MAX_DISPLAYS 16
typedef struct {
    char name[64]; /* SDL's name for it ("HDMI-A-2" on KMSDRM, the
                      monitor's on X11); "" if SDL has none */
    int w, h;      /* its desktop mode in pixels */
} platform_display;
typedef struct {
    char driver[32]; /* SDL's video driver (kmsdrm, x11, offscreen...) */
    int n;           /* displays 1..n are d[0..n-1] */
    platform_display d[PLATFORM_MAX_DISPLAYS];
} platform_displays_info;

/* platform_displays: starts SDL's video long enough to list its displays
 * into out (works with or without a platform open).  AS_EIO with err
 * saying what is missing when no video driver starts. */
as_status platform_displays(platform_displays_info *out, as_err *err);

/* platform_room_check: whether cfg->room_display (if any) names a display
 * SDL sees that is not the kiosk's (display 1, where its window always
 * opens).  AS_OK;
 * AS_EINVAL with err naming the displays SDL sees and what to do;
 * AS_EIO when no video driver starts.  platform_new checks it too; the
 * kiosk asks first so that nothing starts when the answer is no. */
as_status platform_room_check(const platform_config *cfg, as_err *err);

/* platform_new: initialises SDL video, SDL_ttf and fonts and opens the
 * window and a renderer (accelerated if available, else software), and
 * the room window first when cfg asks for one.  Fails with AS_EIO and err
 * saying what is missing (no display, no font: install fonts-noto-core),
 * AS_EINVAL when cfg->room_display names a display SDL does not see or
 * display 1, the kiosk's.  Startup only: may be followed by
 * exit. */
as_status platform_new(const platform_config *cfg, platform **out, as_err *err);

/* platform_room: the room display's window when cfg asked for one, as a
 * platform of its own for platform_draw, platform_screenshot and
 * platform_size (never platform_wait: its events arrive, and are dropped
 * or turned into EV_EXPOSE, through the kiosk's).  NULL when there is
 * none.  Owned by p. */
platform *platform_room(platform *p);

/* platform_free: closes everything (the room window too).  NULL allowed. */
void platform_free(platform *p);

/* platform_size: the logical screen size in pixels (the panel's size
 * with width and height swapped at 90 and 270 degrees). */
void platform_size(const platform *p, int *w, int *h);

/* platform_dpi: pixels per inch used for layout (config, SDL, or 96). */
double platform_dpi(const platform *p);

/* platform_now_ms: a monotonic clock in milliseconds. */
uint64_t platform_now_ms(const platform *p);

/* platform_wait: waits up to timeout_ms (-1: forever) for input and
 * returns 1 with *ev filled, or 0 on timeout.  Sleeps in the OS while
 * idle, so an idle kiosk costs no CPU.  SIGTERM/SIGINT arrive as EV_QUIT
 * (once per signal, within PLATFORM_SIGNAL_POLL_MS): platform_new
 * installs a handler that only sets a flag, so whatever the program is
 * doing (a vote being written) finishes first. */
int platform_wait(platform *p, int timeout_ms, as_event *ev);

/* How long a sleeping platform_wait may take to notice SIGTERM (X11's
 * wait does not return on a signal, so it sleeps in slices). */
#define PLATFORM_SIGNAL_POLL_MS 250

/* platform_stop_requested: 1 once SIGTERM or SIGINT arrived after
 * platform_new (for loops that do not wait, such as a replay). */
int platform_stop_requested(void);

/* platform_draw: draws l and presents it.  Text textures are cached
 * between frames and evicted when unused for a while. */
void platform_draw(platform *p, const dl_list *l);

/* platform_screenshot: writes what was last drawn to a PNG file, as the
 * panel shows it: with --rotate 90 an 800x480 panel gives an 800x480
 * image whose text runs top to bottom.  AS_EIO with err naming the file
 * on failure. */
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

/* platform_rotation_ok: 1 if degrees is 0, 90, 180 or 270. */
int platform_rotation_ok(int degrees);

/* platform_panel_to_logical: where a point (px, py) of a pw x ph panel
 * lands in the logical (layout) coordinates of a picture turned rotate
 * degrees clockwise on it.  Points outside the panel are clamped to its
 * edge first.  Pure arithmetic: no platform needed. */
void platform_panel_to_logical(int rotate, int pw, int ph, int px, int py,
                               int *lx, int *ly);

/* platform_logical_to_panel: the inverse: where the logical point (lx, ly)
 * of a lw x lh layout appears on the panel. */
void platform_logical_to_panel(int rotate, int lw, int lh, int lx, int ly,
                               int *px, int *py);

/* platform_panel_size: the panel's (window's) size in physical pixels. */
void platform_panel_size(const platform *p, int *pw, int *ph);

/* platform_panel_touch: the event a finger at panel pixel (px, py) gives
 * (type EV_PRESS, EV_MOVE or EV_RELEASE), made by the same translation as
 * real SDL touch events, rotation included.  Returns 1 with *ev filled, 0
 * if the platform would drop it.  For the replay harness's `touch`. */
int platform_panel_touch(platform *p, ev_type type, int px, int py, as_event *ev);

#endif
