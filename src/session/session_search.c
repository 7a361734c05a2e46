/* session_search.c: finding a roster name from what a facilitator types
 * on the desk's A-Z keyboard: case and accents ignored, words in any
 * order, each typed word the start of a word of the name.  The folding
 * is the program's one (text_fold.h: Latin-1 and Latin Extended-A);
 * other scripts are kept as they are (they cannot be typed on an A-Z
 * keyboard anyway). */
#include <string.h>
#include "session_internal.h"
#include "text_fold.h"

void session_fold(const char *in, char *out, size_t size)
{
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)in;

    if (!size)
        return;
    while (*p && n + 1 < size) {
        const unsigned char *start = p;
        int f;
        if (p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x99) {
            p += 3; /* a typographic apostrophe, as in O’Brien */
            continue;
        }
        if (p[0] == '\'') {
            p++; /* O'Brien -> obrien */
            continue;
        }
        f = text_fold_next(&p);
        if (f > 0)
            out[n++] = (char)f;
        else if (f == 0)
            out[n++] = ' ';
        else /* another script, or broken UTF-8: copied as it is */
            for (; start < p && n + 1 < size; start++)
                out[n++] = (char)*start;
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
