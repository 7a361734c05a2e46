/* export_files.c: the list of files an export is built as in memory
 * (export_internal.h's xfiles), before export_fs_write_tree writes it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "export_internal.h"
#include "grow.h"

void xfiles_free(xfiles *f)
{
    for (int i = 0; i < f->n; i++)
        xbuf_free(&f->v[i].data);
    free(f->v);
    memset(f, 0, sizeof *f);
}

xfile *xfiles_add(xfiles *f, const char *name)
{
    if (strlen(name) >= sizeof f->v[0].name)
        return NULL;
    xfile *v = as_grow(f->v, f->n, &f->cap, sizeof *f->v, 8);
    if (!v)
        return NULL;
    f->v = v;
    xfile *x = &f->v[f->n++];
    memset(x, 0, sizeof *x);
    snprintf(x->name, sizeof x->name, "%s", name);
    xbuf_init(&x->data);
    return x;
}
