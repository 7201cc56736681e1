/* Member-ordered scans joined in memory (what-if, look-back, forecast). */
#include "store/insight.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/insight.h"
#include "store/rows.h"
#include "store/store.h"

#define SCOPE_MEMBER                                                                                                   \
    " (?1 = '' OR substr(o.path, 1, length(?1)) = ?1) AND (?2 = 0 OR m.unit_id = ?2) AND (?3 = 0 OR m.id = ?3)"

/* ?1..?3 of SCOPE_MEMBER */
static void bind_scope(hz_stmt *st, const hz_list_scope *sc) {
    hz_stmt_text(st, 1, sc->org_path ? sc->org_path : "");
    hz_stmt_int(st, 2, sc->unit_id);
    hz_stmt_int(st, 3, sc->member_id);
}

static const char q_hist_members[] =
    "SELECT m.id, m.id_number, m.name, m.sex, m.birth_date, COALESCE(m.unit_id, 0), COALESCE(u.org_id, m.org_id, 0),"
    " COALESCE(u.credit_code, ''), COALESCE(u.name, ''), COALESCE(o.path, '')"
    " FROM member m LEFT JOIN unit u ON u.id = m.unit_id LEFT JOIN org o ON o.id = COALESCE(u.org_id, m.org_id)"
    " WHERE EXISTS (SELECT 1 FROM claim c WHERE c.member_id = m.id AND c.status <> 'rejected') AND" SCOPE_MEMBER
    " ORDER BY m.id";
static const char q_hist_claims[] =
    "SELECT c.member_id, c.id, c.accident, c.death, COALESCE(c.disability_grade, 0), COALESCE(c.diagnosis, ''),"
    " c.event_date, COALESCE(s.id, 0), s.adm_date, s.dscg_date, COALESCE(s.main_diag_code, ''),"
    " COALESCE(s.diag_codes, ''), COALESCE(s.psn_selfpay, 0), COALESCE(s.medfee_sumamt, 0),"
    " COALESCE(s.fund_pay_sumamt, 0), COALESCE(s.refunded, 0)"
    " FROM claim c LEFT JOIN claim_settlement cs ON cs.claim_id = c.id LEFT JOIN settlement s ON s.id = cs.settlement_id"
    " WHERE c.status <> 'rejected' ORDER BY c.member_id, c.id, s.adm_date, s.id";
static const char q_hist_covs[] =
    "SELECT member_id, id, plan_id, plan_code, shares, start_date, end_date, months FROM coverage"
    " WHERE status = 'active' ORDER BY member_id, id";
static const char q_hist_flags[] =
    "SELECT member_id, id, kind, level, valid_from, valid_to FROM member_flag ORDER BY member_id, id";

/* One member-ordered statement: the current row's member, or INT64_MAX past the end. */
typedef struct {
    hz_stmt *st;
    int64_t member;
} stream;

static hz_err advance(stream *s, hz_errinfo *e) {
    bool row;
    hz_err rc = hz_stmt_step(s->st, &row, e);
    if (rc) return rc;
    s->member = row ? hz_stmt_col_int(s->st, 0) : INT64_MAX;
    return HZ_OK;
}

static hz_err open_stream(hz_db *db, const char *sql, stream *s, hz_errinfo *e) {
    hz_err rc = hz_db_stmt(db, sql, &s->st, e);
    return rc ? rc : advance(s, e);
}

/* Skips rows of members before m. */
static hz_err seek(stream *s, int64_t m, hz_errinfo *e) {
    hz_err rc = HZ_OK;
    while (rc == HZ_OK && s->member < m) rc = advance(s, e);
    return rc;
}

#define GROW(arr, n, cap)                                                                                              \
    ((n) < (cap) || ((cap) = (cap) ? (cap) * 2 : 16, (arr) = realloc((arr), sizeof *(arr) * (size_t)(cap))) != NULL)

hz_err hz_store_claim_history(hz_db *db, const hz_list_scope *sc, hz_history_fn fn, void *ctx, hz_errinfo *e) {
    stream mem = {0}, cl = {0}, cv = {0}, fl = {0};
    hz_flag *flags = NULL;
    hz_coverage *covs = NULL;
    hz_hist_claim *claims = NULL;
    hz_settlement *stays = NULL;
    int cap_f = 0, cap_v = 0, cap_c = 0, cap_s = 0;
    hz_err rc;
    if ((rc = hz_db_stmt(db, q_hist_members, &mem.st, e))) return rc;
    bind_scope(mem.st, sc);
    if ((rc = advance(&mem, e)) || (rc = open_stream(db, q_hist_claims, &cl, e)) ||
        (rc = open_stream(db, q_hist_covs, &cv, e)) || (rc = open_stream(db, q_hist_flags, &fl, e)))
        goto out;
    while (mem.member != INT64_MAX) {
        hz_claim_history h;
        memset(&h, 0, sizeof h);
        hz_member *m = &h.member;
        m->id = mem.member;
        HZ_COPY(m->id_number, hz_stmt_col_text(mem.st, 1));
        HZ_COPY(m->name, hz_stmt_col_text(mem.st, 2));
        m->sex = hz_stmt_col_text(mem.st, 3)[0];
        m->birth = hz_row_date(mem.st, 4);
        m->unit_id = hz_stmt_col_int(mem.st, 5);
        m->org_id = hz_stmt_col_int(mem.st, 6);
        HZ_COPY(m->unit_code, hz_stmt_col_text(mem.st, 7));
        HZ_COPY(m->unit_name, hz_stmt_col_text(mem.st, 8));
        HZ_COPY(m->org_path, hz_stmt_col_text(mem.st, 9));
        int nf = 0, nv = 0, nc = 0, ns = 0;
        if ((rc = seek(&fl, m->id, e)) || (rc = seek(&cv, m->id, e)) || (rc = seek(&cl, m->id, e))) goto out;
        for (; fl.member == m->id; rc = advance(&fl, e)) {
            if (rc) goto out;
            if (!GROW(flags, nf, cap_f)) goto oom;
            hz_flag *f = &flags[nf++];
            memset(f, 0, sizeof *f);
            f->id = hz_stmt_col_int(fl.st, 1);
            HZ_COPY(f->kind, hz_stmt_col_text(fl.st, 2));
            HZ_COPY(f->level, hz_stmt_col_text(fl.st, 3));
            f->from = hz_row_date(fl.st, 4);
            f->to = hz_row_date(fl.st, 5);
        }
        for (; cv.member == m->id; rc = advance(&cv, e)) {
            if (rc) goto out;
            if (!GROW(covs, nv, cap_v)) goto oom;
            hz_coverage *c = &covs[nv++];
            memset(c, 0, sizeof *c);
            c->member_id = m->id;
            c->id = hz_stmt_col_int(cv.st, 1);
            c->plan_id = hz_stmt_col_int(cv.st, 2);
            HZ_COPY(c->plan_code, hz_stmt_col_text(cv.st, 3));
            c->shares = (int)hz_stmt_col_int(cv.st, 4);
            c->start = hz_row_date(cv.st, 5);
            c->end = hz_row_date(cv.st, 6);
            c->months = (int)hz_stmt_col_int(cv.st, 7);
            HZ_COPY(c->status, "active");
        }
        for (; cl.member == m->id; rc = advance(&cl, e)) {
            if (rc) goto out;
            int64_t claim_id = hz_stmt_col_int(cl.st, 1);
            if (!nc || claims[nc - 1].claim_id != claim_id) {
                if (!GROW(claims, nc, cap_c)) goto oom;
                hz_hist_claim *c = &claims[nc++];
                memset(c, 0, sizeof *c);
                c->claim_id = claim_id;
                c->accident = hz_stmt_col_int(cl.st, 2) != 0;
                c->death = hz_stmt_col_int(cl.st, 3) != 0;
                c->disability_grade = (int)hz_stmt_col_int(cl.st, 4);
                HZ_COPY(c->diagnosis, hz_stmt_col_text(cl.st, 5));
                c->event_date = hz_row_date(cl.st, 6);
                c->first_stay = ns;
            }
            if (hz_stmt_col_int(cl.st, 7) == 0) continue; /* a claim without a settlement */
            if (!GROW(stays, ns, cap_s)) goto oom;
            hz_settlement *s = &stays[ns++];
            memset(s, 0, sizeof *s);
            s->id = hz_stmt_col_int(cl.st, 7);
            s->member_id = m->id;
            s->adm_date = hz_row_date(cl.st, 8);
            s->dscg_date = hz_row_date(cl.st, 9);
            HZ_COPY(s->main_diag_code, hz_stmt_col_text(cl.st, 10));
            HZ_COPY(s->diag_codes, hz_stmt_col_text(cl.st, 11));
            s->psn_selfpay = hz_stmt_col_int(cl.st, 12);
            s->medfee_sumamt = hz_stmt_col_int(cl.st, 13);
            s->fund_pay_sumamt = hz_stmt_col_int(cl.st, 14);
            s->refunded = hz_stmt_col_int(cl.st, 15) != 0;
            claims[nc - 1].n_stays++;
        }
        h.flags = flags;
        h.n_flags = nf;
        h.covs = covs;
        h.n_covs = nv;
        h.claims = claims;
        h.n_claims = nc;
        h.stays = stays;
        h.n_stays = ns;
        if ((rc = fn(ctx, &h, e)) || (rc = advance(&mem, e))) goto out;
    }
    goto out;
oom:
    rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
out:
    hz_stmt_reset(mem.st);
    if (cl.st) hz_stmt_reset(cl.st);
    if (cv.st) hz_stmt_reset(cv.st);
    if (fl.st) hz_stmt_reset(fl.st);
    free(flags);
    free(covs);
    free(claims);
    free(stays);
    return rc;
}

static const char q_contrib_by_plan[] =
    "SELECT cv.plan_code, SUM(ct.amount) FROM contribution ct JOIN coverage cv ON cv.id = ct.coverage_id"
    " JOIN member m ON m.id = cv.member_id LEFT JOIN unit u ON u.id = m.unit_id"
    " LEFT JOIN org o ON o.id = COALESCE(u.org_id, m.org_id) WHERE ct.paid_on BETWEEN ?4 AND ?5 AND" SCOPE_MEMBER
    " GROUP BY cv.plan_code ORDER BY cv.plan_code";

hz_err hz_store_contributions_by_plan(hz_db *db, const hz_list_scope *sc, hz_date from, hz_date to, hz_plan_sum_fn fn,
                                      void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_contrib_by_plan, &st, e);
    if (rc) return rc;
    bind_scope(st, sc);
    hz_bind_date(st, 4, from);
    hz_bind_date(st, 5, to);
    bool row;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) fn(ctx, hz_stmt_col_text(st, 0), hz_stmt_col_int(st, 1));
    hz_stmt_reset(st);
    return rc;
}

static const char q_districts[] = "SELECT code, path, name FROM org WHERE kind = 'district' ORDER BY path";

hz_err hz_store_districts(hz_db *db, hz_district_fn fn, void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_districts, &st, e);
    if (rc) return rc;
    bool row;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row)
        fn(ctx, hz_stmt_col_text(st, 0), hz_stmt_col_text(st, 1), hz_stmt_col_text(st, 2));
    hz_stmt_reset(st);
    return rc;
}

#define LB_MEMBER                                                                                                      \
    "SELECT m.id, m.id_number, m.name, "
#define LB_SCOPE_JOIN                                                                                                  \
    " JOIN member m ON m.id = x.member_id LEFT JOIN unit u ON u.id = m.unit_id"                                      \
    " LEFT JOIN org o ON o.id = COALESCE(u.org_id, m.org_id) WHERE" SCOPE_MEMBER

static const char q_lb_stay[] =
    LB_MEMBER "x.setl_id, x.adm_date, x.psn_selfpay, '' FROM settlement x" LB_SCOPE_JOIN
    " AND x.med_type = '21' AND x.refunded = 0"
    " AND EXISTS (SELECT 1 FROM coverage c WHERE c.member_id = x.member_id AND c.status = 'active'"
    "  AND c.start_date <= x.adm_date AND c.end_date >= x.adm_date)"
    " AND NOT EXISTS (SELECT 1 FROM claim_settlement cs WHERE cs.settlement_id = x.id)"
    " ORDER BY x.adm_date, x.id";
static const char q_lb_lm[] =
    LB_MEMBER "x.setl_id, x.adm_date, x.psn_selfpay, f.level FROM settlement x"
    " JOIN member_flag f ON f.member_id = x.member_id AND f.kind = 'model'"
    "  AND f.valid_from <= x.adm_date AND f.valid_to >= x.adm_date" LB_SCOPE_JOIN
    " AND x.med_type = '21' AND x.refunded = 0 AND substr(x.adm_date, 1, 4) = ?4"
    " AND NOT EXISTS (SELECT 1 FROM lm_subsidy l WHERE l.settlement_id = x.id)"
    " ORDER BY x.adm_date, x.id";
static const char q_lb_renew[] =
    LB_MEMBER "x.plan_code, x.end_date, x.premium, '' FROM coverage x" LB_SCOPE_JOIN
    " AND x.status = 'active' AND x.end_date >= ?4 AND x.end_date <= ?5"
    " AND NOT EXISTS (SELECT 1 FROM coverage n WHERE n.member_id = x.member_id AND n.plan_code = x.plan_code"
    "  AND n.status = 'active' AND n.start_date > x.start_date)"
    " ORDER BY x.end_date, x.id";

hz_err hz_store_lookback(hz_db *db, const hz_list_scope *sc, int kind, int year, hz_date today, hz_lookback_fn fn,
                         void *ctx, hz_errinfo *e) {
    const char *sql = kind == HZ_LB_STAY ? q_lb_stay : kind == HZ_LB_LM ? q_lb_lm : q_lb_renew;
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, sql, &st, e);
    if (rc) return rc;
    char y[8];
    snprintf(y, sizeof y, "%04d", year);
    bind_scope(st, sc);
    if (sql == q_lb_lm) hz_stmt_text(st, 4, y);
    if (sql == q_lb_renew) {
        hz_bind_date(st, 4, today);
        hz_bind_date(st, 5, today + HZ_LB_RENEW_DAYS);
    }
    bool row;
    while (rc == HZ_OK && (rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        hz_member m;
        memset(&m, 0, sizeof m);
        m.id = hz_stmt_col_int(st, 0);
        HZ_COPY(m.id_number, hz_stmt_col_text(st, 1));
        HZ_COPY(m.name, hz_stmt_col_text(st, 2));
        rc = fn(ctx, &m, hz_stmt_col_text(st, 3), hz_row_date(st, 4), hz_stmt_col_int(st, 5),
                hz_stmt_col_text(st, 6), e);
    }
    hz_stmt_reset(st);
    return rc;
}

static const char q_second_round_listed[] =
    "SELECT COUNT(*) FROM relief_grant g JOIN relief_program p ON p.id = g.program_id"
    " WHERE p.kind = 'second_round' AND p.year = ? AND g.member_id = ?";

hz_err hz_store_second_round_listed(hz_db *db, int year, int64_t member_id, bool *listed, hz_errinfo *e) {
    hz_stmt *st;
    int64_t n = 0;
    hz_err rc = hz_db_stmt(db, q_second_round_listed, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, year);
    hz_stmt_int(st, 2, member_id);
    rc = hz_row_int(st, &n, e);
    *listed = n > 0;
    return rc;
}

static const char q_development[] =
    "SELECT l.plan_code, substr(COALESCE(s.adm_date, c.event_date), 1, 7), substr(c.submitted_at, 1, 7), SUM(l.amount)"
    " FROM claim_line l JOIN claim c ON c.id = l.claim_id LEFT JOIN settlement s ON s.id = l.settlement_id"
    " JOIN member m ON m.id = c.member_id LEFT JOIN unit u ON u.id = m.unit_id"
    " LEFT JOIN org o ON o.id = COALESCE(u.org_id, m.org_id)"
    " WHERE c.status <> 'rejected' AND l.reversed = 0 AND l.amount > 0"
    " AND COALESCE(s.adm_date, c.event_date) >= ?4 AND" SCOPE_MEMBER " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3";

hz_err hz_store_development(hz_db *db, const hz_list_scope *sc, hz_date from, hz_development_fn fn, void *ctx,
                            hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_development, &st, e);
    if (rc) return rc;
    bind_scope(st, sc);
    hz_bind_date(st, 4, from);
    bool row;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row)
        fn(ctx, hz_stmt_col_text(st, 0), hz_stmt_col_text(st, 1), hz_stmt_col_text(st, 2), hz_stmt_col_int(st, 3));
    hz_stmt_reset(st);
    return rc;
}

const hz_store_module hz_store_module_insight = {.name = "insight"};
