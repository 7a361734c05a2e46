/* test_token.c: badge tokens: shape, check symbol, normalization, garbage,
 * keyed hashing and QR alphanumeric mode. */
#include <stdlib.h>
#include <string.h>
#include <qrencode.h>
#include <sodium.h>
#include "check.h"
#include "token.h"

static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

#define NTOKENS 300

/* symbols: the token without dashes (18 symbols) into out. */
static void symbols(const char *tok, char out[TOKEN_SYMBOLS + 1])
{
    int n = 0;
    for (const char *p = tok; *p; p++)
        if (*p != '-')
            out[n++] = *p;
    out[n] = '\0';
}

/* norm: token_normalize of a NUL-terminated string, copied into a heap
 * buffer of exactly its length so ASan catches any read past len. */
static as_status norm(const char *s, char out[TOKEN_TEXT_SIZE])
{
    size_t n = strlen(s);
    char *b = malloc(n ? n : 1);
    memcpy(b, s, n);
    as_status st = token_normalize(b, n, out);
    free(b);
    return st;
}

static void test_shape(void)
{
    char t[TOKEN_TEXT_SIZE], out[TOKEN_TEXT_SIZE];
    int bad = 0, same = 0;
    char prev[TOKEN_TEXT_SIZE] = "";
    for (int i = 0; i < NTOKENS; i++) {
        token_new(t);
        if (strlen(t) != TOKEN_TEXT_LEN || t[6] != '-' || t[13] != '-')
            bad++;
        for (int k = 0; k < TOKEN_TEXT_LEN; k++)
            if (k != 6 && k != 13 && !strchr(alphabet, t[k]))
                bad++;
        if (norm(t, out) != AS_OK || strcmp(out, t))
            bad++;
        if (!strcmp(prev, t))
            same++;
        strcpy(prev, t);
    }
    CHECK_INT(bad, 0);
    CHECK_INT(same, 0);
}

static void test_substitutions(void)
{
    char t[TOKEN_TEXT_SIZE], sym[TOKEN_SYMBOLS + 1], out[TOKEN_TEXT_SIZE];
    long tried = 0, missed = 0;
    for (int i = 0; i < NTOKENS; i++) {
        token_new(t);
        symbols(t, sym);
        for (int pos = 0; pos < TOKEN_SYMBOLS; pos++) {
            char orig = sym[pos];
            for (int a = 0; a < 32; a++) {
                if (alphabet[a] == orig)
                    continue;
                sym[pos] = alphabet[a];
                tried++;
                if (norm(sym, out) != AS_ECORRUPT || out[0])
                    missed++;
            }
            sym[pos] = orig;
        }
    }
    CHECK_INT(tried, (long)NTOKENS * TOKEN_SYMBOLS * 31);
    CHECK_INT(missed, 0);
}

static void test_swaps(void)
{
    char t[TOKEN_TEXT_SIZE], sym[TOKEN_SYMBOLS + 1], out[TOKEN_TEXT_SIZE];
    long tried = 0, missed = 0;
    for (int i = 0; i < NTOKENS; i++) {
        token_new(t);
        symbols(t, sym);
        for (int pos = 0; pos + 1 < TOKEN_SYMBOLS; pos++) {
            char a = sym[pos], b = sym[pos + 1];
            if (a == b)
                continue;
            sym[pos] = b;
            sym[pos + 1] = a;
            tried++;
            if (norm(sym, out) != AS_ECORRUPT)
                missed++;
            sym[pos] = a;
            sym[pos + 1] = b;
        }
        /* The same swap typed with the dashes in place. */
        char d[TOKEN_TEXT_SIZE];
        strcpy(d, t);
        if (d[5] != d[7]) {
            char c = d[5];
            d[5] = d[7];
            d[7] = c;
            tried++;
            if (norm(d, out) != AS_ECORRUPT)
                missed++;
        }
    }
    CHECK(tried > NTOKENS * 10);
    CHECK_INT(missed, 0);
}

static void lower(char *s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z')
            *s = (char)(*s - 'A' + 'a');
}

static void test_normalization(void)
{
    char t[TOKEN_TEXT_SIZE], sym[TOKEN_SYMBOLS + 1], out[TOKEN_TEXT_SIZE];
    char buf[128];

    token_new(t);
    symbols(t, sym);

    strcpy(buf, t);
    lower(buf);
    CHECK_INT(norm(buf, out), AS_OK);
    CHECK_STR(out, t);

    CHECK_INT(norm(sym, out), AS_OK); /* no dashes */
    CHECK_STR(out, t);

    snprintf(buf, sizeof buf, "  %.6s %.6s  %.6s \r\n", sym, sym + 6, sym + 12);
    CHECK_INT(norm(buf, out), AS_OK); /* spaces; scanner's Enter */
    CHECK_STR(out, t);

    snprintf(buf, sizeof buf, "%.2s-%.7s--%.9s-", sym, sym + 2, sym + 9);
    CHECK_INT(norm(buf, out), AS_OK); /* dashes in the wrong places */
    CHECK_STR(out, t);

    /* Crockford's aliases: find a token with both a 1 and a 0 in it. */
    int found = 0;
    for (int i = 0; i < 10000 && !found; i++) {
        token_new(t);
        found = strchr(t, '1') && strchr(t, '0');
    }
    CHECK(found);
    const char *sub1 = "ILil", *sub0 = "Oo";
    for (int k = 0; k < 4; k++) {
        strcpy(buf, t);
        for (char *p = buf; *p; p++) {
            if (*p == '1')
                *p = sub1[k];
            else if (*p == '0')
                *p = sub0[k % 2];
        }
        CHECK_INT(norm(buf, out), AS_OK);
        CHECK_STR(out, t);
    }
}

static void test_garbage(void)
{
    char t[TOKEN_TEXT_SIZE], sym[TOKEN_SYMBOLS + 1], out[TOKEN_TEXT_SIZE];
    char buf[128];
    static const char *const junk[] = {
        "",
        "   ",
        "-----",
        "https://example.org/badge?id=K3M9TB-ZQ4W7N",
        "4006381333931",          /* EAN-13 product barcode */
        "012345678905",           /* UPC-A */
        "K3M9TB-ZQ4W7N-H2X8R",    /* one symbol short */
        "ÑANDÚ-ÑANDÚ-ÑANDÚÑÑ",    /* non-ASCII */
        "\xff\xfe\x00\x41",
        "UUUUUU-UUUUUU-UUUUUU",   /* U is not in the alphabet */
        "K3M9TB_ZQ4W7N_H2X8RJ",
    };
    int wrong = 0;
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
        strcpy(out, "x");
        if (norm(junk[i], out) != AS_EINVAL || out[0])
            wrong++;
    }
    CHECK_INT(wrong, 0);

    /* A real token with one extra symbol, twice over, or with é inside. */
    token_new(t);
    symbols(t, sym);
    snprintf(buf, sizeof buf, "%sA", t);
    CHECK_INT(norm(buf, out), AS_EINVAL);
    snprintf(buf, sizeof buf, "%s%s", t, t);
    CHECK_INT(norm(buf, out), AS_EINVAL);
    snprintf(buf, sizeof buf, "%.9s\xc3\xa9%s", sym, sym + 9);
    CHECK_INT(norm(buf, out), AS_EINVAL);

    /* Shorter len than the string: only len bytes count. */
    CHECK_INT(token_normalize(t, TOKEN_TEXT_LEN - 1, out), AS_EINVAL);
    CHECK_INT(token_normalize(t, 0, out), AS_EINVAL);
    CHECK_INT(token_normalize(t, TOKEN_TEXT_LEN, out), AS_OK);

    /* 10 kB of text, and 10 kB of alphabet symbols. */
    char *big = malloc(10240);
    for (int i = 0; i < 10240; i++)
        big[i] = "The quick brown fox. "[i % 21];
    CHECK_INT(token_normalize(big, 10240, out), AS_EINVAL);
    CHECK_STR(out, "");
    memset(big, 'A', 10240);
    CHECK_INT(token_normalize(big, 10240, out), AS_EINVAL);
    for (int i = 0; i < 10240; i++)
        big[i] = (char)(i * 7 + 3);
    CHECK_INT(token_normalize(big, 10240, out), AS_EINVAL);
    free(big);
}

static void test_hash(void)
{
    uint8_t k1[TOKEN_KEY_SIZE], k2[TOKEN_KEY_SIZE];
    uint8_t a[TOKEN_HASH_SIZE], b[TOKEN_HASH_SIZE], c[TOKEN_HASH_SIZE],
        d[TOKEN_HASH_SIZE];
    char t[TOKEN_TEXT_SIZE], u[TOKEN_TEXT_SIZE];

    randombytes_buf(k1, sizeof k1);
    memcpy(k2, k1, sizeof k2);
    k2[0] ^= 1;
    token_new(t);
    token_new(u);
    token_hash(k1, t, a);
    token_hash(k1, t, b);
    token_hash(k2, t, c);
    token_hash(k1, u, d);
    CHECK(memcmp(a, b, sizeof a) == 0);
    CHECK(memcmp(a, c, sizeof a) != 0);
    CHECK(memcmp(a, d, sizeof a) != 0);

    /* A known answer, so the hash cannot change silently between
     * versions (it would orphan every check-in in a data directory). */
    uint8_t zero[TOKEN_KEY_SIZE] = {0}, want[TOKEN_HASH_SIZE];
    const char *tok = "000000-000000-000000";
    crypto_generichash(want, sizeof want, (const unsigned char *)tok,
                       strlen(tok), zero, sizeof zero);
    token_hash(zero, tok, a);
    CHECK(memcmp(a, want, sizeof a) == 0);
}

static void test_qr(void)
{
    char t[TOKEN_TEXT_SIZE];
    int bad_mode = 0, bad_version = 0;
    for (int i = 0; i < 50; i++) {
        token_new(t);
        if (QRinput_check(QR_MODE_AN, (int)strlen(t), (const unsigned char *)t))
            bad_mode++;
        /* 20 alphanumeric characters fill version 1-M exactly; in 8-bit
         * mode they would need version 2, so version 1 proves AN mode. */
        QRcode *qr = QRcode_encodeString(t, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
        if (!qr || qr->version != 1 || qr->width != 21)
            bad_version++;
        QRcode_free(qr);
    }
    CHECK_INT(bad_mode, 0);
    CHECK_INT(bad_version, 0);
}

int main(void)
{
    if (sodium_init() < 0) {
        fputs("sodium_init failed\n", stderr);
        return 1;
    }
    test_shape();
    test_substitutions();
    test_swaps();
    test_normalization();
    test_garbage();
    test_hash();
    test_qr();
    return check_done();
}
