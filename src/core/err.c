/* Error helpers shared by every layer. */
#include "core/err.h"

#include <stdio.h>
#include <string.h>

hz_err hz_failv(hz_errinfo *e, hz_err code, const char *fmt, va_list ap) {
    if (e) {
        e->code = code;
        vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    }
    return code;
}

hz_err hz_fail(hz_errinfo *e, hz_err code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    hz_failv(e, code, fmt, ap);
    va_end(ap);
    return code;
}

void hz_err_clear(hz_errinfo *e) {
    if (e) {
        e->code = HZ_OK;
        e->msg[0] = '\0';
    }
}

const char *hz_err_name(hz_err code) {
    switch (code) {
    case HZ_OK: return "OK";
    case HZ_EUSAGE: return "USAGE";
    case HZ_EINVAL: return "VALIDATION";
    case HZ_ECONFLICT: return "CONFLICT";
    case HZ_ENOTFOUND: return "NOT_FOUND";
    case HZ_EDB: return "STORAGE";
    case HZ_EINTERNAL: return "INTERNAL";
    case HZ_EFORBIDDEN: return "FORBIDDEN";
    case HZ_EAUTH: return "UNAUTHORIZED";
    case HZ_ERETRY: return "CONFLICT";
    }
    return "INTERNAL";
}

int hz_err_exit_code(hz_err code) {
    switch (code) {
    case HZ_OK: return 0;
    case HZ_EUSAGE: return 1;
    case HZ_EINVAL: return 2;
    case HZ_ECONFLICT: return 3;
    case HZ_ENOTFOUND: return 4;
    case HZ_EFORBIDDEN: return 4; /* out of scope is invisible */
    case HZ_EAUTH: return 1;
    case HZ_ERETRY: return 3;
    default: return 5;
    }
}
