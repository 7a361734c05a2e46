/* print_name.c: file names from people's names, safe on any USB stick
 * (FAT is case-insensitive and refuses many characters) and in a mail. */
#include <string.h>
#include "print_internal.h"

/* Base letter for a two-byte UTF-8 Latin-1 letter (U+00C0..U+00FF), or 0. */
static char fold_latin1(unsigned cp)
{
    static const char map[] =
        "aaaaaaaceeeeiiii" /* C0..CF */
        "dnooooo-ouuuuyts" /* D0..DF (D7 x, DE thorn, DF sharp s) */
        "aaaaaaaceeeeiiii" /* E0..EF */
        "dnooooo-ouuuuyty"; /* F0..FF */
    if (cp < 0xC0 || cp > 0xFF)
        return 0;
    char c = map[cp - 0xC0];
    return c == '-' ? 0 : c;
}

void print_file_name(const char *name, char out[PRINT_NAME_MAX])
{
    const unsigned char *s = (const unsigned char *)(name ? name : "");
    size_t n = 0;
    int dash = 0;

    while (*s && n < PRINT_NAME_MAX - 1) {
        char c = 0;
        if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')) {
            c = (char)*s++;
        } else if (*s >= 'A' && *s <= 'Z') {
            c = (char)(*s++ - 'A' + 'a');
        } else if (*s == 0xC3 && s[1] >= 0x80 && s[1] <= 0xBF) {
            c = fold_latin1(0xC0u + (s[1] - 0x80u));
            s += 2;
        } else if (*s >= 0x80) {
            /* Skip one whole UTF-8 sequence (or one stray byte). */
            s++;
            while ((*s & 0xC0) == 0x80)
                s++;
        } else {
            s++;
        }
        if (c) {
            if (dash && n > 0) {
                if (n + 2 > PRINT_NAME_MAX - 1)
                    break;
                out[n++] = '-';
            }
            dash = 0;
            out[n++] = c;
        } else {
            dash = 1;
        }
    }
    out[n] = '\0';
    if (n == 0)
        strcpy(out, "badge");
}
