/* SQL of payables (store/payable.h). */
#include "store/payable.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/rows.h"

#define PB_COLS                                                                                                    \
    "p.id, p.payable_no, p.member_id, p.source, p.source_id, p.purpose, p.ready, COALESCE(p.hold_reason, ''),"     \
    " p.created_at, COALESCE(a.credits_posted - a.debits_posted, 0),"                                              \
    " COALESCE(a.credits_posted - a.debits_posted - a.debits_pending, 0)"
#define PB_FROM " FROM payable p LEFT JOIN account a ON a.code = 'payable:' || p.payable_no"

static const char q_ins[] = "INSERT INTO payable (payable_no, member_id, source, source_id, purpose, ready,"
                            " hold_reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
static const char q_by_source[] = "SELECT " PB_COLS PB_FROM " WHERE p.source = ? AND p.source_id = ?";
static const char q_by_no[] = "SELECT " PB_COLS PB_FROM " WHERE p.payable_no = ?";
static const char q_by_id[] = "SELECT " PB_COLS PB_FROM " WHERE p.id = ?";
static const char q_update[] = "UPDATE payable SET ready = ?, hold_reason = ? WHERE id = ?";
static const char q_hold_member[] =
    "UPDATE payable SET hold_reason = ? WHERE member_id = ? AND hold_reason IS NULL AND EXISTS (SELECT 1 FROM"
    " account a WHERE a.code = 'payable:' || payable.payable_no AND a.credits_posted - a.debits_posted > 0)";
static const char q_due[] =
    "SELECT " PB_COLS PB_FROM " WHERE p.ready = 1 AND p.hold_reason IS NULL AND (p.due_on IS NULL OR p.due_on <= ?)"
    " AND a.credits_posted - a.debits_posted - a.debits_pending > 0"
    " AND NOT EXISTS (SELECT 1 FROM payment y WHERE y.payable_id = p.id AND y.status = 'pending') ORDER BY p.id";
static const char q_of_member[] = "SELECT " PB_COLS PB_FROM " WHERE p.member_id = ? ORDER BY p.id";

static void read_payable(hz_stmt *st, hz_payable *p) {
    memset(p, 0, sizeof *p);
    p->id = hz_stmt_col_int(st, 0);
    HZ_COPY(p->payable_no, hz_stmt_col_text(st, 1));
    p->member_id = hz_stmt_col_int(st, 2);
    HZ_COPY(p->source, hz_stmt_col_text(st, 3));
    p->source_id = hz_stmt_col_int(st, 4);
    HZ_COPY(p->purpose, hz_stmt_col_text(st, 5));
    p->ready = hz_stmt_col_int(st, 6) != 0;
    HZ_COPY(p->hold_reason, hz_stmt_col_text(st, 7));
    HZ_COPY(p->created_at, hz_stmt_col_text(st, 8));
    p->owed = hz_stmt_col_int(st, 9);
    p->available = hz_stmt_col_int(st, 10);
}

hz_err hz_store_payable_insert(hz_db *db, hz_payable *p, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_ins, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, p->payable_no);
    hz_stmt_int(st, 2, p->member_id);
    hz_stmt_text(st, 3, p->source);
    hz_stmt_int(st, 4, p->source_id);
    hz_stmt_text(st, 5, p->purpose);
    hz_stmt_int(st, 6, p->ready);
    hz_bind_opt_text(st, 7, p->hold_reason);
    hz_stmt_text(st, 8, p->created_at);
    return hz_row_insert_id(st, &p->id, e);
}

static hz_err one(hz_db *db, const char *sql, const char *text, int64_t a, int64_t b, hz_payable *out, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, sql, &st, e);
    if (rc) return rc;
    int i = 1;
    if (text) hz_stmt_text(st, i++, text);
    if (a) hz_stmt_int(st, i++, a);
    if (b) hz_stmt_int(st, i++, b);
    if ((rc = hz_row_one(st, "应付款不存在 (no such payable)", e))) return rc;
    read_payable(st, out);
    hz_stmt_reset(st);
    return HZ_OK;
}

hz_err hz_store_payable_by_source(hz_db *db, const char *source, int64_t source_id, hz_payable *out, hz_errinfo *e) {
    return one(db, q_by_source, source, source_id, 0, out, e);
}

hz_err hz_store_payable_by_no(hz_db *db, const char *payable_no, hz_payable *out, hz_errinfo *e) {
    return one(db, q_by_no, payable_no, 0, 0, out, e);
}

hz_err hz_store_payable_by_id(hz_db *db, int64_t id, hz_payable *out, hz_errinfo *e) {
    return one(db, q_by_id, NULL, id, 0, out, e);
}

hz_err hz_store_payable_update(hz_db *db, const hz_payable *p, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_update, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, p->ready);
    hz_bind_opt_text(st, 2, p->hold_reason);
    hz_stmt_int(st, 3, p->id);
    return hz_stmt_run(st, e);
}

hz_err hz_store_payables_hold_member(hz_db *db, int64_t member_id, const char *reason, int64_t *n, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_hold_member, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, reason);
    hz_stmt_int(st, 2, member_id);
    if ((rc = hz_stmt_run(st, e))) return rc;
    *n = 0; /* the count is informative; drivers do not report changes */
    return HZ_OK;
}

static hz_err each(hz_db *db, const char *sql, int64_t arg, const char *text, hz_payable_fn fn, void *ctx,
                   hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, sql, &st, e);
    if (rc) return rc;
    if (arg) hz_stmt_int(st, 1, arg);
    if (text) hz_stmt_text(st, 1, text);
    /* collect first: fn may write (a batch adds payments) */
    hz_payable *rows = NULL;
    size_t n = 0, cap = 0;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            hz_payable *g = realloc(rows, cap * sizeof *rows);
            if (!g) {
                rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
                break;
            }
            rows = g;
        }
        read_payable(st, &rows[n++]);
    }
    hz_stmt_reset(st);
    for (size_t i = 0; rc == HZ_OK && i < n; i++) rc = fn(ctx, &rows[i], e);
    free(rows);
    return rc;
}

hz_err hz_store_payables_due(hz_db *db, hz_date today, hz_payable_fn fn, void *ctx, hz_errinfo *e) {
    char d[HZ_DATE_BUF];
    return each(db, q_due, 0, hz_date_format(today, d), fn, ctx, e);
}

static const char q_due_on[] = "UPDATE payable SET due_on = ? WHERE source = ? AND source_id = ?";

hz_err hz_store_payable_due_on(hz_db *db, const char *source, int64_t source_id, hz_date due_on, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_due_on, &st, e);
    if (rc) return rc;
    hz_bind_date(st, 1, due_on);
    hz_stmt_text(st, 2, source);
    hz_stmt_int(st, 3, source_id);
    return hz_stmt_run(st, e);
}

hz_err hz_store_payables_of_member(hz_db *db, int64_t member_id, hz_payable_fn fn, void *ctx, hz_errinfo *e) {
    return each(db, q_of_member, member_id, NULL, fn, ctx, e);
}

/* one row per transfer of the account, with the account on the other side */
#define MOVES_FROM                                                                                                 \
    " FROM account p JOIN transfer t ON t.debit_id = p.id OR t.credit_id = p.id"                                   \
    " JOIN account o ON o.id = CASE WHEN t.debit_id = p.id THEN t.credit_id ELSE t.debit_id END WHERE p.code = ?"
#define SUM_IF(cond) "COALESCE(SUM(CASE WHEN " cond " THEN t.amount ELSE 0 END), 0)"
static const char q_money[] =
    "SELECT " SUM_IF("t.credit_id = p.id AND t.phase = 'posted' AND o.kind <> 'receivable'") ", "
    SUM_IF("t.debit_id = p.id AND t.phase = 'posted' AND o.kind <> 'receivable' AND o.kind <> 'bank'") ", "
    SUM_IF("t.debit_id = p.id AND t.phase = 'post'") ", "
    SUM_IF("t.debit_id = p.id AND t.phase = 'pending'") " - " SUM_IF("t.debit_id = p.id AND t.phase <> 'posted'"
                                                                    " AND t.phase <> 'pending'") ", "
    SUM_IF("t.debit_id = p.id AND t.phase = 'posted' AND o.kind = 'receivable'") ", "
    SUM_IF("t.credit_id = p.id AND t.phase = 'posted' AND o.kind = 'receivable'") MOVES_FROM;

hz_err hz_store_payable_money(hz_db *db, const char *payable_no, hz_payout *out, hz_errinfo *e) {
    char code[64];
    snprintf(code, sizeof code, "payable:%s", payable_no);
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_money, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, code);
    if ((rc = hz_row_one(st, "应付款不存在 (no such payable)", e))) return rc;
    out->granted = hz_stmt_col_int(st, 0);
    out->reversed = hz_stmt_col_int(st, 1);
    out->to_bank = hz_stmt_col_int(st, 2);
    out->at_bank = hz_stmt_col_int(st, 3);
    out->offset = hz_stmt_col_int(st, 4);
    out->recovered = hz_stmt_col_int(st, 5);
    hz_stmt_reset(st);
    return HZ_OK;
}

static const char q_recv_moves[] =
    "SELECT t.id, t.tkey, t.amount, CASE WHEN t.debit_id = p.id THEN 1 ELSE 0 END, o.code" MOVES_FROM
    " AND t.phase = 'posted' ORDER BY t.id";

hz_err hz_store_recv_moves(hz_db *db, int64_t member_id, hz_recv_move_fn fn, void *ctx, hz_errinfo *e) {
    char code[64];
    snprintf(code, sizeof code, "recv:%lld", (long long)member_id);
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_recv_moves, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, code);
    bool row;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        char key[64], other[64];
        HZ_COPY(key, hz_stmt_col_text(st, 1));
        HZ_COPY(other, hz_stmt_col_text(st, 4));
        if ((rc = fn(ctx, hz_stmt_col_int(st, 0), key, hz_stmt_col_int(st, 2), hz_stmt_col_int(st, 3) != 0, other,
                     e)))
            break;
    }
    hz_stmt_reset(st);
    return rc;
}
