/* roster_import.c: a spreadsheet's membership list turned into a roster
 * (see roster.h and docs/roster.md, "Importing a membership list").
 *
 * The input is whatever a spreadsheet program saved, so the checks aim at
 * what goes wrong there: another encoding (refused, never guessed: a wrong
 * guess prints wrong names on badges), semicolons instead of commas, a
 * name column with another header, a hand-typed token.  Every problem is
 * reported in one run, and the roster file appears only once the whole
 * list converted cleanly.  This file reads the list and writes the
 * roster file; roster_import_convert.c turns one into the other. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sodium.h>
#include "file_write.h"
#include "parse_file.h"
#include "roster.h"
#include "roster_import_internal.h"

/* ---- writing the file ---- */

/* write_new: writes the roster through the crash-safe writer
 * (file_write.h), mode 0600: it will hold badge tokens.  Without force
 * a file that appeared at path meanwhile is never replaced. */
static as_status write_new(const char *path, const char *data, size_t len,
                           int force, diag_list *diag)
{
    file_write_opts o = {0600, force ? 0 : FILE_WRITE_NO_REPLACE};
    as_err err;
    as_status st = file_write_atomic(path, data, len, &o, &err);

    if (st == AS_ESTATE) {
        diag_add(diag, path, 0, 0,
                 "this file appeared while importing; nothing was written; "
                 "choose another name with -o, or pass --force to replace it");
        return AS_EINVAL;
    }
    if (st != AS_OK)
        diag_add_err(diag, path, &err, NULL);
    return st;
}

as_status roster_import(const char *in_path, const char *out_path,
                        const roster_import_opts *o, int force,
                        roster_import_summary *sum, diag_list *diag)
{
    struct stat in_sb, out_sb;
    char *buf = NULL, *out = NULL;
    size_t len = 0, outlen = 0;
    as_status st;

    if (!in_path || !in_path[0] || !out_path || !out_path[0]) {
        diag_add(diag, "asamblea", 0, 0,
                 "roster import needs the membership list and -o ROSTER.csv");
        return AS_EINVAL;
    }
    if (stat(out_path, &out_sb) == 0) {
        if (S_ISDIR(out_sb.st_mode)) {
            diag_add(diag, out_path, 0, 0,
                     "this is a folder; give -o the name of the roster file "
                     "to write, like %s/roster.csv", out_path);
            return AS_EINVAL;
        }
        if (stat(in_path, &in_sb) == 0 && in_sb.st_dev == out_sb.st_dev &&
            in_sb.st_ino == out_sb.st_ino) {
            diag_add(diag, out_path, 0, 0,
                     "this is the membership list itself; write the roster to "
                     "another file with -o, like roster.csv");
            return AS_EINVAL;
        }
        if (!force) {
            diag_add(diag, out_path, 0, 0,
                     "already exists; nothing was written; choose another name "
                     "with -o, or pass --force to replace it");
            return AS_EINVAL;
        }
    }
    st = parse_read_file(in_path, "membership list", IMPORT_MAX_BYTES, &buf, &len,
                         diag);
    if (st != AS_OK)
        return st;
    st = roster_import_convert(in_path, buf, len, o, &out, &outlen, sum, diag);
    if (st == AS_OK)
        st = write_new(out_path, out, outlen, force, diag);
    if (out) {
        sodium_memzero(out, outlen);
        free(out);
    }
    sodium_memzero(buf, len);
    free(buf);
    return st;
}
