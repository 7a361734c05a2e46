/* test_verify_methods.c: an export of every voting method, end to end on
 * real files: a meeting with one proposal of each method, ballots cast as
 * canonical texts through store_cast_text, closed, exported with
 * export_write and verified.  The results.txt blocks say what the
 * documented rules give (winners, ties, rounds, outcomes), the bundle
 * verifies, and tampering with a ranked or an approval ballot, or with a
 * stated winner or outcome, fails verification even when the manifest is
 * resealed with the kiosk's own key. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "check.h"
#include "test_verify_util.h"
#include "test_file_util.h"
#include "export.h"
#include "meeting.h"
#include "record.h"
#include "store_sqlite.h"
#include "verify.h"

static char tmpdir[] = "/tmp/as-verify-methods-XXXXXX";
static char data[700];

static const char yaml[] =
    "meeting:\n"
    "  title: Every method\n"
    "  date: 2027-04-10\n"
    "  quorum: 3\n"
    "proposals:\n"
    "  - id: bylaws\n"
    "    title: Bylaws\n"
    "    text: Adopt them.\n"
    "    threshold: two-thirds\n"
    "    base: all-ballots\n"
    "  - id: plain\n"
    "    title: Plain\n"
    "    text: A version-1 proposal.\n"
    "  - id: garden\n"
    "    title: Garden\n"
    "    text: Start a garden.\n"
    "    method: consensus\n"
    "    consensus: no-blocks-third-aside\n"
    "  - id: paint\n"
    "    title: Paint\n"
    "    text: Pick two colours.\n"
    "    method: approval\n"
    "    seats: 2\n"
    "    options:\n"
    "      - {id: red, name: Red}\n"
    "      - {id: blue, name: Blue}\n"
    "      - {id: green, name: Green}\n"
    "  - id: chair\n"
    "    title: Chair\n"
    "    text: Elect the chair.\n"
    "    method: ranked-choice\n"
    "    options:\n"
    "      - {id: a, name: Ana}\n"
    "      - {id: b, name: Beto}\n"
    "      - {id: c, name: Carla}\n"
    "  - id: council\n"
    "    title: Council\n"
    "    text: Two delegates.\n"
    "    method: stv\n"
    "    seats: 2\n"
    "    quorum: 50%\n"
    "    options:\n"
    "      - {id: ana, name: Ana}\n"
    "      - {id: beto, name: Beto}\n"
    "      - {id: carla, name: Carla}\n"
    "      - {id: dora, name: Dora}\n"
    "  - id: recall-bo\n"
    "    title: Recall Bo\n"
    "    text: Recall Bo.\n"
    "    method: recall\n"
    "    delegate: Bo Lee\n"
    "    threshold: two-thirds\n"
    "  - id: later\n"
    "    title: Later\n"
    "    text: Not voted yet.\n"
    "    method: approval\n"
    "    options:\n"
    "      - {id: x, name: X}\n"
    "      - {id: y, name: Y}\n";

typedef tb_report collect;

static int verify(const char *dir, collect *c)
{
    return tb_verify(dir, NULL, c);
}

static void spit(const char *path, const char *buf, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return;
    fwrite(buf, 1, len, f);
    fclose(f);
}

static void copy_tree(const char *from, const char *to)
{
    char cmd[4 * EXPORT_PATH_MAX];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && cp -r '%s' '%s'", to, from, to);
    CHECK_INT(system(cmd), 0);
}

/* reseal: the manifest line of rel gets the file's new hash and the
 * manifest is signed again with the kiosk's key, as a kiosk-level forger
 * would do. */
static void reseal(const char *dir, const char *rel)
{
    char path[2 * EXPORT_PATH_MAX + 400], mpath[2 * EXPORT_PATH_MAX + 400];
    size_t flen = 0, mlen = 0;
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    snprintf(mpath, sizeof mpath, "%s/manifest.txt", dir);
    char *file = tf_slurp(path, &flen), *man = tf_slurp(mpath, &mlen);
    if (!file || !man) {
        CHECK_MSG(0, "reseal: cannot read %s", rel);
        free(file);
        free(man);
        return;
    }
    uint8_t h[32];
    char hex[65], needle[300];
    crypto_hash_sha256(h, (const unsigned char *)file, flen);
    record_hex(h, 32, hex);
    snprintf(needle, sizeof needle, "  %s\n", rel);
    char *at = strstr(man, needle);
    CHECK(at && at - man >= 64);
    if (at && at - man >= 64)
        memcpy(at - 64, hex, 64);
    spit(mpath, man, mlen);
    uint8_t pk[32], sk[64], sig[64];
    as_err err;
    CHECK_INT(export_device_key(data, pk, sk, &err), AS_OK);
    size_t dl = sizeof RECORD_SIG_DOMAIN - 1;
    unsigned char *msg = malloc(dl + mlen);
    memcpy(msg, RECORD_SIG_DOMAIN, dl);
    memcpy(msg + dl, man, mlen);
    crypto_sign_detached(sig, NULL, msg, dl + mlen, sk);
    snprintf(path, sizeof path, "%s/manifest.sig", dir);
    spit(path, (const char *)sig, sizeof sig);
    sodium_memzero(sk, sizeof sk);
    free(msg);
    free(file);
    free(man);
}

/* replace_once: the first occurrence of from in dir/rel becomes to. */
static int replace_once(const char *dir, const char *rel, const char *from,
                        const char *to)
{
    char path[2 * EXPORT_PATH_MAX + 400];
    size_t len = 0;
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    char *buf = tf_slurp(path, &len);
    char *at = buf ? strstr(buf, from) : NULL;
    if (!at) {
        free(buf);
        return -1;
    }
    size_t fl = strlen(from), tl = strlen(to);
    char *out = malloc(len - fl + tl + 1);
    size_t pre = (size_t)(at - buf);
    memcpy(out, buf, pre);
    memcpy(out + pre, to, tl);
    memcpy(out + pre + tl, at + fl, len - pre - fl);
    spit(path, out, len - fl + tl);
    free(out);
    free(buf);
    return 0;
}

/* tamper: a copy of the bundle with one edit, resealed; verify must fail
 * in check with a line containing what. */
static void tamper(const char *bundle, const char *name, const char *rel,
                   const char *from, const char *to, const char *check,
                   const char *what)
{
    char dir[EXPORT_PATH_MAX + 64];
    collect *c = malloc(sizeof *c);
    snprintf(dir, sizeof dir, "%s/tampered", tmpdir);
    copy_tree(bundle, dir);
    CHECK_MSG(replace_once(dir, rel, from, to) == 0, "%s: '%s' not in %s", name,
              from, rel);
    reseal(dir, rel);
    int nfail = verify(dir, c);
    char want[256];
    snprintf(want, sizeof want, "FAIL: %s: ", check);
    CHECK_MSG(nfail > 0, "%s: verify passed", name);
    const char *line = strstr(c->text, want);
    int found = 0;
    while (line && !found) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        char tmp[1024];
        snprintf(tmp, sizeof tmp, "%.*s", (int)(n < 1000 ? n : 1000), line);
        found = strstr(tmp, what) != NULL;
        line = strstr(line + 1, want);
    }
    CHECK_MSG(found, "%s: no \"%s\" ... \"%s\" in:\n%s", name, want, what, c->text);
    free(c);
}

/* results.csv, results.json and attendance.txt are parsed and compared
 * field by field with the recount: one field changed, resealed (name,
 * file, from, to, the check that must fail, what its line must say). */
static const struct {
    const char *name, *rel, *from, *to, *check, *what;
} field_cases[] = {
    {"approval counts in csv", "results.csv", "red=5 blue=3 green=3 blank=1",
     "red=5 blue=4 green=3 blank=1", "results.csv", "column counts of paint"},
    {"consensus outcome in csv", "results.csv", ",tabled,",
     ",passed,", "results.csv", "column outcome of garden: the file says \"passed\""},
    {"stv winners in json", "results.json", "\"winners\": [\"ana\", \"carla\"]",
     "\"winners\": [\"ana\", \"beto\"]", "results.json", "results.json: proposals[5] (council).winners"},
    {"consensus count in json", "results.json", "\"stand_aside\": 4",
     "\"stand_aside\": 5", "results.json", "proposals[2] (garden).counts.stand_aside: the file says 5"},
    {"ranked round in json", "results.json", "\"c\": \"5\"",
     "\"c\": \"6\"", "results.json", "proposals[4] (chair).rounds[1].votes.c"},
    {"ranked tie-break in json", "results.json", "\"tie_break_used\": false",
     "\"tie_break_used\": true", "results.json", "proposals[4] (chair).tie_break_used"},
    {"recall delegate in json", "results.json", "\"Bo Lee\"",
     "\"Bo Li\"", "results.json", "proposals[6] (recall-bo).delegate"},
    {"option name in json", "results.json", "\"name\": \"Blue\"",
     "\"name\": \"Bleu\"", "results.json", "proposals[3] (paint).options[1].name"},
    {"stv round in results.txt", "results.txt", "round 1 votes ana=16",
     "round 1 votes ana=17", "results.txt", "round 1 votes: differs from the file regenerated"},
    {"quorum in attendance.txt", "attendance.txt", "quorum 3\n",
     "quorum 4\n", "attendance.txt", "attendance.txt:4: quorum: the file says 4"},
};

static void cast_all(store *s, const char *prop, const char *const *texts,
                     const int *times, int n, int *next_badge)
{
    as_err err = {{0}};
    uint8_t h[TOKEN_HASH_SIZE];
    CHECK_INT(store_set_proposal_state(s, prop, PROP_OPEN, &err), AS_OK);
    int voter = 0;
    for (int k = 0; k < n; k++)
        for (int i = 0; i < times[k]; i++) {
            memset(h, 0, sizeof h);
            h[0] = 0x77;
            h[1] = (uint8_t)voter++;
            CHECK_MSG(store_cast_text(s, prop, h, texts[k], &err) == AS_OK,
                      "%s: %s", prop, err.msg);
        }
    CHECK_INT(store_set_proposal_state(s, prop, PROP_CLOSED, &err), AS_OK);
    (void)next_badge;
}

int main(void)
{
    if (sodium_init() < 0 || !mkdtemp(tmpdir))
        return 1;
    char roster_csv[2048] = "name,role,token\nA,facilitator,\n";
    for (int i = 0; i < 39; i++) {
        size_t n = strlen(roster_csv);
        snprintf(roster_csv + n, sizeof roster_csv - n, "P%d,attendee,\n", i);
    }
    meeting *m = NULL;
    diag_list d;
    diag_init(&d);
    CHECK_INT(meeting_from_memory("meeting.yaml", yaml, strlen(yaml), roster_csv, &m, &d),
              AS_OK);
    for (int i = 0; i < d.n; i++)
        fprintf(stderr, "diag: %s\n", d.lines[i]);
    diag_free(&d);
    if (!m)
        return check_done();

    store *s = NULL;
    as_err err = {{0}};
    char usb[700];
    snprintf(data, sizeof data, "%s/data", tmpdir);
    snprintf(usb, sizeof usb, "%s/usb", tmpdir);
    CHECK_INT(store_open(data, m->sha256, &s, &err), AS_OK);
    uint8_t h[TOKEN_HASH_SIZE];
    for (int i = 0; i < 30; i++) {
        memset(h, 0, sizeof h);
        h[0] = 0x77;
        h[1] = (uint8_t)i;
        CHECK_INT(store_checkin(s, h, NULL, &err), AS_OK);
    }
    int nb = 0;
    {
        const char *t[] = {"yes", "no", "abstain"};
        const int n[] = {19, 8, 3};
        cast_all(s, "bylaws", t, n, 3, &nb);
    }
    {
        const char *t[] = {"yes", "no"};
        const int n[] = {4, 2};
        cast_all(s, "plain", t, n, 2, &nb);
    }
    {
        const char *t[] = {"agree", "stand-aside"};
        const int n[] = {8, 4};
        cast_all(s, "garden", t, n, 2, &nb);
    }
    {
        const char *t[] = {"red", "blue", "green", "none"};
        const int n[] = {5, 3, 3, 1};
        cast_all(s, "paint", t, n, 4, &nb);
    }
    {
        const char *t[] = {"a>b", "b>c", "c>b", "none"};
        const int n[] = {4, 2, 3, 1};
        cast_all(s, "chair", t, n, 4, &nb);
    }
    {
        const char *t[] = {"ana>beto", "ana>carla", "carla", "dora>carla", "beto"};
        const int n[] = {14, 2, 7, 4, 3};
        cast_all(s, "council", t, n, 5, &nb);
    }
    {
        const char *t[] = {"yes", "no", "abstain"};
        const int n[] = {10, 5, 2};
        cast_all(s, "recall-bo", t, n, 3, &nb);
    }

    export_summary sum;
    as_status st = export_write(m, yaml, strlen(yaml), meeting_quorum(m), 40, s, data,
                                usb, &sum, &err);
    CHECK_MSG(st == AS_OK, "export: %s", err.msg);
    store_free(s);
    if (st != AS_OK)
        goto out;

    char path[2 * EXPORT_PATH_MAX + 400];
    snprintf(path, sizeof path, "%s/results.txt", sum.path);
    char *res = tf_slurp(path, NULL);
    CHECK(res != NULL);
    if (res) {
        /* base all-ballots: 19 of 30 is short of two-thirds */
        CHECK(strstr(res, "proposal bylaws\nmethod yes-no-abstain\nthreshold 2/3 "
                          "at-least\nbase all-ballots\nstate closed\nchecked-in 30\n"
                          "quorum 3\nmin-ballots 0\nballots 30\nyes 19\nno 8\n"
                          "abstain 3\noutcome not-passed\nroot "));
        /* a version-1 block stays version 1 */
        CHECK(strstr(res, "proposal plain\nmethod yes-no-abstain\nthreshold 1/2 "
                          "more-than\nstate closed\nchecked-in 30\nquorum 3\n"
                          "ballots 6\nyes 4\nno 2\nabstain 0\noutcome passed\n"));
        CHECK(strstr(res, "proposal garden\nmethod consensus\nrule "
                          "no-blocks-third-aside\nblocks-to-stop 1\n"
                          "stand-aside-to-table 1/3\noverride none\nstate closed\n"));
        CHECK(strstr(res, "agree 8\nstand-aside 4\nblock 0\noutcome tabled\n"));
        CHECK(strstr(res, "rule most-approvals-win\nseats 2\nchoose 2\noptions "
                          "red blue green\n"));
        CHECK(strstr(res, "ballots 12\nblank 1\napprovals red 5\napprovals blue 3\n"
                          "approvals green 3\ntied "));
        CHECK(strstr(res, "\nwinners red "));
        CHECK(strstr(res, "rule instant-runoff\noptions a b c\nstate closed\n"));
        CHECK(strstr(res, "blank 1\nfirst a 4\nfirst b 2\nfirst c 3\ndecimals 0\n"
                          "round 1 threshold 5\nround 1 votes a=4 b=2 c=3\n"));
        CHECK(strstr(res, "round 1 eliminated b c=2 exhausted=0 residual=0\n"));
        CHECK(strstr(res, "round 2 votes a=4 b=0 c=5\n"));
        CHECK(strstr(res, "winners c\ntie-break none\noutcome elected\n"));
        CHECK(strstr(res, "rule stv-scottish\nseats 2\noptions ana beto carla dora\n"
                          "state closed\nchecked-in 30\nquorum 20\n"));
        CHECK(strstr(res, "decimals 5\nround 1 threshold 11\n"));
        CHECK(strstr(res, "winners ana carla\n"));
        CHECK(strstr(res, "proposal recall-bo\nmethod recall\nthreshold 2/3 at-least\n"
                          "base yes-no\nstate closed\n"));
        CHECK(strstr(res, "yes 10\nno 5\nabstain 2\noutcome recalled\n"));
        CHECK(strstr(res, "proposal later\nmethod approval\nrule most-approvals-win\n"
                          "seats 1\nchoose 1\noptions x y\nstate draft\n"));
        if (getenv("AS_SHOW"))
            fprintf(stderr, "%s", res);
    }
    free(res);
    snprintf(path, sizeof path, "%s/ballots/chair.txt", sum.path);
    char *bl = tf_slurp(path, NULL);
    CHECK(bl && strstr(bl, " a>b\n") && strstr(bl, " none\n"));
    free(bl);
    snprintf(path, sizeof path, "%s/results.csv", sum.path);
    char *csv = tf_slurp(path, NULL);
    CHECK(csv && strstr(csv, "quorum_met,root,counts,winners,tied\n"));
    CHECK(csv && strstr(csv, ",elected,30,3,yes,"));
    free(csv);
    snprintf(path, sizeof path, "%s/results.json", sum.path);
    char *json = tf_slurp(path, NULL);
    CHECK(json && strstr(json, "\"winners\": [\"ana\", \"carla\"]"));
    CHECK(json && strstr(json, "\"delegate\": \"Bo Lee\""));
    free(json);

    collect *c = malloc(sizeof *c);
    int nfail = verify(sum.path, c);
    CHECK_MSG(nfail == 0, "verify fails:\n%s", c->text);
    free(c);

    /* tampering, each resealed with the kiosk's own key */
    tamper(sum.path, "ranked ballot changed", "ballots/chair.txt", " c>b\n", " b>c\n",
           "roots", "results.txt");
    tamper(sum.path, "ranked ballot changed (regenerate)", "ballots/chair.txt",
           " c>b\n", " b>c\n", "results.txt", "differs from the file regenerated");
    tamper(sum.path, "ranked ballot not canonical", "ballots/chair.txt", " c>b\n",
           " c>c\n", "recount", "not a ballot that proposal chair allows");
    tamper(sum.path, "approval ballot order", "ballots/paint.txt", " red\n",
           " red,red\n", "recount", "not a ballot that proposal paint allows");
    tamper(sum.path, "approval ballot changed", "ballots/paint.txt", " blue\n",
           " green\n", "results.txt", "differs from the file regenerated");
    tamper(sum.path, "approval ballot unknown option", "ballots/paint.txt", " blue\n",
           " pink\n", "recount", "paint");
    tamper(sum.path, "stated winner changed", "results.txt", "winners c\n",
           "winners a\n", "results.txt", "results.txt:");
    tamper(sum.path, "stated outcome changed", "results.txt",
           "outcome tabled\n", "outcome passed\n", "recount",
           "garden says passed, the recount gives tabled");
    tamper(sum.path, "stv quorum changed", "results.txt", "quorum 20\n",
           "quorum 3\n", "attendance", "its own quorum in meeting.yaml gives 20");
    for (size_t i = 0; i < sizeof field_cases / sizeof field_cases[0]; i++)
        tamper(sum.path, field_cases[i].name, field_cases[i].rel, field_cases[i].from,
               field_cases[i].to, field_cases[i].check, field_cases[i].what);
    tamper(sum.path, "ranked ballot bad text", "ballots/chair.txt", " c>b\n",
           " C>b\n", "syntax", "choice is not a ballot text");
out:
    meeting_free(m);
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    CHECK_INT(system(cmd), 0);
    return check_done();
}
