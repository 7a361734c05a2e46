/* rcv_approval.c: approval (every candidate marked on a ballot gets one
 * vote from it, however often or at whatever rank it is marked) and
 * plurality (the ballot's first non-empty rank, when it names exactly one
 * candidate).  One round; the `seats` candidates with most votes win;
 * equal votes across the cut are ordered by the tie-break option (list
 * order: listed first wins; otherwise a draw, as RCTab draws). */
#include <stdlib.h>
#include <string.h>
#include "rcv_internal.h"

/* approval_ballot: one approval ballot: every candidate it marks, once
 * (stamp[c] == *gen marks the ones already counted for it). */
static void approval_ballot(const rcv_ballots *b, rcv_round *rd, const rcv_mark *m,
                            size_t len, int64_t w, uint32_t *stamp, uint32_t *gen)
{
    int any = 0;
    if (++*gen == 0) {
        memset(stamp, 0, (size_t)b->ncand * sizeof *stamp);
        *gen = 1;
    }
    for (size_t k = 0; k < len; k++) {
        unsigned c = m[k] & ~RCV_SAME_RANK;
        if (c == RCV_SKIP || c == RCV_OVERVOTE || b->withdrawn[c] || stamp[c] == *gen)
            continue;
        stamp[c] = *gen;
        rd->votes[c] += w;
        any = 1;
    }
    if (!any)
        rd->inactive[RCV_INACTIVE_EXHAUSTED] += w;
}

/* plurality_ballot: one plurality ballot: its first rank with anything
 * on it, when that names exactly one candidate. */
static void plurality_ballot(const rcv_ballots *b, rcv_round *rd, const rcv_mark *m,
                             size_t len, int64_t w)
{
    size_t k = 0;
    while (k < len && (m[k] & ~RCV_SAME_RANK) == RCV_SKIP)
        k++;
    size_t e = k + 1;
    while (e < len && (m[e] & RCV_SAME_RANK))
        e++;
    unsigned c = m[k] & ~RCV_SAME_RANK;
    if (e - k > 1 || c == RCV_OVERVOTE)
        rd->inactive[RCV_INACTIVE_OVERVOTE] += w;
    else if (b->withdrawn[c])
        rd->inactive[RCV_INACTIVE_EXHAUSTED] += w;
    else
        rd->votes[c] += w;
}

/* break_cut_tie: list (n candidates, most votes first) with the group of
 * equal votes that straddles the last seat put in the tie-break's order,
 * so that the first `seats` win; nothing when no group straddles it. */
static void break_cut_tie(rcv_tie *tie, rcv_result *r, rcv_round *rd, int *list, int n)
{
    int seats = r->seats;
    if (seats >= n || rd->votes[list[seats - 1]] != rd->votes[list[seats]])
        return;
    int64_t v = rd->votes[list[seats]];
    int lo = seats - 1, hi = seats;
    while (lo > 0 && rd->votes[list[lo - 1]] == v)
        lo--;
    while (hi + 1 < n && rd->votes[list[hi + 1]] == v)
        hi++;
    for (int k = lo; k < seats; k++) {
        int drawn = 0;
        int best = rcv_tie_pick(tie, r, 0, list + k, hi + 1 - k, 1, &drawn);
        for (int mm = k; mm <= hi; mm++)
            if (list[mm] == best) {
                list[mm] = list[k];
                list[k] = best;
                break;
            }
    }
    rd->tie = 1;
    r->tie_note = 1;
}

as_status rcv_count_approval(const rcv_ballots *b, const rcv_options *o,
                             rcv_result *r, as_err *err)
{
    (void)err;
    int nc = b->ncand;
    rcv_round *rd = rcv_result_round(r);
    uint32_t *stamp = calloc((size_t)nc + 1, sizeof *stamp);
    int *list = calloc((size_t)nc + 1, sizeof *list);
    as_status st = AS_ENOMEM;
    rcv_tie tie;
    rcv_tie_init(&tie, b, o);
    if (!rd || !stamp || !list)
        goto done;
    uint32_t gen = 0;
    for (int64_t i = 0; i < b->n; i++) {
        const rcv_mark *m = b->mark + b->off[i];
        size_t len = b->off[i + 1] - b->off[i];
        int64_t w = b->weight[i];
        if (rcv_blank(m, len))
            r->undervotes += w;
        else if (o->method == RCV_APPROVAL)
            approval_ballot(b, rd, m, len, w, stamp, &gen);
        else
            plurality_ballot(b, rd, m, len, w);
    }

    int n = 0;
    for (int c = 0; c < nc; c++)
        if (!b->withdrawn[c]) {
            rd->continuing[c] = 1;
            list[n++] = c;
        }
    /* highest first; equal votes in list order for now */
    rcv_sort_desc(rd->votes, list, n);
    /* only a group of equal votes that straddles the cut needs deciding */
    break_cut_tie(&tie, r, rd, list, n);
    for (int i = 0; i < r->seats && i < n; i++) {
        if (!rcv_round_action(rd, nc, list[i], 1))
            goto done;
        if (rcv_result_winner(r, list[i]) != AS_OK)
            goto done;
    }
    st = AS_OK;
done:
    rcv_tie_free(&tie);
    free(stamp);
    free(list);
    return st;
}
