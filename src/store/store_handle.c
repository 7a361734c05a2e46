/* store_handle.c: the SQLite store's object (sqlstore, whose first member
 * is the interface's store): made with its paths for store_open and
 * store_open_readonly, and freed (the key wiped, the voting lock
 * dropped with its descriptor). */
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

as_status store_new_handle(const char *dir, const uint8_t meeting_sha256[32],
                           store **out, sqlstore **s_out, as_err *err)
{
    sqlstore *s;

    if (err)
        err->msg[0] = '\0';
    *s_out = NULL;
    if (!out)
        return store_errf(err, AS_EINVAL, "store_open: no output pointer");
    *out = NULL;
    if (!dir || !dir[0] || !meeting_sha256)
        return store_errf(err, AS_EINVAL, "no --data directory given; "
                          "give --data a directory");
    if (sodium_init() < 0)
        return store_errf(err, AS_EIO, "%s: libsodium could not start; "
                          "check the system's random number source", dir);
    s = calloc(1, sizeof *s);
    if (!s)
        return store_errf(err, AS_ENOMEM, "%s: out of memory", dir);
    s->base.ops = &store_sqlite_ops;
    s->dir = strdup(dir);
    s->meeting_path = store_join(dir, "meeting.db");
    s->ballots_path = store_join(dir, "ballots.db");
    s->key_path = store_join(dir, "secret.key");
    if (!s->dir || !s->meeting_path || !s->ballots_path || !s->key_path) {
        sq_free(&s->base);
        return store_errf(err, AS_ENOMEM, "%s: out of memory", dir);
    }
    *s_out = s;
    return AS_OK;
}

void sq_free(store *b)
{
    sqlstore *s = sq_of(b);
    if (!s)
        return;
    if (s->db)
        sqlite3_close_v2(s->db);
    if (s->lock_fd > 0)
        close(s->lock_fd); /* drops the voting kiosk's lock */
    sodium_memzero(s->key, sizeof s->key);
    free(s->dir);
    free(s->meeting_path);
    free(s->ballots_path);
    free(s->key_path);
    free(s);
}

const uint8_t *sq_key(const store *b)
{
    return sq_cof(b)->key;
}
