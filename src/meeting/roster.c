/* roster.c: the roster's columns and rows, validated (see roster.h). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "parse_file.h"
#include "roster.h"
#include "roster_internal.h"

/* A roster of a few thousand people is well under a megabyte. */
#define ROSTER_MAX_BYTES (64u * 1024 * 1024)

/* trimmed: a malloc'd copy of s without leading/trailing blanks. */
static char *trimmed(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    char *t = malloc(n + 1);
    if (t) {
        memcpy(t, s, n);
        t[n] = '\0';
    }
    return t;
}

static int trimmed_eq(const char *s, const char *word)
{
    char *t = trimmed(s);
    int eq = t && !strcasecmp(t, word);
    free(t);
    return eq;
}

/* parse_header: finds the name, role and token columns. */
static int parse_header(roster *r, const char *name, const csv_record *h,
                        diag_list *diag)
{
    static const char *const cols[] = {"name", "role", "token"};
    int *idx[] = {&r->col_name, &r->col_role, &r->col_token};
    int errors = 0;

    r->col_name = r->col_role = r->col_token = -1;
    r->header = h;
    for (int i = 0; i < h->nf; i++)
        for (int k = 0; k < 3; k++) {
            if (!trimmed_eq(h->f[i].value, cols[k]))
                continue;
            if (*idx[k] >= 0) {
                diag_add(diag, name, h->f[i].line, h->f[i].col,
                         "a second column named '%s' (the first is column "
                         "%d); rename or delete one of them",
                         cols[k], *idx[k] + 1);
                errors++;
            } else {
                *idx[k] = i;
            }
        }
    for (int k = 0; k < 3; k++)
        if (*idx[k] < 0) {
            diag_add(diag, name, h->line, 1,
                     "the header row has no '%s' column; the first row "
                     "must name the columns, with at least name,role,token%s",
                     cols[k],
                     k == 2 ? " (the token cells may be left empty)" : "");
            errors++;
        }
    return errors;
}

/* cell: the record's cell in column col, or NULL when the row is short. */
static const csv_field *cell(const csv_record *rec, int col)
{
    return col < rec->nf ? &rec->f[col] : NULL;
}

static int parse_row(roster *r, const char *name, const csv_record *rec,
                     roster_entry *e, diag_list *diag)
{
    int errors = 0;
    const csv_field *fn = cell(rec, r->col_name);
    const csv_field *fr = cell(rec, r->col_role);
    const csv_field *ft = cell(rec, r->col_token);

    e->line = rec->line;
    /* Trailing empty cells beyond the header are what spreadsheets write
     * for formatted but empty columns; only real content is a problem. */
    int extra = -1;
    for (int i = r->header->nf; i < rec->nf && extra < 0; i++)
        if (!trimmed_eq(rec->f[i].value, ""))
            extra = i;
    if (extra >= 0) {
        const csv_field *x = &rec->f[extra];
        diag_add(diag, name, x->line, x->col,
                 "this row has %d cells but the header has %d; put cells "
                 "that contain a comma in double quotes",
                 rec->nf, r->header->nf);
        errors++;
    }

    e->name = trimmed(fn ? fn->value : "");
    if (!e->name) {
        diag_add(diag, name, rec->line, 0, "out of memory reading the roster");
        return errors + 1;
    }
    if (!e->name[0]) {
        diag_add(diag, name, fn ? fn->line : rec->line, fn ? fn->col : 1,
                 "this row has no name; fill in the person's name or "
                 "delete the row");
        errors++;
    }

    char *role = trimmed(fr ? fr->value : "");
    if (role && !strcasecmp(role, "attendee")) {
        e->role = MEMBER_ATTENDEE;
    } else if (role && !strcasecmp(role, "facilitator")) {
        e->role = MEMBER_FACILITATOR;
    } else if (role && !role[0]) {
        diag_add(diag, name, fr ? fr->line : rec->line, fr ? fr->col : 1,
                 "this row has no role; write attendee or facilitator");
        errors++;
    } else {
        diag_add(diag, name, fr ? fr->line : rec->line, fr ? fr->col : 1,
                 "unknown role '%.40s'; write attendee or facilitator",
                 role ? role : "");
        errors++;
    }
    free(role);

    e->token[0] = '\0';
    if (ft) {
        char *t = trimmed(ft->value);
        if (t && t[0]) {
            as_status st = token_normalize(t, strlen(t), e->token);
            errors += roster_token_report(name, ft, st, "", diag);
        }
        free(t);
    }
    return errors;
}

int roster_token_report(const char *name, const csv_field *ft, as_status st,
                        const char *when, diag_list *diag)
{
    /* Never echo the cell: it may be a real badge. */
    if (st == AS_ECORRUPT) {
        diag_add(diag, name, ft->line, ft->col,
                 "this token has a wrong check character (a typo?); copy it "
                 "again from the badge, or empty the cell and run `asamblea "
                 "roster issue`%s for a new badge", when);
        return 1;
    }
    if (st != AS_OK) {
        diag_add(diag, name, ft->line, ft->col,
                 "this is not a badge token (18 letters and digits like "
                 "K3M9TB-ZQ4W7N-H2X8RJ); fix it, or empty the cell and run "
                 "`asamblea roster issue`%s", when);
        return 1;
    }
    return 0;
}

typedef struct {
    const char *token;
    int entry;
} token_ref;

static int token_ref_cmp(const void *a, const void *b)
{
    const token_ref *x = a, *y = b;
    int c = strcmp(x->token, y->token);
    return c ? c : x->entry - y->entry;
}

/* check_duplicates: reports every token used by more than one row,
 * naming the row that had it first. */
static int check_duplicates(roster *r, const char *name, diag_list *diag)
{
    token_ref *refs = malloc((size_t)(r->n ? r->n : 1) * sizeof *refs);
    int n = 0, errors = 0;

    if (!refs) {
        diag_add(diag, name, 0, 0, "out of memory reading the roster");
        return 1;
    }
    for (int i = 0; i < r->n; i++)
        if (r->e[i].token[0])
            refs[n++] = (token_ref){r->e[i].token, i};
    qsort(refs, (size_t)n, sizeof *refs, token_ref_cmp);
    for (int i = 1; i < n; i++) {
        int first = i - 1;
        while (first > 0 && !strcmp(refs[first - 1].token, refs[i].token))
            first--;
        if (strcmp(refs[first].token, refs[i].token))
            continue;
        const roster_entry *a = &r->e[refs[first].entry];
        const roster_entry *b = &r->e[refs[i].entry];
        const csv_field *ft = cell(&r->doc.r[r->rec[refs[i].entry]], r->col_token);
        diag_add(diag, name, b->line, ft ? ft->col : 0,
                 "the same token as line %d; every badge must be different: "
                 "empty one of the two cells and run `asamblea roster issue`",
                 a->line);
        errors++;
    }
    free(refs);
    return errors;
}

as_status roster_parse(const char *name, const char *buf, size_t len,
                       roster **out, diag_list *diag)
{
    roster *r = calloc(1, sizeof *r);
    int errors = 0, h = 0;
    as_status st;

    *out = NULL;
    if (!r) {
        diag_add(diag, name, 0, 0, "out of memory reading the roster");
        return AS_ENOMEM;
    }
    /* On a CSV-level error keep going with the rows that were read, so
     * that one run reports every problem. */
    st = csv_parse(name, buf, len, &r->doc, diag);
    if (st == AS_ENOMEM)
        goto fail;
    if (st != AS_OK)
        errors++;
    while (h < r->doc.nr && csv_record_blank(&r->doc.r[h]))
        h++;
    if (h == r->doc.nr && !errors) {
        diag_add(diag, name, 1, 1,
                 "the roster is empty; its first row must name the columns "
                 "name,role,token and each further row is one person");
        st = AS_EINVAL;
        goto fail;
    }
    if (h == r->doc.nr || parse_header(r, name, &r->doc.r[h], diag)) {
        st = AS_EINVAL;
        goto fail;
    }
    r->e = calloc((size_t)r->doc.nr, sizeof *r->e);
    r->rec = calloc((size_t)r->doc.nr, sizeof *r->rec);
    if (!r->e || !r->rec) {
        diag_add(diag, name, 0, 0, "out of memory reading the roster");
        st = AS_ENOMEM;
        goto fail;
    }
    for (int i = h + 1; i < r->doc.nr; i++) {
        if (csv_record_blank(&r->doc.r[i]))
            continue;
        r->rec[r->n] = i;
        errors += parse_row(r, name, &r->doc.r[i], &r->e[r->n], diag);
        if (r->e[r->n].role == MEMBER_FACILITATOR)
            r->nfac++;
        r->n++;
    }
    errors += check_duplicates(r, name, diag);
    if (errors) {
        st = AS_EINVAL;
        goto fail;
    }
    *out = r;
    return AS_OK;
fail:
    roster_free(r);
    return st;
}

as_status roster_load(const char *path, roster **out, diag_list *diag)
{
    char *buf;
    size_t len;
    as_status st;

    *out = NULL;
    st = parse_read_file(path, "roster", ROSTER_MAX_BYTES, &buf, &len, diag);
    if (st != AS_OK)
        return st;
    st = roster_parse(path, buf, len, out, diag);
    free(buf);
    return st;
}

void roster_free(roster *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->n; i++)
        free(r->e[i].name);
    free(r->e);
    free(r->rec);
    csv_doc_free(&r->doc);
    free(r);
}

int roster_count(const roster *r)
{
    return r ? r->n : 0;
}

const roster_entry *roster_get(const roster *r, int i)
{
    return r && i >= 0 && i < r->n ? &r->e[i] : NULL;
}

int roster_facilitators(const roster *r)
{
    return r ? r->nfac : 0;
}
