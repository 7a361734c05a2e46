/* method_common.c: the pieces of the method files that several methods
 * share (method_internal.h): three-word ballots and option lists, in the
 * count, the export blocks and the tally command's report.  The bytes
 * they write are docs/export-format.md §3.2's; keep them unchanged. */
#include <inttypes.h>
#include <string.h>
#include "diag.h"
#include "method_internal.h"

/* ---- three-word ballots ----------------------------------------------- */

as_status mc_words_add(void *state, const proposal *p, const ballot_choice *c,
                       int64_t *counts)
{
    (void)state;
    (void)p;
    counts[c->choice]++;
    return AS_OK;
}

as_status mc_yna_finish(void *state, const proposal *p, const uint8_t root[32],
                        tally_result *r, as_err *err)
{
    (void)state;
    (void)root;
    (void)err;
    tally_yna c = {r->counts[CHOICE_YES], r->counts[CHOICE_NO],
                   r->counts[CHOICE_ABSTAIN]};
    r->yna = tally_decide_base(&p->th, p->base, c, r->checked_in,
                               r->quorum_needed);
    if (!r->yna.valid || r->yna.no_votes)
        r->verdict = TALLY_NO_RESULT;
    else
        r->verdict = r->yna.threshold_met ? TALLY_PASSED : TALLY_NOT_PASSED;
    return AS_OK;
}

void mc_txt_threshold(xbuf *b, const proposal *p)
{
    xbuf_printf(b, "threshold %d/%d %s\nbase %s\n", p->th.num, p->th.den,
                p->th.strict ? "more-than" : "at-least",
                p->base == BASE_ALL_BALLOTS ? "all-ballots" : "yes-no");
}

void mc_put_words(xbuf *b, const char *const *w, const tally_result *r,
                  const char *pre, const char *mid, const char *sep,
                  const char *post)
{
    for (int i = 0; i < 3; i++)
        xbuf_printf(b, "%s%s%s%s%" PRId64 "%s", i ? sep : "", pre, w[i], mid,
                    r->counts[i], post);
}

int mc_print_words(FILE *f, const char *const *w, int width,
                   const tally_result *r)
{
    for (int c = 0; c < 3; c++)
        if (fprintf(f, "  %-*s %lld\n", width, w[c], (long long)r->counts[c]) < 0)
            return -1;
    return 0;
}

/* ---- option lists ----------------------------------------------------- */

void mc_txt_options(xbuf *b, const proposal *p)
{
    const method_def *md = method_of(p->method);
    int with_seats = (md->keys & MKEY_SEATS) != 0;
    int with_choose = (md->keys & MKEY_CHOOSE) != 0;
    xbuf_printf(b, "rule %s\n", md->rule_key(p));
    if (with_seats)
        xbuf_printf(b, "seats %d\n", p->seats);
    if (with_choose)
        xbuf_printf(b, "choose %d\n", p->choose);
    xbuf_puts(b, "options");
    for (int i = 0; i < p->nopts; i++)
        xbuf_printf(b, " %s", p->opts[i].id);
    xbuf_puts(b, "\n");
}

void mc_json_options(xbuf *b, const meeting *m, const proposal *p)
{
    const method_def *md = method_of(p->method);
    int with_seats = (md->keys & MKEY_SEATS) != 0;
    int with_choose = (md->keys & MKEY_CHOOSE) != 0;
    if (with_seats)
        xbuf_printf(b, ",\n      \"seats\": %d", p->seats);
    if (with_choose)
        xbuf_printf(b, ",\n      \"choose\": %d", p->choose);
    xbuf_puts(b, ",\n      \"options\": [");
    for (int i = 0; i < p->nopts; i++) {
        xbuf_puts(b, i ? ", {\"id\": " : "{\"id\": ");
        xbuf_json(b, p->opts[i].id);
        xbuf_puts(b, ", \"name\": ");
        xbuf_json(b, meeting_text(m, &p->opts[i].name, 0));
        xbuf_puts(b, "}");
    }
    xbuf_puts(b, "]");
}

void mc_txt_option_counts(xbuf *b, const proposal *p, const tally_result *r,
                          const char *word)
{
    xbuf_printf(b, "blank %" PRId64 "\n", r->blank);
    for (int i = 0; i < p->nopts; i++)
        xbuf_printf(b, "%s %s %" PRId64 "\n", word, p->opts[i].id, r->counts[i]);
}

void mc_csv_option_counts(xbuf *b, const proposal *p, const tally_result *r)
{
    for (int i = 0; i < p->nopts; i++)
        xbuf_printf(b, "%s%s=%" PRId64, i ? " " : "", p->opts[i].id, r->counts[i]);
    xbuf_printf(b, " blank=%" PRId64, r->blank);
}

void mc_json_option_counts(xbuf *b, const proposal *p, const tally_result *r)
{
    for (int i = 0; i < p->nopts; i++) {
        xbuf_puts(b, i ? ", " : "");
        xbuf_json(b, p->opts[i].id);
        xbuf_printf(b, ": %" PRId64, r->counts[i]);
    }
}

void mc_put_ids(xbuf *b, const char *key, const proposal *p, const int *idx,
                int n)
{
    xbuf_puts(b, key);
    if (n == 0)
        xbuf_puts(b, " none");
    for (int i = 0; i < n; i++)
        xbuf_printf(b, " %s", p->opts[idx[i]].id);
    xbuf_puts(b, "\n");
}

void mc_json_ids(xbuf *b, const proposal *p, const int *idx, int n)
{
    xbuf_puts(b, "[");
    for (int i = 0; i < n; i++) {
        xbuf_puts(b, i ? ", " : "");
        xbuf_json(b, p->opts[idx[i]].id);
    }
    xbuf_puts(b, "]");
}

void mc_json_winners(xbuf *b, const proposal *p, const tally_result *r)
{
    xbuf_puts(b, ",\n      \"winners\": ");
    mc_json_ids(b, p, r->winners, r->nwinners);
}

int mc_print_options(FILE *f, const meeting *m, const proposal *p,
                     const tally_result *r)
{
    for (int i = 0; i < p->nopts; i++) {
        const char *nm = meeting_text(m, &p->opts[i].name, 0);
        char shown[1024];
        diag_escape(shown, sizeof shown, nm ? nm : p->opts[i].id);
        fprintf(f, "  %-30s %lld\n", shown, (long long)r->counts[i]);
    }
    return fprintf(f, "  blank ballots: %lld\n", (long long)r->blank) < 0 ? -1 : 0;
}

int mc_print_winners(FILE *f, const proposal *p, const tally_result *r)
{
    if (!r->nwinners)
        return 0;
    fputs("Elected:", f);
    for (int i = 0; i < r->nwinners; i++)
        fprintf(f, "%s %s", i ? "," : "", p->opts[r->winners[i]].id);
    return fputc('\n', f) == EOF ? -1 : 0;
}

/* ---- yes / no / abstain (yes-no-abstain, recall) ---------------------- */

const char *const mc_yna_words[3] = {"yes", "no", "abstain"};

const char *mc_threshold_rule_key(const proposal *p)
{
    (void)p;
    return "threshold";
}

void mc_yna_txt_counts(xbuf *b, const proposal *p, const tally_result *r)
{
    (void)p;
    mc_put_words(b, mc_yna_words, r, "", " ", "", "\n");
}

void mc_yna_csv_counts(xbuf *b, const proposal *p, const tally_result *r)
{
    (void)p;
    mc_put_words(b, mc_yna_words, r, "", "=", " ", "");
}

void mc_json_base(xbuf *b, const meeting *m, const proposal *p)
{
    (void)m;
    xbuf_printf(b, ",\n      \"base\": \"%s\"",
                p->base == BASE_ALL_BALLOTS ? "all-ballots" : "yes-no");
}

void mc_yna_json_counts(xbuf *b, const proposal *p, const tally_result *r)
{
    (void)p;
    mc_put_words(b, mc_yna_words, r, "\"", "\": ", ", ", "");
}

int mc_yna_print(FILE *f, const meeting *m, const proposal *p,
                 const tally_result *r)
{
    (void)m;
    (void)p;
    return mc_print_words(f, mc_yna_words, 8, r);
}
