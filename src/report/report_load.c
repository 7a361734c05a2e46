/* report_load.c: a verified bundle read for the minutes: the recount
 * (verify_tally_count, the same as `asamblea tally`), attendance.txt, the
 * kiosk key's fingerprint, and the snapshot the room display draws. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "file_read.h"
#include "report_internal.h"

/* read_small: a small file of the bundle (attendance.txt, device.pub). */
static as_status read_small(const char *dir, const char *name, char **buf,
                            size_t *len, as_err *err)
{
    char path[4200];
    as_err why;
    as_status st;

    as_err_clear(&why);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    st = file_read_regular(path, FILE_NOFOLLOW, 4096, "bundle file", buf, len, &why);
    if (st != AS_OK)
        as_err_set(err, st, "%s: %s; run asamblea verify on the bundle", path, why.msg);
    return st;
}

/* pick: t with only language li (or the default where it has none). */
static void pick(ltext *t, int li)
{
    char *s = t->s[li] ? t->s[li] : t->s[0];
    memset(t, 0, sizeof *t);
    t->s[0] = s;
}

/* one_lang: d->view, the meeting as if language li were its only one,
 * so the room display's code, which shows every meeting language, draws
 * the charts in that language alone.  Shares c.m's strings. */
static as_status one_lang(report_data *d, int li, as_err *err)
{
    const meeting *m = d->c.m;
    meeting *v = malloc(sizeof *v);
    if (!v || !(v->props = calloc((size_t)m->nprops + 1, sizeof *v->props))) {
        free(v);
        return as_err_set(err, AS_ENOMEM, "out of memory");
    }
    proposal *props = v->props;
    *v = *m;
    v->props = props;
    d->view = v;
    v->nlangs = 1;
    memcpy(v->langs[0], m->langs[li], sizeof v->langs[0]);
    for (int k = 0; k < m->nprops; k++) {
        proposal *p = &v->props[k];
        *p = m->props[k];
        pick(&p->title, li);
        pick(&p->text, li);
        pick(&p->delegate, li);
        p->opts = NULL;
        if (p->nopts > 0 && !(p->opts = calloc((size_t)p->nopts, sizeof *p->opts)))
            return as_err_set(err, AS_ENOMEM, "out of memory");
        for (int o = 0; o < p->nopts; o++) {
            p->opts[o] = m->props[k].opts[o];
            pick(&p->opts[o].name, li);
        }
    }
    return AS_OK;
}

/* pick_langs: the meeting the minutes are written in: all of its
 * languages, or lang alone. */
static as_status pick_langs(report_data *d, const char *lang, as_err *err)
{
    const meeting *m = d->c.m;
    d->sn.meeting = m;
    if (!lang)
        return AS_OK;
    int i = meeting_lang_index(m, lang);
    if (i >= 0) {
        as_status st = one_lang(d, i, err);
        d->sn.meeting = d->view;
        return st;
    }
    char have[MEETING_MAX_LANGS * 10] = "";
    for (int k = 0; k < m->nlangs; k++) {
        size_t n = strlen(have);
        snprintf(have + n, sizeof have - n, "%s%s", k ? ", " : "", m->langs[k]);
    }
    return as_err_set(err, AS_EINVAL, "--lang %s: the meeting is not in that "
                      "language; it has %s", lang, have);
}

/* figures: proposal k's figures from results.txt, as the kiosk had them
 * when it closed (the snapshot the room display drew then). */
static void figures(report_data *d, int k)
{
    const meeting *m = d->c.m;
    snapshot_proposal *sp = &d->props[k];
    int i = verify_results_find(&d->c.vr, m->props[k].id);
    sp->status = AS_OK;
    sp->have_fig = 1;
    sp->fig.quorum = meeting_proposal_quorum(m, k);
    if (i < 0) {
        sp->fig.state = PROP_DRAFT;
        return;
    }
    const verify_result *x = &d->c.vr.r[i];
    sp->fig.state = x->state == VERIFY_CLOSED ? PROP_CLOSED
                    : x->state == VERIFY_OPEN ? PROP_OPEN : PROP_DRAFT;
    if (x->state != VERIFY_CLOSED)
        return;
    sp->fig.checked_in = x->checked_in;
    sp->fig.voted = x->ballots;
    sp->fig.quorum = x->quorum > 1000000000 ? 1000000000 : (int)x->quorum;
    memcpy(sp->fig.root, x->root, sizeof sp->fig.root);
    sp->result = d->c.res[k];
    /* the snapshot carries yes/no/abstain in fig for these two only */
    vote_method vm = m->props[k].method;
    if (d->c.res[k] && (vm == METHOD_YES_NO_ABSTAIN || vm == METHOD_RECALL))
        memcpy(sp->fig.counts, d->c.res[k]->counts, sizeof sp->fig.counts);
}

as_status report_load(const char *bundle, const char *lang, report_data *d,
                      as_err *err)
{
    char *buf = NULL;
    size_t len = 0;
    uint8_t pk[32];
    as_status st;

    memset(d, 0, sizeof *d);
    if ((st = verify_tally_count(bundle, &d->c, err)) != AS_OK)
        return st;
    if ((st = pick_langs(d, lang, err)) != AS_OK)
        return st;
    if ((st = read_small(bundle, "attendance.txt", &buf, &len, err)) != AS_OK)
        return st;
    st = verify_attendance_parse(buf, len, "attendance.txt", &d->att, err);
    free(buf);
    if (st != AS_OK || (st = read_small(bundle, "device.pub", &buf, &len, err)) != AS_OK)
        return st;
    st = verify_pubkey_parse(buf, len, "device.pub", pk, err);
    free(buf);
    if (st != AS_OK)
        return st;
    record_fingerprint(pk, d->fpr);

    const meeting *m = d->c.m;
    if (!(d->props = calloc((size_t)m->nprops + 1, sizeof *d->props)))
        return as_err_set(err, AS_ENOMEM, "%s: out of memory", bundle);
    for (int k = 0; k < m->nprops; k++)
        figures(d, k);
    d->sn.nprops = m->nprops;
    d->sn.props = d->props;
    d->sn.checked_in = d->att.checked_in;
    d->sn.fac_checked_in = 0;
    d->sn.view.screen = SCR_FAC_PROPOSAL;
    d->sn.view.proposal = -1;
    d->sn.view.key_fingerprint = d->fpr;
    d->sn.room = (room_show){ROOM_AGENDA, -1, 0, 0};
    return AS_OK;
}

void report_data_free(report_data *d)
{
    if (d->view) {
        for (int k = 0; d->view->props && k < d->view->nprops; k++)
            free(d->view->props[k].opts);
        free(d->view->props);
        free(d->view);
    }
    verify_counted_free(&d->c);
    free(d->props);
    memset(d, 0, sizeof *d);
}
