/* room_rounds.c: a result step by step, as the facilitator's "Next
 * round" walks the room through it (room_show.round >= 1).
 *   ranked-choice, stv: round k as one bar per continuing candidate, the
 *     part it just received in a lighter shade and in words ("+12 from
 *     Ana"), then who is elected or eliminated this round and where their
 *     votes go, in every language;
 *   condorcet: option k's head-to-head contests as paired bars, each
 *     with its sentence ("Montroll beats Kiss 4067 to 3477"). */
#include <stdio.h>
#include <string.h>
#include "i18n.h"
#include "method.h"
#include "room_internal.h"

typedef struct {
    int cand;          /* option index (rcv), or the opponent (condorcet) */
    int64_t have, extra, whole;
} step_row;

typedef struct {
    int i, k, steps;
    const proposal *p;
    const tally_result *r;
    const rcv_result *x;  /* rcv; NULL for condorcet */
    method_table t;       /* condorcet */
    int n;
    step_row row[MEETING_MAX_OPTIONS];
} step_view;

static const char *scaled(const step_view *s, int64_t v, char *buf, size_t n)
{
    return rcv_format_scaled(v, s->x ? s->x->decimals : 0, buf, n);
}

/* received_words: "+12 from Ana, +3 from Luis" for row j (rcv). */
static void received_words(const room_ctx *c, int lang, char *buf, size_t n,
                           const void *arg)
{
    const step_view *s = ((const step_view *const *)arg)[0];
    int j = *((const int *const *)arg)[1];
    const rcv_round *prev = s->k >= 2 ? &s->x->rounds[s->k - 2] : NULL;
    char v[40];
    size_t len;
    buf[0] = '\0';
    for (int a = 0; prev && a < prev->nactions; a++) {
        int64_t to = prev->actions[a].to[s->row[j].cand];
        if (to <= 0)
            continue;
        len = strlen(buf);
        snprintf(buf + len, n - len, _("%s+%s from %s"), len ? ", " : "",
                 scaled(s, to, v, sizeof v),
                 room_opt_name(c->m, s->p, prev->actions[a].cand, lang));
    }
}

/* contest_words: "Montroll beats Kiss 4067 to 3477" (condorcet). */
static void contest_words(const room_ctx *c, int lang, char *buf, size_t n,
                          const void *arg)
{
    const step_view *s = ((const step_view *const *)arg)[0];
    const step_row *rw = &s->row[*((const int *const *)arg)[1]];
    const char *me = room_opt_name(c->m, s->p, s->k - 1, lang);
    const char *him = room_opt_name(c->m, s->p, rw->cand, lang);
    long long a = (long long)rw->have, b = (long long)rw->extra;
    if (a > b)
        snprintf(buf, n, _("%s beats %s %lld to %lld"), me, him, a, b);
    else if (a < b)
        snprintf(buf, n, _("%s loses to %s %lld to %lld"), me, him, a, b);
    else
        snprintf(buf, n, _("%s ties with %s %lld to %lld"), me, him, a, b);
}

static void name_words(const room_ctx *c, int lang, char *buf, size_t n,
                       const void *arg)
{
    const step_view *s = ((const step_view *const *)arg)[0];
    int j = *((const int *const *)arg)[1];
    int cand = s->row[j].cand;
    /* Elected in an earlier round and still shown (stv): said so. */
    int done = s->x && s->x->rounds[s->k - 1].continuing[cand] == 2;
    snprintf(buf, n, "%s%s", room_opt_name(c->m, s->p, cand, lang),
             done ? _(" (elected)") : "");
}

static int draw_rows(room_ctx *c, box a, const void *arg, int px, int cols,
                     int dry)
{
    const step_view *s = arg;
    char name[900], line[2400], more[1200], v[40];
    int per = (s->n + cols - 1) / cols, maxh = 0, bh = room_lh(c, px) / 3;
    int cw = (a.w - (cols - 1) * c->gap) / cols;
    for (int col = 0; col < cols; col++) {
        int y = a.y;
        for (int j = col * per; j < (col + 1) * per && j < s->n; j++) {
            const void *ref[2] = {s, &j};
            box cb = {a.x + col * (cw + c->gap), y, cw, 0};
            if (s->x) {
                room_all_langs(c, name_words, ref, name, sizeof name);
                room_all_langs(c, received_words, ref, more, sizeof more);
                snprintf(line, sizeof line, "%s: %s%s%s%s", name,
                         scaled(s, s->row[j].have + s->row[j].extra, v, sizeof v),
                         more[0] ? " (" : "", more, more[0] ? ")" : "");
            } else {
                room_all_langs(c, contest_words, ref, line, sizeof line);
            }
            y += room_text(c, cb, line, px, 1, ROOM_TEXT, ROOM_BG, 0, dry);
            cb.y = y;
            y += room_bar(c, cb, bh, s->row[j].have, s->row[j].extra,
                          s->row[j].whole, dry) + bh;
        }
        maxh = y - a.y > maxh ? y - a.y : maxh;
    }
    return maxh;
}

/* round_words: round k in sentences: the quota, who is elected or
 * eliminated and where their votes go, what the shades mean. */
static void round_words(const room_ctx *c, int lang, const step_view *s,
                        char *buf, size_t n)
{
    const rcv_round *rd = &s->x->rounds[s->k - 1];
    char v[40], to[1600];
    size_t len;
    snprintf(buf, n, _("Round %d of %d"), s->k, s->steps);
    len = strlen(buf);
    scaled(s, rd->threshold, v, sizeof v);
    if (c->compact < 2)
        snprintf(buf + len, n - len, method_of(s->p->method)->ui_seats_line
                                     ? _("\nQuota to be elected: %s votes")
                                     : _("\nVotes needed to win: %s"), v);
    for (int a = 0; a < rd->nactions; a++) {
        const rcv_action *ac = &rd->actions[a];
        const char *who = room_opt_name(c->m, s->p, ac->cand, lang);
        len = strlen(buf);
        snprintf(buf + len, n - len, ac->elected ? _("\nElected: %s")
                                                 : _("\nEliminated: %s"), who);
        to[0] = '\0';
        for (int d = 0; d < s->x->ncand && d < s->p->nopts; d++)
            if (ac->to[d] > 0) {
                size_t tl = strlen(to);
                snprintf(to + tl, sizeof to - tl, "%s%s +%s", tl ? ", " : "",
                         room_opt_name(c->m, s->p, d, lang),
                         scaled(s, ac->to[d], v, sizeof v));
            }
        if (ac->exhausted > 0) {
            size_t tl = strlen(to);
            snprintf(to + tl, sizeof to - tl, _("%sno one left on them %s"),
                     tl ? ", " : "", scaled(s, ac->exhausted, v, sizeof v));
        }
        len = strlen(buf);
        if (to[0] && s->k < s->steps)
            snprintf(buf + len, n - len, _("\n%s's votes go to: %s"), who, to);
    }
    if (rd->tie) {
        len = strlen(buf);
        snprintf(buf + len, n - len, "%s",
                 _("\nA tie in this round was decided by the documented rule."));
    }
    if (s->k >= 2 && c->compact < 1) {
        len = strlen(buf);
        snprintf(buf + len, n - len, "%s",
                 _("\nDark bar: votes held before this round; light bar: "
                   "votes just received."));
    }
}

static int words_block(room_ctx *c, int lang, box a, int px, int dry,
                       const void *arg)
{
    const step_view *s = arg;
    char buf[6000];
    int top = a.y;
    a.y += room_title_block(c, lang, a, px, s->i, dry);
    if (s->x) {
        round_words(c, lang, s, buf, sizeof buf);
    } else {
        snprintf(buf, sizeof buf, _("Step %d of %d: %s head to head with "
                                    "each other option"),
                 s->k, s->steps, room_opt_name(c->m, s->p, s->k - 1, lang));
        size_t len = strlen(buf);
        if (s->t.caption)
            snprintf(buf + len, sizeof buf - len, "\n%s", _(s->t.caption));
    }
    return a.y - top + room_text(c, a, buf, px, 0, ROOM_TEXT, ROOM_BG, 0, dry);
}

/* rcv_rows: the candidates still in the count, most votes first. */
static void rcv_rows(step_view *s)
{
    const rcv_round *rd = &s->x->rounds[s->k - 1];
    const rcv_round *prev = s->k >= 2 ? &s->x->rounds[s->k - 2] : NULL;
    int64_t top = rd->threshold;
    for (int c = 0; c < s->x->ncand && c < s->p->nopts; c++) {
        if (!rd->continuing[c])
            continue;
        step_row *rw = &s->row[s->n++];
        rw->cand = c;
        for (int a = 0; prev && a < prev->nactions; a++)
            rw->extra += prev->actions[a].to[c] > 0 ? prev->actions[a].to[c] : 0;
        if (rw->extra > rd->votes[c])
            rw->extra = rd->votes[c];
        rw->have = rd->votes[c] - rw->extra;
        top = rd->votes[c] > top ? rd->votes[c] : top;
    }
    for (int j = 0; j < s->n; j++)
        s->row[j].whole = top;
    for (int a = 1; a < s->n; a++)
        for (int j = a; j > 0 && s->row[j].have + s->row[j].extra >
                                     s->row[j - 1].have + s->row[j - 1].extra; j--) {
            step_row t = s->row[j];
            s->row[j] = s->row[j - 1];
            s->row[j - 1] = t;
        }
}

/* table_rows: option k-1 against each other option (condorcet). */
static void table_rows(step_view *s)
{
    const method_def *md = method_of(s->p->method);
    int o = s->k - 1;
    if (!md->ui_table || !md->ui_table(s->p, s->r, &s->t) || o >= s->t.n)
        return;
    for (int j = 0; j < s->t.n; j++) {
        if (j == o)
            continue;
        step_row *rw = &s->row[s->n++];
        rw->cand = j;
        rw->have = s->t.cell[o][j];
        rw->extra = s->t.cell[j][o];
        rw->whole = rw->have + rw->extra;
    }
}

void room_steps(room_ctx *c, box a, int i, int k)
{
    static step_view s;
    memset(&s, 0, sizeof s);
    s.i = i;
    s.k = k;
    s.p = &c->m->props[i];
    s.r = c->sn->props[i].result;
    s.steps = room_rounds(c->sn, i);
    s.x = method_of(s.p->method)->ui_result == UI_RESULT_ROUNDS ? s.r->rcv : NULL;
    if (s.x && k <= s.x->nrounds)
        rcv_rows(&s);
    else
        table_rows(&s);
    room_rows_compact(c, a, draw_rows, s.n, words_block, &s, 3);
}
