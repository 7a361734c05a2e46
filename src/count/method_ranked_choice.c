/* method_ranked_choice.c: `method: ranked-choice`: instant runoff, one
 * winner, counted round by round by the counting engine (rcv_count,
 * docs/counting-rules.md); ties by earlier rounds, then the documented
 * draw (tally_draw_seed).  The pieces are shared with stv
 * (method_rcv.c). */
#include "method_internal.h"

static const char *rule_key(const proposal *p)
{
    (void)p;
    return "instant-runoff";
}

const method_def method_ranked_choice = {
    .id = METHOD_IRV,
    .word = "ranked-choice",
    .kind = BALLOT_RANKED,
    .keys = MKEY_OPTIONS,
    .needs = MKEY_OPTIONS,
    .passed = "passed",
    .not_passed = "not-passed",
    .count_new = mc_rcv_new,
    .count_add = mc_rcv_add,
    .count_finish = mc_irv_finish,
    .count_free = mc_rcv_free,
    .rule_key = rule_key,
    .txt_rule = mc_txt_options,
    .txt_counts = mc_txt_ranked_counts,
    .csv_counts = mc_csv_option_counts,
    .json_rule = mc_json_options,
    .json_counts = mc_json_option_counts,
    .json_result = mc_json_ranked_result,
    .print = mc_print_irv,
    .layout = UI_BALLOT_LIST,
    .ui_result = UI_RESULT_ROUNDS,
};
