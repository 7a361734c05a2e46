/* rcv_internal.h: shared between the counter's files (rcv_*.c); not a
 * public interface. */
#ifndef AS_RCV_INTERNAL_H
#define AS_RCV_INTERNAL_H

#include <stdint.h>
#include "rcv.h"

/* A record's state between rounds: >= 0 the candidate it counts for,
 * RCV_ST_NONE not read yet, or -(1 + cause) inactive by cause. */
#define RCV_ST_NONE INT16_MIN
#define RCV_ST_INACTIVE(cause) ((int16_t)(-1 - (cause)))
#define RCV_ST_CAUSE(st) (-1 - (int)(st))

/* ---- result building (rcv_count.c) -------------------------------------- */

/* rcv_result_alloc: an empty result for ncand candidates. NULL on OOM. */
rcv_result *rcv_result_alloc(int ncand, int decimals, int seats);

/* rcv_result_round: appends a round with zeroed arrays; NULL on OOM. */
rcv_round *rcv_result_round(rcv_result *r);

/* rcv_round_action: appends an action to round rd; NULL on OOM. */
rcv_action *rcv_round_action(rcv_round *rd, int ncand, int cand, int elected);

/* rcv_result_winner: appends c to the winners. AS_ENOMEM. */
as_status rcv_result_winner(rcv_result *r, int c);

/* ---- reading a ballot (rcv_ballot_walk.c) ------------------------------- */

/* Scratch for duplicate detection: stamp[c] == gen means c was seen. */
typedef struct {
    uint32_t *stamp;
    uint32_t gen;
} rcv_seen;

/* rcv_walk_rctab: reads one record from its top rank under RCTab's rules
 * (skipped ranks, duplicates, overvotes, max_rankings) and returns the
 * first continuing candidate (cont[c] != 0), or RCV_ST_INACTIVE(cause).
 * A record with no candidate mark at all returns RCV_ST_NONE (blank). */
int rcv_walk_rctab(const rcv_mark *m, size_t n, const uint8_t *cont,
                   const rcv_options *o, rcv_seen *seen);

/* rcv_walk_next: the first continuing candidate from the top for rules
 * without skip/duplicate options (Scottish STV): skipped ranks and
 * repeated candidates are passed over, a rank holding several candidates
 * or an explicit overvote ends the ballot (RCV_ST_INACTIVE(overvote)),
 * no continuing candidate left is RCV_ST_INACTIVE(exhausted). */
int rcv_walk_next(const rcv_mark *m, size_t n, const uint8_t *cont);

/* rcv_blank: the record has no candidate and no overvote mark. */
int rcv_blank(const rcv_mark *m, size_t n);

/* ---- tie-breaks (rcv_tiebreak.c, rcv_java_random.c) --------------------- */

typedef struct {
    uint64_t seed; /* 48-bit state */
} rcv_jrandom;

void rcv_jrandom_init(rcv_jrandom *r, uint64_t seed);
/* rcv_jrandom_index: floor(nextDouble() * n) exactly as Java computes it
 * in doubles, using integers only. */
int rcv_jrandom_index(rcv_jrandom *r, int n);

/* A heap entry of the tie-break's look-back (rcv_tiebreak.c). */
typedef struct {
    int key;      /* a round in which the candidate's votes changed */
    int cand;
    uint32_t gen; /* the survivor set it belongs to (stale if != stamp) */
} rcv_tie_ent;

typedef struct {
    const rcv_ballots *b;
    const rcv_options *o;
    rcv_jrandom rng;
    int rng_ready;
    /* Built on the first previous-round or random pick (rcv_tiebreak.c)
     * so that a pick costs O(m log m) for m tied candidates plus the
     * history that actually differs, instead of rounds x m: */
    int state;          /* 0 not built, 1 built, -1 no memory */
    int *name_rank;     /* ncand: position in bytewise name order */
    uint32_t *spread;   /* ncand: Java's HashMap hash of the name */
    int **chg;          /* ncand lists: rounds r >= 1 where votes[r] !=
                           votes[r-1], ascending */
    int *nchg, *capchg;
    int *pos;           /* ncand: index into chg[c] of c's heap key */
    uint32_t *stamp;    /* ncand: alive in the current look-back iff
                           stamp[c] == the entry's gen */
    uint32_t gen;
    int done;           /* rounds recorded in chg (rounds < done) */
    int *list;          /* 2 * ncand scratch */
    uint64_t *keys;     /* ncand scratch for the final ordering */
    rcv_tie_ent *heap;
    int nheap, capheap;
} rcv_tie;

void rcv_tie_init(rcv_tie *t, const rcv_ballots *b, const rcv_options *o);
/* rcv_tie_free: frees what the picks built; t may be used again only
 * after rcv_tie_init. */
void rcv_tie_free(rcv_tie *t);

/* rcv_tie_pick: picks one of the n candidates in tied[] (all with equal
 * votes now).  want_high: choosing a winner (or the larger surplus), else
 * a loser.  The rounds before `upto` of res are the history the
 * previous-round rules look at (scottish != 0: every earlier stage, most
 * recent first, narrowing; else RCTab's loop, the same narrowing with
 * Java's HashSet order kept for the final draw).  *drawn is set to 1 when
 * a draw decided.  Returns the candidate.
 * Contract: the votes of a round before `upto` never change after a call
 * that saw them (the pick keeps a record of where each candidate's votes
 * changed), and upto never decreases from one call to the next on the
 * same t.  Cost: O(m log m) for m = n plus, with previous-round, the
 * rounds in which the tied candidates' votes changed.  Memory: O(ncand +
 * the changes recorded); when it runs out the pick falls back to list
 * order (still reproducible), as it always did. */
int rcv_tie_pick(rcv_tie *t, const rcv_result *res, int upto, int *tied,
                 int n, int want_high, int *drawn);

/* rcv_tie_pick_scan: the same pick computed the plain way, round by
 * round with Java's HashSet rebuilt at each (O(rounds x m^2)): the
 * statement rcv_tie_pick must agree with, kept for the tests that check
 * it does (tests/test_bounds_count.c).  Never called by a count. */
int rcv_tie_pick_scan(rcv_tie *t, const rcv_result *res, int upto, int *tied,
                      int n, int want_high, int *drawn);

/* ---- candidates' standing (rcv_standing.c) ------------------------------ */

/* A candidate's standing during a count (the counts' status[] arrays). */
enum { RCV_HOPEFUL = 0, RCV_WON, RCV_OUT, RCV_WITHDRAWN };

/* A record with no candidate mark at all, in a count's per-record state. */
#define RCV_ST_BLANK RCV_ST_INACTIVE(RCV_INACTIVE_N)

/* rcv_standing_new: the per-candidate arrays every count starts from, each
 * b->ncand bytes: status[c] RCV_WITHDRAWN for a withdrawn candidate, else
 * RCV_HOPEFUL; cont[c] 1 where the candidate is not withdrawn, else 0.
 * Returns how many candidates are not withdrawn, or -1 when memory ran
 * out (then *status and *cont are NULL).  The caller frees both. */
int rcv_standing_new(const rcv_ballots *b, uint8_t **status, uint8_t **cont);

/* rcv_sort_desc: sorts the candidates list[0..n) by votes v[c], most
 * first; stable, so equal votes keep the order they had (the counts pass
 * them in list order, and decide ties afterwards). */
void rcv_sort_desc(const int64_t *v, int *list, int n);

/* ---- the counts --------------------------------------------------------- */

as_status rcv_count_rctab(const rcv_ballots *b, const rcv_options *o,
                          rcv_result *r, as_err *err);
as_status rcv_count_scottish(const rcv_ballots *b, const rcv_options *o,
                             rcv_result *r, as_err *err);
as_status rcv_count_approval(const rcv_ballots *b, const rcv_options *o,
                             rcv_result *r, as_err *err);

/* exact (a * b) / c, truncated, for non-negative values; c > 0. */
static inline int64_t rcv_muldiv(int64_t a, int64_t b, int64_t c)
{
    __extension__ typedef unsigned __int128 u128;
    return (int64_t)(((u128)(uint64_t)a * (uint64_t)b) / (uint64_t)c);
}

#endif
