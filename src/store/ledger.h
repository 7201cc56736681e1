/* Store functions for the ledger (per coverage, period and component: stays
 * counted, amount paid, lump-sum levels used). None opens a transaction. */
#ifndef HZ_STORE_LEDGER_H
#define HZ_STORE_LEDGER_H

#include "core/engine.h"
#include "core/model.h"
#include "store/db.h"

hz_err hz_store_ledger_load(hz_db *db, int64_t coverage_id, hz_ledger_entry *out, int max, int *n, hz_errinfo *e);
/* The ledgers of every coverage of the members lo..hi, by coverage, each
 * in the order of hz_store_ledger_load: fn per entry (a scan). */
typedef hz_err (*hz_ledger_fn)(void *ctx, int64_t coverage_id, const hz_ledger_entry *l, hz_errinfo *e);
hz_err hz_store_ledger_range(hz_db *db, int64_t lo, int64_t hi, hz_ledger_fn fn, void *ctx, hz_errinfo *e);
hz_err hz_store_ledger_put(hz_db *db, int64_t coverage_id, const hz_ledger_entry *l, hz_errinfo *e);

#endif
