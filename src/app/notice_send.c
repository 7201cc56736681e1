/* Delivering the outbox (app/notices.h): the sender's settings, the worker
 * that claims a due notice, sends it through the configured gateway and
 * records what happened, with back-off and a lease. */
#include "app/notices.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/authz.h"
#include "app/module.h"
#include "core/text.h"
#include "store/notices.h"

/* ---- the sender ------------------------------------------------------ */

void hz_notice_sender_defaults(hz_notice_sender *s) {
    memset(s, 0, sizeof *s);
    s->max_attempts = 8;
    s->backoff_ms = 30000;
    s->backoff_max_ms = 3600000;
    s->lease_ms = 60000;
    s->poll_ms = 2000;
    s->timeout_ms = 10000;
}

hz_err hz_notice_sender_key_file(hz_notice_sender *s, const char *path, hz_errinfo *e) {
    FILE *f = fopen(path, "r");
    char line[256];
    if (!f) return hz_fail(e, HZ_EINVAL, "notices-key-file: 无法读取 %s (%s)", path, strerror(errno));
    bool got = fgets(line, sizeof line, f) != NULL;
    fclose(f);
    line[got ? strcspn(line, "\r\n") : 0] = '\0';
    size_t n = strlen(line);
    if (n < 16 || n > sizeof s->key)
        return hz_fail(e, HZ_EINVAL, "notices-key-file: 密钥应为 16 至 %zu 字节的一行 (the key is one line of 16..%zu bytes)",
                       sizeof s->key, sizeof s->key);
    memcpy(s->key, line, n);
    s->key_len = n;
    sodium_memzero(line, sizeof line);
    return HZ_OK;
}

hz_err hz_notice_sender_check(const hz_notice_sender *s, hz_errinfo *e) {
    if (strcmp(s->kind, "webhook") && strcmp(s->kind, "sms") && strcmp(s->kind, "wechat"))
        return hz_fail(e, HZ_EINVAL, "notices-sender: 应为 webhook、sms 或 wechat (got '%s')", s->kind);
    if (strncmp(s->url, "http://", 7) && strncmp(s->url, "https://", 8))
        return hz_fail(e, HZ_EINVAL, "notices-url: 应为 http:// 或 https:// 地址 (got '%s')", s->url);
    bool loopback = !strncmp(s->url, "http://127.0.0.1", 16) || !strncmp(s->url, "http://localhost", 16);
    if (!s->key_len && !loopback)
        return hz_fail(e, HZ_EINVAL, "notices-key-file: 发往其他主机的通知必须签名 (a signing key is required)");
    if (s->max_attempts < 1 || s->backoff_ms < 1 || s->backoff_max_ms < s->backoff_ms || s->lease_ms < 1 ||
        s->poll_ms < 1)
        return hz_fail(e, HZ_EINVAL, "notices-*: 次数与时间须为正数 (attempts and delays must be positive)");
    return HZ_OK;
}

int64_t hz_notice_clock_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* the delay after failed attempt n (1, 2, ...): exponential, capped, with
 * "equal jitter": between half and all of it, so retries of many notices
 * spread out and none comes sooner than half the nominal delay */
static int64_t backoff(const hz_notice_sender *s, int n) {
    int64_t d = s->backoff_ms;
    for (int i = 1; i < n && d < s->backoff_max_ms; i++) d *= 2;
    if (d > s->backoff_max_ms) d = s->backoff_max_ms;
    uint32_t half = (uint32_t)(d / 2 > 0xfffffff ? 0xfffffff : d / 2);
    return d - half + (half ? randombytes_uniform(half + 1) : 0);
}

/* the template of a kind, "" when none */
static void template_of(const hz_notice_sender *s, const char *kind, char *out, size_t cap) {
    out[0] = '\0';
    size_t kl = strlen(kind);
    for (const char *p = s->templates; p && *p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len > kl && !strncmp(p, kind, kl) && p[kl] == '=') {
            size_t tl = len - kl - 1 < cap - 1 ? len - kl - 1 : cap - 1;
            memcpy(out, p + kl + 1, tl);
            out[tl] = '\0';
            return;
        }
        p = end ? end + 1 : NULL;
    }
}

/* The request body: what the gateway of this kind expects. The same for
 * every attempt of a notice (no attempt time in it), so a resent notice is
 * byte for byte the first one. */
static char *payload(const hz_notice_sender *s, const hz_notice *n, const char *tpl) {
    size_t cap = 16384;
    char *b = malloc(cap), t[300], body[6200], name[300];
    if (!b) return NULL;
    hz_json_text(n->title, 90, t, sizeof t);
    hz_json_text(n->body, 2000, body, sizeof body);
    hz_json_text(n->member_name, 90, name, sizeof name);
    const char *obj = strchr(n->object, ':') ? strchr(n->object, ':') + 1 : n->object;
    if (!strcmp(s->kind, "webhook"))
        snprintf(b, cap,
                 "{\"notice_no\":\"%s\",\"kind\":\"%s\",\"object\":\"%s\",\"member\":{\"id_number\":\"%s\",\"name\":\"%s\","
                 "\"phone\":\"%s\"},\"title\":\"%s\",\"text\":\"%s\",\"detail\":%s,\"created_at\":\"%s\"}",
                 n->notice_no, n->kind, n->object, n->id_number, name, n->phone, t, body, n->detail, n->created_at);
    else if (!strcmp(s->kind, "sms"))
        snprintf(b, cap,
                 "{\"notice_no\":\"%s\",\"to\":\"%s\",\"template_id\":\"%s\",\"params\":{\"name\":\"%s\",\"no\":\"%s\","
                 "\"title\":\"%s\",\"text\":\"%s\"}}",
                 n->notice_no, n->phone, tpl, name, obj, t, body);
    else
        snprintf(b, cap,
                 "{\"notice_no\":\"%s\",\"touser_phone\":\"%s\",\"template_id\":\"%s\",\"data\":{\"first\":{\"value\":"
                 "\"%s\"},\"keyword1\":{\"value\":\"%s\"},\"keyword2\":{\"value\":\"%s\"},\"remark\":{\"value\":\"%s\"}}}",
                 n->notice_no, n->phone, tpl, t, obj, name, body);
    return b;
}

/* The outcome in its own transaction; a store error is returned. */
static hz_err record(hz_app *app, const hz_notice *n, const hz_notice_sender *s, const char *status, int64_t next,
                     const char *why, hz_errinfo *e) {
    bool changed;
    hz_app_tick(app);
    hz_err rc = hz_db_begin(app->db, e);
    if (rc) return rc;
    if ((rc = hz_store_notice_outcome(app->db, n->id, n->attempts, status, s->kind, next, why, app->now, &changed,
                                      e))) {
        hz_db_rollback(app->db);
        return rc;
    }
    return hz_db_commit(app->db, e);
}

/* One claimed notice: decide, send, record. */
static hz_err deliver(hz_app *app, const hz_notice_sender *s, const hz_notice *n, hz_notice_stats *st,
                      hz_errinfo *e) {
    char tpl[64] = "", why[300] = "";
    bool out = false;
    hz_err rc;
    if (n->attempts > s->max_attempts) {
        st->failed++;
        return record(app, n, s, "failed", 0, "发送中断且已达最多尝试次数 (interrupted at the last attempt)", e);
    }
    if ((rc = hz_store_notice_opted_out(app->db, n->member_id, s->kind, n->kind, &out, e))) return rc;
    if (!out && strcmp(s->kind, "webhook") != 0) template_of(s, n->kind, tpl, sizeof tpl);
    const char *skip = out                                             ? "会员已退订此类通知 (opted out)"
                       : strcmp(s->kind, "webhook") && !n->phone[0] ? "会员未登记手机号 (no phone)"
                       : strcmp(s->kind, "webhook") && !tpl[0]      ? "未配置此类通知的模板 (no template for this kind)"
                                                                     : NULL;
    if (skip) {
        st->skipped++;
        return record(app, n, s, "skipped", 0, skip, e);
    }
    char *body = payload(s, n, tpl);
    if (!body) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    hz_webhook w = {s->url, s->key, s->key_len, s->timeout_ms};
    long status = 0;
    rc = hz_webhook_post(&w, body, n->notice_no, &status, why, sizeof why, e);
    free(body);
    if (rc) return rc;
    if (status >= 200 && status < 300) {
        st->sent++;
        return record(app, n, s, "sent", 0, NULL, e);
    }
    /* a refusal that will not change (a 4xx other than timeout or rate
     * limit: a bad signature, an unknown template) fails at once */
    bool final = (status >= 400 && status < 500 && status != 408 && status != 429) || n->attempts >= s->max_attempts;
    if (final) {
        st->failed++;
        return record(app, n, s, "failed", 0, why, e);
    }
    st->retried++;
    return record(app, n, s, "pending", hz_notice_clock_ms() + backoff(s, n->attempts), why, e);
}

hz_err hz_app_notices_send(hz_app *app, const hz_notice_sender *s, bool once, atomic_int *stop, hz_notice_stats *st,
                           hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "notices.send", e);
    if (rc || (rc = hz_notice_sender_check(s, e))) return rc;
    memset(st, 0, sizeof *st);
    hz_notice *n = malloc(sizeof *n);
    if (!n) return hz_fail(e, HZ_EINTERNAL, "内存不足 (out of memory)");
    while (!(stop && atomic_load(stop))) {
        bool found = false;
        hz_app_tick(app);
        if ((rc = hz_db_begin(app->db, e))) break;
        if ((rc = hz_store_notice_claim(app->db, hz_notice_clock_ms(), s->lease_ms, n, &found, e))) {
            hz_db_rollback(app->db);
            if (rc == HZ_ERETRY) continue;
            break;
        }
        if ((rc = hz_db_commit(app->db, e))) {
            if (rc == HZ_ERETRY || rc == HZ_ECONFLICT) continue;
            break;
        }
        if (found) {
            if ((rc = deliver(app, s, n, st, e))) break;
            continue;
        }
        if (once) break;
        /* idle: sleep until the next notice is due, a new one may come,
         * or we are told to stop */
        int64_t next = 0, t = hz_notice_clock_ms(), until = t + s->poll_ms;
        if ((rc = hz_store_notices_next_due(app->db, &next, e))) break;
        if (next > t && next < until) until = next;
        while (!(stop && atomic_load(stop)) && (t = hz_notice_clock_ms()) < until) {
            int64_t step = until - t < 50 ? until - t : 50;
            struct timespec ts = {0, (long)step * 1000000L};
            nanosleep(&ts, NULL);
        }
    }
    free(n);
    return rc;
}
