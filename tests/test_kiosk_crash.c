/* test_kiosk_crash.c: kill -9 the real kiosk at random moments while it
 * casts votes in a loop, hundreds of times, and check after every kill
 * that the data directory is whole: for every proposal, ballots == badges
 * marked voted, PRAGMA integrity_check passes, and the number of votes
 * never goes down.  The kiosk runs replay scripts (SDL offscreen) that
 * scan badges and cast through the real screens.  Set AS_SEED to replay a
 * run; AS_KIOSK_CRASH_ITERATIONS to change the count (default 120). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>
#include <sodium.h>
#include "check.h"
#include "test_kiosk_util.h"

#define NPROPS 6
#define NBADGES 100

static char dir[64], mpath[128], data[128], script[128];
static char tokens[NBADGES][TOKEN_TEXT_SIZE];

static void write_script(unsigned *seed)
{
    static const char *choice[] = {"Yes", "No", "Abstain"};
    FILE *f = fopen(script, "w");
    for (int k = 0; k < 6; k++) {
        int b = (int)(rand_r(seed) % NBADGES), p = (int)(rand_r(seed) % NPROPS);
        fprintf(f, "scan %s\ntap \"Proposal number %d\"\ntap \"%s\"\n"
                   "tap \"Cast my vote\"\ntap \"Finish\"\n",
                tokens[b], p, choice[rand_r(seed) % 3]);
    }
    fclose(f);
}

static long now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

int main(void)
{
    meeting *m = NULL;
    const char *e = getenv("AS_SEED");
    unsigned seed = e ? (unsigned)strtoul(e, NULL, 10) : (unsigned)time(NULL);
    int iters = getenv("AS_KIOSK_CRASH_ITERATIONS")
                    ? atoi(getenv("AS_KIOSK_CRASH_ITERATIONS")) : 120;
    long last = 0, killed = 0, full_us = 0;

    printf("seed %u (AS_SEED=%u replays this run)\n", seed, seed);
    if (sodium_init() < 0)
        return 1;
    snprintf(dir, sizeof dir, "/tmp/asamblea-kcrash-XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    snprintf(mpath, sizeof mpath, "%s/meeting.yaml", dir);
    snprintf(data, sizeof data, "%s/data", dir);
    snprintf(script, sizeof script, "%s/casts.replay", dir);
    m = ku_meeting_new(dir, mpath, "Crash test", tokens, NBADGES, NPROPS);
    if (!m)
        return 1;
    CHECK_INT(ku_check_store(data, m, NPROPS, 1), 0);
    setenv("SDL_VIDEODRIVER", "offscreen", 1);

    for (int it = 0; it < iters; it++) {
        write_script(&seed);
        pid_t pid = fork();
        if (pid == 0) {
            int null = open("/dev/null", O_WRONLY);
            dup2(null, 2); /* replays that run out of votes are expected */
            execl(AS_BINARY, "asamblea", "kiosk", "--meeting", mpath, "--data",
                  data, "--window", "1280x800", "--dpi", "96", "--replay",
                  script, (char *)NULL);
            _exit(127);
        }
        /* Kill anywhere from start-up to the end of the script.  The
         * first run goes to its end and measures how long the script
         * takes on this machine (ASan, qemu and load all change it), so
         * the kills spread over the same span everywhere. */
        if (it == 0) {
            long t0 = now_us();
            waitpid(pid, NULL, 0);
            full_us = now_us() - t0;
        } else {
            usleep((useconds_t)(rand_r(&seed) % (unsigned long)(full_us + 1)));
            if (kill(pid, SIGKILL) == 0)
                killed++;
            waitpid(pid, NULL, 0);
        }
        long total = ku_check_store(data, m, NPROPS, 0);
        CHECK_MSG(total >= last, "iteration %d: votes went from %ld to %ld", it,
                  last, total);
        if (total < 0)
            break;
        last = total;
    }
    printf("%d runs (script %ld ms), %ld killed mid-run, %ld votes recorded in "
           "all\n", iters, full_us / 1000, killed, last);
    CHECK(killed > 0); /* the kills really landed before the end */
    CHECK(last > 0); /* the loop really cast votes */
    meeting_free(m);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return check_done();
}
