/* verify_bundle.h: a bundle loaded in memory and the reporting helpers the
 * checks share (verify_bundle.c, verify_checks.c, verify_previous.c). */
#ifndef AS_VERIFY_BUNDLE_H
#define AS_VERIFY_BUNDLE_H

#include "verify_internal.h"

/* The one optional file: an export from a read-only data folder
 * (docs/export-format.md §5). */
#define UNRECORDED "unrecorded.txt"

typedef struct {
    char *path;      /* relative to the bundle, printable */
    char *buf;       /* NULL when it could not be read (see problem) */
    size_t len;
    uint8_t hash[RECORD_HASH_SIZE];
    char problem[512]; /* why it could not be read; "" if it was */
} vfile;

typedef struct {
    const char *dir;
    vfile *f;
    int nf;
    char walk_problem[16][256]; /* entries that are not regular files */
    int nwalk_problems;
    size_t bytes;    /* read so far, at most VERIFY_BUNDLE_MAX */
    int over_budget; /* a file was refused for the total */
} vbundle;

/* vbundle_load: walks dir (top level and ballots/), reads every regular
 * file.  Non-regular entries go to walk_problem.  AS_ENOENT / AS_EINVAL /
 * AS_EIO when dir itself is not a readable directory, AS_ENOMEM. */
as_status vbundle_load(const char *dir, vbundle *b, as_err *err);
void vbundle_free(vbundle *b);

/* vbundle_get: the file at that relative path if it was read, else NULL. */
const vfile *vbundle_get(const vbundle *b, const char *path);
/* vbundle_find: the file at that path even if unreadable, else NULL. */
const vfile *vbundle_find(const vbundle *b, const char *path);

/* The reporter: one check at a time. */
typedef struct {
    verify_report_fn fn;
    void *ud;
    int nfail;       /* failures and skips so far */
    int check_fails; /* in the current check */
    const char *check;
} vreport;

void vr_begin(vreport *r, const char *check);
/* vr_fail: one problem of the current check (the first 20 are shown). */
void vr_fail(vreport *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* vr_skip: the check could not run; counts as a failure. */
void vr_skip(vreport *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* vr_begin_need: vr_begin, then when ready is 0 the check is reported as
 * not run (why, as vr_skip) and ended.  Returns ready. */
int vr_begin_need(vreport *r, const char *check, int ready, const char *why);
/* vr_end: "ok: CHECK" when no problem was reported since vr_begin. */
void vr_end(vreport *r);

/* The parsed pieces the checks share; a NULL/0 member did not parse. */
typedef struct {
    int have_pk;
    uint8_t pk[32];
    int have_manifest;
    verify_manifest manifest;
    int have_results;
    verify_results results;
    int have_attendance;
    verify_attendance attendance;
    int have_events;
    verify_events events;
    /* per results.txt entry: ballots parsed (1), absent/bad (0) */
    int *have_ballots;
    verify_ballots *ballots;
    /* the bundle's meeting.yaml (empty roster), loaded once on demand */
    struct meeting_s *m;
    int meeting_state; /* 0: not tried, 1: loaded, -1: not a meeting file */
    /* per results.txt entry: the recount of a closed §3.2 block, or NULL */
    struct tally_result_s **res;
    int nres;
    /* per results.txt entry, once the meeting check passed: what the
     * results files must say (verify_expect.h); NULL until then */
    struct vexp *exp;
} vparsed;

/* vparsed_meeting: meeting.yaml of the bundle, loaded (with an empty
 * roster: titles, methods and rules, never names) on first use; NULL when
 * it is missing or not a valid meeting file (the meeting check says
 * so). */
struct meeting_s *vparsed_meeting(const vbundle *b, vparsed *p);

void vparsed_free(vparsed *p);

/* vsig_valid: 1 when sig is pk's Ed25519 signature of RECORD_SIG_DOMAIN
 * followed by man's bytes (docs/export-format.md §6), 0 when not, -1 when
 * out of memory. */
int vsig_valid(const uint8_t pk[32], const vfile *man, const vfile *sig);

void verify_check_signature(const vbundle *b, vparsed *p, vreport *r);
void verify_check_key(vparsed *p, const char *key, vreport *r);
void verify_check_manifest(const vbundle *b, vparsed *p, vreport *r);
void verify_check_syntax(const vbundle *b, vparsed *p, vreport *r);
void verify_check_files(const vbundle *b, vparsed *p, vreport *r);
void verify_check_attendance(const vbundle *b, vparsed *p, vreport *r);
void verify_check_recount(const vbundle *b, vparsed *p, vreport *r);
void verify_check_roots(vparsed *p, vreport *r);
void verify_check_room_codes(vparsed *p, const verify_opts *o, vreport *r);
/* meeting: meeting.yaml loads and lists results.txt's proposals in order;
 * then fills p->exp for the four checks after it. */
void verify_check_meeting(const vbundle *b, vparsed *p, vreport *r);
void verify_check_results_txt(const vbundle *b, vparsed *p, vreport *r);
void verify_check_attendance_txt(const vbundle *b, vparsed *p, vreport *r);
void verify_check_results_csv(const vbundle *b, vparsed *p, vreport *r);
void verify_check_results_json(const vbundle *b, vparsed *p, vreport *r);
void verify_check_events(const vbundle *b, vparsed *p, vreport *r);
/* kiosk-lists (several kiosks, docs/export-format.md §9): run only when
 * verify_has_kiosk_lists, i.e. the bundle or its manifest has a kiosks/
 * file; a bundle of one kiosk has none and prints no line for it. */
int verify_has_kiosk_lists(const vbundle *b, const vparsed *p);
void verify_check_kiosk_lists(const vbundle *b, vparsed *p, vreport *r);
void verify_check_previous(const vbundle *b, vparsed *p, const vbundle *prev,
                           vreport *r);

#endif
