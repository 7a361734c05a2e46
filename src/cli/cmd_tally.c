/* cmd_tally.c: `asamblea tally FILE [options]`: counts a ballot file (.blt,
 * PrefLib, .csv) by instant runoff, STV, approval or plurality and prints
 * the round-by-round result as text, RCTab JSON or CSV (docs/tally.md).
 * FILE may also be a kiosk export bundle (a directory): every closed
 * proposal in it is recounted from its ballot list with the meeting
 * file's own method and rules.  This file parses the options; the work
 * is tally_run_file (src/count/tally_run.c) and verify_tally_bundle
 * (src/verify/verify_tally.c), which build the report in memory, so a
 * failure never leaves a partial result on stdout. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "commands.h"
#include "diag.h"
#include "method.h"
#include "opts.h"
#include "tally_run.h"
#include "verify_tally.h"
#include "whole.h"

#define CMD "asamblea tally"

static void usage(FILE *f, int help)
{
    char more[256] = ""; /* the registry's methods that count ballot files */
    size_t used = 0;
    (void)help;
    for (int i = 0; i < METHOD_COUNT; i++)
        if (method_at(i)->tally_file && used < sizeof more)
            used += (size_t)snprintf(more + used, sizeof more - used, "|%s",
                                     method_at(i)->word);
    fprintf(f, "usage: asamblea tally FILE [options]\n"
          "  Counts the ballots in FILE (.blt, PrefLib .soi/.toi/.toc/.soc, or .csv)\n"
          "  and prints the result round by round.  Defaults in [brackets].\n"
          "  FILE may be a kiosk export bundle (a directory): every closed proposal\n"
          "  is recounted by its meeting file's method and rules (text only).\n"
          "  --method irv|stv|approval|plurality%s  [irv; stv for more than one seat]\n"
          "  --seats N          seats to fill [the .blt file's own, else 1]\n"
          "  --rule scottish|rctab   STV rule [scottish: WIGM, 5 decimals]\n"
          "  --quota droop|droop-fractional|hare   rctab rule only [droop]\n"
          "  --decimals D       rctab rule only, 0-9 [4]\n"
          "  --elimination single|batch                   [single]\n"
          "  --continue-until-two   IRV: count on until two candidates remain\n"
          "  --tiebreak previous-round|list-order|random  [previous-round]\n"
          "  --seed N           seed of the draw that breaks remaining ties [0]\n"
          "  --overvote exhaust|skip|exhaust-if-multiple-continuing   [exhaust]\n"
          "  --max-skipped N|unlimited   skipped ranks in a row allowed [unlimited]\n"
          "  --duplicates skip|exhaust   a candidate ranked twice [skip]\n"
          "  --format text|json|csv   text table, RCTab JSON, RCTab-like CSV [text]\n"
          "  --candidates \"A,B,C\"   .csv only: the candidates in list order\n"
          "                       [the order they first appear in the file]\n"
          "Exit status: 0 counted; 2 bad input or options (one line on stderr says\n"
          "which file, line and what to do; nothing on stdout); 1 output failed.\n",
          more);
}

/* split_names: "A, B,C" into a malloc'd array of trimmed names (in one
 * malloc'd copy *copy).  -1 for an empty name. */
static int split_names(const char *list, char **copy, char ***names, int *n)
{
    char *s = strdup(list);
    int cap = 8, k = 0;
    char **v = malloc((size_t)cap * sizeof *v);
    *copy = s;
    *names = v;
    *n = 0;
    if (!s || !v)
        return -2;
    for (char *p = s;;) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        while (*p == ' ')
            p++;
        size_t len = strlen(p);
        while (len && p[len - 1] == ' ')
            p[--len] = '\0';
        if (!len)
            return -1;
        if (k == cap) {
            cap *= 2;
            char **nv = realloc(v, (size_t)cap * sizeof *nv);
            if (!nv)
                return -2;
            *names = v = nv;
        }
        v[k++] = p;
        *n = k;
        if (!comma)
            break;
        p = comma + 1;
    }
    return 0;
}

/* print_diags: the first problem on one line, saying how many more
 * there are (each is reported after this one is fixed). */
static void print_diags(const diag_list *d, const char *path)
{
    int more = diag_count(d) - 1;
    if (d->n > 0)
        fprintf(stderr, "%s", d->lines[0]);
    else
        fprintf(stderr, "%s: cannot read the ballots (out of memory)", path);
    if (more > 0)
        fprintf(stderr, " (and %d more problem%s after this one)", more,
                more == 1 ? "" : "s");
    fputc('\n', stderr);
}

enum {
    K_METHOD = OPTS_LONG, K_RULE, K_QUOTA, K_ELIM, K_TIE, K_OVER, K_DUP, K_FORMAT,
    K_SEATS, K_DEC, K_SEED, K_MAXSKIP, K_CAND, K_CONT, K_PARSE
};

static const char *const methods[] = {"irv", "stv", "approval", "plurality", NULL};
static const char *const rules[] = {"scottish", "rctab", NULL};
static const char *const quotas[] = {"droop", "droop-fractional", "hare", NULL};
static const char *const elims[] = {"single", "batch", NULL};
static const char *const ties[] = {"previous-round", "list-order", "random", NULL};
static const char *const overs[] = {"exhaust", "skip", "exhaust-if-multiple-continuing",
                                    NULL};
static const char *const dups[] = {"skip", "exhaust", NULL};
static const char *const formats[] = {"text", "json", "csv", NULL};

/* The options, in key order (opt_names[key - OPTS_LONG] spells each). */
static const char *const opt_names[] = {
    "method", "rule", "quota", "elimination", "tiebreak", "overvote", "duplicates",
    "format", "seats", "decimals", "seed", "max-skipped", "candidates",
    "continue-until-two", "parse-only"};
static const char *const *const words[] = {methods, rules, quotas, elims,
                                           ties, overs, dups, formats};

typedef struct {
    tally_run_opts r;
    const char *path, *cand_list;
    int counting_set, rule_set, quota_set, dec_set;
    int other_rules; /* a counting rule of the engine (not --seed) */
} tally_args;

/* on_word: an option that takes one of some words. */
static int on_word(tally_args *a, int key, const char *v)
{
    char opt[32];
    rcv_options *o = &a->r.o;
    int k;

    snprintf(opt, sizeof opt, "--%s", opt_names[key - OPTS_LONG]);
    if ((k = opts_word(CMD, opt, v, words[key - OPTS_LONG])) < 0)
        return 2;
    switch (key) {
    case K_METHOD: o->method = (rcv_method)k; a->r.method_set = 1; break;
    case K_RULE: o->rule = (rcv_rule)k; a->rule_set = 1; break;
    case K_QUOTA: o->quota = (rcv_quota)k; a->quota_set = 1; break;
    case K_ELIM: o->elimination = (rcv_elimination)k; break;
    case K_TIE: o->tiebreak = (rcv_tiebreak)k; break;
    case K_OVER: o->overvote = (rcv_overvote)k; break;
    case K_DUP: o->duplicates = (rcv_duplicates)k; break;
    default: a->r.format = (tally_format)k; break;
    }
    return 0;
}

/* on_number: the options that take a whole number. */
static int on_number(tally_args *a, int key, const char *v)
{
    rcv_options *o = &a->r.o;
    int64_t n;

    if (key == K_SEATS && whole_parse(v, RCV_MAX_CAND, &n) && n >= 1) {
        o->seats = (int)n;
        a->r.seats_set = 1;
    } else if (key == K_DEC && whole_parse(v, 9, &n)) {
        o->decimals = (int)n;
        a->dec_set = 1;
    } else if (key == K_SEED && whole_parse(v, INT64_MAX / 10, &n)) {
        o->seed = (uint64_t)n;
    } else if (key == K_MAXSKIP && !strcmp(v, "unlimited")) {
        o->max_skipped = -1;
    } else if (key == K_MAXSKIP && whole_parse(v, 1000000, &n)) {
        o->max_skipped = (int)n;
    } else {
        static const char *const want[] = {
            "a whole number from 1 to ", "a whole number from 0 to 9",
            "a whole number (0 or more)", "a whole number (0 or more) or 'unlimited'"};
        char upto[16] = "";
        if (key == K_SEATS)
            snprintf(upto, sizeof upto, "%d", RCV_MAX_CAND);
        fprintf(stderr, CMD ": --%s '%s' is not %s%s\n", opt_names[key - OPTS_LONG], v,
                want[key - K_SEATS], upto);
        return 2;
    }
    return 0;
}

static int on_opt(void *ud, int key, const char *v)
{
    tally_args *a = ud;
    if (key == OPTS_ARG) {
        if (a->path) {
            fprintf(stderr, CMD ": one ballot file at a time ('%s' and '%s'); run it "
                    "once per file\n", a->path, v);
            return 2;
        }
        a->path = v;
        return 0;
    }
    if (key != K_FORMAT && key != K_CAND)
        a->counting_set = 1;
    if (key != K_FORMAT && key != K_CAND && key != K_METHOD && key != K_SEED)
        a->other_rules = 1;
    if (key == K_CAND) {
        a->cand_list = v;
        return 0;
    }
    if (key == K_METHOD && method_by_word(v) && method_by_word(v)->tally_file) {
        a->r.by = method_by_word(v); /* a method of the registry */
        a->r.method_set = 1;
        return 0;
    }
    return key <= K_FORMAT ? on_word(a, key, v) : on_number(a, key, v);
}

static int parse(int argc, char **argv, tally_args *a)
{
    opts_def defs[K_PARSE - OPTS_LONG + 2];
    const opts_spec spec = {CMD, defs, usage, on_opt, a};
    int n = K_PARSE - OPTS_LONG + 1, rc;

    for (int i = 0; i < n; i++)
        defs[i] = (opts_def){opt_names[i], OPTS_LONG + i, OPTS_VALUE, NULL, NULL, 0};
    defs[K_CONT - OPTS_LONG] = (opts_def){"continue-until-two", K_CONT, OPTS_FLAG, NULL,
                                          &a->r.o.continue_until_two, 0};
    /* hidden: the benchmark's read-only time */
    defs[K_PARSE - OPTS_LONG] = (opts_def){"parse-only", K_PARSE, OPTS_FLAG, NULL,
                                           &a->r.parse_only, 0};
    defs[n] = (opts_def){0};
    if ((rc = opts_parse(&spec, argc, argv)) != 0)
        return rc;
    if (a->r.o.continue_until_two)
        a->counting_set = a->other_rules = 1;
    if (!a->path) {
        usage(stderr, 0);
        return 2;
    }
    if (a->r.by && (a->r.format != TALLY_TEXT || a->r.seats_set || a->rule_set ||
                    a->quota_set || a->dec_set || a->other_rules)) {
        fprintf(stderr, CMD ": --method %s prints text and takes only --seed and "
                "--candidates; leave the other options out\n", a->r.by->word);
        return 2;
    }
    if (a->rule_set && a->r.o.method != RCV_STV) {
        fputs(CMD ": --rule applies to --method stv only; add --method stv or leave "
              "--rule out\n", stderr);
        return 2;
    }
    if ((a->quota_set || a->dec_set) &&
        !(a->r.o.method == RCV_STV && a->r.o.rule == RCV_RULE_RCTAB)) {
        fprintf(stderr, CMD ": %s applies to --method stv --rule rctab only (the "
                "Scottish rule is always Droop, 5 decimals)\n",
                a->quota_set ? "--quota" : "--decimals");
        return 2;
    }
    return 0;
}

/* bundle: the recount of an export bundle into *out. */
static int bundle(const tally_args *a, char **out, size_t *len)
{
    as_err err = {{0}};
    as_status st;
    FILE *mem;

    if (a->counting_set || a->r.format != TALLY_TEXT || a->cand_list || a->r.parse_only) {
        fprintf(stderr, CMD ": %s is an export bundle: its meeting file sets each "
                "proposal's method and rules, and it prints as text; leave the "
                "counting and format options out\n", a->path);
        return 2;
    }
    if (!(mem = open_memstream(out, len))) {
        fputs(CMD ": out of memory\n", stderr);
        return 1;
    }
    st = verify_tally_bundle(a->path, mem, &err);
    if (fclose(mem) != 0 && st == AS_OK)
        st = as_err_set(&err, AS_ENOMEM, CMD ": out of memory");
    if (st != AS_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return st == AS_ENOMEM ? 1 : 2;
    }
    return 0;
}

/* ballot_file: the count of a ballot file into *out. */
static int ballot_file(tally_args *a, char **out, size_t *len)
{
    char *names_store = NULL, **cand = NULL;
    diag_list d;
    as_err err = {{0}};
    int rc = 2;

    diag_init(&d);
    if (a->cand_list) {
        int s = split_names(a->cand_list, &names_store, &cand, &a->r.nnames);
        if (s == -1) {
            fputs(CMD ": --candidates has an empty name; write the names separated "
                  "by commas, e.g. --candidates \"Ana,Luis,Marta\"\n", stderr);
            goto done;
        }
        if (s < 0) {
            fputs(CMD ": out of memory\n", stderr);
            goto done;
        }
        a->r.names = (const char *const *)cand;
    }
    as_status st = tally_run_file(a->path, &a->r, out, len, &d, &err);
    if (st != AS_OK && diag_count(&d))
        print_diags(&d, a->path);
    else if (st != AS_OK)
        fprintf(stderr, "%s\n", err.msg);
    rc = st == AS_OK ? 0 : st == AS_ENOMEM && !diag_count(&d) ? 1 : 2;
done:
    free(cand);
    free(names_store);
    diag_free(&d);
    return rc;
}

int cmd_tally(int argc, char **argv)
{
    tally_args a;
    char *out = NULL;
    size_t len = 0;
    struct stat sb;
    int rc;

    memset(&a, 0, sizeof a);
    rcv_options_default(&a.r.o);
    if ((rc = parse(argc, argv, &a)) != 0)
        return rc < 0 ? 0 : rc;
    if (stat(a.path, &sb) == 0 && S_ISDIR(sb.st_mode))
        rc = bundle(&a, &out, &len);
    else
        rc = ballot_file(&a, &out, &len);
    if (rc == 0 && (fwrite(out, 1, len, stdout) != len || fflush(stdout) != 0)) {
        fprintf(stderr, CMD ": cannot write the result: %s\n", strerror(errno));
        rc = 1;
    }
    free(out);
    return rc;
}
