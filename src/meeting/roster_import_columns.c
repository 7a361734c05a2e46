/* roster_import_columns.c: which columns of a membership list hold the
 * names, roles and tokens: the options name them, or the usual headers
 * do; a missing, doubled or semicolon-separated header gets a message
 * that lists the columns there are. */
#include <stdio.h>
#include <string.h>
#include "roster_import_internal.h"

const csv_field *import_cell(const csv_record *rec, int col)
{
    return col >= 0 && col < rec->nf ? &rec->f[col] : NULL;
}

/* header_list: "a, b, c" of the header's cells, for messages. */
static void header_list(const csv_record *h, char *out, size_t size)
{
    size_t n = 0;
    out[0] = '\0';
    for (int i = 0; i < h->nf && n + 1 < size; i++) {
        const char *v = h->f[i].value;
        if (import_is_blank(v))
            continue;
        int w = snprintf(out + n, size - n, "%s'%.40s'", n ? ", " : "", v);
        if (w < 0 || (size_t)w >= size - n) {
            /* Cut at a character boundary and say the list goes on. */
            size_t cut = size > 5 ? size - 5 : 0;
            while (cut > 0 && ((unsigned char)out[cut] & 0xC0) == 0x80)
                cut--;
            if (cut < size)
                snprintf(out + cut, size - cut, "...");
            return;
        }
        n += (size_t)w;
    }
}

/* import_find_named: the column whose header is want (-1 if none); *count gets
 * how many columns have that header. */
int import_find_named(const csv_record *h, const char *want, int *count)
{
    int at = -1;
    *count = 0;
    for (int i = 0; i < h->nf; i++)
        if (import_same_word(h->f[i].value, want)) {
            if (at < 0)
                at = i;
            (*count)++;
        }
    return at;
}

/* pick_column: the column for an option (--name-column and friends)
 * that must name exactly one header. */
static int pick_column(const char *name, const csv_record *h, const char *want,
                       const char *option, diag_list *diag)
{
    char cols[512];
    int count, at = import_find_named(h, want, &count);
    if (count == 1)
        return at;
    if (count == 0) {
        header_list(h, cols, sizeof cols);
        diag_add(diag, name, h->line, 1,
                 "the header row has no column named '%.80s'; its columns are "
                 "%s; pass %s with one of them",
                 want, cols[0] ? cols : "(none)", option);
    } else {
        diag_add(diag, name, h->line, h->f[at].col,
                 "%d columns are named '%.80s'; rename all but one in the "
                 "spreadsheet and save it again",
                 count, want);
    }
    return -1;
}

/* semicolon_hint: a header read as one cell full of ';' means the
 * spreadsheet separated columns with semicolons. */
static int semicolon_hint(const char *name, const csv_record *h, diag_list *diag)
{
    if (h->nf != 1 || !strchr(h->f[0].value, ';'))
        return 0;
    diag_add(diag, name, h->line, 1,
             "the columns are separated by semicolons, not commas (spreadsheets "
             "set to a language that writes decimal commas do this); save the "
             "list again as CSV with ',' as the field separator");
    return 1;
}

/* find_name_column: the column of the names: --name-column, or the one
 * header that reads as a name. */
static int find_name_column(const char *name, const csv_record *h,
                            const roster_import_opts *o, diag_list *diag)
{
    static const char *const guesses[] = {"name", "full name", "nombre"};
    int found = -1, nfound = 0;
    char cols[512];

    if (o->name_column) {
        if (import_find_named(h, o->name_column, &nfound) < 0 &&
            semicolon_hint(name, h, diag))
            return -1;
        return pick_column(name, h, o->name_column, "--name-column", diag);
    }
    for (size_t g = 0; g < sizeof guesses / sizeof guesses[0]; g++) {
        int count, at = import_find_named(h, guesses[g], &count);
        if (at >= 0) {
            if (found < 0)
                found = at;
            nfound += count;
        }
    }
    if (nfound == 1)
        return found;
    if (nfound == 0) {
        if (semicolon_hint(name, h, diag))
            return -1;
        header_list(h, cols, sizeof cols);
        diag_add(diag, name, h->line, 1,
                 "no column is called name, full name or nombre (the columns are "
                 "%s); pass --name-column with the header of the column that "
                 "holds each person's full name",
                 cols[0] ? cols : "(none)");
    } else {
        diag_add(diag, name, h->line, h->f[found].col,
                 "more than one column could hold the names; pass --name-column "
                 "with the header of the one to use");
    }
    return -1;
}

int import_columns(const char *name, const csv_record *h, const roster_import_opts *o,
                   import_cols *c, diag_list *diag)
{
    int errors = 0;
    c->role = c->token = -1;
    c->name = find_name_column(name, h, o, diag);
    if (c->name < 0)
        errors++;
    if (o->role_column && (c->role = pick_column(name, h, o->role_column,
                                                 "--role-column", diag)) < 0)
        errors++;
    if (o->token_column) {
        if ((c->token = pick_column(name, h, o->token_column, "--token-column", diag)) < 0)
            errors++;
    } else {
        int count;
        c->token = import_find_named(h, "token", &count);
        if (count > 1) {
            diag_add(diag, name, h->line, h->f[c->token].col,
                     "%d columns are named 'token'; pass --token-column with "
                     "the one that holds the badge tokens, or rename the others",
                     count);
            errors++;
        }
    }
    if (c->name >= 0 && c->token == c->name) {
        diag_add(diag, name, h->line, h->f[c->name].col,
                 "the same column cannot hold the names and the tokens; pass "
                 "--name-column and --token-column with different columns");
        errors++;
    }
    return errors;
}
