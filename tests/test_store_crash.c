/* test_store_crash.c: crash consistency of store_cast.
 *
 * A child process opens the data directory and casts votes in a loop
 * (many badges, several proposals), telling the parent through a pipe
 * when store_open has returned and about every cast once store_cast has
 * returned AS_OK.  The parent kills it with SIGKILL at a random moment,
 * reopens the directory and checks:
 *   - store_open succeeds (no leftover journal blocks it);
 *   - store_integrity passes (both files, and ballots == voted flags);
 *   - for every proposal, ballots == badges marked voted;
 *   - every acknowledged cast is there (durability), and at most one
 *     unacknowledged cast (the one in flight) was kept.
 * A second phase kills the child while it is still creating a new data
 * directory.
 *
 * The moments adapt to the machine's speed, so the test exercises the
 * same thing natively and under qemu-aarch64 (10-30 times slower): the
 * parent first measures how long opening, creating and casting take
 * here, then kills either within the start-up (a quarter of the runs) or
 * at a random moment after the child's first acknowledged vote, within
 * a span of about ten casts.  Moments come from a seeded RNG; the seed is
 * printed and AS_SEED replays a run (on a machine of similar speed). */
#include "test_store_util.h"
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include "check.h"

#define NPROP 4
#define ITERATIONS 200
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
    int32_t prop; /* -1: the "store_open returned" marker */
    int32_t badge;
} report;

/* When the parent kills the child: after_acks acknowledged casts (0:
 * counting from the fork), then delay_us more. */
typedef struct {
    int after_acks;
    long delay_us;
} kill_plan;

/* What one run saw, in microseconds since the fork (-1: never). */
typedef struct {
    int acks;          /* acknowledged casts */
    int opened;        /* the child reported store_open */
    long t_open;       /* when it did */
    long t_first;      /* first acknowledged cast */
    long t_last;       /* last acknowledged cast */
} run_seen;

static long now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

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
    {
        report opened = {-1, -1};
        write_all(fd, &opened, sizeof opened);
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

/* Runs one child and kills it as plan says; fills reps with its
 * acknowledged casts and *seen with when things happened.  Returns the
 * number of acknowledged casts, or -1 if the child failed by itself or
 * never got as far as the plan waits for (two minutes at most). */
static int run_child(const char *dir, int first_badge, int open_first,
                     kill_plan plan, report *reps, int cap, run_seen *seen)
{
    int fds[2], status = 0;
    pid_t pid;
    report cur;
    size_t part = 0;
    long t0, deadline = -1;

    memset(seen, 0, sizeof *seen);
    seen->t_open = seen->t_first = seen->t_last = -1;
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
    t0 = now_us();
    if (plan.after_acks == 0)
        deadline = t0 + plan.delay_us;
    /* Read reports as they come until the kill moment; the pipe is
     * read while waiting so the child never blocks on a full pipe. */
    for (;;) {
        long now = now_us(), wait_ms;
        struct pollfd p = {fds[0], POLLIN, 0};
        ssize_t r;
        if (deadline >= 0 && now >= deadline)
            break;
        if (now - t0 > 120L * 1000000L) {
            CHECK_MSG(0, "the child made no progress in 120 s (%d casts)",
                      seen->acks);
            break;
        }
        wait_ms = deadline >= 0 ? (deadline - now + 999) / 1000 : 1000;
        if (poll(&p, 1, (int)wait_ms) <= 0)
            continue;
        r = read(fds[0], (char *)&cur + part, sizeof cur - part);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break; /* the child ended by itself */
        part += (size_t)r;
        if (part < sizeof cur)
            continue;
        part = 0;
        now = now_us() - t0;
        if (cur.prop < 0) {
            seen->opened = 1;
            seen->t_open = now;
            continue;
        }
        if (seen->acks < cap)
            reps[seen->acks] = cur;
        seen->acks++;
        if (seen->t_first < 0)
            seen->t_first = now;
        seen->t_last = now;
        if (plan.after_acks > 0 && seen->acks == plan.after_acks)
            deadline = now_us() + plan.delay_us;
    }
    kill(pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    /* The child is dead, so the pipe ends at what it wrote: any
     * acknowledgement sent before the kill counts. */
    for (;;) {
        ssize_t r = read(fds[0], (char *)&cur + part, sizeof cur - part);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        part += (size_t)r;
        if (part < sizeof cur)
            continue;
        part = 0;
        if (cur.prop < 0) {
            seen->opened = 1;
            continue;
        }
        if (seen->acks < cap)
            reps[seen->acks] = cur;
        seen->acks++;
    }
    close(fds[0]);
    if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) &&
        !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
        CHECK_MSG(0, "child failed by itself (status %d)", status);
        return -1;
    }
    if (plan.after_acks > 0 && seen->acks < plan.after_acks &&
        !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
        return -1;
    return seen->acks < cap ? seen->acks : cap;
}

static long uniform(long span)
{
    return span > 0 ? (long)(rng() % (uint64_t)span) : 0;
}

static long median3(long a, long b, long c)
{
    if (a > b) { long t = a; a = b; b = t; }
    if (b > c) { long t = b; b = c; c = t; }
    if (a > b) { long t = a; a = b; b = t; }
    return b;
}

/* This machine's speed: how long a child takes to create a data
 * directory, to reopen an existing one, and to cast one vote (medians
 * of three runs each). */
typedef struct {
    long create_us, reopen_us, cast_us;
} speed;

static speed measure_speed(report *reps, int cap)
{
    char *base = tu_mkdtemp();
    char *dir = tu_path(base, "d");
    long cr[3], ro[3], ca[3];
    speed sp;
    const int casts = 21;

    for (int i = 0; i < 3; i++) {
        run_seen seen;
        /* Run 0 creates the directory; runs 1 and 2 reopen it. */
        kill_plan plan = {casts, 0};
        int n = run_child(dir, 100000 + i * BADGES_PER_CHILD, 1, plan, reps,
                          cap, &seen);
        CHECK_MSG(n >= casts && seen.opened, "measuring: the child cast %d "
                  "votes (wanted %d)", n, casts);
        if (n < casts || !seen.opened) {
            sp.create_us = sp.reopen_us = sp.cast_us = 10000;
            goto done;
        }
        cr[i] = ro[i] = seen.t_open;
        ca[i] = (seen.t_last - seen.t_first) / (casts - 1);
    }
    sp.create_us = cr[0];
    sp.reopen_us = (ro[1] + ro[2]) / 2;
    sp.cast_us = median3(ca[0], ca[1], ca[2]);
done:
    if (sp.cast_us < 50)
        sp.cast_us = 50;
    printf("this machine: creating a data directory %ld us, reopening %ld us, "
           "one cast %ld us\n", sp.create_us, sp.reopen_us, sp.cast_us);
    tu_rm_rf(base);
    free(dir);
    free(base);
    return sp;
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

static void phase_running(speed sp, report *reps, int cap)
{
    char *dir = tu_mkdtemp();
    store *s = NULL;
    as_err err = {{0}};
    int64_t total = 0, acked = 0;
    int in_flight_kept = 0, in_startup = 0, while_casting = 0;

    CHECK_INT(store_open(dir, sha_a, &s, &err), AS_OK);
    for (int p = 0; p < NPROP; p++)
        CHECK_INT(store_set_proposal_state(s, props[p], PROP_OPEN, &err), AS_OK);
    store_free(s);

    for (int it = 0; it < ITERATIONS; it++) {
        run_seen seen;
        kill_plan plan;
        int n;
        int64_t now;
        if (it % 4 == 0) {
            /* Anywhere in start-up: opening and recovery (about half of
             * these land before store_open returns), or the first casts. */
            plan.after_acks = 0;
            plan.delay_us = uniform(2 * sp.reopen_us);
        } else {
            /* At a random moment after the first acknowledged vote,
             * within about ten more casts. */
            plan.after_acks = 1;
            plan.delay_us = uniform(10 * sp.cast_us);
        }
        n = run_child(dir, it * BADGES_PER_CHILD, 0, plan, reps, cap, &seen);
        if (n < 0)
            break;
        in_startup += !seen.opened;
        while_casting += seen.acks > 0;
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
    printf("crash test: %d kills (%d before store_open returned, %d after "
           "acknowledged votes), %lld acknowledged votes, %lld recorded, "
           "%d kept from a commit in flight\n", ITERATIONS, in_startup,
           while_casting, (long long)acked, (long long)total, in_flight_kept);
    /* The kills really landed both in start-up and among the casts. */
    CHECK(acked > 0);
    CHECK(in_startup > 0);
    CHECK(while_casting >= ITERATIONS / 2);
    tu_rm_rf(dir);
    free(dir);
}

static void phase_fresh(speed sp, report *reps, int cap)
{
    char *base = tu_mkdtemp();
    int half_made = 0;
    for (int it = 0; it < FRESH_ITERATIONS; it++) {
        char name[32];
        char *dir;
        int n;
        run_seen seen;
        /* Anywhere while the directory is being created, or just after. */
        kill_plan plan = {0, uniform(sp.create_us + sp.create_us / 2)};
        snprintf(name, sizeof name, "d%d", it);
        dir = tu_path(base, name);
        n = run_child(dir, 0, 1, plan, reps, cap, &seen);
        if (n >= 0 && tu_exists(dir)) {
            int64_t now = verify(dir, 1, reps, n, 1000 + it);
            CHECK(now >= n && now <= n + 1);
            half_made += !seen.opened;
        }
        free(dir);
    }
    printf("fresh directories: %d of %d kills landed while the directory was "
           "being created\n", half_made, FRESH_ITERATIONS);
    CHECK(half_made > 0);
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
    {
        speed sp = measure_speed(reps, cap);
        phase_running(sp, reps, cap);
        phase_fresh(sp, reps, cap);
    }
    free(reps);
    return check_done();
}
