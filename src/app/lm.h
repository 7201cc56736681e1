/* The model-worker medical subsidy (LM, plans.md "LM"; interfaces.md "Aid,
 * union work, documents and operations"): applications on settled stays,
 * computed at once against the member's yearly cap, approved within the
 * year's budget, reversed by a refund, paid as payables through the same
 * bank batches as claims (用途 劳模医疗补助). Amounts in fen. */
#ifndef HZ_APP_LM_H
#define HZ_APP_LM_H

#include "app/app.h"
#include "app/lists.h"
#include "app/module.h"
#include "store/lm.h"

typedef struct {
    int year;
    hz_fen budget, committed, left;
    bool set; /* false: the scheme's default annual budget applies */
} hz_lm_budget_view;

/* Sets (amount >= 0) or, with set == false, shows a year's budget. Setting
 * below what is committed: HZ_ECONFLICT. Roles: admin, finance set; office
 * roles read. */
hz_err hz_app_lm_budget(hz_app *app, int year, bool set, hz_fen amount, hz_lm_budget_view *out, hz_errinfo *e);

/* An application on one settlement of a model worker (flag valid on the
 * admission date, else HZ_EINVAL): computed at once, status `applied`.
 * A coverage holds the stay but no claim exists yet: HZ_ECONFLICT (the
 * mutual-aid claim comes first). A refunded settlement: HZ_EINVAL. A
 * subsidy already on it: HZ_ECONFLICT naming it. Roles: admin, staff. */
hz_err hz_app_lm_apply(hz_app *app, const char *id_number, const char *setl_id, hz_lm_subsidy *out, hz_errinfo *e);
hz_err hz_app_lm_show(hz_app *app, const char *no, hz_lm_subsidy *out, hz_errinfo *e);
/* Approval commits the amount to its year's budget; past the budget:
 * HZ_ECONFLICT naming what is left. Roles: admin, reviewer. */
hz_err hz_app_lm_approve(hz_app *app, const char *no, hz_lm_subsidy *out, hz_errinfo *e);
hz_err hz_app_lm_reject(hz_app *app, const char *no, const char *reason, hz_lm_subsidy *out, hz_errinfo *e);
/* Applications for every model worker's settled stay that has none, once
 * its mutual-aid claim exists (or no coverage holds it). fn gets each. */
hz_err hz_app_lm_proactive(hz_app *app, void (*fn)(void *ctx, const hz_lm_subsidy *s), void *ctx, int64_t *created,
                           hz_errinfo *e);
/* Subsidies, newest first (status "" = any, year 0 = any). */
hz_err hz_app_lm_list(hz_app *app, const char *status, int year, hz_lm_fn fn, void *ctx, hz_errinfo *e);
/* The subsidies of members in the caller's scope as GET /lm/applications
 * asks for them (app/lists.h; status applied, approved, rejected or paid;
 * sort no, name, status, amount or created_at; from / to on the day applied;
 * year 0 any): one page and the total, or every one as a table with Chinese
 * titles, names and ID numbers masked as the caller sees them. */
hz_err hz_app_lm_page(hz_app *app, const hz_list_query *q, int year, hz_page pg, hz_lm_row_fn fn, void *ctx,
                      int64_t *total, hz_errinfo *e);
hz_err hz_app_lm_export(hz_app *app, const hz_list_query *q, int year, hz_report *out, hz_errinfo *e);

/* A refund row cancelled the settlement: its subsidy pays nothing, cap and
 * budget are released, money already granted goes back (a receivable when
 * paid). Inside the caller's transaction. */
hz_err hz_lm_reverse_settlement(hz_app *app, int64_t settlement_id, const char *setl_id, hz_errinfo *e);
/* The bank paid / could not pay the subsidy's payable (app/payments.c). */
hz_err hz_lm_paid(hz_app *app, int64_t subsidy_id, hz_errinfo *e);
hz_err hz_lm_failed(hz_app *app, int64_t subsidy_id, const char *why, hz_errinfo *e);

/* The module's demo hook (app/module.h): model workers with the year's
 * stays, the budget and subsidies in every state (app/aid_demo.c). */
hz_err hz_lm_demo(hz_app *app, const hz_demo_opts *o, struct hz_demo_report *out, hz_errinfo *e);

#endif
