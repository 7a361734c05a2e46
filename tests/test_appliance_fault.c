/* test_appliance_fault.c: a kiosk whose data cannot be trusted shows the
 * fault screen instead of voting, and leaves the files alone.
 *
 * Through the real binary (SDL offscreen, real files): a meeting.db that
 * is not a database, a ballots.db with a scrambled page (made the way
 * test_store_damage.c makes damage), and a data folder of another meeting.
 * For each: the screen says do not vote / call an organizer / what and
 * which file / which commands help; a screenshot is taken; badges scanned
 * there open nothing; "Shut down" ends it with the Shut down status (10,
 * the only one the appliance powers off on) and Escape, a keyboard's key,
 * with status 0; every
 * file's bytes and mtime are unchanged and the store still refuses the
 * folder.  A live fault screen tells systemd READY (with a STATUS saying
 * so) and stops on SIGTERM with status 0.  In process: the screen keeps
 * the accessibility rules (cap height, contrast, target size, nothing off
 * screen, the essentials present) at the supported panel sizes. */
#include "test_appliance_util.h"
#include <dirent.h>
#include <cairo.h>
#include "check.h"
#include "meeting.h"
#include "platform.h"
#include "store_sqlite.h"
#include "ui.h"
#include "ui_fault.h"

#define FLOW AS_TEST_DATA "/flow"
#define REPLAY AS_TEST_DATA "/../replay"

static char *tmp;

/* --- snapshots of a data folder -------------------------------------- */

#define MAXF 32
typedef struct {
    int n;
    char name[MAXF][256];
    char *bytes[MAXF];
    long len[MAXF];
    struct timespec mtime[MAXF];
} snap;

static void snap_take(const char *dir, snap *s)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    memset(s, 0, sizeof *s);
    while (d && (e = readdir(d)) != NULL && s->n < MAXF) {
        char path[600];
        struct stat sb;
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
            continue;
        snprintf(s->name[s->n], sizeof s->name[0], "%s", e->d_name);
        s->bytes[s->n] = ap_slurp(path, &s->len[s->n]);
        s->mtime[s->n] = sb.st_mtim;
        s->n++;
    }
    if (d)
        closedir(d);
}

static void snap_free(snap *s)
{
    for (int i = 0; i < s->n; i++)
        free(s->bytes[i]);
}

/* snap_same: the same files, bytes and mtimes (order from readdir may
 * differ: match by name). */
static int snap_same(const snap *a, const snap *b, const char *what)
{
    int ok = a->n == b->n;
    for (int i = 0; ok && i < a->n; i++) {
        int j = 0;
        while (j < b->n && strcmp(a->name[i], b->name[j]) != 0)
            j++;
        if (j == b->n || a->len[i] != b->len[j] ||
            memcmp(a->bytes[i], b->bytes[j], (size_t)a->len[i]) != 0 ||
            a->mtime[i].tv_sec != b->mtime[j].tv_sec ||
            a->mtime[i].tv_nsec != b->mtime[j].tv_nsec) {
            fprintf(stderr, "%s: %s changed\n", what, a->name[i]);
            ok = 0;
        }
    }
    if (a->n != b->n)
        fprintf(stderr, "%s: %d files before, %d after\n", what, a->n, b->n);
    return ok;
}

/* --- damage ----------------------------------------------------------- */

static void flip_page(const char *path, long page, long size)
{
    long len;
    char *raw = ap_slurp(path, &len);
    CHECK(raw && len >= (page + 1) * size);
    if (raw && len >= (page + 1) * size) {
        /* A b-tree page's first byte is its type; 0x00 is not one. */
        for (int i = 0; i < 8; i++)
            raw[page * size + i] ^= 0x5a;
        raw[page * size] = 0;
        FILE *f = fopen(path, "wb");
        fwrite(raw, 1, (size_t)len, f);
        fclose(f);
    }
    free(raw);
}

static int kiosk_replay(const char *mfile, const char *data, const char *script,
                        const char *shots, const char *errp)
{
    char *argv[] = {"asamblea", "kiosk", "--meeting", (char *)mfile, "--data",
                    (char *)data, "--window", "800x480", "--dpi", "133",
                    "--replay", (char *)script, "--shots", (char *)shots, NULL};
    return ap_run(argv, errp);
}

/* healthy: a data folder where a vote was opened and cast. */
static void healthy(const char *data)
{
    char shots[400];
    snprintf(shots, sizeof shots, "%s/healthy-shots", tmp);
    mkdir(shots, 0700);
    CHECK_INT(kiosk_replay(FLOW "/meeting.yaml", data, REPLAY "/rotate-open.replay",
                           shots, NULL), 0);
    CHECK_INT(kiosk_replay(FLOW "/meeting.yaml", data, REPLAY "/rotate-vote.replay",
                           shots, NULL), 0);
}

/* png_size: 1 if path is a PNG of w x h. */
static int png_size(const char *path, int w, int h)
{
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    int ok = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS &&
             cairo_image_surface_get_width(s) == w &&
             cairo_image_surface_get_height(s) == h;
    cairo_surface_destroy(s);
    return ok;
}

/* fault_case: runs the fault screen on data with meeting and checks it;
 * (mfile); what: the screen's label of the problem; file: the file it names;
 * want: store_open's status; how: "tap" or "Escape". */
static void fault_case(const char *name, const char *mfile, const char *data,
                       const char *what, const char *file, as_status want,
                       const char *how)
{
    char script[400], shots[400], shot[500], errp[400], s[2048];
    snap before, after;
    snprintf(script, sizeof script, "%s/%s.replay", tmp, name);
    snprintf(shots, sizeof shots, "%s/shots-%s", tmp, name);
    snprintf(shot, sizeof shot, "%s/fault.png", shots);
    snprintf(errp, sizeof errp, "%s/%s.stderr", tmp, name);
    snprintf(s, sizeof s,
             "expect \"Do not vote on this kiosk\"\n"
             "expect \"Call an organizer\"\n"
             "expect \"%s\"\nexpect \"%s\"\n"
             "expect \"asamblea verify\"\nexpect \"new --data folder\"\n"
             "shot fault\n"
             "# Badges open nothing here, nor does Enter.\n"
             "scan KTQQYK-VN7BTZ-XGPSKT\n"
             "expect \"Do not vote on this kiosk\"\n"
             "expect-not \"Choose your language\"\n"
             "scan R9ZZAT-W42RED-Z3Y67R\nkey Enter\nkey Backspace\n"
             "expect-not \"Facilitator\"\nexpect-not \"Open voting\"\n"
             "expect \"Do not vote on this kiosk\"\n"
             "%s\n"
             "expect \"this line runs only if the kiosk did not stop\"\n",
             what, file,
             strcmp(how, "tap") == 0 ? "tap \"Shut down\"" : "key Escape");
    ap_write(script, s);
    snap_take(data, &before);
    CHECK(before.n > 0);
    int rc = kiosk_replay(mfile, data, script, shots, errp);
    int want_rc = strcmp(how, "tap") == 0 ? 10 : 0;
    CHECK_MSG(rc == want_rc, "%s: exit status %d after %s, expected %d", name,
              rc, how, want_rc);
    CHECK_MSG(png_size(shot, 800, 480), "%s: no 800x480 screenshot at %s", name, shot);
    snap_take(data, &after);
    CHECK_MSG(snap_same(&before, &after, name), "%s: the data folder changed", name);
    snap_free(&before);
    snap_free(&after);
    /* stderr: the store's one line, naming the file. */
    long len;
    char *e = ap_slurp(errp, &len);
    CHECK_MSG(e && strstr(e, file) && strchr(e, '\n') == e + len - 1,
              "%s: stderr should be one line naming %s: %s", name, file, e ? e : "");
    free(e);
    /* Still refused, for the same reason: nothing was repaired or reset. */
    diag_list diag;
    meeting *m = NULL;
    store *st = NULL;
    as_err err;
    diag_init(&diag);
    CHECK(meeting_load(mfile, &m, &diag) == AS_OK);
    if (m) {
        as_status got = store_open(data, m->sha256, &st, &err);
        CHECK_MSG(got == want, "%s: store_open gives %d, expected %d", name,
                  (int)got, (int)want);
        store_free(st);
    }
    meeting_free(m);
    diag_free(&diag);
}

static void test_damage(void)
{
    char data[400], path[500], other[400], text[4096];

    /* A meeting.db that is not a database. */
    snprintf(data, sizeof data, "%s/not-a-db", tmp);
    mkdir(data, 0700);
    snprintf(path, sizeof path, "%s/meeting.db", data);
    for (size_t i = 0; i < sizeof text - 1; i++)
        text[i] = "minutes of the assembly\n"[i % 24];
    text[sizeof text - 1] = '\0';
    ap_write(path, text);
    fault_case("not-a-db", FLOW "/meeting.yaml", data, "Damaged file:",
               "meeting.db", AS_ECORRUPT, "tap");

    /* A real store with a vote in it, then one page of ballots.db
     * scrambled. */
    snprintf(data, sizeof data, "%s/ballots-page", tmp);
    healthy(data);
    snprintf(path, sizeof path, "%s/ballots.db", data);
    flip_page(path, 1, 4096);
    fault_case("ballots-page", FLOW "/meeting.yaml", data, "Damaged file:",
               "ballots.db", AS_ECORRUPT, "Escape");

    /* A healthy folder of the flow meeting, started with another meeting
     * file (same roster, another title). */
    snprintf(data, sizeof data, "%s/other-meeting", tmp);
    healthy(data);
    snprintf(other, sizeof other, "%s/other", tmp);
    mkdir(other, 0700);
    long len;
    char *y = ap_slurp(FLOW "/meeting.yaml", &len), *r = ap_slurp(FLOW "/roster.csv", &len);
    char *t = y ? strstr(y, "Flow test assembly") : NULL;
    CHECK(t && r);
    if (t && r) {
        memcpy(t, "Flow TEST assembly", 18);
        snprintf(path, sizeof path, "%s/meeting.yaml", other);
        ap_write(path, y);
        snprintf(path, sizeof path, "%s/roster.csv", other);
        ap_write(path, r);
        snprintf(path, sizeof path, "%s/meeting.yaml", other);
        fault_case("other-meeting", path, data, "Data of a different meeting:",
                   "other-meeting", AS_EMISMATCH, "tap");
    }
    free(y);
    free(r);
}

/* A live fault screen under a service manager: READY with a STATUS that
 * says why, then SIGTERM: STOPPING and status 0. */
static void test_live(void)
{
    char data[400], sock[400], buf[4096], errp[400];
    snap before, after;
    int ready = 0, status_says = 0, stopping = 0;
    snprintf(data, sizeof data, "%s/not-a-db", tmp);
    snprintf(errp, sizeof errp, "%s/live.stderr", tmp);
    int fd = ap_notify_open(tmp, sock, sizeof sock);
    snap_take(data, &before);
    char *argv[] = {"asamblea", "kiosk", "--meeting", FLOW "/meeting.yaml",
                    "--data", data, "--window", "800x480", "--dpi", "133", NULL};
    pid_t pid = ap_spawn(argv, errp, sock, "2000000", 0);
    while (!ready && ap_notify_recv(fd, buf, sizeof buf, 60000) > 0) {
        ready = strstr(buf, "READY=1") != NULL;
        status_says = strstr(buf, "STATUS=") && strstr(buf, "voting is off");
    }
    CHECK(ready);
    CHECK(status_says);
    CHECK_INT(kill(pid, SIGTERM), 0);
    while (!stopping && ap_notify_recv(fd, buf, sizeof buf, 60000) > 0)
        stopping = strstr(buf, "STOPPING=1") != NULL;
    CHECK(stopping);
    CHECK_INT(ap_wait(pid), 0);
    snap_take(data, &after);
    CHECK(snap_same(&before, &after, "live"));
    snap_free(&before);
    snap_free(&after);
    close(fd);
}

/* --- accessibility, in process ----------------------------------------- */

typedef struct {
    int w, h;
    double dpi;
} res;

static void check_rules(const ui_metrics *mx, const res *r, const ui_fault_info *f)
{
    dl_list l;
    int buttons = 0, bad = 0;
    double min_cap = UI_MIN_CAP_MM * r->dpi / 25.4;
    double min_target = UI_MIN_TARGET_MM * r->dpi / 25.4;
    dl_rect btn = {0, 0, 0, 0};
    dl_init(&l);
    ui_fault_build(mx, r->dpi, f, r->w, r->h, &l);
    CHECK(!l.oom);
    for (int i = 0; i < l.n; i++) {
        const dl_item *it = &l.items[i];
        if (it->role == DL_ROLE_BUTTON) {
            buttons++;
            btn = it->r;
            if (it->r.w < min_target || it->r.h < min_target)
                bad++;
        }
        if (it->r.x < 0 || it->r.y < 0 || it->r.x + it->r.w > r->w ||
            it->r.y + it->r.h > r->h)
            bad++;
        if (it->kind != DL_TEXT)
            continue;
        int tw = mx->text_width(mx->ud, it->text, strlen(it->text), it->font_px,
                                it->bold);
        if (it->font_px * mx->cap_ratio < min_cap - 0.01 ||
            ui_contrast(it->color, it->bg) < UI_MIN_CONTRAST ||
            it->r.x + tw > r->w) {
            fprintf(stderr, "%dx%d: \"%s\" breaks a rule\n", r->w, r->h, it->text);
            bad++;
        }
    }
    /* No text runs into the button (except its own label). */
    for (int i = 0; i < l.n; i++) {
        const dl_item *it = &l.items[i];
        if (it->kind == DL_TEXT && it->color != 0xFFFFFFu &&
            it->r.y + it->r.h > btn.y)
            bad++;
    }
    CHECK_MSG(bad == 0, "%dx%d at %.0f dpi: %d rule breaks", r->w, r->h, r->dpi, bad);
    CHECK_INT(buttons, 1);
    const dl_item *first = NULL;
    CHECK_INT(dl_find_label(&l, "Shut down", &first), 1);
    static const char *must[] = {"Do not vote on this kiosk", "Call an organizer",
                                 "meeting.db", "asamblea verify", "new --data folder"};
    for (size_t i = 0; i < sizeof must / sizeof must[0]; i++)
        CHECK_MSG(dl_has_text(&l, must[i]), "%dx%d: \"%s\" is not on screen", r->w,
                  r->h, must[i]);
    dl_free(&l);
}

static void test_a11y(void)
{
    /* 7" 800x480 (and turned), 7" 1024x600, Touch Display 2 (720x1280 and
     * turned), 8" 1024x768, 10" 1280x800, a 24" 1920x1080 monitor. */
    static const res rs[] = {{800, 480, 133}, {480, 800, 133}, {1024, 600, 170},
                             {720, 1280, 210}, {1280, 720, 210}, {1024, 768, 160},
                             {1280, 800, 150}, {1920, 1080, 92}};
    platform_config pc = {800, 480, 0, 0.0, 1, 0, 0, 0, 0};
    platform *p = NULL;
    as_err err;
    if (platform_new(&pc, &p, &err) != AS_OK) {
        CHECK_MSG(0, "platform_new: %s", err.msg);
        return;
    }
    ui_metrics mx = {p, platform_text_width, platform_line_height,
                     platform_cap_ratio(p)};
    ui_fault_info fs[] = {
        {AS_ECORRUPT, "/var/lib/assembly-kiosk/meeting.db: the database is damaged "
                      "(database disk image is malformed); keep this file for "
                      "inspection and start with a new --data directory",
         "/var/lib/assembly-kiosk"},
        {AS_EMISMATCH, "/var/lib/assembly-kiosk/meeting.db: this data directory "
                       "belongs to another meeting", "/var/lib/assembly-kiosk"},
        /* A path longer than any line: it must break, not run off. */
        {AS_EREADONLY, "/media/usb0/a-very-long-folder-name-that-someone-typed/"
                       "another-long-folder-name/meeting.db: not writable",
         "/media/usb0"},
    };
    for (size_t i = 0; i < sizeof rs / sizeof rs[0]; i++)
        for (size_t j = 0; j < sizeof fs / sizeof fs[0]; j++)
            check_rules(&mx, &rs[i], &fs[j]);
    CHECK_INT(ui_fault_is_fault(AS_ECORRUPT) + ui_fault_is_fault(AS_EMISMATCH) +
              ui_fault_is_fault(AS_EREADONLY), 3);
    CHECK_INT(ui_fault_is_fault(AS_EIO) + ui_fault_is_fault(AS_EFULL) +
              ui_fault_is_fault(AS_ENOENT), 0);
    platform_free(p);
}

int main(void)
{
    tmp = ap_mkdtemp();
    test_a11y();
    test_damage();
    test_live();
    if (geteuid() == 0)
        CHECK_SKIP("read-only data folder: root can write anyway "
                   "(test_store_damage covers AS_EREADONLY as another user)");
    ap_rm_rf(tmp);
    free(tmp);
    return check_done();
}
