/* opts.h: the one command-line option parser of the asamblea commands,
 * on getopt_long.  A command describes its options in a table; values and
 * flags go straight into the command's variables, or through a callback
 * when they need checking (a number, one of some words, a repeatable
 * option).  Every refusal is one line on stderr that starts with the
 * command's name and says what to do, and a non-zero status:
 *   asamblea export: unknown option '--frob'; see asamblea export --help
 *   asamblea export: --data needs a value; see asamblea export --help
 *   asamblea export: --data given twice; give it once
 *   asamblea tally: --parse-only takes no value; see asamblea tally --help
 * Options and arguments may come in any order; "--name=value" works as
 * well as "--name value"; "--" ends the options.  -h and --help print the
 * command's help to stdout. */
#ifndef AS_OPTS_H
#define AS_OPTS_H

#include <stdio.h>

enum {
    OPTS_FLAG = 0,  /* --name, no value */
    OPTS_VALUE = 1, /* --name VALUE: a value is required (an empty one is
                     * refused when stored in text; on_opt judges its own) */
    OPTS_ARG = 1,   /* the key of a positional argument in on_opt */
    OPTS_HELP = -1, /* opts_parse: the help was printed; exit 0 */
    OPTS_LONG = 256 /* first key for options with no one-letter form */
};

typedef struct {
    const char *name;  /* "data" for --data; NULL ends the table */
    int key;           /* 'o' for -o as well, else OPTS_LONG + n; aliases
                        * (--out and -o) share a key */
    int value;         /* OPTS_FLAG or OPTS_VALUE */
    const char **text; /* if set, the value is stored here */
    int *flag;         /* if set, set to 1 when the flag is given */
    int repeat;        /* may be given more than once (else "given twice") */
} opts_def;

typedef struct {
    const char *cmd;      /* "asamblea export": starts every message */
    const opts_def *defs; /* at most 40 */
    /* usage: the command's usage; help = 1 for -h/--help (to stdout). */
    void (*usage)(FILE *f, int help);
    /* on_opt: every option with neither text nor flag, and every
     * positional argument (key OPTS_ARG), in command-line order.  Returns
     * 0, or the exit status after printing what is wrong. */
    int (*on_opt)(void *ud, int key, const char *value);
    void *ud;
} opts_spec;

/* opts_parse: parses argv[1..argc-1] (argv[0] is the command's name) as
 * spec says.  Returns 0 when all is well, OPTS_HELP after printing the
 * help (the command then exits 0), or the exit status (2, or on_opt's)
 * after one line on stderr.  Reentrant between calls (getopt is reset). */
int opts_parse(const opts_spec *spec, int argc, char **argv);

/* The positional arguments of a command that takes a few: set on_opt to
 * opts_collect and ud to an opts_args.  With max > 0, one more than max
 * is refused: "CMD: unexpected argument 'X'; give one WHAT" (max 1) or
 * "...; give at most MAX WHATs"; with max 0 they are only counted. */
typedef struct {
    const char *cmd;  /* "asamblea badges" */
    const char *what; /* "roster" */
    int max;
    int n;            /* how many there were */
    const char *v[4]; /* the first four */
} opts_args;

/* opts_collect: the on_opt for an opts_args ud (options given to it are
 * ignored).  0, or 2 after the message. */
int opts_collect(void *ud, int key, const char *value);

/* opts_word: the index of s in the NULL-terminated words, or -1 after
 * "CMD: OPT 'S' is not one of a, b or c; see CMD --help" on stderr. */
int opts_word(const char *cmd, const char *opt, const char *s,
              const char *const *words);

#endif
