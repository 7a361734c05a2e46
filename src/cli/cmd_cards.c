/* cmd_cards.c: `asamblea cards N -o cards.pdf --meeting MEETING.yaml
 * --data DIR [--paper letter|a4]`: a deck of N anonymous voting cards,
 * registered in the meeting's data directory so the kiosk accepts them.
 *
 * Each card has a fresh token (token_new), the words "Voting card" and
 * the meeting's title: no name, no number, nothing from the roster.  The
 * tokens live only in this process's memory (wiped before exit) and in
 * the PDF; the data directory gets their keyed hashes.
 *
 * Order: the PDF is written completely to a temporary file and fsynced,
 * then the hashes are registered in one transaction, then the file is
 * renamed into place (print_pdf's commit callback).  A failed print
 * registers nothing; a failed registration leaves no PDF.  The one
 * window left is a crash or a failed rename between commit and rename:
 * cards registered whose tokens exist only in a deleted temporary file,
 * which nobody can ever present (they only raise store_card_count).
 * Registering first and deleting on failure would instead leave, after a
 * crash, a printable deck that is not registered or registrations to
 * undo by hand. */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sodium.h>
#include "cli_util.h"
#include "commands.h"
#include "meeting.h"
#include "print.h"
#include "store_sqlite.h"
#include "token.h"

#define CARDS_MAX 5000

static void usage(FILE *f)
{
    fputs("usage: asamblea cards N -o CARDS.pdf --meeting MEETING.yaml --data DIR\n"
          "                      [--paper letter|a4]\n"
          "  Prints N anonymous voting cards (1 to 5000; 8 per page) and registers\n"
          "  them in the kiosk's data directory.  Print at actual size (100%).\n"
          "  -o FILE        the PDF to write (its folder must exist)\n"
          "  --meeting F    the meeting file (its title goes on the cards)\n"
          "  --data DIR     the kiosk's data directory (created if missing)\n"
          "  --paper P      letter (default) or a4\n",
          f);
}

typedef struct {
    store *s;
    const uint8_t (*hashes)[TOKEN_HASH_SIZE];
    int n;
} commit_ctx;

static as_status register_cards(void *ud, as_err *err)
{
    commit_ctx *c = ud;
    return store_add_cards(c->s, c->hashes, c->n, err);
}

/* 1..CARDS_MAX written in decimal digits only, or 0. */
static int parse_count(const char *s)
{
    long v = 0;

    if (!s || !*s)
        return 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return 0;
        v = v * 10 + (*p - '0');
        if (v > CARDS_MAX)
            return 0;
    }
    return (int)v;
}

/* The folder that will hold out exists and is a folder: checked before
 * anything (the data directory included) is created. */
static int out_dir_ok(const char *out)
{
    char *copy = strdup(out);
    struct stat sb;
    int ok;

    if (!copy)
        return 0;
    ok = stat(dirname(copy), &sb) == 0 && S_ISDIR(sb.st_mode);
    if (!ok)
        fprintf(stderr, "%s: the folder for this file does not exist; create it "
                "or choose another -o path\n", out);
    free(copy);
    /* An existing folder at out would make the final rename fail after
     * the cards were registered. */
    if (ok && stat(out, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        fprintf(stderr, "%s: is a folder; give a file name such as %s/cards.pdf\n",
                out, out);
        ok = 0;
    }
    return ok;
}

int cmd_cards(int argc, char **argv)
{
    const char *count_s = NULL, *out = NULL, *mpath = NULL, *data = NULL,
               *paper_s = "letter";
    char (*tokens)[TOKEN_TEXT_SIZE] = NULL;
    uint8_t (*hashes)[TOKEN_HASH_SIZE] = NULL;
    print_item *items = NULL;
    print_paper paper;
    meeting *m = NULL;
    store *s = NULL;
    diag_list d;
    as_err err = {{0}};
    int64_t total = 0;
    int n, rc = 2;

    for (int i = 1; i < argc; i++) {
        const char **slot = NULL;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(argv[i], "-o") || !strcmp(argv[i], "--out")) {
            slot = &out;
        } else if (!strcmp(argv[i], "--meeting")) {
            slot = &mpath;
        } else if (!strcmp(argv[i], "--data")) {
            slot = &data;
        } else if (!strcmp(argv[i], "--paper")) {
            slot = &paper_s;
        } else if (argv[i][0] == '-' || count_s) {
            fprintf(stderr, "asamblea cards: unexpected argument '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        } else {
            count_s = argv[i];
            continue;
        }
        if (i + 1 >= argc || !argv[i + 1][0]) {
            fprintf(stderr, "asamblea cards: %s needs a value\n", argv[i]);
            return 2;
        }
        *slot = argv[++i];
    }
    if (!count_s || !out || !mpath || !data) {
        fputs("asamblea cards: give N, -o CARDS.pdf, --meeting and --data\n", stderr);
        usage(stderr);
        return 2;
    }
    if ((n = parse_count(count_s)) == 0) {
        fprintf(stderr, "asamblea cards: '%s' is not a number of cards; give a "
                "whole number from 1 to %d\n", count_s, CARDS_MAX);
        return 2;
    }
    if (print_paper_parse(paper_s, &paper) != AS_OK) {
        fprintf(stderr, "asamblea cards: unknown paper '%s'; use --paper letter "
                "or --paper a4\n", paper_s);
        return 2;
    }
    if (!out_dir_ok(out))
        return 2;

    diag_init(&d);
    if (meeting_load(mpath, &m, &d) != AS_OK) {
        cli_print_diags(&d);
        goto done;
    }
    tokens = sodium_allocarray((size_t)n, sizeof *tokens);
    hashes = calloc((size_t)n, sizeof *hashes);
    items = calloc((size_t)n, sizeof *items);
    if (!tokens || !hashes || !items) {
        fprintf(stderr, "asamblea cards: out of memory for %d cards\n", n);
        goto done;
    }
    if (store_open(data, m->sha256, &s, &err) != AS_OK) {
        fprintf(stderr, "%s\n", err.msg);
        goto done;
    }
    for (int i = 0; i < n; i++) {
        token_new(tokens[i]);
        token_hash(store_key(s), tokens[i], hashes[i]);
        items[i] = (print_item){"Voting card", m->title, tokens[i]};
    }
    commit_ctx ctx = {s, (const uint8_t (*)[TOKEN_HASH_SIZE])hashes, n};
    if (print_pdf(out, paper, items, n, register_cards, &ctx, &err) != AS_OK) {
        fprintf(stderr, "%s\n", err.msg);
        goto done;
    }
    if (store_card_count(s, &total, &err) != AS_OK) {
        fprintf(stderr, "%s\n", err.msg);
        goto done;
    }
    printf("%s: %d voting card%s printed and registered in %s (%lld registered "
           "in all)\n", out, n, n == 1 ? "" : "s", data, (long long)total);
    rc = 0;
done:
    sodium_free(tokens); /* wipes the tokens */
    if (hashes)
        sodium_memzero(hashes, (size_t)n * sizeof *hashes);
    free(hashes);
    free(items);
    store_free(s);
    meeting_free(m);
    diag_free(&d);
    return rc;
}
