/* SQL of the security module (store/security.h). */
#include "store/security.h"

#include <string.h>

#include "store/rows.h"
#include "store/store.h"

static const char *const security_migrations[] = {
    /* 1: bank-card changes under control, office settings, account lockout */
    "CREATE TABLE card_change ("
    " id ID_PK,"
    " member_id BIGINT NOT NULL REFERENCES member(id),"
    " old_card TEXT, old_bank TEXT, new_card TEXT, new_bank TEXT,"
    " via TEXT NOT NULL,"
    " changed_by TEXT NOT NULL,"
    " changed_at TEXT NOT NULL,"
    " confirmed_by TEXT,"
    " confirmed_at TEXT) /*STRICT*/;"
    "CREATE INDEX card_change_member ON card_change(member_id) WHERE confirmed_at IS NULL;"
    "CREATE TABLE office_setting ("
    " key TEXT PRIMARY KEY,"
    " value TEXT NOT NULL,"
    " updated_at TEXT NOT NULL) /*STRICT*/;"
    "ALTER TABLE app_user ADD COLUMN failed_logins BIGINT NOT NULL DEFAULT 0;"
    "ALTER TABLE app_user ADD COLUMN locked_at TEXT;",
    /* 2: a payment row carries a MAC under the audit key (app/audit.h) over
     * what the bank is told: payee, card, bank, amount */
    "ALTER TABLE payment ADD COLUMN mac TEXT;",
    /* 3: an account's last login, for the users list (issue 16); earlier
     * logins are read back from the audit trail */
    "ALTER TABLE app_user ADD COLUMN last_login_at TEXT;"
    "UPDATE app_user SET last_login_at = (SELECT max(a.at) FROM audit_event a WHERE a.action = 'session.login'"
    " AND a.object = 'user:' || app_user.login);",
};

const hz_store_module hz_store_module_security = {
    .name = "security", .migrations = security_migrations, .n_migrations = HZ_COUNT(security_migrations)};

#define CC_COLS                                                                                                        \
    "id, member_id, COALESCE(old_card, ''), COALESCE(old_bank, ''), COALESCE(new_card, ''), COALESCE(new_bank, ''),"  \
    " via, changed_by, changed_at, COALESCE(confirmed_by, ''), COALESCE(confirmed_at, '')"
static const char q_cc_ins[] = "INSERT INTO card_change (member_id, old_card, old_bank, new_card, new_bank, via,"
                               " changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
static const char q_cc_pending[] = "SELECT " CC_COLS " FROM card_change WHERE member_id = ? AND confirmed_at IS NULL"
                                   " ORDER BY id DESC LIMIT 1";
static const char q_cc_confirm[] = "UPDATE card_change SET confirmed_by = ?, confirmed_at = ? WHERE member_id = ?"
                                   " AND confirmed_at IS NULL";
static const char q_release[] = "UPDATE payable SET hold_reason = NULL WHERE member_id = ? AND hold_reason = ?";
static const char q_release_n[] = "SELECT COUNT(*) FROM payable WHERE member_id = ? AND hold_reason = ?";

hz_err hz_store_card_change_insert(hz_db *db, hz_card_change *c, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_cc_ins, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, c->member_id);
    hz_bind_opt_text(st, 2, c->old_card);
    hz_bind_opt_text(st, 3, c->old_bank);
    hz_bind_opt_text(st, 4, c->new_card);
    hz_bind_opt_text(st, 5, c->new_bank);
    hz_stmt_text(st, 6, c->via);
    hz_stmt_text(st, 7, c->changed_by);
    hz_stmt_text(st, 8, c->changed_at);
    return hz_row_insert_id(st, &c->id, e);
}

hz_err hz_store_card_change_pending(hz_db *db, int64_t member_id, hz_card_change *out, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_cc_pending, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, member_id);
    if ((rc = hz_row_one(st, "没有待确认的银行卡变更 (no unconfirmed bank-card change)", e))) return rc;
    memset(out, 0, sizeof *out);
    out->id = hz_stmt_col_int(st, 0);
    out->member_id = hz_stmt_col_int(st, 1);
    HZ_COPY(out->old_card, hz_stmt_col_text(st, 2));
    HZ_COPY(out->old_bank, hz_stmt_col_text(st, 3));
    HZ_COPY(out->new_card, hz_stmt_col_text(st, 4));
    HZ_COPY(out->new_bank, hz_stmt_col_text(st, 5));
    HZ_COPY(out->via, hz_stmt_col_text(st, 6));
    HZ_COPY(out->changed_by, hz_stmt_col_text(st, 7));
    HZ_COPY(out->changed_at, hz_stmt_col_text(st, 8));
    HZ_COPY(out->confirmed_by, hz_stmt_col_text(st, 9));
    HZ_COPY(out->confirmed_at, hz_stmt_col_text(st, 10));
    hz_stmt_reset(st);
    return HZ_OK;
}

hz_err hz_store_card_change_confirm(hz_db *db, int64_t member_id, const char *by, const char *at, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_cc_confirm, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, by);
    hz_stmt_text(st, 2, at);
    hz_stmt_int(st, 3, member_id);
    return hz_stmt_run(st, e);
}

hz_err hz_store_payables_release_member(hz_db *db, int64_t member_id, const char *reason, int64_t *n, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_release_n, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, member_id);
    hz_stmt_text(st, 2, reason);
    if ((rc = hz_row_int(st, n, e)) || (rc = hz_db_stmt(db, q_release, &st, e))) return rc;
    hz_stmt_int(st, 1, member_id);
    hz_stmt_text(st, 2, reason);
    return hz_stmt_run(st, e);
}

static const char q_set_get[] = "SELECT value FROM office_setting WHERE key = ?";
static const char q_set_put[] = "INSERT INTO office_setting (key, value, updated_at) VALUES (?, ?, ?)"
                                " ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at";

hz_err hz_store_setting_get(hz_db *db, const char *key, char *buf, size_t cap, hz_errinfo *e) {
    hz_stmt *st;
    bool row;
    hz_err rc = hz_db_stmt(db, q_set_get, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, key);
    if ((rc = hz_stmt_step(st, &row, e))) return rc;
    hz_strlcpy(buf, row ? hz_stmt_col_text(st, 0) : "", cap);
    hz_stmt_reset(st);
    return HZ_OK;
}

hz_err hz_store_setting_put(hz_db *db, const char *key, const char *value, const char *now, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_set_put, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, key);
    hz_stmt_text(st, 2, value);
    hz_stmt_text(st, 3, now);
    return hz_stmt_run(st, e);
}

static const char q_fail[] = "UPDATE app_user SET failed_logins = failed_logins + 1 WHERE id = ?";
static const char q_failed[] = "SELECT failed_logins FROM app_user WHERE id = ?";
static const char q_ok[] = "UPDATE app_user SET failed_logins = 0, last_login_at = ? WHERE id = ?";
static const char q_lock[] = "UPDATE app_user SET locked_at = ? WHERE id = ?";
static const char q_unlock[] = "UPDATE app_user SET locked_at = NULL, failed_logins = 0 WHERE id = ?";
static const char q_locked[] = "SELECT COALESCE(locked_at, '') FROM app_user WHERE id = ?";

hz_err hz_store_user_login_failed(hz_db *db, int64_t user_id, int64_t *failed, hz_errinfo *e) {
    hz_err rc = hz_row_run_id(db, q_fail, user_id, e);
    hz_stmt *st;
    if (rc || (rc = hz_db_stmt(db, q_failed, &st, e))) return rc;
    hz_stmt_int(st, 1, user_id);
    return hz_row_int(st, failed, e);
}

hz_err hz_store_user_login_ok(hz_db *db, int64_t user_id, const char *now, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_ok, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, now);
    hz_stmt_int(st, 2, user_id);
    return hz_stmt_run(st, e);
}

hz_err hz_store_user_lock(hz_db *db, int64_t user_id, const char *at, hz_errinfo *e) {
    if (!at || !*at) return hz_row_run_id(db, q_unlock, user_id, e);
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_lock, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, at);
    hz_stmt_int(st, 2, user_id);
    return hz_stmt_run(st, e);
}

hz_err hz_store_user_locked_at(hz_db *db, int64_t user_id, char *buf, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_locked, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, user_id);
    if ((rc = hz_row_one(st, "用户不存在 (no such user)", e))) return rc;
    hz_strlcpy(buf, hz_stmt_col_text(st, 0), 24);
    hz_stmt_reset(st);
    return HZ_OK;
}

/* The users list (issue 16): an account's org is its scope's (an org, a
 * unit's union, a member's unit's union or org); its state 启用 / 停用 / 锁定. */
#define USER_FROM                                                                                                     \
    " FROM app_user u LEFT JOIN unit un ON u.scope_kind = 'unit' AND un.credit_code = u.scope_ref"                    \
    " LEFT JOIN member sm ON u.scope_kind = 'member' AND sm.id_number = u.scope_ref"                                  \
    " LEFT JOIN unit mu ON mu.id = sm.unit_id"                                                                        \
    " LEFT JOIN org o ON o.id = CASE WHEN u.scope_kind = 'org' THEN (SELECT so.id FROM org so WHERE so.code ="        \
    " u.scope_ref) WHEN u.scope_kind = 'unit' THEN un.org_id ELSE COALESCE(mu.org_id, sm.org_id) END"
#define USER_SCOPE_NAME "COALESCE(un.name, CASE WHEN u.scope_kind = 'org' THEN o.name END, sm.name, '')"
#define USER_STATE "(CASE WHEN u.disabled <> 0 THEN 'disabled' WHEN u.locked_at IS NOT NULL THEN 'locked' ELSE 'enabled' END)"
#define USER_WHERE                                                                                                    \
    HZ_LIST_WHERE("(?1 = '' OR substr(o.path, 1, length(?1)) = ?1) AND (?2 = 0 OR COALESCE(un.id, sm.unit_id) = ?2)"   \
                  " AND (?3 = 0 OR sm.id = ?3)",                                                                      \
                  "lower(" USER_SCOPE_NAME ")", "COALESCE(sm.id_number, '')", "lower(u.login)", USER_STATE,      \
                  "COALESCE(un.id, sm.unit_id) = ?8", "u.created_at", "u.role = ?11",                                 \
                  "EXISTS (SELECT 1 FROM org fo WHERE fo.id = ?12 AND substr(o.path, 1, length(fo.path)) = fo.path)")
#define Q_USERS(order)                                                                                                \
    "SELECT u.login, u.role, COALESCE(u.scope_kind, ''), COALESCE(u.scope_ref, ''),"                                  \
    " " USER_SCOPE_NAME ", COALESCE(u.locked_at, ''),"                                                              \
    " u.created_at, u.failed_logins, u.disabled, COALESCE(u.last_login_at, '')" USER_FROM USER_WHERE                  \
    " ORDER BY " order HZ_REC_PAGE
#define ROLE_ORDER                                                                                                    \
    "CASE u.role WHEN 'admin' THEN 1 WHEN 'staff' THEN 2 WHEN 'reviewer' THEN 3 WHEN 'finance' THEN 4"              \
    " WHEN 'cadre' THEN 5 WHEN 'unit' THEN 6 ELSE 7 END"
static const char *const q_users[HZ_USER_SORTS][2] = {
    {Q_USERS("u.login"), Q_USERS("u.login DESC")},
    {Q_USERS("u.login"), Q_USERS("u.login DESC")},
    {Q_USERS(ROLE_ORDER ", u.login"), Q_USERS(ROLE_ORDER " DESC, u.login DESC")},
    {Q_USERS("COALESCE(u.last_login_at, ''), u.login"), Q_USERS("COALESCE(u.last_login_at, '') DESC, u.login DESC")},
    {Q_USERS("u.created_at, u.id"), Q_USERS("u.created_at DESC, u.id DESC")},
};
static const char q_users_count[] = "SELECT count(*)" USER_FROM USER_WHERE;

static hz_err user_row(void *vctx, hz_stmt *st, hz_errinfo *e) {
    const hz_rec_fn_ctx *c = vctx;
    hz_user_row u = {hz_stmt_col_text(st, 0), hz_stmt_col_text(st, 1), hz_stmt_col_text(st, 2),
                     hz_stmt_col_text(st, 3), hz_stmt_col_text(st, 4), hz_stmt_col_text(st, 5),
                     hz_stmt_col_text(st, 6), hz_stmt_col_text(st, 9), hz_stmt_col_int(st, 7),
                     hz_stmt_col_int(st, 8) != 0};
    return ((hz_user_row_fn)c->fn)(c->ctx, &u, e);
}

hz_err hz_store_users_page(hz_db *db, const hz_list_scope *sc, const hz_rec_filter *f, int64_t offset, int64_t limit,
                           hz_user_row_fn fn, void *ctx, int64_t *total, hz_errinfo *e) {
    if (f->sort < 0 || f->sort >= HZ_USER_SORTS) return hz_fail(e, HZ_EINTERNAL, "users: sort %d", f->sort);
    hz_rec_fn_ctx c = {(hz_rec_any_fn)fn, ctx};
    return hz_store_rec_page(db, q_users_count, q_users[f->sort][f->desc], sc, f, offset, limit, user_row, &c, total, e);
}

static const char q_pay_mac[] = "UPDATE payment SET mac = ? WHERE id = ?";
static const char q_pay_walk[] = "SELECT id, payable_id, batch_id, amount, payee_name, COALESCE(bank_card, ''),"
                                 " COALESCE(bank_name, ''), COALESCE(mac, '') FROM payment ORDER BY id";

hz_err hz_store_payment_set_mac(hz_db *db, int64_t id, const char *mac, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_pay_mac, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, mac);
    hz_stmt_int(st, 2, id);
    return hz_stmt_run(st, e);
}

hz_err hz_store_payments_mac_walk(hz_db *db, hz_payment_mac_fn fn, void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_pay_walk, &st, e);
    if (rc) return rc;
    bool row;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        hz_payment_mac_row r = {hz_stmt_col_int(st, 0),  hz_stmt_col_int(st, 1),  hz_stmt_col_int(st, 2),
                                hz_stmt_col_int(st, 3),  hz_stmt_col_text(st, 4), hz_stmt_col_text(st, 5),
                                hz_stmt_col_text(st, 6), hz_stmt_col_text(st, 7)};
        if ((rc = fn(ctx, &r, e))) break;
    }
    hz_stmt_reset(st);
    return rc;
}

static const char q_cov_walk[] = "SELECT id, plan_id, shares, months, premium FROM coverage ORDER BY id";

hz_err hz_store_coverages_premium_walk(hz_db *db, hz_coverage_premium_fn fn, void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_cov_walk, &st, e);
    if (rc) return rc;
    bool row;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        if ((rc = fn(ctx, hz_stmt_col_int(st, 0), hz_stmt_col_int(st, 1), (int)hz_stmt_col_int(st, 2),
                     (int)hz_stmt_col_int(st, 3), hz_stmt_col_int(st, 4), e)))
            break;
    }
    hz_stmt_reset(st);
    return rc;
}
