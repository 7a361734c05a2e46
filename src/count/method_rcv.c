/* method_rcv.c: what the methods counted by the round-by-round engine
 * (ranked-choice, stv) share: the ballots as an rcv_ballots with the
 * options as candidates in meeting-file order, the count, and the rounds
 * in results.txt, results.json and the tally command's report. */
#include <inttypes.h>
#include <string.h>
#include "diag.h"
#include "method_internal.h"
#include "rcv_report.h"

as_status mc_rcv_new(const proposal *p, void **state)
{
    rcv_ballots *rb = NULL;
    as_err err;
    *state = NULL;
    if (rcv_ballots_new(&rb) != AS_OK)
        return AS_ENOMEM;
    for (int i = 0; i < p->nopts; i++)
        if (rcv_ballots_add_candidate(rb, p->opts[i].id, NULL, &err) != AS_OK)
            goto nomem; /* ids are unique and non-empty: only memory */
    if (rcv_ballots_merge_identical(rb, 1) != AS_OK)
        goto nomem;
    *state = rb;
    return AS_OK;
nomem:
    rcv_ballots_free(rb);
    return AS_ENOMEM;
}

as_status mc_rcv_add(void *state, const proposal *p, const ballot_choice *c,
                     int64_t *counts)
{
    rcv_mark marks[MEETING_MAX_OPTIONS];
    as_err err;
    (void)p;
    for (int i = 0; i < c->n; i++)
        marks[i] = (rcv_mark)c->opt[i];
    as_status st = rcv_ballots_add(state, 1, marks, (size_t)c->n, &err);
    if (st != AS_OK)
        return st == AS_ENOMEM ? AS_ENOMEM : AS_ECORRUPT;
    if (c->n > 0)
        counts[c->opt[0]]++;
    return AS_OK;
}

void mc_rcv_free(void *state)
{
    rcv_ballots_free(state);
}

static as_status rcv_finish(void *state, const proposal *p, rcv_method method,
                            const uint8_t root[32], tally_result *r, as_err *err)
{
    if (r->ballots > r->blank) {
        rcv_options o;
        rcv_options_default(&o);
        o.method = method;
        o.seats = method == RCV_STV ? p->seats : 1;
        o.rule = p->stv_rule == 1 ? RCV_RULE_RCTAB : RCV_RULE_SCOTTISH;
        o.tiebreak = RCV_TIE_PREVIOUS_ROUND;
        o.seed = tally_draw_seed(root);
        as_status st = rcv_count(state, &o, &r->rcv, err);
        if (st != AS_OK)
            return st;
        for (int i = 0; i < r->rcv->nwinners && i < MEETING_MAX_OPTIONS; i++)
            r->winners[r->nwinners++] = r->rcv->winners[i];
    }
    r->verdict = r->nwinners > 0 ? TALLY_ELECTED : TALLY_NO_RESULT;
    return AS_OK;
}

as_status mc_irv_finish(void *state, const proposal *p, const uint8_t root[32],
                        tally_result *r, as_err *err)
{
    return rcv_finish(state, p, RCV_IRV, root, r, err);
}

as_status mc_stv_finish(void *state, const proposal *p, const uint8_t root[32],
                        tally_result *r, as_err *err)
{
    return rcv_finish(state, p, RCV_STV, root, r, err);
}

static void put_round_actions(xbuf *b, const proposal *p, const rcv_result *r,
                              int k)
{
    const rcv_round *rd = &r->rounds[k];
    char v[32];
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
}

static void put_rounds(xbuf *b, const proposal *p, const rcv_result *r)
{
    static const char *const why[RCV_INACTIVE_N] = {"exhausted", "overvote",
                                                    "skipped", "repeated"};
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
        for (int i = 0; i < RCV_INACTIVE_N; i++)
            xbuf_printf(b, " %s=%s", why[i],
                        rcv_format_scaled(rd->inactive[i], r->decimals, v, sizeof v));
        xbuf_printf(b, " residual=%s\n",
                    rcv_format_scaled(rd->residual, r->decimals, v, sizeof v));
        put_round_actions(b, p, r, k);
        if (rd->tie)
            xbuf_printf(b, "round %d tie-break\n", k + 1);
    }
}

void mc_txt_ranked_counts(xbuf *b, const proposal *p, const tally_result *r)
{
    mc_txt_option_counts(b, p, r, "first");
    if (r->rcv)
        put_rounds(b, p, r->rcv);
    mc_put_ids(b, "winners", p, r->winners, r->nwinners);
    xbuf_printf(b, "tie-break %s\n", r->rcv && r->rcv->tie_note ? "used" : "none");
}

/* json_actions: the ids of round rd's candidates elected (elected != 0)
 * or eliminated, as a JSON list. */
static void json_actions(xbuf *b, const proposal *p, const rcv_round *rd,
                         int elected)
{
    int first = 1;
    xbuf_puts(b, "[");
    for (int a = 0; a < rd->nactions; a++)
        if ((rd->actions[a].elected != 0) == elected &&
            rd->actions[a].cand < p->nopts) {
            xbuf_puts(b, first ? "" : ", ");
            xbuf_json(b, p->opts[rd->actions[a].cand].id);
            first = 0;
        }
    xbuf_puts(b, "]");
}

void mc_json_ranked_result(xbuf *b, const proposal *p, const tally_result *r)
{
    char v[32];
    mc_json_winners(b, p, r);
    if (!r->rcv)
        return;
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
        xbuf_puts(b, "}, \"elected\": ");
        json_actions(b, p, rd, 1);
        xbuf_puts(b, ", \"eliminated\": ");
        json_actions(b, p, rd, 0);
        xbuf_puts(b, "}");
    }
    xbuf_puts(b, "\n      ]");
}

/* names_of: a ballot set holding only p's option names (for the reports'
 * candidate names). */
static rcv_ballots *names_of(const meeting *m, const proposal *p)
{
    rcv_ballots *b = NULL;
    as_err err;
    if (rcv_ballots_new(&b) != AS_OK)
        return NULL;
    for (int i = 0; i < p->nopts; i++) {
        const char *nm = meeting_text(m, &p->opts[i].name, 0);
        if (rcv_ballots_add_candidate(b, nm && *nm ? nm : p->opts[i].id, NULL, &err) !=
            AS_OK) {
            rcv_ballots_free(b);
            return NULL;
        }
    }
    return b;
}

static int print_rcv(FILE *f, const meeting *m, const proposal *p,
                     const tally_result *r, rcv_method method)
{
    if (!r->rcv)
        return mc_print_winners(f, p, r);
    rcv_ballots *b = names_of(m, p);
    rcv_options o;
    as_err err;
    rcv_options_default(&o);
    o.method = method;
    o.rule = p->stv_rule ? RCV_RULE_RCTAB : RCV_RULE_SCOTTISH;
    report_info info = {meeting_text(m, &p->title, 0), NULL};
    int rc = 0;
    if (!b || report_text(f, b, &o, r->rcv, &info, &err) != AS_OK)
        rc = -1;
    rcv_ballots_free(b);
    return rc;
}

int mc_print_irv(FILE *f, const meeting *m, const proposal *p,
                 const tally_result *r)
{
    return print_rcv(f, m, p, r, RCV_IRV);
}

int mc_print_stv(FILE *f, const meeting *m, const proposal *p,
                 const tally_result *r)
{
    return print_rcv(f, m, p, r, RCV_STV);
}
