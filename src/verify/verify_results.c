/* verify_results.c: results.txt (§3), a sequence of key/value blocks in a
 * fixed key order, read by a flat state machine (no recursion). */
#include <stdlib.h>
#include <string.h>
#include "verify_methods.h"

void verify_results_free(verify_results *r)
{
    if (!r)
        return;
    free(r->r);
    r->r = NULL;
    r->n = 0;
}

int verify_results_find(const verify_results *r, const char *id)
{
    for (int i = 0; i < r->n; i++)
        if (!strcmp(r->r[i].id, id))
            return i;
    return -1;
}

static const char *const closed_keys[] = {"checked-in", "quorum", "ballots", "yes",
                                          "no", "abstain", "outcome", "root"};
#define NCLOSED_KEYS (int)(sizeof closed_keys / sizeof closed_keys[0])


/* Keys of a §3.2 block: the rule lines before `state`, and the closed
 * part's first four lines. */
static const char *const rule_keys[] = {
    "threshold", "base", "rule", "blocks-to-stop", "stand-aside-to-table",
    "override", "seats", "choose", "options"};
#define NRULE_KEYS (int)(sizeof rule_keys / sizeof rule_keys[0])
static const char *const gen_closed_keys[] = {"checked-in", "quorum",
                                              "min-ballots", "ballots"};
#define MAX_RULE_LINES 12

/* The phase of a §3.2 block (b->v1 == 0), kept in the block's k: */
enum {
    G_RULES = 100,  /* rule lines, until `state` */
    G_CLOSED = 200, /* + i: the i-th of gen_closed_keys next */
    G_BODY = 300,   /* counts, rounds, outcome, root */
    G_END = 400     /* after root (closed) or state (not closed) */
};

/* vstate: the value of a "state" line (draft, open or closed) into
 * b->state; AS_EINVAL naming the file and line otherwise. */
static as_status vstate(verify_result *b, const char *v, size_t vn,
                        const char *name, int line, as_err *err)
{
    if (vword(v, vn, "draft"))
        b->state = VERIFY_DRAFT;
    else if (vword(v, vn, "open"))
        b->state = VERIFY_OPEN;
    else if (vword(v, vn, "closed"))
        b->state = VERIFY_CLOSED;
    else
        return as_err_set(err, AS_EINVAL, "%s:%d: state is not draft, open "
                          "or closed", name, line);
    return AS_OK;
}

/* gen_line: one line of a §3.2 block in phase *k. */
static as_status gen_line(verify_result *b, int *k, const char *s, size_t n,
                          const char *name, int line, as_err *err)
{
    const char *key, *v = s;
    size_t kn, vn = n;
    if (vfield(&v, &vn, &key, &kn) != 0 || vn == 0)
        return as_err_set(err, AS_EINVAL, "%s:%d: not \"<key> <value>\"", name,
                          line);
    for (size_t i = 0; i < kn; i++)
        if (!((key[i] >= 'a' && key[i] <= 'z') || key[i] == '-'))
            return as_err_set(err, AS_EINVAL, "%s:%d: a key is lowercase letters "
                              "and '-'", name, line);
    if (*k >= G_RULES && *k < G_CLOSED) {
        if (vword(key, kn, "state")) {
            if (vstate(b, v, vn, name, line, err) != AS_OK)
                return AS_EINVAL;
            *k = b->state == VERIFY_CLOSED ? G_CLOSED : G_END;
            return AS_OK;
        }
        int known = 0;
        for (int i = 0; i < NRULE_KEYS; i++)
            known |= vword(key, kn, rule_keys[i]);
        if (!known || *k - G_RULES >= MAX_RULE_LINES)
            return as_err_set(err, AS_EINVAL, "%s:%d: expected a rule line or "
                              "\"state <value>\" here", name, line);
        (*k)++;
        return AS_OK;
    }
    if (*k >= G_CLOSED && *k < G_BODY) {
        int i = *k - G_CLOSED;
        int64_t x;
        if (!vword(key, kn, gen_closed_keys[i]))
            return as_err_set(err, AS_EINVAL, "%s:%d: expected \"%s <value>\" "
                              "here", name, line, gen_closed_keys[i]);
        if (vnum(v, vn, VERIFY_COUNT_MAX, &x) != 0)
            return as_err_set(err, AS_EINVAL, "%s:%d: %s is not a number without "
                              "leading zeros", name, line, gen_closed_keys[i]);
        int64_t *dst[] = {&b->checked_in, &b->quorum, &b->min_ballots, &b->ballots};
        *dst[i] = x;
        *k = i == 3 ? G_BODY : *k + 1;
        return AS_OK;
    }
    if (*k == G_BODY) {
        if (vword(key, kn, "outcome")) {
            if (vn >= sizeof b->outcome)
                return as_err_set(err, AS_EINVAL, "%s:%d: unknown outcome", name,
                                  line);
            memcpy(b->outcome, v, vn);
            b->outcome[vn] = '\0';
        } else if (vword(key, kn, "root")) {
            if (!b->outcome[0])
                return as_err_set(err, AS_EINVAL, "%s:%d: root before the "
                                  "outcome line", name, line);
            if (vhex(v, vn, b->root, RECORD_HASH_SIZE) != 0)
                return as_err_set(err, AS_EINVAL, "%s:%d: root is not 64 "
                                  "lowercase hex digits", name, line);
            *k = G_END;
        } else if (b->outcome[0]) {
            return as_err_set(err, AS_EINVAL, "%s:%d: expected \"root <hex>\" "
                              "after the outcome", name, line);
        }
        return AS_OK;
    }
    return as_err_set(err, AS_EINVAL, "%s:%d: the block should end here (an "
                      "empty line)", name, line);
}

/* One line of a block; k is its position (0 = "proposal"). */
static as_status block_line(verify_result *b, int k, const char *s, size_t n,
                            const char *name, int line, as_err *err)
{
    const char *v;
    size_t vn;
    static const char *const first_keys[] = {"proposal", "method", "threshold", "state"};
    const char *key = k < 4 ? first_keys[k] : closed_keys[k - 4];
    if (vkey(s, n, key, &v, &vn) != 0)
        return as_err_set(err, AS_EINVAL, "%s:%d: expected \"%s <value>\" here",
                          name, line, key);
    switch (k) {
    case 0:
        if (!vid(v, vn))
            return as_err_set(err, AS_EINVAL, "%s:%d: proposal id is not "
                              "[a-z0-9-]{1,63}", name, line);
        memcpy(b->id, v, vn);
        b->id[vn] = '\0';
        return AS_OK;
    case 1: {
        const vmethod *vm = vmethod_by_word(v, vn);
        if (vm) {
            b->method = vm->method;
            /* version 1 until a `base` line says otherwise */
            b->v1 = vm->method == METHOD_YES_NO_ABSTAIN;
            return AS_OK;
        }
        return as_err_set(err, AS_EINVAL, "%s:%d: unknown method (yes-no-abstain, "
                          "consensus, approval, ranked-choice, stv or recall)",
                          name, line);
    }
    case 2: {
        const char *f, *g;
        size_t fn, gn;
        int64_t num, den;
        if (vfield(&v, &vn, &f, &fn) != 0 || vfield(&v, &vn, &g, &gn) != 0 || vn)
            goto bad_threshold;
        const char *slash = memchr(f, '/', fn);
        if (!slash || vnum(f, (size_t)(slash - f), 1000000, &num) != 0 ||
            vnum(slash + 1, fn - (size_t)(slash - f) - 1, 1000000, &den) != 0 ||
            den == 0 || num > den)
            goto bad_threshold;
        if (vword(g, gn, "more-than"))
            b->strict = 1;
        else if (vword(g, gn, "at-least"))
            b->strict = 0;
        else
            goto bad_threshold;
        b->num = (int)num;
        b->den = (int)den;
        return AS_OK;
    bad_threshold:
        return as_err_set(err, AS_EINVAL, "%s:%d: threshold is not \"NUM/DEN "
                          "more-than|at-least\" with 0 <= NUM <= DEN, DEN > 0",
                          name, line);
    }
    case 3:
        return vstate(b, v, vn, name, line, err);
    case 10:
        if (vword(v, vn, "passed"))
            b->passed = 1;
        else if (vword(v, vn, "not-passed"))
            b->passed = 0;
        else
            return as_err_set(err, AS_EINVAL, "%s:%d: outcome is not passed or "
                              "not-passed", name, line);
        return AS_OK;
    case 11:
        if (vhex(v, vn, b->root, RECORD_HASH_SIZE) != 0)
            return as_err_set(err, AS_EINVAL, "%s:%d: root is not 64 lowercase "
                              "hex digits", name, line);
        return AS_OK;
    default: {
        int64_t x;
        if (vnum(v, vn, VERIFY_COUNT_MAX, &x) != 0)
            return as_err_set(err, AS_EINVAL, "%s:%d: %s is not a number without "
                              "leading zeros", name, line, key);
        int64_t *dst[] = {&b->checked_in, &b->quorum, &b->ballots, &b->yes,
                          &b->no, &b->abstain};
        *dst[k - 4] = x;
        return AS_OK;
    }
    }
}

/* new_block: a fresh block starting at line; NULL with err set when there
 * are VERIFY_PROPS_MAX already or memory is out. */
static verify_result *new_block(verify_results *out, int *cap, const char *name,
                                int line, as_err *err)
{
    if (out->n >= VERIFY_PROPS_MAX) {
        as_err_set(err, AS_EINVAL, "%s:%d: more than %d proposals", name, line,
                   VERIFY_PROPS_MAX);
        return NULL;
    }
    verify_result *nr = out->n == *cap ? vgrow(out->r, cap, sizeof *nr, 8) : out->r;
    if (!nr) {
        as_err_set(err, AS_ENOMEM, "%s: out of memory", name);
        return NULL;
    }
    out->r = nr;
    verify_result *b = &out->r[out->n++];
    memset(b, 0, sizeof *b);
    b->line = line;
    return b;
}

/* unique_id: the last block's id is not an earlier block's. */
static as_status unique_id(const verify_results *out, const char *name, as_err *err)
{
    const verify_result *b = &out->r[out->n - 1];
    for (int i = 0; i + 1 < out->n; i++)
        if (!strcmp(out->r[i].id, b->id))
            return as_err_set(err, AS_EINVAL, "%s:%d: proposal %s appears twice (also "
                              "line %d)", name, b->line, b->id, out->r[i].line);
    return AS_OK;
}

as_status verify_results_parse(const char *buf, size_t len, const char *name,
                               verify_results *out, as_err *err)
{
    as_status st = AS_OK;
    vline c;
    const char *s;
    size_t n;
    int r, cap = 0;
    int k = -1; /* position in the current block; -1: between blocks */
    int after_blank = 0;
    verify_result *b = NULL;
    out->n = 0;
    out->r = NULL;
    vline_init(&c, buf, len, name);
    for (;;) {
        size_t line_off = c.pos;
        r = vline_next(&c, &s, &n, err);
        if (r < 0) {
            st = AS_EINVAL;
            goto fail;
        }
        int block_may_end = b && (b->v1 || k < 2
                                      ? (k == 4 ? b->state != VERIFY_CLOSED
                                                : k == 4 + NCLOSED_KEYS)
                                      : k == G_END);
        if (r == 0 || n == 0) {
            if (r == 0 && after_blank) {
                st = as_err_set(err, AS_EINVAL, "%s:%d: empty line at the end of "
                                "the file", name, c.line);
                goto fail;
            }
            if (!block_may_end) {
                st = as_err_set(err, AS_EINVAL, "%s:%d: %s", name, c.line + (r == 0),
                                !b ? (r == 0 ? "no proposal block"
                                             : "empty line where a block should start")
                                   : "block ends early (a key is missing)");
                goto fail;
            }
            b->len = line_off - b->off;
            if (b->state == VERIFY_CLOSED && b->v1) {
                if (b->yes + b->no + b->abstain != b->ballots) {
                    st = as_err_set(err, AS_EINVAL, "%s:%d: yes + no + abstain is "
                                    "not the ballots figure", name, b->line);
                    goto fail;
                }
            }
            if (r == 0)
                break;
            k = -1;
            b = NULL;
            after_blank = 1;
            continue;
        }
        after_blank = 0;
        if (block_may_end && (k == 4 + NCLOSED_KEYS || k == G_END)) {
            st = as_err_set(err, AS_EINVAL, "%s:%d: blocks must be separated by "
                            "one empty line", name, c.line);
            goto fail;
        }
        if (b && b->v1 && k == 4 && b->state != VERIFY_CLOSED) {
            st = as_err_set(err, AS_EINVAL, "%s:%d: only closed proposals have "
                            "counts; expected an empty line", name, c.line);
            goto fail;
        }
        if (!b) {
            if ((b = new_block(out, &cap, name, c.line, err)) == NULL) {
                st = out->n >= VERIFY_PROPS_MAX ? AS_EINVAL : AS_ENOMEM;
                goto fail;
            }
            b->off = line_off;
            k = 0;
        }
        if (b->v1 && k == 3 && vkey(s, n, "base", &(const char *){0},
                                    &(size_t){0}) == 0) {
            b->v1 = 0; /* yes-no-abstain written as a §3.2 block */
            k = G_RULES + 1;
        }
        if (k >= 2 && !b->v1) {
            if (k == 2)
                k = G_RULES;
            if ((st = gen_line(b, &k, s, n, name, c.line, err)) != AS_OK)
                goto fail;
            continue;
        }
        if ((st = block_line(b, k, s, n, name, c.line, err)) != AS_OK)
            goto fail;
        if (k == 0 && (st = unique_id(out, name, err)) != AS_OK)
            goto fail;
        k++;
    }
    return AS_OK;
fail:
    verify_results_free(out);
    return st;
}
