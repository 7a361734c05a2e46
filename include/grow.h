/* grow.h: the one way an array grows by doubling (displaylist items, font
 * faces, cached images, export files, diagnostics). */
#ifndef AS_GROW_H
#define AS_GROW_H

#include <stddef.h>

/* as_grow: makes room for element n of the array v, whose capacity is
 * *cap elements of elem bytes.  While n < *cap it returns v untouched;
 * when n == *cap it reallocates to twice *cap (first when *cap is 0) and
 * returns the array, perhaps moved, with *cap updated.  Returns NULL when
 * memory runs out or the new size would overflow: v and *cap are then
 * unchanged and still valid.  The caller stores the returned pointer. */
void *as_grow(void *v, int n, int *cap, size_t elem, int first);

#endif
