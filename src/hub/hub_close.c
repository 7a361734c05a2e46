/* hub_close.c: the facilitator's close across kiosks.  It first stops
 * new marks (hub.close_begin waits for every mark still prepared), then
 * every kiosk holding marks hands in its signed ballot list (hub_sync.c,
 * on its next look at the hub), and the close ends when each list holds
 * exactly as many ballots as the hub has marks from that kiosk: the lists
 * are checked and merged, and the merged root goes into the closed event
 * (hub_lists.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "hub_internal.h"
#include "hub_lists.h"

/* The kiosks still awaited, named for the facilitator ("2 (By the
 * stage)", "2 (Stage) and 4 (Kitchen)"); *count of them, 0 when none. */
static as_status awaited(hubstore *s, const char *proposal, char *who,
                         size_t cap, int *count, as_err *err)
{
    store_kiosk rows[64];
    int n = 0, k = 0, left = 0;
    size_t len = 0;
    as_status st = hubop_kiosks(&s->base, proposal, rows, 64, &n, err);

    *count = 0;
    who[0] = '\0';
    if (st != AS_OK)
        return st;
    for (int i = 0; i < n; i++)
        left += rows[i].marks > 0 && rows[i].delivered != rows[i].marks;
    for (int i = 0; i < n && len < cap; i++) {
        if (rows[i].marks == 0 || rows[i].delivered == rows[i].marks)
            continue;
        k++;
        len += (size_t)snprintf(who + len, cap - len, "%s%d (%s)",
                                k == 1 ? "" : k == left ? " and " : ", ",
                                rows[i].id, rows[i].name);
    }
    *count = left;
    return AS_OK;
}

static void nap_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

as_status hub_close(hubstore *s, const char *proposal, int wait_ms, as_err *err)
{
    const char *vals[1] = {proposal};
    char who[512];
    int64_t res = 0;
    as_status st;
    int state = 0, left = 0;

    if ((st = hub_call_int(s->hub, "SELECT hub.close_begin($1)", 1, vals, NULL,
                           NULL, &res, err)) != AS_OK)
        return st;
    if (res == 1) {
        if ((st = hub_sync_proposal(s, proposal, &state, err)) != AS_OK)
            return st;
        return state == 3 ? AS_OK
                          : as_err_set(err, AS_ESTATE, "proposal %s is not open "
                                       "for voting", proposal);
    }
    for (int waited = 0;; waited += 250) {
        if ((st = hub_sync_proposal(s, proposal, &state, err)) != AS_OK)
            return st;
        if ((st = awaited(s, proposal, who, sizeof who, &left, err)) != AS_OK)
            return st;
        if (!left)
            break;
        if (waited >= wait_ms)
            return as_err_set(err, AS_ESTATE, left == 1
                              ? "Waiting for kiosk %s to hand in its ballots. "
                                "It must be on and connected to the hub. "
                                "Close again in a moment."
                              : "Waiting for kiosks %s to hand in their "
                                "ballots. They must be on and connected to "
                                "the hub. Close again in a moment.",
                              who);
        nap_ms(250);
    }
    if ((st = hub_lists_finish(s, proposal, err)) != AS_OK)
        return st;
    return hub_sync_proposal(s, proposal, &state, err);
}
