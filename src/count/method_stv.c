/* method_stv.c: `method: stv`: single transferable vote for `seats`
 * delegates, by the Scottish rules (WIGM, 5 decimals; the default) or
 * RCTab's (`rule: rctab`), counted round by round by the counting engine
 * (rcv_count, docs/counting-rules.md).  The pieces are shared with
 * ranked-choice (method_rcv.c). */
#include "method_internal.h"

static const char *rule_key(const proposal *p)
{
    return p->stv_rule == 1 ? "stv-rctab" : "stv-scottish";
}

const method_def method_stv = {
    .id = METHOD_STV,
    .word = "stv",
    .kind = BALLOT_RANKED,
    .keys = MKEY_OPTIONS | MKEY_SEATS | MKEY_RULE,
    .needs = MKEY_OPTIONS | MKEY_SEATS,
    .passed = "passed",
    .not_passed = "not-passed",
    .count_new = mc_rcv_new,
    .count_add = mc_rcv_add,
    .count_finish = mc_stv_finish,
    .count_free = mc_rcv_free,
    .rule_key = rule_key,
    .txt_rule = mc_txt_options,
    .txt_counts = mc_txt_ranked_counts,
    .csv_counts = mc_csv_option_counts,
    .json_rule = mc_json_options,
    .json_counts = mc_json_option_counts,
    .json_result = mc_json_ranked_result,
    .print = mc_print_stv,
    .layout = UI_BALLOT_LIST,
    .ui_seats_line = 1,
    .ui_result = UI_RESULT_ROUNDS,
};
