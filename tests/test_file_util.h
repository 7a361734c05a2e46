/* test_file_util.h: reading a whole file in tests (one copy instead of
 * one per test file). */
#ifndef AS_TEST_FILE_UTIL_H
#define AS_TEST_FILE_UTIL_H

#include <stdio.h>
#include <stdlib.h>

/* tf_slurp: the whole file at path, malloc'd and NUL-terminated (the
 * caller frees it); *len (may be NULL) gets its size.  NULL if the file
 * cannot be opened or memory runs out.  Reads in blocks, so it works for
 * files whose size is not known in advance too. */
static inline char *tf_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0, cap = 0;
    if (!f)
        return NULL;
    for (;;) {
        if (n + 4096 + 1 > cap) {
            cap = cap ? cap * 2 : 8192;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        size_t r = fread(buf + n, 1, 4096, f);
        n += r;
        if (r == 0)
            break;
    }
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

#endif
