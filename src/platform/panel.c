/* panel.c: the panel's physical size and the logical screen the UI lays
 * out on it (turned for --rotate).  Window creation (platform_sdl.c) and
 * resize events (events.c) both record a new size here, so this is its
 * own file rather than a call back into either. */
#include "platform_internal.h"

void platform_panel_size(const platform *p, int *pw, int *ph)
{
    *pw = p->pw;
    *ph = p->ph;
}

void platform_set_panel(platform *p, int w, int h)
{
    int sideways = p->rotate == 90 || p->rotate == 270;
    p->pw = w;
    p->ph = h;
    p->w = sideways ? h : w;
    p->h = sideways ? w : h;
    if (p->target) {
        int tw = 0, th = 0;
        SDL_QueryTexture(p->target, NULL, NULL, &tw, &th);
        if (tw != p->w || th != p->h) {
            SDL_DestroyTexture(p->target);
            p->target = NULL;
        }
    }
}
