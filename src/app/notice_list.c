/* The outbox as staff and members read it (app/notices.h): lists, the
 * export, retry of a failed notice and members' opt-outs. */
#include "app/notices.h"

#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/lists.h"
#include "core/idcard.h"
#include "core/normalize.h"
#include "store/registry.h"

/* ---- lists, retry, preferences ---------------------------------------- */

hz_err hz_app_notices_list(hz_app *app, const char *status, const char *id_number, hz_page pg, hz_notice_fn fn,
                           void *ctx, int64_t *total, hz_errinfo *e) {
    hz_notice_query q = {{.status = status}, NULL, id_number};
    return hz_app_notices_page(app, &q, pg, fn, ctx, total, e);
}

hz_err hz_app_notices_mine(hz_app *app, hz_page pg, hz_notice_fn fn, void *ctx, int64_t *total, hz_errinfo *e) {
    hz_err rc;
    if ((rc = hz_authz_can_do(app, "notices.mine", e)) || (rc = hz_page_check(&pg, e))) return rc;
    hz_list_scope sc = {"", 0, app->who.scope_member_id};
    if (sc.member_id <= 0) return hz_fail(e, HZ_ENOTFOUND, "会员不存在 (no such member)");
    return hz_store_notices_page(app->db, &sc, "", sc.member_id, (pg.page - 1) * pg.per_page, pg.per_page, fn, ctx,
                                 total, e);
}

hz_err hz_app_notice_retry(hz_app *app, const char *notice_no, hz_notice *out, hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "notices.retry", e);
    if (rc || (rc = hz_db_begin(app->db, e))) return rc;
    hz_member m;
    char object[48];
    if ((rc = hz_store_notice_by_no(app->db, notice_no, out, e)) ||
        (rc = hz_store_member_by_id(app->db, out->member_id, &m, e)))
        goto fail;
    if ((rc = hz_authz_member(app, &m, e))) {
        rc = hz_fail(e, HZ_ENOTFOUND, "通知 %s 不存在 (no such notice)", notice_no);
        goto fail;
    }
    snprintf(object, sizeof object, "notice:%s", notice_no);
    if ((rc = hz_store_notice_retry(app->db, notice_no, hz_notice_clock_ms(), e)) ||
        (rc = hz_audit(app, "notices.retry", object, "{}", e)) ||
        (rc = hz_store_notice_by_no(app->db, notice_no, out, e)))
        goto fail;
    return hz_db_commit(app->db, e);
fail:
    hz_db_rollback(app->db);
    return rc;
}

/* the member the preferences are of: the named one in scope, or oneself */
static hz_err pref_member(hz_app *app, const char *id_number, hz_member *m, hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "notices.prefs", e);
    if (rc) return rc;
    if (!id_number || !*id_number) {
        if (app->who.scope_member_id <= 0)
            return hz_fail(e, HZ_EINVAL, "id_number: 须指定会员 (which member)");
        return hz_store_member_by_id(app->db, app->who.scope_member_id, m, e);
    }
    char norm[HZ_ID_LEN + 1];
    if ((rc = hz_norm_id_number(id_number, norm, sizeof norm, "id_number", e)) ||
        (rc = hz_store_member_by_id_number(app->db, norm, m, e)))
        return rc;
    return hz_authz_member(app, m, e);
}

hz_err hz_app_notice_prefs(hz_app *app, const char *id_number, hz_notice_pref_fn fn, void *ctx, hz_errinfo *e) {
    hz_member m;
    hz_err rc = pref_member(app, id_number, &m, e);
    return rc ? rc : hz_store_notice_prefs(app->db, m.id, fn, ctx, e);
}

hz_err hz_app_notice_pref_set(hz_app *app, const char *id_number, const char *channel, const char *kind, bool off,
                              hz_errinfo *e) {
    if (!channel || (strcmp(channel, "webhook") && strcmp(channel, "sms") && strcmp(channel, "wechat")))
        return hz_fail(e, HZ_EINVAL, "channel: 应为 webhook、sms 或 wechat (got '%s')", channel ? channel : "");
    if (!kind || !hz_notice_kind_known(kind)) {
        char all[256];
        return hz_fail(e, HZ_EINVAL, "kind: 未知的通知类型, 应为 %s 或 * (unknown notice kind '%s')",
                       hz_notice_kinds_text(all, sizeof all), kind ? kind : "");
    }
    hz_err rc = hz_db_begin(app->db, e);
    if (rc) return rc;
    hz_member m;
    char object[48], detail[128];
    if ((rc = pref_member(app, id_number, &m, e))) goto fail;
    snprintf(object, sizeof object, "member:%lld", (long long)m.id);
    snprintf(detail, sizeof detail, "{\"channel\":\"%s\",\"kind\":\"%s\",\"off\":%s}", channel, kind,
             off ? "true" : "false");
    if ((rc = hz_store_notice_pref_set(app->db, m.id, channel, kind, off, app->now, app->actor, e)) ||
        (rc = hz_audit(app, "notices.prefs", object, detail, e)))
        goto fail;
    return hz_db_commit(app->db, e);
fail:
    hz_db_rollback(app->db);
    return rc;
}


/* ---- the outbox as a list (issue 16) ---------------------------------- */

static const char *const n_statuses[] = {"", "pending", "sending", "sent", "failed", "skipped", NULL};
static const char *const n_sorts[] = {"",         "no",         "name",    "kind", "status",
                                      "attempts", "created_at", "sent_at", NULL}; /* hz_notice_sort */
/* the outbox shows names in full (ID numbers masked): no name sort to refuse */
static const hz_list_spec n_spec = {n_statuses, n_sorts, 0, "TZ", false, false, false};

static hz_err n_filter(hz_app *app, const hz_notice_query *q, hz_list_buf *b, hz_rec_filter *f, hz_list_scope *sc,
                       hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "notices.read", e);
    if (rc || (rc = hz_list_filter(app, &n_spec, &q->list, b, f, sc, e))) return rc;
    f->text = "";
    if (q->kind && *q->kind) {
        char all[256];
        if (!strcmp(q->kind, "*") || !hz_notice_kind_known(q->kind))
            return hz_fail(e, HZ_EINVAL, "kind: 应为 %s 之一 (one of these; got '%s')",
                           hz_notice_kinds_text(all, sizeof all), q->kind);
        f->text = q->kind;
    }
    if (q->id_number && *q->id_number) {
        hz_member m;
        char norm[HZ_ID_LEN + 1];
        if ((rc = hz_norm_id_number(q->id_number, norm, sizeof norm, "id_number", e)) ||
            (rc = hz_store_member_by_id_number(app->db, norm, &m, e)) || (rc = hz_authz_member(app, &m, e)))
            return rc;
        f->num = m.id;
    }
    return HZ_OK;
}

hz_err hz_app_notices_page(hz_app *app, const hz_notice_query *q, hz_page pg, hz_notice_fn fn, void *ctx,
                           int64_t *total, hz_errinfo *e) {
    hz_list_buf b;
    hz_rec_filter f;
    hz_list_scope sc;
    *total = 0;
    hz_err rc = n_filter(app, q, &b, &f, &sc, e);
    if (rc || (rc = hz_page_check(&pg, e))) return rc;
    return hz_store_notices_list(app->db, &sc, &f, (pg.page - 1) * pg.per_page, pg.per_page, fn, ctx, total, e);
}

static const char *n_status_label(const char *s) {
    return !strcmp(s, "pending")   ? "待发送"
           : !strcmp(s, "sending") ? "发送中"
           : !strcmp(s, "sent")    ? "已发送"
           : !strcmp(s, "failed")  ? "发送失败"
           : !strcmp(s, "skipped") ? "未发送（已退订或无渠道）"
                                   : s;
}

static hz_err n_cells(void *vctx, const hz_notice *n, hz_errinfo *e) {
    hz_list_export *x = vctx;
    char id[HZ_ID_LEN + 1], attempts[16], t[2][24];
    snprintf(attempts, sizeof attempts, "%d", n->attempts);
    const char *cells[] = {n->notice_no, n->kind,        n->title,    n->object, n->member_name,
                           hz_list_id(x->app, n->id_number, id), n_status_label(n->status), attempts, n->channel,
                           n->last_error, hz_list_beijing(n->created_at, t[0]), hz_list_beijing(n->sent_at, t[1])};
    return hz_report_add_row(x->r, cells, e);
}

hz_err hz_app_notices_export(hz_app *app, const hz_notice_query *q, hz_report *out, hz_errinfo *e) {
    static const hz_report_col cols[] = {
        {"no", "通知编号", HZ_COL_TEXT},          {"kind", "类型", HZ_COL_TEXT},
        {"title", "标题", HZ_COL_TEXT},           {"object", "事项", HZ_COL_TEXT},
        {"name", "姓名", HZ_COL_TEXT},            {"id_number", "身份证号码", HZ_COL_TEXT},
        {"status", "状态", HZ_COL_TEXT},          {"attempts", "尝试次数", HZ_COL_INT},
        {"channel", "渠道", HZ_COL_TEXT},         {"last_error", "最近错误", HZ_COL_TEXT},
        {"created_at", "生成时间", HZ_COL_TEXT},  {"sent_at", "发送时间", HZ_COL_TEXT},
    };
    hz_list_buf b;
    hz_rec_filter f;
    hz_list_scope sc;
    int64_t n;
    hz_err rc = n_filter(app, q, &b, &f, &sc, e);
    if (rc) return rc;
    hz_report_head(out, "notices", "通知发件箱", false, (int)(sizeof cols / sizeof cols[0]), cols);
    hz_list_export x = {app, out};
    return hz_store_notices_list(app->db, &sc, &f, 0, -1, n_cells, &x, &n, e);
}
