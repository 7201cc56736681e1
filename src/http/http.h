/* The HTTP interface: libmicrohttpd in its epoll thread-pool mode, one store
 * connection per worker thread, JSON via jansson. Handlers parse, call one
 * use case, render; they never touch SQL. */
#ifndef HZ_HTTP_H
#define HZ_HTTP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "app/app.h"
#include "app/authz.h"
#include "app/users.h"

#define HZ_HTTP_JSON_MAX ((size_t)1 << 20)     /* 1 MiB JSON bodies */
#define HZ_HTTP_UPLOAD_MAX ((size_t)64 << 20)  /* 64 MiB file uploads (default of --max-upload-bytes) */

typedef struct {
    const char *listen; /* HOST:PORT */
    int threads;
    const char *db_url;
    const char *web_dir; /* static files of the console */
    /* limits before work (issue 14, docs/operations.md); 0 = the default */
    int max_connections, max_per_ip;
    int64_t max_upload_bytes;  /* one upload's body */
    int64_t max_upload_total;  /* upload bytes in flight, all clients */
    int64_t max_upload_per_ip; /* upload bytes in flight, one address */
    int header_timeout, body_timeout; /* seconds */
    const char *access_log;           /* file, "-" standard error (default), "off" */
} hz_server_config;

/* Runs until SIGINT/SIGTERM. Returns an error when it cannot start. */
hz_err hz_http_serve(const hz_server_config *cfg, hz_errinfo *e);
/* Can LISTEN (HOST:PORT) be served? Checked before the store is opened, so
 * a busy port (HZ_ECONFLICT, naming the port and --listen) or a malformed
 * setting (HZ_EUSAGE) is reported before anything is written. */
hz_err hz_http_listen_check(const char *listen, hz_errinfo *e);

struct MHD_Connection;

typedef struct hz_req {
    struct MHD_Connection *conn;
    const char *method, *url;
    char *body;
    size_t len, cap, limit;
    bool too_large, started;
    hz_app *app;
    hz_user user;
    bool authed, via_cookie;
    char csrf[80];
    char token[80];
    char ip[64];
    /* response */
    int status;
    json_t *json;
    char *raw; /* raw body (a file); owned */
    size_t raw_len;
    const char *raw_type;
    char set_cookie[256];
    char disposition[160];
    bool retry; /* the handler met HZ_ERETRY: run it again */
    bool format_read; /* the handler looked at ?format= (an endpoint with an export) */
    const struct hz_route *route; /* found once, when the request starts */
    bool method_ok;
    char params[4][128];
    int body_fd1; /* the unnamed upload file's descriptor + 1; 0 when none */
    /* limits and observation (server.c) */
    int64_t t0_us;        /* when the headers were in */
    int64_t reserved;     /* upload bytes reserved in the limits */
    bool to_file;         /* the body goes to body_fd1 as it arrives */
    bool early;           /* answered before the body was read */
    int raw_fd1;          /* a response body in a file: descriptor + 1; raw_len bytes */
    int sent_status;      /* what was queued */
    int64_t sent_bytes;
} hz_req;

typedef void (*hz_handler)(hz_req *r, char **params);

/* Response helpers. */
void hz_http_json(hz_req *r, int status, json_t *doc);
void hz_http_fail(hz_req *r, const hz_errinfo *e);
void hz_http_error(hz_req *r, int status, const char *code, const char *msg);
/* An import refused: e's status (400 VALIDATION, 409 CONFLICT, ...) with
 * the rejected rows as details, so the caller learns which rows whatever
 * the kind of refusal (taking the reference to details). */
void hz_http_rejected(hz_req *r, const hz_errinfo *e, json_t *details);
/* A query parameter (NULL when absent). */
const char *hz_http_query(hz_req *r, const char *name);
/* The parsed JSON body (a new reference) or NULL after answering 400. */
json_t *hz_http_body_json(hz_req *r);
/* Writes the body to a temporary file that has no name (O_TMPFILE): path
 * becomes /proc/self/fd/N, readable for the rest of the request; the file
 * disappears when the request ends, also after a crash, so no roster or
 * feed (ID numbers, bank cards) outlives its request (issue 12). Where the
 * file system cannot do that, a 0600 file in TMPDIR that the caller
 * unlinks (unlinking the /proc path is a harmless no-op). */
bool hz_http_body_file(hz_req *r, char *path, size_t cap);
/* An unnamed temporary file for a response (removed when closed): its
 * descriptor, -1 when none can be made. */
int hz_http_temp_file(void);
/* Answers 200 with the whole of file fd (taking it: closed when sent or on
 * failure) as type; false after answering 500. Memory does not grow with
 * the file (libmicrohttpd sends it from the descriptor). */
bool hz_http_respond_file(hz_req *r, int fd, const char *type);

/* routes.c */
typedef struct hz_route {
    const char *method, *pattern;
    hz_handler fn;
    bool auth;   /* needs a session or bearer token */
    bool upload; /* body may be a file up to --max-upload-bytes */
    /* upload routes: the action checked, with the session, before a byte
     * of the body is read (issue 14) */
    hz_action action;
} hz_route;
/* A module's part in the HTTP API: its routes (NULL-ended), joined to its
 * other parts by the name in src/modules.def. */
typedef struct {
    const char *name;
    const hz_route *routes;
} hz_http_module;
/* Every module's HTTP part, in module-list order; NULL-ended (routes.c). */
extern const hz_http_module *const hz_http_modules[];
/* Finds the route for method + path; fills params (up to 4). NULL = 404,
 * *method_ok false = 405. */
const hz_route *hz_route_find(const char *method, const char *path, char params[4][128], bool *method_ok);
/* The OpenAPI 3 document describing every module's routes. */
json_t *hz_openapi(void);
/* An account of GET /api/v1/users (and `huzhu --json user list`): login,
 * role, scope, scope_name, locked, locked_at, failed_logins, disabled,
 * created_at. */
json_t *hz_http_user_row(const hz_user_row *u);

#endif
