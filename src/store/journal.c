/* SQL of the money journal: accounts and transfers (store/journal.h). */
#include "store/journal.h"

#include <string.h>

#include "store/rows.h"

static const char q_acct_find[] = "SELECT id FROM account WHERE code = ?";
static const char q_acct_ins[] = "INSERT INTO account (code, kind, member_id, created_at) VALUES (?, ?, ?, ?) RETURNING id";
#define ACCT_COLS                                                                                                  \
    "id, code, kind, COALESCE(member_id, 0), debits_posted, credits_posted, debits_pending, credits_pending"
static const char q_acct_by_code[] = "SELECT " ACCT_COLS " FROM account WHERE code = ?";
static const char q_acct_by_id[] = "SELECT " ACCT_COLS " FROM account WHERE id = ?";
#define TR_COLS "id, tkey, debit_id, credit_id, amount, phase, COALESCE(pending_id, 0), cause, at, by_actor"
static const char q_tr_by_key[] = "SELECT " TR_COLS " FROM transfer WHERE tkey = ?";
static const char q_tr_by_id[] = "SELECT " TR_COLS " FROM transfer WHERE id = ?";
static const char q_tr_ins[] = "INSERT INTO transfer (tkey, debit_id, credit_id, amount, phase, pending_id, cause, at,"
                               " by_actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
static const char q_tr_pending_of[] =
    "SELECT " TR_COLS " FROM transfer p WHERE p.cause = ? AND p.phase = 'pending'"
    " AND NOT EXISTS (SELECT 1 FROM transfer r WHERE r.pending_id = p.id) ORDER BY p.id DESC LIMIT 1";
static const char q_tr_net[] =
    "SELECT COALESCE(SUM(CASE WHEN credit_id = ?1 THEN amount ELSE 0 END), 0)"
    " - COALESCE(SUM(CASE WHEN debit_id = ?1 THEN amount ELSE 0 END), 0)"
    " FROM transfer WHERE cause = ?2 AND (phase = 'posted' OR phase = 'post') AND (debit_id = ?1 OR credit_id = ?1)";
/* balances: posted and post move posted sums; pending adds to pending; post
 * and void take the pending amount back out */
static const char q_bal_debit[] = "UPDATE account SET debits_posted = debits_posted + ?, debits_pending ="
                                  " debits_pending + ? WHERE id = ?";
static const char q_bal_credit[] = "UPDATE account SET credits_posted = credits_posted + ?, credits_pending ="
                                   " credits_pending + ? WHERE id = ?";

static void read_account(hz_stmt *st, hz_account *a) {
    memset(a, 0, sizeof *a);
    a->id = hz_stmt_col_int(st, 0);
    HZ_COPY(a->code, hz_stmt_col_text(st, 1));
    HZ_COPY(a->kind, hz_stmt_col_text(st, 2));
    a->member_id = hz_stmt_col_int(st, 3);
    a->debits_posted = hz_stmt_col_int(st, 4);
    a->credits_posted = hz_stmt_col_int(st, 5);
    a->debits_pending = hz_stmt_col_int(st, 6);
    a->credits_pending = hz_stmt_col_int(st, 7);
}

static void read_transfer(hz_stmt *st, hz_transfer *t) {
    memset(t, 0, sizeof *t);
    t->id = hz_stmt_col_int(st, 0);
    HZ_COPY(t->key, hz_stmt_col_text(st, 1));
    t->debit_id = hz_stmt_col_int(st, 2);
    t->credit_id = hz_stmt_col_int(st, 3);
    t->amount = hz_stmt_col_int(st, 4);
    HZ_COPY(t->phase, hz_stmt_col_text(st, 5));
    t->pending_id = hz_stmt_col_int(st, 6);
    HZ_COPY(t->cause, hz_stmt_col_text(st, 7));
    HZ_COPY(t->at, hz_stmt_col_text(st, 8));
    HZ_COPY(t->by, hz_stmt_col_text(st, 9));
}

hz_err hz_store_account_ensure(hz_db *db, const char *code, const char *kind, int64_t member_id, const char *now,
                               int64_t *id, hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_acct_find, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, code);
    if ((rc = hz_stmt_step(st, &row, e))) return rc;
    *id = row ? hz_stmt_col_int(st, 0) : 0;
    hz_stmt_reset(st);
    if (row) return HZ_OK;
    if ((rc = hz_db_stmt(db, q_acct_ins, &st, e))) return rc;
    hz_stmt_text(st, 1, code);
    hz_stmt_text(st, 2, kind);
    hz_bind_opt_id(st, 3, member_id);
    hz_stmt_text(st, 4, now);
    return hz_row_insert_id(st, id, e);
}

static hz_err account_by(hz_db *db, const char *sql, const char *code, int64_t id, hz_account *out, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, sql, &st, e);
    if (rc) return rc;
    if (code) hz_stmt_text(st, 1, code);
    else hz_stmt_int(st, 1, id);
    if ((rc = hz_row_one(st, "账户不存在 (no such account)", e))) return rc;
    read_account(st, out);
    hz_stmt_reset(st);
    return HZ_OK;
}

hz_err hz_store_account_by_code(hz_db *db, const char *code, hz_account *out, hz_errinfo *e) {
    return account_by(db, q_acct_by_code, code, 0, out, e);
}

hz_err hz_store_account_by_id(hz_db *db, int64_t id, hz_account *out, hz_errinfo *e) {
    return account_by(db, q_acct_by_id, NULL, id, out, e);
}

static hz_err transfer_by(hz_db *db, const char *sql, const char *key, int64_t id, hz_transfer *out, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, sql, &st, e);
    if (rc) return rc;
    if (key) hz_stmt_text(st, 1, key);
    else hz_stmt_int(st, 1, id);
    if ((rc = hz_row_one(st, "转账不存在 (no such transfer)", e))) return rc;
    read_transfer(st, out);
    hz_stmt_reset(st);
    return HZ_OK;
}

hz_err hz_store_transfer_by_key(hz_db *db, const char *key, hz_transfer *out, hz_errinfo *e) {
    return transfer_by(db, q_tr_by_key, key, 0, out, e);
}

hz_err hz_store_transfer_by_id(hz_db *db, int64_t id, hz_transfer *out, hz_errinfo *e) {
    return transfer_by(db, q_tr_by_id, NULL, id, out, e);
}

static hz_err move(hz_db *db, const char *sql, int64_t account, hz_fen posted, hz_fen pending, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, sql, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, posted);
    hz_stmt_int(st, 2, pending);
    hz_stmt_int(st, 3, account);
    return hz_stmt_run(st, e);
}

hz_err hz_store_transfer_append(hz_db *db, hz_transfer *t, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_tr_ins, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, t->key);
    hz_stmt_int(st, 2, t->debit_id);
    hz_stmt_int(st, 3, t->credit_id);
    hz_stmt_int(st, 4, t->amount);
    hz_stmt_text(st, 5, t->phase);
    hz_bind_opt_id(st, 6, t->pending_id);
    hz_stmt_text(st, 7, t->cause);
    hz_stmt_text(st, 8, t->at);
    hz_stmt_text(st, 9, t->by);
    if ((rc = hz_row_insert_id(st, &t->id, e))) return rc;
    hz_fen posted = 0, pending = 0;
    if (!strcmp(t->phase, "posted")) posted = t->amount;
    else if (!strcmp(t->phase, "pending")) pending = t->amount;
    else if (!strcmp(t->phase, "post")) posted = t->amount, pending = -t->amount;
    else pending = -t->amount; /* void */
    if ((rc = move(db, q_bal_debit, t->debit_id, posted, pending, e))) return rc;
    return move(db, q_bal_credit, t->credit_id, posted, pending, e);
}

hz_err hz_store_transfer_pending_of(hz_db *db, const char *cause, hz_transfer *out, hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_tr_pending_of, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, cause);
    if ((rc = hz_stmt_step(st, &row, e))) return rc;
    if (row) read_transfer(st, out);
    else memset(out, 0, sizeof *out);
    hz_stmt_reset(st);
    return HZ_OK;
}

hz_err hz_store_transfer_net(hz_db *db, const char *cause, int64_t account_id, hz_fen *net, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_tr_net, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, account_id);
    hz_stmt_text(st, 2, cause);
    return hz_row_int(st, net, e);
}

static const char q_audit[] =
    "SELECT " ACCT_COLS ","
    " (SELECT COALESCE(SUM(t.amount), 0) FROM transfer t WHERE t.debit_id = a.id AND (t.phase = 'posted' OR t.phase = 'post')),"
    " (SELECT COALESCE(SUM(t.amount), 0) FROM transfer t WHERE t.credit_id = a.id AND (t.phase = 'posted' OR t.phase = 'post')),"
    " (SELECT COALESCE(SUM(CASE WHEN t.phase = 'pending' THEN t.amount ELSE -t.amount END), 0) FROM transfer t"
    "   WHERE t.debit_id = a.id AND t.phase <> 'posted'),"
    " (SELECT COALESCE(SUM(CASE WHEN t.phase = 'pending' THEN t.amount ELSE -t.amount END), 0) FROM transfer t"
    "   WHERE t.credit_id = a.id AND t.phase <> 'posted')"
    " FROM account a ORDER BY a.id";

hz_err hz_store_accounts_audit(hz_db *db, hz_account_audit_fn fn, void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_audit, &st, e);
    if (rc) return rc;
    hz_account_audit a;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        read_account(st, &a.stored);
        a.computed = a.stored;
        a.computed.debits_posted = hz_stmt_col_int(st, 8);
        a.computed.credits_posted = hz_stmt_col_int(st, 9);
        a.computed.debits_pending = hz_stmt_col_int(st, 10);
        a.computed.credits_pending = hz_stmt_col_int(st, 11);
        if ((rc = fn(ctx, &a, e))) break;
    }
    hz_stmt_reset(st);
    return rc;
}

static const char q_totals[] =
    "SELECT COALESCE(SUM(debits_posted), 0), COALESCE(SUM(credits_posted), 0) FROM account";
static const char q_bad_links[] =
    "SELECT COUNT(*) FROM transfer t WHERE (t.phase = 'post' OR t.phase = 'void') AND NOT EXISTS"
    " (SELECT 1 FROM transfer p WHERE p.id = t.pending_id AND p.phase = 'pending' AND p.amount = t.amount"
    "  AND p.debit_id = t.debit_id AND p.credit_id = t.credit_id)";

hz_err hz_store_journal_totals(hz_db *db, hz_fen *debits, hz_fen *credits, int64_t *bad_links, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_totals, &st, e);
    if (rc || (rc = hz_row_one(st, "", e))) return rc;
    *debits = hz_stmt_col_int(st, 0);
    *credits = hz_stmt_col_int(st, 1);
    hz_stmt_reset(st);
    if ((rc = hz_db_stmt(db, q_bad_links, &st, e))) return rc;
    return hz_row_int(st, bad_links, e);
}

static const char q_kind_sum[] =
    "SELECT COALESCE(SUM(credits_posted - debits_posted), 0) FROM account WHERE kind = ?";

hz_err hz_store_accounts_kind_sum(hz_db *db, const char *kind, hz_fen *out, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_kind_sum, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, kind);
    return hz_row_int(st, out, e);
}
