/* store_vfs.c: a thin SQLite VFS over the default one that overwrites a
 * rollback journal with zeros, and syncs those zeros, before the journal
 * is truncated or deleted.
 *
 * Why: a journal holds the previous contents of every page a transaction
 * changed.  After a cast, that is the ballots page without the new ballot
 * and the voted page without the new flag: compared with the database,
 * they say which slot and which badge changed together, that is, how one
 * person voted.  SQLite truncates (journal_mode=TRUNCATE) or deletes
 * (DELETE, the mode in force while store_open rolls back a hot journal
 * before its pragmas are set) the journal after each commit, but the file
 * system may leave the freed blocks on the medium, where a raw read of
 * the card finds them.  Writing zeros first makes the file system
 * overwrite those very blocks in place (ext4 data=ordered overwrites
 * allocated blocks where they are); a flash card's own wear levelling may
 * still keep an old copy, which no file system controls
 * (docs/storage.md, "Threat model").
 *
 * The zeros are synced before the truncation: a truncate drops the
 * dirty pages beyond the new size from the page cache, so unsynced zeros
 * would never reach the disk.  This costs one extra write and sync per
 * journal per commit (bench_cast reports the figure).
 *
 * Only files SQLite opens as main journals are touched; the super-journal
 * (meeting.db-mj…) holds nothing but the journals' names.  The shim
 * offers version-1 I/O methods only: no shared memory (so WAL cannot be
 * used, which the store forbids anyway) and no memory mapping. */
#include <pthread.h>
#include <string.h>
#include "store_priv.h"

#define ZERO_CHUNK 65536

typedef struct {
    sqlite3_file base;
    sqlite3_file *real; /* the default VFS's file, allocated after this */
    int journal;        /* opened as SQLITE_OPEN_MAIN_JOURNAL */
} zj_file;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs zj_vfs;
static sqlite3_io_methods zj_io;
static pthread_once_t zj_once = PTHREAD_ONCE_INIT;
static volatile int zj_test_full; /* store_test_journal_full */
static int zj_registered_rc = SQLITE_ERROR;

static sqlite3_file *R(sqlite3_file *f)
{
    return ((zj_file *)f)->real;
}

/* Overwrites [from, its size) of the open file f with zeros and syncs
 * them.  SQLite's codes. */
static int zero_tail(sqlite3_file *f, sqlite3_int64 from)
{
    static const unsigned char zeros[ZERO_CHUNK];
    sqlite3_int64 size = 0;
    int rc = f->pMethods->xFileSize(f, &size);

    if (rc != SQLITE_OK || size <= from)
        return rc;
    for (sqlite3_int64 off = from; off < size; off += ZERO_CHUNK) {
        int n = size - off < ZERO_CHUNK ? (int)(size - off) : ZERO_CHUNK;
        if ((rc = f->pMethods->xWrite(f, zeros, n, off)) != SQLITE_OK)
            return rc;
    }
    return f->pMethods->xSync(f, SQLITE_SYNC_NORMAL);
}

static int zj_close(sqlite3_file *f)
{
    return R(f)->pMethods->xClose(R(f));
}

static int zj_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o)
{
    return R(f)->pMethods->xRead(R(f), b, n, o);
}

static int zj_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 o)
{
    if (zj_test_full && ((zj_file *)f)->journal)
        return SQLITE_FULL;
    return R(f)->pMethods->xWrite(R(f), b, n, o);
}

static int zj_truncate(sqlite3_file *f, sqlite3_int64 n)
{
    if (((zj_file *)f)->journal) {
        int rc = zero_tail(R(f), n);
        if (rc != SQLITE_OK)
            return rc;
    }
    return R(f)->pMethods->xTruncate(R(f), n);
}

static int zj_sync(sqlite3_file *f, int flags)
{
    return R(f)->pMethods->xSync(R(f), flags);
}

static int zj_size(sqlite3_file *f, sqlite3_int64 *n)
{
    return R(f)->pMethods->xFileSize(R(f), n);
}

static int zj_lock(sqlite3_file *f, int l)
{
    return R(f)->pMethods->xLock(R(f), l);
}

static int zj_unlock(sqlite3_file *f, int l)
{
    return R(f)->pMethods->xUnlock(R(f), l);
}

static int zj_reserved(sqlite3_file *f, int *out)
{
    return R(f)->pMethods->xCheckReservedLock(R(f), out);
}

static int zj_fcntl(sqlite3_file *f, int op, void *arg)
{
    return R(f)->pMethods->xFileControl(R(f), op, arg);
}

static int zj_sector(sqlite3_file *f)
{
    return R(f)->pMethods->xSectorSize(R(f));
}

static int zj_devchar(sqlite3_file *f)
{
    return R(f)->pMethods->xDeviceCharacteristics(R(f));
}

static int zj_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *f,
                   int flags, int *out_flags)
{
    zj_file *z = (zj_file *)f;
    int rc;

    (void)vfs;
    memset(z, 0, sizeof *z);
    z->real = (sqlite3_file *)(z + 1);
    z->journal = (flags & SQLITE_OPEN_MAIN_JOURNAL) != 0;
    rc = real_vfs->xOpen(real_vfs, name, z->real, flags, out_flags);
    /* pMethods stays NULL on failure, so SQLite never calls xClose. */
    if (rc == SQLITE_OK && z->real->pMethods)
        z->base.pMethods = &zj_io;
    return rc;
}

/* SQLite deletes a journal (journal_mode=DELETE, in force while a hot
 * journal is rolled back before store_open sets TRUNCATE): zero it
 * first, through the real VFS. */
static int zj_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
    size_t n = strlen(name);
    (void)vfs;
    if (n > 8 && !strcmp(name + n - 8, "-journal")) {
        sqlite3_file *f = sqlite3_malloc(real_vfs->szOsFile);
        int out = 0;
        if (!f)
            return SQLITE_NOMEM;
        memset(f, 0, (size_t)real_vfs->szOsFile);
        if (real_vfs->xOpen(real_vfs, name, f,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_MAIN_JOURNAL,
                            &out) == SQLITE_OK && f->pMethods) {
            int rc = zero_tail(f, 0);
            f->pMethods->xClose(f);
            if (rc != SQLITE_OK) {
                sqlite3_free(f);
                return rc;
            }
        }
        sqlite3_free(f);
    }
    return real_vfs->xDelete(real_vfs, name, sync_dir);
}

static int zj_access(sqlite3_vfs *v, const char *name, int flags, int *out)
{
    (void)v;
    return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int zj_fullpath(sqlite3_vfs *v, const char *name, int n, char *out)
{
    (void)v;
    return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static int zj_random(sqlite3_vfs *v, int n, char *out)
{
    (void)v;
    return real_vfs->xRandomness(real_vfs, n, out);
}

static int zj_sleep(sqlite3_vfs *v, int us)
{
    (void)v;
    return real_vfs->xSleep(real_vfs, us);
}

static int zj_time(sqlite3_vfs *v, double *out)
{
    (void)v;
    return real_vfs->xCurrentTime(real_vfs, out);
}

static int zj_lasterr(sqlite3_vfs *v, int n, char *out)
{
    (void)v;
    return real_vfs->xGetLastError ? real_vfs->xGetLastError(real_vfs, n, out) : 0;
}

static int zj_time64(sqlite3_vfs *v, sqlite3_int64 *out)
{
    (void)v;
    return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

static void zj_register(void)
{
    /* Whatever VFS is the default now (the unix one, or a test's
     * watching wrapper registered before the first store_open). */
    real_vfs = sqlite3_vfs_find(NULL);
    if (!real_vfs || real_vfs->iVersion < 2 || !real_vfs->xCurrentTimeInt64)
        return;
    zj_io.iVersion = 1;
    zj_io.xClose = zj_close;
    zj_io.xRead = zj_read;
    zj_io.xWrite = zj_write;
    zj_io.xTruncate = zj_truncate;
    zj_io.xSync = zj_sync;
    zj_io.xFileSize = zj_size;
    zj_io.xLock = zj_lock;
    zj_io.xUnlock = zj_unlock;
    zj_io.xCheckReservedLock = zj_reserved;
    zj_io.xFileControl = zj_fcntl;
    zj_io.xSectorSize = zj_sector;
    zj_io.xDeviceCharacteristics = zj_devchar;
    zj_vfs.iVersion = 2;
    zj_vfs.szOsFile = (int)sizeof(zj_file) + real_vfs->szOsFile;
    zj_vfs.mxPathname = real_vfs->mxPathname;
    zj_vfs.zName = STORE_VFS_NAME;
    zj_vfs.xOpen = zj_open;
    zj_vfs.xDelete = zj_delete;
    zj_vfs.xAccess = zj_access;
    zj_vfs.xFullPathname = zj_fullpath;
    zj_vfs.xRandomness = zj_random;
    zj_vfs.xSleep = zj_sleep;
    zj_vfs.xCurrentTime = zj_time;
    zj_vfs.xGetLastError = zj_lasterr;
    zj_vfs.xCurrentTimeInt64 = zj_time64;
    zj_registered_rc = sqlite3_vfs_register(&zj_vfs, 0);
}

as_status store_vfs_register(as_err *err)
{
    pthread_once(&zj_once, zj_register);
    if (zj_registered_rc != SQLITE_OK)
        return as_err_set(err, AS_EIO, "SQLite's file layer could not be set "
                          "up (the default VFS is missing or too old); "
                          "reinstall libsqlite3-0");
    return AS_OK;
}

void store_test_journal_full(int on)
{
    zj_test_full = on;
}
