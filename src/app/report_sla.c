/* The 7-day clock as reports: SLA figures and the overdue list. Moved out
 * of the claim use cases; reads claims, never changes them. */
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/claim_shared.h"
#include "app/lists.h"
#include "app/reports.h"
#include "store/claim.h"

typedef struct {
    hz_app *app;
    hz_sla_report *rep;
    void (*fn)(void *ctx, const hz_claim_view *v);
    void *ctx;
    hz_claim_view *view;
} sla_ctx;

static hz_err sla_one(void *vctx, const hz_claim *c, hz_errinfo *e) {
    (void)e;
    sla_ctx *s = vctx;
    if (!c->documents_complete_at[0] || c->total <= 0 || !strcmp(c->status, "rejected")) return HZ_OK;
    int days = hz_claim_sla_days(c, s->app->today);
    s->rep->complete++;
    if (c->paid_at[0]) {
        s->rep->paid++;
        if (days <= HZ_SLA_DAYS) s->rep->paid_within_7++;
    } else if (days >= HZ_SLA_WARN_DAYS) {
        s->rep->overdue_open++;
    }
    return HZ_OK;
}

hz_err hz_app_claims_sla(hz_app *app, hz_date from, hz_date to, hz_sla_report *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    hz_err rc = hz_authz_can(app, HZ_A_REPORT, e);
    if (rc) return rc;
    sla_ctx s = {app, out, NULL, NULL, NULL};
    hz_list_scope sc;
    hz_scope_filter(app, &sc);
    return hz_store_claims_in_scope(app->db, &sc, from, to, sla_one, &s, e);
}

static hz_err overdue_one(void *vctx, const hz_claim *c, hz_errinfo *e) {
    sla_ctx *s = vctx;
    if (!c->documents_complete_at[0] || c->paid_at[0] || c->total <= 0 || !strcmp(c->status, "rejected")) return HZ_OK;
    if (hz_claim_sla_days(c, s->app->today) < HZ_SLA_WARN_DAYS) return HZ_OK;
    hz_err rc = hz_claims_load_view(s->app, c->id, s->view, e);
    if (rc) return rc;
    s->fn(s->ctx, s->view);
    return HZ_OK;
}

hz_err hz_app_claims_overdue(hz_app *app, void (*fn)(void *ctx, const hz_claim_view *v), void *ctx, hz_errinfo *e) {
    hz_err rc = hz_authz_can(app, HZ_A_REPORT, e);
    if (rc) return rc;
    hz_claim_view *v = malloc(sizeof *v);
    if (!v) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    hz_sla_report unused;
    sla_ctx s = {app, &unused, fn, ctx, v};
    hz_list_scope sc;
    hz_scope_filter(app, &sc);
    rc = hz_store_claims_in_scope(app->db, &sc, hz_date_from_ymd(1900, 1, 1), app->today, overdue_one, &s, e);
    free(v);
    return rc;
}
