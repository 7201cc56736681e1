/* Service and legal-aid case use cases (app/cases.h). */
#include "app/cases.h"

#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/authz.h"
#include "app/care.h"
#include "app/lists.h"
#include "app/reports.h"
#include "core/normalize.h"
#include "core/relief.h"
#include "core/text.h"
#include "store/registry.h"
#include "store/users.h"

static const hz_action_def cases_actions[] = {
    {"cases.read", " admin staff reviewer finance cadre unit member "},
    {"cases.open", " admin staff cadre unit member "},
    {"cases.work", " admin staff cadre "},
    {NULL, NULL},
};

static hz_err audit_case(hz_app *app, const char *action, const hz_case *c, const char *what, hz_errinfo *e) {
    char object[48], detail[900], b[HZ_MONEY_BUF], w[700];
    snprintf(object, sizeof object, "case:%s", c->case_no);
    snprintf(detail, sizeof detail,
             "{\"kind\":\"%s\",\"status\":\"%s\",\"assignee\":\"%s\",\"outcome\":\"%s\",\"recovered\":\"%s\","
             "\"text\":\"%s\"}",
             c->kind, c->status, c->assignee, c->outcome, hz_money_format(c->recovered, b),
             hz_json_text(what ? what : "", 200, w, sizeof w));
    return hz_audit(app, action, object, detail, e);
}

hz_err hz_app_case_open(hz_app *app, const char *id_number, const char *kind, const char *summary, hz_fen claimed,
                        hz_case *out, hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "cases.open", e);
    if (rc) return rc;
    memset(out, 0, sizeof *out);
    if (!hz_case_kind_ok(kind))
        return hz_fail(e, HZ_EINVAL, "kind: 应为 wage、legal、injury、consult 或 other (unknown kind)");
    if (hz_norm_is_blank(summary)) return hz_fail(e, HZ_EINVAL, "summary: 必填 (required)");
    if ((rc = hz_norm_text(summary, out->summary, sizeof out->summary, "summary", 1, 160, e))) return rc;
    if (claimed < -1) return hz_fail(e, HZ_EINVAL, "amount: 金额不能为负 (must not be negative)");
    hz_strlcpy(out->kind, kind, sizeof out->kind);
    out->claimed = claimed;
    hz_strlcpy(out->status, "open", sizeof out->status);
    hz_strlcpy(out->opened_at, app->now, sizeof out->opened_at);
    hz_strlcpy(out->opened_by, app->actor, sizeof out->opened_by);
    if ((rc = hz_db_begin(app->db, e))) return rc;
    hz_member m;
    if ((rc = hz_care_member(app, id_number, NULL, &m, e))) goto fail;
    out->member_id = m.id;
    hz_strlcpy(out->id_number, m.id_number, sizeof out->id_number);
    hz_strlcpy(out->name, m.name, sizeof out->name);
    if ((rc = hz_store_case_insert(app->db, out, e)) || (rc = audit_case(app, "case.open", out, out->summary, e)))
        goto fail;
    return hz_db_commit(app->db, e);
fail:
    hz_db_rollback(app->db);
    return rc;
}

/* The case of that number if its member is in the caller's scope. */
static hz_err load_visible(hz_app *app, const char *no, hz_case *out, hz_errinfo *e) {
    hz_err rc = hz_store_case_by_no(app->db, no, out, e);
    if (rc) return rc;
    hz_member m;
    if ((rc = hz_store_member_by_id(app->db, out->member_id, &m, e))) return rc;
    if (hz_authz_member(app, &m, e)) return hz_fail(e, HZ_ENOTFOUND, "案件 %s 不存在 (no such case)", no);
    return HZ_OK;
}

/* Loads a case to work on in the caller's open transaction; closed: HZ_ECONFLICT. */
static hz_err load_open(hz_app *app, const char *no, hz_case *c, const char *verb, hz_errinfo *e) {
    hz_err rc = load_visible(app, no, c, e);
    if (rc) return rc;
    if (!strcmp(c->status, "closed"))
        return hz_fail(e, HZ_ECONFLICT, "案件 %s 已结案 (%s), 不能%s (the case is closed)", c->case_no, c->outcome,
                       verb);
    return HZ_OK;
}

/* May the user of login work this member's case? Their role and scope, as
 * if they were asking. */
static hz_err assignee_ok(hz_app *app, const char *login, int64_t member_id, hz_errinfo *e) {
    hz_user u;
    hz_errinfo ne;
    if (hz_norm_is_blank(login)) return hz_fail(e, HZ_EINVAL, "to: 必填, 承办人的登录名 (required)");
    if (hz_store_user_by_login(app->db, login, &u, &ne) != HZ_OK || u.disabled)
        return hz_fail(e, HZ_EINVAL, "to: 用户 %s 不存在或已停用 (no such user)", login);
    hz_app as = *app;
    hz_member m;
    hz_err rc = hz_authz_set(&as, u.role, u.scope_kind, u.scope_ref, e);
    if (rc) return rc;
    if (hz_authz_can_do(&as, "cases.work", &ne) != HZ_OK)
        return hz_fail(e, HZ_EINVAL, "to: 用户 %s 的角色 %s 不能承办案件 (role %s does not work cases)", login, u.role,
                       u.role);
    if ((rc = hz_store_member_by_id(app->db, member_id, &m, e))) return rc;
    if (hz_authz_member(&as, &m, &ne) != HZ_OK)
        return hz_fail(e, HZ_EINVAL, "to: 用户 %s 的范围看不到该会员 (the member is outside the user's scope)", login);
    return HZ_OK;
}

hz_err hz_app_case_assign(hz_app *app, const char *no, const char *login, hz_case *out, hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "cases.work", e);
    if (rc || (rc = hz_db_begin(app->db, e))) return rc;
    if ((rc = load_open(app, no, out, "分派", e)) || (rc = assignee_ok(app, login, out->member_id, e))) goto fail;
    hz_strlcpy(out->assignee, login, sizeof out->assignee);
    hz_strlcpy(out->status, "assigned", sizeof out->status);
    hz_strlcpy(out->assigned_at, app->now, sizeof out->assigned_at);
    if ((rc = hz_store_case_update(app->db, out, e)) || (rc = audit_case(app, "case.assign", out, NULL, e))) goto fail;
    return hz_db_commit(app->db, e);
fail:
    hz_db_rollback(app->db);
    return rc;
}

hz_err hz_app_case_note(hz_app *app, const char *no, const char *text, hz_case *out, hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "cases.work", e);
    if (rc) return rc;
    char t[1024];
    if (hz_norm_is_blank(text)) return hz_fail(e, HZ_EINVAL, "text: 必填 (required)");
    if ((rc = hz_norm_text(text, t, sizeof t, "text", 1, 300, e)) || (rc = hz_db_begin(app->db, e))) return rc;
    if ((rc = load_open(app, no, out, "记录", e)) ||
        (rc = hz_store_case_note_insert(app->db, out->id, t, app->now, app->actor, e)) ||
        (rc = audit_case(app, "case.note", out, t, e)))
        goto fail;
    return hz_db_commit(app->db, e);
fail:
    hz_db_rollback(app->db);
    return rc;
}

hz_err hz_app_case_close(hz_app *app, const char *no, const char *outcome, hz_fen recovered, hz_case *out,
                         hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "cases.work", e);
    if (rc) return rc;
    if (!hz_case_outcome_ok(outcome))
        return hz_fail(e, HZ_EINVAL, "outcome: 应为 resolved、mediated、litigated 或 withdrawn (unknown outcome)");
    if (recovered < 0) return hz_fail(e, HZ_EINVAL, "recovered: 金额不能为负 (must not be negative)");
    if (recovered > 0 && !strcmp(outcome, "withdrawn"))
        return hz_fail(e, HZ_EINVAL, "recovered: 撤回的案件没有追回金额 (a withdrawn case recovers nothing)");
    if ((rc = hz_db_begin(app->db, e))) return rc;
    if ((rc = load_open(app, no, out, "再次结案", e))) goto fail;
    hz_strlcpy(out->status, "closed", sizeof out->status);
    hz_strlcpy(out->outcome, outcome, sizeof out->outcome);
    out->recovered = recovered;
    hz_strlcpy(out->closed_at, app->now, sizeof out->closed_at);
    hz_strlcpy(out->closed_by, app->actor, sizeof out->closed_by);
    if ((rc = hz_store_case_update(app->db, out, e)) || (rc = audit_case(app, "case.close", out, NULL, e))) goto fail;
    return hz_db_commit(app->db, e);
fail:
    hz_db_rollback(app->db);
    return rc;
}

hz_err hz_app_case_show(hz_app *app, const char *no, hz_case *out, hz_case_note_fn note_fn, void *ctx, hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "cases.read", e);
    if (rc || (rc = load_visible(app, no, out, e))) return rc;
    return note_fn ? hz_store_case_notes(app->db, out->id, note_fn, ctx, e) : HZ_OK;
}

static const char *const case_statuses[] = {"", "open", "assigned", "closed", NULL};
static const char *const case_sorts[] = {"", "no", "name", "kind", "status", "opened_at", NULL}; /* hz_case_sort */
static const hz_list_spec case_spec = {case_statuses, case_sorts, HZ_CASE_SORT_NAME, "AJ"};

static hz_err cases_filter(hz_app *app, const hz_case_query *q, hz_list_buf *b, hz_rec_filter *f, hz_list_scope *sc,
                           hz_errinfo *e) {
    hz_err rc = hz_authz_can_do(app, "cases.read", e);
    if (rc || (rc = hz_list_filter(app, &case_spec, &q->l, b, f, sc, e))) return rc;
    f->text = q->assignee && !strcmp(q->assignee, "me") ? app->actor : q->assignee;
    if ((q->id_number && *q->id_number) || (q->member_ref && *q->member_ref)) {
        hz_member m;
        if ((rc = hz_care_member(app, q->id_number, q->member_ref, &m, e))) return rc;
        if (sc->member_id && sc->member_id != m.id) return hz_fail(e, HZ_ENOTFOUND, "对象不存在 (not found)");
        sc->member_id = m.id;
    }
    return HZ_OK;
}

hz_err hz_app_cases_page(hz_app *app, const hz_case_query *q, hz_page pg, hz_case_row_fn fn, void *ctx, int64_t *total,
                         hz_errinfo *e) {
    hz_list_buf b;
    hz_rec_filter f;
    hz_list_scope sc;
    hz_err rc = cases_filter(app, q, &b, &f, &sc, e);
    if (rc || (rc = hz_page_check(&pg, e))) return rc;
    return hz_store_cases_page(app->db, &sc, &f, (pg.page - 1) * pg.per_page, pg.per_page, fn, ctx, total, e);
}

typedef struct {
    hz_app *app;
    hz_report *r;
} case_export_ctx;

static const char *case_label(const char *s) {
    static const char *const words[][2] = {
        {"open", "待分派"},   {"assigned", "办理中"}, {"closed", "已结案"},   {"wage", "欠薪"},
        {"legal", "法律援助"}, {"injury", "工伤"},    {"consult", "咨询"},    {"other", "其他"},
        {"resolved", "已解决"}, {"mediated", "调解"}, {"litigated", "诉讼"}, {"withdrawn", "撤回"},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (!strcmp(s, words[i][0])) return words[i][1];
    return s;
}

static hz_err case_cells(void *vctx, const hz_case *c, const char *unit_name, hz_errinfo *e) {
    case_export_ctx *x = vctx;
    char id[HZ_ID_LEN + 1], name[HZ_NAME_MAX], claimed[HZ_MONEY_BUF], recovered[HZ_MONEY_BUF], t[3][24];
    if (hz_authz_sees_identity(x->app)) hz_strlcpy(name, c->name, sizeof name);
    else hz_relief_mask_name(c->name, name, sizeof name);
    const char *cells[] = {c->case_no, name, hz_list_id(x->app, c->id_number, id), unit_name, case_label(c->kind),
                           c->summary, case_label(c->status), c->assignee,
                           c->claimed >= 0 ? hz_money_format(c->claimed, claimed) : "", case_label(c->outcome),
                           hz_money_format(c->recovered, recovered), hz_list_beijing(c->opened_at, t[0]),
                           hz_list_beijing(c->assigned_at, t[1]), hz_list_beijing(c->closed_at, t[2])};
    return hz_report_add_row(x->r, cells, e);
}

hz_err hz_app_cases_export(hz_app *app, const hz_case_query *q, hz_report *out, hz_errinfo *e) {
    static const hz_report_col cols[] = {
        {"no", "案件编号", HZ_COL_TEXT},          {"name", "姓名", HZ_COL_TEXT},
        {"id_number", "身份证号码", HZ_COL_TEXT},  {"unit_name", "会员单位 / 工会", HZ_COL_TEXT},
        {"kind", "类别", HZ_COL_TEXT},            {"summary", "事由", HZ_COL_TEXT},
        {"status", "状态", HZ_COL_TEXT},          {"assignee", "承办人", HZ_COL_TEXT},
        {"claimed", "诉求金额（元）", HZ_COL_MONEY}, {"outcome", "结果", HZ_COL_TEXT},
        {"recovered", "追回金额（元）", HZ_COL_MONEY}, {"opened_at", "受理时间", HZ_COL_TEXT},
        {"assigned_at", "分派时间", HZ_COL_TEXT},  {"closed_at", "结案时间", HZ_COL_TEXT},
    };
    hz_list_buf b;
    hz_rec_filter f;
    hz_list_scope sc;
    hz_err rc = cases_filter(app, q, &b, &f, &sc, e);
    if (rc) return rc;
    hz_report_head(out, "cases_list", "服务与法律援助案件", false, (int)(sizeof cols / sizeof cols[0]), cols);
    case_export_ctx x = {app, out};
    int64_t total;
    return hz_store_cases_page(app->db, &sc, &f, 0, -1, case_cells, &x, &total, e);
}

static hz_err case_row(void *ctx, const hz_case_total *t, hz_errinfo *e) {
    char n[24], c[HZ_MONEY_BUF], r[HZ_MONEY_BUF];
    snprintf(n, sizeof n, "%lld", (long long)t->cases);
    const char *cells[] = {t->kind, t->outcome[0] ? t->outcome : "open", n, hz_money_format(t->claimed, c),
                           hz_money_format(t->recovered, r)};
    return hz_report_add_row(ctx, cells, e);
}

/* Cases opened in [from, to] by kind and outcome ("open" while not
 * closed), with the amounts claimed and recovered, in the caller's scope. */
static hz_err build_cases(hz_app *app, const hz_report_args *a, hz_report *out, hz_errinfo *e) {
    static const hz_report_col cols[] = {{"kind", "类别", HZ_COL_TEXT},
                                         {"outcome", "结果", HZ_COL_TEXT},
                                         {"cases", "案件数", HZ_COL_INT},
                                         {"claimed", "诉求金额", HZ_COL_MONEY},
                                         {"recovered", "追回金额", HZ_COL_MONEY}};
    hz_report_head(out, "cases", "服务与法律援助案件（按类别、结果）", false, 5, cols);
    /* --org / ?org= narrows like every report's (it was ignored: the office
     * got every district's cases for one district, a cadre its own for another's) */
    hz_list_scope sc;
    char path[HZ_PATH_MAX];
    hz_err rc = hz_report_scope(app, a, &sc, path, e);
    if (rc) return rc;
    return hz_store_case_totals(app->db, &sc, a->from, a->to, case_row, out, e);
}

static const hz_report_def cases_reports[] = {
    {"cases", "服务与法律援助案件", build_cases},
    {NULL, NULL, NULL},
};

/* The cases module (src/modules.def). */
const hz_app_module hz_app_module_cases = {
    .name = "cases",
    .demo = hz_cases_demo,
    .reports = cases_reports,
    .actions = cases_actions,
};
