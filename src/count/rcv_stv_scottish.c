/* rcv_stv_scottish.c: STV under the Scottish Local Government Elections
 * Order 2007, rules 45-52 (Weighted Inclusive Gregory Method).
 *
 * Values are scaled by 10^5 (5 decimal places); every transfer value is
 * truncated there.  A ballot record keeps who holds it and the value one
 * of its ballots carries.  One rcv_round per stage: its votes are the
 * totals at the start of the stage, its actions what the stage did
 * (elections, then one surplus transfer or one exclusion, with where the
 * votes went).  See docs/counting-rules.md. */
#include <stdlib.h>
#include <string.h>
#include "rcv_internal.h"

#define SCOT_UNIT 100000

typedef struct {
    const rcv_ballots *b;
    const rcv_options *o;
    rcv_result *r;
    int nc, seats;
    int16_t *holder;
    uint32_t *value; /* one ballot's value, at most 1.00000 */
    uint8_t *status, *cont, *pending;
    int64_t *votes;
    int64_t inactive[RCV_INACTIVE_N];
    int64_t residual;
    int64_t quota;
    int *list;
    rcv_tie tie;
    int nwon, nhope;
} scot;

static rcv_round *snapshot(scot *s)
{
    rcv_round *rd = rcv_result_round(s->r);
    if (!rd)
        return NULL;
    memcpy(rd->votes, s->votes, (size_t)s->nc * sizeof *rd->votes);
    for (int c = 0; c < s->nc; c++)
        rd->continuing[c] = s->status[c] == RCV_HOPEFUL ? 1 : s->status[c] == RCV_WON ? 2 : 0;
    memcpy(rd->inactive, s->inactive, sizeof rd->inactive);
    rd->residual = s->residual;
    rd->threshold = s->quota;
    return rd;
}

/* Sorts list[0..n) by votes, highest first; equal votes are ordered by
 * the tie-break (earlier stages, then lot). */
static void order_desc(scot *s, rcv_round *rd, int *list, int n)
{
    rcv_sort_desc(s->votes, list, n);
    for (int i = 0; i < n;) {
        int j = i + 1;
        while (j < n && s->votes[list[j]] == s->votes[list[i]])
            j++;
        /* pick the tied ones one by one, best first */
        for (int k = i; k < j - 1; k++) {
            int drawn = 0;
            int best = rcv_tie_pick(&s->tie, s->r, s->r->nrounds - 1, list + k, j - k, 1,
                                    &drawn);
            for (int m = k; m < j; m++)
                if (list[m] == best) {
                    list[m] = list[k];
                    list[k] = best;
                    break;
                }
            rd->tie = 1;
        }
        i = j;
    }
}

static as_status elect(scot *s, rcv_round *rd, int c)
{
    s->status[c] = RCV_WON;
    s->cont[c] = 0;
    s->pending[c] = 1;
    s->nwon++;
    s->nhope--;
    if (!rcv_round_action(rd, s->nc, c, 1))
        return AS_ENOMEM;
    return rcv_result_winner(s->r, c) == AS_OK ? AS_OK : AS_ENOMEM;
}

/* Moves every ballot c holds to its next continuing choice; sv/total
 * scale the value (surplus / total) or 0 total for "at its value". */
static void move_ballots(scot *s, int c, rcv_action *a, int64_t sv, int64_t total)
{
    const rcv_ballots *b = s->b;
    int64_t moved = 0;
    for (int64_t i = 0; i < b->n; i++) {
        if (s->holder[i] != c)
            continue;
        int64_t v = s->value[i];
        if (total > 0)
            v = rcv_muldiv(sv, v, total);
        int to = rcv_walk_next(b->mark + b->off[i], b->off[i + 1] - b->off[i], s->cont);
        int64_t amount = b->weight[i] * v;
        moved += amount;
        if (to >= 0) {
            s->votes[to] += amount;
            a->to[to] += amount;
        } else {
            s->inactive[RCV_ST_CAUSE(to)] += amount;
            a->exhausted += amount;
        }
        s->holder[i] = (int16_t)to;
        s->value[i] = (uint32_t)v;
    }
    if (total > 0) {
        a->residual = sv - moved;
        s->residual += sv - moved;
    }
}

static as_status run(scot *s)
{
    rcv_result *r = s->r;
    const int nc = s->nc;
    rcv_round *rd = snapshot(s);
    if (!rd)
        return AS_ENOMEM;
    for (;;) {
        /* elect everyone at or above the quota, highest first */
        int n = 0;
        for (int c = 0; c < nc; c++)
            if (s->status[c] == RCV_HOPEFUL && s->votes[c] >= s->quota)
                s->list[n++] = c;
        order_desc(s, rd, s->list, n);
        for (int i = 0; i < n && s->nwon < s->seats; i++)
            if (elect(s, rd, s->list[i]) != AS_OK)
                return AS_ENOMEM;
        if (s->nwon >= s->seats)
            break;
        if (s->nhope + s->nwon <= s->seats) {
            n = 0;
            for (int c = 0; c < nc; c++)
                if (s->status[c] == RCV_HOPEFUL)
                    s->list[n++] = c;
            order_desc(s, rd, s->list, n);
            for (int i = 0; i < n; i++)
                if (elect(s, rd, s->list[i]) != AS_OK)
                    return AS_ENOMEM;
            break;
        }

        /* the largest surplus waiting, else the lowest hopeful out */
        n = 0;
        int64_t best = 0;
        for (int c = 0; c < nc; c++)
            if (s->pending[c] && s->votes[c] - s->quota > best)
                best = s->votes[c] - s->quota;
        if (best > 0) {
            for (int c = 0; c < nc; c++)
                if (s->pending[c] && s->votes[c] - s->quota == best)
                    s->list[n++] = c;
            int drawn = 0;
            int c = rcv_tie_pick(&s->tie, r, r->nrounds - 1, s->list, n, 1, &drawn);
            if (n > 1)
                rd->tie = 1;
            rcv_action *a = NULL;
            for (int k = 0; k < rd->nactions; k++)
                if (rd->actions[k].cand == c)
                    a = &rd->actions[k];
            if (!a && !(a = rcv_round_action(rd, nc, c, 2)))
                return AS_ENOMEM;
            s->pending[c] = 0;
            int64_t total = s->votes[c];
            move_ballots(s, c, a, best, total);
            s->votes[c] = s->quota;
        } else {
            for (int c = 0; c < nc; c++)
                s->pending[c] = 0; /* surpluses of nothing move nothing */
            int64_t low = INT64_MAX;
            for (int c = 0; c < nc; c++)
                if (s->status[c] == RCV_HOPEFUL && s->votes[c] < low)
                    low = s->votes[c];
            for (int c = 0; c < nc; c++)
                if (s->status[c] == RCV_HOPEFUL && s->votes[c] == low)
                    s->list[n++] = c;
            if (n == 0)
                break;
            int drawn = 0;
            int c = rcv_tie_pick(&s->tie, r, r->nrounds - 1, s->list, n, 0, &drawn);
            if (n > 1)
                rd->tie = 1;
            rcv_action *a = rcv_round_action(rd, nc, c, 0);
            if (!a)
                return AS_ENOMEM;
            s->status[c] = RCV_OUT;
            s->cont[c] = 0;
            s->nhope--;
            move_ballots(s, c, a, 0, 0);
            s->votes[c] = 0;
        }
        if (rd->tie)
            r->tie_note = 1;
        rd = snapshot(s);
        if (!rd)
            return AS_ENOMEM;
    }
    if (rd->tie)
        r->tie_note = 1;
    return AS_OK;
}

as_status rcv_count_scottish(const rcv_ballots *b, const rcv_options *o,
                             rcv_result *r, as_err *err)
{
    (void)err;
    scot s;
    memset(&s, 0, sizeof s);
    s.b = b;
    s.o = o;
    s.r = r;
    s.nc = b->ncand;
    s.seats = r->seats;
    size_t nrec = b->n > 0 ? (size_t)b->n : 1;
    as_status st = AS_ENOMEM;
    rcv_tie_init(&s.tie, b, o);
    s.holder = malloc(nrec * sizeof *s.holder);
    s.value = malloc(nrec * sizeof *s.value);
    s.nhope = rcv_standing_new(b, &s.status, &s.cont);
    s.pending = calloc((size_t)s.nc, 1);
    s.votes = calloc((size_t)s.nc, sizeof *s.votes);
    s.list = calloc((size_t)s.nc, sizeof *s.list);
    if (!s.holder || !s.value || s.nhope < 0 || !s.pending || !s.votes || !s.list)
        goto done;
    int64_t valid = 0;
    for (int64_t i = 0; i < b->n; i++) {
        const rcv_mark *m = b->mark + b->off[i];
        size_t len = b->off[i + 1] - b->off[i];
        s.value[i] = SCOT_UNIT;
        if (rcv_blank(m, len)) {
            r->undervotes += b->weight[i];
            s.holder[i] = RCV_ST_BLANK;
            continue;
        }
        int to = rcv_walk_next(m, len, s.cont);
        s.holder[i] = (int16_t)to;
        if (to >= 0) {
            s.votes[to] += b->weight[i] * SCOT_UNIT;
            valid += b->weight[i];
        } else {
            s.inactive[RCV_ST_CAUSE(to)] += b->weight[i] * SCOT_UNIT;
        }
    }
    /* quota = floor(valid votes / (seats + 1)) + 1, whole votes */
    s.quota = (valid / (s.seats + 1) + 1) * SCOT_UNIT;
    st = run(&s);
done:
    rcv_tie_free(&s.tie);
    free(s.holder);
    free(s.value);
    free(s.status);
    free(s.cont);
    free(s.pending);
    free(s.votes);
    free(s.list);
    return st;
}
