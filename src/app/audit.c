/* Audit chain: hash = BLAKE2b-256(prev_hash, at, actor, action, object,
 * detail), each field length-prefixed so no two events hash alike. */
#include "app/audit.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "app/authz.h"
#include "store/audit.h"

static void field(crypto_generichash_state *s, const char *v) {
    unsigned char len[8];
    uint64_t n = strlen(v);
    for (int i = 0; i < 8; i++) len[i] = (unsigned char)(n >> (8 * i));
    crypto_generichash_update(s, len, sizeof len);
    crypto_generichash_update(s, (const unsigned char *)v, n);
}

static void chain_hash(const hz_audit_row *r, char out[65]) {
    crypto_generichash_state s;
    unsigned char h[32];
    crypto_generichash_init(&s, NULL, 0, sizeof h);
    field(&s, r->prev_hash);
    field(&s, r->at);
    field(&s, r->actor);
    field(&s, r->action);
    field(&s, r->object);
    field(&s, r->detail);
    crypto_generichash_final(&s, h, sizeof h);
    sodium_bin2hex(out, 65, h, sizeof h);
}

hz_err hz_audit(hz_app *app, const char *action, const char *object, const char *detail, hz_errinfo *e) {
    char prev[65], hash[65];
    hz_err rc = hz_store_audit_last_hash(app->db, prev, e);
    if (rc) return rc;
    hz_audit_row r = {0, app->now, app->actor, action, object, detail ? detail : "", prev, NULL};
    chain_hash(&r, hash);
    r.hash = hash;
    return hz_store_audit_insert(app->db, &r, e);
}

typedef struct {
    hz_audit_report *rep;
    char prev[65];
} verify_ctx;

static hz_err verify_one(void *vctx, const hz_audit_row *r, hz_errinfo *e) {
    (void)e;
    verify_ctx *c = vctx;
    c->rep->events++;
    char want[65];
    chain_hash(r, want);
    const char *why = NULL;
    if (strcmp(r->prev_hash, c->prev) != 0) why = "与前一事件的链接断开 (prev_hash does not match the previous event)";
    else if (strcmp(r->hash, want) != 0) why = "事件内容被篡改 (event hash does not match its content)";
    if (why) {
        c->rep->broken_id = r->id;
        snprintf(c->rep->reason, sizeof c->rep->reason, "%s", why);
        return HZ_ECONFLICT; /* stop the walk */
    }
    snprintf(c->prev, sizeof c->prev, "%s", r->hash);
    return HZ_OK;
}

hz_err hz_audit_verify(hz_app *app, hz_audit_report *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    verify_ctx c = {out, ""};
    hz_err rc = hz_authz_can(app, HZ_A_AUDIT, e);
    if (rc) return rc;
    rc = hz_store_audit_walk(app->db, verify_one, &c, e);
    if (rc == HZ_ECONFLICT && out->broken_id) return HZ_OK;
    return rc;
}
