/* Medical-insurance data sharing (module 5): load the settlement feed,
 * match it to members, cancel refunded settlements. */
#ifndef HZ_APP_SETTLEMENTS_H
#define HZ_APP_SETTLEMENTS_H

#include "app/app.h"
#include "app/lists.h"
#include "store/settlement.h"

typedef struct {
    long read, added, duplicate, refund, unmatched;
    long n_rejected;
    int n_listed;
    hz_row_error *rejected;
    const char *format;
    bool written;
} hz_feed_report;

/* Idempotent by setl_id. A row with refd_setl_flag = 1 cancels its
 * settlement and reverses the claim lines that used it. Bad rows refuse the
 * whole feed (HZ_EINVAL, listed) unless skip_invalid. */
hz_err hz_app_import_settlements(hz_app *app, const char *path, bool skip_invalid, hz_feed_report *out, hz_errinfo *e);
/* The same, row_by_row: each row looked up and written on its own (the
 * one-by-one path the bulk writes are compared with, tests only). */
hz_err hz_app_import_settlements_rows(hz_app *app, const char *path, bool skip_invalid, bool row_by_row,
                                      hz_feed_report *out, hz_errinfo *e);
void hz_feed_report_free(hz_feed_report *r);

/* The feed as the office reviews it (admin, staff: those who load it; the
 * rows are health data of people who may not be members, so no scoped role
 * sees them), as GET /settlements asks for it (app/lists.h; issue 16): q a
 * part of the settlement id, the person's name or ID number; status
 * matched or unmatched (unmatched=1, the older form, the same); unit the
 * member's; from / to on the settlement day; hospital a hospital's code
 * or name; refunded 0 or 1; sort setl_id, name, settled_on, adm_date,
 * total or hospital (default: newest first). One page and the total, or
 * every row as a table. */
typedef struct {
    hz_list_query list;
    const char *hospital, *refunded, *unmatched;
} hz_settlement_query;
hz_err hz_app_settlements_page(hz_app *app, const hz_settlement_query *q, hz_page pg, hz_settlement_row_fn fn,
                               void *ctx, int64_t *total, hz_errinfo *e);
hz_err hz_app_settlements_export(hz_app *app, const hz_settlement_query *q, hz_report *out, hz_errinfo *e);
/* Matches the unmatched rows whose person has been registered as a member
 * since (the feed arrived first); audited `settlement.relink`. *linked: how
 * many; 免申即享 then finds their stays. */
hz_err hz_app_settlements_relink(hz_app *app, int64_t *linked, hz_errinfo *e);

#endif
