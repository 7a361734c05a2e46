/* export_content.c: what goes into each file of the export, built in
 * memory from the meeting and the store.  Nothing here touches the disk
 * or prints: the output depends only on the meeting, the ballots (sorted
 * by their random ids) and the check-in count, never on cast order or
 * time. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "export_internal.h"
#include "tally.h"

typedef struct {
    uint8_t id[BALLOT_ID_SIZE];
    int choice;
} ballot;

typedef struct {
    ballot *v;
    size_t n, cap;
    int oom;
} ballot_list;

typedef struct {
    prop_state state;
    tally_yna c;
    int64_t ballots;
    tally_outcome o;
} prop_result;

static const char *state_name(prop_state st)
{
    switch (st) {
    case PROP_DRAFT: return "draft";
    case PROP_OPEN: return "open";
    case PROP_CLOSED: return "closed";
    }
    return "unknown";
}

static const char *method_name(vote_method m)
{
    switch (m) {
    case METHOD_YES_NO_ABSTAIN: return "yes-no-abstain";
    }
    return "unknown";
}

static const char *choice_name(int c)
{
    switch (c) {
    case CHOICE_YES: return "yes";
    case CHOICE_NO: return "no";
    case CHOICE_ABSTAIN: return "abstain";
    }
    return NULL;
}

/* ballot_file_name: "ballots/<id>.csv" with every byte outside
 * [A-Za-z0-9_-] (and a leading '.') written as %XX, so no proposal id can
 * escape the folder or make a name the USB stick's filesystem rejects. */
static void ballot_file_name(const char *id, char *out, size_t size)
{
    size_t n = (size_t)snprintf(out, size, "ballots/");
    for (const unsigned char *p = (const unsigned char *)id; *p && n + 4 < size; p++) {
        int plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                    (*p >= '0' && *p <= '9') || *p == '_' || *p == '-' ||
                    (*p == '.' && p != (const unsigned char *)id);
        if (plain)
            out[n++] = (char)*p;
        else
            n += (size_t)snprintf(out + n, size - n, "%%%02X", *p);
    }
    snprintf(out + n, size - n, ".csv");
}

static as_status collect_ballot(void *ud, const uint8_t id[BALLOT_ID_SIZE], int choice)
{
    ballot_list *l = ud;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        ballot *v = realloc(l->v, cap * sizeof *v);
        if (!v) {
            l->oom = 1;
            return AS_ENOMEM;
        }
        l->v = v;
        l->cap = cap;
    }
    memcpy(l->v[l->n].id, id, BALLOT_ID_SIZE);
    l->v[l->n].choice = choice;
    l->n++;
    return AS_OK;
}

static int ballot_cmp(const void *a, const void *b)
{
    return memcmp(((const ballot *)a)->id, ((const ballot *)b)->id, BALLOT_ID_SIZE);
}

/* closed_proposal: counts and ballot file of a closed proposal; checks
 * that the ballots themselves add up to the store's counts. */
static as_status closed_proposal(const proposal *p, store *s, xfiles *files,
                                 prop_result *r, as_err *err)
{
    ballot_list l = {0};
    int64_t counts[3] = {0, 0, 0}, walked[3] = {0, 0, 0};
    char name[sizeof files->v[0].name];
    as_status st;
    xfile *f;

    if ((st = store_counts(s, p->id, counts, 3, err)) != AS_OK)
        goto done;
    if ((st = store_each_ballot(s, p->id, collect_ballot, &l, err)) != AS_OK) {
        if (l.oom)
            st = as_err_set(err, AS_ENOMEM, "export: out of memory reading the ballots");
        goto done;
    }
    /* The store promises id order; sorting again makes the file's order a
     * property of this module, whatever the store does. */
    qsort(l.v, l.n, sizeof *l.v, ballot_cmp);
    ballot_file_name(p->id, name, sizeof name);
    if (!(f = xfiles_add(files, name))) {
        st = as_err_set(err, AS_ENOMEM, "export: out of memory");
        goto done;
    }
    xbuf_puts(&f->data, "ballot_id,choice\r\n");
    for (size_t i = 0; i < l.n; i++) {
        const char *word = choice_name(l.v[i].choice);
        if (!word) {
            st = as_err_set(err, AS_ECORRUPT,
                            "ballots.db: a ballot of proposal '%s' has an unknown "
                            "choice; the data directory is damaged, keep a copy and "
                            "report it", p->id);
            goto done;
        }
        walked[l.v[i].choice]++;
        for (int k = 0; k < BALLOT_ID_SIZE; k++)
            xbuf_printf(&f->data, "%02x", l.v[i].id[k]);
        xbuf_printf(&f->data, ",%s\r\n", word);
    }
    if (memcmp(walked, counts, sizeof counts) != 0) {
        st = as_err_set(err, AS_ECORRUPT,
                        "ballots.db: the ballots of proposal '%s' do not add up to its "
                        "counts; the data directory is damaged, keep a copy and report it",
                        p->id);
        goto done;
    }
    r->c.yes = counts[CHOICE_YES];
    r->c.no = counts[CHOICE_NO];
    r->c.abstain = counts[CHOICE_ABSTAIN];
    r->ballots = (int64_t)l.n;
done:
    free(l.v);
    return st;
}

static void put_results_csv(xbuf *b, const meeting *m, const prop_result *r,
                            int64_t checked_in, const tally_outcome *att)
{
    xbuf_puts(b, "id,title,method,state,threshold,yes,no,abstain,ballots,"
                 "yes_percent,outcome,checked_in,quorum_needed,quorum_met\r\n");
    for (int i = 0; i < m->nprops; i++) {
        const proposal *p = &m->props[i];
        xbuf_csv(b, p->id);
        xbuf_puts(b, ",");
        xbuf_csv(b, meeting_text(m, &p->title, 0));
        xbuf_printf(b, ",%s,%s,", method_name(p->method), state_name(r[i].state));
        xbuf_csv(b, p->th.name);
        if (r[i].state == PROP_CLOSED) {
            char pct[16] = "";
            if (r[i].o.base > 0) {
                int t = tally_percent_tenths(r[i].c.yes, r[i].o.base);
                snprintf(pct, sizeof pct, "%d.%d", t / 10, t % 10);
            }
            xbuf_printf(b, ",%" PRId64 ",%" PRId64 ",%" PRId64 ",%" PRId64 ",%s,%s",
                        r[i].c.yes, r[i].c.no, r[i].c.abstain, r[i].ballots, pct,
                        r[i].o.passed ? "passed" : "not passed");
        } else {
            xbuf_puts(b, ",,,,,,"); /* never interim results */
        }
        xbuf_printf(b, ",%" PRId64 ",%d,%s\r\n", checked_in, att->quorum_needed,
                    att->quorum_met ? "yes" : "no");
    }
}

static void put_results_json(xbuf *b, const meeting *m, const prop_result *r,
                             int64_t checked_in, const tally_outcome *att)
{
    xbuf_puts(b, "{\n  \"format\": \"asamblea-export\",\n  \"version\": 1,\n");
    xbuf_puts(b, "  \"meeting\": {\n    \"title\": ");
    xbuf_json(b, m->title ? m->title : "");
    xbuf_puts(b, ",\n    \"date\": ");
    xbuf_json(b, m->date);
    xbuf_puts(b, ",\n    \"sha256\": \"");
    for (int k = 0; k < 32; k++)
        xbuf_printf(b, "%02x", m->sha256[k]);
    xbuf_puts(b, "\",\n    \"languages\": [");
    for (int k = 0; k < m->nlangs; k++) {
        xbuf_puts(b, k ? ", " : "");
        xbuf_json(b, m->langs[k]);
    }
    xbuf_printf(b, "]\n  },\n  \"attendance\": {\n    \"checked_in\": %" PRId64
                   ",\n    \"quorum_needed\": %d,\n    \"quorum_met\": %s\n  },\n"
                   "  \"proposals\": [",
                checked_in, att->quorum_needed, att->quorum_met ? "true" : "false");
    for (int i = 0; i < m->nprops; i++) {
        const proposal *p = &m->props[i];
        xbuf_puts(b, i ? ",\n    {\n      \"id\": " : "\n    {\n      \"id\": ");
        xbuf_json(b, p->id);
        xbuf_puts(b, ",\n      \"title\": ");
        xbuf_json(b, meeting_text(m, &p->title, 0));
        xbuf_printf(b, ",\n      \"method\": \"%s\",\n      \"state\": \"%s\",\n"
                       "      \"threshold\": {\"name\": ",
                    method_name(p->method), state_name(r[i].state));
        xbuf_json(b, p->th.name);
        xbuf_printf(b, ", \"num\": %d, \"den\": %d, \"strict\": %s}", p->th.num,
                    p->th.den, p->th.strict ? "true" : "false");
        if (r[i].state == PROP_CLOSED) {
            xbuf_printf(b, ",\n      \"counts\": {\"yes\": %" PRId64 ", \"no\": %" PRId64
                           ", \"abstain\": %" PRId64 "},\n      \"ballots\": %" PRId64,
                        r[i].c.yes, r[i].c.no, r[i].c.abstain, r[i].ballots);
            if (r[i].o.base > 0) {
                int t = tally_percent_tenths(r[i].c.yes, r[i].o.base);
                xbuf_printf(b, ",\n      \"yes_percent\": \"%d.%d\"", t / 10, t % 10);
            } else {
                xbuf_puts(b, ",\n      \"yes_percent\": null");
            }
            xbuf_printf(b, ",\n      \"threshold_met\": %s,\n      \"quorum_met\": %s"
                           ",\n      \"outcome\": \"%s\"",
                        r[i].o.threshold_met ? "true" : "false",
                        r[i].o.quorum_met ? "true" : "false",
                        r[i].o.passed ? "passed" : "not passed");
        }
        xbuf_puts(b, "\n    }");
    }
    xbuf_puts(b, m->nprops ? "\n  ]\n}\n" : "]\n}\n");
}

static void put_readme(xbuf *b, const meeting *m)
{
    char example[sizeof ((xfile *)0)->name];
    ballot_file_name(m->nprops ? m->props[0].id : "PROPOSAL", example, sizeof example);
    xbuf_printf(b,
        "Results of: %s (%s)\r\n"
        "Written by asamblea, the voting kiosk of the assembly.\r\n"
        "\r\n"
        "WHAT IS IN THIS FOLDER\r\n"
        "\r\n"
        "meeting.yaml   The meeting file exactly as the kiosk used it: the\r\n"
        "               proposals, their texts and how many votes each needs.\r\n"
        "results.csv    One line per proposal: how many voted yes, no and\r\n"
        "               abstain, and whether it passed. Opens in any spreadsheet.\r\n"
        "results.json   The same results for computer programs.\r\n"
        "ballots/       One file per closed proposal, one line per ballot:\r\n"
        "               a random ballot number and the choice (yes, no or\r\n"
        "               abstain). Nothing says who voted, when, or in what\r\n"
        "               order: the lines are sorted by the random number.\r\n"
        "\r\n"
        "Proposals still open or not yet voted on have no counts and no ballot\r\n"
        "file: results are only written once a vote is closed.\r\n"
        "\r\n"
        "HOW TO RECOUNT BY HAND\r\n"
        "\r\n"
        "1. Open a file in the ballots folder, for example %s,\r\n"
        "   with a spreadsheet or a text editor. The first line is a heading.\r\n"
        "2. Count the lines that end in \"yes\", the lines that end in \"no\"\r\n"
        "   and the lines that end in \"abstain\". (In a spreadsheet: sort by the\r\n"
        "   choice column, or use COUNTIF.)\r\n"
        "3. Compare the three numbers with the yes, no and abstain columns of\r\n"
        "   that proposal's line in results.csv. They must be equal, and the\r\n"
        "   number of ballot lines (not counting the heading) must equal the\r\n"
        "   ballots column.\r\n"
        "4. Check the outcome: abstentions do not count. A \"majority\" passes\r\n"
        "   when yes is more than no; \"two-thirds\" when yes is at least two\r\n"
        "   thirds of yes + no (yes x 3 >= (yes + no) x 2); \"three-quarters\"\r\n"
        "   when yes x 4 >= (yes + no) x 3; a fraction like \"3/5\" when\r\n"
        "   yes x 5 >= (yes + no) x 3.\r\n"
        "   No proposal passes when the quorum was not met (quorum_met = no)\r\n"
        "   or when nobody voted yes or no.\r\n",
        m->title ? m->title : "", m->date, example);
}

as_status export_build(const meeting *m, const char *meeting_bytes,
                       size_t meeting_len, int quorum_needed, store *s,
                       xfiles *out, int *nclosed, as_err *err)
{
    prop_result *r = NULL;
    int64_t checked_in = 0;
    tally_outcome att;
    threshold none = {0, 1, 0, ""};
    tally_yna zero = {0, 0, 0};
    int ci;
    xfile *f;
    as_status st = AS_OK;

    *nclosed = 0;
    if ((st = store_checked_in_count(s, &checked_in, err)) != AS_OK)
        return st;
    if (m->nprops > 0 && !(r = calloc((size_t)m->nprops, sizeof *r)))
        return as_err_set(err, AS_ENOMEM, "export: out of memory");
    ci = checked_in > INT32_MAX ? INT32_MAX : (int)checked_in;
    att = tally_decide(&none, zero, ci, quorum_needed);

    if (!(f = xfiles_add(out, "meeting.yaml")))
        goto oom;
    xbuf_add(&f->data, meeting_bytes, meeting_len);

    for (int i = 0; i < m->nprops; i++) {
        const proposal *p = &m->props[i];
        if ((st = store_proposal_state(s, p->id, &r[i].state, err)) != AS_OK)
            goto done;
        if (r[i].state != PROP_CLOSED)
            continue;
        if ((st = closed_proposal(p, s, out, &r[i], err)) != AS_OK)
            goto done;
        r[i].o = tally_decide(&p->th, r[i].c, ci, quorum_needed);
        (*nclosed)++;
    }

    if (!(f = xfiles_add(out, "results.csv")))
        goto oom;
    put_results_csv(&f->data, m, r, checked_in, &att);
    if (!(f = xfiles_add(out, "results.json")))
        goto oom;
    put_results_json(&f->data, m, r, checked_in, &att);
    if (!(f = xfiles_add(out, "README.txt")))
        goto oom;
    put_readme(&f->data, m);

    for (int i = 0; i < out->n; i++)
        if (out->v[i].data.oom)
            goto oom;
done:
    free(r);
    return st;
oom:
    free(r);
    return as_err_set(err, AS_ENOMEM, "export: out of memory building the export");
}
