/* API handlers of the joining module: the public application form, the
 * cadre's queue and the standing sponsorships. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/joining.h"
#include "core/normalize.h"
#include "http/handlers.h"
#include "http/limits.h"
#include "io/views_joining.h"

#define V1 "/api/v1"

/* A public form must not become a spam hole: applications per address per
 * hour, every attempt counted, valid or not (docs/decisions.md). */
#define APPLY_PER_IP 20
#define APPLY_WINDOW 3600

static void h_application_submit(hz_req *r, char **p) {
    (void)p;
    int wait = 0;
    if (!hz_limits_attempt("applications", r->ip, APPLY_PER_IP, APPLY_WINDOW, &wait)) {
        char msg[200];
        snprintf(msg, sizeof msg, "提交过于频繁, 请 %d 分钟后再试 (too many applications from this address: %d an hour)",
                 (wait + 59) / 60, APPLY_PER_IP);
        hz_http_error(r, 429, "RATE_LIMITED", msg);
        return;
    }
    json_t *doc = hz_http_body_json(r);
    if (!doc) return;
    static const char *const keys[] = {"name", "id_number", "phone", "occupation", "org", NULL};
    hz_application_input in = {NULL, NULL, NULL, NULL, NULL};
    if (hz_json_only(r, doc, keys) && hz_json_str(r, doc, "name", &in.name) &&
        hz_json_str(r, doc, "id_number", &in.id_number) && hz_json_str(r, doc, "phone", &in.phone) &&
        hz_json_str(r, doc, "occupation", &in.occupation) && hz_json_str(r, doc, "org", &in.org)) {
        hz_application a;
        hz_errinfo e;
        if (hz_app_application_submit(r->app, &in, &a, &e)) hz_http_fail(r, &e);
        else hz_http_json(r, 201, json_pack("{s:s, s:s}", "no", a.no, "status", a.status));
    }
    json_decref(doc);
}

static hz_err joint_one(void *vctx, const hz_org *o, hz_errinfo *e) {
    (void)e;
    json_array_append_new(vctx, json_pack("{s:s, s:s}", "code", o->code, "name", o->name));
    return HZ_OK;
}

static void h_application_orgs(hz_req *r, char **p) {
    (void)p;
    json_t *arr = json_array();
    hz_errinfo e;
    if (hz_app_joint_orgs(r->app, joint_one, arr, &e)) {
        json_decref(arr);
        hz_http_fail(r, &e);
        return;
    }
    hz_http_list(r, arr, (int64_t)json_array_size(arr));
}

typedef struct {
    hz_req *r;
    json_t *arr;
} list_ctx;

static hz_err app_one(void *vctx, const hz_application *a, hz_errinfo *e) {
    (void)e;
    list_ctx *c = vctx;
    json_array_append_new(c->arr, hz_view_application(a, !hz_authz_sees_identity(c->r->app)));
    return HZ_OK;
}

static hz_err apps_page(hz_req *r, void *arg, hz_page pg, int64_t *total, hz_errinfo *e) {
    list_ctx c = {r, r->json};
    return hz_app_applications_list(r->app, arg, pg, app_one, &c, total, e);
}

static hz_err apps_table(hz_req *r, void *arg, hz_report *rep, hz_errinfo *e) {
    return hz_app_applications_export(r->app, arg, rep, e);
}

/* GET /applications?q=&status=&unit=&from=&to=&sort=&order=&occupation=
 * &org=&page=&per_page=[&format=csv|xlsx] */
static void h_applications(hz_req *r, char **p) {
    (void)p;
    hz_application_query q = {hz_http_list_query(r), hz_http_query(r, "occupation"), hz_http_query(r, "org")};
    hz_http_list_or_export(r, &q, apps_page, apps_table);
}

/* The decision's body: {"org"} for an approval (optional, the body too),
 * {"reason"} for a rejection. */
static void decide(hz_req *r, const char *no, bool approve) {
    json_t *doc = NULL;
    const char *org = NULL, *reason = NULL;
    if (r->len || !approve) {
        if (!(doc = hz_http_body_json(r))) return;
        static const char *const approve_keys[] = {"org", NULL}, *const reject_keys[] = {"reason", NULL};
        if (!hz_json_only(r, doc, approve ? approve_keys : reject_keys) ||
            !hz_json_str(r, doc, approve ? "org" : "reason", approve ? &org : &reason)) {
            json_decref(doc);
            return;
        }
    }
    hz_application a;
    hz_errinfo e;
    hz_err rc = approve ? hz_app_application_approve(r->app, no, org, &a, &e)
                        : hz_app_application_reject(r->app, no, reason, &a, &e);
    if (rc) hz_http_fail(r, &e);
    else hz_http_json(r, 200, hz_view_application(&a, !hz_authz_sees_identity(r->app)));
    json_decref(doc);
}

static void h_application_approve(hz_req *r, char **p) { decide(r, p[0], true); }
static void h_application_reject(hz_req *r, char **p) { decide(r, p[0], false); }

static hz_err sp_one(void *vctx, const hz_sponsorship *s, hz_errinfo *e) {
    (void)e;
    json_array_append_new(vctx, hz_view_sponsorship(s));
    return HZ_OK;
}

static hz_err sp_page(hz_req *r, void *arg, hz_page pg, int64_t *total, hz_errinfo *e) {
    return hz_app_sponsorships_page(r->app, arg, pg, sp_one, r->json, total, e);
}

static hz_err sp_table(hz_req *r, void *arg, hz_report *rep, hz_errinfo *e) {
    return hz_app_sponsorships_export(r->app, arg, rep, e);
}

/* GET /sponsorships?q=&status=upcoming|active|ended&unit=&from=&to=&sort=
 * &order=&plan=&org=&page=&per_page=[&format=csv|xlsx] */
static void h_sponsorships(hz_req *r, char **p) {
    (void)p;
    hz_sponsorship_query q = {hz_http_list_query(r), hz_http_query(r, "plan"), hz_http_query(r, "org")};
    hz_http_list_or_export(r, &q, sp_page, sp_table);
}

static bool date_of(hz_req *r, const char *s, const char *field, hz_date *out) {
    hz_errinfo e;
    if (!s) {
        char msg[64];
        snprintf(msg, sizeof msg, "%s: 必填 (required)", field);
        hz_http_error(r, 400, "VALIDATION", msg);
        return false;
    }
    if (hz_norm_date(s, out, field, &e)) {
        hz_http_fail(r, &e);
        return false;
    }
    return true;
}

static void h_sponsorship_add(hz_req *r, char **p) {
    (void)p;
    json_t *doc = hz_http_body_json(r);
    if (!doc) return;
    static const char *const keys[] = {"org", "plan", "months", "from", "to", NULL};
    hz_sponsorship_input in = {NULL, NULL, 0, HZ_DATE_NONE, HZ_DATE_NONE};
    const char *from = NULL, *to = NULL;
    if (hz_json_only(r, doc, keys) && hz_json_str(r, doc, "org", &in.org) && hz_json_str(r, doc, "plan", &in.plan) &&
        hz_json_int(r, doc, "months", 1, 120, &in.months) && hz_json_str(r, doc, "from", &from) &&
        hz_json_str(r, doc, "to", &to) && date_of(r, from, "from", &in.from) && date_of(r, to, "to", &in.to)) {
        hz_sponsorship s;
        hz_errinfo e;
        if (!in.plan) hz_http_error(r, 400, "VALIDATION", "plan: 必填 (required)");
        else if (hz_app_sponsorship_add(r->app, &in, &s, &e)) hz_http_fail(r, &e);
        else hz_http_json(r, 201, hz_view_sponsorship(&s));
    }
    json_decref(doc);
}

static const hz_route joining_routes[] = {
    {"POST", V1 "/applications", h_application_submit, false, false},
    {"GET", V1 "/applications/orgs", h_application_orgs, false, false},
    {"GET", V1 "/applications", h_applications, true, false},
    {"POST", V1 "/applications/:no/approve", h_application_approve, true, false},
    {"POST", V1 "/applications/:no/reject", h_application_reject, true, false},
    {"GET", V1 "/sponsorships", h_sponsorships, true, false},
    {"POST", V1 "/sponsorships", h_sponsorship_add, true, false},
    {NULL, NULL, NULL, false, false},
};
/* The joining module's routes (src/modules.def). */
const hz_http_module hz_http_module_joining = {"joining", joining_routes};
