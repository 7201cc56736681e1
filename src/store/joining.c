/* SQL of the joining module (store/joining.h) and its migrations. */
#include "store/joining.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/registry.h"
#include "store/rows.h"
#include "store/store.h"

#define APP_COLS                                                                                                     \
    "a.id, a.application_no, a.name, a.id_number, a.phone, a.occupation, a.org_id, o.code, o.name, o.path,"         \
    " a.status, COALESCE(a.reason, ''), COALESCE(a.member_id, 0), a.created_at, COALESCE(a.decided_at, ''),"        \
    " COALESCE(a.decided_by, '')"
#define APP_FROM " FROM join_application a JOIN org o ON o.id = a.org_id"
/* applications are the org's: a cadre sees its subtree's, a unit liaison
 * or a member none */
#define APP_SCOPE " (?1 = '' OR substr(o.path, 1, length(?1)) = ?1) AND ?2 = 0 AND ?3 = 0"

static const char q_app_ins[] =
    "INSERT INTO join_application (application_no, name, id_number, phone, occupation, org_id, status, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, 'pending', ?) RETURNING id";
static const char q_app_no[] = "UPDATE join_application SET application_no = ? WHERE id = ?";
static const char q_app_by_no[] = "SELECT " APP_COLS APP_FROM " WHERE a.application_no = ?";
static const char q_app_pending[] = "SELECT " APP_COLS APP_FROM " WHERE a.id_number = ? AND a.status = 'pending'";
static const char q_app_decide[] = "UPDATE join_application SET status = ?, reason = ?, org_id = ?, member_id = ?,"
                                   " decided_at = ?, decided_by = ? WHERE id = ?";
static const char q_joint[] = "SELECT id FROM org WHERE kind = 'joint' ORDER BY path";

#define SP_COLS                                                                                                      \
    "s.id, s.sponsorship_no, s.org_id, o.code, o.name, o.path, s.plan_code, s.shares, s.months, s.from_date,"       \
    " s.to_date, s.created_at, s.created_by"
static const char q_sp_ins[] =
    "INSERT INTO sponsorship (sponsorship_no, org_id, plan_code, shares, months, from_date, to_date, created_at,"
    " created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
static const char q_sp_no[] = "UPDATE sponsorship SET sponsorship_no = ? WHERE id = ?";
static const char q_sp_overlap[] = "SELECT sponsorship_no FROM sponsorship WHERE org_id = ? AND plan_code = ?"
                                   " AND from_date <= ? AND to_date >= ? ORDER BY id LIMIT 1";
static const char q_sp_list[] =
    "SELECT " SP_COLS ", (SELECT count(*) FROM sponsorship_grant g WHERE g.sponsorship_id = s.id"
    " AND g.coverage_id IS NOT NULL), (SELECT count(*) FROM sponsorship_grant g WHERE g.sponsorship_id = s.id"
    " AND g.coverage_id IS NULL), (SELECT COALESCE(SUM(c.premium), 0) FROM sponsorship_grant g JOIN coverage c"
    " ON c.id = g.coverage_id WHERE g.sponsorship_id = s.id) FROM sponsorship s JOIN org o ON o.id = s.org_id"
    " WHERE ?1 = '' OR substr(o.path, 1, length(?1)) = ?1 ORDER BY s.id DESC";
static const char q_sp_for[] = "SELECT " SP_COLS ", 0, 0, 0 FROM sponsorship s JOIN org o ON o.id = s.org_id"
                               " WHERE substr(?1, 1, length(o.path)) = o.path AND s.from_date <= ?2"
                               " AND s.to_date >= ?2 ORDER BY s.id";
static const char q_grant[] = "INSERT INTO sponsorship_grant (sponsorship_id, member_id, joined_on, coverage_id, note)"
                              " VALUES (?, ?, ?, ?, ?)";

/* the district of a member: the org under a root that holds its org */
/* Grouped by the UTC hour a member was created; hz_store_growth folds the
 * hours into Beijing months (a member created at 17:00 UTC on 31 October
 * joined on 1 November in Shanghai). */
static const char q_growth[] =
    "SELECT COALESCE(d.name, o.name, '未归属'), substr(m.created_at, 1, 13), count(*), SUM(CASE WHEN EXISTS"
    " (SELECT 1 FROM member_flag f WHERE f.member_id = m.id AND f.kind = 'newform') THEN 1 ELSE 0 END)"
    " FROM member m LEFT JOIN unit u ON u.id = m.unit_id LEFT JOIN org o ON o.id = COALESCE(u.org_id, m.org_id)"
    " LEFT JOIN (SELECT c.name, c.path FROM org c JOIN org r ON r.id = c.parent_id WHERE r.parent_id IS NULL) d"
    " ON substr(o.path, 1, length(d.path)) = d.path"
    " WHERE (?1 = '' OR substr(o.path, 1, length(?1)) = ?1) AND (?2 = 0 OR m.unit_id = ?2) AND (?3 = 0 OR m.id = ?3)"
    " AND (?4 = '' OR substr(o.path, 1, length(?4)) = ?4) AND m.created_at >= ?5 AND m.created_at < ?6"
    " GROUP BY COALESCE(d.path, o.path, ''), COALESCE(d.name, o.name, '未归属'), substr(m.created_at, 1, 13)"
    " ORDER BY COALESCE(d.path, o.path, ''), substr(m.created_at, 1, 13)";

static void read_app(hz_stmt *st, hz_application *a) {
    memset(a, 0, sizeof *a);
    a->id = hz_stmt_col_int(st, 0);
    HZ_COPY(a->no, hz_stmt_col_text(st, 1));
    HZ_COPY(a->name, hz_stmt_col_text(st, 2));
    HZ_COPY(a->id_number, hz_stmt_col_text(st, 3));
    HZ_COPY(a->phone, hz_stmt_col_text(st, 4));
    HZ_COPY(a->occupation, hz_stmt_col_text(st, 5));
    a->org_id = hz_stmt_col_int(st, 6);
    HZ_COPY(a->org_code, hz_stmt_col_text(st, 7));
    HZ_COPY(a->org_name, hz_stmt_col_text(st, 8));
    HZ_COPY(a->org_path, hz_stmt_col_text(st, 9));
    HZ_COPY(a->status, hz_stmt_col_text(st, 10));
    HZ_COPY(a->reason, hz_stmt_col_text(st, 11));
    a->member_id = hz_stmt_col_int(st, 12);
    HZ_COPY(a->created_at, hz_stmt_col_text(st, 13));
    HZ_COPY(a->decided_at, hz_stmt_col_text(st, 14));
    HZ_COPY(a->decided_by, hz_stmt_col_text(st, 15));
}

static void read_sp(hz_stmt *st, hz_sponsorship *s) {
    memset(s, 0, sizeof *s);
    s->id = hz_stmt_col_int(st, 0);
    HZ_COPY(s->no, hz_stmt_col_text(st, 1));
    s->org_id = hz_stmt_col_int(st, 2);
    HZ_COPY(s->org_code, hz_stmt_col_text(st, 3));
    HZ_COPY(s->org_name, hz_stmt_col_text(st, 4));
    HZ_COPY(s->org_path, hz_stmt_col_text(st, 5));
    HZ_COPY(s->plan_code, hz_stmt_col_text(st, 6));
    s->shares = (int)hz_stmt_col_int(st, 7);
    s->months = (int)hz_stmt_col_int(st, 8);
    s->from = hz_row_date(st, 9);
    s->to = hz_row_date(st, 10);
    HZ_COPY(s->created_at, hz_stmt_col_text(st, 11));
    HZ_COPY(s->created_by, hz_stmt_col_text(st, 12));
    s->granted = hz_stmt_col_int(st, 13);
    s->skipped = hz_stmt_col_int(st, 14);
    s->premium = hz_stmt_col_int(st, 15);
}

/* Gives the row of id its number: PREFIX + the year of created + id. */
static hz_err number(hz_db *db, const char *sql, const char *prefix, const char *created, int64_t id, char no[24],
                     hz_errinfo *e) {
    hz_stmt *st;
    snprintf(no, 24, "%s%.4s%06lld", prefix, created, (long long)id);
    hz_err rc = hz_db_stmt(db, sql, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, no);
    hz_stmt_int(st, 2, id);
    return hz_stmt_run(st, e);
}

hz_err hz_store_application_insert(hz_db *db, hz_application *a, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_app_ins, &st, e);
    if (rc) return rc;
    char tmp[64];
    snprintf(tmp, sizeof tmp, "TMP-%s-%s", a->created_at, a->id_number);
    hz_stmt_text(st, 1, tmp);
    hz_stmt_text(st, 2, a->name);
    hz_stmt_text(st, 3, a->id_number);
    hz_stmt_text(st, 4, a->phone);
    hz_stmt_text(st, 5, a->occupation);
    hz_stmt_int(st, 6, a->org_id);
    hz_stmt_text(st, 7, a->created_at);
    if ((rc = hz_row_insert_id(st, &a->id, e))) return rc;
    hz_strlcpy(a->status, "pending", sizeof a->status);
    return number(db, q_app_no, "RH", a->created_at, a->id, a->no, e);
}

static hz_err app_one(hz_db *db, const char *sql, const char *key, bool must, hz_application *out, hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, sql, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, key);
    if ((rc = hz_stmt_step(st, &row, e))) return rc;
    if (row) read_app(st, out);
    else memset(out, 0, sizeof *out);
    hz_stmt_reset(st);
    if (!row && must) return hz_fail(e, HZ_ENOTFOUND, "入会申请 %s 不存在 (no such application)", key);
    return HZ_OK;
}

hz_err hz_store_application_by_no(hz_db *db, const char *no, hz_application *out, hz_errinfo *e) {
    return app_one(db, q_app_by_no, no, true, out, e);
}

hz_err hz_store_application_pending(hz_db *db, const char *id_number, hz_application *out, hz_errinfo *e) {
    return app_one(db, q_app_pending, id_number, false, out, e);
}

hz_err hz_store_application_decide(hz_db *db, const hz_application *a, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_app_decide, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, a->status);
    hz_bind_opt_text(st, 2, a->reason);
    hz_stmt_int(st, 3, a->org_id);
    hz_bind_opt_id(st, 4, a->member_id);
    hz_bind_opt_text(st, 5, a->decided_at);
    hz_bind_opt_text(st, 6, a->decided_by);
    hz_stmt_int(st, 7, a->id);
    return hz_stmt_run(st, e);
}


hz_err hz_store_joint_orgs(hz_db *db, hz_org_row_fn fn, void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    int64_t *ids = NULL;
    size_t n = 0;
    hz_err rc = hz_db_stmt(db, q_joint, &st, e);
    if (rc || (rc = hz_row_ids(st, &ids, &n, e))) return rc;
    for (size_t i = 0; rc == HZ_OK && i < n; i++) {
        hz_org o;
        if ((rc = hz_store_org_by_id(db, ids[i], &o, e)) == HZ_OK) rc = fn(ctx, &o, e);
    }
    free(ids);
    return rc;
}

hz_err hz_store_sponsorship_insert(hz_db *db, hz_sponsorship *s, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_sp_ins, &st, e);
    if (rc) return rc;
    char tmp[64];
    snprintf(tmp, sizeof tmp, "TMP-%s-%lld", s->created_at, (long long)s->org_id);
    hz_stmt_text(st, 1, tmp);
    hz_stmt_int(st, 2, s->org_id);
    hz_stmt_text(st, 3, s->plan_code);
    hz_stmt_int(st, 4, s->shares);
    hz_stmt_int(st, 5, s->months);
    hz_bind_date(st, 6, s->from);
    hz_bind_date(st, 7, s->to);
    hz_stmt_text(st, 8, s->created_at);
    hz_stmt_text(st, 9, s->created_by);
    if ((rc = hz_row_insert_id(st, &s->id, e))) return rc;
    return number(db, q_sp_no, "ZS", s->created_at, s->id, s->no, e);
}

hz_err hz_store_sponsorship_overlap(hz_db *db, int64_t org_id, const char *plan_code, hz_date from, hz_date to,
                                    char no[24], hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_sp_overlap, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, org_id);
    hz_stmt_text(st, 2, plan_code);
    hz_bind_date(st, 3, to);
    hz_bind_date(st, 4, from);
    no[0] = '\0';
    if ((rc = hz_stmt_step(st, &row, e))) return rc;
    if (row) hz_strlcpy(no, hz_stmt_col_text(st, 0), 24);
    hz_stmt_reset(st);
    return HZ_OK;
}

hz_err hz_store_sponsorships(hz_db *db, const char *org_path, hz_sponsorship_fn fn, void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_sp_list, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, org_path ? org_path : "");
    bool row;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        hz_sponsorship s;
        read_sp(st, &s);
        if ((rc = fn(ctx, &s, e))) break;
    }
    hz_stmt_reset(st);
    return rc;
}

hz_err hz_store_sponsorships_for(hz_db *db, const char *org_path, hz_date d, hz_sponsorship *out, int max, int *n,
                                 hz_errinfo *e) {
    hz_stmt *st;
    *n = 0;
    hz_err rc = hz_db_stmt(db, q_sp_for, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, org_path);
    hz_bind_date(st, 2, d);
    bool row;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        if (*n == max) {
            hz_stmt_reset(st);
            return hz_row_overflow(e, max, "sponsorships of one org");
        }
        read_sp(st, &out[(*n)++]);
    }
    hz_stmt_reset(st);
    return rc;
}

hz_err hz_store_sponsorship_grant(hz_db *db, int64_t sponsorship_id, int64_t member_id, hz_date joined_on,
                                  int64_t coverage_id, const char *note, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_grant, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, sponsorship_id);
    hz_stmt_int(st, 2, member_id);
    hz_bind_date(st, 3, joined_on);
    hz_bind_opt_id(st, 4, coverage_id);
    hz_bind_opt_text(st, 5, note);
    return hz_stmt_run(st, e);
}

hz_err hz_store_growth(hz_db *db, const hz_list_scope *sc, const char *org_path, hz_date from, hz_date to,
                       hz_growth_fn fn, void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_growth, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, sc->org_path ? sc->org_path : "");
    hz_stmt_int(st, 2, sc->unit_id);
    hz_stmt_int(st, 3, sc->member_id);
    hz_stmt_text(st, 4, org_path ? org_path : "");
    hz_bind_day_start(st, 5, from);
    hz_bind_day_start(st, 6, to + 1);
    bool row, have = false;
    hz_growth_row g;
    memset(&g, 0, sizeof g);
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        char month[8];
        hz_beijing_month(hz_stmt_col_text(st, 1), month);
        const char *district = hz_stmt_col_text(st, 0);
        if (have && (strcmp(g.district, district) || strcmp(g.month, month))) {
            if ((rc = fn(ctx, &g, e))) break;
            memset(&g, 0, sizeof g);
        }
        have = true;
        HZ_COPY(g.district, district);
        HZ_COPY(g.month, month);
        g.members += hz_stmt_col_int(st, 2);
        g.newform += hz_stmt_col_int(st, 3);
    }
    hz_stmt_reset(st);
    if (!rc && have) rc = fn(ctx, &g, e);
    return rc;
}

static const char *const joining_migrations[] = {
    /* 1: online applications (one pending per ID number), standing
     * sponsorships and what each gave to whom */
    "CREATE TABLE join_application ("
    " id ID_PK,"
    " application_no TEXT NOT NULL UNIQUE,"
    " name TEXT NOT NULL,"
    " id_number TEXT NOT NULL,"
    " phone TEXT NOT NULL,"
    " occupation TEXT NOT NULL CHECK (occupation = 'courier' OR occupation = 'delivery' OR occupation = 'ridehail'"
    "  OR occupation = 'truck' OR occupation = 'other'),"
    " org_id BIGINT NOT NULL REFERENCES org(id),"
    " status TEXT NOT NULL CHECK (status = 'pending' OR status = 'approved' OR status = 'rejected'),"
    " reason TEXT,"
    " member_id BIGINT REFERENCES member(id),"
    " created_at TEXT NOT NULL,"
    " decided_at TEXT,"
    " decided_by TEXT,"
    " CHECK (status <> 'rejected' OR reason IS NOT NULL),"
    " CHECK (status <> 'approved' OR member_id IS NOT NULL)) /*STRICT*/;"
    "CREATE UNIQUE INDEX join_application_pending ON join_application(id_number) WHERE status = 'pending';"
    "CREATE INDEX join_application_org ON join_application(org_id);"
    "CREATE TABLE sponsorship ("
    " id ID_PK,"
    " sponsorship_no TEXT NOT NULL UNIQUE,"
    " org_id BIGINT NOT NULL REFERENCES org(id),"
    " plan_code TEXT NOT NULL,"
    " shares BIGINT NOT NULL CHECK (shares >= 1),"
    " months BIGINT NOT NULL CHECK (months >= 1),"
    " from_date TEXT NOT NULL,"
    " to_date TEXT NOT NULL,"
    " created_at TEXT NOT NULL,"
    " created_by TEXT NOT NULL,"
    " CHECK (from_date <= to_date)) /*STRICT*/;"
    "CREATE INDEX sponsorship_org ON sponsorship(org_id);"
    "CREATE TABLE sponsorship_grant ("
    " id ID_PK,"
    " sponsorship_id BIGINT NOT NULL REFERENCES sponsorship(id),"
    " member_id BIGINT NOT NULL REFERENCES member(id),"
    " joined_on TEXT NOT NULL,"
    " coverage_id BIGINT REFERENCES coverage(id),"
    " note TEXT,"
    " UNIQUE (sponsorship_id, member_id)) /*STRICT*/;",
};

static const hz_store_check joining_checks[] = {
    /* a sponsorship's coverage is the plan it names, from the day of
     * joining, paid by its org, with the contribution of its premium */
    {"sponsorship_grant=coverage",
     "SELECT 'sponsorship:' || s.sponsorship_no || ':member:' || g.member_id, 0, 1 FROM sponsorship_grant g"
     " JOIN sponsorship s ON s.id = g.sponsorship_id JOIN org o ON o.id = s.org_id JOIN coverage c ON c.id ="
     " g.coverage_id WHERE c.member_id <> g.member_id OR c.plan_code <> s.plan_code OR c.start_date <> g.joined_on"
     " OR c.payer_kind <> 'org' OR c.payer_ref <> o.code OR c.premium <> (SELECT COALESCE(SUM(k.amount), 0) FROM"
     " contribution k WHERE k.coverage_id = c.id) ORDER BY g.id LIMIT 1"},
    /* an approved application is the member it created (who may since
     * have moved: the office transfers members) */
    {"application=member",
     "SELECT 'application:' || a.application_no, 0, 1 FROM join_application a LEFT JOIN member m ON m.id ="
     " a.member_id WHERE a.status = 'approved' AND (m.id IS NULL OR m.id_number <> a.id_number)"
     " ORDER BY a.id LIMIT 1"},
};

const hz_store_module hz_store_module_joining = {
    .name = "joining",
    .migrations = joining_migrations,
    .n_migrations = HZ_COUNT(joining_migrations),
    .checks = joining_checks,
    .n_checks = HZ_COUNT(joining_checks),
};

/* The applications and sponsorships lists (issue 16): paged, filtered and
 * sorted through hz_store_rec_page. ORG_UNDER: o (the row's org) is the
 * org of id P or under it. */
#define ORG_UNDER(p)                                                                                                  \
    "substr(o.path, 1, length((SELECT op.path FROM org op WHERE op.id = " p "))) = (SELECT op.path FROM org op"       \
    " WHERE op.id = " p ")"
/* applications: the applicant's name, ID number and the number searched;
 * unit: approved into a member of that unit; text: the occupation; num:
 * applied to that org or under it */
#define APP_LIST_WHERE                                                                                                \
    HZ_LIST_WHERE(APP_SCOPE, "a.name", "a.id_number", "a.application_no", "a.status",                                 \
                  "a.member_id IN (SELECT mu.id FROM member mu WHERE mu.unit_id = ?8)", "a.created_at",              \
                  "a.occupation = ?11", ORG_UNDER("?12"))
#define Q_APP_LIST(order) "SELECT " APP_COLS APP_FROM APP_LIST_WHERE " ORDER BY " order HZ_REC_PAGE
static const char *const q_app_list[HZ_APP_SORTS][2] = {
    {Q_APP_LIST("a.id"), Q_APP_LIST("a.id DESC")},
    {Q_APP_LIST("a.application_no, a.id"), Q_APP_LIST("a.application_no DESC, a.id DESC")},
    {Q_APP_LIST("a.name, a.id"), Q_APP_LIST("a.name DESC, a.id DESC")},
    {Q_APP_LIST("a.status, a.id"), Q_APP_LIST("a.status DESC, a.id DESC")},
    {Q_APP_LIST("a.occupation, a.id"), Q_APP_LIST("a.occupation DESC, a.id DESC")},
    {Q_APP_LIST("o.path, a.id"), Q_APP_LIST("o.path DESC, a.id DESC")},
    {Q_APP_LIST("a.created_at, a.id"), Q_APP_LIST("a.created_at DESC, a.id DESC")},
};
static const char q_app_list_count[] = "SELECT count(*)" APP_FROM APP_LIST_WHERE;

static hz_err app_list_row(void *vctx, hz_stmt *st, hz_errinfo *e) {
    const hz_rec_fn_ctx *c = vctx;
    hz_application a;
    read_app(st, &a);
    return ((hz_application_fn)c->fn)(c->ctx, &a, e);
}

hz_err hz_store_applications_list(hz_db *db, const hz_list_scope *sc, const hz_rec_filter *f, int64_t offset,
                                  int64_t limit, hz_application_fn fn, void *ctx, int64_t *total, hz_errinfo *e) {
    if (f->sort < 0 || f->sort >= HZ_APP_SORTS) return hz_fail(e, HZ_EINTERNAL, "applications: sort %d", f->sort);
    hz_rec_fn_ctx c = {(hz_rec_any_fn)fn, ctx};
    return hz_store_rec_page(db, q_app_list_count, q_app_list[f->sort][f->desc], sc, f, offset, limit, app_list_row,
                             &c, total, e);
}

/* sponsorships: the org's name and code and the number searched (any
 * case); status against today (?15); unit: the sponsorships that hold for
 * its members (its org's or an ancestor's); from / to on the first day;
 * text: the plan; num: an org or under it. They are the org's: a unit's or
 * a member's scope sees none. */
#define SP_FROM " FROM sponsorship s JOIN org o ON o.id = s.org_id"
#define SP_STATUS "(CASE WHEN s.from_date > ?15 THEN 'upcoming' WHEN s.to_date < ?15 THEN 'ended' ELSE 'active' END)"
#define SP_GRANTED "(SELECT count(*) FROM sponsorship_grant g WHERE g.sponsorship_id = s.id AND g.coverage_id IS NOT NULL)"
#define SP_PREMIUM                                                                                                    \
    "(SELECT COALESCE(SUM(c.premium), 0) FROM sponsorship_grant g JOIN coverage c ON c.id = g.coverage_id"          \
    " WHERE g.sponsorship_id = s.id)"
#define SP_LIST_WHERE                                                                                                 \
    HZ_LIST_WHERE(APP_SCOPE, "lower(o.name || ' ' || o.code)", "lower(s.sponsorship_no)", "lower(s.sponsorship_no)",  \
                  SP_STATUS,                                                                                          \
                  "substr((SELECT uo.path FROM unit uu JOIN org uo ON uo.id = uu.org_id WHERE uu.id = ?8), 1,"       \
                  " length(o.path)) = o.path",                                                                        \
                  "s.from_date", "s.plan_code = ?11", ORG_UNDER("?12"))
#define Q_SP_LIST(order)                                                                                              \
    "SELECT " SP_COLS ", " SP_GRANTED ", (SELECT count(*) FROM sponsorship_grant g WHERE g.sponsorship_id = s.id"    \
    " AND g.coverage_id IS NULL), " SP_PREMIUM SP_FROM SP_LIST_WHERE " ORDER BY " order HZ_REC_PAGE
static const char *const q_sp_page[HZ_SP_SORTS][2] = {
    {Q_SP_LIST("s.id"), Q_SP_LIST("s.id DESC")},
    {Q_SP_LIST("s.sponsorship_no, s.id"), Q_SP_LIST("s.sponsorship_no DESC, s.id DESC")},
    {Q_SP_LIST("o.path, s.id"), Q_SP_LIST("o.path DESC, s.id DESC")},
    {Q_SP_LIST("s.plan_code, s.id"), Q_SP_LIST("s.plan_code DESC, s.id DESC")},
    {Q_SP_LIST("s.from_date, s.id"), Q_SP_LIST("s.from_date DESC, s.id DESC")},
    {Q_SP_LIST("s.to_date, s.id"), Q_SP_LIST("s.to_date DESC, s.id DESC")},
    {Q_SP_LIST(SP_GRANTED ", s.id"), Q_SP_LIST(SP_GRANTED " DESC, s.id DESC")},
    {Q_SP_LIST(SP_PREMIUM ", s.id"), Q_SP_LIST(SP_PREMIUM " DESC, s.id DESC")},
};
static const char q_sp_page_count[] = HZ_REC_COUNT(SP_FROM SP_LIST_WHERE);

static hz_err sp_list_row(void *vctx, hz_stmt *st, hz_errinfo *e) {
    const hz_rec_fn_ctx *c = vctx;
    hz_sponsorship s;
    read_sp(st, &s);
    return ((hz_sponsorship_fn)c->fn)(c->ctx, &s, e);
}

hz_err hz_store_sponsorships_page(hz_db *db, const hz_list_scope *sc, const hz_rec_filter *f, int64_t offset,
                                  int64_t limit, hz_sponsorship_fn fn, void *ctx, int64_t *total, hz_errinfo *e) {
    if (f->sort < 0 || f->sort >= HZ_SP_SORTS || !f->text2)
        return hz_fail(e, HZ_EINTERNAL, "sponsorships: sort %d", f->sort);
    hz_rec_fn_ctx c = {(hz_rec_any_fn)fn, ctx};
    return hz_store_rec_page(db, q_sp_page_count, q_sp_page[f->sort][f->desc], sc, f, offset, limit, sp_list_row, &c,
                             total, e);
}
