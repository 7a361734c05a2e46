/* events.c: SDL events become as_event.
 *
 * Touch arrives as SDL_FINGER* and a mouse as SDL_MOUSE*; platform_new
 * turned off SDL's synthesis of one from the other, and mouse events that
 * still say they came from touch are dropped, so one tap is one press.
 * Only the first finger down is followed: a second finger resting on the
 * glass must not move or release the first one's press. */
#include <stdio.h>
#include <string.h>
#include "platform_internal.h"

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* panel_pos: a point on the panel (window pixels) in logical pixels. */
static void panel_pos(const platform *p, int px, int py, as_event *ev)
{
    platform_panel_to_logical(p->rotate, p->pw, p->ph, px, py, &ev->x, &ev->y);
}

static void finger_pos(const platform *p, const SDL_TouchFingerEvent *f, as_event *ev)
{
    /* SDL gives touches as 0..1 of the panel, before any rotation. */
    panel_pos(p, clamp((int)(f->x * (float)p->pw), 0, p->pw > 0 ? p->pw - 1 : 0),
              clamp((int)(f->y * (float)p->ph), 0, p->ph > 0 ? p->ph - 1 : 0), ev);
}

static as_key map_key(SDL_Keycode k)
{
    switch (k) {
    case SDLK_RETURN:
    case SDLK_RETURN2:
    case SDLK_KP_ENTER: return KEY_ENTER;
    case SDLK_BACKSPACE: return KEY_BACKSPACE;
    case SDLK_ESCAPE: return KEY_ESCAPE;
    case SDLK_TAB: return KEY_TAB;
    case SDLK_UP: return KEY_UP;
    case SDLK_DOWN: return KEY_DOWN;
    case SDLK_PAGEUP: return KEY_PAGEUP;
    case SDLK_PAGEDOWN: return KEY_PAGEDOWN;
    default: return KEY_NONE;
    }
}

static int window_event(platform *p, const SDL_WindowEvent *w, as_event *ev)
{
    switch (w->event) {
    case SDL_WINDOWEVENT_SIZE_CHANGED: {
        int ww, wh;
        SDL_GetWindowSize(p->win, &ww, &wh);
        platform_set_panel(p, ww, wh);
        ev->type = EV_RESIZE;
        ev->x = p->w;
        ev->y = p->h;
        return 1;
    }
    case SDL_WINDOWEVENT_EXPOSED:
    case SDL_WINDOWEVENT_RESTORED:
        ev->type = EV_EXPOSE;
        return 1;
    case SDL_WINDOWEVENT_CLOSE:
        ev->type = EV_QUIT;
        return 1;
    default:
        return 0;
    }
}

int events_translate(platform *p, const SDL_Event *e, as_event *ev)
{
    memset(ev, 0, sizeof *ev);
    if (p->wake_type != (Uint32)-1 && e->type == p->wake_type) {
        /* platform_wake from another thread (the camera): input waits
         * outside SDL; the app polls it after any event. */
        ev->type = EV_EXPOSE;
        return 1;
    }
    int room = room_window_event(p, e, ev);
    if (room >= 0)
        return room; /* the room display's window takes no input */
    switch (e->type) {
    case SDL_QUIT:
        ev->type = EV_QUIT;
        return 1;
    case SDL_WINDOWEVENT:
        return window_event(p, &e->window, ev);
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        /* The renderer lost its textures: forget them and redraw. */
        textcache_clear(p->text);
        imagecache_clear(p->images);
        if (p->room) { /* the event does not say whose renderer */
            textcache_clear(p->room->text);
            imagecache_clear(p->room->images);
        }
        if (e->type == SDL_RENDER_DEVICE_RESET && p->target) {
            SDL_DestroyTexture(p->target);
            p->target = NULL;
        }
        ev->type = EV_EXPOSE;
        return 1;
    case SDL_MOUSEBUTTONDOWN:
        if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT)
            return 0;
        p->mouse_down = 1;
        ev->type = EV_PRESS;
        panel_pos(p, e->button.x, e->button.y, ev);
        return 1;
    case SDL_MOUSEMOTION:
        if (e->motion.which == SDL_TOUCH_MOUSEID || !p->mouse_down)
            return 0;
        ev->type = EV_MOVE;
        panel_pos(p, e->motion.x, e->motion.y, ev);
        return 1;
    case SDL_MOUSEBUTTONUP:
        if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT ||
            !p->mouse_down)
            return 0;
        p->mouse_down = 0;
        ev->type = EV_RELEASE;
        panel_pos(p, e->button.x, e->button.y, ev);
        return 1;
    case SDL_FINGERDOWN:
        if (p->finger_down)
            return 0;
        p->finger_down = 1;
        p->finger = e->tfinger.fingerId;
        ev->type = EV_PRESS;
        finger_pos(p, &e->tfinger, ev);
        return 1;
    case SDL_FINGERMOTION:
        if (!p->finger_down || e->tfinger.fingerId != p->finger)
            return 0;
        ev->type = EV_MOVE;
        finger_pos(p, &e->tfinger, ev);
        return 1;
    case SDL_FINGERUP:
        if (!p->finger_down || e->tfinger.fingerId != p->finger)
            return 0;
        p->finger_down = 0;
        ev->type = EV_RELEASE;
        finger_pos(p, &e->tfinger, ev);
        return 1;
    case SDL_TEXTINPUT:
        if (!e->text.text[0])
            return 0;
        ev->type = EV_TEXT;
        snprintf(ev->text, sizeof ev->text, "%s", e->text.text);
        return 1;
    case SDL_KEYDOWN:
        ev->key = map_key(e->key.keysym.sym);
        if (ev->key == KEY_NONE)
            return 0;
        ev->type = EV_KEY;
        return 1;
    default:
        return 0;
    }
}

/* Drivers whose SDL_WaitEventTimeout sleeps in the OS.  Elsewhere (KMSDRM
 * on the Pi, offscreen) SDL 2.26 polls every millisecond, which keeps an
 * idle kiosk above 1% of a core; there we poll every POLL_MS instead, a
 * delay nobody notices on a touchscreen. */
enum { POLL_MS = 10 };

int events_native_wait(const char *driver)
{
    static const char *const native[] = {"x11", "wayland", "windows", "cocoa"};
    for (size_t i = 0; driver && i < sizeof native / sizeof native[0]; i++)
        if (strcmp(driver, native[i]) == 0)
            return 1;
    return 0;
}

int platform_wait(platform *p, int timeout_ms, as_event *ev)
{
    SDL_Event e;
    uint64_t deadline = timeout_ms > 0 ? SDL_GetTicks64() + (uint64_t)timeout_ms : 0;

    for (;;) {
        int left = -1, got;
        unsigned long sigs = signals_count();
        if (sigs != p->signals_seen) {
            p->signals_seen = sigs;
            memset(ev, 0, sizeof *ev);
            ev->type = EV_QUIT;
            return 1;
        }
        if (timeout_ms >= 0) {
            uint64_t now = SDL_GetTicks64();
            left = now >= deadline ? 0 : (int)(deadline - now);
        }
        if (p->native_wait && left != 0) {
            /* In slices: a signal does not end SDL's wait on X11. */
            int slice = left < 0 || left > PLATFORM_SIGNAL_POLL_MS
                            ? PLATFORM_SIGNAL_POLL_MS : left;
            got = SDL_WaitEventTimeout(&e, slice);
            if (!got && left < 0)
                continue;
        } else {
            /* Not SDL_PollEvent: it reports "nothing" when it meets the
             * end-of-poll marker SDL 2.26 leaves in the queue, even with
             * real events queued behind it. */
            SDL_PumpEvents();
            got = SDL_PeepEvents(&e, 1, SDL_GETEVENT, SDL_FIRSTEVENT,
                                 SDL_LASTEVENT) == 1;
        }
        if (got) {
            if (events_translate(p, &e, ev))
                return 1;
            continue;
        }
        if (left == 0) {
            memset(ev, 0, sizeof *ev);
            return 0;
        }
        if (!p->native_wait) /* polling */
            SDL_Delay((Uint32)(left < 0 || left > POLL_MS ? POLL_MS : left));
    }
}

void platform_wake(void *pv)
{
    platform *p = pv;
    SDL_Event e;
    if (!p || p->wake_type == (Uint32)-1)
        return;
    memset(&e, 0, sizeof e);
    e.type = p->wake_type;
    SDL_PushEvent(&e); /* SDL documents SDL_PushEvent as thread-safe */
}

int platform_panel_touch(platform *p, ev_type type, int px, int py, as_event *ev)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = type == EV_PRESS ? SDL_FINGERDOWN
             : type == EV_MOVE ? SDL_FINGERMOTION : SDL_FINGERUP;
    e.tfinger.touchId = 1;
    e.tfinger.fingerId = 1;
    /* The middle of the pixel, so the translation lands on (px, py). */
    e.tfinger.x = p->pw > 0 ? ((float)px + 0.5f) / (float)p->pw : 0;
    e.tfinger.y = p->ph > 0 ? ((float)py + 0.5f) / (float)p->ph : 0;
    return events_translate(p, &e, ev);
}
