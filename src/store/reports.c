/* SQL of the dashboard aggregates. */
#include "store/reports.h"

#include <string.h>

#include "store/registry.h"
#include "store/rows.h"
#include "store/store.h"

/* members counted once per org, then each district sums its orgs' counts:
 * counting the members under each district directly read every member once
 * per district (issue 19) */
static const char q_districts[] =
    "WITH org_members AS MATERIALIZED (SELECT COALESCE(u.org_id, m.org_id) AS org_id, count(*) AS n"
    " FROM member m LEFT JOIN unit u ON u.id = m.unit_id GROUP BY COALESCE(u.org_id, m.org_id))"
    " SELECT o.name, COALESCE(SUM(c.n), 0) FROM org o LEFT JOIN (org p JOIN org_members c ON c.org_id = p.id)"
    " ON substr(p.path, 1, length(o.path)) = o.path"
    " WHERE (o.kind = 'district' OR o.kind = 'joint') AND substr(o.path, 1, length(?1)) = ?1"
    " GROUP BY o.id, o.name, o.path ORDER BY o.path";
/* The members within the caller's scope (?1 org path, ?2 unit id, ?3 member
 * id): every money figure and count below is limited to them. */
#define IN_SCOPE(col)                                                                                                 \
    " (?1 = '' AND ?2 = 0 AND ?3 = 0 OR " col " IN (SELECT m.id FROM member m LEFT JOIN unit u ON u.id = m.unit_id"                                   \
    " LEFT JOIN org o ON o.id = COALESCE(u.org_id, m.org_id) WHERE (?1 = '' OR substr(o.path, 1, length(?1)) = ?1)"  \
    " AND (?2 = 0 OR m.unit_id = ?2) AND (?3 = 0 OR m.id = ?3)))"
static const char q_plans[] = "SELECT plan_code, count(*) FROM coverage WHERE status = 'active' AND start_date <= ?4"
                              " AND end_date >= ?4 AND" IN_SCOPE("member_id") " GROUP BY plan_code ORDER BY plan_code";
static const char q_contrib[] = "SELECT COALESCE(sum(amount), 0) FROM contribution WHERE paid_on BETWEEN ?4 AND ?5"
                                " AND coverage_id IN (SELECT id FROM coverage WHERE" IN_SCOPE("member_id") ")";
static const char q_claims[] = "SELECT count(*) FROM claim WHERE submitted_at >= ?4 AND submitted_at < ?5"
                               " AND" IN_SCOPE("member_id");
static const char q_paid[] =
    "SELECT l.plan_code, count(DISTINCT c.id), COALESCE(sum(l.amount), 0) FROM claim_line l JOIN claim c ON c.id = l.claim_id"
    " WHERE c.status = 'paid' AND c.paid_at >= ?4 AND c.paid_at < ?5 AND" IN_SCOPE("c.member_id")
    " GROUP BY l.plan_code ORDER BY l.plan_code";

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

static void bind_scope(hz_stmt *st, const hz_list_scope *sc) {
    hz_stmt_text(st, 1, sc->org_path ? sc->org_path : "");
    hz_stmt_int(st, 2, sc->unit_id);
    hz_stmt_int(st, 3, sc->member_id);
}

static void bind_range(hz_stmt *st, const hz_list_scope *sc, hz_date from, hz_date to) {
    bind_scope(st, sc);
    hz_bind_date(st, 4, from);
    hz_bind_date(st, 5, to);
}

/* the range of Beijing days over a UTC timestamp column (rows.h) */
static void bind_ts_range(hz_stmt *st, const hz_list_scope *sc, hz_date from, hz_date to) {
    bind_scope(st, sc);
    hz_bind_day_start(st, 4, from);
    hz_bind_day_start(st, 5, to + 1);
}

hz_err hz_store_dashboard(hz_db *db, const hz_list_scope *sc, hz_date today, hz_date from, hz_date to,
                          hz_dashboard *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    const char *path = sc->org_path ? sc->org_path : "";
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
    bind_scope(st, sc);
    hz_bind_date(st, 4, today);
    if ((rc = items(st, out->plans, &out->n_plans, false, e))) return rc;
    if ((rc = hz_db_stmt(db, q_contrib, &st, e))) return rc;
    bind_range(st, sc, from, to);
    if ((rc = hz_row_int(st, &out->contributions, e))) return rc;
    if ((rc = hz_db_stmt(db, q_claims, &st, e))) return rc;
    bind_ts_range(st, sc, from, to);
    if ((rc = hz_row_int(st, &out->claims, e))) return rc;
    if ((rc = hz_db_stmt(db, q_paid, &st, e))) return rc;
    bind_ts_range(st, sc, from, to);
    if ((rc = items(st, out->payouts, &out->n_payouts, true, e))) return rc;
    for (int i = 0; i < out->n_payouts; i++) out->paid += out->payouts[i].amount;
    return HZ_OK;
}

/* The member's org o: its district or joint union (the shortest such
 * ancestor), and the caller's scope on m and o (?1 org path, ?2 unit, ?3
 * member). */
#define DISTRICT                                                                                                      \
    " COALESCE((SELECT d.name FROM org d WHERE (d.kind = 'district' OR d.kind = 'joint')"                              \
    " AND substr(o.path, 1, length(d.path)) = d.path ORDER BY length(d.path) LIMIT 1), o.name, '') AS district"
#define SCOPE_MO                                                                                                      \
    " (?1 = '' OR substr(o.path, 1, length(?1)) = ?1) AND (?2 = 0 OR m.unit_id = ?2) AND (?3 = 0 OR m.id = ?3)"

static const char q_contrib_cells[] =
    "SELECT x.plan_code, x.y, x.months, x.district, SUM(x.amount) FROM (SELECT c.plan_code,"
    " CAST(substr(c.start_date, 1, 4) AS BIGINT) AS y, c.months," DISTRICT ", t.amount FROM contribution t"
    " JOIN coverage c ON c.id = t.coverage_id JOIN member m ON m.id = c.member_id LEFT JOIN unit u ON u.id = m.unit_id"
    " LEFT JOIN org o ON o.id = COALESCE(u.org_id, m.org_id) WHERE" SCOPE_MO ") x"
    " GROUP BY x.plan_code, x.y, x.months, x.district ORDER BY x.plan_code, x.y, x.district";
static const char q_benefit_cells[] =
    "SELECT x.plan_code, x.y, x.district, COUNT(DISTINCT CASE WHEN x.amount > 0 THEN x.claim_id END), SUM(x.amount),"
    " SUM(x.paid) FROM (SELECT"
    " l.plan_code, CAST(substr(cv.start_date, 1, 4) AS BIGINT) + l.period AS y," DISTRICT ", l.claim_id, l.amount,"
    " CASE WHEN c.status = 'paid' THEN l.amount ELSE 0 END AS paid FROM claim_line l JOIN claim c ON c.id = l.claim_id"
    " JOIN coverage cv ON cv.id = l.coverage_id JOIN member m ON m.id = c.member_id LEFT JOIN unit u ON u.id = m.unit_id"
    " LEFT JOIN org o ON o.id = COALESCE(u.org_id, m.org_id) WHERE l.reversed = 0 AND c.status <> 'rejected' AND"
    SCOPE_MO ") x"
    " GROUP BY x.plan_code, x.y, x.district ORDER BY x.plan_code, x.y, x.district";
static const char q_covered_cells[] =
    "SELECT c.plan_code, COUNT(DISTINCT c.member_id) FROM coverage c JOIN member m ON m.id = c.member_id"
    " LEFT JOIN unit u ON u.id = m.unit_id LEFT JOIN org o ON o.id = COALESCE(u.org_id, m.org_id)"
    " WHERE c.status = 'active' AND c.start_date <= ?5 AND c.end_date >= ?4 AND" SCOPE_MO
    " GROUP BY c.plan_code ORDER BY c.plan_code";

/* Steps st, reading each row into a cell by kind: 'c' contributions, 'b'
 * benefits, 'p' people. */
static hz_err cells(hz_stmt *st, char kind, hz_report_cell_fn fn, void *ctx, hz_errinfo *e) {
    bool row;
    hz_err rc;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        hz_report_cell c;
        memset(&c, 0, sizeof c);
        char plan[32], district[HZ_NAME_MAX * 2];
        HZ_COPY(plan, hz_stmt_col_text(st, 0));
        c.plan = plan;
        c.district = "";
        if (kind == 'p') {
            c.count = hz_stmt_col_int(st, 1);
        } else {
            c.year = (int)hz_stmt_col_int(st, 1);
            int k = 2;
            if (kind == 'c') c.months = (int)hz_stmt_col_int(st, k++);
            HZ_COPY(district, hz_stmt_col_text(st, k++));
            c.district = district;
            if (kind == 'b') c.count = hz_stmt_col_int(st, k++);
            c.amount = hz_stmt_col_int(st, k++);
            if (kind == 'b') c.paid = hz_stmt_col_int(st, k);
        }
        if ((rc = fn(ctx, &c, e))) break;
    }
    hz_stmt_reset(st);
    return rc;
}

hz_err hz_store_contribution_cells(hz_db *db, const hz_list_scope *sc, hz_report_cell_fn fn, void *ctx,
                                   hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_contrib_cells, &st, e);
    if (rc) return rc;
    bind_scope(st, sc);
    return cells(st, 'c', fn, ctx, e);
}

hz_err hz_store_benefit_cells(hz_db *db, const hz_list_scope *sc, hz_report_cell_fn fn, void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_benefit_cells, &st, e);
    if (rc) return rc;
    bind_scope(st, sc);
    return cells(st, 'b', fn, ctx, e);
}

hz_err hz_store_covered_cells(hz_db *db, const hz_list_scope *sc, hz_date from, hz_date to, hz_report_cell_fn fn,
                              void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_covered_cells, &st, e);
    if (rc) return rc;
    bind_range(st, sc, from, to);
    return cells(st, 'p', fn, ctx, e);
}

/* The reports module's tables are in the core history (migrations 1-2). */
const hz_store_module hz_store_module_reports = {.name = "reports"};
