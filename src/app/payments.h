/* Payments (module 4): bank batches of approved claims and the bank's
 * result file. No claim is ever paid twice: the store allows one live
 * payment per claim. */
#ifndef HZ_APP_PAYMENTS_H
#define HZ_APP_PAYMENTS_H

#include "app/app.h"
#include "core/money.h"

typedef struct {
    char batch_no[32];
    int64_t count;
    hz_fen total;
    int64_t skipped_no_card;
} hz_batch_report;

/* Collects approved, unpaid claims into a batch and writes the bank file
 * to out_path (atomically: a temporary file renamed after the commit).
 * An empty batch is not created (count 0). */
hz_err hz_app_pay_batch(hz_app *app, const char *out_path, hz_batch_report *out, hz_errinfo *e);

typedef struct {
    long rows, paid, failed, duplicate;
    long n_rejected;
    int n_listed;
    hz_row_error *rejected;
} hz_confirm_report;

/* Reads the bank's result file: 成功 marks the claim paid (the clock
 * stops), 失败 returns it to approved with the bank's reason. Unknown or
 * malformed rows refuse the whole file. */
hz_err hz_app_pay_confirm(hz_app *app, const char *path, hz_confirm_report *out, hz_errinfo *e);
void hz_confirm_report_free(hz_confirm_report *r);

#endif
