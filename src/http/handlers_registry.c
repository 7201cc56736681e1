/* API handlers: the JSON body helpers every handler file shares, session,
 * orgs, units, members, audit, OpenAPI. Each parses, calls one use case,
 * renders. (Plans, coverages and rosters: handlers_enrollment.c.) */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/registry.h"
#include "app/users.h"
#include "core/normalize.h"
#include "io/views_member.h"
#include "core/text.h"
#include "http/handlers.h"
#include "io/views.h"


bool hz_json_only(hz_req *r, json_t *doc, const char *const *allowed) {
    const char *k;
    json_t *v;
    json_object_foreach(doc, k, v) {
        bool ok = false;
        for (int i = 0; allowed[i]; i++) ok |= !strcmp(k, allowed[i]);
        if (!ok) {
            char msg[160];
            snprintf(msg, sizeof msg, "%.60s: 未知字段 (unknown field)", k);
            hz_http_error(r, 400, "VALIDATION", msg);
            return false;
        }
    }
    return true;
}

static bool type_error(hz_req *r, const char *key, const char *want) {
    char msg[160];
    snprintf(msg, sizeof msg, "%s: 类型错误, 应为%s (wrong JSON type)", key, want);
    hz_http_error(r, 400, "VALIDATION", msg);
    return false;
}

bool hz_json_str(hz_req *r, json_t *doc, const char *key, const char **out) {
    json_t *v = json_object_get(doc, key);
    *out = NULL;
    if (!v || json_is_null(v)) return true;
    if (!json_is_string(v)) return type_error(r, key, "字符串");
    *out = json_string_value(v);
    return true;
}

bool hz_json_int(hz_req *r, json_t *doc, const char *key, long min, long max, int *out) {
    json_t *v = json_object_get(doc, key);
    if (!v || json_is_null(v)) return true;
    if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max)
        return type_error(r, key, "范围内的整数");
    *out = (int)json_integer_value(v);
    return true;
}

bool hz_json_bool(hz_req *r, json_t *doc, const char *key, bool *out) {
    json_t *v = json_object_get(doc, key);
    if (!v || json_is_null(v)) return true;
    if (!json_is_boolean(v)) return type_error(r, key, "true/false");
    *out = json_is_true(v);
    return true;
}

bool hz_http_page(hz_req *r, hz_page *pg) {
    pg->page = pg->per_page = 0;
    const char *p = hz_http_query(r, "page"), *pp = hz_http_query(r, "per_page");
    char *end;
    if (p && (pg->page = strtoll(p, &end, 10), *end || !*p)) pg->page = -1;
    if (pp && (pg->per_page = strtoll(pp, &end, 10), *end || !*pp)) pg->per_page = -1;
    /* absent means the default; a 0 written out is refused, not read as 50 */
    if (p && pg->page == 0) pg->page = -1;
    if (pp && pg->per_page == 0) pg->per_page = -1;
    hz_errinfo e;
    if (hz_page_check(pg, &e)) {
        hz_http_fail(r, &e);
        return false;
    }
    return true;
}

void hz_http_list(hz_req *r, json_t *items, int64_t total) {
    hz_http_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)total));
}

hz_list_query hz_http_list_query(hz_req *r) {
    hz_list_query q = {hz_http_query(r, "q"),    hz_http_query(r, "status"), hz_http_query(r, "unit"),
                       hz_http_query(r, "from"), hz_http_query(r, "to"),     hz_http_query(r, "sort"),
                       hz_http_query(r, "order")};
    return q;
}

void hz_http_list_or_export(hz_req *r, void *arg, hz_http_page_fn page, hz_http_table_fn table) {
    hz_report_format fmt;
    bool answered = false;
    if (hz_http_export_format(r, &fmt, &answered)) {
        hz_http_table(r, fmt, table, arg);
        return;
    }
    hz_page pg;
    if (answered || !hz_http_page(r, &pg)) return;
    json_t *items = r->json = json_array();
    int64_t total;
    hz_errinfo e;
    hz_err rc = page(r, arg, pg, &total, &e);
    r->json = NULL;
    if (rc) {
        json_decref(items);
        hz_http_fail(r, &e);
        return;
    }
    hz_http_list(r, items, total);
}

static json_t *user_view(const hz_user *u) {
    char scope[48];
    snprintf(scope, sizeof scope, "%s%s%s", u->scope_kind, u->scope_kind[0] ? ":" : "", u->scope_ref);
    return json_pack("{s:s, s:s, s:o}", "login", u->login, "role", u->role, "scope",
                     scope[0] ? json_string(scope) : json_null());
}

void h_login(hz_req *r, char **p) {
    (void)p;
    static const char limited[] = "登录失败次数过多, 请15分钟后再试 (too many failed logins)";
    if (!hz_http_login_allowed(r->ip, NULL)) {
        hz_http_error(r, 429, "RATE_LIMITED", limited);
        return;
    }
    json_t *doc = hz_http_body_json(r);
    static const char *const keys[] = {"login", "password", NULL};
    const char *login, *password;
    if (!doc) return;
    login = password = NULL;
    if (!hz_json_only(r, doc, keys) || !hz_json_str(r, doc, "login", &login) ||
        !hz_json_str(r, doc, "password", &password)) {
        json_decref(doc);
        return;
    }
    /* a malformed request is no failed login: it does not count to a lockout */
    if (!login || !password) {
        hz_http_error(r, 400, "VALIDATION", !login ? "login: 必填 (required)" : "password: 必填 (required)");
        json_decref(doc);
        return;
    }
    if (!hz_http_login_allowed(r->ip, login)) {
        hz_http_error(r, 429, "RATE_LIMITED", limited);
        json_decref(doc);
        return;
    }
    hz_errinfo e;
    hz_login_result res;
    if (hz_app_login(r->app, login, password, &res, &e)) {
        if (e.code == HZ_EAUTH) hz_http_login_result(r->ip, login, false);
        hz_http_fail(r, &e);
    } else {
        snprintf(r->set_cookie, sizeof r->set_cookie, "hz_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d",
                 res.token, HZ_SESSION_HOURS * 3600);
        hz_http_json(r, 200, json_pack("{s:s, s:s, s:s, s:o}", "token", res.token, "csrf", res.csrf, "expires_at",
                                       res.expires, "user", user_view(&res.user)));
    }
    json_decref(doc);
}

void h_logout(hz_req *r, char **p) {
    (void)p;
    hz_errinfo e;
    if (hz_app_logout(r->app, r->token, &e)) {
        hz_http_fail(r, &e);
        return;
    }
    snprintf(r->set_cookie, sizeof r->set_cookie, "hz_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    hz_http_json(r, 200, json_pack("{s:b}", "ok", 1));
}

static void action_one(void *ctx, const char *name) {
    json_array_append_new(ctx, json_string(name));
}

/* The caller and what it may do: "actions" comes from the rule book the
 * use cases enforce (hz_authz_each_allowed), so the console's buttons never
 * drift from the API's answers; "scope_name" names the scope in words. */
void h_me(hz_req *r, char **p) {
    (void)p;
    json_t *u = user_view(&r->user);
    json_object_set_new(u, "sees_identity", json_boolean(hz_authz_sees_identity(r->app)));
    const char *sn = r->app->who.scope_name;
    json_object_set_new(u, "scope_name", sn[0] ? json_string(sn) : json_null());
    json_t *acts = json_array();
    hz_authz_each_allowed(r->app, action_one, acts);
    json_object_set_new(u, "actions", acts);
    hz_http_json(r, 200, u);
}

void h_openapi(hz_req *r, char **p) {
    (void)p;
    hz_http_json(r, 200, hz_openapi());
}

static hz_err org_row(void *ctx, const hz_org *o, hz_errinfo *e) {
    (void)e;
    json_array_append_new(ctx, json_pack("{s:s, s:s, s:s, s:s, s:o}", "code", o->code, "name", o->name, "kind",
                                         o->kind, "path", o->path, "region",
                                         o->region[0] ? json_string(o->region) : json_null()));
    return HZ_OK;
}

static hz_err org_counted(void *ctx, const hz_org *o, int64_t units, int64_t members, hz_errinfo *e) {
    hz_err rc = org_row(ctx, o, e);
    json_t *v = json_array_get(ctx, json_array_size(ctx) - 1);
    json_object_set_new(v, "units", json_integer(units));
    json_object_set_new(v, "members", json_integer(members));
    return rc;
}

/* GET /orgs?page=&per_page=[&counts=1]: counts=1 adds each org's units and
 * members, its subtree's, counted by the server (the console's tree). */
void h_orgs(hz_req *r, char **p) {
    (void)p;
    hz_page pg;
    int counts;
    hz_errinfo e;
    if (hz_list_bool(hz_http_query(r, "counts"), "counts", &counts, &e)) {
        hz_http_fail(r, &e);
        return;
    }
    if (!hz_http_page(r, &pg)) return;
    json_t *items = json_array();
    int64_t total;
    if (counts == 1 ? hz_app_orgs_counted(r->app, pg, org_counted, items, &total, &e)
                    : hz_app_orgs_page(r->app, pg, org_row, items, &total, &e)) {
        json_decref(items);
        hz_http_fail(r, &e);
        return;
    }
    hz_http_list(r, items, total);
}

void h_org_add(hz_req *r, char **p) {
    (void)p;
    json_t *doc = hz_http_body_json(r);
    if (!doc) return;
    static const char *const keys[] = {"code", "name", "parent", "kind", "region", NULL};
    const char *code, *name, *parent, *kind, *region;
    if (hz_json_only(r, doc, keys) && hz_json_str(r, doc, "code", &code) && hz_json_str(r, doc, "name", &name) &&
        hz_json_str(r, doc, "parent", &parent) && hz_json_str(r, doc, "kind", &kind) &&
        hz_json_str(r, doc, "region", &region)) {
        hz_org org;
        hz_errinfo e;
        if (hz_app_org_add(r->app, code, name, parent, kind, region, &org, &e)) hz_http_fail(r, &e);
        else {
            json_t *items = json_array();
            org_row(items, &org, NULL);
            hz_http_json(r, 201, json_incref(json_array_get(items, 0)));
            json_decref(items);
        }
    }
    json_decref(doc);
}

void h_org_stats(hz_req *r, char **p) {
    hz_org_stats s;
    hz_errinfo e;
    if (hz_app_org_stats(r->app, p[0], &s, &e)) hz_http_fail(r, &e);
    else hz_http_json(r, 200, hz_view_org_stats(&s));
}

static hz_err unit_row(void *ctx, const hz_unit *u, int64_t members, hz_errinfo *e) {
    (void)e;
    json_array_append_new(ctx, json_pack("{s:s, s:s, s:s, s:I}", "code", u->credit_code, "name", u->name, "org",
                                         u->org_code, "members", (json_int_t)members));
    return HZ_OK;
}

static hz_err unit_item(void *ctx, const hz_unit_item *u, hz_errinfo *e) {
    hz_req *r = ctx;
    hz_err rc = unit_row(r->json, &u->unit, u->members, e);
    json_t *v = json_array_get(r->json, json_array_size(r->json) - 1);
    json_object_set_new(v, "org_name", json_string(u->org_name));
    json_object_set_new(v, "created_at", hz_json_opt_str(u->created_at));
    return rc;
}

static hz_err units_page(hz_req *r, void *arg, hz_page pg, int64_t *total, hz_errinfo *e) {
    return hz_app_units_list(r->app, arg, pg, unit_item, r, total, e);
}

static hz_err units_table(hz_req *r, void *arg, hz_report *rep, hz_errinfo *e) {
    return hz_app_units_export(r->app, arg, rep, e);
}

/* GET /units?q=&status=active|empty&unit=&from=&to=&sort=&order=&org=
 * &page=&per_page=[&format=csv|xlsx] */
void h_units(hz_req *r, char **p) {
    (void)p;
    hz_unit_query q = {hz_http_list_query(r), hz_http_query(r, "org")};
    hz_http_list_or_export(r, &q, units_page, units_table);
}

void h_unit_add(hz_req *r, char **p) {
    (void)p;
    json_t *doc = hz_http_body_json(r);
    if (!doc) return;
    static const char *const keys[] = {"code", "name", "org", NULL};
    const char *code, *name, *org;
    if (hz_json_only(r, doc, keys) && hz_json_str(r, doc, "code", &code) && hz_json_str(r, doc, "name", &name) &&
        hz_json_str(r, doc, "org", &org)) {
        hz_unit u;
        hz_errinfo e;
        if (hz_app_unit_add(r->app, code, name, org, &u, &e)) hz_http_fail(r, &e);
        else hz_http_json(r, 201, json_pack("{s:s, s:s, s:s}", "code", u.credit_code, "name", u.name, "org", u.org_code));
    }
    json_decref(doc);
}

static hz_err member_row(void *ctx, const hz_member *m, hz_errinfo *e) {
    (void)e;
    hz_req *r = ctx;
    json_array_append_new(r->json, hz_view_member(m, !hz_authz_sees_identity(r->app)));
    return HZ_OK;
}

static hz_err members_table(hz_req *r, void *arg, hz_report *rep, hz_errinfo *e) {
    return hz_app_members_export(r->app, arg, rep, e);
}

/* GET /api/v1/members?page=&per_page=&q=&unit=&flag=&plan=&covered=&sort=
 * &order=[&format=csv|xlsx]: a page of the members in scope, or every
 * matching one as a file. */
void h_members(hz_req *r, char **p) {
    (void)p;
    hz_member_query q = {hz_http_query(r, "q"),       hz_http_query(r, "unit"), hz_http_query(r, "flag"),
                         hz_http_query(r, "plan"),    hz_http_query(r, "covered"), hz_http_query(r, "sort"),
                         hz_http_query(r, "order")};
    hz_report_format fmt;
    bool answered = false;
    if (hz_http_export_format(r, &fmt, &answered)) {
        hz_http_table(r, fmt, members_table, &q);
        return;
    }
    if (answered) return;
    hz_page pg;
    if (!hz_http_page(r, &pg)) return;
    r->json = json_array();
    int64_t total;
    hz_errinfo e;
    json_t *items = r->json;
    if (hz_app_members_list(r->app, &q, pg, member_row, r, &total, &e)) {
        hz_http_fail(r, &e);
        return;
    }
    r->json = NULL;
    hz_http_list(r, items, total);
}

/* The member's record (io/views_member.h), written as text straight into
 * the response: the hot read of the API (P3 of quality.md); the jansson
 * tree only when the text cannot be written byte for byte as it would. */
static void member_answer(hz_req *r, int status, const hz_member_view *v) {
    hz_member_doc d = {&v->member, !hz_authz_sees_identity(r->app), v->flags, v->n_flags,
                       v->coverages, v->n_coverages, &v->card};
    size_t len;
    char *text = hz_view_member_doc_text(&d, &len);
    if (!text) {
        hz_http_json(r, status, hz_view_member_doc(&d));
        return;
    }
    free(r->raw);
    r->status = status;
    r->raw = text;
    r->raw_len = len;
    r->raw_type = "application/json; charset=utf-8";
}

void h_member_get(hz_req *r, char **p) {
    hz_member_view *v = malloc(sizeof *v);
    hz_errinfo e;
    if (!v) return;
    if (hz_app_member_show(r->app, p[0], v, &e)) hz_http_fail(r, &e);
    else member_answer(r, 200, v);
    free(v);
}

/* GET /api/v1/members/ref/:ref: a member by the handle of list responses. */
void h_member_by_ref(hz_req *r, char **p) {
    hz_member_view *v = malloc(sizeof *v);
    hz_errinfo e;
    if (!v) return;
    if (hz_app_member_show_ref(r->app, p[0], v, &e)) hz_http_fail(r, &e);
    else member_answer(r, 200, v);
    free(v);
}

/* An optional array of at most HZ_MEMBER_FLAGS_MAX strings. */
static bool str_array(hz_req *r, json_t *doc, const char *key, const char **out, int *n) {
    json_t *a = json_object_get(doc, key);
    *n = 0;
    if (!a || json_is_null(a)) return true;
    if (!json_is_array(a) || json_array_size(a) > HZ_MEMBER_FLAGS_MAX) return type_error(r, key, "字符串数组");
    size_t i;
    json_t *f;
    json_array_foreach(a, i, f) {
        if (!json_is_string(f)) return type_error(r, key, "字符串数组");
        out[(*n)++] = json_string_value(f);
    }
    return true;
}

/* PUT /api/v1/members/:id_number and /members/ref/:ref: edit a member. */
static void member_update(hz_req *r, const char *id_number, const char *ref) {
    json_t *doc = hz_http_body_json(r);
    if (!doc) return;
    static const char *const keys[] = {"name", "phone", "bank_card", "bank_name", "flags", "end_flags", NULL};
    hz_member_edit in;
    memset(&in, 0, sizeof in);
    in.via = "api";
    if (hz_json_only(r, doc, keys) && hz_json_str(r, doc, "name", &in.name) && hz_json_str(r, doc, "phone", &in.phone) &&
        hz_json_str(r, doc, "bank_card", &in.bank_card) && hz_json_str(r, doc, "bank_name", &in.bank_name) &&
        str_array(r, doc, "flags", in.flags, &in.n_flags) &&
        str_array(r, doc, "end_flags", in.end_flags, &in.n_end_flags)) {
        hz_errinfo e;
        hz_member m;
        hz_member_view *v = malloc(sizeof *v);
        char mref[24];
        if (v && !hz_app_member_update(r->app, id_number, ref, &in, &m, &e) &&
            (snprintf(mref, sizeof mref, "%lld", (long long)m.id), !hz_app_member_show_ref(r->app, mref, v, &e)))
            member_answer(r, 200, v);
        else if (v) hz_http_fail(r, &e);
        free(v);
    }
    json_decref(doc);
}

static void h_member_update(hz_req *r, char **p) { member_update(r, p[0], NULL); }
static void h_member_update_ref(hz_req *r, char **p) { member_update(r, NULL, p[0]); }

/* PUT /api/v1/units/:code: rename a unit or move it to another org. */
static void h_unit_update(hz_req *r, char **p) {
    json_t *doc = hz_http_body_json(r);
    if (!doc) return;
    static const char *const keys[] = {"name", "org", NULL};
    const char *name, *org;
    if (hz_json_only(r, doc, keys) && hz_json_str(r, doc, "name", &name) && hz_json_str(r, doc, "org", &org)) {
        hz_unit u;
        hz_errinfo e;
        if (hz_app_unit_update(r->app, p[0], name, org, &u, &e)) hz_http_fail(r, &e);
        else hz_http_json(r, 200, json_pack("{s:s, s:s, s:s}", "code", u.credit_code, "name", u.name, "org", u.org_code));
    }
    json_decref(doc);
}

void h_member_add(hz_req *r, char **p) {
    (void)p;
    json_t *doc = hz_http_body_json(r);
    if (!doc) return;
    static const char *const keys[] = {"id_number", "name", "phone", "unit", "org", "flags", "bank_card", "bank_name", NULL};
    hz_member_input in;
    memset(&in, 0, sizeof in);
    bool ok = hz_json_only(r, doc, keys) && hz_json_str(r, doc, "id_number", &in.id_number) &&
              hz_json_str(r, doc, "name", &in.name) && hz_json_str(r, doc, "phone", &in.phone) &&
              hz_json_str(r, doc, "unit", &in.unit_code) && hz_json_str(r, doc, "org", &in.org_code) &&
              hz_json_str(r, doc, "bank_card", &in.bank_card) && hz_json_str(r, doc, "bank_name", &in.bank_name);
    if (ok && str_array(r, doc, "flags", in.flags, &in.n_flags)) {
        hz_errinfo e;
        hz_member m;
        hz_member_view *v = malloc(sizeof *v);
        if (v && !hz_app_member_add(r->app, &in, &m, &e) && !hz_app_member_show(r->app, m.id_number, v, &e))
            member_answer(r, 201, v);
        else if (v) hz_http_fail(r, &e);
        free(v);
    }
    json_decref(doc);
}

void h_audit_verify(hz_req *r, char **p) {
    (void)p;
    hz_audit_report a;
    hz_errinfo e;
    const char *against = hz_http_query(r, "against");
    if (against ? hz_audit_verify_against(r->app, against, &a, &e) : hz_audit_verify(r->app, &a, &e)) {
        hz_http_fail(r, &e);
        return;
    }
    json_t *doc = json_pack("{s:b, s:I, s:o, s:s}", "ok", a.broken_id == 0 && (!against || a.checkpoint_ok), "events",
                            (json_int_t)a.events, "broken_event", a.broken_id ? json_integer(a.broken_id) : json_null(),
                            "reason", a.reason);
    if (against) json_object_set_new(doc, "checkpoint_ok", json_boolean(a.checkpoint_ok));
    hz_http_json(r, 200, doc);
}

void h_audit_checkpoint(hz_req *r, char **p) {
    (void)p;
    char cp[HZ_CHECKPOINT_MAX];
    hz_errinfo e;
    if (hz_audit_checkpoint(r->app, cp, &e)) hz_http_fail(r, &e);
    else hz_http_json(r, 200, json_pack("{s:s}", "checkpoint", cp));
}

#define V1 "/api/v1"
static const hz_route registry_routes[] = {
    {"GET", V1 "/orgs", h_orgs, true, false},
    {"POST", V1 "/orgs", h_org_add, true, false},
    {"GET", V1 "/orgs/:code/stats", h_org_stats, true, false},
    {"GET", V1 "/units", h_units, true, false},
    {"POST", V1 "/units", h_unit_add, true, false},
    {"PUT", V1 "/units/:code", h_unit_update, true, false},
    {"GET", V1 "/members", h_members, true, false},
    {"POST", V1 "/members", h_member_add, true, false},
    {"GET", V1 "/members/:id_number", h_member_get, true, false},
    {"GET", V1 "/members/ref/:ref", h_member_by_ref, true, false},
    {"PUT", V1 "/members/:id_number", h_member_update, true, false},
    {"PUT", V1 "/members/ref/:ref", h_member_update_ref, true, false},
    {NULL, NULL, NULL, false, false},
};
#undef V1
/* The registry module's routes (src/modules.def). */
const hz_http_module hz_http_module_registry = {"registry", registry_routes};
