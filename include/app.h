/* app.h: the kiosk program: ties the session, the UI, the store and the
 * platform together in an event-driven loop, and runs replay scripts.
 *
 * The loop sleeps in the OS until input or the session's next deadline,
 * rebuilds the display list only after something changed, and draws it.
 * In replay mode (--replay SCRIPT --shots DIR) the events come from the
 * script and time is simulated, so timeouts are tested without sleeping.
 *
 * Replay script lines (# comments and blank lines ignored):
 *   scan TOKEN        the scanner types TOKEN and Enter (a burst: all at
 *                     the same simulated time)
 *   tap "Label"       press and release the one visible tappable element
 *                     with that label (error if none or several)
 *   tap X,Y           press and release at a point
 *   drag X1,Y1 X2,Y2  press, move in steps, release
 *   key NAME          Enter, Backspace, Escape, Tab, Up, Down, PageUp, PageDown
 *   type TEXT         text as if typed (with `wait` before `key Enter`
 *                     it is slow typing, not a scan: see app.c)
 *   wait MS           advance the simulated clock
 *   shot NAME         write SHOTS/NAME.png
 *   expect "Text"     fail unless Text is on screen
 *   expect-not "Text" fail if Text is on screen
 *   touch X,Y         a finger down and up at panel pixel X,Y (physical
 *                     coordinates: with --rotate they are turned back
 *                     into the layout's, as a real touch is)
 *   touch "Label"     a finger where Label appears on the (rotated) panel
 *   crash             end the process at once, as a power cut would
 *                     (_exit without closing anything; for tests)
 *   export-delay MS   a pause of MS after each file the next exports
 *                     write (a slow USB stick; for tests)
 *   export-shot NAME  write SHOTS/NAME.png of the next export's progress
 *                     screen, once a file is written
 *   during-export LINE  run the script line LINE while the next export
 *                     is writing (once a file is written; several run in
 *                     order): input that arrives then must be dropped
 *   room-shot NAME    write SHOTS/NAME.png of the room display's window
 *   room-expect "Text"      fail unless Text is on the room display
 *   room-expect-not "Text"  fail if Text is on the room display
 *                     (the three room- lines need a room window,
 *                     --room-window WxH or --room-display N, and are a
 *                     malformed script, status 2, without one; the room
 *                     view on the kiosk's own screen, "Room view here",
 *                     is the kiosk's screen: `shot` and `expect`)
 *
 * The facilitator's Export runs on a worker thread: the kiosk shows its
 * progress and keeps feeding the watchdog meanwhile.  In a replay, the
 * line that started it ends when it is done, so the next line sees the
 * result.
 *
 * Under systemd (NOTIFY_SOCKET set) the kiosk sends READY=1 after the
 * first frame, WATCHDOG=1 from its loop at half of WATCHDOG_USEC, and
 * STOPPING=1 on the way out.  SIGTERM/SIGINT end the loop after the
 * action in progress (a cast commits first); app_run then returns 0.
 *
 * Only the facilitator's "Shut down" (or the fault screen's) ends the
 * kiosk with APP_EXIT_SHUTDOWN: on the appliance that status, and no
 * other, powers the Pi off (firmware/appliance/usr/lib/asamblea/after-exit),
 * so a signal, a closed window or a stray Escape can never do it. */
#ifndef AS_APP_H
#define AS_APP_H

#include <stddef.h>
#include "meeting.h"
#include "platform.h"
#include "store.h"
#include "ui_fault.h"

/* The exit status of a kiosk that the facilitator shut down ("Shut down",
 * confirmed, or the fault screen's "Shut down").  Distinct from 0 (a stop
 * on SIGTERM/SIGINT, a closed window, the end of a replay), 1 and 2, from
 * the sanitizers' statuses (1, 23) and from 128 + a signal.  The unit
 * lists it in SuccessExitStatus= and RestartPreventExitStatus=. */
#define APP_EXIT_SHUTDOWN 10
/* The exit status of a kiosk on a hub that could not reach it at start
 * (docs/several-kiosks.md): not a configuration error, so systemd starts
 * it again (asamblea.service restarts anything but 2 and 10). */
#define APP_EXIT_NO_HUB 3

typedef struct {
    platform_config pc;
    const char *data_dir;
    const char *hub_file;      /* --hub: one of several kiosks (NULL: alone) */
    const char *meeting_bytes; /* exact meeting file, for exports */
    size_t meeting_len;
    const char *export_dir;    /* NULL: the meeting file's export_dir */
    const char *replay_path;   /* NULL: interactive */
    const char *shots_dir;     /* replay screenshots (NULL: none) */
    int demo;
    int desk;                  /* --mode desk: the check-in desk */
    const char *key_fingerprint; /* shown to facilitators */
    const char *camera;        /* V4L2 device for QR scanning, or NULL */
} app_config;

/* A room window (cfg->pc.room_display or room_width) shows room_build's
 * view of the same snapshot the kiosk draws, after every change; with it
 * the session reads live figures (session_config.room_live).  While the
 * snapshot's room.here is set the kiosk's own screen shows that view and
 * any tap on it sends ACT_ROOM_HERE 0 (back to the console). */

/* app_run: runs the kiosk until shut down (facilitator action, window
 * closed, SIGTERM) or until the replay script ends.  Returns the process
 * exit status: APP_EXIT_SHUTDOWN the facilitator shut the kiosk down
 * (also in a replay, which then ends there); 0 stopped otherwise (a
 * signal, the window closed, the script ran to its end); 1 a replay
 * expectation failed (the script line and what was on screen are on
 * stderr); 2 the platform could not start or the script is malformed
 * (err on stderr). */
int app_run(const meeting *m, store *st, const app_config *cfg);

/* app_run_fault: shows ui_fault's screen for f instead of the kiosk
 * (the store could not be opened: damaged, another meeting's, not
 * writable).  Nothing is read or written; voting never opens.  Ends when
 * someone taps "Shut down" (APP_EXIT_SHUTDOWN), presses Escape or on
 * SIGTERM/SIGINT (0), or when the replay script ends (0; its `shot` lines
 * still write screenshots).  Returns APP_EXIT_SHUTDOWN, 0, 1 (a replay
 * expectation failed) or 2 (no display, bad script). */
int app_run_fault(const ui_fault_info *f, const app_config *cfg);

#endif
