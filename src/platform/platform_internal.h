/* platform_internal.h: what the platform's files share.  SDL types are
 * allowed here and nowhere outside src/platform. */
#ifndef AS_PLATFORM_INTERNAL_H
#define AS_PLATFORM_INTERNAL_H

#include <SDL.h>
#include <SDL_ttf.h>
#include "displaylist.h"
#include "fonts.h"
#include "platform.h"

/* fonts_face: the face for (font_px, bold), opened on first use; NULL if it
 * cannot be opened.  Owned by f. */
TTF_Font *fonts_face(fonts *f, int font_px, int bold);

/* textcache: rendered text textures keyed by (text, font_px, bold,
 * colour).  Entries not used during the last TC_MAX_AGE frames are
 * destroyed by textcache_sweep. */
typedef struct textcache textcache;

as_status textcache_new(SDL_Renderer *ren, fonts *f, textcache **out);
void textcache_free(textcache *tc);
/* textcache_get: the texture for this text (rendering it if not cached);
 * NULL for empty text or when rendering fails.  *w, *h: its size. */
SDL_Texture *textcache_get(textcache *tc, const char *text, int font_px,
                           int bold, uint32_t color, int *w, int *h);
/* textcache_frame: call once per drawn frame before any textcache_get. */
void textcache_frame(textcache *tc);
/* textcache_sweep: drops entries unused for a while. */
void textcache_sweep(textcache *tc);
/* textcache_clear: drops everything (the renderer lost its textures). */
void textcache_clear(textcache *tc);
unsigned long textcache_renders(const textcache *tc);
int textcache_count(const textcache *tc);

/* imagecache: textures of dl_image pixels keyed by image id. */
typedef struct imagecache imagecache;
as_status imagecache_new(SDL_Renderer *ren, imagecache **out);
void imagecache_free(imagecache *ic);
/* imagecache_get: the texture for img; uploads img->rgba when the id is
 * new (NULL rgba: only a cached texture is returned). */
SDL_Texture *imagecache_get(imagecache *ic, const dl_image *img);
void imagecache_frame(imagecache *ic);
void imagecache_sweep(imagecache *ic);
void imagecache_clear(imagecache *ic);

struct platform {
    SDL_Window *win;
    SDL_Renderer *ren;
    fonts *fonts;
    textcache *text;
    imagecache *images;
    int w, h;           /* logical size: what the UI lays out */
    int pw, ph;         /* the panel (window) in physical pixels */
    int rotate;         /* degrees clockwise, see platform_config */
    SDL_Texture *target; /* the logical frame when rotate != 0 */
    double dpi;
    int fullscreen;
    int software;       /* the renderer is SDL's software one */
    int native_wait;    /* SDL_WaitEventTimeout sleeps in the OS */
    Uint32 wake_type;   /* platform_wake's event (SDL_RegisterEvents) */
    unsigned long signals_seen; /* stop signals already given as EV_QUIT */
    int mouse_down;     /* left button held: motion becomes EV_MOVE */
    int finger_down;    /* a finger is down; only it is followed */
    SDL_FingerID finger;
    /* A copy of the last frame drawn, so a screenshot can redraw it
     * without reading pixels back on every frame.  Images are copied
     * without pixels: a redraw uses the cached textures only. */
    dl_list last;
    dl_image *last_images;
    int last_images_cap;
    int have_last;
    /* The room display's window (room_window.c), or NULL.  It is a
     * platform of its own (window, renderer, caches, last frame) that
     * borrows the kiosk's fonts; is_room marks it. */
    struct platform *room;
    int is_room;
    Uint32 room_id;     /* the room window's SDL id (0: none) */
};

/* platform_renderer: a renderer for win, accelerated if possible (not
 * with the offscreen driver), else software; *software says which.  NULL
 * if none works. */
SDL_Renderer *platform_renderer(SDL_Window *win, int *software);

/* room_window_open: opens p->room as cfg asks (full screen on display
 * cfg->room_display, or a cfg->room_width x room_height window), sharing
 * p->fonts.  AS_EINVAL with err naming the displays SDL sees when the
 * display does not exist or is the full-screen kiosk's; AS_EIO when SDL
 * cannot open the window or a renderer; AS_ENOMEM. */
as_status room_window_open(platform *p, const platform_config *cfg, as_err *err);

/* room_window_event: what an SDL event of the room's window means: 1 and
 * EV_EXPOSE in *ev (it was resized or uncovered: redraw), 0 for nothing
 * (its touches, clicks and close button are dropped); -1 when e is not
 * the room window's. */
int room_window_event(platform *p, const SDL_Event *e, as_event *ev);

/* draw_list: renders l onto the panel's back buffer without presenting,
 * turned by p->rotate (through the p->target texture).  The only place
 * that turns display-list coordinates into pixels. */
void draw_list(platform *p, const dl_list *l);

/* platform_set_panel: records a new panel size (w x h physical pixels)
 * and derives the logical size; drops the rotation texture if its size
 * no longer fits (draw_list makes a new one). */
void platform_set_panel(platform *p, int w, int h);

/* events_translate: fills ev from e; 0 if e means nothing to the core. */
int events_translate(platform *p, const SDL_Event *e, as_event *ev);

/* signals_install: SIGTERM and SIGINT only count (SA_RESTART, so a store
 * write in progress is not interrupted); SIGPIPE is ignored.
 * signals_count: how many have arrived. */
void signals_install(void);
unsigned long signals_count(void);

/* events_native_wait: whether SDL's video driver of this name can sleep
 * until input arrives (else platform_wait polls at a coarse interval). */
int events_native_wait(const char *driver);

#endif
