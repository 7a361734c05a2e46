/* meeting_yaml.c: the meeting file's schema, checked by walking libyaml's
 * document tree (docs/meeting-file.md is the organizer's description of
 * the same rules; keep the two in step).
 *
 * The walk never stops at the first problem: an organizer fixing a file
 * before the meeting wants every mistake in one run.  Every message points
 * at the node it is about (libyaml's marks are 0-based; ours 1-based). */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "meeting_internal.h"

#define DEFAULT_IDLE_SECONDS 90
#define DEFAULT_STILL_SECONDS 30

static void parse_date(walker *w, yaml_node_t *key, yaml_node_t *val)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const char *s = mw_want_text(w, key, val, "date", "date: 2026-12-05");
    int y, mo, d, n = 0;
    if (!s)
        return;
    if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 ||
        n != 10 || !isdigit((unsigned char)s[5]) || !isdigit((unsigned char)s[8]) ||
        mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
        (mo == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))) {
        mw_report(w, val, "date '%.40s' is not a real date written YYYY-MM-DD; "
               "write it like 2026-12-05", s);
        return;
    }
    memcpy(w->m->date, s, 11);
}

static void parse_languages(walker *w, yaml_node_t *key, yaml_node_t *val)
{
    meeting *m = w->m;
    int bad = 0;
    yaml_node_item_t *start, *top, one = 0;

    if (!key) { /* optional: English only */
        strcpy(m->langs[0], "en");
        m->nlangs = 1;
        w->langs_ok = 1;
        return;
    }
    if (val->type == YAML_SCALAR_NODE && !mw_is_empty(val)) {
        one = (yaml_node_item_t)(val - w->doc->nodes.start) + 1;
        start = &one;
        top = start + 1;
    } else if (val->type == YAML_SEQUENCE_NODE) {
        start = val->data.sequence.items.start;
        top = val->data.sequence.items.top;
    } else {
        mw_report(w, mw_is_empty(val) ? key : val,
               "languages must be a list of language codes, the default "
               "first, like languages: [en, es]");
        return;
    }
    if (start == top) {
        mw_report(w, val, "languages is empty; list at least one code, like "
               "languages: [en]");
        return;
    }
    for (yaml_node_item_t *it = start; it < top; it++) {
        yaml_node_t *ln = mw_node(w, *it);
        const char *code = mw_scalar(ln);
        size_t len = code ? strlen(code) : 0;
        int ok = len >= 2 && len <= 3;
        for (size_t i = 0; ok && i < len; i++)
            ok = isalpha((unsigned char)code[i]);
        if (!ok) {
            mw_report(w, ln, "'%.40s' is not a language code; use two- or "
                   "three-letter ISO 639 codes like en, es, zh",
                   code ? code : "(a list)");
            bad = 1;
            continue;
        }
        if (m->nlangs == MEETING_MAX_LANGS) {
            mw_report(w, ln, "more than %d languages; remove some",
                   MEETING_MAX_LANGS);
            bad = 1;
            break;
        }
        char lc[8];
        for (size_t i = 0; i <= len; i++)
            lc[i] = (char)tolower((unsigned char)code[i]);
        if (meeting_lang_index(m, lc) >= 0) {
            mw_report(w, ln, "language '%s' is listed twice; remove one", lc);
            bad = 1;
            continue;
        }
        memcpy(m->langs[m->nlangs++], lc, len + 1);
    }
    w->langs_ok = !bad;
}

void mw_parse_quorum(walker *w, yaml_node_t *key, yaml_node_t *val,
                     int *number, int *percent)
{
    const char *s = mw_want_text(w, key, val, "quorum",
                              "quorum: 15 (people) or quorum: 10% (of the roster)");
    size_t n;
    long v;
    if (!s)
        return;
    n = strlen(s);
    if (n > 1 && s[n - 1] == '%') {
        char num[16];
        if (n - 1 < sizeof num) {
            memcpy(num, s, n - 1);
            num[n - 1] = '\0';
            if (mw_parse_uint(num, 100, &v)) {
                *percent = (int)v;
                *number = 0;
                return;
            }
        }
        mw_report(w, val, "quorum '%.40s' is not a percentage from 0%% to 100%%; "
               "write it like quorum: 10%%", s);
        return;
    }
    if (!mw_parse_uint(s, 1000000, &v)) {
        mw_report(w, val, "quorum '%.40s' is not a number of people (0 or more) "
               "or a percentage; write it like quorum: 15 or quorum: 10%%", s);
        return;
    }
    *number = (int)v;
    *percent = 0;
}

static void parse_seconds(walker *w, yaml_node_t *key, yaml_node_t *val,
                          const char *what, long lo, long hi, int *out)
{
    char example[64];
    long v;
    snprintf(example, sizeof example, "%s: %d", what, *out);
    const char *s = mw_want_text(w, key, val, what, example);
    if (!s)
        return;
    if (!mw_parse_uint(s, 1000000, &v) || v < lo || v > hi) {
        mw_report(w, val, "%s '%.40s' must be a whole number of seconds from %ld "
               "to %ld, like %s", what, s, lo, hi, example);
        return;
    }
    *out = (int)v;
}

/* resolve: path as written, made relative to the meeting file's folder. */
static char *resolve(walker *w, yaml_node_t *n, const char *path)
{
    const char *slash = strrchr(w->file, '/');
    if (path[0] == '/' || !slash)
        return mw_dup_str(w, n, path);
    size_t dl = (size_t)(slash - w->file) + 1, pl = strlen(path);
    char *r = malloc(dl + pl + 1);
    if (!r) {
        mw_report(w, n, "out of memory");
        return NULL;
    }
    memcpy(r, w->file, dl);
    memcpy(r + dl, path, pl + 1);
    return r;
}

static void parse_meeting_block(walker *w, yaml_node_t *n,
                                meeting_roster_ref *ref)
{
    static const char *const known[] = {
        "title", "date", "languages", "roster", "quorum", "idle_timeout",
        "still_voting_timeout", "export_dir", "credentials"};
    enum { TITLE, DATE, LANGS, ROSTER, QUORUM, IDLE, STILL, EXPORT, CRED,
           NKEYS };
    yaml_node_t *v[NKEYS], *k[NKEYS];
    meeting *m = w->m;
    const char *s;

    m->idle_seconds = DEFAULT_IDLE_SECONDS;
    m->still_seconds = DEFAULT_STILL_SECONDS;
    if (!mw_map_keys(w, n, "meeting", known, NKEYS, v, k)) {
        mw_report(w, n, "meeting must hold keys like title:, date: and roster:, "
               "each on its own line, indented under meeting:");
        parse_languages(w, NULL, NULL);
        return;
    }
    if (!k[TITLE])
        mw_report(w, n, "meeting has no title; add a line like "
               "title: Pilsen People's Assembly, December");
    else if ((s = mw_want_text(w, k[TITLE], v[TITLE], "title",
                            "title: Pilsen People's Assembly"))) {
        size_t len = mw_chars(s);
        if (len > MEETING_MAX_TITLE_CHARS)
            mw_report(w, v[TITLE], "the meeting's title is %zu characters "
                      "long, more than the %d allowed; shorten it", len,
                      MEETING_MAX_TITLE_CHARS);
        else
            m->title = mw_dup_str(w, v[TITLE], s);
    }
    if (!k[DATE])
        mw_report(w, n, "meeting has no date; add a line like date: 2026-12-05");
    else
        parse_date(w, k[DATE], v[DATE]);
    parse_languages(w, k[LANGS], v[LANGS]);
    if (!k[ROSTER] && !ref->as_written) {
        mw_report(w, n, "meeting has no roster; add a line like roster: roster.csv "
               "naming the roster file (see docs/roster.md)");
    } else if (k[ROSTER] &&
               (s = mw_want_text(w, k[ROSTER], v[ROSTER], "roster",
                              "roster: roster.csv"))) {
        m->roster_path = resolve(w, v[ROSTER], s);
        free(ref->as_written);
        ref->as_written = mw_dup_str(w, v[ROSTER], s);
        ref->line = (int)v[ROSTER]->start_mark.line + 1;
        ref->col = (int)v[ROSTER]->start_mark.column + 1;
    }
    if (k[QUORUM])
        mw_parse_quorum(w, k[QUORUM], v[QUORUM], &m->quorum,
                        &m->quorum_percent);
    if (k[IDLE])
        parse_seconds(w, k[IDLE], v[IDLE], "idle_timeout", 10, 3600,
                      &m->idle_seconds);
    if (k[STILL])
        parse_seconds(w, k[STILL], v[STILL], "still_voting_timeout", 5, 600,
                      &m->still_seconds);
    if (k[EXPORT] && !mw_is_empty(v[EXPORT]) &&
        (s = mw_want_text(w, k[EXPORT], v[EXPORT], "export_dir",
                       "export_dir: /media/usb")))
        m->export_dir = resolve(w, v[EXPORT], s);
    if (k[CRED] && (s = mw_want_text(w, k[CRED], v[CRED], "credentials",
                                  "credentials: cards"))) {
        if (!strcmp(s, "badges"))
            m->credentials = CRED_BADGES;
        else if (!strcmp(s, "cards"))
            m->credentials = CRED_CARDS;
        else
            mw_report(w, v[CRED], "credentials '%.40s' is not known; write "
                   "credentials: badges (the badge votes) or credentials: "
                   "cards (badges check in, voting cards vote)", s);
    }
}

static void parse_proposal(walker *w, yaml_node_t *n, int idx)
{
    static const char *const known[] = {
        "id", "title", "text", "method", "threshold", "base", "quorum",
        "min_ballots", "options", "seats", "choose", "rule", "consensus",
        "delegate"};
    enum { ID, TITLE, TEXT, METHOD, THRESHOLD, BASE, QUORUM, MINB, OPTIONS,
           SEATS, CHOOSE, RULE, CONSENSUS, DELEGATE, NKEYS };
    yaml_node_t *v[NKEYS], *k[NKEYS];
    proposal *p = &w->m->props[idx];
    char label[MEETING_ID_MAX + 16];
    const char *s;

    p->line = (int)n->start_mark.line + 1;
    p->method = METHOD_YES_NO_ABSTAIN;
    p->th = (threshold){1, 2, 1, "majority"};
    p->quorum = -1;
    p->seats = 1;
    snprintf(label, sizeof label, "number %d", idx + 1);
    if (!mw_map_keys(w, n, "a proposal", known, NKEYS, v, k)) {
        mw_report(w, n, "each proposal must hold id:, title: and text:; start it "
               "with \"- id: ...\" under proposals:");
        return;
    }
    if (!k[ID]) {
        mw_report(w, n, "proposal %s has no id; add a line like id: coat-drive",
               label);
    } else if ((s = mw_want_text(w, k[ID], v[ID], "id", "id: coat-drive"))) {
        if (!mw_valid_id(s)) {
            mw_report(w, v[ID], "proposal id '%.70s' may use only a-z, 0-9 and -, "
                   "at most %d characters; write it like coat-drive", s,
                   MEETING_ID_MAX - 1);
        } else {
            /* Duplicates are found once every id is in (check_ids). */
            memcpy(p->id, s, strlen(s) + 1);
            if (w->id_at)
                w->id_at[idx] = (yaml_mark_t)v[ID]->start_mark;
            snprintf(label, sizeof label, "%s", s);
        }
    }
    if (!k[TITLE])
        mw_report(w, n, "proposal '%s' has no title; add title: ...", label);
    else
        mw_parse_ltext(w, k[TITLE], v[TITLE], &p->title, "title", label,
                       MEETING_MAX_TITLE_CHARS);
    if (!k[TEXT])
        mw_report(w, n, "proposal '%s' has no text; add text: with the full "
               "proposal (see docs/meeting-file.md)", label);
    else
        mw_parse_ltext(w, k[TEXT], v[TEXT], &p->text, "text", label,
                       MEETING_MAX_TEXT_CHARS);
    method_keys mk = {
        k[METHOD], v[METHOD], k[THRESHOLD], v[THRESHOLD], k[BASE], v[BASE],
        k[QUORUM], v[QUORUM], k[MINB], v[MINB], k[OPTIONS], v[OPTIONS],
        k[SEATS], v[SEATS], k[CHOOSE], v[CHOOSE], k[RULE], v[RULE],
        k[CONSENSUS], v[CONSENSUS], k[DELEGATE], v[DELEGATE]};
    meeting_parse_method(w, n, p, label, &mk);
}

typedef struct {
    const char *id;
    int idx;
} id_ref;

static int id_order(const void *a, const void *b)
{
    const id_ref *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

/* check_ids: reports every proposal whose id an earlier one has, at its
 * id and naming the first one's line.  Sorting keeps this O(n log n),
 * where looking each id up among the ones before was quadratic. */
static void check_ids(walker *w)
{
    meeting *m = w->m;
    id_ref *by_id = malloc((size_t)m->nprops * sizeof *by_id);
    if (!by_id || !w->id_at) {
        free(by_id);
        mw_report(w, NULL, "out of memory");
        return;
    }
    for (int i = 0; i < m->nprops; i++)
        by_id[i] = (id_ref){m->props[i].id, i};
    qsort(by_id, (size_t)m->nprops, sizeof *by_id, id_order);
    for (int i = 1, first = 0; i < m->nprops; i++) {
        if (strcmp(by_id[i].id, by_id[first].id)) {
            first = i;
            continue;
        }
        if (!by_id[i].id[0])
            continue; /* no usable id: reported already */
        const yaml_mark_t *at = &w->id_at[by_id[i].idx];
        diag_add(w->diag, w->file, (int)at->line + 1, (int)at->column + 1,
                 "duplicate proposal id '%s' (also on line %d); give each "
                 "proposal its own id", by_id[i].id,
                 m->props[by_id[first].idx].line);
        w->errors++;
    }
    free(by_id);
}

static void parse_proposals(walker *w, yaml_node_t *key, yaml_node_t *val,
                            yaml_node_t *root)
{
    if (!key) {
        mw_report(w, root, "the file has no proposals: section; add one with at "
               "least one proposal (see docs/meeting-file.md)");
        return;
    }
    if (val->type != YAML_SEQUENCE_NODE) {
        mw_report(w, mw_is_empty(val) ? key : val,
               "proposals must be a list, each proposal starting with "
               "\"- id: ...\"");
        return;
    }
    int n = (int)(val->data.sequence.items.top - val->data.sequence.items.start);
    if (n == 0) {
        mw_report(w, val, "proposals is empty; add at least one proposal");
        return;
    }
    if (n > MEETING_MAX_PROPOSALS) {
        mw_report(w, mw_node(w, val->data.sequence.items.start[MEETING_MAX_PROPOSALS]),
                  "proposal number %d: a meeting file holds at most %d "
                  "proposals; split the meeting into two files",
                  MEETING_MAX_PROPOSALS + 1, MEETING_MAX_PROPOSALS);
        return;
    }
    w->m->props = calloc((size_t)n, sizeof *w->m->props);
    if (!w->m->props) {
        mw_report(w, val, "out of memory");
        return;
    }
    w->m->nprops = n;
    w->id_at = calloc((size_t)n, sizeof *w->id_at);
    for (int i = 0; i < n; i++)
        parse_proposal(w, mw_node(w, val->data.sequence.items.start[i]), i);
    check_ids(w);
    free(w->id_at);
    w->id_at = NULL;
}

static void syntax_error(walker *w, const yaml_parser_t *p)
{
    const char *problem = p->problem ? p->problem : "unreadable";
    /* Running off the end of the file inside a quote or a bracket is best
     * shown where that quote or bracket opened, not at the end. */
    int at_start = p->context && strstr(problem, "end of stream");
    const yaml_mark_t *mk = at_start ? &p->context_mark : &p->problem_mark;

    if (at_start)
        diag_add(w->diag, w->file, (int)mk->line + 1, (int)mk->column + 1,
                 "YAML syntax error: %s %s that starts here; close it (a "
                 "missing quote or bracket?)", problem, p->context);
    else if (p->context)
        diag_add(w->diag, w->file, (int)mk->line + 1, (int)mk->column + 1,
                 "YAML syntax error: %s (%s at line %d); check the indentation, "
                 "colons and quotes here and on the line before", problem,
                 p->context, (int)p->context_mark.line + 1);
    else
        diag_add(w->diag, w->file, (int)mk->line + 1, (int)mk->column + 1,
                 "YAML syntax error: %s; check the indentation, colons and "
                 "quotes here and on the line before", problem);
    w->errors++;
}

int meeting_yaml_parse(const char *name, const char *buf, size_t len,
                       meeting *m, meeting_roster_ref *ref, diag_list *diag)
{
    static const char *const known[] = {"meeting", "proposals"};
    yaml_parser_t parser;
    yaml_document_t doc, extra;
    walker w = {name, &doc, diag, 0, m, 0, NULL};
    yaml_node_t *v[2], *k[2], *root;

    /* The caps first: the tree below shares aliased nodes, but the walk
     * copies each one as often as it is used. */
    if ((w.errors = meeting_yaml_prescan(name, buf, len, diag)) != 0)
        return w.errors;
    if (!yaml_parser_initialize(&parser)) {
        diag_add(diag, name, 0, 0, "out of memory");
        return 1;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
    if (!yaml_parser_load(&parser, &doc)) {
        syntax_error(&w, &parser);
        yaml_parser_delete(&parser);
        return w.errors;
    }
    root = yaml_document_get_root_node(&doc);
    if (!root) {
        diag_add(diag, name, 1, 1, "the meeting file is empty; start from the "
                 "example in docs/meeting-file.md");
        w.errors++;
        goto done;
    }
    if (!mw_map_keys(&w, root, "the file", known, 2, v, k)) {
        mw_report(&w, root, "the file must start with meeting: and proposals: "
               "sections (see docs/meeting-file.md)");
        goto done;
    }
    if (!k[0]) {
        mw_report(&w, root, "the file has no meeting: section; add one with "
               "title:, date: and roster: (see docs/meeting-file.md)");
        parse_languages(&w, NULL, NULL);
    } else {
        parse_meeting_block(&w, v[0], ref);
    }
    parse_proposals(&w, k[1], v[1], root);

    /* A second "---" document would be silently ignored: say so. */
    if (!yaml_parser_load(&parser, &extra)) {
        syntax_error(&w, &parser);
    } else {
        yaml_node_t *x = yaml_document_get_root_node(&extra);
        if (x)
            mw_report(&w, x, "a second YAML document after '---'; a meeting file "
                   "holds one meeting: remove it or split it into another file");
        yaml_document_delete(&extra);
    }
done:
    if (w.errors > MEETING_MAX_SHOWN)
        diag_add(diag, name, 0, 0, "%d more problems not shown; fix the ones "
                 "above and run it again", w.errors - MEETING_MAX_SHOWN);
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    return w.errors;
}
