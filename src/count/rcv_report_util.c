/* rcv_report_util.c: what the report writers share. */
#include <stdlib.h>
#include <string.h>
#include "rcv_report_internal.h"

as_status report_fate_init(report_fate *fa, const rcv_result *r)
{
    fa->ncand = r->ncand;
    fa->elim_round = malloc((size_t)(r->ncand ? r->ncand : 1) * sizeof(int));
    fa->elect_round = malloc((size_t)(r->ncand ? r->ncand : 1) * sizeof(int));
    if (!fa->elim_round || !fa->elect_round) {
        report_fate_free(fa);
        return AS_ENOMEM;
    }
    for (int c = 0; c < r->ncand; c++)
        fa->elim_round[c] = fa->elect_round[c] = -1;
    for (int k = 0; k < r->nrounds; k++) {
        const rcv_round *rd = &r->rounds[k];
        for (int a = 0; a < rd->nactions; a++) {
            int c = rd->actions[a].cand;
            if (c < 0 || c >= r->ncand)
                continue;
            if (rd->actions[a].elected) {
                /* elected == 2 is a later surplus transfer (Scottish) */
                if (fa->elect_round[c] < 0)
                    fa->elect_round[c] = k;
            }
            else if (fa->elim_round[c] < 0)
                fa->elim_round[c] = k;
        }
    }
    return AS_OK;
}

void report_fate_free(report_fate *fa)
{
    free(fa->elim_round);
    free(fa->elect_round);
    fa->elim_round = fa->elect_round = NULL;
}

int report_shown(const report_fate *fa, const rcv_ballots *b, int k, int c)
{
    if (b->withdrawn && b->withdrawn[c])
        return 0;
    return fa->elim_round[c] < 0 || fa->elim_round[c] >= k;
}

int64_t report_active(const report_fate *fa, const rcv_ballots *b,
                      const rcv_result *r, int k)
{
    int64_t s = 0;
    for (int c = 0; c < r->ncand; c++)
        if (report_shown(fa, b, k, c))
            s += r->rounds[k].votes[c];
    return s;
}

const char *report_num(int64_t v, int dec, char *buf)
{
    return rcv_format_scaled(v, dec, buf, 32);
}

const char *report_contest(const rcv_ballots *b, const report_info *info)
{
    if (info && info->contest && *info->contest)
        return info->contest;
    if (b->title && *b->title)
        return b->title;
    return "Election";
}

const char *report_method(const rcv_options *o)
{
    switch (o->method) {
    case RCV_IRV:
        return "instant runoff (IRV)";
    case RCV_STV:
        return o->rule == RCV_RULE_RCTAB
                   ? "single transferable vote (STV), RCTab-compatible rule"
                   : "single transferable vote (STV), Scottish rule (WIGM, 5 decimals)";
    case RCV_APPROVAL:
        return "approval";
    case RCV_PLURALITY:
        return "plurality (first preferences)";
    }
    return "?";
}

const char *report_percent(int64_t part, int64_t whole, char *buf, size_t size)
{
    if (whole <= 0 || part < 0) {
        snprintf(buf, size, "0.0%%");
        return buf;
    }
    uint64_t p = (uint64_t)part, w = (uint64_t)whole;
    /* Long division, one digit at a time, so nothing overflows: the
     * remainder stays below w, and w is shrunk first if w * 10 could. */
    while (w > UINT64_MAX / 10) {
        w /= 10;
        p /= 10;
    }
    if (w == 0) {
        snprintf(buf, size, "0.0%%");
        return buf;
    }
    uint64_t q = p / w, rem = p % w;
    unsigned d[4];
    for (int i = 0; i < 4; i++) {
        rem *= 10;
        d[i] = (unsigned)(rem / w);
        rem %= w;
    }
    /* percent = q*100 + d0*10 + d1 . d2 d3 */
    uint64_t ip = q * 100 + d[0] * 10 + d[1];
    if (d[3])
        snprintf(buf, size, "%llu.%u%u%%", (unsigned long long)ip, d[2], d[3]);
    else
        snprintf(buf, size, "%llu.%u%%", (unsigned long long)ip, d[2]);
    return buf;
}

int *report_sorted(const rcv_ballots *b, const rcv_result *r, int *n)
{
    int *v = malloc((size_t)(r->ncand ? r->ncand : 1) * sizeof *v);
    *n = 0;
    if (!v)
        return NULL;
    for (int c = 0; c < r->ncand; c++)
        if (!(b->withdrawn && b->withdrawn[c]))
            v[(*n)++] = c;
    if (r->nrounds < 1)
        return v;
    /* Insertion sort: stable, so equal tallies keep list order. */
    const int64_t *t = r->rounds[0].votes;
    for (int i = 1; i < *n; i++) {
        int x = v[i], j = i;
        while (j > 0 && t[v[j - 1]] < t[x]) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
    return v;
}
