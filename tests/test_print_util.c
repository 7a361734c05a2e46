/* test_print_util.c: see test_print_util.h. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "print.h"
#include "test_print_util.h"

int tp_run(const char *cmd, const char *out, const char *err)
{
    size_t n = strlen(cmd) + (out ? strlen(out) : 9) + (err ? strlen(err) : 9) + 32;
    char *full = malloc(n);
    int st;

    if (!full)
        return -1;
    snprintf(full, n, "%s >'%s' 2>'%s'", cmd, out ? out : "/dev/null",
             err ? err : "/dev/null");
    st = system(full);
    free(full);
    if (st == -1 || !WIFEXITED(st))
        return -1;
    return WEXITSTATUS(st);
}

int tp_have(const char *prog)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "command -v '%s'", prog);
    return tp_run(cmd, NULL, NULL) == 0;
}

char *tp_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0, k;

    if (!f)
        return NULL;
    do {
        if (n + 4096 + 1 > cap) {
            char *nb = realloc(buf, cap = (cap + 4096) * 2);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        k = fread(buf + n, 1, 4096, f);
        n += k;
    } while (k > 0);
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

int tp_exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

int tp_count_files(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;

    if (!d)
        return -1;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
            !strncmp(e->d_name, prefix, strlen(prefix)))
            n++;
    closedir(d);
    return n;
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void tp_sort(char **l, int n)
{
    qsort(l, (size_t)n, sizeof *l, cmp);
}

void tp_free_list(char **l, int n)
{
    if (!l)
        return;
    for (int i = 0; i < n; i++)
        free(l[i]);
    free(l);
}

/* The lines of file as a sorted list. */
static char **lines_of(const char *path, int *n)
{
    char *buf = tp_read(path, NULL), *save = NULL;
    char **l = NULL;
    int cap = 0;

    *n = 0;
    if (!buf)
        return NULL;
    for (char *t = strtok_r(buf, "\n", &save); t; t = strtok_r(NULL, "\n", &save)) {
        if (*n == cap) {
            char **nl = realloc(l, sizeof *l * (size_t)(cap = cap ? cap * 2 : 64));
            if (!nl)
                break;
            l = nl;
        }
        l[(*n)++] = strdup(t);
    }
    free(buf);
    if (!l)
        l = calloc(1, sizeof *l);
    tp_sort(l, *n);
    return l;
}

char **tp_decode_images(const char *glob, const char *work, int *n)
{
    char cmd[4096], out[1024];

    snprintf(out, sizeof out, "%s/zbar.txt", work);
    snprintf(cmd, sizeof cmd, "zbarimg --raw -q %s", glob);
    /* zbarimg exits 4 when an image has no symbol: still read what it
     * decoded, the comparison with the expected set says what is wrong. */
    if (tp_run(cmd, out, NULL) < 0)
        return NULL;
    return lines_of(out, n);
}

char **tp_decode_pdf(const char *pdf, const char *work, const char *stem,
                     const print_layout *l, int nitems, int *n)
{
    char cmd[4096], glob[2048];
    const double px = 200.0 / 25.4;
    int per_page = l->cols * l->rows;

    /* One rendering per card, cropped from its page: what a scanner held
     * over one badge sees.  (zbarimg on a whole page misses some of a
     * grid of equal symbols: it pairs finder patterns of neighbouring
     * codes.) */
    for (int i = 0; i < nitems; i++) {
        int page = i / per_page + 1, k = i % per_page;
        double x = l->left + (k % l->cols) * l->card_w;
        double y = l->top + (k / l->cols) * l->card_h;
        snprintf(cmd, sizeof cmd,
                 "pdftoppm -r 200 -f %d -l %d -x %d -y %d -W %d -H %d -singlefile "
                 "-png '%s' '%s/%s-%05d'", page, page, (int)(x * px + 0.5),
                 (int)(y * px + 0.5), (int)(l->card_w * px), (int)(l->card_h * px),
                 pdf, work, stem, i);
        if (tp_run(cmd, NULL, NULL) != 0)
            return NULL;
    }
    snprintf(glob, sizeof glob, "'%s/%s'-*.png", work, stem);
    return tp_decode_images(glob, work, n);
}

char *tp_squash(const char *s)
{
    char *o = malloc(strlen(s) + 1), *p = o;

    if (!o)
        return NULL;
    for (; *s; s++)
        if (*s != ' ' && *s != '\n' && *s != '\r' && *s != '\t' && *s != '\f')
            *p++ = *s;
    *p = '\0';
    return o;
}

char *tp_pdf_text(const char *pdf, const char *work)
{
    char cmd[4096], out[1024], *raw, *sq;

    snprintf(out, sizeof out, "%s/text.txt", work);
    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' '%s'", pdf, out);
    if (tp_run(cmd, NULL, NULL) != 0 || !(raw = tp_read(out, NULL)))
        return NULL;
    sq = tp_squash(raw);
    free(raw);
    return sq;
}

char *tp_mkdtemp(void)
{
    char t[] = "/tmp/asamblea-print-XXXXXX";
    return mkdtemp(t) ? strdup(t) : NULL;
}

void tp_rm_rf(const char *dir)
{
    char cmd[4096];
    if (!dir || strncmp(dir, "/tmp/asamblea-print-", 20) != 0)
        return;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    tp_run(cmd, NULL, NULL);
}
