/* method_consensus.c: `method: consensus`, agree / stand aside / block
 * under a consensus rule (meeting.h's consensus_rule, a preset or the
 * organizer's numbers; docs/voting-methods.md). */
#include "i18n.h"
#include "method_internal.h"

static const char *const words[] = {"agree", "stand-aside", "block"};

/* finish: the rule of meeting.h's consensus_rule. */
static as_status finish(void *state, const proposal *p, const uint8_t root[32],
                        tally_result *r, as_err *err)
{
    const consensus_rule *cr = &p->cons;
    const int64_t *c = r->counts;
    int64_t a = c[CONSENSUS_AGREE], s = c[CONSENSUS_STAND_ASIDE],
            b = c[CONSENSUS_BLOCK], n = a + s + b;
    (void)state;
    (void)root;
    (void)err;
    int stop = cr->blocks_to_stop >= 1 ? cr->blocks_to_stop : 1;
    if (n == 0)
        r->verdict = TALLY_NO_RESULT;
    else if (b >= stop && !(cr->override_den > 0 &&
                            (a + s) * cr->override_den >= cr->override_num * n))
        r->verdict = TALLY_BLOCKED;
    else if (cr->table_den > 0 && s * cr->table_den >= cr->table_num * n)
        r->verdict = TALLY_TABLED;
    else
        r->verdict = a >= 1 ? TALLY_PASSED : TALLY_NOT_PASSED;
    return AS_OK;
}

static const char *rule_key(const proposal *p)
{
    return p->cons.preset[0] ? p->cons.preset : "custom";
}

static void put_share(xbuf *b, const char *key, int num, int den)
{
    if (den > 0)
        xbuf_printf(b, "%s %d/%d\n", key, num, den);
    else
        xbuf_printf(b, "%s none\n", key);
}

static void txt_rule(xbuf *b, const proposal *p)
{
    xbuf_printf(b, "rule %s\nblocks-to-stop %d\n", rule_key(p),
                p->cons.blocks_to_stop);
    put_share(b, "stand-aside-to-table", p->cons.table_num, p->cons.table_den);
    put_share(b, "override", p->cons.override_num, p->cons.override_den);
}

static void txt_counts(xbuf *b, const proposal *p, const tally_result *r)
{
    (void)p;
    mc_put_words(b, words, r, "", " ", "", "\n");
}

static void csv_counts(xbuf *b, const proposal *p, const tally_result *r)
{
    (void)p;
    mc_put_words(b, words, r, "", "=", " ", "");
}

static void json_rule(xbuf *b, const meeting *m, const proposal *p)
{
    (void)m;
    xbuf_printf(b, ",\n      \"consensus\": {\"blocks_to_stop\": %d, "
                "\"stand_aside_to_table\": [%d, %d], \"override\": [%d, %d]}",
                p->cons.blocks_to_stop, p->cons.table_num, p->cons.table_den,
                p->cons.override_num, p->cons.override_den);
}

static void json_counts(xbuf *b, const proposal *p, const tally_result *r)
{
    static const char *const keys[] = {"agree", "stand_aside", "block"};
    (void)p;
    mc_put_words(b, keys, r, "\"", "\": ", ", ", "");
}

static int print(FILE *f, const meeting *m, const proposal *p,
                 const tally_result *r)
{
    static const char *const shown[] = {"agree", "stand aside", "block"};
    (void)m;
    (void)p;
    return mc_print_words(f, shown, 12, r);
}

const method_def method_consensus = {
    .id = METHOD_CONSENSUS,
    .word = "consensus",
    .kind = BALLOT_WORDS,
    .words = words,
    .keys = MKEY_CONSENSUS,
    .passed = "passed",
    .not_passed = "not-passed",
    .count_add = mc_words_add,
    .count_finish = finish,
    .rule_key = rule_key,
    .txt_rule = txt_rule,
    .txt_counts = txt_counts,
    .csv_counts = csv_counts,
    .json_rule = json_rule,
    .json_counts = json_counts,
    .print = print,
    .layout = UI_BALLOT_CHOICES,
    .ui_question = N_("Where do you stand?"),
    .ui_label = {N_("Agree"), N_("Stand aside"), N_("Block")},
    .ui_meaning = {N_("I support this proposal."),
                   N_("I have concerns but will not stop the group."),
                   N_("This goes against our principles; it stops the proposal.")},
    .ui_review = {N_("Agree"), N_("Stand aside"), N_("Block")},
    .ui_review_meaning = 1,
    .ui_result = UI_RESULT_CONSENSUS,
};
