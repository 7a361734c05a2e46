/* report_pages.c: the pages of the minutes: a cover (the meeting, its
 * date, attendance and quorum, the agenda with each outcome, the kiosk
 * key), one or more pages per proposal (its text, the rule, the outcome,
 * the counts, the room display's charts of every round, the ballot-list
 * code and its QR code), and "How to check this".  Every text is in each
 * of the minutes' languages, one after the other. */
#include <stdio.h>
#include <string.h>
#include "i18n.h"
#include "method.h"
#include "report_internal.h"

#define C_INK 0x111111u
#define C_SOFT 0x333333u
#define C_GOOD 0x064020u
#define C_BAD 0x700000u
#define ROOM_W 1920 /* the charts are laid out for a 1920x1080 room screen */
#define ROOM_H 1080
#define STEP_GAP 4.0 /* points between the steps of "How to check this" */
#define QR_SIDE 150.0 /* points: 4.3 mm modules at version 4, read at 150 dpi */

/* in_langs: each language's translation of msgid joined by " / "
 * (identical ones once), leaving gettext on the first language. */
static void in_langs(const meeting *m, const char *msgid, char *buf, size_t n)
{
    buf[0] = '\0';
    for (int l = 0; l < m->nlangs; l++) {
        i18n_set_lang(m->langs[l]);
        const char *t = gettext(msgid);
        size_t len = strlen(buf);
        if (!strstr(buf, t))
            snprintf(buf + len, n - len, "%s%s", len ? " / " : "", t);
    }
    i18n_set_lang(m->langs[0]);
}

/* lang_head: the language's own name before its block, when there are
 * several. */
static void lang_head(rpage *p, const meeting *m, int l)
{
    i18n_set_lang(m->langs[l]);
    if (m->nlangs > 1) {
        p->y += 6;
        rp_text(p, i18n_lang_name(m->langs[l]), 9, 1, C_SOFT);
    }
}

static void cover_lang(rpage *p, const report_data *d, int l)
{
    const meeting *m = RD_MEETING(d);
    char line[1600];
    lang_head(p, m, l);
    snprintf(line, sizeof line, _("Minutes of the meeting of %s"), m->date);
    rp_text(p, line, 12, 1, C_INK);
    snprintf(line, sizeof line, _("Attendance: %lld on the roster, %lld attended, "
                                  "%lld present when the record was exported; "
                                  "quorum %lld."),
             (long long)d->att.roster, (long long)d->att.attended,
             (long long)d->att.checked_in, (long long)d->att.quorum);
    rp_text(p, line, 10.5, 0, C_INK);
    rp_text(p, _("Agenda"), 10.5, 1, C_INK);
    for (int k = 0; k < m->nprops; k++) {
        const proposal *pr = &m->props[k];
        const tally_result *r = d->props[k].result;
        const char *state = r ? report_outcome_word(pr, r)
                          : d->props[k].fig.state == PROP_OPEN ? _("still open")
                                                               : _("not voted on");
        snprintf(line, sizeof line, "%d. %s: %s", k + 1,
                 meeting_text(m, &pr->title, l), state);
        rp_text(p, line, 10.5, 0, C_INK);
    }
    snprintf(line, sizeof line, _("Kiosk key fingerprint: %s"), d->fpr);
    rp_text(p, line, 10.5, 0, C_INK);
}

static void cover(rpage *p, const report_data *d)
{
    const meeting *m = RD_MEETING(d);
    rp_text(p, m->title, 22, 1, C_INK);
    p->y += 4;
    for (int l = 0; l < m->nlangs; l++)
        cover_lang(p, d, l);
}

static void prop_lang(rpage *p, const report_data *d, int k, int l)
{
    const meeting *m = RD_MEETING(d);
    const proposal *pr = &m->props[k];
    const tally_result *r = d->props[k].result;
    char line[6000];
    lang_head(p, m, l);
    rp_text(p, meeting_text(m, &pr->title, l), 15, 1, C_INK);
    rp_text(p, meeting_text(m, &pr->text, l), 10.5, 0, C_INK);
    report_rule_words(pr, line, sizeof line);
    rp_text(p, line, 10, 0, C_SOFT);
    if (!r) {
        rp_text(p, d->props[k].fig.state == PROP_OPEN
                       ? _("Still open when the record was exported: no count.")
                       : _("Not voted on: no ballots."), 10.5, 1, C_INK);
        return;
    }
    int good = r->verdict == TALLY_PASSED || r->verdict == TALLY_ELECTED;
    rp_text(p, report_outcome_word(pr, r), 14, 1, good ? C_GOOD : C_BAD);
    report_outcome_sentence(m, pr, r, l, line, sizeof line);
    if (line[0])
        rp_text(p, line, 10.5, 0, C_INK);
    report_counts_words(m, pr, r, l, line, sizeof line);
    rp_text(p, line, 10, 0, C_INK);
}

/* charts: the room display's result view of proposal k, round 0 (the
 * outcome) and then every round the console can step through. */
static as_status charts(rpage *p, report_data *d, int k, room *rm, dl_list *dl)
{
    const meeting *m = RD_MEETING(d);
    double w = p->right - p->left, h = w * ROOM_H / ROOM_W;
    int rounds = method_result_steps(&m->props[k], d->props[k].result);
    char cap[400], msg[120];
    for (int round = 0; round <= rounds; round++) {
        d->sn.room = (room_show){ROOM_RESULT, k, round, 0};
        room_build(rm, &d->sn, ROOM_W, ROOM_H, dl);
        if (dl->oom)
            return AS_ENOMEM;
        if (round == 0) {
            in_langs(m, N_("As the room display showed it"), cap, sizeof cap);
        } else {
            cap[0] = '\0';
            for (int l = 0; l < m->nlangs; l++) {
                i18n_set_lang(m->langs[l]);
                size_t len = strlen(cap);
                snprintf(msg, sizeof msg, _("Round %d of %d"), round, rounds);
                snprintf(cap + len, sizeof cap - len, "%s%s", l ? " / " : "", msg);
            }
        }
        rp_need(p, h + 20);
        p->y += 6;
        rp_text(p, cap, 9, 1, C_SOFT);
        rp_draw_list(p->cr, dl, p->left, p->y, w);
        p->y += h + 4;
    }
    return AS_OK;
}

/* code_block: the ballot-list code in words and type, its QR code at the
 * right. */
static as_status code_block(rpage *p, const report_data *d, int k)
{
    const meeting *m = RD_MEETING(d);
    char code[RECORD_ROOM_CODE_SIZE], qr[RECORD_QR_TEXT_SIZE], label[400];
    const uint8_t *root = d->props[k].fig.root;
    double x = p->right - QR_SIDE, top;
    rp_need(p, QR_SIDE + 12);
    top = p->y += 8;
    record_room_code(root, code);
    record_qr_text(m->props[k].id, root, qr);
    if (rp_qr(p->cr, qr, x, top, QR_SIDE) != 0)
        return AS_ENOMEM;
    in_langs(m, N_("Ballot-list code"), label, sizeof label);
    double y = top + rp_text_at(p->cr, label, p->left, top, x - p->left - 10, 10, 1, C_INK);
    y += rp_text_at(p->cr, code, p->left, y + 2, x - p->left - 10, 15, 1, C_INK) + 6;
    for (int l = 0; l < m->nlangs; l++) {
        i18n_set_lang(m->langs[l]);
        y += rp_text_at(p->cr, _("The QR code holds the proposal and its ballot "
                                 "list's full root: check it with asamblea verify "
                                 "(last page)."),
                        p->left, y, x - p->left - 10, 9, 0, C_SOFT) + 2;
    }
    i18n_set_lang(m->langs[0]);
    p->y = top + QR_SIDE + 4 > y ? top + QR_SIDE + 4 : y;
    return AS_OK;
}

static as_status proposal_pages(rpage *p, report_data *d, int k, room *rm,
                                dl_list *dl)
{
    const meeting *m = RD_MEETING(d);
    char head[200];
    as_status st = AS_OK;
    rp_end_page(p);
    snprintf(head, sizeof head, "%d / %d  ·  %s", k + 1, m->nprops, m->props[k].id);
    rp_text(p, head, 9, 0, C_SOFT);
    for (int l = 0; l < m->nlangs; l++)
        prop_lang(p, d, k, l);
    i18n_set_lang(m->langs[0]);
    if (!d->props[k].result)
        return AS_OK;
    if ((st = charts(p, d, k, rm, dl)) == AS_OK)
        st = code_block(p, d, k);
    return st;
}

/* example: the verify command for this bundle's first closed proposal,
 * with its code and the kiosk key, as one would type it. */
static void example(rpage *p, const report_data *d)
{
    const meeting *m = RD_MEETING(d);
    char code[RECORD_ROOM_CODE_SIZE], line[400];
    for (int k = 0; k < m->nprops; k++) {
        if (!d->props[k].result)
            continue;
        record_room_code(d->props[k].fig.root, code);
        /* TRANSLATORS: the folder in "asamblea verify BUNDLE --root ..." */
        snprintf(line, sizeof line, "    asamblea verify %s --key %s --root %s=%s",
                 _("BUNDLE"), d->fpr, m->props[k].id, code);
        rp_text(p, line, 9.5, 1, C_INK);
        return;
    }
}

static void howto(rpage *p, const report_data *d)
{
    const meeting *m = RD_MEETING(d);
    char line[1200];
    rp_end_page(p);
    for (int l = 0; l < m->nlangs; l++) {
        lang_head(p, m, l);
        rp_text(p, _("How to check this"), 16, 1, C_INK);
        rp_text(p, _("1. Get the exported record (the bundle these minutes were "
                     "made from) and install asamblea on any computer "
                     "(docs/verify.md)."), 10.5, 0, C_INK);
        p->y += STEP_GAP;
        rp_text(p, _("2. Run: asamblea verify BUNDLE --root ID=CODE for each "
                     "proposal, with the ballot-list code shown in the room (or "
                     "printed here) and, with --key, the kiosk key fingerprint."),
                10.5, 0, C_INK);
        example(p, d);
        p->y += STEP_GAP;
        snprintf(line, sizeof line, _("3. \"all checks passed\" means: the record is "
                                      "the one the kiosk signed (key %s), nothing "
                                      "in it was changed, every count above was "
                                      "made again from the anonymous ballot lists, "
                                      "and each list is the one whose code the room "
                                      "saw."), d->fpr);
        rp_text(p, line, 10.5, 0, C_INK);
        p->y += STEP_GAP;
        rp_text(p, _("4. asamblea report BUNDLE -o minutes.pdf makes these minutes "
                     "again, byte for byte: compare the SHA-256 it prints with the "
                     "one published."), 10.5, 0, C_INK);
        p->y += 8;
    }
    i18n_set_lang(m->langs[0]);
}

as_status report_pages(cairo_t *cr, report_data *d, as_err *err)
{
    cairo_surface_t *ms = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t *mcr = cairo_create(ms);
    cairo_font_options_t *fo = cairo_font_options_create();
    ui_metrics mx;
    room *rm = NULL;
    dl_list dl;
    rpage p;
    as_status st = AS_OK;
    char foot[400];

    dl_init(&dl);
    /* measured as the PDF draws: no hinting, so widths scale linearly */
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_set_font_options(mcr, fo);
    cairo_set_font_options(cr, fo);
    rp_metrics(mcr, &mx);
    if (cairo_status(mcr) != CAIRO_STATUS_SUCCESS || room_new(&mx, &rm) != AS_OK) {
        st = as_err_set(err, AS_ENOMEM, "out of memory starting the minutes");
        goto cleanup;
    }
    const meeting *m = RD_MEETING(d);
    snprintf(foot, sizeof foot, "%s  ·  %s", m->title, m->date);
    i18n_set_lang(m->langs[0]);
    rp_begin(&p, cr, foot);
    cover(&p, d);
    for (int k = 0; k < m->nprops && st == AS_OK; k++)
        st = proposal_pages(&p, d, k, rm, &dl);
    if (st != AS_OK) {
        as_err_set(err, st, "out of memory drawing the minutes");
        goto cleanup;
    }
    howto(&p, d);
    rp_end_page(&p);
cleanup:
    room_free(rm);
    dl_free(&dl);
    cairo_font_options_destroy(fo);
    cairo_destroy(mcr);
    cairo_surface_destroy(ms);
    return st;
}
