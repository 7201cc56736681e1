/* Bulk writes for the imports: ids reserved up front, rows streamed with
 * hz_db_copy_* (COPY on PostgreSQL). Inside the caller's transaction. */
#ifndef HZ_STORE_BULK_H
#define HZ_STORE_BULK_H

#include <stddef.h>

#include "core/model.h"
#include "store/db.h"

/* n fresh ids of member or coverage ("member" / "coverage"). */
hz_err hz_store_reserve_ids(hz_db *db, const char *table, int64_t n, int64_t *ids, hz_errinfo *e);
/* Members with their ids set; flags[i] (n_flags[i] of them) belong to m[i]. */
hz_err hz_store_bulk_members(hz_db *db, const hz_member *m, int n, const char *now, hz_errinfo *e);
hz_err hz_store_bulk_flags(hz_db *db, const hz_member *m, const hz_flag (*flags)[3], const int *n_flags, int n,
                           hz_errinfo *e);
/* Coverages with their ids set, and one contribution each (the premium). */
hz_err hz_store_bulk_coverages(hz_db *db, const hz_coverage *c, int n, const char *now, hz_errinfo *e);

/* PostgreSQL: a roster batch's rows reference only the unit, its org and
 * the plans named here, and rows the batch itself writes. When the
 * connection may set session_replication_role (a superuser) and member,
 * member_flag, coverage and contribution carry no trigger of their own,
 * those unit, org and plan rows are locked FOR KEY SHARE as the
 * foreign-key triggers would lock them, for the rest of the transaction,
 * and *ok is set: the batch's COPYs may then run without the per-row
 * checks (hz_store_bulk_fk). False on SQLite, whose CLI import checks up
 * front already (hz_store_import_solo). */
hz_err hz_store_bulk_fk_prepare(hz_db *db, int64_t unit_id, int64_t org_id, const int64_t *plan_ids, int n_plans,
                                bool *ok, hz_errinfo *e);
/* Switches the per-row foreign-key triggers off (false) or back on. */
hz_err hz_store_bulk_fk(hz_db *db, bool on, hz_errinfo *e);

/* Which of these ID numbers are members already: fn(ctx, id_number,
 * member_id) for each that is. One bulk load and one join, not n lookups. */
typedef void (*hz_existing_fn)(void *ctx, const char *id_number, int64_t member_id);
hz_err hz_store_existing_members(hz_db *db, const char *const *ids, size_t n, hz_existing_fn fn, void *ctx,
                                 hz_errinfo *e);

/* Settlements (no refunds) through a temporary table: inserted unless the
 * setl_id exists, matched to members by ID number. */
hz_err hz_store_bulk_settlements(hz_db *db, const hz_settlement *s, int n, const char *now, int64_t *added,
                                 int64_t *unmatched, hz_errinfo *e);

#endif
