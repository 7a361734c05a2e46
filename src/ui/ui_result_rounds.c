/* ui_result_rounds.c: the result of a vote counted round by round
 * (ranked-choice, stv; method_def.ui_result UI_RESULT_ROUNDS): a summary
 * page with the winners and the rule, then one page per round. */
#include <stdio.h>
#include <string.h>
#include "i18n.h"
#include "method.h"
#include "rcv.h"
#include "ui_internal.h"

/* round_text: one round in words, a line each. */
static void round_text(const meeting *m, const proposal *p, const rcv_result *x,
                       int k, char *buf, size_t n)
{
    const rcv_round *rd = &x->rounds[k];
    char v[40], t[40];
    int order[MEETING_MAX_OPTIONS], cnt = 0;
    size_t len;

    rcv_format_scaled(rd->threshold, x->decimals, t, sizeof t);
    if (method_of(p->method)->ui_seats_line)
        snprintf(buf, n, _("Quota to be elected: %s votes"), t);
    else
        snprintf(buf, n, _("Votes needed to win: %s"), t);
    /* What happened first: the room waits for it. */
    for (int j = 0; j < rd->nactions; j++) {
        const rcv_action *ac = &rd->actions[j];
        len = strlen(buf);
        snprintf(buf + len, n - len, ac->elected ? _("\nElected: %s")
                                                 : _("\nEliminated: %s"),
                 ui_opt_name(m, p, ac->cand));
    }
    if (rd->tie) {
        len = strlen(buf);
        snprintf(buf + len, n - len, "%s",
                 _("\nA tie in this round was decided by the documented rule."));
    }
    int64_t ex = 0;
    for (int c = 0; c < RCV_INACTIVE_N; c++)
        ex += rd->inactive[c];
    rcv_format_scaled(ex, x->decimals, v, sizeof v);
    len = strlen(buf);
    snprintf(buf + len, n - len, _("\nExhausted (no one left on them): %s"), v);
    for (int c = 0; c < x->ncand && c < MEETING_MAX_OPTIONS; c++)
        if (rd->continuing[c] || ui_is_in(x->winners, x->nwinners, c))
            order[cnt++] = c;
    for (int a = 1; a < cnt; a++)
        for (int j = a; j > 0 && rd->votes[order[j]] > rd->votes[order[j - 1]]; j--) {
            int tmp = order[j];
            order[j] = order[j - 1];
            order[j - 1] = tmp;
        }
    for (int j = 0; j < cnt; j++) {
        int c = order[j];
        if (!rd->continuing[c] && rd->votes[c] == 0)
            continue;
        rcv_format_scaled(rd->votes[c], x->decimals, v, sizeof v);
        len = strlen(buf);
        snprintf(buf + len, n - len, _("\n%s: %s"), ui_opt_name(m, p, c), v);
    }
}

void ui_result_rounds(ui *u, const meeting *m, const proposal *p,
                      const tally_result *r, box a)
{
    static char text[16384];
    char sent[1600], s1[1300], head[200];
    const rcv_result *x = r->rcv;
    int nr = x ? x->nrounds : 0;
    int bottom = a.y + a.h;

    if (u->round > nr)
        u->round = nr;
    if (u->round < 0)
        u->round = 0;
    if (u->round == 0 || !x || nr == 0) {
        /* The summary: the outcome and the rule, then first preferences. */
        ui_elected_sentence(m, p, r, s1, sizeof s1);
        if (method_of(p->method)->ui_seats_line)
            snprintf(sent, sizeof sent, _("%s (rule: single transferable vote, "
                                          "%d seats, %s counting rules)"),
                     s1, p->seats, p->stv_rule ? "RCTab" : _("Scottish"));
        else
            snprintf(sent, sizeof sent, _("%s (rule: instant runoff: the lowest "
                                          "is out each round until one has "
                                          "more than half)"),
                     s1);
        int used = ui_banner(u, a, r->verdict == TALLY_ELECTED ? _("ELECTED")
                                                            : _("NO RESULT"),
                          r->verdict == TALLY_ELECTED, sent);
        a.y += used;
        if (!x || nr == 0)
            return;
        /* The rounds follow, one a page (round 1 is the first
         * preferences). */
        int lh = u->mx.line_height(u->mx.ud, u->px_body);
        snprintf(head, sizeof head, _("Blank ballots: %lld of %lld."),
                 (long long)r->blank, (long long)r->ballots);
        if ((bottom - a.y) / lh >= 1)
            a.y += ui_text(u, a, head, u->px_body, 0, C_TEXT, C_BG,
                               ALIGN_LEFT, NULL, 0);
        snprintf(head, sizeof head, _("Counted in %d rounds: touch \"Next round\" "
                                      "to see each one."), nr);
        if ((bottom - a.y) / lh >= 1)
            ui_text(u, a, head, u->px_body, 0, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
        return;
    } else {
        /* One round a page, the whole screen for it. */
        snprintf(head, sizeof head, _("Round %d of %d"), u->round, nr);
        round_text(m, p, x, u->round - 1, text, sizeof text);
    }
    a.y += ui_text(u, a, head, u->px_body, 1, C_TEXT, C_BG, ALIGN_LEFT, NULL, 0);
    a.h = bottom - a.y;
    if (a.h >= u->target) /* else no room at all: the footer still pages */
        ui_text_panel(u, a, NULL, text, u->px_body, "Round");
}
