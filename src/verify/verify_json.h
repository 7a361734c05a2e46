/* verify_json.h: comparing the objects of results.json (parsed by json-c)
 * with what the verifier expects, key by key.  Every mismatch, missing
 * key, wrong type or key that should not be there is one report line
 * "results.json: <where>.<key>: ...". */
#ifndef AS_VERIFY_JSON_H
#define AS_VERIFY_JSON_H

#include <json-c/json.h>
#include "meeting.h"
#include "verify_bundle.h"

#define VJ_KEYS_MAX 48

typedef struct vjobj {
    vreport *r;
    char where[192];         /* "proposals[2] (garden)" */
    struct json_object *o;   /* the object checked (NULL: reported missing) */
    const char *seen[VJ_KEYS_MAX];
    int nseen;
} vjobj;

/* vj_begin: starts checking o as where; reports it ("not an object")
 * unless it is an object (NULL included). */
void vj_begin(vjobj *j, vreport *r, const char *where, struct json_object *o);
/* vj_end: reports every key of the object that no vj_* call expected. */
void vj_end(vjobj *j);

void vj_int(vjobj *j, const char *key, int64_t want);
void vj_str(vjobj *j, const char *key, const char *want);
void vj_bool(vjobj *j, const char *key, int want);
/* vj_pair: [a, b], two whole numbers. */
void vj_pair(vjobj *j, const char *key, int a, int b);
/* vj_ids: an array of the option ids idx[0..n) of p, in that order. */
void vj_ids(vjobj *j, const char *key, const proposal *p, const int *idx, int n);
/* vj_sub: the member key, which must be an object (array 0) or an array
 * (array 1); sub is set up to check it (an object) with where extended.
 * Returns the member, or NULL after reporting it missing or mistyped. */
struct json_object *vj_sub(vjobj *j, const char *key, int array, vjobj *sub);

#endif
