/* rcv_ballots.c: the ballot set every reader fills and the counter reads.
 *
 * Flat arrays (weights, offsets, marks) instead of one allocation per
 * ballot, so a million ballots cost a few tens of megabytes.  When merging
 * is on, a record identical to an earlier one only adds to that record's
 * weight: real elections repeat the same few rankings over and over, and
 * merging is what keeps memory below the input file's size.  The merge
 * table gives up by itself when the input turns out to be mostly unique
 * (it would then cost more than it saves). */
#include <stdlib.h>
#include <string.h>
#include "rcv.h"

typedef struct {
    uint32_t *slot;     /* record index + 1; 0 = empty */
    size_t cap;         /* power of two */
    size_t used;
    int64_t added;      /* records offered while merging */
} merge_tab;

#define WEIGHT_LIMIT (INT64_MAX / 1000000000)

static merge_tab *merge_find(const rcv_ballots *b)
{
    return b->merge;
}

static void merge_drop(rcv_ballots *b)
{
    merge_tab *m = b->merge;
    if (!m)
        return;
    free(m->slot);
    free(m);
    b->merge = NULL;
}

as_status rcv_ballots_new(rcv_ballots **out)
{
    rcv_ballots *b = calloc(1, sizeof *b);
    *out = NULL;
    if (!b)
        return AS_ENOMEM;
    b->off = malloc(sizeof *b->off);
    /* mark is never NULL, so that the counts' b->mark + b->off[i] is
     * defined C even when no ballot has a mark at all (only blank ones);
     * cap_mark stays 0, so the first mark still grows it as before. */
    b->mark = malloc(sizeof *b->mark);
    if (!b->off || !b->mark) {
        free(b->off);
        free(b->mark);
        free(b);
        return AS_ENOMEM;
    }
    b->off[0] = 0;
    *out = b;
    return AS_OK;
}

void rcv_ballots_free(rcv_ballots *b)
{
    if (!b)
        return;
    merge_drop(b);
    for (int i = 0; i < b->ncand; i++)
        free(b->cand[i]);
    free(b->cand);
    free(b->withdrawn);
    free(b->title);
    free(b->weight);
    free(b->off);
    free(b->mark);
    free(b);
}

as_status rcv_ballots_add_candidate(rcv_ballots *b, const char *name,
                                    int *index, as_err *err)
{
    size_t len = name ? strlen(name) : 0;
    if (len == 0)
        return as_err_set(err, AS_EINVAL,
                          "a candidate has an empty name; give every candidate a name");
    if (rcv_ballots_find(b, name, len) >= 0)
        return as_err_set(err, AS_EINVAL,
                          "candidate \"%s\" is listed twice; give each candidate a different name",
                          name);
    if (b->ncand >= RCV_MAX_CAND)
        return as_err_set(err, AS_EINVAL,
                          "more than %d candidates, the most this program counts (its "
                          "report would show each in each round); is this the right "
                          "file?", RCV_MAX_CAND);
    if (b->ncand == b->cap_cand) {
        int cap = b->cap_cand ? b->cap_cand * 2 : 16;
        char **nc = realloc(b->cand, (size_t)cap * sizeof *nc);
        if (!nc)
            return AS_ENOMEM;
        b->cand = nc;
        uint8_t *nw = realloc(b->withdrawn, (size_t)cap);
        if (!nw)
            return AS_ENOMEM;
        b->withdrawn = nw;
        b->cap_cand = cap;
    }
    char *copy = malloc(len + 1);
    if (!copy)
        return AS_ENOMEM;
    memcpy(copy, name, len + 1);
    b->cand[b->ncand] = copy;
    b->withdrawn[b->ncand] = 0;
    if (index)
        *index = b->ncand;
    b->ncand++;
    return AS_OK;
}

int rcv_ballots_find(const rcv_ballots *b, const char *name, size_t n)
{
    for (int i = 0; i < b->ncand; i++)
        if (strlen(b->cand[i]) == n && memcmp(b->cand[i], name, n) == 0)
            return i;
    return -1;
}

static uint64_t hash_marks(const rcv_mark *m, size_t n)
{
    uint64_t h = 1469598103934665603ull ^ n;
    for (size_t i = 0; i < n; i++) {
        h ^= m[i];
        h *= 1099511628211ull;
    }
    return h ^ (h >> 29);
}

static int same_record(const rcv_ballots *b, int64_t r, const rcv_mark *m,
                       size_t n)
{
    size_t len = b->off[r + 1] - b->off[r];
    return len == n && (n == 0 || memcmp(b->mark + b->off[r], m, n * sizeof *m) == 0);
}

static as_status merge_grow(const rcv_ballots *b, merge_tab *t)
{
    size_t cap = t->cap ? t->cap * 2 : 1024;
    uint32_t *ns = calloc(cap, sizeof *ns);
    if (!ns)
        return AS_ENOMEM;
    for (size_t i = 0; i < t->cap; i++) {
        uint32_t v = t->slot[i];
        if (!v)
            continue;
        int64_t r = (int64_t)v - 1;
        size_t len = b->off[r + 1] - b->off[r];
        size_t h = (size_t)hash_marks(b->mark + b->off[r], len) & (cap - 1);
        while (ns[h])
            h = (h + 1) & (cap - 1);
        ns[h] = v;
    }
    free(t->slot);
    t->slot = ns;
    t->cap = cap;
    return AS_OK;
}

as_status rcv_ballots_merge_identical(rcv_ballots *b, int on)
{
    if (!on) {
        merge_drop(b);
        return AS_OK;
    }
    if (merge_find(b))
        return AS_OK;
    merge_tab *t = calloc(1, sizeof *t);
    if (!t)
        return AS_ENOMEM;
    if (merge_grow(b, t) != AS_OK) {
        free(t);
        return AS_ENOMEM;
    }
    /* records already present take part too */
    for (int64_t r = 0; r < b->n; r++) {
        size_t len = b->off[r + 1] - b->off[r];
        size_t h = (size_t)hash_marks(b->mark + b->off[r], len);
        if (t->used * 2 >= t->cap && merge_grow(b, t) != AS_OK) {
            free(t->slot);
            free(t);
            return AS_ENOMEM;
        }
        h &= t->cap - 1;
        while (t->slot[h])
            h = (h + 1) & (t->cap - 1);
        t->slot[h] = (uint32_t)(r + 1);
        t->used++;
    }
    b->merge = t;
    return AS_OK;
}

/* Looks the record up; returns its index or -1 (with *slotp the empty slot
 * to fill). */
static int64_t merge_lookup(const rcv_ballots *b, merge_tab *t,
                            const rcv_mark *m, size_t n, size_t *slotp)
{
    size_t h = (size_t)hash_marks(m, n) & (t->cap - 1);
    while (t->slot[h]) {
        int64_t r = (int64_t)t->slot[h] - 1;
        if (same_record(b, r, m, n))
            return r;
        h = (h + 1) & (t->cap - 1);
    }
    *slotp = h;
    return -1;
}

static as_status grow_arrays(rcv_ballots *b, size_t nmarks)
{
    if (b->n + 1 > b->cap_n) {
        int64_t cap = b->cap_n ? b->cap_n + b->cap_n / 2 : 256;
        int64_t *nw = realloc(b->weight, (size_t)cap * sizeof *nw);
        if (!nw)
            return AS_ENOMEM;
        b->weight = nw;
        uint32_t *no = realloc(b->off, (size_t)(cap + 1) * sizeof *no);
        if (!no)
            return AS_ENOMEM;
        b->off = no;
        b->cap_n = cap;
    }
    if (b->nmark + nmarks > b->cap_mark) {
        size_t cap = b->cap_mark ? b->cap_mark + b->cap_mark / 2 : 1024;
        if (cap < b->nmark + nmarks)
            cap = b->nmark + nmarks;
        rcv_mark *nm = realloc(b->mark, cap * sizeof *nm);
        if (!nm)
            return AS_ENOMEM;
        b->mark = nm;
        b->cap_mark = cap;
    }
    return AS_OK;
}

as_status rcv_ballots_add(rcv_ballots *b, int64_t w, const rcv_mark *marks,
                          size_t nmarks, as_err *err)
{
    if (w < 1)
        return as_err_set(err, AS_EINVAL, "a ballot weight of %lld; weights must be 1 or more",
                          (long long)w);
    for (size_t i = 0; i < nmarks; i++) {
        unsigned c = marks[i] & ~RCV_SAME_RANK;
        if (c != RCV_SKIP && c != RCV_OVERVOTE && (int)c >= b->ncand)
            return as_err_set(err, AS_EINVAL,
                              "a ballot marks candidate number %u but there are only %d candidates",
                              c + 1, b->ncand);
        if (i == 0 && (marks[i] & RCV_SAME_RANK))
            return as_err_set(err, AS_EINVAL,
                              "a ballot's first mark shares the rank of a mark before it");
    }
    if (w > WEIGHT_LIMIT)
        return as_err_set(err, AS_EINVAL, "a ballot weight of %lld is too large",
                          (long long)w);
    if (b->total_w > WEIGHT_LIMIT - w)
        return as_err_set(err, AS_EINVAL, "the ballots' total weight is too large to count");
    if ((uint64_t)b->nmark + nmarks > UINT32_MAX)
        return as_err_set(err, AS_EINVAL, "too many marks in one ballot set");

    merge_tab *t = merge_find(b);
    size_t slot = 0;
    if (t) {
        int64_t r = merge_lookup(b, t, marks, nmarks, &slot);
        if (r >= 0) {
            b->weight[r] += w;
            b->total_w += w;
            t->added++;
            return AS_OK;
        }
    }
    if (grow_arrays(b, nmarks) != AS_OK)
        return AS_ENOMEM;
    if (nmarks)
        memcpy(b->mark + b->nmark, marks, nmarks * sizeof *marks);
    b->weight[b->n] = w;
    b->total_w += w;
    b->nmark += nmarks;
    b->off[b->n + 1] = (uint32_t)b->nmark;
    b->n++;
    if (t) {
        t->slot[slot] = (uint32_t)b->n;
        t->used++;
        t->added++;
        /* mostly unique input: the table would cost more than it saves */
        if (t->added >= 200000 && t->used * 10 > (size_t)t->added * 8) {
            merge_drop(b);
        } else if (t->used * 2 >= t->cap && merge_grow(b, t) != AS_OK) {
            merge_drop(b); /* merging is an optimisation only */
        }
    }
    return AS_OK;
}

int64_t rcv_ballots_total(const rcv_ballots *b)
{
    return b->total_w;
}
