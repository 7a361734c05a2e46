/* meeting_methods.c: the proposal keys that belong to the voting methods
 * (method, threshold, base, quorum, min_ballots, options, seats, choose,
 * rule, consensus, delegate).  docs/meeting-file.md states the same rules
 * for organizers; keep the two in step.
 *
 * A key that does not fit the proposal's method is an error, not ignored:
 * an organizer who wrote seats: 3 on a ranked-choice proposal expects
 * three winners and must hear that there will be one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "meeting_internal.h"
#include "method_meta.h"

/* fits: reports key k when p's method does not accept it (method_def
 * .keys); returns whether the key may be read.  The message lists the
 * methods that do accept it, from the registry. */
static int fits(walker *w, yaml_node_t *k, const proposal *p, unsigned key,
                const char *name)
{
    char only_for[256];
    if (!k)
        return 0;
    if (method_meta_of(p->method).keys & key)
        return 1;
    if (method_words_with(key, only_for, sizeof only_for) == 1 &&
        method_meta_find(name) >= 0)
        snprintf(only_for, sizeof only_for, "method: %s", name);
    mw_report(w, k, "'%s' is only for %s; proposal '%s' uses method %s: "
              "remove the line or change the method", name, only_for,
              p->id[0] ? p->id : "?", method_meta_of(p->method).word);
    return 0;
}

/* needs: whether p's method requires key (method_def .needs). */
static int needs(const proposal *p, unsigned key)
{
    return (method_meta_of(p->method).needs & key) != 0;
}

/* parse_method: the method word; 0 when unknown (reported). */
static int parse_method(walker *w, const method_keys *mk, proposal *p)
{
    const char *s;
    if (!mk->method_k)
        return 1;
    s = mw_want_text(w, mk->method_k, mk->method_v, "method",
                     "method: yes-no-abstain");
    if (!s)
        return 0;
    int found = method_meta_find(s);
    if (found >= 0) {
        p->method = (vote_method)found;
        return 1;
    }
    const char *best = NULL;
    int bestd = 4;
    for (int i = 0; i < METHOD_COUNT; i++) {
        int d = mw_edit_distance(s, method_meta_of((vote_method)i).word);
        if (d < bestd) {
            bestd = d;
            best = method_meta_of((vote_method)i).word;
        }
    }
    if (best) {
        mw_report(w, mk->method_v, "unknown method '%.40s'; did you mean "
                  "'%s'?", s, best);
        return 0;
    }
    char all[256] = "";
    size_t used = 0;
    for (int i = 0; i < METHOD_COUNT && used < sizeof all; i++)
        used += (size_t)snprintf(all + used, sizeof all - used, "%s%s",
                                 i ? ", " : "", method_meta_of((vote_method)i).word);
    mw_report(w, mk->method_v, "unknown method '%.40s'; write one of %s (see "
              "docs/voting-methods.md)", s, all);
    return 0;
}

/* parse_count: a whole number from lo to hi; -1 (reported) otherwise. */
static long parse_count(walker *w, yaml_node_t *k, yaml_node_t *v,
                        const char *what, long lo, long hi,
                        const char *example)
{
    long n;
    const char *s = mw_want_text(w, k, v, what, example);
    if (!s)
        return -1;
    if (!mw_parse_uint(s, 1000000, &n) || n < lo || n > hi) {
        mw_report(w, v, "%s '%.40s' must be a whole number from %ld to %ld, "
                  "like %s", what, s, lo, hi, example);
        return -1;
    }
    return n;
}

/* parse_share: "1/3", "33%" or "none" into num/den (0/0 for none); 0
 * (reported) for anything else or a share outside (0, 1]. */
static int parse_share(walker *w, yaml_node_t *k, yaml_node_t *v,
                       const char *what, const char *example, int *num,
                       int *den)
{
    const char *s = mw_want_text(w, k, v, what, example);
    long a = 0, b = 0;
    size_t n;
    if (!s)
        return 0;
    n = strlen(s);
    if (!strcmp(s, "none")) {
        *num = *den = 0;
        return 1;
    }
    const char *slash = strchr(s, '/');
    char part[16];
    int ok = 0;
    if (slash && (size_t)(slash - s) < sizeof part) {
        memcpy(part, s, (size_t)(slash - s));
        part[slash - s] = '\0';
        ok = mw_parse_uint(part, 1000, &a) && mw_parse_uint(slash + 1, 1000, &b);
    } else if (n > 1 && s[n - 1] == '%' && n - 1 < sizeof part) {
        memcpy(part, s, n - 1);
        part[n - 1] = '\0';
        ok = mw_parse_uint(part, 100, &a);
        b = 100;
    }
    if (!ok || a <= 0 || b <= 0 || a > b) {
        mw_report(w, v, "%s '%.40s' is not a share more than 0 and at most "
                  "all; write a fraction or a percentage, like %s", what, s,
                  example);
        return 0;
    }
    *num = (int)a;
    *den = (int)b;
    return 1;
}

static const struct {
    const char *name;
    consensus_rule rule;
} presets[] = {
    {"no-blocks", {1, 0, 0, 0, 0, "no-blocks"}},
    {"two-blocks", {2, 0, 0, 0, 0, "two-blocks"}},
    {"no-blocks-third-aside", {1, 1, 3, 0, 0, "no-blocks-third-aside"}},
    {"override-90", {1, 0, 0, 9, 10, "override-90"}},
};
#define NPRESETS (sizeof presets / sizeof presets[0])

static int parse_preset(walker *w, yaml_node_t *k, yaml_node_t *v,
                        consensus_rule *r)
{
    const char *s = mw_want_text(w, k, v, "consensus preset",
                                 "consensus: no-blocks");
    if (!s)
        return 0;
    for (size_t i = 0; i < NPRESETS; i++)
        if (!strcmp(s, presets[i].name)) {
            *r = presets[i].rule;
            return 1;
        }
    const char *hint = NULL;
    int bestd = 4;
    for (size_t i = 0; i < NPRESETS; i++) {
        int d = mw_edit_distance(s, presets[i].name);
        if (d < bestd) {
            bestd = d;
            hint = presets[i].name;
        }
    }
    if (hint)
        mw_report(w, v, "unknown consensus preset '%.40s'; did you mean "
                  "'%s'?", s, hint);
    else
        mw_report(w, v, "unknown consensus preset '%.40s'; write no-blocks, "
                  "two-blocks, no-blocks-third-aside or override-90, or a "
                  "map with blocks_to_stop:, stand_aside_to_table:, "
                  "override:", s);
    return 0;
}

/* parse_consensus: a preset name, or a map that starts from a preset
 * (no-blocks unless `preset:` says otherwise) and changes its numbers.
 * A rule whose numbers were changed keeps no preset name: the screens
 * then state it from the numbers. */
static void parse_consensus(walker *w, yaml_node_t *k, yaml_node_t *v,
                            consensus_rule *r)
{
    static const char *const known[] = {"preset", "blocks_to_stop",
                                        "stand_aside_to_table", "override"};
    enum { PRESET, BLOCKS, TABLE, OVERRIDE, NK };
    yaml_node_t *vals[NK], *keys[NK];

    if (mw_scalar(v)) {
        parse_preset(w, k, v, r);
        return;
    }
    if (!mw_map_keys(w, v, "consensus", known, NK, vals, keys)) {
        mw_report(w, v, "consensus must be a preset name like consensus: "
                  "no-blocks, or a map like {preset: no-blocks, "
                  "stand_aside_to_table: 1/3}");
        return;
    }
    if (keys[PRESET])
        parse_preset(w, keys[PRESET], vals[PRESET], r);
    if (keys[BLOCKS]) {
        long n = parse_count(w, keys[BLOCKS], vals[BLOCKS], "blocks_to_stop",
                             1, 1000000, "blocks_to_stop: 2");
        if (n > 0)
            r->blocks_to_stop = (int)n;
    }
    if (keys[TABLE])
        parse_share(w, keys[TABLE], vals[TABLE], "stand_aside_to_table",
                    "stand_aside_to_table: 1/3 or 33%", &r->table_num,
                    &r->table_den);
    if (keys[OVERRIDE])
        parse_share(w, keys[OVERRIDE], vals[OVERRIDE], "override",
                    "override: 9/10 or 90%", &r->override_num,
                    &r->override_den);
    if (keys[BLOCKS] || keys[TABLE] || keys[OVERRIDE])
        r->preset[0] = '\0';
}

/* parse_options: the list of {id, name}; sets p->nopts only when every
 * option is well formed, so later checks never count a broken list. */
static void parse_options(walker *w, yaml_node_t *k, yaml_node_t *v,
                          proposal *p, const char *label)
{
    static const char *const known[] = {"id", "name"};
    int n, bad = 0;

    if (v->type != YAML_SEQUENCE_NODE) {
        mw_report(w, mw_is_empty(v) ? k : v,
                  "options must be a list, each option written like "
                  "- {id: ana, name: Ana Pérez}");
        return;
    }
    n = (int)(v->data.sequence.items.top - v->data.sequence.items.start);
    if (n < 2 || n > MEETING_MAX_OPTIONS) {
        mw_report(w, v, "proposal '%s' has %d option%s; give it from 2 to %d",
                  label, n, n == 1 ? "" : "s", MEETING_MAX_OPTIONS);
        return;
    }
    p->opts = calloc((size_t)n, sizeof *p->opts);
    if (!p->opts) {
        mw_report(w, v, "out of memory");
        return;
    }
    for (int i = 0; i < n; i++) {
        yaml_node_t *on = mw_node(w, v->data.sequence.items.start[i]);
        yaml_node_t *vals[2], *keys[2];
        option *o = &p->opts[i];
        const char *s;
        char what[MEETING_ID_MAX + 32];

        if (!mw_map_keys(w, on, "an option", known, 2, vals, keys)) {
            mw_report(w, on, "each option must be written like "
                      "- {id: ana, name: Ana Pérez}");
            bad = 1;
            continue;
        }
        if (!keys[0]) {
            mw_report(w, on, "option number %d of proposal '%s' has no id; "
                      "add id: like id: ana", i + 1, label);
            bad = 1;
        } else if ((s = mw_want_text(w, keys[0], vals[0], "option id",
                                     "id: ana"))) {
            if (!mw_valid_id(s)) {
                mw_report(w, vals[0], "option id '%.70s' may use only a-z, "
                          "0-9 and -, at most %d characters; write it like "
                          "ana-perez", s, MEETING_ID_MAX - 1);
                bad = 1;
            } else if (!strcmp(s, "none")) {
                mw_report(w, vals[0], "option id 'none' is taken: it is what "
                          "a ballot marking nothing records; choose another "
                          "id like none-of-these");
                bad = 1;
            } else {
                for (int j = 0; j < i; j++)
                    if (!strcmp(p->opts[j].id, s)) {
                        mw_report(w, vals[0], "option id '%s' appears twice "
                                  "in proposal '%s'; give each option its "
                                  "own id", s, label);
                        bad = 1;
                        break;
                    }
                memcpy(o->id, s, strlen(s) + 1);
            }
        } else {
            bad = 1;
        }
        snprintf(what, sizeof what, "name of option '%s'",
                 o->id[0] ? o->id : "?");
        if (!keys[1]) {
            mw_report(w, on, "option '%s' of proposal '%s' has no name; add "
                      "name: with what the ballot shows", o->id, label);
            bad = 1;
        } else {
            int before = w->errors;
            mw_parse_ltext(w, keys[1], vals[1], &o->name, what, label,
                           MEETING_MAX_TITLE_CHARS);
            bad |= w->errors != before;
        }
    }
    /* names are freed by meeting_free up to nopts: count them all */
    p->nopts = n;
    if (bad)
        p->nopts = -n; /* marks a broken list; fixed up by the caller */
}

static void parse_rule(walker *w, yaml_node_t *k, yaml_node_t *v, proposal *p)
{
    const char *s = mw_want_text(w, k, v, "rule", "rule: scottish");
    if (!s)
        return;
    if (!strcmp(s, "scottish"))
        p->stv_rule = 0;
    else if (!strcmp(s, "rctab"))
        p->stv_rule = 1;
    else
        mw_report(w, v, "unknown rule '%.40s'; write rule: scottish (the "
                  "Scottish STV rules, the default) or rule: rctab", s);
}

static void parse_base(walker *w, yaml_node_t *k, yaml_node_t *v, proposal *p)
{
    const char *s = mw_want_text(w, k, v, "base", "base: yes-no");
    if (!s)
        return;
    if (!strcmp(s, "yes-no"))
        p->base = BASE_YES_NO;
    else if (!strcmp(s, "all-ballots"))
        p->base = BASE_ALL_BALLOTS;
    else
        mw_report(w, v, "unknown base '%.40s'; write base: yes-no (abstentions "
                  "not counted, the default) or base: all-ballots", s);
}

void meeting_parse_method(walker *w, yaml_node_t *prop, proposal *p,
                          const char *label, const method_keys *mk)
{
    int known = parse_method(w, mk, p);
    int broken_opts = 0;

    p->cons = presets[0].rule;
    if (mk->quorum_k) {
        int num = -1, pct = -1;
        mw_parse_quorum(w, mk->quorum_k, mk->quorum_v, &num, &pct);
        if (pct > 0) {
            p->quorum = pct;
            p->quorum_percent = 1;
        } else if (num >= 0) {
            p->quorum = num;
        }
    }
    if (mk->min_ballots_k) {
        long n = parse_count(w, mk->min_ballots_k, mk->min_ballots_v,
                             "min_ballots", 0, 1000000, "min_ballots: 20");
        if (n >= 0)
            p->min_ballots = (int)n;
    }
    if (!known)
        return; /* every other key depends on the method */

    if (fits(w, mk->threshold_k, p, MKEY_THRESHOLD, "threshold"))
        mw_parse_threshold(w, mk->threshold_k, mk->threshold_v, &p->th);
    if (fits(w, mk->base_k, p, MKEY_BASE, "base"))
        parse_base(w, mk->base_k, mk->base_v, p);
    if (fits(w, mk->consensus_k, p, MKEY_CONSENSUS, "consensus"))
        parse_consensus(w, mk->consensus_k, mk->consensus_v, &p->cons);
    if (fits(w, mk->rule_k, p, MKEY_RULE, "rule"))
        parse_rule(w, mk->rule_k, mk->rule_v, p);
    if (fits(w, mk->delegate_k, p, MKEY_DELEGATE, "delegate"))
        mw_parse_ltext(w, mk->delegate_k, mk->delegate_v, &p->delegate,
                       "delegate", label, MEETING_MAX_TITLE_CHARS);
    else if (needs(p, MKEY_DELEGATE) && !mk->delegate_k)
        mw_report(w, mk->method_v, "proposal '%s' is a %s but names no "
                  "delegate; add delegate: with the name of the person who "
                  "would be recalled", label, method_meta_of(p->method).word);

    if (fits(w, mk->options_k, p, MKEY_OPTIONS, "options")) {
        parse_options(w, mk->options_k, mk->options_v, p, label);
        if (p->nopts < 0) {
            broken_opts = 1;
            p->nopts = -p->nopts;
        }
    } else if (needs(p, MKEY_OPTIONS) && !mk->options_k) {
        mw_report(w, mk->method_v, "proposal '%s' uses %s but has no "
                  "options; add options: with at least 2 entries like "
                  "- {id: ana, name: Ana Pérez}", label,
                  method_meta_of(p->method).word);
        broken_opts = 1;
    }
    int have_opts = !broken_opts && p->nopts >= 2;

    if (fits(w, mk->seats_k, p, MKEY_SEATS, "seats")) {
        long hi = have_opts ? p->nopts - 1 : MEETING_MAX_OPTIONS - 1;
        char example[96];
        snprintf(example, sizeof example, "seats: %ld (fewer than the %d "
                 "options)", hi > 1 ? hi : 1, have_opts ? p->nopts : 2);
        long n = parse_count(w, mk->seats_k, mk->seats_v, "seats", 1,
                             hi > 1 ? hi : 1, example);
        if (n > 0)
            p->seats = (int)n;
    } else if (needs(p, MKEY_SEATS) && !mk->seats_k) {
        mw_report(w, mk->method_v, "proposal '%s' uses %s but has no seats; "
                  "add seats: with how many are elected, like seats: 3",
                  label, method_meta_of(p->method).word);
    }
    p->choose = p->seats;
    if (fits(w, mk->choose_k, p, MKEY_CHOOSE, "choose")) {
        long hi = have_opts ? p->nopts : MEETING_MAX_OPTIONS;
        char example[96];
        snprintf(example, sizeof example, "choose: %d", p->seats);
        long n = parse_count(w, mk->choose_k, mk->choose_v, "choose",
                             p->seats, hi, example);
        if (n > 0)
            p->choose = (int)n;
    }
    (void)prop;
}
