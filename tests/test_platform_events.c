/* test_platform_events.c: synthetic SDL events come out of platform_wait
 * as the core's as_event (offscreen driver, hidden window). */
#include <SDL.h>
#include <signal.h>
#include <string.h>
#include "check.h"
#include "platform.h"

static void push(SDL_Event *e)
{
    CHECK_INT(SDL_PushEvent(e), 1);
}

static void push_button(Uint32 type, Uint32 which, Uint8 button, int x, int y)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = type;
    e.button.which = which;
    e.button.button = button;
    e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
    e.button.x = x;
    e.button.y = y;
    push(&e);
}

static void push_motion(int x, int y)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_MOUSEMOTION;
    e.motion.x = x;
    e.motion.y = y;
    push(&e);
}

static void push_finger(Uint32 type, SDL_FingerID id, float x, float y)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = type;
    e.tfinger.touchId = 1;
    e.tfinger.fingerId = id;
    e.tfinger.x = x;
    e.tfinger.y = y;
    push(&e);
}

static void push_key(SDL_Keycode sym)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.state = SDL_PRESSED;
    e.key.keysym.sym = sym;
    push(&e);
}

static void push_text(const char *s)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_TEXTINPUT;
    SDL_strlcpy(e.text.text, s, sizeof e.text.text);
    push(&e);
}

/* next: the next translated event; EV_NONE when the queue is empty. */
static as_event next(platform *p)
{
    as_event ev;
    if (!platform_wait(p, 0, &ev))
        ev.type = EV_NONE;
    return ev;
}

#define CHECK_EV(p, t, ex, ey)                                              \
    do {                                                                    \
        as_event ev_ = next(p);                                             \
        CHECK_INT(ev_.type, t);                                             \
        CHECK_INT(ev_.x, ex);                                               \
        CHECK_INT(ev_.y, ey);                                               \
    } while (0)

#define CHECK_KEY(p, k)                                                     \
    do {                                                                    \
        as_event ev_ = next(p);                                             \
        CHECK_INT(ev_.type, EV_KEY);                                        \
        CHECK_INT(ev_.key, k);                                              \
    } while (0)

static void test_mouse(platform *p)
{
    push_motion(10, 10); /* hovering is not a drag */
    push_button(SDL_MOUSEBUTTONDOWN, 0, SDL_BUTTON_LEFT, 100, 200);
    push_motion(110, 220);
    push_button(SDL_MOUSEBUTTONUP, 0, SDL_BUTTON_LEFT, 120, 230);
    push_motion(130, 240);
    push_button(SDL_MOUSEBUTTONDOWN, 0, SDL_BUTTON_RIGHT, 5, 5);
    /* Mouse events that SDL made from a touch are dropped. */
    push_button(SDL_MOUSEBUTTONDOWN, SDL_TOUCH_MOUSEID, SDL_BUTTON_LEFT, 7, 7);
    CHECK_EV(p, EV_PRESS, 100, 200);
    CHECK_EV(p, EV_MOVE, 110, 220);
    CHECK_EV(p, EV_RELEASE, 120, 230);
    CHECK_EV(p, EV_NONE, 0, 0);
}

static void test_touch(platform *p)
{
    push_finger(SDL_FINGERDOWN, 7, 0.5f, 0.25f);
    push_finger(SDL_FINGERDOWN, 8, 0.1f, 0.1f); /* a second finger */
    push_finger(SDL_FINGERMOTION, 8, 0.2f, 0.2f);
    push_finger(SDL_FINGERMOTION, 7, 0.5f, 0.5f);
    push_finger(SDL_FINGERUP, 8, 0.2f, 0.2f);
    push_finger(SDL_FINGERUP, 7, 1.0f, 1.0f); /* clamped to the screen */
    CHECK_EV(p, EV_PRESS, 400, 120);
    CHECK_EV(p, EV_MOVE, 400, 240);
    CHECK_EV(p, EV_RELEASE, 799, 479);
    CHECK_EV(p, EV_NONE, 0, 0);
    /* After the release a new finger is followed again. */
    push_finger(SDL_FINGERDOWN, 9, 0.0f, 0.0f);
    push_finger(SDL_FINGERUP, 9, 0.0f, 0.0f);
    CHECK_EV(p, EV_PRESS, 0, 0);
    CHECK_EV(p, EV_RELEASE, 0, 0);
}

static void test_keys_and_text(platform *p)
{
    /* A keyboard-wedge scanner: text, then Enter. */
    push_key(SDLK_a); /* letters come as text, not as keys */
    push_text("7KQ2-");
    push_text("ñ¿¡");
    push_key(SDLK_RETURN);
    push_key(SDLK_KP_ENTER);
    push_key(SDLK_BACKSPACE);
    push_key(SDLK_ESCAPE);
    push_key(SDLK_TAB);
    push_key(SDLK_UP);
    push_key(SDLK_DOWN);
    push_key(SDLK_PAGEUP);
    push_key(SDLK_PAGEDOWN);
    as_event ev = next(p);
    CHECK_INT(ev.type, EV_TEXT);
    CHECK_STR(ev.text, "7KQ2-");
    ev = next(p);
    CHECK_INT(ev.type, EV_TEXT);
    CHECK_STR(ev.text, "ñ¿¡");
    CHECK_KEY(p, KEY_ENTER);
    CHECK_KEY(p, KEY_ENTER);
    CHECK_KEY(p, KEY_BACKSPACE);
    CHECK_KEY(p, KEY_ESCAPE);
    CHECK_KEY(p, KEY_TAB);
    CHECK_KEY(p, KEY_UP);
    CHECK_KEY(p, KEY_DOWN);
    CHECK_KEY(p, KEY_PAGEUP);
    CHECK_KEY(p, KEY_PAGEDOWN);
    CHECK_EV(p, EV_NONE, 0, 0);
}

static void test_window_and_quit(platform *p)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_WINDOWEVENT;
    e.window.event = SDL_WINDOWEVENT_EXPOSED;
    push(&e);
    e.window.event = SDL_WINDOWEVENT_MOVED; /* means nothing to the core */
    push(&e);
    memset(&e, 0, sizeof e);
    e.type = SDL_CLIPBOARDUPDATE; /* means nothing to the core */
    push(&e);
    memset(&e, 0, sizeof e);
    e.type = SDL_QUIT;
    push(&e);
    CHECK_EV(p, EV_EXPOSE, 0, 0);
    CHECK_EV(p, EV_QUIT, 0, 0); /* the ignored ones in between are skipped */
}

static void test_wait_timeout(platform *p)
{
    as_event ev;
    uint64_t t0 = platform_now_ms(p);
    /* An ignored event does not end the wait early with a bogus event. */
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_CLIPBOARDUPDATE; /* means nothing to the core */
    push(&e);
    CHECK_INT(platform_wait(p, 30, &ev), 0);
    CHECK_INT(ev.type, EV_NONE);
    CHECK(platform_now_ms(p) >= t0);
    /* A pending event is returned even with a timeout. */
    push_key(SDLK_RETURN);
    CHECK_INT(platform_wait(p, 1000, &ev), 1);
    CHECK_INT(ev.key, KEY_ENTER);
}

static int wake_thread(void *p)
{
    SDL_Delay(20);
    platform_wake(p);
    return 0;
}

/* A camera's worker thread wakes a waiting kiosk with platform_wake. */
static void test_wake(platform *p)
{
    as_event ev;
    SDL_Thread *t = SDL_CreateThread(wake_thread, "wake", p);
    CHECK(t != NULL);
    CHECK_INT(platform_wait(p, 2000, &ev), 1);
    CHECK_INT(ev.type, EV_EXPOSE);
    SDL_WaitThread(t, NULL);
    platform_wake(NULL); /* allowed, does nothing */
    CHECK_INT(platform_wait(p, 10, &ev), 0);
}

/* The service manager stops the kiosk with SIGTERM: it must arrive as an
 * event so the kiosk can finish cleanly, not kill the process. */
static void test_sigterm(platform *p)
{
    as_event ev;
    CHECK_INT(raise(SIGTERM), 0);
    CHECK_INT(platform_wait(p, 1000, &ev), 1);
    CHECK_INT(ev.type, EV_QUIT);
}

int main(void)
{
    platform_config cfg = {800, 480, 0, 0.0, 1, 0, 0, 0, 0};
    platform *p = NULL;
    as_err err = {{0}};
    as_status st = platform_new(&cfg, &p, &err);
    CHECK_MSG(st == AS_OK, "platform_new: %s", err.msg);
    if (st != AS_OK)
        return check_done();
    int w, h;
    platform_size(p, &w, &h);
    CHECK_INT(w, 800);
    CHECK_INT(h, 480);
    CHECK(platform_dpi(p) > 0);
    SDL_PumpEvents();
    SDL_FlushEvents(SDL_FIRSTEVENT, SDL_LASTEVENT);

    test_mouse(p);
    test_touch(p);
    test_keys_and_text(p);
    test_window_and_quit(p);
    test_wait_timeout(p);
    test_wake(p);
    test_sigterm(p);
    platform_free(p);

    /* A configured DPI wins over what SDL reports. */
    cfg.dpi = 160.0;
    st = platform_new(&cfg, &p, &err);
    CHECK_MSG(st == AS_OK, "platform_new again: %s", err.msg);
    if (st == AS_OK) {
        CHECK(platform_dpi(p) == 160.0);
        platform_free(p);
    }
    return check_done();
}
