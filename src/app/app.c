/* Application context and `init`. */
#include "app/app.h"

#include "app/audit_key.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/catalogue.h"
#include "store/store.h"

void hz_app_tick(hz_app *app) {
    int64_t t = (int64_t)time(NULL);
    const char *fixed = getenv("HUZHU_TODAY");
    hz_date d;
    if (fixed && *fixed && hz_date_parse(fixed, &d, "HUZHU_TODAY", NULL) == HZ_OK)
        t += (int64_t)(d - hz_date_from_unix(t)) * 86400; /* Beijing has no DST: whole days */
    app->now_unix = t;
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(app->now, sizeof app->now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    app->today = hz_date_from_unix(t); /* Beijing's date (core/date.c) */
}

hz_err hz_app_set_lock_wait(hz_app *app, int ms, hz_errinfo *e) { return hz_db_set_lock_wait(app->db, ms, e); }

hz_err hz_app_open(hz_app *app, const char *db_url, hz_errinfo *e) {
    memset(app, 0, sizeof *app);
    snprintf(app->actor, sizeof app->actor, "cli");
    snprintf(app->who.role, sizeof app->who.role, "admin");
    hz_app_tick(app);
    hz_err rc = hz_db_open(db_url, &app->db, e);
    if (rc) return rc;
    hz_audit_key_path(db_url, app->audit_key_path, sizeof app->audit_key_path);
    return hz_audit_key_read(app->audit_key_path, false, app->audit_key, &app->has_audit_key, e);
}

void hz_app_close(hz_app *app) {
    hz_app_plans_free(app);
    free(app->session);
    app->session = NULL;
    if (app->db) hz_db_close(app->db);
    app->db = NULL;
}

void hz_report_error(hz_row_error **list, int *n_listed, long *total, long row, const char *column, const char *reason) {
    hz_report_error_at(list, n_listed, total, row, column, column, reason);
}

void hz_report_error_at(hz_row_error **list, int *n_listed, long *total, long row, const char *field,
                        const char *column, const char *reason) {
    (*total)++;
    if (*n_listed >= HZ_REPORT_MAX_ERRORS) return;
    if (!*list && !(*list = calloc(HZ_REPORT_MAX_ERRORS, sizeof **list))) return;
    hz_row_error *r = &(*list)[(*n_listed)++];
    r->row = row;
    snprintf(r->field, sizeof r->field, "%s", field);
    snprintf(r->column, sizeof r->column, "%s", column);
    snprintf(r->reason, sizeof r->reason, "%s", reason);
}

int hz_app_schema_version(void) { return hz_store_schema_version(); }
