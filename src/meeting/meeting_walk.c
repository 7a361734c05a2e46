/* meeting_walk.c: the meeting file walker's readers of single values
 * (meeting_internal.h's mw_*): messages at a node, maps with known keys,
 * texts in several languages, whole numbers, thresholds and ids.  The
 * schema that uses them is meeting_yaml.c (sections and proposals) and
 * meeting_methods.c (the voting methods' keys). */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "whole.h"
#include "meeting_internal.h"

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
