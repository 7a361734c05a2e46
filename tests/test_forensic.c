/* test_forensic.c: the audit's attack on the card, as the audit did it.
 *
 * A small ext4 image is loop-mounted with the appliance's exact mount
 * options (read from firmware/appliance/.../var-lib-asamblea.mount).
 * The real kiosk (SDL offscreen, replay script) checks in 30 badges in a
 * random order and they vote with random choices.  Meanwhile, the data
 * folder is copied at random moments; after the last vote the proposal
 * is closed and the image unmounted and read raw.  An attacker who holds
 * the card (so the roster's tokens and secret.key: docs/storage.md,
 * "Threat model") then tries to attribute ballots to badges with the
 * best methods we know:
 *   - cell order, on every mid-vote copy: voted flags and filled ballot
 *     slots ranked by their offsets in the files and paired (in both
 *     directions, the attacker keeps the better);
 *   - page versions, on the raw image: every copy of a voted row or a
 *     ballot slot anywhere on the partition (live file, freed blocks,
 *     SQLite journals, ext4's journal); a row set in more copies was set
 *     earlier; voters and slots ranked by that and paired.
 * Each voter's choice guessed that way must be right no more often than
 * chance: at most the majority-guess baseline plus 3 standard errors,
 * over 3 runs.  A control run mounts the same image with data=journal
 * (ext4 then keeps a copy of every changed data block in its journal):
 * the page-version attack must succeed there (at least 80%), which shows
 * the attack works and that the mount option matters.
 *
 * Needs root, loop devices and mkfs.ext4: otherwise it says SKIP and
 * exits 77.  AS_SEED replays a run; AS_FORENSIC_DEBUG=1 runs only the
 * control and prints every estimated position; AS_FORENSIC_KEEP=1 keeps
 * the images. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <sodium.h>
#include <sqlite3.h>
#include "check.h"
#include "test_kiosk_util.h"

#define NV 30
#define IMG_MB 64
#define UNIT "/firmware/appliance/usr/lib/systemd/system/var-lib-asamblea.mount"

static const char *const choice_word[3] = {"Yes", "No", "Abstain"};
static const char *const choice_text[3] = {"yes", "no", "abstain"};
static uint64_t rng_state;

static uint32_t rnd(void)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(rng_state >> 33);
}

static int run_cmd(const char *cmd)
{
    int rc = system(cmd);
    return rc == -1 ? -1 : WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

/* The Options= line of the appliance's data partition mount unit. */
static int appliance_options(char *out, size_t size)
{
    char path[4096], line[1024];
    FILE *f;
    int found = 0;
    snprintf(path, sizeof path, "%s%s", AS_SOURCE_DIR, UNIT);
    if (!(f = fopen(path, "r")))
        return 0;
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, "Options=", 8)) {
            line[strcspn(line, "\n")] = '\0';
            snprintf(out, size, "%s", line + 8);
            found = 1;
        }
    fclose(f);
    return found;
}

static uint8_t *slurp(const char *path, long *len)
{
    FILE *f = fopen(path, "rb");
    uint8_t *b = NULL;
    long n;
    *len = 0;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    b = malloc((size_t)n + 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    fclose(f);
    if (b)
        *len = n;
    return b;
}

/* What the attacker guesses: for each voter, a choice (-1: none). */
typedef struct {
    int right, tried;
} score;

/* Pairs voters and slots ranked by key (ascending), in both directions,
 * and adds the better direction's hits to sc.  vkey/skey: one number per
 * voter/slot; truth[v]: the voter's real choice; slot_choice[s]. */
static int cmp_key_idx(const void *a, const void *b)
{
    const double *x = a, *y = b;
    return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : (x[1] > y[1]) - (x[1] < y[1]);
}

static void pair_up(const double *vkey, const int *truth, int nv,
                    const double *skey, const int *slot_choice, int ns, score *sc)
{
    double (*v)[2] = malloc(sizeof *v * (size_t)(nv + 1));
    double (*s)[2] = malloc(sizeof *s * (size_t)(ns + 1));
    int n = nv < ns ? nv : ns, fwd = 0, rev = 0;
    for (int i = 0; i < nv; i++) {
        v[i][0] = vkey[i];
        v[i][1] = i;
    }
    for (int i = 0; i < ns; i++) {
        s[i][0] = skey[i];
        s[i][1] = i;
    }
    qsort(v, (size_t)nv, sizeof *v, cmp_key_idx);
    qsort(s, (size_t)ns, sizeof *s, cmp_key_idx);
    for (int k = 0; k < n; k++) {
        fwd += truth[(int)v[k][1]] == slot_choice[(int)s[k][1]];
        rev += truth[(int)v[k][1]] == slot_choice[(int)s[n - 1 - k][1]];
    }
    sc->right += fwd > rev ? fwd : rev;
    sc->tried += n;
    free(v);
    free(s);
}

/* Pairs each voter (smallest key first) with the unpaired slot whose key
 * is nearest: where some versions are missing, equal positions are a
 * stronger hint than equal ranks.  Returns the hits. */
static int pair_nearest(const double *vkey, const int *truth, int nv,
                        const double *skey, const int *slot_choice, int ns)
{
    int *used = calloc((size_t)ns + 1, sizeof *used), *done = calloc((size_t)nv + 1, sizeof *done);
    int hits = 0;
    for (int round = 0; round < nv && round < ns; round++) {
        int v = -1, best = -1;
        for (int i = 0; i < nv; i++)
            if (!done[i] && (v < 0 || vkey[i] < vkey[v]))
                v = i;
        for (int j = 0; j < ns; j++)
            if (!used[j] && (best < 0 || fabs(skey[j] - vkey[v]) < fabs(skey[best] - vkey[v])))
                best = j;
        done[v] = used[best] = 1;
        hits += truth[v] == slot_choice[best];
    }
    free(used);
    free(done);
    return hits;
}

/* The live state of a copy, read with SQLite as the attacker would:
 * which of the hashes voted on p0, and the filled slots (id, choice). */
typedef struct {
    int voted[NV];
    int nslots;
    uint8_t ids[NV + 64][16];
    int choice[NV + 64];
} live;

static int read_live(const char *dir, uint8_t (*h)[32], live *L)
{
    char path[4200];
    sqlite3 *db = NULL;
    sqlite3_stmt *q = NULL;
    int ok = 0;
    memset(L, 0, sizeof *L);
    snprintf(path, sizeof path, "file:%s/meeting.db?immutable=1", dir);
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL))
        goto done;
    snprintf(path, sizeof path, "ATTACH 'file:%s/ballots.db?immutable=1' AS b", dir);
    if (sqlite3_exec(db, path, NULL, NULL, NULL))
        goto done;
    if (sqlite3_prepare_v2(db, "SELECT voted FROM voted WHERE proposal = 'p0'"
                           " AND badge = ?1", -1, &q, NULL))
        goto done;
    for (int i = 0; i < NV; i++) {
        sqlite3_bind_blob(q, 1, h[i], 32, SQLITE_STATIC);
        if (sqlite3_step(q) == SQLITE_ROW)
            L->voted[i] = sqlite3_column_int(q, 0) == 1;
        sqlite3_reset(q);
    }
    sqlite3_finalize(q);
    q = NULL;
    if (sqlite3_prepare_v2(db, "SELECT id, slot FROM b.ballots WHERE proposal ="
                           " 'p0' AND filled = 1", -1, &q, NULL))
        goto done;
    while (sqlite3_step(q) == SQLITE_ROW && L->nslots < NV + 64) {
        const char *t = sqlite3_column_blob(q, 1);
        memcpy(L->ids[L->nslots], sqlite3_column_blob(q, 0), 16);
        L->choice[L->nslots] = -1;
        for (int c = 0; c < 3 && t; c++)
            if (!strcmp(t, choice_text[c]))
                L->choice[L->nslots] = c;
        L->nslots++;
    }
    ok = 1;
done:
    sqlite3_finalize(q);
    sqlite3_close(db);
    return ok;
}

/* Cell-order attack on one copy of the folder. */
static void attack_copy(const char *dir, uint8_t (*h)[32], const int *truth,
                        score *sc)
{
    char mp[4200], bp[4200];
    long mlen, blen;
    uint8_t *mf, *bf;
    live L;
    double vkey[NV], skey[NV + 64];
    int vt[NV], nv = 0;

    if (!read_live(dir, h, &L) || L.nslots < 5)
        return;
    snprintf(mp, sizeof mp, "%s/meeting.db", dir);
    snprintf(bp, sizeof bp, "%s/ballots.db", dir);
    mf = slurp(mp, &mlen);
    bf = slurp(bp, &blen);
    if (!mf || !bf)
        goto done;
    for (int i = 0; i < NV; i++) {
        uint8_t pat[34] = {'p', '0'};
        if (!L.voted[i])
            continue;
        memcpy(pat + 2, h[i], 32);
        uint8_t *at = memmem(mf, (size_t)mlen, pat, sizeof pat);
        vkey[nv] = at ? (double)(at - mf) : -1;
        vt[nv++] = truth[i];
    }
    for (int j = 0; j < L.nslots; j++) {
        uint8_t pat[18];
        memcpy(pat, L.ids[j], 16);
        memcpy(pat + 16, "p0", 2);
        uint8_t *at = memmem(bf, (size_t)blen, pat, sizeof pat);
        skey[j] = at ? (double)(at - bf) : -1;
    }
    pair_up(vkey, vt, nv, skey, L.choice, L.nslots, sc);
done:
    free(mf);
    free(bf);
}

/* Page-version attack on the raw image.  Every copy of the voted page
 * anywhere on the partition (the live file, SQLite's journals, ext4's
 * journal, freed blocks) shows some voters as voted, and how many says
 * when it was written; likewise the ballots page and its filled slots.
 * A copy's rows lie within 4096 bytes of each other, and copies lie at
 * least 4096 bytes apart, so the hits are grouped into copies by
 * offset; only whole copies (every row there) count, since a copy that
 * crosses a block boundary (a page in SQLite's journal is not block
 * aligned) may be split across the disk.  A voter's (slot's) cast position is estimated as the smallest
 * number of set rows among the copies that show it set: with every
 * version on the disk, that is exactly its place in the order, the same
 * for the voter and for its slot.  Voters and slots are then paired by
 * nearest position (and by rank; the better counts). */
typedef struct {
    long off;
    int who;
    int set; /* the row says voted / filled */
} hit;

static int cmp_hit(const void *a, const void *b)
{
    const hit *x = a, *y = b;
    return (x->off > y->off) - (x->off < y->off);
}

/* pos[who] = smallest number of set rows in a whole copy (all n rows
 * present) holding who's row set (n + 1 when none). */
static void positions(hit *h, int nh, int n, int *pos)
{
    char *in = calloc((size_t)n + 1, 1);
    for (int i = 0; i < n; i++)
        pos[i] = n + 1;
    qsort(h, (size_t)nh, sizeof *h, cmp_hit);
    for (int a = 0; a < nh;) {
        int b = a, rows = 0, set = 0;
        while (b < nh && h[b].off - h[a].off < 4096)
            b++;
        memset(in, 0, (size_t)n);
        for (int k = a; k < b; k++)
            if (!in[h[k].who]) {
                in[h[k].who] = (char)(1 + h[k].set);
                rows++;
                set += h[k].set;
            }
        for (int i = 0; rows == n && i < n; i++)
            if (in[i] == 2 && set < pos[i])
                pos[i] = set;
        a = b;
    }
    free(in);
}

/* Every copy of the row pat (set or not); returns how many say set. */
static int find_set_rows(const uint8_t *img, long len, const uint8_t *pat,
                         size_t plen, int flag_at, int who, hit **h, int *nh,
                         int *cap)
{
    int n = 0;
    for (const uint8_t *at = memmem(img, (size_t)len, pat, plen); at;
         at = memmem(at + 1, (size_t)(img + len - at - 1), pat, plen)) {
        const uint8_t *flag = at + flag_at;
        int set = flag_at < 0 ? (flag >= img && *flag == 9)
                              : (flag < img + len && *flag != 0);
        if (*nh == *cap) {
            *cap = *cap ? 2 * *cap : 1024;
            *h = realloc(*h, sizeof **h * (size_t)*cap);
        }
        (*h)[(*nh)++] = (hit){at - img, who, set};
        n += set;
    }
    return n;
}

static void attack_raw(const uint8_t *img, long len, uint8_t (*h)[32],
                       const int *truth, const live *L, score *sc,
                       int *max_versions, double *anon)
{
    hit *vh = NULL, *sh = NULL;
    int nvh = 0, vcap = 0, nsh = 0, scap = 0;
    int vpos[NV], spos[NV + 64];
    double vkey[NV], skey[NV + 64];
    int vt[NV], nv = 0;

    for (int i = 0; i < NV; i++) {
        uint8_t pat[34] = {'p', '0'};
        memcpy(pat + 2, h[i], 32);
        /* The record: header [4][17][76][8|9], then "p0", then the
         * badge: the voted flag's serial type is the byte before. */
        int n = find_set_rows(img, len, pat, sizeof pat, -1, i, &vh, &nvh, &vcap);
        if (n > *max_versions)
            *max_versions = n;
    }
    for (int j = 0; j < L->nslots; j++) {
        uint8_t pat[18];
        memcpy(pat, L->ids[j], 16);
        memcpy(pat + 16, "p0", 2);
        /* id, "p0", then the slot's first byte (0 while empty). */
        find_set_rows(img, len, pat, sizeof pat, 18, j, &sh, &nsh, &scap);
    }
    positions(vh, nvh, NV, vpos);
    positions(sh, nsh, L->nslots, spos);
    for (int i = 0; i < NV; i++) {
        if (!L->voted[i])
            continue;
        vkey[nv] = vpos[i];
        vt[nv++] = truth[i];
        if (getenv("AS_FORENSIC_DEBUG"))
            fprintf(stderr, "voter %d: position %d, choice %d\n", i, vpos[i],
                    truth[i]);
    }
    for (int j = 0; j < L->nslots; j++) {
        skey[j] = spos[j];
        if (getenv("AS_FORENSIC_DEBUG"))
            fprintf(stderr, "slot %d: position %d, choice %d\n", j, spos[j],
                    L->choice[j]);
    }
    /* Each voter's anonymity set: the ballots the attacker cannot tell
     * from theirs (same estimated position).  NV for everyone when no
     * copy orders anything; 1 or 2 when every version is there. */
    for (int i = 0; i < nv; i++) {
        int same = 0;
        for (int j = 0; j < L->nslots; j++)
            same += skey[j] == vkey[i];
        *anon += (double)same / nv;
    }
    {
        /* The better of rank pairing and nearest-position pairing. */
        score rank = {0, 0};
        int near = pair_nearest(vkey, vt, nv, skey, L->choice, L->nslots);
        pair_up(vkey, vt, nv, skey, L->choice, L->nslots, &rank);
        sc->right += near > rank.right ? near : rank.right;
        sc->tried += rank.tried;
    }
    free(vh);
    free(sh);
}

static void write_script(const char *path, char (*tokens)[TOKEN_TEXT_SIZE],
                         const int *order, const int *truth)
{
    FILE *f = fopen(path, "w");
    for (int k = 0; f && k < NV; k++) {
        int v = order[k];
        fprintf(f, "scan %s\ntap \"Proposal number 0\"\ntap \"%s\"\n"
                   "tap \"Cast my vote\"\ntap \"Finish\"\n",
                tokens[v], choice_word[truth[v]]);
    }
    if (f)
        fclose(f);
}

/* One run with mount options opts.  Adds to copy_sc (cell order on
 * mid-vote copies) and raw_sc (page versions on the raw image); *base
 * gets the majority-guess hits. */
static int one_run(const char *opts, score *copy_sc, score *raw_sc, int *base,
                   int *max_versions, double *anon)
{
    char dir[] = "/tmp/asamblea-forensic-XXXXXX";
    char img[256], mnt[256], data[300], mpath[256], script[256], cmd[1024],
        copy[300];
    char tokens[NV][TOKEN_TEXT_SIZE];
    uint8_t h[NV][32], key[32];
    int order[NV], truth[NV], counts[3] = {0, 0, 0}, rc = 0, copies = 0;
    meeting *m = NULL;
    store *s = NULL;
    as_err err;
    live L;

    if (!mkdtemp(dir))
        return -1;
    snprintf(img, sizeof img, "%s/card.img", dir);
    snprintf(mnt, sizeof mnt, "%s/mnt", dir);
    snprintf(data, sizeof data, "%s/data", mnt);
    snprintf(mpath, sizeof mpath, "%s/meeting.yaml", dir);
    snprintf(script, sizeof script, "%s/votes.replay", dir);
    snprintf(copy, sizeof copy, "%s/copy", dir);
    mkdir(mnt, 0700);
    snprintf(cmd, sizeof cmd, "truncate -s %dM '%s' && mkfs.ext4 -q -F -b 4096 -J size=16 '%s' "
             ">/dev/null 2>&1", IMG_MB, img, img);
    if (run_cmd(cmd) != 0) {
        rc = 77;
        goto out;
    }
    snprintf(cmd, sizeof cmd, "mount -o loop,%s '%s' '%s' 2>/dev/null", opts, img,
             mnt);
    if (run_cmd(cmd) != 0) {
        rc = 77;
        goto out;
    }
    m = ku_meeting_new(dir, mpath, "Forensic test", tokens, NV, 2);
    if (!m) {
        rc = -1;
        goto unmount;
    }
    for (int i = 0; i < NV; i++) {
        order[i] = i;
        truth[i] = (int)(rnd() % 3);
        counts[truth[i]]++;
    }
    for (int i = NV - 1; i > 0; i--) {
        int j = (int)(rnd() % (uint32_t)(i + 1)), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    *base += counts[0] > counts[1] ? (counts[0] > counts[2] ? counts[0] : counts[2])
                                   : (counts[1] > counts[2] ? counts[1] : counts[2]);
    /* The facilitator opened the proposal (the kiosk enrolls the roster
     * at its start and makes their rows then). */
    CHECK_INT(store_open(data, m->sha256, &s, &err), AS_OK);
    if (!s) {
        rc = -1;
        goto unmount;
    }
    /* One proposal open, as in the audit: each table then fits in one
     * page, which is the case where cell order and page versions give
     * a complete order. */
    CHECK_INT(store_open_proposal(s, "p0", 7, &err), AS_OK);
    memcpy(key, store_key(s), 32);
    store_free(s);
    s = NULL;
    for (int i = 0; i < NV; i++)
        token_hash(key, tokens[i], h[i]);
    write_script(script, tokens, order, truth);

    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 2);
        execl(AS_BINARY, "asamblea", "kiosk", "--meeting", mpath, "--data", data,
              "--window", "1280x800", "--dpi", "96", "--replay", script,
              (char *)NULL);
        _exit(127);
    }
    /* Copies of the folder at random moments while the kiosk votes. */
    for (;;) {
        int status;
        usleep(50000 + rnd() % 250000);
        if (waitpid(pid, &status, WNOHANG) == pid) {
            CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                      "the kiosk replay failed (status %d)", status);
            break;
        }
        snprintf(cmd, sizeof cmd, "rm -rf '%s' && cp -r '%s' '%s' 2>/dev/null", copy, data, copy);
        if (run_cmd(cmd) == 0) {
            attack_copy(copy, h, truth, copy_sc);
            copies++;
        }
    }
    /* Every vote is in; the facilitator closes. */
    CHECK_INT(store_open(data, m->sha256, &s, &err), AS_OK);
    if (s) {
        int64_t nb = 0;
        CHECK_INT(store_ballot_count(s, "p0", &nb, &err), AS_OK);
        CHECK_INT((int)nb, NV);
        CHECK_INT(store_set_proposal_state(s, "p0", PROP_CLOSED, &err), AS_OK);
        store_free(s);
    }
    CHECK_MSG(read_live(data, h, &L) && L.nslots == NV, "read the closed folder");
unmount:
    snprintf(cmd, sizeof cmd, "umount '%s'", mnt);
    CHECK_INT(run_cmd(cmd), 0);
    if (m && rc == 0) {
        long len = 0;
        uint8_t *raw = slurp(img, &len);
        CHECK(raw != NULL);
        if (raw)
            attack_raw(raw, len, h, truth, &L, raw_sc, max_versions, anon);
        free(raw);
    }
    printf("  %s: %d copies mid-vote\n", opts, copies);
out:
    meeting_free(m);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (!getenv("AS_FORENSIC_KEEP"))
        run_cmd(cmd);
    else
        printf("  kept %s\n", dir);
    return rc;
}

static double upper_chance(int base, int n)
{
    double p = (double)base / n;
    return p + 3.0 * sqrt(p * (1 - p) / n);
}

int main(void)
{
    char opts[512], ctl[600];
    const char *env = getenv("AS_SEED");
    uint64_t seed = env ? strtoull(env, NULL, 10) : (uint64_t)time(NULL);
    score copy_sc = {0, 0}, raw_sc = {0, 0}, ctl_copy = {0, 0}, ctl_raw = {0, 0};
    int base = 0, ctl_base = 0, versions = 0, ctl_versions = 0;
    double anon = 0, ctl_anon = 0;

    if (sodium_init() < 0)
        return 1;
    setvbuf(stdout, NULL, _IONBF, 0);
    if (geteuid() != 0) {
        printf("SKIP: the forensic test mounts an ext4 image (needs root)\n");
        return 77;
    }
    if (!appliance_options(opts, sizeof opts)) {
        printf("FAIL: no Options= in %s%s\n", AS_SOURCE_DIR, UNIT);
        return 1;
    }
    rng_state = seed ? seed : 1;
    printf("forensic test, seed %llu (AS_SEED=%llu replays); appliance mount "
           "options: %s\n", (unsigned long long)seed, (unsigned long long)seed,
           opts);
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    for (int run = 0; run < (getenv("AS_FORENSIC_DEBUG") ? 0 : 3); run++) {
        int rc = one_run(opts, &copy_sc, &raw_sc, &base, &versions, &anon);
        if (rc == 77) {
            printf("SKIP: cannot make or loop-mount an ext4 image here "
                   "(mkfs.ext4, loop devices)\n");
            return 77;
        }
        CHECK_INT(rc, 0);
    }
    /* The control: the same, with ext4 keeping every data block's copy. */
    {
        char *dj = strstr(opts, "data=");
        if (dj) {
            size_t pre = (size_t)(dj - opts);
            const char *rest = dj + strcspn(dj, ",");
            snprintf(ctl, sizeof ctl, "%.*sdata=journal%s", (int)pre, opts, rest);
        } else {
            snprintf(ctl, sizeof ctl, "%s,data=journal", opts);
        }
        CHECK_INT(one_run(ctl, &ctl_copy, &ctl_raw, &ctl_base, &ctl_versions,
                          &ctl_anon), 0);
    }
    printf("appliance (%s), 3 runs of %d voters:\n"
           "  cell order on mid-vote copies: %d of %d choices right\n"
           "  page versions on the raw image: %d of %d right (at most %d "
           "versions of one voted row)\n"
           "  majority-guess baseline: %d of %d\n"
           "  a voter's anonymity set on the raw image: %.1f ballots on average\n",
           opts, NV, copy_sc.right, copy_sc.tried, raw_sc.right, raw_sc.tried,
           versions, base, 3 * NV, anon / 3);
    printf("control (%s), 1 run: page versions %d of %d right (at most %d "
           "versions), baseline %d of %d, anonymity set %.1f\n", ctl,
           ctl_raw.right, ctl_raw.tried, ctl_versions, ctl_base, NV, ctl_anon);
    CHECK(copy_sc.tried > 0);
    CHECK(raw_sc.tried == 3 * NV);
    CHECK_MSG(copy_sc.right <= upper_chance(base, 3 * NV) * copy_sc.tried,
              "cell order attributes %d of %d (chance bound %.0f)", copy_sc.right,
              copy_sc.tried, upper_chance(base, 3 * NV) * copy_sc.tried);
    CHECK_MSG(raw_sc.right <= upper_chance(base, 3 * NV) * raw_sc.tried,
              "the raw image attributes %d of %d (chance bound %.0f)",
              raw_sc.right, raw_sc.tried, upper_chance(base, 3 * NV) * raw_sc.tried);
    /* No copy on the appliance's disk orders anything: each ballot hides
     * among (nearly) all of them. */
    CHECK_MSG(anon / 3 >= NV * 0.8, "a voter's ballot hides among only %.1f "
              "ballots on the raw image", anon / 3);
    /* The control: with ext4 keeping every version, the same attack
     * narrows each voter to a couple of ballots and guesses better than
     * chance: the attack is not blind. */
    CHECK_MSG(ctl_raw.tried == NV && ctl_anon <= 3.0,
              "the control (data=journal) leaves an anonymity set of %.1f: "
              "the attack is blind", ctl_anon);
    CHECK_MSG(ctl_raw.right > upper_chance(ctl_base, NV) * NV - 3,
              "the control (data=journal) guesses only %d of %d",
              ctl_raw.right, ctl_raw.tried);
    return check_done();
}
