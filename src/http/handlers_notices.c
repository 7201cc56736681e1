/* API handlers of the notices module: the staff's outbox and retry, the
 * member's messages, and opt-outs. */
#include <string.h>

#include "app/authz.h"
#include "app/notices.h"
#include "http/handlers.h"
#include "io/views_notices.h"

#define V1 "/api/v1"

typedef struct {
    json_t *items;
    bool mask, member;
} list_ctx;

static hz_err row(void *vctx, const hz_notice *n, hz_errinfo *e) {
    (void)e;
    list_ctx *c = vctx;
    json_array_append_new(c->items, hz_view_notice(n, c->mask, c->member));
    return HZ_OK;
}

static hz_err notices_page(hz_req *r, void *arg, hz_page pg, int64_t *total, hz_errinfo *e) {
    list_ctx c = {r->json, !hz_authz_sees_identity(r->app), arg == NULL};
    return arg ? hz_app_notices_page(r->app, arg, pg, row, &c, total, e)
               : hz_app_notices_mine(r->app, pg, row, &c, total, e);
}

static hz_err notices_table(hz_req *r, void *arg, hz_report *rep, hz_errinfo *e) {
    if (!arg) return hz_fail(e, HZ_EINVAL, "format: 本人通知不提供导出 (no export of one's own messages)");
    return hz_app_notices_export(r->app, arg, rep, e);
}

/* GET /notices?q=&status=&unit=&from=&to=&sort=&order=&kind=&id_number=
 * &page=&per_page=[&format=csv|xlsx] (the outbox); GET /me/notices (mine) */
static void list(hz_req *r, bool mine) {
    hz_notice_query q = {hz_http_list_query(r), hz_http_query(r, "kind"), hz_http_query(r, "id_number")};
    hz_http_list_or_export(r, mine ? NULL : &q, notices_page, notices_table);
}

static void h_notices(hz_req *r, char **p) {
    (void)p;
    list(r, false);
}

static void h_my_notices(hz_req *r, char **p) {
    (void)p;
    list(r, true);
}

static void h_retry(hz_req *r, char **p) {
    hz_notice n;
    hz_errinfo e;
    if (hz_app_notice_retry(r->app, p[0], &n, &e)) hz_http_fail(r, &e);
    else hz_http_json(r, 200, hz_view_notice(&n, !hz_authz_sees_identity(r->app), false));
}

static hz_err pref_row(void *vctx, const char *channel, const char *kind, hz_errinfo *e) {
    (void)e;
    json_array_append_new(vctx, json_pack("{s:s, s:s}", "channel", channel, "kind", kind));
    return HZ_OK;
}

static void prefs_answer(hz_req *r, const char *id_number) {
    json_t *a = json_array();
    hz_errinfo e;
    if (hz_app_notice_prefs(r->app, id_number, pref_row, a, &e)) {
        json_decref(a);
        hz_http_fail(r, &e);
    } else {
        hz_http_json(r, 200, json_pack("{s:o}", "opted_out", a));
    }
}

/* GET ?id_number= (staff; a member: their own) */
static void h_prefs(hz_req *r, char **p) {
    (void)p;
    prefs_answer(r, hz_http_query(r, "id_number"));
}

/* POST {"id_number"?, "channel", "kind", "off": true|false} */
static void h_prefs_set(hz_req *r, char **p) {
    (void)p;
    json_t *doc = hz_http_body_json(r);
    if (!doc) return;
    const char *id = json_string_value(json_object_get(doc, "id_number")),
               *channel = json_string_value(json_object_get(doc, "channel")),
               *kind = json_string_value(json_object_get(doc, "kind"));
    json_t *off = json_object_get(doc, "off");
    hz_errinfo e;
    if (!channel || !kind || !json_is_boolean(off))
        hz_http_error(r, 400, "VALIDATION", "channel, kind, off: 必填 (required; off is true or false)");
    else if (hz_app_notice_pref_set(r->app, id, channel, kind, json_is_true(off), &e)) hz_http_fail(r, &e);
    else prefs_answer(r, id);
    json_decref(doc);
}

static const hz_route notices_routes[] = {
    {"GET", V1 "/notices", h_notices, true, false},
    {"POST", V1 "/notices/:no/retry", h_retry, true, false},
    {"GET", V1 "/me/notices", h_my_notices, true, false},
    {"GET", V1 "/notice-prefs", h_prefs, true, false},
    {"POST", V1 "/notice-prefs", h_prefs_set, true, false},
    {NULL, NULL, NULL, false, false},
};
/* The notices module's routes (src/modules.def). */
const hz_http_module hz_http_module_notices = {"notices", notices_routes};
