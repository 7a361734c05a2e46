/* store_schema.c: the tables, and the check that a data directory is
 * ours, of a known version, and bound to this meeting file.
 *
 * Every table is WITHOUT ROWID: a rowid table numbers rows in insertion
 * order, which would let anyone line up the n-th check-in or voted flag
 * with the n-th ballot.  Rows here are ordered by their keys only (keyed
 * hashes and random ballot ids), which carry no order of arrival.  The
 * one exception is the aggregate event log (store_events.c), whose order
 * is its content and which holds nothing about any one voter. */
#include <string.h>
#include <sodium.h>
#include "store_priv.h"

/* Every per-badge and per-ballot row is made before anyone uses it and
 * then changed in place (store_slots.c): checkins has a row for each
 * badge of the roster and each card, with 0/1 flags; voted has a row for
 * each badge and open proposal; ballots holds empty slots of a fixed
 * width per proposal, and a cast fills a random one.  A change of a 0/1
 * flag, or of a slot's bytes with the same length, rewrites the cell
 * where it is, so no page's bytes follow the order of arrival. */
static const char schema_sql[] =
    "CREATE TABLE main.meta(key TEXT PRIMARY KEY NOT NULL,"
    " value ANY NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE main.proposals(id TEXT PRIMARY KEY NOT NULL,"
    " state INTEGER NOT NULL CHECK (state IN (0, 1, 2)),"
    " slot_width INTEGER NOT NULL CHECK (slot_width BETWEEN 1 AND 1536))"
    " WITHOUT ROWID;"
    "CREATE TABLE main.checkins(badge BLOB PRIMARY KEY NOT NULL"
    " CHECK (length(badge) = 32),"
    " attended INTEGER NOT NULL CHECK (attended IN (0, 1)),"
    " present INTEGER NOT NULL CHECK (present IN (0, 1)),"
    " by_facilitator INTEGER NOT NULL CHECK (by_facilitator IN (0, 1)))"
    " WITHOUT ROWID;"
    "CREATE TABLE main.voted(proposal TEXT NOT NULL,"
    " badge BLOB NOT NULL CHECK (length(badge) = 32),"
    " voted INTEGER NOT NULL CHECK (voted IN (0, 1)),"
    " PRIMARY KEY (proposal, badge)) WITHOUT ROWID;"
    "CREATE TABLE ballots.meta(key TEXT PRIMARY KEY NOT NULL,"
    " value ANY NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE ballots.ballots(id BLOB PRIMARY KEY NOT NULL"
    " CHECK (length(id) = 16), proposal TEXT NOT NULL,"
    " filled INTEGER NOT NULL CHECK (filled IN (0, 1)),"
    " slot BLOB NOT NULL CHECK (length(slot) BETWEEN 1 AND 1536))"
    " WITHOUT ROWID;"
    "CREATE INDEX ballots.ballots_by_proposal ON ballots(proposal, id);";

static as_status put_meta(sqlstore *s, const char *schema, const char *key,
                          const void *blob, int len, int64_t num, as_err *err)
{
    char sql[96];
    sqlite3_stmt *q = NULL;
    const char *path = strcmp(schema, "main") ? s->ballots_path : s->meeting_path;
    as_status st;
    int rc;

    snprintf(sql, sizeof sql, "INSERT INTO %s.meta(key, value) VALUES (?1, ?2)",
             schema);
    if ((st = store_prepare(s, sql, &q, path, err)) != AS_OK)
        return st;
    sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
    if (blob)
        sqlite3_bind_blob(q, 2, blob, len, SQLITE_TRANSIENT);
    else
        sqlite3_bind_int64(q, 2, num);
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return store_sql_error(s, rc, path, "creating the tables", err);
    return AS_OK;
}

as_status store_create_schema(sqlstore *s, const uint8_t meeting_sha256[32],
                              as_err *err)
{
    static const char *const schemas[] = {"main", "ballots"};
    uint8_t data_id[16];
    as_status st;

    /* data_id, written into both files, ties this ballots.db to this
     * meeting.db: a ballots.db copied in from elsewhere is caught. */
    randombytes_buf(data_id, sizeof data_id);
    if ((st = store_exec(s, "BEGIN IMMEDIATE", s->meeting_path, err)) != AS_OK)
        return st;
    if ((st = store_exec(s, schema_sql, s->meeting_path, err)) != AS_OK ||
        (st = store_events_create(s, meeting_sha256, err)) != AS_OK)
        goto fail;
    for (int i = 0; i < 2; i++) {
        if ((st = put_meta(s, schemas[i], "schema_version", NULL, 0,
                           STORE_SCHEMA_VERSION, err)) != AS_OK ||
            (st = put_meta(s, schemas[i], "meeting_sha256", meeting_sha256, 32,
                           0, err)) != AS_OK ||
            (st = put_meta(s, schemas[i], "data_id", data_id, sizeof data_id,
                           0, err)) != AS_OK)
            goto fail;
    }
    if ((st = store_exec(s, "COMMIT", s->meeting_path, err)) != AS_OK)
        goto fail;
    /* The database files themselves are new directory entries. */
    return store_fsync_dir(s->dir, err);
fail:
    store_rollback(s);
    return st;
}

/* How many of the named tables exist in schema, and how many tables in
 * all. */
static as_status count_tables(sqlstore *s, const char *schema, const char *path,
                              const char *names, int *ours, int *all,
                              as_err *err)
{
    char sql[256];
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc;

    snprintf(sql, sizeof sql,
             "SELECT count(*), coalesce(sum(name IN (%s)), 0) FROM %s.sqlite_schema"
             " WHERE type = 'table'", names, schema);
    if ((st = store_prepare(s, sql, &q, path, err)) != AS_OK)
        return st;
    rc = sqlite3_step(q);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(q);
        return store_sql_error(s, rc, path, "reading the tables", err);
    }
    *all = sqlite3_column_int(q, 0);
    *ours = sqlite3_column_int(q, 1);
    sqlite3_finalize(q);
    return AS_OK;
}

typedef struct {
    int64_t version;
    uint8_t sha[32];
    uint8_t data_id[16];
    int have_version, have_sha, have_id;
} meta_vals;

static as_status read_meta(sqlstore *s, const char *schema, const char *path,
                           meta_vals *m, as_err *err)
{
    char sql[96];
    sqlite3_stmt *q = NULL;
    as_status st;
    int rc;

    memset(m, 0, sizeof *m);
    snprintf(sql, sizeof sql, "SELECT key, value FROM %s.meta", schema);
    if ((st = store_prepare(s, sql, &q, path, err)) != AS_OK)
        return st;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *k = (const char *)sqlite3_column_text(q, 0);
        const void *v = sqlite3_column_blob(q, 1);
        int n = sqlite3_column_bytes(q, 1);
        if (!k)
            continue;
        if (!strcmp(k, "schema_version") &&
            sqlite3_column_type(q, 1) == SQLITE_INTEGER) {
            m->version = sqlite3_column_int64(q, 1);
            m->have_version = 1;
        } else if (!strcmp(k, "meeting_sha256") && v && n == 32) {
            memcpy(m->sha, v, 32);
            m->have_sha = 1;
        } else if (!strcmp(k, "data_id") && v && n == 16) {
            memcpy(m->data_id, v, 16);
            m->have_id = 1;
        }
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return store_sql_error(s, rc, path, "reading the tables", err);
    if (!m->have_version || !m->have_sha || !m->have_id)
        return store_errf(err, AS_ECORRUPT,
                          "%s: the database is damaged (its meta table is "
                          "incomplete); keep this file for inspection and "
                          "start with a new --data directory", path);
    return AS_OK;
}

as_status store_check_schema(sqlstore *s, const uint8_t meeting_sha256[32],
                             as_err *err)
{
    meta_vals mm, mb;
    int ours = 0, all = 0;
    as_status st;

    if ((st = count_tables(s, "main", s->meeting_path,
                           "'meta','proposals','checkins','voted'", &ours,
                           &all, err)) != AS_OK)
        return st;
    if (ours == 0)
        return store_errf(err, AS_EMISMATCH,
                          "%s: this database was not made by asamblea; "
                          "choose a new --data directory", s->meeting_path);
    if (ours != 4)
        return store_errf(err, AS_ECORRUPT,
                          "%s: the database is damaged (tables are missing); "
                          "keep this file for inspection and start with a "
                          "new --data directory", s->meeting_path);
    if ((st = count_tables(s, "ballots", s->ballots_path, "'meta','ballots'",
                           &ours, &all, err)) != AS_OK)
        return st;
    if (ours != 2)
        return store_errf(err, AS_ECORRUPT,
                          "%s: the ballot file is damaged or not the one made "
                          "with meeting.db (tables are missing); keep this "
                          "directory for inspection and start with a new "
                          "--data directory", s->ballots_path);
    if ((st = read_meta(s, "main", s->meeting_path, &mm, err)) != AS_OK ||
        (st = read_meta(s, "ballots", s->ballots_path, &mb, err)) != AS_OK)
        return st;
    if (mm.version == 1 || mb.version == 1 || mm.version == 2 || mb.version == 2)
        return store_errf(err, AS_EMISMATCH,
                          "%s: made by an earlier asamblea (storage version "
                          "%lld); this program keeps rows in pre-made slots so "
                          "that no file records the order of voting (version "
                          "%d) and will not change those files: start with a "
                          "new --data directory, and export the old one with "
                          "the version that made it", s->meeting_path,
                          (long long)(mm.version < mb.version ? mm.version
                                                              : mb.version),
                          STORE_SCHEMA_VERSION);
    if (mm.version != STORE_SCHEMA_VERSION || mb.version != STORE_SCHEMA_VERSION)
        return store_errf(err, AS_EMISMATCH,
                          "%s: made by a different version of asamblea "
                          "(storage version %lld, this program reads %d); use "
                          "that version or a new --data directory", s->dir,
                          (long long)mm.version, STORE_SCHEMA_VERSION);
    if (sodium_memcmp(mm.data_id, mb.data_id, 16) != 0 ||
        sodium_memcmp(mm.sha, mb.sha, 32) != 0)
        return store_errf(err, AS_ECORRUPT,
                          "%s: this ballot file was not made together with "
                          "meeting.db in this directory; keep the directory "
                          "for inspection and start with a new --data "
                          "directory", s->ballots_path);
    if (sodium_memcmp(mm.sha, meeting_sha256, 32) != 0)
        return store_errf(err, AS_EMISMATCH,
                          "%s: this data directory belongs to another meeting "
                          "file (or the meeting file was edited after voting "
                          "began); use the meeting file that made it, or start "
                          "with a new --data directory", s->dir);
    return AS_OK;
}
