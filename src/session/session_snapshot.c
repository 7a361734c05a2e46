/* session_snapshot.c: what the session shows, read once per change.
 *
 * session_view_get copies the screen state; session_snapshot adds the
 * store's figures (checked in, per-proposal state and turnout) and the
 * closed proposals' results, so that drawing never reads the store.  A
 * closed proposal is counted once (session_refresh_proposal, at close or
 * at start) with tally_counter, the same count as the export's. */
#include <stdio.h>
#include <string.h>
#include "session_internal.h"
#include "method.h"
#include "tally.h"

void session_view_get(const session *s, session_view *v)
{
    memset(v, 0, sizeof *v);
    v->screen = s->screen;
    v->under = s->under;
    /* A facilitator's screens (the console, and the desk while a
     * facilitator uses its tools) are in the facilitators' language;
     * the desk's other screens in the meeting's first. */
    if (session_is_fac_screen(s->screen) || (s->cfg.desk && s->fac_at_desk))
        v->lang = s->fac_lang;
    else if (s->cfg.desk)
        v->lang = 0;
    else
        v->lang = s->lang;
    v->member_is_fac = s->member_is_fac;
    v->proposal = s->proposal;
    v->choice = s->bc.choice;
    v->ballot = &s->bc;
    v->hint = s->hint;
    v->max_marks = session_valid_prop(s, s->proposal)
                       ? session_ballot_max(&s->m->props[s->proposal]) : 0;
    v->nvotable = s->nvotable;
    v->votable = s->votable;
    v->voted_any = s->voted_any;
    v->open_count = s->open_count;
    v->msg = s->msg;
    v->detail = s->detail;
    v->confirm_action = s->confirm_action;
    v->confirm_arg = s->confirm_arg;
    v->deadline = s->deadline;
    v->demo = s->cfg.demo;
    v->key_fingerprint = s->cfg.key_fingerprint;
    v->desk = s->cfg.desk;
    v->cards = s->m->credentials == CRED_CARDS;
    v->person = s->person;
    v->by_facilitator = s->by_facilitator;
    v->fac_at_desk = s->fac_at_desk;
    v->query = s->query;
    v->nmatches = s->nmatches;
    v->matches = s->matches;
    v->match_in = s->match_in;
    v->more_matches = s->more_matches;
}

as_status session_figures_get(session *s, int index, session_figures *f,
                              as_err *err)
{
    as_status st;
    const char *id;

    memset(f, 0, sizeof *f);
    if (!session_valid_prop(s, index))
        return as_err_set(err, AS_EINVAL, "no proposal number %d", index);
    id = s->m->props[index].id;
    f->quorum = meeting_proposal_quorum(s->m, index);
    if ((st = store_proposal_state(s->st, id, &f->state, err)) ||
        (st = store_checked_in_count(s->st, &f->checked_in, err)) ||
        (st = store_voted_count(s->st, id, &f->voted, err)))
        return st;
    if (f->state != PROP_CLOSED)
        return AS_OK;
    if ((st = store_closed_info(s->st, id, &f->checked_in, f->root, err)))
        return st;
    /* The three counts are yes-no-abstain's (and recall's) only. */
    if (!method_of(s->m->props[index].method)->csv_yna)
        return AS_OK;
    return store_counts(s->st, id, f->counts, 3, err);
}

typedef struct {
    tally_counter *t;
    const char *id;
    as_err *err;
} count_ctx;

static as_status count_one(void *ud, const uint8_t id[BALLOT_ID_SIZE],
                           const char *choice, size_t n)
{
    count_ctx *c = ud;
    as_status st = tally_counter_add(c->t, choice, n);
    (void)id;
    if (st == AS_ECORRUPT)
        return as_err_set(c->err, st, "ballots.db: a ballot of %s is not "
                          "readable; keep the data directory and tell the "
                          "organizers", c->id);
    if (st != AS_OK)
        return as_err_set(c->err, st, "out of memory counting %s", c->id);
    return AS_OK;
}

/* count_closed: counts closed proposal index (figures f) into
 * s->results[index]; nothing kept on failure. */
static as_status count_closed(session *s, int index, const session_figures *f,
                              as_err *err)
{
    const proposal *p = &s->m->props[index];
    tally_counter *t = NULL;
    tally_result *r = NULL;
    as_status st;

    if ((st = tally_counter_new(p, &t)))
        return as_err_set(err, st, "out of memory counting %s", p->id);
    count_ctx c = {t, p->id, err};
    st = store_each_ballot_text(s->st, p->id, count_one, &c, err);
    if (st == AS_OK)
        st = tally_counter_finish(t, (int)f->checked_in, f->quorum, f->root, &r,
                                  err);
    tally_counter_free(t);
    if (st == AS_OK)
        s->results[index] = r;
    return st;
}

as_status session_result_get(session *s, int index, const tally_result **out,
                             as_err *err)
{
    session_figures f;
    as_status st;

    *out = NULL;
    if (session_valid_prop(s, index) && s->results[index]) {
        *out = s->results[index];
        return AS_OK;
    }
    if ((st = session_figures_get(s, index, &f, err)))
        return st;
    if (f.state != PROP_CLOSED)
        return as_err_set(err, AS_ESTATE, "voting on %s is not closed",
                          s->m->props[index].id);
    if ((st = count_closed(s, index, &f, err)))
        return st;
    *out = s->results[index];
    return AS_OK;
}

void session_refresh_proposal(session *s, int index)
{
    snapshot_proposal *p = &s->sprops[index];

    /* A closed proposal's figures and result never change: read once. */
    if (p->have_fig && p->fig.state == PROP_CLOSED && p->result)
        return;
    p->result = NULL;
    as_err_clear(&p->err);
    p->status = session_figures_get(s, index, &p->fig, &p->err);
    p->have_fig = p->status == AS_OK;
    if (p->status != AS_OK || p->fig.state != PROP_CLOSED)
        return;
    if (!s->results[index])
        p->status = count_closed(s, index, &p->fig, &p->err);
    p->result = s->results[index];
}

void session_invalidate(session *s)
{
    if (!s)
        return;
    s->stale = 1;
    if (!s->cfg.desk)
        for (int i = 0; i < s->m->nprops; i++)
            session_refresh_proposal(s, i);
}

int64_t session_checked_in(session *s)
{
    int64_t n = -1;
    if (store_checked_in_count(s->st, &n, NULL) != AS_OK)
        return -1;
    return n;
}

int64_t session_fac_checked_in(session *s)
{
    int64_t n = -1;
    if (store_facilitator_checkin_count(s->st, &n, NULL) != AS_OK)
        return -1;
    return n;
}

const meeting *session_meeting(const session *s)
{
    return s->m;
}

/* shows_figures: the current screen draws store figures (the facilitator
 * screens; every desk screen has the quorum meter). */
static int shows_figures(const session *s)
{
    return s->cfg.desk || s->screen == SCR_FAC_HOME ||
           s->screen == SCR_FAC_PROPOSAL || s->screen == SCR_FAC_CONFIRM;
}

/* read_kiosks: the facilitator's proposal screen on a hub lists each
 * kiosk and its share of the proposal's votes (store_kiosks; none for a
 * kiosk alone). */
static void read_kiosks(session *s)
{
    store_kiosk rows[SNAPSHOT_MAX_KIOSKS];
    int64_t marks[SNAPSHOT_MAX_KIOSKS], total = 0;
    int tenths[SNAPSHOT_MAX_KIOSKS], n = 0;

    s->snap.nkiosks = 0;
    s->snap.kiosks_closing = 0;
    if (s->screen != SCR_FAC_PROPOSAL || s->proposal < 0 ||
        store_kiosks(s->st, s->m->props[s->proposal].id, rows,
                     SNAPSHOT_MAX_KIOSKS, &n, NULL) != AS_OK || n <= 0)
        return;
    for (int i = 0; i < n; i++)
        total += marks[i] = rows[i].marks;
    if (total <= 0 || n > MEETING_MAX_OPTIONS + 3 ||
        tally_shares(marks, n, total, tenths) != 0)
        for (int i = 0; i < n; i++)
            tenths[i] = -1;
    for (int i = 0; i < n; i++) {
        snapshot_kiosk *k = &s->snap.kiosks[i];
        k->id = rows[i].id;
        snprintf(k->name, sizeof k->name, "%s", rows[i].name);
        k->online = rows[i].online;
        k->share = rows[i].marks > 0 ? tenths[i] : -1;
        k->awaited = rows[i].closing && rows[i].marks > 0 &&
                     rows[i].delivered != rows[i].marks;
    }
    s->snap.nkiosks = n;
    s->snap.kiosks_closing = rows[0].closing;
}

const snapshot *session_snapshot(session *s)
{
    s->snap.meeting = s->m;
    s->snap.nprops = s->m->nprops;
    s->snap.props = s->sprops;
    session_view_get(s, &s->snap.view);
    /* The store is read when something changed, and only for a screen
     * that shows what it reads: an attendee's taps cost no query. */
    if (s->stale && (shows_figures(s) || s->cfg.room_live ||
                     s->snap.room.here)) {
        s->snap.checked_in = session_checked_in(s);
        s->snap.fac_checked_in = session_fac_checked_in(s);
        if (!s->cfg.desk)
            for (int i = 0; i < s->m->nprops; i++)
                session_refresh_proposal(s, i);
        read_kiosks(s);
        s->stale = 0;
    }
    return &s->snap;
}
