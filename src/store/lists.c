/* SQL of the paginated, scoped lists. */
#include "store/lists.h"

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

#define MEMBER_FILTER                                                                                                 \
    SCOPE_WHERE " AND (?4 = '' OR m.name LIKE ?4 || '%') AND (?6 = '' OR m.id_number LIKE ?6) AND (?5 = 0 OR m.unit_id = ?5)"
static const char q_members[] =
    "SELECT m.id, m.id_number, m.name, m.sex, m.birth_date, COALESCE(m.phone, ''), COALESCE(m.unit_id, 0),"
    " COALESCE(m.org_id, 0), COALESCE(m.bank_card, ''), COALESCE(m.bank_name, ''), COALESCE(u.credit_code, ''),"
    " COALESCE(u.name, ''), COALESCE(o.code, ''), COALESCE(o.path, '') FROM member m" SCOPE_JOIN
    " WHERE" MEMBER_FILTER " ORDER BY m.id LIMIT ?7 OFFSET ?8";
static const char q_members_count[] = "SELECT count(*) FROM member m" SCOPE_JOIN " WHERE" MEMBER_FILTER;

hz_err hz_store_members_page(hz_db *db, const hz_list_scope *sc, const char *q, const char *id_like, int64_t unit_id, int64_t offset,
                             int64_t limit, hz_member_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_members_count, &st, e);
    if (rc) return rc;
    bind_scope(st, sc);
    hz_stmt_text(st, 4, q ? q : "");
    hz_stmt_int(st, 5, unit_id);
    hz_stmt_text(st, 6, id_like ? id_like : "");
    if ((rc = hz_row_int(st, total, e)) || (rc = hz_db_stmt(db, q_members, &st, e))) return rc;
    bind_scope(st, sc);
    hz_stmt_text(st, 4, q ? q : "");
    hz_stmt_int(st, 5, unit_id);
    hz_stmt_text(st, 6, id_like ? id_like : "");
    hz_stmt_int(st, 7, limit);
    hz_stmt_int(st, 8, offset);
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

#define CLAIM_WHERE " WHERE" SCOPE_WHERE " AND (?4 = '' OR c.status = ?4)"
static const char q_claims[] =
    "SELECT c.id, c.claim_no, c.status, m.id_number, m.name, c.submitted_at, COALESCE(c.documents_complete_at, ''),"
    " COALESCE(c.paid_at, ''), c.total, c.review_required, c.proactive FROM claim c JOIN member m ON m.id = c.member_id"
    SCOPE_JOIN CLAIM_WHERE " ORDER BY c.id DESC LIMIT ?5 OFFSET ?6";
static const char q_claims_count[] =
    "SELECT count(*) FROM claim c JOIN member m ON m.id = c.member_id" SCOPE_JOIN CLAIM_WHERE;

hz_err hz_store_claims_page(hz_db *db, const hz_list_scope *sc, const char *status, int64_t offset, int64_t limit,
                            hz_claim_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_claims_count, &st, e);
    if (rc) return rc;
    bind_scope(st, sc);
    hz_stmt_text(st, 4, status ? status : "");
    if ((rc = hz_row_int(st, total, e)) || (rc = hz_db_stmt(db, q_claims, &st, e))) return rc;
    bind_scope(st, sc);
    hz_stmt_text(st, 4, status ? status : "");
    hz_stmt_int(st, 5, limit);
    hz_stmt_int(st, 6, offset);
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
        if ((rc = fn(ctx, &c, e))) break;
    }
    hz_stmt_reset(st);
    return rc;
}
