/* What the server tells its operator: one access-log line per request
 * (JSON Lines) and the Prometheus text of GET /metrics. Internal to
 * src/http. */
#ifndef HZ_HTTP_OBSERVE_H
#define HZ_HTTP_OBSERVE_H

#include <stdbool.h>
#include <stdint.h>

#include "http/http.h"

/* Route classes of the latency histograms. */
typedef enum {
    HZ_RC_STATIC,
    HZ_RC_HEALTH,
    HZ_RC_METRICS,
    HZ_RC_SESSION,
    HZ_RC_READ,
    HZ_RC_WRITE,
    HZ_RC_UPLOAD,
    HZ_RC_REPORT,
    HZ_RC_OTHER,
    HZ_RC_COUNT
} hz_route_class;

/* Opens the access log: NULL or "-" is standard error, "off" none,
 * anything else a file opened for appending (created 0640). false with a
 * message on standard error when the file cannot be opened. */
bool hz_access_log_open(const char *where);
void hz_access_log_close(void);

/* Records a finished request: its latency in the histograms and, when the
 * log is on, one line: {"time","remote","method","path","status","bytes",
 * "duration_us","user"}. The path is r's path without its query, with ID
 * numbers and card numbers in it masked. */
void hz_observe_request(const hz_req *r, hz_route_class rc, int status, int64_t bytes, int64_t duration_us);

/* The class of request r. */
hz_route_class hz_route_class_of(const hz_req *r);

/* The Prometheus text of every server figure plus the business figures
 * (claims by status, money paid out), appended to a buffer the caller
 * frees; NULL when memory runs out. */
char *hz_metrics_text(hz_app *app, size_t *len);

/* Microseconds of the monotonic clock. */
int64_t hz_mono_us(void);

#endif
