/* test_store_crash.c: crash consistency of store_cast.
 *
 * A child process opens the data directory and casts votes in a loop
 * (many badges, several proposals), telling the parent through a pipe
 * about every cast once store_cast has returned AS_OK.  The parent kills
 * it with SIGKILL after a random delay, reopens the directory and checks:
 *   - store_open succeeds (no leftover journal blocks it);
 *   - store_integrity passes (both files, and ballots == voted flags);
 *   - for every proposal, ballots == badges marked voted;
 *   - every acknowledged cast is there (durability), and at most one
 *     unacknowledged cast (the one in flight) was kept.
 * A second phase kills the child while it is still creating a new data
 * directory.  Delays come from a seeded RNG; the seed is printed and can
 * be given back in AS_SEED to replay a run. */
#include "test_store_util.h"
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include "check.h"

#define NPROP 4
#define ITERATIONS 300
#define FRESH_ITERATIONS 40
#define BADGES_PER_CHILD 1000

static const char *const props[NPROP] = {"coat-drive", "garden", "mural", "rent"};
static uint8_t sha_a[32];
static uint64_t rng_state;

static uint64_t rng(void)
{
    /* xorshift64*: reproducible from the printed seed. */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ULL;
}

typedef struct {
    int32_t prop;
    int32_t badge;
} report;

static void write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n) {
        ssize_t w = write(fd, c, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            _exit(5);
        c += w;
        n -= (size_t)w;
    }
}

/* The child: never returns.  Exit codes other than death by SIGKILL or 0
 * are failures the parent reports. */
static void child(const char *dir, int first_badge, int open_first, int fd)
{
    store *s = NULL;
    as_err err;
    uint8_t b[TOKEN_HASH_SIZE];

    if (store_open(dir, sha_a, &s, &err) != AS_OK) {
        fprintf(stderr, "child: %s\n", err.msg);
        _exit(2);
    }
    if (open_first) {
        as_status st = store_set_proposal_state(s, props[0], PROP_OPEN, &err);
        if (st != AS_OK && st != AS_ESTATE)
            _exit(6);
    }
    for (int i = first_badge; i < first_badge + BADGES_PER_CHILD; i++) {
        tu_badge(i, b);
        for (int p = 0; p < (open_first ? 1 : NPROP); p++) {
            as_status st = store_cast(s, props[p], b, (i + p) % 3, &err);
            report r = {p, i};
            if (st != AS_OK) {
                fprintf(stderr, "child: cast failed: %s\n", err.msg);
                _exit(3);
            }
            write_all(fd, &r, sizeof r);
        }
    }
    store_free(s);
    _exit(0);
}

/* Runs one child and kills it after a random delay; fills reps.  Returns
 * the number of reports, or -1 if the child failed by itself. */
static int run_child(const char *dir, int first_badge, int open_first,
                     long max_delay_us, report *reps, int cap)
{
    int fds[2], n = 0, status = 0;
    pid_t pid;
    long delay = (long)(rng() % (uint64_t)max_delay_us);
    char *buf = (char *)reps;
    size_t got = 0;

    if (pipe(fds) != 0)
        return -1;
    pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        close(fds[0]);
        child(dir, first_badge, open_first, fds[1]);
    }
    close(fds[1]);
    {
        struct timespec ts = {delay / 1000000, (delay % 1000000) * 1000};
        while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
        }
    }
    kill(pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    /* The child is dead, so the pipe ends at what it wrote. */
    for (;;) {
        ssize_t r = read(fds[0], buf + got, (size_t)cap * sizeof *reps - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fds[0]);
    n = (int)(got / sizeof *reps);
    if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) &&
        !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
        CHECK_MSG(0, "child failed by itself (status %d)", status);
        return -1;
    }
    return n;
}

/* Reopens dir after a kill and checks everything; returns total voted. */
static int64_t verify(const char *dir, int nprop, const report *reps, int n,
                      int iter)
{
    store *s = NULL;
    as_err err = {{0}};
    int64_t total = 0;
    as_status st = store_open(dir, sha_a, &s, &err);

    CHECK_MSG(st == AS_OK, "iteration %d: reopen failed: %s", iter, err.msg);
    if (st != AS_OK)
        return -1;
    st = store_integrity(s, &err);
    CHECK_MSG(st == AS_OK, "iteration %d: integrity: %s", iter, err.msg);
    for (int p = 0; p < nprop; p++) {
        int64_t nb = -1, nv = -2;
        CHECK_INT(store_ballot_count(s, props[p], &nb, &err), AS_OK);
        CHECK_INT(store_voted_count(s, props[p], &nv, &err), AS_OK);
        CHECK_MSG(nb == nv, "iteration %d: %s has %lld ballots but %lld voted",
                  iter, props[p], (long long)nb, (long long)nv);
        total += nv;
    }
    for (int i = 0; i < n; i++) {
        uint8_t b[TOKEN_HASH_SIZE];
        int yes = 0;
        tu_badge(reps[i].badge, b);
        CHECK_INT(store_has_voted(s, props[reps[i].prop], b, &yes, &err), AS_OK);
        CHECK_MSG(yes, "iteration %d: an acknowledged vote is missing", iter);
    }
    store_free(s);
    return total;
}

static void phase_running(long max_delay_us, report *reps, int cap)
{
    char *dir = tu_mkdtemp();
    store *s = NULL;
    as_err err = {{0}};
    int64_t total = 0, acked = 0;
    int in_flight_kept = 0;

    CHECK_INT(store_open(dir, sha_a, &s, &err), AS_OK);
    for (int p = 0; p < NPROP; p++)
        CHECK_INT(store_set_proposal_state(s, props[p], PROP_OPEN, &err), AS_OK);
    store_free(s);

    for (int it = 0; it < ITERATIONS; it++) {
        int n = run_child(dir, it * BADGES_PER_CHILD, 0, max_delay_us, reps, cap);
        int64_t now;
        if (n < 0)
            break;
        now = verify(dir, NPROP, reps, n, it);
        if (now < 0)
            break;
        /* Acknowledged votes are all kept; at most one more was committed
         * just before the kill without being acknowledged. */
        CHECK_MSG(now - total >= n && now - total <= n + 1,
                  "iteration %d: %d acknowledged, %lld recorded", it, n,
                  (long long)(now - total));
        in_flight_kept += now - total == n + 1;
        acked += n;
        total = now;
    }
    printf("crash test: %d kills, %lld acknowledged votes, %lld recorded, "
           "%d kept from a commit in flight\n", ITERATIONS, (long long)acked,
           (long long)total, in_flight_kept);
    CHECK(acked > 0);
    tu_rm_rf(dir);
    free(dir);
}

static void phase_fresh(long max_delay_us, report *reps, int cap)
{
    char *base = tu_mkdtemp();
    for (int it = 0; it < FRESH_ITERATIONS; it++) {
        char name[32];
        char *dir;
        int n;
        snprintf(name, sizeof name, "d%d", it);
        dir = tu_path(base, name);
        n = run_child(dir, 0, 1, max_delay_us, reps, cap);
        if (n >= 0 && tu_exists(dir)) {
            int64_t now = verify(dir, 1, reps, n, 1000 + it);
            CHECK(now >= n && now <= n + 1);
        }
        free(dir);
    }
    tu_rm_rf(base);
    free(base);
}

int main(void)
{
    const char *env = getenv("AS_SEED");
    uint64_t seed = env ? strtoull(env, NULL, 10) : (uint64_t)time(NULL);
    int cap = BADGES_PER_CHILD * NPROP;
    report *reps = malloc(sizeof *reps * (size_t)cap);

    if (sodium_init() < 0 || !reps)
        return 1;
    printf("crash test seed: %llu (rerun with AS_SEED=%llu)\n",
           (unsigned long long)seed, (unsigned long long)seed);
    fflush(stdout);
    rng_state = seed ? seed : 1;
    tu_sha("meeting A", sha_a);
    /* Delays up to 25 ms cover the child's open and a handful of casts;
     * creating a directory is killed within its first few milliseconds. */
    phase_running(25000, reps, cap);
    phase_fresh(8000, reps, cap);
    free(reps);
    return check_done();
}
