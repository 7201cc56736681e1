/* API handlers of the model-worker medical subsidy (lm module). */
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/lm.h"
#include "http/handlers.h"
#include "io/views_aid.h"

#define V1 "/api/v1"

static json_t *view(hz_req *r, const hz_lm_subsidy *s) { return hz_view_lm(s, !hz_authz_sees_identity(r->app)); }

/* A string member of the body, NULL when absent or not a string. */
static const char *str(json_t *doc, const char *key) { return json_string_value(json_object_get(doc, key)); }

static bool year_of(hz_req *r, const char *s, int *year) {
    char *end;
    long y = s ? strtol(s, &end, 10) : 0;
    if (!s || !*s || *end || y < 2000 || y > 2199) {
        hz_http_error(r, 400, "VALIDATION", "year: 应为 2000 至 2199 的年份 (a year 2000..2199)");
        return false;
    }
    *year = (int)y;
    return true;
}

static void budget(hz_req *r, bool set) {
    int year;
    hz_fen amount = 0;
    hz_errinfo e;
    json_t *doc = NULL;
    if (set) {
        if (!(doc = hz_http_body_json(r))) return;
        json_t *y = json_object_get(doc, "year");
        char ybuf[16];
        snprintf(ybuf, sizeof ybuf, "%lld", json_is_integer(y) ? (long long)json_integer_value(y) : 0LL);
        const char *a = str(doc, "amount");
        if (!year_of(r, json_is_string(y) ? json_string_value(y) : ybuf, &year)) goto done;
        if (!a) {
            hz_http_error(r, 400, "VALIDATION", "amount: 必填, 以字符串表示的金额 (required, a money string)");
            goto done;
        }
        if (hz_money_parse(a, false, &amount, "amount", &e)) {
            hz_http_fail(r, &e);
            goto done;
        }
    } else if (!year_of(r, hz_http_query(r, "year"), &year)) {
        return;
    }
    hz_lm_budget_view v;
    if (hz_app_lm_budget(r->app, year, set, amount, &v, &e)) hz_http_fail(r, &e);
    else
        hz_http_json(r, 200, json_pack("{s:i, s:o, s:o, s:o}", "year", v.year, "budget", hz_json_money(v.budget),
                                       "committed", hz_json_money(v.committed), "left", hz_json_money(v.left)));
done:
    json_decref(doc);
}

static void h_lm_budget_get(hz_req *r, char **p) {
    (void)p;
    budget(r, false);
}

static void h_lm_budget_set(hz_req *r, char **p) {
    (void)p;
    budget(r, true);
}

static void h_lm_apply(hz_req *r, char **p) {
    (void)p;
    json_t *doc = hz_http_body_json(r);
    if (!doc) return;
    hz_lm_subsidy s;
    hz_errinfo e;
    const char *id = str(doc, "id_number"), *setl = str(doc, "setl_id");
    if (!id || !setl) hz_http_error(r, 400, "VALIDATION", "id_number, setl_id: 必填 (required)");
    else if (hz_app_lm_apply(r->app, id, setl, &s, &e)) hz_http_fail(r, &e);
    else hz_http_json(r, 201, view(r, &s));
    json_decref(doc);
}

static void h_lm_get(hz_req *r, char **p) {
    hz_lm_subsidy s;
    hz_errinfo e;
    if (hz_app_lm_show(r->app, p[0], &s, &e)) hz_http_fail(r, &e);
    else hz_http_json(r, 200, view(r, &s));
}

static void h_lm_approve(hz_req *r, char **p) {
    hz_lm_subsidy s;
    hz_errinfo e;
    if (hz_app_lm_approve(r->app, p[0], &s, &e)) hz_http_fail(r, &e);
    else hz_http_json(r, 200, view(r, &s));
}

static void h_lm_reject(hz_req *r, char **p) {
    json_t *doc = hz_http_body_json(r);
    if (!doc) return;
    hz_lm_subsidy s;
    hz_errinfo e;
    if (hz_app_lm_reject(r->app, p[0], str(doc, "reason"), &s, &e)) hz_http_fail(r, &e);
    else hz_http_json(r, 200, view(r, &s));
    json_decref(doc);
}

typedef struct {
    hz_req *r;
    json_t *arr;
} list_ctx;

static hz_err list_one(void *vctx, const hz_lm_subsidy *s, hz_errinfo *e) {
    (void)e;
    list_ctx *c = vctx;
    json_array_append_new(c->arr, view(c->r, s));
    return HZ_OK;
}

static void made_one(void *vctx, const hz_lm_subsidy *s) { list_one(vctx, s, NULL); }

typedef struct {
    hz_list_query q;
    int year;
} lm_query;

static hz_err page_one(void *ctx, const hz_lm_subsidy *s, const char *unit_name, hz_errinfo *e) {
    (void)e;
    hz_req *r = ctx;
    json_t *v = view(r, s);
    json_object_set_new(v, "unit_name", json_string(unit_name));
    json_array_append_new(r->json, v);
    return HZ_OK;
}

static hz_err lm_page(hz_req *r, void *arg, hz_page pg, int64_t *total, hz_errinfo *e) {
    lm_query *q = arg;
    return hz_app_lm_page(r->app, &q->q, q->year, pg, page_one, r, total, e);
}

static hz_err lm_table(hz_req *r, void *arg, hz_report *rep, hz_errinfo *e) {
    lm_query *q = arg;
    return hz_app_lm_export(r->app, &q->q, q->year, rep, e);
}

/* GET /lm/applications?page=&per_page=&q=&status=&unit=&from=&to=&year=&sort=
 * &order=[&format=csv|xlsx]: a page of the subsidies in scope, or every
 * matching one as a file. */
static void h_lm_list(hz_req *r, char **p) {
    (void)p;
    lm_query q = {hz_http_list_query(r), 0};
    const char *y = hz_http_query(r, "year");
    if (y && !year_of(r, y, &q.year)) return;
    hz_http_list_or_export(r, &q, lm_page, lm_table);
}

static void h_lm_proactive(hz_req *r, char **p) {
    (void)p;
    list_ctx c = {r, json_array()};
    hz_errinfo e;
    int64_t n;
    if (hz_app_lm_proactive(r->app, made_one, &c, &n, &e)) {
        json_decref(c.arr);
        hz_http_fail(r, &e);
        return;
    }
    hz_http_json(r, 200, json_pack("{s:o}", "created", c.arr));
}

static const hz_route lm_routes[] = {
    {"GET", V1 "/lm/budget", h_lm_budget_get, true, false},
    {"POST", V1 "/lm/budget", h_lm_budget_set, true, false},
    {"GET", V1 "/lm/applications", h_lm_list, true, false},
    {"POST", V1 "/lm/applications", h_lm_apply, true, false},
    {"POST", V1 "/lm/proactive", h_lm_proactive, true, false},
    {"GET", V1 "/lm/applications/:no", h_lm_get, true, false},
    {"POST", V1 "/lm/applications/:no/approve", h_lm_approve, true, false},
    {"POST", V1 "/lm/applications/:no/reject", h_lm_reject, true, false},
    {NULL, NULL, NULL, false, false},
};
/* The lm module's routes (src/modules.def). */
const hz_http_module hz_http_module_lm = {"lm", lm_routes};
