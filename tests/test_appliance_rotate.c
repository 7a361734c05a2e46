/* test_appliance_rotate.c: --rotate 0|90|180|270.
 *
 * 1. The mapping from panel pixels to layout pixels, at the four corners
 *    of an 800x480 panel in every rotation (expected values worked out by
 *    hand), both ways round on a small odd-sized panel, and clamping.
 * 2. The real kiosk on a turned panel: tests/replay/rotate-*.replay open
 *    a vote and cast "Yes" by touching the panel where each button is
 *    shown; the store then holds exactly that ballot.
 * 3. What the panel shows: every panel pixel of a turned screenshot is
 *    the layout's pixel that the mapping names (layout drawn unturned at
 *    the turned size for comparison), so drawing and touch agree.
 * 4. Touches at panel coordinates computed here, not by the kiosk: on the
 *    fault screen (a damaged data folder), a touch where "Shut down" is
 *    shown on the turned panel ends the kiosk, and one at the mirrored
 *    spot does not. */
#include "test_appliance_util.h"
#include <cairo.h>
#include "check.h"
#include "meeting.h"
#include "platform.h"
#include "store_sqlite.h"
#include "ui_fault.h"

#define FLOW AS_TEST_DATA "/flow"
#define REPLAY AS_TEST_DATA "/../replay"

static char *tmp;

/* 1. corners --------------------------------------------------------- */

static void corner(int rot, int px, int py, int wx, int wy)
{
    int lx = -1, ly = -1;
    platform_panel_to_logical(rot, 800, 480, px, py, &lx, &ly);
    CHECK_MSG(lx == wx && ly == wy,
              "rotate %d: panel (%d,%d) -> (%d,%d), expected (%d,%d)", rot, px,
              py, lx, ly, wx, wy);
}

static void test_corners(void)
{
    /* 0: the identity on an 800x480 layout. */
    corner(0, 0, 0, 0, 0);
    corner(0, 799, 0, 799, 0);
    corner(0, 0, 479, 0, 479);
    corner(0, 799, 479, 799, 479);
    /* 90 clockwise: the 480x800 layout's top-left is the panel's top-right,
     * its top-right the panel's bottom-right. */
    corner(90, 799, 0, 0, 0);
    corner(90, 799, 479, 479, 0);
    corner(90, 0, 0, 0, 799);
    corner(90, 0, 479, 479, 799);
    /* 180: upside down on an 800x480 layout. */
    corner(180, 799, 479, 0, 0);
    corner(180, 0, 479, 799, 0);
    corner(180, 799, 0, 0, 479);
    corner(180, 0, 0, 799, 479);
    /* 270 clockwise: the layout's top-left is the panel's bottom-left. */
    corner(270, 0, 479, 0, 0);
    corner(270, 0, 0, 479, 0);
    corner(270, 799, 479, 0, 799);
    corner(270, 799, 0, 479, 799);
    /* Off the panel: clamped to the nearest edge pixel. */
    corner(90, 900, -5, 0, 0);
    corner(0, -1, 10000, 0, 479);

    /* Both ways round, every pixel of an odd-sized panel. */
    static const int rots[] = {0, 90, 180, 270};
    for (int r = 0; r < 4; r++) {
        int rot = rots[r], pw = 7, ph = 5, bad = 0;
        int lw = rot % 180 ? ph : pw, lh = rot % 180 ? pw : ph;
        for (int py = 0; py < ph; py++)
            for (int px = 0; px < pw; px++) {
                int lx, ly, qx, qy;
                platform_panel_to_logical(rot, pw, ph, px, py, &lx, &ly);
                platform_logical_to_panel(rot, lw, lh, lx, ly, &qx, &qy);
                if (lx < 0 || ly < 0 || lx >= lw || ly >= lh || qx != px || qy != py)
                    bad++;
            }
        CHECK_MSG(bad == 0, "rotate %d: %d pixels do not map back", rot, bad);
    }
    CHECK(platform_rotation_ok(270) && !platform_rotation_ok(45) &&
          !platform_rotation_ok(-90) && !platform_rotation_ok(360));
}

/* 2. votes through the turned panel ---------------------------------- */

static int kiosk(const char *data, const char *window, int rot, const char *script,
                 const char *shots)
{
    char path[512], rs[8];
    snprintf(path, sizeof path, "%s/%s", REPLAY, script);
    snprintf(rs, sizeof rs, "%d", rot);
    char *argv[] = {"asamblea", "kiosk", "--meeting", FLOW "/meeting.yaml",
                    "--data", (char *)data, "--window", (char *)window,
                    "--dpi", "133", "--rotate", rs, "--replay", path,
                    "--shots", (char *)shots, NULL};
    return ap_run(argv, NULL);
}

static void test_votes(const meeting *m)
{
    static const int rots[] = {0, 90, 180, 270};
    for (int r = 0; r < 4; r++) {
        char data[300], shots[300];
        snprintf(data, sizeof data, "%s/data-%d", tmp, rots[r]);
        snprintf(shots, sizeof shots, "%s/shots-%d", tmp, rots[r]);
        mkdir(shots, 0700);
        CHECK_INT(kiosk(data, "800x480", rots[r], "rotate-open.replay", shots), 0);
        CHECK_INT(kiosk(data, "800x480", rots[r], "rotate-vote.replay", shots), 0);
        store *s;
        as_err err;
        int64_t c[3] = {0, 0, 0}, voted = 0;
        CHECK(store_open(data, m->sha256, &s, &err) == AS_OK);
        CHECK(store_counts(s, m->props[0].id, c, 3, &err) == AS_OK);
        CHECK(store_voted_count(s, m->props[0].id, &voted, &err) == AS_OK);
        CHECK_MSG(c[0] == 1 && c[1] == 0 && c[2] == 0 && voted == 1,
                  "rotate %d: yes %lld no %lld abstain %lld voted %lld", rots[r],
                  (long long)c[0], (long long)c[1], (long long)c[2],
                  (long long)voted);
        store_free(s);
    }
}

/* 3. pixels ------------------------------------------------------------ */

/* same_picture: panel shot (rotated by rot) against the layout drawn
 * unturned; returns the number of differing pixels, -1 if unreadable. */
static long same_picture(const char *panel_png, const char *logical_png, int rot)
{
    cairo_surface_t *a = cairo_image_surface_create_from_png(panel_png);
    cairo_surface_t *b = cairo_image_surface_create_from_png(logical_png);
    long diff = -1;
    if (cairo_surface_status(a) == CAIRO_STATUS_SUCCESS &&
        cairo_surface_status(b) == CAIRO_STATUS_SUCCESS) {
        int pw = cairo_image_surface_get_width(a), ph = cairo_image_surface_get_height(a);
        int lw = cairo_image_surface_get_width(b), lh = cairo_image_surface_get_height(b);
        int sa = cairo_image_surface_get_stride(a), sb = cairo_image_surface_get_stride(b);
        const unsigned char *da = cairo_image_surface_get_data(a);
        const unsigned char *db = cairo_image_surface_get_data(b);
        int sideways = rot == 90 || rot == 270;
        if ((sideways ? lh : lw) == pw && (sideways ? lw : lh) == ph) {
            diff = 0;
            for (int py = 0; py < ph; py++)
                for (int px = 0; px < pw; px++) {
                    /* The test's own inverse of a clockwise turn. */
                    int lx = rot == 90 ? py : rot == 180 ? pw - 1 - px
                             : rot == 270 ? ph - 1 - py : px;
                    int ly = rot == 90 ? pw - 1 - px : rot == 180 ? ph - 1 - py
                             : rot == 270 ? px : py;
                    uint32_t pa, pb;
                    memcpy(&pa, da + (size_t)py * (size_t)sa + 4 * (size_t)px, 4);
                    memcpy(&pb, db + (size_t)ly * (size_t)sb + 4 * (size_t)lx, 4);
                    diff += pa != pb;
                }
        } else {
            fprintf(stderr, "%s is %dx%d, %s is %dx%d\n", panel_png, pw, ph,
                    logical_png, lw, lh);
        }
    }
    cairo_surface_destroy(a);
    cairo_surface_destroy(b);
    return diff;
}

static void test_pixels(void)
{
    static const int rots[] = {90, 180, 270};
    static const char *names[] = {"rotated-idle", "rotated-review"};
    char data[300], flat_tall[300], flat_wide[300];
    /* The layouts unturned: 480x800 (for 90 and 270) and 800x480. */
    snprintf(flat_tall, sizeof flat_tall, "%s/flat-480x800", tmp);
    snprintf(flat_wide, sizeof flat_wide, "%s/shots-0", tmp);
    mkdir(flat_tall, 0700);
    snprintf(data, sizeof data, "%s/data-flat", tmp);
    CHECK_INT(kiosk(data, "480x800", 0, "rotate-open.replay", flat_tall), 0);
    CHECK_INT(kiosk(data, "480x800", 0, "rotate-vote.replay", flat_tall), 0);
    for (int r = 0; r < 3; r++)
        for (int n = 0; n < 2; n++) {
            char a[400], b[400];
            snprintf(a, sizeof a, "%s/shots-%d/%s.png", tmp, rots[r], names[n]);
            snprintf(b, sizeof b, "%s/%s.png", rots[r] == 180 ? flat_wide : flat_tall,
                     names[n]);
            long d = same_picture(a, b, rots[r]);
            CHECK_MSG(d == 0, "rotate %d, %s: %ld pixels differ from the turned "
                      "layout", rots[r], names[n], d);
        }
}

/* 4. hand-computed touches on the fault screen ------------------------ */

static int fw(void *ud, const char *s, size_t n, int px, int bold)
{
    (void)ud; (void)s; (void)bold;
    return (int)n * px / 2;
}

static int fl(void *ud, int px)
{
    (void)ud;
    return px * 4 / 3;
}

/* shutdown_center: the middle of "Shut down" in a w x h layout. */
static void shutdown_center(int w, int h, int *x, int *y)
{
    ui_metrics mx = {NULL, fw, fl, 0.714};
    ui_fault_info fi = {AS_ECORRUPT, "x/meeting.db: damaged", "x"};
    dl_list l;
    const dl_item *it = NULL;
    dl_init(&l);
    ui_fault_build(&mx, 133, &fi, w, h, &l);
    CHECK_INT(dl_find_label(&l, "Shut down", &it), 1);
    *x = it ? it->r.x + it->r.w / 2 : 0;
    *y = it ? it->r.y + it->r.h / 2 : 0;
    dl_free(&l);
}

static void test_fault_touch(void)
{
    static const int rots[] = {0, 90, 180, 270};
    char data[300], mdb[400], script[300], text[4096];
    snprintf(data, sizeof data, "%s/damaged", tmp);
    mkdir(data, 0700);
    snprintf(mdb, sizeof mdb, "%s/meeting.db", data);
    for (size_t i = 0; i < sizeof text - 1; i++)
        text[i] = "minutes of the assembly\n"[i % 24];
    text[sizeof text - 1] = '\0';
    ap_write(mdb, text);
    snprintf(script, sizeof script, "%s/fault-touch.replay", tmp);
    for (int r = 0; r < 4; r++) {
        int rot = rots[r], lw = rot % 180 ? 480 : 800, lh = rot % 180 ? 800 : 480;
        int lx, ly, px, py, mx, my;
        shutdown_center(lw, lh, &lx, &ly);
        /* Logical -> panel for a clockwise turn, written out here. */
        px = rot == 90 ? lh - 1 - ly : rot == 180 ? lw - 1 - lx : rot == 270 ? ly : lx;
        py = rot == 90 ? lx : rot == 180 ? lh - 1 - ly : rot == 270 ? lw - 1 - lx : ly;
        /* The same spot mirrored through the panel's centre: not the
         * button (it is at one edge of the layout). */
        mx = 799 - px;
        my = 479 - py;
        char s[512];
        snprintf(s, sizeof s,
                 "expect \"Do not vote on this kiosk\"\n"
                 "touch %d,%d\nexpect \"Do not vote on this kiosk\"\n"
                 "touch %d,%d\n"
                 "expect \"this line runs only if the touch missed\"\n",
                 mx, my, px, py);
        ap_write(script, s);
        char rs[8], *argv[] = {"asamblea", "kiosk", "--meeting", FLOW "/meeting.yaml",
                               "--data", data, "--window", "800x480", "--dpi", "133",
                               "--rotate", rs, "--replay", script, NULL};
        snprintf(rs, sizeof rs, "%d", rot);
        char errp[300];
        snprintf(errp, sizeof errp, "%s/fault-stderr", tmp);
        /* 10: the Shut down status (1 would be the script's last line). */
        CHECK_MSG(ap_run(argv, errp) == 10, "rotate %d: touching (%d,%d) on the "
                  "panel did not shut the fault screen down", rot, px, py);
    }
}

/* Bad --rotate values: one line, status 2. */
static void test_bad_values(void)
{
    static const char *bad[] = {"45", "-90", "360", "ninety", "", "90x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char errp[300];
        snprintf(errp, sizeof errp, "%s/bad-stderr", tmp);
        char *argv[] = {"asamblea", "demo", "--rotate", (char *)bad[i], NULL};
        CHECK_INT(ap_run(argv, errp), 2);
        long len;
        char *e = ap_slurp(errp, &len);
        CHECK(e && strstr(e, "--rotate takes 0, 90, 180 or 270"));
        CHECK_MSG(e && strchr(e, '\n') == e + len - 1, "not one line: %s", e ? e : "");
        free(e);
    }
}

int main(void)
{
    diag_list diag;
    meeting *m = NULL;
    tmp = ap_mkdtemp();
    test_corners();
    test_bad_values();
    diag_init(&diag);
    CHECK(meeting_load(FLOW "/meeting.yaml", &m, &diag) == AS_OK);
    if (m) {
        test_votes(m);
        test_pixels();
    }
    test_fault_touch();
    meeting_free(m);
    diag_free(&diag);
    ap_rm_rf(tmp);
    free(tmp);
    return check_done();
}
