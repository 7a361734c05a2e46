/* print.h: printed credentials: sheets of badges and decks of anonymous
 * voting cards as print-ready PDF (cairo), and one PNG per badge to send
 * to a phone.
 *
 * Every credential is a card of PRINT_CARD_W x PRINT_CARD_H mm (the size
 * of a bank card, so standard badge holders fit) with a heading (the
 * person's name, or "Voting card"), a title (meeting or organization), the
 * token as a QR code (libqrencode, alphanumeric mode, error correction M,
 * four-module quiet zone, drawn as vector rectangles, symbol at least
 * PRINT_QR_MIN_MM wide) and the token as large monospaced text for manual
 * entry.  Cards sit edge to edge in a 2 x 4 grid centred on the page, with
 * cut marks in the margins; the grid leaves at least 10 mm of margin on
 * both US letter and A4.  All text is real PDF text (cairo + fontconfig:
 * "Noto Sans", "Noto Sans Mono").
 *
 * Nothing here logs or prints a token. */
#ifndef AS_PRINT_H
#define AS_PRINT_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"

#define PRINT_CARD_W 85.0   /* mm */
#define PRINT_CARD_H 54.0   /* mm */
#define PRINT_QR_MIN_MM 25.0 /* smallest printed symbol, quiet zone excluded */
#define PRINT_PNG_PX_PER_MM 12 /* PNG resolution: a 1.25 mm module is 15 px */
#define PRINT_NAME_MAX 64   /* print_file_name's buffer, with the NUL */

typedef enum { PRINT_LETTER = 0, PRINT_A4 = 1 } print_paper;

/* One card to print.  heading and title are UTF-8 (title may be NULL or
 * ""); token is a canonical token (token_normalize's form). */
typedef struct {
    const char *heading;
    const char *title;
    const char *token;
} print_item;

/* Where things go on a page, in millimetres from the page's top left. */
typedef struct {
    double page_w, page_h;
    int cols, rows;        /* cards per row and per column */
    double left, top;      /* the grid's top-left corner */
    double card_w, card_h;
    double qr_x, qr_y;     /* the symbol's top-left corner inside a card
                            * (quiet zone excluded) for a PRINT_QR_MODULES
                            * symbol */
    double module;         /* width of one QR module */
    double qr_mm;          /* symbol width, quiet zone excluded */
} print_layout;

/* The width in modules of a token's symbol (version 1: 21).  Tokens are 20
 * alphanumeric characters, exactly what version 1-M holds. */
#define PRINT_QR_MODULES 21

/* print_paper_parse: "letter" or "a4" (any case) into *out; AS_EINVAL
 * otherwise. */
as_status print_paper_parse(const char *s, print_paper *out);

/* print_layout_get: the layout used for paper.  Never fails. */
void print_layout_get(print_paper paper, print_layout *out);

/* Called by print_pdf once the complete PDF is durably in its temporary
 * file and before it is renamed into place.  A non-AS_OK return (with err
 * filled) makes print_pdf delete the temporary file and return that
 * status, so the callback can register what was printed and a failure of
 * either leaves neither. */
typedef as_status (*print_commit_fn)(void *ud, as_err *err);

/* print_pdf: writes the n items (n >= 1), cols x rows per page in order, to the
 * PDF file path, atomically: a temporary file in the same directory,
 * fsync, commit(ud) if commit is non-NULL, rename, fsync of the directory.
 * On any failure path is untouched (an existing file is kept) and no
 * temporary file is left.  Fails with
 *   AS_EINVAL    an item without a heading or with a token that does not
 *                fit a version-1 QR symbol (err names the item);
 *   AS_ENOENT    the directory of path does not exist (err says to create
 *                it);
 *   AS_EREADONLY / AS_EFULL / AS_EIO as the OS reports;
 *   AS_ENOMEM;
 *   or whatever commit returned. */
as_status print_pdf(const char *path, print_paper paper, const print_item *items,
                    int n, print_commit_fn commit, void *ud, as_err *err);

/* print_png: writes one card as a PNG of PRINT_CARD_W x PRINT_CARD_H mm at
 * PRINT_PNG_PX_PER_MM pixels per mm (QR modules on whole pixels) to path,
 * atomically as print_pdf does.  Fails as print_pdf. */
as_status print_png(const char *path, const print_item *item, as_err *err);

/* print_png_each: one PNG per item (print_png) into the existing folder
 * dir, named after its heading (the person's name) by print_file_name;
 * equal names get "-2", "-3", ... so no file is overwritten by another
 * person's badge.  Stops
 * at the first failure (err names the file); the images written before
 * it stay. */
as_status print_png_each(const char *dir, const print_item *items, int n,
                         as_err *err);

/* Called by print_deck with the keyed hashes of the n tokens just
 * printed, once the PDF is safely on disk and before it takes its name:
 * registering them (store_add_cards) there means a failure of either
 * leaves neither. */
typedef as_status (*print_register_fn)(void *ud, const uint8_t (*hashes)[32], int n,
                                       as_err *err);

/* print_deck: a deck of n anonymous voting cards (1 <= n <=
 * PRINT_DECK_MAX) to the PDF path, as print_pdf: each a fresh token
 * (token_new), the heading "Voting card" and title; no name, no number.
 * The tokens exist only in this call's memory (wiped before it returns)
 * and in the PDF; reg (required) gets their hashes under key.  Fails as
 * print_pdf, AS_EINVAL for n out of range, or with reg's status. */
#define PRINT_DECK_MAX 5000
as_status print_deck(const char *path, print_paper paper, int n, const char *title,
                     const uint8_t key[32], print_register_fn reg, void *ud,
                     as_err *err);

/* print_file_name: a safe file name stem for a person's name: lower-case
 * ASCII letters and digits, accented Latin letters folded to their base
 * letter, every other run of characters one '-', no leading or trailing
 * '-', at most PRINT_NAME_MAX - 1 bytes; "badge" if nothing is left.
 * Never fails; out has PRINT_NAME_MAX bytes. */
void print_file_name(const char *name, char out[PRINT_NAME_MAX]);

#endif
