/* hub_ops.h: the hub store's operations (store.h's table), by file. */
#ifndef AS_HUB_OPS_H
#define AS_HUB_OPS_H

#include "hub_internal.h"

/* hub_people.c */
as_status hubop_checkin(store *b, const uint8_t badge[TOKEN_HASH_SIZE],
                        int *was_new, as_err *err);
as_status hubop_checkin_by_facilitator(store *b,
                                       const uint8_t badge[TOKEN_HASH_SIZE],
                                       int *was_new, as_err *err);
as_status hubop_checkout(store *b, const uint8_t badge[TOKEN_HASH_SIZE],
                         as_err *err);
as_status hubop_is_checked_in(store *b, const uint8_t badge[TOKEN_HASH_SIZE],
                              int *yes, as_err *err);
as_status hubop_is_card(store *b, const uint8_t hash[TOKEN_HASH_SIZE], int *yes,
                        as_err *err);
as_status hubop_checked_in_count(store *b, int64_t *n, as_err *err);
as_status hubop_attended_count(store *b, int64_t *n, as_err *err);
as_status hubop_facilitator_checkin_count(store *b, int64_t *n, as_err *err);
as_status hubop_card_count(store *b, int64_t *n, as_err *err);
as_status hubop_add_cards(store *b, const uint8_t (*hashes)[TOKEN_HASH_SIZE],
                          int n, as_err *err);

/* hub_ballots.c: ballots of a closed proposal come from the merged list,
 * of an open one from this kiosk's own store; the event log */
as_status hubop_ballot_count(store *b, const char *proposal, int64_t *n,
                             as_err *err);
as_status hubop_counts(store *b, const char *proposal, int64_t *counts,
                       int nchoices, as_err *err);
as_status hubop_each_ballot(store *b, const char *proposal, store_ballot_fn fn,
                            void *ud, as_err *err);
as_status hubop_each_ballot_text(store *b, const char *proposal,
                                 store_ballot_text_fn fn, void *ud, as_err *err);
as_status hubop_ballot_root(store *b, const char *proposal, int64_t *nballots,
                            uint8_t root[32], as_err *err);
as_status hubop_event_started(store *b, as_err *err);
as_status hubop_event_exported(store *b, int nclosed, as_err *err);
as_status hubop_each_event(store *b, store_event_fn fn, void *ud, as_err *err);
as_status hubop_closed_info(store *b, const char *proposal,
                            int64_t *checked_in_at_close, uint8_t root[32],
                            as_err *err);

#endif
