/* rcv_tiebreak.c: deciding between candidates with equal votes.
 *
 * list order: the tied candidate listed last loses (listed first wins).
 * random: RCTab's draw: the tied names sorted, one java.util.Random
 *   nextDouble per draw (seeded once per count), index floor(x * n).
 * previous round: look back one round at a time, most recent first, and
 *   keep only the tied candidates with the fewest (choosing a loser) or
 *   most (choosing a winner) votes there, until one is left; if the first
 *   round is passed with several left, draw among them.  RCTab builds the
 *   list it draws from through a java.util.HashSet after comparing rounds,
 *   so its order is the HashSet's iteration order (String.hashCode
 *   buckets); that order is reproduced, because the draw's result depends
 *   on it.  The Scottish rule (most recent earlier stage at which the
 *   tied candidates had unequal votes, then lot) is the same narrowing;
 *   its lot uses the same draw among the sorted names. */
#include <stdlib.h>
#include <string.h>
#include "rcv_internal.h"

void rcv_tie_init(rcv_tie *t, const rcv_ballots *b, const rcv_options *o)
{
    memset(t, 0, sizeof *t);
    t->b = b;
    t->o = o;
}

/* Java's String.hashCode over the name's UTF-16 code units. */
static uint32_t java_hash(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    uint32_t h = 0;
    while (*p) {
        uint32_t cp;
        int len;
        if (*p < 0x80) {
            cp = *p;
            len = 1;
        } else if ((*p & 0xE0) == 0xC0 && p[1]) {
            cp = ((uint32_t)(*p & 0x1F) << 6) | (p[1] & 0x3F);
            len = 2;
        } else if ((*p & 0xF0) == 0xE0 && p[1] && p[2]) {
            cp = ((uint32_t)(*p & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) |
                 (p[2] & 0x3F);
            len = 3;
        } else if ((*p & 0xF8) == 0xF0 && p[1] && p[2] && p[3]) {
            cp = ((uint32_t)(*p & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
                 ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
            len = 4;
        } else {
            cp = 0xFFFD;
            len = 1;
        }
        if (cp >= 0x10000) {
            cp -= 0x10000;
            h = h * 31 + (0xD800 + (cp >> 10));
            h = h * 31 + (0xDC00 + (cp & 0x3FF));
        } else {
            h = h * 31 + cp;
        }
        p += len;
    }
    return h;
}

/* Reorders list[0..n) into java.util.HashSet iteration order (a set built
 * from the list in its current order). */
static void hashset_order(const rcv_ballots *b, int *list, int n, int *tmp)
{
    int want = (int)((float)n / 0.75f) + 1;
    uint32_t cap = 1;
    if (want < 16)
        want = 16;
    while (cap < (uint32_t)want)
        cap <<= 1;
    int k = 0;
    for (uint32_t bucket = 0; bucket < cap && k < n; bucket++) {
        for (int i = 0; i < n; i++) {
            uint32_t h = java_hash(b->cand[list[i]]);
            if (((h ^ (h >> 16)) & (cap - 1)) == bucket)
                tmp[k++] = list[i];
        }
    }
    memcpy(list, tmp, (size_t)n * sizeof *list);
}

static void sort_names(const rcv_ballots *b, int *list, int n)
{
    /* insertion sort: tied lists are short */
    for (int i = 1; i < n; i++) {
        int v = list[i], j = i - 1;
        while (j >= 0 && strcmp(b->cand[list[j]], b->cand[v]) > 0) {
            list[j + 1] = list[j];
            j--;
        }
        list[j + 1] = v;
    }
}

static int draw(rcv_tie *t, const int *list, int n)
{
    if (!t->rng_ready) {
        rcv_jrandom_init(&t->rng, t->o->seed);
        t->rng_ready = 1;
    }
    return list[rcv_jrandom_index(&t->rng, n)];
}

int rcv_tie_pick(rcv_tie *t, const rcv_result *res, int upto, int *tied,
                 int n, int want_high, int *drawn)
{
    if (n <= 1)
        return n == 1 ? tied[0] : -1;
    const rcv_ballots *b = t->b;
    if (t->o->tiebreak == RCV_TIE_LIST_ORDER) {
        int best = tied[0];
        for (int i = 1; i < n; i++)
            if (want_high ? tied[i] < best : tied[i] > best)
                best = tied[i];
        return best;
    }
    int *list = malloc(2 * (size_t)n * sizeof *list);
    if (!list) {
        /* no memory for the list: fall back to list order, still
         * reproducible */
        int best = tied[0];
        for (int i = 1; i < n; i++)
            if (want_high ? tied[i] < best : tied[i] > best)
                best = tied[i];
        return best;
    }
    int *tmp = list + n;
    memcpy(list, tied, (size_t)n * sizeof *list);
    sort_names(b, list, n);
    int m = n, pick = -1;
    int scottish = t->o->method == RCV_STV && t->o->rule == RCV_RULE_SCOTTISH;
    if (t->o->tiebreak == RCV_TIE_PREVIOUS_ROUND) {
        for (int k = upto - 1; k >= 0 && m > 1; k--) {
            const int64_t *v = res->rounds[k].votes;
            if (!scottish)
                hashset_order(b, list, m, tmp);
            int64_t ext = v[list[0]];
            for (int i = 1; i < m; i++)
                if (want_high ? v[list[i]] > ext : v[list[i]] < ext)
                    ext = v[list[i]];
            int j = 0;
            for (int i = 0; i < m; i++)
                if (v[list[i]] == ext)
                    list[j++] = list[i];
            m = j;
        }
        if (m == 1)
            pick = list[0];
    }
    if (pick < 0) {
        pick = draw(t, list, m);
        if (drawn)
            *drawn = 1;
    }
    free(list);
    return pick;
}
