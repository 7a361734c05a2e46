/* ui_internal.h: shared between the UI's layout helpers (ui_layout.c,
 * ui_parts.c), its screens (ui_voter.c, ui_fac.c, ui_desk.c, ui_ballot.c,
 * ui_results.c) and the dispatcher (ui_screens.c).  Not a public
 * interface. */
#ifndef AS_UI_INTERNAL_H
#define AS_UI_INTERNAL_H

#include "ui.h"
#include "ui_qr.h"
#include "tally.h"

/* Default theme.  Every text/background pair is >= 10:1 (WCAG), checked
 * by tests; meaning is always in words, never in colour alone. */
#define C_BG 0xFFFFFFu
#define C_TEXT 0x111111u
#define C_MUTED 0x2B2B2Bu
#define C_PRIMARY 0x083070u
#define C_ON_PRIMARY 0xFFFFFFu
#define C_PANEL 0xEEF1F6u
#define C_BORDER 0x1A1A1Au
#define C_PASS 0x064020u
#define C_FAIL 0x700000u
#define C_BAR 0x083070u

typedef struct {
    int x, y, w, h;
} box;

typedef enum { BTN_PRIMARY, BTN_SECONDARY } btn_style;
typedef enum { ALIGN_LEFT, ALIGN_CENTER } text_align;

struct ui {
    ui_metrics mx;
    double dpi;
    dl_list *dl;
    /* view state */
    int last_screen, last_proposal;
    int scroll, scroll_max;
    int page, pages;
    int scroll_step;
    int qr_view;        /* the result's QR code fills the screen */
    int desk_list;      /* the name search's matches fill the screen */
    int room_panel;     /* FAC_HOME: the room's buttons on their own panel */
    int round;          /* ranked results: 0 summary, k: round k */
    int rounds;         /* ... of this many */
    ui_qr qr;
    /* sizes in px, derived from dpi */
    int margin, gap, target, pad;
    int px_title, px_body, px_button, px_big;
    char lang[8];
    char reflow[65536]; /* the current proposal text, reflowed */
};

/* text_px: font size whose cap height is cap_mm. */
int ui_text_px(const ui *u, double cap_mm);

/* ui_text: wraps s into b.w and emits one DL_TEXT per line starting at
 * b.y (lines below clip are skipped, not emitted).  Lines break at spaces
 * and after a hyphen inside a word; a word wider than b.w shrinks the
 * whole text (not below UI_MIN_CAP_MM) rather than break mid-word, and
 * nothing is ever cut short with an ellipsis.  Returns the height
 * used (all lines, even skipped ones).  dry != 0 measures only. */
int ui_text(ui *u, box b, const char *s, int px, int bold, uint32_t fg,
            uint32_t bg, text_align al, const dl_rect *clip, int dry);

/* ui_text_lines: the height of s wrapped at width w (measure only). */
int ui_text_height(ui *u, int w, const char *s, int px, int bold);

/* ui_button: a tappable rect with its label centred in it. */
void ui_button(ui *u, box b, const char *label, int action, int arg,
               btn_style style);

/* ui_button_text: the same, showing text (which may be longer, e.g. a
 * title and a state line) while label stays the short name to tap by. */
void ui_button_text(ui *u, box b, const char *label, const char *text,
                    int action, int arg, btn_style style);

/* ui_button_h: height a button needs for label at width w (>= target). */
int ui_button_h(ui *u, int w, const char *label);

/* ui_rect: a filled (border 0) or outlined rect, not tappable. */
void ui_rect(ui *u, box b, uint32_t color, int border);

/* A row of buttons at the bottom of area: lays them out left to right,
 * wrapping into more rows when a label would not fit, and returns the
 * total height used.  dry != 0 only measures. */
typedef struct {
    const char *label;
    int action, arg;
    btn_style style;
} btn_spec;
int ui_button_rows(ui *u, box area, const btn_spec *b, int n, int dry);

/* Shared by every screen file (ui_parts.c). */

/* ui_heading: a bold title at the top of area; the height used with the
 * gap below it. */
int ui_heading(ui *u, box area, const char *s, int px);

/* The pieces every screen lays out with (ui_parts.c). */

/* ui_inset: the screen w x h less its margins. */
box ui_inset(ui *u, int w, int h);

/* ui_ptitle: proposal i's title in language lang (falling back to the
 * first language). */
const char *ui_ptitle(const meeting *m, int i, int lang);

/* ui_reflow: a proposal's text with single line breaks as spaces (blank
 * lines stay paragraph breaks), in u's buffer (valid until the next
 * call). */
const char *ui_reflow(ui *u, const char *in);

/* ui_choice_word: "Yes", "No" or "Abstain" for CHOICE_*, translated. */
const char *ui_choice_word(int c);

/* ui_footer: buttons at the bottom of area; area shrinks to what is
 * above them. */
void ui_footer(ui *u, box *area, const btn_spec *b, int n);

/* ui_list_body: a paged list of full-width buttons with the screen's own
 * footer buttons (extra) below. */
void ui_list_body(ui *u, box area, const char *const *labels,
                  const char *const *texts, const int *args, int n,
                  int action, const btn_spec *extra, int nextra);

/* ui_attendance_words: "23 checked in of 15 needed: quorum met" (or
 * NOT met, or "No quorum is required"), translated. */
void ui_attendance_words(int64_t checked_in, int quorum, char *buf, size_t n);

/* ui_quorum_bar: a bar (not tappable) showing checked_in against quorum
 * at the top of a, with a mark where quorum is; meaning is in the words
 * beside it, never in the bar alone.  Returns the height used (0 when
 * there is no quorum). */
int ui_quorum_bar(ui *u, box a, int64_t checked_in, int quorum);

/* ui_quorum_meter: the words, then the bar below them if it fits in a.h
 * (the words always show); returns the height used. */
int ui_quorum_meter(ui *u, box a, int64_t checked_in, int quorum);

/* ui_scrolled: draws fn into a; when what it drew runs below a, draws
 * it again narrower inside a region dragged to scroll (region_label
 * names it), with Scroll up / Scroll down beside it, shifted by the
 * scroll offset and clipped to a, so a long result on a small console
 * scrolls instead of running under the footer. */
typedef void (*ui_draw_fn)(ui *u, box a, const void *arg);
void ui_scrolled(ui *u, box a, ui_draw_fn fn, const void *arg,
                 const char *region_label);

/* ui_text_panel: a scrollable panel (region_label names it) showing head
 * (bold, title size; may be NULL) and text (at px), with Scroll up / Scroll down buttons at
 * its right when they do not fit in a. */
void ui_text_panel(ui *u, box a, const char *head, const char *text, int px,
                   const char *region_label);

/* The attendee's screens (ui_voter.c) and the facilitator's (ui_fac.c),
 * which ui_build (ui_screens.c) picks by the view's screen; v is the
 * snapshot's view with the language ui_build chose. */
void ui_scr_idle(ui *u, const snapshot *s, const session_view *v, box a);
void ui_scr_message(ui *u, const session_view *v, box a);
void ui_scr_language(ui *u, const snapshot *s, box a);
void ui_scr_list(ui *u, const snapshot *s, const session_view *v, box a);
void ui_scr_proposal(ui *u, const snapshot *s, const session_view *v, box a);
void ui_scr_review(ui *u, const snapshot *s, const session_view *v, box a);
void ui_scr_recorded(ui *u, const session_view *v, box a);
void ui_scr_still(ui *u, box a);
void ui_scr_vote_error(ui *u, const session_view *v, box a);
void ui_scr_fac_home(ui *u, const snapshot *s, const session_view *v, box a);
void ui_scr_fac_proposal(ui *u, const snapshot *s, const session_view *v,
                         box a);
void ui_scr_fac_confirm(ui *u, const snapshot *s, const session_view *v,
                        box a);

/* The ballot screens (ui_ballot.c). */
/* ui_ordinal: "1st".."24th" translated ("1.º" in Spanish); "" outside. */
const char *ui_ordinal(int k);
/* ui_ballot_screen: SCR_BALLOT for every method but yes-no-abstain. */
void ui_ballot_screen(ui *u, const snapshot *s, const session_view *v, box a);
/* ui_choice_meaning: a consensus choice's one-line meaning, or NULL. */
const char *ui_choice_meaning(const snapshot *s, const session_view *v);
/* ui_review_words: the pending choice in words for the review screen
 * ("Your choice: Stand aside", or the ranked names, one a line). */
void ui_review_words(const snapshot *s, const session_view *v, char *buf, size_t n);

/* A box this high means "as high as the content": a result laid out in
 * one flow for ui_scrolled (the ballot-list code follows the content
 * instead of sitting at the bottom). */
#define UI_FLOW_H 1000000

/* The results of a closed proposal (ui_results.c): the outcome and the
 * rule in words, counts, winners, rounds.  r is tally_counter's. */
void ui_result_block(ui *u, const meeting *m, int i, const tally_result *r,
                     const session_figures *f, box a);
/* A result's rules and outcome in words, translated into the current
 * language (result_words.c): "a third", "half", "90%" or "3/5"; the
 * consensus rule ("passes with no blocks; tabled if a third or more stand
 * aside"); the threshold ("more than 1/2 of yes + no (majority)"); why
 * there is no result ("" when there is one); option names joined by ", ".
 * Each writes at most n bytes into buf, always NUL-terminated. */
void ui_fraction_words(int num, int den, char *buf, size_t n);
void ui_consensus_rule_words(const consensus_rule *c, char *buf, size_t n);
void ui_threshold_words(const proposal *p, char *buf, size_t n);
/* ui_threshold_name: a threshold's name as written in the meeting file
 * ("two-thirds"), translated; a fraction ("3/5") as it is. */
const char *ui_threshold_name(const threshold *th);
void ui_no_result_words(const tally_result *r, const proposal *p, char *buf,
                        size_t n);
void ui_names_list(const meeting *m, const proposal *p, const int *idx, int k,
                   char *buf, size_t n);

/* The pieces of the results layouts (ui_results.c): an option's name in
 * the default language; whether x is among v[0..n); the outcome word on
 * its colour with its sentence beside or below it (returns the height
 * used); "Elected: Ana, Luis" or why there is no result. */
const char *ui_opt_name(const meeting *m, const proposal *p, int i);
int ui_is_in(const int *v, int n, int x);
int ui_banner(ui *u, box a, const char *word, int good, const char *sentence);
void ui_elected_sentence(const meeting *m, const proposal *p,
                         const tally_result *r, char *buf, size_t n);
/* The layouts in files of their own: the winners and one page per round
 * (ui_result_rounds.c); the winner and the method's table of numbers,
 * e.g. condorcet's pairwise preferences (ui_result_table.c). */
void ui_result_rounds(ui *u, const meeting *m, const proposal *p,
                      const tally_result *r, box a);
void ui_result_table(ui *u, const meeting *m, const proposal *p,
                     const tally_result *r, box a);
/* ui_fill: text (translated) with its one "%s" replaced by who, into buf
 * (a method's words are data, not printf formats; ui_ballot.c). */
void ui_fill(char *buf, size_t n, const char *text, const char *who);

/* The facilitator's closed yes-no-abstain result (counts on one stated
 * base, outcome, rule, ballot-list code) and the QR view of any closed
 * result (ui_fac_result.c). */
void ui_fac_yna_result(ui *u, const meeting *m, int i, const session_figures *f,
                       const tally_result *r, box a);
void ui_fac_qr_view(ui *u, const meeting *m, int i, const session_figures *f,
                    const tally_result *r, const session_view *v, box a);
/* The console's control of the room display (ui_fac_room.c):
 * ui_room_words: "Room display: the result of <title>, round 2 of 4",
 * translated, into buf ("this result" when here, the proposal on the
 * console's screen, is the one the room shows).  ui_room_home_buttons / ui_room_prop_buttons:
 * the console's buttons for the room (and the facilitators' language,
 * on the home screen) appended to b[*nb] (b has room for 8 more). */
void ui_room_words(const snapshot *s, int lang, int here, char *buf, size_t n);
void ui_room_home_buttons(const snapshot *s, int lang, btn_spec *b, int *nb);
void ui_room_prop_buttons(const snapshot *s, int i, btn_spec *b, int *nb);

/* The check-in desk's screens (ui_desk.c). */
void ui_desk_idle(ui *u, const snapshot *s, const session_view *v, box a);
void ui_desk_screen(ui *u, const snapshot *s, const session_view *v, box a);

/* ui_fac_kiosks (ui_fac_kiosks.c): on a hub, the facilitator's list of
 * kiosks for the proposal: each one's number and name, whether it is on,
 * its share of the votes (never a count) and, while closing, whether its
 * ballots are in.  Draws nothing for a kiosk alone.  Returns the height
 * used. */
int ui_fac_kiosks(ui *u, const snapshot *s, box a);

#endif
