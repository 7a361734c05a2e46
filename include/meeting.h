/* meeting.h: the meeting model, loaded from the organizer's YAML meeting
 * file (schema in docs/meeting-file.md) with libyaml.  Plain data: the
 * kiosk and the tools read it, nothing writes it after loading. */
#ifndef AS_MEETING_H
#define AS_MEETING_H

#include <stdint.h>
#include "diag.h"
#include "roster.h"
#include "status.h"

#define MEETING_MAX_LANGS 8
#define MEETING_ID_MAX 64
#define MEETING_MAX_CHOICES 8
#define MEETING_MAX_OPTIONS 24 /* options/candidates of one proposal */
#define MEETING_MAX_RANKS 12   /* ranks a kiosk ballot can hold */

/* The caps on a meeting file (docs/meeting-file.md, "Limits"): far beyond
 * any real assembly, and low enough that a hostile or mistaken file is
 * refused within a few megabytes and a fraction of a second. */
#define MEETING_MAX_BYTES (16u * 1024 * 1024)   /* the file itself */
#define MEETING_MAX_EXPANDED_BYTES (16u * 1024 * 1024) /* its text, every
                                                   alias written out */
#define MEETING_MAX_NODES 100000  /* keys, texts, lists, aliases written out */
#define MEETING_MAX_DEPTH 20      /* nested lists and mappings (6 are used) */
#define MEETING_MAX_ANCHORS 1000  /* &name anchors */
#define MEETING_MAX_PROPOSALS 200
/* Characters (not bytes) of one language's text: titles, option names,
 * delegate names and the meeting's title are short by nature; a
 * proposal's text may run to a few pages (16,000 characters of up to 4
 * bytes each still fit the kiosk's 64 KB reflow buffer, ui_internal.h). */
#define MEETING_MAX_TITLE_CHARS 300
#define MEETING_MAX_TEXT_CHARS 16000

/* How a proposal is decided (docs/voting-methods.md): one value per line
 * of the registry, include/method_list.h (METHOD_YES_NO_ABSTAIN,
 * METHOD_CONSENSUS, METHOD_APPROVAL, METHOD_IRV [ranked-choice],
 * METHOD_STV, METHOD_RECALL, ...).  Everything that differs by method is
 * in the method's own file (include/method.h). */
typedef enum {
#define METHOD_ENTRY(e, name) METHOD_##e,
#include "method_list.h"
#undef METHOD_ENTRY
    METHOD_COUNT
} vote_method;

/* What a threshold's fraction is taken of: yes + no (abstentions shown
 * but not counted, Robert's Rules; the default) or every ballot cast. */
typedef enum { BASE_YES_NO = 0, BASE_ALL_BALLOTS = 1 } threshold_base;

/* Choice indices for consensus ballots, as stored. */
enum { CONSENSUS_AGREE = 0, CONSENSUS_STAND_ASIDE = 1, CONSENSUS_BLOCK = 2 };

/* A consensus rule: with B blocks, S stand-asides, A agrees, N = A+S+B:
 *   - blocked when B >= blocks_to_stop (>= 1; 1 = "passes with no
 *     blocks"), unless override_den > 0 and
 *     (A + S) * override_den >= override_num * N ("a block can be
 *     overridden by that share of non-blocking ballots");
 *   - otherwise tabled when table_den > 0 and
 *     S * table_den >= table_num * N ("tabled if a third or more stand
 *     aside");
 *   - otherwise passes when A >= 1. */
typedef struct {
    int blocks_to_stop;
    int table_num, table_den;       /* 0/0: never tabled */
    int override_num, override_den; /* 0/0: blocks cannot be overridden */
    char preset[32];                /* the preset's name as written, or "" */
} consensus_rule;


/* What votes (the meeting file's `credentials:`): the badge itself, or
 * anonymous voting cards drawn at the desk (badges then only check people
 * in).  Default CRED_BADGES. */
typedef enum { CRED_BADGES = 0, CRED_CARDS = 1 } credentials_kind;

/* Choice indices for yes-no-abstain ballots, as stored. */
enum { CHOICE_YES = 0, CHOICE_NO = 1, CHOICE_ABSTAIN = 2 };

/* A threshold: the proposal passes when yes / (yes + no) is at least
 * num/den, or strictly more than num/den when strict is set ("majority" is
 * 1/2 strict).  Abstentions never count toward the base. */
typedef struct {
    int num;
    int den;
    int strict;
    char name[32]; /* as written: "majority", "two-thirds", "3/5" */
} threshold;

/* Text in each of the meeting's languages; NULL where the file gave none
 * (meeting_text falls back to the first language). */
typedef struct {
    char *s[MEETING_MAX_LANGS];
} ltext;

/* One option of an approval or ranked ballot: a candidate or a choice. */
typedef struct {
    char id[MEETING_ID_MAX]; /* [a-z0-9-], unique in the proposal */
    ltext name;
} option;

typedef struct {
    char id[MEETING_ID_MAX];
    ltext title;
    ltext text;
    vote_method method;
    threshold th;         /* yes-no-abstain and recall */
    threshold_base base;  /* yes-no-abstain and recall */
    int quorum;           /* people present needed for this proposal; -1:
                             the meeting's quorum (meeting_proposal_quorum) */
    int quorum_percent;   /* 1: quorum is a percentage of the roster
                             ("quorum: 30%"), resolved by
                             meeting_proposal_quorum */
    int min_ballots;      /* ballots needed for a valid result; 0: none */
    consensus_rule cons;  /* consensus */
    int nopts;            /* approval, ranked-choice, stv */
    option *opts;
    int choose;           /* approval: most options one ballot may approve */
    int seats;            /* approval, stv: winners; ranked-choice: 1 */
    int stv_rule;         /* stv: 0 Scottish (default), 1 RCTab (rcv_rule) */
    ltext delegate;       /* recall: who would be recalled */
    int line; /* where the proposal starts in the meeting file */
} proposal;

typedef struct meeting_s {
    char *path;          /* the meeting file as given */
    uint8_t sha256[32];  /* of the file's bytes: ties a data dir to it */
    char *title;
    char date[16];       /* YYYY-MM-DD */
    int nlangs;
    char langs[MEETING_MAX_LANGS][8]; /* ISO 639-1 codes; [0] is the default */
    char *roster_path;   /* resolved relative to the meeting file */
    int quorum;          /* absolute number, or ... */
    int quorum_percent;  /* ... percent of the roster (one of the two is 0) */
    int idle_seconds;    /* "Still voting?" after this much inactivity (90) */
    int still_seconds;   /* then back to idle after this much more (30) */
    char *export_dir;    /* facilitator export target; NULL if none */
    credentials_kind credentials; /* `credentials: badges | cards` */
    int nprops;
    proposal *props;
    roster *roster;      /* loaded from roster_path */
} meeting;

/* meeting_load: reads and validates path and its roster.  Every error
 * (YAML syntax, unknown or missing key, duplicate proposal id, unknown
 * method, bad threshold, missing translation for the default language,
 * roster errors...) goes to diag as "file:line:col: message" and the
 * result is AS_EINVAL (AS_ENOENT for a missing meeting file) with *out
 * NULL.  On AS_OK the caller owns *out. */
as_status meeting_load(const char *path, meeting **out, diag_list *diag);

/* meeting_from_memory: the same, from a buffer (used for the built-in
 * demo); name is used in diagnostics and roster_csv is the roster's
 * content (NULL: roster path from the YAML).  Never touches the disk when
 * roster_csv is given. */
as_status meeting_from_memory(const char *name, const char *yaml, size_t len,
                              const char *roster_csv, meeting **out,
                              diag_list *diag);

/* meeting_free: NULL allowed. */
void meeting_free(meeting *m);

/* meeting_lang_index: index of code in m->langs, or -1. */
int meeting_lang_index(const meeting *m, const char *code);

/* meeting_text: t in language lang (an index), falling back to the
 * default language.  Never NULL ("" if nothing at all). */
const char *meeting_text(const meeting *m, const ltext *t, int lang);

/* meeting_find: the proposal with that id, or -1. */
int meeting_find(const meeting *m, const char *id);

/* meeting_quorum: the number of checked-in attendees needed, resolving a
 * percentage against the roster size (rounded up).  0 means no quorum. */
int meeting_quorum(const meeting *m);

/* meeting_proposal_quorum: people present needed for proposal i: its own
 * `quorum` when given, else meeting_quorum.  0 means none. */
int meeting_proposal_quorum(const meeting *m, int i);

/* meeting_warnings: adds to warn one "file:line: warning: ..." line for
 * each thing in a loaded meeting that works but is probably a mistake: a
 * proposal without a title or text in one of the non-default languages
 * (the kiosk falls back to the default language), option names or a
 * recall's delegate missing in one of them, a ranked proposal with more
 * options than a ballot can rank, a quorum larger than the roster.  Returns how many were added; never fails. */
int meeting_warnings(const meeting *m, diag_list *warn);

#endif
