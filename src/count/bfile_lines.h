/* bfile_lines.h: the ballot readers' source of lines, either a buffer in
 * memory (the bfile_parse_ functions) or a file read in fixed chunks
 * (bfile_read, bfile_read_list), so
 * reading a file never holds more of it than the longest line (or CSV
 * record) plus one chunk: peak memory is the program plus the ballot set,
 * not the file.  Internal to src/count (bfile_*.c). */
#ifndef AS_BFILE_LINES_H
#define AS_BFILE_LINES_H

#include <stddef.h>
#include "diag.h"
#include "rcv.h"
#include "status.h"

#define BFILE_CHUNK ((size_t)64 * 1024)
/* No ballot line is this long; a file that has one is not a ballot file
 * (or a CSV cell's quote is never closed). */
#define BFILE_MAX_LINE ((size_t)16 * 1024 * 1024)

typedef struct {
    const char *path; /* for the reader's own diagnostics */
    diag_list *diag;
    int fd;           /* -1: reading from memory */
    char *buf;        /* the file's bytes [0, end) held now; owned when fd >= 0 */
    size_t cap, end;
    size_t pos;       /* where the next line starts */
    size_t rec;       /* where the last line (record, after joins) starts */
    size_t scan;      /* from here on no '\n' was seen yet */
    int eof;          /* nothing more to read into buf */
    int line;         /* 1-based number of the last line returned; 0 before */
    const char *long_msg; /* what to say of a line over BFILE_MAX_LINE;
                             a parser may word it for its format */
    as_status st;     /* AS_OK, or why reading stopped (diag says so) */
} bfile_lines;

/* bfile_lines_mem: lines from buf[0..len) (not copied: it must outlive
 * r).  Cannot fail; bfile_lines_close is not needed but allowed. */
void bfile_lines_mem(bfile_lines *r, const char *name, const char *buf, size_t len,
                     diag_list *diag);

/* bfile_lines_open: lines from the regular file at path, read in
 * BFILE_CHUNK pieces.  Refuses a directory, FIFO or device (AS_EINVAL), a
 * missing file (AS_ENOENT, "ballot file not found"), an unreadable one
 * (AS_EREADONLY / AS_EIO) and one larger than max bytes (AS_EINVAL);
 * AS_ENOMEM.  On failure one line naming path and what to do is in diag
 * and r needs no close. */
as_status bfile_lines_open(bfile_lines *r, const char *path, size_t max,
                           diag_list *diag);

/* bfile_lines_close: closes the file and frees the buffer; r may then be
 * reopened.  Safe on a reader made by bfile_lines_mem. */
void bfile_lines_close(bfile_lines *r);

/* bfile_lines_next: the next line, *line (*n bytes) without its '\n' (a '\r'
 * before it is kept), valid until the next call; r->line is its number.
 * A last line without '\n' still counts; a file ending in '\n' has no
 * empty line after it.  Returns 1 for a line, 0 at the end of the input
 * or when reading failed: then r->st != AS_OK, diag says why (a read
 * error, out of memory, or, from a file, a line longer than
 * BFILE_MAX_LINE: AS_EINVAL "file:line: long_msg"), and the
 * caller should add nothing that the missing rest could have caused. */
int bfile_lines_next(bfile_lines *r, const char **line, size_t *n);

/* bfile_lines_join: extends the last line returned by the next one (a
 * CSV record whose quoted cell spans lines): *rec (*n bytes) is then the whole
 * record, its inner '\n' included, and r->line the number of its last
 * line.  Returns 1, or 0 as bfile_lines_next (no more input, or
 * failure).  At the end of the input (0 with r->st == AS_OK) *rec is set
 * again to where the record now is (*n bytes, as before the call): the
 * buffer may have moved, so the old pointer must not be used. */
int bfile_lines_join(bfile_lines *r, const char **rec, size_t *n);

/* bfile_lines_rewind: starts again at the first line (PrefLib reads its
 * metadata first, then the rankings).  AS_OK, or AS_EIO (diag says so). */
as_status bfile_lines_rewind(bfile_lines *r);

/* bfile_lines_skip_bom: drops a UTF-8 byte order mark at the very start
 * (spreadsheets write one); call before the first line. */
void bfile_lines_skip_bom(bfile_lines *r);

/* bfile_marks: the marks of the ballot a parser is reading, reused from
 * one ballot to the next (n = 0 starts the next).  Every format collects
 * its marks the same way, so they share this one growing array. */
typedef struct {
    rcv_mark *v;
    size_t n, cap;
} bfile_marks;

/* bfile_marks_push: appends x, doubling the room from 32.  -1 when memory
 * ran out (the marks so far stay); free(mk->v) when done. */
int bfile_marks_push(bfile_marks *mk, rcv_mark x);

/* Parsers over a reader; bfile_parse_blt/_preflib/_csv and bfile_read
 * wrap them.  The contract is that of the bfile_parse_ functions
 * (ballot_file.h); when the reader fails
 * they return its status with nothing more in diag. */
as_status bfile_blt_lines(const char *name, bfile_lines *r, rcv_ballots **out,
                          diag_list *diag);
as_status bfile_preflib_lines(const char *name, bfile_lines *r, rcv_ballots **out,
                              diag_list *diag);
as_status bfile_csv_lines(const char *name, bfile_lines *r, const char *const *names,
                          int n, rcv_ballots **out, diag_list *diag);

#endif
