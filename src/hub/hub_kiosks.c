/* hub_kiosks.c: the kiosks of the meeting as the hub sees them for one
 * proposal: number, name, whether it looked at the hub in the last 5 s,
 * its marks and what it handed in (the facilitator's list, and what a
 * close waits for). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hub_internal.h"

as_status hubop_kiosks(store *b, const char *proposal, store_kiosk *rows,
                           int cap, int *n, as_err *err)
{
    const char *vals[1] = {proposal};
    PGresult *r = NULL;
    as_status st;

    *n = 0;
    if (!b || !proposal || !rows || cap < 0)
        return as_err_set(err, AS_EINVAL, "store_kiosks: bad arguments");
    if ((st = hub_call(hs_of(b)->hub, "SELECT kiosk, name, marks, delivered, "
                       "online, closing FROM hub.kiosk_status($1)", 1, vals, NULL, NULL, &r,
                       err)) != AS_OK)
        return st;
    for (int i = 0; i < PQntuples(r) && *n < cap; i++) {
        store_kiosk *k = &rows[(*n)++];
        k->id = atoi(PQgetvalue(r, i, 0));
        snprintf(k->name, sizeof k->name, "%s", PQgetvalue(r, i, 1));
        k->marks = atoll(PQgetvalue(r, i, 2));
        k->delivered = atoll(PQgetvalue(r, i, 3));
        k->online = !strcmp(PQgetvalue(r, i, 4), "t");
        k->closing = !strcmp(PQgetvalue(r, i, 5), "t");
    }
    PQclear(r);
    return AS_OK;
}
