/* Payment batches and bank confirmations. */
#include "app/payments.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/module.h"
#include "core/text.h"
#include "io/bank.h"
#include "io/table.h"
#include "store/claim.h"
#include "store/payment.h"
#include "store/registry.h"

typedef struct {
    hz_app *app;
    FILE *f;
    int64_t batch_id;
    hz_batch_report *rep;
} batch_ctx;

static hz_err add_claim(void *vctx, const hz_claim *c, hz_errinfo *e) {
    batch_ctx *b = vctx;
    hz_member m;
    hz_err rc = hz_store_member_by_id(b->app->db, c->member_id, &m, e);
    if (rc) return rc;
    if (!m.bank_card[0]) {
        b->rep->skipped_no_card++;
        return HZ_OK;
    }
    if ((rc = hz_store_payment_insert(b->app->db, c->id, b->batch_id, c->total, m.name, m.bank_card, m.bank_name,
                                      b->app->now, e)))
        return rc;
    b->rep->count++;
    if (!hz_money_add(b->rep->total, c->total, &b->rep->total)) return hz_fail(e, HZ_EINVAL, "total: 溢出 (overflow)");
    char purpose[64];
    snprintf(purpose, sizeof purpose, "职工互助金 %s", c->claim_no);
    hz_bank_row row = {(int)b->rep->count, m.name, m.bank_card, m.bank_name, purpose, c->claim_no, c->total};
    hz_bank_batch_row(b->f, &row);
    return HZ_OK;
}

hz_err hz_app_pay_batch(hz_app *app, const char *out_path, hz_batch_report *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    hz_err arc = hz_authz_can(app, HZ_A_PAY, e);
    if (arc) return arc;
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp.%d", out_path, (int)getpid());
    FILE *f = fopen(tmp, "wb");
    if (!f) return hz_fail(e, HZ_EINVAL, "out: 无法写入 %s (cannot write)", out_path);
    hz_bank_batch_header(f);
    hz_err rc = hz_db_begin(app->db, e);
    if (rc) goto fail_file;
    /* the batch row first (its id ties payments to it); count and total are
     * written when known */
    char batch_no[32];
    snprintf(batch_no, sizeof batch_no, "PB%.4s%.2s%.2s-%.2s%.2s%.2s", app->now, app->now + 5, app->now + 8,
             app->now + 11, app->now + 14, app->now + 17);
    batch_ctx b = {app, f, 0, out};
    if ((rc = hz_store_batch_insert(app->db, batch_no, 0, 0, app->now, app->actor, &b.batch_id, e))) goto fail_tx;
    snprintf(out->batch_no, sizeof out->batch_no, "%s-%lld", batch_no, (long long)b.batch_id);
    if ((rc = hz_store_claims_payable(app->db, add_claim, &b, e))) goto fail_tx;
    if (out->count == 0) { /* nothing to pay: no batch */
        hz_db_rollback(app->db);
        fclose(f);
        unlink(tmp);
        out->batch_no[0] = '\0';
        return HZ_OK;
    }
    char detail[160], fee[HZ_MONEY_BUF];
    snprintf(detail, sizeof detail, "{\"count\":%lld,\"total\":\"%s\"}", (long long)out->count,
             hz_money_format(out->total, fee));
    if ((rc = hz_store_batch_finish(app->db, b.batch_id, out->batch_no, out->count, out->total, e)) ||
        (rc = hz_audit(app, "payment.batch", out->batch_no, detail, e)))
        goto fail_tx;
    if (fflush(f) != 0 || ferror(f)) {
        rc = hz_fail(e, HZ_EINVAL, "out: 写入失败 (write failed)");
        goto fail_tx;
    }
    if ((rc = hz_db_commit(app->db, e))) goto fail_file;
    fclose(f);
    if (rename(tmp, out_path) != 0) return hz_fail(e, HZ_EINVAL, "out: 无法写入 %s (rename failed)", out_path);
    return HZ_OK;
fail_tx:
    hz_db_rollback(app->db);
fail_file:
    fclose(f);
    unlink(tmp);
    return rc;
}

enum { B_REF, B_RESULT, B_REASON, B_BANKREF, B_COUNT };

typedef struct {
    hz_app *app;
    hz_confirm_report *rep;
    int col[B_COUNT];
    bool write;
} confirm_ctx;

static hz_err confirm_row(void *vctx, long row, char **f, int n, hz_errinfo *e) {
    confirm_ctx *c = vctx;
    static const char *const heads[B_COUNT] = {"业务编号", "结果", "失败原因", "银行流水号"};
    if (row == 1) {
        for (int k = 0; k < B_COUNT; k++) {
            c->col[k] = -1;
            for (int i = 0; i < n; i++) {
                const char *h = f[i];
                if (i == 0 && !strncmp(h, "\xEF\xBB\xBF", 3)) h += 3;
                if (!strcmp(h, heads[k])) c->col[k] = i;
            }
        }
        if (c->col[B_REF] < 0 || c->col[B_RESULT] < 0)
            return hz_fail(e, HZ_EINVAL, "第1行: 缺少列 业务编号 或 结果 (row 1: missing columns)");
        return HZ_OK;
    }
    const char *v[B_COUNT];
    for (int k = 0; k < B_COUNT; k++) v[k] = c->col[k] >= 0 && c->col[k] < n ? f[c->col[k]] : "";
    if (!*v[B_REF] && !*v[B_RESULT]) return HZ_OK;
    hz_confirm_report *r = c->rep;
    bool ok = !strcmp(v[B_RESULT], "成功"), failed = !strcmp(v[B_RESULT], "失败");
    if (!c->write) r->rows++;
    if (!ok && !failed) {
        if (!c->write) hz_report_error(&r->rejected, &r->n_listed, &r->n_rejected, row, "结果", "应为 成功 或 失败");
        return HZ_OK;
    }
    hz_claim claim;
    hz_errinfo ne;
    hz_err rc = hz_store_claim_by_no(c->app->db, v[B_REF], &claim, &ne);
    if (rc == HZ_ENOTFOUND) {
        if (!c->write) hz_report_error(&r->rejected, &r->n_listed, &r->n_rejected, row, "业务编号", ne.msg);
        return HZ_OK;
    }
    if (rc) return hz_fail(e, rc, "%s", ne.msg);
    int64_t pay;
    char status[12];
    hz_fen amount;
    if ((rc = hz_store_payment_live(c->app->db, claim.id, &pay, status, &amount, e))) return rc;
    if (!pay || strcmp(status, "pending") != 0) {
        if (!pay && !c->write)
            hz_report_error(&r->rejected, &r->n_listed, &r->n_rejected, row, "业务编号",
                            "该理赔申请没有待支付的款项 (no pending payment)");
        else if (c->write) r->duplicate++;
        return HZ_OK;
    }
    if (!c->write) return HZ_OK;
    if (ok) {
        if ((rc = hz_store_payment_settle(c->app->db, pay, "paid", v[B_BANKREF], NULL, c->app->now, e))) return rc;
        hz_strlcpy(claim.status, "paid", sizeof claim.status);
        hz_strlcpy(claim.paid_at, c->app->now, sizeof claim.paid_at);
        claim.bank_failure[0] = '\0';
        r->paid++;
    } else {
        const char *why = *v[B_REASON] ? v[B_REASON] : "银行未说明原因";
        if ((rc = hz_store_payment_settle(c->app->db, pay, "failed", v[B_BANKREF], why, c->app->now, e))) return rc;
        hz_strlcpy(claim.status, "approved", sizeof claim.status);
        hz_strlcpy(claim.bank_failure, why, sizeof claim.bank_failure);
        r->failed++;
    }
    if ((rc = hz_store_claim_update(c->app->db, &claim, e))) return rc;
    char object[40], detail[320], b[HZ_MONEY_BUF];
    snprintf(object, sizeof object, "claim:%s", claim.claim_no);
    snprintf(detail, sizeof detail, "{\"result\":\"%s\",\"amount\":\"%s\",\"bank_ref\":\"%.40s\",\"reason\":\"%.120s\"}",
             ok ? "paid" : "failed", hz_money_format(amount, b), v[B_BANKREF], ok ? "" : v[B_REASON]);
    return hz_audit(c->app, ok ? "payment.paid" : "payment.failed", object, detail, e);
}

hz_err hz_app_pay_confirm(hz_app *app, const char *path, hz_confirm_report *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    hz_table *t;
    hz_err rc = hz_authz_can(app, HZ_A_PAY, e);
    if (rc || (rc = hz_table_open(path, HZ_ENC_AUTO, &t, e))) return rc;
    confirm_ctx c = {app, out, {0}, false};
    if ((rc = hz_table_each(t, confirm_row, &c, e))) goto done;
    if (out->n_rejected) {
        rc = hz_fail(e, HZ_EINVAL, "%ld 行有误, 未处理任何结果 (%ld invalid rows; nothing applied)", out->n_rejected,
                     out->n_rejected);
        goto done;
    }
    if ((rc = hz_db_begin(app->db, e))) goto done;
    c.write = true;
    if ((rc = hz_table_each(t, confirm_row, &c, e))) {
        hz_db_rollback(app->db);
        goto done;
    }
    rc = hz_db_commit(app->db, e);
done:
    hz_table_free(t);
    return rc;
}

void hz_confirm_report_free(hz_confirm_report *r) {
    free(r->rejected);
    r->rejected = NULL;
}

static const char *const payments_reports[] = {"payouts", NULL};
/* The payments module (src/modules.def); its demo data is part of the core's. */
const hz_app_module hz_app_module_payments = {"payments", NULL, payments_reports};

