/* textcache.c: rendered text kept as textures between frames.
 *
 * A frame of the kiosk redraws mostly the same lines, and rasterizing text
 * is the most expensive part of a frame, so each (text, size, weight,
 * colour) is rendered once and reused until it has gone unused for
 * TC_MAX_AGE frames. */
#include <stdlib.h>
#include <string.h>
#include "platform_internal.h"

enum {
    TC_MAX_AGE = 120,    /* frames an unused entry survives */
    TC_SWEEP_EVERY = 32, /* frames between sweeps while small */
    TC_SOFT_CAP = 1024,  /* above this, sweep every frame */
    TC_HARD_CAP = 4096   /* above this, keep only this frame's entries */
};

typedef struct tc_entry {
    struct tc_entry *next;
    uint32_t hash;
    int px, bold;
    uint32_t color;
    SDL_Texture *tex; /* NULL: rendering failed; not retried every frame */
    int w, h;
    unsigned long used;
    char text[];
} tc_entry;

struct textcache {
    SDL_Renderer *ren;
    fonts *fonts;
    tc_entry **buckets;
    size_t nbuckets; /* a power of two */
    int count;
    unsigned long frame, renders;
};

/* FNV-1a over the text and the style. */
static uint32_t tc_hash(const char *text, int px, int bold, uint32_t color)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *s = (const unsigned char *)text; *s; s++)
        h = (h ^ *s) * 16777619u;
    uint32_t extra[3] = {(uint32_t)px, (uint32_t)bold, color};
    for (int i = 0; i < 3; i++)
        for (int b = 0; b < 4; b++)
            h = (h ^ ((extra[i] >> (8 * b)) & 0xff)) * 16777619u;
    return h;
}

as_status textcache_new(SDL_Renderer *ren, fonts *f, textcache **out)
{
    textcache *tc = calloc(1, sizeof *tc);
    if (!tc)
        return AS_ENOMEM;
    tc->nbuckets = 256;
    tc->buckets = calloc(tc->nbuckets, sizeof *tc->buckets);
    if (!tc->buckets) {
        free(tc);
        return AS_ENOMEM;
    }
    tc->ren = ren;
    tc->fonts = f;
    *out = tc;
    return AS_OK;
}

static void entry_free(tc_entry *e)
{
    if (e->tex)
        SDL_DestroyTexture(e->tex);
    free(e);
}

void textcache_clear(textcache *tc)
{
    for (size_t b = 0; b < tc->nbuckets; b++) {
        tc_entry *e = tc->buckets[b];
        while (e) {
            tc_entry *next = e->next;
            entry_free(e);
            e = next;
        }
        tc->buckets[b] = NULL;
    }
    tc->count = 0;
}

void textcache_free(textcache *tc)
{
    if (!tc)
        return;
    textcache_clear(tc);
    free(tc->buckets);
    free(tc);
}

/* grow: doubles the bucket array when entries outnumber buckets; on
 * failure the table just stays denser. */
static void grow(textcache *tc)
{
    size_t nb = tc->nbuckets * 2;
    tc_entry **b = calloc(nb, sizeof *b);
    if (!b)
        return;
    for (size_t i = 0; i < tc->nbuckets; i++) {
        tc_entry *e = tc->buckets[i];
        while (e) {
            tc_entry *next = e->next;
            size_t k = e->hash & (nb - 1);
            e->next = b[k];
            b[k] = e;
            e = next;
        }
    }
    free(tc->buckets);
    tc->buckets = b;
    tc->nbuckets = nb;
}

static SDL_Texture *render(textcache *tc, const char *text, int px, int bold,
                           uint32_t color, int *w, int *h)
{
    TTF_Font *face = fonts_face(tc->fonts, px, bold);
    SDL_Color c = {(Uint8)(color >> 16), (Uint8)(color >> 8), (Uint8)color, 255};
    tc->renders++;
    if (!face)
        return NULL;
    SDL_Surface *s = TTF_RenderUTF8_Blended(face, text, c);
    if (!s)
        return NULL;
    SDL_Texture *t = SDL_CreateTextureFromSurface(tc->ren, s);
    if (t) {
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
        *w = s->w;
        *h = s->h;
    }
    SDL_FreeSurface(s);
    return t;
}

SDL_Texture *textcache_get(textcache *tc, const char *text, int font_px,
                           int bold, uint32_t color, int *w, int *h)
{
    *w = *h = 0;
    if (!text || !*text || font_px <= 0)
        return NULL;
    bold = bold != 0;
    color &= 0xffffff;
    uint32_t hash = tc_hash(text, font_px, bold, color);
    tc_entry **slot = &tc->buckets[hash & (tc->nbuckets - 1)];
    for (tc_entry *e = *slot; e; e = e->next) {
        if (e->hash == hash && e->px == font_px && e->bold == bold &&
            e->color == color && strcmp(e->text, text) == 0) {
            e->used = tc->frame;
            *w = e->w;
            *h = e->h;
            return e->tex;
        }
    }
    size_t len = strlen(text);
    tc_entry *e = malloc(sizeof *e + len + 1);
    if (!e)
        return NULL;
    memcpy(e->text, text, len + 1);
    e->hash = hash;
    e->px = font_px;
    e->bold = bold;
    e->color = color;
    e->w = e->h = 0;
    e->used = tc->frame;
    e->tex = render(tc, text, font_px, bold, color, &e->w, &e->h);
    e->next = *slot;
    *slot = e;
    tc->count++;
    *w = e->w;
    *h = e->h;
    SDL_Texture *tex = e->tex;
    if ((size_t)tc->count > tc->nbuckets)
        grow(tc);
    return tex;
}

void textcache_frame(textcache *tc)
{
    tc->frame++;
}

static void evict_older(textcache *tc, unsigned long keep_since)
{
    for (size_t b = 0; b < tc->nbuckets; b++) {
        tc_entry **pp = &tc->buckets[b];
        while (*pp) {
            tc_entry *e = *pp;
            if (e->used < keep_since) {
                *pp = e->next;
                entry_free(e);
                tc->count--;
            } else {
                pp = &e->next;
            }
        }
    }
}

void textcache_sweep(textcache *tc)
{
    if (tc->count > TC_SOFT_CAP || tc->frame % TC_SWEEP_EVERY == 0)
        if (tc->frame > TC_MAX_AGE)
            evict_older(tc, tc->frame - TC_MAX_AGE);
    if (tc->count > TC_HARD_CAP)
        evict_older(tc, tc->frame);
}

unsigned long textcache_renders(const textcache *tc)
{
    return tc->renders;
}

int textcache_count(const textcache *tc)
{
    return tc->count;
}
