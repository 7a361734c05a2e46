/* demo_meeting.h: the built-in demo meeting behind `asamblea demo`. */
#ifndef AS_DEMO_MEETING_H
#define AS_DEMO_MEETING_H

/* The demo's meeting file (YAML) and roster (CSV).  The tokens are fixed
 * so the demo badges in docs and scripts stay valid; they guard nothing. */
extern const char demo_meeting_yaml[];
extern const char demo_roster_csv[];

#endif
