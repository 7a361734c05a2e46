/* verify_recount.c: the recount check: every closed proposal counted
 * again from its ballot list (yes/no/abstain by the §3.1 rule, the other
 * methods by the counting engine with meeting.yaml's rules) and compared
 * with what results.txt states. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "verify_expect.h"

/* recount_method: the recount of a closed §3.2 block i from its ballot
 * list, kept in p->res[i] for the checks of the results files. */
static void recount_method(const vbundle *b, vparsed *p, int i, vreport *r)
{
    const verify_result *x = &p->results.r[i];
    const meeting *m = vparsed_meeting(b, p);
    char path[128];
    if (!m) {
        vr_skip(r, "meeting.yaml: not a valid meeting file (see meeting); "
                "%s cannot be recounted", x->id);
        return;
    }
    int k = meeting_find(m, x->id);
    if (k < 0) {
        vr_fail(r, "results.txt:%d: %s is not a proposal of meeting.yaml",
                x->line, x->id);
        return;
    }
    const proposal *pr = &m->props[k];
    if ((int)pr->method != x->method || vmethod_v1(pr) != x->v1) {
        vr_fail(r, "results.txt:%d: %s is not written as meeting.yaml's method "
                "and rule say", x->line, x->id);
        return;
    }
    snprintf(path, sizeof path, "ballots/%s.txt", x->id);
    const vfile *f = vbundle_get(b, path);
    if (!f) {
        vr_skip(r, "%s: not readable (see syntax)", path);
        return;
    }
    tally_counter *t = NULL;
    if (tally_counter_new(pr, &t) != AS_OK) {
        vr_fail(r, "%s: out of memory recounting", path);
        return;
    }
    vline c;
    const char *s;
    size_t n;
    as_err e;
    int bad = 0;
    vline_init(&c, f->buf, f->len, path);
    while (vline_next(&c, &s, &n, &e) == 1) {
        as_status st = tally_counter_add(t, s + 33, n - 33);
        if (st == AS_ECORRUPT) {
            vr_fail(r, "%s:%d: not a ballot that proposal %s allows (option ids "
                    "of meeting.yaml, each once, in meeting order for approval, "
                    "at most choose or the ranks the kiosk offers)", path, c.line,
                    x->id);
            bad = 1;
        } else if (st != AS_OK) {
            vr_fail(r, "%s: out of memory recounting", path);
            bad = 1;
            break;
        }
    }
    tally_result *res = NULL;
    int ci = x->checked_in > INT32_MAX ? INT32_MAX : (int)x->checked_in;
    int q = x->quorum > INT32_MAX ? INT32_MAX : (int)x->quorum;
    if (!bad && tally_counter_finish(t, ci, q, p->ballots[i].root, &res, &e) != AS_OK)
        vr_fail(r, "%s: cannot be counted: %s", path, e.msg);
    tally_counter_free(t);
    if (!res)
        return;
    p->res[i] = res;
    if (x->ballots != res->ballots)
        vr_fail(r, "results.txt:%d: %s says ballots %lld, %s has %lld", x->line,
                x->id, (long long)x->ballots, path, (long long)res->ballots);
    if (x->min_ballots != pr->min_ballots)
        vr_fail(r, "results.txt:%d: %s says min-ballots %lld, meeting.yaml %d",
                x->line, x->id, (long long)x->min_ballots, pr->min_ballots);
    const char *want = vmethod_outcome(pr, res->verdict);
    if (strcmp(x->outcome, want) != 0)
        vr_fail(r, "results.txt:%d: %s says %s, the recount gives %s", x->line,
                x->id, x->outcome, want);
}

void verify_check_recount(const vbundle *b, vparsed *p, vreport *r)
{
    if (!vr_begin_need(r, "recount", p->have_results,
                       "results.txt: not readable (see syntax)"))
        return;
    if (!p->res) {
        p->res = calloc((size_t)p->results.n + 1, sizeof *p->res);
        if (!p->res) {
            vr_fail(r, "results.txt: out of memory");
            vr_end(r);
            return;
        }
        p->nres = p->results.n;
    }
    for (int i = 0; i < p->results.n; i++) {
        const verify_result *x = &p->results.r[i];
        if (x->state != VERIFY_CLOSED)
            continue;
        if (!p->have_ballots[i]) {
            vr_skip(r, "ballots/%s.txt: not readable (see syntax)", x->id);
            continue;
        }
        if (!x->v1) {
            recount_method(b, p, i, r);
            continue;
        }
        const verify_ballots *bl = &p->ballots[i];
        struct { const char *k; int64_t stated, counted; } f[] = {
            {"ballots", x->ballots, bl->n}, {"yes", x->yes, bl->yes},
            {"no", x->no, bl->no}, {"abstain", x->abstain, bl->abstain}};
        for (size_t k = 0; k < sizeof f / sizeof f[0]; k++)
            if (f[k].stated != f[k].counted)
                vr_fail(r, "results.txt:%d: %s says %s %lld, ballots/%s.txt has "
                        "%lld", x->line, x->id, f[k].k, (long long)f[k].stated,
                        x->id, (long long)f[k].counted);
        threshold th;
        memset(&th, 0, sizeof th);
        th.num = x->num;
        th.den = x->den;
        th.strict = x->strict;
        tally_yna c = {bl->yes, bl->no, bl->abstain};
        int ci = x->checked_in > INT32_MAX ? INT32_MAX : (int)x->checked_in;
        int q = x->quorum > INT32_MAX ? INT32_MAX : (int)x->quorum;
        tally_outcome o = tally_decide(&th, c, ci, q);
        if (o.passed != x->passed)
            vr_fail(r, "results.txt:%d: %s says %s, the recount gives %s", x->line,
                    x->id, x->passed ? "passed" : "not-passed",
                    o.passed ? "passed" : "not-passed");
    }
    vr_end(r);
}
