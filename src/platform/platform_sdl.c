/* platform_sdl.c: SDL start-up, the window and the renderer.
 *
 * SDL chooses the video driver (KMSDRM on a Pi console, X11 or Wayland on
 * a desktop, whatever SDL_VIDEODRIVER names in tests); we never override
 * it. */
#include <stdlib.h>
#include <string.h>
#include "platform_internal.h"

/* platform_renderer: accelerated if possible, else software.  With the
 * offscreen (or dummy) driver a GL renderer would need EGL and mesa just
 * to produce the same pixels, so tests go straight to software. */
SDL_Renderer *platform_renderer(SDL_Window *win, int *software)
{
    const char *drv = SDL_GetCurrentVideoDriver();
    SDL_Renderer *r = NULL;
    int headless = drv && (strcmp(drv, "offscreen") == 0 || strcmp(drv, "dummy") == 0);
    if (!headless)
        r = SDL_CreateRenderer(win, -1, SDL_RENDERER_ACCELERATED |
                                            SDL_RENDERER_PRESENTVSYNC);
    /* Left alone, the offscreen driver backs the software renderer's
     * window surface with a GL texture through EGL/mesa: slower, and
     * nothing is ever shown.  A plain memory surface is what we want.
     * (Normal priority: the SDL_FRAMEBUFFER_ACCELERATION variable still
     * wins.) */
    if (headless)
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (!r)
        r = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
    SDL_RendererInfo info;
    *software = r && SDL_GetRendererInfo(r, &info) == 0 &&
                (info.flags & SDL_RENDERER_SOFTWARE);
    return r;
}

/* invisible_by_accident: SDL 2.26 falls back to the offscreen driver when
 * no real display works; a kiosk nobody can see must not start unless the
 * offscreen (or dummy) driver was asked for. */
static int invisible_by_accident(void)
{
    const char *drv = SDL_GetCurrentVideoDriver();
    if (!drv || (strcmp(drv, "offscreen") != 0 && strcmp(drv, "dummy") != 0))
        return 0;
    const char *want[] = {SDL_GetHint(SDL_HINT_VIDEODRIVER), getenv("SDL_VIDEO_DRIVER")};
    for (int i = 0; i < 2; i++)
        if (want[i] && SDL_strcasestr(want[i], drv))
            return 0;
    return 1;
}

static double display_dpi(SDL_Window *win)
{
    float ddpi = 0;
    int d = SDL_GetWindowDisplayIndex(win);
    /* Reject nonsense that some drivers report for unknown panels. */
    if (d >= 0 && SDL_GetDisplayDPI(d, &ddpi, NULL, NULL) == 0 && ddpi >= 50 &&
        ddpi <= 1000)
        return ddpi;
    return 96.0;
}

/* open_window: the kiosk's own window, full screen on display 1 or of
 * cfg's size. */
static as_status open_window(platform *p, const platform_config *cfg, as_err *err)
{
    int fullscreen = cfg->fullscreen || cfg->width <= 0 || cfg->height <= 0;
    Uint32 flags = cfg->hidden ? SDL_WINDOW_HIDDEN : SDL_WINDOW_SHOWN;
    int w = cfg->width > 0 ? cfg->width : 800, h = cfg->height > 0 ? cfg->height : 480;
    if (fullscreen) {
        SDL_DisplayMode mode;
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        if (SDL_GetDesktopDisplayMode(0, &mode) == 0) {
            w = mode.w;
            h = mode.h;
        }
    }
    p->win = SDL_CreateWindow("asamblea", SDL_WINDOWPOS_CENTERED,
                              SDL_WINDOWPOS_CENTERED, w, h, flags);
    if (!p->win) {
        return as_err_set(err, AS_EIO, "platform: cannot open a %dx%d window: %s",
                          w, h, SDL_GetError());
    }
    p->fullscreen = fullscreen;
    return AS_OK;
}

as_status platform_new(const platform_config *cfg, platform **out, as_err *err)
{
    as_status st;
    platform *p;

    *out = NULL;
    p = calloc(1, sizeof *p);
    if (!p)
        return as_err_set(err, AS_ENOMEM, "platform: out of memory");
    dl_init(&p->last);
    /* A touch must arrive once, as a finger, and a mouse as a mouse. */
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    /* SIGTERM/SIGINT: our own flag (signals.c), never SDL's handler. */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    signals_install();
    p->signals_seen = signals_count();
    p->rotate = platform_rotation_ok(cfg->rotate) ? cfg->rotate : 0;
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS | SDL_INIT_TIMER) != 0) {
        st = as_err_set(err, AS_EIO, "platform: cannot open the display: %s; "
                        "run under X11/Wayland or on a console with KMS "
                        "(SDL_VIDEODRIVER selects the driver)", SDL_GetError());
        free(p);
        return st;
    }
    if (invisible_by_accident()) {
        st = as_err_set(err, AS_EIO, "platform: no display found (SDL fell back "
                        "to its invisible %s driver); run on a console with KMS "
                        "(/dev/dri), under X11 or Wayland, or set "
                        "SDL_VIDEODRIVER=offscreen on purpose",
                        SDL_GetCurrentVideoDriver());
        goto fail;
    }
    if ((st = fonts_new(&p->fonts, err)) != AS_OK)
        goto fail;
    /* The room's window first: the window made last gets the keyboard
     * (the badge scanner) and the mouse, and on KMSDRM nothing can move
     * them afterwards (its RaiseWindow does nothing). */
    if ((cfg->room_display > 0 || cfg->room_width > 0) &&
        (st = room_window_open(p, cfg, err)) != AS_OK)
        goto fail;

    if ((st = open_window(p, cfg, err)) != AS_OK)
        goto fail;
    p->ren = platform_renderer(p->win, &p->software);
    if (!p->ren) {
        st = as_err_set(err, AS_EIO, "platform: no renderer works: %s",
                        SDL_GetError());
        goto fail;
    }
    if ((st = textcache_new(p->ren, p->fonts, &p->text)) != AS_OK ||
        (st = imagecache_new(p->ren, &p->images)) != AS_OK) {
        as_err_set(err, st, "platform: out of memory");
        goto fail;
    }
    if (p->rotate) {
        SDL_RendererInfo info;
        if (SDL_GetRendererInfo(p->ren, &info) != 0 ||
            !(info.flags & SDL_RENDERER_TARGETTEXTURE)) {
            st = as_err_set(err, AS_EIO, "platform: the renderer cannot draw "
                            "rotated (no target textures); start without "
                            "--rotate or use another SDL_RENDER_DRIVER");
            goto fail;
        }
    }
    {
        int ww, wh;
        SDL_GetWindowSize(p->win, &ww, &wh);
        platform_set_panel(p, ww, wh);
    }
    p->native_wait = events_native_wait(SDL_GetCurrentVideoDriver());
    /* A private event type for platform_wake, so no other SDL user's
     * event can be mistaken for it. */
    p->wake_type = SDL_RegisterEvents(1);
    p->dpi = cfg->dpi > 0 ? cfg->dpi : display_dpi(p->win);
    if (p->fullscreen)
        SDL_ShowCursor(SDL_DISABLE);
    /* A keyboard-wedge badge scanner types; its characters come as text. */
    SDL_StartTextInput();
    *out = p;
    return AS_OK;
fail:
    platform_free(p);
    return st;
}

void platform_free(platform *p)
{
    if (!p)
        return;
    int is_room = p->is_room;
    platform_free(p->room); /* the room's window has no room of its own */
    if (p->win && !is_room)
        SDL_StopTextInput();
    textcache_free(p->text);
    imagecache_free(p->images);
    if (p->target)
        SDL_DestroyTexture(p->target);
    if (p->ren)
        SDL_DestroyRenderer(p->ren);
    if (p->win)
        SDL_DestroyWindow(p->win);
    if (!is_room) /* the room's window borrows the kiosk's fonts */
        fonts_free(p->fonts);
    dl_free(&p->last);
    free(p->last_images);
    free(p);
    if (!is_room)
        SDL_Quit();
}

void platform_size(const platform *p, int *w, int *h)
{
    *w = p->w;
    *h = p->h;
}

double platform_dpi(const platform *p)
{
    return p->dpi;
}

uint64_t platform_now_ms(const platform *p)
{
    (void)p;
    return SDL_GetTicks64();
}

int platform_text_width(void *p, const char *s, size_t n, int font_px, int bold)
{
    return fonts_text_width(((platform *)p)->fonts, s, n, font_px, bold);
}

int platform_line_height(void *p, int font_px)
{
    return fonts_line_height(((platform *)p)->fonts, font_px);
}
