/* ballot.h: one ballot's choice for any voting method, and its canonical
 * text: the exact bytes stored in ballots.db and written as the choice of
 * a line of ballots/<id>.txt (docs/export-format.md §2).  Plain C, core.
 *
 * Canonical texts, by method:
 *   yes-no-abstain, recall  `yes` | `no` | `abstain`
 *   consensus               `agree` | `stand-aside` | `block`
 *   approval                the approved options' ids joined by `,`, in
 *                           meeting-file order, e.g. `ana,luis`
 *   ranked-choice, stv      the ranked options' ids joined by `>`, first
 *                           preference first, e.g. `luis>ana>marta`
 *   approval, ranked, stv   `none` for a ballot that marks nothing (cast,
 *                           counted in turnout, moves no vote)
 * There is exactly one text per choice, so equal choices give equal
 * bytes and the Merkle root depends on nothing else. */
#ifndef AS_BALLOT_H
#define AS_BALLOT_H

#include <stddef.h>
#include "meeting.h"
#include "status.h"

/* Longest canonical text (24 ids of 63 bytes and their separators). */
#define BALLOT_TEXT_MAX (MEETING_MAX_OPTIONS * MEETING_ID_MAX)

typedef struct {
    int choice; /* yes-no-abstain, recall: CHOICE_*; consensus:
                   CONSENSUS_*; -1 for approval and ranked ballots */
    int n;      /* approval: options approved; ranked: ranks filled */
    int opt[MEETING_MAX_OPTIONS]; /* approval: approved option indices in
                                     meeting order; ranked: option indices,
                                     first preference first */
} ballot_choice;

/* ballot_format: the canonical text of c for proposal p into buf (NUL
 * terminated; size >= BALLOT_TEXT_MAX + 1 always suffices).  AS_EINVAL
 * when c does not fit p: a choice outside the method's, an option index
 * out of range or repeated, more approvals than p->choose, more ranks
 * than min(p->nopts, MEETING_MAX_RANKS), approval indices not ascending. */
as_status ballot_format(const proposal *p, const ballot_choice *c, char *buf,
                        size_t size);

/* ballot_parse: the choice whose canonical text is text[0..n) for
 * proposal p.  AS_EINVAL for anything that ballot_format would not have
 * written (unknown word or option id, wrong separator, repeats, wrong
 * order for approval, too many, trailing bytes). */
as_status ballot_parse(const proposal *p, const char *text, size_t n,
                       ballot_choice *c);

/* ballot_text_max: the length of the longest canonical text a ballot of
 * p can have (never more than BALLOT_TEXT_MAX, at least 1): the width of
 * the proposal's ballot slots in the store.  Never fails. */
size_t ballot_text_max(const proposal *p);

#endif
