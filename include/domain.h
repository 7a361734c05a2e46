/* domain.h: the voting domain's states and sizes, shared by the core
 * (session, screens, export) and every store implementation (store.h).
 * Plain C, no dependencies, so a store can include it without the
 * meeting model. */
#ifndef AS_DOMAIN_H
#define AS_DOMAIN_H

/* Where a proposal is in its life: not open yet, voting open, closed.
 * The only transitions are DRAFT->OPEN and OPEN->CLOSED; a store keeps
 * the state (the values are written in meeting.db: never renumber). */
typedef enum { PROP_DRAFT = 0, PROP_OPEN = 1, PROP_CLOSED = 2 } prop_state;

/* A ballot's random id (docs/export-format.md §2): 16 bytes, written as
 * 32 hex digits in the ballot list; it says nothing about who or when. */
#define BALLOT_ID_SIZE 16

#endif
