/* test_scan.c: the QR decoding path of camera scanning, on images.
 *
 * The badge PNGs in tests/data/scan were written once by `asamblea badges
 * tests/data/flow/roster.csv --png DIR` (Ana Ruiz and Ben Okafor); their
 * tokens are in that roster.  Photo-like variants (half size, turned 5
 * degrees, noisy) are made here with cairo.  An EAN-13 barcode is drawn
 * from the EAN-13 tables and proved readable by zbar with every
 * symbology on, so that "the public API reports nothing" means the QR-only
 * configuration works.  The camera worker is driven by a fake frame source
 * (no V4L2 hardware here); opening /dev/null and a missing path are real. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cairo.h>
#include "check.h"
#include "scan.h"
#include "scan_internal.h"

#define ANA_TOKEN "KTQQYK-VN7BTZ-XGPSKT"
#define BEN_TOKEN "16YVND-EGGAWV-6ZP68N"
#define ANA_PNG AS_TEST_DATA "/scan/ana-ruiz.png"
#define BEN_PNG AS_TEST_DATA "/scan/ben-okafor.png"

typedef struct {
    int n;
    char text[4][256];
    size_t len[4];
} found;

static void collect(void *ud, const char *text, size_t len)
{
    found *f = ud;
    if (f->n < 4) {
        size_t k = len < 255 ? len : 255;
        memcpy(f->text[f->n], text, k);
        f->text[f->n][k] = '\0';
        f->len[f->n] = len;
    }
    f->n++;
}

static char work[] = "/tmp/as-test-scan-XXXXXX";

/* ---- images ---------------------------------------------------------- */

static cairo_surface_t *load(const char *path)
{
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    CHECK_MSG(cairo_surface_status(s) == CAIRO_STATUS_SUCCESS, "load %s", path);
    return s;
}

static found scan_surface(cairo_surface_t *s)
{
    found f = {0};
    as_err err;
    cairo_surface_flush(s);
    as_status st = scan_image_rgba((const uint32_t *)cairo_image_surface_get_data(s),
                                   cairo_image_surface_get_width(s),
                                   cairo_image_surface_get_height(s),
                                   cairo_image_surface_get_stride(s), collect, &f, &err);
    CHECK_INT(st, AS_OK);
    return f;
}

/* src drawn at scale, turned by deg around its centre, on white, then
 * (sigma > 0) noise of roughly that standard deviation added to every
 * channel: the sum of four uniform numbers, from a fixed seed. */
static cairo_surface_t *degrade(cairo_surface_t *src, double scale, double deg,
                                double sigma)
{
    int sw = cairo_image_surface_get_width(src), sh = cairo_image_surface_get_height(src);
    int w = (int)(sw * scale) + 40, h = (int)(sh * scale) + 40;
    cairo_surface_t *d = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(d);
    uint32_t seed = 12345;

    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_translate(cr, w / 2.0, h / 2.0);
    cairo_rotate(cr, deg * 3.14159265358979 / 180.0);
    cairo_scale(cr, scale, scale);
    cairo_translate(cr, -sw / 2.0, -sh / 2.0);
    cairo_set_source_surface(cr, src, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_paint(cr);
    cairo_destroy(cr);
    cairo_surface_flush(d);
    if (sigma > 0) {
        uint8_t *px = cairo_image_surface_get_data(d);
        int stride = cairo_image_surface_get_stride(d);
        for (int y = 0; y < h; y++) {
            uint32_t *row = (uint32_t *)(px + (size_t)y * (size_t)stride);
            for (int x = 0; x < w; x++) {
                uint32_t p = row[x], out = 0xff000000u;
                for (int c = 0; c < 3; c++) {
                    double sum = 0;
                    for (int k = 0; k < 4; k++) {
                        seed = seed * 1664525u + 1013904223u;
                        sum += (seed >> 8) / 16777216.0 - 0.5;
                    }
                    /* four uniforms of variance 1/12 each: sd 0.577 */
                    int v = (int)((p >> (8 * c)) & 0xff) + (int)(sum / 0.577 * sigma);
                    v = v < 0 ? 0 : v > 255 ? 255 : v;
                    out |= (uint32_t)v << (8 * c);
                }
                row[x] = out;
            }
        }
        cairo_surface_mark_dirty(d);
    }
    return d;
}

static void test_fixtures(void)
{
    found f = {0};
    as_err err;

    CHECK_INT(scan_png_file(ANA_PNG, collect, &f, &err), AS_OK);
    CHECK_INT(f.n, 1);
    CHECK_STR(f.text[0], ANA_TOKEN);
    memset(&f, 0, sizeof f);
    CHECK_INT(scan_png_file(BEN_PNG, collect, &f, &err), AS_OK);
    CHECK_INT(f.n, 1);
    CHECK_STR(f.text[0], BEN_TOKEN);
}

static void test_degraded(void)
{
    cairo_surface_t *src = load(ANA_PNG);
    static const struct {
        double scale, deg, sigma;
    } v[] = {
        {0.5, 0, 0}, {1, 5, 0},   {1, -5, 0}, {1, 0, 25},  {1, 0, 40},
        {1, 5, 25},  {0.5, 0, 25}, /* and all three at once, a phone photo: */
        {0.5, 5, 25}, {0.5, -5, 40},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        cairo_surface_t *d = degrade(src, v[i].scale, v[i].deg, v[i].sigma);
        found f = scan_surface(d);
        CHECK_MSG(f.n == 1 && !strcmp(f.text[0], ANA_TOKEN),
                  "scale %.1f, %.0f degrees, noise %.0f: %d codes", v[i].scale,
                  v[i].deg, v[i].sigma, f.n);
        cairo_surface_destroy(d);
    }
    cairo_surface_destroy(src);
}

/* ---- EAN-13 ---------------------------------------------------------- */

/* L-code of each digit (G is L reversed and inverted, R is L inverted),
 * and which of the left six digits use G, by the first digit. */
static const char *const ean_l[10] = {"0001101", "0011001", "0010011", "0111101",
                                      "0100011", "0110001", "0101111", "0111011",
                                      "0110111", "0001011"};
static const char *const ean_parity[10] = {"LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL",
                                           "LGLLGG", "LGGLLG", "LGGGLL", "LGLGLG",
                                           "LGLGGL", "LGGLGL"};

static void ean13_modules(const char *digits, char out[96])
{
    int n = 0;
    memcpy(out + n, "101", 3), n += 3;
    for (int i = 1; i <= 6; i++) {
        const char *l = ean_l[digits[i] - '0'];
        int g = ean_parity[digits[0] - '0'][i - 1] == 'G';
        for (int k = 0; k < 7; k++)
            out[n++] = g ? (l[6 - k] == '1' ? '0' : '1') : l[k];
    }
    memcpy(out + n, "01010", 5), n += 5;
    for (int i = 7; i <= 12; i++) {
        const char *l = ean_l[digits[i] - '0'];
        for (int k = 0; k < 7; k++)
            out[n++] = l[k] == '1' ? '0' : '1';
    }
    memcpy(out + n, "101", 3), n += 3;
}

static void test_ean13(void)
{
    const char *code = "4006381333931"; /* a real product code, valid check digit */
    char mod[96];
    int px = 3, quiet = 12, w = (95 + 2 * quiet) * px, h = 160;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(s);

    ean13_modules(code, mod);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (int i = 0; i < 95; i++)
        if (mod[i] == '1')
            cairo_rectangle(cr, (quiet + i) * px, 20, px, h - 40);
    cairo_fill(cr);
    cairo_destroy(cr);
    cairo_surface_flush(s);

    /* The drawing is a real EAN-13: zbar with its default symbologies
     * reads it (grey from the red channel: the image is black and white). */
    uint8_t *grey = malloc((size_t)w * (size_t)h);
    const uint8_t *px8 = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            grey[y * w + x] =
                (uint8_t)(((const uint32_t *)(px8 + (size_t)y * (size_t)stride))[x] >> 16);
    found all = {0};
    as_err err;
    CHECK_INT(scan_grey(grey, w, h, 0, collect, &all, NULL, &err), AS_OK);
    CHECK_INT(all.n, 1);
    CHECK_STR(all.text[0], code);
    free(grey);

    /* The public API reads QR codes only. */
    found qr = scan_surface(s);
    CHECK_INT(qr.n, 0);
    cairo_surface_destroy(s);
}

static void test_blank_and_args(void)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 640, 480);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_destroy(cr);
    found f = scan_surface(s);
    CHECK_INT(f.n, 0);
    cairo_surface_destroy(s);

    /* Fully transparent pixels are paper, not black. */
    uint32_t clear[16 * 16] = {0};
    as_err err;
    f.n = 0;
    CHECK_INT(scan_image_rgba(clear, 16, 16, 64, collect, &f, &err), AS_OK);
    CHECK_INT(f.n, 0);

    CHECK_INT(scan_image_rgba(clear, 16, 16, 60, collect, &f, &err), AS_EINVAL);
    CHECK(strstr(err.msg, "stride") != NULL);
    CHECK_INT(scan_image_rgba(clear, 0, 16, 64, collect, &f, &err), AS_EINVAL);
    CHECK_INT(scan_image_rgba(NULL, 16, 16, 64, collect, &f, &err), AS_EINVAL);
    CHECK_INT(scan_image_rgba(clear, 16, 16, 64, NULL, &f, &err), AS_EINVAL);
}

static void write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        CHECK_INT(fwrite(data, 1, n, f), n);
        fclose(f);
    }
}

static void test_bad_files(void)
{
    char path[512], dir[512];
    found f = {0};
    as_err err;
    FILE *in = fopen(ANA_PNG, "rb");
    static uint8_t buf[40000];
    size_t n = in ? fread(buf, 1, sizeof buf, in) : 0;
    if (in)
        fclose(in);
    CHECK(n > 2000);

    static const size_t cuts[] = {0, 8, 100, 2000};
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        snprintf(path, sizeof path, "%s/cut-%zu.png", work, cuts[i]);
        write_file(path, buf, cuts[i]);
        CHECK_INT(scan_png_file(path, collect, &f, &err), AS_EINVAL);
        CHECK_MSG(strstr(err.msg, path) != NULL && strstr(err.msg, "damaged"),
                  "%s", err.msg);
    }
    /* The whole file with its middle overwritten: the PNG's checksums. */
    snprintf(path, sizeof path, "%s/garbled.png", work);
    for (size_t i = 1000; i < n - 1000; i++)
        buf[i] = (uint8_t)(i * 7);
    write_file(path, buf, n);
    CHECK_INT(scan_png_file(path, collect, &f, &err), AS_EINVAL);
    CHECK(strstr(err.msg, path) != NULL);
    snprintf(path, sizeof path, "%s/text.png", work);
    write_file(path, "name,role,token\n", 16);
    CHECK_INT(scan_png_file(path, collect, &f, &err), AS_EINVAL);
    CHECK_INT(f.n, 0);

    snprintf(path, sizeof path, "%s/missing.png", work);
    CHECK_INT(scan_png_file(path, collect, &f, &err), AS_ENOENT);
    CHECK(strstr(err.msg, path) != NULL);
    snprintf(dir, sizeof dir, "%s/folder.png", work);
    CHECK_INT(mkdir(dir, 0700), 0);
    CHECK_INT(scan_png_file(dir, collect, &f, &err), AS_EINVAL);
    CHECK(strstr(err.msg, dir) != NULL);
    rmdir(dir);
}

/* ---- debounce -------------------------------------------------------- */

static void test_debounce(void)
{
    static scan_debounce d;
    const char *a = ANA_TOKEN, *b = BEN_TOKEN;

    scan_debounce_wipe(&d);
    CHECK_INT(scan_debounce_accept(&d, a, 20, 1000), 1);
    CHECK_INT(scan_debounce_accept(&d, a, 20, 1100), 0);
    /* Held in front of the camera for ten seconds: still one scan. */
    int extra = 0;
    for (uint64_t t = 1200; t <= 11000; t += 33)
        extra += scan_debounce_accept(&d, a, 20, t);
    CHECK_INT(extra, 0);
    /* A second badge in view at the same time is its own scan. */
    CHECK_INT(scan_debounce_accept(&d, b, 20, 11000), 1);
    CHECK_INT(scan_debounce_accept(&d, a, 20, 11010), 0);
    CHECK_INT(scan_debounce_accept(&d, b, 20, 11020), 0);
    /* Taken away: a is last seen at 11010; just under two seconds later
     * it is the same scan, at two seconds it is a new one (checking out). */
    CHECK_INT(scan_debounce_accept(&d, a, 20, 13009), 0);
    CHECK_INT(scan_debounce_accept(&d, a, 20, 15009), 1);
    /* A prefix or a different length is a different text. */
    CHECK_INT(scan_debounce_accept(&d, a, 19, 15010), 1);
    /* The empty text is a text like any other (reported once). */
    CHECK_INT(scan_debounce_accept(&d, "", 0, 15020), 1);
    CHECK_INT(scan_debounce_accept(&d, "", 0, 15030), 0);
    /* Many codes at once: the oldest slot is reused, the rest remembered. */
    char t[SCAN_DEBOUNCE_SLOTS + 1][8];
    for (int i = 0; i <= SCAN_DEBOUNCE_SLOTS; i++) {
        snprintf(t[i], sizeof t[i], "code%d", i);
        CHECK_INT(scan_debounce_accept(&d, t[i], strlen(t[i]), 20000 + (uint64_t)i), 1);
    }
    CHECK_INT(scan_debounce_accept(&d, t[SCAN_DEBOUNCE_SLOTS], 5, 20100), 0);
    CHECK_INT(scan_debounce_accept(&d, t[1], 5, 20100), 0);
    /* Longer than SCAN_TEXT_MAX: compared on its first SCAN_TEXT_MAX. */
    static char big[SCAN_TEXT_MAX + 100];
    memset(big, 'x', sizeof big);
    CHECK_INT(scan_debounce_accept(&d, big, sizeof big, 30000), 1);
    CHECK_INT(scan_debounce_accept(&d, big, SCAN_TEXT_MAX, 30001), 0);
    scan_debounce_wipe(&d);
    CHECK_INT(scan_debounce_accept(&d, a, 20, 30002), 1);
    scan_debounce_wipe(&d);
}

/* ---- camera ---------------------------------------------------------- */

static void test_open_errors(void)
{
    scan_camera *c = (scan_camera *)&c;
    as_err err;
    char path[512];

    CHECK_INT(scan_camera_open("/dev/null", &c, &err), AS_EINVAL);
    CHECK(c == NULL);
    CHECK_MSG(strstr(err.msg, "/dev/null") && strstr(err.msg, "/dev/video0"), "%s",
              err.msg);
    snprintf(path, sizeof path, "%s/video7", work);
    CHECK_INT(scan_camera_open(path, &c, &err), AS_ENOENT);
    CHECK_MSG(strstr(err.msg, path) && strstr(err.msg, "USB scanner"), "%s",
              err.msg);
    write_file(path, "x", 1);
    CHECK_INT(scan_camera_open(path, &c, &err), AS_EINVAL);
    CHECK(strstr(err.msg, path) != NULL);
    unlink(path);
    CHECK_INT(scan_camera_open("", &c, &err), AS_EINVAL);
    scan_camera_free(NULL);
}

/* A fake camera: the frames listed, each at its time, then "unplugged".
 * A NULL frame is a white picture. */
typedef struct {
    const uint8_t *badge;
    int w, h;
    const int *plan; /* 1 badge, 0 white, -1 end (unplugged), -2 idle forever */
    int i;
    uint64_t now;
    atomic_int closed;
} fake_cam;

static int fake_next(void *ud, int timeout_ms, zbar_image_t **img, char *msg,
                     size_t msgsize)
{
    fake_cam *f = ud;
    int what = f->plan[f->i];

    if (what == -1) {
        snprintf(msg, msgsize, "fake camera: unplugged");
        return -1;
    }
    if (what == -2) {
        usleep((useconds_t)timeout_ms * 1000u);
        return 0;
    }
    f->i++;
    f->now += 400; /* frames 400 ms apart: five badge frames span 2 s */
    size_t n = (size_t)f->w * (size_t)f->h;
    uint8_t *data = malloc(n);
    if (what == 1)
        memcpy(data, f->badge, n);
    else
        memset(data, 255, n);
    *img = zbar_image_create();
    zbar_image_set_format(*img, 0x30303859UL);
    zbar_image_set_size(*img, (unsigned)f->w, (unsigned)f->h);
    zbar_image_set_data(*img, data, n, zbar_image_free_data);
    return 1;
}

static uint64_t fake_now(void *ud)
{
    return ((fake_cam *)ud)->now;
}

static void fake_close(void *ud)
{
    atomic_store(&((fake_cam *)ud)->closed, 1);
}

static atomic_int wakes;
static void on_wake(void *ud)
{
    (void)ud;
    atomic_fetch_add(&wakes, 1);
}

static uint8_t *badge_grey(int *w, int *h)
{
    cairo_surface_t *s = load(ANA_PNG);
    cairo_surface_t *d = degrade(s, 0.5, 0, 0);
    *w = cairo_image_surface_get_width(d);
    *h = cairo_image_surface_get_height(d);
    uint8_t *g = malloc((size_t)*w * (size_t)*h);
    const uint8_t *px = cairo_image_surface_get_data(d);
    int stride = cairo_image_surface_get_stride(d);
    for (int y = 0; y < *h; y++)
        for (int x = 0; x < *w; x++)
            g[y * *w + x] =
                (uint8_t)(((const uint32_t *)(px + (size_t)y * (size_t)stride))[x] >> 8);
    cairo_surface_destroy(d);
    cairo_surface_destroy(s);
    return g;
}

static void test_camera_worker(void)
{
    /* Held for five frames (2 s), gone for six (2.4 s), shown again for
     * two, then the camera is unplugged: two scans, then the error. */
    static const int plan[] = {1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, -1};
    fake_cam f = {.plan = plan};
    scan_source src = {fake_next, fake_now, fake_close, &f};
    scan_camera *c = NULL;
    found got = {0};
    as_err err;
    as_status st = AS_OK;

    f.badge = badge_grey(&f.w, &f.h);
    atomic_init(&f.closed, 0);
    CHECK_INT(scan_camera_start("fake0", &src, &c, &err), AS_OK);
    if (!c)
        return;
    scan_camera_set_wake(c, on_wake, NULL);
    /* The loop a kiosk would run: sleep on the descriptor, then poll. */
    for (int spins = 0; spins < 200 && st == AS_OK; spins++) {
        struct pollfd p = {.fd = scan_camera_fd(c), .events = POLLIN};
        if (poll(&p, 1, 1000) > 0)
            st = scan_camera_poll(c, collect, &got, &err);
    }
    CHECK_INT(st, AS_EIO);
    CHECK_STR(err.msg, "fake camera: unplugged");
    CHECK_INT(got.n, 2);
    CHECK_STR(got.text[0], ANA_TOKEN);
    CHECK_STR(got.text[1], ANA_TOKEN);
    /* Every later call says the same, and hands over nothing. */
    CHECK_INT(scan_camera_poll(c, collect, &got, &err), AS_EIO);
    CHECK_STR(err.msg, "fake camera: unplugged");
    CHECK_INT(got.n, 2);
    scan_camera_free(c);
    CHECK_INT(atomic_load(&f.closed), 1);
    free((void *)f.badge);
}

static void test_camera_stop(void)
{
    /* A camera that never sends a frame: poll says nothing, free returns. */
    static const int plan[] = {1, -2};
    fake_cam f = {.plan = plan};
    scan_source src = {fake_next, fake_now, fake_close, &f};
    scan_camera *c = NULL;
    found got = {0};
    as_err err;

    f.badge = badge_grey(&f.w, &f.h);
    atomic_init(&f.closed, 0);
    atomic_store(&wakes, 0);
    CHECK_INT(scan_camera_start("fake1", &src, &c, &err), AS_OK);
    if (!c)
        return;
    scan_camera_set_wake(c, on_wake, NULL);
    struct pollfd p = {.fd = scan_camera_fd(c), .events = POLLIN};
    CHECK_INT(poll(&p, 1, 5000), 1);
    CHECK_INT(scan_camera_poll(c, collect, &got, &err), AS_OK);
    CHECK_INT(got.n, 1);
    CHECK_STR(got.text[0], ANA_TOKEN);
    /* Non-blocking with nothing queued. */
    CHECK_INT(scan_camera_poll(c, collect, &got, &err), AS_OK);
    CHECK_INT(got.n, 1);
    scan_camera_free(c);
    CHECK_INT(atomic_load(&f.closed), 1);
    free((void *)f.badge);
}

/* ---- the command ----------------------------------------------------- */

static int run(const char *args, char *out, size_t outsize)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "'%s' %s 2>&1", AS_BINARY, args);
    FILE *p = popen(cmd, "r");
    size_t n = p ? fread(out, 1, outsize - 1, p) : 0;
    out[n] = '\0';
    int rc = p ? pclose(p) : -1;
    return rc >= 0 && WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void test_command(void)
{
    static char out[8192];
    char args[2048], blank[512];

    snprintf(args, sizeof args, "scan-image '%s' '%s'", ANA_PNG, BEN_PNG);
    CHECK_INT(run(args, out, sizeof out), 0);
    CHECK_MSG(strstr(out, ANA_PNG ": a badge code (check symbol ok)") &&
                  strstr(out, BEN_PNG ": a badge code (check symbol ok)"),
              "%s", out);
    CHECK(!strstr(out, ANA_TOKEN) && !strstr(out, BEN_TOKEN) &&
          !strstr(out, "KTQQYK") && !strstr(out, "16YVND"));

    snprintf(blank, sizeof blank, "%s/blank.png", work);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 64, 64);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_destroy(cr);
    CHECK_INT(cairo_surface_write_to_png(s, blank), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);
    snprintf(args, sizeof args, "scan-image '%s' '%s'", ANA_PNG, blank);
    CHECK_INT(run(args, out, sizeof out), 1);
    CHECK_MSG(strstr(out, ": no QR code found"), "%s", out);

    snprintf(args, sizeof args, "scan-image '%s/cut-100.png'", work);
    CHECK_INT(run(args, out, sizeof out), 2);
    CHECK_MSG(strstr(out, "cut-100.png: not a PNG image"), "%s", out);
    CHECK_INT(run("scan-image", out, sizeof out), 2);
    CHECK_INT(run("scan-image --camera /dev/null", out, sizeof out), 2);
    CHECK_MSG(strstr(out, "camera /dev/null: not a video device"), "%s", out);
}

int main(void)
{
    if (!mkdtemp(work)) {
        perror("mkdtemp");
        return 1;
    }
    test_fixtures();
    test_degraded();
    test_ean13();
    test_blank_and_args();
    test_bad_files();
    test_debounce();
    test_open_errors();
    test_camera_worker();
    test_camera_stop();
    test_command();

    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", work);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", work);
    return check_done();
}
