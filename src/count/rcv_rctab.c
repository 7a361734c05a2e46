/* rcv_rctab.c: the RCTab-compatible count: instant runoff (one seat) and
 * the RCTab STV rule (several seats, fractional surplus transfer).
 *
 * Each round: every ballot that counts for a continuing candidate stays
 * there; every other ballot not yet inactive is read again from its top
 * rank (rcv_walk_rctab) and moves to its first continuing choice or
 * becomes inactive, by cause, for good.  Then the threshold, the winners,
 * or the elimination, as RCTab's Tabulator does (see docs/counting-rules.md
 * for the exact statement). */
#include <stdlib.h>
#include <string.h>
#include "rcv_internal.h"


typedef struct {
    const rcv_ballots *b;
    const rcv_options *o;
    rcv_result *r;
    int nc, seats, multi, ctu2;
    int64_t unit;
    int16_t *state;     /* per record */
    uint32_t *value;    /* per record, multi-seat only: one ballot's value
                           (at most 10^decimals <= 10^9, so 32 bits do) */
    uint8_t *status;    /* per candidate */
    uint8_t *cont;      /* per candidate: read as continuing */
    int64_t *retained;  /* per candidate: votes a new winner keeps */
    int *won_round, *order, *tmp;
    rcv_seen seen;
    rcv_tie tie;
    int nwon, nout, navail;
    int uwi; /* the "Undeclared Write-ins" candidate, or -1 */
    int64_t fixed_thr; /* the threshold kept from an earlier round */
} rctab;

/* RCTab's name for the votes for undeclared write-ins: such a candidate
 * cannot win, is eliminated alone first whenever it has votes, and no one
 * is elected while it has any. */
#define RCV_UWI_NAME "Undeclared Write-ins"

/* Moves ballots into this round and tallies them. */
static void tally(rctab *s, rcv_round *rd, const rcv_round *prev)
{
    const rcv_ballots *b = s->b;
    int *act = s->tmp; /* candidate -> its action in the previous round */
    for (int c = 0; c < s->nc; c++)
        act[c] = -1;
    if (prev)
        for (int k = 0; k < prev->nactions; k++)
            act[prev->actions[k].cand] = k;
    for (int64_t i = 0; i < b->n; i++) {
        int st = s->state[i];
        int64_t w = b->weight[i];
        int64_t amount = s->multi ? w * (int64_t)s->value[i] : w * s->unit;
        if (st == RCV_ST_BLANK)
            continue;
        if (st != RCV_ST_NONE && st < 0) {
            rd->inactive[RCV_ST_CAUSE(st)] += amount;
            continue;
        }
        if (st >= 0 && s->cont[st]) {
            rd->votes[st] += amount;
            continue;
        }
        if (st >= 0 && s->multi && s->nwon >= s->seats) {
            /* every seat is filled: RCTab leaves the last surpluses
             * where they are and reports them as final-round surplus */
            rcv_action *fa = act[st] >= 0 ? &prev->actions[act[st]] : NULL;
            rd->final_surplus += amount;
            if (fa)
                fa->exhausted += amount;
            continue;
        }
        int to = rcv_walk_rctab(b->mark + b->off[i], b->off[i + 1] - b->off[i],
                                s->cont, s->o, &s->seen);
        if (to == RCV_ST_NONE) {
            s->r->undervotes += w;
            s->state[i] = RCV_ST_BLANK;
            continue;
        }
        rcv_action *a = st >= 0 && act[st] >= 0 ? &prev->actions[act[st]] : NULL;
        if (to >= 0) {
            rd->votes[to] += amount;
            if (a)
                a->to[to] += amount;
        } else {
            rd->inactive[RCV_ST_CAUSE(to)] += amount;
            if (a)
                a->exhausted += amount;
        }
        s->state[i] = (int16_t)to;
    }
}

static int64_t threshold(const rctab *s, int64_t active)
{
    int64_t u = s->unit;
    if (!s->multi)
        return active / (2 * u) * u + u;
    int64_t S = s->seats;
    switch (s->o->quota) {
    case RCV_QUOTA_DROOP_FRACTIONAL:
        return active / (S + 1) + 1;
    case RCV_QUOTA_HARE:
        return (active + S * u - 1) / (S * u) * u;
    case RCV_QUOTA_DROOP:
    default:
        return active / ((S + 1) * u) * u + u;
    }
}

/* RCTab's batch elimination: walking up from the lowest tally, everyone
 * seen so far is out whenever their combined votes are below the next
 * tally.  Returns how many of list (the continuing candidates sorted by
 * votes ascending) go; 0 when fewer than two would. */
static int batch(const rctab *s, const int64_t *v, const int *asc, int n)
{
    int64_t running = 0;
    int elim = 0, prev_elim = 0;
    for (int i = 0; i < n;) {
        int j = i;
        while (j < n && v[asc[j]] == v[asc[i]])
            j++;
        if (running < v[asc[i]] && i > elim) {
            prev_elim = elim;
            elim = i;
        }
        running += v[asc[i]] * (j - i);
        i = j;
    }
    if (s->ctu2 && elim + s->nout == s->navail - 1)
        elim = prev_elim;
    return elim > 1 ? elim : 0;
}

static as_status elect(rctab *s, rcv_round *rd, int c)
{
    s->status[c] = RCV_WON;
    s->won_round[c] = s->r->nrounds - 1;
    s->nwon++;
    if (!rcv_round_action(rd, s->nc, c, 1))
        return AS_ENOMEM;
    if (rcv_result_winner(s->r, c) != AS_OK)
        return AS_ENOMEM;
    if (!s->multi)
        return AS_OK;
    /* surplus fraction at d decimals, truncated; each ballot then moves
     * at its value times the fraction, truncated; the rest stays */
    int64_t votes = rd->votes[c], extra = votes - rd->threshold, f = 0;
    if (extra > 0)
        f = rcv_muldiv(extra, s->unit, votes);
    int64_t kept = 0;
    for (int64_t i = 0; i < s->b->n; i++) {
        if (s->state[i] != c)
            continue;
        int64_t v = s->value[i], tv = rcv_muldiv(v, f, s->unit);
        kept += s->b->weight[i] * (v - tv);
        s->value[i] = (uint32_t)tv;
    }
    s->retained[c] = kept;
    return AS_OK;
}

static void set_cont(rctab *s)
{
    for (int c = 0; c < s->nc; c++)
        s->cont[c] = s->status[c] == RCV_HOPEFUL ||
                     (s->status[c] == RCV_WON && s->ctu2 && !s->multi);
}

/* set_threshold: round ri's threshold, and which candidates it shows as
 * continuing with what votes.  Earlier winners show the threshold; what
 * a new winner kept above it is residual surplus.  Separate from run:
 * it is the round's bookkeeping, not its decision. */
static int64_t set_threshold(rctab *s, rcv_round *rd, int ri, rcv_round *prev)
{
    int64_t active = 0;
    for (int c = 0; c < s->nc; c++)
        if (s->cont[c])
            active += rd->votes[c];
    /* one seat: recomputed every round until there is a winner
     * (continue_until_two keeps it after); several: round 1's */
    int64_t thr = (ri == 0 || (!s->multi && s->nwon < s->seats))
                      ? threshold(s, active) : s->fixed_thr;
    s->fixed_thr = thr;
    rd->threshold = thr;
    for (int c = 0; c < s->nc; c++) {
        rd->continuing[c] = s->cont[c] ? 1 : 0;
        if (s->multi && s->status[c] == RCV_WON) {
            /* a winner keeps what its ballots kept, at most the
             * threshold (a winner who filled the last seats below it
             * keeps all); the rest is residual surplus */
            rd->continuing[c] = 2;
            if (s->won_round[c] == ri - 1) {
                int64_t res = s->retained[c] - thr;
                if (res > 0) {
                    rd->residual += res;
                    for (int k = 0; k < prev->nactions; k++)
                        if (prev->actions[k].cand == c)
                            prev->actions[k].residual += res;
                }
                rd->votes[c] = res > 0 ? thr : s->retained[c];
            } else {
                rd->votes[c] = prev->votes[c];
            }
        }
    }
    return thr;
}

/* pick_extreme: list[0..n) is sorted with list[0] at the extreme (most
 * votes for a winner, fewest for a loser); of those tied with it, the one
 * the tie-break picks, marking the round tied when there was a choice.
 * One function for the winner's and the loser's pick, which differ only
 * in want_high. */
static int pick_extreme(rctab *s, rcv_round *rd, int ri, int *list, int n, int want_high)
{
    int nt = 1;
    while (nt < n && rd->votes[list[nt]] == rd->votes[list[0]])
        nt++;
    if (nt == 1)
        return list[0];
    int drawn = 0;
    int c = rcv_tie_pick(&s->tie, s->r, ri, list, nt, want_high, &drawn);
    rd->tie = 1;
    return c;
}

/* pick_winners: the candidates round ri elects, into s->tmp; returns how
 * many.  list holds the n continuing candidates, most votes first. */
static int pick_winners(rctab *s, rcv_round *rd, int ri, int *list, int n, int64_t thr,
                        int uwi_live)
{
    int unfilled = s->seats - s->nwon, nwin = 0;
    int *win = s->tmp;
    if (unfilled <= 0 || uwi_live)
        return 0;
    if (n == unfilled) {
        for (int i = 0; i < n; i++)
            win[nwin++] = list[i];
    } else {
        for (int i = 0; i < n && rd->votes[list[i]] >= thr; i++)
            if (list[i] != s->uwi)
                win[nwin++] = list[i];
    }
    int pick_top = (nwin > 1 && s->multi && s->o->one_winner_per_round) ||
                   (nwin == 0 && s->seats == 1 && n == 2 && unfilled == 1);
    if (pick_top) {
        win[0] = pick_extreme(s, rd, ri, list, n, 1);
        nwin = 1;
    }
    return nwin;
}

/* eliminate: round ri's losers when no one is elected: the write-ins
 * while they have votes, else a batch (when the rule says so), else the
 * one with fewest votes.  *k gets how many; AS_ENOMEM or AS_OK. */
static as_status eliminate(rctab *s, rcv_round *rd, int ri, const int *list, int n,
                           int uwi_live, int *k)
{
    /* sort ascending for elimination */
    int *asc = s->tmp;
    for (int i = 0; i < n; i++)
        asc[i] = list[n - 1 - i];
    *k = 0;
    if (uwi_live) {
        asc[0] = s->uwi;
        *k = 1;
    } else if (s->o->elimination == RCV_ELIM_BATCH && !s->multi) {
        *k = batch(s, rd->votes, asc, n);
    }
    if (*k == 0 && n > 0) {
        /* list order among the tied, lowest first, so a list-order or
         * earlier-round pick sees them alike */
        asc[0] = pick_extreme(s, rd, ri, asc, n, 0);
        *k = 1;
    }
    for (int i = 0; i < *k; i++) {
        if (!rcv_round_action(rd, s->nc, asc[i], 0))
            return AS_ENOMEM;
        s->status[asc[i]] = RCV_OUT;
        s->nout++;
    }
    return AS_OK;
}

/* run: the rounds, each tallied, then a decision (winners, or losers),
 * until the seats are filled (or, continue_until_two, two are left). */
static as_status run(rctab *s)
{
    rcv_result *r = s->r;
    for (;;) {
        rcv_round *rd = rcv_result_round(r);
        if (!rd)
            return AS_ENOMEM;
        int ri = r->nrounds - 1;
        rcv_round *prev = ri > 0 ? &r->rounds[ri - 1] : NULL;
        tally(s, rd, prev);
        if (prev)
            rd->residual = prev->residual;
        int64_t thr = set_threshold(s, rd, ri, prev);

        int *list = s->order, n = 0;
        for (int c = 0; c < s->nc; c++)
            if (s->cont[c])
                list[n++] = c;
        rcv_sort_desc(rd->votes, list, n); /* list is in index order */

        int uwi_live = s->uwi >= 0 && s->cont[s->uwi] && rd->votes[s->uwi] > 0;
        int nwin = pick_winners(s, rd, ri, list, n, thr, uwi_live);
        int acted = 0, eliminated_now = 0;
        if (nwin > 0) {
            for (int i = 0; i < nwin; i++) {
                as_status st = elect(s, rd, s->tmp[i]);
                if (st != AS_OK)
                    return st;
            }
            acted = 1;
        } else if (s->nwon < s->seats || (s->ctu2 && s->nout < s->navail - 2)) {
            int k;
            as_status st = eliminate(s, rd, ri, list, n, uwi_live, &k);
            if (st != AS_OK)
                return st;
            acted = eliminated_now = k > 0;
        }
        if (rd->tie)
            r->tie_note = 1;
        set_cont(s);

        int more;
        if (s->ctu2)
            more = s->nout + s->nwon + 1 < s->navail || eliminated_now;
        else
            more = s->nwon < s->seats || (s->multi && nwin > 0);
        if (!more || !acted)
            break;
    }
    return AS_OK;
}

as_status rcv_count_rctab(const rcv_ballots *b, const rcv_options *o,
                          rcv_result *r, as_err *err)
{
    (void)err;
    rctab s;
    memset(&s, 0, sizeof s);
    s.b = b;
    s.o = o;
    s.r = r;
    s.nc = b->ncand;
    s.seats = r->seats;
    s.multi = r->seats > 1;
    s.ctu2 = o->continue_until_two && !s.multi;
    s.unit = 1;
    for (int i = 0; i < r->decimals; i++)
        s.unit *= 10;
    as_status st = AS_ENOMEM;
    rcv_tie_init(&s.tie, b, o);
    size_t nrec = b->n > 0 ? (size_t)b->n : 1;
    s.state = malloc(nrec * sizeof *s.state);
    s.navail = rcv_standing_new(b, &s.status, &s.cont);
    s.retained = calloc((size_t)s.nc, sizeof *s.retained);
    s.won_round = calloc((size_t)s.nc, sizeof *s.won_round);
    s.order = calloc((size_t)s.nc, sizeof *s.order);
    s.tmp = calloc((size_t)s.nc, sizeof *s.tmp);
    if (o->duplicates == RCV_DUP_EXHAUST)
        s.seen.stamp = calloc((size_t)s.nc, sizeof *s.seen.stamp);
    if (s.multi)
        s.value = malloc(nrec * sizeof *s.value);
    if (!s.state || s.navail < 0 || !s.retained || !s.won_round ||
        !s.order || !s.tmp || (s.multi && !s.value) ||
        (o->duplicates == RCV_DUP_EXHAUST && !s.seen.stamp))
        goto done;
    for (int64_t i = 0; i < b->n; i++) {
        s.state[i] = RCV_ST_NONE;
        if (s.multi)
            s.value[i] = (uint32_t)s.unit;
    }
    s.uwi = rcv_ballots_find(b, RCV_UWI_NAME, strlen(RCV_UWI_NAME));
    set_cont(&s);
    st = run(&s);
done:
    rcv_tie_free(&s.tie);
    free(s.state);
    free(s.value);
    free(s.status);
    free(s.cont);
    free(s.retained);
    free(s.won_round);
    free(s.order);
    free(s.tmp);
    free(s.seen.stamp);
    return st;
}
