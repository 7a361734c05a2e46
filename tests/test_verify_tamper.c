/* test_verify_tamper.c: a bundle made by hand (test_verify_util.c) passes
 * the verifier untouched, and every kind of change to every kind of file
 * and line is caught by the check that should catch it.
 *
 * Three attackers: one who only edits files (the manifest hashes catch
 * it), one who also rewrites the manifest and signs with the device's own
 * key (the deeper checks must catch it: syntax, recount, roots, events,
 * regenerated files), and one who re-signs with another key (only --key,
 * the fingerprint the room saw, catches it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sodium.h>
#include "check.h"
#include "test_verify_util.h"
#include "verify.h"

static char tmpdir[] = "/tmp/as-verify-tamper-XXXXXX";

typedef struct {
    char text[16384];
    size_t len;
} collect;

static void collect_line(void *ud, int ok, const char *check, const char *detail)
{
    collect *c = ud;
    int n = ok == 1 ? snprintf(c->text + c->len, sizeof c->text - c->len, "ok: %s\n", check)
                    : snprintf(c->text + c->len, sizeof c->text - c->len, "%s: %s: %s\n",
                               ok ? "SKIP" : "FAIL", check, detail);
    if (n > 0 && c->len + (size_t)n < sizeof c->text)
        c->len += (size_t)n;
}

/* run: verifies b written to disk; returns the number of failures and
 * leaves the report in out. */
static int run(const tbundle *b, const char *key, const char *prev_dir,
               const verify_root_claim *roots, int nroots, collect *out)
{
    char *dir = tb_write(b, tmpdir);
    if (!dir)
        return -1;
    verify_opts o = {dir, key, prev_dir, roots, nroots};
    out->len = 0;
    out->text[0] = '\0';
    int nfail = -1;
    as_err err;
    if (verify_bundle(&o, collect_line, out, &nfail, &err) != AS_OK)
        nfail = -1;
    tb_rm_rf(dir);
    free(dir);
    return nfail;
}

#define KEY 1
#define OTHER_KEY 2

/* expect: b fails with a "FAIL: <check>: <file>" line. */
static void expect_fail(const char *what, const tbundle *b, const char *key,
                        const char *check, const char *file)
{
    collect c;
    int nfail = run(b, key, NULL, NULL, 0, &c);
    char want[128];
    snprintf(want, sizeof want, "FAIL: %s: %s", check, file);
    CHECK_MSG(nfail > 0, "%s: verify passed (%d)", what, nfail);
    CHECK_MSG(strstr(c.text, want) != NULL, "%s: no \"%s\" in:\n%s", what, want, c.text);
}

typedef void (*edit_fn)(tbundle *b);

/* tamper: applies edit to a fresh stage-2 bundle; without resealing the
 * manifest catches it (unless edit touches the manifest itself: then
 * naive_check says what); resealed with the device key, check must. */
static void tamper(const char *what, edit_fn edit, const char *naive_check,
                   const char *naive_file, const char *check, const char *file)
{
    tbundle b;
    if (tb_make(&b, 2, KEY) != 0) {
        CHECK_MSG(0, "%s: cannot make the bundle", what);
        return;
    }
    edit(&b);
    if (naive_check)
        expect_fail(what, &b, NULL, naive_check, naive_file);
    if (check) {
        tb_seal(&b, KEY);
        expect_fail(what, &b, NULL, check, file);
    }
    tb_free(&b);
}

/* tamper_manifest: an edit of manifest.txt itself, then signed as it is
 * with the device key. */
static void tamper_manifest(const char *what, edit_fn edit, const char *check,
                            const char *file)
{
    tbundle b;
    if (tb_make(&b, 2, KEY) != 0) {
        CHECK_MSG(0, "%s: cannot make the bundle", what);
        return;
    }
    edit(&b);
    tb_resign(&b, KEY);
    expect_fail(what, &b, NULL, check, file);
    tb_free(&b);
}

#define BAL "ballots/coat-drive.txt"

/* Each edit is a small function so the table below reads as a list. */
static void ballot_flip(tbundle *b) { tb_get(b, BAL)->buf[40 + 5] ^= 0x20; }
static void ballot_drop(tbundle *b) { tb_drop_line(b, BAL, 3); }
static void ballot_dup(tbundle *b) { tb_dup_line(b, BAL, 3); }
static void ballot_swap(tbundle *b) { tb_swap_lines(b, BAL, 2, 5); }
static void ballot_upper(tbundle *b) { tb_get(b, BAL)->buf[0] = 'G'; }
static void ballot_cr(tbundle *b) { tb_replace_in_line(b, BAL, 2, "\n", "\r\n"); }
static void ballot_nolf(tbundle *b) { tb_get(b, BAL)->len--; }
static void ballot_empty_line(tbundle *b) { tb_replace_in_line(b, BAL, 4, "\n", "\n\n"); }
static void ballot_bad_choice(tbundle *b)
{
    if (tb_replace_in_line(b, BAL, 1, " yes", " maybe") &&
        tb_replace_in_line(b, BAL, 1, " no", " maybe"))
        tb_replace_in_line(b, BAL, 1, " abstain", " maybe");
}
static void ballot_edit_choice(tbundle *b)
{
    /* Turn one yes into a no: still valid syntax, wrong counts. */
    for (int i = 1; i <= 7; i++)
        if (tb_replace_in_line(b, BAL, i, " yes", " no") == 0)
            return;
}
static void ballot_double_space(tbundle *b)
{
    for (int i = 1; i <= 7; i++)
        if (tb_replace_in_line(b, BAL, i, " yes", "  yes") == 0)
            return;
}
static void ballot_remove(tbundle *b) { tb_remove(b, BAL); }

static void results_flip(tbundle *b) { tb_replace_in_line(b, "results.txt", 1, "proposal", "pRoposal"); }
static void results_drop(tbundle *b) { tb_drop_line(b, "results.txt", 7); }
static void results_dup(tbundle *b) { tb_dup_line(b, "results.txt", 6); }
static void results_swap(tbundle *b) { tb_swap_lines(b, "results.txt", 7, 8); }
static void results_count(tbundle *b)
{
    /* yes 4 -> 5 and abstain 1 -> 0: sums still agree, recount does not. */
    tb_replace_in_line(b, "results.txt", 8, "yes 4", "yes 5");
    tb_replace_in_line(b, "results.txt", 10, "abstain 1", "abstain 0");
}
static void results_sum(tbundle *b) { tb_replace_in_line(b, "results.txt", 8, "yes 4", "yes 5"); }
static void results_outcome(tbundle *b) { tb_replace_in_line(b, "results.txt", 11, "passed", "not-passed"); }
static void results_root(tbundle *b)
{
    tb_file *f = tb_get(b, "results.txt");
    char *p = strstr(f->buf, "root ");
    p[5] = p[5] == 'a' ? 'b' : 'a';
}
static void results_threshold(tbundle *b) { tb_replace_in_line(b, "results.txt", 3, "more-than", "at-least"); }
static void results_checked_in(tbundle *b) { tb_replace_in_line(b, "results.txt", 5, "checked-in 8", "checked-in 6"); }
static void results_checked_in_high(tbundle *b) { tb_replace_in_line(b, "results.txt", 5, "checked-in 8", "checked-in 10"); }
static void results_leading_zero(tbundle *b) { tb_replace_in_line(b, "results.txt", 8, "yes 4", "yes 04"); }

static void att_drop(tbundle *b) { tb_drop_line(b, "attendance.txt", 3); }
static void att_low(tbundle *b)
{
    tb_replace_in_line(b, "attendance.txt", 2, "checked-in 9", "checked-in 5");
}
static void att_attended_low(tbundle *b)
{
    /* Kept consistent within the file (checked-in <= attended), so only
     * the bound on ballots can catch it: coat-drive has 7. */
    tb_replace_in_line(b, "attendance.txt", 2, "checked-in 9", "checked-in 6");
    tb_replace_in_line(b, "attendance.txt", 3, "attended 9", "attended 6");
}
static void att_attended_over_roster(tbundle *b)
{
    tb_replace_in_line(b, "attendance.txt", 3, "attended 9", "attended 11");
}
static void att_present_over_attended(tbundle *b)
{
    tb_replace_in_line(b, "attendance.txt", 2, "checked-in 9", "checked-in 10");
}
static void att_quorum(tbundle *b) { tb_replace_in_line(b, "attendance.txt", 4, "quorum 3", "quorum 2"); }

static void ev_edit(tbundle *b) { tb_replace_in_line(b, "events.log", 3, "opened coat-drive 8", "opened coat-drive 9"); }
static void ev_drop(tbundle *b) { tb_drop_line(b, "events.log", 4); }
static void ev_dup(tbundle *b) { tb_dup_line(b, "events.log", 2); }
static void ev_swap(tbundle *b) { tb_swap_lines(b, "events.log", 3, 4); }
static void ev_flip_hash(tbundle *b)
{
    tb_file *f = tb_get(b, "events.log");
    char *nl = strchr(f->buf, '\n');
    nl[-1] = nl[-1] == '0' ? '1' : '0';
}
static void ev_last_drop(tbundle *b) { tb_drop_line(b, "events.log", tb_line_count(b, "events.log")); }

static void man_drop(tbundle *b) { tb_drop_line(b, "manifest.txt", 2); }
static void man_dup(tbundle *b) { tb_dup_line(b, "manifest.txt", 2); }
static void man_swap(tbundle *b) { tb_swap_lines(b, "manifest.txt", 2, 3); }
static void man_flip(tbundle *b) { tb_get(b, "manifest.txt")->buf[3] ^= 0x01; }
static void sig_flip(tbundle *b) { tb_get(b, "manifest.sig")->buf[10] ^= 0x01; }
static void sig_short(tbundle *b) { tb_get(b, "manifest.sig")->len = 63; }
static void pub_other(tbundle *b)
{
    tb_file *f = tb_get(b, "device.pub");
    f->buf[0] = f->buf[0] == 'a' ? 'b' : 'a';
}
static void pem_other(tbundle *b)
{
    tb_file *f = tb_get(b, "device.pem");
    f->buf[40] = f->buf[40] == 'A' ? 'B' : 'A';
}
static void csv_flip(tbundle *b) { tb_get(b, "results.csv")->buf[3] ^= 0x01; }
static void json_flip(tbundle *b)
{
    tb_file *f = tb_get(b, "results.json");
    char *p = strstr(f->buf, "\"yes\": 4");
    if (!p)
        p = strstr(f->buf, "\"yes\":4");
    if (p)
        p[strlen(p) < 8 ? 0 : (p[6] == '4' ? 6 : 7)] = '5';
    else
        f->buf[f->len / 2] ^= 0x01;
}
/* One field of results.csv, results.json or attendance.txt disagrees with
 * the recount, the meeting file or attendance.txt, the rest of the bundle
 * untouched: only the parse-and-compare check of that file can tell. */
static void csv_yes(tbundle *b) { tb_replace_in_line(b, "results.csv", 2, ",4,2,1,7,", ",5,2,1,7,"); }
static void csv_outcome(tbundle *b) { tb_replace_in_line(b, "results.csv", 3, ",passed,", ",not passed,"); }
static void csv_title(tbundle *b) { tb_replace_in_line(b, "results.csv", 4, "Saturday", "Sunday"); }
static void csv_quorum_met(tbundle *b) { tb_replace_in_line(b, "results.csv", 5, ",3,yes,", ",3,no,"); }
static void csv_unclosed(tbundle *b) { tb_replace_in_line(b, "results.csv", 5, "garden,", "\"garden,"); }
static void csv_stray_quote(tbundle *b) { tb_replace_in_line(b, "results.csv", 5, "garden,", "gar\"den,"); }
static void csv_short_row(tbundle *b) { tb_replace_in_line(b, "results.csv", 4, ",yes,", ",yes"); }
static void csv_header(tbundle *b) { tb_replace_in_line(b, "results.csv", 1, ",root", ",hash"); }
static void json_roster(tbundle *b) { tb_replace_in_line(b, "results.json", 11, "10", "11"); }
static void json_threshold_met(tbundle *b) { tb_replace_in_line(b, "results.json", 27, "true", "false"); }
static void json_title(tbundle *b) { tb_replace_in_line(b, "results.json", 34, "Recall", "Recal"); }
static void json_string_count(tbundle *b) { tb_replace_in_line(b, "results.json", 38, "\"no\": 2", "\"no\": \"2\""); }
static void json_extra_key(tbundle *b) { tb_replace_in_line(b, "results.json", 3, "\"version\": 1,", "\"version\": 1, \"note\": 0,"); }
static void json_dup_key(tbundle *b) { tb_replace_in_line(b, "results.json", 23, "\"yes\": 4,", "\"yes\": 5, \"yes\": 4,"); }
static void json_trailing_comma(tbundle *b) { tb_replace_in_line(b, "results.json", 14, "true", "true,"); }
static void json_float(tbundle *b) { tb_replace_in_line(b, "results.json", 3, "1,", "1.0,"); }
static void att_quorum_only(tbundle *b) { tb_replace_in_line(b, "attendance.txt", 4, "quorum 3", "quorum 2"); }
static void att_attended_events(tbundle *b)
{
    /* 8 still covers every ballot list (7 and 6 ballots) and checked-in
     * now (set to 8 too), but events.log closed bylaws-recall with 9. */
    tb_replace_in_line(b, "attendance.txt", 2, "checked-in 9", "checked-in 8");
    tb_replace_in_line(b, "attendance.txt", 3, "attended 9", "attended 8");
}
static void readme_flip(tbundle *b) { tb_get(b, "README.txt")->buf[0] ^= 0x01; }
static void meeting_flip(tbundle *b) { tb_replace_in_line(b, "meeting.yaml", 2, "Verifier", "Verifyer"); }
static void extra_file(tbundle *b) { tb_set(b, "notes.txt", "hello\n", 6); }
static void extra_ballots(tbundle *b) { tb_set(b, "ballots/garden.txt", "", 0); }
static void remove_csv(tbundle *b) { tb_remove(b, "results.csv"); }
static void remove_events(tbundle *b) { tb_remove(b, "events.log"); }

/* Each derived file checked field by field, resealed with the device key:
 * the message names the file, the line or key and the field.  naive: the
 * file the unsealed edit fails (the manifest check), NULL when not run. */
static const struct {
    const char *what;
    edit_fn edit;
    const char *naive, *check, *msg;
} field_cases[] = {
    {"csv yes", csv_yes, "results.csv", "results.csv",
     "results.csv:2: column yes of coat-drive: the file says \"5\""},
    {"csv outcome", csv_outcome, "results.csv", "results.csv",
     "results.csv:3: column outcome of bylaws-recall"},
    {"csv title", csv_title, "results.csv", "results.csv",
     "results.csv:4: column title of meeting-time"},
    {"csv quorum_met", csv_quorum_met, "results.csv", "results.csv",
     "results.csv:5: column quorum_met of garden"},
    {"csv unclosed quote", csv_unclosed, "results.csv", "results.csv",
     "results.csv:5: a quoted field starts here and is not closed"},
    {"csv stray quote", csv_stray_quote, "results.csv", "results.csv",
     "results.csv:5: a quote inside a field"},
    {"csv short row", csv_short_row, "results.csv", "results.csv",
     "results.csv:4: 13 fields, the header has 14"},
    {"csv header", csv_header, "results.csv", "results.csv",
     "results.csv:1: column 14 is \"hash\""},
    {"json roster", json_roster, "results.json", "results.json",
     "results.json: attendance.roster: the file says 11"},
    {"json threshold_met", json_threshold_met, "results.json", "results.json",
     "results.json: proposals[0] (coat-drive).threshold_met: the file says false"},
    {"json title", json_title, "results.json", "results.json",
     "results.json: proposals[1] (bylaws-recall).title"},
    {"json count as a string", json_string_count, "results.json", "results.json",
     "results.json: proposals[1] (bylaws-recall).counts.no: the file says \"2\", not a int"},
    {"json extra key", json_extra_key, "results.json", "results.json",
     "results.json: top level: key \"note\" is not one"},
    {"json duplicate key", json_dup_key, "results.json", "results.json",
     "results.json: a key appears twice"},
    {"json trailing comma", json_trailing_comma, "results.json", "results.json",
     "results.json:15: not valid JSON"},
    {"json float", json_float, "results.json", "results.json",
     "results.json: version: the file says 1.0, not a int"},
    {"attendance.txt quorum", att_quorum_only, NULL, "attendance.txt",
     "attendance.txt:4: quorum: the file says 2, meeting.yaml's quorum gives 3"},
    {"attendance.txt attended", att_attended_events, "attendance.txt", "attendance.txt",
     "attendance.txt:3: attended: the file says 8, but events.log:8 had 9"},
};

static void test_untouched(void)
{
    tbundle b;
    CHECK(tb_make(&b, 2, KEY) == 0);
    collect c;
    char fpr[32], code[32];
    tb_fingerprint(KEY, fpr);
    CHECK(tb_room_code(&b, "coat-drive", code) == 0);
    verify_root_claim roots[2] = {{"coat-drive", code}, {"bylaws-recall", NULL}};
    char code2[32];
    CHECK(tb_room_code(&b, "bylaws-recall", code2) == 0);
    roots[1].code = code2;
    int nfail = run(&b, fpr, NULL, roots, 2, &c);
    CHECK_MSG(nfail == 0, "untouched bundle fails:\n%s", c.text);
    static const char *const checks[] = {"signature", "key", "manifest", "syntax",
                                         "files", "attendance", "recount", "roots",
                                         "ballot-list-code", "results.txt", "results.csv",
                                         "results.json", "events"};
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        char want[64];
        snprintf(want, sizeof want, "ok: %s\n", checks[i]);
        CHECK_MSG(strstr(c.text, want) != NULL, "no \"%s\" in:\n%s", checks[i], c.text);
    }
    /* The ballot-list code in lower case with spaces, as someone may type it. */
    for (char *p = code; *p; p++)
        *p = *p == '-' ? ' ' : (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
    roots[0].code = code;
    CHECK_INT(run(&b, NULL, NULL, roots, 1, &c), 0);
    /* A wrong ballot-list code: the ballots are not those the room saw. */
    roots[0].code = "0000-0000-0000-0000-0000-0000";
    nfail = run(&b, NULL, NULL, roots, 1, &c);
    CHECK(nfail == 1 && strstr(c.text, "FAIL: ballot-list-code: ballots/coat-drive.txt"));
    /* A root claim for a proposal that is not closed. */
    roots[0].proposal = "meeting-time";
    nfail = run(&b, NULL, NULL, roots, 1, &c);
    CHECK(nfail == 1 && strstr(c.text, "FAIL: ballot-list-code: --root meeting-time"));
    tb_free(&b);
}

static void test_other_key(void)
{
    /* Re-signed with another key: internally consistent, only --key
     * (the fingerprint shown in the room) tells. */
    tbundle b;
    CHECK(tb_make(&b, 2, KEY) == 0);
    tb_seal(&b, OTHER_KEY);
    char fpr[32];
    collect c;
    CHECK_INT(run(&b, NULL, NULL, NULL, 0, &c), 0);
    tb_fingerprint(KEY, fpr);
    expect_fail("re-signed with another key", &b, fpr, "key", "device.pub");
    int nfail = run(&b, fpr, NULL, NULL, 0, &c);
    CHECK_INT(nfail, 1);
    /* Ballots changed and re-signed by someone else: --key catches it
     * even though everything else is consistent... */
    tb_free(&b);
    CHECK(tb_make(&b, 2, KEY) == 0);
    ballot_drop(&b);
    tb_seal(&b, OTHER_KEY);
    expect_fail("ballot dropped, re-signed", &b, fpr, "key", "device.pub");
    tb_free(&b);
}

static void test_previous(void)
{
    tbundle b1, b2;
    collect c;
    CHECK(tb_make(&b1, 1, KEY) == 0);
    CHECK(tb_make(&b2, 2, KEY) == 0);
    CHECK_MSG(run(&b1, NULL, NULL, NULL, 0, &c) == 0, "stage 1 fails:\n%s", c.text);
    char *d1 = tb_write(&b1, tmpdir);
    CHECK(d1 != NULL);
    int nfail = run(&b2, NULL, d1, NULL, 0, &c);
    CHECK_MSG(nfail == 0, "--previous fails:\n%s", c.text);
    CHECK(strstr(c.text, "ok: previous\n") != NULL);
    /* B1 is not an extension of B2 (the other way round). */
    char *d2 = tb_write(&b2, tmpdir);
    nfail = run(&b1, NULL, d2, NULL, 0, &c);
    CHECK(nfail > 0 && strstr(c.text, "FAIL: previous: events.log"));
    /* A closed proposal changed between exports (re-signed with the key). */
    tbundle b3;
    CHECK(tb_make(&b3, 2, KEY) == 0);
    ballot_edit_choice(&b3);
    tb_seal(&b3, KEY);
    nfail = run(&b3, NULL, d1, NULL, 0, &c);
    CHECK_MSG(nfail > 0 && strstr(c.text, "FAIL: previous: ballots/coat-drive.txt"),
              "changed closed proposal:\n%s", c.text);
    tb_free(&b3);
    /* A previous bundle signed by another key. */
    tb_seal(&b1, OTHER_KEY);
    char *d3 = tb_write(&b1, tmpdir);
    nfail = run(&b2, NULL, d3, NULL, 0, &c);
    CHECK(nfail > 0 && strstr(c.text, "FAIL: previous:"));
    tb_rm_rf(d1);
    tb_rm_rf(d2);
    tb_rm_rf(d3);
    free(d1);
    free(d2);
    free(d3);
    tb_free(&b1);
    tb_free(&b2);
}

static void test_special_files(void)
{
    tbundle b;
    CHECK(tb_make(&b, 2, KEY) == 0);
    char *dir = tb_write(&b, tmpdir);
    char p[4200], q[4200];
    collect c;
    verify_opts o = {dir, NULL, NULL, NULL, 0};
    int nfail = -1;
    as_err err;
    /* A symlink in place of README.txt is refused, not followed. */
    snprintf(p, sizeof p, "%s/README.txt", dir);
    snprintf(q, sizeof q, "%s/README.link", dir);
    CHECK(rename(p, q) == 0);
    CHECK(symlink("README.link", p) == 0);
    c.len = 0;
    c.text[0] = 0;
    CHECK(verify_bundle(&o, collect_line, &c, &nfail, &err) == AS_OK);
    CHECK(nfail > 0 && strstr(c.text, "FAIL: files: README.txt: is a symbolic link"));
    unlink(p);
    CHECK(rename(q, p) == 0);
    /* A FIFO is refused without blocking. */
    snprintf(q, sizeof q, "%s/fifo", dir);
    CHECK(mkfifo(q, 0600) == 0);
    c.len = 0;
    CHECK(verify_bundle(&o, collect_line, &c, &nfail, &err) == AS_OK);
    CHECK(nfail > 0 && strstr(c.text, "FAIL: files: fifo: is not a regular file"));
    unlink(q);
    /* A sub-directory other than ballots/. */
    snprintf(q, sizeof q, "%s/extra", dir);
    CHECK(mkdir(q, 0700) == 0);
    c.len = 0;
    CHECK(verify_bundle(&o, collect_line, &c, &nfail, &err) == AS_OK);
    CHECK(nfail > 0 && strstr(c.text, "FAIL: files: extra: is an unexpected folder"));
    rmdir(q);
    c.len = 0;
    CHECK(verify_bundle(&o, collect_line, &c, &nfail, &err) == AS_OK);
    CHECK_MSG(nfail == 0, "%s", c.text);
    /* Not a bundle at all. */
    o.bundle = "/nonexistent/asamblea-bundle";
    CHECK(verify_bundle(&o, collect_line, &c, &nfail, &err) == AS_ENOENT);
    o.bundle = p; /* a file */
    CHECK(verify_bundle(&o, collect_line, &c, &nfail, &err) == AS_EINVAL);
    tb_rm_rf(dir);
    free(dir);
    tb_free(&b);
}

int main(int argc, char **argv)
{
    if (sodium_init() < 0 || !mkdtemp(tmpdir))
        return 1;
    if (argc == 3 && !strcmp(argv[1], "--write-bundle")) {
        /* For tests/fuzz/run.sh and the docs: a sample bundle. */
        tbundle b;
        if (tb_make(&b, 2, KEY) != 0)
            return 1;
        char *dir = tb_write(&b, tmpdir);
        int rc = dir && rename(dir, argv[2]) == 0 ? 0 : 1;
        free(dir);
        tb_free(&b);
        tb_rm_rf(tmpdir);
        return rc;
    }
    test_untouched();
    test_other_key();
    test_previous();
    test_special_files();

    /* what, edit, naive check+file (NULL: not tested), sealed check+file */
    tamper("ballot byte flipped", ballot_flip, "manifest", BAL, "syntax", BAL);
    tamper("ballot line dropped", ballot_drop, "manifest", BAL, "recount", "results.txt");
    tamper("ballot line dropped (root)", ballot_drop, NULL, NULL, "roots", "results.txt");
    tamper("ballot line duplicated", ballot_dup, "manifest", BAL, "syntax", BAL ":4: ids not strictly ascending");
    tamper("ballot lines swapped", ballot_swap, "manifest", BAL, "syntax", BAL ":3: ids not strictly ascending");
    tamper("ballot id not hex", ballot_upper, "manifest", BAL, "syntax", BAL ":1:");
    tamper("ballot CR", ballot_cr, "manifest", BAL, "syntax", BAL ":2: carriage return");
    tamper("ballot no final LF", ballot_nolf, "manifest", BAL, "syntax", BAL ":7: last line has no LF");
    tamper("ballot empty line", ballot_empty_line, "manifest", BAL, "syntax", BAL ":5:");
    tamper("ballot bad choice", ballot_bad_choice, "manifest", BAL, "syntax", BAL ":1: choice");
    tamper("ballot choice edited", ballot_edit_choice, "manifest", BAL, "recount", "results.txt");
    tamper("ballot choice edited (root)", ballot_edit_choice, NULL, NULL, "roots", "results.txt");
    tamper("ballot choice edited (csv)", ballot_edit_choice, NULL, NULL, "results.csv", "results.csv");
    tamper("ballot double space", ballot_double_space, "manifest", BAL, "syntax", BAL);
    tamper("ballot list removed", ballot_remove, "files", BAL, "files", "manifest.txt: does not list " BAL);

    tamper("results byte flipped", results_flip, "manifest", "results.txt", "syntax", "results.txt:1:");
    tamper("results line dropped", results_drop, "manifest", "results.txt", "syntax", "results.txt:");
    tamper("results line duplicated", results_dup, "manifest", "results.txt", "syntax", "results.txt:7:");
    tamper("results lines swapped", results_swap, "manifest", "results.txt", "syntax", "results.txt:7:");
    tamper("results count changed", results_count, "manifest", "results.txt", "recount", "results.txt:1: coat-drive says yes 5");
    tamper("results sum broken", results_sum, "manifest", "results.txt", "syntax", "results.txt:1: yes + no + abstain");
    tamper("results outcome changed", results_outcome, "manifest", "results.txt", "recount", "results.txt:1: coat-drive says not-passed");
    tamper("results root changed", results_root, "manifest", "results.txt", "roots", "results.txt:1:");
    tamper("results threshold changed", results_threshold, "manifest", "results.txt", "results.txt", "results.txt:3:");
    /* Fewer present at close than ballots is honest (voters may leave
     * before the close), so only the log and the regenerated files catch
     * a lowered figure. */
    tamper("results checked-in below ballots", results_checked_in, "manifest", "results.txt", "results.csv", "results.csv:2:");
    tamper("results checked-in above attended", results_checked_in_high, "manifest", "results.txt", "attendance", "results.txt:1: coat-drive closed with more people checked in (10) than ever attended");
    tamper("results checked-in (events)", results_checked_in, NULL, NULL, "events", "events.log:4: closed coat-drive does not match");
    tamper("results leading zero", results_leading_zero, "manifest", "results.txt", "syntax", "results.txt:8:");

    tamper("attendance line dropped", att_drop, "manifest", "attendance.txt", "syntax", "attendance.txt:3:");
    tamper("attendance checked-in lowered", att_low, "manifest", "attendance.txt", "results.csv", "results.csv:");
    tamper("attended lowered below a proposal's ballots", att_attended_low, "manifest", "attendance.txt", "attendance", "results.txt:1: coat-drive has more ballots (7) than people who attended (attendance.txt's attended, 6)");
    tamper("attended above roster", att_attended_over_roster, "manifest", "attendance.txt", "syntax", "attendance.txt:3: more people attended than on the roster");
    tamper("checked-in above attended", att_present_over_attended, "manifest", "attendance.txt", "syntax", "attendance.txt:2: more people checked in now than ever attended");
    tamper("attendance quorum", att_quorum, "manifest", "attendance.txt", "attendance", "results.txt:1: coat-drive has quorum");

    tamper("event edited", ev_edit, "manifest", "events.log", "events", "events.log:3: hash does not recompute");
    tamper("event dropped", ev_drop, "manifest", "events.log", "syntax", "events.log:4: does not start with its sequence number");
    tamper("event duplicated", ev_dup, "manifest", "events.log", "syntax", "events.log:3:");
    tamper("events swapped", ev_swap, "manifest", "events.log", "syntax", "events.log:3:");
    tamper("event hash flipped", ev_flip_hash, "manifest", "events.log", "events", "events.log:1: hash does not recompute");
    tamper("last event dropped", ev_last_drop, "manifest", "events.log", "events", "events.log:9: last event");
    tamper("events removed", remove_events, "files", "events.log", "syntax", "events.log: missing");

    tamper("manifest line dropped", man_drop, "signature", "manifest.sig", NULL, NULL);
    tamper_manifest("manifest line dropped (signed)", man_drop, "files", "attendance.txt: extra file");
    tamper("manifest line duplicated", man_dup, "signature", "manifest.sig", NULL, NULL);
    tamper_manifest("manifest line duplicated (signed)", man_dup, "manifest", "manifest.txt:3: paths not strictly ascending");
    tamper("manifest lines swapped", man_swap, "signature", "manifest.sig", NULL, NULL);
    tamper_manifest("manifest lines swapped (signed)", man_swap, "manifest", "manifest.txt:3: paths not strictly ascending");
    tamper("manifest hash flipped", man_flip, "signature", "manifest.sig", NULL, NULL);
    tamper_manifest("manifest hash flipped (signed)", man_flip, "manifest", "README.txt: SHA-256 differs");
    tamper("signature flipped", sig_flip, "signature", "manifest.sig: not a valid signature", NULL, NULL);
    tamper("signature truncated", sig_short, "signature", "manifest.sig: 63 bytes", NULL, NULL);
    tamper("device.pub replaced", pub_other, "signature", "manifest.sig", NULL, NULL);
    tamper("device.pem replaced", pem_other, "signature", "device.pem", NULL, NULL);
    tamper("results.csv edited", csv_flip, "manifest", "results.csv", "results.csv", "results.csv:1:");
    tamper("results.json edited", json_flip, "manifest", "results.json", "results.json", "results.json:");
    tamper("README edited", readme_flip, "manifest", "README.txt", NULL, NULL);
    tamper("meeting.yaml edited", meeting_flip, "manifest", "meeting.yaml", "events", "events.log:1: meeting hash");
    tamper("extra file", extra_file, "files", "notes.txt: extra file", "files", "manifest.txt:");
    tamper("extra ballot list", extra_ballots, "files", "ballots/garden.txt: extra file", "files", "ballots/garden.txt: not the ballot list of a closed");
    tamper("results.csv removed", remove_csv, "files", "results.csv: listed in manifest.txt", "files", "manifest.txt: does not list results.csv");

    for (size_t i = 0; i < sizeof field_cases / sizeof field_cases[0]; i++)
        tamper(field_cases[i].what, field_cases[i].edit,
               field_cases[i].naive ? "manifest" : NULL, field_cases[i].naive,
               field_cases[i].check, field_cases[i].msg);

    tb_rm_rf(tmpdir);
    return check_done();
}
