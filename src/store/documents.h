/* The documents module's reads (issue 17): what the payout notice and a
 * unit's coverage list need beyond the other modules' queries. No tables
 * of its own: certificates are verified by a keyed MAC, not a lookup. */
#ifndef HZ_STORE_DOCUMENTS_H
#define HZ_STORE_DOCUMENTS_H
#include "core/model.h"
#include "store/db.h"
/* The members of a unit in id order, each with its active coverages that
 * end on or after `on`, in plan and start order: fn gets one call per
 * (member, coverage), c NULL for a member with none. fn must not use db. */
typedef hz_err (*hz_unit_roll_fn)(void *ctx, const hz_member *m, const hz_coverage *c, hz_errinfo *e);
hz_err hz_store_unit_roll(hz_db *db, int64_t unit_id, hz_date on, hz_unit_roll_fn fn, void *ctx, hz_errinfo *e);
#endif
