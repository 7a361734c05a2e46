/* i18n.h: UI strings through gettext, switched per voter.
 *
 * English msgids are in the code as _("..."); po/LANG.po holds each
 * translation.  The kiosk changes language for every attendee, so
 * i18n_set_lang switches the catalog at run time (LANGUAGE plus glibc's
 * catalog counter) under a UTF-8 C locale. */
#ifndef AS_I18N_H
#define AS_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* i18n_init: sets a UTF-8 C locale and binds the "asamblea" domain to the
 * first directory holding catalogs: $ASAMBLEA_LOCALEDIR, the build tree's
 * locale dir, then the installed one.  Returns 0, or -1 if no catalog
 * directory exists (strings then stay English; the caller may warn). */
int i18n_init(void);

/* i18n_set_lang: makes later _() calls answer in code ("en", "es"...).
 * Unknown codes fall back to English msgids. */
void i18n_set_lang(const char *code);

/* i18n_lang_name: a language's own name ("Español" for "es"), or the code
 * itself when unknown.  Never NULL. */
const char *i18n_lang_name(const char *code);

#endif
