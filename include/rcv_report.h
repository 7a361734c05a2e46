/* rcv_report.h: printing a count (rcv_result) for people and for other
 * tools: a round-by-round text table a volunteer can recount by hand,
 * RCTab's "universaltabulator" JSON, and a CSV like RCTab's summary CSV.
 * Plain C, core.  `asamblea tally` writes these to stdout
 * (docs/tally.md describes each format). */
#ifndef AS_RCV_REPORT_H
#define AS_RCV_REPORT_H

#include <stdio.h>
#include "rcv.h"
#include "status.h"

/* What the reports say about where the count came from. */
typedef struct {
    const char *contest;  /* the election's name; NULL: b->title or "Election" */
    const char *source;   /* the ballot file's name for the text header; NULL: none */
} report_info;

/* report_text: r, the count of b under o, as text: a header (contest,
 * method and rules, ballots), one table of candidates x rounds (in blocks
 * of at most six rounds) with the threshold, inactive ballots by cause and
 * residual surplus under it, then each round's decisions with every
 * transfer, and the winners.  AS_EIO (err says so) when f fails. */
as_status report_text(FILE *f, const rcv_ballots *b, const rcv_options *o,
                      const rcv_result *r, const report_info *info, as_err *err);

/* report_json: r as RCTab's result JSON: config {contest, generatedBy},
 * jsonFormatVersion "1", results[] {round, tally, tallyResults,
 * threshold, inactiveBallots} and summary {finalThreshold, numCandidates,
 * numWinners, totalNumBallots, undervotes}, numbers as decimal strings
 * exactly as the count computed them.  AS_EIO when f fails. */
as_status report_json(FILE *f, const rcv_ballots *b, const rcv_result *r,
                      const report_info *info, as_err *err);

/* report_csv: r as a CSV laid out like RCTab's summary CSV: contest
 * information, contest summary, then one row per candidate with each
 * round's votes, share of the active ballots (truncated to two decimals)
 * and transfer, and rows for active ballots, threshold, inactive ballots
 * by cause and residual surplus.  AS_EIO when f fails. */
as_status report_csv(FILE *f, const rcv_ballots *b, const rcv_result *r,
                     const report_info *info, as_err *err);

#endif
