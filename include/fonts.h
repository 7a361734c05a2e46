/* fonts.h: the UI typeface, found through fontconfig and measured with
 * SDL_ttf.  Plain C interface (no SDL types), so layout code and tests can
 * measure text without a window; part of the platform module.
 *
 * Sizes are pixels per em: a font opened at font_px has an em of exactly
 * font_px pixels (SDL_ttf at its default 72 dpi).  Faces are opened per
 * size on first use and kept until fonts_free. */
#ifndef AS_FONTS_H
#define AS_FONTS_H

#include <stddef.h>
#include "status.h"

typedef struct fonts fonts;

/* fonts_new: initialises SDL_ttf (no video needed) and finds "Noto Sans"
 * regular and bold through fontconfig, else "DejaVu Sans".  A missing bold
 * face is replaced by an emboldened regular one.  Fails with AS_EIO ("no
 * usable font: install fonts-noto-core") when neither family is installed
 * or the file cannot be opened, AS_ENOMEM when memory runs out. */
as_status fonts_new(fonts **out, as_err *err);

/* fonts_free: closes every face and releases SDL_ttf.  NULL allowed. */
void fonts_free(fonts *f);

/* fonts_family: the family actually used ("Noto Sans" or "DejaVu Sans"). */
const char *fonts_family(const fonts *f);

/* fonts_text_width: advance width in pixels of the first n bytes of the
 * UTF-8 string s at font_px (bold if bold != 0).  f is a fonts * (void *
 * so it can serve as a measuring callback).  0 for empty text, a
 * font_px <= 0, or a face that cannot be opened. */
int fonts_text_width(void *f, const char *s, size_t n, int font_px, int bold);

/* fonts_line_height: the recommended distance in pixels between the
 * baselines of two lines at font_px (the face's line skip); font_px when
 * the face cannot be opened. */
int fonts_line_height(void *f, int font_px);

/* fonts_cap_height_ratio: the height of a capital letter ('H') divided by
 * the em, measured from the regular face (about 0.71 for Noto Sans), so the
 * UI can choose font_px for a required cap height in millimetres. */
double fonts_cap_height_ratio(const fonts *f);

#endif
