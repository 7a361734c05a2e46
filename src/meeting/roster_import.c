/* roster_import.c: a spreadsheet's membership list turned into a roster
 * (see roster.h and docs/roster.md, "Importing a membership list").
 *
 * The input is whatever a spreadsheet program saved, so the checks aim at
 * what goes wrong there: another encoding (refused, never guessed: a wrong
 * guess prints wrong names on badges), semicolons instead of commas, a
 * name column with another header, a hand-typed token.  Every problem is
 * reported in one run, and the roster file appears only once the whole
 * list converted cleanly. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sodium.h>
#include "file_write.h"
#include "parse_file.h"
#include "roster.h"
#include "roster_csv.h"

/* Spreadsheets of a few thousand members are well under a megabyte. */
#define IMPORT_MAX_BYTES (64u * 1024 * 1024)
#define IMPORT_UTF8_BOM "\xEF\xBB\xBF"

typedef struct {
    char *s;
    size_t n, cap;
    int oom;
} obuf;

typedef struct {
    char *name;
    int fac;
    char token[TOKEN_TEXT_SIZE];
    const csv_record *rec;
} import_row;

/* ---- output buffer ---- */

static void ob_put(obuf *b, const char *p, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (b->n + n + 1 > cap)
            cap *= 2;
        char *s = realloc(b->s, cap);
        if (!s) {
            b->oom = 1;
            return;
        }
        b->s = s;
        b->cap = cap;
    }
    memcpy(b->s + b->n, p, n);
    b->n += n;
    b->s[b->n] = '\0';
}

static void ob_str(obuf *b, const char *s)
{
    ob_put(b, s, strlen(s));
}

/* ob_cell: one CSV cell, quoted only where RFC 4180 needs it. */
static void ob_cell(obuf *b, const char *v)
{
    if (!strpbrk(v, ",\"\r\n")) {
        ob_str(b, v);
        return;
    }
    ob_put(b, "\"", 1);
    for (const char *p = v; *p; p++) {
        if (*p == '"')
            ob_put(b, "\"", 1);
        ob_put(b, p, 1);
    }
    ob_put(b, "\"", 1);
}

/* ---- text helpers ---- */

static int blank_char(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* squeezed: a malloc'd copy of s, trimmed, with every run of blanks and
 * line breaks inside it made one space (a name goes on one badge line). */
static char *squeezed(const char *s)
{
    char *t = malloc(strlen(s) + 1), *o = t;
    if (!t)
        return NULL;
    while (blank_char(*s))
        s++;
    while (*s) {
        if (blank_char(*s)) {
            while (blank_char(*s))
                s++;
            if (*s)
                *o++ = ' ';
        } else {
            *o++ = *s++;
        }
    }
    *o = '\0';
    return t;
}

/* trim: s without blanks around it, as a pointer and a length. */
static const char *trim(const char *s, size_t *n)
{
    while (blank_char(*s))
        s++;
    *n = strlen(s);
    while (*n && blank_char(s[*n - 1]))
        (*n)--;
    return s;
}

/* same_word: s and word, both trimmed, are equal ignoring ASCII case (a
 * header typed on the command line need not match its spaces). */
static int same_word(const char *s, const char *word)
{
    size_t n, wl;
    s = trim(s, &n);
    word = trim(word, &wl);
    return n == wl && !strncasecmp(s, word, wl);
}

static int is_blank(const char *s)
{
    for (; *s; s++)
        if (!blank_char(*s))
            return 0;
    return 1;
}

/* utf8_len: length of the valid UTF-8 sequence at s[0..n), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    size_t k;
    unsigned cp;
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        k = 1, cp = s[0] & 0x1Fu;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        k = 2, cp = s[0] & 0x0Fu;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        k = 3, cp = s[0] & 0x07u;
    else
        return 0;
    if (k >= n)
        return 0;
    for (size_t j = 1; j <= k; j++) {
        if ((s[j] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[j] & 0x3Fu);
    }
    if ((k == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    return k + 1;
}

/* check_utf8: one diagnostic, at the first byte that is not UTF-8, for the
 * whole file: a Latin-1 list would otherwise give one line per accent. */
static int check_utf8(const char *name, const char *buf, size_t len,
                      diag_list *diag)
{
    const unsigned char *b = (const unsigned char *)buf;
    int line = 1, col = 1, bad_line = 0, bad_col = 0, more = 0;
    unsigned first = 0;

    if (len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) ||
                     (b[0] == 0xFE && b[1] == 0xFF))) {
        diag_add(diag, name, 1, 1,
                 "this file is UTF-16 (\"Unicode text\"), not a CSV file; "
                 "save the list again as \"CSV UTF-8\" and import that file");
        return 1;
    }
    for (size_t i = 0; i < len;) {
        size_t k = utf8_len(b + i, len - i);
        if (k == 0) {
            if (!bad_line) {
                bad_line = line;
                bad_col = col;
                first = b[i];
            } else {
                more++;
            }
            k = 1;
        } else if (b[i] == '\n' || (b[i] == '\r' && (i + 1 == len || b[i + 1] != '\n'))) {
            line++;
            col = 0;
        }
        col++;
        i += k;
    }
    if (!bad_line)
        return 0;
    diag_add(diag, name, bad_line, bad_col,
             "this file is not UTF-8 (byte 0x%02X here%s is probably a letter "
             "like é or ñ saved as Latin-1 or Windows-1252); open the list in "
             "your spreadsheet program, save it as \"CSV UTF-8\" and import "
             "that file",
             first, more ? " (and others further on)" : "");
    return 1;
}

/* ---- columns ---- */

static const csv_field *cell(const csv_record *rec, int col)
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
        if (is_blank(v))
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

/* find_named: the column whose header is want (-1 if none); *count gets
 * how many columns have that header. */
static int find_named(const csv_record *h, const char *want, int *count)
{
    int at = -1;
    *count = 0;
    for (int i = 0; i < h->nf; i++)
        if (same_word(h->f[i].value, want)) {
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
    int count, at = find_named(h, want, &count);
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

static int find_name_column(const char *name, const csv_record *h,
                            const roster_import_opts *o, diag_list *diag)
{
    static const char *const guesses[] = {"name", "full name", "nombre"};
    int found = -1, nfound = 0;
    char cols[512];

    if (o->name_column) {
        if (find_named(h, o->name_column, &nfound) < 0 && semicolon_hint(name, h, diag))
            return -1;
        return pick_column(name, h, o->name_column, "--name-column", diag);
    }
    for (size_t g = 0; g < sizeof guesses / sizeof guesses[0]; g++) {
        int count, at = find_named(h, guesses[g], &count);
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

/* ---- rows ---- */

static int parse_row(const char *name, const csv_record *h, const csv_record *rec,
                     int cn, int cr, int ct, const char *facval, import_row *row,
                     diag_list *diag)
{
    int errors = 0;
    const csv_field *fn = cell(rec, cn), *fr = cell(rec, cr), *ft = cell(rec, ct);

    row->rec = rec;
    for (int i = h->nf; i < rec->nf; i++)
        if (!is_blank(rec->f[i].value)) {
            diag_add(diag, name, rec->f[i].line, rec->f[i].col,
                     "this row has %d cells but the header has %d; put cells "
                     "that contain a comma in double quotes, or give the extra "
                     "column a header",
                     rec->nf, h->nf);
            errors++;
            break;
        }
    row->name = squeezed(fn ? fn->value : "");
    if (!row->name) {
        diag_add(diag, name, rec->line, 0, "out of memory reading the list");
        return errors + 1;
    }
    if (!row->name[0]) {
        diag_add(diag, name, fn ? fn->line : rec->line, fn ? fn->col : 1,
                 "this row has no name; fill in the person's name or delete "
                 "the row");
        errors++;
    }
    row->fac = fr && same_word(fr->value, facval);
    row->token[0] = '\0';
    if (ft && !is_blank(ft->value)) {
        char *t = squeezed(ft->value);
        as_status st = t ? token_normalize(t, strlen(t), row->token) : AS_ENOMEM;
        if (t) {
            sodium_memzero(t, strlen(t));
            free(t);
        }
        /* Never echo the cell: it may be a real badge. */
        if (st == AS_ECORRUPT) {
            diag_add(diag, name, ft->line, ft->col,
                     "this token has a wrong check character (a typo?); copy "
                     "it again from the badge, or empty the cell and run "
                     "`asamblea roster issue` after importing for a new badge");
            errors++;
        } else if (st != AS_OK) {
            diag_add(diag, name, ft->line, ft->col,
                     "this is not a badge token (18 letters and digits like "
                     "K3M9TB-ZQ4W7N-H2X8RJ); fix it, or empty the cell and run "
                     "`asamblea roster issue` after importing");
            errors++;
        }
    }
    return errors;
}

static int row_token_cmp(const void *a, const void *b)
{
    const import_row *x = *(import_row *const *)a, *y = *(import_row *const *)b;
    int c = strcmp(x->token, y->token);
    return c ? c : x->rec->line - y->rec->line;
}

static int row_name_cmp(const void *a, const void *b)
{
    const import_row *x = *(import_row *const *)a, *y = *(import_row *const *)b;
    return strcmp(x->name, y->name);
}

/* check_tokens: every token used twice, naming both lines. */
static int check_tokens(const char *name, import_row **by, import_row *rows,
                        int n, int ct, diag_list *diag)
{
    int m = 0, errors = 0;
    for (int i = 0; i < n; i++)
        if (rows[i].token[0])
            by[m++] = &rows[i];
    qsort(by, (size_t)m, sizeof *by, row_token_cmp);
    for (int i = 1; i < m; i++) {
        int first = i - 1;
        while (first > 0 && !strcmp(by[first - 1]->token, by[i]->token))
            first--;
        if (strcmp(by[first]->token, by[i]->token))
            continue;
        const csv_field *ft = cell(by[i]->rec, ct);
        diag_add(diag, name, by[i]->rec->line, ft ? ft->col : 0,
                 "the same token as line %d; every badge must be different: "
                 "empty one of the two cells and run `asamblea roster issue` "
                 "after importing",
                 by[first]->rec->line);
        errors++;
    }
    return errors;
}

/* count_shared: names carried by more than one row (allowed: two people
 * can share a name; the count lets the organizer check it is right). */
static void count_shared(import_row **by, import_row *rows, int n,
                         roster_import_summary *sum)
{
    for (int i = 0; i < n; i++)
        by[i] = &rows[i];
    qsort(by, (size_t)n, sizeof *by, row_name_cmp);
    sum->max_shared = n ? 1 : 0;
    for (int i = 0; i < n;) {
        int j = i + 1;
        while (j < n && !strcmp(by[i]->name, by[j]->name))
            j++;
        if (j - i > 1) {
            sum->shared_names++;
            if (j - i > sum->max_shared)
                sum->max_shared = j - i;
        }
        i = j;
    }
}

/* ---- the conversion ---- */

static void emit(obuf *b, const csv_record *h, const int *keep, int nkeep,
                 const import_row *rows, int n)
{
    ob_str(b, IMPORT_UTF8_BOM "name,role,token");
    for (int k = 0; k < nkeep; k++) {
        const char *v = h->f[keep[k]].value;
        ob_put(b, ",", 1);
        if (same_word(v, "name") || same_word(v, "role") || same_word(v, "token")) {
            /* Kept as information, so it must not read as our column. */
            char *t = squeezed(v);
            if (!t) {
                b->oom = 1;
                return;
            }
            size_t tl = strlen(t);
            char *r = malloc(tl + sizeof " (imported)");
            if (r) {
                memcpy(r, t, tl);
                memcpy(r + tl, " (imported)", sizeof " (imported)");
                ob_cell(b, r);
            } else {
                b->oom = 1;
            }
            free(r);
            free(t);
        } else {
            ob_cell(b, v);
        }
    }
    ob_put(b, "\n", 1);
    for (int i = 0; i < n; i++) {
        ob_cell(b, rows[i].name);
        ob_str(b, rows[i].fac ? ",facilitator," : ",attendee,");
        ob_str(b, rows[i].token);
        for (int k = 0; k < nkeep; k++) {
            const csv_field *f = cell(rows[i].rec, keep[k]);
            ob_put(b, ",", 1);
            ob_cell(b, f ? f->value : "");
        }
        ob_put(b, "\n", 1);
    }
}

as_status roster_import_convert(const char *name, const char *buf, size_t len,
                                const roster_import_opts *o, char **out,
                                size_t *outlen, roster_import_summary *sum,
                                diag_list *diag)
{
    static const roster_import_opts none = {0};
    csv_doc doc = {0};
    import_row *rows = NULL;
    import_row **by = NULL;
    int *keep = NULL, *used = NULL;
    int n = 0, nkeep = 0, errors = 0, h = 0, cn, cr = -1, ct = -1;
    roster_import_summary s = {0};
    obuf b = {0};
    as_status st;

    *out = NULL;
    *outlen = 0;
    if (!o)
        o = &none;
    if (check_utf8(name, buf, len, diag))
        return AS_EINVAL;
    st = csv_parse(name, buf, len, &doc, diag);
    if (st != AS_OK)
        goto done;
    while (h < doc.nr && csv_record_blank(&doc.r[h]))
        h++;
    if (h == doc.nr) {
        diag_add(diag, name, 1, 1,
                 "the list is empty; its first row must name the columns and "
                 "each further row is one person");
        st = AS_EINVAL;
        goto done;
    }
    const csv_record *hdr = &doc.r[h];
    cn = find_name_column(name, hdr, o, diag);
    if (cn < 0)
        errors++;
    if (o->role_column && (cr = pick_column(name, hdr, o->role_column,
                                            "--role-column", diag)) < 0)
        errors++;
    if (o->token_column) {
        if ((ct = pick_column(name, hdr, o->token_column, "--token-column", diag)) < 0)
            errors++;
    } else {
        int count;
        ct = find_named(hdr, "token", &count);
        if (count > 1) {
            diag_add(diag, name, hdr->line, hdr->f[ct].col,
                     "%d columns are named 'token'; pass --token-column with "
                     "the one that holds the badge tokens, or rename the others",
                     count);
            errors++;
        }
    }
    if (cn >= 0 && ct == cn) {
        diag_add(diag, name, hdr->line, hdr->f[cn].col,
                 "the same column cannot hold the names and the tokens; pass "
                 "--name-column and --token-column with different columns");
        errors++;
    }
    if (errors) {
        st = AS_EINVAL;
        goto done;
    }

    rows = calloc((size_t)doc.nr, sizeof *rows);
    by = calloc((size_t)doc.nr, sizeof *by);
    keep = calloc((size_t)hdr->nf, sizeof *keep);
    used = calloc((size_t)hdr->nf, sizeof *used);
    if (!rows || !by || !keep || !used) {
        diag_add(diag, name, 0, 0, "out of memory reading the list");
        st = AS_ENOMEM;
        goto done;
    }
    const char *facval = o->facilitator_value ? o->facilitator_value : "facilitator";
    for (int i = h + 1; i < doc.nr; i++) {
        const csv_record *rec = &doc.r[i];
        if (csv_record_blank(rec))
            continue;
        errors += parse_row(name, hdr, rec, cn, cr, ct, facval, &rows[n], diag);
        for (int c = 0; c < hdr->nf && c < rec->nf; c++)
            if (!is_blank(rec->f[c].value))
                used[c] = 1;
        s.facilitators += rows[n].fac;
        s.tokens += rows[n].token[0] != '\0';
        n++;
    }
    if (n == 0 && !errors) {
        diag_add(diag, name, hdr->line, 1,
                 "the list has a header row but nobody on it; add one row per "
                 "person under the header");
        errors++;
    }
    if (ct >= 0)
        errors += check_tokens(name, by, rows, n, ct, diag);
    if (errors) {
        st = AS_EINVAL;
        goto done;
    }
    /* Keep every other column, except the empty ones without a header that
     * spreadsheets write for formatted but unused columns. */
    for (int c = 0; c < hdr->nf; c++)
        if (c != cn && c != ct && (used[c] || !is_blank(hdr->f[c].value)))
            keep[nkeep++] = c;
    emit(&b, hdr, keep, nkeep, rows, n);
    if (b.oom) {
        diag_add(diag, name, 0, 0, "out of memory writing the roster");
        st = AS_ENOMEM;
        goto done;
    }
    count_shared(by, rows, n, &s);
    s.people = n;
    s.kept_columns = nkeep;
    if (sum)
        *sum = s;
    *out = b.s;
    *outlen = b.n;
    b.s = NULL;
    st = AS_OK;
done:
    if (b.s) {
        sodium_memzero(b.s, b.cap);
        free(b.s);
    }
    if (rows) {
        for (int i = 0; i < n; i++)
            free(rows[i].name);
        sodium_memzero(rows, (size_t)doc.nr * sizeof *rows);
        free(rows);
    }
    free(by);
    free(keep);
    free(used);
    csv_doc_free(&doc);
    return st;
}

/* ---- writing the file ---- */

/* write_new: writes the roster through the crash-safe writer
 * (file_write.h), mode 0600: it will hold badge tokens.  Without force
 * a file that appeared at path meanwhile is never replaced. */
static as_status write_new(const char *path, const char *data, size_t len,
                           int force, diag_list *diag)
{
    file_write_opts o = {0600, force ? 0 : FILE_WRITE_NO_REPLACE};
    as_err err;
    as_status st = file_write_atomic(path, data, len, &o, &err);

    if (st == AS_ESTATE) {
        diag_add(diag, path, 0, 0,
                 "this file appeared while importing; nothing was written; "
                 "choose another name with -o, or pass --force to replace it");
        return AS_EINVAL;
    }
    if (st != AS_OK)
        diag_add_err(diag, path, &err, NULL);
    return st;
}

as_status roster_import(const char *in_path, const char *out_path,
                        const roster_import_opts *o, int force,
                        roster_import_summary *sum, diag_list *diag)
{
    struct stat in_sb, out_sb;
    char *buf = NULL, *out = NULL;
    size_t len = 0, outlen = 0;
    as_status st;

    if (!in_path || !in_path[0] || !out_path || !out_path[0]) {
        diag_add(diag, "asamblea", 0, 0,
                 "roster import needs the membership list and -o ROSTER.csv");
        return AS_EINVAL;
    }
    if (stat(out_path, &out_sb) == 0) {
        if (S_ISDIR(out_sb.st_mode)) {
            diag_add(diag, out_path, 0, 0,
                     "this is a folder; give -o the name of the roster file "
                     "to write, like %s/roster.csv", out_path);
            return AS_EINVAL;
        }
        if (stat(in_path, &in_sb) == 0 && in_sb.st_dev == out_sb.st_dev &&
            in_sb.st_ino == out_sb.st_ino) {
            diag_add(diag, out_path, 0, 0,
                     "this is the membership list itself; write the roster to "
                     "another file with -o, like roster.csv");
            return AS_EINVAL;
        }
        if (!force) {
            diag_add(diag, out_path, 0, 0,
                     "already exists; nothing was written; choose another name "
                     "with -o, or pass --force to replace it");
            return AS_EINVAL;
        }
    }
    st = parse_read_file(in_path, "membership list", IMPORT_MAX_BYTES, &buf, &len,
                         diag);
    if (st != AS_OK)
        return st;
    st = roster_import_convert(in_path, buf, len, o, &out, &outlen, sum, diag);
    if (st == AS_OK)
        st = write_new(out_path, out, outlen, force, diag);
    if (out) {
        sodium_memzero(out, outlen);
        free(out);
    }
    sodium_memzero(buf, len);
    free(buf);
    return st;
}
