/* export_files.c: the list of files an export is built as in memory
 * (export_internal.h's xfiles), before export_fs_write_tree writes it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "export_internal.h"

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
    if (f->n == f->cap) {
        int cap = f->cap ? f->cap * 2 : 8;
        xfile *v = realloc(f->v, (size_t)cap * sizeof *v);
        if (!v)
            return NULL;
        f->v = v;
        f->cap = cap;
    }
    xfile *x = &f->v[f->n++];
    memset(x, 0, sizeof *x);
    snprintf(x->name, sizeof x->name, "%s", name);
    xbuf_init(&x->data);
    return x;
}
