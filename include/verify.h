/* verify.h: the verifier of an export bundle (docs/export-format.md,
 * docs/verify.md).  Plain C over libsodium and the record/tally code: no
 * SDL, no SQLite, and none of the exporter's code (it shares only the
 * record's canonical bytes and the counting engine with the kiosk), so it
 * builds on any computer a member brings and a bug in the export cannot
 * hide in the check meant to catch it.
 *
 * Two layers:
 *   - parsers, one per file kind, each taking the file's bytes and
 *     accepting exactly the canonical syntax of the spec (everything else is
 *     AS_EINVAL with err = "FILE:LINE: what is wrong").  They are written
 *     for hostile input: no recursion, every loop bounded by the input,
 *     allocations bounded by a small multiple of the input size, never a
 *     read outside the buffer.  They are the fuzzing targets.
 *   - verify_bundle, which walks a bundle directory, runs every check and
 *     reports one line per check through a callback.
 *
 * Nothing here prints a ballot id or a choice in a message except the
 * line number and the kind of problem: a bundle is public, but messages
 * still never echo the input bytes beyond a short proposal id. */
#ifndef AS_VERIFY_H
#define AS_VERIFY_H

#include <stddef.h>
#include <stdint.h>
#include "record.h"
#include "status.h"

/* Caps against hostile bundles.  The verifier holds every file of a
 * bundle in memory, so the bytes are capped per file and per bundle, by
 * the size the file system reports (a sparse file counts at its full,
 * expanded size; six sparse 1,000 MB files once made it use 6 GB).  A
 * real bundle is far smaller: a ballot line is at most 1,570 bytes (32 hex,
 * a space, RECORD_TEXT_MAX, LF) and 41 for yes/no, so 10,000 voters make
 * at most 15.7 MB per proposal and 410 KB for a yes/no one; 64 MiB holds
 * such a meeting with 160 yes/no proposals, and keeps `verify` (the bytes,
 * their parse and the recount) well under 256 MB.  docs/verify.md. */
#define VERIFY_FILE_MAX ((size_t)32 << 20)   /* 32 MiB per file */
#define VERIFY_BUNDLE_MAX ((size_t)64 << 20) /* 64 MiB per bundle, all files */
#define VERIFY_LINE_MAX 4096              /* bytes in one line, LF excluded */
#define VERIFY_FILES_MAX 4096             /* files in one bundle */
#define VERIFY_PROPS_MAX 1000             /* proposals in results.txt */
#define VERIFY_COUNT_MAX 1000000000000LL  /* any count in the record */
#define VERIFY_ID_MAX 64                  /* proposal id, NUL included */

/* ---- manifest.txt ---------------------------------------------------- */

typedef struct {
    char *path;                     /* relative, '/' separated */
    uint8_t hash[RECORD_HASH_SIZE];
    int line;
} verify_manifest_entry;

typedef struct {
    int n;
    verify_manifest_entry *e; /* sorted bytewise by path (checked) */
} verify_manifest;

/* verify_manifest_parse: "<64 hex>  <path>" lines, paths bytewise strictly
 * ascending, each path a plain name, "ballots/<name>" or "kiosks/<name>"
 * (several kiosks), name made of [A-Za-z0-9._-] (no "..", no leading
 * '.'), at most VERIFY_FILES_MAX lines.  name is used in messages.  On failure *out is empty. */
as_status verify_manifest_parse(const char *buf, size_t len, const char *name,
                                verify_manifest *out, as_err *err);
void verify_manifest_free(verify_manifest *m);

/* ---- results.txt ------------------------------------------------------ */

typedef enum { VERIFY_DRAFT = 0, VERIFY_OPEN = 1, VERIFY_CLOSED = 2 } verify_state;

typedef struct {
    char id[VERIFY_ID_MAX];
    int line;          /* of its "proposal" line */
    size_t off, len;   /* the block's bytes in the file (with its LFs) */
    int num, den, strict;
    verify_state state;
    /* closed only: */
    int64_t checked_in, quorum, ballots, yes, no, abstain;
    int passed;
    uint8_t root[RECORD_HASH_SIZE];
    /* every block: */
    int method;        /* vote_method of its `method` line */
    int v1;            /* 1: the version-1 yes-no-abstain block (§3.1) */
    /* closed blocks of §3.2: */
    int64_t min_ballots;
    char outcome[24];  /* the `outcome` word */
} verify_result;

typedef struct {
    int n;
    verify_result *r;
} verify_results;

/* verify_results_parse: the blocks of §3.  Version-1 blocks (§3.1):
 * every key in its order, numbers without leading zeros and at most
 * VERIFY_COUNT_MAX, ids [a-z0-9-]{1,63} and unique, yes+no+abstain ==
 * ballots, 0 < den, 0 <= num <= den.  Blocks of §3.2 (every other
 * method, and yes-no-abstain with a `base` line): proposal, method, the
 * rule lines, state; when closed checked-in, quorum, min-ballots and
 * ballots in that order, then "key value" lines, outcome and root last.
 * Their exact content is compared line by line with the verifier's own
 * recount and meeting.yaml (verify_bundle's "results.txt" check), not
 * here. */
as_status verify_results_parse(const char *buf, size_t len, const char *name,
                               verify_results *out, as_err *err);
void verify_results_free(verify_results *r);

/* verify_results_find: index of the proposal with that id, or -1. */
int verify_results_find(const verify_results *r, const char *id);

/* ---- attendance.txt --------------------------------------------------- */

typedef struct {
    int64_t roster, checked_in, quorum;
    int64_t attended; /* checked in at any time: bounds every ballot count */
} verify_attendance;

/* verify_attendance_parse: exactly the four lines of §4 (roster,
 * checked-in, attended, quorum), checked-in at most attended, attended at
 * most roster.  AS_EINVAL with err naming name and the line. */
as_status verify_attendance_parse(const char *buf, size_t len, const char *name,
                                  verify_attendance *out, as_err *err);

/* ---- results.csv ----------------------------------------------------- */

#define VERIFY_CSV_COLS_MAX 64 /* fields in one row */

typedef struct {
    int nrows;      /* the header row included */
    int ncols;      /* fields of every row (the header's) */
    char **field;   /* nrows * ncols, unquoted, NUL-terminated */
    int *line;      /* the line each row starts on */
    char *store;    /* the bytes field points into */
} verify_csv;

/* verify_csv_parse: the CSV dialect of docs/export.md: UTF-8, LF line
 * ends (a last LF included), a header row, then rows with exactly the
 * header's number of fields; a field is plain (no comma, quote, CR or LF)
 * or quoted ("...", a quote inside written ""), and a quoted field ends at
 * a comma or the line end.  At most VERIFY_PROPS_MAX + 1 rows and
 * VERIFY_CSV_COLS_MAX fields a row; no NUL byte.  Memory: the input's
 * size and about 0.6 MB.  AS_EINVAL with err = "name:LINE: what"; on failure *out is
 * empty. */
as_status verify_csv_parse(const char *buf, size_t len, const char *name,
                           verify_csv *out, as_err *err);
void verify_csv_free(verify_csv *c);

/* ---- results.json ------------------------------------------------------ */

struct json_object;

/* verify_json_parse: results.json read by json-c in its strict mode
 * (RFC 8259, UTF-8 checked, at most 12 levels deep), a single object
 * followed only by spaces and LFs, the file ending with an LF, no NUL,
 * CR or tab byte and no key twice in one object (json-c would keep one
 * of them silently).  Before json-c builds anything, the values and
 * objects are counted on the bytes and the file refused when values + 12
 * * objects passes max_cost (json-c takes about 70 bytes per value, 800
 * per object: this bounds the memory at about 70 * max_cost bytes; the
 * caller derives it from what the meeting's results can hold).  The
 * caller frees *out with json_object_put.  AS_EINVAL with err =
 * "name[:LINE]: what", AS_ENOMEM. */
as_status verify_json_parse(const char *buf, size_t len, const char *name,
                            size_t max_cost, struct json_object **out, as_err *err);

/* ---- events.log ------------------------------------------------------- */

typedef enum {
    VERIFY_EV_MEETING,
    VERIFY_EV_STARTED,
    VERIFY_EV_OPENED,
    VERIFY_EV_CLOSED,
    VERIFY_EV_EXPORTED
} verify_event_kind;

typedef struct {
    verify_event_kind kind;
    int line;
    char id[VERIFY_ID_MAX];            /* opened, closed */
    int64_t checked_in, ballots;       /* opened (checked_in), closed */
    int64_t nclosed;                   /* exported */
    uint8_t hash[RECORD_HASH_SIZE];    /* meeting: the file's SHA-256;
                                          closed: the root */
} verify_event;

typedef struct {
    int n;
    verify_event *e;
    int bad_chain_line; /* first line whose hash does not recompute; 0: none */
} verify_events;

/* verify_events_parse: the lines of §5: sequence numbers 1..n, known
 * events with exactly their arguments, a 64-hex hash at the end.  A syntax
 * error is AS_EINVAL; a well-formed log whose hashes do not recompute is
 * AS_OK with bad_chain_line set (that is the event-chain check's to
 * report, not a syntax error). */
as_status verify_events_parse(const char *buf, size_t len, const char *name,
                              verify_events *out, as_err *err);
void verify_events_free(verify_events *ev);

/* ---- ballots/<id>.txt ------------------------------------------------- */

typedef struct {
    int64_t n, yes, no, abstain;
    uint8_t root[RECORD_HASH_SIZE]; /* Merkle root of the lines */
} verify_ballots;

/* verify_ballots_parse: "<32 hex> <yes|no|abstain>" lines, ids strictly
 * ascending (hence unique and sorted bytewise); counts them and computes
 * the root.  Memory: 32 bytes per line, bounded by the input size. */
as_status verify_ballots_parse(const char *buf, size_t len, const char *name,
                               verify_ballots *out, as_err *err);

/* verify_ballots_parse_method: the same for a proposal of method (a
 * vote_method): yes-no-abstain and recall take yes|no|abstain, consensus
 * agree|stand-aside|block (counted in yes, no, abstain in that order),
 * approval, ranked-choice and stv any ballot text of 1..RECORD_TEXT_MAX
 * bytes of [a-z0-9,>-] (whether it is canonical for the proposal's
 * options is the recount's to check, with the meeting file). */
as_status verify_ballots_parse_method(const char *buf, size_t len,
                                      const char *name, int method,
                                      verify_ballots *out, as_err *err);

/* ---- device.pub / device.pem ----------------------------------------- */

/* verify_pubkey_parse: device.pub, 64 hex + LF, into pk. */
as_status verify_pubkey_parse(const char *buf, size_t len, const char *name,
                              uint8_t pk[32], as_err *err);

/* verify_pem_parse: device.pem, a PEM "PUBLIC KEY" holding an Ed25519
 * SubjectPublicKeyInfo, into pk. */
as_status verify_pem_parse(const char *buf, size_t len, const char *name,
                           uint8_t pk[32], as_err *err);

/* ---- kiosks/ (several kiosks, docs/export-format.md §9) --------------- */

#define VERIFY_KIOSK_MAX 999 /* kiosk numbers: three digits, 001 to 999 */

typedef struct {
    int kiosk; /* 1..VERIFY_KIOSK_MAX */
    uint8_t pk[32]; /* Ed25519 public key */
    int line;
} verify_kiosk_key;

typedef struct {
    int n;
    verify_kiosk_key *k; /* strictly ascending by kiosk (checked) */
} verify_kiosk_keys;

/* verify_kiosk_keys_parse: kiosks/keys.txt, "<NNN> <64 hex> <fingerprint>"
 * lines, NNN three digits 001..999 strictly ascending, each fingerprint
 * (record_fingerprint) that of its key.  name is used in messages.  On
 * failure *out is empty. */
as_status verify_kiosk_keys_parse(const char *buf, size_t len, const char *name,
                                  verify_kiosk_keys *out, as_err *err);
void verify_kiosk_keys_free(verify_kiosk_keys *k);

/* verify_kiosk_list_parse: one kiosk's list, kiosks/<id>.<NNN>.list:
 * ballot lines as in ballots/ (32 lowercase hex, a space, 1 to
 * RECORD_TEXT_MAX bytes of [a-z0-9,>-], LF), ids strictly ascending, or
 * no line at all; *n is the number of lines.  name is used in messages. */
as_status verify_kiosk_list_parse(const char *buf, size_t len, const char *name,
                                  int64_t *n, as_err *err);

/* ---- the whole bundle ------------------------------------------------- */

typedef struct {
    const char *proposal;
    const char *code; /* a ballot-list code (groups of 4) or the full 64-hex root */
} verify_root_claim;

typedef struct {
    const char *bundle;             /* the bundle directory */
    const char *key;                /* --key FINGERPRINT or NULL */
    const char *previous;           /* --previous OLDER_BUNDLE or NULL */
    const verify_root_claim *roots; /* --root PROPOSAL=CODE ... */
    int nroots;
} verify_opts;

/* One report line.  ok = 1: check passed ("ok: <check>"; detail is
 * empty, or a note the reader should see: events says so for an export
 * made from a read-only data folder).  ok = 0: a
 * failure, detail = "FILE:LINE: what" (several may come for one check).
 * ok = -1: the check could not run because an earlier one failed; detail
 * says which. */
typedef void (*verify_report_fn)(void *ud, int ok, const char *check,
                                 const char *detail);

/* verify_bundle: runs every check on o->bundle, calling report once per
 * check passed and once per problem found (at most 20 per check, then a
 * "... and N more" line), in a fixed order: signature, key (with --key),
 * manifest, syntax, files, attendance, recount, roots, ballot-list-code (with
 * --root), meeting (meeting.yaml loads and lists results.txt's proposals
 * in order), then, when it passed, results.txt, attendance.txt,
 * results.csv, results.json (each parsed and compared field by field with
 * the verifier's own recount, meeting.yaml and attendance.txt; the
 * exporter's code is never used), events, previous (with --previous).
 * *nfail (may be NULL) is the number of failed or skipped reports.
 *
 * Returns AS_OK when the checks ran (whatever they found), AS_ENOENT /
 * AS_EINVAL / AS_EIO when o->bundle (or o->previous) is not a readable
 * directory, AS_ENOMEM; err then names the path and what to do. */
as_status verify_bundle(const verify_opts *o, verify_report_fn report, void *ud,
                        int *nfail, as_err *err);

#endif
