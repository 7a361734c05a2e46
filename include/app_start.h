/* app_start.h: the kiosk's start-up sequence, from a loaded meeting to
 * the running screen: refuse a data folder in RAM, open the store (or
 * show the fault screen), take the voting lock, record "started", make
 * the signing key, keep a copy of the meeting file, and run the app.
 * Everything that can fail at start fails here, with one line on stderr
 * naming the file and what to do, before any screen.  The command line
 * (`asamblea kiosk`, `asamblea demo`) only parses its options and calls
 * app_start. */
#ifndef AS_APP_START_H
#define AS_APP_START_H

#include "app.h"
#include "meeting.h"

/* app_data_volatile: whether dir, or while it does not exist yet the
 * nearest folder above it that does, is on a file system kept in RAM
 * (tmpfs, ramfs), whose votes a power cut or a restart would erase.
 * Returns 1 and the file system's name in *fs, or 0 when it is not, or
 * when statfs cannot tell (the store's own open then reports why the
 * folder is unusable). */
int app_data_volatile(const char *dir, const char **fs);

/* app_list_displays: `--list-displays`: one line per display SDL sees on
 * stdout, "N  NAME  WxH" with N counted from 1 as --room-display takes
 * it, then which video driver saw them.  Returns 0, or 2 after one line
 * on stderr when no display can be opened. */
int app_list_displays(void);

/* app_start: checks that the room display cfg->pc.room_display names
 * exists before anything else (one line naming the displays SDL sees and
 * what to do, status 2), then opens cfg->data_dir for meeting m (whose file is
 * cfg->meeting_bytes/meeting_len), keeps a copy of the meeting for
 * exports, and runs the kiosk (app_run).  cfg->pc.fullscreen is set from
 * cfg->pc.width (0: fullscreen) and cfg->key_fingerprint to the kiosk's
 * key.  A demo (cfg->demo) opens every proposal of a new data folder.  A
 * data folder that is damaged, belongs to another meeting or cannot be
 * written gets the fault screen (ui_fault.h) instead of an exit with
 * status 2, so a kiosk started by systemd shows why it cannot vote.  A
 * data folder on a volatile file system (app_data_volatile) is refused
 * with one line on stderr and status 2 unless volatile_ok.  The
 * screenshot folder (cfg->shots_dir) is created.  Returns the process
 * exit status: app_run's, or 2 when it cannot start. */
int app_start(const meeting *m, app_config *cfg, int volatile_ok);

#endif
