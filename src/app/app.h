/* The application context every use case receives: the store connection,
 * who acts (for the audit trail), and the clock. Interfaces build one per
 * command or request; use cases never format output. */
#ifndef HZ_APP_H
#define HZ_APP_H

#include <stdbool.h>

#include "core/date.h"
#include "core/err.h"
#include "core/model.h"
#include "store/db.h"

#define HZ_TS_BUF 24

#define HZ_REPORT_MAX_ERRORS 10000 /* listed in a report; more are counted */

/* Appends an error to a report's list (allocated on first use, at most
 * HZ_REPORT_MAX_ERRORS listed); always counts it in *total. */
void hz_report_error(hz_row_error **list, int *n_listed, long *total, long row, const char *column, const char *reason);
/* hz_report_error with the field's stable key apart from the file's own
 * column title (hz_report_error uses the column for both). */
void hz_report_error_at(hz_row_error **list, int *n_listed, long *total, long row, const char *field,
                        const char *column, const char *reason);

/* Who acts: role and scope, resolved once per request (authz.c). */
typedef struct {
    char role[12];           /* admin staff reviewer finance cadre unit member */
    char scope_kind[8];      /* "" (whole office), org, unit, member */
    char scope_ref[32];
    char scope_path[256];    /* org: the org's path */
    int64_t scope_unit_id;   /* unit */
    int64_t scope_member_id; /* member */
    char scope_name[HZ_NAME_MAX * 2]; /* the scope's own name (org, unit, member), for display */
} hz_actor;

typedef struct {
    hz_db *db;
    char actor[64];         /* login or "cli" */
    hz_actor who;           /* the CLI acts as admin */
    hz_date today;          /* Asia/Shanghai civil date */
    char now[HZ_TS_BUF];    /* UTC "YYYY-MM-DDTHH:MM:SSZ" */
    int64_t now_unix;       /* the same instant, seconds since 1970 (UTC) */
    const char *catalogue_dir; /* plan data files; NULL = built-in default */
    struct hz_plan_cache *plans; /* parsed plan versions, by id */
    unsigned char audit_key[32]; /* the audit chain's MAC key (app/audit.h), from a file outside the database */
    bool has_audit_key;
    char audit_key_path[4096];
    struct hz_session_memo *session; /* the last session this thread resolved (app/users.c) */
} hz_app;

/* Opens the store, loads the audit key when its file exists
 * (hz_audit_key_path) and fills the clock from the system (HUZHU_TODAY =
 * YYYY-MM-DD overrides the date, for reproducible tests and demos).
 * Release with hz_app_close. */
hz_err hz_app_open(hz_app *app, const char *db_url, hz_errinfo *e);
void hz_app_close(hz_app *app);
/* How long this process's writes wait for another writer's lock before
 * "database busy", in milliseconds: the server keeps the store's 10 s (a
 * request thread must not hang); the CLI waits 2 minutes, since a clerk's
 * command or a cron'd `pay batch` would rather wait for an import than
 * fail (docs/decisions.md "Waiting for the write lock"). */
hz_err hz_app_set_lock_wait(hz_app *app, int ms, hz_errinfo *e);

/* Refreshes app->now and app->today from the clock. HUZHU_TODAY=YYYY-MM-DD
 * moves the whole clock to that Beijing day at the wall clock's time of day,
 * so a timestamp written "now" falls on "today" whatever the real date (a
 * test fixed at one day passes on every later day). */
void hz_app_tick(hz_app *app);

/* `huzhu init`: create the audit key file when missing (app/audit.h),
 * create or migrate the schema, mark the chain keyed, load the plan
 * catalogue. Safe to run again. *migrations counts migrations applied now. */
hz_err hz_app_init(hz_app *app, int *migrations, hz_errinfo *e);

/* Number of migrations this build knows (for `huzhu init` to print). */
int hz_app_schema_version(void);

/* Plan versions, parsed once per process (plans.c). The returned plan is
 * owned by app and lives until hz_app_close. */
struct hz_plan;
hz_err hz_app_plan_by_id(hz_app *app, int64_t plan_id, const struct hz_plan **plan, int *version, hz_errinfo *e);
hz_err hz_app_plan_current(hz_app *app, const char *code, int64_t *plan_id, const struct hz_plan **plan,
                           int *version, hz_errinfo *e);
void hz_app_plans_free(hz_app *app);

/* Loads catalogue files into the store: a new or changed file becomes a new
 * plan version. *versions counts versions created now. */
hz_err hz_app_load_catalogue(hz_app *app, const char *dir, int *versions, hz_errinfo *e);

#endif
