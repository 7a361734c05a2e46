/* test_verify_tools.c: a bundle can be checked without asamblea, with the
 * standard tools docs/verify.md names: `sha256sum -c manifest.txt`,
 * `openssl pkeyutl -verify` over the domain string and the manifest, and a
 * recount with cut | sort | uniq -c that must equal results.txt.  And the
 * same tools notice a changed ballot. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "check.h"
#include "test_verify_util.h"

static char tmpdir[] = "/tmp/as-verify-tools-XXXXXX";

static int sh(const char *dir, const char *cmd, char *out, size_t size)
{
    return tb_sh(dir, cmd, out, size);
}

static int have_openssl_ed25519(void)
{
    char out[4096];
    return sh("/", "command -v openssl >/dev/null && openssl list -public-key-algorithms",
              out, sizeof out) == 0 &&
           strstr(out, "ED25519") != NULL;
}

/* The signed message for openssl is the domain string then the manifest. */
static const char openssl_cmd[] =
    "printf 'asamblea-export/v1\\n' | cat - manifest.txt > ../signed.bin && "
    "openssl pkeyutl -verify -pubin -inkey device.pem -rawin -in ../signed.bin "
    "-sigfile manifest.sig";

static void test_standard_tools(void)
{
    tbundle b;
    char out[8192];
    CHECK(tb_make(&b, 2, 1) == 0);
    char *dir = tb_write(&b, tmpdir);
    CHECK(dir != NULL);
    if (!dir)
        return;

    /* 1. Every file matches its hash. */
    CHECK_INT(sh(dir, "sha256sum -c manifest.txt", out, sizeof out), 0);
    CHECK(strstr(out, "ballots/coat-drive.txt: OK") != NULL);

    /* 2. The signature, with openssl alone. */
    if (have_openssl_ed25519()) {
        CHECK_INT(sh(dir, openssl_cmd, out, sizeof out), 0);
        CHECK_MSG(strstr(out, "Signature Verified Successfully") != NULL, "%s", out);
    } else {
        CHECK_SKIP("openssl with Ed25519 not installed: signature by openssl not checked");
    }

    /* 3. The recount: choices per proposal, counted by uniq. */
    CHECK_INT(sh(dir, "cut -d' ' -f2 ballots/coat-drive.txt | sort | uniq -c", out,
                 sizeof out), 0);
    int yes = -1, no = -1, abstain = -1, n;
    char word[16];
    for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
        if (sscanf(line, " %d %15s", &n, word) != 2)
            continue;
        if (!strcmp(word, "yes"))
            yes = n;
        else if (!strcmp(word, "no"))
            no = n;
        else if (!strcmp(word, "abstain"))
            abstain = n;
    }
    /* ... equals results.txt's block for coat-drive. */
    char want[256], res[8192];
    CHECK_INT(sh(dir, "sed -n '/^proposal coat-drive$/,/^$/p' results.txt", res,
                 sizeof res), 0);
    snprintf(want, sizeof want, "yes %d\nno %d\nabstain %d\n", yes, no, abstain);
    CHECK_MSG(strstr(res, want) != NULL, "recount\n%s\nnot in\n%s", want, res);
    CHECK_INT(sh(dir, "wc -l < ballots/coat-drive.txt", out, sizeof out), 0);
    snprintf(want, sizeof want, "ballots %d\n", atoi(out));
    CHECK(strstr(res, want) != NULL);
    /* Sorted, unique ids: sort -c -u agrees. */
    CHECK_INT(sh(dir, "LC_ALL=C sort -c -u ballots/coat-drive.txt", NULL, 0), 0);

    /* 4. The same tools catch a changed ballot. */
    CHECK_INT(sh(dir, "sed -i -e '1s/ yes$/ no/;t' -e '1s/ [a-z]*$/ yes/' "
                      "ballots/coat-drive.txt", NULL, 0), 0);
    CHECK(sh(dir, "sha256sum --quiet -c manifest.txt", out, sizeof out) != 0);
    CHECK(strstr(out, "ballots/coat-drive.txt: FAILED") != NULL);
    /* A forged manifest then fails the signature. */
    CHECK_INT(sh(dir, "sha256sum meeting.yaml README.txt attendance.txt >/dev/null && "
                      "{ grep -v coat-drive manifest.txt; sha256sum ballots/coat-drive.txt; } "
                      "| LC_ALL=C sort -k2 > m2 && mv m2 manifest.txt", NULL, 0), 0);
    CHECK_INT(sh(dir, "sha256sum --quiet -c manifest.txt", NULL, 0), 0);
    if (have_openssl_ed25519()) {
        CHECK(sh(dir, openssl_cmd, out, sizeof out) != 0);
        CHECK(strstr(out, "Signature Verification Failure") != NULL);
    }
    tb_rm_rf(dir);
    free(dir);
    tb_free(&b);
}

int main(void)
{
    if (sodium_init() < 0 || !mkdtemp(tmpdir))
        return 1;
    test_standard_tools();
    tb_rm_rf(tmpdir);
    return check_done();
}
