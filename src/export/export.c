/* export.c: export_write, the orchestration: check the target folder,
 * build the export in memory, write it under a temporary name, then
 * rename it into place so no half-written export is ever visible. */
#define _GNU_SOURCE /* renameat2 for the atomic swap with an older export */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sodium.h>
#include "export_internal.h"

#define TMP_PREFIX ".asamblea-tmp-"
#define OLD_PREFIX ".asamblea-old-"
#define EXPORT_PREFIX "asamblea-"

int export_quorum(const meeting *m, int roster_size)
{
    if (m->quorum > 0)
        return m->quorum;
    if (m->quorum_percent > 0 && roster_size > 0)
        return (int)(((int64_t)m->quorum_percent * roster_size + 99) / 100);
    return 0;
}

as_status export_meeting_bytes(const meeting *m, char **bytes, size_t *len,
                               as_err *err)
{
    uint8_t h[crypto_hash_sha256_BYTES];
    as_status st;

    *bytes = NULL;
    *len = 0;
    if (!m || !m->path)
        return as_err_set(err, AS_EINVAL,
                          "export: the meeting was not loaded from a file; pass its bytes");
    if ((st = export_fs_read(m->path, bytes, len, err)) != AS_OK)
        return st;
    crypto_hash_sha256(h, (const unsigned char *)*bytes, *len);
    if (memcmp(h, m->sha256, sizeof h) != 0) {
        free(*bytes);
        *bytes = NULL;
        *len = 0;
        return as_err_set(err, AS_EMISMATCH,
                          "%s: the file changed since the kiosk loaded it; restore the "
                          "version used at the meeting and export again", m->path);
    }
    return AS_OK;
}

/* folder_name: asamblea-<date>-<first 8 hex of the meeting's sha256>. */
static void folder_name(const meeting *m, char *out, size_t size)
{
    char date[sizeof m->date];
    int ok = m->date[0] != '\0';

    for (size_t i = 0; m->date[i]; i++)
        if (!((m->date[i] >= '0' && m->date[i] <= '9') || m->date[i] == '-'))
            ok = 0;
    snprintf(date, sizeof date, "%s", ok ? m->date : "undated");
    snprintf(out, size, EXPORT_PREFIX "%s-%02x%02x%02x%02x", date, m->sha256[0],
             m->sha256[1], m->sha256[2], m->sha256[3]);
}

/* Names an operating system may put on a USB stick by itself. */
static int is_os_clutter(const char *name)
{
    return name[0] == '.' || !strcmp(name, "System Volume Information") ||
           !strcmp(name, "lost+found");
}

/* prepare_out_dir: creates out_dir if needed, refuses foreign content,
 * checks an older export of this meeting (final) is really one, and
 * removes temporary folders an interrupted export left behind. */
static as_status prepare_out_dir(const char *out_dir, const char *final, as_err *err)
{
    char sub[EXPORT_PATH_MAX + 300];
    struct stat sb;
    struct dirent *e;
    as_status st = AS_OK;
    DIR *d;

    if (mkdir(out_dir, 0755) != 0 && errno != EEXIST)
        return export_fs_fail(err, errno, "create the export folder", out_dir);
    if (stat(out_dir, &sb) != 0)
        return export_fs_fail(err, errno, "open the export folder", out_dir);
    if (!S_ISDIR(sb.st_mode))
        return as_err_set(err, AS_EINVAL,
                          "%s: is a file, not a folder; choose a folder to export into",
                          out_dir);
    if (!(d = opendir(out_dir)))
        return export_fs_fail(err, errno, "read the export folder", out_dir);
    while ((e = readdir(d)) != NULL) {
        const char *n = e->d_name;
        if (!strcmp(n, ".") || !strcmp(n, ".."))
            continue;
        snprintf(sub, sizeof sub, "%s/%s", out_dir, n);
        if (!strncmp(n, TMP_PREFIX, strlen(TMP_PREFIX)) ||
            !strncmp(n, OLD_PREFIX, strlen(OLD_PREFIX))) {
            /* An interrupted export; deleted only if it holds nothing
             * but export files.  Otherwise it stays, hidden and harmless. */
            (void)export_fs_remove_export(sub, NULL);
            continue;
        }
        if (is_os_clutter(n))
            continue;
        if (!strncmp(n, EXPORT_PREFIX, strlen(EXPORT_PREFIX)) &&
            lstat(sub, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            if (!strcmp(sub, final) && (st = export_fs_check_export(sub, err)) != AS_OK)
                break;
            continue;
        }
        st = as_err_set(err, AS_EINVAL,
                        "%s: holds '%s', which is not an asamblea export; export into an "
                        "empty folder or one that holds only earlier exports",
                        out_dir, n);
        break;
    }
    closedir(d);
    return st;
}

/* place: moves the finished folder tmp to final, replacing an older
 * export there only now that the new one is complete. */
static as_status place(const char *out_dir, const char *tmp, const char *final,
                       as_err *err)
{
    char old[EXPORT_PATH_MAX + 300];
    struct stat sb;
    as_status st;

    if (lstat(final, &sb) != 0) {
        if (errno != ENOENT)
            return export_fs_fail(err, errno, "inspect", final);
        if (rename(tmp, final) != 0)
            return export_fs_fail(err, errno, "rename the new export to", final);
        return export_fs_sync_dir(out_dir, err);
    }
    /* An older export exists.  Swap atomically where the filesystem can
     * (ext4 and most Linux filesystems); tmp then holds the old one. */
    if (renameat2(AT_FDCWD, tmp, AT_FDCWD, final, RENAME_EXCHANGE) == 0) {
        if ((st = export_fs_sync_dir(out_dir, err)) != AS_OK)
            return st;
        if ((st = export_fs_remove_export(tmp, err)) != AS_OK)
            return st;
        return export_fs_sync_dir(out_dir, err);
    }
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
        return export_fs_fail(err, errno, "replace the older export", final);
    /* vfat and friends: move the old one aside (onto an empty folder
     * mkdtemp made, which rename may replace), then the new one in. */
    snprintf(old, sizeof old, "%s/" OLD_PREFIX "XXXXXX", out_dir);
    if (!mkdtemp(old))
        return export_fs_fail(err, errno, "create a folder in", out_dir);
    if (rename(final, old) != 0) {
        int e = errno;
        rmdir(old);
        return export_fs_fail(err, e, "move aside the older export", final);
    }
    if (rename(tmp, final) != 0) {
        int e = errno;
        (void)rename(old, final); /* put the old one back */
        return export_fs_fail(err, e, "rename the new export to", final);
    }
    if ((st = export_fs_sync_dir(out_dir, err)) != AS_OK)
        return st;
    if ((st = export_fs_remove_export(old, err)) != AS_OK)
        return st;
    return export_fs_sync_dir(out_dir, err);
}

/* note_unrecorded: for an export from a read-only data folder, whose log
 * cannot take this export's "exported" line: unrecorded.txt holds that
 * line's event text ("exported <nclosed>"), so a verifier knows the log
 * was meant to end before it, and README.txt says the same in words.
 * Recording nothing is the honest choice: a line only in the bundle would
 * fork the bundle's chain from the kiosk's, so no later export could be
 * shown to extend this one (docs/export-format.md §7). */
static as_status note_unrecorded(xfiles *files, int nclosed, as_err *err)
{
    xfile *x = xfiles_add(files, "unrecorded.txt");
    if (!x)
        return as_err_set(err, AS_ENOMEM, "export: out of memory");
    xbuf_printf(&x->data, "exported %d\n", nclosed);
    for (int i = 0; i < files->n; i++) {
        if (strcmp(files->v[i].name, "README.txt") != 0)
            continue;
        xbuf_puts(&files->v[i].data,
                  "\n"
                  "THIS EXPORT IS NOT IN ITS OWN EVENTS.LOG\n"
                  "\n"
                  "It was made from a read-only data folder (a card mounted\n"
                  "read-only, for example), so the kiosk could not add the line\n"
                  "\"exported\" to its log. events.log is the log exactly as it was;\n"
                  "unrecorded.txt holds the line that could not be written. Later\n"
                  "exports do not show this one.\n");
    }
    for (int i = 0; i < files->n; i++)
        if (files->v[i].data.oom)
            return as_err_set(err, AS_ENOMEM, "export: out of memory");
    return AS_OK;
}

as_status export_write(const meeting *m, const char *meeting_bytes,
                       size_t meeting_len, int quorum_needed, int roster_size,
                       store *s, const char *data_dir, const char *out_dir,
                       export_summary *sum, as_err *err)
{
    return export_write_progress(m, meeting_bytes, meeting_len, quorum_needed,
                                 roster_size, s, data_dir, out_dir, sum, NULL, NULL,
                                 err);
}

as_status export_write_progress(const meeting *m, const char *meeting_bytes,
                                size_t meeting_len, int quorum_needed,
                                int roster_size, store *s, const char *data_dir,
                                const char *out_dir, export_summary *sum,
                                export_progress_fn progress, void *ud, as_err *err)
{
    uint8_t pk[32], sk[64];
    uint8_t h[crypto_hash_sha256_BYTES];
    char name[64], dir[EXPORT_PATH_MAX], final[EXPORT_PATH_MAX], tmp[EXPORT_PATH_MAX];
    xfiles files = {0};
    int nclosed = 0, have_tmp = 0, ro = 0;
    as_status st;

    if (!m || !s || !out_dir || !*out_dir || !data_dir || !*data_dir ||
        (!meeting_bytes && meeting_len))
        return as_err_set(err, AS_EINVAL,
                          "export: missing meeting, store, data directory or folder");
    crypto_hash_sha256(h, (const unsigned char *)(meeting_bytes ? meeting_bytes : ""),
                       meeting_len);
    if (memcmp(h, m->sha256, sizeof h) != 0)
        return as_err_set(err, AS_EINVAL,
                          "export: the meeting file's bytes do not match the loaded "
                          "meeting; export with the meeting file used at the meeting");
    /* "usb/" and "usb" are the same folder; keep the printed path tidy. */
    if ((size_t)snprintf(dir, sizeof dir, "%s", out_dir) >= sizeof dir)
        return as_err_set(err, AS_EINVAL, "%s: path too long; choose a shorter folder",
                          out_dir);
    for (size_t n = strlen(dir); n > 1 && dir[n - 1] == '/'; n--)
        dir[n - 1] = '\0';
    out_dir = dir;
    folder_name(m, name, sizeof name);
    if ((size_t)snprintf(final, sizeof final, "%s/%s", out_dir, name) >= sizeof final ||
        (size_t)snprintf(tmp, sizeof tmp, "%s/" TMP_PREFIX "XXXXXX", out_dir) >= sizeof tmp)
        return as_err_set(err, AS_EINVAL, "%s: path too long; choose a shorter folder",
                          out_dir);

    ro = store_is_readonly(s);
    if ((st = ro ? export_device_key_load(data_dir, pk, sk, err)
                 : export_device_key(data_dir, pk, sk, err)) != AS_OK)
        goto done;
    if ((st = prepare_out_dir(out_dir, final, err)) != AS_OK)
        goto done;
    if ((st = export_build(m, meeting_bytes, meeting_len, quorum_needed, roster_size, s,
                           pk, &files, &nclosed, err)) != AS_OK)
        goto done;
    /* The bundle's own export is the last line of its events.log.  Should
     * writing fail after this, the line stays in the log: the next bundle
     * then shows an export that was not completed, which is the truth.
     * A read-only store cannot take the line: the bundle then says so in
     * unrecorded.txt instead of claiming a line the kiosk does not have. */
    if ((st = ro ? note_unrecorded(&files, nclosed, err)
                 : store_event_exported(s, nclosed, err)) != AS_OK ||
        (st = export_seal(&files, s, sk, err)) != AS_OK)
        goto done;
    if (!mkdtemp(tmp)) {
        st = export_fs_fail(err, errno, "create a folder in", out_dir);
        goto done;
    }
    have_tmp = 1;
    /* mkdtemp makes it 0700; an export is meant to be read by others. */
    if (chmod(tmp, 0755) != 0) {
        st = export_fs_fail(err, errno, "set permissions on", tmp);
        goto done;
    }
    if (progress)
        progress(ud, 0, files.n);
    if ((st = export_fs_write_tree(tmp, &files, progress, ud, err)) != AS_OK)
        goto done;
    if ((st = place(out_dir, tmp, final, err)) != AS_OK)
        goto done;
    have_tmp = 0; /* tmp now names nothing, or was removed by place */
    if (sum) {
        snprintf(sum->path, sizeof sum->path, "%s", final);
        sum->nprops = m->nprops;
        sum->nclosed = nclosed;
        sum->unrecorded = ro;
    }
done:
    sodium_memzero(sk, sizeof sk);
    if (have_tmp)
        (void)export_fs_remove_export(tmp, NULL); /* leave nothing partial */
    xfiles_free(&files);
    return st;
}
