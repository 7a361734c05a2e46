/* test_meeting.c: the meeting file: the docs example with every field,
 * defaults, each kind of mistake at its exact file:line:col, warnings,
 * loading from memory, and truncated files that must never crash. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "check.h"
#include "test_file_util.h"
#include "meeting.h"

#define MEETINGS AS_TEST_DATA "/meetings/"
#define EXAMPLE AS_EXAMPLES "/meeting.yaml"

static int has_diag(const diag_list *d, const char *where, const char *what)
{
    size_t wl = strlen(where);
    for (int i = 0; i < d->n; i++)
        if (!strncmp(d->lines[i], where, wl) && d->lines[i][wl] == ':' &&
            d->lines[i][wl + 1] == ' ' && strstr(d->lines[i] + wl, what))
            return 1;
    return 0;
}

/* expect_bad: loading meetings/name fails, and one of the messages is at
 * file:line:col (file defaults to the meeting file) and contains what. */
static void expect_bad_in(const char *name, const char *file, int line,
                          int col, const char *what)
{
    char path[512], where[700];
    diag_list d;
    meeting *m = (meeting *)1;
    diag_init(&d);
    snprintf(path, sizeof path, MEETINGS "%s", name);
    snprintf(where, sizeof where, "%s:%d:%d", file ? file : path, line, col);
    CHECK_INT(meeting_load(path, &m, &d), AS_EINVAL);
    CHECK(m == NULL);
    CHECK_MSG(has_diag(&d, where, what), "%s: no '%s' at %s", name, what, where);
    if (!has_diag(&d, where, what))
        for (int i = 0; i < d.n; i++)
            fprintf(stderr, "  diag: %s\n", d.lines[i]);
    diag_free(&d);
}

static void expect_bad(const char *name, int line, int col, const char *what)
{
    expect_bad_in(name, NULL, line, col, what);
}

static void test_example(void)
{
    diag_list d, w;
    meeting *m = NULL;
    size_t len = 0;
    uint8_t sha[32];

    diag_init(&d);
    diag_init(&w);
    CHECK_INT(meeting_load(EXAMPLE, &m, &d), AS_OK);
    CHECK_INT(diag_count(&d), 0);
    if (!m)
        return;
    char *bytes = tf_slurp(EXAMPLE, &len);
    crypto_hash_sha256(sha, (const unsigned char *)bytes, len);
    CHECK(memcmp(sha, m->sha256, 32) == 0);
    free(bytes);

    CHECK_STR(m->path, EXAMPLE);
    CHECK_STR(m->title, "Pilsen People's Assembly, December");
    CHECK_STR(m->date, "2026-12-05");
    CHECK_INT(m->nlangs, 2);
    CHECK_STR(m->langs[0], "en");
    CHECK_STR(m->langs[1], "es");
    CHECK_INT(meeting_lang_index(m, "es"), 1);
    CHECK_INT(meeting_lang_index(m, "fr"), -1);
    CHECK_STR(m->roster_path, AS_EXAMPLES "/roster.csv");
    CHECK_INT(m->quorum, 15);
    CHECK_INT(m->quorum_percent, 0);
    CHECK_INT(meeting_quorum(m), 15);
    CHECK_INT(m->idle_seconds, 90);
    CHECK_INT(m->still_seconds, 30);
    CHECK_STR(m->export_dir, "/media/usb");
    CHECK_INT(roster_count(m->roster), 41);
    CHECK_INT(roster_facilitators(m->roster), 2);

    CHECK_INT(m->nprops, 3);
    CHECK_STR(m->props[0].id, "coat-drive");
    CHECK_INT(m->props[0].line, 14);
    CHECK_STR(meeting_text(m, &m->props[0].title, 0),
              "Fund the winter coat drive with $400");
    CHECK_STR(meeting_text(m, &m->props[0].title, 1),
              "Financiar la colecta de abrigos con $400");
    const char *en = meeting_text(m, &m->props[0].text, 0);
    CHECK(strstr(en, "Every winter since 2019") == en);
    CHECK(strstr(en, "hour and about forty families left with nothing.\n\nThis"));
    CHECK(en[strlen(en) - 1] == '.'); /* block scalar's last newline trimmed */
    CHECK(strstr(meeting_text(m, &m->props[0].text, 1), "Cada invierno") != NULL);
    CHECK_INT(m->props[0].method, METHOD_YES_NO_ABSTAIN);
    CHECK_INT(m->props[0].th.num, 1);
    CHECK_INT(m->props[0].th.den, 2);
    CHECK_INT(m->props[0].th.strict, 1);
    CHECK_STR(m->props[0].th.name, "majority");
    CHECK_STR(m->props[1].id, "underpass-mural");
    CHECK_INT(m->props[1].th.num, 2);
    CHECK_INT(m->props[1].th.den, 3);
    CHECK_INT(m->props[1].th.strict, 0);
    CHECK_STR(m->props[1].th.name, "two-thirds");
    CHECK_STR(m->props[2].id, "saturday-meetings");
    CHECK_INT(m->props[2].th.num, 3);
    CHECK_INT(m->props[2].th.den, 5);
    CHECK_INT(m->props[2].th.strict, 0);
    CHECK_STR(m->props[2].th.name, "3/5");
    CHECK_INT(meeting_find(m, "saturday-meetings"), 2);
    CHECK_INT(meeting_find(m, "nope"), -1);
    /* out-of-range language indices fall back to the default */
    CHECK_STR(meeting_text(m, &m->props[1].title, 7),
              "Commission a community mural for the 16th Street underpass");
    CHECK_STR(meeting_text(m, &m->props[1].title, -1),
              "Commission a community mural for the 16th Street underpass");
    CHECK_INT(meeting_warnings(m, &w), 0);
    meeting_free(m);
    diag_free(&d);
    diag_free(&w);
}

static void test_plain(void)
{
    diag_list d;
    meeting *m = NULL;
    diag_init(&d);
    CHECK_INT(meeting_load(MEETINGS "plain.yaml", &m, &d), AS_OK);
    if (m) {
        CHECK_INT(m->nlangs, 1);
        CHECK_STR(m->langs[0], "en");
        CHECK_STR(m->date, "2028-02-29");
        CHECK_INT(m->quorum, 0);
        CHECK_INT(m->quorum_percent, 10);
        CHECK_INT(meeting_quorum(m), 1); /* 10% of 3, rounded up */
        CHECK(m->export_dir == NULL);
        CHECK_INT(m->idle_seconds, 90);
        CHECK_INT(m->still_seconds, 30);
        CHECK_INT(m->nprops, 1);
        CHECK_STR(m->props[0].th.name, "majority");
        CHECK_INT(m->props[0].th.strict, 1);
        CHECK_STR(meeting_text(m, &m->props[0].text, 0),
                  "The block club buys two snow shovels ($60) and keeps them\n"
                  "in Teresa's garage for anyone to borrow.");
    }
    meeting_free(m);
    diag_free(&d);
}

static void test_bad(void)
{
    expect_bad("bad-yaml.yaml", 8, 11, "YAML syntax error");
    expect_bad("bad-indent.yaml", 4, 10, "YAML syntax error");
    expect_bad("bad-flow.yaml", 5, 9, "flow sequence at line 4");
    expect_bad("missing-roster.yaml", 4, 11,
               "roster file 'no-such-roster.csv' not found");
    expect_bad("dup-ids.yaml", 12, 9,
               "duplicate proposal id 'coat-drive' (also on line 6)");
    expect_bad("unknown-method.yaml", 9, 13, "unknown method 'borda'; write one of");
    expect_bad("bad-threshold.yaml", 9, 16, "threshold '3/2' is not a share");
    expect_bad("bad-threshold.yaml", 13, 16, "threshold '0/5' is not a share");
    expect_bad("bad-threshold.yaml", 17, 16, "unknown threshold 'supermajority'");
    expect_bad("bad-quorum.yaml", 5, 11, "quorum '150%' is not a percentage");
    expect_bad("negative-quorum.yaml", 5, 11, "quorum '-3' is not a number");
    expect_bad_in("bad-roster.yaml", MEETINGS "../rosters/unknown-role.csv", 3,
                  18, "unknown role 'organizer'");
    expect_bad("empty.yaml", 1, 1, "meeting file is empty");
    expect_bad("not-a-map.yaml", 1, 1, "must start with meeting: and proposals:");
    expect_bad("two-docs.yaml", 10, 1, "a second YAML document");
    expect_bad("many-mistakes.yaml", 2, 3, "unknown key 'titel' in meeting; did "
               "you mean 'title'?");
    expect_bad("many-mistakes.yaml", 7, 3, "unknown key 'colour'");
    expect_bad("many-mistakes.yaml", 3, 9, "date '2026-02-30' is not a real date");
    expect_bad("many-mistakes.yaml", 4, 19, "'español' is not a language code");
    expect_bad("many-mistakes.yaml", 4, 28, "language 'en' is listed twice");
    expect_bad("many-mistakes.yaml", 6, 17, "idle_timeout '2' must be");
    expect_bad("many-mistakes.yaml", 9, 9, "proposal id 'Coat Drive' may use only");
    expect_bad("many-mistakes.yaml", 13, 5, "proposal number 2 has no id");

    diag_list d;
    meeting *m;
    diag_init(&d);
    CHECK_INT(meeting_load(MEETINGS "no-such.yaml", &m, &d), AS_ENOENT);
    CHECK(m == NULL);
    CHECK(d.n == 1 && strstr(d.lines[0], "no-such.yaml: meeting file not found"));
    diag_free(&d);
}


/* One proposal of each method with every method key, and the defaults. */
static void test_methods(void)
{
    diag_list d;
    meeting *m = NULL;
    diag_init(&d);
    CHECK_INT(meeting_load(MEETINGS "methods.yaml", &m, &d), AS_OK);
    for (int i = 0; i < d.n; i++)
        fprintf(stderr, "  diag: %s\n", d.lines[i]);
    if (!m)
        goto out;
    CHECK_INT(m->nprops, 8);
    const proposal *p = &m->props[0]; /* bylaws */
    CHECK_INT(p->method, METHOD_YES_NO_ABSTAIN);
    CHECK_STR(p->th.name, "two-thirds");
    CHECK_INT(p->base, BASE_ALL_BALLOTS);
    CHECK_INT(p->quorum, 50);
    CHECK_INT(p->quorum_percent, 1);
    CHECK_INT(meeting_proposal_quorum(m, 0), 2); /* 50% of 3, rounded up */
    CHECK_INT(p->min_ballots, 2);
    CHECK_INT(p->nopts, 0);

    p = &m->props[1]; /* garden */
    CHECK_INT(p->method, METHOD_CONSENSUS);
    CHECK_INT(p->cons.blocks_to_stop, 1);
    CHECK_INT(p->cons.table_num, 1);
    CHECK_INT(p->cons.table_den, 3);
    CHECK_INT(p->cons.override_den, 0);
    CHECK_STR(p->cons.preset, "no-blocks-third-aside");
    CHECK_INT(p->quorum, -1);
    CHECK_INT(meeting_proposal_quorum(m, 1), 2); /* the meeting's */
    CHECK_INT(p->min_ballots, 0);
    CHECK_INT(p->base, BASE_YES_NO);

    p = &m->props[2]; /* paint */
    CHECK_INT(p->method, METHOD_APPROVAL);
    CHECK_INT(p->seats, 2);
    CHECK_INT(p->choose, 3);
    CHECK_INT(p->nopts, 4);
    CHECK_STR(p->opts[0].id, "red");
    CHECK_STR(meeting_text(m, &p->opts[0].name, 1), "Rojo");
    CHECK_STR(meeting_text(m, &p->opts[1].name, 1), "Blue");
    CHECK_STR(p->opts[2].id, "green");
    CHECK_STR(meeting_text(m, &p->opts[2].name, 0), "Green");
    CHECK_STR(p->opts[3].id, "sky-2");

    p = &m->props[3]; /* chair */
    CHECK_INT(p->method, METHOD_IRV);
    CHECK_INT(p->seats, 1);
    CHECK_INT(p->nopts, 3);
    CHECK_STR(p->opts[2].id, "marta");
    CHECK_INT(p->quorum, 0);
    CHECK_INT(p->quorum_percent, 0);
    CHECK_INT(meeting_proposal_quorum(m, 3), 0); /* its own: none */

    p = &m->props[4]; /* council */
    CHECK_INT(p->method, METHOD_STV);
    CHECK_INT(p->seats, 3);
    CHECK_INT(p->stv_rule, 1);
    CHECK_INT(p->nopts, 5);

    p = &m->props[5]; /* recall-bo */
    CHECK_INT(p->method, METHOD_RECALL);
    CHECK_STR(meeting_text(m, &p->delegate, 1), "Bo Lee");
    CHECK_STR(p->th.name, "majority");
    CHECK_INT(p->th.strict, 1);
    CHECK_INT(p->base, BASE_YES_NO);

    p = &m->props[6]; /* override: a preset with changed numbers */
    CHECK_INT(p->cons.blocks_to_stop, 2);
    CHECK_INT(p->cons.override_num, 9);
    CHECK_INT(p->cons.override_den, 10);
    CHECK_INT(p->cons.table_num, 33);
    CHECK_INT(p->cons.table_den, 100);
    CHECK_STR(p->cons.preset, "");

    p = &m->props[7]; /* two: preset named in a map */
    CHECK_INT(p->cons.blocks_to_stop, 2);
    CHECK_STR(p->cons.preset, "two-blocks");
    CHECK_INT(p->cons.table_den, 0);

    /* warnings: options of paint (3 of 4) and chair/council lack es names */
    diag_list w;
    diag_init(&w);
    meeting_warnings(m, &w);
    CHECK(has_diag(&w, MEETINGS "methods.yaml:21", "warning: proposal 'paint' "
                   "has 3 option names without a es text"));
    CHECK(has_diag(&w, MEETINGS "methods.yaml:33", "warning: proposal 'chair' "
                   "has 3 option names"));
    int recall_warn = 0;
    for (int i = 0; i < w.n; i++)
        recall_warn += strstr(w.lines[i], "delegate name") != NULL;
    CHECK_INT(recall_warn, 0); /* recall-bo has its es delegate */
    diag_free(&w);

    CHECK_INT(meeting_proposal_quorum(m, -1), 2);
    CHECK_INT(meeting_proposal_quorum(m, 99), 2);
out:
    meeting_free(m);
    diag_free(&d);
}

static void test_method_mistakes(void)
{
    const char *f = "methods-bad.yaml";
    expect_bad(f, 9, 13, "unknown method 'ranked-choise'; did you mean "
               "'ranked-choice'?");
    expect_bad(f, 14, 5, "'seats' is only for approval and stv; proposal "
               "'two' uses method ranked-choice");
    expect_bad(f, 17, 14, "option id 'ana' appears twice in proposal 'two'");
    expect_bad(f, 23, 7, "proposal 'three' has 1 option; give it from 2 to 24");
    expect_bad(f, 28, 11, "unknown rule 'meek'");
    expect_bad(f, 29, 12, "seats '3' must be a whole number from 1 to 1");
    expect_bad(f, 37, 5, "'threshold' is only for yes-no-abstain and recall");
    expect_bad(f, 38, 39, "stand_aside_to_table '3/2' is not a share");
    expect_bad(f, 38, 54, "override '90' is not a share");
    expect_bad(f, 38, 74, "blocks_to_stop '0' must be a whole number from 1");
    expect_bad(f, 42, 13, "proposal 'six' is a recall but names no delegate");
    expect_bad(f, 43, 11, "unknown base 'everyone'");
    expect_bad(f, 49, 13, "choose '1' must be a whole number from 2 to 3");
    expect_bad(f, 50, 18, "min_ballots 'many' must be a whole number");
    expect_bad(f, 51, 13, "quorum '120%' is not a percentage");
    expect_bad(f, 59, 5, "'delegate' is only for recall");
    expect_bad(f, 60, 5, "'consensus' is only for method: consensus");
    expect_bad(f, 61, 5, "'options' is only for approval, ranked-choice, stv and condorcet");
    expect_bad(f, 67, 13, "proposal 'nine' uses stv but has no seats");
    expect_bad(f, 68, 5, "unknown key 'seat' in a proposal; did you mean 'seats'?");
    expect_bad(f, 78, 14, "option id 'A b' may use only a-z, 0-9 and -");
    expect_bad(f, 79, 9, "option 'b' of proposal 'ten' has no name");
    expect_bad(f, 80, 23, "has an empty name of option 'c'");

    /* the count of messages: every mistake, each once */
    diag_list d;
    meeting *m = NULL;
    diag_init(&d);
    CHECK_INT(meeting_load(MEETINGS "methods-bad.yaml", &m, &d), AS_EINVAL);
    CHECK_INT(diag_count(&d), 23);
    diag_free(&d);

    /* approval without options, consensus preset typo, a 25-option list */
    static const char head[] =
        "meeting: {title: T, date: 2026-01-01}\nproposals:\n";
    struct {
        const char *body;
        const char *where, *what;
    } cases[] = {
        {"  - {id: a, title: A, text: A, method: approval}\n", "m.yaml:3:40",
         "proposal 'a' uses approval but has no options"},
        {"  - {id: a, title: A, text: A, method: consensus, consensus: "
         "two-block}\n", "m.yaml:3:62", "unknown consensus preset 'two-block'; "
         "did you mean 'two-blocks'?"},
        {"  - {id: a, title: A, text: A, method: consensus, consensus: [x]}\n",
         "m.yaml:3:62", "consensus must be a preset name"},
        {"  - {id: a, title: A, text: A, method: stv, seats: 1, options: "
         "[{id: a, name: A}, {id: b, name: B}], rule: scottish, choose: 1}\n",
         "m.yaml:3:118", "'choose' is only for approval"},
        {"  - {id: a, title: A, text: A, method: ranked-choice, options: "
         "[{id: a, name: A}, {id: b, name: B}], consensus: {preset: x, "
         "extra: 1}}\n",
         "m.yaml:3:102", "'consensus' is only for method: consensus"},
        {"  - {id: a, title: A, text: A, method: consensus, consensus: "
         "{presett: no-blocks}}\n",
         "m.yaml:3:63", "unknown key 'presett' in consensus; did you mean "
         "'preset'?"},
        {"  - {id: a, title: A, text: A, method: approval, options: x}\n",
         "m.yaml:3:59", "options must be a list"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char yaml[1024];
        snprintf(yaml, sizeof yaml, "%s%s", head, cases[i].body);
        diag_init(&d);
        m = (meeting *)1;
        CHECK_INT(meeting_from_memory("m.yaml", yaml, strlen(yaml),
                                      "name,role,token\nA,attendee,\n", &m, &d),
                  AS_EINVAL);
        CHECK(m == NULL);
        CHECK_MSG(has_diag(&d, cases[i].where, cases[i].what), "case %zu", i);
        if (!has_diag(&d, cases[i].where, cases[i].what))
            for (int j = 0; j < d.n; j++)
                fprintf(stderr, "  diag: %s\n", d.lines[j]);
        diag_free(&d);
    }

    /* 24 options are allowed, 25 are not */
    for (int n = 24; n <= 25; n++) {
        char yaml[4096];
        int len = snprintf(yaml, sizeof yaml, "%s  - id: a\n    title: A\n"
                           "    text: A\n    method: approval\n    options:\n",
                           head);
        for (int o = 0; o < n; o++)
            len += snprintf(yaml + len, sizeof yaml - (size_t)len,
                            "      - {id: o%d, name: O%d}\n", o, o);
        diag_init(&d);
        as_status st = meeting_from_memory("m.yaml", yaml, (size_t)len,
                                           "name,role,token\nA,attendee,\n",
                                           &m, &d);
        CHECK_INT(st, n == 24 ? AS_OK : AS_EINVAL);
        if (n == 24 && m) {
            CHECK_INT(m->props[0].nopts, 24);
            CHECK_INT(m->props[0].seats, 1);
            CHECK_INT(m->props[0].choose, 1);
        }
        if (n == 25)
            CHECK(has_diag(&d, "m.yaml:8:7", "has 25 options; give it from 2 "
                           "to 24"));
        meeting_free(m);
        diag_free(&d);
    }
}

static void test_warnings(void)
{
    diag_list d, w;
    meeting *m = NULL;
    diag_init(&d);
    diag_init(&w);
    CHECK_INT(meeting_load(MEETINGS "warn-missing-es.yaml", &m, &d), AS_OK);
    if (m) {
        CHECK_INT(meeting_warnings(m, &w), 3);
        CHECK(has_diag(&w, MEETINGS "warn-missing-es.yaml:8",
                       "warning: proposal 'coat-drive' has no es text"));
        CHECK(has_diag(&w, MEETINGS "warn-missing-es.yaml:12",
                       "warning: proposal 'mural' has no es title"));
        CHECK(has_diag(&w, MEETINGS "warn-missing-es.yaml",
                       "warning: quorum 50 is more than the 3 people"));
        /* the fallback the warning promises */
        CHECK_STR(meeting_text(m, &m->props[0].text, 1), "Buy coats.");
        CHECK_STR(meeting_text(m, &m->props[0].title, 1), "Abrigos");
    }
    meeting_free(m);
    diag_free(&d);
    diag_free(&w);
}

static const char demo_yaml[] =
    "meeting:\n"
    "  title: Demo assembly\n"
    "  date: 2026-01-01\n"
    "  languages: [en, es]\n"
    "proposals:\n"
    "  - id: demo\n"
    "    title: {en: Try it, ES: Pruébalo}\n"
    "    text: {en: Vote on this., es: Vota esto.}\n"
    "    threshold: three-quarters\n";

static void test_from_memory(void)
{
    diag_list d;
    meeting *m = NULL;
    diag_init(&d);
    CHECK_INT(meeting_from_memory("demo.yaml", demo_yaml, strlen(demo_yaml),
                                  "name,role,token\nAna,facilitator,\nBo,attendee,\n",
                                  &m, &d),
              AS_OK);
    if (m) {
        CHECK_INT(roster_count(m->roster), 2);
        CHECK_INT(roster_facilitators(m->roster), 1);
        CHECK_INT(m->props[0].th.num, 3);
        CHECK_INT(m->props[0].th.den, 4);
        CHECK_STR(m->props[0].th.name, "three-quarters");
        /* language keys in any case */
        CHECK_STR(meeting_text(m, &m->props[0].title, 1), "Pruébalo");
        uint8_t sha[32];
        crypto_hash_sha256(sha, (const unsigned char *)demo_yaml,
                           strlen(demo_yaml));
        CHECK(memcmp(sha, m->sha256, 32) == 0);
    }
    meeting_free(m);
    diag_free(&d);

    /* A bad built-in roster is reported, not loaded. */
    diag_init(&d);
    CHECK_INT(meeting_from_memory("demo.yaml", demo_yaml, strlen(demo_yaml),
                                  "name,role,token\nAna,boss,\n", &m, &d),
              AS_EINVAL);
    CHECK(m == NULL);
    CHECK(has_diag(&d, "roster:2:5", "unknown role 'boss'"));
    diag_free(&d);

    /* Without roster_csv the roster key is required. */
    diag_init(&d);
    CHECK_INT(meeting_from_memory("demo.yaml", demo_yaml, strlen(demo_yaml),
                                  NULL, &m, &d),
              AS_EINVAL);
    CHECK(has_diag(&d, "demo.yaml:2:3", "meeting has no roster"));
    diag_free(&d);
}

/* Every cut of the example file, and the file with one byte changed at
 * many places, either loads or fails with a message; never a crash (ASan
 * and UBSan watch) and never a failure without a message. */
static void test_truncations(void)
{
    size_t len = 0;
    char *yaml = tf_slurp(EXAMPLE, &len);
    size_t rlen = 0;
    char *csv = tf_slurp(AS_EXAMPLES "/roster.csv", &rlen);
    size_t ylen = yaml ? strlen(yaml) : 0;
    int silent = 0, ok = 0, runs = 0;
    CHECK(yaml && csv);
    if (!yaml || !csv)
        goto out;
    for (size_t cut = 0; cut <= ylen; cut += 5) {
        diag_list d;
        meeting *m = NULL;
        diag_init(&d);
        as_status st = meeting_from_memory("cut.yaml", yaml, cut, csv, &m, &d);
        runs++;
        if (st == AS_OK)
            ok++;
        else if (diag_count(&d) == 0 || m)
            silent++;
        meeting_free(m);
        diag_free(&d);
    }
    static const char junk[] = ":-[]{}\"'#&*!|>%@`\t\n ";
    for (size_t at = 0; at < ylen; at += 11) {
        char saved = yaml[at];
        yaml[at] = junk[at % (sizeof junk - 1)];
        diag_list d;
        meeting *m = NULL;
        diag_init(&d);
        as_status st = meeting_from_memory("mut.yaml", yaml, ylen, csv, &m, &d);
        runs++;
        if (st != AS_OK && (diag_count(&d) == 0 || m))
            silent++;
        meeting_free(m);
        diag_free(&d);
        yaml[at] = saved;
    }
    CHECK(runs > 1000);
    CHECK_INT(silent, 0);
    CHECK(ok >= 1); /* at least the whole file */
out:
    free(yaml);
    free(csv);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    test_example();
    test_plain();
    test_bad();
    test_methods();
    test_method_mistakes();
    test_warnings();
    test_from_memory();
    test_truncations();
    return check_done();
}
