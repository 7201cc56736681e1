/* Store functions for plan versions, coverages and contributions. */
#ifndef HZ_STORE_COVERAGE_H
#define HZ_STORE_COVERAGE_H

#include "core/model.h"
#include "store/db.h"
#include "store/lists.h"

typedef struct {
    int64_t id;
    char code[8];
    int version;
    char name[128];
    char digest[65];
} hz_plan_row;

/* The newest version of a plan code; HZ_ENOTFOUND when none. */
hz_err hz_store_plan_current(hz_db *db, const char *code, hz_plan_row *out, hz_errinfo *e);
hz_err hz_store_plan_insert(hz_db *db, hz_plan_row *p, const char *params, const char *now, hz_errinfo *e);
/* The stored parameter document of a plan version; the caller frees *params. */
hz_err hz_store_plan_params(hz_db *db, int64_t plan_id, char **params, hz_plan_row *row, hz_errinfo *e);
typedef struct {
    hz_plan_row row;
    char created_at[24];
    int64_t coverages; /* sold under this version */
} hz_plan_version;
/* Every version of plan `code`, newest first (none: HZ_ENOTFOUND). */
hz_err hz_store_plan_versions(hz_db *db, const char *code, hz_plan_version *out, int max, int *n, hz_errinfo *e);
/* Newest version of every plan, ordered by code; *n gets the count. */
hz_err hz_store_plans(hz_db *db, hz_plan_row *out, int max, int *n, hz_errinfo *e);

hz_err hz_store_coverage_insert(hz_db *db, hz_coverage *c, const char *now, hz_errinfo *e);
/* The member's coverage of plan_code whose term ends last (HZ_ENOTFOUND). */
hz_err hz_store_coverage_last(hz_db *db, int64_t member_id, const char *plan_code, hz_coverage *out, hz_errinfo *e);
/* Counts active coverages of plan_code overlapping [start, end]. */
hz_err hz_store_coverage_overlaps(hz_db *db, int64_t member_id, const char *plan_code, hz_date start, hz_date end,
                                  int64_t *count, hz_errinfo *e);
/* The coverage of exactly this plan and start, if any (id 0 otherwise). */
hz_err hz_store_coverage_same(hz_db *db, int64_t member_id, const char *plan_code, hz_date start, hz_coverage *out,
                              hz_errinfo *e);
/* All coverages of a member, newest first. */
hz_err hz_store_coverages_of(hz_db *db, int64_t member_id, hz_coverage *out, int max, int *n, hz_errinfo *e);
/* Every coverage of the members lo..hi, by member, each member's by plan
 * and start (the order of the unique index, no sort): fn per row (a scan
 * for bulk writers). */
typedef hz_err (*hz_coverage_fn)(void *ctx, const hz_coverage *c, hz_errinfo *e);
hz_err hz_store_coverages_range(hz_db *db, int64_t lo, int64_t hi, hz_coverage_fn fn, void *ctx, hz_errinfo *e);

hz_err hz_store_contribution_insert(hz_db *db, int64_t coverage_id, const char *payer_kind, const char *payer_ref,
                                    hz_fen amount, hz_date paid_on, const char *now, hz_errinfo *e);

/* Active coverages of plan_code held by the unit's members whose term ends
 * within [from, to] (the renewal set). Calls fn for each. */
typedef hz_err (*hz_coverage_fn)(void *ctx, const hz_coverage *c, hz_errinfo *e);
hz_err hz_store_unit_coverages_ending(hz_db *db, int64_t unit_id, hz_date from, hz_date to, hz_coverage_fn fn,
                                      void *ctx, hz_errinfo *e);

/* Contributions paid in [from, to] by the member's unit (code "" for
 * members without one), month (YYYY-MM) and payer kind, in the scope and
 * under org_path ("" = any), newest month first. */
typedef struct {
    char unit_code[19], unit_name[192], month[8], payer_kind[8];
    int64_t count;
    hz_fen amount;
} hz_contrib_row;
typedef hz_err (*hz_contrib_fn)(void *ctx, const hz_contrib_row *c, hz_errinfo *e);
hz_err hz_store_contributions_by_unit(hz_db *db, const hz_list_scope *sc, const char *org_path, hz_date from,
                                      hz_date to, hz_contrib_fn fn, void *ctx, hz_errinfo *e);
#endif
