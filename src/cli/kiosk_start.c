/* kiosk_start.c: option parsing and start-up shared by `asamblea kiosk`
 * and `asamblea demo`.  Everything that can fail at start fails here,
 * with a message naming the file and what to do, before any screen. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/vfs.h>
#include "cli_util.h"
#include "kiosk_start.h"
#include "ballot.h"
#include "store_sqlite.h"
#include "export.h"
#include "record.h"
#include <sodium.h>
#ifdef AS_WITH_GUI
#include "app.h"
#include "ui_fault.h"
_Static_assert(KIOSK_EXIT_SHUTDOWN == APP_EXIT_SHUTDOWN,
               "kiosk_start.h and app.h disagree on the Shut down status");
#endif

/* statfs f_type values (linux/magic.h), spelled out so the check does not
 * depend on kernel headers. */
#define AS_TMPFS_MAGIC 0x01021994UL
#define AS_RAMFS_MAGIC 0x858458f6UL

/* rotation_ok: platform_rotation_ok without the platform (a build
 * without the GUI still parses the option the same way). */
static int rotation_ok(int deg)
{
    return deg == 0 || deg == 90 || deg == 180 || deg == 270;
}

static void usage(FILE *f, int is_demo)
{
    if (is_demo)
        fputs("usage: asamblea demo [--tokens] [--data DIR] [--window WxH] "
              "[--dpi N] [--rotate 0|90|180|270] [--replay SCRIPT --shots DIR]\n", f);
    else
        fputs("usage: asamblea kiosk --meeting MEETING.yaml --data DIR "
              "[--mode vote|desk] [--window WxH] [--dpi N] [--rotate 0|90|180|270] "
              "[--export-dir DIR] [--camera /dev/videoN] [--volatile-data-ok] "
              "[--replay SCRIPT --shots DIR]\n"
              "  --mode vote   a voting kiosk (the default)\n"
              "  --mode desk   the check-in desk: badges check people in and "
              "out; no votes\n"
              "  --rotate N    turn the picture N degrees clockwise for a panel "
              "mounted turned (--window is the panel's size)\n"
              "  --volatile-data-ok  for demonstrations and tests only: allow a "
              "--data folder in RAM (tmpfs, ramfs), which loses every vote at "
              "power-off (--replay implies it)\n"
              "Exit status: 0 stopped (SIGTERM, SIGINT, window closed, replay "
              "done), 10 the facilitator's Shut down, 1 a replay expectation "
              "failed, 2 cannot start\n", f);
}

static int bad(const char *what, const char *value, int is_demo)
{
    fprintf(stderr, "asamblea %s: %s%s%s\n", is_demo ? "demo" : "kiosk", what,
            value ? ": " : "", value ? value : "");
    usage(stderr, is_demo);
    return 2;
}

int kiosk_parse_opts(int argc, char **argv, int is_demo, kiosk_opts *o)
{
    memset(o, 0, sizeof *o);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout, is_demo);
            exit(0);
        } else if (is_demo && !strcmp(a, "--tokens")) {
            o->tokens = 1;
            continue;
        } else if (!strcmp(a, "--volatile-data-ok")) {
            o->volatile_ok = 1;
            continue;
        }
        if (!v)
            return bad("this option needs a value", a, is_demo);
        if (!is_demo && !strcmp(a, "--meeting"))
            o->meeting_path = v;
        else if (!strcmp(a, "--data"))
            o->data_dir = v;
        else if (!strcmp(a, "--replay"))
            o->replay = v;
        else if (!strcmp(a, "--shots"))
            o->shots = v;
        else if (!strcmp(a, "--export-dir"))
            o->export_dir = v;
        else if (!strcmp(a, "--camera"))
            o->camera = v;
        else if (!is_demo && !strcmp(a, "--mode")) {
            if (!strcmp(v, "desk"))
                o->desk = 1;
            else if (!strcmp(v, "vote"))
                o->desk = 0;
            else
                return bad("--mode takes vote (a voting kiosk) or desk (the "
                           "check-in desk)", v, is_demo);
        }
        else if (!strcmp(a, "--rotate")) {
            char *end;
            long deg = strtol(v, &end, 10);
            if (end == v || *end || !rotation_ok((int)deg) ||
                deg != (int)deg) {
                fprintf(stderr, "asamblea %s: --rotate takes 0, 90, 180 or 270 "
                        "(degrees clockwise), not \"%s\"\n",
                        is_demo ? "demo" : "kiosk", v);
                return 2;
            }
            o->rotate = (int)deg;
        } else if (!strcmp(a, "--window")) {
            char x;
            if (sscanf(v, "%d%c%d", &o->width, &x, &o->height) != 3 ||
                (x != 'x' && x != 'X') || o->width < 320 || o->height < 240 ||
                o->width > 16384 || o->height > 16384)
                return bad("--window takes WIDTHxHEIGHT, e.g. 1280x800 "
                           "(at least 320x240)", v, is_demo);
        } else if (!strcmp(a, "--dpi")) {
            char *end;
            o->dpi = strtod(v, &end);
            if (*end || !(o->dpi >= 50 && o->dpi <= 1000))
                return bad("--dpi takes a number from 50 to 1000", v, is_demo);
        } else {
            return bad("unknown option", a, is_demo);
        }
        i++;
    }
    if (!is_demo && (!o->meeting_path || !o->data_dir))
        return bad("--meeting and --data are required", NULL, is_demo);
    if (o->shots && !o->replay)
        return bad("--shots goes with --replay", NULL, is_demo);
    /* A demo's data is throwaway by design (a fresh /tmp folder unless
     * --data), and a replay is scripted input, never a meeting: neither
     * holds votes worth keeping.  The appliance's unit passes neither. */
    if (is_demo || o->replay)
        o->volatile_ok = 1;
    return 0;
}

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

int kiosk_data_volatile(const char *dir, const char **fs)
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

#ifdef AS_WITH_GUI
static void kiosk_app_config(const kiosk_opts *o, int is_demo, const char *bytes,
                             size_t len, const char *fingerprint, app_config *ac)
{
    memset(ac, 0, sizeof *ac);
    ac->pc.width = o->width;
    ac->pc.height = o->height;
    ac->pc.fullscreen = o->width == 0;
    ac->pc.dpi = o->dpi;
    ac->pc.rotate = o->rotate;
    ac->data_dir = o->data_dir;
    ac->meeting_bytes = bytes;
    ac->meeting_len = len;
    ac->export_dir = o->export_dir;
    ac->camera = o->camera;
    ac->replay_path = o->replay;
    ac->shots_dir = o->shots;
    ac->demo = is_demo;
    ac->desk = o->desk;
    ac->key_fingerprint = fingerprint;
}
#endif

int kiosk_start(const meeting *m, const char *bytes, size_t len,
                const kiosk_opts *o, int is_demo)
{
    store *st = NULL;
    as_err err;
    char fingerprint[RECORD_FPR_SIZE];
    int rc = 2;

    const char *fs;
    if (!o->volatile_ok && kiosk_data_volatile(o->data_dir, &fs)) {
        /* Under systemd this line is what the "kiosk stopped" screen
         * shows: say what is wrong and what to do. */
        fprintf(stderr, "%s: the data folder is on %s, a file system in RAM: "
                "every vote would be lost at the next power cut or restart; "
                "give --data a folder on a disk (on the appliance, "
                "/var/lib/asamblea/data on the card's data partition); "
                "--volatile-data-ok allows it for demonstrations and tests "
                "only\n", o->data_dir, fs);
        return 2;
    }
    if (o->shots && cli_mkdirs(o->shots) != 0) {
        fprintf(stderr, "%s: cannot create the screenshot folder (%s)\n",
                o->shots, strerror(errno));
        return 2;
    }
    as_status ost = store_open(o->data_dir, m->sha256, &st, &err);
    if (ost != AS_OK) {
        /* SQLite's integrity reports span lines; the log gets one. */
        for (char *c = err.msg; *c; c++)
            if (*c == '\n' || *c == '\r' || *c == '\t')
                *c = ' ';
        fprintf(stderr, "%s\n", err.msg);
#ifdef AS_WITH_GUI
        /* Under systemd an exit would be a restart loop with a blank
         * screen; the fault screen tells the room instead.  The files
         * stay as they are: nothing below opens them. */
        if (ui_fault_is_fault(ost)) {
            app_config ac;
            ui_fault_info fi = {ost, err.msg, o->data_dir};
            kiosk_app_config(o, is_demo, NULL, 0, NULL, &ac);
            return app_run_fault(&fi, &ac);
        }
#endif
        return 2;
    }
    /* One voting kiosk per folder; desks share it (src/store/store_lock.c). */
    if (!o->desk && store_lock_voting(st, &err) != AS_OK) {
        fprintf(stderr, "%s\n", err.msg);
        goto out;
    }
    /* "started" goes into the aggregate event log. */
    if (store_event_started(st, &err) != AS_OK) {
        fprintf(stderr, "%s\n", err.msg);
        goto out;
    }
    /* The signing key is made on first start so its fingerprint can be
     * shown (and written down by the room) before the first export. */
    {
        uint8_t pk[32], sk[64];
        if (export_device_key(o->data_dir, pk, sk, &err) != AS_OK) {
            fprintf(stderr, "%s\n", err.msg);
            goto out;
        }
        record_fingerprint(pk, fingerprint);
        sodium_memzero(sk, sizeof sk);
    }
    if (export_save_meeting_copy(o->data_dir, bytes, len,
                                 roster_count(m->roster), &err) != AS_OK) {
        fprintf(stderr, "%s\n", err.msg);
        goto out;
    }
    if (is_demo) {
        /* The demo starts with every proposal open, one of each voting
         * method, so a visitor can try them all at once; only in a fresh
         * data directory (a proposal a facilitator already opened or
         * closed there is left as it is). */
        for (int i = 0; i < m->nprops; i++) {
            prop_state ps;
            if (store_proposal_state(st, m->props[i].id, &ps, &err) != AS_OK ||
                (ps == PROP_DRAFT &&
                 store_open_proposal(st, m->props[i].id,
                                     (int)ballot_text_max(&m->props[i]),
                                     &err) != AS_OK)) {
                fprintf(stderr, "%s\n", err.msg);
                goto out;
            }
        }
    }
#ifdef AS_WITH_GUI
    {
        app_config ac;
        kiosk_app_config(o, is_demo, bytes, len, fingerprint, &ac);
        rc = app_run(m, st, &ac);
    }
#else
    fputs("asamblea: this build has no kiosk screen (built with "
          "-DASAMBLEA_GUI=OFF); rebuild with the default options\n", stderr);
#endif
out:
    store_free(st);
    return rc;
}
