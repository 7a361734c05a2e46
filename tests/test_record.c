/* test_record.c: known-answer vectors for the canonical record pieces
 * (docs/export-format.md §8).  The expected hex was computed once,
 * independently, with Python's hashlib from the spec's formulas and pasted
 * here; the C code must reproduce it byte for byte. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "meeting.h"
#include "record.h"

/* The fixed ballots of §8: ballot i (0..7) has id byte 0 = i*17 mod 256,
 * bytes 1..15 = 1..15, and choice i mod 3 (yes, no, abstain). */
#define NB 8
static char lines[NB][RECORD_LINE_MAX];
static size_t lens[NB];

static int cmp_line(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

static void make_lines(void)
{
    for (int i = 0; i < NB; i++) {
        uint8_t id[RECORD_ID_SIZE];
        for (int k = 0; k < RECORD_ID_SIZE; k++)
            id[k] = (uint8_t)k;
        id[0] = (uint8_t)(i * 17);
        CHECK(record_ballot_line(id, i % 3, lines[i]) > 0);
    }
    qsort(lines, NB, sizeof lines[0], cmp_line);
    for (int i = 0; i < NB; i++)
        lens[i] = strlen(lines[i]);
}

static void root_of(size_t n, char hex[65])
{
    uint8_t leaves[NB][RECORD_HASH_SIZE], root[RECORD_HASH_SIZE];
    for (size_t i = 0; i < n; i++)
        record_leaf_hash(lines[i], lens[i], leaves[i]);
    record_merkle_root(leaves, n, root);
    record_hex(root, RECORD_HASH_SIZE, hex);
}

static void test_choices(void)
{
    CHECK_STR(record_choice_word(CHOICE_YES), "yes");
    CHECK_STR(record_choice_word(CHOICE_NO), "no");
    CHECK_STR(record_choice_word(CHOICE_ABSTAIN), "abstain");
    CHECK(record_choice_word(3) == NULL);
    CHECK(record_choice_word(-1) == NULL);
    CHECK_INT(record_choice_parse("abstain", 7), CHOICE_ABSTAIN);
    CHECK_INT(record_choice_parse("no", 2), CHOICE_NO);
    CHECK_INT(record_choice_parse("yes!", 3), CHOICE_YES);
    CHECK_INT(record_choice_parse("Yes", 3), -1);
    CHECK_INT(record_choice_parse("ye", 2), -1);
    CHECK_INT(record_choice_parse("", 0), -1);
    uint8_t id[RECORD_ID_SIZE] = {0};
    char out[RECORD_LINE_MAX];
    CHECK_INT(record_ballot_line(id, 7, out), 0);
    CHECK_INT(record_ballot_line(id, CHOICE_ABSTAIN, out), 40);
    CHECK_STR(out, "00000000000000000000000000000000 abstain");
}

static void test_hex(void)
{
    uint8_t b[3] = {0x00, 0xab, 0xff}, back[3];
    char hex[7];
    record_hex(b, 3, hex);
    CHECK_STR(hex, "00abff");
    CHECK_INT(record_unhex("00abff", back, 3), 0);
    CHECK(memcmp(b, back, 3) == 0);
    CHECK_INT(record_unhex("00ABff", back, 3), -1); /* lower case only */
    CHECK_INT(record_unhex("00ab", back, 3), -1);   /* too short */
    CHECK_INT(record_unhex("00abfg", back, 3), -1);
    CHECK_INT(record_unhex(NULL, back, 3), -1);
}

static void test_leaf_and_roots(void)
{
    make_lines();
    CHECK_STR(lines[0], "000102030405060708090a0b0c0d0e0f yes");
    uint8_t leaf[RECORD_HASH_SIZE];
    char hex[65];
    record_leaf_hash(lines[0], lens[0], leaf);
    record_hex(leaf, RECORD_HASH_SIZE, hex);
    CHECK_STR(hex, "ba98c9f9638b8042cf10bddcffd7eadbef5f7d849ad68ca53c31c43a0a8ac02f");

    static const struct {
        size_t n;
        const char *root;
    } roots[] = {
        {0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {1, "ba98c9f9638b8042cf10bddcffd7eadbef5f7d849ad68ca53c31c43a0a8ac02f"},
        {2, "50043cd2cedbca1d8be23bd369817517b08aba5c2f915fea441f3f4152b1bb61"},
        {3, "8259141400b04eb600b48439b3e959015b0ff97befdad633f26cd9a622d5538b"},
        {5, "162a8957a9f16632f430228e5345b24876c4f0b5dd17a2c6a132b5c47b21f45d"},
        {8, "6ad751318f093b71f407bb3eff6734bc4ec1d0eb7cd5b87e77179441e6bf54f4"},
    };
    for (size_t i = 0; i < sizeof roots / sizeof roots[0]; i++) {
        root_of(roots[i].n, hex);
        CHECK_MSG(strcmp(hex, roots[i].root) == 0, "MTH n=%zu: %s", roots[i].n, hex);
    }
}

static void test_room_code(void)
{
    uint8_t root[RECORD_HASH_SIZE];
    char code[RECORD_ROOM_CODE_SIZE];
    CHECK_INT(record_unhex("6ad751318f093b71f407bb3eff6734bc4ec1d0eb7cd5b87e77179441e6bf54f4",
                           root, RECORD_HASH_SIZE), 0);
    record_room_code(root, code);
    CHECK_STR(code, "DBBN-2CCF-14XQ-3X07-QCZF-YSSM");
    CHECK_INT(strlen(code), RECORD_ROOM_CODE_SIZE - 1);
    CHECK(record_code_equal(code, "dbbn 2ccf 14xq 3xo7 qczf yssm"));
    CHECK(record_code_equal(code, "DBBN2CCFI4XQ3X07QCZFYSSM"));
    CHECK(record_code_equal(code, "DBBN2CCFL4XQ3X07QCZFYSSM"));
    CHECK(!record_code_equal(code, "DBBN-2CCF-14XQ-3X07-QCZF-YSS"));
    CHECK(!record_code_equal(code, "DBBN-2CCF-14XQ-3X07-QCZF-YSSN"));
    CHECK(!record_code_equal(code, "DBBN-2CCF-14XQ-3X07-QCZF-YSSU"));
    CHECK(!record_code_equal("", ""));
    CHECK(!record_code_equal(code, NULL));
    /* The QR code beside it: QR's alphanumeric set only, the full root. */
    char qr[RECORD_QR_TEXT_SIZE];
    record_qr_text("bike-lanes-2", root, qr);
    CHECK_STR(qr, "ASAMBLEA:V1:BIKE-LANES-2:6AD751318F093B71F407BB3EFF6734BC"
                  "4EC1D0EB7CD5B87E77179441E6BF54F4");
    for (const char *c = qr; *c; c++)
        CHECK(strchr("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:", *c));
    char longid[100];
    memset(longid, 'a', 99);
    longid[99] = '\0';
    record_qr_text(longid, root, qr);
    CHECK_INT(strlen(qr), RECORD_QR_TEXT_SIZE - 1);
}

static void test_fingerprint(void)
{
    uint8_t pk[32];
    char fpr[RECORD_FPR_SIZE];
    for (int i = 0; i < 32; i++)
        pk[i] = (uint8_t)i;
    record_fingerprint(pk, fpr);
    CHECK_STR(fpr, "CC6W-TAB6-RGSP-D48J");
    CHECK(record_code_equal(fpr, "cc6wtab6rgspd48j"));
}

static void test_event_chain(void)
{
    static const char *texts[] = {
        "1 meeting abababababababababababababababababababababababababababababababab",
        "2 started",
        "3 opened budget-2027 12",
    };
    static const char *hashes[] = {
        "98c54e1542911b139aa8c7c3b829865ca7b6acbdba0a83c14bcd9c82accbaec6",
        "07a22b7cb9035cdc10354aa8fa6d6d2c4c403dec78f1fb1f634f90fc2cdeef6c",
        "0815f4b7324547a0357ff3e594350dcd388b2186719ab0dda52e617a39169253",
    };
    uint8_t prev[RECORD_HASH_SIZE] = {0}, h[RECORD_HASH_SIZE];
    char hex[65];
    for (int i = 0; i < 3; i++) {
        record_event_hash(prev, texts[i], strlen(texts[i]), h);
        record_hex(h, RECORD_HASH_SIZE, hex);
        CHECK_STR(hex, hashes[i]);
        memcpy(prev, h, sizeof prev);
    }
}

/* A large odd tree, to exercise the in-place level-by-level build against
 * the recursive definition written out here directly. */
static void mth_recursive(uint8_t (*l)[RECORD_HASH_SIZE], size_t n, uint8_t out[32])
{
    if (n == 1) {
        memcpy(out, l[0], 32);
        return;
    }
    size_t k = 1;
    while (k * 2 < n)
        k *= 2;
    uint8_t buf[65];
    buf[0] = 1;
    mth_recursive(l, k, buf + 1);
    mth_recursive(l + k, n - k, buf + 33);
    crypto_hash_sha256(out, buf, sizeof buf);
}

static void test_recursive_agrees(void)
{
    enum { N = 77 };
    static uint8_t leaves[N][RECORD_HASH_SIZE], scratch[N][RECORD_HASH_SIZE];
    for (size_t n = 1; n <= N; n++) {
        for (size_t i = 0; i < n; i++) {
            char t[16];
            int len = snprintf(t, sizeof t, "leaf %zu", i);
            record_leaf_hash(t, (size_t)len, leaves[i]);
        }
        memcpy(scratch, leaves, sizeof scratch);
        uint8_t a[32], b[32];
        record_merkle_root(scratch, n, a);
        mth_recursive(leaves, n, b);
        CHECK_MSG(memcmp(a, b, 32) == 0, "n=%zu", n);
    }
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    test_choices();
    test_hex();
    test_leaf_and_roots();
    test_room_code();
    test_fingerprint();
    test_event_chain();
    test_recursive_agrees();
    return check_done();
}
