/* test_ui_a11y_methods.c: the ballot, review and results screens of
 * consensus, approval, ranked choice, STV and recall obey the same rules
 * as every other screen (test_ui_a11y.c's checker), at every display, in
 * English and Spanish: the demo meeting's proposals of each method, and
 * a meeting with 24 candidates (paging, every rank filled, a long review,
 * many rounds). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "test_demo_util.h"
#include "i18n.h"
#include "test_ui_a11y.h"

enum { P_GARDEN = 3, P_BANNER = 4, P_CHAIR = 5, P_COUNCIL = 6, P_RECALL = 7 };

static char name[400];
static const char *A; /* the attendee's language */

#define NAME(s) (snprintf(name, sizeof name, "%s [%s]", s, A), name)

static void to_ballot(fixture *fx, int who, int li, int prop)
{
    scan_member(fx, who);
    act(fx, ACT_LANG, li);
    act(fx, ACT_PROPOSAL, prop);
    act(fx, ACT_GO_BALLOT, 0);
    screen_is(fx, SCR_BALLOT, "ballot");
}

static void cast(fixture *fx)
{
    act(fx, ACT_CAST, 0);
    screen_is(fx, SCR_RECORDED, "cast");
    act(fx, ACT_FINISH, 0);
}

static void walk_demo_methods(int li)
{
    fixture fx;
    char b1[300], b2[200];

    if (!fixture_open(&fx, demo_yaml(), 0))
        goto out;
    for (int i = P_GARDEN; i <= P_RECALL; i++)
        set_state(&fx, i, PROP_OPEN);

    /* Consensus: the text, then three choices each with its meaning. */
    scan_member(&fx, ANA);
    act(&fx, ACT_LANG, li);
    act(&fx, ACT_PROPOSAL, P_GARDEN);
    {
        const char *w[] = {tr(A, "Go to the ballot"), tr(A, "Back"), NULL};
        const char *no[] = {tr(A, "Yes"), tr(A, "Abstain"), NULL};
        visit(&fx, NAME("PROPOSAL consensus"), w, no, 0, 0);
    }
    act(&fx, ACT_GO_BALLOT, 0);
    {
        const char *w[] = {tr(A, "Agree"), tr(A, "Stand aside"), tr(A, "Block"),
                           tr(A, "I have concerns but will not stop the group."),
                           NULL};
        visit(&fx, NAME("BALLOT consensus"), w, NULL, 0, 0);
    }
    act(&fx, ACT_CHOOSE, CONSENSUS_STAND_ASIDE);
    {
        i18n_set_lang(A);
        snprintf(b1, sizeof b1, gettext("Your choice: %s"), tr(A, "Stand aside"));
        const char *w[] = {b1, tr(A, "Cast my vote"), NULL};
        visit(&fx, NAME("REVIEW consensus"), w, NULL, 0, 0);
    }
    cast(&fx);

    /* Approval: "n of k chosen", the limit said kindly. */
    to_ballot(&fx, ANA, li, P_BANNER);
    {
        i18n_set_lang(A);
        snprintf(b1, sizeof b1, gettext("%d of %d chosen"), 0, 2);
        const char *w[] = {b1, tr(A, "Leave blank"), NULL};
        const char *no[] = {tr(A, "Undo"), NULL};
        visit(&fx, NAME("BALLOT approval"), w, no, ACT_APPROVE, 4);
    }
    act(&fx, ACT_APPROVE, 0);
    act(&fx, ACT_APPROVE, 2);
    act(&fx, ACT_APPROVE, 3);
    {
        i18n_set_lang(A);
        snprintf(b1, sizeof b1, gettext("%d of %d chosen"), 2, 2);
        const char *w[] = {b1, tr(A, "Chosen"), tr(A, "Review"),
                           tr(A, "You have chosen as many as you can. To choose "
                                 "another, first tap one of your choices to "
                                 "remove it."), NULL};
        visit(&fx, NAME("BALLOT approval at the limit"), w, NULL, 0, 0);
    }
    act(&fx, ACT_BALLOT_REVIEW, 0);
    {
        i18n_set_lang(A);
        snprintf(b1, sizeof b1, gettext("You chose %d:"), 2);
        const char *w[] = {b1, tr(A, "Cast my vote"), NULL};
        visit(&fx, NAME("REVIEW approval"), w, NULL, 0, 0);
    }
    cast(&fx);

    /* Ranked choice: empty, then two ranked; the review lists the order. */
    to_ballot(&fx, ANA, li, P_CHAIR);
    {
        /* Undo and Start over come with the first rank. */
        const char *w[] = {tr(A, "Nobody ranked yet"), tr(A, "Leave blank"), NULL};
        const char *no[] = {tr(A, "Review"), NULL};
        visit(&fx, NAME("BALLOT ranked-choice"), w, no, ACT_RANK, 3);
    }
    act(&fx, ACT_RANK, 2);
    act(&fx, ACT_RANK, 0);
    act(&fx, ACT_RANK, 0);
    {
        const char *w[] = {tr(A, "1st"), tr(A, "2nd"), tr(A, "Review"),
                           tr(A, "Undo"), tr(A, "Start over"),
                           tr(A, "That one already has a rank. To change your "
                                 "order, tap Undo or Start over."), NULL};
        visit(&fx, NAME("BALLOT ranked-choice, two ranked"), w, NULL, 0, 0);
    }
    act(&fx, ACT_BALLOT_REVIEW, 0);
    {
        const char *w[] = {tr(A, "Your order of preference:"), "Marcus Johnson",
                           "Ana García", NULL};
        visit(&fx, NAME("REVIEW ranked-choice"), w, NULL, 0, 0);
    }
    cast(&fx);

    /* STV: the number elected is said; a blank ballot reviewed. */
    to_ballot(&fx, ANA, li, P_COUNCIL);
    {
        i18n_set_lang(A);
        snprintf(b1, sizeof b1, gettext("%d delegates will be elected. Tap your "
                                      "favourite first, then your next choice, "
                                      "and so on.%s"), 2, "");
        const char *w[] = {b1, NULL};
        visit(&fx, NAME("BALLOT stv"), w, NULL, ACT_RANK, 4);
    }
    act(&fx, ACT_BALLOT_BLANK, 0);
    {
        const char *w[] = {tr(A, "You ranked no one (a blank ballot)."), NULL};
        visit(&fx, NAME("REVIEW stv blank"), w, NULL, 0, 0);
    }
    cast(&fx);

    /* Recall: the question with the delegate's name. */
    to_ballot(&fx, ANA, li, P_RECALL);
    {
        i18n_set_lang(A);
        snprintf(b1, sizeof b1, gettext("Recall %s?"), "Tom Kowalski");
        i18n_set_lang(A);
        snprintf(b2, sizeof b2, gettext("Keep %s"), "Tom Kowalski");
        const char *w[] = {b1, b2, tr(A, "Abstain"), NULL};
        visit(&fx, NAME("BALLOT recall"), w, NULL, 0, 0);
    }
    act(&fx, ACT_CHOOSE, CHOICE_YES);
    {
        const char *w[] = {tr(A, "Cast my vote"), NULL};
        visit(&fx, NAME("REVIEW recall"), w, NULL, 0, 0);
    }
    cast(&fx);

    /* More ballots, then the results the room sees. */
    const int who[] = {MARCUS, LUCIA, TOM};
    for (int k = 0; k < 3; k++) {
        to_ballot(&fx, who[k], li, P_GARDEN);
        act(&fx, ACT_CHOOSE, k == 0 ? CONSENSUS_BLOCK : CONSENSUS_AGREE);
        cast(&fx);
        to_ballot(&fx, who[k], li, P_CHAIR);
        act(&fx, ACT_RANK, k);
        act(&fx, ACT_RANK, (k + 1) % 3);
        act(&fx, ACT_BALLOT_REVIEW, 0);
        cast(&fx);
        to_ballot(&fx, who[k], li, P_COUNCIL);
        for (int j = 0; j < 4; j++)
            act(&fx, ACT_RANK, (k + j) % 4);
        act(&fx, ACT_BALLOT_REVIEW, 0);
        cast(&fx);
        to_ballot(&fx, who[k], li, P_BANNER);
        act(&fx, ACT_APPROVE, k);
        act(&fx, ACT_BALLOT_REVIEW, 0);
        cast(&fx);
        to_ballot(&fx, who[k], li, P_RECALL);
        act(&fx, ACT_CHOOSE, k == 2 ? CHOICE_YES : CHOICE_NO);
        cast(&fx);
    }
    for (int i = P_GARDEN; i <= P_RECALL; i++)
        set_state(&fx, i, PROP_CLOSED);
    scan_member(&fx, ROSA);
    act(&fx, ACT_FAC_PROPOSAL, P_GARDEN);
    {
        const char *w[] = {tr("en", "BLOCKED"), tr("en", "Show QR code"), NULL};
        visit(&fx, NAME("RESULT consensus"), w, NULL, 0, 0);
    }
    act(&fx, ACT_FAC_PROPOSAL, P_BANNER);
    {
        const char *w[] = {tr("en", "ELECTED"), NULL};
        visit(&fx, NAME("RESULT approval"), w, NULL, 0, 0);
    }
    act(&fx, ACT_FAC_PROPOSAL, P_RECALL);
    {
        const char *w[] = {tr("en", "NOT RECALLED"), NULL};
        visit(&fx, NAME("RESULT recall"), w, NULL, 0, 0);
    }
    for (int p = P_CHAIR; p <= P_COUNCIL; p++) {
        act(&fx, ACT_FAC_PROPOSAL, p);
        const char *w[] = {tr("en", "Next round"), NULL};
        visit(&fx, NAME(p == P_CHAIR ? "RESULT ranked-choice" : "RESULT stv"), w,
              NULL, 0, 0);
        /* One round a page, to the last (no "Next round" there). */
        for (int r = 1; r < 30 && dl_find_label(&fx.dl, tr("en", "Next round"),
                                                NULL) > 0; r++) {
            for (int k = 0; k < NRES; k++)
                ui_handle_action(fx.u[k], ACT_ROUND, +1);
            snprintf(b1, sizeof b1, "%s round %d",
                     p == P_CHAIR ? "RESULT ranked-choice" : "RESULT stv", r);
            const char *w2[] = {tr("en", r == 1 ? "Summary" : "Previous round"),
                                NULL};
            visit(&fx, NAME(b1), w2, NULL, 0, 0);
        }
        act(&fx, ACT_BACK, 0);
    }
out:
    fixture_close(&fx);
}

/* A 24-candidate STV election with long names. */
static char *big_meeting(void)
{
    size_t cap = 20000, n = 0;
    char *y = malloc(cap);
    n += (size_t)snprintf(y + n, cap - n,
        "meeting:\n  title: Big election\n  date: 2026-12-05\n"
        "  languages: [en, es]\n  roster: r.csv\n  quorum: 1\nproposals:\n"
        "  - id: council\n    title:\n      en: Elect five delegates\n"
        "      es: Elegir cinco delegados\n    text:\n      en: Five seats.\n"
        "    method: stv\n    seats: 5\n    options:\n");
    for (int i = 0; i < 24; i++)
        n += (size_t)snprintf(y + n, cap - n,
            "      - {id: c%d, name: \"Candidate %d %s\"}\n", i, i + 1,
            i % 3 ? "Hernández" : "María Guadalupe Fernández de la Cruz");
    return y;
}

static void walk_big(int li)
{
    fixture fx;
    char *yaml = big_meeting();
    if (!fixture_open(&fx, yaml, 0))
        goto out;
    set_state(&fx, 0, PROP_OPEN);
    to_ballot(&fx, ANA, li, 0);
    visit(&fx, NAME("BALLOT stv 24 candidates"), NULL, NULL, ACT_RANK, 24);
    for (int k = 0; k < 13; k++)
        act(&fx, ACT_RANK, k);
    {
        const char *w[] = {tr(A, "Every rank is filled. Tap Undo to change your "
                                 "last choice."), NULL};
        visit(&fx, NAME("BALLOT stv every rank filled"), w, NULL, 0, 0);
    }
    act(&fx, ACT_BALLOT_REVIEW, 0);
    visit(&fx, NAME("REVIEW stv 12 ranks"), NULL, NULL, 0, 0);
    cast(&fx);
    const int who[] = {MARCUS, LUCIA, TOM};
    for (int k = 0; k < 3; k++) {
        to_ballot(&fx, who[k], li, 0);
        for (int j = 0; j < 6; j++)
            act(&fx, ACT_RANK, (5 * k + j) % 24);
        act(&fx, ACT_BALLOT_REVIEW, 0);
        cast(&fx);
    }
    set_state(&fx, 0, PROP_CLOSED);
    scan_member(&fx, ROSA);
    act(&fx, ACT_FAC_PROPOSAL, 0);
    visit(&fx, NAME("RESULT stv 24 candidates"), NULL, NULL, 0, 0);
    for (int k = 0; k < NRES; k++)
        ui_handle_action(fx.u[k], ACT_ROUND, +1);
    visit(&fx, NAME("RESULT stv 24 candidates round 1"), NULL, NULL, 0, 0);
out:
    fixture_close(&fx);
    free(yaml);
}

/* Results with no result (min_ballots, a proposal's own quorum), a
 * yes/no threshold of all ballots, an approval of 24 options and a
 * consensus rule with every part, each in words. */
static const char rules_yaml[] =
    "meeting:\n  title: Rules\n  date: 2026-12-05\n  languages: [en, es]\n"
    "  roster: r.csv\n  quorum: 1\nproposals:\n"
    "  - id: bylaws\n    title: Adopt the bylaws\n    text: As circulated.\n"
    "    threshold: two-thirds\n    base: all-ballots\n"
    "  - id: recall-bo\n    title: Recall Bo\n    text: Recall Bo.\n"
    "    method: recall\n    delegate: Bo Lee\n    min_ballots: 5\n"
    "  - id: garden\n    title: Garden\n    text: A garden.\n"
    "    method: consensus\n    quorum: 5\n"
    "    consensus: {preset: override-90, blocks_to_stop: 2, "
    "stand_aside_to_table: 33%}\n"
    "  - id: paint\n    title: Paint\n    text: Colours.\n"
    "    method: approval\n    seats: 3\n    choose: 5\n    options:\n";

static void walk_rules(int li)
{
    fixture fx;
    char opts[4000] = "", *yaml = malloc(8000);
    for (int i = 0; i < 24; i++) {
        size_t len = strlen(opts);
        snprintf(opts + len, sizeof opts - len,
                 "      - {id: o%d, name: \"Option %d\"}\n", i, i + 1);
    }
    snprintf(yaml, 8000, "%s%s", rules_yaml, opts);
    if (!fixture_open(&fx, yaml, 0))
        goto out;
    for (int i = 0; i < 4; i++)
        set_state(&fx, i, PROP_OPEN);
    const int who[] = {ANA, MARCUS, LUCIA};
    for (int k = 0; k < 3; k++) {
        scan_member(&fx, who[k]);
        act(&fx, ACT_LANG, li);
        act(&fx, ACT_PROPOSAL, 0);
        act(&fx, ACT_CHOOSE, k == 2 ? CHOICE_ABSTAIN : CHOICE_YES);
        cast(&fx);
        to_ballot(&fx, who[k], li, 1);
        act(&fx, ACT_CHOOSE, CHOICE_YES);
        cast(&fx);
        to_ballot(&fx, who[k], li, 2);
        act(&fx, ACT_CHOOSE, CONSENSUS_AGREE);
        cast(&fx);
        to_ballot(&fx, who[k], li, 3);
        for (int j = 0; j < 5; j++)
            act(&fx, ACT_APPROVE, (7 * k + j) % 24);
        act(&fx, ACT_BALLOT_REVIEW, 0);
        cast(&fx);
    }
    for (int i = 0; i < 4; i++)
        set_state(&fx, i, PROP_CLOSED);
    scan_member(&fx, ROSA);
    char b1[300];
    act(&fx, ACT_FAC_PROPOSAL, 0);
    {
        /* 2 yes of 3 ballots is two-thirds of all ballots: passed */
        snprintf(b1, sizeof b1, "%s", tr("en", "PASSED"));
        const char *w[] = {b1, NULL};
        visit(&fx, NAME("RESULT yes-no of all ballots"), w, NULL, 0, 0);
    }
    act(&fx, ACT_BACK, 0);
    act(&fx, ACT_FAC_PROPOSAL, 1);
    {
        i18n_set_lang("en");
        snprintf(b1, sizeof b1, gettext("No result: only %lld ballots, %d needed."),
                 3LL, 5);
        const char *w[] = {tr("en", "NO RESULT"), b1, NULL};
        visit(&fx, NAME("RESULT recall below min_ballots"), w, NULL, 0, 0);
    }
    act(&fx, ACT_BACK, 0);
    act(&fx, ACT_FAC_PROPOSAL, 2);
    {
        i18n_set_lang("en");
        snprintf(b1, sizeof b1, gettext("No result: %d checked in, quorum is %d."),
                 3, 5);
        const char *w[] = {tr("en", "NO RESULT"), NULL};
        visit(&fx, NAME("RESULT consensus without its quorum"), w, NULL, 0, 0);
        /* The sentence may wrap: its first words are enough. */
        CHECK(dl_has_text(&fx.dl, "No result: 3 checked in"));
    }
    act(&fx, ACT_BACK, 0);
    act(&fx, ACT_FAC_PROPOSAL, 3);
    visit(&fx, NAME("RESULT approval of 24"), NULL, NULL, 0, 0);
out:
    fixture_close(&fx);
    free(yaml);
}

void walk_methods(int li)
{
    A = li ? "es" : "en";
    walk_demo_methods(li);
    walk_big(li);
    walk_rules(li);
}
