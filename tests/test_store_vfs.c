/* test_store_vfs.c: watches the files SQLite touches, through a thin
 * wrapper around the default VFS, to verify what docs/storage.md claims:
 *   - store_cast commits through a super-journal (the two-file commit is
 *     atomic), which exists only during the commit;
 *   - no WAL file and no temporary file (which could hold a ballot or a
 *     badge hash outside the two databases) is ever opened;
 *   - journals and databases are synced on every commit.
 * It also prints the number of xSync calls per cast (not a timing). */
#include "test_store_util.h"
#include <sqlite3.h>
#include "check.h"

typedef struct {
    sqlite3_file base;
    sqlite3_file *real;
} shim_file;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs shim_vfs;
static sqlite3_io_methods shim_io;
static int n_super_open, n_super_delete, n_wal_open, n_temp_open, n_sync;

static sqlite3_file *R(sqlite3_file *f) { return ((shim_file *)f)->real; }

static int s_close(sqlite3_file *f)
{
    int rc = R(f)->pMethods->xClose(R(f));
    return rc;
}
static int s_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o)
{ return R(f)->pMethods->xRead(R(f), b, n, o); }
static int s_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 o)
{ return R(f)->pMethods->xWrite(R(f), b, n, o); }
static int s_truncate(sqlite3_file *f, sqlite3_int64 n)
{ return R(f)->pMethods->xTruncate(R(f), n); }
static int s_sync(sqlite3_file *f, int flags)
{ n_sync++; return R(f)->pMethods->xSync(R(f), flags); }
static int s_size(sqlite3_file *f, sqlite3_int64 *n)
{ return R(f)->pMethods->xFileSize(R(f), n); }
static int s_lock(sqlite3_file *f, int l) { return R(f)->pMethods->xLock(R(f), l); }
static int s_unlock(sqlite3_file *f, int l) { return R(f)->pMethods->xUnlock(R(f), l); }
static int s_reserved(sqlite3_file *f, int *o)
{ return R(f)->pMethods->xCheckReservedLock(R(f), o); }
static int s_fcntl(sqlite3_file *f, int op, void *a)
{ return R(f)->pMethods->xFileControl(R(f), op, a); }
static int s_sector(sqlite3_file *f) { return R(f)->pMethods->xSectorSize(R(f)); }
static int s_devchar(sqlite3_file *f)
{ return R(f)->pMethods->xDeviceCharacteristics(R(f)); }
static int s_shmmap(sqlite3_file *f, int i, int sz, int ext, void volatile **pp)
{ return R(f)->pMethods->xShmMap(R(f), i, sz, ext, pp); }
static int s_shmlock(sqlite3_file *f, int o, int n, int fl)
{ return R(f)->pMethods->xShmLock(R(f), o, n, fl); }
static void s_shmbarrier(sqlite3_file *f) { R(f)->pMethods->xShmBarrier(R(f)); }
static int s_shmunmap(sqlite3_file *f, int del)
{ return R(f)->pMethods->xShmUnmap(R(f), del); }
static int s_fetch(sqlite3_file *f, sqlite3_int64 o, int n, void **pp)
{ return R(f)->pMethods->xFetch(R(f), o, n, pp); }
static int s_unfetch(sqlite3_file *f, sqlite3_int64 o, void *p)
{ return R(f)->pMethods->xUnfetch(R(f), o, p); }

static int s_open(sqlite3_vfs *v, const char *name, sqlite3_file *f, int flags,
                  int *out)
{
    shim_file *sf = (shim_file *)f;
    int rc;
    (void)v;
    if (flags & SQLITE_OPEN_SUPER_JOURNAL)
        n_super_open++;
    if (flags & SQLITE_OPEN_WAL)
        n_wal_open++;
    if (flags & (SQLITE_OPEN_TEMP_DB | SQLITE_OPEN_TEMP_JOURNAL |
                 SQLITE_OPEN_TRANSIENT_DB | SQLITE_OPEN_SUBJOURNAL))
        n_temp_open++;
    sf->real = (sqlite3_file *)(sf + 1);
    rc = real_vfs->xOpen(real_vfs, name, sf->real, flags, out);
    sf->base.pMethods = sf->real->pMethods ? &shim_io : NULL;
    return rc;
}

static int s_delete(sqlite3_vfs *v, const char *name, int dirsync)
{
    (void)v;
    if (strstr(name, "-mj"))
        n_super_delete++;
    return real_vfs->xDelete(real_vfs, name, dirsync);
}

static void shim_install(void)
{
    real_vfs = sqlite3_vfs_find(NULL);
    shim_vfs = *real_vfs;
    shim_vfs.zName = "asamblea-test-shim";
    shim_vfs.szOsFile = (int)sizeof(shim_file) + real_vfs->szOsFile;
    shim_vfs.xOpen = s_open;
    shim_vfs.xDelete = s_delete;
    shim_io = (sqlite3_io_methods){
        3, s_close, s_read, s_write, s_truncate, s_sync, s_size, s_lock,
        s_unlock, s_reserved, s_fcntl, s_sector, s_devchar, s_shmmap,
        s_shmlock, s_shmbarrier, s_shmunmap, s_fetch, s_unfetch};
    CHECK_INT(sqlite3_vfs_register(&shim_vfs, 1), SQLITE_OK);
}

static void reset(void)
{
    n_super_open = n_super_delete = n_wal_open = n_temp_open = n_sync = 0;
}

int main(void)
{
    char *dir;
    store *s = NULL;
    as_err err = {{0}};
    uint8_t sha[32], b[TOKEN_HASH_SIZE];
    int64_t counts[3];

    if (sodium_init() < 0)
        return 1;
    shim_install();
    tu_sha("meeting A", sha);
    dir = tu_mkdtemp();

    reset();
    CHECK_INT(store_open(dir, sha, &s, &err), AS_OK);
    CHECK_INT(n_wal_open, 0);
    CHECK_INT(n_temp_open, 0);
    /* Creating the tables writes both files: one atomic commit. */
    CHECK(n_super_open >= 1);
    CHECK_INT(store_set_proposal_state(s, "p", PROP_OPEN, &err), AS_OK);

    for (int i = 0; i < 20; i++) {
        tu_badge(i, b);
        reset();
        CHECK_INT(store_checkin(s, b, NULL, &err), AS_OK);
        /* One file written: no super-journal needed, but synced. */
        CHECK_INT(n_super_open, 0);
        CHECK(n_sync >= 1);
        reset();
        CHECK_INT(store_cast(s, "p", b, i % 3, &err), AS_OK);
        CHECK_INT(n_super_open, 1);
        CHECK_INT(n_super_delete, 1);
        CHECK_INT(n_wal_open, 0);
        CHECK_INT(n_temp_open, 0);
        if (i == 0)
            printf("store_cast: %d xSync calls per cast (each is an fsync; "
                   "the super-journal delete adds a directory fsync)\n", n_sync);
        CHECK(n_sync >= 4);
    }
    reset();
    CHECK_INT(store_counts(s, "p", counts, 3, &err), AS_OK);
    CHECK_INT(store_integrity(s, &err), AS_OK);
    CHECK_INT(n_temp_open, 0);
    CHECK_INT(counts[0] + counts[1] + counts[2], 20);
    store_free(s);

    /* No super-journal is left behind. */
    {
        DIR *d = opendir(dir);
        struct dirent *e;
        int left = 0;
        while (d && (e = readdir(d)) != NULL)
            left += strstr(e->d_name, "-mj") != NULL;
        if (d)
            closedir(d);
        CHECK_INT(left, 0);
    }
    sqlite3_vfs_unregister(&shim_vfs);
    tu_rm_rf(dir);
    free(dir);
    return check_done();
}
