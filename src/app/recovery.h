/* Recoveries (docs/money.md): a reversal after payment leaves the member
 * owing money back (a receivable). The member's next payouts offset it
 * first (app/payments.c); finance records a repayment or writes it off with
 * a reason. Amounts in fen. */
#ifndef HZ_APP_RECOVERY_H
#define HZ_APP_RECOVERY_H

#include "app/app.h"
#include "app/lists.h"
#include "store/recovery.h"

/* The longest reason and bank serial, in characters. */
#define HZ_RECOVERY_REASON_MAX 200
#define HZ_RECOVERY_REF_MAX 60

/* kind "repay" (money received back into the bank; ref = the bank serial)
 * or "writeoff" (given up; reason required). reason: 1..200 characters,
 * ref: none or 1..60, both trimmed of blanks first (the rules of
 * hz_norm_text; a blank-only reason or serial: HZ_EINVAL naming it). A
 * serial recorded before, or more than the member owes: HZ_ECONFLICT
 * naming it. Roles: admin, finance. */
hz_err hz_app_recovery_record(hz_app *app, const char *id_number, const char *kind, hz_fen amount, const char *reason,
                              const char *ref, hz_fen *owes_after, hz_errinfo *e);
/* Members with recoveries, open or closed (fn gets each). */
hz_err hz_app_recoveries(hz_app *app, hz_recovery_fn fn, void *ctx, hz_errinfo *e);

/* The recoveries list as GET /recoveries asks for it (issue 16): the
 * common filters (q: an ID number or a part of a name; status open: still
 * owes, closed: owes nothing; unit: the member's; from / to: first owed on
 * these Beijing days; sort name, id_number, owes, recovered, written_off
 * or since, default the order they came to owe), in the caller's scope.
 * Roles: admin, finance. */
hz_err hz_app_recoveries_page(hz_app *app, const hz_list_query *q, hz_page pg, hz_recovery_fn fn, void *ctx,
                              int64_t *total, hz_errinfo *e);
/* Every matching row as a table (recoveries_list.csv). */
hz_err hz_app_recoveries_export(hz_app *app, const hz_list_query *q, hz_report *out, hz_errinfo *e);

/* Paid out, pending, recovered, written off and outstanding in the
 * caller's scope (a district cadre sees their district). */
hz_err hz_app_money_summary(hz_app *app, hz_money_summary *out, hz_errinfo *e);

#endif
