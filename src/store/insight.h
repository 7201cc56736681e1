/* Scans for the what-if, the look-back and the forecast (issue 18): whole
 * tables read in member order and joined in memory, so the cost is a few
 * sequential scans, not a query per claim. None opens a transaction. */
#ifndef HZ_STORE_INSIGHT_H
#define HZ_STORE_INSIGHT_H

#include "core/model.h"
#include "store/db.h"
#include "store/lists.h"

typedef struct {
    int64_t claim_id;
    bool accident, death;
    int disability_grade;
    char diagnosis[24];
    hz_date event_date;
    int first_stay, n_stays; /* into hz_claim_history.stays, admission order */
} hz_hist_claim;

/* A member with every non-rejected claim (in claim order), their stays, the
 * member's active coverages and flags. Arrays are valid during the callback. */
typedef struct {
    hz_member member;      /* id, id_number, name, sex, birth, unit_id, org_id, unit_code, unit_name, org_path */
    const hz_flag *flags;
    int n_flags;
    const hz_coverage *covs; /* id, plan_id, plan_code, shares, start, end, months */
    int n_covs;
    const hz_hist_claim *claims;
    int n_claims;
    const hz_settlement *stays; /* id, adm_date, dscg_date, diagnoses, amounts, refunded */
    int n_stays;
} hz_claim_history;

typedef hz_err (*hz_history_fn)(void *ctx, const hz_claim_history *h, hz_errinfo *e);

/* Calls fn for each member within scope sc that has a non-rejected claim, in
 * member id order. fn must not use the connection. The claims (with their
 * stays) and active coverages are read by sequential scans and sorted by
 * member in memory (about 150 bytes a claim row and 50 a coverage), the
 * members streamed in id order. */
hz_err hz_store_claim_history(hz_db *db, const hz_list_scope *sc, hz_history_fn fn, void *ctx, hz_errinfo *e);
/* The same, every statement ordered by member in SQL as the first
 * implementation did: the reference the fast path is tested against. */
hz_err hz_store_claim_history_reference(hz_db *db, const hz_list_scope *sc, hz_history_fn fn, void *ctx,
                                        hz_errinfo *e);

/* Contributions paid within [from, to] by plan code, within scope sc. */
typedef void (*hz_plan_sum_fn)(void *ctx, const char *plan_code, hz_fen amount);
hz_err hz_store_contributions_by_plan(hz_db *db, const hz_list_scope *sc, hz_date from, hz_date to, hz_plan_sum_fn fn,
                                      void *ctx, hz_errinfo *e);

/* The district organisations (kind 'district'): path and name. */
typedef void (*hz_district_fn)(void *ctx, const char *code, const char *path, const char *name);
hz_err hz_store_districts(hz_db *db, hz_district_fn fn, void *ctx, hz_errinfo *e);

/* Look-back rows (core/insight.h kinds), within scope sc, in a stable order:
 * HZ_LB_STAY: inpatient, non-refunded settlements of matched members that
 * an active coverage's term holds, with no claim at all (any year);
 * HZ_LB_LM: non-refunded inpatient settlements admitted in `year` of members
 * with a model flag valid on the admission date and no LM subsidy (any
 * status); HZ_LB_RENEW: active coverages ending in [today, today + 30]
 * with no later coverage of the same member and plan code. Rows carry the
 * member (id, id_number, name), ref, date, amount and level (LM). */
typedef hz_err (*hz_lookback_fn)(void *ctx, const hz_member *m, const char *ref, hz_date date, hz_fen amount,
                                 const char *level, hz_errinfo *e);
hz_err hz_store_lookback(hz_db *db, const hz_list_scope *sc, int kind, int year, hz_date today, hz_lookback_fn fn,
                         void *ctx, hz_errinfo *e);
/* Has the member a grant (any status) of a second_round programme of year? */
hz_err hz_store_second_round_listed(hz_db *db, int year, int64_t member_id, bool *listed, hz_errinfo *e);

/* Paid amounts (claim lines not reversed, claims not rejected) by plan code,
 * origin month (the stay's admission or the claim's event, "YYYY-MM") and
 * report month (the Beijing month of the claim's submission, "YYYY-MM"), for origins from `from`
 * on, within scope sc. */
typedef void (*hz_development_fn)(void *ctx, const char *plan_code, const char *origin, const char *reported,
                                  hz_fen amount);
hz_err hz_store_development(hz_db *db, const hz_list_scope *sc, hz_date from, hz_development_fn fn, void *ctx,
                            hz_errinfo *e);

#endif
