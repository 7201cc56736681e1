/* Reports: one registry, every module's hz_report_def (app/module.h), the
 * same names and the same tables behind `huzhu report NAME` and GET
 * /api/v1/reports/NAME; io/report_out renders them (table, CSV with BOM,
 * XLSX, JSON with English keys). Money cells carry two decimals. */
#ifndef HZ_APP_REPORTS_H
#define HZ_APP_REPORTS_H

#include <stddef.h>

#include "app/app.h"
#include "app/claims.h"
#include "app/module.h"
#include "io/report_out.h"
#include "store/reports.h"

/* From 1 January of today's year (Beijing) to today; no org. This function
 * can't fail. */
void hz_report_args_default(const hz_app *app, hz_report_args *a);
/* The report named name in any module, NULL when none. */
const hz_report_def *hz_report_find(const char *name);
/* Builds report `name` within the caller's scope: HZ_EFORBIDDEN for a role
 * without reports, HZ_ENOTFOUND (naming the reports there are) for an
 * unknown name. out is zeroed first and holds nothing on failure; free it
 * with hz_report_free. */
hz_err hz_app_report(hz_app *app, const char *name, const hz_report_args *a, hz_report *out, hz_errinfo *e);
/* The same into a zeroed out on which a stream was begun
 * (hz_report_stream_begin): a long table's rows are written as they are
 * built, not kept (issue 14). On failure out (stream included) is freed. */
hz_err hz_app_report_streamed(hz_app *app, const char *name, const hz_report_args *a, hz_report *out,
                              hz_errinfo *e);
/* The report names every module declares, comma-separated, in module-list
 * order (a per-thread buffer). */
const char *hz_report_names(void);

/* The dashboard figures within the caller's scope (an org subtree for a
 * cadre, the whole office otherwise) narrowed to a->org when one is named
 * (hz_report_scope); claims and payouts in [a->from, a->to]. */
hz_err hz_app_dashboard(hz_app *app, const hz_report_args *a, hz_dashboard *out, hz_errinfo *e);
/* Parts of the dashboard that are reports of their own (districts,
 * coverage, payouts): each sets r's head and adds d's rows. HZ_EINTERNAL
 * when memory runs out. */
hz_err hz_report_fill_districts(hz_report *r, const hz_dashboard *d, hz_errinfo *e);
hz_err hz_report_fill_plans(hz_report *r, const hz_dashboard *d, hz_errinfo *e);
hz_err hz_report_fill_payouts(hz_report *r, const hz_dashboard *d, hz_errinfo *e);
hz_err hz_report_fill_money(hz_report *r, const hz_money_summary *m, hz_errinfo *e);

/* SLA figures over claims whose documents were complete in [from, to]
 * (claim_reports.c). */
typedef struct {
    int64_t complete, paid, paid_within_7, overdue_open;
} hz_sla_report;
hz_err hz_app_claims_sla(hz_app *app, const hz_report_args *a, hz_sla_report *out, hz_errinfo *e);
/* The share of paid claims paid within 7 days, in integer per mille
 * (truncated); 0 when none was paid. */
int64_t hz_sla_share_permille(const hz_sla_report *s);
/* The loss ratio (赔付率) is core/insight.h's hz_loss_ratio_bp (basis
 * points, half up; shown by hz_bp_format); its basis (policy year,
 * incurred benefits) is spec/plans.md's. */
/* Contributions and benefits of the policy years a->from .. a->to touch,
 * within the caller's scope and a->org, fen (the loss_ratio report's
 * totals). */
hz_err hz_app_loss_totals(hz_app *app, const hz_report_args *a, hz_fen *contributions, hz_fen *benefits,
                          hz_errinfo *e);
/* The scope a report reads: the caller's, narrowed to the subtree of
 * a->org when one is named (HZ_ENOTFOUND for an unknown org, the caller's
 * scope's error for an org outside it). path holds the org's path. */
hz_err hz_report_scope(hz_app *app, const hz_report_args *a, hz_list_scope *sc, char path[HZ_PATH_MAX],
                       hz_errinfo *e);
/* The office's reports (office_reports.c), registered with the dashboard. */
hz_err hz_report_build_loss_ratio(hz_app *app, const hz_report_args *a, hz_report *out, hz_errinfo *e);
hz_err hz_report_build_five_year(hz_app *app, const hz_report_args *a, hz_report *out, hz_errinfo *e);
hz_err hz_report_build_claims_status(hz_app *app, const hz_report_args *a, hz_report *out, hz_errinfo *e);
hz_err hz_report_build_sla_monthly(hz_app *app, const hz_report_args *a, hz_report *out, hz_errinfo *e);
hz_err hz_report_build_recoveries(hz_app *app, const hz_report_args *a, hz_report *out, hz_errinfo *e);
/* Formats per mille as "12.3%" into buf (at least 24 bytes); returns buf. */
char *hz_permille_format(int64_t permille, char *buf);

/* Office-wide business figures for GET /metrics: claims by status and the
 * money the bank has paid out (fen). No authorization check and no
 * personal data: the HTTP layer decides who may read them. */
#define HZ_FIGURE_STATUSES 12
typedef struct {
    int n_statuses;
    struct {
        char status[24];
        int64_t count;
    } claims[HZ_FIGURE_STATUSES];
    hz_fen paid_out;
} hz_business_figures;
hz_err hz_app_business_figures(hz_app *app, hz_business_figures *out, hz_errinfo *e);

/* Unpaid claims at or past day 5 of the clock. */
hz_err hz_app_claims_overdue(hz_app *app, void (*fn)(void *ctx, const hz_claim_view *v), void *ctx, hz_errinfo *e);

#endif
