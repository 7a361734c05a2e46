/* token.h: badge tokens.
 *
 * A token is 85 random bits from libsodium written as 17 Crockford base32
 * symbols, followed by one check symbol, shown in three groups of six:
 * "7KQ2-..." style, e.g. "K3M9TB-ZQ4W7N-H2X8RJ".  Only 0-9, A-Z (minus
 * I, L, O, U) and '-' appear, so a QR code can use alphanumeric mode and a
 * keyboard-wedge scanner types nothing layout-dependent beyond letters.
 *
 * The check symbol is sum(w_i * v_i) over GF(32) with distinct non-zero
 * weights w_i = alpha^(i+1): any single wrong symbol changes the sum by
 * w_i * e != 0, and swapping neighbours a,b changes it by
 * (a - b)(w_i - w_{i+1}) != 0.  So both are always caught.
 *
 * The kiosk never stores a token: it stores token_hash(key, token). */
#ifndef AS_TOKEN_H
#define AS_TOKEN_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"

#define TOKEN_DATA_SYMBOLS 17
#define TOKEN_SYMBOLS (TOKEN_DATA_SYMBOLS + 1)  /* with the check symbol */
#define TOKEN_TEXT_LEN (TOKEN_SYMBOLS + 2)      /* with two dashes */
#define TOKEN_TEXT_SIZE (TOKEN_TEXT_LEN + 1)    /* with the NUL */
#define TOKEN_HASH_SIZE 32
#define TOKEN_KEY_SIZE 32

/* token_new: writes a fresh random token, grouped with dashes and
 * NUL-terminated, into out (TOKEN_TEXT_SIZE bytes).  Needs sodium_init()
 * to have succeeded; cannot fail otherwise. */
void token_new(char out[TOKEN_TEXT_SIZE]);

/* token_normalize: turns what a scanner or a person typed into the
 * canonical grouped form.  Accepts lower case, spaces, dashes anywhere and
 * Crockford's aliases (I,L -> 1; O -> 0).  Returns
 *   AS_OK      and the canonical token in out;
 *   AS_EINVAL  if it is not a token at all (wrong length, a symbol outside
 *              the alphabet, too long: garbage, URLs, product barcodes);
 *   AS_ECORRUPT if it has the right shape but the check symbol is wrong
 *              (a misread or mistyped badge).
 * out is left as an empty string on failure.  Never reads past len. */
as_status token_normalize(const char *in, size_t len, char out[TOKEN_TEXT_SIZE]);

/* token_hash: keyed BLAKE2b (libsodium crypto_generichash) of the canonical
 * token under the data directory's secret key.  token must be canonical. */
void token_hash(const uint8_t key[TOKEN_KEY_SIZE], const char *token,
                uint8_t out[TOKEN_HASH_SIZE]);

#endif
