/* kiosk_opts.h: the options `asamblea kiosk` and `asamblea demo` share
 * (display, data folder, replay), parsed into the app's own configuration;
 * the start-up itself is app_start (include/app_start.h). */
#ifndef AS_KIOSK_OPTS_H
#define AS_KIOSK_OPTS_H

#include "app.h"
#include "meeting.h"

typedef struct {
    const char *meeting_path; /* kiosk --meeting */
    int tokens;               /* demo --tokens */
    int volatile_ok;          /* --volatile-data-ok (and demo, --replay): a
                               * data folder in RAM (tmpfs, ramfs) is allowed */
    int list_displays;        /* --list-displays: print them and exit */
    const char *join_code;    /* kiosk --join CODE: pair with a hub first */
    char hub_path[4096];      /* DATA/hub.conninfo when the kiosk joined a
                               * hub (ac.hub_file then points here) */
    app_config ac;            /* everything else: the kiosk's configuration */
} kiosk_opts;

/* The exit status of a kiosk the facilitator shut down (app.h's
 * APP_EXIT_SHUTDOWN; here too for builds without the screen). */
#define KIOSK_EXIT_SHUTDOWN 10

/* kiosk_parse_opts: parses argv[1..] into o (zeroed first).  Options a
 * command does not take are refused (demo has no --meeting or --mode,
 * kiosk no --tokens).  Returns 0, OPTS_HELP after the help on stdout, or
 * 2 after one line on stderr. */
int kiosk_parse_opts(int argc, char **argv, int is_demo, kiosk_opts *o);

/* kiosk_list_displays: --list-displays: each display SDL sees, one a line
 * on stdout (app_list_displays); 0, or 2 after one line on stderr. */
int kiosk_list_displays(void);

/* kiosk_run: app_start for meeting m, whose file is bytes/len; in a build
 * without the screen, one line on stderr and 2.  A kiosk (not the demo)
 * first joins the hub of --join (hub_pair_join: 2 after one line on
 * stderr when it cannot), and without --hub runs on the hub its data
 * folder has joined, if any (DATA/hub.conninfo). */
int kiosk_run(const meeting *m, const char *bytes, size_t len, kiosk_opts *o);

#endif
