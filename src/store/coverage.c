/* SQL of plan versions, coverages and contributions. */
#include "store/coverage.h"

#include <stdlib.h>
#include <string.h>

#include "store/rows.h"
#include "store/store.h"

static const char q_plan_cur[] = "SELECT id, code, version, name, digest FROM plan WHERE code = ?"
                                 " ORDER BY version DESC LIMIT 1";
static const char q_plan_ins[] = "INSERT INTO plan (code, version, name, params, digest, created_at)"
                                 " VALUES (?, ?, ?, ?, ?, ?) RETURNING id";
static const char q_plan_params[] = "SELECT id, code, version, name, digest, params FROM plan WHERE id = ?";
static const char q_plans[] = "SELECT p.id, p.code, p.version, p.name, p.digest FROM plan p"
                              " WHERE p.version = (SELECT max(version) FROM plan q WHERE q.code = p.code)"
                              " ORDER BY p.code";

/* every version of one code, newest first, with when it was published and
 * how many coverages were sold under it */
static const char q_plan_versions[] =
    "SELECT p.id, p.code, p.version, p.name, p.digest, p.created_at,"
    " (SELECT count(*) FROM coverage c WHERE c.plan_id = p.id) FROM plan p WHERE p.code = ? ORDER BY p.version DESC";

/* contributions by the member's unit, month and payer, within a scope */
static const char q_contrib_by_unit[] =
    "SELECT COALESCE(u.credit_code, ''), COALESCE(u.name, ''), substr(c.paid_on, 1, 7), c.payer_kind,"
    " count(*), SUM(c.amount)"
    " FROM contribution c JOIN coverage v ON v.id = c.coverage_id JOIN member m ON m.id = v.member_id"
    " LEFT JOIN unit u ON u.id = m.unit_id LEFT JOIN org o ON o.id = COALESCE(u.org_id, m.org_id)"
    " WHERE (?1 = '' OR substr(o.path, 1, length(?1)) = ?1) AND (?2 = 0 OR m.unit_id = ?2) AND (?3 = 0 OR m.id = ?3)"
    " AND (?4 = '' OR substr(o.path, 1, length(?4)) = ?4) AND c.paid_on BETWEEN ?5 AND ?6"
    " GROUP BY COALESCE(u.credit_code, ''), COALESCE(u.name, ''), substr(c.paid_on, 1, 7), c.payer_kind"
    " ORDER BY substr(c.paid_on, 1, 7) DESC, COALESCE(u.name, ''), c.payer_kind";

static void read_plan(hz_stmt *st, hz_plan_row *p) {
    p->id = hz_stmt_col_int(st, 0);
    HZ_COPY(p->code, hz_stmt_col_text(st, 1));
    p->version = (int)hz_stmt_col_int(st, 2);
    HZ_COPY(p->name, hz_stmt_col_text(st, 3));
    HZ_COPY(p->digest, hz_stmt_col_text(st, 4));
}

hz_err hz_store_plan_versions(hz_db *db, const char *code, hz_plan_version *out, int max, int *n, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_plan_versions, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, code);
    bool row;
    *n = 0;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        if (*n == max) {
            rc = hz_row_overflow(e, max, "计划版本 (plan versions)");
            break;
        }
        hz_plan_version *v = &out[(*n)++];
        read_plan(st, &v->row);
        HZ_COPY(v->created_at, hz_stmt_col_text(st, 5));
        v->coverages = hz_stmt_col_int(st, 6);
    }
    hz_stmt_reset(st);
    if (!rc && !*n) rc = hz_fail(e, HZ_ENOTFOUND, "计划 %.8s 不存在 (no such plan)", code);
    return rc;
}

hz_err hz_store_plan_current(hz_db *db, const char *code, hz_plan_row *out, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_plan_cur, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, code);
    char what[96];
    snprintf(what, sizeof what, "计划 %s 不存在 (no such plan)", code);
    if ((rc = hz_row_one(st, what, e))) return rc;
    read_plan(st, out);
    hz_stmt_reset(st);
    return HZ_OK;
}

hz_err hz_store_plan_insert(hz_db *db, hz_plan_row *p, const char *params, const char *now, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_plan_ins, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, p->code);
    hz_stmt_int(st, 2, p->version);
    hz_stmt_text(st, 3, p->name);
    hz_stmt_text(st, 4, params);
    hz_stmt_text(st, 5, p->digest);
    hz_stmt_text(st, 6, now);
    return hz_row_insert_id(st, &p->id, e);
}

hz_err hz_store_plan_params(hz_db *db, int64_t plan_id, char **params, hz_plan_row *row, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_plan_params, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, plan_id);
    if ((rc = hz_row_one(st, "计划版本不存在 (no such plan version)", e))) return rc;
    read_plan(st, row);
    *params = strdup(hz_stmt_col_text(st, 5));
    hz_stmt_reset(st);
    return *params ? HZ_OK : hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
}

hz_err hz_store_plans(hz_db *db, hz_plan_row *out, int max, int *n, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_plans, &st, e);
    if (rc) return rc;
    bool row;
    *n = 0;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        if (*n == max) {
            rc = hz_row_overflow(e, max, "计划 (plans)");
            break;
        }
        read_plan(st, &out[(*n)++]);
    }
    hz_stmt_reset(st);
    return rc;
}

#define COV_COLS                                                                                                      \
    "c.id, c.member_id, c.plan_id, c.plan_code, p.version, c.shares, c.start_date, c.end_date, c.months,"            \
    " c.payer_kind, COALESCE(c.payer_ref, ''), c.premium, c.continuous, c.status"
#define COV_FROM " FROM coverage c JOIN plan p ON p.id = c.plan_id"

static void read_cov(hz_stmt *st, hz_coverage *c) {
    c->id = hz_stmt_col_int(st, 0);
    c->member_id = hz_stmt_col_int(st, 1);
    c->plan_id = hz_stmt_col_int(st, 2);
    HZ_COPY(c->plan_code, hz_stmt_col_text(st, 3));
    c->plan_version = (int)hz_stmt_col_int(st, 4);
    c->shares = (int)hz_stmt_col_int(st, 5);
    c->start = hz_row_date(st, 6);
    c->end = hz_row_date(st, 7);
    c->months = (int)hz_stmt_col_int(st, 8);
    HZ_COPY(c->payer_kind, hz_stmt_col_text(st, 9));
    HZ_COPY(c->payer_ref, hz_stmt_col_text(st, 10));
    c->premium = hz_stmt_col_int(st, 11);
    c->continuous = hz_stmt_col_int(st, 12) != 0;
    HZ_COPY(c->status, hz_stmt_col_text(st, 13));
}

static const char q_cov_ins[] =
    "INSERT INTO coverage (member_id, plan_id, plan_code, shares, start_date, end_date, months, payer_kind,"
    " payer_ref, premium, continuous, status, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?) RETURNING id";
static const char q_cov_last[] = "SELECT " COV_COLS COV_FROM " WHERE c.member_id = ? AND c.plan_code = ?"
                                 " AND c.status = 'active' ORDER BY c.end_date DESC LIMIT 1";
static const char q_cov_overlap[] = "SELECT count(*) FROM coverage WHERE member_id = ? AND plan_code = ?"
                                    " AND status = 'active' AND start_date <= ? AND end_date >= ?";
static const char q_cov_same[] = "SELECT " COV_COLS COV_FROM " WHERE c.member_id = ? AND c.plan_code = ?"
                                 " AND c.start_date = ? AND c.status = 'active'";
/* in index order; sorted below (a sorter per call cost more than the rows) */
static const char q_cov_of[] = "SELECT " COV_COLS COV_FROM " WHERE c.member_id = ?";
static const char q_cov_unit_ending[] =
    "SELECT " COV_COLS COV_FROM " JOIN member m ON m.id = c.member_id WHERE m.unit_id = ? AND c.status = 'active'"
    " AND c.end_date BETWEEN ? AND ? ORDER BY c.id";

hz_err hz_store_coverage_insert(hz_db *db, hz_coverage *c, const char *now, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_cov_ins, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, c->member_id);
    hz_stmt_int(st, 2, c->plan_id);
    hz_stmt_text(st, 3, c->plan_code);
    hz_stmt_int(st, 4, c->shares);
    hz_bind_date(st, 5, c->start);
    hz_bind_date(st, 6, c->end);
    hz_stmt_int(st, 7, c->months);
    hz_stmt_text(st, 8, c->payer_kind);
    hz_bind_opt_text(st, 9, c->payer_ref);
    hz_stmt_int(st, 10, c->premium);
    hz_stmt_int(st, 11, c->continuous);
    hz_stmt_text(st, 12, now);
    return hz_row_insert_id(st, &c->id, e);
}

hz_err hz_store_coverage_last(hz_db *db, int64_t member_id, const char *plan_code, hz_coverage *out, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_cov_last, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, member_id);
    hz_stmt_text(st, 2, plan_code);
    if ((rc = hz_row_one(st, "没有该计划的保障 (no coverage of that plan)", e))) return rc;
    read_cov(st, out);
    hz_stmt_reset(st);
    return HZ_OK;
}

hz_err hz_store_coverage_overlaps(hz_db *db, int64_t member_id, const char *plan_code, hz_date start, hz_date end,
                                  int64_t *count, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_cov_overlap, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, member_id);
    hz_stmt_text(st, 2, plan_code);
    hz_bind_date(st, 3, end);
    hz_bind_date(st, 4, start);
    return hz_row_int(st, count, e);
}

hz_err hz_store_coverage_same(hz_db *db, int64_t member_id, const char *plan_code, hz_date start, hz_coverage *out,
                              hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_cov_same, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, member_id);
    hz_stmt_text(st, 2, plan_code);
    hz_bind_date(st, 3, start);
    if ((rc = hz_stmt_step(st, &row, e))) return rc;
    out->id = 0;
    if (row) read_cov(st, out);
    hz_stmt_reset(st);
    return HZ_OK;
}

static const char q_cov_range[] = "SELECT " COV_COLS COV_FROM " WHERE c.member_id BETWEEN ? AND ?"
                                  " ORDER BY c.member_id, c.plan_code, c.start_date";

hz_err hz_store_coverages_range(hz_db *db, int64_t lo, int64_t hi, hz_coverage_fn fn, void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_cov_range, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, lo);
    hz_stmt_int(st, 2, hi);
    bool row;
    hz_coverage c;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        read_cov(st, &c);
        if ((rc = fn(ctx, &c, e))) break;
    }
    hz_stmt_reset(st);
    return rc;
}

hz_err hz_store_coverages_of(hz_db *db, int64_t member_id, hz_coverage *out, int max, int *n, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_cov_of, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, member_id);
    bool row;
    *n = 0;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        if (*n == max) {
            rc = hz_row_overflow(e, max, "会员保障 (coverages of one member)");
            break;
        }
        read_cov(st, &out[(*n)++]);
    }
    hz_stmt_reset(st);
    /* latest start first, then by plan code: (member, plan, start) is
     * unique, so the order is total; an insertion sort of a few rows */
    for (int i = 1; rc == HZ_OK && i < *n; i++) {
        hz_coverage c = out[i];
        int j = i;
        while (j > 0 && (out[j - 1].start < c.start ||
                         (out[j - 1].start == c.start && strcmp(out[j - 1].plan_code, c.plan_code) > 0))) {
            out[j] = out[j - 1];
            j--;
        }
        out[j] = c;
    }
    return rc;
}

static const char q_contrib_ins[] = "INSERT INTO contribution (coverage_id, payer_kind, payer_ref, amount, paid_on,"
                                    " created_at) VALUES (?, ?, ?, ?, ?, ?)";

hz_err hz_store_contribution_insert(hz_db *db, int64_t coverage_id, const char *payer_kind, const char *payer_ref,
                                    hz_fen amount, hz_date paid_on, const char *now, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_contrib_ins, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, coverage_id);
    hz_stmt_text(st, 2, payer_kind);
    hz_bind_opt_text(st, 3, payer_ref);
    hz_stmt_int(st, 4, amount);
    hz_bind_date(st, 5, paid_on);
    hz_stmt_text(st, 6, now);
    return hz_stmt_run(st, e);
}

hz_err hz_store_unit_coverages_ending(hz_db *db, int64_t unit_id, hz_date from, hz_date to, hz_coverage_fn fn,
                                      void *ctx, hz_errinfo *e) {
    /* Collect first: fn writes through the same connection. */
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_cov_unit_ending, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, unit_id);
    hz_bind_date(st, 2, from);
    hz_bind_date(st, 3, to);
    size_t cap = 0, n = 0;
    hz_coverage *all = NULL;
    bool row;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            hz_coverage *g = realloc(all, cap * sizeof *all);
            if (!g) {
                rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
                break;
            }
            all = g;
        }
        read_cov(st, &all[n++]);
    }
    hz_stmt_reset(st);
    for (size_t i = 0; rc == HZ_OK && i < n; i++) rc = fn(ctx, &all[i], e);
    free(all);
    return rc;
}

/* The enrollment module's tables are in the core history (migrations 1-2). */
const hz_store_module hz_store_module_enrollment = {.name = "enrollment"};

hz_err hz_store_contributions_by_unit(hz_db *db, const hz_list_scope *sc, const char *org_path, hz_date from,
                                      hz_date to, hz_contrib_fn fn, void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_contrib_by_unit, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, sc->org_path ? sc->org_path : "");
    hz_stmt_int(st, 2, sc->unit_id);
    hz_stmt_int(st, 3, sc->member_id);
    hz_stmt_text(st, 4, org_path ? org_path : "");
    hz_bind_date(st, 5, from);
    hz_bind_date(st, 6, to);
    bool row;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        hz_contrib_row c;
        memset(&c, 0, sizeof c);
        HZ_COPY(c.unit_code, hz_stmt_col_text(st, 0));
        HZ_COPY(c.unit_name, hz_stmt_col_text(st, 1));
        HZ_COPY(c.month, hz_stmt_col_text(st, 2));
        HZ_COPY(c.payer_kind, hz_stmt_col_text(st, 3));
        c.count = hz_stmt_col_int(st, 4);
        c.amount = hz_stmt_col_int(st, 5);
        if ((rc = fn(ctx, &c, e))) break;
    }
    hz_stmt_reset(st);
    return rc;
}
