/* The claims module's reports: the claims list, the 7-day clock's SLA
 * figures and the overdue list. Reads claims, never changes them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/claim_reversal.h"
#include "app/claim_shared.h"
#include "app/lists.h"
#include "app/module.h"
#include "app/reports.h"
#include "core/idcard.h"
#include "core/text.h"
#include "store/claim.h"
#include "store/recovery.h"

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

hz_err hz_app_claims_sla(hz_app *app, const hz_report_args *a, hz_sla_report *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    hz_err rc = hz_authz_can(app, HZ_A_REPORT, e);
    if (rc) return rc;
    sla_ctx s = {app, out, NULL, NULL, NULL};
    hz_list_scope sc;
    char path[HZ_PATH_MAX];
    if ((rc = hz_report_scope(app, a, &sc, path, e))) return rc;
    return hz_store_claims_in_scope(app->db, &sc, a->from, a->to, sla_one, &s, e);
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

static void count_status(void *vctx, const char *status, int64_t n) {
    hz_business_figures *f = vctx;
    if (f->n_statuses == HZ_FIGURE_STATUSES) return;
    hz_strlcpy(f->claims[f->n_statuses].status, status, sizeof f->claims[0].status);
    f->claims[f->n_statuses++].count = n;
}

hz_err hz_app_business_figures(hz_app *app, hz_business_figures *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    hz_list_scope all;
    memset(&all, 0, sizeof all);
    hz_money_summary m;
    hz_err rc = hz_store_claim_status_counts(app->db, count_status, out, e);
    if (!rc) rc = hz_store_money_summary(app->db, &all, &m, e);
    if (!rc) out->paid_out = m.paid_out;
    return rc;
}

/* The ID number as the caller may see it: masked for cadre and unit. */
static void shown_id(const hz_app *app, const char *id_number, char out[HZ_ID_LEN + 1]) {
    if (hz_authz_sees_identity(app))
        hz_strlcpy(out, id_number, HZ_ID_LEN + 1);
    else
        hz_id_mask(id_number, out);
}

typedef struct {
    hz_app *app;
    hz_report *r;
    char from[HZ_DATE_BUF], to[HZ_DATE_BUF];
} claims_ctx;

static hz_err claim_row(void *vctx, const hz_claim_row *c, hz_errinfo *e) {
    claims_ctx *x = vctx;
    /* claims submitted in [from, to] */
    if (strncmp(c->submitted_at, x->from, 10) < 0 || strncmp(c->submitted_at, x->to, 10) > 0) return HZ_OK;
    char id[HZ_ID_LEN + 1], total[HZ_MONEY_BUF];
    shown_id(x->app, c->id_number, id);
    const char *cells[] = {c->claim_no,
                           c->name,
                           id,
                           c->status,
                           hz_money_format(c->total, total),
                           c->submitted_at,
                           c->documents_complete_at,
                           c->paid_at,
                           c->proactive ? "1" : "0"};
    return hz_report_add_row(x->r, cells, e);
}

static hz_err build_claims(hz_app *app, const hz_report_args *a, hz_report *out, hz_errinfo *e) {
    static const hz_report_col cols[] = {
        {"claim_no", "理赔编号", HZ_COL_TEXT},
        {"name", "姓名", HZ_COL_TEXT},
        {"id_number", "身份证号码", HZ_COL_TEXT},
        {"status", "状态", HZ_COL_TEXT},
        {"total", "合计", HZ_COL_MONEY},
        {"submitted_at", "受理时间", HZ_COL_TEXT},
        {"documents_complete_at", "材料齐全", HZ_COL_TEXT},
        {"paid_at", "支付时间", HZ_COL_TEXT},
        {"proactive", "免申即享", HZ_COL_BOOL},
    };
    hz_report_head(out, "claims", "理赔明细", false, (int)(sizeof cols / sizeof cols[0]), cols);
    claims_ctx x = {app, out, "", ""};
    hz_date_format(a->from, x.from);
    hz_date_format(a->to, x.to);
    int64_t total, seen = 0;
    for (int64_t page = 1;; page++) {
        hz_page pg = {page, HZ_PER_PAGE_MAX};
        hz_err rc = hz_app_claims_page(app, "", NULL, NULL, pg, claim_row, &x, &total, e);
        if (rc) return rc;
        seen += HZ_PER_PAGE_MAX;
        if (seen >= total) return HZ_OK;
    }
}

static hz_err build_sla(hz_app *app, const hz_report_args *a, hz_report *out, hz_errinfo *e) {
    static const hz_report_col cols[] = {
        {"complete", "材料齐全件数", HZ_COL_INT},
        {"paid", "已支付件数", HZ_COL_INT},
        {"paid_within_7_days", "7日内支付件数", HZ_COL_INT},
        {"overdue_open", "超时未付件数", HZ_COL_INT},
        {"share_within_7_days", "7日内支付率", HZ_COL_TEXT},
    };
    hz_sla_report s;
    hz_err rc = hz_app_claims_sla(app, a, &s, e);
    if (rc) return rc;
    hz_report_head(out, "sla", "7日快速理赔", true, (int)(sizeof cols / sizeof cols[0]), cols);
    char v[5][32];
    snprintf(v[0], 32, "%lld", (long long)s.complete);
    snprintf(v[1], 32, "%lld", (long long)s.paid);
    snprintf(v[2], 32, "%lld", (long long)s.paid_within_7);
    snprintf(v[3], 32, "%lld", (long long)s.overdue_open);
    hz_permille_format(hz_sla_share_permille(&s), v[4]);
    const char *cells[] = {v[0], v[1], v[2], v[3], v[4]};
    return hz_report_add_row(out, cells, e);
}

typedef struct {
    hz_app *app;
    hz_report *r;
    hz_err rc;
    hz_errinfo *e;
} overdue_ctx;

static void overdue_row(void *vctx, const hz_claim_view *v) {
    overdue_ctx *x = vctx;
    if (x->rc) return;
    char id[HZ_ID_LEN + 1], total[HZ_MONEY_BUF], days[16];
    shown_id(x->app, v->member.id_number, id);
    snprintf(days, sizeof days, "%d", v->sla_days);
    const char *cells[] = {v->claim.claim_no,
                           v->member.name,
                           id,
                           v->claim.status,
                           hz_money_format(v->claim.total, total),
                           v->claim.documents_complete_at,
                           days};
    x->rc = hz_report_add_row(x->r, cells, x->e);
}

/* Unpaid claims at day 5 or later of the 7-day clock, whatever the period. */
static hz_err build_overdue(hz_app *app, const hz_report_args *a, hz_report *out, hz_errinfo *e) {
    (void)a;
    static const hz_report_col cols[] = {
        {"claim_no", "理赔编号", HZ_COL_TEXT},    {"name", "姓名", HZ_COL_TEXT},
        {"id_number", "身份证号码", HZ_COL_TEXT}, {"status", "状态", HZ_COL_TEXT},
        {"total", "合计", HZ_COL_MONEY},          {"documents_complete_at", "材料齐全", HZ_COL_TEXT},
        {"sla_days", "已用天数", HZ_COL_INT},
    };
    hz_report_head(out, "overdue", "超时预警", false, (int)(sizeof cols / sizeof cols[0]), cols);
    overdue_ctx x = {app, out, HZ_OK, e};
    hz_err rc = hz_app_claims_overdue(app, overdue_row, &x, e);
    return rc ? rc : x.rc;
}

static const hz_report_def claims_reports[] = {
    {"claims", "理赔明细", build_claims},
    {"sla", "7日快速理赔", build_sla},
    {"overdue", "超时预警", build_overdue},
    {NULL, NULL, NULL},
};
static const hz_payable_source claims_payables[] = {
    {"claim", hz_claims_paid, hz_claims_failed},
    {NULL, NULL, NULL},
};
/* The claims module (src/modules.def); its demo data is part of the core's. */
const hz_app_module hz_app_module_claims = {
    .name = "claims",
    .reports = claims_reports,
    .payables = claims_payables,
    .settlement_refunded = hz_claims_reverse_settlement,
};
