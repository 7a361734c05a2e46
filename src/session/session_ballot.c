/* session_ballot.c: marking a ballot (SCR_BALLOT) of the methods whose
 * ballot has its own screen (method.h: its kind and layout).  Every tap is checked here, so no overvote and no
 * skipped rank can ever be built, whatever taps arrive; the marks stay in
 * s->bc until cast or wiped. */
#include <string.h>
#include <sodium.h>
#include "method.h"
#include "session_internal.h"

int session_ballot_max(const proposal *p)
{
    return method_max_marks(p);
}

static int ranked_at(const ballot_choice *c, int opt)
{
    for (int k = 0; k < c->n; k++)
        if (c->opt[k] == opt)
            return k;
    return -1;
}

/* approve: toggles option opt, keeping the approved indices ascending
 * (meeting order, as ballot_format wants them). */
static void approve(session *s, const proposal *p, int opt)
{
    ballot_choice *c = &s->bc;
    int k = ranked_at(c, opt);
    if (k >= 0) {
        memmove(c->opt + k, c->opt + k + 1, (size_t)(c->n - k - 1) * sizeof *c->opt);
        c->n--;
        return;
    }
    if (c->n >= session_ballot_max(p)) {
        s->hint = HINT_APPROVE_LIMIT;
        return;
    }
    for (k = c->n; k > 0 && c->opt[k - 1] > opt; k--)
        c->opt[k] = c->opt[k - 1];
    c->opt[k] = opt;
    c->n++;
}

/* ballot_action: taps on the ballot screen.  Every mark is checked here
 * (option in range, no repeat, no more than allowed), so no overvote and
 * no skipped rank can ever be built, whatever taps arrive. */
void session_ballot_action(session *s, int action, int arg, uint64_t now)
{
    const proposal *p = &s->m->props[s->proposal];
    const method_def *md = method_of(p->method);
    int ranked = md->kind == BALLOT_RANKED;
    int approval = md->kind == BALLOT_APPROVAL;
    int single = md->layout == UI_BALLOT_CHOICES;

    s->hint = HINT_NONE;
    switch (action) {
    case ACT_CHOOSE:
        /* CONSENSUS_* and CHOICE_* both run 0..2. */
        if (single && arg >= 0 && arg <= 2) {
            s->bc.choice = arg;
            s->bc.n = 0;
            session_to_review(s, now);
        }
        return;
    case ACT_APPROVE:
        if (approval && arg >= 0 && arg < p->nopts)
            approve(s, p, arg);
        return;
    case ACT_RANK:
        if (!ranked || arg < 0 || arg >= p->nopts)
            return;
        if (ranked_at(&s->bc, arg) >= 0)
            s->hint = HINT_ALREADY_RANKED;
        else if (s->bc.n >= session_ballot_max(p))
            s->hint = HINT_RANK_LIMIT;
        else
            s->bc.opt[s->bc.n++] = arg;
        return;
    case ACT_RANK_UNDO:
        if (ranked && s->bc.n > 0)
            s->bc.opt[--s->bc.n] = 0;
        return;
    case ACT_RANK_CLEAR:
        if (ranked) {
            sodium_memzero(s->bc.opt, sizeof s->bc.opt);
            s->bc.n = 0;
        }
        return;
    case ACT_BALLOT_REVIEW:
        if ((ranked || approval) && s->bc.n > 0) {
            s->bc.choice = -1;
            session_to_review(s, now);
        }
        return;
    case ACT_BALLOT_BLANK:
        if ((ranked || approval) && s->bc.n == 0) {
            s->bc.choice = -1;
            session_to_review(s, now);
        }
        return;
    case ACT_BACK:
        session_set_screen(s, SCR_PROPOSAL, now);
        return;
    default:
        return;
    }
}
