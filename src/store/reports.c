/* SQL of the dashboard aggregates. */
#include "store/reports.h"

#include <string.h>

#include "store/registry.h"
#include "store/rows.h"
#include "store/store.h"

static const char q_districts[] =
    "SELECT o.name, (SELECT count(*) FROM member m LEFT JOIN unit u ON u.id = m.unit_id"
    " JOIN org p ON p.id = COALESCE(u.org_id, m.org_id) WHERE substr(p.path, 1, length(o.path)) = o.path)"
    " FROM org o WHERE o.kind = 'district' AND substr(o.path, 1, length(?1)) = ?1 ORDER BY o.path";
static const char q_plans[] = "SELECT plan_code, count(*) FROM coverage WHERE status = 'active' AND start_date <= ?1"
                              " AND end_date >= ?1 GROUP BY plan_code ORDER BY plan_code";
static const char q_contrib[] = "SELECT COALESCE(sum(amount), 0) FROM contribution WHERE paid_on BETWEEN ? AND ?";
static const char q_claims[] = "SELECT count(*) FROM claim WHERE substr(submitted_at, 1, 10) BETWEEN ? AND ?";
static const char q_paid[] =
    "SELECT l.plan_code, count(DISTINCT c.id), COALESCE(sum(l.amount), 0) FROM claim_line l JOIN claim c ON c.id = l.claim_id"
    " WHERE c.status = 'paid' AND substr(c.paid_at, 1, 10) BETWEEN ? AND ? GROUP BY l.plan_code ORDER BY l.plan_code";

static hz_err items(hz_stmt *st, hz_dash_item *out, int *n, bool with_amount, hz_errinfo *e) {
    bool row;
    hz_err rc;
    *n = 0;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row && *n < HZ_DASH_MAX) {
        hz_dash_item *it = &out[(*n)++];
        HZ_COPY(it->key, hz_stmt_col_text(st, 0));
        it->count = hz_stmt_col_int(st, 1);
        it->amount = with_amount ? hz_stmt_col_int(st, 2) : 0;
    }
    hz_stmt_reset(st);
    return rc;
}

static void bind_range(hz_stmt *st, hz_date from, hz_date to) {
    hz_bind_date(st, 1, from);
    hz_bind_date(st, 2, to);
}

hz_err hz_store_dashboard(hz_db *db, const char *path, hz_date today, hz_date from, hz_date to, hz_dashboard *out,
                          hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    hz_org_stats s;
    hz_err rc = hz_store_org_stats(db, path[0] ? path : "/", today, &s, e);
    if (rc) return rc;
    out->members = s.members;
    out->covered = s.covered;
    out->women = s.women;
    out->newform = s.newform;
    out->model_workers = s.model_workers;
    hz_stmt *st;
    if ((rc = hz_db_stmt(db, q_districts, &st, e))) return rc;
    hz_stmt_text(st, 1, path[0] ? path : "/");
    if ((rc = items(st, out->districts, &out->n_districts, false, e))) return rc;
    if ((rc = hz_db_stmt(db, q_plans, &st, e))) return rc;
    hz_bind_date(st, 1, today);
    if ((rc = items(st, out->plans, &out->n_plans, false, e))) return rc;
    if ((rc = hz_db_stmt(db, q_contrib, &st, e))) return rc;
    bind_range(st, from, to);
    if ((rc = hz_row_int(st, &out->contributions, e))) return rc;
    if ((rc = hz_db_stmt(db, q_claims, &st, e))) return rc;
    bind_range(st, from, to);
    if ((rc = hz_row_int(st, &out->claims, e))) return rc;
    if ((rc = hz_db_stmt(db, q_paid, &st, e))) return rc;
    bind_range(st, from, to);
    if ((rc = items(st, out->payouts, &out->n_payouts, true, e))) return rc;
    for (int i = 0; i < out->n_payouts; i++) out->paid += out->payouts[i].amount;
    return HZ_OK;
}

/* The reports module's tables are in the core history (migrations 1-2). */
const hz_store_module hz_store_module_reports = {"reports", NULL, 0};
