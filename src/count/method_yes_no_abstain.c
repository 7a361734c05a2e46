/* method_yes_no_abstain.c: `method: yes-no-abstain` (the default), a
 * motion passed by a threshold of yes (docs/voting-methods.md).  Its
 * results.txt block is version 1's when it has the default base and no
 * min_ballots (export_is_v1_block); otherwise the §3.2 block these hooks
 * write.  Its ballot is the three answers on the proposal screen. */
#include "i18n.h"
#include "method_internal.h"

const method_def method_yes_no_abstain = {
    .id = METHOD_YES_NO_ABSTAIN,
    .word = "yes-no-abstain",
    .kind = BALLOT_WORDS,
    .words = mc_yna_words,
    .keys = MKEY_THRESHOLD | MKEY_BASE,
    .passed = "passed",
    .not_passed = "not-passed",
    .count_add = mc_words_add,
    .count_finish = mc_yna_finish,
    .rule_key = mc_threshold_rule_key,
    .csv_yna = 1,
    .txt_rule = mc_txt_threshold,
    .txt_counts = mc_yna_txt_counts,
    .csv_counts = mc_yna_csv_counts,
    .json_rule = mc_json_base,
    .json_counts = mc_yna_json_counts,
    .print = mc_yna_print,
    .layout = UI_BALLOT_QUESTION,
    .ui_label = {N_("Yes"), N_("No"), N_("Abstain")},
    .ui_review = {N_("Yes"), N_("No"), N_("Abstain")},
    .ui_result = UI_RESULT_YES_NO,
};
