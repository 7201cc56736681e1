/* Enrollment and contributions (module 3): one coverage, sponsored bulk
 * enrollment by a union, and renewal of a unit's coverages. */
#ifndef HZ_APP_ENROLL_H
#define HZ_APP_ENROLL_H

#include "app/app.h"
#include "core/model.h"
#include "core/plan.h"

typedef struct {
    const char *id_number;
    const char *plan_code;
    int shares;          /* 0 = 1 */
    hz_date start;
    int months;          /* 0 = the plan's first term */
    const char *payer;   /* "unit" | "self" | "org:CODE"; NULL = unit when the member has one, else self */
} hz_enroll_input;

/* Enrolls one member into one plan (every rule of plans.md: age on start,
 * sex, new-form flag, shares, term), records the premium as a contribution
 * of the payer. Overlapping coverage of the same plan: HZ_ECONFLICT. */
hz_err hz_app_enroll(hz_app *app, const hz_enroll_input *in, hz_coverage *out, hz_errinfo *e);

/* The step shared by every way in: eligibility, overlap, continuity,
 * coverage + contribution rows. Runs inside the caller's transaction.
 * When `same_ok`, an identical coverage (plan, start) is kept and reported
 * through *existed instead of a conflict (re-imports). */
typedef struct {
    const hz_member *member;
    const hz_flag *flags;
    int n_flags;
    int64_t plan_id;
    const hz_plan *plan;
    int shares, months;
    hz_date start;
    const char *payer_kind, *payer_ref;
    bool same_ok;
    bool new_member; /* created in this transaction: no earlier coverage to look up */
} hz_enroll_req;
hz_err hz_enroll_one(hz_app *app, const hz_enroll_req *r, hz_coverage *out, bool *existed, hz_errinfo *e);

/* Payer words ("unit", "self", "org:CODE") -> kind and reference; "unit"
 * needs the member's unit credit code (NULL or "" when there is none).
 * "unit" is the member's own unit, which the caller has already found in
 * scope; "org:CODE" must be inside the actor's scope (hz_authz_payer_org):
 * a unit liaison gets HZ_EFORBIDDEN for any org, an org-scoped role
 * HZ_ENOTFOUND outside its subtree, as for a missing org. */
hz_err hz_payer_resolve(hz_app *app, const char *payer, const char *unit_code, char kind[8], char ref[HZ_CODE_MAX],
                        hz_errinfo *e);

/* Parses "CODE" or "CODE:SHARES". */
hz_err hz_plan_spec_parse(const char *spec, char code[HZ_PLAN_CODE_MAX], int *shares, hz_errinfo *e);

typedef struct {
    int64_t selected, enrolled, already_covered, ineligible;
    hz_fen premium_total;
} hz_bulk_report;

/* Gives a plan to every member of an org subtree holding `category`
 * ("newform", "model", "hardship"; NULL = everyone) on the start date, in one
 * transaction; the sponsor org pays every premium. Members already covered
 * or not eligible are counted, not fatal. */
/* The same, counted and rolled back (the confirmation's figures). */
hz_err hz_app_enroll_sponsored_preview(hz_app *app, const char *org_code, const char *category, const char *plan_spec,
                                       hz_date start, int months, hz_bulk_report *out, hz_errinfo *e);
hz_err hz_app_enroll_sponsored(hz_app *app, const char *org_code, const char *category, const char *plan_spec,
                               hz_date start, int months, hz_bulk_report *out, hz_errinfo *e);

/* Renews the unit's active coverages whose term ends within [from, to] into
 * the next term (start = end + 1, so continuous: no new waiting period), at
 * the current plan version, same shares, months and payer. */
/* The same, counted and rolled back: what hz_app_renew_unit would do now. */
hz_err hz_app_renew_unit_preview(hz_app *app, const char *unit_code, hz_date from, hz_date to, hz_bulk_report *out,
                                 hz_errinfo *e);
hz_err hz_app_renew_unit(hz_app *app, const char *unit_code, hz_date from, hz_date to, hz_bulk_report *out,
                         hz_errinfo *e);

#endif
