/* fonts.c: fontconfig finds the files, SDL_ttf opens them per size. */
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "platform_internal.h"
#include "grow.h"

typedef struct {
    int px, bold;
    TTF_Font *face;
} face_slot;

struct fonts {
    char family[64];
    char *file[2];   /* regular, bold (NULL: embolden the regular face) */
    int index[2];    /* face index within a collection file */
    face_slot *faces;
    int n, cap;
    double cap_ratio;
};

/* fc_has_family: whether the matched pattern really is the family asked
 * for; fontconfig always answers with *some* font. */
static int fc_has_family(FcPattern *m, const char *family)
{
    FcChar8 *s;
    for (int i = 0; FcPatternGetString(m, FC_FAMILY, i, &s) == FcResultMatch; i++)
        if (strcmp((const char *)s, family) == 0)
            return 1;
    return 0;
}

/* fc_find: the file of family at weight, or NULL.  With need_bold, a
 * regular face offered for a bold request is refused. */
static char *fc_find(const char *family, int weight, int need_bold, int *index)
{
    char *path = NULL;
    FcPattern *pat = FcPatternCreate(), *m = NULL;
    FcResult res;
    if (!pat)
        return NULL;
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    FcPatternAddInteger(pat, FC_WEIGHT, weight);
    FcPatternAddInteger(pat, FC_SLANT, FC_SLANT_ROMAN);
    FcPatternAddBool(pat, FC_SCALABLE, FcTrue);
    if (!FcConfigSubstitute(NULL, pat, FcMatchPattern))
        goto done;
    FcDefaultSubstitute(pat);
    m = FcFontMatch(NULL, pat, &res);
    if (!m || res != FcResultMatch || !fc_has_family(m, family))
        goto done;
    int w = 0, slant = 0;
    if (FcPatternGetInteger(m, FC_SLANT, 0, &slant) == FcResultMatch &&
        slant != FC_SLANT_ROMAN)
        goto done;
    if (need_bold && (FcPatternGetInteger(m, FC_WEIGHT, 0, &w) != FcResultMatch ||
                      w < FC_WEIGHT_DEMIBOLD))
        goto done;
    FcChar8 *file;
    if (FcPatternGetString(m, FC_FILE, 0, &file) != FcResultMatch)
        goto done;
    if (FcPatternGetInteger(m, FC_INDEX, 0, index) != FcResultMatch)
        *index = 0;
    path = strdup((const char *)file);
done:
    if (m)
        FcPatternDestroy(m);
    FcPatternDestroy(pat);
    return path;
}

static TTF_Font *open_face(const fonts *f, int px, int bold)
{
    int which = bold && f->file[1] ? 1 : 0;
    TTF_Font *face = TTF_OpenFontIndex(f->file[which], px, f->index[which]);
    if (!face)
        return NULL;
    if (bold && !f->file[1])
        TTF_SetFontStyle(face, TTF_STYLE_BOLD);
    /* Light hinting keeps widths stable across sizes while staying crisp. */
    TTF_SetFontHinting(face, TTF_HINTING_LIGHT);
    return face;
}

TTF_Font *fonts_face(fonts *f, int font_px, int bold)
{
    bold = bold != 0;
    if (!f || font_px <= 0)
        return NULL;
    for (int i = 0; i < f->n; i++)
        if (f->faces[i].px == font_px && f->faces[i].bold == bold)
            return f->faces[i].face;
    face_slot *s = as_grow(f->faces, f->n, &f->cap, sizeof *f->faces, 8);
    if (!s)
        return NULL;
    f->faces = s;
    TTF_Font *face = open_face(f, font_px, bold);
    if (!face)
        return NULL;
    f->faces[f->n++] = (face_slot){font_px, bold, face};
    return face;
}

/* measure_cap_ratio: the top of 'H' above the baseline at a large size,
 * where rounding to whole pixels costs under 0.1%. */
static double measure_cap_ratio(const fonts *f)
{
    enum { BIG = 1000 };
    int minx, maxx, miny, maxy, adv;
    double ratio = 0.0;
    TTF_Font *face = open_face(f, BIG, 0);
    if (!face)
        return 0.0;
    TTF_SetFontHinting(face, TTF_HINTING_NONE);
    if (TTF_GlyphMetrics32(face, 'H', &minx, &maxx, &miny, &maxy, &adv) == 0)
        ratio = (double)maxy / BIG;
    TTF_CloseFont(face);
    return ratio;
}

as_status fonts_new(fonts **out, as_err *err)
{
    static const char *const families[] = {"Noto Sans", "DejaVu Sans"};
    as_status st;
    fonts *f;

    *out = NULL;
    if (TTF_Init() != 0)
        return as_err_set(err, AS_EIO, "fonts: cannot start SDL_ttf: %s",
                          TTF_GetError());
    f = calloc(1, sizeof *f);
    if (!f) {
        TTF_Quit();
        return as_err_set(err, AS_ENOMEM, "fonts: out of memory");
    }
    if (!FcInit()) {
        st = as_err_set(err, AS_EIO, "fonts: fontconfig failed to start; "
                        "check /etc/fonts (install fontconfig-config)");
        goto fail;
    }
    for (size_t i = 0; i < sizeof families / sizeof families[0] && !f->file[0]; i++) {
        f->file[0] = fc_find(families[i], FC_WEIGHT_REGULAR, 0, &f->index[0]);
        if (!f->file[0])
            continue;
        f->file[1] = fc_find(families[i], FC_WEIGHT_BOLD, 1, &f->index[1]);
        snprintf(f->family, sizeof f->family, "%s", families[i]);
    }
    if (!f->file[0]) {
        st = as_err_set(err, AS_EIO, "no usable font: install fonts-noto-core "
                        "(or fonts-dejavu-core)");
        goto fail;
    }
    f->cap_ratio = measure_cap_ratio(f);
    if (f->cap_ratio <= 0.0) {
        st = as_err_set(err, AS_EIO, "no usable font: cannot open %s: %s; "
                        "reinstall fonts-noto-core", f->file[0], TTF_GetError());
        goto fail;
    }
    *out = f;
    return AS_OK;
fail:
    fonts_free(f);
    return st;
}

void fonts_free(fonts *f)
{
    if (!f)
        return;
    for (int i = 0; i < f->n; i++)
        TTF_CloseFont(f->faces[i].face);
    free(f->faces);
    free(f->file[0]);
    free(f->file[1]);
    free(f);
    TTF_Quit();
}

const char *fonts_family(const fonts *f)
{
    return f->family;
}

int fonts_text_width(void *fp, const char *s, size_t n, int font_px, int bold)
{
    char small[256];
    int w = 0;
    if (!s || n == 0)
        return 0;
    TTF_Font *face = fonts_face(fp, font_px, bold);
    if (!face)
        return 0;
    char *buf = n < sizeof small ? small : malloc(n + 1);
    if (!buf)
        return 0;
    memcpy(buf, s, n);
    buf[n] = '\0';
    if (TTF_SizeUTF8(face, buf, &w, NULL) != 0)
        w = 0;
    if (buf != small)
        free(buf);
    return w;
}

int fonts_line_height(void *fp, int font_px)
{
    TTF_Font *face = fonts_face(fp, font_px, 0);
    return face ? TTF_FontLineSkip(face) : font_px;
}

double fonts_cap_height_ratio(const fonts *f)
{
    return f->cap_ratio;
}
