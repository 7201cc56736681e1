/* SQL of the care activities (store/care.h) and the care module's migrations. */
#include "store/care.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/rows.h"
#include "store/store.h"

#define ACT_COLS                                                                                                       \
    "a.id, a.code, a.kind, a.name, a.org_id, o.code, o.name, o.path, a.date_from, a.date_to,"                          \
    " COALESCE(a.capacity, 0), a.attendees, a.created_at, a.created_by,"                                               \
    " (SELECT COUNT(DISTINCT p.member_id) FROM activity_part p WHERE p.activity_id = a.id),"                           \
    " (SELECT COALESCE(SUM(ad.count), 0) FROM activity_dist ad WHERE ad.activity_id = a.id)"
#define ACT_FROM " FROM activity a JOIN org o ON o.id = a.org_id"
/* Who sees an activity (store/care.h): ?1 org path, ?2 unit id, ?3 member id */
#define ACT_SCOPE                                                                                                      \
    " ((?1 = '' AND ?2 = 0 AND ?3 = 0) OR (?1 <> '' AND (substr(o.path, 1, length(?1)) = ?1"                           \
    "  OR substr(?1, 1, length(o.path)) = o.path))"                                                                    \
    " OR (?2 <> 0 AND EXISTS (SELECT 1 FROM unit su JOIN org so ON so.id = su.org_id WHERE su.id = ?2"                 \
    "  AND substr(so.path, 1, length(o.path)) = o.path))"                                                              \
    " OR (?3 <> 0 AND (EXISTS (SELECT 1 FROM activity_part sp WHERE sp.activity_id = a.id AND sp.member_id = ?3)"      \
    "  OR EXISTS (SELECT 1 FROM activity_dist sd WHERE sd.activity_id = a.id AND sd.member_id = ?3))))"
/* The district an org belongs to (itself when it is one), else the org */
#define DISTRICT_OF_ORG(o)                                                                                             \
    "COALESCE((SELECT d.name FROM org d WHERE d.kind = 'district' AND substr(" o ".path, 1, length(d.path)) ="         \
    " d.path ORDER BY length(d.path) DESC LIMIT 1), " o ".name)"

static const char q_ins[] =
    "INSERT INTO activity (code, kind, name, org_id, date_from, date_to, capacity, attendees, created_at, created_by)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
static const char q_by_code[] = "SELECT " ACT_COLS ACT_FROM " WHERE a.code = ?4 AND" ACT_SCOPE;
static const char q_list[] =
    "SELECT " ACT_COLS ACT_FROM " WHERE (?4 = '' OR a.kind = ?4)"
    " AND (?5 = 0 OR substr(a.date_from, 1, 4) = ?6) AND" ACT_SCOPE " ORDER BY a.date_from DESC, a.id DESC";
/* The activities list (issue 16): ?15 today; an activity is upcoming
 * before its first day, ended after its last, else ongoing. unit: the
 * activities a unit's members may join (its union's and those above);
 * text: a kind; num: an org id, activities of that org or under it. */
#define ACT_STATUS "(CASE WHEN a.date_from > ?15 THEN 'upcoming' WHEN a.date_to < ?15 THEN 'ended' ELSE 'ongoing' END)"
#define ACT_WHERE                                                                                                     \
    HZ_LIST_WHERE(ACT_SCOPE, "lower(a.name)", "a.code", "lower(a.code)", ACT_STATUS,                                                \
                  "EXISTS (SELECT 1 FROM unit fu JOIN org fo ON fo.id = fu.org_id WHERE fu.id = ?8"                   \
                  " AND substr(fo.path, 1, length(o.path)) = o.path)",                                                \
                  "a.date_from", "a.kind = ?11",                                                                      \
                  "EXISTS (SELECT 1 FROM org fo WHERE fo.id = ?12 AND substr(o.path, 1, length(fo.path)) = fo.path)")
#define Q_ACT_PAGE(order) "SELECT " ACT_COLS ACT_FROM ACT_WHERE " ORDER BY " order HZ_REC_PAGE
#define ACT_STATUS_ORDER "(CASE WHEN a.date_from > ?15 THEN 1 WHEN a.date_to < ?15 THEN 3 ELSE 2 END)"
static const char *const q_act_page[HZ_ACT_SORTS][2] = {
    {Q_ACT_PAGE("a.date_from, a.id"), Q_ACT_PAGE("a.date_from DESC, a.id DESC")},
    {Q_ACT_PAGE("a.code, a.id"), Q_ACT_PAGE("a.code DESC, a.id DESC")},
    {Q_ACT_PAGE("a.name, a.id"), Q_ACT_PAGE("a.name DESC, a.id DESC")},
    {Q_ACT_PAGE("a.date_from, a.id"), Q_ACT_PAGE("a.date_from DESC, a.id DESC")},
    {Q_ACT_PAGE(ACT_STATUS_ORDER ", a.id"), Q_ACT_PAGE(ACT_STATUS_ORDER " DESC, a.id DESC")},
    {Q_ACT_PAGE("o.code, a.id"), Q_ACT_PAGE("o.code DESC, a.id DESC")},
};
static const char q_act_count[] = HZ_REC_COUNT(ACT_FROM ACT_WHERE);
static const char q_members[] = "SELECT COUNT(DISTINCT member_id) FROM activity_part WHERE activity_id = ?";
static const char q_joined[] = "SELECT COUNT(*) FROM activity_part WHERE activity_id = ? AND member_id = ?";
static const char q_joined_on[] =
    "SELECT COUNT(*) FROM activity_part WHERE activity_id = ? AND member_id = ? AND day = ?";
static const char q_part_ins[] =
    "INSERT INTO activity_part (activity_id, member_id, day, steps, score, extra, created_at, created_by)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
static const char q_parts_of[] =
    "SELECT p.id, p.activity_id, p.member_id, a.code, a.kind, a.name, m.id_number, m.name, p.day,"
    " COALESCE(p.steps, -1), COALESCE(p.score, -1), p.extra FROM activity_part p JOIN activity a ON a.id ="
    " p.activity_id JOIN member m ON m.id = p.member_id WHERE p.member_id = ? ORDER BY p.day DESC, p.id DESC";
static const char q_dist_ins[] =
    "INSERT INTO activity_dist (activity_id, unit_id, member_id, item, count, day, created_at, created_by)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
static const char q_dists_of[] =
    "SELECT d.id, d.activity_id, a.code, a.name, d.item, d.count, d.day FROM activity_dist d JOIN activity a"
    " ON a.id = d.activity_id WHERE d.member_id = ? ORDER BY d.day DESC, d.id DESC";
static const char q_items[] =
    "SELECT item, SUM(count) FROM activity_dist WHERE activity_id = ? GROUP BY item ORDER BY item";
static const char q_steps[] =
    "SELECT p.member_id, m.id_number, m.name, SUM(COALESCE(p.steps, 0)) FROM activity_part p JOIN member m"
    " ON m.id = p.member_id WHERE p.activity_id = ? GROUP BY p.member_id, m.id_number, m.name";
static const char q_scores[] =
    "SELECT p.member_id, m.id_number, m.name, MAX(p.score) FROM activity_part p JOIN member m ON m.id = p.member_id"
    " WHERE p.activity_id = ? AND p.score IS NOT NULL GROUP BY p.member_id, m.id_number, m.name";
static const char q_report[] =
    "SELECT y, district, kind, COUNT(*), SUM(pc), SUM(CASE WHEN att > pc THEN att ELSE pc END), SUM(ic) FROM ("
    " SELECT substr(a.date_from, 1, 4) AS y, " DISTRICT_OF_ORG(
        "o") " AS district, a.kind AS kind,"
             "  (SELECT COUNT(*) FROM activity_part p WHERE p.activity_id = a.id) AS pc, a.attendees AS att,"
             "  (SELECT COALESCE(SUM(ad.count), 0) FROM activity_dist ad WHERE ad.activity_id = a.id) AS ic" ACT_FROM
             "  WHERE a.date_from >= ?4 AND a.date_from <= ?5 AND" ACT_SCOPE
             ") t GROUP BY y, district, kind ORDER BY y, district, kind";
static const char q_item_report[] =
    "SELECT y, district, item, SUM(n), SUM(u), SUM(m) FROM ("
    " SELECT substr(dd.day, 1, 4) AS y, " DISTRICT_OF_ORG(
        "o") " AS district, dd.item AS item, dd.count AS n,"
             "  CASE WHEN dd.unit_id IS NOT NULL THEN dd.count ELSE 0 END AS u,"
             "  CASE WHEN dd.member_id IS NOT NULL THEN dd.count ELSE 0 END AS m"
             " FROM activity_dist dd JOIN activity a ON a.id = dd.activity_id JOIN org o ON o.id = a.org_id"
             "  WHERE dd.day >= ?4 AND dd.day <= ?5 AND" ACT_SCOPE
             ") t GROUP BY y, district, item ORDER BY y, district, item";

static void bind_scope(hz_stmt *st, const hz_list_scope *sc) {
    hz_stmt_text(st, 1, sc->org_path ? sc->org_path : "");
    hz_stmt_int(st, 2, sc->unit_id);
    hz_stmt_int(st, 3, sc->member_id);
}

static int year_of(const char *text) {
    int y = 0;
    for (int i = 0; i < 4 && text[i] >= '0' && text[i] <= '9'; i++)
        y = y * 10 + (text[i] - '0');
    return y;
}

hz_err hz_store_activity_insert(hz_db *db, hz_activity *a, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_ins, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, a->code);
    hz_stmt_text(st, 2, a->kind);
    hz_stmt_text(st, 3, a->name);
    hz_stmt_int(st, 4, a->org_id);
    hz_bind_date(st, 5, a->from);
    hz_bind_date(st, 6, a->to);
    if (a->capacity > 0)
        hz_stmt_int(st, 7, a->capacity);
    else
        hz_stmt_null(st, 7);
    hz_stmt_int(st, 8, a->attendees);
    hz_stmt_text(st, 9, a->created_at);
    hz_stmt_text(st, 10, a->created_by);
    return hz_row_insert_id(st, &a->id, e);
}

static void read_activity(hz_stmt *st, hz_activity *a) {
    memset(a, 0, sizeof *a);
    a->id = hz_stmt_col_int(st, 0);
    HZ_COPY(a->code, hz_stmt_col_text(st, 1));
    HZ_COPY(a->kind, hz_stmt_col_text(st, 2));
    HZ_COPY(a->name, hz_stmt_col_text(st, 3));
    a->org_id = hz_stmt_col_int(st, 4);
    HZ_COPY(a->org_code, hz_stmt_col_text(st, 5));
    HZ_COPY(a->org_name, hz_stmt_col_text(st, 6));
    HZ_COPY(a->org_path, hz_stmt_col_text(st, 7));
    a->from = hz_row_date(st, 8);
    a->to = hz_row_date(st, 9);
    a->capacity = hz_stmt_col_int(st, 10);
    a->attendees = hz_stmt_col_int(st, 11);
    HZ_COPY(a->created_at, hz_stmt_col_text(st, 12));
    HZ_COPY(a->created_by, hz_stmt_col_text(st, 13));
    a->participants = hz_stmt_col_int(st, 14);
    a->items = hz_stmt_col_int(st, 15);
}

hz_err hz_store_activity_by_code(hz_db *db, const char *code, const hz_list_scope *sc, hz_activity *out,
                                 hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_by_code, &st, e);
    if (rc) return rc;
    bind_scope(st, sc);
    hz_stmt_text(st, 4, code ? code : "");
    if ((rc = hz_stmt_step(st, &row, e))) return rc;
    if (row) read_activity(st, out);
    hz_stmt_reset(st);
    if (!row) return hz_fail(e, HZ_ENOTFOUND, "活动 %s 不存在 (no such activity)", code ? code : "");
    return HZ_OK;
}

/* Rows are read whole before the callback runs: it may query the store. */
typedef void (*row_reader)(hz_stmt *st, void *out);

static hz_err collect(hz_stmt *st, size_t size, row_reader rd, char **rows, size_t *n, hz_errinfo *e) {
    bool row;
    hz_err rc;
    size_t cap = 0;
    *rows = NULL;
    *n = 0;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 32;
            char *r = realloc(*rows, cap * size);
            if (!r) {
                rc = hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
                break;
            }
            *rows = r;
        }
        rd(st, *rows + (*n)++ * size);
    }
    hz_stmt_reset(st);
    if (rc) {
        free(*rows);
        *rows = NULL;
        *n = 0;
    }
    return rc;
}

typedef hz_err (*row_fn)(void *ctx, const void *row, hz_errinfo *e);

static hz_err each(hz_stmt *st, size_t size, row_reader rd, row_fn fn, void *ctx, hz_errinfo *e) {
    char *rows;
    size_t n;
    hz_err rc = collect(st, size, rd, &rows, &n, e);
    for (size_t i = 0; rc == HZ_OK && i < n; i++)
        rc = fn(ctx, rows + i * size, e);
    free(rows);
    return rc;
}

static void rd_activity(hz_stmt *st, void *out) { read_activity(st, out); }

static hz_err act_row(void *vctx, hz_stmt *st, hz_errinfo *e) {
    const hz_rec_fn_ctx *c = vctx;
    hz_activity a;
    read_activity(st, &a);
    return ((hz_activity_fn)c->fn)(c->ctx, &a, e);
}

hz_err hz_store_activities_page(hz_db *db, const hz_list_scope *sc, const hz_rec_filter *f, int64_t offset,
                                int64_t limit, hz_activity_fn fn, void *ctx, int64_t *total, hz_errinfo *e) {
    if (f->sort < 0 || f->sort >= HZ_ACT_SORTS || !f->text2) return hz_fail(e, HZ_EINTERNAL, "activities: sort %d", f->sort);
    hz_rec_fn_ctx c = {(hz_rec_any_fn)fn, ctx};
    return hz_store_rec_page(db, q_act_count, q_act_page[f->sort][f->desc], sc, f, offset, limit, act_row, &c, total,
                             e);
}


hz_err hz_store_activities(hz_db *db, const hz_list_scope *sc, const char *kind, int year, hz_activity_fn fn, void *ctx,
                           hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_list, &st, e);
    if (rc) return rc;
    char y[12];
    snprintf(y, sizeof y, "%04d", year);
    bind_scope(st, sc);
    hz_stmt_text(st, 4, kind ? kind : "");
    hz_stmt_int(st, 5, year);
    hz_stmt_text(st, 6, y);
    return each(st, sizeof(hz_activity), rd_activity, (row_fn)fn, ctx, e);
}

static hz_err count2(hz_db *db, const char *sql, int64_t a, int64_t b, hz_date day, int64_t *out, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, sql, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, a);
    if (b) hz_stmt_int(st, 2, b);
    if (day != HZ_DATE_NONE) hz_bind_date(st, 3, day);
    return hz_row_int(st, out, e);
}

hz_err hz_store_activity_members(hz_db *db, int64_t activity_id, int64_t *n, hz_errinfo *e) {
    return count2(db, q_members, activity_id, 0, HZ_DATE_NONE, n, e);
}

hz_err hz_store_activity_joined(hz_db *db, int64_t activity_id, int64_t member_id, bool *joined, hz_errinfo *e) {
    int64_t n = 0;
    hz_err rc = count2(db, q_joined, activity_id, member_id, HZ_DATE_NONE, &n, e);
    *joined = n > 0;
    return rc;
}

hz_err hz_store_activity_joined_on(hz_db *db, int64_t activity_id, int64_t member_id, hz_date day, bool *joined,
                                   hz_errinfo *e) {
    int64_t n = 0;
    hz_err rc = count2(db, q_joined_on, activity_id, member_id, day, &n, e);
    *joined = n > 0;
    return rc;
}

static void bind_opt_int(hz_stmt *st, int idx, int64_t v) {
    if (v < 0)
        hz_stmt_null(st, idx);
    else
        hz_stmt_int(st, idx, v);
}

hz_err hz_store_activity_part_insert(hz_db *db, hz_activity_part *p, const char *now, const char *by, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_part_ins, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, p->activity_id);
    hz_stmt_int(st, 2, p->member_id);
    hz_bind_date(st, 3, p->day);
    bind_opt_int(st, 4, p->steps);
    bind_opt_int(st, 5, p->score);
    hz_stmt_int(st, 6, p->extra);
    hz_stmt_text(st, 7, now);
    hz_stmt_text(st, 8, by);
    return hz_row_insert_id(st, &p->id, e);
}

static void rd_part(hz_stmt *st, void *out) {
    hz_activity_part *p = out;
    memset(p, 0, sizeof *p);
    p->id = hz_stmt_col_int(st, 0);
    p->activity_id = hz_stmt_col_int(st, 1);
    p->member_id = hz_stmt_col_int(st, 2);
    HZ_COPY(p->code, hz_stmt_col_text(st, 3));
    HZ_COPY(p->kind, hz_stmt_col_text(st, 4));
    HZ_COPY(p->name, hz_stmt_col_text(st, 5));
    HZ_COPY(p->id_number, hz_stmt_col_text(st, 6));
    HZ_COPY(p->member_name, hz_stmt_col_text(st, 7));
    p->day = hz_row_date(st, 8);
    p->steps = hz_stmt_col_int(st, 9);
    p->score = hz_stmt_col_int(st, 10);
    p->extra = hz_stmt_col_int(st, 11);
}

hz_err hz_store_activity_parts_of_member(hz_db *db, int64_t member_id, hz_activity_part_fn fn, void *ctx,
                                         hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_parts_of, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, member_id);
    return each(st, sizeof(hz_activity_part), rd_part, (row_fn)fn, ctx, e);
}

hz_err hz_store_activity_dist_insert(hz_db *db, hz_activity_dist *d, int64_t unit_id, int64_t member_id,
                                     const char *now, const char *by, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_dist_ins, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, d->activity_id);
    hz_bind_opt_id(st, 2, unit_id);
    hz_bind_opt_id(st, 3, member_id);
    hz_stmt_text(st, 4, d->item);
    hz_stmt_int(st, 5, d->count);
    hz_bind_date(st, 6, d->day);
    hz_stmt_text(st, 7, now);
    hz_stmt_text(st, 8, by);
    return hz_row_insert_id(st, &d->id, e);
}

static void rd_dist(hz_stmt *st, void *out) {
    hz_activity_dist *d = out;
    memset(d, 0, sizeof *d);
    d->id = hz_stmt_col_int(st, 0);
    d->activity_id = hz_stmt_col_int(st, 1);
    HZ_COPY(d->code, hz_stmt_col_text(st, 2));
    HZ_COPY(d->name, hz_stmt_col_text(st, 3));
    HZ_COPY(d->item, hz_stmt_col_text(st, 4));
    d->count = hz_stmt_col_int(st, 5);
    d->day = hz_row_date(st, 6);
}

hz_err hz_store_activity_dists_of_member(hz_db *db, int64_t member_id, hz_activity_dist_fn fn, void *ctx,
                                         hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_dists_of, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, member_id);
    return each(st, sizeof(hz_activity_dist), rd_dist, (row_fn)fn, ctx, e);
}

hz_err hz_store_activity_items(hz_db *db, int64_t activity_id, hz_item_fn fn, void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_items, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, activity_id);
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        char item[64];
        HZ_COPY(item, hz_stmt_col_text(st, 0));
        if ((rc = fn(ctx, item, hz_stmt_col_int(st, 1), e))) break;
    }
    hz_stmt_reset(st);
    return rc;
}

static void rd_total(hz_stmt *st, void *out) {
    hz_rank_row *r = out;
    memset(r, 0, sizeof *r);
    r->member_id = hz_stmt_col_int(st, 0);
    HZ_COPY(r->id_number, hz_stmt_col_text(st, 1));
    HZ_COPY(r->name, hz_stmt_col_text(st, 2));
    r->value = hz_stmt_col_int(st, 3);
}

hz_err hz_store_activity_totals(hz_db *db, int64_t activity_id, const char *by, hz_rank_row **rows, size_t *n,
                                hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, !strcmp(by, "steps") ? q_steps : q_scores, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, activity_id);
    return collect(st, sizeof(hz_rank_row), rd_total, (char **)rows, n, e);
}

static void bind_window(hz_stmt *st, const hz_list_scope *sc, hz_date from, hz_date to) {
    bind_scope(st, sc);
    hz_bind_date(st, 4, from);
    hz_bind_date(st, 5, to);
}

hz_err hz_store_activity_totals_report(hz_db *db, const hz_list_scope *sc, hz_date from, hz_date to,
                                       hz_activity_total_fn fn, void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_report, &st, e);
    if (rc) return rc;
    bind_window(st, sc, from, to);
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        hz_activity_total t;
        memset(&t, 0, sizeof t);
        t.year = year_of(hz_stmt_col_text(st, 0));
        HZ_COPY(t.district, hz_stmt_col_text(st, 1));
        HZ_COPY(t.kind, hz_stmt_col_text(st, 2));
        t.activities = hz_stmt_col_int(st, 3);
        t.participations = hz_stmt_col_int(st, 4);
        t.attendees = hz_stmt_col_int(st, 5);
        t.items = hz_stmt_col_int(st, 6);
        if ((rc = fn(ctx, &t, e))) break;
    }
    hz_stmt_reset(st);
    return rc;
}

hz_err hz_store_item_totals_report(hz_db *db, const hz_list_scope *sc, hz_date from, hz_date to, hz_item_total_fn fn,
                                   void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_item_report, &st, e);
    if (rc) return rc;
    bind_window(st, sc, from, to);
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        hz_item_total t;
        memset(&t, 0, sizeof t);
        t.year = year_of(hz_stmt_col_text(st, 0));
        HZ_COPY(t.district, hz_stmt_col_text(st, 1));
        HZ_COPY(t.item, hz_stmt_col_text(st, 2));
        t.count = hz_stmt_col_int(st, 3);
        t.to_units = hz_stmt_col_int(st, 4);
        t.to_members = hz_stmt_col_int(st, 5);
        if ((rc = fn(ctx, &t, e))) break;
    }
    hz_stmt_reset(st);
    return rc;
}

static const char *const care_migrations[] = {
    /* 1: activities, participations (once per member, activity and day),
     * goods handed out to a unit or a member (spec/README.md module 8) */
    "CREATE TABLE activity ("
    " id ID_PK,"
    " code TEXT NOT NULL UNIQUE,"
    " kind TEXT NOT NULL CHECK (kind IN ('lecture', 'walk', 'run', 'cool', 'welcome', 'checkup', 'screening',"
    "  'contest', 'interest', 'training', 'room')),"
    " name TEXT NOT NULL,"
    " org_id BIGINT NOT NULL REFERENCES org(id),"
    " date_from TEXT NOT NULL,"
    " date_to TEXT NOT NULL CHECK (date_to >= date_from),"
    " capacity BIGINT CHECK (capacity IS NULL OR capacity > 0),"
    " attendees BIGINT NOT NULL DEFAULT 0 CHECK (attendees >= 0),"
    " created_at TEXT NOT NULL,"
    " created_by TEXT NOT NULL) /*STRICT*/;"
    "CREATE INDEX activity_org ON activity(org_id, date_from);"
    "CREATE TABLE activity_part ("
    " id ID_PK,"
    " activity_id BIGINT NOT NULL REFERENCES activity(id),"
    " member_id BIGINT NOT NULL REFERENCES member(id),"
    " day TEXT NOT NULL,"
    " steps BIGINT CHECK (steps IS NULL OR steps >= 0),"
    " score BIGINT CHECK (score IS NULL OR score >= 0),"
    " extra BIGINT NOT NULL DEFAULT 0 CHECK (extra >= 0),"
    " created_at TEXT NOT NULL,"
    " created_by TEXT NOT NULL,"
    " UNIQUE (activity_id, member_id, day)) /*STRICT*/;"
    "CREATE INDEX activity_part_member ON activity_part(member_id);"
    "CREATE TABLE activity_dist ("
    " id ID_PK,"
    " activity_id BIGINT NOT NULL REFERENCES activity(id),"
    " unit_id BIGINT REFERENCES unit(id),"
    " member_id BIGINT REFERENCES member(id),"
    " item TEXT NOT NULL,"
    " count BIGINT NOT NULL CHECK (count > 0),"
    " day TEXT NOT NULL,"
    " created_at TEXT NOT NULL,"
    " created_by TEXT NOT NULL,"
    " CHECK ((unit_id IS NULL AND member_id IS NOT NULL) OR (unit_id IS NOT NULL AND member_id IS NULL)))"
    " /*STRICT*/;"
    "CREATE INDEX activity_dist_activity ON activity_dist(activity_id);"
    "CREATE INDEX activity_dist_member ON activity_dist(member_id);",
};

static const hz_store_check care_checks[] = {
    /* a participation lies within its activity's dates */
    {"activity_part.day<=activity.dates",
     "SELECT 'activity:' || a.code, 0, 1 FROM activity_part p JOIN activity a ON a.id = p.activity_id"
     " WHERE p.day < a.date_from OR p.day > a.date_to ORDER BY p.id LIMIT 1"},
    /* an activity's capacity holds its participants */
    {"activity.participants<=capacity",
     "SELECT 'activity:' || a.code, (SELECT COUNT(DISTINCT p.member_id) FROM activity_part p WHERE p.activity_id ="
     " a.id), a.capacity FROM activity a WHERE a.capacity IS NOT NULL AND (SELECT COUNT(DISTINCT p.member_id)"
     " FROM activity_part p WHERE p.activity_id = a.id) > a.capacity ORDER BY a.id LIMIT 1"},
};

const hz_store_module hz_store_module_care = {
    .name = "care",
    .migrations = care_migrations,
    .n_migrations = HZ_COUNT(care_migrations),
    .checks = care_checks,
    .n_checks = HZ_COUNT(care_checks),
};
