/* test_text_fold.c: the one accent folding (include/text_fold.h), and
 * that the three places that fold names use it: the desk's name search,
 * the attendance list's order and badge file names.
 *
 * Every character of the Latin-1 Supplement letters and Latin Extended-A
 * (U+00C0..U+017F) is checked against an expectation made outside this
 * program: the first character of its canonical decomposition (Unicode
 * NFD, as Python's unicodedata gives it), lower-cased; for the 29 letters
 * that have none (Æ Ð Ø Þ ß æ ð ø þ Đ đ Ħ ħ ı Ĳ ĳ ĸ Ŀ ŀ Ł ł ŉ Ŋ ŋ Œ œ Ŧ ŧ ſ),
 * the letter that starts their usual spelling in ASCII; '0' marks the
 * two signs (U+00D7 and U+00F7), which are not letters. */
#include <string.h>
#include "check.h"
#include "print.h"
#include "session.h"
#include "text_fold.h"

static const char expected[192 + 1] =
    "aaaaaaaceeeeiiiidnooooo0ouuuuytsaaaaaaaceeeeiiiidnooooo0ouuuuyty"
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllll"
    "lllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/* UTF-8 of a code point below U+0800. */
static void utf8(unsigned cp, unsigned char out[4])
{
    if (cp < 0x80) {
        out[0] = (unsigned char)cp;
        out[1] = 0;
        return;
    }
    out[0] = (unsigned char)(0xC0 | (cp >> 6));
    out[1] = (unsigned char)(0x80 | (cp & 0x3F));
    out[2] = 0;
}

static void every_latin_letter(void)
{
    int bad = 0;
    for (unsigned cp = 0xC0; cp < 0x180; cp++) {
        unsigned char b[4];
        const unsigned char *p = b;
        char want = expected[cp - 0xC0];
        utf8(cp, b);
        int got = text_fold_next(&p);
        CHECK(p == b + 2);
        if (!((want == '0' && got == 0) || got == want)) {
            if (bad++ < 5)
                CHECK_MSG(0, "U+%04X folds to %d, expected '%c'", cp, got, want);
        }
    }
    CHECK_INT(bad, 0);
}

static void ascii(void)
{
    for (unsigned c = 1; c < 0x80; c++) {
        unsigned char b[2] = {(unsigned char)c, 0};
        const unsigned char *p = b;
        int got = text_fold_next(&p);
        int want = c >= 'A' && c <= 'Z' ? (int)(c - 'A' + 'a')
                   : (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? (int)c
                                                                      : 0;
        CHECK_MSG(got == want && p == b + 1, "ASCII %u folds to %d", c, got);
    }
}

static void other_scripts_and_broken_utf8(void)
{
    /* Ω (U+03A9), 李 (U+674E), an emoji, a stray continuation byte, a
     * lead byte cut by the end: one whole sequence (or byte) each. */
    static const struct {
        const char *s;
        int len;
    } cases[] = {
        {"\xCE\xA9x", 2}, {"\xE6\x9D\x8Ex", 3}, {"\xF0\x9F\x98\x80x", 4},
        {"\x80x", 1},     {"\xC3", 1},          {"\xC5\x41", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const unsigned char *b = (const unsigned char *)cases[i].s, *p = b;
        CHECK_INT(text_fold_next(&p), -1);
        CHECK_MSG(p == b + cases[i].len, "case %zu moved %d bytes", i,
                  (int)(p - b));
    }
}

/* The three users agree on a name outside Latin-1. */
static void users(void)
{
    char b[128], f[PRINT_NAME_MAX];
    session_fold("Zoë Łukasiewicz-Œuvre", b, sizeof b);
    CHECK_STR(b, "zoe lukasiewicz ouvre");
    print_file_name("Zoë Łukasiewicz-Œuvre", f);
    CHECK_STR(f, "zoe-lukasiewicz-ouvre");
    print_file_name("Ĳsbrand Đorđević", f);
    CHECK_STR(f, "isbrand-dordevic");
    print_file_name("李小龍", f);
    CHECK_STR(f, "badge");
}

int main(void)
{
    every_latin_letter();
    ascii();
    other_scripts_and_broken_utf8();
    users();
    return check_done();
}
