/* export_copy.c: the copy of the meeting file (and the roster size) kept
 * in the data directory, so an export needs only --data. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "whole.h"
#include "export_internal.h"

#define COPY_NAME "meeting.yaml"
#define SIZE_NAME "roster-size.txt"

as_status export_save_meeting_copy(const char *data_dir, const char *bytes,
                                   size_t len, int roster_size, as_err *err)
{
    char num[32];
    as_status st;

    if (!data_dir || (!bytes && len) || roster_size < 0)
        return as_err_set(err, AS_EINVAL, "export: bad arguments saving the meeting copy");
    /* The size first: a copy without its size is never left newer than it. */
    snprintf(num, sizeof num, "%d\n", roster_size);
    if ((st = export_fs_replace(data_dir, SIZE_NAME, num, strlen(num), err)) != AS_OK)
        return st;
    return export_fs_replace(data_dir, COPY_NAME, bytes ? bytes : "", len, err);
}

as_status export_load_meeting_copy(const char *data_dir, char **bytes,
                                   size_t *len, int *roster_size, as_err *err)
{
    char path[EXPORT_PATH_MAX + 64];
    char *num = NULL, *end;
    size_t numlen;
    int64_t v;
    as_status st;

    *bytes = NULL;
    *len = 0;
    snprintf(path, sizeof path, "%s/" SIZE_NAME, data_dir);
    if ((st = export_fs_read(path, &num, &numlen, err)) != AS_OK) {
        if (st == AS_ENOENT)
            as_err_set(err, st,
                       "%s: missing, so the meeting file the kiosk used is unknown; "
                       "pass it with --meeting MEETING.yaml", path);
        return st;
    }
    /* the number, then any line end or spaces */
    end = num + numlen;
    while (end > num && (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' '))
        end--;
    if (!whole_parse_n(num, (size_t)(end - num), 100000000, &v)) {
        free(num);
        return as_err_set(err, AS_ECORRUPT,
                          "%s: not a number; delete it and pass --meeting MEETING.yaml",
                          path);
    }
    free(num);
    snprintf(path, sizeof path, "%s/" COPY_NAME, data_dir);
    if ((st = export_fs_read(path, bytes, len, err)) != AS_OK) {
        if (st == AS_ENOENT)
            as_err_set(err, st,
                       "%s: missing, so the meeting file the kiosk used is unknown; "
                       "pass it with --meeting MEETING.yaml", path);
        return st;
    }
    if (roster_size)
        *roster_size = (int)v;
    return AS_OK;
}
