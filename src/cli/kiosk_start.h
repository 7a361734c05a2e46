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
} kiosk_opts;

/* kiosk_parse_opts: parses argv[1..] into o.  Options a command does not
 * take are refused (demo has no --meeting, kiosk no --tokens).  Returns 0,
 * or 2 after printing what is wrong and the usage to stderr. */
int kiosk_parse_opts(int argc, char **argv, int is_demo, kiosk_opts *o);

/* kiosk_start: opens the data directory for meeting m (whose file is
 * bytes/len), keeps a copy of the meeting for exports, and runs the
 * kiosk.  open_first: open proposal 0 when the directory is new (demo).
 * A data directory that is damaged, belongs to another meeting or cannot
 * be written gets the fault screen (ui_fault.h) instead of an exit with
 * status 2, so a kiosk started by systemd shows why it cannot vote.
 * Returns the process exit status. */
int kiosk_start(const meeting *m, const char *bytes, size_t len,
                const kiosk_opts *o, int is_demo);

#endif
