/* meeting_bounds.c: the cheap first pass over a meeting file that keeps a
 * hostile or broken file from costing more than a few megabytes and a
 * fraction of a second before the real parse (meeting_yaml.c) builds a
 * document tree from it.
 *
 * Why a separate pass: libyaml's document loader shares one node for
 * every alias (*name) of an anchor (&name), so the tree stays small, but
 * everything that walks it sees the anchored text once per alias: 1,000
 * aliases of a 2 MB text made the walk copy 2 GB.  And libyaml's scanner
 * checks every open bracket at every token, so 100,000 nested [ took 36 s
 * to load.  This pass reads libyaml's event stream, which holds nothing
 * but the open levels, and stops at the first limit crossed:
 *   - nesting deeper than MEETING_MAX_DEPTH, at the list or mapping that
 *     goes too deep (stopping there keeps the scanner's per-token cost at
 *     that depth, so the whole pass stays linear);
 *   - more than MEETING_MAX_NODES values or MEETING_MAX_EXPANDED_BYTES of
 *     text, both counted with every alias written out;
 *   - more than MEETING_MAX_ANCHORS anchors (names crafted to collide
 *     in the anchor table could otherwise make it quadratic);
 *   - an alias to the list or mapping it is inside (a loop);
 *   - a text holding a NUL character ("\0" or "\x00" in double quotes),
 *     which C strings would silently cut (the kiosk would show "A" of
 *     "A\0B" while the export kept all of it).
 * Syntax errors are left to the real parse, which reports them with the
 * same marks; the pass just stops there. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "meeting_internal.h"

/* What a node amounts to once its aliases are written out. */
typedef struct {
    size_t bytes; /* scalar text */
    size_t nodes; /* scalars, lists and mappings */
} expanded;

/* anchors: name -> expanded size, open addressing.  An anchor can be
 * redefined; the loader refuses that itself, so the last one wins here. */
typedef struct {
    char **name;
    expanded *size;
    size_t cap, n;
} anchor_map;

/* hash: FNV-1a, enough to spread anchor names. */
static size_t hash(const char *s)
{
    uint64_t h = 14695981039346656037u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return (size_t)h;
}

/* slot: where name is, or the empty slot where it would go. */
static size_t slot(const anchor_map *a, const char *name)
{
    size_t i = hash(name) & (a->cap - 1);
    while (a->name[i] && strcmp(a->name[i], name))
        i = (i + 1) & (a->cap - 1);
    return i;
}

static const expanded *anchor_get(const anchor_map *a, const char *name);

/* anchor_put: AS_EINVAL for a new name past MEETING_MAX_ANCHORS (so that
 * names made to collide cannot make the probing quadratic), AS_ENOMEM. */
static as_status anchor_put(anchor_map *a, const char *name, expanded size)
{
    if (a->n >= MEETING_MAX_ANCHORS && !anchor_get(a, name))
        return AS_EINVAL;
    if ((a->n + 1) * 2 > a->cap) { /* keep it at most half full */
        anchor_map b = {0};
        b.cap = a->cap ? a->cap * 2 : 64;
        b.name = calloc(b.cap, sizeof *b.name);
        b.size = calloc(b.cap, sizeof *b.size);
        if (!b.name || !b.size) {
            free(b.name);
            free(b.size);
            return AS_ENOMEM;
        }
        for (size_t i = 0; i < a->cap; i++)
            if (a->name[i]) {
                size_t j = slot(&b, a->name[i]);
                b.name[j] = a->name[i];
                b.size[j] = a->size[i];
            }
        b.n = a->n;
        free(a->name);
        free(a->size);
        *a = b;
    }
    size_t i = slot(a, name);
    if (!a->name[i]) {
        if (!(a->name[i] = strdup(name)))
            return AS_ENOMEM;
        a->n++;
    }
    a->size[i] = size;
    return AS_OK;
}

static const expanded *anchor_get(const anchor_map *a, const char *name)
{
    if (!a->cap)
        return NULL;
    size_t i = slot(a, name);
    return a->name[i] ? &a->size[i] : NULL;
}

static void anchor_free(anchor_map *a)
{
    for (size_t i = 0; i < a->cap; i++)
        free(a->name[i]);
    free(a->name);
    free(a->size);
}

/* One open list or mapping. */
typedef struct {
    char *anchor; /* its &name (malloc'd) or NULL */
    expanded size;
} level;

typedef struct {
    const char *file;
    diag_list *diag;
    level open[MEETING_MAX_DEPTH + 1];
    int depth;
    expanded total;
    anchor_map anchors;
} prescan;

static void report(prescan *ps, const yaml_event_t *e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void report(prescan *ps, const yaml_event_t *e, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_add(ps->diag, ps->file, (int)e->start_mark.line + 1,
             (int)e->start_mark.column + 1, "%s", msg);
}

/* count: adds s, a node written out (an alias: all it stands for), to the
 * file's total and, unless it is a list or mapping just opening (whose
 * size its parent gets when it ends), to the list or mapping around it.
 * Returns 0, or 1 after reporting the cap it crossed.  The sums stop one
 * node past their caps, and no node is bigger than a cap (or the pass
 * would have stopped at it), so they cannot overflow. */
static int count(prescan *ps, const yaml_event_t *e, expanded s, int alias,
                 int opening)
{
    const char *where = alias ? "with this alias written out, the file"
                              : "by here the file";

    ps->total.bytes += s.bytes;
    ps->total.nodes += s.nodes;
    if (!opening && ps->depth > 0) {
        ps->open[ps->depth - 1].size.bytes += s.bytes;
        ps->open[ps->depth - 1].size.nodes += s.nodes;
    }
    if (ps->total.bytes > MEETING_MAX_EXPANDED_BYTES) {
        report(ps, e, "%s holds more than %u bytes (%u MB) of text; "
               "a meeting file is far smaller: write each text out once "
               "instead of repeating it through aliases (*name)", where,
               MEETING_MAX_EXPANDED_BYTES, MEETING_MAX_EXPANDED_BYTES >> 20);
        return 1;
    }
    if (ps->total.nodes > MEETING_MAX_NODES) {
        report(ps, e, "%s holds more than %d values (keys, texts, "
               "lists); a meeting file is far smaller, with at most %d "
               "proposals: is this the right file?", where, MEETING_MAX_NODES,
               MEETING_MAX_PROPOSALS);
        return 1;
    }
    return 0;
}

/* remember: records anchor name's size, reporting what goes wrong. */
static as_status remember(prescan *ps, const yaml_event_t *e, const char *name,
                          expanded size)
{
    as_status st = anchor_put(&ps->anchors, name, size);
    if (st == AS_EINVAL)
        report(ps, e, "more than %d anchors (&name) in the file; a meeting "
               "file needs a few at most: write the texts out instead",
               MEETING_MAX_ANCHORS);
    else if (st != AS_OK)
        diag_add(ps->diag, ps->file, 0, 0,
                 "out of memory reading the meeting file");
    return st;
}

/* step: one event.  Returns 1 to go on, 0 when the pass is over (the end
 * of the stream, or a problem reported, counted in *errors). */
static int step(prescan *ps, const yaml_event_t *e, int *errors)
{
    switch (e->type) {
    case YAML_SCALAR_EVENT: {
        const yaml_char_t *anchor = e->data.scalar.anchor;
        size_t n = e->data.scalar.length;
        expanded s = {n, 1};
        if (memchr(e->data.scalar.value, '\0', n)) {
            report(ps, e, "this text holds a NUL character (\\0 or \\x00), "
                   "which would cut it short on the kiosk; remove it");
            ++*errors;
            return 0;
        }
        if (anchor && remember(ps, e, (const char *)anchor, s) != AS_OK)
            goto refused;
        if (count(ps, e, s, 0, 0))
            goto refused;
        return 1;
    }
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
        const yaml_char_t *anchor = e->type == YAML_SEQUENCE_START_EVENT
                                        ? e->data.sequence_start.anchor
                                        : e->data.mapping_start.anchor;
        if (ps->depth == MEETING_MAX_DEPTH) {
            report(ps, e, "lists and mappings are nested more than %d deep "
                   "here; a meeting file needs 6 levels at most: check the "
                   "brackets [ { and the indentation", MEETING_MAX_DEPTH);
            goto refused;
        }
        /* The list or mapping itself is one node; its contents are added
         * to its size as they end. */
        if (count(ps, e, (expanded){0, 1}, 0, 1))
            goto refused;
        level *l = &ps->open[ps->depth++];
        l->size = (expanded){0, 1};
        l->anchor = anchor ? strdup((const char *)anchor) : NULL;
        if (anchor && !l->anchor)
            goto oom;
        return 1;
    }
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: {
        if (ps->depth == 0)
            return 0; /* cannot happen: the parser pairs them */
        level *l = &ps->open[--ps->depth];
        as_status st = AS_OK;
        if (l->anchor)
            st = remember(ps, e, l->anchor, l->size);
        free(l->anchor);
        l->anchor = NULL;
        if (st != AS_OK)
            goto refused;
        /* Already in the total: only the parent's size grows. */
        if (ps->depth > 0) {
            ps->open[ps->depth - 1].size.bytes += l->size.bytes;
            ps->open[ps->depth - 1].size.nodes += l->size.nodes;
        }
        return 1;
    }
    case YAML_ALIAS_EVENT: {
        const char *name = (const char *)e->data.alias.anchor;
        for (int i = 0; i < ps->depth; i++)
            if (ps->open[i].anchor && !strcmp(ps->open[i].anchor, name)) {
                report(ps, e, "the alias *%.60s stands for the list or mapping "
                       "it is inside, which would never end; remove it", name);
                goto refused;
            }
        const expanded *s = anchor_get(&ps->anchors, name);
        /* An unknown anchor is the loader's to report ("undefined alias"). */
        if (count(ps, e, s ? *s : (expanded){0, 1}, 1, 0))
            goto refused;
        return 1;
    }
    case YAML_STREAM_END_EVENT:
        return 0;
    default:
        return 1;
    }
refused:
    ++*errors;
    return 0;
oom:
    diag_add(ps->diag, ps->file, 0, 0, "out of memory reading the meeting file");
    ++*errors;
    return 0;
}

int meeting_yaml_prescan(const char *name, const char *buf, size_t len,
                         diag_list *diag)
{
    yaml_parser_t parser;
    prescan ps;
    int errors = 0;

    memset(&ps, 0, sizeof ps);
    ps.file = name;
    ps.diag = diag;
    if (!yaml_parser_initialize(&parser)) {
        diag_add(diag, name, 0, 0, "out of memory reading the meeting file");
        return 1;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
    for (;;) {
        yaml_event_t e;
        if (!yaml_parser_parse(&parser, &e))
            break; /* a syntax error: the real parse reports it */
        int more = step(&ps, &e, &errors);
        yaml_event_delete(&e);
        if (!more)
            break;
    }
    for (int i = 0; i < ps.depth; i++)
        free(ps.open[i].anchor);
    anchor_free(&ps.anchors);
    yaml_parser_delete(&parser);
    return errors;
}
