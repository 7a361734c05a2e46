/* bfile_read.c: reading a ballot file by its extension, streamed in
 * fixed chunks (bfile_lines) so the file is never held whole; merging of
 * identical ballots happens in rcv_ballots_add (rcv_ballots_merge_identical). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "ballot_file.h"
#include "bfile_lines.h"

/* A ballot file of a million ballots is tens of megabytes; a gigabyte is
 * surely a wrong path (the file is streamed, but its ballots are not). */
#define BFILE_MAX_BYTES ((size_t)1 << 30)

static int bfile_ext_is(const char *path, const char *ext)
{
    size_t lp = strlen(path), le = strlen(ext);
    if (lp <= le)
        return 0;
    for (size_t i = 0; i < le; i++)
        if (tolower((unsigned char)path[lp - le + i]) != tolower((unsigned char)ext[i]))
            return 0;
    return 1;
}

static bfile_format format_of(const char *path)
{
    static const char *const preflib[] = {".soi", ".toi", ".toc", ".soc"};
    if (bfile_ext_is(path, ".blt"))
        return BFILE_BLT;
    if (bfile_ext_is(path, ".csv"))
        return BFILE_CSV;
    for (size_t i = 0; i < sizeof preflib / sizeof preflib[0]; i++)
        if (bfile_ext_is(path, preflib[i]))
            return BFILE_PREFLIB;
    return BFILE_AUTO;
}

as_status bfile_read_list(const char *path, bfile_format fmt,
                          const char *const *names, int n, rcv_ballots **out,
                          diag_list *diag)
{
    as_status st;

    *out = NULL;
    if (fmt == BFILE_AUTO)
        fmt = format_of(path);
    if (fmt == BFILE_AUTO) {
        diag_add(diag, path, 0, 0,
                 "not a ballot file format asamblea knows; name it .blt (ERS/OpenSTV), "
                 ".soi/.toi/.toc/.soc (PrefLib) or .csv (one ballot per row)");
        return AS_EINVAL;
    }
    if (names && fmt != BFILE_CSV) {
        diag_add(diag, path, 0, 0,
                 "a candidate list only applies to .csv files; this file names its "
                 "candidates itself, so leave the list out");
        return AS_EINVAL;
    }
    bfile_lines r;
    st = bfile_lines_open(&r, path, BFILE_MAX_BYTES, diag);
    if (st != AS_OK)
        return st;
    switch (fmt) {
    case BFILE_BLT:
        st = bfile_blt_lines(path, &r, out, diag);
        break;
    case BFILE_PREFLIB:
        st = bfile_preflib_lines(path, &r, out, diag);
        break;
    default:
        st = bfile_csv_lines(path, &r, names, n, out, diag);
        break;
    }
    bfile_lines_close(&r);
    return st;
}

as_status bfile_read(const char *path, bfile_format fmt, rcv_ballots **out,
                     diag_list *diag)
{
    return bfile_read_list(path, fmt, NULL, 0, out, diag);
}
