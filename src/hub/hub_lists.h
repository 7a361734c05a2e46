/* hub_lists.h: the kiosks' signed ballot lists and their merge. */
#ifndef AS_HUB_LISTS_H
#define AS_HUB_LISTS_H

#include <stddef.h>
#include "hub_internal.h"

/* What a kiosk signs for proposal: "asamblea-kiosk-list/v1\n" <proposal>
 * "\n" <n> "\n" then the list itself (n lines "<id hex> <text>\n" in id
 * order).  *msg is malloc'd (the caller frees it).  AS_ENOMEM. */
as_status hub_list_message(const char *proposal, int64_t n, const char *list,
                           size_t len, char **msg, size_t *mlen, as_err *err);

/* The merged list of a proposal: every kiosk's lines, checked, in
 * ballot-id order. */
typedef struct hub_merged {
    char *buf;     /* all lines, LFs replaced by NULs */
    size_t size;   /* bytes of buf */
    char **lines;  /* n pointers into buf, sorted */
    size_t n;
} hub_merged;

/* hub_merge: fetches the lists handed in for proposal and merges them.
 * Each list's signature must verify with its kiosk's registered key, its
 * lines must be well formed, in strictly ascending id order and as many
 * as it says; no id may appear twice across kiosks.  AS_ECORRUPT naming
 * the kiosk otherwise.  hub_merged_free releases m (zeroing it). */
as_status hub_merge(hubstore *s, const char *proposal, hub_merged *m,
                    as_err *err);
void hub_merged_free(hub_merged *m);

/* hub_lists_finish: merges, computes the root and ends the close on the
 * hub (hub.close_finish).  AS_ESTATE when a list is still missing. */
as_status hub_lists_finish(hubstore *s, const char *proposal, as_err *err);

/* hub_each_kiosk_list: the store's each_kiosk_list (store.h). */
as_status hub_each_kiosk_list(store *b, const char *proposal, store_list_fn fn,
                              void *ud, as_err *err);

#endif
