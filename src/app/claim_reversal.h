/* Claim reversal: undoing lines and their ledger effects. Used by review
 * (reject) and by the settlement feed (refund rows); uses claim_shared. */
#ifndef HZ_APP_CLAIM_REVERSAL_H
#define HZ_APP_CLAIM_REVERSAL_H

#include "app/claims.h"

/* Undoes a line's ledger effects, posts its money back from the claim's
 * payable to the benefit expense, and marks it reversed with reason. The
 * caller settles the payable's sign once after its last line
 * (hz_payable_settle_sign: what was already paid becomes a receivable).
 * Runs inside the caller's transaction. */
hz_err hz_claims_reverse_line(hz_app *app, const char *claim_no, const hz_claim_line_row *l, const char *reason,
                              const char *explain, hz_errinfo *e);
/* Reverses every line that used a settlement (a refund row arrived). Runs
 * inside the caller's transaction. */
hz_err hz_claims_reverse_settlement(hz_app *app, int64_t settlement_id, const char *setl_id, hz_errinfo *e);

#endif
