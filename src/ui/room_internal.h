/* room_internal.h: shared by the room view's files (room*.c).  Not a
 * public interface: include/room.h is the contract.
 *
 * Every view lays out one block per meeting language; the block functions
 * take a font size and a dry flag, so the dispatcher can look for the
 * largest size at which everything fits (never below the minimum) before
 * it draws anything.  Nothing is clipped or cut: a word that does not fit
 * its width clears ctx.ok, and the caller tries a smaller size or another
 * arrangement. */
#ifndef AS_ROOM_INTERNAL_H
#define AS_ROOM_INTERNAL_H

#include <stdint.h>
#include "room.h"
#include "ui_internal.h"

/* The room's colours: the kiosk's theme (>= 10:1 for every text), plus
 * the shade of votes a candidate just received (a bar, never behind
 * text). */
#define ROOM_BG C_BG
#define ROOM_BLANK_BG 0x000000u
#define ROOM_TEXT C_TEXT
#define ROOM_BAR C_BAR
#define ROOM_BAR_NEW 0x4F8FE0u
#define ROOM_BAR_LOSS 0x8A8A8Au
#define ROOM_TRACK 0xD8DDE6u

struct room {
    ui_metrics mx;
    ui_qr qr;
    char reflow[65536];
};

typedef struct {
    room *r;
    const snapshot *sn;
    const meeting *m;
    dl_list *dl;
    int w, h;
    int margin, gap;
    int px_min;   /* body: cap height >= h * ROOM_MIN_CAP_FRAC */
    int px_big;   /* outcome: cap height >= h * ROOM_OUTCOME_CAP_FRAC */
    int ok;       /* cleared when a word did not fit its width */
    int compact;  /* the view drops what is said elsewhere (kiosks) */
    int limit;    /* agenda: items shown at most (-1: all) */
} room_ctx;

/* A block of one language at font size px in a; returns the height used.
 * dry != 0 measures only. */
typedef int (*room_block_fn)(room_ctx *c, int lang, box a, int px, int dry,
                             const void *arg);

/* ---- text and layout (room_text.c) ---- */

/* room_px_for_cap: the smallest font size whose cap height is cap px. */
int room_px_for_cap(const room_ctx *c, double cap);
int room_lh(const room_ctx *c, int px);
int room_width(const room_ctx *c, const char *s, int px, int bold);

/* room_text: wraps s (breaking at spaces, after hyphens and at '\n')
 * into b.w and, unless dry, emits one text run per line from b.y.
 * Returns the height used.  A word wider than b.w clears c->ok (it is
 * drawn whole anyway: never cut). center != 0 centres each line. */
int room_text(room_ctx *c, box b, const char *s, int px, int bold,
              uint32_t fg, uint32_t bg, int center, int dry);

/* room_bar: a horizontal bar of total height bh at a.y: a track, the
 * part `have` of `whole` in ROOM_BAR and, after it, `extra` in
 * ROOM_BAR_NEW.  Not drawn when dry.  Returns bh. */
int room_bar(room_ctx *c, box a, int bh, int64_t have, int64_t extra,
             int64_t whole, int dry);

/* room_lang: switches gettext to the meeting's language k. */
void room_lang(const room_ctx *c, int k);

/* room_langs_fit: lays out fn for every language in area, choosing the
 * arrangement (languages side by side, or one above the other) and the
 * largest font size from px_pref down to c->px_min at which it fits;
 * when nothing fits, draws at the minimum in columns with c->ok cleared.
 * Returns the font size used (0: nothing fitted). dry: only looks. */
int room_langs_fit(room_ctx *c, box area, room_block_fn fn, const void *arg,
                   int px_pref, int dry);

/* room_rows_words: rows (bars with their words, language-free, in up to
 * cols columns; rows_fn returns the height) above every language's
 * sentences (words), at the largest common size that fits a.  Returns 1,
 * or 0 when even the minimum does not fit (then drawn anyway, c->ok
 * cleared). */
typedef int (*room_rows_fn)(room_ctx *c, box a, const void *arg, int px,
                            int cols, int dry);
int room_rows_words(room_ctx *c, box a, room_rows_fn rows, int nrows,
                    room_block_fn words, const void *arg, int dry);

/* room_rows_compact: room_rows_words, first with everything (c->compact
 * 0), then saying less (compact 1 .. levels - 1: each block drops what
 * matters least, never a word of what it keeps) until it fits; returns
 * 1 if something fitted. */
int room_rows_compact(room_ctx *c, box a, room_rows_fn rows, int nrows,
                      room_block_fn words, const void *arg, int levels);

/* room_opt_name: option i of p in language lang. */
const char *room_opt_name(const meeting *m, const proposal *p, int i, int lang);

/* room_names: option names joined by ", " in language lang. */
void room_names(const meeting *m, const proposal *p, const int *idx, int k,
                int lang, char *buf, size_t n);

/* room_reflow: text with single line breaks as spaces (blank lines stay
 * paragraph breaks), in r's buffer. */
const char *room_reflow(room *r, const char *in);

/* room_all_langs: what fn writes for every language, joined by " / "
 * (each distinct wording once: a name is not repeated). */
typedef void (*room_words_fn)(const room_ctx *c, int lang, char *buf,
                              size_t n, const void *arg);
void room_all_langs(const room_ctx *c, room_words_fn fn, const void *arg,
                    char *buf, size_t n);
/* room_msgid_words: a room_words_fn writing arg (an N_() msgid)
 * translated. */
void room_msgid_words(const room_ctx *c, int lang, char *buf, size_t n,
                      const void *arg);

/* room_outcome_word: proposal i's outcome ("PASSED", "ELECTED"...) in
 * the current language; *good: it passed or elected (room_result.c). */
const char *room_outcome_word(const room_ctx *c, int i, int *good);

/* room_attendance: present against quorum in words with a bar marking
 * the quorum (room_agenda.c); returns the height used. */
int room_attendance(room_ctx *c, box a, int64_t present, int quorum, int px,
                    int dry);

/* ---- the views ---- */
void room_agenda(room_ctx *c, box a);              /* room_agenda.c */
void room_proposal(room_ctx *c, box a, int i);     /* room_vote.c */
void room_turnout(room_ctx *c, box a, int i);
void room_result(room_ctx *c, box a, int i);       /* room_result.c */
void room_steps(room_ctx *c, box a, int i, int k); /* room_rounds.c */
/* room_message: a full-screen message in every language (fn's words). */
void room_message(room_ctx *c, box a, room_words_fn fn, const void *arg);

/* room_code_panel: the ballot-list code in large type, its QR code of
 * side qr (>= h * ROOM_QR_FRAC) and the kiosk key's fingerprint, in a
 * (room_code.c).  Returns the height used; dry measures. */
int room_code_panel(room_ctx *c, box a, int i, int qr, int dry);
/* room_qr_side: the QR code's side to aim for (shrunk to h / 3 at most
 * when the words need the room). */
int room_qr_side(const room_ctx *c);

/* room_title_block: proposal i's title in lang (bold, 1.25 x px). */
int room_title_block(room_ctx *c, int lang, box a, int px, int i, int dry);

#endif
