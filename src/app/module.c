/* The application layer's module list, expanded from src/modules.def. */
#include "app/module.h"

#include <string.h>

#define HZ_MODULE(name) extern const hz_app_module hz_app_module_##name;
#include "modules.def"
#undef HZ_MODULE

const hz_app_module *const hz_app_modules[] = {
#define HZ_MODULE(name) &hz_app_module_##name,
#include "modules.def"
#undef HZ_MODULE
    NULL,
};

const hz_app_module *hz_app_module_find(const char *name) {
    for (const hz_app_module *const *m = hz_app_modules; *m; m++)
        if (!strcmp((*m)->name, name)) return *m;
    return NULL;
}

const hz_payable_source *hz_app_payable_source(const char *source) {
    for (const hz_app_module *const *m = hz_app_modules; *m; m++)
        for (const hz_payable_source *p = (*m)->payables; p && p->source; p++)
            if (!strcmp(p->source, source)) return p;
    return NULL;
}

const hz_action_def *hz_app_action_find(const char *name) {
    for (const hz_app_module *const *m = hz_app_modules; *m; m++)
        for (const hz_action_def *a = (*m)->actions; a && a->name; a++)
            if (!strcmp(a->name, name)) return a;
    return NULL;
}

hz_err hz_app_members_joined(hz_app *app, const hz_member *members, size_t n, hz_errinfo *e) {
    for (const hz_app_module *const *m = hz_app_modules; n && *m; m++) {
        hz_err rc = (*m)->members_joined ? (*m)->members_joined(app, members, n, e) : HZ_OK;
        if (rc) return rc;
    }
    return HZ_OK;
}

hz_err hz_app_event_emit(hz_app *app, const char *action, const char *object, int64_t id, const char *no,
                         hz_errinfo *e) {
    hz_app_event ev = {action, object, id, no};
    for (const hz_app_module *const *m = hz_app_modules; *m; m++) {
        hz_err rc = (*m)->event ? (*m)->event(app, &ev, e) : HZ_OK;
        if (rc) return rc;
    }
    return HZ_OK;
}
