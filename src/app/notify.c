/* notify.c: systemd's service notifications.
 *
 * libsystemd's sd_notify does the datagram protocol; without
 * NOTIFY_SOCKET it returns 0 and sends nothing, so a kiosk started by
 * hand behaves exactly as before.  Pings come from the main loop, never
 * from a timer thread: a hung loop must stop pinging so systemd restarts
 * it. */
#include <string.h>
#include <systemd/sd-daemon.h>
#include "notify.h"

void notify_init(app_notify *n, uint64_t now_ms)
{
    uint64_t usec = 0;
    memset(n, 0, sizeof *n);
    if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
        n->interval_ms = usec / 2000;
        if (n->interval_ms == 0)
            n->interval_ms = 1;
    }
    n->last_ms = now_ms;
}

void notify_ready(app_notify *n, const char *status, uint64_t now_ms)
{
    if (n->ready)
        return;
    n->ready = 1;
    sd_notifyf(0, "READY=1\nSTATUS=%s", status);
    if (n->interval_ms) {
        sd_notify(0, "WATCHDOG=1");
        n->last_ms = now_ms;
    }
}

void notify_watchdog(app_notify *n, uint64_t now_ms)
{
    if (!n->interval_ms || now_ms - n->last_ms < n->interval_ms)
        return;
    sd_notify(0, "WATCHDOG=1");
    n->last_ms = now_ms;
}

int notify_wait_ms(const app_notify *n, uint64_t now_ms, int timeout)
{
    if (!n->interval_ms)
        return timeout;
    uint64_t due = n->last_ms + n->interval_ms;
    int left = due > now_ms ? (int)(due - now_ms) : 0;
    return timeout < 0 || timeout > left ? left : timeout;
}

void notify_status(const char *status)
{
    sd_notifyf(0, "STATUS=%s", status);
}

void notify_stopping(const char *status)
{
    sd_notifyf(0, "STOPPING=1\nSTATUS=%s", status);
}
