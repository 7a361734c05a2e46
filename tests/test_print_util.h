/* test_print_util.h: running the real program and the independent tools
 * (pdftoppm, pdftotext, zbarimg) on what it printed. */
#ifndef AS_TEST_PRINT_UTIL_H
#define AS_TEST_PRINT_UTIL_H

#include <stddef.h>
#include "print.h"

/* tp_run: runs the shell command cmd (stdout and stderr to the files
 * out/err when non-NULL); returns its exit status, or -1. */
int tp_run(const char *cmd, const char *out, const char *err);

/* tp_have: 1 if the program is on PATH. */
int tp_have(const char *prog);

/* tp_read: the whole file, NUL-terminated and malloc'd; NULL if missing. */
char *tp_read(const char *path, size_t *len);

/* tp_exists: 1 if path exists. */
int tp_exists(const char *path);

/* tp_count_files: entries in dir (without . and ..) whose names start
 * with prefix ("" for all); -1 if dir cannot be read. */
int tp_count_files(const char *dir, const char *prefix);

/* tp_decode_pdf: renders each of the nitems cards of pdf, laid out as l,
 * at 200 dpi (pdftoppm -png, cropped to the card) into files starting
 * with work/stem, decodes them all with zbarimg and returns the decoded
 * texts sorted, one per element (*n of them, malloc'd array of malloc'd
 * strings; tp_free_list).  NULL on failure. */
char **tp_decode_pdf(const char *pdf, const char *work, const char *stem,
                     const print_layout *l, int nitems, int *n);

/* tp_decode_images: the same for image files matching the shell glob. */
char **tp_decode_images(const char *glob, const char *work, int *n);

void tp_free_list(char **l, int n);

/* tp_sort: sorts n strings in place. */
void tp_sort(char **l, int n);

/* tp_squash: a malloc'd copy of s without any whitespace (pdftotext may
 * break a name over two lines). */
char *tp_squash(const char *s);

/* tp_pdf_text: pdftotext of pdf, squashed. NULL on failure. */
char *tp_pdf_text(const char *pdf, const char *work);

/* tp_mkdtemp: a fresh directory under /tmp (malloc'd path) / removes one. */
char *tp_mkdtemp(void);
void tp_rm_rf(const char *dir);

#endif
