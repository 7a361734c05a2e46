/* test_appliance_sigterm.c: systemd's stop (SIGTERM) and ^C (SIGINT) at
 * random moments while the real kiosk casts votes.
 *
 * Each run replays a script of casts by badges that have not voted yet;
 * the test waits for READY=1 on its own notify socket (so the signal
 * handler is in place), sleeps a random time within the script's length
 * and sends the signal.  After every run: exit status 0, PRAGMA
 * integrity_check passes, ballots == badges marked voted for every
 * proposal, the vote count never goes down, and stderr names no badge and
 * no choice.  AS_SEED replays a run; AS_SIGTERM_ITERATIONS sets the count
 * (default 40). */
#include "test_appliance_util.h"
#include <sys/time.h>
#include <time.h>
#include <sodium.h>
#include "check.h"
#include "test_kiosk_util.h"

#define NPROPS 3
#define CASTS 5
#define MAX_ITERS 400

static char *dir;
static char mpath[256], data[256], script[256], errp[256], sock[256];
static char (*tokens)[TOKEN_TEXT_SIZE];
static int nbadges;

/* write_script: CASTS casts by the badges first..first+CASTS-1, each on
 * a random proposal with a random choice. */
static void write_script(int first, unsigned *seed)
{
    static const char *choice[] = {"Yes", "No", "Abstain"};
    FILE *f = fopen(script, "w");
    for (int k = 0; k < CASTS; k++) {
        int p = (int)(rand_r(seed) % NPROPS);
        fprintf(f, "scan %s\ntap \"Proposal number %d\"\ntap \"%s\"\n"
                   "tap \"Cast my vote\"\nexpect \"Your vote is recorded\"\n"
                   "tap \"Finish\"\n",
                tokens[first + k], p, choice[rand_r(seed) % 3]);
    }
    fclose(f);
}

static long now_us(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return tv.tv_sec * 1000000L + tv.tv_usec;
}

/* stderr_clean: no badge of this run and no choice word in stderr. */
static int stderr_clean(int first)
{
    long len;
    char *e = ap_slurp(errp, &len);
    int ok = 1;
    if (!e)
        return 1;
    for (int k = 0; k < CASTS; k++)
        if (strstr(e, tokens[first + k]))
            ok = 0;
    if (strstr(e, "Yes") || strstr(e, "Abstain") || strstr(e, "\"No\""))
        ok = 0;
    if (!ok || len > 0)
        fprintf(stderr, "kiosk stderr:\n%s\n", e);
    free(e);
    return ok;
}

int main(void)
{
    meeting *m = NULL;
    const char *e = getenv("AS_SEED");
    unsigned seed = e ? (unsigned)strtoul(e, NULL, 10) : (unsigned)time(NULL);
    int iters = getenv("AS_SIGTERM_ITERATIONS")
                    ? atoi(getenv("AS_SIGTERM_ITERATIONS")) : 40;
    long last = 0, full_us = 0, early = 0;

    if (iters < 2)
        iters = 2;
    if (iters > MAX_ITERS)
        iters = MAX_ITERS;
    printf("seed %u (AS_SEED=%u replays this run)\n", seed, seed);
    if (sodium_init() < 0)
        return 1;
    nbadges = iters * CASTS;
    tokens = calloc((size_t)nbadges, sizeof *tokens);
    dir = ap_mkdtemp();
    snprintf(mpath, sizeof mpath, "%s/meeting.yaml", dir);
    snprintf(data, sizeof data, "%s/data", dir);
    snprintf(script, sizeof script, "%s/casts.replay", dir);
    snprintf(errp, sizeof errp, "%s/stderr", dir);
    int fd = ap_notify_open(dir, sock, sizeof sock);
    m = ku_meeting_new(dir, mpath, "Stop test", tokens, nbadges, NPROPS);
    if (!m)
        return 1;
    CHECK_INT(ku_check_store(data, m, NPROPS, 1), 0);

    for (int it = 0; it < iters; it++) {
        char *argv[] = {"asamblea", "kiosk", "--meeting", mpath, "--data", data,
                        "--window", "800x480", "--dpi", "133", "--replay",
                        script, NULL};
        char buf[1024];
        int ready = 0;
        write_script(it * CASTS, &seed);
        pid_t pid = ap_spawn(argv, errp, sock, NULL, 0);
        while (!ready && ap_notify_recv(fd, buf, sizeof buf, 60000) > 0)
            ready = strstr(buf, "READY=1") != NULL;
        CHECK_MSG(ready, "iteration %d: no READY=1", it);
        long t0 = now_us();
        /* The first run goes to its end and measures the script; later
         * ones are stopped anywhere within that time. */
        if (it > 0 && full_us > 0) {
            usleep((useconds_t)(rand_r(&seed) % (unsigned long)(full_us + 1)));
            kill(pid, it % 4 == 3 ? SIGINT : SIGTERM);
        }
        int rc = ap_wait(pid);
        if (it == 0)
            full_us = now_us() - t0;
        /* Any notifications left (STOPPING=1) are not this test's subject. */
        while (ap_notify_recv(fd, buf, sizeof buf, 0) > 0)
            ;
        CHECK_MSG(rc == 0, "iteration %d: exit status %d after the signal", it, rc);
        CHECK_MSG(stderr_clean(it * CASTS), "iteration %d: stderr", it);
        long total = ku_check_store(data, m, NPROPS, 0);
        CHECK_MSG(total >= last, "iteration %d: votes went from %ld to %ld", it,
                  last, total);
        CHECK_MSG(total <= last + CASTS, "iteration %d: %ld votes from %d casts",
                  it, total - last, CASTS);
        if (it == 0)
            CHECK_INT(total, CASTS); /* the unstopped run cast them all */
        if (total < 0)
            break;
        if (total < last + CASTS)
            early++;
        last = total;
    }
    printf("%d runs (script %ld ms), %ld stopped before their last cast, "
           "%ld votes in all\n", iters, full_us / 1000, early, last);
    /* The delays spread over the script: some runs really were cut. */
    CHECK(early > 0);
    close(fd);
    meeting_free(m);
    ap_rm_rf(dir);
    free(dir);
    free(tokens);
    return check_done();
}
