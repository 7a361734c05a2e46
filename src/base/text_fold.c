/* text_fold.c: one accent folding (include/text_fold.h).  Before this
 * there were three tables with different coverage: the desk's name
 * search knew Latin Extended-A ("Łukasiewicz"), while the attendance
 * list's sorting and the badge file names knew only Latin-1, so the
 * same name sorted, matched and was filed differently. */
#include "text_fold.h"

/* Base letters of U+00C0..U+00FF; '\0' for the two signs (x, division).
 * Eth and thorn fold to the letter that starts their usual spelling. */
static const char latin1[64 + 1] =
    "aaaaaaaceeeeiiii" "dnooooo\0ouuuuyts"
    "aaaaaaaceeeeiiii" "dnooooo\0ouuuuyty";

/* Base letters of U+0100..U+017F, in pairs of capital and small letter
 * where the block has them. */
static const char latin_ext_a[128 + 1] =
    "aaaaaacccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii" "ii"
    "jj" "kkk" "llllllllll" "nnnnnnnnn" "oooooo" "oo" "rrrrrr" "ssssssss"
    "tttttt" "uuuuuuuuuuuu" "ww" "yyy" "zzzzzz" "s";

int text_fold_next(const unsigned char **p)
{
    const unsigned char *s = *p;
    unsigned c = s[0];

    if (c < 0x80) {
        *p = s + 1;
        if (c >= 'A' && c <= 'Z')
            return (int)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            return (int)c;
        return 0;
    }
    if (c >= 0xC3 && c <= 0xC5 && (s[1] & 0xC0) == 0x80) {
        unsigned cp = ((c & 0x1Fu) << 6) | (s[1] & 0x3Fu);
        *p = s + 2;
        if (cp >= 0xC0 && cp <= 0xFF)
            return latin1[cp - 0xC0];
        if (cp >= 0x100 && cp <= 0x17F)
            return latin_ext_a[cp - 0x100];
        return 0; /* U+00C0..U+00FF above; C3 cannot give less */
    }
    /* Another block, or broken UTF-8: skip one whole sequence (a lead
     * byte and its continuation bytes), or one stray byte. */
    s++;
    if (c >= 0xC0)
        while ((*s & 0xC0) == 0x80)
            s++;
    *p = s;
    return -1;
}
