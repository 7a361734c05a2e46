/* room.h: the room display: what a projector or TV shows the whole room.
 *
 * room_build lays out the snapshot's room_show (snapshot.h) into a
 * display list, like ui_build does for the kiosk, and reads nothing but
 * the snapshot: no store, no file, no clock.  The same list is drawn in a
 * second window on a second display (--room-display N), full screen on
 * the facilitator's own panel (ACT_ROOM_HERE), and as the charts of the
 * minutes (asamblea report).
 *
 * Sizes follow the screen's short side (its height in landscape), not
 * its density: the room reads it from up to 15 m away, and a TV turned to
 * portrait keeps the letters, and so the reading distance, it had in
 * landscape.  Body text has a cap height of at least ROOM_MIN_CAP_FRAC of
 * the short side, the outcome at least ROOM_OUTCOME_CAP_FRAC; every text
 * colour keeps UI_MIN_CONTRAST against
 * what is behind it.  Every meeting language is shown at once.  Nothing is
 * ever truncated: text wraps, and a layout that does not fit shrinks its
 * type (never below the minimums) or moves to columns.  Never an interim
 * count: an open proposal shows turnout only. */
#ifndef AS_ROOM_H
#define AS_ROOM_H

#include "displaylist.h"
#include "snapshot.h"
#include "status.h"
#include "ui.h"

/* Legibility the layout guarantees (and the tests measure). */
#define ROOM_MIN_CAP_FRAC (1.0 / 40.0)
#define ROOM_OUTCOME_CAP_FRAC (1.0 / 12.0)
/* The ballot-list code's QR code: at least this share of the height
 * (a heavy result on a portrait screen may shrink it to a third of the
 * width rather than lay words over it; the tests count that case). */
#define ROOM_QR_FRAC (1.0 / 3.0)

typedef struct room room;

/* room_new: a room view measuring text through mx (copied).  AS_ENOMEM. */
as_status room_new(const ui_metrics *mx, room **out);

/* room_free: NULL allowed. */
void room_free(room *r);

/* room_build: resets out to w x h and fills it with what sn->room asks
 * for, in every language of sn->meeting.  Nothing in it is tappable (the
 * room does not touch the projector).  A proposal index out of range, a
 * result that could not be counted or a store error the snapshot carries
 * is shown in words, never crashes.  Switches the gettext language while
 * it runs and leaves it on the meeting's first language. */
void room_build(room *r, const snapshot *sn, int w, int h, dl_list *out);

/* room_rounds: how many rounds proposal i's result can step through (0
 * for methods without rounds, or no result yet): the bound of
 * room_show.round. */
int room_rounds(const snapshot *sn, int i);

#endif
