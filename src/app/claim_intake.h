/* Internals of claim intake (claim_intake.c); not a public interface. */
#ifndef HZ_APP_CLAIM_INTAKE_H
#define HZ_APP_CLAIM_INTAKE_H

#include "app/claims.h"

#define HZ_CLAIM_MAX_COVERAGES 128

/* The member's active coverages with their plans and stored ledgers. */
hz_err hz_claims_load_coverages(hz_app *app, int64_t member_id, hz_eng_coverage *covs, int max, int *n, hz_errinfo *e);
/* The same from the member's coverage rows (in the order of
 * hz_store_coverages_of; covs holds n_rows), each ledger from ledger(ctx). */
typedef hz_err (*hz_claims_ledger_fn)(void *ctx, int64_t coverage_id, hz_ledger_entry *out, int max, int *n,
                                      hz_errinfo *e);
hz_err hz_claims_coverages_from(hz_app *app, const hz_coverage *rows, int n_rows, hz_eng_coverage *covs, int *n,
                                hz_claims_ledger_fn ledger, void *ctx, hz_errinfo *e);
/* The engine's event for a stay: the settlement's amounts and diagnoses
 * (main; others; the claim's own diagnosis when given), accident as marked
 * on the claim. Used by intake and by the what-if replay (insight.c). */
hz_err hz_claims_settlement_event(const hz_settlement *s, bool accident, const char *diagnosis, hz_event *ev,
                                  hz_errinfo *e);
/* Submission inside the caller's transaction; *claim_id is the new claim. */
hz_err hz_claims_submit_tx(hz_app *app, const hz_claim_input *in, int64_t *claim_id, hz_errinfo *e);

#endif
