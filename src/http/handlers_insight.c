/* API handlers of the insight module: what-if, publish, look-back, forecast. */
#include <stdlib.h>
#include <string.h>

#include "app/insight.h"
#include "http/handlers.h"
#include "io/views_insight.h"

#define V1 "/api/v1"

/* ?name=YYYY-MM-DD into *d (unchanged when absent); false after a 400. */
static bool date_param(hz_req *r, const char *name, hz_date *d) {
    const char *s = hz_http_query(r, name);
    hz_errinfo e;
    if (s && *s && hz_date_parse(s, d, name, &e)) {
        hz_http_fail(r, &e);
        return false;
    }
    return true;
}

/* The body as text: the plan file (a JSON document of the catalogue's format). */
static char *body_text(hz_req *r) {
    char *t = malloc(r->len + 1);
    if (!t) {
        hz_http_error(r, 500, "INTERNAL", "内存不足 (out of memory)");
        return NULL;
    }
    if (r->len) memcpy(t, r->body, r->len);
    t[r->len] = '\0';
    return t;
}

static void h_simulate(hz_req *r, char **p) {
    (void)p;
    int y, m, d;
    hz_date_to_ymd(r->app->today, &y, &m, &d);
    hz_date from = hz_date_from_ymd(y, 1, 1), to = r->app->today;
    if (!date_param(r, "from", &from) || !date_param(r, "to", &to)) return;
    char *text = body_text(r);
    if (!text) return;
    hz_whatif_result *res = malloc(sizeof *res);
    hz_errinfo e;
    if (!res) hz_http_error(r, 500, "INTERNAL", "内存不足 (out of memory)");
    else if (hz_app_simulate(r->app, text, from, to, res, &e)) hz_http_fail(r, &e);
    else {
        hz_http_json(r, 200, hz_view_whatif(res));
        hz_whatif_free(res);
    }
    free(res);
    free(text);
}

static void h_plan_publish(hz_req *r, char **p) {
    (void)p;
    char *text = body_text(r);
    if (!text) return;
    int version = 0;
    hz_errinfo e;
    if (hz_app_plan_publish(r->app, text, hz_http_query(r, "why"), &version, &e)) hz_http_fail(r, &e);
    else hz_http_json(r, 201, json_pack("{s:i}", "version", version));
    free(text);
}

/* The newest version's plan file: {"code","version","file":{…}}. */
static void h_plan_file(hz_req *r, char **p) {
    char *text;
    int version;
    hz_errinfo e;
    if (hz_app_plan_file(r->app, p[0], &text, &version, &e)) {
        hz_http_fail(r, &e);
        return;
    }
    json_t *doc = json_loads(text, 0, NULL);
    free(text);
    if (!doc) hz_http_error(r, 500, "INTERNAL", "计划文件无法解析 (the stored plan file is not JSON)");
    else hz_http_json(r, 200, json_pack("{s:s, s:i, s:o}", "code", p[0], "version", version, "file", doc));
}

/* ?year= (default: this year); false after a 400. */
static bool year_param(hz_req *r, int *year) {
    int m, d;
    hz_date_to_ymd(r->app->today, year, &m, &d);
    const char *ys = hz_http_query(r, "year");
    if (ys && *ys) {
        char *end;
        long v = strtol(ys, &end, 10);
        if (*end || v < 2000 || v > 2199) {
            hz_http_error(r, 400, "VALIDATION", "year: 应为 2000 至 2199 的年份 (a year 2000..2199)");
            return false;
        }
        *year = (int)v;
    }
    return true;
}

static void h_forecast(hz_req *r, char **p) {
    (void)p;
    int y;
    if (!year_param(r, &y)) return;
    hz_forecast *f = malloc(sizeof *f);
    hz_errinfo e;
    if (!f) hz_http_error(r, 500, "INTERNAL", "内存不足 (out of memory)");
    else if (hz_app_forecast(r->app, y, f, &e)) hz_http_fail(r, &e);
    else hz_http_json(r, 200, hz_view_forecast(f));
    free(f);
}

static void h_lookback(hz_req *r, char **p) {
    (void)p;
    int y;
    if (!year_param(r, &y)) return;
    hz_lookback_result res;
    hz_errinfo e;
    if (hz_app_lookback(r->app, y, &res, &e)) {
        hz_http_fail(r, &e);
        return;
    }
    hz_http_json(r, 200, hz_view_lookback(&res));
    hz_lookback_free(&res);
}

static const hz_route insight_routes[] = {
    {"POST", V1 "/simulate", h_simulate, true, false},
    {"POST", V1 "/plans/publish", h_plan_publish, true, false},
    {"GET", V1 "/plans/:code/file", h_plan_file, true, false},
    {"GET", V1 "/lookback", h_lookback, true, false},
    {"GET", V1 "/forecast", h_forecast, true, false},
    {NULL, NULL, NULL, false, false},
};
/* The insight module's routes (src/modules.def). */
const hz_http_module hz_http_module_insight = {"insight", insight_routes};
