/* tally.c: threshold and quorum decisions in exact integer arithmetic.
 * Products of two 64-bit values are formed as 128-bit (hi, lo) pairs by
 * hand so the code is exact on 32-bit ARM too, where __int128 is missing. */
#include <stdio.h>
#include "tally.h"

typedef struct {
    uint64_t hi, lo;
} u128;

static u128 mul64(uint64_t a, uint64_t b)
{
    uint64_t a_lo = a & 0xffffffffu, a_hi = a >> 32;
    uint64_t b_lo = b & 0xffffffffu, b_hi = b >> 32;
    uint64_t ll = a_lo * b_lo, lh = a_lo * b_hi;
    uint64_t hl = a_hi * b_lo, hh = a_hi * b_hi;
    /* middle column: never overflows (each term < 2^32 after the shift) */
    uint64_t mid = (ll >> 32) + (lh & 0xffffffffu) + (hl & 0xffffffffu);
    u128 r;
    r.lo = (mid << 32) | (ll & 0xffffffffu);
    r.hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
    return r;
}

static u128 add64(u128 a, uint64_t b)
{
    u128 r = {a.hi, a.lo + b};
    if (r.lo < a.lo)
        r.hi++;
    return r;
}

/* cmp128: -1, 0 or 1 as a <, ==, > b. */
static int cmp128(u128 a, u128 b)
{
    if (a.hi != b.hi)
        return a.hi < b.hi ? -1 : 1;
    if (a.lo != b.lo)
        return a.lo < b.lo ? -1 : 1;
    return 0;
}

/* decide: the one rule behind tally_decide and tally_decide_base; the
 * base is yes + no, plus the abstentions when all_ballots is set. */
static tally_outcome decide(const threshold *th, tally_yna c, int all_ballots,
                            int checked_in, int quorum_needed)
{
    tally_outcome o = {0};

    o.quorum_needed = quorum_needed;
    o.quorum_met = quorum_needed <= 0 || checked_in >= quorum_needed;
    if (!th || th->den <= 0 || th->num < 0 || th->num > th->den || c.yes < 0 ||
        c.no < 0 || c.abstain < 0 || c.yes > INT64_MAX - c.no ||
        (all_ballots && c.yes + c.no > INT64_MAX - c.abstain))
        return o; /* valid = 0, passed = 0 */
    o.valid = 1;
    o.base = c.yes + c.no + (all_ballots ? c.abstain : 0);
    o.no_votes = o.base == 0;
    if (!o.no_votes) {
        int cmp = cmp128(mul64((uint64_t)c.yes, (uint64_t)th->den),
                         mul64((uint64_t)th->num, (uint64_t)o.base));
        o.threshold_met = th->strict ? cmp > 0 : cmp >= 0;
    }
    o.passed = o.threshold_met && o.quorum_met;
    return o;
}

tally_outcome tally_decide(const threshold *th, tally_yna c, int checked_in,
                           int quorum_needed)
{
    return decide(th, c, 0, checked_in, quorum_needed);
}

tally_outcome tally_decide_base(const threshold *th, threshold_base base,
                                tally_yna c, int checked_in, int quorum_needed)
{
    return decide(th, c, base == BASE_ALL_BALLOTS, checked_in, quorum_needed);
}

int tally_percent_tenths(int64_t part, int64_t whole)
{
    if (whole <= 0 || part < 0 || part > whole)
        return -1;
    /* The largest t in [0, 1000] with t * 2 * whole <= 2000 * part + whole,
     * i.e. floor((1000 * part + whole / 2) / whole) without any rounding
     * of the half: that is round-half-up of 1000 * part / whole. */
    u128 rhs = add64(mul64(2000u, (uint64_t)part), (uint64_t)whole);
    int lo = 0, hi = 1000;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (cmp128(mul64((uint64_t)mid * 2u, (uint64_t)whole), rhs) <= 0)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

char *tally_format_percent(int64_t part, int64_t whole, char *buf, size_t size)
{
    int t = tally_percent_tenths(part, whole);
    if (!buf || size == 0)
        return buf;
    if (t < 0)
        snprintf(buf, size, "-");
    else
        snprintf(buf, size, "%d.%d%%", t / 10, t % 10);
    return buf;
}

/* floor_tenths: the largest t in [0, 1000] with t * whole <= 1000 * part
 * (0 <= part <= whole, whole > 0), and what is left over, 1000 * part -
 * t * whole, which is below whole and so fits 64 bits: computed in
 * wrapping unsigned arithmetic, exact because the true value is small. */
static int floor_tenths(int64_t part, int64_t whole, uint64_t *left)
{
    u128 rhs = mul64(1000u, (uint64_t)part);
    int lo = 0, hi = 1000;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (cmp128(mul64((uint64_t)mid, (uint64_t)whole), rhs) <= 0)
            lo = mid;
        else
            hi = mid - 1;
    }
    *left = 1000u * (uint64_t)part - (uint64_t)lo * (uint64_t)whole;
    return lo;
}

int tally_shares(const int64_t *parts, int n, int64_t base, int *tenths)
{
    uint64_t left[MEETING_MAX_OPTIONS + 3];
    int64_t sum = 0;
    int given = 0;

    if (!parts || !tenths || n < 1 || n > MEETING_MAX_OPTIONS + 3 || base <= 0)
        return -1;
    for (int i = 0; i < n; i++) {
        if (parts[i] < 0 || parts[i] > base || sum > base - parts[i])
            return -1;
        sum += parts[i];
    }
    if (sum != base) {
        for (int i = 0; i < n; i++)
            tenths[i] = tally_percent_tenths(parts[i], base);
        return 0;
    }
    for (int i = 0; i < n; i++) {
        tenths[i] = floor_tenths(parts[i], base, &left[i]);
        given += tenths[i];
    }
    /* Largest remainder: the tenths still missing go, one each, to the
     * parts that lost most to the floor (the earlier part on a tie), so
     * the shares of a whole add up to exactly 100.0%. */
    while (given < 1000) {
        int best = -1;
        for (int i = 0; i < n; i++)
            if (left[i] > 0 && (best < 0 || left[i] > left[best]))
                best = i;
        if (best < 0)
            break;
        tenths[best]++;
        left[best] = 0;
        given++;
    }
    return 0;
}
