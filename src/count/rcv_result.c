/* rcv_result.c: building a count's result, round by round (rounds, the
 * actions in each, winners), for every rule (rcv_count.c dispatches to
 * them; they call back here, so this is its own file). */
#include <stdlib.h>
#include <string.h>
#include "rcv_internal.h"

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
