/* The plan catalogue as a use case: what the CLI `plans` and GET /plans
 * list. Parsing and caching of plan versions are in app.h (plans.c). */
#ifndef HZ_APP_PLANS_H
#define HZ_APP_PLANS_H

#include "app/app.h"
#include "store/coverage.h"

/* The current version of every plan, by code; at most max rows into out
 * (caller-allocated), *n set. The catalogue is public to every user. */
hz_err hz_app_plans_list(hz_app *app, hz_plan_row *out, int max, int *n, hz_errinfo *e);
/* Every version of one plan, newest first, each with its parameter
 * document (params[i], the catalogue's JSON; the caller frees each). Public
 * like the catalogue. Unknown code: HZ_ENOTFOUND. */
hz_err hz_app_plan_versions(hz_app *app, const char *code, hz_plan_version *out, int max, int *n, char **params,
                            hz_errinfo *e);

#endif
