/* 免申即享's bulk writer (claim_bulk.c); internals of claim intake, not a
 * public interface. */
#ifndef HZ_APP_CLAIM_BULK_H
#define HZ_APP_CLAIM_BULK_H

#include "app/claims.h"

/* Whether this database and these modules can take the bulk writer
 * (SQLite; every module's claim hooks have their bulk forms). */
bool hz_claims_bulk_usable(hz_app *app);
/* The writer of one run (its buffers and account cache, kept from batch
 * to batch); NULL when out of memory. */
typedef struct hz_claims_bulk hz_claims_bulk;
hz_claims_bulk *hz_claims_bulk_new(hz_app *app);
void hz_claims_bulk_free(hz_claims_bulk *b);
/* Claims on the unclaimed settlements ids[0..n) (member order), inside the
 * caller's transaction: items[*n_items...] gets each. The rows are those
 * hz_claims_proactive_one_by_one writes. */
hz_err hz_claims_bulk_run(hz_claims_bulk *b, const int64_t *ids, size_t n, hz_proactive_item *items, int *n_items,
                          hz_errinfo *e);
/* The same through hz_claims_submit_tx, one stay after the other. */
hz_err hz_claims_proactive_one_by_one(hz_app *app, const int64_t *ids, size_t n, hz_proactive_item *items,
                                      int *n_items, hz_errinfo *e);

#endif
