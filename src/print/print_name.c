/* print_name.c: file names from people's names, safe on any USB stick
 * (FAT is case-insensitive and refuses many characters) and in a mail. */
#include <string.h>
#include "print_internal.h"
#include "text_fold.h"

void print_file_name(const char *name, char out[PRINT_NAME_MAX])
{
    const unsigned char *s = (const unsigned char *)(name ? name : "");
    size_t n = 0;
    int dash = 0;

    while (*s && n < PRINT_NAME_MAX - 1) {
        /* Letters and digits (accents folded, text_fold.h) are kept;
         * anything else separates words with one dash. */
        int f = text_fold_next(&s);
        char c = f > 0 ? (char)f : 0;
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
