/* method.h: the voting-method interface.  Everything that differs from
 * one voting method to another is in that method's own file,
 * src/count/method_<name>.c, as one `const method_def`; the registry
 * (include/method_list.h) lists them all, one line each.  The rest of the
 * program asks the registry (method_of) and never tests which method a
 * proposal uses: the meeting file's keys, the ballot's canonical text,
 * what the ballot and review screens show, the count, the blocks of
 * results.txt/csv/json, the tally command's report and the verifier's
 * recount all go through this table.
 *
 * A method's hooks may be shared with other methods (method_internal.h
 * holds the shared pieces: three-word ballots, option lists, the rcv
 * rounds); a NULL hook means "nothing of this kind" where the comment
 * says so.  Plain C, core: no SDL, no SQLite. */
#ifndef AS_METHOD_H
#define AS_METHOD_H

#include <stdint.h>
#include <stdio.h>
#include "ballot.h"
#include "meeting.h"
#include "method_meta.h"
#include "rcv.h"
#include "tally.h"
#include "xbuf.h"

/* How the ballot screen is laid out (the UI has one layout per value). */
typedef enum {
    UI_BALLOT_QUESTION = 0, /* the three answers on the proposal screen */
    UI_BALLOT_CHOICES,      /* three explained choices on their own screen */
    UI_BALLOT_LIST          /* options in a paged grid (approval, ranked) */
} ui_ballot_layout;

/* How the results screen of a closed proposal is laid out (the UI has
 * one layout per value). */
typedef enum {
    UI_RESULT_YES_NO = 0, /* the three counts against the threshold */
    UI_RESULT_CONSENSUS,  /* the outcome under the consensus rule */
    UI_RESULT_RECALL,     /* recalled or not, and the three counts */
    UI_RESULT_APPROVAL,   /* approvals per option, winners, ties */
    UI_RESULT_ROUNDS,     /* winners, then one page per round (r->rcv) */
    UI_RESULT_TABLE       /* the winner and the method's ui_table */
} ui_result_layout;

/* A results table a method gives the results screen (laid out by the
 * UI, ui_results.c): up to MEETING_MAX_OPTIONS rows and columns of
 * numbers with the options' names as row and column heads. */
typedef struct {
    const char *caption;  /* untranslated (N_) line above the table */
    const char *note;     /* untranslated (N_) line below it, or NULL */
    int n;                /* rows = columns = options */
    int64_t cell[MEETING_MAX_OPTIONS][MEETING_MAX_OPTIONS]; /* -1: blank */
} method_table;

typedef struct method_def method_def;

struct method_def {
    vote_method id;
    const char *word;   /* the meeting file's `method:` word, also the
                           export's `method` value */
    ballot_kind kind;
    const char *const *words; /* BALLOT_WORDS: the three canonical words,
                                 in choice order; else NULL */
    unsigned keys;      /* MKEY_* the method accepts */
    unsigned needs;     /* MKEY_* it requires */
    const char *passed, *not_passed; /* outcome words of TALLY_PASSED and
                                        TALLY_NOT_PASSED in the export */

    /* ---- counting (tally_counter_*).  count_new may be NULL (no state).
     * count_add adds one parsed ballot to counts[] (tally_result.counts)
     * and to its state; count_finish sets the verdict and winners of r
     * (ballots, blank, counts, quorum are already set; quorum and
     * min_ballots are applied after it) and may hang its own figures on
     * r->extra with r->extra_free to free them.  Failures: AS_ENOMEM; AS_EINVAL
     * with err saying why. */
    as_status (*count_new)(const proposal *p, void **state);
    as_status (*count_add)(void *state, const proposal *p,
                           const ballot_choice *c, int64_t *counts);
    as_status (*count_finish)(void *state, const proposal *p,
                              const uint8_t root[32], tally_result *r,
                              as_err *err);
    void (*count_free)(void *state);

    /* ---- export (docs/export-format.md §3.2).  Every writer appends to
     * b; none fails (an OOM shows in b->oom). */
    const char *(*rule_key)(const proposal *p); /* the `rule` value */
    int csv_yna;  /* results.csv: threshold column is the threshold's name
                     and yes,no,abstain are filled (else the rule key) */
    void (*txt_rule)(xbuf *b, const proposal *p);       /* before `state` */
    void (*txt_counts)(xbuf *b, const proposal *p,      /* after `ballots` */
                       const tally_result *r);
    void (*csv_counts)(xbuf *b, const proposal *p,      /* `counts` column */
                       const tally_result *r);
    void (*json_rule)(xbuf *b, const meeting *m,        /* after `rule` */
                      const proposal *p);
    void (*json_counts)(xbuf *b, const proposal *p,     /* inside "counts" */
                        const tally_result *r);
    void (*json_result)(xbuf *b, const proposal *p,     /* after
                        "min_ballots_met"; NULL: none */
                        const tally_result *r);

    /* ---- `asamblea tally`.  print: the recount of a bundle's proposal as
     * text (the lines between the ballots line and the outcome); -1 on
     * OOM.  tally_file: NULL, or counts a ballot file's ballots (any
     * ranked file: .blt, PrefLib, .csv) by this method and appends the
     * text report to out; seed stands in for the Merkle root in draws
     * (method_seed_root).  AS_EINVAL (err says why), AS_ENOMEM. */
    int (*print)(FILE *f, const meeting *m, const proposal *p,
                 const tally_result *r);
    as_status (*tally_file)(const rcv_ballots *b, uint64_t seed, xbuf *out,
                            as_err *err);

    /* ---- the screens: data the UI lays out (all texts untranslated, N_;
     * "%s" in them is the recall's delegate). */
    ui_ballot_layout layout;
    const char *ui_question;      /* UI_BALLOT_CHOICES: the heading */
    const char *ui_label[3];      /* BALLOT_WORDS: each choice's button */
    const char *ui_meaning[3];    /* UI_BALLOT_CHOICES: what it means */
    const char *ui_review[3];     /* BALLOT_WORDS: the review screen's
                                     words for the choice */
    int ui_review_meaning;        /* the review screen repeats the
                                     choice's ui_meaning */
    int ui_seats_line;            /* BALLOT_RANKED: say how many seats are
                                     filled, and call the threshold a
                                     quota */
    ui_result_layout ui_result;   /* the results screen */
    const char *ui_rule;          /* UI_RESULT_TABLE: the outcome and the
                                     rule in words, "%s" the outcome
                                     ("Elected: Ana") */
    /* ui_table: NULL, or fills t with the results table of a closed
     * proposal (e.g. condorcet's pairwise matrix); 0 when there is none
     * to show. */
    int (*ui_table)(const proposal *p, const tally_result *r,
                    method_table *t);
};

/* method_of: the method_def of m; never NULL (an out-of-range m gives
 * yes-no-abstain's, which the meeting loader never produces). */
const method_def *method_of(vote_method m);

/* method_by_word: the method whose meeting-file word is s, or NULL. */
const method_def *method_by_word(const char *s);

/* method_at: the i-th method of the registry (0 <= i < METHOD_COUNT). */
const method_def *method_at(int i);

/* method_max_marks: most options one ballot of p may mark (approval:
 * `choose`; ranked: every option, at most MEETING_MAX_RANKS; 0 for a
 * three-word ballot). */
int method_max_marks(const proposal *p);

/* method_result_steps: how many steps the round-by-round view of p's
 * result r has: ranked-choice and stv, one per counting round
 * (r->rcv->nrounds); condorcet, one per row of its table (each option's
 * head-to-head contests); 0 for the other methods and for r NULL. */
int method_result_steps(const proposal *p, const tally_result *r);

/* method_seed_root: the 32 bytes standing in for a Merkle root when a
 * ballot file (not a kiosk bundle) is counted with `--seed seed`: the
 * seed as 8 big-endian bytes, then 24 zero bytes. */
void method_seed_root(uint64_t seed, uint8_t root[32]);

#endif
