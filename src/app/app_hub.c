/* app_hub.c: a kiosk that is one of several on a hub looks at the hub
 * about once a second (the event loop in app.c, and replay's `wait`):
 * docs/several-kiosks.md. */
#include <stdio.h>
#include <stdlib.h>
#include "app_internal.h"
#include "hub_store.h"

int app_hub_tick(app *a, uint64_t now, int timeout)
{
    enum { EVERY_MS = 1000 };
    const char **ids;
    as_err err;
    int n = 0;

    if (!a->se || !hub_store_kiosk(a->st))
        return timeout;
    if (now - a->hub_last >= EVERY_MS) {
        int was = a->hub_paused;
        if (!(ids = calloc((size_t)a->m->nprops + 1, sizeof *ids)))
            return timeout;
        for (int i = 0; i < a->m->nprops; i++)
            ids[n++] = a->m->props[i].id;
        a->hub_paused = hub_store_tick(a->st, ids, n, &err) != AS_OK;
        free(ids);
        if (a->hub_paused && !was)
            fprintf(stderr, "asamblea: %s\n", err.msg);
        else if (was && !a->hub_paused)
            fputs("asamblea: the hub is reachable again; voting resumes\n", stderr);
        session_set_paused(a->se, a->hub_paused, now);
        session_invalidate(a->se);
        a->dirty = 1;
        a->hub_last = now;
    }
    return timeout < 0 || timeout > EVERY_MS ? EVERY_MS : timeout;
}
