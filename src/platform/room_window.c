/* room_window.c: the room display's window (platform.h's platform_room):
 * a second window, full screen on another display or a plain window,
 * with its own renderer and caches, that takes no input.
 *
 * Several displays: SDL numbers them from 0; people (and --room-display,
 * --list-displays) from 1.  On X11 every monitor of the screen is a
 * display, and a window centred on display N with
 * SDL_WINDOW_FULLSCREEN_DESKTOP fills that monitor.  On KMSDRM (a Pi with
 * no desktop) SDL 2.0.16 and later make one display per connected
 * connector of the DRM card (HDMI-A-1, HDMI-A-2; libsdl-org/SDL#4028,
 * the video mode looked up on the window's own display since #4230), and
 * a window is put on the display its position falls in, which
 * SDL_WINDOWPOS_CENTERED_DISPLAY(N) gives.  KMSDRM also hands the
 * keyboard and mouse to the window made last and cannot move them later,
 * so platform_new makes this window before the kiosk's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "platform_internal.h"

as_status platform_displays(platform_displays_info *out, as_err *err)
{
    memset(out, 0, sizeof *out);
    /* Counted by SDL, so this works with or without a platform open. */
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0)
        return as_err_set(err, AS_EIO, "cannot open the display: %s; run under "
                          "X11/Wayland or on a console with KMS (SDL_VIDEODRIVER "
                          "selects the driver)", SDL_GetError());
    const char *drv = SDL_GetCurrentVideoDriver();
    snprintf(out->driver, sizeof out->driver, "%s", drv ? drv : "?");
    int n = SDL_GetNumVideoDisplays();
    for (int i = 0; i < n && i < PLATFORM_MAX_DISPLAYS; i++) {
        platform_display *d = &out->d[out->n++];
        SDL_DisplayMode mode;
        const char *name = SDL_GetDisplayName(i);
        snprintf(d->name, sizeof d->name, "%s", name ? name : "");
        if (SDL_GetDesktopDisplayMode(i, &mode) == 0) {
            d->w = mode.w;
            d->h = mode.h;
        }
    }
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    return AS_OK;
}

as_status platform_room_check(const platform_config *cfg, as_err *err)
{
    platform_displays_info di;
    char seen[512] = "";
    size_t used = 0;
    int n = cfg->room_display;
    as_status st;

    if (n <= 0)
        return AS_OK;
    if ((st = platform_displays(&di, err)) != AS_OK)
        return st;
    /* Display 1 has the kiosk's window, full screen or not (it is always
     * put there): a room view full screen on it would cover the kiosk. */
    if (n <= di.n && n != 1)
        return AS_OK;
    for (int i = 0; i < di.n && used < sizeof seen; i++) {
        int k = snprintf(seen + used, sizeof seen - used, "%s%d \"%s\" %dx%d",
                         i ? ", " : "", i + 1, di.d[i].name, di.d[i].w, di.d[i].h);
        if (k > 0)
            used += (size_t)k;
    }
    if (n == 1)
        return as_err_set(err, AS_EINVAL, "--room-display 1: display 1 shows the "
                          "kiosk itself; SDL (%s) sees %s; give the projector's "
                          "number, or start without --room-display and use the "
                          "console's \"Room view here\"", di.driver, seen);
    return as_err_set(err, AS_EINVAL, "--room-display %d: there is no display %d; "
                      "SDL (%s) sees %d: %s; connect and switch on the projector "
                      "or TV before starting (asamblea kiosk --list-displays), or "
                      "start without --room-display and use the console's "
                      "\"Room view here\"", n, n, di.driver, di.n,
                      di.n ? seen : "none");
}

as_status room_window_open(platform *p, const platform_config *cfg, as_err *err)
{
    as_status st;
    int fs = cfg->room_display > 0;
    int at = fs ? cfg->room_display - 1 : 0;
    int w = cfg->room_width, h = cfg->room_height;
    Uint32 flags = (cfg->hidden ? SDL_WINDOW_HIDDEN : SDL_WINDOW_SHOWN) |
                   SDL_WINDOW_SKIP_TASKBAR;
    platform *r;

    if ((st = platform_room_check(cfg, err)) != AS_OK)
        return st;
    if (!(r = calloc(1, sizeof *r)))
        return as_err_set(err, AS_ENOMEM, "platform: out of memory");
    r->is_room = 1;
    r->fonts = p->fonts;
    dl_init(&r->last);
    p->room = r;
    if (fs) {
        SDL_DisplayMode mode;
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        w = 1920;
        h = 1080;
        if (SDL_GetDesktopDisplayMode(at, &mode) == 0) {
            w = mode.w;
            h = mode.h;
        }
    }
    /* Where the window manager honours it (X11), showing the room's
     * window does not take the focus from the kiosk's. */
    SDL_SetHint(SDL_HINT_WINDOW_NO_ACTIVATION_WHEN_SHOWN, "1");
    r->win = SDL_CreateWindow("asamblea: room display",
                              SDL_WINDOWPOS_CENTERED_DISPLAY(at),
                              SDL_WINDOWPOS_CENTERED_DISPLAY(at), w, h, flags);
    SDL_SetHint(SDL_HINT_WINDOW_NO_ACTIVATION_WHEN_SHOWN, "0");
    if (!r->win)
        return as_err_set(err, AS_EIO, "platform: cannot open the room display's "
                          "%dx%d window on display %d: %s", w, h, at + 1,
                          SDL_GetError());
    p->room_id = SDL_GetWindowID(r->win);
    if (!(r->ren = platform_renderer(r->win, &r->software)))
        return as_err_set(err, AS_EIO, "platform: no renderer works for the room "
                          "display: %s", SDL_GetError());
    if (textcache_new(r->ren, r->fonts, &r->text) != AS_OK ||
        imagecache_new(r->ren, &r->images) != AS_OK)
        return as_err_set(err, AS_ENOMEM, "platform: out of memory");
    int ww, wh;
    SDL_GetWindowSize(r->win, &ww, &wh);
    platform_set_panel(r, ww, wh);
    r->fullscreen = fs;
    r->dpi = 96.0; /* the room's layout follows the height, not the density */
    return AS_OK;
}

platform *platform_room(platform *p)
{
    return p ? p->room : NULL;
}

/* window_of: the window an event concerns, 0 for none or a global one. */
static Uint32 window_of(const SDL_Event *e)
{
    switch (e->type) {
    case SDL_WINDOWEVENT: return e->window.windowID;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP: return e->button.windowID;
    case SDL_MOUSEMOTION: return e->motion.windowID;
    case SDL_MOUSEWHEEL: return e->wheel.windowID;
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_FINGERMOTION: return e->tfinger.windowID;
    default: return 0; /* keys and text: the scanner's, wherever the focus is */
    }
}

int room_window_event(platform *p, const SDL_Event *e, as_event *ev)
{
    if (!p->room || window_of(e) != p->room_id)
        return -1;
    if (e->type != SDL_WINDOWEVENT)
        return 0; /* nobody taps the projector */
    switch (e->window.event) {
    case SDL_WINDOWEVENT_SIZE_CHANGED: {
        int ww, wh;
        SDL_GetWindowSize(p->room->win, &ww, &wh);
        platform_set_panel(p->room, ww, wh);
        ev->type = EV_EXPOSE;
        return 1;
    }
    case SDL_WINDOWEVENT_FOCUS_GAINED:
        /* Someone clicked the room's window on a desktop: the keyboard
         * (the scanner) goes back to the kiosk's. */
        SDL_SetWindowInputFocus(p->win);
        return 0;
    case SDL_WINDOWEVENT_EXPOSED:
    case SDL_WINDOWEVENT_RESTORED:
        ev->type = EV_EXPOSE;
        return 1;
    default:
        return 0; /* its close button included: the room view stays */
    }
}
