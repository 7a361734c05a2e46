/* signals.c: SIGTERM and SIGINT (systemd's stop, the power button, ^C).
 *
 * The handler only counts.  Exiting from a handler could cut a vote in
 * half; instead platform_wait turns the count into EV_QUIT and the loop
 * leaves after the action in progress, closing the store cleanly.  We
 * install our own handler rather than SDL's so that a loop that never
 * pumps SDL events (a replay) can see the request too. */
#include <signal.h>
#include <string.h>
#include "platform_internal.h"

static volatile sig_atomic_t stop_signals;

static void on_stop(int sig)
{
    (void)sig;
    if (stop_signals < 1000000)
        stop_signals++;
}

void signals_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    /* SA_RESTART: a signal during a store write must not turn into an
     * EINTR error on the vote path. */
    sa.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
}

unsigned long signals_count(void)
{
    return (unsigned long)stop_signals;
}

int platform_stop_requested(void)
{
    return stop_signals > 0;
}
