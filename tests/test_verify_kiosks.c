/* test_verify_kiosks.c: bundles of a meeting held by several kiosks
 * (docs/export-format.md §9): each kiosk's signed ballot list and key.
 *
 * Three parts.  A bundle made by hand (test_verify_util.c) gets each
 * proposal's ballots split among three kiosks, each list signed with a
 * libsodium key made here; it passes with "ok: kiosk-lists", and each
 * kind of damage (a changed byte, a wrong key, a missing list, a ballot
 * moved to another kiosk and re-signed by a wrong key, one id in two
 * kiosks' lists, lists that do not add up to ballots/) fails with its own
 * message, resealed with the device key so the manifest does not catch it
 * first.  Then export_write on a real SQLite store whose each_kiosk_list
 * is a test function (what a hub store hands the exporter): the bundle it
 * writes verifies, the asamblea command says so (exit 0) or not (exit 1),
 * and a list whose signature is wrong stops the export.  Last, the worked
 * example of §9, computed with Python's cryptography package, is checked
 * byte for byte against libsodium. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sodium.h>
#include "check.h"
#include "export.h"
#include "meeting.h"
#include "record.h"
#include "store_sqlite.h"
#include "test_verify_util.h"
#include "verify.h"
#include "xbuf.h"

static char tmpdir[] = "/tmp/as-verify-kiosks-XXXXXX";

#define KEY 1
#define NK 3
static const int kiosk_no[NK] = {1, 2, 12}; /* 12: the name is "012" */

/* ---- verifying ------------------------------------------------------ */

typedef tb_report report;

static int verify_dir(const char *dir, report *c)
{
    return tb_verify(dir, NULL, c);
}

static int verify_tb(const tbundle *b, report *c)
{
    char *dir = tb_write(b, tmpdir);
    int nfail = dir ? verify_dir(dir, c) : -1;
    if (dir)
        tb_rm_rf(dir);
    free(dir);
    return nfail;
}

/* ---- kiosk lists by hand --------------------------------------------- */

static void kiosk_key(int seed, uint8_t pk[32], uint8_t sk[64])
{
    uint8_t s[crypto_sign_SEEDBYTES];
    memset(s, 0, sizeof s);
    s[0] = 0x4b; /* 'K': never the device key of test_verify_util.c */
    s[1] = (uint8_t)seed;
    crypto_sign_seed_keypair(pk, sk, s);
}

/* list_path: kiosks/<prop>.<NNN>.<ext>. */
static const char *list_path(const char *prop, int kiosk, const char *ext)
{
    static char p[2][128];
    static int turn;
    turn ^= 1;
    snprintf(p[turn], sizeof p[turn], "kiosks/%s.%03d.%s", prop, kiosk, ext);
    return p[turn];
}

/* kiosk_sign: the signature of §9 over prop's list (n lines) by the key
 * of seed. */
static void kiosk_sign(const char *prop, int n, const char *list, size_t len, int seed,
                       uint8_t sig[64])
{
    uint8_t pk[32], sk[64];
    char head[128];
    int h = snprintf(head, sizeof head, "asamblea-kiosk-list/v1\n%s\n%d\n", prop, n);
    unsigned char *msg = malloc((size_t)h + len + 1);
    memcpy(msg, head, (size_t)h);
    if (len)
        memcpy(msg + h, list, len);
    kiosk_key(seed, pk, sk);
    crypto_sign_detached(sig, NULL, msg, (size_t)h + len, sk);
    free(msg);
}

/* sign_list: (re)writes the .sig of prop's list of kiosk, signed by the
 * key of seed (the kiosk's own: seed == kiosk). */
static void sign_list(tbundle *b, const char *prop, int kiosk, int seed)
{
    uint8_t sig[64];
    tb_file *f = tb_get(b, list_path(prop, kiosk, "list"));
    int lines = 0;
    for (size_t i = 0; i < f->len; i++)
        lines += f->buf[i] == '\n';
    kiosk_sign(prop, lines, f->buf, f->len, seed, sig);
    tb_set(b, list_path(prop, kiosk, "sig"), (const char *)sig, 64);
}

/* keys_line: "<NNN> <hex> <fingerprint>\n" of the key of seed. */
static int keys_line(char *out, size_t size, int kiosk, int seed)
{
    uint8_t pk[32], sk[64];
    char hex[65], fpr[RECORD_FPR_SIZE];
    kiosk_key(seed, pk, sk);
    record_hex(pk, 32, hex);
    record_fingerprint(pk, fpr);
    return snprintf(out, size, "%03d %s %s\n", kiosk, hex, fpr);
}

/* set_keys: kiosks/keys.txt naming, for each kiosk, the key of seed[k]
 * (its own: seed[k] == kiosk_no[k]). */
static void set_keys(tbundle *b, const int seed[NK])
{
    char keys[1024];
    size_t kl = 0;
    for (int k = 0; k < NK; k++)
        kl += (size_t)keys_line(keys + kl, sizeof keys - kl, kiosk_no[k], seed[k]);
    tb_set(b, "kiosks/keys.txt", keys, kl);
}

/* split: deals ballots/<prop>.txt's lines to the kiosks in turn. */
static void split(tbundle *b, const char *prop)
{
    char path[96], *part[NK];
    size_t plen[NK] = {0};
    snprintf(path, sizeof path, "ballots/%s.txt", prop);
    tb_file *f = tb_get(b, path);
    for (int k = 0; k < NK; k++)
        part[k] = calloc(1, f->len + 1);
    for (size_t s = 0, line = 0; s < f->len; line++) {
        size_t e = (size_t)((char *)memchr(f->buf + s, '\n', f->len - s) - f->buf) + 1;
        int k = (int)(line % NK);
        memcpy(part[k] + plen[k], f->buf + s, e - s);
        plen[k] += e - s;
        s = e;
    }
    for (int k = 0; k < NK; k++) {
        tb_set(b, list_path(prop, kiosk_no[k], "list"), part[k], plen[k]);
        sign_list(b, prop, kiosk_no[k], kiosk_no[k]);
        free(part[k]);
    }
}

/* make_stage: tb_make's bundle of that stage, its closed proposals'
 * ballots dealt to three kiosks. */
static int make_stage(tbundle *b, int stage)
{
    if (tb_make(b, stage, KEY) != 0)
        return -1;
    split(b, "coat-drive"); /* 7 ballots: 3, 2, 2 */
    if (stage >= 2)
        split(b, "bylaws-recall"); /* 6 ballots: 2, 2, 2 */
    set_keys(b, kiosk_no);
    tb_seal(b, KEY);
    return 0;
}

static int make_multi(tbundle *b)
{
    return make_stage(b, 2);
}

#define CL(k, ext) list_path("coat-drive", k, ext)

/* expect: the edited bundle, resealed with the device key, fails and the
 * report holds want (and, when given, not unwanted). */
static void expect(const char *what, const tbundle *b, const char *want,
                   const char *unwanted)
{
    report c;
    int nfail = verify_tb(b, &c);
    CHECK_MSG(nfail > 0, "%s: verify gave %d failures:\n%s", what, nfail, c.text);
    CHECK_MSG(strstr(c.text, want) != NULL, "%s: no \"%s\" in:\n%s", what, want,
              c.text);
    if (unwanted)
        CHECK_MSG(!strstr(c.text, unwanted), "%s: \"%s\" in:\n%s", what, unwanted,
                  c.text);
    /* every other check still passes: the damage is named where it is */
    CHECK_MSG(strstr(c.text, "ok: roots:") && strstr(c.text, "ok: events:"),
              "%s: another check failed too:\n%s", what, c.text);
}

/* line_of: a copy of line n (from 1, with its LF) of path. */
static char *line_of(tbundle *b, const char *path, int n)
{
    tb_file *f = tb_get(b, path);
    size_t s = 0;
    for (int i = 1; i < n; i++)
        s = (size_t)((char *)memchr(f->buf + s, '\n', f->len - s) - f->buf) + 1;
    size_t e = (size_t)((char *)memchr(f->buf + s, '\n', f->len - s) - f->buf) + 1;
    return strndup(f->buf + s, e - s);
}

/* insert_sorted: adds line (with LF) to a kiosk list, keeping id order. */
static void insert_sorted(tbundle *b, const char *path, const char *line)
{
    tb_file *f = tb_get(b, path);
    size_t s = 0, n = strlen(line);
    while (s < f->len && memcmp(f->buf + s, line, 32) < 0)
        s = (size_t)((char *)memchr(f->buf + s, '\n', f->len - s) - f->buf) + 1;
    char *nb = malloc(f->len + n + 1);
    memcpy(nb, f->buf, s);
    memcpy(nb + s, line, n);
    memcpy(nb + s + n, f->buf + s, f->len - s);
    tb_set(b, path, nb, f->len + n);
    free(nb);
}

/* move_first: kiosk 2's first coat-drive ballot moved to kiosk 1's
 * list, both lists then signed by the keys of seed1 and seed2. */
static void move_first(tbundle *b, int seed1, int seed2)
{
    char *l = line_of(b, CL(2, "list"), 1);
    tb_drop_line(b, CL(2, "list"), 1);
    insert_sorted(b, CL(1, "list"), l);
    free(l);
    sign_list(b, "coat-drive", 1, seed1);
    sign_list(b, "coat-drive", 2, seed2);
    tb_seal(b, KEY);
}

static void test_hand_made(void)
{
    tbundle b;
    report c;
    char *l;

    /* A bundle of one kiosk prints no kiosk-lists line at all. */
    CHECK(tb_make(&b, 2, KEY) == 0);
    CHECK_INT(verify_tb(&b, &c), 0);
    CHECK_MSG(!strstr(c.text, "kiosk"), "single kiosk:\n%s", c.text);
    tb_free(&b);

    CHECK(make_multi(&b) == 0);
    CHECK_INT(verify_tb(&b, &c), 0);
    CHECK_MSG(strstr(c.text, "ok: kiosk-lists: \n") != NULL, "good:\n%s", c.text);
    /* after roots, before the meeting check */
    CHECK(strstr(c.text, "ok: roots: \nok: kiosk-lists: \nok: meeting: \n") != NULL);
    tb_free(&b);

    /* One changed byte: a yes becomes a no in kiosk 2's list. */
    make_multi(&b);
    CHECK(tb_replace_in_line(&b, CL(2, "list"), 1, " yes", " no") == 0 ||
          tb_replace_in_line(&b, CL(2, "list"), 1, " no", " yes") == 0);
    tb_seal(&b, KEY);
    expect("changed byte", &b, "FAIL: kiosk-lists: kiosks/coat-drive.002.sig: not "
           "kiosk 2's signature (key at kiosks/keys.txt:2) of the 2 ballots of "
           "kiosks/coat-drive.002.list", NULL);
    expect("changed byte", &b, "kiosks/coat-drive.002.list:1: another choice than "
           "ballots/coat-drive.txt:", NULL);
    tb_free(&b);

    /* A wrong key for kiosk 12 (its fingerprint made to match). */
    make_multi(&b);
    set_keys(&b, (const int[NK]){1, 2, 99});
    tb_seal(&b, KEY);
    expect("wrong key", &b, "FAIL: kiosk-lists: kiosks/bylaws-recall.012.sig: not "
           "kiosk 12's signature", "another choice");
    expect("wrong key", &b, "FAIL: kiosk-lists: kiosks/coat-drive.012.sig: not "
           "kiosk 12's signature", NULL);
    /* ... and a fingerprint that is not its key's: kiosk 1's line with
     * the fingerprint of kiosk 2's key */
    {
        char good[200], other[200];
        keys_line(good, sizeof good, 1, 1);
        keys_line(other, sizeof other, 2, 2);
        memcpy(good + 4 + 65, other + 4 + 65, RECORD_FPR_SIZE - 1);
        tb_drop_line(&b, "kiosks/keys.txt", 1);
        insert_sorted(&b, "kiosks/keys.txt", good);
    }
    tb_seal(&b, KEY);
    expect("fingerprint", &b, "FAIL: kiosk-lists: kiosks/keys.txt:1: fingerprint is "
           "not that of the key beside it", NULL);
    tb_free(&b);

    /* A missing list (its signature left behind), then both files gone. */
    make_multi(&b);
    tb_remove(&b, CL(12, "list"));
    tb_seal(&b, KEY);
    expect("missing list", &b, "FAIL: kiosk-lists: kiosks/coat-drive.012.sig: no "
           "list beside it; a kiosk's list is missing from the bundle", NULL);
    expect("missing list", &b, "ballots/coat-drive.txt:", NULL);
    expect("missing list", &b, ": in no kiosk's list", NULL);
    tb_remove(&b, CL(12, "sig"));
    tb_seal(&b, KEY);
    expect("missing list and sig", &b, ": in no kiosk's list; a ballot no kiosk "
           "signed", "no list beside it");
    tb_free(&b);
    /* a signature missing beside its list */
    make_multi(&b);
    tb_remove(&b, CL(1, "sig"));
    tb_seal(&b, KEY);
    expect("missing sig", &b, "kiosks/coat-drive.001.list: no .sig beside it",
           "in no kiosk's list"); /* the union is not checked without it */
    tb_free(&b);

    /* A ballot moved from kiosk 2 to kiosk 1, both lists re-signed by a
     * key that is neither kiosk's: the union still adds up, only the
     * signatures catch it. */
    make_multi(&b);
    move_first(&b, 77, 77);
    expect("moved ballot", &b, "kiosks/coat-drive.001.sig: not kiosk 1's signature "
           "(key at kiosks/keys.txt:1) of the 4 ballots", "no kiosk's list");
    expect("moved ballot", &b, "kiosks/coat-drive.002.sig: not kiosk 2's signature",
           "another choice");
    tb_free(&b);

    /* One ballot in two kiosks' lists, each list properly signed by its
     * own kiosk (a kiosk that lies, or a hub that merged twice). */
    make_multi(&b);
    l = line_of(&b, CL(1, "list"), 2);
    insert_sorted(&b, CL(2, "list"), l);
    free(l);
    sign_list(&b, "coat-drive", 2, 2);
    tb_seal(&b, KEY);
    expect("duplicate id", &b, "FAIL: kiosk-lists: kiosks/coat-drive.002.list:", NULL);
    expect("duplicate id", &b, ": the same ballot id as kiosks/coat-drive.001.list:2; "
           "one ballot handed in by two kiosks", "not kiosk");
    tb_free(&b);

    /* Lists that do not add up to ballots/: kiosk 12 signed a short list,
     * kiosk 1 one with a ballot the published list lacks. */
    make_multi(&b);
    tb_drop_line(&b, CL(12, "list"), 2);
    sign_list(&b, "coat-drive", 12, 12);
    tb_seal(&b, KEY);
    expect("short list", &b, ": in no kiosk's list; a ballot no kiosk signed", "not kiosk");
    tb_free(&b);
    make_multi(&b);
    insert_sorted(&b, CL(1, "list"), "00000000000000000000000000000000 yes\n");
    sign_list(&b, "coat-drive", 1, 1);
    tb_seal(&b, KEY);
    expect("extra ballot", &b, "kiosks/coat-drive.001.list:1: not in "
           "ballots/coat-drive.txt; a ballot the kiosk handed in is missing from the "
           "published list", "not kiosk");
    tb_free(&b);

    /* Malformed lists, names and keys. */
    make_multi(&b);
    tb_swap_lines(&b, CL(1, "list"), 1, 2);
    sign_list(&b, "coat-drive", 1, 1);
    tb_seal(&b, KEY);
    expect("unsorted", &b, "kiosks/coat-drive.001.list:2: ids not strictly ascending",
           NULL);
    tb_free(&b);
    make_multi(&b);
    tb_get(&b, CL(1, "list"))->len--; /* no LF at the end */
    tb_seal(&b, KEY);
    expect("no LF", &b, "kiosks/coat-drive.001.list:3: last line has no LF", NULL);
    tb_free(&b);
    make_multi(&b);
    tb_replace_in_line(&b, CL(1, "list"), 1, " ", "  ");
    tb_seal(&b, KEY);
    expect("two spaces", &b, "kiosks/coat-drive.001.list:1: not \"<32 lowercase hex> "
           "<choice>\"", NULL);
    tb_free(&b);
    make_multi(&b);
    tb_set(&b, "kiosks/notes.txt", "hi\n", 3);
    tb_set(&b, "kiosks/meeting-time.001.list", "", 0);
    sign_list(&b, "meeting-time", 1, 1);
    tb_set(&b, "kiosks/bylaws-recall.004.list", "", 0);
    sign_list(&b, "bylaws-recall", 4, 4);
    tb_seal(&b, KEY);
    expect("foreign name", &b, "kiosks/notes.txt: not a file of the format", NULL);
    expect("open proposal", &b, "kiosks/meeting-time.001.list: meeting-time is not a "
           "closed proposal of results.txt", NULL);
    expect("no key", &b, "kiosks/bylaws-recall.004.list: kiosk 4 has no key in "
           "kiosks/keys.txt", NULL);
    tb_free(&b);
    make_multi(&b);
    tb_remove(&b, "kiosks/keys.txt");
    tb_seal(&b, KEY);
    expect("no keys.txt", &b, "kiosks/keys.txt: missing", NULL);
    tb_free(&b);
    make_multi(&b);
    tb_swap_lines(&b, "kiosks/keys.txt", 1, 2);
    tb_seal(&b, KEY);
    expect("keys unsorted", &b, "kiosks/keys.txt:2: kiosk numbers not strictly "
           "ascending", NULL);
    tb_free(&b);
    make_multi(&b);
    tb_get(&b, CL(2, "sig"))->len = 63;
    tb_seal(&b, KEY);
    expect("short sig", &b, "kiosks/coat-drive.002.sig: 63 bytes, not a 64-byte "
           "Ed25519 signature", NULL);
    tb_free(&b);
}

/* Random damage to the kiosks/ files, resealed: always caught, never a
 * crash (the sanitizers watch). */
static void test_random_damage(void)
{
    uint32_t seed = 11;
    for (int round = 0; round < 150; round++) {
        tbundle b;
        report c;
        if (make_multi(&b) != 0)
            return;
        int fi;
        do {
            seed = seed * 1103515245u + 12345u;
            fi = (int)((seed >> 8) % (uint32_t)b.n);
        } while (strncmp(b.f[fi].path, "kiosks/", 7) || b.f[fi].len == 0);
        seed = seed * 1103515245u + 12345u;
        size_t at = (seed >> 8) % b.f[fi].len;
        seed = seed * 1103515245u + 12345u;
        b.f[fi].buf[at] ^= (char)(1u << ((seed >> 8) % 8));
        char path[128];
        snprintf(path, sizeof path, "%s", b.f[fi].path);
        tb_seal(&b, KEY);
        int nfail = verify_tb(&b, &c);
        CHECK_MSG(nfail > 0, "round %d: a flip in %s passed", round, path);
        CHECK_MSG(strstr(c.text, "FAIL: kiosk-lists: kiosks/"), "round %d (%s):\n%s",
                  round, path, c.text);
        tb_free(&b);
    }
}

/* --previous: a later bundle keeps the earlier one's kiosk lists and
 * keys.  Kiosks 1 and 2 "agreeing" to move a ballot after the close (both
 * lists re-signed by their own keys, the union unchanged) pass every
 * check of the later bundle alone; only the earlier bundle shows it. */
static void test_previous(void)
{
    tbundle b1, b2;
    tb_report c;
    char *d1, *d2;
    if (make_stage(&b1, 1) != 0 || make_stage(&b2, 2) != 0)
        return;
    d1 = tb_write(&b1, tmpdir);
    d2 = tb_write(&b2, tmpdir);
    CHECK_MSG(d1 && d2 && tb_verify(d2, d1, &c) == 0, "previous:\n%s", c.text);
    CHECK(strstr(c.text, "ok: previous: \n") != NULL);
    tb_rm_rf(d2);
    free(d2);
    move_first(&b2, 1, 2);
    d2 = tb_write(&b2, tmpdir);
    CHECK(d1 && d2 && tb_verify(d2, NULL, &c) == 0);
    CHECK_MSG(d1 && d2 && tb_verify(d2, d1, &c) == 4, "moved:\n%s", c.text);
    CHECK_MSG(strstr(c.text, "FAIL: previous: kiosks/coat-drive.001.list: differs "
                     "from ") != NULL, "moved:\n%s", c.text);
    tb_rm_rf(d2);
    free(d2);
    /* kiosk 2's key replaced in the later bundle */
    set_keys(&b2, (const int[NK]){1, 88, 12});
    tb_seal(&b2, KEY);
    d2 = tb_write(&b2, tmpdir);
    CHECK_MSG(d1 && d2 && tb_verify(d2, d1, &c) > 0 &&
                  strstr(c.text, "FAIL: previous: kiosks/keys.txt: lacks ") &&
                  strstr(c.text, "/kiosks/keys.txt:2; a kiosk's key changed or went"),
              "key:\n%s", c.text);
    if (d1)
        tb_rm_rf(d1);
    if (d2)
        tb_rm_rf(d2);
    free(d1);
    free(d2);
    tb_free(&b1);
    tb_free(&b2);
}

/* The standard-tools path of docs/verify.md ("Several kiosks"): the same
 * commands, on the hand-made bundle, accept it and notice a moved ballot. */
static const char tools_sig[] =
    "P=coat-drive K=012\n"
    "HEX=$(awk -v k=$K '$1 == k {print $2}' kiosks/keys.txt)\n"
    "{ echo '-----BEGIN PUBLIC KEY-----'\n"
    "  { printf 302a300506032b6570032100; echo \"$HEX\"; } | xxd -r -p | base64\n"
    "  echo '-----END PUBLIC KEY-----'; } > ../kiosk.pem\n"
    "{ printf 'asamblea-kiosk-list/v1\\n%s\\n%d\\n' \"$P\" \"$(wc -l < kiosks/$P.$K.list)\"\n"
    "  cat kiosks/$P.$K.list; } > ../kiosk-signed\n"
    "openssl pkeyutl -verify -pubin -inkey ../kiosk.pem -rawin \\\n"
    "    -in ../kiosk-signed -sigfile kiosks/$P.$K.sig";
static const char tools_union[] =
    "P=coat-drive\n"
    "cat kiosks/$P.*.list | LC_ALL=C sort | cmp - ballots/$P.txt && echo same\n"
    "cat kiosks/$P.*.list | cut -c1-32 | LC_ALL=C sort | uniq -d";

static void test_standard_tools(void)
{
    char out[4096];
    tbundle b;
    if (tb_sh("/", "command -v xxd && command -v openssl && openssl list "
              "-public-key-algorithms | grep -q ED25519", NULL, 0) != 0) {
        CHECK_SKIP("standard tools: no xxd, or no openssl with Ed25519");
        return;
    }
    if (make_multi(&b) != 0)
        return;
    char *dir = tb_write(&b, tmpdir);
    CHECK(dir != NULL);
    if (!dir) {
        tb_free(&b);
        return;
    }
    CHECK_INT(tb_sh(dir, tools_sig, out, sizeof out), 0);
    CHECK_MSG(strstr(out, "Signature Verified Successfully") != NULL, "%s", out);
    CHECK_INT(tb_sh(dir, tools_union, out, sizeof out), 0);
    CHECK_STR(out, "same\n");
    tb_rm_rf(dir);
    free(dir);
    /* kiosk 12's first ballot moved to kiosk 1: its signature fails; one
     * ballot in two lists: uniq -d prints its id */
    char *l = line_of(&b, CL(12, "list"), 1);
    tb_drop_line(&b, CL(12, "list"), 1);
    insert_sorted(&b, CL(1, "list"), l);
    insert_sorted(&b, CL(2, "list"), l);
    free(l);
    dir = tb_write(&b, tmpdir);
    if (dir) {
        CHECK(tb_sh(dir, tools_sig, out, sizeof out) != 0);
        CHECK_MSG(strstr(out, "Signature Verification Failure") != NULL, "%s", out);
        CHECK_INT(tb_sh(dir, tools_union, out, sizeof out), 0);
        size_t n = strlen(out);
        CHECK_MSG(strstr(out, "differ") && !strstr(out, "same\n") && n > 33 &&
                      strspn(out + n - 33, "0123456789abcdef") == 32,
                  "%s", out); /* cmp differs; uniq -d prints the one id */
        tb_rm_rf(dir);
        free(dir);
    }
    tb_free(&b);
}

/* ---- export_write with kiosk lists ----------------------------------- */

static const char roster_csv[] = "name,role,token\nA,facilitator,\n";

/* The store a hub would be, as far as the export sees it: the calls
 * export_write makes go to a real SQLite store, and each_kiosk_list hands
 * out each closed proposal's ballots dealt to three kiosks, signed by
 * their keys (bad_kiosk's by a wrong one). */
typedef struct {
    store base;
    store *in;
} hubish;

static int bad_kiosk;

static store *in_of(store *s) { return ((hubish *)s)->in; }
static as_status f_checked_in(store *s, int64_t *n, as_err *err)
{
    return store_checked_in_count(in_of(s), n, err);
}
static as_status f_attended(store *s, int64_t *n, as_err *err)
{
    return store_attended_count(in_of(s), n, err);
}
static as_status f_state(store *s, const char *id, prop_state *st, as_err *err)
{
    return store_proposal_state(in_of(s), id, st, err);
}
static as_status f_closed_info(store *s, const char *id, int64_t *ci, uint8_t root[32],
                               as_err *err)
{
    return store_closed_info(in_of(s), id, ci, root, err);
}
static as_status f_texts(store *s, const char *id, store_ballot_text_fn fn, void *ud,
                         as_err *err)
{
    return store_each_ballot_text(in_of(s), id, fn, ud, err);
}
static as_status f_events(store *s, store_event_fn fn, void *ud, as_err *err)
{
    return store_each_event(in_of(s), fn, ud, err);
}
static as_status f_exported(store *s, int n, as_err *err)
{
    return store_event_exported(in_of(s), n, err);
}

typedef struct {
    xbuf part[NK];
    int n[NK], next;
} deal;

static as_status deal_one(void *ud, const uint8_t id[BALLOT_ID_SIZE],
                          const char *choice, size_t n)
{
    deal *d = ud;
    char line[RECORD_TEXT_LINE_MAX];
    size_t ln = record_ballot_text_line(id, choice, n, line, sizeof line);
    int k = d->next++ % NK;
    xbuf_add(&d->part[k], line, ln);
    xbuf_add(&d->part[k], "\n", 1);
    d->n[k]++;
    return d->part[k].oom ? AS_ENOMEM : AS_OK;
}

static as_status lists_of(store *s, const char *prop, store_list_fn fn,
                          void *ud, as_err *err)
{
    deal d;
    as_status st;
    memset(&d, 0, sizeof d);
    for (int k = 0; k < NK; k++)
        xbuf_init(&d.part[k]);
    st = store_each_ballot_text(in_of(s), prop, deal_one, &d, err);
    for (int k = 0; k < NK && st == AS_OK; k++) {
        uint8_t pk[32], sk[64], sig[64];
        kiosk_sign(prop, d.n[k], d.part[k].p, d.part[k].len,
                   kiosk_no[k] == bad_kiosk ? 50 : kiosk_no[k], sig);
        kiosk_key(kiosk_no[k], pk, sk);
        st = fn(ud, kiosk_no[k], pk, d.part[k].p ? d.part[k].p : "", d.part[k].len,
                d.n[k], sig);
    }
    for (int k = 0; k < NK; k++)
        xbuf_free(&d.part[k]);
    return st;
}

static int run_cli(const char *dir, char *out, size_t size)
{
    char args[4200];
    snprintf(args, sizeof args, "'%s'", dir);
    return tb_cli(args, out, size);
}

static void test_export(void)
{
    char data[600], usb[600], path[EXPORT_PATH_MAX + 64], out[16384];
    size_t ylen = strlen(tb_meeting_yaml);
    meeting *m = NULL;
    store *s = NULL;
    diag_list dl;
    as_err err = {{0}};
    export_summary sum;
    report c;
    struct stat sb;

    diag_init(&dl);
    if (meeting_from_memory("meeting.yaml", tb_meeting_yaml, ylen, roster_csv, &m,
                            &dl) != AS_OK) {
        CHECK_MSG(0, "meeting");
        diag_free(&dl);
        return;
    }
    diag_free(&dl);
    snprintf(data, sizeof data, "%s/data", tmpdir);
    snprintf(usb, sizeof usb, "%s/usb", tmpdir);
    if (store_open(data, m->sha256, &s, &err) != AS_OK) {
        CHECK_MSG(0, "store: %s", err.msg);
        meeting_free(m);
        return;
    }
    static const int choice[] = {CHOICE_YES, CHOICE_NO, CHOICE_YES, CHOICE_ABSTAIN,
                                 CHOICE_YES, CHOICE_YES, CHOICE_NO, CHOICE_YES};
    for (int i = 0; i < 8; i++) {
        uint8_t h[TOKEN_HASH_SIZE] = {0x6b, (uint8_t)i};
        CHECK_INT(store_checkin(s, h, NULL, &err), AS_OK);
    }
    CHECK_INT(store_set_proposal_state(s, "coat-drive", PROP_OPEN, &err), AS_OK);
    for (int i = 0; i < 8; i++) {
        uint8_t h[TOKEN_HASH_SIZE] = {0x6b, (uint8_t)i};
        CHECK_INT(store_cast(s, "coat-drive", h, choice[i], &err), AS_OK);
    }
    CHECK_INT(store_set_proposal_state(s, "coat-drive", PROP_CLOSED, &err), AS_OK);
    /* bylaws-recall closes with no ballot: each kiosk hands in an empty list */
    CHECK_INT(store_set_proposal_state(s, "bylaws-recall", PROP_OPEN, &err), AS_OK);
    CHECK_INT(store_set_proposal_state(s, "bylaws-recall", PROP_CLOSED, &err), AS_OK);

    /* One kiosk: no kiosks/ folder. */
    CHECK_INT(export_write(m, tb_meeting_yaml, ylen, 3, 10, s, data, usb, &sum, &err),
              AS_OK);
    snprintf(path, sizeof path, "%s/kiosks", sum.path);
    CHECK(stat(path, &sb) != 0);
    CHECK_MSG(verify_dir(sum.path, &c) == 0, "one kiosk:\n%s", c.text);
    CHECK_MSG(!strstr(c.text, "kiosk"), "one kiosk:\n%s", c.text);

    /* Several: the same store seen as a hub's.  The new export replaces
     * the old one (its kiosks/ folder is the export's own). */
    static const store_ops hub_ops = {
        .name = "hub-like",
        .checked_in_count = f_checked_in,
        .attended_count = f_attended,
        .proposal_state = f_state,
        .closed_info = f_closed_info,
        .each_ballot_text = f_texts,
        .each_event = f_events,
        .event_exported = f_exported,
        .each_kiosk_list = lists_of,
    };
    hubish hub = {{&hub_ops}, s};
    as_status st = export_write(m, tb_meeting_yaml, ylen, 3, 10, &hub.base, data, usb,
                                &sum, &err);
    CHECK_MSG(st == AS_OK, "export: %s", err.msg);
    snprintf(path, sizeof path, "%s/kiosks/coat-drive.012.list", sum.path);
    CHECK(stat(path, &sb) == 0 && sb.st_size > 0);
    snprintf(path, sizeof path, "%s/kiosks/bylaws-recall.002.list", sum.path);
    CHECK(stat(path, &sb) == 0 && sb.st_size == 0);
    snprintf(path, sizeof path, "%s/kiosks/bylaws-recall.002.sig", sum.path);
    CHECK(stat(path, &sb) == 0 && sb.st_size == 64);
    CHECK_MSG(verify_dir(sum.path, &c) == 0, "several:\n%s", c.text);
    CHECK_MSG(strstr(c.text, "ok: kiosk-lists: \n") != NULL, "several:\n%s", c.text);
    snprintf(path, sizeof path, "%s/kiosks/keys.txt", sum.path);
    {
        FILE *f = fopen(path, "r");
        char keys[1024] = "", want[1024];
        size_t n = f ? fread(keys, 1, sizeof keys - 1, f) : 0, wl = 0;
        if (f)
            fclose(f);
        keys[n] = '\0';
        for (int k = 0; k < NK; k++)
            wl += (size_t)keys_line(want + wl, sizeof want - wl, kiosk_no[k], kiosk_no[k]);
        CHECK_STR(keys, want);
    }
    snprintf(path, sizeof path, "%s/README.txt", sum.path);
    {
        FILE *f = fopen(path, "r");
        size_t n = f ? fread(out, 1, sizeof out - 1, f) : 0;
        if (f)
            fclose(f);
        out[n] = '\0';
        CHECK(strstr(out, "SEVERAL KIOSKS\n") != NULL);
    }
    /* asamblea verify: exit 0 and the line; then a list changed: exit 1 */
    CHECK_INT(run_cli(sum.path, out, sizeof out), 0);
    CHECK_MSG(strstr(out, "ok: kiosk-lists\n") != NULL, "cli:\n%s", out);
    snprintf(path, sizeof path, "%s/kiosks/coat-drive.001.list", sum.path);
    {
        FILE *f = fopen(path, "r+b");
        CHECK(f != NULL);
        if (f) {
            fputc('f', f); /* the first id's first digit */
            fclose(f);
        }
    }
    CHECK_INT(run_cli(sum.path, out, sizeof out), 1);
    CHECK_MSG(strstr(out, "FAIL: manifest: kiosks/coat-drive.001.list: SHA-256 "
                          "differs") != NULL, "cli tampered:\n%s", out);

    /* A list that is not signed by its kiosk's key stops the export; the
     * previous export stays as it was. */
    bad_kiosk = 2;
    st = export_write(m, tb_meeting_yaml, ylen, 3, 10, &hub.base, data, usb, &sum, &err);
    CHECK_INT(st, AS_ECORRUPT);
    CHECK_MSG(strstr(err.msg, "kiosk 2 handed in for proposal 'coat-drive' does "
                              "not carry the kiosk's signature") != NULL, "%s", err.msg);
    bad_kiosk = 0;
    store_free(s);
    meeting_free(m);
}

/* ---- the worked example of docs/export-format.md §9 ------------------- */

static void test_doc_example(void)
{
    /* Kiosk 3's key from the seed 00 01 ... 1f; its list for proposal
     * "budget": two ballots. */
    static const char list[] = "0f1e2d3c4b5a69788796a5b4c3d2e1f0 yes\n"
                               "a0b1c2d3e4f5a6b7c8d9eaf0b1c2d3e4 no\n";
    static const char msg_head[] = "asamblea-kiosk-list/v1\nbudget\n2\n";
    static const char want_pk[] =
        "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8";
    static const char want_fpr[] = "AS3N-N9TM-CD3M-R0M5";
    static const char want_sig[] =
        "b0a5c22f284fc48daba4e9544662e0fe1e3f8aad51a6f25a9fefaf27f0d30560"
        "4a8bf74c1d479a06c69c47f11e276f689ed290818fa55ad95b5befb05e05d904";
    uint8_t seed[32], pk[32], sk[64], sig[64];
    char hex[129], fpr[RECORD_FPR_SIZE];
    unsigned char msg[256];
    size_t hn = sizeof msg_head - 1, ln = sizeof list - 1;

    for (int i = 0; i < 32; i++)
        seed[i] = (uint8_t)i;
    crypto_sign_seed_keypair(pk, sk, seed);
    record_hex(pk, 32, hex);
    CHECK_STR(hex, want_pk);
    record_fingerprint(pk, fpr);
    CHECK_STR(fpr, want_fpr);
    memcpy(msg, msg_head, hn);
    memcpy(msg + hn, list, ln);
    crypto_sign_detached(sig, NULL, msg, hn + ln, sk);
    record_hex(sig, 64, hex);
    CHECK_STR(hex, want_sig);
}

int main(void)
{
    if (sodium_init() < 0 || !mkdtemp(tmpdir)) {
        fprintf(stderr, "cannot set up\n");
        return 1;
    }
    test_doc_example();
    test_hand_made();
    test_random_damage();
    test_standard_tools();
    test_previous();
    test_export();
    if (getenv("AS_KEEP")) /* to look at the exported bundle */
        printf("kept %s\n", tmpdir);
    else
        tb_rm_rf(tmpdir);
    return check_done();
}
