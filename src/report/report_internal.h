/* report_internal.h: shared by the files of the minutes (src/report/):
 * the bundle as the minutes read it (report_load.c), drawing on a cairo
 * page (report_cairo.c), the words (report_words.c) and the pages
 * (report_pages.c).  Not a public interface. */
#ifndef AS_REPORT_INTERNAL_H
#define AS_REPORT_INTERNAL_H

#include <cairo.h>
#include "displaylist.h"
#include "record.h"
#include "room.h"
#include "snapshot.h"
#include "verify.h"
#include "verify_tally.h"

/* The bundle, recounted, and the snapshot the room display draws. */
typedef struct {
    verify_counted c;        /* meeting.yaml, results.txt, recounts */
    verify_attendance att;   /* attendance.txt */
    char fpr[RECORD_FPR_SIZE]; /* the kiosk key's fingerprint (device.pub) */
    snapshot_proposal *props; /* [nprops] */
    snapshot sn;             /* sn.room is set for each chart */
    meeting *view;           /* --lang: the meeting in that language alone
                                (sn.meeting); its strings are c.m's */
} report_data;

/* The meeting the minutes are written in: every language of it. */
#define RD_MEETING(d) ((d)->sn.meeting)

/* report_load: reads a bundle that verified into d (report_data_free it,
 * also after a failure).  lang: a meeting language's code or NULL (all).
 * AS_EINVAL for a lang the meeting lacks (err names those it has), the
 * reading failures of verify_tally_count, AS_ENOMEM. */
as_status report_load(const char *bundle, const char *lang, report_data *d,
                      as_err *err);
void report_data_free(report_data *d);

/* A page being filled from the top: positions in points. */
typedef struct {
    cairo_t *cr;
    double y;                      /* the next line's top */
    double left, right, top, bottom;
    int page;                      /* pages begun so far */
    const char *foot;              /* the footer of every page */
} rpage;

#define RP_A4_W 595.276
#define RP_A4_H 841.890

/* rp_font: Noto Sans (fontconfig) at size points, bold or not. */
void rp_font(cairo_t *cr, double size, int bold);
/* rp_metrics: a ui_metrics measuring through cr (its font options must
 * be linear, as a PDF's are), in the units cr is in. */
void rp_metrics(cairo_t *cr, ui_metrics *mx);
/* rp_begin / rp_end_page: the first page; rp_end_page finishes one (its
 * footer) and starts the next. */
void rp_begin(rpage *p, cairo_t *cr, const char *foot);
void rp_end_page(rpage *p);
/* rp_need: starts a new page unless h points are left on this one. */
void rp_need(rpage *p, double h);
/* rp_text: text wrapped at word boundaries into the page's width (a word
 * wider than the page breaks between characters; '\n' starts a new
 * line), continuing on new pages; never cut.  rgb 0xRRGGBB. */
void rp_text(rpage *p, const char *text, double size, int bold, uint32_t rgb);
/* rp_text_at: the same, in a column from x of width w, from y; returns
 * the height used (no page breaks: the caller made room). */
double rp_text_at(cairo_t *cr, const char *text, double x, double y, double w,
                  double size, int bold, uint32_t rgb);
/* rp_draw_list: the display list l scaled into width w at (x, y): rects,
 * text runs (as text, so the PDF's text can be read back), images. */
void rp_draw_list(cairo_t *cr, const dl_list *l, double x, double y, double w);
/* rp_qr: text as a QR code (level M, 4 modules of quiet zone) drawn as
 * vector squares, side points wide at (x, y).  -1 if it cannot be
 * encoded (out of memory). */
int rp_qr(cairo_t *cr, const char *text, double x, double y, double side);

/* The words (report_words.c), in the current gettext language: the
 * method and rule; the outcome word (PASSED, ELECTED ...) and sentence;
 * the counts on their stated base; option names in language lang (an
 * index into the meeting's). */
void report_rule_words(const proposal *p, char *buf, size_t n);
const char *report_outcome_word(const proposal *p, const tally_result *r);
void report_outcome_sentence(const meeting *m, const proposal *p,
                             const tally_result *r, int lang, char *buf, size_t n);
void report_counts_words(const meeting *m, const proposal *p,
                         const tally_result *r, int lang, char *buf, size_t n);

/* report_pages: every page of the minutes onto cr (a PDF surface).
 * AS_ENOMEM. */
as_status report_pages(cairo_t *cr, report_data *d, as_err *err);

#endif
