/* rcv_report_internal.h: what the three report writers share: which
 * candidates each round shows and what happened to them.  Internal to
 * src/count. */
#ifndef AS_RCV_REPORT_INTERNAL_H
#define AS_RCV_REPORT_INTERNAL_H

#include <stdint.h>
#include "rcv.h"
#include "rcv_report.h"

typedef struct {
    int ncand;
    int *elim_round;  /* ncand: round index whose actions eliminate it, or -1 */
    int *elect_round; /* ncand: round index whose actions elect it, or -1 */
} report_fate;

/* report_fate_init: fills fa from r.  AS_ENOMEM. */
as_status report_fate_init(report_fate *fa, const rcv_result *r);
void report_fate_free(report_fate *fa);

/* report_shown: whether candidate c has a tally in round k (0-based): not
 * withdrawn and not eliminated in an earlier round (RCTab's rule). */
int report_shown(const report_fate *fa, const rcv_ballots *b, int k, int c);

/* report_active: the sum of the round's shown tallies (RCTab's active
 * ballots). */
int64_t report_active(const report_fate *fa, const rcv_ballots *b,
                      const rcv_result *r, int k);

/* report_num: v (scaled by 10^dec) as a decimal string into buf (>= 32). */
const char *report_num(int64_t v, int dec, char *buf);

/* report_contest: the contest name to print. */
const char *report_contest(const rcv_ballots *b, const report_info *info);

/* report_method: a few words for o's method and rule ("instant runoff
 * (IRV)", "single transferable vote, Scottish rule"...). */
const char *report_method(const rcv_options *o);

/* report_percent: part of whole as "42.85%", truncated to two decimals,
 * trailing zeros dropped but one kept ("25.0%"); "0.0%" when whole <= 0. */
const char *report_percent(int64_t part, int64_t whole, char *buf, size_t size);

/* report_sorted: the candidates in the order a summary lists them:
 * round-1 tally descending, then list order; withdrawn ones left out.
 * *n gets how many.  NULL on ENOMEM. */
int *report_sorted(const rcv_ballots *b, const rcv_result *r, int *n);

#endif
