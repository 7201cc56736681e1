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

/* Every member in id order (the table's own order: no sort); those without
 * a claim are skipped by the merge below. */
static const char q_hist_members[] =
    "SELECT m.id, m.id_number, m.name, m.sex, m.birth_date, COALESCE(m.unit_id, 0), COALESCE(u.org_id, m.org_id, 0),"
    " COALESCE(u.credit_code, ''), COALESCE(u.name, ''), COALESCE(o.path, '')"
    " FROM member m LEFT JOIN unit u ON u.id = m.unit_id LEFT JOIN org o ON o.id = COALESCE(u.org_id, m.org_id)"
    " WHERE" SCOPE_MEMBER " ORDER BY m.id";
/* The claims with their stays and the coverages are read in the tables' own
 * order (sequential scans) and sorted by member in memory: a member-ordered
 * scan through the member index visits the claim and settlement tables at
 * random, which at a million claims cost more than everything else. */
#define Q_CLAIMS                                                                                                       \
    "SELECT c.member_id, c.id, c.accident, c.death, COALESCE(c.disability_grade, 0), COALESCE(c.diagnosis, ''),"        \
    " c.event_date, COALESCE(s.id, 0), s.adm_date, s.dscg_date, COALESCE(s.main_diag_code, ''),"                       \
    " COALESCE(s.diag_codes, ''), COALESCE(s.psn_selfpay, 0), COALESCE(s.medfee_sumamt, 0),"                           \
    " COALESCE(s.fund_pay_sumamt, 0), COALESCE(s.refunded, 0)"                                                         \
    " FROM claim c LEFT JOIN claim_settlement cs ON cs.claim_id = c.id LEFT JOIN settlement s ON s.id = cs.settlement_id" \
    " WHERE c.status <> 'rejected'"
#define Q_COVS                                                                                                         \
    "SELECT member_id, id, plan_id, plan_code, shares, start_date, end_date, months FROM coverage"                     \
    " WHERE status = 'active'"
/* The reference (the first implementation's statements): members with a
 * claim, claims and coverages ordered by member in SQL, nothing sorted in
 * memory. Slow on a big table (the member index visits the claim and
 * settlement tables at random); tests/app/test_whatif.c checks the fast
 * path against it. */
#define Q_CLAIMS_ORDER " ORDER BY c.member_id, c.id, s.adm_date, s.id"
#define Q_COVS_ORDER " ORDER BY member_id, id"
static const char q_ref_members[] =
    "SELECT m.id, m.id_number, m.name, m.sex, m.birth_date, COALESCE(m.unit_id, 0), COALESCE(u.org_id, m.org_id, 0),"
    " COALESCE(u.credit_code, ''), COALESCE(u.name, ''), COALESCE(o.path, '')"
    " FROM member m LEFT JOIN unit u ON u.id = m.unit_id LEFT JOIN org o ON o.id = COALESCE(u.org_id, m.org_id)"
    " WHERE EXISTS (SELECT 1 FROM claim c WHERE c.member_id = m.id AND c.status <> 'rejected') AND" SCOPE_MEMBER
    " ORDER BY m.id";
static const char q_hist_flags[] =
    "SELECT member_id, id, kind, level, valid_from, valid_to FROM member_flag ORDER BY member_id, id";

/* A claim row (one per stay; one with setl = 0 for a claim without one). */
typedef struct {
    int64_t member, claim, setl;
    hz_fen selfpay, medfee, fund;
    hz_date event, adm, dscg;
    uint32_t diag_codes; /* offset into the text arena */
    int8_t accident, death, disability, refunded;
    char diagnosis[24], main_diag[24];
} hist_row;

typedef struct {
    int64_t member, id, plan_id;
    hz_date start, end;
    int32_t shares, months;
    char plan_code[8];
} hist_cov;

typedef struct {
    hist_row *rows;
    size_t n, cap;
    hist_cov *covs;
    size_t n_covs, cap_covs;
    char *text; /* NUL-separated diagnosis lists */
    size_t n_text, cap_text;
} hist_load;

#define GROWZ(arr, n, cap)                                                                                             \
    ((n) < (cap) || ((cap) = (cap) ? (cap) * 2 : 1024, (arr) = realloc((arr), sizeof *(arr) * (cap))) != NULL)

static int row_order(const void *a, const void *b) {
    const hist_row *x = a, *y = b;
    if (x->member != y->member) return x->member < y->member ? -1 : 1;
    if (x->claim != y->claim) return x->claim < y->claim ? -1 : 1;
    if (x->adm != y->adm) return x->adm < y->adm ? -1 : 1;
    return (x->setl > y->setl) - (x->setl < y->setl);
}

static int cov_order(const void *a, const void *b) {
    const hist_cov *x = a, *y = b;
    if (x->member != y->member) return x->member < y->member ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

static hz_err load_history(hz_db *db, bool reference, hist_load *L, hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, reference ? Q_CLAIMS Q_CLAIMS_ORDER : Q_CLAIMS, &st, e);
    if (rc) return rc;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        if (!GROWZ(L->rows, L->n, L->cap)) goto oom;
        hist_row *r = &L->rows[L->n++];
        r->member = hz_stmt_col_int(st, 0);
        r->claim = hz_stmt_col_int(st, 1);
        r->accident = hz_stmt_col_int(st, 2) != 0;
        r->death = hz_stmt_col_int(st, 3) != 0;
        r->disability = (int8_t)hz_stmt_col_int(st, 4);
        HZ_COPY(r->diagnosis, hz_stmt_col_text(st, 5));
        r->event = hz_row_date(st, 6);
        r->setl = hz_stmt_col_int(st, 7);
        r->adm = r->setl ? hz_row_date(st, 8) : HZ_DATE_NONE;
        r->dscg = r->setl ? hz_row_date(st, 9) : HZ_DATE_NONE;
        HZ_COPY(r->main_diag, hz_stmt_col_text(st, 10));
        const char *dc = hz_stmt_col_text(st, 11);
        size_t l = strlen(dc) + 1;
        while (L->n_text + l > L->cap_text) {
            size_t cap = L->cap_text ? L->cap_text * 2 : 65536;
            char *t = realloc(L->text, cap);
            if (!t) goto oom;
            L->text = t;
            L->cap_text = cap;
        }
        if (L->n_text + l > UINT32_MAX) goto oom;
        memcpy(L->text + L->n_text, dc, l);
        r->diag_codes = (uint32_t)L->n_text;
        L->n_text += l;
        r->selfpay = hz_stmt_col_int(st, 12);
        r->medfee = hz_stmt_col_int(st, 13);
        r->fund = hz_stmt_col_int(st, 14);
        r->refunded = hz_stmt_col_int(st, 15) != 0;
    }
    hz_stmt_reset(st);
    if (rc || (rc = hz_db_stmt(db, reference ? Q_COVS Q_COVS_ORDER : Q_COVS, &st, e))) return rc;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        if (!GROWZ(L->covs, L->n_covs, L->cap_covs)) goto oom;
        hist_cov *c = &L->covs[L->n_covs++];
        c->member = hz_stmt_col_int(st, 0);
        c->id = hz_stmt_col_int(st, 1);
        c->plan_id = hz_stmt_col_int(st, 2);
        HZ_COPY(c->plan_code, hz_stmt_col_text(st, 3));
        c->shares = (int32_t)hz_stmt_col_int(st, 4);
        c->start = hz_row_date(st, 5);
        c->end = hz_row_date(st, 6);
        c->months = (int32_t)hz_stmt_col_int(st, 7);
    }
    hz_stmt_reset(st);
    if (rc) return rc;
    if (reference) return HZ_OK; /* ordered by SQL */
    /* rows written member by member (coverages, often) are sorted already */
    bool sorted = true;
    for (size_t i = 1; sorted && i < L->n; i++) sorted = row_order(&L->rows[i - 1], &L->rows[i]) <= 0;
    if (!sorted) qsort(L->rows, L->n, sizeof *L->rows, row_order);
    sorted = true;
    for (size_t i = 1; sorted && i < L->n_covs; i++) sorted = cov_order(&L->covs[i - 1], &L->covs[i]) <= 0;
    if (!sorted) qsort(L->covs, L->n_covs, sizeof *L->covs, cov_order);
    return HZ_OK;
oom:
    hz_stmt_reset(st);
    return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
}

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

/* Skips rows of members before m. */
static hz_err seek(stream *s, int64_t m, hz_errinfo *e) {
    hz_err rc = HZ_OK;
    while (rc == HZ_OK && s->member < m) rc = advance(s, e);
    return rc;
}

#define GROW(arr, n, cap)                                                                                              \
    ((n) < (cap) || ((cap) = (cap) ? (cap) * 2 : 16, (arr) = realloc((arr), sizeof *(arr) * (size_t)(cap))) != NULL)

static hz_err history(hz_db *db, const hz_list_scope *sc, bool reference, hz_history_fn fn, void *ctx,
                      hz_errinfo *e) {
    stream mem = {0}, fl = {0};
    hist_load L = {0};
    hz_flag *flags = NULL;
    hz_coverage *covs = NULL;
    hz_hist_claim *claims = NULL;
    hz_settlement *stays = NULL;
    int cap_f = 0, cap_v = 0, cap_c = 0, cap_s = 0;
    size_t ir = 0, ic = 0; /* the next claim row and coverage of L */
    hz_err rc;
    if ((rc = load_history(db, reference, &L, e))) goto out;
    if ((rc = hz_db_stmt(db, reference ? q_ref_members : q_hist_members, &mem.st, e))) goto out;
    bind_scope(mem.st, sc);
    if ((rc = advance(&mem, e)) || (rc = hz_db_stmt(db, q_hist_flags, &fl.st, e)) || (rc = advance(&fl, e))) goto out;
    while (mem.member != INT64_MAX && ir < L.n) {
        while (ir < L.n && L.rows[ir].member < mem.member) ir++; /* out of scope, or not a member row */
        if (ir == L.n) break;
        if (L.rows[ir].member != mem.member) { /* no claim: the next member */
            if ((rc = advance(&mem, e))) goto out;
            continue;
        }
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
        if ((rc = seek(&fl, m->id, e))) goto out;
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
        if (rc) goto out;
        while (ic < L.n_covs && L.covs[ic].member < m->id) ic++;
        for (; ic < L.n_covs && L.covs[ic].member == m->id; ic++) {
            if (!GROW(covs, nv, cap_v)) goto oom;
            const hist_cov *x = &L.covs[ic];
            hz_coverage *c = &covs[nv++];
            memset(c, 0, sizeof *c);
            c->member_id = m->id;
            c->id = x->id;
            c->plan_id = x->plan_id;
            HZ_COPY(c->plan_code, x->plan_code);
            c->shares = x->shares;
            c->start = x->start;
            c->end = x->end;
            c->months = x->months;
            HZ_COPY(c->status, "active");
        }
        for (; ir < L.n && L.rows[ir].member == m->id; ir++) {
            const hist_row *x = &L.rows[ir];
            if (!nc || claims[nc - 1].claim_id != x->claim) {
                if (!GROW(claims, nc, cap_c)) goto oom;
                hz_hist_claim *c = &claims[nc++];
                memset(c, 0, sizeof *c);
                c->claim_id = x->claim;
                c->accident = x->accident;
                c->death = x->death;
                c->disability_grade = x->disability;
                HZ_COPY(c->diagnosis, x->diagnosis);
                c->event_date = x->event;
                c->first_stay = ns;
            }
            if (x->setl == 0) continue; /* a claim without a settlement */
            if (!GROW(stays, ns, cap_s)) goto oom;
            hz_settlement *s = &stays[ns++];
            memset(s, 0, sizeof *s);
            s->id = x->setl;
            s->member_id = m->id;
            s->adm_date = x->adm;
            s->dscg_date = x->dscg;
            HZ_COPY(s->main_diag_code, x->main_diag);
            HZ_COPY(s->diag_codes, L.text + x->diag_codes);
            s->psn_selfpay = x->selfpay;
            s->medfee_sumamt = x->medfee;
            s->fund_pay_sumamt = x->fund;
            s->refunded = x->refunded;
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
    if (mem.st) hz_stmt_reset(mem.st);
    if (fl.st) hz_stmt_reset(fl.st);
    free(L.rows);
    free(L.covs);
    free(L.text);
    free(flags);
    free(covs);
    free(claims);
    free(stays);
    return rc;
}

hz_err hz_store_claim_history(hz_db *db, const hz_list_scope *sc, hz_history_fn fn, void *ctx, hz_errinfo *e) {
    return history(db, sc, false, fn, ctx, e);
}

hz_err hz_store_claim_history_reference(hz_db *db, const hz_list_scope *sc, hz_history_fn fn, void *ctx,
                                        hz_errinfo *e) {
    return history(db, sc, true, fn, ctx, e);
}

/* summed in memory by plan code (SQL's GROUP BY sorted every row) */
static const char q_contrib_by_plan[] =
    "SELECT cv.plan_code, ct.amount FROM contribution ct JOIN coverage cv ON cv.id = ct.coverage_id"
    " JOIN member m ON m.id = cv.member_id LEFT JOIN unit u ON u.id = m.unit_id"
    " LEFT JOIN org o ON o.id = COALESCE(u.org_id, m.org_id) WHERE ct.paid_on BETWEEN ?4 AND ?5 AND" SCOPE_MEMBER;

/* the office's own (no scope): two tables, not five */
static const char q_contrib_by_plan_all[] =
    "SELECT cv.plan_code, ct.amount FROM contribution ct JOIN coverage cv ON cv.id = ct.coverage_id"
    " WHERE ct.paid_on BETWEEN ?1 AND ?2";

typedef struct {
    char code[8];
    hz_fen sum;
} plan_sum;

static int by_code(const void *a, const void *b) { return strcmp(((const plan_sum *)a)->code, ((const plan_sum *)b)->code); }

hz_err hz_store_contributions_by_plan(hz_db *db, const hz_list_scope *sc, hz_date from, hz_date to, hz_plan_sum_fn fn,
                                      void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    bool scoped = (sc->org_path && *sc->org_path) || sc->unit_id || sc->member_id;
    hz_err rc = hz_db_stmt(db, scoped ? q_contrib_by_plan : q_contrib_by_plan_all, &st, e);
    if (rc) return rc;
    if (scoped) bind_scope(st, sc);
    hz_bind_date(st, scoped ? 4 : 1, from);
    hz_bind_date(st, scoped ? 5 : 2, to);
    bool row;
    plan_sum sums[64];
    int n = 0, last = 0;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        const char *code = hz_stmt_col_text(st, 0);
        if (last >= n || strcmp(sums[last].code, code)) /* rows of one plan often come together */
            for (last = 0; last < n && strcmp(sums[last].code, code); last++) {}
        if (last == n) {
            if (n == (int)(sizeof sums / sizeof *sums)) {
                rc = hz_fail(e, HZ_EINTERNAL, "计划代码过多 (more than 64 plan codes)");
                break;
            }
            HZ_COPY(sums[n].code, code);
            sums[n++].sum = 0;
        }
        sums[last].sum += hz_stmt_col_int(st, 1);
    }
    hz_stmt_reset(st);
    if (rc) return rc;
    qsort(sums, (size_t)n, sizeof *sums, by_code);
    for (int i = 0; i < n; i++) fn(ctx, sums[i].code, sums[i].sum);
    return HZ_OK;
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
    "SELECT l.plan_code, substr(COALESCE(s.adm_date, c.event_date), 1, 7), substr(c.submitted_at, 1, 13), SUM(l.amount)"
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
    {
        char reported[8]; /* grouped by UTC hour, reported in the Beijing month */
        hz_beijing_month(hz_stmt_col_text(st, 2), reported);
        fn(ctx, hz_stmt_col_text(st, 0), hz_stmt_col_text(st, 1), reported, hz_stmt_col_int(st, 3));
    }
    hz_stmt_reset(st);
    return rc;
}

const hz_store_module hz_store_module_insight = {.name = "insight"};
