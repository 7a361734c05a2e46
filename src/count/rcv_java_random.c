/* rcv_java_random.c: java.util.Random's nextDouble, as RCTab draws ties,
 * in integers only.  Java: seed = (s ^ 0x5DEECE66D) mod 2^48; next(bits)
 * steps the 48-bit LCG (multiplier 0x5DEECE66D, increment 0xB) and returns
 * the top bits; nextDouble = ((next(26) << 27) + next(27)) / 2^53.  RCTab
 * then takes (int)floor(nextDouble * n) in doubles; that product is
 * rounded to 53 significant bits, which is reproduced here exactly. */
#include "rcv_internal.h"

#define JR_MULT 0x5DEECE66Dull
#define JR_MASK ((1ull << 48) - 1)

void rcv_jrandom_init(rcv_jrandom *r, uint64_t seed)
{
    r->seed = (seed ^ JR_MULT) & JR_MASK;
}

static uint64_t jr_next(rcv_jrandom *r, int bits)
{
    r->seed = (r->seed * JR_MULT + 0xBull) & JR_MASK;
    return r->seed >> (48 - bits);
}

int rcv_jrandom_index(rcv_jrandom *r, int n)
{
    uint64_t hi = jr_next(r, 26), lo = jr_next(r, 27);
    uint64_t m = (hi << 27) + lo; /* nextDouble = m / 2^53 */
    if (n <= 1)
        return 0;
    __extension__ typedef unsigned __int128 u128;
    u128 p = (u128)m * (uint64_t)n;
    /* round p to 53 significant bits, ties to even, as the double
     * multiplication does */
    int bitlen = 0;
    for (u128 q = p; q; q >>= 1)
        bitlen++;
    if (bitlen > 53) {
        int sh = bitlen - 53;
        u128 unit = (u128)1 << sh, rem = p & (unit - 1), half = unit >> 1;
        p -= rem;
        if (rem > half || (rem == half && (p & unit)))
            p += unit;
    }
    int idx = (int)(p >> 53);
    return idx >= n ? n - 1 : idx;
}
