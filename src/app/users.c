/* Users and sessions. */
#include "app/users.h"

#include <ctype.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/lists.h"
#include "core/normalize.h"
#include "core/idcard.h"
#include "core/text.h"
#include "io/datadir.h"
#include "store/registry.h"
#include "store/security.h"

/* Argon2id at libsodium's interactive limit takes 64 MiB a hash: logins
 * from many addresses at once would take that each. At most
 * HZ_PWHASH_PARALLEL hashes run at a time; the others wait their turn
 * (a login waits some tenths of a second, memory stays bounded). */
#define HZ_PWHASH_PARALLEL 2
static pthread_mutex_t pw_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pw_turn = PTHREAD_COND_INITIALIZER;
static int pw_running;

static void pw_enter(void) {
    pthread_mutex_lock(&pw_lock);
    while (pw_running >= HZ_PWHASH_PARALLEL)
        pthread_cond_wait(&pw_turn, &pw_lock);
    pw_running++;
    pthread_mutex_unlock(&pw_lock);
}

static void pw_leave(void) {
    pthread_mutex_lock(&pw_lock);
    pw_running--;
    pthread_cond_signal(&pw_turn);
    pthread_mutex_unlock(&pw_lock);
}

/* crypto_pwhash_str at the interactive limits, in turn; 0 on success. */
static int pw_hash(char out[crypto_pwhash_STRBYTES], const char *password) {
    pw_enter();
    int rc = crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                               crypto_pwhash_MEMLIMIT_INTERACTIVE);
    pw_leave();
    return rc;
}

/* crypto_pwhash_str_verify, in turn: true when password matches. */
static bool pw_verify(const char *hash, const char *password) {
    pw_enter();
    bool ok = crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
    pw_leave();
    return ok;
}

static const char *const roles[] = {"admin", "staff", "reviewer", "finance", "cadre", "unit", "member", NULL};

static void token_hash(const char *token, char out[65]) {
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(out, 65, h, sizeof h);
}

static void random_hex(char out[HZ_TOKEN_BUF]) {
    unsigned char b[32];
    randombytes_buf(b, sizeof b);
    sodium_bin2hex(out, HZ_TOKEN_BUF, b, sizeof b);
}

const char *hz_common_passwords_path(void) {
    const char *env = getenv("HUZHU_COMMON_PASSWORDS");
    return env && *env ? env : hz_data_path(HZ_DATA_PASSWORDS);
}

/* Is pw (compared without case) a line of the shipped list? The list is
 * read at each check: passwords are set rarely, and a missing list refuses
 * every password rather than accepting them all. */
static hz_err password_common(const char *pw, bool *common, hz_errinfo *e) {
    *common = false;
    const char *path = hz_common_passwords_path();
    FILE *f = fopen(path, "r");
    if (!f) return hz_fail(e, HZ_EINTERNAL, "常用密码表缺失 (common-password list missing: %s)", path);
    char line[160];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] && line[0] != '#' && !strcasecmp(line, pw)) {
            *common = true;
            break;
        }
    }
    fclose(f);
    return HZ_OK;
}

hz_err hz_password_policy(const char *login, const char *password, hz_errinfo *e) {
    size_t n = password ? strlen(password) : 0;
    if (n < 8 || n > 128)
        return hz_fail(e, HZ_EINVAL, "password: 密码应为8至128个字符 (password must have 8..128 characters)");
    if (login && !strcasecmp(login, password))
        return hz_fail(e, HZ_EINVAL, "password: 密码不能与登录名相同 (password must not be the login)");
    bool common;
    hz_err rc = password_common(password, &common, e);
    if (rc) return rc;
    if (common)
        return hz_fail(e, HZ_EINVAL, "password: 密码过于常见, 请另选 (password is in the list of common passwords)");
    return HZ_OK;
}

hz_err hz_app_user_add(hz_app *app, const char *login, const char *role, const char *scope, const char *password,
                       hz_errinfo *e) {
    if (sodium_init() < 0) return hz_fail(e, HZ_EINTERNAL, "libsodium 初始化失败");
    hz_err arc = hz_authz_can(app, HZ_A_USER_ADMIN, e);
    if (arc) return arc;
    hz_user u;
    memset(&u, 0, sizeof u);
    if (!login || strlen(login) < 2 || strlen(login) >= sizeof u.login)
        return hz_fail(e, HZ_EINVAL, "login: 登录名应为2至63个字符 (login must have 2..63 characters)");
    for (const char *p = login; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("._-@", *p)))
            return hz_fail(e, HZ_EINVAL, "login: 只能含字母、数字和 . _ - @ (letters, digits, . _ - @)");
    bool known = false;
    for (int i = 0; roles[i]; i++) known |= role && !strcmp(role, roles[i]);
    if (!known) return hz_fail(e, HZ_EINVAL, "role: 应为 admin/staff/reviewer/finance/cadre/unit/member (unknown role)");
    hz_err prc = hz_password_policy(login, password, e);
    if (prc) return prc;
    hz_strlcpy(u.login, login, sizeof u.login);
    hz_strlcpy(u.role, role, sizeof u.role);
    hz_err rc = hz_db_begin(app->db, e);
    if (rc) return rc;
    if (scope && *scope) {
        const char *colon = strchr(scope, ':');
        size_t kl = colon ? (size_t)(colon - scope) : 0;
        const char *ref = colon ? colon + 1 : "";
        char ref_n[HZ_ID_LEN + 1];
        if (kl == 3 && !strncmp(scope, "org", 3)) {
            hz_org org;
            rc = hz_store_org_by_code(app->db, ref, &org, e);
        } else if (kl == 4 && !strncmp(scope, "unit", 4)) {
            hz_unit unit;
            if (!(rc = hz_norm_credit_code(ref, ref_n, sizeof ref_n, "scope", e))) ref = ref_n;
            if (!rc) rc = hz_store_unit_by_code(app->db, ref, &unit, e);
        } else if (kl == 6 && !strncmp(scope, "member", 6)) {
            hz_member m;
            if (!(rc = hz_norm_id_number(ref, ref_n, sizeof ref_n, "scope", e))) ref = ref_n;
            if (!rc) rc = hz_store_member_by_id_number(app->db, ref, &m, e);
        } else {
            rc = hz_fail(e, HZ_EINVAL, "scope: 应为 org:C、unit:CREDIT_CODE 或 member:ID (unknown scope '%s')", scope);
        }
        if (rc) goto fail;
        hz_strlcpy(u.scope_kind, scope, kl + 1 < sizeof u.scope_kind ? kl + 1 : sizeof u.scope_kind);
        hz_strlcpy(u.scope_ref, ref, sizeof u.scope_ref);
    }
    bool need = !strcmp(role, "cadre") || !strcmp(role, "unit") || !strcmp(role, "member");
    const char *want = !strcmp(role, "cadre") ? "org" : !strcmp(role, "unit") ? "unit" : "member";
    if (need && strcmp(u.scope_kind, want) != 0) {
        rc = hz_fail(e, HZ_EINVAL, "scope: 角色 %s 须指定 --scope %s:… (role %s needs a %s scope)", role, want, role, want);
        goto fail;
    }
    if (pw_hash(u.pw_hash, password) != 0) {
        rc = hz_fail(e, HZ_EINTERNAL, "密码哈希失败 (out of memory)");
        goto fail;
    }
    char detail[96];
    snprintf(detail, sizeof detail, "{\"role\":\"%s\",\"scope\":\"%s:%s\"}", u.role, u.scope_kind, u.scope_ref);
    char object[80];
    snprintf(object, sizeof object, "user:%s", u.login);
    if ((rc = hz_store_user_insert(app->db, &u, app->now, e)) || (rc = hz_audit(app, "user.add", object, detail, e)))
        goto fail;
    return hz_db_commit(app->db, e);
fail:
    hz_db_rollback(app->db);
    return rc;
}

int hz_login_lock_after(void) {
    const char *env = getenv("HUZHU_LOCK_AFTER");
    long v = env && *env ? strtol(env, NULL, 10) : 0;
    return v >= 1 && v <= 1000 ? (int)v : HZ_LOCK_AFTER_DEFAULT;
}

/* A failed login, recorded and audited in its own transaction; an account
 * reaching the limit is locked. The login name is attacker text: it is kept
 * to what a login may hold. */
static void login_failed(hz_app *app, const char *login, const hz_user *u, const char *why) {
    char object[80], detail[96], safe[64];
    size_t k = 0;
    for (const char *p = login; *p && k < sizeof safe - 1; p++)
        safe[k++] = (isalnum((unsigned char)*p) || strchr("._-@", *p)) ? *p : '?';
    safe[k] = '\0';
    snprintf(object, sizeof object, "user:%s", safe);
    hz_errinfo e;
    if (hz_db_begin(app->db, &e)) return;
    hz_strlcpy(app->actor, "anonymous", sizeof app->actor);
    int64_t failed = 0;
    hz_err rc = HZ_OK;
    if (u && strcmp(why, "locked") != 0) rc = hz_store_user_login_failed(app->db, u->id, &failed, &e);
    snprintf(detail, sizeof detail, "{\"reason\":\"%s\",\"failed_in_a_row\":%lld}", why, (long long)failed);
    if (!rc) rc = hz_audit(app, "session.login_failed", object, detail, &e);
    if (!rc && u && failed >= hz_login_lock_after()) {
        char lock_detail[64];
        snprintf(lock_detail, sizeof lock_detail, "{\"failed_in_a_row\":%lld}", (long long)failed);
        if (!(rc = hz_store_user_lock(app->db, u->id, app->now, &e))) rc = hz_audit(app, "user.lock", object, lock_detail, &e);
    }
    if (rc || hz_db_commit(app->db, &e)) hz_db_rollback(app->db);
}

hz_err hz_app_login(hz_app *app, const char *login, const char *password, hz_login_result *out, hz_errinfo *e) {
    if (sodium_init() < 0) return hz_fail(e, HZ_EINTERNAL, "libsodium 初始化失败");
    memset(out, 0, sizeof *out);
    /* one answer for a wrong login, a wrong password and a locked account,
     * so neither tells which logins exist */
    static const char bad[] = "登录名或密码错误, 或帐号已锁定 (wrong login or password, or account locked)";
    if (!login || !password || strlen(password) > 128 || strlen(login) > 63) return hz_fail(e, HZ_EAUTH, bad);
    hz_errinfo ne;
    hz_err rc = hz_store_user_by_login(app->db, login, &out->user, &ne);
    if (rc == HZ_ENOTFOUND) {
        /* spend the same time as a real check, so logins cannot be probed */
        char dummy[crypto_pwhash_STRBYTES];
        if (pw_hash(dummy, "x")) {}
        login_failed(app, login, NULL, "unknown");
        return hz_fail(e, HZ_EAUTH, bad);
    }
    if (rc) return hz_fail(e, rc, "%s", ne.msg);
    bool pw_ok = pw_verify(out->user.pw_hash, password);
    char locked[24];
    if ((rc = hz_store_user_locked_at(app->db, out->user.id, locked, &ne))) return hz_fail(e, rc, "%s", ne.msg);
    if (out->user.disabled || locked[0] || !pw_ok) {
        login_failed(app, login, &out->user, locked[0] ? "locked" : out->user.disabled ? "disabled" : "password");
        memset(out, 0, sizeof *out);
        return hz_fail(e, HZ_EAUTH, bad);
    }
    random_hex(out->token);
    random_hex(out->csrf);
    time_t t = (time_t)(app->now_unix + HZ_SESSION_HOURS * 3600); /* on the app's clock, as checked */
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out->expires, sizeof out->expires, "%Y-%m-%dT%H:%M:%SZ", &tm);
    char th[65];
    token_hash(out->token, th);
    if ((rc = hz_db_begin(app->db, e))) return rc;
    hz_strlcpy(app->actor, out->user.login, sizeof app->actor);
    char object[80];
    snprintf(object, sizeof object, "user:%s", out->user.login);
    if ((rc = hz_store_session_insert(app->db, th, out->user.id, out->csrf, app->now, out->expires, e)) ||
        (rc = hz_store_user_login_ok(app->db, out->user.id, app->now, e)) ||
        (rc = hz_audit(app, "session.login", object, "", e))) {
        hz_db_rollback(app->db);
        return rc;
    }
    return hz_db_commit(app->db, e);
}

hz_err hz_app_user_unlock(hz_app *app, const char *login, hz_errinfo *e) {
    hz_err rc = hz_authz_can(app, HZ_A_USER_ADMIN, e);
    if (rc || (rc = hz_db_begin(app->db, e))) return rc;
    hz_user u;
    char locked[24], object[80];
    if ((rc = hz_store_user_by_login(app->db, login ? login : "", &u, e)) ||
        (rc = hz_store_user_locked_at(app->db, u.id, locked, e)) || (rc = hz_store_user_lock(app->db, u.id, "", e)))
        goto fail;
    snprintf(object, sizeof object, "user:%s", u.login);
    char detail[64];
    snprintf(detail, sizeof detail, "{\"was_locked\":%s}", locked[0] ? "true" : "false");
    if ((rc = hz_audit(app, "user.unlock", object, detail, e)) || (rc = hz_db_commit(app->db, e))) goto fail;
    return HZ_OK;
fail:
    hz_db_rollback(app->db);
    return rc;
}

hz_err hz_app_user_set_disabled(hz_app *app, const char *login, bool disabled, hz_errinfo *e) {
    hz_err rc = hz_authz_can(app, HZ_A_USER_ADMIN, e);
    if (rc) return rc;
    if (disabled && login && !strcmp(login, app->actor))
        return hz_fail(e, HZ_ECONFLICT, "不能停用自己的账户 (an admin cannot disable their own account)");
    if ((rc = hz_db_begin(app->db, e))) return rc;
    hz_user u;
    char object[80];
    if ((rc = hz_store_user_by_login(app->db, login ? login : "", &u, e)) ||
        (rc = hz_store_user_set_disabled(app->db, u.id, disabled, e)) ||
        (disabled && (rc = hz_store_user_sessions_delete(app->db, u.id, e))))
        goto fail;
    snprintf(object, sizeof object, "user:%s", u.login);
    if ((rc = hz_audit(app, disabled ? "user.disable" : "user.enable", object, NULL, e)) ||
        (rc = hz_db_commit(app->db, e)))
        goto fail;
    return HZ_OK;
fail:
    hz_db_rollback(app->db);
    return rc;
}

hz_err hz_app_user_reset_password(hz_app *app, const char *login, const char *password, hz_errinfo *e) {
    if (sodium_init() < 0) return hz_fail(e, HZ_EINTERNAL, "libsodium 初始化失败");
    hz_err rc = hz_authz_can(app, HZ_A_USER_ADMIN, e);
    if (rc || (rc = hz_password_policy(login ? login : "", password, e)) || (rc = hz_db_begin(app->db, e))) return rc;
    hz_user u;
    char object[80], hash[sizeof u.pw_hash];
    if ((rc = hz_store_user_by_login(app->db, login ? login : "", &u, e))) goto fail;
    if (pw_hash(hash, password) != 0) {
        rc = hz_fail(e, HZ_EINTERNAL, "密码哈希失败 (out of memory)");
        goto fail;
    }
    snprintf(object, sizeof object, "user:%s", u.login);
    if ((rc = hz_store_user_set_password(app->db, u.id, hash, e)) ||
        (rc = hz_store_user_sessions_delete(app->db, u.id, e)) || (rc = hz_store_user_lock(app->db, u.id, "", e)) ||
        (rc = hz_audit(app, "user.password_reset", object, NULL, e)) || (rc = hz_db_commit(app->db, e)))
        goto fail;
    return HZ_OK;
fail:
    hz_db_rollback(app->db);
    return rc;
}

static const char *const user_states[] = {"", "enabled", "disabled", "locked", NULL};
static const char *const user_sorts[] = {"", "login", "role", "last_login", "created_at", NULL}; /* hz_user_sort */
static const hz_list_spec user_spec = {user_states, user_sorts, 0, NULL, true, false, true};

static hz_err users_filter(hz_app *app, const hz_user_query *q, hz_list_buf *b, hz_rec_filter *f, hz_list_scope *sc,
                           hz_errinfo *e) {
    static const char *const roles[] = {"admin", "staff", "reviewer", "finance", "cadre", "unit", "member", NULL};
    hz_err rc = hz_authz_can(app, HZ_A_USER_ADMIN, e);
    if (rc || (rc = hz_list_filter(app, &user_spec, &q->list, b, f, sc, e)) ||
        (rc = hz_list_org(app, q->org, "org", &f->num, e)))
        return rc;
    if (q->role && *q->role) {
        int i = 0;
        while (roles[i] && strcmp(roles[i], q->role)) i++;
        if (!roles[i]) return hz_fail(e, HZ_EINVAL, "role: 应为 admin、staff、reviewer、finance、cadre、unit 或 member (a role)");
        f->text = roles[i];
    }
    return HZ_OK;
}

hz_err hz_app_users_page(hz_app *app, const hz_user_query *q, hz_page pg, hz_user_row_fn fn, void *ctx,
                         int64_t *total, hz_errinfo *e) {
    hz_list_buf b;
    hz_rec_filter f;
    hz_list_scope sc;
    hz_err rc = users_filter(app, q, &b, &f, &sc, e);
    if (rc || (rc = hz_page_check(&pg, e))) return rc;
    return hz_store_users_page(app->db, &sc, &f, (pg.page - 1) * pg.per_page, pg.per_page, fn, ctx, total, e);
}

hz_err hz_app_users_list(hz_app *app, hz_user_row_fn fn, void *ctx, hz_errinfo *e) {
    hz_user_query q;
    memset(&q, 0, sizeof q);
    hz_list_buf b;
    hz_rec_filter f;
    hz_list_scope sc;
    int64_t total;
    hz_err rc = users_filter(app, &q, &b, &f, &sc, e);
    return rc ? rc : hz_store_users_page(app->db, &sc, &f, 0, -1, fn, ctx, &total, e);
}

static const char *role_label(const char *r) {
    static const char *const words[][2] = {{"admin", "系统管理员"}, {"staff", "业务员"}, {"reviewer", "审核员"},
                                           {"finance", "财务"},     {"cadre", "工会干部"}, {"unit", "单位联络员"},
                                           {"member", "会员"}};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (!strcmp(words[i][0], r)) return words[i][1];
    return r;
}

static hz_err user_cells(void *vctx, const hz_user_row *u, hz_errinfo *e) {
    hz_report *r = vctx;
    char scope[64] = "", failed[24], t[3][24];
    if (u->scope_kind[0]) snprintf(scope, sizeof scope, "%s:%s", u->scope_kind, u->scope_ref);
    snprintf(failed, sizeof failed, "%lld", (long long)u->failed_logins);
    const char *cells[] = {u->login, role_label(u->role), scope, u->scope_name,
                           u->disabled ? "停用" : u->locked_at[0] ? "锁定" : "启用",
                           hz_list_beijing(u->last_login_at, t[0]), hz_list_beijing(u->created_at, t[1]),
                           hz_list_beijing(u->locked_at, t[2]), failed};
    return hz_report_add_row(r, cells, e);
}

hz_err hz_app_users_export(hz_app *app, const hz_user_query *q, hz_report *out, hz_errinfo *e) {
    static const hz_report_col cols[] = {
        {"login", "登录名", HZ_COL_TEXT},          {"role", "角色", HZ_COL_TEXT},
        {"scope", "范围", HZ_COL_TEXT},            {"scope_name", "范围名称", HZ_COL_TEXT},
        {"state", "状态", HZ_COL_TEXT},            {"last_login_at", "最近登录", HZ_COL_TEXT},
        {"created_at", "创建时间", HZ_COL_TEXT},   {"locked_at", "锁定时间", HZ_COL_TEXT},
        {"failed_logins", "连续登录失败", HZ_COL_INT},
    };
    hz_list_buf b;
    hz_rec_filter f;
    hz_list_scope sc;
    int64_t total;
    hz_err rc = users_filter(app, q, &b, &f, &sc, e);
    if (rc) return rc;
    hz_report_head(out, "users", "用户与安全", false, (int)(sizeof cols / sizeof cols[0]), cols);
    return hz_store_users_page(app->db, &sc, &f, 0, -1, user_cells, out, &total, e);
}

/* The session a connection resolved last, kept while the database has not
 * changed at all (hz_db_version: a logout, a disabled account, a role or
 * scope edited, by this server or any other process, each change the
 * version) and until the session expires; then the store is asked again.
 * One per hz_app, i.e. per HTTP worker thread. A server on PostgreSQL asks
 * every time (the version is not known there without a round trip). */
struct hz_session_memo {
    char token_hash[65];
    uint64_t version[2];
    char expires[32];
    hz_user user;
    char csrf[80];
};

hz_err hz_app_authenticate(hz_app *app, const char *token, hz_user *out, char csrf[80], hz_errinfo *e) {
    if (!token || strlen(token) != 64) return hz_fail(e, HZ_EAUTH, "需要登录 (authentication required)");
    char th[65];
    token_hash(token, th);
    uint64_t ver[2];
    bool known = hz_db_version(app->db, ver);
    struct hz_session_memo *m = app->session;
    if (known && m && m->version[0] == ver[0] && m->version[1] == ver[1] && !strcmp(m->token_hash, th) &&
        strcmp(m->expires, app->now) > 0) {
        *out = m->user;
        hz_strlcpy(csrf, m->csrf, 80);
        hz_strlcpy(app->actor, out->login, sizeof app->actor);
        return HZ_OK;
    }
    if (m) m->token_hash[0] = '\0'; /* forgotten unless resolved again below */
    hz_errinfo ne;
    char expires[32];
    hz_err rc = hz_store_session_user(app->db, th, app->now, out, csrf, expires, &ne);
    if (rc == HZ_ENOTFOUND) return hz_fail(e, HZ_EAUTH, "会话无效或已过期 (session invalid or expired)");
    if (rc) return hz_fail(e, rc, "%s", ne.msg);
    if (out->disabled) return hz_fail(e, HZ_EAUTH, "用户已停用 (user disabled)");
    hz_strlcpy(app->actor, out->login, sizeof app->actor);
    if (known && (m || (m = app->session = calloc(1, sizeof *m)))) {
        memcpy(m->token_hash, th, sizeof th);
        m->version[0] = ver[0];
        m->version[1] = ver[1];
        hz_strlcpy(m->expires, expires, sizeof m->expires);
        m->user = *out;
        hz_strlcpy(m->csrf, csrf, sizeof m->csrf);
    }
    return HZ_OK;
}

hz_err hz_app_act_as(hz_app *app, const char *login, hz_errinfo *e) {
    hz_user u;
    hz_errinfo ne;
    hz_err rc = hz_store_user_by_login(app->db, login, &u, &ne);
    if (rc == HZ_ENOTFOUND) return hz_fail(e, HZ_ENOTFOUND, "as: 用户 %s 不存在 (no such user)", login);
    if (rc) return hz_fail(e, rc, "%s", ne.msg);
    if (u.disabled) return hz_fail(e, HZ_EAUTH, "as: 用户已停用 (user disabled)");
    if ((rc = hz_authz_set(app, u.role, u.scope_kind, u.scope_ref, e))) return rc;
    hz_strlcpy(app->actor, u.login, sizeof app->actor);
    return HZ_OK;
}

hz_err hz_app_logout(hz_app *app, const char *token, hz_errinfo *e) {
    char th[65];
    token_hash(token ? token : "", th);
    return hz_store_session_delete(app->db, th, e);
}
