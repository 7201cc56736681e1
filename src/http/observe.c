/* Access log and /metrics (observe.h). Histograms are arrays of atomic
 * counters indexed by route class, status and bucket: recording costs a
 * few atomic adds, reading them needs no lock. The business figures are
 * read from the store at most every few seconds, so a scraper cannot turn
 * /metrics into load. */
#include "http/observe.h"

#include <fcntl.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/reports.h"
#include "core/idcard.h"
#include "core/text.h"
#include "http/limits.h"

static int log_fd = -1; /* -1: off */

bool hz_access_log_open(const char *where) {
    if (where && !strcmp(where, "off")) return true;
    if (!where || !*where || !strcmp(where, "-")) {
        log_fd = STDERR_FILENO;
        return true;
    }
    log_fd = open(where, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    if (log_fd < 0) {
        fprintf(stderr, "huzhu: 无法打开访问日志 %s (cannot open the access log)\n", where);
        return false;
    }
    return true;
}

void hz_access_log_close(void) {
    if (log_fd > STDERR_FILENO) close(log_fd);
    log_fd = -1;
}

int64_t hz_mono_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static const char *const class_names[HZ_RC_COUNT] = {"static", "health", "metrics", "session", "read",
                                                     "write",  "upload", "report",  "other"};
static const int statuses[] = {200, 201, 204, 400, 401, 403, 404, 405, 409, 411, 413, 429, 500, 503};
#define N_STATUS ((int)(sizeof statuses / sizeof statuses[0]) + 1) /* + other */
/* bucket upper bounds in microseconds (Prometheus le=, in seconds) */
static const int64_t bounds_us[] = {500, 1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000, 500000, 1000000,
                                    2500000, 10000000};
#define N_BUCKET ((int)(sizeof bounds_us / sizeof bounds_us[0]))

typedef struct {
    atomic_llong buckets[N_BUCKET]; /* not cumulative; summed when printed */
    atomic_llong count, sum_us;
} histogram;
static histogram hist[HZ_RC_COUNT][N_STATUS];

hz_route_class hz_route_class_of(const hz_req *r) {
    if (!strcmp(r->url, "/healthz")) return HZ_RC_HEALTH;
    if (!strcmp(r->url, "/metrics")) return HZ_RC_METRICS;
    if (strncmp(r->url, "/api/", 5) != 0) return HZ_RC_STATIC;
    if (!r->route) return HZ_RC_OTHER;
    if (r->route->upload) return HZ_RC_UPLOAD;
    if (!strcmp(r->route->pattern, "/api/v1/session")) return HZ_RC_SESSION;
    if (!strncmp(r->route->pattern, "/api/v1/reports", 15)) return HZ_RC_REPORT;
    return strcmp(r->method, "GET") && strcmp(r->method, "HEAD") ? HZ_RC_WRITE : HZ_RC_READ;
}

/* A path segment that looks like an ID number or a card number: masked
 * (security.md: never whole in logs). */
static void mask_segment(const char *seg, size_t n, char *out, size_t cap) {
    size_t digits = 0;
    for (size_t i = 0; i < n; i++)
        if ((seg[i] >= '0' && seg[i] <= '9') || seg[i] == 'X' || seg[i] == 'x') digits++;
    if (n >= 15 && digits == n) {
        /* keep the first 4 and last 4 as the lists do */
        size_t o = 0;
        for (size_t i = 0; i < n && o + 1 < cap; i++) out[o++] = i < 4 || i + 4 >= n ? seg[i] : '*';
        out[o] = '\0';
        return;
    }
    size_t k = n < cap - 1 ? n : cap - 1;
    memcpy(out, seg, k);
    out[k] = '\0';
}

/* r's path for the log: segments masked, quotes and controls dropped. */
static void log_path(const char *url, char *out, size_t cap) {
    size_t o = 0;
    const char *p = url;
    while (*p && o + 1 < cap) {
        if (*p == '/') {
            out[o++] = *p++;
            continue;
        }
        const char *s = p;
        while (*p && *p != '/') p++;
        char seg[128];
        mask_segment(s, (size_t)(p - s), seg, sizeof seg);
        for (const char *c = seg; *c && o + 1 < cap; c++)
            if ((unsigned char)*c >= 0x20 && *c != '"' && *c != '\\') out[o++] = *c;
    }
    out[o] = '\0';
}

static int status_index(int status) {
    for (int i = 0; i < N_STATUS - 1; i++)
        if (statuses[i] == status) return i;
    return N_STATUS - 1;
}

void hz_observe_request(const hz_req *r, hz_route_class rc, int status, int64_t bytes, int64_t duration_us) {
    histogram *h = &hist[rc][status_index(status)];
    int b = 0;
    while (b < N_BUCKET && duration_us > bounds_us[b]) b++;
    if (b < N_BUCKET) atomic_fetch_add(&h->buckets[b], 1);
    atomic_fetch_add(&h->count, 1);
    atomic_fetch_add(&h->sum_us, duration_us);
    if (log_fd < 0) return;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    char when[40], path[512], line[1024];
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
    log_path(r->url, path, sizeof path);
    int n = snprintf(line, sizeof line,
                     "{\"time\":\"%s.%06ldZ\",\"remote\":\"%s\",\"method\":\"%.16s\",\"path\":\"%s\",\"status\":%d,"
                     "\"bytes\":%lld,\"duration_us\":%lld,\"user\":%s%s%s}\n",
                     when, ts.tv_nsec / 1000, r->ip, r->method, path, status, (long long)bytes,
                     (long long)duration_us, r->authed ? "\"" : "", r->authed ? r->user.login : "null",
                     r->authed ? "\"" : "");
    if (n >= (int)sizeof line) n = (int)sizeof line - 1;
    /* one write per line: lines of concurrent requests never interleave */
    if (write(log_fd, line, (size_t)n) < 0) return;
}

/* Business figures, cached for a few seconds. */
#define FIGURES_TTL_US 5000000
static pthread_mutex_t figures_lock = PTHREAD_MUTEX_INITIALIZER;
static hz_business_figures figures;
static int64_t figures_at;
static bool figures_ok;

static void refresh_figures(hz_app *app) {
    pthread_mutex_lock(&figures_lock);
    int64_t now = hz_mono_us();
    if (app && (!figures_at || now - figures_at > FIGURES_TTL_US)) {
        hz_errinfo e;
        hz_business_figures f;
        figures_ok = hz_app_business_figures(app, &f, &e) == HZ_OK;
        if (figures_ok) figures = f;
        figures_at = now;
    }
    pthread_mutex_unlock(&figures_lock);
}

/* Appends printf-style text to a growing buffer; false when out of memory. */
typedef struct {
    char *buf;
    size_t len, cap;
    bool failed;
} text_buf;

__attribute__((format(printf, 2, 3))) static void put(text_buf *t, const char *fmt, ...) {
    if (t->failed) return;
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(t->buf + t->len, t->cap - t->len, fmt, ap);
        va_end(ap);
        if (n < 0) {
            t->failed = true;
            return;
        }
        if ((size_t)n < t->cap - t->len) {
            t->len += (size_t)n;
            return;
        }
        size_t cap = t->cap * 2 + (size_t)n;
        char *g = realloc(t->buf, cap);
        if (!g) {
            t->failed = true;
            return;
        }
        t->buf = g;
        t->cap = cap;
    }
}

static void put_seconds(text_buf *t, int64_t us) {
    put(t, "%lld.%06lld", (long long)(us / 1000000), (long long)(us % 1000000));
}

char *hz_metrics_text(hz_app *app, size_t *len) {
    text_buf t = {malloc(8192), 0, 8192, false};
    if (!t.buf) return NULL;
    put(&t, "# HELP huzhu_http_request_duration_seconds Time from the request's headers to its completion.\n"
            "# TYPE huzhu_http_request_duration_seconds histogram\n");
    for (int c = 0; c < HZ_RC_COUNT; c++)
        for (int s = 0; s < N_STATUS; s++) {
            histogram *h = &hist[c][s];
            long long count = atomic_load(&h->count);
            if (!count) continue;
            char labels[64];
            if (s < N_STATUS - 1)
                snprintf(labels, sizeof labels, "class=\"%s\",status=\"%d\"", class_names[c], statuses[s]);
            else
                snprintf(labels, sizeof labels, "class=\"%s\",status=\"other\"", class_names[c]);
            long long cum = 0;
            for (int b = 0; b < N_BUCKET; b++) {
                cum += atomic_load(&h->buckets[b]);
                put(&t, "huzhu_http_request_duration_seconds_bucket{%s,le=\"", labels);
                put_seconds(&t, bounds_us[b]);
                put(&t, "\"} %lld\n", cum);
            }
            put(&t, "huzhu_http_request_duration_seconds_bucket{%s,le=\"+Inf\"} %lld\n", labels, count);
            put(&t, "huzhu_http_request_duration_seconds_sum{%s} ", labels);
            put_seconds(&t, atomic_load(&h->sum_us));
            put(&t, "\nhuzhu_http_request_duration_seconds_count{%s} %lld\n", labels, count);
        }
    hz_limits_figures lf;
    hz_limits_figures_get(&lf);
    const hz_limits *l = hz_limits_get();
    put(&t,
        "# HELP huzhu_http_connections Connections open now.\n# TYPE huzhu_http_connections gauge\n"
        "huzhu_http_connections %lld\n"
        "# HELP huzhu_http_connections_max The global connection cap (--max-connections).\n"
        "# TYPE huzhu_http_connections_max gauge\nhuzhu_http_connections_max %d\n"
        "# HELP huzhu_http_upload_bytes_in_flight Upload bytes reserved by requests in progress.\n"
        "# TYPE huzhu_http_upload_bytes_in_flight gauge\nhuzhu_http_upload_bytes_in_flight %lld\n"
        "# HELP huzhu_http_refused_total Connections and requests refused or closed by a limit.\n"
        "# TYPE huzhu_http_refused_total counter\n",
        (long long)lf.connections, l->max_connections, (long long)lf.uploads_in_flight);
    for (int i = 0; i < HZ_REFUSE_COUNT; i++)
        put(&t, "huzhu_http_refused_total{limit=\"%s\"} %lld\n", hz_refusal_names[i], (long long)lf.refused[i]);
    refresh_figures(app);
    pthread_mutex_lock(&figures_lock);
    if (figures_ok) {
        put(&t, "# HELP huzhu_claims Claims by status.\n# TYPE huzhu_claims gauge\n");
        for (int i = 0; i < figures.n_statuses; i++)
            put(&t, "huzhu_claims{status=\"%s\"} %lld\n", figures.claims[i].status, (long long)figures.claims[i].count);
        put(&t,
            "# HELP huzhu_paid_out_fen_total Money the bank has paid out, in fen.\n"
            "# TYPE huzhu_paid_out_fen_total counter\nhuzhu_paid_out_fen_total %lld\n",
            (long long)figures.paid_out);
    }
    pthread_mutex_unlock(&figures_lock);
    if (t.failed) {
        free(t.buf);
        return NULL;
    }
    *len = t.len;
    return t.buf;
}
