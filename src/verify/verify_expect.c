/* verify_expect.c: the meeting check (meeting.yaml loads and lists the
 * proposals of results.txt), what each proposal's entries must say
 * (verify_expect.h), and the results.txt and attendance.txt checks, which
 * compare each line of those files with it.  Written from
 * docs/export-format.md §3-§4, never from the exporter's code. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "verify_expect.h"

static const char empty_roster[] = "name,role,token\n";

meeting *vparsed_meeting(const vbundle *b, vparsed *p)
{
    if (p->meeting_state)
        return p->m;
    p->meeting_state = -1;
    const vfile *f = vbundle_get(b, "meeting.yaml");
    if (!f)
        return NULL;
    diag_list d;
    diag_init(&d);
    if (meeting_from_memory("meeting.yaml", f->buf, f->len, empty_roster, &p->m,
                            &d) == AS_OK)
        p->meeting_state = 1;
    else
        p->m = NULL;
    diag_free(&d);
    return p->m;
}

static int clamp_int(int64_t v)
{
    return v > INT32_MAX ? INT32_MAX : v < 0 ? 0 : (int)v;
}

int vexp_quorum(const proposal *p, const verify_attendance *a)
{
    if (p->quorum < 0)
        return clamp_int(a->quorum);
    if (p->quorum_percent)
        return a->roster > 0 ? clamp_int((a->roster * p->quorum + 99) / 100) : 0;
    return p->quorum;
}

int64_t vexp_meeting_quorum(const meeting *m, int64_t roster_size)
{
    if (m->quorum > 0)
        return m->quorum;
    if (m->quorum_percent > 0 && roster_size > 0)
        return (roster_size * m->quorum_percent + 99) / 100;
    return 0;
}

static const char *state_word(verify_state s)
{
    return s == VERIFY_CLOSED ? "closed" : s == VERIFY_OPEN ? "open" : "draft";
}

/* expect_one: e for proposal i; -1 (reported) when it cannot be made. */
static int expect_one(vparsed *p, int i, const proposal *pr, vexp *e, vreport *r)
{
    const verify_result *x = &p->results.r[i];
    const verify_attendance *a = &p->attendance;
    memset(e, 0, sizeof *e);
    e->p = pr;
    e->vm = vmethod_of((int)pr->method);
    e->x = x;
    e->v1 = vmethod_v1(pr);
    e->closed = x->state == VERIFY_CLOSED;
    e->quorum = vexp_quorum(pr, a);
    e->checked_in = e->closed ? x->checked_in : a->checked_in;
    e->quorum_met = e->quorum <= 0 || e->checked_in >= e->quorum;
    if (!e->vm) {
        vr_fail(r, "meeting.yaml: %s has a method the verifier does not know", pr->id);
        return -1;
    }
    if (!e->closed)
        return 0;
    if (!p->have_ballots[i]) {
        vr_skip(r, "ballots/%s.txt: not readable (see syntax)", x->id);
        return -1;
    }
    const verify_ballots *bl = &p->ballots[i];
    record_hex(bl->root, RECORD_HASH_SIZE, e->root);
    if (e->v1) {
        tally_yna c = {bl->yes, bl->no, bl->abstain};
        e->ballots = bl->n;
        e->yna[0] = bl->yes;
        e->yna[1] = bl->no;
        e->yna[2] = bl->abstain;
        e->o = tally_decide(&pr->th, c, clamp_int(e->checked_in), e->quorum);
        e->quorum_met = e->o.quorum_met;
        e->outcome = e->o.passed ? "passed" : "not-passed";
        return 0;
    }
    if (!p->res || !p->res[i]) {
        vr_skip(r, "ballots/%s.txt: not recounted (see recount)", x->id);
        return -1;
    }
    e->res = p->res[i];
    e->ballots = e->res->ballots;
    e->quorum_met = e->res->quorum_met;
    e->outcome = vmethod_outcome(pr, e->res->verdict);
    return 0;
}

void verify_check_meeting(const vbundle *b, vparsed *p, vreport *r)
{
    vr_begin(r, "meeting");
    const meeting *m = NULL;
    vexp *e = NULL;
    if (!p->have_results || !p->have_attendance) {
        vr_skip(r, "results.txt, attendance.txt: not readable (see syntax)");
        goto done;
    }
    if ((m = vparsed_meeting(b, p)) == NULL) {
        if (!vbundle_get(b, "meeting.yaml"))
            vr_skip(r, "meeting.yaml: missing or unreadable (see files)");
        else
            vr_fail(r, "meeting.yaml: is not a valid meeting file (`asamblea check` "
                    "says why)");
        goto done;
    }
    if (m->nprops != p->results.n) {
        vr_fail(r, "results.txt: has %d proposals, meeting.yaml %d", p->results.n,
                m->nprops);
        goto done;
    }
    if ((e = calloc((size_t)m->nprops + 1, sizeof *e)) == NULL) {
        vr_fail(r, "results.txt: out of memory");
        goto done;
    }
    for (int i = 0; i < m->nprops; i++) {
        const verify_result *x = &p->results.r[i];
        if (strcmp(x->id, m->props[i].id) != 0) {
            vr_fail(r, "results.txt:%d: proposal %s, but meeting.yaml has %s in that "
                    "place", x->line, x->id, m->props[i].id);
            goto done;
        }
        if (expect_one(p, i, &m->props[i], &e[i], r) != 0)
            goto done;
    }
    p->exp = e;
    e = NULL;
done:
    free(e);
    vr_end(r);
}

/* ---- results.txt ----------------------------------------------------------- */

/* block_lines: the lines results.txt must hold for e (§3.1, §3.2). */
static void block_lines(vbuf *b, const vexp *e)
{
    const proposal *p = e->p;
    vbuf_printf(b, "proposal %s\nmethod %s\n", p->id, e->vm->word);
    if (e->v1)
        vbuf_printf(b, "threshold %d/%d %s\n", p->th.num, p->th.den,
                    p->th.strict ? "more-than" : "at-least");
    else
        e->vm->rules(b, p);
    vbuf_printf(b, "state %s\n", state_word(e->x->state));
    if (!e->closed)
        return;
    vbuf_printf(b, "checked-in %" PRId64 "\nquorum %d\n", e->checked_in, e->quorum);
    if (e->v1) {
        vbuf_printf(b, "ballots %" PRId64 "\nyes %" PRId64 "\nno %" PRId64
                    "\nabstain %" PRId64 "\n", e->ballots, e->yna[0], e->yna[1], e->yna[2]);
    } else {
        vbuf_printf(b, "min-ballots %d\nballots %" PRId64 "\n", p->min_ballots, e->ballots);
        e->vm->counts(b, p, e->res);
    }
    vbuf_printf(b, "outcome %s\nroot %s\n", e->outcome, e->root);
}

/* next_line: the line at *s (of *n bytes left) without its LF. */
static size_t next_line(const char **s, size_t *n, const char **line)
{
    const char *nl = memchr(*s, '\n', *n);
    size_t k = nl ? (size_t)(nl - *s) : *n;
    *line = *s;
    *s += k + (nl != NULL);
    *n -= k + (nl != NULL);
    return k;
}

/* The field a line holds, for the message: its key, with the round and
 * option for the lines that have them ("round 2 votes", "first ana"). */
static int key_len(const char *s, size_t n)
{
    int words = !strncmp(s, "round ", 6) ? 3
                : (!strncmp(s, "first ", 6) || !strncmp(s, "approvals ", 10)) ? 2 : 1;
    size_t i = 0;
    for (; i < n && words > 0; i++)
        words -= s[i] == ' ';
    return (int)(i && i < n ? i - 1 : n);
}

static void compare_block(const vfile *f, const vexp *e, vreport *r)
{
    vbuf want;
    vbuf_init(&want);
    block_lines(&want, e);
    const char *hs = f->buf + e->x->off, *ws = vbuf_str(&want), *hl = "", *wl = "";
    size_t hn = e->x->len, wn = strlen(ws);
    for (int k = 0; hn > 0 || wn > 0; k++) {
        int have_h = hn > 0, have_w = wn > 0;
        size_t hk = have_h ? next_line(&hs, &hn, &hl) : 0;
        size_t wk = have_w ? next_line(&ws, &wn, &wl) : 0;
        if (have_h && have_w && hk == wk && memcmp(hl, wl, hk) == 0)
            continue;
        int line = e->x->line + k;
        const char *kl = have_w ? wl : hl;
        int kn = key_len(kl, have_w ? wk : hk);
        if (!have_w)
            vr_fail(r, "results.txt:%d: %.*s: differs from the file regenerated from "
                    "the recount: this line should not be in %s's block", line, kn, kl,
                    e->x->id);
        else
            vr_fail(r, "results.txt:%d: %.*s: differs from the file regenerated from "
                    "the recount and meeting.yaml: the file says \"%.*s\", expected "
                    "\"%.*s\"; results.txt does not say what the ballots and the "
                    "meeting file say", line, kn, kl, (int)(hk < 100 ? hk : 100),
                    have_h ? hl : "", (int)(wk < 100 ? wk : 100), wl);
        break;
    }
    if (want.oom)
        vr_fail(r, "results.txt: out of memory");
    vbuf_free(&want);
}

void verify_check_results_txt(const vbundle *b, vparsed *p, vreport *r)
{
    const vfile *f = vbundle_get(b, "results.txt");
    vr_begin(r, "results.txt");
    for (int i = 0; f && i < p->results.n; i++)
        compare_block(f, &p->exp[i], r);
    vr_end(r);
}

/* ---- attendance.txt -------------------------------------------------------- */

void verify_check_attendance_txt(const vbundle *b, vparsed *p, vreport *r)
{
    const verify_attendance *a = &p->attendance;
    const meeting *m = vparsed_meeting(b, p);
    vr_begin(r, "attendance.txt");
    int64_t q = vexp_meeting_quorum(m, a->roster);
    if (a->quorum != q)
        vr_fail(r, "attendance.txt:4: quorum: the file says %" PRId64 ", meeting.yaml's "
                "quorum gives %" PRId64 " for a roster of %" PRId64 "; the quorum "
                "stated is not the meeting's", a->quorum, q, a->roster);
    /* attended: everyone who was ever checked in, so at least as many as
     * were present at any event and as voted on any proposal. */
    for (int i = 0; p->have_events && i < p->events.n; i++) {
        const verify_event *ev = &p->events.e[i];
        if ((ev->kind == VERIFY_EV_OPENED || ev->kind == VERIFY_EV_CLOSED) &&
            ev->checked_in > a->attended)
            vr_fail(r, "attendance.txt:3: attended: the file says %" PRId64 ", but "
                    "events.log:%d had %" PRId64 " people checked in; attendance is "
                    "understated", a->attended, ev->line, ev->checked_in);
    }
    for (int i = 0; i < p->results.n; i++)
        if (p->exp[i].closed && p->exp[i].ballots > a->attended)
            vr_fail(r, "attendance.txt:3: attended: the file says %" PRId64 ", but "
                    "ballots/%s.txt holds %" PRId64 " ballots; attendance is understated",
                    a->attended, p->exp[i].x->id, p->exp[i].ballots);
    vr_end(r);
}
