/* Store functions for the registry: orgs, units, members and their flags.
 * All return HZ_ENOTFOUND for a missing object and HZ_ECONFLICT for a
 * duplicate; none opens a transaction. */
#ifndef HZ_STORE_REGISTRY_H
#define HZ_STORE_REGISTRY_H

#include <stddef.h>

#include "core/model.h"
#include "store/db.h"

hz_err hz_store_org_insert(hz_db *db, hz_org *org, const char *now, hz_errinfo *e);
hz_err hz_store_org_by_code(hz_db *db, const char *code, hz_org *out, hz_errinfo *e);
hz_err hz_store_org_by_id(hz_db *db, int64_t id, hz_org *out, hz_errinfo *e);
hz_err hz_store_org_stats(hz_db *db, const char *path, hz_date today, hz_org_stats *out, hz_errinfo *e);

hz_err hz_store_unit_insert(hz_db *db, hz_unit *unit, const char *now, hz_errinfo *e);
/* Renames a unit and sets its org; its members move to that org with it. */
hz_err hz_store_unit_update(hz_db *db, const hz_unit *unit, const char *now, hz_errinfo *e);
hz_err hz_store_unit_by_code(hz_db *db, const char *credit_code, hz_unit *out, hz_errinfo *e);

hz_err hz_store_member_by_id_number(hz_db *db, const char *id_number, hz_member *out, hz_errinfo *e);
hz_err hz_store_member_by_id(hz_db *db, int64_t id, hz_member *out, hz_errinfo *e);
/* The members lo..hi in id order, as hz_store_member_by_id reads each: fn
 * per member (a scan for bulk writers). */
typedef hz_err (*hz_member_fn)(void *ctx, const hz_member *m, hz_errinfo *e);
hz_err hz_store_members_range(hz_db *db, int64_t lo, int64_t hi, hz_member_fn fn, void *ctx, hz_errinfo *e);
/* Looks up only the row id (fast path of the roster import); 0 when absent. */
hz_err hz_store_member_id(hz_db *db, const char *id_number, int64_t *id, hz_errinfo *e);
hz_err hz_store_member_insert(hz_db *db, hz_member *m, const char *now, hz_errinfo *e);
/* Updates name, phone, unit, org and bank fields of member m->id. */
hz_err hz_store_member_update(hz_db *db, const hz_member *m, const char *now, hz_errinfo *e);

/* Adds a flag, or replaces the one of the same kind and start date. */
hz_err hz_store_flag_put(hz_db *db, int64_t member_id, const hz_flag *f, hz_errinfo *e);
/* Ends the member's flags of a kind still valid after last_day on that day. */
hz_err hz_store_flag_end(hz_db *db, int64_t member_id, const char *kind, hz_date last_day, hz_errinfo *e);
/* Up to max flags of member, ordered by kind and start; *n gets the count. */
hz_err hz_store_flags(hz_db *db, int64_t member_id, hz_flag *out, int max, int *n, hz_errinfo *e);



/* Ids of the members of an org subtree; with flag_kind, only those holding
 * that flag on date `on`. *ids is malloc'd, the caller frees it. */
hz_err hz_store_subtree_member_ids(hz_db *db, const char *path, const char *flag_kind, hz_date on, int64_t **ids,
                                   size_t *n, hz_errinfo *e);
#endif
