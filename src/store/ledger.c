/* SQL of the ledger: per coverage, policy year and component, what a term has used. */
#include "store/ledger.h"

#include <stdlib.h>
#include <string.h>

#include "store/rows.h"

static const char q_ledger_load[] = "SELECT period, component, stays, paid, lump_pct, first_borne FROM ledger WHERE coverage_id = ?"
                                    " ORDER BY period, component";
static const char q_ledger_put[] =
    "INSERT INTO ledger (coverage_id, period, component, stays, paid, lump_pct, first_borne) VALUES (?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (coverage_id, period, component) DO UPDATE SET stays = excluded.stays, paid = excluded.paid,"
    " lump_pct = excluded.lump_pct, first_borne = excluded.first_borne";

static const char q_ledger_range[] =
    "SELECT l.coverage_id, l.period, l.component, l.stays, l.paid, l.lump_pct, l.first_borne FROM ledger l"
    " JOIN coverage c ON c.id = l.coverage_id WHERE c.member_id BETWEEN ? AND ?"
    " ORDER BY l.coverage_id, l.period, l.component";

hz_err hz_store_ledger_range(hz_db *db, int64_t lo, int64_t hi, hz_ledger_fn fn, void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_ledger_range, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, lo);
    hz_stmt_int(st, 2, hi);
    bool row;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        hz_ledger_entry l;
        memset(&l, 0, sizeof l);
        l.period = (int)hz_stmt_col_int(st, 1);
        HZ_COPY(l.component, hz_stmt_col_text(st, 2));
        l.stays = hz_stmt_col_int(st, 3);
        l.paid = hz_stmt_col_int(st, 4);
        l.lump_pct = (int)hz_stmt_col_int(st, 5);
        l.first_borne = (int)hz_stmt_col_int(st, 6);
        if ((rc = fn(ctx, hz_stmt_col_int(st, 0), &l, e))) break;
    }
    hz_stmt_reset(st);
    return rc;
}

hz_err hz_store_ledger_load(hz_db *db, int64_t coverage_id, hz_ledger_entry *out, int max, int *n, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_ledger_load, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, coverage_id);
    *n = 0;
    bool row;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        if (*n == max) {
            rc = hz_fail(e, HZ_EINTERNAL, "台账条目过多 (ledger has more than %d entries)", max);
            break;
        }
        hz_ledger_entry *l = &out[(*n)++];
        l->period = (int)hz_stmt_col_int(st, 0);
        HZ_COPY(l->component, hz_stmt_col_text(st, 1));
        l->stays = hz_stmt_col_int(st, 2);
        l->paid = hz_stmt_col_int(st, 3);
        l->lump_pct = (int)hz_stmt_col_int(st, 4);
        l->first_borne = (int)hz_stmt_col_int(st, 5);
    }
    hz_stmt_reset(st);
    return rc;
}

hz_err hz_store_ledger_put(hz_db *db, int64_t coverage_id, const hz_ledger_entry *l, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_ledger_put, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, coverage_id);
    hz_stmt_int(st, 2, l->period);
    hz_stmt_text(st, 3, l->component);
    hz_stmt_int(st, 4, l->stays);
    hz_stmt_int(st, 5, l->paid);
    hz_stmt_int(st, 6, l->lump_pct);
    hz_stmt_int(st, 7, l->first_borne);
    return hz_stmt_run(st, e);
}
