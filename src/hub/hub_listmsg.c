/* hub_listmsg.c: what a kiosk signs when it hands in its ballot list
 * (docs/several-kiosks.md, docs/export-format.md): one definition for
 * the kiosk that signs and the closer that checks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hub_lists.h"

static const char domain_sep[] = "asamblea-kiosk-list/v1\n";

as_status hub_list_message(const char *proposal, int64_t n, const char *list,
                           size_t len, char **msg, size_t *mlen, as_err *err)
{
    char head[128];
    int h = snprintf(head, sizeof head, "%s%s\n%lld\n", domain_sep, proposal,
                     (long long)n);
    *msg = NULL;
    if (h < 0 || (size_t)h >= sizeof head)
        return as_err_set(err, AS_EINVAL, "proposal id too long");
    if (!(*msg = malloc((size_t)h + len + 1)))
        return as_err_set(err, AS_ENOMEM, "out of memory");
    memcpy(*msg, head, (size_t)h);
    memcpy(*msg + h, list, len);
    *mlen = (size_t)h + len;
    return AS_OK;
}

