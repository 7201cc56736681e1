/* Connection and upload limits with absolute deadlines (limits.h). One
 * mutex guards the per-address table and the list of connections; the
 * sweeper walks the list a few times a second and shuts down the socket of
 * any connection past its deadline, which libmicrohttpd then sees as a
 * closed peer and cleans up in its own thread. The record leaves the list
 * in the "closed" notification, which libmicrohttpd sends before it closes
 * the descriptor, so the sweeper never touches a descriptor number that
 * has been reused. */
#include "http/limits.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>

#include "core/text.h"

const char *const hz_refusal_names[HZ_REFUSE_COUNT] = {
    "per_ip_connections", "global_connections", "reserve", "header_deadline", "body_deadline", "body_too_large",
    "length_required",    "unauthenticated_body", "upload_per_ip", "upload_total",
};

typedef enum { PH_HEADERS, PH_BODY, PH_WORK } conn_phase;

typedef struct hz_conn {
    struct hz_conn *prev, *next;
    int fd;
    char ip[48];
    int64_t deadline_ms; /* 0: none; guarded by lock */
    conn_phase phase;
} hz_conn;

typedef struct ip_entry {
    struct ip_entry *next;
    char ip[48];
    int conns;
    int64_t upload_bytes;
} ip_entry;

#define IP_BUCKETS 4096
static ip_entry *ip_table[IP_BUCKETS];
static hz_conn *conns;
static int64_t n_conns, uploads_total;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_llong refused[HZ_REFUSE_COUNT];
static hz_limits limits;

static pthread_t sweeper;
static pthread_mutex_t sweep_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t sweep_cond;
static bool sweeping, sweeper_started;

static int64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

const hz_limits *hz_limits_get(void) { return &limits; }

const hz_limits *hz_limits_init(const hz_server_config *cfg) {
    hz_limits l = {
        .max_connections = cfg->max_connections > 0 ? cfg->max_connections : HZ_DEFAULT_MAX_CONNECTIONS,
        .max_per_ip = cfg->max_per_ip > 0 ? cfg->max_per_ip : HZ_DEFAULT_MAX_PER_IP,
        .max_upload_bytes = cfg->max_upload_bytes > 0 ? cfg->max_upload_bytes : (int64_t)HZ_HTTP_UPLOAD_MAX,
        .max_upload_total = cfg->max_upload_total > 0 ? cfg->max_upload_total : HZ_DEFAULT_UPLOAD_TOTAL,
        .max_upload_per_ip = cfg->max_upload_per_ip > 0 ? cfg->max_upload_per_ip : HZ_DEFAULT_UPLOAD_PER_IP,
        .header_timeout = cfg->header_timeout > 0 ? cfg->header_timeout : HZ_DEFAULT_HEADER_TIMEOUT,
        .body_timeout = cfg->body_timeout > 0 ? cfg->body_timeout : HZ_DEFAULT_BODY_TIMEOUT,
    };
    /* every connection is a descriptor: keep room for the store, upload
     * files and the listening socket */
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        if (rl.rlim_cur < rl.rlim_max) {
            rl.rlim_cur = rl.rlim_max;
            setrlimit(RLIMIT_NOFILE, &rl);
            getrlimit(RLIMIT_NOFILE, &rl);
        }
        if (rl.rlim_cur != RLIM_INFINITY && (int64_t)rl.rlim_cur - 256 < l.max_connections) {
            int fit = rl.rlim_cur > 512 ? (int)rl.rlim_cur - 256 : 256;
            fprintf(stderr, "huzhu: 连接上限降为 %d, 受打开文件数限制 (max-connections lowered to %d: open-file limit %lu)\n",
                    fit, fit, (unsigned long)rl.rlim_cur);
            l.max_connections = fit;
        }
    }
    if (l.max_per_ip > l.max_connections) l.max_per_ip = l.max_connections;
    /* an eighth of the cap stays for addresses that hold fewer than 8
     * connections: many attacking addresses cannot shut out a new client */
    l.reserve = l.max_connections / 8;
    l.reserve_per_ip = 8;
    limits = l;
    return &limits;
}

static unsigned ip_hash(const char *ip) {
    unsigned h = 2166136261u;
    for (const char *p = ip; *p; p++) h = (h ^ (unsigned char)*p) * 16777619u;
    return h % IP_BUCKETS;
}

/* The entry of ip (created when `create`); NULL when none or out of
 * memory. Caller holds lock. */
static ip_entry *ip_find(const char *ip, bool create) {
    ip_entry **head = &ip_table[ip_hash(ip)];
    for (ip_entry *e = *head; e; e = e->next)
        if (!strcmp(e->ip, ip)) return e;
    if (!create) return NULL;
    ip_entry *e = calloc(1, sizeof *e);
    if (!e) return NULL;
    hz_strlcpy(e->ip, ip, sizeof e->ip);
    e->next = *head;
    *head = e;
    return e;
}

/* Drops ip's entry once it holds nothing. Caller holds lock. */
static void ip_drop_if_idle(const char *ip) {
    for (ip_entry **p = &ip_table[ip_hash(ip)]; *p; p = &(*p)->next)
        if (!strcmp((*p)->ip, ip)) {
            ip_entry *e = *p;
            if (e->conns <= 0 && e->upload_bytes <= 0) {
                *p = e->next;
                free(e);
            }
            return;
        }
}

static void addr_text(const struct sockaddr *a, char out[48]) {
    out[0] = '\0';
    if (!a) return;
    if (a->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)a)->sin_addr, out, 48);
    else if (a->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)a)->sin6_addr, out, 48);
}

void hz_limits_count(hz_refusal why) { atomic_fetch_add(&refused[why], 1); }

enum MHD_Result hz_limits_accept(void *cls, const struct sockaddr *addr, socklen_t addrlen) {
    (void)cls;
    (void)addrlen;
    char ip[48];
    addr_text(addr, ip);
    pthread_mutex_lock(&lock);
    ip_entry *e = ip_find(ip, false);
    int held = e ? e->conns : 0;
    hz_refusal why = HZ_REFUSE_COUNT;
    if (held >= limits.max_per_ip) why = HZ_REFUSE_PER_IP;
    else if (n_conns >= limits.max_connections) why = HZ_REFUSE_GLOBAL;
    else if (n_conns >= limits.max_connections - limits.reserve && held >= limits.reserve_per_ip)
        why = HZ_REFUSE_RESERVE;
    pthread_mutex_unlock(&lock);
    if (why == HZ_REFUSE_COUNT) return MHD_YES;
    hz_limits_count(why);
    return MHD_NO;
}

static void set_deadline(hz_conn *c, conn_phase phase, int64_t deadline_ms) {
    pthread_mutex_lock(&lock);
    c->phase = phase;
    c->deadline_ms = deadline_ms;
    pthread_mutex_unlock(&lock);
}

void hz_limits_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
                      enum MHD_ConnectionNotificationCode code) {
    (void)cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        hz_conn *c = calloc(1, sizeof *c);
        if (!c) return; /* untracked: libmicrohttpd's idle timeout still applies */
        const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        addr_text(ci ? ci->client_addr : NULL, c->ip);
        ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        c->fd = ci ? ci->connect_fd : -1;
        c->phase = PH_HEADERS;
        c->deadline_ms = now_ms() + (int64_t)limits.header_timeout * 1000;
        pthread_mutex_lock(&lock);
        ip_entry *e = ip_find(c->ip, true);
        if (e) e->conns++;
        n_conns++;
        c->next = conns;
        if (conns) conns->prev = c;
        conns = c;
        pthread_mutex_unlock(&lock);
        *socket_context = c;
        return;
    }
    hz_conn *c = *socket_context;
    if (!c) return;
    pthread_mutex_lock(&lock);
    if (c->prev) c->prev->next = c->next;
    else conns = c->next;
    if (c->next) c->next->prev = c->prev;
    n_conns--;
    ip_entry *e = ip_find(c->ip, false);
    if (e) {
        e->conns--;
        ip_drop_if_idle(c->ip);
    }
    pthread_mutex_unlock(&lock);
    free(c);
    *socket_context = NULL;
}

static hz_conn *conn_of(struct MHD_Connection *conn) {
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

void hz_limits_body_expected(struct MHD_Connection *conn, int64_t declared) {
    hz_conn *c = conn_of(conn);
    if (!c) return;
    int64_t allowance = (int64_t)limits.body_timeout * 1000;
    if (declared > 0) allowance += declared / HZ_BODY_MIN_RATE * 1000;
    set_deadline(c, PH_BODY, now_ms() + allowance);
}

void hz_limits_body_done(struct MHD_Connection *conn) {
    hz_conn *c = conn_of(conn);
    if (c) set_deadline(c, PH_WORK, 0);
}

void hz_limits_request_done(struct MHD_Connection *conn) {
    hz_conn *c = conn_of(conn);
    if (c) set_deadline(c, PH_HEADERS, now_ms() + (int64_t)limits.header_timeout * 1000);
}

hz_refusal hz_limits_reserve_upload(const char *ip, int64_t bytes) {
    hz_refusal why = HZ_REFUSE_COUNT;
    pthread_mutex_lock(&lock);
    ip_entry *e = ip_find(ip, true);
    if (uploads_total + bytes > limits.max_upload_total) why = HZ_REFUSE_UPLOAD_TOTAL;
    else if (!e || e->upload_bytes + bytes > limits.max_upload_per_ip) why = HZ_REFUSE_UPLOAD_PER_IP;
    else {
        e->upload_bytes += bytes;
        uploads_total += bytes;
    }
    if (why != HZ_REFUSE_COUNT && e) ip_drop_if_idle(ip);
    pthread_mutex_unlock(&lock);
    if (why != HZ_REFUSE_COUNT) hz_limits_count(why);
    return why;
}

void hz_limits_release_upload(const char *ip, int64_t bytes) {
    pthread_mutex_lock(&lock);
    uploads_total -= bytes;
    ip_entry *e = ip_find(ip, false);
    if (e) {
        e->upload_bytes -= bytes;
        ip_drop_if_idle(ip);
    }
    pthread_mutex_unlock(&lock);
}

/* The attempt counters: open addressing over a fixed table; a slot is
 * reused only once its window has passed, and a full neighbourhood shares
 * its last slot, whose count is never reset early (an attacker filling the
 * table gains nothing). */
#define ATTEMPT_SLOTS 4096
#define ATTEMPT_PROBE 8
typedef struct {
    char key[80];
    int64_t since_ms;
    int count;
} attempt_slot;
static attempt_slot attempts[ATTEMPT_SLOTS];

bool hz_limits_attempt(const char *what, const char *ip, int max, int window_s, int *retry_after) {
    char key[80];
    snprintf(key, sizeof key, "%s|%s", what, ip);
    int64_t now = now_ms(), window = (int64_t)window_s * 1000;
    unsigned h = ip_hash(key);
    pthread_mutex_lock(&lock);
    attempt_slot *hit = NULL, *spare = NULL;
    for (int i = 0; i < ATTEMPT_PROBE && !hit; i++) {
        attempt_slot *s = &attempts[(h + (unsigned)i) % ATTEMPT_SLOTS];
        bool live = s->key[0] && now - s->since_ms < window;
        if (live && !strcmp(s->key, key)) hit = s;
        else if (!live && !spare) spare = s;
    }
    if (!hit && spare) {
        hz_strlcpy(spare->key, key, sizeof spare->key);
        spare->since_ms = now;
        spare->count = 0;
        hit = spare;
    }
    if (!hit) hit = &attempts[(h + ATTEMPT_PROBE - 1) % ATTEMPT_SLOTS]; /* shared, never reset early */
    bool ok = hit->count < max;
    if (ok) hit->count++;
    else if (retry_after) *retry_after = (int)((hit->since_ms + window - now + 999) / 1000);
    pthread_mutex_unlock(&lock);
    return ok;
}

void hz_limits_figures_get(hz_limits_figures *out) {
    pthread_mutex_lock(&lock);
    out->connections = n_conns;
    out->uploads_in_flight = uploads_total;
    pthread_mutex_unlock(&lock);
    for (int i = 0; i < HZ_REFUSE_COUNT; i++) out->refused[i] = atomic_load(&refused[i]);
}

/* Shuts down every connection past its deadline; the peer sees the close
 * at once, libmicrohttpd frees the connection in its own thread. */
static void sweep(void) {
    int64_t now = now_ms();
    pthread_mutex_lock(&lock);
    for (hz_conn *c = conns; c; c = c->next) {
        if (!c->deadline_ms || now < c->deadline_ms || c->fd < 0) continue;
        shutdown(c->fd, SHUT_RDWR);
        c->deadline_ms = 0;
        hz_limits_count(c->phase == PH_BODY ? HZ_REFUSE_BODY_DEADLINE : HZ_REFUSE_HEADER_DEADLINE);
    }
    pthread_mutex_unlock(&lock);
}

static void *sweeper_main(void *arg) {
    (void)arg;
    pthread_mutex_lock(&sweep_lock);
    while (sweeping) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        ts.tv_nsec += 250 * 1000000L; /* a deadline is kept to a quarter of a second */
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&sweep_cond, &sweep_lock, &ts);
        if (!sweeping) break;
        pthread_mutex_unlock(&sweep_lock);
        sweep();
        pthread_mutex_lock(&sweep_lock);
    }
    pthread_mutex_unlock(&sweep_lock);
    return NULL;
}

bool hz_limits_start(void) {
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&sweep_cond, &ca);
    pthread_condattr_destroy(&ca);
    sweeping = true;
    sweeper_started = pthread_create(&sweeper, NULL, sweeper_main, NULL) == 0;
    return sweeper_started;
}

void hz_limits_stop(void) {
    if (!sweeper_started) return;
    pthread_mutex_lock(&sweep_lock);
    sweeping = false;
    pthread_cond_signal(&sweep_cond);
    pthread_mutex_unlock(&sweep_lock);
    pthread_join(sweeper, NULL);
    sweeper_started = false;
}
