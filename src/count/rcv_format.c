/* rcv_format.c: scaled integers as decimal text. */
#include <stdio.h>
#include <string.h>
#include "rcv.h"

char *rcv_format_scaled(int64_t v, int decimals, char *buf, size_t size)
{
    uint64_t scale = 1, mag;
    if (!buf || size == 0)
        return buf;
    if (decimals < 0)
        decimals = 0;
    if (decimals > 18)
        decimals = 18;
    for (int i = 0; i < decimals; i++)
        scale *= 10;
    /* the magnitude of INT64_MIN does not fit an int64 */
    mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    uint64_t whole = mag / scale, frac = mag % scale;
    char fbuf[24] = "";
    if (frac) {
        snprintf(fbuf, sizeof fbuf, ".%0*llu", decimals, (unsigned long long)frac);
        size_t n = strlen(fbuf);
        while (n > 1 && fbuf[n - 1] == '0')
            fbuf[--n] = '\0';
    }
    snprintf(buf, size, "%s%llu%s", v < 0 ? "-" : "", (unsigned long long)whole, fbuf);
    return buf;
}
