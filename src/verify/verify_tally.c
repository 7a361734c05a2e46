/* verify_tally.c: a kiosk export bundle recounted proposal by proposal
 * (verify_tally.h), the work behind `asamblea tally BUNDLE`. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "diag.h"
#include "verify_methods.h"
#include "file_read.h"
#include "meeting.h"
#include "method.h"
#include "tally.h"
#include "verify.h"
#include "verify_tally.h"

/* read_whole: path's bytes (NUL-terminated), or NULL with err set.  The
 * file must be a regular file (a symlink, FIFO or device in a bundle is
 * refused without blocking), at most VERIFY_FILE_MAX bytes, and all the
 * files read for one bundle together at most VERIFY_BUNDLE_MAX (*budget:
 * what is left), as `asamblea verify` reads them; sizes count a sparse
 * file's holes. */
static char *read_whole(const char *path, size_t *len, size_t *budget, as_err *err)
{
    char *buf = NULL;
    as_err why;
    size_t max = *budget < VERIFY_FILE_MAX ? *budget : VERIFY_FILE_MAX;
    as_status st;

    as_err_clear(&why);
    st = file_read_regular(path, FILE_NOFOLLOW, max, "bundle file", &buf, len, &why);
    if (st == AS_ENOENT)
        as_err_set(err, st, "%s: missing; is this a complete export bundle?", path);
    else if (st == AS_EINVAL && max < VERIFY_FILE_MAX)
        as_err_set(err, st, "%s: the bundle's files pass the %zu MiB a bundle may "
                   "hold; this is not an asamblea export bundle", path,
                   (size_t)(VERIFY_BUNDLE_MAX >> 20));
    else if (st != AS_OK)
        as_err_set(err, st, "%s: %s; run asamblea verify on the bundle", path, why.msg);
    else
        *budget -= *len;
    return st == AS_OK ? buf : NULL;
}

/* print_proposal: one recounted proposal as text into f; -1 out of
 * memory. */
static int print_proposal(FILE *f, const meeting *m, const proposal *p,
                          const verify_result *x, const tally_result *res)
{
    const char *title = meeting_text(m, &p->title, 0);
    char shown[1024]; /* the title as printed: escaped */
    diag_escape(shown, sizeof shown, title ? title : "");
    fprintf(f, "== %s: %s\n", p->id, shown);
    fprintf(f, "Ballots: %lld (%d present at the close, quorum %d)\n",
            (long long)res->ballots, res->checked_in, res->quorum_needed);
    /* the method's own lines: counts, rounds or table, winners */
    if (method_of(p->method)->print(f, m, p, res) != 0)
        return -1;
    fprintf(f, "Recounted outcome: %s (results.txt says: %s)\n\n",
            vmethod_outcome(p, res->verdict),
            x->v1 ? (x->passed ? "passed" : "not-passed") : x->outcome);
    return 0;
}

/* count: the ballot list bbuf of proposal p (from path) counted with the
 * figures results.txt gives; *res for tally_result_free. */
static as_status count(const proposal *p, const verify_result *x, char *bbuf,
                       size_t blen, const char *path, tally_result **res, as_err *err)
{
    verify_ballots vb;
    tally_counter *t = NULL;
    as_status st;
    int line = 0;

    *res = NULL;
    if ((st = verify_ballots_parse_method(bbuf, blen, path, (int)p->method,
                                          &vb, err)) != AS_OK)
        return st;
    if (tally_counter_new(p, &t) != AS_OK)
        return as_err_set(err, AS_ENOMEM, "%s: out of memory", path);
    for (char *s = bbuf; *s;) {
        char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        line++;
        /* "<32 hex> <choice>": verify_ballots_parse_method checked it */
        if (n > 33 && tally_counter_add(t, s + 33, n - 33) != AS_OK) {
            tally_counter_free(t);
            return as_err_set(err, AS_EINVAL, "%s:%d: not a ballot proposal %s "
                              "allows; the bundle is damaged: run asamblea verify "
                              "on it", path, line, p->id);
        }
        s = nl ? nl + 1 : s + n;
    }
    int ci = x->checked_in > INT32_MAX ? INT32_MAX : (int)x->checked_in;
    int q = x->quorum > INT32_MAX ? INT32_MAX : (int)x->quorum;
    as_err why;
    as_err_clear(&why);
    st = tally_counter_finish(t, ci, q, vb.root, res, &why);
    tally_counter_free(t);
    if (st != AS_OK)
        as_err_set(err, st, "%s: cannot be counted: %s", path, why.msg);
    return st;
}

/* load: the meeting file and results.txt of the bundle. */
static as_status load(const char *dir, char path[4200], size_t *budget, meeting **m,
                      verify_results *vr, as_err *err)
{
    static const char empty_roster[] = "name,role,token\n";
    char *buf;
    size_t len = 0;
    diag_list d;
    as_status st;

    snprintf(path, 4200, "%s/meeting.yaml", dir);
    if (!(buf = read_whole(path, &len, budget, err)))
        return AS_EINVAL;
    diag_init(&d);
    st = meeting_from_memory(path, buf, len, empty_roster, m, &d);
    free(buf);
    if (st != AS_OK) {
        int more = diag_count(&d) - 1;
        if (more > 0)
            as_err_set(err, st, "%s (and %d more problem%s after this one)",
                       d.n > 0 ? d.lines[0] : path, more, more == 1 ? "" : "s");
        else
            as_err_set(err, st, "%s", d.n > 0 ? d.lines[0] : path);
        diag_free(&d);
        return st;
    }
    diag_free(&d);
    snprintf(path, 4200, "%s/results.txt", dir);
    if (!(buf = read_whole(path, &len, budget, err)))
        return AS_EINVAL;
    st = verify_results_parse(buf, len, path, vr, err);
    free(buf);
    return st;
}

as_status verify_tally_count(const char *dir, verify_counted *out, as_err *err)
{
    char path[4200];
    size_t budget = VERIFY_BUNDLE_MAX;
    as_status st;

    memset(out, 0, sizeof *out);
    if ((st = load(dir, path, &budget, &out->m, &out->vr, err)) != AS_OK)
        return st;
    const meeting *m = out->m;
    if (!(out->res = calloc((size_t)m->nprops + 1, sizeof *out->res)))
        return as_err_set(err, AS_ENOMEM, "%s: out of memory", dir);
    for (int k = 0; k < m->nprops && st == AS_OK; k++) {
        const proposal *p = &m->props[k];
        int i = verify_results_find(&out->vr, p->id);
        if (i < 0 || out->vr.r[i].state != VERIFY_CLOSED)
            continue;
        char *bbuf;
        size_t blen = 0;
        snprintf(path, sizeof path, "%s/ballots/%s.txt", dir, p->id);
        if (!(bbuf = read_whole(path, &blen, &budget, err)))
            return AS_EINVAL;
        st = count(p, &out->vr.r[i], bbuf, blen, path, &out->res[k], err);
        free(bbuf);
    }
    return st;
}

void verify_counted_free(verify_counted *c)
{
    if (c->res && c->m)
        for (int k = 0; k < c->m->nprops; k++)
            tally_result_free(c->res[k]);
    free(c->res);
    verify_results_free(&c->vr);
    meeting_free(c->m);
    memset(c, 0, sizeof *c);
}

as_status verify_tally_bundle(const char *dir, FILE *f, as_err *err)
{
    verify_counted c;
    as_status st = verify_tally_count(dir, &c, err);
    const meeting *m = c.m;

    if (st != AS_OK)
        goto done;
    char title_shown[1024];
    diag_escape(title_shown, sizeof title_shown, m->title ? m->title : "");
    fprintf(f, "Meeting: %s (%s)\nBundle:  %s\n\n", title_shown, m->date, dir);
    for (int k = 0; k < m->nprops && st == AS_OK; k++) {
        const proposal *p = &m->props[k];
        int i = verify_results_find(&c.vr, p->id);
        if (!c.res[k]) {
            fprintf(f, "== %s: not closed; no ballots to count\n\n", p->id);
            continue;
        }
        if (print_proposal(f, m, p, &c.vr.r[i], c.res[k]) != 0)
            st = as_err_set(err, AS_ENOMEM, "%s: out of memory", dir);
    }
done:
    verify_counted_free(&c);
    return st;
}
