/* verify_json_check.c: results.json, read strictly by json-c
 * (verify_json.c), key by key against what the meeting, attendance.txt
 * and the recount say (docs/export.md, "results.json"): no key missing,
 * none extra, every value the expected one. */
#include <stdio.h>
#include <string.h>
#include "verify_expect.h"
#include "verify_json.h"

static void check_meeting(vjobj *top, const meeting *m, const vfile *yaml)
{
    vjobj j;
    char hex[2 * RECORD_HASH_SIZE + 1];
    if (!vj_sub(top, "meeting", 0, &j))
        return;
    vj_str(&j, "title", m->title ? m->title : "");
    vj_str(&j, "date", m->date);
    record_hex(yaml->hash, RECORD_HASH_SIZE, hex);
    vj_str(&j, "sha256", hex);
    json_object *langs = vj_sub(&j, "languages", 1, &(vjobj){0});
    int same = langs && (int)json_object_array_length(langs) == m->nlangs;
    for (int k = 0; same && k < m->nlangs; k++) {
        json_object *l = json_object_array_get_idx(langs, (size_t)k);
        same = json_object_is_type(l, json_type_string) &&
               !strcmp(json_object_get_string(l), m->langs[k]);
    }
    if (langs && !same)
        vr_fail(j.r, "results.json: meeting.languages: not meeting.yaml's languages "
                "in its order");
    vj_end(&j);
}

static void check_attendance(vjobj *top, const verify_attendance *a)
{
    vjobj j;
    if (!vj_sub(top, "attendance", 0, &j))
        return;
    vj_int(&j, "roster", a->roster);
    vj_int(&j, "checked_in", a->checked_in);
    vj_int(&j, "quorum_needed", a->quorum);
    vj_bool(&j, "quorum_met", a->quorum <= 0 || a->checked_in >= a->quorum);
    vj_end(&j);
}

static void check_proposal(vjobj *j, const meeting *m, const vexp *e)
{
    const proposal *p = e->p;
    vjobj t;
    vj_str(j, "id", p->id);
    vj_str(j, "title", meeting_text(m, &p->title, 0));
    vj_str(j, "method", e->vm->word);
    vj_str(j, "state", e->closed ? "closed" : e->x->state == VERIFY_OPEN ? "open" : "draft");
    if (vj_sub(j, "threshold", 0, &t)) {
        vj_str(&t, "name", p->th.name);
        vj_int(&t, "num", p->th.num);
        vj_int(&t, "den", p->th.den);
        vj_bool(&t, "strict", p->th.strict);
        vj_end(&t);
    }
    if (!e->v1) {
        e->vm->json(j, m, p, e->closed ? e->res : NULL);
        vj_int(j, "min_ballots", p->min_ballots);
    }
    if (!e->closed)
        return;
    if (e->v1) {
        static const char *const w[] = {"yes", "no", "abstain"};
        vjobj c;
        if (vj_sub(j, "counts", 0, &c)) {
            for (int k = 0; k < 3; k++)
                vj_int(&c, w[k], e->yna[k]);
            vj_end(&c);
        }
        vj_bool(j, "threshold_met", e->o.threshold_met);
        vj_str(j, "outcome", e->o.passed ? "passed" : "not passed");
    } else {
        vj_int(j, "blank", e->res->blank);
        vj_bool(j, "min_ballots_met", e->res->min_ballots_met);
        vj_str(j, "outcome", e->outcome);
    }
    vj_int(j, "ballots", e->ballots);
    vj_int(j, "checked_in", e->checked_in);
    vj_int(j, "quorum_needed", e->quorum);
    vj_bool(j, "quorum_met", e->quorum_met);
    vj_str(j, "root", e->root);
}

/* max_cost: what an honest results.json of these proposals can hold, in
 * verify_json_parse's units (values + 12 per object), with room to
 * spare: per proposal some 60 keys and 6 objects, per option a few values
 * and an object, per round of a ranked count two objects and two values
 * per option.  Bounds what a hostile file makes json-c allocate. */
static size_t max_cost(const vparsed *p)
{
    size_t cost = 4096;
    for (int i = 0; i < p->results.n; i++) {
        const vexp *e = &p->exp[i];
        size_t nopts = (size_t)e->p->nopts;
        size_t nr = e->res && e->res->rcv ? (size_t)e->res->rcv->nrounds : 0;
        cost += 64 + nopts * (6 + 2 * nr) + 12 * (6 + nopts + 2 * nr);
    }
    return cost * 2;
}

void verify_check_results_json(const vbundle *b, vparsed *p, vreport *r)
{
    const meeting *m = vparsed_meeting(b, p);
    const vfile *f = vbundle_get(b, "results.json");
    const vfile *yaml = vbundle_get(b, "meeting.yaml");
    json_object *root = NULL;
    as_err err;
    vjobj top, arr;
    vr_begin(r, "results.json");
    if (!f || !yaml) {
        vr_skip(r, "results.json, meeting.yaml: missing or unreadable (see files)");
        goto done;
    }
    if (verify_json_parse(f->buf, f->len, "results.json", max_cost(p), &root, &err) !=
        AS_OK) {
        vr_fail(r, "%s", err.msg);
        goto done;
    }
    vj_begin(&top, r, "", root);
    vj_str(&top, "format", "asamblea-export");
    vj_int(&top, "version", 1);
    check_meeting(&top, m, yaml);
    check_attendance(&top, &p->attendance);
    json_object *props = vj_sub(&top, "proposals", 1, &arr);
    int n = props ? (int)json_object_array_length(props) : 0;
    if (props && n != p->results.n)
        vr_fail(r, "results.json: proposals: %d entries, meeting.yaml has %d proposals",
                n, p->results.n);
    for (int i = 0; i < n && i < p->results.n; i++) {
        vjobj j;
        char w[sizeof j.where];
        snprintf(w, sizeof w, "proposals[%d] (%s)", i, p->exp[i].p->id);
        vj_begin(&j, r, w, json_object_array_get_idx(props, (size_t)i));
        check_proposal(&j, m, &p->exp[i]);
        vj_end(&j);
    }
    vj_end(&top);
done:
    json_object_put(root);
    vr_end(r);
}
