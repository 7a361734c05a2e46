/* test_verify_util.c: see test_verify_util.h. */
#include "test_verify_util.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sodium.h>
#include "export.h"
#include "meeting.h"
#include "record.h"
#include "verify.h"

const char tb_meeting_yaml[] =
    "meeting:\n"
    "  title: \"Verifier test assembly\"\n"
    "  date: 2026-12-05\n"
    "  languages: [en]\n"
    "  roster: roster.csv\n"
    "  quorum: 3\n"
    "proposals:\n"
    "  - id: coat-drive\n"
    "    title:\n"
    "      en: \"Fund the winter coat drive, with $400\"\n"
    "    text:\n"
    "      en: Buy coats.\n"
    "    method: yes-no-abstain\n"
    "    threshold: majority\n"
    "  - id: bylaws-recall\n"
    "    title:\n"
    "      en: Recall by two thirds\n"
    "    text:\n"
    "      en: Bylaws change.\n"
    "    method: yes-no-abstain\n"
    "    threshold: two-thirds\n"
    "  - id: meeting-time\n"
    "    title:\n"
    "      en: Saturday mornings\n"
    "    text:\n"
    "      en: Move the meeting.\n"
    "    method: yes-no-abstain\n"
    "    threshold: majority\n"
    "  - id: garden\n"
    "    title:\n"
    "      en: Community garden\n"
    "    text:\n"
    "      en: Plant things.\n"
    "    method: yes-no-abstain\n"
    "    threshold: majority\n";

static const char roster_csv[] = "name,role,token\n";

void tb_free(tbundle *b)
{
    for (int i = 0; i < b->n; i++) {
        free(b->f[i].path);
        free(b->f[i].buf);
    }
    b->n = 0;
}

tb_file *tb_get(tbundle *b, const char *path)
{
    for (int i = 0; i < b->n; i++)
        if (!strcmp(b->f[i].path, path))
            return &b->f[i];
    return NULL;
}

void tb_set(tbundle *b, const char *path, const char *buf, size_t len)
{
    tb_file *f = tb_get(b, path);
    if (!f) {
        if (b->n >= TB_MAX_FILES)
            abort();
        f = &b->f[b->n++];
        f->path = strdup(path);
        f->buf = NULL;
    }
    free(f->buf);
    f->buf = malloc(len + 1);
    memcpy(f->buf, buf, len);
    f->buf[len] = '\0';
    f->len = len;
}

void tb_remove(tbundle *b, const char *path)
{
    tb_file *f = tb_get(b, path);
    if (!f)
        return;
    free(f->path);
    free(f->buf);
    *f = b->f[--b->n];
}

static void key_from_seed(int seed, uint8_t pk[32], uint8_t sk[64])
{
    uint8_t s[crypto_sign_SEEDBYTES];
    memset(s, 0, sizeof s);
    memcpy(s, &seed, sizeof seed);
    crypto_sign_seed_keypair(pk, sk, s);
}

void tb_fingerprint(int key_seed, char out[32])
{
    uint8_t pk[32], sk[64];
    key_from_seed(key_seed, pk, sk);
    record_fingerprint(pk, out);
}

static int cmp_path(const void *a, const void *c)
{
    return strcmp(((const tb_file *)a)->path, ((const tb_file *)c)->path);
}

void tb_seal(tbundle *b, int key_seed)
{
    key_from_seed(key_seed, b->pk, b->sk);
    char hex[65], pem[256];
    record_hex(b->pk, 32, hex);
    hex[64] = '\n';
    tb_set(b, "device.pub", hex, 65);
    uint8_t der[44] = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
                       0x03, 0x21, 0x00};
    memcpy(der + 12, b->pk, 32);
    char b64[128];
    sodium_bin2base64(b64, sizeof b64, der, sizeof der, sodium_base64_VARIANT_ORIGINAL);
    int pn = snprintf(pem, sizeof pem, "-----BEGIN PUBLIC KEY-----\n%s\n"
                      "-----END PUBLIC KEY-----\n", b64);
    tb_set(b, "device.pem", pem, (size_t)pn);
    tb_remove(b, "manifest.txt");
    tb_remove(b, "manifest.sig");
    qsort(b->f, (size_t)b->n, sizeof b->f[0], cmp_path);
    size_t cap = 64 + (size_t)b->n * 200, len = 0;
    char *man = malloc(cap);
    size_t dn = sizeof RECORD_SIG_DOMAIN - 1;
    memcpy(man, RECORD_SIG_DOMAIN, dn);
    len = dn;
    for (int i = 0; i < b->n; i++) {
        uint8_t h[32];
        char hh[65];
        crypto_hash_sha256(h, (const unsigned char *)b->f[i].buf, b->f[i].len);
        record_hex(h, 32, hh);
        len += (size_t)snprintf(man + len, cap - len, "%s  %s\n", hh, b->f[i].path);
    }
    uint8_t sig[64];
    crypto_sign_detached(sig, NULL, (unsigned char *)man, len, b->sk);
    tb_set(b, "manifest.txt", man + dn, len - dn);
    tb_set(b, "manifest.sig", (const char *)sig, 64);
    free(man);
}

void tb_resign(tbundle *b, int key_seed)
{
    key_from_seed(key_seed, b->pk, b->sk);
    tb_file *man = tb_get(b, "manifest.txt");
    size_t dn = sizeof RECORD_SIG_DOMAIN - 1;
    unsigned char *msg = malloc(dn + man->len);
    memcpy(msg, RECORD_SIG_DOMAIN, dn);
    memcpy(msg + dn, man->buf, man->len);
    uint8_t sig[64];
    crypto_sign_detached(sig, NULL, msg, dn + man->len, b->sk);
    free(msg);
    tb_set(b, "manifest.sig", (const char *)sig, 64);
}

/* Deterministic ballots: ids from a hash of (proposal, i), so both stages
 * and every run have the same lists. */
static char *ballot_list(const char *prop, const int *choices, int n,
                         size_t *len, uint8_t root[32])
{
    char (*lines)[RECORD_LINE_MAX] = calloc((size_t)n + 1, RECORD_LINE_MAX);
    for (int i = 0; i < n; i++) {
        char seed[96];
        uint8_t id[RECORD_ID_SIZE];
        int sn = snprintf(seed, sizeof seed, "%s:%d", prop, i);
        crypto_generichash(id, sizeof id, (unsigned char *)seed, (size_t)sn, NULL, 0);
        record_ballot_line(id, choices[i], lines[i]);
    }
    qsort(lines, (size_t)n, RECORD_LINE_MAX, (int (*)(const void *, const void *))strcmp);
    char *out = malloc((size_t)n * RECORD_LINE_MAX + 1);
    uint8_t (*leaves)[32] = calloc((size_t)n + 1, 32);
    size_t o = 0;
    for (int i = 0; i < n; i++) {
        size_t ln = strlen(lines[i]);
        record_leaf_hash(lines[i], ln, leaves[i]);
        memcpy(out + o, lines[i], ln);
        o += ln;
        out[o++] = '\n';
    }
    record_merkle_root(leaves, (size_t)n, root);
    free(leaves);
    free(lines);
    *len = o;
    return out;
}

static void add_event(char *log, size_t cap, size_t *len, uint8_t prev[32],
                      int *seq, const char *text)
{
    char line[512];
    int tn = snprintf(line, sizeof line, "%d %s", ++*seq, text);
    record_event_hash(prev, line, (size_t)tn, prev);
    char hex[65];
    record_hex(prev, 32, hex);
    *len += (size_t)snprintf(log + *len, cap - *len, "%s %s\n", line, hex);
}

int tb_make(tbundle *b, int stage, int key_seed)
{
    static const int coat[] = {CHOICE_YES, CHOICE_NO, CHOICE_YES, CHOICE_ABSTAIN,
                               CHOICE_YES, CHOICE_NO, CHOICE_YES};
    static const int bylaws[] = {CHOICE_YES, CHOICE_YES, CHOICE_NO,
                                 CHOICE_YES, CHOICE_NO, CHOICE_YES};
    memset(b, 0, sizeof *b);
    meeting *m = NULL;
    diag_list d;
    diag_init(&d);
    size_t ylen = strlen(tb_meeting_yaml);
    if (meeting_from_memory("meeting.yaml", tb_meeting_yaml, ylen, roster_csv,
                            &m, &d) != AS_OK) {
        for (int i = 0; i < d.n; i++)
            fprintf(stderr, "tb_make: meeting: %s\n", d.lines[i]);
        diag_free(&d);
        return -1;
    }
    diag_free(&d);
    tb_set(b, "meeting.yaml", tb_meeting_yaml, ylen);
    tb_set(b, "README.txt", "This is a test bundle.\n", 23);

    export_figures f[4];
    memset(f, 0, sizeof f);
    size_t len;
    char *list = ballot_list("coat-drive", coat, 7, &len, f[0].root);
    tb_set(b, "ballots/coat-drive.txt", list, len);
    free(list);
    f[0].state = PROP_CLOSED;
    f[0].checked_in = 8;
    f[0].quorum = 3;
    f[0].ballots = 7;
    f[0].yes = 4;
    f[0].no = 2;
    f[0].abstain = 1;
    f[1].state = PROP_OPEN;
    if (stage >= 2) {
        list = ballot_list("bylaws-recall", bylaws, 6, &len, f[1].root);
        tb_set(b, "ballots/bylaws-recall.txt", list, len);
        free(list);
        f[1].state = PROP_CLOSED;
        f[1].checked_in = 9;
        f[1].quorum = 3;
        f[1].ballots = 6;
        f[1].yes = 4;
        f[1].no = 2;
        f[2].state = PROP_OPEN;
    }
    export_attendance a = {.roster = 10, .checked_in = stage >= 2 ? 9 : 8, .quorum = 3,
                           .attended = stage >= 2 ? 9 : 8};
    char *out;
    as_err err;
    if (export_render_results_txt(m, f, &out, &len, &err) != AS_OK)
        goto fail;
    tb_set(b, "results.txt", out, len);
    free(out);
    if (export_render_attendance_txt(&a, &out, &len, &err) != AS_OK)
        goto fail;
    tb_set(b, "attendance.txt", out, len);
    free(out);
    if (export_render_results_csv(m, f, &a, &out, &len, &err) != AS_OK)
        goto fail;
    tb_set(b, "results.csv", out, len);
    free(out);
    if (export_render_results_json(m, f, &a, &out, &len, &err) != AS_OK)
        goto fail;
    tb_set(b, "results.json", out, len);
    free(out);

    char log[4096], text[256], hex[65];
    size_t ll = 0;
    uint8_t prev[32] = {0};
    int seq = 0;
    record_hex(m->sha256, 32, hex);
    snprintf(text, sizeof text, "meeting %s", hex);
    add_event(log, sizeof log, &ll, prev, &seq, text);
    add_event(log, sizeof log, &ll, prev, &seq, "started");
    add_event(log, sizeof log, &ll, prev, &seq, "opened coat-drive 8");
    record_hex(f[0].root, 32, hex);
    snprintf(text, sizeof text, "closed coat-drive 8 7 %s", hex);
    add_event(log, sizeof log, &ll, prev, &seq, text);
    add_event(log, sizeof log, &ll, prev, &seq, "opened bylaws-recall 8");
    add_event(log, sizeof log, &ll, prev, &seq, "exported 1");
    if (stage >= 2) {
        add_event(log, sizeof log, &ll, prev, &seq, "started");
        record_hex(f[1].root, 32, hex);
        snprintf(text, sizeof text, "closed bylaws-recall 9 6 %s", hex);
        add_event(log, sizeof log, &ll, prev, &seq, text);
        add_event(log, sizeof log, &ll, prev, &seq, "opened meeting-time 9");
        add_event(log, sizeof log, &ll, prev, &seq, "exported 2");
    }
    tb_set(b, "events.log", log, ll);
    meeting_free(m);
    tb_seal(b, key_seed);
    return 0;
fail:
    fprintf(stderr, "tb_make: %s\n", err.msg);
    meeting_free(m);
    tb_free(b);
    return -1;
}

int tb_root(tbundle *b, const char *prop_id, uint8_t root[32])
{
    char path[128];
    snprintf(path, sizeof path, "ballots/%s.txt", prop_id);
    tb_file *f = tb_get(b, path);
    if (!f)
        return -1;
    uint8_t (*leaves)[32] = calloc(f->len / 30 + 1, 32);
    size_t n = 0, start = 0;
    for (size_t i = 0; i < f->len; i++)
        if (f->buf[i] == '\n') {
            record_leaf_hash(f->buf + start, i - start, leaves[n++]);
            start = i + 1;
        }
    record_merkle_root(leaves, n, root);
    free(leaves);
    return 0;
}

int tb_room_code(tbundle *b, const char *prop_id, char out[32])
{
    uint8_t root[32];
    if (tb_root(b, prop_id, root))
        return -1;
    record_room_code(root, out);
    return 0;
}

char *tb_write(const tbundle *b, const char *parent)
{
    static int counter;
    char *dir = malloc(4096);
    snprintf(dir, 4096, "%s/bundle-%d", parent, ++counter);
    if (mkdir(dir, 0700) != 0)
        goto fail;
    for (int i = 0; i < b->n; i++) {
        char p[4096];
        const char *slash = strchr(b->f[i].path, '/'); /* ballots/, kiosks/ */
        if (slash) {
            snprintf(p, sizeof p, "%s/%.*s", dir, (int)(slash - b->f[i].path),
                     b->f[i].path);
            mkdir(p, 0700);
        }
        snprintf(p, sizeof p, "%s/%s", dir, b->f[i].path);
        FILE *fp = fopen(p, "wb");
        if (!fp)
            goto fail;
        fwrite(b->f[i].buf, 1, b->f[i].len, fp);
        if (fclose(fp) != 0)
            goto fail;
    }
    return dir;
fail:
    free(dir);
    return NULL;
}

void tb_rm_rf(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
                continue;
            char p[4096];
            snprintf(p, sizeof p, "%s/%s", path, de->d_name);
            struct stat sb;
            if (lstat(p, &sb) == 0 && S_ISDIR(sb.st_mode))
                tb_rm_rf(p);
            else
                unlink(p);
        }
        closedir(d);
    }
    rmdir(path);
}

/* Line editing. */
static int line_span(const tb_file *f, int line, size_t *s, size_t *e)
{
    int cur = 1;
    size_t start = 0;
    for (size_t i = 0; i < f->len; i++)
        if (f->buf[i] == '\n') {
            if (cur == line) {
                *s = start;
                *e = i + 1;
                return 0;
            }
            cur++;
            start = i + 1;
        }
    return -1;
}

int tb_line_count(tbundle *b, const char *path)
{
    tb_file *f = tb_get(b, path);
    int n = 0;
    for (size_t i = 0; f && i < f->len; i++)
        n += f->buf[i] == '\n';
    return n;
}

static int splice(tbundle *b, const char *path, size_t s, size_t e,
                  const char *ins, size_t in)
{
    tb_file *f = tb_get(b, path);
    size_t nl = f->len - (e - s) + in;
    char *nb = malloc(nl + 1);
    memcpy(nb, f->buf, s);
    memcpy(nb + s, ins, in);
    memcpy(nb + s + in, f->buf + e, f->len - e);
    free(f->buf);
    f->buf = nb;
    f->len = nl;
    nb[nl] = '\0';
    return 0;
}

int tb_drop_line(tbundle *b, const char *path, int line)
{
    tb_file *f = tb_get(b, path);
    size_t s, e;
    if (!f || line_span(f, line, &s, &e))
        return -1;
    return splice(b, path, s, e, "", 0);
}

int tb_dup_line(tbundle *b, const char *path, int line)
{
    tb_file *f = tb_get(b, path);
    size_t s, e;
    if (!f || line_span(f, line, &s, &e))
        return -1;
    char *copy = strndup(f->buf + s, e - s);
    splice(b, path, e, e, copy, e - s);
    free(copy);
    return 0;
}

int tb_swap_lines(tbundle *b, const char *path, int a, int c)
{
    tb_file *f = tb_get(b, path);
    size_t as, ae, cs, ce;
    if (!f || a >= c || line_span(f, a, &as, &ae) || line_span(f, c, &cs, &ce))
        return -1;
    char *la = strndup(f->buf + as, ae - as), *lc = strndup(f->buf + cs, ce - cs);
    splice(b, path, cs, ce, la, ae - as);
    splice(b, path, as, ae, lc, ce - cs);
    free(la);
    free(lc);
    return 0;
}

int tb_replace_in_line(tbundle *b, const char *path, int line, const char *from,
                       const char *to)
{
    tb_file *f = tb_get(b, path);
    size_t s, e;
    if (!f || line_span(f, line, &s, &e))
        return -1;
    char *ln = strndup(f->buf + s, e - s);
    char *hit = strstr(ln, from);
    if (!hit) {
        free(ln);
        return -1;
    }
    size_t off = s + (size_t)(hit - ln);
    free(ln);
    return splice(b, path, off, off + strlen(from), to, strlen(to));
}

static void report_line(void *ud, int ok, const char *check, const char *detail)
{
    tb_report *c = ud;
    int n = snprintf(c->text + c->len, sizeof c->text - c->len, "%s: %s: %s\n",
                     ok == 1 ? "ok" : ok ? "SKIP" : "FAIL", check, detail);
    if (n > 0 && c->len + (size_t)n < sizeof c->text)
        c->len += (size_t)n;
}

int tb_verify(const char *dir, const char *prev, tb_report *c)
{
    verify_opts o = {dir, NULL, prev, NULL, 0};
    int nfail = -1;
    as_err err;
    c->len = 0;
    c->text[0] = '\0';
    if (verify_bundle(&o, report_line, c, &nfail, &err) != AS_OK) {
        snprintf(c->text, sizeof c->text, "%s", err.msg);
        return -1;
    }
    return nfail;
}

int tb_cli(const char *args, char *out, size_t size)
{
    char cmd[20000];
    snprintf(cmd, sizeof cmd, "'%s' verify %s 2>&1", AS_BINARY, args);
    FILE *p = popen(cmd, "r");
    if (!p)
        return -1;
    size_t n = fread(out, 1, size - 1, p);
    out[n] = '\0';
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* tb_sh: see test_verify_util.h. */
int tb_sh(const char *dir, const char *cmd, char *out, size_t size)
{
    char full[8192];
    snprintf(full, sizeof full, "cd '%s' && { %s ; } 2>&1", dir, cmd);
    FILE *p = popen(full, "r");
    if (!p)
        return -1;
    size_t n = out ? fread(out, 1, size - 1, p) : 0;
    if (out)
        out[n] = '\0';
    else {
        char junk[4096];
        while (fread(junk, 1, sizeof junk, p) > 0)
            ;
    }
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}
