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
static const char q_ok[] = "UPDATE app_user SET failed_logins = 0 WHERE id = ? AND failed_logins <> 0";
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

hz_err hz_store_user_login_ok(hz_db *db, int64_t user_id, hz_errinfo *e) { return hz_row_run_id(db, q_ok, user_id, e); }

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

static const char q_users[] =
    "SELECT u.login, u.role, COALESCE(u.scope_kind, ''), COALESCE(u.scope_ref, ''),"
    " COALESCE(un.name, o.name, m.name, ''), COALESCE(u.locked_at, ''), u.created_at, u.failed_logins, u.disabled"
    " FROM app_user u"
    " LEFT JOIN unit un ON u.scope_kind = 'unit' AND un.credit_code = u.scope_ref"
    " LEFT JOIN org o ON u.scope_kind = 'org' AND o.code = u.scope_ref"
    " LEFT JOIN member m ON u.scope_kind = 'member' AND m.id_number = u.scope_ref"
    " ORDER BY u.login";

hz_err hz_store_users_walk(hz_db *db, hz_user_row_fn fn, void *ctx, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_users, &st, e);
    if (rc) return rc;
    bool row;
    while ((rc = hz_stmt_step(st, &row, e)) == HZ_OK && row) {
        hz_user_row u = {hz_stmt_col_text(st, 0), hz_stmt_col_text(st, 1), hz_stmt_col_text(st, 2),
                         hz_stmt_col_text(st, 3), hz_stmt_col_text(st, 4), hz_stmt_col_text(st, 5),
                         hz_stmt_col_text(st, 6), hz_stmt_col_int(st, 7),  hz_stmt_col_int(st, 8) != 0};
        if ((rc = fn(ctx, &u, e))) break;
    }
    hz_stmt_reset(st);
    return rc;
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
