/* A module's part in the application layer, after nginx's ngx_module_t: a
 * struct that declares what the module adds, iterated by the program. The
 * other layers hold the module's other parts (store: migrations, cli:
 * commands, http: routes), joined by the name in src/modules.def. */
#ifndef HZ_APP_MODULE_H
#define HZ_APP_MODULE_H

#include "app/app.h"

/* What `huzhu demo` asks of a module. */
typedef struct {
    int members;   /* size of the generated population */
    uint64_t seed; /* same seed, same data */
    const char *tmpdir; /* scratch files; the caller removes it */
} hz_demo_opts;

struct hz_demo_report;

typedef struct {
    const char *name;
    /* Adds the module's demo data after the modules before it in the list
     * have added theirs; counts into out. NULL: no demo data. */
    hz_err (*demo)(hz_app *app, const hz_demo_opts *o, struct hz_demo_report *out, hz_errinfo *e);
    /* Names of the reports the module offers (huzhu report NAME, GET
     * /api/v1/reports/NAME); NULL-ended, NULL for none. */
    const char *const *reports;
} hz_app_module;

/* Every module's app part, in the order of src/modules.def; NULL-ended. */
extern const hz_app_module *const hz_app_modules[];

/* The module named name, NULL when none. */
const hz_app_module *hz_app_module_find(const char *name);

#endif
