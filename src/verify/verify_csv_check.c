/* verify_csv_check.c: results.csv, parsed strictly (verify_csv.c), column
 * by column against what each proposal's row must say (docs/export.md,
 * "results.csv"): the header, one row per proposal in meeting order, the
 * extended columns when any proposal is not a version-1 block. */
#include <inttypes.h>
#include <string.h>
#include "verify_expect.h"

static const char *const col_names[VC_N] = {
    "id", "title", "method", "state", "threshold", "yes", "no", "abstain", "ballots",
    "outcome", "checked_in", "quorum_needed", "quorum_met", "root", "counts",
    "winners", "tied"};

/* row_fields: what the row of e must hold, column by column. */
static void row_fields(vbuf *col, const meeting *m, const vexp *e)
{
    const proposal *p = e->p;
    vbuf_printf(&col[VC_ID], "%s", p->id);
    vbuf_printf(&col[VC_TITLE], "%s", meeting_text(m, &p->title, 0));
    vbuf_printf(&col[VC_METHOD], "%s", e->vm->word);
    vbuf_printf(&col[VC_STATE], "%s", e->closed ? "closed" : e->x->state == VERIFY_OPEN
                                                                 ? "open" : "draft");
    vbuf_printf(&col[VC_CHECKED_IN], "%" PRId64, e->checked_in);
    vbuf_printf(&col[VC_QUORUM], "%d", e->quorum);
    vbuf_printf(&col[VC_QUORUM_MET], "%s", e->quorum_met ? "yes" : "no");
    if (!e->v1) {
        e->vm->csv(col, p, e->closed ? e->res : NULL);
    } else {
        vbuf_printf(&col[VC_THRESHOLD], "%s", p->th.name);
        if (e->closed) {
            for (int k = 0; k < 3; k++)
                vbuf_printf(&col[VC_YES + k], "%" PRId64, e->yna[k]);
            vbuf_printf(&col[VC_COUNTS], "yes=%" PRId64 " no=%" PRId64 " abstain=%" PRId64,
                        e->yna[0], e->yna[1], e->yna[2]);
        }
    }
    if (!e->closed)
        return;
    vbuf_printf(&col[VC_BALLOTS], "%" PRId64, e->ballots);
    /* version 1 writes its outcome with a space (docs/export.md) */
    vbuf_printf(&col[VC_OUTCOME], "%s", !e->v1 ? e->outcome
                                        : e->o.passed ? "passed" : "not passed");
    vbuf_printf(&col[VC_ROOT], "%s", e->root);
}

static void check_row(const verify_csv *c, int row, const meeting *m, const vexp *e,
                      vreport *r)
{
    vbuf col[VC_N];
    for (int k = 0; k < VC_N; k++)
        vbuf_init(&col[k]);
    row_fields(col, m, e);
    for (int k = 0; k < c->ncols; k++) {
        const char *have = c->field[row * c->ncols + k], *want = vbuf_str(&col[k]);
        if (col[k].oom)
            vr_fail(r, "results.csv: out of memory");
        else if (strcmp(have, want) != 0)
            vr_fail(r, "results.csv:%d: column %s of %s: the file says \"%.80s\", the "
                    "recount and meeting.yaml give \"%.80s\"; the spreadsheet file does "
                    "not say what the record says", c->line[row], col_names[k], e->x->id,
                    have, want);
    }
    for (int k = 0; k < VC_N; k++)
        vbuf_free(&col[k]);
}

void verify_check_results_csv(const vbundle *b, vparsed *p, vreport *r)
{
    const meeting *m = vparsed_meeting(b, p);
    const vfile *f = vbundle_get(b, "results.csv");
    verify_csv c;
    as_err e;
    vr_begin(r, "results.csv");
    if (!f) {
        vr_skip(r, "results.csv: missing or unreadable (see files)");
        goto done;
    }
    if (verify_csv_parse(f->buf, f->len, "results.csv", &c, &e) != AS_OK) {
        vr_fail(r, "%s", e.msg);
        goto done;
    }
    int ncols = VC_V1_N;
    for (int i = 0; i < p->results.n; i++)
        ncols = p->exp[i].v1 ? ncols : VC_N;
    if (c.ncols != ncols)
        vr_fail(r, "results.csv:1: %d columns, expected %d (%s)", c.ncols, ncols,
                ncols == VC_N ? "a meeting with other methods has counts, winners and "
                                "tied"
                              : "version 1: up to root");
    for (int k = 0; k < c.ncols && k < ncols; k++)
        if (strcmp(c.field[k], col_names[k]) != 0)
            vr_fail(r, "results.csv:1: column %d is \"%.40s\", expected \"%s\"", k + 1,
                    c.field[k], col_names[k]);
    if (c.nrows - 1 != p->results.n)
        vr_fail(r, "results.csv: %d rows of proposals, meeting.yaml has %d", c.nrows - 1,
                p->results.n);
    for (int i = 0; c.ncols == ncols && i < p->results.n && i + 1 < c.nrows; i++)
        check_row(&c, i + 1, m, &p->exp[i], r);
    verify_csv_free(&c);
done:
    vr_end(r);
}
