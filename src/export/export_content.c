/* export_content.c: what goes into each file of the bundle
 * (docs/export-format.md), built in memory from the meeting and the
 * store.  Nothing here touches the disk or prints: the output depends only
 * on the meeting, the ballots (sorted by their random ids), the figures
 * recorded when each proposal closed, the event log and the key, never on
 * cast order or time. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "export_internal.h"
#include "record.h"
#include "tally.h"

typedef struct {
    char **lines;
    size_t n, cap;
    int oom, bad;
} line_list;

static as_status collect_line(void *ud, const uint8_t id[BALLOT_ID_SIZE],
                              const char *choice, size_t cn)
{
    line_list *l = ud;
    char line[RECORD_TEXT_LINE_MAX];
    size_t n = record_ballot_text_line(id, choice, cn, line, sizeof line);
    if (n == 0) {
        l->bad = 1;
        return AS_ECORRUPT;
    }
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        void *v = realloc(l->lines, cap * sizeof *l->lines);
        if (!v) {
            l->oom = 1;
            return AS_ENOMEM;
        }
        l->lines = v;
        l->cap = cap;
    }
    if (!(l->lines[l->n] = malloc(n + 1))) {
        l->oom = 1;
        return AS_ENOMEM;
    }
    memcpy(l->lines[l->n], line, n + 1);
    l->n++;
    return AS_OK;
}

static int line_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static xfile *add_file(xfiles *f, const char *name)
{
    return xfiles_add(f, name);
}

/* closed_proposal: ballots/<id>.txt and the figures of a closed proposal,
 * with its whole count (f->res, from the ballot texts).  The list is
 * recomputed from the ballots and must give the root the `closed` event
 * recorded: whatever happened to ballots.db since (a damaged disk, a
 * file copied in), a bundle never states a root the room was not
 * shown. */
static as_status closed_proposal(const proposal *p, store *s, int quorum, xfiles *files,
                                 export_figures *f, as_err *err)
{
    line_list l = {0};
    char name[sizeof files->v[0].name];
    uint8_t(*leaves)[RECORD_HASH_SIZE] = NULL;
    uint8_t root[RECORD_HASH_SIZE];
    tally_counter *t = NULL;
    as_status st;
    xfile *x;

    if ((st = store_closed_info(s, p->id, &f->checked_in, f->root, err)) != AS_OK)
        return st;
    if ((st = store_each_ballot_text(s, p->id, collect_line, &l, err)) != AS_OK) {
        if (l.oom)
            st = as_err_set(err, AS_ENOMEM, "export: out of memory reading the ballots");
        else if (l.bad)
            st = as_err_set(err, AS_ECORRUPT,
                            "ballots.db: a ballot of proposal '%s' is malformed; "
                            "the data directory is damaged, keep a copy and "
                            "report it", p->id);
        goto done;
    }
    /* Bytewise order of the lines is the format's, whatever the store's. */
    if (l.n) /* a closed vote with no ballot: lines is NULL */
        qsort(l.lines, l.n, sizeof *l.lines, line_cmp);
    if (l.n && !(leaves = malloc(l.n * sizeof *leaves))) {
        st = as_err_set(err, AS_ENOMEM, "export: out of memory");
        goto done;
    }
    if ((st = tally_counter_new(p, &t)) != AS_OK) {
        st = as_err_set(err, AS_ENOMEM, "export: out of memory");
        goto done;
    }
    snprintf(name, sizeof name, "ballots/%s.txt", p->id);
    if (!(x = add_file(files, name))) {
        st = as_err_set(err, AS_ENOMEM, "export: out of memory");
        goto done;
    }
    for (size_t i = 0; i < l.n; i++) {
        size_t n = strlen(l.lines[i]);
        const char *text = l.lines[i] + 2 * RECORD_ID_SIZE + 1;
        if (i > 0 && strncmp(l.lines[i - 1], l.lines[i], 2 * RECORD_ID_SIZE) == 0) {
            st = as_err_set(err, AS_ECORRUPT,
                            "ballots.db: two ballots of proposal '%s' share an id; the "
                            "data directory is damaged, keep a copy and report it", p->id);
            goto done;
        }
        st = tally_counter_add(t, text, n - 2 * RECORD_ID_SIZE - 1);
        if (st == AS_ENOMEM) {
            st = as_err_set(err, AS_ENOMEM, "export: out of memory");
            goto done;
        }
        if (st != AS_OK) {
            st = as_err_set(err, AS_ECORRUPT,
                            "ballots.db: a ballot of proposal '%s' is not a choice "
                            "its method offers; the data directory does not match "
                            "the meeting file, keep a copy and report it", p->id);
            goto done;
        }
        record_leaf_hash(l.lines[i], n, leaves[i]);
        xbuf_add(&x->data, l.lines[i], n);
        xbuf_add(&x->data, "\n", 1);
    }
    record_merkle_root(leaves, l.n, root);
    if (sodium_memcmp(root, f->root, RECORD_HASH_SIZE) != 0) {
        st = as_err_set(err, AS_ECORRUPT,
                        "ballots.db: the ballots of proposal '%s' are not the ones "
                        "counted when it closed (the root differs); the data directory "
                        "is damaged or was altered, keep a copy and report it", p->id);
        goto done;
    }
    int ci = f->checked_in > INT32_MAX ? INT32_MAX : (int)f->checked_in;
    if ((st = tally_counter_finish(t, ci, quorum, root, &f->res, err)) != AS_OK)
        goto done;
    f->ballots = (int64_t)l.n;
    f->yes = p->nopts == 0 ? f->res->counts[CHOICE_YES] : 0;
    f->no = p->nopts == 0 ? f->res->counts[CHOICE_NO] : 0;
    f->abstain = p->nopts == 0 ? f->res->counts[CHOICE_ABSTAIN] : 0;
    f->quorum = quorum;
done:
    tally_counter_free(t);
    free(leaves);
    for (size_t i = 0; i < l.n; i++)
        free(l.lines[i]);
    free(l.lines);
    return st;
}

static void put_readme(xbuf *b, const meeting *m)
{
    const char *example = m->nprops ? m->props[0].id : "PROPOSAL";
    xbuf_printf(b,
        "Results of: %s (%s)\n"
        "Written by asamblea, the voting kiosk of the assembly.\n"
        "\n"
        "WHAT IS IN THIS FOLDER\n"
        "\n"
        "meeting.yaml    The meeting file exactly as the kiosk used it: the\n"
        "                proposals, their texts and how many votes each needs.\n"
        "results.txt     The results: for each closed proposal how many people\n"
        "                were checked in, how many voted yes, no and abstain,\n"
        "                whether it passed, and the fingerprint (root) of its\n"
        "                ballot list.\n"
        "attendance.txt  How many people are on the roster, how many were still\n"
        "                checked in at the export, and how many checked in at\n"
        "                any time (people who voted and left early count).\n"
        "ballots/        One file per closed proposal, one line per ballot:\n"
        "                a random ballot number and the choice (yes, no or\n"
        "                abstain). Nothing says who voted, when, or in what\n"
        "                order: the lines are sorted by the random number.\n"
        "events.log      What happened, in order, without anything about any\n"
        "                person: voting opened, closed, exports made.\n"
        "results.csv     The results for spreadsheets.\n"
        "results.json    The results for computer programs.\n"
        "device.pub      The kiosk's public key (device.pem: the same for openssl).\n"
        "manifest.txt    A checksum of every other file.\n"
        "manifest.sig    The kiosk's signature of manifest.txt.\n"
        "\n"
        "Proposals still open or not yet voted on have no counts and no ballot\n"
        "file: results are only written once a vote is closed.\n"
        "\n"
        "HOW TO RECOUNT BY HAND\n"
        "\n"
        "1. Open a file in the ballots folder, for example ballots/%s.txt,\n"
        "   with a text editor or a spreadsheet.\n"
        "2. Count the lines that end in \"yes\", the lines that end in \"no\"\n"
        "   and the lines that end in \"abstain\".\n"
        "3. Compare the three numbers with the yes, no and abstain lines of\n"
        "   that proposal in results.txt. They must be equal, and the number\n"
        "   of lines must equal its ballots line.\n"
        "4. Check the outcome: abstentions do not count. With threshold a/b\n"
        "   more-than the proposal passes when yes x b > a x (yes + no); with\n"
        "   at-least when yes x b >= a x (yes + no). No proposal passes when\n"
        "   fewer people were checked in than the quorum, or when nobody voted\n"
        "   yes or no.\n"
        "\n"
        "HOW TO CHECK NOTHING WAS CHANGED\n"
        "\n"
        "In this folder, with standard tools:\n"
        "\n"
        "  sha256sum -c manifest.txt\n"
        "  printf 'asamblea-export/v1\\n' | cat - manifest.txt > signed.bin\n"
        "  openssl pkeyutl -verify -pubin -inkey device.pem -rawin \\\n"
        "      -in signed.bin -sigfile manifest.sig\n"
        "\n"
        "The first must say OK for every file, the second \"Signature Verified\n"
        "Successfully\". Then compare the ballot-list codes shown on the screen when\n"
        "each vote closed with the roots: asamblea verify does all of this.\n",
        m->title ? m->title : "", m->date, example);
    int others = 0;
    for (int i = 0; i < m->nprops; i++)
        others |= !export_is_v1_block(&m->props[i]);
    if (others)
        xbuf_puts(b,
            "\n"
            "OTHER VOTING METHODS\n"
            "\n"
            "Consensus ballots say agree, stand-aside or block. Approval ballots\n"
            "list the approved options' ids separated by commas; ranked ballots\n"
            "list the ranked options' ids separated by '>', first choice first;\n"
            "'none' is a ballot that marks nothing. For these proposals\n"
            "results.txt gives the rule, the counts per choice or option, the\n"
            "winners and any tie, and for ranked choice and STV every round of\n"
            "the count. Count the lines of an approval list per option, or the\n"
            "first choices of a ranked list, and compare; the rounds follow the\n"
            "rules explained in the asamblea documentation (voting-methods.md,\n"
            "export-format.md), and asamblea verify redoes the whole count.\n");
}

static void free_figures(export_figures *f, int n)
{
    for (int i = 0; f && i < n; i++)
        tally_result_free(f[i].res);
    free(f);
}

as_status export_build(const meeting *m, const char *meeting_bytes,
                       size_t meeting_len, int quorum_needed, int roster_size,
                       store *s, const uint8_t pk[32], xfiles *out, int *nclosed,
                       as_err *err)
{
    export_figures *f = NULL;
    export_attendance att = {0};
    char *txt = NULL;
    size_t txtlen = 0;
    char hex[65];
    xfile *x;
    as_status st = AS_OK;

    *nclosed = 0;
    att.roster = roster_size < 0 ? 0 : roster_size;
    att.quorum = quorum_needed < 0 ? 0 : quorum_needed;
    if ((st = store_checked_in_count(s, &att.checked_in, err)) != AS_OK ||
        (st = store_attended_count(s, &att.attended, err)) != AS_OK)
        return st;
    if (m->nprops > 0 && !(f = calloc((size_t)m->nprops, sizeof *f)))
        return as_err_set(err, AS_ENOMEM, "export: out of memory");

    if (!(x = add_file(out, "meeting.yaml")))
        goto oom;
    xbuf_add(&x->data, meeting_bytes, meeting_len);

    for (int i = 0; i < m->nprops; i++) {
        if ((st = store_proposal_state(s, m->props[i].id, &f[i].state, err)) != AS_OK)
            goto done;
        f[i].quorum = export_proposal_quorum(m, i, att.quorum, att.roster);
        if (f[i].state != PROP_CLOSED)
            continue;
        if ((st = closed_proposal(&m->props[i], s, f[i].quorum, out, &f[i], err)) !=
            AS_OK)
            goto done;
        (*nclosed)++;
    }

#define RENDER(NAME, CALL)                                     \
    do {                                                       \
        if ((st = (CALL)) != AS_OK)                            \
            goto done;                                         \
        if (!(x = add_file(out, NAME))) {                      \
            free(txt);                                         \
            goto oom;                                          \
        }                                                      \
        xbuf_add(&x->data, txt, txtlen);                       \
        free(txt);                                             \
        txt = NULL;                                            \
    } while (0)
    RENDER("results.txt", export_render_results_txt(m, f, &txt, &txtlen, err));
    RENDER("attendance.txt", export_render_attendance_txt(&att, &txt, &txtlen, err));
    RENDER("results.csv", export_render_results_csv(m, f, &att, &txt, &txtlen, err));
    RENDER("results.json", export_render_results_json(m, f, &att, &txt, &txtlen, err));
#undef RENDER

    if (!(x = add_file(out, "README.txt")))
        goto oom;
    put_readme(&x->data, m);
    if ((st = export_kiosk_lists(m, f, s, out, err)) != AS_OK)
        goto done;

    if (!(x = add_file(out, "device.pub")))
        goto oom;
    record_hex(pk, 32, hex);
    xbuf_printf(&x->data, "%s\n", hex);
    if (!(x = add_file(out, "device.pem")))
        goto oom;
    {
        /* SubjectPublicKeyInfo of an Ed25519 key (RFC 8410): a fixed DER
         * prefix and the 32 key bytes; 44 bytes, one base64 line. */
        static const uint8_t spki[12] = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03,
                                         0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
        uint8_t der[44];
        char b64[sodium_base64_ENCODED_LEN(44, sodium_base64_VARIANT_ORIGINAL)];
        memcpy(der, spki, sizeof spki);
        memcpy(der + sizeof spki, pk, 32);
        sodium_bin2base64(b64, sizeof b64, der, sizeof der, sodium_base64_VARIANT_ORIGINAL);
        xbuf_printf(&x->data, "-----BEGIN PUBLIC KEY-----\n%s\n-----END PUBLIC KEY-----\n",
                    b64);
    }

    for (int i = 0; i < out->n; i++)
        if (out->v[i].data.oom)
            goto oom;
done:
    free_figures(f, m->nprops);
    return st;
oom:
    free_figures(f, m->nprops);
    return as_err_set(err, AS_ENOMEM, "export: out of memory building the export");
}

static as_status put_event(void *ud, const char *text, size_t n, const uint8_t hash[32])
{
    xbuf *b = ud;
    char hex[65];
    record_hex(hash, 32, hex);
    xbuf_add(b, text, n);
    xbuf_printf(b, " %s\n", hex);
    return b->oom ? AS_ENOMEM : AS_OK;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(((const xfile *)a)->name, ((const xfile *)b)->name);
}

as_status export_seal(xfiles *out, store *s, const uint8_t sk[64], as_err *err)
{
    xfile *x;
    xbuf man;
    as_status st;
    int nfiles;

    if (!(x = add_file(out, "events.log")))
        return as_err_set(err, AS_ENOMEM, "export: out of memory");
    if ((st = store_each_event(s, put_event, &x->data, err)) != AS_OK) {
        if (st == AS_ENOMEM)
            as_err_set(err, AS_ENOMEM, "export: out of memory");
        return st;
    }
    /* Sorted by path as strcmp orders bytes: the manifest's order. */
    qsort(out->v, (size_t)out->n, sizeof *out->v, name_cmp);
    nfiles = out->n;
    xbuf_init(&man);
    for (int i = 0; i < nfiles; i++) {
        uint8_t h[32];
        char hex[65];
        crypto_hash_sha256(h, (const unsigned char *)(out->v[i].data.p ? out->v[i].data.p : ""),
                           out->v[i].data.len);
        record_hex(h, 32, hex);
        xbuf_printf(&man, "%s  %s\n", hex, out->v[i].name);
    }
    if (man.oom || !(x = add_file(out, "manifest.txt"))) {
        xbuf_free(&man);
        return as_err_set(err, AS_ENOMEM, "export: out of memory");
    }
    x->data = man; /* handed over */
    {
        uint8_t sig[crypto_sign_BYTES];
        const xbuf *mb = &out->v[out->n - 1].data;
        /* Ed25519 over domain || manifest (pure, not the prehashed
         * crypto_sign_init API: openssl -rawin checks pure Ed25519). */
        size_t dl = sizeof RECORD_SIG_DOMAIN - 1;
        unsigned char *msg = malloc(dl + mb->len + 1);
        if (!msg)
            return as_err_set(err, AS_ENOMEM, "export: out of memory");
        memcpy(msg, RECORD_SIG_DOMAIN, dl);
        if (mb->len)
            memcpy(msg + dl, mb->p, mb->len);
        crypto_sign_detached(sig, NULL, msg, dl + mb->len, sk);
        free(msg);
        if (!(x = add_file(out, "manifest.sig")))
            return as_err_set(err, AS_ENOMEM, "export: out of memory");
        xbuf_add(&x->data, (const char *)sig, sizeof sig);
        if (x->data.oom)
            return as_err_set(err, AS_ENOMEM, "export: out of memory");
    }
    return AS_OK;
}
