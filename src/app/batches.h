/* Bank batches as a list and one batch with its payments (GET
 * /payment-batches, GET /payment-batches/{no}; issue 16), for the roles
 * that make batches (payment.batch). */
#ifndef HZ_APP_BATCHES_H
#define HZ_APP_BATCHES_H

#include "app/lists.h"
#include "store/payment.h"

/* Every field optional. l: q (a part of a batch number, the number of a
 * payable it pays — LP…, LM… —, or a payee's whole ID number), status
 * (unfiled, sent, partial, settled), from / to (Beijing days it was made),
 * sort (batch_no, created_at, status, count, total; default newest first),
 * order; by: the login that made it; returned: "1" only batches with a
 * payment the bank returned. A bad value: HZ_EINVAL naming the parameter. */
typedef struct {
    hz_list_query l;
    const char *by, *returned;
} hz_batch_query;

hz_err hz_app_batches_list(hz_app *app, const hz_batch_query *q, hz_page pg, hz_batch_row_fn fn, void *ctx,
                           int64_t *total, hz_errinfo *e);
/* Every batch matching q as a table (see hz_app_members_export). */
hz_err hz_app_batches_export(hz_app *app, const hz_batch_query *q, hz_report *out, hz_errinfo *e);

/* One payment of a batch as the console shows it: the payee's name masked
 * for the roles that see names masked, the card always masked (the bank
 * file alone carries it whole). */
typedef struct {
    int seq;
    char payable_no[40], source[12], purpose[64], payee[64], bank_card[24], bank_name[96], status[12];
    char bank_ref[64], failure_reason[256], settled_at[24];
    hz_fen amount, offset;
} hz_batch_item;
typedef hz_err (*hz_batch_item_view_fn)(void *ctx, const hz_batch_item *it, hz_errinfo *e);
/* The batch of that number (HZ_ENOTFOUND naming it) into out, then each of
 * its payments in batch order through fn. */
hz_err hz_app_batch_show(hz_app *app, const char *batch_no, hz_batch_row *out, hz_batch_item_view_fn fn, void *ctx,
                         hz_errinfo *e);

#endif
