/* test_store_mem.c: the store interface (store.h) proved with a second
 * implementation: a small in-memory store, here in the test, under the
 * session.  The binary links the core (as_core) and no SQLite store and
 * no SQLite: check-in, a vote, the close and the counted result all run
 * through store_* entry points and this table.  It keeps the interface's
 * rules as a toy can: ballots apart from the voted marks, in random-id
 * order (never cast order), a cast all or nothing.  Operations the
 * session never needs are left NULL, and the entry points say so. */
#include <sodium.h>
#include "check.h"
#include "meeting.h"
#include "record.h"
#include "session.h"
#include "store.h"
#include "tally.h"
#include "test_demo_util.h"

enum { ANA = 0, MARCUS = 1, LUCIA = 2, TOM = 3, ROSA = 4 };
enum { P_TIME = 1 }; /* meeting-time: yes-no-abstain */

#define MEM_PEOPLE 64
#define MEM_PROPS 16
#define MEM_BALLOTS 64

typedef struct {
    uint8_t id[BALLOT_ID_SIZE];
    char text[BALLOT_TEXT_MAX + 1];
} mem_ballot;

typedef struct {
    char id[MEETING_ID_MAX];
    prop_state st;
    uint8_t voted[MEM_PEOPLE][TOKEN_HASH_SIZE]; /* marks, kept apart */
    int nvoted;
    mem_ballot ballots[MEM_BALLOTS]; /* ascending id: no order of casting */
    int nballots;
    int64_t checked_in_at_close;
    uint8_t root[RECORD_HASH_SIZE];
} mem_prop;

typedef struct {
    store base; /* first: the interface's object */
    uint8_t key[TOKEN_KEY_SIZE];
    uint8_t present[MEM_PEOPLE][TOKEN_HASH_SIZE];
    int npresent;
    mem_prop props[MEM_PROPS];
    int nprops;
} mem_store;

static mem_store *mem(store *b) { return (mem_store *)b; }

static mem_prop *prop(store *b, const char *id, int make)
{
    mem_store *m = mem(b);
    for (int i = 0; i < m->nprops; i++)
        if (!strcmp(m->props[i].id, id))
            return &m->props[i];
    if (!make || m->nprops == MEM_PROPS)
        return NULL;
    mem_prop *p = &m->props[m->nprops++];
    snprintf(p->id, sizeof p->id, "%s", id);
    return p;
}

static int find_hash(uint8_t (*set)[TOKEN_HASH_SIZE], int n,
                     const uint8_t h[TOKEN_HASH_SIZE])
{
    for (int i = 0; i < n; i++)
        if (!memcmp(set[i], h, TOKEN_HASH_SIZE))
            return i;
    return -1;
}

static void mem_free(store *b)
{
    if (b)
        sodium_memzero(b, sizeof(mem_store));
    free(b);
}

static const uint8_t *mem_key(const store *b)
{
    return ((const mem_store *)b)->key;
}

static as_status mem_enroll(store *b, const uint8_t (*h)[TOKEN_HASH_SIZE], int n,
                            as_err *err)
{
    (void)b, (void)h, (void)n, (void)err;
    return AS_OK; /* nothing made ahead in memory: no file to leak an order */
}

static as_status mem_checkin(store *b, const uint8_t badge[TOKEN_HASH_SIZE],
                             int *was_new, as_err *err)
{
    mem_store *m = mem(b);
    int known = find_hash(m->present, m->npresent, badge) >= 0;
    if (was_new)
        *was_new = !known;
    if (known)
        return AS_OK;
    if (m->npresent == MEM_PEOPLE)
        return as_err_set(err, AS_EFULL, "memory store: full");
    memcpy(m->present[m->npresent++], badge, TOKEN_HASH_SIZE);
    return AS_OK;
}

static as_status mem_is_checked_in(store *b, const uint8_t badge[TOKEN_HASH_SIZE],
                                   int *yes, as_err *err)
{
    (void)err;
    *yes = find_hash(mem(b)->present, mem(b)->npresent, badge) >= 0;
    return AS_OK;
}

static as_status mem_checked_in_count(store *b, int64_t *n, as_err *err)
{
    (void)err;
    *n = mem(b)->npresent;
    return AS_OK;
}

static as_status mem_zero_count(store *b, int64_t *n, as_err *err)
{
    (void)b, (void)err;
    *n = 0; /* nobody is checked in by a facilitator here */
    return AS_OK;
}

static as_status mem_is_card(store *b, const uint8_t hash[TOKEN_HASH_SIZE],
                             int *yes, as_err *err)
{
    (void)b, (void)hash, (void)err;
    *yes = 0;
    return AS_OK;
}

static as_status mem_proposal_state(store *b, const char *id, prop_state *st,
                                    as_err *err)
{
    mem_prop *p = prop(b, id, 0);
    (void)err;
    *st = p ? p->st : PROP_DRAFT;
    return AS_OK;
}

/* close_root: the Merkle root of the ballot list, as the SQLite store's
 * closed event records it (docs/export-format.md §2). */
static void close_root(mem_prop *p)
{
    uint8_t leaves[MEM_BALLOTS][RECORD_HASH_SIZE];
    char line[RECORD_TEXT_LINE_MAX];
    for (int i = 0; i < p->nballots; i++) {
        const mem_ballot *x = &p->ballots[i];
        size_t n = record_ballot_text_line(x->id, x->text, strlen(x->text), line,
                                           sizeof line);
        record_leaf_hash(line, n, leaves[i]);
    }
    record_merkle_root(leaves, (size_t)p->nballots, p->root);
}

static as_status mem_set_state(store *b, const char *id, prop_state to,
                               as_err *err)
{
    mem_prop *p = prop(b, id, 1);
    if (!p)
        return as_err_set(err, AS_EFULL, "memory store: full");
    if (!((p->st == PROP_DRAFT && to == PROP_OPEN) ||
          (p->st == PROP_OPEN && to == PROP_CLOSED)))
        return as_err_set(err, AS_ESTATE, "%s: not allowed now", id);
    if (to == PROP_CLOSED) {
        p->checked_in_at_close = mem(b)->npresent;
        close_root(p);
    }
    p->st = to;
    return AS_OK;
}

static as_status mem_open_proposal(store *b, const char *id, int width,
                                   as_err *err)
{
    (void)width;
    return mem_set_state(b, id, PROP_OPEN, err);
}

static as_status mem_has_voted(store *b, const char *id,
                               const uint8_t badge[TOKEN_HASH_SIZE], int *yes,
                               as_err *err)
{
    mem_prop *p = prop(b, id, 0);
    (void)err;
    *yes = p && find_hash(p->voted, p->nvoted, badge) >= 0;
    return AS_OK;
}

/* mem_cast_text: every check first, then both writes: all or nothing. */
static as_status mem_cast_text(store *b, const char *id,
                               const uint8_t badge[TOKEN_HASH_SIZE],
                               const char *choice, as_err *err)
{
    mem_prop *p = prop(b, id, 0);
    mem_ballot x;
    int k = 0;

    if (!p || p->st != PROP_OPEN || find_hash(p->voted, p->nvoted, badge) >= 0)
        return as_err_set(err, AS_ESTATE, "%s: not open, or voted already", id);
    if (p->nballots == MEM_BALLOTS || strlen(choice) > BALLOT_TEXT_MAX)
        return as_err_set(err, AS_EFULL, "memory store: full");
    randombytes_buf(x.id, sizeof x.id);
    snprintf(x.text, sizeof x.text, "%s", choice);
    while (k < p->nballots && memcmp(p->ballots[k].id, x.id, BALLOT_ID_SIZE) < 0)
        k++;
    memmove(&p->ballots[k + 1], &p->ballots[k],
            (size_t)(p->nballots - k) * sizeof x);
    p->ballots[k] = x;
    p->nballots++;
    memcpy(p->voted[p->nvoted++], badge, TOKEN_HASH_SIZE);
    return AS_OK;
}

static as_status mem_voted_count(store *b, const char *id, int64_t *n,
                                 as_err *err)
{
    mem_prop *p = prop(b, id, 0);
    (void)err;
    *n = p ? p->nvoted : 0;
    return AS_OK;
}

static as_status mem_each_ballot_text(store *b, const char *id,
                                      store_ballot_text_fn fn, void *ud,
                                      as_err *err)
{
    mem_prop *p = prop(b, id, 0);
    as_status st = AS_OK;
    (void)err;
    for (int i = 0; p && i < p->nballots && st == AS_OK; i++)
        st = fn(ud, p->ballots[i].id, p->ballots[i].text,
                strlen(p->ballots[i].text));
    return st;
}

static as_status mem_counts(store *b, const char *id, int64_t *counts,
                            int nchoices, as_err *err)
{
    mem_prop *p = prop(b, id, 0);
    memset(counts, 0, sizeof *counts * (size_t)nchoices);
    for (int i = 0; p && i < p->nballots; i++) {
        int c = record_choice_parse(p->ballots[i].text, strlen(p->ballots[i].text));
        if (c < 0 || c >= nchoices)
            return as_err_set(err, AS_ECORRUPT, "%s: not a yes/no ballot", id);
        counts[c]++;
    }
    return AS_OK;
}

static as_status mem_closed_info(store *b, const char *id, int64_t *checked_in,
                                 uint8_t root[32], as_err *err)
{
    mem_prop *p = prop(b, id, 0);
    if (!p || p->st != PROP_CLOSED)
        return as_err_set(err, AS_ESTATE, "%s: not closed", id);
    *checked_in = p->checked_in_at_close;
    memcpy(root, p->root, RECORD_HASH_SIZE);
    return AS_OK;
}

static const store_ops mem_ops = {
    .name = "memory",
    .free = mem_free,
    .key = mem_key,
    .enroll = mem_enroll,
    .checkin = mem_checkin,
    .is_checked_in = mem_is_checked_in,
    .checked_in_count = mem_checked_in_count,
    .facilitator_checkin_count = mem_zero_count,
    .is_card = mem_is_card,
    .proposal_state = mem_proposal_state,
    .set_proposal_state = mem_set_state,
    .open_proposal = mem_open_proposal,
    .has_voted = mem_has_voted,
    .cast_text = mem_cast_text,
    .voted_count = mem_voted_count,
    .counts = mem_counts,
    .each_ballot_text = mem_each_ballot_text,
    .closed_info = mem_closed_info,
};

static store *mem_new(void)
{
    mem_store *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->base.ops = &mem_ops;
    randombytes_buf(m->key, sizeof m->key);
    return &m->base;
}

typedef struct {
    meeting *m;
    store *st;
    session *s;
    uint64_t now;
} fixture;

static void scan_member(fixture *fx, int who)
{
    const char *t = roster_get(fx->m->roster, who)->token;
    session_scan(fx->s, t, strlen(t), fx->now += 1000);
}

static void act(fixture *fx, int action, int arg)
{
    session_action(fx->s, action, arg, fx->now += 1000);
}

static int setup(fixture *fx)
{
    diag_list d;
    memset(fx, 0, sizeof *fx);
    fx->now = 5000;
    diag_init(&d);
    as_status st = meeting_from_memory("demo.yaml", demo_yaml(),
                                       strlen(demo_yaml()), demo_roster(), &fx->m,
                                       &d);
    CHECK_MSG(st == AS_OK, "demo meeting: %s", d.n ? d.lines[0] : "?");
    diag_free(&d);
    if (st != AS_OK || !(fx->st = mem_new()))
        return 0;
    CHECK_INT(session_new(fx->m, fx->st, NULL, &fx->s), AS_OK);
    return fx->s != NULL;
}

static void teardown(fixture *fx)
{
    session_free(fx->s);
    store_free(fx->st);
    meeting_free(fx->m);
}

/* check-in -> vote -> close -> result, through the session alone. */
static void test_session_over_memory(void)
{
    fixture fx;
    as_err err = {{0}};
    if (!setup(&fx))
        goto out;
    scan_member(&fx, ROSA); /* the facilitator opens the vote */
    CHECK_INT(session_snapshot(fx.s)->view.screen, SCR_FAC_HOME);
    act(&fx, ACT_FAC_OPEN, P_TIME);
    act(&fx, ACT_CONFIRM, 0);
    CHECK_INT(session_snapshot(fx.s)->props[P_TIME].fig.state, PROP_OPEN);
    act(&fx, ACT_FAC_LEAVE, 0);

    const int who[3] = {ANA, MARCUS, LUCIA};
    const int pick[3] = {CHOICE_YES, CHOICE_YES, CHOICE_NO};
    for (int k = 0; k < 3; k++) {
        scan_member(&fx, who[k]);
        act(&fx, ACT_LANG, 0);
        act(&fx, ACT_PROPOSAL, P_TIME);
        act(&fx, ACT_CHOOSE, pick[k]);
        act(&fx, ACT_CAST, 0);
        CHECK_INT(session_snapshot(fx.s)->view.screen, SCR_RECORDED);
        act(&fx, ACT_FINISH, 0);
    }
    /* A second vote by the same badge is refused by the store. */
    int yes = 0;
    uint8_t h[TOKEN_HASH_SIZE];
    token_hash(store_key(fx.st), roster_get(fx.m->roster, ANA)->token, h);
    CHECK_INT(store_has_voted(fx.st, fx.m->props[P_TIME].id, h, &yes, &err), AS_OK);
    CHECK_INT(yes, 1);
    CHECK_INT(store_cast(fx.st, fx.m->props[P_TIME].id, h, CHOICE_NO, &err),
              AS_ESTATE);

    scan_member(&fx, ROSA);
    act(&fx, ACT_FAC_PROPOSAL, P_TIME);
    const snapshot *sn = session_snapshot(fx.s);
    CHECK_INT(sn->checked_in, 3);
    CHECK_INT(sn->props[P_TIME].fig.voted, 3);
    act(&fx, ACT_FAC_CLOSE, P_TIME);
    act(&fx, ACT_CONFIRM, 0);
    sn = session_snapshot(fx.s);
    const snapshot_proposal *p = &sn->props[P_TIME];
    CHECK_INT(p->status, AS_OK);
    CHECK_INT(p->fig.state, PROP_CLOSED);
    CHECK_INT(p->fig.checked_in, 3);
    CHECK_INT(p->fig.counts[CHOICE_YES], 2);
    CHECK_INT(p->fig.counts[CHOICE_NO], 1);
    CHECK_MSG(p->result != NULL, "no result: %s", p->err.msg);
    if (p->result) {
        CHECK_INT(p->result->ballots, 3);
        CHECK_INT(p->result->counts[CHOICE_YES], 2);
        CHECK_INT(p->result->verdict, TALLY_PASSED); /* 2 of 3: majority */
    }
    /* What this store leaves out is refused in words, never a crash. */
    int64_t n = 0;
    CHECK_INT(store_attended_count(fx.st, &n, &err), AS_ESTATE);
    CHECK(strstr(err.msg, "memory") != NULL);
    CHECK_INT(store_checked_in_count(NULL, &n, &err), AS_EINVAL);
out:
    teardown(&fx);
}

int main(void)
{
    if (sodium_init() < 0) {
        CHECK_MSG(0, "sodium_init failed");
        return check_done();
    }
    test_session_over_memory();
    return check_done();
}
