/* rcv_count.c: options, their checks, and dispatch to the rule (the
 * result the rules build is in rcv_result.c). */
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
