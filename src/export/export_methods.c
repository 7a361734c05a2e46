/* export_methods.c: the results of the voting methods other than the
 * version-1 yes-no-abstain block (docs/export-format.md §3.2): one block
 * per proposal in results.txt, and their rows in results.csv and
 * results.json, all rendered from the tally_result of the recount.  The
 * frame common to every method is here; what differs is the method's
 * (include/method.h, src/count/method_<name>.c).  Pure functions of the
 * meeting and the figures; integers and exact decimals of fixed scale
 * only. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "export_internal.h"
#include "method.h"
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
    const method_def *md = method_of(p->method);
    switch ((tally_verdict)v) {
    case TALLY_PASSED: return md->passed;
    case TALLY_NOT_PASSED: return md->not_passed;
    case TALLY_BLOCKED: return "blocked";
    case TALLY_TABLED: return "tabled";
    case TALLY_ELECTED: return "elected";
    case TALLY_NO_RESULT: return "no-result";
    }
    return "no-result";
}

const char *export_rule_key(const proposal *p)
{
    return method_of(p->method)->rule_key(p);
}

int export_put_block(xbuf *b, const proposal *p, const export_figures *f)
{
    const method_def *md = method_of(p->method);
    xbuf_printf(b, "proposal %s\nmethod %s\n", p->id, md->word);
    md->txt_rule(b, p);
    xbuf_printf(b, "state %s\n", export_state_name(f->state));
    if (f->state != PROP_CLOSED)
        return 0;
    const tally_result *r = f->res;
    if (!r)
        return -1;
    xbuf_printf(b, "checked-in %" PRId64 "\nquorum %d\nmin-ballots %d\nballots %" PRId64
                "\n", f->checked_in, f->quorum, p->min_ballots, r->ballots);
    md->txt_counts(b, p, r);
    char root[2 * RECORD_HASH_SIZE + 1];
    record_hex(f->root, RECORD_HASH_SIZE, root);
    xbuf_printf(b, "outcome %s\nroot %s\n", export_outcome_word(p, r->verdict), root);
    return 0;
}

/* put_csv_ids: one CSV field of the ids of idx[0..n) joined by spaces. */
static void put_csv_ids(xbuf *b, const proposal *p, const int *idx, int n)
{
    xbuf ids;
    xbuf_init(&ids);
    for (int i = 0; i < n; i++)
        xbuf_printf(&ids, "%s%s", i ? " " : "", p->opts[idx[i]].id);
    xbuf_add(&ids, "", 1);
    xbuf_csv(b, ids.oom ? "" : ids.p);
    xbuf_free(&ids);
}

int export_put_csv_row(xbuf *b, const meeting *m, const proposal *p,
                       const export_figures *f, const export_attendance *a)
{
    const method_def *md = method_of(p->method);
    xbuf_csv(b, p->id);
    xbuf_puts(b, ",");
    xbuf_csv(b, meeting_text(m, &p->title, 0));
    xbuf_printf(b, ",%s,%s,", md->word, export_state_name(f->state));
    xbuf_csv(b, md->csv_yna ? p->th.name : md->rule_key(p));
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
    if (md->csv_yna)
        xbuf_printf(b, ",%" PRId64 ",%" PRId64 ",%" PRId64, r->counts[0], r->counts[1],
                    r->counts[2]);
    else
        xbuf_puts(b, ",,,");
    xbuf_printf(b, ",%" PRId64 ",%s,%" PRId64 ",%d,%s,%s,", r->ballots,
                export_outcome_word(p, r->verdict), f->checked_in, f->quorum,
                r->quorum_met ? "yes" : "no", root);
    xbuf counts;
    xbuf_init(&counts);
    md->csv_counts(&counts, p, r);
    xbuf_add(&counts, "", 1);
    xbuf_csv(b, counts.oom ? "" : counts.p);
    xbuf_free(&counts);
    xbuf_puts(b, ",");
    put_csv_ids(b, p, r->winners, r->nwinners);
    xbuf_puts(b, ",");
    put_csv_ids(b, p, r->tied, r->ntied);
    xbuf_puts(b, "\n");
    return 0;
}

int export_put_json_method(xbuf *b, const meeting *m, const proposal *p,
                           const export_figures *f)
{
    const method_def *md = method_of(p->method);
    xbuf_puts(b, ",\n      \"rule\": ");
    xbuf_json(b, md->rule_key(p));
    md->json_rule(b, m, p);
    xbuf_printf(b, ",\n      \"min_ballots\": %d", p->min_ballots);
    if (f->state != PROP_CLOSED)
        return 0;
    const tally_result *r = f->res;
    if (!r)
        return -1;
    xbuf_puts(b, ",\n      \"counts\": {");
    md->json_counts(b, p, r);
    char root[2 * RECORD_HASH_SIZE + 1];
    record_hex(f->root, RECORD_HASH_SIZE, root);
    xbuf_printf(b, "},\n      \"ballots\": %" PRId64 ",\n      \"blank\": %" PRId64
                ",\n      \"checked_in\": %" PRId64 ",\n      \"quorum_needed\": %d"
                ",\n      \"quorum_met\": %s,\n      \"min_ballots_met\": %s",
                r->ballots, r->blank, f->checked_in, f->quorum,
                r->quorum_met ? "true" : "false", r->min_ballots_met ? "true" : "false");
    if (md->json_result)
        md->json_result(b, p, r);
    xbuf_printf(b, ",\n      \"outcome\": \"%s\",\n      \"root\": \"%s\"",
                export_outcome_word(p, r->verdict), root);
    return 0;
}
