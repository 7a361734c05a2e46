/* imagecache.c: textures for display-list images, keyed by image id.
 * A screen holds a handful of images (a QR code, a logo), so a small
 * array searched linearly is enough. */
#include <stdlib.h>
#include "platform_internal.h"
#include "grow.h"

enum { IC_MAX_AGE = 120 };

typedef struct {
    uint32_t id;
    SDL_Texture *tex;
    unsigned long used;
} ic_entry;

struct imagecache {
    SDL_Renderer *ren;
    ic_entry *e;
    int n, cap;
    unsigned long frame;
};

as_status imagecache_new(SDL_Renderer *ren, imagecache **out)
{
    imagecache *ic = calloc(1, sizeof *ic);
    if (!ic)
        return AS_ENOMEM;
    ic->ren = ren;
    *out = ic;
    return AS_OK;
}

void imagecache_clear(imagecache *ic)
{
    for (int i = 0; i < ic->n; i++)
        SDL_DestroyTexture(ic->e[i].tex);
    ic->n = 0;
}

void imagecache_free(imagecache *ic)
{
    if (!ic)
        return;
    imagecache_clear(ic);
    free(ic->e);
    free(ic);
}

SDL_Texture *imagecache_get(imagecache *ic, const dl_image *img)
{
    if (!img || img->w <= 0 || img->h <= 0)
        return NULL;
    for (int i = 0; i < ic->n; i++) {
        if (ic->e[i].id == img->id) {
            ic->e[i].used = ic->frame;
            return ic->e[i].tex;
        }
    }
    if (!img->rgba)
        return NULL;
    ic_entry *e = as_grow(ic->e, ic->n, &ic->cap, sizeof *ic->e, 8);
    if (!e)
        return NULL;
    ic->e = e;
    SDL_Texture *t = SDL_CreateTexture(ic->ren, SDL_PIXELFORMAT_RGBA8888,
                                       SDL_TEXTUREACCESS_STATIC, img->w, img->h);
    if (!t)
        return NULL;
    if (SDL_UpdateTexture(t, NULL, img->rgba, img->w * 4) != 0) {
        SDL_DestroyTexture(t);
        return NULL;
    }
    SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    ic->e[ic->n++] = (ic_entry){img->id, t, ic->frame};
    return t;
}

void imagecache_frame(imagecache *ic)
{
    ic->frame++;
}

void imagecache_sweep(imagecache *ic)
{
    if (ic->frame <= IC_MAX_AGE)
        return;
    int j = 0;
    for (int i = 0; i < ic->n; i++) {
        if (ic->e[i].used + IC_MAX_AGE < ic->frame)
            SDL_DestroyTexture(ic->e[i].tex);
        else
            ic->e[j++] = ic->e[i];
    }
    ic->n = j;
}
