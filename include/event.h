/* event.h: input as the core sees it.  The platform module translates SDL
 * events (mouse, touch, keyboard, text from a keyboard-wedge scanner) and
 * the replay harness makes the same ones from a script. */
#ifndef AS_EVENT_H
#define AS_EVENT_H

#include <stdint.h>

typedef enum {
    EV_NONE = 0,
    EV_PRESS,   /* finger or mouse button down at x,y */
    EV_MOVE,    /* pointer moved while pressed */
    EV_RELEASE, /* finger or button up at x,y */
    EV_KEY,     /* a non-text key: key is an as_key */
    EV_TEXT,    /* typed or scanned text (UTF-8) */
    EV_RESIZE,  /* the window changed size: x,y are the new w,h */
    EV_EXPOSE,  /* redraw needed, nothing changed */
    EV_QUIT     /* the OS asked us to stop (SIGTERM, window closed) */
} ev_type;

typedef enum {
    KEY_NONE = 0,
    KEY_ENTER,
    KEY_BACKSPACE,
    KEY_ESCAPE,
    KEY_TAB,
    KEY_UP,
    KEY_DOWN,
    KEY_PAGEUP,
    KEY_PAGEDOWN
} as_key;

typedef struct {
    ev_type type;
    int x, y;       /* logical screen pixels */
    as_key key;
    char text[64];  /* EV_TEXT */
} as_event;

#endif
