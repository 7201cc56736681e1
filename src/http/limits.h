/* Limits before work (issue 14, quality.md R6): who may hold a connection,
 * how long a request may take to arrive, how many upload bytes may be in
 * flight. libmicrohttpd's own timeout is an idle timeout, so a client that
 * sends a header line every few seconds never meets it; here every
 * connection carries an absolute deadline that a sweeper thread enforces.
 * Internal to src/http. */
#ifndef HZ_HTTP_LIMITS_H
#define HZ_HTTP_LIMITS_H

#include <microhttpd.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "http/http.h"

/* The limits in force: cfg's values, 0 replaced by the defaults below and
 * the connection cap clamped to what the open-file limit allows. */
typedef struct {
    int max_connections, max_per_ip;
    int reserve;           /* the last connections of the global cap: only for addresses holding few */
    int reserve_per_ip;    /* "few" */
    int64_t max_upload_bytes, max_upload_total, max_upload_per_ip;
    int header_timeout, body_timeout; /* seconds */
} hz_limits;

#define HZ_DEFAULT_MAX_CONNECTIONS 16000
#define HZ_DEFAULT_MAX_PER_IP 256
#define HZ_DEFAULT_UPLOAD_TOTAL ((int64_t)512 << 20)
#define HZ_DEFAULT_UPLOAD_PER_IP ((int64_t)128 << 20)
#define HZ_DEFAULT_HEADER_TIMEOUT 10
#define HZ_DEFAULT_BODY_TIMEOUT 30
/* a body may also take one second per this many bytes declared */
#define HZ_BODY_MIN_RATE ((int64_t)256 << 10)

/* Why a connection or request was refused or cut, for /metrics. */
typedef enum {
    HZ_REFUSE_PER_IP,         /* connection: the address holds max_per_ip */
    HZ_REFUSE_GLOBAL,         /* connection: max_connections reached */
    HZ_REFUSE_RESERVE,        /* connection: only the reserve left and the address holds several */
    HZ_REFUSE_HEADER_DEADLINE,/* closed: headers not complete in time */
    HZ_REFUSE_BODY_DEADLINE,  /* closed: body not complete in time */
    HZ_REFUSE_BODY_TOO_LARGE, /* 413 */
    HZ_REFUSE_LENGTH_REQUIRED,/* 411: an upload without Content-Length */
    HZ_REFUSE_UNAUTHENTICATED,/* 401/403 before the body was read */
    HZ_REFUSE_UPLOAD_PER_IP,  /* 429: the address's uploads in flight */
    HZ_REFUSE_UPLOAD_TOTAL,   /* 503: all uploads in flight */
    HZ_REFUSE_COUNT
} hz_refusal;

extern const char *const hz_refusal_names[HZ_REFUSE_COUNT];

/* Resolves cfg into the limits in force (raising the soft open-file limit
 * to the hard one) and returns them; call once before the daemon starts. */
const hz_limits *hz_limits_init(const hz_server_config *cfg);
/* The limits in force (after hz_limits_init). */
const hz_limits *hz_limits_get(void);
/* libmicrohttpd callbacks: the accept policy (per-address cap, global cap
 * with its reserve) and the connection notifier that tracks deadlines. */
enum MHD_Result hz_limits_accept(void *cls, const struct sockaddr *addr, socklen_t addrlen);
void hz_limits_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
                      enum MHD_ConnectionNotificationCode code);
/* Starts and stops the sweeper that closes connections past their
 * deadline. Start returns false when the thread cannot be created. */
bool hz_limits_start(void);
void hz_limits_stop(void);

/* Request phases, called from the access handler's thread: the headers are
 * in and a body of `declared` bytes (-1 unknown) follows; the body is in
 * (or there is none): no deadline while the handler works and the answer
 * goes out (libmicrohttpd's idle timeout still applies); the request is
 * over (the next one's headers have header_timeout). */
void hz_limits_body_expected(struct MHD_Connection *conn, int64_t declared);
void hz_limits_body_done(struct MHD_Connection *conn);
void hz_limits_request_done(struct MHD_Connection *conn);

/* Reserves `bytes` of upload in flight for address ip: HZ_REFUSE_COUNT when
 * granted, else HZ_REFUSE_UPLOAD_PER_IP or HZ_REFUSE_UPLOAD_TOTAL (nothing
 * reserved). Release what was granted when the request ends. */
hz_refusal hz_limits_reserve_upload(const char *ip, int64_t bytes);
void hz_limits_release_upload(const char *ip, int64_t bytes);

/* Writes the public may make without a login (POST /applications): at most
 * max attempts of kind `what` per address in a fixed window of window_s
 * seconds that starts with the first; valid or not, every attempt counts.
 * True when this one may go ahead (it is counted); false when the address
 * has used its quota, *retry_after (when not NULL) then holds the seconds
 * left. Kept in memory like the login limits: a restart forgets them. */
bool hz_limits_attempt(const char *what, const char *ip, int max, int window_s, int *retry_after);

/* Counts a refusal for /metrics. */
void hz_limits_count(hz_refusal why);
/* Figures for /metrics. */
typedef struct {
    int64_t connections, uploads_in_flight, refused[HZ_REFUSE_COUNT];
} hz_limits_figures;
void hz_limits_figures_get(hz_limits_figures *out);

#endif
