/* verify_json.c: results.json read strictly with json-c (RFC 8259 in
 * json-c's strict mode, UTF-8 checked, nesting capped, no duplicate key),
 * and the key-by-key comparison helpers of verify_json.h. */
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <json-c/json_object_iterator.h>
#include <json-c/json_visit.h>
#include "verify_json.h"

/* results.json nests four levels (proposals[i].rounds[k].votes); a little
 * more is allowed, nothing deep enough to matter. */
#define VJ_DEPTH 12
/* An object costs json-c as much memory as about 12 other values. */
#define VJ_OBJECT_COST 12

static int line_of(const char *buf, size_t off)
{
    int line = 1;
    for (size_t i = 0; i < off; i++)
        line += buf[i] == '\n';
    return line;
}

/* What the text holds, counted on the bytes before json-c builds anything:
 * object keys (a string followed by ':'), so a key written twice in one
 * object, which json-c silently keeps once, is seen; and values and
 * objects, which bound the memory json-c will take (an empty object costs
 * it about 800 bytes, a number about 70).  Bounded by len. */
typedef struct {
    size_t keys, values, objects;
} vj_counts;

static vj_counts scan(const char *buf, size_t len)
{
    vj_counts n = {0, 1, 0};
    for (size_t i = 0; i < len; i++) {
        n.values += buf[i] == ',' || buf[i] == '[' || buf[i] == '{';
        n.objects += buf[i] == '{';
        if (buf[i] != '"')
            continue;
        for (i++; i < len && buf[i] != '"'; i++)
            if (buf[i] == '\\')
                i++;
        size_t k = i + 1;
        while (k < len && (buf[k] == ' ' || buf[k] == '\n'))
            k++;
        n.keys += k < len && buf[k] == ':';
    }
    return n;
}

static int count_keys(json_object *o, int flags, json_object *parent,
                      const char *key, size_t *index, void *ud)
{
    (void)parent;
    (void)key;
    (void)index;
    /* objects are visited before and after their members: count once */
    if (!(flags & JSON_C_VISIT_SECOND) && json_object_is_type(o, json_type_object))
        *(size_t *)ud += (size_t)json_object_object_length(o);
    return JSON_C_VISIT_RETURN_CONTINUE;
}

as_status verify_json_parse(const char *buf, size_t len, const char *name,
                            size_t max_cost, struct json_object **out, as_err *err)
{
    *out = NULL;
    if (len == 0 || len > INT_MAX || buf[len - 1] != '\n')
        return as_err_set(err, AS_EINVAL, "%s:%d: %s", name, len ? line_of(buf, len) : 1,
                          len ? "last line has no LF at its end" : "empty file");
    for (size_t i = 0; i < len; i++)
        if (buf[i] == '\0' || buf[i] == '\r' || buf[i] == '\t')
            return as_err_set(err, AS_EINVAL, "%s:%d: byte 0x%02x is not allowed "
                              "(no NUL, CR or tab in the record)", name,
                              line_of(buf, i), (unsigned char)buf[i]);
    vj_counts cnt = scan(buf, len);
    size_t cost = cnt.values + VJ_OBJECT_COST * cnt.objects;
    if (cost > max_cost)
        return as_err_set(err, AS_EINVAL, "%s: %zu values and %zu objects, more than "
                          "the meeting's results can hold; not an asamblea "
                          "results.json", name, cnt.values, cnt.objects);
    json_tokener *tok = json_tokener_new_ex(VJ_DEPTH);
    if (!tok)
        return as_err_set(err, AS_ENOMEM, "%s: out of memory", name);
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
    json_object *o = json_tokener_parse_ex(tok, buf, (int)len);
    enum json_tokener_error je = json_tokener_get_error(tok);
    size_t end = json_tokener_get_parse_end(tok);
    json_tokener_free(tok);
    if (!o || je != json_tokener_success) {
        json_object_put(o);
        return as_err_set(err, AS_EINVAL, "%s:%d: not valid JSON: %s", name,
                          line_of(buf, end < len ? end : len - 1),
                          je == json_tokener_continue ? "the text ends early"
                                                      : json_tokener_error_desc(je));
    }
    for (size_t i = end; i < len; i++)
        if (buf[i] != '\n' && buf[i] != ' ') {
            json_object_put(o);
            return as_err_set(err, AS_EINVAL, "%s:%d: text after the JSON value", name,
                              line_of(buf, i));
        }
    size_t kept = 0;
    json_c_visit(o, 0, count_keys, &kept);
    if (!json_object_is_type(o, json_type_object) || kept != cnt.keys) {
        json_object_put(o);
        return as_err_set(err, AS_EINVAL, "%s: %s", name,
                          kept != cnt.keys ? "a key appears twice in one object"
                                           : "not a JSON object");
    }
    *out = o;
    return AS_OK;
}

/* ---- comparison helpers -------------------------------------------------- */

/* show: s/n for a message: printable ASCII, at most 60 bytes. */
static const char *show(const char *s, size_t n, char out[72])
{
    size_t k = 0;
    for (size_t i = 0; i < n && k < 60; i++)
        out[k++] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
    if (n > 60) {
        memcpy(out + k, "...", 3);
        k += 3;
    }
    out[k] = '\0';
    return out;
}

static const char *file_value(json_object *v, char out[72])
{
    const char *s = json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN);
    return show(s ? s : "?", s ? strlen(s) : 1, out);
}

void vj_begin(vjobj *j, vreport *r, const char *where, struct json_object *o)
{
    j->r = r;
    snprintf(j->where, sizeof j->where, "%s", where);
    j->nseen = 0;
    j->o = o;
    if (!json_object_is_type(o, json_type_object)) {
        vr_fail(r, "results.json: %s: not an object", where[0] ? where : "top level");
        j->o = NULL;
    }
}

/* member: the value of key if it has type t, else NULL after reporting. */
static json_object *member(vjobj *j, const char *key, json_type t)
{
    json_object *v = NULL;
    if (j->nseen < VJ_KEYS_MAX)
        j->seen[j->nseen++] = key;
    if (!j->o)
        return NULL;
    const char *dot = j->where[0] ? "." : "";
    if (!json_object_object_get_ex(j->o, key, &v)) {
        vr_fail(j->r, "results.json: %s%s%s: missing", j->where, dot, key);
        return NULL;
    }
    if (!json_object_is_type(v, t)) {
        char fv[72];
        vr_fail(j->r, "results.json: %s%s%s: the file says %s, not a %s", j->where, dot,
                key, file_value(v, fv), json_type_to_name(t));
        return NULL;
    }
    return v;
}

static void differs(vjobj *j, const char *key, json_object *v, const char *want)
{
    char fv[72], wv[72];
    vr_fail(j->r, "results.json: %s%s%s: the file says %s, the recount and "
            "meeting.yaml give %s; results.json does not say what the record says",
            j->where, j->where[0] ? "." : "", key, file_value(v, fv),
            show(want, strlen(want), wv));
}

void vj_int(vjobj *j, const char *key, int64_t want)
{
    json_object *v = member(j, key, json_type_int);
    if (v && json_object_get_int64(v) != want) {
        char w[32];
        snprintf(w, sizeof w, "%" PRId64, want);
        differs(j, key, v, w);
    }
}

static int same_str(json_object *v, const char *want)
{
    size_t n = (size_t)json_object_get_string_len(v);
    return n == strlen(want) && memcmp(json_object_get_string(v), want, n) == 0;
}

void vj_str(vjobj *j, const char *key, const char *want)
{
    json_object *v = member(j, key, json_type_string);
    if (v && !same_str(v, want)) {
        char w[80];
        snprintf(w, sizeof w, "\"%.70s\"", want);
        differs(j, key, v, w);
    }
}

void vj_bool(vjobj *j, const char *key, int want)
{
    json_object *v = member(j, key, json_type_boolean);
    if (v && !json_object_get_boolean(v) != !want)
        differs(j, key, v, want ? "true" : "false");
}

void vj_pair(vjobj *j, const char *key, int a, int b)
{
    json_object *v = member(j, key, json_type_array);
    if (!v)
        return;
    json_object *x = json_object_array_length(v) == 2 ? json_object_array_get_idx(v, 0) : NULL;
    json_object *y = x ? json_object_array_get_idx(v, 1) : NULL;
    if (!json_object_is_type(x, json_type_int) || !json_object_is_type(y, json_type_int) ||
        json_object_get_int64(x) != a || json_object_get_int64(y) != b) {
        char w[48];
        snprintf(w, sizeof w, "[%d, %d]", a, b);
        differs(j, key, v, w);
    }
}

void vj_ids(vjobj *j, const char *key, const proposal *p, const int *idx, int n)
{
    json_object *v = member(j, key, json_type_array);
    if (!v)
        return;
    vbuf want;
    vbuf_init(&want);
    int same = (int)json_object_array_length(v) == n;
    vbuf_printf(&want, "[");
    for (int i = 0; i < n; i++) {
        const char *id = idx[i] >= 0 && idx[i] < p->nopts ? p->opts[idx[i]].id : "?";
        json_object *e = same ? json_object_array_get_idx(v, (size_t)i) : NULL;
        same = same && json_object_is_type(e, json_type_string) && same_str(e, id);
        vbuf_printf(&want, "%s\"%s\"", i ? "," : "", id);
    }
    vbuf_printf(&want, "]");
    if (!same)
        differs(j, key, v, vbuf_str(&want));
    vbuf_free(&want);
}

struct json_object *vj_sub(vjobj *j, const char *key, int array, vjobj *sub)
{
    json_object *v = member(j, key, array ? json_type_array : json_type_object);
    sub->r = j->r;
    snprintf(sub->where, sizeof sub->where, "%.120s%s%s", j->where,
             j->where[0] ? "." : "", key);
    sub->nseen = 0;
    sub->o = array ? NULL : v;
    return v;
}

void vj_end(vjobj *j)
{
    if (!j->o)
        return;
    struct json_object_iterator it = json_object_iter_begin(j->o);
    struct json_object_iterator end = json_object_iter_end(j->o);
    for (; !json_object_iter_equal(&it, &end); json_object_iter_next(&it)) {
        const char *k = json_object_iter_peek_name(&it);
        int known = 0;
        for (int i = 0; i < j->nseen && !known; i++)
            known = !strcmp(j->seen[i], k);
        char kv[72];
        if (!known)
            vr_fail(j->r, "results.json: %s: key \"%s\" is not one this object has "
                    "(docs/export.md)", j->where[0] ? j->where : "top level",
                    show(k, strlen(k), kv));
    }
}
