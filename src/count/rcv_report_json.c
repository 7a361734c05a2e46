/* rcv_report_json.c: a count as RCTab's "universaltabulator" JSON, the
 * way RCTab itself writes it (keys sorted, numbers as decimal strings). */
#include <stdlib.h>
#include <string.h>
#include "rcv_report_internal.h"

static void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", f);
        else if (*p == '\t')
            fputs("\\t", f);
        else if (*p == '\r')
            fputs("\\r", f);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

/* by_name: candidate indices sorted by name (byte order), as RCTab's
 * sorted maps print them. */
static int *by_name(const rcv_ballots *b)
{
    int n = b->ncand;
    int *v = malloc((size_t)(n ? n : 1) * sizeof *v);
    if (!v)
        return NULL;
    for (int i = 0; i < n; i++) {
        int j = i;
        while (j > 0 && strcmp(b->cand[v[j - 1]], b->cand[i]) > 0) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = i;
    }
    return v;
}

static void kv(FILE *f, const char *key, const char *val, int *first,
               const char *indent)
{
    fprintf(f, "%s%s", *first ? "" : ",\n", indent);
    json_str(f, key);
    fputs(" : ", f);
    json_str(f, val);
    *first = 0;
}

as_status report_json(FILE *f, const rcv_ballots *b, const rcv_result *r,
                      const report_info *info, as_err *err)
{
    static const char *const cause[RCV_INACTIVE_N] = {
        "exhaustedChoices", "overvotes", "skippedRankings", "repeatedRankings"};
    report_fate fa;
    int *order;
    char num[32];
    int dec = r->decimals;

    if (report_fate_init(&fa, r) != AS_OK)
        return as_err_set(err, AS_ENOMEM, "out of memory writing the report");
    if (!(order = by_name(b))) {
        report_fate_free(&fa);
        return as_err_set(err, AS_ENOMEM, "out of memory writing the report");
    }
    fputs("{\n  \"config\" : {\n    \"contest\" : ", f);
    json_str(f, report_contest(b, info));
    fputs(",\n    \"generatedBy\" : \"asamblea\"\n  },\n", f);
    fputs("  \"jsonFormatVersion\" : \"1\",\n  \"results\" : [", f);
    for (int k = 0; k < r->nrounds; k++) {
        const rcv_round *rd = &r->rounds[k];
        int first = 1;
        fprintf(f, "%s {\n    \"inactiveBallots\" : {\n", k ? "," : "");
        /* RCTab's order: exhaustedChoices, overvotes, repeatedRankings,
         * skippedRankings (sorted). */
        static const int ci[RCV_INACTIVE_N] = {RCV_INACTIVE_EXHAUSTED,
                                               RCV_INACTIVE_OVERVOTE,
                                               RCV_INACTIVE_REPEATED,
                                               RCV_INACTIVE_SKIPPED};
        for (int i = 0; i < RCV_INACTIVE_N; i++) {
            kv(f, cause[ci[i]], report_num(rd->inactive[ci[i]], dec, num), &first,
               "      ");
            /* RCTab puts the final round's unmoved surplus here, between
             * exhaustedChoices and overvotes in its sorted order. */
            if (i == 0 && r->seats > 1 && k == r->nrounds - 1)
                kv(f, "finalRoundSurplus", report_num(rd->final_surplus, dec, num),
                   &first, "      ");
        }
        fprintf(f, "\n    },\n    \"round\" : %d,\n    \"tally\" : {\n", k + 1);
        first = 1;
        for (int i = 0; i < b->ncand; i++) {
            int c = order[i];
            if (report_shown(&fa, b, k, c))
                kv(f, b->cand[c], report_num(rd->votes[c], dec, num), &first,
                   "      ");
        }
        fputs("\n    },\n    \"tallyResults\" : [", f);
        for (int a = 0; a < rd->nactions; a++) {
            const rcv_action *ac = &rd->actions[a];
            fprintf(f, "%s {\n      ", a ? "," : "");
            json_str(f, ac->elected ? "elected" : "eliminated");
            fputs(" : ", f);
            json_str(f, b->cand[ac->cand]);
            fputs(",\n      \"transfers\" : {", f);
            first = 1;
            for (int i = 0; ac->to && i < b->ncand; i++) {
                int c = order[i];
                if (ac->to[c])
                    kv(f, b->cand[c], report_num(ac->to[c], dec, num), &first,
                       "\n        ");
            }
            if (ac->exhausted)
                kv(f, "exhausted", report_num(ac->exhausted, dec, num), &first,
                   "\n        ");
            if (ac->residual)
                kv(f, "residual surplus", report_num(ac->residual, dec, num), &first,
                   "\n        ");
            fputs(first ? " }\n    }" : "\n      }\n    }", f);
        }
        fputs(rd->nactions ? " ],\n" : " ],\n", f);
        fprintf(f, "    \"threshold\" : \"%s\"\n  }", report_num(rd->threshold, dec, num));
    }
    fputs(" ],\n  \"summary\" : {\n", f);
    int ncand = 0;
    for (int c = 0; c < b->ncand; c++)
        ncand += !(b->withdrawn && b->withdrawn[c]);
    fprintf(f, "    \"finalThreshold\" : \"%s\",\n",
            r->nrounds ? report_num(r->rounds[r->nrounds - 1].threshold, dec, num) : "0");
    fprintf(f, "    \"numCandidates\" : %d,\n    \"numWinners\" : %d,\n", ncand,
            r->seats);
    fprintf(f, "    \"totalNumBallots\" : \"%lld\",\n    \"undervotes\" : %lld\n  }\n}\n",
            (long long)r->total, (long long)r->undervotes);
    free(order);
    report_fate_free(&fa);
    if (fflush(f) != 0 || ferror(f))
        return as_err_set(err, AS_EIO, "cannot write the JSON report; is the disk full?");
    return AS_OK;
}
