/* verify_methods.c: per voting method, what results.txt, results.csv and
 * results.json must hold for a proposal, written from
 * docs/export-format.md §3.2 and docs/export.md (never from the
 * exporter's code: a bug there must not be repeated here).  One function
 * per method and file, behind the table at the end; the generic parts
 * (ids, states, ballots, quorum, outcome, root) are in verify_expect.c,
 * verify_csv_check.c and verify_json_check.c. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "verify_json.h"
#include "method.h"
#include "verify_methods.h"

static const char *const yna_words[] = {"yes", "no", "abstain"};
static const char *const cons_words[] = {"agree", "stand-aside", "block"};
static const char *const cons_json[] = {"agree", "stand_aside", "block"};

int vmethod_v1(const proposal *p)
{
    return p->method == METHOD_YES_NO_ABSTAIN && p->base == BASE_YES_NO &&
           p->min_ballots == 0;
}

const char *vmethod_rule_key(const proposal *p)
{
    switch (p->method) {
    case METHOD_CONSENSUS: return p->cons.preset[0] ? p->cons.preset : "custom";
    case METHOD_APPROVAL: return "most-approvals-win";
    case METHOD_IRV: return "instant-runoff";
    case METHOD_STV: return p->stv_rule == RCV_RULE_RCTAB ? "stv-rctab" : "stv-scottish";
    case METHOD_CONDORCET: return "schulze";
    default: return "threshold";
    }
}

const char *vmethod_outcome(const proposal *p, int verdict)
{
    const vmethod *vm = vmethod_of((int)p->method);
    switch ((tally_verdict)verdict) {
    case TALLY_PASSED: return vm ? vm->passed : "passed";
    case TALLY_NOT_PASSED: return vm ? vm->not_passed : "not-passed";
    case TALLY_BLOCKED: return "blocked";
    case TALLY_TABLED: return "tabled";
    case TALLY_ELECTED: return "elected";
    case TALLY_NO_RESULT: break;
    }
    return "no-result";
}

/* ---- pieces several methods share -------------------------------------- */

static void ids(vbuf *b, const char *sep, const proposal *p, const int *idx, int n)
{
    for (int i = 0; i < n; i++)
        if (idx[i] >= 0 && idx[i] < p->nopts)
            vbuf_printf(b, "%s%s", i ? sep : "", p->opts[idx[i]].id);
}

/* "key id id..." or "key none" */
static void ids_line(vbuf *b, const char *key, const proposal *p, const int *idx, int n)
{
    vbuf_printf(b, "%s%s", key, n ? " " : " none");
    ids(b, " ", p, idx, n);
    vbuf_printf(b, "\n");
}

static void options_line(vbuf *b, const proposal *p)
{
    vbuf_printf(b, "options");
    for (int i = 0; i < p->nopts; i++)
        vbuf_printf(b, " %s", p->opts[i].id);
    vbuf_printf(b, "\n");
}

static void share_line(vbuf *b, const char *key, int num, int den)
{
    if (den > 0)
        vbuf_printf(b, "%s %d/%d\n", key, num, den);
    else
        vbuf_printf(b, "%s none\n", key);
}

static const char *dec(const rcv_result *x, int64_t v, char buf[32])
{
    return rcv_format_scaled(v, x->decimals, buf, 32);
}

/* The round lines of §3.2 ("Rounds"). */
static void round_lines(vbuf *b, const proposal *p, const rcv_result *x)
{
    static const char *const why[RCV_INACTIVE_N] = {"exhausted", "overvote",
                                                    "skipped", "repeated"};
    char v[32];
    int nc = x->ncand < p->nopts ? x->ncand : p->nopts;
    vbuf_printf(b, "decimals %d\n", x->decimals);
    for (int k = 0; k < x->nrounds; k++) {
        const rcv_round *rd = &x->rounds[k];
        vbuf_printf(b, "round %d threshold %s\nround %d votes", k + 1,
                    dec(x, rd->threshold, v), k + 1);
        for (int c = 0; c < nc; c++)
            vbuf_printf(b, " %s=%s", p->opts[c].id, dec(x, rd->votes[c], v));
        vbuf_printf(b, "\nround %d inactive", k + 1);
        for (int i = 0; i < RCV_INACTIVE_N; i++)
            vbuf_printf(b, " %s=%s", why[i], dec(x, rd->inactive[i], v));
        vbuf_printf(b, " residual=%s\n", dec(x, rd->residual, v));
        for (int a = 0; a < rd->nactions; a++) {
            const rcv_action *ac = &rd->actions[a];
            if (ac->cand < 0 || ac->cand >= p->nopts)
                continue;
            vbuf_printf(b, "round %d %s %s", k + 1, ac->elected ? "elected" : "eliminated",
                        p->opts[ac->cand].id);
            for (int c = 0; ac->to && c < nc; c++)
                if (ac->to[c] != 0)
                    vbuf_printf(b, " %s=%s", p->opts[c].id, dec(x, ac->to[c], v));
            vbuf_printf(b, " exhausted=%s", dec(x, ac->exhausted, v));
            vbuf_printf(b, " residual=%s\n", dec(x, ac->residual, v));
        }
        if (rd->tie)
            vbuf_printf(b, "round %d tie-break\n", k + 1);
    }
}

/* results.csv's counts column: "word=n ..." */
static void count_words(vbuf *b, const char *const *w, const tally_result *r)
{
    vbuf_printf(b, "%s=%" PRId64 " %s=%" PRId64 " %s=%" PRId64, w[0], r->counts[0],
                w[1], r->counts[1], w[2], r->counts[2]);
}

static void option_counts(vbuf *b, const proposal *p, const tally_result *r)
{
    for (int i = 0; i < p->nopts; i++)
        vbuf_printf(b, "%s=%" PRId64 " ", p->opts[i].id, r->counts[i]);
    vbuf_printf(b, "blank=%" PRId64, r->blank);
}

/* results.csv of the methods with options: rule key, option counts,
 * winners (approval adds tied). */
static void options_csv(vbuf *col, const proposal *p, const tally_result *r)
{
    vbuf_printf(&col[VC_THRESHOLD], "%s", vmethod_rule_key(p));
    if (!r)
        return;
    option_counts(&col[VC_COUNTS], p, r);
    ids(&col[VC_WINNERS], " ", p, r->winners, r->nwinners);
}

static void json_counts3(vjobj *j, const char *const *w, const tally_result *r)
{
    vjobj c;
    if (vj_sub(j, "counts", 0, &c)) {
        for (int i = 0; i < 3; i++)
            vj_int(&c, w[i], r->counts[i]);
        vj_end(&c);
    }
}

static void json_options(vjobj *j, const meeting *m, const proposal *p,
                         const tally_result *r)
{
    vjobj a;
    struct json_object *arr = vj_sub(j, "options", 1, &a);
    if (arr && (int)json_object_array_length(arr) != p->nopts)
        vr_fail(j->r, "results.json: %s.options: %d options, meeting.yaml has %d",
                j->where, (int)json_object_array_length(arr), p->nopts);
    for (int i = 0; arr && i < p->nopts && i < (int)json_object_array_length(arr); i++) {
        vjobj o;
        char w[sizeof o.where];
        snprintf(w, sizeof w, "%.150s.options[%d]", j->where, i);
        vj_begin(&o, j->r, w, json_object_array_get_idx(arr, (size_t)i));
        vj_str(&o, "id", p->opts[i].id);
        vj_str(&o, "name", meeting_text(m, &p->opts[i].name, 0));
        vj_end(&o);
    }
    if (!r)
        return;
    vjobj c;
    if (vj_sub(j, "counts", 0, &c)) {
        for (int i = 0; i < p->nopts; i++)
            vj_int(&c, p->opts[i].id, r->counts[i]);
        vj_end(&c);
    }
    vj_ids(j, "winners", p, r->winners, r->nwinners);
}

static void json_rounds(vjobj *j, const proposal *p, const rcv_result *x)
{
    char v[32];
    vjobj a;
    vj_int(j, "decimals", x->decimals);
    vj_bool(j, "tie_break_used", x->tie_note != 0);
    struct json_object *arr = vj_sub(j, "rounds", 1, &a);
    if (!arr)
        return;
    if ((int)json_object_array_length(arr) != x->nrounds)
        vr_fail(j->r, "results.json: %s.rounds: %d rounds, the recount has %d",
                j->where, (int)json_object_array_length(arr), x->nrounds);
    for (int k = 0; k < x->nrounds && k < (int)json_object_array_length(arr); k++) {
        const rcv_round *rd = &x->rounds[k];
        vjobj o, vo;
        char w[sizeof o.where];
        int el[MEETING_MAX_OPTIONS], ne = 0, ex[MEETING_MAX_OPTIONS], nx = 0;
        snprintf(w, sizeof w, "%.150s.rounds[%d]", j->where, k);
        vj_begin(&o, j->r, w, json_object_array_get_idx(arr, (size_t)k));
        vj_int(&o, "round", k + 1);
        vj_str(&o, "threshold", dec(x, rd->threshold, v));
        if (vj_sub(&o, "votes", 0, &vo)) {
            for (int c = 0; c < x->ncand && c < p->nopts; c++)
                vj_str(&vo, p->opts[c].id, dec(x, rd->votes[c], v));
            vj_end(&vo);
        }
        for (int i = 0; i < rd->nactions; i++) {
            int c = rd->actions[i].cand;
            if (c < 0 || c >= p->nopts)
                continue;
            if (rd->actions[i].elected && ne < MEETING_MAX_OPTIONS)
                el[ne++] = c;
            else if (!rd->actions[i].elected && nx < MEETING_MAX_OPTIONS)
                ex[nx++] = c;
        }
        vj_ids(&o, "elected", p, el, ne);
        vj_ids(&o, "eliminated", p, ex, nx);
        vj_end(&o);
    }
}

/* ---- yes-no-abstain and recall ------------------------------------------ */

static void yes_no_rules(vbuf *b, const proposal *p)
{
    vbuf_printf(b, "threshold %d/%d %s\nbase %s\n", p->th.num, p->th.den,
                p->th.strict ? "more-than" : "at-least",
                p->base == BASE_ALL_BALLOTS ? "all-ballots" : "yes-no");
}

static void yes_no_counts(vbuf *b, const proposal *p, const tally_result *r)
{
    (void)p;
    for (int i = 0; i < 3; i++)
        vbuf_printf(b, "%s %" PRId64 "\n", yna_words[i], r->counts[i]);
}

static void yes_no_csv(vbuf *col, const proposal *p, const tally_result *r)
{
    vbuf_printf(&col[VC_THRESHOLD], "%s", p->th.name);
    if (!r)
        return;
    for (int i = 0; i < 3; i++)
        vbuf_printf(&col[VC_YES + i], "%" PRId64, r->counts[i]);
    count_words(&col[VC_COUNTS], yna_words, r);
}

static void yes_no_json(vjobj *j, const meeting *m, const proposal *p,
                        const tally_result *r)
{
    vj_str(j, "rule", "threshold");
    vj_str(j, "base", p->base == BASE_ALL_BALLOTS ? "all-ballots" : "yes-no");
    if (p->method == METHOD_RECALL)
        vj_str(j, "delegate", meeting_text(m, &p->delegate, 0));
    if (r)
        json_counts3(j, yna_words, r);
}

/* ---- consensus ----------------------------------------------------------- */

static void consensus_rules(vbuf *b, const proposal *p)
{
    vbuf_printf(b, "rule %s\nblocks-to-stop %d\n", vmethod_rule_key(p),
                p->cons.blocks_to_stop);
    share_line(b, "stand-aside-to-table", p->cons.table_num, p->cons.table_den);
    share_line(b, "override", p->cons.override_num, p->cons.override_den);
}

static void consensus_counts(vbuf *b, const proposal *p, const tally_result *r)
{
    (void)p;
    for (int i = 0; i < 3; i++)
        vbuf_printf(b, "%s %" PRId64 "\n", cons_words[i], r->counts[i]);
}

static void consensus_csv(vbuf *col, const proposal *p, const tally_result *r)
{
    vbuf_printf(&col[VC_THRESHOLD], "%s", vmethod_rule_key(p));
    if (r)
        count_words(&col[VC_COUNTS], cons_words, r);
}

static void consensus_json(vjobj *j, const meeting *m, const proposal *p,
                           const tally_result *r)
{
    (void)m;
    vjobj c;
    vj_str(j, "rule", vmethod_rule_key(p));
    if (vj_sub(j, "consensus", 0, &c)) {
        vj_int(&c, "blocks_to_stop", p->cons.blocks_to_stop);
        vj_pair(&c, "stand_aside_to_table", p->cons.table_num, p->cons.table_den);
        vj_pair(&c, "override", p->cons.override_num, p->cons.override_den);
        vj_end(&c);
    }
    if (r)
        json_counts3(j, cons_json, r);
}

/* ---- approval ------------------------------------------------------------ */

static void approval_rules(vbuf *b, const proposal *p)
{
    vbuf_printf(b, "rule %s\nseats %d\nchoose %d\n", vmethod_rule_key(p), p->seats,
                p->choose);
    options_line(b, p);
}

static void approval_counts(vbuf *b, const proposal *p, const tally_result *r)
{
    vbuf_printf(b, "blank %" PRId64 "\n", r->blank);
    for (int i = 0; i < p->nopts; i++)
        vbuf_printf(b, "approvals %s %" PRId64 "\n", p->opts[i].id, r->counts[i]);
    if (r->ntied > 0)
        ids_line(b, "tied", p, r->tied, r->ntied);
    ids_line(b, "winners", p, r->winners, r->nwinners);
}


static void approval_csv(vbuf *col, const proposal *p, const tally_result *r)
{
    options_csv(col, p, r);
    if (r)
        ids(&col[VC_TIED], " ", p, r->tied, r->ntied);
}

static void approval_json(vjobj *j, const meeting *m, const proposal *p,
                          const tally_result *r)
{
    vj_str(j, "rule", vmethod_rule_key(p));
    vj_int(j, "seats", p->seats);
    vj_int(j, "choose", p->choose);
    json_options(j, m, p, r);
    if (r)
        vj_ids(j, "tied", p, r->tied, r->ntied);
}

/* ---- ranked-choice and stv ------------------------------------------------ */

static void ranked_rules(vbuf *b, const proposal *p)
{
    vbuf_printf(b, "rule %s\n", vmethod_rule_key(p));
    options_line(b, p);
}

static void stv_rules(vbuf *b, const proposal *p)
{
    vbuf_printf(b, "rule %s\nseats %d\n", vmethod_rule_key(p), p->seats);
    options_line(b, p);
}

static void ranked_counts(vbuf *b, const proposal *p, const tally_result *r)
{
    vbuf_printf(b, "blank %" PRId64 "\n", r->blank);
    for (int i = 0; i < p->nopts; i++)
        vbuf_printf(b, "first %s %" PRId64 "\n", p->opts[i].id, r->counts[i]);
    if (r->rcv)
        round_lines(b, p, r->rcv);
    ids_line(b, "winners", p, r->winners, r->nwinners);
    vbuf_printf(b, "tie-break %s\n", r->rcv && r->rcv->tie_note ? "used" : "none");
}


static void ranked_csv(vbuf *col, const proposal *p, const tally_result *r)
{
    options_csv(col, p, r);
}

static void ranked_json(vjobj *j, const meeting *m, const proposal *p,
                        const tally_result *r)
{
    vj_str(j, "rule", vmethod_rule_key(p));
    if (p->method == METHOD_STV)
        vj_int(j, "seats", p->seats);
    json_options(j, m, p, r);
    if (r && r->rcv)
        json_rounds(j, p, r->rcv);
}

/* ---- condorcet ----------------------------------------------------------- */

/* pairwise: the recount's pairwise preferences (the method's results
 * table, method.h), or 0 when there are none (nobody ranked anyone). */
static int pairwise(const proposal *p, const tally_result *r, method_table *t)
{
    const method_def *md = method_of(p->method);
    memset(t, 0, sizeof *t);
    return md->ui_table && md->ui_table(p, r, t) && t->n == p->nopts;
}

static void condorcet_counts(vbuf *b, const proposal *p, const tally_result *r)
{
    static method_table t;
    vbuf_printf(b, "blank %" PRId64 "\n", r->blank);
    for (int i = 0; i < p->nopts; i++)
        vbuf_printf(b, "first %s %" PRId64 "\n", p->opts[i].id, r->counts[i]);
    for (int x = 0; pairwise(p, r, &t) && x < t.n; x++) {
        vbuf_printf(b, "pairwise %s", p->opts[x].id);
        for (int y = 0; y < t.n; y++)
            if (y != x)
                vbuf_printf(b, " %s=%" PRId64, p->opts[y].id, t.cell[x][y]);
        vbuf_printf(b, "\n");
    }
    if (r->ntied > 0)
        ids_line(b, "tied", p, r->tied, r->ntied);
    ids_line(b, "winners", p, r->winners, r->nwinners);
    vbuf_printf(b, "tie-break %s\n", r->ntied > 1 ? "used" : "none");
}

static void condorcet_json(vjobj *j, const meeting *m, const proposal *p,
                           const tally_result *r)
{
    static method_table t;
    vj_str(j, "rule", vmethod_rule_key(p));
    json_options(j, m, p, r);
    if (!r)
        return;
    vj_ids(j, "tied", p, r->tied, r->ntied);
    vj_bool(j, "tie_break_used", r->ntied > 1);
    vjobj pw;
    if (!vj_sub(j, "pairwise", 0, &pw))
        return;
    for (int x = 0; pairwise(p, r, &t) && x < t.n; x++) {
        vjobj row;
        if (!vj_sub(&pw, p->opts[x].id, 0, &row))
            continue;
        for (int y = 0; y < t.n; y++)
            if (y != x)
                vj_int(&row, p->opts[y].id, t.cell[x][y]);
        vj_end(&row);
    }
    vj_end(&pw);
}

/* The table: one row per method, in vote_method order. */
static const vmethod methods[] = {
    {METHOD_YES_NO_ABSTAIN, "yes-no-abstain", "passed", "not-passed", yna_words,
     yes_no_rules, yes_no_counts, yes_no_csv, yes_no_json},
    {METHOD_CONSENSUS, "consensus", "passed", "not-passed", cons_words,
     consensus_rules, consensus_counts, consensus_csv, consensus_json},
    {METHOD_APPROVAL, "approval", "passed", "not-passed", NULL, approval_rules,
     approval_counts, approval_csv, approval_json},
    {METHOD_IRV, "ranked-choice", "passed", "not-passed", NULL, ranked_rules,
     ranked_counts, ranked_csv, ranked_json},
    {METHOD_STV, "stv", "passed", "not-passed", NULL, stv_rules, ranked_counts,
     ranked_csv, ranked_json},
    {METHOD_RECALL, "recall", "recalled", "not-recalled", yna_words, yes_no_rules,
     yes_no_counts, yes_no_csv, yes_no_json},
    {METHOD_CONDORCET, "condorcet", "passed", "not-passed", NULL, ranked_rules,
     condorcet_counts, approval_csv, condorcet_json},
};
#define NMETHODS (int)(sizeof methods / sizeof methods[0])

const vmethod *vmethod_of(int method)
{
    for (int i = 0; i < NMETHODS; i++)
        if (methods[i].method == method)
            return &methods[i];
    return NULL;
}

const vmethod *vmethod_by_word(const char *s, size_t n)
{
    for (int i = 0; i < NMETHODS; i++)
        if (vword(s, n, methods[i].word))
            return &methods[i];
    return NULL;
}
