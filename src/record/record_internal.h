/* record_internal.h: shared between the record's source files only. */
#ifndef AS_RECORD_INTERNAL_H
#define AS_RECORD_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* record_base32_groups: Crockford base32 of nbytes bytes (a multiple of
 * 5, so every bit is used) in dash-separated groups of four symbols. */
void record_base32_groups(const uint8_t *b, size_t nbytes, char *out);

#endif
