/* token.c: badge tokens (see token.h for the format).
 *
 * The check symbol lives in GF(32) built from x^5 + x^2 + 1.  With alpha = x
 * (a primitive element: its order is 31), the data symbol at position i
 * (0-based) gets the weight alpha^(i+1).  The 17 data weights and the
 * implicit weight 1 of the check symbol itself are all distinct, so a
 * single substitution anywhere and a swap of two different neighbours
 * anywhere (the check symbol included) always change the syndrome. */
#include <string.h>
#include <sodium.h>
#include "token.h"

static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* Longest input we even look at: a token with a separator between every
 * symbol and some slack.  Anything longer is not a badge scan. */
#define TOKEN_INPUT_MAX 64

/* gf_mul: multiplication in GF(2^5) modulo x^5 + x^2 + 1. */
static unsigned gf_mul(unsigned a, unsigned b)
{
    unsigned r = 0;
    while (b) {
        if (b & 1)
            r ^= a;
        b >>= 1;
        a <<= 1;
        if (a & 0x20)
            a ^= 0x25;
    }
    return r & 31;
}

static unsigned check_symbol(const unsigned char v[TOKEN_DATA_SYMBOLS])
{
    unsigned sum = 0, w = 1;
    for (int i = 0; i < TOKEN_DATA_SYMBOLS; i++) {
        w = gf_mul(w, 2); /* alpha^(i+1) */
        sum ^= gf_mul(w, v[i]);
    }
    return sum;
}

static void format_groups(const unsigned char v[TOKEN_SYMBOLS],
                          char out[TOKEN_TEXT_SIZE])
{
    int o = 0;
    for (int i = 0; i < TOKEN_SYMBOLS; i++) {
        if (i == 6 || i == 12)
            out[o++] = '-';
        out[o++] = alphabet[v[i]];
    }
    out[o] = '\0';
}

/* symbol_value: the 0..31 value of a typed character (after upper-casing
 * and Crockford's aliases), or -1 when it is not in the alphabet. */
static int symbol_value(unsigned char c)
{
    if (c >= 'a' && c <= 'z')
        c = (unsigned char)(c - 'a' + 'A');
    if (c == 'I' || c == 'L')
        c = '1';
    else if (c == 'O')
        c = '0';
    if (c == '\0')
        return -1;
    const char *p = strchr(alphabet, c);
    return p ? (int)(p - alphabet) : -1;
}

void token_new(char out[TOKEN_TEXT_SIZE])
{
    unsigned char v[TOKEN_SYMBOLS];
    /* 256 is a multiple of 32, so masking keeps each symbol uniform. */
    randombytes_buf(v, TOKEN_DATA_SYMBOLS);
    for (int i = 0; i < TOKEN_DATA_SYMBOLS; i++)
        v[i] &= 31;
    v[TOKEN_DATA_SYMBOLS] = (unsigned char)check_symbol(v);
    format_groups(v, out);
    sodium_memzero(v, sizeof v);
}

as_status token_normalize(const char *in, size_t len, char out[TOKEN_TEXT_SIZE])
{
    unsigned char v[TOKEN_SYMBOLS];
    int n = 0;
    as_status st = AS_EINVAL;

    out[0] = '\0';
    if (!in || len == 0 || len > TOKEN_INPUT_MAX)
        return AS_EINVAL;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)in[i];
        if (c == ' ' || c == '-' || c == '\t' || c == '\r' || c == '\n')
            continue;
        int s = symbol_value(c);
        if (s < 0 || n == TOKEN_SYMBOLS)
            goto done;
        v[n++] = (unsigned char)s;
    }
    if (n != TOKEN_SYMBOLS)
        goto done;
    if (check_symbol(v) != v[TOKEN_DATA_SYMBOLS]) {
        st = AS_ECORRUPT;
        goto done;
    }
    format_groups(v, out);
    st = AS_OK;
done:
    sodium_memzero(v, sizeof v);
    return st;
}

void token_hash(const uint8_t key[TOKEN_KEY_SIZE], const char *token,
                uint8_t out[TOKEN_HASH_SIZE])
{
    crypto_generichash(out, TOKEN_HASH_SIZE, (const unsigned char *)token,
                       strlen(token), key, TOKEN_KEY_SIZE);
}
