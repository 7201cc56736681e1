/* The libmicrohttpd server: request bodies, authentication, static files,
 * security headers; limits (limits.c) and what it tells its operator
 * (observe.c) are wired in here. A request with a body is authenticated and
 * checked against its route's cap and the upload limits on the first call
 * of the access handler, from its headers alone: a refused body is never
 * read (issue 14). */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/authz.h"
#include "app/users.h"
#include "core/text.h"
#include "http/handlers.h"
#include "http/http.h"
#include "http/limits.h"
#include "http/observe.h"

/* Each connection's memory for its request line, headers and the response
 * head. libmicrohttpd zeroes all of it before every request of a kept-alive
 * connection: at 64 KiB that was 98k of the 386k instructions of a GET
 * /members/{id} (P3). 16 KiB still takes a 12 KiB header block (nginx
 * answers 400 past 8 KiB per header line); a larger one gets 431. */
#define HZ_HTTP_CONN_MEMORY ((size_t)16384)

static const hz_server_config *config;
static __thread hz_app *thread_app; /* one store connection per worker thread */
static pthread_mutex_t apps_lock = PTHREAD_MUTEX_INITIALIZER;
static hz_app *apps[256];
static int n_apps;
static atomic_long requests_total, responses_4xx, responses_5xx;

static hz_app *app_for_thread(hz_errinfo *e) {
    if (thread_app) {
        hz_app_tick(thread_app);
        return thread_app;
    }
    hz_app *a = calloc(1, sizeof *a);
    if (!a) return NULL;
    if (hz_app_open(a, config->db_url, e) != HZ_OK) {
        free(a);
        return NULL;
    }
    pthread_mutex_lock(&apps_lock);
    if (n_apps < 256) apps[n_apps++] = a;
    pthread_mutex_unlock(&apps_lock);
    thread_app = a;
    return a;
}

static void add_security_headers(struct MHD_Response *resp) {
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
                            "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
}

static enum MHD_Result send_req(hz_req *r) {
    char *body;
    size_t len;
    const char *type;
    struct MHD_Response *resp;
    if (r->raw_fd1) { /* libmicrohttpd owns and closes the descriptor */
        len = r->raw_len;
        type = r->raw_type;
        resp = MHD_create_response_from_fd(len, r->raw_fd1 - 1);
        if (!resp) close(r->raw_fd1 - 1);
        r->raw_fd1 = 0;
        if (!resp) return MHD_NO;
        goto headers;
    }
    if (r->raw) {
        body = r->raw;
        len = r->raw_len;
        type = r->raw_type;
        r->raw = NULL;
    } else {
        if (!r->json) hz_http_error(r, 500, "INTERNAL", "no response");
        body = json_dumps(r->json, JSON_COMPACT);
        len = body ? strlen(body) : 0;
        type = "application/json; charset=utf-8";
    }
    resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(body);
        return MHD_NO;
    }
headers:
    MHD_add_response_header(resp, "Content-Type", type);
    if (r->set_cookie[0]) MHD_add_response_header(resp, "Set-Cookie", r->set_cookie);
    if (r->disposition[0]) MHD_add_response_header(resp, "Content-Disposition", r->disposition);
    add_security_headers(resp);
    if (r->status >= 500) atomic_fetch_add(&responses_5xx, 1);
    else if (r->status >= 400) atomic_fetch_add(&responses_4xx, 1);
    r->sent_status = r->status;
    r->sent_bytes = (int64_t)len;
    enum MHD_Result ok = MHD_queue_response(r->conn, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ok;
}

static const char *mime_of(const char *path) {
    const char *dot = strrchr(path, '.');
    if (!dot) return "application/octet-stream";
    if (!strcmp(dot, ".html")) return "text/html; charset=utf-8";
    if (!strcmp(dot, ".js") || !strcmp(dot, ".mjs")) return "text/javascript; charset=utf-8";
    if (!strcmp(dot, ".css")) return "text/css; charset=utf-8";
    if (!strcmp(dot, ".svg")) return "image/svg+xml";
    if (!strcmp(dot, ".png")) return "image/png";
    if (!strcmp(dot, ".json")) return "application/json";
    if (!strcmp(dot, ".woff2")) return "font/woff2";
    if (!strcmp(dot, ".woff")) return "font/woff";
    if (!strcmp(dot, ".ttf")) return "font/ttf";
    return "application/octet-stream";
}

/* Static files of the console; "/" is index.html; no dot-dot. */
static void serve_static(hz_req *r) {
    const char *rel = r->url[1] ? r->url + 1 : "index.html";
    if (strstr(rel, "..") || strchr(rel, '\\') || strlen(rel) > 200) {
        hz_http_error(r, 404, "NOT_FOUND", "不存在 (not found)");
        return;
    }
    char path[512];
    snprintf(path, sizeof path, "%s/%s", config->web_dir, rel);
    struct stat st;
    if (stat(path, &st) != 0 || S_ISDIR(st.st_mode)) {
        /* the console is a single page: unknown non-API paths get index.html */
        snprintf(path, sizeof path, "%s/index.html", config->web_dir);
        if (strchr(rel, '.') || stat(path, &st) != 0) {
            hz_http_error(r, 404, "NOT_FOUND", "不存在 (not found)");
            return;
        }
    }
    if (st.st_size > (off_t)HZ_HTTP_UPLOAD_MAX) { /* the console's files are far smaller */
        hz_http_error(r, 404, "NOT_FOUND", "不存在 (not found)");
        return;
    }
    FILE *f = fopen(path, "rb");
    char *buf = f ? malloc((size_t)st.st_size + 1) : NULL;
    size_t n = buf ? fread(buf, 1, (size_t)st.st_size, f) : 0;
    if (f) fclose(f);
    if (!buf) {
        hz_http_error(r, 404, "NOT_FOUND", "不存在 (not found)");
        return;
    }
    r->status = 200;
    r->raw = buf;
    r->raw_len = n;
    r->raw_type = mime_of(path);
}

static bool loopback(const char *ip) { return !strncmp(ip, "127.", 4) || !strcmp(ip, "::1"); }

static bool authenticate(hz_req *r, hz_errinfo *e);

/* GET /metrics: to loopback clients (a scraper on the host, or through an
 * SSH tunnel) without login, to an admin's session from anywhere; others
 * 403 (docs/decisions.md). */
static void metrics(hz_req *r) {
    hz_errinfo e;
    hz_err_clear(&e);
    r->app = app_for_thread(&e);
    if (!loopback(r->ip)) {
        if (!r->app || !authenticate(r, &e)) {
            hz_http_error(r, 403, "FORBIDDEN", "指标仅限本机或管理员 (metrics: loopback or admin only)");
            return;
        }
        if (strcmp(r->user.role, "admin") != 0) {
            hz_http_error(r, 403, "FORBIDDEN", "指标仅限本机或管理员 (metrics: loopback or admin only)");
            return;
        }
    }
    size_t n = 0;
    char *figures = hz_metrics_text(r->app, &n);
    char head[1024];
    int h = snprintf(head, sizeof head,
                     "# HELP huzhu_http_requests_total HTTP requests received.\n# TYPE huzhu_http_requests_total counter\n"
                     "huzhu_http_requests_total %ld\n"
                     "# HELP huzhu_http_responses_total HTTP responses by class.\n# TYPE huzhu_http_responses_total counter\n"
                     "huzhu_http_responses_total{class=\"4xx\"} %ld\nhuzhu_http_responses_total{class=\"5xx\"} %ld\n"
                     "# HELP huzhu_login_failures_total Failed logins.\n# TYPE huzhu_login_failures_total counter\n"
                     "huzhu_login_failures_total %ld\n",
                     atomic_load(&requests_total), atomic_load(&responses_4xx), atomic_load(&responses_5xx),
                     hz_http_login_failures());
    char *buf = figures ? malloc((size_t)h + n + 1) : NULL;
    if (!buf) {
        free(figures);
        hz_http_error(r, 500, "INTERNAL", "内存不足 (out of memory)");
        return;
    }
    memcpy(buf, head, (size_t)h);
    memcpy(buf + h, figures, n);
    free(figures);
    r->status = 200;
    r->raw = buf;
    r->raw_len = (size_t)h + n;
    r->raw_type = "text/plain; version=0.0.4; charset=utf-8";
}

/* Session from "Authorization: Bearer T" or the hz_session cookie. */
static bool authenticate(hz_req *r, hz_errinfo *e) {
    const char *auth = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Authorization");
    const char *cookie = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, "hz_session");
    const char *token = NULL;
    if (auth && !strncmp(auth, "Bearer ", 7)) token = auth + 7;
    else if (cookie) {
        token = cookie;
        r->via_cookie = true;
    }
    if (!token) {
        hz_fail(e, HZ_EAUTH, "需要登录 (authentication required)");
        return false;
    }
    hz_strlcpy(r->token, token, sizeof r->token);
    if (hz_app_authenticate(r->app, token, &r->user, r->csrf, e) != HZ_OK) return false;
    hz_authz_set(r->app, r->user.role, r->user.scope_kind, r->user.scope_ref, e);
    r->authed = true;
    return true;
}

/* The session and CSRF checks of a route that needs a login; false after
 * answering 401 or 403. */
static bool admit(hz_req *r, hz_errinfo *e) {
    if (!authenticate(r, e)) {
        hz_http_fail(r, e);
        return false;
    }
    bool unsafe = strcmp(r->method, "GET") && strcmp(r->method, "HEAD");
    const char *sent = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-CSRF-Token");
    if (unsafe && r->via_cookie && (!sent || strcmp(sent, r->csrf) != 0)) {
        hz_http_error(r, 403, "FORBIDDEN", "缺少或错误的 CSRF 令牌 (missing or wrong X-CSRF-Token)");
        return false;
    }
    return true;
}

static void dispatch(hz_req *r) {
    atomic_fetch_add(&requests_total, 1);
    if (!strcmp(r->url, "/healthz")) {
        hz_http_json(r, 200, json_pack("{s:s}", "status", "ok"));
        return;
    }
    if (!strcmp(r->url, "/metrics")) {
        metrics(r);
        return;
    }
    if (strncmp(r->url, "/api/", 5) != 0) {
        if (strcmp(r->method, "GET") && strcmp(r->method, "HEAD")) hz_http_error(r, 405, "METHOD_NOT_ALLOWED", "只支持 GET");
        else serve_static(r);
        return;
    }
    if (r->too_large) {
        hz_http_error(r, 413, "PAYLOAD_TOO_LARGE", "请求体过大 (request body too large)");
        return;
    }
    const hz_route *rt = r->route;
    if (!rt) {
        if (r->method_ok) hz_http_error(r, 404, "NOT_FOUND", "接口不存在 (no such endpoint)");
        else hz_http_error(r, 405, "METHOD_NOT_ALLOWED", "方法不允许 (method not allowed)");
        return;
    }
    hz_errinfo e;
    hz_err_clear(&e);
    r->app = app_for_thread(&e);
    if (!r->app) {
        hz_http_error(r, 500, "INTERNAL", "数据库不可用 (storage unavailable)");
        return;
    }
    /* each request acts as nobody until authenticated */
    hz_authz_set(r->app, "", "", "", &e);
    hz_strlcpy(r->app->actor, "anonymous", sizeof r->app->actor);
    if (rt->auth && r->authed) {
        /* authenticated before the body was read; other requests of this
         * thread have used the store connection since */
        hz_authz_set(r->app, r->user.role, r->user.scope_kind, r->user.scope_ref, &e);
        hz_strlcpy(r->app->actor, r->user.login, sizeof r->app->actor);
    } else if (rt->auth && !admit(r, &e)) {
        return;
    }
    if (!hz_http_params_ok(r)) return; /* a bad page, format, order or switch: 400 on every endpoint */
    char *pv[4] = {r->params[0], r->params[1], r->params[2], r->params[3]};
    /* a transaction the store could not serialise (PostgreSQL 40001 or a
     * deadlock) is run again from the start, a few times, before the
     * client sees a conflict */
    for (int attempt = 0; attempt < 3; attempt++) {
        r->retry = false;
        rt->fn(r, pv);
        if (!r->retry) break;
        if (r->json) {
            json_decref(r->json);
            r->json = NULL;
        }
        usleep(1000u << attempt);
    }
    hz_http_params_after(r);
}

/* A limit's answer, in Chinese naming the limit (English in parentheses). */
static void refuse(hz_req *r, hz_refusal why) {
    const hz_limits *l = hz_limits_get();
    char msg[256];
    hz_limits_count(why);
    switch (why) {
    case HZ_REFUSE_BODY_TOO_LARGE:
        snprintf(msg, sizeof msg, "请求体过大, 上限 %lld 字节 (request body too large: limit %lld bytes)",
                 (long long)r->limit, (long long)r->limit);
        hz_http_error(r, 413, "PAYLOAD_TOO_LARGE", msg);
        break;
    case HZ_REFUSE_LENGTH_REQUIRED:
        hz_http_error(r, 411, "LENGTH_REQUIRED", "上传须带 Content-Length (an upload needs Content-Length)");
        break;
    case HZ_REFUSE_UPLOAD_PER_IP:
        snprintf(msg, sizeof msg,
                 "本地址正在上传的数据已达上限 %lld 字节, 请稍后再试 (uploads in flight from this address: limit %lld bytes)",
                 (long long)l->max_upload_per_ip, (long long)l->max_upload_per_ip);
        hz_http_error(r, 429, "TOO_MANY_REQUESTS", msg);
        break;
    case HZ_REFUSE_UPLOAD_TOTAL:
        snprintf(msg, sizeof msg,
                 "服务器正在接收的上传已达上限 %lld 字节, 请稍后再试 (uploads in flight: limit %lld bytes)",
                 (long long)l->max_upload_total, (long long)l->max_upload_total);
        hz_http_error(r, 503, "UNAVAILABLE", msg);
        break;
    default: break;
    }
}

/* The first call for a request that announces a body: everything that can
 * refuse it is decided here, from the headers, and a refusal is queued at
 * once so libmicrohttpd never reads the body and closes the connection
 * after the answer. True when the request was answered. */
static bool refuse_early(hz_req *r, const char *cl, bool chunked) {
    uint64_t declared = cl ? strtoull(cl, NULL, 10) : 0;
    if (cl && declared > r->limit) {
        refuse(r, HZ_REFUSE_BODY_TOO_LARGE);
        return true;
    }
    if (strncmp(r->url, "/api/", 5) != 0 || !r->route) {
        dispatch(r); /* 404, 405: nothing to read a body for */
        return true;
    }
    if (r->route->upload && !cl && chunked) {
        refuse(r, HZ_REFUSE_LENGTH_REQUIRED);
        return true;
    }
    if (r->route->auth) {
        hz_errinfo e;
        hz_err_clear(&e);
        r->app = app_for_thread(&e);
        if (!r->app) {
            hz_http_error(r, 500, "INTERNAL", "数据库不可用 (storage unavailable)");
            return true;
        }
        hz_authz_set(r->app, "", "", "", &e);
        if (!admit(r, &e)) {
            hz_limits_count(HZ_REFUSE_UNAUTHENTICATED);
            return true;
        }
        if (r->route->upload && hz_authz_can(r->app, r->route->action, &e)) {
            hz_limits_count(HZ_REFUSE_UNAUTHENTICATED);
            hz_http_fail(r, &e);
            return true;
        }
    }
    if (r->route->upload) {
        hz_refusal why = hz_limits_reserve_upload(r->ip, (int64_t)declared);
        if (why != HZ_REFUSE_COUNT) {
            refuse(r, why);
            return true;
        }
        r->reserved = (int64_t)declared;
        int fd = hz_http_temp_file();
        if (fd >= 0) r->body_fd1 = fd + 1;
        r->to_file = true; /* memory stays flat whatever the upload's size */
    }
    return false;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls) {
    (void)cls;
    (void)version;
    hz_req *r = *con_cls;
    if (!r) {
        r = calloc(1, sizeof *r);
        if (!r) return MHD_NO;
        r->t0_us = hz_mono_us();
        r->conn = conn;
        r->url = url;
        r->method = method;
        r->status = 200;
        r->method_ok = true;
        if (!strncmp(url, "/api/", 5)) r->route = hz_route_find(method, url, r->params, &r->method_ok);
        r->limit = r->route && r->route->upload ? (size_t)hz_limits_get()->max_upload_bytes : HZ_HTTP_JSON_MAX;
        const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, r->ip, sizeof r->ip);
        else if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, r->ip, sizeof r->ip);
        *con_cls = r;
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
        const char *te = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Transfer-Encoding");
        bool body = (cl && strtoull(cl, NULL, 10) > 0) || te;
        if (!body) { /* the headers are in: no deadline while the handler works */
            hz_limits_body_done(conn);
            return MHD_YES;
        }
        if (refuse_early(r, cl, te != NULL)) {
            r->started = r->early = true;
            return send_req(r);
        }
        hz_limits_body_expected(conn, cl ? (int64_t)strtoll(cl, NULL, 10) : -1);
        return MHD_YES;
    }
    if (*upload_data_size) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (r->early) return MHD_NO; /* answered already: never read on */
        if (r->too_large) return MHD_YES;
        if (r->len + n > r->limit) {
            r->too_large = true; /* a chunked body: keep reading, answer 413 at the end */
            return MHD_YES;
        }
        if (r->to_file) {
            r->len += n;
            if (r->len > (size_t)r->reserved) { /* more than Content-Length said */
                r->too_large = true;
                return MHD_YES;
            }
            for (size_t off = 0; r->body_fd1 && off < n;) {
                ssize_t w = write(r->body_fd1 - 1, upload_data + off, n - off);
                if (w <= 0) { /* the handler answers 500: no file */
                    close(r->body_fd1 - 1);
                    r->body_fd1 = 0;
                    break;
                }
                off += (size_t)w;
            }
            return MHD_YES;
        }
        if (r->len + n + 1 > r->cap) {
            size_t cap = r->cap ? r->cap : 4096;
            while (cap < r->len + n + 1) cap *= 2;
            char *g = realloc(r->body, cap);
            if (!g) return MHD_NO;
            r->body = g;
            r->cap = cap;
        }
        memcpy(r->body + r->len, upload_data, n);
        r->len += n;
        r->body[r->len] = '\0';
        return MHD_YES;
    }
    if (r->started) return MHD_YES;
    r->started = true;
    hz_limits_body_done(conn);
    if (r->too_large) {
        refuse(r, HZ_REFUSE_BODY_TOO_LARGE);
        return send_req(r);
    }
    dispatch(r);
    return send_req(r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe) {
    (void)cls;
    (void)toe;
    hz_req *r = *con_cls;
    if (!r) return;
    hz_observe_request(r, hz_route_class_of(r), r->sent_status, r->sent_bytes, hz_mono_us() - r->t0_us);
    hz_limits_request_done(conn);
    if (r->reserved) hz_limits_release_upload(r->ip, r->reserved);
    if (r->body_fd1) close(r->body_fd1 - 1);
    if (r->raw_fd1) close(r->raw_fd1 - 1);
    json_decref(r->json);
    free(r->raw);
    free(r->body);
    free(r);
    *con_cls = NULL;
}

/* Is ADDR free to listen on? libmicrohttpd reports a failed bind only as
 * a NULL daemon (errno not kept), so we try the bind ourselves first, with
 * the same SO_REUSEADDR it sets, and name the busy port and the setting
 * that changes it (--listen; `make run PORT=`). 0, or an errno value. */
static int listen_probe(const struct sockaddr_in *addr) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return errno;
    int one = 1;
    (void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    int rc = bind(fd, (const struct sockaddr *)addr, sizeof *addr) ? errno : 0;
    close(fd);
    return rc;
}

/* HOST:PORT → HOST (localhost as 127.0.0.1) and ADDR; usage errors name
 * the setting. */
static hz_err parse_listen(const char *listen, char host[128], struct sockaddr_in *addr, long *port,
                           hz_errinfo *e) {
    const char *colon = strrchr(listen, ':');
    if (!colon || colon == listen || (size_t)(colon - listen) >= 128)
        return hz_fail(e, HZ_EUSAGE, "listen: 应为 HOST:PORT (expected HOST:PORT, got '%s')", listen);
    memcpy(host, listen, (size_t)(colon - listen));
    host[colon - listen] = '\0';
    char *end;
    *port = strtol(colon + 1, &end, 10);
    if (*end || *port < 0 || *port > 65535) return hz_fail(e, HZ_EUSAGE, "listen: 端口无效 (bad port)");
    memset(addr, 0, sizeof *addr);
    addr->sin_family = AF_INET;
    addr->sin_port = htons((uint16_t)*port);
    if (!strcmp(host, "localhost")) hz_strlcpy(host, "127.0.0.1", 128);
    if (inet_pton(AF_INET, host, &addr->sin_addr) != 1)
        return hz_fail(e, HZ_EUSAGE, "listen: 地址无效 (bad IPv4 address '%s')", host);
    int busy = *port ? listen_probe(addr) : 0;
    if (busy == EADDRINUSE)
        return hz_fail(e, HZ_ECONFLICT,
                       "端口 %ld 已被占用 (port in use: %s); 停止占用它的程序, 或用 --listen %s:另一端口 换一个 "
                       "(make run PORT=另一端口)",
                       *port, listen, host);
    if (busy) return hz_fail(e, HZ_EUSAGE, "无法监听 %s (cannot listen: %s)", listen, strerror(busy));
    return HZ_OK;
}

hz_err hz_http_listen_check(const char *listen, hz_errinfo *e) {
    char host[128];
    struct sockaddr_in addr;
    long port;
    return parse_listen(listen, host, &addr, &port, e);
}

hz_err hz_http_serve(const hz_server_config *cfg, hz_errinfo *e) {
    config = cfg;
    char host[128];
    struct sockaddr_in addr;
    long port;
    hz_err rc = parse_listen(cfg->listen, host, &addr, &port, e);
    if (rc) return rc;
    /* the store must be reachable before we listen */
    hz_app probe;
    if (hz_app_open(&probe, cfg->db_url, e)) return HZ_EDB;
    hz_app_close(&probe);
    /* idle and slow connections are closed after this many seconds */
    unsigned int timeout = 30;
    const char *t = getenv("HUZHU_HTTP_TIMEOUT");
    if (t && strtoul(t, NULL, 10) > 0 && strtoul(t, NULL, 10) < 3600) timeout = (unsigned int)strtoul(t, NULL, 10);
    /* worker threads inherit a mask without SIGINT/SIGTERM: main waits for them */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (!hz_access_log_open(cfg->access_log))
        return hz_fail(e, HZ_EUSAGE, "access-log: 无法打开 %s (cannot open)", cfg->access_log);
    /* the accept policy holds the global cap and its reserve (limits.c);
     * libmicrohttpd holds the per-address cap exactly (under its own lock
     * at accept, where our counts, updated when a worker takes the
     * connection, may lag), and its global cap sits above ours (it is
     * split across the pool's threads) */
    const hz_limits *lim = hz_limits_init(cfg);
    if (!hz_limits_start()) {
        hz_access_log_close();
        return hz_fail(e, HZ_EINTERNAL, "无法启动超时检查线程 (cannot start the deadline sweeper)");
    }
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG | MHD_USE_TURBO, (uint16_t)port, hz_limits_accept, NULL,
        on_request, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned int)cfg->threads, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)timeout, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned int)(lim->max_connections + 64 * cfg->threads), MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        (unsigned int)lim->max_per_ip, MHD_OPTION_CONNECTION_MEMORY_LIMIT, HZ_HTTP_CONN_MEMORY,
        MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned int)1024, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
        MHD_OPTION_NOTIFY_CONNECTION, hz_limits_notify, NULL, MHD_OPTION_END);
    if (!d) {
        hz_limits_stop();
        hz_access_log_close();
        return hz_fail(e, HZ_EINTERNAL, "无法监听 %s (cannot listen: %s)", cfg->listen, strerror(errno));
    }
    if (port == 0) {
        const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
        port = di ? di->port : 0;
    }
    fprintf(stderr, "huzhu: 服务已启动 (serving) http://%s:%ld/\n", host, port);
    fflush(stderr);
    int sig;
    sigwait(&set, &sig);
    MHD_stop_daemon(d);
    hz_limits_stop();
    hz_access_log_close();
    for (int i = 0; i < n_apps; i++) {
        hz_app_close(apps[i]);
        free(apps[i]);
    }
    return HZ_OK;
}
