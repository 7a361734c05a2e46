/* roster_import_convert.c: a membership list's bytes turned into a
 * roster's (roster_import_convert, see roster.h): the header and columns,
 * every row checked, the tokens unique, then the roster written out.
 * Every problem is reported in one run; nothing is returned unless the
 * whole list converted cleanly. */
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "roster_import_internal.h"
#include "roster_internal.h"

typedef struct {
    char *name;
    int fac;
    char token[TOKEN_TEXT_SIZE];
    const csv_record *rec;
} import_row;

/* parse_row: one person's row into *row: the name squeezed, the role,
 * the token normalized.  Returns how many problems it reported. */
static int parse_row(const char *name, const csv_record *h, const csv_record *rec,
                     const import_cols *c, const char *facval, import_row *row,
                     diag_list *diag)
{
    int errors = 0;
    const csv_field *fn = import_cell(rec, c->name), *fr = import_cell(rec, c->role);
    const csv_field *ft = import_cell(rec, c->token);

    row->rec = rec;
    for (int i = h->nf; i < rec->nf; i++)
        if (!import_is_blank(rec->f[i].value)) {
            diag_add(diag, name, rec->f[i].line, rec->f[i].col,
                     "this row has %d cells but the header has %d; put cells "
                     "that contain a comma in double quotes, or give the extra "
                     "column a header",
                     rec->nf, h->nf);
            errors++;
            break;
        }
    row->name = import_squeezed(fn ? fn->value : "");
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
    row->fac = fr && import_same_word(fr->value, facval);
    row->token[0] = '\0';
    if (ft && !import_is_blank(ft->value)) {
        char *t = import_squeezed(ft->value);
        as_status st = t ? token_normalize(t, strlen(t), row->token) : AS_ENOMEM;
        if (t) {
            sodium_memzero(t, strlen(t));
            free(t);
        }
        errors += roster_token_report(name, ft, st, " after importing", diag);
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
        const csv_field *ft = import_cell(by[i]->rec, ct);
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

/* emit: the roster: the header (name,role,token, then the kept columns),
 * then a line per person. */
static void emit(obuf *b, const csv_record *h, const int *keep, int nkeep,
                 const import_row *rows, int n)
{
    obuf_str(b, IMPORT_UTF8_BOM "name,role,token");
    for (int k = 0; k < nkeep; k++) {
        const char *v = h->f[keep[k]].value;
        obuf_put(b, ",", 1);
        if (import_same_word(v, "name") || import_same_word(v, "role") ||
            import_same_word(v, "token")) {
            /* Kept as information, so it must not read as our column. */
            char *t = import_squeezed(v);
            if (!t) {
                b->oom = 1;
                return;
            }
            size_t tl = strlen(t);
            char *r = malloc(tl + sizeof " (imported)");
            if (r) {
                memcpy(r, t, tl);
                memcpy(r + tl, " (imported)", sizeof " (imported)");
                obuf_cell(b, r);
            } else {
                b->oom = 1;
            }
            free(r);
            free(t);
        } else {
            obuf_cell(b, v);
        }
    }
    obuf_put(b, "\n", 1);
    for (int i = 0; i < n; i++) {
        obuf_cell(b, rows[i].name);
        obuf_str(b, rows[i].fac ? ",facilitator," : ",attendee,");
        obuf_str(b, rows[i].token);
        for (int k = 0; k < nkeep; k++) {
            const csv_field *f = import_cell(rows[i].rec, keep[k]);
            obuf_put(b, ",", 1);
            obuf_cell(b, f ? f->value : "");
        }
        obuf_put(b, "\n", 1);
    }
}

/* import_job: one conversion's state, which its steps share. */
typedef struct {
    const char *name;
    diag_list *diag;
    const roster_import_opts *o;
    csv_doc doc;
    const csv_record *hdr;  /* the first non-blank record */
    int h;                  /* its index in doc */
    import_cols col;
    import_row *rows;       /* n people */
    import_row **by;        /* scratch for sorting rows */
    int *keep, *used;       /* per header column */
    int n, nkeep;
    roster_import_summary s;
    obuf b;
} import_job;

/* import_header: reads the list (buf, len) and finds its header row and
 * columns.  AS_OK, or what stopped it (reported). */
static as_status import_header(import_job *J, const char *buf, size_t len)
{
    as_status st = csv_parse(J->name, buf, len, &J->doc, J->diag);
    if (st != AS_OK)
        return st;
    while (J->h < J->doc.nr && csv_record_blank(&J->doc.r[J->h]))
        J->h++;
    if (J->h == J->doc.nr) {
        diag_add(J->diag, J->name, 1, 1,
                 "the list is empty; its first row must name the columns and "
                 "each further row is one person");
        return AS_EINVAL;
    }
    J->hdr = &J->doc.r[J->h];
    if (import_columns(J->name, J->hdr, J->o, &J->col, J->diag))
        return AS_EINVAL;
    return AS_OK;
}

/* import_rows: every non-blank row after the header, checked, then the
 * tokens checked for doubles.  AS_OK, AS_EINVAL (reported) or AS_ENOMEM. */
static as_status import_rows(import_job *J)
{
    const csv_record *hdr = J->hdr;
    int errors = 0;
    J->rows = calloc((size_t)J->doc.nr, sizeof *J->rows);
    J->by = calloc((size_t)J->doc.nr, sizeof *J->by);
    J->keep = calloc((size_t)hdr->nf, sizeof *J->keep);
    J->used = calloc((size_t)hdr->nf, sizeof *J->used);
    if (!J->rows || !J->by || !J->keep || !J->used) {
        diag_add(J->diag, J->name, 0, 0, "out of memory reading the list");
        return AS_ENOMEM;
    }
    const char *facval = J->o->facilitator_value ? J->o->facilitator_value : "facilitator";
    for (int i = J->h + 1; i < J->doc.nr; i++) {
        const csv_record *rec = &J->doc.r[i];
        if (csv_record_blank(rec))
            continue;
        import_row *row = &J->rows[J->n];
        errors += parse_row(J->name, hdr, rec, &J->col, facval, row, J->diag);
        for (int c = 0; c < hdr->nf && c < rec->nf; c++)
            if (!import_is_blank(rec->f[c].value))
                J->used[c] = 1;
        J->s.facilitators += row->fac;
        J->s.tokens += row->token[0] != '\0';
        J->n++;
    }
    if (J->n == 0 && !errors) {
        diag_add(J->diag, J->name, hdr->line, 1,
                 "the list has a header row but nobody on it; add one row per "
                 "person under the header");
        errors++;
    }
    if (J->col.token >= 0)
        errors += check_tokens(J->name, J->by, J->rows, J->n, J->col.token, J->diag);
    return errors ? AS_EINVAL : AS_OK;
}

/* import_write: the roster's bytes into J->b, keeping every other column
 * except the empty ones without a header that spreadsheets write for
 * formatted but unused columns.  AS_OK or AS_ENOMEM (reported). */
static as_status import_write(import_job *J)
{
    const csv_record *hdr = J->hdr;
    for (int c = 0; c < hdr->nf; c++)
        if (c != J->col.name && c != J->col.token &&
            (J->used[c] || !import_is_blank(hdr->f[c].value)))
            J->keep[J->nkeep++] = c;
    emit(&J->b, hdr, J->keep, J->nkeep, J->rows, J->n);
    if (J->b.oom) {
        diag_add(J->diag, J->name, 0, 0, "out of memory writing the roster");
        return AS_ENOMEM;
    }
    return AS_OK;
}

/* import_job_free: wipes what may hold badge tokens, frees the rest. */
static void import_job_free(import_job *J)
{
    if (J->b.s) {
        sodium_memzero(J->b.s, J->b.cap);
        free(J->b.s);
    }
    if (J->rows) {
        for (int i = 0; i < J->n; i++)
            free(J->rows[i].name);
        sodium_memzero(J->rows, (size_t)J->doc.nr * sizeof *J->rows);
        free(J->rows);
    }
    free(J->by);
    free(J->keep);
    free(J->used);
    csv_doc_free(&J->doc);
}

as_status roster_import_convert(const char *name, const char *buf, size_t len,
                                const roster_import_opts *o, char **out,
                                size_t *outlen, roster_import_summary *sum,
                                diag_list *diag)
{
    static const roster_import_opts none = {0};
    import_job J = {.name = name, .diag = diag, .o = o ? o : &none};
    as_status st;

    *out = NULL;
    *outlen = 0;
    if (import_check_utf8(name, buf, len, diag))
        return AS_EINVAL;
    if ((st = import_header(&J, buf, len)) == AS_OK &&
        (st = import_rows(&J)) == AS_OK && (st = import_write(&J)) == AS_OK) {
        count_shared(J.by, J.rows, J.n, &J.s);
        J.s.people = J.n;
        J.s.kept_columns = J.nkeep;
        if (sum)
            *sum = J.s;
        *out = J.b.s;
        *outlen = J.b.n;
        J.b.s = NULL;
    }
    import_job_free(&J);
    return st;
}
