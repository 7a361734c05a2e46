/* ballot.c: a ballot's choice and its canonical text (include/ballot.h).
 * ballot_parse accepts exactly the texts ballot_format writes, so the
 * bytes of a stored ballot are a function of the choice alone and every
 * other text is damage.  The text's shape is the method's ballot kind. */
#include <string.h>
#include "ballot.h"
#include "method.h"

/* The method's ballot shape (include/method.h) decides the text: three
 * words, or option ids joined by ',' (approval) or '>' (ranked). */
static int is_marked_method(vote_method m)
{
    return method_of(m)->kind != BALLOT_WORDS;
}

static int max_marks(const proposal *p)
{
    return method_max_marks(p);
}

static const char *const *words_of(const proposal *p)
{
    const method_def *m = method_of(p->method);
    return m->kind == BALLOT_WORDS ? m->words : NULL;
}

static char sep_of(const proposal *p)
{
    return method_of(p->method)->kind == BALLOT_APPROVAL ? ',' : '>';
}

static int is_approval(const proposal *p)
{
    return method_of(p->method)->kind == BALLOT_APPROVAL;
}

as_status ballot_format(const proposal *p, const ballot_choice *c, char *buf,
                        size_t size)
{
    const char *const *words = words_of(p);
    size_t used = 0;

    if (!p || !c || !buf || size == 0)
        return AS_EINVAL;
    buf[0] = '\0';
    if (words) {
        if (c->choice < 0 || c->choice > 2 || strlen(words[c->choice]) >= size)
            return AS_EINVAL;
        memcpy(buf, words[c->choice], strlen(words[c->choice]) + 1);
        return AS_OK;
    }
    if (!is_marked_method(p->method) || p->nopts < 0 ||
        p->nopts > MEETING_MAX_OPTIONS || c->n < 0 || c->n > max_marks(p))
        return AS_EINVAL;
    if (c->n == 0) {
        if (size < 5)
            return AS_EINVAL;
        memcpy(buf, "none", 5);
        return AS_OK;
    }
    char sep = sep_of(p);
    for (int i = 0; i < c->n; i++) {
        int o = c->opt[i];
        if (o < 0 || o >= p->nopts)
            return AS_EINVAL;
        for (int j = 0; j < i; j++)
            if (c->opt[j] == o)
                return AS_EINVAL;
        if (is_approval(p) && i > 0 && c->opt[i - 1] > o)
            return AS_EINVAL;
        size_t len = strlen(p->opts[o].id);
        if (used + (i > 0) + len + 1 > size) {
            buf[0] = '\0';
            return AS_EINVAL;
        }
        if (i > 0)
            buf[used++] = sep;
        memcpy(buf + used, p->opts[o].id, len);
        used += len;
    }
    buf[used] = '\0';
    return AS_OK;
}

/* find_option: the option whose id is s[0..n), or -1. */
static int find_option(const proposal *p, const char *s, size_t n)
{
    for (int i = 0; i < p->nopts; i++)
        if (strlen(p->opts[i].id) == n && !memcmp(p->opts[i].id, s, n))
            return i;
    return -1;
}

as_status ballot_parse(const proposal *p, const char *text, size_t n,
                       ballot_choice *c)
{
    const char *const *words;

    if (!p || !c || (!text && n))
        return AS_EINVAL;
    memset(c, 0, sizeof *c);
    c->choice = -1;
    words = words_of(p);
    if (words) {
        for (int i = 0; i < 3; i++)
            if (strlen(words[i]) == n && !memcmp(words[i], text, n)) {
                c->choice = i;
                return AS_OK;
            }
        return AS_EINVAL;
    }
    if (!is_marked_method(p->method) || n == 0 || n > BALLOT_TEXT_MAX)
        return AS_EINVAL;
    if (n == 4 && !memcmp(text, "none", 4))
        return AS_OK;
    char sep = sep_of(p);
    int limit = max_marks(p);
    size_t at = 0;
    for (;;) {
        size_t end = at;
        while (end < n && text[end] != sep)
            end++;
        int o = find_option(p, text + at, end - at);
        if (o < 0 || c->n >= limit)
            goto bad;
        for (int j = 0; j < c->n; j++)
            if (c->opt[j] == o)
                goto bad;
        if (is_approval(p) && c->n > 0 && c->opt[c->n - 1] > o)
            goto bad;
        c->opt[c->n++] = o;
        if (end == n)
            return AS_OK;
        at = end + 1; /* a separator at the very end leaves an empty id */
    }
bad:
    memset(c, 0, sizeof *c);
    c->choice = -1;
    return AS_EINVAL;
}

size_t ballot_text_max(const proposal *p)
{
    const char *const *words = words_of(p);
    size_t best = 4; /* "none" */

    if (words) {
        best = 0;
        for (int i = 0; i < 3; i++)
            if (strlen(words[i]) > best)
                best = strlen(words[i]);
        return best;
    }
    if (is_marked_method(p->method) && p->nopts > 0) {
        /* The k longest ids and k - 1 separators (k = the most marks):
         * any ballot marks at most k options, each no longer than those. */
        size_t len[MEETING_MAX_OPTIONS];
        int n = p->nopts < MEETING_MAX_OPTIONS ? p->nopts : MEETING_MAX_OPTIONS;
        int k = max_marks(p);
        size_t sum = 0;
        for (int i = 0; i < n; i++)
            len[i] = strlen(p->opts[i].id);
        for (int pick = 0; pick < k && pick < n; pick++) {
            int at = pick;
            for (int j = pick + 1; j < n; j++)
                if (len[j] > len[at])
                    at = j;
            size_t t = len[pick];
            len[pick] = len[at];
            len[at] = t;
            sum += len[pick] + (pick > 0);
        }
        if (sum > best)
            best = sum;
    }
    return best < BALLOT_TEXT_MAX ? best : BALLOT_TEXT_MAX;
}
