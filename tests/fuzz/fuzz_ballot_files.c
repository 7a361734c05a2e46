/* fuzz_ballot_files.c: libFuzzer harness for the ballot files `asamblea
 * tally FILE` reads: .blt, PrefLib (.soi/.toi/.soc/.toc) and CSV, the CSV
 * with and without a --candidates list.
 *
 * Input: byte 0 picks the format (its extension) and the counting method,
 * byte 1 the counting options, the rest is the file.  The file is written
 * to a temporary folder and read through bfile_read_list, the streaming
 * reader tally uses; the in-memory reader (bfile_parse_*) must agree with
 * it exactly.  A small accepted ballot set is then counted with rcv_count
 * and printed in the three report formats, as tally would.
 *
 * The reader must return on any bytes; the count must respect rcv.h. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ballot_file.h"
#include "fuzz_mem.h"
#include "rcv.h"
#include "rcv_report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Counting is only tried on ballot sets this small, so each input stays
 * fast; the readers themselves see every size. */
#define COUNT_MAX_CAND 48
#define COUNT_MAX_RECORDS 2000

/* tmpfs when there is one: a file per input on a disk made the target
 * I/O-bound (300 inputs/s instead of thousands). */
static char dir[64];

/* Remove the temporary folder when the fuzzer exits normally. */
static void cleanup(void)
{
    static const char *const ext[] = {"blt", "soi", "toi", "soc", "toc", "csv", "CSV"};
    char path[64];
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
        snprintf(path, sizeof path, "%s/ballots.%s", dir, ext[i]);
        unlink(path);
    }
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(dir, sizeof dir, "%s/asamblea-fuzz-XXXXXX", base);
    if (!mkdtemp(dir))
        abort();
    atexit(cleanup);
    return 0;
}

/* same_ballots: the streaming and in-memory readers gave the same set. */
static int same_ballots(const rcv_ballots *a, const rcv_ballots *b)
{
    if (a->ncand != b->ncand || a->n != b->n || a->nmark != b->nmark ||
        a->seats != b->seats || (!a->title != !b->title) ||
        (a->title && strcmp(a->title, b->title)) ||
        rcv_ballots_total(a) != rcv_ballots_total(b))
        return 0;
    for (int i = 0; i < a->ncand; i++)
        if (strcmp(a->cand[i], b->cand[i]) ||
            (!a->withdrawn != !b->withdrawn) ||
            (a->withdrawn && a->withdrawn[i] != b->withdrawn[i]))
            return 0;
    return (a->n == 0 || (!memcmp(a->weight, b->weight, (size_t)a->n * sizeof *a->weight) &&
                          !memcmp(a->off, b->off, ((size_t)a->n + 1) * sizeof *a->off))) &&
           (a->nmark == 0 || !memcmp(a->mark, b->mark, a->nmark * sizeof *a->mark));
}

/* check_ballots: the set respects rcv.h's layout. */
static void check_ballots(const rcv_ballots *b)
{
    int64_t total = 0;
    if (b->ncand < 0 || b->ncand > RCV_MAX_CAND || b->n < 0)
        abort();
    for (int64_t i = 0; i < b->n; i++) {
        if (b->weight[i] < 1 || b->off[i] > b->off[i + 1])
            abort();
        total += b->weight[i];
        for (uint32_t k = b->off[i]; k < b->off[i + 1]; k++) {
            rcv_mark m = b->mark[k];
            if (m != RCV_SKIP && m != RCV_OVERVOTE &&
                (m & ~RCV_SAME_RANK) >= (unsigned)b->ncand)
                abort();
        }
    }
    if (b->n > 0 && b->off[b->n] != b->nmark)
        abort();
    if (total != rcv_ballots_total(b))
        abort();
}

/* count: what `tally` does with an accepted file, under the options in
 * the selector bytes. */
static void count(const rcv_ballots *b, uint8_t s0, uint8_t s1)
{
    rcv_options o;
    rcv_options_default(&o);
    o.method = (rcv_method)((s0 >> 3) & 3);
    o.rule = (s0 & 0x20) ? RCV_RULE_RCTAB : RCV_RULE_SCOTTISH;
    o.tiebreak = (rcv_tiebreak)(((s0 >> 6) & 3) % 3);
    o.quota = (rcv_quota)((s1 & 3) % 3);
    o.elimination = (s1 & 4) ? RCV_ELIM_BATCH : RCV_ELIM_SINGLE;
    o.continue_until_two = (s1 >> 3) & 1;
    o.overvote = (rcv_overvote)(((s1 >> 4) & 3) % 3);
    o.duplicates = (s1 & 0x40) ? RCV_DUP_EXHAUST : RCV_DUP_SKIP;
    o.max_skipped = (s1 & 0x80) ? 1 : -1;
    o.seed = s0 ^ ((uint64_t)s1 << 8);
    /* As cmd_tally: a .blt file's seats count for STV; IRV fills one. */
    if (o.method == RCV_STV || o.method == RCV_APPROVAL)
        o.seats = b->seats > 0 ? b->seats : 1 + (s1 & 1);
    else
        o.seats = 1;
    if (o.method == RCV_STV && o.rule == RCV_RULE_SCOTTISH)
        o.decimals = 5;

    rcv_result *r = NULL;
    as_err err;
    if (rcv_count(b, &o, &r, &err) != AS_OK) {
        if (r)
            abort();
        return;
    }
    if (!r || r->ncand != b->ncand || r->total != rcv_ballots_total(b) ||
        r->nwinners < 0 || r->nwinners > b->ncand || r->nrounds < 0)
        abort();
    for (int i = 0; i < r->nwinners; i++) {
        if (r->winners[i] < 0 || r->winners[i] >= b->ncand)
            abort();
        for (int j = 0; j < i; j++)
            if (r->winners[i] == r->winners[j])
                abort();
    }
    report_info info = {NULL, "ballots"};
    for (int fmt = 0; fmt < 3; fmt++) {
        char *out = NULL;
        size_t outlen = 0;
        FILE *f = open_memstream(&out, &outlen);
        if (!f)
            break;
        if (fmt == 0)
            report_text(f, b, &o, r, &info, &err);
        else if (fmt == 1)
            report_json(f, b, r, &info, &err);
        else
            report_csv(f, b, r, &info, &err);
        fclose(f);
        free(out);
    }
    rcv_result_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const ext[] = {"blt", "soi", "toi", "soc", "toc", "csv", "csv", "CSV"};
    static const char *const names[] = {"Ana", "Luis", "Marta", "Pepe"};
    if (size < 2)
        return 0;
    int which = data[0] & 7;
    const char *const *list = which == 6 ? names : NULL;
    const uint8_t *file = data + 2;
    size_t n = size - 2;

    char path[64];
    snprintf(path, sizeof path, "%s/ballots.%s", dir, ext[which]);
    FILE *f = fopen(path, "wb");
    if (!f || (n && fwrite(file, 1, n, f) != n) || fclose(f) != 0)
        abort();

    rcv_ballots *b = NULL, *mb = NULL;
    diag_list diag, mdiag;
    diag_init(&diag);
    diag_init(&mdiag);
    fuzz_mem_begin();
    as_status st = bfile_read_list(path, BFILE_AUTO, list, list ? 4 : 0, &b, &diag);
    fuzz_mem_end(n, "bfile_read_list");
    if (st == AS_OK ? !b : (b || diag_count(&diag) == 0))
        abort();

    /* The in-memory reader, on an exact-size copy (ASan sees overreads). */
    char *buf = malloc(n ? n : 1);
    if (!buf)
        abort();
    memcpy(buf, file, n);
    as_status mst;
    const char *name = strrchr(path, '/') + 1; /* same extension: PrefLib reads it */
    if (which == 0)
        mst = bfile_parse_blt(name, buf, n, &mb, &mdiag);
    else if (which < 5)
        mst = bfile_parse_preflib(name, buf, n, &mb, &mdiag);
    else
        mst = bfile_parse_csv_list(name, buf, n, list, list ? 4 : 0, &mb, &mdiag);
    if (mst != st || diag_count(&mdiag) != diag_count(&diag) ||
        (st == AS_OK && !same_ballots(b, mb)))
        abort();

    if (st == AS_OK) {
        check_ballots(b);
        if (b->ncand <= COUNT_MAX_CAND && b->n <= COUNT_MAX_RECORDS)
            count(b, data[0], data[1]);
    }
    rcv_ballots_free(b);
    rcv_ballots_free(mb);
    diag_free(&diag);
    diag_free(&mdiag);
    free(buf);
    return 0;
}
