/* method_ranked_choice.c: `method: ranked-choice`: instant runoff, one
 * winner, counted round by round by the counting engine (rcv_count,
 * docs/counting-rules.md); ties by earlier rounds, then the documented
 * draw (tally_draw_seed). */
#include "i18n.h"
#include "method_internal.h"

static as_status finish(void *state, const proposal *p, const uint8_t root[32],
                        tally_result *r, as_err *err)
{
    return mc_rcv_finish(state, p, RCV_IRV, root, r, err);
}

static const char *rule_key(const proposal *p)
{
    (void)p;
    return "instant-runoff";
}

static void txt_rule(xbuf *b, const proposal *p)
{
    mc_txt_options(b, p, 0, 0);
}

static void json_rule(xbuf *b, const meeting *m, const proposal *p)
{
    mc_json_options(b, m, p, 0, 0);
}

static int print(FILE *f, const meeting *m, const proposal *p,
                 const tally_result *r)
{
    return mc_print_rcv(f, m, p, r, RCV_IRV);
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
    .count_finish = finish,
    .count_free = mc_rcv_free,
    .rule_key = rule_key,
    .txt_rule = txt_rule,
    .txt_counts = mc_txt_ranked_counts,
    .csv_counts = mc_csv_option_counts,
    .json_rule = json_rule,
    .json_counts = mc_json_option_counts,
    .json_result = mc_json_ranked_result,
    .print = print,
    .layout = UI_BALLOT_LIST,
    .ui_rounds = 1,
};
