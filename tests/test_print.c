/* test_print.c: `asamblea badges` end to end.  Every printed QR code is
 * decoded by an independent decoder (pdftoppm renders the PDF, zbarimg
 * decodes the pages) for both paper sizes, the text layer is checked with
 * pdftotext, and the QR symbol's printed width is measured on the
 * rendered page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sodium.h>
#include "check.h"
#include "print.h"
#include "roster.h"
#include "test_print_util.h"

#define DPI 200.0

static int have_tools;

/* The roster's tokens, sorted. */
static char **roster_tokens(const roster *r, int *n)
{
    char **l = calloc((size_t)roster_count(r) + 1, sizeof *l);
    *n = roster_count(r);
    for (int i = 0; i < *n; i++)
        l[i] = strdup(roster_get(r, i)->token);
    tp_sort(l, *n);
    return l;
}

static void check_same_set(char **got, int ngot, char **want, int nwant,
                           const char *what)
{
    CHECK_MSG(got != NULL, "%s: nothing decoded", what);
    if (!got)
        return;
    CHECK_MSG(ngot == nwant, "%s: decoded %d codes, expected %d", what, ngot, nwant);
    for (int i = 0; i < ngot && i < nwant; i++)
        CHECK_MSG(!strcmp(got[i], want[i]), "%s: decoded set differs at %d", what, i);
}

static void test_layout(void)
{
    for (int p = 0; p < 2; p++) {
        print_layout l;
        print_layout_get((print_paper)p, &l);
        CHECK(l.qr_mm >= PRINT_QR_MIN_MM);
        CHECK(l.module * PRINT_QR_MODULES - l.qr_mm < 1e-9);
        CHECK(l.left >= 10.0 && l.top >= 10.0);
        CHECK(l.left + l.cols * l.card_w <= l.page_w - 10.0);
        CHECK(l.top + l.rows * l.card_h <= l.page_h - 10.0);
        /* Symbol and quiet zone inside the card. */
        CHECK(l.qr_x - 4 * l.module >= 0 && l.qr_y - 4 * l.module >= 0);
        CHECK(l.qr_x + l.qr_mm + 4 * l.module <= l.card_w);
        CHECK(l.qr_y + l.qr_mm + 4 * l.module <= l.card_h);
        CHECK(l.cols * l.rows >= 8);
    }
    print_paper pp;
    CHECK_INT(print_paper_parse("A4", &pp), AS_OK);
    CHECK_INT(pp, PRINT_A4);
    CHECK_INT(print_paper_parse("letter", &pp), AS_OK);
    CHECK_INT(pp, PRINT_LETTER);
    CHECK_INT(print_paper_parse("legal", &pp), AS_EINVAL);
}

static void test_file_names(void)
{
    char out[PRINT_NAME_MAX];
    print_file_name("Carla Méndez", out);
    CHECK_STR(out, "carla-mendez");
    print_file_name("\"Medina, Ana Sofía\"", out);
    CHECK_STR(out, "medina-ana-sofia");
    print_file_name("../../etc/passwd", out);
    CHECK_STR(out, "etc-passwd");
    print_file_name("李小龍", out);
    CHECK_STR(out, "badge");
    print_file_name("", out);
    CHECK_STR(out, "badge");
    char longname[300];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    print_file_name(longname, out);
    CHECK_INT(strlen(out), PRINT_NAME_MAX - 1);
}

/* The printed width of the first card's QR symbol on page 1, measured on
 * a 200 dpi greyscale rendering: the bounding box of dark pixels inside
 * the symbol's box with its quiet zone (which must be white, so the box
 * of dark pixels is the symbol itself). */
static void measure_qr(const char *pdf, const char *work, print_paper paper)
{
    char cmd[4096], path[1024];
    print_layout l;
    size_t len;
    char *img;
    int w, h, maxv, off = 0;

    snprintf(cmd, sizeof cmd, "pdftoppm -r 200 -gray -f 1 -l 1 -singlefile '%s' '%s/meas'",
             pdf, work);
    CHECK_INT(tp_run(cmd, NULL, NULL), 0);
    snprintf(path, sizeof path, "%s/meas.pgm", work);
    img = tp_read(path, &len);
    CHECK(img != NULL);
    if (!img)
        return;
    CHECK(sscanf(img, "P5 %d %d %d%n", &w, &h, &maxv, &off) == 3);
    off++; /* the single whitespace after maxval */
    print_layout_get(paper, &l);
    double qz = 4 * l.module;
    double x0 = l.left + l.qr_x - qz + 0.3, x1 = l.left + l.qr_x + l.qr_mm + qz - 0.3;
    double y0 = l.top + l.qr_y - qz + 0.3, y1 = l.top + l.qr_y + l.qr_mm + qz - 0.3;
    int minx = w, maxx = -1, miny = h, maxy = -1;
    for (int y = (int)(y0 * DPI / 25.4); y <= (int)(y1 * DPI / 25.4) && y < h; y++)
        for (int x = (int)(x0 * DPI / 25.4); x <= (int)(x1 * DPI / 25.4) && x < w; x++)
            if ((size_t)(off + y * w + x) < len &&
                (unsigned char)img[off + y * w + x] < 128) {
                if (x < minx) minx = x;
                if (x > maxx) maxx = x;
                if (y < miny) miny = y;
                if (y > maxy) maxy = y;
            }
    double wmm = (maxx - minx + 1) * 25.4 / DPI, hmm = (maxy - miny + 1) * 25.4 / DPI;
    CHECK_MSG(wmm >= PRINT_QR_MIN_MM && hmm >= PRINT_QR_MIN_MM,
              "measured QR %.2f x %.2f mm", wmm, hmm);
    CHECK_MSG(wmm - l.qr_mm < 0.4 && l.qr_mm - wmm < 0.4,
              "measured width %.2f mm, laid out %.2f mm (quiet zone not clear?)",
              wmm, l.qr_mm);
    printf("info: QR symbol measured %.2f x %.2f mm (%s)\n", wmm, hmm,
           paper == PRINT_A4 ? "A4" : "letter");
    free(img);
}

/* Badges for roster_path on both papers: every code decodes to exactly
 * the roster's tokens; every name and token is in the text layer. */
static void test_badges(const char *roster_path, const char *work)
{
    static const char *const papers[] = {"letter", "a4"};
    roster *r = NULL;
    diag_list d;
    int nwant;

    diag_init(&d);
    CHECK_INT(roster_load(roster_path, &r, &d), AS_OK);
    diag_free(&d);
    if (!r)
        return;
    char **want = roster_tokens(r, &nwant);
    for (int p = 0; p < 2; p++) {
        char cmd[4096], pdf[1024], out[1024], stem[32];
        snprintf(pdf, sizeof pdf, "%s/badges-%s.pdf", work, papers[p]);
        snprintf(out, sizeof out, "%s/stdout.txt", work);
        snprintf(cmd, sizeof cmd, "'%s' badges '%s' -o '%s' --paper %s --title "
                 "'Pilsen Neighbors Assembly'", AS_BINARY, roster_path, pdf, papers[p]);
        CHECK_INT(tp_run(cmd, out, NULL), 0);
        CHECK(tp_exists(pdf));
        /* Nothing the command says holds a token. */
        char *said = tp_read(out, NULL);
        for (int i = 0; said && i < nwant; i++)
            CHECK(!strstr(said, want[i]));
        free(said);
        if (!have_tools) {
            CHECK_SKIP("pdftoppm, pdftotext or zbarimg missing: install "
                       "poppler-utils and zbar-tools");
            continue;
        }
        int ngot = 0;
        snprintf(stem, sizeof stem, "pg-%s", papers[p]);
        print_layout l;
        print_layout_get((print_paper)p, &l);
        char **got = tp_decode_pdf(pdf, work, stem, &l, nwant, &ngot);
        check_same_set(got, ngot, want, nwant, pdf);
        tp_free_list(got, ngot);

        char *text = tp_pdf_text(pdf, work);
        CHECK(text != NULL);
        for (int i = 0; text && i < roster_count(r); i++) {
            char *nm = tp_squash(roster_get(r, i)->name);
            CHECK_MSG(strstr(text, nm) != NULL, "name on line %d not in the PDF text",
                      roster_get(r, i)->line);
            CHECK_MSG(strstr(text, roster_get(r, i)->token) != NULL,
                      "token of line %d not in the PDF text", roster_get(r, i)->line);
            free(nm);
        }
        CHECK(text && strstr(text, "PilsenNeighborsAssembly"));
        free(text);
        measure_qr(pdf, work, (print_paper)p);
    }
    tp_free_list(want, nwant);
    roster_free(r);
}

/* Writes a roster with n rows (tokens from token_new) and the given
 * names (NULL: "Person <i>"). */
static void write_roster(const char *path, int n, const char *const *names)
{
    FILE *f = fopen(path, "w");
    char tok[TOKEN_TEXT_SIZE];
    if (!f)
        return;
    fputs("name,role,token\n", f);
    for (int i = 0; i < n; i++) {
        token_new(tok);
        if (names)
            fprintf(f, "\"%s\",attendee,%s\n", names[i], tok);
        else
            fprintf(f, "Person %d Example-Name,attendee,%s\n", i + 1, tok);
    }
    fclose(f);
}

static void test_png(const char *work)
{
    static const char *const names[] = {"Ana Ruiz", "Ana Ruiz", "José Luis Ramírez",
                                        "Medina, Ana Sofía",
                                        "Bartholomew Maximilian Featherstonehaugh-Worthington"};
    char roster_path[1024], dir[1024], cmd[4096], pdf[1024];
    roster *r = NULL;
    diag_list d;
    int nwant, ngot = 0;

    snprintf(roster_path, sizeof roster_path, "%s/phones.csv", work);
    snprintf(dir, sizeof dir, "%s/phones", work);
    snprintf(pdf, sizeof pdf, "%s/phones.pdf", work);
    write_roster(roster_path, 5, names);
    snprintf(cmd, sizeof cmd, "'%s' badges '%s' -o '%s' --png '%s'", AS_BINARY,
             roster_path, pdf, dir);
    CHECK_INT(tp_run(cmd, NULL, NULL), 0);
    CHECK_INT(tp_count_files(dir, ""), 5);
    CHECK_INT(tp_count_files(dir, "ana-ruiz.png"), 1);
    CHECK_INT(tp_count_files(dir, "ana-ruiz-2.png"), 1);
    CHECK_INT(tp_count_files(dir, "jose-luis-ramirez.png"), 1);
    CHECK_INT(tp_count_files(dir, "medina-ana-sofia.png"), 1);
    diag_init(&d);
    CHECK_INT(roster_load(roster_path, &r, &d), AS_OK);
    diag_free(&d);
    if (!r)
        return;
    char **want = roster_tokens(r, &nwant);
    if (have_tools) {
        char glob[1100];
        snprintf(glob, sizeof glob, "'%s'/*.png", dir);
        char **got = tp_decode_images(glob, work, &ngot);
        check_same_set(got, ngot, want, nwant, "PNG badges");
        tp_free_list(got, ngot);
        /* The long name was shrunk or split, never cut. */
        char *text = tp_pdf_text(pdf, work);
        CHECK(text && strstr(text, "BartholomewMaximilianFeatherstonehaugh-Worthington"));
        free(text);
    } else {
        CHECK_SKIP("zbarimg missing: install zbar-tools");
    }
    tp_free_list(want, nwant);
    roster_free(r);
}

static void test_bad_input(const char *work)
{
    char cmd[4096], err[1024], pdf[1024], untok[1024], *msg;

    snprintf(err, sizeof err, "%s/err.txt", work);
    snprintf(pdf, sizeof pdf, "%s/bad.pdf", work);

    snprintf(cmd, sizeof cmd, "'%s' badges '%s/nope.csv' -o '%s'", AS_BINARY, work, pdf);
    CHECK_INT(tp_run(cmd, NULL, err), 2);
    CHECK(!tp_exists(pdf));
    msg = tp_read(err, NULL);
    CHECK(msg && strstr(msg, "nope.csv"));
    free(msg);

    /* The example roster has rows without tokens (lines 31..42). */
    snprintf(untok, sizeof untok, "%s/../assets/examples/roster.csv", AS_TEST_DATA "/..");
    snprintf(cmd, sizeof cmd, "'%s' badges '%s' -o '%s'", AS_BINARY, untok, pdf);
    CHECK_INT(tp_run(cmd, NULL, err), 2);
    CHECK(!tp_exists(pdf));
    msg = tp_read(err, NULL);
    CHECK(msg && strstr(msg, "asamblea roster issue"));
    CHECK(msg && strstr(msg, "no token"));
    CHECK(msg && strchr(msg, '\n') == msg + strlen(msg) - 1); /* one line */
    free(msg);

    snprintf(cmd, sizeof cmd, "'%s' badges '%s/data/flow/roster.csv' -o '%s/missing/b.pdf'",
             AS_BINARY, AS_TEST_DATA "/..", work);
    CHECK_INT(tp_run(cmd, NULL, err), 2);
    msg = tp_read(err, NULL);
    CHECK(msg && strstr(msg, "does not exist"));
    free(msg);
    snprintf(cmd, sizeof cmd, "%s/missing", work);
    CHECK(!tp_exists(cmd));

    snprintf(cmd, sizeof cmd, "'%s' badges '%s/flow/roster.csv' -o '%s' --paper legal",
             AS_BINARY, AS_TEST_DATA, pdf);
    CHECK_INT(tp_run(cmd, NULL, err), 2);
    CHECK(!tp_exists(pdf));
    /* Only the files the test made are in work: no temporary leftovers. */
    CHECK_INT(tp_count_files(work, ".bad.pdf"), 0);
}

static as_status failing_commit(void *ud, as_err *err)
{
    (*(int *)ud)++;
    return as_err_set(err, AS_EFULL, "commit refused");
}

/* A commit that fails leaves neither the file nor a temporary file. */
static void test_commit_failure(const char *work)
{
    char pdf[1024];
    print_item it = {"Ana Ruiz", "t", "KTQQYK-VN7BTZ-XGPSKT"};
    as_err err = {{0}};
    int calls = 0;

    snprintf(pdf, sizeof pdf, "%s/commit.pdf", work);
    CHECK_INT(print_pdf(pdf, PRINT_A4, &it, 1, failing_commit, &calls, &err), AS_EFULL);
    CHECK_INT(calls, 1);
    CHECK(!tp_exists(pdf));
    CHECK_INT(tp_count_files(work, ".commit.pdf"), 0);
    print_item bad = {"X", "t", "not a token: lower case and too long for v1"};
    CHECK_INT(print_pdf(pdf, PRINT_A4, &bad, 1, NULL, NULL, &err), AS_EINVAL);
    CHECK(!tp_exists(pdf));
}

static void bench_2000(const char *work)
{
    char roster_path[1024], pdf[1024], cmd[4096];
    struct timespec t0, t1;

    snprintf(roster_path, sizeof roster_path, "%s/big.csv", work);
    snprintf(pdf, sizeof pdf, "%s/big.pdf", work);
    write_roster(roster_path, 2000, NULL);
    snprintf(cmd, sizeof cmd, "'%s' badges '%s' -o '%s'", AS_BINARY, roster_path, pdf);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    CHECK_INT(tp_run(cmd, NULL, NULL), 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    CHECK(tp_exists(pdf));
    printf("info: badges for 2000 people took %lld ms\n",
           (long long)((t1.tv_sec - t0.tv_sec) * 1000 +
                       (t1.tv_nsec - t0.tv_nsec) / 1000000));
}

int main(void)
{
    char *work = tp_mkdtemp(), path[1024], cmd[4096];
    int issued = 0;
    diag_list d;

    if (sodium_init() < 0 || !work) {
        CHECK(0);
        return check_done();
    }
    have_tools = tp_have("pdftoppm") && tp_have("pdftotext") && tp_have("zbarimg");
    test_layout();
    test_file_names();

    test_badges(AS_TEST_DATA "/flow/roster.csv", work);

    /* assets/examples/roster.csv has rows without tokens: issue them into a
     * copy first. */
    snprintf(path, sizeof path, "%s/example.csv", work);
    snprintf(cmd, sizeof cmd, "cp '%s/../../assets/examples/roster.csv' '%s'",
             AS_TEST_DATA, path);
    CHECK_INT(tp_run(cmd, NULL, NULL), 0);
    diag_init(&d);
    CHECK_INT(roster_issue(path, &issued, &d), AS_OK);
    CHECK_INT(issued, 12);
    diag_free(&d);
    test_badges(path, work);

    test_png(work);
    test_bad_input(work);
    test_commit_failure(work);
    bench_2000(work);
    tp_rm_rf(work);
    free(work);
    return check_done();
}
