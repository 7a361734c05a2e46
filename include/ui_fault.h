/* ui_fault.h: the screen a kiosk shows instead of voting when its data
 * cannot be trusted (a damaged database, a data folder of another meeting,
 * files it cannot write).  A stand-alone screen: no session and no store
 * behind it, so nothing on it can open voting.
 *
 * It says, in big text: do not vote on this kiosk, call an organizer;
 * what is wrong and which file; what helps (`asamblea verify` on the last
 * export, a new --data folder); and, when there is room, that the file
 * was left untouched and the store's own message.
 * Its one button, "Shut down", ends the program (so does Escape). */
#ifndef AS_UI_FAULT_H
#define AS_UI_FAULT_H

#include "displaylist.h"
#include "status.h"
#include "ui.h"

/* The action of the "Shut down" button (outside session.h's ACT_ range). */
#define UI_FAULT_ACT_SHUTDOWN 9001

typedef struct {
    as_status why;       /* AS_ECORRUPT, AS_EMISMATCH or AS_EREADONLY */
    const char *message; /* the store's one-line error: "FILE: what..." */
    const char *data_dir;
} ui_fault_info;

/* ui_fault_is_fault: 1 for the store errors that get this screen rather
 * than a message and exit status 2. */
int ui_fault_is_fault(as_status st);

/* ui_fault_build: resets out to w x h and lays out the fault screen for f
 * with the metrics mx at dpi (> 0).  Text keeps the UI's minimums (cap
 * height >= UI_MIN_CAP_MM, contrast >= UI_MIN_CONTRAST, the button >=
 * UI_MIN_TARGET_MM); on a small screen the least important paragraphs
 * are left out rather than text shrunk below them.  Never fails
 * (out of memory: an incomplete list, out->oom set). */
void ui_fault_build(const ui_metrics *mx, double dpi, const ui_fault_info *f,
                    int w, int h, dl_list *out);

#endif
