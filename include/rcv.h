/* rcv.h: counting ranked and approval ballots: instant runoff (IRV),
 * single transferable vote (Scottish WIGM rule and the RCTab-compatible
 * rule), approval and plurality.  Plain C, core: no SDL, no SQLite.
 *
 * Arithmetic is exact: every vote total is a scaled 64-bit integer,
 * value * 10^decimals, truncated exactly where the rule says (Scottish
 * STV: 5 decimals; RCTab: `decimals`).  No floating point anywhere, also
 * not for the random tie-break (RCTab's java.util.Random is reproduced
 * with integer arithmetic).
 *
 * The ballot set (rcv_ballots) is what every reader fills (.blt, PrefLib,
 * .csv, the kiosk's export: include/ballot_file.h) and what the counter
 * reads; the result (rcv_result) is what every writer prints (text, RCTab
 * JSON, CSV: include/rcv_report.h) and what the kiosk's results screen
 * shows. */
#ifndef AS_RCV_H
#define AS_RCV_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"

/* ---- ballots ---------------------------------------------------------- */

/* One mark on a ballot.  A ballot is a sequence of marks; each mark is a
 * candidate index (0-based, list order) or one of the two specials below.
 * A mark with RCV_SAME_RANK set shares the rank of the mark before it:
 * that rank holds several candidates (an overvote).  RCV_SKIP is a rank
 * left empty (an undervote at that rank); RCV_OVERVOTE is a rank a scanner
 * reported as "overvote" without saying which candidates. */
typedef uint16_t rcv_mark;
#define RCV_SAME_RANK 0x8000u
#define RCV_SKIP 0x7FFFu
#define RCV_OVERVOTE 0x7FFEu
/* Candidate indices are < RCV_MAX_CAND.  A count of n candidates can take
 * n rounds, and every report (text, RCTab JSON, CSV) shows each
 * candidate in each round: n^2 figures.  At 4,096 that was a 278 MB text
 * report, 16 s and 810 MB even in a Release build; at 1,000 it is 17 MB
 * and under 4 s and 170 MB in the ASan build (tests/test_bounds_count.c
 * holds that to 10 s and 256 MB).  The largest real elections counted this
 * way have had about 150 candidates, so 1,000 refuses only a wrong file
 * (docs/tally.md). */
#define RCV_MAX_CAND 1000

/* A set of ballots.  Records with identical marks may be merged by
 * readers (weight = how many ballots the record stands for), so memory
 * stays below the input file's size for real elections.  Records are kept
 * in input order; the count never depends on that order. */
typedef struct {
    int ncand;
    char **cand;        /* names, list order (list-order tie-breaks use it) */
    uint8_t *withdrawn; /* ncand flags: withdrawn before the count (BLT) */
    int seats;          /* seats the file states (BLT); 0 when it says none */
    char *title;        /* NULL when the file has none */
    int64_t n;          /* ballot records */
    int64_t *weight;    /* n weights, each >= 1 */
    uint32_t *off;      /* n + 1 offsets: record i is mark[off[i] .. off[i+1]) */
    rcv_mark *mark;
    size_t nmark;
    /* growth bookkeeping, private to rcv_ballots.c */
    int64_t cap_n;
    size_t cap_mark;
    int cap_cand;
    int64_t total_w;    /* running sum of weights */
    void *merge;        /* merge table (rcv_ballots_merge_identical) */
} rcv_ballots;

/* rcv_ballots_new: an empty set.  AS_ENOMEM. */
as_status rcv_ballots_new(rcv_ballots **out);

/* rcv_ballots_free: NULL allowed. */
void rcv_ballots_free(rcv_ballots *b);

/* rcv_ballots_add_candidate: appends a candidate named name (copied);
 * *index (may be NULL) receives its index.  AS_EINVAL for an empty name,
 * a name already present, or more than RCV_MAX_CAND candidates (err says
 * which); AS_ENOMEM. */
as_status rcv_ballots_add_candidate(rcv_ballots *b, const char *name,
                                    int *index, as_err *err);

/* rcv_ballots_find: the index of the candidate named name (n bytes), or
 * -1. */
int rcv_ballots_find(const rcv_ballots *b, const char *name, size_t n);

/* rcv_ballots_add: appends one record of weight w (>= 1) holding the
 * nmarks marks.  A record with no marks is a blank ballot (an undervote).
 * AS_EINVAL for w < 1, a mark naming no candidate, or a total weight that
 * would exceed INT64_MAX / 10^9; AS_ENOMEM.  On failure nothing is
 * added. */
as_status rcv_ballots_add(rcv_ballots *b, int64_t w, const rcv_mark *marks,
                          size_t nmarks, as_err *err);

/* rcv_ballots_merge_identical: on != 0: from now on rcv_ballots_add folds
 * a record identical to an earlier one (same marks) into that record's
 * weight instead of appending it, so b->n counts distinct records, not
 * ballots.  Merging switches itself off when the input proves mostly
 * unique (it would then cost memory instead of saving it).  on == 0 stops
 * merging and frees the table.  AS_ENOMEM. */
as_status rcv_ballots_merge_identical(rcv_ballots *b, int on);

/* rcv_ballots_total: the sum of all weights (blank ballots included). */
int64_t rcv_ballots_total(const rcv_ballots *b);

/* ---- rules -------------------------------------------------------------- */

typedef enum { RCV_IRV = 0, RCV_STV, RCV_APPROVAL, RCV_PLURALITY } rcv_method;
typedef enum { RCV_RULE_SCOTTISH = 0, RCV_RULE_RCTAB } rcv_rule;
typedef enum {
    RCV_QUOTA_DROOP = 0,        /* floor(V/(S+1)) + 1 */
    RCV_QUOTA_DROOP_FRACTIONAL, /* V/(S+1) truncated to d decimals + 10^-d */
    RCV_QUOTA_HARE              /* V/S rounded up */
} rcv_quota;
typedef enum { RCV_ELIM_SINGLE = 0, RCV_ELIM_BATCH } rcv_elimination;
typedef enum {
    RCV_TIE_PREVIOUS_ROUND = 0, /* earlier rounds (stages), most recent
                                   first, keeping the tied candidates with
                                   fewest (loser) / most (winner) votes
                                   there until one is left (Scottish rule
                                   51; RCTab previousRoundCountsThenRandom);
                                   then a draw (seed) */
    RCV_TIE_LIST_ORDER,         /* the tied candidate listed last loses */
    RCV_TIE_RANDOM              /* a draw (seed), RCTab's java.util.Random */
} rcv_tiebreak;
typedef enum {
    RCV_OVER_EXHAUST = 0,       /* an overvoted rank exhausts the ballot */
    RCV_OVER_SKIP,              /* skip to the next rank */
    RCV_OVER_EXHAUST_IF_MULTIPLE /* exhaust only if more than one marked
                                    candidate at that rank is continuing */
} rcv_overvote;
typedef enum { RCV_DUP_SKIP = 0, RCV_DUP_EXHAUST } rcv_duplicates;

typedef struct {
    rcv_method method;
    int seats;               /* 0: the ballots' own seats, else 1 */
    rcv_rule rule;           /* STV only; IRV always counts RCTab-style */
    rcv_quota quota;         /* RCTab rule; Scottish is always Droop */
    int decimals;            /* RCTab rule (default 4); Scottish is 5 */
    rcv_elimination elimination;
    int continue_until_two;  /* IRV: go on until two candidates remain */
    rcv_tiebreak tiebreak;
    uint64_t seed;           /* draws: java.util.Random(seed), one per count,
                                as RCTab (negative seeds: two's complement) */
    rcv_overvote overvote;
    int max_skipped;         /* consecutive skipped ranks allowed; -1 unlimited */
    rcv_duplicates duplicates;
    int one_winner_per_round;/* RCTab multi-seat: elect one winner a round */
    int max_rankings;        /* ranks read from each ballot; 0: all */
} rcv_options;

/* rcv_options_default: IRV, 1 seat, Scottish rule for STV, Droop,
 * 4 decimals, single elimination, previous-round tie-break, seed 0,
 * overvote exhaust, max_skipped -1, duplicates skip. */
void rcv_options_default(rcv_options *o);

/* ---- results ------------------------------------------------------------ */

/* Why ballots stopped counting (RCTab's inactiveBallots). */
enum {
    RCV_INACTIVE_EXHAUSTED = 0, /* no continuing candidate left on it */
    RCV_INACTIVE_OVERVOTE,
    RCV_INACTIVE_SKIPPED,
    RCV_INACTIVE_REPEATED,
    RCV_INACTIVE_N
};

/* What happened to one candidate in a round, and where its ballots went:
 * to[c] scaled votes moved to candidate c, exhausted/residual likewise.
 * The moves are applied between this round and the next (RCTab's
 * tallyResults of the round).  A surplus moves in the same action that
 * elects the candidate, except under the Scottish rule when several
 * surpluses wait: the later ones are actions with elected == 2 in the
 * stage that moves them. */
typedef struct {
    int cand;
    int elected;       /* 1 elected this round, 0 eliminated (excluded),
                          2 surplus transfer of a candidate elected in an
                          earlier round (Scottish rule only) */
    int64_t *to;       /* ncand */
    int64_t exhausted; /* moved to no one (non-transferable) */
    int64_t residual;  /* surplus lost to truncation */
} rcv_action;

/* One round (RCTab) or stage (Scottish).  IRV, plurality and approval
 * count whole ballots (decimals 0); inactive ballots do not include blank
 * ones (those are rcv_result.undervotes, left out of every round). */
typedef struct {
    int64_t *votes;       /* ncand scaled totals; meaningful for continuing
                             and elected candidates, 0 for eliminated ones */
    uint8_t *continuing;  /* ncand: 1 a hopeful counted in this round
                             (also IRV's winner with continue_until_two),
                             2 elected in an earlier round and still shown
                             (STV; votes = the threshold, RCTab; what it
                             keeps, Scottish), 0 eliminated or withdrawn */
    int64_t threshold;    /* scaled */
    int64_t inactive[RCV_INACTIVE_N]; /* cumulative, scaled */
    int64_t residual;     /* cumulative surplus lost to truncation, scaled */
    int64_t final_surplus;/* RCTab STV, last round only: the surplus of the
                             last winners, not moved because every seat is
                             filled (RCTab's inactiveBallots
                             finalRoundSurplus); the same amount is the
                             `exhausted` of those winners' actions */
    int nactions;
    rcv_action *actions;  /* applied after this round's tally */
    int tie;              /* a tie-break decided this round */
} rcv_round;

typedef struct {
    int ncand;
    int decimals;         /* totals are value * 10^decimals */
    int seats;
    int64_t total;        /* all ballots, blank ones included */
    int64_t undervotes;   /* blank ballots (RCTab's summary.undervotes) */
    int nrounds;
    rcv_round *rounds;
    int nwinners;
    int *winners;         /* in the order elected */
    int tie_note;         /* some decision needed a tie-break */
} rcv_result;

/* rcv_count: counts b under o into a new *out (caller frees with
 * rcv_result_free).  The exact rules are stated in docs/counting-rules.md.
 * Under the RCTab rules (IRV, STV rule RCTAB) a candidate named
 * "Undeclared Write-ins" is RCTab's undeclared write-ins: it cannot win,
 * and while it has votes it is eliminated alone and no one is elected.  AS_EINVAL (err says why) for options that do not fit
 * the ballots: seats < 1 or >= continuing candidates for STV, decimals
 * outside 0..9, a total that could overflow at that scale.  AS_ENOMEM.
 * Never fails on odd ballots: they become inactive, by cause. */
as_status rcv_count(const rcv_ballots *b, const rcv_options *o,
                    rcv_result **out, as_err *err);

/* rcv_result_free: NULL allowed. */
void rcv_result_free(rcv_result *r);

/* rcv_format_scaled: writes v (scaled by 10^decimals) as a decimal string
 * without trailing zeros ("12", "0.6559", "-3.5") into buf (>= 32 bytes);
 * returns buf. */
char *rcv_format_scaled(int64_t v, int decimals, char *buf, size_t size);

#endif
