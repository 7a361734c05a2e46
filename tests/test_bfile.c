/* test_bfile.c: the CSV and PrefLib ballot readers and bfile_read's
 * dispatch: what each accepts, and that every kind of bad input is one
 * "file:line: ..." diagnostic, AS_EINVAL and no ballot set. */
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

int main(void)
{
    csv_good();
    csv_count_and_list();
    csv_bad();
    preflib_good();
    preflib_bad();
    read_dispatch();
    burlington_reads();
    return check_done();
}
