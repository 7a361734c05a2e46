/* test_report.c: `asamblea report` end to end on a real export bundle
 * (test_report_bundle.c): the real program makes the minutes; poppler
 * reads them back (pdftoppm: every page drawn and not blank; pdftotext:
 * titles, outcomes, counts and codes in both languages, --lang es only
 * Spanish outcome words); zbarimg decodes every QR code and each equals a
 * closed proposal's root in results.txt; two runs give the same bytes and
 * the printed SHA-256 is theirs; a tampered bundle gives no PDF and exit
 * 1; bad arguments exit 2 with one clear line.  Skipped (visibly) where
 * poppler-utils or zbar-tools are missing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cairo.h>
#include <sodium.h>
#include "check.h"
#include "record.h"
#include "test_cli_util.h"
#include "test_file_util.h"
#include "test_report_bundle.h"

static char tmp[] = "/tmp/as-report-XXXXXX";
static char bundle[1024];

/* run: asamblea with args; stdout and stderr into out and err. */
static int run(const char *const *args, char *out, size_t on, char *err, size_t en)
{
    char op[600], ep[600];
    snprintf(op, sizeof op, "%s/out.txt", tmp);
    snprintf(ep, sizeof ep, "%s/err.txt", tmp);
    int rc = tc_spawn(args, op, ep);
    tc_read_into(op, out, on);
    tc_read_into(ep, err, en);
    return rc;
}

static int have(const char *tool)
{
    char cmd[200];
    snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", tool);
    return system(cmd) == 0;
}

/* make: the minutes of b into pdf (extra: "--lang" "es" or NULLs); 0 or
 * the exit status, the sha256sum line checked against the file. */
static int make(const char *b, const char *pdf, const char *lang)
{
    char out[4096], err[8192];
    const char *args[] = {"report", b, "-o", pdf, lang ? "--lang" : NULL, lang, NULL};
    int rc = run(args, out, sizeof out, err, sizeof err);
    CHECK_MSG(rc == 0, "report exit %d: %s", rc, err);
    CHECK_MSG(err[0] == '\0', "report wrote to stderr: %s", err);
    size_t len = 0;
    char *bytes = tf_slurp(pdf, &len);
    CHECK(bytes && len > 1000 && !memcmp(bytes, "%PDF-", 5));
    if (bytes) {
        uint8_t h[32];
        char hex[65], want[2048];
        crypto_hash_sha256(h, (const unsigned char *)bytes, len);
        record_hex(h, 32, hex);
        snprintf(want, sizeof want, "%s  %s\n", hex, pdf);
        CHECK_STR(out, want);
    }
    free(bytes);
    return rc;
}

/* text: pdftotext's reading of pdf (malloc'd), or NULL. */
static char *text(const char *pdf)
{
    char cmd[1400], path[700];
    snprintf(path, sizeof path, "%s/text.txt", tmp);
    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' '%s'", pdf, path);
    if (system(cmd) != 0)
        return NULL;
    return tf_slurp(path, NULL);
}

/* roots: results.txt's "proposal ID" and "root HEX" pairs as QR payloads
 * and room codes. */
static int roots(char qr[][RECORD_QR_TEXT_SIZE], char code[][RECORD_ROOM_CODE_SIZE],
                 int max)
{
    char path[1200], id[64] = "";
    snprintf(path, sizeof path, "%s/results.txt", bundle);
    char *res = tf_slurp(path, NULL);
    int n = 0;
    for (char *s = res; s && *s && n < max;) {
        char *nl = strchr(s, '\n');
        if (!strncmp(s, "proposal ", 9))
            snprintf(id, sizeof id, "%.*s", (int)(nl - s - 9), s + 9);
        uint8_t root[32];
        if (!strncmp(s, "root ", 5) && record_unhex(s + 5, root, 32) == 0) {
            record_qr_text(id, root, qr[n]);
            record_room_code(root, code[n]);
            n++;
        }
        s = nl ? nl + 1 : s + strlen(s);
    }
    free(res);
    return n;
}

static void check_text(const char *pdf, char code[][RECORD_ROOM_CODE_SIZE], int n)
{
    char *t = text(pdf);
    CHECK(t != NULL);
    if (!t)
        return;
    static const char *const want[] = {
        "Asamblea de vecinos", "2027-03-14", "Adopt the bylaws", "Adoptar los estatutos",
        "Community garden", "Huerto comunitario", "Elect the chair",
        "Elegir la presidencia", "PASSED", "APROBADA",
        "TABLED", "APLAZADA", "ELECTED", "ELEGIDOS", "RECALLED", "REVOCADO",
        "Yes 19", "No 8", "Abstain 3", "Sí 19", "Agree 8", "Ballots: 30",
        "Elected: Carla Mendoza", "Elegidos: Carla Mendoza", "Elected: Ana Ruiz, Carla Ortega", "Elected: Red, ", "Elegidos: Rojo, ", /* then the draw's pick */
        "Tie for the last seat: ", "Empate por el último puesto: ",
        "Approvals: Red 5 · Blue 3 · Green 3", "Aprobaciones: Rojo 5 · Azul 3 · Verde 3",
        "Ballot-list code", "How to check this", "asamblea verify",
        "Round 2 of 2", "Ronda 2 de 2", "Round 3 of 3", "Ronda 3 de 3",
        "Next meeting", "Próxima reunión"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        CHECK_MSG(strstr(t, want[i]), "minutes lack \"%s\"", want[i]);
    /* each code twice: in the room display's chart (the room's own
     * drawing, read back as text) and under its QR code, whole */
    for (int i = 0; i < n; i++) {
        char head[10]; /* the chart may wrap the code after any dash */
        snprintf(head, sizeof head, "%.9s", code[i]);
        const char *first = strstr(t, code[i]);
        CHECK_MSG(first, "minutes lack the code %s", code[i]);
        first = strstr(t, head);
        CHECK_MSG(first && strstr(first + 1, head), "the code %s is not both in the "
                  "chart and under its QR code", code[i]);
    }
    free(t);
}

/* pages: renders pdf at dpi into tmp/page-*.png; how many pages. */
static int pages(const char *pdf, int dpi)
{
    char cmd[1400];
    snprintf(cmd, sizeof cmd, "rm -f '%s'/page-*.png && pdftoppm -r %d -png '%s' "
             "'%s/page'", tmp, dpi, pdf, tmp);
    if (system(cmd) != 0)
        return 0;
    int n = 0;
    for (int i = 1; i < 100; i++) {
        char p[800];
        snprintf(p, sizeof p, "%s/page-%d.png", tmp, i);
        if (access(p, R_OK) != 0)
            snprintf(p, sizeof p, "%s/page-%02d.png", tmp, i);
        if (access(p, R_OK) != 0)
            break;
        n = i;
    }
    return n;
}

static void page_path(int i, int npages, char *p, size_t n)
{
    snprintf(p, n, npages >= 10 ? "%s/page-%02d.png" : "%s/page-%d.png", tmp, i);
}

/* ink: the share of a page's pixels that are not near white. */
static double ink(const char *png)
{
    cairo_surface_t *s = cairo_image_surface_create_from_png(png);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return -1;
    }
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *px = cairo_image_surface_get_data(s);
    long dark = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint32_t c = *(const uint32_t *)(px + (size_t)y * stride + 4 * (size_t)x);
            if (((c >> 16) & 255) + ((c >> 8) & 255) + (c & 255) < 600)
                dark++;
        }
    cairo_surface_destroy(s);
    return (double)dark / ((double)w * h);
}

static void check_pages(const char *pdf)
{
    int n = pages(pdf, 60);
    /* a cover, a page or more per proposal (7), the last page */
    CHECK_MSG(n >= 9, "%d pages", n);
    for (int i = 1; i <= n; i++) {
        char p[800];
        page_path(i, n, p, sizeof p);
        double k = ink(p);
        CHECK_MSG(k > 0.005, "page %d of %d looks blank (%.4f of it inked)", i, n, k);
    }
}

/* check_qr: every QR code zbarimg finds at 150 dpi is one of the
 * bundle's, and every closed proposal's is found. */
static void check_qr(const char *pdf, char qr[][RECORD_QR_TEXT_SIZE], int n)
{
    char cmd[1400], path[700];
    int np = pages(pdf, 150);
    snprintf(path, sizeof path, "%s/qr.txt", tmp);
    snprintf(cmd, sizeof cmd, "for f in '%s'/page-*.png; do zbarimg -q --raw "
             "\"$f\" 2>/dev/null; done > '%s'", tmp, path);
    CHECK(np > 0);
    (void)!system(cmd);
    char *got = tf_slurp(path, NULL);
    CHECK(got != NULL);
    for (int i = 0; got && i < n; i++)
        CHECK_MSG(strstr(got, qr[i]), "no QR code holds %s; zbarimg read:\n%s", qr[i], got);
    for (char *s = got; s && *s;) {
        char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        int known = 0;
        for (int i = 0; i < n; i++)
            known |= strlen(qr[i]) == len && !strncmp(s, qr[i], len);
        CHECK_MSG(known, "a QR code holds %.*s, no root of the bundle", (int)len, s);
        s = nl ? nl + 1 : s + len;
    }
    free(got);
}

static void check_spanish(void)
{
    char pdf[700];
    snprintf(pdf, sizeof pdf, "%s/acta.pdf", tmp);
    make(bundle, pdf, "es");
    char *t = text(pdf);
    CHECK(t != NULL);
    static const char *const es[] = {"APROBADA", "APLAZADA", "ELEGIDOS", "REVOCADO",
                                     "Sí 19", "Adoptar los estatutos"};
    static const char *const en[] = {"PASSED", "TABLED", "ELECTED", "RECALLED",
                                     "Yes 19", "Adopt the bylaws", "How to check"};
    for (size_t i = 0; t && i < sizeof es / sizeof es[0]; i++)
        CHECK_MSG(strstr(t, es[i]), "--lang es lacks \"%s\"", es[i]);
    for (size_t i = 0; t && i < sizeof en / sizeof en[0]; i++)
        CHECK_MSG(!strstr(t, en[i]), "--lang es shows \"%s\"", en[i]);
    free(t);
}

/* refused: args exit with rc, stderr holding what, and no PDF at pdf. */
static void refused(const char *const *args, int rc, const char *what, const char *pdf)
{
    char out[4096], err[8192];
    int got = run(args, out, sizeof out, err, sizeof err);
    CHECK_MSG(got == rc, "%s %s: exit %d, not %d (%s)", args[0], args[1] ? args[1] : "",
              got, rc, err);
    CHECK_MSG(strstr(err, what), "stderr lacks \"%s\": %s", what, err);
    CHECK_MSG(out[0] == '\0', "stdout: %s", out);
    if (pdf)
        CHECK_MSG(access(pdf, F_OK) != 0, "%s was written", pdf);
}

static void check_refusals(void)
{
    char pdf[700], bad[1100], cmd[4000], nodir[800];
    snprintf(pdf, sizeof pdf, "%s/refused.pdf", tmp);
    snprintf(nodir, sizeof nodir, "%s/no/such/folder/m.pdf", tmp);
    const char *none[] = {"report", NULL};
    refused(none, 2, "give the bundle and -o", NULL);
    const char *noout[] = {"report", bundle, NULL};
    refused(noout, 2, "give the bundle and -o", NULL);
    const char *unknown[] = {"report", bundle, "-o", pdf, "--frob", NULL};
    refused(unknown, 2, "unknown option '--frob'", pdf);
    const char *missing[] = {"report", "/nonexistent/bundle", "-o", pdf, NULL};
    refused(missing, 2, "/nonexistent/bundle", pdf);
    char notb[800];
    snprintf(notb, sizeof notb, "%s/data", tmp);
    const char *other[] = {"report", notb, "-o", pdf, NULL};
    refused(other, 2, "not an export bundle", pdf);
    const char *lang[] = {"report", bundle, "-o", pdf, "--lang", "fr", NULL};
    refused(lang, 2, "it has en, es", pdf);
    char inb[1200];
    snprintf(inb, sizeof inb, "%s/minutes.pdf", bundle);
    const char *in[] = {"report", bundle, "-o", inb, NULL};
    refused(in, 2, "inside the bundle", inb);
    const char *dir[] = {"report", bundle, "-o", nodir, NULL};
    refused(dir, 2, "no/such/folder", NULL);
    /* one ballot line changed: the verifier catches it, no minutes */
    snprintf(bad, sizeof bad, "%s/tampered", tmp);
    snprintf(cmd, sizeof cmd, "cp -r '%s' '%s' && sed -i -e '1s/ yes$/ n0/' -e '1s/ no$/ yes/' "
             "-e '1s/ abstain$/ yes/' -e '1s/ n0$/ no/' '%s/ballots/bylaws.txt'", bundle, bad, bad);
    CHECK_INT(system(cmd), 0);
    const char *tampered[] = {"report", bad, "-o", pdf, NULL};
    refused(tampered, 1, "does not verify", pdf);
    refused(tampered, 1, "FAIL: ", pdf);
}

int main(void)
{
    if (sodium_init() < 0 || !mkdtemp(tmp))
        return 1;
    if (!have("pdftoppm") || !have("pdftotext") || !have("zbarimg")) {
        printf("SKIP: pdftoppm, pdftotext (poppler-utils) or zbarimg (zbar-tools) "
               "missing\n");
        return 77;
    }
    char *b = trb_make(tmp);
    CHECK(b != NULL);
    if (!b)
        return check_done();
    snprintf(bundle, sizeof bundle, "%s", b);
    free(b);

    char pdf[700], pdf2[700], qr[16][RECORD_QR_TEXT_SIZE];
    char code[16][RECORD_ROOM_CODE_SIZE];
    int n = roots(qr, code, 16);
    CHECK_INT(n, 6);
    snprintf(pdf, sizeof pdf, "%s/minutes.pdf", tmp);
    snprintf(pdf2, sizeof pdf2, "%s/minutes2.pdf", tmp);
    if (make(bundle, pdf, NULL) == 0) {
        sleep(1); /* a date of "now" would differ */
        make(bundle, pdf2, NULL);
        size_t l1 = 0, l2 = 0;
        char *a = tf_slurp(pdf, &l1), *c = tf_slurp(pdf2, &l2);
        CHECK_MSG(a && c && l1 == l2 && !memcmp(a, c, l1),
                  "two runs differ (%zu and %zu bytes)", l1, l2);
        free(a);
        free(c);
        check_text(pdf, code, n);
        check_pages(pdf);
        check_qr(pdf, qr, n);
    }
    check_spanish();
    check_refusals();
    if (!getenv("AS_KEEP")) {
        char cmd[200];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
        (void)!system(cmd);
    } else {
        fprintf(stderr, "kept %s\n", tmp);
    }
    return check_done();
}
