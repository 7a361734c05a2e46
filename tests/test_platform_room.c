/* test_platform_room.c: the room display's window (platform_room): its
 * own size and picture, its input dropped while the kiosk's is not, the
 * scanner's keys taken whichever window has the focus, and a display SDL
 * does not see refused with the displays it does see (offscreen driver,
 * hidden windows). */
#include <SDL.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "check.h"
#include "platform.h"

/* window_sized: the id of the SDL window of size w x h, 0 if none. */
static Uint32 window_sized(int w, int h)
{
    for (Uint32 id = 1; id < 16; id++) {
        SDL_Window *win = SDL_GetWindowFromID(id);
        int ww = 0, wh = 0;
        if (win)
            SDL_GetWindowSize(win, &ww, &wh);
        if (win && ww == w && wh == h)
            return id;
    }
    return 0;
}

static void push(Uint32 type, Uint32 window, Uint8 wevent)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = type;
    if (type == SDL_MOUSEBUTTONDOWN || type == SDL_MOUSEBUTTONUP) {
        e.button.windowID = window;
        e.button.button = SDL_BUTTON_LEFT;
        e.button.x = e.button.y = 10;
    } else if (type == SDL_FINGERDOWN) {
        e.tfinger.windowID = window;
        e.tfinger.touchId = 1;
        e.tfinger.x = e.tfinger.y = 0.5f;
    } else if (type == SDL_TEXTINPUT) {
        e.text.windowID = window;
        SDL_strlcpy(e.text.text, "K", sizeof e.text.text);
    } else if (type == SDL_WINDOWEVENT) {
        e.window.windowID = window;
        e.window.event = wevent;
    }
    CHECK_INT(SDL_PushEvent(&e), 1);
}

static int next(platform *p)
{
    as_event ev;
    return platform_wait(p, 0, &ev) ? (int)ev.type : EV_NONE;
}

static void test_refusals(void)
{
    platform *p = NULL;
    as_err err;
    platform_displays_info di;
    platform_config cfg = {800, 480, 0, 0.0, 1, 0, 9, 0, 0};

    CHECK_INT(platform_displays(&di, &err), AS_OK);
    CHECK(di.n >= 1 && di.d[0].w > 0 && di.d[0].h > 0);
    CHECK_INT(platform_new(&cfg, &p, &err), AS_EINVAL);
    CHECK(p == NULL);
    CHECK_MSG(strstr(err.msg, "there is no display 9") && strstr(err.msg, "1 \""),
              "%s", err.msg);
    CHECK_INT(platform_room_check(&cfg, &err), AS_EINVAL);
    /* Display 1 is the kiosk's, full screen or in a window. */
    platform_config fs = {0, 0, 1, 0.0, 1, 0, 1, 0, 0};
    CHECK_INT(platform_room_check(&fs, &err), AS_EINVAL);
    CHECK_MSG(strstr(err.msg, "display 1 shows the kiosk"), "%s", err.msg);
    platform_config win = {800, 480, 0, 0.0, 1, 0, 1, 0, 0};
    CHECK_INT(platform_room_check(&win, &err), AS_EINVAL);
    platform_config none = {800, 480, 0, 0.0, 1, 0, 0, 0, 0};
    CHECK_INT(platform_room_check(&none, &err), AS_OK);
}

int main(void)
{
    platform *p = NULL;
    as_err err;
    platform_config cfg = {800, 480, 0, 0.0, 1, 0, 0, 640, 360};
    char png[128];

    test_refusals();
    CHECK_INT(platform_new(&cfg, &p, &err), AS_OK);
    if (!p)
        return check_done();
    platform *room = platform_room(p);
    CHECK(room != NULL);
    int w = 0, h = 0;
    platform_size(p, &w, &h);
    CHECK(w == 800 && h == 480);
    if (room) {
        platform_size(room, &w, &h);
        CHECK(w == 640 && h == 360);
    }
    Uint32 rid = window_sized(640, 360), kid = window_sized(800, 480);
    CHECK(rid != 0 && kid != 0 && rid != kid);
    /* The kiosk's window is made last, so it has the keyboard. */
    CHECK(kid > rid);

    /* Nobody taps the projector; the kiosk's touches still count. */
    push(SDL_MOUSEBUTTONDOWN, rid, 0);
    push(SDL_MOUSEBUTTONUP, rid, 0);
    push(SDL_FINGERDOWN, rid, 0);
    CHECK_INT(next(p), EV_NONE);
    push(SDL_MOUSEBUTTONDOWN, kid, 0);
    CHECK_INT(next(p), EV_PRESS);
    push(SDL_MOUSEBUTTONUP, kid, 0);
    CHECK_INT(next(p), EV_RELEASE);
    /* The scanner types into whichever window has the focus. */
    push(SDL_TEXTINPUT, rid, 0);
    CHECK_INT(next(p), EV_TEXT);
    /* The room window resized or uncovered: redraw; closed: ignored. */
    push(SDL_WINDOWEVENT, rid, SDL_WINDOWEVENT_SIZE_CHANGED);
    CHECK_INT(next(p), EV_EXPOSE);
    push(SDL_WINDOWEVENT, rid, SDL_WINDOWEVENT_CLOSE);
    CHECK_INT(next(p), EV_NONE);
    push(SDL_WINDOWEVENT, kid, SDL_WINDOWEVENT_CLOSE);
    CHECK_INT(next(p), EV_QUIT);

    /* Its own picture: a red room, a white kiosk. */
    if (room) {
        dl_list l;
        dl_init(&l);
        dl_reset(&l, 640, 360, 0xcc0000);
        platform_draw(room, &l);
        dl_reset(&l, 800, 480, 0xffffff);
        platform_draw(p, &l);
        snprintf(png, sizeof png, "/tmp/asamblea-room-%d.png", (int)getpid());
        CHECK_INT(platform_screenshot(room, png, &err), AS_OK);
        FILE *f = fopen(png, "rb");
        unsigned char b[24] = {0};
        CHECK(f && fread(b, 1, sizeof b, f) == sizeof b);
        if (f)
            fclose(f);
        CHECK_INT((b[16] << 24) | (b[17] << 16) | (b[18] << 8) | b[19], 640);
        CHECK_INT((b[20] << 24) | (b[21] << 16) | (b[22] << 8) | b[23], 360);
        remove(png);
        dl_free(&l);
    }
    platform_free(p);
    return check_done();
}
