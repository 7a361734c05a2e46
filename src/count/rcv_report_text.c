/* rcv_report_text.c: a count as a plain-text table that a volunteer can
 * recount by hand: one row per candidate, one column per round, the
 * threshold and inactive ballots under it, then what each round decided
 * and where every ballot went. */
#include <stdlib.h>
#include <string.h>
#include "diag.h"
#include "rcv_report_internal.h"

#define BLOCK 6 /* rounds per table, so it fits an 80-100 column terminal */

static const char *const cause_name[RCV_INACTIVE_N] = {
    "Inactive: no choices left", "Inactive: overvote", "Inactive: skipped ranks",
    "Inactive: repeated rank"};

static void free_names(char **e, int n)
{
    for (int c = 0; e && c < n; c++)
        free(e[c]);
    free(e);
}

static int name_width(const rcv_ballots *b)
{
    int w = 26; /* "Inactive: skipped ranks" and friends */
    for (int c = 0; c < b->ncand; c++) {
        int n = (int)strlen(b->cand[c]);
        if (n > w)
            w = n;
    }
    return w > 40 ? 40 : w;
}

static void cell(FILE *f, const char *s, int w)
{
    fprintf(f, "%*s", w, s);
}

static void options_line(FILE *f, const rcv_options *o, const rcv_result *r)
{
    static const char *const quota[] = {"Droop (whole votes)", "Droop (fractional)",
                                        "Hare"};
    static const char *const tie[] = {"previous round, then a draw", "list order",
                                      "a draw"};
    static const char *const over[] = {"exhausts the ballot", "is skipped",
                                       "exhausts if several marked are continuing"};
    fprintf(f, "Method:   %s, %d seat%s\n", report_method(o), r->seats,
            r->seats == 1 ? "" : "s");
    if (o->method == RCV_IRV || o->method == RCV_STV) {
        if (o->method == RCV_STV && o->rule == RCV_RULE_RCTAB)
            fprintf(f, "Rules:    quota %s, %d decimals, %s elimination%s\n",
                    quota[o->quota], r->decimals,
                    o->elimination == RCV_ELIM_BATCH ? "batch" : "single",
                    o->one_winner_per_round ? ", one winner per round" : "");
        else if (o->method == RCV_STV)
            fprintf(f, "Rules:    quota Droop (whole votes), 5 decimals truncated\n");
        else
            fprintf(f, "Rules:    %s elimination%s\n",
                    o->elimination == RCV_ELIM_BATCH ? "batch" : "single",
                    o->continue_until_two ? ", continue until two remain" : "");
        char skipped[32];
        if (o->max_skipped < 0)
            snprintf(skipped, sizeof skipped, "unlimited");
        else
            snprintf(skipped, sizeof skipped, "%d", o->max_skipped);
        fprintf(f, "          ties: %s (seed %llu); an overvoted rank %s;\n"
                   "          skipped ranks allowed in a row: %s; a repeated "
                   "candidate %s\n",
                tie[o->tiebreak], (unsigned long long)o->seed, over[o->overvote],
                skipped, o->duplicates == RCV_DUP_EXHAUST ? "exhausts the ballot"
                                                          : "is skipped");
    }
}

static void table(FILE *f, const rcv_ballots *b, const rcv_result *r,
                  const report_fate *fa, const int *rows, int nrows, int k0, int k1)
{
    int nw = name_width(b), cw = 12, dec = r->decimals;
    char num[32];

    for (int k = k0; k < k1; k++) {
        int64_t vals[RCV_INACTIVE_N + 2];
        vals[0] = r->rounds[k].threshold;
        vals[1] = r->rounds[k].residual;
        for (int i = 0; i < RCV_INACTIVE_N; i++)
            vals[2 + i] = r->rounds[k].inactive[i];
        for (int i = 0; i < RCV_INACTIVE_N + 2; i++) {
            int n = (int)strlen(report_num(vals[i], dec, num)) + 2;
            if (n > cw)
                cw = n;
        }
        for (int c = 0; c < r->ncand; c++) {
            int n = (int)strlen(report_num(r->rounds[k].votes[c], dec, num)) + 4;
            if (n > cw)
                cw = n;
        }
    }
    fprintf(f, "%-*s", nw, "");
    for (int k = k0; k < k1; k++) {
        char h[24];
        snprintf(h, sizeof h, "Round %d", k + 1);
        cell(f, h, cw);
    }
    fputc('\n', f);
    for (int i = 0; i < nrows; i++) {
        int c = rows[i];
        fprintf(f, "%-*.*s", nw, nw, b->cand[c]);
        for (int k = k0; k < k1; k++) {
            char s[48];
            if (!report_shown(fa, b, k, c)) {
                snprintf(s, sizeof s, "-");
            } else {
                const char *mark = "";
                if (fa->elect_round[c] >= 0 && fa->elect_round[c] <= k)
                    mark = " E"; /* elected (this round or earlier) */
                else if (fa->elim_round[c] == k)
                    mark = " x"; /* eliminated after this round */
                snprintf(s, sizeof s, "%s%s", report_num(r->rounds[k].votes[c], dec, num),
                         mark);
            }
            cell(f, s, cw);
        }
        fputc('\n', f);
    }
    fprintf(f, "%-*s", nw, "Active ballots");
    for (int k = k0; k < k1; k++)
        cell(f, report_num(report_active(fa, b, r, k), dec, num), cw);
    fprintf(f, "\n%-*s", nw, "Threshold");
    for (int k = k0; k < k1; k++)
        cell(f, report_num(r->rounds[k].threshold, dec, num), cw);
    fputc('\n', f);
    for (int i = 0; i < RCV_INACTIVE_N; i++) {
        fprintf(f, "%-*s", nw, cause_name[i]);
        for (int k = k0; k < k1; k++)
            cell(f, report_num(r->rounds[k].inactive[i], dec, num), cw);
        fputc('\n', f);
    }
    int any_residual = 0;
    for (int k = k0; k < k1; k++)
        any_residual |= r->rounds[k].residual != 0;
    if (k1 == r->nrounds && r->rounds[k1 - 1].final_surplus) {
        fprintf(f, "%-*s", nw, "Final round surplus");
        for (int k = k0; k < k1; k++)
            cell(f, k == k1 - 1 ? report_num(r->rounds[k].final_surplus, dec, num) : "",
                 cw);
        fputc('\n', f);
    }
    if (any_residual) {
        fprintf(f, "%-*s", nw, "Residual surplus");
        for (int k = k0; k < k1; k++)
            cell(f, report_num(r->rounds[k].residual, dec, num), cw);
        fputc('\n', f);
    }
    fputc('\n', f);
}

static void decisions(FILE *f, const rcv_ballots *b, const rcv_result *r)
{
    char num[32];
    fputs("What each round decided (transfers move before the next round):\n", f);
    for (int k = 0; k < r->nrounds; k++) {
        const rcv_round *rd = &r->rounds[k];
        for (int a = 0; a < rd->nactions; a++) {
            const rcv_action *ac = &rd->actions[a];
            int any = 0;
            if (ac->elected == 2)
                fprintf(f, "  Round %d: surplus of %s (elected earlier)", k + 1,
                        b->cand[ac->cand]);
            else
                fprintf(f, "  Round %d: %s %s%s", k + 1, b->cand[ac->cand],
                        ac->elected ? "elected" : "eliminated",
                        rd->tie ? " (a tie-break decided this round)" : "");
            for (int c = 0; ac->to && c < r->ncand; c++) {
                if (!ac->to[c])
                    continue;
                fprintf(f, "%s%s to %s", any ? ", " : "; moves ",
                        report_num(ac->to[c], r->decimals, num), b->cand[c]);
                any = 1;
            }
            if (ac->exhausted) {
                fprintf(f, "%s%s to no one (inactive)", any ? ", " : "; moves ",
                        report_num(ac->exhausted, r->decimals, num));
                any = 1;
            }
            if (ac->residual)
                fprintf(f, "%s%s lost to truncation", any ? ", " : "; ",
                        report_num(ac->residual, r->decimals, num));
            fputc('\n', f);
        }
    }
}

/* escaped_names: b's candidate names through diag_escape, so that a name
 * in a ballot file or meeting file cannot send escape sequences to the
 * terminal the report is printed on.  NULL on ENOMEM. */
static char **escaped_names(const rcv_ballots *b)
{
    char **e = calloc((size_t)(b->ncand ? b->ncand : 1), sizeof *e);
    for (int c = 0; e && c < b->ncand; c++)
        if (!(e[c] = diag_escape_dup(b->cand[c]))) {
            free_names(e, c);
            return NULL;
        }
    return e;
}

as_status report_text(FILE *f, const rcv_ballots *b0, const rcv_options *o,
                      const rcv_result *r, const report_info *info, as_err *err)
{
    report_fate fa;
    int nrows = 0, *rows = NULL;
    as_status st = AS_ENOMEM;
    /* Every name printed below comes from eb, the escaped copy of b0. */
    rcv_ballots eb = *b0;
    const rcv_ballots *b = &eb;
    char *contest = diag_escape_dup(report_contest(b0, info));
    char *source = info && info->source ? diag_escape_dup(info->source) : NULL;

    eb.cand = escaped_names(b0);
    if (report_fate_init(&fa, r) != AS_OK) {
        free_names(eb.cand, b0->ncand);
        free(contest);
        free(source);
        return as_err_set(err, AS_ENOMEM, "out of memory writing the report");
    }
    if (!eb.cand || !contest || (info && info->source && !source) ||
        !(rows = report_sorted(b, r, &nrows))) {
        as_err_set(err, AS_ENOMEM, "out of memory writing the report");
        goto done;
    }
    fprintf(f, "Contest:  %s\n", contest);
    if (source)
        fprintf(f, "Ballots:  %s\n", source);
    options_line(f, o, r);
    fprintf(f, "Counted:  %lld ballots, %lld of them blank (no choice marked)\n",
            (long long)r->total, (long long)r->undervotes);
    if (r->decimals)
        fprintf(f, "Figures:  votes to %d decimals, truncated (never rounded)\n",
                r->decimals);
    fputs("Marks:    E elected, x eliminated after that round, - out of the count\n\n",
          f);
    for (int k0 = 0; k0 < r->nrounds; k0 += BLOCK) {
        int k1 = k0 + BLOCK < r->nrounds ? k0 + BLOCK : r->nrounds;
        table(f, b, r, &fa, rows, nrows, k0, k1);
    }
    decisions(f, b, r);
    fprintf(f, "\n%s:", r->nwinners == 1 ? "Winner" : "Winners");
    for (int i = 0; i < r->nwinners; i++)
        fprintf(f, "%s %s", i ? "," : "", b->cand[r->winners[i]]);
    if (!r->nwinners)
        fputs(" none", f);
    fputc('\n', f);
    if (r->tie_note)
        fputs("Note: a tie-break decided part of this result (see above; "
              "docs/tally.md says how ties are broken).\n", f);
    st = AS_OK;
    if (fflush(f) != 0 || ferror(f))
        st = as_err_set(err, AS_EIO, "cannot write the report; is the disk full?");
done:
    free(rows);
    report_fate_free(&fa);
    free_names(eb.cand, b0->ncand);
    free(contest);
    free(source);
    return st;
}
