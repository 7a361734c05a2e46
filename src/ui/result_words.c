/* result_words.c: a closed vote's rules and outcome in words, shared by
 * the kiosk's results screens (ui_results.c) and the room display
 * (room_*.c), so the room and the kiosk never word one rule two ways. */
#include <stdio.h>
#include <string.h>
#include "i18n.h"
#include "ui_internal.h"

/* ui_fraction_words: "a third", "half", "90%" or "3/5". */
void ui_fraction_words(int num, int den, char *buf, size_t n)
{
    if (num * 3 == den)
        snprintf(buf, n, "%s", _("a third"));
    else if (num * 2 == den)
        snprintf(buf, n, "%s", _("half"));
    else if (num * 4 == den)
        snprintf(buf, n, "%s", _("a quarter"));
    else if (den > 0 && (100 * num) % den == 0)
        snprintf(buf, n, "%d%%", 100 * num / den);
    else
        snprintf(buf, n, "%d/%d", num, den);
}

/* ui_consensus_rule_words: the rule as the room hears it. */
void ui_consensus_rule_words(const consensus_rule *c, char *buf, size_t n)
{
    char fr[32];
    size_t len;
    if (c->blocks_to_stop <= 1)
        snprintf(buf, n, "%s", _("passes with no blocks"));
    else
        snprintf(buf, n, _("fails if %d or more blocks"), c->blocks_to_stop);
    if (c->table_den > 0) {
        ui_fraction_words(c->table_num, c->table_den, fr, sizeof fr);
        len = strlen(buf);
        snprintf(buf + len, n - len, _("; tabled if %s or more stand aside"), fr);
    }
    if (c->override_den > 0) {
        ui_fraction_words(c->override_num, c->override_den, fr, sizeof fr);
        len = strlen(buf);
        snprintf(buf + len, n - len,
                 _("; %s not blocking overrides a block"),
                 fr);
    }
}

const char *ui_threshold_name(const threshold *th)
{
    /* The names a meeting file may use (meeting_walk.c); a fraction such
     * as "3/5" reads the same in every language. */
    static const char *const named[] = {N_("majority"), N_("two-thirds"),
                                        N_("three-quarters")};
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (!strcmp(th->name, named[i]))
            return _(named[i]);
    return th->name;
}

/* ui_threshold_words: "more than 1/2 of yes + no (majority)". */
void ui_threshold_words(const proposal *p, char *buf, size_t n)
{
    const char *base = p->base == BASE_ALL_BALLOTS ? _("of all ballots")
                                                   : _("of yes + no");
    snprintf(buf, n, p->th.strict ? _("more than %d/%d %s (%s)")
                                  : _("at least %d/%d %s (%s)"),
             p->th.num, p->th.den, base, ui_threshold_name(&p->th));
}

/* ui_no_result_words: why there is no result, or "" if there is one. */
void ui_no_result_words(const tally_result *r, const proposal *p, char *buf,
                            size_t n)
{
    buf[0] = '\0';
    if (!r->quorum_met)
        snprintf(buf, n, _("No result: %d checked in, quorum is %d."),
                 r->checked_in, r->quorum_needed);
    else if (!r->min_ballots_met)
        snprintf(buf, n, _("No result: only %lld ballots, %d needed."),
                 (long long)r->ballots, p->min_ballots);
    else if (r->verdict == TALLY_NO_RESULT)
        snprintf(buf, n, "%s", _("No result: no votes to count."));
}

void ui_names_list(const meeting *m, const proposal *p, const int *idx,
                       int k, char *buf, size_t n)
{
    size_t len;
    buf[0] = '\0';
    for (int j = 0; j < k; j++) {
        len = strlen(buf);
        snprintf(buf + len, n - len, "%s%s", j ? ", " : "", ui_opt_name(m, p, idx[j]));
    }
}

