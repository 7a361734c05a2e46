/* grow.c: doubling an array's capacity (grow.h).  One copy, so the
 * overflow check is written once rather than forgotten in a fifth place. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include "grow.h"

void *as_grow(void *v, int n, int *cap, size_t elem, int first)
{
    if (n < *cap)
        return v;
    if (*cap > INT_MAX / 2 || first <= 0 || elem == 0)
        return NULL;
    int ncap = *cap ? *cap * 2 : first;
    if ((size_t)ncap > SIZE_MAX / elem)
        return NULL;
    void *nv = realloc(v, (size_t)ncap * elem);
    if (!nv)
        return NULL;
    *cap = ncap;
    return nv;
}
