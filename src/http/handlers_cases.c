/* API handlers of the service and legal-aid cases (cases module). */
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/cases.h"
#include "http/handlers.h"
#include "io/views_care.h"

#define V1 "/api/v1"

static hz_err note_one(void *ctx, const hz_case_note *n, hz_errinfo *e) {
    (void)e;
    json_array_append_new(ctx, hz_view_case_note(n));
    return HZ_OK;
}

/* case show (interfaces.md) with its notes */
static void show(hz_req *r, const char *no, int status) {
    hz_case c;
    hz_errinfo e;
    json_t *notes = json_array();
    if (hz_app_case_show(r->app, no, &c, note_one, notes, &e)) {
        json_decref(notes);
        hz_http_fail(r, &e);
        return;
    }
    json_t *v = hz_view_case(&c, !hz_authz_sees_identity(r->app));
    json_object_set_new(v, "notes", notes);
    hz_http_json(r, status, v);
}

static hz_err page_one(void *ctx, const hz_case *c, const char *unit_name, hz_errinfo *e) {
    (void)e;
    hz_req *r = ctx;
    json_t *v = hz_view_case(c, !hz_authz_sees_identity(r->app));
    json_object_set_new(v, "unit_name", json_string(unit_name));
    json_array_append_new(r->json, v);
    return HZ_OK;
}

static hz_err cases_page(hz_req *r, void *arg, hz_page pg, int64_t *total, hz_errinfo *e) {
    return hz_app_cases_page(r->app, arg, pg, page_one, r, total, e);
}

static hz_err cases_table(hz_req *r, void *arg, hz_report *rep, hz_errinfo *e) {
    return hz_app_cases_export(r->app, arg, rep, e);
}

/* GET /cases?page=&per_page=&q=&status=&unit=&from=&to=&sort=&order=
 * &assignee=LOGIN|me&member=REF&id_number=X[&format=csv|xlsx]: a page of
 * the cases in scope, or every matching one as a file. */
static void h_cases(hz_req *r, char **p) {
    (void)p;
    hz_case_query q = {hz_http_list_query(r), hz_http_query(r, "assignee"), hz_http_query(r, "id_number"),
                       hz_http_query(r, "member")};
    hz_http_list_or_export(r, &q, cases_page, cases_table);
}

/* POST /cases {id_number, kind, summary, amount} */
static void h_case_open(hz_req *r, char **p) {
    (void)p;
    json_t *doc = hz_http_body_json(r);
    if (!doc) return;
    static const char *const keys[] = {"id_number", "kind", "summary", "amount", NULL};
    const char *id, *kind, *summary, *amount;
    hz_fen claimed = -1;
    hz_errinfo e;
    hz_case c;
    if (hz_json_only(r, doc, keys) && hz_json_str(r, doc, "id_number", &id) && hz_json_str(r, doc, "kind", &kind) &&
        hz_json_str(r, doc, "summary", &summary) && hz_json_str(r, doc, "amount", &amount)) {
        if ((amount && hz_money_parse(amount, false, &claimed, "amount", &e)) ||
            hz_app_case_open(r->app, id, kind, summary, claimed, &c, &e))
            hz_http_fail(r, &e);
        else
            show(r, c.case_no, 201);
    }
    json_decref(doc);
}

static void h_case_get(hz_req *r, char **p) { show(r, p[0], 200); }

/* POST /cases/:no/assign {to} · /notes {text} · /close {outcome, recovered} */
static void h_case_assign(hz_req *r, char **p) {
    json_t *doc = hz_http_body_json(r);
    if (!doc) return;
    static const char *const keys[] = {"to", NULL};
    const char *to;
    hz_errinfo e;
    hz_case c;
    if (hz_json_only(r, doc, keys) && hz_json_str(r, doc, "to", &to)) {
        if (hz_app_case_assign(r->app, p[0], to, &c, &e))
            hz_http_fail(r, &e);
        else
            show(r, p[0], 200);
    }
    json_decref(doc);
}

static void h_case_note(hz_req *r, char **p) {
    json_t *doc = hz_http_body_json(r);
    if (!doc) return;
    static const char *const keys[] = {"text", NULL};
    const char *text;
    hz_errinfo e;
    hz_case c;
    if (hz_json_only(r, doc, keys) && hz_json_str(r, doc, "text", &text)) {
        if (hz_app_case_note(r->app, p[0], text, &c, &e))
            hz_http_fail(r, &e);
        else
            show(r, p[0], 201);
    }
    json_decref(doc);
}

static void h_case_close(hz_req *r, char **p) {
    json_t *doc = hz_http_body_json(r);
    if (!doc) return;
    static const char *const keys[] = {"outcome", "recovered", NULL};
    const char *outcome, *rec;
    hz_fen recovered = 0;
    hz_errinfo e;
    hz_case c;
    if (hz_json_only(r, doc, keys) && hz_json_str(r, doc, "outcome", &outcome) &&
        hz_json_str(r, doc, "recovered", &rec)) {
        if ((rec && hz_money_parse(rec, false, &recovered, "recovered", &e)) ||
            hz_app_case_close(r->app, p[0], outcome, recovered, &c, &e))
            hz_http_fail(r, &e);
        else
            show(r, p[0], 200);
    }
    json_decref(doc);
}

static const hz_route cases_routes[] = {
    {"GET", V1 "/cases", h_cases, true, false},
    {"POST", V1 "/cases", h_case_open, true, false},
    {"GET", V1 "/cases/:no", h_case_get, true, false},
    {"POST", V1 "/cases/:no/assign", h_case_assign, true, false},
    {"POST", V1 "/cases/:no/notes", h_case_note, true, false},
    {"POST", V1 "/cases/:no/close", h_case_close, true, false},
    {NULL, NULL, NULL, false, false},
};
/* The cases module's routes (src/modules.def). */
const hz_http_module hz_http_module_cases = {"cases", cases_routes};
