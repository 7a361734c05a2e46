/* meeting.c: loading a meeting (file or buffer) with its roster, and the
 * small queries the kiosk makes of it.  The YAML schema is in
 * meeting_yaml.c. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sodium.h>
#include "whole.h"
#include "meeting_internal.h"
#include "parse_file.h"
#include "method_meta.h"


static void free_ltext(ltext *t)
{
    for (int i = 0; i < MEETING_MAX_LANGS; i++)
        free(t->s[i]);
}

void meeting_free(meeting *m)
{
    if (!m)
        return;
    for (int i = 0; i < m->nprops; i++) {
        free_ltext(&m->props[i].title);
        free_ltext(&m->props[i].text);
        free_ltext(&m->props[i].delegate);
        for (int o = 0; o < m->props[i].nopts; o++)
            free_ltext(&m->props[i].opts[o].name);
        free(m->props[i].opts);
    }
    free(m->props);
    free(m->path);
    free(m->title);
    free(m->roster_path);
    free(m->export_dir);
    roster_free(m->roster);
    free(m);
}

/* load_roster: the roster named by the meeting, from roster_csv when
 * given.  A missing file is reported at the meeting file's roster line. */
static int load_roster(meeting *m, const meeting_roster_ref *ref,
                       const char *roster_csv, diag_list *diag)
{
    int before = diag_count(diag);
    as_status st;

    if (roster_csv) {
        const char *name = ref->as_written ? ref->as_written : "roster";
        st = roster_parse(name, roster_csv, strlen(roster_csv), &m->roster, diag);
    } else if (m->roster_path) {
        if (access(m->roster_path, F_OK) != 0) {
            diag_add(diag, m->path, ref->line, ref->col,
                     "roster file '%s' not found (looked for %s); check the "
                     "name, which is relative to the meeting file's folder",
                     ref->as_written ? ref->as_written : "", m->roster_path);
            return 1;
        }
        st = roster_load(m->roster_path, &m->roster, diag);
    } else {
        return 0; /* already reported as a missing roster key */
    }
    if (st != AS_OK && diag_count(diag) == before)
        return 1; /* never let a failed roster pass silently */
    return diag_count(diag) - before;
}

/* position: line and column of a "name:line:col: ..." diag line; lines
 * without one ("N more problems not shown") go last. */
static long position(const char *line, size_t skip)
{
    int64_t l = 0, c = 0;
    const char *p = line + skip;
    size_t n;
    if (*p++ != ':' || !whole_parse_n(p, n = strspn(p, "0123456789"), 9999999, &l))
        return LONG_MAX;
    p += n;
    if (*p == ':')
        (void)whole_parse_n(p + 1, strspn(p + 1, "0123456789"), 99999, &c);
    return (long)(l * 100000 + c);
}

typedef struct {
    long pos;
    int idx;
    char *line;
} diag_ref;

static int diag_order(const void *a, const void *b)
{
    const diag_ref *x = a, *y = b;
    if (x->pos != y->pos)
        return x->pos < y->pos ? -1 : 1;
    return (x->idx > y->idx) - (x->idx < y->idx); /* stable */
}

/* sort_diags: puts the lines from index from on in file order (stable),
 * so that the organizer reads the mistakes top to bottom.  qsort, not
 * insertion: a hostile file can produce many thousands of lines.  Left
 * as they are when memory runs out. */
static void sort_diags(diag_list *d, int from, const char *name)
{
    size_t skip = strlen(name);
    int n = d->n - from;
    if (n < 2)
        return;
    diag_ref *r = malloc((size_t)n * sizeof *r);
    if (!r)
        return;
    for (int i = 0; i < n; i++)
        r[i] = (diag_ref){position(d->lines[from + i], skip), i,
                          d->lines[from + i]};
    qsort(r, (size_t)n, sizeof *r, diag_order);
    for (int i = 0; i < n; i++)
        d->lines[from + i] = r[i].line;
    free(r);
}

/* load: the common part of meeting_load and meeting_from_memory. */
static as_status load(const char *name, const char *buf, size_t len,
                      const char *roster_csv, meeting **out, diag_list *diag)
{
    meeting_roster_ref ref = {0, 0, NULL};
    meeting *m = calloc(1, sizeof *m);
    int errors;

    *out = NULL;
    if (!m || !(m->path = strdup(name))) {
        free(m);
        diag_add(diag, name, 0, 0, "out of memory");
        return AS_ENOMEM;
    }
    /* meeting_load refuses a larger file before reading it; the same cap
     * here covers the copies read from a data folder or a bundle. */
    if (len > MEETING_MAX_BYTES) {
        diag_add(diag, name, 0, 0, "is %zu bytes, more than the %u a meeting "
                 "file may have; is this the right file?", len,
                 MEETING_MAX_BYTES);
        meeting_free(m);
        return AS_EINVAL;
    }
    crypto_hash_sha256(m->sha256, (const unsigned char *)buf, len);
    if (roster_csv) /* the caller supplies the roster: the key may go */
        ref.as_written = strdup("roster");
    int first = diag->n;
    errors = meeting_yaml_parse(name, buf, len, m, &ref, diag);
    sort_diags(diag, first, name);
    errors += load_roster(m, &ref, roster_csv, diag);
    free(ref.as_written);
    if (errors) {
        meeting_free(m);
        return AS_EINVAL;
    }
    *out = m;
    return AS_OK;
}

as_status meeting_load(const char *path, meeting **out, diag_list *diag)
{
    char *buf;
    size_t len;
    as_status st;

    *out = NULL;
    if (sodium_init() < 0) {
        diag_add(diag, path, 0, 0, "libsodium failed to start; reinstall libsodium23");
        return AS_EIO;
    }
    st = parse_read_file(path, "meeting file", MEETING_MAX_BYTES, &buf, &len,
                         diag);
    if (st != AS_OK)
        return st;
    st = load(path, buf, len, NULL, out, diag);
    free(buf);
    return st;
}

as_status meeting_from_memory(const char *name, const char *yaml, size_t len,
                              const char *roster_csv, meeting **out,
                              diag_list *diag)
{
    *out = NULL;
    if (sodium_init() < 0) {
        diag_add(diag, name, 0, 0, "libsodium failed to start; reinstall libsodium23");
        return AS_EIO;
    }
    return load(name, yaml, len, roster_csv, out, diag);
}

int meeting_lang_index(const meeting *m, const char *code)
{
    for (int i = 0; i < m->nlangs; i++)
        if (!strcmp(m->langs[i], code))
            return i;
    return -1;
}

const char *meeting_text(const meeting *m, const ltext *t, int lang)
{
    if (lang >= 0 && lang < m->nlangs && lang < MEETING_MAX_LANGS && t->s[lang])
        return t->s[lang];
    return t->s[0] ? t->s[0] : "";
}

int meeting_find(const meeting *m, const char *id)
{
    for (int i = 0; i < m->nprops; i++)
        if (!strcmp(m->props[i].id, id))
            return i;
    return -1;
}

int meeting_quorum(const meeting *m)
{
    if (m->quorum_percent > 0) {
        long n = roster_count(m->roster);
        return (int)((n * m->quorum_percent + 99) / 100);
    }
    return m->quorum;
}

int meeting_proposal_quorum(const meeting *m, int i)
{
    if (i < 0 || i >= m->nprops || m->props[i].quorum < 0)
        return meeting_quorum(m);
    const proposal *p = &m->props[i];
    if (p->quorum_percent) {
        long n = roster_count(m->roster);
        return (int)((n * p->quorum + 99) / 100);
    }
    return p->quorum;
}

int meeting_warnings(const meeting *m, diag_list *warn)
{
    int before = diag_count(warn);
    for (int i = 0; i < m->nprops; i++) {
        const proposal *p = &m->props[i];
        for (int l = 1; l < m->nlangs; l++) {
            const char *missing = !p->title.s[l] && !p->text.s[l] ? "title or text"
                                  : !p->title.s[l]                ? "title"
                                  : !p->text.s[l]                 ? "text"
                                                                  : NULL;
            if (missing)
                diag_add(warn, m->path, p->line, 0,
                         "warning: proposal '%s' has no %s %s; the kiosk will "
                         "show the %s one to %s readers",
                         p->id, m->langs[l], missing, m->langs[0], m->langs[l]);
        }
    }
    for (int i = 0; i < m->nprops; i++) {
        const proposal *p = &m->props[i];
        for (int l = 1; l < m->nlangs; l++) {
            int missing = 0;
            for (int o = 0; o < p->nopts; o++)
                missing += !p->opts[o].name.s[l];
            if (missing)
                diag_add(warn, m->path, p->line, 0,
                         "warning: proposal '%s' has %d option name%s without "
                         "a %s text; the kiosk will show the %s one",
                         p->id, missing, missing == 1 ? "" : "s", m->langs[l],
                         m->langs[0]);
            if ((method_meta_of(p->method).keys & MKEY_DELEGATE) && p->delegate.s[0] &&
                !p->delegate.s[l])
                diag_add(warn, m->path, p->line, 0,
                         "warning: proposal '%s' has no %s delegate name; the "
                         "kiosk will show the %s one", p->id, m->langs[l],
                         m->langs[0]);
        }
        if (method_meta_of(p->method).kind == BALLOT_RANKED &&
            p->nopts > MEETING_MAX_RANKS)
            diag_add(warn, m->path, p->line, 0,
                     "warning: proposal '%s' has %d options; a kiosk ballot "
                     "ranks at most %d of them", p->id, p->nopts,
                     MEETING_MAX_RANKS);
    }
    int n = roster_count(m->roster);
    if (m->quorum > n)
        diag_add(warn, m->path, 0, 0,
                 "warning: quorum %d is more than the %d people on the roster; "
                 "the meeting can never reach it",
                 m->quorum, n);
    return diag_count(warn) - before;
}
