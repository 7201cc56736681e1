/* Bank-card changes under control and office settings (app/security.h). */
#include "app/security.h"

#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/module.h"
#include "core/idcard.h"
#include "core/normalize.h"
#include "core/text.h"
#include "store/payable.h"
#include "store/registry.h"

hz_err hz_card_change_record(hz_app *app, const hz_member *m, const char *old_card, const char *old_bank,
                             const char *via, hz_errinfo *e) {
    if (!strcmp(old_card ? old_card : "", m->bank_card)) return HZ_OK;
    hz_card_change c;
    memset(&c, 0, sizeof c);
    c.member_id = m->id;
    hz_strlcpy(c.old_card, old_card ? old_card : "", sizeof c.old_card);
    hz_strlcpy(c.old_bank, old_bank ? old_bank : "", sizeof c.old_bank);
    hz_strlcpy(c.new_card, m->bank_card, sizeof c.new_card);
    hz_strlcpy(c.new_bank, m->bank_name, sizeof c.new_bank);
    hz_strlcpy(c.via, via, sizeof c.via);
    hz_strlcpy(c.changed_by, app->actor, sizeof c.changed_by);
    hz_strlcpy(c.changed_at, app->now, sizeof c.changed_at);
    int64_t held = 0;
    hz_err rc;
    if ((rc = hz_store_card_change_insert(app->db, &c, e)) ||
        (rc = hz_store_payables_hold_member(app->db, m->id, HZ_HOLD_CARD_CHANGED, &held, e)))
        return rc;
    char object[48], detail[400];
    snprintf(object, sizeof object, "member:%s", m->id_number);
    snprintf(detail, sizeof detail,
             "{\"old_card\":\"%s\",\"old_bank\":\"%s\",\"new_card\":\"%s\",\"new_bank\":\"%s\",\"via\":\"%s\","
             "\"payables_held\":%lld}",
             c.old_card, c.old_bank, c.new_card, c.new_bank, via, (long long)held);
    return hz_audit(app, "member.card_change", object, detail, e);
}

hz_err hz_card_change_pending(hz_app *app, int64_t member_id, bool *pending, hz_errinfo *e) {
    hz_card_change c;
    hz_errinfo ne;
    hz_err rc = hz_store_card_change_pending(app->db, member_id, &c, &ne);
    *pending = rc == HZ_OK;
    if (rc == HZ_ENOTFOUND || rc == HZ_OK) return HZ_OK;
    return hz_fail(e, rc, "%s", ne.msg);
}

static void card_shown(const hz_app *app, const char *card, char out[24]) {
    if (hz_authz_sees_identity(app)) hz_strlcpy(out, card, 24);
    else if (*card) hz_bank_card_mask(card, out);
    else out[0] = 0;
}

static hz_err held_row(void *ctx, const hz_payable *p, hz_errinfo *e) {
    (void)e;
    hz_card_pending *out = ctx;
    if (strcmp(p->hold_reason, HZ_HOLD_CARD_CHANGED) != 0 || p->owed <= 0) return HZ_OK;
    if (out->n_held < HZ_CARD_HELD_MAX) {
        hz_strlcpy(out->held[out->n_held].payable_no, p->payable_no, sizeof out->held[0].payable_no);
        hz_strlcpy(out->held[out->n_held].purpose, p->purpose, sizeof out->held[0].purpose);
        out->held[out->n_held].owed = p->owed;
    }
    out->n_held++;
    return HZ_OK;
}

hz_err hz_card_pending_load(hz_app *app, const hz_member *m, hz_card_pending *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    hz_card_change c;
    hz_errinfo ne;
    hz_err rc = hz_store_card_change_pending(app->db, m->id, &c, &ne);
    if (rc == HZ_ENOTFOUND) return HZ_OK;
    if (rc) return hz_fail(e, rc, "%s", ne.msg);
    out->pending = true;
    card_shown(app, c.old_card, out->old_card);
    card_shown(app, c.new_card, out->new_card);
    hz_strlcpy(out->old_bank, c.old_bank, sizeof out->old_bank);
    hz_strlcpy(out->new_bank, c.new_bank, sizeof out->new_bank);
    hz_strlcpy(out->via, c.via, sizeof out->via);
    hz_strlcpy(out->changed_by, c.changed_by, sizeof out->changed_by);
    hz_strlcpy(out->changed_at, c.changed_at, sizeof out->changed_at);
    return hz_store_payables_of_member(app->db, m->id, held_row, out, e);
}

hz_err hz_app_member_confirm_card(hz_app *app, const char *id_number, hz_card_confirm_report *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    char norm[HZ_ID_LEN + 1], two[8];
    hz_member m;
    hz_card_change c;
    hz_err rc;
    if ((rc = hz_authz_can_do(app, "security.card_confirm", e)) ||
        (rc = hz_norm_id_number(id_number, norm, sizeof norm, "id_number", e)) || (rc = hz_db_begin(app->db, e)))
        return rc;
    if ((rc = hz_store_member_by_id_number(app->db, norm, &m, e)) || (rc = hz_authz_member(app, &m, e))) goto fail;
    if ((rc = hz_store_card_change_pending(app->db, m.id, &c, e))) {
        if (rc == HZ_ENOTFOUND) rc = e->code = HZ_ECONFLICT;
        goto fail;
    }
    if ((rc = hz_store_setting_get(app->db, HZ_SETTING_CARD_TWO_PERSON, two, sizeof two, e))) goto fail;
    if (!strcmp(two, "on") && !strcmp(c.changed_by, app->actor)) {
        rc = hz_fail(e, HZ_EFORBIDDEN,
                     "银行卡变更须由另一位工作人员确认 (two-person rule: %s made the change and cannot confirm it)",
                     c.changed_by);
        goto fail;
    }
    if ((rc = hz_store_card_change_confirm(app->db, m.id, app->actor, app->now, e)) ||
        (rc = hz_store_payables_release_member(app->db, m.id, HZ_HOLD_CARD_CHANGED, &out->released, e)))
        goto fail;
    char object[48], detail[200];
    snprintf(object, sizeof object, "member:%s", m.id_number);
    snprintf(detail, sizeof detail, "{\"card\":\"%s\",\"changed_by\":\"%s\",\"changed_at\":\"%s\",\"released\":%lld}",
             c.new_card, c.changed_by, c.changed_at, (long long)out->released);
    if ((rc = hz_audit(app, "member.card_confirm", object, detail, e)) || (rc = hz_db_commit(app->db, e))) goto fail;
    hz_strlcpy(out->id_number, m.id_number, sizeof out->id_number);
    card_shown(app, c.old_card, out->old_card);
    card_shown(app, c.new_card, out->new_card);
    hz_strlcpy(out->changed_by, c.changed_by, sizeof out->changed_by);
    hz_strlcpy(out->changed_at, c.changed_at, sizeof out->changed_at);
    hz_strlcpy(out->confirmed_by, app->actor, sizeof out->confirmed_by);
    return HZ_OK;
fail:
    hz_db_rollback(app->db);
    return rc;
}

hz_err hz_app_setting_set(hz_app *app, const char *key, const char *value, hz_errinfo *e) {
    hz_err rc = hz_authz_can(app, HZ_A_USER_ADMIN, e);
    if (rc) return rc;
    if (!key || strcmp(key, HZ_SETTING_CARD_TWO_PERSON) != 0)
        return hz_fail(e, HZ_EINVAL, "key: 未知设置 '%s' (unknown setting; known: %s)", key ? key : "",
                       HZ_SETTING_CARD_TWO_PERSON);
    if (!value || (strcmp(value, "on") != 0 && strcmp(value, "off") != 0))
        return hz_fail(e, HZ_EINVAL, "value: 应为 on 或 off (expected on or off)");
    if ((rc = hz_db_begin(app->db, e))) return rc;
    char object[64];
    snprintf(object, sizeof object, "setting:%s", key);
    if ((rc = hz_store_setting_put(app->db, key, value, app->now, e)) || (rc = hz_audit(app, "setting.set", object, value, e)) ||
        (rc = hz_db_commit(app->db, e))) {
        hz_db_rollback(app->db);
        return rc;
    }
    return HZ_OK;
}

hz_err hz_app_setting_get(hz_app *app, const char *key, char *buf, size_t cap, hz_errinfo *e) {
    hz_err rc = hz_authz_can(app, HZ_A_USER_ADMIN, e);
    if (rc) return rc;
    return hz_store_setting_get(app->db, key, buf, cap, e);
}

hz_err hz_payment_mac(const hz_app *app, int64_t id, int64_t payable_id, int64_t batch_id, int64_t amount,
                      const char *payee, const char *card, const char *bank, char out[65], hz_errinfo *e) {
    char a[24], b[24], c[24], d[24];
    snprintf(a, sizeof a, "%lld", (long long)id);
    snprintf(b, sizeof b, "%lld", (long long)payable_id);
    snprintf(c, sizeof c, "%lld", (long long)batch_id);
    snprintf(d, sizeof d, "%lld", (long long)amount);
    const char *f[] = {"payment", a, b, c, d, payee, card, bank};
    return hz_audit_row_mac(app, f, 8, out, e);
}

hz_err hz_payment_mac_store(hz_app *app, int64_t id, int64_t payable_id, int64_t batch_id, int64_t amount,
                            const char *payee, const char *card, const char *bank, hz_errinfo *e) {
    char mac[65];
    hz_err rc = hz_payment_mac(app, id, payable_id, batch_id, amount, payee, card, bank, mac, e);
    if (rc) return rc;
    return hz_store_payment_set_mac(app->db, id, mac, e);
}

/* The security module (src/modules.def): no demo data, no reports. */
static const hz_action_def security_actions[] = {
    {"security.card_confirm", " admin staff "},
    {NULL, NULL},
};
const hz_app_module hz_app_module_security = {.name = "security", .actions = security_actions};
