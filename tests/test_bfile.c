/* test_bfile.c: the CSV and PrefLib ballot readers and bfile_read's
 * dispatch: what each accepts, and that every kind of bad input is one
 * "file:line: ..." diagnostic, AS_EINVAL and no ballot set.  Reading a
 * file streams it in 64 KiB chunks: files of several chunks, with lines
 * and quoted CSV cells across the chunk edges, must give exactly what the
 * same bytes give from memory, diagnostics and line numbers included. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ballot_file.h"
#include "check.h"

static const char *marks_str(const rcv_ballots *b, int64_t i, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    for (uint32_t k = b->off[i]; k < b->off[i + 1]; k++) {
        rcv_mark m = b->mark[k];
        char tok[16];
        if (m == RCV_SKIP)
            snprintf(tok, sizeof tok, "_");
        else if (m == RCV_OVERVOTE)
            snprintf(tok, sizeof tok, "OV");
        else
            snprintf(tok, sizeof tok, "%d", m & ~RCV_SAME_RANK);
        n += (size_t)snprintf(buf + n, size - n, "%s%s",
                              k == b->off[i] ? "" : (m & RCV_SAME_RANK) && m != RCV_SKIP
                                                        && m != RCV_OVERVOTE ? "=" : " ",
                              tok);
    }
    return buf;
}

/* find_record: the weight of the record written as s, or 0. */
static int64_t weight_of(const rcv_ballots *b, const char *s)
{
    char buf[256];
    for (int64_t i = 0; i < b->n; i++)
        if (!strcmp(marks_str(b, i, buf, sizeof buf), s))
            return b->weight[i];
    return 0;
}

static void csv_good(void)
{
    const char *csv =
        "\xEF\xBB\xBF" "ballot_id,rank1,rank2,rank3,rank4\r\n"
        "1,Ana|Luis,,Marta,\r\n"
        "2,Luis,Ana,Marta,Pepe\r\n"
        "3,\"Marta\",undervote,overvote,UWI\r\n"
        "4,Luis,Ana,Marta,Pepe\r\n"
        "5,,,,\r\n"
        "6,\"Per \"\"Pepe\"\" Gil, Jr\",Ana\n";
    rcv_ballots *b = NULL;
    diag_list d;
    diag_init(&d);
    CHECK_INT(bfile_parse_csv("x.csv", csv, strlen(csv), &b, &d), AS_OK);
    CHECK_INT(diag_count(&d), 0);
    if (!b)
        return;
    /* First-seen order: Ana Luis Marta Pepe "Undeclared Write-ins" Per... */
    CHECK_INT(b->ncand, 6);
    CHECK_STR(b->cand[0], "Ana");
    CHECK_STR(b->cand[1], "Luis");
    CHECK_STR(b->cand[2], "Marta");
    CHECK_STR(b->cand[3], "Pepe");
    CHECK_STR(b->cand[4], "Undeclared Write-ins");
    CHECK_STR(b->cand[5], "Per \"Pepe\" Gil, Jr");
    CHECK_INT(rcv_ballots_total(b), 6);
    CHECK_INT(weight_of(b, "0=1 _ 2"), 1);   /* overvote, skip, trailing skip dropped */
    CHECK_INT(weight_of(b, "1 0 2 3"), 2);   /* two equal rows merged */
    CHECK_INT(weight_of(b, "2 _ OV 4"), 1);  /* ES&S labels */
    CHECK_INT(weight_of(b, ""), 1);          /* all skipped: a blank ballot */
    CHECK_INT(weight_of(b, "5 0"), 1);       /* RFC 4180 quoting, short row */
    rcv_ballots_free(b);
    diag_free(&d);
}

static void csv_count_and_list(void)
{
    const char *csv = "count,r1,r2\n3,B,A\n2,A,\n";
    const char *list[] = {"A", "B", "C"};
    rcv_ballots *b = NULL;
    diag_list d;
    diag_init(&d);
    CHECK_INT(bfile_parse_csv_list("c.csv", csv, strlen(csv), list, 3, &b, &d), AS_OK);
    if (b) {
        CHECK_INT(b->ncand, 3);
        CHECK_STR(b->cand[2], "C");
        CHECK_INT(rcv_ballots_total(b), 5);
        CHECK_INT(weight_of(b, "1 0"), 3);
        CHECK_INT(weight_of(b, "0"), 2);
    }
    rcv_ballots_free(b);
    b = NULL;
    diag_free(&d);
    /* A name outside the list is an error at its line. */
    const char *csv2 = "count,r1,r2\n3,B,A\n2,D,\n";
    CHECK_INT(bfile_parse_csv_list("c.csv", csv2, strlen(csv2), list, 3, &b, &d),
              AS_EINVAL);
    CHECK(b == NULL);
    CHECK_INT(diag_count(&d), 1);
    if (d.n)
        CHECK_MSG(!strncmp(d.lines[0], "c.csv:3: unknown candidate 'D'", 30), "%s",
                  d.lines[0]);
    diag_free(&d);
}

/* expect_error: buf must fail with exactly one diagnostic starting prefix. */
static void expect_error(int preflib, const char *name, const char *buf,
                         const char *prefix)
{
    rcv_ballots *b = (rcv_ballots *)1;
    diag_list d;
    diag_init(&d);
    as_status st = preflib ? bfile_parse_preflib(name, buf, strlen(buf), &b, &d)
                           : bfile_parse_csv(name, buf, strlen(buf), &b, &d);
    CHECK_INT(st, AS_EINVAL);
    CHECK(b == NULL);
    CHECK_MSG(d.n >= 1 && !strncmp(d.lines[0], prefix, strlen(prefix)),
              "got '%s', expected it to start '%s'", d.n ? d.lines[0] : "(none)", prefix);
    diag_free(&d);
}

static void csv_bad(void)
{
    expect_error(0, "a.csv", "rank1,rank2\nA,B\nA,B,C\n", "a.csv:3: this row has 3 cells");
    expect_error(0, "a.csv", "count,rank1\n2,A\n0,B\n", "a.csv:3: the count '0'");
    expect_error(0, "a.csv", "count,rank1\n-2,A\n", "a.csv:2: the count '-2'");
    expect_error(0, "a.csv", "count,rank1\nx,A\n", "a.csv:2: the count 'x'");
    expect_error(0, "a.csv", "rank1\n\"A\n", "a.csv:2: a quoted cell is never closed");
    expect_error(0, "a.csv", "rank1\nA\"B\n", "a.csv:2: a \" inside");
    expect_error(0, "a.csv", "rank1\nA||B\n", "a.csv:2: rank 1 joins an empty name");
    expect_error(0, "a.csv", "", "a.csv: the file is empty");
    expect_error(0, "a.csv", "count\n", "a.csv:1: the header has no rank columns");
}

static const char *toi =
    "# FILE NAME: t.toi\n"
    "# TITLE: Test election\n"
    "# NUMBER ALTERNATIVES: 3\n"
    "# NUMBER VOTERS: 10\n"
    "# NUMBER UNIQUE ORDERS: 3\n"
    "# ALTERNATIVE NAME 1: Ana\n"
    "# ALTERNATIVE NAME 2: Luis\n"
    "# ALTERNATIVE NAME 3: Marta\n"
    "5: 1,2\n"
    "3: {2,3},1\n"
    "2: 3\n";

static void preflib_good(void)
{
    rcv_ballots *b = NULL;
    diag_list d;
    diag_init(&d);
    CHECK_INT(bfile_parse_preflib("t.toi", toi, strlen(toi), &b, &d), AS_OK);
    CHECK_INT(diag_count(&d), 0);
    if (b) {
        CHECK_INT(b->ncand, 3);
        CHECK_STR(b->cand[1], "Luis");
        CHECK_STR(b->title, "Test election");
        CHECK_INT(rcv_ballots_total(b), 10);
        CHECK_INT(weight_of(b, "0 1"), 5);
        CHECK_INT(weight_of(b, "1=2 0"), 3);
        CHECK_INT(weight_of(b, "2"), 2);
    }
    rcv_ballots_free(b);
    diag_free(&d);
}

static void preflib_bad(void)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s4: 1,4\n", toi);
    expect_error(1, "t.toi", buf, "t.toi:12: unknown candidate number 4");
    /* The counts now add up to 14, not the 10 stated on line 4. */
    snprintf(buf, sizeof buf, "%s4: 1\n", toi);
    expect_error(1, "t.toi", buf, "t.toi:4: the rankings' counts add up to 14");
    snprintf(buf, sizeof buf, "%s0: 1\n", toi);
    expect_error(1, "t.toi", buf, "t.toi:12: a ranking line is 'count: ranking'");
    snprintf(buf, sizeof buf, "%s1: {1,2\n", toi);
    expect_error(1, "t.toi", buf, "t.toi:12: a '{' group is not closed");
    expect_error(1, "n.soi", "# NUMBER ALTERNATIVES: 2\n# ALTERNATIVE NAME 1: A\n1: 1\n",
                 "n.soi: alternative 2 has no name");
}

static void read_dispatch(void)
{
    char dir[] = "/tmp/as-bfile-XXXXXX", path[256];
    diag_list d;
    rcv_ballots *b = NULL;
    if (!mkdtemp(dir)) {
        CHECK(0);
        return;
    }
    snprintf(path, sizeof path, "%s/ballots.TOI", dir);
    FILE *f = fopen(path, "w");
    fputs(toi, f);
    fclose(f);
    diag_init(&d);
    CHECK_INT(bfile_read(path, BFILE_AUTO, &b, &d), AS_OK);
    CHECK(b && rcv_ballots_total(b) == 10);
    rcv_ballots_free(b);
    b = NULL;
    diag_free(&d);
    /* A list with a PrefLib file is refused. */
    const char *list[] = {"Ana"};
    CHECK_INT(bfile_read_list(path, BFILE_AUTO, list, 1, &b, &d), AS_EINVAL);
    diag_free(&d);
    unlink(path);

    snprintf(path, sizeof path, "%s/ballots.txt", dir);
    f = fopen(path, "w");
    fputs("A,B\n", f);
    fclose(f);
    CHECK_INT(bfile_read(path, BFILE_AUTO, &b, &d), AS_EINVAL);
    CHECK(b == NULL);
    CHECK_MSG(d.n == 1 && strstr(d.lines[0], "not a ballot file format"), "%s",
              d.n ? d.lines[0] : "(none)");
    diag_free(&d);
    /* ... but read as CSV when the format is given. */
    CHECK_INT(bfile_read(path, BFILE_CSV, &b, &d), AS_OK);
    rcv_ballots_free(b);
    b = NULL;
    diag_free(&d);
    unlink(path);

    snprintf(path, sizeof path, "%s/missing.csv", dir);
    CHECK_INT(bfile_read(path, BFILE_AUTO, &b, &d), AS_ENOENT);
    CHECK_INT(diag_count(&d), 1);
    diag_free(&d);
    rmdir(dir);
}

static void burlington_reads(void)
{
    const char *path = AS_TABULATION_DATA
        "/preflib-burlington-2009/00005-00000002.toi";
    rcv_ballots *b = NULL;
    diag_list d;
    if (access(path, R_OK) != 0) {
        CHECK_SKIP("tabulation-data/preflib-burlington-2009 not found");
        return;
    }
    diag_init(&d);
    CHECK_INT(bfile_read(path, BFILE_AUTO, &b, &d), AS_OK);
    if (b) {
        CHECK_INT(b->ncand, 6);
        CHECK_STR(b->cand[0], "Bob Kiss");
        CHECK_STR(b->cand[4], "Kurt Wright");
        CHECK_INT(rcv_ballots_total(b), 8980);
        CHECK_INT(b->n, 384); /* the file's distinct orders */
    }
    rcv_ballots_free(b);
    diag_free(&d);
}

/* ---- streaming: a file read in chunks equals the same bytes in memory -- */

typedef struct {
    char *p;
    size_t n, cap;
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void sb_puts(sbuf *b, const char *s)
{
    sb_put(b, s, strlen(s));
}

static int same_sets(const rcv_ballots *a, const rcv_ballots *b)
{
    if (a->ncand != b->ncand || a->n != b->n || a->nmark != b->nmark ||
        a->seats != b->seats || (a->title == NULL) != (b->title == NULL) ||
        (a->title && strcmp(a->title, b->title)))
        return 0;
    for (int c = 0; c < a->ncand; c++)
        if (strcmp(a->cand[c], b->cand[c]) || a->withdrawn[c] != b->withdrawn[c])
            return 0;
    for (int64_t i = 0; i < a->n; i++)
        if (a->weight[i] != b->weight[i] || a->off[i + 1] != b->off[i + 1])
            return 0;
    return a->nmark == 0 || !memcmp(a->mark, b->mark, a->nmark * sizeof *a->mark);
}

/* stream_same: writes buf to dir/file, reads it back with bfile_read and
 * parses buf with parse; both must agree on status, diagnostics (the
 * names are the same path) and ballot set.  Returns the status. */
static as_status stream_same(const char *dir, const char *file, const sbuf *buf,
                             as_status (*parse)(const char *, const char *, size_t,
                                                rcv_ballots **, diag_list *),
                             diag_list *dfile)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (!f)
        return AS_EIO;
    fwrite(buf->p, 1, buf->n, f);
    fclose(f);
    rcv_ballots *bf = NULL, *bm = NULL;
    diag_list dm;
    diag_init(&dm);
    as_status sf = bfile_read(path, BFILE_AUTO, &bf, dfile);
    as_status sm = parse(path, buf->p, buf->n, &bm, &dm);
    CHECK_MSG(sf == sm, "%s: from the file %d, from memory %d", file, sf, sm);
    CHECK_INT(dfile->n, dm.n);
    for (int i = 0; i < dfile->n && i < dm.n; i++)
        CHECK_STR(dfile->lines[i], dm.lines[i]);
    CHECK_MSG((bf == NULL) == (bm == NULL) && (!bf || same_sets(bf, bm)),
              "%s: the ballot sets differ", file);
    rcv_ballots_free(bf);
    rcv_ballots_free(bm);
    diag_free(&dm);
    unlink(path);
    return sf;
}

static const char *const NAMES[] = {"Ana", "Luis", "Marta", "Pepe", "Rosa", "Teo"};

/* Deterministic ballots: ballot i's ranking. */
static int ranking(long i, int *out)
{
    int n = 1 + (int)(i * 7 % 6), used = 0;
    for (int k = 0; k < n; k++) {
        int c = (int)((i * 31 + k * 17 + i / 7) % 6);
        while (used & (1 << c))
            c = (c + 1) % 6;
        used |= 1 << c;
        out[k] = c;
    }
    return n;
}

static void stream_csv(const char *dir)
{
    sbuf b = {0};
    char row[256];
    long errline = 0;
    int line = 1;
    diag_list d;
    /* ~250 KB: four chunks, quoted cells with line breaks all through */
    sb_puts(&b, "\xEF\xBB\xBF" "count,r1,r2,r3,r4,r5,r6\r\n");
    for (long i = 0; i < 9000; i++) {
        int rk[6], n = ranking(i, rk);
        size_t m = (size_t)snprintf(row, sizeof row, "%ld", 1 + i % 3);
        for (int k = 0; k < n; k++)
            m += (size_t)snprintf(row + m, sizeof row - m, i % 5 == 0 ? ",\"%s\"" : ",%s",
                                  NAMES[rk[k]]);
        sb_puts(&b, row);
        line++;
        if (i % 97 == 0 && n < 6) {
            /* a name with a line break inside its quotes: two lines */
            sb_puts(&b, ",\"Per\r\n\"\"Pepe\"\" Gil\"");
            line++;
        }
        sb_puts(&b, i % 2 ? "\n" : "\r\n");
    }
    CHECK_INT(stream_same(dir, "big.csv", &b, bfile_parse_csv, (diag_init(&d), &d)), AS_OK);
    diag_free(&d);

    /* errors after the first chunk: every one at its own line */
    sb_puts(&b, "x,Ana\n");
    errline = ++line;
    sb_puts(&b, "1,Ana|,Luis\n");
    line++;
    sb_puts(&b, "2,Ana,Luis,Marta,Pepe,Rosa,Teo,Ana\n");
    line++;
    diag_init(&d);
    CHECK_INT(stream_same(dir, "bad.csv", &b, bfile_parse_csv, &d), AS_EINVAL);
    CHECK_INT(d.n, 3);
    snprintf(row, sizeof row, "%s/bad.csv:%ld: the count 'x'", dir, errline);
    CHECK_MSG(d.n > 0 && !strncmp(d.lines[0], row, strlen(row)), "got '%s', expected '%s'",
              d.n ? d.lines[0] : "", row);
    snprintf(row, sizeof row, "%s/bad.csv:%d: this row has 8 cells", dir, line);
    CHECK_MSG(d.n > 2 && !strncmp(d.lines[2], row, strlen(row)), "got '%s', expected '%s'",
              d.n > 2 ? d.lines[2] : "", row);
    diag_free(&d);

    /* a quote opened late and never closed: the row it starts on */
    b.n -= strlen("2,Ana,Luis,Marta,Pepe,Rosa,Teo,Ana\n") + strlen("1,Ana|,Luis\n") +
           strlen("x,Ana\n");
    b.p[b.n] = '\0';
    sb_puts(&b, "1,\"Ana\n2,Luis\n3,Marta\n");
    diag_init(&d);
    CHECK_INT(stream_same(dir, "open.csv", &b, bfile_parse_csv, &d), AS_EINVAL);
    snprintf(row, sizeof row, "%s/open.csv:%ld: a quoted cell is never closed", dir,
             errline);
    CHECK_MSG(d.n == 1 && !strncmp(d.lines[0], row, strlen(row)), "got '%s', expected '%s'",
              d.n ? d.lines[0] : "", row);
    diag_free(&d);

    /* every length of a last row without its line end, around a chunk edge */
    for (size_t pad = 65536 - 40; pad < 65536 + 8; pad += 3) {
        sbuf e = {0};
        sb_puts(&e, "r1,r2\n");
        while (e.n < pad)
            sb_puts(&e, "Ana,Luis\n");
        sb_puts(&e, "Luis,\"Marta\"");
        diag_init(&d);
        CHECK_INT(stream_same(dir, "edge.csv", &e, bfile_parse_csv, &d), AS_OK);
        diag_free(&d);
        free(e.p);
    }
    free(b.p);
}

static void stream_preflib(const char *dir)
{
    sbuf b = {0};
    char row[128];
    long total = 0, lines = 0;
    diag_list d;
    sb_puts(&b, "# FILE NAME: big.toi\n# TITLE: Streamed\n# NUMBER ALTERNATIVES: 6\n");
    for (int c = 0; c < 6; c++) {
        snprintf(row, sizeof row, "# ALTERNATIVE NAME %d: %s\n", c + 1, NAMES[c]);
        sb_puts(&b, row);
    }
    size_t voters_at = b.n;
    sb_puts(&b, "# NUMBER VOTERS: 0000000\r\n");
    for (long i = 0; i < 12000; i++) {
        int rk[6], n = ranking(i, rk);
        size_t m = (size_t)snprintf(row, sizeof row, "%ld: ", 1 + i % 4);
        total += 1 + i % 4;
        for (int k = 0; k < n; k++)
            m += (size_t)snprintf(row + m, sizeof row - m, k == 0 ? "%d" : ",%d", rk[k] + 1);
        sb_puts(&b, row);
        sb_puts(&b, "\n");
        lines++;
    }
    /* the voters line is the 10th, the rankings follow; the stated total
     * must agree */
    snprintf(row, sizeof row, "%07ld", total);
    memcpy(b.p + voters_at + strlen("# NUMBER VOTERS: "), row, 7);
    diag_init(&d);
    CHECK_INT(stream_same(dir, "big.toi", &b, bfile_parse_preflib, &d), AS_OK);
    diag_free(&d);

    sb_puts(&b, "2: 1,7\n");
    diag_init(&d);
    CHECK_INT(stream_same(dir, "bad.toi", &b, bfile_parse_preflib, &d), AS_EINVAL);
    snprintf(row, sizeof row, "%s/bad.toi:%ld: unknown candidate number 7", dir, 11 + lines);
    CHECK_MSG(d.n >= 1 && !strncmp(d.lines[0], row, strlen(row)), "got '%s', expected '%s'",
              d.n ? d.lines[0] : "", row);
    diag_free(&d);
    free(b.p);
}

static void stream_blt(const char *dir)
{
    sbuf b = {0};
    char row[128];
    long line = 1;
    diag_list d;
    sb_puts(&b, "\xEF\xBB\xBF" "6 2\n-4\n");
    line++;
    for (long i = 0; i < 15000; i++) {
        int rk[6], n = ranking(i, rk);
        size_t m = (size_t)snprintf(row, sizeof row, "%ld", 1 + i % 2);
        for (int k = 0; k < n; k++)
            m += (size_t)snprintf(row + m, sizeof row - m, k == 2 && i % 3 ? "=%d" : " %d",
                                  rk[k] + 1);
        sb_puts(&b, row);
        sb_puts(&b, " 0\n");
        line++;
    }
    size_t body = b.n;
    sb_puts(&b, "0\n\"Ana\"\n\"Luis\"\n\"Marta\"\n\"Pepe\"\n\"Rosa\"\n\"Teo\"\n\"Streamed\"");
    diag_init(&d);
    CHECK_INT(stream_same(dir, "big.blt", &b, bfile_parse_blt, &d), AS_OK);
    diag_free(&d);

    b.n = body;
    sb_puts(&b, "1 2 9 0\n0\n\"Ana\"\n\"Luis\"\n\"Marta\"\n\"Pepe\"\n\"Rosa\"\n\"Teo\"\n");
    diag_init(&d);
    CHECK_INT(stream_same(dir, "bad.blt", &b, bfile_parse_blt, &d), AS_EINVAL);
    snprintf(row, sizeof row, "%s/bad.blt:%ld: unknown candidate number 9", dir, line + 1);
    CHECK_MSG(d.n >= 1 && !strncmp(d.lines[0], row, strlen(row)), "got '%s', expected '%s'",
              d.n ? d.lines[0] : "", row);
    diag_free(&d);
    free(b.p);
}

/* A quoted cell still open at the end of the file: the reader had moved
 * (or, when the record filled its buffer, reallocated) the bytes while
 * looking for the closing quote, and the CSV parser went on reading the
 * record at its old place (found by fuzz_ballot_files: a wrong message,
 * or a use after free).  Short, and exactly one and two chunks long. */
static void stream_open_quote(const char *dir)
{
    static const size_t sizes[] = {40, (size_t)64 * 1024, (size_t)128 * 1024};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        sbuf b = {0};
        diag_list d;
        char want[600];
        sb_puts(&b, "rank1,rank2\nAna,Luis\n\"Marta,\n");
        while (b.n + 1 < sizes[k] + 21)
            sb_puts(&b, b.n % 100 ? "A" : "\n");
        sb_puts(&b, "\n");
        diag_init(&d);
        CHECK_INT(stream_same(dir, "open.csv", &b, bfile_parse_csv, &d), AS_EINVAL);
        snprintf(want, sizeof want, "%s/open.csv:3: a quoted cell is never closed", dir);
        CHECK_MSG(d.n == 1 && !strncmp(d.lines[0], want, strlen(want)), "got '%s'",
                  d.n ? d.lines[0] : "(none)");
        diag_free(&d);
        free(b.p);
    }
}

/* A line of more than 16 MiB is refused at its line, not held. */
static void stream_long_line(const char *dir)
{
    char path[512];
    snprintf(path, sizeof path, "%s/long.blt", dir);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("3 1\n1 1 0\n", f);
    static char junk[1 << 16];
    memset(junk, '1', sizeof junk);
    for (int i = 0; i < 17 * 16; i++)
        fwrite(junk, 1, sizeof junk, f);
    fputs(" 0\n0\n\"A\"\n\"B\"\n\"C\"\n", f);
    fclose(f);
    rcv_ballots *b = (rcv_ballots *)1;
    diag_list d;
    diag_init(&d);
    CHECK_INT(bfile_read(path, BFILE_AUTO, &b, &d), AS_EINVAL);
    CHECK(b == NULL);
    char want[600];
    snprintf(want, sizeof want, "%s:3: a line longer than 16 MiB", path);
    CHECK_MSG(d.n == 1 && !strncmp(d.lines[0], want, strlen(want)), "got '%s'",
              d.n ? d.lines[0] : "(none)");
    diag_free(&d);
    unlink(path);
}

static void streaming(void)
{
    char dir[] = "/tmp/as-bfile-stream-XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK(0);
        return;
    }
    stream_csv(dir);
    stream_preflib(dir);
    stream_blt(dir);
    stream_open_quote(dir);
    stream_long_line(dir);
    rmdir(dir);
}

int main(void)
{
    csv_good();
    csv_count_and_list();
    csv_bad();
    preflib_good();
    preflib_bad();
    read_dispatch();
    burlington_reads();
    streaming();
    return check_done();
}
