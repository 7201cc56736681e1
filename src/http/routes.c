/* The route table, the router and the OpenAPI document generated from it,
 * so the published description always matches what the server does. */
#include <string.h>

#include "http/handlers.h"

#define HZ_MODULE(name) extern const hz_http_module hz_http_module_##name;
#include "modules.def"
#undef HZ_MODULE

const hz_http_module *const hz_http_modules[] = {
#define HZ_MODULE(name) &hz_http_module_##name,
#include "modules.def"
#undef HZ_MODULE
    NULL,
};

/* Matches path against pattern; ":x" takes one segment. */
static bool match(const char *pattern, const char *path, char params[4][128]) {
    int np = 0;
    const char *p = pattern, *u = path;
    while (*p && *u) {
        if (*p == ':') {
            while (*p && *p != '/') p++;
            const char *seg = u;
            while (*u && *u != '/') u++;
            size_t n = (size_t)(u - seg);
            if (n == 0 || n >= 128 || np == 4) return false;
            memcpy(params[np], seg, n);
            params[np++][n] = '\0';
        } else {
            if (*p != *u) return false;
            p++;
            u++;
        }
    }
    return !*p && !*u;
}

const hz_route *hz_route_find(const char *method, const char *path, char params[4][128], bool *method_ok) {
    *method_ok = true;
    bool path_seen = false;
    for (const hz_http_module *const *m = hz_http_modules; *m; m++)
        for (const hz_route *r = (*m)->routes; r->method; r++) {
            if (!match(r->pattern, path, params)) continue;
            path_seen = true;
            if (!strcmp(r->method, method)) return r;
        }
    *method_ok = !path_seen;
    return NULL;
}

static void openapi_route(json_t *paths, const hz_route *r);

json_t *hz_openapi(void) {
    json_t *paths = json_object();
    for (const hz_http_module *const *m = hz_http_modules; *m; m++)
        for (const hz_route *r = (*m)->routes; r->method; r++) openapi_route(paths, r);
    return json_pack("{s:s, s:{s:s, s:s}, s:[{s:s}], s:o, s:{s:{s:{s:s, s:s}, s:{s:s, s:s, s:s}}}}", "openapi",
                     "3.0.3", "info", "title", "huzhu 职工互助保障 API", "version", "1", "servers", "url", "/api/v1",
                     "paths", paths, "components", "securitySchemes", "bearer", "type", "http", "scheme", "bearer",
                     "cookie", "type", "apiKey", "in", "cookie", "name", "hz_session");
}

/* Adds one route to the OpenAPI paths object. */
static void openapi_route(json_t *paths, const hz_route *r) {
    /* OpenAPI writes {param} where the router writes :param */
    char p[160];
    size_t o = 0;
    json_t *params = json_array();
    for (const char *s = r->pattern; *s && o < sizeof p - 2; s++) {
        if (*s == ':') {
            const char *e = s + 1;
            while (*e && *e != '/') e++;
            char name[64];
            size_t n = (size_t)(e - s - 1) < sizeof name - 1 ? (size_t)(e - s - 1) : sizeof name - 1;
            memcpy(name, s + 1, n);
            name[n] = '\0';
            o += (size_t)snprintf(p + o, sizeof p - o, "{%s}", name);
            json_array_append_new(params, json_pack("{s:s, s:s, s:b, s:{s:s}}", "name", name, "in", "path",
                                                    "required", 1, "schema", "type", "string"));
            s = e - 1;
        } else {
            p[o++] = *s;
        }
    }
    p[o] = '\0';
    const char *path = p + strlen("/api/v1");
    json_t *item = json_object_get(paths, path);
    if (!item) {
        item = json_object();
        json_object_set_new(paths, path, item);
    }
    char method[8];
    size_t i = 0;
    for (; r->method[i] && i < sizeof method - 1; i++) method[i] = (char)(r->method[i] | 0x20);
    method[i] = '\0';
    json_t *op = json_pack("{s:s, s:o, s:{s:{s:s}, s:{s:s}, s:{s:s}}}", "operationId", r->pattern, "parameters",
                           params, "responses", "200", "description", "OK", "400", "description",
                           "VALIDATION error", "404", "description", "NOT_FOUND");
    if (r->auth) {
        json_object_set_new(op, "security", json_pack("[{s:[]}, {s:[]}]", "bearer", "cookie"));
        json_object_set_new(json_object_get(op, "responses"), "401", json_pack("{s:s}", "description", "UNAUTHORIZED"));
        json_object_set_new(json_object_get(op, "responses"), "403", json_pack("{s:s}", "description", "FORBIDDEN"));
    }
    if (r->upload)
        json_object_set_new(op, "requestBody",
                            json_pack("{s:{s:{s:{s:s, s:s}}}}", "content", "application/octet-stream", "schema",
                                      "type", "string", "format", "binary"));
    json_object_set_new(item, method, op);
}

#define V1 "/api/v1"
static const hz_route core_routes[] = {
    {"POST", V1 "/session", h_login, false, false},
    {"DELETE", V1 "/session", h_logout, true, false},
    {"GET", V1 "/me", h_me, true, false},
    {"GET", V1 "/openapi.json", h_openapi, false, false},
    {"GET", V1 "/audit/verify", h_audit_verify, true, false},
    {"GET", V1 "/audit/checkpoint", h_audit_checkpoint, true, false},
    {"GET", V1 "/audit/events", h_audit_events, true, false},
    {NULL, NULL, NULL, false, false},
};
#undef V1
/* The core module's routes (src/modules.def). */
const hz_http_module hz_http_module_core = {"core", core_routes};
