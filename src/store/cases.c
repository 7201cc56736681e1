/* SQL of the service and legal-aid cases (store/cases.h) and the cases
 * module's migrations. */
#include "store/cases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/rows.h"
#include "store/store.h"

#define CASE_COLS                                                                                                      \
    "c.id, c.case_no, c.member_id, m.id_number, m.name, c.kind, c.summary, COALESCE(c.claimed, -1), c.status,"         \
    " COALESCE(c.assignee, ''), COALESCE(c.outcome, ''), c.recovered, c.opened_at, c.opened_by,"                       \
    " COALESCE(c.assigned_at, ''), COALESCE(c.closed_at, ''), COALESCE(c.closed_by, '')"
#define CASE_FROM " FROM service_case c JOIN member m ON m.id = c.member_id"
/* the member in the caller's scope: ?1 org path, ?2 unit id, ?3 member id */
#define CASE_SCOPE                                                                                                     \
    " (?1 = '' AND ?2 = 0 AND ?3 = 0 OR c.member_id IN (SELECT sm.id FROM member sm LEFT JOIN unit su ON su.id ="      \
    " sm.unit_id LEFT JOIN org so ON so.id = COALESCE(su.org_id, sm.org_id) WHERE (?1 = '' OR substr(so.path, 1,"      \
    " length(?1)) = ?1) AND (?2 = 0 OR sm.unit_id = ?2) AND (?3 = 0 OR sm.id = ?3)))"

static const char q_ins[] =
    "INSERT INTO service_case (case_no, member_id, kind, summary, claimed, status, recovered, opened_at, opened_by)"
    " VALUES (?, ?, ?, ?, ?, 'open', 0, ?, ?) RETURNING id";
static const char q_no[] = "UPDATE service_case SET case_no = ? WHERE id = ?";
static const char q_by_no[] = "SELECT " CASE_COLS CASE_FROM " WHERE c.case_no = ?";
static const char q_update[] =
    "UPDATE service_case SET status = ?, assignee = ?, outcome = ?, recovered = ?, assigned_at = ?, closed_at = ?,"
    " closed_by = ? WHERE id = ?";
static const char q_note_ins[] = "INSERT INTO case_note (case_id, text, noted_at, by_login) VALUES (?, ?, ?, ?)";
static const char q_notes[] = "SELECT noted_at, by_login, text FROM case_note WHERE case_id = ? ORDER BY id";
static const char q_totals[] =
    "SELECT c.kind, COALESCE(c.outcome, ''), COUNT(*), SUM(COALESCE(c.claimed, 0)), SUM(c.recovered)" CASE_FROM
    " WHERE c.opened_at >= ?4 AND c.opened_at < ?5 AND" CASE_SCOPE
    " GROUP BY c.kind, COALESCE(c.outcome, '') ORDER BY c.kind, COALESCE(c.outcome, '')";

hz_err hz_store_case_insert(hz_db *db, hz_case *c, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_ins, &st, e);
    if (rc) return rc;
    char tmp[48];
    snprintf(tmp, sizeof tmp, "TMP-%s-%lld", c->opened_at, (long long)c->member_id);
    hz_stmt_text(st, 1, tmp);
    hz_stmt_int(st, 2, c->member_id);
    hz_stmt_text(st, 3, c->kind);
    hz_stmt_text(st, 4, c->summary);
    if (c->claimed >= 0)
        hz_stmt_int(st, 5, c->claimed);
    else
        hz_stmt_null(st, 5);
    hz_stmt_text(st, 6, c->opened_at);
    hz_stmt_text(st, 7, c->opened_by);
    if ((rc = hz_row_insert_id(st, &c->id, e))) return rc;
    /* number: AJ + year + id, unique because the id is */
    snprintf(c->case_no, sizeof c->case_no, "AJ%.4s%06lld", c->opened_at, (long long)c->id);
    if ((rc = hz_db_stmt(db, q_no, &st, e))) return rc;
    hz_stmt_text(st, 1, c->case_no);
    hz_stmt_int(st, 2, c->id);
    return hz_stmt_run(st, e);
}

static void read_case(hz_stmt *st, void *out) {
    hz_case *c = out;
    memset(c, 0, sizeof *c);
    c->id = hz_stmt_col_int(st, 0);
    HZ_COPY(c->case_no, hz_stmt_col_text(st, 1));
    c->member_id = hz_stmt_col_int(st, 2);
    HZ_COPY(c->id_number, hz_stmt_col_text(st, 3));
    HZ_COPY(c->name, hz_stmt_col_text(st, 4));
    HZ_COPY(c->kind, hz_stmt_col_text(st, 5));
    HZ_COPY(c->summary, hz_stmt_col_text(st, 6));
    c->claimed = hz_stmt_col_int(st, 7);
    HZ_COPY(c->status, hz_stmt_col_text(st, 8));
    HZ_COPY(c->assignee, hz_stmt_col_text(st, 9));
    HZ_COPY(c->outcome, hz_stmt_col_text(st, 10));
    c->recovered = hz_stmt_col_int(st, 11);
    HZ_COPY(c->opened_at, hz_stmt_col_text(st, 12));
    HZ_COPY(c->opened_by, hz_stmt_col_text(st, 13));
    HZ_COPY(c->assigned_at, hz_stmt_col_text(st, 14));
    HZ_COPY(c->closed_at, hz_stmt_col_text(st, 15));
    HZ_COPY(c->closed_by, hz_stmt_col_text(st, 16));
}

#define CASE_WHERE HZ_REC_WHERE("c.case_no", "c.status", "c.opened_at", "COALESCE(c.assignee, '')", "0")
#define Q_CASE_PAGE(order)                                                                                             \
    "SELECT " CASE_COLS ", COALESCE(u.name, o.name, '')" CASE_FROM HZ_REC_JOIN CASE_WHERE " ORDER BY " order HZ_REC_PAGE
#define CASE_STATUS_ORDER "CASE c.status WHEN 'open' THEN 1 WHEN 'assigned' THEN 2 ELSE 3 END"
static const char *const q_case_page[HZ_CASE_SORTS][2] = {
    {Q_CASE_PAGE("c.id"), Q_CASE_PAGE("c.id DESC")},
    {Q_CASE_PAGE("c.case_no, c.id"), Q_CASE_PAGE("c.case_no DESC, c.id DESC")},
    {Q_CASE_PAGE("m.name, c.id"), Q_CASE_PAGE("m.name DESC, c.id DESC")},
    {Q_CASE_PAGE("c.kind, c.id"), Q_CASE_PAGE("c.kind DESC, c.id DESC")},
    {Q_CASE_PAGE(CASE_STATUS_ORDER ", c.id"), Q_CASE_PAGE(CASE_STATUS_ORDER " DESC, c.id DESC")},
    {Q_CASE_PAGE("c.opened_at, c.id"), Q_CASE_PAGE("c.opened_at DESC, c.id DESC")},
};
static const char q_case_count[] = "SELECT count(*)" CASE_FROM HZ_REC_JOIN CASE_WHERE;

typedef struct {
    hz_case_row_fn fn;
    void *ctx;
} page_ctx;

static hz_err page_row(void *vctx, hz_stmt *st, hz_errinfo *e) {
    page_ctx *p = vctx;
    hz_case c;
    read_case(st, &c);
    return p->fn(p->ctx, &c, hz_stmt_col_text(st, 17), e);
}

hz_err hz_store_cases_page(hz_db *db, const hz_list_scope *sc, const hz_rec_filter *f, int64_t offset, int64_t limit,
                           hz_case_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e) {
    if (f->sort < 0 || f->sort >= HZ_CASE_SORTS) return hz_fail(e, HZ_EINTERNAL, "cases: sort %d", f->sort);
    page_ctx p = {fn, ctx};
    return hz_store_rec_page(db, q_case_count, q_case_page[f->sort][f->desc], sc, f, offset, limit, page_row, &p,
                             total, e);
}

hz_err hz_store_case_by_no(hz_db *db, const char *no, hz_case *out, hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_by_no, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, no ? no : "");
    if ((rc = hz_stmt_step(st, &row, e))) return rc;
    if (row) read_case(st, out);
    hz_stmt_reset(st);
    if (!row) return hz_fail(e, HZ_ENOTFOUND, "案件 %s 不存在 (no such case)", no ? no : "");
    return HZ_OK;
}

hz_err hz_store_case_update(hz_db *db, const hz_case *c, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_update, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, c->status);
    hz_bind_opt_text(st, 2, c->assignee);
    hz_bind_opt_text(st, 3, c->outcome);
    hz_stmt_int(st, 4, c->recovered);
    hz_bind_opt_text(st, 5, c->assigned_at);
    hz_bind_opt_text(st, 6, c->closed_at);
    hz_bind_opt_text(st, 7, c->closed_by);
    hz_stmt_int(st, 8, c->id);
    return hz_stmt_run(st, e);
}

hz_err hz_store_case_note_insert(hz_db *db, int64_t case_id, const char *text, const char *at, const char *by,
                                 hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_note_ins, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, case_id);
    hz_stmt_text(st, 2, text);
    hz_stmt_text(st, 3, at);
    hz_stmt_text(st, 4, by);
    return hz_stmt_run(st, e);
}

hz_err hz_store_case_notes(hz_db *db, int64_t case_id, hz_case_note_fn fn, void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_notes, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, case_id);
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        hz_case_note n;
        HZ_COPY(n.at, hz_stmt_col_text(st, 0));
        HZ_COPY(n.by, hz_stmt_col_text(st, 1));
        HZ_COPY(n.text, hz_stmt_col_text(st, 2));
        if ((rc = fn(ctx, &n, e))) break;
    }
    hz_stmt_reset(st);
    return rc;
}

hz_err hz_store_case_totals(hz_db *db, const hz_list_scope *sc, hz_date from, hz_date to, hz_case_total_fn fn,
                            void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_totals, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, sc->org_path ? sc->org_path : "");
    hz_stmt_int(st, 2, sc->unit_id);
    hz_stmt_int(st, 3, sc->member_id);
    hz_bind_day_start(st, 4, from);
    hz_bind_day_start(st, 5, to + 1);
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        hz_case_total t;
        memset(&t, 0, sizeof t);
        HZ_COPY(t.kind, hz_stmt_col_text(st, 0));
        HZ_COPY(t.outcome, hz_stmt_col_text(st, 1));
        t.cases = hz_stmt_col_int(st, 2);
        t.claimed = hz_stmt_col_int(st, 3);
        t.recovered = hz_stmt_col_int(st, 4);
        if ((rc = fn(ctx, &t, e))) break;
    }
    hz_stmt_reset(st);
    return rc;
}

static const char *const cases_migrations[] = {
    /* 1: service requests and legal-aid cases with their notes (spec/README.md
     * module 9); the amount recovered is recorded, never paid by huzhu */
    "CREATE TABLE service_case ("
    " id ID_PK,"
    " case_no TEXT NOT NULL UNIQUE,"
    " member_id BIGINT NOT NULL REFERENCES member(id),"
    " kind TEXT NOT NULL CHECK (kind IN ('wage', 'legal', 'injury', 'consult', 'other')),"
    " summary TEXT NOT NULL,"
    " claimed BIGINT CHECK (claimed IS NULL OR claimed >= 0),"
    " status TEXT NOT NULL CHECK (status IN ('open', 'assigned', 'closed')),"
    " assignee TEXT,"
    " outcome TEXT CHECK (outcome IS NULL OR outcome IN ('resolved', 'mediated', 'litigated', 'withdrawn')),"
    " recovered BIGINT NOT NULL DEFAULT 0 CHECK (recovered >= 0),"
    " opened_at TEXT NOT NULL,"
    " opened_by TEXT NOT NULL,"
    " assigned_at TEXT,"
    " closed_at TEXT,"
    " closed_by TEXT,"
    " CHECK ((status = 'closed') = (outcome IS NOT NULL)),"
    " CHECK (status <> 'assigned' OR assignee IS NOT NULL)) /*STRICT*/;"
    "CREATE INDEX service_case_member ON service_case(member_id);"
    "CREATE INDEX service_case_assignee ON service_case(assignee, status);"
    "CREATE TABLE case_note ("
    " id ID_PK,"
    " case_id BIGINT NOT NULL REFERENCES service_case(id),"
    " text TEXT NOT NULL,"
    " noted_at TEXT NOT NULL,"
    " by_login TEXT NOT NULL) /*STRICT*/;"
    "CREATE INDEX case_note_case ON case_note(case_id);",
};

static const hz_store_check cases_checks[] = {
    /* a case recovers money only when it is closed, and not when withdrawn */
    {"case.recovered=closed",
     "SELECT 'case:' || case_no, recovered, 0 FROM service_case WHERE recovered <> 0 AND (status <> 'closed'"
     " OR outcome = 'withdrawn') ORDER BY id LIMIT 1"},
};

const hz_store_module hz_store_module_cases = {
    .name = "cases",
    .migrations = cases_migrations,
    .n_migrations = HZ_COUNT(cases_migrations),
    .checks = cases_checks,
    .n_checks = HZ_COUNT(cases_checks),
};
