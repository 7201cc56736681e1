/* What-if, look-back and forecast (issue 18; docs/forecast.md). */
#ifndef HZ_APP_INSIGHT_H
#define HZ_APP_INSIGHT_H

#include "app/app.h"
#include "core/insight.h"

/* Re-adjudicates, writing nothing, every non-rejected claim in its original
 * order with running caps from an empty ledger, twice: under the stored plan
 * versions (current) and with plan_text (a plan file of the catalogue's
 * format) as the version of its code for every coverage (proposed). Claims
 * with an event (a stay's admission, or the claim's event date) in
 * [from, to] are counted; earlier ones only fill the caps. Contributions are
 * those paid in the calendar years of from..to. Scoped: members outside the
 * caller's scope are left out. Release out with hz_whatif_free. */
hz_err hz_app_simulate(hz_app *app, const char *plan_text, hz_date from, hz_date to, hz_whatif_result *out,
                       hz_errinfo *e);
/* The same over the store's reference scans (hz_store_claim_history_reference,
 * ordered by SQL, slow on big tables): what the fast path is tested against. */
hz_err hz_app_simulate_reference(hz_app *app, const char *plan_text, hz_date from, hz_date to,
                                 hz_whatif_result *out, hz_errinfo *e);

/* Stores plan_text as the next version of its code (audited, plan.publish):
 * new coverages take it; existing coverages keep the version they were sold
 * under. *version gets the number; an unchanged file is a conflict. */
hz_err hz_app_plan_publish(hz_app *app, const char *plan_text, const char *why, int *version, hz_errinfo *e);

/* The plan file of a code's newest version (the stored document, canonical
 * JSON), for the what-if console to start from; whoever may simulate may
 * read it. *version gets the number; the caller frees *text. */
hz_err hz_app_plan_file(hz_app *app, const char *code, char **text, int *version, hz_errinfo *e);

/* The look-back worklists (core/insight.h kinds) within the caller's scope:
 * stays without a claim in any year on file; for `year`, members in a
 * second-round relief band nobody has listed and model workers' stays
 * without an LM subsidy; coverages ending within 30 days of today without a
 * renewal. Release out with hz_lookback_free. */
hz_err hz_app_lookback(hz_app *app, int year, hz_lookback_result *out, hz_errinfo *e);

/* The year-end loss ratio per plan (docs/forecast.md): a chain ladder on
 * the monthly development of paid amounts over the stays of `year` and the
 * year before, as of today, within the caller's scope. */
hz_err hz_app_forecast(hz_app *app, int year, hz_forecast *out, hz_errinfo *e);

#endif
