/* whole.c: whole numbers written by people (whole.h). */
#include <string.h>
#include "whole.h"

int whole_parse_n(const char *s, size_t n, int64_t max, int64_t *out)
{
    int64_t v = 0;

    if (n == 0 || max < 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        int d = s[i] - '0';
        if (d < 0 || d > 9)
            return 0;
        /* v * 10 + d > max, asked without overflowing */
        if (d > max || v > (max - d) / 10)
            return 0;
        v = v * 10 + d;
    }
    *out = v;
    return 1;
}

int whole_parse(const char *s, int64_t max, int64_t *out)
{
    return s ? whole_parse_n(s, strlen(s), max, out) : 0;
}

int whole_parse_int(const char *s, int min, int max, int *out)
{
    int64_t v;

    if (min < 0 || max < min || !whole_parse(s, max, &v) || v < min)
        return 0;
    *out = (int)v;
    return 1;
}
