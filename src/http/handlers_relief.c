/* API handlers of the relief programmes (relief module). */
#include <stdlib.h>
#include <string.h>

#include "app/aid.h"
#include "app/authz.h"
#include "app/relief.h"
#include "app/relief_goods.h"
#include "core/normalize.h"
#include "http/handlers.h"
#include "io/views_aid.h"

#define V1 "/api/v1"

static const char *str(json_t *doc, const char *key) { return json_string_value(json_object_get(doc, key)); }

static json_t *view(hz_req *r, const hz_relief_grant *g) {
    return hz_view_relief_grant(g, !hz_authz_sees_identity(r->app));
}

static void h_program_add(hz_req *r, char **p) {
    (void)p;
    json_t *doc = hz_http_body_json(r);
    if (!doc) return;
    hz_errinfo e;
    hz_fen budget = 0;
    json_t *y = json_object_get(doc, "year");
    const char *b = str(doc, "budget");
    hz_relief_program pr;
    if (!json_is_integer(y))
        hz_http_error(r, 400, "VALIDATION", "year: 必填, 整数 (required, a whole number)");
    else if (!b)
        hz_http_error(r, 400, "VALIDATION", "budget: 必填, 以字符串表示的金额 (required, a money string)");
    else if (hz_money_parse(b, false, &budget, "budget", &e) ||
             hz_app_relief_program_add(r->app, str(doc, "code"), str(doc, "kind"), (int)json_integer_value(y), budget,
                                       str(doc, "name"), &pr, &e))
        hz_http_fail(r, &e);
    else
        hz_http_json(r, 201,
                     json_pack("{s:s, s:s, s:i, s:s, s:o}", "code", pr.code, "kind", pr.kind, "year", pr.year, "name",
                               pr.name, "budget", hz_json_money(pr.budget)));
    json_decref(doc);
}

typedef struct {
    hz_req *r;
    json_t *arr;
} list_ctx;

static hz_err list_one(void *vctx, const hz_relief_grant *g, hz_errinfo *e) {
    (void)e;
    list_ctx *c = vctx;
    json_array_append_new(c->arr, view(c->r, g));
    return HZ_OK;
}

static void h_propose(hz_req *r, char **p) {
    list_ctx c = {r, json_array()};
    hz_errinfo e;
    int64_t n;
    if (hz_app_relief_propose(r->app, p[0], list_one, &c, &n, &e)) {
        json_decref(c.arr);
        hz_http_fail(r, &e);
        return;
    }
    hz_http_json(r, 200, json_pack("{s:o}", "grants", c.arr));
}

static hz_err grant_item(void *ctx, const hz_relief_grant *g, const char *unit_name, hz_errinfo *e) {
    (void)e;
    hz_req *r = ctx;
    json_t *v = view(r, g);
    json_object_set_new(v, "unit_name", json_string(unit_name));
    json_object_set_new(v, "created_at", json_string(g->created_at));
    json_array_append_new(r->json, v);
    return HZ_OK;
}

static hz_err grants_page(hz_req *r, void *arg, hz_page pg, int64_t *total, hz_errinfo *e) {
    char **p = arg;
    hz_list_query q = hz_http_list_query(r);
    return hz_app_relief_grants_page(r->app, p[0], &q, pg, grant_item, r, total, e);
}

static hz_err grants_table(hz_req *r, void *arg, hz_report *rep, hz_errinfo *e) {
    char **p = arg;
    hz_list_query q = hz_http_list_query(r);
    return hz_app_relief_grants_export(r->app, p[0], &q, rep, e);
}

/* GET /relief/programs/:code/grants?q=&status=&unit=&from=&to=&sort=&order=
 * &page=&per_page=[&format=csv|xlsx] */
static void h_grants(hz_req *r, char **p) { hz_http_list_or_export(r, p, grants_page, grants_table); }

static void h_apply(hz_req *r, char **p) {
    json_t *doc = hz_http_body_json(r);
    if (!doc) return;
    hz_errinfo e;
    hz_relief_input in = {p[0],
                          str(doc, "id_number"),
                          str(doc, "student_name"),
                          str(doc, "student_id_number"),
                          str(doc, "school"),
                          str(doc, "level"),
                          str(doc, "reason"),
                          str(doc, "amount"),
                          str(doc, "items"),
                          HZ_DATE_NONE};
    const char *d = str(doc, "date");
    hz_relief_grant g;
    if (!in.id_number)
        hz_http_error(r, 400, "VALIDATION", "id_number: 必填 (required)");
    else if ((d && hz_norm_date(d, &in.date, "date", &e)) || hz_app_relief_apply(r->app, &in, &g, &e))
        hz_http_fail(r, &e);
    else
        hz_http_json(r, 201, view(r, &g));
    json_decref(doc);
}

static void h_grant_get(hz_req *r, char **p) {
    hz_relief_grant g;
    hz_errinfo e;
    if (hz_app_relief_show(r->app, p[0], &g, &e))
        hz_http_fail(r, &e);
    else
        hz_http_json(r, 200, view(r, &g));
}

static void h_grant_approve(hz_req *r, char **p) {
    hz_relief_grant g;
    hz_errinfo e;
    if (hz_app_relief_approve(r->app, p[0], &g, &e))
        hz_http_fail(r, &e);
    else
        hz_http_json(r, 200, view(r, &g));
}

static void h_grant_reject(hz_req *r, char **p) {
    json_t *doc = hz_http_body_json(r);
    if (!doc) return;
    hz_relief_grant g;
    hz_errinfo e;
    if (hz_app_relief_reject(r->app, p[0], str(doc, "reason"), &g, &e))
        hz_http_fail(r, &e);
    else
        hz_http_json(r, 200, view(r, &g));
    json_decref(doc);
}

/* the 公示 list: always masked */
static hz_err publicity_one(void *vctx, const hz_relief_grant *g, hz_errinfo *e) {
    (void)e;
    list_ctx *c = vctx;
    json_t *o = hz_view_relief_grant(g, true);
    json_array_append_new(c->arr, json_pack("{s:O, s:O, s:O, s:O}", "no", json_object_get(o, "no"), "name",
                                            json_object_get(o, "name"), "id_number", json_object_get(o, "id_number"),
                                            "amount", json_object_get(o, "amount")));
    json_decref(o);
    return HZ_OK;
}

static void h_publicity(hz_req *r, char **p) {
    list_ctx c = {r, json_array()};
    hz_errinfo e;
    hz_relief_program pr;
    if (hz_app_relief_publicity(r->app, p[0], &pr, publicity_one, &c, &e)) {
        json_decref(c.arr);
        hz_http_fail(r, &e);
        return;
    }
    char d[HZ_DATE_BUF];
    hz_http_json(r, 200,
                 json_pack("{s:s, s:s, s:o}", "program", pr.code, "objection_until",
                           hz_date_format(pr.objection_until, d), "grants", c.arr));
}

static void h_donation_add(hz_req *r, char **p) {
    (void)p;
    json_t *doc = hz_http_body_json(r);
    if (!doc) return;
    hz_errinfo e;
    hz_fen amount, total;
    const char *a = str(doc, "amount");
    if (!a)
        hz_http_error(r, 400, "VALIDATION", "amount: 必填, 以字符串表示的金额 (required, a money string)");
    else if (hz_money_parse(a, false, &amount, "amount", &e) ||
             hz_app_donation_add(r->app, str(doc, "program"), str(doc, "donor"), amount, &total, &e))
        hz_http_fail(r, &e);
    else
        hz_http_json(r, 201,
                     json_pack("{s:s, s:o, s:o}", "program", str(doc, "program"), "amount", hz_json_money(amount),
                               "total", hz_json_money(total)));
    json_decref(doc);
}

static hz_err goods_row(void *ctx, const hz_goods_row *g, hz_errinfo *e) {
    (void)e;
    json_array_append_new(ctx,
                          json_pack("{s:s, s:I, s:I, s:I}", "item", g->item, "received", (json_int_t)g->received,
                                    "issued", (json_int_t)g->issued, "left", (json_int_t)(g->received - g->issued)));
    return HZ_OK;
}

/* {"program":C,"items":[{"item","received","issued","left"}]} */
static void goods_answer(hz_req *r, const char *program, int status) {
    hz_errinfo e;
    json_t *arr = json_array();
    if (hz_app_relief_goods(r->app, program, goods_row, arr, &e)) {
        json_decref(arr);
        hz_http_fail(r, &e);
    } else {
        hz_http_json(r, status, json_pack("{s:s, s:o}", "program", program, "items", arr));
    }
}

static void h_goods(hz_req *r, char **p) { goods_answer(r, p[0], 200); }

/* {"items":"大米:100,食用油:50"}: received into the stock */
static void h_goods_add(hz_req *r, char **p) {
    json_t *doc = hz_http_body_json(r);
    if (!doc) return;
    static const char *const keys[] = {"items", NULL};
    const char *items = NULL;
    hz_errinfo e;
    if (hz_json_only(r, doc, keys) && hz_json_str(r, doc, "items", &items)) {
        if (hz_app_relief_goods_add(r->app, p[0], items, &e))
            hz_http_fail(r, &e);
        else
            goods_answer(r, p[0], 201);
    }
    json_decref(doc);
}

static hz_err program_one(void *vctx, const hz_relief_program_totals *t, hz_errinfo *e) {
    (void)e;
    list_ctx *c = vctx;
    const hz_relief_program *p = &t->program;
    /* a donation drive pays what was donated; the others their budget */
    hz_fen limit = !strcmp(p->kind, "donation") ? t->donated : p->budget;
    char d[HZ_DATE_BUF];
    json_t *o = json_pack("{s:s, s:s, s:i, s:s, s:o, s:o, s:o, s:o, s:o}", "code", p->code, "kind", p->kind, "year",
                          p->year, "name", p->name, "budget", hz_json_money(p->budget), "committed",
                          hz_json_money(t->committed), "paid", hz_json_money(t->paid), "donated",
                          hz_json_money(t->donated), "left", hz_json_money(limit - t->committed));
    json_object_set_new(o, "objection_until",
                        p->objection_until == HZ_DATE_NONE ? json_null()
                                                           : json_string(hz_date_format(p->objection_until, d)));
    json_object_set_new(o, "published_at", p->published_at[0] ? json_string(p->published_at) : json_null());
    json_object_set_new(o, "counts", json_pack("{s:I, s:I, s:I, s:I, s:I}", "proposed", (json_int_t)t->count[0],
                                               "applied", (json_int_t)t->count[1], "approved", (json_int_t)t->count[2],
                                               "rejected", (json_int_t)t->count[3], "paid", (json_int_t)t->count[4]));
    json_array_append_new(c->arr, o);
    return HZ_OK;
}

static void h_programs(hz_req *r, char **p) {
    (void)p;
    list_ctx c = {r, json_array()};
    hz_errinfo e;
    if (hz_app_relief_programs(r->app, hz_http_query(r, "kind"), program_one, &c, &e)) {
        json_decref(c.arr);
        hz_http_fail(r, &e);
        return;
    }
    hz_http_json(r, 200, json_pack("{s:o, s:I}", "items", c.arr, "total", (json_int_t)json_array_size(c.arr)));
}

typedef struct {
    hz_req *r;
    json_t *lm, *grants;
} aid_ctx;

static hz_err aid_lm_one(void *vctx, const hz_lm_subsidy *s, hz_errinfo *e) {
    (void)e;
    aid_ctx *c = vctx;
    json_array_append_new(c->lm, hz_view_lm(s, !hz_authz_sees_identity(c->r->app)));
    return HZ_OK;
}

static hz_err aid_grant_one(void *vctx, const hz_relief_grant *g, hz_errinfo *e) {
    (void)e;
    aid_ctx *c = vctx;
    json_array_append_new(c->grants, view(c->r, g));
    return HZ_OK;
}

/* GET /aid?member=REF | ?id_number=X: a member's LM subsidies and grants */
static void h_member_aid(hz_req *r, char **p) {
    (void)p;
    aid_ctx c = {r, json_array(), json_array()};
    hz_errinfo e;
    const char *ref = hz_http_query(r, "member"), *id = hz_http_query(r, "id_number");
    if ((!ref || !*ref) && (!id || !*id)) {
        hz_http_error(r, 400, "VALIDATION", "member 或 id_number: 必填其一 (member ref or id_number required)");
    } else if (hz_app_aid_of_member(r->app, id, ref, aid_lm_one, aid_grant_one, &c, &e)) {
        hz_http_fail(r, &e);
    } else {
        hz_http_json(r, 200, json_pack("{s:O, s:O}", "lm", c.lm, "grants", c.grants));
    }
    json_decref(c.lm);
    json_decref(c.grants);
}

static const hz_route relief_routes[] = {
    {"GET", V1 "/relief/programs", h_programs, true, false},
    {"GET", V1 "/aid", h_member_aid, true, false},
    {"POST", V1 "/relief/programs", h_program_add, true, false},
    {"POST", V1 "/relief/programs/:code/propose", h_propose, true, false},
    {"GET", V1 "/relief/programs/:code/grants", h_grants, true, false},
    {"POST", V1 "/relief/programs/:code/grants", h_apply, true, false},
    {"POST", V1 "/relief/programs/:code/publicity", h_publicity, true, false},
    {"GET", V1 "/relief/grants/:no", h_grant_get, true, false},
    {"POST", V1 "/relief/grants/:no/approve", h_grant_approve, true, false},
    {"POST", V1 "/relief/grants/:no/reject", h_grant_reject, true, false},
    {"GET", V1 "/relief/programs/:code/goods", h_goods, true, false},
    {"POST", V1 "/relief/programs/:code/goods", h_goods_add, true, false},
    {"POST", V1 "/donations", h_donation_add, true, false},
    {NULL, NULL, NULL, false, false},
};
/* The relief module's routes (src/modules.def). */
const hz_http_module hz_http_module_relief = {"relief", relief_routes};
