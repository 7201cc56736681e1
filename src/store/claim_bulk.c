/* SQL of 免申即享's bulk writer (store/claim_bulk.h). */
#include "store/claim_bulk.h"

#include <stdio.h>
#include <string.h>

#include "store/claim.h"
#include "store/rows.h"

/* rows per INSERT; the tail goes one row at a time */
#define ROWS 32

/* "INSERT INTO t (cols) VALUES (?,…),…" for rows rows, built once per
 * buffer (the statement cache keys on the buffer's address) */
typedef struct {
    const char *head, *tail;
    int ncols;
    char many[8192], one[1024];
} sqlbuf;

static const char *sql_of(sqlbuf *b, int rows) {
    char *buf = rows == 1 ? b->one : b->many;
    size_t cap = rows == 1 ? sizeof b->one : sizeof b->many;
    if (buf[0]) return buf;
    size_t n = strlen(b->head), t = b->tail ? strlen(b->tail) : 0;
    if (n + (size_t)rows * ((size_t)b->ncols * 2 + 3) + t + 1 > cap) return NULL;
    memcpy(buf, b->head, n);
    for (int r = 0; r < rows; r++) {
        buf[n++] = r ? ',' : ' ';
        buf[n++] = '(';
        for (int c = 0; c < b->ncols; c++) {
            if (c) buf[n++] = ',';
            buf[n++] = '?';
        }
        buf[n++] = ')';
    }
    memcpy(buf + n, b->tail ? b->tail : "", t + 1);
    return buf;
}

typedef void (*bind_fn)(hz_stmt *st, int base, const void *row);

static hz_err put(hz_db *db, sqlbuf *b, const void *rows, size_t size, int n, bind_fn bind, hz_errinfo *e) {
    for (int i = 0; i < n;) {
        int k = n - i >= ROWS ? ROWS : 1;
        const char *sql = sql_of(b, k);
        hz_stmt *st;
        if (!sql) return hz_fail(e, HZ_EINTERNAL, "bulk: 语句过长 (statement too long)");
        hz_err rc = hz_db_stmt(db, sql, &st, e);
        if (rc) return rc;
        for (int j = 0; j < k; j++) bind(st, j * b->ncols, (const char *)rows + (size_t)(i + j) * size);
        if ((rc = hz_stmt_run(st, e))) return rc;
        i += k;
    }
    return HZ_OK;
}

static void opt_text(hz_stmt *st, int idx, const char *s) { hz_stmt_text_kept(st, idx, s && *s ? s : NULL); }

static const char q_max[] =
    "SELECT (SELECT COALESCE(max(id), 0) FROM claim), (SELECT COALESCE(max(id), 0) FROM claim_line),"
    " (SELECT COALESCE(max(id), 0) FROM payable), (SELECT COALESCE(max(id), 0) FROM account),"
    " (SELECT COALESCE(max(id), 0) FROM transfer), (SELECT COALESCE(max(id), 0) FROM audit_event),"
    " (SELECT COALESCE(max(id), 0) FROM notice)";

hz_err hz_store_bulk_next_ids(hz_db *db, hz_bulk_ids *out, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_max, &st, e);
    if (rc || (rc = hz_row_one(st, "", e))) return rc;
    out->claim = hz_stmt_col_int(st, 0) + 1;
    out->line = hz_stmt_col_int(st, 1) + 1;
    out->payable = hz_stmt_col_int(st, 2) + 1;
    out->account = hz_stmt_col_int(st, 3) + 1;
    out->transfer = hz_stmt_col_int(st, 4) + 1;
    out->audit = hz_stmt_col_int(st, 5) + 1;
    out->notice = hz_stmt_col_int(st, 6) + 1;
    hz_stmt_reset(st);
    return HZ_OK;
}

/* the claim as hz_store_claim_insert and hz_store_claim_update leave it */
static sqlbuf b_claim = {"INSERT INTO claim (id, claim_no, member_id, status, accident, death, disability_grade,"
                         " diagnosis, event_date, total, proactive, review_required, review_note, reject_reason,"
                         " resubmit_of, bank_failure, documents, submitted_at, documents_complete_at, decided_at,"
                         " decided_by, paid_at, hold_reason) VALUES",
                         NULL, 23, "", ""};

static void bind_claim(hz_stmt *st, int b, const void *row) {
    const hz_claim *c = row;
    hz_stmt_int(st, b + 1, c->id);
    hz_stmt_text_kept(st, b + 2, c->claim_no);
    hz_stmt_int(st, b + 3, c->member_id);
    hz_stmt_text_kept(st, b + 4, hz_store_claim_stored_status(c->status));
    hz_stmt_int(st, b + 5, c->accident);
    hz_stmt_int(st, b + 6, c->death);
    if (c->disability_grade) hz_stmt_int(st, b + 7, c->disability_grade);
    else hz_stmt_null(st, b + 7);
    opt_text(st, b + 8, c->diagnosis);
    hz_bind_date(st, b + 9, c->event_date);
    hz_stmt_int(st, b + 10, c->total);
    hz_stmt_int(st, b + 11, c->proactive);
    hz_stmt_int(st, b + 12, c->review_required);
    opt_text(st, b + 13, c->review_note);
    opt_text(st, b + 14, c->reject_reason);
    hz_stmt_null(st, b + 15); /* resubmit_of: a proactive claim replaces none */
    opt_text(st, b + 16, c->bank_failure);
    opt_text(st, b + 17, c->documents);
    hz_stmt_text_kept(st, b + 18, c->submitted_at);
    opt_text(st, b + 19, c->documents_complete_at);
    opt_text(st, b + 20, c->decided_at);
    opt_text(st, b + 21, c->decided_by);
    opt_text(st, b + 22, c->paid_at);
    opt_text(st, b + 23, c->hold_reason);
}

hz_err hz_store_bulk_claims(hz_db *db, const hz_claim *c, int n, hz_errinfo *e) {
    return put(db, &b_claim, c, sizeof *c, n, bind_claim, e);
}

static sqlbuf b_doc = {"INSERT INTO claim_document (claim_id, kind, received_at, received_by) VALUES", NULL, 4, "", ""};

static void bind_doc(hz_stmt *st, int b, const void *row) {
    const hz_bulk_doc *d = row;
    hz_stmt_int(st, b + 1, d->claim_id);
    hz_stmt_text_kept(st, b + 2, d->kind);
    hz_stmt_text_kept(st, b + 3, d->at);
    hz_stmt_text_kept(st, b + 4, d->by);
}

hz_err hz_store_bulk_docs(hz_db *db, const hz_bulk_doc *d, int n, hz_errinfo *e) {
    return put(db, &b_doc, d, sizeof *d, n, bind_doc, e);
}

static sqlbuf b_payable = {"INSERT INTO payable (id, payable_no, member_id, source, source_id, purpose, ready,"
                           " hold_reason, created_at) VALUES",
                           NULL, 9, "", ""};

static void bind_payable(hz_stmt *st, int b, const void *row) {
    const hz_payable *p = row;
    hz_stmt_int(st, b + 1, p->id);
    hz_stmt_text_kept(st, b + 2, p->payable_no);
    hz_stmt_int(st, b + 3, p->member_id);
    hz_stmt_text_kept(st, b + 4, p->source);
    hz_stmt_int(st, b + 5, p->source_id);
    hz_stmt_text_kept(st, b + 6, p->purpose);
    hz_stmt_int(st, b + 7, p->ready);
    opt_text(st, b + 8, p->hold_reason);
    hz_stmt_text_kept(st, b + 9, p->created_at);
}

hz_err hz_store_bulk_payables(hz_db *db, const hz_payable *p, int n, hz_errinfo *e) {
    return put(db, &b_payable, p, sizeof *p, n, bind_payable, e);
}

static sqlbuf b_account = {"INSERT INTO account (id, code, kind, member_id, debits_posted, credits_posted,"
                           " created_at) VALUES",
                           NULL, 7, "", ""};

static void bind_account(hz_stmt *st, int b, const void *row) {
    const hz_bulk_account *a = row;
    hz_stmt_int(st, b + 1, a->id);
    hz_stmt_text_kept(st, b + 2, a->code);
    hz_stmt_text_kept(st, b + 3, a->kind);
    hz_bind_opt_id(st, b + 4, a->member_id);
    hz_stmt_int(st, b + 5, a->debits_posted);
    hz_stmt_int(st, b + 6, a->credits_posted);
    hz_stmt_text_kept(st, b + 7, a->created_at);
}

hz_err hz_store_bulk_accounts_new(hz_db *db, const hz_bulk_account *a, int n, hz_errinfo *e) {
    return put(db, &b_account, a, sizeof *a, n, bind_account, e);
}

static const char q_acct_add[] =
    "UPDATE account SET debits_posted = debits_posted + ?, credits_posted = credits_posted + ? WHERE id = ?";

hz_err hz_store_bulk_account_add(hz_db *db, const hz_bulk_account *a, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_acct_add, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, a->debits_posted);
    hz_stmt_int(st, 2, a->credits_posted);
    hz_stmt_int(st, 3, a->id);
    return hz_stmt_run(st, e);
}

static const char q_acct_id[] = "SELECT id FROM account WHERE code = ?";

hz_err hz_store_bulk_account_id(hz_db *db, const char *code, int64_t *id, hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_acct_id, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, code);
    if ((rc = hz_stmt_step(st, &row, e))) return rc;
    *id = row ? hz_stmt_col_int(st, 0) : 0;
    hz_stmt_reset(st);
    return HZ_OK;
}

static sqlbuf b_line = {"INSERT INTO claim_line (id, claim_id, seq, coverage_id, plan_code, settlement_id, component,"
                        " period, amount, lump_pct, counted_stay, reason, explain, first_stay) VALUES",
                        NULL, 14, "", ""};

static void bind_line(hz_stmt *st, int b, const void *row) {
    const hz_bulk_line *x = row;
    const hz_claim_line_row *l = &x->r;
    hz_stmt_int(st, b + 1, l->id);
    hz_stmt_int(st, b + 2, x->claim_id);
    hz_stmt_int(st, b + 3, l->seq);
    hz_bind_opt_id(st, b + 4, l->coverage_id);
    hz_stmt_text_kept(st, b + 5, l->plan_code);
    hz_bind_opt_id(st, b + 6, l->settlement_id);
    hz_stmt_text_kept(st, b + 7, l->component);
    hz_stmt_int(st, b + 8, l->period);
    hz_stmt_int(st, b + 9, l->amount);
    hz_stmt_int(st, b + 10, l->lump_pct);
    hz_stmt_int(st, b + 11, l->counted_stay);
    hz_stmt_text_kept(st, b + 12, l->reason);
    hz_stmt_text_kept(st, b + 13, l->explain);
    hz_stmt_int(st, b + 14, l->first_stay);
}

hz_err hz_store_bulk_lines(hz_db *db, const hz_bulk_line *l, int n, hz_errinfo *e) {
    return put(db, &b_line, l, sizeof *l, n, bind_line, e);
}

static sqlbuf b_transfer = {"INSERT INTO transfer (id, tkey, debit_id, credit_id, amount, phase, pending_id, cause,"
                            " at, by_actor) VALUES",
                            NULL, 10, "", ""};

static void bind_transfer(hz_stmt *st, int b, const void *row) {
    const hz_transfer *t = row;
    hz_stmt_int(st, b + 1, t->id);
    hz_stmt_text_kept(st, b + 2, t->key);
    hz_stmt_int(st, b + 3, t->debit_id);
    hz_stmt_int(st, b + 4, t->credit_id);
    hz_stmt_int(st, b + 5, t->amount);
    hz_stmt_text_kept(st, b + 6, t->phase);
    hz_bind_opt_id(st, b + 7, t->pending_id);
    hz_stmt_text_kept(st, b + 8, t->cause);
    hz_stmt_text_kept(st, b + 9, t->at);
    hz_stmt_text_kept(st, b + 10, t->by);
}

hz_err hz_store_bulk_transfers(hz_db *db, const hz_transfer *t, int n, hz_errinfo *e) {
    return put(db, &b_transfer, t, sizeof *t, n, bind_transfer, e);
}

static sqlbuf b_link = {"INSERT INTO claim_settlement (claim_id, settlement_id, active) VALUES", NULL, 3, "", ""};

static void bind_link(hz_stmt *st, int b, const void *row) {
    const hz_bulk_link *l = row;
    hz_stmt_int(st, b + 1, l->claim_id);
    hz_stmt_int(st, b + 2, l->settlement_id);
    hz_stmt_int(st, b + 3, 1);
}

hz_err hz_store_bulk_links(hz_db *db, const hz_bulk_link *l, int n, hz_errinfo *e) {
    return put(db, &b_link, l, sizeof *l, n, bind_link, e);
}

static sqlbuf b_ledger = {"INSERT INTO ledger (coverage_id, period, component, stays, paid, lump_pct, first_borne)"
                          " VALUES",
                          " ON CONFLICT (coverage_id, period, component) DO UPDATE SET stays = excluded.stays,"
                          " paid = excluded.paid, lump_pct = excluded.lump_pct, first_borne = excluded.first_borne",
                          7, "", ""};

static void bind_ledger(hz_stmt *st, int b, const void *row) {
    const hz_bulk_ledger *x = row;
    hz_stmt_int(st, b + 1, x->coverage_id);
    hz_stmt_int(st, b + 2, x->l.period);
    hz_stmt_text_kept(st, b + 3, x->l.component);
    hz_stmt_int(st, b + 4, x->l.stays);
    hz_stmt_int(st, b + 5, x->l.paid);
    hz_stmt_int(st, b + 6, x->l.lump_pct);
    hz_stmt_int(st, b + 7, x->l.first_borne);
}

hz_err hz_store_bulk_ledger(hz_db *db, const hz_bulk_ledger *l, int n, hz_errinfo *e) {
    return put(db, &b_ledger, l, sizeof *l, n, bind_ledger, e);
}

static sqlbuf b_audit = {"INSERT INTO audit_event (id, at, actor, action, object, detail, prev_hash, hash) VALUES",
                         NULL, 8, "", ""};

static void bind_audit(hz_stmt *st, int b, const void *row) {
    const hz_bulk_audit *a = row;
    hz_stmt_int(st, b + 1, a->id);
    hz_stmt_text_kept(st, b + 2, a->at);
    hz_stmt_text_kept(st, b + 3, a->actor);
    hz_stmt_text_kept(st, b + 4, a->action);
    hz_stmt_text_kept(st, b + 5, a->object);
    hz_stmt_text_kept(st, b + 6, a->detail);
    hz_stmt_text_kept(st, b + 7, a->prev_hash);
    hz_stmt_text_kept(st, b + 8, a->hash);
}

hz_err hz_store_bulk_audit(hz_db *db, const hz_bulk_audit *a, int n, hz_errinfo *e) {
    return put(db, &b_audit, a, sizeof *a, n, bind_audit, e);
}

static sqlbuf b_notice = {"INSERT INTO notice (id, notice_no, event_key, kind, object, member_id, title, body, detail,"
                          " status, attempts, next_at, created_at) VALUES",
                          NULL, 13, "", ""};

static void bind_notice(hz_stmt *st, int b, const void *row) {
    const hz_notice *n = row;
    hz_stmt_int(st, b + 1, n->id);
    hz_stmt_text_kept(st, b + 2, n->notice_no);
    hz_stmt_text_kept(st, b + 3, n->event_key);
    hz_stmt_text_kept(st, b + 4, n->kind);
    hz_stmt_text_kept(st, b + 5, n->object);
    hz_stmt_int(st, b + 6, n->member_id);
    hz_stmt_text_kept(st, b + 7, n->title);
    hz_stmt_text_kept(st, b + 8, n->body);
    hz_stmt_text_kept(st, b + 9, n->detail);
    hz_stmt_text_kept(st, b + 10, "pending");
    hz_stmt_int(st, b + 11, 0);
    hz_stmt_int(st, b + 12, 0);
    hz_stmt_text_kept(st, b + 13, n->created_at);
}

hz_err hz_store_bulk_notices(hz_db *db, const hz_notice *n, int count, hz_errinfo *e) {
    return put(db, &b_notice, n, sizeof *n, count, bind_notice, e);
}
