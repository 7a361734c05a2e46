/* store_journal.c: what a crash can leave beside the databases, cleaned
 * up as store_open opens them (steps 5 and 6): super-journals no journal
 * names, and cold journals holding old pages, which one write
 * transaction overwrites with zeros through the zeroing VFS. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <fcntl.h>
#include <sodium.h>
#include "store_priv.h"

/* is_super_journal: name is one SQLite gives meeting.db's super-journal:
 * "meeting.db-mj" then "%06X9%02X" (vdbeaux.c, vdbeCommit; the '9' keeps
 * 8.3 names apart).  Nothing else in the folder is ever removed here. */
static int is_super_journal(const char *name)
{
    static const char pre[] = "meeting.db-mj";
    size_t k = sizeof pre - 1;

    if (strncmp(name, pre, k) != 0 || strlen(name) != k + 9 || name[k + 6] != '9')
        return 0;
    for (size_t i = k; i < k + 9; i++)
        if (!((name[i] >= '0' && name[i] <= '9') || (name[i] >= 'A' && name[i] <= 'F')))
            return 0;
    return 1;
}

/* sweep_super_journals: removes meeting.db-mj* files no journal names.
 *
 * A super-journal lists the journals of a two-file commit (store_cast
 * writes meeting.db and ballots.db together); SQLite deletes it once the
 * commit is done, or when rolling back the last hot journal that names
 * it.  A full disk at the wrong moment leaves it behind for good.  By
 * SQLite's own rule it is stale once no journal names it, and then
 * removing it is what SQLite would have done.  Here:
 *   - both quick_checks have run, so any hot journal was rolled back;
 *   - BEGIN IMMEDIATE holds a RESERVED lock on both files until the scan
 *     ends, so no other process (the desk beside the kiosk) can be inside
 *     a commit, whose super-journal is live until it releases its locks;
 *   - and if any *-journal in the folder still has bytes, nothing is
 *     removed (a journal only names a super-journal in its bytes; an
 *     empty or absent one names none).
 * Housekeeping only: a stale super-journal harms nothing but the file
 * list, so a busy folder or an unlink that fails leaves it for the next
 * start instead of refusing to open. */
as_status store_sweep_super_journals(sqlstore *s, as_err *err)
{
    DIR *d;
    struct dirent *e;
    int removed = 0, journal_bytes = 0;
    char *names[16];
    int nnames = 0;

    if (store_exec(s, "BEGIN IMMEDIATE", s->meeting_path, err) != AS_OK) {
        if (err)
            err->msg[0] = '\0';
        return AS_OK; /* busy: another writer; try at the next start */
    }
    if (!(d = opendir(s->dir))) {
        store_rollback(s);
        return AS_OK;
    }
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        struct stat sb;
        char *p;

        if (!(n > 8 && !strcmp(e->d_name + n - 8, "-journal")) &&
            !is_super_journal(e->d_name))
            continue;
        if (!(p = store_join(s->dir, e->d_name)))
            break;
        if (lstat(p, &sb) != 0 || !S_ISREG(sb.st_mode)) {
            free(p);
            continue;
        }
        if (!is_super_journal(e->d_name)) {
            journal_bytes |= sb.st_size > 0;
            free(p);
        } else if (nnames < (int)(sizeof names / sizeof names[0])) {
            names[nnames++] = p;
        } else {
            free(p);
        }
    }
    closedir(d);
    for (int i = 0; i < nnames; i++) {
        if (!journal_bytes && unlink(names[i]) == 0)
            removed = 1;
        free(names[i]);
    }
    store_rollback(s); /* nothing was written: ends the read lock */
    if (removed)
        (void)store_fsync_dir(s->dir, NULL); /* durable at the next fsync anyway */
    return AS_OK;
}

/* A journal that is not empty once store_open's quick checks have rolled
 * back any hot one is cold: left by a crash before its header was synced,
 * never played back and never removed by SQLite, and holding old pages
 * (a ballots page without its newest ballot, a voted page without its
 * newest flag).  One ordinary write transaction on both files makes
 * SQLite rewrite each journal from its start and truncate it at the
 * commit, which the zeroing VFS (store_vfs.c) precedes with zeros over
 * the whole old length. */
as_status store_scrub_cold_journals(sqlstore *s, as_err *err)
{
    static const char *const names[] = {"meeting.db-journal", "ballots.db-journal"};
    int cold = 0;
    as_status st;

    for (int i = 0; i < 2; i++) {
        char *p = store_join(s->dir, names[i]);
        struct stat sb;
        if (!p)
            return store_errf(err, AS_ENOMEM, "%s: out of memory", s->dir);
        cold |= lstat(p, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0;
        free(p);
    }
    if (!cold)
        return AS_OK;
    if ((st = store_exec(s, "BEGIN IMMEDIATE", s->meeting_path, err)) != AS_OK)
        return st;
    /* A real change (SQLite skips writing a page whose bytes would not
     * change): a count of scrubs, which says nothing about anyone. */
    if ((st = store_exec(s, "INSERT INTO main.meta(key, value) VALUES"
                         " ('journal_scrubs', 1) ON CONFLICT(key) DO UPDATE"
                         " SET value = value + 1; INSERT INTO ballots.meta(key,"
                         " value) VALUES ('journal_scrubs', 1) ON CONFLICT(key)"
                         " DO UPDATE SET value = value + 1", s->dir,
                         err)) != AS_OK ||
        (st = store_exec(s, "COMMIT", s->dir, err)) != AS_OK) {
        store_rollback(s);
        return st;
    }
    return AS_OK;
}
