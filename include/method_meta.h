/* method_meta.h: what the meeting file needs to know of each voting
 * method (the meeting layer may not include method.h, which is the
 * counting layer's): its word, its ballot's shape and the meeting-file
 * keys it accepts and requires.  The answers come from the methods' own
 * files through the registry (method_registry.c), at link time. */
#ifndef AS_METHOD_META_H
#define AS_METHOD_META_H

#include <stddef.h>
#include "meeting.h"

/* The shape of a ballot, which decides its canonical text (ballot.h) and
 * the ballot screen the UI lays out. */
typedef enum {
    BALLOT_WORDS = 0, /* one of three fixed words (method_def.words) */
    BALLOT_APPROVAL,  /* a set of options, ids joined by ',' */
    BALLOT_RANKED     /* options in order of preference, ids joined by '>' */
} ballot_kind;

/* The per-proposal keys of the meeting file that belong to the methods
 * (docs/meeting-file.md).  method_def.keys says which a method accepts
 * (any other is an error), .needs which it requires. */
enum {
    MKEY_THRESHOLD = 1u << 0,
    MKEY_BASE = 1u << 1,
    MKEY_CONSENSUS = 1u << 2,
    MKEY_RULE = 1u << 3,
    MKEY_DELEGATE = 1u << 4,
    MKEY_OPTIONS = 1u << 5,
    MKEY_SEATS = 1u << 6,
    MKEY_CHOOSE = 1u << 7
};

typedef struct {
    const char *word;  /* the meeting file's `method:` word */
    ballot_kind kind;
    unsigned keys;     /* MKEY_* the method accepts */
    unsigned needs;    /* MKEY_* it requires */
} method_meta;

/* method_meta_of: m's word, ballot kind and keys (an out-of-range m gives
 * yes-no-abstain's).  Never fails. */
method_meta method_meta_of(vote_method m);

/* method_meta_find: the method whose word is s, or -1. */
int method_meta_find(const char *s);

/* method_words_with: the words of the methods accepting key (MKEY_*), as
 * "approval, ranked-choice and stv", into buf (NUL terminated, cut at
 * size).  Returns how many methods accept it. */
int method_words_with(unsigned key, char *buf, size_t size);

#endif
