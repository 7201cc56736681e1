/* Payments (docs/money.md): bank batches pay payables (claims today; LM
 * subsidies and relief grants next) in two phases. A batch line is a
 * pending journal transfer payable -> bank; the bank's 成功 posts it, 失败
 * voids it. A member who owes a recovery has it offset first. Every bank
 * result row is matched by 业务编号 (and 批次号 when given), made idempotent
 * by its bank serial, and a whole result file applied twice changes nothing. */
#ifndef HZ_APP_PAYMENTS_H
#define HZ_APP_PAYMENTS_H

#include "app/app.h"
#include "core/money.h"

#define HZ_BATCH_PATH_MAX 1024

typedef struct {
    char batch_no[32];
    int64_t count;           /* payments in the batch */
    hz_fen total;            /* sent to the bank, fen */
    int64_t skipped_no_card; /* payables of members with no bank card */
    hz_fen offset;           /* taken from recovery receivables, fen */
    int64_t settled_by_offset; /* payables wholly settled by an offset */
    bool rewritten;            /* an earlier batch's unfinished file, written again */
    char file[HZ_BATCH_PATH_MAX]; /* where the bank file is */
} hz_batch_report;

/* Collects every payable that is due into a batch and writes its bank file
 * to out (out_is_dir: to out/BATCH_NO.csv). The file is written from the
 * batch as recorded under a temporary name next to its place and fsynced
 * before the batch commits (no batch commits when its file cannot be
 * written); after the commit it is renamed into place, the directory
 * fsynced, and the batch recorded as filed. A batch committed earlier whose
 * file was never recorded in place (a crash, a failed rename) comes first:
 * its file is written again and no new batch is made (rewritten). An empty
 * batch is not created (count 0). */
hz_err hz_app_pay_batch(hz_app *app, const char *out, bool out_is_dir, hz_batch_report *r, hz_errinfo *e);

typedef struct {
    long rows, paid, failed, duplicate;
    bool file_seen; /* the same file was applied before: nothing done */
    long n_rejected;
    int n_listed;
    hz_row_error *rejected;
} hz_confirm_report;

/* Reads the bank's result file (业务编号,结果,失败原因,银行流水号 and
 * optionally 批次号, 金额): 成功 posts the payment (the cause is paid when
 * nothing is left owed), 失败 voids it and returns the cause to its approved
 * state with the bank's reason. batch_no (or NULL) names the batch the file
 * answers. Rows that contradict what is recorded (a second 成功 with
 * another serial, a 失败 for a paid payment, an amount that is not the
 * batch's, a payment not pending in that batch) refuse the whole file:
 * HZ_ECONFLICT, each listed; malformed rows HZ_EINVAL. */
hz_err hz_app_pay_confirm(hz_app *app, const char *path, const char *batch_no, hz_confirm_report *out,
                          hz_errinfo *e);
void hz_confirm_report_free(hz_confirm_report *r);

#endif
