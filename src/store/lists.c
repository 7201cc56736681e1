/* SQL of the paginated, scoped lists. */
#include "store/lists.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/rows.h"

#define SCOPE_JOIN " LEFT JOIN unit u ON u.id = m.unit_id LEFT JOIN org o ON o.id = COALESCE(u.org_id, m.org_id)"
#define SCOPE_WHERE                                                                                                   \
    " (?1 = '' OR substr(o.path, 1, length(?1)) = ?1) AND (?2 = 0 OR m.unit_id = ?2) AND (?3 = 0 OR m.id = ?3)"

static void bind_scope(hz_stmt *st, const hz_list_scope *sc) {
    hz_stmt_text(st, 1, sc->org_path ? sc->org_path : "");
    hz_stmt_int(st, 2, sc->unit_id);
    hz_stmt_int(st, 3, sc->member_id);
}

/* "%text%" with LIKE's wildcards and the escape escaped, so a search is
 * literal; exact: the text itself, escaped. "" stays "" (no search). */
#define PATTERN_MAX 1024
static const char *like_pattern(const char *text, bool exact, char out[PATTERN_MAX]) {
    size_t n = 0;
    if (!text || !*text) return "";
    if (!exact) out[n++] = '%';
    for (const char *p = text; *p && n + 4 < PATTERN_MAX; p++) {
        if (*p == '%' || *p == '_' || *p == '\\') out[n++] = '\\';
        out[n++] = *p;
    }
    if (!exact) out[n++] = '%';
    out[n] = '\0';
    return out;
}

/* every row: LIMIT takes no -1 on PostgreSQL */
static int64_t limit_of(int64_t limit) { return limit < 0 ? INT64_MAX : limit; }

#define COVERAGE_OF "SELECT 1 FROM coverage v WHERE v.member_id = m.id AND v.status = 'active' AND (?8 = '' OR v.plan_code = ?8)"
#define COVERAGE_IN_FORCE COVERAGE_OF " AND v.start_date <= ?10 AND v.end_date >= ?10"
#define MEMBER_FILTER                                                                                                 \
    SCOPE_WHERE                                                                                                       \
    " AND ((?4 = '' AND ?5 = '') OR (?4 <> '' AND m.name LIKE ?4 ESCAPE '\\')"                                        \
    " OR (?5 <> '' AND m.id_number LIKE ?5 ESCAPE '\\')) AND (?6 = 0 OR m.unit_id = ?6)"                               \
    " AND (?7 = '' OR EXISTS (SELECT 1 FROM member_flag f WHERE f.member_id = m.id AND f.kind = ?7"                    \
    " AND f.valid_from <= ?10 AND f.valid_to >= ?10))"                                                                \
    " AND (?9 <> 0 OR ?8 = '' OR EXISTS (" COVERAGE_OF "))"                                                           \
    " AND (?9 <> 1 OR EXISTS (" COVERAGE_IN_FORCE "))"                                                                \
    " AND (?9 <> 2 OR (EXISTS (" COVERAGE_OF ") AND NOT EXISTS (" COVERAGE_IN_FORCE ")))"                             \
    " AND (?9 <> 3 OR NOT EXISTS (" COVERAGE_OF "))"
#define Q_MEMBERS(order)                                                                                              \
    "SELECT m.id, m.id_number, m.name, m.sex, m.birth_date, COALESCE(m.phone, ''), COALESCE(m.unit_id, 0),"          \
    " COALESCE(m.org_id, 0), COALESCE(m.bank_card, ''), COALESCE(m.bank_name, ''), COALESCE(u.credit_code, ''),"      \
    " COALESCE(u.name, ''), COALESCE(o.code, ''), COALESCE(o.path, '') FROM member m" SCOPE_JOIN                      \
    " WHERE" MEMBER_FILTER " ORDER BY " order " LIMIT ?11 OFFSET ?12"
/* one statement per sort key and direction: the statement cache keys on
 * the string, and a fixed ORDER BY lets the planner use an index */
static const char *const q_members[HZ_MEMBER_SORTS][2] = {
    {Q_MEMBERS("m.id"), Q_MEMBERS("m.id DESC")},
    {Q_MEMBERS("m.name, m.id"), Q_MEMBERS("m.name DESC, m.id DESC")},
    {Q_MEMBERS("m.id_number, m.id"), Q_MEMBERS("m.id_number DESC, m.id DESC")},
    {Q_MEMBERS("m.birth_date, m.id"), Q_MEMBERS("m.birth_date DESC, m.id DESC")},
    {Q_MEMBERS("COALESCE(u.name, o.name), m.id"), Q_MEMBERS("COALESCE(u.name, o.name) DESC, m.id DESC")},
};
static const char q_members_count[] = "SELECT count(*) FROM member m" SCOPE_JOIN " WHERE" MEMBER_FILTER;

static void bind_member_filter(hz_stmt *st, const hz_list_scope *sc, const hz_member_filter *f, char pat[2][PATTERN_MAX]) {
    bind_scope(st, sc);
    hz_stmt_text(st, 4, like_pattern(f->name, false, pat[0]));
    hz_stmt_text(st, 5, like_pattern(f->id_number, f->id_exact, pat[1]));
    hz_stmt_int(st, 6, f->unit_id);
    hz_stmt_text(st, 7, f->flag ? f->flag : "");
    hz_stmt_text(st, 8, f->plan ? f->plan : "");
    hz_stmt_int(st, 9, (int64_t)f->covered);
    hz_stmt_text(st, 10, f->today);
}

hz_err hz_store_members_page(hz_db *db, const hz_list_scope *sc, const hz_member_filter *f, int64_t offset,
                             int64_t limit, hz_member_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e) {
    if (f->sort < 0 || f->sort >= HZ_MEMBER_SORTS) return hz_fail(e, HZ_EINTERNAL, "members: sort %d", (int)f->sort);
    char pat[2][PATTERN_MAX];
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_members_count, &st, e);
    if (rc) return rc;
    bind_member_filter(st, sc, f, pat);
    if ((rc = hz_row_int(st, total, e)) || (rc = hz_db_stmt(db, q_members[f->sort][f->desc], &st, e))) return rc;
    bind_member_filter(st, sc, f, pat);
    hz_stmt_int(st, 11, limit_of(limit));
    hz_stmt_int(st, 12, offset);
    bool row;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        hz_member m;
        memset(&m, 0, sizeof m);
        m.id = hz_stmt_col_int(st, 0);
        HZ_COPY(m.id_number, hz_stmt_col_text(st, 1));
        HZ_COPY(m.name, hz_stmt_col_text(st, 2));
        m.sex = hz_stmt_col_text(st, 3)[0];
        m.birth = hz_row_date(st, 4);
        HZ_COPY(m.phone, hz_stmt_col_text(st, 5));
        m.unit_id = hz_stmt_col_int(st, 6);
        m.org_id = hz_stmt_col_int(st, 7);
        HZ_COPY(m.bank_card, hz_stmt_col_text(st, 8));
        HZ_COPY(m.bank_name, hz_stmt_col_text(st, 9));
        HZ_COPY(m.unit_code, hz_stmt_col_text(st, 10));
        HZ_COPY(m.unit_name, hz_stmt_col_text(st, 11));
        HZ_COPY(m.org_code, hz_stmt_col_text(st, 12));
        HZ_COPY(m.org_path, hz_stmt_col_text(st, 13));
        if ((rc = fn(ctx, &m, e))) break;
    }
    hz_stmt_reset(st);
    return rc;
}

static const char q_orgs[] = "SELECT id, code, name, COALESCE(parent_id, 0), kind, COALESCE(region, ''), path FROM org"
                             " WHERE substr(path, 1, length(?1)) = ?1 ORDER BY path LIMIT ?2 OFFSET ?3";
static const char q_orgs_count[] = "SELECT count(*) FROM org WHERE substr(path, 1, length(?1)) = ?1";

hz_err hz_store_orgs_page(hz_db *db, const char *path, int64_t offset, int64_t limit, hz_org_row_fn fn, void *ctx,
                          int64_t *total, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_orgs_count, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, path);
    if ((rc = hz_row_int(st, total, e)) || (rc = hz_db_stmt(db, q_orgs, &st, e))) return rc;
    hz_stmt_text(st, 1, path);
    hz_stmt_int(st, 2, limit);
    hz_stmt_int(st, 3, offset);
    bool row;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        hz_org o;
        memset(&o, 0, sizeof o);
        o.id = hz_stmt_col_int(st, 0);
        HZ_COPY(o.code, hz_stmt_col_text(st, 1));
        HZ_COPY(o.name, hz_stmt_col_text(st, 2));
        o.parent_id = hz_stmt_col_int(st, 3);
        HZ_COPY(o.kind, hz_stmt_col_text(st, 4));
        HZ_COPY(o.region, hz_stmt_col_text(st, 5));
        HZ_COPY(o.path, hz_stmt_col_text(st, 6));
        if ((rc = fn(ctx, &o, e))) break;
    }
    hz_stmt_reset(st);
    return rc;
}

#define UNIT_WHERE " WHERE (?1 = '' OR substr(o.path, 1, length(?1)) = ?1) AND (?2 = 0 OR u.id = ?2) AND ?3 = 0"
static const char q_units[] = "SELECT u.id, u.credit_code, u.name, u.org_id, o.code,"
                              " (SELECT count(*) FROM member m WHERE m.unit_id = u.id) FROM unit u"
                              " JOIN org o ON o.id = u.org_id" UNIT_WHERE " ORDER BY u.id LIMIT ?4 OFFSET ?5";
static const char q_units_count[] = "SELECT count(*) FROM unit u JOIN org o ON o.id = u.org_id" UNIT_WHERE;

hz_err hz_store_units_page(hz_db *db, const hz_list_scope *sc, int64_t offset, int64_t limit, hz_unit_row_fn fn,
                           void *ctx, int64_t *total, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_units_count, &st, e);
    if (rc) return rc;
    bind_scope(st, sc);
    if ((rc = hz_row_int(st, total, e)) || (rc = hz_db_stmt(db, q_units, &st, e))) return rc;
    bind_scope(st, sc);
    hz_stmt_int(st, 4, limit);
    hz_stmt_int(st, 5, offset);
    bool row;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        hz_unit u;
        memset(&u, 0, sizeof u);
        u.id = hz_stmt_col_int(st, 0);
        HZ_COPY(u.credit_code, hz_stmt_col_text(st, 1));
        HZ_COPY(u.name, hz_stmt_col_text(st, 2));
        u.org_id = hz_stmt_col_int(st, 3);
        HZ_COPY(u.org_code, hz_stmt_col_text(st, 4));
        if ((rc = fn(ctx, &u, hz_stmt_col_int(st, 5), e))) break;
    }
    hz_stmt_reset(st);
    return rc;
}

#define CLAIM_WHERE                                                                                                   \
    " WHERE" SCOPE_WHERE " AND ((?4 = '' AND ?5 = '' AND ?6 = '') OR (?4 <> '' AND m.name LIKE ?4 ESCAPE '\\')"       \
    " OR (?5 <> '' AND m.id_number LIKE ?5 ESCAPE '\\') OR (?6 <> '' AND c.claim_no LIKE ?6 ESCAPE '\\'))"           \
    " AND (?7 = '' OR " HZ_SQL_CLAIM_STATUS("c.") " = ?7)"                                                         \
    " AND (?8 = '' OR EXISTS (SELECT 1 FROM claim_line l WHERE l.claim_id = c.id AND l.plan_code = ?8))"              \
    " AND (?9 = 0 OR m.unit_id = ?9) AND (?10 = '' OR c.submitted_at >= ?10) AND (?11 = '' OR c.submitted_at < ?11)"  \
    " AND (?12 < 0 OR c.proactive = ?12)"
#define Q_CLAIMS(order)                                                                                               \
    "SELECT c.id, c.claim_no, " HZ_SQL_CLAIM_STATUS("c.") ", m.id_number, m.name, c.submitted_at,"                 \
    " COALESCE(c.documents_complete_at, ''),"                                                                         \
    " COALESCE(c.paid_at, ''), c.total, c.review_required, c.proactive, COALESCE(u.name, o.name, '')"                  \
    " FROM claim c JOIN member m ON m.id = c.member_id" SCOPE_JOIN CLAIM_WHERE " ORDER BY " order                      \
    " LIMIT ?13 OFFSET ?14"
#define STATUS_ORDER                                                                                                  \
    "CASE " HZ_SQL_CLAIM_STATUS("c.") " WHEN 'received' THEN 1 WHEN 'adjudicated' THEN 2 WHEN 'approved' THEN 3"   \
    " WHEN 'paid' THEN 4 WHEN 'closed' THEN 5 ELSE 6 END"
static const char *const q_claims[HZ_CLAIM_SORTS][2] = {
    {Q_CLAIMS("c.id"), Q_CLAIMS("c.id DESC")},
    {Q_CLAIMS("c.claim_no, c.id"), Q_CLAIMS("c.claim_no DESC, c.id DESC")},
    {Q_CLAIMS("m.name, c.id"), Q_CLAIMS("m.name DESC, c.id DESC")},
    {Q_CLAIMS(STATUS_ORDER ", c.id"), Q_CLAIMS(STATUS_ORDER " DESC, c.id DESC")},
    {Q_CLAIMS("c.total, c.id"), Q_CLAIMS("c.total DESC, c.id DESC")},
    {Q_CLAIMS("c.proactive, c.id"), Q_CLAIMS("c.proactive DESC, c.id DESC")},
    {Q_CLAIMS("c.submitted_at, c.id"), Q_CLAIMS("c.submitted_at DESC, c.id DESC")},
};
static const char q_claims_count[] =
    "SELECT count(*) FROM claim c JOIN member m ON m.id = c.member_id" SCOPE_JOIN CLAIM_WHERE;

static void bind_claim_filter(hz_stmt *st, const hz_list_scope *sc, const hz_claim_filter *f, char pat[3][PATTERN_MAX]) {
    bind_scope(st, sc);
    hz_stmt_text(st, 4, like_pattern(f->name, false, pat[0]));
    hz_stmt_text(st, 5, like_pattern(f->id_number, f->id_exact, pat[1]));
    hz_stmt_text(st, 6, like_pattern(f->claim_no, false, pat[2]));
    hz_stmt_text(st, 7, f->status ? f->status : "");
    hz_stmt_text(st, 8, f->plan ? f->plan : "");
    hz_stmt_int(st, 9, f->unit_id);
    hz_stmt_text(st, 10, f->from ? f->from : "");
    hz_stmt_text(st, 11, f->to ? f->to : "");
    hz_stmt_int(st, 12, f->proactive);
}

hz_err hz_store_claims_page(hz_db *db, const hz_list_scope *sc, const hz_claim_filter *f, int64_t offset,
                            int64_t limit, hz_claim_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e) {
    if (f->sort < 0 || f->sort >= HZ_CLAIM_SORTS) return hz_fail(e, HZ_EINTERNAL, "claims: sort %d", (int)f->sort);
    char pat[3][PATTERN_MAX];
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_claims_count, &st, e);
    if (rc) return rc;
    bind_claim_filter(st, sc, f, pat);
    if ((rc = hz_row_int(st, total, e)) || (rc = hz_db_stmt(db, q_claims[f->sort][f->desc], &st, e))) return rc;
    bind_claim_filter(st, sc, f, pat);
    hz_stmt_int(st, 13, limit_of(limit));
    hz_stmt_int(st, 14, offset);
    bool row;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        hz_claim_row c;
        memset(&c, 0, sizeof c);
        c.id = hz_stmt_col_int(st, 0);
        HZ_COPY(c.claim_no, hz_stmt_col_text(st, 1));
        HZ_COPY(c.status, hz_stmt_col_text(st, 2));
        HZ_COPY(c.id_number, hz_stmt_col_text(st, 3));
        HZ_COPY(c.name, hz_stmt_col_text(st, 4));
        HZ_COPY(c.submitted_at, hz_stmt_col_text(st, 5));
        HZ_COPY(c.documents_complete_at, hz_stmt_col_text(st, 6));
        HZ_COPY(c.paid_at, hz_stmt_col_text(st, 7));
        c.total = hz_stmt_col_int(st, 8);
        c.review_required = hz_stmt_col_int(st, 9) != 0;
        c.proactive = hz_stmt_col_int(st, 10) != 0;
        HZ_COPY(c.unit_name, hz_stmt_col_text(st, 11));
        if ((rc = fn(ctx, &c, e))) break;
    }
    hz_stmt_reset(st);
    return rc;
}

static void bind_rec_filter(hz_stmt *st, const hz_list_scope *sc, const hz_rec_filter *f, char pat[3][PATTERN_MAX]) {
    bind_scope(st, sc);
    hz_stmt_text(st, 4, like_pattern(f->name, f->name_exact, pat[0]));
    hz_stmt_text(st, 5, like_pattern(f->id_number, f->id_exact, pat[1]));
    hz_stmt_text(st, 6, like_pattern(f->no, false, pat[2]));
    hz_stmt_text(st, 7, f->status ? f->status : "");
    hz_stmt_int(st, 8, f->unit_id);
    hz_stmt_text(st, 9, f->from ? f->from : "");
    hz_stmt_text(st, 10, f->to ? f->to : "");
    hz_stmt_text(st, 11, f->text ? f->text : "");
    hz_stmt_int(st, 12, f->num);
    if (f->text2) hz_stmt_text(st, 15, f->text2);
}

hz_err hz_store_rec_page(hz_db *db, const char *count_sql, const char *page_sql, const hz_list_scope *sc,
                         const hz_rec_filter *f, int64_t offset, int64_t limit, hz_rec_read_fn fn, void *ctx,
                         int64_t *total, hz_errinfo *e) {
    char pat[3][PATTERN_MAX];
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, count_sql, &st, e);
    if (rc) return rc;
    bind_rec_filter(st, sc, f, pat);
    if (f->text2) hz_stmt_int(st, 13, INT64_MAX), hz_stmt_int(st, 14, 0); /* ?15 follows them: HZ_REC_COUNT */
    if ((rc = hz_row_int(st, total, e)) || (rc = hz_db_stmt(db, page_sql, &st, e))) return rc;
    bind_rec_filter(st, sc, f, pat);
    hz_stmt_int(st, 13, limit_of(limit));
    hz_stmt_int(st, 14, offset);
    bool row;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row)
        if ((rc = fn(ctx, st, e))) break;
    hz_stmt_reset(st);
    return rc;
}

/* The units list (issue 16): the unit's name and credit code searched (any
 * case: the texts come folded); status active (has members) or empty; unit:
 * that one; from / to on created_at; num: an org id, its subtree. A
 * member's scope sees none. */
#define UNIT_MEMBERS "(SELECT count(*) FROM member mm WHERE mm.unit_id = u.id)"
#define UNIT_LIST_FROM " FROM unit u JOIN org o ON o.id = u.org_id"
#define UNIT_LIST_WHERE                                                                                               \
    HZ_LIST_WHERE("(?1 = '' OR substr(o.path, 1, length(?1)) = ?1) AND (?2 = 0 OR u.id = ?2) AND ?3 = 0",            \
                  "lower(u.name)", "u.credit_code", "lower(u.credit_code)",                                           \
                  "(CASE WHEN EXISTS (SELECT 1 FROM member mm WHERE mm.unit_id = u.id) THEN 'active' ELSE 'empty' END)", \
                  "u.id = ?8", "u.created_at", "o.code = ?11",                                                        \
                  "substr(o.path, 1, length((SELECT op.path FROM org op WHERE op.id = ?12))) ="                       \
                  " (SELECT op.path FROM org op WHERE op.id = ?12)")
#define Q_UNIT_LIST(order)                                                                                            \
    "SELECT u.id, u.credit_code, u.name, u.org_id, o.code, " UNIT_MEMBERS ", o.name, u.created_at"                    \
    UNIT_LIST_FROM UNIT_LIST_WHERE " ORDER BY " order HZ_REC_PAGE
static const char *const q_unit_list[HZ_UNIT_SORTS][2] = {
    {Q_UNIT_LIST("u.id"), Q_UNIT_LIST("u.id DESC")},
    {Q_UNIT_LIST("u.credit_code, u.id"), Q_UNIT_LIST("u.credit_code DESC, u.id DESC")},
    {Q_UNIT_LIST("u.name, u.id"), Q_UNIT_LIST("u.name DESC, u.id DESC")},
    {Q_UNIT_LIST("o.path, u.id"), Q_UNIT_LIST("o.path DESC, u.id DESC")},
    {Q_UNIT_LIST(UNIT_MEMBERS ", u.id"), Q_UNIT_LIST(UNIT_MEMBERS " DESC, u.id DESC")},
    {Q_UNIT_LIST("u.created_at, u.id"), Q_UNIT_LIST("u.created_at DESC, u.id DESC")},
};
static const char q_unit_list_count[] = "SELECT count(*)" UNIT_LIST_FROM UNIT_LIST_WHERE;

static hz_err unit_list_row(void *vctx, hz_stmt *st, hz_errinfo *e) {
    const hz_rec_fn_ctx *c = vctx;
    hz_unit_item u;
    memset(&u, 0, sizeof u);
    u.unit.id = hz_stmt_col_int(st, 0);
    HZ_COPY(u.unit.credit_code, hz_stmt_col_text(st, 1));
    HZ_COPY(u.unit.name, hz_stmt_col_text(st, 2));
    u.unit.org_id = hz_stmt_col_int(st, 3);
    HZ_COPY(u.unit.org_code, hz_stmt_col_text(st, 4));
    u.members = hz_stmt_col_int(st, 5);
    HZ_COPY(u.org_name, hz_stmt_col_text(st, 6));
    HZ_COPY(u.created_at, hz_stmt_col_text(st, 7));
    return ((hz_unit_item_fn)c->fn)(c->ctx, &u, e);
}

hz_err hz_store_units_list(hz_db *db, const hz_list_scope *sc, const hz_rec_filter *f, int64_t offset, int64_t limit,
                           hz_unit_item_fn fn, void *ctx, int64_t *total, hz_errinfo *e) {
    if (f->sort < 0 || f->sort >= HZ_UNIT_SORTS) return hz_fail(e, HZ_EINTERNAL, "units: sort %d", f->sort);
    hz_rec_fn_ctx c = {(hz_rec_any_fn)fn, ctx};
    return hz_store_rec_page(db, q_unit_list_count, q_unit_list[f->sort][f->desc], sc, f, offset, limit,
                             unit_list_row, &c, total, e);
}

/* Units and members whose org is exactly each org under path (a member's
 * org: its unit's, else its own), by path. */
static const char q_org_counts[] =
    "SELECT o.path, COALESCE(uc.n, 0), COALESCE(mc.n, 0) FROM org o"
    " LEFT JOIN (SELECT org_id, count(*) AS n FROM unit GROUP BY org_id) uc ON uc.org_id = o.id"
    " LEFT JOIN (SELECT COALESCE(u.org_id, m.org_id) AS org_id, count(*) AS n FROM member m"
    "  LEFT JOIN unit u ON u.id = m.unit_id GROUP BY COALESCE(u.org_id, m.org_id)) mc ON mc.org_id = o.id"
    " WHERE substr(o.path, 1, length(?1)) = ?1 ORDER BY o.path";

hz_err hz_store_org_counts(hz_db *db, const char *path, hz_org_count_fn fn, void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_org_counts, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, path);
    bool row;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row)
        if ((rc = fn(ctx, hz_stmt_col_text(st, 0), hz_stmt_col_int(st, 1), hz_stmt_col_int(st, 2), e))) break;
    hz_stmt_reset(st);
    return rc;
}
