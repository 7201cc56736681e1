/* The application context every use case receives: the store connection,
 * who acts (for the audit trail), and the clock. Interfaces build one per
 * command or request; use cases never format output. */
#ifndef HZ_APP_H
#define HZ_APP_H

#include <stdbool.h>

#include "core/date.h"
#include "core/err.h"
#include "store/db.h"

#define HZ_TS_BUF 24

typedef struct {
    hz_db *db;
    char actor[64];         /* login or "cli" */
    hz_date today;          /* Asia/Shanghai civil date */
    char now[HZ_TS_BUF];    /* UTC "YYYY-MM-DDTHH:MM:SSZ" */
    const char *catalogue_dir; /* plan data files; NULL = built-in default */
} hz_app;

/* Opens the store and fills the clock from the system (HUZHU_TODAY =
 * YYYY-MM-DD overrides the date, for reproducible tests and demos).
 * Release with hz_app_close. */
hz_err hz_app_open(hz_app *app, const char *db_url, hz_errinfo *e);
void hz_app_close(hz_app *app);

/* Refreshes app->now and app->today from the clock. */
void hz_app_tick(hz_app *app);

/* `huzhu init`: create or migrate the schema and load the plan catalogue.
 * Safe to run again. *migrations counts migrations applied now. */
hz_err hz_app_init(hz_app *app, int *migrations, hz_errinfo *e);

#endif
