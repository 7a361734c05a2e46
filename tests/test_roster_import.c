/* test_roster_import.c: `asamblea roster import` on the kinds of CSV
 * spreadsheets really write (tests/data/import/), the exact file:line:col
 * of every refusal, nothing written on any error, the round trip through
 * `roster issue` and roster_load, and a 10,000-row list (timing printed as
 * info only). */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <sodium.h>
#include "check.h"
#include "test_cli_util.h"
#include "test_file_util.h"
#include "roster.h"

#define IMPORT AS_TEST_DATA "/import/"

static char tmpdir[64];
static char out_txt[128], err_txt[128];

static void spit(const char *path, const char *data)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        CHECK(fwrite(data, 1, strlen(data), f) == strlen(data));
        fclose(f);
    }
}

static int exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

/* run: the asamblea program with args (NULL-terminated), stdout and stderr
 * to out_txt and err_txt; returns the exit status (-1 if it crashed). */
static int run(const char *const *args)
{
    return tc_spawn(args, out_txt, err_txt);
}

static int has_diag(const diag_list *d, const char *where, const char *what)
{
    size_t wl = strlen(where);
    for (int i = 0; i < d->n; i++)
        if (!strncmp(d->lines[i], where, wl) && d->lines[i][wl] == ':' &&
            d->lines[i][wl + 1] == ' ' && strstr(d->lines[i] + wl, what))
            return 1;
    return 0;
}

static void dump(const diag_list *d)
{
    for (int i = 0; i < d->n; i++)
        fprintf(stderr, "  diag: %s\n", d->lines[i]);
}

/* leftovers: files in tmpdir other than the ones a test made itself (a
 * temporary file left behind by a failed import would show here). */
static int leftovers(void)
{
    DIR *dir = opendir(tmpdir);
    struct dirent *e;
    int n = 0;
    if (!dir)
        return -1;
    while ((e = readdir(dir)))
        if (e->d_name[0] == '.' && strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    closedir(dir);
    return n;
}

static void test_excel_export(void)
{
    char out[128];
    roster_import_opts o = {.role_column = "position", .facilitator_value = "chair"};
    roster_import_summary s;
    diag_list d;
    roster *r = NULL;
    int issued = 0;

    snprintf(out, sizeof out, "%s/excel.csv", tmpdir);
    diag_init(&d);
    CHECK_INT(roster_import(IMPORT "excel-full-name.csv", out, &o, 0, &s, &d), AS_OK);
    dump(&d);
    CHECK_INT(s.people, 5);
    CHECK_INT(s.facilitators, 2); /* "Chair" and "CHAIR " */
    CHECK_INT(s.shared_names, 1); /* Ana Ruiz twice: allowed */
    CHECK_INT(s.max_shared, 2);
    CHECK_INT(s.tokens, 0);
    CHECK_INT(s.kept_columns, 5); /* the empty unnamed last column is dropped */

    /* Byte for byte: BOM, our three columns first, every other column
     * after them, the quoted newline, comma and quotes kept, the blank rows
     * gone, the name's extra spaces squeezed. */
    char *got = tf_slurp(out, NULL);
    CHECK_STR(got,
              "\xEF\xBB\xBF"
              "name,role,token,Member ID,E-mail,Position,Address,Notes\n"
              "\"Ramírez, José\",facilitator,,101,jose@example.org,Chair,"
              "\"1820 W 18th St\r\nApt 2\",\n"
              "Ana Ruiz,attendee,,102,ana@example.org,member,S Blue Island Ave,"
              "\"Brings \"\"La Raza\"\" flyers\"\n"
              "María Hernández,facilitator,,103,maria@example.org,CHAIR ,,\n"
              "Ana Ruiz,attendee,,104,ana.r@example.org,member,W 19th St,second Ana\n"
              "Li Wei,attendee,,105,,,,\n");
    free(got);
    struct stat sb;
    CHECK(stat(out, &sb) == 0 && (sb.st_mode & 077) == 0); /* will hold tokens */

    /* Round trip: the roster reads back, `roster issue` fills it, and it
     * still reads back with every person and distinct tokens. */
    CHECK_INT(roster_load(out, &r, &d), AS_OK);
    CHECK_INT(roster_count(r), 5);
    CHECK_INT(roster_facilitators(r), 2);
    if (roster_count(r) == 5) {
        CHECK_STR(roster_get(r, 0)->name, "Ramírez, José");
        CHECK_STR(roster_get(r, 2)->name, "María Hernández");
        CHECK_INT(roster_get(r, 4)->line, 7);
    }
    roster_free(r);
    r = NULL;
    CHECK_INT(roster_issue(out, &issued, &d), AS_OK);
    CHECK_INT(issued, 5);
    CHECK_INT(roster_load(out, &r, &d), AS_OK);
    CHECK_INT(roster_count(r), 5);
    for (int i = 0; i < roster_count(r); i++) {
        CHECK(roster_get(r, i)->token[0] != '\0');
        for (int j = 0; j < i; j++)
            CHECK(strcmp(roster_get(r, i)->token, roster_get(r, j)->token) != 0);
    }
    roster_free(r);
    CHECK_INT(d.n, 0);
    dump(&d);
    diag_free(&d);
}

static void test_nombre_and_role_header(void)
{
    char out[128];
    roster_import_summary s;
    diag_list d;
    roster *r = NULL;

    snprintf(out, sizeof out, "%s/nombre.csv", tmpdir);
    diag_init(&d);
    /* "Nombre" is found without --name-column; the list's own "Role"
     * column (offices, not kiosk roles) is kept under another header so
     * it does not read as ours. */
    CHECK_INT(roster_import(IMPORT "nombre-lf.csv", out, NULL, 0, &s, &d), AS_OK);
    CHECK_INT(s.people, 3);
    CHECK_INT(s.facilitators, 0);
    CHECK_INT(s.shared_names, 0);
    char *got = tf_slurp(out, NULL);
    CHECK_STR(got, "\xEF\xBB\xBF"
                   "name,role,token,Teléfono,Role (imported)\n"
                   "Dario Nowak,attendee,,555-0101,Treasurer\n"
                   "Rosa Delgado,attendee,,555-0102,\n"
                   "Ben Okafor,attendee,,,Secretary\n");
    free(got);
    CHECK_INT(roster_load(out, &r, &d), AS_OK);
    CHECK_INT(roster_count(r), 3);
    roster_free(r);
    dump(&d);
    diag_free(&d);
}

static void test_tokens_copied(void)
{
    char out[128];
    roster_import_summary s;
    diag_list d;
    roster *r = NULL;
    int issued = 0;

    snprintf(out, sizeof out, "%s/tokens.csv", tmpdir);
    diag_init(&d);
    CHECK_INT(roster_import(IMPORT "tokens.csv", out, NULL, 0, &s, &d), AS_OK);
    CHECK_INT(s.tokens, 2);
    CHECK_INT(roster_issue(out, &issued, &d), AS_OK);
    CHECK_INT(issued, 1);
    CHECK_INT(roster_load(out, &r, &d), AS_OK);
    CHECK_INT(roster_count(r), 3);
    if (roster_count(r) == 3) {
        /* Already-printed badges keep working: the typed token, normalized. */
        CHECK_STR(roster_get(r, 0)->token, "KTQQYK-VN7BTZ-XGPSKT");
        CHECK_STR(roster_get(r, 1)->token, "16YVND-EGGAWV-6ZP68N");
        CHECK(roster_get(r, 2)->token[0] != '\0');
    }
    roster_free(r);
    dump(&d);
    diag_free(&d);
}

/* refused: the import of file fails with exactly one diagnostic starting
 * with where and containing what, and writes nothing. */
static void refused(const char *file, const roster_import_opts *o,
                    const char *where, const char *what)
{
    char in[256], out[128], wherefull[300];
    diag_list d;
    snprintf(in, sizeof in, IMPORT "%s", file);
    snprintf(out, sizeof out, "%s/refused.csv", tmpdir);
    snprintf(wherefull, sizeof wherefull, "%s:%s", in, where);
    diag_init(&d);
    CHECK_INT(roster_import(in, out, o, 0, NULL, &d), AS_EINVAL);
    CHECK_MSG(d.n == 1 && has_diag(&d, wherefull, what), "%s: want %s ... %s",
              file, wherefull, what);
    if (d.n != 1)
        dump(&d);
    CHECK(!exists(out));
    CHECK_INT(leftovers(), 0);
    diag_free(&d);
}

static void test_refusals(void)
{
    roster_import_opts nope = {.name_column = "Apellido"};
    roster_import_opts role = {.role_column = "Rol"};

    refused("tokens-bad-check.csv", NULL, "4:16", "wrong check character");
    refused("tokens-dup.csv", NULL, "4:13", "the same token as line 2");
    refused("latin1.csv", NULL, "3:4", "save it as \"CSV UTF-8\"");
    refused("latin1.csv", NULL, "3:4", "Latin-1 or Windows-1252");
    refused("semicolons.csv", NULL, "1:1", "separated by semicolons");
    refused("two-name-columns.csv", NULL, "1:1", "pass --name-column");
    refused("nombre-lf.csv", &nope, "1:1",
            "no column named 'Apellido'; its columns are 'Nombre', 'Teléfono', "
            "'Role'; pass --name-column");
    refused("tokens.csv", &role, "1:1", "no column named 'Rol'");
}

static void test_problems_all_reported(void)
{
    char out[128];
    diag_list d;
    snprintf(out, sizeof out, "%s/problems-out.csv", tmpdir);
    diag_init(&d);
    CHECK_INT(roster_import(IMPORT "problems.csv", out, NULL, 0, NULL, &d), AS_EINVAL);
    CHECK_INT(d.n, 2);
    CHECK(has_diag(&d, IMPORT "problems.csv:3:3", "this row has no name"));
    CHECK(has_diag(&d, IMPORT "problems.csv:4:30",
                   "this row has 4 cells but the header has 3"));
    CHECK(!exists(out));
    diag_free(&d);

    /* --name-column picks one of two candidate columns; the other is kept
     * under a header that cannot be mistaken for ours. */
    roster_import_opts fn = {.name_column = "  full NAME "};
    diag_init(&d);
    CHECK_INT(roster_import(IMPORT "two-name-columns.csv", out, &fn, 0, NULL, &d), AS_OK);
    char *got = tf_slurp(out, NULL);
    CHECK_STR(got, "\xEF\xBB\xBFname,role,token,Name (imported)\nAna Ruiz,attendee,,Ana\n");
    free(got);
    unlink(out);
    diag_free(&d);

    /* From memory: an empty list and a header without people. */
    char *buf = NULL;
    size_t len = 0;
    diag_init(&d);
    CHECK_INT(roster_import_convert("e.csv", "\r\n,,\r\n", 5, NULL, &buf, &len, NULL, &d),
              AS_EINVAL);
    CHECK(buf == NULL && has_diag(&d, "e.csv:1:1", "the list is empty"));
    diag_free(&d);
    diag_init(&d);
    CHECK_INT(roster_import_convert("h.csv", "Name,Email\n", 11, NULL, &buf, &len, NULL, &d),
              AS_EINVAL);
    CHECK(has_diag(&d, "h.csv:1:1", "nobody on it"));
    diag_free(&d);
    diag_init(&d);
    CHECK_INT(roster_import_convert("u.csv", "\xFF\xFEN\0a\0", 6, NULL, &buf, &len, NULL, &d),
              AS_EINVAL);
    CHECK(has_diag(&d, "u.csv:1:1", "UTF-16"));
    diag_free(&d);
    diag_init(&d);
    CHECK_INT(roster_import_convert("q.csv", "name\n\"Ana\n", 10, NULL, &buf, &len, NULL, &d),
              AS_EINVAL);
    CHECK(has_diag(&d, "q.csv:2:1", "never ends"));
    diag_free(&d);
}

static void test_cli(void)
{
    char out[128], in[128], keep[128];
    snprintf(out, sizeof out, "%s/cli.csv", tmpdir);

    const char *ok[] = {"roster", "import", IMPORT "excel-full-name.csv", "-o", out,
                        "--name-column", "Full Name", "--role-column", "Position",
                        "--facilitator-value", "Chair", NULL};
    CHECK_INT(run(ok), 0);
    char *o = tf_slurp(out_txt, NULL), *e = tf_slurp(err_txt, NULL);
    char want[512];
    snprintf(want, sizeof want,
             "%s: imported 5 people (1 name appears twice, 2 facilitators, 0 with "
             "a token); next: asamblea roster issue %s\n", out, out);
    CHECK_STR(o, want);
    CHECK_STR(e, "");
    free(o);
    free(e);

    /* -o exists: refused without --force, the file untouched. */
    spit(out, "keep me\n");
    CHECK_INT(run(ok), 2);
    e = tf_slurp(err_txt, NULL);
    snprintf(want, sizeof want, "%s: already exists; nothing was written", out);
    CHECK_MSG(e && !strncmp(e, want, strlen(want)), "stderr: %s", e ? e : "");
    free(e);
    o = tf_slurp(out, NULL);
    CHECK_STR(o, "keep me\n");
    free(o);
    const char *forced[] = {"roster", "import", IMPORT "excel-full-name.csv", "-o", out,
                            "--force", NULL};
    CHECK_INT(run(forced), 0);
    o = tf_slurp(out, NULL);
    CHECK(o && !strncmp(o, "\xEF\xBB\xBFname,role,token,", 18));
    free(o);

    /* Never over the input, even with --force. */
    snprintf(in, sizeof in, "%s/members.csv", tmpdir);
    spit(in, "name\nAna Ruiz\n");
    const char *self[] = {"roster", "import", in, "-o", in, "--force", NULL};
    CHECK_INT(run(self), 2);
    o = tf_slurp(in, NULL);
    CHECK_STR(o, "name\nAna Ruiz\n");
    free(o);

    /* A bad token: exit 2, file:line:col on stderr, the token never
     * echoed, nothing written. */
    snprintf(keep, sizeof keep, "%s/never.csv", tmpdir);
    const char *bad[] = {"roster", "import", IMPORT "tokens-bad-check.csv", "-o", keep, NULL};
    CHECK_INT(run(bad), 2);
    e = tf_slurp(err_txt, NULL);
    snprintf(want, sizeof want, "%s", IMPORT "tokens-bad-check.csv:4:16: this "
             "token has a wrong check character");
    CHECK_MSG(e && !strncmp(e, want, strlen(want)), "stderr: %s", e ? e : "");
    CHECK(e && !strstr(e, "CJVJ76") && !strstr(e, "KTQQYK"));
    free(e);
    o = tf_slurp(out_txt, NULL);
    CHECK_STR(o, "");
    free(o);
    CHECK(!exists(keep));

    const char *latin[] = {"roster", "import", IMPORT "latin1.csv", "-o", keep, NULL};
    CHECK_INT(run(latin), 2);
    e = tf_slurp(err_txt, NULL);
    CHECK(e && strstr(e, "latin1.csv:3:4: this file is not UTF-8") &&
          strstr(e, "CSV UTF-8"));
    free(e);
    CHECK(!exists(keep));

    /* Usage mistakes. */
    const char *noout[] = {"roster", "import", IMPORT "tokens.csv", NULL};
    CHECK_INT(run(noout), 2);
    const char *facnorole[] = {"roster", "import", IMPORT "tokens.csv", "-o", keep,
                               "--facilitator-value", "x", NULL};
    CHECK_INT(run(facnorole), 2);
    const char *missing[] = {"roster", "import", IMPORT "no-such.csv", "-o", keep, NULL};
    CHECK_INT(run(missing), 2);
    CHECK(!exists(keep));
    CHECK_INT(leftovers(), 0);
    unlink(out);
    unlink(in);
}

/* test_big: a generated 10,000-row export (BOM, CRLF, quoted cells,
 * extra columns, shared names) imported and read back. */
static void test_big(void)
{
    enum { ROWS = 10000 };
    char in[128], out[128];
    static const char *const first[] = {"Ana", "José", "María", "Li", "Ben",
                                        "Rosa", "Dario", "Carla", "Ngozi", "Tomás"};
    FILE *f;
    roster_import_summary s = {0};
    diag_list d;
    roster *r = NULL;
    struct timespec t0, t1;

    snprintf(in, sizeof in, "%s/big-members.csv", tmpdir);
    snprintf(out, sizeof out, "%s/big-roster.csv", tmpdir);
    f = fopen(in, "wb");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("\xEF\xBB\xBFMember ID,Full Name,Email,Address,Joined\r\n", f);
    for (int i = 0; i < ROWS; i++) {
        /* Every 100th person shares a name with the one before. */
        int k = i % 100 == 99 ? i - 1 : i;
        fprintf(f, "%d,\"%s Pérez-%d, Jr.\",m%d@example.org,\"%d W %dth St\r\nApt %d\",2024-%02d-01\r\n",
                i + 1, first[k % 10], k, i, 100 + i, i % 40, i % 9, 1 + i % 12);
        if (i % 1000 == 500)
            fputs(",,,,\r\n", f);
    }
    fclose(f);
    diag_init(&d);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    CHECK_INT(roster_import(in, out, NULL, 0, &s, &d), AS_OK);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    dump(&d);
    printf("info: importing %d rows took %ld ms\n", ROWS,
           (long)((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000));
    CHECK_INT(s.people, ROWS);
    CHECK_INT(s.shared_names, ROWS / 100);
    CHECK_INT(s.kept_columns, 4);
    CHECK_INT(roster_load(out, &r, &d), AS_OK);
    CHECK_INT(roster_count(r), ROWS);
    if (roster_count(r) == ROWS) {
        CHECK_STR(roster_get(r, ROWS - 1)->name, "Ngozi Pérez-9998, Jr.");
        CHECK_INT(roster_get(r, 0)->role, MEMBER_ATTENDEE);
    }
    roster_free(r);
    diag_free(&d);
    unlink(in);
    unlink(out);
}

int main(void)
{
    if (sodium_init() < 0) {
        fprintf(stderr, "libsodium failed\n");
        return 1;
    }
    strcpy(tmpdir, "/tmp/as-import-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(out_txt, sizeof out_txt, "%s/run-stdout.txt", tmpdir);
    snprintf(err_txt, sizeof err_txt, "%s/run-stderr.txt", tmpdir);
    test_excel_export();
    test_nombre_and_role_header();
    test_tokens_copied();
    test_refusals();
    test_problems_all_reported();
    test_cli();
    test_big();

    DIR *dir = opendir(tmpdir);
    struct dirent *e;
    char p[512];
    while (dir && (e = readdir(dir)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
            snprintf(p, sizeof p, "%s/%s", tmpdir, e->d_name);
            unlink(p);
        }
    if (dir)
        closedir(dir);
    rmdir(tmpdir);
    return check_done();
}
