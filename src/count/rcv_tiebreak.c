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
 *   its lot uses the same draw among the sorted names.
 *
 * Cost.  Done literally (rcv_tie_pick_scan), the previous-round rule reads
 * every earlier round for every tied candidate and rebuilds the HashSet
 * at each: with every candidate tied in every round that is O(n^4) over a
 * count (1,024 candidates took minutes).  rcv_tie_pick computes the same
 * pick from what differs: it records, once per round, the candidates
 * whose votes changed from the round before; a round in which no tied
 * candidate's votes changed cannot narrow the tied set, so the look-back
 * jumps from one change to the next (a max-heap of each candidate's latest
 * change).  The HashSet orders only matter through the sizes the set had
 * (each size gives a bucket count), and stable re-sorts by bucket compose
 * into one order by (bucket at the last size, ..., bucket at the first,
 * name); of that order only the drawn place is needed, so it is selected
 * (O(n)), not sorted.  rcv_tie_pick_scan stays as the statement the fast
 * pick must agree with on every input (tests/test_bounds_count.c). */
#include <stdlib.h>
#include <string.h>
#include "rcv_internal.h"

void rcv_tie_init(rcv_tie *t, const rcv_ballots *b, const rcv_options *o)
{
    memset(t, 0, sizeof *t);
    t->b = b;
    t->o = o;
}

void rcv_tie_free(rcv_tie *t)
{
    if (t->chg)
        for (int c = 0; c < t->b->ncand; c++)
            free(t->chg[c]);
    free(t->chg);
    free(t->nchg);
    free(t->capchg);
    free(t->pos);
    free(t->stamp);
    free(t->name_rank);
    free(t->spread);
    free(t->list);
    free(t->keys);
    free(t->heap);
    t->chg = NULL;
    t->nchg = t->capchg = t->pos = t->name_rank = t->list = NULL;
    t->stamp = t->spread = NULL;
    t->keys = NULL;
    t->heap = NULL;
    t->state = 0;
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

/* The bucket count of a java.util.HashSet built from a collection of n
 * (HashSet(Collection): max(n / .75f + 1, 16), rounded up to a power of
 * two by HashMap). */
static uint32_t hashset_cap(int n)
{
    int want = (int)((float)n / 0.75f) + 1;
    uint32_t cap = 1;
    if (want < 16)
        want = 16;
    while (cap < (uint32_t)want)
        cap <<= 1;
    return cap;
}

/* Reorders list[0..n) into java.util.HashSet iteration order (a set built
 * from the list in its current order). */
static void hashset_order(const rcv_ballots *b, int *list, int n, int *tmp)
{
    uint32_t cap = hashset_cap(n);
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

/* draw_index: the next draw's index among n, from the count's one
 * java.util.Random (seeded on the first draw). */
static int draw_index(rcv_tie *t, int n)
{
    if (!t->rng_ready) {
        rcv_jrandom_init(&t->rng, t->o->seed);
        t->rng_ready = 1;
    }
    return rcv_jrandom_index(&t->rng, n);
}


/* keep_extreme: keeps, in list[0..m) and in order, the candidates whose
 * votes v are the highest (want_high) or the lowest of them; returns how
 * many are kept (at least 1 when m >= 1). */
static int keep_extreme(const int64_t *v, int *list, int m, int want_high)
{
    int64_t ext = v[list[0]];
    int j = 0;
    for (int i = 1; i < m; i++)
        if (want_high ? v[list[i]] > ext : v[list[i]] < ext)
            ext = v[list[i]];
    for (int i = 0; i < m; i++)
        if (v[list[i]] == ext)
            list[j++] = list[i];
    return j;
}
/* list_order: the pick by list order: the first listed (want_high) or
 * the last; also the fallback when memory runs out. */
static int list_order(const int *tied, int n, int want_high)
{
    int best = tied[0];
    for (int i = 1; i < n; i++)
        if (want_high ? tied[i] < best : tied[i] > best)
            best = tied[i];
    return best;
}

static int draw(rcv_tie *t, const int *list, int n)
{
    return list[draw_index(t, n)];
}

int rcv_tie_pick_scan(rcv_tie *t, const rcv_result *res, int upto, int *tied,
                      int n, int want_high, int *drawn)
{
    if (n <= 1)
        return n == 1 ? tied[0] : -1;
    const rcv_ballots *b = t->b;
    if (t->o->tiebreak == RCV_TIE_LIST_ORDER)
        return list_order(tied, n, want_high);
    int *list = malloc(2 * (size_t)n * sizeof *list);
    if (!list) /* no memory: fall back to list order, still reproducible */
        return list_order(tied, n, want_high);
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
            m = keep_extreme(v, list, m, want_high);
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

/* ---- the same pick, computed from what differs ------------------------- */

static int by_name(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* select_key: the key of rank k (0-based, ascending) among a[0..n),
 * ordering by bits 63..16 (the candidate's index below them is carried
 * along, not compared: the name's rank above it is unique).  An MSB-first
 * radix select: each bit partitions the range still holding rank k, so
 * the cost is at most 48 passes over shrinking ranges, O(n) whatever the
 * keys, where sorting every key for every pick cost O(n log n) with a
 * call per comparison (13 s for 4,096 tied candidates).  a is reordered. */
static uint64_t select_key(uint64_t *a, int n, int k)
{
    int lo = 0, hi = n;
    for (int bit = 63; bit >= 16 && hi - lo > 1; bit--) {
        uint64_t mask = (uint64_t)1 << bit;
        int i = lo, j = hi;
        while (i < j) {
            if (!(a[i] & mask)) {
                i++;
            } else {
                uint64_t x = a[i];
                a[i] = a[--j];
                a[j] = x;
            }
        }
        /* [lo, i) have the bit clear: they hold ranks lo .. i-1 */
        if (k < i)
            hi = i;
        else
            lo = i;
    }
    return a[k];
}

/* build: the per-count tables (names' order, hashes, change lists).
 * 0, or -1 when memory ran out (t->state -1: picks fall back). */
static int build(rcv_tie *t)
{
    const rcv_ballots *b = t->b;
    int nc = b->ncand;
    size_t n1 = (size_t)nc + 1;
    const char **names = malloc(n1 * sizeof *names);
    t->name_rank = malloc(n1 * sizeof *t->name_rank);
    t->spread = malloc(n1 * sizeof *t->spread);
    t->chg = calloc(n1, sizeof *t->chg);
    t->nchg = calloc(n1, sizeof *t->nchg);
    t->capchg = calloc(n1, sizeof *t->capchg);
    t->pos = calloc(n1, sizeof *t->pos);
    t->stamp = calloc(n1, sizeof *t->stamp);
    t->list = malloc(2 * n1 * sizeof *t->list);
    t->keys = malloc(n1 * sizeof *t->keys);
    if (!names || !t->name_rank || !t->spread || !t->chg || !t->nchg ||
        !t->capchg || !t->pos || !t->stamp || !t->list || !t->keys) {
        free(names);
        t->state = -1;
        return -1;
    }
    /* names are unique (rcv_ballots_add_candidate), so this order is the
     * one sort_names gives */
    for (int c = 0; c < nc; c++)
        names[c] = b->cand[c];
    qsort(names, (size_t)nc, sizeof *names, by_name);
    for (int c = 0; c < nc; c++) {
        uint32_t h = java_hash(b->cand[c]);
        t->spread[c] = h ^ (h >> 16);
    }
    /* each name's place, by binary search in the sorted names */
    for (int c = 0; c < nc; c++) {
        int lo = 0, hi = nc - 1;
        while (lo < hi) {
            int mid = lo + (hi - lo) / 2;
            if (strcmp(names[mid], b->cand[c]) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        t->name_rank[c] = lo;
    }
    free(names);
    t->gen = 0;
    t->done = 0;
    t->state = 1;
    return 0;
}

/* record: notes, for each round in [t->done, upto), the candidates whose
 * votes differ from the round before.  0, or -1 on no memory. */
static int record(rcv_tie *t, const rcv_result *res, int upto)
{
    int nc = t->b->ncand;
    for (int r = t->done > 0 ? t->done : 1; r < upto; r++) {
        const int64_t *v = res->rounds[r].votes, *u = res->rounds[r - 1].votes;
        for (int c = 0; c < nc; c++) {
            if (v[c] == u[c])
                continue;
            if (t->nchg[c] == t->capchg[c]) {
                int cap = t->capchg[c] ? 2 * t->capchg[c] : 4;
                int *nv = realloc(t->chg[c], (size_t)cap * sizeof *nv);
                if (!nv)
                    return -1;
                t->chg[c] = nv;
                t->capchg[c] = cap;
            }
            t->chg[c][t->nchg[c]++] = r;
        }
    }
    if (upto > t->done)
        t->done = upto;
    return 0;
}

/* ---- a max-heap of (latest change round, candidate) ---- */

static int heap_push(rcv_tie *t, int key, int cand, uint32_t gen)
{
    if (t->nheap == t->capheap) {
        int cap = t->capheap ? 2 * t->capheap : 64;
        rcv_tie_ent *nh = realloc(t->heap, (size_t)cap * sizeof *nh);
        if (!nh)
            return -1;
        t->heap = nh;
        t->capheap = cap;
    }
    int i = t->nheap++;
    rcv_tie_ent e = {key, cand, gen};
    while (i > 0 && t->heap[(i - 1) / 2].key < key) {
        t->heap[i] = t->heap[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    t->heap[i] = e;
    return 0;
}

static rcv_tie_ent heap_pop(rcv_tie *t)
{
    rcv_tie_ent top = t->heap[0], last = t->heap[--t->nheap];
    int i = 0, n = t->nheap;
    for (;;) {
        int c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && t->heap[c + 1].key > t->heap[c].key)
            c++;
        if (t->heap[c].key <= last.key)
            break;
        t->heap[i] = t->heap[c];
        i = c;
    }
    if (n > 0)
        t->heap[i] = last;
    return top;
}

/* live: the entry belongs to a candidate still tied, pushed for the
 * current survivor set.  Both halves are needed: a survivor set replaced
 * wholesale (a new gen) leaves the candidates it drops with their old
 * stamp, equal to their old entries' gen, so stamp == gen alone would
 * keep those entries alive (the bug that let a dropped candidate come
 * back as "changed" and be counted again). */
static int live(const rcv_tie *t, rcv_tie_ent e)
{
    return e.gen == t->gen && t->stamp[e.cand] == t->gen;
}

/* heap_drop_stale: pops entries that are not live. */
static void heap_drop_stale(rcv_tie *t)
{
    while (t->nheap > 0 && !live(t, t->heap[0]))
        heap_pop(t);
}

/* push_next: c's latest change at or before round s (from index
 * t->pos[c] down), if any. */
static int push_next(rcv_tie *t, int c, int s)
{
    int i = t->pos[c];
    while (i >= 0 && t->chg[c][i] > s)
        i--;
    t->pos[c] = i;
    return i >= 0 ? heap_push(t, t->chg[c][i], c, t->stamp[c]) : 0;
}

/* latest_index: index in chg[c] of the last change <= s, or -1. */
static int latest_index(const rcv_tie *t, int c, int s)
{
    int lo = 0, hi = t->nchg[c]; /* first index with chg > s */
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (t->chg[c][mid] <= s)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo - 1;
}

/* narrow: one step of look_back: the survivors whose latest change is
 * round r (popped from the heap into chd) are compared in round r - 1
 * with the unchanged ones, who all had *C there; the extreme stays.
 * Separate: it is the one step the heap's jumps lead to.  0, or -2 when
 * memory ran out. */
static int narrow(rcv_tie *t, const rcv_result *res, int r, int *m, int64_t *C,
                  int want_high, int *chd)
{
    int nx = 0;
    while (t->nheap > 0 && t->heap[0].key == r) {
        rcv_tie_ent e = heap_pop(t);
        if (live(t, e))
            chd[nx++] = e.cand;
        heap_drop_stale(t);
    }
    const int64_t *w = res->rounds[r - 1].votes;
    int unchanged = *m - nx;
    int64_t e2 = unchanged > 0 ? *C : w[chd[0]];
    for (int i = 0; i < nx; i++)
        if (want_high ? w[chd[i]] > e2 : w[chd[i]] < e2)
            e2 = w[chd[i]];
    if (unchanged > 0 && e2 == *C) {
        /* the unchanged stay (their entries stay live); a changed one
         * differs from C in round r - 1 (its votes changed at r and are
         * C from r to s), so it leaves */
        for (int i = 0; i < nx; i++) {
            t->stamp[chd[i]] = 0;
            (*m)--;
        }
    } else {
        /* only changed ones at the new extreme stay: a new survivor
         * set, so every entry pushed before is dead */
        uint32_t gen = ++t->gen;
        *m = 0;
        for (int i = 0; i < nx; i++) {
            int c = chd[i];
            if (w[c] != e2)
                continue;
            t->stamp[c] = gen;
            (*m)++;
            t->pos[c]--;
            if (push_next(t, c, r - 1) != 0)
                return -2;
        }
    }
    *C = e2;
    return 0;
}

/* look_back: the previous-round rule on the n tied in t->list, from
 * round upto - 1 down; caps gets each HashSet size the set had.  Returns
 * how many survive (first in t->list), or -2 when memory ran out. */
static int look_back(rcv_tie *t, const rcv_result *res, int upto, int n, int want_high,
                     uint32_t *caps, int *ncaps)
{
    int *list = t->list;
    if (record(t, res, upto) != 0)
        return -2;
    uint32_t gen = ++t->gen;
    t->nheap = 0;
    /* the most recent earlier round: the tied may differ there in any
     * way, so it is read whole */
    int s = upto - 1;
    caps[(*ncaps)++] = hashset_cap(n);
    const int64_t *v = res->rounds[s].votes;
    int j = keep_extreme(v, list, n, want_high), m = j;
    for (int i = 0; i < m; i++) {
        int c = list[i];
        t->stamp[c] = gen;
        t->pos[c] = latest_index(t, c, s);
        if (t->pos[c] >= 0 && heap_push(t, t->chg[c][t->pos[c]], c, gen) != 0)
            return -2;
    }
    /* Every survivor has votes C in rounds (r, s] when none changed in
     * them, so those rounds keep everyone; the next round that can
     * narrow is r - 1, r the latest change among the survivors. */
    int64_t C = v[list[0]]; /* the extreme the survivors share */
    while (m > 1 && s > 0) {
        if (caps[*ncaps - 1] != hashset_cap(m) && *ncaps < 40)
            caps[(*ncaps)++] = hashset_cap(m);
        heap_drop_stale(t);
        if (t->nheap == 0)
            break; /* equal in every round down to the first */
        int r = t->heap[0].key;
        if (narrow(t, res, r, &m, &C, want_high, list + n) != 0)
            return -2;
        s = r - 1;
    }
    /* the survivors: the current generation among those kept by the
     * first round */
    int k = 0;
    for (int i = 0; i < j; i++)
        if (t->stamp[list[i]] == t->gen)
            list[k++] = list[i];
    return k;
}

/* draw_pick: the draw among the m in t->list.  Its list: names in order,
 * re-sorted stably by bucket for each HashSet size in caps (RCTab's rule
 * only), i.e. sorted by (bucket at the last size, ..., bucket at the
 * first, name).  The bucket counts are powers of two, each dividing the
 * one before, so the tuple packs into bit fields, the last size's bits
 * highest. */
static int draw_pick(rcv_tie *t, int m, const uint32_t *caps, int ncaps, int *drawn)
{
    const int *list = t->list;
    uint64_t *key = t->keys;
    if (t->o->method == RCV_STV && t->o->rule == RCV_RULE_SCOTTISH)
        ncaps = 0;
    for (int i = 0; i < m; i++) {
        uint64_t kv = 0;
        int lo = 0;
        for (int q = ncaps - 1; q >= 0; q--) {
            int hi = 0;
            while ((1u << hi) < caps[q])
                hi++;
            int width = hi - lo;
            kv = (kv << width) | ((t->spread[list[i]] >> lo) & ((1u << width) - 1));
            lo = hi;
        }
        /* candidates < RCV_MAX_CAND <= 65536: 16 bits each */
        key[i] = (kv << 32) | ((uint64_t)t->name_rank[list[i]] << 16) | (uint64_t)list[i];
    }
    /* only the drawn place of that order is needed */
    int at = draw_index(t, m);
    if (drawn)
        *drawn = 1;
    return (int)(select_key(key, m, at) & 0xFFFF);
}

/* fast_pick: rcv_tie_pick_scan's result without reading unchanged
 * history.  list (t->list) holds the tied candidates on entry.  Returns
 * the pick, or -2 when memory ran out. */
static int fast_pick(rcv_tie *t, const rcv_result *res, int upto, int n,
                     int want_high, int *drawn)
{
    uint32_t caps[40];
    int ncaps = 0, m = n;
    if (t->o->tiebreak == RCV_TIE_PREVIOUS_ROUND && upto > 0 &&
        (m = look_back(t, res, upto, n, want_high, caps, &ncaps)) < 0)
        return -2;
    if (m == 1)
        return t->list[0];
    return draw_pick(t, m, caps, ncaps, drawn);
}

int rcv_tie_pick(rcv_tie *t, const rcv_result *res, int upto, int *tied,
                 int n, int want_high, int *drawn)
{
    if (n <= 1)
        return n == 1 ? tied[0] : -1;
    if (t->o->tiebreak != RCV_TIE_LIST_ORDER && (t->state == 1 || (t->state == 0 &&
                                                                  build(t) == 0))) {
        memcpy(t->list, tied, (size_t)n * sizeof *tied);
        int pick = fast_pick(t, res, upto, n, want_high, drawn);
        if (pick >= 0)
            return pick;
    }
    /* list order, or no memory for the tables: list order is still
     * reproducible (as the plain pick has always fallen back) */
    return list_order(tied, n, want_high);
}
