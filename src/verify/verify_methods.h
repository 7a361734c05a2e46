/* verify_methods.h: what the verifier expects of each voting method in
 * results.txt, results.csv and results.json (docs/export-format.md §3,
 * docs/export.md), one row per method in verify_methods.c.  Everything
 * else the checks compare is the same for every method. */
#ifndef AS_VERIFY_METHODS_H
#define AS_VERIFY_METHODS_H

#include "meeting.h"
#include "tally.h"
#include "verify_internal.h"

/* The columns of results.csv, in the header's order (docs/export.md). */
enum {
    VC_ID, VC_TITLE, VC_METHOD, VC_STATE, VC_THRESHOLD, VC_YES, VC_NO, VC_ABSTAIN,
    VC_BALLOTS, VC_OUTCOME, VC_CHECKED_IN, VC_QUORUM, VC_QUORUM_MET, VC_ROOT,
    VC_COUNTS, VC_WINNERS, VC_TIED, VC_N
};
#define VC_V1_N VC_COUNTS /* a meeting of version-1 blocks only */

struct vjobj;

typedef struct {
    int method;            /* vote_method */
    const char *word;      /* the `method` word of every file */
    const char *passed;    /* outcome word of TALLY_PASSED ... */
    const char *not_passed;/* ... and of TALLY_NOT_PASSED */
    /* ballots/<id>.txt: the three choice words, counted as yes, no,
     * abstain (§2); NULL: option ids joined by ',' or '>', or none */
    const char *const *ballot_words;
    /* results.txt §3.2: the rule lines (before `state`) and the count
     * lines (after `ballots`) */
    void (*rules)(vbuf *b, const proposal *p);
    void (*counts)(vbuf *b, const proposal *p, const tally_result *r);
    /* results.csv: its threshold column, and with r (closed) its yes, no,
     * abstain, counts, winners and tied columns */
    void (*csv)(vbuf *col, const proposal *p, const tally_result *r);
    /* results.json: its own keys of the proposal object (r: closed) */
    void (*json)(struct vjobj *j, const meeting *m, const proposal *p,
                 const tally_result *r);
} vmethod;

/* vmethod_of: the row of a vote_method, or NULL. */
const vmethod *vmethod_of(int method);
/* vmethod_by_word: the row whose word is s/n, or NULL. */
const vmethod *vmethod_by_word(const char *s, size_t n);

/* vmethod_v1: 1 when p is written as a version-1 block (§3.1):
 * yes-no-abstain with base yes-no and no min_ballots. */
int vmethod_v1(const proposal *p);
/* vmethod_rule_key: the `rule` word of p (§3.2). */
const char *vmethod_rule_key(const proposal *p);
/* vmethod_outcome: the outcome word of a verdict (tally_verdict) for p. */
const char *vmethod_outcome(const proposal *p, int verdict);

#endif
