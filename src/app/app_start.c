/* app_start.c: the kiosk's start-up sequence (app_start.h), moved here
 * from the command line: it is the app's, and a room display or a test
 * starts the kiosk the same way. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sodium.h>
#include "app_start.h"
#include "ballot.h"
#include "export.h"
#include "file_write.h"
#include "hub.h"
#include "hub_store.h"
#include "record.h"
#include "store_sqlite.h"
#include "ui_fault.h"

/* statfs f_type values (linux/magic.h), spelled out so the check does not
 * depend on kernel headers. */
#define AS_TMPFS_MAGIC 0x01021994UL
#define AS_RAMFS_MAGIC 0x858458f6UL

/* parent: replaces path by the folder it is in ("a/b" -> "a", "a" -> ".",
 * "/a" -> "/"); 0 when there is none ("/", "."). */
static int parent(char *path)
{
    size_t n = strlen(path);
    char *slash;

    while (n > 1 && path[n - 1] == '/')
        path[--n] = '\0';
    if (!strcmp(path, "/") || !strcmp(path, "."))
        return 0;
    slash = strrchr(path, '/');
    if (!slash)
        strcpy(path, ".");
    else if (slash == path)
        path[1] = '\0';
    else
        *slash = '\0';
    return 1;
}

int app_data_volatile(const char *dir, const char **fs)
{
    char path[4096];
    struct statfs sf;
    size_t n = strlen(dir);
    unsigned long type;

    *fs = NULL;
    if (n == 0 || n >= sizeof path)
        return 0;
    memcpy(path, dir, n + 1);
    /* A folder the store will make: ask about the nearest one above it
     * that exists, which is where its files would land. */
    while (statfs(path, &sf) != 0)
        if ((errno != ENOENT && errno != ENOTDIR) || !parent(path))
            return 0;
    /* f_type is an int on 32-bit systems: compare the low 32 bits. */
    type = (unsigned long)sf.f_type & 0xffffffffUL;
    if (type == AS_TMPFS_MAGIC)
        *fs = "tmpfs";
    else if (type == AS_RAMFS_MAGIC)
        *fs = "ramfs";
    return *fs != NULL;
}

/* open_hub: --hub FILE: the kiosk's store on the meeting's hub.  FILE
 * holds the conninfo `asamblea hub add-kiosk` or --join wrote (with the
 * kiosk's password: it must not be readable by others), its CA file
 * beside it (hub_login_load). */
static as_status open_hub(const meeting *m, const app_config *cfg, store **st,
                          as_err *err)
{
    char *ci = NULL;
    uint8_t pk[32], sk[64];
    as_status s;

    if ((s = hub_login_load(cfg->hub_file, &ci, err)) != AS_OK)
        return s;
    /* The data folder first: the signing key lives there. */
    if (mkdir(cfg->data_dir, 0700) != 0 && errno != EEXIST)
        s = as_err_set(err, as_status_from_errno(errno), "%s: cannot make the "
                       "data folder: %s", cfg->data_dir, strerror(errno));
    if (s == AS_OK && (s = export_device_key(cfg->data_dir, pk, sk, err)) == AS_OK)
        s = hub_store_open(cfg->data_dir, ci, m->sha256, pk, sk, st, err);
    sodium_memzero(sk, sizeof sk);
    sodium_memzero(ci, strlen(ci));
    free(ci);
    return s;
}

/* open_store: the store, or after one line on stderr the fault screen's
 * status (*ran = 1) or 2. */
static int open_store(const meeting *m, const app_config *cfg, store **st, int *ran)
{
    as_err err;
    as_status ost = cfg->hub_file ? open_hub(m, cfg, st, &err)
                                  : store_open(cfg->data_dir, m->sha256, st, &err);

    *ran = 0;
    if (ost == AS_OK)
        return 0;
    /* SQLite's integrity reports span lines; the log gets one. */
    for (char *c = err.msg; *c; c++)
        if (*c == '\n' || *c == '\r' || *c == '\t')
            *c = ' ';
    fprintf(stderr, "%s\n", err.msg);
    /* A kiosk that starts before the hub (the station boots slower, or
     * is being restarted) is not misconfigured: status 3, which systemd
     * restarts (asamblea.service), unlike 2. */
    if (cfg->hub_file && ost == AS_EIO)
        return APP_EXIT_NO_HUB;
    /* Under systemd an exit would be a restart loop with a blank screen;
     * the fault screen tells the room instead.  The files stay as they
     * are: nothing opens them. */
    if (!ui_fault_is_fault(ost))
        return 2;
    app_config fc = *cfg;
    ui_fault_info fi = {ost, err.msg, cfg->data_dir};
    fc.meeting_bytes = NULL;
    fc.meeting_len = 0;
    fc.key_fingerprint = NULL;
    *ran = 1;
    return app_run_fault(&fi, &fc);
}

/* open_demo: the demo starts with every proposal open, one of each
 * voting method, so a visitor can try them all at once; only in a fresh
 * data folder (a proposal a facilitator already opened or closed there is
 * left as it is). */
static as_status open_demo(const meeting *m, store *st, as_err *err)
{
    for (int i = 0; i < m->nprops; i++) {
        prop_state ps;
        as_status s = store_proposal_state(st, m->props[i].id, &ps, err);
        if (s == AS_OK && ps == PROP_DRAFT)
            s = store_open_proposal(st, m->props[i].id,
                                    (int)ballot_text_max(&m->props[i]), err);
        if (s != AS_OK)
            return s;
    }
    return AS_OK;
}

/* prepare: what follows a successful open, before the first screen. */
static as_status prepare(const meeting *m, store *st, const app_config *cfg,
                         char fingerprint[RECORD_FPR_SIZE], as_err *err)
{
    uint8_t pk[32], sk[64];
    as_status s;

    /* One voting kiosk per folder; desks share it (src/store/store_lock.c). */
    if (!cfg->desk && (s = store_lock_voting(hub_store_local(st) ? hub_store_local(st)
                                                                  : st, err)) != AS_OK)
        return s;
    /* "started" goes into the aggregate event log. */
    if ((s = store_event_started(st, err)) != AS_OK)
        return s;
    /* The signing key is made on first start so its fingerprint can be
     * shown (and written down by the room) before the first export. */
    if ((s = export_device_key(cfg->data_dir, pk, sk, err)) != AS_OK)
        return s;
    record_fingerprint(pk, fingerprint);
    sodium_memzero(sk, sizeof sk);
    if ((s = export_save_meeting_copy(cfg->data_dir, cfg->meeting_bytes,
                                      cfg->meeting_len, roster_count(m->roster),
                                      err)) != AS_OK)
        return s;
    return cfg->demo ? open_demo(m, st, err) : AS_OK;
}

int app_list_displays(void)
{
    platform_displays_info di;
    as_err err;

    if (platform_displays(&di, &err) != AS_OK) {
        fprintf(stderr, "asamblea: %s\n", err.msg);
        return 2;
    }
    for (int i = 0; i < di.n; i++)
        printf("%d  %s  %dx%d%s\n", i + 1, di.d[i].name[0] ? di.d[i].name : "(no name)",
               di.d[i].w, di.d[i].h, i == 0 ? "  (the kiosk's)" : "");
    printf("%d display%s seen by SDL's %s driver; the room display is "
           "--room-display N\n", di.n, di.n == 1 ? "" : "s", di.driver);
    return 0;
}

/* room_display_missing: 1 after one line on stderr when --room-display
 * names a display SDL does not see (checked before the data folder is
 * opened, so nothing starts). */
static int room_display_missing(const platform_config *pc)
{
    as_err err;
    if (platform_room_check(pc, &err) == AS_OK)
        return 0;
    fprintf(stderr, "asamblea: %s\n", err.msg);
    return 1;
}

int app_start(const meeting *m, app_config *cfg, int volatile_ok)
{
    char fingerprint[RECORD_FPR_SIZE];
    store *st = NULL;
    as_err err;
    const char *fs;
    int rc, ran;

    if (room_display_missing(&cfg->pc))
        return 2;
    if (!volatile_ok && app_data_volatile(cfg->data_dir, &fs)) {
        /* Under systemd this line is what the "kiosk stopped" screen
         * shows: say what is wrong and what to do. */
        fprintf(stderr, "%s: the data folder is on %s, a file system in RAM: "
                "every vote would be lost at the next power cut or restart; "
                "give --data a folder on a disk (on the appliance, "
                "/var/lib/asamblea/data on the card's data partition); "
                "--volatile-data-ok allows it for demonstrations and tests "
                "only\n", cfg->data_dir, fs);
        return 2;
    }
    if (cfg->shots_dir && file_mkdirs(cfg->shots_dir) != 0) {
        fprintf(stderr, "%s: cannot create the screenshot folder (%s)\n",
                cfg->shots_dir, strerror(errno));
        return 2;
    }
    cfg->pc.fullscreen = cfg->pc.width == 0;
    if ((rc = open_store(m, cfg, &st, &ran)) != 0 || ran)
        return rc;
    if (prepare(m, st, cfg, fingerprint, &err) != AS_OK) {
        fprintf(stderr, "%s\n", err.msg);
        store_free(st);
        return 2;
    }
    cfg->key_fingerprint = fingerprint;
    rc = app_run(m, st, cfg);
    cfg->key_fingerprint = NULL;
    store_free(st);
    return rc;
}
