/* Recoveries: repayments and write-offs (app/recovery.h). */
#include "app/recovery.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/journal.h"
#include "app/lists.h"
#include "app/payables.h"
#include "core/idcard.h"
#include "core/normalize.h"
#include "core/text.h"
#include "store/registry.h"

hz_err hz_app_recovery_record(hz_app *app, const char *id_number, const char *kind, hz_fen amount, const char *reason,
                              const char *ref, hz_fen *owes_after, hz_errinfo *e) {
    hz_err rc = hz_authz_can(app, HZ_A_PAY, e);
    if (rc) return rc;
    bool repay = !strcmp(kind, "repay");
    if (!repay && strcmp(kind, "writeoff") != 0)
        return hz_fail(e, HZ_EINVAL, "kind: 应为 repay 或 writeoff (must be repay or writeoff)");
    if (amount <= 0) return hz_fail(e, HZ_EINVAL, "amount: 金额须大于 0 (must be positive)");
    if (!reason || !*reason) return hz_fail(e, HZ_EINVAL, "reason: 须说明理由 (a reason is required)");
    hz_member m;
    char norm[HZ_ID_LEN + 1];
    if ((rc = hz_norm_id_number(id_number, norm, sizeof norm, "id_number", e))) return rc;
    id_number = norm;
    if ((rc = hz_db_begin(app->db, e))) return rc;
    hz_fen owes = 0;
    if ((rc = hz_store_member_by_id_number(app->db, id_number, &m, e)) || (rc = hz_authz_member(app, &m, e)) ||
        (rc = hz_payable_member_owes(app, m.id, &owes, e)))
        goto fail;
    bool used = false;
    if (ref && *ref && (rc = hz_store_recovery_ref_used(app->db, ref, &used, e))) goto fail;
    if (used) { /* one bank reference is one repayment */
        rc = hz_fail(e, HZ_ECONFLICT, "ref: 银行流水号 %s 已登记过 (this repayment was recorded before)", ref);
        goto fail;
    }
    if (amount > owes) {
        char b1[HZ_MONEY_BUF], b2[HZ_MONEY_BUF];
        rc = hz_fail(e, HZ_ECONFLICT, "amount: %s 超过会员应追回余额 %s (more than the member owes)",
                     hz_money_format_grouped(amount, b1), hz_money_format_grouped(owes, b2));
        goto fail;
    }
    int64_t id;
    if ((rc = hz_store_recovery_insert(app->db, m.id, kind, amount, reason, ref, app->now, app->actor, &id, e)))
        goto fail;
    char recv[HZ_ACCOUNT_CODE_MAX], key[HZ_TRANSFER_KEY_MAX];
    hz_acct_recv(recv, m.id);
    snprintf(key, sizeof key, "recovery:%" PRId64, id);
    if ((rc = hz_journal_post(app, key, repay ? HZ_ACCT_BANK : HZ_ACCT_WRITEOFF, recv, amount, key, e))) goto fail;
    char object[40], detail[1400], b[HZ_MONEY_BUF], w[900], r[300];
    snprintf(object, sizeof object, "member:%s", m.id_number);
    snprintf(detail, sizeof detail, "{\"kind\":\"%s\",\"amount\":\"%s\",\"reason\":\"%s\",\"ref\":\"%s\"}", kind,
             hz_money_format(amount, b), hz_json_text(reason, 200, w, sizeof w), hz_json_text(ref, 60, r, sizeof r));
    if ((rc = hz_audit(app, repay ? "recovery.repay" : "recovery.writeoff", object, detail, e))) goto fail;
    if ((rc = hz_db_commit(app->db, e))) return rc;
    *owes_after = owes - amount;
    return HZ_OK;
fail:
    hz_db_rollback(app->db);
    return rc;
}

hz_err hz_app_recoveries(hz_app *app, hz_recovery_fn fn, void *ctx, hz_errinfo *e) {
    hz_err rc = hz_authz_can(app, HZ_A_PAY, e);
    if (rc) return rc;
    return hz_store_recoveries(app->db, fn, ctx, e);
}

hz_err hz_app_money_summary(hz_app *app, hz_money_summary *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    hz_err rc = hz_authz_can(app, HZ_A_REPORT, e);
    if (rc) return rc;
    hz_list_scope sc;
    hz_scope_filter(app, &sc);
    return hz_store_money_summary(app->db, &sc, out, e);
}
