/* method_recall.c: `method: recall`, a yes/no/abstain vote on recalling
 * the `delegate`, decided by a threshold like yes-no-abstain
 * (docs/voting-methods.md); its ballot has its own screen that names the
 * delegate in every choice. */
#include "i18n.h"
#include "method_internal.h"

static void json_rule(xbuf *b, const meeting *m, const proposal *p)
{
    mc_json_base(b, m, p);
    xbuf_puts(b, ",\n      \"delegate\": ");
    xbuf_json(b, meeting_text(m, &p->delegate, 0));
}

const method_def method_recall = {
    .id = METHOD_RECALL,
    .word = "recall",
    .kind = BALLOT_WORDS,
    .words = mc_yna_words,
    .keys = MKEY_THRESHOLD | MKEY_BASE | MKEY_DELEGATE,
    .needs = MKEY_DELEGATE,
    .passed = "recalled",
    .not_passed = "not-recalled",
    .count_add = mc_words_add,
    .count_finish = mc_yna_finish,
    .rule_key = mc_threshold_rule_key,
    .csv_yna = 1,
    .txt_rule = mc_txt_threshold,
    .txt_counts = mc_yna_txt_counts,
    .csv_counts = mc_yna_csv_counts,
    .json_rule = json_rule,
    .json_counts = mc_yna_json_counts,
    .print = mc_yna_print,
    .layout = UI_BALLOT_CHOICES,
    .ui_question = N_("Recall %s?"),
    .ui_label = {N_("Yes"), N_("No"), N_("Abstain")},
    .ui_meaning = {N_("Recall %s"), N_("Keep %s"), N_("I do not take a side")},
    .ui_review = {N_("Yes, recall %s"), N_("No, keep %s"), N_("Abstain")},
    .ui_result = UI_RESULT_RECALL,
};
