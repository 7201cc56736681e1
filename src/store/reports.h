/* Aggregates for the dashboard (驾驶舱). */
#ifndef HZ_STORE_REPORTS_H
#define HZ_STORE_REPORTS_H

#include "core/model.h"
#include "store/db.h"
#include "store/lists.h"
#include "store/recovery.h"

#define HZ_DASH_MAX 32

typedef struct {
    char key[HZ_NAME_MAX * 2];
    int64_t count;
    hz_fen amount;
} hz_dash_item;

typedef struct {
    int64_t members, covered, women, newform, model_workers;
    hz_fen contributions;           /* paid in [from, to] */
    int64_t claims;                 /* submitted in [from, to] */
    hz_fen paid;                    /* paid out in [from, to] */
    hz_money_summary money;         /* all time: the bank's paid out and pending, recoveries (docs/money.md) */
    int n_districts, n_plans, n_payouts;
    hz_dash_item districts[HZ_DASH_MAX]; /* members per district or joint union (org kind district, joint) */
    hz_dash_item plans[HZ_DASH_MAX];     /* active coverages per plan today */
    hz_dash_item payouts[HZ_DASH_MAX];   /* paid amount per plan in [from, to] */
} hz_dashboard;

/* Every figure within scope sc: members and districts by the org path
 * (an org subtree, "" = all), coverages, contributions, claims and payouts
 * by their members (org path, unit, member). */
hz_err hz_store_dashboard(hz_db *db, const hz_list_scope *sc, hz_date today, hz_date from, hz_date to,
                          hz_dashboard *out, hz_errinfo *e);

/* One cell of the office's reports (plan × policy year × district): the
 * district is the member's district or joint union (its name), or the org
 * itself when it is under no district. */
typedef struct {
    const char *plan, *district;
    int year;       /* policy year (保障年度): contributions by their coverage's first year */
    int months;     /* contributions: the coverage's term, to spread it over its policy years */
    int64_t count;  /* benefits: claims with a line that pays in the cell; people: members covered */
    hz_fen amount;  /* contributions, or incurred benefits: the active lines of claims not rejected */
    hz_fen paid;    /* benefits: of which the claim is paid */
} hz_report_cell;
typedef hz_err (*hz_report_cell_fn)(void *ctx, const hz_report_cell *c, hz_errinfo *e);
/* Contributions of every coverage within scope, summed by plan, the
 * coverage's first year, its term in months and district. */
hz_err hz_store_contribution_cells(hz_db *db, const hz_list_scope *sc, hz_report_cell_fn fn, void *ctx,
                                   hz_errinfo *e);
/* Incurred benefits: the active claim lines of every claim within scope
 * that is not rejected (adjudicated, approved or paid), by plan, policy
 * year (the coverage's first year + the line's period) and district:
 * exactly what the journal's benefit accounts hold. */
hz_err hz_store_benefit_cells(hz_db *db, const hz_list_scope *sc, hz_report_cell_fn fn, void *ctx, hz_errinfo *e);
/* Members within scope with an active coverage of each plan whose term
 * overlaps [from, to] (count; no district). */
hz_err hz_store_covered_cells(hz_db *db, const hz_list_scope *sc, hz_date from, hz_date to, hz_report_cell_fn fn,
                              void *ctx, hz_errinfo *e);

#endif
