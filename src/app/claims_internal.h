/* Shared between the claims use-case files (not a public interface). */
#ifndef HZ_CLAIMS_INTERNAL_H
#define HZ_CLAIMS_INTERNAL_H

#include "app/claims.h"

#define HZ_CLAIM_MAX_COVERAGES 128

/* The member's active coverages with their plans and stored ledgers. */
hz_err hz_claims_load_coverages(hz_app *app, int64_t member_id, hz_eng_coverage *covs, int max, int *n, hz_errinfo *e);
/* Undoes a line's ledger effects and marks it reversed with reason. */
hz_err hz_claims_reverse_line(hz_app *app, const hz_claim_line_row *l, const char *reason, const char *explain,
                              hz_errinfo *e);
/* Submission inside the caller's transaction; *claim_id is the new claim. */
hz_err hz_claims_submit_tx(hz_app *app, const hz_claim_input *in, int64_t *claim_id, hz_errinfo *e);
/* Fills a view from the store. */
hz_err hz_claims_load_view(hz_app *app, int64_t claim_id, hz_claim_view *out, hz_errinfo *e);
/* Civil date (Asia/Shanghai) of a stored UTC timestamp; HZ_DATE_NONE for "". */
hz_date hz_ts_date(const char *ts);

#endif
