/* displaylist.h: what a frame shows, as data.
 *
 * The UI (ui.h) emits a display list every time something changed; the
 * SDL backend (platform.h) draws it, and tests inspect it.  Every item is
 * a rectangle, a single line of text or an image.  Tappable elements are
 * DL_RECT items with role != DL_ROLE_NONE, a label (the words a person
 * would use to name it) and an action.  Coordinates are pixels of the
 * logical (unrotated) screen.  Colours are 0xRRGGBB. */
#ifndef AS_DISPLAYLIST_H
#define AS_DISPLAYLIST_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"

typedef enum { DL_RECT = 0, DL_TEXT = 1, DL_IMAGE = 2 } dl_kind;

typedef enum {
    DL_ROLE_NONE = 0,
    DL_ROLE_BUTTON, /* activates on release inside it */
    DL_ROLE_SCROLL  /* a region scrolled by dragging */
} dl_role;

typedef struct {
    int x, y, w, h;
} dl_rect;

/* An RGBA8888 image whose pixels outlive the display list (the UI owns
 * them); id changes whenever the pixels do, so backends can cache. */
typedef struct {
    uint32_t id;
    int w, h;
    const uint32_t *rgba;
} dl_image;

typedef struct {
    dl_kind kind;
    dl_rect r;          /* for text: the line's box (x, top y, width, line height) */
    dl_rect clip;       /* w == 0: no clipping */
    uint32_t color;     /* fill, or text colour */
    uint32_t bg;        /* text: the colour behind it (for contrast checks) */
    int font_px;        /* text: font size in pixels per em */
    int bold;
    const char *text;   /* text: one line, UTF-8, in the list's arena */
    const dl_image *image;
    int border_px;      /* rect: outline width, 0 for a filled rect */
    dl_role role;
    const char *label;  /* tappable: the name to tap it by (arena) */
    int action;         /* tappable: what it does (ui.h's ui_action) */
    int arg;
} dl_item;

typedef struct {
    int w, h;        /* screen size the list was laid out for */
    uint32_t clear;  /* background colour */
    dl_item *items;
    int n, cap;
    char *arena;     /* strings referenced by items */
    size_t arena_len, arena_cap;
    int oom;         /* an append failed; the list is incomplete */
} dl_list;

/* dl_init / dl_free: a dl_list lives in its owner; dl_reset empties it but
 * keeps its memory, so steady-state frames allocate nothing. */
void dl_init(dl_list *l);
void dl_free(dl_list *l);
void dl_reset(dl_list *l, int w, int h, uint32_t clear);

/* dl_push: appends a copy of it, copying it->text and it->label into the
 * arena.  Returns the stored item, or NULL (and sets l->oom) when memory
 * runs out; the UI then draws an incomplete frame rather than crash. */
dl_item *dl_push(dl_list *l, const dl_item *it);

/* dl_find_tap: the topmost tappable item containing (x, y) and inside its
 * clip, or NULL. */
const dl_item *dl_find_tap(const dl_list *l, int x, int y);

/* dl_find_label: the tappable items whose label equals label.  Returns
 * how many there are and stores the first in *first. */
int dl_find_label(const dl_list *l, const char *label, const dl_item **first);

/* dl_has_text: 1 if some text run (or a tappable's label) contains needle,
 * including text split over consecutive runs of one wrapped paragraph. */
int dl_has_text(const dl_list *l, const char *needle);

/* dl_dump: writes a readable description of what is on screen (texts and
 * tappables) to buf; used in replay failures.  Always NUL-terminates. */
void dl_dump(const dl_list *l, char *buf, size_t size);

#endif
