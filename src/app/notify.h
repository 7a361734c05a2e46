/* notify.h: the service manager's view of the kiosk (systemd's sd_notify:
 * READY, WATCHDOG, STOPPING and STATUS).  Internal to src/app. */
#ifndef AS_APP_NOTIFY_H
#define AS_APP_NOTIFY_H

#include <stdint.h>

typedef struct {
    uint64_t interval_ms; /* 0: no watchdog asked for */
    uint64_t last_ms;     /* when WATCHDOG=1 was last sent */
    int ready;            /* READY=1 sent */
} app_notify;

/* notify_init: reads WATCHDOG_USEC/WATCHDOG_PID (sd_watchdog_enabled);
 * pings are then due every half of that period.  Outside systemd (no
 * NOTIFY_SOCKET, no WATCHDOG_USEC) every notify_ call does nothing. */
void notify_init(app_notify *n, uint64_t now_ms);

/* notify_ready: READY=1 with a STATUS line, once (the first frame is on
 * screen).  status must never hold voter data: it goes to the journal. */
void notify_ready(app_notify *n, const char *status, uint64_t now_ms);

/* notify_watchdog: WATCHDOG=1 if half the watchdog period has passed
 * since the last one. */
void notify_watchdog(app_notify *n, uint64_t now_ms);

/* notify_wait_ms: timeout (-1: none) shortened so the loop wakes for the
 * next ping. */
int notify_wait_ms(const app_notify *n, uint64_t now_ms, int timeout);

/* notify_status: a STATUS line alone (what the kiosk is doing, e.g. an
 * export's progress).  Never voter data: it goes to the journal. */
void notify_status(const char *status);

/* notify_stopping: STOPPING=1 and a STATUS line, on the way out. */
void notify_stopping(const char *status);

#endif
