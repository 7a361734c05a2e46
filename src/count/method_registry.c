/* method_registry.c: the one table of voting methods, built from the
 * registry's lines (include/method_list.h), and the look-ups the rest of
 * the program uses instead of testing which method a proposal uses. */
#include <stdio.h>
#include <string.h>
#include "method.h"

#define METHOD_ENTRY(e, name) extern const method_def method_##name;
#include "method_list.h"
#undef METHOD_ENTRY

static const method_def *const registry[METHOD_COUNT] = {
#define METHOD_ENTRY(e, name) [METHOD_##e] = &method_##name,
#include "method_list.h"
#undef METHOD_ENTRY
};

const method_def *method_of(vote_method m)
{
    if ((int)m < 0 || (int)m >= METHOD_COUNT)
        return registry[0];
    return registry[m];
}

const method_def *method_at(int i)
{
    return i >= 0 && i < METHOD_COUNT ? registry[i] : NULL;
}

const method_def *method_by_word(const char *s)
{
    for (int i = 0; s && i < METHOD_COUNT; i++)
        if (!strcmp(s, registry[i]->word))
            return registry[i];
    return NULL;
}

int method_words_with(unsigned key, char *buf, size_t size)
{
    int n = 0, total = 0;
    size_t used = 0;
    for (int i = 0; i < METHOD_COUNT; i++)
        total += (registry[i]->keys & key) != 0;
    buf[0] = '\0';
    for (int i = 0; i < METHOD_COUNT; i++) {
        if (!(registry[i]->keys & key))
            continue;
        n++;
        const char *sep = n == 1 ? "" : n == total ? " and " : ", ";
        int w = snprintf(buf + used, size - used, "%s%s", sep, registry[i]->word);
        if (w < 0 || (size_t)w >= size - used)
            break;
        used += (size_t)w;
    }
    return total;
}

int method_max_marks(const proposal *p)
{
    switch (method_of(p->method)->kind) {
    case BALLOT_APPROVAL:
        return p->choose < p->nopts ? p->choose : p->nopts;
    case BALLOT_RANKED:
        return p->nopts < MEETING_MAX_RANKS ? p->nopts : MEETING_MAX_RANKS;
    case BALLOT_WORDS:
        break;
    }
    return 0;
}

void method_seed_root(uint64_t seed, uint8_t root[32])
{
    memset(root, 0, 32);
    for (int i = 0; i < 8; i++)
        root[i] = (uint8_t)(seed >> (56 - 8 * i));
}

method_meta method_meta_of(vote_method m)
{
    const method_def *md = method_of(m);
    method_meta x = {md->word, md->kind, md->keys, md->needs};
    return x;
}

int method_meta_find(const char *s)
{
    const method_def *md = method_by_word(s);
    return md ? (int)md->id : -1;
}

int method_result_steps(const proposal *p, const tally_result *r)
{
    const method_def *md;
    method_table t;

    if (!p || !r)
        return 0;
    if (r->rcv)
        return r->rcv->nrounds;
    md = method_of(p->method);
    if (md->ui_table && md->ui_table(p, r, &t))
        return t.n;
    return 0;
}
