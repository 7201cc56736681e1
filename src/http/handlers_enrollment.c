/* API handlers of the enrollment module: the plan catalogue and its
 * versions, coverages one by one, a unit's renewal, sponsored plans and the
 * roster upload. Each parses, calls one use case, renders. */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/authz.h"
#include "app/enroll.h"
#include "app/plans.h"
#include "app/roster.h"
#include "core/normalize.h"
#include "core/text.h"
#include "http/handlers.h"
#include "io/views.h"

void h_plans(hz_req *r, char **p) {
    (void)p;
    hz_plan_row rows[64];
    int n;
    hz_errinfo e;
    if (hz_app_plans_list(r->app, rows, 64, &n, &e)) {
        hz_http_fail(r, &e);
        return;
    }
    json_t *items = json_array();
    for (int i = 0; i < n; i++) {
        json_t *o = json_pack("{s:s, s:s, s:i}", "code", rows[i].code, "name", rows[i].name, "version", rows[i].version);
        int64_t id;
        const hz_plan *plan;
        if (hz_app_plan_current(r->app, rows[i].code, &id, &plan, NULL, &e) == HZ_OK) {
            char b[HZ_MONEY_BUF];
            json_object_set_new(o, "premium_per_share", json_string(hz_money_format(plan->premium_per_share, b)));
            json_object_set_new(o, "max_shares", json_integer(plan->max_shares));
            json_object_set_new(o, "age_min", json_integer(plan->age_min));
            json_object_set_new(o, "age_max", json_integer(plan->age_max));
            json_object_set_new(o, "waiting_days", json_integer(plan->waiting_days));
            json_t *terms = json_array();
            for (int k = 0; k < plan->n_terms; k++) json_array_append_new(terms, json_integer(plan->terms[k]));
            json_object_set_new(o, "terms", terms);
        } else {
            json_object_set_new(o, "scheme", json_true());
        }
        json_array_append_new(items, o);
    }
    hz_http_list(r, items, n);
}

void h_coverage_add(hz_req *r, char **p) {
    (void)p;
    json_t *doc = hz_http_body_json(r);
    if (!doc) return;
    static const char *const keys[] = {"id_number", "plan", "shares", "start", "months", "payer", NULL};
    hz_enroll_input in = {NULL, NULL, 1, HZ_DATE_NONE, 0, NULL};
    const char *start = NULL;
    hz_errinfo e;
    if (hz_json_only(r, doc, keys) && hz_json_str(r, doc, "id_number", &in.id_number) &&
        hz_json_str(r, doc, "plan", &in.plan_code) && hz_json_int(r, doc, "shares", 1, 100, &in.shares) &&
        hz_json_str(r, doc, "start", &start) && hz_json_int(r, doc, "months", 1, 120, &in.months) &&
        hz_json_str(r, doc, "payer", &in.payer)) {
        hz_coverage c;
        if (!in.id_number || !in.plan_code) hz_http_error(r, 400, "VALIDATION", "id_number, plan: 必填 (required)");
        else if (hz_norm_date(start, &in.start, "start", &e) || hz_app_enroll(r->app, &in, &c, &e)) hz_http_fail(r, &e);
        else hz_http_json(r, 201, hz_view_coverage(&c));
    }
    json_decref(doc);
}

static json_t *bulk_doc(const hz_bulk_report *rep, bool dry_run) {
    return json_pack("{s:I, s:I, s:I, s:I, s:o, s:b}", "selected", (json_int_t)rep->selected, "enrolled",
                     (json_int_t)rep->enrolled, "already_covered", (json_int_t)rep->already_covered, "ineligible",
                     (json_int_t)rep->ineligible, "premium_total", hz_json_money(rep->premium_total), "dry_run", dry_run);
}

void h_renew(hz_req *r, char **p) {
    (void)p;
    json_t *doc = hz_http_body_json(r);
    if (!doc) return;
    static const char *const keys[] = {"unit", "from", "to", "dry_run", NULL};
    const char *unit, *from, *to;
    bool dry = false;
    hz_errinfo e;
    hz_date f, t;
    if (hz_json_only(r, doc, keys) && hz_json_str(r, doc, "unit", &unit) && hz_json_str(r, doc, "from", &from) &&
        hz_json_str(r, doc, "to", &to) && hz_json_bool(r, doc, "dry_run", &dry)) {
        hz_bulk_report rep;
        if (!unit) hz_http_error(r, 400, "VALIDATION", "unit: 必填 (required)");
        else if (hz_norm_date(from, &f, "from", &e) || hz_norm_date(to, &t, "to", &e) ||
                 (dry ? hz_app_renew_unit_preview : hz_app_renew_unit)(r->app, unit, f, t, &rep, &e))
            hz_http_fail(r, &e);
        else
            hz_http_json(r, 200, bulk_doc(&rep, dry));
    }
    json_decref(doc);
}

/* POST /api/v1/coverages/sponsored: an org gives a plan to the members of
 * its subtree (of a category), paying every premium; dry_run counts. */
static void h_sponsored(hz_req *r, char **p) {
    (void)p;
    json_t *doc = hz_http_body_json(r);
    if (!doc) return;
    static const char *const keys[] = {"org", "category", "plan", "start", "months", "dry_run", NULL};
    const char *org, *category, *plan, *start;
    int months = 12;
    bool dry = false;
    hz_errinfo e;
    hz_date d;
    if (hz_json_only(r, doc, keys) && hz_json_str(r, doc, "org", &org) && hz_json_str(r, doc, "category", &category) &&
        hz_json_str(r, doc, "plan", &plan) && hz_json_str(r, doc, "start", &start) &&
        hz_json_int(r, doc, "months", 1, 120, &months) && hz_json_bool(r, doc, "dry_run", &dry)) {
        hz_bulk_report rep;
        if (!org || !plan) hz_http_error(r, 400, "VALIDATION", "org, plan: 必填 (required)");
        else if (hz_norm_date(start, &d, "start", &e) ||
                 (dry ? hz_app_enroll_sponsored_preview : hz_app_enroll_sponsored)(r->app, org, category && *category ? category : NULL,
                                                                                    plan, d, months, &rep, &e))
            hz_http_fail(r, &e);
        else
            hz_http_json(r, 200, bulk_doc(&rep, dry));
    }
    json_decref(doc);
}

static enum MHD_Result collect_plans(void *cls, enum MHD_ValueKind kind, const char *key, const char *value) {
    (void)kind;
    hz_roster_input *in = cls;
    if (key && value && !strcmp(key, "plan") && in->n_plans < HZ_ROSTER_MAX_PLANS) in->plans[in->n_plans++] = value;
    return MHD_YES;
}

void h_roster(hz_req *r, char **p) {
    (void)p;
    hz_roster_input in;
    memset(&in, 0, sizeof in);
    in.unit_code = hz_http_query(r, "unit");
    MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, collect_plans, &in);
    const char *start = hz_http_query(r, "start"), *months = hz_http_query(r, "months");
    in.payer = hz_http_query(r, "payer");
    in.skip_invalid = hz_http_query(r, "skip_invalid") && strcmp(hz_http_query(r, "skip_invalid"), "0");
    in.dry_run = hz_http_query(r, "dry_run") && strcmp(hz_http_query(r, "dry_run"), "0");
    hz_errinfo e;
    if (!in.unit_code) {
        hz_http_error(r, 400, "VALIDATION", "unit: 必填 (required)");
        return;
    }
    if (hz_norm_date(start, &in.start, "start", &e) || hz_encoding_parse(hz_http_query(r, "encoding"), &in.encoding, &e)) {
        hz_http_fail(r, &e);
        return;
    }
    if (months) {
        char *end;
        long m = strtol(months, &end, 10);
        in.months = *months && !*end && m > 0 && m <= 120 ? (int)m : -1;
    }
    if (in.months < 0) {
        hz_http_error(r, 400, "VALIDATION", "months: 应为1至120 (must be 1..120)");
        return;
    }
    char path[256];
    if (!hz_http_body_file(r, path, sizeof path)) return;
    in.path = path;
    hz_roster_report rep;
    hz_err rc = hz_app_import_roster(r->app, &in, &rep, &e);
    unlink(path);
    int listed = rep.n_listed;
    json_t *report = json_pack("{s:I, s:I, s:I, s:o, s:I, s:I, s:b}", "rows", (json_int_t)rep.rows, "imported",
                               (json_int_t)rep.imported, "updated", (json_int_t)rep.updated, "rejected",
                               hz_view_row_errors(rep.rejected, rep.n_listed), "rejected_total", (json_int_t)rep.n_rejected,
                               "coverages", (json_int_t)rep.coverages, "written", rep.written);
    hz_roster_report_free(&rep);
    /* refused rows keep their details, a bad header row 1 included */
    if (rc == HZ_EINVAL && listed > 0) {
        hz_http_json(r, 400, json_pack("{s:{s:s, s:s, s:O}, s:o}", "error", "code", "VALIDATION", "message", e.msg,
                                       "details", json_object_get(report, "rejected"), "report", report));
    } else if (rc) {
        json_decref(report);
        hz_http_fail(r, &e);
    } else {
        hz_http_json(r, 200, report);
    }
}

/* GET /api/v1/plans/:code/versions: the plan's history, newest first. */
static void h_plan_versions(hz_req *r, char **p) {
    enum { MAXV = 64 };
    hz_plan_version v[MAXV];
    char *params[MAXV];
    int n;
    hz_errinfo e;
    if (hz_app_plan_versions(r->app, p[0], v, MAXV, &n, params, &e)) {
        hz_http_fail(r, &e);
        return;
    }
    json_t *items = json_array();
    for (int i = 0; i < n; i++) {
        json_t *doc = json_loads(params[i], 0, NULL);
        json_array_append_new(items, json_pack("{s:s, s:i, s:s, s:s, s:s, s:I, s:o}", "code", v[i].row.code, "version",
                                               v[i].row.version, "name", v[i].row.name, "digest", v[i].row.digest,
                                               "published_at", v[i].created_at, "coverages", (json_int_t)v[i].coverages,
                                               "params", doc ? doc : json_null()));
        free(params[i]);
    }
    hz_http_list(r, items, n);
}

#define V1 "/api/v1"
static const hz_route enrollment_routes[] = {
    {"GET", V1 "/plans", h_plans, true, false},
    {"GET", V1 "/plans/:code/versions", h_plan_versions, true, false},
    {"POST", V1 "/coverages", h_coverage_add, true, false},
    {"POST", V1 "/coverages/renew", h_renew, true, false},
    {"POST", V1 "/coverages/sponsored", h_sponsored, true, false},
    {"POST", V1 "/rosters", h_roster, true, true, HZ_A_ROSTER},
    {NULL, NULL, NULL, false, false},
};
#undef V1
/* The enrollment module's routes (src/modules.def). */
const hz_http_module hz_http_module_enrollment = {"enrollment", enrollment_routes};
