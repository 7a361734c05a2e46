/* export.h: the verifiable export, a bundle folder an organizer takes
 * home on a USB stick.  Every file of the bundle is written here and
 * nowhere else.  Format (the contract): docs/export-format.md; for
 * organizers: docs/export.md.
 *
 *   OUT/asamblea-<date>-<first 8 hex of the meeting file's sha256>/
 *     meeting.yaml          the meeting file, byte for byte as used
 *     results.txt           canonical results (figures at each close)
 *     attendance.txt        roster size, present now, attended, quorum
 *     events.log            the store's hash-chained aggregate events
 *     ballots/<id>.txt      closed proposals only: "<32 hex> <choice>"
 *                           lines sorted bytewise
 *     results.csv, .json    results.txt for spreadsheets and programs
 *     README.txt            what the files are, how to recount and check
 *     device.pub, .pem      the kiosk's Ed25519 public key
 *     manifest.txt          sha256sum -c format over every other file
 *     manifest.sig          Ed25519 over RECORD_SIG_DOMAIN || manifest.txt
 *
 * Secrecy: no file holds a time, a badge, a name or a cast order, and no
 * function here prints anything; counts are written for closed proposals
 * only (never interim results of an open vote).  Apart from events.log and
 * the manifest and signature (which grow with the log), the output is a
 * pure function of the meeting, the ballots, the figures recorded when
 * each proposal closed and the key: the same ballots cast in any order
 * give byte-identical files, and a closed proposal's files never change
 * between exports. */
#ifndef AS_EXPORT_H
#define AS_EXPORT_H

#include <stddef.h>
#include <stdint.h>
#include "meeting.h"
#include "status.h"
#include "store.h"

#define EXPORT_PATH_MAX 4096

typedef struct {
    char path[EXPORT_PATH_MAX]; /* the folder written, OUT/asamblea-... */
    int nprops;                 /* proposals in the meeting */
    int nclosed;                /* of which closed (with counts and ballots) */
    int unrecorded;             /* 1: made from a read-only store, so its
                                   "exported" event is not in the log */
} export_summary;

/* export_write: writes the bundle of meeting m (whose exact file content
 * is meeting_bytes/meeting_len, which must hash to m->sha256) from store s
 * into out_dir.  quorum_needed is the number of checked-in attendees the
 * meeting needs (meeting_quorum(m), or export_quorum() when the roster is
 * not at hand); 0 means none.  roster_size is the number of people on
 * the roster (attendance.txt).  data_dir is the store's data directory:
 * the kiosk's key, data_dir/device.key, signs the bundle (made there if
 * missing, see export_device_key).  Appends "exported <nclosed>" to the
 * store's event log before writing, so the bundle's events.log ends with
 * its own export.
 *
 * A store opened with store_open_readonly (a read-only data folder) gets
 * the same bundle except that nothing is written to the data folder: the
 * log cannot take the "exported" line, so events.log is the log as it is,
 * the bundle gains unrecorded.txt ("exported <nclosed>", the line that
 * could not be recorded; docs/export-format.md §5) and a paragraph in
 * README.txt saying so, and sum->unrecorded is 1 for the caller to tell
 * the user.  device.key must then exist already (AS_EREADONLY otherwise).
 *
 * out_dir is created if missing (one level, like mkdir).  It must be empty
 * or hold only earlier asamblea exports (folders named asamblea-...) and
 * the clutter operating systems leave on USB sticks (names starting with
 * '.', "System Volume Information", "lost+found"); anything else is
 * refused with AS_EINVAL, so an export never mixes with foreign files.
 *
 * The folder is built under a temporary name in out_dir, every file and
 * directory fsync'ed, then renamed into place; an older export of the same
 * meeting is replaced only once the new one is complete (atomically where
 * the filesystem supports RENAME_EXCHANGE).  Leftover temporary folders of
 * an interrupted export are removed.
 *
 * Fails with AS_EINVAL (bad arguments, foreign files in out_dir, bytes not
 * matching m->sha256), AS_ENOENT / AS_EREADONLY (out_dir cannot be created
 * or written), AS_EFULL (disk full), AS_EIO, AS_ECORRUPT (the store's
 * ballots disagree with the root recorded when their proposal closed, a
 * damaged event log or device.key) or any store error; err names the path
 * and what to do, and no partial export is left behind: an older export
 * stays as it was (the log keeps its "exported" line if the failure came
 * after it).  sum (may be NULL) is filled on AS_OK. */
as_status export_write(const meeting *m, const char *meeting_bytes,
                       size_t meeting_len, int quorum_needed, int roster_size,
                       store *s, const char *data_dir, const char *out_dir,
                       export_summary *sum, as_err *err);

/* export_progress_fn: told how far export_write_progress has come: done
 * of total files of the bundle are written (total is 0 while the bundle
 * is still being computed, before the first file).  Called on the thread
 * that runs the export, with no lock held; it must not use the store.
 * Counts only: no file name, choice or figure. */
typedef void (*export_progress_fn)(void *ud, int done, int total);

/* export_write_progress: export_write, calling progress(ud, ...) (may be
 * NULL) once before the first file is written (0 of total) and after
 * each file.  Same arguments, results and failures as export_write.  The
 * kiosk runs it on a worker thread (src/app/app_export.c) that alone uses
 * s while it runs. */
as_status export_write_progress(const meeting *m, const char *meeting_bytes,
                                size_t meeting_len, int quorum_needed,
                                int roster_size, store *s, const char *data_dir,
                                const char *out_dir, export_summary *sum,
                                export_progress_fn progress, void *ud, as_err *err);

/* export_device_key: the kiosk's Ed25519 key pair (libsodium), kept in
 * data_dir/device.key (the 64-byte libsodium secret key, mode 0600).  Loads
 * it, or on first use makes one (written to a temporary file, fsync'ed,
 * then linked into place so two processes never make two keys) and loads
 * that.  pk is the public key (record_fingerprint shows it), sk the secret
 * key; the caller should sodium_memzero sk when done.  AS_ECORRUPT when the
 * file is not a valid key (err says to restore it or move it away),
 * AS_EREADONLY / AS_EFULL / AS_EIO / AS_ENOENT with err naming the file. */
as_status export_device_key(const char *data_dir, uint8_t pk[32], uint8_t sk[64],
                            as_err *err);

/* The figures of one proposal, in meeting-file order, from which the
 * bundle's results files are rendered (docs/export-format.md §3).  For a
 * closed proposal they are the figures AT ITS CLOSE (checked_in from the
 * `closed` event), so its results never change between exports; for a
 * draft or open one only state is used. */
typedef struct {
    prop_state state;
    int64_t checked_in; /* closed: people checked in when voting closed */
    int quorum;         /* closed: people needed; 0 = none */
    int64_t ballots;    /* closed: ballots in the list */
    int64_t yes, no, abstain;
    uint8_t root[32];   /* closed: Merkle root of ballots/<id>.txt */
    /* closed: the whole count (tally_counter over the ballot list, with
     * checked_in, quorum and root above); needed for every proposal that
     * is not written as a version-1 block (export_is_v1_block), ignored
     * for those.  Owned by whoever filled the array. */
    struct tally_result_s *res;
} export_figures;

/* export_is_v1_block: 1 when proposal p is written in results.txt as the
 * version-1 yes-no-abstain block (docs/export-format.md §3: method
 * yes-no-abstain, base yes-no, no min_ballots), 0 when as a block of §3.2. */
int export_is_v1_block(const proposal *p);

/* export_outcome_word: the `outcome` word of results.txt §3.2 for verdict
 * v of proposal p (passed, not-passed, recalled, not-recalled, blocked,
 * tabled, elected, no-result). */
const char *export_outcome_word(const proposal *p, int v);

/* export_proposal_quorum: the people needed for proposal i: its own
 * `quorum:` (a percentage resolved against roster_size rows, rounded up)
 * or else meeting_quorum, the meeting's.  0: none. */
int export_proposal_quorum(const meeting *m, int i, int meeting_quorum,
                           int64_t roster_size);

/* Attendance when the export is made (attendance.txt, §4). */
typedef struct {
    int64_t roster;     /* people on the roster */
    int64_t checked_in; /* present now (checked in, not checked out) */
    int quorum;         /* people needed; 0 = none */
    int64_t attended;   /* checked in at any time; bounds every ballot count */
} export_attendance;

/* export_render_*: the exact bytes of results.txt, attendance.txt,
 * results.csv and results.json of a bundle, for meeting m and f[0 ..
 * m->nprops-1] (and a, where used).  The outcome is decided here from the
 * figures (tally_decide), so a verifier that passes recounted figures gets
 * the bytes the bundle must hold.  Pure functions: no I/O, no time, no
 * floating point; LF line ends.  On AS_OK *out is malloc'd (NUL
 * terminated, *len without the NUL) and the caller frees it; AS_EINVAL
 * for missing arguments or a state outside prop_state, AS_ENOMEM; *out is
 * NULL on failure. */
as_status export_render_results_txt(const meeting *m, const export_figures *f,
                                    char **out, size_t *len, as_err *err);
as_status export_render_attendance_txt(const export_attendance *a, char **out,
                                       size_t *len, as_err *err);
as_status export_render_results_csv(const meeting *m, const export_figures *f,
                                    const export_attendance *a, char **out,
                                    size_t *len, as_err *err);
as_status export_render_results_json(const meeting *m, const export_figures *f,
                                     const export_attendance *a, char **out,
                                     size_t *len, as_err *err);

/* export_state_name: "draft", "open", "closed" (the words of results.txt);
 * NULL for anything else. */
const char *export_state_name(prop_state st);

/* export_quorum: the quorum of m resolved against a roster of roster_size
 * rows (a percentage rounded up, as meeting_quorum does); for when only a
 * copy of the meeting file and the roster size are at hand. */
int export_quorum(const meeting *m, int roster_size);

/* export_meeting_bytes: reads m->path into a malloc'd buffer (*bytes, NUL
 * terminated, *len without the NUL) and checks it still hashes to
 * m->sha256.  AS_ENOENT/AS_EIO if it cannot be read, AS_EMISMATCH if the
 * file changed since it was loaded, AS_EINVAL if m has no path.  The caller
 * frees *bytes; it is NULL on failure. */
as_status export_meeting_bytes(const meeting *m, char **bytes, size_t *len,
                               as_err *err);

/* export_save_meeting_copy: keeps the meeting file's exact bytes as
 * DATA/meeting.yaml and the roster size as DATA/roster-size.txt, so that
 * `asamblea export --data DATA` needs nothing else (the roster itself is
 * never copied: it holds the badge tokens).  The kiosk calls this when it
 * opens a data directory.  Each file is written atomically (temporary
 * file, fsync, rename, fsync of the directory) and left untouched when it
 * already holds the same content.  AS_EREADONLY / AS_EFULL / AS_EIO / AS_ENOENT
 * with err naming the file; on failure the old copy is intact. */
as_status export_save_meeting_copy(const char *data_dir, const char *bytes,
                                   size_t len, int roster_size, as_err *err);

/* export_load_meeting_copy: reads back what export_save_meeting_copy kept:
 * *bytes (malloc'd, NUL terminated, *len without the NUL) and *roster_size
 * (may be NULL).  AS_ENOENT when DATA/meeting.yaml or DATA/roster-size.txt
 * is missing (err says to pass --meeting), AS_ECORRUPT when
 * roster-size.txt is not a number, AS_EIO.  *bytes is NULL on failure. */
as_status export_load_meeting_copy(const char *data_dir, char **bytes,
                                   size_t *len, int *roster_size, as_err *err);

#endif
