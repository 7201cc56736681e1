/* Bank batches as a list (app/batches.h). */
#include "app/batches.h"

#include <stdio.h>
#include <string.h>

#include "app/authz.h"
#include "core/idcard.h"
#include "core/money.h"
#include "core/relief.h"
#include "core/text.h"

#define COPY(dst, src) hz_strlcpy((dst), (src), sizeof(dst))

static const char *const batch_statuses[] = {"", "unfiled", "sent", "partial", "settled", NULL};
static const char *const batch_sorts[] = {"", "batch_no", "created_at", "status", "count", "total", NULL}; /* hz_batch_sort */
static const hz_list_spec batch_spec = {batch_statuses, batch_sorts, 0, "PB"};

typedef struct {
    hz_list_buf b;
    char by[64];
} batch_args;

static hz_err batch_filter(hz_app *app, const hz_batch_query *q, batch_args *a, hz_rec_filter *f, hz_list_scope *sc,
                           hz_errinfo *e) {
    hz_err rc = hz_authz_can(app, HZ_A_PAY, e);
    hz_list_query l = q->l;
    const char *text = l.q;
    l.q = l.unit = NULL; /* a batch's own search below; batches have no unit */
    if (rc || (rc = hz_list_filter(app, &batch_spec, &l, &a->b, f, sc, e))) return rc;
    bool id;
    if ((rc = hz_list_search_text(text, a->b.text, sizeof a->b.text, &id, e))) return rc;
    if (a->b.text[0]) {
        if (id && strlen(a->b.text) == HZ_ID_LEN) {
            f->id_number = a->b.text; /* a payee's whole ID number */
            f->id_exact = true;
        } else if (a->b.text[0]) {
            for (char *p = a->b.text; *p; p++)
                if (*p >= 'a' && *p <= 'z') *p = (char)(*p - 'a' + 'A');
            f->no = a->b.text;   /* a part of the batch number */
            f->name = a->b.text; /* or a payable's whole number */
            f->name_exact = true;
        }
    }
    if (q->by && *q->by) {
        if (strlen(q->by) >= sizeof a->by) return hz_fail(e, HZ_EINVAL, "by: 过长 (too long)");
        hz_strlcpy(a->by, q->by, sizeof a->by);
        f->text = a->by;
    }
    if (q->returned && *q->returned) {
        if (strcmp(q->returned, "1") && strcmp(q->returned, "0"))
            return hz_fail(e, HZ_EINVAL, "returned: 应为 1 或 0 (1 or 0)");
        f->num = q->returned[0] == '1';
    }
    return HZ_OK;
}

hz_err hz_app_batches_list(hz_app *app, const hz_batch_query *q, hz_page pg, hz_batch_row_fn fn, void *ctx,
                           int64_t *total, hz_errinfo *e) {
    batch_args a;
    hz_rec_filter f;
    hz_list_scope sc;
    hz_err rc = batch_filter(app, q, &a, &f, &sc, e);
    if (rc || (rc = hz_page_check(&pg, e))) return rc;
    return hz_store_batches_page(app->db, &sc, &f, (pg.page - 1) * pg.per_page, pg.per_page, fn, ctx, total, e);
}

static const char *batch_status_label(const char *s) {
    return !strcmp(s, "unfiled") ? "银行文件待写出"
           : !strcmp(s, "sent")  ? "待银行回盘"
           : !strcmp(s, "partial") ? "部分回盘"
                                   : "已回盘";
}

static hz_err batch_cells(void *vctx, const hz_batch_row *b, hz_errinfo *e) {
    hz_report *r = vctx;
    char t[24], n[4][24], m[5][HZ_MONEY_BUF];
    snprintf(n[0], sizeof n[0], "%lld", (long long)b->count);
    snprintf(n[1], sizeof n[1], "%lld", (long long)b->paid);
    snprintf(n[2], sizeof n[2], "%lld", (long long)b->failed);
    snprintf(n[3], sizeof n[3], "%lld", (long long)b->pending);
    const char *cells[] = {b->batch_no, hz_list_beijing(b->created_at, t), b->created_by,
                           batch_status_label(b->status), n[0], hz_money_format(b->total, m[0]), n[1],
                           hz_money_format(b->paid_amount, m[1]), n[2], hz_money_format(b->failed_amount, m[2]), n[3],
                           hz_money_format(b->pending_amount, m[3]), hz_money_format(b->offset, m[4])};
    return hz_report_add_row(r, cells, e);
}

hz_err hz_app_batches_export(hz_app *app, const hz_batch_query *q, hz_report *out, hz_errinfo *e) {
    static const hz_report_col cols[] = {
        {"batch_no", "批次号", HZ_COL_TEXT},          {"created_at", "生成时间", HZ_COL_TEXT},
        {"created_by", "生成人", HZ_COL_TEXT},        {"status", "状态", HZ_COL_TEXT},
        {"count", "笔数", HZ_COL_INT},                {"total", "金额（元）", HZ_COL_MONEY},
        {"paid", "已支付笔数", HZ_COL_INT},           {"paid_amount", "已支付金额（元）", HZ_COL_MONEY},
        {"returned", "退回笔数", HZ_COL_INT},         {"returned_amount", "退回金额（元）", HZ_COL_MONEY},
        {"pending", "待回盘笔数", HZ_COL_INT},        {"pending_amount", "待回盘金额（元）", HZ_COL_MONEY},
        {"offset", "抵扣应追回（元）", HZ_COL_MONEY},
    };
    batch_args a;
    hz_rec_filter f;
    hz_list_scope sc;
    hz_err rc = batch_filter(app, q, &a, &f, &sc, e);
    if (rc) return rc;
    hz_report_head(out, "payment_batches", "支付批次", false, (int)(sizeof cols / sizeof cols[0]), cols);
    int64_t total;
    return hz_store_batches_page(app->db, &sc, &f, 0, -1, batch_cells, out, &total, e);
}

typedef struct {
    bool masked;
    int seq;
    hz_batch_item_view_fn fn;
    void *ctx;
} item_ctx;

static hz_err item_row(void *vctx, const hz_payment *p, const char *payable_no, const char *source,
                       const char *purpose, hz_errinfo *e) {
    item_ctx *c = vctx;
    hz_batch_item it;
    memset(&it, 0, sizeof it);
    it.seq = ++c->seq;
    COPY(it.payable_no, payable_no);
    COPY(it.source, source);
    COPY(it.purpose, purpose);
    if (c->masked) hz_relief_mask_name(p->payee_name, it.payee, sizeof it.payee);
    else COPY(it.payee, p->payee_name);
    hz_bank_card_mask(p->bank_card, it.bank_card);
    COPY(it.bank_name, p->bank_name);
    COPY(it.status, p->status);
    COPY(it.bank_ref, p->bank_ref);
    COPY(it.failure_reason, p->failure_reason);
    COPY(it.settled_at, p->settled_at);
    it.amount = p->amount;
    it.offset = p->offset_amount;
    return c->fn(c->ctx, &it, e);
}

hz_err hz_app_batch_show(hz_app *app, const char *batch_no, hz_batch_row *out, hz_batch_item_view_fn fn, void *ctx,
                         hz_errinfo *e) {
    hz_err rc = hz_authz_can(app, HZ_A_PAY, e);
    if (rc || (rc = hz_store_batch_by_no(app->db, batch_no, out, e))) return rc;
    item_ctx c = {!hz_authz_sees_identity(app), 0, fn, ctx};
    return hz_store_batch_items(app->db, out->id, item_row, &c, e);
}
