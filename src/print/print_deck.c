/* print_deck.c: a deck of anonymous voting cards (print.h).  The tokens
 * are made here and live only in this call's memory and in the PDF; what
 * is registered is their keyed hashes, once the PDF is safely on disk.
 *
 * Order: the PDF is written completely to a temporary file and fsynced,
 * then reg registers the hashes (one transaction), then the file is
 * renamed into place.  A failed print registers nothing; a failed
 * registration leaves no PDF.  The one window left is a crash or a
 * failed rename between registration and rename: cards registered whose
 * tokens exist only in a deleted temporary file, which nobody can ever
 * present (they only raise the registered count).  Registering first and
 * deleting on failure would instead leave, after a crash, a printable
 * deck that is not registered or registrations to undo by hand. */
#include <stdlib.h>
#include <sodium.h>
#include "print.h"
#include "token.h"

_Static_assert(TOKEN_HASH_SIZE == 32 && TOKEN_KEY_SIZE == 32,
               "print.h's deck hashes and keys are 32 bytes");

typedef struct {
    print_register_fn reg;
    void *ud;
    const uint8_t (*hashes)[TOKEN_HASH_SIZE];
    int n;
} commit_ctx;

static as_status commit(void *ud, as_err *err)
{
    commit_ctx *c = ud;
    return c->reg(c->ud, c->hashes, c->n, err);
}

as_status print_deck(const char *path, print_paper paper, int n, const char *title,
                     const uint8_t key[32], print_register_fn reg, void *ud,
                     as_err *err)
{
    char (*tokens)[TOKEN_TEXT_SIZE] = NULL;
    uint8_t (*hashes)[TOKEN_HASH_SIZE] = NULL;
    print_item *items = NULL;
    as_status st;

    if (n < 1 || n > PRINT_DECK_MAX || !reg)
        return as_err_set(err, AS_EINVAL, "%s: a deck has 1 to %d cards", path,
                          PRINT_DECK_MAX);
    tokens = sodium_allocarray((size_t)n, sizeof *tokens);
    hashes = calloc((size_t)n, sizeof *hashes);
    items = calloc((size_t)n, sizeof *items);
    if (!tokens || !hashes || !items) {
        st = as_err_set(err, AS_ENOMEM, "%s: out of memory for %d cards", path, n);
        goto done;
    }
    for (int i = 0; i < n; i++) {
        token_new(tokens[i]);
        token_hash(key, tokens[i], hashes[i]);
        items[i] = (print_item){"Voting card", title, tokens[i]};
    }
    commit_ctx c = {reg, ud, (const uint8_t (*)[TOKEN_HASH_SIZE])hashes, n};
    st = print_pdf(path, paper, items, n, commit, &c, err);
done:
    sodium_free(tokens); /* wipes the tokens */
    if (hashes)
        sodium_memzero(hashes, (size_t)n * sizeof *hashes);
    free(hashes);
    free(items);
    return st;
}
