/* verify_expect.h: what each proposal's entries in results.txt,
 * results.csv and results.json must say, worked out by the verifier from
 * meeting.yaml, attendance.txt, the stated attendance at each close (tied
 * to events.log by the events check) and its own recount of the ballot
 * lists. */
#ifndef AS_VERIFY_EXPECT_H
#define AS_VERIFY_EXPECT_H

#include "meeting.h"
#include "tally.h"
#include "verify_bundle.h"
#include "verify_methods.h"

typedef struct vexp {
    const proposal *p;       /* meeting.yaml's, same place as in results.txt */
    const vmethod *vm;
    const verify_result *x;  /* its results.txt block */
    int v1, closed;
    int quorum;              /* the proposal's own (vexp_quorum) */
    int64_t checked_in;      /* closed: at the close; else attendance.txt's */
    int quorum_met;
    /* closed only: */
    int64_t ballots;
    int64_t yna[3];          /* version 1: yes, no, abstain of the list */
    tally_outcome o;         /* version 1: the decision */
    const tally_result *res; /* §3.2: the recount */
    const char *outcome;     /* results.txt's outcome word */
    char root[2 * RECORD_HASH_SIZE + 1];
} vexp;

/* vexp_quorum: a proposal's quorum: its own `quorum:` (a percentage of
 * attendance.txt's roster, rounded up) or attendance.txt's quorum. */
int vexp_quorum(const proposal *p, const verify_attendance *a);

/* vexp_meeting_quorum: the meeting's quorum for a roster of that size:
 * meeting.yaml's number, or its percentage of the roster rounded up. */
int64_t vexp_meeting_quorum(const meeting *m, int64_t roster_size);

#endif
