/* test_print_cards.c: `asamblea cards`: a deck of anonymous voting cards
 * decodes back to tokens that the data directory knows (by keyed hash
 * only), carries no roster name, and bad input registers nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "check.h"
#include "meeting.h"
#include "print.h"
#include "store_sqlite.h"
#include "test_print_util.h"

#define MEETING AS_TEST_DATA "/flow/meeting.yaml"

/* 1 if needle occurs in the n bytes at hay. */
static int contains(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (!memcmp(hay + i, needle, k))
            return 1;
    return 0;
}

static void test_store_api(const char *work)
{
    char dir[1024];
    uint8_t sha[32] = {1, 2, 3}, h[3][TOKEN_HASH_SIZE];
    store *s = NULL;
    as_err err = {{0}};
    int64_t n = -1;
    int yes = -1;

    snprintf(dir, sizeof dir, "%s/api", work);
    CHECK_INT(store_open(dir, sha, &s, &err), AS_OK);
    if (!s)
        return;
    randombytes_buf(h, sizeof h);
    /* Before any card: reads say none and create nothing. */
    CHECK_INT(store_card_count(s, &n, &err), AS_OK);
    CHECK_INT(n, 0);
    CHECK_INT(store_is_card(s, h[0], &yes, &err), AS_OK);
    CHECK_INT(yes, 0);
    CHECK_INT(store_add_cards(s, (const uint8_t (*)[32])h, 2, &err), AS_OK);
    CHECK_INT(store_card_count(s, &n, &err), AS_OK);
    CHECK_INT(n, 2);
    CHECK_INT(store_is_card(s, h[1], &yes, &err), AS_OK);
    CHECK_INT(yes, 1);
    CHECK_INT(store_is_card(s, h[2], &yes, &err), AS_OK);
    CHECK_INT(yes, 0);
    /* All or none: a batch with one already registered adds nothing. */
    memcpy(h[0], h[2], 32);
    memcpy(h[2], h[1], 32);
    CHECK_INT(store_add_cards(s, (const uint8_t (*)[32])h, 3, &err), AS_EINVAL);
    CHECK_INT(store_card_count(s, &n, &err), AS_OK);
    CHECK_INT(n, 2);
    CHECK_INT(store_is_card(s, h[0], &yes, &err), AS_OK);
    CHECK_INT(yes, 0);
    store_free(s);
    /* Reopening checks the schema: the extra table is accepted. */
    s = NULL;
    CHECK_INT(store_open(dir, sha, &s, &err), AS_OK);
    CHECK_INT(store_card_count(s, &n, &err), AS_OK);
    CHECK_INT(n, 2);
    store_free(s);
}

/* How many registered cards the data directory holds (-1 if none). */
static int64_t cards_in(const char *data, const meeting *m)
{
    char db[1100];
    store *s = NULL;
    as_err err = {{0}};
    int64_t n = -1;

    snprintf(db, sizeof db, "%s/meeting.db", data);
    if (!tp_exists(db))
        return -1;
    if (store_open(data, m->sha256, &s, &err) == AS_OK)
        store_card_count(s, &n, &err);
    store_free(s);
    return n;
}

static void test_deck(const char *work, const meeting *m, int have_tools)
{
    char cmd[4096], pdf[1024], data[1024], out[1024], errf[1024];
    store *s = NULL;
    as_err err = {{0}};
    int64_t n = -1;

    snprintf(pdf, sizeof pdf, "%s/cards.pdf", work);
    snprintf(data, sizeof data, "%s/data", work);
    snprintf(out, sizeof out, "%s/out.txt", work);
    snprintf(errf, sizeof errf, "%s/err.txt", work);
    snprintf(cmd, sizeof cmd, "'%s' cards 12 -o '%s' --meeting '%s' --data '%s' --paper a4",
             AS_BINARY, pdf, MEETING, data);
    CHECK_INT(tp_run(cmd, out, errf), 0);
    CHECK(tp_exists(pdf));
    CHECK_INT(cards_in(data, m), 12);
    if (!have_tools) {
        CHECK_SKIP("pdftoppm, pdftotext or zbarimg missing: install "
                   "poppler-utils and zbar-tools");
        return;
    }
    print_layout l;
    int ngot = 0;
    print_layout_get(PRINT_A4, &l);
    char **got = tp_decode_pdf(pdf, work, "card", &l, 12, &ngot);
    CHECK_INT(ngot, 12);
    CHECK_INT(store_open(data, m->sha256, &s, &err), AS_OK);
    char *said = tp_read(out, NULL), *said_err = tp_read(errf, NULL);
    for (int i = 0; got && s && i < ngot; i++) {
        char canon[TOKEN_TEXT_SIZE];
        uint8_t h[TOKEN_HASH_SIZE];
        int yes = 0;
        CHECK_INT(token_normalize(got[i], strlen(got[i]), canon), AS_OK);
        CHECK_STR(canon, got[i]);
        CHECK(i == 0 || strcmp(got[i - 1], got[i]) != 0); /* all distinct */
        token_hash(store_key(s), got[i], h);
        CHECK_INT(store_is_card(s, h, &yes, &err), AS_OK);
        CHECK_MSG(yes == 1, "card %d decodes to an unregistered token", i);
        /* Never on stdout or stderr. */
        CHECK(said && !strstr(said, got[i]));
        CHECK(said_err && !strstr(said_err, got[i]));
    }
    /* A badge token is not a card. */
    for (int i = 0; s && i < roster_count(m->roster); i++) {
        uint8_t h[TOKEN_HASH_SIZE];
        int yes = 1;
        token_hash(store_key(s), roster_get(m->roster, i)->token, h);
        CHECK_INT(store_is_card(s, h, &yes, &err), AS_OK);
        CHECK_INT(yes, 0);
    }
    CHECK_INT(store_card_count(s, &n, &err), AS_OK);
    CHECK_INT(n, 12);
    store_free(s);
    free(said);
    free(said_err);

    /* The tokens are not in the database in the clear. */
    char db[1100];
    size_t dblen = 0;
    snprintf(db, sizeof db, "%s/meeting.db", data);
    char *bytes = tp_read(db, &dblen);
    for (int i = 0; bytes && got && i < ngot; i++)
        CHECK(!contains(bytes, dblen, got[i]));
    free(bytes);

    char *text = tp_pdf_text(pdf, work);
    CHECK(text != NULL);
    for (int i = 0; text && i < roster_count(m->roster); i++) {
        char *nm = tp_squash(roster_get(m->roster, i)->name);
        CHECK_MSG(strstr(text, nm) == NULL, "roster name of line %d on a card",
                  roster_get(m->roster, i)->line);
        free(nm);
    }
    int cards = 0;
    for (const char *p = text; p && (p = strstr(p, "Votingcard")) != NULL; p++)
        cards++;
    CHECK_INT(cards, 12);
    for (int i = 0; text && got && i < ngot; i++)
        CHECK(strstr(text, got[i]) != NULL);
    free(text);
    tp_free_list(got, ngot);

    /* A second deck adds to the first. */
    snprintf(cmd, sizeof cmd, "'%s' cards 3 -o '%s/more.pdf' --meeting '%s' --data '%s'",
             AS_BINARY, work, MEETING, data);
    CHECK_INT(tp_run(cmd, NULL, NULL), 0);
    CHECK_INT(cards_in(data, m), 15);
}

static void test_bad_input(const char *work, const meeting *m)
{
    static const char *const counts[] = {"0", "5001", "12x", "-3", ""};
    char cmd[4096], pdf[1024], data[1024], errf[1024], *msg;

    snprintf(pdf, sizeof pdf, "%s/bad.pdf", work);
    snprintf(data, sizeof data, "%s/baddata", work);
    snprintf(errf, sizeof errf, "%s/err.txt", work);
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
        snprintf(cmd, sizeof cmd, "'%s' cards '%s' -o '%s' --meeting '%s' --data '%s'",
                 AS_BINARY, counts[i], pdf, MEETING, data);
        CHECK_INT(tp_run(cmd, NULL, errf), 2);
        msg = tp_read(errf, NULL);
        CHECK_MSG(msg && strchr(msg, '\n') && msg[0], "no message for N='%s'", counts[i]);
        free(msg);
    }
    snprintf(cmd, sizeof cmd, "'%s' cards 4 -o '%s/missing/c.pdf' --meeting '%s' --data '%s'",
             AS_BINARY, work, MEETING, data);
    CHECK_INT(tp_run(cmd, NULL, errf), 2);
    msg = tp_read(errf, NULL);
    CHECK(msg && strstr(msg, "does not exist"));
    free(msg);
    /* -o naming a folder. */
    snprintf(cmd, sizeof cmd, "'%s' cards 4 -o '%s' --meeting '%s' --data '%s'",
             AS_BINARY, work, MEETING, data);
    CHECK_INT(tp_run(cmd, NULL, errf), 2);
    snprintf(cmd, sizeof cmd, "'%s' cards 4 -o '%s' --meeting '%s/nope.yaml' --data '%s'",
             AS_BINARY, pdf, work, data);
    CHECK_INT(tp_run(cmd, NULL, errf), 2);
    CHECK(!tp_exists(pdf));
    CHECK_INT(cards_in(data, m), -1); /* nothing created at all */
    CHECK_INT(tp_count_files(work, ".bad.pdf"), 0);
}

int main(void)
{
    char *work = tp_mkdtemp();
    meeting *m = NULL;
    diag_list d;

    if (sodium_init() < 0 || !work) {
        CHECK(0);
        return check_done();
    }
    diag_init(&d);
    CHECK_INT(meeting_load(MEETING, &m, &d), AS_OK);
    diag_free(&d);
    if (m) {
        test_store_api(work);
        test_deck(work, m, tp_have("pdftoppm") && tp_have("pdftotext") &&
                               tp_have("zbarimg"));
        test_bad_input(work, m);
    }
    meeting_free(m);
    tp_rm_rf(work);
    free(work);
    return check_done();
}
