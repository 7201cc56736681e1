/* The stock of goods of a visit programme (store/relief_goods.h). */
#include "store/relief_goods.h"

#include "store/rows.h"

static const char q_receive[] = "INSERT INTO relief_goods (program_id, item, received, issued) VALUES (?, ?, ?, 0)"
                                " ON CONFLICT (program_id, item) DO UPDATE SET received = relief_goods.received"
                                " + excluded.received";
static const char q_left[] = "SELECT received - issued FROM relief_goods WHERE program_id = ? AND item = ?";
static const char q_issue[] = "UPDATE relief_goods SET issued = issued + ? WHERE program_id = ? AND item = ?";
static const char q_list[] = "SELECT item, received, issued FROM relief_goods WHERE program_id = ? ORDER BY item";

hz_err hz_store_goods_receive(hz_db *db, int64_t program_id, const char *item, int64_t n, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_receive, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, program_id);
    hz_stmt_text(st, 2, item);
    hz_stmt_int(st, 3, n);
    return hz_stmt_run(st, e);
}

hz_err hz_store_goods_left(hz_db *db, int64_t program_id, const char *item, int64_t *left, hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_left, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, program_id);
    hz_stmt_text(st, 2, item);
    if ((rc = hz_stmt_step(st, &row, e))) return rc;
    *left = row ? hz_stmt_col_int(st, 0) : 0;
    hz_stmt_reset(st);
    return HZ_OK;
}

hz_err hz_store_goods_issue(hz_db *db, int64_t program_id, const char *item, int64_t n, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_issue, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, n);
    hz_stmt_int(st, 2, program_id);
    hz_stmt_text(st, 3, item);
    return hz_stmt_run(st, e);
}

hz_err hz_store_goods_list(hz_db *db, int64_t program_id, hz_goods_fn fn, void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_list, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, program_id);
    while (!(rc = hz_stmt_step(st, &row, e)) && row) {
        hz_goods_row r;
        HZ_COPY(r.item, hz_stmt_col_text(st, 0));
        r.received = hz_stmt_col_int(st, 1);
        r.issued = hz_stmt_col_int(st, 2);
        if ((rc = fn(ctx, &r, e))) break;
    }
    hz_stmt_reset(st);
    return rc;
}
