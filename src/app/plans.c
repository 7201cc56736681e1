/* Plan versions: loading the catalogue into the store, and a per-process
 * cache of parsed versions so the engine never re-parses JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/audit.h"
#include "app/plans.h"
#include "core/plan.h"
#include "io/catalogue.h"
#include "store/coverage.h"

typedef struct {
    int64_t id;
    int version;
    hz_plan plan;
} cached_plan;

struct hz_plan_cache {
    int n, cap;
    cached_plan *items;
};

void hz_app_plans_free(hz_app *app) {
    if (!app->plans) return;
    free(app->plans->items);
    free(app->plans);
    app->plans = NULL;
}

hz_err hz_app_plan_by_id(hz_app *app, int64_t plan_id, const hz_plan **plan, int *version, hz_errinfo *e) {
    if (!app->plans && !(app->plans = calloc(1, sizeof *app->plans)))
        return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    struct hz_plan_cache *c = app->plans;
    for (int i = 0; i < c->n; i++)
        if (c->items[i].id == plan_id) {
            *plan = &c->items[i].plan;
            if (version) *version = c->items[i].version;
            return HZ_OK;
        }
    if (c->n == c->cap) {
        /* grow without moving entries already handed out: allocate anew only
         * while empty, otherwise refuse past the declared maximum */
        if (c->cap) return hz_fail(e, HZ_EINTERNAL, "计划版本过多 (more than %d plan versions in use)", c->cap);
        c->cap = 256;
        if (!(c->items = calloc((size_t)c->cap, sizeof *c->items))) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    }
    char *params;
    hz_plan_row row;
    hz_err rc = hz_store_plan_params(app->db, plan_id, &params, &row, e);
    if (rc) return rc;
    char source[64];
    snprintf(source, sizeof source, "plan %s v%d", row.code, row.version);
    hz_catalogue_entry entry;
    rc = hz_catalogue_parse(params, source, &entry, e);
    free(params);
    if (rc) return rc;
    free(entry.canonical);
    if (entry.scheme) return hz_fail(e, HZ_EINVAL, "%s 是补助方案而非保障计划 (a scheme, not a plan)", row.code);
    cached_plan *cp = &c->items[c->n++];
    cp->id = plan_id;
    cp->version = row.version;
    cp->plan = entry.plan;
    *plan = &cp->plan;
    if (version) *version = cp->version;
    return HZ_OK;
}

hz_err hz_app_plan_current(hz_app *app, const char *code, int64_t *plan_id, const hz_plan **plan, int *version,
                           hz_errinfo *e) {
    hz_plan_row row;
    hz_err rc = hz_store_plan_current(app->db, code, &row, e);
    if (rc) return rc;
    *plan_id = row.id;
    return hz_app_plan_by_id(app, row.id, plan, version, e);
}

hz_err hz_app_load_catalogue(hz_app *app, const char *dir, int *versions, hz_errinfo *e) {
    hz_catalogue_entry *entries;
    int n;
    *versions = 0;
    hz_err rc = hz_catalogue_load_dir(dir, &entries, &n, e);
    if (rc) return rc;
    if ((rc = hz_db_begin(app->db, e))) goto out;
    for (int i = 0; i < n && rc == HZ_OK; i++) {
        hz_plan_row cur;
        hz_errinfo ne;
        hz_err found = hz_store_plan_current(app->db, entries[i].code, &cur, &ne);
        if (found == HZ_OK && strcmp(cur.digest, entries[i].digest) == 0) continue;
        if (found != HZ_OK && found != HZ_ENOTFOUND) {
            rc = hz_fail(e, found, "%s", ne.msg);
            break;
        }
        hz_plan_row row = {0};
        snprintf(row.code, sizeof row.code, "%s", entries[i].code);
        snprintf(row.name, sizeof row.name, "%s", entries[i].name);
        snprintf(row.digest, sizeof row.digest, "%s", entries[i].digest);
        row.version = found == HZ_OK ? cur.version + 1 : 1;
        if ((rc = hz_store_plan_insert(app->db, &row, entries[i].canonical, app->now, e))) break;
        char detail[160];
        snprintf(detail, sizeof detail, "{\"version\":%d,\"digest\":\"%s\"}", row.version, row.digest);
        char object[32];
        snprintf(object, sizeof object, "plan:%s", row.code);
        if ((rc = hz_audit(app, "plan.version", object, detail, e))) break;
        (*versions)++;
    }
    if (rc) hz_db_rollback(app->db);
    else rc = hz_db_commit(app->db, e);
out:
    hz_catalogue_free(entries, n);
    return rc;
}

hz_err hz_app_plan_versions(hz_app *app, const char *code, hz_plan_version *out, int max, int *n, char **params,
                            hz_errinfo *e) {
    hz_err rc = hz_store_plan_versions(app->db, code ? code : "", out, max, n, e);
    for (int i = 0; !rc && i < *n; i++) {
        hz_plan_row row;
        rc = hz_store_plan_params(app->db, out[i].row.id, &params[i], &row, e);
        if (rc) {
            for (int k = 0; k < i; k++) free(params[k]);
            *n = 0;
        }
    }
    return rc;
}

hz_err hz_app_plans_list(hz_app *app, hz_plan_row *out, int max, int *n, hz_errinfo *e) {
    return hz_store_plans(app->db, out, max, n, e);
}
