/* What the console reads across the aid modules (LM and relief): a
 * member's subsidies and grants, the programmes with their totals, and the
 * year's figures of the dashboard, each within the caller's scope. */
#ifndef HZ_APP_AID_H
#define HZ_APP_AID_H

#include "app/app.h"
#include "store/lm.h"
#include "store/relief.h"

/* A member's LM subsidies (newest first), then their relief grants. The
 * member by ID number or by ref (exactly one); outside the caller's scope
 * it answers like a missing one. Roles: those that read aid (in scope), a
 * member (only themself). */
hz_err hz_app_aid_of_member(hz_app *app, const char *id_number, const char *ref, hz_lm_fn lm_fn,
                            hz_relief_grant_fn grant_fn, void *ctx, hz_errinfo *e);

/* Programmes (kind "" = any) with their budget, committed, paid, donated
 * and grant counts. Roles: those that read aid; a member only student_aid
 * (what they may apply to). The totals are the programme's own, office
 * wide: the budget is one for the whole programme. */
hz_err hz_app_relief_programs(hz_app *app, const char *kind, hz_relief_program_fn fn, void *ctx, hz_errinfo *e);

/* *in: is the member of that id inside the caller's scope? (Lists leave
 * out what is not, rather than fail.) */
hz_err hz_aid_in_scope(hz_app *app, int64_t member_id, bool *in, hz_errinfo *e);

typedef struct {
    int64_t grants;         /* approved or paid */
    hz_fen committed, paid; /* approved or paid; paid by the bank */
} hz_aid_sum;
typedef struct {
    int year;
    hz_aid_sum lm, relief;
} hz_aid_year;
/* The year's LM and relief totals for members in scope `sc` (the caller's
 * scope, narrowed by the dashboard's org: hz_report_scope); the caller
 * checked the role (the dashboard). */
hz_err hz_aid_year_figures(hz_app *app, const hz_list_scope *sc, int year, hz_aid_year *out, hz_errinfo *e);

#endif
