/* test_export.c: the export module and `asamblea export`, against real
 * SQLite stores in a temporary directory. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sodium.h>
#include "check.h"
#include "test_file_util.h"
#include "export.h"
#include "meeting.h"
#include "store_sqlite.h"
#include "record.h"

static char root[256];

static const char MEETING_YAML[] =
    "meeting:\n"
    "  title: Test Assembly, \"December\"\n"
    "  date: 2026-12-05\n"
    "  languages: [en, es]\n"
    "  roster: roster.csv\n"
    "  quorum: 3\n"
    "proposals:\n"
    "  - id: coat-drive\n"
    "    title: {en: 'Fund the coat drive, $400 \"now\"', es: Financiar la colecta}\n"
    "    text: {en: Coats for everyone., es: Abrigos para todos.}\n"
    "    method: yes-no-abstain\n"
    "    threshold: majority\n"
    "  - id: bylaws\n"
    "    title: {en: Change the bylaws, es: Cambiar los estatutos}\n"
    "    text: {en: New bylaws., es: Estatutos nuevos.}\n"
    "    method: yes-no-abstain\n"
    "    threshold: two-thirds\n"
    "  - id: garden\n"
    "    title: {en: Community garden, es: Huerto comunitario}\n"
    "    text: {en: A garden., es: Un huerto.}\n"
    "    method: yes-no-abstain\n"
    "    threshold: \"3/5\"\n"
    "  - id: later\n"
    "    title: {en: Later, es: Luego}\n"
    "    text: {en: Not yet., es: Todavía no.}\n"
    "    method: yes-no-abstain\n"
    "    threshold: three-quarters\n";

static const char ROSTER_CSV[] =
    "name,role,token\n"
    "Ana,attendee,\n"
    "Bo,attendee,\n"
    "Cy,facilitator,\n";

/* ---- small file helpers ---- */

static void spit(const char *path, const char *s)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        fputs(s, f);
        fclose(f);
    }
}

static int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static int count_substr(const char *s, const char *sub)
{
    int n = 0;
    for (const char *p = s; (p = strstr(p, sub)) != NULL; p += strlen(sub))
        n++;
    return n;
}

/* dir_entries: entries of a directory other than . and .., -1 if missing. */
static int dir_entries(const char *path)
{
    DIR *d = opendir(path);
    struct dirent *e;
    int n = 0;
    if (!d)
        return -1;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

static int exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

static void rm_rf(const char *path)
{
    struct stat sb;
    if (lstat(path, &sb) != 0)
        return;
    if (S_ISDIR(sb.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *e;
        char sub[1024];
        chmod(path, 0755);
        if (d) {
            while ((e = readdir(d)) != NULL) {
                if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                    continue;
                snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
                rm_rf(sub);
            }
            closedir(d);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

/* ---- a tiny JSON well-formedness checker (RFC 8259 grammar) ---- */

static const char *js_ws(const char *p)
{
    while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
        p++;
    return p;
}

static const char *js_value(const char *p, int depth);

static const char *js_string(const char *p)
{
    if (*p++ != '"')
        return NULL;
    while (*p != '"') {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20)
            return NULL;
        if (c == '\\') {
            p++;
            if (*p == 'u') {
                for (int i = 1; i <= 4; i++)
                    if (!strchr("0123456789abcdefABCDEF", p[i]) || !p[i])
                        return NULL;
                p += 5;
                continue;
            }
            if (!*p || !strchr("\"\\/bfnrt", *p))
                return NULL;
        }
        p++;
    }
    return p + 1;
}

static const char *js_value(const char *p, int depth)
{
    p = js_ws(p);
    if (depth > 50)
        return NULL;
    if (*p == '{' || *p == '[') {
        char close = *p == '{' ? '}' : ']';
        int obj = *p == '{';
        p = js_ws(p + 1);
        if (*p == close)
            return p + 1;
        for (;;) {
            if (obj) {
                if (!(p = js_string(js_ws(p))))
                    return NULL;
                p = js_ws(p);
                if (*p++ != ':')
                    return NULL;
            }
            if (!(p = js_value(p, depth + 1)))
                return NULL;
            p = js_ws(p);
            if (*p == ',') {
                p++;
                continue;
            }
            return *p == close ? p + 1 : NULL;
        }
    }
    if (*p == '"')
        return js_string(p);
    if (!strncmp(p, "true", 4))
        return p + 4;
    if (!strncmp(p, "false", 5))
        return p + 5;
    if (!strncmp(p, "null", 4))
        return p + 4;
    const char *q = p;
    if (*q == '-')
        q++;
    if (!(*q >= '0' && *q <= '9'))
        return NULL;
    while (*q >= '0' && *q <= '9')
        q++;
    return q;
}

static int json_ok(const char *s)
{
    const char *end = js_value(s, 0);
    return end && *js_ws(end) == '\0';
}

/* ---- fixtures ---- */

typedef struct {
    char dir[512];
    meeting *m;
    store *s;
} fixture;

static void badge(uint8_t h[TOKEN_HASH_SIZE], int i)
{
    memset(h, 0, TOKEN_HASH_SIZE);
    h[0] = 0xb0;
    h[1] = (uint8_t)i;
}

static int open_fixture(fixture *f, const char *name)
{
    diag_list d;
    as_err err = {{0}};
    diag_init(&d);
    snprintf(f->dir, sizeof f->dir, "%s/%s", root, name);
    f->s = NULL;
    as_status st = meeting_from_memory("meeting.yaml", MEETING_YAML, strlen(MEETING_YAML),
                                       ROSTER_CSV, &f->m, &d);
    CHECK_INT(st, AS_OK);
    for (int i = 0; i < d.n; i++)
        fprintf(stderr, "%s\n", d.lines[i]);
    diag_free(&d);
    if (st != AS_OK)
        return 0;
    st = store_open(f->dir, f->m->sha256, &f->s, &err);
    CHECK_MSG(st == AS_OK, "store_open: %s", err.msg);
    return st == AS_OK;
}

static void close_fixture(fixture *f)
{
    store_free(f->s);
    meeting_free(f->m);
    f->s = NULL;
    f->m = NULL;
}

static void cast(fixture *f, const char *prop, int b, int choice)
{
    uint8_t h[TOKEN_HASH_SIZE];
    as_err err = {{0}};
    badge(h, b);
    as_status st = store_cast(f->s, prop, h, choice, &err);
    CHECK_MSG(st == AS_OK, "store_cast %s: %s", prop, err.msg);
}

static void set_state(fixture *f, const char *prop, prop_state ps)
{
    as_err err = {{0}};
    as_status st = store_set_proposal_state(f->s, prop, ps, &err);
    CHECK_MSG(st == AS_OK, "set state %s: %s", prop, err.msg);
}

/* The standard session: 4 checked in; coat-drive 4 yes, 2 no, 1 abstain
 * (closed, passes); bylaws 2 yes 1 no (closed: exactly 2/3, passes);
 * garden open with 2 ballots; later in draft.  order = 1 casts every
 * ballot in the reverse order. */
static void run_session(fixture *f, int order)
{
    static const int coat[] = {CHOICE_YES, CHOICE_NO, CHOICE_YES, CHOICE_ABSTAIN,
                               CHOICE_YES, CHOICE_NO, CHOICE_YES};
    static const int bylaws[] = {CHOICE_YES, CHOICE_NO, CHOICE_YES};
    as_err err = {{0}};
    uint8_t h[TOKEN_HASH_SIZE];
    for (int i = 0; i < 4; i++) {
        badge(h, order ? 3 - i : i);
        CHECK_INT(store_checkin(f->s, h, NULL, &err), AS_OK);
    }
    set_state(f, "coat-drive", PROP_OPEN);
    set_state(f, "bylaws", PROP_OPEN);
    set_state(f, "garden", PROP_OPEN);
    for (int k = 0; k < 7; k++) {
        int i = order ? 6 - k : k;
        cast(f, "coat-drive", i, coat[i]);
    }
    for (int k = 0; k < 3; k++) {
        int i = order ? 2 - k : k;
        cast(f, "bylaws", 10 + i, bylaws[i]);
    }
    cast(f, "garden", order ? 21 : 20, CHOICE_YES);
    cast(f, "garden", order ? 20 : 21, CHOICE_NO);
    set_state(f, "coat-drive", PROP_CLOSED);
    set_state(f, "bylaws", PROP_CLOSED);
}

static as_status do_export(fixture *f, const char *out, export_summary *sum,
                           as_err *err)
{
    return export_write(f->m, MEETING_YAML, strlen(MEETING_YAML), meeting_quorum(f->m),
                        roster_count(f->m->roster), f->s, f->dir, out, sum, err);
}

static void expected_folder(const meeting *m, const char *out, char *buf, size_t size)
{
    snprintf(buf, size, "%s/asamblea-2026-12-05-%02x%02x%02x%02x", out, m->sha256[0],
             m->sha256[1], m->sha256[2], m->sha256[3]);
}

/* check_ballot_file: "<32 hex> <choice>" lines, strictly ascending, LF,
 * counts per choice. */
static void check_ballot_file(const char *path, int yes, int no, int abstain)
{
    char *s = tf_slurp(path, NULL);
    CHECK_MSG(s != NULL, "missing %s", path);
    if (!s)
        return;
    CHECK(!strchr(s, '\r'));
    CHECK_INT(count_lines(s), yes + no + abstain);
    CHECK_INT(count_substr(s, " yes\n"), yes);
    CHECK_INT(count_substr(s, " no\n"), no);
    CHECK_INT(count_substr(s, " abstain\n"), abstain);
    char prev[64] = "";
    int sorted = 1, shape = 1;
    for (char *line = s; *line; line = strchr(line, '\n') + 1) {
        char l[64];
        size_t n = (size_t)(strchr(line, '\n') - line);
        if (n >= sizeof l) {
            shape = 0;
            break;
        }
        memcpy(l, line, n);
        l[n] = '\0';
        for (int k = 0; k < 32; k++)
            if (!strchr("0123456789abcdef", l[k]))
                shape = 0;
        if (l[32] != ' ' || record_choice_parse(l + 33, n - 33) < 0)
            shape = 0;
        if (prev[0] && strcmp(prev, l) >= 0)
            sorted = 0;
        memcpy(prev, l, n + 1);
    }
    CHECK(shape);
    CHECK(sorted);
    free(s);
}

/* mask_hex64: overwrites every run of exactly 64 hex digits with 'R'. */
static void mask_hex64(char *s)
{
    for (size_t i = 0; s && s[i];) {
        size_t n = 0;
        while (s[i + n] && strchr("0123456789abcdef", s[i + n]))
            n++;
        if (n == 64)
            memset(s + i, 'R', 64);
        i += n ? n : 1;
    }
}

/* ---- tests ---- */

static void test_full_export(void)
{
    fixture f;
    export_summary sum;
    as_err err = {{0}};
    char out[600], folder[700], path[900];

    if (!open_fixture(&f, "data1"))
        return;
    run_session(&f, 0);
    snprintf(out, sizeof out, "%s/out1", root);
    as_status st = do_export(&f, out, &sum, &err);
    CHECK_MSG(st == AS_OK, "export: %s", err.msg);
    expected_folder(f.m, out, folder, sizeof folder);
    CHECK_STR(sum.path, folder);
    CHECK_INT(sum.nprops, 4);
    CHECK_INT(sum.nclosed, 2);
    CHECK_INT(dir_entries(out), 1);

    size_t len = 0;
    snprintf(path, sizeof path, "%s/meeting.yaml", folder);
    char *s = tf_slurp(path, &len);
    CHECK(s && len == strlen(MEETING_YAML) && !memcmp(s, MEETING_YAML, len));
    free(s);

    snprintf(path, sizeof path, "%s/results.csv", folder);
    s = tf_slurp(path, NULL);
    CHECK(s != NULL);
    if (s) {
        CHECK_INT(count_lines(s), 5);
        CHECK(!strchr(s, '\r'));
        CHECK(strstr(s, "id,title,method,state,threshold,yes,no,abstain,ballots,"
                        "outcome,checked_in,quorum_needed,quorum_met,root\n") == s);
        CHECK(strstr(s, "\ncoat-drive,\"Fund the coat drive, $400 \"\"now\"\"\","
                        "yes-no-abstain,closed,majority,4,2,1,7,passed,4,3,yes,"));
        CHECK(strstr(s, "\nbylaws,Change the bylaws,yes-no-abstain,closed,two-thirds,"
                        "2,1,0,3,passed,4,3,yes,"));
        /* open and draft: no counts at all, never interim results */
        CHECK(strstr(s, "\ngarden,Community garden,yes-no-abstain,open,3/5,,,,,,4,3,yes,\n"));
        CHECK(strstr(s, "\nlater,Later,yes-no-abstain,draft,three-quarters,,,,,,4,3,yes,\n"));
        free(s);
    }

    snprintf(path, sizeof path, "%s/results.json", folder);
    s = tf_slurp(path, NULL);
    CHECK(s != NULL);
    if (s) {
        CHECK(json_ok(s));
        CHECK(strstr(s, "\"title\": \"Test Assembly, \\\"December\\\"\""));
        CHECK(strstr(s, "\"counts\": {\"yes\": 4, \"no\": 2, \"abstain\": 1}"));
        CHECK(strstr(s, "\"counts\": {\"yes\": 2, \"no\": 1, \"abstain\": 0}"));
        CHECK_INT(count_substr(s, "\"counts\""), 2); /* only the closed ones */
        CHECK_INT(count_substr(s, "\"outcome\": \"passed\""), 2);
        CHECK(strstr(s, "\"checked_in\": 4"));
        CHECK(strstr(s, "\"quorum_needed\": 3"));
        CHECK(strstr(s, "\"quorum_met\": true"));
        CHECK(strstr(s, "\"state\": \"open\""));
        CHECK(strstr(s, "\"state\": \"draft\""));
        free(s);
    }

    snprintf(path, sizeof path, "%s/ballots/coat-drive.txt", folder);
    check_ballot_file(path, 4, 2, 1);
    snprintf(path, sizeof path, "%s/ballots/bylaws.txt", folder);
    check_ballot_file(path, 2, 1, 0);
    snprintf(path, sizeof path, "%s/ballots", folder);
    CHECK_INT(dir_entries(path), 2); /* nothing for open or draft proposals */
    snprintf(path, sizeof path, "%s/README.txt", folder);
    s = tf_slurp(path, NULL);
    CHECK(s && strstr(s, "HOW TO RECOUNT BY HAND"));
    free(s);

    /* A write failure half-way (the file-size limit stands in for a full
     * stick, and works as root too) leaves the earlier export untouched and
     * no temporary folder behind. */
    set_state(&f, "garden", PROP_CLOSED);
    snprintf(path, sizeof path, "%s/results.csv", folder);
    char *before = tf_slurp(path, NULL);
    struct rlimit lim, small = {200, 200};
    void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
    CHECK(getrlimit(RLIMIT_FSIZE, &lim) == 0);
    small.rlim_max = lim.rlim_max;
    CHECK(setrlimit(RLIMIT_FSIZE, &small) == 0);
    st = do_export(&f, out, &sum, &err);
    CHECK(setrlimit(RLIMIT_FSIZE, &lim) == 0);
    signal(SIGXFSZ, old_handler);
    /* The limit hits the store's "exported" event first (meeting.db is
     * larger than the limit too); either way nothing partial appears. */
    CHECK_MSG(st == AS_EFULL || st == AS_EIO, "status %d: %s", (int)st, err.msg);
    CHECK_INT(dir_entries(out), 1);
    char *after = tf_slurp(path, NULL);
    CHECK(before && after && !strcmp(before, after));
    free(before);
    free(after);

    /* Re-export after closing garden: replaces the folder cleanly. */
    st = do_export(&f, out, &sum, &err);
    CHECK_MSG(st == AS_OK, "re-export: %s", err.msg);
    CHECK_INT(sum.nclosed, 3);
    CHECK_INT(dir_entries(out), 1); /* no temporary or old folder left */
    snprintf(path, sizeof path, "%s/ballots/garden.txt", folder);
    check_ballot_file(path, 1, 1, 0);
    snprintf(path, sizeof path, "%s/results.csv", folder);
    s = tf_slurp(path, NULL);
    /* 1 yes 1 no: 50% is below 3/5 */
    CHECK(s && strstr(s, "\ngarden,Community garden,yes-no-abstain,closed,3/5,"
                         "1,1,0,2,not passed,4,3,yes,"));
    free(s);

    /* A folder of the same name holding a foreign file is never replaced. */
    snprintf(path, sizeof path, "%s/notes.doc", folder);
    spit(path, "mine");
    st = do_export(&f, out, &sum, &err);
    CHECK_INT(st, AS_EINVAL);
    CHECK(strstr(err.msg, "notes.doc") != NULL);
    CHECK(exists(path));
    snprintf(path, sizeof path, "%s/results.csv", folder);
    CHECK(exists(path));
    CHECK_INT(dir_entries(out), 1);
    close_fixture(&f);
}

static void test_order_independent(void)
{
    fixture a, b;
    as_err err = {{0}};
    export_summary sa, sb;
    char outa[600], outb[600], pa[EXPORT_PATH_MAX + 64], pb[EXPORT_PATH_MAX + 64];
    static const char *const same[] = {"results.csv", "results.json", "README.txt",
                                       "meeting.yaml", "results.txt", "attendance.txt"};

    if (!open_fixture(&a, "data-a") || !open_fixture(&b, "data-b"))
        return;
    run_session(&a, 0);
    run_session(&b, 1);
    snprintf(outa, sizeof outa, "%s/out-a", root);
    snprintf(outb, sizeof outb, "%s/out-b", root);
    CHECK_INT(do_export(&a, outa, &sa, &err), AS_OK);
    CHECK_INT(do_export(&b, outb, &sb, &err), AS_OK);
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        size_t la = 0, lb = 0;
        snprintf(pa, sizeof pa, "%s/%s", sa.path, same[i]);
        snprintf(pb, sizeof pb, "%s/%s", sb.path, same[i]);
        char *x = tf_slurp(pa, &la), *y = tf_slurp(pb, &lb);
        /* Roots are functions of the random ids, which differ between two
         * stores: everything else must be byte-identical. */
        mask_hex64(x);
        mask_hex64(y);
        CHECK_MSG(x && y && la == lb && !memcmp(x, y, la), "%s differs", same[i]);
        free(x);
        free(y);
    }
    /* Ballot ids are random per store, so the ballot files of two stores
     * differ in their ids; both must hold the same choices in id order. */
    snprintf(pb, sizeof pb, "%s/ballots/coat-drive.txt", sb.path);
    check_ballot_file(pb, 4, 2, 1);
    /* The same store exported twice: byte-identical ballot files. */
    snprintf(outb, sizeof outb, "%s/out-b2", root);
    CHECK_INT(do_export(&b, outb, &sa, &err), AS_OK);
    snprintf(pa, sizeof pa, "%s/ballots/coat-drive.txt", sa.path);
    size_t la = 0, lb = 0;
    char *x = tf_slurp(pa, &la), *y = tf_slurp(pb, &lb);
    CHECK(x && y && la == lb && !memcmp(x, y, la));
    free(x);
    free(y);
    close_fixture(&a);
    close_fixture(&b);
}

/* What export_write_progress reports: 0 of N before the first file, then
 * every file in turn, N being every file of the bundle (the manifest's
 * lines, plus manifest.txt and manifest.sig). */
typedef struct {
    int calls, done[64], total[64];
} progress_log;

static void log_progress(void *ud, int done, int total)
{
    progress_log *p = ud;
    if (p->calls < 64) {
        p->done[p->calls] = done;
        p->total[p->calls] = total;
    }
    p->calls++;
}

static void test_progress(void)
{
    fixture f;
    export_summary sum;
    as_err err = {{0}};
    progress_log p;
    char out[600], path[EXPORT_PATH_MAX + 64];

    memset(&p, 0, sizeof p);
    if (!open_fixture(&f, "data-progress"))
        return;
    run_session(&f, 0);
    snprintf(out, sizeof out, "%s/out-progress", root);
    as_status st = export_write_progress(f.m, MEETING_YAML, strlen(MEETING_YAML),
                                         meeting_quorum(f.m), roster_count(f.m->roster),
                                         f.s, f.dir, out, &sum, log_progress, &p, &err);
    CHECK_MSG(st == AS_OK, "export: %s", err.msg);
    snprintf(path, sizeof path, "%s/manifest.txt", sum.path);
    char *manifest = tf_slurp(path, NULL);
    int files = 2; /* manifest.txt and manifest.sig are not in it */
    for (const char *c = manifest ? manifest : ""; *c; c++)
        files += *c == '\n';
    free(manifest);
    CHECK_INT(p.calls, files + 1);
    for (int i = 0; i < p.calls && i < 64; i++) {
        CHECK_INT(p.done[i], i);
        CHECK_INT(p.total[i], files);
    }
    close_fixture(&f);
}

static void test_refusals(void)
{
    fixture f;
    as_err err = {{0}};
    export_summary sum;
    char out[600], path[900];

    if (!open_fixture(&f, "data-r"))
        return;
    run_session(&f, 0);

    /* A folder with someone else's files. */
    snprintf(out, sizeof out, "%s/foreign", root);
    mkdir(out, 0755);
    snprintf(path, sizeof path, "%s/taxes.xls", out);
    spit(path, "x");
    as_status st = do_export(&f, out, &sum, &err);
    CHECK_INT(st, AS_EINVAL);
    CHECK(strstr(err.msg, out) && strstr(err.msg, "taxes.xls"));
    CHECK_INT(dir_entries(out), 1);

    /* USB-stick clutter and earlier exports are fine. */
    snprintf(out, sizeof out, "%s/stick", root);
    mkdir(out, 0755);
    snprintf(path, sizeof path, "%s/System Volume Information", out);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/.Trashes", out);
    spit(path, "");
    snprintf(path, sizeof path, "%s/asamblea-2026-11-07-00000000", out);
    mkdir(path, 0755);
    st = do_export(&f, out, &sum, &err);
    CHECK_MSG(st == AS_OK, "stick: %s", err.msg);
    CHECK_INT(dir_entries(out), 4);
    /* a trailing slash names the same folder */
    snprintf(path, sizeof path, "%s/", out);
    CHECK_INT(do_export(&f, path, &sum, &err), AS_OK);
    CHECK(strstr(sum.path, "//") == NULL);
    CHECK_INT(dir_entries(out), 4);

    /* A leftover temporary folder of an interrupted export is removed. */
    snprintf(path, sizeof path, "%s/.asamblea-tmp-abc123", out);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/.asamblea-tmp-abc123/results.csv", out);
    spit(path, "partial");
    CHECK_INT(do_export(&f, out, &sum, &err), AS_OK);
    snprintf(path, sizeof path, "%s/.asamblea-tmp-abc123", out);
    CHECK(!exists(path));

    /* A path under a regular file: ENOTDIR for root and users alike. */
    snprintf(path, sizeof path, "%s/plainfile", root);
    spit(path, "x");
    snprintf(out, sizeof out, "%s/plainfile/usb", root);
    st = do_export(&f, out, &sum, &err);
    CHECK(st != AS_OK);
    CHECK(strstr(err.msg, out) != NULL);
    snprintf(out, sizeof out, "%s/plainfile", root);
    st = do_export(&f, out, &sum, &err);
    CHECK_INT(st, AS_EINVAL);
    CHECK(strstr(err.msg, "not a folder") != NULL);

    /* The parent of out_dir missing: only one level is created. */
    snprintf(out, sizeof out, "%s/no/such/stick", root);
    st = do_export(&f, out, &sum, &err);
    CHECK_INT(st, AS_ENOENT);
    CHECK(strstr(err.msg, out) != NULL);

    /* A read-only folder: root ignores permission bits. */
    if (geteuid() == 0) {
        CHECK_SKIP("read-only export folder: running as root");
    } else {
        snprintf(out, sizeof out, "%s/readonly", root);
        mkdir(out, 0555);
        st = do_export(&f, out, &sum, &err);
        CHECK_INT(st, AS_EREADONLY);
        CHECK(strstr(err.msg, out) != NULL);
        CHECK_INT(dir_entries(out), 0);
        chmod(out, 0755);
    }

    /* Bytes that are not the meeting's file. */
    st = export_write(f.m, "meeting: {}\n", 12, 0, 3, f.s, f.dir, out, &sum, &err);
    CHECK_INT(st, AS_EINVAL);
    close_fixture(&f);
}

static void test_meeting_copy_and_quorum(void)
{
    as_err err = {{0}};
    char dir[600], *bytes = NULL;
    size_t len = 0;
    int size = -1;

    snprintf(dir, sizeof dir, "%s/copy", root);
    mkdir(dir, 0755);
    CHECK_INT(export_load_meeting_copy(dir, &bytes, &len, &size, &err), AS_ENOENT);
    CHECK(strstr(err.msg, "--meeting") != NULL);
    CHECK(bytes == NULL);
    CHECK_INT(export_save_meeting_copy(dir, MEETING_YAML, strlen(MEETING_YAML), 41, &err),
              AS_OK);
    CHECK_INT(export_save_meeting_copy(dir, MEETING_YAML, strlen(MEETING_YAML), 41, &err),
              AS_OK);
    CHECK_INT(export_load_meeting_copy(dir, &bytes, &len, &size, &err), AS_OK);
    CHECK(bytes && len == strlen(MEETING_YAML) && !memcmp(bytes, MEETING_YAML, len));
    CHECK_INT(size, 41);
    free(bytes);
    CHECK_INT(dir_entries(dir), 2); /* no temporary files left */

    meeting mm;
    memset(&mm, 0, sizeof mm);
    mm.quorum_percent = 10;
    CHECK_INT(export_quorum(&mm, 41), 5); /* 4.1 rounded up */
    CHECK_INT(export_quorum(&mm, 40), 4);
    CHECK_INT(export_quorum(&mm, 0), 0);
    mm.quorum_percent = 0;
    mm.quorum = 15;
    CHECK_INT(export_quorum(&mm, 41), 15);
}

static int run(const char *cmd)
{
    int rc = system(cmd);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void test_cli(void)
{
    fixture f;
    as_err err = {{0}};
    char cmd[4096], mpath[600], out[600], folder[700], path[900];
    char outfile[600], errfile[600];

    /* The meeting and roster as files, as an organizer has them. */
    snprintf(mpath, sizeof mpath, "%s/meeting.yaml", root);
    spit(mpath, MEETING_YAML);
    snprintf(path, sizeof path, "%s/roster.csv", root);
    spit(path, ROSTER_CSV);
    if (!open_fixture(&f, "data-cli"))
        return;
    run_session(&f, 0);
    CHECK_INT(export_save_meeting_copy(f.dir, MEETING_YAML, strlen(MEETING_YAML), 3, &err),
              AS_OK);
    close_fixture(&f); /* the CLI opens the store itself */

    snprintf(outfile, sizeof outfile, "%s/cli.out", root);
    snprintf(errfile, sizeof errfile, "%s/cli.err", root);
    snprintf(out, sizeof out, "%s/cli-out", root);
    snprintf(cmd, sizeof cmd, "'%s' export --data '%s/data-cli' --out '%s' --meeting '%s' >'%s' 2>'%s'",
             AS_BINARY, root, out, mpath, outfile, errfile);
    CHECK_INT(run(cmd), 0);
    char *o = tf_slurp(outfile, NULL), *e = tf_slurp(errfile, NULL);
    CHECK(o && strstr(o, "exported 4 proposals (2 closed) to ") && strstr(o, out));
    CHECK_MSG(e && !*e, "stderr: %s", e ? e : "");

    /* Nothing printed holds a ballot id. */
    if (o) {
        int leaked = 0;
        char *bf, line[64];
        meeting *m = NULL;
        diag_list d;
        diag_init(&d);
        CHECK_INT(meeting_from_memory("m", MEETING_YAML, strlen(MEETING_YAML), ROSTER_CSV,
                                      &m, &d), AS_OK);
        if (m) {
            expected_folder(m, out, folder, sizeof folder);
            snprintf(path, sizeof path, "%s/ballots/coat-drive.txt", folder);
            bf = tf_slurp(path, NULL);
            CHECK(bf != NULL);
            for (char *p = bf; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
                snprintf(line, sizeof line, "%.32s", p);
                if (strstr(o, line) || (e && strstr(e, line)))
                    leaked++;
            }
            CHECK_INT(leaked, 0);
            free(bf);
        }
        meeting_free(m);
        diag_free(&d);
    }
    free(o);
    free(e);

    /* Without --meeting: the copy kept in the data directory. */
    snprintf(out, sizeof out, "%s/cli-out2", root);
    snprintf(cmd, sizeof cmd, "'%s' export --data '%s/data-cli' --out '%s' >'%s' 2>'%s'",
             AS_BINARY, root, out, outfile, errfile);
    CHECK_INT(run(cmd), 0);
    o = tf_slurp(outfile, NULL);
    CHECK(o && strstr(o, "exported 4 proposals (2 closed)"));
    free(o);
    CHECK_INT(dir_entries(out), 1);

    /* Error: a data directory that does not exist. */
    snprintf(cmd, sizeof cmd, "'%s' export --data '%s/nowhere' --out '%s/cli-out3' >'%s' 2>'%s'",
             AS_BINARY, root, root, outfile, errfile);
    CHECK_INT(run(cmd), 2);
    e = tf_slurp(errfile, NULL);
    CHECK(e && strstr(e, "nowhere") && strstr(e, "--data"));
    free(e);
    snprintf(path, sizeof path, "%s/cli-out3", root);
    CHECK(!exists(path));
    snprintf(path, sizeof path, "%s/nowhere", root);
    CHECK(!exists(path));
}

/* ---- the bundle: manifest, signature, stability, extension ---- */

static int run_in(const char *dir, const char *cmd)
{
    char full[2048];
    snprintf(full, sizeof full, "cd '%s' && %s", dir, cmd);
    FILE *p = popen(full, "r");
    if (!p)
        return -1;
    char buf[512];
    while (fgets(buf, sizeof buf, p))
        ;
    int rc = pclose(p);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static int have_openssl(void)
{
    return system("openssl version >/dev/null 2>&1") == 0;
}

static void check_signature(const char *folder, const uint8_t pk[32])
{
    char path[EXPORT_PATH_MAX + 64];
    size_t mlen = 0, slen = 0, plen = 0;
    snprintf(path, sizeof path, "%s/manifest.txt", folder);
    char *man = tf_slurp(path, &mlen);
    snprintf(path, sizeof path, "%s/manifest.sig", folder);
    char *sig = tf_slurp(path, &slen);
    snprintf(path, sizeof path, "%s/device.pub", folder);
    char *pub = tf_slurp(path, &plen);
    CHECK(man && sig && pub && slen == 64 && plen == 65);
    if (man && sig && pub && slen == 64) {
        size_t dl = strlen(RECORD_SIG_DOMAIN);
        unsigned char *msg = malloc(dl + mlen);
        uint8_t filepk[32];
        memcpy(msg, RECORD_SIG_DOMAIN, dl);
        memcpy(msg + dl, man, mlen);
        CHECK_INT(record_unhex(pub, filepk, 32), 0);
        CHECK(memcmp(filepk, pk, 32) == 0);
        CHECK_INT(crypto_sign_verify_detached((const unsigned char *)sig, msg, dl + mlen, pk), 0);
        msg[dl] ^= 1; /* one flipped bit of the manifest */
        CHECK(crypto_sign_verify_detached((const unsigned char *)sig, msg, dl + mlen, pk) != 0);
        free(msg);
    }
    free(man);
    free(sig);
    free(pub);
}

static void test_bundle(void)
{
    fixture f;
    export_summary sum;
    as_err err = {{0}};
    char out[600], out2[600], out3[600], path[EXPORT_PATH_MAX + 64], b1[EXPORT_PATH_MAX];
    char b2[EXPORT_PATH_MAX], b3[EXPORT_PATH_MAX];
    uint8_t pk[32], sk[64], pk2[32], sk2[64];
    struct stat sb;

    if (!open_fixture(&f, "data-bundle"))
        return;
    run_session(&f, 0);
    snprintf(out, sizeof out, "%s/bundle1", root);
    CHECK_INT(do_export(&f, out, &sum, &err), AS_OK);
    snprintf(b1, sizeof b1, "%s", sum.path);

    /* The key: made by the export, mode 0600, the same one reused. */
    snprintf(path, sizeof path, "%s/device.key", f.dir);
    CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600 && sb.st_size == 64);
    CHECK_INT(export_device_key(f.dir, pk, sk, &err), AS_OK);
    CHECK_INT(export_device_key(f.dir, pk2, sk2, &err), AS_OK);
    CHECK(memcmp(pk, pk2, 32) == 0 && memcmp(sk, sk2, 64) == 0);

    /* Exactly the files of the format, and the manifest covers them. */
    static const char *const files[] = {"README.txt", "attendance.txt", "device.pem",
                                        "device.pub", "events.log", "manifest.sig",
                                        "manifest.txt", "meeting.yaml", "results.csv",
                                        "results.json", "results.txt", "ballots"};
    CHECK_INT(dir_entries(b1), (int)(sizeof files / sizeof files[0]));
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", b1, files[i]);
        CHECK_MSG(exists(path), "missing %s", files[i]);
    }
    snprintf(path, sizeof path, "%s/manifest.txt", b1);
    char *man = tf_slurp(path, NULL);
    CHECK(man && count_lines(man) == 11);
    CHECK(man && strstr(man, "  README.txt\n") && strstr(man, "  ballots/bylaws.txt\n") &&
          strstr(man, "  ballots/coat-drive.txt\n") && !strstr(man, "manifest"));
    /* sorted bytewise by path */
    if (man) {
        const char *prev = NULL;
        int sorted = 1;
        for (char *l = man; *l; l = strchr(l, '\n') + 1) {
            if (prev && strcmp(prev, l + 66) >= 0)
                sorted = 0;
            prev = l + 66;
        }
        CHECK(sorted);
    }
    free(man);
    CHECK_INT(run_in(b1, "sha256sum --quiet -c manifest.txt 2>&1"), 0);
    check_signature(b1, pk);
    if (have_openssl()) {
        CHECK_INT(run_in(b1, "{ printf 'asamblea-export/v1\\n'; cat manifest.txt; } >../signed.bin"
                             " && openssl pkeyutl -verify -pubin -inkey device.pem -rawin"
                             " -in ../signed.bin -sigfile manifest.sig 2>&1"), 0);
    } else {
        CHECK_SKIP("openssl not installed: the openssl signature check did not run");
    }

    /* results.txt: the closed blocks as the format says. */
    snprintf(path, sizeof path, "%s/results.txt", b1);
    char *res = tf_slurp(path, NULL);
    CHECK(res && strstr(res, "proposal coat-drive\nmethod yes-no-abstain\nthreshold 1/2 "
                             "more-than\nstate closed\nchecked-in 4\nquorum 3\nballots 7\n"
                             "yes 4\nno 2\nabstain 1\noutcome passed\nroot "));
    CHECK(res && strstr(res, "\n\nproposal garden\nmethod yes-no-abstain\nthreshold 3/5 "
                             "at-least\nstate open\n\nproposal later\n"));
    snprintf(path, sizeof path, "%s/attendance.txt", b1);
    char *att = tf_slurp(path, NULL);
    CHECK_STR(att, "roster 3\nchecked-in 4\nattended 4\nquorum 3\n");
    free(att);

    /* A second export of the same store: identical but for the log. */
    snprintf(out2, sizeof out2, "%s/bundle2", root);
    CHECK_INT(do_export(&f, out2, &sum, &err), AS_OK);
    snprintf(b2, sizeof b2, "%s", sum.path);
    static const char *const stable[] = {"README.txt", "attendance.txt", "device.pem",
                                         "device.pub", "meeting.yaml", "results.csv",
                                         "results.json", "results.txt",
                                         "ballots/coat-drive.txt", "ballots/bylaws.txt"};
    for (size_t i = 0; i < sizeof stable / sizeof stable[0]; i++) {
        char pa[EXPORT_PATH_MAX + 64], pb[EXPORT_PATH_MAX + 64];
        size_t la = 0, lb = 0;
        snprintf(pa, sizeof pa, "%s/%s", b1, stable[i]);
        snprintf(pb, sizeof pb, "%s/%s", b2, stable[i]);
        char *x = tf_slurp(pa, &la), *y = tf_slurp(pb, &lb);
        CHECK_MSG(x && y && la == lb && !memcmp(x, y, la), "%s changed", stable[i]);
        free(x);
        free(y);
    }
    size_t l1 = 0, l2 = 0;
    snprintf(path, sizeof path, "%s/events.log", b1);
    char *ev1 = tf_slurp(path, &l1);
    snprintf(path, sizeof path, "%s/events.log", b2);
    char *ev2 = tf_slurp(path, &l2);
    CHECK(ev1 && ev2 && l2 > l1 && !memcmp(ev1, ev2, l1));
    CHECK(ev1 && count_lines(ev1) == 7 && strstr(ev1, "\n7 exported 2 "));
    CHECK(ev2 && strstr(ev2, "\n8 exported 2 "));

    /* Close garden: the next bundle extends the first. */
    set_state(&f, "garden", PROP_CLOSED);
    snprintf(out3, sizeof out3, "%s/bundle3", root);
    CHECK_INT(do_export(&f, out3, &sum, &err), AS_OK);
    snprintf(b3, sizeof b3, "%s", sum.path);
    CHECK_INT(run_in(b3, "sha256sum --quiet -c manifest.txt 2>&1"), 0);
    check_signature(b3, pk);
    snprintf(path, sizeof path, "%s/results.txt", b3);
    char *res3 = tf_slurp(path, NULL);
    if (res && res3) {
        /* the closed blocks of bundle 1 reappear unchanged */
        char *cut = strstr(res, "\n\nproposal garden");
        CHECK(cut != NULL);
        if (cut) {
            cut[2] = '\0';
            CHECK(!strncmp(res, res3, strlen(res)));
        }
        CHECK(strstr(res3, "proposal garden\nmethod yes-no-abstain\nthreshold 3/5 at-least\n"
                           "state closed\nchecked-in 4\nquorum 3\nballots 2\nyes 1\nno 1\n"
                           "abstain 0\noutcome not-passed\nroot "));
    }
    snprintf(path, sizeof path, "%s/events.log", b3);
    size_t l3 = 0;
    char *ev3 = tf_slurp(path, &l3);
    CHECK(ev2 && ev3 && l3 > l2 && !memcmp(ev2, ev3, l2));
    CHECK(ev3 && strstr(ev3, "\n9 closed garden 4 2 ") && strstr(ev3, "\n10 exported 3 "));
    /* No ballot id anywhere but the ballot lists. */
    {
        snprintf(path, sizeof path, "%s/ballots/garden.txt", b3);
        char *gl = tf_slurp(path, NULL);
        int leaks = 0;
        for (char *p = gl; p && *p; p = strchr(p, '\n') + 1) {
            char id[33];
            snprintf(id, sizeof id, "%.32s", p);
            if (strstr(ev3, id) || strstr(res3, id))
                leaks++;
        }
        CHECK(gl != NULL);
        CHECK_INT(leaks, 0);
        free(gl);
    }
    free(res);
    free(res3);
    free(ev1);
    free(ev2);
    free(ev3);
    sodium_memzero(sk, sizeof sk);
    sodium_memzero(sk2, sizeof sk2);

    /* A damaged key is refused, never silently replaced. */
    snprintf(path, sizeof path, "%s/device.key", f.dir);
    spit(path, "short");
    CHECK_INT(export_device_key(f.dir, pk, sk, &err), AS_ECORRUPT);
    CHECK(strstr(err.msg, "device.key") != NULL);
    close_fixture(&f);
}

static void test_render(void)
{
    fixture f;
    if (!open_fixture(&f, "data-render"))
        return;
    export_figures fig[4] = {{0}};
    /* One of the three who came has left: present 2, attended 3. */
    export_attendance a = {.roster = 3, .checked_in = 2, .quorum = 3, .attended = 3};
    char *out = NULL;
    size_t len = 0;
    as_err err = {{0}};
    fig[0].state = PROP_CLOSED;
    fig[0].checked_in = 3;
    fig[0].quorum = 3;
    fig[0].ballots = 3;
    fig[0].yes = 2;
    fig[0].no = 1;
    fig[1].state = PROP_CLOSED; /* quorum not met at close: not passed */
    fig[1].checked_in = 2;
    fig[1].quorum = 3;
    fig[1].ballots = 2;
    fig[1].yes = 2;
    fig[2].state = PROP_OPEN;
    fig[3].state = PROP_DRAFT;
    CHECK_INT(export_render_results_txt(f.m, fig, &out, &len, &err), AS_OK);
    CHECK(out && strlen(out) == len);
    CHECK(out && strstr(out, "ballots 3\nyes 2\nno 1\nabstain 0\noutcome passed\nroot "
                             "0000000000000000000000000000000000000000000000000000000000000000\n"));
    CHECK(out && strstr(out, "checked-in 2\nquorum 3\nballots 2\nyes 2\nno 0\nabstain 0\n"
                             "outcome not-passed\n"));
    free(out);
    CHECK_INT(export_render_attendance_txt(&a, &out, &len, &err), AS_OK);
    CHECK_STR(out, "roster 3\nchecked-in 2\nattended 3\nquorum 3\n");
    free(out);
    CHECK_INT(export_render_results_json(f.m, fig, &a, &out, &len, &err), AS_OK);
    CHECK(out && json_ok(out));
    free(out);
    CHECK_INT(export_render_results_csv(f.m, fig, &a, &out, &len, &err), AS_OK);
    CHECK(out && strstr(out, ",closed,two-thirds,2,0,0,2,not passed,2,3,no,"));
    free(out);
    fig[3].state = (prop_state)7;
    CHECK_INT(export_render_results_txt(f.m, fig, &out, &len, &err), AS_EINVAL);
    CHECK(out == NULL);
    close_fixture(&f);
}

int main(void)
{
    if (sodium_init() < 0) {
        fprintf(stderr, "sodium_init failed\n");
        return 1;
    }
    snprintf(root, sizeof root, "/tmp/as-export-XXXXXX");
    if (!mkdtemp(root)) {
        perror("mkdtemp");
        return 1;
    }
    test_full_export();
    test_order_independent();
    test_progress();
    test_bundle();
    test_render();
    test_refusals();
    test_meeting_copy_and_quorum();
    test_cli();
    if (getenv("AS_EXPORT_KEEP")) /* to look at the files by hand */
        printf("kept %s\n", root);
    else
        rm_rf(root);
    return check_done();
}
