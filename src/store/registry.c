/* SQL of the registry: orgs, units, members, flags, statistics. */
#include "store/registry.h"
#include "store/rows.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char q_org_ins[] = "INSERT INTO org (code, name, parent_id, kind, region, path, created_at)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id";

hz_err hz_store_org_insert(hz_db *db, hz_org *org, const char *now, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_org_ins, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, org->code);
    hz_stmt_text(st, 2, org->name);
    if (org->parent_id) hz_stmt_int(st, 3, org->parent_id);
    else hz_stmt_null(st, 3);
    hz_stmt_text(st, 4, org->kind);
    hz_stmt_text(st, 5, org->region[0] ? org->region : NULL);
    hz_stmt_text(st, 6, org->path);
    hz_stmt_text(st, 7, now);
    rc = hz_row_insert_id(st, &org->id, e);
    if (rc == HZ_ECONFLICT) return hz_fail(e, HZ_ECONFLICT, "组织代码 %s 已存在 (org code exists)", org->code);
    return rc;
}

#define ORG_COLS "id, code, name, COALESCE(parent_id, 0), kind, COALESCE(region, ''), path"
static const char q_org_code[] = "SELECT " ORG_COLS " FROM org WHERE code = ?";
static const char q_org_id[] = "SELECT " ORG_COLS " FROM org WHERE id = ?";

static void read_org(hz_stmt *st, hz_org *o) {
    o->id = hz_stmt_col_int(st, 0);
    HZ_COPY(o->code, hz_stmt_col_text(st, 1));
    HZ_COPY(o->name, hz_stmt_col_text(st, 2));
    o->parent_id = hz_stmt_col_int(st, 3);
    HZ_COPY(o->kind, hz_stmt_col_text(st, 4));
    HZ_COPY(o->region, hz_stmt_col_text(st, 5));
    HZ_COPY(o->path, hz_stmt_col_text(st, 6));
    hz_stmt_reset(st);
}

hz_err hz_store_org_by_code(hz_db *db, const char *code, hz_org *out, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_org_code, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, code);
    char what[128];
    snprintf(what, sizeof what, "组织 %s 不存在 (no such org)", code);
    if ((rc = hz_row_one(st, what, e))) return rc;
    read_org(st, out);
    return HZ_OK;
}

hz_err hz_store_org_by_id(hz_db *db, int64_t id, hz_org *out, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_org_id, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, id);
    if ((rc = hz_row_one(st, "组织不存在 (no such org)", e))) return rc;
    read_org(st, out);
    return HZ_OK;
}

/* Members of a subtree: attached through their unit's org, or directly (joint). */
#define SUBTREE_MEMBERS                                                                                               \
    " FROM member m LEFT JOIN unit u ON u.id = m.unit_id"                                                            \
    " JOIN org o ON o.id = COALESCE(u.org_id, m.org_id) WHERE substr(o.path, 1, length(?1)) = ?1"
static const char q_stats_orgs[] = "SELECT count(*) FROM org WHERE substr(path, 1, length(?1)) = ?1";
static const char q_stats_units[] = "SELECT count(*) FROM unit u JOIN org o ON o.id = u.org_id"
                                    " WHERE substr(o.path, 1, length(?1)) = ?1";
static const char q_stats_members[] =
    "SELECT count(*), COALESCE(sum(CASE WHEN m.sex = 'F' THEN 1 ELSE 0 END), 0),"
    " COALESCE(sum(CASE WHEN EXISTS (SELECT 1 FROM member_flag f WHERE f.member_id = m.id AND f.kind = 'newform'"
    "  AND f.valid_from <= ?2 AND f.valid_to >= ?2) THEN 1 ELSE 0 END), 0),"
    " COALESCE(sum(CASE WHEN EXISTS (SELECT 1 FROM member_flag f WHERE f.member_id = m.id AND f.kind = 'model'"
    "  AND f.valid_from <= ?2 AND f.valid_to >= ?2) THEN 1 ELSE 0 END), 0),"
    " COALESCE(sum(CASE WHEN EXISTS (SELECT 1 FROM member_flag f WHERE f.member_id = m.id AND f.kind = 'hardship'"
    "  AND f.valid_from <= ?2 AND f.valid_to >= ?2) THEN 1 ELSE 0 END), 0),"
    " COALESCE(sum(CASE WHEN EXISTS (SELECT 1 FROM coverage c WHERE c.member_id = m.id AND c.status = 'active'"
    "  AND c.start_date <= ?2 AND c.end_date >= ?2) THEN 1 ELSE 0 END), 0)" SUBTREE_MEMBERS;

static hz_err count_of(hz_db *db, const char *sql, const char *path, int64_t *out, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, sql, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, path);
    return hz_row_int(st, out, e);
}

hz_err hz_store_org_stats(hz_db *db, const char *path, hz_date today, hz_org_stats *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    hz_err rc;
    if ((rc = count_of(db, q_stats_orgs, path, &out->orgs, e)) ||
        (rc = count_of(db, q_stats_units, path, &out->units, e)))
        return rc;
    hz_stmt *st;
    if ((rc = hz_db_stmt(db, q_stats_members, &st, e))) return rc;
    hz_stmt_text(st, 1, path);
    hz_bind_date(st, 2, today);
    if ((rc = hz_row_one(st, "no count", e))) return rc;
    out->members = hz_stmt_col_int(st, 0);
    out->women = hz_stmt_col_int(st, 1);
    out->newform = hz_stmt_col_int(st, 2);
    out->model_workers = hz_stmt_col_int(st, 3);
    out->hardship = hz_stmt_col_int(st, 4);
    out->covered = hz_stmt_col_int(st, 5);
    hz_stmt_reset(st);
    return HZ_OK;
}

static const char q_unit_ins[] =
    "INSERT INTO unit (credit_code, name, org_id, created_at) VALUES (?, ?, ?, ?) RETURNING id";
static const char q_unit_upd[] = "UPDATE unit SET name = ?, org_id = ? WHERE id = ?";
/* a unit's members belong to the unit's org: they move with it */
static const char q_unit_members_org[] = "UPDATE member SET org_id = ?, updated_at = ? WHERE unit_id = ?";
static const char q_unit_code[] = "SELECT u.id, u.credit_code, u.name, u.org_id, o.code FROM unit u"
                                  " JOIN org o ON o.id = u.org_id WHERE u.credit_code = ?";

hz_err hz_store_unit_insert(hz_db *db, hz_unit *unit, const char *now, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_unit_ins, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, unit->credit_code);
    hz_stmt_text(st, 2, unit->name);
    hz_stmt_int(st, 3, unit->org_id);
    hz_stmt_text(st, 4, now);
    rc = hz_row_insert_id(st, &unit->id, e);
    if (rc == HZ_ECONFLICT)
        return hz_fail(e, HZ_ECONFLICT, "会员单位 %s 已存在 (unit exists)", unit->credit_code);
    return rc;
}

hz_err hz_store_unit_update(hz_db *db, const hz_unit *unit, const char *now, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_unit_upd, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, unit->name);
    hz_stmt_int(st, 2, unit->org_id);
    hz_stmt_int(st, 3, unit->id);
    if ((rc = hz_stmt_run(st, e)) || (rc = hz_db_stmt(db, q_unit_members_org, &st, e))) return rc;
    hz_stmt_int(st, 1, unit->org_id);
    hz_stmt_text(st, 2, now);
    hz_stmt_int(st, 3, unit->id);
    return hz_stmt_run(st, e);
}

hz_err hz_store_unit_by_code(hz_db *db, const char *credit_code, hz_unit *out, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_unit_code, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, credit_code);
    char what[128];
    snprintf(what, sizeof what, "会员单位 %s 不存在 (no such unit)", credit_code);
    if ((rc = hz_row_one(st, what, e))) return rc;
    out->id = hz_stmt_col_int(st, 0);
    HZ_COPY(out->credit_code, hz_stmt_col_text(st, 1));
    HZ_COPY(out->name, hz_stmt_col_text(st, 2));
    out->org_id = hz_stmt_col_int(st, 3);
    HZ_COPY(out->org_code, hz_stmt_col_text(st, 4));
    hz_stmt_reset(st);
    return HZ_OK;
}

#define MEMBER_COLS                                                                                                   \
    "m.id, m.id_number, m.name, m.sex, m.birth_date, COALESCE(m.phone, ''), COALESCE(m.unit_id, 0),"                 \
    " COALESCE(m.org_id, 0), COALESCE(m.bank_card, ''), COALESCE(m.bank_name, ''), COALESCE(u.credit_code, ''),"     \
    " COALESCE(u.name, ''), COALESCE(o.code, ''), COALESCE(o.path, '')"
#define MEMBER_FROM                                                                                                   \
    " FROM member m LEFT JOIN unit u ON u.id = m.unit_id LEFT JOIN org o ON o.id = COALESCE(u.org_id, m.org_id)"
static const char q_member_idnum[] = "SELECT " MEMBER_COLS MEMBER_FROM " WHERE m.id_number = ?";
static const char q_member_id[] = "SELECT " MEMBER_COLS MEMBER_FROM " WHERE m.id = ?";
static const char q_member_rowid[] = "SELECT id FROM member WHERE id_number = ?";

static void read_member_cols(hz_stmt *st, hz_member *m) {
    m->id = hz_stmt_col_int(st, 0);
    HZ_COPY(m->id_number, hz_stmt_col_text(st, 1));
    HZ_COPY(m->name, hz_stmt_col_text(st, 2));
    m->sex = hz_stmt_col_text(st, 3)[0];
    m->birth = hz_row_date(st, 4);
    HZ_COPY(m->phone, hz_stmt_col_text(st, 5));
    m->unit_id = hz_stmt_col_int(st, 6);
    m->org_id = hz_stmt_col_int(st, 7);
    HZ_COPY(m->bank_card, hz_stmt_col_text(st, 8));
    HZ_COPY(m->bank_name, hz_stmt_col_text(st, 9));
    HZ_COPY(m->unit_code, hz_stmt_col_text(st, 10));
    HZ_COPY(m->unit_name, hz_stmt_col_text(st, 11));
    HZ_COPY(m->org_code, hz_stmt_col_text(st, 12));
    HZ_COPY(m->org_path, hz_stmt_col_text(st, 13));
}

static void read_member(hz_stmt *st, hz_member *m) {
    read_member_cols(st, m);
    hz_stmt_reset(st);
}

hz_err hz_store_member_by_id_number(hz_db *db, const char *id_number, hz_member *out, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_member_idnum, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, id_number);
    char what[128];
    snprintf(what, sizeof what, "会员 %s 不存在 (no such member)", id_number);
    if ((rc = hz_row_one(st, what, e))) return rc;
    read_member(st, out);
    return HZ_OK;
}

hz_err hz_store_member_by_id(hz_db *db, int64_t id, hz_member *out, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_member_id, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, id);
    if ((rc = hz_row_one(st, "会员不存在 (no such member)", e))) return rc;
    read_member(st, out);
    return HZ_OK;
}

static const char q_member_range[] = "SELECT " MEMBER_COLS MEMBER_FROM " WHERE m.id BETWEEN ? AND ? ORDER BY m.id";

hz_err hz_store_members_range(hz_db *db, int64_t lo, int64_t hi, hz_member_fn fn, void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_member_range, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, lo);
    hz_stmt_int(st, 2, hi);
    bool row;
    hz_member m;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        memset(&m, 0, sizeof m);
        read_member_cols(st, &m);
        if ((rc = fn(ctx, &m, e))) break;
    }
    hz_stmt_reset(st);
    return rc;
}

hz_err hz_store_member_id(hz_db *db, const char *id_number, int64_t *id, hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_member_rowid, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, id_number);
    if ((rc = hz_stmt_step(st, &row, e))) return rc;
    *id = row ? hz_stmt_col_int(st, 0) : 0;
    hz_stmt_reset(st);
    return HZ_OK;
}

static const char q_member_ins[] =
    "INSERT INTO member (id_number, name, sex, birth_date, phone, unit_id, org_id, bank_card, bank_name,"
    " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
static const char q_member_upd[] = "UPDATE member SET name = ?, phone = ?, unit_id = ?, org_id = ?, bank_card = ?,"
                                   " bank_name = ?, updated_at = ? WHERE id = ?";


hz_err hz_store_member_insert(hz_db *db, hz_member *m, const char *now, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_member_ins, &st, e);
    if (rc) return rc;
    char sex[2] = {m->sex, 0};
    hz_stmt_text(st, 1, m->id_number);
    hz_stmt_text(st, 2, m->name);
    hz_stmt_text(st, 3, sex);
    hz_bind_date(st, 4, m->birth);
    hz_bind_opt_text(st, 5, m->phone);
    hz_bind_opt_id(st, 6, m->unit_id);
    hz_bind_opt_id(st, 7, m->org_id);
    hz_bind_opt_text(st, 8, m->bank_card);
    hz_bind_opt_text(st, 9, m->bank_name);
    hz_stmt_text(st, 10, now);
    hz_stmt_text(st, 11, now);
    rc = hz_row_insert_id(st, &m->id, e);
    if (rc == HZ_ECONFLICT) return hz_fail(e, HZ_ECONFLICT, "会员 %s 已存在 (member exists)", m->id_number);
    return rc;
}

hz_err hz_store_member_update(hz_db *db, const hz_member *m, const char *now, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_member_upd, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, m->name);
    hz_bind_opt_text(st, 2, m->phone);
    hz_bind_opt_id(st, 3, m->unit_id);
    hz_bind_opt_id(st, 4, m->org_id);
    hz_bind_opt_text(st, 5, m->bank_card);
    hz_bind_opt_text(st, 6, m->bank_name);
    hz_stmt_text(st, 7, now);
    hz_stmt_int(st, 8, m->id);
    return hz_stmt_run(st, e);
}

static const char q_flag_put[] =
    "INSERT INTO member_flag (member_id, kind, level, valid_from, valid_to) VALUES (?, ?, ?, ?, ?)"
    " ON CONFLICT (member_id, kind, valid_from) DO UPDATE SET level = excluded.level, valid_to = excluded.valid_to";
static const char q_flag_end[] = "UPDATE member_flag SET valid_to = ? WHERE member_id = ? AND kind = ? AND valid_to > ?";
static const char q_flags[] = "SELECT id, kind, level, valid_from, valid_to FROM member_flag WHERE member_id = ?"
                              " ORDER BY kind, valid_from";

hz_err hz_store_flag_put(hz_db *db, int64_t member_id, const hz_flag *f, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_flag_put, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, member_id);
    hz_stmt_text(st, 2, f->kind);
    hz_stmt_text(st, 3, f->level);
    hz_bind_date(st, 4, f->from);
    hz_bind_date(st, 5, f->to);
    return hz_stmt_run(st, e);
}

hz_err hz_store_flag_end(hz_db *db, int64_t member_id, const char *kind, hz_date last_day, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_flag_end, &st, e);
    if (rc) return rc;
    hz_bind_date(st, 1, last_day);
    hz_stmt_int(st, 2, member_id);
    hz_stmt_text(st, 3, kind);
    hz_bind_date(st, 4, last_day);
    return hz_stmt_run(st, e);
}

hz_err hz_store_flags(hz_db *db, int64_t member_id, hz_flag *out, int max, int *n, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_flags, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, member_id);
    *n = 0;
    bool row;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        if (*n == max) {
            rc = hz_row_overflow(e, max, "会员类别 (flags of one member)");
            break;
        }
        hz_flag *f = &out[(*n)++];
        f->id = hz_stmt_col_int(st, 0);
        HZ_COPY(f->kind, hz_stmt_col_text(st, 1));
        HZ_COPY(f->level, hz_stmt_col_text(st, 2));
        f->from = hz_row_date(st, 3);
        f->to = hz_row_date(st, 4);
    }
    hz_stmt_reset(st);
    return rc;
}

static const char q_subtree_all[] = "SELECT m.id" SUBTREE_MEMBERS " ORDER BY m.id";
static const char q_subtree_flag[] =
    "SELECT m.id" SUBTREE_MEMBERS " AND EXISTS (SELECT 1 FROM member_flag f WHERE f.member_id = m.id"
    " AND f.kind = ?2 AND f.valid_from <= ?3 AND f.valid_to >= ?3) ORDER BY m.id";

hz_err hz_store_subtree_member_ids(hz_db *db, const char *path, const char *flag_kind, hz_date on, int64_t **ids,
                                   size_t *n, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, flag_kind ? q_subtree_flag : q_subtree_all, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, path);
    if (flag_kind) {
        hz_stmt_text(st, 2, flag_kind);
        hz_bind_date(st, 3, on);
    }
    return hz_row_ids(st, ids, n, e);
}

/* The registry module's tables are in the core history (migrations 1-2). */
const hz_store_module hz_store_module_registry = {.name = "registry"};
