/* assets.h: finding the files the program ships that are not code (the
 * demo meeting, the example meetings, images and sounds): the assets/
 * folder of the source tree, installed to ${prefix}/share/asamblea
 * (/usr/share/asamblea in the .deb).
 *
 * Where they are looked for, in order, as the translations are (i18n.c):
 *   1. $ASAMBLEA_ASSETSDIR, when set and not empty: there and nowhere
 *      else, so a test or an organizer can point at another copy;
 *   2. the build tree's copy (a build copies assets/ next to the program,
 *      so `./build/asamblea demo` works without installing);
 *   3. the installed copy, ${CMAKE_INSTALL_PREFIX}/share/asamblea. */
#ifndef AS_ASSETS_H
#define AS_ASSETS_H

#include <stddef.h>
#include "status.h"

/* assets_find: the full path of the asset rel ("demo/demo-meeting.yaml")
 * in the first place above that holds it, into path (size bytes).
 * AS_ENOENT when no place holds it: err names the file, every folder
 * looked in and what to do (reinstall, or set ASAMBLEA_ASSETSDIR);
 * AS_EINVAL when rel is empty, absolute or holds "..", or the path does
 * not fit. */
as_status assets_find(const char *rel, char *path, size_t size, as_err *err);

/* assets_read: assets_find, then the whole file (at most max bytes; a
 * FIFO, device or larger file is refused: file_read_regular) into a
 * malloc'd buffer *buf (NUL added, not counted in *len).  path (may be
 * NULL) receives where it was found.  Failures as assets_find, plus those
 * of file_read_regular with err naming the file; *buf is NULL then. */
as_status assets_read(const char *rel, size_t max, char *path, size_t size,
                      char **buf, size_t *len, as_err *err);

#endif
