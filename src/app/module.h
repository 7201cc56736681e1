/* A module's part in the application layer, after nginx's ngx_module_t: a
 * struct that declares what the module adds, iterated by the program. The
 * other layers hold the module's other parts (store: migrations, cli:
 * commands, http: routes), joined by the name in src/modules.def. */
#ifndef HZ_APP_MODULE_H
#define HZ_APP_MODULE_H

#include "app/app.h"
#include "io/report_out.h"

/* What `huzhu demo` asks of a module. */
typedef struct {
    int members;   /* size of the generated population */
    uint64_t seed; /* same seed, same data */
    const char *tmpdir; /* scratch files; the caller removes it */
} hz_demo_opts;

struct hz_demo_report;

/* What a report is asked for; hz_report_args_default fills it. */
typedef struct {
    hz_date from, to; /* claims, payouts and contributions in [from, to] */
    const char *org;  /* stats: an org code; NULL or "": the caller's own org */
} hz_report_args;

/* A report a module offers under one name to every interface: `huzhu
 * report NAME` and GET /api/v1/reports/NAME (JSON, CSV, XLSX). build fills
 * out (hz_report_head, hz_report_add_row, hz_report_add_part) within the
 * caller's scope (hz_scope_filter); hz_app_report has checked the role and
 * frees out when build fails. */
typedef struct {
    const char *name;  /* stable English key */
    const char *title; /* Chinese title */
    hz_err (*build)(hz_app *app, const hz_report_args *a, hz_report *out, hz_errinfo *e);
} hz_report_def;

typedef struct {
    const char *name;
    /* Adds the module's demo data after the modules before it in the list
     * have added theirs; counts into out. NULL: no demo data. */
    hz_err (*demo)(hz_app *app, const hz_demo_opts *o, struct hz_demo_report *out, hz_errinfo *e);
    /* The reports the module offers, ended by a row whose name is NULL;
     * NULL for none. */
    const hz_report_def *reports;
} hz_app_module;

/* Every module's app part, in the order of src/modules.def; NULL-ended. */
extern const hz_app_module *const hz_app_modules[];

/* The module named name, NULL when none. */
const hz_app_module *hz_app_module_find(const char *name);

#endif
