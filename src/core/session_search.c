/* session_search.c: finding a roster name from what a facilitator types
 * on the desk's A-Z keyboard: case and accents ignored, words in any
 * order, each typed word the start of a word of the name.  The folding
 * is a table over Latin-1 and Latin Extended-A (U+00C0..U+017F), which
 * covers the names of the assemblies this is for; other scripts are kept
 * as they are (they cannot be typed on an A-Z keyboard anyway). */
#include <string.h>
#include "session_internal.h"

/* Base letters of U+00C0..U+00FF and U+0100..U+017F; '\0' where the
 * character is not a letter (x and division signs).  Thorn and eth fold
 * to the letter that starts their usual spelling. */
static const char latin1[64 + 1] =
    "aaaaaaaceeeeiiii" "dnooooo\0ouuuuyts"
    "aaaaaaaceeeeiiii" "dnooooo\0ouuuuyty";
static const char latin_ext_a[128 + 1] =
    "aaaaaacccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii" "ii"
    "jj" "kkk" "llllllllll" "nnnnnnnnn" "oooooo" "oo" "rrrrrr" "ssssssss"
    "tttttt" "uuuuuuuuuuuu" "ww" "yyy" "zzzzzz" "s";

void session_fold(const char *in, char *out, size_t size)
{
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)in;

    if (!size)
        return;
    while (*p && n + 1 < size) {
        unsigned c = *p;
        char f = 0;
        size_t len = 1;
        if (c == 0xE2 && p[1] == 0x80 && p[2] == 0x99) {
            p += 3; /* a typographic apostrophe, as in O’Brien */
            continue;
        }
        if (c >= 0xC3 && c <= 0xC5 && (p[1] & 0xC0) == 0x80) {
            unsigned cp = ((c & 0x1Fu) << 6) | (p[1] & 0x3Fu);
            len = 2;
            if (cp >= 0xC0 && cp <= 0xFF)
                f = latin1[cp - 0xC0];
            else if (cp >= 0x100 && cp <= 0x17F)
                f = latin_ext_a[cp - 0x100];
            if (!f)
                f = ' ';
        } else if (c < 0x80) {
            if (c >= 'A' && c <= 'Z')
                f = (char)(c - 'A' + 'a');
            else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
                f = (char)c;
            else if (c == '\'') {
                p++; /* O'Brien -> obrien */
                continue;
            } else
                f = ' ';
        } else {
            /* Another script, or broken UTF-8: copied byte by byte. */
            f = (char)c;
        }
        out[n++] = f;
        p += len;
    }
    out[n] = '\0';
}

/* word_start: 1 if w (length n) starts some word of name. */
static int word_start(const char *name, const char *w, size_t n)
{
    for (const char *p = name; *p; p++)
        if ((p == name || p[-1] == ' ') && !strncmp(p, w, n))
            return 1;
    return 0;
}

int session_name_matches(const char *name, const char *query)
{
    int words = 0;
    const char *q = query;

    for (;;) {
        while (*q == ' ')
            q++;
        if (!*q)
            break;
        size_t n = strcspn(q, " ");
        if (!word_start(name, q, n))
            return 0;
        words++;
        q += n;
    }
    return words > 0;
}
