/* report_words.c: the minutes' words for one proposal (method and rule,
 * outcome, counts), in the current gettext language.  The rules and the
 * outcome sentences are the kiosk's and the room display's own
 * (src/ui/result_words.c), so the record never words a rule another way. */
#include <stdio.h>
#include <string.h>
#include "i18n.h"
#include "method.h"
#include "report_internal.h"
#include "../ui/ui_internal.h"

/* method_name: the method in words. */
static const char *method_name(vote_method m)
{
    switch (m) {
    case METHOD_CONSENSUS: return _("Consensus");
    case METHOD_APPROVAL: return _("Approval voting");
    case METHOD_IRV: return _("Ranked choice (instant runoff)");
    case METHOD_STV: return _("Single transferable vote");
    case METHOD_RECALL: return _("Recall");
    case METHOD_CONDORCET: return _("Condorcet (Schulze)");
    default: return _("Yes, no or abstain");
    }
}

void report_rule_words(const proposal *p, char *buf, size_t n)
{
    char rule[600];
    switch (p->method) {
    case METHOD_CONSENSUS:
        ui_consensus_rule_words(&p->cons, rule, sizeof rule);
        break;
    case METHOD_APPROVAL:
        snprintf(rule, sizeof rule, _("the %d most approved win; each ballot "
                                      "approves at most %d"), p->seats, p->choose);
        break;
    case METHOD_STV:
        snprintf(rule, sizeof rule, _("%d seats, %s counting rules"), p->seats,
                 p->stv_rule ? "RCTab" : _("Scottish"));
        break;
    case METHOD_IRV:
        snprintf(rule, sizeof rule, "%s", _("the last in each round is eliminated "
                                            "until one has a majority"));
        break;
    case METHOD_CONDORCET:
        snprintf(rule, sizeof rule, "%s", _("the option preferred head to head "
                                            "over every other wins"));
        break;
    default:
        ui_threshold_words(p, rule, sizeof rule);
        break;
    }
    snprintf(buf, n, _("Method: %s; rule: %s"), method_name(p->method), rule);
}

const char *report_outcome_word(const proposal *p, const tally_result *r)
{
    int recall = p->method == METHOD_RECALL;
    switch (r->verdict) {
    case TALLY_PASSED: return recall ? _("RECALLED") : _("PASSED");
    case TALLY_NOT_PASSED: return recall ? _("NOT RECALLED") : _("NOT PASSED");
    case TALLY_BLOCKED: return _("BLOCKED");
    case TALLY_TABLED: return _("TABLED");
    case TALLY_ELECTED: return _("ELECTED");
    default: return _("NO RESULT");
    }
}

/* names: the options idx[0..k) in language lang, joined by ", ". */
static void names(const meeting *m, const proposal *p, const int *idx, int k,
                  int lang, char *buf, size_t n)
{
    buf[0] = '\0';
    for (int j = 0; j < k; j++) {
        size_t len = strlen(buf);
        snprintf(buf + len, n - len, "%s%s", j ? ", " : "",
                 meeting_text(m, &p->opts[idx[j]].name, lang));
    }
}

void report_outcome_sentence(const meeting *m, const proposal *p,
                             const tally_result *r, int lang, char *buf, size_t n)
{
    char who[1300];
    ui_no_result_words(r, p, buf, n);
    if (buf[0] || r->verdict != TALLY_ELECTED)
        return;
    names(m, p, r->winners, r->nwinners, lang, who, sizeof who);
    snprintf(buf, n, _("Elected: %s"), who);
    if (r->ntied > 0) {
        /* the draw is part of how it was decided: said with the outcome */
        size_t len = strlen(buf);
        names(m, p, r->tied, r->ntied, lang, who, sizeof who);
        snprintf(buf + len, n - len,
                 _(". Tie for the last seat: %s; decided by the documented draw."),
                 who);
    }
}

/* append: "word count (share%)" into buf. */
static void append(char *buf, size_t n, const char *word, int64_t count, int tenths)
{
    size_t len = strlen(buf);
    if (tenths >= 0)
        snprintf(buf + len, n - len, "%s%s %lld (%d.%d%%)", len ? " · " : "", word,
                 (long long)count, tenths / 10, tenths % 10);
    else
        snprintf(buf + len, n - len, "%s%s %lld", len ? " · " : "", word,
                 (long long)count);
}

/* three: yes/no/abstain (or agree/stand aside/block) with percentages on
 * the base the rule uses, stated after them. */
static void three(const proposal *p, const tally_result *r, char *buf, size_t n)
{
    int cons = p->method == METHOD_CONSENSUS;
    const char *w[3] = {_("Yes"), _("No"), _("Abstain")};
    const char *cw[3] = {_("Agree"), _("Stand aside"), _("Block")};
    int all = cons || p->base == BASE_ALL_BALLOTS, k = all ? 3 : 2, t[3] = {-1, -1, -1};
    int64_t base = all ? r->ballots : r->counts[0] + r->counts[1];
    if (tally_shares(r->counts, k, base, t) != 0)
        t[0] = t[1] = t[2] = -1;
    for (int i = 0; i < 3; i++)
        append(buf, n, cons ? cw[i] : w[i], r->counts[i], i < k ? t[i] : -1);
    size_t len = strlen(buf);
    snprintf(buf + len, n - len, " (%s)", all ? _("percentages of all ballots")
                                              : _("percentages of yes + no"));
}

void report_counts_words(const meeting *m, const proposal *p,
                         const tally_result *r, int lang, char *buf, size_t n)
{
    char list[4000] = "";
    vote_method vm = p->method;
    if (vm == METHOD_YES_NO_ABSTAIN || vm == METHOD_RECALL || vm == METHOD_CONSENSUS) {
        three(p, r, list, sizeof list);
    } else {
        for (int i = 0; i < p->nopts; i++)
            append(list, sizeof list, meeting_text(m, &p->opts[i].name, lang),
                   r->counts[i], -1);
    }
    snprintf(buf, n, _("Ballots: %lld, blank: %lld."), (long long)r->ballots,
             (long long)r->blank);
    size_t len = strlen(buf);
    if (vm == METHOD_APPROVAL)
        snprintf(buf + len, n - len, " %s: %s", _("Approvals"), list);
    else if (vm == METHOD_IRV || vm == METHOD_STV || vm == METHOD_CONDORCET)
        snprintf(buf + len, n - len, " %s: %s", _("First preferences"), list);
    else
        snprintf(buf + len, n - len, " %s", list);
}
