/* Relief programmes (救助帮扶, plans.md "Relief programmes"; interfaces.md
 * "Aid, union work, documents and operations"): second-round relief
 * proposed from the year's data, autumn student aid, hardship visits,
 * donation drives and new-form education subsidies; approvals within the
 * programme's budget; the 公示 list and its objection window before
 * payment; payment as payables through the bank batches (用途 names the
 * programme). Amounts in fen. */
#ifndef HZ_APP_RELIEF_H
#define HZ_APP_RELIEF_H

#include "app/app.h"
#include "app/lists.h"
#include "app/module.h"
#include "store/relief.h"

#define HZ_RELIEF_OBJECTION_DAYS 5 /* working days the 公示 list stands */
#define HZ_RELIEF_VISIT_CASH HZ_FEN(1000)
#define HZ_RELIEF_EDUCATION HZ_FEN(3000)

/* Adds a programme. kind: second_round student_aid visit donation
 * education. Roles: admin, staff. An existing code: HZ_ECONFLICT. */
hz_err hz_app_relief_program_add(hz_app *app, const char *code, const char *kind, int year, hz_fen budget,
                                 const char *name, hz_relief_program *out, hz_errinfo *e);

/* Second-round relief: proposes a grant for every member in a band of the
 * year's remaining burden who is not on the list yet (and recomputes those
 * still `proposed`). fn gets each newly proposed grant. */
hz_err hz_app_relief_propose(hz_app *app, const char *program, hz_relief_grant_fn fn, void *ctx, int64_t *proposed,
                             hz_errinfo *e);

typedef struct {
    const char *program, *id_number;
    const char *student_name, *student_id_number, *school, *level; /* student_aid */
    const char *reason;  /* student aid without a hardship flag: required */
    const char *amount;  /* visit: cash (default 1,000.00) */
    const char *items;   /* visit: "大米:2,食用油:1" */
    hz_date date;        /* application / visit date; HZ_DATE_NONE = today */
} hz_relief_input;

/* An application (student aid, visit, donation, education): status
 * `applied`. A second student-aid grant for the same student: HZ_ECONFLICT.
 * A member the programme is not for (no hardship flag for a visit, not a
 * new-form member for education): HZ_EINVAL. Roles: admin, staff; a
 * member for themself and only to a student_aid programme (another member
 * reads as missing, another kind HZ_EFORBIDDEN). */
hz_err hz_app_relief_apply(hz_app *app, const hz_relief_input *in, hz_relief_grant *out, hz_errinfo *e);
hz_err hz_app_relief_show(hz_app *app, const char *no, hz_relief_grant *out, hz_errinfo *e);
/* Approval within the budget (a donation drive: within what was donated);
 * past it: HZ_ECONFLICT naming what is left. Roles: admin, reviewer. */
hz_err hz_app_relief_approve(hz_app *app, const char *no, hz_relief_grant *out, hz_errinfo *e);
hz_err hz_app_relief_reject(hz_app *app, const char *no, const char *reason, hz_relief_grant *out, hz_errinfo *e);
/* A programme's grants of members in the caller's scope as GET
 * /relief/programs/:code/grants asks for them (app/lists.h; issue 16):
 * q an ID number, a name (whole for those who see names masked) or a
 * part of a grant number (JZ…); status proposed, applied, approved,
 * rejected or paid; unit; from / to on the day created; sort no, name
 * (refused to masked roles), status, amount or created_at (default:
 * oldest first). One page and the total, or every one as a table. */
hz_err hz_app_relief_grants_page(hz_app *app, const char *program, const hz_list_query *q, hz_page pg,
                                 hz_relief_grant_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e);
hz_err hz_app_relief_grants_export(hz_app *app, const char *program, const hz_list_query *q, hz_report *out,
                                   hz_errinfo *e);
/* Grants of a programme (status "" = any), in the caller's scope. */
hz_err hz_app_relief_list(hz_app *app, const char *program, const char *status, hz_relief_grant_fn fn, void *ctx,
                          hz_errinfo *e);
/* Publishes the programme's approved list for its objection window (5
 * working days from today): the grants are paid only after it ends.
 * fn gets each grant on the list; names and ID numbers are the caller's to
 * mask (hz_relief_mask_name, hz_id_mask). */
hz_err hz_app_relief_publicity(hz_app *app, const char *program, hz_relief_program *out, hz_relief_grant_fn fn,
                               void *ctx, hz_errinfo *e);
/* A donation to a drive: money into the bank for the programme. */
hz_err hz_app_donation_add(hz_app *app, const char *program, const char *donor, hz_fen amount, hz_fen *total,
                           hz_errinfo *e);

/* The bank paid / could not pay a grant's payable (app/payments.c). */
hz_err hz_relief_paid(hz_app *app, int64_t grant_id, hz_errinfo *e);
hz_err hz_relief_failed(hz_app *app, int64_t grant_id, const char *why, hz_errinfo *e);

/* The module's demo hook (app/module.h): second-round relief, student aid,
 * visits, a donation drive and a bank round (app/aid_demo.c). */
hz_err hz_relief_demo(hz_app *app, const hz_demo_opts *o, struct hz_demo_report *out, hz_errinfo *e);

#endif
