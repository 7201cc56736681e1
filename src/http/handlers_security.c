/* API handlers of the security module (issue 12): confirm a member's new
 * bank card, unlock an account, office settings. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "app/security.h"
#include "app/users.h"
#include "http/handlers.h"

static void h_confirm_card(hz_req *r, char **p) {
    hz_card_confirm_report c;
    hz_errinfo e;
    if (hz_app_member_confirm_card(r->app, p[0], &c, &e)) {
        hz_http_fail(r, &e);
        return;
    }
    hz_http_json(r, 200,
                 json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I}", "id_number", c.id_number, "old_card", c.old_card,
                           "new_card", c.new_card, "changed_by", c.changed_by, "changed_at", c.changed_at,
                           "confirmed_by", c.confirmed_by, "released", (json_int_t)c.released));
}

static void h_user_unlock(hz_req *r, char **p) {
    hz_errinfo e;
    if (hz_app_user_unlock(r->app, p[0], &e)) hz_http_fail(r, &e);
    else hz_http_json(r, 200, json_pack("{s:s, s:b}", "login", p[0], "unlocked", 1));
}

/* POST /api/v1/users: a new account (admin). */
static void h_user_add(hz_req *r, char **p) {
    (void)p;
    json_t *doc = hz_http_body_json(r);
    if (!doc) return;
    static const char *const keys[] = {"login", "role", "scope", "password", NULL};
    const char *login, *role, *scope, *password;
    hz_errinfo e;
    if (hz_json_only(r, doc, keys) && hz_json_str(r, doc, "login", &login) && hz_json_str(r, doc, "role", &role) &&
        hz_json_str(r, doc, "scope", &scope) && hz_json_str(r, doc, "password", &password)) {
        if (hz_app_user_add(r->app, login, role, scope, password, &e)) hz_http_fail(r, &e);
        else hz_http_json(r, 201, json_pack("{s:s, s:s, s:o}", "login", login, "role", role, "scope",
                                            scope && *scope ? json_string(scope) : json_null()));
    }
    json_decref(doc);
}

static void user_set_disabled(hz_req *r, const char *login, bool disabled) {
    hz_errinfo e;
    if (hz_app_user_set_disabled(r->app, login, disabled, &e)) hz_http_fail(r, &e);
    else hz_http_json(r, 200, json_pack("{s:s, s:b}", "login", login, "disabled", disabled));
}
static void h_user_disable(hz_req *r, char **p) { user_set_disabled(r, p[0], true); }
static void h_user_enable(hz_req *r, char **p) { user_set_disabled(r, p[0], false); }

/* POST /api/v1/users/:login/password {"password"}: an admin's reset. */
static void h_user_password(hz_req *r, char **p) {
    json_t *doc = hz_http_body_json(r);
    if (!doc) return;
    static const char *const keys[] = {"password", NULL};
    const char *password = NULL;
    hz_errinfo e;
    if (hz_json_only(r, doc, keys) && hz_json_str(r, doc, "password", &password)) {
        if (hz_app_user_reset_password(r->app, p[0], password, &e)) hz_http_fail(r, &e);
        else hz_http_json(r, 200, json_pack("{s:s, s:b}", "login", p[0], "reset", 1));
    }
    json_decref(doc);
}

json_t *hz_http_user_row(const hz_user_row *u) {
    char scope[64] = "";
    if (u->scope_kind[0]) snprintf(scope, sizeof scope, "%s:%s", u->scope_kind, u->scope_ref);
    return json_pack("{s:s, s:s, s:o, s:s, s:b, s:o, s:I, s:b, s:s, s:o}", "login", u->login, "role", u->role,
                     "scope", scope[0] ? json_string(scope) : json_null(), "scope_name", u->scope_name, "locked",
                     u->locked_at[0] != 0, "locked_at", u->locked_at[0] ? json_string(u->locked_at) : json_null(),
                     "failed_logins", (json_int_t)u->failed_logins, "disabled", u->disabled, "created_at",
                     u->created_at, "last_login_at", u->last_login_at[0] ? json_string(u->last_login_at) : json_null());
}

static hz_err user_item(void *ctx, const hz_user_row *u, hz_errinfo *e) {
    (void)e;
    json_array_append_new(((hz_req *)ctx)->json, hz_http_user_row(u));
    return HZ_OK;
}

static hz_err users_page(hz_req *r, void *arg, hz_page pg, int64_t *total, hz_errinfo *e) {
    return hz_app_users_page(r->app, arg, pg, user_item, r, total, e);
}

static hz_err users_table(hz_req *r, void *arg, hz_report *rep, hz_errinfo *e) {
    return hz_app_users_export(r->app, arg, rep, e);
}

/* GET /api/v1/users?q=&status=&role=&org=&unit=&from=&to=&sort=&order=&page=
 * &per_page=[&format=csv|xlsx]: the admin's list of accounts and their lock
 * state, a page or every matching one as a file. */
static void h_users(hz_req *r, char **p) {
    (void)p;
    hz_user_query q = {hz_http_list_query(r), hz_http_query(r, "role"), hz_http_query(r, "org")};
    hz_http_list_or_export(r, &q, users_page, users_table);
}

static void h_setting_get(hz_req *r, char **p) {
    char v[64];
    hz_errinfo e;
    if (hz_app_setting_get(r->app, p[0], v, sizeof v, &e)) hz_http_fail(r, &e);
    else hz_http_json(r, 200, json_pack("{s:s, s:s}", "key", p[0], "value", v[0] ? v : "off"));
}

static void h_setting_put(hz_req *r, char **p) {
    json_t *doc = hz_http_body_json(r);
    if (!doc) return;
    static const char *const keys[] = {"value", NULL};
    const char *value = NULL;
    hz_errinfo e;
    if (hz_json_only(r, doc, keys) && hz_json_str(r, doc, "value", &value)) {
        if (hz_app_setting_set(r->app, p[0], value, &e)) hz_http_fail(r, &e);
        else hz_http_json(r, 200, json_pack("{s:s, s:s}", "key", p[0], "value", value));
    }
    json_decref(doc);
}

#define V1 "/api/v1"
static const hz_route security_routes[] = {
    {"POST", V1 "/members/:id_number/confirm-card", h_confirm_card, true, false},
    {"GET", V1 "/users", h_users, true, false},
    {"POST", V1 "/users", h_user_add, true, false},
    {"POST", V1 "/users/:login/unlock", h_user_unlock, true, false},
    {"POST", V1 "/users/:login/disable", h_user_disable, true, false},
    {"POST", V1 "/users/:login/enable", h_user_enable, true, false},
    {"POST", V1 "/users/:login/password", h_user_password, true, false},
    {"GET", V1 "/settings/:key", h_setting_get, true, false},
    {"PUT", V1 "/settings/:key", h_setting_put, true, false},
    {NULL, NULL, NULL, false, false},
};
#undef V1
/* The security module's routes (src/modules.def). */
const hz_http_module hz_http_module_security = {"security", security_routes};
