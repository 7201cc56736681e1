/* SQL of payment batches, payments and bank result files. */
#include "store/payment.h"

#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "store/rows.h"
#include "store/store.h"

static const char q_batch_ins[] = "INSERT INTO payment_batch (batch_no, count, total, created_at, created_by)"
                                  " VALUES (?, ?, ?, ?, ?) RETURNING id";
static const char q_batch_finish[] = "UPDATE payment_batch SET batch_no = ?, count = ?, total = ? WHERE id = ?";
static const char q_batch_id[] = "SELECT id FROM payment_batch WHERE batch_no = ?";
static const char q_batch_file_done[] = "UPDATE payment_batch SET file_at = ? WHERE id = ? AND file_at IS NULL";
static const char q_batch_unfiled[] = "SELECT id, batch_no, count, total FROM payment_batch"
                                      " WHERE file_at IS NULL AND count > 0 ORDER BY id LIMIT 1";
static const char q_pay_ins[] =
    "INSERT INTO payment (payable_id, batch_id, amount, offset_amount, payee_name, bank_card, bank_name, status,"
    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?) RETURNING id";
static const char q_pay_transfer[] = "UPDATE payment SET transfer_id = ? WHERE id = ?";
#define PAY_COLS                                                                                                   \
    "y.id, y.payable_id, y.batch_id, b.batch_no, y.amount, y.offset_amount, y.payee_name, y.bank_card,"           \
    " COALESCE(y.bank_name, ''), y.status, COALESCE(y.transfer_id, 0), COALESCE(y.bank_ref, ''),"                 \
    " COALESCE(y.failure_reason, ''), y.created_at, COALESCE(y.settled_at, '')"
#define PAY_FROM " FROM payment y JOIN payment_batch b ON b.id = y.batch_id"
static const char q_pending_of[] = "SELECT " PAY_COLS PAY_FROM " WHERE y.payable_id = ? AND y.status = 'pending'";
static const char q_last_of[] = "SELECT " PAY_COLS PAY_FROM " WHERE y.payable_id = ? ORDER BY y.id DESC LIMIT 1";
static const char q_in_batch[] =
    "SELECT " PAY_COLS PAY_FROM " WHERE y.payable_id = ? AND y.batch_id = ? ORDER BY y.id DESC LIMIT 1";
static const char q_by_ref[] = "SELECT " PAY_COLS PAY_FROM " WHERE y.bank_ref = ? ORDER BY y.id LIMIT 1";
static const char q_of_batch[] = "SELECT " PAY_COLS ", p.payable_no, p.purpose, COALESCE(y.mac, ''), p.source"
                                 PAY_FROM " JOIN payable p ON p.id = y.payable_id WHERE y.batch_id = ? ORDER BY y.id";
static const char q_count[] = "SELECT COUNT(*) FROM payment WHERE payable_id = ? AND status = ?";
static const char q_pay_settle[] =
    "UPDATE payment SET status = ?, bank_ref = ?, failure_reason = ?, settled_at = ? WHERE id = ?";
static const char q_file_seen[] = "SELECT COUNT(*) FROM bank_result_file WHERE digest = ?";
static const char q_file_rec[] =
    "INSERT INTO bank_result_file (digest, n_rows, applied_at, by_actor) VALUES (?, ?, ?, ?)";

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

hz_err hz_store_batch_id(hz_db *db, const char *batch_no, int64_t *id, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_batch_id, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, batch_no);
    if ((rc = hz_row_one(st, "批次不存在 (no such batch)", e)))
        return rc == HZ_ENOTFOUND ? hz_fail(e, rc, "批次 %.40s 不存在 (no such batch)", batch_no) : rc;
    *id = hz_stmt_col_int(st, 0);
    hz_stmt_reset(st);
    return HZ_OK;
}

hz_err hz_store_batch_file_done(hz_db *db, int64_t id, const char *now, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_batch_file_done, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, now);
    hz_stmt_int(st, 2, id);
    return hz_stmt_run(st, e);
}

hz_err hz_store_batch_unfiled(hz_db *db, int64_t *id, char *batch_no, size_t cap, int64_t *count, hz_fen *total,
                              hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    *id = 0;
    hz_err rc = hz_db_stmt(db, q_batch_unfiled, &st, e);
    if (rc) return rc;
    if ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        *id = hz_stmt_col_int(st, 0);
        hz_strlcpy(batch_no, hz_stmt_col_text(st, 1), cap);
        *count = hz_stmt_col_int(st, 2);
        *total = hz_stmt_col_int(st, 3);
    }
    hz_stmt_reset(st);
    return rc;
}

hz_err hz_store_payment_insert(hz_db *db, hz_payment *p, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_pay_ins, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, p->payable_id);
    hz_stmt_int(st, 2, p->batch_id);
    hz_stmt_int(st, 3, p->amount);
    hz_stmt_int(st, 4, p->offset_amount);
    hz_stmt_text(st, 5, p->payee_name);
    hz_stmt_text(st, 6, p->bank_card);
    hz_bind_opt_text(st, 7, p->bank_name);
    hz_stmt_text(st, 8, p->created_at);
    return hz_row_insert_id(st, &p->id, e);
}

hz_err hz_store_payment_set_transfer(hz_db *db, int64_t id, int64_t transfer_id, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_pay_transfer, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, transfer_id);
    hz_stmt_int(st, 2, id);
    return hz_stmt_run(st, e);
}

static void read_payment(hz_stmt *st, hz_payment *p) {
    memset(p, 0, sizeof *p);
    p->id = hz_stmt_col_int(st, 0);
    p->payable_id = hz_stmt_col_int(st, 1);
    p->batch_id = hz_stmt_col_int(st, 2);
    HZ_COPY(p->batch_no, hz_stmt_col_text(st, 3));
    p->amount = hz_stmt_col_int(st, 4);
    p->offset_amount = hz_stmt_col_int(st, 5);
    HZ_COPY(p->payee_name, hz_stmt_col_text(st, 6));
    HZ_COPY(p->bank_card, hz_stmt_col_text(st, 7));
    HZ_COPY(p->bank_name, hz_stmt_col_text(st, 8));
    HZ_COPY(p->status, hz_stmt_col_text(st, 9));
    p->transfer_id = hz_stmt_col_int(st, 10);
    HZ_COPY(p->bank_ref, hz_stmt_col_text(st, 11));
    HZ_COPY(p->failure_reason, hz_stmt_col_text(st, 12));
    HZ_COPY(p->created_at, hz_stmt_col_text(st, 13));
    HZ_COPY(p->settled_at, hz_stmt_col_text(st, 14));
}

static hz_err one(hz_db *db, const char *sql, int64_t a, int64_t b, const char *text, hz_payment *out, hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, sql, &st, e);
    if (rc) return rc;
    if (text) hz_stmt_text(st, 1, text);
    else {
        hz_stmt_int(st, 1, a);
        if (b) hz_stmt_int(st, 2, b);
    }
    if ((rc = hz_stmt_step(st, &row, e))) return rc;
    if (row) read_payment(st, out);
    else memset(out, 0, sizeof *out);
    hz_stmt_reset(st);
    return HZ_OK;
}

hz_err hz_store_payment_pending_of(hz_db *db, int64_t payable_id, hz_payment *out, hz_errinfo *e) {
    return one(db, q_pending_of, payable_id, 0, NULL, out, e);
}

hz_err hz_store_payment_last_of(hz_db *db, int64_t payable_id, hz_payment *out, hz_errinfo *e) {
    return one(db, q_last_of, payable_id, 0, NULL, out, e);
}

hz_err hz_store_payment_in_batch(hz_db *db, int64_t payable_id, int64_t batch_id, hz_payment *out, hz_errinfo *e) {
    return one(db, q_in_batch, payable_id, batch_id, NULL, out, e);
}

hz_err hz_store_payment_by_bank_ref(hz_db *db, const char *bank_ref, hz_payment *out, hz_errinfo *e) {
    return one(db, q_by_ref, 0, 0, bank_ref, out, e);
}

hz_err hz_store_payment_count(hz_db *db, int64_t payable_id, const char *status, int64_t *n, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_count, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, payable_id);
    hz_stmt_text(st, 2, status);
    return hz_row_int(st, n, e);
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

/* Walks the payments of a batch for whichever of fn and item is given. */
static hz_err walk_batch(hz_db *db, int64_t batch_id, hz_payment_fn fn, hz_batch_item_fn item, void *ctx,
                         hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_of_batch, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, batch_id);
    hz_payment p;
    char no[40], purpose[64], mac[65], source[12];
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        read_payment(st, &p);
        HZ_COPY(no, hz_stmt_col_text(st, 15));
        HZ_COPY(purpose, hz_stmt_col_text(st, 16));
        HZ_COPY(mac, hz_stmt_col_text(st, 17));
        HZ_COPY(source, hz_stmt_col_text(st, 18));
        if ((rc = fn ? fn(ctx, &p, no, purpose, mac, e) : item(ctx, &p, no, source, purpose, e))) break;
    }
    hz_stmt_reset(st);
    return rc;
}

hz_err hz_store_payments_of_batch(hz_db *db, int64_t batch_id, hz_payment_fn fn, void *ctx, hz_errinfo *e) {
    return walk_batch(db, batch_id, fn, NULL, ctx, e);
}

hz_err hz_store_batch_items(hz_db *db, int64_t batch_id, hz_batch_item_fn fn, void *ctx, hz_errinfo *e) {
    return walk_batch(db, batch_id, NULL, fn, ctx, e);
}

/* A batch's payments counted and summed by state (s), its status from them
 * (hz_batch_row). */
#define BATCH_SUMS                                                                                                    \
    " JOIN (SELECT batch_id, COUNT(*) AS n, SUM(CASE WHEN status = 'paid' THEN 1 ELSE 0 END) AS paid,"               \
    " SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed,"                                                  \
    " SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END) AS pending,"                                                \
    " SUM(CASE WHEN status = 'paid' THEN amount ELSE 0 END) AS paid_amount,"                                          \
    " SUM(CASE WHEN status = 'failed' THEN amount ELSE 0 END) AS failed_amount,"                                      \
    " SUM(CASE WHEN status = 'pending' THEN amount ELSE 0 END) AS pending_amount, SUM(offset_amount) AS offset_amount" \
    " FROM payment GROUP BY batch_id) s ON s.batch_id = b.id"
#define BATCH_STATUS                                                                                                  \
    "(CASE WHEN b.file_at IS NULL THEN 'unfiled' WHEN s.pending = s.n THEN 'sent' WHEN s.pending = 0 THEN 'settled'"  \
    " ELSE 'partial' END)"
#define BATCH_COLS                                                                                                    \
    "SELECT b.id, b.batch_no, b.created_at, COALESCE(b.created_by, ''), COALESCE(b.file_at, ''), " BATCH_STATUS      \
    ", s.n, s.paid, s.failed, s.pending, b.total, s.paid_amount, s.failed_amount, s.pending_amount, s.offset_amount"  \
    " FROM payment_batch b" BATCH_SUMS
/* the parameters of HZ_REC_WHERE, read for batches (store/lists.h) */
#define BATCH_WHERE                                                                                                   \
    " WHERE ?1 = '' AND ?2 = 0 AND ?3 = 0 AND ?8 = 0 AND ((?4 = '' AND ?5 = '' AND ?6 = '')"                          \
    " OR (?6 <> '' AND b.batch_no LIKE ?6 ESCAPE '\\') OR EXISTS (SELECT 1 FROM payment y JOIN payable p"            \
    " ON p.id = y.payable_id JOIN member m ON m.id = p.member_id WHERE y.batch_id = b.id"                               \
    " AND ((?4 <> '' AND p.payable_no LIKE ?4 ESCAPE '\\') OR (?5 <> '' AND m.id_number LIKE ?5 ESCAPE '\\'))))"      \
    " AND (?7 = '' OR " BATCH_STATUS " = ?7) AND (?9 = '' OR b.created_at >= ?9) AND (?10 = '' OR b.created_at < ?10)" \
    " AND (?11 = '' OR b.created_by = ?11) AND (?12 = 0 OR s.failed > 0)"
#define Q_BATCH_PAGE(order) BATCH_COLS BATCH_WHERE " ORDER BY " order HZ_REC_PAGE
#define BATCH_STATUS_ORDER                                                                                            \
    "CASE " BATCH_STATUS " WHEN 'unfiled' THEN 1 WHEN 'sent' THEN 2 WHEN 'partial' THEN 3 ELSE 4 END"
static const char *const q_batch_page[HZ_BATCH_SORTS][2] = {
    {Q_BATCH_PAGE("b.id"), Q_BATCH_PAGE("b.id DESC")},
    {Q_BATCH_PAGE("b.batch_no, b.id"), Q_BATCH_PAGE("b.batch_no DESC, b.id DESC")},
    {Q_BATCH_PAGE("b.created_at, b.id"), Q_BATCH_PAGE("b.created_at DESC, b.id DESC")},
    {Q_BATCH_PAGE(BATCH_STATUS_ORDER ", b.id"), Q_BATCH_PAGE(BATCH_STATUS_ORDER " DESC, b.id DESC")},
    {Q_BATCH_PAGE("s.n, b.id"), Q_BATCH_PAGE("s.n DESC, b.id DESC")},
    {Q_BATCH_PAGE("b.total, b.id"), Q_BATCH_PAGE("b.total DESC, b.id DESC")},
};
static const char q_batch_count[] = "SELECT count(*) FROM payment_batch b" BATCH_SUMS BATCH_WHERE;
static const char q_batch_by_no[] = BATCH_COLS " WHERE b.batch_no = ?";

static void read_batch(hz_stmt *st, hz_batch_row *b) {
    memset(b, 0, sizeof *b);
    b->id = hz_stmt_col_int(st, 0);
    HZ_COPY(b->batch_no, hz_stmt_col_text(st, 1));
    HZ_COPY(b->created_at, hz_stmt_col_text(st, 2));
    HZ_COPY(b->created_by, hz_stmt_col_text(st, 3));
    HZ_COPY(b->file_at, hz_stmt_col_text(st, 4));
    HZ_COPY(b->status, hz_stmt_col_text(st, 5));
    b->count = hz_stmt_col_int(st, 6);
    b->paid = hz_stmt_col_int(st, 7);
    b->failed = hz_stmt_col_int(st, 8);
    b->pending = hz_stmt_col_int(st, 9);
    b->total = hz_stmt_col_int(st, 10);
    b->paid_amount = hz_stmt_col_int(st, 11);
    b->failed_amount = hz_stmt_col_int(st, 12);
    b->pending_amount = hz_stmt_col_int(st, 13);
    b->offset = hz_stmt_col_int(st, 14);
}

typedef struct {
    hz_batch_row_fn fn;
    void *ctx;
} batch_page_ctx;

static hz_err batch_page_row(void *vctx, hz_stmt *st, hz_errinfo *e) {
    batch_page_ctx *c = vctx;
    hz_batch_row b;
    read_batch(st, &b);
    return c->fn(c->ctx, &b, e);
}

hz_err hz_store_batches_page(hz_db *db, const hz_list_scope *sc, const hz_rec_filter *f, int64_t offset,
                             int64_t limit, hz_batch_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e) {
    if (f->sort < 0 || f->sort >= HZ_BATCH_SORTS) return hz_fail(e, HZ_EINTERNAL, "batches: sort %d", f->sort);
    batch_page_ctx c = {fn, ctx};
    return hz_store_rec_page(db, q_batch_count, q_batch_page[f->sort][f->desc], sc, f, offset, limit, batch_page_row,
                             &c, total, e);
}

hz_err hz_store_batch_by_no(hz_db *db, const char *batch_no, hz_batch_row *out, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_batch_by_no, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, batch_no);
    if ((rc = hz_row_one(st, "批次不存在 (no such batch)", e)))
        return rc == HZ_ENOTFOUND ? hz_fail(e, rc, "批次 %.40s 不存在 (no such batch)", batch_no) : rc;
    read_batch(st, out);
    hz_stmt_reset(st);
    return HZ_OK;
}

hz_err hz_store_bank_file_seen(hz_db *db, const char *digest, bool *seen, hz_errinfo *e) {
    hz_stmt *st;
    int64_t n = 0;
    hz_err rc = hz_db_stmt(db, q_file_seen, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, digest);
    rc = hz_row_int(st, &n, e);
    *seen = n > 0;
    return rc;
}

hz_err hz_store_bank_file_record(hz_db *db, const char *digest, int64_t rows, const char *now, const char *by,
                                 hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_file_rec, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, digest);
    hz_stmt_int(st, 2, rows);
    hz_stmt_text(st, 3, now);
    hz_stmt_text(st, 4, by);
    return hz_stmt_run(st, e);
}

/* The payments module's own history (its first tables are in the core's
 * migrations 1-2). */
static const char *const payment_migrations[] = {
    /* 1: the money journal (docs/money.md): accounts and immutable
     * transfers, payables (what is paid, whatever caused it), payments of
     * payables in two phases, recoveries, bank result files applied.
     * Existing claims, lines and payments are carried over as the
     * transfers they would have made. */
    "CREATE TABLE account ("
    " id ID_PK,"
    " code TEXT NOT NULL UNIQUE,"
    " kind TEXT NOT NULL CHECK (kind = 'benefit' OR kind = 'payable' OR kind = 'bank' OR kind = 'receivable'"
    "  OR kind = 'writeoff' OR kind = 'budget'),"
    " member_id BIGINT REFERENCES member(id),"
    " debits_posted BIGINT NOT NULL DEFAULT 0,"
    " credits_posted BIGINT NOT NULL DEFAULT 0,"
    " debits_pending BIGINT NOT NULL DEFAULT 0,"
    " credits_pending BIGINT NOT NULL DEFAULT 0,"
    " created_at TEXT NOT NULL) /*STRICT*/;"
    "CREATE TABLE transfer ("
    " id ID_PK,"
    " tkey TEXT NOT NULL UNIQUE,"
    " debit_id BIGINT NOT NULL REFERENCES account(id),"
    " credit_id BIGINT NOT NULL REFERENCES account(id),"
    " amount BIGINT NOT NULL CHECK (amount > 0),"
    " phase TEXT NOT NULL CHECK (phase = 'posted' OR phase = 'pending' OR phase = 'post' OR phase = 'void'),"
    " pending_id BIGINT REFERENCES transfer(id),"
    " cause TEXT NOT NULL,"
    " at TEXT NOT NULL,"
    " by_actor TEXT NOT NULL,"
    " CHECK ((phase = 'post' OR phase = 'void') = (pending_id IS NOT NULL))) /*STRICT*/;"
    "CREATE UNIQUE INDEX transfer_resolved_once ON transfer(pending_id) WHERE pending_id IS NOT NULL;"
    "CREATE INDEX transfer_debit ON transfer(debit_id);"
    "CREATE INDEX transfer_credit ON transfer(credit_id);"
    "CREATE INDEX transfer_cause ON transfer(cause);"
    "CREATE TABLE payable ("
    " id ID_PK,"
    " payable_no TEXT NOT NULL UNIQUE,"
    " member_id BIGINT NOT NULL REFERENCES member(id),"
    " source TEXT NOT NULL CHECK (source = 'claim' OR source = 'lm' OR source = 'relief'),"
    " source_id BIGINT NOT NULL,"
    " purpose TEXT NOT NULL,"
    " ready BIGINT NOT NULL DEFAULT 0,"
    " hold_reason TEXT,"
    " created_at TEXT NOT NULL,"
    " UNIQUE (source, source_id)) /*STRICT*/;"
    "CREATE INDEX payable_member ON payable(member_id);"
    "CREATE TABLE payment_v3 ("
    " id ID_PK,"
    " payable_id BIGINT NOT NULL REFERENCES payable(id),"
    " batch_id BIGINT NOT NULL REFERENCES payment_batch(id),"
    " amount BIGINT NOT NULL CHECK (amount > 0),"
    " offset_amount BIGINT NOT NULL DEFAULT 0 CHECK (offset_amount >= 0),"
    " payee_name TEXT NOT NULL,"
    " bank_card TEXT NOT NULL,"
    " bank_name TEXT,"
    " status TEXT NOT NULL CHECK (status = 'pending' OR status = 'paid' OR status = 'failed'),"
    " transfer_id BIGINT REFERENCES transfer(id),"
    " bank_ref TEXT,"
    " failure_reason TEXT,"
    " created_at TEXT NOT NULL,"
    " settled_at TEXT) /*STRICT*/;"
    "CREATE TABLE recovery ("
    " id ID_PK,"
    " member_id BIGINT NOT NULL REFERENCES member(id),"
    " kind TEXT NOT NULL CHECK (kind = 'repay' OR kind = 'writeoff'),"
    " amount BIGINT NOT NULL CHECK (amount > 0),"
    " reason TEXT NOT NULL,"
    " ref TEXT,"
    " at TEXT NOT NULL,"
    " by_actor TEXT NOT NULL) /*STRICT*/;"
    "CREATE TABLE bank_result_file ("
    " id ID_PK,"
    " digest TEXT NOT NULL UNIQUE,"
    " n_rows BIGINT NOT NULL,"
    " applied_at TEXT NOT NULL,"
    " by_actor TEXT NOT NULL) /*STRICT*/;"
    "INSERT INTO payable (payable_no, member_id, source, source_id, purpose, ready, created_at)"
    " SELECT claim_no, member_id, 'claim', id, '职工互助金 ' || claim_no,"
    " CASE WHEN status = 'approved' OR status = 'paid' THEN 1 ELSE 0 END, submitted_at FROM claim ORDER BY id;"
    "INSERT INTO account (code, kind, created_at) SELECT 'payable:' || payable_no, 'payable', created_at"
    " FROM payable ORDER BY id;"
    "INSERT INTO account (code, kind, created_at) SELECT DISTINCT 'benefit:' || coverage_id || ':' || period || ':'"
    " || component, 'benefit', 'migration 3' FROM claim_line WHERE amount > 0 AND coverage_id IS NOT NULL;"
    "INSERT INTO account (code, kind, created_at) VALUES ('bank', 'bank', 'migration 3');"
    "INSERT INTO transfer (tkey, debit_id, credit_id, amount, phase, cause, at, by_actor)"
    " SELECT 'line:' || l.id, (SELECT a.id FROM account a WHERE a.code = 'benefit:' || l.coverage_id || ':' ||"
    " l.period || ':' || l.component), (SELECT a.id FROM account a WHERE a.code = 'payable:' || c.claim_no),"
    " l.amount, 'posted', 'line:' || l.id, c.submitted_at, 'migration 3'"
    " FROM claim_line l JOIN claim c ON c.id = l.claim_id WHERE l.amount > 0 AND l.coverage_id IS NOT NULL"
    " ORDER BY l.id;"
    "INSERT INTO payment_v3 (payable_id, batch_id, amount, payee_name, bank_card, bank_name, status, bank_ref,"
    " failure_reason, created_at, settled_at)"
    " SELECT pb.id, p.batch_id, p.amount, p.payee_name, p.bank_card, p.bank_name, p.status,"
    " NULLIF(p.bank_ref, ''), p.failure_reason, p.created_at, p.settled_at"
    " FROM payment p JOIN payable pb ON pb.source = 'claim' AND pb.source_id = p.claim_id ORDER BY p.id;"
    "INSERT INTO transfer (tkey, debit_id, credit_id, amount, phase, cause, at, by_actor)"
    " SELECT 'payment:' || p.id, (SELECT a.id FROM account a WHERE a.code = 'payable:' || pb.payable_no),"
    " (SELECT a.id FROM account a WHERE a.code = 'bank'), p.amount, 'pending', 'payment:' || p.id, p.created_at,"
    " 'migration 3' FROM payment_v3 p JOIN payable pb ON pb.id = p.payable_id ORDER BY p.id;"
    "INSERT INTO transfer (tkey, debit_id, credit_id, amount, phase, pending_id, cause, at, by_actor)"
    " SELECT t.tkey || CASE WHEN p.status = 'paid' THEN '/post' ELSE '/void' END, t.debit_id, t.credit_id,"
    " t.amount, CASE WHEN p.status = 'paid' THEN 'post' ELSE 'void' END, t.id, t.cause,"
    " COALESCE(p.settled_at, p.created_at), 'migration 3'"
    " FROM payment_v3 p JOIN transfer t ON t.tkey = 'payment:' || p.id WHERE p.status <> 'pending' ORDER BY p.id;"
    "UPDATE payment_v3 SET transfer_id = (SELECT t.id FROM transfer t WHERE t.tkey = 'payment:' || payment_v3.id);"
    "DROP TABLE payment;"
    "ALTER TABLE payment_v3 RENAME TO payment;"
    "CREATE UNIQUE INDEX payment_pending_once ON payment(payable_id) WHERE status = 'pending';"
    "CREATE INDEX payment_payable ON payment(payable_id);"
    "CREATE INDEX payment_batch_id ON payment(batch_id);"
    "CREATE INDEX payment_bank_ref ON payment(bank_ref);"
    "UPDATE account SET"
    " debits_posted = (SELECT COALESCE(SUM(t.amount), 0) FROM transfer t WHERE t.debit_id = account.id"
    "  AND (t.phase = 'posted' OR t.phase = 'post')),"
    " credits_posted = (SELECT COALESCE(SUM(t.amount), 0) FROM transfer t WHERE t.credit_id = account.id"
    "  AND (t.phase = 'posted' OR t.phase = 'post')),"
    " debits_pending = (SELECT COALESCE(SUM(CASE WHEN t.phase = 'pending' THEN t.amount ELSE -t.amount END), 0)"
    "  FROM transfer t WHERE t.debit_id = account.id AND t.phase <> 'posted'),"
    " credits_pending = (SELECT COALESCE(SUM(CASE WHEN t.phase = 'pending' THEN t.amount ELSE -t.amount END), 0)"
    "  FROM transfer t WHERE t.credit_id = account.id AND t.phase <> 'posted');"
    /* paid before a refund reversed it: what the member owes back */
    "INSERT INTO account (code, kind, member_id, created_at) SELECT DISTINCT 'recv:' || pb.member_id,"
    " 'receivable', pb.member_id, 'migration 3' FROM payable pb JOIN account a ON a.code = 'payable:' ||"
    " pb.payable_no WHERE a.credits_posted < a.debits_posted AND a.debits_pending = 0;"
    "INSERT INTO transfer (tkey, debit_id, credit_id, amount, phase, cause, at, by_actor)"
    " SELECT 'recover:' || pb.payable_no || ':migration', (SELECT r.id FROM account r WHERE r.code = 'recv:' ||"
    " pb.member_id), a.id, a.debits_posted - a.credits_posted, 'posted', 'payable:' || pb.payable_no,"
    " 'migration 3', 'migration 3' FROM payable pb JOIN account a ON a.code = 'payable:' || pb.payable_no"
    " WHERE a.credits_posted < a.debits_posted AND a.debits_pending = 0 ORDER BY pb.id;"
    "UPDATE account SET"
    " debits_posted = (SELECT COALESCE(SUM(t.amount), 0) FROM transfer t WHERE t.debit_id = account.id"
    "  AND (t.phase = 'posted' OR t.phase = 'post')),"
    " credits_posted = (SELECT COALESCE(SUM(t.amount), 0) FROM transfer t WHERE t.credit_id = account.id"
    "  AND (t.phase = 'posted' OR t.phase = 'post'));",
    /* 2: a payable may wait for a date (a relief list's objection window) */
    "ALTER TABLE payable ADD COLUMN due_on TEXT;",
    /* 3: one bank reference is one repayment */
    "CREATE UNIQUE INDEX recovery_ref ON recovery(ref) WHERE ref IS NOT NULL;",
    /* 4: when a batch's bank file was in place (written, fsynced, renamed,
     * directory fsynced); NULL after a crash between the batch's commit and
     * that moment, and the next `pay batch` writes the file again. Batches
     * before this were written by the old code: taken as handed over. */
    "ALTER TABLE payment_batch ADD COLUMN file_at TEXT;"
    "UPDATE payment_batch SET file_at = created_at;",
    /* 5: a member's repayments and write-offs (issue 19: each member owing
     * scanned every recovery of the office in the recovery list and report) */
    "CREATE INDEX recovery_member ON recovery(member_id);",
};

const hz_store_module hz_store_module_payments = {
    .name = "payments", .migrations = payment_migrations, .n_migrations = HZ_COUNT(payment_migrations)};
