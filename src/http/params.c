/* The query parameters every endpoint shares, checked once before any
 * handler runs (issue 16): an ill-formed or unknown value of page,
 * per_page, format, order or a 0/1 switch is a 400 naming the parameter,
 * whichever endpoint it is sent to, never ignored. Each list's own enums
 * (status, sort, kind, …) are checked by its use case (app/lists.h).
 * An endpoint with no export asked for csv or xlsx answers 400 too
 * (hz_http_params_after), not JSON as if format had not been sent. */
#include <string.h>

#include "app/lists.h"
#include "http/handlers.h"

/* the switches of the API's endpoints: 0 or 1 */
static const char *const switches[] = {"counts", "unmatched", "refunded", "returned", "unclaimed", "skip_invalid",
                                       "dry_run", NULL};

bool hz_http_params_ok(hz_req *r) {
    hz_page pg;
    if ((hz_http_query(r, "page") || hz_http_query(r, "per_page")) && !hz_http_page(r, &pg)) return false;
    hz_report_format fmt;
    bool answered = false;
    hz_http_export_format(r, &fmt, &answered);
    if (answered) return false;
    r->format_read = false; /* the check is not the handler's use of it */
    const char *order = hz_http_query(r, "order");
    if (order && *order && strcmp(order, "asc") && strcmp(order, "desc") && strcmp(order, "ascending") &&
        strcmp(order, "descending")) {
        hz_http_error(r, 400, "VALIDATION", "order: 应为 asc 或 desc (asc or desc)");
        return false;
    }
    hz_errinfo e;
    int v;
    for (int i = 0; switches[i]; i++)
        if (hz_list_bool(hz_http_query(r, switches[i]), switches[i], &v, &e)) {
            hz_http_fail(r, &e);
            return false;
        }
    return true;
}

void hz_http_params_after(hz_req *r) {
    const char *format = hz_http_query(r, "format");
    if (r->format_read || !format || !*format || !strcmp(format, "json") || strcmp(r->method, "GET") ||
        r->status >= 300 || r->raw_fd1 || (r->raw && (!r->raw_type || !strstr(r->raw_type, "json"))))
        return;
    hz_http_error(r, 400, "VALIDATION", "format: 此接口没有导出, 只答 JSON (this endpoint has no export)");
}
