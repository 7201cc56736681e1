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
