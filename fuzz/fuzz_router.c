/* The URL router (http/routes.c): a method and a path, matched against every
 * module's route table as a request would be. The first byte picks the
 * method; the rest is the path. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "http/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1 || size > 8192) return 0;
    static const char *const methods[] = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "get"};
    const char *method = methods[data[0] % 8];
    char *path = malloc(size);
    if (!path) return 0;
    memcpy(path, data + 1, size - 1);
    path[size - 1] = '\0'; /* libmicrohttpd hands the URL over NUL-terminated */
    char params[4][128];
    memset(params, 0x55, sizeof params); /* stale bytes must never leak into a match */
    bool method_ok;
    const hz_route *r = hz_route_find(method, path, params, &method_ok);
    if (r) {
        HZ_FUZZ_CHECK(method_ok && !strcmp(r->method, method));
        int n = 0;
        for (const char *p = r->pattern; *p; p++) n += *p == ':';
        for (int i = 0; i < n; i++) HZ_FUZZ_CHECK(memchr(params[i], '\0', sizeof params[i]) && params[i][0]);
    }
    free(path);
    return 0;
}
