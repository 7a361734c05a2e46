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
#include "whole.h"
#include "meeting_internal.h"

#define DEFAULT_IDLE_SECONDS 90
#define DEFAULT_STILL_SECONDS 30

void mw_report(walker *w, const yaml_node_t *n, const char *fmt, ...)
{
    char msg[900];
    va_list ap;
    /* Past the first MEETING_MAX_SHOWN problems only count them: a broken
     * or hostile file can hold tens of thousands, and nobody reads past
     * the first screens (meeting_yaml_parse says how many more). */
    if (w->errors >= MEETING_MAX_SHOWN) {
        w->errors++;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_add(w->diag, w->file, n ? (int)n->start_mark.line + 1 : 0,
             n ? (int)n->start_mark.column + 1 : 0, "%s", msg);
    w->errors++;
}

yaml_node_t *mw_node(walker *w, int idx)
{
    return yaml_document_get_node(w->doc, idx);
}

/* scalar: the node's text, or NULL when it is a list or a mapping. */
const char *mw_scalar(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value
                                            : NULL;
}

/* is_empty: a key written with nothing after it ("export_dir:"). */
int mw_is_empty(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE && n->data.scalar.length == 0 &&
           n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

char *mw_dup_str(walker *w, const yaml_node_t *n, const char *s)
{
    char *d = strdup(s);
    if (!d)
        mw_report(w, n, "out of memory");
    return d;
}

/* edit_distance: Levenshtein distance of two short keys, for "did you
 * mean".  Keys longer than 31 characters are never close to ours. */
int mw_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    int row[32];
    if (la > 31 || lb > 31)
        return 99;
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int up = row[j];
            int sub = diag + (tolower((unsigned char)a[i - 1]) !=
                              tolower((unsigned char)b[j - 1]));
            int best = sub;
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

/* map_keys: looks up the known keys of a mapping node.  vals[k] / keys[k]
 * get the value and key node of known[k] (NULL if absent); unknown and
 * repeated keys are reported.  Returns 0 if n is not a mapping. */
int mw_map_keys(walker *w, yaml_node_t *n, const char *where,
                    const char *const known[], int nknown, yaml_node_t *vals[],
                    yaml_node_t *keys[])
{
    for (int k = 0; k < nknown; k++)
        vals[k] = keys[k] = NULL;
    if (!n || n->type != YAML_MAPPING_NODE)
        return 0;
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
         p < n->data.mapping.pairs.top; p++) {
        yaml_node_t *kn = mw_node(w, p->key), *vn = mw_node(w, p->value);
        const char *key = mw_scalar(kn);
        int k;
        if (!key) {
            mw_report(w, kn, "a key in %s must be a plain word", where);
            continue;
        }
        for (k = 0; k < nknown; k++)
            if (!strcmp(key, known[k]))
                break;
        if (k < nknown) {
            if (keys[k])
                mw_report(w, kn, "'%s' appears twice in %s (first on line %d); "
                       "keep one of them", key, where,
                       (int)keys[k]->start_mark.line + 1);
            else {
                keys[k] = kn;
                vals[k] = vn;
            }
            continue;
        }
        if (w->errors >= MEETING_MAX_SHOWN) {
            w->errors++; /* not shown: no "did you mean" to work out */
            continue;
        }
        int best = -1, bestd = 3;
        for (int j = 0; j < nknown; j++) {
            int d = mw_edit_distance(key, known[j]);
            if (d < bestd) {
                bestd = d;
                best = j;
            }
        }
        char allowed[256] = "";
        for (int j = 0; j < nknown; j++) {
            size_t used = strlen(allowed);
            snprintf(allowed + used, sizeof allowed - used, "%s%s",
                     j ? ", " : "", known[j]);
        }
        if (best >= 0)
            mw_report(w, kn, "unknown key '%.60s' in %s; did you mean '%s'?", key,
                   where, known[best]);
        else
            mw_report(w, kn, "unknown key '%.60s' in %s; the keys allowed here "
                   "are %s", key, where, allowed);
    }
    return 1;
}

/* want_text: the node must be non-empty text; returns it or NULL. */
const char *mw_want_text(walker *w, yaml_node_t *key, yaml_node_t *val,
                             const char *what, const char *example)
{
    const char *s = mw_scalar(val);
    if (!s) {
        mw_report(w, val, "%s must be a single value, like %s", what, example);
        return NULL;
    }
    if (!*s) {
        mw_report(w, mw_is_empty(val) ? key : val,
               "%s is empty; write it after the colon, like %s", what, example);
        return NULL;
    }
    return s;
}

/* parse_uint: whole decimal number without sign, at most max (whole.h). */
int mw_parse_uint(const char *s, long max, long *out)
{
    int64_t v;
    /* v > max never happens; said here so that an optimizing compiler
     * sees the bound on what the callers go on to print */
    if (!whole_parse(s, max, &v) || v < 0 || v > max)
        return 0;
    *out = (long)v;
    return 1;
}

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

/* trim_end: a copy of s without trailing blanks and newlines (a YAML
 * block scalar always ends with one). */
static char *trim_end(walker *w, yaml_node_t *n, const char *s)
{
    size_t len = strlen(s);
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    char *d = malloc(len + 1);
    if (!d) {
        mw_report(w, n, "out of memory");
        return NULL;
    }
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

static int blank(const char *s)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    return !*s;
}

size_t mw_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* too_long: reports a text of more than max characters at n (1), or
 * returns 0.  The kiosk lays every character out, and a page-long title
 * would push the buttons off the screen. */
static int too_long(walker *w, yaml_node_t *n, const char *s, size_t max,
                    const char *what, const char *id)
{
    size_t len = mw_chars(s);
    if (len <= max)
        return 0;
    mw_report(w, n, "the %s of proposal '%s' is %zu characters long, more "
              "than the %zu allowed; shorten it (docs/meeting-file.md, "
              "\"Limits\")", what, id, len, max);
    return 1;
}

/* parse_ltext: plain text (the default language) or {lang: text, ...}. */
void mw_parse_ltext(walker *w, yaml_node_t *key, yaml_node_t *val,
                    ltext *t, const char *what, const char *id,
                    size_t max_chars)
{
    meeting *m = w->m;
    const char *s = mw_scalar(val);
    int t_long = 0; /* a text was too long: reported already */

    if (s) {
        if (blank(s)) {
            mw_report(w, mw_is_empty(val) ? key : val,
                   "proposal '%s' has an empty %s; write the %s after the "
                   "colon", id, what, what);
            return;
        }
        if (!too_long(w, val, s, max_chars, what, id))
            t->s[0] = trim_end(w, val, s);
        return;
    }
    if (val->type != YAML_MAPPING_NODE) {
        mw_report(w, val, "the %s of proposal '%s' must be text, or one text per "
               "language like {en: ..., es: ...}", what, id);
        return;
    }
    for (yaml_node_pair_t *p = val->data.mapping.pairs.start;
         p < val->data.mapping.pairs.top; p++) {
        yaml_node_t *kn = mw_node(w, p->key), *vn = mw_node(w, p->value);
        const char *lang = mw_scalar(kn), *txt = mw_scalar(vn);
        int li;
        if (!lang) {
            mw_report(w, kn, "a language code like en must come before each "
                   "%s", what);
            continue;
        }
        if (!w->langs_ok)
            continue; /* the languages line is wrong already */
        char lc[8] = "";
        for (size_t i = 0; i < sizeof lc - 1 && lang[i]; i++)
            lc[i] = (char)tolower((unsigned char)lang[i]);
        li = strlen(lang) < sizeof lc ? meeting_lang_index(m, lc) : -1;
        if (li < 0) {
            char list[MEETING_MAX_LANGS * 8 + 16] = "";
            for (int i = 0; i < m->nlangs; i++) {
                size_t used = strlen(list);
                snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "",
                         m->langs[i]);
            }
            mw_report(w, kn, "'%.20s' is not one of the meeting's languages (%s); "
                   "add it to languages: or fix the code", lang, list);
            continue;
        }
        if (t->s[li]) {
            mw_report(w, kn, "proposal '%s' has two %s %ss; keep one", id, lang,
                   what);
            continue;
        }
        if (!txt || blank(txt)) {
            mw_report(w, txt ? (mw_is_empty(vn) ? kn : vn) : vn,
                   "the %s %s of proposal '%s' must be non-empty text", lang,
                   what, id);
            continue;
        }
        if (too_long(w, vn, txt, max_chars, what, id)) {
            t_long = 1;
            continue;
        }
        t->s[li] = trim_end(w, vn, txt);
    }
    if (w->langs_ok && !t->s[0] && !t_long)
        mw_report(w, val, "proposal '%s' has no %s %s (the default language, "
               "first in languages:); add %s: ...", id, m->langs[0], what,
               m->langs[0]);
}

void mw_parse_threshold(walker *w, yaml_node_t *key, yaml_node_t *val,
                            threshold *th)
{
    static const struct {
        const char *name;
        int num, den, strict;
    } named[] = {{"majority", 1, 2, 1},
                 {"two-thirds", 2, 3, 0},
                 {"three-quarters", 3, 4, 0}};
    const char *s = mw_want_text(w, key, val, "threshold", "threshold: majority");
    long a, b;

    if (!s)
        return;
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (!strcmp(s, named[i].name)) {
            th->num = named[i].num;
            th->den = named[i].den;
            th->strict = named[i].strict;
            snprintf(th->name, sizeof th->name, "%s", named[i].name);
            return;
        }
    const char *slash = strchr(s, '/');
    if (slash && slash - s < 8) {
        char num[8];
        memcpy(num, s, (size_t)(slash - s));
        num[slash - s] = '\0';
        if (mw_parse_uint(num, 1000, &a) && mw_parse_uint(slash + 1, 1000, &b)) {
            if (a > 0 && b > 0 && a <= b) {
                th->num = (int)a;
                th->den = (int)b;
                th->strict = 0;
                snprintf(th->name, sizeof th->name, "%ld/%ld", a, b);
                return;
            }
            mw_report(w, val, "threshold '%.40s' is not a share more than 0 and at "
                   "most 1; write a fraction like 3/5", s);
            return;
        }
    }
    mw_report(w, val, "unknown threshold '%.40s'; write majority, two-thirds, "
           "three-quarters or a fraction like 3/5", s);
}

int mw_valid_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= MEETING_ID_MAX)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
            return 0;
    return 1;
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
