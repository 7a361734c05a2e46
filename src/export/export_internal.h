/* export_internal.h: pieces shared by the export module's files; not a
 * public interface. */
#ifndef AS_EXPORT_INTERNAL_H
#define AS_EXPORT_INTERNAL_H

#include <stddef.h>
#include "export.h"
#include "tally.h"
#include "xbuf.h"

/* One file of the export: a path relative to the export folder ("a.csv"
 * or "ballots/x.csv") and its content.  The whole export is built in
 * memory as a list of these and written by export_fs_write_tree, the one
 * place that writes export files (where signing will hook in). */
typedef struct {
    char name[256];
    xbuf data;
} xfile;

typedef struct {
    xfile *v;
    int n, cap;
} xfiles;

void xfiles_free(xfiles *f);
/* xfiles_add: a new empty file named name; NULL on OOM. */
xfile *xfiles_add(xfiles *f, const char *name);

/* export_device_key_load: export_device_key for a read-only data folder:
 * loads data_dir/device.key and never makes one, nor changes its mode.
 * AS_EREADONLY when it is missing (err says to export from a writable
 * copy); other failures as export_device_key. */
as_status export_device_key_load(const char *data_dir, uint8_t pk[32], uint8_t sk[64],
                                 as_err *err);

/* export_build: computes every file of the bundle of m from s except
 * events.log, manifest.txt and manifest.sig (export_seal adds those, once
 * the `exported` event is in the log).  pk is the kiosk's public key.
 * Fills *nclosed.  Errors as export_write. */
as_status export_build(const meeting *m, const char *meeting_bytes,
                       size_t meeting_len, int quorum_needed, int roster_size,
                       store *s, const uint8_t pk[32], xfiles *out, int *nclosed,
                       as_err *err);

/* export_seal: adds events.log (the store's whole chain), then sorts the
 * files by path and adds manifest.txt over all of them and manifest.sig,
 * the Ed25519 signature by sk over RECORD_SIG_DOMAIN || manifest.txt. */
as_status export_seal(xfiles *out, store *s, const uint8_t sk[64], as_err *err);


/* export_fs_write_tree: creates each file of f (and the ballots/
 * subfolder) inside the existing empty directory dir, fsyncs each file
 * and both directories; progress (may be NULL) is told i + 1 of f->n
 * after file i.  err names the file on failure. */
as_status export_fs_write_tree(const char *dir, const xfiles *f,
                               export_progress_fn progress, void *ud, as_err *err);

/* export_fs_remove_export: deletes the export folder at path if it holds
 * nothing but export files (those export_fs_write_tree writes); otherwise
 * deletes nothing and returns AS_EINVAL with err naming the foreign file.
 * A missing path is AS_OK. */
as_status export_fs_remove_export(const char *path, as_err *err);

/* export_fs_check_export: AS_OK if the folder at path holds nothing but
 * export files; AS_EINVAL naming the first foreign file otherwise. */
as_status export_fs_check_export(const char *path, as_err *err);

/* export_fs_fail: the one-line error for operation what failing on path
 * with errno e (the status follows as_status_from_errno). */
as_status export_fs_fail(as_err *err, int e, const char *what, const char *path);

/* export_fs_sync_dir: fsyncs the directory at path. */
as_status export_fs_sync_dir(const char *path, as_err *err);

/* export_fs_read: reads a whole file (NUL terminated) into *bytes. */
as_status export_fs_read(const char *path, char **bytes, size_t *len, as_err *err);

/* export_fs_replace: atomically replaces dir/name with data (temporary
 * file in dir, fsync, rename, fsync dir); a no-op when the file already
 * holds exactly data. */
as_status export_fs_replace(const char *dir, const char *name, const char *data,
                            size_t len, as_err *err);

/* export_kiosk_lists: for a meeting held by several kiosks, adds to out
 * each closed proposal's kiosk lists (kiosks/<id>.<NNN>.list and .sig,
 * docs/export-format.md §9), kiosks/keys.txt and a paragraph of
 * README.txt; out must already hold ballots/<id>.txt of every closed
 * proposal (f[i].state) and README.txt.  Each list's signature, line count
 * and key are checked, and the lists of a proposal must add up to its
 * ballots/<id>.txt byte for byte: AS_ECORRUPT (err says not to publish)
 * otherwise.  A store of one kiosk adds nothing. */
as_status export_kiosk_lists(const meeting *m, const export_figures *f, store *s,
                             xfiles *out, as_err *err);

/* export_methods.c: the blocks and rows of docs/export-format.md §3.2
 * (every proposal that is not a version-1 block).  export_put_block
 * writes the results.txt block (no separating empty line),
 * export_put_csv_row one results.csv row with the counts, winners and
 * tied columns, export_put_json_method the method's members of the
 * proposal's results.json object (each starting with ",\n").  They
 * return -1 for a closed proposal without f->res, else 0. */
int export_put_block(xbuf *b, const proposal *p, const export_figures *f);
int export_put_csv_row(xbuf *b, const meeting *m, const proposal *p,
                       const export_figures *f, const export_attendance *a);
int export_put_json_method(xbuf *b, const meeting *m, const proposal *p,
                           const export_figures *f);
/* export_method_name: the meeting file's method word. */
const char *export_method_name(vote_method m);
/* export_rule_key: the rule as a fixed English phrase key (§3.2). */
const char *export_rule_key(const proposal *p);

#endif
