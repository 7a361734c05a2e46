/* fuzz_scanner.h: what the scanner harness and its stubs share. */
#ifndef AS_FUZZ_SCANNER_H
#define AS_FUZZ_SCANNER_H

#include <stddef.h>

/* How many scans the keyboard-wedge collector has handed to the
 * (stubbed) session so far. */
extern size_t fuzz_scans;

/* fuzz_check_token: runs token_normalize on text as the session would and
 * aborts if its result breaks token.h. */
void fuzz_check_token(const char *text, size_t len);

#endif
