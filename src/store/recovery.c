/* SQL of recoveries (store/recovery.h). */
#include "store/recovery.h"

#include <string.h>

#include "store/rows.h"

static const char q_ins[] = "INSERT INTO recovery (member_id, kind, amount, reason, ref, at, by_actor)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id";
/* offsets that still stand: per payable of the member, what was offset
 * against the receivable less what the same payable booked back into it
 * (a refund of a payable that an offset had settled), never below zero */
#define OFFSET_KEPT(a)                                                                                             \
    "(SELECT COALESCE(SUM(CASE WHEN x.net > 0 THEN x.net ELSE 0 END), 0) FROM (SELECT SUM(CASE WHEN t.debit_id = " a \
    " THEN -t.amount ELSE t.amount END) AS net FROM transfer t JOIN account p ON p.kind = 'payable' AND (p.id ="      \
    " t.debit_id OR p.id = t.credit_id) WHERE (t.credit_id = " a " OR t.debit_id = " a ") AND t.phase = 'posted'"   \
    " GROUP BY p.id) x)"
static const char q_list[] =
    "SELECT a.member_id, m.id_number, m.name, a.debits_posted - a.credits_posted,"
    " COALESCE((SELECT SUM(r.amount) FROM recovery r WHERE r.member_id = a.member_id AND r.kind = 'repay'), 0) + "
    OFFSET_KEPT("a.id") ","
    " COALESCE((SELECT SUM(r.amount) FROM recovery r WHERE r.member_id = a.member_id AND r.kind = 'writeoff'), 0)"
    " FROM account a JOIN member m ON m.id = a.member_id WHERE a.kind = 'receivable' ORDER BY a.id";
static const char q_open[] =
    "SELECT a.member_id, m.id_number, m.name, a.debits_posted - a.credits_posted,"
    " COALESCE((SELECT SUM(r.amount) FROM recovery r WHERE r.member_id = a.member_id AND r.kind = 'repay'), 0) + "
    OFFSET_KEPT("a.id") ","
    " COALESCE((SELECT SUM(r.amount) FROM recovery r WHERE r.member_id = a.member_id AND r.kind = 'writeoff'), 0)"
    " FROM account a JOIN member m ON m.id = a.member_id LEFT JOIN unit u ON u.id = m.unit_id"
    " LEFT JOIN org o ON o.id = COALESCE(u.org_id, m.org_id) WHERE a.kind = 'receivable'"
    " AND a.debits_posted - a.credits_posted > 0 AND (?1 = '' OR substr(o.path, 1, length(?1)) = ?1)"
    " AND (?2 = 0 OR m.unit_id = ?2) AND (?3 = 0 OR m.id = ?3) ORDER BY a.id";

static const char q_ref_used[] = "SELECT COUNT(*) FROM recovery WHERE ref = ?";

hz_err hz_store_recovery_ref_used(hz_db *db, const char *ref, bool *used, hz_errinfo *e) {
    hz_stmt *st;
    int64_t n = 0;
    hz_err rc = hz_db_stmt(db, q_ref_used, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, ref);
    rc = hz_row_int(st, &n, e);
    *used = n > 0;
    return rc;
}

hz_err hz_store_recovery_insert(hz_db *db, int64_t member_id, const char *kind, hz_fen amount, const char *reason,
                                const char *ref, const char *now, const char *by, int64_t *id, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_ins, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, member_id);
    hz_stmt_text(st, 2, kind);
    hz_stmt_int(st, 3, amount);
    hz_stmt_text(st, 4, reason);
    hz_bind_opt_text(st, 5, ref);
    hz_stmt_text(st, 6, now);
    hz_stmt_text(st, 7, by);
    return hz_row_insert_id(st, id, e);
}

static hz_err recovery_rows(hz_stmt *st, hz_recovery_fn fn, void *ctx, hz_errinfo *e);

hz_err hz_store_recoveries(hz_db *db, hz_recovery_fn fn, void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_list, &st, e);
    return rc ? rc : recovery_rows(st, fn, ctx, e);
}

hz_err hz_store_recoveries_open(hz_db *db, const hz_list_scope *sc, hz_recovery_fn fn, void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_open, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, sc->org_path ? sc->org_path : "");
    hz_stmt_int(st, 2, sc->unit_id);
    hz_stmt_int(st, 3, sc->member_id);
    return recovery_rows(st, fn, ctx, e);
}

static hz_err recovery_rows(hz_stmt *st, hz_recovery_fn fn, void *ctx, hz_errinfo *e) {
    bool row;
    hz_err rc;
    hz_recovery_row r;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        memset(&r, 0, sizeof r);
        r.member_id = hz_stmt_col_int(st, 0);
        HZ_COPY(r.id_number, hz_stmt_col_text(st, 1));
        HZ_COPY(r.name, hz_stmt_col_text(st, 2));
        r.owes = hz_stmt_col_int(st, 3);
        r.recovered = hz_stmt_col_int(st, 4);
        r.written_off = hz_stmt_col_int(st, 5);
        if ((rc = fn(ctx, &r, e))) break;
    }
    hz_stmt_reset(st);
    return rc;
}

#define IN_SCOPE(m)                                                                                                \
    " EXISTS (SELECT 1 FROM member sm LEFT JOIN unit su ON su.id = sm.unit_id LEFT JOIN org so ON so.id ="           \
    " COALESCE(su.org_id, sm.org_id) WHERE sm.id = " m " AND (?1 = '' OR substr(so.path, 1, length(?1)) = ?1)"     \
    " AND (?2 = 0 OR sm.unit_id = ?2) AND (?3 = 0 OR sm.id = ?3))"

static const char q_summary[] =
    "SELECT"
    " (SELECT COALESCE(SUM(y.amount), 0) FROM payment y JOIN payable p ON p.id = y.payable_id"
    "  WHERE y.status = 'paid' AND" IN_SCOPE("p.member_id") "),"
    " (SELECT COALESCE(SUM(y.amount), 0) FROM payment y JOIN payable p ON p.id = y.payable_id"
    "  WHERE y.status = 'pending' AND" IN_SCOPE("p.member_id") "),"
    " (SELECT COALESCE(SUM(r.amount), 0) FROM recovery r WHERE r.kind = 'repay' AND" IN_SCOPE("r.member_id") ")"
    " + (SELECT COALESCE(SUM(" OFFSET_KEPT("a.id") "), 0) FROM account a WHERE a.kind = 'receivable' AND"
    IN_SCOPE("a.member_id") "),"
    " (SELECT COALESCE(SUM(r.amount), 0) FROM recovery r WHERE r.kind = 'writeoff' AND" IN_SCOPE("r.member_id") "),"
    " (SELECT COALESCE(SUM(a.debits_posted - a.credits_posted), 0) FROM account a WHERE a.kind = 'receivable' AND"
    IN_SCOPE("a.member_id") ")";

hz_err hz_store_money_summary(hz_db *db, const hz_list_scope *sc, hz_money_summary *out, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_summary, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, sc->org_path ? sc->org_path : "");
    hz_stmt_int(st, 2, sc->unit_id);
    hz_stmt_int(st, 3, sc->member_id);
    if ((rc = hz_row_one(st, "", e))) return rc;
    out->paid_out = hz_stmt_col_int(st, 0);
    out->pending = hz_stmt_col_int(st, 1);
    out->written_off = hz_stmt_col_int(st, 3);
    out->recovered = hz_stmt_col_int(st, 2); /* repaid, and offsets that still stand */
    out->outstanding = hz_stmt_col_int(st, 4);
    hz_stmt_reset(st);
    return HZ_OK;
}

/* The recoveries list (issue 16). */
#define REC_OWES "(a.debits_posted - a.credits_posted)"
#define REC_RECOVERED                                                                                                 \
    "(COALESCE((SELECT SUM(r.amount) FROM recovery r WHERE r.member_id = a.member_id AND r.kind = 'repay'), 0) + "  \
    OFFSET_KEPT("a.id") ")"
#define REC_WRITTEN_OFF                                                                                               \
    "COALESCE((SELECT SUM(r.amount) FROM recovery r WHERE r.member_id = a.member_id AND r.kind = 'writeoff'), 0)"
#define REC_FROM " FROM account a JOIN member m ON m.id = a.member_id" HZ_REC_JOIN
#define REC_WHERE                                                                                                     \
    HZ_LIST_WHERE("a.kind = 'receivable' AND " HZ_REC_SCOPE, "m.name", "m.id_number", "m.id_number",                 \
                  "(CASE WHEN " REC_OWES " > 0 THEN 'open' ELSE 'closed' END)", "m.unit_id = ?8", "a.created_at",    \
                  "m.id_number = ?11", "m.id = ?12")
#define Q_REC_PAGE(order)                                                                                             \
    "SELECT a.member_id, m.id_number, m.name, " REC_OWES ", " REC_RECOVERED ", " REC_WRITTEN_OFF ","                 \
    " COALESCE(u.name, o.name, ''), a.created_at" REC_FROM REC_WHERE " ORDER BY " order HZ_REC_PAGE
static const char *const q_rec_page[HZ_RECOV_SORTS][2] = {
    {Q_REC_PAGE("a.id"), Q_REC_PAGE("a.id DESC")},
    {Q_REC_PAGE("m.name, a.id"), Q_REC_PAGE("m.name DESC, a.id DESC")},
    {Q_REC_PAGE("m.id_number, a.id"), Q_REC_PAGE("m.id_number DESC, a.id DESC")},
    {Q_REC_PAGE(REC_OWES ", a.id"), Q_REC_PAGE(REC_OWES " DESC, a.id DESC")},
    {Q_REC_PAGE(REC_RECOVERED ", a.id"), Q_REC_PAGE(REC_RECOVERED " DESC, a.id DESC")},
    {Q_REC_PAGE(REC_WRITTEN_OFF ", a.id"), Q_REC_PAGE(REC_WRITTEN_OFF " DESC, a.id DESC")},
    {Q_REC_PAGE("a.created_at, a.id"), Q_REC_PAGE("a.created_at DESC, a.id DESC")},
};
static const char q_rec_count[] = "SELECT count(*)" REC_FROM REC_WHERE;

static hz_err rec_page_row(void *vctx, hz_stmt *st, hz_errinfo *e) {
    const hz_rec_fn_ctx *c = vctx;
    hz_recovery_row r;
    memset(&r, 0, sizeof r);
    r.member_id = hz_stmt_col_int(st, 0);
    HZ_COPY(r.id_number, hz_stmt_col_text(st, 1));
    HZ_COPY(r.name, hz_stmt_col_text(st, 2));
    r.owes = hz_stmt_col_int(st, 3);
    r.recovered = hz_stmt_col_int(st, 4);
    r.written_off = hz_stmt_col_int(st, 5);
    HZ_COPY(r.unit_name, hz_stmt_col_text(st, 6));
    HZ_COPY(r.since, hz_stmt_col_text(st, 7));
    return ((hz_recovery_fn)c->fn)(c->ctx, &r, e);
}

hz_err hz_store_recoveries_page(hz_db *db, const hz_list_scope *sc, const hz_rec_filter *f, int64_t offset,
                                int64_t limit, hz_recovery_fn fn, void *ctx, int64_t *total, hz_errinfo *e) {
    if (f->sort < 0 || f->sort >= HZ_RECOV_SORTS) return hz_fail(e, HZ_EINTERNAL, "recoveries: sort %d", f->sort);
    hz_rec_fn_ctx c = {(hz_rec_any_fn)fn, ctx};
    return hz_store_rec_page(db, q_rec_count, q_rec_page[f->sort][f->desc], sc, f, offset, limit, rec_page_row, &c,
                             total, e);
}
