/* verify_run.c: verify_bundle, which loads the bundle (verify_bundle.c)
 * and runs the checks in their fixed order, and the parsed state they
 * share (vparsed), freed here at the end. */
#include <stdlib.h>
#include <string.h>
#include "meeting.h"
#include "tally.h"
#include "verify_bundle.h"

void vparsed_free(vparsed *p)
{
    verify_manifest_free(&p->manifest);
    verify_results_free(&p->results);
    verify_events_free(&p->events);
    free(p->have_ballots);
    free(p->ballots);
    for (int i = 0; p->res && i < p->nres; i++)
        tally_result_free(p->res[i]);
    free(p->res);
    free(p->exp);
    meeting_free(p->m);
    memset(p, 0, sizeof *p);
}

as_status verify_bundle(const verify_opts *o, verify_report_fn report, void *ud,
                        int *nfail, as_err *err)
{
    vbundle b;
    vparsed p;
    vreport r = {report, ud, 0, 0, NULL};
    memset(&p, 0, sizeof p);
    if (nfail)
        *nfail = 0;
    if (!o || !o->bundle || !report)
        return as_err_set(err, AS_EINVAL, "verify: no bundle given");
    vbundle prev;
    memset(&prev, 0, sizeof prev);
    as_status st = vbundle_load(o->bundle, &b, err);
    if (st != AS_OK)
        return st;
    if (o->previous && (st = vbundle_load(o->previous, &prev, err)) != AS_OK) {
        vbundle_free(&b);
        return st;
    }
    verify_check_signature(&b, &p, &r);
    if (o->key)
        verify_check_key(&p, o->key, &r);
    verify_check_manifest(&b, &p, &r);
    verify_check_syntax(&b, &p, &r);
    verify_check_files(&b, &p, &r);
    verify_check_attendance(&b, &p, &r);
    verify_check_recount(&b, &p, &r);
    verify_check_roots(&p, &r);
    if (verify_has_kiosk_lists(&b, &p))
        verify_check_kiosk_lists(&b, &p, &r);
    if (o->nroots > 0)
        verify_check_room_codes(&p, o, &r);
    verify_check_meeting(&b, &p, &r);
    if (p.exp) {
        verify_check_results_txt(&b, &p, &r);
        verify_check_attendance_txt(&b, &p, &r);
        verify_check_results_csv(&b, &p, &r);
        verify_check_results_json(&b, &p, &r);
    }
    verify_check_events(&b, &p, &r);
    if (o->previous)
        verify_check_previous(&b, &p, &prev, &r);
    vparsed_free(&p);
    vbundle_free(&b);
    vbundle_free(&prev);
    if (nfail)
        *nfail = r.nfail;
    return AS_OK;
}
