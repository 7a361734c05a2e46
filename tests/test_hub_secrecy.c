/* test_hub_secrecy.c: what the hub and the kiosks hold (issue 11), against
 * a real PostgreSQL 15: 200 casts of varied choices over 4 kiosks while
 * the proposal is open; then, before the close, with the kiosks stopped:
 *   - no ballot on the hub: no ballot id (32 hex digits, either case, or
 *     its 16 raw bytes) in a dump of every table of schema hub and of
 *     pg_prepared_xacts, in the raw bytes of every WAL segment, or in
 *     pg_waldump's text of them (controls: every badge's mark IS found in
 *     the dump and in the WAL bytes, and pg_waldump decoded records);
 *   - no prepared-transaction name ("as-k") left in any kiosk's files
 *     (control: each ballot's raw id IS found in its kiosk's files) or in
 *     pg_prepared_xacts;
 * and after the close the merged list's order is independent of the cast
 * order: Spearman's rank correlation |rho| < 0.3 (under independence its
 * sd is 1/sqrt(199) = 0.071, so 0.3 is over four of them).  SKIP (77)
 * without PostgreSQL. */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <libpq-fe.h>
#include <sodium.h>
#include "check.h"
#include "hub_fault_util.h"
#include "hub_store.h"
#include "hub_util.h"
#include "store_sqlite.h"

enum { NCAST = 200, NK = 4, ID = 16 };

typedef struct {
    uint8_t id[ID];
    int kiosk;
} cast_rec;

static cast_rec casts[NCAST];
static int ncast;

/* A growing byte buffer. */
typedef struct {
    char *p;
    size_t n, cap;
} buf;

static void buf_add(buf *b, const void *d, size_t n)
{
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->n + n + 1)
        cap *= 2;
    if (cap != b->cap && !(b->p = realloc(b->p, b->cap = cap)))
        abort();
    memcpy(b->p + b->n, d, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static int buf_file(buf *b, const char *path)
{
    char chunk[65536];
    ssize_t got;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    while ((got = read(fd, chunk, sizeof chunk)) > 0)
        buf_add(b, chunk, (size_t)got);
    close(fd);
    return got == 0;
}

/* Needles of one length, found in one pass over a haystack: a 64 Ki-bit
 * filter on each position's first four bytes, then a full compare. */
typedef struct {
    const uint8_t *v; /* n needles of len bytes, back to back */
    int n;
    size_t len;
    uint8_t filter[8192];
} needles;

static uint32_t key4(const uint8_t *p)
{
    uint32_t k;
    memcpy(&k, p, 4);
    return (k * 2654435761u) >> 16;
}

static void needles_init(needles *nd, const uint8_t *v, int n, size_t len)
{
    memset(nd, 0, sizeof *nd);
    nd->v = v;
    nd->n = n;
    nd->len = len;
    for (int i = 0; i < n; i++) {
        uint32_t k = key4(v + (size_t)i * len);
        nd->filter[k >> 3] |= (uint8_t)(1u << (k & 7));
    }
}

/* How many of the needles occur in h[0..n); found[i] set for each. */
static int needles_count(const needles *nd, const char *h, size_t n, char *found)
{
    const uint8_t *u = (const uint8_t *)h;
    int hits = 0;
    memset(found, 0, (size_t)nd->n);
    for (size_t i = 0; n >= nd->len && i <= n - nd->len; i++) {
        uint32_t k = key4(u + i);
        if (!(nd->filter[k >> 3] & (1u << (k & 7))))
            continue;
        for (int j = 0; j < nd->n; j++)
            if (!found[j] && !memcmp(u + i, nd->v + (size_t)j * nd->len, nd->len)) {
                found[j] = 1;
                hits++;
            }
    }
    return hits;
}

/* The ballot ids as raw bytes, lower-case hex and upper-case hex. */
static uint8_t ids_raw[NCAST * ID];
static char ids_lo[NCAST * 32 + 1], ids_up[NCAST * 32 + 1];
static uint8_t badges_raw[NCAST * 32];
static char badges_hex[NCAST * 64 + 1];

static void make_needles(void)
{
    for (int i = 0; i < ncast; i++) {
        char hex[65];
        memcpy(ids_raw + i * ID, casts[i].id, ID);
        sodium_bin2hex(hex, sizeof hex, casts[i].id, ID);
        memcpy(ids_lo + i * 32, hex, 32);
        for (int c = 0; c < 32; c++)
            ids_up[i * 32 + c] = (char)(hex[c] >= 'a' ? hex[c] - 32 : hex[c]);
        hf_badge(5000 + i, badges_raw + i * 32);
        sodium_bin2hex(hex, sizeof hex, badges_raw + i * 32, 32);
        memcpy(badges_hex + i * 64, hex, 64);
    }
}

/* No ballot id of any form in h; returns how many were found. */
static int ballots_in(const char *what, const buf *h)
{
    needles nd;
    char found[NCAST];
    int raw, lo, up;
    needles_init(&nd, ids_raw, ncast, ID);
    raw = needles_count(&nd, h->p, h->n, found);
    needles_init(&nd, (const uint8_t *)ids_lo, ncast, 32);
    lo = needles_count(&nd, h->p, h->n, found);
    needles_init(&nd, (const uint8_t *)ids_up, ncast, 32);
    up = needles_count(&nd, h->p, h->n, found);
    printf("%s: %zu bytes; ballot ids found: %d raw, %d hex, %d HEX\n", what,
           h->n, raw, lo, up);
    return raw + lo + up;
}

/* Badges (the marks) found in h, raw (hex_too: or as hex). */
static int marks_in(const buf *h, int hex_too)
{
    needles nd;
    char found[NCAST];
    int raw, hex = 0;
    needles_init(&nd, badges_raw, ncast, 32);
    raw = needles_count(&nd, h->p, h->n, found);
    if (hex_too) {
        needles_init(&nd, (const uint8_t *)badges_hex, ncast, 64);
        hex = needles_count(&nd, h->p, h->n, found);
    }
    return raw > hex ? raw : hex;
}

/* The ids a walk gives, in its order. */
typedef struct {
    uint8_t id[NCAST][ID];
    int n;
} id_list;

static as_status take_id(void *ud, const uint8_t id[BALLOT_ID_SIZE],
                         const char *choice, size_t n)
{
    id_list *l = ud;
    (void)choice, (void)n;
    if (l->n == NCAST) /* more ballots than were cast */
        return AS_ECORRUPT;
    memcpy(l->id[l->n++], id, ID);
    return AS_OK;
}

static int cast_index(const uint8_t id[ID])
{
    for (int i = 0; i < ncast; i++)
        if (!memcmp(casts[i].id, id, ID))
            return i;
    return -1;
}

/* Cast i at kiosk k, and learn its ballot's id: the one id kiosk k's
 * list holds that no earlier cast made. */
static int cast_one(store *s, int k, int i, const char *choice)
{
    uint8_t h[32];
    id_list l = {.n = 0};
    as_err err = {{0}};
    int fresh = 0;
    hf_badge(5000 + i, h);
    if (store_cast_text(s, "p1", h, choice, &err) != AS_OK) {
        fprintf(stderr, "cast %d: %s\n", i, err.msg);
        return 0;
    }
    if (store_each_ballot_text(s, "p1", take_id, &l, &err) != AS_OK)
        return 0;
    for (int j = 0; j < l.n; j++)
        if (cast_index(l.id[j]) < 0) {
            memcpy(casts[ncast].id, l.id[j], ID);
            fresh++;
        }
    casts[ncast++].kiosk = k;
    return fresh == 1;
}

/* Every row of every table of schema hub and of pg_prepared_xacts, as
 * the owner sees them; *prepared gets pg_prepared_xacts' rows. */
static int dump_hub(const hf_meeting *m, buf *out, int *prepared)
{
    PGconn *c = PQconnectdb(hf_owner(m));
    PGresult *t = PQexec(c, "SELECT 'hub.' || quote_ident(table_name) FROM "
                         "information_schema.tables WHERE table_schema = 'hub' "
                         "UNION ALL SELECT 'pg_prepared_xacts'");
    int ok = PQresultStatus(t) == PGRES_TUPLES_OK && PQntuples(t) >= 9;
    for (int i = 0; ok && i < PQntuples(t); i++) {
        char sql[128];
        PGresult *r;
        snprintf(sql, sizeof sql, "SELECT * FROM %s", PQgetvalue(t, i, 0));
        r = PQexec(c, sql);
        ok = PQresultStatus(r) == PGRES_TUPLES_OK;
        if (!strcmp(PQgetvalue(t, i, 0), "pg_prepared_xacts"))
            *prepared = PQntuples(r);
        for (int row = 0; ok && row < PQntuples(r); row++)
            for (int col = 0; col < PQnfields(r); col++) {
                buf_add(out, PQgetvalue(r, row, col), (size_t)PQgetlength(r, row, col));
                buf_add(out, "\n", 1);
            }
        PQclear(r);
    }
    if (!ok)
        fprintf(stderr, "dumping the hub: %s", PQerrorMessage(c));
    PQclear(t);
    PQfinish(c);
    return ok;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every WAL segment of the cluster (raw bytes) and pg_waldump's text of
 * them all. */
static int read_wal(const hf_meeting *m, buf *raw, buf *text)
{
    char dir[300], path[600], out[] = "/tmp/asamblea-waldump-XXXXXX";
    char *names[256];
    int n = 0, fd, status = 0, ok;
    DIR *d;
    struct dirent *e;
    pid_t pid;

    snprintf(dir, sizeof dir, "%s/pg/pg_wal", hub_cluster_dir(m->c));
    if (!(d = opendir(dir)))
        return 0;
    while ((e = readdir(d)) && n < 256)
        if (strlen(e->d_name) == 24 && strspn(e->d_name, "0123456789ABCDEF") == 24)
            names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, by_name);
    ok = n > 0;
    for (int i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        ok = ok && buf_file(raw, path);
    }
    snprintf(path, sizeof path, "%s/pg_waldump", hub_cluster_bindir());
    fd = ok ? mkstemp(out) : -1;
    fflush(NULL);
    pid = fd >= 0 ? fork() : -1;
    if (pid == 0) {
        dup2(fd, STDOUT_FILENO);
        dup2(fd, STDERR_FILENO);
        execl(path, "pg_waldump", "-p", dir, names[0], names[n - 1], (char *)NULL);
        _exit(127);
    }
    if (pid > 0)
        waitpid(pid, &status, 0);
    if (fd >= 0) {
        close(fd);
        ok = ok && buf_file(text, out);
        unlink(out);
    }
    if (text->n) { /* its last line says where the WAL ends */
        char *last = text->p + text->n - 1;
        while (last > text->p && last[-1] != '\n')
            last--;
        printf("pg_wal: %d segments; pg_waldump exit %d, last line: %.160s", n,
               WIFEXITED(status) ? WEXITSTATUS(status) : -1, last);
    }
    for (int i = 0; i < n; i++)
        free(names[i]);
    return ok && pid > 0;
}

/* Every file under a kiosk's data folder, back to back. */
static buf *walk_into;
static int walk_files;

static int add_file(const char *p, const struct stat *sb, int flag, struct FTW *f)
{
    (void)f;
    if (flag == FTW_F && S_ISREG(sb->st_mode)) {
        walk_files++;
        if (!buf_file(walk_into, p))
            return -1;
    }
    return 0;
}

static int read_folder(const char *dir, buf *out)
{
    walk_into = out;
    return nftw(dir, add_file, 16, FTW_PHYS) == 0;
}

/* A flat copy of folder from into the new folder to. */
static int copy_folder(const char *from, const char *to)
{
    DIR *d = opendir(from);
    struct dirent *e;
    int ok = d != NULL;
    while (ok && (e = readdir(d))) {
        char src[400], dst[400];
        buf b = {0};
        int fd;
        snprintf(src, sizeof src, "%s/%s", from, e->d_name);
        snprintf(dst, sizeof dst, "%s/%s", to, e->d_name);
        if (e->d_type != DT_REG)
            continue;
        ok = buf_file(&b, src) &&
             (fd = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) >= 0;
        if (ok) {
            ok = write(fd, b.p ? b.p : "", b.n) == (ssize_t)b.n;
            close(fd);
        }
        free(b.p);
    }
    if (d)
        closedir(d);
    return ok;
}

/* Control for the "as-k" scan: in a copy of kiosk 1's folder, a cast
 * left pending names its transaction in the files, and clearing the cell
 * removes the name from them again. */
static void pending_control(hf_meeting *m)
{
    char dir[] = "/tmp/asamblea-hfcopy-XXXXXX";
    const char *gid = "as-k001-0123456789abcdef0123456789abcdef";
    store *l = NULL;
    as_err err = {{0}};
    uint8_t h[32];
    buf b = {0};

    CHECK(mkdtemp(dir) && copy_folder(m->k[0].data, dir));
    CHECK_INT(store_open(dir, m->sha, &l, &err), AS_OK);
    hf_badge(99999, h);
    CHECK(l && store_sqlite_cast_pending(l, "p1", h, "yes", gid, &err) == AS_OK);
    store_free(l);
    l = NULL;
    CHECK(read_folder(dir, &b) && memmem(b.p, b.n, "as-k001-", 8) != NULL);
    b.n = 0;
    CHECK_INT(store_open(dir, m->sha, &l, &err), AS_OK);
    CHECK(l && store_sqlite_clear_pending(l, &err) == AS_OK);
    store_free(l);
    CHECK(read_folder(dir, &b) && memmem(b.p, b.n, "as-k001-", 8) == NULL);
    free(b.p);
    hub_test_rm_rf(dir);
}

/* Spearman's rho between position and rank[] (a permutation of 0..n). */
static double spearman(const int *rank, int n)
{
    double d2 = 0;
    for (int i = 0; i < n; i++)
        d2 += (double)(rank[i] - i) * (rank[i] - i);
    return 1 - 6 * d2 / ((double)n * ((double)n * n - 1));
}

static int count_of(const buf *h, const char *s)
{
    int n = 0;
    for (const char *p = h->p; p && (p = strstr(p, s)); p++)
        n++;
    return n;
}

/* Before the close: the hub's tables and WAL, and the kiosks' files. */
static void before_close(hf_meeting *m)
{
    buf dump = {0}, wal = {0}, text = {0};
    int prepared = -1;

    make_needles();
    CHECK(dump_hub(m, &dump, &prepared));
    CHECK_INT(prepared, 0);
    CHECK_INT(ballots_in("hub tables", &dump), 0);
    CHECK_INT(marks_in(&dump, 1), ncast); /* control: the marks are there */
    CHECK(read_wal(m, &wal, &text));
    CHECK_INT(ballots_in("WAL bytes", &wal), 0);
    CHECK_INT(marks_in(&wal, 0), ncast);  /* control */
    CHECK_INT(ballots_in("pg_waldump text", &text), 0);
    /* control: pg_waldump read every cast's PREPARE (whose name the WAL
     * keeps; only the kiosk must forget it) */
    printf("pg_waldump: %d PREPARE records\n", count_of(&text, "desc: PREPARE gid as-k"));
    CHECK(count_of(&text, "desc: PREPARE gid as-k") >= ncast);
    for (int k = 0; k < NK; k++) {
        buf files = {0};
        needles nd;
        char found[NCAST];
        uint8_t own[NCAST * ID];
        int nown = 0;
        walk_files = 0;
        CHECK(read_folder(m->k[k].data, &files));
        CHECK_MSG(!memmem(files.p, files.n, "as-k", 4),
                  "kiosk %d's files still name a prepared transaction", k + 1);
        for (int i = 0; i < ncast; i++)
            if (casts[i].kiosk == k)
                memcpy(own + ID * nown++, casts[i].id, ID);
        needles_init(&nd, own, nown, ID);
        /* control: the scan sees this kiosk's own ballots */
        CHECK_INT(needles_count(&nd, files.p, files.n, found), nown);
        printf("kiosk %d: %d files, %zu bytes, %d ballots, no \"as-k\"\n", k + 1,
               walk_files, files.n, nown);
        free(files.p);
    }
    pending_control(m);
    free(dump.p);
    free(wal.p);
    free(text.p);
}

/* The close, then the merged list against the cast order. */
static void close_and_order(store **s)
{
    const char *ids[1] = {"p1"};
    id_list *merged = calloc(1, sizeof *merged);
    int rank[NCAST], seen[NCAST] = {0}, ok = 1;
    as_err err = {{0}};

    if (!merged)
        abort();
    CHECK_INT(store_set_proposal_state(s[0], "p1", PROP_CLOSED, &err), AS_ESTATE);
    for (int k = 1; k < NK; k++)
        CHECK_INT(hub_store_tick(s[k], ids, 1, &err), AS_OK);
    CHECK_INT(store_set_proposal_state(s[0], "p1", PROP_CLOSED, &err), AS_OK);
    CHECK_INT(store_each_ballot_text(s[0], "p1", take_id, merged, &err), AS_OK);
    CHECK_INT(merged->n, ncast);
    for (int i = 0; i < merged->n && ok; i++) {
        rank[i] = cast_index(merged->id[i]);
        ok = rank[i] >= 0 && !seen[rank[i]]++;
    }
    CHECK_MSG(ok, "the merged list is not the 200 ballots cast");
    if (ok && merged->n == ncast) {
        double rho = spearman(rank, ncast);
        printf("merged list vs cast order: Spearman rho = %.3f over %d ballots\n",
               rho, ncast);
        CHECK_MSG(fabs(rho) < 0.3, "rho = %.3f", rho);
    }
    free(merged);
}

int main(void)
{
    static const char *choices[] = {"yes", "no", "abstain", "a>b>c", "c>a", "b"};
    hf_meeting m;
    store *s[NK] = {NULL};
    as_err err = {{0}};
    int up = hf_setup(&m, NK), ok = 1;

    HF_REQUIRE_HUB(up);
    for (int k = 0; k < NK; k++)
        ok = ok && (s[k] = hf_open(&m, k)) != NULL;
    CHECK(ok);
    CHECK(ok && store_open_proposal(s[0], "p1", 8, &err) == AS_OK);
    for (int i = 0; ok && i < NCAST; i++) {
        int k = (int)randombytes_uniform(NK);
        ok = cast_one(s[k], k, i, choices[randombytes_uniform(6)]);
    }
    CHECK_MSG(ok && ncast == NCAST, "%d of %d casts made", ncast, NCAST);
    for (int k = 0; k < NK; k++) {
        store_free(s[k]); /* the kiosks stop: their files are at rest */
        s[k] = NULL;
    }
    if (ok) {
        before_close(&m);
        for (int k = 0; k < NK; k++)
            ok = ok && (s[k] = hf_open(&m, k)) != NULL;
        CHECK(ok);
    }
    if (ok)
        close_and_order(s);
    for (int k = 0; k < NK; k++)
        store_free(s[k]);
    hf_teardown(&m);
    return check_done();
}
