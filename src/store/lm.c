/* SQL of the LM subsidy (store/lm.h) and the lm module's migrations. */
#include "store/lm.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/rows.h"
#include "store/store.h"

#define LM_COLS                                                                                                    \
    "l.id, l.subsidy_no, l.member_id, l.settlement_id, s.setl_id, m.id_number, l.year, l.level, l.psn_selfpay,"  \
    " l.huzhu_paid, l.burden, l.pct, l.amount, l.reason, l.explain, l.status, COALESCE(l.reject_reason, ''),"     \
    " l.reversed, COALESCE(l.bank_failure, ''), l.created_at, l.created_by, COALESCE(l.decided_at, ''),"          \
    " COALESCE(l.decided_by, ''), COALESCE(l.paid_at, ''), m.name"
#define LM_FROM " FROM lm_subsidy l JOIN settlement s ON s.id = l.settlement_id JOIN member m ON m.id = l.member_id"

static const char q_budget[] = "SELECT amount FROM lm_budget WHERE year = ?";
static const char q_budget_put[] =
    "INSERT INTO lm_budget (year, amount, set_at, set_by) VALUES (?, ?, ?, ?) ON CONFLICT (year) DO UPDATE SET"
    " amount = excluded.amount, set_at = excluded.set_at, set_by = excluded.set_by";
static const char q_committed[] = "SELECT COALESCE(SUM(amount), 0) FROM lm_subsidy WHERE year = ?"
                                  " AND (status = 'approved' OR status = 'paid')";
static const char q_cap_used[] = "SELECT COALESCE(SUM(amount), 0) FROM lm_subsidy WHERE member_id = ? AND year = ?"
                                 " AND status <> 'rejected'";
static const char q_huzhu_paid[] = "SELECT COALESCE(SUM(l.amount), 0) FROM claim_line l JOIN claim c ON c.id ="
                                   " l.claim_id WHERE l.settlement_id = ? AND c.status <> 'rejected'";
static const char q_claim_state[] =
    "SELECT CASE WHEN EXISTS (SELECT 1 FROM coverage c WHERE c.member_id = ?1 AND c.status = 'active'"
    " AND c.start_date <= ?2 AND c.end_date >= ?2) THEN 1 ELSE 0 END, CASE WHEN EXISTS (SELECT 1 FROM"
    " claim_settlement cs JOIN claim k ON k.id = cs.claim_id WHERE cs.settlement_id = ?3 AND (cs.active = 1"
    " OR k.status = 'rejected')) THEN 1 ELSE 0 END";
static const char q_ins[] =
    "INSERT INTO lm_subsidy (subsidy_no, member_id, settlement_id, year, level, psn_selfpay, huzhu_paid, burden, pct,"
    " amount, reason, explain, status, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " RETURNING id";
static const char q_no[] = "UPDATE lm_subsidy SET subsidy_no = ? WHERE id = ?";
static const char q_by_no[] = "SELECT " LM_COLS LM_FROM " WHERE l.subsidy_no = ?";
static const char q_by_id[] = "SELECT " LM_COLS LM_FROM " WHERE l.id = ?";
static const char q_of_setl[] = "SELECT " LM_COLS LM_FROM " WHERE l.settlement_id = ? AND l.status <> 'rejected'";
static const char q_update[] =
    "UPDATE lm_subsidy SET amount = ?, reason = ?, explain = ?, status = ?, reject_reason = ?, reversed = ?,"
    " bank_failure = ?, decided_at = ?, decided_by = ?, paid_at = ?, huzhu_paid = ?, burden = ? WHERE id = ?";
static const char q_candidates[] =
    "SELECT s.id FROM settlement s WHERE s.member_id IS NOT NULL AND s.med_type = '21' AND s.refunded = 0"
    " AND EXISTS (SELECT 1 FROM member_flag f WHERE f.member_id = s.member_id AND f.kind = 'model'"
    "  AND f.valid_from <= s.adm_date AND f.valid_to >= s.adm_date)"
    /* a settlement whose subsidy was rejected is not proposed again */
    " AND NOT EXISTS (SELECT 1 FROM lm_subsidy l WHERE l.settlement_id = s.id)"
    " AND (EXISTS (SELECT 1 FROM claim_settlement cs JOIN claim c ON c.id = cs.claim_id WHERE cs.settlement_id = s.id"
    "  AND cs.active = 1 AND c.status <> 'received')"
    "  OR NOT EXISTS (SELECT 1 FROM coverage c WHERE c.member_id = s.member_id AND c.status = 'active'"
    "  AND c.start_date <= s.adm_date AND c.end_date >= s.adm_date)) ORDER BY s.id";
static const char q_list[] = "SELECT " LM_COLS LM_FROM " WHERE (?1 = '' OR l.status = ?1) AND (?2 = 0 OR l.year = ?2)"
                             " AND (?3 = 0 OR l.member_id = ?3) ORDER BY l.id DESC";

static hz_err one_int(hz_db *db, const char *sql, int64_t a, int64_t b, int64_t *out, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, sql, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, a);
    if (b != INT64_MIN) hz_stmt_int(st, 2, b);
    return hz_row_int(st, out, e);
}

hz_err hz_store_lm_budget(hz_db *db, int year, hz_fen *amount, bool *found, hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_budget, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, year);
    if ((rc = hz_stmt_step(st, &row, e))) return rc;
    *found = row;
    *amount = row ? hz_stmt_col_int(st, 0) : 0;
    hz_stmt_reset(st);
    return HZ_OK;
}

hz_err hz_store_lm_budget_put(hz_db *db, int year, hz_fen amount, const char *now, const char *by, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_budget_put, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, year);
    hz_stmt_int(st, 2, amount);
    hz_stmt_text(st, 3, now);
    hz_stmt_text(st, 4, by);
    return hz_stmt_run(st, e);
}

hz_err hz_store_lm_committed(hz_db *db, int year, hz_fen *out, hz_errinfo *e) {
    return one_int(db, q_committed, year, INT64_MIN, out, e);
}

hz_err hz_store_lm_cap_used(hz_db *db, int64_t member_id, int year, hz_fen *out, hz_errinfo *e) {
    return one_int(db, q_cap_used, member_id, year, out, e);
}

hz_err hz_store_lm_huzhu_paid(hz_db *db, int64_t settlement_id, hz_fen *out, hz_errinfo *e) {
    return one_int(db, q_huzhu_paid, settlement_id, INT64_MIN, out, e);
}

hz_err hz_store_lm_claim_state(hz_db *db, int64_t member_id, hz_date adm, int64_t settlement_id, bool *covered,
                               bool *claimed, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_claim_state, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, member_id);
    hz_bind_date(st, 2, adm);
    hz_stmt_int(st, 3, settlement_id);
    if ((rc = hz_row_one(st, "", e))) return rc;
    *covered = hz_stmt_col_int(st, 0) != 0;
    *claimed = hz_stmt_col_int(st, 1) != 0;
    hz_stmt_reset(st);
    return HZ_OK;
}

hz_err hz_store_lm_insert(hz_db *db, hz_lm_subsidy *s, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_ins, &st, e);
    if (rc) return rc;
    char tmp[48];
    snprintf(tmp, sizeof tmp, "TMP-%s-%lld", s->created_at, (long long)s->settlement_id);
    hz_stmt_text(st, 1, tmp);
    hz_stmt_int(st, 2, s->member_id);
    hz_stmt_int(st, 3, s->settlement_id);
    hz_stmt_int(st, 4, s->year);
    hz_stmt_text(st, 5, s->level);
    hz_stmt_int(st, 6, s->psn_selfpay);
    hz_stmt_int(st, 7, s->huzhu_paid);
    hz_stmt_int(st, 8, s->burden);
    hz_stmt_int(st, 9, s->pct);
    hz_stmt_int(st, 10, s->amount);
    hz_stmt_text(st, 11, s->reason);
    hz_stmt_text(st, 12, s->explain);
    hz_stmt_text(st, 13, s->status);
    hz_stmt_text(st, 14, s->created_at);
    hz_stmt_text(st, 15, s->created_by);
    if ((rc = hz_row_insert_id(st, &s->id, e))) return rc;
    /* number: LM + year + id, unique because the id is */
    snprintf(s->subsidy_no, sizeof s->subsidy_no, "LM%.4s%08lld", s->created_at, (long long)s->id);
    if ((rc = hz_db_stmt(db, q_no, &st, e))) return rc;
    hz_stmt_text(st, 1, s->subsidy_no);
    hz_stmt_int(st, 2, s->id);
    return hz_stmt_run(st, e);
}

static void read_lm(hz_stmt *st, hz_lm_subsidy *s) {
    memset(s, 0, sizeof *s);
    s->id = hz_stmt_col_int(st, 0);
    HZ_COPY(s->subsidy_no, hz_stmt_col_text(st, 1));
    s->member_id = hz_stmt_col_int(st, 2);
    s->settlement_id = hz_stmt_col_int(st, 3);
    HZ_COPY(s->setl_id, hz_stmt_col_text(st, 4));
    HZ_COPY(s->id_number, hz_stmt_col_text(st, 5));
    s->year = (int)hz_stmt_col_int(st, 6);
    HZ_COPY(s->level, hz_stmt_col_text(st, 7));
    s->psn_selfpay = hz_stmt_col_int(st, 8);
    s->huzhu_paid = hz_stmt_col_int(st, 9);
    s->burden = hz_stmt_col_int(st, 10);
    s->pct = (int)hz_stmt_col_int(st, 11);
    s->amount = hz_stmt_col_int(st, 12);
    HZ_COPY(s->reason, hz_stmt_col_text(st, 13));
    HZ_COPY(s->explain, hz_stmt_col_text(st, 14));
    HZ_COPY(s->status, hz_stmt_col_text(st, 15));
    HZ_COPY(s->reject_reason, hz_stmt_col_text(st, 16));
    s->reversed = hz_stmt_col_int(st, 17) != 0;
    HZ_COPY(s->bank_failure, hz_stmt_col_text(st, 18));
    HZ_COPY(s->created_at, hz_stmt_col_text(st, 19));
    HZ_COPY(s->created_by, hz_stmt_col_text(st, 20));
    HZ_COPY(s->decided_at, hz_stmt_col_text(st, 21));
    HZ_COPY(s->decided_by, hz_stmt_col_text(st, 22));
    HZ_COPY(s->paid_at, hz_stmt_col_text(st, 23));
    HZ_COPY(s->name, hz_stmt_col_text(st, 24));
}

#define LM_WHERE HZ_REC_WHERE("l.subsidy_no", "l.status", "l.created_at", "''", "l.year")
#define Q_LM_PAGE(order)                                                                                               \
    "SELECT " LM_COLS ", COALESCE(u.name, o.name, '')" LM_FROM HZ_REC_JOIN LM_WHERE " ORDER BY " order HZ_REC_PAGE
#define LM_STATUS_ORDER "CASE l.status WHEN 'applied' THEN 1 WHEN 'approved' THEN 2 WHEN 'paid' THEN 3 ELSE 4 END"
static const char *const q_lm_page[HZ_LM_SORTS][2] = {
    {Q_LM_PAGE("l.id"), Q_LM_PAGE("l.id DESC")},
    {Q_LM_PAGE("l.subsidy_no, l.id"), Q_LM_PAGE("l.subsidy_no DESC, l.id DESC")},
    {Q_LM_PAGE("m.name, l.id"), Q_LM_PAGE("m.name DESC, l.id DESC")},
    {Q_LM_PAGE(LM_STATUS_ORDER ", l.id"), Q_LM_PAGE(LM_STATUS_ORDER " DESC, l.id DESC")},
    {Q_LM_PAGE("l.amount, l.id"), Q_LM_PAGE("l.amount DESC, l.id DESC")},
    {Q_LM_PAGE("l.created_at, l.id"), Q_LM_PAGE("l.created_at DESC, l.id DESC")},
};
static const char q_lm_count[] = "SELECT count(*)" LM_FROM HZ_REC_JOIN LM_WHERE;

typedef struct {
    hz_lm_row_fn fn;
    void *ctx;
} page_ctx;

static hz_err page_row(void *vctx, hz_stmt *st, hz_errinfo *e) {
    page_ctx *c = vctx;
    hz_lm_subsidy s;
    read_lm(st, &s);
    return c->fn(c->ctx, &s, hz_stmt_col_text(st, 25), e);
}

hz_err hz_store_lm_page(hz_db *db, const hz_list_scope *sc, const hz_rec_filter *f, int64_t offset, int64_t limit,
                        hz_lm_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e) {
    if (f->sort < 0 || f->sort >= HZ_LM_SORTS) return hz_fail(e, HZ_EINTERNAL, "lm: sort %d", f->sort);
    page_ctx c = {fn, ctx};
    return hz_store_rec_page(db, q_lm_count, q_lm_page[f->sort][f->desc], sc, f, offset, limit, page_row, &c, total,
                             e);
}

static hz_err one(hz_db *db, const char *sql, const char *text, int64_t id, bool must, hz_lm_subsidy *out,
                  hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, sql, &st, e);
    if (rc) return rc;
    if (text)
        hz_stmt_text(st, 1, text);
    else
        hz_stmt_int(st, 1, id);
    if ((rc = hz_stmt_step(st, &row, e))) return rc;
    if (row)
        read_lm(st, out);
    else
        memset(out, 0, sizeof *out);
    hz_stmt_reset(st);
    if (!row && must) return hz_fail(e, HZ_ENOTFOUND, "劳模医疗补助 %s 不存在 (no such subsidy)", text ? text : "");
    return HZ_OK;
}

hz_err hz_store_lm_by_no(hz_db *db, const char *no, hz_lm_subsidy *out, hz_errinfo *e) {
    return one(db, q_by_no, no, 0, true, out, e);
}

hz_err hz_store_lm_by_id(hz_db *db, int64_t id, hz_lm_subsidy *out, hz_errinfo *e) {
    return one(db, q_by_id, NULL, id, true, out, e);
}

hz_err hz_store_lm_of_settlement(hz_db *db, int64_t settlement_id, hz_lm_subsidy *out, hz_errinfo *e) {
    return one(db, q_of_setl, NULL, settlement_id, false, out, e);
}

hz_err hz_store_lm_update(hz_db *db, const hz_lm_subsidy *s, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_update, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, s->amount);
    hz_stmt_text(st, 2, s->reason);
    hz_stmt_text(st, 3, s->explain);
    hz_stmt_text(st, 4, s->status);
    hz_bind_opt_text(st, 5, s->reject_reason);
    hz_stmt_int(st, 6, s->reversed);
    hz_bind_opt_text(st, 7, s->bank_failure);
    hz_bind_opt_text(st, 8, s->decided_at);
    hz_bind_opt_text(st, 9, s->decided_by);
    hz_bind_opt_text(st, 10, s->paid_at);
    hz_stmt_int(st, 11, s->huzhu_paid);
    hz_stmt_int(st, 12, s->burden);
    hz_stmt_int(st, 13, s->id);
    return hz_stmt_run(st, e);
}

hz_err hz_store_lm_candidates(hz_db *db, int64_t **ids, size_t *n, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_candidates, &st, e);
    if (rc) return rc;
    return hz_row_ids(st, ids, n, e);
}

static hz_err list(hz_db *db, const char *status, int year, int64_t member_id, hz_lm_fn fn, void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_list, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, status ? status : "");
    hz_stmt_int(st, 2, year);
    hz_stmt_int(st, 3, member_id);
    /* collect first: fn may query (the caller's scope) */
    hz_lm_subsidy *rows = NULL;
    size_t n = 0, cap = 0;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            hz_lm_subsidy *r = realloc(rows, cap * sizeof *rows);
            if (!r) {
                rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
                break;
            }
            rows = r;
        }
        read_lm(st, &rows[n++]);
    }
    hz_stmt_reset(st);
    for (size_t i = 0; rc == HZ_OK && i < n; i++) rc = fn(ctx, &rows[i], e);
    free(rows);
    return rc;
}

hz_err hz_store_lm_list(hz_db *db, const char *status, int year, hz_lm_fn fn, void *ctx, hz_errinfo *e) {
    return list(db, status, year, 0, fn, ctx, e);
}

hz_err hz_store_lm_of_member(hz_db *db, int64_t member_id, hz_lm_fn fn, void *ctx, hz_errinfo *e) {
    return list(db, "", 0, member_id, fn, ctx, e);
}

static const char *const lm_migrations[] = {
    /* 1: yearly budgets and the subsidies (plans.md "LM"); a settlement has
     * at most one subsidy that is not rejected */
    "CREATE TABLE lm_budget ("
    " year BIGINT PRIMARY KEY,"
    " amount BIGINT NOT NULL CHECK (amount >= 0),"
    " set_at TEXT NOT NULL,"
    " set_by TEXT NOT NULL) /*STRICT*/;"
    "CREATE TABLE lm_subsidy ("
    " id ID_PK,"
    " subsidy_no TEXT NOT NULL UNIQUE,"
    " member_id BIGINT NOT NULL REFERENCES member(id),"
    " settlement_id BIGINT NOT NULL REFERENCES settlement(id),"
    " year BIGINT NOT NULL,"
    " level TEXT NOT NULL CHECK (level = 'national' OR level = 'provincial' OR level = 'city'),"
    " psn_selfpay BIGINT NOT NULL,"
    " huzhu_paid BIGINT NOT NULL,"
    " burden BIGINT NOT NULL,"
    " pct BIGINT NOT NULL,"
    " amount BIGINT NOT NULL CHECK (amount >= 0),"
    " reason TEXT NOT NULL,"
    " explain TEXT NOT NULL,"
    " status TEXT NOT NULL CHECK (status = 'applied' OR status = 'approved' OR status = 'rejected'"
    "  OR status = 'paid'),"
    " reject_reason TEXT,"
    " reversed BIGINT NOT NULL DEFAULT 0,"
    " bank_failure TEXT,"
    " created_at TEXT NOT NULL,"
    " created_by TEXT NOT NULL,"
    " decided_at TEXT,"
    " decided_by TEXT,"
    " paid_at TEXT) /*STRICT*/;"
    "CREATE UNIQUE INDEX lm_subsidy_once ON lm_subsidy(settlement_id) WHERE status <> 'rejected';"
    "CREATE INDEX lm_subsidy_member ON lm_subsidy(member_id, year);",
    /* 2: a stay's subsidies whatever their status, and a year's (issue 19:
     * "has this stay a subsidy" scanned every subsidy per stay, the partial
     * unique index holding only those not rejected) */
    "CREATE INDEX lm_subsidy_stay ON lm_subsidy(settlement_id);"
    "CREATE INDEX lm_subsidy_year ON lm_subsidy(year);",
};

/* The subsidies' part of `huzhu check` (store/check.h). */
#define POSTED "(t.phase = 'posted' OR t.phase = 'post')"
static const hz_store_check lm_checks[] = {
    /* an LM subsidy's payable was granted exactly its amount once approved
     * (net of a refund's reversal), nothing before */
    {"lm.amount=payable_grants",
     "SELECT 'lm:' || l.subsidy_no, COALESCE((SELECT SUM(CASE WHEN t.credit_id = a.id THEN t.amount ELSE -t.amount END)"
     " FROM transfer t WHERE t.cause = 'lm:' || l.id AND (t.credit_id = a.id OR t.debit_id = a.id) AND " POSTED
     "), 0), CASE WHEN l.status = 'approved' OR l.status = 'paid' THEN l.amount ELSE 0 END"
     " FROM lm_subsidy l JOIN payable p ON p.source = 'lm' AND p.source_id = l.id"
     " JOIN account a ON a.code = 'payable:' || p.payable_no WHERE COALESCE((SELECT SUM(CASE WHEN t.credit_id = a.id"
     " THEN t.amount ELSE -t.amount END) FROM transfer t WHERE t.cause = 'lm:' || l.id AND (t.credit_id = a.id"
     " OR t.debit_id = a.id) AND " POSTED "), 0) <> CASE WHEN l.status = 'approved' OR l.status = 'paid' THEN"
     " l.amount ELSE 0 END ORDER BY l.id LIMIT 1"},
    {"lm=payable",
     "SELECT 'lm:' || l.subsidy_no, 0, 1 FROM lm_subsidy l WHERE NOT EXISTS (SELECT 1 FROM payable p WHERE"
     " p.source = 'lm' AND p.source_id = l.id) ORDER BY l.id LIMIT 1"},
    /* a year's LM budget account holds what that year committed */
    {"budget:lm=committed",
     "SELECT a.code, a.debits_posted - a.credits_posted, COALESCE(t.s, 0) FROM account a LEFT JOIN (SELECT"
     " 'budget:lm:' || l.year AS code, SUM(l.amount) AS s FROM lm_subsidy l WHERE l.status = 'approved'"
     " OR l.status = 'paid' GROUP BY l.year) t ON t.code = a.code WHERE a.code LIKE 'budget:lm:%'"
     " AND a.debits_posted - a.credits_posted <> COALESCE(t.s, 0) ORDER BY a.id LIMIT 1"},
    {"lm.committed<=budget",
     "SELECT 'lm_budget:' || b.year, (SELECT COALESCE(SUM(l.amount), 0) FROM lm_subsidy l WHERE l.year = b.year"
     " AND (l.status = 'approved' OR l.status = 'paid')), b.amount FROM lm_budget b WHERE (SELECT"
     " COALESCE(SUM(l.amount), 0) FROM lm_subsidy l WHERE l.year = b.year AND (l.status = 'approved' OR"
     " l.status = 'paid')) > b.amount ORDER BY b.year LIMIT 1"},
};
#undef POSTED

const hz_store_module hz_store_module_lm = {
    .name = "lm",
    .migrations = lm_migrations,
    .n_migrations = HZ_COUNT(lm_migrations),
    .checks = lm_checks,
    .n_checks = HZ_COUNT(lm_checks),
};
