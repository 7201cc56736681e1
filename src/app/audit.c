/* Audit chain (app/audit.h): hash = BLAKE2b-256 keyed with the audit key
 * over (prev_hash, at, actor, action, object, detail), each field
 * length-prefixed so no two events hash alike. */
#include "app/audit.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/audit_key.h"
#include "app/authz.h"
#include "core/text.h"
#include "store/audit.h"

static void field(crypto_generichash_state *s, const char *v) {
    unsigned char len[8];
    uint64_t n = strlen(v);
    for (int i = 0; i < 8; i++) len[i] = (unsigned char)(n >> (8 * i));
    crypto_generichash_update(s, len, sizeof len);
    crypto_generichash_update(s, (const unsigned char *)v, n);
}

/* key NULL: the plain hash of events written before the chain was keyed */
static void chain_hash(const hz_audit_row *r, const unsigned char *key, char out[65]) {
    crypto_generichash_state s;
    unsigned char h[32];
    crypto_generichash_init(&s, key, key ? 32 : 0, sizeof h);
    field(&s, r->prev_hash);
    field(&s, r->at);
    field(&s, r->actor);
    field(&s, r->action);
    field(&s, r->object);
    field(&s, r->detail);
    crypto_generichash_final(&s, h, sizeof h);
    sodium_bin2hex(out, 65, h, sizeof h);
}

hz_err hz_audit_key_load(hz_app *app, bool create, hz_errinfo *e) {
    if (!app->audit_key_path[0]) return HZ_OK;
    return hz_audit_key_read(app->audit_key_path, create, app->audit_key, &app->has_audit_key, e);
}

static hz_err need_key(const hz_app *app, hz_errinfo *e) {
    if (app->has_audit_key) return HZ_OK;
    return hz_fail(e, HZ_EINTERNAL, "审计密钥缺失, 请先运行 huzhu init (audit key missing at %s; run huzhu init)",
                   app->audit_key_path);
}

hz_err hz_audit_chain(const hz_app *app, hz_audit_row *r, char hash[65], hz_errinfo *e) {
    hz_err rc = need_key(app, e);
    if (rc) return rc;
    chain_hash(r, app->audit_key, hash);
    r->hash = hash;
    return HZ_OK;
}

hz_err hz_audit(hz_app *app, const char *action, const char *object, const char *detail, hz_errinfo *e) {
    char prev[65], hash[65];
    hz_err rc = need_key(app, e);
    if (rc || (rc = hz_store_audit_last_hash(app->db, prev, e))) return rc;
    hz_audit_row r = {0, app->now, app->actor, action, object, detail ? detail : "", prev, NULL};
    chain_hash(&r, app->audit_key, hash);
    r.hash = hash;
    return hz_store_audit_insert(app->db, &r, e);
}

hz_err hz_audit_mark_keyed(hz_app *app, hz_errinfo *e) {
    int64_t n = 0;
    hz_err rc = hz_store_audit_count_action(app->db, "audit.keyed", &n, e);
    if (rc || n) return rc;
    unsigned char id[8];
    char hex[17], detail[64];
    crypto_generichash(id, sizeof id, app->audit_key, sizeof app->audit_key, NULL, 0);
    sodium_bin2hex(hex, sizeof hex, id, sizeof id);
    snprintf(detail, sizeof detail, "{\"key_id\":\"%s\"}", hex);
    if ((rc = hz_db_begin(app->db, e))) return rc;
    if ((rc = hz_audit(app, "audit.keyed", "audit", detail, e)) || (rc = hz_db_commit(app->db, e))) {
        hz_db_rollback(app->db);
        return rc;
    }
    return HZ_OK;
}

hz_err hz_audit_row_mac(const hz_app *app, const char *const *fields, int n, char out[65], hz_errinfo *e) {
    hz_err rc = need_key(app, e);
    if (rc) return rc;
    crypto_generichash_state s;
    unsigned char h[32];
    crypto_generichash_init(&s, app->audit_key, 32, sizeof h);
    field(&s, "row-mac-v1");
    for (int i = 0; i < n; i++) field(&s, fields[i] ? fields[i] : "");
    crypto_generichash_final(&s, h, sizeof h);
    sodium_bin2hex(out, 65, h, sizeof h);
    return HZ_OK;
}

typedef struct {
    const hz_app *app;
    hz_audit_report *rep;
    char prev[65];
    bool keyed;            /* past the audit.keyed event */
    int64_t at_position;   /* checkpoint: the position whose hash to keep */
    char hash_at[65];
} verify_ctx;

static hz_err verify_one(void *vctx, const hz_audit_row *r, hz_errinfo *e) {
    (void)e;
    verify_ctx *c = vctx;
    c->rep->events++;
    char want[65], plain[65];
    chain_hash(r, c->app->audit_key, want);
    const char *why = NULL;
    if (strcmp(r->prev_hash, c->prev) != 0) {
        why = "与前一事件的链接断开 (prev_hash does not match the previous event)";
    } else if (c->keyed || !strcmp(r->action, "audit.keyed")) {
        if (strcmp(r->hash, want) != 0)
            why = "事件内容被篡改或以其他密钥写入 (event MAC does not match its content under this key)";
        c->keyed = true;
    } else {
        /* before the first keyed link: the plain hash of older builds
         * (or a MAC, for events written keyed before the marker) */
        chain_hash(r, NULL, plain);
        if (strcmp(r->hash, plain) != 0 && strcmp(r->hash, want) != 0)
            why = "事件内容被篡改 (event hash does not match its content)";
    }
    if (why) {
        c->rep->broken_id = r->id;
        snprintf(c->rep->reason, sizeof c->rep->reason, "%s", why);
        return HZ_ECONFLICT; /* stop the walk */
    }
    snprintf(c->prev, sizeof c->prev, "%s", r->hash);
    if (c->rep->events == c->at_position) snprintf(c->hash_at, sizeof c->hash_at, "%s", r->hash);
    return HZ_OK;
}

static hz_err walk(hz_app *app, hz_audit_report *out, int64_t at_position, char hash_at[65], hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    hz_err rc = hz_authz_can(app, HZ_A_AUDIT, e);
    if (rc || (rc = need_key(app, e))) return rc;
    verify_ctx c = {app, out, "", false, at_position, ""};
    rc = hz_store_audit_walk(app->db, verify_one, &c, e);
    if (rc == HZ_ECONFLICT && out->broken_id) rc = HZ_OK;
    if (rc) return rc;
    /* init writes audit.keyed, so every trail of a database holds it: none
     * at all is a trail cut to nothing (issue 12 case 6: "deleting all of
     * them: ok") */
    if (!out->broken_id && !c.keyed) {
        out->broken_id = -1;
        snprintf(out->reason, sizeof out->reason, "%s",
                 out->events ? "审计链没有以密钥签名的事件 (the chain holds no keyed event: audit.keyed missing; "
                               "rewritten or cut)"
                             : "审计链为空, 已被截断 (truncated to nothing: not even the audit.keyed event that init "
                               "writes is left)");
    }
    snprintf(out->head, sizeof out->head, "%s", c.prev);
    if (hash_at) snprintf(hash_at, 65, "%s", c.hash_at);
    return HZ_OK;
}

hz_err hz_audit_verify(hz_app *app, hz_audit_report *out, hz_errinfo *e) { return walk(app, out, 0, NULL, e); }

static void checkpoint_mac(const hz_app *app, int64_t events, const char *head, char out[65]) {
    char n[24];
    snprintf(n, sizeof n, "%" PRId64, events);
    const char *f[] = {"checkpoint", n, head};
    hz_audit_row_mac(app, f, 3, out, NULL);
}

hz_err hz_audit_checkpoint(hz_app *app, char out[HZ_CHECKPOINT_MAX], hz_errinfo *e) {
    hz_audit_report r;
    hz_err rc = walk(app, &r, 0, NULL, e);
    if (rc) return rc;
    if (r.broken_id)
        return hz_fail(e, HZ_ECONFLICT, "审计链已断开, 不能签发检查点 (the chain is broken at event %" PRId64 ": %s)",
                       r.broken_id, r.reason);
    char mac[65];
    checkpoint_mac(app, r.events, r.head, mac);
    snprintf(out, HZ_CHECKPOINT_MAX, "huzhu-audit-checkpoint v1 events=%" PRId64 " head=%s mac=%s", r.events, r.head,
             mac);
    return HZ_OK;
}

/* Reads "KEY=VALUE" of the checkpoint line into buf ("" when absent). */
static void cp_field(const char *line, const char *key, char *buf, size_t cap) {
    buf[0] = '\0';
    const char *p = strstr(line, key);
    if (!p) return;
    p += strlen(key);
    size_t n = strcspn(p, " \t\r\n");
    if (n >= cap) n = cap - 1;
    memcpy(buf, p, n);
    buf[n] = '\0';
}

static bool all_hex(const char *s, size_t n) { return strlen(s) == n && strspn(s, "0123456789abcdef") == n; }

hz_err hz_audit_verify_against(hz_app *app, const char *checkpoint, hz_audit_report *out, hz_errinfo *e) {
    const char *p = checkpoint ? strstr(checkpoint, "huzhu-audit-checkpoint v1 ") : NULL;
    char num[24], head[80], mac[80];
    long long events = -1;
    if (p) {
        cp_field(p, " events=", num, sizeof num);
        cp_field(p, " head=", head, sizeof head);
        cp_field(p, " mac=", mac, sizeof mac);
        char *end;
        events = num[0] ? strtoll(num, &end, 10) : -1;
        if (!num[0] || *end) events = -1;
    }
    if (events < 0 || !all_hex(mac, 64) || !(events == 0 ? head[0] == '\0' : all_hex(head, 64)))
        return hz_fail(e, HZ_EINVAL,
                       "checkpoint: 检查点格式错误 (expected 'huzhu-audit-checkpoint v1 events=N head=HEX mac=HEX')");
    char hash_at[65];
    hz_err rc = walk(app, out, events, hash_at, e);
    if (rc) return rc;
    out->checked_against = true;
    out->checkpoint_events = events;
    char want[65];
    checkpoint_mac(app, events, head, want);
    if (sodium_memcmp(want, mac, 64) != 0) {
        snprintf(out->reason, sizeof out->reason,
                 "检查点签名不符 (the checkpoint's MAC does not hold under this key: not ours, or altered)");
    } else if (out->broken_id) {
        /* the chain's own fault is named already */
    } else if (out->events < events) {
        snprintf(out->reason, sizeof out->reason,
                 "审计链被截断 (truncated: %" PRId64 " events, the checkpoint has %lld)", out->events, events);
    } else if (events > 0 && strcmp(hash_at, head) != 0) {
        snprintf(out->reason, sizeof out->reason,
                 "审计链被改写 (rewritten: event %lld of the chain is not the checkpoint's head)", events);
    } else {
        out->checkpoint_ok = true;
    }
    return HZ_OK;
}
