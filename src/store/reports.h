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
    hz_dash_item districts[HZ_DASH_MAX]; /* members per district (org kind district) */
    hz_dash_item plans[HZ_DASH_MAX];     /* active coverages per plan today */
    hz_dash_item payouts[HZ_DASH_MAX];   /* paid amount per plan in [from, to] */
} hz_dashboard;

/* Every figure within scope sc: members and districts by the org path
 * (an org subtree, "" = all), coverages, contributions, claims and payouts
 * by their members (org path, unit, member). */
hz_err hz_store_dashboard(hz_db *db, const hz_list_scope *sc, hz_date today, hz_date from, hz_date to,
                          hz_dashboard *out, hz_errinfo *e);

#endif
