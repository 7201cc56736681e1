/* SQL of the documents module (store/documents.h); the module has no
 * tables, so its store part declares no migrations. */
#include "store/documents.h"

#include <string.h>

#include "store/rows.h"
#include "store/store.h"

const hz_store_module hz_store_module_documents = {.name = "documents"};

static const char q_roll[] =
    "SELECT m.id, m.id_number, m.name, m.sex, c.plan_code, c.shares, c.start_date, c.end_date, c.months"
    " FROM member m LEFT JOIN coverage c ON c.member_id = m.id AND c.status = 'active' AND c.end_date >= ?"
    " WHERE m.unit_id = ? ORDER BY m.id, c.plan_code, c.start_date";

hz_err hz_store_unit_roll(hz_db *db, int64_t unit_id, hz_date on, hz_unit_roll_fn fn, void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_roll, &st, e);
    if (rc) return rc;
    hz_bind_date(st, 1, on);
    hz_stmt_int(st, 2, unit_id);
    bool row;
    hz_member m;
    hz_coverage c;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        memset(&m, 0, sizeof m);
        memset(&c, 0, sizeof c);
        m.id = hz_stmt_col_int(st, 0);
        HZ_COPY(m.id_number, hz_stmt_col_text(st, 1));
        HZ_COPY(m.name, hz_stmt_col_text(st, 2));
        m.sex = hz_stmt_col_text(st, 3)[0];
        bool has = !hz_stmt_col_null(st, 4);
        if (has) {
            HZ_COPY(c.plan_code, hz_stmt_col_text(st, 4));
            c.shares = (int)hz_stmt_col_int(st, 5);
            c.start = hz_row_date(st, 6);
            c.end = hz_row_date(st, 7);
            c.months = (int)hz_stmt_col_int(st, 8);
        }
        if ((rc = fn(ctx, &m, has ? &c : NULL, e))) break;
    }
    hz_stmt_reset(st);
    return rc;
}
