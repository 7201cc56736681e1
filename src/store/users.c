/* SQL of users and sessions. */
#include "store/users.h"

#include "store/rows.h"

#define USER_COLS "id, login, pw_hash, role, COALESCE(scope_kind, ''), COALESCE(scope_ref, ''), disabled"
static const char q_user_ins[] = "INSERT INTO app_user (login, pw_hash, role, scope_kind, scope_ref, created_at)"
                                 " VALUES (?, ?, ?, ?, ?, ?) RETURNING id";
static const char q_user_login[] = "SELECT " USER_COLS " FROM app_user WHERE login = ?";
static const char q_user_pw[] = "UPDATE app_user SET pw_hash = ? WHERE id = ?";
static const char q_user_disabled[] = "UPDATE app_user SET disabled = ? WHERE id = ?";
static const char q_user_sessions_del[] = "DELETE FROM session WHERE user_id = ?";
static const char q_sess_ins[] = "INSERT INTO session (token_hash, user_id, csrf, created_at, expires_at)"
                                 " VALUES (?, ?, ?, ?, ?)";
static const char q_sess_user[] = "SELECT u.id, u.login, u.pw_hash, u.role, COALESCE(u.scope_kind, ''),"
                                  " COALESCE(u.scope_ref, ''), u.disabled, s.csrf, s.expires_at FROM session s"
                                  " JOIN app_user u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?";
static const char q_sess_del[] = "DELETE FROM session WHERE token_hash = ?";

static void read_user(hz_stmt *st, hz_user *u) {
    u->id = hz_stmt_col_int(st, 0);
    HZ_COPY(u->login, hz_stmt_col_text(st, 1));
    HZ_COPY(u->pw_hash, hz_stmt_col_text(st, 2));
    HZ_COPY(u->role, hz_stmt_col_text(st, 3));
    HZ_COPY(u->scope_kind, hz_stmt_col_text(st, 4));
    HZ_COPY(u->scope_ref, hz_stmt_col_text(st, 5));
    u->disabled = hz_stmt_col_int(st, 6) != 0;
}

hz_err hz_store_user_insert(hz_db *db, hz_user *u, const char *now, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_user_ins, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, u->login);
    hz_stmt_text(st, 2, u->pw_hash);
    hz_stmt_text(st, 3, u->role);
    hz_bind_opt_text(st, 4, u->scope_kind);
    hz_bind_opt_text(st, 5, u->scope_ref);
    hz_stmt_text(st, 6, now);
    rc = hz_row_insert_id(st, &u->id, e);
    if (rc == HZ_ECONFLICT) return hz_fail(e, HZ_ECONFLICT, "用户 %s 已存在 (user exists)", u->login);
    return rc;
}

hz_err hz_store_user_by_login(hz_db *db, const char *login, hz_user *out, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_user_login, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, login);
    if ((rc = hz_row_one(st, "用户不存在 (no such user)", e)))
        return rc == HZ_ENOTFOUND ? hz_fail(e, rc, "用户 %.40s 不存在 (no such user)", login) : rc;
    read_user(st, out);
    hz_stmt_reset(st);
    return HZ_OK;
}

hz_err hz_store_user_set_password(hz_db *db, int64_t id, const char *pw_hash, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_user_pw, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, pw_hash);
    hz_stmt_int(st, 2, id);
    return hz_stmt_run(st, e);
}

hz_err hz_store_user_set_disabled(hz_db *db, int64_t id, bool disabled, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_user_disabled, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, disabled ? 1 : 0);
    hz_stmt_int(st, 2, id);
    return hz_stmt_run(st, e);
}

hz_err hz_store_user_sessions_delete(hz_db *db, int64_t user_id, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_user_sessions_del, &st, e);
    if (rc) return rc;
    hz_stmt_int(st, 1, user_id);
    return hz_stmt_run(st, e);
}

hz_err hz_store_session_insert(hz_db *db, const char *token_hash, int64_t user_id, const char *csrf, const char *now,
                               const char *expires, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_sess_ins, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, token_hash);
    hz_stmt_int(st, 2, user_id);
    hz_stmt_text(st, 3, csrf);
    hz_stmt_text(st, 4, now);
    hz_stmt_text(st, 5, expires);
    return hz_stmt_run(st, e);
}

hz_err hz_store_session_user(hz_db *db, const char *token_hash, const char *now, hz_user *out, char csrf[80],
                             char expires[32], hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_sess_user, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, token_hash);
    hz_stmt_text(st, 2, now);
    if ((rc = hz_row_one(st, "会话无效或已过期 (no such session)", e))) return rc;
    read_user(st, out);
    hz_strlcpy(csrf, hz_stmt_col_text(st, 7), 80);
    hz_strlcpy(expires, hz_stmt_col_text(st, 8), 32);
    hz_stmt_reset(st);
    return HZ_OK;
}

hz_err hz_store_session_delete(hz_db *db, const char *token_hash, hz_errinfo *e) {
    hz_stmt *st;
    hz_err rc = hz_db_stmt(db, q_sess_del, &st, e);
    if (rc) return rc;
    hz_stmt_text(st, 1, token_hash);
    return hz_stmt_run(st, e);
}
