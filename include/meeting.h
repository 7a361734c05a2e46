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

typedef enum { METHOD_YES_NO_ABSTAIN = 0 } vote_method;

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

typedef struct {
    char id[MEETING_ID_MAX];
    ltext title;
    ltext text;
    vote_method method;
    threshold th;
    int line; /* where the proposal starts in the meeting file */
} proposal;

typedef struct {
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

/* meeting_warnings: adds to warn one "file:line: warning: ..." line for
 * each thing in a loaded meeting that works but is probably a mistake: a
 * proposal without a title or text in one of the non-default languages
 * (the kiosk falls back to the default language), a quorum larger than
 * the roster.  Returns how many were added; never fails. */
int meeting_warnings(const meeting *m, diag_list *warn);

#endif
