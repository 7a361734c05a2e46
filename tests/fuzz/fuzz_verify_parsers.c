/* fuzz_verify_parsers.c: libFuzzer harness for every parser of the
 * verifier.  The first byte picks the parser, the rest is the file.  Each
 * parser must return (never crash, hang or leak) on any bytes; when one
 * accepts, the result must respect the invariants its contract promises. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include <json-c/json.h>
#include "fuzz_mem.h"
#include "verify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        if (sodium_init() < 0)
            abort();
        ready = 1;
    }
    if (size < 1)
        return 0;
    int which = data[0] % 11;
    /* A copy of exactly the input, so ASan sees any read past its end. */
    size_t n = size - 1;
    char *buf = malloc(n ? n : 1);
    if (!buf)
        return 0;
    memcpy(buf, data + 1, n);
    as_err err;
    fuzz_mem_begin(); /* the parsers' results are kept until the checks end */
    switch (which) {
    case 0: {
        verify_manifest m;
        if (verify_manifest_parse(buf, n, "manifest.txt", &m, &err) == AS_OK) {
            if (m.n < 1 || m.n > VERIFY_FILES_MAX)
                abort();
            for (int i = 1; i < m.n; i++)
                if (strcmp(m.e[i - 1].path, m.e[i].path) >= 0)
                    abort();
            verify_manifest_free(&m);
        }
        break;
    }
    case 1: {
        verify_results r;
        if (verify_results_parse(buf, n, "results.txt", &r, &err) == AS_OK) {
            for (int i = 0; i < r.n; i++) {
                const verify_result *x = &r.r[i];
                if (x->off + x->len > n || x->den <= 0 || x->num > x->den ||
                    verify_results_find(&r, x->id) != i ||
                    (x->state == VERIFY_CLOSED &&
                     x->yes + x->no + x->abstain != x->ballots))
                    abort();
            }
            verify_results_free(&r);
        }
        break;
    }
    case 2: {
        verify_attendance a;
        if (verify_attendance_parse(buf, n, "attendance.txt", &a, &err) == AS_OK &&
            (a.checked_in > a.attended || a.attended > a.roster))
            abort();
        break;
    }
    case 3: {
        verify_events ev;
        if (verify_events_parse(buf, n, "events.log", &ev, &err) == AS_OK) {
            for (int i = 0; i < ev.n; i++)
                if (ev.e[i].line != i + 1)
                    abort();
            verify_events_free(&ev);
        }
        break;
    }
    case 4: {
        verify_ballots b;
        if (verify_ballots_parse(buf, n, "ballots/x.txt", &b, &err) == AS_OK &&
            b.yes + b.no + b.abstain != b.n)
            abort();
        break;
    }
    case 5: {
        uint8_t pk[32];
        verify_pubkey_parse(buf, n, "device.pub", pk, &err);
        break;
    }
    case 6: {
        uint8_t pk[32];
        verify_pem_parse(buf, n, "device.pem", pk, &err);
        break;
    }
    case 7: {
        verify_csv c;
        if (verify_csv_parse(buf, n, "results.csv", &c, &err) == AS_OK) {
            if (c.nrows < 1 || c.nrows > VERIFY_PROPS_MAX + 1 || c.ncols < 1 ||
                c.ncols > VERIFY_CSV_COLS_MAX)
                abort();
            for (int i = 0; i < c.nrows * c.ncols; i++)
                if (strlen(c.field[i]) > n)
                    abort();
            verify_csv_free(&c);
        }
        break;
    }
    case 9: {
        verify_kiosk_keys k;
        if (verify_kiosk_keys_parse(buf, n, "kiosks/keys.txt", &k, &err) == AS_OK) {
            for (int i = 0; i < k.n; i++)
                if (k.k[i].kiosk < 1 || k.k[i].kiosk > VERIFY_KIOSK_MAX ||
                    (i > 0 && k.k[i - 1].kiosk >= k.k[i].kiosk) || k.k[i].line != i + 1)
                    abort();
            verify_kiosk_keys_free(&k);
        }
        break;
    }
    case 10: {
        int64_t lines = -1;
        if (verify_kiosk_list_parse(buf, n, "kiosks/x.001.list", &lines, &err) == AS_OK &&
            (lines < 0 || (size_t)lines * 35 > n))
            abort();
        break;
    }
    case 8: {
        struct json_object *o = NULL;
        if (verify_json_parse(buf, n, "results.json", (size_t)1 << 20, &o, &err) == AS_OK &&
            !json_object_is_type(o, json_type_object))
            abort();
        json_object_put(o);
        break;
    }
    default:
        break;
    }
    fuzz_mem_end(n, "the verifier's parser");
    free(buf);
    return 0;
}
