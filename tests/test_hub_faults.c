/* test_hub_faults.c: the hub's faults (issue 11), each against a real
 * PostgreSQL 15 with real hub_caster processes (hub_caster.c):
 *   kiosk   a kiosk SIGKILLed at a random moment while casting, 200 times;
 *   hub     the postmaster SIGKILLed while two kiosks cast, 50 times, and
 *           started again on its folder;
 *   freeze  the server and all its processes SIGSTOPped while a kiosk
 *           casts: the kiosk says "paused" within 2.5 s, records nothing
 *           it began while frozen, and carries on by itself after SIGCONT;
 *   held    the server process of a kiosk stopped in its cast's PREPARE
 *           while the kiosk gives up, reconnects and recovers: the
 *           PREPARE, run late, leaves nothing prepared;
 *   lost    a kiosk's data folder deleted mid-meeting: the facilitator's
 *           close does not publish, and names the kiosk it waits for.
 * After each fault, with every kiosk stopped and recovered: nothing left
 * in pg_prepared_xacts or in a kiosk's pending cell; each kiosk's ballots
 * == its voted flags == its marks on the hub; all marks == all ballots;
 * every badge a caster said "recorded" for is marked on the hub and
 * flagged at its kiosk; ballots exceed "recorded" lines by at most one per
 * killed caster (the cast it was killed in).
 * argv[1] (optional, else all): the parts to run, e.g. "freeze,lost"
 * (ctest runs kiosk, hub and freeze,lost side by side, each on its own
 * cluster); argv[2]: the PRNG seed (printed, for a rerun).  SKIP (77) without
 * PostgreSQL. */
#define _GNU_SOURCE
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <libpq-fe.h>
#include <sodium.h>
#include "check.h"
#include "hub_fault_proc.h"
#include "hub_store.h"
#include "hub_util.h"

#ifndef AS_HUB_CASTER
#error "AS_HUB_CASTER: the hub_caster program's path (tests/hub.cmake)"
#endif

/* What the casters said for one kiosk on the proposal under test. */
typedef struct {
    int *fresh;      /* badges said "recorded" and not checked yet */
    int nfresh, cap;
    int64_t recorded; /* all "recorded" lines */
    int64_t kills;    /* casters of this kiosk killed */
} ktally;

static ktally tally[HF_MAX_KIOSKS];
static int next_badge = 1;
static unsigned seed;

static void tally_reset(void)
{
    for (int k = 0; k < HF_MAX_KIOSKS; k++) {
        free(tally[k].fresh);
        memset(&tally[k], 0, sizeof tally[k]);
    }
}

/* Takes in the caster's "recorded" lines; returns how many. */
static int note(const hf_caster *c)
{
    ktally *t = &tally[c->kiosk];
    int got = 0;
    for (int i = 0; i < c->n; i++) {
        if (!c->lines[i].recorded)
            continue;
        if (t->nfresh == t->cap) {
            t->cap = t->cap ? t->cap * 2 : 64;
            t->fresh = realloc(t->fresh, (size_t)t->cap * sizeof *t->fresh);
            if (!t->fresh)
                abort();
        }
        t->fresh[t->nfresh++] = c->lines[i].badge;
        t->recorded++;
        got++;
    }
    return got;
}

/* The invariants, with every kiosk of 0..nk stopped and recovered.
 * Returns how many ballots exceed "recorded" lines (all kiosks). */
static int64_t invariants(hf_meeting *m, const char *prop, int nk)
{
    int64_t total = 0, extra = 0;
    CHECK_INT(hf_owner_int(m, "SELECT count(*) FROM pg_prepared_xacts", NULL), 0);
    for (int k = 0; k < nk; k++) {
        ktally *t = &tally[k];
        int64_t b = -1, v = -2;
        int pending = -1;
        char sql[160];
        snprintf(sql, sizeof sql, "SELECT coalesce((SELECT n FROM hub.kiosk_marks"
                 " WHERE kiosk = %d AND proposal = $1), 0)", m->k[k].id);
        CHECK_INT(hf_local(m, k, prop, &b, &v, &pending), 0);
        CHECK_INT(pending, 0);
        CHECK_INT(v, b);
        CHECK_INT(hf_owner_int(m, sql, prop), b);
        CHECK_MSG(b >= t->recorded && b <= t->recorded + t->kills,
                  "kiosk %d: %lld ballots, %lld recorded, %lld kills", m->k[k].id,
                  (long long)b, (long long)t->recorded, (long long)t->kills);
        if (t->nfresh) {
            CHECK_INT(hf_marked(m, prop, t->fresh, t->nfresh), t->nfresh);
            CHECK_INT(hf_local_voted(m, k, prop, t->fresh, t->nfresh), t->nfresh);
            t->nfresh = 0;
        }
        total += b;
        extra += b - t->recorded;
    }
    CHECK_INT(hf_owner_int(m, "SELECT count(*) FROM hub.marks WHERE proposal = $1",
                           prop), total);
    return extra;
}

/* Opens prop for voting (as kiosk index 0). */
static int open_proposal(hf_meeting *m, const char *prop)
{
    store *s = hf_open(m, 0);
    as_err err = {{0}};
    int ok = s && store_open_proposal(s, prop, 8, &err) == AS_OK;
    if (s && !ok)
        fprintf(stderr, "open %s: %s\n", prop, err.msg);
    store_free(s);
    return ok;
}

/* A part begins: a fresh tally, its own proposal open.  Its start time. */
static int64_t part_begin(hf_meeting *m, const char *prop)
{
    tally_reset();
    CHECK(open_proposal(m, prop));
    return hf_now_ms();
}

/* Recovery as a kiosk restart does it: hub_store_open, then stop. */
static int restart(hf_meeting *m, int k)
{
    store *s = hf_open(m, k);
    store_free(s);
    return s != NULL;
}

/* Counts c's lines: recorded, and refused for any reason. */
static void count_lines(const hf_caster *c, int *rec, int *ref)
{
    *rec = *ref = 0;
    for (int i = 0; i < c->n; i++)
        ++*(c->lines[i].recorded ? rec : ref);
}

/* (a) A kiosk SIGKILLed 0..40 ms into casting while the other casts. */
static void kiosk_kills(hf_meeting *m, int rounds)
{
    const char *prop = "pa";
    int64_t t0 = part_begin(m, prop), in_flight = 0;
    for (int r = 0; r < rounds; r++) {
        hf_caster cv, co;
        int v = (int)(rand_r(&seed) % 2), o = 1 - v, rec = 0, ref = 0;
        int b = next_badge;
        next_badge += 16;
        if (!hf_caster_start(&cv, AS_HUB_CASTER, m, v, b, b + 9, prop, "yes", 0, 0) ||
            !hf_caster_start(&co, AS_HUB_CASTER, m, o, b + 10, b + 15, prop, "no", 0, 0))
            abort();
        CHECK(hf_caster_wait_ready(&cv, 30000));
        hf_sleep_ms((long)(rand_r(&seed) % 41));
        hf_caster_kill(&cv);
        tally[v].kills++;
        CHECK_INT(hf_caster_finish(&co, 60000), 0);
        count_lines(&co, &rec, &ref);
        CHECK_INT(rec, 6); /* the other kiosk is not disturbed */
        CHECK_INT(ref, 0);
        CHECK_INT(cv.bad + co.bad, 0);
        count_lines(&cv, &rec, &ref);
        CHECK_INT(ref, 0);
        note(&cv);
        note(&co);
        CHECK(restart(m, v));
        in_flight = invariants(m, prop, 2);
        hf_caster_free(&cv);
        hf_caster_free(&co);
    }
    printf("kiosk: %d SIGKILLs, %lld + %lld recorded, %lld ballots cast in "
           "the killed moment without a \"recorded\" line, %.1f s\n", rounds,
           (long long)tally[0].recorded, (long long)tally[1].recorded,
           (long long)in_flight, (double)(hf_now_ms() - t0) / 1000);
}

/* Each badge of from..to said "recorded" exactly once by c. */
static void all_recorded(const hf_caster *c, int from, int to)
{
    int rec = 0, ref = 0;
    count_lines(c, &rec, &ref);
    CHECK_INT(rec, to - from + 1);
    for (int i = 0, want = from; i < c->n; i++)
        if (c->lines[i].recorded)
            CHECK_INT(c->lines[i].badge, want++);
}

/* SIGKILL the postmaster, wait until it is dead (gone, or a zombie no
 * one reaps: pg_ctl's child is not ours), and start the cluster again on
 * its folder. */
static int hub_restart(hf_meeting *m)
{
    char dir[256], state;
    long pm = hub_cluster_pid(m->c);
    as_err err = {{0}};
    int64_t end;
    snprintf(dir, sizeof dir, "%s", hub_cluster_dir(m->c));
    kill((pid_t)pm, SIGKILL);
    end = hf_now_ms() + 10000;
    while ((state = hf_proc_state(pm)) != 0 && state != 'Z' && hf_now_ms() < end)
        hf_sleep_ms(5);
    hub_cluster_free(m->c);
    m->c = NULL;
    if (hub_cluster_start(dir, &m->c, &err) != AS_OK) {
        fprintf(stderr, "restarting the hub: %s\n", err.msg);
        return 0;
    }
    return 1;
}

/* (b) The postmaster SIGKILLed 0..60 ms into two kiosks' casting. */
static int hub_kills(hf_meeting *m, int rounds)
{
    const char *prop = "pb";
    int64_t t0 = part_begin(m, prop), eio = 0, down, down_sum = 0, down_max = 0;
    for (int r = 0; r < rounds; r++) {
        hf_caster c[2];
        int b = next_badge, up;
        next_badge += 12;
        for (int k = 0; k < 2; k++)
            if (!hf_caster_start(&c[k], AS_HUB_CASTER, m, k, b + 6 * k,
                                 b + 6 * k + 5, prop, k ? "no" : "yes", 50, 0))
                abort();
        CHECK(hf_caster_wait_ready(&c[0], 30000) && hf_caster_wait_ready(&c[1], 30000));
        hf_sleep_ms((long)(rand_r(&seed) % 61));
        down = hf_now_ms();
        up = hub_restart(m);
        down = hf_now_ms() - down;
        down_sum += down;
        down_max = down > down_max ? down : down_max;
        CHECK(up);
        for (int k = 0; k < 2; k++) {
            int rec = 0, ref = 0;
            CHECK_INT(hf_caster_finish(&c[k], up ? 90000 : 100), 0);
            all_recorded(&c[k], b + 6 * k, b + 6 * k + 5);
            count_lines(&c[k], &rec, &ref);
            eio += ref;
            note(&c[k]);
            /* the last cast's COMMIT PREPARED may be what the kill cut */
            CHECK(up && restart(m, k));
            hf_caster_free(&c[k]);
        }
        if (!up)
            return 0;
        CHECK_INT(invariants(m, prop, 2), 0);
    }
    printf("hub: %d postmaster SIGKILLs, %lld + %lld recorded, %lld casts "
           "refused while it was down (and retried); down %lld ms on average, "
           "%lld at most; %.1f s\n", rounds, (long long)tally[0].recorded,
           (long long)tally[1].recorded, (long long)eio,
           (long long)(down_sum / rounds), (long long)down_max,
           (double)(hf_now_ms() - t0) / 1000);
    return 1;
}

/* Line i of c shows the kiosk paused (refused: the hub is unreachable). */
static int shows_paused(const hf_line *l)
{
    return l->paused || (!l->recorded && l->status == AS_EIO);
}

/* What the caster said about the freeze [f0, f1 .. thaw]. */
static void judge_freeze(const hf_caster *c, int64_t f0, int64_t f1, int64_t thaw)
{
    int64_t paused_at = -1, eio_at = -1;
    int during = 0, after = 0;
    for (int i = 0; i < c->n; i++) {
        const hf_line *l = &c->lines[i];
        if (l->t1 >= f0 && shows_paused(l) && paused_at < 0)
            paused_at = l->t1 - f0;
        if (l->t1 >= f0 && !l->recorded && l->status == AS_EIO && eio_at < 0)
            eio_at = l->t1 - f0;
        /* a cast begun once the hub was frozen is never recorded then */
        if (l->recorded && l->t0 > f1 && l->t1 < thaw)
            during++;
        after += l->recorded && l->t0 > thaw;
    }
    CHECK_MSG(paused_at >= 0 && paused_at <= 2500, "paused after %lld ms",
              (long long)paused_at);
    CHECK_MSG(eio_at >= 0, "no cast refused while the hub was frozen");
    CHECK_INT(during, 0);
    CHECK_MSG(after > 0, "the kiosk did not resume by itself");
    printf("freeze: the kiosk showed \"paused\" %lld ms and refused a cast "
           "(AS_EIO) %lld ms after the freeze; %d casts recorded after the "
           "thaw\n", (long long)paused_at, (long long)eio_at, after);
}

/* (c) The server frozen 4 s while a kiosk casts, then thawed. */
static void freeze_rounds(hf_meeting *m, int rounds)
{
    const char *prop = "pc";
    part_begin(m, prop);
    for (int r = 0; r < rounds; r++) {
        hf_caster c;
        int b = next_badge;
        int64_t f0, f1, thaw;
        next_badge += 60;
        if (!hf_caster_start(&c, AS_HUB_CASTER, m, 0, b, b + 59, prop, "yes", 100, 0))
            abort();
        CHECK(hf_caster_wait_ready(&c, 30000));
        hf_caster_read_for(&c, 100 + rand_r(&seed) % 301);
        /* checkpointer, background writer, walwriter, ... and backends */
        CHECK(hf_freeze(m, &c, 4000, &f0, &f1, &thaw) >= 3);
        CHECK_INT(hf_caster_finish(&c, 120000), 0);
        judge_freeze(&c, f0, f1, thaw);
        all_recorded(&c, b, b + 59);
        note(&c);
        /* the kiosk recovered by itself: no restart before this check */
        CHECK_INT(invariants(m, prop, 1), 0);
        hf_caster_free(&c);
    }
}

/* (c') A cast's PREPARE held up: the kiosk's server process is stopped
 * in the middle of the kiosk's only cast, for 2.5 s; the kiosk gives up
 * on that connection (the voter is told "not recorded" and walks away),
 * reconnects and recovers while it ticks, and the held-up PREPARE then
 * runs.  It must not stay prepared behind the kiosk's back (it would hold
 * that badge, and the close, until the kiosk next recovered): nothing in
 * pg_prepared_xacts after the kiosk idled 3 s, the refused badge
 * unmarked, the invariants. */
static void held_prepare_rounds(hf_meeting *m, int rounds)
{
    const char *prop = "pe";
    PGconn *owner = PQconnectdb(hf_owner(m));
    int caught = 0, stray = 0;
    part_begin(m, prop);
    for (int r = 0; r < rounds; r++) {
        hf_caster c;
        int b = next_badge++, rec = 0, ref = 0;
        long pid;
        long long left;
        if (!hf_caster_start(&c, AS_HUB_CASTER, m, 1, b, b, prop, "no", 0, 3000))
            abort();
        pid = hf_stop_at_prepare(owner, m, 1, 20000);
        if (pid > 0) {
            caught++;
            hf_caster_read_for(&c, 2500);
            kill((pid_t)pid, SIGCONT);
        }
        CHECK_INT(hf_caster_finish(&c, 60000), 0);
        count_lines(&c, &rec, &ref);
        CHECK_INT(rec + ref, 1);
        note(&c);
        left = hf_owner_int(m, "SELECT count(*) FROM pg_prepared_xacts", NULL);
        stray += left > 0;
        CHECK_INT(left, 0);
        CHECK_INT(hf_marked(m, prop, &b, 1), rec);
        CHECK(restart(m, 1)); /* for the invariants, whatever was left */
        CHECK_INT(invariants(m, prop, 2), 0);
        hf_caster_free(&c);
    }
    PQfinish(owner);
    CHECK_MSG(caught * 2 >= rounds, "the PREPARE was caught in only %d of %d "
              "rounds", caught, rounds);
    printf("held: %d of %d casts stopped in their PREPARE; %d left a prepared "
           "transaction behind\n", caught, rounds, stray);
}

/* (d) Kiosk 4's data folder deleted mid-meeting (it is stopped). */
static void lost_folder(hf_meeting *m)
{
    const char *prop = "pd", *ids[1] = {prop};
    store *s3 = hf_open(m, 2), *s4 = hf_open(m, 3);
    store_kiosk rows[HF_MAX_KIOSKS];
    as_err err = {{0}};
    as_status st;
    int n = 0;

    CHECK(s3 && s4);
    if (!s3 || !s4)
        return;
    CHECK_INT(store_open_proposal(s3, prop, 8, &err), AS_OK);
    for (int i = 0; i < 5; i++) {
        uint8_t h[32];
        hf_badge(900000 + i, h);
        CHECK_INT(store_cast_text(s3, prop, h, "yes", &err), AS_OK);
        hf_badge(900100 + i, h);
        CHECK_INT(store_cast_text(s4, prop, h, "no", &err), AS_OK);
    }
    store_free(s4);
    CHECK_INT(hub_test_rm_rf(m->k[3].data), 0);
    st = store_set_proposal_state(s3, prop, PROP_CLOSED, &err);
    CHECK_INT(st, AS_ESTATE);
    CHECK_MSG(strstr(err.msg, "kiosk 4") != NULL, "%s", err.msg);
    printf("lost: the facilitator's close says: %s\n", err.msg);
    CHECK_INT(store_kiosks(s3, prop, rows, HF_MAX_KIOSKS, &n, &err), AS_OK);
    for (int i = 0; i < n; i++)
        printf("lost: kiosk %d (%s): %s, %lld marks, delivered %lld\n", rows[i].id,
               rows[i].name, rows[i].online ? "online" : "offline",
               (long long)rows[i].marks, (long long)rows[i].delivered);
    /* Kiosk 4 started again on an empty folder: its key (device.key)
     * was in the folder, so it comes with a new one, which the hub
     * refuses; with its old key (kept elsewhere) it opens, and finds it
     * holds none of the ballots the hub counts from it. */
    {
        uint8_t pk[32], sk[64];
        crypto_sign_keypair(pk, sk);
        s4 = NULL;
        st = hub_store_open(m->k[3].data, m->k[3].conninfo, m->sha, pk, sk, &s4, &err);
        CHECK_INT(st, AS_EMISMATCH);
        printf("lost: kiosk 4 on an empty folder with a new key: %s\n", err.msg);
        store_free(s4);
    }
    s4 = NULL;
    st = hub_store_open(m->k[3].data, m->k[3].conninfo, m->sha, m->k[3].pk,
                        m->k[3].sk, &s4, &err);
    CHECK_INT(st, AS_OK);
    if (st == AS_OK) {
        st = hub_store_tick(s4, ids, 1, &err);
        CHECK_INT(st, AS_ECORRUPT); /* it hands in no short list */
        printf("lost: kiosk 4 on an empty folder with its old key, its tick: "
               "%s\n", err.msg);
    }
    st = store_set_proposal_state(s3, prop, PROP_CLOSED, &err);
    CHECK_INT(st, AS_ESTATE);
    CHECK_MSG(strstr(err.msg, "kiosk 4") != NULL, "%s", err.msg);
    printf("lost: the close again: %s\n", err.msg);
    CHECK_INT(hf_owner_int(m, "SELECT state FROM hub.proposals WHERE id = $1", prop), 2);
    CHECK_INT(hf_owner_int(m, "SELECT count(*) FROM hub.events WHERE text LIKE "
                           "'%closed pd %'", NULL), 0);
    store_free(s4);
    store_free(s3);
}

int main(int argc, char **argv)
{
    hf_meeting m;
    const char *part = argc > 1 ? argv[1] : "all";
    int up = hf_setup(&m, 4), all = !strcmp(part, "all");
#define PART(name) (all || strstr(part, name))

    HF_REQUIRE_HUB(up);
    seed = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 10) : randombytes_random();
    printf("seed %u (rerun: %s %s %u)\n", seed, argv[0], part, seed);
    fflush(stdout);
    if (PART("kiosk"))
        kiosk_kills(&m, 200);
    if (PART("freeze"))
        freeze_rounds(&m, 3);
    if (PART("held"))
        held_prepare_rounds(&m, 8);
    if (PART("lost"))
        lost_folder(&m);
    if (PART("hub"))
        hub_kills(&m, 50);
    tally_reset();
    hf_teardown(&m);
    return check_done();
}
