/* report_make.c: `asamblea report`'s work (report.h): the output file
 * opened first (a folder that cannot take it is said before any work),
 * the bundle verified, read and recounted, the pages drawn into a PDF in
 * memory, hashed, then written atomically. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cairo-pdf.h>
#include <sodium.h>
#include "file_write.h"
#include "report.h"
#include "report_internal.h"
#include "xbuf.h"

typedef struct {
    report_fail_fn fail;
    void *ud;
    int nfail;
} fail_ctx;

static void on_check(void *ud, int ok, const char *check, const char *detail)
{
    fail_ctx *c = ud;
    if (ok == 1)
        return;
    c->nfail++;
    if (c->fail)
        c->fail(c->ud, check, detail);
}

static cairo_status_t to_buf(void *ud, const unsigned char *data, unsigned int n)
{
    xbuf *b = ud;
    xbuf_add(b, (const char *)data, n);
    return b->oom ? CAIRO_STATUS_NO_MEMORY : CAIRO_STATUS_SUCCESS;
}

/* render: the minutes of d as PDF bytes into pdf. */
static as_status render(report_data *d, xbuf *pdf, as_err *err)
{
    cairo_surface_t *sf = cairo_pdf_surface_create_for_stream(to_buf, pdf, RP_A4_W,
                                                              RP_A4_H);
    cairo_t *cr = cairo_create(sf);
    char date[40], title[600];
    as_status st;

    /* cairo 1.16 dates a PDF "now" unless told otherwise: the meeting's
     * date keeps the bytes the same every time they are made */
    snprintf(date, sizeof date, "%sT00:00:00Z", RD_MEETING(d)->date);
    cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_MOD_DATE, date);
    cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR, "asamblea");
    snprintf(title, sizeof title, "%s (%s)", RD_MEETING(d)->title, RD_MEETING(d)->date);
    cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE, title);
    st = cairo_status(cr) == CAIRO_STATUS_SUCCESS ? report_pages(cr, d, err)
                                                  : as_err_set(err, AS_ENOMEM, "out of memory");
    cairo_destroy(cr);
    cairo_surface_finish(sf);
    if (st == AS_OK && (pdf->oom || cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS))
        st = as_err_set(err, AS_ENOMEM, "cairo could not make the PDF (%s)",
                        cairo_status_to_string(cairo_surface_status(sf)));
    cairo_surface_destroy(sf);
    return st;
}

/* check: runs the verifier; AS_ECORRUPT when a check failed. */
static as_status check(const report_opts *o, report_fail_fn fail, void *ud, as_err *err)
{
    verify_opts vo = {o->bundle, NULL, NULL, NULL, 0};
    fail_ctx c = {fail, ud, 0};
    int nfail = 0;
    char path[4200], path2[4200];
    struct stat sb;
    /* a folder with neither file is some other folder, not a damaged
     * bundle: said as a wrong argument, not as fifteen failed checks */
    snprintf(path, sizeof path, "%s/manifest.txt", o->bundle);
    snprintf(path2, sizeof path2, "%s/results.txt", o->bundle);
    if (stat(o->bundle, &sb) == 0 && S_ISDIR(sb.st_mode) && lstat(path, &sb) != 0 &&
        lstat(path2, &sb) != 0)
        return as_err_set(err, AS_EINVAL, "%s: not an export bundle (no manifest.txt, "
                          "no results.txt); give the folder asamblea export wrote "
                          "(asamblea-DATE-XXXXXXXX)", o->bundle);
    as_status st = verify_bundle(&vo, on_check, &c, &nfail, err);
    if (st != AS_OK)
        return st;
    if (nfail > 0)
        return as_err_set(err, AS_ECORRUPT, "%s: the bundle does not verify (%d "
                          "problem%s): no minutes are made from it; get an intact "
                          "copy of the export and run asamblea verify on it",
                          o->bundle, nfail, nfail == 1 ? "" : "s");
    return AS_OK;
}

/* inside: 1 when the output's folder is the bundle or inside it: the
 * minutes would become a file the bundle does not list, and it would no
 * longer verify. */
static int inside(const char *bundle, const char *out)
{
    char b[PATH_MAX], d[PATH_MAX], dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", out);
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    if (!realpath(bundle, b) || !realpath(dir, d))
        return 0;
    size_t n = strlen(b);
    return !strncmp(b, d, n) && (d[n] == '\0' || d[n] == '/');
}

as_status report_make(const report_opts *o, report_fail_fn fail, void *ud,
                      char sha_hex[65], as_err *err)
{
    const file_write_opts fo = {0644, 0};
    file_writer w;
    report_data d;
    xbuf pdf;
    uint8_t h[32];
    as_status st;

    memset(&d, 0, sizeof d);
    xbuf_init(&pdf);
    if (sodium_init() < 0)
        return as_err_set(err, AS_ENOMEM, "libsodium could not start");
    if (inside(o->bundle, o->out))
        return as_err_set(err, AS_EINVAL, "%s: inside the bundle %s; write the "
                          "minutes elsewhere (a file added to a bundle makes it "
                          "fail verification)", o->out, o->bundle);
    if ((st = file_writer_open(&w, o->out, &fo, err)) != AS_OK)
        return st;
    if ((st = check(o, fail, ud, err)) != AS_OK ||
        (st = report_load(o->bundle, o->lang, &d, err)) != AS_OK ||
        (st = render(&d, &pdf, err)) != AS_OK)
        goto cleanup;
    crypto_hash_sha256(h, (const unsigned char *)pdf.p, pdf.len);
    record_hex(h, sizeof h, sha_hex);
    file_writer_write(&w, pdf.p, pdf.len);
    st = file_writer_commit(&w, NULL, NULL, err);
cleanup:
    if (st != AS_OK)
        file_writer_abort(&w);
    report_data_free(&d);
    xbuf_free(&pdf);
    return st;
}
