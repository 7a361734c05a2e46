/* verify_attendance.c: attendance.txt (§4), four counts and nothing else. */
#include "verify_internal.h"

as_status verify_attendance_parse(const char *buf, size_t len, const char *name,
                                  verify_attendance *out, as_err *err)
{
    static const char *const keys[] = {"roster", "checked-in", "attended", "quorum"};
    int64_t *dst[] = {&out->roster, &out->checked_in, &out->attended, &out->quorum};
    enum { NKEYS = sizeof keys / sizeof keys[0] };
    vline c;
    const char *s, *v;
    size_t n, vn;
    vline_init(&c, buf, len, name);
    for (int k = 0; k < NKEYS; k++) {
        int r = vline_next(&c, &s, &n, err);
        if (r < 0)
            return AS_EINVAL;
        if (r == 0)
            return as_err_set(err, AS_EINVAL, "%s:%d: missing line \"%s <n>\"",
                              name, c.line + 1, keys[k]);
        if (vkey(s, n, keys[k], &v, &vn) != 0 ||
            vnum(v, vn, VERIFY_COUNT_MAX, dst[k]) != 0)
            return as_err_set(err, AS_EINVAL, "%s:%d: expected \"%s <number without "
                              "leading zeros>\"", name, c.line, keys[k]);
    }
    int r = vline_next(&c, &s, &n, err);
    if (r < 0)
        return AS_EINVAL;
    if (r > 0)
        return as_err_set(err, AS_EINVAL, "%s:%d: extra line after quorum", name,
                          c.line);
    /* Everyone present at the export checked in at some time, and only
     * people on the roster check in. */
    if (out->checked_in > out->attended)
        return as_err_set(err, AS_EINVAL, "%s:2: more people checked in now than "
                          "ever attended (line 3)", name);
    if (out->attended > out->roster)
        return as_err_set(err, AS_EINVAL, "%s:3: more people attended than on "
                          "the roster", name);
    return AS_OK;
}
