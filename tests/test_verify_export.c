/* test_verify_export.c: the verifier on real exports: a store in a fresh
 * data directory, votes cast through store_cast, the bundle written by
 * export_write.  Both an early and a later export pass, the later one
 * extends the earlier (--previous), a changed ballot is caught, the
 * `asamblea verify` command gives exit 0 / 1 / 2 with --key and --root, and
 * someone who votes and checks out before the close leaves a record that
 * passes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <sodium.h>
#include "check.h"
#include "export.h"
#include "meeting.h"
#include "record.h"
#include "store_sqlite.h"
#include "test_verify_util.h"
#include "verify.h"

static char tmpdir[] = "/tmp/as-verify-export-XXXXXX";

static const char roster_csv[] =
    "name,role,token\n"
    "A,facilitator,\nB,attendee,\nC,attendee,\nD,attendee,\nE,attendee,\n"
    "F,attendee,\nG,attendee,\nH,attendee,\nI,attendee,\nJ,attendee,\n";

typedef tb_report collect;

static int verify(const char *dir, const char *prev, collect *c)
{
    return tb_verify(dir, prev, c);
}

static void badge(uint8_t h[TOKEN_HASH_SIZE], int i)
{
    memset(h, 0, TOKEN_HASH_SIZE);
    h[0] = 0x5a;
    h[1] = (uint8_t)i;
}

static int run_cli(const char *args, char *out, size_t size)
{
    return tb_cli(args, out, size);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = calloc(1, 8192);
    size_t n = 0;
    if (f && buf)
        n = fread(buf, 1, 8191, f);
    if (f)
        fclose(f);
    if (buf)
        buf[n] = '\0';
    return buf;
}

/* test_left_early: three people check in and vote, one checks out before
 * the facilitator closes the vote.  The close records 2 present (the
 * quorum figure), attendance.txt says 3 attended, and the bundle passes
 * `asamblea verify`: leaving early never makes an honest record fail. */
static void test_left_early(const meeting *m)
{
    char data[600], usb[600], path[EXPORT_PATH_MAX + 64], out[16384],
        args[EXPORT_PATH_MAX + 8];
    uint8_t h[TOKEN_HASH_SIZE], root[32];
    int64_t ci = -1, att = -1, nb = -1;
    store *s = NULL;
    as_err err = {{0}};
    export_summary sum;
    collect c;
    size_t ylen = strlen(tb_meeting_yaml);

    snprintf(data, sizeof data, "%s/left-data", tmpdir);
    snprintf(usb, sizeof usb, "%s/left-usb", tmpdir);
    if (store_open(data, m->sha256, &s, &err) != AS_OK) {
        CHECK_MSG(0, "left early: %s", err.msg);
        return;
    }
    for (int i = 0; i < 3; i++) {
        badge(h, 20 + i);
        CHECK_INT(store_checkin(s, h, NULL, &err), AS_OK);
    }
    CHECK_INT(store_set_proposal_state(s, "coat-drive", PROP_OPEN, &err), AS_OK);
    for (int i = 0; i < 3; i++) {
        badge(h, 20 + i);
        CHECK_INT(store_cast(s, "coat-drive", h, CHOICE_YES, &err), AS_OK);
    }
    badge(h, 21);
    CHECK_INT(store_checkout(s, h, &err), AS_OK);
    CHECK_INT(store_set_proposal_state(s, "coat-drive", PROP_CLOSED, &err), AS_OK);
    CHECK_INT(store_closed_info(s, "coat-drive", &ci, root, &err), AS_OK);
    CHECK_INT(ci, 2);
    CHECK_INT(store_checked_in_count(s, &ci, &err), AS_OK);
    CHECK_INT(ci, 2);
    CHECK_INT(store_attended_count(s, &att, &err), AS_OK);
    CHECK_INT(att, 3);
    CHECK_INT(store_ballot_count(s, "coat-drive", &nb, &err), AS_OK);
    CHECK_INT(nb, 3);

    as_status st = export_write(m, tb_meeting_yaml, ylen, meeting_quorum(m), 10, s,
                                data, usb, &sum, &err);
    CHECK_MSG(st == AS_OK, "left early: export: %s", err.msg);
    if (st != AS_OK)
        goto done;
    snprintf(path, sizeof path, "%s/attendance.txt", sum.path);
    char *a = slurp(path);
    CHECK_STR(a, "roster 10\nchecked-in 2\nattended 3\nquorum 3\n");
    free(a);
    snprintf(path, sizeof path, "%s/results.txt", sum.path);
    char *r = slurp(path);
    /* 2 present at close, quorum 3: not passed, with 3 ballots. */
    CHECK(r && strstr(r, "state closed\nchecked-in 2\nquorum 3\nballots 3\nyes 3\n"
                         "no 0\nabstain 0\noutcome not-passed\n"));
    free(r);
    int nfail = verify(sum.path, NULL, &c);
    CHECK_MSG(nfail == 0, "left early: verify fails:\n%s", c.text);
    CHECK(strstr(c.text, "ok: attendance:") != NULL);
    snprintf(args, sizeof args, "'%s'", sum.path);
    CHECK_INT(run_cli(args, out, sizeof out), 0);
    CHECK_MSG(strstr(out, "ok: attendance") && strstr(out, "all checks passed"), "%s",
              out);
done:
    store_free(s);
}

int main(void)
{
    if (sodium_init() < 0 || !mkdtemp(tmpdir))
        return 1;
    meeting *m = NULL;
    store *s = NULL;
    diag_list d;
    as_err err = {{0}};
    collect c;
    char data[600], out1[600], out2[600], b1[EXPORT_PATH_MAX], b2[EXPORT_PATH_MAX];
    uint8_t h[TOKEN_HASH_SIZE];
    size_t ylen = strlen(tb_meeting_yaml);
    diag_init(&d);
    CHECK_INT(meeting_from_memory("meeting.yaml", tb_meeting_yaml, ylen, roster_csv,
                                  &m, &d), AS_OK);
    diag_free(&d);
    snprintf(data, sizeof data, "%s/data", tmpdir);
    snprintf(out1, sizeof out1, "%s/usb1", tmpdir);
    snprintf(out2, sizeof out2, "%s/usb2", tmpdir);
    if (!m || store_open(data, m->sha256, &s, &err) != AS_OK) {
        CHECK_MSG(0, "setup: %s", err.msg);
        return check_done();
    }
    for (int i = 0; i < 8; i++) {
        badge(h, i);
        CHECK_INT(store_checkin(s, h, NULL, &err), AS_OK);
    }
    static const int coat[] = {CHOICE_YES, CHOICE_NO, CHOICE_YES, CHOICE_ABSTAIN,
                               CHOICE_YES, CHOICE_NO, CHOICE_YES};
    CHECK_INT(store_set_proposal_state(s, "coat-drive", PROP_OPEN, &err), AS_OK);
    for (int i = 0; i < 7; i++) {
        badge(h, i);
        CHECK_INT(store_cast(s, "coat-drive", h, coat[i], &err), AS_OK);
    }
    CHECK_INT(store_set_proposal_state(s, "coat-drive", PROP_CLOSED, &err), AS_OK);
    CHECK_INT(store_set_proposal_state(s, "bylaws-recall", PROP_OPEN, &err), AS_OK);
    export_summary sum;
    as_status st = export_write(m, tb_meeting_yaml, ylen, meeting_quorum(m), 10, s,
                                data, out1, &sum, &err);
    CHECK_MSG(st == AS_OK, "export 1: %s", err.msg);
    snprintf(b1, sizeof b1, "%s", sum.path);
    int nfail = verify(b1, NULL, &c);
    CHECK_MSG(nfail == 0, "first export fails:\n%s", c.text);

    /* Later: one more person, bylaws-recall closes, meeting-time opens. */
    badge(h, 8);
    CHECK_INT(store_checkin(s, h, NULL, &err), AS_OK);
    for (int i = 0; i < 6; i++) {
        badge(h, i + 2);
        CHECK_INT(store_cast(s, "bylaws-recall", h, i % 3 == 2 ? CHOICE_NO : CHOICE_YES,
                             &err), AS_OK);
    }
    CHECK_INT(store_set_proposal_state(s, "bylaws-recall", PROP_CLOSED, &err), AS_OK);
    CHECK_INT(store_set_proposal_state(s, "meeting-time", PROP_OPEN, &err), AS_OK);
    st = export_write(m, tb_meeting_yaml, ylen, meeting_quorum(m), 10, s, data, out2,
                      &sum, &err);
    CHECK_MSG(st == AS_OK, "export 2: %s", err.msg);
    snprintf(b2, sizeof b2, "%s", sum.path);
    nfail = verify(b2, b1, &c);
    CHECK_MSG(nfail == 0, "later export with --previous fails:\n%s", c.text);
    CHECK(strstr(c.text, "ok: previous:") != NULL);
    CHECK(strstr(c.text, "ok: results.csv:") != NULL);
    nfail = verify(b1, b2, &c);
    CHECK_MSG(nfail > 0 && strstr(c.text, "FAIL: previous: events.log"), "%s", c.text);

    /* The command line. */
    uint8_t pk[32], sk[64];
    char fpr[RECORD_FPR_SIZE], args[16384], out[16384];
    CHECK_INT(export_device_key(data, pk, sk, &err), AS_OK);
    record_fingerprint(pk, fpr);
    tbundle tb;
    memset(&tb, 0, sizeof tb);
    char code[32] = "", qr[RECORD_QR_TEXT_SIZE] = "";
    {
        /* The ballot-list code from the exported list itself. */
        char p[EXPORT_PATH_MAX + 64];
        snprintf(p, sizeof p, "%s/ballots/coat-drive.txt", b2);
        FILE *f = fopen(p, "rb");
        char buf[4096];
        size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
        if (f)
            fclose(f);
        tb_set(&tb, "ballots/coat-drive.txt", buf, n);
        CHECK_INT(tb_room_code(&tb, "coat-drive", code), 0);
        uint8_t root[32];
        CHECK_INT(tb_root(&tb, "coat-drive", root), 0);
        record_qr_text("coat-drive", root, qr);
        tb_free(&tb);
    }
    snprintf(args, sizeof args, "'%s' --key '%s' --root coat-drive=%s --previous '%s'",
             b2, fpr, code, b1);
    CHECK_INT(run_cli(args, out, sizeof out), 0);
    CHECK_MSG(strstr(out, "ok: signature\n") && strstr(out, "ok: key\n") &&
              strstr(out, "ok: ballot-list-code\n") && strstr(out, "all checks passed"),
              "%s", out);
    /* The QR code's text as a phone shows it, and its root alone in
     * capitals: both are the same claim. */
    snprintf(args, sizeof args, "'%s' --root '%s'", b2, qr);
    CHECK_INT(run_cli(args, out, sizeof out), 0);
    CHECK_MSG(strstr(out, "ok: ballot-list-code\n") != NULL, "%s", out);
    snprintf(args, sizeof args, "'%s' --root coat-drive=%s", b2, strrchr(qr, ':') + 1);
    CHECK_INT(run_cli(args, out, sizeof out), 0);
    qr[strlen(qr) - 1] = qr[strlen(qr) - 1] == '0' ? '1' : '0';
    snprintf(args, sizeof args, "'%s' --root '%s'", b2, qr);
    CHECK_INT(run_cli(args, out, sizeof out), 1);
    CHECK(strstr(out, "FAIL: ballot-list-code: ballots/coat-drive.txt") != NULL);
    snprintf(args, sizeof args, "'%s' --key AAAA-BBBB-CCCC-DDDD", b2);
    CHECK_INT(run_cli(args, out, sizeof out), 1);
    CHECK(strstr(out, "FAIL: key: device.pub") != NULL);
    snprintf(args, sizeof args, "'%s' --root coat-drive=0000-0000-0000-0000-0000-0000", b2);
    CHECK_INT(run_cli(args, out, sizeof out), 1);
    CHECK(strstr(out, "FAIL: ballot-list-code: ballots/coat-drive.txt") != NULL);
    CHECK_INT(run_cli("/nonexistent/bundle", out, sizeof out), 2);
    CHECK_INT(run_cli("", out, sizeof out), 2);
    snprintf(args, sizeof args, "'%s' --root nocode", b2);
    CHECK_INT(run_cli(args, out, sizeof out), 2);
    snprintf(args, sizeof args, "'%s' --frobnicate", b2);
    CHECK_INT(run_cli(args, out, sizeof out), 2);

    /* A changed ballot in the real export. */
    snprintf(args, sizeof args, "sed -i '1s/ yes$/ no/;t;1s/ [a-z]*$/ yes/' "
             "'%s/ballots/coat-drive.txt'", b2);
    CHECK_INT(system(args), 0);
    snprintf(args, sizeof args, "'%s'", b2);
    CHECK_INT(run_cli(args, out, sizeof out), 1);
    CHECK_MSG(strstr(out, "FAIL: manifest: ballots/coat-drive.txt: SHA-256 differs") &&
              strstr(out, "FAIL: recount:") && strstr(out, "FAIL: roots:"), "%s", out);

    store_free(s);
    test_left_early(m);
    meeting_free(m);
    tb_rm_rf(tmpdir);
    return check_done();
}
