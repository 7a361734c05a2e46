/* export_methods.c: the results of the voting methods other than the
 * version-1 yes-no-abstain block (docs/export-format.md §3.2): one block
 * per proposal in results.txt, and their rows in results.csv and
 * results.json, all rendered from the tally_result of the recount.  Pure
 * functions of the meeting and the figures; integers and exact decimals
 * of fixed scale only. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "export_internal.h"
#include "record.h"
#include "tally.h"

int export_is_v1_block(const proposal *p)
{
    return p->method == METHOD_YES_NO_ABSTAIN && p->base == BASE_YES_NO &&
           p->min_ballots == 0;
}

int export_proposal_quorum(const meeting *m, int i, int meeting_quorum,
                           int64_t roster_size)
{
    if (i < 0 || i >= m->nprops || m->props[i].quorum < 0)
        return meeting_quorum > 0 ? meeting_quorum : 0;
    const proposal *p = &m->props[i];
    if (p->quorum_percent)
        return roster_size > 0 ? (int)((roster_size * p->quorum + 99) / 100) : 0;
    return p->quorum;
}

const char *export_outcome_word(const proposal *p, int v)
{
    switch ((tally_verdict)v) {
    case TALLY_PASSED: return p->method == METHOD_RECALL ? "recalled" : "passed";
    case TALLY_NOT_PASSED:
        return p->method == METHOD_RECALL ? "not-recalled" : "not-passed";
    case TALLY_BLOCKED: return "blocked";
    case TALLY_TABLED: return "tabled";
    case TALLY_ELECTED: return "elected";
    case TALLY_NO_RESULT: return "no-result";
    }
    return "no-result";
}

const char *export_rule_key(const proposal *p)
{
    switch (p->method) {
    case METHOD_CONSENSUS: return p->cons.preset[0] ? p->cons.preset : "custom";
    case METHOD_APPROVAL: return "most-approvals-win";
    case METHOD_IRV: return "instant-runoff";
    case METHOD_STV: return p->stv_rule == 1 ? "stv-rctab" : "stv-scottish";
    default: return "threshold";
    }
}

static void put_share(xbuf *b, const char *key, int num, int den)
{
    if (den > 0)
        xbuf_printf(b, "%s %d/%d\n", key, num, den);
    else
        xbuf_printf(b, "%s none\n", key);
}

static void put_ids(xbuf *b, const char *key, const proposal *p, const int *idx,
                    int n)
{
    xbuf_puts(b, key);
    if (n == 0)
        xbuf_puts(b, " none");
    for (int i = 0; i < n; i++)
        xbuf_printf(b, " %s", p->opts[idx[i]].id);
    xbuf_puts(b, "\n");
}

static void put_rounds(xbuf *b, const proposal *p, const rcv_result *r)
{
    char v[32];
    xbuf_printf(b, "decimals %d\n", r->decimals);
    for (int k = 0; k < r->nrounds; k++) {
        const rcv_round *rd = &r->rounds[k];
        xbuf_printf(b, "round %d threshold %s\n", k + 1,
                    rcv_format_scaled(rd->threshold, r->decimals, v, sizeof v));
        xbuf_printf(b, "round %d votes", k + 1);
        for (int c = 0; c < r->ncand && c < p->nopts; c++)
            xbuf_printf(b, " %s=%s", p->opts[c].id,
                        rcv_format_scaled(rd->votes[c], r->decimals, v, sizeof v));
        xbuf_printf(b, "\nround %d inactive", k + 1);
        static const char *const why[RCV_INACTIVE_N] = {"exhausted", "overvote",
                                                        "skipped", "repeated"};
        for (int i = 0; i < RCV_INACTIVE_N; i++)
            xbuf_printf(b, " %s=%s", why[i],
                        rcv_format_scaled(rd->inactive[i], r->decimals, v, sizeof v));
        xbuf_printf(b, " residual=%s\n",
                    rcv_format_scaled(rd->residual, r->decimals, v, sizeof v));
        for (int a = 0; a < rd->nactions; a++) {
            const rcv_action *ac = &rd->actions[a];
            if (ac->cand < 0 || ac->cand >= p->nopts)
                continue;
            xbuf_printf(b, "round %d %s %s", k + 1,
                        ac->elected ? "elected" : "eliminated", p->opts[ac->cand].id);
            for (int c = 0; ac->to && c < r->ncand && c < p->nopts; c++)
                if (ac->to[c] != 0)
                    xbuf_printf(b, " %s=%s", p->opts[c].id,
                                rcv_format_scaled(ac->to[c], r->decimals, v, sizeof v));
            xbuf_printf(b, " exhausted=%s",
                        rcv_format_scaled(ac->exhausted, r->decimals, v, sizeof v));
            xbuf_printf(b, " residual=%s\n",
                        rcv_format_scaled(ac->residual, r->decimals, v, sizeof v));
        }
        if (rd->tie)
            xbuf_printf(b, "round %d tie-break\n", k + 1);
    }
}

/* The rule lines of a block, before `state`. */
static void put_rule(xbuf *b, const proposal *p)
{
    switch (p->method) {
    case METHOD_YES_NO_ABSTAIN:
    case METHOD_RECALL:
        xbuf_printf(b, "threshold %d/%d %s\nbase %s\n", p->th.num, p->th.den,
                    p->th.strict ? "more-than" : "at-least",
                    p->base == BASE_ALL_BALLOTS ? "all-ballots" : "yes-no");
        break;
    case METHOD_CONSENSUS:
        xbuf_printf(b, "rule %s\nblocks-to-stop %d\n", export_rule_key(p),
                    p->cons.blocks_to_stop);
        put_share(b, "stand-aside-to-table", p->cons.table_num, p->cons.table_den);
        put_share(b, "override", p->cons.override_num, p->cons.override_den);
        break;
    case METHOD_APPROVAL:
    case METHOD_IRV:
    case METHOD_STV:
        xbuf_printf(b, "rule %s\n", export_rule_key(p));
        if (p->method != METHOD_IRV)
            xbuf_printf(b, "seats %d\n", p->seats);
        if (p->method == METHOD_APPROVAL)
            xbuf_printf(b, "choose %d\n", p->choose);
        xbuf_puts(b, "options");
        for (int i = 0; i < p->nopts; i++)
            xbuf_printf(b, " %s", p->opts[i].id);
        xbuf_puts(b, "\n");
        break;
    }
}

int export_put_block(xbuf *b, const proposal *p, const export_figures *f)
{
    xbuf_printf(b, "proposal %s\nmethod %s\n", p->id, export_method_name(p->method));
    put_rule(b, p);
    xbuf_printf(b, "state %s\n", export_state_name(f->state));
    if (f->state != PROP_CLOSED)
        return 0;
    const tally_result *r = f->res;
    if (!r)
        return -1;
    xbuf_printf(b, "checked-in %" PRId64 "\nquorum %d\nmin-ballots %d\nballots %" PRId64
                "\n", f->checked_in, f->quorum, p->min_ballots, r->ballots);
    switch (p->method) {
    case METHOD_YES_NO_ABSTAIN:
    case METHOD_RECALL:
        xbuf_printf(b, "yes %" PRId64 "\nno %" PRId64 "\nabstain %" PRId64 "\n",
                    r->counts[CHOICE_YES], r->counts[CHOICE_NO],
                    r->counts[CHOICE_ABSTAIN]);
        break;
    case METHOD_CONSENSUS:
        xbuf_printf(b, "agree %" PRId64 "\nstand-aside %" PRId64 "\nblock %" PRId64 "\n",
                    r->counts[CONSENSUS_AGREE], r->counts[CONSENSUS_STAND_ASIDE],
                    r->counts[CONSENSUS_BLOCK]);
        break;
    case METHOD_APPROVAL:
    case METHOD_IRV:
    case METHOD_STV:
        xbuf_printf(b, "blank %" PRId64 "\n", r->blank);
        for (int i = 0; i < p->nopts; i++)
            xbuf_printf(b, "%s %s %" PRId64 "\n",
                        p->method == METHOD_APPROVAL ? "approvals" : "first",
                        p->opts[i].id, r->counts[i]);
        if (p->method == METHOD_APPROVAL && r->ntied > 0)
            put_ids(b, "tied", p, r->tied, r->ntied);
        if (r->rcv)
            put_rounds(b, p, r->rcv);
        put_ids(b, "winners", p, r->winners, r->nwinners);
        if (p->method != METHOD_APPROVAL)
            xbuf_printf(b, "tie-break %s\n", r->rcv && r->rcv->tie_note ? "used" : "none");
        break;
    }
    char root[2 * RECORD_HASH_SIZE + 1];
    record_hex(f->root, RECORD_HASH_SIZE, root);
    xbuf_printf(b, "outcome %s\nroot %s\n", export_outcome_word(p, r->verdict), root);
    return 0;
}

/* The counts of a closed proposal as "word=n" pairs joined by spaces
 * (results.csv's counts column). */
static void put_counts_words(xbuf *b, const proposal *p, const tally_result *r)
{
    static const char *const yna[] = {"yes", "no", "abstain"};
    static const char *const cons[] = {"agree", "stand-aside", "block"};
    if (p->method == METHOD_YES_NO_ABSTAIN || p->method == METHOD_RECALL ||
        p->method == METHOD_CONSENSUS) {
        const char *const *w = p->method == METHOD_CONSENSUS ? cons : yna;
        xbuf_printf(b, "%s=%" PRId64 " %s=%" PRId64 " %s=%" PRId64, w[0], r->counts[0],
                    w[1], r->counts[1], w[2], r->counts[2]);
        return;
    }
    for (int i = 0; i < p->nopts; i++)
        xbuf_printf(b, "%s%s=%" PRId64, i ? " " : "", p->opts[i].id, r->counts[i]);
    xbuf_printf(b, " blank=%" PRId64, r->blank);
}

int export_put_csv_row(xbuf *b, const meeting *m, const proposal *p,
                       const export_figures *f, const export_attendance *a)
{
    xbuf_csv(b, p->id);
    xbuf_puts(b, ",");
    xbuf_csv(b, meeting_text(m, &p->title, 0));
    xbuf_printf(b, ",%s,%s,", export_method_name(p->method), export_state_name(f->state));
    if (p->method == METHOD_YES_NO_ABSTAIN || p->method == METHOD_RECALL)
        xbuf_csv(b, p->th.name);
    else
        xbuf_csv(b, export_rule_key(p));
    if (f->state != PROP_CLOSED) {
        int met = f->quorum <= 0 || a->checked_in >= f->quorum;
        xbuf_printf(b, ",,,,,,%" PRId64 ",%d,%s,,,,\n", a->checked_in, f->quorum,
                    met ? "yes" : "no");
        return 0;
    }
    const tally_result *r = f->res;
    if (!r)
        return -1;
    char root[2 * RECORD_HASH_SIZE + 1];
    record_hex(f->root, RECORD_HASH_SIZE, root);
    if (p->method == METHOD_YES_NO_ABSTAIN || p->method == METHOD_RECALL)
        xbuf_printf(b, ",%" PRId64 ",%" PRId64 ",%" PRId64, r->counts[0], r->counts[1],
                    r->counts[2]);
    else
        xbuf_puts(b, ",,,");
    xbuf_printf(b, ",%" PRId64 ",%s,%" PRId64 ",%d,%s,%s,", r->ballots,
                export_outcome_word(p, r->verdict), f->checked_in, f->quorum,
                r->quorum_met ? "yes" : "no", root);
    xbuf counts;
    xbuf_init(&counts);
    put_counts_words(&counts, p, r);
    xbuf_add(&counts, "", 1);
    xbuf_csv(b, counts.oom ? "" : counts.p);
    xbuf_free(&counts);
    xbuf_puts(b, ",");
    xbuf winners;
    xbuf_init(&winners);
    for (int i = 0; i < r->nwinners; i++)
        xbuf_printf(&winners, "%s%s", i ? " " : "", p->opts[r->winners[i]].id);
    xbuf_add(&winners, "", 1);
    xbuf_csv(b, winners.oom ? "" : winners.p);
    xbuf_free(&winners);
    xbuf_puts(b, ",");
    xbuf tied;
    xbuf_init(&tied);
    for (int i = 0; i < r->ntied; i++)
        xbuf_printf(&tied, "%s%s", i ? " " : "", p->opts[r->tied[i]].id);
    xbuf_add(&tied, "", 1);
    xbuf_csv(b, tied.oom ? "" : tied.p);
    xbuf_free(&tied);
    xbuf_puts(b, "\n");
    return 0;
}

static void json_ids(xbuf *b, const proposal *p, const int *idx, int n)
{
    xbuf_puts(b, "[");
    for (int i = 0; i < n; i++) {
        xbuf_puts(b, i ? ", " : "");
        xbuf_json(b, p->opts[idx[i]].id);
    }
    xbuf_puts(b, "]");
}

int export_put_json_method(xbuf *b, const meeting *m, const proposal *p,
                           const export_figures *f)
{
    char v[32];
    xbuf_puts(b, ",\n      \"rule\": ");
    xbuf_json(b, export_rule_key(p));
    if (p->method == METHOD_YES_NO_ABSTAIN || p->method == METHOD_RECALL)
        xbuf_printf(b, ",\n      \"base\": \"%s\"",
                    p->base == BASE_ALL_BALLOTS ? "all-ballots" : "yes-no");
    if (p->method == METHOD_RECALL) {
        xbuf_puts(b, ",\n      \"delegate\": ");
        xbuf_json(b, meeting_text(m, &p->delegate, 0));
    }
    if (p->method == METHOD_CONSENSUS)
        xbuf_printf(b, ",\n      \"consensus\": {\"blocks_to_stop\": %d, "
                    "\"stand_aside_to_table\": [%d, %d], \"override\": [%d, %d]}",
                    p->cons.blocks_to_stop, p->cons.table_num, p->cons.table_den,
                    p->cons.override_num, p->cons.override_den);
    if (p->nopts > 0) {
        if (p->method != METHOD_IRV)
            xbuf_printf(b, ",\n      \"seats\": %d", p->seats);
        if (p->method == METHOD_APPROVAL)
            xbuf_printf(b, ",\n      \"choose\": %d", p->choose);
        xbuf_puts(b, ",\n      \"options\": [");
        for (int i = 0; i < p->nopts; i++) {
            xbuf_puts(b, i ? ", {\"id\": " : "{\"id\": ");
            xbuf_json(b, p->opts[i].id);
            xbuf_puts(b, ", \"name\": ");
            xbuf_json(b, meeting_text(m, &p->opts[i].name, 0));
            xbuf_puts(b, "}");
        }
        xbuf_puts(b, "]");
    }
    xbuf_printf(b, ",\n      \"min_ballots\": %d", p->min_ballots);
    if (f->state != PROP_CLOSED)
        return 0;
    const tally_result *r = f->res;
    if (!r)
        return -1;
    xbuf_puts(b, ",\n      \"counts\": {");
    static const char *const yna[] = {"yes", "no", "abstain"};
    static const char *const cons[] = {"agree", "stand_aside", "block"};
    if (p->nopts == 0) {
        const char *const *w = p->method == METHOD_CONSENSUS ? cons : yna;
        xbuf_printf(b, "\"%s\": %" PRId64 ", \"%s\": %" PRId64 ", \"%s\": %" PRId64,
                    w[0], r->counts[0], w[1], r->counts[1], w[2], r->counts[2]);
    } else {
        for (int i = 0; i < p->nopts; i++) {
            xbuf_puts(b, i ? ", " : "");
            xbuf_json(b, p->opts[i].id);
            xbuf_printf(b, ": %" PRId64, r->counts[i]);
        }
    }
    char root[2 * RECORD_HASH_SIZE + 1];
    record_hex(f->root, RECORD_HASH_SIZE, root);
    xbuf_printf(b, "},\n      \"ballots\": %" PRId64 ",\n      \"blank\": %" PRId64
                ",\n      \"checked_in\": %" PRId64 ",\n      \"quorum_needed\": %d"
                ",\n      \"quorum_met\": %s,\n      \"min_ballots_met\": %s",
                r->ballots, r->blank, f->checked_in, f->quorum,
                r->quorum_met ? "true" : "false", r->min_ballots_met ? "true" : "false");
    if (p->nopts > 0) {
        xbuf_puts(b, ",\n      \"winners\": ");
        json_ids(b, p, r->winners, r->nwinners);
        if (p->method == METHOD_APPROVAL) {
            xbuf_puts(b, ",\n      \"tied\": ");
            json_ids(b, p, r->tied, r->ntied);
        }
    }
    if (r->rcv) {
        const rcv_result *x = r->rcv;
        xbuf_printf(b, ",\n      \"decimals\": %d,\n      \"tie_break_used\": %s,"
                    "\n      \"rounds\": [", x->decimals, x->tie_note ? "true" : "false");
        for (int k = 0; k < x->nrounds; k++) {
            const rcv_round *rd = &x->rounds[k];
            xbuf_printf(b, "%s\n        {\"round\": %d, \"threshold\": \"%s\", \"votes\": {",
                        k ? "," : "", k + 1,
                        rcv_format_scaled(rd->threshold, x->decimals, v, sizeof v));
            for (int c = 0; c < x->ncand && c < p->nopts; c++) {
                xbuf_puts(b, c ? ", " : "");
                xbuf_json(b, p->opts[c].id);
                xbuf_printf(b, ": \"%s\"",
                            rcv_format_scaled(rd->votes[c], x->decimals, v, sizeof v));
            }
            xbuf_puts(b, "}, \"elected\": [");
            int first = 1;
            for (int a = 0; a < rd->nactions; a++)
                if (rd->actions[a].elected && rd->actions[a].cand < p->nopts) {
                    xbuf_puts(b, first ? "" : ", ");
                    xbuf_json(b, p->opts[rd->actions[a].cand].id);
                    first = 0;
                }
            xbuf_puts(b, "], \"eliminated\": [");
            first = 1;
            for (int a = 0; a < rd->nactions; a++)
                if (!rd->actions[a].elected && rd->actions[a].cand < p->nopts) {
                    xbuf_puts(b, first ? "" : ", ");
                    xbuf_json(b, p->opts[rd->actions[a].cand].id);
                    first = 0;
                }
            xbuf_puts(b, "]}");
        }
        xbuf_puts(b, "\n      ]");
    }
    xbuf_printf(b, ",\n      \"outcome\": \"%s\",\n      \"root\": \"%s\"",
                export_outcome_word(p, r->verdict), root);
    return 0;
}
