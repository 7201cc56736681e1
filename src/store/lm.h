/* Tables of the model-worker medical subsidy (LM): yearly budgets and the
 * subsidies. None of these functions opens a transaction. */
#ifndef HZ_STORE_LM_H
#define HZ_STORE_LM_H

#include <stddef.h>

#include "core/lm.h"
#include "store/db.h"
#include "store/lists.h"

/* hz_lm_subsidy is in core/model.h (views read it too). */

/* The budget of a year: *found false when none was set. */
hz_err hz_store_lm_budget(hz_db *db, int year, hz_fen *amount, bool *found, hz_errinfo *e);
hz_err hz_store_lm_budget_put(hz_db *db, int year, hz_fen amount, const char *now, const char *by, hz_errinfo *e);
/* Σ amounts of the year's approved or paid subsidies (fen). */
hz_err hz_store_lm_committed(hz_db *db, int year, hz_fen *out, hz_errinfo *e);
/* Σ amounts of a member's subsidies of a year that are not rejected (fen). */
hz_err hz_store_lm_cap_used(hz_db *db, int64_t member_id, int year, hz_fen *out, hz_errinfo *e);
/* Σ amounts of the lines of active (not rejected) claims on a settlement. */
hz_err hz_store_lm_huzhu_paid(hz_db *db, int64_t settlement_id, hz_fen *out, hz_errinfo *e);
/* Does a coverage of the member hold the date, and does an active claim
 * use the settlement? */
hz_err hz_store_lm_claim_state(hz_db *db, int64_t member_id, hz_date adm, int64_t settlement_id, bool *covered,
                               bool *claimed, hz_errinfo *e);

hz_err hz_store_lm_insert(hz_db *db, hz_lm_subsidy *s, hz_errinfo *e);
/* HZ_ENOTFOUND when none. */
hz_err hz_store_lm_by_no(hz_db *db, const char *no, hz_lm_subsidy *out, hz_errinfo *e);
hz_err hz_store_lm_by_id(hz_db *db, int64_t id, hz_lm_subsidy *out, hz_errinfo *e);
/* Writes amount, reason, explain, status, decision, reversal, payment fields. */
hz_err hz_store_lm_update(hz_db *db, const hz_lm_subsidy *s, hz_errinfo *e);
/* The subsidy (not rejected) on a settlement: out->id 0 when none. */
hz_err hz_store_lm_of_settlement(hz_db *db, int64_t settlement_id, hz_lm_subsidy *out, hz_errinfo *e);
/* Settlements a proactive run may subsidise: inpatient, matched, not
 * refunded, of a member who is a model worker on the admission date, with
 * no subsidy yet, and whose mutual-aid claim exists or who holds no
 * coverage on that date. *ids is malloc'd. */
hz_err hz_store_lm_candidates(hz_db *db, int64_t **ids, size_t *n, hz_errinfo *e);
typedef hz_err (*hz_lm_fn)(void *ctx, const hz_lm_subsidy *s, hz_errinfo *e);
/* Subsidies, newest first; status "" = any, year 0 = any. */
hz_err hz_store_lm_list(hz_db *db, const char *status, int year, hz_lm_fn fn, void *ctx, hz_errinfo *e);
/* A member's subsidies, newest first. */
hz_err hz_store_lm_of_member(hz_db *db, int64_t member_id, hz_lm_fn fn, void *ctx, hz_errinfo *e);

/* The subsidies list's sort keys (the console's columns); every order ends
 * on the id. STATUS sorts in the order of the workflow. */
typedef enum { HZ_LM_SORT_ID, HZ_LM_SORT_NO, HZ_LM_SORT_NAME, HZ_LM_SORT_STATUS, HZ_LM_SORT_AMOUNT, HZ_LM_SORT_CREATED, HZ_LM_SORTS } hz_lm_sort;
/* A subsidy with the name of its member's unit (or org). */
typedef hz_err (*hz_lm_row_fn)(void *ctx, const hz_lm_subsidy *s, const char *unit_name, hz_errinfo *e);
/* One page (limit < 0: every row) of the subsidies of members in scope
 * matching f (store/lists.h; text unused, num the year, from/to on
 * created_at), the number of them all in *total. */
hz_err hz_store_lm_page(hz_db *db, const hz_list_scope *sc, const hz_rec_filter *f, int64_t offset, int64_t limit,
                        hz_lm_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e);

#endif
