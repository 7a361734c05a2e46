/* tally_run.c: a ballot file read, counted and reported in memory
 * (tally_run.h), the work behind `asamblea tally FILE`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ballot_file.h"
#include "rcv_report.h"
#include "tally_run.h"

/* settle: the options as counted: the method and seats the file and the
 * command line leave open. */
static void settle(const tally_run_opts *r, const rcv_ballots *b, rcv_options *o)
{
    *o = r->o;
    /* Without --method, more than one seat (given, or the .blt file's own)
     * can only mean an STV election: IRV fills one seat. */
    if (!r->method_set && (r->seats_set ? o->seats : b->seats) > 1)
        o->method = RCV_STV;
    if (!r->seats_set && o->method != RCV_STV && o->method != RCV_APPROVAL)
        o->seats = 1; /* a .blt file's seats are for STV; IRV fills one */
    if (o->method == RCV_STV && o->rule == RCV_RULE_SCOTTISH)
        o->decimals = 5;
}

/* report: the count r of b as the format asks, into mem. */
static as_status report(FILE *mem, const char *path, const tally_run_opts *t,
                        const rcv_ballots *b, const rcv_options *o,
                        const rcv_result *r, as_err *err)
{
    const char *base = strrchr(path, '/');
    report_info info = {b->title ? NULL : (base ? base + 1 : path), path};

    if (t->parse_only) {
        fprintf(mem, "%s: %lld ballots in %lld records, %d candidates\n", path,
                (long long)rcv_ballots_total(b), (long long)b->n, b->ncand);
        return AS_OK;
    }
    if (t->by) { /* a method of the registry (method.h) */
        xbuf x;
        xbuf_init(&x);
        as_status st = t->by->tally_file(b, o->seed, &x, err);
        if (st == AS_OK && (x.oom || fwrite(x.p, 1, x.len, mem) != x.len))
            st = as_err_set(err, AS_ENOMEM, "out of memory writing the result");
        xbuf_free(&x);
        return st;
    }
    if (t->format == TALLY_JSON)
        return report_json(mem, b, r, &info, err);
    if (t->format == TALLY_CSV)
        return report_csv(mem, b, r, &info, err);
    return report_text(mem, b, o, r, &info, err);
}

as_status tally_run_file(const char *path, const tally_run_opts *t, char **out,
                         size_t *len, diag_list *d, as_err *err)
{
    rcv_ballots *b = NULL;
    rcv_result *r = NULL;
    rcv_options o;
    FILE *mem = NULL;
    as_status st;

    *out = NULL;
    *len = 0;
    as_err_clear(err);
    st = bfile_read_list(path, BFILE_AUTO, t->names, t->names ? t->nnames : 0, &b, d);
    if (st != AS_OK)
        goto done;
    settle(t, b, &o);
    if (!t->parse_only && !t->by && (st = rcv_count(b, &o, &r, err)) != AS_OK)
        goto named;
    if (!(mem = open_memstream(out, len))) {
        st = as_err_set(err, AS_ENOMEM, "out of memory writing the result");
        goto named;
    }
    st = report(mem, path, t, b, &o, r, err);
    if (fclose(mem) != 0 && st == AS_OK)
        st = as_err_set(err, AS_ENOMEM, "out of memory writing the result");
named:
    if (st != AS_OK) {
        /* every message names the file */
        char why[sizeof err->msg];
        snprintf(why, sizeof why, "%s", err->msg[0] ? err->msg : "out of memory");
        as_err_set(err, st, "%s: %s", path, why);
    }
done:
    if (st != AS_OK) {
        free(*out);
        *out = NULL;
        *len = 0;
    }
    rcv_result_free(r);
    rcv_ballots_free(b);
    return st;
}
