/* method_internal.h: pieces several method files share (method_common.c,
 * method_rcv.c): the three-word ballots, option lists, and the counting
 * engine's rounds.  Not a public interface: include/method.h is. */
#ifndef AS_METHOD_INTERNAL_H
#define AS_METHOD_INTERNAL_H

#include "method.h"

/* ---- three-word ballots (yes-no-abstain, recall, consensus) ----------- */

/* mc_words_add: counts[c->choice]++. */
as_status mc_words_add(void *state, const proposal *p, const ballot_choice *c,
                       int64_t *counts);
/* mc_yna_finish: yes-no-abstain and recall: the threshold decision. */
as_status mc_yna_finish(void *state, const proposal *p, const uint8_t root[32],
                        tally_result *r, as_err *err);
/* mc_txt_threshold: the `threshold` and `base` lines. */
void mc_txt_threshold(xbuf *b, const proposal *p);
/* mc_put_words: "w0=n0 w1=n1 w2=n2"-like output of the three counts:
 * each as pre, word, mid, count, post. */
void mc_put_words(xbuf *b, const char *const *w, const tally_result *r,
                  const char *pre, const char *mid, const char *sep,
                  const char *post);
/* mc_print_words: the three counts, one per line, words padded to width. */
int mc_print_words(FILE *f, const char *const *w, int width,
                   const tally_result *r);

/* yes-no-abstain and recall: the words, rule key ("threshold"), counts
 * in results.txt/csv/json, "base" in results.json, the tally report. */
extern const char *const mc_yna_words[3];
const char *mc_threshold_rule_key(const proposal *p);
void mc_yna_txt_counts(xbuf *b, const proposal *p, const tally_result *r);
void mc_yna_csv_counts(xbuf *b, const proposal *p, const tally_result *r);
void mc_json_base(xbuf *b, const meeting *m, const proposal *p);
void mc_yna_json_counts(xbuf *b, const proposal *p, const tally_result *r);
int mc_yna_print(FILE *f, const meeting *m, const proposal *p,
                 const tally_result *r);

/* ---- option lists (approval, ranked-choice, stv, condorcet) ---------- */

/* mc_txt_options: `rule`, `seats` and `choose` (when the method accepts
 * those keys) and `options` lines. */
void mc_txt_options(xbuf *b, const proposal *p);
/* mc_json_options: "seats" and "choose" (when the method accepts those
 * keys) and the "options" list with names in the first language. */
void mc_json_options(xbuf *b, const meeting *m, const proposal *p);
/* mc_txt_option_counts: `blank`, then `<word> <id> <n>` per option. */
void mc_txt_option_counts(xbuf *b, const proposal *p, const tally_result *r,
                          const char *word);
/* mc_csv_option_counts: "id=n id=n ... blank=n". */
void mc_csv_option_counts(xbuf *b, const proposal *p, const tally_result *r);
/* mc_json_option_counts: "\"id\": n, ..." */
void mc_json_option_counts(xbuf *b, const proposal *p, const tally_result *r);
/* mc_put_ids: "<key> id id" or "<key> none" and a newline. */
void mc_put_ids(xbuf *b, const char *key, const proposal *p, const int *idx,
                int n);
/* mc_json_ids: a JSON list of the ids of idx[0..n). */
void mc_json_ids(xbuf *b, const proposal *p, const int *idx, int n);
/* mc_json_winners: ",\n      \"winners\": [...]". */
void mc_json_winners(xbuf *b, const proposal *p, const tally_result *r);
/* mc_print_options: each option's name and count, then blank ballots. */
int mc_print_options(FILE *f, const meeting *m, const proposal *p,
                     const tally_result *r);
/* mc_print_winners: "Elected: a, b" when there are winners. */
int mc_print_winners(FILE *f, const proposal *p, const tally_result *r);

/* ---- ranked ballots through the counting engine (method_rcv.c) ------- */

/* mc_rcv_new: an rcv_ballots with p's options as candidates (state). */
as_status mc_rcv_new(const proposal *p, void **state);
/* mc_rcv_add: the ballot's ranks into the state; counts[first]++. */
as_status mc_rcv_add(void *state, const proposal *p, const ballot_choice *c,
                     int64_t *counts);
/* mc_rcv_free: frees the state. */
void mc_rcv_free(void *state);
/* mc_irv_finish, mc_stv_finish: count the state by instant runoff or STV
 * into r->rcv and r->winners when a ballot ranks anyone; set the
 * verdict. */
as_status mc_irv_finish(void *state, const proposal *p, const uint8_t root[32],
                        tally_result *r, as_err *err);
as_status mc_stv_finish(void *state, const proposal *p, const uint8_t root[32],
                        tally_result *r, as_err *err);
/* mc_txt_ranked_counts: the block's counts for ranked-choice and stv:
 * first preferences, rounds, winners, tie-break. */
void mc_txt_ranked_counts(xbuf *b, const proposal *p, const tally_result *r);
/* mc_json_ranked_result: winners, decimals, tie_break_used, rounds. */
void mc_json_ranked_result(xbuf *b, const proposal *p, const tally_result *r);
/* mc_print_irv, mc_print_stv: the engine's round-by-round text report
 * of r->rcv, or the winners. */
int mc_print_irv(FILE *f, const meeting *m, const proposal *p,
                 const tally_result *r);
int mc_print_stv(FILE *f, const meeting *m, const proposal *p,
                 const tally_result *r);

#endif
