/* test_abcvoting.c: every abcvoting test instance (the .abc.yaml files in
 * ../shared/tabulation-data/abcvoting/tests/test_instances, read with
 * libyaml) with `rule_id: av`, counted by asamblea's approval
 * count for `committeesize` seats.
 *
 * abcvoting lists every optimal committee.  From our totals we derive the
 * set of optimal committees (everyone above the last seat's total, plus
 * any choice among those tied at it) and compare:
 *   resolute: false -> that set must equal abcvoting's exactly, and when
 *                      it has more than one committee our result must
 *                      say a tie decided it (tie_note);
 *   resolute: true  -> our committee must be one of abcvoting's. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "check.h"
#include "rcv.h"

#define INST AS_TABULATION_DATA "/abcvoting/tests/test_instances"
#define MAXC 64

static yaml_node_t *map_get(yaml_document_t *doc, yaml_node_t *map, const char *key)
{
    if (!map || map->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
         p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(doc, p->key);
        if (k && k->type == YAML_SCALAR_NODE && !strcmp((char *)k->data.scalar.value, key))
            return yaml_document_get_node(doc, p->value);
    }
    return NULL;
}

static const char *scalar(yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : "";
}

static int seq_len(yaml_node_t *n)
{
    return n && n->type == YAML_SEQUENCE_NODE
               ? (int)(n->data.sequence.items.top - n->data.sequence.items.start)
               : -1;
}

static yaml_node_t *seq_at(yaml_document_t *doc, yaml_node_t *n, int i)
{
    return yaml_document_get_node(doc, n->data.sequence.items.start[i]);
}

/* committee as a bit mask (num_cand <= 64) */
typedef uint64_t committee;

static committee read_committee(yaml_document_t *doc, yaml_node_t *n)
{
    committee c = 0;
    for (int i = 0; i < seq_len(n); i++)
        c |= (committee)1 << atoi(scalar(seq_at(doc, n, i)));
    return c;
}

/* optimal: every committee of k that maximises the total approval. */
static int optimal(const int64_t *v, int nc, int k, committee *out, int max)
{
    int order[MAXC], n = 0;
    for (int i = 0; i < nc; i++) {
        int j = i;
        while (j > 0 && v[order[j - 1]] < v[i]) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
    }
    int64_t cut = v[order[k - 1]];
    committee sure = 0;
    int nsure = 0, tied[MAXC], ntied = 0;
    for (int i = 0; i < nc; i++) {
        if (v[i] > cut) {
            sure |= (committee)1 << i;
            nsure++;
        } else if (v[i] == cut) {
            tied[ntied++] = i;
        }
    }
    int need = k - nsure;
    /* every need-subset of the tied */
    for (uint64_t m = 0; m < ((uint64_t)1 << ntied) && n < max; m++) {
        if (__builtin_popcountll(m) != need)
            continue;
        committee c = sure;
        for (int i = 0; i < ntied; i++)
            if (m >> i & 1)
                c |= (committee)1 << tied[i];
        out[n++] = c;
    }
    return n;
}

static int has(const committee *set, int n, committee c)
{
    for (int i = 0; i < n; i++)
        if (set[i] == c)
            return 1;
    return 0;
}

static void run(const char *file, int *cases)
{
    char path[1024];
    FILE *f;
    yaml_parser_t parser;
    yaml_document_t doc;
    snprintf(path, sizeof path, "%s/%s", INST, file);
    if (!(f = fopen(path, "rb"))) {
        CHECK_MSG(0, "%s: cannot open", file);
        return;
    }
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, f);
    if (!yaml_parser_load(&parser, &doc)) {
        CHECK_MSG(0, "%s: YAML error: %s", file, parser.problem ? parser.problem : "?");
        yaml_parser_delete(&parser);
        fclose(f);
        return;
    }
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    yaml_node_t *profile = map_get(&doc, root, "profile");
    int nc = atoi(scalar(map_get(&doc, root, "num_cand")));
    int k = atoi(scalar(map_get(&doc, root, "committeesize")));
    yaml_node_t *compute = map_get(&doc, root, "compute");
    rcv_ballots *b = NULL;
    rcv_result *r = NULL;
    as_err err = {{0}};

    CHECK_MSG(nc > 0 && nc <= MAXC && k > 0 && k <= nc && seq_len(profile) >= 0,
              "%s: num_cand %d, committeesize %d", file, nc, k);
    if (!(nc > 0 && nc <= MAXC && k > 0 && k <= nc) || seq_len(profile) < 0)
        goto done;
    rcv_ballots_new(&b);
    for (int c = 0; c < nc; c++) {
        char name[16];
        snprintf(name, sizeof name, "%d", c);
        rcv_ballots_add_candidate(b, name, NULL, &err);
    }
    for (int i = 0; i < seq_len(profile); i++) {
        yaml_node_t *voter = seq_at(&doc, profile, i);
        rcv_mark mk[MAXC];
        int n = 0;
        for (int j = 0; j < seq_len(voter) && n < MAXC; j++)
            mk[n++] = (rcv_mark)atoi(scalar(seq_at(&doc, voter, j)));
        CHECK_INT(rcv_ballots_add(b, 1, mk, (size_t)n, &err), AS_OK);
    }
    rcv_options o;
    rcv_options_default(&o);
    o.method = RCV_APPROVAL;
    o.seats = k;
    o.tiebreak = RCV_TIE_LIST_ORDER;
    if (rcv_count(b, &o, &r, &err) != AS_OK) {
        CHECK_MSG(0, "%s: rcv_count: %s", file, err.msg);
        goto done;
    }
    committee mine = 0, opt[4096];
    for (int i = 0; i < r->nwinners; i++)
        mine |= (committee)1 << r->winners[i];
    CHECK_MSG(r->nwinners == k, "%s: %d winners for %d seats", file, r->nwinners, k);
    int nopt = r->nrounds ? optimal(r->rounds[0].votes, nc, k, opt, 4096) : 0;
    CHECK_MSG(has(opt, nopt, mine), "%s: our committee is not optimal by our totals", file);

    for (int e = 0; e < seq_len(compute); e++) {
        yaml_node_t *ent = seq_at(&doc, compute, e);
        if (strcmp(scalar(map_get(&doc, ent, "rule_id")), "av") != 0)
            continue;
        int resolute = !strcmp(scalar(map_get(&doc, ent, "resolute")), "true");
        yaml_node_t *res = map_get(&doc, ent, "result");
        committee want[4096];
        int nwant = 0;
        for (int i = 0; i < seq_len(res) && nwant < 4096; i++)
            want[nwant++] = read_committee(&doc, seq_at(&doc, res, i));
        (*cases)++;
        if (resolute) {
            CHECK_MSG(has(want, nwant, mine),
                      "MISMATCH %s av resolute: our committee %#llx is not among "
                      "abcvoting's %d", file, (unsigned long long)mine, nwant);
        } else {
            int same = nwant == nopt;
            for (int i = 0; same && i < nwant; i++)
                same = has(opt, nopt, want[i]);
            CHECK_MSG(same, "MISMATCH %s av: abcvoting lists %d optimal committees, "
                            "our totals give %d (or different ones)", file, nwant, nopt);
            if (nopt > 1)
                CHECK_MSG(r->tie_note, "%s: %d tied committees but no tie reported",
                          file, nopt);
        }
    }
done:
    rcv_result_free(r);
    rcv_ballots_free(b);
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    fclose(f);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int main(void)
{
    DIR *d = opendir(INST);
    char *files[256];
    int n = 0, cases = 0;
    struct dirent *e;
    if (!d) {
        printf("SKIP: %s not found\n", INST);
        return 77;
    }
    while ((e = readdir(d)) && n < 256) {
        size_t l = strlen(e->d_name);
        if (l > 9 && !strcmp(e->d_name + l - 9, ".abc.yaml"))
            files[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(files, (size_t)n, sizeof *files, cmp_str);
    CHECK_MSG(n == 36, "expected abcvoting's 36 instances, found %d", n);
    for (int i = 0; i < n; i++) {
        run(files[i], &cases);
        free(files[i]);
    }
    CHECK_MSG(cases >= n, "only %d av computations in %d instances", cases, n);
    printf("abcvoting: %d instances, %d av computations compared\n", n, cases);
    return check_done();
}
