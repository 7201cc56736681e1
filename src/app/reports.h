/* The reports of module 10 as tables of text cells, rendered by io/report
 * (table, CSV with BOM, XLSX, JSON; the table type lives in io/report_out.h).
 * Money cells carry two decimals. */
#ifndef HZ_APP_REPORTS_H
#define HZ_APP_REPORTS_H

#include <stddef.h>

#include "app/app.h"
#include "app/claims.h"
#include "io/report_out.h"
#include "store/reports.h"

/* Builds report `name` (one of hz_report_names()) within the caller's scope. */
hz_err hz_app_report(hz_app *app, const char *name, hz_date from, hz_date to, hz_report *out, hz_errinfo *e);
/* The report names every module declares, comma-separated, in module-list
 * order (a per-thread buffer). */
const char *hz_report_names(void);

/* The dashboard figures within the caller's scope (an org subtree for a
 * cadre, the whole office otherwise); claims and payouts in [from, to]. */
hz_err hz_app_dashboard(hz_app *app, hz_date from, hz_date to, hz_dashboard *out, hz_errinfo *e);

/* SLA figures over claims whose documents were complete in [from, to]
 * (report_sla.c). */
typedef struct {
    int64_t complete, paid, paid_within_7, overdue_open;
} hz_sla_report;
hz_err hz_app_claims_sla(hz_app *app, hz_date from, hz_date to, hz_sla_report *out, hz_errinfo *e);
/* The two shares of the reports, computed here and nowhere else, in integer
 * per mille: the loss ratio (赔付率) = paid / contributions, and the share of
 * paid claims paid within 7 days. 0 when the denominator is 0. */
int64_t hz_loss_ratio_permille(hz_fen paid, hz_fen contributions);
int64_t hz_sla_share_permille(const hz_sla_report *s);
/* Formats per mille as "12.3%" into buf (at least 24 bytes); returns buf. */
char *hz_permille_format(int64_t permille, char *buf);

/* Unpaid claims at or past day 5 of the clock. */
hz_err hz_app_claims_overdue(hz_app *app, void (*fn)(void *ctx, const hz_claim_view *v), void *ctx, hz_errinfo *e);

#endif
