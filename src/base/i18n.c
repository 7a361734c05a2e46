/* i18n.c: gettext set-up and per-voter language switching. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "i18n.h"

/* glibc caches translations; bumping this counter is its documented way
 * (in the gettext manual) to make a LANGUAGE change take effect. */
extern int _nl_msg_cat_cntr;

static int dir_exists(const char *p)
{
    struct stat st;
    return p && *p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

int i18n_init(void)
{
    const char *dirs[] = {getenv("ASAMBLEA_LOCALEDIR"), AS_BUILD_LOCALEDIR,
                          AS_INSTALL_LOCALEDIR};
    /* LANGUAGE is ignored under the plain "C" locale; C.UTF-8 is built
     * into glibc >= 2.35 so it exists on every target. */
    if (!setlocale(LC_ALL, "C.UTF-8"))
        setlocale(LC_ALL, "");
    textdomain("asamblea");
    bind_textdomain_codeset("asamblea", "UTF-8");
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        if (dir_exists(dirs[i])) {
            bindtextdomain("asamblea", dirs[i]);
            return 0;
        }
    }
    return -1;
}

void i18n_set_lang(const char *code)
{
    setenv("LANGUAGE", code && *code ? code : "en", 1);
    ++_nl_msg_cat_cntr;
}

const char *i18n_lang_name(const char *code)
{
    static const struct {
        const char *code, *name;
    } names[] = {
        {"en", "English"},   {"es", "Español"},    {"pl", "Polski"},
        {"fr", "Français"},  {"pt", "Português"},  {"de", "Deutsch"},
        {"it", "Italiano"},  {"tl", "Tagalog"},    {"vi", "Tiếng Việt"},
        {"ru", "Русский"},   {"uk", "Українська"}, {"el", "Ελληνικά"},
        {"ht", "Kreyòl ayisyen"}, {"sw", "Kiswahili"}, {"so", "Soomaali"},
        {"lt", "Lietuvių"},  {"ro", "Română"},     {"cs", "Čeština"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (code && !strcmp(code, names[i].code))
            return names[i].name;
    return code ? code : "";
}
