/* cmd_tally.c: `asamblea tally FILE [options]`: counts a ballot file (.blt,
 * PrefLib, .csv) by instant runoff, STV, approval or plurality and prints
 * the round-by-round result as text, RCTab JSON or CSV (docs/tally.md).
 * FILE may also be a kiosk export bundle (a directory): every closed
 * proposal in it is recounted from its ballot list with the meeting
 * file's own method and rules.
 * The report is built in memory and written only when the whole count
 * succeeded, so a failure never leaves a partial result on stdout. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "ballot_file.h"
#include "cli_util.h"
#include "commands.h"
#include "diag.h"
#include "export.h"
#include "file_read.h"
#include "meeting.h"
#include "method.h"
#include "rcv.h"
#include "rcv_report.h"
#include "tally.h"
#include "verify.h"

typedef enum { FMT_TEXT = 0, FMT_JSON, FMT_CSV } out_format;

static void usage(FILE *f)
{
    char more[256] = ""; /* the registry's methods that count ballot files */
    size_t used = 0;
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

/* pick: the index of s in the NULL-terminated words, or -1. */
static int pick(const char *s, const char *const *words)
{
    for (int i = 0; words[i]; i++)
        if (!strcmp(s, words[i]))
            return i;
    return -1;
}

static int bad_word(const char *opt, const char *val, const char *const *words)
{
    fprintf(stderr, "asamblea tally: %s '%s' is not one of ", opt, val);
    for (int i = 0; words[i]; i++)
        fprintf(stderr, "%s%s", i ? (words[i + 1] ? ", " : " or ") : "", words[i]);
    fputs("; see asamblea tally --help\n", stderr);
    return 2;
}

/* whole: a non-negative whole number no greater than max, or -1. */
static long long whole(const char *s, long long max)
{
    long long v = 0;
    if (!*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        v = v * 10 + (*s - '0');
        if (v > max)
            return -1;
    }
    return v;
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

/* ---- a kiosk export bundle ------------------------------------------- */

/* read_whole: path's bytes (NUL-terminated), or NULL after one line on
 * stderr.  The file must be a regular file (a symlink, FIFO or device in
 * a bundle is refused without blocking: file_read_regular), at most
 * VERIFY_FILE_MAX bytes, and all the files read for one bundle together at
 * most VERIFY_BUNDLE_MAX (*budget: what is left), as `asamblea verify`
 * reads them; sizes count a sparse file's holes. */
static char *read_whole(const char *path, size_t *len, size_t *budget)
{
    char *buf = NULL;
    as_err err;
    as_err_clear(&err);
    size_t max = *budget < VERIFY_FILE_MAX ? *budget : VERIFY_FILE_MAX;
    as_status st = file_read_regular(path, FILE_NOFOLLOW, max, "bundle file", &buf,
                                     len, &err);
    if (st == AS_ENOENT) {
        fprintf(stderr, "%s: missing; is this a complete export bundle?\n", path);
        return NULL;
    }
    if (st == AS_EINVAL && max < VERIFY_FILE_MAX) {
        fprintf(stderr, "%s: the bundle's files pass the %zu MiB a bundle may hold; "
                        "this is not an asamblea export bundle\n",
                path, (size_t)(VERIFY_BUNDLE_MAX >> 20));
        return NULL;
    }
    if (st != AS_OK) {
        fprintf(stderr, "%s: %s; run asamblea verify on the bundle\n", path, err.msg);
        return NULL;
    }
    *budget -= *len;
    return buf;
}

/* print_proposal: one recounted proposal as text into f. */
static int print_proposal(FILE *f, const meeting *m, const proposal *p,
                          const verify_result *x, const tally_result *res)
{
    const char *title = meeting_text(m, &p->title, 0);
    char shown[1024]; /* the title as printed: escaped */
    diag_escape(shown, sizeof shown, title ? title : "");
    fprintf(f, "== %s: %s\n", p->id, shown);
    fprintf(f, "Ballots: %lld (%d present at the close, quorum %d)\n",
            (long long)res->ballots, res->checked_in, res->quorum_needed);
    if (method_of(p->method)->print(f, m, p, res) != 0)
        return -1;
    fprintf(f, "Recounted outcome: %s (results.txt says: %s)\n\n",
            export_outcome_word(p, res->verdict), x->v1 ? (x->passed ? "passed" : "not-passed")
                                                       : x->outcome);
    return 0;
}

/* tally_bundle: recounts every closed proposal of the export bundle dir
 * into mem.  Returns 0, or 2 after one line on stderr. */
static int tally_bundle(const char *dir, FILE *mem)
{
    static const char empty_roster[] = "name,role,token\n";
    char path[4200];
    char *ybuf = NULL, *rbuf = NULL;
    size_t ylen = 0, rlen = 0;
    meeting *m = NULL;
    verify_results vr = {0};
    diag_list d;
    as_err err = {{0}};
    int rc = 2, have_vr = 0;
    size_t budget = VERIFY_BUNDLE_MAX;

    diag_init(&d);
    snprintf(path, sizeof path, "%s/meeting.yaml", dir);
    if (!(ybuf = read_whole(path, &ylen, &budget)))
        goto done;
    if (meeting_from_memory(path, ybuf, ylen, empty_roster, &m, &d) != AS_OK) {
        print_diags(&d, path);
        goto done;
    }
    snprintf(path, sizeof path, "%s/results.txt", dir);
    if (!(rbuf = read_whole(path, &rlen, &budget)))
        goto done;
    if (verify_results_parse(rbuf, rlen, path, &vr, &err) != AS_OK) {
        fprintf(stderr, "%s\n", err.msg);
        goto done;
    }
    have_vr = 1;
    char title_shown[1024];
    diag_escape(title_shown, sizeof title_shown, m->title ? m->title : "");
    fprintf(mem, "Meeting: %s (%s)\nBundle:  %s\n\n", title_shown, m->date, dir);
    for (int k = 0; k < m->nprops; k++) {
        const proposal *p = &m->props[k];
        int i = verify_results_find(&vr, p->id);
        if (i < 0 || vr.r[i].state != VERIFY_CLOSED) {
            fprintf(mem, "== %s: not closed; no ballots to count\n\n", p->id);
            continue;
        }
        const verify_result *x = &vr.r[i];
        char *bbuf;
        size_t blen = 0;
        verify_ballots vb;
        snprintf(path, sizeof path, "%s/ballots/%s.txt", dir, p->id);
        if (!(bbuf = read_whole(path, &blen, &budget)))
            goto done;
        if (verify_ballots_parse_method(bbuf, blen, path, (int)p->method, &vb, &err) !=
            AS_OK) {
            fprintf(stderr, "%s\n", err.msg);
            free(bbuf);
            goto done;
        }
        tally_counter *t = NULL;
        tally_result *res = NULL;
        int line = 0, bad = 0;
        if (tally_counter_new(p, &t) != AS_OK) {
            fprintf(stderr, "%s: out of memory\n", path);
            free(bbuf);
            goto done;
        }
        for (char *s = bbuf; *s && !bad;) {
            char *nl = strchr(s, '\n');
            size_t n = nl ? (size_t)(nl - s) : strlen(s);
            line++;
            /* "<32 hex> <choice>": verify_ballots_parse_method checked it */
            if (n > 33 && tally_counter_add(t, s + 33, n - 33) != AS_OK) {
                fprintf(stderr, "%s:%d: not a ballot proposal %s allows; the bundle "
                                "is damaged: run asamblea verify on it\n", path, line, p->id);
                bad = 1;
            }
            s = nl ? nl + 1 : s + n;
        }
        free(bbuf);
        int ci = x->checked_in > INT32_MAX ? INT32_MAX : (int)x->checked_in;
        int q = x->quorum > INT32_MAX ? INT32_MAX : (int)x->quorum;
        if (!bad && tally_counter_finish(t, ci, q, vb.root, &res, &err) != AS_OK) {
            fprintf(stderr, "%s: cannot be counted: %s\n", path, err.msg);
            bad = 1;
        }
        tally_counter_free(t);
        if (bad) {
            tally_result_free(res);
            goto done;
        }
        int prc = print_proposal(mem, m, p, x, res);
        tally_result_free(res);
        if (prc) {
            fputs("asamblea tally: out of memory\n", stderr);
            rc = 1;
            goto done;
        }
    }
    rc = 0;
done:
    if (have_vr)
        verify_results_free(&vr);
    meeting_free(m);
    free(ybuf);
    free(rbuf);
    diag_free(&d);
    return rc;
}

/* tally_by_method: counts b by a method of the registry (method.h's
 * tally_file; the draw's seed is --seed) and prints its text report.
 * Returns the exit status. */
static int tally_by_method(const method_def *md, const rcv_ballots *b,
                           const rcv_options *o, int format, int rules_set,
                           const char *path)
{
    rcv_options def;
    rcv_options_default(&def);
    if (format != FMT_TEXT || rules_set || o->continue_until_two ||
        o->elimination != def.elimination || o->tiebreak != def.tiebreak ||
        o->overvote != def.overvote || o->max_skipped != def.max_skipped ||
        o->duplicates != def.duplicates) {
        fprintf(stderr, "asamblea tally: --method %s prints text and takes only "
                        "--seed and --candidates; leave the other options out\n",
                md->word);
        return 2;
    }
    xbuf out;
    as_err err = {{0}};
    xbuf_init(&out);
    as_status st = md->tally_file(b, o->seed, &out, &err);
    int rc = 0;
    if (st != AS_OK || out.oom) {
        fprintf(stderr, "%s: %s\n", path, err.msg[0] ? err.msg : "out of memory");
        rc = st == AS_EINVAL ? 2 : 1;
    } else if (fwrite(out.p, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
        fprintf(stderr, "asamblea tally: cannot write the result: %s\n", strerror(errno));
        rc = 1;
    }
    xbuf_free(&out);
    return rc;
}

int cmd_tally(int argc, char **argv)
{
    static const char *const methods[] = {"irv", "stv", "approval", "plurality", NULL};
    static const char *const rules[] = {"scottish", "rctab", NULL};
    static const char *const quotas[] = {"droop", "droop-fractional", "hare", NULL};
    static const char *const elims[] = {"single", "batch", NULL};
    static const char *const ties[] = {"previous-round", "list-order", "random", NULL};
    static const char *const overs[] = {"exhaust", "skip",
                                        "exhaust-if-multiple-continuing", NULL};
    static const char *const dups[] = {"skip", "exhaust", NULL};
    static const char *const formats[] = {"text", "json", "csv", NULL};
    rcv_options o;
    const method_def *file_method = NULL;
    const char *path = NULL, *cand_list = NULL;
    int format = FMT_TEXT, parse_only = 0, rule_set = 0, quota_set = 0,
        dec_set = 0, seats_set = 0, counting_set = 0, method_set = 0, rc = 2;
    rcv_ballots *b = NULL;
    rcv_result *r = NULL;
    char *names_store = NULL, **names = NULL, *out = NULL;
    size_t outlen = 0;
    int nnames = 0;
    diag_list d;
    as_err err = {{0}};

    rcv_options_default(&o);
    diag_init(&d);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *val = NULL;
        char opt[40];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            rc = 0;
            goto done;
        }
        if (a[0] != '-' || !a[1]) {
            if (path) {
                fprintf(stderr, "asamblea tally: one ballot file at a time ('%s' and "
                                "'%s'); run it once per file\n", path, a);
                goto done;
            }
            path = a;
            continue;
        }
        /* --opt=value or --opt value */
        const char *eq = strchr(a, '=');
        size_t ol = eq ? (size_t)(eq - a) : strlen(a);
        if (ol >= sizeof opt) {
            fprintf(stderr, "asamblea tally: unknown option '%s'; see asamblea tally --help\n", a);
            goto done;
        }
        memcpy(opt, a, ol);
        opt[ol] = '\0';
        if (!strcmp(opt, "--continue-until-two") || !strcmp(opt, "--parse-only")) {
            if (eq) {
                fprintf(stderr, "asamblea tally: %s takes no value\n", opt);
                goto done;
            }
            if (opt[2] == 'c') {
                o.continue_until_two = 1;
                counting_set = 1;
            }
            else
                parse_only = 1; /* hidden: the benchmark's read-only time */
            continue;
        }
        static const char *const with_value[] = {
            "--method", "--seats", "--rule", "--quota", "--decimals", "--elimination",
            "--tiebreak", "--seed", "--overvote", "--max-skipped", "--duplicates",
            "--format", "--candidates", NULL};
        if (pick(opt, with_value) < 0) {
            fprintf(stderr, "asamblea tally: unknown option '%s'; see asamblea tally --help\n", a);
            goto done;
        }
        if (eq)
            val = eq + 1;
        else if (i + 1 < argc)
            val = argv[++i];
        else {
            fprintf(stderr, "asamblea tally: %s needs a value; see asamblea tally --help\n", opt);
            goto done;
        }
        int k;
        long long n;
        if (strcmp(opt, "--format") && strcmp(opt, "--candidates"))
            counting_set = 1;
        if (!strcmp(opt, "--method")) {
            if ((k = pick(val, methods)) < 0) {
                /* a method of the registry that counts ballot files */
                file_method = method_by_word(val);
                if (!file_method || !file_method->tally_file) {
                    rc = bad_word(opt, val, methods);
                    goto done;
                }
                k = RCV_IRV;
            }
            o.method = (rcv_method)k;
            method_set = 1;
        } else if (!strcmp(opt, "--rule")) {
            if ((k = pick(val, rules)) < 0) {
                rc = bad_word(opt, val, rules);
                goto done;
            }
            o.rule = (rcv_rule)k;
            rule_set = 1;
        } else if (!strcmp(opt, "--quota")) {
            if ((k = pick(val, quotas)) < 0) {
                rc = bad_word(opt, val, quotas);
                goto done;
            }
            o.quota = (rcv_quota)k;
            quota_set = 1;
        } else if (!strcmp(opt, "--elimination")) {
            if ((k = pick(val, elims)) < 0) {
                rc = bad_word(opt, val, elims);
                goto done;
            }
            o.elimination = (rcv_elimination)k;
        } else if (!strcmp(opt, "--tiebreak")) {
            if ((k = pick(val, ties)) < 0) {
                rc = bad_word(opt, val, ties);
                goto done;
            }
            o.tiebreak = (rcv_tiebreak)k;
        } else if (!strcmp(opt, "--overvote")) {
            if ((k = pick(val, overs)) < 0) {
                rc = bad_word(opt, val, overs);
                goto done;
            }
            o.overvote = (rcv_overvote)k;
        } else if (!strcmp(opt, "--duplicates")) {
            if ((k = pick(val, dups)) < 0) {
                rc = bad_word(opt, val, dups);
                goto done;
            }
            o.duplicates = (rcv_duplicates)k;
        } else if (!strcmp(opt, "--format")) {
            if ((k = pick(val, formats)) < 0) {
                rc = bad_word(opt, val, formats);
                goto done;
            }
            format = k;
        } else if (!strcmp(opt, "--seats")) {
            if ((n = whole(val, RCV_MAX_CAND)) < 1) {
                fprintf(stderr, "asamblea tally: --seats '%s' is not a whole number "
                                "from 1 to %d\n", val, RCV_MAX_CAND);
                goto done;
            }
            o.seats = (int)n;
            seats_set = 1;
        } else if (!strcmp(opt, "--decimals")) {
            if ((n = whole(val, 9)) < 0) {
                fprintf(stderr, "asamblea tally: --decimals '%s' is not a whole number "
                                "from 0 to 9\n", val);
                goto done;
            }
            o.decimals = (int)n;
            dec_set = 1;
        } else if (!strcmp(opt, "--seed")) {
            if ((n = whole(val, INT64_MAX / 10)) < 0) {
                fprintf(stderr, "asamblea tally: --seed '%s' is not a whole number "
                                "(0 or more)\n", val);
                goto done;
            }
            o.seed = (uint64_t)n;
        } else if (!strcmp(opt, "--max-skipped")) {
            if (!strcmp(val, "unlimited")) {
                o.max_skipped = -1;
            } else if ((n = whole(val, 1000000)) < 0) {
                fprintf(stderr, "asamblea tally: --max-skipped '%s' is not a whole "
                                "number (0 or more) or 'unlimited'\n", val);
                goto done;
            } else {
                o.max_skipped = (int)n;
            }
        } else { /* --candidates */
            cand_list = val;
        }
    }
    if (!path) {
        usage(stderr);
        goto done;
    }
    if (rule_set && o.method != RCV_STV) {
        fputs("asamblea tally: --rule applies to --method stv only; add --method stv "
              "or leave --rule out\n", stderr);
        goto done;
    }
    if ((quota_set || dec_set) && !(o.method == RCV_STV && o.rule == RCV_RULE_RCTAB)) {
        fprintf(stderr, "asamblea tally: %s applies to --method stv --rule rctab only "
                        "(the Scottish rule is always Droop, 5 decimals)\n",
                quota_set ? "--quota" : "--decimals");
        goto done;
    }
    if (cand_list) {
        int s = split_names(cand_list, &names_store, &names, &nnames);
        if (s == -1) {
            fputs("asamblea tally: --candidates has an empty name; write the names "
                  "separated by commas, e.g. --candidates \"Ana,Luis,Marta\"\n", stderr);
            goto done;
        }
        if (s < 0) {
            fputs("asamblea tally: out of memory\n", stderr);
            goto done;
        }
    }

    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        if (counting_set || format != FMT_TEXT || cand_list || parse_only) {
            fprintf(stderr, "asamblea tally: %s is an export bundle: its meeting file "
                            "sets each proposal's method and rules, and it prints as "
                            "text; leave the counting and format options out\n", path);
            goto done;
        }
        FILE *bm = open_memstream(&out, &outlen);
        if (!bm) {
            fputs("asamblea tally: out of memory\n", stderr);
            rc = 1;
            goto done;
        }
        rc = tally_bundle(path, bm);
        if (fclose(bm) != 0 && rc == 0) {
            fputs("asamblea tally: out of memory\n", stderr);
            rc = 1;
        }
        if (rc == 0 && (fwrite(out, 1, outlen, stdout) != outlen || fflush(stdout) != 0)) {
            fprintf(stderr, "asamblea tally: cannot write the result: %s\n",
                    strerror(errno));
            rc = 1;
        }
        goto done;
    }
    as_status st = bfile_read_list(path, BFILE_AUTO, (const char *const *)names,
                                   names ? nnames : 0, &b, &d);
    if (st != AS_OK) {
        print_diags(&d, path);
        goto done;
    }
    if (parse_only) {
        printf("%s: %lld ballots in %lld records, %d candidates\n", path,
               (long long)rcv_ballots_total(b), (long long)b->n, b->ncand);
        rc = 0;
        goto done;
    }
    if (file_method) {
        rc = tally_by_method(file_method, b, &o, format, seats_set || rule_set ||
                             quota_set || dec_set, path);
        goto done;
    }
    /* Without --method, more than one seat (given, or the .blt file's own)
     * can only mean an STV election: IRV fills one seat. */
    if (!method_set && (seats_set ? o.seats : b->seats) > 1)
        o.method = RCV_STV;
    if (!seats_set && o.method != RCV_STV && o.method != RCV_APPROVAL)
        o.seats = 1; /* a .blt file's seats are for STV; IRV fills one */
    if (o.method == RCV_STV && o.rule == RCV_RULE_SCOTTISH)
        o.decimals = 5;
    st = rcv_count(b, &o, &r, &err);
    if (st != AS_OK) {
        fprintf(stderr, "%s: %s\n", path,
                err.msg[0] ? err.msg : "the ballots cannot be counted (out of memory)");
        goto done;
    }

    FILE *mem = open_memstream(&out, &outlen);
    if (!mem) {
        fputs("asamblea tally: out of memory\n", stderr);
        rc = 1;
        goto done;
    }
    const char *base = strrchr(path, '/');
    report_info info = {b->title ? NULL : (base ? base + 1 : path), path};
    if (format == FMT_JSON)
        st = report_json(mem, b, r, &info, &err);
    else if (format == FMT_CSV)
        st = report_csv(mem, b, r, &info, &err);
    else
        st = report_text(mem, b, &o, r, &info, &err);
    if (fclose(mem) != 0 && st == AS_OK)
        st = AS_ENOMEM;
    if (st != AS_OK) {
        fprintf(stderr, "asamblea tally: %s\n", err.msg[0] ? err.msg : "out of memory");
        rc = 1;
        goto done;
    }
    if (fwrite(out, 1, outlen, stdout) != outlen || fflush(stdout) != 0) {
        fprintf(stderr, "asamblea tally: cannot write the result: %s\n", strerror(errno));
        rc = 1;
        goto done;
    }
    rc = 0;
done:
    free(out);
    free(names);
    free(names_store);
    rcv_result_free(r);
    rcv_ballots_free(b);
    diag_free(&d);
    return rc;
}
