/* meeting_internal.h: the YAML walk behind meeting_load and
 * meeting_from_memory.  Internal to src/meeting: meeting_yaml.c holds the
 * walk of the sections and proposals, meeting_walk.c its readers of
 * single values (mw_*), meeting_methods.c the keys of the voting methods
 * (options, seats, consensus, ...), which method_def.keys allows. */
#ifndef AS_MEETING_INTERNAL_H
#define AS_MEETING_INTERNAL_H

#include <stddef.h>
#include <yaml.h>
#include "meeting.h"

/* Where the roster key was, so a missing roster file can be reported at
 * the line that names it. */
typedef struct {
    int line, col;      /* 0 when the key is absent */
    char *as_written;   /* the value as in the file (malloc'd) or NULL */
} meeting_roster_ref;

/* meeting_yaml_parse: fills m (zeroed by the caller; m->path set) from the
 * YAML text, everything except sha256 and the roster itself.  Every
 * problem is added to diag as "name:line:col: ..."; returns how many.
 * Whatever was filled in must be released with meeting_free even on
 * errors. */
int meeting_yaml_parse(const char *name, const char *buf, size_t len,
                       meeting *m, meeting_roster_ref *ref, diag_list *diag);

/* meeting_yaml_prescan: the cheap first pass over the YAML text
 * (meeting_bounds.c) that refuses, before any document tree is built,
 * nesting deeper than MEETING_MAX_DEPTH, more than MEETING_MAX_ANCHORS
 * anchors, more than MEETING_MAX_NODES
 * values or MEETING_MAX_EXPANDED_BYTES of text counted with every alias
 * written out, an alias inside what it stands for, and a text with a NUL
 * character.  Reports at the line:col where the cap is crossed (one
 * message: it stops there) and returns how many problems it added; 0
 * also for a syntax error, which the real parse reports. */
int meeting_yaml_prescan(const char *name, const char *buf, size_t len,
                         diag_list *diag);

/* How many problems the walk words out; the rest are only counted. */
#define MEETING_MAX_SHOWN 200

/* The walk's state: every report goes to diag and counts in errors. */
typedef struct {
    const char *file;
    yaml_document_t *doc;
    diag_list *diag;
    int errors;
    meeting *m;
    int langs_ok; /* languages parsed, so translations can be checked */
    yaml_mark_t *id_at; /* where each proposal's id is, for duplicates */
} walker;

/* mw_report: one "file:line:col: message" at node n (0:0 when NULL);
 * only counted once MEETING_MAX_SHOWN problems are in. */
void mw_report(walker *w, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* mw_node: the document's node idx. */
yaml_node_t *mw_node(walker *w, int idx);
/* mw_scalar: the node's text, or NULL for a list or a mapping. */
const char *mw_scalar(const yaml_node_t *n);
/* mw_is_empty: a key written with nothing after it. */
int mw_is_empty(const yaml_node_t *n);
/* mw_dup_str: strdup, reporting running out of memory at n. */
char *mw_dup_str(walker *w, const yaml_node_t *n, const char *s);
/* mw_edit_distance: Levenshtein distance of two short words (99 when
 * either is longer than 31 bytes), for "did you mean". */
int mw_edit_distance(const char *a, const char *b);
/* mw_map_keys: vals[k] / keys[k] get the value and key node of known[k]
 * in mapping n (NULL if absent); unknown keys (with "did you mean") and
 * repeated keys are reported.  Returns 0 if n is not a mapping. */
int mw_map_keys(walker *w, yaml_node_t *n, const char *where,
                const char *const known[], int nknown, yaml_node_t *vals[],
                yaml_node_t *keys[]);
/* mw_want_text: the node must be non-empty text; returns it or NULL
 * (reported, with example as the fix). */
const char *mw_want_text(walker *w, yaml_node_t *key, yaml_node_t *val,
                         const char *what, const char *example);
/* mw_parse_uint: a whole decimal number without sign, at most max. */
int mw_parse_uint(const char *s, long max, long *out);
/* mw_parse_quorum: "15" into *number (and *percent = 0) or "10%" into
 * *percent (and *number = 0); reported otherwise, both left alone. */
void mw_parse_quorum(walker *w, yaml_node_t *key, yaml_node_t *val,
                     int *number, int *percent);
/* mw_parse_ltext: plain text (the default language) or {lang: text}.
 * A text of more than max_chars characters is reported and left out. */
void mw_parse_ltext(walker *w, yaml_node_t *key, yaml_node_t *val, ltext *t,
                    const char *what, const char *id, size_t max_chars);
/* mw_chars: how many UTF-8 characters s holds. */
size_t mw_chars(const char *s);
/* mw_parse_threshold: majority, two-thirds, three-quarters or "a/b". */
void mw_parse_threshold(walker *w, yaml_node_t *key, yaml_node_t *val,
                        threshold *th);
/* mw_valid_id: [a-z0-9-]{1,63}. */
int mw_valid_id(const char *s);

/* The per-proposal keys that belong to the voting methods, as found by
 * mw_map_keys in parse_proposal (any of them NULL when absent). */
typedef struct {
    yaml_node_t *method_k, *method_v;
    yaml_node_t *threshold_k, *threshold_v;
    yaml_node_t *base_k, *base_v;
    yaml_node_t *quorum_k, *quorum_v;
    yaml_node_t *min_ballots_k, *min_ballots_v;
    yaml_node_t *options_k, *options_v;
    yaml_node_t *seats_k, *seats_v;
    yaml_node_t *choose_k, *choose_v;
    yaml_node_t *rule_k, *rule_v;
    yaml_node_t *consensus_k, *consensus_v;
    yaml_node_t *delegate_k, *delegate_v;
} method_keys;

/* meeting_parse_method: fills p's method and everything that depends on
 * it from the keys in mk (p->id and p->line already set; label names the
 * proposal in messages).  Keys that do not fit the method are reported at
 * their own line:col. */
void meeting_parse_method(walker *w, yaml_node_t *prop, proposal *p,
                          const char *label, const method_keys *mk);

#endif
