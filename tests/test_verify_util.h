/* test_verify_util.h: an export bundle made by hand for the verifier's
 * tests, independently of the export module's bundle writer: the ballot
 * lines, roots and event chain come from record.h, the results files from
 * the export's render functions, the manifest and signature from
 * libsodium here.  A bundle is a list of (path, bytes) kept in memory so
 * tests can tamper with it and then write it to a directory. */
#ifndef AS_TEST_VERIFY_UTIL_H
#define AS_TEST_VERIFY_UTIL_H

#include <stddef.h>
#include <stdint.h>

#define TB_MAX_FILES 64

typedef struct {
    char *path;
    char *buf;
    size_t len;
} tb_file;

typedef struct {
    int n;
    tb_file f[TB_MAX_FILES];
    uint8_t pk[32], sk[64];
} tbundle;

/* tb_make: the bundle of the test meeting at stage 1 (coat-drive closed,
 * bylaws-recall open, others draft) or stage 2 (bylaws-recall closed
 * too, meeting-time open); ballots are the same at both stages.  Signed
 * with a key derived from key_seed. Returns 0 or -1. */
int tb_make(tbundle *b, int stage, int key_seed);
void tb_free(tbundle *b);
tb_file *tb_get(tbundle *b, const char *path);
/* tb_set: replaces (or adds) a file's content. */
void tb_set(tbundle *b, const char *path, const char *buf, size_t len);
void tb_remove(tbundle *b, const char *path);
/* tb_seal: rewrites manifest.txt and manifest.sig (and device.pub/pem)
 * for the current files with the key from key_seed. */
void tb_seal(tbundle *b, int key_seed);
/* tb_resign: signs the current manifest.txt as it is (after an edit of
 * the manifest itself) with the key from key_seed. */
void tb_resign(tbundle *b, int key_seed);
/* tb_write: writes the bundle into a fresh directory under parent; returns
 * its malloc'd path, or NULL. */
char *tb_write(const tbundle *b, const char *parent);
/* tb_rm_rf: removes a directory tree made by the tests. */
void tb_rm_rf(const char *path);
/* tb_fingerprint: the fingerprint of the key from key_seed. */
void tb_fingerprint(int key_seed, char out[32]);
/* tb_root: the Merkle root of a closed proposal's ballots in b (-1: no
 * such list). */
int tb_root(tbundle *b, const char *proposal, uint8_t root[32]);
/* tb_room_code: the ballot-list code of a closed proposal's ballots in b. */
int tb_room_code(tbundle *b, const char *proposal, char out[32]);

/* Line edits on a file of b (lines numbered from 1); -1 if out of range. */
int tb_drop_line(tbundle *b, const char *path, int line);
int tb_dup_line(tbundle *b, const char *path, int line);
int tb_swap_lines(tbundle *b, const char *path, int a, int c);
int tb_replace_in_line(tbundle *b, const char *path, int line, const char *from,
                       const char *to);
int tb_line_count(tbundle *b, const char *path);

/* What verify_bundle reported: one "ok|FAIL|SKIP: CHECK: DETAIL" line
 * per report (DETAIL empty for ok). */
typedef struct {
    char text[32768];
    size_t len;
} tb_report;

/* tb_verify: verifies the bundle at dir (prev: --previous, or NULL) into
 * c; the failures, or -1 with c->text the reason it could not run. */
int tb_verify(const char *dir, const char *prev, tb_report *c);

/* tb_cli: runs `asamblea verify ARGS` (args as a shell would split them),
 * its stdout and stderr into out; its exit status, or -1. */
int tb_cli(const char *args, char *out, size_t size);

/* tb_sh: runs a shell command in dir; its stdout and stderr into out
 * (NULL: thrown away).  Its exit status, or -1. */
int tb_sh(const char *dir, const char *cmd, char *out, size_t size);

/* The test meeting's file. */
extern const char tb_meeting_yaml[];

#endif
