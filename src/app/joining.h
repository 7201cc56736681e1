/* Joining online and standing sponsorships (module `joining`, spec/README.md
 * module 9 "入会+服务", interfaces.md "Aid, union work, documents and
 * operations"): a worker with no union at work applies to a joint union
 * without logging in; the union's cadre approves (the member is created
 * with the new-form flag) or rejects with a reason. An org's standing
 * sponsorship gives a plan, paid by the org, to everyone who joins it or
 * its subtree within a window, from the day of joining, whichever way they
 * join (an approved application, a roster, `member add`). */
#ifndef HZ_APP_JOINING_H
#define HZ_APP_JOINING_H

#include "app/app.h"
#include "app/lists.h"
#include "app/module.h"
#include "store/joining.h"

typedef struct {
    const char *name, *id_number, *phone, *occupation, *org;
} hz_application_input;

/* A worker's application (no login): every field validated as elsewhere
 * (HZ_EINVAL naming the field: id_number with its check digit, phone,
 * name, occupation, org, which must be a joint union). A member with that
 * ID number, or a pending application of it: HZ_ECONFLICT. */
hz_err hz_app_application_submit(hz_app *app, const hz_application_input *in, hz_application *out, hz_errinfo *e);
/* Applications to orgs in the caller's scope, newest first (status "" =
 * any). Roles: joining.read. */
hz_err hz_app_applications_page(hz_app *app, const char *status, hz_page pg, hz_application_fn fn, void *ctx,
                                int64_t *total, hz_errinfo *e);
/* Approves: the member is created under org_code (NULL: the org applied
 * to; a joint union in the caller's scope) with the new-form flag for the
 * occupation from today, and every standing sponsorship that holds gives
 * its coverage. Not pending: HZ_ECONFLICT; the ID number registered since:
 * HZ_ECONFLICT. Out of scope: HZ_ENOTFOUND. Roles: joining.review. */
hz_err hz_app_application_approve(hz_app *app, const char *no, const char *org_code, hz_application *out,
                                  hz_errinfo *e);
/* Rejects with a reason (required: HZ_EINVAL). Same rules as approve. */
hz_err hz_app_application_reject(hz_app *app, const char *no, const char *reason, hz_application *out, hz_errinfo *e);
/* The joint unions a worker may apply to (no login). */
hz_err hz_app_joint_orgs(hz_app *app, hz_org_row_fn fn, void *ctx, hz_errinfo *e);

typedef struct {
    const char *org, *plan; /* plan: CODE or CODE:SHARES */
    int months;             /* 0: the plan's first term */
    hz_date from, to;
} hz_sponsorship_input;

/* A standing sponsorship. An unknown org or plan: HZ_ENOTFOUND; a term or
 * shares the plan does not offer, to before from: HZ_EINVAL; one of the
 * same org and plan whose window overlaps: HZ_ECONFLICT. Not retroactive:
 * who joined before it was made is not covered by it. Roles:
 * joining.sponsor. */
hz_err hz_app_sponsorship_add(hz_app *app, const hz_sponsorship_input *in, hz_sponsorship *out, hz_errinfo *e);
/* Sponsorships of orgs in the caller's scope with what they gave, newest
 * first. Roles: joining.read. */
hz_err hz_app_sponsorships(hz_app *app, hz_sponsorship_fn fn, void *ctx, hz_errinfo *e);

/* The applications list as GET /applications asks for it (issue 16): the
 * common filters (q: an ID number — whole for the masked roles —, a name
 * or a part of the number RH…; status pending, approved or rejected; unit:
 * approved into a member of it; from / to: applied on these Beijing days;
 * sort no, name, status, occupation, org or created_at, default newest
 * first), occupation and org (an org code, its subtree). Roles:
 * joining.read; orgs in the caller's scope. */
typedef struct {
    hz_list_query list;
    const char *occupation, *org;
} hz_application_query;
hz_err hz_app_applications_list(hz_app *app, const hz_application_query *q, hz_page pg, hz_application_fn fn,
                                void *ctx, int64_t *total, hz_errinfo *e);
/* Every application matching q as a table (applications.csv), ID numbers
 * masked as the list masks them. */
hz_err hz_app_applications_export(hz_app *app, const hz_application_query *q, hz_report *out, hz_errinfo *e);
/* The sponsorships list (GET /sponsorships): q a part of the number or of
 * the org's name or code (any case); status upcoming, active or ended
 * (today against the joining window); unit: those that hold for its
 * members; from / to on the window's first day (calendar days); sort no,
 * org, plan, from, to, granted or premium, default newest first; plan; org
 * (its subtree). */
typedef struct {
    hz_list_query list;
    const char *plan, *org;
} hz_sponsorship_query;
hz_err hz_app_sponsorships_page(hz_app *app, const hz_sponsorship_query *q, hz_page pg, hz_sponsorship_fn fn,
                                void *ctx, int64_t *total, hz_errinfo *e);
hz_err hz_app_sponsorships_export(hz_app *app, const hz_sponsorship_query *q, hz_report *out, hz_errinfo *e);

#endif
