/* assets.c: where the program's shipped data files are (assets.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "assets.h"
#include "file_read.h"

/* places: the folders to look in, in order (NULL ends the list). */
static void places(const char *out[3])
{
    const char *env = getenv("ASAMBLEA_ASSETSDIR");
    if (env && *env) {
        out[0] = env; /* an explicit choice: no silent fallback */
        out[1] = NULL;
        return;
    }
    out[0] = AS_BUILD_ASSETSDIR;
    out[1] = AS_INSTALL_ASSETSDIR;
    out[2] = NULL;
}

as_status assets_find(const char *rel, char *path, size_t size, as_err *err)
{
    const char *dirs[3];
    char looked[1024] = "";
    struct stat sb;

    if (!rel || !*rel || rel[0] == '/' || strstr(rel, ".."))
        return as_err_set(err, AS_EINVAL, "assets: '%s' is not a file name inside "
                          "the assets folder", rel ? rel : "");
    places(dirs);
    for (int i = 0; i < 3 && dirs[i]; i++) {
        if ((size_t)snprintf(path, size, "%s/%s", dirs[i], rel) >= size)
            return as_err_set(err, AS_EINVAL, "%s/%s: path too long", dirs[i], rel);
        /* Any kind of file counts as "found": assets_read then says what
         * is wrong with it instead of skipping to an older copy. */
        if (stat(path, &sb) == 0)
            return AS_OK;
        size_t n = strlen(looked);
        snprintf(looked + n, sizeof looked - n, "%s%s", n ? ", " : "", dirs[i]);
    }
    path[0] = '\0';
    if (!dirs[1]) /* ASAMBLEA_ASSETSDIR named the only place */
        return as_err_set(err, AS_ENOENT,
                          "%s: not found (looked in %s, as ASAMBLEA_ASSETSDIR says); point "
                          "it at a copy of the source tree's assets/ folder, or unset it "
                          "and reinstall the asamblea package", rel, looked);
    return as_err_set(err, AS_ENOENT,
                      "%s: not found (looked in %s); reinstall the asamblea package, "
                      "or set ASAMBLEA_ASSETSDIR to a copy of the source tree's "
                      "assets/ folder", rel, looked);
}

as_status assets_read(const char *rel, size_t max, char *path, size_t size,
                      char **buf, size_t *len, as_err *err)
{
    char found[4096];
    as_err e;
    as_status st;

    *buf = NULL;
    *len = 0;
    if ((st = assets_find(rel, found, sizeof found, err)) != AS_OK)
        return st;
    if (path)
        snprintf(path, size, "%s", found);
    st = file_read_regular(found, FILE_FOLLOW, max, "file shipped with asamblea", buf, len, &e);
    if (st != AS_OK)
        return as_err_set(err, st, "%s: %s; reinstall the asamblea package", found,
                          e.msg);
    return AS_OK;
}
