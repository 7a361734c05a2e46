/* test_desk_flows.c: the check-in desk and card mode end to end, through
 * the replay harness: the real program (SDL's offscreen driver, real
 * SQLite files) with `kiosk --mode desk` and the vote kiosk on
 * tests/data/desk, scripts tests/replay/desk-*.replay.  Two data
 * directories, one per meeting: badges vote (desk-01, desk-02) and
 * voting cards (desk-03 at the desk, desk-04 at the vote kiosk, with the
 * cards of tests/data/desk/cards.txt registered the way `asamblea cards`
 * does, by keyed hash).  Afterwards the store is read back: who is in,
 * the facilitator figure, ballots.  Screenshots land in
 * AS_BUILD_DIR/shots/desk for people to look at. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sodium.h>
#include "check.h"
#include "test_replay_util.h"
#include "meeting.h"
#include "store_sqlite.h"
#include "token.h"

#define DESK AS_TEST_DATA "/desk"

static char tmp[64], shots[256];

static int replay(const char *yaml, const char *data, const char *mode,
                  const char *script)
{
    rp_kiosk k = {yaml, data, mode, shots, NULL, NULL};
    return rp_replay(&k, script);
}

/* with_store: opens data for meeting yaml (the kiosk's own checks run on
 * it later); NULL on failure, already reported. */
static store *with_store(const char *yaml, const char *data, meeting **m)
{
    diag_list d;
    as_err err = {{0}};
    store *st = NULL;
    diag_init(&d);
    as_status rc = meeting_load(yaml, m, &d);
    CHECK_MSG(rc == AS_OK, "%s: %s", yaml, d.n ? d.lines[0] : "?");
    diag_free(&d);
    if (rc != AS_OK)
        return NULL;
    rc = store_open(data, (*m)->sha256, &st, &err);
    CHECK_MSG(rc == AS_OK, "store_open %s: %s", data, err.msg);
    return st;
}

static int is_in(store *st, const meeting *m, int row)
{
    uint8_t h[TOKEN_HASH_SIZE];
    int yes = -1;
    as_err err;
    token_hash(store_key(st), roster_get(m->roster, row)->token, h);
    CHECK_INT(store_is_checked_in(st, h, &yes, &err), AS_OK);
    return yes;
}

static int64_t count(as_status (*fn)(store *, int64_t *, as_err *), store *st)
{
    int64_t n = -1;
    as_err err;
    CHECK_INT(fn(st, &n, &err), AS_OK);
    return n;
}

static void register_cards(const char *data)
{
    meeting *m = NULL;
    store *st = with_store(DESK "/meeting-cards.yaml", data, &m);
    uint8_t h[8][TOKEN_HASH_SIZE];
    char line[64], tok[TOKEN_TEXT_SIZE];
    int n = 0;
    FILE *f = fopen(DESK "/cards.txt", "r");
    CHECK(f != NULL);
    while (st && f && n < 8 && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        CHECK_INT(token_normalize(line, strlen(line), tok), AS_OK);
        token_hash(store_key(st), tok, h[n++]);
    }
    if (f)
        fclose(f);
    CHECK_INT(n, 3);
    if (st) {
        as_err err;
        CHECK_INT(store_add_cards(st, (const uint8_t(*)[TOKEN_HASH_SIZE])h, n,
                                  &err), AS_OK);
    }
    store_free(st);
    meeting_free(m);
}

int main(void)
{
    char badges[128], cards[128];
    meeting *m = NULL;
    store *st;

    if (sodium_init() < 0)
        return 1;
    snprintf(tmp, sizeof tmp, "/tmp/asamblea-desk-XXXXXX");
    if (!mkdtemp(tmp)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(badges, sizeof badges, "%s/badges", tmp);
    snprintf(cards, sizeof cards, "%s/cards", tmp);
    snprintf(shots, sizeof shots, "%s/shots/desk", AS_BUILD_DIR);
    setenv("SDL_VIDEODRIVER", "offscreen", 1);

    /* Badges vote: the desk. */
    CHECK_INT(replay(DESK "/meeting.yaml", badges, "desk", "desk-01-checkin"), 0);
    CHECK_INT(replay(DESK "/meeting.yaml", badges, "desk", "desk-02-by-name"), 0);
    if ((st = with_store(DESK "/meeting.yaml", badges, &m))) {
        /* Rosa, Ana, Ben, José: in.  The Marías, Zoë, Tom: not. */
        static const int want[] = {1, 1, 1, 1, 0, 0, 0, 0};
        for (int i = 0; i < 8; i++)
            CHECK_MSG(is_in(st, m, i) == want[i], "roster row %d: in %d", i,
                      is_in(st, m, i));
        CHECK_INT(count(store_checked_in_count, st), 4);
        CHECK_INT(count(store_facilitator_checkin_count, st), 1);
        int64_t nb = -1;
        as_err err;
        CHECK_INT(store_ballot_count(st, "garden", &nb, &err), AS_OK);
        CHECK_INT(nb, 0);
    }
    store_free(st);
    meeting_free(m);
    m = NULL;

    /* Voting cards: the desk, then the vote kiosk. */
    register_cards(cards);
    CHECK_INT(replay(DESK "/meeting-cards.yaml", cards, "desk",
                     "desk-03-cards-desk"), 0);
    CHECK_INT(replay(DESK "/meeting-cards.yaml", cards, "vote",
                     "desk-04-cards-vote"), 0);
    if ((st = with_store(DESK "/meeting-cards.yaml", cards, &m))) {
        int64_t nb = -1, voted = -1;
        as_err err;
        CHECK_INT(count(store_checked_in_count, st), 2); /* Ben, Ana */
        CHECK_INT(is_in(st, m, 0), 0); /* the facilitator only opened */
        CHECK_INT(store_ballot_count(st, "garden", &nb, &err), AS_OK);
        CHECK_INT(nb, 2);
        CHECK_INT(store_voted_count(st, "garden", &voted, &err), AS_OK);
        CHECK_INT(voted, 2);
    }
    store_free(st);
    meeting_free(m);

    /* --mode takes vote or desk only, with a one-line answer. */
    {
        char *argv[] = {"asamblea", "kiosk", "--meeting", DESK "/meeting.yaml",
                        "--data", badges, "--mode", "door", NULL};
        CHECK_INT(rp_run(argv), 2);
    }

    rp_rm_rf(tmp);
    return check_done();
}
