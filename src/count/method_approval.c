/* method_approval.c: `method: approval`: each ballot approves up to
 * `choose` options; the `seats` most approved win, an option with no
 * approval never does, and options tied across the last seat are
 * ordered by the documented draw (tally_draw_key, smallest first;
 * docs/voting-methods.md "Ties"). */
#include <string.h>
#include "i18n.h"
#include "method_internal.h"

static as_status add(void *state, const proposal *p, const ballot_choice *c,
                     int64_t *counts)
{
    (void)state;
    (void)p;
    for (int i = 0; i < c->n; i++)
        counts[c->opt[i]]++;
    return AS_OK;
}

/* draw_order: every option, most approvals first, then by draw key. */
static void draw_order(const proposal *p, const int64_t *counts,
                       const uint8_t root[32], int *order)
{
    uint8_t keys[MEETING_MAX_OPTIONS][32];
    int n = p->nopts;
    for (int i = 0; i < n; i++) {
        order[i] = i;
        tally_draw_key(root, p->opts[i].id, keys[i]);
    }
    for (int i = 1; i < n; i++) { /* insertion sort */
        int x = order[i], j = i;
        while (j > 0) {
            int y = order[j - 1];
            int before = counts[x] > counts[y] ||
                         (counts[x] == counts[y] &&
                          memcmp(keys[x], keys[y], 32) < 0);
            if (!before)
                break;
            order[j] = y;
            j--;
        }
        order[j] = x;
    }
}

/* finish: the `seats` most approved options (never one with no approval),
 * in order of approvals; options tied across the last seat are all
 * listed in r->tied in draw order and the first of them fill the seats
 * left. */
static as_status finish(void *state, const proposal *p, const uint8_t root[32],
                        tally_result *r, as_err *err)
{
    int order[MEETING_MAX_OPTIONS];
    const int64_t *counts = r->counts;
    int n = p->nopts;
    (void)state;
    (void)err;
    draw_order(p, counts, root, order);
    int seats = p->seats < n ? p->seats : n;
    int take = 0;
    while (take < seats && counts[order[take]] > 0)
        take++;
    r->nwinners = take;
    for (int i = 0; i < take; i++)
        r->winners[i] = order[i];
    r->ntied = 0;
    r->verdict = take > 0 ? TALLY_ELECTED : TALLY_NO_RESULT;
    if (take == 0 || take == n || counts[order[take]] != counts[order[take - 1]])
        return AS_OK; /* no tie at the last seat */
    for (int i = 0; i < n; i++)
        if (counts[order[i]] == counts[order[take - 1]])
            r->tied[r->ntied++] = order[i];
    return AS_OK;
}

static const char *rule_key(const proposal *p)
{
    (void)p;
    return "most-approvals-win";
}

static void txt_counts(xbuf *b, const proposal *p, const tally_result *r)
{
    mc_txt_option_counts(b, p, r, "approvals");
    if (r->ntied > 0)
        mc_put_ids(b, "tied", p, r->tied, r->ntied);
    mc_put_ids(b, "winners", p, r->winners, r->nwinners);
}

static void json_result(xbuf *b, const proposal *p, const tally_result *r)
{
    mc_json_winners(b, p, r);
    xbuf_puts(b, ",\n      \"tied\": ");
    mc_json_ids(b, p, r->tied, r->ntied);
}

static int print(FILE *f, const meeting *m, const proposal *p,
                 const tally_result *r)
{
    if (mc_print_options(f, m, p, r) != 0)
        return -1;
    for (int i = 0; i < r->ntied; i++)
        fprintf(f, "  tied for the last seat%s: %s\n", r->ntied > 1 ? "s" : "",
                p->opts[r->tied[i]].id);
    return mc_print_winners(f, p, r);
}

const method_def method_approval = {
    .id = METHOD_APPROVAL,
    .word = "approval",
    .kind = BALLOT_APPROVAL,
    .keys = MKEY_OPTIONS | MKEY_SEATS | MKEY_CHOOSE,
    .needs = MKEY_OPTIONS,
    .passed = "passed",
    .not_passed = "not-passed",
    .count_add = add,
    .count_finish = finish,
    .rule_key = rule_key,
    .txt_rule = mc_txt_options,
    .txt_counts = txt_counts,
    .csv_counts = mc_csv_option_counts,
    .json_rule = mc_json_options,
    .json_counts = mc_json_option_counts,
    .json_result = json_result,
    .print = print,
    .layout = UI_BALLOT_LIST,
    .ui_result = UI_RESULT_APPROVAL,
};
