/* rcv_count.c: options, their checks, dispatch to the rule, and building
 * the result (rounds, actions, winners). */
#include <stdlib.h>
#include <string.h>
#include "rcv_internal.h"

void rcv_options_default(rcv_options *o)
{
    memset(o, 0, sizeof *o);
    o->method = RCV_IRV;
    o->seats = 0;
    o->rule = RCV_RULE_SCOTTISH;
    o->quota = RCV_QUOTA_DROOP;
    o->decimals = 4;
    o->elimination = RCV_ELIM_SINGLE;
    o->tiebreak = RCV_TIE_PREVIOUS_ROUND;
    o->seed = 0;
    o->overvote = RCV_OVER_EXHAUST;
    o->max_skipped = -1;
    o->duplicates = RCV_DUP_SKIP;
}

rcv_result *rcv_result_alloc(int ncand, int decimals, int seats)
{
    rcv_result *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->ncand = ncand;
    r->decimals = decimals;
    r->seats = seats;
    r->winners = calloc((size_t)ncand + 1, sizeof *r->winners);
    if (!r->winners) {
        free(r);
        return NULL;
    }
    return r;
}

rcv_round *rcv_result_round(rcv_result *r)
{
    rcv_round *nr = realloc(r->rounds, ((size_t)r->nrounds + 1) * sizeof *nr);
    if (!nr)
        return NULL;
    r->rounds = nr;
    rcv_round *rd = &nr[r->nrounds];
    memset(rd, 0, sizeof *rd);
    rd->votes = calloc((size_t)r->ncand + 1, sizeof *rd->votes);
    rd->continuing = calloc((size_t)r->ncand + 1, 1);
    if (!rd->votes || !rd->continuing) {
        free(rd->votes);
        free(rd->continuing);
        return NULL;
    }
    r->nrounds++;
    return rd;
}

rcv_action *rcv_round_action(rcv_round *rd, int ncand, int cand, int elected)
{
    rcv_action *na = realloc(rd->actions, ((size_t)rd->nactions + 1) * sizeof *na);
    if (!na)
        return NULL;
    rd->actions = na;
    rcv_action *a = &na[rd->nactions];
    memset(a, 0, sizeof *a);
    a->to = calloc((size_t)ncand + 1, sizeof *a->to);
    if (!a->to)
        return NULL;
    a->cand = cand;
    a->elected = elected;
    rd->nactions++;
    return a;
}

as_status rcv_result_winner(rcv_result *r, int c)
{
    for (int i = 0; i < r->nwinners; i++)
        if (r->winners[i] == c)
            return AS_OK;
    if (r->nwinners >= r->ncand)
        return AS_EINVAL;
    r->winners[r->nwinners++] = c;
    return AS_OK;
}

void rcv_result_free(rcv_result *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->nrounds; i++) {
        rcv_round *rd = &r->rounds[i];
        for (int k = 0; k < rd->nactions; k++)
            free(rd->actions[k].to);
        free(rd->actions);
        free(rd->votes);
        free(rd->continuing);
    }
    free(r->rounds);
    free(r->winners);
    free(r);
}

static const char *method_name(rcv_method m)
{
    switch (m) {
    case RCV_IRV: return "instant runoff";
    case RCV_STV: return "STV";
    case RCV_APPROVAL: return "approval";
    case RCV_PLURALITY: return "plurality";
    }
    return "?";
}

as_status rcv_count(const rcv_ballots *b, const rcv_options *o,
                    rcv_result **out, as_err *err)
{
    *out = NULL;
    if (!b || !o)
        return as_err_set(err, AS_EINVAL, "rcv_count: no ballots or no options");
    if (o->method < RCV_IRV || o->method > RCV_PLURALITY)
        return as_err_set(err, AS_EINVAL, "unknown counting method %d", (int)o->method);
    int avail = 0;
    for (int c = 0; c < b->ncand; c++)
        if (!b->withdrawn[c])
            avail++;
    if (avail == 0)
        return as_err_set(err, AS_EINVAL,
                          "there are no candidates to count (none listed, or all withdrawn)");
    if (o->decimals < 0 || o->decimals > 9)
        return as_err_set(err, AS_EINVAL,
                          "decimals must be between 0 and 9 (got %d)", o->decimals);
    if (o->max_skipped < -1)
        return as_err_set(err, AS_EINVAL,
                          "max skipped ranks must be 0 or more, or unlimited");
    if (o->max_rankings < 0)
        return as_err_set(err, AS_EINVAL, "max rankings must be 0 (all) or more");

    int seats = o->seats > 0 ? o->seats : (b->seats > 0 ? b->seats : 1);
    if (o->seats < 0)
        return as_err_set(err, AS_EINVAL, "seats must be 1 or more (got %d)", o->seats);
    int decimals = 0;
    switch (o->method) {
    case RCV_IRV:
        if (o->seats > 1)
            return as_err_set(err, AS_EINVAL,
                              "instant runoff elects one candidate; use STV for %d seats",
                              o->seats);
        seats = 1;
        break;
    case RCV_STV:
        if (seats >= avail)
            return as_err_set(err, AS_EINVAL,
                              "STV for %d seats needs more than %d candidates (there are %d)",
                              seats, seats, avail);
        decimals = o->rule == RCV_RULE_SCOTTISH ? 5 : o->decimals;
        break;
    case RCV_APPROVAL:
    case RCV_PLURALITY:
        if (seats > avail)
            return as_err_set(err, AS_EINVAL,
                              "%s for %d seats needs at least %d candidates (there are %d)",
                              method_name(o->method), seats, seats, avail);
        break;
    }

    rcv_result *r = rcv_result_alloc(b->ncand, decimals, seats);
    if (!r)
        return AS_ENOMEM;
    r->total = rcv_ballots_total(b);
    as_status st;
    if (o->method == RCV_STV && o->rule == RCV_RULE_SCOTTISH)
        st = rcv_count_scottish(b, o, r, err);
    else if (o->method == RCV_IRV || o->method == RCV_STV)
        st = rcv_count_rctab(b, o, r, err);
    else
        st = rcv_count_approval(b, o, r, err);
    if (st != AS_OK) {
        rcv_result_free(r);
        if (st == AS_ENOMEM)
            as_err_set(err, AS_ENOMEM, "out of memory while counting");
        return st;
    }
    *out = r;
    return AS_OK;
}
