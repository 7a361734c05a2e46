/* record_text.c: the textual pieces of the record: choice words, ballot
 * lines, lowercase hex and Crockford base32 codes (docs/export-format.md
 * §2, §6). */
#include <stdio.h>
#include <string.h>
#include "ballot.h"
#include "meeting.h"
#include "record.h"
#include "record_internal.h"

static const char *const choice_words[] = {
    [CHOICE_YES] = "yes", [CHOICE_NO] = "no", [CHOICE_ABSTAIN] = "abstain"};
#define NCHOICE_WORDS ((int)(sizeof choice_words / sizeof choice_words[0]))

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

const char *record_choice_word(int choice)
{
    if (choice < 0 || choice >= NCHOICE_WORDS)
        return NULL;
    return choice_words[choice];
}

int record_choice_parse(const char *word, size_t n)
{
    if (!word)
        return -1;
    for (int c = 0; c < NCHOICE_WORDS; c++)
        if (strlen(choice_words[c]) == n && memcmp(choice_words[c], word, n) == 0)
            return c;
    return -1;
}

void record_hex(const uint8_t *b, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[b[i] >> 4];
        out[2 * i + 1] = digits[b[i] & 15];
    }
    out[2 * n] = '\0';
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

int record_unhex(const char *s, uint8_t *out, size_t n)
{
    if (!s)
        return -1;
    for (size_t i = 0; i < n; i++) {
        /* hex_value('\0') is -1, so a short string stops here safely. */
        int hi = hex_value(s[2 * i]);
        if (hi < 0)
            return -1;
        int lo = hex_value(s[2 * i + 1]);
        if (lo < 0)
            return -1;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return 0;
}

size_t record_ballot_line(const uint8_t id[RECORD_ID_SIZE], int choice,
                          char out[RECORD_LINE_MAX])
{
    const char *word = record_choice_word(choice);
    if (!word)
        return 0;
    record_hex(id, RECORD_ID_SIZE, out);
    size_t n = 2 * RECORD_ID_SIZE;
    out[n++] = ' ';
    size_t wl = strlen(word);
    memcpy(out + n, word, wl + 1);
    return n + wl;
}

size_t record_ballot_text_line(const uint8_t id[RECORD_ID_SIZE],
                               const char *text, size_t n, char *out,
                               size_t size)
{
    if (!text || n == 0 || n > RECORD_TEXT_MAX ||
        size < 2 * RECORD_ID_SIZE + 1 + n + 1)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = text[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ',' ||
              c == '>' || c == '-'))
            return 0;
    }
    record_hex(id, RECORD_ID_SIZE, out);
    size_t o = 2 * RECORD_ID_SIZE;
    out[o++] = ' ';
    memcpy(out + o, text, n);
    out[o + n] = '\0';
    return o + n;
}

void record_base32_groups(const uint8_t *b, size_t nbytes, char *out)
{
    size_t nsym = nbytes * 8 / 5, o = 0;
    for (size_t s = 0; s < nsym; s++) {
        size_t bit = s * 5;
        unsigned v = 0;
        for (int k = 0; k < 5; k++, bit++)
            v = v << 1 | ((b[bit / 8] >> (7 - bit % 8)) & 1u);
        if (s > 0 && s % 4 == 0)
            out[o++] = '-';
        out[o++] = crockford[v];
    }
    out[o] = '\0';
}

void record_room_code(const uint8_t root[RECORD_HASH_SIZE],
                      char out[RECORD_ROOM_CODE_SIZE])
{
    record_base32_groups(root, 15, out);
}

/* Maps one typed character to its Crockford symbol: 1 and the value in
 * *sym, 0 for a separator to skip, -1 for a character that is no symbol. */
static int normalise(char c, char *sym)
{
    if (c == '-' || c == ' ')
        return 0;
    if (c >= 'a' && c <= 'z')
        c = (char)(c - 'a' + 'A');
    if (c == 'I' || c == 'L')
        c = '1';
    else if (c == 'O')
        c = '0';
    if (c == '\0' || !strchr(crockford, c))
        return -1;
    *sym = c;
    return 1;
}

int record_code_equal(const char *a, const char *b)
{
    if (!a || !b)
        return 0;
    size_t nsym = 0;
    for (;;) {
        char sa = 0, sb = 0;
        int ra = 0, rb = 0;
        while (*a && (ra = normalise(*a, &sa)) == 0)
            a++;
        while (*b && (rb = normalise(*b, &sb)) == 0)
            b++;
        if (!*a || !*b)
            return !*a && !*b && nsym > 0;
        if (ra < 0 || rb < 0 || sa != sb)
            return 0;
        a++, b++, nsym++;
    }
}

_Static_assert(RECORD_TEXT_MAX == BALLOT_TEXT_MAX,
               "record.h's RECORD_TEXT_MAX must equal ballot.h's BALLOT_TEXT_MAX");

void record_qr_text(const char *prop_id, const uint8_t root[RECORD_HASH_SIZE],
                    char out[RECORD_QR_TEXT_SIZE])
{
    static const char digits[] = "0123456789ABCDEF";
    size_t n = 0;

    memcpy(out, "ASAMBLEA:V1:", 12);
    n = 12;
    for (size_t i = 0; prop_id && prop_id[i] && i < 63; i++) {
        char c = prop_id[i];
        out[n++] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
    }
    out[n++] = ':';
    for (size_t i = 0; i < RECORD_HASH_SIZE; i++) {
        out[n++] = digits[root[i] >> 4];
        out[n++] = digits[root[i] & 15];
    }
    out[n] = '\0';
}

int record_closed_event(const char *text, size_t n, const char *prop_id,
                        int64_t *checked_in, int64_t *ballots,
                        uint8_t root[RECORD_HASH_SIZE])
{
    char buf[256], id[64], hex[2 * RECORD_HASH_SIZE + 2];
    uint8_t r[RECORD_HASH_SIZE];
    long long seq, ci, nb;
    int used = 0;

    if (n >= sizeof buf || !prop_id)
        return 0;
    memcpy(buf, text, n);
    buf[n] = '\0';
    if (sscanf(buf, "%lld closed %63s %lld %lld %65s%n", &seq, id, &ci, &nb, hex,
               &used) != 5 || strcmp(id, prop_id) != 0)
        return 0;
    if ((size_t)used != n || ci < 0 || nb < 0 ||
        strlen(hex) != 2 * RECORD_HASH_SIZE ||
        record_unhex(hex, r, RECORD_HASH_SIZE) != 0)
        return 2;
    if (checked_in)
        *checked_in = ci;
    if (ballots)
        *ballots = nb;
    if (root)
        memcpy(root, r, RECORD_HASH_SIZE);
    return 1;
}
