/* API handlers of the care activities (care module). */
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/care.h"
#include "core/normalize.h"
#include "http/handlers.h"
#include "io/views_care.h"

#define V1 "/api/v1"

static bool mask(hz_req *r) { return !hz_authz_sees_identity(r->app); }

/* an optional "YYYY-MM-DD" field; false after answering 400 */
static bool opt_date(hz_req *r, json_t *doc, const char *key, hz_date *out) {
    const char *s;
    hz_errinfo e;
    *out = HZ_DATE_NONE;
    if (!hz_json_str(r, doc, key, &s)) return false;
    if (s && hz_norm_date(s, out, key, &e)) {
        hz_http_fail(r, &e);
        return false;
    }
    return true;
}

static hz_err list_one(void *ctx, const hz_activity *a, hz_errinfo *e) {
    (void)e;
    hz_req *r = ctx;
    json_t *v = hz_view_activity(a);
    json_object_set_new(v, "status", json_string(hz_activity_status(r->app, a)));
    json_array_append_new(r->json, v);
    return HZ_OK;
}

static hz_err act_page(hz_req *r, void *arg, hz_page pg, int64_t *total, hz_errinfo *e) {
    return hz_app_activities_page(r->app, arg, pg, list_one, r, total, e);
}

static hz_err act_table(hz_req *r, void *arg, hz_report *rep, hz_errinfo *e) {
    return hz_app_activities_export(r->app, arg, rep, e);
}

/* GET /activities?q=&status=&kind=&year=&org=&unit=&from=&to=&sort=&order=
 * &page=&per_page=[&format=csv|xlsx] */
static void h_activities(hz_req *r, char **p) {
    (void)p;
    hz_activity_query q = {hz_http_list_query(r), hz_http_query(r, "kind"), hz_http_query(r, "org"), 0};
    const char *y = hz_http_query(r, "year");
    char *end = NULL;
    if (y && *y) {
        long v = strtol(y, &end, 10);
        if (*end || v < 2000 || v > 2199) {
            hz_http_error(r, 400, "VALIDATION", "year: 年份应在 2000 至 2199 (out of range)");
            return;
        }
        q.year = (int)v;
    }
    hz_http_list_or_export(r, &q, act_page, act_table);
}

/* POST /activities {code, kind, name, org, date, to, capacity, attendees} */
static void h_activity_add(hz_req *r, char **p) {
    (void)p;
    json_t *doc = hz_http_body_json(r);
    if (!doc) return;
    static const char *const keys[] = {"code", "kind", "name", "org", "date", "to", "capacity", "attendees", NULL};
    hz_activity_input in = {NULL, NULL, NULL, NULL, HZ_DATE_NONE, HZ_DATE_NONE, 0, 0};
    int cap = 0, att = 0;
    hz_errinfo e;
    hz_activity a;
    if (hz_json_only(r, doc, keys) && hz_json_str(r, doc, "code", &in.code) && hz_json_str(r, doc, "kind", &in.kind) &&
        hz_json_str(r, doc, "name", &in.name) && hz_json_str(r, doc, "org", &in.org) &&
        opt_date(r, doc, "date", &in.from) && opt_date(r, doc, "to", &in.to) &&
        hz_json_int(r, doc, "capacity", 0, HZ_CARE_CAPACITY_MAX, &cap) &&
        hz_json_int(r, doc, "attendees", 0, 10000000, &att)) {
        in.capacity = cap;
        in.attendees = att;
        if (hz_app_activity_add(r->app, &in, &a, &e))
            hz_http_fail(r, &e);
        else
            hz_http_json(r, 201, hz_view_activity(&a));
    }
    json_decref(doc);
}

static hz_err item_one(void *ctx, const char *item, int64_t count, hz_errinfo *e) {
    (void)e;
    json_object_set_new(ctx, item, json_integer(count));
    return HZ_OK;
}

/* activity show (interfaces.md): {code, participants, items, ranking} */
static void show(hz_req *r, const char *code, int status) {
    hz_activity a;
    json_t *items = json_object();
    hz_rank_row *rows;
    size_t n;
    hz_errinfo e;
    if (hz_app_activity_show(r->app, code, &a, item_one, items, &rows, &n, &e)) {
        json_decref(items);
        hz_http_fail(r, &e);
        return;
    }
    json_t *ranking = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(ranking, hz_view_rank_row(&rows[i], mask(r)));
    free(rows);
    hz_http_json(r, status,
                 json_pack("{s:s, s:I, s:o, s:o}", "code", a.code, "participants", (json_int_t)a.participants, "items",
                           items, "ranking", ranking));
}

static void h_activity_get(hz_req *r, char **p) { show(r, p[0], 200); }

/* POST /activities/:code/participants {id_number, steps, score, date} */
static void h_join(hz_req *r, char **p) {
    json_t *doc = hz_http_body_json(r);
    if (!doc) return;
    static const char *const keys[] = {"id_number", "steps", "score", "date", NULL};
    int steps = -1, score = -1;
    hz_join_input in = {p[0], NULL, -1, -1, HZ_DATE_NONE};
    hz_errinfo e;
    hz_activity_part part;
    if (hz_json_only(r, doc, keys) && hz_json_str(r, doc, "id_number", &in.id_number) &&
        hz_json_int(r, doc, "steps", 0, HZ_CARE_STEPS_MAX, &steps) &&
        hz_json_int(r, doc, "score", 0, HZ_CARE_SCORE_MAX, &score) && opt_date(r, doc, "date", &in.day)) {
        in.steps = steps;
        in.score = score;
        if (hz_app_activity_join(r->app, &in, &part, &e))
            hz_http_fail(r, &e);
        else
            hz_http_json(r, 201, hz_view_activity_part(&part, mask(r)));
    }
    json_decref(doc);
}

/* POST /activities/:code/distributions {unit | id_number, items, date} */
static void h_distribute(hz_req *r, char **p) {
    json_t *doc = hz_http_body_json(r);
    if (!doc) return;
    static const char *const keys[] = {"unit", "id_number", "items", "date", NULL};
    const char *unit, *id, *items;
    hz_date day;
    hz_errinfo e;
    if (hz_json_only(r, doc, keys) && hz_json_str(r, doc, "unit", &unit) && hz_json_str(r, doc, "id_number", &id) &&
        hz_json_str(r, doc, "items", &items) && opt_date(r, doc, "date", &day)) {
        if (hz_app_activity_distribute(r->app, p[0], unit, id, items, day, &e))
            hz_http_fail(r, &e);
        else
            show(r, p[0], 201);
    }
    json_decref(doc);
}

typedef struct {
    hz_req *r;
    json_t *parts, *dists;
} member_ctx;

static hz_err part_one(void *vctx, const hz_activity_part *p, hz_errinfo *e) {
    (void)e;
    member_ctx *c = vctx;
    json_array_append_new(c->parts, hz_view_activity_part(p, mask(c->r)));
    return HZ_OK;
}

static hz_err dist_one(void *vctx, const hz_activity_dist *d, hz_errinfo *e) {
    (void)e;
    member_ctx *c = vctx;
    json_array_append_new(c->dists, hz_view_activity_dist(d));
    return HZ_OK;
}

/* GET /care?member=REF | ?id_number=X (a member: themself when neither):
 * {"activities":[…], "distributions":[…]} */
static void h_member_care(hz_req *r, char **p) {
    (void)p;
    member_ctx c = {r, json_array(), json_array()};
    hz_errinfo e;
    if (hz_app_care_of_member(r->app, hz_http_query(r, "id_number"), hz_http_query(r, "member"), part_one, dist_one, &c,
                              &e))
        hz_http_fail(r, &e);
    else
        hz_http_json(r, 200, json_pack("{s:O, s:O}", "activities", c.parts, "distributions", c.dists));
    json_decref(c.parts);
    json_decref(c.dists);
}

static const hz_route care_routes[] = {
    {"GET", V1 "/activities", h_activities, true, false},
    {"POST", V1 "/activities", h_activity_add, true, false},
    {"GET", V1 "/activities/:code", h_activity_get, true, false},
    {"POST", V1 "/activities/:code/participants", h_join, true, false},
    {"POST", V1 "/activities/:code/distributions", h_distribute, true, false},
    {"GET", V1 "/care", h_member_care, true, false},
    {NULL, NULL, NULL, false, false},
};
/* The care module's routes (src/modules.def). */
const hz_http_module hz_http_module_care = {"care", care_routes};
