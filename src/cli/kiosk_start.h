/* kiosk_start.h: what `asamblea kiosk` and `asamblea demo` share: their
 * display and replay options and the start-up sequence. */
#ifndef AS_KIOSK_START_H
#define AS_KIOSK_START_H

#include <stddef.h>
#include "meeting.h"

typedef struct {
    const char *meeting_path;
    const char *data_dir;
    const char *replay;
    const char *shots;
    const char *export_dir;
    const char *camera;     /* --camera DEVICE: scan QR codes with it too */
    int width, height;  /* --window WxH; 0: fullscreen */
    double dpi;         /* --dpi; 0: ask the display */
    int tokens;         /* demo --tokens */
    int desk;           /* kiosk --mode desk (default --mode vote) */
    int rotate;         /* --rotate 0|90|180|270, degrees clockwise */
    int volatile_ok;    /* --volatile-data-ok (and demo, --replay): a data
                         * folder in RAM (tmpfs, ramfs) is allowed */
} kiosk_opts;

/* The exit status of a kiosk the facilitator shut down (app.h's
 * APP_EXIT_SHUTDOWN; here too for builds without the screen). */
#define KIOSK_EXIT_SHUTDOWN 10

/* kiosk_data_volatile: whether dir, or while it does not exist yet the
 * nearest folder above it that does, is on a file system kept in RAM
 * (tmpfs, ramfs), whose votes a power cut or a restart would erase.
 * Returns 1 and the file system's name in *fs, or 0 when it is not, or
 * when statfs cannot tell (the store's own open then reports why the
 * folder is unusable). */
int kiosk_data_volatile(const char *dir, const char **fs);

/* kiosk_parse_opts: parses argv[1..] into o.  Options a command does not
 * take are refused (demo has no --meeting, kiosk no --tokens).  Returns 0,
 * or 2 after printing what is wrong and the usage to stderr. */
int kiosk_parse_opts(int argc, char **argv, int is_demo, kiosk_opts *o);

/* kiosk_start: opens the data directory for meeting m (whose file is
 * bytes/len), keeps a copy of the meeting for exports, and runs the
 * kiosk.  open_first: open proposal 0 when the directory is new (demo).
 * A data directory that is damaged, belongs to another meeting or cannot
 * be written gets the fault screen (ui_fault.h) instead of an exit with
 * status 2, so a kiosk started by systemd shows why it cannot vote.  A
 * data directory on a volatile file system (kiosk_data_volatile) is
 * refused with one line on stderr and status 2 unless o->volatile_ok.
 * Returns the process exit status (KIOSK_EXIT_SHUTDOWN after the
 * facilitator's "Shut down"). */
int kiosk_start(const meeting *m, const char *bytes, size_t len,
                const kiosk_opts *o, int is_demo);

#endif
