/* SQL of the relief programmes (store/relief.h) and the relief module's
 * migrations. */
#include "store/relief.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/rows.h"
#include "store/store.h"

#define PROG_COLS "id, code, kind, year, name, budget, COALESCE(published_at, ''), objection_until"
static const char q_prog_ins[] = "INSERT INTO relief_program (code, kind, year, name, budget, created_at, created_by)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id";
static const char q_prog_code[] = "SELECT " PROG_COLS " FROM relief_program WHERE code = ?";
static const char q_prog_id[] = "SELECT " PROG_COLS " FROM relief_program WHERE id = ?";
static const char q_prog_pub[] = "UPDATE relief_program SET published_at = ?, objection_until = ? WHERE id = ?";
static const char q_committed[] = "SELECT COALESCE(SUM(amount), 0) FROM relief_grant WHERE program_id = ?"
                                  " AND (status = 'approved' OR status = 'paid')";
static const char q_donated[] = "SELECT COALESCE(SUM(amount), 0) FROM donation WHERE program_id = ?";
static const char q_don_ins[] = "INSERT INTO donation (program_id, donor, amount, at, by_actor) VALUES (?, ?, ?, ?, ?)"
                                " RETURNING id";
#define GRANT_COLS                                                                                                     \
    "g.id, g.grant_no, g.program_id, p.code, g.member_id, m.id_number, m.name, g.status, g.amount,"                    \
    " COALESCE(g.burden, 0), COALESCE(g.student_name, ''), COALESCE(g.student_id_number, ''),"                         \
    " COALESCE(g.school, ''), COALESCE(g.level, ''), COALESCE(g.reason, ''), COALESCE(g.items, ''),"                   \
    " g.visit_date, COALESCE(g.reject_reason, ''), COALESCE(g.bank_failure, ''), g.created_at,"                        \
    " COALESCE(g.decided_at, ''), COALESCE(g.decided_by, ''), COALESCE(g.paid_at, '')"
#define GRANT_FROM                                                                                                     \
    " FROM relief_grant g JOIN relief_program p ON p.id = g.program_id JOIN member m ON m.id = g.member_id"
static const char q_grant_ins[] =
    "INSERT INTO relief_grant (grant_no, program_id, member_id, status, amount, burden, student_name,"
    " student_id_number, school, level, reason, items, visit_date, created_at, created_by)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
static const char q_grant_no[] = "UPDATE relief_grant SET grant_no = ? WHERE id = ?";
static const char q_grant_by_no[] = "SELECT " GRANT_COLS GRANT_FROM " WHERE g.grant_no = ?";
static const char q_grant_by_id[] = "SELECT " GRANT_COLS GRANT_FROM " WHERE g.id = ?";
static const char q_grant_upd[] = "UPDATE relief_grant SET status = ?, amount = ?, burden = ?, reject_reason = ?,"
                                  " bank_failure = ?, decided_at = ?, decided_by = ?, paid_at = ? WHERE id = ?";
static const char q_grant_member[] =
    "SELECT " GRANT_COLS GRANT_FROM " WHERE g.program_id = ? AND g.member_id = ? AND g.status <> 'rejected'";
static const char q_grant_member_any[] =
    "SELECT " GRANT_COLS GRANT_FROM " WHERE g.program_id = ? AND g.member_id = ? ORDER BY CASE WHEN g.status ="
    " 'rejected' THEN 1 ELSE 0 END, g.id DESC LIMIT 1";
static const char q_grant_open[] =
    "SELECT " GRANT_COLS GRANT_FROM " WHERE g.program_id = ? AND g.status <> 'rejected' ORDER BY g.id LIMIT 1";
static const char q_grant_student[] = "SELECT grant_no FROM relief_grant WHERE program_id = ? AND"
                                      " student_id_number = ? AND status <> 'rejected'";
static const char q_grants[] = "SELECT " GRANT_COLS GRANT_FROM " WHERE (?1 = 0 OR g.program_id = ?1) AND"
                               " (?2 = '' OR g.status = ?2) AND (?3 = 0 OR g.member_id = ?3) ORDER BY g.id";
#define SUM_GRANTS(cond) "(SELECT COALESCE(SUM(g.amount), 0) FROM relief_grant g WHERE g.program_id = p.id AND " cond ")"
#define COUNT_GRANTS(st) "(SELECT COUNT(*) FROM relief_grant g WHERE g.program_id = p.id AND g.status = '" st "')"
static const char q_programs[] =
    "SELECT " PROG_COLS ", " SUM_GRANTS("(g.status = 'approved' OR g.status = 'paid')") ", "
    SUM_GRANTS("g.status = 'paid'") ", (SELECT COALESCE(SUM(dn.amount), 0) FROM donation dn WHERE dn.program_id = p.id), "
    COUNT_GRANTS("proposed") ", " COUNT_GRANTS("applied") ", " COUNT_GRANTS("approved") ", " COUNT_GRANTS("rejected")
    ", " COUNT_GRANTS("paid") " FROM relief_program p WHERE (?1 = '' OR p.kind = ?1) ORDER BY p.year DESC, p.id";
#define YEAR_SETL(s) " AND " s ".refunded = 0 AND " s ".med_type = '21' AND substr(" s ".adm_date, 1, 4) = ?1"
static const char q_burdens[] =
    "SELECT id, burden FROM (SELECT m.id AS id,"
    " (SELECT COALESCE(SUM(s.psn_selfpay), 0) FROM settlement s WHERE s.member_id = m.id" YEAR_SETL(
        "s") ")"
             " - (SELECT COALESCE(SUM(l.amount), 0) FROM claim_line l JOIN claim c ON c.id = l.claim_id JOIN "
             "settlement s"
             "    ON s.id = l.settlement_id WHERE s.member_id = m.id AND c.status <> 'rejected'" YEAR_SETL(
                 "s") ")"
                      " - (SELECT COALESCE(SUM(x.amount), 0) FROM lm_subsidy x JOIN settlement s ON s.id = "
                      "x.settlement_id"
                      "    WHERE s.member_id = m.id AND x.status <> 'rejected'" YEAR_SETL(
                          "s") ") AS burden"
                               " FROM member m WHERE EXISTS (SELECT 1 FROM coverage c WHERE c.member_id = m.id AND "
                               "c.status = 'active'"
                               "  AND c.start_date <= ?1 || '-12-31' AND c.end_date >= ?1 || '-01-01')) q WHERE burden "
                               ">= ?2 ORDER BY id";

static void read_prog(hz_stmt *st, hz_relief_program *p) {
    memset(p, 0, sizeof *p);
    p->id = hz_stmt_col_int(st, 0);
    HZ_COPY(p->code, hz_stmt_col_text(st, 1));
    HZ_COPY(p->kind, hz_stmt_col_text(st, 2));
    p->year = (int)hz_stmt_col_int(st, 3);
    HZ_COPY(p->name, hz_stmt_col_text(st, 4));
    p->budget = hz_stmt_col_int(st, 5);
    HZ_COPY(p->published_at, hz_stmt_col_text(st, 6));
    p->objection_until = hz_row_date(st, 7);
}

hz_err hz_store_relief_program_insert(hz_db *db, hz_relief_program *p, const char *now, const char *by, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_prog_ins, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, p->code);
    hz_stmt_text(st, 2, p->kind);
    hz_stmt_int(st, 3, p->year);
    hz_stmt_text(st, 4, p->name);
    hz_stmt_int(st, 5, p->budget);
    hz_stmt_text(st, 6, now);
    hz_stmt_text(st, 7, by);
    return hz_row_insert_id(st, &p->id, e);
}

static hz_err prog_by(hz_db *db, const char *sql, const char *code, int64_t id, hz_relief_program *out, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, sql, &st, e);
    if (rc) return rc;
    if (code)
        hz_stmt_text(st, 1, code);
    else
        hz_stmt_int(st, 1, id);
    char what[96];
    snprintf(what, sizeof what, "救助项目 %s 不存在 (no such programme)", code ? code : "");
    if ((rc = hz_row_one(st, what, e))) return rc;
    read_prog(st, out);
    hz_stmt_reset(st);
    return HZ_OK;
}

hz_err hz_store_relief_program_by_code(hz_db *db, const char *code, hz_relief_program *out, hz_errinfo *e) {
    return prog_by(db, q_prog_code, code, 0, out, e);
}

hz_err hz_store_relief_program_by_id(hz_db *db, int64_t id, hz_relief_program *out, hz_errinfo *e) {
    return prog_by(db, q_prog_id, NULL, id, out, e);
}

hz_err hz_store_relief_program_publish(hz_db *db, int64_t id, const char *now, hz_date until, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_prog_pub, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, now);
    hz_bind_date(st, 2, until);
    hz_stmt_int(st, 3, id);
    return hz_stmt_run(st, e);
}

static hz_err sum_of(hz_db *db, const char *sql, int64_t id, hz_fen *out, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, sql, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, id);
    return hz_row_int(st, out, e);
}

hz_err hz_store_relief_committed(hz_db *db, int64_t program_id, hz_fen *out, hz_errinfo *e) {
    return sum_of(db, q_committed, program_id, out, e);
}

hz_err hz_store_relief_donated(hz_db *db, int64_t program_id, hz_fen *out, hz_errinfo *e) {
    return sum_of(db, q_donated, program_id, out, e);
}

hz_err hz_store_relief_donation_insert(hz_db *db, int64_t program_id, const char *donor, hz_fen amount, const char *now,
                                       const char *by, int64_t *id, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_don_ins, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, program_id);
    hz_stmt_text(st, 2, donor);
    hz_stmt_int(st, 3, amount);
    hz_stmt_text(st, 4, now);
    hz_stmt_text(st, 5, by);
    return hz_row_insert_id(st, id, e);
}

hz_err hz_store_relief_grant_insert(hz_db *db, hz_relief_grant *g, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_grant_ins, &st, e);
    if (rc) return rc;
    char tmp[48];
    snprintf(tmp, sizeof tmp, "TMP-%s-%lld", g->created_at, (long long)g->member_id);
    hz_stmt_text(st, 1, tmp);
    hz_stmt_int(st, 2, g->program_id);
    hz_stmt_int(st, 3, g->member_id);
    hz_stmt_text(st, 4, g->status);
    hz_stmt_int(st, 5, g->amount);
    hz_stmt_int(st, 6, g->burden);
    hz_bind_opt_text(st, 7, g->student_name);
    hz_bind_opt_text(st, 8, g->student_id_number);
    hz_bind_opt_text(st, 9, g->school);
    hz_bind_opt_text(st, 10, g->level);
    hz_bind_opt_text(st, 11, g->reason);
    hz_bind_opt_text(st, 12, g->items);
    hz_bind_date(st, 13, g->visit_date);
    hz_stmt_text(st, 14, g->created_at);
    hz_stmt_text(st, 15, g->decided_by); /* the creator, until decided */
    if ((rc = hz_row_insert_id(st, &g->id, e))) return rc;
    snprintf(g->grant_no, sizeof g->grant_no, "JZ%.4s%08lld", g->created_at, (long long)g->id);
    if ((rc = hz_db_stmt(db, q_grant_no, &st, e))) return rc;
    hz_stmt_text(st, 1, g->grant_no);
    hz_stmt_int(st, 2, g->id);
    return hz_stmt_run(st, e);
}

static void read_grant(hz_stmt *st, hz_relief_grant *g) {
    memset(g, 0, sizeof *g);
    g->id = hz_stmt_col_int(st, 0);
    HZ_COPY(g->grant_no, hz_stmt_col_text(st, 1));
    g->program_id = hz_stmt_col_int(st, 2);
    HZ_COPY(g->program_code, hz_stmt_col_text(st, 3));
    g->member_id = hz_stmt_col_int(st, 4);
    HZ_COPY(g->id_number, hz_stmt_col_text(st, 5));
    HZ_COPY(g->name, hz_stmt_col_text(st, 6));
    HZ_COPY(g->status, hz_stmt_col_text(st, 7));
    g->amount = hz_stmt_col_int(st, 8);
    g->burden = hz_stmt_col_int(st, 9);
    HZ_COPY(g->student_name, hz_stmt_col_text(st, 10));
    HZ_COPY(g->student_id_number, hz_stmt_col_text(st, 11));
    HZ_COPY(g->school, hz_stmt_col_text(st, 12));
    HZ_COPY(g->level, hz_stmt_col_text(st, 13));
    HZ_COPY(g->reason, hz_stmt_col_text(st, 14));
    HZ_COPY(g->items, hz_stmt_col_text(st, 15));
    g->visit_date = hz_row_date(st, 16);
    HZ_COPY(g->reject_reason, hz_stmt_col_text(st, 17));
    HZ_COPY(g->bank_failure, hz_stmt_col_text(st, 18));
    HZ_COPY(g->created_at, hz_stmt_col_text(st, 19));
    HZ_COPY(g->decided_at, hz_stmt_col_text(st, 20));
    HZ_COPY(g->decided_by, hz_stmt_col_text(st, 21));
    HZ_COPY(g->paid_at, hz_stmt_col_text(st, 22));
}

static hz_err grant_by(hz_db *db, const char *sql, const char *no, int64_t a, int64_t b, bool must,
                       hz_relief_grant *out, hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, sql, &st, e);
    if (rc) return rc;
    if (no)
        hz_stmt_text(st, 1, no);
    else {
        hz_stmt_int(st, 1, a);
        if (b) hz_stmt_int(st, 2, b);
    }
    if ((rc = hz_stmt_step(st, &row, e))) return rc;
    if (row)
        read_grant(st, out);
    else
        memset(out, 0, sizeof *out);
    hz_stmt_reset(st);
    if (!row && must) return hz_fail(e, HZ_ENOTFOUND, "救助 %s 不存在 (no such grant)", no ? no : "");
    return HZ_OK;
}

hz_err hz_store_relief_grant_by_no(hz_db *db, const char *no, hz_relief_grant *out, hz_errinfo *e) {
    return grant_by(db, q_grant_by_no, no, 0, 0, true, out, e);
}

hz_err hz_store_relief_grant_by_id(hz_db *db, int64_t id, hz_relief_grant *out, hz_errinfo *e) {
    return grant_by(db, q_grant_by_id, NULL, id, 0, true, out, e);
}

hz_err hz_store_relief_grant_of_member(hz_db *db, int64_t program_id, int64_t member_id, hz_relief_grant *out,
                                       hz_errinfo *e) {
    return grant_by(db, q_grant_member, NULL, program_id, member_id, false, out, e);
}

hz_err hz_store_relief_grant_of_member_any(hz_db *db, int64_t program_id, int64_t member_id, hz_relief_grant *out,
                                           hz_errinfo *e) {
    return grant_by(db, q_grant_member_any, NULL, program_id, member_id, false, out, e);
}

hz_err hz_store_relief_open_grant(hz_db *db, int64_t program_id, hz_relief_grant *out, hz_errinfo *e) {
    return grant_by(db, q_grant_open, NULL, program_id, 0, false, out, e);
}

hz_err hz_store_relief_grant_update(hz_db *db, const hz_relief_grant *g, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_grant_upd, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, g->status);
    hz_stmt_int(st, 2, g->amount);
    hz_stmt_int(st, 3, g->burden);
    hz_bind_opt_text(st, 4, g->reject_reason);
    hz_bind_opt_text(st, 5, g->bank_failure);
    hz_bind_opt_text(st, 6, g->decided_at);
    hz_bind_opt_text(st, 7, g->decided_by);
    hz_bind_opt_text(st, 8, g->paid_at);
    hz_stmt_int(st, 9, g->id);
    return hz_stmt_run(st, e);
}

hz_err hz_store_relief_grant_of_student(hz_db *db, int64_t program_id, const char *student_id, char no[24],
                                        hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_grant_student, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, program_id);
    hz_stmt_text(st, 2, student_id);
    if ((rc = hz_stmt_step(st, &row, e))) return rc;
    hz_strlcpy(no, row ? hz_stmt_col_text(st, 0) : "", 24);
    hz_stmt_reset(st);
    return HZ_OK;
}

static hz_err grants(hz_db *db, int64_t program_id, const char *status, int64_t member_id, hz_relief_grant_fn fn,
                     void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_grants, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, program_id);
    hz_stmt_text(st, 2, status ? status : "");
    hz_stmt_int(st, 3, member_id);
    /* collect first: fn may write */
    hz_relief_grant *rows = NULL;
    size_t n = 0, cap = 0;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            hz_relief_grant *g = realloc(rows, cap * sizeof *rows);
            if (!g) {
                rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
                break;
            }
            rows = g;
        }
        read_grant(st, &rows[n++]);
    }
    hz_stmt_reset(st);
    for (size_t i = 0; rc == HZ_OK && i < n; i++)
        rc = fn(ctx, &rows[i], e);
    free(rows);
    return rc;
}

/* The grants list (issue 16): num the programme. */
#define GRANT_WHERE HZ_REC_WHERE("g.grant_no", "g.status", "g.created_at", "''", "g.program_id")
#define Q_GRANT_PAGE(order)                                                                                           \
    "SELECT " GRANT_COLS ", COALESCE(u.name, o.name, '')" GRANT_FROM HZ_REC_JOIN GRANT_WHERE " ORDER BY " order       \
    HZ_REC_PAGE
#define GRANT_STATUS_ORDER                                                                                            \
    "CASE g.status WHEN 'proposed' THEN 1 WHEN 'applied' THEN 2 WHEN 'approved' THEN 3 WHEN 'paid' THEN 4 ELSE 5 END"
static const char *const q_grant_page[HZ_GRANT_SORTS][2] = {
    {Q_GRANT_PAGE("g.id"), Q_GRANT_PAGE("g.id DESC")},
    {Q_GRANT_PAGE("g.grant_no, g.id"), Q_GRANT_PAGE("g.grant_no DESC, g.id DESC")},
    {Q_GRANT_PAGE("m.name, g.id"), Q_GRANT_PAGE("m.name DESC, g.id DESC")},
    {Q_GRANT_PAGE(GRANT_STATUS_ORDER ", g.id"), Q_GRANT_PAGE(GRANT_STATUS_ORDER " DESC, g.id DESC")},
    {Q_GRANT_PAGE("g.amount, g.id"), Q_GRANT_PAGE("g.amount DESC, g.id DESC")},
    {Q_GRANT_PAGE("g.created_at, g.id"), Q_GRANT_PAGE("g.created_at DESC, g.id DESC")},
};
static const char q_grant_count[] = "SELECT count(*)" GRANT_FROM HZ_REC_JOIN GRANT_WHERE;

static hz_err grant_row(void *vctx, hz_stmt *st, hz_errinfo *e) {
    const hz_rec_fn_ctx *c = vctx;
    hz_relief_grant g;
    read_grant(st, &g);
    return ((hz_relief_grant_row_fn)c->fn)(c->ctx, &g, hz_stmt_col_text(st, 23), e);
}

hz_err hz_store_relief_grants_page(hz_db *db, const hz_list_scope *sc, const hz_rec_filter *f, int64_t offset,
                                   int64_t limit, hz_relief_grant_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e) {
    if (f->sort < 0 || f->sort >= HZ_GRANT_SORTS) return hz_fail(e, HZ_EINTERNAL, "grants: sort %d", f->sort);
    hz_rec_fn_ctx c = {(hz_rec_any_fn)fn, ctx};
    return hz_store_rec_page(db, q_grant_count, q_grant_page[f->sort][f->desc], sc, f, offset, limit, grant_row, &c,
                             total, e);
}

hz_err hz_store_relief_grants(hz_db *db, int64_t program_id, const char *status, hz_relief_grant_fn fn, void *ctx,
                              hz_errinfo *e) {
    return grants(db, program_id, status, 0, fn, ctx, e);
}

hz_err hz_store_relief_grants_of_member(hz_db *db, int64_t member_id, hz_relief_grant_fn fn, void *ctx,
                                        hz_errinfo *e) {
    return grants(db, 0, "", member_id, fn, ctx, e);
}

hz_err hz_store_relief_programs(hz_db *db, const char *kind, hz_relief_program_fn fn, void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_programs, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, kind ? kind : "");
    /* collect first: fn may query */
    hz_relief_program_totals *rows = NULL;
    size_t n = 0, cap = 0;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            hz_relief_program_totals *t = realloc(rows, cap * sizeof *rows);
            if (!t) {
                rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
                break;
            }
            rows = t;
        }
        hz_relief_program_totals *t = &rows[n++];
        memset(t, 0, sizeof *t);
        read_prog(st, &t->program);
        t->committed = hz_stmt_col_int(st, 8);
        t->paid = hz_stmt_col_int(st, 9);
        t->donated = hz_stmt_col_int(st, 10);
        for (int i = 0; i < 5; i++) t->count[i] = hz_stmt_col_int(st, 11 + i);
    }
    hz_stmt_reset(st);
    for (size_t i = 0; rc == HZ_OK && i < n; i++) rc = fn(ctx, &rows[i], e);
    free(rows);
    return rc;
}

hz_err hz_store_relief_burdens(hz_db *db, int year, hz_fen min, hz_relief_burden **out, size_t *n, hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    *out = NULL;
    *n = 0;
    hz_err rc = hz_db_stmt(db, q_burdens, &st, e);
    if (rc) return rc;
    char y[8];
    snprintf(y, sizeof y, "%04d", year);
    hz_stmt_text(st, 1, y);
    hz_stmt_int(st, 2, min);
    size_t cap = 0;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            hz_relief_burden *g = realloc(*out, cap * sizeof **out);
            if (!g) {
                rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
                break;
            }
            *out = g;
        }
        (*out)[*n].member_id = hz_stmt_col_int(st, 0);
        (*out)[*n].burden = hz_stmt_col_int(st, 1);
        (*n)++;
    }
    hz_stmt_reset(st);
    if (rc) {
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

#define AID_SCOPE(col)                                                                                                 \
    " (?1 = '' AND ?2 = 0 AND ?3 = 0 OR " col " IN (SELECT m.id FROM member m LEFT JOIN unit u ON u.id = m.unit_id"    \
    " LEFT JOIN org o ON o.id = COALESCE(u.org_id, m.org_id) WHERE (?1 = '' OR substr(o.path, 1, length(?1)) = ?1)"    \
    " AND (?2 = 0 OR m.unit_id = ?2) AND (?3 = 0 OR m.id = ?3)))"
#define DISTRICT_OF(member)                                                                                            \
    "COALESCE((SELECT d.name FROM member dm LEFT JOIN unit du ON du.id = dm.unit_id JOIN org mo ON mo.id ="            \
    " COALESCE(du.org_id, dm.org_id) JOIN org d ON d.kind = 'district' AND substr(mo.path, 1, length(d.path)) ="       \
    " d.path WHERE dm.id = " member " ORDER BY length(d.path) DESC LIMIT 1), '')"
static const char q_aid_totals[] =
    "SELECT program, kind, year, district, COUNT(*), SUM(amount), SUM(paid) FROM ("
    " SELECT 'LM' AS program, 'lm' AS kind, l.year AS year, " DISTRICT_OF(
        "l.member_id") " AS district, l.amount AS amount,"
                       "  CASE WHEN l.status = 'paid' THEN l.amount ELSE 0 END AS paid FROM lm_subsidy l"
                       "  WHERE (l.status = 'approved' OR l.status = 'paid') AND" AID_SCOPE(
                           "l.member_id") " UNION ALL"
                                          " SELECT p.code, p.kind, p.year, " DISTRICT_OF(
                                              "g.member_id") ", g.amount,"
                                                             "  CASE WHEN g.status = 'paid' THEN g.amount ELSE 0 END "
                                                             "FROM relief_grant g JOIN relief_program p ON p.id ="
                                                             "  g.program_id WHERE (g.status = 'approved' OR g.status "
                                                             "= 'paid') AND" AID_SCOPE(
                                                                 "g.member_id") ") t GROUP BY program, kind, year, "
                                                                                "district ORDER BY year, program, "
                                                                                "district";

hz_err hz_store_aid_totals(hz_db *db, const hz_list_scope *sc, hz_aid_total_fn fn, void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_aid_totals, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, sc->org_path ? sc->org_path : "");
    hz_stmt_int(st, 2, sc->unit_id);
    hz_stmt_int(st, 3, sc->member_id);
    hz_aid_total t;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        memset(&t, 0, sizeof t);
        HZ_COPY(t.program, hz_stmt_col_text(st, 0));
        HZ_COPY(t.kind, hz_stmt_col_text(st, 1));
        t.year = (int)hz_stmt_col_int(st, 2);
        HZ_COPY(t.district, hz_stmt_col_text(st, 3));
        t.grants = hz_stmt_col_int(st, 4);
        t.committed = hz_stmt_col_int(st, 5);
        t.paid = hz_stmt_col_int(st, 6);
        if ((rc = fn(ctx, &t, e))) break;
    }
    hz_stmt_reset(st);
    return rc;
}

static const char *const relief_migrations[] = {
    /* 1: programmes, grants and donations (plans.md "Relief programmes") */
    "CREATE TABLE relief_program ("
    " id ID_PK,"
    " code TEXT NOT NULL UNIQUE,"
    " kind TEXT NOT NULL CHECK (kind = 'second_round' OR kind = 'student_aid' OR kind = 'visit'"
    "  OR kind = 'donation' OR kind = 'education'),"
    " year BIGINT NOT NULL,"
    " name TEXT NOT NULL,"
    " budget BIGINT NOT NULL CHECK (budget >= 0),"
    " published_at TEXT,"
    " objection_until TEXT,"
    " created_at TEXT NOT NULL,"
    " created_by TEXT NOT NULL) /*STRICT*/;"
    "CREATE TABLE relief_grant ("
    " id ID_PK,"
    " grant_no TEXT NOT NULL UNIQUE,"
    " program_id BIGINT NOT NULL REFERENCES relief_program(id),"
    " member_id BIGINT NOT NULL REFERENCES member(id),"
    " status TEXT NOT NULL CHECK (status = 'proposed' OR status = 'applied' OR status = 'approved'"
    "  OR status = 'rejected' OR status = 'paid'),"
    " amount BIGINT NOT NULL CHECK (amount >= 0),"
    " burden BIGINT,"
    " student_name TEXT,"
    " student_id_number TEXT,"
    " school TEXT,"
    " level TEXT,"
    " reason TEXT,"
    " items TEXT,"
    " visit_date TEXT,"
    " reject_reason TEXT,"
    " bank_failure TEXT,"
    " created_at TEXT NOT NULL,"
    " created_by TEXT NOT NULL,"
    " decided_at TEXT,"
    " decided_by TEXT,"
    " paid_at TEXT) /*STRICT*/;"
    "CREATE INDEX relief_grant_program ON relief_grant(program_id, member_id);"
    "CREATE UNIQUE INDEX relief_grant_student ON relief_grant(program_id, student_id_number)"
    " WHERE student_id_number IS NOT NULL AND status <> 'rejected';"
    "CREATE TABLE donation ("
    " id ID_PK,"
    " program_id BIGINT NOT NULL REFERENCES relief_program(id),"
    " donor TEXT NOT NULL,"
    " amount BIGINT NOT NULL CHECK (amount > 0),"
    " at TEXT NOT NULL,"
    " by_actor TEXT NOT NULL) /*STRICT*/;",
    /* 2: the goods a visit programme hands out, counted in whole items; the
     * database itself refuses issuing more than was received */
    "CREATE TABLE relief_goods ("
    " program_id BIGINT NOT NULL REFERENCES relief_program(id),"
    " item TEXT NOT NULL,"
    " received BIGINT NOT NULL CHECK (received >= 0),"
    " issued BIGINT NOT NULL CHECK (issued >= 0 AND issued <= received),"
    " PRIMARY KEY (program_id, item)) /*STRICT*/;",
    /* 3: a programme's donations (issue 19: each programme's sum scanned
     * every donation of every programme) */
    "CREATE INDEX donation_program ON donation(program_id);",
};

/* The grants' part of `huzhu check` (store/check.h). */
#define POSTED "(t.phase = 'posted' OR t.phase = 'post')"
static const hz_store_check relief_checks[] = {
    /* a relief grant's payable was granted its amount once approved */
    {"relief.amount=payable_grants",
     "SELECT 'relief:' || g.grant_no, COALESCE((SELECT SUM(CASE WHEN t.credit_id = a.id THEN t.amount ELSE"
     " -t.amount END) FROM transfer t WHERE t.cause = 'relief:' || g.id AND (t.credit_id = a.id OR t.debit_id = a.id)"
     " AND " POSTED "), 0), CASE WHEN g.status = 'approved' OR g.status = 'paid' THEN g.amount ELSE 0 END"
     " FROM relief_grant g JOIN payable p ON p.source = 'relief' AND p.source_id = g.id JOIN account a ON a.code ="
     " 'payable:' || p.payable_no WHERE COALESCE((SELECT SUM(CASE WHEN t.credit_id = a.id THEN t.amount ELSE"
     " -t.amount END) FROM transfer t WHERE t.cause = 'relief:' || g.id AND (t.credit_id = a.id OR t.debit_id = a.id)"
     " AND " POSTED "), 0) <> CASE WHEN g.status = 'approved' OR g.status = 'paid' THEN g.amount ELSE 0 END"
     " ORDER BY g.id LIMIT 1"},
    /* a programme's account: granted (debits) less donated (credits) */
    {"budget:relief=granted-donated",
     "SELECT a.code, a.debits_posted - a.credits_posted, (SELECT COALESCE(SUM(g.amount), 0) FROM relief_grant g"
     " WHERE g.program_id = p.id AND (g.status = 'approved' OR g.status = 'paid')) - (SELECT COALESCE(SUM(dn.amount), 0)"
     " FROM donation dn WHERE dn.program_id = p.id) FROM relief_program p JOIN account a ON a.code = 'budget:relief:'"
     " || p.code WHERE a.debits_posted - a.credits_posted <> (SELECT COALESCE(SUM(g.amount), 0) FROM relief_grant g"
     " WHERE g.program_id = p.id AND (g.status = 'approved' OR g.status = 'paid')) - (SELECT COALESCE(SUM(dn.amount), 0)"
     " FROM donation dn WHERE dn.program_id = p.id) ORDER BY p.id LIMIT 1"},
    {"relief.committed<=budget",
     "SELECT 'relief_program:' || p.code, (SELECT COALESCE(SUM(g.amount), 0) FROM relief_grant g WHERE g.program_id"
     " = p.id AND (g.status = 'approved' OR g.status = 'paid')), CASE WHEN p.kind = 'donation' THEN (SELECT"
     " COALESCE(SUM(dn.amount), 0) FROM donation dn WHERE dn.program_id = p.id) ELSE p.budget END FROM relief_program p"
     " WHERE (SELECT COALESCE(SUM(g.amount), 0) FROM relief_grant g WHERE g.program_id = p.id AND (g.status ="
     " 'approved' OR g.status = 'paid')) > CASE WHEN p.kind = 'donation' THEN (SELECT COALESCE(SUM(dn.amount), 0)"
     " FROM donation dn WHERE dn.program_id = p.id) ELSE p.budget END ORDER BY p.id LIMIT 1"},
};
#undef POSTED

const hz_store_module hz_store_module_relief = {
    .name = "relief",
    .migrations = relief_migrations,
    .n_migrations = HZ_COUNT(relief_migrations),
    .checks = relief_checks,
    .n_checks = HZ_COUNT(relief_checks),
    .bank_inflow = "(SELECT COALESCE(SUM(amount), 0) FROM donation)",
};
