/* opts.c: the command-line parser of every command (opts.h), on
 * getopt_long, with the messages written once. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "opts.h"

#define OPTS_MAX 40

typedef struct {
    const opts_spec *s;
    struct option lo[OPTS_MAX + 2];
    char shorts[3 + 3 * OPTS_MAX + 2];
    int seen[OPTS_MAX];
    int n;
} parser;

/* def_of: the first definition with that key (aliases share one). */
static int def_of(const parser *p, int key)
{
    for (int i = 0; i < p->n; i++)
        if (p->s->defs[i].key == key)
            return i;
    return -1;
}

static int build(parser *p)
{
    size_t k = 0;

    /* '-': arguments come back in order, as key 1 (OPTS_ARG); ':': a
     * missing value is ':' rather than '?', so it gets its own message. */
    p->shorts[k++] = '-';
    p->shorts[k++] = ':';
    p->shorts[k++] = 'h';
    for (p->n = 0; p->s->defs[p->n].name; p->n++) {
        const opts_def *d = &p->s->defs[p->n];
        if (p->n == OPTS_MAX)
            return -1;
        p->lo[p->n] = (struct option){d->name, d->value ? required_argument : no_argument,
                                      NULL, d->key};
        if (d->key > ' ' && d->key < 127 && !strchr(p->shorts, d->key)) {
            p->shorts[k++] = (char)d->key;
            if (d->value)
                p->shorts[k++] = ':';
        }
    }
    p->lo[p->n] = (struct option){"help", no_argument, NULL, 'h'};
    p->lo[p->n + 1] = (struct option){0, 0, 0, 0};
    p->shorts[k] = '\0';
    return 0;
}

/* spelled: how the user wrote the option: "--name" (without "=value") or
 * "-o", into buf. */
static const char *spelled(char *buf, size_t size, const char *arg, int key)
{
    if (arg && arg[0] == '-' && arg[1] == '-') {
        size_t n = strcspn(arg, "=");
        snprintf(buf, size, "%.*s", (int)(n < size ? n : size - 1), arg);
    } else if (key > ' ' && key < 127) {
        snprintf(buf, size, "-%c", key);
    } else {
        snprintf(buf, size, "%s", arg ? arg : "?");
    }
    return buf;
}

static int refuse(const parser *p, const char *what, const char *opt)
{
    fprintf(stderr, "%s: %s%s%s; see %s --help\n", p->s->cmd,
            opt ? opt : "", opt ? " " : "", what, p->s->cmd);
    return 2;
}

/* one: stores or hands over one option d (index i) with value v. */
static int one(parser *p, int i, const char *v, const char *opt)
{
    const opts_def *d = &p->s->defs[i];

    /* An empty value stored as it is would pass for none; a callback
     * says itself what is wrong with it ("--rotate takes 0, 90..."). */
    if (d->value && !v[0] && d->text)
        return refuse(p, "needs a value", opt);
    if (p->seen[i]++ && !d->repeat) {
        fprintf(stderr, "%s: %s given twice; give it once\n", p->s->cmd, opt);
        return 2;
    }
    if (d->text)
        *d->text = v;
    else if (d->flag)
        *d->flag = 1;
    else if (p->s->on_opt)
        return p->s->on_opt(p->s->ud, d->key, v);
    return 0;
}

/* unknown: the message for getopt's '?': a flag given a value, or an
 * option that does not exist. */
static int unknown(const parser *p, const char *arg)
{
    char opt[64];
    char shortopt[3] = {'-', (char)optopt, '\0'};

    if (arg && !strncmp(arg, "--", 2) && strchr(arg, '=')) {
        spelled(opt, sizeof opt, arg, 0);
        for (int i = 0; i < p->n; i++)
            if (!strcmp(p->s->defs[i].name, opt + 2) && !p->s->defs[i].value)
                return refuse(p, "takes no value", opt);
    }
    fprintf(stderr, "%s: unknown option '%s'; see %s --help\n", p->s->cmd,
            optopt && optopt < 127 ? shortopt : (arg ? arg : "?"), p->s->cmd);
    return 2;
}

int opts_parse(const opts_spec *spec, int argc, char **argv)
{
    parser p;
    char opt[64];
    int c, rc = 0;

    memset(&p, 0, sizeof p);
    p.s = spec;
    if (build(&p) != 0) {
        fprintf(stderr, "%s: too many options (a bug)\n", spec->cmd);
        return 2;
    }
    optind = 0; /* glibc: start afresh, whatever an earlier parse left */
    opterr = 0; /* the messages are ours */
    while (rc == 0 && (c = getopt_long(argc, argv, p.shorts, p.lo, NULL)) != -1) {
        const char *arg = argv[optind - 1];
        if (c == 'h' && def_of(&p, 'h') < 0) {
            spec->usage(stdout, 1);
            return OPTS_HELP;
        } else if (c == OPTS_ARG) {
            rc = spec->on_opt ? spec->on_opt(spec->ud, OPTS_ARG, optarg) : 2;
            if (!spec->on_opt)
                fprintf(stderr, "%s: unexpected argument '%s'; see %s --help\n",
                        spec->cmd, optarg, spec->cmd);
        } else if (c == ':') {
            rc = refuse(&p, "needs a value", spelled(opt, sizeof opt, arg, optopt));
        } else if (c == '?') {
            rc = unknown(&p, arg);
        } else {
            int i = def_of(&p, c);
            /* The value, when separate, is argv[optind - 1]: the option
             * itself is one before it. */
            const char *as = p.s->defs[i].value && optarg == arg && optind >= 2
                                 ? argv[optind - 2] : arg;
            rc = one(&p, i, optarg ? optarg : "", spelled(opt, sizeof opt, as, c));
        }
    }
    /* After "--": the rest are arguments, whatever they look like. */
    for (int i = optind; rc == 0 && i < argc; i++) {
        rc = spec->on_opt ? spec->on_opt(spec->ud, OPTS_ARG, argv[i]) : 2;
        if (!spec->on_opt)
            fprintf(stderr, "%s: unexpected argument '%s'; see %s --help\n",
                    spec->cmd, argv[i], spec->cmd);
    }
    return rc;
}

int opts_collect(void *ud, int key, const char *value)
{
    opts_args *a = ud;
    if (key != OPTS_ARG)
        return 0;
    if (a->max > 0 && a->n == a->max) {
        if (a->max == 1)
            fprintf(stderr, "%s: unexpected argument '%s'; give one %s\n", a->cmd,
                    value, a->what);
        else
            fprintf(stderr, "%s: unexpected argument '%s'; give at most %d %ss\n",
                    a->cmd, value, a->max, a->what);
        return 2;
    }
    if (a->n < (int)(sizeof a->v / sizeof a->v[0]))
        a->v[a->n] = value;
    a->n++;
    return 0;
}

int opts_word(const char *cmd, const char *opt, const char *s,
              const char *const *words)
{
    for (int i = 0; words[i]; i++)
        if (!strcmp(s, words[i]))
            return i;
    fprintf(stderr, "%s: %s '%s' is not one of ", cmd, opt, s);
    for (int i = 0; words[i]; i++)
        fprintf(stderr, "%s%s", i ? (words[i + 1] ? ", " : " or ") : "", words[i]);
    fprintf(stderr, "; see %s --help\n", cmd);
    return -1;
}
