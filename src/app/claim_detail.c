/* What the claim page shows beyond the claim itself (issue 16): each line's
 * stay (dates, hospital, diagnoses), the caps the claim's lines drew on with
 * what their term has used and left, the document checklist item by item
 * (who recorded each and when), and a member's own settled stays to claim. */
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/claim_shared.h"
#include "app/claims.h"
#include "app/registry.h"
#include "core/plan.h"
#include "core/text.h"
#include "store/claim.h"
#include "store/coverage.h"
#include "store/ledger.h"
#include "store/settlement.h"

hz_err hz_claims_benefit_cap(hz_app *app, const hz_coverage *cov, const char *component, int period,
                             const char **plan_name, hz_fen *cap, hz_fen *used, hz_errinfo *e) {
    const hz_plan *plan;
    int version;
    *cap = *used = 0;
    hz_err rc = hz_app_plan_by_id(app, cov->plan_id, &plan, &version, e);
    if (rc) return rc;
    if (plan_name) *plan_name = plan->name;
    const hz_benefit *b = NULL;
    for (int i = 0; i < plan->n_benefits; i++)
        if (!strcmp(plan->benefits[i].component, component)) b = &plan->benefits[i];
    if (!b) return HZ_OK;
    int64_t mult = b->cap_per_share ? cov->shares : 1;
    if (b->cap)
        *cap = b->cap * mult;
    else if (b->sum)
        *cap = b->sum * cov->shares;
    hz_ledger_entry *led = malloc(sizeof *led * HZ_ENG_MAX_LEDGER);
    int n = 0;
    if (!led) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    if ((rc = hz_store_ledger_load(app->db, cov->id, led, HZ_ENG_MAX_LEDGER, &n, e)) == HZ_OK)
        for (int i = 0; i < n; i++)
            if (led[i].period == period && !strcmp(led[i].component, component)) *used = led[i].paid;
    free(led);
    return rc;
}

static void doc_row(void *ctx, const char *kind, const char *at, const char *by) {
    hz_claim_detail *d = ctx;
    for (int i = 0; i < d->n_docs; i++)
        if (!strcmp(d->docs[i].kind, kind)) {
            hz_strlcpy(d->docs[i].at, at, sizeof d->docs[i].at);
            hz_strlcpy(d->docs[i].by, by, sizeof d->docs[i].by);
        }
}

static hz_err add_doc(hz_claim_detail *d, const char *kind, bool required, const char *received, hz_errinfo *e) {
    for (int i = 0; i < d->n_docs; i++)
        if (!strcmp(d->docs[i].kind, kind)) return HZ_OK;
    if (d->n_docs == HZ_CLAIM_DOCS_MAX) return hz_fail(e, HZ_EINTERNAL, "材料过多 (too many document kinds)");
    hz_claim_doc *x = &d->docs[d->n_docs++];
    hz_strlcpy(x->kind, kind, sizeof x->kind);
    x->required = required;
    x->received = hz_claims_has_doc(received, kind);
    return HZ_OK;
}

/* every kind of a comma-separated list, required or not */
static hz_err add_docs(hz_claim_detail *d, const char *list, bool required, const char *received, hz_errinfo *e) {
    char buf[256];
    hz_strlcpy(buf, list, sizeof buf);
    hz_err rc = HZ_OK;
    for (char *p = buf, *comma; rc == HZ_OK && p && *p; p = comma ? comma + 1 : NULL) {
        if ((comma = strchr(p, ','))) *comma = '\0';
        rc = add_doc(d, p, required, received, e);
    }
    return rc;
}

hz_err hz_app_claim_detail(hz_app *app, const char *claim_no, hz_claim_view *v, hz_claim_detail *d, hz_errinfo *e) {
    memset(d, 0, sizeof *d);
    hz_err rc = hz_app_claim_show(app, claim_no, v, e);
    if (rc) return rc;
    if ((rc = add_docs(d, v->required_docs, true, v->claim.documents, e)) ||
        (rc = add_docs(d, v->claim.documents, false, v->claim.documents, e)) ||
        (rc = hz_store_claim_docs(app->db, v->claim.id, doc_row, d, e)))
        return rc;
    hz_coverage *covs = malloc(sizeof *covs * HZ_MEMBER_COVERAGES_MAX);
    int n_covs = 0;
    if (!covs) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    rc = hz_store_coverages_of(app->db, v->member.id, covs, HZ_MEMBER_COVERAGES_MAX, &n_covs, e);
    for (int i = 0; rc == HZ_OK && i < v->n_lines; i++) {
        const hz_claim_line_row *l = &v->lines[i];
        bool seen = false;
        for (int k = 0; l->settlement_id && k < d->n_stays; k++)
            seen = seen || d->stays[k].id == l->settlement_id;
        if (l->settlement_id && !seen && d->n_stays < HZ_CLAIM_MAX_SETTLEMENTS)
            rc = hz_store_settlement_by_id(app->db, l->settlement_id, &d->stays[d->n_stays++], e);
        seen = false;
        for (int k = 0; k < d->n_caps; k++)
            seen = seen || (d->caps[k].coverage_id == l->coverage_id && d->caps[k].period == l->period &&
                            !strcmp(d->caps[k].component, l->component));
        for (int k = 0; rc == HZ_OK && !seen && k < n_covs && d->n_caps < HZ_CLAIM_CAPS_MAX; k++) {
            if (covs[k].id != l->coverage_id) continue;
            hz_claim_cap *c = &d->caps[d->n_caps];
            const char *name = "";
            if ((rc = hz_claims_benefit_cap(app, &covs[k], l->component, l->period, &name, &c->cap, &c->used, e)))
                break;
            if (c->cap <= 0) continue; /* a benefit without a cap has nothing to show */
            c->coverage_id = covs[k].id;
            hz_strlcpy(c->plan, l->plan_code, sizeof c->plan);
            hz_strlcpy(c->plan_name, name, sizeof c->plan_name);
            hz_strlcpy(c->component, l->component, sizeof c->component);
            c->period = l->period;
            c->start = covs[k].start;
            c->end = covs[k].end;
            c->in_force = !strcmp(covs[k].status, "active") && covs[k].start <= app->today && app->today <= covs[k].end;
            d->n_caps++;
        }
    }
    free(covs);
    return rc;
}

hz_err hz_app_member_stays(hz_app *app, const char *member, hz_app_stay_fn fn, void *ctx, hz_member_view *mv,
                           hz_errinfo *e) {
    int64_t ref;
    hz_err rc = hz_member_ref_parse(member, &ref) ? hz_app_member_show_ref(app, member, mv, e)
                                                   : hz_app_member_show(app, member, mv, e);
    if (rc == HZ_OK) rc = hz_authz_can(app, HZ_A_CLAIM_READ, e);
    if (rc) return rc;
    return hz_store_settlements_of_member(app->db, mv->member.id, fn, ctx, e);
}
