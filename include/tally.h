/* tally.h: deciding a yes/no/abstain vote against its threshold and the
 * meeting's quorum.  Plain C, exact integer arithmetic, no floating point:
 * a proposal exactly at two-thirds must not fail by a rounding error.
 *
 * Rules (the same for the results screen and the export):
 *   - the base is yes + no; abstentions never count toward it;
 *   - a non-strict threshold num/den passes when yes*den >= num*(yes+no),
 *     a strict one ("majority" = 1/2 strict) when yes*den > num*(yes+no);
 *   - with no yes and no no votes at all (yes + no == 0) nothing passes;
 *   - a vote taken without quorum is not valid: `passed` requires
 *     quorum_met as well as the threshold.  threshold_met says whether the
 *     threshold alone was reached, so a screen can say "the majority voted
 *     yes, but quorum was not met".
 *
 * Limits: the comparison is exact for every count 0 <= yes, no, abstain
 * with yes + no <= INT64_MAX and every threshold 0 < den, 0 <= num <= den
 * that fits an int.  The products are formed in 128 bits by hand (not
 * with __int128, which 32-bit ARM compilers lack), so no product can
 * overflow.  Inputs outside those limits give valid = 0 and passed = 0. */
#ifndef AS_TALLY_H
#define AS_TALLY_H

#include <stddef.h>
#include <stdint.h>
#include "ballot.h"
#include "meeting.h"
#include "rcv.h"

typedef struct {
    int64_t yes, no, abstain;
} tally_yna;

typedef struct {
    int passed;        /* threshold_met && quorum_met && !no_votes && valid */
    int64_t base;      /* yes + no (tally_decide_base: or all ballots) */
    int quorum_needed; /* as given; 0 or less: no quorum */
    int quorum_met;    /* checked_in >= quorum_needed (always 1 with no quorum) */
    int no_votes;      /* yes + no == 0 */
    int threshold_met; /* the threshold alone, ignoring quorum */
    int valid;         /* 0: negative counts, yes+no overflow or a bad threshold */
} tally_outcome;

/* tally_decide: the outcome of counts c under threshold th with
 * checked_in attendees present and quorum_needed required (0: none).
 * Never fails: bad input (th NULL, den <= 0, num outside [0, den],
 * negative counts, yes + no > INT64_MAX) gives valid = 0, passed = 0. */
tally_outcome tally_decide(const threshold *th, tally_yna c, int checked_in,
                           int quorum_needed);

/* tally_decide_base: tally_decide with the threshold's base chosen:
 * BASE_YES_NO is tally_decide exactly; BASE_ALL_BALLOTS takes the
 * fraction of every ballot cast (yes + no + abstain: yes*den >=
 * num*(yes+no+abstain), or > when strict), and `base` in the outcome is
 * then that sum and no_votes means no ballot at all.  Never fails, as
 * tally_decide (a sum above INT64_MAX gives valid = 0). */
tally_outcome tally_decide_base(const threshold *th, threshold_base base,
                                tally_yna c, int checked_in,
                                int quorum_needed);

/* tally_percent_tenths: 1000 * part / whole rounded half up, i.e. the
 * percentage in tenths (625 for 62.5%).  Exact for all 0 <= part <= whole
 * <= INT64_MAX.  Returns -1 when whole <= 0 or part is outside [0, whole]. */
int tally_percent_tenths(int64_t part, int64_t whole);

/* tally_format_percent: writes "62.5%" (part of whole, rounded half up to
 * one decimal) into buf, or "-" when tally_percent_tenths gives -1.
 * buf needs at least TALLY_PERCENT_SIZE bytes; returns buf. */
#define TALLY_PERCENT_SIZE 8
char *tally_format_percent(int64_t part, int64_t whole, char *buf, size_t size);

/* tally_shares: each of parts[0..n) as a percentage of base, in tenths
 * (625 for 62.5%), for a screen or page that shows counts on one stated
 * base.  When the parts add up to the base the shares add up to exactly
 * 1000 (largest remainder: each share is rounded down, and the tenths
 * left go to the parts that lost most, the earlier on a tie), so a room
 * never reads 100.1%; otherwise each is tally_percent_tenths.  Returns 0,
 * or -1 (tenths untouched) when base <= 0, n is outside [1,
 * MEETING_MAX_OPTIONS + 3], a part is negative or the parts exceed base. */
int tally_shares(const int64_t *parts, int n, int64_t base, int *tenths);


/* ---- every method: from canonical ballot texts to a result ------------- */

typedef enum {
    TALLY_PASSED = 0,   /* yes-no-abstain, consensus; recall: recalled */
    TALLY_NOT_PASSED,   /* yes-no-abstain: threshold not reached; recall:
                           not recalled; consensus: nobody agreed */
    TALLY_BLOCKED,      /* consensus: stopped by blocks */
    TALLY_TABLED,       /* consensus: too many stand asides */
    TALLY_ELECTED,      /* approval, ranked-choice, stv: see winners */
    TALLY_NO_RESULT     /* quorum or min_ballots not met, or nothing to
                           count (no yes/no votes, no marked ballot) */
} tally_verdict;

typedef struct tally_result_s {
    const proposal *p;
    tally_verdict verdict;
    int64_t ballots;     /* all ballots cast */
    int64_t blank;       /* approval/ranked ballots marking nothing */
    /* yes-no-abstain, recall: [CHOICE_*]; consensus: [CONSENSUS_*];
     * approval: approvals per option; ranked, stv: first preferences */
    int64_t counts[MEETING_MAX_OPTIONS];
    tally_outcome yna;   /* yes-no-abstain and recall: the decision */
    int checked_in;      /* people present when voting closed */
    int quorum_needed;   /* 0: none */
    int quorum_met;
    int min_ballots_met;
    int nwinners;        /* approval, ranked-choice, stv */
    int winners[MEETING_MAX_OPTIONS]; /* option indices, in order */
    int ntied;           /* approval: options tied for the last seats, */
    int tied[MEETING_MAX_OPTIONS];    /* decided by the documented draw */
    rcv_result *rcv;     /* ranked-choice, stv: every round; else NULL
                            (also NULL when no ballot ranks anyone) */
    void *extra;         /* the method's own figures (include/method.h,
                            count_finish), freed by extra_free; NULL for
                            most methods */
    void (*extra_free)(void *extra);
} tally_result;
/* The count is made in full even when quorum or min_ballots is not met
 * (counts, winners, rounds, yna.threshold_met), so a screen can say what
 * the ballots said; only verdict == TALLY_ELECTED / TALLY_PASSED makes it
 * the result.  Approval: an option with no approval never wins, so
 * nwinners may be below seats; ntied > 0 when options with as many
 * approvals as the last winner were left out: tied[] lists every option
 * with that many approvals, in draw order (tally_draw_key), the first
 * ones winning.  Ranked-choice and stv: winners are rcv->winners, option
 * indices in the order elected; rcv->tie_note says a tie-break was used. */

/* Draws (docs/voting-methods.md "Ties", docs/export-format.md): every
 * draw is seeded from the Merkle root of the proposal's ballot list, which
 * nobody knows before the vote closes and everyone can recompute.
 *   approval: options tied for the last seats are ordered by
 *     SHA-256(TALLY_DRAW_DOMAIN || root || option id) compared as bytes,
 *     smallest first; the first ones take the seats left;
 *   ranked-choice, stv: rcv_count's draw (RCTab's java.util.Random) with
 *     seed = the first 8 bytes, big-endian, of
 *     SHA-256(TALLY_DRAW_DOMAIN || root). */
#define TALLY_DRAW_DOMAIN "asamblea-draw/v1"

/* tally_draw_key: the approval draw's key of option id. */
void tally_draw_key(const uint8_t root[32], const char *id, uint8_t out[32]);

/* tally_draw_seed: the ranked and stv draws' seed. */
uint64_t tally_draw_seed(const uint8_t root[32]);

typedef struct tally_counter tally_counter;

/* tally_counter_new: a counter for proposal p (p must outlive it).
 * AS_ENOMEM. */
as_status tally_counter_new(const proposal *p, tally_counter **out);

/* tally_counter_free: NULL allowed. */
void tally_counter_free(tally_counter *t);

/* tally_counter_add: one ballot, as its canonical text (ballot.h).
 * AS_ECORRUPT for a text that is not canonical for p (nothing is added;
 * the caller says which file); AS_ENOMEM. */
as_status tally_counter_add(tally_counter *t, const char *text, size_t n);

/* tally_counter_finish: the result of every ballot added, with
 * checked_in people present at the close, the proposal's quorum
 * (meeting_proposal_quorum) and root, the Merkle root of the ballot list,
 * which seeds every draw (docs/voting-methods.md, "Ties"), so anyone can
 * repeat it.  The caller frees *out with tally_result_free.  AS_ENOMEM;
 * AS_EINVAL (err says why) when the count cannot be made. */
as_status tally_counter_finish(tally_counter *t, int checked_in,
                               int quorum_needed, const uint8_t root[32],
                               tally_result **out, as_err *err);

/* tally_result_free: NULL allowed. */
void tally_result_free(tally_result *r);

#endif
