/* draw.c: a display list becomes pixels.  All drawing goes through
 * draw_list, which also turns the picture for --rotate. */
#include <stdlib.h>
#include <string.h>
#include "platform_internal.h"

static void set_color(SDL_Renderer *ren, uint32_t c)
{
    SDL_SetRenderDrawColor(ren, (Uint8)(c >> 16), (Uint8)(c >> 8), (Uint8)c, 255);
}

static void draw_rect(SDL_Renderer *ren, const dl_item *it)
{
    const dl_rect *r = &it->r;
    if (r->w <= 0 || r->h <= 0)
        return;
    set_color(ren, it->color);
    int b = it->border_px;
    if (b <= 0 || 2 * b >= r->w || 2 * b >= r->h) {
        SDL_Rect f = {r->x, r->y, r->w, r->h};
        SDL_RenderFillRect(ren, &f);
        return;
    }
    SDL_Rect sides[4] = {
        {r->x, r->y, r->w, b},
        {r->x, r->y + r->h - b, r->w, b},
        {r->x, r->y + b, b, r->h - 2 * b},
        {r->x + r->w - b, r->y + b, b, r->h - 2 * b},
    };
    SDL_RenderFillRects(ren, sides, 4);
}

static void draw_text(platform *p, const dl_item *it)
{
    int tw, th;
    SDL_Texture *t = textcache_get(p->text, it->text, it->font_px, it->bold,
                                   it->color, &tw, &th);
    if (!t)
        return;
    /* The run's box is one line high; centre the rendered line in it. */
    int y = it->r.y + (it->r.h > th ? (it->r.h - th) / 2 : 0);
    SDL_Rect dst = {it->r.x, y, tw, th};
    SDL_RenderCopy(p->ren, t, NULL, &dst);
}

static void draw_image(platform *p, const dl_item *it)
{
    SDL_Texture *t = imagecache_get(p->images, it->image);
    if (!t || it->r.w <= 0 || it->r.h <= 0)
        return;
    SDL_Rect dst = {it->r.x, it->r.y, it->r.w, it->r.h};
    SDL_RenderCopy(p->ren, t, NULL, &dst);
}

static void draw_items(platform *p, const dl_list *l)
{
    dl_rect clip = {0, 0, 0, 0};

    textcache_frame(p->text);
    imagecache_frame(p->images);
    SDL_RenderSetClipRect(p->ren, NULL);
    set_color(p->ren, l->clear);
    SDL_RenderClear(p->ren);
    for (int i = 0; i < l->n; i++) {
        const dl_item *it = &l->items[i];
        if (memcmp(&it->clip, &clip, sizeof clip) != 0) {
            clip = it->clip;
            if (clip.w > 0) {
                SDL_Rect c = {clip.x, clip.y, clip.w, clip.h > 0 ? clip.h : 0};
                SDL_RenderSetClipRect(p->ren, &c);
            } else {
                SDL_RenderSetClipRect(p->ren, NULL);
            }
        }
        if (it->kind == DL_RECT)
            draw_rect(p->ren, it);
        else if (it->kind == DL_TEXT)
            draw_text(p, it);
        else if (it->kind == DL_IMAGE)
            draw_image(p, it);
    }
    SDL_RenderSetClipRect(p->ren, NULL);
}

/* draw_rotated: the frame is drawn unrotated into p->target and turned
 * onto the panel as one texture, so text and images rotate with it and
 * the drawing code above knows nothing of rotation. */
static void draw_rotated(platform *p, const dl_list *l)
{
    if (!p->target)
        p->target = SDL_CreateTexture(p->ren, SDL_PIXELFORMAT_ARGB8888,
                                      SDL_TEXTUREACCESS_TARGET, p->w, p->h);
    if (!p->target || SDL_SetRenderTarget(p->ren, p->target) != 0) {
        /* Nothing sensible to show; a black panel is better than an
         * unrotated picture whose touches land elsewhere. */
        SDL_SetRenderDrawColor(p->ren, 0, 0, 0, 255);
        SDL_RenderClear(p->ren);
        return;
    }
    draw_items(p, l);
    SDL_SetRenderTarget(p->ren, NULL);
    SDL_SetRenderDrawColor(p->ren, 0, 0, 0, 255);
    SDL_RenderClear(p->ren);
    /* Turned about its centre, the w x h frame covers the ph x pw panel
     * exactly when placed centred on it. */
    SDL_Rect dst = {(p->pw - p->w) / 2, (p->ph - p->h) / 2, p->w, p->h};
    SDL_RenderCopyEx(p->ren, p->target, NULL, &dst, (double)p->rotate, NULL,
                     SDL_FLIP_NONE);
}

void draw_list(platform *p, const dl_list *l)
{
    if (p->rotate)
        draw_rotated(p, l);
    else
        draw_items(p, l);
}

/* keep_last: copies l so platform_screenshot can redraw it later.  Image
 * pixels belong to the UI and may be gone by then, so only the image
 * header is kept and the redraw uses the cached texture. */
static void keep_last(platform *p, const dl_list *l)
{
    int nimg = 0;
    dl_reset(&p->last, l->w, l->h, l->clear);
    p->have_last = 0;
    for (int i = 0; i < l->n; i++) {
        if (!dl_push(&p->last, &l->items[i]))
            return;
        if (l->items[i].kind == DL_IMAGE && l->items[i].image)
            nimg++;
    }
    if (nimg > p->last_images_cap) {
        dl_image *im = realloc(p->last_images, (size_t)nimg * sizeof *im);
        if (!im)
            return;
        p->last_images = im;
        p->last_images_cap = nimg;
    }
    int k = 0;
    for (int i = 0; i < p->last.n; i++) {
        dl_item *it = &p->last.items[i];
        if (it->kind == DL_IMAGE && it->image) {
            p->last_images[k] = *it->image;
            p->last_images[k].rgba = NULL;
            it->image = &p->last_images[k++];
        } else {
            it->image = NULL;
        }
    }
    p->have_last = 1;
}

void platform_draw(platform *p, const dl_list *l)
{
    draw_list(p, l);
    SDL_RenderPresent(p->ren);
    keep_last(p, l);
    textcache_sweep(p->text);
    imagecache_sweep(p->images);
}

unsigned long platform_text_renders(const platform *p)
{
    return textcache_renders(p->text);
}
