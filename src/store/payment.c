/* SQL of payment batches and payments. */
#include "store/payment.h"

#include <stdlib.h>
#include <string.h>

#include "store/rows.h"
#include "store/store.h"

static const char q_batch_ins[] = "INSERT INTO payment_batch (batch_no, count, total, created_at, created_by)"
                                  " VALUES (?, ?, ?, ?, ?) RETURNING id";
static const char q_batch_finish[] = "UPDATE payment_batch SET batch_no = ?, count = ?, total = ? WHERE id = ?";
static const char q_pay_ins[] =
    "INSERT INTO payment (claim_id, batch_id, amount, payee_name, bank_card, bank_name, status, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)";
static const char q_pay_live[] = "SELECT id, status, amount FROM payment WHERE claim_id = ? AND status <> 'failed'";
static const char q_pay_settle[] =
    "UPDATE payment SET status = ?, bank_ref = ?, failure_reason = ?, settled_at = ? WHERE id = ?";

hz_err hz_store_batch_insert(hz_db *db, const char *batch_no, int64_t count, hz_fen total, const char *now,
                             const char *by, int64_t *id, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_batch_ins, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, batch_no);
    hz_stmt_int(st, 2, count);
    hz_stmt_int(st, 3, total);
    hz_stmt_text(st, 4, now);
    hz_stmt_text(st, 5, by);
    return hz_row_insert_id(st, id, e);
}

hz_err hz_store_batch_finish(hz_db *db, int64_t id, const char *batch_no, int64_t count, hz_fen total, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_batch_finish, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, batch_no);
    hz_stmt_int(st, 2, count);
    hz_stmt_int(st, 3, total);
    hz_stmt_int(st, 4, id);
    return hz_stmt_run(st, e);
}

hz_err hz_store_payment_insert(hz_db *db, int64_t claim_id, int64_t batch_id, hz_fen amount, const char *payee,
                               const char *card, const char *bank, const char *now, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_pay_ins, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, claim_id);
    hz_stmt_int(st, 2, batch_id);
    hz_stmt_int(st, 3, amount);
    hz_stmt_text(st, 4, payee);
    hz_stmt_text(st, 5, card);
    hz_bind_opt_text(st, 6, bank);
    hz_stmt_text(st, 7, now);
    return hz_stmt_run(st, e);
}

hz_err hz_store_payment_live(hz_db *db, int64_t claim_id, int64_t *id, char status[12], hz_fen *amount, hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_pay_live, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, claim_id);
    if ((rc = hz_stmt_step(st, &row, e))) return rc;
    *id = row ? hz_stmt_col_int(st, 0) : 0;
    hz_strlcpy(status, row ? hz_stmt_col_text(st, 1) : "", 12);
    if (amount) *amount = row ? hz_stmt_col_int(st, 2) : 0;
    hz_stmt_reset(st);
    return HZ_OK;
}

hz_err hz_store_payment_settle(hz_db *db, int64_t id, const char *status, const char *bank_ref, const char *reason,
                               const char *now, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_pay_settle, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, status);
    hz_bind_opt_text(st, 2, bank_ref);
    hz_bind_opt_text(st, 3, reason);
    hz_stmt_text(st, 4, now);
    hz_stmt_int(st, 5, id);
    return hz_stmt_run(st, e);
}

/* The payments module's tables are in the core history (migrations 1-2). */
const hz_store_module hz_store_module_payments = {"payments", NULL, 0};
