/* whole.h: the one parser of whole numbers written by people (command
 * options, counts in files the kiosk keeps): decimal digits only.  No
 * sign, no space, no "0x", no trailing text: "12 " or "+3" is a mistake
 * to report, not a number to guess at.  Leading zeros are allowed. */
#ifndef AS_WHOLE_H
#define AS_WHOLE_H

#include <stddef.h>
#include <stdint.h>

/* whole_parse: the NUL-terminated s as a whole number from 0 to max
 * (max >= 0).  Returns 1 with *out set, or 0 (empty, a character that is
 * not a digit, or more than max; *out untouched). */
int whole_parse(const char *s, int64_t max, int64_t *out);

/* whole_parse_n: the same for the n bytes at s (no NUL needed). */
int whole_parse_n(const char *s, size_t n, int64_t max, int64_t *out);

/* whole_parse_int: whole_parse for an int from min to max (0 <= min <=
 * max).  Returns 1 with *out set, or 0. */
int whole_parse_int(const char *s, int min, int max, int *out);

#endif
