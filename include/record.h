/* record.h: the canonical pieces of the verifiable election record
 * (docs/export-format.md): ballot lines, RFC 6962 Merkle roots, room
 * codes, the event hash chain and key fingerprints.  Plain C over
 * libsodium (SHA-256, Ed25519); shared by the store (events), the export
 * (bundle writer), the UI (ballot-list code on the results screen) and the
 * verifier, so every one of them computes exactly the same bytes. */
#ifndef AS_RECORD_H
#define AS_RECORD_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"

#define RECORD_ID_SIZE 16                 /* ballot id bytes */
#define RECORD_HASH_SIZE 32               /* SHA-256 */
#define RECORD_LINE_MAX 64                /* a ballot line, NUL included */
#define RECORD_ROOM_CODE_SIZE 30          /* 24 symbols + 5 dashes + NUL */
#define RECORD_FPR_SIZE 20                /* 16 symbols + 3 dashes + NUL */
#define RECORD_SIG_DOMAIN "asamblea-export/v1\n"
#define RECORD_EVENT_DOMAIN "asamblea-event/v1\n"

/* record_choice_word: "yes", "no", "abstain" for CHOICE_*; NULL if out
 * of range.  record_choice_parse: the inverse over n bytes; -1 if the
 * word is not a choice. */
const char *record_choice_word(int choice);
int record_choice_parse(const char *word, size_t n);

/* record_ballot_line: "<32 hex> <choice word>" (no LF) into out; returns
 * its length, or 0 for an invalid choice. */
size_t record_ballot_line(const uint8_t id[RECORD_ID_SIZE], int choice,
                          char out[RECORD_LINE_MAX]);

/* record_ballot_text_line: "<32 hex> <text>" (no LF) into out (size
 * bytes, RECORD_TEXT_LINE_MAX always suffices) for a ballot of any method,
 * text[0..n) being its canonical text (include/ballot.h); returns the
 * length, or 0 when text is empty, longer than RECORD_TEXT_MAX, holds a
 * byte outside [a-z0-9,>-], or out is too small. */
#define RECORD_TEXT_MAX 1536 /* BALLOT_TEXT_MAX */
#define RECORD_TEXT_LINE_MAX (2 * RECORD_ID_SIZE + 1 + RECORD_TEXT_MAX + 1)
size_t record_ballot_text_line(const uint8_t id[RECORD_ID_SIZE],
                               const char *text, size_t n, char *out,
                               size_t size);

/* record_leaf_hash: SHA-256(0x00 || line), line without its LF. */
void record_leaf_hash(const char *line, size_t n, uint8_t out[RECORD_HASH_SIZE]);

/* record_merkle_root: RFC 6962 MTH over n leaf hashes (from
 * record_leaf_hash), in order.  leaves may be overwritten (used as
 * scratch).  n == 0 gives SHA-256 of nothing.  Never fails. */
void record_merkle_root(uint8_t (*leaves)[RECORD_HASH_SIZE], size_t n,
                        uint8_t root[RECORD_HASH_SIZE]);

/* record_room_code: Crockford base32 of root's first 15 bytes in six
 * dash-separated groups of four ("7Q3K-M2XA-..."). */
void record_room_code(const uint8_t root[RECORD_HASH_SIZE],
                      char out[RECORD_ROOM_CODE_SIZE]);

/* record_qr_text: what the QR code beside a ballot-list code holds, on
 * the room display, the kiosk and the minutes: "ASAMBLEA:V1:", the
 * proposal id in capitals, ":", and the full Merkle root as 64 capital hex
 * digits.  Every character is in QR's alphanumeric set, so the symbol
 * stays small (version 4 at level M) and a phone photographs it from the
 * back of a hall; `asamblea verify --root ID=HEX` takes the root as it
 * is.  prop_id is at most 63 characters of [a-z0-9-] (the meeting file
 * enforces it; longer ones are cut, never overflowed). */
#define RECORD_QR_TEXT_SIZE (12 + 63 + 1 + 64 + 1)
void record_qr_text(const char *prop_id, const uint8_t root[RECORD_HASH_SIZE],
                    char out[RECORD_QR_TEXT_SIZE]);

/* record_code_equal: 1 if two ballot-list codes or fingerprints are the same
 * after normalisation (case, dashes and spaces ignored; Crockford
 * aliases I,L->1 and O->0 applied), else 0. */
int record_code_equal(const char *a, const char *b);

/* record_event_hash: SHA-256(RECORD_EVENT_DOMAIN || prev || text). */
void record_event_hash(const uint8_t prev[RECORD_HASH_SIZE], const char *text,
                       size_t n, uint8_t out[RECORD_HASH_SIZE]);

/* record_closed_event: when text[0..n) is an event line's text
 * "<seq> closed <proposal> <checked-in> <ballots> <root hex>" for this
 * proposal prop_id, returns 1 with the figures (any of the outputs may be
 * NULL), 2 when it is a closed event for prop_id that is malformed
 * (negative figures, a bad root, trailing bytes), 0 for any other line. */
int record_closed_event(const char *text, size_t n, const char *prop_id,
                        int64_t *checked_in, int64_t *ballots,
                        uint8_t root[RECORD_HASH_SIZE]);

/* record_fingerprint: Crockford base32 of the first 10 bytes of
 * SHA-256(public key), four groups of four. */
void record_fingerprint(const uint8_t pk[32], char out[RECORD_FPR_SIZE]);

/* record_hex: 2n lowercase hex digits and a NUL into out.
 * record_unhex: parses exactly 2n hex digits (lower case only, as the
 * format demands); 0 on success, -1 otherwise. */
void record_hex(const uint8_t *b, size_t n, char *out);
int record_unhex(const char *s, uint8_t *out, size_t n);

#endif
