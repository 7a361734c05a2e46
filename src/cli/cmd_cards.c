/* cmd_cards.c: `asamblea cards N -o cards.pdf --meeting MEETING.yaml
 * --data DIR [--paper letter|a4]`: a deck of N anonymous voting cards,
 * registered in the meeting's data directory so the kiosk accepts them.
 * The deck itself, its tokens and the order of printing and registering
 * are print_deck's (src/print/print_deck.c); this file parses the options,
 * opens the meeting and its store, and reports. */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli_util.h"
#include "commands.h"
#include "meeting.h"
#include "print.h"
#include "store_sqlite.h"
#include "opts.h"
#include "whole.h"
#include "token.h"

static void usage(FILE *f, int help)
{
    (void)help;
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

static as_status register_cards(void *ud, const uint8_t (*hashes)[32], int n,
                                as_err *err)
{
    return store_add_cards(ud, hashes, n, err);
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
    print_paper paper;
    meeting *m = NULL;
    store *s = NULL;
    diag_list d;
    as_err err = {{0}};
    int64_t total = 0;
    int n, rc;
    const opts_def defs[] = {{"out", 'o', OPTS_VALUE, &out, NULL, 0},
                             {"meeting", OPTS_LONG, OPTS_VALUE, &mpath, NULL, 0},
                             {"data", OPTS_LONG + 1, OPTS_VALUE, &data, NULL, 0},
                             {"paper", OPTS_LONG + 2, OPTS_VALUE, &paper_s, NULL, 0},
                             {0}};
    opts_args args = {"asamblea cards", "number of cards", 1, 0, {0}};
    const opts_spec spec = {"asamblea cards", defs, usage, opts_collect, &args};

    if ((rc = opts_parse(&spec, argc, argv)) != 0)
        return rc < 0 ? 0 : rc;
    count_s = args.v[0];
    if (!count_s || !out || !mpath || !data) {
        fputs("asamblea cards: give N, -o CARDS.pdf, --meeting and --data\n", stderr);
        usage(stderr, 0);
        return 2;
    }
    if (!whole_parse_int(count_s, 1, PRINT_DECK_MAX, &n)) {
        fprintf(stderr, "asamblea cards: '%s' is not a number of cards; give a "
                "whole number from 1 to %d\n", count_s, PRINT_DECK_MAX);
        return 2;
    }
    if (cli_paper("asamblea cards", paper_s, &paper) != 0 || !out_dir_ok(out))
        return 2;
    rc = 2;
    diag_init(&d);
    if (meeting_load(mpath, &m, &d) != AS_OK) {
        cli_print_diags(&d);
        goto done;
    }
    if (store_open(data, m->sha256, &s, &err) != AS_OK ||
        print_deck(out, paper, n, m->title, store_key(s), register_cards, s, &err) !=
            AS_OK ||
        store_card_count(s, &total, &err) != AS_OK) {
        fprintf(stderr, "%s\n", err.msg);
        goto done;
    }
    printf("%s: %d voting card%s printed and registered in %s (%lld registered "
           "in all)\n", out, n, n == 1 ? "" : "s", data, (long long)total);
    rc = 0;
done:
    store_free(s);
    meeting_free(m);
    diag_free(&d);
    return rc;
}
