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
    /* the reason and the bank serial as people read them: blanks around
     * do not make another serial, blanks alone are no reason */
    char norm[HZ_ID_LEN + 1], why[4 * HZ_RECOVERY_REASON_MAX + 1], serial[4 * HZ_RECOVERY_REF_MAX + 1] = "";
    if ((rc = hz_norm_id_number(id_number, norm, sizeof norm, "id_number", e)) ||
        (rc = hz_norm_text(reason, why, sizeof why, "reason", 1, HZ_RECOVERY_REASON_MAX, e)) ||
        (ref && *ref && (rc = hz_norm_text(ref, serial, sizeof serial, "ref", 1, HZ_RECOVERY_REF_MAX, e))))
        return rc;
    id_number = norm;
    reason = why;
    ref = serial;
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
             hz_money_format(amount, b), hz_json_text(reason, HZ_RECOVERY_REASON_MAX, w, sizeof w),
             hz_json_text(ref, HZ_RECOVERY_REF_MAX, r, sizeof r));
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

/* ---- the recoveries list (issue 16) ----------------------------------- */

static const char *const rec_statuses[] = {"", "open", "closed", NULL};
static const char *const rec_sorts[] = {"",          "name",        "id_number", "owes",
                                        "recovered", "written_off", "since",     NULL}; /* hz_recovery_sort */
static const hz_list_spec rec_spec = {rec_statuses, rec_sorts, 0, NULL, true, false, false};

static hz_err rec_filter(hz_app *app, const hz_list_query *q, hz_list_buf *b, hz_rec_filter *f, hz_list_scope *sc,
                         hz_errinfo *e) {
    hz_err rc = hz_authz_can(app, HZ_A_PAY, e);
    if (rc || (rc = hz_list_filter(app, &rec_spec, q, b, f, sc, e))) return rc;
    /* the order of masked numbers would tell the hidden digits apart */
    if (f->sort == HZ_RECOV_SORT_ID_NUMBER && !hz_authz_sees_identity(app))
        return hz_fail(e, HZ_EINVAL, "sort: 身份证号码已遮蔽, 不能按其排序 (masked ID numbers cannot be sorted on)");
    return HZ_OK;
}

hz_err hz_app_recoveries_page(hz_app *app, const hz_list_query *q, hz_page pg, hz_recovery_fn fn, void *ctx,
                              int64_t *total, hz_errinfo *e) {
    hz_list_buf b;
    hz_rec_filter f;
    hz_list_scope sc;
    *total = 0;
    hz_err rc = rec_filter(app, q, &b, &f, &sc, e);
    if (rc || (rc = hz_page_check(&pg, e))) return rc;
    return hz_store_recoveries_page(app->db, &sc, &f, (pg.page - 1) * pg.per_page, pg.per_page, fn, ctx, total, e);
}

static hz_err rec_cells(void *vctx, const hz_recovery_row *r, hz_errinfo *e) {
    hz_list_export *x = vctx;
    char id[HZ_ID_LEN + 1], m[3][HZ_MONEY_BUF], at[24];
    const char *cells[] = {r->name,
                           hz_list_id(x->app, r->id_number, id),
                           r->unit_name,
                           r->owes > 0 ? "未结清" : "已结清",
                           hz_money_format(r->owes, m[0]),
                           hz_money_format(r->recovered, m[1]),
                           hz_money_format(r->written_off, m[2]),
                           hz_list_beijing(r->since, at)};
    return hz_report_add_row(x->r, cells, e);
}

hz_err hz_app_recoveries_export(hz_app *app, const hz_list_query *q, hz_report *out, hz_errinfo *e) {
    static const hz_report_col cols[] = {
        {"name", "姓名", HZ_COL_TEXT},               {"id_number", "身份证号码", HZ_COL_TEXT},
        {"unit_name", "会员单位 / 工会", HZ_COL_TEXT}, {"status", "状态", HZ_COL_TEXT},
        {"owes", "应追回余额（元）", HZ_COL_MONEY},    {"recovered", "已追回（元）", HZ_COL_MONEY},
        {"written_off", "已核销（元）", HZ_COL_MONEY}, {"since", "首次应追回时间", HZ_COL_TEXT},
    };
    hz_list_buf b;
    hz_rec_filter f;
    hz_list_scope sc;
    int64_t n;
    hz_err rc = rec_filter(app, q, &b, &f, &sc, e);
    if (rc) return rc;
    hz_report_head(out, "recoveries_list", "应追回款项", false, (int)(sizeof cols / sizeof cols[0]), cols);
    hz_list_export x = {app, out};
    return hz_store_recoveries_page(app->db, &sc, &f, 0, -1, rec_cells, &x, &n, e);
}
