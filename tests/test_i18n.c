/* test_i18n.c: the translation catalogs are complete and the kiosk can
 * switch language per voter at run time.
 *
 * (a) msgfmt --check --statistics on every po/LANG.po: no error, nothing
 *     untranslated, nothing fuzzy.
 * (b) a fresh template from po/POTFILES (xgettext): every msgid in it has
 *     a translation in every po/LANG.po, and every source file that marks
 *     strings is listed in po/POTFILES.  A failure names the string.
 * (c) the built catalogs: Spanish, English, Spanish again, and an unknown
 *     code falls back to English. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "i18n.h"

#define PO_DIR AS_SOURCE_DIR "/po"
#define OUT_MAX (256 * 1024)

static char out[OUT_MAX];

/* run: runs cmd under sh with stderr joined to stdout; the output goes
 * to out[] (cut at OUT_MAX).  Returns the exit status, -1 if it did not
 * run. */
static int run(const char *cmd)
{
    char full[4096];
    size_t n = 0, got;
    FILE *p;
    int st;

    snprintf(full, sizeof full, "%s 2>&1", cmd);
    p = popen(full, "r");
    out[0] = '\0';
    if (!p)
        return -1;
    while (n + 1 < sizeof out && (got = fread(out + n, 1, sizeof out - 1 - n, p)) > 0)
        n += got;
    out[n] = '\0';
    while (fgetc(p) != EOF) /* drain, so the child never blocks */
        ;
    st = pclose(p);
    return st != -1 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* count_before: the number just before word in s ("75 translated
 * messages"), 0 if word is not there. */
static long count_before(const char *s, const char *word)
{
    const char *p = strstr(s, word);
    if (!p)
        return 0;
    while (p > s && p[-1] >= '0' && p[-1] <= '9')
        p--;
    return strtol(p, NULL, 10);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(a, b);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* po_files: the names of the .po files in po/, sorted; returns how many
 * (at most max). */
static int po_files(char names[][64], int max)
{
    DIR *d = opendir(PO_DIR);
    struct dirent *e;
    int n = 0;

    if (!d)
        return 0;
    while ((e = readdir(d)) && n < max) {
        size_t len = strlen(e->d_name);
        if (ends_with(e->d_name, ".po") && len < 64)
            memcpy(names[n++], e->d_name, len + 1);
    }
    closedir(d);
    qsort(names, (size_t)n, 64, cmp_names);
    return n;
}

static void test_catalogs_complete(char names[][64], int n)
{
    char cmd[1024];

    for (int i = 0; i < n; i++) {
        snprintf(cmd, sizeof cmd,
                 "'%s' --check --statistics -o /dev/null '%s/%s'", AS_MSGFMT,
                 PO_DIR, names[i]);
        int rc = run(cmd);
        CHECK_MSG(rc == 0, "po/%s does not pass msgfmt --check:\n%s", names[i], out);
        long done = count_before(out, " translated message");
        long fuzzy = count_before(out, " fuzzy translation");
        long todo = count_before(out, " untranslated message");
        CHECK_MSG(done > 0, "po/%s: no translated messages (%s)", names[i], out);
        CHECK_MSG(fuzzy == 0,
                  "po/%s has %ld fuzzy translations: check each, then remove "
                  "its \"#, fuzzy\" line", names[i], fuzzy);
        CHECK_MSG(todo == 0, "po/%s has %ld untranslated messages: translate "
                  "every empty msgstr", names[i], todo);
    }
}

/* report_entries: one failed check per msgid in a msgattrib listing,
 * naming the catalog and the English string. */
static void report_entries(const char *po, const char *listing)
{
    const char *p = listing;
    while ((p = strstr(p, "\nmsgid ")) != NULL) {
        const char *end = strstr(p, "\nmsgstr");
        int len = end ? (int)(end - p - 7) : (int)strlen(p + 7);
        p += 7;
        if (len == 2 && !strncmp(p, "\"\"", 2))
            continue; /* the header entry, which msgattrib always prints */
        CHECK_MSG(0, "po/%s has no translation for the UI string %.*s\n"
                  "  (run: cmake --build BUILD --target pot po-update, then "
                  "translate it in po/%s)", po, len, p, po);
    }
}

static void test_pot_covered(char names[][64], int n, const char *tmp)
{
    char cmd[2048], listed[8192];
    FILE *f;
    size_t got;

    /* Every source file with marked strings must be in POTFILES, or its
     * strings would silently never reach a translator. */
    f = fopen(PO_DIR "/POTFILES", "r");
    CHECK_MSG(f != NULL, "cannot read po/POTFILES: %s", strerror(errno));
    if (!f)
        return;
    got = fread(listed, 1, sizeof listed - 1, f);
    listed[got] = '\0';
    fclose(f);
    snprintf(cmd, sizeof cmd,
             "cd '%s' && grep -rlE --include='*.c' '(^|[^A-Za-z0-9_])N?_\\(\"' src",
             AS_SOURCE_DIR);
    CHECK_INT(run(cmd), 0); /* grep: 0 = found some, 1 = none at all */
    for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
        char want[512];
        snprintf(want, sizeof want, "%s\n", line);
        CHECK_MSG(strstr(listed, want) != NULL,
                  "%s marks strings with _() but is not listed in po/POTFILES", line);
    }

    snprintf(cmd, sizeof cmd,
             "'%s' --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ "
             "--directory='%s' --files-from='%s/POTFILES' --output='%s/new.pot'",
             AS_XGETTEXT, AS_SOURCE_DIR, PO_DIR, tmp);
    int rc = run(cmd);
    CHECK_MSG(rc == 0, "xgettext failed (is every file in po/POTFILES there?):\n%s", out);
    if (rc != 0)
        return;
    snprintf(cmd, sizeof cmd, "grep -c '^msgid ' '%s/new.pot'", tmp);
    run(cmd);
    CHECK_MSG(atoi(out) > 10, "the fresh template has only %d msgids", atoi(out));

    for (int i = 0; i < n; i++) {
        snprintf(cmd, sizeof cmd,
                 "'%s' --quiet --no-fuzzy-matching -o '%s/merged.po' '%s/%s' '%s/new.pot'",
                 AS_MSGMERGE, tmp, PO_DIR, names[i], tmp);
        rc = run(cmd);
        CHECK_MSG(rc == 0, "msgmerge of po/%s failed:\n%s", names[i], out);
        if (rc != 0)
            continue;
        snprintf(cmd, sizeof cmd, "'%s' --untranslated --no-obsolete '%s/merged.po'",
                 AS_MSGATTRIB, tmp);
        rc = run(cmd);
        CHECK_MSG(rc == 0, "msgattrib failed:\n%s", out);
        /* An empty listing means every msgid is translated. */
        if (rc == 0 && out[0]) {
            char *copy = malloc(strlen(out) + 2);
            if (copy) {
                copy[0] = '\n'; /* so the first msgid also follows "\n" */
                strcpy(copy + 1, out);
                report_entries(names[i], copy);
                free(copy);
            }
        }
        /* Strings the code no longer uses are harmless: only a note. */
        snprintf(cmd, sizeof cmd, "'%s' --only-obsolete '%s/merged.po' | grep -c '^#~ msgid '",
                 AS_MSGATTRIB, tmp);
        run(cmd);
        if (atoi(out) > 0)
            printf("note: po/%s: %d strings are no longer used by the code "
                   "(cmake --build BUILD --target po-update marks them obsolete)\n",
                   names[i], atoi(out));
        snprintf(cmd, sizeof cmd, "%s/merged.po", tmp);
        unlink(cmd);
    }
    snprintf(cmd, sizeof cmd, "%s/new.pot", tmp);
    unlink(cmd);
}

static void test_switching(void)
{
    char path[1024], line[256];
    struct stat st;

    snprintf(path, sizeof path, "%s/locale/es/LC_MESSAGES/asamblea.mo", AS_BUILD_DIR);
    CHECK_MSG(stat(path, &st) == 0,
              "%s is missing: build the \"translations\" target first", path);
    setenv("ASAMBLEA_LOCALEDIR", AS_BUILD_DIR "/locale", 1);
    CHECK_INT(i18n_init(), 0);

    i18n_set_lang("es");
    CHECK_STR(_("Cast my vote"), "Emitir mi voto");
    CHECK_STR(_("Abstain"), "Abstenerse");
    CHECK_STR(_("Yes"), "Sí");
    snprintf(line, sizeof line, _("Voting open: %lld of %lld checked in have voted"),
             17LL, 23LL);
    CHECK_STR(line, "Votación abierta: han votado 17 de 23 registrados");

    /* The next voter chose English: the same process answers in English. */
    i18n_set_lang("en");
    CHECK_STR(_("Cast my vote"), "Cast my vote");
    CHECK_STR(_("Yes"), "Yes");

    i18n_set_lang("es");
    CHECK_STR(_("Cast my vote"), "Emitir mi voto");

    /* A code with no catalog shows the English msgids, never garbage. */
    i18n_set_lang("xx");
    CHECK_STR(_("Cast my vote"), "Cast my vote");
    i18n_set_lang(NULL);
    CHECK_STR(_("Cast my vote"), "Cast my vote");
    i18n_set_lang("es");
    CHECK_STR(_("Abstain"), "Abstenerse");

    CHECK_STR(i18n_lang_name("es"), "Español");
    CHECK_STR(i18n_lang_name("xx"), "xx");
}

int main(void)
{
    char names[32][64];
    char tmp[] = "/tmp/asamblea-i18n-XXXXXX";
    int n = po_files(names, 32);
    int has_en = 0, has_es = 0;

    for (int i = 0; i < n; i++) {
        has_en |= strcmp(names[i], "en.po") == 0;
        has_es |= strcmp(names[i], "es.po") == 0;
    }
    CHECK_MSG(has_en && has_es, "po/en.po and po/es.po must both exist (found %d .po files)", n);

    if (!AS_MSGFMT[0] || !AS_XGETTEXT[0] || !AS_MSGMERGE[0] || !AS_MSGATTRIB[0]) {
        CHECK_SKIP("gettext tools not found: apt-get install gettext");
    } else {
        test_catalogs_complete(names, n);
        int made = mkdtemp(tmp) != NULL;
        CHECK_MSG(made, "mkdtemp %s: %s", tmp, strerror(errno));
        if (made) {
            test_pot_covered(names, n, tmp);
            CHECK_INT(rmdir(tmp), 0);
        }
    }
    test_switching();
    return check_done();
}
