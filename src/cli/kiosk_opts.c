/* kiosk_opts.c: the options `asamblea kiosk` and `asamblea demo` share,
 * on the one option parser (opts.h), and the call into the app. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kiosk_opts.h"
#include "opts.h"
#include "whole.h"
#ifdef AS_WITH_GUI
#include "app_start.h"
_Static_assert(KIOSK_EXIT_SHUTDOWN == APP_EXIT_SHUTDOWN,
               "kiosk_opts.h and app.h disagree on the Shut down status");
#endif

enum {
    K_MEETING = OPTS_LONG, K_DATA, K_REPLAY, K_SHOTS, K_EXPORT, K_CAMERA, K_MODE,
    K_ROTATE, K_WINDOW, K_DPI, K_TOKENS, K_VOLATILE, K_ROOM_DISPLAY, K_ROOM_WINDOW,
    K_LIST_DISPLAYS, K_HUB
};

/* The room display's options, in both commands' help. */
static const char room_help[] =
    "  --room-display N  the room display (projector, TV) full screen on "
    "display N, counted from 1 as people count (1 is the first display, "
    "where the kiosk is); see --list-displays\n"
    "  --room-window WxH  the room display in a plain window of that size "
    "instead (a desktop, tests)\n"
    "  --list-displays   print each display's number, name and size, and "
    "exit\n";

static void usage(FILE *f, int is_demo)
{
    if (is_demo)
        fputs("usage: asamblea demo [--tokens] [--data DIR] [--window WxH] "
              "[--dpi N] [--rotate 0|90|180|270] [--room-display N | "
              "--room-window WxH] [--list-displays] "
              "[--replay SCRIPT --shots DIR]\n", f);
    else
        fputs("usage: asamblea kiosk --meeting MEETING.yaml --data DIR "
              "[--mode vote|desk] [--window WxH] [--dpi N] [--rotate 0|90|180|270] "
              "[--export-dir DIR] [--camera /dev/videoN] [--volatile-data-ok] "
              "[--room-display N | --room-window WxH] [--list-displays] "
              "[--hub FILE] [--replay SCRIPT --shots DIR]\n"
              "  --mode vote   a voting kiosk (the default)\n"
              "  --hub FILE    one of several kiosks of a meeting: FILE holds "
              "the hub's address and this kiosk's login, as `asamblea hub "
              "add-kiosk` wrote it (docs/several-kiosks.md)\n"
              "  --mode desk   the check-in desk: badges check people in and "
              "out; no votes\n"
              "  --rotate N    turn the picture N degrees clockwise for a panel "
              "mounted turned (--window is the panel's size)\n"
              "  --volatile-data-ok  for demonstrations and tests only: allow a "
              "--data folder in RAM (tmpfs, ramfs), which loses every vote at "
              "power-off (--replay implies it)\n"
              "Exit status: 0 stopped (SIGTERM, SIGINT, window closed, replay "
              "done), 10 the facilitator's Shut down, 1 a replay expectation "
              "failed, 2 cannot start, 3 the hub (--hub) cannot be reached "
              "yet\n", f);
    fputs(room_help, f);
}

static void kiosk_usage(FILE *f, int help)
{
    (void)help;
    usage(f, 0);
}

static void demo_usage(FILE *f, int help)
{
    (void)help;
    usage(f, 1);
}

typedef struct {
    kiosk_opts *o;
    const char *cmd;
} parse_ctx;

/* on_value: the options whose value needs checking. */
static int on_value(void *ud, int key, const char *v)
{
    parse_ctx *c = ud;
    app_config *ac = &c->o->ac;
    char x;

    if (key == OPTS_ARG) {
        fprintf(stderr, "%s: unexpected argument '%s'; see %s --help\n", c->cmd, v,
                c->cmd);
        return 2;
    } else if (key == K_MODE) {
        if (strcmp(v, "desk") && strcmp(v, "vote")) {
            fprintf(stderr, "%s: --mode takes vote (a voting kiosk) or desk (the "
                    "check-in desk): %s\n", c->cmd, v);
            return 2;
        }
        ac->desk = !strcmp(v, "desk");
    } else if (key == K_ROTATE) {
        if (!whole_parse_int(v, 0, 270, &ac->pc.rotate) || ac->pc.rotate % 90) {
            fprintf(stderr, "%s: --rotate takes 0, 90, 180 or 270 (degrees "
                    "clockwise), not \"%s\"\n", c->cmd, v);
            return 2;
        }
    } else if (key == K_WINDOW || key == K_ROOM_WINDOW) {
        int *w = key == K_WINDOW ? &ac->pc.width : &ac->pc.room_width;
        int *h = key == K_WINDOW ? &ac->pc.height : &ac->pc.room_height;
        if (sscanf(v, "%d%c%d", w, &x, h) != 3 || (x != 'x' && x != 'X') ||
            *w < 320 || *h < 240 || *w > 16384 || *h > 16384) {
            fprintf(stderr, "%s: --%s takes WIDTHxHEIGHT, e.g. %s (at least "
                    "320x240): %s\n", c->cmd, key == K_WINDOW ? "window" : "room-window",
                    key == K_WINDOW ? "1280x800" : "1920x1080", v);
            return 2;
        }
    } else if (key == K_ROOM_DISPLAY) {
        if (!whole_parse_int(v, 1, PLATFORM_MAX_DISPLAYS, &ac->pc.room_display)) {
            fprintf(stderr, "%s: --room-display takes a display's number, 1 to %d "
                    "(1 is the first display; asamblea kiosk --list-displays "
                    "shows them): \"%s\"\n", c->cmd, PLATFORM_MAX_DISPLAYS, v);
            return 2;
        }
    } else { /* K_DPI */
        char *end;
        ac->pc.dpi = strtod(v, &end);
        if (*end || !(ac->pc.dpi >= 50 && ac->pc.dpi <= 1000)) {
            fprintf(stderr, "%s: --dpi takes a number from 50 to 1000: %s\n", c->cmd, v);
            return 2;
        }
    }
    return 0;
}

int kiosk_parse_opts(int argc, char **argv, int is_demo, kiosk_opts *o)
{
    app_config *ac = &o->ac;
    const char *cmd = is_demo ? "asamblea demo" : "asamblea kiosk";
    const opts_def all[] = {
        {"meeting", K_MEETING, OPTS_VALUE, &o->meeting_path, NULL, 0},
        {"mode", K_MODE, OPTS_VALUE, NULL, NULL, 0},
        {"tokens", K_TOKENS, OPTS_FLAG, NULL, &o->tokens, 0},
        {"data", K_DATA, OPTS_VALUE, &ac->data_dir, NULL, 0},
        {"replay", K_REPLAY, OPTS_VALUE, &ac->replay_path, NULL, 0},
        {"shots", K_SHOTS, OPTS_VALUE, &ac->shots_dir, NULL, 0},
        {"export-dir", K_EXPORT, OPTS_VALUE, &ac->export_dir, NULL, 0},
        {"camera", K_CAMERA, OPTS_VALUE, &ac->camera, NULL, 0},
        {"rotate", K_ROTATE, OPTS_VALUE, NULL, NULL, 0},
        {"window", K_WINDOW, OPTS_VALUE, NULL, NULL, 0},
        {"dpi", K_DPI, OPTS_VALUE, NULL, NULL, 0},
        {"volatile-data-ok", K_VOLATILE, OPTS_FLAG, NULL, &o->volatile_ok, 0},
        {"room-display", K_ROOM_DISPLAY, OPTS_VALUE, NULL, NULL, 0},
        {"room-window", K_ROOM_WINDOW, OPTS_VALUE, NULL, NULL, 0},
        {"list-displays", K_LIST_DISPLAYS, OPTS_FLAG, NULL, &o->list_displays, 0},
        {"hub", K_HUB, OPTS_VALUE, &ac->hub_file, NULL, 0},
        {0}};
    /* kiosk: all but --tokens; demo: all but --meeting and --mode */
    opts_def defs[sizeof all / sizeof all[0]];
    size_t n = 0;
    parse_ctx c = {o, cmd};
    opts_spec spec = {cmd, defs, is_demo ? demo_usage : kiosk_usage, on_value, &c};
    int rc;

    memset(o, 0, sizeof *o);
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (is_demo ? all[i].key != K_MEETING && all[i].key != K_MODE &&
                          all[i].key != K_HUB
                    : all[i].key != K_TOKENS)
            defs[n++] = all[i];
    if ((rc = opts_parse(&spec, argc, argv)) != 0)
        return rc;
    if (ac->pc.room_display && ac->pc.room_width) {
        fprintf(stderr, "%s: --room-display and --room-window are two ways to "
                "show the room display; give one\n", cmd);
        return 2;
    }
    if (o->list_displays)
        return 0; /* nothing else is needed to list them */
    if (!is_demo && (!o->meeting_path || !ac->data_dir)) {
        fprintf(stderr, "%s: --meeting and --data are required\n", cmd);
        usage(stderr, is_demo);
        return 2;
    }
    if (ac->shots_dir && !ac->replay_path) {
        fprintf(stderr, "%s: --shots goes with --replay\n", cmd);
        return 2;
    }
    /* A demo's data is throwaway by design (a fresh /tmp folder unless
     * --data), and a replay is scripted input, never a meeting: neither
     * holds votes worth keeping.  The appliance's unit passes neither. */
    if (is_demo || ac->replay_path)
        o->volatile_ok = 1;
    ac->demo = is_demo;
    return 0;
}

int kiosk_list_displays(void)
{
#ifdef AS_WITH_GUI
    return app_list_displays();
#else
    fputs("asamblea: this build has no screen (built with -DASAMBLEA_GUI=OFF); "
          "rebuild with the default options\n", stderr);
    return 2;
#endif
}

int kiosk_run(const meeting *m, const char *bytes, size_t len, kiosk_opts *o)
{
    o->ac.meeting_bytes = bytes;
    o->ac.meeting_len = len;
#ifdef AS_WITH_GUI
    return app_start(m, &o->ac, o->volatile_ok);
#else
    (void)m;
    fputs("asamblea: this build has no kiosk screen (built with "
          "-DASAMBLEA_GUI=OFF); rebuild with the default options\n", stderr);
    return 2;
#endif
}
