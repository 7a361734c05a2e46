/* store_sqlite.c: the SQLite store's operations table (store.h): the
 * store interface's entry points reach this implementation through it.
 * Each operation lives in the file of its concern (store_state.c,
 * store_cast.c, store_read.c, store_events.c, ...). */
#include "store_priv.h"

const store_ops store_sqlite_ops = {
    .name = "sqlite",
    .free = sq_free,
    .key = sq_key,
    .is_readonly = sq_is_readonly,
    .integrity = sq_integrity,
    .enroll = sq_enroll,
    .checkin = sq_checkin,
    .checkin_by_facilitator = sq_checkin_by_facilitator,
    .checkout = sq_checkout,
    .is_checked_in = sq_is_checked_in,
    .checked_in_count = sq_checked_in_count,
    .attended_count = sq_attended_count,
    .facilitator_checkin_count = sq_facilitator_checkin_count,
    .add_cards = sq_add_cards,
    .is_card = sq_is_card,
    .card_count = sq_card_count,
    .proposal_state = sq_proposal_state,
    .set_proposal_state = sq_set_proposal_state,
    .open_proposal = sq_open_proposal,
    .has_voted = sq_has_voted,
    .cast_text = sq_cast_text,
    .voted_count = sq_voted_count,
    .ballot_count = sq_ballot_count,
    .counts = sq_counts,
    .each_ballot = sq_each_ballot,
    .each_ballot_text = sq_each_ballot_text,
    .ballot_root = sq_ballot_root,
    .event_started = sq_event_started,
    .event_exported = sq_event_exported,
    .each_event = sq_each_event,
    .closed_info = sq_closed_info,
};
